"""docs/wikidata-mapping.md lists every mapping of a CESO term to Wikidata that ontology/ceso.ttl makes,
and no other."""

from __future__ import annotations

import re

import rdflib

from support import REPO

SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
WD = "http://www.wikidata.org/entity/"


def test_the_mapping_table_matches_the_ontology():
    ontology = rdflib.Graph().parse(REPO / "ontology" / "ceso.ttl")
    mapped = {(ontology.qname(s), f"skos:{m.split('#')[-1]}", "wd:" + o[len(WD):])
              for m in (SKOS.exactMatch, SKOS.closeMatch) for s, o in ontology.subject_objects(m) if o.startswith(WD)}
    page = (REPO / "docs" / "wikidata-mapping.md").read_text(encoding="utf-8")
    table = page.split("## All term mappings", 1)[1]
    rows = set(re.findall(r"^\| `([^`]+)` \| (skos:\w+) \| `(wd:[PQ]\d+)` \|$", table, re.M))
    assert len(mapped) > 40
    assert rows == mapped
