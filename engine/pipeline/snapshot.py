"""A build with nothing to do: every input the last build read is byte for byte the same, and so is every output.

After a build that refused nothing, .vanban/ban-dung-lan-truoc.json records one hash of every byte a build can
read — the engine's code and shipped templates, the manifest (manifest.py), vanban.yaml, every file under plans/ (YAML, lists, workbooks,
attached texts, notes alike), templates/, the register — and a hash of each list a merge names outside those
folders, then the hash of every draft output and the notices the build printed. When all of it still matches,
the next build reads each file once, renders and validates nothing, and says what the last one said.

The hashes are kept file by file, with what the other documents' checks need from each plan file (Facts): when
only files under plans/ were edited or added, `compare` names them and partial.py decides whether building only
those gives what the full build would.

Anything the snapshot cannot vouch for means a full build: a missing, damaged or foreign snapshot, a symbolic
link or a file that is not a regular one anywhere in those folders, an added, removed or edited file, an output
that is missing or not the bytes written. The snapshot is removed before a full build starts, so a build that
fails or is killed never leaves one that could describe other outputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import EngineError, Location, Notice
from engine.files import content_hash, write_json
from engine.pipeline.manifest import MANIFEST, engine_fingerprint
from engine.pipeline.write import ISSUED
from engine.workspace import PLANS, PROFILE, REGISTER_FOLDER, STATE

SNAPSHOT = Path(STATE) / "ban-dung-lan-truoc.json"
FORMAT = 2
REGISTER = REGISTER_FOLDER
WATCHED = (Path(PROFILE), Path(PLANS), Path("templates"), REGISTER)


class _Unsure(Exception):
    """Something in the workspace the snapshot does not describe with certainty (a link, a FIFO …)."""


@dataclass(frozen=True)
class Outcome:
    """What the last build reported: each output (absolute path, status) and the notices it printed."""

    written: list[tuple[Path, str]]
    notices: list[EngineError]


@dataclass
class Facts:
    """What the rest of a build needs from each plan file without reading it: which files are plain documents
    (no kem_theo, no tron, not data, not a list; True when their validation printed a notice), the files each
    one names (so_lieu, kem_theo, tron.nguon), the number each draft claims ([year, series, number]), the data
    files. Keys are relative posix paths."""

    plain: dict[str, bool] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    numbers: dict[str, list] = field(default_factory=dict)
    data: set[str] = field(default_factory=set)

    def named(self) -> set[str]:
        return {name for names in self.links.values() for name in names}


@dataclass(frozen=True)
class Changes:
    """Only these plan files (relative posix paths) were edited or added since the last build."""

    changed: list[str]
    existed: set[str]  # those of them the last build read
    inputs: dict[str, str]
    outside: dict[str, str]
    written: list[tuple[Path, str, str | None]]
    notices: list[EngineError]
    facts: Facts


def listing(root: Path) -> dict[str, str] | None:
    """The hash of every file a build can read inside the workspace ("-" for a folder), by relative posix path;
    None when something there is not certain."""
    found = {"": hashlib.sha256("\0".join((engine_fingerprint(), sys.version, str(root))).encode("utf-8")).hexdigest()}
    try:
        for top in WATCHED:
            for relative, path in _files(root, top):
                found[relative] = "-" if path is None else content_hash(path.read_bytes())
    except (_Unsure, OSError):
        return None
    return found


def _files(root: Path, top: Path) -> list[tuple[str, Path | None]]:
    """(relative posix path, path) of every regular file at or under `top` and (path, None) of every folder,
    sorted; _Unsure on a link or an unusual file, so that whatever the build might follow is never left out."""
    path = root / top
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return []
    if stat.S_ISREG(info.st_mode):
        return [(top.as_posix(), path)]
    if not stat.S_ISDIR(info.st_mode):  # a symbolic link, a FIFO, a device
        raise _Unsure(path)
    found: list[tuple[str, Path | None]] = [(top.as_posix() + "/", None)]
    with os.scandir(path) as entries:
        for entry in entries:
            found += _files(root, top / entry.name)
    return sorted(found, key=lambda item: item[0])


def outside_lists(root: Path, lists: set[Path]) -> dict[str, str]:
    """The lists merges name outside the watched folders (`nguon: ../../ho-ngheo.csv`), with their hashes."""
    watched = [(root / top).resolve() for top in WATCHED]
    found = {}
    for path in sorted(lists):
        resolved = path.resolve()
        if not any(resolved == top or top in resolved.parents for top in watched):
            found[str(resolved)] = _hash_of(resolved)
    return found


def _hash_of(path: Path) -> str:
    try:
        return content_hash(path.read_bytes())
    except OSError:
        return "khong-doc-duoc"


def forget(root: Path) -> None:
    """Before a full build: whatever it does, the old snapshot no longer describes the outputs."""
    (root / SNAPSHOT).unlink(missing_ok=True)


def record(root: Path, inputs: dict[str, str] | None, outside: dict[str, str],
           written: list[tuple[Path, str, str | None]], notices: list[EngineError], facts: Facts) -> None:
    """After a build that refused nothing: `written` is (path, status, hash of the bytes written or None for an
    issued document's archive, which a build never rewrites)."""
    if inputs is None or any(digest is None and status != ISSUED for _, status, digest in written):
        return
    data = {"dang": FORMAT, "dau_vao": inputs, "ngoai": outside, "ban_dung": _hash_of(root / MANIFEST),
            "tep": [[path.relative_to(root).as_posix(), status, digest] for path, status, digest in written],
            "luu_y": [_notice(n) for n in notices], "van_ban": facts.plain, "ten": facts.links,
            "so": facts.numbers, "so_lieu": sorted(facts.data)}
    write_json(root / SNAPSHOT, data)


def compare(root: Path) -> Outcome | Changes | None:
    """The last build's outcome when nothing it read or wrote has changed since; the files edited or added when
    only plan files changed and everything else is as it was; None means build in full."""
    try:
        data = json.loads((root / SNAPSHOT).read_text(encoding="utf-8"))
        if data["dang"] != FORMAT or data["ban_dung"] != _hash_of(root / MANIFEST):
            return None
        if any(_hash_of(Path(path)) != digest for path, digest in data["ngoai"].items()):
            return None
        written = []
        for relative, status, digest in data["tep"]:
            path = root / relative
            if digest is not None and _hash_of(path) != digest or digest is None and not path.is_file():
                return None
            written.append((path, str(status), digest))
        notices = [_notice_of(item) for item in data["luu_y"]]
        now, before = listing(root), data["dau_vao"]
        if now is None or not isinstance(before, dict):
            return None
        if now == before:
            return Outcome([(path, status) for path, status, _ in written], notices)
        changed = sorted(k for k in now.keys() | before.keys() if now.get(k) != before.get(k))
        facts = Facts({str(k): bool(v) for k, v in data["van_ban"].items()},
                      {str(k): [str(x) for x in v] for k, v in data["ten"].items()},
                      {str(k): [[int(y), str(s), int(n)] for y, s, n in v] for k, v in data["so"].items()},
                      {str(x) for x in data["so_lieu"]})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if any(k not in now or now[k] == "-" or before.get(k) == "-" or not k.startswith(PLANS + "/") for k in changed):
        return None  # removed, a folder, or outside plans/: the full build
    return Changes(changed, {k for k in changed if k in before}, now, data["ngoai"], written, notices, facts)


def _notice(notice: EngineError) -> list:
    where = notice.location
    return [notice.message, notice.field, None if where is None else [where.path, where.line, where.column,
                                                                      where.sheet]]


def _notice_of(item: list) -> Notice:
    message, field, where = item
    return Notice(str(message), None if where is None else Location(*where), str(field))
