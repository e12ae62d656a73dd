"""Limits and safety, against a real server process (granian) where a process decides (startup time, workers, the
runaway retired while other queries are served, the access log): query timeout (503), result-size cap,
body-size limit, and no network access through SERVICE/FROM/LOAD unless the IRI is on the allow-list."""

from __future__ import annotations

import threading
import time
import urllib.parse
import weakref
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from support import make_client
from support import DOUBLING, REPO, Server, Stub

ID = "https://w3id.org/ceso/id/"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
STATES = "SELECT ?s WHERE { ?s a <https://w3id.org/ceso/ontology#State> } ORDER BY ?s"


class Remote(Stub):
    """A SPARQL 'remote endpoint' on 127.0.0.1 that records every request it gets."""

    def __init__(self) -> None:
        body = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"from-remote"}}]}}'
        super().__init__(lambda *request: (200, {"Content-Type": "application/sparql-results+json"}, body))

    @property
    def paths(self) -> list[str]:
        return [path for _, path, _ in self.requests]


@pytest.fixture(scope="module")
def remote():
    r = Remote()
    yield r
    r.close()


@pytest.fixture(scope="module")
def server(remote):
    srv = Server("--timeout", "1.5", "--max-results", "2", "--max-body", "2048", "--workers", "2",
                 "--allow-service", remote.url + "/allowed", env={"CESO_RETIRE_GRACE": "5"})
    yield srv
    srv.stop()


def worker_pids(server) -> set[int]:
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children").read_text().split()
    return {int(p) for p in children}


def test_runaway_query_is_stopped_with_503_while_others_go_on(server):
    deadline = time.monotonic() + 10  # /health answers as soon as the first worker is up
    while time.monotonic() < deadline and len(worker_pids(server)) < 2:
        time.sleep(0.05)
    before = worker_pids(server)
    assert len(before) == 2
    outcome = {}

    def runaway():
        started = time.monotonic()
        outcome["reply"] = server.query(RUNAWAY)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.2)
    quick = []
    while thread.is_alive():
        started = time.monotonic()
        reply = server.query(STATES)
        quick.append((reply.status, time.monotonic() - started))
        time.sleep(0.05)
    thread.join()
    assert outcome["reply"].status == 503
    assert "1.5 s" in outcome["reply"].text
    assert 1.4 < outcome["seconds"] < 4
    assert len(quick) >= 5 and all(status == 200 for status, _ in quick)
    assert max(seconds for _, seconds in quick) < 1.0  # answered meanwhile, not queued behind the runaway
    # The worker that ran it exits (that is what stops the evaluation) and granian starts a fresh one.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and (worker_pids(server) & before) == before:
        time.sleep(0.1)
    after = worker_pids(server)
    assert len(before - after) == 1, (before, after)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(worker_pids(server)) < 2:
        time.sleep(0.1)
    assert len(worker_pids(server)) == 2
    for _ in range(4):
        assert server.query(STATES).status == 200


def test_the_evaluator_keeps_no_answer_once_handed_back(client):
    # Held by the evaluator thread until its next job, a large answer was freed inside that job's time.
    engine = client.app.extensions["ceso"].engine
    result = engine.query("SELECT * WHERE { ?s ?p ?o }", base_iri="http://127.0.0.1/sparql", default_graphs=[],
                          named_graphs=[])
    assert result.rows
    answer = weakref.ref(result)
    del result
    deadline = time.monotonic() + 2  # the evaluator lets go just after it signals the answer is ready
    while answer() is not None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert answer() is None


def test_result_size_cap_is_reported(server):
    reply = server.query(STATES)
    assert [b["s"]["value"] for b in reply.json()["results"]["bindings"]] == [ID + "india", ID + "kazakhstan"]
    assert reply.headers["ceso-results-truncated"] == "true"
    assert reply.headers["ceso-results-limit"] == "2"
    small = server.query("SELECT ?s WHERE { ?s a <https://w3id.org/ceso/ontology#SecurityOrganization> }")
    assert len(small.json()["results"]["bindings"]) == 2 and "ceso-results-truncated" not in small.headers
    graph = server.query("CONSTRUCT WHERE { ?s a <https://w3id.org/ceso/ontology#State> }", "application/n-triples")
    assert graph.text.count("\n") == 2 and graph.headers["ceso-results-truncated"] == "true"


