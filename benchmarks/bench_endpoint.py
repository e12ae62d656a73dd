"""Benchmark of the CESO endpoint, side by side in one run on 127.0.0.1 (not a test).

1. Engines in-process over the same data and the `queries/` mix: rdflib's in-memory engine, rdflib over an
   Oxigraph store (oxrdflib), pyoxigraph directly; medians per query, and a check that all three return
   the same rows.
2. HTTP: `ceso serve` (granian + pyoxigraph) against Oxigraph's own server (`oxigraph serve-read-only`
   over the build's store, the same dataset with the same default graph) and rdflib-endpoint serving the
   same default graph, side by side in one run, the query mix at concurrency 1 and 16: requests/s, p50 and
   p99, per query p50; plus the time from starting `ceso serve` to its first answered query. `ceso serve`
   runs twice: with its result cache off (`--cache-size 0`: every request evaluated, the figure to compare
   engines by) and with it on as shipped (`ceso serve, cached`: the mix repeats, so after each worker's first
   evaluation of a query its answers come from memory). Neither peer has a result cache.

    python benchmarks/bench_endpoint.py [--build-dir DIR] [--queries-dir DIR] [--seconds 5]
    python benchmarks/bench_endpoint.py --synthetic 100000  # the shipped graph plus ~100k synthetic triples
    python benchmarks/bench_endpoint.py --synthetic 1000000 --http-only --no-rdflib-endpoint  # at scale

Needs (bench only): pip install oxigraph rdflib-endpoint uvicorn oxrdflib (each command found beside this
Python or on the PATH; rdflib-endpoint may live in a venv of its own). Without --build-dir it uses
ceso.freshness.ensure_built() and the shipped queries/, falling back to the endpoint test fixture.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
FIXTURE = REPO / "tests" / "server" / "fixtures"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def synthetic(folder: Path, triples: int) -> Path:
    """The shipped graph plus CESO-shaped synthetic data (benchmarks/generate.py), built by `ceso build`.

    The shipped queries still find their answers, among `triples` more triples of the same shape.
    """
    from benchmarks.generate import generate

    source = folder / "src"
    for part in ("ontology", "shapes", "instances"):
        shutil.copytree(REPO / part, source / part)
    with open(source / "instances" / "synthetic.ttl", "w", encoding="utf-8") as out:
        generate(triples, out)
    env = {**os.environ, "CESO_SOURCE_DIR": str(source), "CESO_BUILD_DIR": str(folder / "build")}
    subprocess.run([sys.executable, "-m", "ceso", "build"], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)
    return (folder / "build" / "current").resolve()


def pick_data(args) -> tuple[Path, Path]:
    if args.synthetic:
        return synthetic(Path(tempfile.mkdtemp(prefix="ceso-synthetic-")), args.synthetic), REPO / "queries"
    if args.build_dir:
        return Path(args.build_dir), Path(args.queries_dir or REPO / "queries")
    try:
        from ceso import paths
        from ceso.freshness import ensure_built

        build = ensure_built()
        if any(paths.QUERIES_DIR.glob("*.rq")):
            return build, paths.QUERIES_DIR
        print("queries/ is empty: using the fixture's queries", file=sys.stderr)
        return build, FIXTURE / "queries"
    except Exception as err:  # the bench still runs on the fixture while the build is broken
        print(f"ceso build unavailable ({err.__class__.__name__}: {str(err).splitlines()[0]}); using the test fixture",
              file=sys.stderr)
        return FIXTURE / "build", FIXTURE / "queries"


def default_graph_ntriples(build: Path, out: Path) -> int:
    """The default graph (ontology ∪ instances ∪ inferred) as one N-Triples file, for the rdflib side."""
    import pyoxigraph as ox

    from ceso.namespaces import DEFAULT_GRAPHS

    triples = {q.triple for q in ox.parse(path=str(build / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
               if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in DEFAULT_GRAPHS}
    out.write_bytes(ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES))
    return len(triples)


def oxigraph_store(build: Path, work: Path) -> Path:
    """The build's own store for Oxigraph's server; a build without one (the fixture) gets one made here."""
    from ceso.store import STORE_DIR, write_store

    if (build / STORE_DIR).is_dir():
        return build / STORE_DIR
    write_store(build / "dataset.nq", work / "oxigraph-store")
    return work / "oxigraph-store"


# ---- 1. engines in-process ------------------------------------------------------------------------------

def _value(lexical: str, datatype: str | None):
    """A typed literal by its value, so "…Z" and rdflib's "…+00:00" count as the same date-time."""
    import rdflib

    if not datatype:
        return lexical
    return repr(rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype)).toPython())


