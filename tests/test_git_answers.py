"""One command asks git each read-only question once (registry/git.py `remembered`); no answer outlives the command
or a change vanban makes to git meanwhile. Tests run many commands in one process, as here."""

from __future__ import annotations

from pathlib import Path

from engine.registry import git as vanban_git
from tests.test_register import NOTICE, git


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "-c", "user.name=Văn thư", "-c", "user.email=vt@xa.vn", "commit", "-qm", message)


def test_a_workspace_made_a_repository_after_an_issue_is_checked_against_git(workspace):
    """The first command sees no git repository; the next one, in the same process, sees the one made since."""
    workspace.write("plans/2026/thong-bao.yaml", NOTICE)
    issued = workspace.run("issue", str(workspace.root / "plans/2026/ke-hoach.yaml"))
    assert issued.code == 0, issued.err
    assert "chưa là kho git" in issued.out
    git(workspace.root, "init", "-q")
    commit_all(workspace.root, "Lưu trữ bằng tay")
    register = workspace.root / "outputs/so-van-ban-di/2026.tsv"
    register.write_text("".join(line for line in register.read_text(encoding="utf-8").splitlines(keepends=True)
                                if not line.startswith("05\t")), encoding="utf-8")
    checked = workspace.run("verify", "--thu-muc", str(workspace.root))
    assert checked.code != 0
    assert "thiếu dòng số 05 (sổ chung) đã lưu trong git" in checked.out + checked.err


def test_an_answer_is_not_reused_after_vanban_commits(workspace):
    """Inside one command: what HEAD holds is asked again once vanban itself has committed."""
    root = workspace.root
    git(root, "init", "-q")
    commit_all(root, "Khởi tạo")
    plan = root / "plans/2026/ke-hoach.yaml"
    with vanban_git.remembered():
        before = vanban_git.show(root, "HEAD", "plans/2026/ke-hoach.yaml")
        plan.write_text(before + "# sửa\n", encoding="utf-8")
        assert vanban_git.show(root, "HEAD", "plans/2026/ke-hoach.yaml") == before  # asked once, remembered
        vanban_git.commit(root, [plan], "Sửa kế hoạch", "Văn thư")
        assert vanban_git.show(root, "HEAD", "plans/2026/ke-hoach.yaml") == before + "# sửa\n"
    assert vanban_git._answers is None  # nothing outlives the command
