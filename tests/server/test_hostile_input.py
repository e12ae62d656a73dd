"""The endpoint under hostile input (issue 12): every malformed, nested, oversized or failing request is a
4xx or 502 with a plain message, never a 500, a traceback or a lost process. In-process, so that a crash
of the engine would take the test run down with it."""

from __future__ import annotations

import http.client
import urllib.parse

import pytest

from support import LiveServer, Stub, make_client

TOKEN = "hostile-token"


@pytest.fixture(scope="module")
def client():
    return make_client(update_token=TOKEN, max_url=16384, max_response_bytes=100_000)


def post_query(client, text: str):
    return client.request("POST", "/sparql", text, {"Content-Type": "application/sparql-query"})


@pytest.mark.parametrize("text", [
    "SELECT * " + "{" * 4000 + "}" * 4000,
    "SELECT * {" + " OPTIONAL {" * 4500 + "}" * 4500 + "}",
    "SELECT * " + "{ SELECT * " * 2200 + "{}" + "}" * 2200,
    "SELECT * { BIND(" + "!" * 100_000 + "true AS ?x) }",
    "SELECT * { {}" + " UNION {}" * 50_000 + " }",
])
def test_deep_nests_and_long_chains_are_refused_with_the_limit(client, text):
    reply = post_query(client, text)
    assert reply.status == 400
    assert "limit of" in reply.text and "simplify" in reply.text


def test_nesting_within_the_limit_is_answered(client):
    reply = post_query(client, "ASK " + "{" * 200 + "}" * 200)
    assert reply.status == 200 and reply.json()["boolean"] is True


@pytest.mark.parametrize("function", ["SUBSTR", "REGEX", "REPLACE"])
def test_a_deep_nest_of_optional_argument_calls_is_refused_before_the_parser(client, function):
    # Unclosed, as a fuzzer wrote it: Oxigraph's parser would hold the interpreter lock for minutes on it
    # (its time doubles with each level) and stall every thread of the worker.
    reply = post_query(client, "SELECT (" + f"({function}( " * 40 + "STR(?s), 1, 10) AS ?x) { ?s ?p ?o }")
    assert reply.status == 400 and "40 levels deep" in reply.text and "limit of 12" in reply.text


def test_twelve_nested_replace_calls_are_answered(client):
    expression = '"abc"'
    for _ in range(12):
        expression = f'REPLACE({expression}, "a", "a")'
    reply = post_query(client, f"SELECT ({expression} AS ?x) {{}}")
    assert reply.status == 200 and reply.json()["results"]["bindings"][0]["x"]["value"] == "abc"


@pytest.mark.parametrize("text, fragment", [
    ("PREFIX a\\UFFFFFFFF: <http://x/> ASK {}", "syntax error"),
    ("PREFIX a\\U0011FFFF: <http://x/> SELECT * {}", "syntax error"),
    ("SELECT (<http://example.org/f>(1) AS ?x) {}", "custom function <http://example.org/f> is not supported"),
])
def test_malformed_queries_are_400_with_the_reason(client, text, fragment):
    reply = post_query(client, text)
    assert reply.status == 400, reply.text
    assert fragment in reply.text


def test_failing_update_is_400_with_the_reason(client):
    reply = client.request("POST", "/sparql", "CLEAR GRAPH <http://example.org/none>",
                           {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"})
    assert reply.status == 400
    assert "does not exist" in reply.text


def test_an_update_that_is_a_query_names_cause_and_fix(client):
    reply = client.request("POST", "/sparql", urllib.parse.urlencode({"update": "# Movement\nSELECT * {}"}),
                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 400
    assert "as `query`" in reply.text and "SPARQLWrapper" in reply.text


def test_a_long_answer_is_cut_at_the_byte_limit(client):
    # Each row carries 2,000 characters; 100,000 bytes hold about 50 of them.
    text = ('SELECT ?s ?x WHERE { ?s ?p ?o BIND(CONCAT(STR(?s), "' + "x" * 2000 + '") AS ?x) }')
    reply = post_query(client, text)
    assert reply.status == 200
    assert reply.headers["ceso-results-truncated"] == "true"
    assert 10 < len(reply.json()["results"]["bindings"]) < 60


def test_one_answer_over_the_byte_limit_is_a_clear_error(client):
    doubled = "".join(f" BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(18))
    reply = post_query(client, 'SELECT ?v18 { BIND("abcdefgh" AS ?v0)' + doubled + " }")
    assert reply.status == 400
    assert "response limit of 100,000 bytes" in reply.text


def test_a_quadratic_lexer_input_of_a_mebibyte_is_answered():
    client = make_client(max_body=2 << 20, timeout=20)
    reply = post_query(client, "ASK {} # service\n" + "a." * (1 << 19))
    assert reply.status == 400 and "syntax error" in reply.text


def test_long_get_queries_are_answered_and_past_the_limit_told_to_post(client):
    long = "ASK {} # " + "x" * 12000
    assert client.query(long).status == 200
    reply = client.query(long + "y" * 8000)
    assert reply.status == 414
    assert "send the query by POST" in reply.text
    assert reply.headers["content-type"].startswith("text/plain")


@pytest.fixture(scope="module")
def live():
    server = LiveServer(make_client(max_body=4096).app)
    yield server
    server.stop()


def raw(live, request: bytes) -> tuple[int, bytes]:
    import socket

    with socket.create_connection(("127.0.0.1", live.port), timeout=10) as sock:
        sock.sendall(request)
        sock.shutdown(socket.SHUT_WR)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return int(data.split(b" ", 2)[1]), data


def test_chunked_body_over_the_limit_is_413(live):
    body = urllib.parse.urlencode({"query": "ASK {} #" + "x" * 8000}).encode()
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 1000]), body[i:i + 1000]) for i in range(0, len(body), 1000))
    status, data = raw(live, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                             b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunks + b"0\r\n\r\n")
    assert status == 413 and b"limit of 4,096" in data


def test_bad_chunk_size_is_400(live):
    status, data = raw(live, b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                             b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nASK {}\r\n0\r\n\r\n")
    assert status == 400


def test_oversized_body_answer_is_read_before_the_connection_closes(live):
    conn = http.client.HTTPConnection("127.0.0.1", live.port, timeout=10)
    conn.request("POST", "/sparql", body=b"q" * 200_000, headers={"Content-Type": "application/sparql-query"})
    reply = conn.getresponse()
    assert reply.status == 413 and b"over this server's limit" in reply.read()
    conn.close()


@pytest.mark.parametrize("content_type, body", [
    ("application/sparql-results+json", b""),
    ("text/html", b"<html><body>Service unavailable</body></html>"),
    ("application/sparql-results+json", b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":'),
])
def test_a_broken_remote_endpoint_is_502_naming_it(content_type, body):
    remote = Stub(lambda *request: (200, {"Content-Type": content_type}, body))
    try:
        client = make_client(service_allow=(remote.url + "/sparql",))
        reply = client.query(f"SELECT * {{ SERVICE <{remote.url}/sparql> {{ ?s ?p ?o }} }}")
        assert reply.status == 502
        assert f"<{remote.url}/sparql>" in reply.text
    finally:
        remote.close()
