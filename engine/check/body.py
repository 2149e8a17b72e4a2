"""Rules from the kind's name down: trích yếu, V/v, căn cứ, body paragraphs, signature, Nơi nhận."""

from __future__ import annotations

import re

from engine.check.rules import Violation, violation
from engine.check.locate import DECISION_RE, PREFIX_RE, Layout, Unit
from engine.check.header import find_rule, joined, style_problems
from engine.check.parts import heading_paragraphs
from engine.check.text import (
    all_runs, alignment_name, canon, clean, collapse, fmt, is_caps, sizes_of, sizes_text, sizes_within,
)
from engine.docx.model import Paragraph
from engine.nd30.layout import BODY_INDENTS, PARAGRAPH_GAP_MIN, TWIPS_PER_MM, TWIPS_PER_PT
from engine.nd30.texts import (
    ARCHIVE_LABEL, ARCHIVE_UNIT, AS_ABOVE, AUTHORITY_PREFIXES, END_MARK, ITEM_DASH, NOI_NHAN_LABEL,
)

INDENTS = BODY_INDENTS  # 1 cm and 1.27 cm in twips
INDENT_TOLERANCE = 20
MIN_GAP = PARAGRAPH_GAP_MIN  # 6 pt between paragraphs
SINGLE_LINE = 1.15  # Times New Roman line height in em (ascent + descent + line gap)
_TWIPS_PER_CM = TWIPS_PER_MM * 10
_AS_ABOVE_LINE = f"{ITEM_DASH}{AS_ABOVE};"  # "- Như trên;"
_ARCHIVE_LINE = f"{ITEM_DASH}{ARCHIVE_LABEL} {ARCHIVE_UNIT}, ..."  # "- Lưu: VT, ..."
_DEGREES = re.compile(r"^(GS|PGS|TS|ThS|KS|BS|CN|TSKH|Tiến sĩ|Thạc sĩ|Giáo sư|Phó Giáo sư)\.?\s", re.IGNORECASE)
_DRAFTER_NOTE = re.compile(r"^[A-ZĐ]{1,8}\.?\s*\(?\d+\)?\.?$|^…|^\.\.\.")


def check_body(layout: Layout) -> list[Violation]:
    """TL-*, TY-*, VV-*, CC-*, ND-*, CK-*, NN-*."""
    return [*_kind_line(layout), *_summary(layout), *_vv(layout), *_bases(layout), *_body(layout),
            *_signature(layout), *_recipients(layout)]


def _kind_line(layout: Layout) -> list[Violation]:
    unit = layout.kind_line
    if unit is None:
        return []  # công văn have no type name
    problems = [] if is_caps(unit.text) else ["phải viết chữ in hoa"]
    problems += style_problems(unit.para, 13, 14, bold=True, italic=False)
    if unit.para.alignment != "center":
        problems.append(f"phải căn giữa, đang căn {alignment_name(unit.para.alignment)}")
    return [violation("ND30-TL-1", joined(problems, "Tên loại văn bản"), unit.text)] if problems else []


def _summary(layout: Layout) -> list[Violation]:
    if layout.kind_line is None or not layout.summary:
        return []
    found = []
    for unit in layout.summary:
        problems = ["viết chữ thường (chỉ viết hoa chữ đầu), không viết toàn chữ in hoa"] if is_caps(unit.text) else []
        problems += style_problems(unit.para, 13, 14, bold=True, italic=False)
        if unit.para.alignment != "center":
            problems.append(f"phải căn giữa, đang căn {alignment_name(unit.para.alignment)}")
        if problems:
            found.append(violation("ND30-TY-1", joined(problems, "Trích yếu"), unit.text))
    if find_rule(layout, layout.summary) is None:
        found.append(violation("ND30-TY-2", "thiếu đường kẻ ngang liền nét dưới trích yếu (dài 1/3 đến 1/2 dòng "
                               "chữ, đặt giữa).", layout.summary[-1].text))
    return found


