"""Large builds: rendered on every core, each document staged as soon as it is ready, published together.

A pool gives the very bytes one process gives, in the same order; a failure or a kill at any moment
leaves outputs/ as it was.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time

import pytest

from engine.build import STAGING, build_all
from engine.pipeline import render
from tests.benchmark import NOTICE
from tests.conftest import REPO

COUNT = 30


@pytest.fixture
def many(workspace):
    for i in range(COUNT):
        workspace.write(f"plans/2026/tb-{i:02d}.yaml", NOTICE.format(i=i))
    return workspace


@pytest.fixture
def pools(monkeypatch) -> list[str]:
    """Force the pool for a small batch on any machine; the start methods used, observed."""
    used: list[str] = []
    real = render._context

    def observed():
        context = real()
        used.append(context.get_start_method())
        return context

    monkeypatch.setattr(render, "POOL_FROM", 4)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(render, "_context", observed)
    return used


def rebuild(workspace) -> dict[str, bytes]:
    for folder in (workspace.root / "outputs", workspace.root / ".vanban"):
        if folder.exists():
            import shutil
            shutil.rmtree(folder)
    result = workspace.run("build")
    assert result.code == 0, result.err
    return workspace.snapshot()


@pytest.mark.parametrize("method", [m for m in ("fork", "spawn") if m in multiprocessing.get_all_start_methods()])
def test_a_pool_writes_the_bytes_one_process_writes(many, pools, monkeypatch, method):
    monkeypatch.setattr(render, "POOL_FROM", 10**9)
    alone = rebuild(many)
    assert pools == []
    monkeypatch.setattr(render, "POOL_FROM", 4)
    monkeypatch.setattr(render.multiprocessing, "get_context", lambda _=None, real=multiprocessing.get_context:
                        real(method))
    assert rebuild(many) == alone
    assert pools == [method] and len(alone) == COUNT + 1
    assert not (many.root / ".vanban" / STAGING).exists()


def test_the_progress_bar_hears_of_every_document_once(many, pools):
    class Bar:
        told = 0
        closed = False

        def update(self, n: int = 1) -> None:
            Bar.told += n

        def close(self) -> None:
            Bar.closed = True

    built = build_all(many.root, progress=lambda total: Bar())
    assert pools and Bar.told == COUNT + 1 and Bar.closed
    assert [w.path.name for w in built.written] == sorted(w.path.name for w in built.written)


def test_a_document_that_fails_in_the_pool_leaves_outputs_as_they_were(many, pools):
    assert many.run("build").code == 0
    before = many.snapshot()
    for i in range(COUNT):
        many.write(f"plans/2026/tb-{i:02d}.yaml", NOTICE.format(i=f"{i} đã sửa"))
    many.write("plans/2026/cong-van.yaml", (REPO / "plans/2024/cong-van-ra-soat-ho-ngheo.yaml").read_text(
        encoding="utf-8"))
    template = many.root / "templates/docx/cong-van.docx"
    template.parent.mkdir(parents=True)
    template.write_bytes(b"not a zip at all")
    result = many.run("build")
    assert result.code == 1
    assert "templates/docx/cong-van.docx" in result.err and "không phải tài liệu DOCX" in result.err
    assert many.snapshot() == before
    assert not (many.root / ".vanban" / STAGING).exists()


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9")
def test_a_build_killed_while_staging_leaves_outputs_as_they_were(many):
    assert many.run("build").code == 0
    before = many.snapshot()
    for i in range(COUNT):
        many.write(f"plans/2026/tb-{i:02d}.yaml", NOTICE.format(i=f"{i} đã sửa"))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "engine", "build", "--thu-muc", str(many.root), "-q"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging = many.root / ".vanban" / STAGING
    while process.poll() is None and not any(p.is_file() for p in staging.rglob("*")):
        time.sleep(0.005)
    assert process.poll() is None, "the build ended before anything was staged"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert many.snapshot() == before
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)  # the lock is free
    assert done.returncode == 0, done.stderr
    assert many.snapshot() != before and not staging.exists()
