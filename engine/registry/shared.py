"""One register shared by several PCs through a git remote (vanban.yaml: `kho_chung: origin`).

A number is claimed by pushing the issue commit. Under the workspace lock: fetch the remote, fast-forward (a
branch that has diverged is refused), number, commit, push. A push the remote refuses (another PC pushed first)
undoes the local attempt: the numbered output, the register line and the commit go, nothing else; then fetch,
fast-forward and try again with the next number, a bounded number of times. Never a force push. An unreachable
remote refuses before any number is given: a number given offline could be given on another PC too.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import time
from pathlib import Path
from typing import Any, Callable

from engine.errors import Location, RegisterError
from engine.files import write_atomically
from engine.registry import git as git
from engine.registry.register import FOLDER, HEADER, Register, data_key

ATTEMPTS = 10  # a PC that lost the race this many times in a row gives up with a clear message
BACKOFF_LIMIT = 5.0  # seconds: the longest wait between two attempts
TIMEOUT = 120  # seconds for one fetch or push: a server that does not answer is an unreachable one
PROFILE = "vanban.yaml"
OWN_COMMITS = ("Ban hành ",)  # an archive commit of verify --sua is never taken back: what it holds was issued


def claim(root: Path, remote: str, register: Register, attempt: Callable[[], Any],
          pause: Callable[[str], None] = lambda step: None) -> Any:
    """Run `attempt` (number, write, commit; returns an Issued) until its commit reaches `remote`."""
    where = _where(root)
    _check_remote(root, remote, where)
    branch = _branch(root, where)
    refused = ""
    for tried in range(ATTEMPTS):
        started = time.monotonic()
        _sync(root, remote, branch, register, where)
        base = _head(root)
        issued = attempt()
        if issued.commit is None:  # git refused the commit: without a commit there is nothing to push
            undo(root, base, register, [issued.output, *issued.more])
            raise RegisterError(f"chưa lưu được vào git nên chưa cấp số (sổ dùng chung qua kho '{remote}' chỉ "
                                f"nhận số đã lưu): {issued.commit_failed}", where)
        pause("truoc-khi-day")
        refused = _push(root, remote, branch)
        if refused is None:
            pause("da-day")
            return issued
        undo(root, base, register, [issued.output, *issued.more])
        pause("da-hoan-tac")
        # Back off as Ethernet does: PCs that collided wait a random time, up to a window that doubles each time
        slot = time.monotonic() - started
        time.sleep(random.uniform(0, min(BACKOFF_LIMIT, slot * 2 ** tried)))
    raise RegisterError(f"đã thử {ATTEMPTS} lần nhưng lần nào máy khác cũng vừa cấp số trước trên kho chung "
                        f"'{remote}' (lần cuối {_last(refused)}); chưa cấp số cho văn bản này, hãy ban hành lại "
                        "sau ít phút", where)


def undo(root: Path, base: str, register: Register, written: list[Path]) -> None:
    """Take back an attempt whose number was not claimed: the numbered files it (and any local commit since
    `base`) added, the register lines, the commits. The working files go first, then the commits (a process killed
    in between leaves a register that disagrees with HEAD, which issue refuses and verify --sua repairs). Sources
    stay as the clerk wrote them; a file any ref of git still holds is never deleted."""
    added = _run(root, "diff", "--name-only", "--diff-filter=A", base, "HEAD", "--", "outputs").stdout.splitlines()
    folder = FOLDER.as_posix() + "/"
    outputs = {root / name for name in added if not name.startswith(folder)} | set(written)
    for year in register.years():
        committed = git.show(root, base, register.shown(year))
        path = register.path(year)
        if committed is None:
            path.unlink(missing_ok=True)
        elif path.read_bytes().decode("utf-8-sig", errors="replace") != committed:
            write_atomically(path, committed.encode("utf-8"))
    for path in sorted(outputs):
        relative = path.relative_to(root).as_posix()
        held = _run(root, "log", "--all", "--format=%H", "-1", f"^{_head(root)}", "--", relative).stdout.strip()
        if path.is_file() and git.show(root, base, relative) is None and not held:
            path.unlink()
    if _head(root) != base:
        removed = _run(root, "diff", "--name-only", "--diff-filter=D", base, "HEAD", "--", "outputs").stdout.split("\n")
        if [name for name in removed if name]:  # drafts the attempt replaced, as they were
            _run(root, "checkout", base, "--", *[name for name in removed if name])
        _run(root, "reset", "--quiet", base, check=True)


def _sync(root: Path, remote: str, branch: str, register: Register, where: Location) -> None:
    """Fetch and fast-forward to the remote branch; nothing is numbered when that is not possible."""
    fetched = _run(root, "fetch", "--quiet", "--no-tags", remote, f"+refs/heads/*:refs/remotes/{remote}/*",
                   network=True)
    if fetched.returncode != 0:
        raise RegisterError(f"không kết nối được kho chung '{remote}' ({_last(fetched.stderr)}); chưa cấp số vì số "
                            "cấp khi không kết nối có thể trùng với số máy khác cấp. Hãy kiểm tra mạng hoặc thư mục "
                            "dùng chung rồi ban hành lại", where)
    upstream = f"refs/remotes/{remote}/{branch}"
    if _run(root, "rev-parse", "--verify", "--quiet", upstream).returncode != 0:
        return  # the shared repository has no such branch yet: this push creates it
    if _ancestor(root, upstream, "HEAD"):
        return  # up to date, or ahead with commits the next push carries
    _recover_pending(root, remote, register, where)
    if not _ancestor(root, "HEAD", upstream):
        _recover_diverged(root, remote, branch, upstream, register, where)
    _make_way(root, upstream)
    merged = _run(root, "merge", "--ff-only", "--quiet", upstream)
    if merged.returncode != 0:
        raise RegisterError(f"không cập nhật được từ kho chung '{remote}' ({_last(merged.stderr)}); chưa cấp số. "
                            "Thường là do có tệp sửa dở trùng với tệp máy khác đã lưu: hãy xem 'git status' rồi "
                            "ban hành lại", where)


def _recover_diverged(root: Path, remote: str, branch: str, upstream: str, register: Register,
                      where: Location) -> None:
    """Local commits the remote lacks while it moved on. When they are all vanban's own issue commits (an issue
    killed before its push), their numbers were never claimed: they are taken back and the clerk is told."""
    base = _run(root, "merge-base", "HEAD", upstream, check=True).stdout.strip()
    subjects = _run(root, "log", "--format=%s", f"{upstream}..HEAD").stdout.splitlines()
    if not all(s.startswith(OWN_COMMITS) for s in subjects):
        raise RegisterError(f"nhánh '{branch}' ở máy này đã tách khỏi kho chung '{remote}' (có commit khác chưa "
                            "đẩy lên trong khi máy khác đã đẩy); vanban không tự gộp. Hãy gộp bằng git (git pull) "
                            "rồi ban hành lại; chưa cấp số", where)
    dropped = subjects
    undo(root, base, register, [])
    _make_way(root, upstream)
    merged = _run(root, "merge", "--ff-only", "--quiet", upstream)
    detail = f" ({_last(merged.stderr)})" if merged.returncode != 0 else ""
    raise RegisterError("lần ban hành trước trên máy này bị ngắt trước khi đẩy lên kho chung "
                        f"'{remote}', trong khi máy khác đã cấp số; các số đó chưa được cấp và đã được hủy"
                        f"{detail}: {'; '.join(dropped)}. Hãy ban hành lại các văn bản đó",
                        where)


def _recover_pending(root: Path, remote: str, register: Register, where: Location) -> None:
    """Register lines written but never committed (an issue killed before its commit) while another PC pushed:
    their numbers were never claimed. They are taken back with their numbered files, and the clerk is told."""
    pending: list[str] = []
    outputs: list[Path] = []
    for year in register.years():
        kept = set((git.show(root, "HEAD", register.shown(year)) or "").splitlines())
        for line in register.path(year).read_bytes().decode("utf-8-sig", errors="replace").splitlines():
            if data_key(line) is not None and line not in kept:
                cells = line.split("\t")
                pending.append(f"{cells[0]}/{cells[1]} ({cells[HEADER.index('nguon')]})")
                outputs.append(root / cells[HEADER.index("tep")])
    if not pending:
        return
    undo(root, _head(root), register, outputs)
    raise RegisterError(f"trên máy này có số đã ghi vào sổ nhưng chưa lưu và chưa đẩy lên kho chung '{remote}' "
                        f"(lần ban hành bị ngắt), trong khi máy khác đã cấp số; các số đó chưa được cấp và đã được "
                        f"hủy: {'; '.join(pending)}. Hãy ban hành lại các văn bản đó", where)


def _make_way(root: Path, upstream: str) -> None:
    """An untracked file the fast-forward brings with exactly the same bytes (the .gitattributes line every first
    issue writes, left untracked by an undone attempt) is handed over to git; any other one stops the merge."""
    added = _run(root, "diff", "--name-only", "--diff-filter=A", "HEAD", upstream).stdout.splitlines()
    for path in git.untracked(root, [root / name for name in added]):
        relative = path.relative_to(root).as_posix()
        theirs = _run(root, "cat-file", "blob", f"{upstream}:{relative}")  # bytes may not be UTF-8: compare by hash
        if theirs.returncode == 0 and _blob_id(root, path) == _run(root, "rev-parse", f"{upstream}:{relative}").stdout.strip():
            path.unlink()


def _blob_id(root: Path, path: Path) -> str:
    return _run(root, "hash-object", "--", str(path)).stdout.strip()


def _check_remote(root: Path, remote: str, where: Location) -> None:
    if not git.is_repository(root):
        raise RegisterError(f"kho_chung: '{remote}' cần thư mục làm việc là một kho git (git clone từ kho chung); "
                            "chưa cấp số", where)
    names = _run(root, "remote").stdout.split()
    if remote not in names:
        known = f" (các remote hiện có: {', '.join(names)})" if names else " (kho này chưa có remote nào)"
        raise RegisterError(f"kho_chung: không có remote git '{remote}' trong kho này{known}; hãy sửa kho_chung "
                            f"hoặc thêm remote bằng 'git remote add {remote} <địa chỉ kho chung>'; chưa cấp số",
                            where)


def _branch(root: Path, where: Location) -> str:
    done = _run(root, "symbolic-ref", "--quiet", "--short", "HEAD")
    if done.returncode != 0:
        raise RegisterError("kho git không ở trên một nhánh (detached HEAD) nên không đẩy được lên kho chung; "
                            "hãy chuyển về nhánh chính (git switch main) rồi ban hành lại; chưa cấp số", where)
    return done.stdout.strip()


def _push(root: Path, remote: str, branch: str) -> str | None:
    """Push the branch (never forced); git's refusal, or None when the remote took it."""
    done = _run(root, "push", "--quiet", remote, f"HEAD:refs/heads/{branch}", network=True)
    return None if done.returncode == 0 else (done.stderr.strip() or "git push thất bại")


