"""Serving with gunicorn (threaded workers), and retiring a worker whose query ran past its deadline.

Why gunicorn gthread: several processes answer in parallel (sharing the build's read-only store), and
threads within each keep slow clients from blocking it. Oxigraph cannot cancel an evaluation, so a
runaway query is stopped by ending its process: the worker finishes its other requests (graceful
shutdown on SIGTERM), exits, and gunicorn starts a fresh one while the other workers keep serving.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from pathlib import Path

from .config import ServerConfig

log = logging.getLogger("ceso.server")
_in_worker = False
_retiring = threading.Lock()
_grace = 30.0  # seconds a retiring worker has to answer the requests it holds (set from the query deadline)
ACCESS_LOG_FORMAT = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms timing="%({server-timing}o)s" "%(a)s"'


def retire_current_worker(grace: float | None = None) -> None:
    """Called when a query outlives its deadline or its memory: gracefully end this gunicorn worker within
    `grace` seconds (default: the query deadline's), a no-op outside gunicorn."""
    if not _in_worker or not _retiring.acquire(blocking=False):
        return
    log.warning("worker %d is retiring to stop a runaway query", os.getpid())
    os.kill(os.getpid(), signal.SIGTERM)
    # Should the graceful shutdown stall, end the process outright.
    grace = float(os.environ.get("CESO_RETIRE_GRACE", _grace if grace is None else grace))
    timer = threading.Timer(grace, os._exit, (0,))
    timer.daemon = True
    timer.start()


def _post_fork(server, worker) -> None:
    global _in_worker
    _in_worker = True


def serve(build_dir: Path, cfg: ServerConfig) -> int:
    global _grace
    from gunicorn.app.base import BaseApplication
    from gunicorn.workers import gthread

    # A query that started just before the retirement still gets its answer at its own deadline.
    _grace = cfg.timeout + 5
    # gthread hands each new connection to a request thread, which waits this long for its first bytes
    # before handing it back to the poller: 64 idle connections held 5 s each would stall everyone else.
    gthread.DEFAULT_WORKER_DATA_TIMEOUT = 0.25

    from .app import create_app

    workers = cfg.workers
    if cfg.update_enabled and workers != 1:
        # The live store has one writer at a time; one worker keeps every query on the store updates go to.
        log.warning("SPARQL Update is on: serving with one worker process (%d threads)", cfg.threads)
        workers = 1
    bind = f"[{cfg.host}]:{cfg.port}" if ":" in cfg.host else f"{cfg.host}:{cfg.port}"

    class Application(BaseApplication):
        def load_config(self) -> None:
            settings = {
                "bind": [bind],
                "workers": workers,
                "worker_class": "gthread",
                "threads": cfg.threads,
                # gunicorn's own watchdog only fires if a worker's main loop stalls; queries have our deadline.
                "timeout": max(60, int(cfg.timeout * 2) + 30),
                "graceful_timeout": max(10, int(cfg.timeout) + 5),
                "keepalive": 5,
                # Long GET queries (SPARQLWrapper's default): gunicorn's 4 KiB request line would answer 414 in
                # HTML; 0 lifts it, and the app answers past max_url itself (tested up to 3 MB).
                "limit_request_line": 0,
                "accesslog": cfg.access_log,
                "access_log_format": ACCESS_LOG_FORMAT,
                "errorlog": "-",
                "loglevel": "info",
                "post_fork": _post_fork,
                "proc_name": "ceso-serve",
                # gunicorn 24+ opens a control socket at a fixed path; two servers on one machine would clash.
                "control_socket_disable": True,
            }
            for key, value in settings.items():
                if key in self.cfg.settings:
                    self.cfg.set(key, value)

        def load(self):
            return create_app(build_dir, cfg, on_runaway=retire_current_worker)

    from ceso import buildlock

    buildlock.hold(build_dir)  # the master too, so that workers it starts later still find their build
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log.info("serving %s on http://%s/sparql (%d workers x %d threads)", build_dir, bind, workers, cfg.threads)
    Application().run()
    return 0

