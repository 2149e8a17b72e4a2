"""The report's chart: a native Word chart part (word/charts/chart1.xml) with every category, value and printed
label cached in it, related from the document, identical byte for byte on every build, no picture."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from engine.docx.chart import FILLS, axis_scale, chart_xml, size_mm
from engine.domains.giam_ngheo.chart import report_chart, wrap
from engine.model import BarChart, Series
from tests.conftest import REPO, Workspace
from tests.docx_view import open_docx
from tests.test_giam_ngheo import RESULTS, results_for

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "ct": "http://schemas.openxmlformats.org/package/2006/content-types"}
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
REPORT = "2024/bao-cao-ket-qua-giam-ngheo.docx"
TITLE = "Tỷ lệ hộ nghèo các xóm năm 2024"


@dataclass
class DrawnChart:
    """What a reader of the DOCX finds: the chart part as Word reads it."""

    part: str
    xml: bytes
    title: str
    categories: list[str]
    series: list[tuple[str, list[Decimal], list[str]]]  # name, cached values, printed labels
    axis_title: str


def drawn_chart(path: Path) -> DrawnChart:
    """The one chart of a DOCX, found as Word finds it: document.xml's c:chart r:id → its relationship."""
    with zipfile.ZipFile(path) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        types = etree.fromstring(package.read("[Content_Types].xml"))
        (ref,) = document.xpath("//w:drawing//c:chart/@r:id", namespaces=NS)
        (rel,) = rels.xpath(f"rel:Relationship[@Id='{ref}']", namespaces=NS)
        assert rel.get("Type") == CHART_REL
        part = "word/" + rel.get("Target")
        (override,) = types.xpath(f"ct:Override[@PartName='/{part}']", namespaces=NS)
        assert override.get("ContentType") == CHART_TYPE
        xml = package.read(part)
    space = etree.fromstring(xml)
    texts = lambda node: "".join(node.xpath(".//a:t/text()", namespaces=NS))  # noqa: E731
    series = [(ser.xpath("string(c:tx//c:v)", namespaces=NS),
               [Decimal(v) for v in ser.xpath("c:val/c:numRef/c:numCache/c:pt/c:v/text()", namespaces=NS)],
               [texts(label) for label in ser.xpath("c:dLbls/c:dLbl/c:tx", namespaces=NS)])
              for ser in space.xpath("//c:barChart/c:ser", namespaces=NS)]
    (categories,) = {tuple(ser.xpath("c:cat//c:pt/c:v/text()", namespaces=NS))
                     for ser in space.xpath("//c:barChart/c:ser", namespaces=NS)}
    return DrawnChart(part, xml, texts(space.find("c:chart/c:title", NS)), list(categories), series,
                      texts(space.find(".//c:valAx/c:title", NS)))


def copy_of_sample(tmp_path: Path, name: str, capsys: pytest.CaptureFixture) -> Workspace:
    root = tmp_path / name
    root.mkdir()
    shutil.copy(REPO / "vanban.yaml", root / "vanban.yaml")
    shutil.copytree(REPO / "plans", root / "plans")
    return Workspace(root, capsys)


@pytest.fixture
def report(sample) -> Path:
    result = sample.run("build")
    assert result.code == 0, result.err
    return sample.output(REPORT)


# --- the chart the domain computes --------------------------------------------------------------

def test_the_chart_carries_the_rates_the_report_prints():
    found, _ = results_for(RESULTS)
    chart = report_chart(found, TITLE, "Xóm")
    assert chart.categories == ("Xóm\nĐồng Xe", "Xóm\nNạ Khao", "Xóm\nKhuôn Tát", "Xóm\nNà Mòn", "Xóm\nBản Quyên",
                                "Xóm\nLàng Mới", "Toàn xã")
    assert [s.name for s in chart.series] == ["Đầu năm", "Cuối năm"]
    starts, ends = chart.series
    assert starts.labels == ("6,60", "7,43", "7,14", "8,25", "5,22", "4,40", "6,59")
    assert ends.labels == ("5,58", "4,73", "5,56", "5,15", "4,35", "3,30", "4,92")
    assert ends.values[0] == Decimal("5.58") and chart.axis_title == "Tỷ lệ hộ nghèo (%)"


