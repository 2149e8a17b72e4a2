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
from engine.pipeline.compute import Slots
from engine.pipeline.manifest import Manifest
from engine.pipeline.data import map_texts
from engine.pipeline.merge_rules import FIELD, fill
from engine.pipeline.number import draft_name
from engine.workspace import OUTPUTS, PLANS

if TYPE_CHECKING:  # rendering and combining load docxtpl and lxml: only a build that writes needs them
    from engine.pipeline.merge_molds import Molds
    from engine.pipeline.render import Rendered, TemplateSet
    from engine.pipeline.write import Staged, Staging

def expand(document: Document) -> list[Document]:
    """A merged document as one document per row of its list; any other document as it is."""
    merge = document.merge
    if merge is None or not merge.rows:
        return [document]
    shell = replace(merge, rows=(), summary=document.summary)  # a row's document carries its own row only
    shell = replace(shell, pattern=replace(document, merge=shell))
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
                   made: dict[str, "Staged"], manifest: Manifest, staging: "Staging", templates: "TemplateSet",
                   drawn: dict[str, Slots]) -> Combined:
    """For each merged series that asks for it (`gop: true`), its documents in one file, staged: drafts as just
    staged (`made`) or as they stand in outputs/, issued ones as archived. A series issued with one number is that
    file already. A series of drafts drawn from a few renders (merge_fill; `drawn`: the rows this build filled, by
    document key) is combined by filling those renders, no document read back.

    Its manifest key is made of its members' keys and the hashes of the issued ones: it is rebuilt exactly when
    one of them changes.
    """
    from engine.docx.combine import combine_filled, combine_into
    from engine.pipeline.merge_molds import Molds
    from engine.pipeline.write import stage_written

    root = templates.workspace
    outputs = root / OUTPUTS
    done = Combined()
    molds: Molds | None = None
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
        molds = molds or Molds(root)
        filled = None if any(issued) else _filled(members, numbering, names, keys, templates, drawn, molds)
        files = [_made_file(made[m.key], outputs) if m.key in made else
                 (outputs / names[m.key] if e is None else root / e.output) for m, e in zip(members, issued)]
        done.staged.append(stage_written(name, (lambda out, filled=filled: combine_filled(iter(filled), out))
                                         if filled else (lambda out, files=files: combine_into(
                                             (f.read_bytes() for f in files), out)), staging))
        done.keys.append(key)
    if molds is not None:
        molds.save(set(keys.values()))
    return done


SHAPES_COMBINED = 64  # renders a combined file is filled from, at most; more and its documents are read back


def _filled(members: list[Document], numbering: dict, names: dict[str, Path], keys: dict[str, str],
            templates: "TemplateSet", drawn: dict[str, Slots], molds: "Molds") -> list | None:
    """Each member as (its render's Cut, its values) when every one is drawn from a few renders that combine by
    filling (engine.docx.combine.fill_together); None otherwise. A member is known by this build's job, or by
    what an earlier build learnt of its very key (molds), or else computed again."""
    from engine.docx.combine import Cut, fill_together
    from engine.docx.slots import Slotted
    from engine.pipeline.compute import compute
    from engine.pipeline.merge_fill import with_slots

    unknown = [m.key not in drawn and molds.get(keys[m.key]) is None for m in members]
    computed = with_slots((compute(m, numbering[m.key], names[m.key]) for m, new in zip(members, unknown) if new),
                          numbering, templates.shipped)
    cuts: dict[str, Cut | None] = {}
    filled = []
    for member, new in zip(members, unknown):
        slots = next(computed).slots if new else drawn.get(member.key)
        if new or slots is not None:
            slotted = templates.slotted(slots) if slots is not None else None
            if slotted is None:
                return None
            digest, render, values = slotted.digest, slotted.probe, slots.values
        else:
            digest, render, values = molds.get(keys[member.key])
            slotted = None
        if digest not in cuts:
            slotted = slotted or Slotted.of(render)
            cuts[digest] = Cut(slotted) if slotted is not None and len(cuts) < SHAPES_COMBINED else None
        if cuts[digest] is None:
            return None
        molds.put(keys[member.key], digest, render, values)
        filled.append((cuts[digest], values))
    return filled if fill_together(list(cuts.values())) else None


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
