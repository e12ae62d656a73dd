"""Linked-data pages: what `/id/…` shows a person (HTML) or a tool (RDF), read from the store."""

from __future__ import annotations

from dataclasses import dataclass, field

from collections import defaultdict

import pyoxigraph as ox

from ceso.display import compact, english_label
from ceso.namespaces import ID, ONTOLOGY_IRI, OWL, RDF, RDFS, SKOS, WD
from ceso.store import Dataset

LABELS = (RDFS + "label", SKOS + "prefLabel")
RDF_TYPE = RDF + "type"
OWL_SAME_AS = OWL + "sameAs"
ROW_LIMIT = 500  # per section, so a hub entity's page stays readable and quick
_EXISTS = "ASK { { ?x ?p ?o } UNION { ?s ?p ?x } }"
_DEFAULT = ox.DefaultGraph()


@dataclass
class Link:
    text: str
    href: str | None = None  # where a browser should go (local for CESO IRIs)
    iri: str | None = None
    kind: str = "iri"  # iri, literal, bnode
    note: str = ""  # datatype or language of a literal


@dataclass
class Fact:
    predicate: Link
    value: Link
    details: list["Fact"] = field(default_factory=list)  # facts of an unlabelled node (membership, source, …)


@dataclass
class EntityPage:
    iri: str
    label: str
    labels: list[Link]
    types: list[Link]
    facts: list[Fact]
    incoming: list[Fact]  # predicate + subject, subject's own facts in details
    wikidata: list[str]


def local_href(iri: str) -> str:
    """CESO IRIs link inside this server, Wikidata entities to their page, others as they are."""
    if iri.startswith(ID):
        return "/id/" + iri[len(ID):]
    if iri == ONTOLOGY_IRI or iri.startswith(ONTOLOGY_IRI + "#"):
        return "/ontology" + iri[len(ONTOLOGY_IRI):]
    if iri.startswith(WD):
        return "https://www.wikidata.org/wiki/" + iri[len(WD):]
    return iri


def _rank(term) -> int:
    """SPARQL's ORDER BY: blank nodes, then IRIs, then literals."""
    return 0 if isinstance(term, ox.BlankNode) else 1 if isinstance(term, ox.NamedNode) else 2


def _is_wikidata(term) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(WD)


class PageReader:
    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def _outgoing(self, node: ox.NamedNode) -> list[tuple]:
        """(predicate, object) pairs of the default graph, by predicate then object."""
        pairs = sorted(((q.predicate, q.object) for q in self.dataset.store.quads_for_pattern(node, None, None, _DEFAULT)),
                       key=lambda pair: (pair[0].value, _rank(pair[1]), pair[1].value))
        return pairs[:ROW_LIMIT]

    def _incoming(self, node: ox.NamedNode) -> list[tuple]:
        """(subject, predicate) pairs, by predicate then subject."""
        pairs = sorted(((q.subject, q.predicate) for q in self.dataset.store.quads_for_pattern(None, None, node, _DEFAULT)),
                       key=lambda pair: (pair[1].value, _rank(pair[0]), pair[0].value))
        return pairs[:ROW_LIMIT]

    def exists(self, iri: str) -> bool:
        return bool(self.dataset.select(_EXISTS, x=iri))

    def labels(self, iris: set[str]) -> dict[str, str]:
        if not iris:
            return {}
        values = " ".join(f"<{i}>" for i in iris)  # IRIs read from the store, hence well-formed
        query = f"SELECT ?r ?l WHERE {{ VALUES ?r {{ {values} }} VALUES ?p {{ rdfs:label skos:prefLabel }} ?r ?p ?l }}"
        found: dict[str, list] = defaultdict(list)
        for r, label in self.dataset.select(query):
            found[r.value].append((label.value, getattr(label, "language", None)))
        return {iri: english_label(pairs) for iri, pairs in found.items()}

    def _link(self, term, labels: dict[str, str]) -> Link:
        if isinstance(term, ox.NamedNode):
            text = labels.get(term.value) or compact(term.value) or term.value
            return Link(text, local_href(term.value), term.value)
        if isinstance(term, ox.BlankNode):
            return Link("(unnamed node)", None, None, "bnode")
        if isinstance(term, ox.Literal):
            datatype = term.datatype.value
            note = term.language or ("" if datatype.endswith("#string") else compact(datatype) or datatype)
            return Link(term.value, None, None, "literal", note)
        return Link(str(term), None, None, "literal")

    def _facts_of(self, term) -> list:
        if isinstance(term, ox.BlankNode):
            return []  # blank node labels are not stable across queries; CESO's data names its nodes
        return self._outgoing(term)

    def entity(self, iri: str) -> EntityPage:
        node = ox.NamedNode(iri)
        out = self._facts_of(node)
        incoming = self._incoming(node)
        # Reasoning copies every fact onto the Wikidata IRIs linked by owl:sameAs: a person reading the page
        # wants each fact once, about our entities, and the links to Wikidata on a line of their own.
        wikidata = sorted({o.value[len(WD):] for p, o in out if p.value == OWL_SAME_AS and _is_wikidata(o)})
        out = [(p, o) for p, o in out if not _is_wikidata(o)]
        incoming = [(s, p) for s, p in incoming if not _is_wikidata(s)]
        # Unlabelled neighbours (memberships, events, sources) are shown with their own facts: that is where
        # roles, dates and sources live.
        neighbours = {o.value for _, o in out if isinstance(o, ox.NamedNode)} | {s.value for s, _ in incoming if isinstance(s, ox.NamedNode)}
        labels = self.labels(neighbours | {p.value for p, _ in out} | {p.value for _, p in incoming} | {iri})
        details: dict[str, list] = {n: self._facts_of(ox.NamedNode(n)) for n in neighbours if n not in labels and n != iri}
        more = {t.value for rows in details.values() for pair in rows for t in pair if isinstance(t, ox.NamedNode)}
        labels.update(self.labels(more - set(labels)))

        def detail_facts(n: str) -> list[Fact]:
            return [Fact(self._link(p, labels), self._link(o, labels)) for p, o in details.get(n, [])
                    if not (isinstance(o, ox.NamedNode) and o.value == iri)]

        facts, types, own_labels = [], [], []
        for p, o in out:
            if p.value == RDF_TYPE:
                types.append(self._link(o, labels))
            elif p.value in LABELS:
                own_labels.append(self._link(o, labels))
            else:
                facts.append(Fact(self._link(p, labels), self._link(o, labels),
                                  detail_facts(o.value) if isinstance(o, ox.NamedNode) else []))
        back = [Fact(self._link(p, labels), self._link(s, labels), detail_facts(s.value) if isinstance(s, ox.NamedNode) else [])
                for s, p in incoming]
        return EntityPage(iri, labels.get(iri) or compact(iri) or iri, own_labels, types, facts, back, wikidata)

    def graph(self, iri: str) -> list[ox.Triple]:
        """What a tool gets for an IRI: its description (with blank nodes) and the statements about it."""
        node = ox.NamedNode(iri)
        triples = list(self.dataset.select("DESCRIBE ?x", x=node))
        triples.extend(q.triple for q in self.dataset.store.quads_for_pattern(None, None, node, _DEFAULT))
        return triples
