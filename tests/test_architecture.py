"""The shape of the house: folders that name its parts, no import loop, no module too long to read."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "engine"
PACKAGES = {"nd30", "pipeline", "registry", "check", "docx", "domains"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ENGINE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(ENGINE.rglob("*.py"))}


def imports(path: Path, known: set[str]) -> set[str]:
    """Every engine module `path` imports, at module level or inside a function (lazy imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("engine"):
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("engine"))
    return {m for m in found if m in known}


def graph() -> dict[str, set[str]]:
    known = set(modules())
    return {name: imports(path, known) - {name} for name, path in modules().items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle as a list of modules, or [] when the graph is acyclic."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(edges):
        if node not in state and (cycle := visit(node)):
            return cycle
    return []


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_engine_has_no_import_cycle():
    assert find_cycle(graph()) == []


def test_engine_is_organised_in_named_packages():
    folders = {p.name for p in ENGINE.iterdir() if (p / "__init__.py").is_file()}
    assert PACKAGES <= folders
    # At the root only the shared nouns and the verbs the CLI runs; everything else lives in a package.
    nouns = {"model", "errors", "schema", "files", "workspace"}
    verbs = {"__init__", "__main__", "cli", "build", "issue", "scaffold", "correct"}
    assert {p.stem for p in ENGINE.glob("*.py")} <= nouns | verbs


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_is_short_enough_to_read(name):
    lines = modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"{name}: {lines} lines"


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_each_package_says_what_it_is(package):
    doc = ast.get_docstring(ast.parse((ENGINE / package / "__init__.py").read_text(encoding="utf-8")))
    assert doc and "TODO" not in doc and len(doc) > 40


def test_only_the_writer_adapter_touches_docxtpl_and_python_docx():
    heavy = {"docxtpl", "docx"}
    users = set()
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 else []
            if any(n.split(".")[0] in heavy for n in names):
                users.add(name)
    assert users == {"engine.docx.write"}


def test_the_pipeline_never_names_a_domain():
    """Core stages ask the domain registry; only engine.domains knows which domains exist."""
    edges = graph()
    core = [m for m in edges if not m.startswith("engine.domains")]
    leaks = {m: sorted(t for t in edges[m] if t.startswith("engine.domains.")) for m in core}
    assert {m: t for m, t in leaks.items() if t} == {}


def test_every_package_ships_in_the_wheel():
    """A folder missing from pyproject's list works in a checkout and is absent from an installed vanban."""
    text = (ENGINE.parent / "pyproject.toml").read_text(encoding="utf-8")
    listed = set(re.findall(r'"(engine(?:\.[a-z_0-9]+)*)"', text.split("packages = [", 1)[1].split("]", 1)[0]))
    folders = {module_name(p.parent / "__init__.py") for p in ENGINE.rglob("__init__.py")}
    assert folders <= listed, sorted(folders - listed)
