"""The Decree 30 frame of a built Kế hoạch, element by element (NĐ30 PL I; shared/reference/nd30.md §2–§5)."""

from __future__ import annotations

import zipfile

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from engine.nd30.metrics import text_width_mm
from tests.docx_view import (all_paragraphs, bottom_border, find, indents_twips, open_docx, para_value,
                             run_value, texts)

TWIPS_PER_MM = 1440 / 25.4


@pytest.fixture
def built(workspace):
    result = workspace.run("build")
    assert result.code == 0, result.err
    return open_docx(workspace.output("2026/ke-hoach.docx"))


def test_page_is_a4_with_decree_margins(built):
    section = built.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= section.top_margin.mm <= 25 and 20 <= section.bottom_margin.mm <= 25
    assert 30 <= section.left_margin.mm <= 35
    assert 15 <= section.right_margin.mm <= 20


def test_every_run_is_times_new_roman(built):
    for paragraph in all_paragraphs(built):
        if paragraph.text.strip():
            assert run_value(paragraph, "name") == "Times New Roman", paragraph.text


def test_quoc_hieu_and_tieu_ngu(built):
    quoc_hieu = find(built, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert run_value(quoc_hieu, "bold") is True
    assert 12 <= run_value(quoc_hieu, "size") <= 13
    tieu_ngu = find(built, "Độc lập - Tự do - Hạnh phúc")
    assert run_value(tieu_ngu, "bold") is True and not run_value(tieu_ngu, "italic")
    assert 13 <= run_value(tieu_ngu, "size") <= 14
    assert not any(run.font.underline for run in tieu_ngu.runs)


def test_quoc_hieu_fits_its_column_on_one_line(built):
    header = built.tables[0]
    right_width_mm = header.columns[1].width.mm
    quoc_hieu = find(built, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert text_width_mm(quoc_hieu.text, run_value(quoc_hieu, "size"), bold=True) < right_width_mm


def test_tieu_ngu_rule_is_as_long_as_the_text(built):
    header = built.tables[0]
    cell = header.rows[0].cells[1]
    rule = cell.paragraphs[2]
    assert rule.text == "" and bottom_border(rule)
    left, right = indents_twips(rule)
    rule_mm = (header.columns[1].width.mm * TWIPS_PER_MM - left - right) / TWIPS_PER_MM
    tieu_ngu = find(built, "Độc lập - Tự do - Hạnh phúc")
    assert rule_mm == pytest.approx(text_width_mm(tieu_ngu.text, run_value(tieu_ngu, "size"), bold=True), abs=0.3)


def test_agency_block_bold_with_short_centred_rule(built):
    cell = built.tables[0].rows[0].cells[0]
    lines = [p for p in cell.paragraphs if p.text]
    assert [p.text for p in lines] == ["ỦY BAN NHÂN DÂN", "XÃ KIM LIÊN"]
    for p in lines:
        assert run_value(p, "bold") is True and 12 <= run_value(p, "size") <= 13
    rule = cell.paragraphs[-1]
    assert bottom_border(rule)
    left, right = indents_twips(rule)
    assert left == right  # centred
    rule_mm = (built.tables[0].columns[0].width.mm * TWIPS_PER_MM - left - right) / TWIPS_PER_MM
    widest = max(text_width_mm(p.text, 13, bold=True) for p in lines)
    assert widest / 3 <= rule_mm <= widest / 2


def test_number_and_date_line(built):
    so = find(built, "Số: 05/KH-UBND")
    assert run_value(so, "size") == 13 and not run_value(so, "bold")
    date = find(built, "Kim Liên, ngày 10 tháng 3 năm 2026")
    assert run_value(date, "italic") is True and 13 <= run_value(date, "size") <= 14
    assert so._parent is not date._parent and built.tables[0].rows[1].cells[0].paragraphs[0].text == so.text


def test_type_name_and_summary_centred_bold_with_rule(built):
    name = find(built, "KẾ HOẠCH")
    summary = find(built, "Triển khai công tác chuyển đổi số năm 2026")
    for p in (name, summary):
        assert para_value(p, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
        assert run_value(p, "bold") is True and 13 <= run_value(p, "size") <= 14
    body = built.paragraphs
    rule = body[[p._p for p in body].index(summary._p) + 1]
    assert rule.text == "" and bottom_border(rule)


def test_can_cu_italic_then_upright_lead_in(built):
    # NĐ30 PL I, II.6.a: the last căn cứ ends with '.', even when a lead-in sentence follows it.
    can_cu = find(built, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025.")
    assert run_value(can_cu, "italic") is True
    lead = find(built, "Ủy ban nhân dân xã ban hành Kế hoạch như sau:")
    assert not run_value(lead, "italic")


def test_body_paragraph_format(built):
    body = find(built, "Nâng cao hiệu quả.")
    assert para_value(body, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert round(para_value(body, "first_line_indent").cm, 2) in (1.0, 1.27)
    assert para_value(body, "space_after").pt >= 6
    assert 1.0 <= para_value(body, "line_spacing") <= 1.5
    assert 13 <= run_value(body, "size") <= 14


def test_headings_numbered_and_bold(built):
    heading = find(built, "I. MỤC ĐÍCH, YÊU CẦU")
    assert run_value(heading, "bold") is True


def test_body_ends_with_closing_mark(built):
    assert find(built, "Trên đây là Kế hoạch của Ủy ban nhân dân xã./.")


def test_signature_beside_noi_nhan(built):
    table = built.tables[-1]
    left, right = table.rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert run_value(left.paragraphs[0], "size") == 12
    assert run_value(left.paragraphs[0], "bold") is True and run_value(left.paragraphs[0], "italic") is True
    items = [p.text for p in left.paragraphs[1:]]
    assert items == ["- Các phòng chuyên môn thuộc UBND xã;", "- Lưu: VT, VHXH."]
    assert all(run_value(p, "size") == 11 for p in left.paragraphs[1:])
    assert [p.text for p in right.paragraphs] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]
    assert all(run_value(p, "bold") is True and 13 <= run_value(p, "size") <= 14 for p in right.paragraphs)


def test_page_numbers_from_page_two(workspace, built):
    section = built.sections[0]
    assert section.different_first_page_header_footer is True
    assert section.first_page_header.paragraphs[0].text == ""
    with zipfile.ZipFile(workspace.output("2026/ke-hoach.docx")) as z:
        first = section.first_page_header.part.partname.lstrip("/")
        default = section.header.part.partname.lstrip("/")
        assert "PAGE" not in z.read(first).decode()
        assert "PAGE" in z.read(default).decode()
    page_number = section.header.paragraphs[0]
    assert para_value(page_number, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    assert 13 <= run_value(page_number, "size") <= 14


def test_draft_without_number(workspace):
    plan = (workspace.root / "plans/2026/ke-hoach.yaml").read_text(encoding="utf-8")
    workspace.write("plans/2026/ke-hoach.yaml", plan.replace("so: 5\nngay: 2026-03-10\n", ""))
    assert workspace.run("build").code == 0
    doc = open_docx(workspace.output("2026/ke-hoach.docx"))
    assert "Số:      /KH-UBND" in texts(doc)
    assert "Kim Liên, ngày      tháng      năm 2026" in texts(doc)


def test_deep_numbering_follows_vietnamese_letters(workspace):
    items = "\n".join(f"          - muc: Điểm {i}" for i in range(7))
    workspace.write("plans/2026/ke-hoach.yaml", f"""\
loai: ke_hoach
ngay: 2026-02-05
trich_yeu: Thử đánh số
noi_dung:
  - muc: Một
    noi_dung:
      - muc: Hai
        noi_dung:
{items}
      - muc: Ba
        noi_dung:
          - muc: Bốn
            noi_dung:
              - muc: Năm
                noi_dung:
                  - muc: Sáu
                    noi_dung: [Hết]
noi_nhan: [Như trên]
luu: [VP]
ky: {{quyen_han: [TM, KT], nguoi: pho_chu_tich}}
""")
    assert workspace.run("build").code == 0, "build failed"
    doc = open_docx(workspace.output("2026/ke-hoach.docx"))
    labels = [t.split(" ")[0] for t in texts(doc) if " Điểm " in t]
    assert labels == ["a)", "b)", "c)", "d)", "đ)", "e)", "g)"]
    assert {"I. MỘT", "1. Hai", "2. Ba", "a) Bốn", "- Năm", "+ Sáu", "Hết./."} <= set(texts(doc))
    assert "Kim Liên, ngày 05 tháng 02 năm 2026" in texts(doc)
    assert texts(doc)[-3:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Bình"]
    assert "TM. ỦY BAN NHÂN DÂN" in texts(doc)


def test_parent_body_line_upright_above_the_bold_agency(workspace):
    from tests.conftest import PROFILE

    workspace.write("vanban.yaml", PROFILE.replace("  ten: Ủy ban nhân dân xã Kim Liên", "  ten: Phòng Văn hóa - Xã hội\n"
                                                   "  chu_quan: UBND xã Kim Liên"))
    assert workspace.run("build").code == 0
    doc = open_docx(workspace.output("2026/ke-hoach.docx"))
    cell = doc.tables[0].rows[0].cells[0]
    parent, agency = [p for p in cell.paragraphs if p.text]
    assert (parent.text, agency.text) == ("UBND XÃ KIM LIÊN", "PHÒNG VĂN HÓA - XÃ HỘI")
    assert not run_value(parent, "bold") and run_value(agency, "bold") is True


def test_a_plan_quotes_the_figures_it_draws_on(sample):
    sample.write("plans/2024/ke-hoach-2025.yaml", """\
loai: ke_hoach
trich_yeu: Thử trích số liệu
so_lieu: so-lieu-giam-ngheo.yaml
noi_dung:
  - muc: "Chỉ tiêu cụ thể:"
    noi_dung:
      - gach:
          - Giảm tỷ lệ hộ nghèo toàn xã từ [so_lieu.giam_ty_le_ho_ngheo] trở lên;
          - Giảm tỷ lệ hộ cận nghèo từ [so_lieu.giam_ty_le_ho_can_ngheo] trở lên, [giữ nguyên] {{ 7*7 }}.
noi_nhan: [Các xóm]
luu: VHXH
ky: {quyen_han: TM, nguoi: chu_tich}
""")
    assert sample.run("build").code == 0
    built = texts(open_docx(sample.output("2024/ke-hoach-2025.docx")))
    assert "- Giảm tỷ lệ hộ nghèo toàn xã từ 1,52% trở lên;" in built
    assert "- Giảm tỷ lệ hộ cận nghèo từ 1,01% trở lên, [giữ nguyên] {{ 7*7 }}./." in built
