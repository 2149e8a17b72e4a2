"""The locality's words (issue 9): what vanban.yaml calls the hamlets (thôn, tổ dân phố …) is what every
poverty title, column header, total row, chart and message says; other levels of agency build their header."""

from __future__ import annotations

import pytest

from engine.check import check_document
from tests.conftest import PLAN, Workspace
from tests.docx_view import all_paragraphs, open_docx, run_value, texts
from tests.test_poverty_documents import table_rows

THON_PROFILE = """\
co_quan:
  ten: Ủy ban nhân dân xã Quỳnh Lâm
  viet_tat: UBND
  dia_danh: Quỳnh Lâm
don_vi:
  VHXH: Công chức Văn hóa - Xã hội
nguoi_ky:
  chu_tich: {ho_ten: Lê Văn Cường, chuc_vu: Chủ tịch}
  pho_chu_tich: {ho_ten: Phan Thị Dung, chuc_vu: Phó Chủ tịch}
thon:
  - Thôn 1
  - Thôn 2
  - Thôn Đông Hòa
"""

# 470 households, 31 poor, 19 near-poor; targets 1,5 % → 8 households and 1 % → 5 households.
FIGURES = """\
loai: so_lieu_giam_ngheo
nam: 2024
chi_tieu_xa:
  giam_ty_le_ho_ngheo: 1,5
  giam_ty_le_ho_can_ngheo: 1
thon:
  - {ten: Thôn 1, tong_so_ho: 200, ho_ngheo: 12, ho_can_ngheo: 8}
  - {ten: Thôn 2, tong_so_ho: 150, ho_ngheo: 9, ho_can_ngheo: 6}
  - {ten: Thôn Đông Hòa, tong_so_ho: 120, ho_ngheo: 10, ho_can_ngheo: 5}
"""

DECISION = """\
loai: quyet_dinh
trich_yeu: Về việc giao chỉ tiêu giảm nghèo năm 2024 cho các thôn
so_lieu: so-lieu-giam-ngheo.yaml
can_cu:
  - Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025
dieu:
  - >-
    Giao chỉ tiêu giảm nghèo năm 2024 cho [so_lieu.so_thon] thôn ([so_lieu.so_dia_ban] địa bàn): giảm
    [so_lieu.chi_tieu_ho_ngheo] hộ nghèo; chỉ tiêu của từng thôn tại Phụ lục kèm theo Quyết định này.
  - Quyết định này có hiệu lực kể từ ngày ký.
  - Công chức Văn hóa - Xã hội và Trưởng các thôn chịu trách nhiệm thi hành Quyết định này.
phu_luc: chi_tieu_giam_ngheo
noi_nhan:
  - Thường trực Đảng ủy
luu: VHXH
ky:
  nguoi: chu_tich
"""

REPORT = """\
loai: bao_cao
trich_yeu: Kết quả thực hiện Chương trình giảm nghèo bền vững năm 2024
so_lieu: so-lieu-giam-ngheo.yaml
kinh_gui: Ủy ban nhân dân tỉnh Nghệ An
ket_qua:
  - {thon: Thôn 1, thoat_ngheo: 3, ngheo_moi: 1, thoat_can_ngheo: 2, can_ngheo_moi: 0}
  - {thon: Thôn 2, thoat_ngheo: 2, ngheo_moi: 0, thoat_can_ngheo: 1, can_ngheo_moi: 1}
  - {thon: Thôn Đông Hòa, thoat_ngheo: 4, ngheo_moi: 0, thoat_can_ngheo: 1, can_ngheo_moi: 0}
noi_dung:
  - muc: Kết quả thực hiện
    noi_dung:
      - >-
        Cuối năm còn [so_lieu.ho_ngheo_cuoi_nam] hộ nghèo, tỷ lệ hộ nghèo giảm [so_lieu.giam_ty_le_ngheo]
        (chỉ tiêu [so_lieu.giam_ty_le_ho_ngheo]), đánh giá: [so_lieu.danh_gia_ngheo].
      - bieu_do: ty_le_ho_ngheo
  - Trên đây là báo cáo kết quả giảm nghèo năm 2024.
phu_luc: ket_qua_giam_ngheo
noi_nhan:
  - Thường trực Đảng ủy
luu: VHXH
ky:
  quyen_han: TM
  nguoi: chu_tich
"""

DATA = "plans/2024/so-lieu-giam-ngheo.yaml"


