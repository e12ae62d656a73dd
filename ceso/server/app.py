"""The Flask application: routes for the SPARQL endpoint, the query UI and the linked-data pages."""

from __future__ import annotations

import hmac
import json
import logging
import os
from pathlib import Path

import pyoxigraph as ox
from flask import Flask, Response, redirect, render_template, request
from werkzeug.exceptions import HTTPException

from ceso import namespaces

from ceso.queries import catalogue

from . import assets, conneg, description, protocol, results
from .config import ServerConfig
from .dataset import BuildError, load
from .engine import Engine, Forbidden, QueryTimeout
from .metrics import Metrics
from .pages import ID_BASE, PageReader

log = logging.getLogger("ceso.server")

ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
ENTITY_FORMATS = (conneg.HTML, conneg.TURTLE, conneg.JSONLD, conneg.RDFXML, conneg.NTRIPLES, conneg.N3)
ONTOLOGY_FILES = {conneg.HTML: "ontology.html", conneg.TURTLE: "ontology.ttl", conneg.RDFXML: "ontology.owl"}
EXPOSED = "CESO-Results-Truncated, CESO-Results-Limit, Server-Timing"


def text(status: int, message: str, headers: dict | None = None) -> Response:
    """Errors and notices as plain text, never a traceback."""
    return Response(message.rstrip() + "\n", status, headers, content_type="text/plain; charset=utf-8")


def _iri_ok(iri: str) -> bool:
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return not any(c in iri for c in '<>"{}|^`\\ \t\r\n')


