"""`ceso links check`: is every Wikidata link still right? For each linked item, ask the endpoint whether it
exists, whether it was merged into another (a redirect), whether its English and Russian labels match ours,
and whether it is the kind of thing ours is."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from ceso.display import format_table, short_iri
from ceso.links.linked import LANGUAGES, Link
from ceso.links.wdqs import BudgetExhausted, Client
from ceso.namespaces import WD

# Acceptable Wikidata classes per kind, reached by instance of (P31) then subclass of (P279) any number of
# times. Hand-picked and each checked; a class missing here shows up as a false "kind" problem, never a
# silent pass.
ACCEPTABLE = {
    "state": {"Q6256": "country", "Q3624078": "sovereign state", "Q7275": "state"},
    "organization": {"Q43229": "organization", "Q484652": "international organization",
                     "Q245065": "intergovernmental organization", "Q1127126": "military alliance"},
    "person": {"Q5": "human"},
}

PREFIXES = f"""PREFIX wd: <{WD}>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX schema: <http://schema.org/>
"""


@dataclass(frozen=True, order=True)
class Problem:
    ours: str
    item: str
    kind: str  # missing, redirect, label, kind, malformed
    detail: str


def batch_query(qids: list[str]) -> str:
    """One query for a batch of items; each answer row says what it is in ?what.

    The VALUES block is joined with the union, so every branch sees ?item bound. A redirect (merged item)
    is `<old> owl:sameAs <new>` and nothing else; a deleted item has no triples, hence no row at all.
    schema:version (every existing WDQS item has one) keeps an item with no labels or P31 from looking deleted.
    """
    items = " ".join(f"wd:{q}" for q in qids)
    classes = " ".join(f"wd:{q}" for kind in ACCEPTABLE.values() for q in kind)
    languages = ", ".join(f'"{language}"' for language in LANGUAGES)
    return PREFIXES + f"""SELECT ?item ?what ?value WHERE {{
  VALUES ?item {{ {items} }}
  {{ ?item owl:sameAs ?value . BIND("redirect" AS ?what) }}
  UNION {{ ?item rdfs:label ?value . FILTER(LANG(?value) IN ({languages})) BIND("label" AS ?what) }}
  UNION {{ ?item skos:altLabel ?value . FILTER(LANG(?value) IN ({languages})) BIND("alias" AS ?what) }}
  UNION {{ ?item wdt:P31 ?value . BIND("class" AS ?what) }}
  UNION {{ VALUES ?value {{ {classes} }} ?item wdt:P31/wdt:P279* ?value . BIND("kind" AS ?what) }}
  UNION {{ ?item schema:version ?value . BIND("version" AS ?what) }}
}}"""


def normalize(text: str) -> str:
    """What two spellings of one name share: Unicode form, case, spacing, ё/е, typographic dashes and quotes."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\u00ab\u00bb\u201c\u201d\u201e\u2018\u2019]", '"', text)
    return " ".join(text.split())


@dataclass
class _Answer:
    redirects: set
    labels: dict
    aliases: dict
    classes: set
    kinds: set
    seen: bool = False


def _language(term: dict) -> str:
    return (term.get("xml:lang") or "").split("-")[0].lower()


def _qid(iri: str) -> str:
    return iri[len(WD):] if iri.startswith(WD) else iri


def _answers(rows: list[dict]) -> dict[str, _Answer]:
    answers: dict[str, _Answer] = defaultdict(lambda: _Answer(set(), defaultdict(set), defaultdict(set), set(), set()))
    for row in rows:
        try:
            qid, what, value = _qid(row["item"]["value"]), row["what"]["value"], row["value"]
        except KeyError:
            continue
        answer = answers[qid]
        answer.seen = True
        if what == "redirect" and value.get("type") == "uri":
            answer.redirects.add(_qid(value["value"]))
        elif what in ("label", "alias"):
            (answer.labels if what == "label" else answer.aliases)[_language(value)].add(value["value"])
        elif what == "class":
            answer.classes.add(_qid(value["value"]))
        elif what == "kind":
            answer.kinds.add(_qid(value["value"]))
    return answers


def _label_problems(link: Link, answer: _Answer) -> list[str]:
    found = []
    for language in LANGUAGES:
        ours = sorted(link.labels.get(language, ()))
        theirs = answer.labels.get(language, set()) | answer.aliases.get(language, set())
        if not ours or not theirs:
            continue  # nothing to compare in this language: not a mismatch
        if not {normalize(o) for o in ours} & {normalize(t) for t in theirs}:
            shown = sorted(answer.labels.get(language) or theirs)
            found.append(f"{language}: ours {' / '.join(map(repr, ours))}, Wikidata {' / '.join(map(repr, shown))}")
    return found


def judge(link: Link, answer: _Answer | None) -> list[Problem]:
    """The problems of one link, given what the endpoint said about its item."""
    def problem(kind: str, detail: str) -> Problem:
        return Problem(link.ours, link.item, kind, detail)

    if link.qid is None:
        return [problem("malformed", "not a Wikidata item IRI (http://www.wikidata.org/entity/Q…)")]
    if answer is None or not answer.seen:
        return [problem("missing", "no such item on the endpoint (deleted, or never existed)")]
    if answer.redirects:
        targets = ", ".join(sorted(answer.redirects))
        return [problem("redirect", f"merged into {targets}: link to {targets} instead")]
    found = [problem("label", detail) for detail in _label_problems(link, answer)]
    expected = ACCEPTABLE.get(link.kind or "")
    if expected and not (answer.kinds & set(expected)):
        wanted = " or ".join(f"{name} ({q})" for q, name in expected.items())
        has = ", ".join(sorted(answer.classes)) or "nothing"
        found.append(problem("kind", f"ours is a {link.kind}; expected an instance of {wanted}; Wikidata: instance of {has}"))
    return found


def check(links: list[Link], client: Client, batch_size: int = 50) -> list[Problem]:
    problems: list[Problem] = []
    askable = [link for link in links if link.qid]
    problems += [p for link in links if not link.qid for p in judge(link, None)]
    qids = sorted({link.qid for link in askable})
    answers: dict[str, _Answer] = {}
    for start in range(0, len(qids), batch_size):
        try:
            answers.update(_answers(client.select(batch_query(qids[start:start + batch_size]))))
        except BudgetExhausted as error:
            error.what += f"; {start} of {len(qids)} item(s) were asked about, the rest are unchecked"
            raise
    for link in askable:
        problems += judge(link, answers.get(link.qid))
    return sorted(problems)


def format_problems(problems: list[Problem]) -> str:
    rows = [("ours", "item", "problem", "detail")]
    rows += [(short_iri(p.ours), _qid(p.item), p.kind, p.detail) for p in problems]
    return format_table(rows)
