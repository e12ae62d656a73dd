"""IRIs that are public contract: namespaces, the named graphs of a build, the prefixes we write.

Plain strings, so that rdflib (URIRef(...)), pyoxigraph (NamedNode(...)) and SPARQL text (f"<{...}>") use the
same constants, and reading a build does not import rdflib.
"""

BASE = "https://w3id.org/ceso/"
CESO = BASE + "ontology#"
ONTOLOGY_IRI = BASE + "ontology"
ID = BASE + "id/"
# Each instance file declares itself an ontology under this IRI (for Protégé); document metadata, not data.
INSTANCE_DOCUMENTS = BASE + "instances/"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ORG = "http://www.w3.org/ns/org#"
TIME = "http://www.w3.org/2006/time#"
PROV = "http://www.w3.org/ns/prov#"
VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
WD = "http://www.wikidata.org/entity/"

GRAPH = BASE + "graph/"
ONTOLOGY_GRAPH = GRAPH + "ontology"
INSTANCES_GRAPH = GRAPH + "instances"
INFERRED_GRAPH = GRAPH + "inferred"
SHAPES_GRAPH = GRAPH + "shapes"
VOID_GRAPH = GRAPH + "void"
WIKIDATA_GRAPH = GRAPH + "wikidata"
# What a query sees when it names no graph (no FROM, no default-graph-uri).
DEFAULT_GRAPHS = (ONTOLOGY_GRAPH, INSTANCES_GRAPH, INFERRED_GRAPH)
# `ceso export --graph NAME`: the short names of the named graphs.
GRAPH_NAMES = ("ontology", "instances", "inferred", "shapes", "void", "wikidata")

# Prefixes for messages, serialisations and queries (handed to Oxigraph with prefixes=).
PREFIXES = {
    "ceso": CESO,
    "id": ID,
    "shapes": BASE + "shapes#",
    "org": ORG,
    "time": TIME,
    "prov": PROV,
    "skos": SKOS,
    "foaf": "http://xmlns.com/foaf/0.1/",
    "dcterms": DCTERMS,
    "vann": "http://purl.org/vocab/vann/",
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "sh": "http://www.w3.org/ns/shacl#",
    "void": VOID,
    "wd": WD,
    # One prefix per kind of path slug, so serialisations need no "\/" escapes (which the OWL API rejects).
    **{kind: f"{ID}{kind}/" for kind in ("citation", "claim", "document", "event", "interval",
                                          "membership", "participation", "source")},
    "instant": f"{ID}time/",
}
