"""A native Word chart (DrawingML, word/charts/chartN.xml) from engine.model's BarChart: pure XML, no docxtpl.

The chart part caches every category, value and label (c:strCache, c:numCache), so Word and LibreOffice draw
it without a workbook, as vector graphics, and the same bytes come out on every machine: no fonts are
measured, Word lays the chart out when it opens the file. The look is an official report's: greys with black
outlines that print in black and white, Times New Roman, each value printed on its bar as the documents print
it (`1,58`, decimal comma) — a custom label per bar, since a number format's decimal sign is the reader's
locale. The value axis carries whole numbers only, for the same reason. Up to MAX_COLUMNS groups stand as
columns; more (a commune of many hamlets) lie as rows of horizontal bars, so that every name and label fits.

No workbook is embedded: Word's "Edit Data" would change the bars but not the printed labels, nor the tables
and text that quote the same figures; the figures are edited in the YAML and the document built again.

write.py relates the part to the document and places `inline()` where the clerk wrote `bieu_do:`.
"""

from __future__ import annotations

import math
from decimal import Decimal

from lxml import etree

from engine.model import BarChart, Series

C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {"c": C, "a": A, "r": R, "wp": WP, "w": W}
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
PART_NAME = "/word/charts/chart%d.xml"
SHEET = "Sheet1"

FONT = "Times New Roman"
TITLE_PT, TEXT_PT, LABEL_PT = 12, 10, 9
FILLS = ("D9D9D9", "595959", "A6A6A6", "262626")  # light, dark, mid, darkest grey: apart in black and white
OUTLINE = "000000"
GRID = "BFBFBF"
HEADROOM = Decimal("1.15")  # the value axis ends above the tallest bar, with room for its label
AXIS_IDS = (500000001, 500000002)
MAX_COLUMNS = 8    # more groups than this (a commune of many hamlets): horizontal bars, a row for each
ROW_MM = 7.0       # one row of horizontal bars: its two bars and their labels
FRAME_MM = 35.0    # around the rows: title, legend, value axis and its title
EMU_PER_MM = 36000


def chart_xml(chart: BarChart) -> bytes:
    """The chart part: a c:chartSpace with one clustered c:barChart, every value cached."""
    space = etree.Element(_qualified("c:chartSpace"), nsmap={"c": C, "a": A, "r": R})
    _el(space, "c:date1904", val="0")
    _el(space, "c:lang", val="vi-VN")
    _el(space, "c:roundedCorners", val="0")
    body = _el(space, "c:chart")
    _title(body, chart.title, TITLE_PT, bold=True)
    _el(body, "c:autoTitleDeleted", val="0")
    plot = _el(body, "c:plotArea")
    _el(plot, "c:layout")
    _bars(plot, chart)
    _category_axis(plot, chart)
    _value_axis(plot, chart)
    legend = _el(body, "c:legend")
    _el(legend, "c:legendPos", val="t")
    _el(legend, "c:overlay", val="0")
    _text_properties(legend, TEXT_PT)
    _el(body, "c:plotVisOnly", val="1")
    _el(body, "c:dispBlanksAs", val="gap")
    _shape(space, fill=None, line=None)
    _text_properties(space, TEXT_PT)
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)


def inline(chart: BarChart, rel_id: str, shape_id: int) -> str:
    """The w:drawing that shows the chart part `rel_id` in a run, as large as `size_mm` says."""
    width, height = size_mm(chart)
    drawing = etree.Element(_qualified("w:drawing"), nsmap=NAMESPACES)
    frame = _el(drawing, "wp:inline", distT="0", distB="0", distL="0", distR="0")
    _el(frame, "wp:extent", cx=str(_emu(width)), cy=str(_emu(height)))
    _el(frame, "wp:effectExtent", l="0", t="0", r="0", b="0")
    _el(frame, "wp:docPr", id=str(shape_id), name=f"Biểu đồ {shape_id}", descr=chart.title)
    _el(frame, "wp:cNvGraphicFramePr")
    data = _el(_el(frame, "a:graphic"), "a:graphicData", uri=C)
    _el(data, "c:chart").set(_qualified("r:id"), rel_id)
    return etree.tostring(drawing, encoding="unicode")


def horizontal(chart: BarChart) -> bool:
    """Columns side by side leave each group too little width for its name and its labels past MAX_COLUMNS."""
    return len(chart.categories) > MAX_COLUMNS


def names(chart: BarChart) -> list[str]:
    """The categories in the order drawn and as the axis prints them: a name broken in two lines stays so under
    a column, but a row (horizontal bars) has room for it on one line and not for two."""
    if not horizontal(chart):
        return list(chart.categories)
    return [" ".join(c.split("\n")) for c in reversed(chart.categories)]


