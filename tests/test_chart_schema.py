"""The chart as Word reads it: Word refuses a whole file ("Word found unreadable content") for a child out of its
schema order, a missing required child, axes that do not name each other, or a part it cannot find by its
relationship and content type. LibreOffice forgives all of these, so rendering there proves nothing.

The ECMA-376 schemas are not in the repository (their licence does not clearly allow it), so the sequences below
are copied from the transitional XSDs (dml-chart.xsd, dml-main.xsd, dml-wordprocessingDrawing.xsd), one row per
complexType. With VANBAN_OOXML_XSD naming a folder of those XSDs, the last test validates with them too.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from engine.cli import main
from engine.docx.chart import chart_xml
from engine.model import BarChart, Series
from tests.conftest import REPO
from tests.test_chart import NS, REPORT, TITLE, drawn_chart

NS = {**NS, "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}

# Each complexType's children in schema order: one slot per entry, `|` between alternatives, `?` optional,
# `*` repeatable (and optional), `+` repeatable and required. Slots a chart never writes are left in so that the
# order around them stays the schema's.
SEQUENCES = {
    # dml-chart.xsd
    "c:chartSpace": "c:date1904? c:lang? c:roundedCorners? c:style? c:clrMapOvr? c:pivotSource? c:protection? "
                    "c:chart c:spPr? c:txPr? c:externalData? c:printSettings? c:userShapes? c:extLst?",  # CT_ChartSpace
    "c:chart": "c:title? c:autoTitleDeleted? c:pivotFmts? c:view3D? c:floor? c:sideWall? c:backWall? c:plotArea "
               "c:legend? c:plotVisOnly? c:dispBlanksAs? c:showDLblsOverMax? c:extLst?",  # CT_Chart
    "c:plotArea": "c:layout? c:barChart+ c:valAx|c:catAx* c:dTable? c:spPr? c:extLst?",  # CT_PlotArea
    "c:barChart": "c:barDir c:grouping? c:varyColors? c:ser* c:dLbls? c:gapWidth? c:overlap? c:serLines* "
                  "c:axId+ c:extLst?",  # CT_BarChart (EG_BarChartShared)
    "c:ser": "c:idx c:order c:tx? c:spPr? c:invertIfNegative? c:pictureOptions? c:dPt* c:dLbls? c:trendline* "
             "c:errBars? c:cat? c:val? c:shape? c:extLst?",  # CT_BarSer (EG_SerShared)
    "c:dLbls": "c:dLbl* c:numFmt? c:spPr? c:txPr? c:dLblPos? c:showLegendKey c:showVal c:showCatName c:showSerName "
               "c:showPercent c:showBubbleSize c:separator? c:showLeaderLines? c:leaderLines? c:extLst?",
    # CT_DLbls with Group_DLbls (EG_DLblShared); the show* flags are optional since the 2nd edition but required
    # in the 1st, which Office follows: always write all six
    "c:dLbl": "c:idx c:layout? c:tx? c:numFmt? c:spPr? c:txPr? c:dLblPos? c:showLegendKey c:showVal c:showCatName "
              "c:showSerName c:showPercent c:showBubbleSize c:separator? c:extLst?",  # CT_DLbl with Group_DLbl
    "c:catAx": "c:axId c:scaling c:delete? c:axPos c:majorGridlines? c:minorGridlines? c:title? c:numFmt? "
               "c:majorTickMark? c:minorTickMark? c:tickLblPos? c:spPr? c:txPr? c:crossAx c:crosses|c:crossesAt? "
               "c:auto? c:lblAlgn? c:lblOffset? c:tickLblSkip? c:tickMarkSkip? c:noMultiLvlLbl? c:extLst?",  # CT_CatAx
    "c:valAx": "c:axId c:scaling c:delete? c:axPos c:majorGridlines? c:minorGridlines? c:title? c:numFmt? "
               "c:majorTickMark? c:minorTickMark? c:tickLblPos? c:spPr? c:txPr? c:crossAx c:crosses|c:crossesAt? "
               "c:crossBetween? c:majorUnit? c:minorUnit? c:dispUnits? c:extLst?",  # CT_ValAx (EG_AxShared)
    "c:scaling": "c:logBase? c:orientation? c:max? c:min? c:extLst?",  # CT_Scaling
    "c:legend": "c:legendPos? c:legendEntry* c:layout? c:overlay? c:spPr? c:txPr? c:extLst?",  # CT_Legend
    "c:title": "c:tx? c:layout? c:overlay? c:spPr? c:txPr? c:extLst?",  # CT_Title
    "c:majorGridlines": "c:spPr?",  # CT_ChartLines
    "c:tx": "c:strRef|c:rich|c:v",  # CT_Tx (title, label) and CT_SerTx (series name)
    "c:cat": "c:multiLvlStrRef|c:numRef|c:numLit|c:strRef|c:strLit",  # CT_AxDataSource
    "c:val": "c:numRef|c:numLit",  # CT_NumDataSource
    "c:strRef": "c:f c:strCache? c:extLst?",  # CT_StrRef
    "c:strCache": "c:ptCount? c:pt* c:extLst?",  # CT_StrData
    "c:numRef": "c:f c:numCache? c:extLst?",  # CT_NumRef
    "c:numCache": "c:formatCode? c:ptCount? c:pt* c:extLst?",  # CT_NumData
    "c:pt": "c:v",  # CT_StrVal, CT_NumVal
    # dml-main.xsd
    "c:spPr": "a:xfrm? a:custGeom|a:prstGeom? a:noFill|a:solidFill|a:gradFill|a:blipFill|a:pattFill|a:grpFill? a:ln? "
              "a:effectLst|a:effectDag? a:scene3d? a:sp3d? a:extLst?",  # CT_ShapeProperties
    "a:ln": "a:noFill|a:solidFill|a:gradFill|a:pattFill? a:prstDash|a:custDash? a:round|a:bevel|a:miter? "
            "a:headEnd? a:tailEnd? a:extLst?",  # CT_LineProperties
    "c:rich": "a:bodyPr a:lstStyle? a:p+",  # CT_TextBody
    "c:txPr": "a:bodyPr a:lstStyle? a:p+",  # CT_TextBody
    "a:p": "a:pPr? a:r|a:br|a:fld* a:endParaRPr?",  # CT_TextParagraph
    "a:pPr": "a:lnSpc? a:spcBef? a:spcAft? a:buClrTx|a:buClr? a:buSzTx|a:buSzPct|a:buSzPts? a:buFontTx|a:buFont? "
             "a:buNone|a:buAutoNum|a:buChar|a:buBlip? a:tabLst? a:defRPr? a:extLst?",  # CT_TextParagraphProperties
    "a:r": "a:rPr? a:t",  # CT_RegularTextRun
    **{tag: "a:ln? a:noFill|a:solidFill|a:gradFill|a:blipFill|a:pattFill|a:grpFill? a:effectLst|a:effectDag? "
            "a:highlight? a:uLnTx|a:uLn? a:uFillTx|a:uFill? a:latin? a:ea? a:cs? a:sym? a:hlinkClick? "
            "a:hlinkMouseOver? a:rtl? a:extLst?"
       for tag in ("a:defRPr", "a:rPr", "a:endParaRPr")},  # CT_TextCharacterProperties
    "a:solidFill": "a:scrgbClr|a:srgbClr|a:hslClr|a:sysClr|a:schemeClr|a:prstClr?",  # CT_SolidColorFillProperties
}
FRAME = {  # dml-wordprocessingDrawing.xsd, dml-main.xsd
    "wp:inline": "wp:extent wp:effectExtent? wp:docPr wp:cNvGraphicFramePr? a:graphic",  # CT_Inline
    "a:graphic": "a:graphicData",  # CT_GraphicalObject
    "a:graphicData": "c:chart",  # CT_GraphicalObjectData: any element; a chart frame holds one c:chart (CT_RelId)
    "c:chart": "",
}
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
XSD_DOUBLE = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")  # xsd:double's lexical form, as numCache holds


def _name(element: etree._Element) -> str:
    qname = etree.QName(element)
    prefix = next((p for p, uri in NS.items() if uri == qname.namespace), qname.namespace)
    return f"{prefix}:{qname.localname}"


def _slots(sequence: str) -> list[tuple[set[str], bool, bool]]:
    """`c:a c:b|c:c? c:d*` → [({c:a}, required, single), ({c:b, c:c}, optional, single), ({c:d}, optional, many)]."""
    slots = []
    for token in sequence.split():
        mark = token[-1] if token[-1] in "?*+" else ""
        slots.append((set(token.rstrip("?*+").split("|")), mark in ("", "+"), mark in ("*", "+")))
    return slots


def order_errors(root: etree._Element, sequences: dict[str, str] = SEQUENCES) -> list[str]:
    """Every element of `sequences` under `root` whose children break its schema sequence."""
    errors = []
    for element in root.iter():
        if not isinstance(element.tag, str) or _name(element) not in sequences:
            continue
        slots = _slots(sequences[_name(element)])
        position, used = 0, set()
        for child in element:
            name = _name(child)
            found = next((i for i in range(position, len(slots)) if name in slots[i][0]), None)
            if found is None or (found in used and not slots[found][2]):
                errors.append(f"{root.getroottree().getpath(child)}: {name} out of {_name(element)}'s sequence")
                break
            position = found
            used.add(found)
        errors += [f"{root.getroottree().getpath(element)}: no {'|'.join(sorted(names))}"
                   for i, (names, required, _) in enumerate(slots) if required and i not in used]
    return errors


def many_hamlets() -> BarChart:
    names = tuple(f"Xóm\nSố {i}" for i in range(1, 15)) + ("Toàn xã",)
    starts = Series("Đầu năm", tuple(Decimal(i) for i in range(15)), tuple(f"{i},00" for i in range(15)))
    ends = Series("Cuối năm", tuple(Decimal(i) / 3 for i in range(15)), tuple(f"{i},33" for i in range(15)))
    return BarChart(TITLE, names, (starts, ends), "%", 150, 80)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample's report, built once for this module's read-only checks."""
    root = tmp_path_factory.mktemp("mau")
    shutil.copy(REPO / "vanban.yaml", root / "vanban.yaml")
    shutil.copytree(REPO / "plans", root / "plans")
    assert main(["build", "--thu-muc", str(root), "--gon"]) == 0
    return root / "outputs" / REPORT


