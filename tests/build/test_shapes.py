"""The shapes guard the data: each fault, planted beside a copy of the shipped data, is rejected by
`ceso validate` with a message that names the node and the rule; the shipped data itself conforms."""

from __future__ import annotations

import re

import pytest

from support import run_ceso

PREFIXES = """@prefix : <https://w3id.org/ceso/id/> .
@prefix ceso: <https://w3id.org/ceso/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

# Each fault: the Turtle that plants it, the node that must be named, and words of the rule's message.
FAULTS = {
    "membership without member": (
        """:membership\\/fault-no-member a ceso:StateMembership ; rdfs:label "fault: no member"@en ;
            org:organization :sco ; org:role ceso:Observer ; org:memberDuring :interval\\/fault-open ;
            ceso:startCause ceso:StatusGrant ; prov:wasDerivedFrom :citation\\/paper-introduction .
           :interval\\/fault-open a time:Interval ; rdfs:label "fault interval"@en ; time:hasBeginning :time\\/fault-2030 .
           :time\\/fault-2030 a time:Instant ; rdfs:label "2030"@en ; time:inXSDDateTimeStamp "2030-01-01T00:00:00Z"^^xsd:dateTime ;
               ceso:datePrecision time:unitYear .""",
        "https://w3id.org/ceso/id/membership/fault-no-member", "exactly one org:member"),
    "membership with two roles and no source": (
        """:membership\\/fault-two-roles a ceso:StateMembership ; rdfs:label "fault: two roles"@en ;
            org:member :nepal ; org:organization :sco ; org:role ceso:Observer , ceso:Guest ;
            org:memberDuring :interval\\/fault-open ; ceso:startCause ceso:StatusGrant .""",
        "https://w3id.org/ceso/id/membership/fault-two-roles", "exactly one org:role"),
    "claim without a source": (
        """:membership\\/fault-two-roles rdfs:comment "planted" .""",
        "https://w3id.org/ceso/id/membership/fault-two-roles", "prov:wasDerivedFrom a ceso:Citation"),
    "interval without a beginning": (
        """:interval\\/fault-no-beginning a time:Interval ; rdfs:label "fault: no beginning"@en .""",
        "https://w3id.org/ceso/id/interval/fault-no-beginning", "exactly one beginning"),
    "interval that ends before it begins": (
        """:interval\\/fault-backwards a time:Interval ; rdfs:label "fault: backwards"@en ;
            time:hasBeginning :time\\/fault-2030 ; time:hasEnd :time\\/2001-06-15 .""",
        "https://w3id.org/ceso/id/interval/fault-backwards", "ends before it begins"),
    "date without a time zone": (
        """:time\\/fault-local a time:Instant ; rdfs:label "fault: local time"@en ;
            time:inXSDDateTimeStamp "2030-05-01T00:00:00"^^xsd:dateTime ; ceso:datePrecision time:unitDay .""",
        "https://w3id.org/ceso/id/time/fault-local", "with a time zone"),
    "month not at its first day": (
        """:time\\/fault-month a time:Instant ; rdfs:label "fault: month"@en ;
            time:inXSDDateTimeStamp "2030-05-17T00:00:00Z"^^xsd:dateTime ; ceso:datePrecision time:unitMonth .""",
        "https://w3id.org/ceso/id/time/fault-month", "first day of that month"),
    "overlapping incompatible statuses": (
        # Kazakhstan is a full member of the SCO from 2001, open-ended; an observer status from 2030 overlaps it.
        """:membership\\/fault-overlap a ceso:StateMembership ; rdfs:label "fault: overlap"@en ;
            org:member :kazakhstan ; org:organization :sco ; org:role ceso:Observer ;
            org:memberDuring :interval\\/fault-open ; ceso:startCause ceso:StatusGrant ;
            prov:wasDerivedFrom :citation\\/paper-introduction .""",
        # Named by labels, not IRIs: the state, both statuses and the other membership.
        "https://w3id.org/ceso/id/membership/fault-overlap", "Kazakhstan holds observer here and full member in \""),
    "a date without its time": (
        """:time\/fault-date-only a time:Instant ; rdfs:label "fault: a date"@en ;
            time:inXSDDateTimeStamp "2015-01-01"^^xsd:date ; ceso:datePrecision time:unitDay .""",
        "https://w3id.org/ceso/id/time/fault-date-only", "an xsd:dateTime with a time zone"),
    "attestation stored as a period": (
        # A position holding whose interval begins and ends on one instant records a mention, not a tenure.
        """:claim\\/fault-attested-holding a ceso:PositionHolding ; rdfs:label "fault: attestation as a period"@en ;
            org:member :alexander-bortnikov ; org:organization :fsb ; org:role ceso:Director ;
            org:memberDuring :interval\\/fault-one-day ; prov:wasDerivedFrom :citation\\/paper-fn8 .
           :interval\\/fault-one-day a time:Interval ; rdfs:label "fault one-day interval"@en ;
               time:hasBeginning :time\\/fault-2030 ; time:hasEnd :time\\/fault-2030 .""",
        "https://w3id.org/ceso/id/claim/fault-attested-holding", "attestation, not a period"),
    "entity without an English label": (
        """:fault-nameless a ceso:Region ; rdfs:label "Безымянный"@ru .""",
        "https://w3id.org/ceso/id/fault-nameless", "no English label"),
    "malformed Wikidata link": (
        """:fault-linked a ceso:Region ; rdfs:label "fault: link"@en ; owl:sameAs <https://www.wikidata.org/wiki/Q232> .""",
        "https://w3id.org/ceso/id/fault-linked", "Wikidata entity IRI"),
    "threat outside the scheme": (
        """ceso:FaultStray a ceso:Threat ; rdfs:label "fault stray threat"@en ; skos:definition "planted"@en .""",
        "https://w3id.org/ceso/ontology#FaultStray", "ceso:ThreatScheme"),
    "threat without definition": (
        """ceso:FaultThreat a ceso:Threat ; rdfs:label "fault threat"@en ; skos:inScheme ceso:ThreatScheme .""",
        "https://w3id.org/ceso/ontology#FaultThreat", "skos:definition"),
    # Summits (issue 13): a date to the day, a place, a participant with a role, one of the three councils.
    "summit without a place": (
        """:event\\/fault-summit-no-place a ceso:Summit ; rdfs:label "fault: summit without a place"@en ;
            time:hasTime :time\\/2016-10-14 ; ceso:meetingOf :sco-council-of-heads-of-state ;
            ceso:hasParticipation :participation\\/fault-summit-no-place-china ;
            prov:wasDerivedFrom :citation\\/paper-introduction .
           :participation\\/fault-summit-no-place-china a ceso:Participation ; rdfs:label "fault: China in it"@en ;
            ceso:participant :china ; ceso:participantRole ceso:HostRole ; prov:wasDerivedFrom :citation\\/paper-introduction .""",
        "https://w3id.org/ceso/id/event/fault-summit-no-place", "a summit says where it took place"),
    "summit without participants": (
        """:event\\/fault-summit-nobody a ceso:Summit ; rdfs:label "fault: summit without participants"@en ;
            time:hasTime :time\\/2016-10-14 ; ceso:place :yerevan ; ceso:meetingOf :csto-collective-security-council ;
            prov:wasDerivedFrom :citation\\/paper-introduction .""",
        "https://w3id.org/ceso/id/event/fault-summit-nobody", "at least one participant with a role"),
    "summit dated only to the year": (
        """:event\\/fault-summit-year a ceso:Summit ; rdfs:label "fault: summit known to the year"@en ;
            time:hasTime :time\\/2016 ; ceso:place :yerevan ; ceso:meetingOf :csto-collective-security-council ;
            ceso:hasParticipation :participation\\/fault-summit-year-armenia ;
            prov:wasDerivedFrom :citation\\/paper-introduction .
           :participation\\/fault-summit-year-armenia a ceso:Participation ; rdfs:label "fault: Armenia in it"@en ;
            ceso:participant :armenia ; ceso:participantRole ceso:HostRole ; prov:wasDerivedFrom :citation\\/paper-introduction .""",
        "https://w3id.org/ceso/id/event/fault-summit-year", "known to the day"),
    "summit of another body": (
        """:event\\/fault-summit-nato a ceso:Summit ; rdfs:label "fault: summit of NATO"@en ;
            time:hasTime :time\\/2016-10-14 ; ceso:place :yerevan ; ceso:meetingOf :nato ;
            ceso:hasParticipation :participation\\/fault-summit-nato-armenia ;
            prov:wasDerivedFrom :citation\\/paper-introduction .
           :participation\\/fault-summit-nato-armenia a ceso:Participation ; rdfs:label "fault: Armenia in it"@en ;
            ceso:participant :armenia ; ceso:participantRole ceso:MemberParticipant ; prov:wasDerivedFrom :citation\\/paper-introduction .""",
        "https://w3id.org/ceso/id/event/fault-summit-nato", "a summit is a meeting of"),
    # Record (issue 13): position holdings and the event kinds since 2018.
    "position holding without a tenure": (
        """:claim\\/fault-no-tenure a ceso:PositionHolding ; rdfs:label "fault: no tenure"@en ;
            org:member :zhang-ming ; org:organization :sco ; org:role ceso:SecretaryGeneral ;
            prov:wasDerivedFrom :citation\\/bjreview-zhang-ming-2022 .""",
        "https://w3id.org/ceso/id/claim/fault-no-tenure", "needs its tenure"),
    "position holding whose tenure has no beginning": (
        """:claim\\/fault-no-start a ceso:PositionHolding ; rdfs:label "fault: no start"@en ;
            org:member :zhang-ming ; org:organization :sco ; org:role ceso:SecretaryGeneral ;
            org:memberDuring :interval\\/fault-no-beginning ; prov:wasDerivedFrom :citation\\/bjreview-zhang-ming-2022 .""",
        "https://w3id.org/ceso/id/claim/fault-no-start", "needs a beginning"),
    "position holding without a source": (
        """:claim\\/fault-unsourced-post a ceso:PositionHolding ; rdfs:label "fault: unsourced post"@en ;
            org:member :zhang-ming ; org:organization :sco ; org:role ceso:SecretaryGeneral ;
            org:memberDuring :interval\\/fault-open .""",
        "https://w3id.org/ceso/id/claim/fault-unsourced-post", "names its source"),
    "dissolution of nothing": (
        """:event\\/fault-dissolution a ceso:Dissolution ; rdfs:label "fault: dissolution"@en ;
            time:hasTime :time\\/fault-2030 ; prov:wasDerivedFrom :citation\\/paper-introduction .""",
        "https://w3id.org/ceso/id/event/fault-dissolution", "names what ended"),
    "peacekeeping operation without troops": (
        """:event\\/fault-peacekeeping a ceso:PeacekeepingOperation ; rdfs:label "fault: peacekeeping"@en ;
            time:hasTime :time\\/fault-2030 ; prov:wasDerivedFrom :citation\\/paper-introduction .""",
        "https://w3id.org/ceso/id/event/fault-peacekeeping", "ceso:TroopContributor"),
}


