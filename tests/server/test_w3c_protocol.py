"""The W3C SPARQL 1.1 Protocol test cases (protocol manifest), each sent as its HTTP request to the
application (Flask's test client).

The cases are re-written here from the manifest's requests and expected outcomes; the kasei.us graphs the
manifest loads beforehand (ut:graphData) are inserted with SPARQL Update, so this server runs with
update enabled.
"""

from __future__ import annotations

import json
import re
import urllib.parse

import pytest

from support import QUERY_FORM_TYPES, QUERY_FORMS, W3C_DATA, make_client

TOKEN = "w3c-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
D = W3C_DATA
E = urllib.parse.quote  # the manifest's percent-encoding


@pytest.fixture(scope="module")
def server():
    return make_client(update_token=TOKEN)


@pytest.fixture
def kasei(server):
    """The manifest's graphData: data1..data3, each a graph holding `<dataN.rdf> a foaf:Document`."""
    update = "DROP ALL ; INSERT DATA { " + " ".join(
        f"GRAPH <{D}data{n}.rdf> {{ <{D}data{n}.rdf> a <http://xmlns.com/foaf/0.1/Document> }}" for n in (1, 2, 3)) + " }"
    reply = server.request("POST", "/sparql", update, {"Content-Type": "application/sparql-update", **AUTH})
    assert reply.status == 204, reply.text
    return server


def boolean(reply) -> bool:
    media = reply.headers["content-type"].split(";")[0]
    if media == "application/sparql-results+json":
        return reply.json()["boolean"]
    assert media == "application/sparql-results+xml", media
    assert "<boolean>" in reply.text
    return "<boolean>true</boolean>" in reply.text


def ok(reply) -> None:
    assert 200 <= reply.status < 400, (reply.status, reply.text)


# ---- query cases --------------------------------------------------------------------------------------

def test_query_post_form(server):
    reply = server.request("POST", f"/sparql/?default-graph-uri={E(D + 'data0.rdf', safe='')}", "query=ASK%20%7B%7D",
                           {"Content-Type": "application/x-www-form-urlencoded"})
    ok(reply)
    assert boolean(reply) is True


def test_query_dataset_default_graphs_get(kasei):
    q = f"ASK {{ <{D}data1.rdf> a ?type . <{D}data2.rdf> a ?type . }}"
    reply = kasei.request("GET", f"/sparql/?query={E(q, safe='')}&default-graph-uri={E(D + 'data1.rdf', safe='')}"
                                 f"&default-graph-uri={E(D + 'data2.rdf', safe='')}")
    ok(reply)
    assert boolean(reply) is True


def test_query_dataset_default_graphs_post(kasei):
    q = f"ASK {{ <{D}data1.rdf> a ?type . <{D}data2.rdf> a ?type . }}"
    reply = kasei.request("POST", f"/sparql/?default-graph-uri={E(D + 'data1.rdf', safe='')}&default-graph-uri={E(D + 'data2.rdf', safe='')}",
                          q, {"Content-Type": "application/sparql-query"})
    ok(reply)
    assert boolean(reply) is True


def test_query_dataset_named_graphs_post(kasei):
    q = f"ASK {{ GRAPH ?g1 {{ <{D}data1.rdf> a ?type }} GRAPH ?g2 {{ <{D}data2.rdf> a ?type }} }}"
    reply = kasei.request("POST", f"/sparql/?named-graph-uri={E(D + 'data1.rdf', safe='')}&named-graph-uri={E(D + 'data2.rdf', safe='')}",
                          q, {"Content-Type": "application/sparql-query"})
    ok(reply)
    assert boolean(reply) is True


def test_query_dataset_named_graphs_get(kasei):
    q = f"ASK {{ GRAPH ?g1 {{ <{D}data1.rdf> a ?type }} GRAPH ?g2 {{ <{D}data2.rdf> a ?type }} }}"
    reply = kasei.request("GET", f"/sparql/?query={E(q, safe='')}&named-graph-uri={E(D + 'data1.rdf', safe='')}"
                                 f"&named-graph-uri={E(D + 'data2.rdf', safe='')}")
    ok(reply)
    assert boolean(reply) is True


def test_query_dataset_full(kasei):
    q = (f"ASK {{\n  <{D}data3.rdf> a ?type\n  GRAPH ?g1 {{ <{D}data1.rdf> a ?type }}\n"
         f"  GRAPH ?g2 {{ <{D}data2.rdf> a ?type }}\n}}")
    reply = kasei.request("POST", f"/sparql/?default-graph-uri={E(D + 'data3.rdf', safe='')}&named-graph-uri="
                                  f"{E(D + 'data1.rdf', safe='')}&named-graph-uri={E(D + 'data2.rdf', safe='')}",
                          q, {"Content-Type": "application/sparql-query"})
    ok(reply)
    assert boolean(reply) is True


