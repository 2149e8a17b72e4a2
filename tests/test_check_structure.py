"""`vanban check` on parts and deep structure (NĐ30 PL I, II.6): Phần, Chương, Mục, Điều, khoản, điểm."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from engine.check import RULES, Violation, check_document
from tests.check_fixtures.good_doc import LEFT, Para, Spec, build, heading

INTRO = Para("Ủy ban nhân dân xã Trung Lương báo cáo kết quả thực hiện năm 2024 và nhiệm vụ năm 2025 như sau:")
END = Para("Trên đây là kế hoạch của Ủy ban nhân dân xã Trung Lương, đề nghị các xóm triển khai thực hiện./.")


def bold(words: str) -> Para:
    """A bold body line, indented like a paragraph: a Roman mục heading ("I. MỤC TIÊU"), a khoản with a title."""
    return Para(words, bold=True)


def text(words: str) -> Para:
    return Para(words)


# Two Phần whose mục restart at I., khoản at 1. and điểm at a) (the Decree's phần–mục scheme).
PARTS = (
    INTRO,
    heading("Phần I"), heading("TÌNH HÌNH THỰC HIỆN NĂM 2024"),
    bold("I. KẾT QUẢ ĐẠT ĐƯỢC"),
    bold("1. Về giảm nghèo:"), text("Toàn xã giảm 12 hộ nghèo, đạt chỉ tiêu được giao."),
    bold("2. Về an sinh xã hội:"), text("a) Chi trả trợ cấp đầy đủ, kịp thời;"),
    text("b) Hỗ trợ tiền điện cho hộ nghèo."),
    bold("II. TỒN TẠI, HẠN CHẾ"), text("Một số hộ thoát nghèo chưa bền vững."),
    heading("Phần II"), heading("NHIỆM VỤ NĂM 2025"),
    bold("I. MỤC TIÊU"), text("Giảm tỷ lệ hộ nghèo từ 1,5% trở lên."),
    bold("II. GIẢI PHÁP"),
    text("1. Rà soát hộ nghèo, hộ cận nghèo:"), text("a) Rà soát định kỳ;"), text("b) Rà soát đột xuất."),
    text("2. Hỗ trợ sinh kế:"), text("a) Hỗ trợ giống cây trồng;"), text("b) Hỗ trợ vay vốn."),
    END,
)


def dieu(number: int, title: str, whole_line_bold: bool = True) -> Para:
    """"Điều N. Tên điều" over khoản: the whole line bold (or only the label when whole_line_bold is False)."""
    if whole_line_bold:
        return Para(f"Điều {number}. {title}", bold=True)
    return Para(title, bold_prefix=f"Điều {number}. ")


# A Quy chế in the điều scheme: Chương (Roman), Mục (Arabic, restarting in each chương), Điều running on.
CHAPTERS = (
    heading("Chương I"), heading("QUY ĐỊNH CHUNG"),
    dieu(1, "Phạm vi điều chỉnh"), text("1. Quy chế này quy định việc làm việc của Tổ công tác."),
    text("2. Quy chế áp dụng với các thành viên Tổ công tác."),
    dieu(2, "Nguyên tắc làm việc"), text("1. Làm việc theo chế độ tập thể:"), text("a) Họp định kỳ hằng tháng;"),
    text("b) Họp đột xuất khi cần."), text("2. Đề cao trách nhiệm cá nhân."),
    heading("Chương II"), heading("NHIỆM VỤ, QUYỀN HẠN"),
    heading("Mục 1"), heading("TỔ TRƯỞNG"),
    dieu(3, "Nhiệm vụ của Tổ trưởng"), text("1. Chỉ đạo chung."), text("2. Phân công nhiệm vụ."),
    heading("Mục 2"), heading("THÀNH VIÊN"),
    dieu(4, "Nhiệm vụ của thành viên"), text("1. Thực hiện nhiệm vụ được phân công."),
    text("2. Báo cáo kết quả với Tổ trưởng./."),
)
QUY_CHE = {"kind_name": "QUY CHẾ", "so_text": "Số: 15/QC-UBND"}


def check(tmp_path: Path, body: tuple[Para, ...], **changes) -> list[Violation]:
    path = build(tmp_path / "van-ban.docx", replace(Spec(), body=body, **changes))
    return check_document(path)


def swap(body: tuple[Para, ...], old: str, new: Para | tuple[Para, ...] | None) -> tuple[Para, ...]:
    """The body with the paragraph whose text is `old` replaced by one, several or no paragraphs."""
    assert any(p.text == old for p in body), old
    replacement = () if new is None else (new,) if isinstance(new, Para) else new
    return tuple(q for p in body for q in (replacement if p.text == old else (p,)))


def only(violations: list[Violation], rule: str) -> list[str]:
    """The messages, after asserting every violation is of `rule` with its Decree reference."""
    assert {v.rule for v in violations} == {rule}, [str(v) for v in violations]
    assert all(v.ref == RULES[rule][0] for v in violations)
    return [v.message for v in violations]


# ----- conforming documents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "changes"),
    [
        (PARTS, {}),
        (tuple(replace(p, text=p.text.replace("Phần I", "PHẦN I")) for p in PARTS), {}),
        (swap(swap(PARTS, "Phần I", heading("Phần thứ nhất")), "Phần II", heading("Phần thứ hai")), {}),
        (swap(swap(PARTS, "Phần I", heading("PHẦN THỨ NHẤT")), "Phần II", heading("PHẦN THỨ HAI")), {}),
        (swap(swap(PARTS, "TÌNH HÌNH THỰC HIỆN NĂM 2024", None), "Phần I",
              heading("Phần I\nTÌNH HÌNH THỰC HIỆN NĂM 2024")), {}),
        (CHAPTERS, QUY_CHE),
        ((INTRO, text("Phần lớn các hộ nghèo đã được hỗ trợ vay vốn."), text("Chương trình giảm nghèo bền vững "
          "được triển khai đồng bộ."), text("Phần thứ yếu của kế hoạch là tuyên truyền."),
          text("Mục lục các văn bản kèm theo gồm 3 tài liệu."), text("Chương I của Luật quy định chung."), END), {}),
    ],
    ids=["two-parts", "caps-parts", "ordinal-parts", "caps-ordinal-parts", "line-break-title", "quy-che",
         "phan-lon-chuong-trinh"],
)
def test_conforming_structures_pass(tmp_path: Path, body: tuple[Para, ...], changes: dict) -> None:
    violations = check(tmp_path, body, **changes)
    assert violations == [], [str(v) for v in violations]


def test_an_attached_quy_che_numbers_its_articles_from_1(tmp_path: Path) -> None:
    """A Quyết định's Điều 1-3, then the Quy chế (and Quy định) it issues, after the signature: their Điều start
    again at 1, their headings are checked like the body's."""
    attached = (heading("QUY CHẾ"), heading("Làm việc của Tổ công tác", bold=True), *CHAPTERS)
    violations = check(tmp_path, None, kind="quyet_dinh", so_text="Số: 07/QĐ-UBND", attached=attached)
    assert violations == [], [str(v) for v in violations]
    second = (heading("QUY ĐỊNH"), heading("Chế độ báo cáo của Tổ công tác", bold=False),
              dieu(1, "Kỳ báo cáo"), text("1. Báo cáo tháng."), text("2. Báo cáo năm./."))
    violations = check(tmp_path, None, kind="quyet_dinh", so_text="Số: 07/QĐ-UBND", attached=attached + second)
    assert violations == [], [str(v) for v in violations]  # each attached document numbers its own articles
    attached = swap(attached, "Chương II", Para("Chương II"))
    violations = check(tmp_path, None, kind="quyet_dinh", so_text="Số: 07/QĐ-UBND", attached=attached)
    assert only(violations, "ND30-ND-8") == ["Dòng \"Chương II\" phải căn giữa, đang căn đều hai lề; phải in đậm."]


