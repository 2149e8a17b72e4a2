"""Render stage: which template draws which job, every document rendered or every failure reported.

The DOCX work itself (docxtpl, python-docx, identical bytes for identical input) is engine.docx.write's;
imported lazily by the CLI, so `vanban --help` never pays for docxtpl, python-docx and lxml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from engine import domains
from engine.docx.write import CompiledTemplate, TemplateEnvironment
from engine.errors import BuildFailed, EngineError, TemplateError
from engine.nd30.doc_so import doc_so, doc_tien
from engine.pipeline.compute import Job


def _shipped_templates() -> Path:
    """templates/docx/ of the project, installed as engine/templates/ in a wheel."""
    engine = Path(__file__).resolve().parents[1]
    packaged = engine / "templates"
    return packaged if packaged.is_dir() else engine.parent / "templates" / "docx"


SHIPPED_TEMPLATES = _shipped_templates()
# Filters every template may use on numbers: {{ so_tien | doc_tien }} → "Một trăm hai mươi lăm triệu đồng";
# each domain adds its own (giam_ngheo: so_nguyen, ty_le; du_toan: tien).
FILTERS = {"doc_so": doc_so, "doc_tien": doc_tien}


@dataclass(frozen=True)
class Rendered:
    job: Job
    data: bytes


class TemplateSet:
    """The templates of one build: the workspace's own first, then the shipped ones; each compiled once."""

    def __init__(self, workspace: Path, filters: dict[str, Callable[..., Any]] | None = None) -> None:
        self.workspace = workspace
        self.folders = [workspace / "templates" / "docx", SHIPPED_TEMPLATES]
        self.env = TemplateEnvironment({**FILTERS, **domains.filters()} if filters is None else filters)
        self._compiled: dict[str, CompiledTemplate] = {}

    def get(self, name: str) -> CompiledTemplate:
        if name not in self._compiled:
            path = next((f / f"{name}.docx" for f in self.folders if (f / f"{name}.docx").is_file()), None)
            if path is None:
                raise TemplateError(f"không tìm thấy mẫu {name}.docx trong templates/docx/")
            shown = f"templates/docx/{name}.docx" + ("" if path.parent == self.folders[0] else " (mẫu có sẵn)")
            self._compiled[name] = CompiledTemplate(path, shown, self.env)
        return self._compiled[name]


def render_all(jobs: list[Job], templates: TemplateSet, done: Callable[[], None] = lambda: None) -> list[Rendered]:
    """Every document, or BuildFailed naming each one that could not be rendered; `done` after each one."""
    rendered: list[Rendered] = []
    errors: list[EngineError] = []
    for job in jobs:
        try:
            rendered.append(Rendered(job, templates.get(job.template).render(job.context, job.properties)))
        except EngineError as exc:
            exc.location = exc.location or job.document.location
            errors.append(exc)
        done()
    if errors:
        raise BuildFailed(errors)
    return rendered
