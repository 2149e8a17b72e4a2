"""The other Mẫu 1.4 kinds: Kính gửi for tờ trình and upward báo cáo, Nơi nhận from `- Như trên;`."""

from __future__ import annotations

from tests.conftest import PLAN
from tests.docx_view import find, open_docx, para_value, run_value, texts

TO_TRINH = PLAN.replace("loai: ke_hoach", "loai: to_trinh").replace(
    "trich_yeu: Triển khai công tác chuyển đổi số năm 2026",
    "trich_yeu: Về việc đề nghị phê duyệt kinh phí\nkinh_gui:\n  - Ủy ban nhân dân tỉnh Nghệ An\n  - Sở Tài chính")


def test_to_trinh_with_several_addressees(workspace):
    workspace.write("plans/2026/to-trinh.yaml", TO_TRINH.replace("so: 5", "so: 7"))
    assert workspace.run("build").code == 0
    doc = open_docx(workspace.output("2026/to-trinh.docx"))
    all_texts = texts(doc)
    assert "Số: 07/TTr-UBND" in all_texts and "TỜ TRÌNH" in all_texts
    start = all_texts.index("Kính gửi:")
    assert all_texts[start + 1:start + 3] == ["- Ủy ban nhân dân tỉnh Nghệ An;", "- Sở Tài chính."]
    label, first = find(doc, "Kính gửi:"), find(doc, "- Sở Tài chính.")
    assert para_value(first, "left_indent") > para_value(label, "left_indent")  # dashes under the colon
    left = doc.tables[-1].rows[0].cells[0]
    assert [p.text for p in left.paragraphs[1:3]] == ["- Như trên;", "- Các phòng chuyên môn thuộc UBND xã;"]


def test_bao_cao_with_one_addressee_on_one_line(workspace):
    plan = PLAN.replace("loai: ke_hoach", "loai: bao_cao").replace(
        "noi_nhan:", "kinh_gui: Ủy ban nhân dân tỉnh Nghệ An\nnoi_nhan:")
    workspace.write("plans/2026/ke-hoach.yaml", plan)
    assert workspace.run("build").code == 0
    doc = open_docx(workspace.output("2026/ke-hoach.docx"))
    line = find(doc, "Kính gửi: Ủy ban nhân dân tỉnh Nghệ An")
    assert not run_value(line, "bold") and 13 <= run_value(line, "size") <= 14
    assert "Số: 05/BC-UBND" in texts(doc)


def test_to_trinh_without_addressee_is_refused(workspace):
    workspace.write("plans/2026/ke-hoach.yaml", PLAN.replace("loai: ke_hoach", "loai: to_trinh"))
    result = workspace.run("build")
    assert result.code == 1
    assert "plans/2026/ke-hoach.yaml:1:1: kinh_gui: Tờ trình gửi cấp trên phải có 'kinh_gui'" in result.err


def test_ke_hoach_has_no_kinh_gui(workspace):
    workspace.write("plans/2026/ke-hoach.yaml", PLAN.replace("noi_nhan:", "kinh_gui: Sở Nội vụ\nnoi_nhan:"))
    result = workspace.run("build")
    assert "plans/2026/ke-hoach.yaml:13:11: kinh_gui: Kế hoạch không có phần 'Kính gửi'" in result.err


def test_a_workspace_template_overrides_the_shipped_one(workspace):
    import docx

    custom = docx.Document()
    custom.add_paragraph("Mẫu riêng của xã: {{ trich_yeu }} {{ khong_co }}")
    (workspace.root / "templates/docx").mkdir(parents=True)
    custom.save(workspace.root / "templates/docx/van-ban-co-ten-loai.docx")
    result = workspace.run("build")
    assert result.code == 1
    assert ("plans/2026/ke-hoach.yaml: templates/docx/van-ban-co-ten-loai.docx: mẫu dùng một biến không có "
            "trong dữ liệu văn bản ('khong_co' is undefined)") in result.err
    custom.paragraphs[0].text = "Mẫu riêng của xã: {{ trich_yeu }}"
    custom.save(workspace.root / "templates/docx/van-ban-co-ten-loai.docx")
    assert workspace.run("build").code == 0
    assert texts(open_docx(workspace.output("2026/ke-hoach.docx"))) == [
        "Mẫu riêng của xã: Triển khai công tác chuyển đổi số năm 2026"]
