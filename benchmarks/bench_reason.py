"""Reason-step benchmark: the OWL 2 RL step alone, per engine and size, with its time and peak memory.

Each (graph, engine) runs in its own process, so that its peak RSS is its own: the process loads the
graph (the shipped one, or ontology + benchmarks/generate.py data), then times `reason()` (median of
--repeat runs, wall-clock and CPU time). RSS after load is what the loaded rdflib graph takes before reasoning starts; the peak
includes it. Prints a Markdown table.

    python benchmarks/bench_reason.py                                  # shipped, 10k, 100k; every engine that fits
    python benchmarks/bench_reason.py --sizes 1000000 --engines oxigraph --repeat 1 --no-shipped
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Engines past these sizes are left out: owlrl takes minutes, and at 1M reasonable needs more than 16 GB.
DEFAULT_LIMITS = {"owlrl": 20_000, "reasonable": 200_000}


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(source: str, engine: str, repeat: int) -> dict:
    """In the child process: load, then time the reason step."""
    from ceso.inputs import shipped_files
    from ceso.load import load
    from ceso.reason import reason

    parts = shipped_files()
    if source != "shipped":
        parts["instances"] = [Path(source)]
    data = load(parts).data()
    loaded = _rss_mb()
    times, cpu, sizes = [], [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = reason(data, engine)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        sizes = (len(result.inferred), len(result.same_as))
        del result
    return {"triples": len(data), "inferred": sizes[0], "same_as": sizes[1], "reason_s": statistics.median(times),
            "reason_cpu_s": statistics.median(cpu),
            "rss_loaded_mb": loaded, "peak_rss_mb": _rss_mb()}


def measure(label: str, source: str, engine: str, repeat: int, memory_gb: float) -> dict:
    def limit():  # a runaway engine fails alone instead of taking the shared machine down
        cap = int(memory_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    child = subprocess.run([sys.executable, __file__, "--one", source, engine, str(repeat)], capture_output=True,
                           text=True, preexec_fn=limit, cwd=ROOT)
    row = {"label": label, "engine": engine}
    if child.returncode != 0:
        row["error"] = (child.stderr.strip().splitlines() or [f"exit {child.returncode}"])[-1][:120]
    else:
        row.update(json.loads(child.stdout.strip().splitlines()[-1]))
    print(json.dumps(row), file=sys.stderr, flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="synthetic sizes in triples")
    parser.add_argument("--engines", nargs="*", default=["oxigraph", "reasonable", "owlrl"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-shipped", action="store_true")
    parser.add_argument("--all-sizes", action="store_true", help="run every engine at every size (see DEFAULT_LIMITS)")
    parser.add_argument("--memory-gb", type=float, default=20, help="address-space cap of each run")
    parser.add_argument("--one", nargs=3, metavar=("SOURCE", "ENGINE", "REPEAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        source, engine, repeat = args.one
        print(json.dumps(one(source, engine, int(repeat))))
        return

    from benchmarks.generate import generate

    rows = []
    if not args.no_shipped:
        rows += [measure("shipped", "shipped", engine, args.repeat, args.memory_gb) for engine in args.engines]
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"synthetic-{size}.ttl"
            with open(path, "w", encoding="utf-8") as out:
                generate(size, out)
            for engine in args.engines:
                if args.all_sizes or size <= DEFAULT_LIMITS.get(engine, size):
                    rows.append(measure(f"{size // 1000}k", str(path), engine, args.repeat, args.memory_gb))

    # CPU time as well as wall time: on a shared machine the wall time also counts the others' jobs.
    print("| graph | triples | engine | inferred | sameas | reason (wall) | reason (CPU) | RSS after load | peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        if "error" in r:
            print(f"| {r['label']} | | {r['engine']} | | | failed: {r['error']} | | | |")
        else:
            print(f"| {r['label']} | {r['triples']:,} | {r['engine']} | {r['inferred']:,} | {r['same_as']:,} | "
                  f"{r['reason_s']:.2f} s | {r['reason_cpu_s']:.2f} s | {r['rss_loaded_mb']:,.0f} MB | {r['peak_rss_mb']:,.0f} MB |")


if __name__ == "__main__":
    main()
