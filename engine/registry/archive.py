"""The archive of issued documents: what the register promises, checked against outputs/ and git."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from engine.registry import git as git
from engine.workspace import OUTPUTS
from engine.registry.register import FOLDER, Entry, Register, content_hash, source_hash

ARCHIVED_NAME = re.compile(r"^\d{2,}-.+\.docx$")
GITATTRIBUTES_LINE = "outputs/**/*.docx diff=vanban"


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def verify(root: Path, register: Register, year: int | None = None) -> list[Problem]:
    """Every issued output exists with the bytes the register recorded, and no source was edited after."""
    problems: list[Problem] = []
    for entry in register.entries(year):
        problems.extend(_check_entry(root, entry))
    if year is not None:
        return problems
    problems.extend(Problem(p.relative_to(root).as_posix(), "tệp mang số văn bản nhưng không có trong sổ")
                    for p in orphans(root, register))
    return problems


def _check_entry(root: Path, entry: Entry) -> list[Problem]:
    output, source = root / entry.output, root / entry.source
    if not output.exists():
        return [Problem(entry.output, f"thiếu tệp của văn bản {entry.reference} đã ban hành")]
    problems = []
    if content_hash(output.read_bytes()) != entry.output_hash:
        problems.append(Problem(entry.output, f"tệp của văn bản {entry.reference} đã bị sửa sau khi ban hành "
                                "(khác mã băm trong sổ)"))
    if not source.exists():
        problems.append(Problem(entry.source, f"thiếu tệp nguồn của văn bản {entry.reference}"))
    elif source_hash(source) != entry.source_hash:
        problems.append(Problem(entry.source, f"nguồn của văn bản {entry.reference} đã bị sửa sau khi ban hành"))
    return problems


def orphans(root: Path, register: Register) -> list[Path]:
    """Numbered files no register line points to: left by an issue that was stopped before it recorded them."""
    outputs = root / OUTPUTS
    known = {entry.output for entry in register.entries()}
    found = [p for p in outputs.rglob("*.docx") if ARCHIVED_NAME.match(p.name)] if outputs.is_dir() else []
    return sorted(p for p in found if p.relative_to(root).as_posix() not in known
                  and FOLDER.as_posix() not in p.relative_to(root).as_posix())


def commit_issue(root: Path, register: Register, entry: Entry, paths: list[Path], author: str) -> str | None:
    """One commit: the source, the register, the output (and any earlier output an interrupted run left)."""
    if not git.is_repository(root):
        return None
    attributes = _ensure_gitattributes(root)
    git.ensure_textconv(root)
    # An earlier issue stopped before its commit left its (verified) output untracked: archive it too.
    earlier = git.untracked(root, [root / e.output for e in register.entries(entry.date.year)])
    year_file = register.path(entry.date.year)
    return git.commit(root, [*paths, year_file, *earlier, attributes],
                      f"Ban hành {entry.reference}: {entry.summary}", author)


def _ensure_gitattributes(root: Path) -> Path:
    path = root / ".gitattributes"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if GITATTRIBUTES_LINE not in text.splitlines():
        path.write_text(text + ("" if not text or text.endswith("\n") else "\n") + GITATTRIBUTES_LINE + "\n",
                        encoding="utf-8")
    return path
