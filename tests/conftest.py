"""Fixtures every test folder shares: one build of the shipped graph per test run, fixture source trees."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import SMALL, run_ceso, source_tree


@pytest.fixture(scope="session")
def shipped_root(tmp_path_factory) -> Path:
    """The build root holding the one build of the shipped graph made per test run (by the real command)."""
    root = tmp_path_factory.mktemp("shipped")
    run_ceso("build", build_dir=root, check=True)
    return root


@pytest.fixture(scope="session")
def build_dir(shipped_root) -> Path:
    """That build's folder."""
    return (shipped_root / "current").resolve()


@pytest.fixture(scope="session")
def shipped(build_dir):
    """That build, opened for reading (the store the CLI and the server read)."""
    from ceso.store import open_build

    return open_build(build_dir)


@pytest.fixture
def fixture_tree(tmp_path):
    """The shipped ontology and shapes with the small hand-written instance file (or others given)."""
    return lambda *instance_files: source_tree(tmp_path / "fixture-src", *(instance_files or (SMALL,)))

