"""The writable store behind `ceso serve --enable-update`: a copy of the build that outlives any process.

On first use a build is copied into `<live root>/<build folder name>` (a backup of the build's store, made
of hard links where it can, or a bulk load of dataset.nq), and every later start opens that copy again, so
an update answered 204 survives a worker's retirement and a restart. A new build starts a new copy; the
old one stays beside it until removed by hand.

Each update runs in one Oxigraph transaction together with the upkeep of the default graph (the union of
DEFAULT_GRAPHS), so a reader sees both as they were before or both as they are after, and it is flushed to
disk before it is answered. The default graph is derived, so an update that would write it directly (an
INSERT DATA without GRAPH, CLEAR DEFAULT, LOAD without INTO GRAPH, ...) is refused with a message naming
the graphs to write instead, rather than applied and then silently undone by the upkeep.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ceso import paths
from ceso.errors import CesoError
from ceso.namespaces import DEFAULT_GRAPHS, INSTANCES_GRAPH
from ceso.store import DATASET_FILE, STORE_DIR, Dataset, check_build_dir, count_graphs, write_store

_GRAPHS = [f"<{g}>" for g in DEFAULT_GRAPHS]
# Make the default graph the union again: drop what no longer backs it, add what is new. MINUS is a hash
# anti-join in Oxigraph (FILTER NOT EXISTS re-evaluates per triple: 4x slower on the shipped graph).
UPKEEP = ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o " + " ".join(f"MINUS {{ GRAPH {g} {{ ?s ?p ?o }} }}" for g in _GRAPHS)
          + " } ;\nINSERT { ?s ?p ?o } WHERE { { " + " UNION ".join(f"{{ GRAPH {g} {{ ?s ?p ?o }} }}" for g in _GRAPHS)
          + " } MINUS { ?s ?p ?o } }")
DERIVED = (f"the default graph is derived (the union of {', '.join(f'<{g}>' for g in DEFAULT_GRAPHS)}) and cannot "
           f"be written directly: name one of the named graphs, e.g. INSERT DATA {{ GRAPH <{INSTANCES_GRAPH}> {{ ... }} }}")


class UpdateRefused(ValueError):
    """An update the live store will not apply; the message says what to send instead."""


def live_root() -> Path:
    return paths.build_root() / "live"


def _absolute(term) -> str | None:
    """A graph named by an update, when it is a fixed absolute IRI (else None: it could be any graph)."""
    from rdflib import URIRef

    text = str(term)
    return text if isinstance(term, URIRef) and ":" in text.split("/", 1)[0] else None


def union_may_change(text: str) -> bool:
    """Whether an update may write one of DEFAULT_GRAPHS; raises UpdateRefused if it writes the default
    graph itself, SyntaxError if it is not SPARQL Update."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateUpdate
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        operations = translateUpdate(parseUpdate(text)).algebra
    except ParseException as err:
        raise SyntaxError(f"{err.msg} at line {err.lineno}, column {err.col}") from None
    except Exception as err:  # rdflib's translation rejects some malformed updates with other errors
        raise SyntaxError(str(err)) from None
    written: set[str | None] = set()
    for op in operations:
        name = op.name
        if name in ("InsertData", "DeleteData", "DeleteWhere"):
            if op.triples:
                raise UpdateRefused(DERIVED)
            written.update(_absolute(g) for g in op.quads)
        elif name == "Modify":
            for clause in (op.delete, op.insert):
                if clause is None:
                    continue
                if clause.triples:
                    if op.withClause is None:
                        raise UpdateRefused(DERIVED)
                    written.add(_absolute(op.withClause))
                written.update(_absolute(g) for g in clause.quads)
        elif name == "Load":
            if op.graphiri is None:
                raise UpdateRefused(DERIVED + " (LOAD <...> INTO GRAPH <...>)")
            written.add(_absolute(op.graphiri))
        elif name in ("Clear", "Drop"):
            if op.graphiri == "DEFAULT":
                raise UpdateRefused(DERIVED)
            written.add(None if op.graphiri in ("ALL", "NAMED") else _absolute(op.graphiri))
        elif name in ("Add", "Copy", "Move"):
            source, target = op.graph
            if target == "DEFAULT" or (name == "Move" and source == "DEFAULT"):
                raise UpdateRefused(DERIVED)
            written.add(_absolute(target))
            if name == "Move":
                written.add(_absolute(source))
    return None in written or bool(written & set(DEFAULT_GRAPHS))


@dataclass
class LiveDataset(Dataset):
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def update(self, text: str, *, base_iri: str | None = None) -> None:
        upkeep = union_may_change(text)
        with self._lock:
            if upkeep:
                # One request is one transaction; a trailing `;` in the user's text ends it, so try both joins.
                try:
                    self.store.update(text + "\n;\n" + UPKEEP, base_iri=base_iri)
                except SyntaxError:
                    self.store.update(text + "\n" + UPKEEP, base_iri=base_iri)
            else:
                self.store.update(text, base_iri=base_iri)
            self.store.flush()  # on disk before the 204
            self.graph_sizes, self.default_graph_size = count_graphs(self.store)


def _create(build_dir: Path, target: Path) -> None:
    """Copy the build into `target`, atomically: a half-made copy is never opened."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        if (build_dir / STORE_DIR).is_dir():
            ox.Store.read_only(str(build_dir / STORE_DIR)).backup(str(staging))
        else:
            write_store(build_dir / DATASET_FILE, staging)
        os.rename(staging, target)
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        if not target.is_dir():  # else another process made it first
            raise CesoError(f"cannot make the live store {target}: {err}", fix="set CESO_BUILD_DIR to a writable folder") from None


def open_live(build_dir: Path, root: Path | None = None, wait: float = 60.0) -> LiveDataset:
    """The build's live store, read-write, made on first use. A retiring worker may still hold it for a
    moment (one writer at a time), so opening waits up to `wait` seconds for it."""
    build_dir = check_build_dir(build_dir)
    started = time.perf_counter()
    target = Path(root or live_root()) / build_dir.name
    if not target.is_dir():
        _create(build_dir, target)
    deadline = time.monotonic() + wait
    while True:
        try:
            store = ox.Store(str(target))
            break
        except OSError as err:
            held_here = "current process" in str(err)  # only our own store object can free it
            if "lock" not in str(err).lower() or held_here or time.monotonic() > deadline:
                raise CesoError(f"cannot open the live store {target}: {err}",
                                fix="stop the other server that updates it, or remove the folder to start afresh") from None
            time.sleep(0.1)
    sizes, default = count_graphs(store)
    union_may_change("CLEAR SILENT GRAPH <urn:x>")  # loads the update parser now, not within the first deadline
    return LiveDataset(build_dir, store, sizes, default, time.perf_counter() - started)
