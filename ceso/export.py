"""`ceso export`: the built graph in a standard RDF syntax, written whole or not at all."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox

from ceso.dataset import DEFAULT_GRAPH_NODES
from ceso.errors import CesoError
from ceso.namespaces import GRAPH, PREFIXES

# format name -> (Oxigraph format, whether it carries named graphs)
FORMATS = {
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "xml": (ox.RdfFormat.RDF_XML, False),
    "jsonld": (ox.RdfFormat.JSON_LD, False),
    "trig": (ox.RdfFormat.TRIG, True),
    "nq": (ox.RdfFormat.N_QUADS, True),
}
GRAPH_NAMES = ("all", "default", "ontology", "instances", "inferred", "shapes", "void", "wikidata")


def _quads(store: ox.Store, graph: str):
    if graph == "all":
        return store.quads_for_pattern(None, None, None, None)
    nodes = DEFAULT_GRAPH_NODES if graph == "default" else [ox.NamedNode(str(GRAPH[graph]))]
    return (quad for node in nodes for quad in store.quads_for_pattern(None, None, None, node))


def serialize(store: ox.Store, fmt: str, graph: str | None = None) -> bytes:
    """The chosen graph (default: the union users query; for TriG/N-Quads, every named graph), sorted."""
    rdf_format, with_graphs = FORMATS[fmt]
    graph = graph or ("all" if with_graphs else "default")
    if with_graphs:
        items = sorted(_quads(store, graph), key=str)
    else:
        # The graphs of the union may share a triple; a triple syntax states it once.
        items = sorted({quad.triple for quad in _quads(store, "default" if graph == "all" else graph)}, key=str)
    line_based = rdf_format in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)
    prefixes = None if line_based else {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    return ox.serialize(items, format=rdf_format, prefixes=prefixes)


def write_atomically(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    folder = output.resolve().parent
    if not folder.is_dir():
        raise CesoError(f"cannot write {output}: folder {folder} does not exist", fix="create the folder or choose another path")
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
