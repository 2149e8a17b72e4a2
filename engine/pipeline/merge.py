"""Merge (trộn văn bản): a document with `tron:` becomes one document per row, and one combined file to print.

Each row's document is a document of its own — its file name from `ten_tep`, its register key
`plans/2024/giay-xac-nhan.yaml#HN-007`, its own manifest entry (editing one row re-renders only that row's
document) — made by filling the row's values into every text, in one pass, as data: a value's `&`, `<` or
`{{ }}` prints as typed. The combined file (`gop: true`) is `giay-xac-nhan.docx`, beside them.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from engine.errors import Location
from engine.model import Document
from engine.pipeline.compute import Job
from engine.pipeline.data import map_texts
from engine.pipeline.merge_rules import FIELD, fill
from engine.pipeline.number import draft_name

COMBINED_TEMPLATE = "gop"  # the Job of a combined file is never rendered: its bytes are its members'


def expand(document: Document) -> list[Document]:
    """A merged document as one document per row of its list; any other document as it is."""
    merge = document.merge
    if merge is None or not merge.rows:
        return [document]
    shell = replace(merge, rows=(), summary=document.summary)  # each row's document carries its own row only: one row's edit is its own
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


def combined_jobs(drafts: list[Document], plans: Path, keys: dict[str, str]) -> list[tuple[Job, list[Document]]]:
    """For each merged file that asks for it (`gop: true`): the combined file's job and its members.

    Its manifest key (added to `keys` under the file's key) is made of its members' keys: it is rebuilt exactly
    when one of them is.
    """
    jobs = []
    for file_key, members in series(drafts).items():
        if not members[0].merge.combined:
            continue
        head = replace(members[0], location=Location(file_key), row=None)
        keys[file_key] = hashlib.sha256("\0".join(keys[m.key] for m in members).encode("ascii")).hexdigest()
        jobs.append((Job(head, COMBINED_TEMPLATE, {}, {}, combined_name(head, plans)), members))
    return jobs


def combined_bytes(members: list[Document], made: dict[str, bytes], names: dict[str, Path], outputs: Path) -> bytes:
    """The members' documents in one file: those rendered now, the others as they stand in outputs/."""
    from engine.docx.combine import combine

    return combine([made[m.key] if m.key in made else (outputs / names[m.key]).read_bytes() for m in members])


def set_document(documents: list[Document]) -> Document:
    """A merged series issued with one number, as its register line sees it: the YAML file's own key, its
    trích yếu with each row's field shown as '…', every row's recipients."""
    head = documents[0]
    summary = FIELD.sub("…", head.merge.summary) if head.merge.summary else head.summary
    recipients = tuple(dict.fromkeys(r for d in documents for r in d.recipients))
    return replace(head, location=Location(head.file_key), row=None, recipients=recipients,
                   summary=f"{summary} ({len(documents)} văn bản)")


def combine_rendered(rendered: list) -> bytes:
    """The rendered documents of a series in one file, in the list's order."""
    from engine.docx.combine import combine

    return combine([item.data for item in rendered])
