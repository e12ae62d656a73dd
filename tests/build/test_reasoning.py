"""OWL 2 RL reasoning: real entailments kept in their own graph, owlrl's noise left out, both engines agree."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ceso.load import load
from ceso.reason import ENGINES, reason

from support import SMALL, run_ceso, source_tree

ID = "https://w3id.org/ceso/id/"
CESO = "https://w3id.org/ceso/ontology#"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
INFERRED = "https://w3id.org/ceso/graph/inferred"


def _inferred_graph(build_root) -> Graph:
    dataset = Graph()
    for line in (build_root / "current" / "dataset.nq").read_text(encoding="utf-8").splitlines():
        if line.rstrip().endswith(f"<{INFERRED}> ."):
            dataset.parse(data=line.rsplit(f"<{INFERRED}>", 1)[0] + ".", format="nt")
    return dataset


@pytest.fixture(scope="module")
def small_build(tmp_path_factory):
    source = source_tree(tmp_path_factory.mktemp("small") / "src", SMALL)
    root = tmp_path_factory.mktemp("small-build")
    run_ceso("build", build_dir=root, source_dir=source, check=True)
    return _inferred_graph(root)


@pytest.mark.parametrize(
    "triple",
    [
        # transitive located-in, and its inverse
        (ID + "test-city", CESO + "locatedIn", ID + "test-region"),
        (ID + "test-region", CESO + "contains", ID + "test-city"),
        # ORG inverses and the unit-of hierarchy
        (ID + "testland", ORG + "hasMembership", ID + "membership/test-org-testland-full-member-2001"),
        (ID + "test-org", ORG + "hasUnit", ID + "test-body"),
        (ID + "test-body", ORG + "transitiveSubOrganizationOf", ID + "test-org"),
        # the property chain event → participation → participant, and a perpetrator takes part too
        (ID + "event/test-summit", CESO + "hasParticipant", ID + "testland"),
        (ID + "event/test-attack", CESO + "hasParticipant", ID + "test-group"),
        # subclass typing
        (ID + "test-org", RDF.type, ORG + "FormalOrganization"),
        (ID + "membership/test-org-testland-full-member-2001", RDF.type, CESO + "Claim"),
        # SKOS hierarchy closure from the ontology's threat scheme
        (CESO + "InternationalTerrorism", SKOS + "broaderTransitive", CESO + "Terrorism"),
        # owl:sameAs copies facts onto the Wikidata IRI
        ("http://www.wikidata.org/entity/Q999999991", RDF.type, CESO + "State"),
    ],
)
def test_real_entailments_are_in_the_inferred_graph(small_build, triple):
    assert tuple(URIRef(t) for t in triple) in small_build


def test_owlrl_noise_is_left_out(small_build):
    for s, p, o in small_build:
        assert not isinstance(s, Literal), f"literal subject: {s} {p} {o}"
        assert not (p == OWL.sameAs and s == o), f"reflexive sameAs on {s}"
        assert not (p in (RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass) and s == o)
        assert not str(s).startswith(("http://www.w3.org/2002/07/owl#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                                      "http://www.w3.org/2000/01/rdf-schema#", "http://www.w3.org/2001/XMLSchema#"))
        assert not (p == RDF.type and o == OWL.Thing)


def test_asserted_triples_are_not_repeated_as_inferred(small_build):
    asserted = Graph().parse(SMALL)
    assert not set(asserted) & set(small_build)


def test_both_engines_draw_the_same_inferences_on_the_shipped_graph():
    data = load().data()
    results = {engine: set(reason(data, engine).inferred) for engine in ENGINES}
    reference = results["owlrl"]
    assert reference, "owlrl inferred nothing"
    for engine, inferred in results.items():
        assert inferred == reference, f"{engine} differs from owlrl: +{len(inferred - reference)} -{len(reference - inferred)}"