def _vv(layout: Layout) -> list[Violation]:
    unit = layout.vv
    if unit is None:
        return []
    raw = clean(unit.para.display_text)
    problems = []
    if not raw.startswith("V/v"):
        problems.append("viết \"V/v\" (V hoa, v thường)")
    if re.match(r"^v/v\s*:", raw, re.IGNORECASE):
        problems.append("không có dấu hai chấm sau \"V/v\"")
    problems += style_problems(unit.para, 12, 13, bold=False, italic=False)
    return [violation("ND30-VV-1", joined(problems, "Trích yếu công văn"), raw)] if problems else []


def _bases(layout: Layout) -> list[Violation]:
    found = []
    for paragraph in layout.bases:
        problems = style_problems(paragraph, 13, 14, bold=None, italic=True)
        if problems:
            found.append(violation("ND30-CC-1", joined(problems, "Căn cứ ban hành"), paragraph.text))
    for number, paragraph in enumerate(layout.bases):
        last = number == len(layout.bases) - 1
        message = _basis_ending(clean(paragraph.display_text), last, layout.after_bases)
        if message:
            found.append(violation("ND30-CC-2", message, paragraph.text))
    return found


def _basis_ending(text: str, last: bool, following: Paragraph | None) -> str:
    """Each căn cứ ends with ";" and the last with "."; a lead-in sentence may continue after ";"."""
    if not last:
        return "" if text.endswith(";") else "mỗi căn cứ kết thúc bằng dấu chấm phẩy \";\"."
    if text.endswith("."):
        return ""
    if text.endswith(";") and following is not None:
        next_text = collapse(following.display_text)
        if not DECISION_RE.match(canon(next_text)) and next_text[:1].isupper():
            return ""  # the căn cứ run into a lead-in ("Ủy ban nhân dân xã … như sau:"), as in Kế hoạch
    return "căn cứ cuối cùng kết thúc bằng dấu chấm \".\"."


def _is_heading(paragraph: Paragraph) -> bool:
    return all_runs(paragraph, "bold")


def _body(layout: Layout) -> list[Violation]:
    found: list[Violation] = []
    headings = heading_paragraphs(layout)  # Phần/Chương/Mục lines: centred, their layout is ND-8's
    for paragraph in layout.body:
        found.extend(_body_paragraph(paragraph, id(paragraph) in headings))
    found.extend(_spacing(layout))
    if layout.body:
        last = layout.body[-1]
        if not clean(last.display_text).endswith(END_MARK):
            found.append(violation("ND30-ND-6", f"đoạn cuối của nội dung phải kết thúc bằng dấu \"{END_MARK}\".",
                                   last.text))
    return found


def _body_paragraph(paragraph: Paragraph, heading: bool = False) -> list[Violation]:
    found = []
    text = paragraph.text
    if not sizes_within(paragraph, 13, 14):
        found.append(violation("ND30-ND-3", f"cỡ chữ nội dung phải 13-14, đang là {sizes_text(sizes_of(paragraph))}.", text))
    line = _line_spacing_problem(paragraph)
    if line:
        found.append(violation("ND30-ND-5", line, text))
    if heading:
        return found
    if paragraph.alignment == "center":
        if not (_is_heading(paragraph) or all_runs(paragraph, "italic")):
            found.append(violation("ND30-ND-1", "đoạn văn nội dung phải căn đều hai lề, đang căn giữa.", text))
        return found  # centred headings (Chương, Mục, QUYẾT ĐỊNH:) take no first-line indent
    allowed = ("both", "left") if _is_heading(paragraph) else ("both",)
    if paragraph.alignment not in allowed:
        found.append(violation("ND30-ND-1", f"đoạn văn nội dung phải căn đều hai lề, đang căn "
                               f"{alignment_name(paragraph.alignment)}.", text))
    indent = paragraph.first_line_indent
    if not any(abs(indent - target) <= INDENT_TOLERANCE for target in INDENTS):
        found.append(violation("ND30-ND-2", f"dòng đầu đoạn văn phải lùi vào 1 cm hoặc 1,27 cm, đang là "
                               f"{fmt(indent / _TWIPS_PER_CM, 2)} cm.", text))
    return found


