"""How one document names another (NĐ30 PL I, II.6: viện dẫn), and the four ways a document corrects another.

First citation: tên loại, số, ký hiệu, ngày tháng năm, cơ quan ban hành, trích yếu — "Kế hoạch số 15/KH-UBND
ngày 09 tháng 01 năm 2024 của Ủy ban nhân dân xã Trung Lương về …". A trích yếu, which must stay short, names
the document with the date in figures: "… Kế hoạch số 15/KH-UBND ngày 09/01/2024 của Ủy ban nhân dân xã …", the
figures keeping the date line's zeros (day 1–9, months 1 and 2 only: "ngày 06/9/2025"), as issued documents write them.
"""

from __future__ import annotations

import datetime as dt
import re

from engine.nd30.forms import day_text, month_text

# quan_he of van_ban_goc → how the register's Ghi chú names the relation on the correcting document's line.
RELATIONS: dict[str, str] = {
    "dinh_chinh": "Đính chính",
    "sua_doi": "Sửa đổi, bổ sung",
    "thay_the": "Thay thế",
    "thu_hoi": "Thu hồi",
}
# … and how it reads on the original's line, followed by the correcting document's number.
UNDERGONE: dict[str, str] = {
    "dinh_chinh": "Được đính chính bởi",
    "sua_doi": "Được sửa đổi, bổ sung bởi",
    "thay_the": "Bị thay thế bởi",
    "thu_hoi": "Đã thu hồi theo",
}
VOIDED = "Hủy số"  # the register's mark on a number taken by mistake: "Hủy số: <lý do>"


def long_date(date: dt.date) -> str:
    """`ngày 09 tháng 01 năm 2024`: the date as a citation writes it (the date line's leading zeros)."""
    return f"ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def figures_date(date: dt.date) -> str:
    """`09/01/2024`, `06/9/2025`: a date in figures inside a document's text, with the date line's leading zeros."""
    return f"{day_text(date.day)}/{month_text(date.month)}/{date.year}"


def about(summary: str) -> str:
    """A trích yếu after a citation: `về triển khai …`, `về việc …` (a công văn's V/v spelt out)."""
    text = re.sub(r"^\s*(?:V/v|v/v)\s*:?\s*", "về việc ", summary.strip())
    if text.startswith("về việc "):
        return text
    if re.match(r"^Về\b", text):
        return "v" + text[1:]
    first = text.split(" ", 1)[0]
    keep = len(first) > 1 and first[1:] != first[1:].lower()  # an abbreviation (UBND, HĐND) keeps its capitals
    return "về " + (text if keep else text[:1].lower() + text[1:])


def cite(label: str, reference: str, date: dt.date, agency: str, summary: str = "") -> str:
    """The first citation of a document, in full: `Kế hoạch số 15/KH-UBND ngày 09 tháng 01 năm 2024 của …`."""
    text = f"{label} số {reference} {long_date(date)} của {agency}"
    return f"{text} {about(summary)}" if summary else text


def cite_briefly(label: str, reference: str, date: dt.date, agency: str) -> str:
    """A document named inside a trích yếu: `Kế hoạch số 15/KH-UBND ngày 09/01/2024 của …`."""
    return f"{label} số {reference} ngày {figures_date(date)} của {agency}"
