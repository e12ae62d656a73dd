"""Linked-data pages: what `/id/…` shows a person (HTML) or a tool (RDF), read from the store.

A person's page is grouped: identity, memberships (status, dates, sources inline), positions, events,
claims, the other facts in a reading order (asserted and inferred told apart, a super-property's copy of
a fact folded into the fact), and what refers to the entity, by relation. Facts copied onto Wikidata IRIs
by owl:sameAs reasoning, where a build has them, are shown once, about our entity."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from ceso.dates import Instant
from ceso.display import compact
from ceso.namespaces import CESO, DCTERMS, ID, INSTANCES_GRAPH, ONTOLOGY_GRAPH, ONTOLOGY_IRI, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, WD, XSD
from ceso.store import Dataset

from . import page_parts
from .ontology_page import OntologyPage
from .search import SearchIndex, TermIndex
from .page_parts import Source

RDF_TYPE, OWL_SAME_AS, DERIVED = RDF + "type", OWL + "sameAs", PROV + "wasDerivedFrom"
LABELS = (RDFS + "label", SKOS + "prefLabel")
ALT_LABELS = (SKOS + "altLabel", CESO + "name", CESO + "birthName")
DESCRIPTIONS = (SKOS + "definition", RDFS + "comment", SKOS + "scopeNote", SKOS + "note", CESO + "paraphrase",
                CESO + "endNote", SKOS + "editorialNote")
WEB_LINKS = (CESO + "url", "http://xmlns.com/foaf/0.1/homepage")
# Facts in the order a reader wants them; the rest follow by label.
READING_ORDER = [CESO + p for p in ("inception", "headquarters", "locatedIn", "contains", "agencyOf", "hostState",
                                    "meetingOf", "place", "participant", "participantRole", "statedBy", "statementKind",
                                    "threat", "about", "concerns", "concernsRegion", "statedIn", "issuedBy", "adopted",
                                    "signatory", "establishes", "establishedBy", "successorOf", "succeededBy",
                                    "startCause", "endCause")]
READING_ORDER[3:3] = [ORG + "subOrganizationOf", ORG + "unitOf", ORG + "hasSubOrganization", ORG + "hasUnit"]
READING_ORDER[:0] = [ORG + "member", ORG + "organization", ORG + "role", ORG + "memberDuring", TIME + "hasTime",
                     DCTERMS + "issued", DCTERMS + "title", CESO + "citedWork", CESO + "accessed"]
ROW_LIMIT = 500  # per section, so a hub entity's page stays readable and quick
_EXISTS = "ASK { { ?x ?p ?o } UNION { ?s ?p ?x } }"
_DEFAULT = ox.DefaultGraph()
_ASSERTED = (ox.NamedNode(INSTANCES_GRAPH), ox.NamedNode(ONTOLOGY_GRAPH))
# The default graph holds the closed hierarchy (OWL 2 RL's scm-spo): no `+` path, which some engines
# (Virtuoso) refuse between two variables.
_SUBPROPERTIES = "SELECT ?q ?p WHERE { ?q rdfs:subPropertyOf ?p FILTER(?q != ?p && isIRI(?q) && isIRI(?p)) }"
_MEMBERSHIPS = """
SELECT ?m ?member ?org ?role ?i ?sc ?ec ?status WHERE { VALUES ?x { <%(x)s> }
  { ?m org:member ?x } UNION { ?m org:organization ?x }
  ?m a org:Membership ; org:member ?member ; org:organization ?org .
  FILTER(STRSTARTS(STR(?m), "%(id)s") && STRSTARTS(STR(?member), "%(id)s") && STRSTARTS(STR(?org), "%(id)s"))
  OPTIONAL { ?m org:role ?role OPTIONAL { ?role a ceso:MembershipStatus BIND(true AS ?status) } }
  OPTIONAL { ?m org:memberDuring ?i } OPTIONAL { ?m ceso:startCause ?sc } OPTIONAL { ?m ceso:endCause ?ec }
}"""
_EVENTS = """
SELECT ?part ?event ?role ?t WHERE { VALUES ?x { <%(x)s> }
  ?part ceso:participant ?x . ?event ceso:hasParticipation ?part .
  FILTER(STRSTARTS(STR(?part), "%(id)s") && STRSTARTS(STR(?event), "%(id)s"))
  OPTIONAL { ?part ceso:participantRole ?role } OPTIONAL { ?event time:hasTime ?t }
}"""
_PARTICIPANTS = """
SELECT ?part ?who ?role WHERE { VALUES ?x { <%(x)s> }
  ?x ceso:hasParticipation ?part . ?part ceso:participant ?who .
  FILTER(STRSTARTS(STR(?part), "%(id)s") && STRSTARTS(STR(?who), "%(id)s"))
  OPTIONAL { ?part ceso:participantRole ?role }
}"""


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
    inferred: bool = False


@dataclass
class MembershipRow:
    membership: Link
    other: Link  # the organization on a member's page, the member on an organization's
    role: Link | None
    period: str
    start_cause: Link | None
    end_cause: Link | None
    sources: list[Source]
    sort: str = ""


@dataclass
class EventRow:
    event: Link
    role: Link | None
    when: str
    sort: str = ""


@dataclass
class Group:
    relation: Link
    items: list[Link]


@dataclass
class EntityPage:
    iri: str
    label: str
    types: list[Link]
    inferred_types: list[Link]
    labels: list[Link]
    alt_labels: list[Link]
    descriptions: list[Fact]
    wikidata: list[str]
    web: list[str]
    memberships: list[MembershipRow] = field(default_factory=list)
    positions: list[MembershipRow] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    participants: list[tuple[Link, Link | None]] = field(default_factory=list)  # an event's: who, in which role
    claims: list[Group] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    incoming: list[Group] = field(default_factory=list)


def local_href(iri: str, anchors: dict[str, str] | None = None) -> str:
    """CESO IRIs link inside this server (ontology terms to their anchor on /ontology), Wikidata entities to
    their page, others as they are."""
    if iri.startswith(ID):
        return "/id/" + iri[len(ID):]
    if anchors and iri in anchors:  # also the W3C terms the ontology declares (org:member, time:Instant)
        return "/ontology#" + anchors[iri]
    if iri == ONTOLOGY_IRI:
        return "/ontology"
    if iri.startswith(ONTOLOGY_IRI + "#"):
        name = iri[len(ONTOLOGY_IRI) + 1:]
        return "/ontology#" + (anchors or {}).get(iri, name)
    if iri.startswith(WD):
        return "https://www.wikidata.org/wiki/" + iri[len(WD):]
    return iri


def _is_wikidata(term) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(WD)


class PageReader:
    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.ontology = OntologyPage(dataset)
        self._search: SearchIndex | None = None
        self._terms: TermIndex | None = None
        self._overview = None
        self._super_properties: dict[str, set[str]] | None = None

    @property
    def super_properties(self) -> dict[str, set[str]]:
        """Property IRI -> its super-properties, read on first use (a slow backend must not stop the start)."""
        if self._super_properties is None:
            found: dict[str, set[str]] = defaultdict(set)
            for q, p in self.dataset.select(_SUBPROPERTIES):
                found[q.value].add(p.value)
            self._super_properties = found
        return self._super_properties

    @property
    def anchors(self) -> dict[str, str]:
        """Ontology term IRI -> its anchor on /ontology."""
        return self.ontology.anchors

    @property
    def search(self) -> SearchIndex:
        if self._search is None:  # built on first use: a server that nobody searches does not pay for it
            self._search = SearchIndex(self.dataset)
        return self._search

    @property
    def overview(self):
        """What the landing page says the graph holds, computed on first use."""
        if self._overview is None:
            from .overview import overview
            self._overview = overview(self.dataset)
        return self._overview

    @property
    def terms(self) -> TermIndex:
        if self._terms is None:
            self._terms = TermIndex(self.dataset, self.search)
        return self._terms

    def exists(self, iri: str) -> bool:
        return bool(self.dataset.select(_EXISTS, x=iri))

    def labels(self, iris) -> dict[str, str]:
        return page_parts.labels(self.dataset, iris)

    def _asserted(self, s, p, o) -> bool:
        return any(next(iter(self.dataset.store.quads_for_pattern(s, p, o, g)), None) is not None for g in _ASSERTED)

    def entity(self, iri: str) -> EntityPage:
        node = ox.NamedNode(iri)
        ds = self.dataset
        # In a stable order whatever the store (an engine behind --backend returns its own order).
        out = sorted(((q.predicate, q.object) for q in ds.store.quads_for_pattern(node, None, None, _DEFAULT)),
                     key=lambda pair: (pair[0].value, pair[1].value))
        incoming = [(q.subject, q.predicate) for q in ds.store.quads_for_pattern(None, None, node, _DEFAULT)
                    if not _is_wikidata(q.subject) and isinstance(q.subject, ox.NamedNode)]
        wikidata = sorted({o.value[len(WD):] for p, o in out if p.value == OWL_SAME_AS and _is_wikidata(o)}
                          | {s.value[len(WD):] for s, p in incoming if p.value == OWL_SAME_AS and _is_wikidata(s)})
        out = [(p, o) for p, o in out if not _is_wikidata(o) and not isinstance(o, ox.BlankNode)]
        values = {"id": ID, "x": iri}  # iri passed iri_ok (no <, >, spaces) before a page is asked for
        memberships = [tuple(row) for row in ds.select(_MEMBERSHIPS % values)]
        events = [tuple(row) for row in ds.select(_EVENTS % values)]
        participants = [tuple(row) for row in ds.select(_PARTICIPANTS % values)]
        # Nodes the tables show: the memberships, the participations and their events.
        shown = {m.value for m, *_ in memberships} | {t.value for row in events for t in row[:2]}
        shown |= {t.value for row in participants for t in row[:2]}  # an event's participations and participants
        claim_subjects = {s.value for s, _ in incoming if self._is_claim(s)} - shown

        iris = {t.value for pair in out for t in pair if isinstance(t, ox.NamedNode)}
        iris |= {t.value for pair in incoming for t in pair} | {iri}
        iris |= {t.value for row in memberships + events + participants for t in row if isinstance(t, ox.NamedNode)}
        labels = self.labels(iris)
        when, starts = page_parts.when(ds, iris)
        sources = page_parts.sources(ds, {iri} | {m.value for m, *_ in memberships})

        def link(term) -> Link:
            if isinstance(term, ox.NamedNode):
                text = when.get(term.value) or labels.get(term.value) or compact(term.value) or term.value
                return Link(text, local_href(term.value, self.anchors), term.value)
            datatype = term.datatype.value
            if datatype in (XSD + "dateTime", XSD + "dateTimeStamp", XSD + "date"):
                instant = Instant.parse(term.value)
                return Link(instant.words() if instant else term.value, kind="literal")
            if datatype == XSD + "anyURI":
                return Link(term.value, term.value, kind="literal")
            note = term.language or ("" if datatype.endswith("#string") or datatype.endswith("#langString")
                                     else compact(datatype) or datatype)
            return Link(term.value, kind="literal", note=note)

        page = EntityPage(iri, labels.get(iri) or compact(iri) or iri, [], [], [], [], [], wikidata, [])
        objects = {(p.value, o.value) for p, o in out}
        facts = []
        for p, o in out:
            pv = p.value
            if pv == RDF_TYPE:
                (page.types if self._asserted(node, p, o) else page.inferred_types).append(link(o))
            elif pv in LABELS:
                page.labels.append(link(o))
            elif pv in ALT_LABELS and isinstance(o, ox.Literal):
                page.alt_labels.append(link(o))
            elif pv in DESCRIPTIONS and isinstance(o, ox.Literal):
                page.descriptions.append(Fact(link(p), link(o)))
            elif pv in WEB_LINKS and isinstance(o, ox.Literal):
                page.web.append(o.value)
            elif pv in (DERIVED, OWL_SAME_AS):
                continue  # sources are listed with their titles; links to Wikidata on a line of their own
            elif o.value in shown:
                continue  # org:hasMembership and the like: the table says it
            elif any((sub, o.value) in objects for sub in self._sub_properties(pv)):
                continue  # org:transitiveSubOrganizationOf beside org:subOrganizationOf says nothing more
            else:
                facts.append((pv, Fact(link(p), link(o), not self._asserted(node, p, o))))
        order = {p: i for i, p in enumerate(READING_ORDER)}
        facts.sort(key=lambda item: (order.get(item[0], len(order)), item[1].predicate.text, item[1].value.text))
        page.facts = [f for _, f in facts[:ROW_LIMIT]]
        page.labels.sort(key=lambda l: (l.note != "en", l.note))
        page.sources = sources.get(iri, [])

        for m, member, org, role, interval, sc, ec, status in memberships:
            other = org if member.value == iri else member
            row = MembershipRow(link(m), link(other), link(role) if role else None,
                                when.get(interval.value, "") if interval else "", link(sc) if sc else None,
                                link(ec) if ec else None, sources.get(m.value, []),
                                starts.get(interval.value, "~") if interval else "~")
            (page.memberships if status is not None or role is None else page.positions).append(row)
        for rows in (page.memberships, page.positions):
            rows.sort(key=lambda r: (r.sort, r.other.text))
        page.participants = sorted(((link(who), link(role) if role else None) for _, who, role in participants),
                                   key=lambda pair: pair[0].text)
        page.events = sorted((EventRow(link(e), link(r) if r else None, when.get(t.value, "") if t else "",
                                       starts.get(t.value, "~") if t else "~") for _, e, r, t in events), key=lambda r: (r.sort, r.event.text))

        # What refers to the entity, by relation; what the page shows already (a membership's org:member, an
        # inverse of an outgoing fact, a super-property's copy) once only.
        out_objects = {o.value for _, o in out if isinstance(o, ox.NamedNode)}
        claims, back = defaultdict(set), defaultdict(set)
        for s, p in incoming:
            if s.value in shown or s.value == iri or p.value == OWL_SAME_AS or s.value in out_objects:
                continue
            (claims if s.value in claim_subjects else back)[p.value].add(s.value)
        for groups, target in ((claims, page.claims), (back, page.incoming)):
            for p, subjects in groups.items():
                if any(sub in groups and subjects <= groups[sub] for sub in self._sub_properties(p)):
                    continue
                items = sorted((link(ox.NamedNode(s)) for s in subjects), key=lambda l: l.text)[:ROW_LIMIT]
                target.append(Group(link(ox.NamedNode(p)), items))
            target.sort(key=lambda g: g.relation.text)
        return page

    def _sub_properties(self, p: str) -> list[str]:
        return [q for q, supers in self.super_properties.items() if p in supers]

    def _is_claim(self, term) -> bool:
        return self._asserted(term, ox.NamedNode(RDF_TYPE), None) and bool(
            self.dataset.select("ASK { ?s a ceso:Claim }", s=term))

    def graph(self, iri: str) -> list[ox.Triple]:
        """What a tool gets for an IRI: its description (with blank nodes) and the statements about it."""
        node = ox.NamedNode(iri)
        triples = list(self.dataset.select("DESCRIBE ?x", x=node))
        triples.extend(q.triple for q in self.dataset.store.quads_for_pattern(None, None, node, _DEFAULT))
        return triples
