"""Real SPARQL engines on 127.0.0.1 (backend_engines.py), each loaded with the shipped build by
`ceso publish`, and the endpoint in front of them (`create_app` with a backend, through Flask's test client).

Oxigraph's server comes from the `oxigraph` package (test extras); Virtuoso from Debian's
virtuoso-opensource, which .ci/run installs. Each engine starts once per run. Where an engine is missing
the tests skip, except under CI=true, where they fail: CI must run them.
"""

from __future__ import annotations

import os

import pytest

from backend_engines import D, FOAF_DOCUMENT, STARTERS, Engine, EngineMissing
from support import AppClient, make_client, run_ceso


@pytest.fixture(scope="session")
def engines(tmp_path_factory):
    started: dict[str, Engine] = {}
    failed: dict[str, BaseException] = {}  # an engine that did not start is not tried again by every test

    def get(name: str) -> Engine:
        if name in failed:
            raise failed[name]
        if name not in started:
            try:
                started[name] = STARTERS[name](tmp_path_factory.mktemp(name))
            except EngineMissing as err:
                if os.environ.get("CI") == "true":
                    failed[name] = pytest.fail.Exception(f"{err.what} is missing, and CI must run these tests: {err.fix}")
                    raise failed[name] from None
                pytest.skip(str(err))
            except BaseException as err:
                failed[name] = err
                raise
        return started[name]

    yield get
    for engine in started.values():
        engine.stop()


@pytest.fixture(scope="session")
def published(engines, shipped_root):
    """Engine name -> (engine, the output of `ceso publish --to`), published once per run."""
    done: dict[str, tuple] = {}

    def get(name: str):
        if name not in done:
            engine = engines(name)
            result = run_ceso("publish", "--to", engine.endpoint, *engine.publish_args, build_dir=shipped_root, check=True)
            kasei = "".join(f"<{D}data{n}.rdf> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{FOAF_DOCUMENT}> .\n"
                            for n in (1, 2, 3))
            for n in (1, 2, 3):  # the W3C protocol cases' graphData, outside CESO's graphs
                engine.put(f"{D}data{n}.rdf", kasei.splitlines()[n - 1] + "\n")
            done[name] = (engine, result)
        return done[name]

    return get


@pytest.fixture(scope="session")
def fronts(published, build_dir):
    """Engine name -> the endpoint in front of it (Flask's test client)."""
    clients: dict[str, AppClient] = {}

    def get(name: str, **config) -> AppClient:
        key = name + repr(sorted(config.items()))
        if key not in clients:
            engine, _ = published(name)
            clients[key] = make_client(build_dir, backend=engine.endpoint, **config)
        return clients[key]

    return get


@pytest.fixture(scope="session")
def embedded(build_dir) -> AppClient:
    return make_client(build_dir)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def engine_name(request) -> str:
    return request.param


@pytest.fixture
def front(fronts, engine_name) -> AppClient:
    return fronts(engine_name)
