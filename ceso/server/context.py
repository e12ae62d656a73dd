"""What the views share, built once by the application factory and read from the app, not a closure."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request

from ceso.queries import NamedQuery
from ceso.store import Dataset

from .config import ServerConfig
from .engine import Engine
from .metrics import Metrics
from .pages import PageReader


@dataclass
class Services:
    config: ServerConfig
    dataset: Dataset
    engine: Engine
    pages: PageReader
    metrics: Metrics
    examples: list[NamedQuery]


def services() -> Services:
    return current_app.extensions["ceso"]


def endpoint_iri() -> str:
    # Not request.host_url: werkzeug builds it by unquoting the whole URL, query string included,
    # which was a third of a short query's time.
    return f"{request.scheme}://{request.host}/sparql"