def test_query_multiple_dataset_protocol_wins_over_from(kasei):
    q = (f"ASK FROM <{D}data3.rdf> {{ GRAPH ?g1 {{ <{D}data1.rdf> a ?type }} GRAPH ?g2 {{ <{D}data2.rdf> a ?type }} }}")
    reply = kasei.request("POST", f"/sparql/?named-graph-uri={E(D + 'data1.rdf', safe='')}&named-graph-uri={E(D + 'data2.rdf', safe='')}",
                          q, {"Content-Type": "application/sparql-query"})
    ok(reply)
    assert boolean(reply) is True
    # And the converse, so the test can fail: with the protocol naming only data3, FROM NAMED is ignored.
    q2 = f"ASK FROM NAMED <{D}data1.rdf> {{ GRAPH ?g {{ <{D}data1.rdf> a ?type }} }}"
    reply = kasei.request("POST", f"/sparql/?named-graph-uri={E(D + 'data3.rdf', safe='')}", q2,
                          {"Content-Type": "application/sparql-query"})
    assert boolean(reply) is False


def test_query_get(server):
    reply = server.request("GET", f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={E(D + 'data0.rdf', safe='')}")
    ok(reply)
    assert boolean(reply) is True


@pytest.mark.parametrize("query, expected", QUERY_FORM_TYPES, ids=QUERY_FORMS)
def test_query_content_type(server, query, expected):
    reply = server.request("POST", f"/sparql/?default-graph-uri={E(D + 'data0.rdf', safe='')}", query,
                           {"Content-Type": "application/sparql-query"})
    ok(reply)
    assert reply.headers["content-type"].split(";")[0] in expected


def test_query_post_direct(server):
    reply = server.request("POST", "/sparql/", "ASK {}", {"Content-Type": "application/sparql-query"})
    ok(reply)
    assert boolean(reply) is True


# ---- update cases -------------------------------------------------------------------------------------

def ask(server, query: str) -> bool:
    reply = server.request("POST", "/sparql/", query, {"Content-Type": "application/sparql-query"})
    ok(reply)
    return boolean(reply)


def update(server, path: str, text: str, content_type: str = "application/sparql-update"):
    return server.request("POST", path, text, {"Content-Type": content_type, **AUTH})


def test_update_dataset_default_graph(server):
    reply = update(server, f"/sparql/?using-graph-uri={E(D + 'data1.rdf', safe='')}", f"""PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
CLEAR ALL ;
INSERT DATA {{ GRAPH <{D}data1.rdf> {{ <{D}data1.rdf> a foaf:Document }} }} ;
INSERT {{ GRAPH <http://example.org/protocol-update-dataset-test/> {{ ?s a dc:BibliographicResource }} }}
WHERE {{ ?s a foaf:Document }}""")
    ok(reply)
    assert ask(server, f"""ASK {{ GRAPH <http://example.org/protocol-update-dataset-test/> {{
        <{D}data1.rdf> a <http://purl.org/dc/terms/BibliographicResource> }} }}""") is True


DROP_AND_LOAD = "DROP ALL ;\nINSERT DATA {\n" + "\n".join(
    f"GRAPH <{D}data{n}.rdf> {{ <{D}data{n}.rdf> a foaf:Document }}" for n in (1, 2, 3)) + "\n} ;\n"


def assert_only_first_two_marked(server, g: str) -> None:
    """The expected outcome of the two update-dataset cases: data1 and data2 marked in g, data3 not."""
    assert ask(server, f"""ASK {{ GRAPH <{g}> {{
        <{D}data1.rdf> a <http://purl.org/dc/terms/BibliographicResource> .
        <{D}data2.rdf> a <http://purl.org/dc/terms/BibliographicResource> . }}
      FILTER NOT EXISTS {{ GRAPH <{g}> {{ <{D}data3.rdf> a <http://purl.org/dc/terms/BibliographicResource> }} }} }}""") is True


def test_update_dataset_default_graphs(server):
    g = "http://example.org/protocol-update-dataset-graphs-test/"
    reply = update(server, f"/sparql/?using-graph-uri={E(D + 'data1.rdf', safe='')}&using-graph-uri={E(D + 'data2.rdf', safe='')}",
                   "PREFIX dc: <http://purl.org/dc/terms/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n" + DROP_AND_LOAD
                   + f"INSERT {{ GRAPH <{g}> {{ ?s a dc:BibliographicResource }} }} WHERE {{ ?s a foaf:Document }}")
    ok(reply)
    assert_only_first_two_marked(server, g)


def test_update_dataset_named_graphs(server):
    g = "http://example.org/protocol-update-dataset-named-graphs-test/"
    reply = update(server, f"/sparql/?using-named-graph-uri={E(D + 'data1.rdf', safe='')}&using-named-graph-uri={E(D + 'data2.rdf', safe='')}",
                   "PREFIX dc: <http://purl.org/dc/terms/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n" + DROP_AND_LOAD
                   + f"INSERT {{ GRAPH <{g}> {{ ?s a dc:BibliographicResource }} }} WHERE {{ GRAPH ?g {{ ?s a foaf:Document }} }}")
    ok(reply)
    assert_only_first_two_marked(server, g)


def test_update_dataset_full(server):
    g = "http://example.org/protocol-update-dataset-full-test/"
    reply = update(server, f"/sparql/?using-graph-uri={E(D + 'data1.rdf', safe='')}&using-named-graph-uri={E(D + 'data2.rdf', safe='')}",
                   "PREFIX dc: <http://purl.org/dc/terms/>\nPREFIX foaf: <http://xmlns.com/foaf/0.1/>\n" + DROP_AND_LOAD
                   + f"""INSERT {{ GRAPH <{g}> {{ ?s <http://example.org/in> ?in }} }}
WHERE {{ {{ GRAPH ?g {{ ?s a foaf:Document }} BIND(?g AS ?in) }} UNION {{ ?s a foaf:Document . BIND("default" AS ?in) }} }}""")
    ok(reply)
    assert ask(server, f"""ASK {{ GRAPH <{g}> {{
        <{D}data1.rdf> <http://example.org/in> "default" .
        <{D}data2.rdf> <http://example.org/in> <{D}data2.rdf> . }}
      FILTER NOT EXISTS {{ GRAPH <{g}> {{ <{D}data3.rdf> ?p ?o }} }} }}""") is True


def test_update_post_form(server):
    ok(update(server, "/sparql/", "update=CLEAR+ALL", "application/x-www-form-urlencoded"))


def test_update_post_direct(server):
    ok(update(server, "/sparql/", "CLEAR ALL"))


def test_update_base_uri(server):
    reply = update(server, "/sparql/", """CLEAR SILENT GRAPH <http://example.org/protocol-base-test/> ;
INSERT DATA { GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> <test> } }""")
    ok(reply)
    assert ask(server, """ASK { GRAPH <http://example.org/protocol-base-test/> {
        <http://example.org/s> <http://example.org/p> ?o FILTER (isIRI(?o) && STR(?o) != "test") } }""") is True
    # The service's base is the endpoint itself.
    assert ask(server, f"""ASK {{ GRAPH <http://example.org/protocol-base-test/> {{
        <http://example.org/s> <http://example.org/p> <{server.base}/test> }} }}""") is True


# ---- bad requests -------------------------------------------------------------------------------------

@pytest.mark.parametrize("method, path, body, headers", [
    ("PUT", f"/sparql/?query=ASK%20%7B%7D&default-graph-uri={E(D + 'data0.rdf', safe='')}", None,
     {"Content-Type": "application/x-www-form-urlencoded"}),  # bad_query_method
    ("GET", "/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", None, {}),  # bad_multiple_queries
    ("POST", "/sparql/", "ASK {}", {"Content-Type": "text/plain"}),  # bad_query_wrong_media_type
    ("POST", "/sparql/", "query=ASK%20%7B%7D", {}),  # bad_query_missing_form_type
    ("POST", "/sparql/", "ASK {}", {}),  # bad_query_missing_direct_type
    ("POST", "/sparql/", "ASK {}".encode("utf-16"), {"Content-Type": "application/sparql-query; charset=UTF-16"}),  # bad_query_non_utf8
    ("GET", "/sparql/?query=ASK%20%7B", None, {}),  # bad_query_syntax
    ("GET", "/sparql/?update=CLEAR%20ALL", None, {}),  # bad_update_get
    ("POST", "/sparql/", "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", {"Content-Type": "application/x-www-form-urlencoded", **AUTH}),  # bad_multiple_updates
    ("POST", "/sparql/", "CLEAR NAMED", {"Content-Type": "text/plain", **AUTH}),  # bad_update_wrong_media_type
    ("POST", "/sparql/", "update=CLEAR%20NAMED", {**AUTH}),  # bad_update_missing_form_type
    ("POST", "/sparql/", "CLEAR NAMED".encode("utf-16"), {"Content-Type": "application/sparql-update; charset=UTF-16", **AUTH}),  # bad_update_non_utf8
    ("POST", "/sparql/", "update=CLEAR%20XYZ", {"Content-Type": "application/x-www-form-urlencoded", **AUTH}),  # bad_update_syntax
    ("POST", f"/sparql/?using-named-graph-uri={E('http://example/people', safe='')}",
     "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\nDELETE { ?person foaf:givenName 'Bill' }\n"
     "INSERT { ?person foaf:givenName 'William' }\nWHERE { ?person foaf:givenName 'Bill' }",
     {"Content-Type": "application/sparql-update", **AUTH}),  # bad_update_dataset_conflict
], ids=["bad_query_method", "bad_multiple_queries", "bad_query_wrong_media_type", "bad_query_missing_form_type",
        "bad_query_missing_direct_type", "bad_query_non_utf8", "bad_query_syntax", "bad_update_get",
        "bad_multiple_updates", "bad_update_wrong_media_type", "bad_update_missing_form_type", "bad_update_non_utf8",
        "bad_update_syntax", "bad_update_dataset_conflict"])
def test_bad_requests_are_4xx(server, method, path, body, headers):
    reply = server.request(method, path, body, headers)
    assert 400 <= reply.status < 500, (reply.status, reply.text)
    assert reply.headers["content-type"] == "text/plain; charset=utf-8"
    assert "Traceback" not in reply.text


def test_bad_statuses_are_the_specific_ones(server):
    assert server.request("PUT", "/sparql?query=ASK%7B%7D").status == 405
    assert server.request("PUT", "/sparql?query=ASK%7B%7D").headers["allow"].startswith("GET, POST")
    assert server.request("GET", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D").status == 400
    assert server.request("POST", "/sparql", "ASK {}", {"Content-Type": "text/plain"}).status == 415
    assert server.request("POST", "/sparql", "ASK {}").status == 400
    assert server.request("POST", "/sparql", b"ASK { \xff }", {"Content-Type": "application/sparql-query"}).status == 400
    assert server.request("POST", "/sparql", "query=ASK%20%7B%FF%7D", {"Content-Type": "application/x-www-form-urlencoded"}).status == 400


def test_syntax_error_reports_line_and_column(server):
    reply = server.query("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?o > ) }")
    assert reply.status == 400
    # The parser's own message, with line and column (Oxigraph points past the furthest token it tried).
    assert re.search(r"error at 3:\d+: expected one of", reply.text), reply.text


def test_form_post_with_charset_parameter(server):
    reply = server.request("POST", "/sparql", "query=ASK%20%7B%7D",
                           {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
    assert reply.status == 200 and boolean(reply) is True


def test_update_needs_the_bearer_token(server):
    assert update(server, "/sparql", "CLEAR ALL").status == 204
    no_token = server.request("POST", "/sparql", "CLEAR ALL", {"Content-Type": "application/sparql-update"})
    assert no_token.status == 401 and no_token.headers["www-authenticate"].startswith("Bearer")
    wrong = server.request("POST", "/sparql", "CLEAR ALL", {"Content-Type": "application/sparql-update",
                                                            "Authorization": "Bearer nope"})
    assert wrong.status == 401


def test_update_is_reflected_in_the_default_graph(server):
    """The default graph stays ontology ∪ instances ∪ inferred after an update into one of them."""
    reply = update(server, "/sparql", "INSERT DATA { GRAPH <https://w3id.org/ceso/graph/instances> "
                                      "{ <https://w3id.org/ceso/id/tajikistan> a <https://w3id.org/ceso/ontology#State> } }")
    assert reply.status == 204
    assert ask(server, "ASK { <https://w3id.org/ceso/id/tajikistan> a <https://w3id.org/ceso/ontology#State> }") is True
    assert update(server, "/sparql", "DELETE DATA { GRAPH <https://w3id.org/ceso/graph/instances> "
                  "{ <https://w3id.org/ceso/id/tajikistan> a <https://w3id.org/ceso/ontology#State> } }").status == 204
    assert ask(server, "ASK { <https://w3id.org/ceso/id/tajikistan> ?p ?o }") is False


def test_update_off_by_default(client):
    reply = client.request("POST", "/sparql", "CLEAR ALL", {"Content-Type": "application/sparql-update", **AUTH})
    assert reply.status == 403
    assert "off" in reply.text
    assert json.loads(client.query("ASK { ?s ?p ?o }").body)["boolean"] is True
