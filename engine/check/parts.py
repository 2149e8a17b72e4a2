"""Parts and deep structure (NĐ30 PL I, II.6): Phần, Chương, Mục headings, their titles, and numbering.

A document is divided either as phần/chương/mục/tiểu mục/điều/khoản/điểm or as phần/mục (I., II.)/khoản/điểm.
Only exact heading forms count: "Phần I", "Phần thứ nhất", "PHẦN I", "Chương II", "Mục 1" alone on a line
(or followed on the same line by a title in capitals); "Phần lớn …" and "Chương trình …" are ordinary text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.check.header import joined
from engine.check.locate import Layout, split_lines
from engine.check.rules import Violation, violation
from engine.check.structure import prefix_bold
from engine.check.text import alignment_name, all_runs, any_runs, canon, collapse, is_caps
from engine.docx.model import Paragraph
from engine.nd30.forms import roman, upper
from engine.nd30.kinds import KINDS_BY_NAME

_UNITS = "một hai ba bốn lăm sáu bảy tám chín".split()
_ORDINAL_NAMES = ["", "nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
                  *(f"mười {unit}" for unit in _UNITS)]  # "thứ nhất" … "thứ mười chín"
ORDINALS = {name: number for number, name in enumerate(_ORDINAL_NAMES) if name} | {"bẩy": 7}
_ROMANS = {roman(number): number for number in range(1, 90)}
_NUMERAL = r"(thứ\s+\w+(?:\s+\w+)?|[IVXL]+|\d{1,3})"
_WORDS = r"(Phần|Chương|Tiểu\s+mục|Mục)"
_LABEL = re.compile(rf"^{_WORDS}\s+{_NUMERAL}\s*[.:]?$", re.IGNORECASE)
_INLINE = re.compile(rf"^{_WORDS}\s+{_NUMERAL}\s*[.:\-–]\s*(\S.*)$", re.IGNORECASE)
_DIEU = re.compile(r"^Điều\s+(\d{1,3})\.(\s|$)")
_ROMAN_MUC = re.compile(r"^([IVX]+)\.\s+(?![A-ZĐ]\.\s)(\S.*)$")  # "I. MỤC TIÊU", not "V. I. Lênin"
_KHOAN = re.compile(r"^(\d{1,3})\.\s+\S")
_LEVELS = {"phần": "phan", "chương": "chuong", "mục": "muc", "tiểu mục": "tieu_muc"}
HEADINGS = ("phan", "chuong", "muc", "tieu_muc")  # the centred headings: a label line, then a title line
_NAME = {"phan": "phần", "chuong": "chương", "muc": "mục", "tieu_muc": "tiểu mục", "roman": "mục",
         "dieu": "điều", "khoan": "khoản"}
# a heading restarts the numbering of the levels under it (Chương and Điều run through the whole document)
_RESETS = {"phan": ("muc", "tieu_muc", "roman", "khoan"), "chuong": ("muc", "tieu_muc", "roman", "khoan"),
           "muc": ("tieu_muc", "khoan"), "tieu_muc": ("khoan",), "roman": ("khoan",), "dieu": ("khoan",)}
_RESTARTABLE = ("roman", "khoan")  # a new list may start again at I. or 1. (e.g. under "A.", "B." parts)
_KIND_NAMES = {canon(name) for name in KINDS_BY_NAME}


@dataclass
class Line:
    """One line of the body (paragraphs are split at manual line breaks), with what it numbers."""

    para: Paragraph
    origin: Paragraph
    kind: str = "text"  # phan, chuong, muc, tieu_muc, roman, dieu, khoan, text
    number: int = 0
    style: str = ""  # how a heading is numbered: roman, ordinal, arabic
    word: str = ""  # the heading's word as written: Phần, PHẦN, Chương…
    numeral: str = ""
    inline: bool = False  # the title follows on the same line

    @property
    def text(self) -> str:
        return collapse(self.para.display_text)

    @property
    def written(self) -> str:
        """The number as written ("Chương 2", "Phần thứ hai", "III.")."""
        return f"{self.word} {self.numeral}" if self.kind in HEADINGS else self.label()

    def label(self, number: int | None = None) -> str:
        """The correct label for `number` at this line's level ("Phần II", "Mục 1", "Điều 3", "II.", "2.")."""
        number = self.number if number is None else number
        if self.kind == "dieu":
            return f"Điều {number}"
        if self.kind == "khoan":
            return f"{number}."
        if self.kind == "roman":
            return f"{roman(number)}."
        return heading_label(self.kind, self.word, number, self.style)


def heading_label(kind: str, word: str, number: int, style: str) -> str:
    """The correct label: Roman (or ordinal words) for Phần/Chương, Arabic for Mục/Tiểu mục."""
    if kind in ("muc", "tieu_muc"):
        text = f"{word} {number}"
    elif style == "ordinal" and number < len(_ORDINAL_NAMES):
        text = f"{word} thứ {_ORDINAL_NAMES[number]}"
    else:
        text = f"{word} {roman(number)}"
    return upper(text) if word.isupper() else text


