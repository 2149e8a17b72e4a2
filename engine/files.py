"""Files that are never half-written: a staged, synced copy renamed into place."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable, Iterator


def relative_posix(root: Path, path: Path) -> str:
    """`path` relative to `root`, with '/': by its text when it is root / something (thousands of register
    paths each time), by Path.relative_to otherwise (ValueError when it is not under root)."""
    text, prefix = str(path), str(root) + os.sep
    if text.startswith(prefix):
        return text[len(prefix):].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def content_hash(data: bytes) -> str:
    """What a manifest or cache records of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path, chunk: int = 1 << 20) -> str:
    """content_hash of a file's bytes, read a piece at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while piece := stream.read(chunk):
            digest.update(piece)
    return digest.hexdigest()


def write_atomically(path: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Readers see the old file or the new one, never a part; the rename is synced to disk. `data` as stage takes."""
    os.replace(stage(path, data), path)
    sync_folder(path.parent)


def write_json(path: Path, data: object, indent: int | None = None) -> None:
    """write_atomically for JSON (UTF-8, not escaped), written as it is encoded: a build's record of tens of
    thousands of documents is never held as one string and its bytes besides."""
    def write(stream: BinaryIO) -> None:
        for chunk in json.JSONEncoder(ensure_ascii=False, indent=indent).iterencode(data):
            stream.write(chunk.encode("utf-8"))
    write_atomically(path, write)


def write_all_atomically(items: list[tuple[Path, bytes]]) -> None:
    """write_atomically for many files (an issued series of thousands): each staged, all synced together, renamed
    into place, each folder synced once."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in items:
            staged.append((stage(path, data, synced=False), path))
        sync_all([temp for temp, _ in staged])
    except BaseException:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for temp, path in staged:
        os.replace(temp, path)
    for folder in sorted({path.parent for _, path in staged}):
        sync_folder(folder)


def sync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable. POSIX syncs the directory; Windows cannot open one (NTFS journals it)."""
    if on_windows():
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def stage(target: Path, data: bytes | Callable[[BinaryIO], None], synced: bool = True) -> Path:
    """A complete, synced copy next to the target, so that the final rename is atomic. `data`: the bytes, or
    what writes them to a stream (a file too large to hold in memory). `synced` False: the caller syncs it
    (sync_all, for thousands of files at once)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            if callable(data):
                data(stream)
            else:
                stream.write(data)
            stream.flush()
            if synced:
                os.fsync(stream.fileno())
        os.chmod(name, 0o666 & ~_umask())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def sync_all(paths: list[Path]) -> None:
    """Each file's bytes on disk before it is renamed into place. Many at once: a journaling file system commits
    concurrent syncs together, where one after another costs a disk flush each (seconds for thousands)."""
    if len(paths) < 2:
        for path in paths:
            _sync(path)
        return
    from concurrent.futures import ThreadPoolExecutor

    size = max(1, len(paths) // 256)  # a few hundred tasks, not one future held for each of tens of thousands
    with ThreadPoolExecutor(min(32, len(paths))) as pool:
        list(pool.map(_sync_each, (paths[i:i + size] for i in range(0, len(paths), size))))


def _sync_each(paths: list[Path]) -> None:
    for path in paths:
        _sync(path)


def _sync(path: Path) -> None:
    with open(path, "rb+") as stream:  # Windows flushes only a file opened for writing
        os.fsync(stream.fileno())


def on_windows() -> bool:
    return os.name == "nt"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask



@contextmanager
def scratch_folder(folder: Path) -> Iterator[Path]:
    """An empty folder for the time of a task, removed after it; what a killed task left there is removed first."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
