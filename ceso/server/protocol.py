"""SPARQL 1.1 Protocol request parsing: which operation a request carries, and its protocol dataset.

Strict where the spec is: one query or update per request, the right Content-Type, UTF-8 only. A request
that breaks a rule raises the HttpError (400, 405 or 415) that says which.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from werkzeug.datastructures import MultiDict
from werkzeug.http import parse_options_header

from . import sparql_text
from .errors import BadRequest, MethodNotAllowed, PayloadTooLarge, UnsupportedMediaType, UriTooLong

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
# Parameters some clients add to ask for a result format (SPARQLWrapper sends all three).
FORMAT_PARAMS = ("format", "output", "results")


@dataclass
class Operation:
    kind: str  # "query", "update" or "none" (GET without a query: service description)
    text: str = ""
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format_key: str | None = None


def _decode(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BadRequest(f"the {what} is not valid UTF-8 (byte {err.start}); send UTF-8") from None


def _check_charset(options: dict) -> None:
    charset = options.get("charset")
    if charset and charset.strip().lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise BadRequest(f"charset {charset} is not supported; the SPARQL protocol uses UTF-8")


def _pairs(text: str, where: str) -> MultiDict:
    try:
        return MultiDict(parse_qsl(text, keep_blank_values=True, errors="strict"))
    except UnicodeDecodeError:
        raise BadRequest(f"the {where} has percent-escapes that are not UTF-8") from None


def _form(raw: bytes) -> MultiDict:
    return _pairs(_decode(raw, "form body"), "form body")


def _url_params(query_string: bytes) -> MultiDict:
    return _pairs(_decode(query_string, "URL query string"), "URL")


def _one(params: MultiDict, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise BadRequest(f"the request carries {len(values)} `{name}` parameters; send exactly one")
    return values[0] if values else None


# How much of an oversized body is read and dropped before the 413, so that the client, still sending,
# reads the answer instead of a connection reset (closing a socket with unread data resets it).
DRAIN_LIMIT = 16 << 20


def read_body(environ: dict, max_body: int) -> bytes:
    """The request body, at most `max_body` bytes, whether sent with a Content-Length or chunked."""
    stream = environ["wsgi.input"]
    length = environ.get("CONTENT_LENGTH") or ""
    try:
        if length.strip().isdigit() and int(length) > max_body:
            _drain(stream, int(length))
            raise PayloadTooLarge(f"the request body is {int(length):,} bytes, over this server's limit of "
                                  f"{max_body:,}")
        if length.strip().isdigit():
            return stream.read(int(length))
        body = stream.read(max_body + 1)  # chunked (or until the client closes)
        if len(body) > max_body:
            _drain(stream, DRAIN_LIMIT)
            raise PayloadTooLarge(f"the request body is over this server's limit of {max_body:,} bytes")
        return body
    except PayloadTooLarge:
        raise
    except Exception as err:  # the HTTP server's body parser: a bad chunk size, a missing chunk terminator, ...
        raise BadRequest(f"the request body is not valid HTTP/1.1 ({type(err).__name__}: {err})") from None


def _drain(stream, length: int) -> None:
    left = min(length, DRAIN_LIMIT)
    while left > 0:
        chunk = stream.read(min(left, 1 << 16))
        if not chunk:
            break
        left -= len(chunk)


def check_url(query_string: bytes, max_url: int) -> None:
    if len(query_string) > max_url:
        raise UriTooLong(f"the URL's query string is {len(query_string):,} bytes, over this server's limit of "
                         f"{max_url:,}; send the query by POST (Content-Type: {QUERY}, or {FORM})")


def parse(method: str, query_string: bytes, content_type: str | None, body: bytes) -> Operation:
    url = _url_params(query_string)
    format_key = next((url.get(p) for p in FORMAT_PARAMS if url.get(p)), None)
    if method in ("GET", "HEAD"):
        if "update" in url:
            raise BadRequest("SPARQL Update must be sent by POST, never GET")
        query = _one(url, "query")
        if query is None:
            return Operation("none", format_key=format_key)
        return Operation("query", query, url.getlist("default-graph-uri"), url.getlist("named-graph-uri"), format_key)
    if method != "POST":
        raise MethodNotAllowed(f"{method} is not allowed here; use GET or POST", "GET, POST, HEAD, OPTIONS")
    if not content_type:
        raise BadRequest(f"a POST needs a Content-Type: {FORM}, {QUERY} or {UPDATE}")
    mimetype, options = parse_options_header(content_type)
    mimetype = mimetype.lower()
    _check_charset(options)
    if mimetype == FORM:
        params = _form(body)
        format_key = format_key or next((params.get(p) for p in FORMAT_PARAMS if params.get(p)), None)
        for name in ("query", "update"):
            if name in params and name in url:
                raise BadRequest(f"`{name}` appears both in the URL and in the form body; send it once")
        merged = MultiDict(list(url.items(multi=True)) + list(params.items(multi=True)))
        query, update = _one(merged, "query"), _one(merged, "update")
        if query is not None and update is not None:
            raise BadRequest("a request carries either a query or an update, not both")
        if update is not None:
            _not_a_query(update)
            return _update(update, merged, format_key)
        if query is None:
            raise BadRequest("the form carries no `query` (or `update`) parameter")
        return Operation("query", query, merged.getlist("default-graph-uri"), merged.getlist("named-graph-uri"), format_key)
    if mimetype == QUERY:
        if "query" in url or "update" in url:
            raise BadRequest("a direct POST carries the query in its body, not in the URL as well")
        return Operation("query", _decode(body, "query"), url.getlist("default-graph-uri"), url.getlist("named-graph-uri"), format_key)
    if mimetype == UPDATE:
        if "query" in url or "update" in url:
            raise BadRequest("a direct POST carries the update in its body, not in the URL as well")
        update = _decode(body, "update")
        _not_a_query(update)
        return _update(update, url, format_key)
    raise UnsupportedMediaType(f"Content-Type {mimetype} is not accepted; use {FORM}, {QUERY} or {UPDATE}")


_QUERY_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_UPDATE_FORMS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def _not_a_query(text: str) -> None:
    """An `update` whose first operation word is a query form is a client that guessed wrong (SPARQLWrapper
    takes words like "Movement" in a comment for MOVE): say so rather than 403 or a syntax error."""
    lexed = sparql_text.lex(sparql_text.unescape_codepoints(text[:65536]))
    words = (t.text.upper() for t in lexed.tokens if t.kind == "word")
    first = next((w for w in words if w in _QUERY_FORMS | _UPDATE_FORMS), None)
    if first in _QUERY_FORMS:
        raise BadRequest(f"this request sends a {first} query as an `update`; send it as `query` (GET ?query=, "
                         f"or POST with `query=` or Content-Type: {QUERY}). SPARQLWrapper does this when a comment "
                         "holds words such as MOVE, ADD or INSERT: call setQueryType or setMethod(POST) "
                         "with the query, or reword the comment")


def _update(text: str, params: MultiDict, format_key: str | None) -> Operation:
    using, using_named = params.getlist("using-graph-uri"), params.getlist("using-named-graph-uri")
    if using or using_named:
        text = with_using(text, using, using_named)
    return Operation("update", text, format_key=format_key)


def with_using(text: str, using: list[str], using_named: list[str]) -> str:
    """Write the protocol's using-graph-uri / using-named-graph-uri into each operation as USING clauses."""
    text = sparql_text.unescape_codepoints(text)
    offsets, keywords = sparql_text.top_level_clauses(text)
    if keywords:
        raise BadRequest("using-graph-uri / using-named-graph-uri cannot be combined with an update "
                                 "that has its own USING or WITH (SPARQL 1.1 Protocol §2.2.3)")
    for iri in using + using_named:
        if any(c in iri for c in '<>"{}|^`\\ '):
            raise BadRequest(f"not an IRI: {iri!r}")
    clause = " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named]) + " "
    for offset in reversed(offsets):
        text = text[:offset] + clause + text[offset:]
    return text
