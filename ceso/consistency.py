"""What OWL 2 RL calls inconsistent, explained with the nodes involved; the same messages for every engine.

The engines hand over the facts the check reads: the members of owl:Nothing, the nodes of two disjoint
classes, the owl:sameAs classes and the owl:differentFrom pairs. owlrl and reasonable give them from their
full closure; the oxigraph engine from its canonical closure and its identity classes, which stand for the
same full closure (every fact of a class holds on each member).
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from ceso.errors import Inconsistent
from ceso.identity import Identity
from ceso.namespaces import BASE

_DISJOINTNESS = frozenset({OWL.disjointWith, OWL.members, RDF.first, RDF.rest})


def label(graph: Graph, node) -> str:
    labels = sorted(str(l) for l in graph.objects(node, RDFS.label) if getattr(l, "language", None) in (None, "en"))
    return f'"{labels[0]}" <{node}>' if labels else f"<{node}>"


def disjoint_pairs(triples) -> set[tuple]:
    """(class, class) pairs from owl:disjointWith and owl:AllDisjointClasses among `triples`."""
    schema = Graph()
    for triple in triples:
        if triple[1] in _DISJOINTNESS or (triple[1] == RDF.type and triple[2] == OWL.AllDisjointClasses):
            schema.add(triple)
    pairs = set(schema.subject_objects(OWL.disjointWith))
    for group in schema.subjects(RDF.type, OWL.AllDisjointClasses):
        for members in schema.objects(group, OWL.members):
            classes = list(Collection(schema, members))
            pairs.update((a, b) for i, a in enumerate(classes) for b in classes[i + 1:])
    return pairs


def facts_of_closure(closure: set) -> tuple:
    """(owl:Nothing members, (node, class, class) of disjoint classes, identity, differentFrom pairs)."""
    members = defaultdict(set)
    identity = Identity()
    different = []
    for s, p, o in closure:
        if p == RDF.type:
            members[o].add(s)
        elif p == OWL.sameAs:
            identity.union(s, o)
        elif p == OWL.differentFrom:
            different.append((s, o))
    both = [(node, a, b) for a, b in disjoint_pairs(closure) for node in members.get(a, set()) & members.get(b, set())]
    return members.get(OWL.Nothing, set()), both, identity, different


def check(nothing, both, identity: Identity, different, engine_errors=(), labels: Graph | None = None) -> None:
    """Raise Inconsistent naming every problem; nodes are named by their asserted labels (`labels`)."""
    named = labels if labels is not None else Graph()
    problems = [f"owlrl: {message}" for message in engine_errors]
    for node in nothing:
        problems.append(f"{label(named, node)} is a member of owl:Nothing (an unsatisfiable class)")
    for node, a, b in both:
        if isinstance(node, URIRef) and not node.startswith(BASE):
            continue  # reported once, on our own IRI, not again on its owl:sameAs copy
        problems.append(f"{label(named, node)} is both a {label(named, a)} and a {label(named, b)}, which are disjoint")
    for members in identity.classes().values():
        ours = sorted(m for m in members if isinstance(m, URIRef) and m.startswith(BASE))
        for i, a in enumerate(ours):
            for b in ours[i + 1:]:
                shared = sorted(members - {a, b})
                via = f" (both linked to {', '.join(f'<{s}>' for s in shared)})" if shared else ""
                problems.append(f"{label(named, a)} and {label(named, b)} are inferred to be the same individual{via}")
    aliases = identity.aliases
    for a, b in different:
        if a == b or aliases.get(a, a) == aliases.get(b, b):
            problems.append(f"<{a}> and <{b}> are stated different but inferred the same")
    if problems:
        listing = "\n".join(f"  - {p}" for p in sorted(set(problems)))
        raise Inconsistent(
            f"the ontology and data are inconsistent under OWL 2 RL:\n{listing}",
            fix="correct the types or owl:sameAs links of the nodes named above; a Wikidata item may link one entity only",
        )
