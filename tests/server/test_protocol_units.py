"""Pure functions of the endpoint: the SPARQL lexer's vetting and rewriting, Accept negotiation,
protocol parsing and the result writers, with inputs and answers written by hand."""

from __future__ import annotations

import random

import pytest
from fuzzing import case, shipped_queries

from ceso import formats, results
from ceso.server import conneg, protocol, sparql_text
from ceso.server.errors import HttpError


def test_service_iris_found_through_prefixes_escapes_and_comments():
    text = ('PREFIX wd: <https://query.wikidata.org/>\n'
            'SELECT * { SERVICE SILENT wd:sparql { ?s ?p "SERVICE <http://a/>" } # SERVICE <http://b/>\n'
            ' SERV\\u0049CE <http://evil.example/> {} }')
    assert sparql_text.named_sources(text, "SERVICE") == ["https://query.wikidata.org/sparql", "http://evil.example/"]


@pytest.mark.parametrize("text", [
    "SELECT * { SERVICE ?x {} }",
    "SELECT * { SERVICE <relative> {} }",
    "PREFIX p: <rel/> SELECT * { SERVICE p:x {} }",
    "SELECT * { SERVICE q:x {} }",
])
def test_service_iris_that_cannot_be_pinned_are_refused(text):
    with pytest.raises(sparql_text.UnresolvableIri):
        sparql_text.named_sources(text, "SERVICE")


def test_long_strings_and_single_quotes_hide_keywords():
    text = "SELECT * { ?s ?p '''multi\nline SERVICE <http://x/> {}''' . ?s ?q 'it\\'s SERVICE' }"
    assert sparql_text.named_sources(text, "SERVICE") == []


def test_plain_texts_skip_the_lexer_only_when_it_would_refuse_nothing():
    """plainly_within lets a query skip lexing; whenever it says so, the lexer agrees at those very limits,
    including limits set one under what the lexer counts (where skipping would let a refusal through)."""
    rng, seeds = random.Random(7), shipped_queries()
    texts = seeds + [case(rng, seeds, (3, 40)) for _ in range(3000)]
    skipped = 0
    for text in texts:
        try:
            lexed = sparql_text.lex(sparql_text.unescape_codepoints(text))
            services = sparql_text.named_sources(lexed, "SERVICE")
        except sparql_text.UnresolvableIri:
            services = ["?"]
        for depth, operators in ((lexed.depth, lexed.operators), (lexed.depth - 1, lexed.operators),
                                 (lexed.depth, lexed.operators - 1), (256, 4000)):
            if sparql_text.plainly_within(text, depth, operators, ("SERVICE",)):
                skipped += 1
                sparql_text.check_complexity(lexed, depth, operators)  # raises TooComplex if skipping was wrong
                assert services == [], text
    assert skipped > 1000
    # The catalogue's queries without SERVICE or the limited calls take the short way at the default limits.
    plain = [t for t in seeds if not any(w in t.upper() for w in ("SERVICE", "SUBSTR", "REGEX", "REPLACE"))]
    assert len(plain) > 60 and all(sparql_text.plainly_within(t, 256, 4000, ("SERVICE",)) for t in plain)
    for text in ("SELECT * { " + "{" * 300 + "}" * 300 + " }", "ASK { SERVICE <http://x/> {} }",
                 "ASK { FILTER(SUBSTR('a', 1)) }", "ASK { SERV\\u0049CE <http://x/> {} }"):
        assert not sparql_text.plainly_within(text, 256, 4000, ("SERVICE",))


def test_using_clauses_go_before_each_top_level_where():
    text = "INSERT { ?s a 1 } WHERE { { SELECT * WHERE { ?s ?p ?o } } } ; DELETE WHERE { ?s ?p 2 }"
    out = protocol.with_using(text, ["http://g/1"], ["http://g/2"])
    assert out == ("INSERT { ?s a 1 } USING <http://g/1> USING NAMED <http://g/2> WHERE { { SELECT * WHERE { ?s ?p ?o } } }"
                   " ; DELETE WHERE { ?s ?p 2 }")