def _norm_rdflib(term):
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.Literal):
        dt = str(term.datatype) if term.datatype else None
        dt = None if dt == XSD_STRING or term.language else dt
        return ("literal", _value(str(term), dt), term.language, dt)
    if isinstance(term, rdflib.BNode):
        return ("bnode",)
    return ("iri", str(term))


def _norm_ox(term):
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        dt = None if dt == XSD_STRING or term.language else dt
        return ("literal", _value(term.value, dt), term.language, dt)
    if isinstance(term, ox.BlankNode):
        return ("bnode",)
    return ("iri", term.value)


def engines(nt_file: Path, build: Path, queries: list, repeat: int) -> list[dict]:
    import rdflib

    from ceso.store import open_build

    memory = rdflib.Graph()
    memory.parse(str(nt_file), format="nt")
    over_ox = rdflib.Graph(store="Oxigraph")
    over_ox.parse(str(nt_file), format="nt")
    store = open_build(build).store
    rows = []
    for name, text in queries:
        timings, answers = {}, {}
        for engine, run in (
            ("rdflib", lambda: [[_norm_rdflib(v) for v in r] for r in memory.query(text)]),
            ("rdflib+oxigraph", lambda: [[_norm_rdflib(v) for v in r] for r in over_ox.query(text)]),
            ("pyoxigraph", lambda: [[_norm_ox(v) for v in r] for r in store.query(text)]),
        ):
            samples = []
            for _ in range(repeat):
                started = time.perf_counter()
                answer = run()
                samples.append(time.perf_counter() - started)
            timings[engine] = statistics.median(samples) * 1000
            answers[engine] = sorted(map(repr, answer))
        same = answers["rdflib"] == answers["rdflib+oxigraph"] == answers["pyoxigraph"]
        rows.append({"query": name, **{k: round(v, 3) for k, v in timings.items()}, "rows": len(answers["pyoxigraph"]),
                     "identical": same})
    return rows


# ---- 2. HTTP -------------------------------------------------------------------------------------------

def wait_http(port: int, path: str, limit: float = 60.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            if conn.getresponse().status == 200:
                return time.monotonic() - started
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"nothing answered on port {port}")


def answers(port: int, path: str, text: str) -> list:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path + "?" + urllib.parse.urlencode({"query": text}), headers={"Accept": "application/sparql-results+json"})
    body = json.loads(conn.getresponse().read())
    conn.close()
    def cell(v):
        datatype = v.get("datatype") if v.get("datatype") != XSD_STRING else None
        return v["type"].replace("typed-literal", "literal"), _value(v["value"], datatype)

    return sorted(json.dumps({k: cell(v) for k, v in b.items()}, sort_keys=True) for b in body["results"]["bindings"])


