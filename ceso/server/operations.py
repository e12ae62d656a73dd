"""What operators poll: /health (JSON) and /metrics (Prometheus text format)."""

from __future__ import annotations

import os

from flask import Blueprint, Response

from . import assets
from .context import services

bp = Blueprint("operations", __name__)


@bp.get("/health")
def health():
    ctx = services()
    dataset = ctx.dataset
    # Sizes as loaded: len(store) counts every quad, too slow for a route that load balancers poll.
    return {"status": "ok", "worker": os.getpid(), "triples_per_graph": dataset.graph_sizes,
            "default_graph_triples": dataset.default_graph_size, "load_seconds": round(dataset.load_seconds, 3),
            "update_enabled": ctx.config.update_enabled, "ui_assets": assets.ready()}


@bp.get("/metrics")
def metrics():
    ctx = services()
    return Response(ctx.metrics.render(len(ctx.dataset.store)), 200, content_type="text/plain; version=0.0.4; charset=utf-8")
