"""The package's shape: no import cycle among ceso's modules, counting imports made inside functions too
(a lazy import only hides a cycle until the day someone moves it to the top)."""

from __future__ import annotations

import ast

from support import REPO

PACKAGE = REPO / "ceso"


def module_name(path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                found.update((base, f"{base}.{alias.name}") for alias in node.names)
        graph[name] = found
    modules = set(graph)

    def target(item) -> str:
        if isinstance(item, str):
            return item
        base, submodule = item  # `from base import name`: the submodule when `name` is one
        return submodule if submodule in modules else base

    # A module's own parent packages are imported before it by Python itself: not an edge of a cycle.
    return {name: {t for t in map(target, found) if t in modules and t != name and not name.startswith(t + ".")}
            for name, found in graph.items()}


def test_no_import_cycles():
    graph = imports()
    assert "ceso.cli" in graph and "ceso.server.app" in graph
    cycles = []

    def visit(node, stack):
        if node in stack:
            cycles.append(stack[stack.index(node):] + [node])
            return
        for nxt in sorted(graph[node]):
            if nxt not in done:
                visit(nxt, stack + [node])

    done: set[str] = set()
    for start in sorted(graph):
        visit(start, [])
        done.add(start)
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles[:10])