# ----- ND30-ND-8: Phần / Chương / Mục headings ----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("Phần I", Para("Phần I"), "Dòng \"Phần I\" phải căn giữa, đang căn đều hai lề; phải in đậm."),
        ("Phần II", heading("Phần II", bold=False), "Dòng \"Phần II\" phải in đậm."),
        ("Phần II", heading("Phần II", italic=True), "Dòng \"Phần II\" phải chữ đứng, không nghiêng."),
        ("Phần I", Para("Phần I", bold=True, align=LEFT, indent=False),
         "Dòng \"Phần I\" phải căn giữa, đang căn trái."),
        ("TÌNH HÌNH THỰC HIỆN NĂM 2024", None,
         "thiếu tên phần ngay dưới dòng \"Phần I\" (phần phải có tên, viết chữ in hoa, đậm, căn giữa)."),
        ("NHIỆM VỤ NĂM 2025", Para("Trong năm 2025, xã tập trung các nhiệm vụ sau."),
         "thiếu tên phần ngay dưới dòng \"Phần II\" (phần phải có tên, viết chữ in hoa, đậm, căn giữa)."),
        ("NHIỆM VỤ NĂM 2025", Para("NHIỆM VỤ NĂM 2025", bold=True),
         "Tên phần dưới dòng \"Phần II\" phải căn giữa, đang căn đều hai lề."),
        ("NHIỆM VỤ NĂM 2025", heading("NHIỆM VỤ NĂM 2025", bold=False),
         "Tên phần dưới dòng \"Phần II\" phải in đậm."),
        ("NHIỆM VỤ NĂM 2025", heading("Nhiệm vụ năm 2025"),
         "Tên phần dưới dòng \"Phần II\" phải viết chữ in hoa."),
        ("II. GIẢI PHÁP", bold("II. Giải pháp"), "Dòng mục \"II.\" phải viết chữ in hoa."),
        ("II. GIẢI PHÁP", Para("II. GIẢI PHÁP"), "Dòng mục \"II.\" phải in đậm."),
    ],
    ids=["label-body-paragraph", "label-not-bold", "label-italic", "label-left", "title-missing",
         "title-body-text", "title-not-centred", "title-not-bold", "title-not-caps", "muc-not-caps", "muc-not-bold"],
)
def test_part_heading_layout(tmp_path: Path, old: str, new: Para | None, message: str) -> None:
    assert only(check(tmp_path, swap(PARTS, old, new)), "ND30-ND-8") == [message]


