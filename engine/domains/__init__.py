"""Subject-matter domains: a domain brings a data file, its computations, and the tables, charts,
values and template filters documents draw from it. The pipeline asks this registry, never a domain.

Adding a domain is a folder beside giam_ngheo/ whose package defines `DOMAIN = Domain(...)`
(see base.py) and its name in REGISTERED below.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Callable

from engine.domains.base import Domain, Use

__all__ = ["Domain", "Use", "registered", "by_data_type", "get", "filters"]

REGISTERED = (
    "giam_ngheo",  # giảm nghèo: hamlet figures, targets, year-end results (Quyết định giao chỉ tiêu, Báo cáo)
    "du_toan",     # dự toán kinh phí: line items, totals, the amount in words (Tờ trình kinh phí)
)


@cache
def registered() -> tuple[Domain, ...]:
    """Every domain, loaded on first use (a build that draws on none still pays only for the import)."""
    return tuple(importlib.import_module(f"{__name__}.{name}").DOMAIN for name in REGISTERED)


def by_data_type(data_type: str) -> Domain | None:
    return next((d for d in registered() if d.data_type == data_type), None)


def get(name: str) -> Domain:
    return next(d for d in registered() if d.name == name)


def data_types() -> dict[str, Domain]:
    return {d.data_type: d for d in registered()}


def document_keys() -> dict[str, str]:
    return {key: meaning for d in registered() for key, meaning in d.document_keys.items()}


def appendix_names() -> set[str]:
    return {name for d in registered() for name in d.appendices}


def chart_names() -> set[str]:
    return {name for d in registered() for name in d.charts}


def filters() -> dict[str, Callable[..., str]]:
    return {name: f for d in registered() for name, f in d.filters.items()}
