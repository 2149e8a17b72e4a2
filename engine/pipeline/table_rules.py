"""Validate stage, tables: a `bang:` the clerk writes — columns, an optional heading over some of them, rows,
an optional computed total — each mistake located (a row of the wrong length, a heading past the edge …)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from yaml.nodes import Node, ScalarNode, SequenceNode

from engine import schema as s
from engine.model import Column, ColumnGroup, TableBlock

FORMS = {"chu": "chu", "so": "so", "tien": "tien", "ty_le": "ty_le"}
NUMERIC = {"so", "tien", "ty_le"}
SUMMED = {"so", "tien"}  # a total adds counts and amounts, never rates
_DECIMAL = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")               # 12, 12,5, 12.5

_COLUMN = s.mapping({
    "ten": s.Key(s.text, True, "tên cột"),
    "rong": s.Key(s.integer(5, 400), meaning="độ rộng cột, mm"),
    "kieu": s.Key(s.choice(FORMS, "kiểu cột: chu, so, tien hoặc ty_le"), default="chu"),
}, "một cột ('ten: …', có thể kèm 'rong', 'kieu')")
_GROUP = s.mapping({
    "ten": s.Key(s.text, True, "tên nhóm cột"),
    "cot": s.Key(s.sequence(s.text, non_empty=True), True, "các cột liền nhau của nhóm"),
}, "một nhóm cột ('ten: …', 'cot: [..]')")
_TOTAL = s.mapping({
    "nhan": s.Key(s.text, True, "chữ ở dòng tổng, ví dụ: Tổng cộng"),
    "cot": s.Key(s.sequence(s.text, non_empty=True), True, "các cột được cộng"),
}, "dòng tổng ('nhan: …', 'cot: [..]')")
_CAPTION = s.described(lambda node, path, ctx: s.text(node, path, ctx) if not s.is_null(node) else "",
                       {"type": ["string", "number", "null"]})
_ROWS = s.described(lambda node, path, ctx: node, {  # checked cell by cell once the columns are known
    "type": "array", "minItems": 1, "examples": [[1, "Phát thanh trên loa truyền thanh xã", 48, 4800000]],
    "items": {"type": "array", "items": {"type": s.SCALAR_TYPES},
              "description": "một dòng: đủ số ô bằng số cột, ví dụ [1, Tên, 20]"}})
_TOTAL_RULE = s.described(lambda node, path, ctx: node, lambda: {
    "anyOf": [s.json_schema(s.text), s.json_schema(_TOTAL)],
    "examples": ["Tổng cộng"]})
_TABLE = s.mapping({
    "bang": s.Key(_CAPTION, meaning="tên bảng (có thể để trống)"),
    "cot": s.Key(s.sequence(s.described(lambda n, p, c: _column(n, p, c),
                                        lambda: {"anyOf": [s.json_schema(s.text), s.json_schema(_COLUMN)]}),
                            non_empty=True), True, "các cột của bảng"),
    "nhom_cot": s.Key(s.sequence(_GROUP), default=(), meaning="tiêu đề gộp trên các cột liền nhau"),
    "dong": s.Key(_ROWS, True, "các dòng của bảng"),
    "tong": s.Key(_TOTAL_RULE, meaning="dòng tổng: cộng các cột kiểu so và tien"),
}, "một bảng ('bang: tên', 'cot', 'dong')")


def table_schema() -> dict:
    """A `bang:` block for the editor: the table's keys, `bang` itself required (it names the block)."""
    fragment = s.json_schema(_TABLE)
    fragment["required"] = ["bang", *fragment["required"]]
    return fragment


def _column(node: Node, path: str, ctx: s.Context) -> Any:
    """A column: its name alone, or {ten, rong, kieu}."""
    if isinstance(node, ScalarNode):
        text = s.text(node, path, ctx)
        return text if text is s.INVALID else Column(text, left=True)
    raw = _COLUMN(node, path, ctx)
    if raw is s.INVALID or s.INVALID in raw.values():
        return s.INVALID
    return Column(raw["ten"], raw["rong"], raw["kieu"], left=raw["kieu"] == "chu")


