"""The register's integrity (issue 10): the lock, leftovers of an interrupted issue, git failures, the register
checked against git history, numbers from elsewhere, and what an issue archives."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO
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
