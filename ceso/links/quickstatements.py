"""`ceso export --format quickstatements`: our sourced state memberships as QuickStatements (v1) lines, so
that a Wikidata editor can review them and add what Wikidata lacks.

One line per membership whose state and organization are both linked to Wikidata items, whose status is
full member or has a Wikidata item for P2868 (never "member of" for an observer without its role), and
which has a citation usable as a reference:

    Q<state> TAB P463 TAB Q<org> [TAB P580 TAB <begin>] [TAB P582 TAB <end>] [TAB P2868 TAB Q<role>]
    [TAB P1534 TAB Q<end cause>] [TAB S248 TAB Q<work>] [TAB S854 TAB "<url>"] [TAB S813 TAB <accessed>]

member of (P463) with start time (P580), end time (P582), subject has role (P2868) and end cause (P1534),
and one reference: stated in (S248, when the cited work has a Wikidata item), reference URL (S854, the
citation's URL or else the work's) and retrieved (S813, when the citation says when it was read). Dates
carry Wikidata's precision (/11 day, /10 month, /9 year) from ceso:datePrecision. A role or end cause is
written only when the ontology maps it to one Wikidata item (skos:exactMatch, else a single
skos:closeMatch): an unmapped qualifier is left out rather than guessed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ceso.namespaces import ID, INSTANCES_GRAPH, WD
from ceso.store import Dataset

_FULL_MEMBER = "https://w3id.org/ceso/ontology#FullMember"
PRECISION = {
    "http://www.w3.org/2006/time#unitDay": 11,
    "http://www.w3.org/2006/time#unitMonth": 10,
    "http://www.w3.org/2006/time#unitYear": 9,
}


_MEMBERSHIPS = f"""SELECT ?m ?member ?org ?role ?endCause ?begin ?beginPrecision ?end ?endPrecision WHERE {{
  GRAPH <{INSTANCES_GRAPH}> {{
    ?m a ceso:StateMembership ; org:member ?member ; org:organization ?org ; org:role ?role .
    OPTIONAL {{ ?m ceso:endCause ?endCause }}
    OPTIONAL {{ ?m org:memberDuring/time:hasBeginning ?b . ?b time:inXSDDateTimeStamp ?begin .
               OPTIONAL {{ ?b ceso:datePrecision ?beginPrecision }} }}
    OPTIONAL {{ ?m org:memberDuring/time:hasEnd ?e . ?e time:inXSDDateTimeStamp ?end .
               OPTIONAL {{ ?e ceso:datePrecision ?endPrecision }} }}
  }}
  FILTER(STRSTARTS(STR(?m), "{ID}"))
}}"""

_CITATIONS = f"""SELECT ?m ?citation ?citationUrl ?workUrl ?accessed ?workItem WHERE {{
  GRAPH <{INSTANCES_GRAPH}> {{
    ?m a ceso:StateMembership ; prov:wasDerivedFrom ?citation .
    ?citation ceso:citedWork ?work .
    OPTIONAL {{ ?citation ceso:url ?citationUrl }}
    OPTIONAL {{ ?work ceso:url ?workUrl }}
    OPTIONAL {{ ?citation ceso:accessed ?accessed }}
    OPTIONAL {{ ?work owl:sameAs ?workItem FILTER(STRSTARTS(STR(?workItem), "{WD}Q")) }}
  }}
}}"""

_ITEMS = f"""SELECT ?s ?item WHERE {{
  GRAPH <{INSTANCES_GRAPH}> {{ ?s owl:sameAs ?item }}
  FILTER(STRSTARTS(STR(?item), "{WD}Q") && STRSTARTS(STR(?s), "{ID}"))
}}"""

# Role and end-cause concepts mapped to Wikidata items, from the ontology (or anywhere in the default graph).
_MAPPINGS = f"""SELECT ?concept ?match ?item WHERE {{
  VALUES ?match {{ skos:exactMatch skos:closeMatch }}
  ?concept ?match ?item .
  FILTER(STRSTARTS(STR(?item), "{WD}Q") && !STRSTARTS(STR(?concept), "{WD}"))
}}"""


def _qid(iri: str) -> str:
    return iri[len(WD):]


def _time(stamp: str, precision_unit: str | None) -> str:
    """An xsd:dateTime ("2002-10-07T00:00:00Z") as a QuickStatements time at our precision."""
    precision = PRECISION.get(precision_unit or "", 11)
    date = stamp[:10]
    year, month, day = date[:4], date[5:7], date[8:10]
    if precision <= 10:
        day = "00"
    if precision <= 9:
        month = "00"
    return f"+{year}-{month}-{day}T00:00:00Z/{precision}"


def _string(text: str) -> str:
    # QuickStatements v1 has no escapes: keep the value on its line and inside its quotes.
    return '"' + text.replace('"', "%22").replace("\t", "%09").replace("\n", "%0A") + '"'


@dataclass
class Reference:
    citation: str
    url: str | None
    accessed: str | None
    work_item: str | None

    def snaks(self) -> list[str]:
        found = []
        if self.work_item:
            found += ["S248", _qid(self.work_item)]
        if self.url:
            found += ["S854", _string(self.url)]
        if self.accessed:
            found += ["S813", _time(self.accessed, None)]
        return found


@dataclass
class Export:
    lines: list[str] = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # reason -> memberships left out
    shared: int = 0  # (state, organization) pairs with more than one line

    @property
    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)

    def notes(self) -> str:
        said = [f"{len(self.lines)} QuickStatements line(s)"]
        said += [f"{n} membership(s) left out: {reason}" for reason, n in sorted(self.skipped.items())]
        if self.shared:
            said.append(f"{self.shared} state/organization pair(s) have several lines (several periods or statuses): "
                        "QuickStatements adds such lines to one statement, so enter them by hand or review them first")
        return "\n".join(said)


def _one_item(matches: dict[str, set[str]]) -> str | None:
    for kind in ("exactMatch", "closeMatch"):
        items = matches.get(kind, set())
        if len(items) == 1:
            return next(iter(items))
        if items:
            return None  # ambiguous: leave it out
    return None


def _mapping(dataset: Dataset) -> dict[str, str]:
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in dataset.select(_MAPPINGS):
        found[row["concept"].value][row["match"].value.rsplit("#", 1)[-1]].add(row["item"].value)
    return {concept: item for concept, matches in found.items() if (item := _one_item(matches))}


def _references(dataset: Dataset) -> dict[str, Reference]:
    """The reference to use per membership: a citation with a URL first, then by citation IRI."""
    candidates: dict[str, list[Reference]] = defaultdict(list)
    for row in dataset.select(_CITATIONS):
        value = lambda name: row[name].value if row[name] is not None else None  # noqa: E731
        url = value("citationUrl") or value("workUrl")
        candidates[row["m"].value].append(Reference(row["citation"].value, url, value("accessed"), value("workItem")))
    chosen = {}
    for membership, references in candidates.items():
        usable = [r for r in references if r.url or r.work_item]
        if usable:
            chosen[membership] = sorted(usable, key=lambda r: (r.url is None, r.citation, r.url or "", r.work_item or ""))[0]
    return chosen


def export(dataset: Dataset) -> Export:
    items: dict[str, set[str]] = defaultdict(set)
    for row in dataset.select(_ITEMS):
        items[row["s"].value].add(row["item"].value)
    mapped = _mapping(dataset)
    references = _references(dataset)
    result = Export()
    pairs: Counter = Counter()
    rows = sorted(dataset.select(_MEMBERSHIPS), key=lambda row: row["m"].value)
    seen = set()
    for row in rows:
        value = lambda name: row[name].value if row[name] is not None else None  # noqa: E731
        membership = value("m")
        if membership in seen:  # a second value of a functional property would be a SHACL error; keep the first
            continue
        seen.add(membership)
        member, organization = items.get(value("member"), set()), items.get(value("org"), set())
        if len(member) != 1 or len(organization) != 1:
            result.skipped["state or organization not linked to exactly one Wikidata item"] += 1
            continue
        reference = references.get(membership)
        if reference is None:
            result.skipped["no citation with a URL or a Wikidata item for the work"] += 1
            continue
        role = value("role")
        if role != _FULL_MEMBER and role not in mapped:
            # "member of" without its role would tell Wikidata that an observer or partner is a member.
            result.skipped["status other than full member with no Wikidata item for P2868 (subject has role)"] += 1
            continue
        state, org = _qid(next(iter(member))), _qid(next(iter(organization)))
        cells = [state, "P463", org]
        if value("begin"):
            cells += ["P580", _time(value("begin"), value("beginPrecision"))]
        if value("end"):
            cells += ["P582", _time(value("end"), value("endPrecision"))]
        if role in mapped:
            cells += ["P2868", _qid(mapped[role])]
        if value("endCause") in mapped:
            cells += ["P1534", _qid(mapped[value("endCause")])]
        cells += reference.snaks()
        result.lines.append("\t".join(cells))
        pairs[(state, org)] += 1
    result.shared = sum(1 for n in pairs.values() if n > 1)
    return result
