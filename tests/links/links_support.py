"""Helpers for the links tests: fixture source trees run through the real command, and a flaky front for
the fixture "Wikidata" endpoint that fails the first requests and counts them all."""

from __future__ import annotations

import http.client
from pathlib import Path

from support import Stub, run_ceso, source_tree

HERE = Path(__file__).resolve().parent / "fixtures"


def tree(target: Path, *names: str) -> Path:
    """The shipped ontology and shapes with the named instance files of fixtures/."""
    return source_tree(target, *(HERE / name for name in names))


def ceso(*args: str, root: Path, source: Path, check: bool = False):
    return run_ceso(*args, build_dir=root, source_dir=source, check=check, timeout=120)


class Flaky(Stub):
    """Answers the first requests with the given statuses (429 with Retry-After: 0), then passes each request
    on to the endpoint on `upstream_port`."""

    def __init__(self, upstream_port: int, failures: list[int]):
        failures = list(failures)

        def answer(method, path, headers, body):
            if failures:
                status = failures.pop(0)
                return status, {"Retry-After": "0"} if status == 429 else {}, b""
            conn = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=30)
            try:
                conn.request("POST", "/sparql", body, {"Content-Type": headers["Content-Type"],
                                                       "Accept": headers.get("Accept", "*/*")})
                reply = conn.getresponse()
                return reply.status, {"Content-Type": reply.getheader("Content-Type")}, reply.read()
            finally:
                conn.close()

        super().__init__(answer)
        self.url += "/sparql"

    @property
    def agents(self) -> list[str]:
        return [headers.get("User-Agent", "") for _, _, headers in self.requests]
