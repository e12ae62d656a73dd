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
from itertools import chain

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from ceso import consistency
from ceso.errors import CesoError

ENGINES = ("oxigraph", "reasonable", "owlrl")
DEFAULT_ENGINE = "oxigraph"

_VOCABULARIES = (str(RDF), str(RDFS), str(OWL), str(XSD))
_REFLEXIVE_NOISE = frozenset({OWL.sameAs, RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty})
_TRIVIAL_TYPES = frozenset({OWL.Thing, RDFS.Resource})
_TYPES = frozenset({RDF.type})
_THING_NOISE = frozenset({RDFS.subClassOf, RDFS.domain, RDFS.range})
_THING = OWL.Thing
_ERROR_NS = "http://www.daml.org/2002/03/agents/agent-ont#"
_CHAIN_SCHEMA = frozenset({OWL.propertyChainAxiom, RDF.first, RDF.rest})
_SUB_PROPERTY, _SUB_CLASS, _DOMAIN, _RANGE = RDFS.subPropertyOf, RDFS.subClassOf, RDFS.domain, RDFS.range
_SCHEMA_PREDICATES = frozenset({_SUB_PROPERTY, _SUB_CLASS, _DOMAIN, _RANGE})


@dataclass
class Reasoned:
    inferred: Graph  # what reasoning adds, on canonical IRIs: each entity's facts once
    same_as: Graph  # what owl:sameAs restates of them on every other IRI of the entity (eq-sym/trans/rep-*)


def is_noise(s, p, o) -> bool:
    """Closure triples that say nothing about our data: tautologies, vocabulary axioms, invalid RDF."""
    # Set look-ups before `==`: rdflib's term equality is Python code, and this runs on every triple.
    if isinstance(s, Literal):
        return True  # a literal subject is not RDF; stores such as GraphDB reject it
    if str.startswith(s, _VOCABULARIES):  # (URIRef.startswith does not take a tuple)
        return True  # axioms about RDF, RDFS, OWL and XSD themselves
    if p in _REFLEXIVE_NOISE and s == o:
        return True
    if p in _TYPES and (o in _TRIVIAL_TYPES or str.startswith(o, _ERROR_NS)):
        return True  # (a type in the error namespace is one of owlrl's error records)
    if p in _THING_NOISE and o == _THING:
        return True
    if str.startswith(p, _ERROR_NS):
        return True  # owlrl's error records; reported by the consistency check instead
    return False


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
    return Reasoned(_graph(canonical), _graph(kept - canonical))


def _reason_oxigraph(graph: Graph) -> Reasoned:
    from ceso.rules import evaluate

    # The input graph and the results are millions of long-lived objects, none in a reference cycle, that
    # the cyclic garbage collector would scan again and again while the results are built.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _oxigraph_results(graph, evaluate(graph))
    finally:
        if enabled:
            gc.enable()


def _oxigraph_results(graph: Graph, run) -> Reasoned:
    identity = run.identity
    different = run.different()
    consistency.check(run.members(OWL.Nothing), run.both(run.schema.disjoint), identity, different, labels=graph)
    inferred = Graph()
    for triple in run.inferred():  # drawn on canonical terms, so never asserted as such
        if not is_noise(*triple):
            inferred.add(triple)
    for triple in run.rewritten:
        if not is_noise(*triple) and triple not in graph:
            inferred.add(triple)
    same_as = Graph()  # every triple here has a non-canonical term, so `run.aliased` holds the asserted ones
    restated = (t for canonical in run.mentioning(identity.classes_of) for t in identity.restated(canonical))
    for triple in chain(identity.same_as_triples(), restated):
        if not is_noise(*triple) and triple not in run.aliased:
            same_as.add(triple)
    return Reasoned(inferred, same_as)


def reason(graph: Graph, engine: str = DEFAULT_ENGINE) -> Reasoned:
    """Reason over `graph` (ontology and instances); raise Inconsistent if the result is inconsistent."""
    if engine not in ENGINES:
        raise CesoError(f"unknown reasoner {engine!r}", fix=f"choose one of: {', '.join(ENGINES)}")
    return _reason_oxigraph(graph) if engine == "oxigraph" else _reason_closure(graph, engine)
