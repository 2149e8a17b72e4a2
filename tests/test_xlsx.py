"""Figures kept in Excel: an .xlsx twin of a YAML figures file builds the same documents, byte for byte, and every
mistake in it is named in Vietnamese at its sheet and cell, with nothing written."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from engine.errors import Location
from engine.pipeline import sheets
from tests.conftest import REPO, Workspace

FIGURES = "plans/2024/so-lieu-giam-ngheo"
ESTIMATE = "plans/2024/du-toan-kinh-phi-ho-tro"

# The sample's so-lieu-giam-ngheo.yaml as a clerk would type it in Excel: headings in Vietnamese, numbers as numbers.
FIGURES_INFO = [
    ["Khóa", "Giá trị"],
    ["loai", "so_lieu_giam_ngheo"],
    ["nam", 2024],
    ["ghi_chu", "Số liệu minh họa, không phải số liệu rà soát thật"],
    ["chi_tieu_xa.giam_ty_le_ho_ngheo", 1.52],
    ["chi_tieu_xa.giam_ty_le_ho_can_ngheo", 1.01],
]
HAMLETS = [
    ["Tên", "Tổng số hộ", "Hộ nghèo", "Hộ cận nghèo"],
    ["Xóm Đồng Xe", 212, 14, 9],
    ["Xóm Nạ Khao", 148.0, 11, 7],          # a float that is a whole number stays "148"
    ["Xóm Khuôn Tát", 126, 9, 6],
    ["Xóm Nà Mòn", 97, 8, 5],
    ["Xóm Bản Quyên", 115, 6, 4],
    ["Xóm Làng Mới", 91, 4, 3],
]
# du-toan-kinh-phi-ho-tro.yaml: groups (nhom) whose items (muc) follow the group's row.
ESTIMATE_INFO = [
    ["loai", "du_toan_kinh_phi"],
    ["nam", 2024],
    ["ten", "Dự toán kinh phí hỗ trợ phát triển sản xuất cho hộ nghèo, hộ cận nghèo năm 2024"],
    ["ghi_chu", "Số liệu minh họa, không phải số liệu thật"],
]
GROUPS = [
    ["Tên", "muc.Nội dung", "muc.Đơn vị tính", "muc.Số lượng", "muc.Đơn giá (đồng)", "muc.Ghi chú"],
    ["Hỗ trợ giống vật nuôi", "Lợn giống cho hộ nghèo (2 con/hộ)", "con", 40, 2500000],
    [None, "Gà giống cho hộ cận nghèo (100 con/hộ)", "con", 1200, 50000],
    ["Hỗ trợ giống cây trồng, phân bón", "Chè giống (cành giâm)", "cây", 30000, 1500],
    [None, "Phân bón NPK", "kg", 3000, 12000],
    ["Tập huấn kỹ thuật", "Tập huấn kỹ thuật chăn nuôi, trồng chè cho các hộ được hỗ trợ", "lớp", 2, 4500000,
     "2 ngày/lớp"],
]


def workbook(path: Path, pages: dict[str, list[list]], merged: dict[str, list[str]] | None = None,
             formats: dict[tuple[str, str], str] | None = None) -> Path:
    """An .xlsx with these sheets and rows, as Excel would save it."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in pages.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    for title, ranges in (merged or {}).items():
        for cells in ranges:
            book[title].merge_cells(cells)
    for (title, cell), number_format in (formats or {}).items():
        book[title][cell].number_format = number_format
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def sample_copy(root: Path, capsys: pytest.CaptureFixture) -> Workspace:
    root.mkdir(parents=True)
    shutil.copy(REPO / "vanban.yaml", root / "vanban.yaml")
    shutil.copytree(REPO / "plans", root / "plans")
    shutil.copytree(REPO / "outputs", root / "outputs", ignore=shutil.ignore_patterns(".*.tmp", ".khoa"))
    return Workspace(root, capsys)


