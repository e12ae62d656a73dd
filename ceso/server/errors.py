"""The endpoint's one error type, raised from anywhere (`raise NotAcceptable(...)`) and rendered in one
place: plain text with the status, never a traceback."""

from __future__ import annotations

import logging

from flask import Response, request
from werkzeug.exceptions import HTTPException

log = logging.getLogger("ceso.server")


class HttpError(Exception):
    status = 500
    metric: str | None = None  # the /metrics counter this kind of answer adds to

    def __init__(self, message: str, headers: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers or {}


class BadRequest(HttpError):
    status = 400


class Unauthorized(HttpError):
    status = 401


class Forbidden(HttpError):
    status = 403
    metric = "forbidden"


class NotFound(HttpError):
    status = 404


class MethodNotAllowed(HttpError):
    status = 405

    def __init__(self, message: str, allow: str) -> None:
        super().__init__(message, {"Allow": allow})


class PayloadTooLarge(HttpError):
    status = 413

    def __init__(self, message: str) -> None:
        super().__init__(message, {"Connection": "close"})


class UriTooLong(HttpError):
    status = 414


class NotAcceptable(HttpError):
    status = 406

    def __init__(self, what: str, formats) -> None:
        offered = ", ".join(f.media_type for f in formats)
        super().__init__(f"none of the Accept header's types can carry {what}; this endpoint offers {offered}")


class UnsupportedMediaType(HttpError):
    status = 415


class BadGateway(HttpError):
    status = 502


class QueryTimeout(HttpError):
    status = 503
    metric = "timeouts"

    def __init__(self, message: str) -> None:
        super().__init__(message, {"Retry-After": "1"})


class QueryOverMemory(QueryTimeout):
    metric = "over_memory"


def text(status: int, message: str, headers: dict | None = None) -> Response:
    return Response(message.rstrip() + "\n", status, headers, content_type="text/plain; charset=utf-8")


def render(err: HttpError) -> Response:
    return text(err.status, err.message, err.headers)


def render_werkzeug(err: HTTPException) -> Response:
    """Flask's own errors (no such route, method not allowed, body too large) in the same plain style."""
    headers = {k: v for k, v in err.get_headers() if k.lower() == "allow"}
    return text(err.code or 500, f"{err.code} {err.name}: {err.description}", headers)


def render_unexpected(err: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.path)
    return text(500, f"internal error ({type(err).__name__}); the server log has the details")