def test_body_size_limit(server):
    big = "ASK {} #" + "x" * 3000
    reply = server.request("POST", "/sparql", big, {"Content-Type": "application/sparql-query"})
    assert reply.status == 413
    assert reply.headers["content-type"] == "text/plain; charset=utf-8"
    ok = server.request("POST", "/sparql", "ASK {} #" + "x" * 1000, {"Content-Type": "application/sparql-query"})
    assert ok.status == 200


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <{remote}/other> { ?x ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <{remote}/other> { ?x ?p ?o } }",
    "PREFIX r: <{remote}/> SELECT * WHERE { SERVICE r:other { ?x ?p ?o } }",
    "SELECT * WHERE { SERV\\u0049CE <{remote}/other> { ?x ?p ?o } }",
    "BASE <{remote}/> SELECT * WHERE { SERVICE <other> { ?x ?p ?o } }",
    "SELECT * WHERE { VALUES ?e { <{remote}/allowed> } SERVICE ?e { ?x ?p ?o } }",
    "SELECT * WHERE { ?s ?p \"a # string\" . service <{remote}/other> { ?x ?p ?o } }",
], ids=["iri", "silent", "prefixed-name", "unicode-escaped-keyword", "relative-to-base", "variable", "lowercase"])
def test_service_outside_allow_list_is_refused_without_a_request(server, remote, query):
    remote.requests.clear()
    reply = server.query(query.replace("{remote}", remote.url))
    assert reply.status == 403, reply.text
    assert "SERVICE" in reply.text
    assert remote.requests == []


def test_service_on_allow_list_is_called(server, remote):
    remote.requests.clear()
    reply = server.query(f"SELECT ?x WHERE {{ SERVICE <{remote.url}/allowed> {{ ?x ?p ?o }} }}")
    assert reply.status == 200, reply.text
    assert [b["x"]["value"] for b in reply.json()["results"]["bindings"]] == ["from-remote"]
    assert remote.paths == ["/allowed"]


def test_service_keyword_inside_literals_and_iris_is_not_a_call(server, remote):
    reply = server.query('SELECT ?x WHERE { VALUES ?x { "SERVICE <http://example.org/> {}" <http://example.org/SERVICE> } }')
    assert reply.status == 200
    assert len(reply.json()["results"]["bindings"]) == 2


def test_from_never_fetches(server, remote):
    remote.requests.clear()
    reply = server.query(f"SELECT (COUNT(*) AS ?n) FROM <{remote.url}/data.ttl> WHERE {{ ?s ?p ?o }}")
    assert reply.status == 200 and reply.json()["results"]["bindings"][0]["n"]["value"] == "0"
    reply = server.query("ASK { ?s ?p ?o }", **{"default-graph-uri": remote.url + "/data.ttl"})
    assert reply.json()["boolean"] is False
    assert remote.requests == []


def test_concurrent_requests(server):
    query = "SELECT ?s WHERE { ?s a <https://w3id.org/ceso/ontology#SecurityOrganization> } ORDER BY ?s"
    with ThreadPoolExecutor(16) as pool:
        replies = list(pool.map(lambda _: server.query(query), range(64)))
    assert all(r.status == 200 for r in replies)
    assert all([b["s"]["value"] for b in r.json()["results"]["bindings"]] == [ID + "csto", ID + "sco"] for r in replies)


def test_load_is_refused_unless_allowed(remote):
    srv = make_client(update_token="t", load_allow=(remote.url + "/allowed.ttl",))
    remote.requests.clear()
    headers = {"Content-Type": "application/sparql-update", "Authorization": "Bearer t"}
    reply = srv.request("POST", "/sparql", f"LOAD <{remote.url}/other.ttl>", headers)
    assert reply.status == 403 and "LOAD" in reply.text
    reply = srv.request("POST", "/sparql", f"LOAD SILENT <{remote.url}/other.ttl> INTO GRAPH <urn:g>", headers)
    assert reply.status == 403
    assert remote.requests == []


