"""`ceso serve`: the SPARQL 1.1 endpoint, query UI and linked-data pages for a CESO build.

The CLI calls add_serve_arguments() and run_from_args(); tests use app.create_app() with Flask's test
client, or run the server in a subprocess (`python -m ceso.server --build-dir …`).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from ceso.argtypes import non_negative, positive
from ceso.errors import Exit

from .config import MOST_URL, WIKIDATA_SPARQL, ServerConfig

__all__ = ["add_serve_arguments", "run_from_args", "config_from_args", "ServerConfig"]


def port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(f"port {value} is out of range; use 1-65535")
    return value


def _check_free(host: str, number: int) -> None:
    """Say plainly when the address is taken (the HTTP server would print a traceback)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, number))
        except OSError as err:
            raise ValueError(f"cannot listen on {host}:{number}: {err.strerror}"
                             + ("; another program uses that port: stop it or pass --port with another number"
                                if err.errno == 98 else "")) from None


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    d = ServerConfig()
    parser.add_argument("--host", default=d.host, help=f"address to listen on (default {d.host})")
    parser.add_argument("--port", type=port, default=d.port, help=f"port (default {d.port})")
    parser.add_argument("--workers", type=positive(int), default=d.workers,
                        help=f"worker processes, sharing the build's read-only store (default {d.workers})")
    parser.add_argument("--threads", type=positive(int), default=d.threads,
                        help=f"concurrent requests per worker (default {d.threads})")
    parser.add_argument("--timeout", type=positive(float), default=d.timeout,
                        help=f"seconds a query may run before it is stopped and answered 503 (default {d.timeout:g})")
    parser.add_argument("--max-results", type=positive(int), default=d.max_results,
                        help=f"rows or triples per response; more are cut and the response says so (default {d.max_results})")
    parser.add_argument("--max-body", type=positive(int), default=d.max_body,
                        help=f"largest request body in bytes (default {d.max_body})")
    parser.add_argument("--max-url", type=positive(int, MOST_URL), default=d.max_url,
                        help=f"longest URL query string in bytes, past which a GET is told to POST (default {d.max_url})")
    parser.add_argument("--max-response-bytes", type=positive(int), default=d.max_response_bytes,
                        help=f"text per response in bytes; more rows are cut and the response says so (default {d.max_response_bytes})")
    parser.add_argument("--max-memory", type=positive(int), default=d.max_memory >> 20, metavar="MIB",
                        help="resident memory of a worker process in MiB past which the queries it runs are stopped, "
                             f"answered 503 and the process replaced (default {d.max_memory >> 20})")
    parser.add_argument("--max-depth", type=positive(int), default=d.max_depth,
                        help=f"deepest nest of brackets a query may have (default {d.max_depth})")
    parser.add_argument("--max-operators", type=positive(int), default=d.max_operators,
                        help=f"most operators and pattern keywords a query may have (default {d.max_operators})")
    parser.add_argument("--cache-size", type=non_negative, default=d.cache_size >> 20, metavar="MIB",
                        help="MiB of answers to repeated GET queries each worker keeps and gives again without "
                             f"evaluating (the data of a build do not change; off with update or --backend; 0 turns "
                             f"it off; default {d.cache_size >> 20})")
    parser.add_argument("--allow-service", action="append", metavar="IRI", default=None,
                        help=f"SERVICE endpoint the server may call (repeatable; default {WIKIDATA_SPARQL}); "
                             "--allow-service none allows none")
    parser.add_argument("--allow-load", action="append", metavar="IRI", default=None,
                        help="IRI that SPARQL LOAD may fetch (repeatable; default none)")
    parser.add_argument("--enable-update", action="store_true",
                        help="accept SPARQL Update (POST only, bearer token required; one worker; changes are kept "
                             "in a live copy of the build under $CESO_BUILD_DIR/live, across restarts)")
    parser.add_argument("--update-token", default=None,
                        help="bearer token for updates (default: $CESO_UPDATE_TOKEN)")
    parser.add_argument("--no-access-log", action="store_true", help="do not write the access log")
    parser.add_argument("--backend", metavar="ENDPOINT", default=None,
                        help="answer SPARQL by forwarding to this engine's query endpoint (loaded with `ceso publish "
                             "--to ENDPOINT`), e.g. http://127.0.0.1:7878/query (Oxigraph) or "
                             "http://127.0.0.1:8890/sparql (Virtuoso); the same limits apply")


def config_from_args(args: argparse.Namespace) -> ServerConfig:
    services = tuple(args.allow_service) if args.allow_service else (WIKIDATA_SPARQL,)
    if services == ("none",):
        services = ()
    token = None
    backend = getattr(args, "backend", None)
    if backend and args.enable_update:
        raise ValueError("--enable-update does not apply with --backend: change the data and run `ceso publish`")
    if args.enable_update:
        token = args.update_token or os.environ.get("CESO_UPDATE_TOKEN")
        if not token:
            raise ValueError("--enable-update needs a token: --update-token or $CESO_UPDATE_TOKEN")
    from ceso import paths

    queries = getattr(args, "queries_dir", None)
    return ServerConfig(
        host=args.host, port=args.port, workers=args.workers, threads=args.threads, timeout=args.timeout,
        max_results=args.max_results, max_body=args.max_body, max_url=args.max_url,
        max_response_bytes=args.max_response_bytes, max_memory=args.max_memory << 20, max_depth=args.max_depth, max_operators=args.max_operators,
        cache_size=args.cache_size << 20,
        service_allow=services,
        load_allow=tuple(args.allow_load or ()), update_token=token,
        queries_dir=Path(queries) if queries else paths.QUERIES_DIR,
        access_log=None if args.no_access_log else "-", backend=backend,
    )


def run_from_args(args: argparse.Namespace, build_dir: Path) -> int:
    """Serve until interrupted. Returns a process exit code; bad settings get a message, not a traceback."""
    from ceso.backend import BackendError, open_backend
    from ceso.errors import BuildMissing
    from ceso.store import check_build_dir

    from .runner import serve

    try:
        cfg = config_from_args(args)
        check_build_dir(Path(build_dir))
        _check_free(cfg.host, cfg.port)
        if cfg.backend:  # here, once, so that a backend that is down or empty is one clear message
            open_backend(cfg.backend, Path(build_dir), cfg.timeout)
    except BackendError as err:
        print(f"ceso serve: {err}", file=sys.stderr)
        return Exit.UNREACHABLE
    except ValueError as err:
        print(f"ceso serve: {err}", file=sys.stderr)
        return Exit.USAGE
    except BuildMissing as err:
        print(f"ceso serve: {err.what}; {err.fix}", file=sys.stderr)
        return Exit.USAGE
    logging.getLogger("ceso.server").setLevel(logging.INFO)
    return serve(Path(build_dir), cfg)
