"""Incremental builds: a draft whose inputs did not change since it was last built is not rendered again.

The manifest (.vanban/ban-dung.json, beside the workspace's other local state, never in outputs/) records
for each draft output a key — a hash of the engine's code and shipped templates, the workspace's own
templates, the validated document with its number line — and the hash of the DOCX written. A missing,
unreadable or foreign manifest, an output that is not the file recorded, or a changed key means the
document is built again: a wrong skip is never possible, only a needless render.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from engine.files import content_hash, write_json
from engine.model import Document
from engine.workspace import STATE

MANIFEST = Path(STATE) / "ban-dung.json"
FORMAT = 1
ENGINE = Path(__file__).resolve().parents[1]


def _shipped_templates() -> Path:
    """templates/docx/ of the project, installed as engine/templates/ in a wheel."""
    packaged = ENGINE / "templates"
    return packaged if packaged.is_dir() else ENGINE.parent / "templates" / "docx"


SHIPPED_TEMPLATES = _shipped_templates()


@cache
def engine_fingerprint() -> str:
    """Every source file of the engine and every shipped template: a new version rebuilds everything."""
    digest = hashlib.sha256()
    for path in sorted([*ENGINE.rglob("*.py"), *SHIPPED_TEMPLATES.glob("*.docx")]):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def workspace_fingerprint(root: Path) -> str:
    """The workspace's own templates (templates/docx/*.docx), which override the shipped ones."""
    digest = hashlib.sha256(engine_fingerprint().encode("ascii"))
    folder = root / "templates" / "docx"
    for path in sorted(folder.glob("*.docx")) if folder.is_dir() else []:
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def document_key(base: str, document: Document, number_line: str, output: Path) -> str:
    """What one draft is made from. The validated document's repr holds every value that reaches the page."""
    text = "\0".join((base, repr(document), number_line, output.as_posix()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_keys(base: str, documents: list[Document], numbering: dict, names: dict[str, Path]) -> dict[str, str]:
    """document_key of each document. A merged row's document is its series' pattern with the row's values
    filled in (engine.pipeline.merge.expand): its key is made of the pattern's repr, hashed once for the series,
    and the row's, not of the whole filled document's repr again for each of thousands of rows."""
    series: dict[int, "hashlib._Hash"] = {}  # the patterns live as long as this call: their ids stay theirs
    keys = {}
    for document in documents:
        pattern = document.merge.pattern if document.merge is not None and document.row is not None else None
        if pattern is None:
            keys[document.key] = document_key(base, document, numbering[document.key].line, names[document.key])
            continue
        if id(pattern) not in series:
            series[id(pattern)] = hashlib.sha256("\0".join((base, "tron", repr(pattern))).encode("utf-8"))
        digest = series[id(pattern)].copy()
        digest.update("\0".join(("", repr(document.location), repr(document.row), numbering[document.key].line,
                                  names[document.key].as_posix())).encode("utf-8"))
        keys[document.key] = digest.hexdigest()
    return keys


@dataclass
class Manifest:
    """Output (relative to outputs/) → [key, hash of the DOCX written]."""

    root: Path
    entries: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path) -> "Manifest":
        """The recorded builds, or none at all when the file is missing or not ours."""
        try:
            raw = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(root)
        if not isinstance(raw, dict) or raw.get("dang") != FORMAT or not isinstance(raw.get("tep"), dict):
            return cls(root)
        entries = {k: v for k, v in raw["tep"].items() if isinstance(v, list) and len(v) == 2}
        return cls(root, entries)

    def fresh(self, outputs: Path, output: Path, key: str) -> bool:
        """Built from exactly these inputs, and the file on disk is still the one written then."""
        entry = self.entries.get(output.as_posix())
        target = outputs / output
        if entry is None or entry[0] != key or not target.is_file():
            return False
        return content_hash(target.read_bytes()) == entry[1]

    def record(self, output: Path, key: str, digest: str) -> None:
        """`digest`: content_hash of the DOCX written."""
        self.entries[output.as_posix()] = [key, digest]

    def keep_only(self, outputs: set[str]) -> None:
        """Forget drafts that no longer exist, so the file does not grow for ever."""
        self.entries = {k: v for k, v in self.entries.items() if k in outputs}

    def save(self) -> None:
        data = {"dang": FORMAT, "tep": dict(sorted(self.entries.items()))}
        path = self.root / MANIFEST
        path.parent.mkdir(parents=True, exist_ok=True)
        write_json(path, data, indent=1)
