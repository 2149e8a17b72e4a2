"""Structure rules: Kính gửi, điểm letters and bold Điều labels, appendices, post-2025 administrative units.

Phần, Chương, Mục headings and the numbering sequences are in parts.py.
"""

from __future__ import annotations

import re

from engine.check.rules import Violation, violation
from engine.check.locate import Layout
from engine.check.header import joined, style_problems
from engine.check.text import all_runs, canon, clean, collapse, is_caps
from engine.docx.model import Paragraph
from engine.nd30.forms import DIEM_LETTERS
from engine.nd30.texts import ITEM_DASH, KINH_GUI_LABEL
from engine.nd30.reform import OLD_UNITS

VI_LETTERS = "".join(DIEM_LETTERS)  # điểm letters, as the generator numbers them: no f, j, w, z; đ follows d
_DIEM = re.compile(r"^([a-zđ])\)\s")
_DIEM_ORDER = ", ".join(f"{letter})" for letter in DIEM_LETTERS[:7])  # a), b), c), d), đ), e), g)
_NOT_DIEM = ", ".join(c for c in "abcdefghijklmnopqrstuvwxyz" if c not in DIEM_LETTERS)  # f, j, w, z
_KINH_GUI = canon(KINH_GUI_LABEL.rstrip(":"))
_DIEU = re.compile(r"^Điều\s+\d+\.")
_RESETS = re.compile(r"^(\d+(\.\d+)*\.|[IVXLCDM]+\.|Điều\s+\d+|Chương|Mục|Phần)")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_APPENDIX = re.compile(r"^phụ lục(\s+(\S+))?$")


def check_structure(layout: Layout) -> list[Violation]:
    """KGI-1, ND-7, PL-1, DV-1."""
    return [*_recipients_to(layout), *_numbering(layout), *_appendices(layout), *_old_units(layout)]


def _recipients_to(layout: Layout) -> list[Violation]:
    if not layout.recipients_to:
        if layout.kind_line is None and layout.vv is not None and not _recipients_to_in_table(layout):
            return [violation("ND30-KGI-1", f"công văn phải có \"{KINH_GUI_LABEL}\" và tên cơ quan, người nhận.",
                              layout.vv.text)]
        return []
    label, recipients = layout.recipients_to[0], layout.recipients_to[1:]
    written = clean(label.display_text).startswith(KINH_GUI_LABEL)
    problems = [] if written else [f"viết \"{KINH_GUI_LABEL}\" (có dấu hai chấm)"]
    problems += style_problems(label, 13, 14, bold=None, italic=False)
    found = [violation("ND30-KGI-1", joined(problems, "Dòng Kính gửi"), label.text)] if problems else []
    for number, paragraph in enumerate(recipients):
        message = _recipient_problem(clean(paragraph.display_text), number == len(recipients) - 1)
        if message:
            found.append(violation("ND30-KGI-1", message, paragraph.text))
    return found


def _recipients_to_in_table(layout: Layout) -> bool:
    return any(u.para.cell is not None and canon(u.text).startswith(_KINH_GUI) for u in layout.units)


def _recipient_problem(text: str, last: bool) -> str:
    if not text.startswith(ITEM_DASH):
        return f"mỗi nơi nhận sau \"{KINH_GUI_LABEL}\" bắt đầu bằng \"{ITEM_DASH}\"."
    if last and not text.endswith("."):
        return f"nơi nhận cuối cùng sau \"{KINH_GUI_LABEL}\" kết thúc bằng dấu chấm \".\"."
    if not last and not text.endswith(";"):
        return f"mỗi nơi nhận sau \"{KINH_GUI_LABEL}\" kết thúc bằng dấu chấm phẩy \";\"."
    return ""


def _numbering(layout: Layout) -> list[Violation]:
    found: list[Violation] = []
    previous: str | None = None
    for paragraph in layout.body:
        text = clean(paragraph.display_text)
        diem = _DIEM.match(text)
        if diem:
            message = _diem_problem(diem.group(1), previous)
            if message:
                found.append(violation("ND30-ND-7", message, text))
            previous = diem.group(1)
        elif _RESETS.match(text):
            previous = None
        found.extend(_dieu_label(paragraph, text))
    return found


