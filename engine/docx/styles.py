"""Style, theme-font and numbering resolution for the DOCX reader (docDefaults → styles → direct)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from engine.nd30.layout import TWIPS_PER_INCH, TWIPS_PER_MM, TWIPS_PER_PT

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
W = "{%s}" % W_NS
A = "{%s}" % A_NS

Props = dict[str, Any]

_FONT_SLOTS = (("ascii", "asciiTheme"), ("hAnsi", "hAnsiTheme"))
_FALSE = {"0", "false", "off", "none"}
_TOGGLES = ("bold", "italic", "caps", "hidden")
_UNIT_TWIPS = {"pt": float(TWIPS_PER_PT), "in": float(TWIPS_PER_INCH), "mm": TWIPS_PER_MM, "cm": TWIPS_PER_MM * 10,
               "pc": 12.0 * TWIPS_PER_PT, "pi": 12.0 * TWIPS_PER_PT}


def wattr(element: etree._Element | None, name: str) -> str | None:
    """A w:-namespaced attribute (or a plain one, as some producers write)."""
    if element is None:
        return None
    value = element.get(W + name)
    return value if value is not None else element.get(name)


def to_twips(value: str | None) -> int | None:
    """Parse a twips measure; also accepts universal measures such as '2.5cm' (Strict OOXML)."""
    if value is None or value == "":
        return None
    match = re.fullmatch(r"\s*(-?[\d.]+)\s*([a-z]*)\s*", value)
    if not match:
        return None
    try:
        number = float(match.group(1))
    except ValueError:
        return None
    unit = match.group(2)
    return round(number * _UNIT_TWIPS[unit]) if unit in _UNIT_TWIPS else round(number)


def on_off(element: etree._Element) -> bool:
    """The value of an OOXML on/off property element such as <w:b/> or <w:b w:val="0"/>."""
    value = wattr(element, "val")
    return value is None or value.lower() not in _FALSE


def parse_ppr(ppr: etree._Element | None) -> Props:
    """The paragraph properties actually present in one w:pPr element."""
    props: Props = {}
    if ppr is None:
        return props
    jc = ppr.find(W + "jc")
    if jc is not None and wattr(jc, "val"):
        props["jc"] = wattr(jc, "val")
    _parse_ind(ppr.find(W + "ind"), props)
    _parse_spacing(ppr.find(W + "spacing"), props)
    contextual = ppr.find(W + "contextualSpacing")
    if contextual is not None:
        props["contextual"] = on_off(contextual)
    _parse_borders(ppr.find(W + "pBdr"), props)
    num_pr = ppr.find(W + "numPr")
    if num_pr is not None:
        props["num_id"] = wattr(num_pr.find(W + "numId"), "val")
        props["ilvl"] = int(to_twips(wattr(num_pr.find(W + "ilvl"), "val")) or 0)
    return props


def _parse_ind(ind: etree._Element | None, props: Props) -> None:
    if ind is None:
        return
    for key, names in (("left", ("left", "start")), ("right", ("right", "end"))):
        for name in names:
            value = to_twips(wattr(ind, name))
            if value is not None:
                props[key] = value
                break
    hanging = to_twips(wattr(ind, "hanging"))
    first = to_twips(wattr(ind, "firstLine"))
    if hanging is not None:
        props["first"] = -hanging  # the spec: hanging wins over firstLine
    elif first is not None:
        props["first"] = first


def _parse_spacing(spacing: etree._Element | None, props: Props) -> None:
    if spacing is None:
        return
    for key in ("before", "after"):
        value = to_twips(wattr(spacing, key))
        if value is not None:
            props[key] = value
        lines = to_twips(wattr(spacing, key + "Lines"))
        if lines is not None:
            props[key] = round(lines * 240 / 100)  # hundredths of a 12 pt line
        auto = wattr(spacing, key + "Autospacing")
        if auto is not None and auto.lower() not in _FALSE:
            props[key] = 280  # Word's HTML auto spacing is 14 pt
    line = to_twips(wattr(spacing, "line"))
    if line is not None:
        props["line"] = line
        props["line_rule"] = wattr(spacing, "lineRule") or "auto"


def _parse_borders(pbdr: etree._Element | None, props: Props) -> None:
    if pbdr is None:
        return
    for side in ("top", "bottom"):
        border = pbdr.find(W + side)
        if border is not None:
            props["border_" + side] = (wattr(border, "val") or "nil") not in ("nil", "none")


def parse_rpr(rpr: etree._Element | None) -> Props:
    """The run properties actually present in one w:rPr element."""
    props: Props = {}
    if rpr is None:
        return props
    fonts = rpr.find(W + "rFonts")
    if fonts is not None:
        for slot, theme_attr in _FONT_SLOTS:
            theme = wattr(fonts, theme_attr)
            plain = wattr(fonts, slot)
            if theme:  # a theme reference beats a plain name on the same element
                props["font_" + slot] = ("theme", theme)
            elif plain:
                props["font_" + slot] = ("name", plain)
    for tag, key in (("b", "bold"), ("i", "italic"), ("caps", "caps"), ("vanish", "hidden")):
        element = rpr.find(W + tag)
        if element is not None:
            props[key] = on_off(element)
    _parse_run_values(rpr, props)
    return props


def _parse_run_values(rpr: etree._Element, props: Props) -> None:
    size = to_twips(wattr(rpr.find(W + "sz"), "val"))
    if size is not None:
        props["size"] = size / 2
    underline = rpr.find(W + "u")
    if underline is not None:
        value = wattr(underline, "val") or "single"
        props["underline"] = None if value == "none" else value
    color = wattr(rpr.find(W + "color"), "val")
    if color:
        props["color"] = color
    spacing = to_twips(wattr(rpr.find(W + "spacing"), "val"))
    if spacing is not None:
        props["char_spacing"] = spacing
    scale = wattr(rpr.find(W + "w"), "val")
    if scale:
        props["scale"] = to_twips(scale.rstrip("%")) or 100


@dataclass
class StyleDef:
    """One w:style: type, parent and its own (unresolved) properties."""

    style_type: str
    based_on: str | None
    ppr: Props = field(default_factory=dict)
    rpr: Props = field(default_factory=dict)
    cell_margins: dict[str, int] = field(default_factory=dict)
    is_default: bool = False


@dataclass
class NumberingLevel:
    fmt: str
    text: str
    ppr: Props


def parse_cell_margins(container: etree._Element | None) -> dict[str, int]:
    """Left/right margins from a w:tblCellMar or w:tcMar element."""
    margins: dict[str, int] = {}
    if container is None:
        return margins
    for key, names in (("left", ("left", "start")), ("right", ("right", "end"))):
        for name in names:
            element = container.find(W + name)
            value = to_twips(wattr(element, "w")) if element is not None else None
            if value is not None and (wattr(element, "type") or "dxa") == "dxa":
                margins[key] = value
                break
    return margins


class StyleSheet:
    """Resolves effective paragraph and run properties as Word does (toggles: simple override)."""

    def __init__(self, styles: etree._Element | None, theme: etree._Element | None,
                 numbering: etree._Element | None) -> None:
        self.doc_ppr: Props = {}
        self.doc_rpr: Props = {}
        self.styles: dict[str, StyleDef] = {}
        self.theme_fonts = _theme_fonts(theme)
        self.levels = _numbering_levels(numbering)
        if styles is not None:
            self._load(styles)

    def _load(self, root: etree._Element) -> None:
        defaults = root.find(W + "docDefaults")
        if defaults is not None:
            self.doc_rpr = parse_rpr(defaults.find(f"{W}rPrDefault/{W}rPr"))
            self.doc_ppr = parse_ppr(defaults.find(f"{W}pPrDefault/{W}pPr"))
        for element in root.iter(W + "style"):
            style_id = wattr(element, "styleId")
            if style_id:
                self.styles[style_id] = _style_def(element)

    def default_style(self, style_type: str) -> str | None:
        for style_id, style in self.styles.items():
            if style.style_type == style_type and style.is_default:
                return style_id
        return None

    def _chain(self, style_id: str | None, style_type: str) -> list[StyleDef]:
        """The basedOn chain from the root ancestor down to the style itself."""
        if style_id is None or style_id not in self.styles:
            style_id = self.default_style(style_type)
        chain: list[StyleDef] = []
        while style_id and style_id in self.styles and len(chain) < 32:
            style = self.styles[style_id]
            if style in chain:
                break  # a basedOn loop in a damaged file
            chain.append(style)
            style_id = style.based_on
        return list(reversed(chain))

    def paragraph_props(self, style_id: str | None, direct: Props) -> Props:
        """Effective paragraph properties: defaults → style chain → numbering → direct."""
        props = dict(self.doc_ppr)
        for style in self._chain(style_id, "paragraph"):
            props.update(style.ppr)
        level = self.numbering_level(props.get("num_id"), props.get("ilvl", 0), direct)
        if level is not None:
            props.update(level.ppr)
        props.update(direct)
        return props

    def numbering_level(self, num_id: str | None, ilvl: int, direct: Props) -> NumberingLevel | None:
        num_id = direct.get("num_id", num_id)
        ilvl = direct.get("ilvl", ilvl)
        if not num_id or num_id == "0":
            return None
        return self.levels.get((num_id, ilvl))

    def run_props(self, para_style: str | None, run_style: str | None, direct: Props) -> Props:
        """Effective run properties: defaults → paragraph style chain → character style chain → direct.

        Toggle properties (bold, italic, caps, …) set in both the paragraph-style chain and the
        character-style chain cancel out (XOR), as ECMA-376 §17.7.3 specifies; direct formatting is absolute.
        """
        para: Props = {}
        for style in self._chain(para_style, "paragraph"):
            para.update(style.rpr)
        char: Props = {}
        if run_style:
            for style in self._chain(run_style, "character"):
                char.update(style.rpr)
        props = {**self.doc_rpr, **para, **char}
        for key in _TOGGLES:
            if key in para and key in char:
                props[key] = para[key] != char[key]
        props.update(direct)
        return props

    def table_cell_margins(self, style_id: str | None) -> dict[str, int]:
        margins = {"left": 108, "right": 108}  # Word's built-in "Normal Table" margins
        for style in self._chain(style_id, "table"):
            margins.update(style.cell_margins)
        return margins

    def font_name(self, value: tuple[str, str] | None) -> str | None:
        """A resolved font name; theme references become the theme's typeface."""
        if value is None:
            return None
        source, name = value
        if source == "name":
            return name
        return self.theme_fonts.get(name) or f"({name})"


