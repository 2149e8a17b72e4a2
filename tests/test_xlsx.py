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
