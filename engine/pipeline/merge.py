"""Merge (trộn văn bản): a document with `tron:` becomes one document per row, and one combined file to print.

Each row's document is a document of its own — its file name from `ten_tep`, its register key
`plans/2024/giay-xac-nhan.yaml#HN-007`, its own manifest entry (editing one row re-renders only that row's
document) — made by filling the row's values into every text, in one pass, as data: a value's `&`, `<` or
`{{ }}` prints as typed. The combined file (`gop: true`) is `giay-xac-nhan.docx`, beside them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from engine.errors import Location
from engine.model import Document
from engine.pipeline.compute import Job
from engine.pipeline.manifest import Manifest
from engine.pipeline.data import map_texts
from engine.pipeline.merge_rules import FIELD, fill
from engine.pipeline.number import draft_name
from engine.workspace import OUTPUTS, PLANS

if TYPE_CHECKING:  # rendering and combining load docxtpl and lxml: only a build that writes needs them
    from engine.pipeline.render import Rendered
    from engine.pipeline.write import Staged, Staging

COMBINED_TEMPLATE = "gop"  # the Job of a combined file is never rendered: its bytes are its members'


def expand(document: Document) -> list[Document]:
    """A merged document as one document per row of its list; any other document as it is."""
    merge = document.merge
    if merge is None or not merge.rows:
        return [document]
    shell = replace(merge, rows=(), summary=document.summary)  # a row's document carries its own row only
    return [replace(map_texts(document, lambda text, values=dict(row.values): fill(text, values)),
                    location=Location(f"{document.location.path}#{row.key}"), merge=shell, row=row)
            for row in merge.rows]


def series(documents: list[Document]) -> dict[str, list[Document]]:
    """The row documents of each merged file (its key → its rows' documents, in the list's order)."""
    found: dict[str, list[Document]] = {}
    for document in documents:
        if document.row is not None:
            found.setdefault(document.file_key, []).append(document)
    return found


def combined_name(document: Document, plans: Path) -> Path:
    """outputs/2024/giay-xac-nhan.docx: the YAML file's own name holds the whole series."""
    return draft_name(replace(document, row=None), plans)


@dataclass
class Combined:
    """The combined files of a build: those staged (with their manifest keys), those already as they should be,
    all their names."""

    staged: list["Staged"] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    names: list[Path] = field(default_factory=list)


def combined_files(documents: list[Document], numbering: dict, names: dict[str, Path], keys: dict[str, str],
                   made: dict[str, "Staged"], manifest: Manifest, staging: "Staging", root: Path) -> Combined:
    """For each merged series that asks for it (`gop: true`), its documents in one file, staged: drafts as just
    staged (`made`) or as they stand in outputs/, issued ones as archived. A series issued with one number is that
    file already.

    Its manifest key is made of its members' keys and the hashes of the issued ones: it is rebuilt exactly when
    one of them changes.
    """
    from engine.docx.combine import combine_into
    from engine.pipeline.write import stage_written

    outputs = root / OUTPUTS
    done = Combined()
    for file_key, members in series(documents).items():
        issued = [numbering[m.key].issued for m in members]
        if not members[0].merge.combined or any(e is not None and e.source == file_key for e in issued):
            continue
        head = replace(members[0], location=Location(file_key), row=None)
        name = combined_name(head, root / PLANS)
        parts = [keys[m.key] if e is None else e.output_hash for m, e in zip(members, issued)]
        key = hashlib.sha256("\0".join(parts).encode("ascii")).hexdigest()
        done.names.append(name)
        if not any(m.key in made for m in members) and manifest.fresh(outputs, name, key):
            done.unchanged.append(name)
            continue
        files = [_made_file(made[m.key], outputs) if m.key in made else
                 (outputs / names[m.key] if e is None else root / e.output) for m, e in zip(members, issued)]
        done.staged.append(stage_written(name, lambda out, files=files: combine_into(
            (f.read_bytes() for f in files), out), staging))
        done.keys.append(key)
    return done


def _made_file(item: "Staged", outputs: Path) -> Path:
    """Where a just-built document's bytes are: its staged copy, or outputs/ when it was already so."""
    return item.temp if item.temp is not None else outputs / item.output


def set_document(documents: list[Document]) -> Document:
    """A merged series issued with one number, as its register line sees it: the YAML file's own key, its
    trích yếu with each row's field shown as '…', every row's recipients."""
    head = documents[0]
    summary = FIELD.sub("…", head.merge.summary) if head.merge.summary else head.summary
    recipients = tuple(dict.fromkeys(r for d in documents for r in d.recipients))
    return replace(head, location=Location(head.file_key), row=None, recipients=recipients,
                   summary=f"{summary} ({len(documents)} văn bản)")


def combine_rendered(rendered: list["Rendered"]) -> bytes:
    """The rendered documents of a series in one file, in the list's order."""
    from engine.docx.combine import combine

    return combine([item.data for item in rendered])