def poverty_workspace(ws: Workspace, profile: str = THON_PROFILE, figures: str = FIGURES,
                      report: str = REPORT) -> Workspace:
    ws.write("vanban.yaml", profile)
    ws.write(DATA, figures)
    ws.write("plans/2024/quyet-dinh-giao-chi-tieu.yaml", DECISION)
    ws.write("plans/2024/bao-cao-ket-qua.yaml", report)
    return ws


def built_texts(ws: Workspace, name: str) -> list[str]:
    return texts(open_docx(ws.output(f"2024/{name}.docx")))


def every_text(ws: Workspace, name: str) -> str:
    """All paragraph and table-cell text of a built document, in one string."""
    return "\n".join(p.text for p in all_paragraphs(open_docx(ws.output(f"2024/{name}.docx"))))


@pytest.fixture
def thon(workspace: Workspace) -> Workspace:
    poverty_workspace(workspace)
    result = workspace.run("build")
    assert result.code == 0, result.err
    return workspace


# --- a commune whose hamlets are thôn ------------------------------------------------------------

def test_the_decision_says_thon_in_title_header_and_text(thon):
    all_texts = built_texts(thon, "quyet-dinh-giao-chi-tieu")
    assert "CHỈ TIÊU GIẢM NGHÈO NĂM 2024 CỦA CÁC THÔN" in all_texts
    assert any(t.startswith("Điều 1. Giao chỉ tiêu giảm nghèo năm 2024 cho 3 thôn (3 địa bàn): giảm 8 hộ nghèo")
               for t in all_texts)
    rows = table_rows(open_docx(thon.output("2024/quyet-dinh-giao-chi-tieu.docx")).tables[-1])
    assert rows[0][:3] == ["STT", "Thôn", "Tổng số hộ"]
    assert [r[1] for r in rows[2:]] == ["Thôn 1", "Thôn 2", "Thôn Đông Hòa", "Toàn xã"]
    assert rows[-1][:6] == ["", "Toàn xã", "470", "31", "6,60", "8"]


def test_the_report_says_thon_in_titles_headers_and_total_rows(thon):
    doc = open_docx(thon.output("2024/bao-cao-ket-qua.docx"))
    assert "KẾT QUẢ THỰC HIỆN GIẢM NGHÈO NĂM 2024 CỦA CÁC THÔN" in texts(doc)
    for table in doc.tables[-2:]:
        rows = table_rows(table)
        assert rows[0][1] == "Thôn"
        assert rows[-1][1] == "Toàn xã"


@pytest.mark.parametrize("name", ["quyet-dinh-giao-chi-tieu", "bao-cao-ket-qua"])
def test_no_xom_anywhere_in_a_thon_commune(thon, name):
    assert "xóm" not in every_text(thon, name).lower()


def test_a_verdict_quoted_mid_sentence_is_lower_case_and_the_table_keeps_its_capital(thon):
    all_texts = built_texts(thon, "bao-cao-ket-qua")
    # 31 − 9 + 1 = 23 of 470 → 4,89 %: the rate fell 1,70 points against a target of 1,50
    assert "Cuối năm còn 23 hộ nghèo, tỷ lệ hộ nghèo giảm 1,70% (chỉ tiêu 1,50%), đánh giá: đạt." in all_texts
    poor = table_rows(open_docx(thon.output("2024/bao-cao-ket-qua.docx")).tables[-2])
    assert poor[-1][-1] == "Đạt"


def test_the_chart_is_titled_and_labelled_with_thon(thon):
    from tests.test_chart import drawn_chart

    poor = table_rows(open_docx(thon.output("2024/bao-cao-ket-qua.docx")).tables[-2])[2:]
    chart = drawn_chart(thon.output("2024/bao-cao-ket-qua.docx"))
    assert chart.title == "Tỷ lệ hộ nghèo các thôn đầu năm và cuối năm 2024"
    assert [c.replace("\n", " ") for c in chart.categories] == [r[1] for r in poor]
    assert chart.categories == ["Thôn 1", "Thôn 2", "Thôn\nĐông Hòa", "Toàn xã"]  # a long name breaks after `Thôn`
    assert [labels for _, _, labels in chart.series] == [[r[i] for r in poor] for i in (4, 8)]


@pytest.mark.parametrize("name", ["quyet-dinh-giao-chi-tieu", "bao-cao-ket-qua"])
def test_the_thon_documents_pass_the_check(thon, name):
    assert check_document(thon.output(f"2024/{name}.docx")) == []