def _drawn(chart: BarChart) -> list[tuple[int, Series]]:
    """Each series, with its number (its colour), in the order drawn. A bar chart draws from the bottom up: in
    rows, categories and series go in reverse, so the first category is on top and in each row the first series
    above the second; LibreOffice lists a bar chart's legend bottom-up too, so it reads in the chart's order
    (Word, unseen here, may list it either way; the greys tell the series apart)."""
    if not horizontal(chart):
        return list(enumerate(chart.series))
    return [(number, Series(s.name, s.values[::-1], s.labels[::-1])) for number, s in enumerate(chart.series)][::-1]


def size_mm(chart: BarChart) -> tuple[float, float]:
    """The chart's width and height on the page: as the chart asks, taller when its bars lie in rows."""
    if not horizontal(chart):
        return chart.width_mm, chart.height_mm
    return chart.width_mm, max(chart.height_mm, FRAME_MM + ROW_MM * len(chart.categories))


def axis_scale(chart: BarChart) -> tuple[int, int]:
    """The value axis's top and its step, whole numbers: 4 to 6 steps, the tallest bar below the top."""
    top = max((v for s in chart.series for v in s.values), default=Decimal(0))
    wanted = max(top * HEADROOM, Decimal(1))
    step = next(s for s in _steps() if math.ceil(wanted / s) <= 6)
    return step * math.ceil(wanted / step), step


def _steps():
    exponent = 0
    while True:
        for mantissa in (1, 2, 5):
            yield mantissa * 10 ** exponent
        exponent += 1


# --- the plot ------------------------------------------------------------------------------------

def _bars(plot: etree._Element, chart: BarChart) -> None:
    bars = _el(plot, "c:barChart")
    _el(bars, "c:barDir", val="bar" if horizontal(chart) else "col")
    _el(bars, "c:grouping", val="clustered")
    _el(bars, "c:varyColors", val="0")
    for position, (number, series) in enumerate(_drawn(chart)):
        column = _column(number + 1)
        ser = _el(bars, "c:ser")
        _el(ser, "c:idx", val=str(position))
        _el(ser, "c:order", val=str(position))
        _strings(_el(ser, "c:tx"), f"{SHEET}!${column}$1", [series.name])
        _shape(ser, fill=FILLS[number % len(FILLS)], line=OUTLINE)
        _el(ser, "c:invertIfNegative", val="0")
        _labels(ser, series.labels)
        _strings(_el(ser, "c:cat"), _range("A", len(chart.categories)), names(chart))
        _numbers(_el(ser, "c:val"), _range(column, len(series.values)), series.values)
    _el(bars, "c:gapWidth", val="80")
    _el(bars, "c:overlap", val="0")
    for axis in AXIS_IDS:
        _el(bars, "c:axId", val=str(axis))


def _labels(ser: etree._Element, labels: tuple[str, ...]) -> None:
    """Each bar's value as the documents print it, above the bar."""
    group = _el(ser, "c:dLbls")
    for index, text in enumerate(labels):
        label = _el(group, "c:dLbl")
        _el(label, "c:idx", val=str(index))
        _rich(_el(label, "c:tx"), text, LABEL_PT)
        _label_flags(label)
    _shape(group, fill=None, line=None)
    _text_properties(group, LABEL_PT)
    _label_flags(group)


def _label_flags(parent: etree._Element) -> None:
    _el(parent, "c:dLblPos", val="outEnd")
    for flag, on in (("showLegendKey", 0), ("showVal", 1), ("showCatName", 0), ("showSerName", 0),
                     ("showPercent", 0), ("showBubbleSize", 0)):
        _el(parent, f"c:{flag}", val=str(on))


def _category_axis(plot: etree._Element, chart: BarChart) -> None:
    """Every name shown, never every other one."""
    axis = _el(plot, "c:catAx")
    rows = horizontal(chart)
    _axis_head(axis, AXIS_IDS[0], "l" if rows else "b")
    _axis_body(axis, "General", "none", AXIS_IDS[1])
    _el(axis, "c:auto", val="1")
    _el(axis, "c:lblAlgn", val="ctr")
    _el(axis, "c:lblOffset", val="100")
    _el(axis, "c:tickLblSkip", val="1")
    _el(axis, "c:noMultiLvlLbl", val="0")


def _value_axis(plot: etree._Element, chart: BarChart) -> None:
    top, step = axis_scale(chart)
    rows = horizontal(chart)
    axis = _el(plot, "c:valAx")
    _axis_head(axis, AXIS_IDS[1], "b" if rows else "l", top)
    grid = _el(axis, "c:majorGridlines")
    _shape(grid, fill=None, line=GRID)
    _title(axis, chart.axis_title, TEXT_PT, bold=False, rotated=not rows)
    _axis_body(axis, "0", "out", AXIS_IDS[0])
    _el(axis, "c:crossBetween", val="between")
    _el(axis, "c:majorUnit", val=str(step))


def _axis_head(axis: etree._Element, axis_id: int, position: str, top: int | None = None) -> None:
    _el(axis, "c:axId", val=str(axis_id))
    scaling = _el(axis, "c:scaling")
    _el(scaling, "c:orientation", val="minMax")
    if top is not None:
        _el(scaling, "c:max", val=str(top))
        _el(scaling, "c:min", val="0")
    _el(axis, "c:delete", val="0")
    _el(axis, "c:axPos", val=position)