@pytest.fixture(params=["cột (báo cáo mẫu)", "hàng (nhiều xóm)"])
def chart_space(request, built) -> etree._Element:
    xml = drawn_chart(built).xml if request.param.startswith("cột") else chart_xml(many_hamlets())
    return etree.fromstring(xml)


def test_the_order_checker_catches_a_child_out_of_place_and_a_missing_one(chart_space):
    axis = chart_space.find(".//c:valAx", NS)
    axis.insert(1, axis.find("c:crossBetween", NS))         # crossBetween belongs after crossAx
    chart_space.find(".//c:catAx", NS).remove(chart_space.find(".//c:catAx/c:crossAx", NS))
    errors = order_errors(chart_space)
    assert any(e.endswith("c:valAx/c:scaling: c:scaling out of c:valAx's sequence") for e in errors)
    assert any(e.endswith("catAx: no c:crossAx") for e in errors)


def test_every_chart_element_keeps_its_schema_order(chart_space):
    assert order_errors(chart_space) == []


def test_the_axes_name_each_other(chart_space):
    """A 2-D bar chart names exactly its two axes (a third c:axId is a 3-D series axis), and each axis crosses the
    other: Word refuses a chart whose ids do not meet."""
    ids = lambda path: chart_space.xpath(path, namespaces=NS)  # noqa: E731
    category, value = ids("//c:catAx/c:axId/@val"), ids("//c:valAx/c:axId/@val")
    assert ids("//c:barChart/c:axId/@val") == category + value and len(category) == len(value) == 1
    assert ids("//c:catAx/c:crossAx/@val") == value and ids("//c:valAx/c:crossAx/@val") == category


