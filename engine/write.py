"""Write stage: put every rendered document in outputs/ all at once, or nothing at all."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from engine.errors import OutputError
from engine.render import Rendered

NEW, CHANGED, UNCHANGED = "mới", "thay đổi", "không đổi"


@dataclass(frozen=True)
class Written:
    rendered: Rendered
    path: Path
    status: str  # NEW, CHANGED or UNCHANGED


def write_all(rendered: list[Rendered], outputs: Path) -> list[Written]:
    """Stage every file beside its target first; only when all are staged are they moved into place."""
    plan = [Written(r, outputs / r.job.output, _status(outputs / r.job.output, r.data)) for r in rendered]
    staged: list[tuple[Path, Path]] = []
    try:
        for item in plan:
            if item.status != UNCHANGED:
                staged.append((_stage(item.path, item.rendered.data), item.path))
    except OSError as exc:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise OutputError(f"không ghi được tệp ({exc.strerror}); thư mục outputs/ giữ nguyên",
                          None, str(exc.filename or outputs)) from None
    for temp, target in staged:
        os.replace(temp, target)
    return plan


def _status(path: Path, data: bytes) -> str:
    if not path.exists():
        return NEW
    return UNCHANGED if path.read_bytes() == data else CHANGED


def _stage(target: Path, data: bytes) -> Path:
    """A complete, synced copy next to the target, so the final rename is atomic."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(name, 0o666 & ~_umask())
    return Path(name)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
