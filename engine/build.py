"""The orchestrator: load → validate → number → compute → render → write, nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from engine.pipeline.compute import compute
from engine.pipeline.manifest import Manifest, document_key, workspace_fingerprint
from engine.errors import BuildFailed, EngineError, Notice, stop_on
from engine.pipeline.load import load_workspace
from engine.workspace import OUTPUTS, PLANS
from engine.pipeline.number import check_frozen, draft_name, number_documents
from engine.pipeline.pdf import convert, office, stale
from engine.registry.register import Register, state_folder
from engine.files import scratch_folder
from engine.pipeline import merge
from engine.pipeline.render import TemplateSet, stage_all
from engine.pipeline.validate import validate
from engine.pipeline.write import ISSUED, UNCHANGED, Staging, Written, refuse_collisions, stale_drafts, write_all


class Bar(Protocol):
    """A progress display: told of each rendered document, closed at the end (tqdm's own interface)."""

    def update(self, n: int = 1) -> object: ...
    def close(self) -> None: ...


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
    errors: list[EngineError] = []
    profile, documents = validate(load_workspace(root, errors), errors)
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
        written = _build_drafts(root, drafts, numbering, archived, progress, documents)
    frozen = [Written(path, ISSUED) for path in sorted({root / numbering[d.key].issued.output for d in issued})]
    for document in issued:  # a draft an interrupted issue left behind
        stale_drafts(root / OUTPUTS / draft_name(document, root / PLANS))
    every = sorted([*frozen, *written], key=lambda w: w.path)
    if pdf:
        convert(stale([w.path for w in every]))
    return Built(every, [e for e in errors if isinstance(e, Notice)], refused)


def _build_drafts(root: Path, drafts: list, numbering: dict, archived: set[Path],
                  progress: Progress | None = None, documents: list | None = None) -> list[Written]:
    """Render only the drafts whose inputs changed since the last build (the manifest says which); each one is
    staged as soon as it is ready (on every core for a large batch), then the combined file of each merged
    series that asks for one (`gop: true`, issued documents included); all are published together at the end."""
    outputs, manifest, base = root / OUTPUTS, Manifest.load(root), workspace_fingerprint(root)
    names = {d.key: draft_name(d, root / PLANS) for d in drafts}
    keys = {d.key: document_key(base, d, numbering[d.key].line, names[d.key]) for d in drafts}
    fresh = {d.key for d in drafts if outputs / names[d.key] not in archived
             and manifest.fresh(outputs, names[d.key], keys[d.key])}
    jobs = [compute(d, numbering[d.key], names[d.key]) for d in drafts if d.key not in fresh]
    refuse_collisions(jobs, outputs, archived)
    with scratch_folder(state_folder(root) / STAGING) as folder:
        staging = Staging(folder, outputs)
        bar = progress(len(jobs)) if progress is not None else None
        try:
            staged = stage_all(jobs, TemplateSet(root), staging, bar.update if bar is not None else lambda: None)
        finally:
            if bar is not None:
                bar.close()
        made = {job.document.key: item for job, item in zip(jobs, staged)}
        combined = merge.combined_files(documents or drafts, numbering, names, keys, made, manifest, staging, root)
        written = write_all([*staged, *combined.staged], outputs)
    for job, item in zip(jobs, staged):
        manifest.record(job.output, keys[job.document.key], item.digest)
    for key, item in zip(combined.keys, combined.staged):
        manifest.record(item.output, key, item.digest)
    manifest.keep_only({name.as_posix() for name in [*names.values(), *combined.names]})
    manifest.save()
    return [*written, *(Written(outputs / names[d.key], UNCHANGED) for d in drafts if d.key in fresh),
            *(Written(outputs / name, UNCHANGED) for name in combined.unchanged)]
