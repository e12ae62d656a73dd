"""Running queries and updates against the dataset, under a deadline, a memory limit and a result-size cap.

Oxigraph releases the GIL while it evaluates, so queries in different threads run in parallel, but a
running evaluation cannot be cancelled. Each operation therefore runs on an evaluator thread; the request
thread waits for it until the deadline, or until the process's resident memory passes the limit, then
gives up (the client gets 503) and calls `on_runaway`, which under the runner retires the whole worker
process: the process is what stops the runaway evaluation, and the other workers keep serving meanwhile
(see runner.py).
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from typing import Callable

from ceso.backend import BackendError
from ceso.live import UpdateRefused
from ceso.store import Dataset, Result

from . import sparql_text
from .config import ServerConfig
from .errors import BadGateway, BadRequest, Forbidden, HttpError, QueryOverMemory, QueryTimeout

log = logging.getLogger("ceso.server")


# Oxigraph parses and evaluates recursively: a nest or chain a few thousand deep overflows a thread's
# default 8 MiB stack and kills the whole process (SIGSEGV). Evaluator threads get a large stack (address
# space only; pages are touched as used) and the lexer refuses what would need more (max_depth, max_operators).
EVALUATOR_STACK = 256 << 20

# How often a waiting request thread looks at the process's memory. Fast queries end before the first
# look; one that doubles a string each step can pass the limit by what it allocates in this time.
MEMORY_POLL = 0.02
# A worker over its memory limit must end soon, or its runaway query takes the machine's memory with it.
MEMORY_GRACE = 2.0


def resident_bytes() -> int | None:
    """This process's resident memory (Linux); None where /proc is not there, which turns the guard off."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except OSError:
        return None


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


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
                previous = threading.stack_size(EVALUATOR_STACK)
                try:
                    threading.Thread(target=self._loop, name="ceso-eval", daemon=True).start()
                finally:
                    threading.stack_size(previous)
                self._idle += 1
            self._idle -= 1
        self._jobs.put(job)

    def _loop(self) -> None:
        while True:
            work, box, done = self._jobs.get()
            try:
                box["result"] = work()
            except BaseException as err:
                # Hand back only the error's kind and message: its traceback holds the engine's result
                # iterator, which must be freed on this thread (Oxigraph's objects are thread-bound).
                box["error"] = err if isinstance(err, HttpError) else (type(err), str(err))
                err.__traceback__ = None
                del err
            finally:
                done.set()
            # Let go of the answer now: held until the next job, a large one (15,000 rows) was freed
            # inside the next request's time (10 ms at 1M triples), not its own.
            del work, box, done
            with self._lock:
                self._idle += 1


_EVALUATORS = _Evaluators()


