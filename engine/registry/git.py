"""The archive is the workspace's git history: commit what an issue produced, when there is a repository."""

from __future__ import annotations

import shutil
import subprocess
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from engine.errors import OutputError
from engine.files import relative_posix

TEXTCONV = "vanban totext"
IS_REPOSITORY = ("rev-parse", "--is-inside-work-tree")
GIT_DIR = ("rev-parse", "--git-dir")
TEXTCONV_QUERY = ("config", "--get", "diff.vanban.textconv")
IDENTITY = ("user.name", "user.email")
# queries whose answers `remembered` may reuse
READS = frozenset({"rev-parse", "show", "log", "check-ignore", "merge-base", "rev-list"})
LOOKS = frozenset({"status", "ls-files"})  # read-only too, but answers that change as files are written: never reused
_answers: dict[tuple, "subprocess.CompletedProcess | Future"] | None = None  # in `remembered`: query → answer


@contextmanager
def remembered() -> Iterator[None]:
    """Inside the block a read-only query (READS) asked twice runs once: one command's checks ask git the same
    things several times. Any other git command (add, commit, a fetch in shared.py: `forget`) drops every answer,
    and nothing outlives the block (tests run many commands in one process, changing git between them)."""
    global _answers
    outer = _answers
    _answers = {} if outer is None else outer
    try:
        yield
    finally:
        _answers = outer


def prefetch(root: Path, *queries: tuple[str, ...]) -> None:
    """Inside `remembered`: start read-only queries (READS) now, side by side, while vanban does other work; the
    command that asks one of them later waits for its answer. Outside the block this does nothing."""
    if _answers is None or shutil.which("git") is None:
        return
    pool = ThreadPoolExecutor(max_workers=len(queries))
    for args in queries:
        assert _reads(args)
        _answers.setdefault((str(root), args), pool.submit(_ask, root, args))
    pool.shutdown(wait=False)


def forget() -> None:
    """Git's state may have changed: no remembered answer is reused."""
    if _answers is not None:
        _answers.clear()


def is_repository(root: Path) -> bool:
    if shutil.which("git") is None:
        return False
    done = _git(root, *IS_REPOSITORY, check=False)
    return done.returncode == 0 and done.stdout.strip() == "true"


def commit(root: Path, paths: list[Path], message: str, author: str,
           after_add: Callable[[], None] | None = None) -> str:
    """Stage exactly `paths` (additions and deletions) and commit only them; returns the short hash."""
    identity = [*([] if _configured(root, "user.name") else ["-c", f"user.name={author}"]),  # asked first: answered
                *([] if _configured(root, "user.email") else ["-c", "user.email=vanban@localhost"])]  # by prefetch
    gone = sorted({p.relative_to(root).as_posix() for p in paths if not p.exists()})
    deleted = set(_git(root, "ls-files", "--", *gone).stdout.splitlines()) if gone else set()  # one call for all
    relative = sorted({p.relative_to(root).as_posix() for p in paths if p.exists()} | (deleted & set(gone)))
    _git(root, "add", "-A", "--", *relative)
    if after_add is not None:
        after_add()
    _git(root, *identity, "commit", "--quiet", "-m", message, "--", *relative)
    return _git(root, "rev-parse", "--short", "HEAD").stdout.strip()


def untracked(root: Path, paths: list[Path]) -> list[Path]:
    """Those of `paths` git has never recorded."""
    existing = [p.relative_to(root).as_posix() for p in paths if p.exists()]
    if not existing:
        return []
    listed = _git(root, "ls-files", "--others", "--", *existing).stdout.split("\n")
    return [root / name for name in listed if name]


def known(root: Path, path: Path) -> bool:
    """Git holds this file: in the index or in any commit of the current history."""
    relative = path.relative_to(root).as_posix()
    if _tracked(root, path):
        return True
    return bool(_git(root, "log", "--all", "--format=%H", "-1", "--", relative, check=False).stdout.strip())


def dirty(root: Path, paths: list[Path]) -> list[Path]:
    """Those of `paths` whose state is not the one committed in HEAD: untracked, staged, modified or deleted."""
    return [root / name for name in dirty_names(root, {relative_posix(root, p) for p in paths})]


def dirty_names(root: Path, names: set[str]) -> list[str]:
    """dirty() for workspace-relative names ('/'): asks git about their few top folders, not each of thousands
    of files on the command line (Windows allows 32,767 characters); names outside the workspace are never dirty."""
    tops = sorted({name.split("/", 1)[0] for name in names} - {"..", "."})
    if not tops:
        return []
    listed = _git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", *tops).stdout
    found = [item[3:] for item in listed.split("\0") if len(item) > 3]
    return [name for name in found if name in names]


