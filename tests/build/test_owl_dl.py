""""Opens in Protégé": the OWL API (OWL 2 DL profile) and HermiT, the stack Protégé runs, from owlready2's jars."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph

from support import REPO, run_ceso

HERMIT_JAR = Path(__import__("owlready2").__file__).parent / "hermit" / "HermiT.jar"


@pytest.fixture(scope="module")
def owl_check(tmp_path_factory):
    assert shutil.which("javac") and shutil.which("java"), "Java 17 (javac) is needed: apt-get install openjdk-17-jdk-headless"
    classes = tmp_path_factory.mktemp("java")
    subprocess.run(["javac", "-d", str(classes), "-cp", str(HERMIT_JAR), str(REPO / "tests" / "build" / "java" / "OwlDlCheck.java")],
                   check=True, capture_output=True)

    def check(path: Path) -> str:
        result = subprocess.run(["java", "-cp", f"{classes}:{HERMIT_JAR}", "OwlDlCheck", str(path)],
                                capture_output=True, text=True, timeout=300)
        report = result.stdout + result.stderr
        assert "profile violations: 0" in report, report
        assert "consistent: true" in report, report
        assert "unsatisfiable classes: 0" in report, report
        assert result.returncode == 0, report
        return report

    return check


def _graphs(build_dir: Path, *names: str) -> Graph:
    wanted = tuple(f"<https://w3id.org/ceso/graph/{n}> ." for n in names)
    lines = [l.rsplit("<https://w3id.org/ceso/graph/", 1)[0] + "."
             for l in (build_dir / "dataset.nq").read_text(encoding="utf-8").splitlines() if l.endswith(wanted)]
    return Graph().parse(data="\n".join(lines), format="nt")


def test_ontology_source_is_dl_consistent_and_satisfiable(owl_check):
    report = owl_check(REPO / "ontology" / "ceso.ttl")
    assert int(report.split("axioms: ")[1].split()[0]) > 1000


def test_ontology_stays_within_owl2_rl(owl_check):
    # So that owlrl draws what HermiT draws; the README lists any axiom that has to go beyond RL.
    report = owl_check(REPO / "ontology" / "ceso.ttl")
    assert "RL profile violations: 0" in report, report


def test_published_rdf_xml_ontology(owl_check, build_dir):
    owl_check(build_dir / "ontology.owl")


def test_ontology_with_instances(owl_check, build_dir, tmp_path):
    merged = _graphs(build_dir, "ontology", "instances")
    target = tmp_path / "ontology-instances.owl"
    merged.serialize(target, format="xml")
    owl_check(target)


def test_exported_default_graph_with_inferences(owl_check, shipped_root, tmp_path):
    target = tmp_path / "ceso.owl"
    run_ceso("export", "--format", "xml", "--output", str(target), build_dir=shipped_root, check=True)
    owl_check(target)


def test_turtle_sources_as_protege_reads_them(owl_check, tmp_path):
    # The OWL API's own Turtle parser, on the files as written: Turtle files concatenate into one document.
    merged = tmp_path / "sources.ttl"
    merged.write_text("\n".join(p.read_text(encoding="utf-8") for p in
                                [REPO / "ontology" / "ceso.ttl", *sorted((REPO / "instances").glob("*.ttl"))]),
                      encoding="utf-8")
    report = owl_check(merged)
    assert int(report.split("axioms: ")[1].split()[0]) > 5000