def test_the_figures_may_list_the_thon_under_xom_with_the_same_result(thon):
    before = {name: thon.output(f"2024/{name}.docx").read_bytes()
              for name in ("quyet-dinh-giao-chi-tieu", "bao-cao-ket-qua")}
    thon.write(DATA, FIGURES.replace("\nthon:\n", "\nxom:\n"))
    thon.write("plans/2024/bao-cao-ket-qua.yaml", REPORT.replace("{thon: ", "{xom: "))
    result = thon.run("build")
    assert result.code == 0, result.err
    assert {name: thon.output(f"2024/{name}.docx").read_bytes() for name in before} == before


# --- messages in the profile's word --------------------------------------------------------------

def test_an_unknown_thon_is_named_with_the_profile_word(workspace):
    poverty_workspace(workspace, figures=FIGURES.replace("ten: Thôn Đông Hòa", "ten: Thôn 9"),
                      report=REPORT.replace("thon: Thôn Đông Hòa", "thon: Thôn 9"))
    before = workspace.snapshot()
    result = workspace.run("build")
    assert result.code == 1
    assert (f"{DATA}:9:11: thon[3].ten: không có thôn 'Thôn 9' trong danh sách thôn của vanban.yaml (khóa 'thon')"
            in result.err)
    assert "xóm" not in result.err
    assert workspace.snapshot() == before


def test_report_messages_say_thon(workspace):
    report = REPORT.replace("{thon: Thôn 2,", "{thon: Thôn 5,").replace("thoat_ngheo: 4,", "thoat_ngheo: 11,")
    poverty_workspace(workspace, report=report)
    result = workspace.run("build")
    assert result.code == 1
    err = result.err
    assert ("plans/2024/bao-cao-ket-qua.yaml:7:12: ket_qua[2].thon: thôn 'Thôn 5' không có trong số liệu giảm nghèo "
            "năm 2024 (chưa được giao chỉ tiêu)") in err
    assert ("plans/2024/bao-cao-ket-qua.yaml:8:40: ket_qua[3].thoat_ngheo: số hộ thoát nghèo (11) lớn hơn số hộ "
            "nghèo đầu năm của thôn (10)") in err
    assert "plans/2024/bao-cao-ket-qua.yaml:6:3: ket_qua: thiếu kết quả của 1 thôn: Thôn 2" in err
    assert "xóm" not in err


def test_a_report_without_results_asks_for_them_per_thon(workspace):
    start, end = REPORT.index("ket_qua:"), REPORT.index("noi_dung:")
    poverty_workspace(workspace, report=REPORT[:start] + REPORT[end:])
    result = workspace.run("build")
    assert "ket_qua: bảng kết quả và biểu đồ cần khóa 'ket_qua' (kết quả giảm nghèo từng thôn)" in result.err


def test_figures_with_both_list_keys_are_refused(workspace):
    both = FIGURES + "xom:\n  - {ten: Thôn 1, tong_so_ho: 200, ho_ngheo: 12, ho_can_ngheo: 8}\n"
    poverty_workspace(workspace, figures=both)
    before = workspace.snapshot()
    result = workspace.run("build")
    assert result.code == 1
    assert (f"{DATA}:10:1: xom: đã có danh sách các thôn ở khóa 'thon' (dòng 6); chỉ dùng một khóa, 'thon' hoặc "
            "'xom'") in result.err
    assert workspace.snapshot() == before


def test_results_mixing_the_list_keys_are_refused(workspace):
    mixed = REPORT.replace("{thon: Thôn 2,", "{xom: Thôn 2,").replace(
        "{thon: Thôn Đông Hòa,", "{thon: Thôn Đông Hòa, xom: Thôn Đông Hòa,")
    poverty_workspace(workspace, report=mixed)
    result = workspace.run("build")
    assert result.code == 1
    err = result.err
    assert ("plans/2024/bao-cao-ket-qua.yaml:7:11: ket_qua[2].xom: các dòng trước ghi tên thôn ở khóa 'thon' "
            "(dòng 6); mọi dòng của ket_qua dùng cùng một khóa") in err
    assert ("plans/2024/bao-cao-ket-qua.yaml:8:27: ket_qua[3].xom: đã có tên thôn ở khóa 'thon' (dòng 8); chỉ dùng "
            "một khóa, 'thon' hoặc 'xom'") in err


