"""Running queries and updates against the dataset, under a deadline and a result-size cap.

Oxigraph releases the GIL while it evaluates, so queries in different threads run in parallel, but a
running evaluation cannot be cancelled. Each operation therefore runs on an evaluator thread; the request
thread waits for it until the deadline, then gives up (the client gets 503) and calls `on_runaway`, which
under gunicorn retires the whole worker process: the process is what stops the runaway evaluation, and the
other workers keep serving meanwhile (see runner.py).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from typing import Callable

from ceso.live import UpdateRefused
from ceso.store import Dataset, Result

from . import sparql_text
from .config import ServerConfig
from .errors import BadGateway, BadRequest, Forbidden, QueryTimeout

log = logging.getLogger("ceso.server")


class _Evaluators:
    """Long-lived daemon threads that run evaluations (a hand-off costs ~30 µs, a new thread ~250 µs).

    A thread stuck in a runaway evaluation is simply lost; the worker retires soon after anyway, and
    a fresh thread is started whenever none is idle.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._idle = 0
        self._lock = threading.Lock()

    def submit(self, job) -> None:
        with self._lock:
            if self._idle == 0:
                threading.Thread(target=self._loop, name="ceso-eval", daemon=True).start()
                self._idle += 1
            self._idle -= 1
        self._jobs.put(job)

    def _loop(self) -> None:
        while True:
            work, box, done = self._jobs.get()
            try:
                box["result"] = work()
            except BaseException as err:  # handed back to the request thread as is
                box["error"] = err
            finally:
                done.set()
            with self._lock:
                self._idle += 1


_EVALUATORS = _Evaluators()


class Engine:
    def __init__(self, dataset: Dataset, config: ServerConfig, on_runaway: Callable[[], None] | None = None) -> None:
        self.dataset = dataset
        self.timeout = config.timeout
        self.max_results = config.max_results
        self.service_allow = set(config.service_allow)
        self.load_allow = set(config.load_allow)
        self.on_runaway = on_runaway

    def _vet(self, text: str, keyword: str, allowed: set[str]) -> None:
        try:
            iris = sparql_text.named_sources(text, keyword)
        except sparql_text.UnresolvableIri as err:
            raise Forbidden(f"{keyword} needs a fixed, absolute IRI on the server's allow-list ({err})") from None
        for iri in iris:
            if iri not in allowed:
                listed = ", ".join(sorted(allowed)) or "none"
                raise Forbidden(f"{keyword} <{iri}> is not allowed: this endpoint only reaches {listed}")

    def query(self, text: str, *, base_iri: str, default_graphs: list[str], named_graphs: list[str]) -> Result:
        self._vet(text, "SERVICE", self.service_allow)
        return self._guarded(lambda: self.dataset.query(text, base_iri=base_iri, default_graphs=default_graphs,
                                                        named_graphs=named_graphs, limit=self.max_results),
                             "SPARQL", "the query could not be evaluated")

    def update(self, text: str, *, base_iri: str) -> float:
        """Apply an update; returns the seconds it took."""
        self._vet(text, "SERVICE", self.service_allow)
        self._vet(text, "LOAD", self.load_allow)

        def apply() -> float:
            started = time.perf_counter()
            self.dataset.update(text, base_iri=base_iri)
            return time.perf_counter() - started

        return self._guarded(apply, "SPARQL Update", "the update could not be applied")

    def _guarded(self, work: Callable, language: str, failed: str):
        """Run `work` on an evaluator thread until the deadline; its failures become HTTP errors."""
        box: dict = {}
        done = threading.Event()
        _EVALUATORS.submit((work, box, done))
        if not done.wait(self.timeout):
            if self.on_runaway is not None:
                self.on_runaway()
            raise QueryTimeout(f"the query ran longer than the server's {self.timeout:g} s limit and was stopped")
        error = box.get("error")
        if isinstance(error, UpdateRefused):
            raise BadRequest(f"{language}: {error}")
        if isinstance(error, SyntaxError):
            raise BadRequest(f"{language} syntax error: {error}")
        if isinstance(error, OSError):
            raise BadGateway(f"{failed}: {error}")
        if error is not None:
            raise error
        return box["result"]
