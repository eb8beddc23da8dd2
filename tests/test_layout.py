"""The package's shape, held by reading its imports (``ast``, nothing is imported).

Imports run one way, top to bottom (README, "Layout"): no import circles; nothing below the
public face imports the face (``framing/__init__.py``); the CLI talks to the library through
:mod:`framing.api` only; nothing imports the docs generator.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "framing"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imported(node: ast.AST, importer: str, is_package: bool) -> Iterator[str]:
    """The framing modules one import statement names (``from P import m`` names P.m when m
    is a module, else P)."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            here = importer.split(".") if is_package else importer.split(".")[:-1]
            here = here[: len(here) - node.level + 1]
            base = ".".join([*here, *([node.module] if node.module else [])])
        for alias in node.names:
            full = f"{base}.{alias.name}"
            yield full if full in modules() else base


def _resolve(name: str) -> str | None:
    """The module a dotted name lives in (``framing.a.b.C`` → ``framing.a.b``)."""
    while name and name not in modules():
        name = name.rpartition(".")[0]
    return name or None


@cache
def graph() -> dict[str, frozenset[str]]:
    """module → the framing modules it imports (at any depth: lazy imports count too)."""
    out: dict[str, frozenset[str]] = {}
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        targets = set()
        for node in ast.walk(tree):
            for imported in _imported(node, name, path.name == "__init__.py"):
                if imported.startswith("framing"):
                    target = _resolve(imported)
                    if target is not None and target != name:
                        targets.add(target)
        out[name] = frozenset(targets)
    return out


def cycles(edges: dict[str, frozenset[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def layers(edges: dict[str, frozenset[str]]) -> int:
    """The longest import chain, in modules (an acyclic graph only)."""

    @cache
    def depth(v: str) -> int:
        return 1 + max((depth(w) for w in edges[v]), default=0)

    return max(depth(v) for v in edges)


def test_the_graph_is_read_from_every_module() -> None:
    assert {"framing", "framing.api", "framing.cli", "framing.score"} <= set(graph())
    assert "framing.comparison" in graph()["framing.api"]


def test_there_is_no_import_circle() -> None:
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_circle() -> None:
    """Hard negative: the check above can fail."""
    edges = {"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"}), "d": frozenset()}
    assert cycles(edges) == [["a", "b", "c"]]
    assert layers({"a": frozenset({"b"}), "b": frozenset()}) == 2


def test_nothing_below_the_face_imports_the_face() -> None:
    importers = sorted(m for m, targets in graph().items() if "framing" in targets)
    assert importers == []


def test_the_face_imports_only_what_it_must() -> None:
    """Importing any framing module runs the face first: it must stay light. (What it names
    under ``TYPE_CHECKING`` or loads on first use is not imported with it.)"""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    eager = {
        name
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in _imported(node, "framing", True)
        if name.startswith("framing")
    }
    assert eager == {"framing._moved", "framing.about"}


# The CLI: parse → one api call → render. Its command modules reach the library only through
# these (render may import what it draws).
CLI_MAY_IMPORT = {"framing.api", "framing.about", "framing.errors", "framing.settings"}
# The serving faces (HTTP API, dashboard) sit beside the CLI, which starts them.
SERVE = {"framing.serve", "framing.serve.app", "framing.serve.dashboard"}


@pytest.mark.parametrize("module", ["framing.cli", "framing.cli.lexicon", "framing.cli.options"])
def test_cli_commands_reach_the_library_only_through_the_api(module: str) -> None:
    outside = {m for m in graph()[module] if not m.startswith("framing.cli")}
    assert outside <= CLI_MAY_IMPORT | SERVE, sorted(outside - CLI_MAY_IMPORT - SERVE)


@pytest.mark.parametrize("module", sorted(SERVE))
def test_the_serving_faces_reach_the_library_only_through_the_api(module: str) -> None:
    outside = {m for m in graph()[module] if not m.startswith("framing.serve")}
    assert outside <= CLI_MAY_IMPORT, sorted(outside - CLI_MAY_IMPORT)


def test_no_cli_module_builds_an_engine() -> None:
    for name, path in modules().items():
        if name.startswith("framing.cli"):
            assert "get_engine" not in path.read_text(encoding="utf-8"), name


def test_nothing_imports_the_docs_generator() -> None:
    importers = sorted(
        m
        for m, targets in graph().items()
        if not m.startswith("framing.docgen")
        and any(t.startswith("framing.docgen") for t in targets)
    )
    assert importers == []


@pytest.mark.parametrize(
    ("lower", "upper"),
    [
        ("framing.lexicon", "framing.features"),
        ("framing.features", "framing.score"),
        ("framing.score", "framing.corpus"),
        ("framing.corpus", "framing.comparison"),
        ("framing.comparison", "framing.export"),
        ("framing.export", "framing.run"),
        ("framing.run", "framing.api"),
        ("framing.api", "framing.cli"),
        ("framing.api", "framing.serve"),
        ("framing.serve", "framing.cli"),
        ("framing.ingest", "framing.lexicon"),
        ("framing.text", "framing.ingest"),
    ],
)
def test_a_lower_layer_never_imports_a_higher_one(lower: str, upper: str) -> None:
    """The layers of the README's layout, pairwise: e.g. lexicon code never reaches features."""
    offenders = sorted(
        f"{m} -> {t}"
        for m, targets in graph().items()
        if m == lower or m.startswith(lower + ".")
        for t in targets
        if t == upper or t.startswith(upper + ".")
    )
    assert offenders == []


def test_every_package_folder_ships_in_the_wheel() -> None:
    """A new folder left out of pyproject.toml's package list would be missing from the wheel
    (an editable install would still find it, so nothing else would notice)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = set(config["tool"]["setuptools"]["packages"])
    on_disk = {_module_name(p) for p in PACKAGE.rglob("__init__.py")}
    assert declared == on_disk | {"framing.lexicons"}
