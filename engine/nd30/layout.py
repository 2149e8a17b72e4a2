"""Page geometry shared by the shipped templates and the engine: one source for every measured length."""

from __future__ import annotations

TWIPS_PER_MM = 1440 / 25.4

# A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm (NĐ30 PL I, I.2); 851 twips so never under 15 mm.
PAGE_W, PAGE_H = 11906, 16838
MARGIN_TOP = MARGIN_BOTTOM = 1134
MARGIN_LEFT, MARGIN_RIGHT = 1701, 851
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT            # 9354 twips = 165 mm
# Header columns: the right one holds the 13 pt bold Quốc hiệu (95.7 mm) on one line.
HEAD_LEFT = 3515                                        # 62 mm: the agency block
HEAD_RIGHT = TEXT_W - HEAD_LEFT

TEXT_WIDTH_MM = TEXT_W / TWIPS_PER_MM
HEAD_LEFT_MM = HEAD_LEFT / TWIPS_PER_MM
AGENCY_PT = 13  # agency block and Quốc hiệu
