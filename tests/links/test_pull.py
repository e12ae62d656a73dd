"""`ceso links pull` against the fixture Wikidata endpoint on 127.0.0.1: the facts land in their own graph
with provenance, the endpoint serves that graph (and keeps it out of the default graph), `--no-wikidata`
leaves it out, and each federated example query in queries/wikidata-*.rq runs through SERVICE."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox
import pytest

from ceso.server.app import create_app
from ceso.server.config import ServerConfig
from links_support import ceso, tree as source_tree
from support import REPO, AppClient

WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
PROV = "http://www.w3.org/ns/prov#"
RETRIEVAL = "https://w3id.org/ceso/id/wikidata-retrieval/"
WIKIDATA_GRAPH = "https://w3id.org/ceso/graph/wikidata"
WDQS = "https://query.wikidata.org/sparql"

# What the fixture "Wikidata" holds about the linked items, written by hand from wikidata.ttl: labels in
# English and Russian only (not Q159's German one), P571, P159, P856, P625, P1082 (not P31, not P35), and
# the labels of the headquarters. Nothing for the redirect Q99000001 or the deleted Q99000002.
EXPECTED_FACTS = {
    ("Q232", "label", "Republic of Kazakhstan@en"), ("Q232", "label", "Казахстан@ru"),
    ("Q232", "P1082", "20000000"), ("Q232", "P625", "Point(67.0 48.0)"), ("Q232", "P856", "https://example.org/kz"),
    ("Q159", "label", "Russia@en"), ("Q159", "label", "Россия@ru"), ("Q159", "P1082", "146000000"),
    ("Q813", "label", "  KYRGYZSTAN @en"), ("Q813", "P1082", "7000000"),
    ("Q399", "label", "Albania@en"), ("Q399", "label", "Албания@ru"),
    ("Q99000003", "label", "Belarus@en"), ("Q99000003", "label", "Беларусь@ru"),
    ("Q318693", "label", "Collective Security Treaty organization@en"),
    ("Q318693", "label", "Организация Договора о коллективной безопасности@ru"),
    ("Q318693", "P571", "2002-10-07T00:00:00Z"), ("Q318693", "P159", "Q649"),
    ("Q318693", "P856", "https://example.org/csto"),
    ("Q485207", "label", "Shanghai Cooperation Organisation@en"),
    ("Q485207", "label", "Шанхайская организация сотрудничества@ru"),
    ("Q485207", "P571", "2001-06-15T00:00:00Z"), ("Q485207", "P159", "Q99000011"),
    ("Q649", "label", "Moscow@en"), ("Q649", "label", "Москва@ru"), ("Q649", "P625", "Point(37.6 55.75)"),
    ("Q99000011", "label", "Beijing@en"), ("Q99000011", "label", "Пекин@ru"),
    ("Q99000020", "label", "The Charter, online@en"),
}

# The federated example queries' answers over the fixtures, by hand: today's full members are Kazakhstan
# (CSTO) and Russia (SCO, since 2005; its observer period ended).
FEDERATED = {
    "wikidata-heads-of-state": [
        ("Collective Security Treaty Organization", "https://w3id.org/ceso/id/kazakhstan", WD + "Q99000101", "Head of Kazakhstan"),
        ("Shanghai Cooperation Organisation", "https://w3id.org/ceso/id/russia", WD + "Q99000102", "Head of Russia"),
    ],
    "wikidata-member-population": [
        ("Shanghai Cooperation Organisation", "1", "146000000"),
        ("Collective Security Treaty Organization", "1", "20000000"),
    ],
}


def wikidata_name(term) -> str:
    """A term of the pulled Wikidata facts by its local name (Q232, P1082, label), a literal with its language."""
    if isinstance(term, ox.NamedNode):
        for prefix in (WD, WDT):
            if term.value.startswith(prefix):
                return term.value[len(prefix):]
        return "label" if term.value.endswith("rdf-schema#label") else term.value
    return term.value + (f"@{term.language}" if term.language else "")


@pytest.fixture(scope="module")
def pulled(tmp_path_factory, wikidata):
    base = tmp_path_factory.mktemp("links-pull")
    source = source_tree(base / "src", "ceso-links.ttl", "mappings.ttl")
    root = base / "build"
    ceso("build", root=root, source=source, check=True)
    before = datetime.now(timezone.utc).replace(microsecond=0)
    done = ceso("links", "pull", "--endpoint", wikidata.base + "/sparql", root=root, source=source)
    after = datetime.now(timezone.utc)
    ceso("build", root=root, source=source, check=True)
    return {"root": root, "source": source, "done": done, "window": (before, after), "base": base}


@pytest.fixture(scope="module")
def server(pulled, wikidata):
    config = ServerConfig(service_allow=(wikidata.base + "/sparql",))
    return AppClient(create_app((pulled["root"] / "current").resolve(), config))


def test_pull_writes_the_facts_with_their_provenance(pulled, wikidata):
    done = pulled["done"]
    assert done.returncode == 0, done.stderr
    assert "wrote 29 fact(s) about 10 item(s)" in done.stdout
    assert "no facts for 2 linked item(s): Q99000001, Q99000002" in done.stderr
    triples = list(ox.parse(path=str(pulled["root"] / "wikidata.nt"), format=ox.RdfFormat.N_TRIPLES))
    assert not any(isinstance(term, ox.BlankNode) for t in triples for term in (t.subject, t.object))
    provenance = [t for t in triples if t.subject.value.startswith(RETRIEVAL) or t.predicate.value == PROV + "wasDerivedFrom"]
    facts = {(wikidata_name(t.subject), wikidata_name(t.predicate), wikidata_name(t.object)) for t in triples if t not in provenance}
    assert facts == EXPECTED_FACTS
    # Every subject of a fact says which retrieval it came from: which item, which endpoint, when.
    before, after = pulled["window"]
    for subject in {t.subject for t in triples if t not in provenance}:
        derived = [t.object for t in triples if t.subject == subject and t.predicate.value == PROV + "wasDerivedFrom"]
        assert derived == [ox.NamedNode(RETRIEVAL + wikidata_name(subject))]
        about = {t.predicate.value: t.object for t in triples if t.subject == derived[0]}
        assert about[PROV + "hadPrimarySource"] == subject
        assert about["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"] == ox.NamedNode(PROV + "Entity")
        assert about["http://purl.org/dc/terms/source"] == ox.NamedNode(wikidata.base + "/sparql")
        when = about[PROV + "generatedAtTime"]
        assert when.datatype.value == "http://www.w3.org/2001/XMLSchema#dateTime" and when.value.endswith("Z")
        assert before <= datetime.fromisoformat(when.value.replace("Z", "+00:00")) <= after
    # Nothing about our own individuals: only Wikidata items and the retrieval nodes.
    assert {t.subject.value.split("/Q")[0] for t in triples} == {WD[:-1], RETRIEVAL[:-1]}


def test_the_endpoint_serves_the_wikidata_graph_apart_from_ours(server):
    reply = server.query(f"""SELECT ?population ?when WHERE {{ GRAPH <{WIKIDATA_GRAPH}> {{
        <{WD}Q232> <{WDT}P1082> ?population ; <{PROV}wasDerivedFrom> ?r . ?r <{PROV}generatedAtTime> ?when }} }}""")
    assert reply.status == 200, reply.text
    rows = reply.json()["results"]["bindings"]
    assert [r["population"]["value"] for r in rows] == ["20000000"] and rows[0]["when"]["value"].endswith("Z")
    # Never mixed into our claims: not in the default graph (ontology ∪ instances ∪ inferred).
    assert server.query(f"ASK {{ <{WD}Q232> <{WDT}P1082> ?x }}").json()["boolean"] is False
    assert server.query(f"ASK {{ ?s <{PROV}wasDerivedFrom> <{RETRIEVAL}Q232> }}").json()["boolean"] is False
    graphs = server.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { <%sQ232> ?p ?o } }" % WD).json()["results"]["bindings"]
    assert {g["g"]["value"] for g in graphs} == {WIKIDATA_GRAPH, "https://w3id.org/ceso/graph/inferred"}


def test_no_wikidata_build_leaves_the_graph_out(pulled, tmp_path):
    root = tmp_path / "build"
    shutil.copytree(pulled["root"], root, symlinks=True)
    with_it = (root / "current" / "dataset.nq").read_text(encoding="utf-8")
    assert f"<{WIKIDATA_GRAPH}> .\n" in with_it
    ceso("build", "--no-wikidata", root=root, source=pulled["source"], check=True)
    without = (root / "current" / "dataset.nq").read_text(encoding="utf-8")
    assert f"<{WIKIDATA_GRAPH}>" not in without and "wikidata-retrieval" not in without
    ceso("build", root=root, source=pulled["source"], check=True)
    assert (root / "current" / "dataset.nq").read_text(encoding="utf-8") == with_it


def federated_queries() -> list[Path]:
    return sorted((REPO / "queries").glob("wikidata-*.rq"))


def test_the_federated_queries_are_there():
    assert {p.stem for p in federated_queries()} == set(FEDERATED)


@pytest.mark.parametrize("name", sorted(FEDERATED))
def test_federated_query(server, wikidata, name):
    path = REPO / "queries" / f"{name}.rq"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert [line.split(":", 1)[0] for line in lines[:4]] == ["# title", "# question", "# source", "# federated"]
    assert all(len(line.split(": ", 1)[1]) > 3 for line in lines[:4])
    assert lines[3] == f"# federated: {WDQS}"
    assert f"SERVICE <{WDQS}>" in text and 'FILTER(STRSTARTS(STR(?state), "https://w3id.org/ceso/id/")' in text
    assert WDQS in ServerConfig().service_allow  # a default `ceso serve` may call it
    refused = server.query(text)  # this server only allows the fixture endpoint
    assert refused.status == 403 and "SERVICE" in refused.text
    reply = server.query(text.replace(WDQS, wikidata.base + "/sparql"))
    assert reply.status == 200, reply.text
    body = reply.json()
    rows = [tuple(b[v]["value"] for v in body["head"]["vars"]) for b in body["results"]["bindings"]]
    assert rows == FEDERATED[name]
