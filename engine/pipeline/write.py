"""Write stage: put every rendered document in outputs/ all at once, or nothing at all."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import EngineError, OutputError, stop_on
from engine.files import stage

if TYPE_CHECKING:
    from engine.pipeline.render import Rendered

NEW, CHANGED, UNCHANGED, ISSUED = "mới", "thay đổi", "không đổi", "đã ban hành"


@dataclass(frozen=True)
class Written:
    path: Path
    status: str  # NEW, CHANGED, UNCHANGED or ISSUED (frozen, left as archived)


def write_all(rendered: list["Rendered"], outputs: Path, archived: set[Path]) -> list[Written]:
    """Stage every file beside its target first; only when all are staged are they moved into place.

    Two documents writing one file, or a draft landing on an issued document's archive, is refused.
    """
    _refuse_collisions(rendered, outputs, archived)
    plan = [(r.data, Written(outputs / r.job.output, _status(outputs / r.job.output, r.data))) for r in rendered]
    staged: list[tuple[Path, Path]] = []
    try:
        for data, item in plan:
            if item.status != UNCHANGED:
                staged.append((stage(item.path, data), item.path))
    except OSError as exc:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise OutputError(f"không ghi được tệp ({exc.strerror}); thư mục outputs/ giữ nguyên",
                          None, str(exc.filename or outputs)) from None
    _publish(staged, outputs)
    return [item for _, item in plan]


def _publish(staged: list[tuple[Path, Path]], outputs: Path) -> None:
    """Move every staged file into place, or none: a file that cannot be replaced (on Windows, one open in
    Word) puts back every file already moved, removes the staged copies and names the file to close."""
    moved: list[tuple[Path, Path | None]] = []  # (target, the old file set aside, if there was one)
    try:
        for temp, target in staged:
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


def _refuse_collisions(rendered: list["Rendered"], outputs: Path, archived: set[Path]) -> None:
    errors: list[EngineError] = []
    writers: dict[Path, str] = {}
    for item in rendered:
        target, source = outputs / item.job.output, item.job.document.location
        shown = f"outputs/{item.job.output.as_posix()}"
        if target in archived:
            errors.append(OutputError(f"sẽ ghi đè {shown}, văn bản đã ban hành; hãy đổi tên tệp YAML này",
                                      source))
        elif target in writers:
            errors.append(OutputError(f"cùng ghi ra {shown} với {writers[target]}; hãy đổi tên một trong hai tệp",
                                      source))
        writers.setdefault(target, source.path)
    stop_on(errors)



def _status(path: Path, data: bytes) -> str:
    if not path.exists():
        return NEW
    return UNCHANGED if path.read_bytes() == data else CHANGED

