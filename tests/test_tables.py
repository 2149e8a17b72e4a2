"""Tables anywhere (`bang:`): in the body and in a phụ lục, with merged headings, Vietnamese number forms,
a computed total row, a heading row that repeats on each page, and landscape only for a wide phụ lục."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT

from engine.check import check_document
from tests.conftest import PLAN
from tests.docx_view import open_docx, texts
from tests.test_poverty_documents import table_rows

BODY_START = PLAN.index("noi_dung:")
TAIL = PLAN[PLAN.index("noi_nhan:"):]

BUDGET = """\
  - bang: Bảng 1. Kinh phí hỗ trợ theo thôn
    cot:
      - {ten: STT, rong: 12}
      - {ten: Thôn, rong: 45}
      - {ten: Số hộ, kieu: so}
      - {ten: Tỷ lệ (%), kieu: ty_le}
      - {ten: Kinh phí (đồng), kieu: tien, rong: 35}
    nhom_cot:
      - {ten: Hộ được hỗ trợ, cot: [Số hộ, Tỷ lệ (%)]}
    dong:
      - [1, Thôn Đông & <Tây>, 1.250, 1.5, 125000000]
      - [2, "Thôn {{ Bắc }}", 12, "2,345", 9.000.000]
    tong: Tổng cộng
"""


def write(workspace, body: str, extra: str = "") -> None:
    workspace.write("plans/2026/ke-hoach.yaml", PLAN[:BODY_START] + "noi_dung:\n  - Đoạn mở đầu.\n" + body
                    + "  - Đoạn kết thúc.\n" + extra + TAIL)


def test_a_table_in_the_body_with_merged_headings_and_a_total(workspace):
    write(workspace, BUDGET)
    result = workspace.run("build")
    assert result.code == 0, result.err
    doc = open_docx(workspace.output("2026/ke-hoach.docx"))
    data = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]
    assert len(data) == 1
    assert table_rows(data[0]) == [
        ["STT", "Thôn", "Hộ được hỗ trợ", "Kinh phí (đồng)"],
        ["STT", "Thôn", "Số hộ", "Tỷ lệ (%)", "Kinh phí (đồng)"],
        ["1", "Thôn Đông & <Tây>", "1.250", "1,50", "125.000.000"],
        ["2", "Thôn {{ Bắc }}", "12", "2,35", "9.000.000"],
        ["", "Tổng cộng", "1.262", "", "134.000.000"],
    ]
    body = texts(doc)
    assert "Bảng 1. Kinh phí hỗ trợ theo thôn" in body
    assert body.index("Đoạn mở đầu.") < body.index("Bảng 1. Kinh phí hỗ trợ theo thôn") < body.index(
        "Đoạn kết thúc./.")
    heading = data[0].rows[0]._tr
    assert heading.xpath("./w:trPr/w:tblHeader")  # repeats on each page
    assert data[0].rows[2].cells[0].paragraphs[0].style.name == "Bảng - ô số liệu"  # STT centred
    assert data[0].rows[2].cells[1].paragraphs[0].style.name == "Bảng - ô chữ"  # names to the left
    last = data[0].rows[-1].cells[1].paragraphs[0]
    assert last.style.name == "Bảng - dòng tổng, ô chữ"
    assert check_document(workspace.output("2026/ke-hoach.docx")) == []


def test_a_written_phu_luc_holds_any_content_and_turns_landscape_only_when_wide(workspace):
    narrow = """\
  - tieu_de: Danh sách hộ được hỗ trợ
    noi_dung:
      - Danh sách do các thôn lập.
      - bang:
        cot: [STT, Họ và tên chủ hộ, {ten: Số khẩu, kieu: so}]
        dong:
          - [1, Nguyễn Văn A, 4]
          - [2, Lò Thị B, 5]
        tong: {nhan: Cộng, cot: [Số khẩu]}
"""
    wide = """\
  - tieu_de: Bảng theo dõi
    noi_dung:
      - bang:
        cot: [{ten: A, rong: 100}, {ten: B, rong: 100}, {ten: C, rong: 50}]
        dong: [[x, y, z]]
"""
    write(workspace, "", "phu_luc:\n" + narrow + wide)
    result = workspace.run("build")
    assert result.code == 0, result.err
    doc = open_docx(workspace.output("2026/ke-hoach.docx"))
    body = texts(doc)
    start = body.index("Phụ lục I")
    assert body[start:start + 4] == ["Phụ lục I", "DANH SÁCH HỘ ĐƯỢC HỖ TRỢ",
                                     "(Kèm theo Kế hoạch số 05/KH-UBND ngày 10 tháng 3 năm 2026 của Ủy ban nhân dân "
                                     "xã Kim Liên)", "Danh sách do các thôn lập."]
    assert "Phụ lục II" in body
    orientations = [s.orientation for s in doc.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE]
    (listed,) = [t for t in doc.tables if t.rows[0].cells[0].text == "STT"]
    assert table_rows(listed)[-1] == ["", "Cộng", "9"]
    assert check_document(workspace.output("2026/ke-hoach.docx")) == []


def test_every_table_mistake_at_once_with_its_place(workspace):
    bad = """\
  - bang: Sai
    cot: [STT, Tên, {ten: Số hộ, kieu: so}, {ten: Ghi chú}]
    nhom_cot:
      - {ten: Nhóm, cot: [Tên, Ghi chú]}
      - {ten: Nhóm 2, cot: [Số ho]}
    dong:
      - [1, A, 3]
      - [2, B, ba, ""]
    tong: {nhan: Tổng, cot: [Tên]}
  - bangg: Không có khối này
  - bang: Rộng quá
    cot: [{ten: A, rong: 120}, {ten: B, rong: 60}]
    dong: [[x, y]]
"""
    write(workspace, bad)
    before = workspace.snapshot()
    result = workspace.run("build")
    assert result.code == 1
    err = result.err
    for expected in (
        "plans/2026/ke-hoach.yaml:13:9: noi_dung[2].nhom_cot[1]: các cột của một nhóm phải liền nhau",
        "plans/2026/ke-hoach.yaml:14:9: noi_dung[2].nhom_cot[2]: không có cột 'Số ho' trong bảng; có phải ý bạn "
        "là 'Số hộ'?",
        "plans/2026/ke-hoach.yaml:16:9: noi_dung[2].dong[1]: mỗi dòng cần đúng 4 ô (bằng số cột), nhưng dòng này "
        "có 3 ô",
        "plans/2026/ke-hoach.yaml:17:16: noi_dung[2].dong[2][3]: cần một số ở cột 'Số hộ', ví dụ 1.250 hoặc 12,5, "
        "nhưng gặp chuỗi 'ba'",
        "plans/2026/ke-hoach.yaml:18:11: noi_dung[2].tong.cot: cột 'Tên' không cộng được: chỉ cộng cột kiểu 'so' "
        "hoặc 'tien'",
        "plans/2026/ke-hoach.yaml:19:5: noi_dung[3]: không có khối 'bangg'",
        "plans/2026/ke-hoach.yaml:20:5: noi_dung[4]: bảng rộng 180 mm, quá 165 mm của trang; hãy đặt bảng vào phụ "
        "lục (trang ngang, tới 252 mm)",
    ):
        assert expected in err, (expected, err)
    assert workspace.snapshot() == before
