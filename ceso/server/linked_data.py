"""What people and linked-data tools read: the query UI at /, entity pages at /id/…, the ontology, VoID."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from ceso import formats
from ceso.display import KNOWN_PREFIXES
from ceso.namespaces import ID, ONTOLOGY_GRAPH
from ceso.results import write_graph

from . import assets, conneg
from .context import endpoint_iri, services
from .errors import BadRequest, NotFound
from .sparql import iri_ok

bp = Blueprint("linked_data", __name__)
ONTOLOGY_FILES = {formats.HTML: "ontology.html", formats.TURTLE: "ontology.ttl", formats.RDFXML: "ontology.owl"}


def _page_format(what: str) -> formats.Format:
    return conneg.choose(request.headers.get("Accept"), request.args.get("format"), formats.PAGE_FORMATS, what)


@bp.get("/")
def ui():
    examples = services().examples
    return render_template("ui.html", endpoint=endpoint_iri(), examples=examples, assets_ready=assets.ready(),
                           examples_data=[e.as_dict() for e in examples])


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
        return Response(render_template("entity.html", page=pages.entity(iri)), 200, headers,
                        content_type=formats.HTML.content_type)
    return Response(write_graph(pages.graph(iri), fmt, KNOWN_PREFIXES), 200, headers, content_type=fmt.content_type)


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
