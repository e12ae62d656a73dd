"""`ceso stats`: what the built graph holds, counted with SPARQL over the built dataset."""

from __future__ import annotations

from ceso.display import short_iri
from ceso.store import Dataset

_TRIPLES_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"

_ENTITIES_PER_CLASS = """
SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a ?class .
  FILTER(STRSTARTS(STR(?e), STR(id:)))
} GROUP BY ?class ORDER BY DESC(?n) ?class"""

_MEMBERSHIPS = """
SELECT ?org ?role (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?m a ceso:StateMembership ; org:organization ?org ; org:role ?role .
  FILTER(STRSTARTS(STR(?m), STR(id:)))
} GROUP BY ?org ?role ORDER BY ?org ?role"""


def stats_tables(dataset: Dataset) -> list[tuple[str, list[tuple[str, ...]]]]:
    graphs = [(s["g"].value, s["n"].value) for s in dataset.select(_TRIPLES_PER_GRAPH)]
    classes = [(short_iri(s["class"].value), s["n"].value) for s in dataset.select(_ENTITIES_PER_CLASS)]
    memberships = [(short_iri(s["org"].value), short_iri(s["role"].value), s["n"].value)
                   for s in dataset.select(_MEMBERSHIPS)]
    return [
        ("triples per graph", [("graph", "triples"), *graphs]),
        ("entities per class (asserted and inferred types)", [("class", "entities"), *classes]),
        ("memberships per organization and status", [("organization", "status", "memberships"), *memberships]),
    ]