def show(root: Path, revision: str, relative: str) -> str | None:
    """A file as committed (`HEAD`, a commit), or None when it is not there."""
    done = _git(root, "show", f"{revision}:{relative}", check=False)
    return done.stdout if done.returncode == 0 else None


def show_bytes(root: Path, revision: str, relative: str) -> bytes | None:
    """A binary file (a workbook) as committed, or None when it is not there."""
    done = subprocess.run(["git", "-C", str(root), "show", f"{revision}:{relative}"], capture_output=True)
    return done.stdout if done.returncode == 0 else None


def log(root: Path, *args: str) -> str:
    return _git(root, "log", *args, check=False).stdout


def ask(root: Path, *args: str) -> subprocess.CompletedProcess:
    """A read-only query (READS), its answer whatever git's exit code."""
    assert _reads(args)
    return _git(root, *args, check=False)


def blocked(root: Path, paths: list[Path]) -> list[str]:
    """Why a commit would fail right now, in Vietnamese; checked before a number is given."""
    found = _git(root, *GIT_DIR, check=False).stdout.strip()
    git_dir = (root / found) if found else root / ".git"
    reasons = []
    if (git_dir / "index.lock").exists():
        reasons.append(f"git đang bận hoặc một lệnh git trước đã dừng giữa chừng (có tệp "
                       f"{(git_dir / 'index.lock').as_posix()}); nếu không có chương trình git nào đang chạy, "
                       "hãy xóa tệp đó rồi ban hành lại")
    for name, what in (("MERGE_HEAD", "đang gộp nhánh (merge)"), ("rebase-merge", "đang rebase"),
                       ("rebase-apply", "đang rebase hoặc am"), ("CHERRY_PICK_HEAD", "đang cherry-pick"),
                       ("REVERT_HEAD", "đang revert")):
        if (git_dir / name).exists():
            reasons.append(f"kho git {what} dở dang; hãy hoàn tất hoặc hủy việc đó (ví dụ 'git merge --abort') "
                           "rồi ban hành lại")
    relative = [p.relative_to(root).as_posix() for p in paths]
    ignored = [n for n in _git(root, "check-ignore", "--", *relative, check=False).stdout.splitlines() if n]
    if ignored:
        reasons.append(f"git bỏ qua (.gitignore) {', '.join(ignored)}, nên văn bản ban hành không được lưu trữ; "
                       "hãy bỏ dòng tương ứng khỏi .gitignore rồi ban hành lại")
    return reasons


def ensure_textconv(root: Path) -> None:
    """`git diff` on a DOCX shows its text: .gitattributes names the driver, the repo config defines it."""
    if _git(root, *TEXTCONV_QUERY, check=False).stdout.strip():
        return
    _git(root, "config", "diff.vanban.textconv", TEXTCONV)


def _tracked(root: Path, path: Path) -> bool:
    return bool(_git(root, "ls-files", "--", path.relative_to(root).as_posix()).stdout.strip())


def prefetch_commit(root: Path) -> None:
    """Inside `remembered`: what `blocked`, `ensure_textconv` and `commit` will ask, asked now, side by side."""
    prefetch(root, GIT_DIR, TEXTCONV_QUERY, *(("config", "--get", key) for key in IDENTITY))


def _configured(root: Path, key: str) -> bool:
    """Set and not empty: an empty user.name makes git refuse to commit, so vanban supplies one then."""
    return bool(_git(root, "config", "--get", key, check=False).stdout.strip())


def _git(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    key = (str(root), args)
    if _answers is not None and _reads(args) and key in _answers:
        done = _answers[key]
        if isinstance(done, Future):
            done = done.result()
    else:
        done = _run(root, *args)
    if check and done.returncode != 0:
        raise OutputError(f"git {args[0] if args[0] != '-c' else 'commit'} thất bại: {done.stderr.strip()}")
    return done


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    if not _reads(args) and args[0] not in LOOKS:
        forget()
    done = _ask(root, args)
    if _answers is not None and _reads(args):
        _answers[(str(root), args)] = done
    return done


def _ask(root: Path, args: tuple[str, ...]) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(root), *args], capture_output=True,
                          text=True, encoding="utf-8", errors="replace")


def _reads(args: tuple[str, ...]) -> bool:
    return args[0] in READS or args[:2] == ("config", "--get")
