"""Write stage: put every rendered document in outputs/ all at once, or nothing at all.

Each document is staged (written) in a staging folder outside outputs/ as soon as it is rendered; only when
every one is staged are they synced to disk, all together, and moved into place, so a failed or killed build
leaves outputs/ as it was, and a power cut never leaves a renamed file whose bytes were not on disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable

from engine.errors import EngineError, Location, OutputError, stop_on
from engine.files import content_hash, file_hash, stage, sync_all

NEW, CHANGED, UNCHANGED, ISSUED = "mới", "thay đổi", "không đổi", "đã ban hành"


@dataclass(frozen=True)
class Written:
    path: Path
    status: str  # NEW, CHANGED, UNCHANGED or ISSUED (frozen, left as archived)


@dataclass(frozen=True)
class Staging:
    """Where a build's documents wait until all are ready (a folder outside outputs/), and outputs/ itself."""

    folder: Path
    outputs: Path


@dataclass(frozen=True)
class Staged:
    """One rendered document, on disk but not yet in outputs/."""

    output: Path        # relative to outputs/
    status: str         # NEW, CHANGED or UNCHANGED (outputs/ already holds these very bytes)
    digest: str         # content_hash of the DOCX, for the manifest
    temp: Path | None   # the staged copy; None when UNCHANGED


def stage_document(output: Path, data: bytes, staging: Staging) -> Staged:
    """Compare with the file in outputs/ and, if it differs, write a synced copy into the staging folder."""
    status = _status(staging.outputs / output, data)
    temp = None if status == UNCHANGED else stage(staging.folder / output, data, synced=False)
    return Staged(output, status, content_hash(data), temp)


def stage_written(output: Path, write: Callable[[BinaryIO], None], staging: Staging) -> Staged:
    """stage_document for a file written straight to the staging folder by `write` (a combined file of
    thousands of documents, never held in memory), then compared with the file in outputs/."""
    temp = stage(staging.folder / output, write, synced=False)
    digest, target = file_hash(temp), staging.outputs / output
    if not target.exists():
        return Staged(output, NEW, digest, temp)
    if target.stat().st_size == temp.stat().st_size and file_hash(target) == digest:
        temp.unlink()
        return Staged(output, UNCHANGED, digest, None)
    return Staged(output, CHANGED, digest, temp)


def discard(staged: list[Staged]) -> None:
    for item in staged:
        if item.temp is not None:
            item.temp.unlink(missing_ok=True)


def write_all(staged: list[Staged], outputs: Path) -> list[Written]:
    """Sync every staged document, then move each into outputs/, or none (see _publish)."""
    sync_all([s.temp for s in staged if s.temp is not None])
    _publish([(s.temp, outputs / s.output) for s in staged if s.temp is not None], outputs)
    return [Written(outputs / s.output, s.status) for s in staged]


def _publish(staged: list[tuple[Path, Path]], outputs: Path) -> None:
    """Move every staged file into place, or none: a file that cannot be replaced (on Windows, one open in
    Word) puts back every file already moved, removes the staged copies and names the file to close."""
    moved: list[tuple[Path, Path | None]] = []  # (target, the old file set aside, if there was one)
    try:
        for temp, target in staged:
            target.parent.mkdir(parents=True, exist_ok=True)
            backup = target.with_name(f".{target.name}.{os.getpid()}.cu.tmp") if target.exists() else None
            if backup is not None:
                os.replace(target, backup)
            moved.append((target, backup))
            os.replace(temp, target)
    except OSError as exc:
        _roll_back(moved, staged)
        shown = Path(exc.filename or outputs).name
        raise OutputError(f"không ghi được {shown} ({exc.strerror}); nếu tệp đang mở trong Word hay chương trình "
                          "khác, hãy đóng tệp rồi chạy lại; thư mục outputs/ giữ nguyên", None,
                          str(exc.filename or outputs)) from None
    for _, backup in moved:
        if backup is not None:
            backup.unlink(missing_ok=True)


def _roll_back(moved: list[tuple[Path, Path | None]], staged: list[tuple[Path, Path]]) -> None:
    for target, backup in reversed(moved):
        if backup is not None:
            os.replace(backup, target)
        else:
            target.unlink(missing_ok=True)
    for temp, _ in staged:
        temp.unlink(missing_ok=True)


def stale_drafts(draft: Path) -> list[Path]:
    """Remove the draft DOCX (and its PDF) of a document now issued; the paths, for the archive commit."""
    paths = [draft, draft.with_suffix(".pdf")]
    for path in paths:
        path.unlink(missing_ok=True)
    return paths


def refuse_collisions(targets: list[tuple[Path, Location]], outputs: Path, archived: set[Path]) -> None:
    """Two documents writing one file, or a draft landing on an issued document's archive: refused, before
    anything is rendered. `targets`: each document's output (relative to outputs/) and its location."""
    errors: list[EngineError] = []
    writers: dict[Path, str] = {}  # by the output itself: a path under outputs/ for each of thousands costs more
    for output, source in targets:
        shown = f"outputs/{output.as_posix()}"
        if outputs / output in archived:
            errors.append(OutputError(f"sẽ ghi đè {shown}, văn bản đã ban hành; hãy đổi tên tệp YAML này",
                                      source))
        elif output in writers:
            errors.append(OutputError(f"cùng ghi ra {shown} với {writers[output]}; hãy đổi tên một trong hai tệp",
                                      source))
        writers.setdefault(output, source.path)
    stop_on(errors)


def _status(path: Path, data: bytes) -> str:
    if not path.exists():
        return NEW
    return UNCHANGED if path.read_bytes() == data else CHANGED

