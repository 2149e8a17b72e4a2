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


DECISION = """\
loai: quyet_dinh
ngay: 2026-03-02
trich_yeu: Về việc kiện toàn Tổ công tác chuyển đổi số
can_cu:
  - Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025
theo_de_nghi: Trưởng phòng Văn hóa - Xã hội
dieu:
  - dieu: "Kiện toàn Tổ công tác, gồm:"
    noi_dung:
      - gach: [Bà Trần Thị Bình - Tổ trưởng;]
  - Quyết định này có hiệu lực kể từ ngày ký.
  - Văn phòng HĐND và UBND xã và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.
noi_nhan: [Thường trực Đảng ủy, Như Điều 3]
luu: VP
ky: {nguoi: chu_tich}
"""


def test_quyet_dinh_form(workspace):
    workspace.write("plans/2026/quyet-dinh.yaml", DECISION)
    assert workspace.run("build").code == 0
    doc = open_docx(workspace.output("2026/quyet-dinh.docx"))
    all_texts = texts(doc)
    assert "Số:      /QĐ-UBND" in all_texts
    authority = find(doc, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ KIM LIÊN")
    assert run_value(authority, "bold") is True
    start = all_texts.index("CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ KIM LIÊN")
    assert all_texts[start + 1:start + 4] == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.", "QUYẾT ĐỊNH:"]
    article = find(doc, "Điều 1. Kiện toàn Tổ công tác, gồm:")
    assert [r.bold for r in article.runs if r.text.strip()] == [True, None]
    assert [r.text for r in article.runs if r.text][0] == "Điều 1. "
    assert "- Bà Trần Thị Bình - Tổ trưởng;" in all_texts
    assert all_texts[-7:-2] == ["Điều 3. Văn phòng HĐND và UBND xã và các cá nhân có tên tại Điều 1 chịu trách "
                                "nhiệm thi hành Quyết định này./.", "Nơi nhận:", "- Như Điều 3;",
                                "- Thường trực Đảng ủy;", "- Lưu: VT, VP."]
    assert all_texts[-2:] == ["CHỦ TỊCH", "Nguyễn Văn An"]


def test_quyet_dinh_by_the_collective(workspace):
    workspace.write("plans/2026/quyet-dinh.yaml", DECISION.replace("ky: {nguoi: chu_tich}", "tham_quyen: tap_the\n"
                    "ky: {quyen_han: TM, nguoi: chu_tich}"))
    assert workspace.run("build").code == 0
    all_texts = texts(open_docx(workspace.output("2026/quyet-dinh.docx")))
    assert "ỦY BAN NHÂN DÂN XÃ KIM LIÊN" in all_texts
    assert all_texts[-3:] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]


def test_quyet_dinh_keys_are_its_own(workspace):
    workspace.write("plans/2026/quyet-dinh.yaml", DECISION.replace("dieu:", "noi_dung:"))
    result = workspace.run("build")
    assert "plans/2026/quyet-dinh.yaml:7:1: noi_dung: khóa 'noi_dung' không hợp lệ ở đây" in result.err
    assert "dieu: thiếu khóa bắt buộc 'dieu' (các điều của quyết định)" in result.err


def test_cong_van_form(workspace):
    workspace.write("plans/2026/cong-van.yaml", """\
loai: cong_van
so: 12
ngay: 2026-03-05
trich_yeu: triển khai kê khai giá đất năm 2026
kinh_gui: [Các phòng chuyên môn thuộc UBND xã, Trưởng các thôn]
noi_dung:
  - Ủy ban nhân dân xã đề nghị các đơn vị triển khai kê khai.
noi_nhan: [Chủ tịch UBND xã]
luu: VP
ky: {quyen_han: TM, nguoi: chu_tich}
""")
    assert workspace.run("build").code == 0
    doc = open_docx(workspace.output("2026/cong-van.docx"))
    left = doc.tables[0].rows[1].cells[0]
    assert [p.text for p in left.paragraphs] == ["Số: 12/UBND-VP", "V/v triển khai kê khai giá đất năm 2026"]
    vv = left.paragraphs[1]
    assert not run_value(vv, "bold") and 12 <= run_value(vv, "size") <= 13
    assert para_value(vv, "space_before").pt == 6
    all_texts = texts(doc)
    assert "CÔNG VĂN" not in all_texts and not any("CV" in t for t in all_texts)
    assert all_texts[all_texts.index("Kính gửi:") + 1:][:2] == ["- Các phòng chuyên môn thuộc UBND xã;",
                                                               "- Trưởng các thôn."]
    assert "- Như trên;" in all_texts


