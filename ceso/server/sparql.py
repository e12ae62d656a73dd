"""The SPARQL 1.1 Protocol at /sparql (queries, updates, the service description) and the read-only
Graph Store HTTP Protocol at /graph-store."""

from __future__ import annotations

import hmac

import pyoxigraph as ox
from flask import Blueprint, Response, redirect, request

from ceso import formats
from ceso.display import KNOWN_PREFIXES
from ceso.results import write, write_graph

from . import conneg, description, protocol, result_cache, sparql_text
from .context import endpoint_iri, services
from .errors import BadRequest, Forbidden, MethodNotAllowed, NotAcceptable, NotFound, Unauthorized

bp = Blueprint("sparql", __name__)
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
ANY_RESULT = formats.RESULT_FORMATS + formats.GRAPH_FORMATS
KIND_FORMATS = {"select": formats.RESULT_FORMATS, "ask": formats.RESULT_FORMATS, "graph": formats.GRAPH_FORMATS}


def iri_ok(iri: str) -> bool:
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return not any(c in iri for c in '<>"{}|^`\\ \t\r\n')


@bp.route("/sparql", methods=ALL_METHODS)
@bp.route("/sparql/", methods=ALL_METHODS)
def sparql():
    if request.method == "OPTIONS":
        return Response(status=204, headers={"Allow": "GET, POST, HEAD, OPTIONS"})
    protocol.check_url(request.query_string, services().config.max_url)
    body = protocol.read_body(request.environ, services().config.max_body) if request.method == "POST" else b""
    op = protocol.parse(request.method, request.query_string, request.headers.get("Content-Type"), body)
    if op.kind == "none":
        return service_description(op)
    if op.kind == "update":
        return run_update(op)
    return run_query(op)


def run_query(op: protocol.Operation) -> Response:
    accept = request.headers.get("Accept")
    # Refuse before evaluating when no format of any kind of result is acceptable.
    if conneg.by_key(op.format_key, ANY_RESULT) is None and not (
            conneg.negotiate(accept, formats.RESULT_FORMATS) or conneg.negotiate(accept, formats.GRAPH_FORMATS)):
        raise NotAcceptable("query results", ANY_RESULT)
    bad = [g for g in op.default_graphs + op.named_graphs if not iri_ok(g)]
    if bad:
        raise BadRequest(f"default-graph-uri / named-graph-uri must be absolute IRIs; got {bad[0]!r}")
    ctx = services()
    result = ctx.engine.query(op.text, base_iri=endpoint_iri(), default_graphs=op.default_graphs,
                              named_graphs=op.named_graphs)
    ctx.metrics.query(result.seconds, result.truncated)
    result_cache.mark(request.environ, sparql_text.repeatable(op.text))
    # The format/output/results parameter wins when it names a format for this kind of result.
    fmt = conneg.choose(accept, op.format_key, KIND_FORMATS[result.kind], f"{result.kind.upper()} results")
    headers = {"Vary": "Accept", "Server-Timing": f"query;dur={result.seconds * 1000:.2f}"}
    if result.truncated:
        headers["CESO-Results-Truncated"] = "true"
        headers["CESO-Results-Limit"] = str(ctx.config.max_results)
    body = write(result, fmt, KNOWN_PREFIXES)
    return Response(body, 200, headers, content_type=fmt.content_type)


def run_update(op: protocol.Operation) -> Response:
    ctx = services()
    if not ctx.config.update_enabled:
        raise Forbidden("SPARQL Update is off on this server (start it with --enable-update and a token)")
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), ctx.config.update_token.encode()):
        raise Unauthorized("SPARQL Update needs the header Authorization: Bearer <token>",
                           {"WWW-Authenticate": 'Bearer realm="ceso"'})
    seconds = ctx.engine.update(op.text, base_iri=endpoint_iri())
    return Response(status=204, headers={"Server-Timing": f"update;dur={seconds * 1000:.2f}"})


def service_description(op: protocol.Operation) -> Response:
    fmt = conneg.choose(request.headers.get("Accept"), op.format_key, formats.GRAPH_FORMATS + (formats.HTML,),
                        "a service description")
    if fmt is formats.HTML:
        return redirect("/", 303)
    ctx = services()
    cfg = ctx.config
    sd = description.triples(endpoint_iri(), ctx.dataset, update_enabled=cfg.update_enabled,
                             service_allow=cfg.service_allow, max_results=cfg.max_results, timeout=cfg.timeout)
    return Response(description.render(fmt, sd), 200, {"Vary": "Accept"}, content_type=fmt.content_type)


@bp.route("/graph-store", methods=ALL_METHODS)
def graph_store():
    if request.method == "OPTIONS":
        return Response(status=204, headers={"Allow": "GET, HEAD, OPTIONS"})
    if request.method not in ("GET", "HEAD"):
        raise MethodNotAllowed("the graph store is read-only here: GET or HEAD a graph; change data with SPARQL Update",
                               "GET, HEAD, OPTIONS")
    names, default = request.args.getlist("graph"), "default" in request.args
    if len(names) + default != 1:
        raise BadRequest("name exactly one graph: ?graph=<IRI> or ?default")
    fmt = conneg.choose(request.headers.get("Accept"), request.args.get("format"), formats.GRAPH_FORMATS, "a graph")
    dataset = services().dataset
    if default:
        triples = dataset.triples()
    else:
        if not iri_ok(names[0]):
            raise BadRequest(f"not an absolute IRI: {names[0]!r}")
        if not dataset.store.contains_named_graph(ox.NamedNode(names[0])):
            raise NotFound(f"no graph named <{names[0]}> in this dataset")
        triples = dataset.triples(names[0])
    return Response(write_graph(triples, fmt, KNOWN_PREFIXES), 200, {"Vary": "Accept"}, content_type=fmt.content_type)