def table(node: Node, path: str, ctx: s.Context) -> Any:
    """`bang:` with its columns, rows and total, every cell checked against its column."""
    before = len(ctx.errors)
    raw = _TABLE(node, path, ctx)
    if raw is s.INVALID or s.INVALID in (raw["cot"], raw["nhom_cot"]) or len(ctx.errors) > before:
        return s.INVALID
    columns: tuple[Column, ...] = raw["cot"]
    names = [c.title for c in columns]
    groups = tuple(g for g in (_group(g, i, names, s.key_of(node, "nhom_cot"), path, ctx)
                               for i, g in enumerate(raw["nhom_cot"])) if g is not None)
    covered = [i for g in groups for i in range(g.first, g.first + g.span)]
    if len(covered) != len(set(covered)):
        ctx.fail(s.key_of(node, "nhom_cot"), f"{path}.nhom_cot", "hai nhóm cột không được chung một cột")
    rows = _rows(raw["dong"], columns, f"{path}.dong", ctx)
    total = _total(raw["tong"], columns, f"{path}.tong", ctx) if raw["tong"] is not None else ("", ())
    if len(ctx.errors) > before:
        return s.INVALID
    return TableBlock(columns, rows, groups, raw["bang"] or "", *total)


s.described(table, table_schema)


def _group(raw: dict, index: int, names: list[str], node: Node | None, path: str, ctx: s.Context) -> Any:
    where = node.value[index] if isinstance(node, SequenceNode) else node
    field = f"{path}.nhom_cot[{index + 1}]"
    unknown = [n for n in raw["cot"] if n not in names]
    if unknown:
        ctx.fail(where, field, f"không có cột '{unknown[0]}' trong bảng" + s.hint(unknown[0], names))
        return None
    positions = sorted(names.index(n) for n in raw["cot"])
    if positions != list(range(positions[0], positions[0] + len(positions))):
        ctx.fail(where, field, "các cột của một nhóm phải liền nhau")
        return None
    return ColumnGroup(raw["ten"], positions[0], len(positions))


def _rows(node: Node, columns: tuple[Column, ...], path: str, ctx: s.Context) -> tuple:
    if not isinstance(node, SequenceNode) or not node.value:
        s.expected(node, path, ctx, "các dòng của bảng (mỗi dòng một danh sách ô: '- [1, Tên, 20]')")
        return ()
    rows = []
    for i, row in enumerate(node.value, start=1):
        if not isinstance(row, SequenceNode) or len(row.value) != len(columns):
            have = f"{len(row.value)} ô" if isinstance(row, SequenceNode) else "không phải một danh sách ô"
            ctx.fail(row, f"{path}[{i}]", f"mỗi dòng cần đúng {len(columns)} ô (bằng số cột), nhưng dòng này có {have}")
            continue
        rows.append(tuple(_cell(cell, column, f"{path}[{i}][{j}]", ctx)
                          for j, (cell, column) in enumerate(zip(row.value, columns), start=1)))
    return tuple(rows)


def _cell(node: Node, column: Column, path: str, ctx: s.Context) -> Any:
    """A text cell as typed (empty allowed); a figure as an exact number."""
    if isinstance(node, ScalarNode) and (s.is_null(node) or not node.value.strip()):
        return ""
    if column.form not in NUMERIC:
        return s.text(node, path, ctx)
    raw = s.ungrouped(node.value.strip() if isinstance(node, ScalarNode) else "")  # 1.250.000 → 1250000
    if _DECIMAL.fullmatch(raw):
        return Decimal(raw.replace(",", "."))
    return s.expected(node, path, ctx, f"một số ở cột '{column.title}', ví dụ 1.250 hoặc 12,5")


def _total(node: Node, columns: tuple[Column, ...], path: str, ctx: s.Context) -> tuple[str, tuple[int, ...]]:
    """`tong: Tổng cộng` sums every count and amount column; {nhan, cot} names the columns."""
    names = [c.title for c in columns]
    if isinstance(node, ScalarNode):
        label = s.text(node, path, ctx)
        return (label if label is not s.INVALID else "", tuple(i for i, c in enumerate(columns) if c.form in SUMMED))
    raw = _TOTAL(node, path, ctx)
    if raw is s.INVALID or s.INVALID in raw.values():
        return "", ()
    chosen = []
    for name in raw["cot"]:
        if name not in names:
            ctx.fail(node, f"{path}.cot", f"không có cột '{name}' trong bảng" + s.hint(name, names))
        elif columns[names.index(name)].form not in SUMMED:
            ctx.fail(node, f"{path}.cot", f"cột '{name}' không cộng được: chỉ cộng cột kiểu 'so' hoặc 'tien'")
        else:
            chosen.append(names.index(name))
    return raw["nhan"], tuple(chosen)
