"""The W3C SPARQL 1.1 Protocol cases that apply to a read-only endpoint, through the endpoint in front of
each engine, and the endpoint's own rules in front of it (allow-lists, caps, no updates, failures as
502/504, credentials kept out of messages)."""

from __future__ import annotations

import threading
import urllib.parse

import pytest

from support import QUERY_FORM_TYPES, QUERY_FORMS, W3C_DATA, Server, Stub, free_port, make_client, run_ceso

D = W3C_DATA  # loaded into each engine by conftest
E = urllib.parse.quote
JSON = "application/sparql-results+json"


def boolean(reply) -> bool:
    assert reply.status == 200, reply.text
    assert reply.headers["content-type"].startswith("application/sparql-results+json"), reply.headers
    return reply.json()["boolean"]


def dataset(defaults=(), named=()) -> str:
    return "&".join([f"default-graph-uri={E(D + g, safe='')}" for g in defaults] + [f"named-graph-uri={E(D + g, safe='')}" for g in named])


ASK_TWO_DEFAULT = f"ASK {{ <{D}data1.rdf> a ?type . <{D}data2.rdf> a ?type . }}"
ASK_TWO_NAMED = f"ASK {{ GRAPH ?g1 {{ <{D}data1.rdf> a ?type }} GRAPH ?g2 {{ <{D}data2.rdf> a ?type }} }}"


def test_query_post_form(front):
    reply = front.request("POST", "/sparql/?" + dataset(["data0.rdf"]), "query=ASK%20%7B%7D",
                          {"Content-Type": "application/x-www-form-urlencoded", "Accept": JSON})
    assert boolean(reply) is True


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_query_dataset_default_graphs(front, method):
    params = dataset(["data1.rdf", "data2.rdf"])
    if method == "GET":
        reply = front.request("GET", f"/sparql/?query={E(ASK_TWO_DEFAULT, safe='')}&{params}", headers={"Accept": JSON})
    else:
        reply = front.request("POST", f"/sparql/?{params}", ASK_TWO_DEFAULT, {"Content-Type": "application/sparql-query", "Accept": JSON})
    assert boolean(reply) is True
    # And so that the case can fail: with only data1 as default graph, data2 is not in it.
    assert boolean(front.request("GET", f"/sparql/?query={E(ASK_TWO_DEFAULT, safe='')}&{dataset(['data1.rdf'])}",
                                 headers={"Accept": JSON})) is False


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_query_dataset_named_graphs(front, method):
    params = dataset(named=["data1.rdf", "data2.rdf"])
    if method == "GET":
        reply = front.request("GET", f"/sparql/?query={E(ASK_TWO_NAMED, safe='')}&{params}", headers={"Accept": JSON})
    else:
        reply = front.request("POST", f"/sparql/?{params}", ASK_TWO_NAMED, {"Content-Type": "application/sparql-query", "Accept": JSON})
    assert boolean(reply) is True


def test_query_dataset_full(front):
    q = f"ASK {{ <{D}data3.rdf> a ?type GRAPH ?g1 {{ <{D}data1.rdf> a ?type }} GRAPH ?g2 {{ <{D}data2.rdf> a ?type }} }}"
    reply = front.request("POST", "/sparql/?" + dataset(["data3.rdf"], ["data1.rdf", "data2.rdf"]), q,
                          {"Content-Type": "application/sparql-query", "Accept": JSON})
    assert boolean(reply) is True


def test_query_multiple_dataset_protocol_wins_over_from(front):
    q = f"ASK FROM <{D}data3.rdf> {ASK_TWO_NAMED[4:]}"
    reply = front.request("POST", "/sparql/?" + dataset(named=["data1.rdf", "data2.rdf"]), q,
                          {"Content-Type": "application/sparql-query", "Accept": JSON})
    assert boolean(reply) is True
    q2 = f"ASK FROM NAMED <{D}data1.rdf> {{ GRAPH ?g {{ <{D}data1.rdf> a ?type }} }}"
    reply = front.request("POST", "/sparql/?" + dataset(named=["data3.rdf"]), q2,
                          {"Content-Type": "application/sparql-query", "Accept": JSON})
    assert boolean(reply) is False


