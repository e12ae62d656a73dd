"""Our Wikidata links, read from a build: which of our individuals is linked to which item, what kind of
thing it is, and the names we give it."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ceso.namespaces import CESO, INSTANCES_GRAPH, ORG, WD
from ceso.store import Dataset

ITEM = re.compile(re.escape(WD) + r"(Q[1-9][0-9]*)")
LANGUAGES = ("en", "ru")

# Our kind of thing -> the class it is known by (the inferred graph carries every superclass).
KINDS = {
    "state": CESO + "State",
    "organization": ORG + "Organization",
    "person": "http://xmlns.com/foaf/0.1/Person",
}
_LINKS = f"""SELECT ?ours ?item WHERE {{
  GRAPH <{INSTANCES_GRAPH}> {{ ?ours owl:sameAs ?item }}
  FILTER(isIRI(?item) && STRSTARTS(STR(?item), STR(wd:)) && STRSTARTS(STR(?ours), STR(id:)))
}}"""
_LABELS = f"SELECT ?s ?label WHERE {{ GRAPH <{INSTANCES_GRAPH}> {{ ?s rdfs:label ?label }} }}"


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


def links(dataset: Dataset) -> list[Link]:
    """Every owl:sameAs from one of our individuals to a Wikidata entity, as stated (not inferred)."""
    found: dict[tuple[str, str], Link] = {}
    for row in dataset.select(_LINKS):
        ours, item = row["ours"].value, row["item"].value
        found[(ours, item)] = Link(ours, item)
    by_ours: dict[str, list[Link]] = defaultdict(list)
    for link in found.values():
        by_ours[link.ours].append(link)
    for kind, cls in KINDS.items():
        for row in dataset.select("SELECT DISTINCT ?s ?class WHERE { ?s a ?class }", **{"class": cls}):
            for link in by_ours.get(row["s"].value, ()):
                link.kind = link.kind or kind  # KINDS is ordered: a state is never also an organization
    for row in dataset.select(_LABELS):
        language = (row["label"].language or "").split("-")[0].lower()
        for link in by_ours.get(row["s"].value, ()):
            if language in LANGUAGES:
                link.labels[language].add(row["label"].value)
    return sorted(found.values(), key=lambda link: (link.ours, link.item))
