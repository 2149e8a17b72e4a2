"""Corrections as the Decree provides: đính chính, sửa đổi/bổ sung, thay thế, thu hồi, hủy số — driven by the CLI
in a git workspace: issue an original, draft the correction, build, issue, read the DOCX and the register."""

from __future__ import annotations

import jsonschema
import pytest
import yaml

from tests.conftest import PLAN
from tests.docx_view import open_docx, texts
from tests.test_register import git, register_lines, vanban
from tests.test_scaffold import complete
from tests.test_shared_register import clones, plan, pull  # noqa: F401 - clones is a fixture

DECISION = """\
loai: quyet_dinh
trich_yeu: Về việc thành lập Tổ công tác chuyển đổi số xã
can_cu:
  - Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025
theo_de_nghi: công chức Văn hóa - Xã hội
dieu:
  - Thành lập Tổ công tác chuyển đổi số xã gồm các thành viên có tên tại danh sách kèm theo.
  - Quyết định này có hiệu lực kể từ ngày ký.
  - Văn phòng HĐND và UBND xã và các thành viên Tổ công tác chịu trách nhiệm thi hành Quyết định này.
noi_nhan: [Như Điều 3, Các thành viên Tổ công tác]
luu: VHXH
ky: {nguoi: chu_tich}
"""
AGENCY = "Ủy ban nhân dân xã Kim Liên"
PLAN_CITED = f"Kế hoạch số 01/KH-UBND ngày 10 tháng 3 năm 2026 của {AGENCY} về triển khai công tác chuyển đổi số năm 2026"
# a quyết định of the Chủ tịch (tham_quyen chu_tich, the default) is cited as his, as its authority line reads
DECISION_CITED = (f"Quyết định số 02/QĐ-UBND ngày 12 tháng 3 năm 2026 của Chủ tịch {AGENCY} về việc thành lập Tổ "
                  "công tác chuyển đổi số xã")


@pytest.fixture
def issued(workspace):
    """A git workspace where 01/KH-UBND (10/03/2026) and 02/QĐ-UBND (12/03/2026) are issued."""
    workspace.write("plans/2026/ke-hoach.yaml", PLAN.replace("so: 5\n", "").replace("ngay: 2026-03-10\n", ""))
    workspace.write("plans/2026/quyet-dinh.yaml", DECISION)
    git(workspace.root, "init", "-q")
    git(workspace.root, "config", "user.name", "Văn thư")
    git(workspace.root, "config", "user.email", "vt@xa.vn")
    git(workspace.root, "add", "-A")
    git(workspace.root, "commit", "-qm", "Khởi tạo")
    for name, day in (("ke-hoach", "2026-03-10"), ("quyet-dinh", "2026-03-12")):
        done = workspace.run("issue", str(workspace.root / f"plans/2026/{name}.yaml"), "--ngay", day)
        assert done.code == 0, done.err
    return workspace


def correct(ws, command: str, *args: str):
    return ws.run(command, *args, "--thu-muc", str(ws.root))


def line_of(ws, reference: str) -> list[str]:
    number, symbol = reference.split("/")
    return next(cells for cells in register_lines(ws.root) if cells[:2] == [number, symbol])


