"""The render stage and its writer (engine.docx.write): template errors keep their place, clerk text stays
literal through docxtpl, each template is patched and compiled once per build, tables come from one builder."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docxtpl import DocxTemplate

from engine.docx import ooxml
from engine.docx.write import CompiledTemplate, TemplateEnvironment, docx_text
from engine.model import HeaderCell, Table
from engine.pipeline import render
from engine.pipeline.render import SHIPPED_TEMPLATES, TemplateSet

TEMPLATE = "templates/docx/van-ban-co-ten-loai.docx"


def broken_copy(target: Path, part: str, old: str, new: str, source: Path = SHIPPED_TEMPLATES) -> Path:
    """The shipped template for a kế hoạch, with `old` replaced by `new` in one of its XML parts."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source / "van-ban-co-ten-loai.docx") as src, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == part:
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            out.writestr(info, data)
    return target


def docxtpl_line(template: Path, number: int) -> str:
    """Line `number` of the body as docxtpl hands it to Jinja: patched, one line per paragraph."""
    tpl = DocxTemplate(str(template))
    tpl.init_docx()
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml())).splitlines()[number - 1]


def build_error(workspace, part: str, old: str, new: str) -> tuple[str, Path]:
    template = broken_copy(workspace.root / TEMPLATE, part, old, new)
    result = workspace.run("build")
    assert result.code == 1
    assert not (workspace.root / "outputs").exists()
    return result.err, template


# --- template errors name the file, the part, the line and its text ----------------------------

def test_an_undefined_variable_names_the_template_line_and_its_text(workspace):
    err, template = build_error(workspace, "word/document.xml", "{{ trich_yeu }}", "{{ trich_yeu_sai }}")
    found = re.search(r"plans/2026/ke-hoach.yaml: templates/docx/van-ban-co-ten-loai.docx: mẫu dùng một biến không "
                      r"có trong dữ liệu văn bản \('trich_yeu_sai' is undefined\) "
                      r"\(word/document.xml, dòng (\d+): «\{\{ trich_yeu_sai \}\}»\)", err)
    assert found, err
    assert "{{ trich_yeu_sai }}" in docxtpl_line(template, int(found.group(1)))


def test_a_jinja_syntax_error_names_the_template_line_and_its_text(workspace):
    err, template = build_error(workspace, "word/document.xml", "{{ trich_yeu }}", "{{ trich_yeu }")
    found = re.search(r"templates/docx/van-ban-co-ten-loai.docx: mẫu có lỗi cú pháp Jinja: unexpected '}' "
                      r"\(word/document.xml, dòng (\d+): «\{\{ trich_yeu \}»\)", err)
    assert found, err
    assert "{{ trich_yeu }" in docxtpl_line(template, int(found.group(1)))


def test_an_error_inside_a_loop_points_at_the_loop_body(workspace):
    err, template = build_error(workspace, "word/document.xml", "{{ n }}", "{{ n.so_hieu }}")
    found = re.search(r"mẫu dùng một biến không có trong dữ liệu văn bản \('str object' has no attribute 'so_hieu'\) "
                      r"\(word/document.xml, dòng (\d+): «\{\{ n.so_hieu \}\}", err)
    assert found, err
    assert "{{ n.so_hieu }}" in docxtpl_line(template, int(found.group(1)))


def test_an_error_in_the_page_header_names_the_header_part(workspace):
    err, _ = build_error(workspace, "word/header1.xml", "<w:t>2</w:t>", "<w:t>{{ so_trang }}</w:t>")
    assert ("templates/docx/van-ban-co-ten-loai.docx: mẫu dùng một biến không có trong dữ liệu văn bản "
            "('so_trang' is undefined) (word/header1.xml, dòng 2: «PAGE {{ so_trang }}»)") in err


def test_the_sandbox_refusal_is_a_template_error_not_a_syntax_error(workspace):
    err, _ = build_error(workspace, "word/document.xml", "{{ trich_yeu }}", "{{ trich_yeu.__class__ }}")
    assert "templates/docx/van-ban-co-ten-loai.docx: mẫu không dựng được: access to attribute '__class__'" in err
    assert "(word/document.xml, dòng " in err


def test_a_broken_shipped_template_says_it_is_the_shipped_one(workspace, tmp_path, monkeypatch):
    shipped = tmp_path / "shipped"
    broken_copy(shipped / "van-ban-co-ten-loai.docx", "word/document.xml", "{{ ten_loai }}", "{{ ten_loai | khong }}")
    monkeypatch.setattr(render, "SHIPPED_TEMPLATES", shipped)
    result = workspace.run("build")
    assert result.code == 1
    assert ("plans/2026/ke-hoach.yaml: templates/docx/van-ban-co-ten-loai.docx (mẫu có sẵn): mẫu có lỗi cú pháp "
            "Jinja: No filter named 'khong'. (word/document.xml, dòng ") in result.err