def test_a_long_label_breaks_after_the_locality_word():
    assert wrap("Tổ dân phố Văn Quán", "Tổ dân phố") == "Tổ dân phố\nVăn Quán"
    assert wrap("Thôn Đông Hòa", "Thôn") == "Thôn\nĐông Hòa"
    assert wrap("Xóm Khuôn Tát", "Xóm") == wrap("Xóm Khuôn Tát") == "Xóm\nKhuôn Tát"
    assert wrap("Thôn 1", "Thôn") == "Thôn 1"
    assert wrap("Khu Đông Hòa", "Tổ dân phố") == "Khu\nĐông Hòa"


def test_a_series_must_cover_every_category():
    with pytest.raises(ValueError):
        BarChart("T", ("A", "B"), (Series("S", (Decimal(1),), ("1,00",)),), "%", 150, 80)


@pytest.mark.parametrize("top, expected", [("8.25", (10, 2)), ("0", (1, 1)), ("0.40", (1, 1)), ("3.10", (4, 1)),
                                           ("12.5", (15, 5)), ("45", (60, 10))])
def test_the_value_axis_steps_in_whole_numbers_above_the_tallest_bar(top, expected):
    chart = BarChart("T", ("A",), (Series("S", (Decimal(top),), ("",)),), "%", 150, 80)
    assert axis_scale(chart) == expected


def test_many_hamlets_lie_in_rows_first_on_top_each_name_on_one_line():
    """Fifteen groups of columns leave no room for names and labels: horizontal bars, a row each, the chart as
    tall as its rows; bar charts draw bottom-up, so the data goes in reverse to read from the top."""
    names = tuple(f"Xóm\nSố {i}" for i in range(1, 15)) + ("Toàn xã",)
    starts = Series("Đầu năm", tuple(Decimal(i) for i in range(15)), tuple(f"{i},00" for i in range(15)))
    ends = Series("Cuối năm", tuple(Decimal(i + 1) for i in range(15)), tuple(f"{i + 1},00" for i in range(15)))
    many = BarChart(TITLE, names, (starts, ends), "%", 150, 80)
    space = etree.fromstring(chart_xml(many))
    assert space.xpath("string(//c:barDir/@val)", namespaces=NS) == "bar"
    drawn = space.xpath("//c:ser", namespaces=NS)
    assert [ser.xpath("string(c:tx//c:v)", namespaces=NS) for ser in drawn] == ["Cuối năm", "Đầu năm"]
    assert drawn[0].xpath("c:cat//c:v/text()", namespaces=NS)[:2] == ["Toàn xã", "Xóm Số 14"]
    assert drawn[1].xpath("c:val//c:v/text()", namespaces=NS)[-1] == "0"  # the first hamlet's, drawn last: on top
    assert drawn[1].xpath("string(c:dLbls/c:dLbl[last()]//a:t)", namespaces=NS) == "0,00"
    fills = [ser.xpath("string(c:spPr/a:solidFill/a:srgbClr/@val)", namespaces=NS) for ser in drawn]
    assert fills == [FILLS[1], FILLS[0]]  # each series keeps its grey
    assert size_mm(many)[1] > 100 and size_mm(BarChart(TITLE, names[:8], (), "%", 150, 80)) == (150, 80)


# --- the chart in the built report --------------------------------------------------------------

