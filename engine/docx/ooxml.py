"""WordprocessingML written as plain strings: the one table builder of the templates and the documents.

No docxtpl and no python-docx here: these functions return OOXML text, so the template generator
(templates/make_templates.py, borderless layout tables around Jinja tags) and the writer (bordered data
tables inserted by docxtpl) share one builder. Element order follows the schema (ECMA-376 Part 1, §17.4),
which Word enforces: tblPr is tblW, jc, tblInd, tblBorders, tblLayout, tblCellMar, tblLook; tcPr is tcW,
gridSpan, vMerge, vAlign.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple, Sequence

from markupsafe import escape

from engine.model import HeaderCell, Table
from engine.nd30.layout import TWIPS_PER_MM

SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


@dataclass(frozen=True)
class Margins:
    """A table's default cell margins in twips; a side left as None keeps Word's default."""

    top: int | None = None
    left: int | None = None
    bottom: int | None = None
    right: int | None = None

    def xml(self) -> str:
        sides = (("top", self.top), ("left", self.left), ("bottom", self.bottom), ("right", self.right))
        inner = "".join(f'<w:{side} w:w="{twips}" w:type="dxa"/>' for side, twips in sides if twips is not None)
        return f"<w:tblCellMar>{inner}</w:tblCellMar>" if inner else ""


class Cell(NamedTuple):
    """One cell: its content as OOXML paragraphs, the columns it spans and its vertical merge."""

    body: str
    span: int = 1            # w:gridSpan: columns this cell covers
    merge: str = ""          # w:vMerge: "restart" opens a tall cell, "continue" is its part in a lower row
    v_align: str = ""        # w:vAlign: "top", "center" or "bottom"; "" leaves it to Word (top)


class Row(NamedTuple):
    """One row; a heading row repeats at the top of every page the table runs onto."""

    cells: tuple[Cell, ...]
    heading: bool = False


def text_run(text: str) -> str:
    """A run holding `text` as data: &, <, > and quotes escaped, spaces kept."""
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(style: str, text: str = "") -> str:
    """A paragraph of `style` holding `text` (or nothing)."""
    run = text_run(text) if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run}</w:p>'


def borders(line: str = "single") -> str:
    """Every edge of a table, outer and inner: "nil" for none, "single" for a thin (½ pt) black line."""
    if line == "nil":
        return "".join(f'<w:{side} w:val="nil"/>' for side in SIDES)
    return "".join(f'<w:{side} w:val="{line}" w:sz="4" w:space="0" w:color="000000"/>' for side in SIDES)


def table(widths: Sequence[int], rows: Iterable[Row], *, lines: str = "nil", align: str = "",
          indent: int | None = None, margins: Margins = Margins()) -> str:
    """A fixed-layout table of columns `widths` (twips); rows never split across pages.

    `lines` is the border of every edge ("nil" or "single"), `align` the table's place on the line
    ("center", …; "" leaves it at the left margin), `indent` its w:tblInd.
    """
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    jc = f'<w:jc w:val="{align}"/>' if align else ""
    ind = f'<w:tblInd w:w="{indent}" w:type="dxa"/>' if indent is not None else ""
    body = "".join(_row(row, widths) for row in rows)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>{jc}{ind}'
            f'<w:tblBorders>{borders(lines)}</w:tblBorders><w:tblLayout w:type="fixed"/>{margins.xml()}'
            f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>')


def _row(row: Row, widths: Sequence[int]) -> str:
    cells, column = [], 0
    for cell in row.cells:
        cells.append(_cell(cell, sum(widths[column:column + cell.span])))
        column += cell.span
    heading = "<w:tblHeader/>" if row.heading else ""
    return f"<w:tr><w:trPr>{heading}<w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>"


_MERGE = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}


def _cell(cell: Cell, width: int) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    props += f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
    props += _MERGE.get(cell.merge, "")
    props += f'<w:vAlign w:val="{cell.v_align}"/>' if cell.v_align else ""
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{cell.body}</w:tc>"


# --- a computed table (engine.model.Table) in the styles the shipped templates define ----------

DATA_MARGINS = Margins(left=57, right=57)  # 1 mm each side, as Word's own grid tables


def data_table(table_: Table) -> str:
    """Caption, bordered centred table, then an empty BangSau paragraph (Word needs one after a table).

    Heading rows repeat on each page; a tall heading cell spans both heading rows; the last row (Toàn xã)
    is bold when `total_row`; the `left_columns` (names) are left-aligned, figures centred.
    """
    widths = [round(w * TWIPS_PER_MM) for w in table_.widths_mm]
    heading = [Row(tuple(_heading_cell(slot) for slot in row), heading=True)
               for row in _heading_slots(table_.header)]
    last = len(table_.rows) - 1
    body = [_body_row(row, table_, bold=(i == last and table_.total_row) or i in table_.bold_rows)
            for i, row in enumerate(table_.rows)]
    caption = paragraph("BangChuThich", table_.caption) if table_.caption else ""
    return (caption + table(widths, heading + body, lines="single", align="center", margins=DATA_MARGINS)
            + paragraph("BangSau"))


def _heading_slots(header: tuple[tuple[HeaderCell, ...], ...]) -> list[list[HeaderCell | None]]:
    """Row 0 as given; row 1 fills the columns row 0's spans left, None under a tall cell."""
    first = list(header[0])
    if len(header) == 1:
        return [first]
    second, fill = list(header[1]), []
    for cell in first:
        fill.extend([None] if cell.tall else [second.pop(0) for _ in range(cell.span)])
    return [first, fill]


def _heading_cell(slot: HeaderCell | None) -> Cell:
    if slot is None:  # continuation of a tall cell from the row above
        return Cell(paragraph("BangTieuDe"), merge="continue", v_align="center")
    return Cell(paragraph("BangTieuDe", slot.text), slot.span, "restart" if slot.tall else "", "center")


def _body_row(row: tuple[str, ...], table_: Table, bold: bool) -> Row:
    style = "BangTong" if bold else "BangO"
    return Row(tuple(Cell(paragraph(style + ("Trai" if i in table_.left_columns else ""), text), v_align="center")
                     for i, text in enumerate(row)))
