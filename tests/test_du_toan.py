"""The budget-estimate domain (dự toán kinh phí): a tờ trình quotes its total in figures and words, and
carries its table as a phụ lục; every amount computed, every mistake located."""

from __future__ import annotations

from decimal import Decimal

import pytest

from engine.check import check_document
from engine.domains.du_toan.model import amount, so_luong
from tests.docx_view import open_docx, texts
from tests.test_poverty_documents import table_rows

ESTIMATE = """\
loai: du_toan_kinh_phi
nam: 2026
ten: Dự toán kinh phí tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026
nhom:
  - ten: Khen thưởng
    muc:
      - {noi_dung: Khen thưởng gia đình văn hóa, don_vi_tinh: suất, so_luong: 25, don_gia: 200.000}
      - {noi_dung: Khen thưởng thôn văn hóa, don_vi_tinh: suất, so_luong: 3, don_gia: 1.500.000}
  - ten: Tổ chức
    muc:
      - noi_dung: Nước uống
        don_vi_tinh: thùng
        so_luong: 12,5
        don_gia: 95.000
        ghi_chu: Loại 24 chai & <đá>
"""

TO_TRINH = """\
loai: to_trinh
so: 3
ngay: 2026-10-05
so_lieu: du-toan.yaml
phu_luc: du_toan_kinh_phi
trich_yeu: Về việc đề nghị cấp kinh phí tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2026
kinh_gui: Ủy ban nhân dân tỉnh Nghệ An
noi_dung:
  - "Tổng kinh phí: [so_lieu.tong_tien] đồng (Bằng chữ: [so_lieu.tong_tien_bang_chu]); khen thưởng [so_lieu.tien_nhom_1] đồng."
  - Kính trình Ủy ban nhân dân tỉnh xem xét, quyết định.
noi_nhan: []
luu: VHXH
ky: {quyen_han: TM, nguoi: chu_tich}
"""


@pytest.fixture
def budget(workspace):
    workspace.write("plans/2026/du-toan.yaml", ESTIMATE)
    workspace.write("plans/2026/to-trinh.yaml", TO_TRINH)
    return workspace


def test_the_to_trinh_quotes_the_total_in_figures_and_in_words(budget):
    result = budget.run("build")
    assert result.code == 0, result.err
    doc = texts(open_docx(budget.output("2026/to-trinh.docx")))
    # 25 × 200.000 + 3 × 1.500.000 + 12,5 × 95.000 = 5.000.000 + 4.500.000 + 1.187.500
    assert ("Tổng kinh phí: 10.687.500 đồng (Bằng chữ: Mười triệu sáu trăm tám mươi bảy nghìn năm trăm đồng); "
            "khen thưởng 9.500.000 đồng.") in doc
    start = doc.index("Phụ lục")
    assert doc[start + 1] == "DỰ TOÁN KINH PHÍ TỔ CHỨC NGÀY HỘI ĐẠI ĐOÀN KẾT TOÀN DÂN TỘC NĂM 2026"
    assert doc[start + 2] == ("(Kèm theo Tờ trình số 03/TTr-UBND ngày 05 tháng 10 năm 2026 của Ủy ban nhân dân "
                              "xã Kim Liên)")


def test_the_estimate_table_computes_every_amount(budget):
    assert budget.run("build").code == 0
    (table,) = [t for t in open_docx(budget.output("2026/to-trinh.docx")).tables if "STT" in t.rows[0].cells[0].text]
    assert table_rows(table) == [
        ["STT", "Nội dung", "Đơn vị tính", "Số lượng", "Đơn giá (đồng)", "Thành tiền (đồng)", "Ghi chú"],
        ["I", "Khen thưởng", "", "", "", "9.500.000", ""],
        ["1", "Khen thưởng gia đình văn hóa", "suất", "25", "200.000", "5.000.000", ""],
        ["2", "Khen thưởng thôn văn hóa", "suất", "3", "1.500.000", "4.500.000", ""],
        ["II", "Tổ chức", "", "", "", "1.187.500", ""],
        ["1", "Nước uống", "thùng", "12,5", "95.000", "1.187.500", "Loại 24 chai & <đá>"],
        ["", "Tổng cộng", "", "", "", "10.687.500", ""],
    ]
    bold = [row.cells[1].paragraphs[0].style.name.startswith("Bảng - dòng tổng") for row in table.rows[1:]]
    assert bold == [True, False, False, True, False, True]  # group rows and the total