def test_the_report_holds_a_native_chart_and_no_picture(report):
    chart = drawn_chart(report)
    assert chart.part == "word/charts/chart1.xml"
    assert chart.title == "Tỷ lệ hộ nghèo các xóm đầu năm và cuối năm 2024"
    assert chart.axis_title == "Tỷ lệ hộ nghèo (%)"
    assert chart.categories[0] == "Xóm\nĐồng Xe" and chart.categories[-1] == "Toàn xã"
    assert [name for name, _, _ in chart.series] == ["Đầu năm", "Cuối năm"]
    with zipfile.ZipFile(report) as package:
        assert not [n for n in package.namelist() if n.startswith("word/media/") or n.startswith("word/embeddings/")]


def test_values_and_labels_are_the_rates_of_the_report_table(report):
    from tests.test_poverty_documents import table_rows
    poor = table_rows(open_docx(report).tables[-2])[2:]  # the phụ lục's poor-household table, Toàn xã last
    chart = drawn_chart(report)
    assert [c.replace("\n", " ") for c in chart.categories] == [row[1] for row in poor]
    for (name, values, labels), column in zip(chart.series, (4, 8)):
        assert labels == [row[column] for row in poor], name
        assert [str(v.quantize(Decimal("0.01"))).replace(".", ",") for v in values] == labels
    assert chart.series[0][2][:2] == ["6,60", "7,43"]


def test_black_and_white_printable_in_times_new_roman(report):
    space = etree.fromstring(drawn_chart(report).xml)
    fills = space.xpath("//c:ser/c:spPr/a:solidFill/a:srgbClr/@val", namespaces=NS)
    outlines = space.xpath("//c:ser/c:spPr/a:ln/a:solidFill/a:srgbClr/@val", namespaces=NS)
    assert len(set(fills)) == 2 and all(len({f[0:2], f[2:4], f[4:6]}) == 1 for f in fills)  # two greys
    assert outlines == ["000000", "000000"]
    assert set(space.xpath("//a:latin/@typeface", namespaces=NS)) == {"Times New Roman"}
    assert space.xpath("//c:barChart/c:grouping/@val", namespaces=NS) == ["clustered"]
    assert space.xpath("//c:legend/c:legendPos/@val", namespaces=NS) == ["t"]
    assert space.xpath("//c:barDir/@val", namespaces=NS) == ["col"]               # seven groups: columns
    assert space.xpath("//c:catAx/c:tickLblSkip/@val", namespaces=NS) == ["1"]    # every name, not every other


def test_the_chart_fits_the_text_width(report):
    (extent,) = open_docx(report).element.body.xpath(".//w:drawing//wp:extent")
    assert int(extent.get("cx")) / 36000 <= 160 and 70 <= int(extent.get("cy")) / 36000 <= 100


def test_two_builds_are_byte_identical(tmp_path, capsys):
    built = []
    for name in ("mot", "hai"):
        ws = copy_of_sample(tmp_path, name, capsys)
        assert ws.run("build").code == 0
        built.append(ws.output(REPORT).read_bytes())
    assert built[0] == built[1]


def test_a_hamlet_name_with_markup_characters_is_text(tmp_path, capsys):
    ws = copy_of_sample(tmp_path, "ky-tu", capsys)
    for relative in ("vanban.yaml", "plans/2024/so-lieu-giam-ngheo.yaml", "plans/2024/bao-cao-ket-qua-giam-ngheo.yaml"):
        path = ws.root / relative
        path.write_text(path.read_text(encoding="utf-8").replace("Xóm Đồng Xe", '"Xóm A & <B>"'), encoding="utf-8")
    result = ws.run("build")
    assert result.code == 0, result.err
    chart = drawn_chart(ws.output(REPORT))
    assert chart.categories[0] == "Xóm\nA & <B>"
    assert b"A &amp; &lt;B&gt;" in chart.xml
    assert ws.run("check", str(ws.output(REPORT))).code == 0


def test_the_checker_and_the_text_view_read_a_report_with_a_chart(report, capsys):
    from engine.check import check_document
    from engine.docx.write import docx_text

    assert check_document(report) == []
    assert "như biểu đồ dưới đây" in docx_text(report)
