"""Benchmark: the engine's cached render against bare docxtpl on the same template and context.

Run `python -m tests.benchmark [N]`: renders the seed plan N times each way and prints documents per
second. Bare docxtpl re-reads, re-patches and re-compiles the template for every document; the engine
compiles each template once per build.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from engine.pipeline.compute import compute
from engine.pipeline.load import load_workspace
from engine.workspace import PLANS
from engine.pipeline.number import draft_name, number_documents
from engine.pipeline.render import TemplateSet
from engine.pipeline.validate import validate

REPO = Path(__file__).resolve().parent.parent


def seed_job():
    errors: list = []
    profile, documents = validate(load_workspace(REPO, errors), errors)
    numbering = number_documents(profile, documents, {}, errors)
    assert not errors, errors
    document = documents[0]
    return compute(document, numbering[document.source], draft_name(document, REPO / PLANS))


def bare_docxtpl(path: Path, context: dict, count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        template = DocxTemplate(str(path))
        env = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
        template.render(context, jinja_env=env, autoescape=True)
        template.save(io.BytesIO())
    return time.perf_counter() - start


def engine_render(job, count: int) -> float:
    templates = TemplateSet(REPO)
    start = time.perf_counter()
    for _ in range(count):
        templates.get(job.template).render(job.context, job.properties)
    return time.perf_counter() - start


def compare(count: int) -> tuple[float, float]:
    job = seed_job()
    path = TemplateSet(REPO).get(job.template).path
    return bare_docxtpl(path, job.context, count), engine_render(job, count)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    bare, ours = compare(count)
    print(f"docxtpl trần : {count / bare:7.1f} văn bản/giây ({bare / count * 1000:.1f} ms mỗi văn bản)")
    print(f"vanban       : {count / ours:7.1f} văn bản/giây ({ours / count * 1000:.1f} ms mỗi văn bản, "
          "gồm cả chuẩn hóa zip để tệp giống hệt từng byte)")


if __name__ == "__main__":
    main()
