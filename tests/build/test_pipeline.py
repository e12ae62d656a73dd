"""The build as a user runs it: artefacts, named graphs, VoID, determinism, skipping, the CLI's commands."""

from __future__ import annotations

import json
import re
from collections import Counter

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, XSD

from ceso.progress import Progress
from support import run_ceso

GRAPHS = ("ontology", "instances", "inferred", "sameas", "shapes", "void")
G = "https://w3id.org/ceso/graph/"
VOID = "http://rdfs.org/ns/void#"


def _quads_per_graph(build_dir) -> Counter:
    return Counter(line.rsplit(" ", 2)[-2] for line in (build_dir / "dataset.nq").read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("command", ["serve", "build", "validate", "query", "stats", "export"])
def test_every_command_has_help(command, tmp_path):
    result = run_ceso(command, "--help", build_dir=tmp_path)
    assert result.returncode == 0 and "usage: ceso " + command in result.stdout


def test_build_publishes_the_artefacts_and_named_graphs(build_dir):
    for name in ("dataset.nq", "void.ttl", "ontology.ttl", "ontology.owl", "ontology.html", "manifest.json"):
        assert (build_dir / name).stat().st_size > 0, name
    graphs = _quads_per_graph(build_dir)
    assert set(graphs) == {f"<{G}{name}>" for name in GRAPHS}
    lines = (build_dir / "dataset.nq").read_text(encoding="utf-8").splitlines()
    # Sorted by graph, then by line: the same input always gives the same bytes.
    def graph_then_line(line):
        return line[line.rindex(" <"):], line
    assert lines == sorted(lines, key=graph_then_line)
    assert "<html" in (build_dir / "ontology.html").read_text(encoding="utf-8")[:2000].lower()
    Graph().parse(build_dir / "ontology.owl", format="xml")


def test_void_counts_match_the_dataset(build_dir):
    void = Graph().parse(build_dir / "void.ttl")
    store = ox.Store()
    store.load(path=str(build_dir / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    # Each measure counted by Oxigraph's SPARQL over the published quads, graph by graph.
    measures = {"triples": "COUNT(*)", "entities": "COUNT(DISTINCT IF(isIRI(?s), ?s, ?unbound))",
                "classes": "COUNT(DISTINCT IF(?p = rdf:type, ?o, ?unbound))", "properties": "COUNT(DISTINCT ?p)",
                "distinctSubjects": "COUNT(DISTINCT ?s)", "distinctObjects": "COUNT(DISTINCT ?o)"}
    for name in ("ontology", "instances", "inferred", "shapes"):
        for measure, aggregate in measures.items():
            stated = void.value(URIRef(G + name), URIRef(VOID + measure))
            assert stated is not None and stated.datatype == XSD.integer
            query = (f"PREFIX rdf: <{RDF}> SELECT ({aggregate} AS ?n) WHERE {{ GRAPH <{G}{name}> {{ ?s ?p ?o }} }}")
            counted = int(next(iter(store.query(query)))["n"].value)
            assert (name, measure, int(stated)) == (name, measure, counted) and counted > 0


def test_default_graph_is_the_union_of_ontology_instances_and_inferred(build_dir, shipped_root, tmp_path):
    query = tmp_path / "count.rq"
    query.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    result = run_ceso("query", str(query), "--format", "json", build_dir=shipped_root, check=True)
    answered = int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])
    store = ox.Store()
    store.load(path=str(build_dir / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    union = {q.triple for g in ("ontology", "instances", "inferred") for q in store.quads_for_pattern(None, None, None, ox.NamedNode(G + g))}
    assert answered == len(union)
    shapes = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%sshapes> { ?s ?p ?o } }" % G
    query.write_text(shapes)
    result = run_ceso("query", str(query), "--format", "json", build_dir=shipped_root, check=True)
    assert int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"]) == _quads_per_graph(build_dir)[f"<{G}shapes>"]


def test_build_is_deterministic_and_skips_unchanged_inputs(build_dir, tmp_path):
    other = tmp_path / "again"
    first = run_ceso("build", build_dir=other, check=True)
    assert first.stdout.startswith("built:")
    assert (other / "current" / "dataset.nq").read_bytes() == (build_dir / "dataset.nq").read_bytes()
    second = run_ceso("build", build_dir=other, check=True)
    assert second.stdout.startswith("up to date:")
    # The same bytes whichever engine reasons: tests/build/test_reasoning.py compares the engines' inferences.


def test_progress_is_quiet_in_a_pipe_and_shown_with_verbose(tmp_path, fixture_tree):
    source = fixture_tree()
    quiet = run_ceso("build", build_dir=tmp_path / "q", source_dir=source, check=True)
    assert quiet.stderr == ""
    loud = run_ceso("build", "--verbose", build_dir=tmp_path / "v", source_dir=source, check=True)
    for step in ("load", "validate", "reason", "publish"):
        assert re.search(rf"^{step} … done \(\d+\.\d\d s, peak [\d,]+ MB\)$", loud.stderr, re.M), loud.stderr


def test_each_step_has_its_own_peak_memory():
    progress = Progress(enabled=False)
    with progress.step("large"):
        block = b"x" * (300 << 20)  # written, so resident
        del block
    with progress.step("small"):
        pass
    assert progress.peaks["large"] >= 300 << 20
    assert progress.peaks["small"] < progress.peaks["large"] - (200 << 20)


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("xml", "xml"), ("jsonld", "json-ld")])
def test_export_single_graph_formats(build_dir, shipped_root, tmp_path, fmt, parser):
    target = tmp_path / f"out.{fmt}"
    run_ceso("export", "--format", fmt, "--output", str(target), build_dir=shipped_root, check=True)
    exported = Graph().parse(target, format=parser)
    store = ox.Store()
    store.load(path=str(build_dir / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    union = {q.triple for g in ("ontology", "instances", "inferred") for q in store.quads_for_pattern(None, None, None, ox.NamedNode(G + g))}
    assert len(exported) == len(union)


@pytest.mark.parametrize("fmt", ["trig", "nq"])
def test_export_dataset_formats_keep_the_named_graphs(build_dir, shipped_root, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    run_ceso("export", "--format", fmt, "--output", str(target), build_dir=shipped_root, check=True)
    store = ox.Store()
    store.load(path=str(target), format=ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS)
    counts = Counter(q.graph_name.value for q in store)
    assert {g: counts[G + g] for g in GRAPHS} == {g: n for g, n in ((k[len(G) + 1:-1], v) for k, v in _quads_per_graph(build_dir).items())}


def test_export_to_a_missing_folder_fails_cleanly(build_dir, shipped_root, tmp_path):
    result = run_ceso("export", "--format", "ttl", "--output", str(tmp_path / "no" / "x.ttl"), build_dir=shipped_root)
    assert result.returncode != 0 and "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_stats_counts(build_dir, shipped_root):
    result = run_ceso("stats", build_dir=shipped_root, check=True)
    assert "triples per graph" in result.stdout and "memberships per organization" in result.stdout
    counted = _quads_per_graph(build_dir)
    for name in GRAPHS:
        assert f"{G}{name}  " in result.stdout or f"{G}{name} " in result.stdout
        line = next(l for l in result.stdout.splitlines() if l.startswith(G + name))
        assert int(line.split()[-1]) == counted[f"<{G}{name}>"]