def _numeral(numeral: str) -> tuple[int, str] | None:
    low = collapse(numeral).lower()
    if low.startswith("thứ"):
        number = ORDINALS.get(low[3:].strip())
        return (number, "ordinal") if number else None
    if low.isdigit():
        return int(low), "arabic"
    number = _ROMANS.get(low.upper())
    return (number, "roman") if number else None


def classify(para: Paragraph, origin: Paragraph) -> Line:
    """What a line numbers, recognised only from the exact forms the Decree uses."""
    text = collapse(para.display_text)
    match = _LABEL.match(text) or _INLINE.match(text)
    if match and (parsed := _numeral(match.group(2))):
        inline = match.re is _INLINE
        if not inline or is_caps(match.group(3)) or all_runs(para, "bold"):
            kind = _LEVELS[re.sub(r"\s+", " ", match.group(1).lower())]
            return Line(para, origin, kind, parsed[0], parsed[1], match.group(1), match.group(2), inline)
    if match := _DIEU.match(text):
        return Line(para, origin, "dieu", int(match.group(1)))
    if (match := _ROMAN_MUC.match(text)) and match.group(1) in _ROMANS:
        return Line(para, origin, "roman", _ROMANS[match.group(1)], "roman", numeral=match.group(1))
    if match := _KHOAN.match(text):
        return Line(para, origin, "khoan", int(match.group(1)))
    return Line(para, origin)


def lines_of(paragraphs: list[Paragraph]) -> list[Line]:
    return [classify(view, paragraph) for paragraph in paragraphs for view in split_lines(paragraph)
            if collapse(view.display_text)]


def _segments(layout: Layout) -> list[list[Line]]:
    """The body, then each document attached after the signature (a Quy chế, an appendix): numbered apart."""
    groups: list[list[Paragraph]] = [layout.body, []]
    for paragraph in layout.top_level(layout.body_end_block + 1):
        text = canon(paragraph.display_text)
        if text in _KIND_NAMES or text.startswith("phụ lục"):
            groups.append([])
        elif text:
            groups[-1].append(paragraph)
    return [lines_of(group) for group in groups if group]


def check_parts(layout: Layout) -> list[Violation]:
    """ND-7 (numeral styles, Điều titles), ND-8 (heading layout), ND-9 (numbering sequences)."""
    found: list[Violation] = []
    for lines in _segments(layout):
        found.extend(_formats(lines))
        found.extend(_sequences(lines))
    return found


def heading_paragraphs(layout: Layout) -> set[int]:
    """ids of the body's Phần/Chương/Mục label and title paragraphs (ND-8 checks their layout, not ND-1/2)."""
    lines = lines_of(layout.body)
    ids: set[int] = set()
    for number, line in enumerate(lines):
        if line.kind in HEADINGS and not line.inline:
            ids.add(id(line.origin))
            title = _title(lines, number)
            if title is not None:
                ids.add(id(title.origin))
    return ids


def _title(lines: list[Line], number: int) -> Line | None:
    """The line under a heading label when it looks like a title (centred, bold or in capitals)."""
    nxt = lines[number + 1] if number + 1 < len(lines) else None
    if nxt is None or nxt.kind != "text":
        return None
    para = nxt.para
    return nxt if para.alignment == "center" or all_runs(para, "bold") or is_caps(nxt.text) else None


# ----- ND-7 and ND-8: how headings are written and laid out ---------------------------------------------


def _formats(lines: list[Line]) -> list[Violation]:
    found: list[Violation] = []
    for number, line in enumerate(lines):
        if line.kind in HEADINGS:
            found.extend(_numeral_style(line))
            if not line.inline:
                found.extend(_label_layout(line))
                found.extend(_title_layout(line, _title(lines, number)))
        elif line.kind == "roman":
            found.extend(_roman_layout(line))
        elif line.kind == "dieu":
            found.extend(_dieu_title(line, lines[number + 1] if number + 1 < len(lines) else None))
    return found


def _numeral_style(line: Line) -> list[Violation]:
    name = re.sub(r"\s+", " ", line.word.capitalize())
    if line.kind in ("phan", "chuong") and line.style == "arabic":
        return [violation("ND30-ND-7", f"số thứ tự của {name} phải là chữ số La Mã (ví dụ {name} I), "
                          f"đang là \"{line.numeral}\".", line.text)]
    if line.kind in ("muc", "tieu_muc") and line.style != "arabic":
        extra = "; văn bản chia phần, mục thì mục viết \"I. TÊN MỤC\"" if line.kind == "muc" else ""
        return [violation("ND30-ND-7", f"số thứ tự của {name} phải là chữ số Ả Rập ({name} 1, {name} 2, …), "
                          f"đang là \"{line.numeral}\"{extra}.", line.text)]
    return []


