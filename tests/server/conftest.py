"""The endpoint over the committed fixture build (fixtures/build, written by hand in fixtures/dataset.trig):
in-process through Flask's test client, or on a real socket where a real client needs one."""

from __future__ import annotations

import pytest

from support import AppClient, LiveServer, make_client


@pytest.fixture(scope="session")
def client() -> AppClient:
    """The read-only endpoint with default settings."""
    return make_client()


@pytest.fixture(scope="session")
def live(client):
    """The same application on a real 127.0.0.1 socket, for SPARQLWrapper and Chromium."""
    server = LiveServer(client.app)
    yield server
    server.stop()