def test_caches_count_their_points_and_hold_plain_numbers(chart_space):
    series = chart_space.xpath("//c:barChart/c:ser", namespaces=NS)
    assert len({s.xpath("string(c:idx/@val)", namespaces=NS) for s in series}) == len(series)
    assert len({s.xpath("string(c:order/@val)", namespaces=NS) for s in series}) == len(series)
    for cache in chart_space.xpath("//c:strCache | //c:numCache", namespaces=NS):
        points = cache.xpath("c:pt/@idx", namespaces=NS)
        assert points == [str(i) for i in range(int(cache.find("c:ptCount", NS).get("val")))]
    values = chart_space.xpath("//c:numCache/c:pt/c:v/text()", namespaces=NS)
    assert values and all(XSD_DOUBLE.fullmatch(v) for v in values)  # never `1,58`, `NaN` or an empty value
    for ser in series:
        count = int(ser.xpath("string(c:val//c:ptCount/@val)", namespaces=NS))
        labels = [int(i) for i in ser.xpath("c:dLbls/c:dLbl/c:idx/@val", namespaces=NS)]
        assert labels == list(range(count))  # one label per bar, each naming a bar that exists


def test_enumerated_values_are_ones_word_accepts_for_a_clustered_bar_chart(chart_space):
    value = lambda path: chart_space.xpath(f"string({path}/@val)", namespaces=NS)  # noqa: E731
    assert value("//c:grouping") == "clustered" and value("//c:barDir") in ("bar", "col")
    assert value("//c:legendPos") in ("b", "tr", "l", "r", "t")  # ST_LegendPos
    # ST_DLblPos lists nine, but a bar chart offers only these four; Word refuses a file with another (and
    # outEnd itself on a stacked bar chart)
    assert set(chart_space.xpath("//c:dLblPos/@val", namespaces=NS)) <= {"ctr", "inEnd", "inBase", "outEnd"}
    assert value("//c:chartSpace/c:roundedCorners") == "0"  # absent means rounded, to Word