def tree_rss_mb(pid: int) -> dict[int, int]:
    """Resident MB of a process and its children (a server's master and workers), from /proc."""
    sizes = {}
    for child in [pid, *map(int, Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]:
        status = Path(f"/proc/{child}/status").read_text()
        sizes[child] = int(status.split("VmRSS:")[1].split()[0]) // 1024
    return sizes


def load_run(port: int, path: str, queries: list, concurrency: int, seconds: float) -> dict:
    latencies: dict[str, list[float]] = {name: [] for name, _ in queries}
    errors = []
    stop = time.monotonic() + seconds
    encoded = [(name, path + "?" + urllib.parse.urlencode({"query": text})) for name, text in queries]

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i = offset
        while time.monotonic() < stop:
            name, url = encoded[i % len(encoded)]
            i += 1
            started = time.perf_counter()
            try:
                conn.request("GET", url, headers={"Accept": "application/sparql-results+json"})
                resp = conn.getresponse()
                resp.read()
                if resp.status != 200:
                    errors.append(resp.status)
                    continue
            except OSError as err:
                errors.append(repr(err))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            latencies[name].append(time.perf_counter() - started)
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    every = sorted(x for v in latencies.values() for x in v)

    def pct(values, p):
        return round(values[min(len(values) - 1, int(p * len(values)))] * 1000, 2) if values else None

    return {"requests": len(every), "errors": len(errors), "rps": round(len(every) / elapsed, 1),
            "p50_ms": pct(every, 0.50), "p99_ms": pct(every, 0.99),
            "per_query_p50_ms": {name: pct(sorted(v), 0.5) for name, v in latencies.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir")
    parser.add_argument("--queries-dir")
    parser.add_argument("--synthetic", type=int, metavar="TRIPLES",
                        help="benchmark the shipped graph plus this many synthetic triples of the same shape")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each HTTP run")
    parser.add_argument("--http-only", action="store_true",
                        help="skip the in-process engine comparison (slow with rdflib on large graphs)")
    parser.add_argument("--repeat", type=int, default=20, help="runs per query per engine")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-rdflib-endpoint", action="store_true",
                        help="leave rdflib-endpoint out (it loads a 1M graph into memory for minutes)")
    parser.add_argument("--json", help="also write the numbers to this file")
    args = parser.parse_args()
    search = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    peers = ("oxigraph",) if args.no_rdflib_endpoint else ("rdflib-endpoint", "oxigraph")
    commands = {name: shutil.which(name, path=search) for name in peers}
    if None in commands.values():
        print("needs oxigraph, rdflib-endpoint, uvicorn and oxrdflib: pip install oxigraph rdflib-endpoint uvicorn oxrdflib",
              file=sys.stderr)
        return 2

    from ceso.queries import catalogue

    build, queries_dir = pick_data(args)
    # Federated examples reach Wikidata over the network: not part of a local benchmark.
    queries = [(q.name, q.text) for q in catalogue(queries_dir) if "# federated:" not in q.text]
    work = Path(tempfile.mkdtemp(prefix="ceso-bench-"))
    nt = work / "default-graph.nt"
    size = default_graph_ntriples(build, nt)  # also the size reported for runs without rdflib-endpoint
    print(f"data: {build} ({size} triples in the default graph); {len(queries)} queries from {queries_dir}\n")

    report = {"build": str(build), "triples": size, "queries": [n for n, _ in queries]}
    if not args.http_only:
        report["engines"] = engines(nt, build, queries, args.repeat)
        print("| query | rows | rdflib ms | rdflib+oxigraph ms | pyoxigraph ms | same rows |\n|---|---|---|---|---|---|")
        for r in report["engines"]:
            print(f"| {r['query']} | {r['rows']} | {r['rdflib']} | {r['rdflib+oxigraph']} | {r['pyoxigraph']} | {r['identical']} |")

    ours_port, cached_port, theirs_port, ox_port = free_port(), free_port(), free_port(), free_port()

    def ceso_serve(port: int, *options: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "ceso.server", "--build-dir", str(build), "--port", str(port),
                                 "--workers", str(args.workers), "--no-access-log", "--max-results", "100000", *options],
                                cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # Timed from before the Popen: with a large graph in this process, Popen itself can take longer than
    # the server needs to start.
    since = time.monotonic()
    ours = ceso_serve(ours_port, "--cache-size", "0")
    wait_http(ours_port, "/sparql?query=" + urllib.parse.quote(queries[0][1]))
    first_query = time.monotonic() - since
    cached = ceso_serve(cached_port)
    wait_http(cached_port, "/sparql?query=ASK%7B%7D")
    report["ceso_first_query_s"] = round(first_query, 3)
    theirs = None if args.no_rdflib_endpoint else subprocess.Popen(
        [commands["rdflib-endpoint"], "serve", "--host", "127.0.0.1", "--port", str(theirs_port), str(nt)],
        cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})
    oxigraph = subprocess.Popen([commands["oxigraph"], "serve-read-only", "--location", str(oxigraph_store(build, work)),
                                 "--bind", f"127.0.0.1:{ox_port}"], cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # rdflib-endpoint answers SPARQL at its root path, Oxigraph's server at /query.
        servers = (("ceso serve", ours_port, "/sparql"), ("ceso serve, cached", cached_port, "/sparql"),
                   ("oxigraph", ox_port, "/query"), ("rdflib-endpoint", theirs_port, "/"))[:3 if theirs is None else 4]
        if theirs is not None:
            wait_http(theirs_port, "/?query=ASK%7B%7D", 120)
        wait_http(ox_port, "/query?query=ASK%7B%7D", 120)
        time.sleep(0.5)  # let every worker finish loading
        report["same_rows_over_http"] = {name: len({json.dumps(answers(port, path, text)) for _, port, path in servers}) == 1
                                         for name, text in queries}
        report["http"] = []
        for concurrency in (1, 16):
            for name, port, path in servers:
                result = load_run(port, path, queries, concurrency, args.seconds)
                report["http"].append({"server": name, "concurrency": concurrency, **result})
        report["ceso_rss_mb"] = {"uncached": tree_rss_mb(ours.pid), "cached": tree_rss_mb(cached.pid)}
    finally:
        for proc in filter(None, (ours, cached, theirs, oxigraph)):
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:  # rdflib-endpoint (uvicorn) can ignore SIGTERM mid-request
                proc.kill()
                proc.wait()
        shutil.rmtree(work, ignore_errors=True)

    print(f"\nsame rows from all {len(servers)} servers:", report["same_rows_over_http"])
    print(f"\n`ceso serve` answered its first query {first_query:.2f} s after it was started; resident MB by "
          f"process (master first, then workers) after the runs: {report['ceso_rss_mb']}\n")
    print("| server | concurrency | requests/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|")
    for r in report["http"]:
        print(f"| {r['server']} | {r['concurrency']} | {r['rps']} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} |")
    for c in (1, 16):
        rps = {r["server"]: r["rps"] for r in report["http"] if r["concurrency"] == c}
        for ours_name in ("ceso serve", "ceso serve, cached"):
            print(f"\nconcurrency {c}: {ours_name} throughput = "
                  + ", ".join(f"{rps[ours_name] / max(rps[peer], 0.001):.2f}x {peer}'s" for peer in peers))
    print("\np50 per query at concurrency 1 (ms; ratio = the other's p50 / ceso's, above 1 is ceso ahead):\n\n"
          "uncached: `ceso serve --cache-size 0`; cached: `ceso serve` as shipped, the mix repeating\n\n"
          "| query | ceso serve uncached | cached | oxigraph | ratio uncached | ratio cached | rdflib-endpoint | "
          "ratio uncached | ratio cached |\n|---|---|---|---|---|---|---|---|---|")
    c1 = {r["server"]: r["per_query_p50_ms"] for r in report["http"] if r["concurrency"] == 1}

    def ratio(other, name, ours="ceso serve"):
        return f"{other[name] / c1[ours][name]:.2f}" if other.get(name) and c1[ours].get(name) else "-"

    ox_, rdflib_ = c1["oxigraph"], c1.get("rdflib-endpoint", {})
    for name, _ in queries:
        print(f"| {name} | {c1['ceso serve'][name]} | {c1['ceso serve, cached'][name]} | {ox_[name]} | "
              f"{ratio(ox_, name)} | {ratio(ox_, name, 'ceso serve, cached')} | {rdflib_.get(name, '-')} | "
              f"{ratio(rdflib_, name)} | {ratio(rdflib_, name, 'ceso serve, cached')} |")
    for ours_name in ("ceso serve", "ceso serve, cached"):
        for peer in peers:
            ours_, theirs_ = c1[ours_name], c1[peer]
            timed = [n for n, _ in queries if ours_.get(n) and theirs_.get(n)]
            behind = [n for n in timed if ours_[n] > theirs_[n]]
            print(f"\n{ours_name} against {peer}: {len(timed)} queries timed by both, {len(behind)} slower here"
                  + (f" ({', '.join(behind)})" if 0 < len(behind) <= 12 else ""))
    fast = [n for n, _ in queries if c1["ceso serve"].get(n) is not None and c1["ceso serve"][n] <= 50]
    print(f"\nuncached p50 at most 50 ms: {len(fast)} of {len(queries)} queries")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
