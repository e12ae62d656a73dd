"""The build publishes an on-disk store beside dataset.nq that readers open read-only: it holds exactly the
quads of dataset.nq, its default graph is the union of the ontology, instances and inferred graphs, and its
counts are in the manifest, so opening it needs no scan. A build folder with only dataset.nq (as the
committed endpoint fixture is) reads the same."""

from __future__ import annotations

import json
import shutil
from collections import Counter

GRAPH = "https://w3id.org/ceso/graph/"
UNION = (GRAPH + "ontology", GRAPH + "instances", GRAPH + "inferred")


def dataset_lines(build_dir) -> list[tuple[str, str]]:
    """(triple text, graph IRI) of each dataset.nq line, read as text."""
    lines = []
    for line in (build_dir / "dataset.nq").read_text(encoding="utf-8").splitlines():
        triple, _, graph = line[: -len(" .")].rpartition(" ")
        lines.append((triple, graph[1:-1]))
    return lines


def test_store_counts_match_dataset_lines_and_the_manifest(build_dir, shipped):
    assert (build_dir / "store").is_dir()
    lines = dataset_lines(build_dir)
    per_graph = Counter(graph for _, graph in lines)
    union = {triple for triple, graph in lines if graph in UNION}
    manifest = json.loads((build_dir / "manifest.json").read_text())
    assert manifest["graphs"] == dict(per_graph)
    assert manifest["default_graph_triples"] == len(union)
    assert shipped.graph_sizes == dict(per_graph)
    assert shipped.default_graph_size == len(union)
    # What the store holds, counted by a query rather than taken from the manifest.
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert int(shipped.query(count).rows[0][0].value) == len(union)
    graphs = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert int(shipped.query(graphs).rows[0][0].value) == len(lines)


def test_default_graph_blank_nodes_are_those_of_their_graph(shipped):
    """The union shares blank nodes with the graph it came from (an OWL list in the ontology is one list)."""
    values = " ".join(f"<{g}>" for g in UNION)
    orphans = f"ASK {{ ?s ?p ?o FILTER NOT EXISTS {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} }}"
    assert shipped.query(orphans).boolean is False
    blanks = "ASK { ?s ?p ?o FILTER(isBlank(?s)) }"
    assert shipped.query(blanks).boolean is True


def test_a_build_folder_with_only_dataset_nq_reads_the_same(build_dir, shipped, tmp_path):
    from ceso.store import open_build

    shutil.copy(build_dir / "dataset.nq", tmp_path / "dataset.nq")
    parsed = open_build(tmp_path)
    assert parsed.graph_sizes == shipped.graph_sizes
    assert parsed.default_graph_size == shipped.default_graph_size
    query = ("SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(isIRI(?s) && !isBlank(?o)) } ORDER BY ?s ?p ?o")
    assert parsed.query(query).rows == shipped.query(query).rows
