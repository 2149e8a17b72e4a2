"""The writer adapter: the only module of the engine that imports docxtpl or python-docx.

A template is rendered through docxtpl's public API — DocxTemplate(file).render(context, jinja_env,
autoescape=True), save() — with three needs met around it rather than inside it:

* Compile once per build. docxtpl hands every XML part to `jinja_env.from_string`; TemplateEnvironment is
  a Jinja Environment (Jinja's own extension point) whose from_string keeps each compiled source, so ten
  documents from one template compile it once.
* Clerk text is data. Autoescape turns &, <, > and quotes into entities. After rendering, docxtpl turns
  '{_{', '}_}', '{_%', '%_}' into '{{', '}}', '{%', '%}' everywhere in the part, clerk text included; the
  environment's `finalize` (and `literal` for our tables) writes such an underscore as the character
  reference '&#95;', which docxtpl leaves alone and the XML parser turns back into '_'.
* Errors keep their place: the part docxtpl was rendering (`current_rendering_part`), the line of the
  Jinja source (a syntax error's lineno, or the template frame of a runtime error's traceback; docxtpl
  numbers a line per paragraph) and that line's text, like docxtpl's own `docx_context` excerpt.

Two needs have no public hook, so _DocxTemplate keeps a minimal seam; neither override copies docxtpl
code, so a docxtpl upgrade changes our output only where docxtpl itself changes (tests/test_render.py):

* patch_xml is memoised (super() does the work; it is a pure function of the part's XML). Its regular
  expressions cost about 0.6 ms per KB of XML: 5 ms for a shipped template, 30 ms for a 50 KB one made in
  Word, on every document without the memo.
* render_properties is switched off. docxtpl renders six core properties as Jinja and sets each, which
  adds empty <dc:description/> and <dc:identifier/> elements and double-escapes '&'; CompiledTemplate
  sets the core properties from the document's own data after render, through python-docx's public
  core_properties, exactly as the template had them otherwise.

docxcompose, which docxtpl imports when installed, rebinds python-docx's prefix 'cp'; _own_core_prefix
takes it back before the core properties are written (tests: test_render.py, under docxtpl 0.17–0.20).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any, Callable

import jinja2
from docx.oxml.ns import nsmap as docx_prefixes
from docx.shared import Mm
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from engine.docx import chart as chart_part
from engine.docx.ooxml import data_table
from engine.docx.read import MAX_INFLATED_BYTES, MAX_PARTS, refuse_unsafe_docx
from engine.docx.slots import PROPERTY_LIMIT, package
from engine.errors import CheckInputError, Location, TemplateError
from engine.model import BarChart, Table

CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
# An underscore docxtpl would remove after rendering ('{_{' → '{{', '}_}', '{_%', '%_}'), and its guard.
# Written '_' first so that re scans for the literal: 30 times faster on a table than a leading lookbehind.
_UNESCAPED = re.compile(r"_(?<=[{}%]_)(?=[{}%])")
_GUARDED = "&#95;"


def literal(xml: str) -> Markup:
    """OOXML (escaped already) that docxtpl must insert unchanged: no '{_{' for it to turn into '{{'."""
    return Markup(_UNESCAPED.sub(_GUARDED, xml))


def _finalize(value: Any) -> Any:
    """Every {{ value }} of a template passes here before autoescape."""
    if isinstance(value, str) and not isinstance(value, Markup) and _UNESCAPED.search(value):
        return literal(str(escape(value)))
    return value


class TemplateEnvironment(SandboxedEnvironment):
    """One build's Jinja: sandboxed, a missing value is an error, and each XML part compiled once."""

    def __init__(self, filters: dict[str, Callable[..., Any]]) -> None:
        super().__init__(autoescape=True, undefined=jinja2.StrictUndefined, finalize=_finalize)
        self.filters.update(filters)
        self._compiled: dict[str, jinja2.Template] = {}
        self.last_source = ""  # what docxtpl asked for last: the part an error comes from

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> jinja2.Template:
        self.last_source = source if isinstance(source, str) else ""
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        if source not in self._compiled:
            self._compiled[source] = super().from_string(source)
        return self._compiled[source]


