"""What git's history says about the register is remembered by commit (.vanban/lich-su.json, registry/logbook.py):
the next command asks git only for the commits made since, and reads the whole history again whenever those are
not a straight line on top of what it remembers (history rewritten, a merge) or the file is damaged. Either way
the checks read exactly what a whole `git log` says."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from engine.cli import main
from engine.registry import git, hashes, history, logbook
from engine.registry.register import Register
from tests.benchmark import NOTICE, issued_workspace

COUNT = 12
TODAY = dt.date.today()


def run_git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Văn thư", "-c", "user.email=vt@xa.vn", *args],
                          check=True, capture_output=True, text=True, encoding="utf-8").stdout


@pytest.fixture
def archive(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "xa"
    root.mkdir()
    issued_workspace(root, COUNT, TODAY)
    monkeypatch.setattr(logbook, "_BOOKS", {})
    monkeypatch.setattr(hashes, "_OPEN", {})
    return root


@pytest.fixture
def asked(monkeypatch) -> list[tuple[str, ...]]:
    """Every `git log` vanban runs, as its arguments."""
    found: list[tuple[str, ...]] = []
    real = git._ask
    monkeypatch.setattr(git, "_ask", lambda root, args: (args[0] == "log" and found.append(args)) or real(root, args))
    return found


def facts(root: Path) -> tuple:
    """What the register's checks read from git's history, read as a new process would (the cache file only)."""
    logbook._BOOKS.clear()
    register = Register(root)
    with git.remembered():
        return (history.issued_lines(root, register, TODAY.year), history.numbers_ever(root, register, TODAY.year),
                history.voided_lines(root, register, TODAY.year), history.issued_outputs(root),
                history.years(root, register))


def whole(root: Path) -> tuple:
    """The same, with nothing remembered: every log read whole."""
    (root / ".vanban" / logbook.CACHE).unlink(missing_ok=True)
    return facts(root)


def issue(root: Path, name: str) -> None:
    source = root / "plans" / str(TODAY.year) / f"{name}.yaml"
    source.write_text(NOTICE.format(i=name), encoding="utf-8")
    hashes._OPEN.clear()
    assert main(["issue", str(source)]) == 0


def ranged(queries: list[tuple[str, ...]]) -> list[bool]:
    """For each log asked: whether it asked only for a range of commits (A..B), not the whole history."""
    return [any(".." in part and not part.startswith("-") for part in query) for query in queries]


def test_a_second_command_asks_git_only_for_the_commits_made_since(archive, asked):
    facts(archive)
    assert (archive / ".vanban" / logbook.CACHE).is_file()
    issue(archive, "moi")
    issue(archive, "moi-nua")
    asked.clear()
    remembered = facts(archive)
    assert asked and all(ranged(asked))
    assert remembered == whole(archive)
    assert f"outputs/{TODAY.year}/{COUNT + 2:02d}-TB-UBND-moi-nua.docx" in remembered[3]


def test_nothing_is_asked_again_when_head_has_not_moved(archive, asked):
    facts(archive)
    asked.clear()
    assert facts(archive) == whole(archive)
    assert ranged(asked) == [False] * len(asked)  # only the whole logs `whole` asked for
    assert len(asked) == 3  # the year file's, the outputs', the register folder's


def test_a_rewritten_history_is_read_whole(archive, asked):
    facts(archive)
    run_git(archive, "reset", "-q", "--hard", "HEAD~3")  # three issue commits dropped, another made in their place
    year_file = archive / "outputs" / "so-van-ban-di" / f"{TODAY.year}.tsv"
    year_file.write_text(year_file.read_text(encoding="utf-8") + "# ghi chú của văn thư\n", encoding="utf-8")
    run_git(archive, "commit", "-qam", "Ban hành bổ sung ghi chú")
    asked.clear()
    remembered = facts(archive)
    assert asked and not any(ranged(asked))
    assert remembered == whole(archive)
    assert ("chung", COUNT - 3) in remembered[1] and ("chung", COUNT) not in remembered[1]


def test_a_merge_since_is_read_whole(archive, asked):
    facts(archive)
    run_git(archive, "checkout", "-q", "-b", "nhanh")
    issue(archive, "tren-nhanh")
    run_git(archive, "checkout", "-q", "-")
    (archive / "ghi-chu.txt").write_text("ghi chú\n", encoding="utf-8")
    run_git(archive, "add", "ghi-chu.txt")
    run_git(archive, "commit", "-qm", "Ghi chú")
    run_git(archive, "merge", "-q", "--no-edit", "nhanh")
    asked.clear()
    remembered = facts(archive)
    assert not any(ranged(asked))
    assert remembered == whole(archive)


@pytest.mark.parametrize("damage", [b"{hong", b"[]", b'{"dang": 2, "lenh": {}}', b"\xff\xfe",
                                    b'{"dang": 1, "lenh": {"x": {"dau": 5, "ra": []}}}'])
def test_a_damaged_cache_is_ignored(archive, damage):
    facts(archive)
    (archive / ".vanban" / logbook.CACHE).write_bytes(damage)
    assert facts(archive) == whole(archive)


def test_a_cache_naming_a_commit_git_does_not_have_is_ignored(archive):
    facts(archive)
    cache = archive / ".vanban" / logbook.CACHE
    head = run_git(archive, "rev-parse", "HEAD").strip()
    cache.write_text(cache.read_text(encoding="utf-8").replace(head, "f" * len(head)), encoding="utf-8")
    issue(archive, "moi")
    assert facts(archive) == whole(archive)


def test_a_log_git_cannot_read_stops_the_command_and_is_never_remembered(archive, monkeypatch, capsys):
    """One failed `git log` (an object unreadable for a moment) once became the remembered history: a number whose
    register line was deleted by hand was then given again."""
    facts(archive)
    issue(archive, "moi")
    real = git._ask

    def failing(root, args):
        if args[0] == "log":
            return subprocess.CompletedProcess(args, 128, "", "fatal: unable to read 3f2a…\n")
        return real(root, args)

    monkeypatch.setattr(git, "_ask", failing)
    logbook._BOOKS.clear()
    remembered = (archive / ".vanban" / logbook.CACHE).read_bytes()
    assert main(["verify", "--thu-muc", str(archive)]) != 0
    assert "git không đọc được lịch sử của sổ văn bản đi (fatal: unable to read 3f2a…)" in capsys.readouterr().err
    assert (archive / ".vanban" / logbook.CACHE).read_bytes() == remembered
    monkeypatch.setattr(git, "_ask", real)
    assert facts(archive) == whole(archive)
