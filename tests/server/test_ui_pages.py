"""Every kind of page and every result view in a real browser (Debian's headless Chromium over the DevTools
protocol), on the shipped graph: the bars, labels and links each shows, and no request leaving 127.0.0.1.

CESO_SCREENSHOTS=docs/screenshots writes the screenshots the README shows (otherwise they go to a
temporary folder)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from chromium import start_browser
from support import REPO, AppClient, LiveServer



@pytest.fixture(scope="module")
def site(build_dir):
    from ceso.server.app import create_app
    from ceso.server.config import ServerConfig

    # A small result cap, so that one query shows the notice of a cut answer without drawing thousands of rows.
    server = LiveServer(AppClient(create_app(build_dir, ServerConfig(queries_dir=REPO / "queries", max_results=200))).app)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    b = start_browser(tmp_path_factory.mktemp("chromium") / "profile")
    yield b
    b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = Path(os.environ.get("CESO_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder = folder if folder.is_absolute() else REPO / folder
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def example(browser, title: str, view: str = "table") -> None:
    """Run a catalogue example by its button, wait for its results, show them in `view`."""
    browser.evaluate("window.previous = cesoYasgui.getTab().getYasr().results; cesoYasgui.getTab().getYasr().selectPlugin('table')")
    browser.evaluate(f"""Array.from(document.querySelectorAll('#examples button')).find(b => b.textContent.trim() === {title!r}).click()""")
    browser.wait_for("(() => { const r = cesoYasgui.getTab().getYasr().results; return r && r !== window.previous; })()")
    browser.wait_for("document.querySelector('.yasr table tbody tr td') !== null")
    if view != "table":
        browser.evaluate(f"cesoYasgui.getTab().getYasr().selectPlugin({view!r})")


def test_entity_pages_timeline_search_and_404(site, browser, shots):
    browser.open(site.base + "/id/csto")
    assert browser.evaluate("document.querySelectorAll('#timeline svg a[data-status]').length") == 7
    # Focusing a bar names its dates and sources.
    label = browser.evaluate("""(() => { const a = document.querySelector('#timeline a[href="/id/membership/csto-uzbekistan-full-member-2006"]');
                                a.focus(); return document.activeElement.getAttribute('aria-label'); })()""")
    assert label == ("Uzbekistan, full member of Collective Security Treaty Organization: 23 June 2006 – 28 June 2012 "
                     "(suspended); 5 sources")
    browser.screenshot(shots / "organization-page.png")
    # The header's search box suggests names as one types, in Russian too.
    browser.evaluate("""(() => { const i = document.getElementById('site-search'); i.value = 'Казах';
                        i.dispatchEvent(new Event('input', {bubbles: true})); })()""")
    options = browser.wait_for("""(() => { const o = [...document.querySelectorAll('#site-search-hits option')].map(o => o.value);
                                  return o.length ? o : null; })()""")
    assert options[0] == "Kazakhstan"

    browser.open(site.base + "/id/kazakhstan")
    assert browser.evaluate("document.querySelector('#memberships tbody tr td a').textContent") == "Commonwealth of Independent States"
    assert browser.evaluate("""[...document.querySelectorAll('#memberships a.source')]
                               .some(a => a.href === 'http://en.special.kremlin.ru/supplement/3506')""")
    browser.screenshot(shots / "state-page.png")

    browser.open(site.base + "/id/kazakstan")
    assert browser.evaluate("document.querySelector('#suggestions a').getAttribute('href')") == "/id/kazakhstan"
    browser.screenshot(shots / "not-found.png")

    browser.open(site.base + "/timeline?org=sco")
    bars = browser.evaluate("""[...document.querySelectorAll('.timeline-box a[data-status]')]
                               .filter(a => a.getAttribute('aria-label').startsWith('India,')).map(a => a.dataset.status)""")
    assert bars == ["Observer", "FullMember"]
    browser.screenshot(shots / "timeline.png")
    browser.open(site.base + "/search?q=observer")
    assert browser.evaluate("document.querySelector('#hits a').textContent") == "observer"
    assert not [u for u in browser.requested() if not u.startswith(site.base) and not u.startswith("data:")]


def test_query_page_views_autocompletion_url_and_cap(site, browser, shots):
    browser.open(site.base + "/", "typeof cesoYasgui !== 'undefined' && document.querySelector('.yasqe') !== null")
    assert browser.evaluate("document.querySelector('#overview-organizations a').textContent") == "Shanghai Cooperation Organisation"
    browser.screenshot(shots / "query-landing.png")

    # Table: labels beside CESO IRIs, links to local pages, dates in words.
    example(browser, "Belarus's statuses over time")
    browser.wait_for("document.querySelector('.yasr .ceso-label') !== null")
    table = browser.evaluate("document.querySelector('.yasr table').innerText")
    assert "Commonwealth of Independent States" in table and "8 December 1991" in table
    assert browser.evaluate("[...document.querySelectorAll('.yasr table a')].some(a => a.getAttribute('href') === '/id/cis')")
    browser.screenshot(shots / "view-table.png", ".yasr")
    # Timeline: a bar per status, SCO's three in order.
    browser.evaluate("cesoYasgui.getTab().getYasr().selectPlugin('timeline')")
    browser.wait_for("document.querySelectorAll('svg.ceso-timeline a.bar').length === 7")  # CST, CSTO, CIS, NAM and the SCO's three
    sco = browser.evaluate("""[...document.querySelectorAll('svg.ceso-timeline a.bar')].map(a => a.getAttribute('aria-label'))
                              .filter(l => l.startsWith('Shanghai'))""")
    assert [l.split(",")[1].split(":")[0].strip() for l in sco] == ["dialogue partner", "observer", "full member"]
    browser.screenshot(shots / "view-timeline.png", ".yasr")

    example(browser, "Membership counts over time", "chart")
    series = browser.wait_for("""(() => { const l = [...document.querySelectorAll('svg.ceso-chart .legend text')].map(t => t.textContent);
                                 return l.length ? l : null; })()""")
    assert "Shanghai Cooperation Organisation" in series and "Collective Security Treaty Organization" in series
    browser.screenshot(shots / "view-chart.png", ".yasr")

    example(browser, "SCO partners today", "map")
    states = browser.wait_for("""(() => { const s = [...document.querySelectorAll('svg.ceso-map a.state')].map(a => a.dataset.name);
                                 return s.length ? s : null; })()""")
    assert {"Laos", "Turkey", "Egypt", "Mongolia"} <= set(states)
    browser.screenshot(shots / "view-map.png", ".yasr")

    browser.evaluate("""(() => { const t = cesoYasgui.getTab(); t.setQuery('PREFIX : <https://w3id.org/ceso/id/>\\nPREFIX org: <http://www.w3.org/ns/org#>\\n'
        + 'CONSTRUCT { ?m org:member ?s ; org:organization :csto ; org:role ?r } WHERE { ?m org:organization :csto ; org:member ?s ; org:role ?r FILTER(STRSTARTS(STR(?s), STR(:))) }');
        t.getYasqe().query(); })()""")
    browser.wait_for("cesoYasgui.getTab().getYasr().results && cesoYasgui.getTab().getYasr().results.getType() === 'ttl'")
    browser.evaluate("cesoYasgui.getTab().getYasr().selectPlugin('graph')")
    nodes = browser.wait_for("""(() => { const n = [...document.querySelectorAll('svg.ceso-graph a.node')].map(a => a.getAttribute('aria-label'));
                                return n.length ? n : null; })()""")
    assert {"Collective Security Treaty Organization", "Uzbekistan", "full member"} <= set(nodes)
    browser.screenshot(shots / "view-graph.png", ".yasr")

    # Typing a class name completes it from this server, and the URL keeps what was typed.
    typed = "PREFIX ceso: <https://w3id.org/ceso/ontology#>\nSELECT * WHERE { ?s a ceso:Summ"
    browser.evaluate(f"""(() => {{ const y = cesoYasgui.getTab().getYasqe(); y.setValue({typed!r}); y.focus();
                         y.getDoc().setCursor({{line: 1, ch: 100}}); y.autocomplete(); }})()""")
    hint = browser.wait_for("(() => { const h = document.querySelector('.CodeMirror-hint'); return h ? h.textContent : null; })()")
    assert hint.startswith("ceso:Summit")
    assert any("/terms?kind=class" in u for u in browser.requested())
    browser.open(browser.evaluate("location.href"), "typeof cesoYasgui !== 'undefined' && document.querySelector('.yasqe') !== null")
    assert browser.evaluate("cesoYasgui.getTab().getYasqe().getValue()") == typed

    # A cut answer says so (this server caps at 200 rows).
    browser.evaluate("""(() => { const t = cesoYasgui.getTab(); t.setQuery('SELECT * WHERE { ?s ?p ?o }'); t.getYasqe().query(); })()""")
    notice = browser.wait_for("(() => { const n = document.getElementById('result-notice'); return n.hidden ? null : n.textContent; })()")
    assert "cut this answer at 200" in notice
    outside = [u for u in browser.requested() if not u.startswith(site.base) and not u.startswith("data:")]
    assert outside == []


def test_phone_width(site, browser, shots):
    browser.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=1, mobile=True)
    try:
        browser.open(site.base + "/id/kazakhstan")
        time.sleep(0.2)
        # Nothing wider than the screen but the timeline, which scrolls in its own box.
        assert browser.evaluate("document.documentElement.scrollWidth") <= 390
        assert browser.evaluate("getComputedStyle(document.querySelector('.timeline-box')).overflowX") == "auto"
        browser.screenshot(shots / "phone-state-page.png")
    finally:
        browser.call("Emulation.clearDeviceMetricsOverride")
