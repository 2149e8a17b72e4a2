"""Voiding a number taken by mistake (hủy số): the number stays in the register, marked, and is never given again.

The document's register line and its archived files stay exactly as issued (git and `verify` keep checking them);
one marker line appended to the year file records the void, its date and reason, committed as "Hủy số …". The
register shows the line with "Hủy số: <lý do>" in Ghi chú. With `kho_chung` the commit is pushed like an issue's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from engine.errors import InputError, Location, OutputError, RegisterError
from engine.registry import git, history, shared
from engine.registry.archive import commit_blocked
from engine.registry.register import Entry, Register, Void


@dataclass(frozen=True)
class Voided:
    void: Void
    output: Path              # the register's year file (shared.claim takes an attempt back by it; git holds it)
    commit: str | None        # None without git
    commit_failed: str = ""
    more: tuple[Path, ...] = ()  # what shared.claim takes back besides `output`: nothing else for a void


def void(root: Path, entry: Entry, reason: str, remote: str = "", author: str = "vanban",
         today: dt.date | None = None) -> Voided:
    """Mark `entry`'s number void for `reason`, under the register's lock; refused when already void."""
    reason = " ".join(reason.split())
    if not reason:
        raise InputError("cần ghi lý do hủy số (--ly-do \"…\"): sổ ghi lý do cạnh số bị hủy")
    register = Register(root)
    day = max(today or dt.date.today(), entry.date)
    with register.lock():
        if remote:
            return shared.claim(root, remote, register, lambda: _void_here(root, register, entry, reason, day, author))
        return _void_here(root, register, entry, reason, day, author)


def _void_here(root: Path, register: Register, entry: Entry, reason: str, day: dt.date, author: str) -> Voided:
    year = entry.date.year
    where = Location(register.shown(year))
    differs = history.check(root, register, year)
    if differs:
        raise RegisterError(f"sổ năm {year} không khớp với lịch sử git ({'; '.join(differs)}); chạy 'vanban verify "
                            "--sua' trước khi hủy số", where)
    if not any((e.series, e.number) == (entry.series, entry.number) for e in register.entries(year)):
        raise RegisterError(f"sổ năm {year} không có số {entry.reference}", where)
    done = [v for v in register.voids(year) if (v.series, v.number) == (entry.series, entry.number)]
    if done:
        raise RegisterError(f"số {entry.reference} đã hủy ngày {done[0].date.strftime('%d/%m/%Y')} "
                            f"({done[0].reason})", where)
    path = register.path(year)
    blocked = commit_blocked(root, [path])
    if blocked:
        raise RegisterError("chưa hủy số vì chưa lưu được vào git: " + "; ".join(blocked), where)
    marker = Void(entry.number, entry.symbol, entry.series, day, reason, year)
    register.add_void(marker, year)
    if not git.is_repository(root):
        return Voided(marker, path, None)
    try:
        return Voided(marker, path, git.commit(root, [path], f"Hủy số {entry.reference}: {reason}", author))
    except (OutputError, OSError) as error:  # git refused: voided, its commit left to the next issue or verify --sua
        return Voided(marker, path, None, str(error))
