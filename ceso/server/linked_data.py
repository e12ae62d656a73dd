"""What people and linked-data tools read: the query UI at /, entity pages at /id/…, the ontology, VoID."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request
from werkzeug.exceptions import NotFound as NoRoute

from ceso import formats, timeline, timeline_svg
from ceso.display import KNOWN_PREFIXES
from ceso.namespaces import ID, ONTOLOGY_GRAPH
from ceso.results import write_graph

from . import assets, browse, conneg, errors, overview
from .context import endpoint_iri, services
from .errors import BadRequest, NotFound
from .pages import local_href
from .sparql import iri_ok

bp = Blueprint("linked_data", __name__)
bp.register_blueprint(browse.bp)
ONTOLOGY_FILES = {formats.HTML: "ontology.html", formats.TURTLE: "ontology.ttl", formats.RDFXML: "ontology.owl"}


def _page_format(what: str) -> formats.Format:
    return conneg.choose(request.headers.get("Accept"), request.args.get("format"), formats.PAGE_FORMATS, what)


@bp.get("/")
def ui():
    s = services()
    return render_template("ui.html", endpoint=endpoint_iri(), examples=s.examples, assets_ready=assets.ready(),
                           examples_data=[e.as_dict() for e in s.examples], groups=overview.grouped(s.examples),
                           overview=s.pages.overview, max_results=s.config.max_results)


@bp.get("/id/<path:slug>")
def entity(slug: str):
    iri = ID + slug
    if not iri_ok(iri):
        raise BadRequest(f"not a valid CESO IRI: {iri!r}")
    fmt = _page_format("this entity")
    pages = services().pages
    if not pages.exists(iri):
        raise NotFound(f"CESO has no entity <{iri}>")
    headers = {"Vary": "Accept", "Link": f'<{iri}>; rel="canonical"'}
    if fmt is formats.HTML:
        svg, by = entity_timeline(iri)
        html = render_template("entity.html", page=pages.entity(iri), timeline=svg,
                               other_heading="Member" if by == "member" else "Organization",
                               timeline_link="/timeline?" + ("org=" if by == "member" else "state=") + slug)
        return Response(html, 200, headers, content_type=formats.HTML.content_type)
    return Response(write_graph(pages.graph(iri), fmt, KNOWN_PREFIXES), 200, headers, content_type=fmt.content_type)


def entity_timeline(iri: str) -> tuple[str | None, str | None]:
    """An organization's members over time, or a state's statuses across organizations, as SVG."""
    dataset, anchors = services().dataset, services().pages.anchors
    for by, filters in (("member", {"organizations": [iri]}), ("organization", {"members": [iri]})):
        t = timeline.read(dataset, **filters)
        if t.bars:
            return timeline_svg.render(t, by=by, link=lambda i: local_href(i, anchors)), by
    return None, None


@bp.app_template_filter("local")
def local_filter(iri: str) -> str:
    return local_href(iri, services().pages.anchors)


def _wants_html() -> bool:
    return request.accept_mimetypes.best_match(["text/plain", "text/html"]) == "text/html"


def not_found_page(message: str) -> Response:
    """A 404 a person can use: the reason, names like the one asked for, the search box and the index."""
    slug = request.path.rstrip("/").rsplit("/", 1)[-1]
    words = "".join(c if c.isalnum() else " " for c in slug).strip()
    hits = services().pages.search.find(words, limit=8, background=False) if words else []
    html = render_template("notfound.html", message=message, hits=hits, words=words)
    return Response(html, 404, content_type=formats.HTML.content_type)


@bp.errorhandler(NotFound)
def _not_found(err: NotFound):
    return not_found_page(err.message) if _wants_html() else errors.render(err)


@bp.app_errorhandler(NoRoute)
def _no_route(err: NoRoute):
    return not_found_page(f"there is no page at {request.path}") if _wants_html() else errors.render_werkzeug(err)


@bp.get("/ontology")
def ontology():
    return ontology_as(_page_format("the ontology"))


@bp.get("/ontology.<ext>")
def ontology_file(ext: str):
    fmt = formats.by_extension(ext)
    if fmt is None:
        raise NotFound(f"no ontology.{ext}; try " + ", ".join(f".{e}" for f in formats.PAGE_FORMATS for e in f.extensions))
    return ontology_as(fmt)


def ontology_as(fmt: formats.Format) -> Response:
    dataset = services().dataset
    if fmt is formats.HTML and services().pages.ontology.html is not None:
        return Response(services().pages.ontology.html, 200, {"Vary": "Accept"}, content_type=fmt.content_type)
    path = dataset.file(ONTOLOGY_FILES.get(fmt, ""))
    if path is not None:
        return Response(path.read_bytes(), 200, {"Vary": "Accept"}, content_type=fmt.content_type)
    if fmt is formats.HTML:
        raise NotFound("this build has no ontology.html; the ontology is at /ontology.ttl")
    body = write_graph(dataset.triples(ONTOLOGY_GRAPH), fmt, KNOWN_PREFIXES)
    return Response(body, 200, {"Vary": "Accept"}, content_type=fmt.content_type)


@bp.get("/ceso-complete.<any(ttl, owl):ext>")
def complete(ext: str):
    """The release artefact: ontology, instances and inferences in one file (for Protégé)."""
    path = services().dataset.file(f"ceso-complete.{ext}")
    if path is None:
        raise NotFound(f"this build has no ceso-complete.{ext}; rebuild it with `ceso build --force`")
    fmt = formats.by_extension(ext)
    return Response(path.read_bytes(), 200, {"Content-Disposition": f'attachment; filename="ceso-complete.{ext}"'},
                    content_type=fmt.content_type)


@bp.get("/void.ttl")
@bp.get("/.well-known/void")
def void():
    path = services().dataset.file("void.ttl")
    if path is None:
        raise NotFound("this build has no void.ttl")
    return Response(path.read_bytes(), 200, content_type=formats.TURTLE.content_type)
