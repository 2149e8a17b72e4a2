"""The archive is the workspace's git history: commit what an issue produced, when there is a repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from engine.errors import OutputError

TEXTCONV = "vanban totext"


def is_repository(root: Path) -> bool:
    if shutil.which("git") is None:
        return False
    done = _git(root, "rev-parse", "--is-inside-work-tree", check=False)
    return done.returncode == 0 and done.stdout.strip() == "true"


def commit(root: Path, paths: list[Path], message: str, author: str) -> str:
    """Stage exactly `paths` (additions and deletions) and commit only them; returns the short hash."""
    relative = [p.relative_to(root).as_posix() for p in paths if p.exists() or _tracked(root, p)]
    _git(root, "add", "-A", "--", *relative)
    identity = [] if _configured(root) else ["-c", f"user.name={author}", "-c", "user.email=vanban@localhost"]
    _git(root, *identity, "commit", "--quiet", "-m", message, "--", *relative)
    return _git(root, "rev-parse", "--short", "HEAD").stdout.strip()


def untracked(root: Path, paths: list[Path]) -> list[Path]:
    """Those of `paths` git has never recorded."""
    existing = [p.relative_to(root).as_posix() for p in paths if p.exists()]
    if not existing:
        return []
    listed = _git(root, "ls-files", "--others", "--", *existing).stdout.split("\n")
    return [root / name for name in listed if name]


def ensure_textconv(root: Path) -> None:
    """`git diff` on a DOCX shows its text: .gitattributes names the driver, the repo config defines it."""
    if _git(root, "config", "--get", "diff.vanban.textconv", check=False).stdout.strip():
        return
    _git(root, "config", "diff.vanban.textconv", TEXTCONV)


def _tracked(root: Path, path: Path) -> bool:
    return bool(_git(root, "ls-files", "--", path.relative_to(root).as_posix()).stdout.strip())


def _configured(root: Path) -> bool:
    return bool(_git(root, "config", "--get", "user.email", check=False).stdout.strip())


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise OutputError(f"git {args[0] if args[0] != '-c' else 'commit'} thất bại: {done.stderr.strip()}")
    return done
