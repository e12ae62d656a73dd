"""The ontology as analysts and Protégé meet it: metadata, labels, definitions, reused terms, catalog."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

from support import REPO

CESO = "https://w3id.org/ceso/ontology#"
ONTOLOGY = URIRef("https://w3id.org/ceso/ontology")
VANN = "http://purl.org/vocab/vann/"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(REPO / "ontology" / "ceso.ttl")


def _terms(graph, kinds):
    return sorted({s for kind in kinds for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef)})


def test_metadata_for_foops(ontology):
    one = lambda p: list(ontology.objects(ONTOLOGY, p))  # noqa: E731
    assert one(OWL.versionIRI) == [URIRef("https://w3id.org/ceso/ontology/0.1.0")]
    assert one(OWL.versionInfo)
    assert one(DCTERMS.title) and one(DCTERMS.description) and one(DCTERMS.creator)
    assert one(DCTERMS.license) == [URIRef("https://creativecommons.org/licenses/by/4.0/")]
    assert one(DCTERMS.created) and one(DCTERMS.modified) and one(DCTERMS.bibliographicCitation) and one(DCTERMS.source)
    assert one(URIRef(VANN + "preferredNamespacePrefix")) == [Literal("ceso")]
    assert one(URIRef(VANN + "preferredNamespaceUri")) == [Literal(CESO)]
    for date in one(DCTERMS.created) + one(DCTERMS.modified):
        assert date.datatype == XSD.dateTime
    # Dublin Core terms used as annotations are declared as such (OWL 2 DL)
    for term in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.creator, DCTERMS.created,
                 DCTERMS.modified, DCTERMS.bibliographicCitation, DCTERMS.source):
        assert (term, RDF.type, OWL.AnnotationProperty) in ontology


def test_dates_are_utc_date_times_only():
    import re

    text = (REPO / "ontology" / "ceso.ttl").read_text(encoding="utf-8")
    assert "xsd:date " not in text and "xsd:date;" not in text and "xsd:gYear" not in text
    for lexical in re.findall(r'"([^"]*)"\^\^xsd:dateTime', text):
        assert lexical.endswith("Z"), lexical


def test_every_class_and_property_is_labelled_and_defined(ontology):
    terms = _terms(ontology, (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty))
    assert len(terms) > 80
    for term in terms:
        labels = [l for l in ontology.objects(term, RDFS.label) if l.language == "en"]
        assert len(labels) == 1, f"{term} needs one English label"
        assert list(ontology.objects(term, SKOS.definition)), f"{term} has no skos:definition"


def test_no_two_terms_share_a_label(ontology):
    terms = _terms(ontology, (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty))
    labels = Counter(str(l).lower() for t in terms for l in ontology.objects(t, RDFS.label) if l.language == "en")
    assert [l for l, n in labels.items() if n > 1] == []


def test_reused_terms_exist_in_their_own_vocabularies(ontology):
    # rdflib ships the published term lists of these vocabularies; a term missing there would be one we minted.
    vocabularies = {str(ns): ns for ns in (ORG, TIME, PROV, SKOS, FOAF, DCTERMS)}
    declared = _terms(ontology, (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                                 TIME.TemporalUnit))
    foreign = [t for t in declared if not str(t).startswith(CESO)]
    assert len(foreign) > 30
    for term in foreign:
        for base, namespace in vocabularies.items():
            if str(term).startswith(base):
                assert term in namespace, f"{term} is not a term of {base}"
                break
        else:
            assert str(term).startswith(("http://www.w3.org/2000/01/rdf-schema#", "http://purl.org/vocab/vann/")), term


def test_no_imports_of_non_dl_vocabularies(ontology):
    assert list(ontology.objects(ONTOLOGY, OWL.imports)) == []


def test_membership_roles_are_fixed_iris_in_a_scheme(ontology):
    for role in ("FullMember", "Observer", "DialoguePartner", "Guest"):
        iri = URIRef(CESO + role)
        assert (iri, RDF.type, URIRef(CESO + "MembershipStatus")) in ontology
        assert (iri, SKOS.inScheme, URIRef(CESO + "MembershipStatusScheme")) in ontology
        assert (URIRef(CESO + "MembershipStatus"), RDFS.subClassOf, ORG.Role) in ontology


def test_threat_scheme_has_the_threats_with_definitions_and_hierarchy(ontology):
    threats = set(ontology.subjects(RDF.type, URIRef(CESO + "Threat")))
    wanted = ["Terrorism", "ReligiousExtremism", "Separatism", "DrugTrafficking", "ArmsTrafficking", "IllegalMigration",
              "IllegalArmedGroups", "TerroristRecruitment", "InterEthnicStrife", "InterReligiousStrife",
              "TerritorialDisputes", "UnconstitutionalChangeOfGovernment", "SocioPoliticalInstability",
              "ProximityToArmedConflict", "TransnationalOrganizedCrime", "HybridWar", "AsymmetricConflict"]
    for name in wanted:
        assert URIRef(CESO + name) in threats, name
    assert (URIRef(CESO + "ReligiousExtremism"), SKOS.broader, URIRef(CESO + "Extremism")) in ontology
    three = set(ontology.objects(URIRef(CESO + "ThreeEvils"), SKOS.member))
    assert three == {URIRef(CESO + n) for n in ("Terrorism", "Separatism", "Extremism")}


def test_org_member_and_organization_are_functional(ontology):
    for prop in (ORG.member, ORG.organization):
        assert (prop, RDF.type, OWL.FunctionalProperty) in ontology


def test_catalog_maps_the_ontology_iris_to_the_local_file():
    catalog = REPO / "ontology" / "catalog-v001.xml"
    root = ET.parse(catalog).getroot()
    entries = {e.get("name"): e.get("uri") for e in root if e.tag.endswith("uri")}
    assert entries["https://w3id.org/ceso/ontology"] == "ceso.ttl"
    assert entries["https://w3id.org/ceso/ontology/0.1.0"] == "ceso.ttl"
    assert (catalog.parent / "ceso.ttl").is_file()
    # The instance files import the ontology; their catalog points at the same file.
    beside = REPO / "instances" / "catalog-v001.xml"
    names = {u.get("name"): u.get("uri") for u in ET.parse(beside).getroot() if u.tag.endswith("uri")}
    assert names["https://w3id.org/ceso/ontology"] == "../ontology/ceso.ttl"


def test_instance_data_uses_only_declared_terms(ontology):
    # OOPS! P08/P22-style pitfall: a property or class used in the data but declared nowhere.
    data = Graph()
    for path in sorted((REPO / "instances").glob("*.ttl")):
        data.parse(path)
    declared = set(_terms(ontology, (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)))
    declared |= {RDF.type, OWL.sameAs, OWL.imports, OWL.Ontology}  # (owl:imports: each file's header, for Protégé)
    undeclared_properties = sorted({p for p in data.predicates() if p not in declared})
    assert undeclared_properties == []
    undeclared_classes = sorted({c for c in data.objects(None, RDF.type) if c not in declared})
    assert undeclared_classes == []
    ceso_individuals = {o for o in data.objects() if isinstance(o, URIRef) and str(o).startswith(CESO)}
    known = set(ontology.subjects())
    assert sorted(ceso_individuals - known) == []
