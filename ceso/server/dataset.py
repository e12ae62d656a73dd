"""The served dataset: a build folder loaded into an in-memory Oxigraph store.

Oxigraph rather than rdflib: it answers CESO's queries 10-40x faster and compares xsd:date with
xsd:dateTime per the spec (rdflib gets that wrong). Each server worker process loads its own store; a
build of ~100k quads loads in well under a second.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ceso import namespaces

log = logging.getLogger("ceso.server")

DEFAULT_GRAPH_IRIS = tuple(str(g) for g in namespaces.DEFAULT_GRAPHS)
REQUIRED_FILES = ("dataset.nq",)


class BuildError(RuntimeError):
    """The build folder is missing or unusable; the message says what to do."""


def check_build_dir(build_dir: Path) -> Path:
    build_dir = Path(build_dir)
    if not build_dir.is_dir():
        raise BuildError(f"build folder {build_dir} does not exist; run `ceso build` first")
    missing = [name for name in REQUIRED_FILES if not (build_dir / name).is_file()]
    if missing:
        raise BuildError(f"build folder {build_dir} lacks {', '.join(missing)}; run `ceso build` again")
    return build_dir


@dataclass
class Dataset:
    build_dir: Path
    store: ox.Store
    graph_sizes: dict[str, int] = field(default_factory=dict)  # named graph IRI -> triples
    default_graph_size: int = 0
    load_seconds: float = 0.0

    @property
    def named_graphs(self) -> list[str]:
        return sorted(self.graph_sizes)

    def file(self, name: str) -> Path | None:
        path = self.build_dir / name
        return path if path.is_file() else None


def load(build_dir: Path) -> Dataset:
    build_dir = check_build_dir(build_dir)
    started = time.perf_counter()
    try:
        quads = list(ox.parse(path=str(build_dir / "dataset.nq"), format=ox.RdfFormat.N_QUADS))
    except SyntaxError as err:
        raise BuildError(f"{build_dir / 'dataset.nq'} is not valid N-Quads: {err}") from None
    sizes: dict[str, int] = {}
    default = []
    for quad in quads:
        graph = quad.graph_name
        if isinstance(graph, ox.NamedNode):
            sizes[graph.value] = sizes.get(graph.value, 0) + 1
            if graph.value in DEFAULT_GRAPH_IRIS:
                default.append(ox.Quad(quad.subject, quad.predicate, quad.object))
    # The store's own default graph holds ontology ∪ instances ∪ inferred, so that a query's FROM / FROM NAMED
    # (and the protocol's default-graph-uri) replace it exactly as the spec says, with no query rewriting,
    # while shapes and VoID stay out of it.
    store = ox.Store()
    store.bulk_extend(quads)
    store.bulk_extend(default)
    default_size = len(set(default))
    elapsed = time.perf_counter() - started
    log.info("loaded %d quads from %s in %.2f s", len(quads), build_dir, elapsed)
    return Dataset(build_dir, store, sizes, default_size, elapsed)