def test_a_figures_file_for_hamlets_the_profile_does_not_list(workspace):
    """A body without hamlets: its figures file is refused, located, in the word of the file's own key."""
    workspace.write(DATA, FIGURES)
    result = workspace.run("build")
    assert result.code == 1
    assert (f"{DATA}:7:3: thon: vanban.yaml chưa có danh sách thôn (khóa 'thon'), nên không đối chiếu được tên thôn"
            in result.err)


def test_a_profile_with_two_lists_is_refused(workspace):
    poverty_workspace(workspace, profile=THON_PROFILE + "xom: [Xóm Trại]\n")
    result = workspace.run("build")
    assert result.code == 1
    assert ("vanban.yaml:11:3: thon: vanban.yaml chỉ có một danh sách địa bàn; đã có 'xom' nên không dùng thêm "
            "'thon'") in result.err


# --- a phường and its tổ dân phố --------------------------------------------------------------------

WARD_PROFILE = THON_PROFILE.replace("xã Quỳnh Lâm", "phường Hà Đông").replace("dia_danh: Quỳnh Lâm",
                                                                            "dia_danh: Hà Đông").replace(
    "thon:\n  - Thôn 1\n  - Thôn 2\n  - Thôn Đông Hòa\n",
    "to_dan_pho:\n  - Tổ dân phố 1\n  - Tổ dân phố 2\n  - Tổ dân phố Văn Quán\n")


@pytest.fixture
def ward(workspace: Workspace) -> Workspace:
    names = {"Thôn 1": "Tổ dân phố 1", "Thôn 2": "Tổ dân phố 2", "Thôn Đông Hòa": "Tổ dân phố Văn Quán"}

    def rename(text: str) -> str:
        for old, new in names.items():
            text = text.replace(f"thon: {old},", f"to_dan_pho: {new},").replace(f"ten: {old},", f"ten: {new},")
        return text.replace("\nthon:\n", "\nto_dan_pho:\n")

    poverty_workspace(workspace, WARD_PROFILE, rename(FIGURES), rename(REPORT))
    workspace.write("plans/2024/quyet-dinh-giao-chi-tieu.yaml",
                    DECISION.replace("[so_lieu.so_thon] thôn", "[so_lieu.so_to_dan_pho] tổ dân phố")
                    .replace("các thôn", "các tổ dân phố").replace("từng thôn", "từng tổ dân phố"))
    result = workspace.run("build")
    assert result.code == 0, result.err
    return workspace


def test_a_ward_totals_toan_phuong_under_to_dan_pho(ward):
    decision = open_docx(ward.output("2024/quyet-dinh-giao-chi-tieu.docx"))
    assert "CHỈ TIÊU GIẢM NGHÈO NĂM 2024 CỦA CÁC TỔ DÂN PHỐ" in texts(decision)
    assert any(t.startswith("Điều 1. Giao chỉ tiêu giảm nghèo năm 2024 cho 3 tổ dân phố (3 địa bàn)")
               for t in texts(decision))
    rows = table_rows(decision.tables[-1])
    assert rows[0][1] == "Tổ dân phố" and rows[-1][1] == "Toàn phường"
    report = open_docx(ward.output("2024/bao-cao-ket-qua.docx"))
    assert "KẾT QUẢ THỰC HIỆN GIẢM NGHÈO NĂM 2024 CỦA CÁC TỔ DÂN PHỐ" in texts(report)
    for table in report.tables[-2:]:
        assert table_rows(table)[0][1] == "Tổ dân phố" and table_rows(table)[-1][1] == "Toàn phường"
    for name in ("quyet-dinh-giao-chi-tieu", "bao-cao-ket-qua"):
        assert "xóm" not in every_text(ward, name).lower() and "toàn xã" not in every_text(ward, name).lower()
        assert check_document(ward.output(f"2024/{name}.docx")) == []


# --- the header of other levels ------------------------------------------------------------------

def uy_ban(ws: Workspace, name: str, place: str, date: str = "2026-03-10") -> Workspace:
    """The fixture's plan, issued by `name` on `date` (in the folder of its year)."""
    from tests.conftest import PROFILE

    ws.write("vanban.yaml", PROFILE.replace("ten: Ủy ban nhân dân xã Kim Liên", f"ten: {name}")
             .replace("dia_danh: Kim Liên", f"dia_danh: {place}"))
    if not date.startswith("2026"):
        (ws.root / "plans/2026/ke-hoach.yaml").unlink()
        ws.write(f"plans/{date[:4]}/ke-hoach.yaml", PLAN.replace("2026-03-10", date).replace("năm 2026", f"năm {date[:4]}"))
    return ws


