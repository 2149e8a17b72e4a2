"""A build after only a few plain documents were edited or added: those alone are read, checked and rendered.

The snapshot (snapshot.py) keeps, per plan file, what the other documents' checks need from it: whether it is a
plain document (no kem_theo, no tron, not data, not a list, and whether its validation printed a notice), the
files it names, the number a draft claims. `plan` accepts the changed files only when the full build could not
say or write anything else for them: each is a plain document no other file names, naming only data files that
did not change, valid without a single error or notice, not issued, claiming no number another document or the
register holds, writing a file no other document writes. Anything else — and any doubt — is None: build in full.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from engine.errors import EngineError
from engine.files import relative_posix
from engine.model import Document
from engine.pipeline.snapshot import Changes, Facts
from engine.workspace import ATTACHED_KEY, MERGE_KEY, OUTPUTS, PLANS, is_document_path


@dataclass(frozen=True)
class Plan:
    """The changed documents, validated and numbered, and the issued documents' archive files."""

    documents: list[Document]
    numbering: dict
    archived: set[Path]
    links: dict[str, list[str]]  # the data files each changed document names


def relative(root: Path, path: Path) -> str:
    """A path as the snapshot names it: relative posix inside the workspace, absolute outside it."""
    normal = Path(os.path.normpath(path))
    try:
        return relative_posix(root, normal)  # by its text when under root: thousands of documents each build
    except ValueError:
        return str(normal)


def snapshot_facts(root: Path, documents: list[Document], numbering: dict, links: dict[Path, list[Path]],
                   noticed: set[Path], data: set[Path]) -> Facts:
    """What a later partial build needs to know of each file of this full build: an issued document, a merged
    one, one issuing texts as files is not plain (its edit means the full build)."""
    data_names = {relative(root, p) for p in data}
    facts = Facts(links={relative(root, k): [relative(root, p) for p in v] for k, v in links.items()},
                  data=data_names)
    mixed: set[str] = set()
    for document in documents:
        name = relative(root, document.source)
        if document.merge is not None or document.row is not None or numbering[document.key].issued is not None \
                or any(p not in data_names for p in facts.links.get(name, [None])):
            mixed.add(name)
        facts.plain[name] = document.source in noticed
        if numbering[document.key].issued is None and document.number is not None:
            facts.numbers.setdefault(name, []).append([document.year, numbering[document.key].series,
                                                       document.number])
    for name in mixed:
        facts.plain.pop(name, None)
    return facts


def plan(root: Path, changes: Changes) -> Plan | None:
    """The changed documents when a partial build gives exactly what the full one would; None otherwise."""
    from engine.pipeline.data import is_data_file
    from engine.pipeline.load import load_workspace, named_by
    from engine.pipeline.number import number_documents
    from engine.pipeline.validate import validate
    from engine.registry.register import Register

    facts, changed = changes.facts, set(changes.changed)
    paths = [root / name for name in changes.changed]
    if not _eligible(root, changes, paths):
        return None
    errors: list[EngineError] = []
    sources = load_workspace(root, errors, only=paths)
    if errors:
        return None
    links = {relative(root, f.path): sorted(relative(root, p) for p in named_by(f)) for f in sources.documents}
    for source in sources.documents:
        name = relative(root, source.path)
        if name not in changed:
            if name not in facts.data:
                return None
        elif is_data_file(source) or _names_key(source, MERGE_KEY) or _names_key(source, ATTACHED_KEY) or \
                any(relative(root, p) not in facts.data or relative(root, p) in changed for p in named_by(source)):
            return None
    profile, documents = validate(sources, errors, set())
    if errors or sorted(relative(root, d.source) for d in documents) != sorted(changed) \
            or any(d.row is not None or d.merge is not None for d in documents):
        return None
    entries = Register(root).by_source()
    if any(d.key in entries or d.file_key in entries for d in documents):
        return None
    numbering = number_documents(profile, documents, entries, errors)
    held = {tuple(n) for name, claimed in facts.numbers.items() if name not in changed for n in claimed}
    if errors or any(d.number is not None and (d.year, numbering[d.key].series, d.number) in held for d in documents):
        return None
    archived = {root / e.output for e in entries.values()}
    if not _writes_alone(root, changes, documents, archived):
        return None
    return Plan(documents, numbering, archived, {k: v for k, v in links.items() if k in changed})


def _eligible(root: Path, changes: Changes, paths: list[Path]) -> bool:
    """Each changed file a document path no file names; an edited one was a plain document without notices."""
    named = changes.facts.named()
    for name, path in zip(changes.changed, paths):
        if not is_document_path(root, path) or name in named:
            return False
        if name in changes.existed and changes.facts.plain.get(name, True):
            return False  # not a plain document before, or one whose validation printed a notice
    return True


def _names_key(source, key: str) -> bool:
    from engine.pipeline.load import top_level
    return key in top_level(source.root)


def _writes_alone(root: Path, changes: Changes, documents: list[Document], archived: set[Path]) -> bool:
    """No other document, merged file or issued document writes the file a changed document writes: an added
    one's file was written by none, an edited one's by itself alone (its name follows its path)."""
    from collections import Counter

    from engine.pipeline.number import draft_name
    stored = Counter(path for path, _, _ in changes.written)
    targets = set()
    for document in documents:
        target = root / OUTPUTS / draft_name(document, root / PLANS)
        edited = relative(root, document.source) in changes.existed
        if target in targets or target in archived or stored[target] != (1 if edited else 0):
            return False
        targets.add(target)
    return True


def facts_after(root: Path, changes: Changes, built: Plan) -> Facts:
    """The snapshot's facts once the changed documents are built."""
    facts = changes.facts
    for document in built.documents:
        name = relative(root, document.source)
        facts.plain[name] = False
        facts.numbers.pop(name, None)
        if document.number is not None:
            facts.numbers[name] = [[document.year, built.numbering[document.key].series, document.number]]
        facts.links[name] = built.links[name]
    return facts
