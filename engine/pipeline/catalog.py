"""What each file of plans/ is to validation — figures, a list a merge reads, a text a decision issues as a file,
or a document — with the documents handed on in order.

A few files are held as parsed trees (Sources, as issue and the partial build load them). A full build streams:
it parses every file once keeping only a few facts of each (is it figures, which files it names), then parses
each document again only when validation asks for it, so that a workspace of tens of thousands of files never
holds more than one document's node tree at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from engine.errors import EngineError
from engine.pipeline import attached
from engine.pipeline.data import is_data_file
from engine.pipeline.load import SourceFile, Sources, merge_lists, named_by, parse, survey
from engine.workspace import document_paths


@dataclass(frozen=True)
class Catalog:
    """The files validation reads, each in its role, in the workspace's order."""

    root: Path
    profile: SourceFile | None
    data: list[SourceFile]            # figures files (loai: a domain's data type)
    lists: set[Path]                  # the lists merged documents read (tron: nguon:), never documents
    texts: Iterable[SourceFile]       # the files some decision issues with `kem_theo: <file>`
    documents: Iterable[SourceFile]   # every other file: read one at a time when streamed
    links: dict[Path, list[Path]]     # for each file that parsed, the files it names (so_lieu, kem_theo, tron)


def of_sources(sources: Sources) -> Catalog:
    """The catalog of files already parsed."""
    files = sources.documents
    data = [f for f in files if is_data_file(f)]
    named, figures = attached.named_files(files), {f.path for f in data}
    texts = [f for f in files if f.shown in named and f.path not in figures]
    lists, issued_with = merge_lists(list(files)), {f.path for f in texts}
    documents = [f for f in files if f.path not in figures and f.path not in issued_with and f.path not in lists]
    return Catalog(sources.root, sources.profile, data, lists, texts, documents, {f.path: named_by(f) for f in files})


@dataclass(frozen=True)
class _Noted:
    """What the catalog keeps of a file between its two readings."""

    path: Path
    shown: str
    figures: SourceFile | None  # a figures file keeps its tree: validation reads them all before any document
    issues: frozenset[str]      # the shown paths of the texts it issues as files
    links: list[Path]


def _note(source: SourceFile) -> _Noted:
    return _Noted(source.path, source.shown, source if is_data_file(source) else None,
                  frozenset(attached.named_files((source,))), named_by(source))


def stream(root: Path, errors: list[EngineError]) -> Catalog:
    """Every file of plans/ parsed once for its role (syntax errors to `errors`, in the order load_workspace gives
    them), its documents and texts parsed again as validation reads them."""
    profile, noted, lists = survey(root, document_paths(root), errors, _note)
    named = set().union(*(n.issues for n in noted))
    texts = [n.path for n in noted if n.shown in named and n.figures is None]
    documents = [n.path for n in noted if n.figures is None and n.shown not in named and n.path not in lists]
    return Catalog(root, profile, [n.figures for n in noted if n.figures is not None], lists,
                   _read(root, texts, errors), _read(root, documents, errors), {n.path: n.links for n in noted})


def _read(root: Path, paths: list[Path], errors: list[EngineError]) -> Iterator[SourceFile]:
    """Each file parsed again when asked for; it parsed a moment ago, so an error here means it changed since."""
    for path in paths:
        source = parse(root, path, errors)
        if source is not None:
            yield source
