"""The register's integrity (issue 10): the lock, leftovers of an interrupted issue, git failures, the register
checked against git history, numbers from elsewhere, and what an issue archives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.docx_view import open_docx, texts
from tests.test_register import NOTICE, git, register_lines, repo, vanban  # noqa: F401  (repo is a fixture)

REGISTER = "outputs/so-van-ban-di/2026.tsv"


def issue(ws, name: str, *extra: str):
    return ws.run("issue", str(ws.root / f"plans/2026/{name}.yaml"), *extra)


def status(root: Path) -> str:
    return git(root, "status", "--porcelain", "--untracked-files=all")


# --- 3. the lock lives in the workspace, not in the system's temporary folder ---------------------------------

def _env(tmp: Path, **extra: str) -> dict:
    tmp.mkdir(exist_ok=True)
    return {**os.environ, "PYTHONPATH": str(REPO), "TMPDIR": str(tmp), "TEMP": str(tmp), "TMP": str(tmp), **extra}


def test_a_process_with_another_tmpdir_waits_for_the_lock(repo, tmp_path):
    marker = tmp_path / "dung"
    holder = subprocess.Popen([sys.executable, "-m", "engine", "issue", "plans/2026/thong-bao.yaml", "--date",
                               "2026-03-12"], cwd=repo.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=_env(tmp_path / "a", VANBAN_TEST_PAUSE="da-ghi-van-ban",
                                       VANBAN_TEST_PAUSE_FILE=str(marker)))
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists()
    other = subprocess.Popen([sys.executable, "-m", "engine", "issue", "plans/2026/ke-hoach.yaml"], cwd=repo.root,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(tmp_path / "b"))
    time.sleep(4)
    waited = other.poll() is None  # still waiting for the lock the first process holds
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    out, err = other.communicate(timeout=60)
    assert waited, (out, err)
    assert other.returncode == 0, err
    assert [line[0] for line in register_lines(repo.root)] == ["05"]


def test_the_lock_is_inside_the_workspace_and_out_of_git(repo):
    assert issue(repo, "thong-bao", "--date", "2026-03-12").code == 0
    assert (repo.root / ".vanban").is_dir()
    assert status(repo.root) == ""  # the lock changes nothing git sees
    source = (REPO / "engine/registry/register.py").read_text(encoding="utf-8")
    assert "fcntl" not in source and "gettempdir" not in source and "FileLock" in source


# --- 2. only a leftover an interrupted issue provably left is deleted ----------------------------------------

def test_a_hand_placed_numbered_document_is_never_deleted(repo):
    placed = repo.root / "outputs/2026/03-BC-UBND-bao-cao-nam-truoc.docx"
    placed.parent.mkdir(parents=True)
    placed.write_bytes(b"PK last year's report, copied in by hand")
    done = issue(repo, "thong-bao", "--date", "2026-03-12")
    assert done.code == 0, done.err
    assert "tệp dở dang" not in done.out
    assert placed.read_bytes() == b"PK last year's report, copied in by hand"


def test_a_draft_whose_name_starts_with_digits_is_not_a_leftover(repo):
    repo.write("plans/2026/2026-03-hop.yaml", NOTICE.replace("tháng 3", "tháng 5"))
    assert repo.run("build").code == 0
    draft = repo.root / "outputs/2026/2026-03-hop.docx"
    assert draft.exists()
    assert issue(repo, "thong-bao", "--date", "2026-03-12").code == 0
    assert draft.exists()
    assert repo.run("verify", "--thu-muc", str(repo.root)).code == 0


def test_an_issued_file_whose_line_was_deleted_is_kept_and_its_number_not_given_again(repo):
    assert issue(repo, "thong-bao", "--date", "2026-03-12").code == 0
    issued = repo.root / "outputs/2026/01-TB-UBND-thong-bao.docx"
    before = issued.read_bytes()
    path = repo.root / REGISTER
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")
    repo.write("plans/2026/thong-bao-2.yaml", NOTICE.replace("tháng 3", "tháng 4"))
    refused = issue(repo, "thong-bao-2", "--date", "2026-03-13")
    assert refused.code == 1
    assert "thiếu dòng số 01 (sổ chung) đã lưu trong git" in refused.err
    assert issued.read_bytes() == before
    assert not (repo.root / "outputs/2026/01-TB-UBND-thong-bao-2.docx").exists()


# --- 4. git that cannot commit: refused before numbering, or issued with a warning ----------------------------

def _nothing_issued(root: Path) -> None:
    assert not (root / REGISTER).exists()
    assert not (root / "outputs/2026").exists() or not any((root / "outputs/2026").glob("01-*"))


def test_a_stale_index_lock_is_refused_before_a_number_is_given(repo):
    (repo.root / ".git/index.lock").write_text("")
    refused = issue(repo, "thong-bao", "--date", "2026-03-12")
    assert refused.code == 1
    assert "chưa cấp số vì chưa lưu được vào git: git đang bận" in refused.err and "index.lock" in refused.err
    _nothing_issued(repo.root)
    (repo.root / ".git/index.lock").unlink()
    assert issue(repo, "thong-bao", "--date", "2026-03-12").code == 0


def test_a_merge_in_progress_is_refused_before_a_number_is_given(repo):
    (repo.root / ".git/MERGE_HEAD").write_text(git(repo.root, "rev-parse", "HEAD"))
    refused = issue(repo, "thong-bao", "--date", "2026-03-12")
    assert refused.code == 1 and "kho git đang gộp nhánh (merge) dở dang" in refused.err
    _nothing_issued(repo.root)


def test_ignored_outputs_are_refused_before_a_number_is_given(repo):
    repo.write(".gitignore", "outputs/\n")
    refused = issue(repo, "thong-bao", "--date", "2026-03-12")
    assert refused.code == 1 and "git bỏ qua (.gitignore) outputs/2026/01-TB-UBND-thong-bao.docx" in refused.err
    _nothing_issued(repo.root)


def test_an_empty_user_name_still_commits(repo):
    git(repo.root, "config", "user.name", "")
    git(repo.root, "config", "user.email", "vt@xa.vn")
    done = issue(repo, "thong-bao", "--date", "2026-03-12")
    assert done.code == 0 and "Đã lưu vào lịch sử git" in done.out, done.err
    assert status(repo.root) == ""


def _rejecting_hook(root: Path) -> Path:
    hook = root / ".git/hooks/pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\necho 'bị từ chối' >&2\nexit 1\n")
    hook.chmod(0o755)
    return hook


def test_a_refused_commit_after_the_line_is_written_is_an_issue_with_a_warning(repo):
    hook = _rejecting_hook(repo.root)
    done = issue(repo, "thong-bao", "--date", "2026-03-12")
    assert done.code == 0, done.err
    assert "Đã ban hành số 01/TB-UBND ngày 12/03/2026" in done.out
    assert "CẢNH BÁO: văn bản đã ban hành và đã vào sổ, nhưng chưa lưu được vào git" in done.err
    assert "vanban verify --sua" in done.err
    assert [line[0] for line in register_lines(repo.root)] == ["01"]
    pending = repo.run("verify", "--thu-muc", str(repo.root))
    assert pending.code == 1
    assert "outputs/2026/01-TB-UBND-thong-bao.docx: đã ban hành nhưng chưa được lưu vào git" in pending.err
    hook.unlink()
    fixed = repo.run("verify", "--sua", "--thu-muc", str(repo.root))
    assert fixed.code == 0, fixed.err
    assert "Đã lưu vào lịch sử git các văn bản đã ban hành chưa lưu" in fixed.out
    assert status(repo.root) == ""
    assert "01-TB-UBND-thong-bao.docx" in git(repo.root, "ls-tree", "-r", "--name-only", "HEAD")


# --- 5. staged but never committed: the next issue commits it --------------------------------------------------

def test_a_document_left_staged_is_committed_by_the_next_issue(repo):
    hook = _rejecting_hook(repo.root)
    assert issue(repo, "thong-bao", "--date", "2026-03-09").code == 0
    assert "A  outputs/2026/01-TB-UBND-thong-bao.docx" in status(repo.root)  # staged, not committed
    hook.unlink()
    assert issue(repo, "ke-hoach").code == 0
    assert status(repo.root) == ""
    held = git(repo.root, "ls-tree", "-r", "--name-only", "HEAD")
    assert "outputs/2026/01-TB-UBND-thong-bao.docx" in held and "outputs/2026/05-KH-UBND-ke-hoach.docx" in held
    assert repo.run("verify", "--thu-muc", str(repo.root)).code == 0


# --- 10. exports never overwrite vanban.yaml, a plan or an unrelated file -------------------------------------

def test_register_exports_refuse_plans_profile_and_foreign_files(repo, tmp_path):
    assert issue(repo, "ke-hoach").code == 0
    profile = (repo.root / "vanban.yaml").read_bytes()
    run = lambda *a: repo.run("register", "--thu-muc", str(repo.root), *a)  # noqa: E731
    refused = run("--xlsx", str(repo.root / "vanban.yaml"))
    assert refused.code == 1 and "không ghi sổ đè lên vanban.yaml" in refused.err
    assert (repo.root / "vanban.yaml").read_bytes() == profile
    in_plans = run("--docx", str(repo.root / "plans/2026/so.docx"))
    assert in_plans.code == 1 and "không xuất sổ vào thư mục plans/" in in_plans.err
    foreign = tmp_path / "bao-cao.xlsx"
    foreign.write_bytes(b"someone's spreadsheet")
    refused = run("--xlsx", str(foreign))
    assert refused.code == 1 and "tệp này đã có và không phải sổ văn bản đi đã xuất ra XLSX" in refused.err
    assert foreign.read_bytes() == b"someone's spreadsheet"
    assert run("--xlsx", str(foreign), "--ghi-de").code == 0
    assert run("--xlsx", str(foreign)).code == 0  # now an earlier export of the same kind
    docx_file = tmp_path / "so.docx"
    assert run("--docx", str(docx_file)).code == 0 and run("--docx", str(docx_file)).code == 0
    assert run("--docx", str(foreign)).code == 1  # an XLSX export is not a DOCX export


# --- 13. comments kept, the right file named, .gitattributes not swept ----------------------------------------

def test_hand_added_comment_lines_stay_in_the_register(repo):
    assert issue(repo, "ke-hoach").code == 0
    path = repo.root / REGISTER
    path.write_text(path.read_text(encoding="utf-8") + "# Số 06 giữ cho quyết định khen thưởng\n", encoding="utf-8")
    assert issue(repo, "thong-bao", "--date", "2026-03-12").code == 0
    text = path.read_text(encoding="utf-8")
    assert "# Số 06 giữ cho quyết định khen thưởng\n" in text
    assert [line[0] for line in register_lines(repo.root)] == ["05", "06"]


def test_the_frozen_message_names_the_figures_file_that_changed(sample):
    root = sample.root
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "mẫu")
    assert sample.run("issue", str(root / "plans/2024/quyet-dinh-giao-chi-tieu.yaml"), "--date",
                      "2024-02-01").code == 0
    figures = root / "plans/2024/so-lieu-giam-ngheo.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("ho_ngheo: 14", "ho_ngheo: 16"), encoding="utf-8")
    result = sample.run("build")
    assert result.code == 1
    assert "khôi phục tệp đã sửa (git checkout -- plans/2024/so-lieu-giam-ngheo.yaml)" in result.err


def test_uncommitted_gitattributes_edits_are_not_swept_into_an_issue(repo):
    assert issue(repo, "ke-hoach").code == 0
    attributes = repo.root / ".gitattributes"
    attributes.write_text(attributes.read_text() + "*.pdf binary\n")
    assert issue(repo, "thong-bao", "--date", "2026-03-12").code == 0
    changed = git(repo.root, "show", "--name-only", "--format=", "HEAD").split()
    assert ".gitattributes" not in changed
    assert " M .gitattributes" in status(repo.root)


# --- A. the register is checked against git before a number is given; verify --sua rebuilds it ---------------

def _three_issued(repo) -> bytes:
    repo.write("plans/2026/thong-bao-2.yaml", NOTICE.replace("tháng 3", "tháng 4"))
    repo.write("plans/2026/thong-bao-3.yaml", NOTICE.replace("tháng 3", "tháng 5"))
    git(repo.root, "add", "-A")
    git(repo.root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "thêm")
    assert issue(repo, "ke-hoach").code == 0
    assert issue(repo, "thong-bao", "--date", "2026-03-12").code == 0
    assert issue(repo, "thong-bao-2", "--date", "2026-03-13").code == 0
    return (repo.root / REGISTER).read_bytes()


def _mutate(text: str, how: str) -> str:
    lines = text.splitlines(keepends=True)
    data = [i for i, line in enumerate(lines) if line[:2].isdigit()]
    first, second = data[0], data[1]
    if how == "xoa":
        del lines[second]
    elif how == "lap":
        lines.insert(second, lines[second])
    elif how == "dao":
        lines[first], lines[second] = lines[second], lines[first]
    else:
        lines[second] = lines[second].replace("giao ban tháng 3", "giao ban tháng 9")
    return "".join(lines)


@pytest.mark.parametrize("how, said", [
    ("xoa", "thiếu dòng số 06 (sổ chung) đã lưu trong git"),
    ("lap", "số 06 (sổ chung) có 2 dòng trong sổ"),
    ("dao", "các dòng không còn theo thứ tự đã lưu trong git"),
    ("sua", "dòng số 06 (sổ chung) khác với bản đã lưu trong git (cột trich_yeu)"),
])
def test_a_hand_edited_register_stops_issue_and_verify_sua_restores_it(repo, how, said):
    original = _three_issued(repo)
    path = repo.root / REGISTER
    path.write_text(_mutate(original.decode("utf-8"), how), encoding="utf-8")
    before = repo.snapshot()
    refused = issue(repo, "thong-bao-3", "--date", "2026-03-14")
    assert refused.code == 1
    assert "outputs/so-van-ban-di/2026.tsv: sổ năm 2026 không khớp với lịch sử git (" in refused.err
    assert said in refused.err and "chạy 'vanban verify --sua'" in refused.err
    assert repo.snapshot() == before  # nothing deleted, nothing written
    checked = repo.run("verify", "--thu-muc", str(repo.root))
    assert checked.code == 1 and said in checked.err and "vanban verify --sua" in checked.err
    fixed = repo.run("verify", "--sua", "--thu-muc", str(repo.root))
    assert fixed.code == 0, fixed.err
    assert path.read_bytes() == original
    assert issue(repo, "thong-bao-3", "--date", "2026-03-14").code == 0
    assert [line[0] for line in register_lines(repo.root)] == ["05", "06", "07", "08"]


def test_a_line_deleted_and_committed_by_hand_is_still_missed_and_restored(repo):
    original = _three_issued(repo)
    path = repo.root / REGISTER
    path.write_text(_mutate(original.decode("utf-8"), "xoa"), encoding="utf-8")
    git(repo.root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "xóa tay")
    refused = issue(repo, "thong-bao-3", "--date", "2026-03-14")
    assert refused.code == 1
    assert "thiếu dòng số 06 (sổ chung) đã ban hành trong một commit của vanban ('Ban hành …')" in refused.err
    assert repo.run("verify", "--sua", "--thu-muc", str(repo.root)).code == 0
    assert path.read_bytes() == original
    assert issue(repo, "thong-bao-3", "--date", "2026-03-14").out.count("số 08/TB-UBND") == 1


def test_an_issued_file_without_its_line_stops_issue(repo):
    original = _three_issued(repo)
    path = repo.root / REGISTER
    path.write_text(_mutate(original.decode("utf-8"), "xoa"), encoding="utf-8")
    git(repo.root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "xóa tay")
    refused = issue(repo, "thong-bao-3", "--date", "2026-03-14")
    assert ("tệp outputs/2026/06-TB-UBND-thong-bao.docx đã ban hành (có trong git) nhưng không có dòng nào "
            "trong sổ") in refused.err


# --- B. numbers given elsewhere; the year folder follows the issue date ---------------------------------------

def test_a_number_from_an_e_office_system_is_recorded_and_checked(repo):
    done = issue(repo, "thong-bao", "--so", "27", "--ngay", "2026-03-15")
    assert done.code == 0, done.err
    assert "Đã ban hành số 27/TB-UBND ngày 15/03/2026: outputs/2026/27-TB-UBND-thong-bao.docx" in done.out
    assert register_lines(repo.root)[0][10] == "vào sổ sau khi đã ban hành trên giấy"
    repo.write("plans/2026/thong-bao-2.yaml", NOTICE.replace("tháng 3", "tháng 4"))
    taken = issue(repo, "thong-bao-2", "--so", "27", "--ngay", "2026-03-16")
    assert taken.code == 1 and "số 27/TB-UBND năm 2026 đã cấp cho plans/2026/thong-bao.yaml" in taken.err
    order = issue(repo, "thong-bao-2", "--so", "30", "--ngay", "2026-03-14")
    assert order.code == 1 and "không khớp thứ tự với số 27/TB-UBND ngày 15/03/2026" in order.err
    no_date = issue(repo, "thong-bao-2", "--so", "30")
    assert no_date.code == 1 and "số cấp ở nơi khác (--so) cần cả ngày ban hành (--ngay)" in no_date.err
    assert issue(repo, "thong-bao-2", "--date", "2026-03-16").out.count("số 28/TB-UBND") == 1


def test_a_draft_from_last_years_folder_lands_in_the_issue_years_folder(repo):
    repo.write("plans/2025/thong-bao-cuoi-nam.yaml", NOTICE)
    done = repo.run("issue", str(repo.root / "plans/2025/thong-bao-cuoi-nam.yaml"), "--date", "2026-01-05")
    assert done.code == 0, done.err
    assert "Đã ban hành số 01/TB-UBND ngày 05/01/2026: outputs/2026/01-TB-UBND-thong-bao-cuoi-nam.docx" in done.out
    assert (repo.root / "outputs/2026/01-TB-UBND-thong-bao-cuoi-nam.docx").exists()
    assert not (repo.root / "outputs/2025").exists()
    assert [line[0] for line in register_lines(repo.root)] == ["01"]


# --- C. what an issue archives, and says --------------------------------------------------------------------

def test_the_issue_commit_holds_vanban_yaml_as_used_and_a_pdf_beside_the_output(repo):
    profile = (repo.root / "vanban.yaml").read_text(encoding="utf-8")
    repo.write("vanban.yaml", profile.replace("VP: Văn phòng HĐND và UBND", "VP: Văn phòng HĐND và UBND xã"))
    assert issue(repo, "thong-bao", "--date", "2026-03-09").code == 0
    assert "vanban.yaml" in git(repo.root, "show", "--name-only", "--format=", "HEAD").split()
    pdf = repo.root / "outputs/2026/01-TB-UBND-thong-bao.pdf"
    pdf.write_bytes(b"%PDF-1.4 issued")
    assert issue(repo, "ke-hoach").code == 0
    assert "outputs/2026/01-TB-UBND-thong-bao.pdf" in git(repo.root, "show", "--name-only", "--format=", "HEAD")
    assert status(repo.root) == ""


def test_issue_says_which_drafts_it_removed(repo):
    assert repo.run("build").code == 0
    (repo.root / "outputs/2026/thong-bao.pdf").write_bytes(b"%PDF-1.4 draft")
    done = issue(repo, "thong-bao", "--date", "2026-03-12")
    assert "Đã xóa bản dự thảo (nay thay bằng văn bản đã ban hành): outputs/2026/thong-bao.docx" in done.out
    assert "Đã xóa bản dự thảo (nay thay bằng văn bản đã ban hành): outputs/2026/thong-bao.pdf" in done.out


# --- kill -9 at the worst moments -----------------------------------------------------------------------------

def _killed_at(repo, tmp_path, step: str, source: str = "plans/2026/thong-bao.yaml", date: str = "2026-03-09") -> None:
    """`vanban issue source --date date` killed (SIGKILL) once it reaches `step`."""
    marker = tmp_path / "dung"
    env = {**os.environ, "PYTHONPATH": str(REPO), "VANBAN_TEST_PAUSE": step, "VANBAN_TEST_PAUSE_FILE": str(marker)}
    process = subprocess.Popen([sys.executable, "-m", "engine", "issue", source, "--date", date], cwd=repo.root,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), "the process never reached the step"
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_killed_between_git_add_and_commit_the_next_issue_commits_it(repo, tmp_path):
    _killed_at(repo, tmp_path, "da-git-add")
    assert "A  outputs/2026/01-TB-UBND-thong-bao.docx" in status(repo.root)
    checked = vanban(repo.root, "verify")
    assert checked.returncode == 1
    assert "outputs/2026/01-TB-UBND-thong-bao.docx: đã ban hành nhưng chưa được lưu vào git" in checked.stderr
    nxt = vanban(repo.root, "issue", "plans/2026/ke-hoach.yaml")
    assert nxt.returncode == 0, nxt.stderr
    assert status(repo.root) == ""
    assert "outputs/2026/01-TB-UBND-thong-bao.docx" in git(repo.root, "ls-tree", "-r", "--name-only", "HEAD")
    assert vanban(repo.root, "verify").returncode == 0


def test_killed_after_the_line_verify_sua_commits_it(repo, tmp_path):
    _killed_at(repo, tmp_path, "da-ghi-so")
    fixed = vanban(repo.root, "verify", "--sua")
    assert fixed.returncode == 0, fixed.stderr
    assert status(repo.root) == ""
    assert [line[0] for line in register_lines(repo.root)] == ["01"]


def test_a_leftover_changed_since_the_interrupted_issue_is_kept(repo, tmp_path):
    _killed_at(repo, tmp_path, "da-ghi-van-ban")
    left = repo.root / "outputs/2026/01-TB-UBND-thong-bao.docx"
    left.write_bytes(left.read_bytes() + b" edited by the clerk since")
    refused = vanban(repo.root, "issue", "plans/2026/thong-bao.yaml", "--date", "2026-03-09")
    assert refused.returncode == 1
    assert "đã có tệp outputs/2026/01-TB-UBND-thong-bao.docx mà sổ không ghi; vanban không ghi đè" in refused.stderr
    assert left.read_bytes().endswith(b" edited by the clerk since")


def test_a_plan_named_like_an_issued_file_never_removes_it_as_its_draft(repo):
    assert issue(repo, "ke-hoach").code == 0
    issued = repo.root / "outputs/2026/05-KH-UBND-ke-hoach.docx"
    before = issued.read_bytes()
    repo.write("plans/2026/05-KH-UBND-ke-hoach.yaml", NOTICE)
    done = issue(repo, "05-KH-UBND-ke-hoach", "--date", "2026-03-12")
    assert done.code == 0, done.err
    assert "Đã xóa bản dự thảo" not in done.out
    assert issued.read_bytes() == before
    assert repo.run("verify", "--thu-muc", str(repo.root)).code == 0


def test_verify_sua_without_git_changes_nothing(workspace):
    workspace.write("plans/2026/thong-bao.yaml", NOTICE)
    assert workspace.run("issue", str(workspace.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12").code == 0
    register = (workspace.root / REGISTER).read_bytes()
    done = workspace.run("verify", "--sua", "--thu-muc", str(workspace.root))
    assert done.code == 0 and "không phải kho git nên không có lịch sử để khôi phục sổ" in done.out
    assert (workspace.root / REGISTER).read_bytes() == register


def test_a_register_file_deleted_by_hand_stops_issue_and_is_restored(repo):
    original = _three_issued(repo)
    path = repo.root / REGISTER
    path.unlink()
    refused = issue(repo, "thong-bao-3", "--date", "2026-03-14")
    assert refused.code == 1 and "thiếu dòng số 05 (sổ chung) đã lưu trong git" in refused.err
    checked = repo.run("verify", "--thu-muc", str(repo.root))
    assert checked.code == 1 and "thiếu dòng số 07 (sổ chung) đã lưu trong git" in checked.err
    assert repo.run("verify", "--sua", "--thu-muc", str(repo.root)).code == 0
    assert path.read_bytes() == original


def test_a_number_archived_by_verify_sua_is_never_lost_either(repo):
    hook = _rejecting_hook(repo.root)
    assert issue(repo, "thong-bao", "--date", "2026-03-09").code == 0
    hook.unlink()
    assert repo.run("verify", "--sua", "--thu-muc", str(repo.root)).code == 0
    path = repo.root / REGISTER
    original = path.read_bytes()
    path.write_text("".join(original.decode("utf-8").splitlines(keepends=True)[:-1]), encoding="utf-8")
    git(repo.root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "xóa tay")
    refused = issue(repo, "ke-hoach")
    assert refused.code == 1
    assert "thiếu dòng số 01 (sổ chung) đã ban hành trong một commit của vanban" in refused.err
    assert repo.run("verify", "--sua", "--thu-muc", str(repo.root)).code == 0
    assert path.read_bytes() == original


def test_a_number_seen_in_the_registers_git_history_is_never_given_again(repo):
    assert issue(repo, "thong-bao", "--date", "2026-03-09").code == 0
    path = repo.root / REGISTER
    original = path.read_text(encoding="utf-8")
    line = original.splitlines()[-1].split("\t")
    line[0] = "10"
    path.write_text(original + "\t".join(line) + "\n", encoding="utf-8")  # a paper number typed in by hand
    git(repo.root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "vào sổ tay số 10")
    path.write_text(original, encoding="utf-8")
    git(repo.root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "bỏ số 10")
    repo.write("plans/2026/thong-bao-2.yaml", NOTICE.replace("tháng 3", "tháng 4"))
    done = issue(repo, "thong-bao-2", "--date", "2026-03-10")
    assert done.code == 0, done.err
    assert "Đã ban hành số 11/TB-UBND ngày 10/03/2026" in done.out


def test_a_comment_added_to_an_issued_source_is_not_an_archive_problem(repo):
    assert issue(repo, "ke-hoach").code == 0
    source = repo.root / "plans/2026/ke-hoach.yaml"
    source.write_text(source.read_text(encoding="utf-8") + "# ghi chú của văn thư\n", encoding="utf-8")
    assert repo.run("verify", "--thu-muc", str(repo.root)).code == 0
    assert issue(repo, "thong-bao", "--date", "2026-03-12").code == 0
    assert "plans/2026/ke-hoach.yaml" not in git(repo.root, "show", "--name-only", "--format=", "HEAD")


def test_an_edited_issued_source_is_reported_and_the_other_drafts_still_build(repo):
    """Issue 10: one issued file edited by mistake no longer blocks the build of every other draft."""
    assert repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12").code == 0
    repo.write("plans/2026/thong-bao.yaml", NOTICE.replace("tháng 3", "tháng 4"))
    repo.write("plans/2026/ke-hoach.yaml", (repo.root / "plans/2026/ke-hoach.yaml").read_text(encoding="utf-8")
               .replace("Nâng cao hiệu quả.", "Nâng cao hiệu quả hơn nữa."))
    result = repo.run("build")
    assert result.code == 1
    assert "văn bản 01/TB-UBND ngày 12/03/2026 đã ban hành" in result.err
    assert "1 văn bản đã ban hành bị sửa nguồn nên không dựng lại; các văn bản khác vẫn được dựng." in result.err
    assert "Nâng cao hiệu quả hơn nữa." in "\n".join(texts(open_docx(repo.output("2026/ke-hoach.docx"))))


def test_the_excel_register_prints_on_landscape_a4_with_ruled_cells_and_the_copies(repo, tmp_path):
    """Issue 11: a register a Văn thư can print and file: borders, landscape A4 one page wide, the heading
    row on every page, and 'Số lượng bản' from so_ban (the document's, else vanban.yaml's)."""
    from openpyxl import load_workbook

    profile = (repo.root / "vanban.yaml").read_text(encoding="utf-8")
    (repo.root / "vanban.yaml").write_text(profile + "so_ban: 5\n", encoding="utf-8")
    repo.write("plans/2026/thong-bao.yaml", NOTICE + "so_ban: 12\n")
    git(repo.root, "add", "-A")
    git(repo.root, "-c", "user.name=Văn thư", "-c", "user.email=vt@xa.vn", "commit", "-qm", "Số bản")
    assert repo.run("issue", str(repo.root / "plans/2026/ke-hoach.yaml")).code == 0
    assert repo.run("issue", str(repo.root / "plans/2026/thong-bao.yaml"), "--date", "2026-03-12").code == 0
    xlsx = tmp_path / "so.xlsx"
    assert repo.run("register", "--thu-muc", str(repo.root), "--year", "2026", "--xlsx", str(xlsx)).code == 0
    sheet = load_workbook(xlsx).active
    assert [sheet["G3"].value, sheet["G4"].value] == [5, 12]
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9
    assert sheet.print_title_rows == "$2:$2"
    assert all(cell.border.left.style == "thin" and cell.border.bottom.style == "thin"
               for row in sheet.iter_rows(min_row=2, max_row=4) for cell in row)
