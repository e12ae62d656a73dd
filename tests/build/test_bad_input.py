"""Bad input gets one clear message (what, where, how to fix), a non-zero exit, no traceback, no lost build."""

from __future__ import annotations

import shutil

import pytest

from support import run_ceso


def _assert_clean_failure(result, *fragments):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, f"{fragment!r} not in:\n{result.stderr}"


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A good build of the small fixture, made once; each test breaks a copy of it."""
    from support import SMALL, source_tree

    base = tmp_path_factory.mktemp("good")
    source = source_tree(base / "src", SMALL)
    run_ceso("build", build_dir=base / "build", source_dir=source, check=True)
    return base


def _build_then_break(good, tmp_path, broken_name: str, content: bytes):
    shutil.copytree(good, tmp_path / "copy", symlinks=True)
    source, root = tmp_path / "copy" / "src", tmp_path / "copy" / "build"
    built = (root / "current").resolve()
    before = (built / "dataset.nq").read_bytes()
    (source / "instances" / broken_name).write_bytes(content)
    result = run_ceso("build", build_dir=root, source_dir=source)
    # the previous build is still there, untouched, and still current
    assert (root / "current").resolve() == built
    assert (built / "dataset.nq").read_bytes() == before
    assert not [p for p in (root / "builds").iterdir() if p.name.startswith(".staging")]
    return result


def test_turtle_syntax_error_names_file_and_line(good, tmp_path):
    bad = b"@prefix ceso: <https://w3id.org/ceso/ontology#> .\n\n<https://w3id.org/ceso/id/x> a ceso:State\n<https://w3id.org/ceso/id/y> a ceso:State .\n"
    result = _build_then_break(good, tmp_path, "broken.ttl", bad)
    _assert_clean_failure(result, "instances/broken.ttl", "line 4", "fix:")


def test_unknown_prefix_names_the_prefix(good, tmp_path):
    bad = b"<https://w3id.org/ceso/id/x> a nope:State .\n"
    result = _build_then_break(good, tmp_path, "prefix.ttl", bad)
    _assert_clean_failure(result, "instances/prefix.ttl", "line 1", "nope:", "@prefix")


def test_file_that_is_not_utf8(good, tmp_path):
    bad = b'@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n<https://w3id.org/ceso/id/x> rdfs:label "Almat\xfd"@en .\n'
    result = _build_then_break(good, tmp_path, "latin1.ttl", bad)
    _assert_clean_failure(result, "instances/latin1.ttl", "not UTF-8", "line 2", "save the file as UTF-8")


def test_shacl_violation_fails_the_build(good, tmp_path):
    bad = (
        "@prefix ceso: <https://w3id.org/ceso/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://w3id.org/ceso/id/nameless> a ceso:State .\n'
    ).encode()
    result = _build_then_break(good, tmp_path, "nameless.ttl", bad)
    assert result.returncode == 3
    _assert_clean_failure(result, "https://w3id.org/ceso/id/nameless", "instances/nameless.ttl", "English label", "Violation")


def test_inconsistent_data_fails_the_build_with_an_explanation(good, tmp_path):
    # Two states linked to one Wikidata item are one individual for OWL: inconsistent with CESO's intent.
    bad = (
        "@prefix ceso: <https://w3id.org/ceso/ontology#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        '<https://w3id.org/ceso/id/otherland> a ceso:State ; rdfs:label "Otherland"@en , "Другляндия"@ru ;\n'
        "    owl:sameAs <http://www.wikidata.org/entity/Q999999991> .\n"
        '<https://w3id.org/ceso/id/somebody> a foaf:Person , ceso:State ; rdfs:label "Somebody"@en , "Кто-то"@ru ;\n'
        "    owl:sameAs <http://www.wikidata.org/entity/Q999999992> .\n"
    ).encode()
    result = _build_then_break(good, tmp_path, "inconsistent.ttl", bad)
    assert result.returncode == 4
    _assert_clean_failure(
        result,
        "inconsistent",
        '"Otherland" <https://w3id.org/ceso/id/otherland> and "Testland" <https://w3id.org/ceso/id/testland> are inferred to be the same individual',
        "Q999999991",
        '"Somebody" <https://w3id.org/ceso/id/somebody> is both a',
    )


def test_validate_rejects_a_missing_extra_file(tmp_path):
    result = run_ceso("validate", str(tmp_path / "nowhere.ttl"), build_dir=tmp_path / "b")
    _assert_clean_failure(result, "file not found", "nowhere.ttl")


def test_unknown_named_query(tmp_path):
    result = run_ceso("query", "no-such-query", build_dir=tmp_path / "b")
    _assert_clean_failure(result, "no-such-query", "ceso query --list")


def test_query_whose_service_cannot_be_reached(tmp_path, shipped_root):
    query = tmp_path / "remote.rq"
    query.write_text("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    result = run_ceso("query", str(query), build_dir=shipped_root)
    _assert_clean_failure(result, "could not be evaluated", "remote.rq", "SERVICE")
