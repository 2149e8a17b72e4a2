"""Header rules: Quốc hiệu, Tiêu ngữ, agency name, Số/ký hiệu, place and date (ô 1-4)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from engine.check.rules import Violation, violation
from engine.check.locate import Layout, Unit
from engine.check.text import (
    all_runs, any_runs, canon, clean, collapse, fmt, is_blank, is_caps, line_width_mm, sizes_of, sizes_text,
    sizes_within,
)
from engine.docx.model import Paragraph
from engine.nd30.kinds import COPY_ABBREVIATIONS, TYPE_ABBREVIATIONS, Kind
from engine.nd30.layout import TEXT_W, twips_to_mm
from engine.nd30.metrics import text_width_mm
from engine.nd30.texts import QUOC_HIEU, QUOC_HIEU_VARIANTS, TIEU_NGU

RULE_TOLERANCE = 0.15  # Tiêu ngữ rule within ±15 % of the text width
AGENCY_RULE_RATIO = (0.30, 0.55)  # 1/3-1/2 of the name line, with some slack
_ABBREVIATED = re.compile(r"\b(UBND|HĐND|VN)\b")
KNOWN_ABBREVIATIONS = set(TYPE_ABBREVIATIONS.values()) | set(COPY_ABBREVIATIONS)
_CASE_SENSITIVE = {a for a in KNOWN_ABBREVIATIONS if a != a.upper()}  # QyĐ, CTr, TTr, TrS


@dataclass
class Rule:
    """A horizontal rule found under some text: a paragraph border or a drawn line."""

    drawn: str  # "border" or "graphic"
    width_mm: float | None


def container_width_mm(layout: Layout, paragraph: Paragraph) -> float:
    """Width available to the paragraph's lines: cell (or page text) width minus its indents."""
    cell_width = paragraph.cell.text_width_twips if paragraph.cell else None
    if cell_width is None:
        sections = layout.document.sections
        section = sections[min(paragraph.section_index, len(sections) - 1)] if sections else None
        cell_width = section.text_width_twips if section else TEXT_W
    return twips_to_mm(cell_width - paragraph.left_indent - paragraph.right_indent)


def find_rule(layout: Layout, texts: list[Unit]) -> Rule | None:
    """A rule drawn under the last of `texts`: its bottom border, a drawn line, or the next paragraph's border."""
    for unit in reversed(texts):
        for graphic in unit.para.graphics:
            if graphic.is_rule:
                return Rule("graphic", graphic.width_mm)
    last = texts[-1]
    if last.para.border_bottom:
        return Rule("border", container_width_mm(layout, last.para))
    for unit in layout.following(last)[:3]:
        para = unit.para
        drawn = next((g for g in para.graphics if g.is_rule), None)
        if drawn is not None:
            return Rule("graphic", drawn.width_mm)
        if para.border_top or (unit.empty and para.border_bottom):
            return Rule("border", container_width_mm(layout, para))
        if not unit.empty:
            break
    return None


def header_line_widths(layout: Layout) -> list[float]:
    """Lengths of all lines drawn in the header: Word often anchors both rules to one paragraph."""
    return [graphic.width_mm for unit in layout.units if unit.block <= layout.header_end_block
            for graphic in unit.para.graphics if graphic.is_rule and graphic.width_mm]


def check_header(layout: Layout) -> list[Violation]:
    """QH-*, TN-*, CQ-*, SO-*, NG-*."""
    return [*_quoc_hieu(layout), *_tieu_ngu(layout), *_agency(layout), *_so(layout), *_date(layout)]


