"""Vietnamese forms the Decree fixes: dates, numbers, numbering labels, capitals."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Điểm letters: Vietnamese order, no f/j/w/z, đ after d (NĐ30 PL I, II.6).
DIEM_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def nfc(text: str) -> str:
    """Unicode NFC, as TCVN 6909:2001 requires."""
    return unicodedata.normalize("NFC", text)


def upper(text: str) -> str:
    """Vietnamese capitals (Python's upper() maps every precomposed letter), kept NFC."""
    return nfc(nfc(text).upper())


def day_text(day: int) -> str:
    """Days 1–9 take a leading zero."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Only months 1 and 2 take a leading zero (they could be forged into 11 and 12)."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(place: str, date: dt.date | None, year: int | None = None) -> str:
    """`Trung Lương, ngày 09 tháng 01 năm 2024`; blanks for a draft not yet dated."""
    if date is None:
        year_text = str(year) if year else "20..."
        return f"{place}, ngày      tháng      năm {year_text}"
    return f"{place}, ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def short_date(date: dt.date) -> str:
    """`09/01/2024`, the form used inside running text and registers."""
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def roman(number: int) -> str:
    """Roman numerals for Phần, Chương and top-level Mục."""
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


_ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")


def ordinal_word(number: int) -> str:
    """`nhất`, `hai`, … `mười`, `mười một`: the word after `thứ` in `Phần thứ nhất` (1-based)."""
    if number <= len(_ORDINALS):
        return _ORDINALS[number - 1]
    from engine.nd30.doc_so import doc_so

    return doc_so(number)


def diem_letter(index: int) -> str:
    """The index-th điểm label (0-based): a, b, …, d, đ, e, g, …; past y: aa, bb, …"""
    rounds, pos = divmod(index, len(DIEM_LETTERS))
    return DIEM_LETTERS[pos] * (rounds + 1)


def document_number(number: int) -> str:
    """Two digits minimum: 01 … 09, 10, 1234 (NĐ30 Điều 15)."""
    return f"{number:02d}"


def format_integer(value: int) -> str:
    """`1.250`: dots group thousands."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", ".")


DATE_FORMS = "một ngày dạng 2024-01-09 hoặc 09/01/2024"
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_VN = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class ImpossibleDate(ValueError):
    """A well-formed date that does not exist, such as 2024-02-30."""


def parse_date(raw: str) -> dt.date:
    """2024-01-09 or 09/01/2024; ValueError for another form, ImpossibleDate for a day that does not exist."""
    if match := _ISO.fullmatch(raw.strip()):
        year, month, day = (int(g) for g in match.groups())
    elif match := _VN.fullmatch(raw.strip()):
        day, month, year = (int(g) for g in match.groups())
    else:
        raise ValueError(f"cần {DATE_FORMS}, nhưng gặp '{raw}'")
    if not 1900 <= year <= 2100:
        raise ImpossibleDate(f"năm {year} không hợp lệ: cần năm có 4 chữ số, từ 1900 đến 2100")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ImpossibleDate(f"ngày {raw.strip()} không tồn tại: {_why_impossible(year, month, day)}") from None


def _why_impossible(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return f"không có tháng {month}"
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    days = (following - dt.timedelta(days=1)).day
    return f"tháng {month} năm {year} chỉ có {days} ngày"