CASES = {  # command, original → kind drafted, trích yếu, a line citing the original, Ghi chú of both lines
    "dinh-chinh KH": ("dinh-chinh", "01/KH-UBND", "cong_van",
                      "V/v đính chính Kế hoạch số 01/KH-UBND ngày 10/3/2026",
                      f"{PLAN_CITED} có sai sót trong khâu soạn thảo; {AGENCY} đính chính như sau:",
                      "Đính chính 01/KH-UBND ngày 10/03/2026", "Được đính chính bởi 03/UBND-VHXH"),
    "dinh-chinh QĐ": ("dinh-chinh", "02/QĐ-UBND", "cong_van",  # NĐ30 Điều 18.3: a công văn, even for a quyết định
                      "V/v đính chính Quyết định số 02/QĐ-UBND ngày 12/3/2026",
                      f"{DECISION_CITED} có sai sót trong khâu soạn thảo; {AGENCY} đính chính như sau:",
                      "Đính chính 02/QĐ-UBND ngày 12/03/2026", "Được đính chính bởi 03/UBND-VHXH"),
    "sua-doi QĐ": ("sua-doi", "02/QĐ-UBND", "quyet_dinh",
                   f"Sửa đổi, bổ sung một số điều của Quyết định số 02/QĐ-UBND ngày 12/3/2026 của Chủ tịch {AGENCY}",
                   f"Căn cứ {DECISION_CITED};", "Sửa đổi, bổ sung 02/QĐ-UBND ngày 12/03/2026",
                   "Được sửa đổi, bổ sung bởi 03/QĐ-UBND"),
    "sua-doi KH": ("sua-doi", "01/KH-UBND", "ke_hoach",
                   f"Sửa đổi, bổ sung một số nội dung của Kế hoạch số 01/KH-UBND ngày 10/3/2026 của {AGENCY}",
                   f"Căn cứ {PLAN_CITED}.", "Sửa đổi, bổ sung 01/KH-UBND ngày 10/03/2026",
                   "Được sửa đổi, bổ sung bởi 03/KH-UBND"),
    "thay-the QĐ": ("thay-the", "02/QĐ-UBND", "quyet_dinh", "Về việc thành lập Tổ công tác chuyển đổi số xã",
                    f"Quyết định này có hiệu lực kể từ ngày ký và thay thế {DECISION_CITED}.",
                    "Thay thế 02/QĐ-UBND ngày 12/03/2026", "Bị thay thế bởi 03/QĐ-UBND"),
    "thay-the KH": ("thay-the", "01/KH-UBND", "ke_hoach", "Triển khai công tác chuyển đổi số năm 2026",
                    f"Kế hoạch này thay thế {PLAN_CITED}.", "Thay thế 01/KH-UBND ngày 10/03/2026",
                    "Bị thay thế bởi 03/KH-UBND"),
    "thu-hoi KH": ("thu-hoi", "01/KH-UBND", "quyet_dinh",
                   f"Về việc thu hồi Kế hoạch số 01/KH-UBND ngày 10/3/2026 của {AGENCY}",
                   f"Thu hồi {PLAN_CITED}. Lý do thu hồi: Văn phòng xã (ví dụ: ban hành không đúng thẩm quyền).",
                   "Thu hồi 01/KH-UBND ngày 10/03/2026", "Đã thu hồi theo 03/QĐ-UBND"),
}


@pytest.mark.parametrize("case", CASES)
def test_each_correction_is_a_conformant_document_citing_the_original_and_the_register_links_both(issued, case):
    command, original, kind, summary, citing, note, undergone = CASES[case]
    drafted = correct(issued, command, original)
    assert drafted.code == 0, drafted.err
    draft = next(p for p in (issued.root / "plans/2026").glob("*.yaml") if p.name.startswith(command))
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["loai"] == kind
    assert data["van_ban_goc"]["so"] == original and data["van_ban_goc"]["quan_he"] == command.replace("-", "_")
    assert issued.run("build").code == 0
    done = issued.run("issue", str(complete(draft)), "--ngay", "2026-03-20")
    assert done.code == 0, done.err
    output = issued.root / line_of(issued, line_of_new(issued))[13]
    text = texts(open_docx(output))
    assert summary in text
    assert any(citing in paragraph for paragraph in text)  # a whole paragraph, or an article after "Điều N."
    checked = issued.run("check", str(output))
    assert checked.code == 0, checked.out
    new = line_of(issued, line_of_new(issued))
    assert new[10] == note  # ghi_chu of the correcting document's line
    assert line_of(issued, original)[10] == ""  # the original's line, as git holds it, is not rewritten
    shown = issued.run("register", "--thu-muc", str(issued.root)).out
    assert f"Ghi chú: {undergone}" in shown
    assert f"Ghi chú: {note}" in shown
    assert issued.run("verify", "--thu-muc", str(issued.root)).code == 0


