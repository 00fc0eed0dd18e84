"""The layers the code keeps, read from its import graph (``ast``), so a broken rule fails here
by name: ``diffs`` imports none of ours; spiders never reach the store; the capture type
imports neither side; the read side imports neither the ingest core nor the crawler; crawl and
cluster do not import each other; no two modules import each other, however indirectly.

Every import counts, also one inside a function (imported on use is still a dependency).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("capture", "crawler", "diffs", "monitor")
CLUSTER = "monitor.ops.cluster"

Graph = dict[str, set[str]]


def module_names(root: Path, packages: Iterable[str]) -> dict[str, Path]:
    """Every module under the packages, by dotted name (a package by its own name)."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imported(tree: ast.AST, module: str, is_package: bool) -> set[tuple[str, ...]]:
    """What one module imports, as (name,) or (module, name) for ``from module import name``."""
    found: set[tuple[str, ...]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update((alias.name,) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join(anchor + ([base] if base else []))
            found.update((base, alias.name) for alias in node.names)
    return found


def import_graph(root: Path = REPO, packages: Iterable[str] = PACKAGES) -> Graph:
    """Module -> the modules of ours it imports. ``from a import b`` is an edge to the module
    ``a.b`` when there is one, else to ``a`` (``from monitor.store import Store``)."""
    modules = module_names(root, packages)
    graph: Graph = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges = set()
        for parts in imported(tree, module, path.stem == "__init__"):
            name = ".".join(parts)
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != module:
                edges.add(name)
        graph[module] = edges
    return graph


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def path_to(graph: Graph, start: str, target: str) -> list[str] | None:
    """The import chain from ``start`` to a module within ``target``, if there is one."""
    parents: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        module = queue.pop(0)
        if within(module, target) and module != start:
            chain = [module]
            while parents[chain[-1]] is not None:
                chain.append(parents[chain[-1]])
            return chain[::-1]
        for imported_module in sorted(graph.get(module, ())):
            if imported_module not in parents:
                parents[imported_module] = module
                queue.append(imported_module)
    return None


def never_reaches(graph: Graph, rule: str, sources: str, target: str) -> list[str]:
    """Violations of "modules within ``sources`` never import ``target``, even indirectly"."""
    broken = []
    for module in sorted(graph):
        if within(module, sources):
            chain = path_to(graph, module, target)
            if chain:
                broken.append(f"{rule}: {' -> '.join(chain)}")
    return broken


def never_imports(graph: Graph, rule: str, sources: str, targets: Iterable[str]) -> list[str]:
    """Violations of "modules within ``sources`` do not import ``targets`` directly"."""
    return [
        f"{rule}: {module} imports {imported_module}"
        for module in sorted(graph)
        if within(module, sources)
        for imported_module in sorted(graph[module])
        if any(within(imported_module, target) for target in targets)
    ]


def cycles(graph: Graph) -> list[list[str]]:
    """Each group of modules that import one another (strongly connected, Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph.get(module, ())):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(found)


def cycle_violations(graph: Graph) -> list[str]:
    return [f"a cycle between modules: {' <-> '.join(group)}" for group in cycles(graph)]


def rule_violations(graph: Graph) -> list[str]:
    """Every layer rule the graph breaks, each naming the rule and the modules."""
    return [
        *never_imports(graph, "diffs imports ours", "diffs", ("capture", "crawler", "monitor")),
        *never_imports(graph, "the capture type imports a side", "capture", ("crawler", "monitor")),
        *never_reaches(graph, "spider imports store", "crawler.spiders", "monitor.store"),
        *never_reaches(graph, "read side imports ingest", "monitor.read", "monitor.ingest"),
        *never_reaches(graph, "read side imports the crawler", "monitor.read", "crawler"),
        *never_imports(graph, "ingest core imports the crawler", "monitor.ingest", ("crawler",)),
        *never_imports(
            graph, "crawl imports cluster", "monitor.ops.crawl", ("monitor.ops.cluster",)
        ),
        *never_imports(
            graph, "cluster imports crawl", "monitor.ops.cluster", ("monitor.ops.crawl",)
        ),
    ]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return import_graph()


def test_the_graph_is_read_from_every_package(graph):
    assert {"diffs.diff", "crawler.spiders.live", "monitor.store.store", "capture"} <= set(graph)
    assert "monitor.store" in graph["monitor.ingest.core"]


def test_the_layer_rules_hold(graph):
    broken = rule_violations(graph)
    assert not broken, "\n".join(broken)


def test_no_import_cycles_between_modules(graph):
    broken = cycle_violations(graph)
    assert not broken, "\n".join(broken)


def test_the_capture_type_needs_neither_scrapy_nor_the_store():
    tree = ast.parse((REPO / "capture" / "__init__.py").read_text(encoding="utf-8"))
    roots = {parts[0].split(".")[0] for parts in imported(tree, "capture", True)}
    assert not roots & {"scrapy", "sqlite_utils", "twisted"}


# The checks themselves, on a small made-up project: each broken rule is reported by name.


def _project(tmp_path: Path, files: dict[str, str]) -> Graph:
    for name, source in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    return import_graph(tmp_path, ("capture", "crawler", "diffs", "monitor"))


def test_a_spider_reaching_the_store_is_named_with_its_chain(tmp_path):
    graph = _project(
        tmp_path,
        {
            "crawler/__init__.py": "",
            "crawler/spiders/__init__.py": "",
            "crawler/spiders/live.py": "from monitor.config import Site\n",
            "monitor/__init__.py": "",
            "monitor/config.py": "def f():\n    from monitor.store import Store\n",
            "monitor/store/__init__.py": "",
        },
    )
    assert rule_violations(graph) == [
        "spider imports store: crawler.spiders.live -> monitor.config -> monitor.store"
    ]


def test_diffs_importing_ours_and_the_read_side_importing_ingest_are_named(tmp_path):
    graph = _project(
        tmp_path,
        {
            "diffs/__init__.py": "from monitor import config\n",
            "monitor/__init__.py": "",
            "monitor/config.py": "",
            "monitor/ingest/__init__.py": "",
            "monitor/read/__init__.py": "",
            "monitor/read/history.py": "from ..ingest import core\n",
            "monitor/ingest/core.py": "",
        },
    )
    assert rule_violations(graph) == [
        "diffs imports ours: diffs imports monitor.config",
        "read side imports ingest: monitor.read.history -> monitor.ingest.core",
    ]


def test_a_cycle_is_reported_with_its_modules(tmp_path):
    graph = _project(
        tmp_path,
        {
            "monitor/__init__.py": "",
            "monitor/ops/__init__.py": "",
            "monitor/ops/crawl.py": "def f():\n    from monitor.ops import cluster\n",
            "monitor/ops/cluster.py": "from monitor.ops.crawl import f\n",
        },
    )
    assert cycle_violations(graph) == [
        "a cycle between modules: monitor.ops.cluster <-> monitor.ops.crawl"
    ]
    assert "crawl imports cluster: monitor.ops.crawl imports monitor.ops.cluster" in (
        rule_violations(graph)
    )
