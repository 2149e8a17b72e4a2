"""Vietnamese forms the Decree fixes: dates, numbers, numbering labels, capitals."""

from __future__ import annotations

import datetime as dt
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


def format_decimal(value: float, places: int = 2) -> str:
    """`1,52`: comma before decimals, dots between thousands."""
    text = f"{abs(value):,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return ("-" if value < 0 and float(text.replace(".", "").replace(",", ".")) else "") + text
