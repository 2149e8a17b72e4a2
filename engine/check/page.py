"""Page-level rules: paper size, margins, font and colour of every run, page numbers."""

from __future__ import annotations

import unicodedata

from engine.check.rules import Violation, violation
from engine.check.text import alignment_name, fmt, sizes_text
from engine.docx.model import Document, HeaderFooter, Paragraph, Section, Table, iter_paragraphs
from engine.nd30.layout import A4, MARGINS_MM, twips_to_mm

SIZE_TOLERANCE = 20  # twips
MARGIN_TOLERANCE = 0.5  # mm, for rounding in the producing program
PORTRAIT_MARGINS = MARGINS_MM
MARGIN_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


def _turned(top: str, bottom: str) -> dict[str, tuple[int, int]]:
    """The portrait ranges on a landscape page whose `top` and `bottom` edges take two portrait sides' ranges."""
    return {"top": MARGINS_MM[top], "bottom": MARGINS_MM[bottom], "left": MARGINS_MM["top"],
            "right": MARGINS_MM["bottom"]}


# A landscape page bound on its short edge keeps the binding margin on the top or bottom edge.
LANDSCAPE_MARGINS = (PORTRAIT_MARGINS, _turned("left", "right"), _turned("right", "left"))


def check_page(document: Document) -> list[Violation]:
    """KG-1 and LE-1 for every section."""
    found: list[Violation] = []
    for number, section in enumerate(document.sections):
        label = f"Phần (section) {number + 1}: " if len(document.sections) > 1 else ""
        landscape = _is_size(section, (A4[1], A4[0]))
        if not _is_size(section, A4) and not landscape:
            found.append(violation("ND30-KG-1", f"{label}khổ giấy phải là A4 (210 × 297 mm); đang là "
                                   f"{_mm(section.page_width)} × {_mm(section.page_height)} mm."))
        elif landscape and not _section_has_table(document, number):
            found.append(violation("ND30-KG-1", f"{label}trang khổ ngang chỉ dùng cho phần có bảng biểu rộng; "
                                   "phần này không có bảng."))
        found.extend(_check_margins(section, label, landscape))
    return found


def _is_size(section: Section, size: tuple[int, int]) -> bool:
    return (abs(section.page_width - size[0]) <= SIZE_TOLERANCE
            and abs(section.page_height - size[1]) <= SIZE_TOLERANCE)


def _mm(twips: int) -> str:
    return fmt(twips_to_mm(twips))


def _section_has_table(document: Document, number: int) -> bool:
    return any(isinstance(b, Table) and b.section_index == number for b in document.blocks)


def _check_margins(section: Section, label: str, landscape: bool) -> list[Violation]:
    margins = section.margins_mm()
    options = LANDSCAPE_MARGINS if landscape else (PORTRAIT_MARGINS,)
    if any(not _margin_errors(margins, option) for option in options):
        return []
    errors = _margin_errors(margins, PORTRAIT_MARGINS)
    return [violation("ND30-LE-1", f"{label}" + "; ".join(errors) + ".")]


def _margin_errors(margins: dict[str, float], ranges: dict[str, tuple[int, int]]) -> list[str]:
    errors = []
    for side, (low, high) in ranges.items():
        value = margins[side]
        if not low - MARGIN_TOLERANCE <= value <= high + MARGIN_TOLERANCE:
            errors.append(f"lề {MARGIN_NAMES[side]} cần từ {low} đến {high} mm, đang là {fmt(value)} mm")
    return errors


def all_document_paragraphs(document: Document) -> list[Paragraph]:
    """Body, header and footer paragraphs, text boxes included."""
    paragraphs = document.paragraphs()
    for part in document.header_footer_parts():
        paragraphs.extend(iter_paragraphs(part.blocks))
    return [*paragraphs, *[box for p in paragraphs for box in p.textboxes]]


def check_fonts(document: Document) -> list[Violation]:
    """FONT-1 (Times New Roman), FONT-2 (black), FONT-3 (precomposed Unicode), once per paragraph."""
    found: list[Violation] = []
    for paragraph in all_document_paragraphs(document):
        runs = paragraph.text_runs
        fonts = sorted({name for run in runs for name in (run.fonts.ascii, run.fonts.h_ansi)
                        if name and name.strip().lower() != "times new roman"})
        if fonts:
            found.append(violation("ND30-FONT-1", f"phông chữ phải là Times New Roman; đang dùng {', '.join(fonts)}.",
                                   paragraph.text))
        colors = sorted({run.color or "" for run in runs if (run.color or "auto").lower() not in {"auto", "000000"}})
        if colors:
            found.append(violation("ND30-FONT-2", f"chữ phải màu đen; đang có màu {', '.join('#' + c for c in colors)}.",
                                   paragraph.text))
        if paragraph.text != unicodedata.normalize("NFC", paragraph.text):
            found.append(violation("ND30-FONT-3", "chữ phải dùng Unicode dựng sẵn (NFC, TCVN 6909:2001); "
                                   "đoạn này có dấu tổ hợp (Unicode tổ hợp).", paragraph.text))
    return found


def check_page_numbers(document: Document) -> list[Violation]:
    """ST-1: a PAGE field only in a header, centred, 13-14, upright. ST-2: none on page 1."""
    found: list[Violation] = []
    for part in document.header_footer_parts():
        for paragraph in iter_paragraphs(part.blocks):
            if paragraph.has_page_field:
                found.extend(_page_number_format(part, paragraph))
    if document.sections:
        for part in _first_page_parts(document):
            if any(p.has_page_field for p in iter_paragraphs(part.blocks)):
                where = "đầu trang" if part.place == "header" else "chân trang"
                found.append(violation("ND30-ST-2", f"trang thứ nhất không hiển thị số trang; {where} của trang 1 "
                                       "đang có trường PAGE (cần bật \"Different First Page\" với đầu trang "
                                       "trang 1 để trống).", _field_text(part)))
    return found


def _page_number_format(part: HeaderFooter, paragraph: Paragraph) -> list[Violation]:
    problems = []
    if part.place == "footer":
        problems.append("số trang phải ở giữa lề trên (đầu trang), không ở chân trang")
    if paragraph.alignment != "center":
        problems.append(f"số trang phải căn giữa, đang căn {alignment_name(paragraph.alignment)}")
    number_runs = [run for run in paragraph.runs if run.in_page_field] or paragraph.runs
    sizes = sorted({run.size_pt for run in number_runs})
    if any(not 12.99 <= size <= 14.01 for size in sizes):
        problems.append(f"cỡ chữ số trang phải 13-14, đang là {sizes_text(sizes)}")
    if any(run.italic for run in number_runs):
        problems.append("số trang phải chữ đứng, không nghiêng")
    if not problems:
        return []
    return [violation("ND30-ST-1", "; ".join(problems) + ".", paragraph.text or "PAGE")]


def _first_page_parts(document: Document) -> list[HeaderFooter]:
    """The header and footer Word shows on page 1 (titlePg → the "first" ones, which may be absent)."""
    section = document.sections[0]
    variant = "first" if section.title_pg else "default"
    return [part for part in (section.headers.get(variant), section.footers.get(variant)) if part is not None]


def _field_text(part: HeaderFooter) -> str:
    return next((p.text for p in iter_paragraphs(part.blocks) if p.has_page_field), "") or "PAGE"
