"""The layers the tree shows, enforced: the core imports nothing outside the core (the standard
library and its few libraries aside), the shell nothing of the CLI, and no two modules import
each other, directly or round a longer circle. Imports inside functions count (a lazy import is
still a dependency); imports for annotations only (under TYPE_CHECKING) do not."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "contractcalc"
CORE_MAY_IMPORT = {"dateutil", "typing_extensions"}
"""Third-party libraries the core may use: pure computation, no I/O."""
CORE_DEBT = {"contractcalc.i18n"}
"""Still imported by core modules: the core's words move to message codes in #25; this set
only ever shrinks."""


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_only(tree: ast.Module) -> set[int]:
    """Ids of the import nodes under `if TYPE_CHECKING:`: names for annotations, not loaded at
    run time, so no circle of imports at run time."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) \
                and node.test.id == "TYPE_CHECKING":
            ids.update(id(n) for child in node.body for n in ast.walk(child))
    return ids


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    skip = _type_only(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
    return found


MODULES = {_module(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: {m for m in _imports(path) if m in MODULES and m != name}
         for name, path in MODULES.items()}


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("contractcalc.core")))
def test_the_core_imports_only_the_core(name: str) -> None:
    outside = set()
    for imported in _imports(MODULES[name]):
        top = imported.split(".")[0]
        if imported.startswith("contractcalc."):
            if not imported.startswith("contractcalc.core") and not any(
                    imported == d or imported.startswith(d + ".") for d in CORE_DEBT):
                outside.add(imported)
        elif top not in sys.stdlib_module_names and top not in CORE_MAY_IMPORT:
            outside.add(imported)
    assert not outside, f"{name} imports {sorted(outside)}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("contractcalc.shell")))
def test_the_shell_imports_nothing_of_the_cli(name: str) -> None:
    assert not {m for m in GRAPH[name] if m.startswith("contractcalc.cli")}


def test_no_import_cycles() -> None:
    """Tarjan's strongly connected components over the module graph: every one is one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []
    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in GRAPH:
        if v not in index:
            visit(v)
    assert not circles, f"import circles: {circles}"


def test_no_folder_holds_more_than_a_dozen_modules() -> None:
    for folder in {p.parent for p in PACKAGE.rglob("*.py")}:
        modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        assert len(modules) <= 13, f"{folder.relative_to(PACKAGE)} holds {len(modules)} modules"