def _style_def(element: etree._Element) -> StyleDef:
    based_on = wattr(element.find(W + "basedOn"), "val")
    default = (wattr(element, "default") or "").lower() in ("1", "true", "on")
    style = StyleDef(wattr(element, "type") or "paragraph", based_on, is_default=default)
    style.ppr = parse_ppr(element.find(W + "pPr"))
    style.rpr = parse_rpr(element.find(W + "rPr"))
    style.cell_margins = parse_cell_margins(element.find(f"{W}tblPr/{W}tblCellMar"))
    return style


def _theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    """Map theme font references (minorHAnsi, majorBidi, …) to typefaces."""
    fonts: dict[str, str] = {}
    if theme is None:
        return fonts
    for prefix in ("major", "minor"):
        scheme = theme.find(f".//{A}{prefix}Font")
        if scheme is None:
            continue
        for tag, names in (("latin", ("Ascii", "HAnsi")),):
            element = scheme.find(A + tag)
            typeface = element.get("typeface") if element is not None else ""
            for name in names:
                if typeface:
                    fonts[prefix + name] = typeface
    return fonts


def _numbering_levels(root: etree._Element | None) -> dict[tuple[str, int], NumberingLevel]:
    """(numId, ilvl) → level format, text and paragraph properties."""
    if root is None:
        return {}
    abstract: dict[str, dict[int, NumberingLevel]] = {}
    for element in root.iter(W + "abstractNum"):
        abstract[wattr(element, "abstractNumId") or ""] = _levels_of(element)
    result: dict[tuple[str, int], NumberingLevel] = {}
    for num in root.iter(W + "num"):
        num_id = wattr(num, "numId") or ""
        levels = dict(abstract.get(wattr(num.find(W + "abstractNumId"), "val") or "", {}))
        for override in num.iter(W + "lvlOverride"):
            lvl = override.find(W + "lvl")
            if lvl is not None:
                levels.update(_levels_of_list([lvl]))
        for ilvl, level in levels.items():
            result[(num_id, ilvl)] = level
    return result


def _levels_of(abstract_num: etree._Element) -> dict[int, NumberingLevel]:
    return _levels_of_list(list(abstract_num.iter(W + "lvl")))


def _levels_of_list(levels: list[etree._Element]) -> dict[int, NumberingLevel]:
    result: dict[int, NumberingLevel] = {}
    for lvl in levels:
        ilvl = to_twips(wattr(lvl, "ilvl")) or 0
        fmt = wattr(lvl.find(W + "numFmt"), "val") or "decimal"
        text = wattr(lvl.find(W + "lvlText"), "val") or ""
        result[ilvl] = NumberingLevel(fmt, text, parse_ppr(lvl.find(W + "pPr")))
    return result
