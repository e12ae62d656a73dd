"""Where the time of a cheap query goes over HTTP (issue 15): the p50 of `ASK {}` from one client on
127.0.0.1 against Oxigraph's own server, against `ceso serve` with its result cache off and on (as shipped;
the same request repeated is then answered from memory), and against a bare Flask route under the same
granian settings (the framework's floor: no SPARQL at all). Not a test.

    python benchmarks/bench_http_floor.py [--requests 2000]
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.bench_endpoint import free_port, oxigraph_store, wait_http  # noqa: E402

QUERY = urllib.parse.quote("ASK {}")
BARE_APP = textwrap.dedent("""
    from flask import Flask
    app = Flask(__name__)

    @app.get("/sparql")
    def answer():
        return '{"head":{},"boolean":true}', 200, {"Content-Type": "application/sparql-results+json"}
""")


def p50(port: int, path: str, requests: int) -> float:
    connection = http.client.HTTPConnection("127.0.0.1", port)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        connection.request("GET", path, headers={"Accept": "application/sparql-results+json"})
        reply = connection.getresponse()
        reply.read()
        times.append(time.perf_counter() - started)
        assert reply.status == 200, reply.status
    connection.close()
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    from ceso.freshness import ensure_built

    build = ensure_built()
    work = Path(tempfile.mkdtemp(prefix="ceso-floor-"))
    (work / "bare.py").write_text(BARE_APP)
    ports = {name: free_port() for name in ("oxigraph", "ceso serve", "ceso serve, cached", "bare Flask")}
    granian = [sys.executable, "-m", "granian", "--interface", "wsgi", "--http", "1", "--no-ws", "--workers", "2",
               "--blocking-threads", "32", "--log-level", "error"]
    processes = [
        subprocess.Popen([shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or "oxigraph", "serve-read-only", "--location",
                          str(oxigraph_store(build, work)), "--bind", f"127.0.0.1:{ports['oxigraph']}"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        *(subprocess.Popen([sys.executable, "-m", "ceso", "serve", "--port", str(ports[name]), "--no-access-log", *options],
                           cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
          for name, options in (("ceso serve", ("--cache-size", "0")), ("ceso serve, cached", ()))),
        subprocess.Popen([*granian, "--port", str(ports["bare Flask"]), "bare:app"], cwd=work,
                         env={**os.environ, "PYTHONPATH": str(work)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]
    paths = {"oxigraph": f"/query?query={QUERY}", "ceso serve": f"/sparql?query={QUERY}",
             "ceso serve, cached": f"/sparql?query={QUERY}", "bare Flask": "/sparql"}
    try:
        for name, port in ports.items():
            wait_http(port, paths[name])
        print("| server | p50 of ASK {} over HTTP |\n|---|---|")
        for name, port in ports.items():
            p50(port, paths[name], 200)  # warm up
            print(f"| {name} | {p50(port, paths[name], args.requests):.3f} ms |", flush=True)
    finally:
        for process in processes:
            process.terminate()
            process.wait(10)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
