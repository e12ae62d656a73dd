"""Benchmark of `ceso serve` over its embedded store against `ceso serve --backend` over Oxigraph's server
and over Virtuoso, on 127.0.0.1 (not a test).

For each engine: the time `ceso publish --to` takes (and `--direct`, without the atomic switch), then the competency queries over HTTP through a
`ceso serve` process (granian) at concurrency 1 and 8: requests/s, p50, p99; the embedded store is the
baseline. The engines run from throwaway folders (tests/backends/backend_engines.py).

    python benchmarks/bench_backends.py                      # the shipped graph
    python benchmarks/bench_backends.py --synthetic 1000000  # plus 1M synthetic triples

--synthetic adds benchmarks/generate.py's CESO-shaped triples to the shipped build's instances graph
without reasoning over them (OWL 2 RL reasoning does not fit in this machine's memory at 1M, see
RESULTS.md): a graph of the size to publish and query, not a build.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "tests" / "backends")]

from backend_engines import STARTERS  # noqa: E402
from benchmarks.bench_endpoint import free_port, load_run, wait_http  # noqa: E402


def with_synthetic(build: Path, triples: int, folder: Path) -> Path:
    import pyoxigraph as ox

    from benchmarks.generate import generate
    from ceso.namespaces import INSTANCES_GRAPH

    out = folder / "build"
    shutil.copytree(build, out)
    text = io.StringIO()
    generate(triples, text)
    graph = ox.NamedNode(INSTANCES_GRAPH)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph)
             for t in ox.parse(text.getvalue().encode(), format=ox.RdfFormat.TURTLE)]
    with open(out / "dataset.nq", "ab") as nq:
        nq.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return out


def serve(build: Path, backend: str | None, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    command = [sys.executable, "-m", "ceso.server", "--build-dir", str(build), "--port", str(port),
               "--workers", str(workers), "--no-access-log", "--max-results", "100000"]
    if backend:
        command += ["--backend", backend]
    return subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), port


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", help="a build folder (default: the current build of the shipped graph)")
    parser.add_argument("--synthetic", type=int, default=0, metavar="TRIPLES")
    parser.add_argument("--engines", default="oxigraph,virtuoso")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each HTTP run")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--direct", action="store_true", help="publish only with --direct (no atomic switch)")
    parser.add_argument("--json", help="also write the numbers to this file")
    args = parser.parse_args()

    from ceso.freshness import ensure_built
    from ceso.queries import catalogue
    from ceso.remote_publish import publish

    work = Path(tempfile.mkdtemp(prefix="ceso-bench-backends-"))
    build = Path(args.build_dir) if args.build_dir else ensure_built()
    if args.synthetic:
        build = with_synthetic(build, args.synthetic, work)
    queries = [(q.name, q.text) for q in catalogue(REPO / "queries") if "SERVICE" not in q.text]
    lines = sum(1 for _ in open(build / "dataset.nq", "rb"))
    print(f"data: {build} ({lines:,} quads); {len(queries)} queries\n")
    report: dict = {"quads": lines, "publish": {}, "http": []}
    targets: list[tuple[str, str | None]] = [("embedded", None)]
    engines = []
    try:
        for name in args.engines.split(","):
            (work / name).mkdir()
            engine = STARTERS[name](work / name)
            engines.append(engine)
            user = {"user": engine.auth[0], "password": engine.auth[1]} if engine.auth else {}
            report["publish"][name] = {"seconds": None, "upload": None, "switch": None}
            if not args.direct:
                started = time.perf_counter()
                result = publish(build, engine.endpoint, **user)
                report["publish"][name] = {"seconds": round(time.perf_counter() - started, 2),
                                           "upload": round(result.upload_seconds, 2), "switch": round(result.switch_seconds, 2)}
                print(result.format(), "\n")
            started = time.perf_counter()
            result = publish(build, engine.endpoint, direct=True, **user)  # straight onto the graph names
            report["publish"][name].update(direct=round(time.perf_counter() - started, 2), triples=sum(result.graphs.values()))
            targets.append((name, engine.endpoint))
        for name, backend in targets:
            proc, port = serve(build, backend, args.workers)
            try:
                first = wait_http(port, "/sparql?query=" + urllib.parse.quote(queries[0][1]), 300)
                time.sleep(0.5)
                for concurrency in (1, 8):
                    row = {"server": name, "concurrency": concurrency, "first_query_s": round(first, 2),
                           **load_run(port, "/sparql", queries, concurrency, args.seconds)}
                    report["http"].append(row)
            finally:
                stop(proc)
    finally:
        for engine in engines:
            engine.stop()
        shutil.rmtree(work, ignore_errors=True)

    print("| engine | triples sent | publish s | upload s | switch s | --direct s |\n|---|---|---|---|---|---|")
    for name, r in report["publish"].items():
        print(f"| {name} | {r['triples']:,} | {r['seconds']} | {r['upload']} | {r['switch']} | {r['direct']} |")
    print("\n| server | concurrency | requests/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|---|")
    for r in report["http"]:
        print(f"| {r['server']} | {r['concurrency']} | {r['rps']} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} |")
    print("\np50 per query at concurrency 1 (ms):\n")
    c1 = {r["server"]: r for r in report["http"] if r["concurrency"] == 1}
    print("| query | " + " | ".join(c1) + " |\n|---|" + "---|" * len(c1))
    for name, _ in queries:
        print(f"| {name} | " + " | ".join(str(c1[s]["per_query_p50_ms"][name]) for s in c1) + " |")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
