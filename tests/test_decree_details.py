"""Decree details the field audit found: an advisory body's signature under the agency's seal, a chart
that may not drag the page after it, the recipients list that always ends with the archive line."""

from __future__ import annotations

from engine.check import check_document
from tests.conftest import PLAN, PROFILE
from tests.docx_view import find, open_docx, texts

ADVISORY = PROFILE + """\
co_quan_tu_van:
  ban_chi_dao:
    ten: Ban Chỉ đạo chuyển đổi số
    dong_tieu_de: [BAN CHỈ ĐẠO, CHUYỂN ĐỔI SỐ]
    viet_tat: BCĐ
    tap_the: Ban Chỉ đạo
    chuc_vu: {chu_tich: Trưởng ban, pho_chu_tich: Phó Trưởng ban}
"""


def test_an_advisory_body_under_the_agency_seal_names_the_signers_post_in_the_agency(workspace):
    """NĐ30 PL I, II.7.b: the title in the body, and under the signature the post in the agency."""
    workspace.write("vanban.yaml", ADVISORY)
    workspace.write("plans/2026/ke-hoach.yaml", PLAN.replace("loai: ke_hoach", "loai: ke_hoach\nco_quan: ban_chi_dao"))
    result = workspace.run("build")
    assert result.code == 0, result.err
    body = texts(open_docx(workspace.output("2026/ke-hoach.docx")))
    assert body[-4:] == ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN", "CHỦ TỊCH UBND XÃ", "Nguyễn Văn An"]
    assert "Số: 05/KH-BCĐ" in body


def test_a_document_of_the_agency_itself_has_no_such_line(workspace):
    assert workspace.run("build").code == 0
    assert texts(open_docx(workspace.output("2026/ke-hoach.docx")))[-3:] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                                                                               "Nguyễn Văn An"]


def test_a_chart_does_not_keep_with_the_next_paragraph(sample):
    """A chart kept with the heading after it moved with it and left 43% of the report's first page blank."""
    assert sample.run("build").code == 0
    doc = open_docx(sample.output("2024/bao-cao-ket-qua-giam-ngheo.docx"))
    picture = next(p for p in doc.paragraphs if p._p.xpath(".//w:drawing"))
    assert picture.style.name == "Hình, biểu đồ"
    assert not picture.paragraph_format.keep_with_next and not picture.style.paragraph_format.keep_with_next


def test_an_empty_recipients_list_still_ends_with_the_archive_line(workspace):
    """NĐ30 PL I, II.9: the Văn thư keeps a copy of everything: `- Lưu: VT, …` is never left out."""
    workspace.write("plans/2026/ke-hoach.yaml", PLAN.replace("noi_nhan:\n  - Các phòng chuyên môn thuộc UBND xã\n",
                                                             "noi_nhan: []\n"))
    assert workspace.run("build").code == 0
    doc = open_docx(workspace.output("2026/ke-hoach.docx"))
    assert texts(doc)[texts(doc).index("Nơi nhận:") + 1] == "- Lưu: VT, VHXH."
    assert find(doc, "- Lưu: VT, VHXH.") is not None


def test_check_flags_a_district_addressee_after_the_reform_in_kinh_gui_too(workspace):
    """From 01/7/2025 there is no huyện: a tờ trình of 2026 addressed to one is a finding, Kính gửi included."""
    workspace.write("plans/2026/ke-hoach.yaml", PLAN.replace("loai: ke_hoach", "loai: to_trinh\nkinh_gui: Ủy ban nhân "
                                                             "dân huyện Định Hóa"))
    assert workspace.run("build").code == 0
    found = [v for v in check_document(workspace.output("2026/ke-hoach.docx")) if v.rule == "ND30-DV-1"]
    assert [v.text for v in found] == ["Kính gửi: Ủy ban nhân dân huyện Định Hóa"]


def test_a_build_notices_a_district_addressee_after_the_reform_and_still_builds(workspace):
    workspace.write("plans/2026/ke-hoach.yaml", PLAN.replace("loai: ke_hoach", "loai: to_trinh\nkinh_gui: Ủy ban nhân "
                                                             "dân huyện Định Hóa"))
    result = workspace.run("build")
    assert result.code == 0
    assert ("Lưu ý: plans/2026/ke-hoach.yaml:2:11: kinh_gui: từ 01/7/2025 không còn cấp huyện (Luật 72/2025/QH15); "
            "'Ủy ban nhân dân huyện Định Hóa' không còn để gửi tới") in result.err
    assert workspace.output("2026/ke-hoach.docx").exists()
