"""Issuing and the register: numbers, frozen outputs, git archive, exports, concurrency and killed processes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.docx_view import open_docx, texts

NOTICE = """\
loai: thong_bao
trich_yeu: Kết luận của Chủ tịch UBND xã tại cuộc họp giao ban tháng 3
noi_dung:
  - Ủy ban nhân dân xã thông báo để các bộ phận biết, thực hiện.
noi_nhan: [Các xóm]
luu: VP
ky: {quyen_han: TM, nguoi: chu_tich}
"""


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(workspace):
    """The fixture workspace as a git repository with one commit; plan 05/KH-UBND of 10/03/2026 not yet in the register."""
    workspace.write("plans/2026/thong-bao.yaml", NOTICE)
    git(workspace.root, "init", "-q")
    git(workspace.root, "add", "-A")
    git(workspace.root, "-c", "user.name=Văn thư", "-c", "user.email=vt@xa.vn", "commit", "-qm", "Khởi tạo")
    return workspace


def vanban(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=root, capture_output=True, text=True,
                          env=full_env)


def register_lines(root: Path, year: int = 2026) -> list[list[str]]:
    text = (root / f"outputs/so-van-ban-di/{year}.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith(("#", "so\t"))]


def test_pre_register_document_keeps_its_number_and_the_next_continues(repo):
    first = repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml"))
    assert first.code == 0, first.err
    assert "Đã ban hành số 05/KH-UBND ngày 10/03/2026: outputs/2026/05-KH-UBND-ke-hoach.docx" in first.out
    second = repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12")
    assert second.code == 0, second.err
    assert "Đã ban hành số 06/TB-UBND ngày 12/03/2026: outputs/2026/06-TB-UBND-thong-bao.docx" in second.out
    lines = register_lines(repo.root)
    assert [line[:4] for line in lines] == [
        ["05", "KH-UBND", "2026-03-10", "chung"], ["06", "TB-UBND", "2026-03-12", "chung"]]
    assert [line[10] for line in lines] == ["vào sổ sau khi đã ban hành trên giấy", ""]  # ghi chú
    doc = texts(open_docx(repo.root / "outputs/2026/06-TB-UBND-thong-bao.docx"))
    assert "Số: 06/TB-UBND" in doc and "Kim Liên, ngày 12 tháng 3 năm 2026" in doc


def test_issue_commits_source_register_and_output_together(repo):
    repo.write("plans/2026/thong-bao.yaml", NOTICE.replace("tháng 3", "tháng 3 năm 2026"))
    done = repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12")
    assert done.code == 0, done.err
    assert "Đã lưu vào lịch sử git" in done.out
    message = git(repo.root, "log", "-1", "--format=%s")
    assert message.strip() == "Ban hành 01/TB-UBND: Kết luận của Chủ tịch UBND xã tại cuộc họp giao ban tháng 3 năm 2026"
    changed = set(git(repo.root, "show", "--name-only", "--format=", "HEAD").split())
    assert {"plans/2026/thong-bao.yaml", "outputs/so-van-ban-di/2026.tsv",
            "outputs/2026/01-TB-UBND-thong-bao.docx", ".gitattributes"} <= changed
    assert git(repo.root, "status", "--porcelain").strip() == ""
    assert "outputs/**/*.docx diff=vanban" in (repo.root / ".gitattributes").read_text()
    diff_driver = git(repo.root, "config", "--get", "diff.vanban.textconv").strip()
    assert diff_driver == "vanban totext"


def test_numbers_follow_dates(repo):
    assert repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml")).code == 0
    refused = repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-09")
    assert refused.code == 1
    assert ("không cấp số được với ngày 09/03/2026: văn bản 05/KH-UBND đã được cấp số ngày 10/03/2026; "
            "số văn bản theo thứ tự thời gian ban hành (NĐ30 Điều 15)") in refused.err
    assert len(register_lines(repo.root)) == 1


def test_issued_document_is_not_issued_twice_nor_rebuilt(repo):
    assert repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12").code == 0
    again = repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"))
    assert again.code == 1 and "văn bản này đã ban hành: số 01/TB-UBND ngày 12/03/2026" in again.err
    archived = (repo.root / "outputs/2026/01-TB-UBND-thong-bao.docx").read_bytes()
    build = repo.run("build")
    assert "  đã ban hành outputs/2026/01-TB-UBND-thong-bao.docx" in build.out
    assert not (repo.root / "outputs/2026/thong-bao.docx").exists()
    assert (repo.root / "outputs/2026/01-TB-UBND-thong-bao.docx").read_bytes() == archived


def test_editing_an_issued_source_is_refused_by_build(repo):
    assert repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12").code == 0
    repo.write("plans/2026/thong-bao.yaml", NOTICE + "# một ghi chú không đổi nội dung\n")
    assert repo.run("build").code == 0
    repo.write("plans/2026/thong-bao.yaml", NOTICE.replace("tháng 3", "tháng 4"))
    result = repo.run("build")
    assert result.code == 1
    assert ("plans/2026/thong-bao.yaml: văn bản 01/TB-UBND ngày 12/03/2026 đã ban hành nên nội dung của nó (tệp "
            "này và tệp số liệu so_lieu nó dùng, nếu có) không được sửa; "
            "muốn thay đổi nội dung thì ban hành văn bản sửa đổi, bổ sung") in result.err


def test_issuing_a_document_with_errors_is_refused(repo):
    repo.write("plans/2026/thong-bao.yaml", NOTICE.replace("luu: VP", "luu: VPP"))
    result = repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"))
    assert result.code == 1 and "plans/2026/thong-bao.yaml:6:6: luu[1]: không có đơn vị 'VPP'" in result.err
    assert not (repo.root / "outputs/so-van-ban-di/2026.tsv").exists()


def test_numbers_restart_on_the_first_of_january(repo):
    repo.write("plans/2026/thong-bao-2.yaml", NOTICE.replace("tháng 3", "tháng 12"))
    assert "số 01/TB-UBND ngày 30/12/2025" in repo.run("issue", str(repo.root / "plans/2026/thong-bao-2.yaml"),
                                                         "--date", "2025-12-30").out
    done = repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-01-02")
    assert "Đã ban hành số 01/TB-UBND ngày 02/01/2026" in done.out
    assert (repo.root / "outputs/so-van-ban-di/2025.tsv").exists()


def test_no_number_is_given_in_advance(repo):
    done = repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2099-01-02")
    assert done.code == 1 and "không cấp số trước cho ngày 02/01/2099" in done.err


def test_a_paper_number_must_agree_with_the_register_dates(repo):
    assert repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12").code == 0
    late = repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml"))  # 05 dated 10/03, after 01 of 12/03
    assert late.code == 1
    assert ("số 05 ngày 10/03/2026 không khớp thứ tự với số 01/TB-UBND ngày 12/03/2026 đã có trong sổ"
            in late.err)


def test_series_can_be_split_by_kind(repo):
    profile = (repo.root / "vanban.yaml").read_text(encoding="utf-8")
    repo.write("vanban.yaml", profile + "so_van_ban:\n  thong_bao: [thong_bao]\n")
    assert repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml")).code == 0
    done = repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-11")
    assert "Đã ban hành số 01/TB-UBND ngày 11/03/2026" in done.out
    assert [line[3] for line in register_lines(repo.root)] == ["chung", "thong_bao"]


def test_without_git_it_still_issues_and_says_nothing_was_archived(workspace):
    workspace.write("plans/2026/thong-bao.yaml", NOTICE)
    done = workspace.run("issue", str(workspace.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12")
    assert done.code == 0
    assert "chưa là kho git nên chưa lưu trữ gì" in done.out
    assert (workspace.root / "outputs/2026/01-TB-UBND-thong-bao.docx").exists()


def test_verify_finds_a_changed_archive(repo):
    assert repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12").code == 0
    ok = repo.run("verify", "--thu-muc", str(repo.root))
    assert ok.code == 0 and "Cả 1 văn bản đã ban hành đều đúng như khi vào sổ." in ok.out
    path = repo.root / "outputs/2026/01-TB-UBND-thong-bao.docx"
    path.write_bytes(path.read_bytes() + b"\0")
    bad = repo.run("verify", "--thu-muc", str(repo.root))
    assert bad.code == 1
    assert ("outputs/2026/01-TB-UBND-thong-bao.docx: tệp của văn bản 01/TB-UBND đã bị sửa sau khi ban hành"
            in bad.err)


def test_a_hand_broken_register_is_reported_with_its_line(repo):
    assert repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml")).code == 0
    path = repo.root / "outputs/so-van-ban-di/2026.tsv"
    path.write_text(path.read_text(encoding="utf-8").replace("\t2026-03-10\t", "\t10/03/2026\t"), encoding="utf-8")
    result = repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"))
    assert result.code == 1
    assert ("outputs/so-van-ban-di/2026.tsv:4: cột 'ngay' cần một ngày dạng 2024-01-09, nhưng gặp '10/03/2026'"
            in result.err)


def test_register_exports_in_the_decree_layout(repo, tmp_path):
    from openpyxl import load_workbook

    assert repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml")).code == 0
    assert repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12").code == 0
    printed = repo.run("register", "--thu-muc", str(repo.root))
    assert printed.out.splitlines()[0].startswith("05/KH-UBND       10/03/2026  Kế hoạch: Triển khai")
    xlsx, docx_path = tmp_path / "so.xlsx", tmp_path / "so.docx"
    done = repo.run("register", "--thu-muc", str(repo.root), "--year", "2026", "--xlsx", str(xlsx),
                    "--docx", str(docx_path))
    assert done.code == 0
    sheet = load_workbook(xlsx).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2026"
    assert values[1] == ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
                         "Người ký", "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ghi chú"]
    # Issue 11: the date is a real date (Excel sorts and filters it), shown as 10/03/2026.
    assert values[2][:4] == ["05/KH-UBND", dt.datetime(2026, 3, 10), "Kế hoạch: Triển khai công tác chuyển đổi số "
                             "năm 2026", "Nguyễn Văn An"]
    assert sheet["B3"].number_format == "dd/mm/yyyy"
    assert values[3][0] == "06/TB-UBND" and values[3][5] == "VT, VP"
    table = open_docx(docx_path).tables[0]
    assert [c.text for c in table.rows[0].cells][0] == "Số, ký hiệu văn bản"
    assert [c.text for c in table.rows[2].cells][:2] == ["06/TB-UBND", "12/03/2026"]


def test_totext_shows_the_document_text(repo):
    assert repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml")).code == 0
    text = vanban(repo.root, "totext", "outputs/2026/05-KH-UBND-ke-hoach.docx").stdout
    assert "Số: 05/KH-UBND\nKim Liên, ngày 10 tháng 3 năm 2026\nKẾ HOẠCH" in text


def test_two_issues_at_once_get_consecutive_numbers(repo):
    repo.write("plans/2026/thong-bao-2.yaml", NOTICE.replace("tháng 3", "tháng 4"))
    git(repo.root, "add", "-A")
    git(repo.root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "thêm")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    runs = [subprocess.Popen([sys.executable, "-m", "engine", "issue", f"plans/2026/{name}.yaml", "--date",
                              "2026-04-01"], cwd=repo.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for name in ("thong-bao", "thong-bao-2")]
    results = [r.communicate(timeout=60) + (r.returncode,) for r in runs]
    assert [code for _, _, code in results] == [0, 0], results
    numbers = sorted(line[0] for line in register_lines(repo.root))
    assert numbers == ["01", "02"]
    log = git(repo.root, "log", "--format=%s").splitlines()
    assert sum(line.startswith("Ban hành ") for line in log) == 2


@pytest.mark.parametrize("step", ["da-khoa", "da-ghi-van-ban", "da-ghi-so"])
def test_a_killed_issue_leaves_the_register_consistent(repo, tmp_path, step):
    marker = tmp_path / "dung"
    env = {**os.environ, "PYTHONPATH": str(REPO), "VANBAN_TEST_PAUSE": step, "VANBAN_TEST_PAUSE_FILE": str(marker)}
    process = subprocess.Popen([sys.executable, "-m", "engine", "issue", "plans/2026/thong-bao.yaml", "--date",
                                "2026-03-09"], cwd=repo.root, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the process never reached the step"
    process.send_signal(signal.SIGKILL)
    process.wait()

    recorded = register_lines(repo.root) if (repo.root / "outputs/so-van-ban-di/2026.tsv").exists() else []
    output = repo.root / "outputs/2026/01-TB-UBND-thong-bao.docx"
    if step == "da-ghi-so":
        assert [line[0] for line in recorded] == ["01"] and output.exists()  # recorded with its output
    else:
        assert recorded == []  # not recorded at all (a stray output file is cleaned by the next issue)

    again = vanban(repo.root, "issue", "plans/2026/thong-bao.yaml", "--date", "2026-03-09")
    if step == "da-ghi-so":
        assert again.returncode == 1 and "văn bản này đã ban hành: số 01/TB-UBND" in again.stderr
    else:
        assert again.returncode == 0, again.stderr
        assert "Đã ban hành số 01/TB-UBND" in again.stdout
    nxt = vanban(repo.root, "issue", "plans/2026/ke-hoach.yaml")
    assert nxt.returncode == 0, nxt.stderr
    assert [line[0] for line in register_lines(repo.root)] == ["01", "05"]
    assert vanban(repo.root, "verify").returncode == 0


ADVISORY = """\
co_quan_tu_van:
  ban_chi_dao:
    ten: Ban Chỉ đạo chuyển đổi số
    dong_tieu_de: [BAN CHỈ ĐẠO, CHUYỂN ĐỔI SỐ]
    viet_tat: BCĐ
    tap_the: Ban Chỉ đạo
    chuc_vu: {chu_tich: Trưởng ban}
