"""Mail merge (trộn văn bản): one document per row of a list, a combined file to print, issuing a series."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.docx_view import open_docx, texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

LETTER = """\
loai: thong_bao
trich_yeu: Công nhận hộ nghèo năm 2026 đối với hộ {chu_ho}
tron:
  nguon: ho-ngheo.csv
  khoa: ma_ho
  ten_tep: "giay-bao-{ma_ho}"
  gop: true
noi_dung:
  - Ủy ban nhân dân xã thông báo hộ ông (bà) {chu_ho}, {xom} thuộc danh sách hộ nghèo năm 2026.
  - bang: Thông tin hộ
    cot: [Nội dung, Giá trị]
    dong:
      - [Chủ hộ, "{chu_ho}"]
      - [Xóm, "{xom}"]
  - Ủy ban nhân dân xã thông báo để hộ gia đình biết, thực hiện.
noi_nhan: ["Trưởng {xom}"]
luu: VHXH
ky: {quyen_han: TM, nguoi: chu_tich}
"""

HOUSEHOLDS = """\
ma_ho,chu_ho,xom
HN-01,Lò Văn Páo,Xóm Đồng Xe
HN-02,Triệu Thị Mai,Xóm Nạ Khao
HN-03,Hoàng Văn Sình,Xóm Khuôn Tát
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def merged(workspace):
    workspace.write("plans/2026/giay-bao.yaml", LETTER)
    workspace.write("plans/2026/ho-ngheo.csv", HOUSEHOLDS)
    return workspace


@pytest.fixture
def repo(merged):
    assert merged.run("build").code == 0
    git(merged.root, "init", "-q")
    git(merged.root, "add", "-A")
    git(merged.root, "-c", "user.name=Văn thư", "-c", "user.email=vt@xa.vn", "commit", "-qm", "Khởi tạo")
    return merged


