"""Render stage: the only module that touches docxtpl and python-docx; DOCX bytes out, identical for identical input.

Imported lazily by the CLI, so `vanban --help` never pays for docxtpl, python-docx and lxml.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from engine.docx.ooxml import data_table
from engine.pipeline.compute import Job
from engine.nd30.doc_so import doc_so, doc_tien
from engine.errors import BuildFailed, CheckInputError, EngineError, Location, TemplateError
from engine.domains.giam_ngheo.model import so_nguyen, ty_le
from engine.model import Picture, Table

def _shipped_templates() -> Path:
    """templates/docx/ of the project, installed as engine/templates/ in a wheel."""
    engine = Path(__file__).resolve().parents[1]
    packaged = engine / "templates"
    return packaged if packaged.is_dir() else engine.parent / "templates" / "docx"


SHIPPED_TEMPLATES = _shipped_templates()
# Filters a template may use on numbers: {{ so_tien | doc_tien }} → "Một trăm hai mươi lăm triệu đồng".
FILTERS = {"doc_so": doc_so, "doc_tien": doc_tien, "so_nguyen": so_nguyen, "ty_le": ty_le}
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Rendered:
    job: Job
    data: bytes


class TemplateSet:
    """The templates of one build: the workspace's own first, then the shipped ones; each compiled once."""

    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace
        self.folders = [workspace / "templates" / "docx", SHIPPED_TEMPLATES]
        self.env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
        self.env.filters.update(FILTERS)
        self._compiled: dict[str, CompiledTemplate] = {}

    def get(self, name: str) -> "CompiledTemplate":
        if name not in self._compiled:
            path = next((f / f"{name}.docx" for f in self.folders if (f / f"{name}.docx").is_file()), None)
            if path is None:
                raise TemplateError(f"không tìm thấy mẫu {name}.docx trong templates/docx/")
            shown = f"templates/docx/{name}.docx" + ("" if path.parent == self.folders[0] else " (mẫu có sẵn)")
            self._compiled[name] = CompiledTemplate(path, self.env, shown)
        return self._compiled[name]


class CompiledTemplate:
    """A DOCX template read once; its XML parts are patched and compiled by Jinja once, then reused."""

    def __init__(self, path: Path, env: jinja2.Environment, shown: str) -> None:
        self.path = path
        self.shown = shown  # as the clerk would find it: templates/docx/<name>.docx
        self.blob = path.read_bytes()
        self.env = env
        self.patched: dict[str, str] = {}
        self.compiled: dict[str, jinja2.Template] = {}

    def render(self, context: dict[str, Any], properties: dict[str, Any]) -> bytes:
        template = CachedDocxTemplate(io.BytesIO(self.blob), self)
        try:
            template.render(_drawable(context, template), jinja_env=self.env, autoescape=True)
        except jinja2.TemplateError as exc:
            raise TemplateError(_explain(exc), None, self.shown) from None
        _set_properties(template.docx.core_properties, properties)
        out = io.BytesIO()
        template.save(out)
        return normalised_zip(out.getvalue())


class CachedDocxTemplate(DocxTemplate):
    """DocxTemplate that takes its patched and compiled XML from a CompiledTemplate."""

    def __init__(self, blob: io.BytesIO, source: CompiledTemplate) -> None:
        super().__init__(blob)
        self.source = source

    def patch_xml(self, src_xml: str) -> str:
        cache = self.source.patched
        if src_xml not in cache:
            cache[src_xml] = super().patch_xml(src_xml)
        return cache[src_xml]

    def render_xml_part(self, src_xml: str, part: Any, context: dict, jinja_env: Any = None) -> str:
        """As docxtpl does, minus the '{_{' unescaping that would alter a clerk's text."""
        cache = self.source.compiled
        if src_xml not in cache:
            cache[src_xml] = self.source.env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml))
        self.current_rendering_part = part
        dst_xml = cache[src_xml].render(context)
        return self.resolve_listing(re.sub(r"\n<w:p([ >])", r"<w:p\1", dst_xml))

    def render_properties(self, context: dict, jinja_env: Any = None) -> None:
        """Core properties are set from the document's own data, not rendered (no double escaping)."""


def _drawable(value: Any, template: DocxTemplate) -> Any:
    """The context with computed pictures and tables turned into what docxtpl inserts."""
    if isinstance(value, dict):
        return {k: _drawable(v, template) for k, v in value.items()}
    if isinstance(value, list):
        return [_drawable(v, template) for v in value]
    if isinstance(value, Picture):
        return InlineImage(template, io.BytesIO(value.png), width=Mm(value.width_mm))
    if isinstance(value, Table):
        return Markup(data_table(value))
    return value


def _set_properties(core: Any, properties: dict[str, Any]) -> None:
    for name, value in properties.items():
        setattr(core, name, value)


def _explain(exc: jinja2.TemplateError) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return f"mẫu dùng một biến không có trong dữ liệu văn bản ({exc.message})"
    return f"mẫu có lỗi cú pháp Jinja: {exc.message}"


def normalised_zip(data: bytes) -> bytes:
    """The same parts, in the same order, with fixed timestamps: identical input gives identical bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def render_all(jobs: list[Job], templates: TemplateSet) -> list[Rendered]:
    """Every document, or BuildFailed naming each one that could not be rendered."""
    rendered: list[Rendered] = []
    errors: list[EngineError] = []
    for job in jobs:
        try:
            rendered.append(Rendered(job, templates.get(job.template).render(job.context, job.properties)))
        except EngineError as exc:
            exc.location = exc.location or job.document.location
            errors.append(exc)
    if errors:
        raise BuildFailed(errors)
    return rendered


def docx_text(path: Path) -> str:
    """The text of a DOCX, one paragraph a line (table cells in reading order), for `git diff` through textconv."""
    import docx
    from docx.table import Table

    try:
        blocks = list(docx.Document(str(path)).iter_inner_content())
    except Exception:  # python-docx raises many types for a file that is not a usable DOCX; all mean the same here
        raise CheckInputError("không đọc được: tệp không phải tài liệu DOCX", Location.of(path)) from None
    lines: list[str] = []
    for block in blocks:
        cells = [c for row in block.rows for c in row.cells] if isinstance(block, Table) else []
        paragraphs = [p for c in cells for p in c.paragraphs] if cells else [block]
        lines.extend(p.text for p in paragraphs if p.text.strip())
    return "\n".join(lines)


def table_document(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[int, ...]) -> bytes:
    """A landscape A4 document with a title and one table (the register's Phụ lục IV layout)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Mm(20), Mm(15), Mm(20), Mm(20)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(12)
    style.element.rPr.rFonts.set(qn_east_asia(), "Times New Roman")
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(title).bold = True
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    scale = 262 / sum(widths)
    for cell, text, width in zip(table.rows[0].cells, header, widths):
        cell.text, cell.width = text, Mm(width * scale)
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, text, width in zip(table.add_row().cells, row, widths):
            cell.text, cell.width = text, Mm(width * scale)
    out = io.BytesIO()
    document.save(out)
    return normalised_zip(out.getvalue())


def qn_east_asia() -> str:
    from docx.oxml.ns import qn

    return qn("w:eastAsia")
