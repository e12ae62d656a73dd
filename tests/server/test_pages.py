"""Linked data: /id/… pages and RDF by content negotiation, the ontology IRI, the
read-only Graph Store Protocol, static files. Expected content is written by hand from the fixture."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
import rdflib

from support import make_client
from support import FIXTURE_BUILD as BUILD

ID = "https://w3id.org/ceso/id/"
G = "https://w3id.org/ceso/graph/"


@pytest.fixture
def server(client):
    return client


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")

    def handle_data(self, data):
        self.text.append(data)
        if self._href is not None:
            self.links.append((self._href, data))
            self._href = None


def page(server, path):
    reply = server.request("GET", path, headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert reply.status == 200, reply.text
    assert reply.headers["content-type"] == "text/html; charset=utf-8"
    parser = Links()
    parser.feed(reply.text)
    return reply, parser


def test_entity_page_for_people(server):
    reply, parsed = page(server, "/id/sco")
    text = " ".join(parsed.text)
    assert "<h1>Shanghai Cooperation Organisation</h1>" in reply.text
    assert "Шанхайская организация сотрудничества" in text
    # Types, with ontology terms linked to the local ontology page.
    assert ("/ontology#SecurityOrganization", "Security organization") in parsed.links
    # Related entities (members, through their memberships) link to their own pages, by label.
    assert ("/id/kazakhstan", "Kazakhstan") in parsed.links and ("/id/india", "India") in parsed.links
    # Dates and sources of the facts.
    assert "2017-06-09" in text and "2001-06-15" in text
    assert ("https://example.org/sources/sco-charter", "Charter of the SCO") in parsed.links
    assert ("https://example.org/sources/astana-declaration-2017", "https://example.org/sources/astana-declaration-2017") in parsed.links
    # Wikidata.
    assert ("https://www.wikidata.org/wiki/Q485207", "Q485207") in parsed.links


def test_entity_page_of_a_membership_shows_its_end_date(server):
    _, parsed = page(server, "/id/membership-uzbekistan-csto")
    text = " ".join(parsed.text)
    assert "2006-08-16" in text and "2012-12-19" in text
    assert ("/id/uzbekistan", "Uzbekistan") in parsed.links and ("/id/csto", "Collective Security Treaty Organization") in parsed.links


@pytest.mark.parametrize("accept, content_type, parse_as", [
    ("text/turtle", "text/turtle; charset=utf-8", "turtle"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/n-triples", "application/n-triples", "nt"),
])
def test_entity_rdf_for_tools(server, accept, content_type, parse_as):
    reply = server.request("GET", "/id/india", headers={"Accept": accept})
    assert reply.status == 200
    assert reply.headers["content-type"] == content_type
    assert "Accept" in reply.headers["vary"]
    graph = rdflib.Graph().parse(data=reply.body, format=parse_as)
    india = rdflib.URIRef(ID + "india")
    assert (india, rdflib.RDFS.label, rdflib.Literal("India", lang="en")) in graph
    assert (india, rdflib.OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q668")) in graph
    # The statement pointing at it (the membership) comes along.
    assert (rdflib.URIRef(ID + "membership-india-sco"), rdflib.URIRef("http://www.w3.org/ns/org#member"), india) in graph


def test_entity_format_parameter_and_errors(server):
    assert server.request("GET", "/id/india?format=turtle").headers["content-type"] == "text/turtle; charset=utf-8"
    missing = server.request("GET", "/id/atlantis", headers={"Accept": "text/turtle"})
    assert missing.status == 404 and "atlantis" in missing.text
    bad = server.request("GET", "/id/a%3Eb", headers={"Accept": "text/turtle"})
    assert bad.status == 400
    assert server.request("GET", "/id/india", headers={"Accept": "image/png"}).status == 406


def test_ontology_iri_serves_documentation_or_file(server):
    html = server.request("GET", "/ontology", headers={"Accept": "text/html"})
    assert html.status == 200 and 'id="fixture-marker"' in html.text
    ttl = server.request("GET", "/ontology", headers={"Accept": "text/turtle"})
    assert ttl.headers["content-type"] == "text/turtle; charset=utf-8"
    assert ttl.body == (BUILD / "ontology.ttl").read_bytes()
    # What Protégé sends when opening an ontology by URL.
    protege = server.request("GET", "/ontology", headers={
        "Accept": "application/rdf+xml, application/xml; q=0.7, text/xml; q=0.7, text/turtle; q=0.6, */*; q=0.1"})
    assert protege.headers["content-type"] == "application/rdf+xml"
    assert protege.body == (BUILD / "ontology.owl").read_bytes()
    jsonld = server.request("GET", "/ontology", headers={"Accept": "application/ld+json"})
    graph = rdflib.Graph().parse(data=jsonld.body, format="json-ld")
    assert (rdflib.URIRef("https://w3id.org/ceso/ontology"), rdflib.RDF.type, rdflib.OWL.Ontology) in graph
    assert server.request("GET", "/ontology.owl").body == (BUILD / "ontology.owl").read_bytes()


def test_graph_store_reads(server):
    shapes = server.request("GET", "/graph-store?graph=" + G + "shapes", headers={"Accept": "application/n-triples"})
    assert shapes.status == 200 and shapes.headers["content-type"] == "application/n-triples"
    assert sorted(shapes.text.splitlines()) == [
        "<https://w3id.org/ceso/shapes#MembershipShape> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/shacl#NodeShape> .",
        "<https://w3id.org/ceso/shapes#MembershipShape> <http://www.w3.org/ns/shacl#targetClass> <https://w3id.org/ceso/ontology#Membership> .",
    ]
    default = server.request("GET", "/graph-store?default", headers={"Accept": "text/turtle"})
    assert len(rdflib.Graph().parse(data=default.body, format="turtle")) == 62
    head = server.request("HEAD", "/graph-store?graph=" + G + "void", headers={"Accept": "text/turtle; charset=utf-8"})
    assert head.status == 200 and head.headers["content-type"] == "text/turtle; charset=utf-8" and head.body == b""
    assert server.request("GET", "/graph-store?graph=https://example.org/none").status == 404
    assert server.request("GET", "/graph-store").status == 400
    put = server.request("PUT", "/graph-store?graph=" + G + "void", "<a:b> <a:c> <a:d> .", {"Content-Type": "text/turtle"})
    assert put.status == 405 and "GET" in put.headers["allow"]


def test_void_and_static(server):
    void = server.request("GET", "/.well-known/void")
    assert void.status == 200 and void.body == (BUILD / "void.ttl").read_bytes()
    css = server.request("GET", "/static/ceso.css")
    assert css.status == 200 and css.headers["content-type"].startswith("text/css")
    assert server.request("GET", "/nowhere").status == 404


def test_ui_page_lists_the_catalogue(server):
    reply, parsed = page(server, "/")
    assert "Members of the SCO" in parsed.text and "Security organizations" in parsed.text
    catalogue = reply.text.split('<script id="catalogue" type="application/json">')[1].split("</script>")[0]
    examples = json.loads(catalogue)
    assert [e["name"] for e in examples] == ["members-of-sco", "organizations"]
    assert examples[0]["question"].startswith("Which states are members")
    yasgui = server.request("GET", "/static/vendor/yasgui/yasgui.min.js")
    assert yasgui.status == 200 and len(yasgui.body) > 100_000


def test_shipped_entity_page_shows_each_fact_once_despite_sameas_copies(build_dir):
    # Reasoning copies Kazakhstan's and Astana's facts onto wd:Q232 and wd:Q1520; the page must not show
    # those copies as facts of their own, nor Astana's item as a link of Kazakhstan.
    reply, parsed = page(make_client(build_dir), "/id/kazakhstan")
    wikidata = [href for href, _ in parsed.links if href.startswith("https://www.wikidata.org/wiki/")]
    assert wikidata == ["https://www.wikidata.org/wiki/Q232"]
    # Astana twice: Kazakhstan contains it (a fact), and it is located in Kazakhstan (a reference back);
    # its copy under wd:Q1520 would have made it four.
    assert [text for href, text in parsed.links if href == "/id/astana"] == ["Astana", "Astana"]
    assert not [href for href, _ in parsed.links if "wikidata.org" in href and href != wikidata[0]]


def test_the_release_artefact_is_served_for_protege(build_dir):
    client = make_client(build_dir)
    owl = client.request("GET", "/ceso-complete.owl")
    assert owl.status == 200 and owl.headers["content-type"] == "application/rdf+xml"
    assert owl.body == (build_dir / "ceso-complete.owl").read_bytes()
    ttl = client.request("GET", "/ceso-complete.ttl")
    assert ttl.status == 200 and ttl.headers["content-type"] == "text/turtle; charset=utf-8"
    graph = rdflib.Graph().parse(data=ttl.body, format="turtle")
    kazakhstan = rdflib.URIRef(ID + "kazakhstan")
    assert (kazakhstan, rdflib.RDF.type, rdflib.URIRef("https://w3id.org/ceso/ontology#State")) in graph
    assert len(graph) > 10_000
    # The fixture build has none: a clear 404, not a 500.
    assert make_client().request("GET", "/ceso-complete.owl").status == 404
