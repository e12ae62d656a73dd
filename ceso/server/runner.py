"""Serving with granian (worker processes, WSGI on blocking threads), and retiring a worker whose query ran
past its deadline.

Why granian: its HTTP/1.1 server is Rust (hyper), so parsing requests, keep-alive and clients slow to
send their headers cost no Python time and hold no Python thread (a slow body still holds one, as under
gunicorn): a cached answer takes half the time it took under gunicorn's
threaded workers (0.24 against 0.48 ms, `benchmarks/RESULTS.md`). Several processes answer in
parallel, sharing the build's read-only store. Oxigraph cannot cancel an evaluation, so a runaway query is
stopped by ending its process: the worker stops accepting, answers the requests it holds (graceful
shutdown on SIGTERM), exits, and granian starts a fresh one while the other workers keep serving.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from functools import partial
from pathlib import Path

from granian.constants import HTTPModes, Interfaces
from granian.http import HTTP1Settings
from granian.log import LogLevels
from granian.server import Server

from ceso import buildlock

# Imported by the master, so that a worker forked from it starts with the app's modules loaded.
from .access_log import AccessLog
from .app import create_app
from .config import ServerConfig

log = logging.getLogger("ceso.server")
_in_worker = False
_server = None  # the granian server, in the master; a worker inherits its state at the fork
_master = 0  # the master's pid
PR_SET_PDEATHSIG = 1  # prctl(2)
_exit_not_before = 0.0  # monotonic time before which this worker may not exit (see CRASH_LOOP_WINDOW)
_retiring = threading.Lock()
_grace = 30.0  # seconds a retiring worker has to answer the requests it holds (set from the query deadline)
# granian stops the whole server when a worker it has just respawned exits within 5.5 s ("crash loop"), so
# a respawned worker that has to retire sooner (a query past the memory limit) waits until then.
CRASH_LOOP_WINDOW = 6.0
# hyper answers a request target over 65,534 bytes with 414 (the app's own 414, with a message, comes first:
# `--max-url` is at most 65,000), but a request head past its read buffer with 431; a buffer this large keeps
# a long GET URL a 414 up to 4 MiB.
MAX_HEAD_BYTES = 4 << 20
# How long a client may take to send a request's headers (it holds no Python thread meanwhile, only a socket).
HEADER_READ_TIMEOUT_MS = 5_000


def retire_current_worker(grace: float | None = None) -> None:
    """Called when a query outlives its deadline or its memory: gracefully end this worker within `grace`
    seconds (default: the query deadline's), a no-op outside a granian worker."""
    if not _in_worker or not _retiring.acquire(blocking=False):
        return
    log.warning("worker %d is retiring to stop a runaway query", os.getpid())
    grace = float(os.environ.get("CESO_RETIRE_GRACE", _grace if grace is None else grace))
    wait = max(0.0, _exit_not_before - time.monotonic())
    # granian's own SIGTERM handler starts the graceful shutdown. Called here, not through a signal: the
    # kernel may hand a signal to a server thread, and Python then runs the handler only once the main
    # thread (asleep until shutdown) wakes, which it would not.
    shutdown = signal.getsignal(signal.SIGTERM)
    start = threading.Timer(wait, shutdown, (signal.SIGTERM, None))
    # Should the graceful shutdown stall, end the process outright.
    end = threading.Timer(wait + grace, os._exit, (0,))
    for timer in (start, end):
        timer.daemon = True
        timer.start()


class OneSocketServer(Server):
    """On Linux granian gives each worker a listening socket of its own (SO_REUSEPORT), so while a worker
    is replaced the connections the kernel gives its socket are refused or reset, and with one worker
    every connection is. Here the master holds one socket, as granian does on other systems, and
    connections wait in its backlog for whichever worker is up."""

    def _init_shared_socket(self) -> None:
        super()._init_shared_socket()
        if self._shd is None and not self.bind_uds:
            self._shd, self._ssp = self._ssp.build(), None
            self._sfd = self._shd.get_fd()
            self._sso = socket.socket(fileno=self._sfd)
            self._sso.set_inheritable(True)


def _not_the_thread_count_advice(record: logging.LogRecord) -> bool:
    # granian advises fewer Python threads than 32 on 2 cores; ours mostly wait (on clients sending bodies,
    # on evaluations that release the GIL), so the advice would only alarm whoever starts the server.
    return "Python threads" not in record.getMessage()


def _load_app(build_dir: Path, cfg: ServerConfig):
    """Runs in each worker process (after the fork): its own app over the build's shared store."""
    global _in_worker, _exit_not_before
    # A worker told to stop while it loads (the server stopped just after it started) would lose that
    # SIGTERM to the master's handler it inherited (which flags the master's server object, copied here)
    # and run on: granian installs the worker's own handler only once the app is loaded. Until then the
    # default action ends it at once, right for a process that holds no request yet.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _server is not None and _server.interrupt_signal:
        os._exit(0)
    _end_with_master()
    _in_worker = True
    respawned = _server.respawned_wrks.values() if _server is not None else ()
    _exit_not_before = max(respawned, default=-CRASH_LOOP_WINDOW) + CRASH_LOOP_WINDOW
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", force=True)
    app = create_app(build_dir, cfg, on_runaway=retire_current_worker)
    return AccessLog(app) if cfg.access_log else app


def _end_with_master() -> None:
    """A worker ends when its master does, even one killed outright (as gunicorn's workers do)."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the master's own shutdown stops its workers
        pass
    if os.getppid() != _master:  # the master went before prctl took effect
        os._exit(0)


def serve(build_dir: Path, cfg: ServerConfig) -> int:
    global _grace, _server, _master
    # A query that started just before the retirement still gets its answer at its own deadline.
    _grace = cfg.timeout + 5
    _master = os.getpid()
    workers = cfg.workers
    if cfg.update_enabled and workers != 1:
        # The live store has one writer at a time; one worker keeps every query on the store updates go to.
        log.warning("SPARQL Update is on: serving with one worker process (%d threads)", cfg.threads)
        workers = 1
    server = _server = OneSocketServer(
        "ceso", address=cfg.host, port=cfg.port, interface=Interfaces.WSGI, workers=workers,
        blocking_threads=cfg.threads, http=HTTPModes.http1, websockets=False,
        http1_settings=HTTP1Settings(header_read_timeout=HEADER_READ_TIMEOUT_MS, max_buffer_size=MAX_HEAD_BYTES),
        log_level=LogLevels.info, respawn_failed_workers=True,
        # Ending the server: each worker answers what it holds, then goes.
        workers_kill_timeout=max(1, int(_grace)))
    logging.getLogger("_granian").addFilter(_not_the_thread_count_advice)
    buildlock.hold(build_dir)  # the master too, so that workers it starts later still find their build
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    where = f"[{cfg.host}]:{cfg.port}" if ":" in cfg.host else f"{cfg.host}:{cfg.port}"
    log.info("serving %s on http://%s/sparql (%d workers x %d threads)", build_dir, where, workers, cfg.threads)
    server.serve(target_loader=partial(_load_app, build_dir, cfg), wrap_loader=False)
    return 0
