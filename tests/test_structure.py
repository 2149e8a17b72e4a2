"""Parts and deep structure (NĐ30 PL I, II.6): Phần with mục restarting at I., Chương / Mục / Điều / khoản /
điểm for a quy chế, titled Điều with numbered khoản in a quyết định — built, opened and checked."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from engine.check import check_document
from tests.conftest import PLAN
from tests.docx_view import find, open_docx, para_value, run_value, texts

BODY_START = PLAN.index("noi_dung:")
TWO_PARTS = PLAN[:BODY_START] + """\
noi_dung:
  - phan: Kết quả thực hiện năm 2025
    noi_dung:
      - muc: Kết quả đạt được
        noi_dung: [Hoàn thành các chỉ tiêu.]
      - muc: Tồn tại, hạn chế
        noi_dung: [Còn chậm.]
  - phan: Nhiệm vụ, giải pháp năm 2026
    noi_dung:
      - muc: Mục tiêu
        noi_dung:
          - muc: Mục tiêu chung
            noi_dung: [Nâng cao hiệu quả.]
      - muc: Tổ chức thực hiện
        noi_dung: [Các thôn triển khai.]
noi_nhan:
  - Các phòng chuyên môn thuộc UBND xã
luu: VHXH
ky:
  quyen_han: TM
  nguoi: chu_tich
"""

QUY_CHE = """\
loai: quy_che
ngay: 2026-04-02
trich_yeu: Làm việc của Ủy ban nhân dân xã Kim Liên
noi_dung:
  - chuong: Quy định chung
    noi_dung:
      - dieu: Phạm vi điều chỉnh
        khoan: Quy chế này quy định nguyên tắc, chế độ trách nhiệm và quan hệ công tác.
      - dieu: Nguyên tắc làm việc
        khoan:
          - Ủy ban nhân dân xã làm việc theo chế độ tập thể.
          - khoan: "Chủ tịch Ủy ban nhân dân xã:"
            diem:
              - Lãnh đạo, điều hành công việc;
              - Phân công các Phó Chủ tịch;
              - Chịu trách nhiệm cá nhân;
              - Ký văn bản;
              - Báo cáo;
  - chuong: Trách nhiệm, phạm vi giải quyết công việc
    noi_dung:
      - muc: Trách nhiệm của Ủy ban nhân dân xã
        noi_dung:
          - dieu: Trách nhiệm của tập thể
            khoan: [Thảo luận tập thể., Quyết định theo đa số.]
      - muc: Trách nhiệm của Chủ tịch
        noi_dung:
          - dieu: Trách nhiệm của Chủ tịch
            khoan: Chỉ đạo, điều hành chung.
noi_nhan: [Các thành viên Ủy ban nhân dân xã]
luu: VP
ky: {quyen_han: TM, nguoi: chu_tich}
"""


def test_each_phan_is_centred_bold_and_its_muc_restart_at_I(workspace):
    workspace.write("plans/2026/ke-hoach.yaml", TWO_PARTS)
    result = workspace.run("build")
    assert result.code == 0, result.err
    doc = open_docx(workspace.output("2026/ke-hoach.docx"))
    body = texts(doc)
    start = body.index("Phần I")
    assert body[start:start + 14] == [
        "Phần I", "KẾT QUẢ THỰC HIỆN NĂM 2025", "I. KẾT QUẢ ĐẠT ĐƯỢC", "Hoàn thành các chỉ tiêu.",
        "II. TỒN TẠI, HẠN CHẾ", "Còn chậm.",
        "Phần II", "NHIỆM VỤ, GIẢI PHÁP NĂM 2026", "I. MỤC TIÊU", "1. Mục tiêu chung", "Nâng cao hiệu quả.",
        "II. TỔ CHỨC THỰC HIỆN", "Các thôn triển khai./.", "Nơi nhận:"][:14]
    for text in ("Phần I", "KẾT QUẢ THỰC HIỆN NĂM 2025", "Phần II"):
        paragraph = find(doc, text)
        assert para_value(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        assert run_value(paragraph, "bold") is True
    assert check_document(workspace.output("2026/ke-hoach.docx")) == []


def test_phan_may_be_numbered_in_words(workspace):
    workspace.write("plans/2026/ke-hoach.yaml", TWO_PARTS.replace("noi_dung:\n  - phan:", "so_phan: chu\nnoi_dung:\n  - phan:", 1))
    assert workspace.run("build").code == 0
    body = texts(open_docx(workspace.output("2026/ke-hoach.docx")))
    assert "Phần thứ nhất" in body and "Phần thứ hai" in body


def test_a_quy_che_numbers_dieu_through_its_chuong(workspace):
    workspace.write("plans/2026/quy-che.yaml", QUY_CHE)
    result = workspace.run("build")
    assert result.code == 0, result.err
    doc = open_docx(workspace.output("2026/quy-che.docx"))
    body = texts(doc)
    start = body.index("Chương I")
    assert body[start:start + 25] == [
        "Chương I", "QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi điều chỉnh", "Quy chế này quy định nguyên tắc, chế độ trách nhiệm và quan hệ công tác.",
        "Điều 2. Nguyên tắc làm việc", "1. Ủy ban nhân dân xã làm việc theo chế độ tập thể.",
        "2. Chủ tịch Ủy ban nhân dân xã:", "a) Lãnh đạo, điều hành công việc;", "b) Phân công các Phó Chủ tịch;",
        "c) Chịu trách nhiệm cá nhân;", "d) Ký văn bản;", "đ) Báo cáo;",
        "Chương II", "TRÁCH NHIỆM, PHẠM VI GIẢI QUYẾT CÔNG VIỆC",
        "Mục 1", "TRÁCH NHIỆM CỦA ỦY BAN NHÂN DÂN XÃ", "Điều 3. Trách nhiệm của tập thể", "1. Thảo luận tập thể.",
        "2. Quyết định theo đa số.", "Mục 2", "TRÁCH NHIỆM CỦA CHỦ TỊCH", "Điều 4. Trách nhiệm của Chủ tịch",
        "Chỉ đạo, điều hành chung./.", "Nơi nhận:", "- Các thành viên Ủy ban nhân dân xã;"]
    titled = find(doc, "Điều 2. Nguyên tắc làm việc")
    assert run_value(titled, "bold") is True
    for text in ("Chương II", "Mục 1", "TRÁCH NHIỆM CỦA CHỦ TỊCH"):
        assert para_value(find(doc, text), "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        assert run_value(find(doc, text), "bold") is True
    assert check_document(workspace.output("2026/quy-che.docx")) == []


DECISION = """\
loai: quyet_dinh
ngay: 2026-03-02
trich_yeu: Về việc giao nhiệm vụ chuyển đổi số
dieu:
  - Giao nhiệm vụ chuyển đổi số năm 2026 cho các thôn.
  - dieu: "Trách nhiệm thực hiện:"
    khoan:
      - Trưởng các thôn tổ chức thực hiện.
      - Công chức Văn hóa - Xã hội theo dõi, tổng hợp.
  - Văn phòng HĐND và UBND xã và các thôn chịu trách nhiệm thi hành Quyết định này.
