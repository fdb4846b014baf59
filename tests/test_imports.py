"""The package's import graph: no cycle, and every step imports only steps to its left.

The pipeline reads left to right (text → extract → rdf → validate → publish → store →
query → serve → cli); shared helpers (errors, atomic, resources, tabledata, model, slug)
import no step. Imports inside functions count too: a cycle hidden in a function is still
a cycle. ``__main__`` modules are entry points and may import the CLI.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "mkgraph"
ORDER = ["text", "extract", "rdf", "validate", "publish", "store", "query", "serve", "cli"]
FRONTS = {"api"}  # the Python API: a front like the CLI, over every step but cli and serve


def _modules() -> dict[str, Path]:
    out = {}
    for p in PKG.rglob("*.py"):
        parts = p.relative_to(PKG.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = p
    return out


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """What a module imports at run time (``if TYPE_CHECKING:`` imports annotate only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree)
                   if isinstance(block, ast.If) and getattr(block.test, "id", None) == "TYPE_CHECKING"
                   for n in ast.walk(block)}
    out = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("mkgraph"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                out.add(full if full in MODULES else node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("mkgraph"))
    return {m for m in out if m in MODULES}


GRAPH = {name: _imports(path) - {name} for name, path in MODULES.items()}


def _step(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) == 1:
        return None
    if (PKG / parts[1]).is_dir():
        return parts[1]
    return parts[1] if parts[1] in FRONTS else None  # None: a shared helper


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycle():
    assert _cycles() == []


def test_a_step_imports_only_steps_to_its_left_and_helpers_import_no_step():
    wrong = []
    for module, targets in sorted(GRAPH.items()):
        if module.endswith("__main__") or module == "mkgraph":
            continue
        here = _step(module)
        for t in sorted(targets):
            there = _step(t)
            if there is None or there == here:
                continue
            if here is None:
                wrong.append(f"{module} (a shared helper) imports {t}")
            elif here in FRONTS:
                if there in ("cli", "serve"):
                    wrong.append(f"{module} imports {t}")
            elif there in FRONTS and here == "cli":
                continue  # the command line may use the Python API
            elif there in FRONTS or ORDER.index(there) > ORDER.index(here):
                wrong.append(f"{module} ({here}) imports {t} ({there}), a step to its right")
    assert wrong == []


def test_every_package_says_its_job():
    for init in sorted(PKG.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, f"{init.parent.name}/__init__.py needs a docstring naming its one job"


def test_the_checks_see_a_cycle_and_a_wrong_step():
    # the walk is real: a known edge is there (text.structure uses text.header)
    assert "mkgraph.text.header" in GRAPH["mkgraph.text.structure"]
    GRAPH["mkgraph.text.header"].add("mkgraph.text.structure")
    try:
        assert _cycles()
    finally:
        GRAPH["mkgraph.text.header"].discard("mkgraph.text.structure")


def test_no_function_is_longer_than_80_lines():
    """Small functions with one job each (issue 15): a function over 80 lines is split."""
    import ast

    long = []
    for path in sorted(PKG.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > 80:
                    long.append(f"{path.relative_to(PKG)}:{node.lineno} {node.name} ({lines} lines)")
    assert long == []