def style_problems(paragraph: Paragraph, low: float, high: float, bold: bool | None, italic: bool | None) -> list[str]:
    problems = []
    if bold is True and not all_runs(paragraph, "bold"):
        problems.append("phải in đậm")
    if bold is False and any_runs(paragraph, "bold"):
        problems.append("không được in đậm")
    if italic is False and any_runs(paragraph, "italic"):
        problems.append("phải chữ đứng, không nghiêng")
    if italic is True and not all_runs(paragraph, "italic"):
        problems.append("phải in nghiêng")
    if not sizes_within(paragraph, low, high):
        expected = fmt(low) if low == high else f"{fmt(low)}-{fmt(high)}"
        problems.append(f"cỡ chữ phải {expected}, đang là {sizes_text(sizes_of(paragraph))}")
    return problems


def joined(problems: list[str], subject: str) -> str:
    return f"{subject} " + "; ".join(problems) + "."


def _quoc_hieu(layout: Layout) -> list[Violation]:
    unit = layout.quoc_hieu
    if unit is None:
        return [violation("ND30-QH-1", f"không tìm thấy Quốc hiệu \"{QUOC_HIEU}\".")]
    found = []
    raw = clean(unit.para.display_text.replace("\n", " "))
    if raw not in QUOC_HIEU_VARIANTS:
        hint = "phải viết in hoa" if not is_caps(raw) else "thừa dấu cách" if collapse(raw) in QUOC_HIEU_VARIANTS else ""
        found.append(violation("ND30-QH-1", f"Quốc hiệu phải là \"{QUOC_HIEU}\"" + (f" ({hint})" if hint else "")
                               + f"; đang là \"{raw}\".", raw))
    problems = style_problems(unit.para, 12, 13, bold=True, italic=False)
    if problems:
        found.append(violation("ND30-QH-2", joined(problems, "Quốc hiệu"), raw))
    found.extend(_quoc_hieu_fits(layout, unit, raw))
    return found


def _quoc_hieu_fits(layout: Layout, unit: Unit, raw: str) -> list[Violation]:
    if layout.quoc_hieu_broken:
        return [violation("ND30-QH-3", "Quốc hiệu phải nằm trên một dòng; đang bị ngắt bằng dấu xuống dòng.", raw)]
    width = line_width_mm(unit.para)
    available = container_width_mm(layout, unit.para) - twips_to_mm(max(unit.para.first_line_indent, 0))
    if width <= available + 0.05:
        return []
    return [violation("ND30-QH-3", f"Quốc hiệu rộng khoảng {fmt(width)} mm nhưng chỗ trình bày chỉ rộng "
                      f"{fmt(available)} mm nên bị xuống dòng; cần ô rộng hơn hoặc cỡ chữ 12.", raw)]


def _tieu_ngu(layout: Layout) -> list[Violation]:
    unit = layout.tieu_ngu
    if unit is None:
        return [violation("ND30-TN-1", f"không tìm thấy Tiêu ngữ \"{TIEU_NGU}\" dưới Quốc hiệu.")]
    found = []
    raw = clean(unit.para.display_text)
    if raw != TIEU_NGU:
        found.append(violation("ND30-TN-1", f"Tiêu ngữ phải là \"{TIEU_NGU}\" ({_tieu_ngu_hint(raw)}); "
                               f"đang là \"{raw}\".", raw))
    problems = style_problems(unit.para, 13, 14, bold=True, italic=False)
    if problems:
        found.append(violation("ND30-TN-2", joined(problems, "Tiêu ngữ"), raw))
    found.extend(_tieu_ngu_rule(layout, unit, raw))
    return found


def _tieu_ngu_hint(raw: str) -> str:
    if re.search("[–—‒―−]", raw):
        return "dùng gạch nối \"-\", không dùng gạch ngang dài \"–\""
    if re.search(r"\S-|-\S", raw):
        return "có một dấu cách ở hai bên mỗi gạch nối"
    if canon(raw) == canon(TIEU_NGU):
        return "viết hoa chữ cái đầu mỗi cụm từ, còn lại chữ thường"
    if collapse(raw) == TIEU_NGU:
        return "thừa dấu cách"
    return "sai nội dung"