def _upright_bold(para: Paragraph) -> list[str]:
    problems = [] if all_runs(para, "bold") else ["phải in đậm"]
    return problems + (["phải chữ đứng, không nghiêng"] if any_runs(para, "italic") else [])


def _centred(para: Paragraph) -> list[str]:
    return [] if para.alignment == "center" else [f"phải căn giữa, đang căn {alignment_name(para.alignment)}"]


def _label_layout(line: Line) -> list[Violation]:
    problems = _centred(line.para) + _upright_bold(line.para)
    return [violation("ND30-ND-8", joined(problems, f"Dòng \"{line.text}\""), line.text)] if problems else []


def _title_layout(line: Line, title: Line | None) -> list[Violation]:
    name = _NAME[line.kind]
    if title is None:
        return [violation("ND30-ND-8", f"thiếu tên {name} ngay dưới dòng \"{line.text}\" ({name} phải có tên, "
                          "viết chữ in hoa, đậm, căn giữa).", line.text)]
    problems = ([] if is_caps(title.text) else ["phải viết chữ in hoa"]) + _centred(title.para)
    problems += _upright_bold(title.para)
    if not problems:
        return []
    return [violation("ND30-ND-8", joined(problems, f"Tên {name} dưới dòng \"{line.text}\""), title.text)]


def _roman_layout(line: Line) -> list[Violation]:
    title = line.text[len(line.numeral) + 1:].strip()
    problems = ([] if is_caps(title) else ["phải viết chữ in hoa"]) + _upright_bold(line.para)
    return [violation("ND30-ND-8", joined(problems, f"Dòng mục \"{line.label()}\""), line.text)] if problems else []


def _dieu_title(line: Line, nxt: Line | None) -> list[Violation]:
    """"Điều 1. Tên điều" over khoản: the whole line is bold (the label alone is checked in structure.py)."""
    label = _DIEU.match(line.text)
    rest = line.text[label.end():].strip() if label else ""
    titled = rest and not rest.endswith((".", ";", ":", ",")) and nxt is not None and nxt.kind == "khoan"
    if not titled or all_runs(line.para, "bold") or not prefix_bold(line.para, len(label.group(0).rstrip())):
        return []
    return [violation("ND30-ND-7", f"điều có tên và chia khoản: cả dòng \"{line.label()}. {rest}\" phải in đậm.",
                      line.text)]


# ----- ND-9: numbering sequences -----------------------------------------------------------------------


def _sequences(lines: list[Line]) -> list[Violation]:
    found: list[Violation] = []
    last: dict[str, int] = {}
    owner: dict[str, Line] = {}  # the heading under which a level's numbering started again
    first_style: dict[str, Line] = {}
    for line in lines:
        if line.kind == "text":
            continue
        message = _order_problem(line, last.get(line.kind), owner.get(line.kind))
        if message:
            found.append(violation("ND30-ND-9", message, line.text))
        if line.kind in ("phan", "chuong") and line.style != "arabic":
            first = first_style.setdefault(line.kind, line)
            if first.style != line.style:
                expected = heading_label(line.kind, first.word, line.number, first.style)
                found.append(violation("ND30-ND-9", f"cách đánh số {_NAME[line.kind]} phải thống nhất trong văn "
                                       f"bản: đã viết \"{first.written}\" thì viết \"{expected}\", không viết "
                                       f"\"{line.written}\".", line.text))
        last[line.kind] = line.number
        for lower in _RESETS.get(line.kind, ()):
            last.pop(lower, None)
            owner[lower] = line
    return found


def _order_problem(line: Line, previous: int | None, owner: Line | None) -> str:
    number, name = line.number, _NAME[line.kind]
    got, first = line.written, line.label(1)
    if previous is None:
        if number == 1:
            return ""
        if owner is None:
            return f"{name} đầu tiên phải là \"{first}\", đang là \"{got}\"."
        scope = f"mục \"{owner.label()}\"" if owner.kind == "roman" else f"\"{owner.label()}\""
        start = "I" if line.kind == "roman" else "1"
        return (f"{name} đầu tiên của {scope} phải là \"{first}\" (đánh số lại từ {start} trong mỗi "
                f"{_NAME[owner.kind]}), đang là \"{got}\".")
    if number == previous + 1 or (number == 1 and line.kind in _RESTARTABLE):
        return ""
    restarted = {"dieu": " trong cả văn bản, không đánh lại ở mỗi chương",
                 "chuong": " trong cả văn bản, không đánh lại ở mỗi phần"}.get(line.kind, "")
    through = restarted if number <= previous else ""
    return (f"{name} đánh số liên tục{through}: sau \"{line.label(previous)}\" phải là "
            f"\"{line.label(previous + 1)}\", đang là \"{got}\".")
