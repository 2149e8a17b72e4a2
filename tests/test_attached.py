"""Texts a quyết định issues (văn bản ban hành kèm theo, NĐ30 Mẫu 1.3): in the same DOCX after the decision,
with their own heading and the `(Ban hành kèm theo …)` line, one number in the register for the pair."""

from __future__ import annotations

import subprocess

import pytest

from engine.check import check_document
from tests.docx_view import find, open_docx, para_value, run_value, texts

PROVINCE = """\
co_quan:
  ten: Ủy ban nhân dân tỉnh Thái Nguyên
  viet_tat: UBND
  dia_danh: Thái Nguyên
don_vi:
  KT: Phòng Kinh tế
nguoi_ky:
  chu_tich: {ho_ten: Trịnh Việt Hùng, chuc_vu: Chủ tịch}
  pho_chu_tich: {ho_ten: Đặng Xuân Trường, chuc_vu: Phó Chủ tịch}
"""

DECISION = """\
loai: quyet_dinh
so: 1373
ngay: 2026-06-12
trich_yeu: Ban hành Kế hoạch thực hiện Chương trình chuyển đổi số tỉnh Thái Nguyên năm 2026
can_cu:
  - Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025
theo_de_nghi: Giám đốc Sở Khoa học và Công nghệ
dieu:
  - Ban hành kèm theo Quyết định này Kế hoạch thực hiện Chương trình chuyển đổi số tỉnh Thái Nguyên năm 2026.
  - Quyết định này có hiệu lực kể từ ngày ký.
  - Chánh Văn phòng Ủy ban nhân dân tỉnh và các sở, ngành chịu trách nhiệm thi hành Quyết định này.
noi_nhan: [Bộ Khoa học và Công nghệ]
luu: KT
ky: {quyen_han: KT, nguoi: pho_chu_tich}
kem_theo:
  - loai: ke_hoach
    trich_yeu: Thực hiện Chương trình chuyển đổi số tỉnh Thái Nguyên năm 2026
    noi_dung:
      - muc: Mục đích, yêu cầu
        noi_dung: [Đẩy mạnh chuyển đổi số.]
      - muc: Tổ chức thực hiện
        noi_dung:
          - Các sở, ngành triển khai.
"""

QUY_CHE = """\
# Văn bản kèm theo quyết định, viết thành tệp riêng (không có số, không có chữ ký)
loai: quy_che
trich_yeu: Làm việc của Tổ công tác chuyển đổi số
noi_dung:
  - chuong: Quy định chung
    noi_dung:
      - dieu: Phạm vi điều chỉnh
        khoan: Quy chế này quy định việc làm việc của Tổ công tác.
"""


@pytest.fixture
def province(workspace):
    workspace.write("vanban.yaml", PROVINCE)
    (workspace.root / "plans/2026/ke-hoach.yaml").unlink()
    workspace.write("plans/2026/quyet-dinh.yaml", DECISION)
    return workspace


def test_the_plan_follows_the_decision_with_its_own_heading(province):
    result = province.run("build")
    assert result.code == 0, result.err
    doc = open_docx(province.output("2026/quyet-dinh.docx"))
    body = texts(doc)
    assert "Số: 1373/QĐ-UBND" in body
    assert body.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 2 and body.count("Số: 1373/QĐ-UBND") == 1
    signature = body.index("Đặng Xuân Trường")
    assert body[signature - 2:signature] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert body[signature + 1:signature + 12] == [
        "ỦY BAN NHÂN DÂN", "TỈNH THÁI NGUYÊN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH", "Thực hiện Chương trình chuyển đổi số tỉnh Thái Nguyên năm 2026",
        "(Ban hành kèm theo Quyết định số 1373/QĐ-UBND ngày 12 tháng 6 năm 2026 của Chủ tịch Ủy ban nhân dân "
        "tỉnh Thái Nguyên)", "I. MỤC ĐÍCH, YÊU CẦU", "Đẩy mạnh chuyển đổi số.", "II. TỔ CHỨC THỰC HIỆN",
        "Các sở, ngành triển khai./."]
    line = find(doc, "(Ban hành kèm theo Quyết định số 1373/QĐ-UBND…")
    assert run_value(line, "italic") is True
    assert str(para_value(line, "alignment")) == "CENTER (1)"
    assert check_document(province.output("2026/quyet-dinh.docx")) == []


