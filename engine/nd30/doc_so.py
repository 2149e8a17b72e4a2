"""Read numbers and money amounts aloud in formal Vietnamese, as written on official documents."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

__all__ = ["doc_so", "doc_tien"]

Number = int | Decimal | str

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")

# Within one "tỷ" block (< 10**9): the three-digit groups, from the highest.
_GROUP_UNITS = ("triệu", "nghìn", "")
_BILLION = 10**9

# Strings follow Vietnamese documents: '.' groups thousands, ',' separates decimals.
# Either the integer part is grouped correctly ("1.250.000") or it has no dots at all.
_VN_NUMBER = re.compile(
    r"(?P<sign>[+\-\u2212]?)"
    r"(?P<int>[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)"
    r"(?:,(?P<frac>[0-9]+))?"
)


def doc_so(value: Number) -> str:
    """Return the lower-case formal Vietnamese reading of an int, Decimal or Vietnamese-form string.

    In strings, '.' groups thousands and ',' is the decimal separator ("1.250.000", "-3,5");
    a plain digit string is an integer. Floats are refused because they misrepresent decimals.
    """
    negative, integer, fraction = _parse(value)
    words = _read_integer(integer)
    if fraction:
        words += " phẩy " + _read_fraction(fraction)
    if negative and (integer or fraction):
        words = "âm " + words
    return _clean(words)


def doc_tien(value: Number, don_vi: str = "đồng") -> str:
    """Return an amount in words with a capitalised first letter, followed by the unit."""
    if not isinstance(don_vi, str):
        raise TypeError(f"đơn vị tiền phải là chuỗi ký tự, không phải {type(don_vi).__name__}")
    words = doc_so(value)
    words = words[0].upper() + words[1:]
    return _clean(f"{words} {don_vi}")


def _parse(value: object) -> tuple[bool, int, str]:
    """Split a value into (is_negative, integer part, fractional digits without trailing zeros)."""
    if isinstance(value, bool):
        raise TypeError(f"không phải là một số: {value!r} (giá trị đúng/sai)")
    if isinstance(value, float):
        raise TypeError(
            f"không nhận số thực dấu phẩy động (float): {value!r}; "
            "hãy dùng int, Decimal hoặc chuỗi như '3,5'"
        )
    if isinstance(value, int):
        return value < 0, abs(value), ""
    if isinstance(value, Decimal):
        return _parse_decimal(value)
    if isinstance(value, str):
        return _parse_string(value)
    raise TypeError(f"không phải là một số: {value!r} (kiểu {type(value).__name__})")


def _parse_decimal(value: Decimal) -> tuple[bool, int, str]:
    """Split a finite Decimal into sign, integer part and significant fractional digits."""
    if not value.is_finite():
        raise ValueError(f"không phải là một số hữu hạn: {value!r}")
    text = format(abs(value), "f")
    integer, _, fraction = text.partition(".")
    return value.is_signed(), _digits_to_int(integer), fraction.rstrip("0")


def _parse_string(value: str) -> tuple[bool, int, str]:
    """Parse a Vietnamese-form number string ("1.250.000", "-3,5", "1250000")."""
    match = _VN_NUMBER.fullmatch(unicodedata.normalize("NFC", value).strip())
    if match is None:
        raise ValueError(f"không phải là một số: {value!r}")
    integer = _digits_to_int(match["int"].replace(".", ""))
    fraction = (match["frac"] or "").rstrip("0")
    return match["sign"] in ("-", "\u2212"), integer, fraction


def _digits_to_int(digits: str) -> int:
    """Convert an ASCII digit string to int, in chunks to stay under Python's int-from-str limit."""
    number = 0
    for start in range(0, len(digits), 1000):
        chunk = digits[start : start + 1000]
        number = number * 10 ** len(chunk) + int(chunk)
    return number


def _read_integer(number: int) -> str:
    """Read a non-negative integer; zero reads "không"."""
    if number == 0:
        return _DIGITS[0]
    return _read_positive(number, full=False)


def _read_positive(number: int, full: bool) -> str:
    """Read a positive integer; `full` reads a leading zero hundreds digit as "không trăm".

    The number is cut into blocks of nine digits; every block but the last is followed by
    "tỷ", so units repeat after "tỷ" ("một nghìn tỷ", "một tỷ tỷ"). Zero blocks say nothing.
    """
    blocks: list[int] = []
    while number:
        number, block = divmod(number, _BILLION)
        blocks.append(block)
    words: list[str] = []
    for index in range(len(blocks) - 1, -1, -1):
        if blocks[index]:
            words.append(_read_below_billion(blocks[index], full or bool(words)))
        if index:
            words.append("tỷ")
    return " ".join(words)


def _read_below_billion(number: int, full: bool) -> str:
    """Read 1..999 999 999 group by group, skipping all-zero groups."""
    groups = (number // 1_000_000, number // 1000 % 1000, number % 1000)
    parts: list[str] = []
    for group, unit in zip(groups, _GROUP_UNITS):
        if group == 0:
            continue
        parts.append(_read_group(group, full or bool(parts)))
        if unit:
            parts.append(unit)
    return " ".join(parts)


def _read_group(group: int, full: bool) -> str:
    """Read 1..999; `full` (a non-leading group) always reads the hundreds, even "không trăm"."""
    hundreds, tens, units = group // 100, group // 10 % 10, group % 10
    words: list[str] = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += ["linh", _DIGITS[units]] if words else [_DIGITS[units]]
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else _DIGITS[units])
    else:
        words += [_DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 5: "lăm"}.get(units, _DIGITS[units]))
    return " ".join(words)


def _read_fraction(digits: str) -> str:
    """Read the digits after "phẩy": each leading zero as "không", the rest as a number."""
    significant = digits.lstrip("0")
    words = [_DIGITS[0]] * (len(digits) - len(significant))
    if significant:
        words.append(_read_positive(_digits_to_int(significant), full=False))
    return " ".join(words)


def _clean(text: str) -> str:
    """Collapse whitespace and return NFC text."""
    return unicodedata.normalize("NFC", " ".join(text.split()))
