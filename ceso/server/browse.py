"""Finding one's way for people: search, the index of entities by class, the route from a Wikidata QID to
our page, the timeline page and its SVG/PNG files, and a readable service description."""

from __future__ import annotations

import re
from datetime import date

from flask import Blueprint, Response, jsonify, redirect, render_template, request

from ceso import formats, timeline, timeline_svg
from ceso.display import compact
from ceso.namespaces import ID, INSTANCES_GRAPH, WD

from .context import endpoint_iri, services
from .errors import BadRequest, NotFound
from .pages import local_href
from .sparql import iri_ok

bp = Blueprint("browse", __name__)
QID = re.compile(r"Q[1-9][0-9]{0,11}")
_SAME = f"""SELECT ?x WHERE {{ VALUES ?wd {{ <{WD}%s> }} GRAPH <{INSTANCES_GRAPH}> {{ {{ ?x owl:sameAs ?wd }} UNION {{ ?wd owl:sameAs ?x }} }}
  FILTER(STRSTARTS(STR(?x), "{ID}")) }} ORDER BY ?x"""
_CLASSES = f"""SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {{ GRAPH <{INSTANCES_GRAPH}> {{ ?x a ?class }}
  FILTER(STRSTARTS(STR(?x), "{ID}")) }} GROUP BY ?class ORDER BY DESC(?n) ?class"""
_OF_CLASS = f"""SELECT DISTINCT ?x WHERE {{ VALUES ?class {{ <%s> }} ?x a ?class FILTER(STRSTARTS(STR(?x), "{ID}")) }}"""
_ORGANIZATIONS = f"""SELECT DISTINCT ?org WHERE {{ ?m a org:Membership ; org:organization ?org ; org:role ?r .
  ?r a ceso:MembershipStatus FILTER(STRSTARTS(STR(?org), "{ID}")) }}"""


@bp.get("/wd/<qid>")
def wikidata(qid: str):
    """A Wikidata item's QID to the CESO entity linked to it by an asserted owl:sameAs."""
    if not QID.fullmatch(qid):
        raise NotFound(f"{qid!r} is not a Wikidata item id (Q followed by digits)")
    rows = list(services().dataset.select(_SAME % qid))
    if not rows:
        raise NotFound(f"no CESO entity is linked to Wikidata's {qid}")
    return redirect("/id/" + rows[0][0].value[len(ID):], 303)


@bp.get("/search")
def search():
    query = request.args.get("q", "")[:200]
    pages = services().pages
    limit = min(int(request.args["limit"]), 200) if request.args.get("limit", "").isdigit() else 40
    hits = pages.search.find(query, limit=max(limit, 1))
    if request.args.get("format") == "json" or request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json":
        return jsonify([{"iri": h.iri, "label": h.label, "matched": h.matched, "kind": h.kind,
                         "href": local_href(h.iri, pages.anchors)} for h in hits])
    return render_template("search.html", query=query, hits=hits, href=lambda iri: local_href(iri, pages.anchors))


@bp.get("/terms")
def terms():
    """Autocompletion for the query editor: ?kind=class|property|entity&q=<IRI or prefix expanded by the editor>."""
    kind = request.args.get("kind", "")
    if kind not in ("class", "property", "entity"):
        raise BadRequest("kind must be class, property or entity")
    return jsonify(services().pages.terms.complete(kind, request.args.get("q", "")[:300]))


@bp.get("/id/")
def index():
    pages = services().pages
    ds = services().dataset
    chosen = request.args.get("class")
    if chosen:
        iri = _expand(chosen)
        if not iri_ok(iri):
            raise BadRequest(f"not a class IRI or prefixed name: {chosen!r}")
        members = [row[0].value for row in ds.select(_OF_CLASS % iri)]
        if not members:
            raise NotFound(f"no CESO entity is of class {chosen}")
        labels = pages.labels(members + [iri])
        entries = sorted(((labels.get(m) or compact(m) or m), local_href(m)) for m in members)
        return render_template("index.html", classes=None, chosen=labels.get(iri) or chosen, entries=entries,
                               class_href=local_href(iri, pages.anchors))
    rows = [(c.value, int(n.value)) for c, n in ds.select(_CLASSES)]
    labels = pages.labels([c for c, _ in rows])
    classes = [(labels.get(c) or compact(c) or c, compact(c) or c, n) for c, n in rows]
    return render_template("index.html", classes=classes, chosen=None, entries=None)


def _expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    from ceso.namespaces import PREFIXES
    if prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return name


def timeline_filters():
    """The /timeline query string: org (repeatable), state (repeatable), status (repeatable), from, to."""
    def year(name):
        value = request.args.get(name, "").strip()
        if not value:
            return None
        if not value.isdigit() or not 1900 <= int(value) <= 2100:
            raise BadRequest(f"{name}={value!r}: give a year, e.g. {name}=2001")
        return int(value)
    statuses = [s for s in request.args.getlist("status") if s]
    unknown = [s for s in statuses if s not in timeline.STATUSES]
    if unknown:
        raise BadRequest(f"unknown status {unknown[0]!r}; one of " + ", ".join(timeline.STATUSES))
    return dict(organizations=[o for o in request.args.getlist("org") if o],
                members=[m for m in request.args.getlist("state") if m], statuses=statuses,
                years=(year("from"), year("to")))


def _timeline_svg(filters, link) -> tuple[timeline.Timeline, str]:
    t = timeline.read(services().dataset, **filters)
    by = "member" if len(filters["organizations"]) == 1 else "organization" if len(filters["members"]) == 1 else "both"
    names = [t.label(timeline._iri(o)) for o in filters["organizations"] + filters["members"]]
    title = "Membership history" + (": " + ", ".join(names) if names else "")
    return t, timeline_svg.render(t, by=by, title=title, link=link)


@bp.get("/timeline")
def timeline_page():
    filters = timeline_filters()
    ds = services().dataset
    orgs = [row[0].value for row in ds.select(_ORGANIZATIONS)]
    labels = services().pages.labels(orgs)
    options = sorted((labels.get(o, o), o[len(ID):]) for o in orgs)
    t, svg = _timeline_svg(filters, local_href)
    return render_template("timeline.html", svg=svg if t.bars else None, filters=filters, options=options,
                           statuses=[(s, timeline.status_label(s)) for s in timeline.STATUSES],
                           query_string=request.query_string.decode("ascii", "replace"), bars=len(t.bars))


@bp.get("/timeline.svg")
def timeline_file():
    _, svg = _timeline_svg(timeline_filters(), lambda iri: iri)  # a file leaves the server: links are the IRIs
    return Response(svg, 200, content_type="image/svg+xml; charset=utf-8")


@bp.get("/timeline.png")
def timeline_png():
    _, svg = _timeline_svg(timeline_filters(), lambda iri: iri)
    try:
        png = timeline_svg.to_png(svg)
    except RuntimeError as err:
        raise NotFound(str(err)) from None
    return Response(png, 200, content_type="image/png")


@bp.get("/service")
def service():
    s = services()
    graphs = [(iri, s.dataset.graph_sizes[iri]) for iri in s.dataset.named_graphs]
    return render_template("service.html", endpoint=endpoint_iri(), config=s.config, graphs=graphs,
                           default_size=s.dataset.default_graph_size,
                           formats=[(f.media_type, f.name) for f in formats.RESULT_FORMATS + formats.GRAPH_FORMATS],
                           today=date.today())
