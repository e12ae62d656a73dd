"""SPARQL 1.1 Service Description of the endpoint, answered at GET /sparql without a query."""

from __future__ import annotations

import pyoxigraph as ox

from ceso import formats
from ceso.formats import Format
from ceso.namespaces import DEFAULT_GRAPHS
from ceso.results import write_graph
from ceso.store import Dataset

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
XSD_INTEGER = ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
# OWL 2 RL inferences are materialised in the inferred graph: the RDF-based semantics, RL profile
# (SPARQL 1.1 Entailment Regimes §8).
OWL_RDF_BASED = "http://www.w3.org/ns/entailment/OWL-RDF-Based"
OWL_RL_PROFILE = "http://www.w3.org/ns/owl-profile/RL"
PREFIXES = {"sd": SD, "void": VOID, "formats": FORMATS, "ent": "http://www.w3.org/ns/entailment/",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}


def _n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def triples(endpoint: str, dataset: Dataset, *, update_enabled: bool, service_allow: tuple[str, ...],
            max_results: int, timeout: float) -> list[ox.Triple]:
    service = _n(endpoint + "#service")
    out = []

    def add(s, p, o):
        out.append(ox.Triple(s, _n(p) if isinstance(p, str) else p, o))

    add(service, RDF_TYPE, _n(SD + "Service"))
    add(service, SD + "endpoint", _n(endpoint))
    add(service, "http://www.w3.org/2000/01/rdf-schema#label", ox.Literal("CESO SPARQL endpoint"))
    add(service, "http://www.w3.org/2000/01/rdf-schema#comment", ox.Literal(
        f"Queries stop after {timeout:g} s (503); results are capped at {max_results} rows or triples "
        "(a capped response carries the header CESO-Results-Truncated)."))
    add(service, SD + "supportedLanguage", _n(SD + "SPARQL11Query"))
    if update_enabled:
        add(service, SD + "supportedLanguage", _n(SD + "SPARQL11Update"))
    if service_allow:
        add(service, SD + "feature", _n(SD + "BasicFederatedQuery"))
    for fmt in formats.RESULT_FORMATS + formats.GRAPH_FORMATS:
        add(service, SD + "resultFormat", _n(FORMATS + fmt.w3c_name))
    add(service, SD + "defaultEntailmentRegime", _n(OWL_RDF_BASED))
    add(service, SD + "defaultSupportedEntailmentProfile", _n(OWL_RL_PROFILE))

    ds = _n(endpoint + "#dataset")
    add(service, SD + "defaultDataset", ds)
    add(ds, RDF_TYPE, _n(SD + "Dataset"))
    default = _n(endpoint + "#default-graph")
    add(ds, SD + "defaultGraph", default)
    add(default, RDF_TYPE, _n(SD + "Graph"))
    add(default, "http://www.w3.org/2000/01/rdf-schema#comment",
        ox.Literal("The union of the named graphs " + ", ".join(DEFAULT_GRAPHS)))
    add(default, VOID + "triples", ox.Literal(str(dataset.default_graph_size), datatype=XSD_INTEGER))
    add(default, SD + "entailmentRegime", _n(OWL_RDF_BASED))
    add(default, SD + "supportedEntailmentProfile", _n(OWL_RL_PROFILE))
    for i, iri in enumerate(dataset.named_graphs):
        named = _n(f"{endpoint}#named-graph-{i}")
        graph = _n(f"{endpoint}#graph-{i}")
        add(ds, SD + "namedGraph", named)
        add(named, RDF_TYPE, _n(SD + "NamedGraph"))
        add(named, SD + "name", _n(iri))
        add(named, SD + "graph", graph)
        add(graph, RDF_TYPE, _n(SD + "Graph"))
        add(graph, VOID + "triples", ox.Literal(str(dataset.graph_sizes[iri]), datatype=XSD_INTEGER))
    return out


def render(fmt: Format, sd_triples: list[ox.Triple]) -> bytes:
    return write_graph(sd_triples, fmt, PREFIXES)