def register_lines(root: Path, year: int = 2026) -> list[list[str]]:
    text = (root / f"outputs/so-van-ban-di/{year}.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line[:1].isdigit()]


def test_one_document_per_row_with_the_row_texts(merged):
    result = merged.run("build")
    assert result.code == 0, result.err
    for key, name, hamlet in (("HN-01", "Lò Văn Páo", "Xóm Đồng Xe"), ("HN-03", "Hoàng Văn Sình", "Xóm Khuôn Tát")):
        lines = texts(open_docx(merged.output(f"2026/giay-bao-{key}.docx")))
        assert f"Công nhận hộ nghèo năm 2026 đối với hộ {name}" in lines
        assert f"Ủy ban nhân dân xã thông báo hộ ông (bà) {name}, {hamlet} thuộc danh sách hộ nghèo năm 2026." in lines
        assert name in lines and hamlet in lines  # table cells
        assert f"- Trưởng {hamlet};" in lines
    assert "Đã dựng 5 văn bản: 5 mới" in result.out  # three letters, the combined file and the plan


def test_combined_file_each_document_on_new_pages_numbered_from_one(merged):
    assert merged.run("build").code == 0
    combined = merged.output("2026/giay-bao.docx")
    body = etree.fromstring(zipfile.ZipFile(combined).read("word/document.xml")).find(f"{W}body")
    sections = list(body.iter(f"{W}sectPr"))
    assert len(sections) == 3  # two closing section breaks carried by paragraphs, the body's last
    assert [s.find(f"{W}pgNumType").get(f"{W}start") for s in sections] == ["1", "1", "1"]
    assert all(s.find(f"{W}type") is None or s.find(f"{W}type").get(f"{W}val") == "nextPage" for s in sections)
    lines = texts(open_docx(combined))
    assert [line for line in lines if line.startswith("Công nhận hộ nghèo")] == [
        "Công nhận hộ nghèo năm 2026 đối với hộ Lò Văn Páo", "Công nhận hộ nghèo năm 2026 đối với hộ Triệu Thị Mai",
        "Công nhận hộ nghèo năm 2026 đối với hộ Hoàng Văn Sình"]
    first = combined.read_bytes()
    combined.unlink()
    assert merged.run("build").code == 0
    assert combined.read_bytes() == first  # same input, same bytes


def test_check_passes_on_merged_documents(merged):
    assert merged.run("build").code == 0
    result = merged.run("check", str(merged.output("2026/giay-bao-HN-02.docx")), str(merged.output("2026/giay-bao.docx")))
    assert result.code == 0, result.out


def test_row_values_print_literally(merged):
    merged.write("plans/2026/ho-ngheo.csv", 'ma_ho,chu_ho,xom\nHN-01,"A & B <c> {{ x }} {xom} [so_lieu.y]",Xóm 1\n')
    assert merged.run("build").code == 0
    lines = texts(open_docx(merged.output("2026/giay-bao-HN-01.docx")))
    assert "Công nhận hộ nghèo năm 2026 đối với hộ A & B <c> {{ x }} {xom} [so_lieu.y]" in lines


def test_editing_one_row_renders_only_its_document(merged):
    assert merged.run("build").code == 0
    merged.write("plans/2026/ho-ngheo.csv", HOUSEHOLDS.replace("Triệu Thị Mai", "Triệu Thị Hoa"))
    result = merged.run("build")
    assert "thay đổi   outputs/2026/giay-bao-HN-02.docx" in result.out
    assert "thay đổi   outputs/2026/giay-bao.docx" in result.out
    assert "không đổi  outputs/2026/giay-bao-HN-01.docx" in result.out
    assert "không đổi  outputs/2026/giay-bao-HN-03.docx" in result.out
    assert "Triệu Thị Hoa" in texts(open_docx(merged.output("2026/giay-bao.docx")))


def test_yaml_list_and_xlsx_list(merged):
    from openpyxl import Workbook

    merged.write("plans/2026/ho.yaml", "# tên minh họa\n- {ma_ho: A1, chu_ho: Lò Thị Xuân, xom: Xóm 1}\n")
    merged.write("plans/2026/giay-bao.yaml", LETTER.replace("ho-ngheo.csv", "ho.yaml"))
    assert merged.run("build").code == 0
    assert "Lò Thị Xuân" in texts(open_docx(merged.output("2026/giay-bao-A1.docx")))
    (merged.root / "plans/2026/ho.yaml").unlink()
    book = Workbook()
    sheet = book.active
    sheet.title = "Hộ"
    for row in (["ma_ho", "chu_ho", "xom"], ["B7", "Nông Văn Tài", "Xóm 2"]):
        sheet.append(row)
    book.save(merged.root / "plans/2026/ho.xlsx")
    merged.write("plans/2026/giay-bao.yaml", LETTER.replace("nguon: ho-ngheo.csv", "nguon: ho.xlsx\n  bang: Hộ"))
    assert merged.run("build").code == 0
    assert "Nông Văn Tài" in texts(open_docx(merged.output("2026/giay-bao-B7.docx")))


@pytest.mark.parametrize("households, expected", [
    ("ma_ho,chu_ho,xom\nHN-01,Lò Văn Páo,Xóm 1\nHN-02,,Xóm 2\n",
     ["plans/2026/ho-ngheo.csv!dòng 3: thiếu giá trị ở cột 'chu_ho' mà văn bản dùng"]),
    ("ma_ho,chu_ho,xom\nHN-01,Lò Văn Páo,Xóm 1\nHN-01,Lò Thị Mai,Xóm 2\n",
     ["plans/2026/ho-ngheo.csv!dòng 3: mã 'HN-01' (cột 'ma_ho') trùng với plans/2026/ho-ngheo.csv!dòng 2"]),
    ("ma_ho,chu_ho,xom\nHN/01,Lò Văn Páo,Xóm 1\nHN|02,Lò Thị Mai,Xóm 2\n",
     ["plans/2026/ho-ngheo.csv!dòng 2: tên tệp 'giay-bao-HN/01.docx' của dòng này có ký tự '/'",
      "plans/2026/ho-ngheo.csv!dòng 3: tên tệp 'giay-bao-HN|02.docx' của dòng này có ký tự '|'"]),
    ("ma_ho,chu_ho,xom\n", ["plans/2026/giay-bao.yaml:4:10: tron.nguon: danh sách plans/2026/ho-ngheo.csv không có dòng"]),
    ("ma_ho,chu_ho\nHN-01,Lò Văn Páo\n", ["plans/2026/giay-bao.yaml:9:5: noi_dung[1]: không có cột 'xom'",
                                    "plans/2026/giay-bao.yaml:16:12: noi_nhan[1]: không có cột 'xom'"]),
])
def test_bad_lists_are_named_by_file_and_row_and_nothing_is_written(merged, households, expected):
    merged.write("plans/2026/ho-ngheo.csv", households)
    before = merged.snapshot()
    result = merged.run("build")
    assert result.code == 1
    for message in expected:
        head, _, tail = message.partition("…")
        assert any(line.startswith(head) and tail in line for line in result.err.splitlines()), result.err
    assert merged.snapshot() == before


def test_every_mistake_at_once_missing_list_and_bad_pattern(merged):
    merged.write("plans/2026/giay-bao.yaml", LETTER.replace("ho-ngheo.csv", "khong-co.csv")
                 .replace('"giay-bao-{ma_ho}"', '"thu-muc/giay-bao-{ma_ho}"'))
    merged.write("plans/2026/khac.yaml", LETTER.replace('"giay-bao-{ma_ho}"', '"giay:{ma_ho}"'))
    result = merged.run("build")
    assert result.code == 1
    assert "plans/2026/giay-bao.yaml:4:10: tron.nguon: không đọc được tệp danh sách plans/2026/khong-co.csv" in result.err
    assert "plans/2026/giay-bao.yaml:6:12: tron.ten_tep: tên tệp không được có ký tự '/'" in result.err
    assert "plans/2026/khac.yaml:6:12: tron.ten_tep: tên tệp không được có ký tự ':'" in result.err
    assert not merged.output("2026").exists()


def test_reserved_windows_names_are_refused(merged):
    merged.write("plans/2026/giay-bao.yaml", LETTER.replace('"giay-bao-{ma_ho}"', '"{ma_ho}"'))
    merged.write("plans/2026/ho-ngheo.csv", "ma_ho,chu_ho,xom\nnul,Lò Văn Páo,Xóm 1\nCOM1.x,Lò Thị Mai,Xóm 2\n")
    result = merged.run("build")
    assert result.code == 1
    assert "plans/2026/ho-ngheo.csv!dòng 2: tên tệp 'nul.docx' của dòng này là tên Windows dành riêng (NUL)" in result.err
    assert "plans/2026/ho-ngheo.csv!dòng 3: tên tệp 'COM1.x.docx' của dòng này là tên Windows dành riêng" in result.err


def test_a_field_that_is_no_column_is_located(merged):
    merged.write("plans/2026/giay-bao.yaml", LETTER.replace("{xom} thuộc", "{xon} thuộc"))
    result = merged.run("build")
    assert result.code == 1
    assert "plans/2026/giay-bao.yaml:9:5: noi_dung[1]: không có cột 'xon' trong danh sách plans/2026/ho-ngheo.csv; " \
           "có phải ý bạn là 'xom'?" in result.err


def test_issue_one_number_per_document(repo):
    done = repo.run("issue", str(repo.root / "plans/2026/giay-bao.yaml"), "--date", "2026-03-12")
    assert done.code == 0, done.err
    lines = register_lines(repo.root)
    assert [(l[0], l[11], l[13]) for l in lines] == [
        ("01", "plans/2026/giay-bao.yaml#HN-01", "outputs/2026/01-TB-UBND-giay-bao-HN-01.docx"),
        ("02", "plans/2026/giay-bao.yaml#HN-02", "outputs/2026/02-TB-UBND-giay-bao-HN-02.docx"),
        ("03", "plans/2026/giay-bao.yaml#HN-03", "outputs/2026/03-TB-UBND-giay-bao-HN-03.docx")]
    assert "Số: 02/TB-UBND" in texts(open_docx(repo.output("2026/02-TB-UBND-giay-bao-HN-02.docx")))
    assert git(repo.root, "log", "-1", "--format=%s").startswith("Ban hành 01/TB-UBND đến 03/TB-UBND: ")
    assert git(repo.root, "status", "--porcelain").strip() == ""
    assert not repo.output("2026/giay-bao-HN-01.docx").exists() and not repo.output("2026/giay-bao.docx").exists()
    assert repo.run("verify", "--thu-muc", str(repo.root)).code == 0
    # a new household later: only its document is drafted, then issued with the next number
    repo.write("plans/2026/ho-ngheo.csv", HOUSEHOLDS + "HN-04,Đặng Văn Hùng,Xóm Làng Mới\n")
    built = repo.run("build")
    assert built.code == 0, built.err
    assert ["mới", "outputs/2026/giay-bao-HN-04.docx"] in [line.split() for line in built.out.splitlines()]
    lines = texts(open_docx(repo.output("2026/giay-bao.docx")))  # to print: the issued three and the new draft
    assert [line for line in lines if line.startswith("Số:")] == ["Số: 01/TB-UBND", "Số: 02/TB-UBND",
                                                                  "Số: 03/TB-UBND", "Số:      /TB-UBND"]
    assert repo.run("verify", "--thu-muc", str(repo.root)).code == 0  # the issued rows did not change
    again = repo.run("issue", str(repo.root / "plans/2026/giay-bao.yaml"), "--date", "2026-03-13")
    assert again.code == 0, again.err
    assert [l[0] for l in register_lines(repo.root)] == ["01", "02", "03", "04"]
    assert repo.run("verify", "--thu-muc", str(repo.root)).code == 0


def test_editing_an_issued_row_is_refused(repo):
    assert repo.run("issue", str(repo.root / "plans/2026/giay-bao.yaml"), "--date", "2026-03-12").code == 0
    repo.write("plans/2026/ho-ngheo.csv", HOUSEHOLDS.replace("Triệu Thị Mai", "Triệu Thị Hoa"))
    built = repo.run("build")
    assert built.code == 1
    assert "plans/2026/giay-bao.yaml#HN-02: văn bản 02/TB-UBND ngày 12/03/2026 đã ban hành nên nội dung của nó " \
           "(tệp này và dòng HN-02 của danh sách plans/2026/ho-ngheo.csv) không được sửa" in built.err
    assert "HN-01" not in built.err and "HN-03" not in built.err
    verified = repo.run("verify", "--thu-muc", str(repo.root))
    assert verified.code == 1 and "plans/2026/giay-bao.yaml#HN-02: nguồn của văn bản 02/TB-UBND" in verified.err


def test_issue_one_number_for_the_set(repo):
    done = repo.run("issue", str(repo.root / "plans/2026/giay-bao.yaml"), "--date", "2026-03-12", "--mot-so")
    assert done.code == 0, done.err
    (line,) = register_lines(repo.root)
    assert line[0] == "01" and line[11] == "plans/2026/giay-bao.yaml"
    assert line[13] == "outputs/2026/01-TB-UBND-giay-bao.docx"
    assert line[5] == "Công nhận hộ nghèo năm 2026 đối với hộ … (3 văn bản)"
    lines = texts(open_docx(repo.output("2026/01-TB-UBND-giay-bao.docx")))
    assert lines.count("Số: 01/TB-UBND") == 3
    assert repo.run("verify", "--thu-muc", str(repo.root)).code == 0
    built = repo.run("build")
    assert built.code == 0 and "đã ban hành outputs/2026/01-TB-UBND-giay-bao.docx" in built.out
    assert "giay-bao-HN" not in built.out
    again = repo.run("issue", str(repo.root / "plans/2026/giay-bao.yaml"))
    assert again.code == 1 and "đã ban hành: số 01/TB-UBND" in again.err


def test_one_number_for_the_set_chosen_in_the_file(repo):
    repo.write("plans/2026/giay-bao.yaml", LETTER.replace("  gop: true", "  gop: true\n  so_cho_bo: mot"))
    git(repo.root, "commit", "-qam", "một số")
    assert repo.run("issue", str(repo.root / "plans/2026/giay-bao.yaml"), "--date", "2026-03-12").code == 0
    assert [l[0] for l in register_lines(repo.root)] == ["01"]


def test_bad_workbook_lists_are_named_by_sheet_and_row(merged):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Hộ"
    for row in (["ma_ho", "chu_ho", "xom"], ["B7", "Nông Văn Tài", "Xóm 2"], ["B8", None, "Xóm 3"]):
        sheet.append(row)
    book.save(merged.root / "plans/2026/ho.xlsx")
    merged.write("plans/2026/giay-bao.yaml", LETTER.replace("nguon: ho-ngheo.csv", "nguon: ho.xlsx"))
    merged.write("plans/2026/hong.yaml", LETTER.replace("nguon: ho-ngheo.csv", "nguon: hong.xlsx")
                 .replace("giay-bao-", "hong-"))
    (merged.root / "plans/2026/hong.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    result = merged.run("build")
    assert result.code == 1
    assert "plans/2026/ho.xlsx!Hộ!B3: thiếu giá trị ở cột 'chu_ho' mà văn bản dùng" in result.err
    assert "plans/2026/hong.xlsx" in result.err
    assert not merged.output("2026").exists()


def test_a_series_is_issued_whole_or_not_at_all(repo):
    blocker = repo.output("2026/03-TB-UBND-giay-bao-HN-03.docx")
    blocker.write_bytes(b"placed by hand")
    before = repo.snapshot()
    done = repo.run("issue", str(repo.root / "plans/2026/giay-bao.yaml"), "--date", "2026-03-12")
    assert done.code == 1 and "03-TB-UBND-giay-bao-HN-03.docx" in done.err
    assert repo.snapshot() == before  # no number given, no file written, no register
    assert not (repo.root / "outputs/so-van-ban-di/2026.tsv").exists()


def test_a_damaged_csv_and_a_yaml_list_item_are_said_where_they_are(merged):
    merged.write("plans/2026/ho-ngheo.csv", "ma_ho,chu_ho,xom\nHN-01,Lò Văn Páo,Xóm 1,thừa\n")
    merged.write("plans/2026/ho.yaml", "- {ma_ho: A1, chu_ho: Lò Thị Xuân, xom: Xóm 1}\n- chỉ một dòng chữ\n")
    merged.write("plans/2026/khac.yaml", LETTER.replace("ho-ngheo.csv", "ho.yaml").replace("giay-bao-", "khac-"))
    (merged.root / "plans/2026/latin1.csv").write_bytes("ma_ho\nHà\n".encode("cp1252"))
    merged.write("plans/2026/ba.yaml", LETTER.replace("ho-ngheo.csv", "latin1.csv").replace("giay-bao-", "ba-"))
    result = merged.run("build")
    assert result.code == 1
    assert "plans/2026/ho-ngheo.csv!dòng 2: dòng có 4 ô, nhiều hơn 3 cột của dòng tiêu đề" in result.err
    assert "plans/2026/ho.yaml:2:3: mỗi mục của danh sách cần các cặp 'cột: giá trị'" in result.err
    assert "plans/2026/ba.yaml:4:10: tron.nguon: tệp danh sách plans/2026/latin1.csv không phải mã UTF-8" in result.err


def test_a_series_killed_after_writing_its_files_is_cleaned_and_issued_again(repo, tmp_path):
    from tests.test_register_integrity import _killed_at

    _killed_at(repo, tmp_path, "da-ghi-van-ban", "plans/2026/giay-bao.yaml", "2026-03-12")
    assert repo.output("2026/03-TB-UBND-giay-bao-HN-03.docx").exists()  # written, never recorded
    assert not (repo.root / "outputs/so-van-ban-di/2026.tsv").exists()
    again = repo.run("issue", str(repo.root / "plans/2026/giay-bao.yaml"), "--date", "2026-03-12")
    assert again.code == 0, again.err
    assert again.out.count("Đã xóa tệp dở dang của một lần ban hành bị gián đoạn") == 3
    assert [l[0] for l in register_lines(repo.root)] == ["01", "02", "03"]
    assert repo.run("verify", "--thu-muc", str(repo.root)).code == 0


def test_documents_with_charts_combine_with_each_chart_kept(sample):
    report = (sample.root / "plans/2024/bao-cao-ket-qua-giam-ngheo.yaml").read_text(encoding="utf-8")
    sample.write("plans/2024/bao-cao-xom.yaml", report + "tron: {nguon: xom.csv, khoa: ma, ten_tep: 'bao-cao-{ma}', "
                 "gop: true}\n")
    sample.write("plans/2024/xom.csv", "ma\nX1\nX2\n")
    assert sample.run("build").code == 0
    combined = zipfile.ZipFile(sample.output("2024/bao-cao-xom.docx"))
    charts = sorted(n for n in combined.namelist() if n.startswith("word/charts/"))
    assert charts == ["word/charts/chart1.xml"]  # both rows draw the same chart: one part, drawn twice
    document = combined.read("word/document.xml").decode("utf-8")
    assert document.count('<c:chart r:id="rId1"/>') == 2
    assert re.findall(r'docPr id="(\d+)"', document) == ["1", "2"]
    assert sample.run("check", str(sample.output("2024/bao-cao-xom.docx"))).code == 0


def test_a_correction_of_one_document_of_a_series_cites_its_row(repo):
    assert repo.run("issue", str(repo.root / "plans/2026/giay-bao.yaml"), "--date", "2026-03-12").code == 0
    done = repo.run("thu-hoi", "02/TB-UBND", "--thu-muc", str(repo.root))
    assert done.code == 0, done.err
    (draft,) = (repo.root / "plans").rglob("thu-hoi-02-tb-ubnd.yaml")
    text = draft.read_text(encoding="utf-8")
    assert "Triệu Thị Mai" in text and "Trưởng Xóm Nạ Khao" in text and "{xom}" not in text


@pytest.mark.skipif(__import__("shutil").which("soffice") is None or __import__("shutil").which("pdftotext") is None,
                    reason="LibreOffice and poppler-utils are installed by .ci/run")
def test_combined_pdf_numbers_each_document_from_page_one(merged):
    from tests.test_pdf import page_count, page_text

    long = "".join(f"  - Đoạn {i} về hộ {{chu_ho}}: nội dung nhắc lại nhiều lần để văn bản sang trang thứ hai, thứ "
                   "ba, cho thấy số trang của từng văn bản.\n" for i in range(45))
    merged.write("plans/2026/giay-bao.yaml", LETTER.replace(
        "  - Ủy ban nhân dân xã thông báo để hộ gia đình biết, thực hiện.\n", long))
    result = merged.run("build", "--pdf")
    assert result.code == 0, result.err
    pdf = merged.output("2026/giay-bao.pdf")
    single = page_count(merged.output("2026/giay-bao-HN-01.pdf"))
    assert single >= 2 and page_count(pdf) == 3 * single
    for start in (1, single + 1, 2 * single + 1):
        first = [line.strip() for line in page_text(pdf, start).splitlines() if line.strip()]
        assert first[0].startswith("ỦY BAN NHÂN DÂN")  # a new document, no page number on its first page
        second = [line.strip() for line in page_text(pdf, start + 1).splitlines() if line.strip()]
        assert second[0] == "2"


def test_a_yaml_list_with_a_syntax_error_is_reported_once_by_the_merge(merged):
    merged.write("plans/2026/ho.yaml", "- {ma_ho: A1, chu_ho: Lò Thị Xuân, xom: Xóm 1}\n  - {ma_ho: A2\n")
    merged.write("plans/2026/giay-bao.yaml", LETTER.replace("ho-ngheo.csv", "ho.yaml"))
    result = merged.run("build")
    assert result.code == 1
    located = [line for line in result.err.splitlines() if line.startswith("plans/2026/ho.yaml:")]
    assert located == ["plans/2026/ho.yaml:2:3: lỗi cú pháp YAML trong tệp danh sách"], result.err


def test_a_deeply_nested_yaml_list_is_refused_without_a_traceback(merged):
    merged.write("plans/2026/ho.yaml", "- " + "[" * 3000 + "]" * 3000 + "\n")
    merged.write("plans/2026/giay-bao.yaml", LETTER.replace("ho-ngheo.csv", "ho.yaml"))
    result = merged.run("build")
    assert result.code == 1
    assert "plans/2026/ho.yaml:1:" in result.err and "Traceback" not in result.err
