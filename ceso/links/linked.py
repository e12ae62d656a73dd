"""Our Wikidata links, read from a build: which of our individuals is linked to which item, what kind of
thing it is, and the names we give it."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from ceso.dataset import DEFAULT_GRAPH_NODES
from ceso.namespaces import ID, INSTANCES_GRAPH, WD

ITEM = re.compile(re.escape(str(WD)) + r"(Q[1-9][0-9]*)")
LANGUAGES = ("en", "ru")

# Our kind of thing -> the class it is known by (the inferred graph carries every superclass).
KINDS = {
    "state": "https://w3id.org/ceso/ontology#State",
    "organization": "http://www.w3.org/ns/org#Organization",
    "person": "http://xmlns.com/foaf/0.1/Person",
}


@dataclass
class Link:
    ours: str  # our IRI
    item: str  # the Wikidata entity IRI as written
    kind: str | None = None  # state, organization, person or None (no kind check)
    labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # our rdfs:label per language

    @property
    def qid(self) -> str | None:
        match = ITEM.fullmatch(self.item)
        return match.group(1) if match else None


def _sorted(rows) -> list:
    return sorted(rows, key=lambda link: (link.ours, link.item))


def links(store: ox.Store) -> list[Link]:
    """Every owl:sameAs from one of our individuals to a Wikidata entity, as stated (not inferred)."""
    found: dict[tuple[str, str], Link] = {}
    query = f"""
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT ?ours ?item WHERE {{
          GRAPH <{INSTANCES_GRAPH}> {{ ?ours owl:sameAs ?item }}
          FILTER(isIRI(?item) && STRSTARTS(STR(?item), "{WD}") && STRSTARTS(STR(?ours), "{ID}"))
        }}"""
    for row in store.query(query):
        ours, item = row["ours"].value, row["item"].value
        found[(ours, item)] = Link(ours, item)
    by_ours: dict[str, list[Link]] = defaultdict(list)
    for link in found.values():
        by_ours[link.ours].append(link)
    for kind, cls in KINDS.items():
        for row in store.query(f"SELECT DISTINCT ?s WHERE {{ ?s a <{cls}> }}", default_graph=DEFAULT_GRAPH_NODES):
            for link in by_ours.get(row["s"].value, ()):
                link.kind = link.kind or kind  # KINDS is ordered: a state is never also an organization
    labels = f"""
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?s ?label WHERE {{ GRAPH <{INSTANCES_GRAPH}> {{ ?s rdfs:label ?label }} }}"""
    for row in store.query(labels):
        language = (row["label"].language or "").split("-")[0].lower()
        for link in by_ours.get(row["s"].value, ()):
            if language in LANGUAGES:
                link.labels[language].add(row["label"].value)
    return _sorted(found.values())