def test_a_title_after_a_line_break_is_checked_as_the_next_line(tmp_path: Path) -> None:
    body = swap(swap(PARTS, "TÌNH HÌNH THỰC HIỆN NĂM 2024", None), "Phần I", heading("Phần I\nTình hình năm 2024"))
    assert only(check(tmp_path, body), "ND30-ND-8") == ["Tên phần dưới dòng \"Phần I\" phải viết chữ in hoa."]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("Chương II", Para("Chương II", bold=True), "Dòng \"Chương II\" phải căn giữa, đang căn đều hai lề."),
        ("TỔ TRƯỞNG", heading("Tổ trưởng"), "Tên mục dưới dòng \"Mục 1\" phải viết chữ in hoa."),
        ("QUY ĐỊNH CHUNG", None, "thiếu tên chương ngay dưới dòng \"Chương I\" (chương phải có tên, viết chữ in "
                                 "hoa, đậm, căn giữa)."),
    ],
    ids=["chuong-not-centred", "muc-title-not-caps", "chuong-title-missing"],
)
def test_chapter_heading_layout(tmp_path: Path, old: str, new: Para | None, message: str) -> None:
    assert only(check(tmp_path, swap(CHAPTERS, old, new), **QUY_CHE), "ND30-ND-8") == [message]


# ----- ND30-ND-9: numbering sequences -------------------------------------------------------------------


def test_phan_numbers_run_on(tmp_path: Path) -> None:
    messages = only(check(tmp_path, swap(PARTS, "Phần II", heading("Phần III"))), "ND30-ND-9")
    assert messages == ["phần đánh số liên tục: sau \"Phần I\" phải là \"Phần II\", đang là \"Phần III\"."]


def test_the_first_phan_is_phan_i(tmp_path: Path) -> None:
    body = swap(swap(PARTS, "Phần II", heading("Phần III")), "Phần I", heading("Phần II"))
    messages = only(check(tmp_path, body), "ND30-ND-9")
    assert messages == ["phần đầu tiên phải là \"Phần I\", đang là \"Phần II\"."]


def test_phan_numbering_styles_are_not_mixed(tmp_path: Path) -> None:
    messages = only(check(tmp_path, swap(PARTS, "Phần II", heading("Phần thứ hai"))), "ND30-ND-9")
    assert messages == ["cách đánh số phần phải thống nhất trong văn bản: đã viết \"Phần I\" thì viết \"Phần II\", "
                        "không viết \"Phần thứ hai\"."]


