"""The Flask application factory: services built once, three blueprints, one error handler."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Callable

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from ceso import buildlock
from ceso.backend import BackendError, open_backend
from ceso.live import open_live
from ceso.queries import catalogue
from ceso.store import open_build

from . import assets, errors, linked_data, operations, result_cache, sparql
from .config import ServerConfig
from .context import Services, services
from .engine import Engine
from .metrics import Metrics
from .pages import PageReader

log = logging.getLogger("ceso.server")
EXPOSED = "CESO-Results-Truncated, CESO-Results-Limit, CESO-Cache, Server-Timing"
# With a backend, its answer has the deadline (504); the engine's own wait is a backstop just after it.
BACKEND_GRACE = 2.0


def create_app(build_dir: Path, config: ServerConfig | None = None, *,
               on_runaway: Callable[[], None] | None = None) -> Flask:
    """The endpoint over a build folder, or over the SPARQL engine `config.backend` (the build folder then
    gives only its files: ontology.html, void.ttl). `on_runaway` is called when a query outlives its
    deadline (the runner retires the worker); without it the evaluation is abandoned and the
    client gets 503. A backend's queries run in the backend: nothing to retire."""
    config = config or ServerConfig()
    engine_config = config
    if config.backend:
        if config.update_enabled:
            raise ValueError("SPARQL Update does not go through a backend: change the data and run `ceso publish`")
        dataset = open_backend(config.backend, Path(build_dir), config.timeout)
        engine_config, on_runaway = dataclasses.replace(config, timeout=config.timeout + BACKEND_GRACE), None
    elif config.update_enabled:
        # Updates go to the build's live copy, which outlives the worker; reads open the build read-only.
        dataset = open_live(Path(build_dir), config.live_dir)
    else:
        dataset = open_build(Path(build_dir))
    buildlock.hold(Path(build_dir))  # a rebuild keeps this folder while the server runs
    if not assets.ready():
        log.warning("YASGUI files are missing from %s: the query UI at / will say so. Install them with "
                    "`python -m ceso.server.assets`.", assets.VENDOR_DIR)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = config.max_body
    metrics = Metrics()
    app.extensions["ceso"] = Services(
        config, dataset, Engine(dataset, engine_config, on_runaway), PageReader(dataset), metrics,
        catalogue(config.queries_dir) if config.queries_dir else [])
    for blueprint in (sparql.bp, linked_data.bp, operations.bp):
        app.register_blueprint(blueprint)
    app.register_error_handler(errors.HttpError, _http_error)
    app.register_error_handler(BackendError, _backend_error)
    app.register_error_handler(HTTPException, errors.render_werkzeug)
    app.register_error_handler(Exception, errors.render_unexpected)
    app.after_request(_cors_and_count)
    if config.cache_size > 0 and not config.update_enabled and not config.backend:
        app.wsgi_app = metrics.cache = result_cache.ResultCache(app.wsgi_app, config.cache_size, metrics)
    return app


def _http_error(err: errors.HttpError) -> Response:
    if err.metric:
        services().metrics.count(err.metric)
    return errors.render(err)


def _backend_error(err: BackendError) -> Response:
    # 502 when the backend is down or failed, 504 when it was too slow: the client's request was fine.
    log.warning("backend: %s", err)
    return errors.text(err.status, str(err))


def _cors_and_count(response: Response) -> Response:
    # Reads are open to any origin; updates stay same-origin (no Authorization header is allowed).
    if request.method in ("GET", "HEAD", "OPTIONS") or (
            request.method == "POST" and response.status_code != 204 and request.path.startswith("/sparql")):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = EXPOSED
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
        response.headers["Access-Control-Max-Age"] = "86400"
    services().metrics.response(request.url_rule.rule if request.url_rule else "other", response.status_code)
    return response