def test_a_letter_of_correction_sends_to_those_it_addresses_as_nhu_tren_not_twice(issued):
    assert correct(issued, "dinh-chinh", "01/KH-UBND").code == 0
    draft = next((issued.root / "plans/2026").glob("dinh-chinh*.yaml"))
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["kinh_gui"] == ["Các phòng chuyên môn thuộc UBND xã"]
    assert data["noi_nhan"] == ["Như trên"]


def line_of_new(ws) -> str:
    last = register_lines(ws.root)[-1]
    return f"{last[0]}/{last[1]}"


def test_an_issued_original_is_found_by_its_source_file_too(issued):
    drafted = correct(issued, "thu-hoi", str(issued.root / "plans/2026/quyet-dinh.yaml"), "--ten", "thu-hoi-qd")
    assert drafted.code == 0, drafted.err
    data = yaml.safe_load((issued.root / "plans/2026/thu-hoi-qd.yaml").read_text(encoding="utf-8"))
    assert data["van_ban_goc"] == {"so": "02/QĐ-UBND", "ngay": data["van_ban_goc"]["ngay"], "quan_he": "thu_hoi"}
    assert str(data["van_ban_goc"]["ngay"]) == "2026-03-12"


@pytest.mark.parametrize("given, message", [
    ("99/KH-UBND", "không có văn bản số 99/KH-UBND trong sổ văn bản đi"),
    ("plans/2026/thong-bao.yaml", "chưa ban hành (không có trong sổ văn bản đi)"),
    ("ke hoach", "không phải số, ký hiệu văn bản"),
])
def test_a_correction_of_what_was_not_issued_is_refused_and_writes_nothing(issued, given, message):
    issued.write("plans/2026/thong-bao.yaml", "loai: thong_bao\n")
    before = sorted(p.name for p in (issued.root / "plans/2026").iterdir())
    target = str(issued.root / given) if given.endswith(".yaml") else given
    refused = correct(issued, "dinh-chinh", target)
    assert refused.code == 1
    assert message in refused.err
    assert "Traceback" not in refused.err
    assert sorted(p.name for p in (issued.root / "plans/2026").iterdir()) == before


@pytest.mark.parametrize("goc, where, message", [
    ("{so: 99/KH-UBND, quan_he: sua_doi}", ":2:", "không có văn bản số 99/KH-UBND trong sổ văn bản đi"),
    ("{so: 01/KH-UBND, quan_he: sua_chua}", ":2:", "(các giá trị hợp lệ: dinh_chinh, sua_doi, thay_the, thu_hoi)"),
    ("{so: mot, quan_he: sua_doi}", ":2:", "cần số, ký hiệu của văn bản gốc dạng 15/KH-UBND"),
    ("{so: 01/KH-UBND, ngay: 2025-03-10, quan_he: sua_doi}", ":2:", "không phải ngày 10/03/2025"),
])
def test_a_wrong_van_ban_goc_is_a_located_vietnamese_error_and_nothing_is_built(issued, goc, where, message):
    issued.write("plans/2026/sai.yaml", PLAN.replace("so: 5\n", f"van_ban_goc: {goc}\n").replace("ngay: 2026-03-10\n", ""))
    before = issued.snapshot()
    built = issued.run("build")
    assert built.code == 1
    assert f"plans/2026/sai.yaml{where}" in built.err and message in built.err
    assert issued.snapshot() == before


