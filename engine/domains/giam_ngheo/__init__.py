"""Giảm nghèo: a commune's poverty-reduction cycle — hamlet figures and targets (the Quyết định giao chỉ
tiêu and its phụ lục), year-end results (the Báo cáo kết quả, its tables and chart), quoted figures.

The hamlets are what vanban.yaml calls them (xóm, thôn, bản, tổ dân phố …): `read` puts the profile's
Localities into the Figures, so every title, column header, chart label and message says that word."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yaml.nodes import Node

from engine import schema as s
from engine.domains.base import Domain, Use
from engine.domains.giam_ngheo import tables
from engine.domains.giam_ngheo.chart import report_chart
from engine.domains.giam_ngheo.model import (DATA_TYPE, RESULTS, TARGETS, Figures, Results, figure_values, so_nguyen,
                                             ty_le)
from engine.domains.giam_ngheo.schema import figures_from, results_from
from engine.model import BarChart, Profile

RESULTS_KEY = "ket_qua"
CHART = "ty_le_ho_ngheo"


@dataclass(frozen=True)
class Poverty:
    """A document's view: the year's figures and, in a report, the year-end results."""

    figures: Figures
    results: Results | None = None


def read(node: Node, ctx: s.Context, profile: Profile) -> Figures | None:
    return figures_from(node, ctx, profile.localities)


def link(use: Use) -> Poverty | None:
    """The results a report adds; a results table or chart needs them."""
    node = use.keys.get(RESULTS_KEY)
    if (RESULTS in use.wants or CHART in use.wants) and node is None:
        word = use.data.localities.word
        use.ctx.fail(use.root, RESULTS_KEY,
                     f"bảng kết quả và biểu đồ cần khóa 'ket_qua' (kết quả giảm nghèo từng {word})")
        return None
    if node is None:
        return Poverty(use.data)
    results = results_from(node, use.ctx, use.data)
    return Poverty(use.data, results) if results is not None else None


def values(view: Poverty) -> dict[str, str]:
    return figure_values(view.figures, view.results)


def chart(view: Any) -> BarChart:
    localities = view.figures.localities
    title = f"Tỷ lệ hộ nghèo các {localities.word} đầu năm và cuối năm {view.figures.year}"
    return report_chart(view.results, title, localities.heading)


DOMAIN = Domain(
    name="giam_ngheo",
    data_type=DATA_TYPE,
    label="số liệu giảm nghèo",
    read=read,
    link=link,
    values=values,
    appendices={TARGETS: lambda v: tables.targets(v.figures), RESULTS: lambda v: tables.results(v.figures, v.results)},
    charts={CHART: chart},
    document_keys={RESULTS_KEY: "kết quả giảm nghèo từng xóm, thôn, tổ dân phố …"},
    filters={"so_nguyen": so_nguyen, "ty_le": ty_le},
)
