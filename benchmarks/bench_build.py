"""Build benchmark: the time and peak memory of each step (load, validate, reason, publish) and of the
whole build; times are medians over repeated runs, memory the highest of them.

For the shipped graph and for synthetic graphs of the same shape (benchmarks/generate.py), with the
chosen OWL 2 RL engines side by side. Peak memory is the build process's resident high-water mark while a
step ran, measured by the build itself (Linux); reasoning runs beside validation and counts there. Prints
Markdown tables for RESULTS.md.

    python benchmarks/bench_build.py                      # shipped, 10k, 100k with the default reasoner
    python benchmarks/bench_build.py --sizes 10000 --repeat 5 --engines oxigraph owlrl
    python benchmarks/bench_build.py --sizes 1000000 5000000 --repeat 1 --no-shipped
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import generate  # noqa: E402
from ceso.build import build  # noqa: E402
from ceso.inputs import shipped_files  # noqa: E402
from ceso.reason import DEFAULT_ENGINE  # noqa: E402

STEPS = ("load", "validate", "reason", "publish")


def one_build(parts: dict, engine: str, root: Path) -> dict[str, float]:
    """One full build of `parts`; its step timings and peaks as the build itself measured them."""
    result = build(parts, root=root, engine=engine, force=True, wikidata=False)
    peaks = {f"{step}_mb": result.peaks.get(step, 0) / 2**20 for step in STEPS}
    return {**result.timings, "total": sum(result.timings.values()), "triples": result.triples,
            **peaks, "peak_mb": max(peaks.values())}


def measure(label: str, parts: dict, engine: str, repeat: int) -> dict:
    runs = []
    with tempfile.TemporaryDirectory() as root:
        for _ in range(repeat):
            gc.collect()
            runs.append(one_build(parts, engine, Path(root)))
    medians = {key: (max if key.endswith("_mb") else statistics.median)(run[key] for run in runs) for key in runs[0]}
    medians["label"], medians["engine"] = label, engine
    print(f"{label:>9} {engine:>10}: " + ", ".join(f"{k} {medians[k]:.2f} s" for k in (*STEPS, "total"))
          + f", peak {medians['peak_mb']:,.0f} MB", file=sys.stderr, flush=True)
    return medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="synthetic sizes in triples")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engines", nargs="*", default=[DEFAULT_ENGINE])
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
                label = f"{size // 1_000_000}M" if size >= 1_000_000 else f"{size // 1000}k"
                rows.append(measure(label, parts, engine, args.repeat))

    print("| graph | triples (with inferred) | reasoner | load | validate | reason (after validate) | publish | total | peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['label']} | {int(r['triples']):,} | {r['engine']} | "
              + " | ".join(f"{r[step]:.2f} s" for step in (*STEPS, "total")) + f" | {r['peak_mb']:,.0f} MB |")
    print("\nPeak resident memory while each step ran (reasoning runs beside validation and counts there):\n")
    print("| graph | reasoner | load | validate | reason (after validate) | publish |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['label']} | {r['engine']} | " + " | ".join(f"{r[step + '_mb']:,.0f} MB" for step in STEPS) + " |")


if __name__ == "__main__":
    main()
