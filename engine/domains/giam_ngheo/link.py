"""Validate stage, figures part: the poverty figures files and the documents that draw on them."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from engine.domains.giam_ngheo import model as gn
from engine.domains.giam_ngheo import schema as gs
from engine import schema as s
from engine.pipeline.load import SourceFile
from engine.model import Bullets, Chart, Profile, Section

APPENDICES = {gn.TARGETS: gn.TARGETS, gn.RESULTS: gn.RESULTS}
CHARTS = {"ty_le_ho_ngheo": "ty_le_ho_ngheo"}
PLACEHOLDER = re.compile(r"\[so_lieu\.([A-Za-z_]+)\]")


def is_figures_file(source: SourceFile) -> bool:
    node = s.key_of(source.root, "loai")
    return isinstance(node, ScalarNode) and node.value == gn.KIND


def figures_files(sources: list[SourceFile], profile: Profile | None, ctx_errors: list) -> dict[str, gn.Figures]:
    """Every figures file, validated against the agency's hamlets; keyed by its shown path."""
    found: dict[str, gn.Figures] = {}
    if profile is None:  # the hamlets cannot be checked until vanban.yaml is right; its errors come first
        return found
    for source in sources:
        ctx = s.Context(source.shown)
        figures = gs.figures_from(source.root, ctx, profile.hamlets)
        ctx_errors.extend(ctx.errors)
        if figures is not None:
            found[source.shown] = figures
    return found


def chart_node(node: MappingNode, path: str, ctx: s.Context) -> Any:
    raw = _CHART(node, path, ctx)
    return s.INVALID if raw is s.INVALID or raw["bieu_do"] is s.INVALID else Chart(raw["bieu_do"])


_CHART = s.mapping({"bieu_do": s.Key(s.choice(CHARTS, "tên biểu đồ"), True)}, "một biểu đồ ('bieu_do: …')")

FIGURE_KEYS = {
    "so_lieu": s.Key(s.text, meaning="tệp số liệu giảm nghèo, ví dụ: so-lieu-giam-ngheo.yaml"),
    "phu_luc": s.Key(s.sequence(s.choice(APPENDICES, "tên phụ lục"), allow_single=True), default=()),
}
RESULT_KEYS = {"ket_qua": s.Key(lambda node, path, ctx: node, meaning="kết quả giảm nghèo từng xóm")}


def link(source: SourceFile, raw: dict, figures: dict[str, gn.Figures], ctx: s.Context) -> tuple[Any, Any]:
    """The figures (and year-end results) a document names, with every reference checked."""
    name = raw.get("so_lieu")
    data = None
    if name and name is not s.INVALID:
        shown = (PurePosixPath(source.shown).parent / name).as_posix()
        data = figures.get(shown)
        if data is None:
            ctx.fail(s.key_of(source.root, "so_lieu"), "so_lieu",
                     f"không tìm thấy tệp số liệu giảm nghèo hợp lệ {shown} (cần 'loai: {gn.KIND}')")
    results = _results(raw, data, ctx)
    _needs(source, raw, ctx)
    if data is not None or not name:  # with a missing figures file, its error is enough
        _check_placeholders(source.root, "", gn.figure_values(data, results) if data else {}, ctx)
    return data, results


def _results(raw: dict, data: gn.Figures | None, ctx: s.Context) -> Any:
    node = raw.get("ket_qua")
    if node is None or data is None:
        return None
    return gs.results_from(node, ctx, data)


def _needs(source: SourceFile, raw: dict, ctx: s.Context) -> None:
    """A phụ lục or a chart needs the figures (and, for results, the ket_qua) it is drawn from."""
    root = source.root
    wants_results = gn.RESULTS in (raw.get("phu_luc") or ()) or _has_chart(s.key_of(root, "noi_dung"))
    if (raw.get("phu_luc") or raw.get("ket_qua") is not None) and not raw.get("so_lieu"):
        ctx.fail(root, "so_lieu", "phụ lục và kết quả giảm nghèo cần khóa 'so_lieu' chỉ tới tệp số liệu")
    if wants_results and raw.get("ket_qua") is None:
        ctx.fail(root, "ket_qua", "bảng kết quả và biểu đồ cần khóa 'ket_qua' (kết quả giảm nghèo từng xóm)")


def _has_chart(node: Node | None) -> bool:
    if isinstance(node, MappingNode):
        return any(k.value == "bieu_do" or _has_chart(v) for k, v in node.value)
    if isinstance(node, SequenceNode):
        return any(_has_chart(child) for child in node.value)
    return False


def _check_placeholders(node: Node, path: str, values: dict[str, str], ctx: s.Context) -> None:
    """`[so_lieu.giam_ty_le_ho_ngheo]` in any text must name one of the engine's own values."""
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


def fill(text: str, values: dict[str, str]) -> str:
    """Replace the named figures in a clerk's text; anything else, braces included, stays as typed."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def fill_document(document: Any, figures: gn.Figures | None, results: gn.Results | None) -> Any:
    """The document with every `[so_lieu.…]` replaced by the figure it names (Vietnamese number forms)."""
    if figures is None:
        return document
    values = gn.figure_values(figures, results)

    def text(value: str) -> str:
        return fill(value, values)

    def tree(nodes: tuple) -> tuple:
        return tuple(_fill_node(node, text, tree) for node in nodes)

    return replace(document, summary=text(document.summary), bases=tuple(map(text, document.bases)),
                   proposer=text(document.proposer), opening=text(document.opening), body=tree(document.body),
                   recipients=tuple(map(text, document.recipients)),
                   recipients_to=tuple(map(text, document.recipients_to)))


def _fill_node(node: Any, text: Any, tree: Any) -> Any:
    if isinstance(node, str):
        return text(node)
    if isinstance(node, Section):
        return Section(text(node.title), tree(node.children))
    if isinstance(node, Bullets):
        return Bullets(node.marker, tuple(map(text, node.items)))
    return node
