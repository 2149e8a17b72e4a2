"""Compute stage, tables: a `bang:` the clerk wrote drawn as a Table — widths shared out, figures printed the
Vietnamese way (1.250.000; 12,5; 1,52), the total row added up, headings merged over column groups."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from engine.model import Column, HeaderCell, Table, TableBlock
from engine.nd30.forms import format_integer
from engine.nd30.layout import TEXT_WIDTH_MM

LANDSCAPE_TEXT_MM = 252.0  # A4 landscape, margins 30 and 15 mm: where a phụ lục's wide tables go
CENT = Decimal("0.01")
ORDINAL_TITLES = {"STT", "TT", "SỐ TT"}  # the row-number column, where a total's label does not go


def draw(block: TableBlock) -> Table:
    """The Table the writer draws: header rows, formatted cells, and the computed total last (in bold)."""
    rows = [tuple(cell_text(value, column) for value, column in zip(row, block.columns)) for row in block.rows]
    if block.total_label:
        rows.append(_total_row(block))
    left = tuple(i for i, column in enumerate(block.columns)
                 if column.left and column.title.upper() not in ORDINAL_TITLES)  # STT is centred
    return Table(_header(block), tuple(rows), widths(block.columns), block.caption, left, bool(block.total_label))


def widths(columns: tuple[Column, ...]) -> tuple[float, ...]:
    """Given widths as typed; the others share what is left of the portrait text width (at least 12 mm each)."""
    given = sum(c.width_mm or 0 for c in columns)
    free = [c for c in columns if c.width_mm is None]
    share = max((TEXT_WIDTH_MM - given) / len(free), 12.0) if free else 0.0
    return tuple(float(c.width_mm) if c.width_mm is not None else share for c in columns)


def is_wide(table: Table) -> bool:
    """Wider than a portrait page's text: it needs a landscape page (a phụ lục)."""
    return sum(table.widths_mm) > TEXT_WIDTH_MM + 0.5


def cell_text(value: Any, column: Column) -> str:
    if value == "" or column.form == "chu":
        return str(value)
    number = Decimal(value)
    if column.form == "ty_le":
        return _decimal(number.quantize(CENT, ROUND_HALF_UP), force=2)
    if column.form == "tien" or number == number.to_integral_value():
        return format_integer(int(number.to_integral_value(ROUND_HALF_UP)))
    return _decimal(number)


def _decimal(number: Decimal, force: int = 0) -> str:
    """`12,5`, `1.250,75`: dots group thousands, a comma before the decimals."""
    text = f"{abs(number):.{force}f}" if force else format(abs(number).normalize(), "f")
    whole, _, decimals = text.partition(".")
    return ("-" if number < 0 else "") + format_integer(int(whole)) + ("," + decimals if decimals else "")


def _total_row(block: TableBlock) -> tuple[str, ...]:
    """The label in the first text column (or the first column), the sums under the summed columns."""
    cells = [""] * len(block.columns)
    names = [i for i, c in enumerate(block.columns) if c.form == "chu" and c.title.upper() not in ORDINAL_TITLES]
    cells[names[0] if names else 0] = block.total_label
    for i in block.total_columns:
        total = sum((Decimal(row[i]) for row in block.rows if row[i] != ""), Decimal(0))
        cells[i] = cell_text(total, block.columns[i])
    return tuple(cells)


def _header(block: TableBlock) -> tuple[tuple[HeaderCell, ...], ...]:
    """One heading row, or two when some columns stand under a group heading (the others span both rows)."""
    if not block.groups:
        return (tuple(HeaderCell(c.title) for c in block.columns),)
    starts = {g.first: g for g in block.groups}
    covered = {i for g in block.groups for i in range(g.first, g.first + g.span)}
    top: list[HeaderCell] = []
    for i, column in enumerate(block.columns):
        if i in starts:
            top.append(HeaderCell(starts[i].title, starts[i].span))
        elif i not in covered:
            top.append(HeaderCell(column.title, tall=True))
    second = tuple(HeaderCell(block.columns[i].title) for i in sorted(covered))
    return (tuple(top), second)