def _line_spacing_problem(paragraph: Paragraph) -> str:
    value, rule = paragraph.line_spacing, paragraph.line_rule
    if value is None:
        return ""
    size = max(sizes_of(paragraph) or [13.0])
    max_twips = 1.5 * SINGLE_LINE * size * TWIPS_PER_PT
    if rule == "auto":
        ok, shown = 239 <= value <= 361, f"{fmt(value / 240, 2)} dòng"
    elif rule == "exact":
        ok, shown = 299 <= value <= max_twips + 1, f"chính xác {fmt(value / TWIPS_PER_PT)} pt"
    else:
        ok, shown = value <= max_twips + 1, f"tối thiểu {fmt(value / TWIPS_PER_PT)} pt"
    if ok:
        return ""
    return f"cách dòng phải từ một dòng (hoặc chính xác từ 15 pt) đến 1,5 dòng, đang là {shown}."


def _spacing(layout: Layout) -> list[Violation]:
    """≥ 6 pt between consecutive body paragraphs (an empty paragraph between them also counts)."""
    found = []
    blocks = layout.document.blocks
    body_ids = {id(p) for p in layout.body}
    previous: Paragraph | None = None
    for block in blocks:
        if not isinstance(block, Paragraph):
            previous = None
            continue
        if id(block) not in body_ids:
            previous = None if not collapse(block.display_text) else previous
            continue
        if previous is not None and _gap(previous, block) < MIN_GAP - 1:
            found.append(violation("ND30-ND-4", f"khoảng cách giữa các đoạn văn phải tối thiểu 6 pt, đang là "
                                   f"{fmt(_gap(previous, block) / TWIPS_PER_PT)} pt.", block.text))
        previous = block
    return found


def _gap(before: Paragraph, after: Paragraph) -> int:
    same_style = before.style_id == after.style_id
    space_after = 0 if before.contextual_spacing and same_style else before.space_after
    space_before = 0 if after.contextual_spacing and same_style else after.space_before
    return space_after + space_before


def _signature(layout: Layout) -> list[Violation]:
    units = [u for u in layout.signature if not _parenthesised(u.text)]
    if not units:
        return [violation("ND30-CK-1", "không tìm thấy khối chữ ký (quyền hạn, chức vụ, họ tên người ký).")]
    name = units[-1] if len(units) > 1 and not is_caps(units[-1].text) else None
    titles = units[:-1] if name is not None else units
    found = [violation("ND30-CK-1", joined(problems, "Quyền hạn, chức vụ người ký"), unit.text)
             for unit in titles if (problems := _title_problems(unit))]
    if name is None:
        found.append(violation("ND30-CK-2", "không tìm thấy họ tên người ký (chữ thường, in đậm) dưới chức vụ.",
                               units[-1].text))
    elif problems := _name_problems(name):
        found.append(violation("ND30-CK-2", joined(problems, "Họ tên người ký"), name.text))
    return found


def _parenthesised(text: str) -> bool:
    return text.startswith("(") and text.endswith(")")


def _title_problems(unit: Unit) -> list[str]:
    problems = [] if is_caps(unit.text) else ["phải viết chữ in hoa"]
    if PREFIX_RE.match(unit.text) and not unit.text.startswith(AUTHORITY_PREFIXES):
        problems.append("viết quyền hạn là TM., KT., TL., TUQ. hoặc Q. (in hoa, có dấu chấm)")
    return problems + style_problems(unit.para, 13, 14, bold=True, italic=False)


