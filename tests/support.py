"""Helpers shared by the test folders: running the `ceso` command, HTTP clients for the endpoint (Flask's
test client in-process, a real socket in a thread, a real server process), and result shortening."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
SERVER_FIXTURES = TESTS / "server" / "fixtures"
FIXTURE_BUILD = SERVER_FIXTURES / "build"
FIXTURE_QUERIES = SERVER_FIXTURES / "queries"
SMALL = TESTS / "build" / "fixtures" / "small.ttl"  # a few hand-written instances, for quick builds
# A query past any memory limit: each BIND doubles the last string, 8 bytes to 1 GiB in 27 steps, about 2 GiB
# held in one row (issue 12).
DOUBLING = "SELECT (STRLEN(?s27) AS ?n) { BIND(\"xxxxxxxx\" AS ?s0) " + " ".join(
    f"BIND(CONCAT(?s{i}, ?s{i}) AS ?s{i + 1})" for i in range(27)) + " }"


# The W3C SPARQL 1.1 protocol tests' expectations, shared by the embedded store's run and the backends'.
W3C_DATA = "http://kasei.us/2009/09/sparql/data/"  # the manifest's graphData
RDF_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json",
             "application/n-quads", "application/trig", "text/n3"}
TABULAR_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                 "text/tab-separated-values"}
# query_content_type_* of the manifest: each query form and the response types it allows
QUERY_FORM_TYPES = [
    ("SELECT (1 AS ?value) {}", TABULAR_TYPES),
    ("ASK {}", {"application/sparql-results+json", "application/sparql-results+xml"}),
    ("DESCRIBE <http://example.org/>", RDF_TYPES),
    ("CONSTRUCT { <s> <p> 1 } WHERE {}", RDF_TYPES),
]
QUERY_FORMS = ["select", "ask", "describe", "construct"]


def run_ceso(*args: str, build_dir: Path, source_dir: Path | None = None, check: bool = False, timeout: float = 300):
    """Run `python -m ceso ARGS` as a user would, with its own build (and optionally source) folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CESO_")}
    env["CESO_BUILD_DIR"] = str(build_dir)
    if source_dir is not None:
        env["CESO_SOURCE_DIR"] = str(source_dir)
    result = subprocess.run([sys.executable, "-m", "ceso", *args], capture_output=True, text=True, env=env,
                            timeout=timeout, cwd=REPO)
    if check and result.returncode != 0:
        raise AssertionError(f"ceso {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


def source_tree(target: Path, *instance_files: Path) -> Path:
    """The shipped ontology and shapes with the given hand-written instance files, as a CESO_SOURCE_DIR."""
    for part in ("ontology", "shapes"):
        shutil.copytree(REPO / part, target / part)
    (target / "instances").mkdir(parents=True)
    for path in instance_files:
        shutil.copy(path, target / "instances" / Path(path).name)
    return target


def stop_process(process: subprocess.Popen, grace: float = 10) -> None:
    """End a server process of a test: SIGTERM, then SIGKILL if it has not gone within `grace` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (now)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PREFIXES = ("https://w3id.org/ceso/id/", "https://w3id.org/ceso/ontology#", "http://www.w3.org/2006/time#",
            "http://www.wikidata.org/entity/")
XSD = "http://www.w3.org/2001/XMLSchema#"


def short(term: dict | None):
    """A SPARQL JSON term as a readable value: local name, day, number or plain string."""
    if term is None:
        return None
    value = term["value"]
    if term["type"] == "uri":
        return next((value[len(p):] for p in PREFIXES if value.startswith(p)), value)
    datatype = term.get("datatype", "")
    if datatype in (XSD + "dateTime", XSD + "dateTimeStamp"):
        return value[:10]
    if datatype in (XSD + "integer", XSD + "int", XSD + "long"):
        return int(value)
    if datatype in (XSD + "decimal", XSD + "double", XSD + "float"):
        return float(value)
    if datatype == XSD + "boolean":
        return value in ("true", "1")
    return value


@dataclass
class Reply:
    status: int
    headers: dict  # lower-cased names
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)


class Requests:
    """request()/query() over whatever `_send` speaks to."""

    base = "http://localhost"

    def request(self, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None,
                timeout: float = 30) -> Reply:
        if isinstance(body, str):
            body = body.encode("utf-8")
        return self._send(method, path, body, headers or {}, timeout)

    def query(self, query: str, accept: str | None = None, **params) -> Reply:
        qs = urllib.parse.urlencode({"query": query, **params}, doseq=True)
        return self.request("GET", "/sparql?" + qs, headers={"Accept": accept} if accept else {})


def make_client(build: Path = FIXTURE_BUILD, **config) -> "AppClient":
    """A fresh application (its own store) over `build`, with the given ServerConfig settings."""
    from ceso.server.app import create_app
    from ceso.server.config import ServerConfig

    if config.get("update_token") and "live_dir" not in config:  # a fresh live copy, not the user's
        import tempfile

        config["live_dir"] = Path(tempfile.mkdtemp(prefix="ceso-live-"))
    return AppClient(create_app(build, ServerConfig(queries_dir=FIXTURE_QUERIES, **config)))


class AppClient(Requests):
    """Flask's test client in-process: the protocol and page logic without sockets."""

    def __init__(self, app) -> None:
        self.app = app
        self.client = app.test_client()

    def _send(self, method, path, body, headers, timeout) -> Reply:
        response = self.client.open(path, method=method, data=body, headers=headers)
        return Reply(response.status_code, {k.lower(): v for k, v in response.headers.items()}, response.get_data())


class _Http(Requests):
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _send(self, method, path, body, headers, timeout) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        finally:
            conn.close()


class LiveServer(_Http):
    """An application on a real 127.0.0.1 socket, served by werkzeug in a thread: for clients that need a
    socket (SPARQLWrapper, Chromium, an endpoint other servers call), without a process of its own."""

    def __init__(self, app) -> None:
        from werkzeug.serving import make_server

        self.httpd = make_server("127.0.0.1", 0, app, threaded=True)
        self.port = self.httpd.server_port
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()


class Server(_Http):
    """`python -m ceso.server` (granian) as a process, for what a process decides: workers, runaway
    retirement, the access log, startup time."""

    def __init__(self, *args: str, build: Path = FIXTURE_BUILD, env: dict | None = None) -> None:
        self.port = free_port()
        self.log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"ceso-serve-{self.port}.log"
        self._log = open(self.log_path, "wb")
        command = [sys.executable, "-m", "ceso.server", "--build-dir", str(build), "--queries-dir", str(FIXTURE_QUERIES),
                   "--port", str(self.port), *args]
        self.started = time.monotonic()
        self.process = subprocess.Popen(command, cwd=REPO, stdout=self._log, stderr=subprocess.STDOUT,
                                        env={**os.environ, **(env or {})})
        self.ready_after = self._wait_ready()

    def _wait_ready(self, limit: float = 20.0) -> float:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log()}")
            try:
                if self.request("GET", "/health").status == 200:
                    return time.monotonic() - self.started
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"server not ready in {limit} s:\n{self.log()}")

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        stop_process(self.process)
        self._log.close()


class Stub:
    """A plain HTTP server on 127.0.0.1 in a thread, standing in for another service: `answer(method, path,
    headers, body)` returns (status, headers, body). Every request is recorded in `requests`."""

    def __init__(self, answer) -> None:
        import http.server

        self.requests: list[tuple[str, str, dict]] = []  # method, path, headers
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _handle(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                stub.requests.append((self.command, self.path, dict(self.headers)))
                status, headers, data = answer(self.command, self.path, self.headers, body)
                self.send_response(status)
                for name, value in {**headers, "Content-Length": str(len(data))}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _handle

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
