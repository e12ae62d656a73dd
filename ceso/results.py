"""The one set of result writers, for `ceso query` and the endpoint alike: SELECT/ASK results in the four
SPARQL result formats, graphs through Oxigraph's serializers.

Oxigraph's own result writers consume the whole result iterator, so they cannot stop at the endpoint's
result-size cap; these small writers take the capped rows instead.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ceso import formats
from ceso.formats import Format
from ceso.store import Result

XSD = "http://www.w3.org/2001/XMLSchema#"
_PLAIN = {XSD + "string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"}
_BARE_NUMBERS = {XSD + "integer", XSD + "decimal", XSD + "double", XSD + "boolean"}


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in _PLAIN:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {
            "subject": _json_term(term.subject), "predicate": _json_term(term.predicate), "object": _json_term(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value not in _PLAIN:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return ("<triple><subject>" + _xml_term(term.subject) + "</subject><predicate>" + _xml_term(term.predicate)
                + "</predicate><object>" + _xml_term(term.object) + "</object></triple>")
    raise TypeError(f"unexpected term {term!r}")


def _csv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def _tsv_term(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.Literal) and not term.language and term.datatype.value in _BARE_NUMBERS:
        # TSV writes numbers and booleans bare when their lexical form is Turtle-valid; keep the typed form
        # otherwise (e.g. "01"^^xsd:integer round-trips either way, " 1" does not).
        text = term.value
        if text and not any(c in text for c in " \t\n\"") and text.strip() == text:
            return text
    return str(term)


def write_select(variables: list[str], rows: list[list], fmt: Format) -> bytes:
    if fmt is formats.JSON:
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False, separators=(",", ":")).encode()
    if fmt is formats.XML:
        out = ['<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
               "<head>", *(f"<variable name={quoteattr(v)}/>" for v in variables), "</head><results>"]
        for row in rows:
            out.append("<result>")
            out.extend(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>" for v, t in zip(variables, row) if t is not None)
            out.append("</result>")
        out.append("</results></sparql>\n")
        return "\n".join(out).encode()
    if fmt is formats.CSV:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(variables)
        writer.writerows([_csv_term(t) for t in row] for row in rows)
        return buf.getvalue().encode()
    if fmt is formats.TSV:
        lines = ["\t".join("?" + v for v in variables)]
        lines.extend("\t".join(_tsv_term(t) for t in row) for row in rows)
        return ("\n".join(lines) + "\n").encode()
    raise ValueError(f"{fmt.media_type} cannot carry SELECT results")


def write_ask(value: bool, fmt: Format) -> bytes:
    if fmt is formats.JSON:
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt is formats.XML:
        return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    if fmt is formats.CSV:
        return f"_askResult\r\n{'true' if value else 'false'}\r\n".encode()
    if fmt is formats.TSV:
        return f"?_askResult\n{'true' if value else 'false'}\n".encode()
    raise ValueError(f"{fmt.media_type} cannot carry an ASK result")


def write_graph(triples: list, fmt: Format, prefixes: dict[str, str] | None = None) -> bytes:
    if fmt.rdf is None:
        raise ValueError(f"{fmt.media_type} cannot carry RDF")
    if fmt.rdf in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        triples = [ox.Quad(t.subject, t.predicate, t.object) if isinstance(t, ox.Triple) else t for t in triples]
    return ox.serialize(triples, format=fmt.rdf, prefixes=prefixes or None)


def write(result: Result, fmt: Format, prefixes: dict[str, str] | None = None) -> bytes:
    """A query's result in `fmt` (a result format for SELECT/ASK, a graph format for CONSTRUCT/DESCRIBE)."""
    if result.kind == "select":
        return write_select(result.variables, result.rows, fmt)
    if result.kind == "ask":
        return write_ask(bool(result.boolean), fmt)
    return write_graph(result.rows, fmt, prefixes)