def test_a_withdrawn_document_is_not_corrected_again_but_what_corrected_it_still_builds(issued):
    assert correct(issued, "sua-doi", "01/KH-UBND").code == 0
    amending = complete(issued.root / "plans/2026/sua-doi-01-kh-ubnd.yaml")
    assert issued.run("issue", str(amending), "--ngay", "2026-03-15").code == 0
    assert correct(issued, "thu-hoi", "01/KH-UBND").code == 0
    withdrawing = complete(issued.root / "plans/2026/thu-hoi-01-kh-ubnd.yaml")
    assert issued.run("issue", str(withdrawing), "--ngay", "2026-03-16").code == 0
    refused = correct(issued, "dinh-chinh", "01/KH-UBND")
    assert refused.code == 1 and "không còn hiệu lực (Đã thu hồi theo 04/QĐ-UBND)" in refused.err
    assert not (issued.root / "plans/2026/dinh-chinh-01-kh-ubnd.yaml").exists()
    assert issued.run("build").code == 0  # 03/KH-UBND amended it before the withdrawal: still valid
    shown = issued.run("register", "--thu-muc", str(issued.root)).out
    assert "Ghi chú: Được sửa đổi, bổ sung bởi 03/KH-UBND; Đã thu hồi theo 04/QĐ-UBND" in shown


def test_the_editor_schema_knows_van_ban_goc(issued):
    from engine.pipeline.json_schema import build_schema
    from tests.test_editor_schema import _errors

    validator = jsonschema.Draft7Validator(build_schema())
    for command in ("dinh-chinh", "sua-doi", "thay-the", "thu-hoi"):
        assert correct(issued, command, "02/QĐ-UBND").code == 0
    for draft in (issued.root / "plans/2026").glob("*-02-qđ-ubnd.yaml"):
        assert _errors(validator, draft.read_text(encoding="utf-8")) == [], draft.name
    wrong = PLAN.replace("so: 5\n", "van_ban_goc: {so: 01/KH-UBND, quan_he: sua_chua}\n")
    assert _errors(validator, wrong)


# --- hủy số -----------------------------------------------------------------------------------------

def test_a_voided_number_stays_marked_is_never_reused_and_its_file_is_kept(issued):
    voided = correct(issued, "huy-so", "01/KH-UBND", "--ly-do", "Lấy nhầm số, văn bản không phát hành")
    assert voided.code == 0, voided.err
    assert "Đã hủy số 01/KH-UBND" in voided.out
    assert git(issued.root, "log", "-1", "--format=%s").strip() == \
        "Hủy số 01/KH-UBND: Lấy nhầm số, văn bản không phát hành"
    assert git(issued.root, "status", "--porcelain").strip() == ""
    assert (issued.root / "outputs/2026/01-KH-UBND-ke-hoach.docx").exists()
    text = (issued.root / "outputs/so-van-ban-di/2026.tsv").read_text(encoding="utf-8")
    assert text.splitlines()[-1].startswith("#huy_so\t01\tKH-UBND\tchung\t")
    shown = issued.run("register", "--thu-muc", str(issued.root)).out
    assert "Ghi chú: Hủy số: Lấy nhầm số, văn bản không phát hành" in shown
    assert issued.run("verify", "--thu-muc", str(issued.root)).code == 0
    issued.write("plans/2026/ke-hoach-2.yaml", PLAN.replace("so: 5\n", "").replace("ngay: 2026-03-10\n", ""))
    again = issued.run("issue", str(issued.root / "plans/2026/ke-hoach-2.yaml"), "--ngay", "2026-03-20")
    assert again.code == 0 and "Đã ban hành số 03/KH-UBND" in again.out
    twice = correct(issued, "huy-so", "01/KH-UBND", "--ly-do", "lần nữa")
    assert twice.code == 1 and "số 01/KH-UBND đã hủy ngày" in twice.err