def test_from_in_the_query_means_what_it_says(front, embedded):
    """Virtuoso's default graph is every graph it holds; a query's FROM must still be its whole dataset."""
    q = f"SELECT (COUNT(*) AS ?n) FROM <{D}data1.rdf> WHERE {{ ?s ?p ?o }}"
    assert front.query(q, JSON).json()["results"]["bindings"][0]["n"]["value"] == "1"
    q = "SELECT (COUNT(*) AS ?n) FROM NAMED <https://w3id.org/ceso/graph/void> WHERE { ?s ?p ?o }"
    assert front.query(q, JSON).json() == embedded.query(q, JSON).json()
    # Without FROM, the kasei graphs (in the engine, not in CESO's build) are not in the default graph.
    assert boolean(front.query(f"ASK {{ <{D}data1.rdf> ?p ?o }}", JSON)) is False
    assert boolean(front.query(f"ASK {{ GRAPH ?g {{ <{D}data1.rdf> ?p ?o }} }}", JSON)) is False


def test_query_get_and_direct_post(front):
    assert boolean(front.request("GET", "/sparql/?query=ASK%20%7B%7D&" + dataset(["data0.rdf"]), headers={"Accept": JSON})) is True
    assert boolean(front.request("POST", "/sparql/", "ASK {}", {"Content-Type": "application/sparql-query", "Accept": JSON})) is True


@pytest.mark.parametrize("query, expected", QUERY_FORM_TYPES, ids=QUERY_FORMS)
def test_query_content_type(front, query, expected):
    reply = front.request("POST", "/sparql/?" + dataset(["data0.rdf"]), query, {"Content-Type": "application/sparql-query"})
    assert reply.status == 200, reply.text
    assert reply.headers["content-type"].split(";")[0] in expected


@pytest.mark.parametrize("accept", ["application/sparql-results+xml", "text/csv", "text/tab-separated-values"])
def test_every_result_format_is_written_here(front, embedded, accept):
    q = "SELECT ?s ?label WHERE { ?s a <https://w3id.org/ceso/ontology#State> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(LANG(?label) = 'en') } ORDER BY ?s"
    assert front.query(q, accept).body == embedded.query(q, accept).body


@pytest.mark.parametrize("method, path, body, headers", [
    ("PUT", "/sparql/?query=ASK%20%7B%7D", None, {"Content-Type": "application/x-www-form-urlencoded"}),
    ("GET", "/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", None, {}),
    ("POST", "/sparql/", "ASK {}", {"Content-Type": "text/plain"}),
    ("POST", "/sparql/", "query=ASK%20%7B%7D", {}),
    ("POST", "/sparql/", "ASK {}".encode("utf-16"), {"Content-Type": "application/sparql-query; charset=UTF-16"}),
    ("GET", "/sparql/?query=ASK%20%7B", None, {}),
    ("GET", "/sparql/?update=CLEAR%20ALL", None, {}),
], ids=["bad_query_method", "bad_multiple_queries", "bad_query_wrong_media_type", "bad_query_missing_form_type",
        "bad_query_non_utf8", "bad_query_syntax", "bad_update_get"])
def test_bad_requests_are_4xx(front, method, path, body, headers):
    reply = front.request(method, path, body, headers)
    assert 400 <= reply.status < 500, (reply.status, reply.text)
    assert "Traceback" not in reply.text


def test_updates_are_refused(front):
    reply = front.request("POST", "/sparql", "CLEAR ALL", {"Content-Type": "application/sparql-update"})
    assert reply.status == 403
    assert boolean(front.query("ASK { ?s ?p ?o }", JSON)) is True


