"""What a person finds on the pages of the shipped graph: entity pages in sections with dates in words and
sources inline, membership timelines (SVG), search, the index, the /wd/QID route, the styled 404, the
ontology anchors, /timeline and `ceso timeline`. Expected values are read off instances/*.ttl by hand."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from support import make_client, run_ceso

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
SVG = "{http://www.w3.org/2000/svg}"


class Page(HTMLParser):
    """Links (href, text), ids, and the text of elements by id."""

    def __init__(self, html: str):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self._href = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a":
            self._href = attrs.get("href")

    def handle_data(self, data):
        self.text.append(data)
        if self._href is not None and data.strip():
            self.links.append((self._href, data.strip()))
            self._href = None

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def site(build_dir):
    return make_client(build_dir)


def get(site, path, status=200):
    reply = site.request("GET", path, headers=HTML)
    assert reply.status == status, reply.text[:500]
    return reply, Page(reply.text)


def section(html: str, ident: str) -> str:
    """The inside of the element with this id: a table to its end, another element its next 20,000 characters."""
    at = html.index(f'id="{ident}"')
    start = html.index(">", at) + 1
    if html[html.rindex("<", 0, at):].startswith("<table"):
        return html[start:html.index("</table>", start)]
    return html[start:start + 20000]


def test_state_page_memberships_with_dates_in_words_and_sources(site):
    reply, page = get(site, "/id/kazakhstan")
    rows = Page(section(reply.text, "memberships")).words
    # In order of their start, each with its status, its period at its precision and how it began and ended.
    first_cells = [Page(row).words for row in re.findall(r"<tr>\s*<td>(.*?)</td>", section(reply.text, "memberships"), re.S)]
    assert first_cells == ["Commonwealth of Independent States", "Collective Security Treaty", "Shanghai Five",
                           "Shanghai Cooperation Organisation", "Collective Security Treaty Organization"]
    assert "state party 15 May 1992 – 7 October 2002 founding → succession" in rows
    assert "full member 15 June 2001 – today founding" in rows
    # Sources are links to the cited pages, with their access dates.
    assert ("http://en.special.kremlin.ru/supplement/3506",
            "[Kremlin: Charter of the Collective Security Treaty Organization, signed in Chisinau on 7 October 2002]") in page.links
    assert "accessed 28 November 2026" in rows
    assert ("https://www.wikidata.org/wiki/Q232", "Q232") in page.links
    assert "Казахстан" in page.words
    # Events it took part in, dated: it hosted the Astana summit of 2005.
    events = Page(section(reply.text, "events")).words
    assert "5 July 2005 SCO summit in Astana (2005) host" in events


def test_state_page_timeline_has_a_bar_per_status_membership(site):
    reply, _ = get(site, "/id/kazakhstan")
    svg = ET.fromstring(reply.text[reply.text.index("<svg"):reply.text.index("</svg>") + 6])
    bars = [a for a in svg.iter(SVG + "a") if a.get("data-status")]
    # CIS, CST (state party), Shanghai Five, SCO, CSTO.
    assert sorted(a.get("data-status") for a in bars) == ["FullMember"] * 4 + ["StateParty"]
    cst = next(a for a in bars if a.get("data-status") == "StateParty")
    assert cst.get("href") == "/id/membership/cst-kazakhstan-state-party-1992"
    assert cst.get("aria-label").startswith("Kazakhstan, state party of Collective Security Treaty: 15 May 1992 – 7 October 2002")


def test_organization_timeline_shows_suspension_and_freeze(site):
    reply, page = get(site, "/id/csto")
    svg = ET.fromstring(reply.text[reply.text.index("<svg"):reply.text.index("</svg>") + 6])
    bars = {a.get("href"): a for a in svg.iter(SVG + "a") if a.get("data-status")}
    assert len(bars) == 7  # the six founders and Uzbekistan
    uzbekistan = bars["/id/membership/csto-uzbekistan-full-member-2006"]
    assert "23 June 2006 – 28 June 2012 (suspended)" in uzbekistan.get("aria-label")
    assert [p.get("class") for p in uzbekistan.iter(SVG + "path")] == ["suspended"]
    armenia = bars["/id/membership/csto-armenia-full-member-2002"]
    assert "participation frozen 22 February 2024 – today" in armenia.get("aria-label")
    assert [r.get("class") for r in armenia.iter(SVG + "rect")] == ["bar", "frozen"]
    # Members head the table of an organization's memberships.
    assert "Member Status Period" in Page(section(reply.text, "memberships")).words


def test_facts_in_reading_order_inferred_marked_inverses_folded(site):
    reply, page = get(site, "/id/csto")
    facts = section(reply.text, "facts")
    # The CSTO's units: org:unitOf written on each unit, org:hasUnit drawn by reasoning; the super-properties
    # org:hasSubOrganization and org:transitiveSubOrganizationOf, and the units' own org:unitOf, folded in.
    council = [(href, text) for href, text in page.links if href == "/id/csto-collective-security-council"]
    assert len(council) == 1
    assert "has sub-organization" not in facts and "transitive" not in facts
    assert re.search(r'<tr class="inferred"><th><a href="/ontology#[^"]+">has unit</a></th><td><a href="/id/csto-collective-security-council">', facts)
    # Inception (asserted) comes first, not in IRI order.
    assert Page(facts).words.startswith("inception 7 October 2002")
    assert facts.split("</tr>")[0].startswith('\n<tr><th><a href="/ontology#inception">inception')


def test_every_ontology_link_lands_on_an_anchor(site):
    ontology = site.request("GET", "/ontology", headers=HTML)
    anchors = set(re.findall(r'id="([^"]+)"', ontology.text))
    assert 'href="/id/"' in ontology.text and "<header" in ontology.text  # the site's header, back to the UI
    links = set()
    for path in ("/id/kazakhstan", "/id/csto", "/id/membership/csto-uzbekistan-full-member-2006", "/id/summit-sco-astana-2005"):
        reply = site.request("GET", path, headers=HTML)
        if reply.status == 200:
            links |= set(re.findall(r'href="/ontology#([^"]+)"', reply.text))
    assert len(links) > 20
    assert sorted(links - anchors) == []
    # SKOS concepts too: the suspension of participation and the full-member status.
    assert {"Suspension", "FullMember"} <= links


def test_wikidata_qid_route(site):
    reply = site.request("GET", "/wd/Q232")
    assert reply.status == 303 and reply.headers["location"].endswith("/id/kazakhstan")
    assert site.request("GET", "/wd/Q485207").headers["location"].endswith("/id/sco")
    missing, page = get(site, "/wd/Q42", status=404)
    assert "no CESO entity is linked to Wikidata's Q42" in page.words and "site-search" in page.ids
    assert site.request("GET", "/wd/Q42", headers={"Accept": "text/plain"}).headers["content-type"].startswith("text/plain")
    assert site.request("GET", "/wd/kazakhstan").status == 404


def test_styled_404_with_suggestions(site):
    _, page = get(site, "/id/kazakstan", status=404)
    assert page.links[page.links.index(("/id/kazakhstan", "Kazakhstan")) - 1][0] == "/service"  # first suggestion
    assert "suggestions" in page.ids
    _, nowhere = get(site, "/nowhere", status=404)
    assert "there is no page at /nowhere" in nowhere.words
    tool = site.request("GET", "/id/kazakstan", headers={"Accept": "text/turtle"})
    assert tool.status == 404 and tool.headers["content-type"].startswith("text/plain")


def test_search_in_english_and_russian_by_prefix_and_fuzzily(site):
    for query in ("kazakh", "Казах", "kazakstan", "KAZAKHSTAN"):
        hits = site.request("GET", "/search?format=json&q=" + query).json()
        assert hits[0]["href"] == "/id/kazakhstan", (query, hits[:3])
    hits = site.request("GET", "/search?format=json&q=ШОС").json()
    assert hits[0]["label"] == "Shanghai Cooperation Organisation" and hits[0]["matched"] == "ШОС"
    _, page = get(site, "/search?q=full+member")
    assert ("/ontology#FullMember", "full member") in page.links
    _, none = get(site, "/search?q=qqqqxz")
    assert "no-hits" in none.ids


def test_index_by_class_with_counts(site):
    reply, page = get(site, "/id/")
    rows = Page(section(reply.text, "classes")).words
    assert "state ceso:State 33" in rows  # 32 in states.ttl and the Nagorno-Karabakh Republic
    assert ("/id/?class=ceso%3AState", "state") in page.links
    _, states = get(site, "/id/?class=ceso:State")
    assert ("/id/kazakhstan", "Kazakhstan") in states.links and ("/id/uzbekistan", "Uzbekistan") in states.links
    assert site.request("GET", "/id/?class=ceso:Unicorn", headers=HTML).status == 404
    assert site.request("GET", "/id/?class=a%3Eb").status == 400


def test_timeline_page_and_files(site):
    reply, page = get(site, "/timeline?org=sco&status=Observer")
    svg = ET.fromstring(reply.text[reply.text.index("<svg"):reply.text.index("</svg>") + 6])
    statuses = [a.get("data-status") for a in svg.iter(SVG + "a") if a.get("data-status")]
    # Mongolia, India, Pakistan, Iran, Afghanistan, Belarus.
    assert statuses == ["Observer"] * 6
    assert ("/timeline.svg?org=sco&status=Observer", "SVG") in page.links
    file = site.request("GET", "/timeline.svg?org=csto&from=2010&to=2015")
    assert file.headers["content-type"] == "image/svg+xml; charset=utf-8"
    hrefs = [a.get("href") for a in ET.fromstring(file.body).iter(SVG + "a") if a.get("data-status")]
    assert len(hrefs) == 7 and all(h.startswith("https://w3id.org/ceso/id/membership/") for h in hrefs)
    png = site.request("GET", "/timeline.png?org=csto")
    assert png.status == 200 and png.body[:8] == b"\x89PNG\r\n\x1a\n"
    assert site.request("GET", "/timeline?from=nineteen").status == 400
    assert site.request("GET", "/timeline?status=Member").status == 400


def test_service_description_for_people(site):
    _, page = get(site, "/service")
    assert "https://w3id.org/ceso/graph/instances" in page.words and "CESO-Results-Truncated" in page.words
    assert ("/sparql?format=turtle", "the SPARQL service description in Turtle") in page.links


def test_ceso_timeline_command(shipped_root, tmp_path):
    run_ceso("timeline", "--org", "csto", "-o", str(tmp_path / "csto.svg"), build_dir=shipped_root, check=True)
    svg = ET.parse(tmp_path / "csto.svg").getroot()
    assert svg.find(SVG + "title").text == "Membership history: Collective Security Treaty Organization"
    assert len([a for a in svg.iter(SVG + "a") if a.get("data-status")]) == 7
    run_ceso("timeline", "--state", "kazakhstan", "-o", str(tmp_path / "kz.png"), build_dir=shipped_root, check=True)
    assert (tmp_path / "kz.png").read_bytes()[:4] == b"\x89PNG"
    wrong = run_ceso("timeline", "--org", "nato", build_dir=shipped_root)
    assert wrong.returncode == 1 and "no status membership matches nato" in wrong.stderr and "Traceback" not in wrong.stderr


def test_event_page_lists_participants_once(site):
    reply, _ = get(site, "/id/event/sco-summit-astana-2005")
    rows = Page(section(reply.text, "participants")).words
    assert "Kazakhstan host" in rows and "China participant" in rows
    # The inferred ceso:hasParticipant copies and the participations themselves are the table.
    facts = Page(section(reply.text, "facts")).words
    assert "has participant" not in facts and "has participation" not in facts
    assert facts.startswith("has time 5 July 2005")


def test_every_ceso_term_is_documented_on_the_ontology_page(site):
    html = site.request("GET", "/ontology", headers=HTML).text
    answer = site.query('SELECT DISTINCT ?t WHERE { GRAPH <https://w3id.org/ceso/graph/ontology> { ?t a ?k } '
                        'FILTER(STRSTARTS(STR(?t), "https://w3id.org/ceso/ontology#")) }',
                        accept="application/sparql-results+json").json()
    terms = [b["t"]["value"] for b in answer["results"]["bindings"]]
    assert len(terms) > 200
    # pyLODE's sections and the appended one both show each term's IRI under its anchor.
    assert [t for t in terms if f"<code>{t}</code>" not in html] == []