class CompiledTemplate:
    """A DOCX template read once; its parts patched and compiled once, then rendered for each document."""

    def __init__(self, path: Path, shown: str, env: TemplateEnvironment) -> None:
        self.path = path
        self.shown = shown  # as the clerk would find it: templates/docx/<name>.docx
        self.blob = path.read_bytes()
        self.env = env
        self.patched: dict[str, str] = {}
        self.unclosed = _unclosed_message(self.blob, shown)  # raised only if Jinja itself finds nothing

    def render(self, context: dict[str, Any], properties: dict[str, Any]) -> bytes:
        """The document's DOCX bytes, identical for identical input; TemplateError names the place."""
        template = _DocxTemplate(self)
        document = self._open(template)
        try:
            template.render(_drawable(context, template), jinja_env=self.env, autoescape=True)
        except jinja2.TemplateError as exc:
            raise TemplateError(explain(exc, _part_name(template), self.env.last_source), None, self.shown) from None
        if self.unclosed:
            raise TemplateError(self.unclosed, None, self.shown)
        _own_core_prefix()
        for name, value in properties.items():
            setattr(document.core_properties, name, fit_property(value))
        out = io.BytesIO()
        template.save(out)
        return normalised_zip(out.getvalue())

    def _open(self, template: DocxTemplate) -> Any:
        try:
            return template.get_docx()
        except Exception:  # python-docx raises many types for a file that is not a usable DOCX; all mean the same here
            raise TemplateError("không đọc được mẫu: tệp không phải tài liệu DOCX", None, self.shown) from None


def fit_property(value: Any) -> Any:
    """A core property within PROPERTY_LIMIT characters: cut at a word boundary, marked with '…'.
    The document's own text keeps the whole value; only the file's metadata is shortened."""
    if not isinstance(value, str) or len(value) <= PROPERTY_LIMIT:
        return value
    kept = value[:PROPERTY_LIMIT]  # one character for '…'; the last word may be cut, so drop it
    head = kept.rsplit(" ", 1)[0] if " " in kept[:-1] else kept[:-1]
    return head.rstrip() + "…"


