""""Opens in Protégé": the OWL API (OWL 2 DL profile) and HermiT, the stack Protégé runs, from owlready2's jars.

Every document is checked in one JVM run (its start costs more than HermiT's work on our data); each test
then reads its own document's report.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph

from support import REPO, run_ceso

HERMIT_JAR = Path(__import__("owlready2").__file__).parent / "hermit" / "HermiT.jar"
INSTANCE_FILES = sorted((REPO / "instances").glob("*.ttl"))


def _graphs(build_dir: Path, *names: str) -> Graph:
    wanted = tuple(f"<https://w3id.org/ceso/graph/{n}> ." for n in names)
    lines = [l.rsplit("<https://w3id.org/ceso/graph/", 1)[0] + "."
             for l in (build_dir / "dataset.nq").read_text(encoding="utf-8").splitlines() if l.endswith(wanted)]
    return Graph().parse(data="\n".join(lines), format="nt")


@pytest.fixture(scope="module")
def reports(build_dir, shipped_root, tmp_path_factory) -> dict[str, dict]:
    assert shutil.which("javac") and shutil.which("java"), "Java 17 (javac) is needed: apt-get install openjdk-17-jdk-headless"
    folder = tmp_path_factory.mktemp("owl")
    subprocess.run(["javac", "-d", str(folder), "-cp", str(HERMIT_JAR), str(REPO / "tests" / "build" / "java" / "OwlDlCheck.java")],
                   check=True, capture_output=True)
    documents = {"ontology": REPO / "ontology" / "ceso.ttl", "published": build_dir / "ontology.owl",
                 "complete-owl": build_dir / "ceso-complete.owl", "complete-ttl": build_dir / "ceso-complete.ttl",
                 "merged": folder / "ontology-instances.owl", "export": folder / "ceso.owl",
                 "sources": folder / "sources.ttl", **{f"instances/{p.name}": p for p in INSTANCE_FILES}}
    _graphs(build_dir, "ontology", "instances").serialize(documents["merged"], format="xml")
    run_ceso("export", "--format", "xml", "--output", str(documents["export"]), build_dir=shipped_root, check=True)
    # The OWL API's own Turtle parser on the files as written, concatenated into one document.
    documents["sources"].write_text("\n".join(p.read_text(encoding="utf-8") for p in [documents["ontology"], *INSTANCE_FILES]),
                                    encoding="utf-8")
    result = subprocess.run(["java", "-cp", f"{folder}:{HERMIT_JAR}", "OwlDlCheck", *map(str, documents.values())],
                            capture_output=True, text=True, timeout=300)
    parts = result.stdout.split("== ")[1:]
    assert len(parts) == len(documents), result.stdout + result.stderr
    found = {}
    for name, text in zip(documents, parts):
        counts = dict(line.split(": ", 1) for line in text.splitlines()[1:] if ": " in line and not line.startswith(" "))
        found[name] = {"text": text, **counts}
    return found


def fine(report: dict) -> None:
    assert report["profile violations"] == "0", report["text"]
    assert report["consistent"] == "true", report["text"]
    assert report["unsatisfiable classes"] == "0", report["text"]


def test_ontology_source_is_dl_consistent_and_satisfiable(reports):
    fine(reports["ontology"])
    assert int(reports["ontology"]["axioms"]) > 1000


def test_ontology_stays_within_owl2_rl(reports):
    # So that owlrl draws what HermiT draws; the README lists any axiom that has to go beyond RL.
    assert reports["ontology"]["RL profile violations"] == "0", reports["ontology"]["text"]


def test_published_rdf_xml_ontology(reports):
    fine(reports["published"])


def test_ontology_with_instances(reports):
    fine(reports["merged"])


def test_exported_default_graph_with_inferences(reports):
    fine(reports["export"])


@pytest.mark.parametrize("name", ["complete-owl", "complete-ttl"])
def test_release_artefact_holds_everything_in_one_file(reports, name):
    report = reports[name]
    fine(report)
    # Ontology, instances and inferences: more than the ontology and more than the ontology with the data.
    assert int(report["axioms"]) > int(reports["merged"]["axioms"]) > int(reports["ontology"]["axioms"])
    assert report["imports"] == "0"


def test_each_instance_file_opened_alone_as_protege_opens_it(reports):
    # One document at a time, its owl:imports of the ontology resolved by instances/catalog-v001.xml: the OWL
    # API then reads memberships, sources and events as class and property assertions, not as annotations.
    assert len(INSTANCE_FILES) >= 13
    for path in INSTANCE_FILES:
        report = reports[f"instances/{path.name}"]
        fine(report)
        assert report["imports"] == "1", report["text"]
        assert int(report["ClassAssertion"]) > 0 and int(report["ObjectPropertyAssertion"]) > 0, report["text"]


def test_turtle_sources_as_protege_reads_them(reports):
    fine(reports["sources"])
    assert int(reports["sources"]["axioms"]) > 5000
