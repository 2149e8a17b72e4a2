"""The orchestrator: load → validate → number → compute → render → write, nothing else."""

from __future__ import annotations

from pathlib import Path

from engine.compute import compute
from engine.load import PLANS, load_workspace
from engine.number import number_documents
from engine.render import TemplateSet, render_all
from engine.validate import validate
from engine.write import Written, write_all

OUTPUTS = "outputs"


def build(root: Path) -> list[Written]:
    """Build every document of the workspace; raises BuildFailed (nothing written) on any error."""
    sources = load_workspace(root)
    profile, documents = validate(sources)
    numbering = number_documents(profile, documents)
    jobs = [compute(d, profile, numbering[d.source], root / PLANS) for d in documents]
    rendered = render_all(jobs, TemplateSet(root))
    return write_all(rendered, root / OUTPUTS)
