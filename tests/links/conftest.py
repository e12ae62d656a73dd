"""The fixture "Wikidata" endpoint: a CESO application on a real 127.0.0.1 socket serving wikidata.ttl."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from links_support import HERE
from support import LiveServer

INSTANCES_GRAPH = "https://w3id.org/ceso/graph/instances"


def wikidata_build(target: Path) -> Path:
    """A build folder whose default graph is wikidata.ttl."""
    target.mkdir(parents=True)
    graph = ox.NamedNode(INSTANCES_GRAPH)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph)
             for t in ox.parse(path=str(HERE / "wikidata.ttl"), format=ox.RdfFormat.TURTLE)]
    (target / "dataset.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return target


@pytest.fixture(scope="session")
def wikidata(tmp_path_factory):
    """The fixture Wikidata endpoint; its SPARQL URL is `wikidata.base + "/sparql"`."""
    from ceso.server.app import create_app

    server = LiveServer(create_app(wikidata_build(tmp_path_factory.mktemp("wd") / "build")))
    yield server
    server.stop()