"""


def test_an_advisory_body_has_its_own_header_symbol_and_series(repo):
    profile = (repo.root / "vanban.yaml").read_text(encoding="utf-8")
    repo.write("vanban.yaml", profile + ADVISORY)
    repo.write("plans/2026/bcd.yaml", NOTICE.replace("loai: thong_bao", "loai: thong_bao\nco_quan: ban_chi_dao"))
    assert repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml")).code == 0
    done = repo.run("issue", str(repo.root / "plans/2026/bcd.yaml"), "--date", "2026-03-11")
    assert "Đã ban hành số 01/TB-BCĐ ngày 11/03/2026" in done.out, done.err
    assert [line[:4] for line in register_lines(repo.root)] == [
        ["01", "TB-BCĐ", "2026-03-11", "ban_chi_dao"], ["05", "KH-UBND", "2026-03-10", "chung"]]
    doc = texts(open_docx(repo.root / "outputs/2026/01-TB-BCĐ-bcd.docx"))
    assert doc[:3] == ["UBND XÃ KIM LIÊN", "BAN CHỈ ĐẠO", "CHUYỂN ĐỔI SỐ"]
    # Under the Ủy ban's seal, the signer's post in the Ủy ban stands under the signature (NĐ30 PL I, II.7.b).
    assert doc[-4:] == ["TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN", "CHỦ TỊCH UBND XÃ", "Nguyễn Văn An"]


def test_an_agency_line_too_long_for_its_column_is_refused(repo):
    profile = (repo.root / "vanban.yaml").read_text(encoding="utf-8")
    repo.write("vanban.yaml", profile + ADVISORY.replace("[BAN CHỈ ĐẠO, CHUYỂN ĐỔI SỐ]",
                                                         "[BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ XÃ KIM LIÊN]"))
    result = repo.run("build")
    assert result.code == 1
    assert ("co_quan_tu_van.ban_chi_dao: dòng 'BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ XÃ KIM LIÊN' của tên cơ quan dài "
            in result.err) and "hãy tự ngắt dòng bằng 'dong_tieu_de" in result.err


def test_issue_refuses_a_damaged_archive_and_never_commits_other_files(repo):
    assert repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml")).code == 0
    archived = repo.root / "outputs/2026/05-KH-UBND-ke-hoach.docx"
    archived.write_bytes(archived.read_bytes() + b"x")
    refused = repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12")
    assert refused.code == 1
    assert ("outputs/so-van-ban-di/2026.tsv: sổ năm 2026 không khớp với các tệp đã ban hành "
            "(outputs/2026/05-KH-UBND-ke-hoach.docx: tệp của văn bản 05/KH-UBND đã bị sửa") in refused.err
    git(repo.root, "checkout", "--", "outputs/2026/05-KH-UBND-ke-hoach.docx")
    repo.write("plans/2026/ghi-chu.yaml", NOTICE.replace("tháng 3", "tháng 5"))  # an unrelated draft
    assert repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12").code == 0
    changed = set(git(repo.root, "show", "--name-only", "--format=", "HEAD").split())
    assert "plans/2026/ghi-chu.yaml" not in changed and "outputs/2026/05-KH-UBND-ke-hoach.docx" not in changed


def test_register_exports_never_overwrite_the_archive(repo):
    assert repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml")).code == 0
    archived = repo.root / "outputs/2026/05-KH-UBND-ke-hoach.docx"
    before = archived.read_bytes()
    result = repo.run("register", "--thu-muc", str(repo.root), "--docx", str(archived))
    assert result.code == 1 and "không xuất sổ vào thư mục outputs/" in result.err
    assert archived.read_bytes() == before
    missing = repo.run("register", "--thu-muc", str(repo.root), "--xlsx", "/khong/co/thu-muc/so.xlsx")
    assert missing.code == 1 and "thư mục chứa tệp xuất không tồn tại" in missing.err


def test_a_register_saved_in_another_encoding_or_with_a_bom(repo):
    assert repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml")).code == 0
    path = repo.root / "outputs/so-van-ban-di/2026.tsv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert repo.run("verify", "--thu-muc", str(repo.root)).code == 0
    path.write_bytes(text.encode("utf-16"))
    result = repo.run("build")
    assert result.code == 1 and "outputs/so-van-ban-di/2026.tsv: sổ không phải văn bản UTF-8" in result.err


def test_every_bad_register_line_is_reported(repo):
    assert repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml")).code == 0
    path = repo.root / "outputs/so-van-ban-di/2026.tsv"
    line = path.read_text(encoding="utf-8").splitlines()[-1]
    path.write_text(path.read_text(encoding="utf-8") + line + "\tthừa\n" + "x\ty\n", encoding="utf-8")
    result = repo.run("build")
    assert "outputs/so-van-ban-di/2026.tsv:5: dòng sổ có 16 cột, cần 15 cột" in result.err
    assert "outputs/so-van-ban-di/2026.tsv:6: dòng sổ có 2 cột" in result.err


def test_an_nfd_resave_of_an_issued_source_is_not_an_edit(repo):
    import unicodedata

    assert repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml")).code == 0
    path = repo.root / "plans/2026/ke-hoach.yaml"
    path.write_text(unicodedata.normalize("NFD", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert repo.run("build").code == 0


def test_totext_on_a_file_that_is_not_a_docx(repo):
    done = vanban(repo.root, "totext", "vanban.yaml")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "vanban.yaml: không đọc được: tệp không phải tài liệu DOCX" in done.stderr


def test_a_figures_file_or_a_note_is_not_issued(sample):
    figures = sample.run("issue", str(sample.root / "plans/2024/so-lieu-giam-ngheo.yaml"))
    assert figures.code == 1 and "tệp này là số liệu, không phải văn bản để ban hành" in figures.err
    note = sample.root / "plans/2024/_ghi-chu.yaml"
    note.write_text(NOTICE, encoding="utf-8")
    assert "là ghi chú, không phải văn bản" in sample.run("issue", str(note)).err


def test_a_draft_never_overwrites_an_issued_document_or_another_draft(sample):
    archived = sample.output("2024/15-KH-UBND-ke-hoach-giam-ngheo.docx")
    before = archived.read_bytes()
    sample.write("plans/2024/15-KH-UBND-ke-hoach-giam-ngheo.yaml",
                 (sample.root / "plans/2024/to-trinh-kinh-phi-ho-tro.yaml").read_text(encoding="utf-8"))
    sample.write("plans/2024/cong-van-ra-soat-ho-ngheo.yml",
                 (sample.root / "plans/2024/cong-van-ra-soat-ho-ngheo.yaml").read_text(encoding="utf-8"))
    result = sample.run("build")
    assert result.code == 1
    assert ("plans/2024/15-KH-UBND-ke-hoach-giam-ngheo.yaml: sẽ ghi đè outputs/2024/15-KH-UBND-ke-hoach-giam-ngheo"
            ".docx, văn bản đã ban hành") in result.err
    assert "cùng ghi ra outputs/2024/cong-van-ra-soat-ho-ngheo.docx với plans/2024/cong-van-ra-soat-ho-ngheo." in result.err
    assert archived.read_bytes() == before


def test_the_figures_an_issued_decision_used_are_frozen_and_archived_with_it(sample):
    root = sample.root
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "mẫu")
    figures = root / "plans/2024/so-lieu-giam-ngheo.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("ho_ngheo: 14", "ho_ngheo: 15"), encoding="utf-8")
    assert sample.run("issue", str(root / "plans/2024/quyet-dinh-giao-chi-tieu.yaml"), "--date", "2024-02-01").code == 0
    changed = set(git(root, "show", "--name-only", "--format=", "HEAD").split())
    assert "plans/2024/so-lieu-giam-ngheo.yaml" in changed
    figures.write_text(figures.read_text(encoding="utf-8").replace("ho_ngheo: 15", "ho_ngheo: 16"), encoding="utf-8")
    result = sample.run("build")
    assert result.code == 1
    assert "plans/2024/quyet-dinh-giao-chi-tieu.yaml: văn bản 16/QĐ-UBND ngày 01/02/2024 đã ban hành" in result.err
    assert sample.run("verify", "--thu-muc", str(root)).code == 1


def test_the_register_names_the_addressees_not_nhu_tren(repo):
    repo.write("plans/2026/to-trinh.yaml", NOTICE.replace("loai: thong_bao", "loai: to_trinh\nkinh_gui: Sở Nội vụ"))
    assert repo.run("issue", str(repo.root / "plans/2026/to-trinh.yaml"), "--date", "2026-03-12").code == 0
    assert register_lines(repo.root)[0][7] == "Sở Nội vụ; Các xóm"


def test_issuing_removes_the_draft_and_its_pdf(repo):
    assert repo.run("build").code == 0
    draft = repo.root / "outputs/2026/thong-bao.docx"
    draft.with_suffix(".pdf").write_bytes(b"%PDF-1.4 draft")
    assert repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12").code == 0
    assert not draft.exists() and not draft.with_suffix(".pdf").exists()
