"""Validate stage, data part: the data files documents draw on (`so_lieu:`), read through the domain registry.

A data file says what it is with `loai:`; the domain registered for that type reads it. A document that
names it gets a DocumentData: the domain's view and the figures its text may quote as [so_lieu.name].
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any, Callable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine import domains
from engine import schema as s
from engine.errors import EngineError
from engine.model import (Article, Bullets, Chapter, Chart, Clause, Document, DocumentData, Part, Profile, Section,
                          TableBlock)
from engine.pipeline import sheets
from engine.pipeline.load import SourceFile
from engine.workspace import DATA_KEY, data_file

PLACEHOLDER = re.compile(r"\[so_lieu\.([A-Za-z_][A-Za-z0-9_]*)\]")
_ANY = s.Key(lambda node, path, ctx: node)  # kept as a node: its domain checks it once the data is known


@dataclass(frozen=True)
class DataFile:
    """One valid data file and the domain that read it."""

    domain: domains.Domain
    data: Any


def document_keys() -> dict[str, s.Key]:
    """The keys any document may use to draw on data: the file and each domain's own keys."""
    return {
        DATA_KEY: s.Key(s.text, meaning="tệp số liệu, ví dụ: so-lieu-giam-ngheo.yaml hoặc so-lieu-giam-ngheo.xlsx"),
        **{key: replace(_ANY, meaning=meaning) for key, meaning in domains.document_keys().items()},
    }


def chart_node(node: MappingNode, path: str, ctx: s.Context) -> Any:
    """`bieu_do: name` in a document's body: a chart one of the domains draws."""
    names = {name: name for name in domains.chart_names()}
    rule = s.mapping({"bieu_do": s.Key(s.choice(names, "tên biểu đồ"), True)}, "một biểu đồ ('bieu_do: …')")
    raw = rule(node, path, ctx)
    return s.INVALID if raw is s.INVALID or raw["bieu_do"] is s.INVALID else Chart(raw["bieu_do"])


def is_data_file(source: SourceFile) -> bool:
    node = s.key_of(source.root, "loai")
    return isinstance(node, ScalarNode) and domains.by_data_type(node.value) is not None


def read_data_files(sources: list[SourceFile], profile: Profile | None,
                    errors: list[EngineError]) -> dict[str, DataFile]:
    """Every data file, read by its domain against the profile; keyed by its shown path."""
    found: dict[str, DataFile] = {}
    if profile is None:  # a data file is checked against vanban.yaml, whose own errors come first
        return found
    for source in sources:
        domain = domains.by_data_type(s.key_of(source.root, "loai").value)
        ctx = s.Context(source.shown)
        data = domain.read(source.root, ctx, profile)
        errors.extend(sheets.grouped(ctx.errors))  # a workbook's mistake down a column: one message
        if data is not None:
            found[source.shown] = DataFile(domain, data)
    return found


def link(source: SourceFile, raw: dict, files: dict[str, DataFile], ctx: s.Context) -> DocumentData | None:
    """The data a document names, read by its domain for this document, with every reference checked."""
    named = [a for a in raw.get("phu_luc") or () if isinstance(a, str)]
    wants = frozenset([*named, *_charts(source.root)])
    keys = {k: raw[k] for k in domains.document_keys() if raw.get(k) is not None}
    name = raw.get(DATA_KEY)
    if name is s.INVALID:
        return None
    if not name:
        if wants or keys:
            ctx.fail(source.root, DATA_KEY, f"{_what(wants, keys)} cần khóa '{DATA_KEY}' chỉ tới tệp số liệu")
        _check_placeholders(source.root, "", {}, ctx)
        return None
    found = _named_file(source, name, files, _domain_wanted(wants, keys), ctx)
    if found is None:
        return None
    _refuse_foreign(found.domain, wants, keys, source.root, ctx)
    view = found.domain.link(domains.Use(found.data, keys, wants, source.root, ctx))
    if view is None:
        return None
    values = found.domain.values(view)
    _check_placeholders(source.root, "", values, ctx)
    return DocumentData(found.domain.name, view, values)


def _named_file(source: SourceFile, name: str, files: dict[str, DataFile], expected: domains.Domain | None,
                ctx: s.Context) -> DataFile | None:
    """The valid data file `so_lieu:` names, of the domain the document's phụ lục and keys ask for."""
    shown = data_file(PurePosixPath(source.shown), name).as_posix()
    found = files.get(shown)
    if found is not None and (expected is None or found.domain is expected):
        return found
    label = expected or (found.domain if found else None)
    what = f"{label.label} " if label else ""
    types = f"'loai: {label.data_type}'" if label else " hoặc ".join(f"'loai: {t}'" for t in domains.data_types())
    if found is None and data_file(source.path, name).is_file():  # there, but its own errors kept it out
        ctx.fail(s.key_of(source.root, DATA_KEY), DATA_KEY, f"chưa dùng được tệp {what}{shown}: tệp có lỗi (báo ở "
                 f"các dòng của tệp đó) hoặc không ghi {types}")
        return None
    ctx.fail(s.key_of(source.root, DATA_KEY), DATA_KEY, f"không tìm thấy tệp {what}hợp lệ {shown} (cần {types})")
    return None


