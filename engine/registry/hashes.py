"""What the archive check computes for every issued file, remembered between runs (.vanban/bam-tep.json).

`vanban issue` verifies the archive before giving a number; with thousands of entries, re-reading and re-parsing
every issued source each time would dominate. A file's bytes are hashed again whenever its size, modification
time, change time or inode differ from those recorded (and while its modification is recent, in case it is
written again within the clock's resolution); a source's meaning hash (source_hash) and the files it names are
reused only while the bytes of the source and of each file it names are those recorded. A missing, damaged or
foreign cache, or another engine version, is ignored: the cache can only save work, never change a verdict.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import orjson

from engine.files import content_hash, relative_posix
from engine.registry.register import RECENT_NS, made_from, meaning, source_hash, split_source, state_folder
from engine.workspace import STATE

CACHE = "bam-tep.json"
FORMAT = 2
ABSENT = "khong-co"


_OPEN: dict[Path, "Hashes"] = {}
_holding = 0  # inside saved_once: save() waits for the block's end


def hashes(root: Path) -> "Hashes":
    """The workspace's cache, read once per process (every answer is checked against the files anyway)."""
    if root not in _OPEN:
        _OPEN[root] = Hashes(root)
    return _OPEN[root]


@contextmanager
def saved_once(root: Path) -> Iterator[None]:
    """Inside the block the cache is written once, at its end, however many checks learn from it (10,000 entries:
    several MB of JSON); it is read when first asked for, not when the block starts."""
    global _holding
    _holding += 1
    try:
        yield
    finally:
        _holding -= 1
        if root in _OPEN:
            _OPEN[root].save()


class Hashes:
    """Byte hashes, source hashes and linked files of one workspace's issued files, cached by file state."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.base = os.fspath(root)
        self.files: dict[str, list] = {}     # relative path → [size, mtime_ns, ctime_ns, inode, byte hash]
        # a register's nguon (a row of a merged list: "…yaml#key") → {"theo_doi": {path: byte hash} of every file
        # its meaning is read from, list included; "tep": the files its issue froze; "bam_nguon": its source_hash}
        self.sources: dict[str, dict] = {}
        self.changed = False
        self._load()

    def content(self, path: Path) -> str:
        """content_hash of the file's bytes (ABSENT when it does not exist); OSError when it cannot be read."""
        return self._content(self._relative(path))

    def source_hash(self, source: str) -> str:
        """register.source_hash of an issued source, given as the register's nguon."""
        return self._source(source)["bam_nguon"]

    def made_from(self, source: str) -> list[str]:
        """register.made_from of an issued source (the register's nguon), names workspace-relative with '/'."""
        return list(self._source(source)["tep"])

    def made_from_present(self, source: str) -> list[str]:
        """made_from, or nothing when the source's file does not exist; its file is looked at once, not twice."""
        file = split_source(source)[0]
        digest = self._content_or_none(file)
        if digest == ABSENT:
            return []
        known = self.sources.get(source)
        if known is not None:
            followed = known["theo_doi"]
            if followed.get(file) == digest and (len(followed) == 1 or all(  # nearly always the source alone
                    self._content_or_none(name) == expected for name, expected in followed.items() if name != file)):
                return list(known["tep"])
        return self.made_from(source)

    def _content(self, name: str) -> str:
        full = os.path.join(self.base, name)  # strings, not Paths: this runs for every issued file
        try:
            state = _state(os.stat(full))
        except FileNotFoundError:
            return ABSENT
        known = self.files.get(name)
        if known is not None and known[:4] == state and time.time_ns() - state[1] > RECENT_NS:
            return known[4]
        with open(full, "rb") as stream:
            digest = content_hash(stream.read())
        self.files[name] = [*state, digest]
        self.changed = True
        return digest

    def save(self) -> None:
        """Write the cache if anything was learnt; a cache that cannot be written is no error."""
        if not self.changed or _holding:
            return
        if write_cache(self.root, CACHE, {"dang": FORMAT, "may": _engine(), "tep": self.files, "nguon": self.sources}):
            self.changed = False

    def _source(self, source: str) -> dict:
        known = self.sources.get(source)
        if known is not None and all(self._content_or_none(name) == digest
                                     for name, digest in known["theo_doi"].items()):
            return known
        file, row = split_source(source)
        path = self.root / file
        first = self._content_or_none(self._relative(path))  # its bytes before the one read of its meaning below
        value = meaning(path)  # read and parsed once for the three answers (10,000 sources the first time)
        before = {name: self._content_or_none(name) for name in map(self._relative, made_from(path, value=value))}
        record = {"theo_doi": before, "tep": [self._relative(p) for p in made_from(path, row, value)],
                  "bam_nguon": source_hash(path, row, value)}
        after = {name: self._content_or_none(name) for name in before}
        if after == before and before.get(self._relative(path)) == first:  # not written meanwhile: what was
            self.sources[source] = record  # hashed is what was read, and is recorded
            self.changed = True
        return record

    def _content_or_none(self, name: str) -> str | None:
        try:
            return self._content(name)
        except OSError:
            return None

    def _relative(self, path: Path) -> str:
        try:
            return relative_posix(self.root, path)
        except ValueError:  # a file a source names outside the workspace
            return Path(os.path.relpath(path, self.root)).as_posix()

    def _load(self) -> None:
        try:
            raw = json.loads((self.root / STATE / CACHE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(raw, dict) or raw.get("dang") != FORMAT or raw.get("may") != _engine():
            return
        files, sources = raw.get("tep"), raw.get("nguon")
        if not isinstance(files, dict) or not isinstance(sources, dict):
            return
        self.files = {k: v for k, v in files.items() if _valid_file(v)}
        self.sources = {k: v for k, v in sources.items() if _valid_source(v)}


def write_cache(root: Path, name: str, data: dict) -> bool:
    """Write a cache file of .vanban/ whole or not at all, never synced to disk: a cache lost or cut short by a crash
    is only ignored. False when it cannot be written, which is no error. orjson writes megabytes of it several
    times faster than json (json still for what orjson cannot write: an inode number over 64 bits)."""
    target = state_folder(root) / name
    staged = target.with_name(f".{name}.{os.getpid()}.tmp")
    try:
        try:
            text = orjson.dumps(data)
        except orjson.JSONEncodeError:
            text = json.dumps(data, ensure_ascii=False, check_circular=False).encode("utf-8")
        staged.write_bytes(text)
        os.replace(staged, target)
    except OSError:
        staged.unlink(missing_ok=True)
        return False
    return True


def _state(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def _valid_file(value: object) -> bool:  # runs for every issued file: plain checks, no generators
    return (type(value) is list and len(value) == 5 and type(value[0]) is int and type(value[1]) is int
            and type(value[2]) is int and type(value[3]) is int and type(value[4]) is str)


def _valid_source(value: object) -> bool:  # runs for every issued source: no generators
    if not (type(value) is dict and type(value.get("bam_nguon")) is str and type(value.get("theo_doi")) is dict
            and value["theo_doi"] and type(value.get("tep")) is list):
        return False
    for each in (*value["theo_doi"].values(), *value["tep"]):
        if type(each) is not str:
            return False
    return True


def _engine() -> str:
    """How sources are read and hashed may change with the engine: a cache from another version is not used."""
    from engine.pipeline.manifest import engine_fingerprint

    return engine_fingerprint()
