"""Neutral, library-free model of a DOCX document with formatting already resolved."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union

from engine.nd30.layout import TWIPS_PER_MM, twips_to_mm

__all__ = ["TWIPS_PER_MM", "twips_to_mm"]  # the reader's callers take them from here too

EMU_PER_MM = 36000


@dataclass(frozen=True)
class Fonts:
    """The font slots of a run (w:rFonts) that carry Vietnamese text, theme references replaced by names."""

    ascii: str | None = None
    h_ansi: str | None = None


@dataclass
class Run:
    """A run of text with its effective character formatting."""

    text: str
    fonts: Fonts = field(default_factory=Fonts)
    size_pt: float = 10.0
    bold: bool = False
    italic: bool = False
    underline: str | None = None  # None = no underline, else the w:u value ("single", …)
    color: str | None = None  # "auto", "RRGGBB" or None (= automatic)
    caps: bool = False
    char_spacing_twips: int = 0
    scale_pct: int = 100
    in_page_field: bool = False

    @property
    def font(self) -> str | None:
        """The font used for Latin text (the ascii slot)."""
        return self.fonts.ascii

    @property
    def display_text(self) -> str:
        """The text as shown: all caps when w:caps is on."""
        return self.text.upper() if self.caps else self.text


@dataclass
class Graphic:
    """A drawn object anchored in a paragraph: a line, a shape, a picture or a text box."""

    drawing: str  # what is drawn: "line", "shape", "picture", "textbox", "group"
    width_mm: float | None = None
    height_mm: float | None = None
    anchored: bool = False

    @property
    def is_rule(self) -> bool:
        """True for a horizontal line drawn with the drawing tools (or a very thin rectangle)."""
        if self.drawing == "line":
            return True
        thin = self.height_mm is not None and self.height_mm <= 1.0
        return self.drawing == "shape" and thin and (self.width_mm or 0) > 3


@dataclass(frozen=True)
class CellRef:
    """Where a paragraph sits in a table, with the widths needed to lay out its lines."""

    table_id: int
    row: int
    col: int
    width_twips: int | None
    margin_left: int
    margin_right: int
    depth: int = 1

    @property
    def text_width_twips(self) -> int | None:
        """Cell width minus its left and right cell margins."""
        if self.width_twips is None:
            return None
        return self.width_twips - self.margin_left - self.margin_right


@dataclass
class Paragraph:
    """A paragraph with effective paragraph formatting and its runs."""

    runs: list[Run] = field(default_factory=list)
    style_id: str | None = None
    alignment: str = "left"  # left, center, right, both, distribute, …
    first_line_indent: int = 0  # twips; negative = hanging
    left_indent: int = 0
    right_indent: int = 0
    space_before: int = 0
    space_after: int = 0
    line_spacing: int | None = None  # twips for exact/atLeast, 240ths of a line for auto
    line_rule: str = "auto"
    contextual_spacing: bool = False
    border_top: bool = False
    border_bottom: bool = False
    has_page_field: bool = False
    graphics: list[Graphic] = field(default_factory=list)
    textboxes: list["Paragraph"] = field(default_factory=list)
    list_label: str | None = None  # "-" for a bullet list item, "%1." style patterns for numbers
    cell: CellRef | None = None
    section_index: int = 0
    index: int = 0  # document order within its part

    @property
    def text(self) -> str:
        """The paragraph text as stored (without list labels)."""
        return "".join(run.text for run in self.runs)

    @property
    def display_text(self) -> str:
        """The paragraph text as shown, with w:caps applied."""
        return "".join(run.display_text for run in self.runs)

    @property
    def text_runs(self) -> list[Run]:
        """Runs that contain visible characters (not only whitespace)."""
        return [run for run in self.runs if run.text.strip()]

    @property
    def has_graphic_rule(self) -> bool:
        """True when a drawn line is anchored in (or inline in) this paragraph."""
        return any(graphic.is_rule for graphic in self.graphics)



@dataclass
class Cell:
    """A table cell: its blocks, grid position and widths."""

    blocks: list["Block"] = field(default_factory=list)
    col: int = 0
    grid_span: int = 1
    grid_width: int | None = None  # sum of the tblGrid columns it spans (twips)
    pref_width: int | None = None  # w:tcW in twips when given as dxa
    margin_left: int = 108
    margin_right: int = 108

    @property
    def width_twips(self) -> int | None:
        """The narrower of the grid width and tcW: if either renderer wraps, the text wraps."""
        widths = [w for w in (self.grid_width, self.pref_width) if w]
        return min(widths) if widths else None


@dataclass
class Row:
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Table:
    """A table with its grid (column widths in twips)."""

    rows: list[Row] = field(default_factory=list)
    grid: list[int] = field(default_factory=list)
    table_id: int = 0
    section_index: int = 0


Block = Union[Paragraph, Table]


@dataclass
class HeaderFooter:
    """One header or footer part referenced by a section."""

    place: str  # "header" or "footer"
    type: str  # "default", "first" or "even"
    part: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Section:
    """Page geometry and header/footer references of one section (twips)."""

    page_width: int = 11906
    page_height: int = 16838
    margin_top: int = 1440
    margin_bottom: int = 1440
    margin_left: int = 1440
    margin_right: int = 1440
    gutter: int = 0
    orientation: str = "portrait"
    title_pg: bool = False
    headers: dict[str, HeaderFooter] = field(default_factory=dict)
    footers: dict[str, HeaderFooter] = field(default_factory=dict)

    @property
    def text_width_twips(self) -> int:
        return self.page_width - self.margin_left - self.margin_right - self.gutter

    def margins_mm(self) -> dict[str, float]:
        """Margins in millimetres keyed top/bottom/left/right (gutter added to the left)."""
        return {
            "top": twips_to_mm(abs(self.margin_top)),
            "bottom": twips_to_mm(abs(self.margin_bottom)),
            "left": twips_to_mm(self.margin_left + self.gutter),
            "right": twips_to_mm(self.margin_right),
        }


@dataclass
class Document:
    """The whole document: sections and body blocks."""

    sections: list[Section] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    path: str = ""

    def paragraphs(self) -> list[Paragraph]:
        """All body paragraphs in document order, including those in table cells."""
        return list(iter_paragraphs(self.blocks))

    def header_footer_parts(self) -> list[HeaderFooter]:
        """Every distinct header/footer part referenced by any section."""
        seen: dict[str, HeaderFooter] = {}
        for section in self.sections:
            for part in [*section.headers.values(), *section.footers.values()]:
                seen.setdefault(f"{part.place}:{part.part}", part)
        return list(seen.values())


def iter_paragraphs(blocks: list[Block]) -> Iterator[Paragraph]:
    """Depth-first paragraphs of a block list, table cells in row order (text boxes excluded)."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block
        else:
            for row in block.rows:
                for cell in row.cells:
                    yield from iter_paragraphs(cell.blocks)