def _domain_wanted(wants: frozenset[str], keys: dict[str, Node]) -> domains.Domain | None:
    """The domain the document's own phụ lục, charts and keys belong to, when they name one."""
    for domain in domains.registered():
        if wants & {*domain.appendices, *domain.charts} or set(keys) & set(domain.document_keys):
            return domain
    return None


def _what(wants: frozenset[str], keys: dict[str, Node]) -> str:
    parts = [*(["phụ lục và biểu đồ"] if wants else []), *(f"khóa '{k}'" for k in keys)]
    return " và ".join(parts).capitalize()


def _refuse_foreign(domain: domains.Domain, wants: frozenset[str], keys: dict[str, Node], root: Node,
                    ctx: s.Context) -> None:
    """A phụ lục, chart or key of another domain cannot be drawn from this data file."""
    offered = {*domain.appendices, *domain.charts}
    for name in sorted(wants - offered):
        ctx.fail(s.key_of(root, DATA_KEY), DATA_KEY, f"tệp {domain.label} không vẽ được '{name}'"
                 + s.hint(name, offered or {"(không có)": ""}))
    for key in sorted(set(keys) - set(domain.document_keys)):
        ctx.fail(s.key_of(root, key), key, f"khóa '{key}' không dùng được với tệp {domain.label}")


def _charts(node: Node | None) -> list[str]:
    if isinstance(node, MappingNode):
        return _mapping_charts(node)
    if isinstance(node, SequenceNode):
        return [name for child in node.value for name in _charts(child)]
    return []


def _mapping_charts(node: MappingNode) -> list[str]:
    found: list[str] = []
    for key, value in node.value:
        if key.value == "bieu_do" and isinstance(value, ScalarNode):
            found.append(str(value.value))
        else:
            found.extend(_charts(value))
    return found


def _check_placeholders(node: Node, path: str, values: dict[str, str], ctx: s.Context) -> None:
    """`[so_lieu.giam_ty_le_ho_ngheo]` in any text must name one of the domain's own values."""
    if isinstance(node, ScalarNode):
        for match in PLACEHOLDER.finditer(node.value):
            if match.group(1) not in values:
                known = values or {"(cần khóa so_lieu)": ""}
                ctx.fail(node, path, f"không có giá trị số liệu '{match.group(1)}'" + s.hint(match.group(1), known))
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            _check_placeholders(value, f"{path}.{key.value}" if path else str(key.value), values, ctx)
    elif isinstance(node, SequenceNode):
        for i, child in enumerate(node.value):
            _check_placeholders(child, f"{path}[{i + 1}]", values, ctx)


def fill_document(document: Document) -> Document:
    """The document with every `[so_lieu.…]` replaced by the figure it names; other brackets stay as typed."""
    if document.data is None:
        return document
    values = document.data.values
    return map_texts(document, lambda value: PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), value))


def map_texts(document: Document, text: Callable[[str], str]) -> Document:
    """The document with `text` applied to every text the clerk wrote that reaches the page."""
    def tree(nodes: tuple) -> tuple:
        return tuple(_fill_node(node, text, tree) for node in nodes)

    appendices = tuple(a if isinstance(a, str) else replace(a, title=text(a.title), body=tree(a.body))
                       for a in document.appendices)
    attachments = tuple(replace(a, summary=text(a.summary), body=tree(a.body)) for a in document.attachments)
    return replace(document, summary=text(document.summary), bases=tuple(map(text, document.bases)),
                   proposer=text(document.proposer), opening=text(document.opening), body=tree(document.body),
                   recipients=tuple(map(text, document.recipients)),
                   recipients_to=tuple(map(text, document.recipients_to)), appendices=appendices,
                   attachments=attachments)


def _fill_node(node: Any, text: Any, tree: Any) -> Any:
    if isinstance(node, str):
        return text(node)
    if isinstance(node, Bullets):
        return replace(node, items=tuple(map(text, node.items)))
    if isinstance(node, Clause):
        return replace(node, text=text(node.text), points=tuple(map(text, node.points)), children=tree(node.children))
    if isinstance(node, (Section, Part, Chapter, Article)):
        return replace(node, title=text(node.title), children=tree(node.children))
    if isinstance(node, TableBlock):
        rows = tuple(tuple(text(cell) if isinstance(cell, str) else cell for cell in row) for row in node.rows)
        return replace(node, caption=text(node.caption), rows=rows)
    return node
