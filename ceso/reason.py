"""Step 3 of the build: OWL 2 RL reasoning, the inferences kept apart from what was asserted.

Three engines draw the same OWL 2 RL closure: owlrl (pure Python, the reference), reasonable (Rust) and
oxigraph (the ontology compiled into instance rules run inside Oxigraph, ceso/rules.py; the only one that
scales to millions of triples). Each closure is cleaned of what no user wants (see `is_noise`), checked
for inconsistency (ceso/consistency.py) and put on canonical IRIs (ceso/identity.py): the inferred graph
holds each entity's facts once, and what owl:sameAs restates on the other IRIs goes to `Reasoned.same_as`
(published as graph/sameas).
The tests check that every engine gives owlrl's result.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from itertools import chain

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from ceso import consistency
from ceso.errors import CesoError
from ceso.terms import DEFAULT, StoreLabels, quads_of, rdflib_graph, to_ox

ENGINES = ("oxigraph", "reasonable", "owlrl")
DEFAULT_ENGINE = "oxigraph"

_VOCABULARIES = (str(RDF), str(RDFS), str(OWL), str(XSD))
# As plain strings: the check runs on every inferred triple, of rdflib and of Oxigraph terms alike.
_REFLEXIVE_NOISE = frozenset(map(str, (OWL.sameAs, RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty)))
_TRIVIAL_TYPES = frozenset(map(str, (OWL.Thing, RDFS.Resource)))
_TYPES = frozenset({str(RDF.type)})
_THING_NOISE = frozenset(map(str, (RDFS.subClassOf, RDFS.domain, RDFS.range)))
_THING = str(OWL.Thing)
_ERROR_NS = "http://www.daml.org/2002/03/agents/agent-ont#"
_CHAIN_SCHEMA = frozenset({OWL.propertyChainAxiom, RDF.first, RDF.rest})
_SUB_PROPERTY, _SUB_CLASS, _DOMAIN, _RANGE = RDFS.subPropertyOf, RDFS.subClassOf, RDFS.domain, RDFS.range
_SCHEMA_PREDICATES = frozenset({_SUB_PROPERTY, _SUB_CLASS, _DOMAIN, _RANGE})


@dataclass
class Reasoned:
    inferred_quads: list[ox.Quad]  # what reasoning adds, on canonical IRIs: each entity's facts once
    same_as: Graph  # what owl:sameAs restates of them on every other IRI of the entity (eq-sym/trans/rep-*)

    @cached_property
    def inferred(self) -> Graph:
        return rdflib_graph(self.inferred_quads)


def _noise(s_literal: bool, s: str, p: str, o: str, same: bool) -> bool:
    if s_literal:
        return True  # a literal subject is not RDF; stores such as GraphDB reject it
    if s.startswith(_VOCABULARIES):
        return True  # axioms about RDF, RDFS, OWL and XSD themselves
    if same and p in _REFLEXIVE_NOISE:
        return True
    if p in _TYPES and (o in _TRIVIAL_TYPES or o.startswith(_ERROR_NS)):
        return True  # (a type in the error namespace is one of owlrl's error records)
    if p in _THING_NOISE and o == _THING:
        return True
    return p.startswith(_ERROR_NS)  # owlrl's error records; reported by the consistency check instead


def is_noise(s, p, o) -> bool:
    """Closure triples (rdflib terms) that say nothing about our data: tautologies, vocabulary axioms,
    invalid RDF."""
    return _noise(isinstance(s, Literal), str(s), str(p), str(o), s == o)


def is_noise_quad(quad: ox.Quad) -> bool:
    s, o = quad.subject, quad.object
    return _noise(isinstance(s, ox.Literal), s.value, quad.predicate.value, o.value, s == o)


def _literal_key(literal: Literal) -> str:
    return Literal(str(literal), lang=literal.language, datatype=literal.datatype).n3()  # rdflib-normalised


class _Literals:
    """Gives back reasonable's literals as they were written: it re-types plain literals as xsd:string and
    hands out rdflib-normalised lexical forms ("…Z" becomes "…+00:00")."""

    def __init__(self, graph: Graph):
        self._originals = {_literal_key(o): o for o in graph.objects() if isinstance(o, Literal)}

    def __call__(self, term):
        if not isinstance(term, Literal):
            return term
        if term.datatype == XSD.string:
            term = Literal(str(term))
        return self._originals.get(_literal_key(term), term)


def _closure_owlrl(graph: Graph) -> tuple[set, list[str]]:
    import owlrl

    closure = Graph()
    for triple in graph:
        closure.add(triple)
    engine = owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False)
    engine.expand(closure)
    errors = [str(o) for o in closure.objects(None, URIRef(_ERROR_NS + "error"))]
    return set(closure), errors


def _closure_reasonable(graph: Graph) -> tuple[set, list[str]]:
    import reasonable

    original = _Literals(graph)
    reasoner = reasonable.PyReasoner()
    reasoner.from_graph(graph)
    # Chains over asserted triples are drawn up front, so that the usual case needs one reasoning pass.
    reasoner.from_graph(list(_property_chains(set(graph))))
    while True:
        closure = _schema_rules({(original(s), p, original(o)) for s, p, o in reasoner.reason()})
        # reasonable has no property chains (prp-spo2); what they add may enable other rules, so the
        # reasoner goes on from them (incrementally) until nothing new is drawn.
        chained = _property_chains(closure) - closure
        if not chained:
            return closure, []
        reasoner.from_graph(list(chained))


def _property_chains(closure: set) -> set:
    """Triples drawn by owl:propertyChainAxiom (OWL 2 RL rule prp-spo2)."""
    schema = Graph()
    for triple in closure:
        if triple[1] in _CHAIN_SCHEMA:
            schema.add(triple)
    chains = [(prop, list(Collection(schema, head))) for prop, head in schema.subject_objects(OWL.propertyChainAxiom)]
    if not chains:
        return set()
    steps_used = {step for _, steps in chains for step in steps}
    by_property = defaultdict(lambda: defaultdict(set))
    for s, p, o in closure:
        if p in steps_used:
            by_property[p][s].add(o)
    drawn = set()
    for prop, steps in chains:
        for start, frontier in by_property[steps[0]].items():
            for step in steps[1:]:
                frontier = {o for node in frontier for o in by_property[step].get(node, ())}
            drawn.update((start, prop, end) for end in frontier)
    return drawn


def _schema_rules(closure: set) -> set:
    """The OWL 2 RL schema rules reasonable leaves out (scm-spo, scm-dom1/2, scm-rng1/2), to a fixpoint.

    They only read the schema, a small part of the closure, so plain loops over it are enough.
    """
    schema = {t for t in closure if t[1] in _SCHEMA_PREDICATES}
    added = set()
    while True:
        sub_class, sub_properties, super_properties = defaultdict(set), defaultdict(set), defaultdict(set)
        for s, p, o in schema:
            if p == _SUB_CLASS:
                sub_class[s].add(o)
            elif p == _SUB_PROPERTY:
                super_properties[s].add(o)
                sub_properties[o].add(s)
        new = set()
        for s, p, o in schema:
            if p == _DOMAIN or p == _RANGE:
                new.update((s, p, sup) for sup in sub_class.get(o, ()))  # scm-dom1, scm-rng1
                new.update((sub, p, o) for sub in sub_properties.get(s, ()))  # scm-dom2, scm-rng2
        for a, middles in super_properties.items():  # scm-spo
            new.update((a, _SUB_PROPERTY, c) for b in middles for c in super_properties.get(b, ()))
        new -= schema
        if not new:
            return closure | added
        schema |= new
        added |= new


def _graph(triples) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _reason_closure(graph: Graph, engine: str) -> Reasoned:
    """owlrl or reasonable: the full closure, checked, then split into canonical and restated triples."""
    closure, engine_errors = (_closure_owlrl if engine == "owlrl" else _closure_reasonable)(graph)
    kept = {triple for triple in closure if not is_noise(*triple)}
    nothing, both, identity, different = consistency.facts_of_closure(kept)
    consistency.check(nothing, both, identity, different, engine_errors, labels=graph)
    asserted = set(graph)
    kept -= asserted
    canonical = {t for t in identity.canonical_triples(kept) if not is_noise(*t)} - asserted
    return Reasoned(quads_of(_graph(canonical)), _graph(kept - canonical))


def _reason_oxigraph(data: ox.Store) -> Reasoned:
    from ceso.rules import evaluate

    # The results are many long-lived objects, none in a reference cycle, that the cyclic garbage
    # collector would scan again and again while they are built.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _oxigraph_results(data, evaluate(data))
    finally:
        if enabled:
            gc.enable()


def _oxigraph_results(data: ox.Store, run) -> Reasoned:
    identity = run.identity
    different = run.different()
    consistency.check(run.members(OWL.Nothing), run.both(run.schema.disjoint), identity, different,
                      labels=StoreLabels(data))
    # Drawn on canonical terms, so never asserted as such.
    inferred = [ox.Quad(q.subject, q.predicate, q.object, DEFAULT) for q in run.inferred() if not is_noise_quad(q)]
    restated = {ox.Quad(to_ox(s), to_ox(p), to_ox(o), DEFAULT) for s, p, o in run.rewritten if not is_noise(s, p, o)}
    if restated:
        drawn = set(inferred)
        inferred += [quad for quad in restated if quad not in data and quad not in drawn]
    same_as = Graph()  # every triple here has a non-canonical term, so `run.aliased` holds the asserted ones
    restated = (t for canonical in run.mentioning(identity.classes_of) for t in identity.restated(canonical))
    for triple in chain(identity.same_as_triples(), restated):
        if not is_noise(*triple) and triple not in run.aliased:
            same_as.add(triple)
    return Reasoned(inferred, same_as)


def reason(data: Graph | ox.Store, engine: str = DEFAULT_ENGINE) -> Reasoned:
    """Reason over `data` (ontology and instances: an rdflib graph, or an Oxigraph store's default graph);
    raise Inconsistent if the result is inconsistent."""
    if engine not in ENGINES:
        raise CesoError(f"unknown reasoner {engine!r}", fix=f"choose one of: {', '.join(ENGINES)}")
    if engine == "oxigraph":
        if isinstance(data, Graph):
            store = ox.Store()
            store.bulk_extend(quads_of(data))
            data = store
        return _reason_oxigraph(data)
    if not isinstance(data, Graph):
        data = rdflib_graph(data.quads_for_pattern(None, None, None, DEFAULT))
    return _reason_closure(data, engine)