def use_workbook(ws: Workspace, stem: str, pages: dict[str, list[list]], **options: object) -> Path:
    """The YAML figures file `stem` replaced by a workbook, and every document that named it naming the workbook."""
    name = Path(stem).name
    (ws.root / f"{stem}.yaml").unlink()
    for document in (ws.root / "plans").rglob("*.yaml"):
        text = document.read_text(encoding="utf-8")
        if f"{name}.yaml" in text:
            document.write_text(text.replace(f"{name}.yaml", f"{name}.xlsx"), encoding="utf-8")
    return workbook(ws.root / f"{stem}.xlsx", pages, **options)  # type: ignore[arg-type]


@pytest.fixture
def twins(tmp_path: Path, capsys: pytest.CaptureFixture) -> tuple[Workspace, Workspace]:
    """The sample twice: as it is (YAML figures), and with both figures files kept as workbooks."""
    yaml_ws = sample_copy(tmp_path / "yaml", capsys)
    excel_ws = sample_copy(tmp_path / "excel", capsys)
    use_workbook(excel_ws, FIGURES, {"thong_tin": FIGURES_INFO, "Xóm": HAMLETS})
    use_workbook(excel_ws, ESTIMATE, {"Thông tin": ESTIMATE_INFO, "Nhóm": GROUPS})
    return yaml_ws, excel_ws


@pytest.fixture
def excel(tmp_path: Path, capsys: pytest.CaptureFixture) -> Workspace:
    """The sample with its poverty figures in Excel (built once, so that a failed run can be seen to touch nothing)."""
    ws = sample_copy(tmp_path / "excel", capsys)
    use_workbook(ws, FIGURES, {"thong_tin": FIGURES_INFO, "Xóm": HAMLETS})
    assert ws.run("build", "-q").code == 0
    return ws


def _with_cell(row: int, column: int, value: object) -> list[list]:
    rows = [list(r) for r in HAMLETS]
    rows[row - 1][column - 1] = value
    return rows



# --- the same documents ------------------------------------------------------------------------------

@pytest.mark.parametrize("document", ["quyet-dinh-giao-chi-tieu", "bao-cao-ket-qua-giam-ngheo",
                                      "to-trinh-kinh-phi-ho-tro"])
def test_an_excel_figures_file_builds_the_same_document_as_its_yaml_twin(twins, document):
    yaml_ws, excel_ws = twins
    for ws in twins:
        result = ws.run("build", "-q")
        assert result.code == 0, result.err
    built = excel_ws.output(f"2024/{document}.docx").read_bytes()
    assert built == yaml_ws.output(f"2024/{document}.docx").read_bytes()


def test_a_figure_in_the_workbook_reaches_the_documents(excel):
    """Not merely the same bytes by luck: the workbook's own numbers are what the documents print."""
    from tests.docx_view import open_docx, texts

    workbook(excel.root / f"{FIGURES}.xlsx", {"thong_tin": FIGURES_INFO, "Xóm": _with_cell(2, 2, 312)})
    result = excel.run("build")
    assert result.code == 0, result.err
    assert "thay đổi   outputs/2024/quyet-dinh-giao-chi-tieu.docx" in result.out  # the incremental build saw it
    assert "312" in texts(open_docx(excel.output("2024/quyet-dinh-giao-chi-tieu.docx")))


