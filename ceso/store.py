"""A build folder and the one way to read it, for the CLI, `links`, `stats`, `export` and the server alike.

The build publishes an on-disk Oxigraph store (folder `store/`, beside dataset.nq), bulk-loaded once; every
reader opens it read-only, so a process starts in milliseconds whatever the size and the server's workers
share one copy of the data through the page cache. A build without it (the committed test fixture) is parsed
from dataset.nq into memory instead. Oxigraph is 10-40x faster than rdflib on our queries and compares
xsd:date with xsd:dateTime per the spec. The store's own default graph holds the union of the graphs users
query by default (namespaces.DEFAULT_GRAPHS), so a query's FROM / FROM NAMED and the protocol's
default-graph-uri / named-graph-uri replace it exactly as SPARQL says, with no query rewriting; shapes, VoID
and the Wikidata facts stay out of it. The writable store of update mode is in live.py.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ceso.errors import BuildMissing
from ceso.namespaces import DEFAULT_GRAPHS, PREFIXES

DATASET_FILE = "dataset.nq"
MANIFEST_FILE = "manifest.json"
STORE_DIR = "store"


def current_build(root: Path) -> Path | None:
    """The build folder `root/current` points at, if it is complete."""
    link = root / "current"
    return link.resolve() if link.is_symlink() and (link.resolve() / MANIFEST_FILE).is_file() else None


def read_manifest(build_dir: Path | None) -> dict:
    try:
        return json.loads((build_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return {}


@dataclass
class Result:
    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list = field(default_factory=list)  # SELECT rows (lists of terms, None when unbound) or triples
    boolean: bool | None = None
    truncated: bool = False  # the row cap cut the answer
    seconds: float = 0.0


def _collect(answer, limit: int | None) -> Result:
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        result = Result("select", [v.value for v in answer.variables])
        items = (list(solution) for solution in answer)
    else:
        result = Result("graph")
        items = iter(answer)
    return fill(result, items, limit)


def fill(result: Result, items, limit: int | None) -> Result:
    """Rows (or triples) into `result` up to the row cap, marking it truncated when the cap cut it."""
    for item in items:
        if limit is not None and len(result.rows) == limit:
            result.truncated = True
            break
        result.rows.append(item)
    return result


class BuildFiles:
    """What every reader of a build has, whichever store answers its queries: the build folder's files
    (ontology.html, void.ttl, …) and the named graphs' sizes."""

    build_dir: Path
    graph_sizes: dict[str, int]

    @property
    def named_graphs(self) -> list[str]:
        return sorted(self.graph_sizes)

    def file(self, name: str) -> Path | None:
        path = self.build_dir / name
        return path if path.is_file() else None


@dataclass
class Dataset(BuildFiles):
    build_dir: Path
    store: ox.Store
    graph_sizes: dict[str, int]  # named graph IRI -> triples, counted once at load
    default_graph_size: int
    load_seconds: float = 0.0

    def query(self, text: str, *, base_iri: str | None = None, default_graphs=(), named_graphs=(),
              limit: int | None = None) -> Result:
        """A user's query, answered as SPARQL says; raises SyntaxError or OSError (e.g. an unreachable SERVICE)."""
        options = {"base_iri": base_iri}
        if default_graphs or named_graphs:
            # The protocol's dataset replaces the query's FROM / FROM NAMED (SPARQL 1.1 Protocol §2.1.4).
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        started = time.perf_counter()
        result = _collect(self.store.query(text, **options), limit)
        result.seconds = time.perf_counter() - started
        return result

    def select(self, text: str, **bindings):
        """Our own queries: CESO's prefixes predeclared, `?name` bound to the given terms (or IRI strings);
        Oxigraph substitutes only variables that a SELECT projects (or ASK and DESCRIBE name)."""
        substitutions = {ox.Variable(name): ox.NamedNode(value) if isinstance(value, str) else value
                         for name, value in bindings.items()}
        return self.store.query(text, prefixes=PREFIXES, substitutions=substitutions)

    def triples(self, graph: str | None = None) -> list[ox.Triple]:
        """The triples of a named graph, or of the default graph (the union users query) when None."""
        node = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
        return [q.triple for q in self.store.quads_for_pattern(None, None, None, node)]

    def update(self, text: str, *, base_iri: str | None = None) -> None:
        raise OSError("this dataset is read-only; SPARQL Update needs the live store (ceso serve --enable-update)")


