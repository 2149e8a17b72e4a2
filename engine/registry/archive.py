"""The archive of issued documents: what the register promises, checked against outputs/ and git."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from engine.errors import BuildFailed
from engine.files import relative_posix
from engine.registry import git as git
from engine.registry import history as history
from engine.registry.hashes import ABSENT, Hashes, hashes, saved_once
from engine.registry.register import Entry, Register, held_in_head, span, split_source

GITATTRIBUTES_LINE = "outputs/**/*.docx diff=vanban"
PROFILE = "vanban.yaml"
GITATTRIBUTES_QUERY = ("show", "HEAD:.gitattributes")
KEEP_MESSAGE = "Lưu trữ các văn bản đã ban hành chưa có trong git"


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def verify(root: Path, register: Register, year: int | None = None) -> list[Problem]:
    """Every issued output exists with the bytes the register recorded, and no source was edited after.

    For the whole workspace (year None) also: each year file agrees with git, and every issued file is committed.
    Hashes are remembered between runs (registry/hashes.py): only files whose state changed are read again.
    """
    with git.remembered(), saved_once(root):
        return _verify(root, register, year, hashes(root))


def _verify(root: Path, register: Register, year: int | None, known: Hashes) -> list[Problem]:
    problems: list[Problem] = []
    if year is not None:
        for entry in register.entries(year):
            problems.extend(_check_entry(root, entry, known))
        return problems
    for each in history.years(root, register):
        problems.extend(Problem(register.shown(each), p) for p in history.check(root, register, each))
    try:
        entries = register.entries()
    except BuildFailed as failed:  # a line repeated or broken by hand: reported with the rest
        return [*problems, *(Problem(str(e.location or ""), e.message) for e in failed.errors)]
    for entry in entries:
        problems.extend(_check_entry(root, entry, known))
    problems.extend(Problem(p.relative_to(root).as_posix(), "đã ban hành nhưng chưa được lưu vào git "
                            "('vanban verify --sua' hoặc lần ban hành sau sẽ lưu)") for p in uncommitted(root, register))
    return problems


def _check_entry(root: Path, entry: Entry, known: Hashes) -> list[Problem]:
    output, source = root / entry.output, root / split_source(entry.source)[0]
    digest = known.content(output)
    if digest == ABSENT:
        return [Problem(entry.output, f"thiếu tệp của văn bản {entry.reference} đã ban hành")]
    problems = []
    if digest != entry.output_hash:
        problems.append(Problem(entry.output, f"tệp của văn bản {entry.reference} đã bị sửa sau khi ban hành "
                                "(khác mã băm trong sổ)"))
    if not source.exists():
        problems.append(Problem(entry.source, f"thiếu tệp nguồn của văn bản {entry.reference}"))
    elif known.source_hash(entry.source) != entry.source_hash:
        problems.append(Problem(entry.source, f"nguồn của văn bản {entry.reference} đã bị sửa sau khi ban hành"))
    return problems


def uncommitted(root: Path, register: Register) -> list[Path]:
    """Issued files HEAD does not hold as issued: an issue whose commit did not happen (killed, or refused).

    Outputs (and a PDF beside one) count when untracked, staged or modified; a source or a file it names counts
    when HEAD lacks it or holds another meaning (a comment-only edit is not an archive problem). A file that does
    not exist is not listed here (verify reports a missing output).
    """
    if not git.is_repository(root):
        return []
    outputs: set[str] = set()
    sources: set[str] = set()
    with saved_once(root):
        known = hashes(root)
        for entry in register.entries():  # thousands: names as text, no Path objects
            outputs.add(entry.output)
            outputs.add(os.path.splitext(entry.output)[0] + ".pdf")
            sources.update(known.made_from_present(entry.source))
    dirty = [root / name for name in git.dirty_names(root, outputs | sources)]
    dirty = [p for p in dirty if p.exists() and root.resolve() in p.resolve().parents]
    return [p for p in dirty if relative_posix(root, p) in outputs or not held_in_head(root, p)]


def prefetch_commit(root: Path) -> None:
    """Inside `git.remembered`: what checking and making an issue's commit will ask git, asked now, side by side."""
    git.prefetch_commit(root)
    git.prefetch(root, GITATTRIBUTES_QUERY)


def commit_blocked(root: Path, paths: list[Path]) -> list[str]:
    return git.blocked(root, paths) if git.is_repository(root) else []


def commit_issue(root: Path, register: Register, entries: list[Entry], paths: list[Path], author: str,
                 after_add: Callable[[], None] | None = None) -> str | None:
    """One commit: the source, the register, the outputs (a merged series: all of them), vanban.yaml as used, and
    any issued file an earlier issue left uncommitted (killed, or its commit refused)."""
    if not git.is_repository(root):
        return None
    attributes = _ensure_gitattributes(root)
    git.ensure_textconv(root)
    entry = entries[0]
    year_file = register.path(entry.date.year)
    earlier = uncommitted(root, register)
    extra = [root / PROFILE] if (root / PROFILE).exists() else []
    return git.commit(root, [*paths, year_file, *earlier, *extra, *attributes],
                      f"Ban hành {span(entries)}: {entry.summary}", author, after_add)


def keep_pending(root: Path, register: Register, author: str) -> str | None:
    """Commit the issued files that are not yet committed (verify --sua); None when there is nothing to do."""
    if not git.is_repository(root):
        return None
    pending = uncommitted(root, register) + [register.path(y) for y in register.years()] + _ensure_gitattributes(root)
    pending = git.dirty(root, pending)
    return git.commit(root, pending, KEEP_MESSAGE, author) if pending else None


def _ensure_gitattributes(root: Path) -> list[Path]:
    """.gitattributes, only when the committed one lacks vanban's diff line (which this issue, or an earlier one
    whose commit failed, adds): a clerk's own edits to a file that already has it are never swept in."""
    path = root / ".gitattributes"
    if GITATTRIBUTES_LINE in (git.show(root, "HEAD", ".gitattributes") or "").splitlines():
        return []
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if GITATTRIBUTES_LINE in text.splitlines():
        return [path]
    path.write_text(text + ("" if not text or text.endswith("\n") else "\n") + GITATTRIBUTES_LINE + "\n",
                    encoding="utf-8")
    return [path]
