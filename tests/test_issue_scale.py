"""`vanban issue` at the register's scale keeps every guarantee while it remembers what it read (the year files by
their state, hashes by file state, git's history by commit): two issues at once still take consecutive numbers in
one commit each, and a year file edited by hand is read again however its times were set."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from engine.registry import hashes, logbook
from engine.registry import register as register_module
from engine.registry.register import Register
from tests.benchmark import NOTICE
from tests.conftest import REPO
from tests.test_history_cache import COUNT, TODAY, archive  # noqa: F401 (the fixture)

LONG_AGO = 1_600_000_000


def vanban(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "engine", *args], cwd=root, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            env={**os.environ, "PYTHONPATH": str(REPO)})


def finished(process: subprocess.Popen) -> tuple[int, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out + err


def test_two_issues_at_once_with_remembered_history_take_consecutive_numbers_in_one_commit_each(archive):
    assert finished(vanban(archive, "verify"))[0] == 0  # every cache filled, as after a day's work
    assert (archive / ".vanban" / logbook.CACHE).is_file() and (archive / ".vanban" / hashes.CACHE).is_file()
    names = ("moi-mot", "moi-hai")
    for name in names:
        (archive / "plans" / str(TODAY.year) / f"{name}.yaml").write_text(NOTICE.format(i=name), encoding="utf-8")
    runs = [vanban(archive, "issue", f"plans/{TODAY.year}/{name}.yaml") for name in names]
    results = [finished(run) for run in runs]
    assert [code for code, _ in results] == [0, 0], results

    entries = Register(archive).entries(TODAY.year)
    assert [e.number for e in entries] == list(range(1, COUNT + 3))
    assert sorted(e.source.rsplit("/", 1)[1] for e in entries[COUNT:]) == sorted(f"{n}.yaml" for n in names)
    log = subprocess.run(["git", "-C", str(archive), "log", "--format=%x00%s", "--name-only", f"-{len(names)}"],
                         capture_output=True, text=True, encoding="utf-8", check=True).stdout
    commits = [part.strip().splitlines() for part in log.split("\0") if part.strip()]
    for entry in entries[COUNT:]:  # each issue its own commit: its source, its output, the register
        own = [lines for lines in commits if entry.output in lines]
        assert len(own) == 1 and own[0][0].startswith(f"Ban hành {entry.reference}")
        assert {entry.source, f"outputs/so-van-ban-di/{TODAY.year}.tsv"} <= set(own[0])
    checked = finished(vanban(archive, "verify"))
    assert checked[0] == 0, checked[1]


@pytest.mark.skipif(sys.platform == "win32", reason="the change time is the creation time on Windows")
def test_a_year_file_rewritten_with_its_old_size_and_time_is_read_again(archive, monkeypatch):
    monkeypatch.setattr(register_module, "_READ", {})
    year_file = Register(archive).path(TODAY.year)
    os.utime(year_file, (LONG_AGO, LONG_AGO))
    register = Register(archive)
    assert register.entries(TODAY.year)[0].summary.endswith("số 0")
    text = year_file.read_text(encoding="utf-8")
    year_file.write_text(text.replace("hộ nghèo số 0\t", "hộ nghèo số X\t", 1), encoding="utf-8")
    os.utime(year_file, (LONG_AGO, LONG_AGO))  # same size, same modification time: only its change time differs
    assert register.entries(TODAY.year)[0].summary.endswith("số X")


def test_a_source_written_while_it_is_read_is_not_remembered(archive, monkeypatch):
    """The source is read once for its files and its hash: bytes that changed around that read are never recorded
    as the ones that were read."""
    entry = Register(archive).entries(TODAY.year)[0]
    real = register_module.meaning

    def read_then_written(path: Path) -> object:
        value = real(path)
        path.write_text(path.read_text(encoding="utf-8") + "# sửa trong lúc đọc\n", encoding="utf-8")
        return value

    monkeypatch.setattr(hashes, "meaning", read_then_written)
    known = hashes.Hashes(archive)
    known.sources.clear()
    assert known.source_hash(entry.source) == entry.source_hash  # the meaning read, a comment added after
    assert entry.source not in known.sources
