"""HTTP content negotiation (RFC 9110 Accept with q-values) over the formats of ceso/formats.py."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ceso.formats import Format

from .errors import NotAcceptable


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    q: float
    order: int


def parse_accept(header: str | None) -> list[_Range]:
    """Media ranges of an Accept header; malformed parts are skipped rather than failing the request."""
    ranges = []
    for order, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0] or "/" not in fields[0]:
            continue
        type_, _, subtype = fields[0].lower().partition("/")
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(_Range(type_.strip(), subtype.strip(), q, order))
    return ranges


def _quality(ranges: list[_Range], media_type: str) -> tuple[float, int]:
    """(q, specificity) of the most specific range matching media_type; (-1, -1) when none matches."""
    type_, _, subtype = media_type.partition("/")
    best = (-1.0, -1)
    for r in ranges:
        if r.type == type_ and r.subtype == subtype:
            spec = 2
        elif r.type == type_ and r.subtype == "*":
            spec = 1
        elif r.type == "*" and r.subtype == "*":
            spec = 0
        else:
            continue
        if spec > best[1]:
            best = (r.q, spec)
    return best


@lru_cache(maxsize=512)  # clients send the same few Accept headers; judging one costs 60 µs a request
def negotiate(accept: str | None, formats: tuple[Format, ...]) -> Format | None:
    """The format the client prefers, server order breaking ties; None when nothing acceptable matches."""
    ranges = parse_accept(accept)
    if not ranges:
        return formats[0]
    best, best_score = None, None
    for rank, fmt in enumerate(formats):
        # A format is judged by the most specific range naming it or an alias (the canonical name wins ties),
        # so `application/sparql-results+json;q=0, */*` excludes JSON even though */* matches its alias.
        q, spec, canonical = max((_quality(ranges, name) + (i == 0,) for i, name in enumerate((fmt.media_type, *fmt.aliases))),
                                 key=lambda t: (t[1], t[2]))
        # Client's q, then an explicitly named type, then a canonical name over an alias, then server order.
        score = (q, spec, canonical, -rank)
        if q > 0 and (best is None or score > best_score):
            best, best_score = fmt, score
    return best


def by_key(key: str | None, formats: tuple[Format, ...]) -> Format | None:
    """A format named by the format/output/results parameter (SPARQLWrapper and others add it), or None."""
    if not key:
        return None
    key = key.strip().lower()
    for fmt in formats:
        if key in fmt.keys or key == fmt.media_type or key in fmt.aliases:
            return fmt
    return None


def choose(accept: str | None, key: str | None, formats: tuple[Format, ...], what: str) -> Format:
    """The format to answer in: the format/output/results parameter when it names one of `formats`, else
    the Accept header's choice; NotAcceptable (406) when neither picks one."""
    fmt = by_key(key, formats) or negotiate(accept, formats)
    if fmt is None:
        raise NotAcceptable(what, formats)
    return fmt
