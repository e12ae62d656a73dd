"""OWL 2 RL reasoning: real entailments kept in their own graph, owlrl's noise left out, every engine agrees."""

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
SAME_AS = "https://w3id.org/ceso/graph/sameas"
WD = "http://www.wikidata.org/entity/"


def _named_graph(build_root, iri: str = INFERRED) -> Graph:
    dataset = Graph()
    for line in (build_root / "current" / "dataset.nq").read_text(encoding="utf-8").splitlines():
        if line.rstrip().endswith(f"<{iri}> ."):
            dataset.parse(data=line.rsplit(f"<{iri}>", 1)[0] + ".", format="nt")
    return dataset


@pytest.fixture(scope="module")
def small_root(tmp_path_factory):
    source = source_tree(tmp_path_factory.mktemp("small") / "src", SMALL)
    root = tmp_path_factory.mktemp("small-build")
    run_ceso("build", build_dir=root, source_dir=source, check=True)
    return root


@pytest.fixture(scope="module")
def small_build(small_root):
    return _named_graph(small_root)


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


def test_nothing_is_inferred_about_a_wikidata_iri(small_build):
    # testland is owl:sameAs wd:Q999999991: its facts are drawn once, on its CESO IRI
    assert (URIRef(ID + "testland"), RDF.type, URIRef("http://xmlns.com/foaf/0.1/Agent")) in small_build
    assert not [t for t in small_build if any(str(term).startswith(WD) for term in t)]


def test_the_sameas_graph_holds_what_owl_sameas_restates_on_the_wikidata_iri(small_root):
    same_as = _named_graph(small_root, SAME_AS)
    wikidata, testland = URIRef(WD + "Q999999991"), URIRef(ID + "testland")
    assert (wikidata, RDF.type, URIRef(CESO + "State")) in same_as  # eq-rep-s of an asserted type
    assert (wikidata, RDF.type, URIRef("http://xmlns.com/foaf/0.1/Agent")) in same_as  # … and of an inferred one
    assert (wikidata, OWL.sameAs, testland) in same_as  # eq-sym
    assert (URIRef(ID + "membership/test-org-testland-full-member-2001"), URIRef(ORG + "member"), wikidata) in same_as
    assert all(any(str(term).startswith(WD) for term in t) for t in same_as), "a canonical triple in the sameas graph"


def _query(build_dir, query: str, graphs=("ontology", "instances", "inferred")) -> set:
    """The values of ?s over the union of `graphs` (by default the default graph users query)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.load(path=str(build_dir / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    union = [ox.NamedNode(f"https://w3id.org/ceso/graph/{g}") for g in graphs]
    return {row["s"].value for row in store.query(query, default_graph=union)}


NAIVE_SCO = f"SELECT DISTINCT ?s WHERE {{ ?m <{ORG}organization> <{ID}sco> ; <{ORG}member> ?s }}"
STATES = f"SELECT DISTINCT ?s WHERE {{ ?s a <{CESO}State> }}"


def test_a_naive_query_names_each_entity_once(build_dir):
    # Issue 10: the SCO's members came back on their CESO and their Wikidata IRIs.
    members = _query(build_dir, NAIVE_SCO)
    assert members == _query(build_dir, NAIVE_SCO, graphs=("instances",))  # the members as written
    assert ID + "kazakhstan" in members and WD + "Q232" not in members
    states = _query(build_dir, STATES)
    assert states == _query(build_dir, STATES, graphs=("instances",)) and all(s.startswith(ID) for s in states)


def test_the_full_closure_is_the_default_graph_plus_the_sameas_graph(build_dir):
    # Who wants every IRI of an entity adds graph/sameas: the answers of OWL RL without the canonical IRIs.
    members = _query(build_dir, NAIVE_SCO, graphs=("ontology", "instances", "inferred", "sameas"))
    ours = _query(build_dir, NAIVE_SCO)
    links = _query(build_dir, NAIVE_SCO.replace("?s }", f"?e . ?e <{OWL.sameAs}> ?s }}"), graphs=("instances",))
    assert WD + "Q232" in links and members == ours | links  # each member on its CESO IRI and its links
