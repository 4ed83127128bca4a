"""The package's import graph has no cycle: data flows one way (discovery → extraction → cleaning → validation →
dedup → export), and a module that needs another stage's helper finds it in a leaf both import (newsproj/text.py).

Read from the source (ast), not from a running interpreter, so an import inside a function counts as much as
one at the top (it is the same dependency, only later); ``if TYPE_CHECKING:`` imports do not count. Importing
``a.b.c`` runs ``a/b/__init__.py`` too, so it is an edge to every package on the way.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "newsproj"

KNOWN_CYCLES: list[list[str]] = [
    # (none left; the test fails while a listed cycle is gone, so the list only shrinks)
]


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    edges: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                       and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                prefix = ".".join(base + ([node.module] if node.module else []))
                targets = [prefix] + [f"{prefix}.{alias.name}" for alias in node.names]
            for target in targets:
                parts = target.split(".")
                for i in range(1, len(parts) + 1):
                    dep = ".".join(parts[:i])
                    # a module's own packages are already running when it is imported: not an edge
                    if dep in files and dep != name and not name.startswith(dep + "."):
                        edges[name].add(dep)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for dep in sorted(edges[node]):
            if dep not in index:
                visit(dep)
                low[node] = min(low[node], low[dep])
            elif dep in stack:
                low[node] = min(low[node], index[dep])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def test_no_import_cycle():
    found = cycles(import_graph())
    new = [c for c in found if c not in KNOWN_CYCLES]
    assert new == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in new)
    gone = [c for c in KNOWN_CYCLES if c not in found]
    assert gone == [], f"no longer a cycle, remove it from KNOWN_CYCLES: {gone}"


def test_the_check_finds_a_cycle(tmp_path):
    root = tmp_path / "newsproj"
    (root / "stage").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "stage" / "__init__.py").write_text("from .a import f\n")
    (root / "stage" / "a.py").write_text("def f():\n    from ..other import g\n")
    (root / "other.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .lone import x\n"
                                   "from .stage.a import f\n")
    (root / "lone.py").write_text("from .other import g\n")
    found = cycles(import_graph(root))
    assert found == [["newsproj.other", "newsproj.stage", "newsproj.stage.a"]]