def test_pdf_without_libreoffice_names_the_package(workspace, monkeypatch):
    monkeypatch.setenv("PATH", str(workspace.root))  # no soffice anywhere on it
    result = workspace.run("build", "--pdf")
    assert result.code == 1
    assert "cần LibreOffice để xuất PDF" in result.err and "libreoffice-writer-nogui" in result.err
    assert not (workspace.root / "outputs/2026").exists()  # nothing written


def test_templates_can_read_amounts_in_words(workspace):
    import docx

    custom = docx.Document()
    custom.add_paragraph("Bằng chữ: {{ 125000000 | doc_tien }}; {{ 2024 | doc_so }}; {{ 1250 | so_nguyen }}")
    (workspace.root / "templates/docx").mkdir(parents=True)
    custom.save(workspace.root / "templates/docx/van-ban-co-ten-loai.docx")
    assert workspace.run("build").code == 0
    assert texts(open_docx(workspace.output("2026/ke-hoach.docx"))) == [
        "Bằng chữ: Một trăm hai mươi lăm triệu đồng; hai nghìn không trăm hai mươi bốn; 1.250"]


def test_an_agency_named_by_its_heads_title_is_not_named_twice_on_the_authority_line(workspace):
    """A real letter of the Prime Minister's (paraphrased in the realdocs check): the agency is 'Thủ tướng Chính phủ'
    and its head the 'Thủ tướng', so a decision's authority line reads 'THỦ TƯỚNG CHÍNH PHỦ', not 'THỦ TƯỚNG THỦ
    TƯỚNG CHÍNH PHỦ'; the header keeps the agency's name."""
    workspace.write("vanban.yaml", """\
co_quan: {ten: Thủ tướng Chính phủ, viet_tat: TTG, dia_danh: Hà Nội}
don_vi: {VP: Vụ Tổng hợp}
nguoi_ky:
  thu_tuong: {ho_ten: Nguyễn Văn An, chuc_vu: Thủ tướng}
  pho_thu_tuong: {ho_ten: Trần Thị Bình, chuc_vu: Phó Thủ tướng}
thu_truong: thu_tuong
""")
    (workspace.root / "plans/2026/ke-hoach.yaml").unlink()
    workspace.write("plans/2026/quyet-dinh.yaml", DECISION.replace("{nguoi: chu_tich}", "{nguoi: thu_tuong}"))
    built = workspace.run("build")
    assert built.code == 0, built.err
    doc = open_docx(workspace.output("2026/quyet-dinh.docx"))
    all_texts = texts(doc)
    assert all_texts[0] == "THỦ TƯỚNG CHÍNH PHỦ"
    assert all_texts.count("THỦ TƯỚNG CHÍNH PHỦ") == 2 and not any("THỦ TƯỚNG THỦ TƯỚNG" in t for t in all_texts)
    assert all_texts[-2:] == ["THỦ TƯỚNG", "Nguyễn Văn An"]


def test_an_abbreviation_the_symbol_carries_must_be_capitals_as_check_reads_it(workspace):
    """The same real letter writes its symbol 'TTg-…' (a Government convention); the Decree writes ký hiệu in
    capitals and `vanban check` flags anything else, so the build refuses what check would reject, with the place."""
    profile = workspace.root / "vanban.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("viet_tat: UBND", "viet_tat: Ubnd"),
                       encoding="utf-8")
    built = workspace.run("build")
    assert built.code == 1
    assert "vanban.yaml:3:13: co_quan.viet_tat: chữ viết tắt 'Ubnd' đi vào ký hiệu văn bản nên phải viết chữ in " \
           "hoa: 'UBND'" in built.err
    assert not list((workspace.root / "outputs").rglob("*.docx"))
