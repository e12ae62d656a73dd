"""Finding an entity by name: every English and Russian label (and alternative name) of CESO's entities and
ontology terms, matched by prefix of any word, then by substring, then fuzzily (for a misspelt name)."""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from ceso.display import english_label
from ceso.namespaces import CESO, ID, ONTOLOGY_GRAPH
from ceso.store import Dataset

_LABELS = """
SELECT ?x ?l ?alt ?type WHERE {
  { ?x rdfs:label|skos:prefLabel ?l } UNION { ?x skos:altLabel ?l BIND(true AS ?alt) }
  FILTER(isIRI(?x) && (STRSTARTS(STR(?x), "%s") || STRSTARTS(STR(?x), "%s")))
  OPTIONAL { GRAPH <https://w3id.org/ceso/graph/instances> { ?x a ?type } }
}""" % (ID, CESO)
# Kinds of node a reader rarely looks for by name: after the rest, and not in suggestions.
BACKGROUND = ("/citation/", "/source/", "/interval/", "/time/", "/participation/")


def fold(text: str) -> str:
    """Lower case without accents: "Türkiye" finds "turkiye", "Ё" finds "е"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class Hit:
    iri: str
    label: str  # the English label (or the first one)
    matched: str  # the label that matched, when another one
    kind: str  # the entity's class, as a local name


class SearchIndex:
    def __init__(self, dataset: Dataset) -> None:
        names: dict[str, list] = defaultdict(list)
        alternatives: dict[str, set] = defaultdict(set)
        kinds: dict[str, str] = {}
        for x, label, alt, kind in dataset.select(_LABELS):
            if alt is None:
                names[x.value].append((label.value, getattr(label, "language", None)))
            else:
                alternatives[x.value].add(label.value)
            if kind is not None and (x.value not in kinds or kind.value.startswith(CESO)):
                kinds[x.value] = kind.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        self.entries = []  # (folded label, label, iri)
        self.display: dict[str, str] = {}
        self.kinds = kinds
        for iri in names.keys() | alternatives.keys():
            pairs = names.get(iri, [])
            self.display[iri] = english_label(pairs) or sorted(alternatives[iri])[0]
            for text in {t for t, _ in pairs} | alternatives.get(iri, set()):
                self.entries.append((fold(text), text, iri))
        self.entries.sort()
        self.words: dict[str, set[int]] = defaultdict(set)  # each word of a label -> the entries that have it
        for i, (folded, _, _) in enumerate(self.entries):
            for word in _words(folded):
                self.words[word].add(i)

    def find(self, query: str, limit: int = 20, background: bool = True) -> list[Hit]:
        q = fold(query).strip()
        if not q:
            return []
        ranked: dict[str, tuple] = {}

        def add(rank: int, label: str, iri: str) -> None:
            if not background and any(part in iri for part in BACKGROUND):
                return
            score = (rank + (10 if any(part in iri for part in BACKGROUND) else 0), label != self.display[iri], len(label), label)
            if iri not in ranked or score < ranked[iri][0]:
                ranked[iri] = (score, label)

        for folded, label, iri in self.entries:
            if folded.startswith(q):
                add(0, label, iri)
            elif any(word.startswith(q) for word in _words(folded)):
                add(1, label, iri)
            elif q in folded:
                add(2, label, iri)
        if len(ranked) < limit and len(q) >= 3:
            # A misspelt name: the label words closest to each word of the query, best likeness first.
            for qw in _words(q):
                for word in difflib.get_close_matches(qw, self.words, n=8, cutoff=0.75):
                    likeness = difflib.SequenceMatcher(None, qw, word).ratio()
                    for i in self.words[word]:
                        add(3 + round(1 - likeness, 2), self.entries[i][1], self.entries[i][2])
        best = sorted(ranked.items(), key=lambda item: item[1][0])[:limit]
        return [Hit(iri, self.display[iri], label if label != self.display[iri] else "", self.kinds.get(iri, ""))
                for iri, (_, label) in best]


def _words(folded: str) -> list[str]:
    return [w for w in "".join(c if c.isalnum() else " " for c in folded).split() if w]


_TERM_KINDS = f"""SELECT ?t ?k WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?t a ?k
  VALUES ?k {{ owl:Class rdfs:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty rdf:Property }} }} }}"""
_CLASS_KINDS = ("Class",)


class TermIndex:
    """The query editor's autocompletion: CESO's classes, properties and entities, found by IRI or label."""

    def __init__(self, dataset: Dataset, search: SearchIndex) -> None:
        self.search = search
        self.kind: dict[str, str] = {}
        for t, k in dataset.select(_TERM_KINDS):
            local = k.value.rsplit("#", 1)[-1]
            self.kind[t.value] = "class" if local in _CLASS_KINDS else self.kind.get(t.value, "property")
        from .page_parts import labels

        self.labels = {**search.display, **labels(dataset, self.kind)}  # also org:, time:, … terms
        namespaces = {iri.rsplit("#", 1)[0] + "#" if "#" in iri else iri.rsplit("/", 1)[0] + "/" for iri in self.kind}
        self.namespaces = sorted(namespaces | {ID}, key=len, reverse=True)

    def complete(self, kind: str, text: str, limit: int = 40) -> list[dict]:
        """IRIs of this kind (class, property, entity) that `text` starts (as an IRI, or a namespace and the
        start of a name or label), best first."""
        text = text.strip().lstrip("<").rstrip(">")
        namespace = next((ns for ns in self.namespaces if text.startswith(ns)), "")
        rest = fold(text[len(namespace):])
        if kind == "entity":
            pool = [iri for iri in self.search.display if iri.startswith(ID) and iri.startswith(namespace or ID)]
        else:
            pool = [iri for iri, k in self.kind.items() if k == kind and iri.startswith(namespace)]
        found = []
        for iri in pool:
            local = fold(iri[len(namespace):] if namespace else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
            label = self.labels.get(iri, "")
            if local.startswith(rest):
                found.append((0, len(local), iri))
            elif rest and any(w.startswith(rest) for w in _words(fold(label))):
                found.append((1, len(label), iri))
        found.sort()
        return [{"iri": iri, "label": self.labels.get(iri, "")} for _, _, iri in found[:limit]]