def test_the_draft_leaves_number_and_date_blank_in_the_attachment(province):
    province.write("plans/2026/quyet-dinh.yaml", DECISION.replace("so: 1373\nngay: 2026-06-12\n", ""))
    assert province.run("build").code == 0
    body = texts(open_docx(province.output("2026/quyet-dinh.docx")))
    assert ("(Ban hành kèm theo Quyết định số      /QĐ-UBND ngày      tháng      năm 2026 của Chủ tịch Ủy ban "
            "nhân dân tỉnh Thái Nguyên)") in body


def test_issuing_gives_the_pair_one_number(province):
    """Decision 1373 of 12/6/2026, signed on paper, goes into the register once with the plan it issued."""
    subprocess.run(["git", "init", "-q"], cwd=province.root, check=True)
    done = province.run("issue", str(province.root / "plans/2026/quyet-dinh.yaml"))
    assert done.code == 0, done.err
    register = (province.root / "outputs/so-van-ban-di/2026.tsv").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[:3] for line in register if line[:1].isdigit()] == [["1373", "QĐ-UBND", "2026-06-12"]]
    body = texts(open_docx(province.output("2026/1373-QĐ-UBND-quyet-dinh.docx")))
    assert ("(Ban hành kèm theo Quyết định số 1373/QĐ-UBND ngày 12 tháng 6 năm 2026 của Chủ tịch Ủy ban nhân dân "
            "tỉnh Thái Nguyên)") in body
    assert body.count("Số: 1373/QĐ-UBND") == 1


def test_a_draft_issued_from_the_register_fills_the_attachment_line(province):
    subprocess.run(["git", "init", "-q"], cwd=province.root, check=True)
    province.write("plans/2026/quyet-dinh.yaml", DECISION.replace("so: 1373\nngay: 2026-06-12\n", ""))
    done = province.run("issue", str(province.root / "plans/2026/quyet-dinh.yaml"), "--date", "2026-06-12")
    assert done.code == 0, done.err
    body = texts(open_docx(province.output("2026/01-QĐ-UBND-quyet-dinh.docx")))
    assert ("(Ban hành kèm theo Quyết định số 01/QĐ-UBND ngày 12 tháng 6 năm 2026 của Chủ tịch Ủy ban nhân dân "
            "tỉnh Thái Nguyên)") in body


def test_an_attachment_may_be_a_file_of_its_own(province):
    province.write("plans/2026/quy-che-to-cong-tac.yaml", QUY_CHE)
    province.write("plans/2026/quyet-dinh.yaml", DECISION.split("kem_theo:")[0] + "kem_theo: quy-che-to-cong-tac.yaml\n")
    result = province.run("build")
    assert result.code == 0, result.err
    assert not province.output("2026/quy-che-to-cong-tac.docx").exists()
    body = texts(open_docx(province.output("2026/quyet-dinh.docx")))
    start = body.index("QUY CHẾ")
    assert body[start:start + 6] == [
        "QUY CHẾ", "Làm việc của Tổ công tác chuyển đổi số",
        "(Ban hành kèm theo Quyết định số 1373/QĐ-UBND ngày 12 tháng 6 năm 2026 của Chủ tịch Ủy ban nhân dân "
        "tỉnh Thái Nguyên)", "Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi điều chỉnh"]


def test_attachment_mistakes_are_located(province):
    province.write("plans/2026/ke-hoach-rieng.yaml", "loai: ke_hoach\ntrich_yeu: X\nnoi_dung: [Y]\nnoi_nhan: [Z]\n"
                   "luu: KT\nky: {quyen_han: TM, nguoi: chu_tich}\nkem_theo: {loai: quy_che, trich_yeu: A, noi_dung: [B]}\n")
    province.write("plans/2026/quyet-dinh.yaml", DECISION.replace("loai: ke_hoach\n", "loai: cong_van\n")
                   .replace("kem_theo:\n", "kem_theo:\n  - khong-co.yaml\n"))
    result = province.run("build")
    assert result.code == 1
    assert ("plans/2026/ke-hoach-rieng.yaml:7:11: kem_theo: Kế hoạch không ban hành văn bản kèm theo; chỉ quyết "
            "định mới có 'kem_theo' (NĐ30 Mẫu 1.3)") in result.err
    assert ("plans/2026/quyet-dinh.yaml:16:5: kem_theo[1]: không tìm thấy văn bản kèm theo hợp lệ "
            "plans/2026/khong-co.yaml") in result.err
    assert "plans/2026/quyet-dinh.yaml:17:11: kem_theo[2].loai: cần loại văn bản kèm theo" in result.err