def test_muc_restart_at_i_in_each_phan(tmp_path: Path) -> None:
    """The audit's case: Phần II's mục go on III., IV. where the Decree restarts them at I."""
    body = swap(swap(PARTS, "I. MỤC TIÊU", bold("III. MỤC TIÊU")), "II. GIẢI PHÁP", bold("IV. GIẢI PHÁP"))
    messages = only(check(tmp_path, body), "ND30-ND-9")
    assert messages == ["mục đầu tiên của \"Phần II\" phải là \"I.\" (đánh số lại từ I trong mỗi phần), "
                        "đang là \"III.\"."]


def test_muc_numbers_have_no_gap(tmp_path: Path) -> None:
    messages = only(check(tmp_path, swap(PARTS, "II. TỒN TẠI, HẠN CHẾ", bold("III. TỒN TẠI, HẠN CHẾ"))), "ND30-ND-9")
    assert messages == ["mục đánh số liên tục: sau \"I.\" phải là \"II.\", đang là \"III.\"."]


def test_chuong_numbers_run_on(tmp_path: Path) -> None:
    messages = only(check(tmp_path, swap(CHAPTERS, "Chương II", heading("Chương III")), **QUY_CHE), "ND30-ND-9")
    assert messages == ["chương đánh số liên tục: sau \"Chương I\" phải là \"Chương II\", đang là \"Chương III\"."]


def test_chuong_takes_roman_numerals(tmp_path: Path) -> None:
    body = swap(swap(CHAPTERS, "Chương I", heading("Chương 1")), "Chương II", heading("Chương 2"))
    messages = only(check(tmp_path, body, **QUY_CHE), "ND30-ND-7")
    assert messages == ["số thứ tự của Chương phải là chữ số La Mã (ví dụ Chương I), đang là \"1\".",
                        "số thứ tự của Chương phải là chữ số La Mã (ví dụ Chương I), đang là \"2\"."]


def test_muc_of_the_dieu_scheme_takes_arabic_numerals(tmp_path: Path) -> None:
    messages = only(check(tmp_path, swap(CHAPTERS, "Mục 1", heading("Mục I")), **QUY_CHE), "ND30-ND-7")
    assert messages == ["số thứ tự của Mục phải là chữ số Ả Rập (Mục 1, Mục 2, …), đang là \"I\"; văn bản chia "
                        "phần, mục thì mục viết \"I. TÊN MỤC\"."]


def test_muc_of_the_dieu_scheme_run_on_within_a_chuong(tmp_path: Path) -> None:
    messages = only(check(tmp_path, swap(CHAPTERS, "Mục 2", heading("Mục 3")), **QUY_CHE), "ND30-ND-9")
    assert messages == ["mục đánh số liên tục: sau \"Mục 1\" phải là \"Mục 2\", đang là \"Mục 3\"."]


def test_dieu_numbers_have_no_gap(tmp_path: Path) -> None:
    body = swap(CHAPTERS, "Điều 4. Nhiệm vụ của thành viên", dieu(5, "Nhiệm vụ của thành viên"))
    messages = only(check(tmp_path, body, **QUY_CHE), "ND30-ND-9")
    assert messages == ["điều đánh số liên tục: sau \"Điều 3\" phải là \"Điều 4\", đang là \"Điều 5\"."]


def test_dieu_numbers_do_not_restart_in_a_new_chuong(tmp_path: Path) -> None:
    body = swap(swap(CHAPTERS, "Điều 3. Nhiệm vụ của Tổ trưởng", dieu(1, "Nhiệm vụ của Tổ trưởng")),
                "Điều 4. Nhiệm vụ của thành viên", dieu(2, "Nhiệm vụ của thành viên"))
    messages = only(check(tmp_path, body, **QUY_CHE), "ND30-ND-9")
    assert messages == ["điều đánh số liên tục trong cả văn bản, không đánh lại ở mỗi chương: sau \"Điều 2\" phải là "
                        "\"Điều 3\", đang là \"Điều 1\"."]


def test_khoan_restart_at_1_in_each_dieu(tmp_path: Path) -> None:
    body = swap(swap(CHAPTERS, "1. Làm việc theo chế độ tập thể:", text("3. Làm việc theo chế độ tập thể:")),
                "2. Đề cao trách nhiệm cá nhân.", text("4. Đề cao trách nhiệm cá nhân."))
    messages = only(check(tmp_path, body, **QUY_CHE), "ND30-ND-9")
    assert messages == ["khoản đầu tiên của \"Điều 2\" phải là \"1.\" (đánh số lại từ 1 trong mỗi điều), "
                        "đang là \"3.\"."]


