"""SPARQL engines as real processes on 127.0.0.1, from a throwaway folder on free ports, with bounded waits:
Oxigraph's server (PyPI `oxigraph`) and Virtuoso Open Source (Debian `virtuoso-opensource`). Shared by
tests/backends/conftest.py and benchmarks/bench_backends.py."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from support import free_port, stop_process


D = "http://kasei.us/2009/09/sparql/data/"
FOAF_DOCUMENT = "http://xmlns.com/foaf/0.1/Document"
VIRTUOSO_PASSWORD = "cesotestdba"
VIRTUOSO_INI = """[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = .
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 0
; one update may write this much log (default 50 MB): enough for the switch of 2M triples (the value is a 32-bit integer)
TransactionAfterImageLimit = 2000000000
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
ServerThreads = 8
MaxClientConnections = 8
EnabledGzipContent = 0
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 60
"""


class EngineMissing(RuntimeError):
    def __init__(self, what: str, fix: str) -> None:
        super().__init__(f"{what} is missing ({fix})")
        self.what, self.fix = what, fix


class Engine:
    """A SPARQL engine process: its query endpoint, how to publish to it, how to stop it."""

    def __init__(self, name: str, endpoint: str, process: subprocess.Popen, log: Path, folder: Path,
                 publish_args: tuple[str, ...] = (), graph_store: str = "", auth: tuple[str, str] | None = None):
        self.name, self.endpoint, self.process, self.log, self.folder = name, endpoint, process, log, folder
        self.publish_args, self.graph_store, self.auth = publish_args, graph_store, auth

    def wait(self, limit: float) -> None:
        deadline = time.monotonic() + limit
        probe = self.endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}"})
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.log.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(probe, timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} not ready in {limit} s:\n{self.log.read_text(errors='replace')[-3000:]}")

    def put(self, graph: str, ntriples: str) -> None:
        """Load a graph directly into the engine (the W3C cases' own data), with its Graph Store."""
        param = "graph-uri" if self.name == "virtuoso" else "graph"
        url = f"{self.graph_store}?{urllib.parse.urlencode({param: graph})}"
        handlers = []
        if self.auth:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, url, *self.auth)
            handlers.append(urllib.request.HTTPDigestAuthHandler(passwords))
        request = urllib.request.Request(url, ntriples.encode(), {"Content-Type": "text/turtle"}, method="PUT")
        with urllib.request.build_opener(*handlers).open(request, timeout=30) as reply:
            assert reply.status in (200, 201, 204)

    def stop(self) -> None:
        stop_process(self.process, grace=20)


def start_oxigraph(folder: Path) -> Engine:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).is_file():
        raise EngineMissing("Oxigraph's server (`oxigraph`)", "pip install '.[test]'")
    port = free_port()
    log = folder / "oxigraph.log"
    # --timeout-s: the engine's own query deadline, so that a runaway query stops there too.
    process = subprocess.Popen([binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}",
                                "--timeout-s", "20"], stdout=log.open("wb"), stderr=subprocess.STDOUT)
    engine = Engine("oxigraph", f"http://127.0.0.1:{port}/query", process, log, folder,
                    graph_store=f"http://127.0.0.1:{port}/store")
    try:
        engine.wait(20)
    except RuntimeError:
        engine.stop()
        raise
    return engine


def start_virtuoso(folder: Path) -> Engine:
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not binary or not isql:
        raise EngineMissing("Virtuoso (`virtuoso-t`, `isql-vt`)", "apt-get install virtuoso-opensource")
    http_port, sql_port = free_port(), free_port()
    vsp = "/var/lib/virtuoso-opensource-7/vsp"
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(sql_port=sql_port, http_port=http_port,
                                                             vsp=vsp if Path(vsp).is_dir() else folder))
    log = folder / "virtuoso.out"
    process = subprocess.Popen([binary, "+configfile", "virtuoso.ini", "+foreground"], cwd=folder,
                               stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    engine = Engine("virtuoso", base + "/sparql", process, log, folder,
                    graph_store=base + "/sparql-graph-crud-auth", auth=("dba", VIRTUOSO_PASSWORD))
    try:
        engine.wait(90)
        # A fresh database's dba password is "dba": replace it, as anyone exposing the engine would.
        done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba"],
                              input=f"USER_SET_PASSWORD('dba', '{VIRTUOSO_PASSWORD}');\n",
                              capture_output=True, text=True, timeout=30)
        assert done.returncode == 0 and "Error" not in done.stdout + done.stderr, done.stdout + done.stderr
    except BaseException:
        engine.stop()
        raise
    (folder / "password").write_text(VIRTUOSO_PASSWORD + "\n")
    engine.publish_args = ("--user", "dba", "--password-file", str(folder / "password"))
    return engine


STARTERS = {"oxigraph": start_oxigraph, "virtuoso": start_virtuoso}
