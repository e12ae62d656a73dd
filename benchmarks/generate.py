"""Synthetic CESO-shaped instance data at a chosen size, for the build benchmarks.

The same shape as the shipped graph: states with Wikidata links, organizations with units, memberships
with roles, intervals and instants, citations of sources, meetings with participations, threat
statements. Every generated graph conforms to the shapes, so a benchmark measures a successful build.

    python benchmarks/generate.py 100000 > /tmp/synthetic.ttl
"""

from __future__ import annotations

import argparse
import random
import sys

PREFIXES = """@prefix : <https://w3id.org/ceso/id/> .
@prefix ceso: <https://w3id.org/ceso/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
ROLES = ["ceso:FullMember", "ceso:Observer", "ceso:DialoguePartner"]
THREATS = ["ceso:Terrorism", "ceso:Separatism", "ceso:ReligiousExtremism", "ceso:DrugTrafficking", "ceso:IllegalMigration"]
TRIPLES_PER_UNIT = 64  # what one call of `_unit` writes, on average (measured)


def _unit(i: int, rng: random.Random, out) -> None:
    """One state in one organization: ~64 triples."""
    s, o = f":syn-state-{i}", f":syn-org-{i // 20}"
    start = rng.randint(1992, 2015)
    end = start + rng.randint(1, 8)
    w = out.write
    if i % 20 == 0:
        w(f'{o} a ceso:RegionalCooperationOrganization ; rdfs:label "Synthetic organization {i // 20}"@en , "Синтетическая {i // 20}"@ru .\n')
        w(f':syn-unit-{i // 20} a ceso:PermanentStructure ; rdfs:label "Unit {i // 20}"@en ; org:unitOf {o} ; ceso:headquarters :syn-city-{i} .\n')
    w(f'{s} a ceso:State ; rdfs:label "Synthetic state {i}"@en , "Синтетия {i}"@ru ; owl:sameAs <http://www.wikidata.org/entity/Q{900000000 + i}> .\n')
    w(f':syn-city-{i} a ceso:City ; rdfs:label "City {i}"@en ; ceso:locatedIn {s} .\n')
    w(f':syn-src-{i} a ceso:WebPage ; rdfs:label "Source {i}"@en ; ceso:url "https://example.org/{i}"^^xsd:anyURI .\n')
    w(f':syn-cit-{i} a ceso:Citation ; rdfs:label "Citation {i}"@en ; ceso:citedWork :syn-src-{i} .\n')
    for year in (start, end):
        w(f':syn-t-{i}-{year} a time:Instant ; rdfs:label "{year}"@en ; time:inXSDDateTimeStamp "{year}-01-01T00:00:00Z"^^xsd:dateTime ; ceso:datePrecision time:unitYear .\n')
    w(f':syn-iv-{i}-a a time:Interval ; rdfs:label "{start}–{end}"@en ; time:hasBeginning :syn-t-{i}-{start} ; time:hasEnd :syn-t-{i}-{end} .\n')
    w(f':syn-iv-{i}-b a time:Interval ; rdfs:label "from {end}"@en ; time:hasBeginning :syn-t-{i}-{end} .\n')
    first, second = rng.sample(ROLES, 2)
    w(f':syn-m-{i}-a a ceso:StateMembership ; rdfs:label "Membership {i} a"@en ; org:member {s} ; org:organization {o} ; org:role {first} ; '
      f'org:memberDuring :syn-iv-{i}-a ; ceso:startCause ceso:StatusGrant ; ceso:endCause ceso:StatusChange ; prov:wasDerivedFrom :syn-cit-{i} .\n')
    w(f':syn-m-{i}-b a ceso:StateMembership ; rdfs:label "Membership {i} b"@en ; org:member {s} ; org:organization {o} ; org:role {second} ; '
      f'org:memberDuring :syn-iv-{i}-b ; ceso:startCause ceso:StatusChange ; prov:wasDerivedFrom :syn-cit-{i} .\n')
    w(f':syn-ev-{i} a ceso:Meeting ; rdfs:label "Meeting {i}"@en ; ceso:meetingOf {o} ; time:hasTime :syn-t-{i}-{end} ; ceso:place :syn-city-{i} ; '
      f'ceso:hasParticipation :syn-p-{i} ; prov:wasDerivedFrom :syn-cit-{i} .\n')
    w(f':syn-p-{i} a ceso:Participation ; rdfs:label "Participation {i}"@en ; ceso:participant {s} ; ceso:participantRole ceso:HostRole ; prov:wasDerivedFrom :syn-cit-{i} .\n')
    w(f':syn-ts-{i} a ceso:ThreatStatement ; rdfs:label "Threat statement {i}"@en ; ceso:statedBy :syn-ev-{i} ; ceso:threat {rng.choice(THREATS)} ; '
      f'ceso:statementKind ceso:IdentifiesThreat ; time:hasTime :syn-t-{i}-{end} ; prov:wasDerivedFrom :syn-cit-{i} .\n')


def generate(triples: int, out, seed: int = 1) -> None:
    rng = random.Random(seed)
    out.write(f"# Synthetic CESO-shaped data, about {triples} triples (benchmarks/generate.py, seed {seed}).\n")
    out.write(PREFIXES)
    for i in range(max(1, triples // TRIPLES_PER_UNIT)):
        _unit(i, rng, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("triples", type=int, help="approximate number of triples")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.triples, sys.stdout, args.seed)


if __name__ == "__main__":
    main()