def _union_quads(store: ox.Store):
    """The default graph a build serves: every triple of DEFAULT_GRAPHS (the store drops repeats)."""
    for iri in DEFAULT_GRAPHS:
        for q in store.quads_for_pattern(None, None, None, ox.NamedNode(iri)):
            yield ox.Quad(q.subject, q.predicate, q.object)


def count_graphs(store: ox.Store) -> tuple[dict[str, int], int]:
    """Triples per named graph and in the default graph, counted by the engine (one scan)."""
    sizes = {s["g"].value: int(s["n"].value) for s in store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g") if isinstance(s["g"], ox.NamedNode)}
    default = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"]
    return sizes, int(default.value)


def write_store(dataset: Path, target: Path) -> tuple[dict[str, int], int]:
    """Bulk-load dataset.nq into a new on-disk store at `target`, its default graph the union of
    DEFAULT_GRAPHS; returns the triples per named graph and in the default graph."""
    # The union is the same lines without their graph: N-Quads lines end with ` <graph> .`, which no
    # literal can fake at the end of a line, so cutting the text is exact.
    endings = tuple(f" <{iri}> .\n".encode() for iri in DEFAULT_GRAPHS)
    with open(dataset, "rb") as lines:
        text = lines.read()
    union = b"".join(line[:line.rindex(b" <")] + b" .\n" for line in text.splitlines(keepends=True)
                     if line.endswith(endings))
    source = target.with_name(target.name + ".nq")
    source.write_bytes(text + union)
    del text, union
    return load_store(source, target)


def load_store(source: Path, target: Path) -> tuple[dict[str, int], int]:
    """Bulk-load an N-Quads file (the named graphs, then their union as default-graph lines: one document,
    so that a blank node label names the same node in both) into a new on-disk store at `target`; the
    file is removed once loaded. Oxigraph reads the file itself, so no copy of it is held in Python."""
    store = ox.Store(str(target))
    store.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS, lenient=True)  # our own serializer wrote it
    source.unlink()
    store.optimize()
    sizes = count_graphs(store)
    store.flush()
    del store  # closes the database, so readers may open it
    return sizes


def check_build_dir(build_dir: Path) -> Path:
    build_dir = Path(build_dir)
    if not build_dir.is_dir():
        raise BuildMissing(f"build folder {build_dir} does not exist", fix="run `ceso build` first")
    if not (build_dir / DATASET_FILE).is_file():
        raise BuildMissing(f"build folder {build_dir} lacks {DATASET_FILE}", fix="run `ceso build` again")
    return build_dir


def open_build(build_dir: Path) -> Dataset:
    """The build for reading: its published store opened read-only, else dataset.nq parsed into memory."""
    build_dir = check_build_dir(build_dir)
    started = time.perf_counter()
    store_dir = build_dir / STORE_DIR
    if store_dir.is_dir():
        try:
            store = ox.Store.read_only(str(store_dir))
        except OSError as err:
            raise BuildMissing(f"{store_dir} cannot be opened: {err}", fix="run `ceso build --force`") from None
        manifest = read_manifest(build_dir)
        if "graphs" in manifest and "default_graph_triples" in manifest:  # counted at publish: no scan here
            sizes, default = dict(manifest["graphs"]), int(manifest["default_graph_triples"])
        else:
            sizes, default = count_graphs(store)
        return Dataset(build_dir, store, sizes, default, time.perf_counter() - started)
    path = build_dir / DATASET_FILE
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))
    except SyntaxError as err:
        raise BuildMissing(f"{path} is not valid N-Quads: {err}", fix="run `ceso build --force`") from None
    store = ox.Store()
    store.bulk_extend(quads)
    store.bulk_extend(list(_union_quads(store)))
    sizes, default = count_graphs(store)
    return Dataset(build_dir, store, sizes, default, time.perf_counter() - started)
