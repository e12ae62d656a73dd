"""The oxigraph engine on small graphs written for one rule each, against owlrl, and its loud refusals."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef

from ceso.errors import Inconsistent
from ceso.load import load
from ceso.reason import reason
from ceso.tbox import Unsupported

PREFIXES = """@prefix ceso: <https://w3id.org/ceso/ontology#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix : <https://w3id.org/ceso/id/> . @prefix wd: <http://www.wikidata.org/entity/> .
"""


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load().ontology


def _with(ontology: Graph, turtle: str) -> Graph:
    graph = Graph()
    for triple in ontology:
        graph.add(triple)
    graph.parse(data=PREFIXES + turtle, format="turtle")
    return graph


def _message(graph: Graph, engine: str) -> str:
    with pytest.raises(Inconsistent) as caught:
        reason(graph, engine)
    return str(caught.value)


def test_a_functional_property_that_proves_two_states_the_same_is_reported_like_owlrl(ontology):
    # org:member is functional: one membership of two states makes them one individual (prp-fp)
    graph = _with(ontology, """
        :a a ceso:State ; rdfs:label "Aland"@en . :b a ceso:State ; rdfs:label "Bland"@en .
        :m a ceso:StateMembership ; org:member :a , :b ; org:organization :o . :o a ceso:InternationalOrganization .
    """)
    expected = '"Aland" <https://w3id.org/ceso/id/a> and "Bland" <https://w3id.org/ceso/id/b> are inferred to be the same individual'
    for engine in ("owlrl", "oxigraph"):
        assert expected in _message(graph, engine), engine


def test_an_equality_proved_by_a_functional_property_is_drawn_on_before_the_closure_is_final(ontology):
    # wd:X is the organization of a membership whose organization is also :o, so wd:X is :o (prp-fp);
    # what is said of wd:X then holds of :o, on :o's IRI.
    graph = _with(ontology, """
        :o a ceso:InternationalOrganization ; rdfs:label "O"@en .
        :m a ceso:StateMembership ; org:member :s ; org:organization :o , wd:X . :s a ceso:State .
        wd:X org:hasUnit :u .
    """)
    owlrl_result, result = reason(graph, "owlrl"), reason(graph, "oxigraph")
    assert set(result.inferred) == set(owlrl_result.inferred)
    assert set(result.same_as) == set(owlrl_result.same_as)
    assert (URIRef("https://w3id.org/ceso/id/o"), URIRef("http://www.w3.org/ns/org#hasUnit"), URIRef("https://w3id.org/ceso/id/u")) in result.inferred


def test_disjoint_classes_are_reported_like_owlrl(ontology):
    graph = _with(ontology, """:p a ceso:StateMembership , ceso:PositionHolding ; rdfs:label "Both"@en ;
                                  owl:sameAs wd:Q1 .""")
    # owlrl adds its own records of the problem (on both IRIs); the rest of the message is the same
    messages = {engine: [line for line in _message(graph, engine).splitlines() if "- owlrl:" not in line]
                for engine in ("owlrl", "oxigraph")}
    assert any('"Both" <https://w3id.org/ceso/id/p> is both a' in line for line in messages["oxigraph"])
    assert messages["oxigraph"] == messages["owlrl"]


@pytest.mark.parametrize("axiom", [
    ":c a owl:Class ; owl:equivalentClass [ a owl:Restriction ; owl:onProperty org:member ; owl:someValuesFrom ceso:State ] .",
    "org:member a owl:InverseFunctionalProperty .",
    "ceso:x owl:hasKey ( org:member ) .",
])
def test_an_axiom_kind_without_compiled_rules_fails_loudly(ontology, axiom):
    with pytest.raises(Unsupported) as caught:
        reason(_with(ontology, axiom), "oxigraph")
    assert "owlrl" in caught.value.fix
