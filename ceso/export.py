"""`ceso export`: the built graph in a standard RDF syntax, written whole or not at all."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox

from ceso.errors import CesoError
from ceso.formats import Format
from ceso.namespaces import DEFAULT_GRAPHS, GRAPH, PREFIXES
from ceso.store import Dataset


def _quads(dataset: Dataset, graph: str) -> list[ox.Quad]:
    """The quads of every named graph ("all"), of those the default graph unites ("default"), or of one."""
    if graph == "all":
        iris = dataset.named_graphs
    elif graph == "default":
        iris = list(DEFAULT_GRAPHS)
    else:
        iris = [GRAPH + graph]
        _exists(dataset, iris[0])
    return [q for iri in iris for q in dataset.store.quads_for_pattern(None, None, None, ox.NamedNode(iri))]


def _exists(dataset: Dataset, iri: str) -> None:
    if not dataset.graph_sizes.get(iri):
        hint = "run `ceso links pull`, then `ceso build`" if iri.endswith("/wikidata") else "see `ceso stats` for the graphs"
        raise CesoError(f"the build has no graph <{iri}> (or it is empty): nothing to export", fix=hint)


def serialize(dataset: Dataset, fmt: Format, graph: str | None = None) -> bytes:
    """The chosen graph (default: the union users query; for TriG/N-Quads, every named graph), sorted."""
    graph = graph or ("all" if fmt.named_graphs else "default")
    if fmt.named_graphs:
        items = _quads(dataset, graph)
    else:
        # The union's graphs may share a triple: the default graph states it once.
        if graph not in ("all", "default"):
            _exists(dataset, GRAPH + graph)
        items = dataset.triples(None if graph in ("all", "default") else GRAPH + graph)
    items.sort(key=str)
    line_based = fmt.rdf in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS)
    return ox.serialize(items, format=fmt.rdf, prefixes=None if line_based else PREFIXES)


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
        # mkstemp makes the file private (0600); an export is an ordinary file: the umask decides.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
