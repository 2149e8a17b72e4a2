"""Two ways of reading YAML, one behaviour: libyaml's parser where PyYAML has it, the pure-Python one otherwise.

Every file libyaml reads differently, or any file with a mistake, is read again by the pure-Python loader, so
refusals and their file:line:col are the same on both paths.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from engine.pipeline import load
from tests.conftest import PLAN, REPO

needs_libyaml = pytest.mark.skipif(load._FastLoader is None, reason="PyYAML without libyaml")

HOSTILE = [
    PLAN.replace("luu: VHXH", "luu: !!str VHXH"),                       # an explicit tag
    PLAN.replace("luu: VHXH", "luu: &a VHXH\nghi_chu: *a"),             # an alias
    "a: " + "[" * 60 + "]" * 60 + "\n",                                   # deeper than MAX_DEPTH
    "a: " + "[" * 100_000 + "\n",                                         # deep enough to crash a C composer
    "so: " + "9" * 400 + "\n",                                            # an overlong number
    PLAN.replace("luu: VHXH", "luu:\tVHXH"),                              # a tab
    PLAN.replace("luu: VHXH", "luu: {a: }"),                              # an empty value in {..}
    PLAN.replace("luu: VHXH", "luu: [a?, b]"),                            # '?' in [..]
    PLAN.replace("mo_dau: ", "mo_dau: >#\n  "),                           # '>#'
    PLAN.replace("luu: VHXH", "luu: \ufeffVHXH"),                         # a BOM inside
    PLAN.replace("luu: VHXH", "luu: 'VHXH"),                              # an unclosed quote
    PLAN.replace("luu: VHXH", "luu: a\x07b"),                             # a control character
    PLAN + "---\nb: 1\n",                                                 # two documents
    PLAN.replace("  - muc:", " - muc:"),                                  # bad indentation
]


def outcome(source: str) -> tuple:
    """What the load stage makes of a file: its tree (values and every mark) or its error and where."""
    try:
        return ("tree", _shape(load.compose(source)))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        return ("error", type(exc).__name__, exc.problem, mark and (mark.line, mark.column))
    except yaml.YAMLError as exc:
        return ("error", type(exc).__name__, str(exc))


def _shape(node: yaml.Node | None) -> object:
    if node is None:
        return None
    marks = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        end = (node.end_mark.line, node.end_mark.column, node.end_mark.pointer)
        return (node.tag, node.value, node.style, marks, end, node.start_mark.buffer is not None)
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, marks, [_shape(child) for child in node.value])
    return (node.tag, marks, [(_shape(k), _shape(v)) for k, v in node.value])


@needs_libyaml
@pytest.mark.parametrize("source", [PLAN, *HOSTILE, *(p.read_text(encoding="utf-8-sig") for p in
                                                      sorted((REPO / "plans").rglob("*.yaml")))])
def test_libyaml_and_pure_python_read_alike(source, monkeypatch):
    fast, plain = outcome(source), plain_outcome(source)
    monkeypatch.setattr(load, "_FastLoader", None)
    monkeypatch.setattr(load, "_FastPlainLoader", None)
    assert fast == outcome(source) and plain == plain_outcome(source)


def plain_outcome(source: str) -> tuple:
    """What the archive hashes of a file: its plain values, or that it cannot be read."""
    try:
        return ("values", repr(load.plain_text_data(source)))
    except yaml.YAMLError as exc:
        return ("error", type(exc).__name__, str(exc))


@needs_libyaml
def test_a_clean_file_is_read_by_libyaml(monkeypatch):
    def refuse(source):
        raise AssertionError("read again by the pure-Python loader")
    monkeypatch.setattr(load, "_Loader", refuse)
    assert load.compose(PLAN) is not None


def test_the_hostile_and_error_tests_pass_without_libyaml():
    """The refusals and messages tests, run again as on a PyYAML without libyaml (see conftest)."""
    env = {**os.environ, "VANBAN_TEST_PURE_YAML": "1"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "tests/test_hostile.py", "tests/test_errors.py"],
                          cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
