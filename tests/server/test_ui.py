"""The query UI in a real browser: Debian's headless Chromium, driven over the DevTools protocol, loads
`/`, runs a catalogue example and shows its results, with no request leaving 127.0.0.1."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
import urllib.request

import pytest


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
try:
    import websocket  # websocket-client, a test extra
except ImportError:  # fail, not skip: a missing driver must not pass silently
    websocket = None


class Browser:
    def __init__(self, profile) -> None:
        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--remote-debugging-port=0",
             "--window-size=1280,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        port = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and port is None:
            line = self.process.stderr.readline()
            match = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
            elif not line and self.process.poll() is not None:
                raise RuntimeError("Chromium exited before it was ready")
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict] = []

    def call(self, method: str, **params) -> dict:
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message["result"]
            self.events.append(message)

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {expression}")

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            self.process.wait(10)


@pytest.fixture
def server(live):
    return live


@pytest.fixture
def browser(tmp_path):
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian's chromium is needed: apt-get install -y chromium")
    if websocket is None:
        pytest.fail("websocket-client is needed to drive Chromium: pip install websocket-client")
    b = Browser(tmp_path / "profile")
    yield b
    b.close()


def test_run_an_example_query_and_see_results(server, browser, tmp_path):
    browser.call("Network.enable")
    browser.call("Page.enable")
    browser.call("Page.navigate", url=server.base + "/")
    browser.wait_for("typeof Yasgui !== 'undefined' && document.querySelector('.yasqe') !== null")
    errors = browser.evaluate("Array.from(document.querySelectorAll('#assets-missing')).length")
    assert errors == 0
    # Click the catalogue's "Members of the SCO" example; it loads into the editor and runs.
    browser.evaluate("""Array.from(document.querySelectorAll('#examples button'))
                        .find(b => b.textContent.trim() === 'Members of the SCO').click()""")
    table = browser.wait_for("""(() => { const t = document.querySelector('.yasr table');
                                 return t && t.innerText.includes('India') ? t.innerText : null; })()""")
    rows = [line for line in table.splitlines() if "Kazakhstan" in line or "India" in line]
    assert len(rows) == 2 and "Kazakhstan" in rows[0] and "India" in rows[1]  # ORDER BY start date
    assert "2001-06-15" in table and "2017-06-09" in table
    editor = browser.evaluate("document.querySelector('.yasqe .CodeMirror').CodeMirror.getValue()")
    assert "org:organization <https://w3id.org/ceso/id/sco>" in editor
    shot = browser.call("Page.captureScreenshot", format="png")
    (tmp_path / "ui.png").write_bytes(__import__("base64").b64decode(shot["data"]))
    # Offline: every request the page made went to this server.
    urls = [e["params"]["request"]["url"] for e in browser.events if e.get("method") == "Network.requestWillBeSent"]
    assert any(u.endswith("/sparql") for u in urls)
    assert [u for u in urls if not u.startswith(server.base) and not u.startswith("data:")] == []
