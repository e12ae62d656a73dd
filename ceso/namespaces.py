"""IRIs that are public contract: namespaces and the named graphs of a build."""

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/ceso/"
CESO = Namespace(BASE + "ontology#")
ONTOLOGY_IRI = URIRef(BASE + "ontology")
ID = Namespace(BASE + "id/")

ORG = Namespace("http://www.w3.org/ns/org#")
TIME = Namespace("http://www.w3.org/2006/time#")
PROV = Namespace("http://www.w3.org/ns/prov#")
VOID = Namespace("http://rdfs.org/ns/void#")
WD = Namespace("http://www.wikidata.org/entity/")

GRAPH = Namespace(BASE + "graph/")
ONTOLOGY_GRAPH = GRAPH.ontology
INSTANCES_GRAPH = GRAPH.instances
INFERRED_GRAPH = GRAPH.inferred
SHAPES_GRAPH = GRAPH.shapes
VOID_GRAPH = GRAPH.void
WIKIDATA_GRAPH = GRAPH.wikidata
# What owl:sameAs restates of each entity on its other IRIs (Wikidata's): the rest of the full closure.
SAME_AS_GRAPH = GRAPH.sameas
# What a user queries when naming no graph.
DEFAULT_GRAPHS = (ONTOLOGY_GRAPH, INSTANCES_GRAPH, INFERRED_GRAPH)

# Prefixes for messages and serialisations.
PREFIXES = {
    "ceso": CESO,
    "id": ID,
    "shapes": Namespace(BASE + "shapes#"),
    "org": ORG,
    "time": TIME,
    "prov": PROV,
    "skos": Namespace("http://www.w3.org/2004/02/skos/core#"),
    "foaf": Namespace("http://xmlns.com/foaf/0.1/"),
    "dcterms": Namespace("http://purl.org/dc/terms/"),
    "vann": Namespace("http://purl.org/vocab/vann/"),
    "owl": Namespace("http://www.w3.org/2002/07/owl#"),
    "rdf": Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    "rdfs": Namespace("http://www.w3.org/2000/01/rdf-schema#"),
    "xsd": Namespace("http://www.w3.org/2001/XMLSchema#"),
    "sh": Namespace("http://www.w3.org/ns/shacl#"),
    "void": VOID,
    "wd": WD,
    # One prefix per kind of path slug, so serialisations need no "\/" escapes (which the OWL API rejects).
    **{kind: Namespace(f"{ID}{kind}/") for kind in ("citation", "claim", "document", "event", "interval",
                                                     "membership", "participation", "source")},
    "instant": Namespace(f"{ID}time/"),
}
