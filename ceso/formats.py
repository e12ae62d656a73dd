"""The one table of formats: what the endpoint negotiates, what `ceso query`/`ceso export` accept, what the
service description lists and which files the ontology routes serve are all derived from it."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    name: str  # what `--format` calls it
    media_type: str  # what a response's Content-Type says
    aliases: tuple[str, ...] = ()  # other Accept values that select it
    keys: tuple[str, ...] = ()  # values of the format/output/results request parameters that select it
    rdf: ox.RdfFormat | None = None  # set for graph formats
    named_graphs: bool = False  # carries named graphs (TriG, N-Quads)
    w3c_name: str | None = None  # its name under http://www.w3.org/ns/formats/, for the service description
    extensions: tuple[str, ...] = ()  # file name endings (ontology.<ext>)

    @property
    def content_type(self) -> str:
        return self.media_type + ("; charset=utf-8" if self.media_type.startswith("text/") else "")


# Within each tuple, server preference order: the first is the default for `*/*` or no Accept.
JSON = Format("json", "application/sparql-results+json", ("application/json",), ("json", "srj"), w3c_name="SPARQL_Results_JSON")
XML = Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), ("xml", "srx"), w3c_name="SPARQL_Results_XML")
CSV = Format("csv", "text/csv", (), ("csv",), w3c_name="SPARQL_Results_CSV")
TSV = Format("tsv", "text/tab-separated-values", (), ("tsv",), w3c_name="SPARQL_Results_TSV")
# CSV/TSV define no boolean form; ASK follows Jena's convention (one `_askResult` column) for clients that ask.
RESULT_FORMATS = (JSON, XML, CSV, TSV)

TURTLE = Format("ttl", "text/turtle", ("application/x-turtle",), ("turtle", "ttl"), ox.RdfFormat.TURTLE,
                w3c_name="Turtle", extensions=("ttl",))
NTRIPLES = Format("nt", "application/n-triples", ("text/plain",), ("nt", "ntriples", "n-triples"), ox.RdfFormat.N_TRIPLES,
                  w3c_name="N-Triples", extensions=("nt",))
RDFXML = Format("xml", "application/rdf+xml", ("application/xml", "text/xml"), ("rdf", "rdfxml", "xml", "owl"),
                ox.RdfFormat.RDF_XML, w3c_name="RDF_XML", extensions=("owl", "rdf"))
JSONLD = Format("jsonld", "application/ld+json", ("application/json",), ("jsonld", "json-ld", "json"), ox.RdfFormat.JSON_LD,
                w3c_name="JSON-LD", extensions=("jsonld",))
NQUADS = Format("nq", "application/n-quads", (), ("nq", "nquads"), ox.RdfFormat.N_QUADS, True, w3c_name="N-Quads")
TRIG = Format("trig", "application/trig", (), ("trig",), ox.RdfFormat.TRIG, True, w3c_name="TriG")
N3 = Format("n3", "text/n3", ("text/rdf+n3",), ("n3",), ox.RdfFormat.N3, w3c_name="N3")
GRAPH_FORMATS = (TURTLE, NTRIPLES, RDFXML, JSONLD, NQUADS, TRIG, N3)

HTML = Format("html", "text/html", ("application/xhtml+xml",), ("html",), extensions=("html",))
# What an entity page or the ontology can be had as.
PAGE_FORMATS = (HTML, TURTLE, JSONLD, RDFXML, NTRIPLES, N3)


def named(name: str, formats: tuple[Format, ...]) -> Format | None:
    """The format `--format NAME` means among `formats`."""
    return next((f for f in formats if f.name == name), None)


def names(formats: tuple[Format, ...]) -> list[str]:
    return list(dict.fromkeys(f.name for f in formats))


def by_extension(extension: str, formats: tuple[Format, ...] = PAGE_FORMATS) -> Format | None:
    return next((f for f in formats if extension in f.extensions), None)
