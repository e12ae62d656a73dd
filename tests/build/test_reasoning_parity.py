"""Every engine gives owlrl's OWL 2 RL closure, put on canonical IRIs, on the shipped and a synthetic graph.

The reference is computed here, independently of ceso/reason.py: owlrl's closure, each term replaced by
the CESO IRI of its owl:sameAs class, minus owlrl's noise (reason.is_noise, tested in test_reasoning.py)
and minus what was asserted. What the replacement folds away (the facts restated on Wikidata IRIs) must
be exactly the sameas graph.
"""

from __future__ import annotations

import importlib.util

import owlrl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL

from ceso.inputs import shipped_files
from ceso.load import load
from ceso.reason import ENGINES, is_noise, reason

from support import REPO

BASE = "https://w3id.org/ceso/"


def _owlrl_reference(data: Graph) -> tuple[set, set]:
    closure = Graph()
    for triple in data:
        closure.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(closure)
    kept = {t for t in closure if not is_noise(*t)} - set(data)
    # In owlrl's closure every member of a sameAs class is sameAs every other: one look-up finds the class.
    classes = {}
    for s, o in closure.subject_objects(OWL.sameAs):
        if not isinstance(s, Literal) and not isinstance(o, Literal):
            classes.setdefault(s, {s}).add(o)
    canonical_of = {}
    for node, members in classes.items():
        ours = [m for m in members if isinstance(m, URIRef) and m.startswith(BASE)]
        assert len(ours) <= 1, f"the test data links two CESO IRIs: {ours}"
        canonical_of[node] = ours[0] if ours else min(members, key=lambda m: (not isinstance(m, URIRef), str(m)))
    canon = lambda t: tuple(canonical_of.get(term, term) for term in t)  # noqa: E731
    inferred = {canon(t) for t in kept} - set(data)
    inferred = {t for t in inferred if not is_noise(*t)}
    return inferred, kept - inferred


def _synthetic(tmp_path, size: int) -> Graph:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    path = tmp_path / f"synthetic-{size}.ttl"
    with open(path, "w", encoding="utf-8") as out:
        generate.generate(size, out)
    parts = shipped_files()
    return load({**parts, "instances": [path]}).data()


@pytest.fixture(scope="module", params=["shipped", "synthetic-10k"])
def case(request, tmp_path_factory):
    data = load().data() if request.param == "shipped" else _synthetic(tmp_path_factory.mktemp("syn"), 10_000)
    return data, _owlrl_reference(data)


@pytest.mark.parametrize("engine", ENGINES)
def test_engine_gives_owlrls_closure_on_canonical_iris(case, engine):
    data, (inferred, restated) = case
    assert inferred and restated, "owlrl drew nothing, or nothing about a Wikidata IRI"
    result = reason(data, engine)
    got = set(result.inferred)
    assert got == inferred, f"{engine}: +{len(got - inferred)} -{len(inferred - got)}: {sorted(got ^ inferred)[:5]}"
    got = set(result.same_as)
    assert got == restated, f"{engine} sameas: +{len(got - restated)} -{len(restated - got)}: {sorted(got ^ restated)[:5]}"


def test_the_default_graph_names_no_wikidata_iri(case):
    data, _ = case
    inferred = reason(data).inferred
    assert not [t for t in inferred if any(str(term).startswith("http://www.wikidata.org/entity/") for term in t)]
