"""What git's history says about the register, remembered between runs by commit (.vanban/lich-su.json).

Checking a register against git reads every commit that changed its year file, and the files every issue commit
added under outputs/: with one commit per issued document, 10,000 commits take git seconds to walk, every time.
The answer to such a `git log` up to commit C is kept with C. The next run asks git only for C..HEAD and puts
that answer before the kept one, which is what the whole log prints when HEAD's history runs straight back to C:
C is an ancestor of HEAD and no merge commit lies between (a merge changes how a path-limited log walks and
orders). Otherwise, and when the file is missing or damaged, the whole history is read again: the cache can
only save work, never change an answer. What git prints does not depend on vanban's version: the query is the key.
"""

from __future__ import annotations

import json
from pathlib import Path

from engine.errors import OutputError
from engine.registry import git as git
from engine.registry.hashes import write_cache
from engine.workspace import STATE

CACHE = "lich-su.json"
FORMAT = 1
HEAD = ("rev-parse", "--verify", "--quiet", "HEAD")


def log(root: Path, query: tuple[str, ...]) -> str:
    """`git log` for `query` (("log", options…, "--", paths…)), its output as git prints it for HEAD."""
    head = _head(root)
    if head is None:  # no commit yet: nothing to remember
        return git.log(root, *query[1:])
    book = _book(root)
    kept = book.get(_key(query))
    if kept is not None and kept["dau"] == head:
        return kept["ra"]
    if kept is not None and _straight(root, kept["dau"], head):
        out = _run(root, query, f"{kept['dau']}..{head}") + kept["ra"]
    else:
        out = _run(root, query, head)
    book[_key(query)] = {"dau": head, "ra": out}
    _save(root, book)
    return out


def prefetch(root: Path, *queries: tuple[str, ...]) -> None:
    """Inside `git.remembered`: start now, side by side, what `log` will ask git for these queries."""
    head = _head(root)
    if head is None:
        return
    book, asked = _book(root), []
    for query in queries:
        kept = book.get(_key(query))
        if kept is None:
            asked.append(_ranged(query, head))
        elif kept["dau"] != head:  # most likely still straight: the whole log is asked for only when it is not
            asked += [_ranged(query, f"{kept['dau']}..{head}"), *_checks(kept["dau"], head)]
    if asked:
        git.prefetch(root, *dict.fromkeys(asked))


def _run(root: Path, query: tuple[str, ...], revisions: str) -> str:
    """git's answer; OutputError when git fails (an object it cannot read for a moment: antivirus, a synced
    folder): a partial or empty log would be remembered as the history and let a number be given twice."""
    done = git.ask(root, *_ranged(query, revisions))
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["không rõ lý do"])[0]
        raise OutputError(f"git không đọc được lịch sử của sổ văn bản đi ({reason}); hãy chạy lại lệnh, nếu vẫn lỗi "
                          "hãy kiểm tra kho git (git fsck)")
    return done.stdout


def _ranged(query: tuple[str, ...], revisions: str) -> tuple[str, ...]:
    """The query with `revisions` before its '--' (paths)."""
    cut = query.index("--")
    return (*query[:cut], revisions, *query[cut:])


def _checks(kept: str, head: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return ("merge-base", "--is-ancestor", kept, head), ("rev-list", "--min-parents=2", "--max-count=1",
                                                          f"{kept}..{head}")


def _straight(root: Path, kept: str, head: str) -> bool:
    """HEAD's history runs back to `kept` without a merge: what was read up to `kept` is still the log's tail."""
    ancestor, merges = (git.ask(root, *check) for check in _checks(kept, head))
    return ancestor.returncode == 0 and merges.returncode == 0 and not merges.stdout.strip()


def _head(root: Path) -> str | None:
    if not git.is_repository(root):
        return None
    done = git.ask(root, *HEAD)
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def _key(query: tuple[str, ...]) -> str:
    return "\x1f".join(query)


_BOOKS: dict[str, dict[str, dict[str, str]]] = {}  # workspace → its cache, read once per process


def _book(root: Path) -> dict[str, dict[str, str]]:
    if str(root) not in _BOOKS:
        _BOOKS[str(root)] = _load(root)
    return _BOOKS[str(root)]


def _load(root: Path) -> dict[str, dict[str, str]]:
    try:
        raw = json.loads((root / STATE / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict) or raw.get("dang") != FORMAT:
        return {}
    logs = raw.get("lenh")
    if not isinstance(logs, dict):
        return {}
    return {key: value for key, value in logs.items() if isinstance(value, dict) and set(value) == {"dau", "ra"}
            and all(isinstance(v, str) for v in value.values())}


def _save(root: Path, book: dict[str, dict[str, str]]) -> None:
    write_cache(root, CACHE, {"dang": FORMAT, "lenh": book})
