"""Dự toán kinh phí: a budget estimate — line items, quantities and unit prices, computed amounts, group
subtotals and the total in figures and in words — for the tờ trình that asks for the money."""

from __future__ import annotations

from yaml.nodes import Node

from engine import schema as s
from engine.domains.base import Domain
from engine.domains.du_toan.model import APPENDIX, DATA_TYPE, Estimate, group_rows, rows, tien, values
from engine.domains.du_toan.schema import estimate_from
from engine.model import Appendix, HeaderCell, Profile, Table
from engine.nd30.forms import upper

# STT, nội dung, đơn vị tính, số lượng, đơn giá, thành tiền, ghi chú: 252 mm, the landscape text width.
WIDTHS = (16.0, 100.0, 24.0, 22.0, 30.0, 36.0, 24.0)
HEADER = ((HeaderCell("STT"), HeaderCell("Nội dung"), HeaderCell("Đơn vị tính"), HeaderCell("Số lượng"),
           HeaderCell("Đơn giá (đồng)"), HeaderCell("Thành tiền (đồng)"), HeaderCell("Ghi chú")),)


def read(node: Node, ctx: s.Context, profile: Profile) -> Estimate | None:
    return estimate_from(node, ctx)


def appendix(estimate: Estimate) -> Appendix:
    """The estimate as a phụ lục: its title in capitals and one table, Tổng cộng last."""
    table = Table(HEADER, tuple(rows(estimate)), WIDTHS, left_columns=(1, 2, 6), bold_rows=group_rows(estimate))
    return Appendix(upper(estimate.title), (table,))


DOMAIN = Domain(
    name="du_toan",
    data_type=DATA_TYPE,
    label="dự toán kinh phí",
    read=read,
    values=values,
    appendices={APPENDIX: appendix},
    filters={"tien": tien},
)