def test_the_exports_show_the_void_and_the_relation(issued, tmp_path):
    from openpyxl import load_workbook

    assert correct(issued, "huy-so", "02/QĐ-UBND", "--ly-do", "Ký nhầm").code == 0
    assert correct(issued, "thay-the", "01/KH-UBND").code == 0
    assert issued.run("issue", str(issued.root / "plans/2026/thay-the-01-kh-ubnd.yaml"), "--ngay", "2026-03-20").code == 0
    xlsx, docx = tmp_path / "so.xlsx", tmp_path / "so.docx"
    assert issued.run("register", "--thu-muc", str(issued.root), "--xlsx", str(xlsx), "--docx", str(docx)).code == 0
    notes = [row[7] for row in load_workbook(xlsx).active.iter_rows(min_row=3, values_only=True)]
    assert notes == ["Bị thay thế bởi 03/KH-UBND", "Hủy số: Ký nhầm", "Thay thế 01/KH-UBND ngày 10/03/2026"]
    cells = texts(open_docx(docx))
    assert "Hủy số: Ký nhầm" in " ".join(cells) and "Bị thay thế bởi 03/KH-UBND" in " ".join(cells)


def test_a_void_marker_removed_by_hand_is_found_and_restored(issued):
    assert correct(issued, "huy-so", "01/KH-UBND", "--ly-do", "Lấy nhầm số").code == 0
    path = issued.root / "outputs/so-van-ban-di/2026.tsv"
    original = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in original.splitlines() if not line.startswith("#huy_so")) + "\n",
                    encoding="utf-8")
    checked = issued.run("verify", "--thu-muc", str(issued.root))
    assert checked.code == 1 and "thiếu dòng hủy số 01/KH-UBND đã lưu trong git" in checked.err
    issued.write("plans/2026/ke-hoach-2.yaml", PLAN.replace("so: 5\n", "").replace("ngay: 2026-03-10\n", ""))
    refused = issued.run("issue", str(issued.root / "plans/2026/ke-hoach-2.yaml"))
    assert refused.code == 1 and "thiếu dòng hủy số 01/KH-UBND" in refused.err
    assert issued.run("verify", "--sua", "--thu-muc", str(issued.root)).code == 0
    assert path.read_text(encoding="utf-8") == original


def test_a_void_marker_naming_no_number_is_reported(issued):
    path = issued.root / "outputs/so-van-ban-di/2026.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "#huy_so\t09\tKH-UBND\tchung\t2026-03-20\tnhầm\n",
                    encoding="utf-8")
    checked = issued.run("verify", "--thu-muc", str(issued.root))
    assert checked.code == 1 and "dòng hủy số 09/KH-UBND nhưng sổ năm 2026 không có số đó" in checked.err


def test_a_void_needs_a_reason(issued):
    refused = correct(issued, "huy-so", "01/KH-UBND", "--ly-do", "  ")
    assert refused.code == 1 and "cần ghi lý do hủy số" in refused.err
    assert "#huy_so" not in (issued.root / "outputs/so-van-ban-di/2026.tsv").read_text(encoding="utf-8")


def test_a_void_on_one_pc_reaches_the_shared_register(clones):
    bare, (first, second, _) = clones
    issued = vanban(first, "issue", str(plan(first, "tb", 1)), "--date", "2026-03-12")
    assert issued.returncode == 0, issued.stderr
    pull(second)
    voided = vanban(second, "huy-so", "01/TB-UBND", "--ly-do", "Lấy nhầm số")
    assert voided.returncode == 0, voided.stderr
    assert git(bare, "log", "-1", "--format=%s", "main").strip() == "Hủy số 01/TB-UBND: Lấy nhầm số"
    again = vanban(first, "issue", str(plan(first, "tb-2", 2)), "--date", "2026-03-13")
    assert again.returncode == 0 and "Đã ban hành số 02/TB-UBND" in again.stdout, again.stderr
    shown = vanban(first, "register").stdout
    assert "Ghi chú: Hủy số: Lấy nhầm số" in shown


