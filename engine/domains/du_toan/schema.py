"""Dự toán kinh phí, validation: the data file checked with located Vietnamese errors."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from yaml.nodes import Node

from engine import schema as s
from engine.domains.du_toan.model import DATA_TYPE, Estimate, Group, Item, amount, tien

_QUANTITY = re.compile(r"([0-9]+)(?:,([0-9]+))?")   # 40, 12,5


def money(node: Node, path: str, ctx: s.Context) -> Any:
    """An amount in whole đồng: 2500000 or 2.500.000 (dots group thousands)."""
    value = s.whole_number(node)
    if value is None:
        return s.expected(node, path, ctx, "số tiền là số nguyên đồng, ví dụ 2.500.000")
    return value


s.described(money, {"anyOf": [{"type": "number", "minimum": 0},  # YAML reads 2.500 as a float
                              {"type": "string", "pattern": r"^\s*[0-9]{1,3}(\.[0-9]{3})+\s*$"}],
                    "description": "số tiền (đồng), ví dụ 2.500.000", "examples": ["2.500.000"]})


def quantity(node: Node, path: str, ctx: s.Context) -> Any:
    """A quantity: 40, 1.200 (dots group thousands) or 12,5 (decimal comma); never zero."""
    raw = s.ungrouped(s.scalar_value(node))  # 1.200: dots group thousands, as in money
    if raw.count(".") == 1 and "," not in raw:  # 12.5 typed the English way
        raw = raw.replace(".", ",")
    match = _QUANTITY.fullmatch(raw)
    if not match:
        return s.expected(node, path, ctx, "số lượng, ví dụ 40 hoặc 12,5")
    value = Decimal(f"{match[1]}.{match[2] or '0'}")
    if value == 0:
        return ctx.fail(node, path, "số lượng phải lớn hơn 0")
    return value


s.described(quantity, {"anyOf": [{"type": "number", "exclusiveMinimum": 0},
                                 {"type": "string", "pattern": r"^\s*[0-9]+([.,][0-9]+)*\s*$"}],
                       "description": "số lượng, ví dụ 40, 1.200 hoặc 12,5", "examples": [40, "12,5"]})


_ITEM = s.mapping({
    "noi_dung": s.Key(s.text, True, "nội dung chi, ví dụ: Hỗ trợ lợn giống"),
    "don_vi_tinh": s.Key(s.text, True, "đơn vị tính, ví dụ: con"),
    "so_luong": s.Key(quantity, True, "số lượng"),
    "don_gia": s.Key(money, True, "đơn giá (đồng)"),
    "thanh_tien": s.Key(money, meaning="thành tiền (đồng), nếu muốn đối chiếu"),
    "ghi_chu": s.Key(s.text, default=""),
}, "một mục chi (noi_dung, don_vi_tinh, so_luong, don_gia)")

_ITEMS = s.sequence(s.described(lambda node, path, ctx: _item(node, path, ctx), lambda: s.json_schema(_ITEM)),
                    non_empty=True)

_GROUP = s.mapping({
    "ten": s.Key(s.text, True, "tên nhóm mục chi"),
    "muc": s.Key(_ITEMS, True, "các mục chi của nhóm"),
}, "một nhóm mục chi (ten, muc)")

ESTIMATE_RULE = s.mapping({
    "loai": s.Key(s.choice({DATA_TYPE: DATA_TYPE}, "loại tệp số liệu"), True, DATA_TYPE),
    "nam": s.Key(s.integer(2000, 2100), True, "năm của dự toán, ví dụ 2024"),
    "ten": s.Key(s.text, True, "tên dự toán, ví dụ: Dự toán kinh phí hỗ trợ …"),
    "ghi_chu": s.Key(s.text, default=""),
    "muc": s.Key(_ITEMS, meaning="các mục chi"),
    "nhom": s.Key(s.sequence(_GROUP, non_empty=True), meaning="các nhóm mục chi"),
}, "tệp dự toán kinh phí (các khóa loai, nam, ten, muc hoặc nhom)")


def _estimate_schema() -> dict:
    """Exactly one of 'muc' (a flat list) and 'nhom' (groups), as estimate_from requires."""
    return {**s.json_schema(ESTIMATE_RULE), "oneOf": [{"required": ["muc"]}, {"required": ["nhom"]}]}


s.register_schema(f"data:{DATA_TYPE}", _estimate_schema)


def _item(node: Node, path: str, ctx: s.Context) -> Any:
    raw = _ITEM(node, path, ctx)
    if raw is s.INVALID or s.INVALID in raw.values():
        return s.INVALID
    item = Item(raw["noi_dung"], raw["don_vi_tinh"], raw["so_luong"], raw["don_gia"], raw["ghi_chu"])
    typed = raw["thanh_tien"]
    if typed is not None and typed != item.amount:
        return ctx.fail(s.key_of(node, "thanh_tien"), f"{path}.thanh_tien",
                        f"cần {tien(item.amount)} (= số lượng × đơn giá), nhưng gặp {tien(typed)}")
    return item


def estimate_from(node: Node, ctx: s.Context) -> Estimate | None:
    """The data file checked against its rules; None (errors in ctx) when anything is wrong."""
    before = len(ctx.errors)
    raw = ESTIMATE_RULE(node, "", ctx)
    if raw is s.INVALID:
        return None
    if (raw["muc"] is None) == (raw["nhom"] is None):
        ctx.fail(node, "muc", "cần đúng một trong hai khóa: 'muc' (các mục chi) hoặc 'nhom' (các nhóm mục chi)")
    if len(ctx.errors) > before:
        return None
    groups = (Group("", raw["muc"]),) if raw["muc"] is not None else \
        tuple(Group(g["ten"], g["muc"]) for g in raw["nhom"] if g is not s.INVALID)
    return Estimate(raw["nam"], raw["ten"], raw["ghi_chu"], groups)


__all__ = ["estimate_from", "money", "quantity", "amount"]
