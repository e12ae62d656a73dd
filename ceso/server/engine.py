"""Running queries and updates against the store, under a deadline and a result-size cap.

Oxigraph releases the GIL while it evaluates, so queries in different threads run in parallel, but a
running evaluation cannot be cancelled. Each operation therefore runs in its own daemon thread; the
request thread waits for it until the deadline, then gives up (the client gets 503) and calls
`on_runaway`, which under gunicorn retires the whole worker process: the process is what stops the
runaway evaluation, and the other workers keep serving meanwhile (see runner.py).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Callable

import pyoxigraph as ox

from . import sparql_text
from .dataset import DEFAULT_GRAPH_IRIS, Dataset

log = logging.getLogger("ceso.server")


class QueryTimeout(Exception):
    pass


class Forbidden(Exception):
    """The operation would reach the network (SERVICE/LOAD) outside the allow-list."""


class BadRequest(Exception):
    pass


@dataclass
class Result:
    kind: str  # "select", "ask", "graph", "update"
    variables: list[str] | None = None
    rows: list | None = None  # SELECT rows (lists of terms) or CONSTRUCT/DESCRIBE triples
    boolean: bool | None = None
    truncated: bool = False
    seconds: float = 0.0


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


def _run_with_deadline(work: Callable[[], Result], timeout: float) -> Result:
    box: dict = {}
    done = threading.Event()
    _EVALUATORS.submit((work, box, done))
    if not done.wait(timeout):
        raise QueryTimeout(f"the query ran longer than the server's {timeout:g} s limit and was stopped")
    if "error" in box:
        raise box["error"]
    return box["result"]


class Engine:
    def __init__(self, dataset: Dataset, *, timeout: float, max_results: int,
                 service_allow: tuple[str, ...], load_allow: tuple[str, ...],
                 on_runaway: Callable[[], None] | None = None) -> None:
        self.dataset = dataset
        self.store = dataset.store
        self.timeout = timeout
        self.max_results = max_results
        self.service_allow = set(service_allow)
        self.load_allow = set(load_allow)
        self.on_runaway = on_runaway
        self._update_lock = threading.Lock()

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
        kwargs = {"base_iri": base_iri}
        if default_graphs or named_graphs:
            # The protocol's dataset replaces the query's FROM / FROM NAMED (SPARQL 1.1 Protocol §2.1.4).
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        cap = self.max_results

        def work() -> Result:
            started = time.perf_counter()
            answer = self.store.query(text, **kwargs)
            if isinstance(answer, ox.QueryBoolean):
                result = Result("ask", boolean=bool(answer))
            elif isinstance(answer, ox.QuerySolutions):
                variables = [v.value for v in answer.variables]
                rows = []
                for solution in answer:
                    if len(rows) == cap:
                        result = Result("select", variables, rows, truncated=True)
                        break
                    rows.append(list(solution))
                else:
                    result = Result("select", variables, rows)
            else:
                triples = []
                for triple in answer:
                    if len(triples) == cap:
                        result = Result("graph", rows=triples, truncated=True)
                        break
                    triples.append(triple)
                else:
                    result = Result("graph", rows=triples)
            result.seconds = time.perf_counter() - started
            return result

        return self._guarded(work)

    def update(self, text: str, *, base_iri: str) -> Result:
        self._vet(text, "SERVICE", self.service_allow)
        self._vet(text, "LOAD", self.load_allow)

        def work() -> Result:
            started = time.perf_counter()
            with self._update_lock:
                self.store.update(text, base_iri=base_iri)
                self._rederive_default_graph()
            return Result("update", seconds=time.perf_counter() - started)

        return self._guarded(work)

    def _rederive_default_graph(self) -> None:
        # The default graph is ontology ∪ instances ∪ inferred (a materialised copy, see dataset.py); keep it so.
        graphs = " ".join(f"<{g}>" for g in DEFAULT_GRAPH_IRIS)
        self.store.update("CLEAR DEFAULT ; INSERT { ?s ?p ?o } WHERE { VALUES ?g { " + graphs + " } GRAPH ?g { ?s ?p ?o } }")

    def _guarded(self, work: Callable[[], Result]) -> Result:
        try:
            return _run_with_deadline(work, self.timeout)
        except QueryTimeout:
            if self.on_runaway is not None:
                self.on_runaway()
            raise
