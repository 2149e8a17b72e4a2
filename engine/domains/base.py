"""The seam between the pipeline and a subject-matter domain: what a domain offers, as plain callables."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from yaml.nodes import Node

from engine import schema as s
from engine.model import Appendix, BarChart, Profile

# The domain's own reading of a data file, and of one document's use of it (its `view`).
ReadData = Callable[[Node, s.Context, Profile], Any]
Link = Callable[["Use"], Any]


@dataclass(frozen=True)
class Use:
    """One document drawing on one data file: what the domain needs to make the document's view of it."""

    data: Any                      # what the domain's `read` made of the data file
    keys: dict[str, Node]          # the document's domain keys (e.g. ket_qua) as the clerk wrote them
    wants: frozenset[str]          # the appendices and charts the document asks for, by name
    root: Node                     # the document, for located errors
    ctx: s.Context


@dataclass(frozen=True)
class Domain:
    """A subject-matter domain: its data file, what it computes, and the parts it adds to documents.

    The pipeline asks the registry (engine.domains) for these; it never imports a domain by name.
    """

    name: str                      # its folder under engine/domains/, e.g. giam_ngheo
    data_type: str                 # `loai:` of its data files, e.g. so_lieu_giam_ngheo
    label: str                     # what its data is, for the clerk: "số liệu giảm nghèo"
    read: ReadData                 # the data file → its data, errors in ctx (None when invalid)
    link: Link = lambda use: use.data  # the document's view: the data, plus what the document adds
    values: Callable[[Any], dict[str, str]] = lambda view: {}  # [so_lieu.name] → printed form
    appendices: dict[str, Callable[[Any], Appendix]] = field(default_factory=dict)  # phu_luc names
    charts: dict[str, Callable[[Any], BarChart]] = field(default_factory=dict)       # bieu_do names
    document_keys: dict[str, str] = field(default_factory=dict)  # key → meaning, e.g. ket_qua
    filters: dict[str, Callable[..., str]] = field(default_factory=dict)  # Jinja filters for templates
