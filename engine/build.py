"""The orchestrator: load → validate → number → compute → render → write, nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from engine.errors import BuildFailed, EngineError, Notice, stop_on
from engine.pipeline import snapshot
from engine.pipeline.manifest import Manifest, document_keys, workspace_fingerprint
from engine.pipeline.pdf import convert, office, stale
from engine.pipeline.write import ISSUED, UNCHANGED, Written
from engine.registry.register import Register, state_folder
from engine.workspace import OUTPUTS, PLANS


class Bar(Protocol):
    """A progress display: told of each rendered document, closed at the end (tqdm's own interface)."""

    def update(self, n: int = 1) -> object: ...
    def close(self) -> None: ...


PARTIAL = True  # a build where only plain documents were edited or added reads and renders only those
STAGING = "dang-dung"  # .vanban/dang-dung/: a build's documents before they go to outputs/ together
Progress = Callable[[int], Bar]  # given the number of documents to render, something to tell of each one


@dataclass
class Built:
    """What a build did: the files, the notices to read, and the issued documents whose source was edited."""

    written: list[Written]
    notices: list[EngineError] = field(default_factory=list)
    refused: list[EngineError] = field(default_factory=list)  # reported, the rest built all the same; exit 1


def build(root: Path, pdf: bool = False) -> list[Written]:
    """The files of a build that refused nothing; BuildFailed otherwise (see build_all for the whole report)."""
    built = build_all(root, pdf)
    if built.refused:
        raise BuildFailed(built.refused)
    return built.written


def build_all(root: Path, pdf: bool = False, progress: Progress | None = None) -> Built:
    """Build every draft of the workspace; issued documents stay frozen. BuildFailed (nothing written) on error.

    An issued document whose source was edited does not stop the others: it is reported in `refused`.
    """
    if pdf:
        office()
    with Register(root).lock():
        last = snapshot.compare(root)
        built = None
        if isinstance(last, snapshot.Changes) and PARTIAL:
            built = _build_changed(root, last, progress)
    if isinstance(last, snapshot.Outcome):
        built = Built([Written(path, ISSUED if status == ISSUED else UNCHANGED) for path, status in last.written],
                      last.notices)
    elif built is None:
        built = _build_everything(root, progress)
    if pdf:
        convert(stale([w.path for w in built.written]))
    return built


def _build_everything(root: Path, progress: Progress | None) -> Built:
    """Load, validate and number every document, render the drafts whose inputs changed, and note what was
    read (the snapshot) when nothing was refused, so that an unchanged workspace is not read again next time."""
    from engine.pipeline.catalog import stream
    from engine.pipeline.partial import snapshot_facts
    from engine.pipeline.number import check_frozen, draft_name, number_documents
    from engine.pipeline.validate import validate
    from engine.pipeline.write import stale_drafts

    snapshot.forget(root)
    inputs = snapshot.listing(root)
    errors: list[EngineError] = []
    catalog = stream(root, errors)  # each document's node tree lives only while it is validated
    outside = snapshot.outside_lists(root, catalog.lists)
    links, data, noticed = catalog.links, {f.path for f in catalog.data}, set()
    profile, documents = validate(catalog, errors, noticed)
    del catalog
    register = Register(root)
    with register.lock():
        entries = register.by_source()
        numbering = number_documents(profile, documents, entries, errors)
        refused: list[EngineError] = []
        check_frozen(documents, numbering, refused)
        stop_on(errors)
        drafts = [d for d in documents if numbering[d.key].issued is None]
        issued = [d for d in documents if numbering[d.key].issued is not None]
        archived = {root / e.output for e in entries.values()}
        written, digests = _build_drafts(root, drafts, numbering, archived, progress, documents)
    frozen = [Written(path, ISSUED) for path in sorted({root / numbering[d.key].issued.output for d in issued})]
    for document in issued:  # a draft an interrupted issue left behind
        stale_drafts(root / OUTPUTS / draft_name(document, root / PLANS))
    every = sorted([*frozen, *written], key=lambda w: w.path)
    notices = [e for e in errors if isinstance(e, Notice)]
    if not refused:
        facts = snapshot_facts(root, documents, numbering, links, noticed, data)
        snapshot.record(root, inputs, outside, [(w.path, w.status, digests.get(w.path)) for w in every], notices,
                        facts)
    return Built(every, notices, refused)


def _build_changed(root: Path, changes: snapshot.Changes, progress: Progress | None) -> Built | None:
    """Only the edited or added documents, when partial.plan vouches that the full build would do the same for
    them and nothing else; None means build in full. The register is locked by the caller."""
    from engine.pipeline import partial

    planned = partial.plan(root, changes)
    if planned is None:
        return None
    snapshot.forget(root)
    written, digests = _build_drafts(root, planned.documents, planned.numbering, planned.archived, progress, None)
    fresh = {w.path: w for w in written}
    every = sorted([fresh.get(path) or Written(path, ISSUED if status == ISSUED else UNCHANGED)
                    for path, status, _ in changes.written] + [w for w in written if w.path not in
                                                                  {p for p, _, _ in changes.written}],
                   key=lambda w: w.path)
    stored = {path: digest for path, _, digest in changes.written}
    snapshot.record(root, changes.inputs, changes.outside,
                    [(w.path, w.status, digests.get(w.path) if w.path in fresh else stored[w.path]) for w in every],
                    changes.notices, partial.facts_after(root, changes, planned))
    return Built(every, changes.notices)


def _build_drafts(root: Path, drafts: list, numbering: dict, archived: set[Path], progress: Progress | None,
                  documents: list | None) -> tuple[list[Written], dict[Path, str]]:
    """Render only the drafts whose inputs changed since the last build (the manifest says which); each one is
    staged as soon as it is ready (on every core for a large batch), then the combined file of each merged
    series that asks for one (`gop: true`, issued documents included); all are published together at the end.
    Also returns the hash of every draft output, as the manifest records it. `documents` None: only these drafts
    changed (a partial build), no merged series is made again and the manifest forgets nothing."""
    from engine.files import relative_posix, scratch_folder
    from engine.pipeline import merge
    from engine.pipeline.compute import Jobs
    from engine.pipeline.merge_fill import with_slots
    from engine.pipeline.number import draft_name
    from engine.pipeline.render import TemplateSet, stage_all
    from engine.pipeline.write import Staging, refuse_collisions, write_all

    outputs, manifest, base = root / OUTPUTS, Manifest.load(root), workspace_fingerprint(root)
    names = {d.key: draft_name(d, root / PLANS) for d in drafts}
    keys = document_keys(base, drafts, numbering, names)
    fresh = {d.key for d in drafts if outputs / names[d.key] not in archived
             and manifest.fresh(outputs, names[d.key], keys[d.key])}
    templates = TemplateSet(root)
    jobs = Jobs([d for d in drafts if d.key not in fresh], numbering, names,  # each context made as it renders
                lambda made: with_slots(made, numbering, templates.shipped))
    refuse_collisions([(names[d.key], d.location) for d in jobs.documents], outputs, archived)
    with scratch_folder(state_folder(root) / STAGING) as folder:
        staging = Staging(folder, outputs)
        bar = progress(len(jobs)) if progress is not None else None
        try:
            staged = stage_all(jobs, templates, staging, bar.update if bar is not None else lambda: None)
        finally:
            if bar is not None:
                bar.close()
        made = {document.key: item for document, item in zip(jobs.documents, staged)}
        combined = merge.combined_files(documents, numbering, names, keys, made, manifest, staging, templates,
                                        jobs.slots) \
            if documents is not None else merge.Combined()
        written = write_all([*staged, *combined.staged], outputs)
    for document, item in zip(jobs.documents, staged):
        manifest.record(item.output, keys[document.key], item.digest)
    for key, item in zip(combined.keys, combined.staged):
        manifest.record(item.output, key, item.digest)
    if documents is not None:
        manifest.keep_only({name.as_posix() for name in [*names.values(), *combined.names]})
    manifest.save()
    written += [*(Written(outputs / names[d.key], UNCHANGED) for d in drafts if d.key in fresh),
                *(Written(outputs / name, UNCHANGED) for name in combined.unchanged)]
    digests = {w.path: entry[1] for w in written  # keyed by the paths written holds: no second path for each
               if (entry := manifest.entries.get(relative_posix(outputs, w.path))) is not None}
    return written, digests
