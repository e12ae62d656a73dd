"""What entity pages show beside a fact: dates in words at their precision, sources a person can follow,
labels. Each a query over a set of nodes, so a page costs a handful of queries, not one per fact."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ceso.dates import Instant, span_words
from ceso.display import english_label
from ceso.namespaces import ID
from ceso.store import Dataset

_WHEN = """
SELECT ?t ?stamp ?p ?bs ?bp ?es ?ep WHERE { VALUES ?t { %s }
  OPTIONAL { ?t time:inXSDDateTimeStamp ?stamp . OPTIONAL { ?t ceso:datePrecision ?p } }
  OPTIONAL { ?t time:hasBeginning ?b . ?b time:inXSDDateTimeStamp ?bs . OPTIONAL { ?b ceso:datePrecision ?bp } }
  OPTIONAL { ?t time:hasEnd ?e . ?e time:inXSDDateTimeStamp ?es . OPTIONAL { ?e ceso:datePrecision ?ep } } }"""

_SOURCES = """
SELECT ?x ?c ?work ?title ?wurl ?curl ?accessed ?section ?footnote ?pages ?own WHERE { VALUES ?x { %s }
  ?x prov:wasDerivedFrom ?c . OPTIONAL { ?c rdfs:label ?own }
  OPTIONAL { ?c ceso:citedWork ?work . OPTIONAL { ?work dcterms:title|rdfs:label ?title } OPTIONAL { ?work ceso:url ?wurl } }
  OPTIONAL { ?c ceso:url ?curl } OPTIONAL { ?c ceso:accessed ?accessed } OPTIONAL { ?c ceso:section ?section }
  OPTIONAL { ?c ceso:footnote ?footnote } OPTIONAL { ?c ceso:pages ?pages } }"""

_LABELS = "SELECT ?r ?l WHERE { VALUES ?r { %s } ?r rdfs:label|skos:prefLabel ?l }"


def _values(iris) -> str:
    return " ".join(f"<{i}>" for i in iris)  # IRIs read from the store, hence well-formed


@dataclass
class Source:
    citation: str  # IRI
    title: str
    url: str | None
    work: str | None  # IRI of the cited work
    where: str  # "section 3, footnote 12, pp. 4–5"
    accessed: str  # "28 November 2026" or ""


def labels(dataset: Dataset, iris) -> dict[str, str]:
    iris = set(iris)
    if not iris:
        return {}
    found: dict[str, list] = defaultdict(list)
    for r, label in dataset.select(_LABELS % _values(iris)):
        found[r.value].append((label.value, getattr(label, "language", None)))
    return {iri: english_label(pairs) for iri, pairs in found.items()}


def when(dataset: Dataset, iris) -> tuple[dict[str, str], dict[str, str]]:
    """Instants and intervals in words ("10 July 2015", "2013 – today"), and their starts as sortable text."""
    iris = set(iris)
    out: dict[str, str] = {}
    starts: dict[str, str] = {}
    if not iris:
        return out, starts
    for t, stamp, p, bs, bp, es, ep in dataset.select(_WHEN % _values(iris)):
        if stamp is not None:
            instant = Instant.parse(stamp.value, p.value if p else None)
            if instant:
                out[t.value], starts[t.value] = instant.words(), instant.day.isoformat()
        elif bs is not None or es is not None:
            start = Instant.parse(bs.value, bp.value if bp else None) if bs else None
            end = Instant.parse(es.value, ep.value if ep else None) if es else None
            out[t.value] = span_words(start, end)
            starts[t.value] = start.day.isoformat() if start else "~"
    return out, starts


def sources(dataset: Dataset, iris) -> dict[str, list[Source]]:
    """Each node's prov:wasDerivedFrom citations as titles with links, places in the work and access dates."""
    iris = set(iris)
    if not iris:
        return {}
    seen: dict[tuple[str, str], Source] = {}
    for x, c, work, title, wurl, curl, accessed, section, footnote, pages, own in dataset.select(_SOURCES % _values(iris)):
        key = (x.value, c.value)
        if key in seen:
            if title is not None and getattr(title, "language", None) in (None, "en"):
                seen[key].title = title.value
            continue
        where = ", ".join(part for part in (
            f"section {section.value}" if section else "", f"footnote {footnote.value}" if footnote else "",
            f"pp. {pages.value}" if pages else "") if part)
        stamp = Instant.parse(accessed.value) if accessed else None
        url = (curl or wurl).value if (curl or wurl) else None
        if url is None and not c.value.startswith(ID):
            url = c.value  # a web page cited directly, without a ceso:Citation
        # The work's title; a source cited directly goes by its own label, else its IRI.
        text = title.value if title else own.value if own is not None and work is None else c.value
        seen[key] = Source(c.value, text, url, work.value if work else None, where, stamp.words() if stamp else "")
    out: dict[str, list[Source]] = defaultdict(list)
    for (x, _), source in sorted(seen.items(), key=lambda item: (item[0][0], item[1].title)):
        out[x].append(source)
    return out