def test_a_template_that_is_not_a_docx_is_a_message_not_a_traceback(workspace):
    (workspace.root / "templates/docx").mkdir(parents=True)
    (workspace.root / TEMPLATE).write_text("không phải tệp Word", encoding="utf-8")
    result = workspace.run("build")
    assert result.code == 1
    assert ("plans/2026/ke-hoach.yaml: templates/docx/van-ban-co-ten-loai.docx: không đọc được mẫu: "
            "tệp không phải tài liệu DOCX") in result.err


# --- clerk text through docxtpl -----------------------------------------------------------------

TRICKY = "KH số 05 & <1> \"trích\" 'dẫn' {{ 7*7 }} {% if x %} {_{ a }_} {_% b %_} %_% x_y"


def small_template(path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)
    return path


def test_text_and_table_cells_come_out_literally_even_where_docxtpl_unescapes(tmp_path):
    """docxtpl turns '{_{' into '{{' after rendering; the writer guards clerk text and table cells from it."""
    table = Table(header=((HeaderCell(TRICKY),),), rows=((TRICKY,),), widths_mm=(80,), caption=TRICKY)
    path = small_template(tmp_path / "mau.docx", "{{ chu }}", "{{p bang }}")
    data = CompiledTemplate(path, "mau.docx", TemplateEnvironment({})).render({"chu": TRICKY, "bang": table}, {})
    (tmp_path / "ra.docx").write_bytes(data)
    assert docx_text(tmp_path / "ra.docx").splitlines() == [TRICKY] * 4


def test_core_properties_are_the_documents_own_not_rendered_by_docxtpl(workspace):
    workspace.write("plans/2026/ke-hoach.yaml", workspace.root.joinpath("plans/2026/ke-hoach.yaml").read_text(
        encoding="utf-8").replace("trich_yeu: Triển khai", "trich_yeu: Hồ sơ & <phụ lục> — triển khai"))
    assert workspace.run("build").code == 0
    with zipfile.ZipFile(workspace.output("2026/ke-hoach.docx")) as package:
        core = package.read("docProps/core.xml").decode("utf-8")
    assert "<dc:title>Hồ sơ &amp; &lt;phụ lục&gt; — triển khai công tác chuyển đổi số năm 2026</dc:title>" in core
    assert "dc:description" not in core and "dc:identifier" not in core  # docxtpl's render_properties stays off


def test_core_properties_stay_in_their_namespace_when_docxcompose_is_installed(tmp_path, monkeypatch):
    """docxcompose (imported by docxtpl when installed) rebinds python-docx's prefix 'cp'; the writer takes it back."""
    from docx.oxml.ns import nsmap

    monkeypatch.setitem(nsmap, "cp", "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties")
    path = small_template(tmp_path / "mau.docx", "{{ chu }}")
    data = CompiledTemplate(path, "mau.docx", TemplateEnvironment({})).render(
        {"chu": "x"}, {"last_modified_by": "UBND xã", "revision": 1})
    core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode("utf-8")
    assert "<cp:lastModifiedBy>UBND xã</cp:lastModifiedBy>" in core and core.count("<cp:revision>") == 1


# --- once per build ---------------------------------------------------------------------------

def test_each_template_part_is_patched_and_compiled_once_per_build(tmp_path, monkeypatch):
    counts = {"patch": 0, "compile": 0}
    patch, compile_ = DocxTemplate.patch_xml, TemplateEnvironment.compile

    def counted_patch(self, xml):
        counts["patch"] += 1
        return patch(self, xml)

    def counted_compile(self, *args, **kwargs):
        counts["compile"] += 1
        return compile_(self, *args, **kwargs)

    monkeypatch.setattr(DocxTemplate, "patch_xml", counted_patch)
    monkeypatch.setattr(TemplateEnvironment, "compile", counted_compile)
    path = small_template(tmp_path / "mau.docx", "{{ chu }}")
    template = TemplateSet(tmp_path)
    template.folders = [tmp_path]
    outputs = {template.get("mau").render({"chu": f"văn bản {i}"}, {}) for i in range(4)}
    assert len(outputs) == 4
    assert counts == {"patch": 1, "compile": 1}  # python-docx's blank document has no header part
    assert template.get("mau").path == path


def test_identical_input_gives_identical_bytes(tmp_path):
    path = small_template(tmp_path / "mau.docx", "{{ chu }}")
    first = CompiledTemplate(path, "mau.docx", TemplateEnvironment({})).render({"chu": "x"}, {"title": "x"})
    again = CompiledTemplate(path, "mau.docx", TemplateEnvironment({})).render({"chu": "x"}, {"title": "x"})
    assert first == again


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


@pytest.mark.parametrize("value", ["{_{", "}_}", "{_%", "%_}"])
def test_every_docxtpl_unescape_pair_is_guarded(tmp_path, value):
    path = small_template(tmp_path / "mau.docx", "{{ chu }}")
    data = CompiledTemplate(path, "mau.docx", TemplateEnvironment({})).render({"chu": f"a{value}b"}, {})
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == f"a{value}b"
