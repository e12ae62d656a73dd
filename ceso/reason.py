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
_REFLEXIVE_NOISE = {OWL.sameAs, RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty}
_TRIVIAL_TYPES = {OWL.Thing, RDFS.Resource}
_ERROR_NS = "http://www.daml.org/2002/03/agents/agent-ont#"


@dataclass
class Reasoned:
    inferred: Graph
    engine: str


def is_noise(s, p, o) -> bool:
    """Closure triples that say nothing about our data: tautologies, vocabulary axioms, invalid RDF."""
    if isinstance(s, Literal):
        return True  # a literal subject is not RDF; stores such as GraphDB reject it
    if str(s).startswith(_VOCABULARIES):
        return True  # axioms about RDF, RDFS, OWL and XSD themselves
    if s == o and p in _REFLEXIVE_NOISE:
        return True
    if p == RDF.type and o in _TRIVIAL_TYPES:
        return True
    if p in (RDFS.subClassOf, RDFS.domain, RDFS.range) and o == OWL.Thing:
        return True
    if str(p).startswith(_ERROR_NS) or (p == RDF.type and str(o).startswith(_ERROR_NS)):
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

    source = graph
    original = _Literals(graph)
    while True:
        reasoner = reasonable.PyReasoner()
        reasoner.from_graph(source)
        closure = _schema_rules({(original(s), p, original(o)) for s, p, o in reasoner.reason()})
        # reasonable has no property chains (prp-spo2); what they add may enable other rules, so reason again.
        chained = _property_chains(closure) - closure
        if not chained:
            return closure, []
        source = Graph()
        for triple in closure | chained:
            source.add(triple)


def _property_chains(closure: set) -> set:
    """Triples drawn by owl:propertyChainAxiom (OWL 2 RL rule prp-spo2)."""
    schema = Graph()
    for triple in closure:
        if triple[1] in (OWL.propertyChainAxiom, RDF.first, RDF.rest):
            schema.add(triple)
    chains = [(prop, list(Collection(schema, head))) for prop, head in schema.subject_objects(OWL.propertyChainAxiom)]
    if not chains:
        return set()
    by_property = defaultdict(lambda: defaultdict(set))
    for s, p, o in closure:
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

    They only touch the small schema part of the graph, so a plain loop is enough.
    """
    while True:
        sub_property = {(s, o) for s, p, o in closure if p == RDFS.subPropertyOf}
        sub_class = {(s, o) for s, p, o in closure if p == RDFS.subClassOf}
        new = set()
        for axis in (RDFS.domain, RDFS.range):
            declared = {(s, o) for s, p, o in closure if p == axis}
            new |= {(prop, axis, sup) for prop, cls in declared for sub, sup in sub_class if sub == cls}
            new |= {(sub, axis, cls) for prop, cls in declared for sub, sup in sub_property if sup == prop}
        new |= {(a, RDFS.subPropertyOf, c) for a, b in sub_property for b2, c in sub_property if b == b2}
        new -= closure
        if not new:
            return closure
        closure |= new


def reason(graph: Graph, engine: str = DEFAULT_ENGINE) -> Reasoned:
    """Reason over `graph` (ontology and instances); raise Inconsistent if the result is inconsistent."""
    if engine not in ENGINES:
        raise CesoError(f"unknown reasoner {engine!r}", fix=f"choose one of: {', '.join(ENGINES)}")
    closure, engine_errors = (_closure_owlrl if engine == "owlrl" else _closure_reasonable)(graph)
    inferred = Graph()
    for triple in closure:
        if triple not in graph and not is_noise(*triple):
            inferred.add(triple)
    full = Graph()
    for triple in closure:
        if not is_noise(*triple):
            full.add(triple)
    check_consistency(full, engine_errors, labels=graph)
    return Reasoned(inferred, engine)


def _label(graph: Graph, node) -> str:
    labels = sorted(str(l) for l in graph.objects(node, RDFS.label) if getattr(l, "language", None) in (None, "en"))
    return f'"{labels[0]}" <{node}>' if labels else f"<{node}>"


def _disjoint_pairs(graph: Graph) -> set[tuple]:
    pairs = {(a, b) for a, b in graph.subject_objects(OWL.disjointWith)}
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for members in graph.objects(group, OWL.members):
            classes = list(Collection(graph, members))
            pairs.update((a, b) for i, a in enumerate(classes) for b in classes[i + 1 :])
    return pairs


def check_consistency(closure: Graph, engine_errors: list[str] = (), labels: Graph | None = None) -> None:
    """Fail on what OWL 2 RL calls inconsistent, explaining each problem with the nodes involved.

    Nodes are named by their asserted labels (`labels`): in the closure, owl:sameAs has copied them.
    """
    named = labels if labels is not None else closure
    problems = [f"owlrl: {message}" for message in engine_errors]
    for node in closure.subjects(RDF.type, OWL.Nothing):
        problems.append(f"{_label(named, node)} is a member of owl:Nothing (an unsatisfiable class)")
    types = defaultdict(set)
    for node, cls in closure.subject_objects(RDF.type):
        types[node].add(cls)
    for a, b in sorted(_disjoint_pairs(closure)):
        for node in sorted(set(closure.subjects(RDF.type, a)) & set(closure.subjects(RDF.type, b))):
            if isinstance(node, URIRef) and not str(node).startswith(BASE):
                continue  # reported once, on our own IRI, not again on its owl:sameAs copy
            problems.append(f"{_label(named, node)} is both a {_label(named, a)} and a {_label(named, b)}, which are disjoint")
    for a, b in closure.subject_objects(OWL.sameAs):
        if a != b and str(a).startswith(BASE) and str(b).startswith(BASE) and str(a) < str(b):
            shared = sorted(set(closure.objects(a, OWL.sameAs)) & set(closure.objects(b, OWL.sameAs)) - {a, b})
            via = f" (both linked to {', '.join(f'<{s}>' for s in shared)})" if shared else ""
            problems.append(f"{_label(named, a)} and {_label(named, b)} are inferred to be the same individual{via}")
    for a, b in closure.subject_objects(OWL.differentFrom):
        if (a, OWL.sameAs, b) in closure or a == b:
            problems.append(f"<{a}> and <{b}> are stated different but inferred the same")
    if problems:
        listing = "\n".join(f"  - {p}" for p in sorted(set(problems)))
        raise Inconsistent(
            f"the ontology and data are inconsistent under OWL 2 RL:\n{listing}",
            fix="correct the types or owl:sameAs links of the nodes named above; a Wikidata item may link one entity only",
        )