class Engine:
    def __init__(self, dataset: Dataset, config: ServerConfig, on_runaway: Callable[..., None] | None = None) -> None:
        self.dataset = dataset
        self.timeout = config.timeout
        self.max_results = config.max_results
        self.service_allow = set(config.service_allow)
        self.load_allow = set(config.load_allow)
        self.max_depth = config.max_depth
        self.max_operators = config.max_operators
        self.max_response_bytes = config.max_response_bytes
        self.max_memory = config.max_memory if resident_bytes() is not None else None
        self.on_runaway = on_runaway
        self.retiring = threading.Event()  # set once a runaway made this process retire

    def _lex(self, text: str) -> sparql_text.Lexed:
        lexed = sparql_text.lex(sparql_text.unescape_codepoints(text))
        try:
            sparql_text.check_complexity(lexed, self.max_depth, self.max_operators)
        except sparql_text.TooComplex as err:
            raise BadRequest(f"{err}; simplify the query or split it") from None
        return lexed

    def _vet(self, lexed: sparql_text.Lexed, keyword: str, allowed: set[str]) -> None:
        try:
            iris = sparql_text.named_sources(lexed, keyword)
        except sparql_text.UnresolvableIri as err:
            raise Forbidden(f"{keyword} needs a fixed, absolute IRI on the server's allow-list ({err})") from None
        for iri in iris:
            if iri not in allowed:
                listed = ", ".join(sorted(allowed)) or "none"
                raise Forbidden(f"{keyword} <{iri}> is not allowed: this endpoint only reaches {listed}")
        return iris

    def query(self, text: str, *, base_iri: str, default_graphs: list[str], named_graphs: list[str]) -> Result:
        services: list[str] = []

        def run() -> Result:
            # Vetting runs on the evaluator thread too, so that it counts against the deadline.
            if not sparql_text.plainly_within(text, self.max_depth, self.max_operators, ("SERVICE",)):
                lexed = self._lex(text)
                services.extend(self._vet(lexed, "SERVICE", self.service_allow))
            result = self.dataset.query(text, base_iri=base_iri, default_graphs=default_graphs,
                                        named_graphs=named_graphs, limit=self.max_results)
            return self._cap_bytes(result)

        return self._guarded(run, "SPARQL", "the query could not be evaluated", services)

    def update(self, text: str, *, base_iri: str) -> float:
        """Apply an update; returns the seconds it took."""
        services: list[str] = []

        def apply() -> float:
            started = time.perf_counter()
            lexed = self._lex(text)
            services.extend(self._vet(lexed, "SERVICE", self.service_allow))
            services.extend(self._vet(lexed, "LOAD", self.load_allow))
            self.dataset.update(text, base_iri=base_iri)
            return time.perf_counter() - started

        return self._guarded(apply, "SPARQL Update", "the update could not be applied", services)

    def _cap_bytes(self, result: Result) -> Result:
        """Cut the rows where their text passes the response-size limit (as the row cap does)."""
        total = 0
        for i, row in enumerate(result.rows):
            total += sum(len(term.value) if hasattr(term, "value") else len(str(term)) for term in row if term is not None) \
                if result.kind == "select" else len(str(row))
            if total > self.max_response_bytes:
                if i == 0:
                    raise BadRequest(f"the first result alone is over this server's response limit of "
                                     f"{self.max_response_bytes:,} bytes; select shorter values")
                del result.rows[i:]
                result.truncated = True
                break
        return result

    def _watch(self, done: threading.Event, deadline: float) -> None:
        """Wait for a running evaluation until it ends; stop it at the deadline or the memory limit."""
        while not done.wait(min(MEMORY_POLL, max(0.0, deadline - time.monotonic()))):
            if time.monotonic() >= deadline:
                self._retire()
                raise QueryTimeout(f"the query ran longer than the server's {self.timeout:g} s limit and was stopped")
            if self.max_memory is not None and (resident_bytes() or 0) > self.max_memory:
                self._retire(MEMORY_GRACE)
                raise QueryOverMemory(
                    f"the query was stopped when this server process passed its memory limit of "
                    f"{self.max_memory >> 20:,} MiB (it, or a query running beside it, needed more); "
                    "a query that builds such large values or intermediate results cannot be answered here")

    def _retire(self, *grace: float) -> None:
        if self.on_runaway is not None:
            self.retiring.set()
            self.on_runaway(*grace)

    def _guarded(self, work: Callable, language: str, failed: str, services: list[str]):
        """Run `work` on an evaluator thread until the deadline or the memory limit; its failures become HTTP errors: the
        request's own faults 400, a remote endpoint's (SERVICE, LOAD) 502 naming it."""
        if self.retiring.is_set():
            # The process is ending to stop a runaway; a new evaluation would only be cut off with it.
            raise QueryTimeout("this server process is restarting to stop a runaway query; retry in a moment")
        box: dict = {}
        done = threading.Event()
        deadline = time.monotonic() + self.timeout
        _EVALUATORS.submit((work, box, done))
        if not done.wait(min(MEMORY_POLL, self.timeout)):
            self._watch(done, deadline)
        error = box.get("error")
        if error is None:
            return box["result"]
        if isinstance(error, HttpError):
            raise error
        kind, message = error
        if issubclass(kind, UpdateRefused):  # our own refusal, before the remote check: LOAD names an IRI too
            raise BadRequest(f"{language}: {message}")
        if issubclass(kind, BackendError):  # answered 502/504 by the app's handler, naming the backend
            raise kind(message)
        remote = ", ".join(f"<{iri}>" for iri in dict.fromkeys(services))
        if issubclass(kind, OSError) or (remote and not issubclass(kind, (SyntaxError, MemoryError))):
            # Oxigraph reports a remote endpoint's unreadable answer as a syntax, value or runtime error too.
            raise BadGateway(f"{failed}: the remote endpoint {remote or '(LOAD or SERVICE)'} failed: {message}")
        if issubclass(kind, SyntaxError):
            raise BadRequest(f"{language} syntax error: {message}")
        if issubclass(kind, (ValueError, RuntimeError, OverflowError, TypeError, LookupError)):
            raise BadRequest(f"{failed}: {message}")
        raise RuntimeError(f"{kind.__name__}: {message}")
