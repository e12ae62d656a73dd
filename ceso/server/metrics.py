"""Request counters for /metrics (Prometheus text format), per worker process."""

from __future__ import annotations

import os
import threading
import time
from collections import Counter


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.started = time.time()
        self.responses: Counter = Counter()  # (endpoint, status) -> count
        self.queries = 0
        self.query_seconds = 0.0
        self.timeouts = 0
        self.over_memory = 0
        self.truncated = 0
        self.forbidden = 0
        self.cache_hits = 0
        self.cache = None  # the ResultCache in front of the app, when there is one

    def response(self, endpoint: str, status: int) -> None:
        with self._lock:
            self.responses[(endpoint, status)] += 1

    def query(self, seconds: float, truncated: bool) -> None:
        with self._lock:
            self.queries += 1
            self.query_seconds += seconds
            self.truncated += truncated

    def cached(self, endpoint: str) -> None:
        """A response given from the result cache: counted as a response of its route, not as a query."""
        with self._lock:
            self.cache_hits += 1
            self.responses[(endpoint, 200)] += 1

    def count(self, name: str) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + 1)

    def render(self, triples: int) -> str:
        pid = os.getpid()
        lines = [
            "# HELP ceso_http_responses_total HTTP responses by route and status.",
            "# TYPE ceso_http_responses_total counter",
        ]
        with self._lock:
            for (endpoint, status), n in sorted(self.responses.items()):
                lines.append(f'ceso_http_responses_total{{worker="{pid}",endpoint="{endpoint}",status="{status}"}} {n}')
            for name, value, kind, text in (
                ("ceso_queries_total", self.queries, "counter", "SPARQL queries answered."),
                ("ceso_query_seconds_total", round(self.query_seconds, 6), "counter", "Time spent evaluating queries."),
                ("ceso_query_timeouts_total", self.timeouts, "counter", "Queries stopped at the time limit (503)."),
                ("ceso_query_over_memory_total", self.over_memory, "counter",
                 "Queries stopped when their worker passed its memory limit (503)."),
                ("ceso_results_truncated_total", self.truncated, "counter", "Responses cut at the result-size cap."),
                ("ceso_network_refusals_total", self.forbidden, "counter", "SERVICE/LOAD refused by the allow-list."),
                ("ceso_result_cache_hits_total", self.cache_hits, "counter", "Queries answered from the result cache."),
                ("ceso_result_cache_bytes", self.cache.size if self.cache else 0, "gauge",
                 "Bytes of answers held in the result cache."),
                ("ceso_store_quads", triples, "gauge", "Quads in the store."),
                ("ceso_uptime_seconds", round(time.time() - self.started, 3), "gauge", "Seconds since this worker started."),
            ):
                lines += [f"# HELP {name} {text}", f"# TYPE {name} {kind}", f'{name}{{worker="{pid}"}} {value}']
        return "\n".join(lines) + "\n"
