"""The access log: one line per request on stderr, written when its answer has been sent (WSGI middleware).

    127.0.0.1 "GET /sparql?query=... HTTP/1.1" 200 1234 3.21ms timing="query;dur=1.9" "curl/8.5.0"

The timing field is the answer's Server-Timing header (what the query cost, or `cache;desc=hit`).
"""

from __future__ import annotations

import logging
import sys
import time

log = logging.getLogger("ceso.access")


def _line(environ: dict, status: str, headers: list, size: int, started: float) -> str:
    target = environ.get("PATH_INFO", "") + ("?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else "")
    timing = next((v for k, v in headers if k.lower() == "server-timing"), "-")
    return (f'{environ.get("REMOTE_ADDR", "-")} "{environ.get("REQUEST_METHOD")} {target} '
            f'{environ.get("SERVER_PROTOCOL", "HTTP/1.1")}" {status.split(" ", 1)[0]} {size} '
            f'{(time.perf_counter() - started) * 1000:.2f}ms timing="{timing}" "{environ.get("HTTP_USER_AGENT", "-")}"')


class _Body:
    """A streamed answer: logged when the server has sent it all (or the client went) and closes it."""

    def __init__(self, chunks, write) -> None:
        self.chunks, self.write, self.size = chunks, write, 0

    def __iter__(self):
        for chunk in self.chunks:
            self.size += len(chunk)
            yield chunk

    def close(self) -> None:
        try:
            if hasattr(self.chunks, "close"):
                self.chunks.close()
        finally:
            self.write(self.size)


class AccessLog:
    def __init__(self, app) -> None:
        self.app = app
        if not log.handlers:
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("%(message)s"))
            log.addHandler(handler)
            log.setLevel(logging.INFO)
            log.propagate = False

    def __call__(self, environ: dict, start_response):
        started = time.perf_counter()
        seen: dict = {}

        def keep(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        def write(size: int) -> None:
            log.info(_line(environ, seen.get("status", "500"), seen.get("headers", []), size, started))

        chunks = self.app(environ, keep)
        if isinstance(chunks, list):  # a result-cache hit: the whole answer is here (Flask's own answers are iterators)
            write(sum(len(chunk) for chunk in chunks))
            return chunks
        return _Body(chunks, write)