def test_service_outside_the_allow_list_never_reaches_the_engine(front):
    reply = front.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", JSON)
    assert reply.status == 403 and "not allowed" in reply.text


def test_the_result_cap_applies(fronts, engine_name):
    capped = fronts(engine_name, max_results=5)
    reply = capped.query("SELECT ?s WHERE { ?s ?p ?o }", JSON)
    assert reply.status == 200
    assert len(reply.json()["results"]["bindings"]) == 5
    assert reply.headers["ceso-results-truncated"] == "true"
    graph = capped.query("CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert len(graph.text.strip().splitlines()) == 5


# ---- failures of the backend: clear statuses, never a hang ----------------------------------------------

SIZES = (b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head><variable name="g"/>'
         b'<variable name="n"/></head><results><result><binding name="g"><uri>https://w3id.org/ceso/graph/default</uri>'
         b'</binding><binding name="n"><literal datatype="http://www.w3.org/2001/XMLSchema#integer">1</literal>'
         b'</binding></result></results></sparql>')


def test_a_slow_backend_gives_504_and_a_dead_one_502(build_dir):
    release = threading.Event()

    def answer(method, path, headers, body):
        if b"COUNT" in body:
            return 200, {"Content-Type": "application/sparql-results+xml"}, SIZES
        release.wait(10)  # slower than the endpoint's 1 s deadline
        return 200, {"Content-Type": "application/sparql-results+xml"}, SIZES

    stub = Stub(answer)
    try:
        client = make_client(build_dir, backend=stub.url + "/query", timeout=1.0)
        slow = client.query("SELECT * WHERE { ?s ?p ?o }", JSON)
        assert slow.status == 504, slow.text
        assert "did not answer within 1 s" in slow.text
        page = client.request("GET", "/id/sco")
        assert page.status == 504
    finally:
        release.set()
        stub.close()
    dead = client.query("SELECT * WHERE { ?s ?p ?o }", JSON)
    assert dead.status == 502 and "cannot be reached" in dead.text
    assert client.request("GET", "/id/sco").status == 502


def test_serve_refuses_a_backend_it_cannot_reach(shipped_root):
    port = free_port()
    done = run_ceso("serve", "--backend", f"http://127.0.0.1:{port}/query", "--port", str(free_port()),
                    build_dir=shipped_root, timeout=60)
    assert done.returncode == 5
    assert f"127.0.0.1:{port}/query cannot be reached" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_with_a_backend_as_a_process(published, build_dir, embedded):
    """`ceso serve --backend` as a process: the endpoint answers from Oxigraph's server."""
    engine, _ = published("oxigraph")
    server = Server("--backend", engine.endpoint, "--workers", "1", build=build_dir)
    try:
        q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        assert server.query(q, JSON).json() == embedded.query(q, JSON).json()
        assert server.request("GET", "/id/sco", headers={"Accept": "text/html"}).status == 200
    finally:
        server.stop()


def test_credentials_stay_out_of_messages(published, shipped_root, tmp_path):
    engine, _ = published("virtuoso")
    wrong = tmp_path / "wrong"
    wrong.write_text("not-the-secret-pw\n")
    done = run_ceso("publish", "--to", engine.endpoint, "--user", "dba", "--password-file", str(wrong), build_dir=shipped_root)
    assert done.returncode != 0
    assert "401" in done.stderr and "--password-file" in done.stderr
    assert "not-the-secret-pw" not in done.stdout + done.stderr
    # A password written into the URL is not echoed either.
    host = engine.endpoint.split("//", 1)[1]
    done = run_ceso("publish", "--to", f"http://dba:url-secret@{host}", "--graph-store", "http://dba:url-secret@127.0.0.1:9/x",
                    build_dir=shipped_root)
    assert done.returncode != 0
    assert "url-secret" not in done.stdout + done.stderr
