"""Update mode keeps what it acknowledges: an update answered 204 survives the retirement of the worker
(after a runaway query) and a restart of the server (real server processes); readers never see the
instances graph and the default graph disagree while updates run; an update that would write the derived
default graph is refused, not dropped."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from support import AppClient, Server, make_client

TOKEN = "durability-token"
UPDATE = {"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"}
INSTANCES = "https://w3id.org/ceso/graph/instances"
ONTOLOGY = "https://w3id.org/ceso/graph/ontology"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
SUBJECT = "<https://w3id.org/ceso/id/durability-check>"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
# One query, so one snapshot: is the label in the instances graph, and in the default graph?
BOTH = (f"SELECT ?named ?default WHERE {{ BIND(EXISTS {{ GRAPH <{INSTANCES}> {{ {SUBJECT} {LABEL} ?x }} }} AS ?named) "
        f"BIND(EXISTS {{ {SUBJECT} {LABEL} ?y }} AS ?default) }}")


def seen(server) -> tuple[bool, bool]:
    reply = server.query(BOTH, accept="application/sparql-results+json")
    assert reply.status == 200, reply.text
    row = reply.json()["results"]["bindings"][0]
    return row["named"]["value"] == "true", row["default"]["value"] == "true"


def worker_pids(server) -> set[int]:
    pid = server.process.pid
    return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def serve(live: Path) -> Server:
    return Server("--enable-update", "--update-token", TOKEN, "--timeout", "3",
                  env={"CESO_BUILD_DIR": str(live), "CESO_RETIRE_GRACE": "5"})


def test_acknowledged_update_survives_worker_retirement_and_restart(tmp_path):
    server = serve(tmp_path)
    try:
        reply = server.request("POST", "/sparql", f'INSERT DATA {{ GRAPH <{INSTANCES}> {{ {SUBJECT} {LABEL} "kept"@en }} }}', UPDATE)
        assert reply.status == 204, reply.text
        assert seen(server) == (True, True)
        before = worker_pids(server)
        # An anonymous, read-only runaway query retires the (only) worker.
        assert server.query(RUNAWAY).status == 503
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (not worker_pids(server) or worker_pids(server) & before):
            time.sleep(0.1)
        assert worker_pids(server) and not worker_pids(server) & before, "the worker was not replaced"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if server.request("GET", "/health", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        assert seen(server) == (True, True)
    finally:
        server.stop()
    server = serve(tmp_path)
    try:
        assert seen(server) == (True, True)
        reply = server.request("POST", "/sparql", f'DELETE DATA {{ GRAPH <{INSTANCES}> {{ {SUBJECT} {LABEL} "kept"@en }} }}', UPDATE)
        assert reply.status == 204, reply.text
        assert seen(server) == (False, False)
    finally:
        server.stop()


def test_readers_never_see_instances_and_default_disagree():
    writer = make_client(update_token=TOKEN)
    reader = AppClient(writer.app)
    done = threading.Event()
    failures: list[str] = []

    def write() -> None:
        try:
            for n in range(60):
                verb = "INSERT" if n % 2 == 0 else "DELETE"
                reply = writer.request("POST", "/sparql", f'{verb} DATA {{ GRAPH <{INSTANCES}> {{ {SUBJECT} {LABEL} "flip"@en }} }}', UPDATE)
                if reply.status != 204:
                    failures.append(reply.text)
        finally:
            done.set()

    thread = threading.Thread(target=write)
    thread.start()
    reads = []
    while not done.is_set() and len(reads) < 5000:
        reads.append(seen(reader))
    thread.join()
    assert not failures
    assert len(reads) > 10
    assert {named for named, _ in reads} == {True, False}  # the reads did overlap the updates
    assert all(named == default for named, default in reads), [r for r in reads if r[0] != r[1]][:5]


@pytest.mark.parametrize("update", [
    'INSERT DATA { <urn:s> <urn:p> "default" }',
    'DELETE DATA { <urn:s> <urn:p> "default" }',
    "DELETE WHERE { ?s <urn:p> ?o }",
    "INSERT { ?s <urn:p> 1 } WHERE { ?s a ?c }",
    "CLEAR DEFAULT",
    "LOAD <http://example.org/data.ttl>",
    f"ADD <{INSTANCES}> TO DEFAULT",
    "MOVE DEFAULT TO <urn:g>",
], ids=["insert-data", "delete-data", "delete-where", "modify", "clear", "load", "add", "move"])
def test_writing_the_default_graph_is_refused_not_dropped(update):
    # The LOAD IRI is allowed, so the refusal is about the default graph (and comes before any fetch).
    client = make_client(update_token=TOKEN, load_allow=("http://example.org/data.ttl",))
    reply = client.request("POST", "/sparql", update, UPDATE)
    assert reply.status == 400, (reply.status, reply.text)
    assert "default graph is derived" in reply.text and INSTANCES in reply.text


def test_updates_naming_a_graph_reach_it_and_the_default_graph():
    client = make_client(update_token=TOKEN)
    text = (f'PREFIX id: <https://w3id.org/ceso/id/>\nWITH <{INSTANCES}> INSERT {{ id:durability-check {LABEL} "with"@en }} '
            f'WHERE {{ }} ;  # a comment, then a trailing semicolon\n')
    assert client.request("POST", "/sparql", text, UPDATE).status == 204
    assert seen(client) == (True, True)
    # The label also in the ontology graph: dropping it from instances keeps it in the union.
    copy = f'INSERT DATA {{ GRAPH <{ONTOLOGY}> {{ {SUBJECT} {LABEL} "with"@en }} }}'
    assert client.request("POST", "/sparql", copy, UPDATE).status == 204
    assert client.request("POST", "/sparql", f"CLEAR GRAPH <{INSTANCES}>", UPDATE).status == 204
    assert seen(client) == (False, True)
    # A new named graph stays out of the default graph.
    other = f'INSERT DATA {{ GRAPH <urn:elsewhere> {{ <urn:s> {LABEL} "elsewhere" }} }}'
    assert client.request("POST", "/sparql", other, UPDATE).status == 204
    reply = client.query(f'ASK {{ <urn:s> {LABEL} "elsewhere" }}', accept="application/sparql-results+json")
    assert reply.json()["boolean"] is False
