"""`vanban verify` and `vanban issue` remember file hashes between runs (.vanban/bam-tep.json) and reuse them
only for files whose size, times and inode are unchanged: an edit is always seen, a damaged cache ignored."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

from engine.cli import main
from engine.registry import hashes, register
from tests.benchmark import issued_workspace

COUNT = 12
LONG_AGO = 1_600_000_000  # 2020: far from "recently modified"


@pytest.fixture
def archive(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "xa"
    root.mkdir()
    issued_workspace(root, COUNT, dt.date(2026, 12, 30))
    for path in [*root.glob("plans/**/*.yaml"), *root.glob("outputs/**/*.docx")]:
        os.utime(path, (LONG_AGO, LONG_AGO))
    monkeypatch.setattr(hashes, "_OPEN", {})  # each command as a new process would, reading the file cache
    return root


def verify(root: Path, capsys) -> str:
    hashes._OPEN.clear()
    capsys.readouterr()
    code = main(["verify", "--thu-muc", str(root)])
    captured = capsys.readouterr()
    return f"{code}\n{captured.out}{captured.err}"


def test_a_second_verify_parses_no_source(archive, capsys, monkeypatch):
    assert verify(archive, capsys).startswith("0\n")
    assert (archive / ".vanban" / hashes.CACHE).is_file()
    parsed: list[Path] = []
    real = register.source_hash
    monkeypatch.setattr(hashes, "source_hash", lambda path, *more: parsed.append(path) or real(path, *more))
    monkeypatch.setattr(hashes, "made_from", lambda path, *more, **given: parsed.append(path)
                        or register.made_from(path, *more, **given))
    monkeypatch.setattr(hashes, "meaning", lambda path: parsed.append(path) or register.meaning(path))
    assert verify(archive, capsys).startswith("0\n")
    assert parsed == []


@pytest.mark.skipif(sys.platform == "win32", reason="the change time is the creation time on Windows")
def test_an_output_rewritten_with_its_old_size_and_time_is_seen(archive, capsys):
    assert verify(archive, capsys).startswith("0\n")
    output = next(archive.glob("outputs/2026/*.docx"))
    data = output.read_bytes()
    output.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    os.utime(output, (LONG_AGO, LONG_AGO))
    report = verify(archive, capsys)
    assert report.startswith("1\n") and "đã bị sửa sau khi ban hành" in report and output.name in report


def test_an_edited_source_is_seen(archive, capsys):
    assert verify(archive, capsys).startswith("0\n")
    source = next(archive.glob("plans/2026/*.yaml"))
    source.write_text(source.read_text(encoding="utf-8").replace("luu: VHXH", "luu: VP"), encoding="utf-8")
    report = verify(archive, capsys)
    assert report.startswith("1\n") and "nguồn của văn bản" in report and source.name in report


@pytest.mark.parametrize("damage", [b"{hong", b"[]", b'{"dang": 1, "may": "khac", "tep": {}, "nguon": {}}',
                                    b'{"dang": 1, "tep": {"a": [1]}, "nguon": 5}', b"\xff\xfe"])
def test_a_damaged_cache_is_ignored(archive, capsys, damage):
    assert verify(archive, capsys).startswith("0\n")
    output = next(archive.glob("outputs/2026/*.docx"))
    output.write_bytes(b"sua tay")
    (archive / ".vanban" / hashes.CACHE).write_bytes(damage)
    report = verify(archive, capsys)
    assert report.startswith("1\n") and output.name in report
    assert verify(archive, capsys).startswith("1\n")  # and the cache rewritten is right too