def _tieu_ngu_rule(layout: Layout, unit: Unit, raw: str) -> list[Violation]:
    if any_runs(unit.para, "underline"):
        return [violation("ND30-TN-3", "dưới Tiêu ngữ phải là đường kẻ ngang liền nét (vẽ bằng Draw hoặc đường "
                          "viền đoạn văn) dài bằng dòng chữ, không dùng gạch chân chữ (Underline).", raw)]
    texts = [u for u in (layout.quoc_hieu, unit) if u is not None and u.cell_key == unit.cell_key]
    rule = find_rule(layout, texts or [unit])
    sizes = sizes_of(unit.para) or [13.0]
    expected = text_width_mm(TIEU_NGU, sizes[0], bold=True)
    fits = [w for w in header_line_widths(layout) if abs(w - expected) <= RULE_TOLERANCE * expected]
    if rule is None and not fits:
        return [violation("ND30-TN-3", "thiếu đường kẻ ngang liền nét dưới Tiêu ngữ, dài bằng dòng chữ.", raw)]
    if rule is None or rule.width_mm is None or abs(rule.width_mm - expected) <= RULE_TOLERANCE * expected or fits:
        return []
    return [violation("ND30-TN-3", f"đường kẻ dưới Tiêu ngữ dài {fmt(rule.width_mm)} mm; phải dài bằng dòng Tiêu "
                      f"ngữ (khoảng {fmt(expected)} mm ở cỡ {fmt(sizes[0])}).", raw)]


def _agency(layout: Layout) -> list[Violation]:
    units = layout.agency
    if not units:
        return [violation("ND30-CQ-1", "không tìm thấy tên cơ quan, tổ chức ban hành (ô bên trái, trên dòng Số).")]
    found = [violation("ND30-CQ-1", joined(problems, "Tên cơ quan"), unit.text)
             for unit in units if (problems := _agency_line_problems(unit))]
    structure = _agency_structure(units)
    if structure:
        found.append(violation("ND30-CQ-1", structure, " / ".join(u.text for u in units)))
    found.extend(_agency_rule(layout, units))
    return found


def _agency_line_problems(unit: Unit) -> list[str]:
    problems = [] if is_caps(unit.text) else ["phải viết chữ in hoa"]
    if any_runs(unit.para, "italic"):
        problems.append("phải chữ đứng, không nghiêng")
    if not sizes_within(unit.para, 12, 13):
        problems.append(f"cỡ chữ phải 12-13, đang là {sizes_text(sizes_of(unit.para))}")
    return problems


def _agency_structure(units: list[Unit]) -> str:
    """Chủ quản lines (not bold) come first, the issuing body (bold, written in full) last."""
    bold = [all_runs(u.para, "bold") for u in units]
    if not bold[-1]:
        return "tên cơ quan, tổ chức ban hành (dòng cuối) phải in đậm."
    first_bold = bold.index(True)
    if not all(bold[first_bold:]):
        return "dòng tên cơ quan chủ quản (không đậm) phải nằm trên tên cơ quan ban hành (đậm)."
    issuing = units[first_bold:]
    if len(issuing) > 1 and _ABBREVIATED.search(issuing[0].text):
        return f"tên cơ quan chủ quản \"{issuing[0].text}\" không được in đậm (chỉ tên cơ quan ban hành in đậm)."
    if any(_ABBREVIATED.search(u.text) for u in issuing):
        return "tên cơ quan ban hành phải viết đầy đủ, không viết tắt (chỉ tên cơ quan chủ quản được viết tắt)."
    return ""


