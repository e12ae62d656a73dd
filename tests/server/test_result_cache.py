"""The result cache (ceso/server/result_cache.py): a repeated GET query is answered again with the same
bytes without evaluating, what may differ between evaluations never is, the bound holds, and a server whose
data change (SPARQL Update) has no cache. In-process through Flask's test client, plus the CLI option."""

from __future__ import annotations

import re
import urllib.parse

from ceso.server.sparql_text import repeatable
from support import REPO, make_client, run_ceso

MEMBERS = "SELECT ?s WHERE { ?m <http://www.w3.org/ns/org#member> ?s } ORDER BY ?s"
JSON, CSV = "application/sparql-results+json", "text/csv"


def metric(client, name: str) -> int:
    text = client.request("GET", "/metrics").text
    return int(re.search(rf"^{name}{{[^}}]*}} (\d+)", text, re.M).group(1))


def test_a_repeated_query_is_answered_again_without_evaluating():
    client = make_client()
    first, second = client.query(MEMBERS, JSON), client.query(MEMBERS, JSON)
    assert first.status == second.status == 200
    assert "ceso-cache" not in first.headers and second.headers["ceso-cache"] == "hit"
    assert second.body == first.body and second.headers["content-type"] == first.headers["content-type"]
    assert first.headers["server-timing"].startswith("query;dur=") and second.headers["server-timing"] == "cache;desc=hit"
    assert len(first.json()["results"]["bindings"]) == 3
    assert metric(client, "ceso_queries_total") == 1 and metric(client, "ceso_result_cache_hits_total") == 1
    assert metric(client, "ceso_result_cache_bytes") > len(first.body)
    # CORS clients may read the header.
    assert "CESO-Cache" in second.headers["access-control-expose-headers"]


def test_the_key_is_the_whole_request():
    client = make_client()
    client.query(MEMBERS, JSON)
    other_format = client.query(MEMBERS, CSV)
    assert "ceso-cache" not in other_format.headers and other_format.headers["content-type"].startswith(CSV)
    other_dataset = client.query(MEMBERS, JSON, **{"default-graph-uri": "http://example.org/none"})
    assert "ceso-cache" not in other_dataset.headers and other_dataset.json()["results"]["bindings"] == []
    other_host = client.request("GET", "/sparql?query=" + urllib.parse.quote(MEMBERS),
                                headers={"Accept": JSON, "Host": "example.org"})
    assert "ceso-cache" not in other_host.headers
    # POST is evaluated each time.
    posted = [client.request("POST", "/sparql", MEMBERS, {"Content-Type": "application/sparql-query", "Accept": JSON})
              for _ in range(2)]
    assert all(r.status == 200 and "ceso-cache" not in r.headers for r in posted)


def test_what_may_differ_between_evaluations_is_never_kept():
    client = make_client()
    for text in ("SELECT (RAND() AS ?r) WHERE {}", "SELECT (NOW() AS ?t) WHERE {}", "SELECT (STRUUID() AS ?u) WHERE {}",
                 "SELECT (BNODE() AS ?b) WHERE {}", "SELECT ('\\u0041' AS ?a) WHERE {}",
                 "SELECT (now # a comment between the name and its brackets\n () AS ?t) WHERE {}"):
        replies = [client.query(text, JSON) for _ in range(2)]
        assert [r.status for r in replies] == [200, 200], text
        assert "ceso-cache" not in replies[1].headers, text
    assert len({client.query("SELECT (RAND() AS ?r) WHERE {}", JSON).body for _ in range(5)}) > 1
    # A word that only holds one of those names is no reason to evaluate again.
    known = "# the known members\n" + MEMBERS
    assert client.query(known, JSON).status == 200 and client.query(known, JSON).headers.get("ceso-cache") == "hit"
    # Errors are answered each time too.
    assert all(client.query("SELECT * WHERE {", JSON).status == 400 for _ in range(2))
    assert metric(client, "ceso_result_cache_hits_total") == 1


def test_the_bound_holds_and_the_oldest_answer_goes_first():
    client = make_client(cache_size=64 << 10)
    first = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 40"
    client.query(first, JSON)
    assert client.query(first, JSON).headers.get("ceso-cache") == "hit"
    for n in range(300):  # distinct queries, each a few KB of answer
        client.query(f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} LIMIT {n + 10}", JSON)
        assert metric(client, "ceso_result_cache_bytes") <= 64 << 10
    assert "ceso-cache" not in client.query(first, JSON).headers


def test_off_when_asked_and_when_the_data_can_change():
    off = make_client(cache_size=0)
    off.query(MEMBERS, JSON)
    assert "ceso-cache" not in off.query(MEMBERS, JSON).headers
    writer = make_client(update_token="t")
    ask = "ASK { <http://example.org/new> ?p ?o }"
    assert writer.query(ask, JSON).json()["boolean"] is False
    insert = "INSERT DATA { GRAPH <https://w3id.org/ceso/graph/instances> { <http://example.org/new> <http://example.org/p> 1 } }"
    update = writer.request("POST", "/sparql", insert,
                            {"Content-Type": "application/sparql-update", "Authorization": "Bearer t"})
    assert update.status == 204
    again = writer.query(ask, JSON)
    assert again.json()["boolean"] is True and "ceso-cache" not in again.headers


def test_cli_refuses_a_negative_size(tmp_path):
    result = run_ceso("serve", "--cache-size", "-1", build_dir=tmp_path)
    assert result.returncode == 2 and "--cache-size" in result.stderr and "0 or more" in result.stderr


def test_every_shipped_query_but_the_federated_ones_is_kept():
    # The check errs on the safe side and reads comments too: a comment saying "now" once kept query 74
    # from the cache.
    texts = {path.name: path.read_text() for path in sorted((REPO / "queries").glob("*.rq"))}
    kept = {name for name, text in texts.items() if repeatable(text)}
    assert set(texts) - kept == {name for name, text in texts.items() if "# federated:" in text} != set()
