"""What an interrupted issue may leave behind, and what it may not delete.

Before it writes the numbered output, an issue records its intent in .vanban/dang-ban-hanh.json: the exact file
and the hash of the bytes it is about to write. Once the register line is written the intent is removed. The next
issue deletes a leftover only when that intent names it, its bytes are still exactly those, no register line
points to it and git has never recorded it. Nothing is ever deleted because of its name alone.
"""

from __future__ import annotations

import json
from pathlib import Path

from engine.files import write_atomically
from engine.registry import git as git
from engine.registry.register import Register, content_hash, state_folder

INTENT = "dang-ban-hanh.json"


def record_intent(root: Path, target: Path, data: bytes) -> None:
    """Say, before writing it, which file this issue is about to create and with which bytes."""
    intent = {"tep": target.relative_to(root).as_posix(), "bam_tep": content_hash(data)}
    write_atomically(state_folder(root) / INTENT, json.dumps(intent, ensure_ascii=False).encode("utf-8"))


def clear_intent(root: Path) -> None:
    (root / ".vanban" / INTENT).unlink(missing_ok=True)


def leftovers(root: Path, register: Register) -> list[Path]:
    """The one file an interrupted issue provably left half-done (written, never recorded), if any."""
    path = root / ".vanban" / INTENT
    try:
        intent = json.loads(path.read_text(encoding="utf-8"))
        target = root / intent["tep"]
        expected = intent["bam_tep"]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    if not target.is_file() or content_hash(target.read_bytes()) != expected:
        return []
    if intent["tep"] in {entry.output for entry in register.entries()}:
        return []
    if git.is_repository(root) and git.known(root, target):
        return []
    return [target]