@pytest.mark.parametrize("name, place, date, lines", [
    ("Ủy ban nhân dân tỉnh Nghệ An", "Nghệ An", "2026-03-10", ["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN"]),
    ("Ủy ban nhân dân phường Hà Đông", "Hà Đông", "2026-03-10", ["ỦY BAN NHÂN DÂN", "PHƯỜNG HÀ ĐÔNG"]),
    # there is no district level and no thị trấn from 01/7/2025 (Luật 72/2025/QH15): documents before that
    ("Ủy ban nhân dân huyện Định Hóa", "Định Hóa", "2025-06-30", ["ỦY BAN NHÂN DÂN", "HUYỆN ĐỊNH HÓA"]),
    ("Ủy ban nhân dân thị trấn Đô Lương", "Đô Lương", "2025-06-30", ["ỦY BAN NHÂN DÂN", "THỊ TRẤN ĐÔ LƯƠNG"]),
])
def test_an_uy_ban_of_any_level_heads_its_documents(workspace, name, place, date, lines):
    uy_ban(workspace, name, place, date)
    result = workspace.run("build")
    assert result.code == 0, result.err
    built = workspace.output(f"{date[:4]}/ke-hoach.docx")
    cell = open_docx(built).tables[0].rows[0].cells[0]
    assert [(p.text, run_value(p, "bold")) for p in cell.paragraphs if p.text] == [(line, True) for line in lines]
    day, month = int(date[8:]), int(date[5:7])  # the fixtures' days are 10 and 30, their months 3 and 6
    assert f"{place}, ngày {day} tháng {month} năm {date[:4]}" in texts(open_docx(built))
    assert check_document(built) == []


@pytest.mark.parametrize("name, place", [("Ủy ban nhân dân huyện Định Hóa", "Định Hóa"),
                                         ("Ủy ban nhân dân thị trấn Đô Lương", "Đô Lương")])
def test_build_and_check_agree_on_a_district_or_town_after_the_reform(workspace, name, place):
    """Since 01/7/2025 a huyện or thị trấn issues nothing: the build refuses it, as vanban check would."""
    before = workspace.snapshot() if (workspace.root / "outputs").exists() else {}
    result = uy_ban(workspace, name, place).run("build")
    assert result.code == 1
    assert "plans/2026/ke-hoach.yaml:3:7: ngay: từ 01/7/2025 không còn cấp" in result.err
    assert "(Luật 72/2025/QH15): văn bản ngày 10/03/2026 không ban hành được dưới tên" in result.err
    assert not workspace.output("2026/ke-hoach.docx").exists() and before == {}


DEPARTMENT = """\
co_quan:
  ten: Sở Tài chính
  chu_quan: UBND TỈNH NGHỆ AN
  viet_tat: STC
  dia_danh: Nghệ An
don_vi:
  KHTC: Phòng Kế hoạch - Tài chính
nguoi_ky:
  giam_doc: {ho_ten: Nguyễn Văn An, chuc_vu: Giám đốc}
  pho_giam_doc: {ho_ten: Trần Thị Bình, chuc_vu: Phó Giám đốc}
"""


def test_a_department_without_hamlets_builds_under_its_parent(workspace):
    workspace.write("vanban.yaml", DEPARTMENT)
    workspace.write("plans/2026/ke-hoach.yaml", PLAN.replace("Ủy ban nhân dân xã", "Sở Tài chính")
                    .replace("Các phòng chuyên môn thuộc UBND xã", "Các phòng thuộc Sở").replace("luu: VHXH", "luu: KHTC")
                    .replace("  quyen_han: TM\n  nguoi: chu_tich", "  nguoi: giam_doc"))
    result = workspace.run("build")
    assert result.code == 0, result.err
    doc = open_docx(workspace.output("2026/ke-hoach.docx"))
    cell = doc.tables[0].rows[0].cells[0]
    assert [(p.text, run_value(p, "bold")) for p in cell.paragraphs if p.text] == [
        ("UBND TỈNH NGHỆ AN", False), ("SỞ TÀI CHÍNH", True)]
    all_texts = texts(doc)
    assert "Số: 05/KH-STC" in all_texts and "Nghệ An, ngày 10 tháng 3 năm 2026" in all_texts
    assert all_texts[-2:] == ["GIÁM ĐỐC", "Nguyễn Văn An"]
    assert check_document(workspace.output("2026/ke-hoach.docx")) == []
