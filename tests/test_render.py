"""The tables of the templates and the documents come from one builder, engine.docx.ooxml."""

from __future__ import annotations

import zipfile

from engine.docx import ooxml
from engine.model import HeaderCell, Table
from engine.pipeline.render import SHIPPED_TEMPLATES


# --- the one table builder -----------------------------------------------------------------------

def test_a_layout_table_is_borderless_with_the_given_margins():
    xml = ooxml.table((100, 200), [ooxml.Row((ooxml.Cell("<w:p/>"), ooxml.Cell("<w:p/>")))],
                      indent=0, margins=ooxml.Margins(240, 0, 0, 0))
    assert xml.startswith('<w:tbl><w:tblPr><w:tblW w:w="300" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/>'
                          '<w:tblBorders><w:top w:val="nil"/>')
    assert ('<w:tblCellMar><w:top w:w="240" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>') in xml
    assert ('<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="100" w:type="dxa"/></w:tcPr><w:p/></w:tc>'
            '<w:tc><w:tcPr><w:tcW w:w="200" w:type="dxa"/></w:tcPr><w:p/></w:tc></w:tr>') in xml


def test_a_data_table_repeats_its_heading_and_merges_tall_cells():
    table = Table(header=((HeaderCell("STT", tall=True), HeaderCell("Hộ nghèo", span=2)),
                          (HeaderCell("Đầu năm"), HeaderCell("Cuối năm"))),
                  rows=(("1", "14", "11"), ("", "14", "11")), widths_mm=(10, 20, 30), caption="Bảng 1")
    xml = ooxml.data_table(table)
    assert xml.startswith('<w:p><w:pPr><w:pStyle w:val="BangChuThich"/></w:pPr>')
    assert xml.endswith('</w:tbl><w:p><w:pPr><w:pStyle w:val="BangSau"/></w:pPr></w:p>')
    assert xml.count("<w:tblHeader/>") == 2
    assert '<w:tcW w:w="567" w:type="dxa"/><w:vMerge w:val="restart"/><w:vAlign w:val="center"/>' in xml
    assert '<w:tcW w:w="567" w:type="dxa"/><w:vMerge/><w:vAlign w:val="center"/>' in xml
    assert '<w:tcW w:w="2835" w:type="dxa"/><w:gridSpan w:val="2"/><w:vAlign w:val="center"/>' in xml
    assert xml.count('w:val="BangTong"') == 2 and xml.count('w:val="BangO"') == 2  # column 1 is BangOTrai
    assert '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>' in xml


def test_the_shipped_templates_layout_tables_are_the_builders():
    """templates/make_templates.py and the writer draw tables with one builder: the header table of every
    shipped template is exactly what ooxml.table writes for it."""
    from engine.nd30.layout import HEAD_LEFT, HEAD_RIGHT

    head = ooxml.table((HEAD_LEFT, HEAD_RIGHT), [], indent=0, margins=ooxml.Margins(0, 0, 0, 0))
    properties = head[:head.index("</w:tblGrid>")]
    for template in sorted(SHIPPED_TEMPLATES.glob("*.docx")):
        with zipfile.ZipFile(template) as package:
            assert properties in package.read("word/document.xml").decode("utf-8"), template.name
