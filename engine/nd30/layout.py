"""Page geometry shared by the shipped templates, the engine and the checker: one source for every measured length.

Lengths are in twips (1/20 pt, 1/1440 inch), the unit of OOXML; the Decree's millimetres are converted once here.
"""

from __future__ import annotations

TWIPS_PER_INCH = 1440
MM_PER_INCH = 25.4
TWIPS_PER_MM = TWIPS_PER_INCH / MM_PER_INCH
TWIPS_PER_PT = 20

# NĐ30 PL I, I.3: the margins a portrait page may have, in mm (top, bottom 20-25; left 30-35; right 15-20).
MARGINS_MM: dict[str, tuple[int, int]] = {"top": (20, 25), "bottom": (20, 25), "left": (30, 35), "right": (15, 20)}
# A4 portrait; the templates take the smallest margins, 20/20/30/15 mm; 851 twips so never under 15 mm.
PAGE_W, PAGE_H = 11906, 16838
A4 = (PAGE_W, PAGE_H)                                   # width × height in portrait
MARGIN_TOP = MARGIN_BOTTOM = 1134
MARGIN_LEFT, MARGIN_RIGHT = 1701, 851
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT            # 9354 twips = 165 mm
# Header columns: the right one holds the 13 pt bold Quốc hiệu (95.7 mm) on one line.
HEAD_LEFT = 3515                                        # 62 mm: the agency block
HEAD_RIGHT = TEXT_W - HEAD_LEFT
# Signature table (ô 9b beside ô 7): Nơi nhận on the left, the signer's block on the right.
SIGN_LEFT = 4111                                        # 72.5 mm
SIGN_RIGHT = TEXT_W - SIGN_LEFT

# Body paragraphs (NĐ30 PL I, II.6): first line indented 1 cm or 1.27 cm; the templates use 1.27 cm.
BODY_INDENTS = (567, 720)                               # 1 cm, 1.27 cm
BODY_INDENT = BODY_INDENTS[1]
PARAGRAPH_GAP_MIN = 120                                 # 6 pt between paragraphs at least
KINH_GUI_INDENT = 1701                                  # 30 mm: where "Kính gửi:" starts when it heads a list

TEXT_WIDTH_MM = TEXT_W / TWIPS_PER_MM
HEAD_LEFT_MM = HEAD_LEFT / TWIPS_PER_MM
AGENCY_PT = 13  # agency block and Quốc hiệu
TIEU_NGU_PT = 14  # the Tiêu ngữ one size above a 13 pt Quốc hiệu


def twips_to_mm(twips: float) -> float:
    """A length in twips, in millimetres."""
    return twips / TWIPS_PER_MM