def _agency_rule(layout: Layout, units: list[Unit]) -> list[Violation]:
    names = [u for u in units if all_runs(u.para, "bold")] or units
    text = " / ".join(u.text for u in names)
    rule = find_rule(layout, units)
    longest = max(min(line_width_mm(u.para), container_width_mm(layout, u.para)) for u in names)
    low, high = (ratio * longest for ratio in AGENCY_RULE_RATIO)
    fits = [w for w in header_line_widths(layout) if low <= w <= high]
    if rule is None and not fits:
        return [violation("ND30-CQ-2", "thiếu đường kẻ ngang liền nét dưới tên cơ quan ban hành "
                          "(dài 1/3 đến 1/2 dòng chữ, đặt giữa).", text)]
    if rule is None or rule.width_mm is None or longest <= 0 or low <= rule.width_mm <= high or fits:
        return []
    ratio = rule.width_mm / longest
    return [violation("ND30-CQ-2", f"đường kẻ dưới tên cơ quan dài {fmt(rule.width_mm)} mm, bằng "
                      f"{fmt(ratio * 100, 0)}% dòng chữ dài nhất ({fmt(longest)} mm); phải từ 1/3 đến 1/2.", text)]


def _so(layout: Layout) -> list[Violation]:
    unit = layout.number
    if unit is None:
        return [violation("ND30-SO-1", "không tìm thấy dòng \"Số: .../...\" dưới tên cơ quan ban hành.")]
    raw = clean(unit.para.display_text)
    found = []
    problems = so_problems(raw, layout.kind)
    if problems:
        found.append(violation("ND30-SO-1", "số, ký hiệu: " + "; ".join(problems) + ".", raw))
    style = style_problems(unit.para, 13, 13, bold=False, italic=False)
    if style:
        found.append(violation("ND30-SO-2", joined(style, "Số, ký hiệu"), raw))
    return found


def so_problems(raw: str, kind: Kind | None) -> list[str]:
    """What is wrong in a "Số: NN/KÝHIỆU" line of a document of `kind` (empty list when it is correct)."""
    match = re.match(r"^Số(\s*)(:?)(\s*)(.*)$", raw)
    if not match:
        return ["phải bắt đầu bằng \"Số:\""]
    problems = []
    if match.group(1) or not match.group(2):
        problems.append("viết \"Số:\" (dấu hai chấm liền sau chữ Số)")
    rest = match.group(4)
    if "/" not in rest:
        return problems + ["thiếu dấu \"/\" giữa số và ký hiệu"]
    number, symbol = rest.split("/", 1)
    spaced = bool(match.group(3)) or (not match.group(2) and bool(match.group(1)))
    problems += _number_problems(number, spaced)
    return problems + _symbol_problems(symbol, kind)


def _number_problems(number: str, spaced: bool) -> list[str]:
    if is_blank(number):
        return []  # a draft: the number is written in by the văn thư after signing
    problems = [] if spaced else ["cần một dấu cách sau \"Số:\""]
    if number != number.rstrip():
        problems.append("không có dấu cách trước \"/\"")
    digits = number.strip()
    if not digits.isdigit():
        return problems + [f"số văn bản phải là chữ số Ả Rập, đang là \"{digits}\""]
    if len(digits) < 2:
        problems.append(f"số nhỏ hơn 10 phải thêm số 0 ở trước (0{digits})")
    elif len(digits) > 2 and digits.startswith("0"):
        problems.append("chỉ thêm số 0 ở trước cho số nhỏ hơn 10")
    return problems


def _symbol_problems(symbol: str, kind: Kind | None) -> list[str]:
    problems = [] if symbol == symbol.lstrip() else ["không có dấu cách sau \"/\""]
    symbol = re.sub(r"^\d{4}/", "", symbol.strip())  # văn bản QPPL carry the year: 12/2025/QĐ-UBND
    groups = symbol.split("-")
    if any(g != g.strip() for g in groups):
        problems.append("không có dấu cách quanh dấu \"-\"")
    groups = [g.strip() for g in groups]
    if "CV" in {g.upper() for g in groups}:
        problems.append("không dùng \"CV\": công văn không có chữ viết tắt tên loại (ví dụ 12/UBND-VP)")
    if len(groups) < 2 or not all(groups):
        problems.append("ký hiệu gồm chữ viết tắt tên loại (hoặc tên cơ quan) và tên cơ quan/đơn vị, nối bằng \"-\"")
    named = kind is not None and bool(kind.abbreviation)  # công văn have no abbreviation
    if named:
        problems += _abbreviation_problems(groups[0], kind)
    rest = groups[1:] if named else groups
    if any(g != g.upper() and g not in _CASE_SENSITIVE for g in rest if g.upper() != "CV"):
        problems.append("ký hiệu phải viết chữ in hoa")
    return problems


