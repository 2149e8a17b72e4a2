"""Tests of the Decree 30 conformance checker: a conforming Kế hoạch passes, each defect flags one rule."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from tests.check_fixtures.good_doc import Spec, build
from engine.check import RULES, Violation, check_document
from engine.check.header import date_problems, so_problems
from engine.docx.read import read_docx
from engine.errors import CheckInputError
from engine.nd30.kinds import KINDS_BY_NAME
from engine.nd30.metrics import text_width_mm


def rules_of(violations: list[Violation]) -> set[str]:
    return {v.rule for v in violations}


def check_spec(tmp_path: Path, **changes) -> list[Violation]:
    path = build(tmp_path / "ke-hoach.docx", replace(Spec(), **changes))
    return check_document(path)


def test_conforming_document_has_no_violation(tmp_path: Path) -> None:
    assert check_spec(tmp_path) == []


@pytest.mark.parametrize(
    ("changes", "rule", "fragment"),
    [
        ({"margin_left_mm": 25}, "ND30-LE-1", "lề trái cần từ 30 đến 35 mm, đang là 25 mm"),
        ({"so_text": "Số: 12/CV-UBND"}, "ND30-SO-1", "không dùng \"CV\""),
        ({"date_text": "Trung Lương, ngày 09 tháng 03 năm 2024"}, "ND30-NG-1", "không viết \"tháng 03\""),
        ({"noi_nhan_italic": False}, "ND30-NN-1", "phải in nghiêng"),
        ({"tieu_ngu_text": "Độc lập – Tự do – Hạnh phúc"}, "ND30-TN-1", "gạch nối"),
        ({"odd_font_run": "Arial"}, "ND30-FONT-1", "Arial"),
        ({"title_pg": False}, "ND30-ST-2", "trang thứ nhất"),
        ({"left_cell_mm": 75, "right_cell_mm": 90}, "ND30-QH-3", "xuống dòng"),
        ({"tieu_ngu_underline": True, "tieu_ngu_rule": False}, "ND30-TN-3", "Underline"),
        ({"can_cu_italic": False}, "ND30-CC-1", "phải in nghiêng"),
    ],
)
def test_each_defect_flags_exactly_its_rule(tmp_path: Path, changes: dict, rule: str, fragment: str) -> None:
    violations = check_spec(tmp_path, **changes)
    assert rules_of(violations) == {rule}, [str(v) for v in violations]
    assert any(fragment in v.message for v in violations), [v.message for v in violations]
    assert all(v.ref == RULES[rule][0] for v in violations)


def test_violation_carries_reference_and_excerpt(tmp_path: Path) -> None:
    (found,) = check_spec(tmp_path, date_text="Trung Lương, ngày 9 tháng 1 năm 2024")
    assert found.rule == "ND30-NG-1" and found.ref == "NĐ30 PL I, II.4"
    assert found.text == "Trung Lương, ngày 9 tháng 1 năm 2024"
    assert "ngày 09" in found.message and "tháng 01" in found.message


def test_draft_with_blank_number_and_date_passes(tmp_path: Path) -> None:
    draft = check_spec(tmp_path, so_text="Số:       /KH-UBND", date_text="Trung Lương, ngày     tháng     năm 2024")
    assert draft == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trung Lương, ngày 09 tháng 01 năm 2024", []),
        ("Hà Nội, ngày 29 tháng 6 năm 2019", []),
        ("Kim Liên, ngày 31 tháng 12 năm 2025", []),
        ("Nghệ An, ngày 10 tháng 03 năm 2026", ["tháng 3 đến 9"]),
        ("Nghệ An, ngày 5 tháng 3 năm 2026", ["ngày 05"]),
        ("Nghệ An, ngày 05 tháng 2 năm 2026", ["tháng 02"]),
        ("Nghệ An ngày 05 tháng 02 năm 2026", ["dấu phẩy"]),
        ("Nghệ An, ngày 30 tháng 02 năm 2026", ["không có thật"]),
    ],
)
def test_date_line_rules(text: str, expected: list[str]) -> None:
    problems = date_problems(text)
    assert len(problems) == len(expected), problems
    assert all(fragment in problem for fragment, problem in zip(expected, problems))


@pytest.mark.parametrize(
    ("text", "kind_name", "count"),
    [
        ("Số: 15/KH-UBND", "KẾ HOẠCH", 0),
        ("Số: 03/TTr-UBND", "TỜ TRÌNH", 0),
        ("Số: 12/UBND-VP", None, 0),
        ("Số: 12/2025/QĐ-UBND", "QUYẾT ĐỊNH", 0),
        ("Số: 5/KH-UBND", "KẾ HOẠCH", 1),
        ("Số: 15 /KH-UBND", "KẾ HOẠCH", 1),
        ("Số: 15/KH - UBND", "KẾ HOẠCH", 1),
        ("Số: 15/TTR-UBND", "TỜ TRÌNH", 1),
        ("Số: 15/QĐ-UBND", "KẾ HOẠCH", 1),
        ("Số: 12/CV-UBND", None, 1),
        ("Số 15/KH-UBND", "KẾ HOẠCH", 1),
    ],
)
def test_number_line_rules(text: str, kind_name: str | None, count: int) -> None:
    kind = KINDS_BY_NAME[kind_name] if kind_name else None
    assert len(so_problems(text, kind)) == count, so_problems(text, kind)


def test_rule_lengths_match_the_decree_measurements() -> None:
    assert text_width_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True) == pytest.approx(95.7, abs=0.1)
    assert text_width_mm("Độc lập - Tự do - Hạnh phúc", 14, bold=True) == pytest.approx(60.5, abs=0.1)
    assert text_width_mm("Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019", 14, italic=True) == \
        pytest.approx(103.9, abs=0.1)
    assert text_width_mm("日本", 13) > 0  # absent characters fall back to an average width


# ----- unreadable inputs ----------------------------------------------------------------------


def _expect_input_error(path: Path, fragment: str) -> None:
    with pytest.raises(CheckInputError) as caught:
        check_document(path)
    message = caught.value.message
    assert fragment in message and "\n" not in message
    assert caught.value.location is not None and caught.value.location.path == str(path)


def test_text_file_renamed_docx(tmp_path: Path) -> None:
    path = tmp_path / "ghi-chu.docx"
    path.write_text("Đây chỉ là văn bản thường.", encoding="utf-8")
    _expect_input_error(path, "không phải tài liệu DOCX")


def test_zip_without_document_part(tmp_path: Path) -> None:
    path = tmp_path / "rong.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    _expect_input_error(path, "không chứa word/document.xml")


def test_encrypted_docx(tmp_path: Path) -> None:
    path = tmp_path / "mat-khau.docx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    path.write_bytes(header + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512)
    _expect_input_error(path, "đặt mật khẩu")


def test_truncated_docx(tmp_path: Path) -> None:
    good = build(tmp_path / "good.docx")
    path = tmp_path / "cut.docx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    _expect_input_error(path, "bị hỏng")


def test_corrupt_xml(tmp_path: Path) -> None:
    good = build(tmp_path / "good.docx")
    path = tmp_path / "corrupt.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data[:-40] if item.filename == "word/document.xml" else data)
    _expect_input_error(path, "không phải XML hợp lệ")


def test_missing_file(tmp_path: Path) -> None:
    _expect_input_error(tmp_path / "khong-co.docx", "Không tìm thấy tệp")


# ----- real-world producers -------------------------------------------------------------------


def test_python_docx_default_document_does_not_crash(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Một đoạn văn bản bất kỳ.")
    document.add_table(rows=2, cols=2).cell(0, 0).text = "ô"
    path = tmp_path / "default.docx"
    document.save(str(path))
    found = rules_of(check_document(path))
    assert {"ND30-KG-1", "ND30-QH-1", "ND30-FONT-1"} <= found


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_round_trip_stays_conforming(tmp_path: Path) -> None:
    (tmp_path / "source").mkdir()
    source = build(tmp_path / "source" / "ke-hoach.docx")
    out = tmp_path / "out"
    command = ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
               "docx:MS Word 2007 XML", "--outdir", str(out), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=180)
    violations = check_document(out / "ke-hoach.docx")
    assert violations == [], [str(v) for v in violations]


# ----- other document kinds and drawing techniques --------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": "quyet_dinh", "so_text": "Số: 07/QĐ-UBND"},
        {"kind": "cong_van", "so_text": "Số: 12/UBND-VP"},
        {"rule_kind": "drawing"},
        {"rule_kind": "vml"},
        {"track_changes": True},
        {"text_box": True},
        {"agency": (("UBND XÃ KIM LIÊN", False), ("PHÒNG VĂN HÓA - XÃ HỘI", True))},
        {"extra_body": ("a) Rà soát hộ nghèo;", "b) Hỗ trợ vay vốn;", "c) Tập huấn;", "d) Giới thiệu việc làm;",
                        "đ) Tổng hợp, báo cáo.")},
    ],
    ids=["quyet-dinh", "cong-van", "drawn-line", "vml-line", "track-changes", "text-box", "chu-quan", "diem"],
)
def test_conforming_variants_have_no_violation(tmp_path: Path, changes: dict) -> None:
    violations = check_spec(tmp_path, **changes)
    assert violations == [], [str(v) for v in violations]


@pytest.mark.parametrize(
    ("changes", "rule", "fragment"),
    [
        ({"agency": (("UBND XÃ KIM LIÊN", True), ("PHÒNG VĂN HÓA - XÃ HỘI", True))}, "ND30-CQ-1", "không được in đậm"),
        ({"kind": "cong_van", "so_text": "Số: 12/UBND-VP", "vv_text": "V/v: triển khai kê khai giá đất"},
         "ND30-VV-1", "không có dấu hai chấm"),
        ({"kind": "cong_van", "so_text": "Số: 12/UBND-VP", "vv_bold": True}, "ND30-VV-1", "không được in đậm"),
        ({"kind": "cong_van", "so_text": "Số: 12/CV-UBND"}, "ND30-SO-1", "\"CV\""),
        ({"kind": "cong_van", "so_text": "Số: 12/UBND-VP", "noi_nhan_items": ("- Các xóm;", "- Lưu: VT, VP.")},
         "ND30-NN-2", "Như trên"),
        ({"so_text": "Số: 15/QĐ-UBND"}, "ND30-SO-1", "không khớp tên loại"),
        ({"extra_body": ("a) Một;", "b) Hai;", "c) Ba;", "d) Bốn;", "e) Năm.")}, "ND30-ND-7", "phải là điểm \"đ)\""),
        ({"extra_body": ("a) Một;", "f) Hai.")}, "ND30-ND-7", "không có f, j, w, z"),
        ({"date_text": "Trung Lương, ngày 09 tháng 01 năm 2026", "noi_nhan_items": ("- UBND huyện (b/c);",
                                                                                  "- Lưu: VT, VHXH.")},
         "ND30-DV-1", "không còn cấp huyện"),
        ({"noi_nhan_items": ("- UBND tỉnh (để b/c)", "- Lưu: VT, VHXH")}, "ND30-NN-2", "dấu chấm phẩy"),
        ({"date_text": unicodedata.normalize("NFD", "Trung Lương, ngày 09 tháng 01 năm 2024")}, "ND30-FONT-3",
         "Unicode dựng sẵn"),
        ({"agency_rule_ratio": 0.9}, "ND30-CQ-2", "phải từ 1/3 đến 1/2"),
        ({"agency_rule_ratio": 0.2}, "ND30-CQ-2", "phải từ 1/3 đến 1/2"),
        ({"tieu_ngu_rule_mm": 45}, "ND30-TN-3", "phải dài bằng dòng Tiêu ngữ"),
        ({"tieu_ngu_rule_mm": 45, "rule_kind": "drawing"}, "ND30-TN-3", "phải dài bằng dòng Tiêu ngữ"),
        ({"tieu_ngu_rule": False}, "ND30-TN-3", "thiếu đường kẻ"),
        ({"page_number_in_footer": True}, "ND30-ST-1", "không ở chân trang"),
    ],
    ids=["chu-quan-bold", "vv-colon", "vv-bold", "cong-van-cv", "kinh-gui-nhu-tren", "type-mismatch",
         "diem-order", "diem-f", "post-2025-huyen", "noi-nhan-punctuation", "nfd", "agency-rule-long",
         "agency-rule-short", "motto-rule-short", "motto-drawn-rule-short", "motto-no-rule", "page-number-footer"],
)
def test_more_defects_flag_exactly_their_rule(tmp_path: Path, changes: dict, rule: str, fragment: str) -> None:
    violations = check_spec(tmp_path, **changes)
    assert rules_of(violations) == {rule}, [str(v) for v in violations]
    assert any(fragment in v.message for v in violations), [v.message for v in violations]


# ----- the reader on hand-written WordprocessingML ----------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
STYLES = f"""<w:styles {W_NS}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>
<w:sz w:val="24"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Base"><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/>
<w:ind w:firstLine="720"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading"><w:basedOn w:val="Base"/><w:pPr><w:ind w:hanging="360"/></w:pPr>
<w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/><w:caps/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:tblPr><w:tblCellMar>
<w:left w:w="100" w:type="dxa"/><w:right w:w="90" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>"""
THEME = """<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="T"><a:themeElements>
<a:fontScheme name="F"><a:majorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>
<a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>
</a:fontScheme></a:themeElements></a:theme>"""
BODY_XML = """
<w:p><w:pPr><w:pStyle w:val="Heading"/></w:pPr><w:r><w:t>Kế hoạch</w:t></w:r>
<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t xml:space="preserve"> năm</w:t></w:r>
<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t xml:space="preserve"> nay</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>nơi</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr>
<w:t>ẩn</w:t></w:r><w:hyperlink r:id="rX"><w:r><w:t xml:space="preserve"> liên kết</w:t></w:r></w:hyperlink>
<w:smartTag w:uri="u" w:element="e"><w:r><w:t xml:space="preserve"> thẻ</w:t></w:r></w:smartTag>
<w:sdt><w:sdtContent><w:r><w:t xml:space="preserve"> nội dung</w:t></w:r></w:sdtContent></w:sdt>
<w:ins w:id="1" w:author="a"><w:r><w:t xml:space="preserve"> thêm</w:t></w:r></w:ins>
<w:del w:id="2" w:author="a"><w:r><w:delText> xóa</w:delText></w:r></w:del>
<mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t xml:space="preserve"> chọn</w:t></w:r></mc:Choice>
<mc:Fallback><w:r><w:t xml:space="preserve"> dự phòng</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>
<w:p><w:pPr><w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr></w:pPr>
<w:r><w:t xml:space="preserve">Trang </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>
<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText>
</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r>
<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
<w:tbl><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="6000"/></w:tblGrid><w:tr>
<w:tc><w:tcPr><w:tcW w:w="2800" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>trái</w:t></w:r></w:p></w:tc>
<w:tc><w:tcPr><w:tcW w:w="6500" w:type="dxa"/><w:tcMar><w:left w:w="0" w:type="dxa"/></w:tcMar></w:tcPr>
<w:p><w:r><w:t>phải</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:bottom="1134" w:left="1701" w:right="851"/>
<w:titlePg/></w:sectPr>"""


def _handmade_docx(tmp_path: Path) -> Path:
    namespaces = (f'{W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')
    rel = '<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{}" Target="{}"/>'
    rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'
    path = tmp_path / "handmade.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_rels/.rels", rels.format(rel.format("r1", "officeDocument", "word/document.xml")))
        archive.writestr("word/_rels/document.xml.rels", rels.format(
            rel.format("s", "styles", "styles.xml") + rel.format("t", "theme", "theme/theme1.xml")))
        archive.writestr("word/document.xml", f"<w:document {namespaces}><w:body>{BODY_XML}</w:body></w:document>")
        archive.writestr("word/styles.xml", STYLES)
        archive.writestr("word/theme/theme1.xml", THEME)
    return path


def test_reader_resolves_formatting_like_word(tmp_path: Path) -> None:
    document = read_docx(_handmade_docx(tmp_path))
    first, second, third, left, right = document.paragraphs()
    assert (first.alignment, first.first_line_indent, first.space_after) == ("center", -360, 160)
    heading, plain, toggled = first.runs
    assert (heading.size_pt, heading.bold, heading.italic, heading.fonts.ascii) == (13, True, True, "Times New Roman")
    assert plain.bold is False and plain.italic is True
    assert toggled.bold is False and toggled.caps is True  # bold in both style chains cancels out
    assert second.text == "nơi liên kết thẻ nội dung thêm chọn"
    assert second.display_text.startswith("NƠI") and second.runs[0].bold and second.runs[0].size_pt == 12
    assert third.has_page_field and [r.size_pt for r in third.runs if r.in_page_field and r.text] == [12, 14]
    assert (left.cell.width_twips, left.cell.margin_left, left.cell.margin_right) == (2800, 100, 90)
    assert (right.cell.width_twips, right.cell.margin_left) == (6000, 0)
    assert [s.orientation for s in document.sections] == ["landscape", "portrait"]
    assert (first.section_index, left.section_index, document.sections[1].title_pg) == (0, 1, True)
    assert document.sections[1].margins_mm()["left"] == pytest.approx(30.0, abs=0.01)