def _diem_problem(letter: str, previous: str | None) -> str:
    if letter not in VI_LETTERS:
        return (f"điểm \"{letter})\" không dùng được: thứ tự điểm là {_DIEM_ORDER}, … "
                f"(không có {_NOT_DIEM}).")
    expected = "a" if previous is None or previous not in VI_LETTERS else _successor(previous)
    if letter != expected and letter != "a":
        return f"sau điểm \"{previous})\" phải là điểm \"{expected})\", đang là \"{letter})\"." if previous else \
            f"điểm đầu tiên phải là \"a)\", đang là \"{letter})\"."
    return ""


def _successor(letter: str) -> str:
    index = VI_LETTERS.index(letter)
    return VI_LETTERS[index + 1] if index + 1 < len(VI_LETTERS) else letter


def _dieu_label(paragraph: Paragraph, text: str) -> list[Violation]:
    dieu = _DIEU.match(text)
    if dieu and not prefix_bold(paragraph, dieu.end()):
        return [violation("ND30-ND-7", f"\"{dieu.group(0)}\" phải in đậm.", text)]
    return []


def prefix_bold(paragraph: Paragraph, length: int) -> bool:
    """True when every run overlapping the first `length` visible characters is bold."""
    full = paragraph.display_text
    offset = len(full) - len(full.lstrip())
    position = 0
    for run in paragraph.runs:
        start, end = position, position + len(run.display_text)
        position = end
        if end <= offset or not run.display_text.strip():
            continue
        if start >= offset + length:
            break
        if not run.bold:
            return False
    return True


def _appendices(layout: Layout) -> list[Violation]:
    found: list[Violation] = []
    items = [p for p in layout.top_level(layout.body_end_block + 1) if collapse(p.display_text)]
    for number, paragraph in enumerate(items):
        match = _APPENDIX.match(canon(paragraph.display_text))
        if match and paragraph.alignment == "center":
            found.extend(_appendix(paragraph, items[number + 1:number + 3], match.group(2)))
    return found


def _appendix(label: Paragraph, following: list[Paragraph], numeral: str | None) -> list[Violation]:
    problems = style_problems(label, 14, 14, bold=True, italic=False)
    if numeral and not _ROMAN.match(numeral.upper()):
        problems.append("số thứ tự phụ lục là chữ số La Mã (Phụ lục I, II, …)")
    found = [violation("ND30-PL-1", joined(problems, "Dòng \"Phụ lục\""), label.text)] if problems else []
    if following:
        title = following[0]
        problems = [] if is_caps(collapse(title.display_text)) else ["phải viết chữ in hoa"]
        problems += style_problems(title, 13, 14, bold=True, italic=False)
        if problems:
            found.append(violation("ND30-PL-1", joined(problems, "Tên phụ lục"), title.text))
    reference = next((p for p in following if clean(p.display_text).startswith("(Kèm theo")), None)
    if reference is not None and not (all_runs(reference, "italic")):
        found.append(violation("ND30-PL-1", "dòng \"(Kèm theo …)\" dưới tên phụ lục phải in nghiêng.", reference.text))
    return found


def _old_units(layout: Layout) -> list[Violation]:
    """From 01/7/2025 there is no district level and no thị trấn: flag them in header, place, Kính gửi, Nơi nhận."""
    if layout.date is None or not _after_reform(collapse(layout.date.para.display_text)):
        return []
    texts = [u.text for u in (*layout.agency, layout.date, *layout.recipient_items)]
    texts += [clean(p.display_text) for p in layout.recipients_to]  # Kính gửi: addressed to a district is wrong too
    return [violation("ND30-DV-1", f"từ 01/7/2025 không còn cấp huyện và thị trấn; không ghi \"{match.group(1)}\" "
                      "trong tên cơ quan, địa danh, kính gửi hoặc nơi nhận.", text)
            for text in texts if (match := OLD_UNITS.search(canon(text)))]


def _after_reform(date_line: str) -> bool:
    match = re.search(r"tháng\s*(\d{0,2})\D*năm\s*(\d{4})", date_line)
    if not match:
        return False
    year, month = int(match.group(2)), int(match.group(1) or 0)
    return year > 2025 or (year == 2025 and month >= 7)