def test_a_replacement_carries_the_texts_it_issues_and_keeps_its_data_file(sample):
    root = sample.root
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=Văn thư", "-c", "user.email=vt@xa.vn", "commit", "-qm", "Khởi tạo")
    for day, name in (("2024-02-01", "quyet-dinh-ban-hanh-quy-che"), ("2024-02-02", "quyet-dinh-giao-chi-tieu")):
        assert sample.run("issue", str(root / f"plans/2024/{name}.yaml"), "--ngay", day).code == 0
    for number in ("16/QĐ-UBND", "17/QĐ-UBND"):
        done = correct(sample, "thay-the", number)
        assert done.code == 0, done.err
    rules = yaml.safe_load(next((root / "plans").rglob("thay-the-16-*.yaml")).read_text(encoding="utf-8"))
    assert rules["kem_theo"]["loai"] == "quy_che"  # the Quy chế written inline: its issued file stays untouched
    assert (root / "plans/2024/thay-the-17-qđ-ubnd.yaml").exists()  # beside the data file it names
    built = sample.run("build")
    assert built.code == 0, built.err
    for output in (root / "outputs").rglob("thay-the-*.docx"):
        assert sample.run("check", str(output)).code == 0


def test_a_correction_that_never_cites_its_original_gets_a_notice(issued):
    issued.write("plans/2026/khong-dan.yaml", PLAN.replace("so: 5\n", "van_ban_goc: {so: 01/KH-UBND, quan_he: sua_doi}\n")
                 .replace("ngay: 2026-03-10\n", ""))
    built = issued.run("build")
    assert built.code == 0, built.err
    assert ("Lưu ý: plans/2026/khong-dan.yaml:2:14: van_ban_goc: văn bản này sửa đổi, bổ sung văn bản số 01/KH-UBND "
            "nhưng không dẫn số đó") in built.err
    cited = PLAN.replace("so: 5\n", "van_ban_goc: {so: 01/KH-UBND, quan_he: sua_doi}\n").replace(
        "ngay: 2026-03-10\n", "").replace("Nâng cao hiệu quả.", "Sửa đổi mục I của Kế hoạch số 01/KH-UBND.")
    issued.write("plans/2026/khong-dan.yaml", cited)
    assert "không dẫn số đó" not in issued.run("build").err


def test_a_withdrawal_names_the_original_with_the_date_lines_zeros_and_a_deputy_signs_for_the_committee(issued):
    """Modelled on a provincial committee's real decision withdrawing one of its decisions (paraphrased): the date
    in figures keeps the date line's zeros (day 06, month 9 — as issued documents write '06/9'), and a deputy
    signs 'TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH'."""
    issued.write("plans/2026/doi-ten.yaml", DECISION.replace("Về việc thành lập Tổ công tác chuyển đổi số xã",
                                                             "Về việc đổi tên các tổ dân vận")
                 + "tham_quyen: tap_the\n")
    assert issued.run("issue", str(issued.root / "plans/2026/doi-ten.yaml"), "--ngay", "2026-09-06").code == 0
    assert correct(issued, "thu-hoi", "03/QĐ-UBND").code == 0
    draft = next((issued.root / "plans/2026").glob("thu-hoi*.yaml"))
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["trich_yeu"] == f"Về việc thu hồi Quyết định số 03/QĐ-UBND ngày 06/9/2026 của {AGENCY}"
    assert data["tham_quyen"] == "tap_the"
    data["ky"] = {"quyen_han": "TM. KT.", "nguoi": "pho_chu_tich"}
    draft.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = issued.run("issue", str(complete(draft)), "--ngay", "2026-10-06")
    assert done.code == 0, done.err
    output = issued.root / line_of(issued, line_of_new(issued))[13]
    text = texts(open_docx(output))
    assert any(p.startswith("Điều 1. Thu hồi Quyết định số 03/QĐ-UBND ngày 06 tháng 9 năm 2026 của") for p in text)
    assert "TM. ỦY BAN NHÂN DÂN" in text and "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text
    assert issued.run("check", str(output)).code == 0
    assert line_of(issued, line_of_new(issued))[10] == "Thu hồi 03/QĐ-UBND ngày 06/09/2026"  # the register's form