@pytest.fixture(scope="module")
def planted_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults")
    planted = folder / "planted.ttl"
    planted.write_text(PREFIXES + "\n".join(turtle for turtle, _, _ in FAULTS.values()), encoding="utf-8")
    result = run_ceso("validate", str(planted), build_dir=folder / "build")
    return result


def test_shipped_data_conforms(tmp_path):
    result = run_ceso("validate", build_dir=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 violation(s)" in result.stdout


def test_planted_faults_fail_validation(planted_report):
    assert planted_report.returncode == 3, planted_report.stdout + planted_report.stderr
    assert "Traceback" not in planted_report.stderr


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_each_fault_is_named_with_its_rule(planted_report, fault):
    _, node, rule = FAULTS[fault]
    lines = [l for l in planted_report.stdout.splitlines() if f"<{node}>" in l and rule in l]
    assert lines, f"no line names <{node}> with {rule!r}:\n{planted_report.stdout}"
    assert len(lines) == len(set(lines)), f"a line printed twice:\n{lines}"
    assert any("planted.ttl" in l for l in lines) or node.startswith("https://w3id.org/ceso/ontology#")


@pytest.mark.parametrize("planted", [False, True], ids=["shipped", "planted faults"])
def test_engine_reports_equal_pyshacls(tmp_path, planted):
    """The build's SHACL engine gives the report pyshacl (the reference) gives: the same results, each with
    the same severity, shape, focus node, path, value and message, on the shipped data and with every fault."""
    from collections import Counter

    from ceso.load import load
    from ceso.validate import ENGINE, REFERENCE, validate

    extra = []
    if planted:
        extra = [tmp_path / "planted.ttl"]
        extra[0].write_text(PREFIXES + "\n".join(turtle for turtle, _, _ in FAULTS.values()), encoding="utf-8")
    sources = load(extra_instances=extra)
    chosen = validate(sources, engine=ENGINE).results  # over an Oxigraph store
    reference = validate(sources, engine=REFERENCE).results  # over rdflib graphs
    assert ENGINE != REFERENCE
    assert Counter(chosen) == Counter(reference)
    if planted:
        named = {iri for r in chosen for iri in re.findall(r"<([^<>]+)>", r.focus)}
        assert {node for _, node, _ in FAULTS.values()} <= named
