"""Several PCs, one register, through git (vanban.yaml: kho_chung): a number is claimed by pushing its commit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_register import NOTICE, git, register_lines, vanban

IDENTITY = ["-c", "user.name=Văn thư", "-c", "user.email=vt@xa.vn"]


def notice(n: int) -> str:
    return NOTICE.replace("tháng 3", f"tháng 3 (phiên {n})")


@pytest.fixture
def clones(workspace, tmp_path):
    """A bare repository (the office's shared folder) and three clones of the workspace, each with kho_chung."""
    bare = tmp_path / "chung.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(bare)], check=True)
    first = workspace.root
    workspace.write("vanban.yaml", (first / "vanban.yaml").read_text(encoding="utf-8") + "kho_chung: origin\n")
    git(first, "init", "-q", "-b", "main")
    git(first, "add", "-A")
    git(first, *IDENTITY, "commit", "-qm", "Khởi tạo")
    git(first, "remote", "add", "origin", str(bare))
    git(first, "push", "-q", "origin", "main")
    roots = [first]
    for name in ("may-b", "may-c"):
        subprocess.run(["git", "clone", "-q", str(bare), str(tmp_path / name)], check=True)
        roots.append(tmp_path / name)
    for root in roots:
        git(root, "config", "user.name", "Văn thư")
        git(root, "config", "user.email", "vt@xa.vn")
    return bare, roots


def plan(root: Path, name: str, n: int) -> Path:
    path = root / "plans/2026" / f"{name}.yaml"
    path.write_text(notice(n), encoding="utf-8")
    return path


def issue_cmd(root: Path, path: Path, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "engine", "issue", str(path), "--date", "2026-03-12"], cwd=root,
                            env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def pull(root: Path) -> None:
    git(root, "fetch", "-q", "origin")
    git(root, "merge", "--ff-only", "-q", "origin/main")


def numbers(root: Path) -> list[int]:
    return [int(line[0]) for line in register_lines(root) if line[1] == "TB-UBND"]


def test_three_pcs_issue_concurrently_and_every_number_is_given_once(clones):
    bare, roots = clones
    per_clone = 10
    processes = []
    for index, root in enumerate(roots):
        for k in range(per_clone):
            processes.append(issue_cmd(root, plan(root, f"tb-{index}-{k}", index * 100 + k)))
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    for root in roots:
        pull(root)
    expected = list(range(1, 3 * per_clone + 1))
    for root in roots:
        assert numbers(root) == expected
        for line in register_lines(root):
            assert (root / line[13]).is_file(), line[13]
        assert git(root, "status", "--porcelain", "--untracked-files=all").strip() == ""
        assert vanban(root, "verify").returncode == 0
    assert git(roots[0], "log", "-1", "--format=%H", "origin/main") == git(roots[2], "log", "-1", "--format=%H")


def test_a_rejected_push_retries_with_the_next_number_and_leaves_nothing_of_the_attempt(clones, tmp_path):
    bare, (a, b, _) = clones
    plan(b, "cua-b", 1)
    git(b, "add", "plans")
    git(b, "commit", "-qm", "Dự thảo")
    git(b, "push", "-q", "origin", "main")
    once = tmp_path / "da-chen"
    hook = a / ".git/hooks/pre-push"  # while A pushes number 01, B issues and pushes its own 01 first
    hook.write_text(f"#!/bin/sh\nif [ ! -e '{once}' ]; then touch '{once}'; cd '{b}' && "
                    f"'{sys.executable}' -m engine issue plans/2026/cua-b.yaml --date 2026-03-12 >/dev/null; fi\n")
    hook.chmod(0o755)
    source = plan(a, "cua-a", 2)
    done = issue_cmd(a, source)
    out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    assert "Đã ban hành số 02/TB-UBND" in out
    assert numbers(b) == [1]
    pull(b)
    assert numbers(a) == numbers(b) == [1, 2]
    outputs = sorted(p.name for p in (a / "outputs/2026").glob("*TB-UBND*"))
    assert outputs == ["01-TB-UBND-cua-b.docx", "02-TB-UBND-cua-a.docx"]  # nothing of A's 01 remains
    log = git(a, "log", "--format=%s", "origin/main").splitlines()
    assert [s[:18] for s in log if s.startswith("Ban hành")] == ["Ban hành 02/TB-UBN", "Ban hành 01/TB-UBN"]
    assert git(a, "status", "--porcelain", "--untracked-files=all").strip() == ""
    assert git(a, "reflog", "--format=%gs").count("reset: moving to") == 1


def test_the_clerk_is_told_the_number_reached_the_shared_repository(clones):
    _, (a, _, _) = clones
    done = vanban(a, "issue", str(plan(a, "da-day", 1)), "--date", "2026-03-12")
    assert done.returncode == 0, done.stderr
    assert "Đã ban hành số 01/TB-UBND" in done.stdout
    assert done.stdout.splitlines()[-1] == "Đã đẩy lên kho chung 'origin': số đã cấp, máy khác sẽ nhận số tiếp theo."


def test_an_unreachable_shared_repository_refuses_before_numbering(clones):
    bare, (a, _, _) = clones
    source = plan(a, "ngoai-mang", 1)
    moved = bare.with_name("mat-ket-noi.git")
    bare.rename(moved)
    before = git(a, "status", "--porcelain", "--untracked-files=all")
    head = git(a, "rev-parse", "HEAD")
    done = vanban(a, "issue", str(source), "--date", "2026-03-12")
    assert done.returncode != 0
    assert "không kết nối được kho chung 'origin'" in done.stderr and "chưa cấp số" in done.stderr
    assert "(git báo: fatal: " in done.stderr and "repository exists" not in done.stderr  # the cause, not advice
    assert "vanban.yaml:" in done.stderr
    assert git(a, "rev-parse", "HEAD") == head
    assert git(a, "status", "--porcelain", "--untracked-files=all") == before
    assert not (a / "outputs/so-van-ban-di/2026.tsv").exists()
    moved.rename(bare)
    done = vanban(a, "issue", str(source), "--date", "2026-03-12")
    assert done.returncode == 0, done.stderr
    assert "Đã ban hành số 01/TB-UBND" in done.stdout


def test_kho_chung_names_a_remote_that_exists(clones):
    _, (a, _, _) = clones
    text = (a / "vanban.yaml").read_text(encoding="utf-8").replace("kho_chung: origin", "kho_chung: van-phong")
    (a / "vanban.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("kho_chung: van-phong") + 1
    done = vanban(a, "issue", str(plan(a, "sai-remote", 1)), "--date", "2026-03-12")
    assert done.returncode != 0
    assert f"vanban.yaml:{line}:12" in done.stderr and "không có remote git 'van-phong'" in done.stderr
    assert "origin" in done.stderr
    assert not (a / "outputs/so-van-ban-di/2026.tsv").exists()


def test_killed_before_its_push_the_next_issue_pushes_both(clones, tmp_path):
    _, (a, b, _) = clones
    pause = tmp_path / "dung"
    killed = issue_cmd(a, plan(a, "bi-ngat", 1),
                       {"VANBAN_TEST_PAUSE": "truoc-khi-day", "VANBAN_TEST_PAUSE_FILE": str(pause)})
    _wait_for(pause)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    assert git(a, "rev-parse", "HEAD") != git(a, "rev-parse", "origin/main")  # committed here, never pushed
    done = vanban(a, "issue", str(plan(a, "tiep-theo", 2)), "--date", "2026-03-12")
    assert done.returncode == 0, done.stderr
    assert "Đã ban hành số 02/TB-UBND" in done.stdout
    pull(b)
    assert numbers(b) == [1, 2] and (b / "outputs/2026/01-TB-UBND-bi-ngat.docx").is_file()


def test_killed_before_its_push_while_another_pc_took_the_number_gives_it_back(clones, tmp_path):
    _, (a, b, _) = clones
    pause = tmp_path / "dung"
    source = plan(a, "bi-ngat", 1)
    killed = issue_cmd(a, source, {"VANBAN_TEST_PAUSE": "truoc-khi-day", "VANBAN_TEST_PAUSE_FILE": str(pause)})
    _wait_for(pause)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    taken = vanban(b, "issue", str(plan(b, "cua-b", 2)), "--date", "2026-03-12")
    assert "Đã ban hành số 01/TB-UBND" in taken.stdout, taken.stderr
    refused = vanban(a, "issue", str(plan(a, "tiep-theo", 3)), "--date", "2026-03-12")
    assert refused.returncode != 0
    assert "chưa được cấp và đã được hủy" in refused.stderr and "Ban hành 01/TB-UBND" in refused.stderr
    assert source.is_file() and not (a / "outputs/2026/01-TB-UBND-bi-ngat.docx").exists()
    assert git(a, "rev-parse", "HEAD") == git(a, "rev-parse", "origin/main")
    for path in (source, a / "plans/2026/tiep-theo.yaml"):
        done = vanban(a, "issue", str(path), "--date", "2026-03-12")
        assert done.returncode == 0, done.stderr
    pull(b)
    assert numbers(a) == numbers(b) == [1, 2, 3]
    assert vanban(b, "verify").returncode == 0


def test_a_branch_with_other_unpushed_work_that_diverged_is_refused(clones):
    _, (a, b, _) = clones
    (a / "ghi-chu.txt").write_text("việc riêng\n", encoding="utf-8")
    git(a, "add", "ghi-chu.txt")
    git(a, "commit", "-qm", "Ghi chú riêng")
    assert vanban(b, "issue", str(plan(b, "cua-b", 1)), "--date", "2026-03-12").returncode == 0
    head = git(a, "rev-parse", "HEAD")
    done = vanban(a, "issue", str(plan(a, "cua-a", 2)), "--date", "2026-03-12")
    assert done.returncode != 0 and "đã tách khỏi kho chung 'origin'" in done.stderr
    assert git(a, "rev-parse", "HEAD") == head and not (a / "outputs/so-van-ban-di/2026.tsv").exists()


def _wait_for(path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, "the process never reached its pause"
        time.sleep(0.05)


def test_killed_after_its_push_the_number_stays_given(clones, tmp_path):
    _, (a, b, _) = clones
    pause = tmp_path / "dung"
    killed = issue_cmd(a, plan(a, "da-day", 1), {"VANBAN_TEST_PAUSE": "da-day", "VANBAN_TEST_PAUSE_FILE": str(pause)})
    _wait_for(pause)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    done = vanban(b, "issue", str(plan(b, "cua-b", 2)), "--date", "2026-03-12")
    assert "Đã ban hành số 02/TB-UBND" in done.stdout, done.stderr
    done = vanban(a, "issue", str(plan(a, "tiep-theo", 3)), "--date", "2026-03-12")
    assert "Đã ban hành số 03/TB-UBND" in done.stdout, done.stderr
    assert numbers(a) == [1, 2, 3] and vanban(a, "verify").returncode == 0


def test_killed_before_its_commit_while_another_pc_took_the_number_gives_it_back(clones, tmp_path):
    _, (a, b, _) = clones
    pause = tmp_path / "dung"
    source = plan(a, "bi-ngat", 1)
    killed = issue_cmd(a, source, {"VANBAN_TEST_PAUSE": "da-ghi-so", "VANBAN_TEST_PAUSE_FILE": str(pause)})
    _wait_for(pause)
    os.kill(killed.pid, signal.SIGKILL)
    killed.wait()
    assert vanban(b, "issue", str(plan(b, "cua-b", 2)), "--date", "2026-03-12").returncode == 0
    refused = vanban(a, "issue", str(plan(a, "tiep-theo", 3)), "--date", "2026-03-12")
    assert refused.returncode != 0
    assert "01/TB-UBND (plans/2026/bi-ngat.yaml)" in refused.stderr and "đã được hủy" in refused.stderr
    assert not (a / "outputs/2026/01-TB-UBND-bi-ngat.docx").exists() and source.is_file()
    for path in (source, a / "plans/2026/tiep-theo.yaml"):
        done = vanban(a, "issue", str(path), "--date", "2026-03-12")
        assert done.returncode == 0, done.stderr
    pull(b)
    assert numbers(b) == [1, 2, 3] and vanban(b, "verify").returncode == 0


def test_kho_chung_must_be_a_remote_name(workspace):
    workspace.write("vanban.yaml", (workspace.root / "vanban.yaml").read_text(encoding="utf-8")
                    + "kho_chung: [origin, backup]\n")
    done = workspace.run("build")
    assert done.code != 0
    assert "vanban.yaml:11" in done.err and "kho_chung" in done.err
