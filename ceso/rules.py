"""The `oxigraph` engine: the compiled OWL 2 RL rules (ceso/tbox.py), evaluated semi-naively in Oxigraph.

The data goes into an in-memory Oxigraph store on canonical IRIs (ceso/identity.py), so no term is a
Python object while the rules run and no fact is copied onto a Wikidata IRI. Each rule is a SPARQL
INSERT whose VALUES clause lists what the TBox implies (property → super-property, class → superclass, …).
Rules over property triples run in rounds: round 0 reads every triple, each later round only joins what
the round before drew (its delta graph) with everything, until a round draws nothing. Types come last, in
one pass, because no rule of this ontology reads a type to draw a property triple. Functional properties
may then prove two individuals the same (prp-fp): they are merged and the whole run starts again.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from ceso.identity import Identity
from ceso.tbox import SCHEMA_PREDICATES, SCHEMA_TYPES, Schema, Unsupported, compile_schema
from ceso.terms import DEFAULT as _DEFAULT
from ceso.terms import ToRdflib, to_ox

_INFERRED = ox.NamedNode("urn:ceso:reason:inferred")
_SAME_AS = OWL.sameAs
_OX_SAME_AS = to_ox(OWL.sameAs)


def _iri(term) -> str:
    if not isinstance(term, URIRef):
        raise Unsupported(f"the oxigraph reasoner needs named classes and properties, not {term!r}",
                          fix="reason with `--reasoner owlrl`")
    return f"<{term}>"


def _into(graph: str, head: str, body: str) -> str:
    return f"INSERT {{ GRAPH <{graph}> {{ {head} }} }} WHERE {{ {body} }}"


def _values(names: str, rows) -> str:
    body = " ".join("(" + " ".join(_iri(t) for t in row) + ")" for row in sorted(rows))
    return f"VALUES ({names}) {{ {body} }}"


class Run:
    """One evaluation of the rules over `data` (a store's default graph), on the canonical IRIs of `identity`."""

    def __init__(self, data: ox.Store, schema: Schema, identity: Identity):
        self.schema, self.identity, self.back = schema, identity, ToRdflib()
        self.store = ox.Store()
        self.rewritten: set = set()  # asserted triples restated on canonical IRIs (not asserted as such)
        self.aliased: set = set()  # the asserted triples with a non-canonical term
        alias = {to_ox(a): to_ox(c) for a, c in identity.aliases.items()}
        triple = self.back.triple

        def quads():
            for quad in data.quads_for_pattern(None, None, None, _DEFAULT):
                s, p, o = quad.subject, quad.predicate, quad.object
                if alias and (s in alias or p in alias or o in alias):
                    self.aliased.add(triple(quad))
                    s, p, o = alias.get(s, s), alias.get(p, p), alias.get(o, o)
                    if p != _OX_SAME_AS:
                        self.rewritten.add(triple(ox.Quad(s, p, o)))
                if p != _OX_SAME_AS:  # kept as asserted; the identity classes stand for what eq-* would draw
                    yield ox.Quad(s, p, o) if alias else quad

        self.store.bulk_extend(quads())
        for s, p, o in identity.canonical_triples(schema.triples):
            quad = ox.Quad(to_ox(s), to_ox(p), to_ox(o))
            if quad not in self.store:
                self.store.add(quad)
                self.store.add(ox.Quad(quad.subject, quad.predicate, quad.object, _INFERRED))
        self._fixpoint()

    # -- evaluation ---------------------------------------------------------------------------------

    def _property_rules(self, delta: str | None, new: str) -> list[str]:
        """The INSERTs of one round: what the triples of `delta` (None: all) draw, into graph `new`."""
        def d(pattern: str) -> str:
            return f"GRAPH <{delta}> {{ {pattern} }}" if delta else pattern

        schema, queries = self.schema, []
        forward = [(p, q) for p, images in schema.images.items() for q, flipped in images if not flipped]
        flipped = [(p, q) for p, images in schema.images.items() for q, flip in images if flip]
        if forward:  # prp-spo1 (closed)
            queries.append(_into(new, "?x ?q ?y", f"{_values('?p ?q', forward)} {d('?x ?p ?y')} FILTER NOT EXISTS {{ ?x ?q ?y }}"))
        if flipped:  # prp-inv1/2, prp-symp, and their super-properties
            queries.append(_into(new, "?y ?q ?x", f"{_values('?p ?q', flipped)} {d('?x ?p ?y')} FILTER(!isLiteral(?y)) FILTER NOT EXISTS {{ ?y ?q ?x }}"))
        if schema.transitive:  # prp-trp
            values = _values("?p", [(p,) for p in schema.transitive])
            body = f"{{ {d('?x ?p ?y')} ?y ?p ?z }} UNION {{ ?x ?p ?y {d('?y ?p ?z')} }}" if delta else "?x ?p ?y . ?y ?p ?z"
            queries.append(_into(new, "?x ?p ?z", f"{values} {body} FILTER NOT EXISTS {{ ?x ?p ?z }}"))
        for prop, steps in schema.chains:  # prp-spo2
            atoms = [f"?v{i} {_iri(step)} ?v{i + 1} ." for i, step in enumerate(steps)]
            last = f"?v{len(steps)}"
            for k in range(len(steps) if delta else 1):
                body = " ".join(d(a) if i == k and delta else a for i, a in enumerate(atoms))
                queries.append(_into(new, f"?v0 {_iri(prop)} {last}", f"{body} MINUS {{ ?v0 {_iri(prop)} {last} }}"))
        return queries

    def _type_rules(self, new: str) -> list[str]:
        # MINUS (a hash anti-join on the type triples) is twice as fast as FILTER NOT EXISTS here; with the
        # predicate unbound, as in the property rules, it would hash the whole graph instead.
        schema, queries = self.schema, []
        rows = [(p, c) for p, classes in schema.domains.items() for c in classes]
        if rows:  # prp-dom (with scm-dom1/2 and cax-sco already applied to the table)
            queries.append(_into(new, "?x a ?c", f"{_values('?p ?c', rows)} ?x ?p ?y MINUS {{ ?x a ?c }}"))
        rows = [(p, c) for p, classes in schema.ranges.items() for c in classes]
        if rows:  # prp-rng
            queries.append(_into(new, "?y a ?c", f"{_values('?p ?c', rows)} ?x ?p ?y FILTER(!isLiteral(?y)) MINUS {{ ?y a ?c }}"))
        rows = [(c, d) for c, ups in schema.supers.items() for d in ups if d != OWL.Thing]
        if rows:  # cax-sco (closed), cax-eqc1/2
            queries.append(_into(new, "?x a ?c", f"{_values('?b ?c', rows)} ?x a ?b MINUS {{ ?x a ?c }}"))
        return queries

    def _drew(self, graph: str) -> bool:
        return next(iter(self.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))), None) is not None

    def _merge(self, graph: str) -> None:
        self.store.update(f"INSERT {{ ?s ?p ?o . GRAPH <{_INFERRED.value}> {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")

    def _fixpoint(self) -> None:
        delta, round_ = None, 0
        while True:
            new = f"urn:ceso:reason:round{round_}"
            for query in self._property_rules(delta, new):
                self.store.update(query)
            if delta:
                self.store.update(f"DROP SILENT GRAPH <{delta}>")
            if not self._drew(new):
                break
            self._merge(new)
            delta, round_ = new, round_ + 1
        for query in self._type_rules("urn:ceso:reason:types"):
            self.store.update(query)
        self._merge("urn:ceso:reason:types")
        self.store.update("DROP SILENT GRAPH <urn:ceso:reason:types>")

    # -- results ------------------------------------------------------------------------------------

    def _rows(self, query: str):
        back = self.back
        return [tuple(back(v) for v in row) for row in self.store.query(query)]

    def functional_equalities(self) -> list[tuple]:
        """prp-fp: two values of a functional property are the same individual (literals left alone)."""
        if not self.schema.functional:
            return []
        values = _values("?p", [(p,) for p in self.schema.functional])
        return self._rows(f"SELECT DISTINCT ?a ?b WHERE {{ {values} ?x ?p ?a . ?x ?p ?b "
                          "FILTER(!sameTerm(?a, ?b) && !isLiteral(?a) && !isLiteral(?b)) }")

    def inferred(self):
        """The canonical triples the rules drew (none of them asserted as such), as Oxigraph quads."""
        return self.store.quads_for_pattern(None, None, None, _INFERRED)

    def members(self, cls) -> set:
        return {s for (s,) in self._rows(f"SELECT ?x WHERE {{ ?x a {_iri(cls)} }}")}

    def both(self, pairs) -> list[tuple]:
        """(node, a, b) for every node of two classes of a pair (cax-dw, cax-adc)."""
        partners = defaultdict(set)
        for a, b in pairs:
            partners[a].add(b)
        rows = []
        for a, others in sorted(partners.items()):  # one scan of each class's members, not one per pair
            listed = ", ".join(_iri(b) for b in sorted(others))
            rows += [(x, a, b) for x, b in self._rows(f"SELECT ?x ?b WHERE {{ ?x a {_iri(a)} . ?x a ?b FILTER(?b IN ({listed})) }}")]
        return rows

    def different(self) -> list[tuple]:
        return self._rows(f"SELECT ?a ?b WHERE {{ ?a {_iri(OWL.differentFrom)} ?b }}")

    def mentioning(self, terms):
        """Every canonical triple (asserted or drawn) with one of `terms` as subject, predicate or object."""
        triple, seen = self.back.triple, set()
        for term in terms:
            node = to_ox(term)
            for pattern in ((node, None, None), (None, node, None), (None, None, node)):
                for quad in self.store.quads_for_pattern(*pattern, _DEFAULT):
                    seen.add(triple(quad))
        return seen


def schema_graph(data: ox.Store) -> Graph:
    """The triples of `data` that the TBox compiler and the identity classes read, as rdflib."""
    graph, triple = Graph(), ToRdflib().triple
    for predicate in SCHEMA_PREDICATES:
        for quad in data.quads_for_pattern(None, to_ox(predicate), None, _DEFAULT):
            graph.add(triple(quad))
    for cls in SCHEMA_TYPES:
        for quad in data.quads_for_pattern(None, to_ox(RDF.type), to_ox(cls), _DEFAULT):
            graph.add(triple(quad))
    return graph


def evaluate(data: ox.Store) -> Run:
    """The rules' closure of `data`, on canonical IRIs; merging what functional properties prove the same."""
    schema_triples = schema_graph(data)
    schema = compile_schema(schema_triples)
    identity = Identity(schema_triples.subject_objects(_SAME_AS))
    while True:
        run = Run(data, schema, identity)
        if not [True for a, b in run.functional_equalities() if identity.union(a, b)]:
            return run
