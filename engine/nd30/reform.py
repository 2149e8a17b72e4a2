"""The two-tier reform (Luật Tổ chức chính quyền địa phương 72/2025/QH15): from 1 July 2025 there is no
district level (huyện, quận, thị xã) and no thị trấn; only tỉnh and xã, phường, đặc khu remain."""

from __future__ import annotations

import datetime as dt
import re

REFORM_DATE = dt.date(2025, 7, 1)
REFORM_LAW = "Luật 72/2025/QH15"
# Matched in lower case (the checker's canon(), or .lower()): the units that no longer exist.
OLD_UNITS = re.compile(r"\b(huyện|quận|thị xã|thị trấn)\b")


def after_reform(date: dt.date | None, year: int | None = None) -> bool:
    """A document dated from 1 July 2025, or an undated draft of a later year."""
    if date is not None:
        return date >= REFORM_DATE
    return year is not None and year > REFORM_DATE.year


def old_unit(text: str) -> str | None:
    """The abolished unit `text` names (huyện, thị trấn …), if any."""
    match = OLD_UNITS.search(text.lower())
    return match.group(1) if match else None