def _unclosed_message(blob: bytes, shown: str) -> str:
    """The first Jinja tag a paragraph leaves open, said in Vietnamese, or ''; TemplateError if `blob` is no DOCX.

    docxtpl joins the text from an opening '{{' to the next '}}' anywhere in the part, paragraphs between
    included, so an unclosed tag can render without error and silently drop those paragraphs.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS or sum(info.file_size for info in infos) > MAX_INFLATED_BYTES:
                raise TemplateError(f"mẫu quá lớn khi giải nén (hơn {MAX_INFLATED_BYTES // (1024 * 1024)} MB hoặc "
                                    f"hơn {MAX_PARTS} phần), không dùng được", None, shown)
            parts = {name: archive.read(name) for name in archive.namelist() if _TEMPLATE_PART.fullmatch(name)}
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise TemplateError("không đọc được mẫu: tệp không phải tài liệu DOCX (tệp rỗng hoặc không phải tệp nén)",
                            None, shown) from None
    for name, xml in sorted(parts.items()):
        paragraphs = _PARAGRAPH.findall(xml.decode("utf-8", "replace"))
        for number, paragraph in enumerate(paragraphs, 1):
            text = re.sub(r"<[^>]*>", "", paragraph)
            if opener := _unclosed(text):
                closer = _CLOSER[opener]
                excerpt = source_excerpt(" ".join(text.split()), 1)
                return (f"mẫu có thẻ '{opener}' chưa đóng bằng '{closer}' ({name}, đoạn {number}: «{excerpt}»); "
                        f"hãy thêm '{closer}' trong cùng đoạn")
    return ""


_TEMPLATE_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_PARAGRAPH = re.compile(r"<w:p[ >].*?</w:p>", re.S)
_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}
_TAG = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")


def _unclosed(text: str) -> str:
    """The Jinja opener left open in one paragraph's text ('{{', '{%' or '{#'), or ''."""
    open_tag = ""
    for tag in _TAG.findall(text):
        if tag in _CLOSER:
            if open_tag:
                return open_tag
            open_tag = tag
        elif open_tag and tag == _CLOSER[open_tag]:
            open_tag = ""
    return open_tag


def _own_core_prefix() -> None:
    """python-docx's prefix 'cp' back to the core-properties namespace.

    docxcompose, which docxtpl imports whenever it is installed (and always before 0.20.2), rebinds
    python-docx's global prefix 'cp' to the custom-properties namespace; python-docx would then write
    cp:lastModifiedBy in the wrong namespace and a second cp:revision. We use neither Subdoc nor docxcompose.
    """
    docx_prefixes["cp"] = CORE_PROPERTIES


class _DocxTemplate(DocxTemplate):
    """docxtpl's DocxTemplate with the two documented deviations of this module's docstring."""

    def __init__(self, source: CompiledTemplate) -> None:
        super().__init__(io.BytesIO(source.blob))
        self._patched = source.patched

    def patch_xml(self, src_xml: str) -> str:
        if src_xml not in self._patched:
            self._patched[src_xml] = super().patch_xml(src_xml)
        return self._patched[src_xml]

    def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
        """Core properties come from the document's data (CompiledTemplate.render), never from Jinja."""


def _drawable(value: Any, template: DocxTemplate) -> Any:
    """The context with computed charts and tables turned into what docxtpl inserts."""
    if isinstance(value, dict):
        return {k: _drawable(v, template) for k, v in value.items()}
    if isinstance(value, list):
        return [_drawable(v, template) for v in value]
    if isinstance(value, BarChart):
        return InlineChart(template, value)
    if isinstance(value, Table):
        return literal(data_table(value))
    return value


class InlineChart:
    """A native Word chart in a run, as docxtpl's InlineImage places a picture: when the template prints it,
    its part (word/charts/chartN.xml) joins the package, related to the part being rendered."""

    def __init__(self, template: DocxTemplate, chart: BarChart) -> None:
        self.template, self.chart = template, chart

    def __html__(self) -> str:
        part = self.template.current_rendering_part
        package = part.package
        name = package.next_partname(chart_part.PART_NAME)
        blob = chart_part.chart_xml(self.chart)
        rel_id = part.relate_to(Part(name, chart_part.CONTENT_TYPE, blob, package), RT.CHART)
        drawing = chart_part.inline(self.chart, rel_id, name.idx)  # docxtpl renumbers every docPr id after render
        return literal(f'</w:t></w:r><w:r>{drawing}</w:r><w:r><w:t xml:space="preserve">')

    __str__ = __html__


# --- template errors, with the place docxtpl and Jinja know ------------------------------------

def explain(exc: jinja2.TemplateError, part: str, source: str) -> str:
    """What went wrong, then where: 'mẫu dùng một biến … (word/document.xml, dòng 12: «…»)'."""
    if isinstance(exc, jinja2.UndefinedError):
        what = f"mẫu dùng một biến không có trong dữ liệu văn bản ({exc.message})"
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        what = f"mẫu có lỗi cú pháp Jinja: {exc.message}"
    else:
        what = f"mẫu không dựng được: {exc.message}"
    line = error_line(exc)
    if not line:
        return f"{what} ({part})" if part else what
    excerpt = source_excerpt(source, line)
    return f"{what} ({part}, dòng {line}" + (f": «{excerpt}»)" if excerpt else ")")


def error_line(exc: jinja2.TemplateError) -> int:
    """The line of the template source: a syntax error carries it; a runtime error's traceback has a
    frame for the template code (Jinja rewrites it to the template's line, as in its own tracebacks)."""
    if getattr(exc, "lineno", None):
        return exc.lineno
    line, tb = 0, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def source_excerpt(source: str, line: int, limit: int = 80) -> str:
    """The text of `line` as the clerk typed it in Word: XML tags dropped, Jinja tags inside them kept."""
    lines = source.splitlines()
    if not 0 < line <= len(lines):
        return ""
    text = re.sub(r"<[^>]*>", lambda m: " ".join(re.findall(r"{{.*?}}|{%.*?%}", m.group())), lines[line - 1])
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _part_name(template: DocxTemplate) -> str:
    part = getattr(template, "current_rendering_part", None)
    return str(part.partname).lstrip("/") if part is not None else ""


# --- bytes out -------------------------------------------------------------------------------

def normalised_zip(data: bytes) -> bytes:
    """The same parts, in the same order, with fixed timestamps: identical input gives identical bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return package((info.filename, source.read(info.filename)) for info in source.infolist())


def table_document(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[int, ...]) -> bytes:
    """A landscape A4 document with a title and one table (the register's Phụ lục IV layout)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin, section.right_margin, section.top_margin, section.bottom_margin = Mm(20), Mm(15), Mm(20), Mm(20)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
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


def docx_text(path: Path) -> str:
    """The text of a DOCX, one paragraph a line (table cells in reading order), for `git diff` through textconv."""
    import docx
    from docx.table import Table as DocxTable

    refuse_unsafe_docx(path)
    try:
        blocks = list(docx.Document(str(path)).iter_inner_content())
    except Exception:  # python-docx raises many types for a file that is not a usable DOCX; all mean the same here
        raise CheckInputError("không đọc được: tệp không phải tài liệu DOCX", Location.of(path)) from None
    lines: list[str] = []
    for block in blocks:
        cells = [c for row in block.rows for c in row.cells] if isinstance(block, DocxTable) else []
        paragraphs = [p for c in cells for p in c.paragraphs] if cells else [block]
        lines.extend(p.text for p in paragraphs if p.text.strip())
    return "\n".join(lines)
