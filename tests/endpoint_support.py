"""Helpers for the endpoint tests: run a real `ceso serve` process on a free 127.0.0.1 port."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parent / "endpoint_fixtures"
BUILD = FIXTURES / "build"
QUERIES = FIXTURES / "queries"
REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Reply:
    status: int
    headers: dict  # lower-cased names
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def json(self):
        return json.loads(self.body)


class Server:
    def __init__(self, *args: str, build: Path = BUILD, env: dict | None = None) -> None:
        self.port = free_port()
        self.log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"ceso-serve-{self.port}.log"
        self._log = open(self.log_path, "wb")
        command = [sys.executable, "-m", "ceso.server", "--build-dir", str(build), "--queries-dir", str(QUERIES),
                   "--port", str(self.port), *args]
        self.started = time.monotonic()
        self.process = subprocess.Popen(command, cwd=REPO, stdout=self._log, stderr=subprocess.STDOUT,
                                        env={**os.environ, **(env or {})})
        self.ready_after = self._wait_ready()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _wait_ready(self, limit: float = 20.0) -> float:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log()}")
            try:
                if self.request("GET", "/health").status == 200:
                    return time.monotonic() - self.started
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"server not ready in {limit} s:\n{self.log()}")

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text(errors="replace")

    def request(self, method: str, path: str, body: bytes | str | None = None, headers: dict | None = None,
                timeout: float = 30) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            if isinstance(body, str):
                body = body.encode("utf-8")
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        finally:
            conn.close()

    def query(self, query: str, accept: str | None = None, **params) -> Reply:
        qs = urllib.parse.urlencode({"query": query, **params}, doseq=True)
        return self.request("GET", "/sparql?" + qs, headers={"Accept": accept} if accept else {})

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._log.close()