def test_a_workbook_saved_again_unchanged_rebuilds_nothing(excel):
    workbook(excel.root / f"{FIGURES}.xlsx", {"thong_tin": FIGURES_INFO, "Xóm": HAMLETS, "_ghi chú": [["mới lưu"]]})
    result = excel.run("build")
    assert result.code == 0, result.err
    assert "0 mới, 0 thay đổi" in result.out


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def test_an_issued_document_freezes_its_workbook_by_its_cells_not_its_bytes(excel):
    git(excel.root, "init", "-q")
    git(excel.root, "add", "-A")
    git(excel.root, "reset", "-q", SHOWN)  # the workbook is new: the issue archives it with the decision
    git(excel.root, "-c", "user.name=Văn thư", "-c", "user.email=vt@xa.vn", "commit", "-qm", "Khởi tạo")
    issued = excel.run("issue", str(excel.root / "plans/2024/quyet-dinh-giao-chi-tieu.yaml"), "--date", "2024-02-01")
    assert issued.code == 0, issued.err
    assert SHOWN in git(excel.root, "show", "--name-only", "--format=", "HEAD").split()  # archived with it
    # Opened in Excel and saved again: other bytes, the same cells.
    workbook(excel.root / SHOWN, {"thong_tin": FIGURES_INFO, "Xóm": HAMLETS, "_ghi chú": [["mới lưu"]]})
    assert excel.run("build", "-q").code == 0
    assert excel.run("verify").code == 0
    # One figure changed: the issued decision refuses it, naming the workbook to restore.
    workbook(excel.root / SHOWN, {"thong_tin": FIGURES_INFO, "Xóm": _with_cell(2, 2, 312)})
    result = excel.run("build")
    assert result.code == 1
    assert f"git checkout -- {SHOWN})" in result.err, result.err


# --- bad input: located in Vietnamese, nothing written -------------------------------------------------

SHOWN = f"{FIGURES}.xlsx"


BAD = {
    "text in a number cell": ({"thong_tin": FIGURES_INFO, "Xóm": _with_cell(3, 3, "mười một")},
                              {}, f"{SHOWN}!Xóm!C3: xom[2].ho_ngheo: cần số hộ là một số nguyên không âm, ví dụ 14, "
                                  "nhưng gặp chuỗi 'mười một'"),
    "an empty number cell": ({"thong_tin": FIGURES_INFO, "Xóm": _with_cell(4, 2, None)},
                             {}, f"{SHOWN}!Xóm!B4: xom[3].tong_so_ho: cần số hộ là một số nguyên không âm"),
    "a merged cell": ({"thong_tin": FIGURES_INFO, "Xóm": HAMLETS}, {"merged": {"Xóm": ["C2:D2"]}},
                      f"{SHOWN}!Xóm!C2: ô gộp C2:D2: tệp số liệu không dùng ô gộp"),
    "an empty sheet": ({"thong_tin": FIGURES_INFO, "Xóm": []}, {}, f"{SHOWN}!Xóm!A1: trang 'Xóm' trống"),
    "a missing column": ({"thong_tin": FIGURES_INFO, "Xóm": [r[:2] + r[3:] for r in HAMLETS]}, {},
                         f"{SHOWN}!Xóm!A2: xom[1].ho_ngheo: thiếu khóa bắt buộc 'ho_ngheo' (số hộ nghèo đầu năm) (cùng lỗi ở "
                         "A3, A4, A5, A6, A7)"),
    "a misspelt heading": ({"thong_tin": FIGURES_INFO, "Xóm": [["Tên", "Tổng số hộ", "Hộ nghèoo", "Hộ cận nghèo"],
                                                               *HAMLETS[1:]]}, {},
                           f"{SHOWN}!Xóm!C1: xom[1].ho_ngheoo: khóa 'ho_ngheoo' không hợp lệ ở đây; có phải ý bạn là "
                           "'ho_ngheo'?"),
    "a value without its key": ({"thong_tin": [*FIGURES_INFO, [None, 5]], "Xóm": HAMLETS}, {},
                                f"{SHOWN}!thong_tin!B7: có giá trị nhưng ô A7 chưa ghi khóa"),
    "a cell outside the headed columns": ({"thong_tin": FIGURES_INFO, "Xóm": [*HAMLETS[:3], [*HAMLETS[3], None, 7],
                                                                              *HAMLETS[4:]]}, {},
                                          f"{SHOWN}!Xóm!F4: ô F4 có giá trị nhưng cột F chưa có tên ở dòng tiêu đề"),
    "no info sheet": ({"Xóm": HAMLETS}, {}, f"{SHOWN}: thiếu trang 'thong_tin'"),
    "a workbook that is no figures file": ({"thong_tin": [["loai", "ke_hoach"]]}, {},
                                           f"{SHOWN}!thong_tin!B1: tệp Excel chỉ dùng cho số liệu"),
}


