"""What an interrupted issue may leave behind, and what it may not delete.

Before it writes the numbered outputs, an issue records its intent in .vanban/dang-ban-hanh.json: the exact files
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
from engine.workspace import STATE

INTENT = "dang-ban-hanh.json"


def record_intent(root: Path, written: list[tuple[Path, bytes]]) -> None:
    """Say, before writing them, which files this issue is about to create (several for a merged series) and with
    which bytes."""
    intent = [{"tep": target.relative_to(root).as_posix(), "bam_tep": content_hash(data)} for target, data in written]
    write_atomically(state_folder(root) / INTENT, json.dumps(intent, ensure_ascii=False).encode("utf-8"))


def clear_intent(root: Path) -> None:
    (root / STATE / INTENT).unlink(missing_ok=True)


def leftovers(root: Path, register: Register) -> list[Path]:
    """The files an interrupted issue provably left half-done (written, never recorded), if any."""
    path = root / STATE / INTENT
    try:
        intent = json.loads(path.read_text(encoding="utf-8"))
        intents = [intent] if isinstance(intent, dict) else list(intent)  # one file, as older versions wrote
        named = [(root / item["tep"], item["tep"], item["bam_tep"]) for item in intents]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    recorded = {entry.output for entry in register.entries()}
    return [target for target, shown, expected in named if target.is_file()
            and content_hash(target.read_bytes()) == expected and shown not in recorded
            and not (git.is_repository(root) and git.known(root, target))]
