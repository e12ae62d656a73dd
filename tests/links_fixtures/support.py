"""Helpers for tests/test_links*.py: fixture source trees and builds, the fixture "Wikidata" endpoint (a real
CESO server on 127.0.0.1 serving wikidata.ttl), and a flaky HTTP front for it that counts requests."""

from __future__ import annotations

import http.client
import http.server
import shutil
import socket
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import REPO, run_ceso
from endpoint_support import Server

HERE = Path(__file__).resolve().parent
INSTANCES_GRAPH = "https://w3id.org/ceso/graph/instances"


def source_tree(target: Path, *instance_files: str) -> Path:
    """The shipped ontology and shapes with the given hand-written instance files of this folder."""
    for part in ("ontology", "shapes"):
        shutil.copytree(REPO / part, target / part)
    (target / "instances").mkdir(parents=True)
    for name in instance_files:
        shutil.copy(HERE / name, target / "instances" / name)
    return target


def ceso(*args: str, root: Path, source: Path, check: bool = False):
    return run_ceso(*args, build_dir=root, source_dir=source, check=check, timeout=120)


def wikidata_build(target: Path) -> Path:
    """A build folder whose default graph is wikidata.ttl, for `python -m ceso.server --build-dir`."""
    target.mkdir(parents=True)
    graph = ox.NamedNode(INSTANCES_GRAPH)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph)
             for t in ox.parse(path=str(HERE / "wikidata.ttl"), format=ox.RdfFormat.TURTLE)]
    (target / "dataset.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return target


@pytest.fixture(scope="session")
def wikidata(tmp_path_factory):
    """The fixture Wikidata endpoint; its SPARQL URL is `wikidata.base + "/sparql"`."""
    server = Server("--no-access-log", "--workers", "1", build=wikidata_build(tmp_path_factory.mktemp("wd") / "build"))
    yield server
    server.stop()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Flaky:
    """An HTTP front on 127.0.0.1: answers the first requests with the given statuses (429 with
    Retry-After: 0), then passes each request on to `upstream`. Records every request's User-Agent."""

    def __init__(self, upstream_port: int, failures: list[int]):
        self.failures = list(failures)
        self.agents: list[str] = []
        front = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                front.agents.append(self.headers.get("User-Agent", ""))
                if front.failures:
                    status = front.failures.pop(0)
                    self.send_response(status)
                    if status == 429:
                        self.send_header("Retry-After", "0")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                conn = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=30)
                conn.request("POST", "/sparql", body, {"Content-Type": self.headers["Content-Type"],
                                                       "Accept": self.headers.get("Accept", "*/*")})
                answer = conn.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.getheader("Content-Type"))
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/sparql"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def requests(self) -> int:
        return len(self.agents)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