def _where(root: Path) -> Location:
    """vanban.yaml's kho_chung line, for every message about the shared register."""
    try:
        lines = (root / PROFILE).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return Location(PROFILE)
    for number, line in enumerate(lines, start=1):
        found = re.match(r"kho_chung\s*:\s*", line)
        if found:
            return Location(PROFILE, number, found.end() + 1)
    return Location(PROFILE)


def _head(root: Path) -> str:
    return _run(root, "rev-parse", "HEAD", check=True).stdout.strip()


def _ancestor(root: Path, older: str, newer: str) -> bool:
    return _run(root, "merge-base", "--is-ancestor", older, newer).returncode == 0


def _last(text: str) -> str:
    """What git said, in one line: its first 'fatal:' or 'error:' line (the cause), else its last line; git's
    closing advice ("…and the repository exists.") alone tells the clerk nothing."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    causes = [line for line in lines if line.startswith(("fatal:", "error:"))]
    return f"git báo: {causes[0] if causes else lines[-1]}" if lines else "không rõ lý do"


def _run(root: Path, *args: str, check: bool = False, network: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"} if network else None
    git.forget()  # a fetch, reset or push changes what git answers
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", "-C", str(root), *args], capture_output=True,
                              text=True, encoding="utf-8", errors="replace", env=env,
                              timeout=TIMEOUT if network else None)
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(args, 1, "", f"quá {TIMEOUT} giây không có trả lời")
    if check and done.returncode != 0:
        raise RegisterError(f"git {args[0]} thất bại ({_last(done.stderr)})")
    return done