noi_nhan: [Thường trực Đảng ủy]
luu: VP
ky: {nguoi: chu_tich}
"""


def test_a_decision_article_with_a_title_is_bold_and_numbers_its_khoan(workspace):
    workspace.write("plans/2026/quyet-dinh.yaml", DECISION)
    result = workspace.run("build")
    assert result.code == 0, result.err
    doc = open_docx(workspace.output("2026/quyet-dinh.docx"))
    body = texts(doc)
    start = body.index("Điều 2. Trách nhiệm thực hiện:")
    assert body[start:start + 4] == ["Điều 2. Trách nhiệm thực hiện:", "1. Trưởng các thôn tổ chức thực hiện.",
                                     "2. Công chức Văn hóa - Xã hội theo dõi, tổng hợp.",
                                     "Điều 3. Văn phòng HĐND và UBND xã và các thôn chịu trách nhiệm thi hành Quyết "
                                     "định này./."]
    assert run_value(find(doc, "Điều 2. Trách nhiệm thực hiện:"), "bold") is True
    assert [r.bold for r in find(doc, "Điều 1. Giao nhiệm vụ…").runs if r.text.strip()] == [True, None]
    assert "- Như Điều 3;" in body
    assert check_document(workspace.output("2026/quyet-dinh.docx")) == []


def test_structure_out_of_place_is_refused_with_its_line(workspace):
    bad = PLAN[:BODY_START] + """\
noi_dung:
  - muc: Mục tiêu
    noi_dung:
      - phan: Phần lạc chỗ
        noi_dung: [x]
      - chuong: Chương lạc chỗ
        noi_dung: [x]
  - dieu: Điều một
    khoan:
      - khoan: Khoản một
        noi_dung:
          - dieu: Điều trong khoản
noi_nhan: [X]
luu: VHXH
ky: {quyen_han: TM, nguoi: chu_tich}
"""
    workspace.write("plans/2026/ke-hoach.yaml", bad)
    before = workspace.snapshot()
    result = workspace.run("build")
    assert result.code == 1
    lines = result.err.splitlines()
    assert any(line.startswith("plans/2026/ke-hoach.yaml:11:9: noi_dung[1].noi_dung[1]: phần ('phan') chỉ đặt ở "
                               "cấp ngoài cùng") for line in lines), lines
    assert any(line.startswith("plans/2026/ke-hoach.yaml:13:9: noi_dung[1].noi_dung[2]: chương ('chuong') chỉ đặt")
               for line in lines), lines
    assert any(line.startswith("plans/2026/ke-hoach.yaml:19:13:") and "điều ('dieu') không đặt trong một khoản"
               in line for line in lines), lines
    assert workspace.snapshot() == before


def test_the_sample_workspace_has_a_plan_in_parts_and_a_decision_issuing_a_quy_che(sample):
    assert sample.run("build").code == 0
    plan = texts(open_docx(sample.output("2024/ke-hoach-truyen-thong-giam-ngheo.docx")))
    assert ["Phần thứ nhất", "KẾT QUẢ TRUYỀN THÔNG NĂM 2023", "I. KẾT QUẢ ĐẠT ĐƯỢC"] == plan[
        plan.index("Phần thứ nhất"):plan.index("Phần thứ nhất") + 3]
    assert plan[plan.index("Phần thứ hai") + 2] == "I. MỤC ĐÍCH, YÊU CẦU"
    decision = texts(open_docx(sample.output("2024/quyet-dinh-ban-hanh-quy-che.docx")))
    start = decision.index("QUY CHẾ")
    assert decision[start + 2].startswith("(Ban hành kèm theo Quyết định số      /QĐ-UBND ngày")
    assert decision[start + 3:start + 6] == ["Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi điều chỉnh, đối tượng áp dụng"]
    assert "Điều 6. Sửa đổi, bổ sung" in decision  # Điều run on through the three Chương
    for name in ("ke-hoach-truyen-thong-giam-ngheo", "quyet-dinh-ban-hanh-quy-che"):
        assert check_document(sample.output(f"2024/{name}.docx")) == []
