"""`ceso publish` then the endpoint over each engine: the same rows as the embedded store for every
competency query, pages that render, and a publish that says what it did."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from support import REPO

QUERIES = sorted(p for p in (REPO / "queries").glob("*.rq") if "SERVICE" not in p.read_text(encoding="utf-8"))
JSON = "application/sparql-results+json"
XSD = "http://www.w3.org/2001/XMLSchema#"
# Where Virtuoso 7.2 answers differently (docs/deployment.md): it has no boolean type, so a boolean
# expression comes back as xsd:integer 1 or 0; and it evaluates zero-or-more / one-or-more property paths
# from a variable (`?cls rdfs:subClassOf* ceso:Event`) inside larger patterns wrongly, so these queries lose
# or gain rows. Each entry is checked to still differ exactly so.
VIRTUOSO_BOOLEANS = {"06-csto-members-today", "37-participation-freezes", "47-attestations"}
VIRTUOSO_PATHS = {"20-events-in-russia", "45-sco-admission-criteria", "62-applications-and-announcements",
                  "65-armed-clashes-2022", "66-karabakh-conflict-phases"}


def rows(reply) -> list:
    assert reply.status == 200, reply.text
    data = reply.json()
    return data["results"]["bindings"] if "results" in data else [data["boolean"]]


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_competency_queries_give_the_same_rows(path, front, embedded, engine_name):
    text = path.read_text(encoding="utf-8")
    expected, got = rows(embedded.query(text, JSON)), rows(front.query(text, JSON))
    assert expected, "a competency query that answers nothing proves nothing"
    if engine_name == "virtuoso" and path.stem in VIRTUOSO_PATHS:
        assert got != expected, f"Virtuoso now answers {path.stem} right: take it off VIRTUOSO_PATHS"
        return
    if engine_name == "virtuoso" and path.stem in VIRTUOSO_BOOLEANS:
        assert got != expected
        expected = [{k: as_virtuoso_integer(v) for k, v in row.items()} for row in expected]
    if re.search(r"\bORDER\s+BY\b", text, re.I):
        assert got == expected
    else:
        assert sorted(map(json.dumps, got)) == sorted(map(json.dumps, expected))


def as_virtuoso_integer(term: dict) -> dict:
    if term.get("datatype") == XSD + "boolean":
        return {**term, "value": "1" if term["value"] == "true" else "0", "datatype": XSD + "integer"}
    return term


def test_publish_says_what_it_did(published, engine_name, build_dir):
    _, result = published(engine_name)
    # Counted from the published file itself.
    per_graph = Counter(line.rsplit(" ", 2)[-2].strip("<>") for line in (build_dir / "dataset.nq").read_text().splitlines() if line)
    for graph, n in per_graph.items():
        assert re.search(rf"{re.escape(graph)}\s+{n:,} triples", result.stdout), result.stdout
    assert "https://w3id.org/ceso/graph/default" in result.stdout
    assert re.search(r"\d+ graphs, [\d,]+ triples in [\d.]+ s", result.stdout)


def test_publishing_again_replaces_the_graphs(published, engine_name, shipped_root, front, embedded):
    from support import run_ceso

    engine, _ = published(engine_name)
    again = run_ceso("publish", "--to", engine.endpoint, *engine.publish_args, build_dir=shipped_root, check=True)
    assert "6 graphs" in again.stdout or "graphs" in again.stdout
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert rows(front.query(count, JSON)) == rows(embedded.query(count, JSON))


def test_direct_publish_replaces_the_graphs_in_place(published, shipped_root, fronts, embedded):
    from support import run_ceso

    engine, _ = published("oxigraph")
    done = run_ceso("publish", "--to", engine.endpoint, "--direct", build_dir=shipped_root, check=True)
    assert "switch 0.00 s" in done.stdout
    front = fronts("oxigraph")
    for q in ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
              "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"):
        assert rows(front.query(q, JSON)) == rows(embedded.query(q, JSON))


@pytest.mark.parametrize("path, accept, needle", [
    ("/id/sco", "text/html", "Shanghai Cooperation Organisation"),
    ("/id/sco", "text/turtle", "id:sco"),
    ("/id/kazakhstan", "text/html", "Kazakhstan"),
    ("/", "text/html", "/sparql"),
    ("/ontology", "text/html", "<html"),
    ("/void.ttl", "text/turtle", "void:"),
    ("/sparql", "text/turtle", "sd:Service"),
    ("/graph-store?graph=https://w3id.org/ceso/graph/ontology", "text/turtle", "owl:Class"),
    ("/health", "application/json", "default_graph_triples"),
], ids=["entity-html", "entity-ttl", "state-html", "ui", "ontology", "void", "service-description", "graph-store", "health"])
def test_pages_render_through_the_backend(front, embedded, path, accept, needle):
    reply = front.request("GET", path, headers={"Accept": accept})
    assert reply.status == 200, reply.text
    assert needle in reply.text
    assert embedded.request("GET", path, headers={"Accept": accept}).status == 200


def test_entity_pages_are_the_embedded_ones(front, embedded):
    for slug in ("sco", "kazakhstan", "csto"):
        mine = front.request("GET", f"/id/{slug}", headers={"Accept": "text/html"})
        theirs = embedded.request("GET", f"/id/{slug}", headers={"Accept": "text/html"})
        assert mine.text == theirs.text


def test_service_description_counts_the_backend(front, embedded):
    health, local = front.request("GET", "/health").json(), embedded.request("GET", "/health").json()
    assert health["triples_per_graph"] == local["triples_per_graph"]
    assert health["default_graph_triples"] == local["default_graph_triples"]


def test_graphs_with_blank_nodes_come_back_whole(front, embedded):
    """The shapes graph is mostly blank nodes (SHACL lists); Virtuoso labels them nodeID://…"""
    import pyoxigraph as ox

    path = "/graph-store?graph=https://w3id.org/ceso/graph/shapes"
    mine = list(ox.parse(front.request("GET", path, headers={"Accept": "application/n-triples"}).body, format=ox.RdfFormat.N_TRIPLES))
    theirs = list(ox.parse(embedded.request("GET", path, headers={"Accept": "application/n-triples"}).body, format=ox.RdfFormat.N_TRIPLES))
    assert len(mine) == len(theirs) > 100
    assert sum(isinstance(t.subject, ox.BlankNode) for t in mine) == sum(isinstance(t.subject, ox.BlankNode) for t in theirs)