def _axis_body(axis: etree._Element, number_format: str, tick_mark: str, crosses: int) -> None:
    """What both axes write between their title and their own settings: ticks, line, text, the axis they cross."""
    _el(axis, "c:numFmt", formatCode=number_format, sourceLinked="0")
    _el(axis, "c:majorTickMark", val=tick_mark)
    _el(axis, "c:minorTickMark", val="none")
    _el(axis, "c:tickLblPos", val="nextTo")
    _shape(axis, fill=None, line=OUTLINE)
    _text_properties(axis, TEXT_PT)
    _el(axis, "c:crossAx", val=str(crosses))
    _el(axis, "c:crosses", val="autoZero")


# --- cached data ---------------------------------------------------------------------------------

def _strings(parent: etree._Element, formula: str, texts: list[str]) -> None:
    ref = _el(parent, "c:strRef")
    _el(ref, "c:f").text = formula
    cache = _el(ref, "c:strCache")
    _el(cache, "c:ptCount", val=str(len(texts)))
    for index, text in enumerate(texts):
        _el(_el(cache, "c:pt", idx=str(index)), "c:v").text = text


def _numbers(parent: etree._Element, formula: str, values: tuple[Decimal, ...]) -> None:
    ref = _el(parent, "c:numRef")
    _el(ref, "c:f").text = formula
    cache = _el(ref, "c:numCache")
    _el(cache, "c:formatCode").text = "General"
    _el(cache, "c:ptCount", val=str(len(values)))
    for index, value in enumerate(values):
        _el(_el(cache, "c:pt", idx=str(index)), "c:v").text = _plain(value)


def _plain(value: Decimal) -> str:
    """A number as XML Schema writes it: `6.6`, `12`, never an exponent."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _column(index: int) -> str:
    return chr(ord("A") + index)  # a handful of series at most: A is the categories, B … the series


def _range(column: str, count: int) -> str:
    return f"{SHEET}!${column}$2:${column}${count + 1}"


# --- text and shapes -----------------------------------------------------------------------------

def _title(parent: etree._Element, text: str, size: int, bold: bool, rotated: bool = False) -> None:
    title = _el(parent, "c:title")
    _rich(_el(title, "c:tx"), text, size, bold, rotated)
    _el(title, "c:overlay", val="0")


def _rich(parent: etree._Element, text: str, size: int, bold: bool = False, rotated: bool = False) -> None:
    rich = _el(parent, "c:rich")
    _el(rich, "a:bodyPr", **({"rot": "-5400000", "vert": "horz"} if rotated else {}))
    _el(rich, "a:lstStyle")
    paragraph = _el(rich, "a:p")
    _run_properties(_el(paragraph, "a:pPr"), "a:defRPr", size, bold)
    run = _el(paragraph, "a:r")
    _run_properties(run, "a:rPr", size, bold)
    _el(run, "a:t").text = text


def _text_properties(parent: etree._Element, size: int) -> None:
    """The default text of an element: Times New Roman, black, `size` points."""
    properties = _el(parent, "c:txPr")
    _el(properties, "a:bodyPr")
    _el(properties, "a:lstStyle")
    paragraph = _el(properties, "a:p")
    _run_properties(_el(paragraph, "a:pPr"), "a:defRPr", size, bold=False)
    _el(paragraph, "a:endParaRPr", lang="vi-VN")


def _run_properties(parent: etree._Element, tag: str, size: int, bold: bool) -> None:
    language = {"lang": "vi-VN"} if tag == "a:rPr" else {}
    properties = _el(parent, tag, **language, sz=str(size * 100), b="1" if bold else "0")
    _solid(properties, OUTLINE)
    for script in ("a:latin", "a:ea", "a:cs"):
        _el(properties, script, typeface=FONT)


def _shape(parent: etree._Element, fill: str | None, line: str | None) -> None:
    """c:spPr: a solid fill or none, a thin solid line or none."""
    shape = _el(parent, "c:spPr")
    if fill:
        _solid(shape, fill)
    else:
        _el(shape, "a:noFill")
    outline = _el(shape, "a:ln", w="6350" if line else "0")  # ½ pt
    if line:
        _solid(outline, line)
    else:
        _el(outline, "a:noFill")


def _solid(parent: etree._Element, colour: str) -> None:
    _el(_el(parent, "a:solidFill"), "a:srgbClr", val=colour)


def _el(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    """A child element; `tag` as `c:name`, `a:name` …, attributes escaped by lxml (clerk text is data)."""
    return etree.SubElement(parent, _qualified(tag), attributes)


def _qualified(tag: str) -> str:
    """`c:chart` → `{http://…/chart}chart`."""
    prefix, name = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{name}"


def _emu(mm: float) -> int:
    return round(mm * EMU_PER_MM)
