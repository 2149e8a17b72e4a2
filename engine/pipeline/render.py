"""Render stage: which template draws which job, every document rendered or every failure reported.

The DOCX work itself (docxtpl, python-docx, identical bytes for identical input) is engine.docx.write's;
imported lazily by the CLI, so `vanban --help` never pays for docxtpl, python-docx and lxml.

A build's many documents are rendered on every core (a process pool whose workers compile each template
once) and each is staged on disk as soon as it is ready (engine.pipeline.write), so memory does not grow
with the number of documents; a small batch is rendered in this process, where a pool would cost more.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterator

from engine import domains
from engine.docx.slots import Slotted
from engine.docx.write import CompiledTemplate, TemplateEnvironment
from engine.errors import BuildFailed, EngineError, TemplateError
from engine.nd30.doc_so import doc_so, doc_tien
from engine.pipeline.compute import Job, Jobs, Slots
from engine.pipeline.manifest import SHIPPED_TEMPLATES
from engine.pipeline.write import Staged, Staging, discard, stage_document


# Filters every template may use on numbers: {{ so_tien | doc_tien }} → "Một trăm hai mươi lăm triệu đồng";
# each domain adds its own (giam_ngheo: so_nguyen, ty_le; du_toan: tien).
FILTERS = {"doc_so": doc_so, "doc_tien": doc_tien}


@dataclass(frozen=True)
class Rendered:
    job: Job
    data: bytes


SHAPES_KEPT = 64  # renders of merged series a process keeps (each a few tens of KB)


class TemplateSet:
    """The templates of one build: the workspace's own first, then the shipped ones; each compiled once."""

    def __init__(self, workspace: Path, filters: dict[str, Callable[..., Any]] | None = None) -> None:
        self.workspace = workspace
        self.folders = [workspace / "templates" / "docx", SHIPPED_TEMPLATES]
        self.env = TemplateEnvironment({**FILTERS, **domains.filters()} if filters is None else filters)
        self._compiled: dict[str, CompiledTemplate] = {}
        self._shapes: dict[str, Slotted | None] = {}  # merged series' renders, the latest SHAPES_KEPT

    def get(self, name: str) -> CompiledTemplate:
        if name not in self._compiled:
            path = next((f / f"{name}.docx" for f in self.folders if (f / f"{name}.docx").is_file()), None)
            if path is None:
                raise TemplateError(f"không tìm thấy mẫu {name}.docx trong templates/docx/")
            shown = f"templates/docx/{name}.docx" + ("" if path.parent == self.folders[0] else " (mẫu có sẵn)")
            self._compiled[name] = CompiledTemplate(path, shown, self.env)
        return self._compiled[name]

    def shipped(self, name: str) -> bool:
        """The template is one vanban ships (not the workspace's own): merged series may be filled from it."""
        try:
            return self.get(name).path.parent == SHIPPED_TEMPLATES
        except TemplateError:
            return False

    def draw(self, job: Job) -> bytes:
        """The job's DOCX: filled from its series' render when it has slots and that render can be filled,
        rendered on its own otherwise."""
        if job.slots is not None:
            slotted = self.slotted(job.slots)
            if slotted is not None:
                return slotted.fill(job.slots.values)
        return self.get(job.template).render(job.context, job.properties)

    def slotted(self, slots: Slots) -> Slotted | None:
        """The render of a merged row's shape, cut at its markers; None when it cannot be filled."""
        shape = slots.shape
        if shape not in self._shapes:
            try:
                drawn = Slotted.of(self.get(slots.template).render(slots.context, slots.properties))
            except EngineError:  # the row's own render says what is wrong, where
                drawn = None
            if len(self._shapes) >= SHAPES_KEPT:
                del self._shapes[next(iter(self._shapes))]
            self._shapes[shape] = drawn
        return self._shapes[shape]


def render_all(jobs: list[Job], templates: TemplateSet) -> list[Rendered]:
    """Every document in memory (an issue's: one, or a merged series'), or BuildFailed naming each one that could
    not be rendered."""
    rendered: list[Rendered] = []
    errors: list[EngineError] = []
    for job in jobs:
        try:
            rendered.append(Rendered(job, templates.draw(job)))
        except EngineError as exc:
            exc.location = exc.location or job.document.location
            errors.append(exc)
    if errors:
        raise BuildFailed(errors)
    return rendered