def refused(ws: Workspace, expected: str) -> None:
    """The build stops with this message, no traceback, and outputs/ exactly as it was."""
    before = ws.snapshot()
    result = ws.run("build")
    assert result.code == 1
    assert expected in result.err, result.err
    assert "Traceback" not in result.err
    assert ws.snapshot() == before


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_mistake_in_the_workbook_is_named_at_its_cell_and_nothing_is_written(excel, case):
    pages, options, expected = BAD[case]
    workbook(excel.root / SHOWN, pages, **options)
    refused(excel, expected)


def test_every_mistake_of_a_run_is_reported_together(excel):
    rows = _with_cell(3, 3, "mười một")
    rows[5][2] = -2
    workbook(excel.root / SHOWN, {"thong_tin": FIGURES_INFO, "Xóm": rows})
    result = excel.run("build")
    assert result.code == 1
    assert f"{SHOWN}!Xóm!C3:" in result.err and f"{SHOWN}!Xóm!C6:" in result.err
    assert "4 lỗi" in result.err  # and the two documents that draw on the file


def test_a_document_on_a_workbook_with_mistakes_says_the_file_has_errors_not_that_it_is_missing(excel):
    """The file is there and says loai: so_lieu_giam_ngheo: "không tìm thấy … (cần 'loai: …')" misled the clerk."""
    workbook(excel.root / SHOWN, {"thong_tin": FIGURES_INFO, "Xóm": _with_cell(3, 3, "mười một")})
    result = excel.run("build")
    assert result.code == 1
    assert (f"so_lieu: chưa dùng được tệp số liệu giảm nghèo {SHOWN}: tệp có lỗi (báo ở các dòng của tệp đó) hoặc "
            "không ghi 'loai: so_lieu_giam_ngheo'") in result.err
    assert "không tìm thấy" not in result.err and f"{SHOWN}!Xóm!C3:" in result.err


