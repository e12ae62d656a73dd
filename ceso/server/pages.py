"""Linked-data pages: what `/id/…` shows a person (HTML) or a tool (RDF), read from the store."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from ceso import namespaces

ID_BASE = str(namespaces.ID)
ONTOLOGY_IRI = str(namespaces.ONTOLOGY_IRI)
WIKIDATA_ENTITY = str(namespaces.WD)
LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# The project's prefixes, longest namespace first so that the most specific one names an IRI.
KNOWN_PREFIXES = dict(sorted(({p: str(ns) for p, ns in namespaces.PREFIXES.items()} | {"schema": "http://schema.org/"}).items(),
                             key=lambda item: -len(item[1])))
ROW_LIMIT = 500  # per section, so a hub entity's page stays readable and quick


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


def compact(iri: str) -> str:
    for prefix, ns in KNOWN_PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def local_href(iri: str) -> str:
    """CESO IRIs link inside this server, Wikidata entities to their page, others as they are."""
    if iri.startswith(ID_BASE):
        return "/id/" + iri[len(ID_BASE):]
    if iri == ONTOLOGY_IRI or iri.startswith(ONTOLOGY_IRI + "#"):
        return "/ontology" + iri[len(ONTOLOGY_IRI):]
    if iri.startswith(WIKIDATA_ENTITY):
        return "https://www.wikidata.org/wiki/" + iri[len(WIKIDATA_ENTITY):]
    return iri


OWL_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"


def _is_wikidata(term) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(WIKIDATA_ENTITY)


class PageReader:
    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def _rows(self, query: str) -> list:
        return [list(s) for s in self.store.query(query)][:ROW_LIMIT]

    def exists(self, iri: str) -> bool:
        return bool(self.store.query(f"ASK {{ {{ <{iri}> ?p ?o }} UNION {{ ?s ?p <{iri}> }} }}"))

    def labels(self, iris: set[str]) -> dict[str, str]:
        if not iris:
            return {}
        values = " ".join(f"<{i}>" for i in iris)
        found: dict[str, tuple[int, str]] = {}
        query = (f"SELECT ?r ?l WHERE {{ VALUES ?r {{ {values} }} VALUES ?p {{ {' '.join(f'<{p}>' for p in LABELS)} }} "
                 "?r ?p ?l }")
        for r, label in self.store.query(query):
            rank = 0 if label.language in ("en", None) else 1
            if r.value not in found or rank < found[r.value][0]:
                found[r.value] = (rank, label.value)
        return {k: v for k, (_, v) in found.items()}

    def _link(self, term, labels: dict[str, str]) -> Link:
        if isinstance(term, ox.NamedNode):
            return Link(labels.get(term.value) or compact(term.value), local_href(term.value), term.value)
        if isinstance(term, ox.BlankNode):
            return Link("(unnamed node)", None, None, "bnode")
        if isinstance(term, ox.Literal):
            note = term.language or ("" if term.datatype.value.endswith("#string") else compact(term.datatype.value))
            return Link(term.value, None, None, "literal", note)
        return Link(str(term), None, None, "literal")

    def _facts_of(self, term) -> list:
        ref = f"<{term.value}>" if isinstance(term, ox.NamedNode) else f"_:{term.value}"
        if isinstance(term, ox.BlankNode):
            return []  # blank node labels are not stable across queries; CESO's data names its nodes
        return self._rows(f"SELECT ?p ?o WHERE {{ {ref} ?p ?o }} ORDER BY ?p ?o")

    def entity(self, iri: str) -> EntityPage:
        node = ox.NamedNode(iri)
        out = self._facts_of(node)
        incoming = self._rows(f"SELECT ?s ?p WHERE {{ ?s ?p <{iri}> }} ORDER BY ?p ?s")
        # Reasoning copies every fact onto the Wikidata IRIs linked by owl:sameAs: a person reading the page
        # wants each fact once, about our entities, and the links to Wikidata on a line of their own.
        wikidata = sorted({o.value[len(WIKIDATA_ENTITY):] for p, o in out if p.value == OWL_SAME_AS and _is_wikidata(o)})
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
        return EntityPage(iri, labels.get(iri, compact(iri)), own_labels, types, facts, back, wikidata)

    def graph(self, iri: str) -> list[ox.Triple]:
        """What a tool gets for an IRI: its description (with blank nodes) and the statements about it."""
        triples = list(self.store.query(f"DESCRIBE <{iri}>"))
        triples.extend(self.store.query(f"CONSTRUCT {{ ?s ?p <{iri}> }} WHERE {{ ?s ?p <{iri}> }}"))
        return triples