def create_app(build_dir: Path, **config) -> Flask:
    cfg = config.pop("config", None) or ServerConfig(**config)
    dataset = load(Path(build_dir))
    from . import runner  # late: the runner imports this module

    engine = Engine(dataset, timeout=cfg.timeout, max_results=cfg.max_results, service_allow=cfg.service_allow,
                    load_allow=cfg.load_allow, on_runaway=runner.retire_current_worker)
    pages = PageReader(dataset.store)
    examples = catalogue(cfg.queries_dir) if cfg.queries_dir else []
    metrics = Metrics()
    if not assets.ready():
        log.warning("YASGUI files are missing from %s: the query UI at / will say so. Install them with "
                    "`python -m ceso.server.assets`.", assets.VENDOR_DIR)

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = cfg.max_body
    app.config["CESO"] = cfg
    app.extensions["ceso"] = {"dataset": dataset, "engine": engine, "metrics": metrics}

    # ---- SPARQL 1.1 Protocol -------------------------------------------------------------------------
    @app.route("/sparql", methods=ALL_METHODS)
    @app.route("/sparql/", methods=ALL_METHODS)
    def sparql():
        if request.method == "OPTIONS":
            return Response(status=204, headers={"Allow": "GET, POST, HEAD, OPTIONS"})
        try:
            op = protocol.parse(request.method, request.query_string, request.headers.get("Content-Type"),
                                request.get_data(cache=False) if request.method == "POST" else b"")
        except protocol.ProtocolError as err:
            return text(err.status, err.message, err.headers)
        if op.kind == "none":
            return service_description(op)
        if op.kind == "update":
            return run_update(op)
        return run_query(op)

    def endpoint_iri() -> str:
        # Not request.host_url: werkzeug builds it by unquoting the whole URL, query string included,
        # which was a third of a short query's time.
        return f"{request.scheme}://{request.host}/sparql"

    def run_query(op: protocol.Operation) -> Response:
        accept = request.headers.get("Accept")
        forced = conneg.by_key(op.format_key, conneg.SELECT_FORMATS + conneg.GRAPH_FORMATS)
        if forced is None and not (conneg.negotiate(accept, conneg.SELECT_FORMATS) or conneg.negotiate(accept, conneg.GRAPH_FORMATS)):
            return not_acceptable("query results", conneg.SELECT_FORMATS + conneg.GRAPH_FORMATS)
        bad = [g for g in op.default_graphs + op.named_graphs if not _iri_ok(g)]
        if bad:
            return text(400, f"default-graph-uri / named-graph-uri must be absolute IRIs; got {bad[0]!r}")
        try:
            result = engine.query(op.text, base_iri=endpoint_iri(), default_graphs=op.default_graphs,
                                  named_graphs=op.named_graphs)
        except (SyntaxError, Forbidden, QueryTimeout, OSError) as err:
            return evaluation_failure(err, "SPARQL", "the query could not be evaluated")
        metrics.query(result.seconds, result.truncated)
        choices = {"select": conneg.SELECT_FORMATS, "ask": conneg.ASK_FORMATS, "graph": conneg.GRAPH_FORMATS}[result.kind]
        # The format/output/results parameter wins when it names a format for this kind of result.
        fmt = conneg.by_key(op.format_key, choices) or conneg.negotiate(accept, choices)
        if fmt is None:
            return not_acceptable(f"{result.kind.upper()} results", choices)
        if result.kind == "select":
            body = results.write_select(result.variables, result.rows, fmt)
        elif result.kind == "ask":
            body = results.write_ask(result.boolean, fmt)
        else:
            body = results.write_graph(result.rows, fmt, description.PREFIXES | pages_prefixes())
        headers = {"Vary": "Accept", "Server-Timing": f"query;dur={result.seconds * 1000:.2f}"}
        if result.truncated:
            headers["CESO-Results-Truncated"] = "true"
            headers["CESO-Results-Limit"] = str(cfg.max_results)
        return Response(body, 200, headers, content_type=fmt.content_type)

    def run_update(op: protocol.Operation) -> Response:
        if not cfg.update_enabled:
            return text(403, "SPARQL Update is off on this server (start it with --enable-update and a token)")
        given = request.headers.get("Authorization", "")
        scheme, _, token = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), cfg.update_token.encode()):
            return text(401, "SPARQL Update needs the header Authorization: Bearer <token>",
                        {"WWW-Authenticate": 'Bearer realm="ceso"'})
        try:
            result = engine.update(op.text, base_iri=endpoint_iri())
        except (SyntaxError, Forbidden, QueryTimeout, OSError) as err:
            return evaluation_failure(err, "SPARQL Update", "the update could not be applied")
        return Response(status=204, headers={"Server-Timing": f"update;dur={result.seconds * 1000:.2f}"})

    def evaluation_failure(err: Exception, language: str, failed: str) -> Response:
        """The answer when evaluation did not finish: bad syntax, refused, out of time, or failed."""
        if isinstance(err, SyntaxError):
            return text(400, f"{language} syntax error: {err}")
        if isinstance(err, Forbidden):
            metrics.count("forbidden")
            return text(403, str(err))
        if isinstance(err, QueryTimeout):
            metrics.count("timeouts")
            return text(503, str(err), {"Retry-After": "1"})
        return text(502, f"{failed}: {err}")

    def not_acceptable(what: str, formats: tuple) -> Response:
        offered = ", ".join(f.media_type for f in formats)
        return text(406, f"none of the Accept header's types can carry {what}; this endpoint offers {offered}")

    def service_description(op: protocol.Operation) -> Response:
        formats = conneg.GRAPH_FORMATS + (conneg.HTML,)
        fmt = conneg.by_key(op.format_key, formats) or conneg.negotiate(request.headers.get("Accept"), formats)
        if fmt is None:
            return not_acceptable("a service description", formats)
        if fmt is conneg.HTML:
            return redirect("/", 303)
        sd = description.triples(endpoint_iri(), dataset, update_enabled=cfg.update_enabled,
                                 service_allow=cfg.service_allow, max_results=cfg.max_results, timeout=cfg.timeout)
        return Response(description.render(fmt, sd), 200, {"Vary": "Accept"}, content_type=fmt.content_type)

    def pages_prefixes() -> dict:
        from .pages import KNOWN_PREFIXES

        return KNOWN_PREFIXES

    # ---- Graph Store HTTP Protocol (read-only) -------------------------------------------------------
    @app.route("/graph-store", methods=ALL_METHODS)
    def graph_store():
        if request.method == "OPTIONS":
            return Response(status=204, headers={"Allow": "GET, HEAD, OPTIONS"})
        if request.method not in ("GET", "HEAD"):
            return text(405, "the graph store is read-only here: GET or HEAD a graph; change data with SPARQL Update",
                        {"Allow": "GET, HEAD, OPTIONS"})
        names, default = request.args.getlist("graph"), "default" in request.args
        if len(names) + default != 1:
            return text(400, "name exactly one graph: ?graph=<IRI> or ?default")
        fmt = conneg.by_key(request.args.get("format"), conneg.GRAPH_FORMATS) or conneg.negotiate(
            request.headers.get("Accept"), conneg.GRAPH_FORMATS)
        if fmt is None:
            return not_acceptable("a graph", conneg.GRAPH_FORMATS)
        if default:
            graph = ox.DefaultGraph()
        else:
            if not _iri_ok(names[0]):
                return text(400, f"not an absolute IRI: {names[0]!r}")
            graph = ox.NamedNode(names[0])
            if not dataset.store.contains_named_graph(graph):
                return text(404, f"no graph named <{names[0]}> in this dataset")
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in dataset.store.quads_for_pattern(None, None, None, graph)]
        return Response(results.write_graph(triples, fmt, pages_prefixes()), 200, {"Vary": "Accept"},
                        content_type=fmt.content_type)

    # ---- Humans and linked data ----------------------------------------------------------------------
    @app.get("/")
    def ui():
        return render_template("ui.html", endpoint=endpoint_iri(), examples=examples, assets_ready=assets.ready(),
                               examples_json=json.dumps([e.as_dict() for e in examples]).replace("</", "<\\/"))

    @app.get("/id/<path:slug>")
    def entity(slug: str):
        iri = ID_BASE + slug
        if not _iri_ok(iri):
            return text(400, f"not a valid CESO IRI: {iri!r}")
        fmt = conneg.by_key(request.args.get("format"), ENTITY_FORMATS) or conneg.negotiate(
            request.headers.get("Accept"), ENTITY_FORMATS)
        if fmt is None:
            return not_acceptable("this entity", ENTITY_FORMATS)
        if not pages.exists(iri):
            return text(404, f"CESO has no entity <{iri}>")
        headers = {"Vary": "Accept", "Link": f'<{iri}>; rel="canonical"'}
        if fmt is conneg.HTML:
            return Response(render_template("entity.html", page=pages.entity(iri)), 200, headers,
                            content_type="text/html; charset=utf-8")
        return Response(results.write_graph(pages.graph(iri), fmt, pages_prefixes()), 200, headers,
                        content_type=fmt.content_type)

    @app.get("/ontology")
    def ontology():
        fmt = conneg.by_key(request.args.get("format"), ENTITY_FORMATS) or conneg.negotiate(
            request.headers.get("Accept"), ENTITY_FORMATS)
        if fmt is None:
            return not_acceptable("the ontology", ENTITY_FORMATS)
        return ontology_as(fmt)

    @app.get("/ontology.<ext>")
    def ontology_file(ext: str):
        fmt = {"html": conneg.HTML, "ttl": conneg.TURTLE, "owl": conneg.RDFXML, "rdf": conneg.RDFXML,
               "jsonld": conneg.JSONLD, "nt": conneg.NTRIPLES}.get(ext)
        return ontology_as(fmt) if fmt else text(404, f"no ontology.{ext}; try .html, .ttl, .owl, .jsonld or .nt")

    def ontology_as(fmt: conneg.Format) -> Response:
        headers = {"Vary": "Accept"}
        path = dataset.file(ONTOLOGY_FILES.get(fmt, ""))
        if path is not None:
            return Response(path.read_bytes(), 200, headers, content_type=fmt.content_type)
        if fmt is conneg.HTML:
            return text(404, "this build has no ontology.html; the ontology is at /ontology.ttl")
        graph = ox.NamedNode(str(namespaces.ONTOLOGY_GRAPH))
        triples = [ox.Triple(q.subject, q.predicate, q.object) for q in dataset.store.quads_for_pattern(None, None, None, graph)]
        return Response(results.write_graph(triples, fmt, pages_prefixes()), 200, headers, content_type=fmt.content_type)

    @app.get("/void.ttl")
    @app.get("/.well-known/void")
    def void():
        path = dataset.file("void.ttl")
        if path is None:
            return text(404, "this build has no void.ttl")
        return Response(path.read_bytes(), 200, content_type=conneg.TURTLE.content_type)

    # ---- Operations ----------------------------------------------------------------------------------
    @app.get("/health")
    def health():
        # Sizes as loaded: len(store) counts every quad, too slow for a route that load balancers poll.
        body = {"status": "ok", "worker": os.getpid(), "triples_per_graph": dataset.graph_sizes,
                "default_graph_triples": dataset.default_graph_size,
                "load_seconds": round(dataset.load_seconds, 3), "update_enabled": cfg.update_enabled,
                "ui_assets": assets.ready()}
        return Response(json.dumps(body), 200, content_type="application/json")

    @app.get("/metrics")
    def prometheus():
        return Response(metrics.render(len(dataset.store)), 200, content_type="text/plain; version=0.0.4; charset=utf-8")

    @app.after_request
    def cors_and_count(response: Response) -> Response:
        # Reads are open to any origin; updates stay same-origin (no Authorization header is allowed).
        if request.method in ("GET", "HEAD", "OPTIONS") or (request.method == "POST" and response.status_code != 204
                                                            and request.path.startswith("/sparql")):
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Expose-Headers"] = EXPOSED
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, HEAD, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response.headers["Access-Control-Max-Age"] = "86400"
        metrics.response(request.url_rule.rule if request.url_rule else "other", response.status_code)
        return response

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        headers = dict(err.get_headers()) if err.code == 405 else {}
        headers.pop("Content-Type", None)
        return text(err.code or 500, f"{err.code} {err.name}: {err.description}", headers)

    @app.errorhandler(Exception)
    def unexpected(err: Exception):
        log.exception("unexpected error on %s %s", request.method, request.path)
        return text(500, f"internal error ({type(err).__name__}); the server log has the details")

    return app


__all__ = ["create_app", "BuildError"]
