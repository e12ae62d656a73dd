"""One reader, one meaning of the default graph, one set of writers: `ceso query` and the endpoint give the
same bytes for the same query over the same build, FROM and FROM NAMED included; and reading a build does
not load the build stack."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ceso import cli
from support import make_client
from support import REPO

G = "https://w3id.org/ceso/graph/"
QUERIES = {
    "no-from": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "from-shapes": f"SELECT (COUNT(*) AS ?n) FROM <{G}shapes> WHERE {{ ?s ?p ?o }}",
    "from-named": f"SELECT ?g (COUNT(*) AS ?n) FROM NAMED <{G}void> FROM NAMED <{G}ontology> "
                  "WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g",
    "from-named-alone": f"SELECT (COUNT(*) AS ?n) FROM NAMED <{G}void> WHERE {{ ?s ?p ?o }}",
    "dates": "PREFIX time: <http://www.w3.org/2006/time#> SELECT ?i ?d WHERE { ?i time:inXSDDateTimeStamp ?d } ORDER BY ?i LIMIT 5",
    "ask": "ASK { ?s a <https://w3id.org/ceso/ontology#State> }",
    "construct": "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } ORDER BY ?s LIMIT 3",
}
MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
         "tsv": "text/tab-separated-values", "ttl": "text/turtle", "nt": "application/n-triples"}


@pytest.fixture(scope="module")
def endpoint(build_dir):
    return make_client(build_dir)


def via_cli(query: str, fmt: str, shipped_root, tmp_path, monkeypatch, capfdbinary) -> bytes:
    path = tmp_path / "q.rq"
    path.write_text(query, encoding="utf-8")
    monkeypatch.setenv("CESO_BUILD_DIR", str(shipped_root))
    capfdbinary.readouterr()
    assert cli.main(["query", str(path), "--format", fmt]) == 0
    return capfdbinary.readouterr().out


@pytest.mark.parametrize("name, fmt", [(name, fmt) for name in QUERIES for fmt in
                                       (("ttl", "nt") if name == "construct" else ("json", "xml", "csv", "tsv"))])
def test_cli_and_endpoint_give_the_same_bytes(name, fmt, endpoint, shipped_root, tmp_path, monkeypatch, capfdbinary):
    reply = endpoint.query(QUERIES[name], MEDIA[fmt])
    assert reply.status == 200, reply.text
    assert via_cli(QUERIES[name], fmt, shipped_root, tmp_path, monkeypatch, capfdbinary) == reply.body


def test_from_replaces_the_default_graph_everywhere(endpoint, build_dir, shipped_root, tmp_path, monkeypatch, capfdbinary):
    # Counted from the published file itself, not through either reader.
    lines = (build_dir / "dataset.nq").read_text(encoding="utf-8").splitlines()
    shapes = sum(1 for line in lines if line.endswith(f"<{G}shapes> ."))
    assert shapes > 100
    csv = via_cli(QUERIES["from-shapes"], "csv", shipped_root, tmp_path, monkeypatch, capfdbinary)
    assert csv == f"n\r\n{shapes}\r\n".encode()
    # The protocol's default-graph-uri wins over FROM, on the endpoint (the CLI has no protocol dataset).
    reply = endpoint.query(QUERIES["from-shapes"], "text/csv", **{"default-graph-uri": G + "void"})
    void = sum(1 for line in lines if line.endswith(f"<{G}void> ."))
    assert reply.body == f"n\r\n{void}\r\n".encode()


def test_reading_a_build_does_not_load_the_build_stack(shipped_root):
    code = ("import sys; from ceso import cli; code = cli.main(['query', '02-sco-members-2018', '--format', 'csv']); "
            "print('|'.join(m for m in ('pyshacl', 'owlrl', 'reasonable', 'pylode') if m in sys.modules), file=sys.stderr); "
            "sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO,
                          env={"CESO_BUILD_DIR": str(shipped_root), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("state,label,since,sinceLabel\n")  # (text mode reads CRLF as LF)
    assert done.stderr.strip() == "", f"loaded: {done.stderr}"


def test_ask_is_one_column_in_csv_and_tsv_from_both(endpoint, shipped_root, tmp_path, monkeypatch, capfdbinary):
    assert via_cli(QUERIES["ask"], "csv", shipped_root, tmp_path, monkeypatch, capfdbinary) == b"_askResult\r\ntrue\r\n"
    assert endpoint.query(QUERIES["ask"], "text/tab-separated-values").body == b"?_askResult\ntrue\n"