def test_a_decision_of_correction_is_still_drafted_when_the_clerk_asks_for_one(issued):
    """The default follows NĐ30 Điều 18.3 (a công văn); `--loai quyet-dinh` keeps the quyết định form available."""
    assert correct(issued, "dinh-chinh", "02/QĐ-UBND", "--loai", "quyet-dinh").code == 0
    draft = next((issued.root / "plans/2026").glob("dinh-chinh*.yaml"))
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["loai"] == "quyet_dinh"
    assert data["trich_yeu"] == f"Về việc đính chính Quyết định số 02/QĐ-UBND ngày 12/3/2026 của Chủ tịch {AGENCY}"
    assert DECISION_CITED in data["can_cu"]
    assert issued.run("build").code == 0


def test_an_amendment_of_a_decision_that_issued_a_regulation_amends_the_regulation_it_issued(issued):
    """Modelled on a city chairman's real decision amending a regulation issued with an earlier decision
    (paraphrased): the trích yếu and Điều 1 name the regulation 'ban hành kèm theo' the decision, and the
    decision as the Chủ tịch's."""
    issued.write("plans/2026/quy-dinh.yaml", DECISION.replace(
        "Về việc thành lập Tổ công tác chuyển đổi số xã", "Về việc ban hành Quy định đánh giá cán bộ hằng quý")
        + "kem_theo:\n  loai: quy_dinh\n  trich_yeu: Đánh giá cán bộ, công chức hằng quý\n"
          "  noi_dung:\n    - Quy định này áp dụng với cán bộ, công chức xã.\n")
    assert issued.run("issue", str(issued.root / "plans/2026/quy-dinh.yaml"), "--ngay", "2026-03-16").code == 0
    assert correct(issued, "sua-doi", "03/QĐ-UBND").code == 0
    draft = next((issued.root / "plans/2026").glob("sua-doi*.yaml"))
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["trich_yeu"] == ("Sửa đổi, bổ sung một số điều của Quy định đánh giá cán bộ, công chức hằng quý ban "
                                 f"hành kèm theo Quyết định số 03/QĐ-UBND ngày 16/3/2026 của Chủ tịch {AGENCY}")
    assert data["dieu"][0]["dieu"] == ("Sửa đổi, bổ sung một số điều của Quy định đánh giá cán bộ, công chức hằng "
                                       "quý ban hành kèm theo Quyết định số 03/QĐ-UBND như sau:")
    done = issued.run("issue", str(complete(draft)), "--ngay", "2026-03-20")
    assert done.code == 0, done.err
    assert issued.run("check", str(issued.root / line_of(issued, line_of_new(issued))[13])).code == 0


def test_a_decision_of_the_committee_is_cited_as_the_committees(issued):
    issued.write("plans/2026/tap-the.yaml", DECISION + "tham_quyen: tap_the\n")
    assert issued.run("issue", str(issued.root / "plans/2026/tap-the.yaml"), "--ngay", "2026-03-16").code == 0
    assert correct(issued, "sua-doi", "03/QĐ-UBND").code == 0
    data = yaml.safe_load(next((issued.root / "plans/2026").glob("sua-doi*.yaml")).read_text(encoding="utf-8"))
    assert data["trich_yeu"].endswith(f"Quyết định số 03/QĐ-UBND ngày 16/3/2026 của {AGENCY}")


def test_a_void_the_shared_register_refuses_is_taken_back_not_a_traceback(clones):
    bare, (first, _, _) = clones
    assert vanban(first, "issue", str(plan(first, "tb", 1)), "--date", "2026-03-12").returncode == 0
    hook = bare / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    refused = vanban(first, "huy-so", "01/TB-UBND", "--ly-do", "Lấy nhầm số")
    assert refused.returncode != 0 and "Traceback" not in refused.stderr, refused.stderr
    assert "#huy_so" not in (first / "outputs/so-van-ban-di/2026.tsv").read_text(encoding="utf-8")