def test_the_built_to_trinh_passes_the_conformance_check(budget):
    assert budget.run("build").code == 0
    assert check_document(budget.output("2026/to-trinh.docx")) == []


def test_a_typed_amount_that_does_not_add_up_is_located(budget):
    budget.write("plans/2026/du-toan.yaml", ESTIMATE.replace("don_gia: 200.000}", "don_gia: 200.000, thanh_tien: 500.000}"))
    before = budget.snapshot()
    result = budget.run("build")
    assert result.code == 1
    assert ("plans/2026/du-toan.yaml:7:113: nhom[1].muc[1].thanh_tien: cần 5.000.000 (= số lượng × đơn giá), "
            "nhưng gặp 500.000") in result.err
    assert budget.snapshot() == before


def test_every_mistake_in_the_estimate_at_once(budget):
    text = (ESTIMATE.replace("so_luong: 25,", "so_luong: hai lăm,").replace("don_gia: 95.000", "don_gia: 95 nghìn")
            .replace("nam: 2026\n", ""))
    budget.write("plans/2026/du-toan.yaml", text)
    result = budget.run("build")
    assert result.code == 1
    lines = result.err.splitlines()
    assert "plans/2026/du-toan.yaml:1:1: nam: thiếu khóa bắt buộc 'nam' (năm của dự toán, ví dụ 2024)" in lines
    assert any(line.startswith("plans/2026/du-toan.yaml:6:") and "so_luong: cần số lượng, ví dụ 40 hoặc 12,5" in line
               for line in lines)
    assert any(line.startswith("plans/2026/du-toan.yaml:13:") and "don_gia: cần số tiền là số nguyên đồng" in line
               for line in lines)


def test_muc_or_nhom_but_not_both(budget):
    budget.write("plans/2026/du-toan.yaml", ESTIMATE + "muc:\n  - {noi_dung: X, don_vi_tinh: cái, so_luong: 1, don_gia: 1}\n")
    result = budget.run("build")
    assert result.code == 1
    assert "cần đúng một trong hai khóa: 'muc' (các mục chi) hoặc 'nhom' (các nhóm mục chi)" in result.err


def test_a_poverty_appendix_cannot_be_drawn_from_an_estimate(budget):
    budget.write("plans/2026/to-trinh.yaml", TO_TRINH.replace("phu_luc: du_toan_kinh_phi", "phu_luc: chi_tieu_giam_ngheo"))
    result = budget.run("build")
    assert result.code == 1
    assert ("plans/2026/to-trinh.yaml:4:10: so_lieu: không tìm thấy tệp số liệu giảm nghèo hợp lệ "
            "plans/2026/du-toan.yaml (cần 'loai: so_lieu_giam_ngheo')") in result.err


def test_a_wrong_value_name_gets_a_did_you_mean(budget):
    budget.write("plans/2026/to-trinh.yaml", TO_TRINH.replace("[so_lieu.tong_tien]", "[so_lieu.tong_tien_so]"))
    result = budget.run("build")
    assert result.code == 1
    assert "không có giá trị số liệu 'tong_tien_so'; có phải ý bạn là 'tong_tien'?" in result.err


@pytest.mark.parametrize(("quantity", "price", "expected"), [
    (Decimal("12.5"), 95_000, 1_187_500), (Decimal("0.333"), 1_000, 333), (Decimal("0.5"), 1, 1), (Decimal(3), 0, 0),
])
def test_amounts_round_half_up_to_whole_dong(quantity, price, expected):
    assert amount(quantity, price) == expected


def test_quantities_print_the_vietnamese_way():
    assert [so_luong(Decimal(v)) for v in ("1200", "12.5", "12.50", "3")] == ["1.200", "12,5", "12,5", "3"]


def test_the_sample_to_trinh_draws_its_total_from_the_sample_estimate(sample):
    assert sample.run("build").code == 0
    doc = texts(open_docx(sample.output("2024/to-trinh-kinh-phi-ho-tro.docx")))
    assert any("250.000.000 đồng (Bằng chữ: Hai trăm năm mươi triệu đồng)" in t for t in doc)
    assert "DỰ TOÁN KINH PHÍ HỖ TRỢ PHÁT TRIỂN SẢN XUẤT CHO HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2024" in doc
