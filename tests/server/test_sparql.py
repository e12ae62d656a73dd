"""The endpoint answering SPARQL over the fixture build: dataset, dates, content negotiation, service
description, a real client (SPARQLWrapper on a real socket), CORS and operations routes. Expected answers
are written by hand from tests/server/fixtures/dataset.trig."""

from __future__ import annotations

import csv
import io
import json
import warnings
import xml.dom.minidom

import pytest
import rdflib
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDF, RDFXML, TSV, TURTLE, URLENCODED, XML
from SPARQLWrapper import SPARQLWrapper


ID = "https://w3id.org/ceso/id/"
G = "https://w3id.org/ceso/graph/"
PREFIXES = """PREFIX ceso: <https://w3id.org/ceso/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
STATES = f"{PREFIXES}SELECT ?state WHERE {{ ?state a ceso:State }} ORDER BY ?state"
ORG_LABELS = f"{PREFIXES}CONSTRUCT {{ ?o rdfs:label ?l }} WHERE {{ ?o a ceso:SecurityOrganization ; rdfs:label ?l }}"
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")


@pytest.fixture
def server(client):
    return client


def values(reply, var):
    return [b[var]["value"] for b in reply.json()["results"]["bindings"]]


# ---- the dataset ----------------------------------------------------------------------------------------

def test_the_states(server):
    assert values(server.query(STATES), "state") == [ID + "india", ID + "kazakhstan", ID + "uzbekistan"]


def test_default_graph_is_ontology_instances_and_inferred_only(server):
    assert values(server.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"), "n") == ["62"]
    shapes = "ASK { ?s a <http://www.w3.org/ns/shacl#NodeShape> }"
    assert server.query(shapes).json()["boolean"] is False
    assert server.query(f"ASK {{ GRAPH <{G}shapes> {{ ?s a <http://www.w3.org/ns/shacl#NodeShape> }} }}").json()["boolean"] is True
    # A fact only the inferred graph holds is in the default graph.
    orgs = server.query(f"{PREFIXES}SELECT ?o WHERE {{ ?o a org:FormalOrganization }} ORDER BY ?o")
    assert values(orgs, "o") == [ID + "csto", ID + "sco"]


def test_named_graphs_with_graph(server):
    reply = server.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    rows = [(b["g"]["value"], b["n"]["value"]) for b in reply.json()["results"]["bindings"]]
    assert rows == [(G + "inferred", "7"), (G + "instances", "36"), (G + "ontology", "19"), (G + "shapes", "2"), (G + "void", "2")]


def test_from_and_from_named(server):
    assert values(server.query(f"SELECT (COUNT(*) AS ?n) FROM <{G}shapes> WHERE {{ ?s ?p ?o }}"), "n") == ["2"]
    reply = server.query(f"SELECT DISTINCT ?g FROM NAMED <{G}void> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert values(reply, "g") == [G + "void"]
    # FROM NAMED alone leaves the default graph empty (SPARQL 1.1 §13.2).
    assert values(server.query(f"SELECT (COUNT(*) AS ?n) FROM NAMED <{G}void> WHERE {{ ?s ?p ?o }}"), "n") == ["0"]


def test_protocol_dataset_wins_over_from(server):
    reply = server.query(f"SELECT (COUNT(*) AS ?n) FROM <{G}shapes> WHERE {{ ?s ?p ?o }}",
                         **{"default-graph-uri": G + "instances"})
    assert values(reply, "n") == ["36"]
    reply = server.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", **{"default-graph-uri": [G + "ontology", G + "void"]})
    assert values(reply, "n") == ["21"]


def test_dates_compare_by_value(server):
    after_2010 = f"""{PREFIXES}SELECT ?m WHERE {{ ?m ceso:startDate ?d FILTER(?d >= "2010-01-01"^^xsd:date) }}"""
    assert values(server.query(after_2010), "m") == [ID + "membership-india-sco"]
    between = f"""{PREFIXES}SELECT ?m WHERE {{ ?m ceso:startDate ?d FILTER(?d > "2001-06-15"^^xsd:date && ?d < "2017-01-01"^^xsd:date) }}"""
    assert values(server.query(between), "m") == [ID + "membership-uzbekistan-csto"]
    # xsd:dateTimeStamp is a dateTime: YEAR() works on it (rdflib gives nothing here).
    years = server.query(f"{PREFIXES}SELECT ?o (YEAR(?d) AS ?y) WHERE {{ ?o ceso:founded ?d }} ORDER BY ?o")
    assert [(b["o"]["value"], b["y"]["value"]) for b in years.json()["results"]["bindings"]] == [
        (ID + "csto", "2002"), (ID + "sco", "2001")]


def test_json_results_carry_language_and_datatype(server):
    reply = server.query(f"SELECT ?l ?d WHERE {{ <{ID}sco> <http://www.w3.org/2000/01/rdf-schema#label> ?l ; "
                         f"<https://w3id.org/ceso/ontology#founded> ?d }} ORDER BY ?l")
    bindings = reply.json()["results"]["bindings"]
    assert bindings[0]["l"] == {"type": "literal", "value": "Shanghai Cooperation Organisation", "xml:lang": "en"}
    assert bindings[1]["l"] == {"type": "literal", "value": "Шанхайская организация сотрудничества", "xml:lang": "ru"}
    assert bindings[0]["d"] == {"type": "literal", "value": "2001-06-15", "datatype": "http://www.w3.org/2001/XMLSchema#date"}


# ---- content negotiation ------------------------------------------------------------------------------------

@pytest.mark.parametrize("accept, content_type", [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv; charset=utf-8"),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    ("text/csv;q=0.5, application/sparql-results+xml;q=0.8", "application/sparql-results+xml"),
    ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
    ("text/*", "text/csv; charset=utf-8"),
    ("text/html, application/sparql-results+json;q=0.9", "application/sparql-results+json"),
])
def test_select_conneg(server, accept, content_type):
    reply = server.query(STATES, accept)
    assert reply.status == 200
    assert reply.headers["content-type"] == content_type


def test_select_bodies_in_each_format(server):
    xml_reply = server.query(STATES, "application/sparql-results+xml")
    doc = xml.dom.minidom.parseString(xml_reply.body)
    assert [u.firstChild.data for u in doc.getElementsByTagName("uri")] == [ID + "india", ID + "kazakhstan", ID + "uzbekistan"]
    csv_reply = server.query(STATES, "text/csv")
    assert list(csv.reader(io.StringIO(csv_reply.text))) == [["state"], [ID + "india"], [ID + "kazakhstan"], [ID + "uzbekistan"]]
    assert csv_reply.body.count(b"\r\n") == 4
    tsv_reply = server.query(STATES, "text/tab-separated-values")
    assert tsv_reply.text == f"?state\n<{ID}india>\n<{ID}kazakhstan>\n<{ID}uzbekistan>\n"


def test_not_acceptable_only_when_nothing_matches(server):
    assert server.query(STATES, "image/png").status == 406
    assert server.query(STATES, "text/turtle").status == 406  # a graph format for a table
    assert server.query(ORG_LABELS, "text/csv").status == 406  # a table format for a graph
    assert server.query(STATES, "text/turtle, text/csv;q=0.1").status == 200


EXPECTED_LABELS = {
    (rdflib.URIRef(ID + "sco"), rdflib.RDFS.label, rdflib.Literal("Shanghai Cooperation Organisation", lang="en")),
    (rdflib.URIRef(ID + "sco"), rdflib.RDFS.label, rdflib.Literal("Шанхайская организация сотрудничества", lang="ru")),
    (rdflib.URIRef(ID + "csto"), rdflib.RDFS.label, rdflib.Literal("Collective Security Treaty Organization", lang="en")),
}


@pytest.mark.parametrize("accept, content_type, parse_as", [
    (None, "text/turtle; charset=utf-8", "turtle"),
    ("*/*", "text/turtle; charset=utf-8", "turtle"),
    ("text/turtle", "text/turtle; charset=utf-8", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/n-quads", "application/n-quads", "nquads"),
    ("application/trig", "application/trig", "trig"),
    ("text/n3", "text/n3; charset=utf-8", "n3"),
    ("application/rdf+xml;q=0.2, application/ld+json;q=0.9", "application/ld+json", "json-ld"),
])
def test_construct_conneg(server, accept, content_type, parse_as):
    reply = server.query(ORG_LABELS, accept)
    assert reply.status == 200
    assert reply.headers["content-type"] == content_type
    graph = rdflib.Dataset() if parse_as in ("nquads", "trig") else rdflib.Graph()
    graph.parse(data=reply.body, format=parse_as)
    got = {(s, p, o) for s, p, o, *_ in (graph.quads() if isinstance(graph, rdflib.Dataset) else graph)}
    assert got == EXPECTED_LABELS


def test_describe(server):
    reply = server.query(f"DESCRIBE <{ID}india>", "application/n-triples")
    assert f'<{ID}india> <http://www.w3.org/2000/01/rdf-schema#label> "India"@en .' in reply.text


def test_ask_in_each_format(server):
    assert server.query("ASK { ?s ?p ?o }", "application/sparql-results+xml").text.count("<boolean>true</boolean>") == 1
    assert server.query("ASK { <urn:x:none> ?p ?o }").json() == {"head": {}, "boolean": False}
    assert server.query("ASK { ?s ?p ?o }", "text/csv").text == "_askResult\r\ntrue\r\n"


# ---- service description ------------------------------------------------------------------------------------

def service_description(server, accept="text/turtle", parse_as="turtle"):
    reply = server.request("GET", "/sparql", headers={"Accept": accept})
    assert reply.status == 200, reply.text
    graph = rdflib.Graph().parse(data=reply.body, format=parse_as)
    return reply, graph


def test_sd_returns_rdf_with_endpoint_triple(server):
    reply, graph = service_description(server)
    assert reply.headers["content-type"] == "text/turtle; charset=utf-8"
    services = list(graph.subjects(rdflib.RDF.type, SD.Service))
    assert len(services) == 1
    assert (services[0], SD.endpoint, rdflib.URIRef(server.base + "/sparql")) in graph
    _, xml_graph = service_description(server, "application/rdf+xml", "xml")
    assert len(xml_graph) == len(graph)


def test_sd_conforms_to_schema(server):
    _, graph = service_description(server)
    service = next(graph.subjects(rdflib.RDF.type, SD.Service))
    formats = set(graph.objects(service, SD.resultFormat))
    fmt = rdflib.Namespace("http://www.w3.org/ns/formats/")
    assert {fmt.SPARQL_Results_JSON, fmt.SPARQL_Results_XML, fmt.SPARQL_Results_CSV, fmt.SPARQL_Results_TSV, fmt.Turtle} <= formats
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    assert (service, SD.defaultEntailmentRegime, rdflib.URIRef("http://www.w3.org/ns/entailment/OWL-RDF-Based")) in graph
    assert (service, SD.defaultSupportedEntailmentProfile, rdflib.URIRef("http://www.w3.org/ns/owl-profile/RL")) in graph
    dataset = graph.value(service, SD.defaultDataset)
    assert (dataset, rdflib.RDF.type, SD.Dataset) in graph
    default = graph.value(dataset, SD.defaultGraph)
    assert (default, rdflib.RDF.type, SD.Graph) in graph
    names = set()
    for named in graph.objects(dataset, SD.namedGraph):
        assert (named, rdflib.RDF.type, SD.NamedGraph) in graph
        names.add(str(graph.value(named, SD.name)))
        assert (graph.value(named, SD.graph), rdflib.RDF.type, SD.Graph) in graph
    assert names == {G + n for n in ("ontology", "instances", "inferred", "shapes", "void")}


def test_sd_html_goes_to_the_ui(server):
    reply = server.request("GET", "/sparql", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert reply.status == 303 and reply.headers["location"] == "/"
    assert server.request("GET", "/sparql", headers={"Accept": "image/png"}).status == 406


# ---- real clients -------------------------------------------------------------------------------------------

def wrapper(server, query, fmt, method, request_method=URLENCODED):
    sw = SPARQLWrapper(server.base + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    sw.setRequestMethod(request_method)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # SPARQLWrapper warns when the Content-Type does not fit the format,
        # and for its own choice of `Accept: */*` for formats it has no media type for (RDF, JSON on CONSTRUCT).
        warnings.filterwarnings("ignore", message="Sending Accept header", category=RuntimeWarning)
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        result = sw.query()
        result.convert = _strict(result.convert)
        return result


def _strict(convert):
    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            warnings.filterwarnings("ignore", category=DeprecationWarning)
            return convert()
    return run


METHODS = [(GET, URLENCODED), (POST, URLENCODED), (POST, POSTDIRECTLY)]
EXPECTED_STATES = [ID + "india", ID + "kazakhstan", ID + "uzbekistan"]


@pytest.mark.parametrize("method, request_method", METHODS, ids=["get", "post-form", "post-direct"])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select(live, fmt, method, request_method):
    converted = wrapper(live, STATES, fmt, method, request_method).convert()
    if fmt == JSON:
        got = [b["state"]["value"] for b in converted["results"]["bindings"]]
    elif fmt == XML:
        got = [u.firstChild.data for u in converted.getElementsByTagName("uri")]
    elif fmt == CSV:
        got = [row[0] for row in csv.reader(io.StringIO(converted.decode()))][1:]
    else:
        got = [line.strip("<>") for line in converted.decode().splitlines()[1:]]
    assert got == EXPECTED_STATES


@pytest.mark.parametrize("method, request_method", METHODS, ids=["get", "post-form", "post-direct"])
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_ask(live, fmt, method, request_method):
    converted = wrapper(live, f"ASK {{ <{ID}india> ?p ?o }}", fmt, method, request_method).convert()
    if fmt == JSON:
        assert converted["boolean"] is True
    elif fmt == XML:
        assert converted.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert converted.decode().splitlines()[1] == "true"


@pytest.mark.parametrize("method, request_method", METHODS, ids=["get", "post-form", "post-direct"])
@pytest.mark.parametrize("fmt", [TURTLE, N3, XML, RDFXML, RDF, JSONLD, JSON])
def test_sparqlwrapper_construct(live, fmt, method, request_method):
    result = wrapper(live, ORG_LABELS, fmt, method, request_method)
    converted = result.convert()
    if isinstance(converted, rdflib.Graph):
        graph = converted
    elif isinstance(converted, (bytes, str)):
        media = result.info()["content-type"].split(";")[0]
        parse_as = {"text/turtle": "turtle", "text/n3": "n3", "application/ld+json": "json-ld"}[media]
        graph = rdflib.Graph().parse(data=converted, format=parse_as)
    else:  # SPARQLWrapper hands JSON-LD over JSON as parsed JSON
        graph = rdflib.Graph().parse(data=json.dumps(converted), format="json-ld")
    assert set(graph) == EXPECTED_LABELS


def test_sparqlwrapper_tolerated_format_parameters(server):
    reply = server.query(STATES, None, format="json", output="json", results="json")
    assert reply.headers["content-type"] == "application/sparql-results+json"
    reply = server.query(STATES, "application/sparql-results+json", format="text/tab-separated-values")
    assert reply.headers["content-type"].startswith("text/tab-separated-values")
    # A value that names no format for this result is ignored; the Accept header decides.
    reply = server.query(STATES, "text/csv", format="turtle")
    assert reply.headers["content-type"] == "text/csv; charset=utf-8"


# ---- CORS, health, metrics ------------------------------------------------------------------------

def test_cors_open_for_reads(server):
    reply = server.request("GET", "/sparql?query=ASK%7B%7D", headers={"Origin": "https://example.org"})
    assert reply.headers["access-control-allow-origin"] == "*"
    pre = server.request("OPTIONS", "/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST",
                                                        "Access-Control-Request-Headers": "content-type"})
    assert pre.status == 204
    assert "POST" in pre.headers["access-control-allow-methods"]
    assert "content-type" in pre.headers["access-control-allow-headers"].lower()
    assert "authorization" not in pre.headers["access-control-allow-headers"].lower()


def test_health_and_metrics(server):
    health = server.request("GET", "/health").json()
    assert health["status"] == "ok"
    assert sum(health["triples_per_graph"].values()) == 66 and health["default_graph_triples"] == 62
    server.query("ASK {}")
    metrics = server.request("GET", "/metrics")
    assert metrics.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert "ceso_queries_total{" in metrics.text
    assert 'endpoint="/sparql",status="200"' in metrics.text