def _abbreviation_problems(first: str, kind: Kind) -> list[str]:
    expected = kind.abbreviation
    if first == expected or first.upper() == "CV":
        return []
    if first.upper() == expected.upper():
        return [f"chữ viết tắt tên loại phải viết đúng hoa/thường \"{expected}\" (PL III), đang là \"{first}\""]
    if first in KNOWN_ABBREVIATIONS:
        return [f"chữ viết tắt \"{first}\" không khớp tên loại {kind.name} (phải là \"{expected}\")"]
    return [f"chữ viết tắt tên loại {kind.name} phải là \"{expected}\" theo PL III, đang là \"{first}\""]


def _date(layout: Layout) -> list[Violation]:
    unit = layout.date
    if unit is None:
        if layout.kind is not None and layout.kind.key == "bien_ban":
            return []  # biên bản have no place/date line in the header
        return [violation("ND30-NG-1", "không tìm thấy dòng \"Địa danh, ngày ... tháng ... năm ...\".")]
    raw = collapse(unit.para.display_text)
    found = []
    problems = date_problems(raw)
    if problems:
        found.append(violation("ND30-NG-1", "địa danh, ngày tháng: " + "; ".join(problems) + ".", raw))
    style = style_problems(unit.para, 13, 14, bold=False, italic=True)
    if style:
        found.append(violation("ND30-NG-2", joined(style, "Dòng địa danh, ngày tháng"), raw))
    return found


def date_problems(raw: str) -> list[str]:
    """What is wrong in "<Địa danh>, ngày DD tháng M năm YYYY" (blanks allowed in drafts)."""
    match = re.match(r"^(.+?)(,?)\s*ngày\s*(.*?)\s*tháng\s*(.*?)\s*năm\s*(.*?)\s*$", raw)
    if not match:
        return ["phải theo mẫu \"Địa danh, ngày ... tháng ... năm ...\""]
    place, comma, day, month, year = match.groups()
    problems = [] if comma else ["phải có dấu phẩy sau địa danh"]
    if not place[:1].isupper():
        problems.append("địa danh phải viết hoa chữ cái đầu")
    problems += _day_problems(day) + _month_problems(month)
    if not (re.fullmatch(r"\d{4}", year) or is_blank(year) or re.fullmatch(r"\d{2,3}[.…_]+", year)):
        problems.append(f"năm phải ghi đủ 4 chữ số, đang là \"{year}\"")
    if not problems and day.isdigit() and month.isdigit() and year.isdigit():
        try:
            date(int(year), int(month), int(day))
        except ValueError:
            problems.append(f"ngày {day} tháng {month} năm {year} không có thật")
    return problems


def _day_problems(day: str) -> list[str]:
    if is_blank(day) or re.fullmatch(r"0[1-9]|[12]\d|3[01]", day):
        return []
    if re.fullmatch(r"[1-9]", day):
        return [f"ngày từ 1 đến 9 phải thêm số 0 ở trước (ngày 0{day})"]
    return [f"ngày không hợp lệ: \"{day}\""]


def _month_problems(month: str) -> list[str]:
    if is_blank(month) or re.fullmatch(r"0[12]|[3-9]|1[0-2]", month):
        return []
    if re.fullmatch(r"0[3-9]", month):
        return [f"tháng 3 đến 9 không thêm số 0 ở trước (viết \"tháng {month[1]}\", không viết \"tháng {month}\")"]
    if re.fullmatch(r"[12]", month):
        return [f"tháng 1 và 2 phải thêm số 0 ở trước (tháng 0{month})"]
    return [f"tháng không hợp lệ: \"{month}\""]