def test_using_conflicts_with_with():
    with pytest.raises(HttpError) as err:
        protocol.with_using("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ["http://g/1"], [])
    assert err.value.status == 400


@pytest.mark.parametrize("accept, expected", [
    (None, "application/sparql-results+json"),
    ("", "application/sparql-results+json"),
    ("text/csv;q=0.9, text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
    ("text/*", "text/csv"),
    ("application/xml", "application/sparql-results+xml"),
    ("garbage, text/csv;q=abc, text/tab-separated-values;q=0.4", "text/tab-separated-values"),
    ("image/png", None),
])
def test_negotiate_results(accept, expected):
    fmt = conneg.negotiate(accept, formats.RESULT_FORMATS)
    assert (fmt.media_type if fmt else None) == expected


def test_negotiate_graphs_prefers_exact_names_over_aliases():
    assert conneg.negotiate("application/xml, text/turtle", formats.GRAPH_FORMATS).media_type == "text/turtle"
    assert conneg.negotiate("application/json", formats.GRAPH_FORMATS).media_type == "application/ld+json"
    assert conneg.by_key("json", formats.GRAPH_FORMATS).media_type == "application/ld+json"
    assert conneg.by_key("application/rdf+xml", formats.GRAPH_FORMATS).media_type == "application/rdf+xml"
    assert conneg.by_key("nonsense", formats.GRAPH_FORMATS) is None


def test_protocol_parse_form_and_direct():
    op = protocol.parse("POST", b"default-graph-uri=http%3A%2F%2Fg", "application/x-www-form-urlencoded; charset=UTF-8",
                        b"query=ASK+%7B%7D&named-graph-uri=http%3A%2F%2Fn")
    assert (op.kind, op.text, op.default_graphs, op.named_graphs) == ("query", "ASK {}", ["http://g"], ["http://n"])
    op = protocol.parse("POST", b"", "application/sparql-query", "ASK { \"é\" }".encode())
    assert op.text == 'ASK { "é" }'
    assert protocol.parse("GET", b"", None, b"").kind == "none"


@pytest.mark.parametrize("method, qs, ctype, body, status", [
    ("DELETE", b"query=x", None, b"", 405),
    ("POST", b"", "application/sparql-query; charset=latin-1", b"ASK {}", 400),
    ("POST", b"query=ASK%7B%7D", "application/sparql-query", b"ASK {}", 400),
    ("POST", b"", "application/x-www-form-urlencoded", b"query=a&update=b", 400),
    ("POST", b"", "application/json", b"{}", 415),
    ("GET", b"query=%FF", None, b"", 400),
])
def test_protocol_rejections(method, qs, ctype, body, status):
    with pytest.raises(HttpError) as err:
        protocol.parse(method, qs, ctype, body)
    assert err.value.status == status


def test_tsv_and_csv_writers():
    import pyoxigraph as ox

    xsd = "http://www.w3.org/2001/XMLSchema#"
    rows = [[ox.NamedNode("http://a"), ox.Literal("x, \"y\"", language="en"), ox.Literal("3", datatype=ox.NamedNode(xsd + "integer"))],
            [ox.BlankNode("b0"), None, ox.Literal("2001-06-15", datatype=ox.NamedNode(xsd + "date"))]]
    assert results.write_select(["s", "l", "n"], rows, formats.TSV).decode() == (
        '?s\t?l\t?n\n<http://a>\t"x, \\"y\\""@en\t3\n_:b0\t\t"2001-06-15"^^<http://www.w3.org/2001/XMLSchema#date>\n')
    assert results.write_select(["s", "l", "n"], rows, formats.CSV).decode() == (
        's,l,n\r\nhttp://a,"x, ""y""",3\r\n_:b0,,2001-06-15\r\n')
