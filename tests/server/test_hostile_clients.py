"""Odd clients (issue 10, part 4): every shipped query through SPARQLWrapper with its default settings
(GET, and its own guess of the query type from the text), and long GET queries through the HTTP server."""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest

from support import REPO, LiveServer, Server, make_client

QUERIES = sorted((REPO / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def shipped_live(build_dir):
    server = LiveServer(make_client(build_dir, service_allow=()).app)
    yield server
    server.stop()


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_shipped_query_through_sparqlwrapper_defaults(shipped_live, path: Path):
    from SPARQLWrapper import SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import EndPointNotFound, Unauthorized

    text = path.read_text(encoding="utf-8")
    client = SPARQLWrapper(shipped_live.base + "/sparql")
    client.setQuery(text)
    assert not client.isSparqlUpdateRequest(), "a comment makes SPARQLWrapper take this query for an update"
    if "SERVICE" in text:  # the server here reaches no remote endpoint: refused as a query, not as an update
        with pytest.raises(Exception) as err:
            client.query().convert()
        assert not isinstance(err.value, (EndPointNotFound, Unauthorized))
        message = err.value.read().decode() if hasattr(err.value, "read") else str(err.value)
        assert "SERVICE" in message and "Update" not in message
        return
    result = client.query().convert()
    assert result is not None


@pytest.fixture(scope="module")
def served():
    server = Server("--no-access-log")
    yield server
    server.stop()


def test_long_get_query_through_the_http_server(served):
    text = "ASK { } # " + "x" * 40_000
    reply = served.request("GET", "/sparql?query=" + urllib.parse.quote(text), headers={"Accept": "application/sparql-results+json"})
    assert reply.status == 200 and reply.json()["boolean"] is True
    # Past the app's limit of 65,000 bytes: told in words to POST; past the HTTP server's own 65,534-byte
    # request target, its bare 414 (and the connection stays answered, not dropped).
    reply = served.request("GET", "/sparql?query=" + "x" * 65_100)
    assert reply.status == 414 and "send the query by POST" in reply.text
    for size in (600_000, 3_000_000):
        assert served.request("GET", "/sparql?query=" + urllib.parse.quote("ASK {} # " + "x" * size)).status == 414
