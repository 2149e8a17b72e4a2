"""Turn WordprocessingML block content (paragraphs, runs, tables, drawings) into the neutral model."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from engine.docx.model import (
    EMU_PER_MM, Block, CellRef, Cell, Fonts, Graphic, Paragraph, Row, Run, Table,
)
from engine.docx.styles import W, StyleSheet, parse_cell_margins, parse_ppr, parse_rpr, to_twips, wattr

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
V = "{urn:schemas-microsoft-com:vml}"
O = "{urn:schemas-microsoft-com:office:office}"

# Containers whose children are read as if they were in place (text of insertions is kept).
_RUN_CONTAINERS = {W + name for name in ("hyperlink", "smartTag", "customXml", "ins", "moveTo", "bdo", "dir")}
_LINE_SHAPES = {"line", "straightConnector1"}
_CSS_MM = {"pt": 25.4 / 72, "in": 25.4, "mm": 1.0, "cm": 10.0, "px": 25.4 / 96, "pc": 25.4 / 6}


@dataclass
class _FieldState:
    """Complex-field state within one paragraph (fldChar begin/separate/end)."""

    stack: list[list[str]] = field(default_factory=list)  # per open field: [instruction, phase]

    def in_page_result(self) -> bool:
        return any(item[1] == "result" and _is_page(item[0]) for item in self.stack)


def _is_page(instruction: str) -> bool:
    return re.match(r"\s*PAGE\b", instruction, re.IGNORECASE) is not None


def choose_alternate(element: etree._Element) -> list[etree._Element]:
    """mc:AlternateContent → the children of the first Choice (DrawingML), else of the Fallback."""
    choice = element.find(MC + "Choice")
    chosen = choice if choice is not None else element.find(MC + "Fallback")
    return list(chosen) if chosen is not None else []


class BlockReader:
    """Reads block-level content of one part (body, header or footer) with a shared stylesheet."""

    def __init__(self, styles: StyleSheet) -> None:
        self.styles = styles
        self.table_count = 0
        self.paragraph_count = 0
        self.section_breaks: list[tuple[Paragraph, etree._Element]] = []

    def read_blocks(self, container: etree._Element, cell: CellRef | None = None) -> list[Block]:
        return self._blocks_of(list(container), cell)

    def _blocks_of(self, children: list[etree._Element], cell: CellRef | None) -> list[Block]:
        blocks: list[Block] = []
        for child in children:
            if child.tag == W + "p":
                blocks.append(self.read_paragraph(child, cell))
            elif child.tag == W + "tbl":
                blocks.append(self.read_table(child, cell.depth + 1 if cell else 1))
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    blocks.extend(self.read_blocks(content, cell))
            elif child.tag in (W + "customXml", W + "ins", W + "moveTo"):
                blocks.extend(self.read_blocks(child, cell))
            elif child.tag == MC + "AlternateContent":
                blocks.extend(self._blocks_of(choose_alternate(child), cell))
        return blocks

    # ----- paragraphs -------------------------------------------------------------------------

    def read_paragraph(self, element: etree._Element, cell: CellRef | None) -> Paragraph:
        ppr = element.find(W + "pPr")
        style_id = wattr(ppr.find(W + "pStyle"), "val") if ppr is not None else None
        direct = parse_ppr(ppr)
        props = self.styles.paragraph_props(style_id, direct)
        paragraph = _paragraph_from_props(props, style_id)
        paragraph.cell = cell
        section = ppr.find(W + "sectPr") if ppr is not None else None
        if section is not None and cell is None:
            self.section_breaks.append((paragraph, section))
        paragraph.index = self.paragraph_count
        self.paragraph_count += 1
        level = self.styles.numbering_level(props.get("num_id"), props.get("ilvl", 0), direct)
        if level is not None:
            paragraph.list_label = level.text or None
        self._read_inline(element, paragraph, style_id, _FieldState())
        return paragraph

    def _read_inline(self, container: etree._Element, paragraph: Paragraph, style_id: str | None,
                     fields: _FieldState) -> None:
        self._inline_of(list(container), paragraph, style_id, fields)

    def _inline_of(self, children: list[etree._Element], paragraph: Paragraph, style_id: str | None,
                   fields: _FieldState) -> None:
        for child in children:
            tag = child.tag
            if tag == W + "r":
                self._read_run(child, paragraph, style_id, fields)
            elif tag in _RUN_CONTAINERS:
                self._read_inline(child, paragraph, style_id, fields)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._read_inline(content, paragraph, style_id, fields)
            elif tag == W + "fldSimple":
                self._read_simple_field(child, paragraph, style_id, fields)
            elif tag == MC + "AlternateContent":
                self._inline_of(choose_alternate(child), paragraph, style_id, fields)

    def _read_simple_field(self, element: etree._Element, paragraph: Paragraph, style_id: str | None,
                           fields: _FieldState) -> None:
        instruction = wattr(element, "instr") or ""
        is_page = _is_page(instruction)
        paragraph.has_page_field = paragraph.has_page_field or is_page
        start = len(paragraph.runs)
        self._read_inline(element, paragraph, style_id, fields)
        for run in paragraph.runs[start:]:
            run.in_page_field = run.in_page_field or is_page

    def _read_run(self, element: etree._Element, paragraph: Paragraph, style_id: str | None,
                  fields: _FieldState) -> None:
        rpr = element.find(W + "rPr")
        run_style = wattr(rpr.find(W + "rStyle"), "val") if rpr is not None else None
        props = self.styles.run_props(style_id, run_style, parse_rpr(rpr))
        pieces: list[str] = []
        for child in element:
            self._read_run_child(child, pieces, paragraph, fields)
        if props.get("hidden"):
            return
        run = self._run_from_props(props, "".join(pieces))
        run.in_page_field = fields.in_page_result()
        paragraph.runs.append(run)

    def _read_run_child(self, child: etree._Element, pieces: list[str], paragraph: Paragraph,
                        fields: _FieldState) -> None:
        tag = child.tag
        if tag == W + "t":
            if not any(item[1] == "instr" for item in fields.stack):
                pieces.append(child.text or "")
        elif tag in (W + "tab", W + "ptab"):
            pieces.append("\t")
        elif tag in (W + "br", W + "cr"):
            if (wattr(child, "type") or "textWrapping") == "textWrapping":
                pieces.append("\n")
        elif tag == W + "noBreakHyphen":
            pieces.append("-")
        elif tag == W + "sym":
            pieces.append(_symbol(child))
        elif tag == W + "fldChar":
            self._field_char(child, paragraph, fields)
        elif tag == W + "instrText" and fields.stack:
            fields.stack[-1][0] += child.text or ""
        elif tag in (W + "drawing", W + "pict", W + "object"):
            self._read_graphics(child, paragraph)
        elif tag == MC + "AlternateContent":
            for chosen in choose_alternate(child):
                self._read_run_child(chosen, pieces, paragraph, fields)

    def _field_char(self, element: etree._Element, paragraph: Paragraph, fields: _FieldState) -> None:
        char_type = wattr(element, "fldCharType")
        if char_type == "begin":
            fields.stack.append(["", "instr"])
        elif char_type == "separate" and fields.stack:
            fields.stack[-1][1] = "result"
            paragraph.has_page_field = paragraph.has_page_field or _is_page(fields.stack[-1][0])
        elif char_type == "end" and fields.stack:
            instruction, _phase = fields.stack.pop()
            paragraph.has_page_field = paragraph.has_page_field or _is_page(instruction)

    def _run_from_props(self, props: dict, text: str) -> Run:
        fonts = Fonts(
            ascii=self.styles.font_name(props.get("font_ascii")),
            h_ansi=self.styles.font_name(props.get("font_hAnsi")),
        )
        return Run(
            text=text, fonts=fonts, size_pt=props.get("size", 10.0), bold=props.get("bold", False),
            italic=props.get("italic", False), underline=props.get("underline"), color=props.get("color"),
            caps=props.get("caps", False),
            char_spacing_twips=props.get("char_spacing", 0), scale_pct=props.get("scale", 100),
        )

    # ----- drawings ---------------------------------------------------------------------------

    def _read_graphics(self, element: etree._Element, paragraph: Paragraph) -> None:
        for holder in element.iter(WP + "inline", WP + "anchor"):
            paragraph.graphics.extend(_drawing_graphics(holder))
        for shape in element.iter(V + "line", V + "shape", V + "rect", V + "roundrect"):
            paragraph.graphics.append(_vml_graphic(shape))
        for content in element.iter(W + "txbxContent"):
            self._read_textbox(content, paragraph)

    def _read_textbox(self, content: etree._Element, paragraph: Paragraph) -> None:
        """Text-box paragraphs are kept apart so their text never merges into the anchor paragraph."""
        for block in self.read_blocks(content, paragraph.cell):
            if isinstance(block, Paragraph):
                paragraph.textboxes.append(block)
                paragraph.has_page_field = paragraph.has_page_field or block.has_page_field

    # ----- tables -----------------------------------------------------------------------------

    def read_table(self, element: etree._Element, depth: int) -> Table:
        self.table_count += 1
        table = Table(table_id=self.table_count)
        grid = element.find(W + "tblGrid")
        if grid is not None:
            table.grid = [to_twips(wattr(col, "w")) or 0 for col in grid.findall(W + "gridCol")]
        tbl_pr = element.find(W + "tblPr")
        style_id = wattr(tbl_pr.find(W + "tblStyle"), "val") if tbl_pr is not None else None
        margins = self.styles.table_cell_margins(style_id)
        if tbl_pr is not None:
            margins.update(parse_cell_margins(tbl_pr.find(W + "tblCellMar")))
        for row_index, tr in enumerate(element.findall(W + "tr")):
            table.rows.append(self._read_row(tr, table, row_index, margins, depth))
        return table

    def _read_row(self, tr: etree._Element, table: Table, row_index: int, margins: dict[str, int],
                  depth: int) -> Row:
        row = Row()
        grid_before = to_twips(wattr(tr.find(f"{W}trPr/{W}gridBefore"), "val")) or 0
        col = grid_before
        for tc in _row_cells(tr):
            cell = _cell_shape(tc, table.grid, col, margins)
            ref = CellRef(table.table_id, row_index, len(row.cells), cell.width_twips,
                          cell.margin_left, cell.margin_right, depth)
            cell.blocks = self.read_blocks(tc, ref)
            row.cells.append(cell)
            col += cell.grid_span
        return row


def _row_cells(tr: etree._Element) -> list[etree._Element]:
    """Cells of a row, looking through sdt/customXml wrappers."""
    cells: list[etree._Element] = []
    for child in tr:
        if child.tag == W + "tc":
            cells.append(child)
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent")
            cells.extend(_row_cells(content if content is not None else child))
    return cells


def _cell_shape(tc: etree._Element, grid: list[int], col: int, margins: dict[str, int]) -> Cell:
    tc_pr = tc.find(W + "tcPr")
    span = to_twips(wattr(tc_pr.find(W + "gridSpan"), "val")) if tc_pr is not None else None
    cell = Cell(col=col, grid_span=max(1, span or 1))
    if grid and col < len(grid):
        cell.grid_width = sum(grid[col:col + cell.grid_span]) or None
    own_margins = dict(margins)
    if tc_pr is not None:
        tcw = tc_pr.find(W + "tcW")
        if tcw is not None and (wattr(tcw, "type") or "dxa") == "dxa":
            cell.pref_width = to_twips(wattr(tcw, "w")) or None
        own_margins.update(parse_cell_margins(tc_pr.find(W + "tcMar")))
    cell.margin_left, cell.margin_right = own_margins["left"], own_margins["right"]
    return cell


def _paragraph_from_props(props: dict, style_id: str | None) -> Paragraph:
    alignment = {"start": "left", "end": "right", "justify": "both"}.get(props.get("jc", "left"), props.get("jc", "left"))
    return Paragraph(
        style_id=style_id, alignment=alignment, first_line_indent=props.get("first", 0),
        left_indent=props.get("left", 0), right_indent=props.get("right", 0),
        space_before=props.get("before", 0), space_after=props.get("after", 0),
        line_spacing=props.get("line"), line_rule=props.get("line_rule", "auto"),
        contextual_spacing=props.get("contextual", False),
        border_top=props.get("border_top", False), border_bottom=props.get("border_bottom", False),
    )


def _symbol(element: etree._Element) -> str:
    code = wattr(element, "char") or ""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    return chr(value - 0xF000) if value >= 0xF000 else chr(value)


def _drawing_graphics(holder: etree._Element) -> list[Graphic]:
    """Graphics of one wp:inline / wp:anchor: lines, shapes, pictures, text boxes."""
    anchored = holder.tag == WP + "anchor"
    extent = holder.find(WP + "extent")
    width = _emu_mm(extent.get("cx")) if extent is not None else None
    height = _emu_mm(extent.get("cy")) if extent is not None else None
    graphics: list[Graphic] = []
    for shape in holder.iter(WPS + "wsp"):
        graphics.append(_wps_graphic(shape, width, height, anchored))
    if not graphics:
        drawing = "picture" if next(holder.iter("{*}pic"), None) is not None else "group"
        graphics.append(Graphic(drawing, width, height, anchored))
    return graphics


def _wps_graphic(shape: etree._Element, width: float | None, height: float | None, anchored: bool) -> Graphic:
    ext = shape.find(f"{WPS}spPr/{A}xfrm/{A}ext")
    if ext is not None:
        width, height = _emu_mm(ext.get("cx")), _emu_mm(ext.get("cy"))
    geometry = shape.find(f"{WPS}spPr/{A}prstGeom")
    preset = geometry.get("prst") if geometry is not None else ""
    if shape.find(WPS + "txbx") is not None:
        drawing = "textbox"
    elif preset in _LINE_SHAPES or shape.find(f"{WPS}cNvCnPr") is not None:
        drawing = "line"
    else:
        drawing = "shape"
    return Graphic(drawing, width, height, anchored)


def _vml_graphic(shape: etree._Element) -> Graphic:
    style = _css(shape.get("style") or "")
    anchored = "absolute" in (style.get("position") or "")
    width, height = _css_mm(style.get("width")), _css_mm(style.get("height"))
    if shape.tag == V + "line":
        return Graphic("line", _vml_line_length(shape), 0.0, anchored)
    if shape.find(V + "textbox") is not None:
        return Graphic("textbox", width, height, anchored)
    if shape.find(V + "imagedata") is not None:
        return Graphic("picture", width, height, anchored)
    connector = shape.get(O + "connectortype") or "#_x0000_t32" in (shape.get("type") or "")
    if connector or shape.get(O + "hr") in ("t", "true"):
        return Graphic("line", width, height, anchored)
    return Graphic("shape", width, height, anchored)


def _vml_line_length(shape: etree._Element) -> float | None:
    try:
        start = [_css_mm(value) or 0.0 for value in (shape.get("from") or "0,0").split(",")]
        end = [_css_mm(value) or 0.0 for value in (shape.get("to") or "0,0").split(",")]
        return ((end[0] - start[0]) ** 2 + (end[1] - start[1]) ** 2) ** 0.5
    except (IndexError, ValueError):
        return None


def _css(style: str) -> dict[str, str]:
    pairs = (item.split(":", 1) for item in style.split(";") if ":" in item)
    return {key.strip().lower(): value.strip() for key, value in pairs}


def _css_mm(value: str | None) -> float | None:
    """A VML/CSS length in mm; unitless numbers are taken as points, as Word writes them."""
    if not value:
        return None
    match = re.fullmatch(r"\s*(-?[\d.]+)\s*([a-z]*)\s*", value)
    if not match:
        return None
    try:
        return float(match.group(1)) * _CSS_MM.get(match.group(2) or "pt", 25.4 / 72)
    except ValueError:
        return None


def _emu_mm(value: str | None) -> float | None:
    try:
        return int(value or "") / EMU_PER_MM
    except ValueError:
        return None
