"""The ontology (TBox) closed once and compiled into instance-level rule tables for the `oxigraph` engine.

The TBox is small and fixed while the data grows, so the OWL 2 RL schema rules (scm-*) run here, in plain
Python over a few hundred triples, and what they imply for individuals becomes lookup tables: every
superclass of a class, every property a triple also states (super-properties, inverses, symmetry), the
classes a property's domain and range give, the transitive and functional properties, the chains and the
disjoint classes. An axiom kind these tables cannot express raises `Unsupported` rather than let the
engine silently draw less than owlrl.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from ceso.errors import CesoError

# OWL 2 RL features the CESO ontology does not use; each would need rules the tables below lack.
_UNSUPPORTED_PREDICATES = (
    OWL.onProperty, OWL.someValuesFrom, OWL.allValuesFrom, OWL.hasValue, OWL.intersectionOf, OWL.unionOf,
    OWL.complementOf, OWL.oneOf, OWL.hasKey, OWL.maxCardinality, OWL.maxQualifiedCardinality, OWL.cardinality,
    OWL.minCardinality, OWL.qualifiedCardinality, OWL.propertyDisjointWith, OWL.sourceIndividual,
    OWL.onDatatype, OWL.withRestrictions, OWL.datatypeComplementOf, OWL.distinctMembers,
)
_UNSUPPORTED_TYPES = (
    OWL.Restriction, OWL.InverseFunctionalProperty, OWL.AsymmetricProperty, OWL.IrreflexiveProperty,
    OWL.ReflexiveProperty, OWL.AllDisjointProperties, OWL.NegativePropertyAssertion, OWL.AllDifferent,
)
_SKIPPED_CLASSES = frozenset({OWL.Thing, RDFS.Resource})  # typing with them is noise (see reason.is_noise)


# Every triple compile_schema reads: these predicates, and rdf:type with these objects. The oxigraph engine
# takes just these out of a large store (an index look-up each) instead of converting all of it.
SCHEMA_PREDICATES = (
    RDFS.subClassOf, OWL.equivalentClass, RDFS.subPropertyOf, OWL.equivalentProperty, RDFS.domain, RDFS.range,
    OWL.inverseOf, OWL.propertyChainAxiom, OWL.disjointWith, OWL.members, RDF.first, RDF.rest, OWL.sameAs,
) + _UNSUPPORTED_PREDICATES
SCHEMA_TYPES = (OWL.SymmetricProperty, OWL.TransitiveProperty, OWL.FunctionalProperty, OWL.AllDisjointClasses) \
    + _UNSUPPORTED_TYPES


class Unsupported(CesoError):
    """The ontology uses an OWL 2 RL feature the compiled rules do not cover."""


@dataclass
class Schema:
    supers: dict = field(default_factory=dict)  # class -> its strict superclasses (closed)
    images: dict = field(default_factory=dict)  # property -> {(property, flipped)} a triple also states
    domains: dict = field(default_factory=dict)  # property -> classes of its subjects (closed upwards)
    ranges: dict = field(default_factory=dict)  # property -> classes of its objects (closed upwards)
    transitive: set = field(default_factory=set)
    functional: set = field(default_factory=set)
    chains: list = field(default_factory=list)  # (property, [step, …]) from owl:propertyChainAxiom
    disjoint: set = field(default_factory=set)  # (class, class) pairs
    triples: set = field(default_factory=set)  # what the schema rules add to the TBox itself


def _closure(edges: dict) -> dict:
    """node -> every node reachable from it (itself excluded unless on a cycle)."""
    reach = {}
    for start in edges:
        seen, stack = set(), list(edges[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(edges.get(node, ()))
        reach[start] = seen
    return reach


def _check_supported(graph: Graph) -> None:
    found = [p for p in _UNSUPPORTED_PREDICATES if next(graph.triples((None, p, None)), None)]
    found += [t for t in _UNSUPPORTED_TYPES if next(graph.triples((None, RDF.type, t)), None)]
    found += [f"{p} on a blank node" for p in (OWL.inverseOf, RDFS.subClassOf, OWL.equivalentClass)
              for s, o in graph.subject_objects(p) if not (isinstance(s, URIRef) and isinstance(o, URIRef))]
    if found:
        listing = ", ".join(sorted({str(f) for f in found}))
        raise Unsupported(f"the oxigraph reasoner has no rules for: {listing}",
                          fix="reason with `--reasoner owlrl` (or reasonable), or add the rules to ceso/tbox.py")


def _hierarchy(graph: Graph, sub: object, equivalent: object) -> tuple[dict, set]:
    """Strict supers of every node under `sub` (and `equivalent` both ways), and the triples scm-* add."""
    edges = defaultdict(set)
    for s, o in graph.subject_objects(sub):
        edges[s].add(o)
    for s, o in graph.subject_objects(equivalent):
        edges[s].add(o)
        edges[o].add(s)  # scm-eqc1 / scm-eqp1
    reach = _closure(edges)
    triples = set()
    for node, ups in reach.items():
        for up in ups:
            if up != node:
                triples.add((node, sub, up))  # scm-sco / scm-spo
                if node in reach.get(up, ()):
                    triples.add((node, equivalent, up))  # scm-eqc2 / scm-eqp2
    return {node: ups - {node} for node, ups in reach.items()}, triples


def compile_schema(graph: Graph) -> Schema:
    """Close the TBox found in `graph` (ontology and instances alike) and compile its rule tables."""
    _check_supported(graph)
    schema = Schema()
    schema.supers, class_triples = _hierarchy(graph, RDFS.subClassOf, OWL.equivalentClass)
    super_props, prop_triples = _hierarchy(graph, RDFS.subPropertyOf, OWL.equivalentProperty)
    schema.triples = class_triples | prop_triples
    sub_props = defaultdict(set)
    for prop, ups in super_props.items():
        for up in ups:
            sub_props[up].add(prop)

    def upwards(classes):
        return {d for c in classes for d in ({c} | schema.supers.get(c, set()))} - _SKIPPED_CLASSES

    # scm-dom1/2, scm-rng1/2: a property's domain and range hold for its sub-properties and superclasses.
    for axiom, table in ((RDFS.domain, schema.domains), (RDFS.range, schema.ranges)):
        for prop, cls in graph.subject_objects(axiom):
            for p in {prop} | sub_props.get(prop, set()):
                for c in upwards({cls}) | ({cls} & _SKIPPED_CLASSES):
                    schema.triples.add((p, axiom, c))
                table.setdefault(p, set()).update(upwards({cls}))

    # prp-spo1, prp-inv1/2, prp-symp: each property triple also states these, closed under each other.
    steps = defaultdict(set)
    for prop, ups in super_props.items():
        steps[prop].update((up, False) for up in ups)
    for a, b in graph.subject_objects(OWL.inverseOf):
        steps[a].add((b, True))
        steps[b].add((a, True))
    for prop in graph.subjects(RDF.type, OWL.SymmetricProperty):
        steps[prop].add((prop, True))
    for prop in list(steps):
        seen, stack = set(), [(prop, False)]
        while stack:
            node, flipped = stack.pop()
            for nxt, flip in steps.get(node, ()):
                state = (nxt, flipped != flip)
                if state not in seen:
                    seen.add(state)
                    stack.append(state)
        seen.discard((prop, False))
        if seen:
            schema.images[prop] = seen

    schema.transitive = set(graph.subjects(RDF.type, OWL.TransitiveProperty))
    schema.functional = set(graph.subjects(RDF.type, OWL.FunctionalProperty))
    schema.chains = [(prop, list(Collection(graph, head))) for prop, head in graph.subject_objects(OWL.propertyChainAxiom)]
    pairs = set(graph.subject_objects(OWL.disjointWith))
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for members in graph.objects(group, OWL.members):
            classes = list(Collection(graph, members))
            pairs.update((a, b) for i, a in enumerate(classes) for b in classes[i + 1:])
    schema.disjoint = pairs
    return schema