def test_bad_settings_get_a_message_not_a_traceback(tmp_path):
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "ceso.server", "--build-dir", str(tmp_path / "nope")], cwd=REPO,
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 2 and "does not exist; run `ceso build` first" in run.stderr
    assert "Traceback" not in run.stderr
    run = subprocess.run([sys.executable, "-m", "ceso.server", "--build-dir", str(tmp_path), "--enable-update"], cwd=REPO,
                         capture_output=True, text=True, timeout=30, env={"PATH": "/usr/bin:/bin"})
    assert run.returncode == 2 and "needs a token" in run.stderr


def test_first_query_answered_within_five_seconds_of_start(server):
    assert server.ready_after < 5.0
    assert server.query(STATES).status == 200


def test_access_log_has_query_time(server):
    text = "SELECT * WHERE { ?s a <https://w3id.org/ceso/ontology#State> } # access log"
    server.query(text)
    # This query's own line (others of the module may have been answered from the result cache), which
    # the server writes just after the response.
    request = '"GET /sparql?' + urllib.parse.urlencode({"query": text})
    deadline = time.monotonic() + 5
    while not (lines := [line for line in server.log().splitlines() if request in line]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(lines) == 1 and "timing=\"query;dur=" in lines[0] and " 200 " in lines[0]


def test_a_query_past_the_memory_limit_is_stopped_and_its_worker_replaced():
    """Twice in a row with one worker: no connection is refused or dropped while the only worker is replaced,
    and a second replacement soon after the first does not end the server (granian stops a server whose
    respawned worker exits within 5.5 s, so the runner makes the young worker wait)."""
    srv = Server("--max-memory", "400", "--workers", "1", "--no-access-log")
    outcomes, stop = [], threading.Event()

    def meanwhile():  # fresh connections and distinct queries, so that the result cache does not answer
        n = 0
        while not stop.is_set():
            n += 1
            try:
                outcomes.append(srv.query(f"ASK {{ }} # {n}", accept="text/csv").status)
            except OSError as err:
                outcomes.append(repr(err))

    try:
        client = threading.Thread(target=meanwhile)
        client.start()
        for _ in range(2):
            before = worker_pids(srv)
            reply = srv.request("POST", "/sparql", body=DOUBLING, headers={"Content-Type": "application/sparql-query"})
            assert reply.status == 503 and "memory limit of 400 MiB" in reply.text and reply.headers["retry-after"] == "1"
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and not (worker_pids(srv) - before):
                time.sleep(0.1)
            assert worker_pids(srv) and not (worker_pids(srv) & before)  # the process holding the memory is gone
            assert srv.query("ASK { }", accept="text/csv").text.strip().endswith("true")
        stop.set()
        client.join()
        assert srv.process.poll() is None
        assert outcomes and set(outcomes) <= {200, 503}, [o for o in outcomes if o not in (200, 503)][:5]
    finally:
        stop.set()
        srv.stop()


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_stopping_the_server_ends_every_worker_even_one_still_starting():
    # /health answers once one worker is up; the other may still be loading the app when SIGTERM comes.
    for _ in range(3):
        srv = Server("--no-access-log")
        processes = {srv.process.pid} | worker_pids(srv)
        srv.process.terminate()
        assert srv.process.wait(8) == 0, srv.log()
        srv.stop()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(map(_running, processes)):
            time.sleep(0.05)
        assert not any(map(_running, processes)), srv.log()


def test_workers_end_with_a_master_killed_outright():
    srv = Server("--no-access-log")
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and len(worker_pids(srv)) < 2:
            time.sleep(0.05)
        workers = worker_pids(srv)
        srv.process.kill()
        srv.process.wait(5)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(map(_running, workers)):
            time.sleep(0.05)
        assert workers and not any(map(_running, workers))
    finally:
        srv.stop()