def _name_problems(unit: Unit) -> list[str]:
    problems = []
    if _DEGREES.match(unit.text):
        problems.append("không ghi học hàm, học vị trước họ tên")
    return problems + style_problems(unit.para, 13, 14, bold=True, italic=False)


def _recipients(layout: Layout) -> list[Violation]:
    label = layout.recipients
    if label is None:
        return [violation("ND30-NN-1", f"không tìm thấy \"{NOI_NHAN_LABEL}\" ở cuối văn bản.")]
    found = []
    problems = [] if clean(label.para.display_text) == NOI_NHAN_LABEL else [f"phải viết đúng \"{NOI_NHAN_LABEL}\""]
    problems += style_problems(label.para, 12, 12, bold=True, italic=True)
    if problems:
        found.append(violation("ND30-NN-1", joined(problems, "\"Nơi nhận:\""), label.text))
    found.extend(_recipient_items(layout.recipient_items))
    if layout.recipients_to and layout.recipient_items and clean(layout.recipient_items[0].text) != _AS_ABOVE_LINE:
        found.append(violation("ND30-NN-2", f"văn bản có \"Kính gửi\" thì dòng nơi nhận đầu tiên là \"{_AS_ABOVE_LINE}\".",
                               layout.recipient_items[0].text))
    found.extend(_level(layout, label))
    return found


def _recipient_items(items: list[Unit]) -> list[Violation]:
    if items and _DRAFTER_NOTE.match(items[-1].text) and len(items) > 1:
        items = items[:-1]  # ô 12: ký hiệu người soạn thảo, số lượng bản
    if not items:
        return [violation("ND30-NN-2", f"dưới \"{NOI_NHAN_LABEL}\" phải liệt kê nơi nhận, dòng cuối \"{_ARCHIVE_LINE}\".")]
    found = []
    for number, unit in enumerate(items):
        problems = _item_problems(unit, number == len(items) - 1)
        if problems:
            found.append(violation("ND30-NN-2", joined(problems, "Dòng nơi nhận"), unit.text))
    return found


def _item_problems(unit: Unit, last: bool) -> list[str]:
    text = clean(unit.para.display_text)
    problems = []
    if not text.startswith(ITEM_DASH) and unit.para.list_label != ITEM_DASH.strip():
        problems.append(f"bắt đầu bằng gạch nối và dấu cách \"{ITEM_DASH}\"")
    if last:
        if not re.match(rf"^({ITEM_DASH})?{ARCHIVE_LABEL}", text):
            problems.append(f"dòng cuối là \"{_ARCHIVE_LINE}\"")
        if not text.endswith("."):
            problems.append("dòng cuối kết thúc bằng dấu chấm \".\"")
    elif not text.endswith(";"):
        problems.append("kết thúc bằng dấu chấm phẩy \";\"")
    problems += style_problems(unit.para, 11, 11, bold=None, italic=None)
    if all_runs(unit.para, "bold") or all_runs(unit.para, "italic"):
        problems.append("chữ đứng, không đậm")
    return problems


def _level(layout: Layout, label: Unit) -> list[Violation]:
    """Nơi nhận sits on the same table row, at the same line, as the first authority line."""
    first = next((u for u in layout.signature if not _parenthesised(u.text)), None)
    if first is None:
        return []
    same_row = (label.cell_key is not None and first.cell_key is not None
                and label.cell_key[:2] == first.cell_key[:2])
    if same_row and _lines_before(layout, label) == _lines_before(layout, first):
        return []
    return [violation("ND30-NN-3", "\"Nơi nhận:\" phải ngang hàng với dòng quyền hạn, chức vụ người ký "
                      "(cùng hàng của bảng, cùng dòng đầu).", f"{label.text} / {first.text}")]


def _lines_before(layout: Layout, unit: Unit) -> int:
    return sum(1 for u in layout.cell_units(unit.cell_key) if u.pos < unit.pos)

