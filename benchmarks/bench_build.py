"""Build benchmark: load, validate, reason, publish and total, medians over repeated runs.

For the shipped graph and for synthetic graphs of the same shape (benchmarks/generate.py), with both
OWL 2 RL engines side by side. Prints a Markdown table for the README.

    python benchmarks/bench_build.py                      # shipped, 10k, 100k
    python benchmarks/bench_build.py --sizes 10000 --repeat 5
    python benchmarks/bench_build.py --sizes 1000000 --repeat 1 --engines reasonable --skip owlrl
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate  # noqa: E402
from ceso.build import build  # noqa: E402
from ceso.inputs import shipped_files  # noqa: E402


def one_build(parts: dict, engine: str, root: Path) -> dict[str, float]:
    """One full build of `parts`; its step timings as the build itself measured them."""
    result = build(parts, root=root, engine=engine, force=True, wikidata=False)
    return {**result.timings, "total": sum(result.timings.values()), "triples": result.triples}


def measure(label: str, parts: dict, engine: str, repeat: int) -> dict:
    runs = []
    with tempfile.TemporaryDirectory() as root:
        for _ in range(repeat):
            gc.collect()
            runs.append(one_build(parts, engine, Path(root)))
    medians = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    medians["label"], medians["engine"] = label, engine
    medians["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:>9} {engine:>10}: " + ", ".join(f"{k} {medians[k]:.2f} s" for k in ("load", "validate", "reason", "publish", "total")),
          file=sys.stderr, flush=True)
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="synthetic sizes in triples")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engines", nargs="*", default=["reasonable", "owlrl"])
    parser.add_argument("--no-shipped", action="store_true")
    parser.add_argument("--owlrl-max", type=int, default=20_000, help="largest synthetic size to reason with owlrl (it is slow)")
    args = parser.parse_args()

    rows = []
    shipped = shipped_files()
    if not args.no_shipped:
        for engine in args.engines:
            rows.append(measure("shipped", shipped, engine, args.repeat))
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"synthetic-{size}.ttl"
            with open(path, "w", encoding="utf-8") as out:
                generate(size, out)
            parts = {"ontology": shipped["ontology"], "shapes": shipped["shapes"], "instances": [path]}
            for engine in args.engines:
                if engine == "owlrl" and size > args.owlrl_max:
                    continue
                rows.append(measure(f"{size // 1000}k", parts, engine, args.repeat))

    print("| graph | triples (with inferred) | reasoner | load | validate | reason | publish | total | peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['label']} | {int(r['triples']):,} | {r['engine']} | {r['load']:.2f} s | {r['validate']:.2f} s | "
              f"{r['reason']:.2f} s | {r['publish']:.2f} s | {r['total']:.2f} s | {r['peak_rss_mb']:,.0f} MB |")


if __name__ == "__main__":
    main()