def test_the_inline_frame_is_a_chart_frame_with_an_id_no_other_drawing_has(built):
    with zipfile.ZipFile(built) as package:
        parts = {n: etree.fromstring(package.read(n)) for n in package.namelist()
                 if n.startswith("word/") and n.endswith(".xml") and "/charts/" not in n}
    (inline,) = parts["word/document.xml"].xpath("//w:drawing/wp:inline", namespaces=NS)
    assert order_errors(inline, FRAME) == []
    assert inline.xpath("string(a:graphic/a:graphicData/@uri)", namespaces=NS) == CHART_URI
    extent = inline.find("wp:extent", NS)
    assert int(extent.get("cx")) > 0 and int(extent.get("cy")) > 0
    ids = [i for root in parts.values() for i in root.xpath("//wp:docPr/@id", namespaces=NS)]
    assert len(ids) == len(set(ids)) and all(0 < int(i) < 2 ** 32 for i in ids)  # ST_DrawingElementId
    drawn_chart(built)  # and the c:chart r:id leads to a chart relationship and a chart content type


@pytest.mark.skipif(not os.environ.get("VANBAN_OOXML_XSD"), reason="VANBAN_OOXML_XSD names no folder of XSDs")
def test_the_chart_and_the_document_validate_against_the_ecma_schemas(built, tmp_path):
    """VANBAN_OOXML_XSD: a folder holding dml-chart.xsd, wml.xsd and the schemas they import (python-docx's
    ref/xsd is one). wml.xsd imports the xml: namespace without a location: a minimal xml.xsd is given here."""
    folder = Path(os.environ["VANBAN_OOXML_XSD"])
    (tmp_path / "xml.xsd").write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">'
        '<xs:attribute name="lang" type="xs:language"/><xs:attribute name="space" type="xs:NCName"/></xs:schema>')
    schemas = {}
    for name in ("dml-chart.xsd", "wml.xsd"):
        tree = etree.parse(str(folder / name))
        for bare in tree.xpath("//xsd:import[not(@schemaLocation)]",
                               namespaces={"xsd": "http://www.w3.org/2001/XMLSchema"}):
            bare.set("schemaLocation", (tmp_path / "xml.xsd").as_uri())
        schemas[name] = etree.XMLSchema(tree)
    with zipfile.ZipFile(built) as package:
        for part, schema in (("word/charts/chart1.xml", "dml-chart.xsd"), ("word/document.xml", "wml.xsd")):
            valid = schemas[schema].validate(etree.fromstring(package.read(part)))
            assert valid, f"{part}: {schemas[schema].error_log}"
    many = schemas["dml-chart.xsd"]
    assert many.validate(etree.fromstring(chart_xml(many_hamlets()))), many.error_log
