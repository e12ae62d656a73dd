"""What the landing page says the graph holds (counts by class, organizations and their members, the years
covered, the last build, the sources), and the examples grouped by topic. Computed once per server."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from ceso.display import compact
from ceso.namespaces import ID, INSTANCES_GRAPH
from ceso.queries import NamedQuery
from ceso.store import Dataset

from . import page_parts

_CLASSES = f"""SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH <{INSTANCES_GRAPH}> {{ ?x a ?class }}
  FILTER(STRSTARTS(STR(?x), "{ID}")) }} GROUP BY ?class ORDER BY DESC(?n)"""
_ORGANIZATIONS = f"""SELECT ?org (COUNT(DISTINCT ?state) AS ?n) WHERE {{ ?m a org:Membership ; org:organization ?org ;
  org:member ?state ; org:role ?r . ?r a ceso:MembershipStatus
  FILTER(STRSTARTS(STR(?org), "{ID}") && STRSTARTS(STR(?state), "{ID}")) }} GROUP BY ?org ORDER BY DESC(?n)"""
_YEARS = f"""SELECT (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {{ GRAPH <{INSTANCES_GRAPH}> {{ ?i time:inXSDDateTimeStamp ?d }} }}"""
_SOURCES = f"""SELECT (COUNT(DISTINCT ?c) AS ?citations) (COUNT(DISTINCT ?w) AS ?works) WHERE {{
  GRAPH <{INSTANCES_GRAPH}> {{ ?c a ceso:Citation OPTIONAL {{ ?c ceso:citedWork ?w }} }} }}"""
# Classes of the record's scaffolding (intervals, citations, participations, source pages): the landing page
# counts the sources in one line and lists the classes a reader looks for.
SCAFFOLDING = ("time:", "ceso:Citation", "ceso:Participation", "ceso:NewsArticle", "ceso:WebPage", "ceso:ScholarlyArticle",
               "ceso:Report", "dcterms:", "prov:")
# Topics of the examples, by words of their names and titles, first match wins.
TOPICS = (
    ("Wikidata", ("wikidata",)),
    ("Threats", ("threat", "terror", "evils", "extrem")),
    ("Summits and sessions", ("summit", "session", "declaration")),
    ("People and positions", ("position", "heads", "rank", "secretar")),
    ("Sources and claims", ("provenance", "works", "attest", "discrepanc", "claim", "assessment", "stance")),
    ("Events and conflicts", ("event", "clash", "conflict", "bases", "allegiance", "group", "operation", "kazakhstan-2022")),
    ("Memberships", ("member", "observer", "partner", "status", "founding", "departure", "freeze", "application",
                     "succession", "guest", "bodies", "dissolution", "admission", "pledge", "cis", "sri-lanka")),
)


@dataclass
class Overview:
    classes: list[tuple[str, str, int]]  # label, prefixed name, entities
    organizations: list[tuple[str, str, int]]  # label, href, states with a status
    first_year: int | None
    last_year: int | None
    built: str
    citations: int
    works: int
    triples: int


def overview(dataset: Dataset) -> Overview:
    classes = [(c.value, int(n.value)) for c, n in dataset.select(_CLASSES)]
    orgs = [(o.value, int(n.value)) for o, n in dataset.select(_ORGANIZATIONS)]
    labels = page_parts.labels(dataset, [c for c, _ in classes] + [o for o, _ in orgs])
    first = last = None
    for a, b in dataset.select(_YEARS):
        first, last = (int(a.value[:4]) if a else None), (int(b.value[:4]) if b else None)
    citations = works = 0
    for c, w in dataset.select(_SOURCES):
        citations, works = int(c.value), int(w.value)
    path = dataset.file("dataset.nq")
    built = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc).strftime("%d %B %Y, %H:%M UTC") if path else "unknown"
    shown = [(c, n) for c, n in classes if not (compact(c) or c).startswith(SCAFFOLDING)][:14]
    return Overview([(labels.get(c) or compact(c) or c, compact(c) or c, n) for c, n in shown],
                    [(labels.get(o) or o, "/id/" + o[len(ID):], n) for o, n in orgs],
                    first, last, built.lstrip("0"), citations, works, dataset.default_graph_size)


def topic(example: NamedQuery) -> str:
    text = f"{example.name} {example.title}".lower()
    return next((name for name, words in TOPICS if any(w in text for w in words)), "Other")


def grouped(examples: list[NamedQuery]) -> list[tuple[str, list[tuple[int, NamedQuery]]]]:
    """(topic, [(index in the catalogue, example)]) in the order of TOPICS."""
    groups: dict[str, list] = {}
    for i, example in enumerate(examples):
        groups.setdefault(topic(example), []).append((i, example))
    order = [name for name, _ in TOPICS] + ["Other"]
    return sorted(groups.items(), key=lambda item: order.index(item[0]))