def test_khoan_numbers_have_no_gap(tmp_path: Path) -> None:
    body = swap(CHAPTERS, "2. Đề cao trách nhiệm cá nhân.", text("3. Đề cao trách nhiệm cá nhân."))
    messages = only(check(tmp_path, body, **QUY_CHE), "ND30-ND-9")
    assert messages == ["khoản đánh số liên tục: sau \"1.\" phải là \"2.\", đang là \"3.\"."]


def test_khoan_restart_in_each_muc_of_the_phan_muc_scheme(tmp_path: Path) -> None:
    body = swap(swap(PARTS, "1. Rà soát hộ nghèo, hộ cận nghèo:", text("3. Rà soát hộ nghèo, hộ cận nghèo:")),
                "2. Hỗ trợ sinh kế:", text("4. Hỗ trợ sinh kế:"))
    messages = only(check(tmp_path, body), "ND30-ND-9")
    assert messages == ["khoản đầu tiên của mục \"II.\" phải là \"1.\" (đánh số lại từ 1 trong mỗi mục), "
                        "đang là \"3.\"."]


# ----- ND30-ND-7: Điều labels and titles, điểm letters --------------------------------------------------


def test_dieu_label_is_bold(tmp_path: Path) -> None:
    body = swap(CHAPTERS, "Điều 1. Phạm vi điều chỉnh", Para("Điều 1. Phạm vi điều chỉnh"))
    assert only(check(tmp_path, body, **QUY_CHE), "ND30-ND-7") == ["\"Điều 1.\" phải in đậm."]


def test_a_dieu_title_over_khoan_is_bold_on_the_whole_line(tmp_path: Path) -> None:
    body = swap(CHAPTERS, "Điều 1. Phạm vi điều chỉnh", dieu(1, "Phạm vi điều chỉnh", whole_line_bold=False))
    messages = only(check(tmp_path, body, **QUY_CHE), "ND30-ND-7")
    assert messages == ["điều có tên và chia khoản: cả dòng \"Điều 1. Phạm vi điều chỉnh\" phải in đậm."]


def test_a_dieu_with_running_text_needs_only_a_bold_label(tmp_path: Path) -> None:
    """Quyết định cá biệt: "Điều 2. Quyết định này có hiệu lực …" — the label alone is bold."""
    body = (dieu(1, "Thành lập Tổ công tác chuyển đổi số xã.", whole_line_bold=False),
            dieu(2, "Trách nhiệm thực hiện:", whole_line_bold=False), text("1. Tổ trưởng phân công nhiệm vụ."),
            text("2. Các thành viên thực hiện nhiệm vụ được giao./."))
    assert check(tmp_path, body, kind="quyet_dinh", so_text="Số: 07/QĐ-UBND") == []


@pytest.mark.parametrize("letter", ["f", "j", "w", "z"])
def test_diem_letters_are_vietnamese(tmp_path: Path, letter: str) -> None:
    body = swap(CHAPTERS, "b) Họp đột xuất khi cần.", text(f"{letter}) Họp đột xuất khi cần."))
    (message,) = only(check(tmp_path, body, **QUY_CHE), "ND30-ND-7")
    assert message.startswith(f"điểm \"{letter})\" không dùng được: thứ tự điểm là a), b), c), d), đ), e), g), … ")


def test_diem_e_right_after_d_skips_dd(tmp_path: Path) -> None:
    points = tuple(text(f"{letter}) Họp khi cần, trường hợp {letter};") for letter in "bcde")
    messages = only(check(tmp_path, swap(CHAPTERS, "b) Họp đột xuất khi cần.", points), **QUY_CHE), "ND30-ND-7")
    assert messages == ["sau điểm \"d)\" phải là điểm \"đ)\", đang là \"e)\"."]


def test_the_rules_are_catalogued_with_the_decree() -> None:
    assert RULES["ND30-ND-8"][0] == "NĐ30 PL I, II.6; Phần I, mục V (6a, 6b)"
    assert RULES["ND30-ND-9"][0] == "NĐ30 PL I, II.6"
