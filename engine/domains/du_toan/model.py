"""Dự toán kinh phí: line items with quantities and unit prices, their amounts, group subtotals and the total."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from engine.nd30.doc_so import doc_tien
from engine.nd30.forms import format_integer, roman

DATA_TYPE = "du_toan_kinh_phi"
APPENDIX = "du_toan_kinh_phi"
TOTAL = "Tổng cộng"


def amount(quantity: Decimal, unit_price: int) -> int:
    """Thành tiền in whole đồng: quantity × unit price, rounded half up once."""
    return int((quantity * unit_price).to_integral_value(rounding=ROUND_HALF_UP))


def tien(value: int) -> str:
    """`250.000.000`: dots group thousands (the unit, đồng, stands in the column heading)."""
    return format_integer(value)


def so_luong(value: Decimal) -> str:
    """`40`, `12,5`: a quantity as printed, decimal comma, no trailing zeros."""
    text = format(value.normalize(), "f")
    whole, _, decimals = text.partition(".")
    return format_integer(int(whole)) + ("," + decimals if decimals else "")


@dataclass(frozen=True)
class Item:
    """One line of the estimate."""

    description: str  # nội dung chi
    unit: str         # đơn vị tính
    quantity: Decimal
    unit_price: int   # đơn giá, đồng
    note: str = ""

    @property
    def amount(self) -> int:
        return amount(self.quantity, self.unit_price)


@dataclass(frozen=True)
class Group:
    """A heading (I., II., …) over some items, with its subtotal; a flat estimate has one untitled group."""

    title: str
    items: tuple[Item, ...]

    @property
    def amount(self) -> int:
        return sum(item.amount for item in self.items)


@dataclass(frozen=True)
class Estimate:
    """The data file: what the money is for, in which year, and its groups of items."""

    year: int
    title: str
    note: str
    groups: tuple[Group, ...]

    @property
    def total(self) -> int:
        return sum(group.amount for group in self.groups)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for group in self.groups for item in group.items)


def group_rows(estimate: Estimate) -> tuple[int, ...]:
    """The rows of `rows` that head a group (I., II. with its subtotal): printed in bold."""
    if not any(group.title for group in estimate.groups):
        return ()
    found, index = [], 0
    for group in estimate.groups:
        found.append(index)
        index += 1 + len(group.items)
    return tuple(found)


def rows(estimate: Estimate) -> list[tuple[str, ...]]:
    """STT, nội dung, đơn vị tính, số lượng, đơn giá, thành tiền, ghi chú; groups as I., II. with subtotals."""
    out: list[tuple[str, ...]] = []
    grouped = any(group.title for group in estimate.groups)
    number = 0
    for index, group in enumerate(estimate.groups, start=1):
        if grouped:
            out.append((roman(index), group.title, "", "", "", tien(group.amount), ""))
            number = 0
        for item in group.items:
            number += 1
            out.append((str(number), item.description, item.unit, so_luong(item.quantity), tien(item.unit_price),
                        tien(item.amount), item.note))
    out.append(("", TOTAL, "", "", "", tien(estimate.total), ""))
    return out


def values(estimate: Estimate) -> dict[str, str]:
    """What a clerk's text may quote as [so_lieu.name]: the total, in figures and in words, and the counts."""
    found = {"nam": str(estimate.year), "tong_tien": tien(estimate.total),
             "tong_tien_bang_chu": doc_tien(estimate.total), "so_muc": str(len(estimate.items))}
    for index, group in enumerate(estimate.groups, start=1):
        found[f"tien_nhom_{index}"] = tien(group.amount)
    return found
