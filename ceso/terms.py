"""Oxigraph terms and rdflib terms, converted both ways in one place.

The build keeps the instance data and the inferences as Oxigraph terms (no Python object per term while a
large graph is loaded, validated, reasoned over and written); the ontology, the shapes and the reference
engines (owlrl, reasonable, pyshacl) use rdflib, and these converters carry terms across.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD

_XSD_STRING = str(XSD.string)
DEFAULT = ox.DefaultGraph()


class ToRdflib:
    """Oxigraph terms to rdflib terms, sharing one object per IRI (a large graph repeats them a lot)."""

    def __init__(self, bnode_prefix: str = ""):
        self._iris: dict[str, URIRef] = {}
        self.bnode_prefix = bnode_prefix

    def iri(self, node: ox.NamedNode) -> URIRef:
        value = node.value
        term = self._iris.get(value)
        if term is None:
            term = self._iris[value] = URIRef(value)
        return term

    def __call__(self, node):
        if isinstance(node, ox.NamedNode):
            return self.iri(node)
        if isinstance(node, ox.BlankNode):
            return BNode(self.bnode_prefix + node.value)
        if node.language:
            return Literal(node.value, lang=node.language)
        datatype = node.datatype.value
        if datatype == _XSD_STRING:
            return Literal(node.value)
        # normalize=False keeps the lexical form as written ("…Z" stays "…Z", not rdflib's "+00:00").
        return Literal(node.value, datatype=self.iri(node.datatype), normalize=False)

    def triple(self, quad) -> tuple:
        return self(quad.subject), self.iri(quad.predicate), self(quad.object)


def to_ox(term):
    """An rdflib term as Oxigraph's, keeping a literal's lexical form as written."""
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype) if term.datatype else None)


def quads_of(graph: Graph, graph_name=DEFAULT) -> list[ox.Quad]:
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph_name) for s, p, o in graph]


def rdflib_graph(quads) -> Graph:
    """Oxigraph quads (or triples) as one rdflib graph, their graph names dropped."""
    graph, convert = Graph(), ToRdflib()
    for quad in quads:
        graph.add(convert.triple(quad))
    return graph


class StoreLabels:
    """The `objects(node, predicate)` of an rdflib graph, read from an Oxigraph store's default graph, so
    that reports can name a node by its label without converting the whole store."""

    def __init__(self, store: ox.Store):
        self.store, self._convert = store, ToRdflib()

    def objects(self, subject=None, predicate=RDFS.label):
        if not isinstance(subject, (URIRef, BNode)):
            return []
        quads = self.store.quads_for_pattern(to_ox(subject), to_ox(predicate), None, DEFAULT)
        return [self._convert(q.object) for q in quads]