POOL_FROM = 24  # documents; below this a pool's start (about 0.1–0.5 s) costs more than the second core saves


def stage_all(jobs: Jobs | list[Job], templates: TemplateSet, staging: Staging,
              done: Callable[[], None] = lambda: None) -> list[Staged]:
    """Every document rendered and staged in `staging` as soon as it is ready, in the jobs' order; or
    BuildFailed naming each one that could not be rendered (nothing staged is left). `done` after each one.
    The jobs are read once, as rendering reaches them (Jobs computes each one then)."""
    staged: list[Staged] = []
    errors: list[EngineError] = []
    try:
        for job, result in _results(jobs, templates, staging):
            if isinstance(result, EngineError):
                result.location = result.location or job.document.location
                errors.append(result)
            else:
                staged.append(result)
            done()
    except BaseException:
        discard(staged)
        raise
    if errors:
        discard(staged)
        raise BuildFailed(errors)
    return staged


WINDOW = 8  # chunks per worker handed to the pool ahead of the one being read: the rest wait to be computed


def _results(jobs: Jobs | list[Job], templates: TemplateSet,
             staging: Staging) -> Iterator[tuple[Job, Staged | EngineError]]:
    workers = min(os.cpu_count() or 1, len(jobs) // (POOL_FROM // 2) or 1)
    if len(jobs) < POOL_FROM or workers < 2:
        yield from ((job, _render_and_stage(templates, job, staging)) for job in jobs)
        return
    chunk = max(1, min(16, len(jobs) // (workers * 8)))
    pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start_worker,
                               initargs=(templates.workspace,))
    try:  # pool.map would compute and submit every job at once: a bounded window of chunks in flight instead
        pending: deque[tuple[list[Job], Future]] = deque()
        for batch in _batches(iter(jobs), chunk):
            pending.append((batch, pool.submit(_work_batch, [replace(job, document=None) for job in batch], staging)))
            if len(pending) >= workers * WINDOW:
                yield from _pair(*pending.popleft())
        while pending:
            yield from _pair(*pending.popleft())
    finally:  # a failure or Ctrl+C: the documents not yet started are not rendered for nothing
        pool.shutdown(wait=True, cancel_futures=True)


def _batches(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    while batch := list(islice(jobs, size)):
        yield batch


def _pair(batch: list[Job], future: Future) -> Iterator[tuple[Job, Staged | EngineError]]:
    """Each job with its result, which names the job's own output rather than the copy the worker sent back."""
    return ((job, replace(result, output=job.output) if isinstance(result, Staged) else result)
            for job, result in zip(batch, future.result()))


def _context() -> multiprocessing.context.BaseContext:
    """fork on Linux (workers start at once, engine already imported); spawn elsewhere, as Windows must."""
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


_worker_templates: TemplateSet | None = None  # one per worker process, each template compiled once


def _start_worker(workspace: Path) -> None:
    global _worker_templates
    _worker_templates = TemplateSet(workspace)
    threading.Thread(target=_end_with_parent, daemon=True).start()


def _end_with_parent() -> None:
    """A build killed outright (kill -9, Task Manager) must not leave its workers behind, holding the
    register's lock they inherited or writing into the staging folder: they end with it."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()
        os._exit(1)


def _work_batch(jobs: list[Job], staging: Staging) -> list[Staged | EngineError]:
    """A batch rendered in a worker. Its jobs come without their documents (a worker draws from the context;
    the lead process, which keeps them, places errors): half of what each job cost to send."""
    assert _worker_templates is not None
    return [_render_and_stage(_worker_templates, job, staging) for job in jobs]


def _render_and_stage(templates: TemplateSet, job: Job, staging: Staging) -> Staged | EngineError:
    try:
        data = templates.draw(job)
    except EngineError as exc:
        return exc
    return stage_document(job.output, data, staging)
