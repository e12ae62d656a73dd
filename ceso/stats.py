"""`ceso stats`: what the built graph holds, counted with SPARQL over the built dataset."""

from __future__ import annotations

import pyoxigraph as ox

from ceso.dataset import run_query
from ceso.namespaces import PREFIXES

_TRIPLES_PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"

_ENTITIES_PER_CLASS = """
SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a ?class .
  FILTER(STRSTARTS(STR(?e), "https://w3id.org/ceso/id/"))
} GROUP BY ?class ORDER BY DESC(?n) ?class"""

_MEMBERSHIPS = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX ceso: <https://w3id.org/ceso/ontology#>
SELECT ?org ?role (COUNT(DISTINCT ?m) AS ?n) WHERE {
  ?m a ceso:StateMembership ; org:organization ?org ; org:role ?role .
  FILTER(STRSTARTS(STR(?m), "https://w3id.org/ceso/id/"))
} GROUP BY ?org ?role ORDER BY ?org ?role"""


def _short(term) -> str:
    """A term as a reader writes it: prefixed name for IRIs in known namespaces, the value for literals."""
    value = term.value
    if not isinstance(term, ox.NamedNode):
        return value
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        if value.startswith(str(namespace)) and value != str(namespace):
            return f"{prefix}:{value[len(str(namespace)):]}"
    return f"<{value}>"


def stats_tables(store: ox.Store) -> list[tuple[str, list[tuple[str, ...]]]]:
    graphs = [(s["g"].value, s["n"].value) for s in store.query(_TRIPLES_PER_GRAPH)]
    classes = [(_short(s["class"]), s["n"].value) for s in run_query(store, _ENTITIES_PER_CLASS)]
    memberships = [(_short(s["org"]), _short(s["role"]), s["n"].value) for s in run_query(store, _MEMBERSHIPS)]
    return [
        ("triples per graph", [("graph", "triples"), *graphs]),
        ("entities per class (asserted and inferred types)", [("class", "entities"), *classes]),
        ("memberships per organization and status", [("organization", "status", "memberships"), *memberships]),
    ]


def format_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)
