"""Server settings, shared by the CLI options, the app factory and the runner (granian)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

WIKIDATA_SPARQL = "https://query.wikidata.org/sparql"
# The HTTP server (granian, on hyper and the `http` crate) answers a request target over 65,534 bytes with
# its own 414 and no body; the app's limit stays under it so that a long GET is told to POST in words.
MOST_URL = 65_000


@dataclass
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2  # processes; they share the build's read-only store
    threads: int = 32  # concurrent requests per worker (a slow client holds one while it sends its headers)
    timeout: float = 30.0  # seconds a query or update may run before the client gets 503
    max_results: int = 10_000  # rows (SELECT) or triples (CONSTRUCT/DESCRIBE) per response
    max_body: int = 1 << 20  # bytes of request body
    max_url: int = MOST_URL  # bytes of a request URL's query string (a GET query)
    max_response_bytes: int = 64 << 20  # bytes of term text per response; rows past it are cut
    max_memory: int = 2 << 30  # resident bytes of a worker process past which its running queries are stopped
    max_depth: int = 256  # nesting of brackets in a query or update
    max_operators: int = 4_000  # operators and pattern keywords (the engine parses long chains in quadratic time)
    cache_size: int = 64 << 20  # bytes of repeated GET queries' answers kept per worker (result_cache.py); 0 is off
    service_allow: tuple[str, ...] = (WIKIDATA_SPARQL,)
    load_allow: tuple[str, ...] = ()
    update_token: str | None = None  # update is on exactly when a token is set
    queries_dir: Path | None = None
    live_dir: Path | None = None  # where update mode keeps its live copies (default $CESO_BUILD_DIR/live)
    access_log: str | None = "-"  # "-" is stderr; None turns it off
    backend: str | None = None  # a SPARQL engine's query endpoint to read instead of the build (ceso/backend.py)

    @property
    def update_enabled(self) -> bool:
        return bool(self.update_token)
