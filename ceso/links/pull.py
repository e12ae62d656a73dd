"""`ceso links pull`: fetch selected facts of the linked Wikidata items into their own graph.

The facts keep Wikidata's own IRIs (wd:Q…, wdt:P…), so a query written for the Wikidata Query Service
reads them unchanged. They are written to paths.wikidata_file() (N-Triples, replaced atomically); the next
`ceso build` adds them as the named graph …/graph/wikidata, never into our own graphs.

Provenance: every subject S (an item) in the file carries `S prov:wasDerivedFrom R`, where
R = <https://w3id.org/ceso/id/wikidata-retrieval/Q…> says which item was read (prov:hadPrimarySource),
from which endpoint (dcterms:source) and when (prov:generatedAtTime).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from ceso.links.check import PREFIXES
from ceso.links.linked import LANGUAGES, Link
from ceso.links.wdqs import Client
from ceso.namespaces import ID, WD

# What we fetch: inception, headquarters location, official website, coordinate location, population.
FACTS = ("P571", "P159", "P856", "P625", "P1082")
RETRIEVAL = ID + "wikidata-retrieval/"

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_PROV = "http://www.w3.org/ns/prov#"
_XSD_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
# Wikidata's "unknown value" comes as a blank node or a skolem IRI: it is no fact to copy.
_SKOLEM = "http://www.wikidata.org/.well-known/genid/"


def batch_query(qids: list[str]) -> str:
    items = " ".join(f"wd:{q}" for q in qids)
    facts = " ".join(f"wdt:{p}" for p in FACTS)
    languages = ", ".join(f'"{language}"' for language in LANGUAGES)
    return PREFIXES + f"""SELECT ?s ?p ?o WHERE {{
  VALUES ?item {{ {items} }}
  {{ VALUES ?p {{ {facts} }} ?item ?p ?o . BIND(?item AS ?s) }}
  UNION {{ ?item rdfs:label ?o . FILTER(LANG(?o) IN ({languages})) BIND(rdfs:label AS ?p) BIND(?item AS ?s) }}
  UNION {{ ?item wdt:P159 ?s . ?s rdfs:label ?o . FILTER(LANG(?o) IN ({languages})) BIND(rdfs:label AS ?p) }}
}}"""


def _term(value: dict):
    kind = value.get("type")
    if kind == "uri":
        return None if value["value"].startswith(_SKOLEM) else ox.NamedNode(value["value"])
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return ox.Literal(value["value"], language=value["xml:lang"])
        if "datatype" in value:
            return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
        return ox.Literal(value["value"])
    return None  # blank nodes


def _triple(row: dict) -> ox.Triple | None:
    try:
        s, p, o = (_term(row[name]) for name in ("s", "p", "o"))
    except (KeyError, ValueError):
        return None
    if not isinstance(s, ox.NamedNode) or not s.value.startswith(WD) or not isinstance(p, ox.NamedNode) or o is None:
        return None
    return ox.Triple(s, p, o)


def provenance(item: ox.NamedNode, endpoint: str, when: str) -> list[ox.Triple]:
    qid = item.value[len(WD):]
    node = ox.NamedNode(RETRIEVAL + qid)
    return [
        ox.Triple(item, ox.NamedNode(_PROV + "wasDerivedFrom"), node),
        ox.Triple(node, _RDF_TYPE, ox.NamedNode(_PROV + "Entity")),
        ox.Triple(node, _RDFS_LABEL, ox.Literal(f"Wikidata item {qid} as retrieved at {when}", language="en")),
        ox.Triple(node, ox.NamedNode(_PROV + "hadPrimarySource"), item),
        ox.Triple(node, ox.NamedNode(_PROV + "generatedAtTime"), ox.Literal(when, datatype=_XSD_DATETIME)),
        ox.Triple(node, ox.NamedNode("http://purl.org/dc/terms/source"), ox.NamedNode(endpoint)),
    ]


@dataclass
class Pulled:
    data: bytes  # N-Triples, sorted
    facts: int  # triples fetched (without the provenance)
    items: int  # subjects they are about
    silent: list[str]  # linked items the endpoint said nothing about (deleted, merged, or no such facts)


def pull(links: list[Link], client: Client, batch_size: int = 50, now: datetime | None = None) -> Pulled:
    when = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    qids = sorted({link.qid for link in links if link.qid})
    triples: set[ox.Triple] = set()
    for start in range(0, len(qids), batch_size):
        for row in client.select(batch_query(qids[start:start + batch_size])):
            triple = _triple(row)
            if triple is not None:
                triples.add(triple)
    subjects = sorted({t.subject for t in triples}, key=str)
    everything = set(triples)
    for subject in subjects:
        everything.update(provenance(subject, client.endpoint, when))
    told = {s.value[len(WD):] for s in subjects}
    data = ox.serialize(sorted(everything, key=str), format=ox.RdfFormat.N_TRIPLES)
    return Pulled(data, len(triples), len(subjects), [q for q in qids if q not in told])


def write(pulled: Pulled, path: Path) -> None:
    from ceso.export import write_atomically

    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(pulled.data, path)
