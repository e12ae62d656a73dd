"""A per-worker cache of query answers, in front of the Flask app (WSGI middleware).

A read-only build answers the same GET request with the same bytes, so a repeated query is answered from
memory without Flask, the lexer, the engine or a results writer. Only what the SPARQL route marks as
repeatable is kept (`mark`): a 200 answer to a query that calls no RAND/NOW/UUID/BNODE and no SERVICE.
The key is everything the answer depends on: path, query string (query, dataset and format parameters),
Accept, and the host and scheme (relative IRIs resolve against the endpoint's address). The least recently
used answers go first once `max_bytes` is reached; one answer may take at most an eighth of it. The app
factory installs it only over a build (not with SPARQL Update on, nor over a backend, whose data change).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

MARK = "ceso.repeatable"
# A hit says so, and its Server-Timing (which the access log shows) is not the evaluation it skipped.
HIT_HEADERS = [("CESO-Cache", "hit"), ("Server-Timing", "cache;desc=hit")]
_OVERHEAD = 256  # bytes an entry costs beyond its key, headers and body (the tuples, the dict slot)


def mark(environ: dict, repeatable: bool) -> None:
    """Called by the SPARQL route: may this request's answer be given again to the same request?"""
    environ[MARK] = repeatable


class ResultCache:
    def __init__(self, app, max_bytes: int, metrics) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.metrics = metrics
        self._entries: OrderedDict = OrderedDict()  # key -> (status, headers, body, size)
        self._size = 0
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        return self._size

    def __call__(self, environ: dict, start_response):
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO") not in ("/sparql", "/sparql/"):
            return self.app(environ, start_response)
        key = (environ["PATH_INFO"], environ.get("QUERY_STRING", ""), environ.get("HTTP_ACCEPT"),
               environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME')}:{environ.get('SERVER_PORT')}",
               environ.get("wsgi.url_scheme"))
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
        if entry is not None:
            status, headers, body, _ = entry
            self.metrics.cached(environ["PATH_INFO"])
            start_response(status, [*headers, *HIT_HEADERS])
            return [body]
        seen: dict = {}

        def keep(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, headers
            return start_response(status, headers, exc_info)

        chunks = self.app(environ, keep)
        if not (environ.get(MARK) and seen.get("status", "").startswith("200 ")):
            return chunks
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        size = (len(body) + sum(len(part) for part in key if part) + _OVERHEAD
                + sum(len(k) + len(v) for k, v in seen["headers"]))
        if size <= self.max_bytes // 8:
            with self._lock:
                if key not in self._entries:
                    headers = [(k, v) for k, v in seen["headers"] if k.lower() != "server-timing"]
                    self._entries[key] = (seen["status"], headers, body, size)
                    self._size += size
                    while self._size > self.max_bytes:
                        *_, dropped = self._entries.popitem(last=False)[1]
                        self._size -= dropped
        return [body]
