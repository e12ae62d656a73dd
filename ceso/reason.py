"""Step 3 of the build: OWL 2 RL reasoning, the inferences kept apart from what was asserted.

Two engines draw the same OWL 2 RL closure: owlrl (pure Python, the reference) and reasonable (Rust,
about 30x faster; see the README's performance figures). The tests check that both give the same
inferred triples on the shipped graph. Each engine's closure is cleaned of what no user wants (see
`is_noise`) and then checked for inconsistency.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from ceso.errors import CesoError, Inconsistent
from ceso.namespaces import BASE

ENGINES = ("reasonable", "owlrl")
DEFAULT_ENGINE = "reasonable"

_VOCABULARIES = (str(RDF), str(RDFS), str(OWL), str(XSD))
_TYPE, _SAME_AS, _DIFFERENT, _NOTHING = RDF.type, OWL.sameAs, OWL.differentFrom, OWL.Nothing
_REFLEXIVE_NOISE = frozenset({OWL.sameAs, RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty})
_TRIVIAL_TYPES = frozenset({OWL.Thing, RDFS.Resource})
_THING_NOISE = frozenset({RDFS.subClassOf, RDFS.domain, RDFS.range})
_THING = OWL.Thing
_ERROR_NS = "http://www.daml.org/2002/03/agents/agent-ont#"
# What the consistency check reads besides types and identities: disjointness axioms and their lists.
_DISJOINTNESS = frozenset({OWL.disjointWith, OWL.members, RDF.first, RDF.rest})
_CHAIN_SCHEMA = frozenset({OWL.propertyChainAxiom, RDF.first, RDF.rest})
_SUB_PROPERTY, _SUB_CLASS, _DOMAIN, _RANGE = RDFS.subPropertyOf, RDFS.subClassOf, RDFS.domain, RDFS.range
_SCHEMA_PREDICATES = frozenset({_SUB_PROPERTY, _SUB_CLASS, _DOMAIN, _RANGE})


@dataclass
class Reasoned:
    inferred: Graph
    engine: str


def is_noise(s, p, o) -> bool:
    """Closure triples that say nothing about our data: tautologies, vocabulary axioms, invalid RDF."""
    if isinstance(s, Literal):
        return True  # a literal subject is not RDF; stores such as GraphDB reject it
    if str.startswith(s, _VOCABULARIES):  # (URIRef.startswith does not take a tuple)
        return True  # axioms about RDF, RDFS, OWL and XSD themselves
    if s == o and p in _REFLEXIVE_NOISE:
        return True
    if p == _TYPE and o in _TRIVIAL_TYPES:
        return True
    if o == _THING and p in _THING_NOISE:
        return True
    if str.startswith(p, _ERROR_NS) or (p == _TYPE and str.startswith(o, _ERROR_NS)):
        return True  # owlrl's error records; reported by `check_consistency` instead
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


def reason(graph: Graph, engine: str = DEFAULT_ENGINE) -> Reasoned:
    """Reason over `graph` (ontology and instances); raise Inconsistent if the result is inconsistent."""
    if engine not in ENGINES:
        raise CesoError(f"unknown reasoner {engine!r}", fix=f"choose one of: {', '.join(ENGINES)}")
    closure, engine_errors = (_closure_owlrl if engine == "owlrl" else _closure_reasonable)(graph)
    kept = {triple for triple in closure if not is_noise(*triple)}
    check_consistency(kept, engine_errors, labels=graph)
    asserted = set(graph)
    inferred = Graph()
    for triple in kept:
        if triple not in asserted:
            inferred.add(triple)
    return Reasoned(inferred, engine)


def _label(graph: Graph, node) -> str:
    labels = sorted(str(l) for l in graph.objects(node, RDFS.label) if getattr(l, "language", None) in (None, "en"))
    return f'"{labels[0]}" <{node}>' if labels else f"<{node}>"


def _disjoint_pairs(closure: set) -> set[tuple]:
    schema = Graph()
    for triple in closure:
        if triple[1] in _DISJOINTNESS or (triple[1] == _TYPE and triple[2] == OWL.AllDisjointClasses):
            schema.add(triple)
    pairs = set(schema.subject_objects(OWL.disjointWith))
    for group in schema.subjects(_TYPE, OWL.AllDisjointClasses):
        for members in schema.objects(group, OWL.members):
            classes = list(Collection(schema, members))
            pairs.update((a, b) for i, a in enumerate(classes) for b in classes[i + 1 :])
    return pairs


def check_consistency(closure: set, engine_errors: list[str] = (), labels: Graph | None = None) -> None:
    """Fail on what OWL 2 RL calls inconsistent, explaining each problem with the nodes involved.

    Nodes are named by their asserted labels (`labels`): in the closure, owl:sameAs has copied them.
    """
    named = labels if labels is not None else Graph()
    problems = [f"owlrl: {message}" for message in engine_errors]
    members = defaultdict(set)
    same = defaultdict(set)
    different = []
    for s, p, o in closure:
        if p == _TYPE:
            members[o].add(s)
        elif p == _SAME_AS and s != o:
            same[s].add(o)
        elif p == _DIFFERENT:
            different.append((s, o))
    for node in members.get(_NOTHING, ()):
        problems.append(f"{_label(named, node)} is a member of owl:Nothing (an unsatisfiable class)")
    for a, b in _disjoint_pairs(closure):
        for node in members.get(a, set()) & members.get(b, set()):
            if isinstance(node, URIRef) and not node.startswith(BASE):
                continue  # reported once, on our own IRI, not again on its owl:sameAs copy
            problems.append(f"{_label(named, node)} is both a {_label(named, a)} and a {_label(named, b)}, which are disjoint")
    for a, others in same.items():
        for b in others:
            if a.startswith(BASE) and b.startswith(BASE) and a < b:
                shared = sorted((same[a] & same[b]) - {a, b})
                via = f" (both linked to {', '.join(f'<{s}>' for s in shared)})" if shared else ""
                problems.append(f"{_label(named, a)} and {_label(named, b)} are inferred to be the same individual{via}")
    for a, b in different:
        if a == b or b in same.get(a, ()):
            problems.append(f"<{a}> and <{b}> are stated different but inferred the same")
    if problems:
        listing = "\n".join(f"  - {p}" for p in sorted(set(problems)))
        raise Inconsistent(
            f"the ontology and data are inconsistent under OWL 2 RL:\n{listing}",
            fix="correct the types or owl:sameAs links of the nodes named above; a Wikidata item may link one entity only",
        )
