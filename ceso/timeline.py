"""Membership history as bars: who held which status in which organization, when. Read from a build's
default graph, restricted to CESO's own IRIs (so facts copied onto Wikidata IRIs by owl:sameAs, where a
build has them, are not drawn twice). Drawn by ceso.timeline_svg; served on entity pages and /timeline,
and written by `ceso timeline`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ceso.dates import Instant
from ceso.display import compact, english_label
from ceso.namespaces import CESO, ID
from ceso.store import Dataset

STATUSES = ("FullMember", "AssociateMember", "Observer", "DialoguePartner", "Partner", "Guest", "StateParty")

_MEMBERSHIPS = """
SELECT ?m ?member ?org ?role ?start ?sp ?end ?ep ?startCause ?endCause WHERE {
  ?m a org:Membership ; org:member ?member ; org:organization ?org ; org:role ?role .
  ?role a ceso:MembershipStatus .
  FILTER(STRSTARTS(STR(?m), "%(id)s") && STRSTARTS(STR(?member), "%(id)s") && STRSTARTS(STR(?org), "%(id)s"))
  OPTIONAL { ?m org:memberDuring ?i .
    OPTIONAL { ?i time:hasBeginning ?b . ?b time:inXSDDateTimeStamp ?start . OPTIONAL { ?b ceso:datePrecision ?sp } }
    OPTIONAL { ?i time:hasEnd ?e . ?e time:inXSDDateTimeStamp ?end . OPTIONAL { ?e ceso:datePrecision ?ep } } }
  OPTIONAL { ?m ceso:startCause ?startCause }
  OPTIONAL { ?m ceso:endCause ?endCause }
}""" % {"id": ID}

_FREEZES = """
SELECT ?f ?m ?start ?sp ?end ?ep WHERE {
  ?f ceso:frozenMembership ?m .
  FILTER(STRSTARTS(STR(?f), "%(id)s") && STRSTARTS(STR(?m), "%(id)s"))
  OPTIONAL { ?f time:hasTime ?i .
    OPTIONAL { ?i time:hasBeginning ?b . ?b time:inXSDDateTimeStamp ?start . OPTIONAL { ?b ceso:datePrecision ?sp } }
    OPTIONAL { ?i time:hasEnd ?e . ?e time:inXSDDateTimeStamp ?end . OPTIONAL { ?e ceso:datePrecision ?ep } } }
}""" % {"id": ID}

_LABELS = """SELECT ?x ?l WHERE { VALUES ?x { %s } ?x rdfs:label|skos:prefLabel ?l }"""
_SOURCES = """SELECT ?m (COUNT(DISTINCT ?c) AS ?n) WHERE { VALUES ?m { %s } ?m prov:wasDerivedFrom ?c } GROUP BY ?m"""


@dataclass
class Freeze:
    iri: str
    start: Instant | None
    end: Instant | None


@dataclass
class Bar:
    membership: str  # IRI
    member: str
    organization: str
    status: str  # local name of the ceso:MembershipStatus, e.g. "FullMember"
    start: Instant | None
    end: Instant | None
    start_cause: str | None = None  # local names of ceso:MembershipChange concepts
    end_cause: str | None = None
    sources: int = 0
    freezes: list[Freeze] = field(default_factory=list)


@dataclass
class Timeline:
    bars: list[Bar]
    labels: dict[str, str]  # IRI -> English label

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or compact(iri) or iri

    def rows(self, by: str) -> list[tuple[str, str | None, list[Bar]]]:
        """Bars grouped into rows (label, the IRI the row is about, bars), by "member", "organization" or
        "both", the earliest row first."""
        groups: dict[tuple[str, str | None], list[Bar]] = defaultdict(list)
        for bar in self.bars:
            if by == "organization":
                key = (self.label(bar.organization), bar.organization)
            elif by == "member":
                key = (self.label(bar.member), bar.member)
            else:
                key = (f"{self.label(bar.member)} · {self.label(bar.organization)}", bar.member)
            groups[key].append(bar)
        first = {key: min(_day(b.start) for b in bars) for key, bars in groups.items()}
        return [(label, iri, sorted(groups[(label, iri)], key=lambda b: _day(b.start)))
                for label, iri in sorted(groups, key=lambda k: (first[k], k[0]))]


def _day(instant: Instant | None):
    from datetime import date
    return instant.day if instant else date.min


def _local(term) -> str | None:
    return term.value.rsplit("#", 1)[-1] if term is not None else None


def _instant(stamp, precision) -> Instant | None:
    return Instant.parse(stamp.value, precision.value if precision is not None else None) if stamp is not None else None


def _iri(value: str) -> str:
    """An organization or state given as a slug (sco), a prefixed name (id:sco) or a full IRI."""
    if value.startswith(("http://", "https://")):
        return value
    return ID + value.removeprefix("id:")


def read(dataset: Dataset, *, organizations=(), members=(), statuses=(), years: tuple[int | None, int | None] = (None, None)) -> Timeline:
    """The status memberships that match every given filter (organizations, members: slugs or IRIs;
    statuses: local names; years: bars that overlap [from, to])."""
    orgs, states = {_iri(o) for o in organizations}, {_iri(m) for m in members}
    wanted = set(statuses)
    bars: dict[str, Bar] = {}
    for row in dataset.select(_MEMBERSHIPS):
        m, member, org, role, start, sp, end, ep, sc, ec = row
        if (orgs and org.value not in orgs) or (states and member.value not in states):
            continue
        status = _local(role)
        if wanted and status not in wanted:
            continue
        bar = Bar(m.value, member.value, org.value, status, _instant(start, sp), _instant(end, ep), _local(sc), _local(ec))
        first, last = years
        if first is not None and bar.end is not None and bar.end.day.year < first:
            continue
        if last is not None and bar.start is not None and bar.start.day.year > last:
            continue
        bars.setdefault(m.value, bar)  # several starts or ends would be a data error; the first one drawn
    if bars:
        for f, m, start, sp, end, ep in dataset.select(_FREEZES):
            if m.value in bars:
                bars[m.value].freezes.append(Freeze(f.value, _instant(start, sp), _instant(end, ep)))
        values = " ".join(f"<{iri}>" for iri in bars)
        for m, n in dataset.select(_SOURCES % values):
            bars[m.value].sources = int(n.value)
    iris = {b.member for b in bars.values()} | {b.organization for b in bars.values()}
    labels: dict[str, list] = defaultdict(list)
    if iris:
        for x, label in dataset.select(_LABELS % " ".join(f"<{i}>" for i in iris)):
            labels[x.value].append((label.value, label.language))
    return Timeline(sorted(bars.values(), key=lambda b: (_day(b.start), b.membership)),
                    {iri: english_label(pairs) for iri, pairs in labels.items()})


def status_label(status: str) -> str:
    """FullMember -> "full member"."""
    words = []
    for ch in status:
        if ch.isupper() and words:
            words.append(" ")
        words.append(ch.lower())
    return "".join(words)


def status_iri(status: str) -> str:
    return CESO + status
