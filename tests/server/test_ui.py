"""The query UI in a real browser: Debian's headless Chromium, driven over the DevTools protocol, loads
`/`, runs a catalogue example and shows its results, with no request leaving 127.0.0.1."""

from __future__ import annotations

import pytest

from chromium import start_browser


@pytest.fixture
def server(live):
    return live


@pytest.fixture
def browser(tmp_path):
    b = start_browser(tmp_path / "profile")
    yield b
    b.close()


def test_run_an_example_query_and_see_results(server, browser, tmp_path):
    browser.call("Page.navigate", url=server.base + "/")
    browser.wait_for("typeof Yasgui !== 'undefined' && document.querySelector('.yasqe') !== null")
    errors = browser.evaluate("Array.from(document.querySelectorAll('#assets-missing')).length")
    assert errors == 0
    # Click the catalogue's "Members of the SCO" example; it loads into the editor and runs.
    browser.evaluate("""Array.from(document.querySelectorAll('#examples button'))
                        .find(b => b.textContent.trim() === 'Members of the SCO').click()""")
    # One line per result row, whatever the table's cells wrap to: an entity shows as its IRI and label, a
    # date in words at its precision once the page has looked the precision up (it does so after the table
    # is drawn, so wait for the words, not for the first rows).
    table = browser.wait_for("""(() => { const rows = Array.from(document.querySelectorAll('.yasr table tbody tr'));
                                 const text = rows.map(r => r.innerText.replace(/\\s+/g, ' ')).join('\\n');
                                 return text.includes('9 June 2017') ? text : null; })()""")
    rows = [line for line in table.splitlines() if "Kazakhstan" in line or "India" in line]
    assert len(rows) == 2 and "Kazakhstan" in rows[0] and "India" in rows[1]  # ORDER BY start date
    assert "15 June 2001" in rows[0] and "9 June 2017" in rows[1]
    # The sortable stamp stays on the cell for who wants it.
    stamps = browser.evaluate("Array.from(document.querySelectorAll('.yasr table td[title]')).map(td => td.title).join(' ')")
    assert "2001-06-15" in stamps and "2017-06-09" in stamps
    editor = browser.evaluate("document.querySelector('.yasqe .CodeMirror').CodeMirror.getValue()")
    assert "org:organization <https://w3id.org/ceso/id/sco>" in editor
    shot = browser.call("Page.captureScreenshot", format="png")
    (tmp_path / "ui.png").write_bytes(__import__("base64").b64decode(shot["data"]))
    # Offline: every request the page made went to this server.
    urls = [e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"]
    assert any(u.endswith("/sparql") for u in urls)
    assert [u for u in urls if not u.startswith(server.base) and not u.startswith("data:")] == []