@pytest.mark.parametrize("content, expected", [
    (b"PK\x03\x04 not really a workbook", "tệp Excel bị hỏng hoặc không phải tệp .xlsx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "tệp theo định dạng Excel cũ (.xls)"),
])
def test_a_damaged_workbook_is_refused(excel, content, expected):
    (excel.root / SHOWN).write_bytes(content)
    refused(excel, f"{SHOWN}: {expected}")


def test_a_password_protected_workbook_is_refused(excel):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = workbook(excel.root / "plain.xlsx", {"thong_tin": FIGURES_INFO, "Xóm": HAMLETS})
    locked = io.BytesIO()
    with plain.open("rb") as source:
        OOXMLFile(source).encrypt("matkhau", locked)
    (excel.root / SHOWN).write_bytes(locked.getvalue())
    refused(excel, f"{SHOWN}: tệp Excel có đặt mật khẩu")


def test_an_excel_lock_file_beside_the_workbook_is_no_document(excel):
    (excel.root / "plans/2024/~$so-lieu-giam-ngheo.xlsx").write_bytes(b"\x0bnguoi dung")
    assert excel.run("build", "-q").code == 0


# --- the module the mail merge reuses ----------------------------------------------------------------

def test_sheet_rows_gives_each_row_keyed_by_its_headings_with_cell_locations(tmp_path):
    path = workbook(tmp_path / "ds.xlsx", {"_ghi chú": [["đọc tôi"]],
                                           "Danh sách": [["Họ và tên", "Số tiền (đồng)"], ["Lê Văn A", 1500000],
                                                         [None, None], ["Trần Thị B", 2.5]]})
    errors: list = []
    rows = sheets.sheet_rows(path, "ds.xlsx", errors)
    assert errors == []
    assert [sheets.plain(row) for row in rows] == [{"ho_va_ten": "Lê Văn A", "so_tien": "1500000"},
                                                   {"ho_va_ten": "Trần Thị B", "so_tien": "2.5"}]
    value = rows[1].value[1][1]
    assert str(Location.at("ds.xlsx", value.start_mark)) == "ds.xlsx!'Danh sách'!B4"
    assert sheets.sheet_rows(path, "ds.xlsx", errors, sheet="khac") is None
    assert "không có trang 'khac'" in str(errors[0])


@pytest.mark.parametrize("value, number_format, text", [
    (212, "General", "212"), (212.0, "General", "212"), (1.52, "General", "1.52"),
    (0.1 + 0.2, "General", "0.3"), (2500000, "#,##0", "2500000"), (1e16, "General", "10000000000000000"),
    (0.0152, "0.00%", "1.52%"),
])
def test_a_number_cell_reads_as_the_text_its_yaml_twin_holds(tmp_path, value, number_format, text):
    path = workbook(tmp_path / "so.xlsx", {"ds": [["so"], [value]]}, formats={("ds", "A2"): number_format})
    rows = sheets.sheet_rows(path, "so.xlsx", [])
    assert sheets.plain(rows[0]) == {"so": text}


def test_a_heading_is_read_as_a_key():
    assert sheets.key_of("Tổng số hộ") == "tong_so_ho"
    assert sheets.key_of("Đơn giá (đồng)") == "don_gia"
    assert sheets.key_of("muc.Số lượng") == "muc.so_luong"


def test_a_cell_location_prints_as_excel_names_it():
    assert str(Location("a.xlsx", 7, 3, "xom")) == "a.xlsx!xom!C7"
    assert str(Location("a.xlsx", 1, 28, "Thông tin")) == "a.xlsx!'Thông tin'!AB1"
    assert str(Location("a.yaml", 7, 3)) == "a.yaml:7:3"


# --- vanban new … --xlsx -----------------------------------------------------------------------------

@pytest.fixture
def office(tmp_path: Path, capsys: pytest.CaptureFixture) -> Workspace:
    from engine.scaffold import Office, init

    init(tmp_path / "tam-dao", Office(name="Ủy ban nhân dân xã Tam Đảo", signers=(("chu_tich", "Lê Văn Hòa", "Chủ tịch"),),
                                      locality_key="thon", localities=("Thôn Đồng Bùa", "Thôn Làng Chanh"), year=2026))
    return Workspace(tmp_path / "tam-dao", capsys)


def new(ws: Workspace, *args: str) -> Path:
    result = ws.run("new", *args, "--nam", "2026", "-C", str(ws.root))
    assert result.code == 0, result.err
    return ws.root / result.out.split()[2].rstrip(":")


def drawing_on(ws: Workspace, kind: str, figures: Path, appendix: str) -> str:
    """A new document of `kind` that names the figures file and prints its phụ lục."""
    document = new(ws, kind)
    with document.open("a", encoding="utf-8") as text:
        text.write(f"so_lieu: {figures.name}\nphu_luc: [{appendix}]\n")
    return document.stem


@pytest.mark.parametrize("kind, document, appendix, shown", [
    ("so-lieu", "quyet-dinh", "chi_tieu_giam_ngheo", "Thôn Làng Chanh"),
    ("so-lieu-giam-ngheo", "quyet-dinh", "chi_tieu_giam_ngheo", "Thôn Đồng Bùa"),
    ("du-toan", "to-trinh", "du_toan_kinh_phi", "1.000.000"),
])
def test_the_excel_template_builds_as_it_is_with_a_document_that_uses_it(office, kind, document, appendix, shown):
    from engine.check import check_document
    from tests.docx_view import open_docx, texts

    figures = new(office, kind, "--xlsx")
    assert figures.suffix == ".xlsx" and figures.parent.name == "2026"
    stem = drawing_on(office, document, figures, appendix)
    result = office.run("build")
    assert result.code == 0, result.err
    built = office.output(f"2026/{stem}.docx")
    assert shown in " ".join(texts(open_docx(built)))
    assert check_document(built) == []


def test_the_excel_template_has_a_guide_a_bold_heading_and_wide_columns(office):
    from openpyxl import load_workbook

    book = load_workbook(new(office, "so-lieu", "--xlsx"))
    assert book.sheetnames == ["_Hướng dẫn", "thong_tin", "thon"]
    hamlets = book["thon"]
    assert [c.value for c in hamlets[1]] == ["ten", "tong_so_ho", "ho_ngheo", "ho_can_ngheo"]
    assert [c.value for c in hamlets[2]] == ["Thôn Đồng Bùa", 100, 5, 3]  # an example row per thôn
    assert all(c.font.bold for c in hamlets[1]) and hamlets.freeze_panes == "A2"
    assert hamlets.column_dimensions["A"].width >= len("Thôn Làng Chanh")
    guide = [row for row in book["_Hướng dẫn"].iter_rows(values_only=True)]
    assert ("thon", "ho_ngheo", "số hộ nghèo đầu năm") in guide
    assert ("thon", "chi_tieu_giam_ho_ngheo", "số hộ: số nguyên, ví dụ 14 hoặc 1.250") in guide  # optional too
    assert book["thong_tin"]["B4"].value == 1 and book["thong_tin"]["B4"].number_format == "0.00"


def test_the_excel_template_is_the_same_file_every_time(office):
    import zipfile

    first = new(office, "du-toan", "--xlsx")
    assert first.read_bytes() == new(office, "du-toan", "du-toan-2", "--xlsx").read_bytes()
    with zipfile.ZipFile(first) as package:  # no clock inside: not in the parts' dates, not in the properties
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "2000-01-01T00:00:00Z</dcterms:modified>" in package.read("docProps/core.xml").decode()


def test_only_a_figures_file_can_be_written_as_excel(office):
    result = office.run("new", "thong-bao", "--xlsx", "-C", str(office.root))
    assert result.code == 1
    assert "--xlsx chỉ dùng cho tệp số liệu" in result.err
    assert not list((office.root / "plans").rglob("thong-bao.*"))


def test_a_key_written_twice_is_refused_where_it_is_written_again(tmp_path):
    path = workbook(tmp_path / "so.xlsx", {"thong_tin": [["nam", 2024], ["chi_tieu.a", 1], ["nam", 2025],
                                                         ["chi_tieu", 2]],
                                           "Năm": [["ten"], ["x"]]})
    errors: list = []
    assert sheets.workbook_node(path, "so.xlsx", errors) is None
    assert [str(e) for e in errors] == [
        "so.xlsx!thong_tin!A3: khóa 'nam' đã có ở ô A1",
        "so.xlsx!thong_tin!A4: khóa 'chi_tieu' đã có khóa con ở ô A2, nên không có giá trị",
        "so.xlsx!Năm!A1: khóa 'nam' đã có ở trang 'thong_tin'; mỗi khóa ghi một lần",
    ]


def test_a_mistake_down_a_long_column_names_its_first_cells_and_counts_the_rest():
    from engine.errors import InputError

    errors = [InputError("cần số", Location("so.xlsx", row, 3, "xom"), f"xom[{row - 1}].ho_ngheo")
              for row in range(2, 14)]
    (said,) = sheets.grouped(errors)
    assert str(said) == ("so.xlsx!xom!C2: xom[1].ho_ngheo: cần số (cùng lỗi ở C3, C4, C5, C6, C7, C8, C9, C10 … "
                         "(11 ô))")
