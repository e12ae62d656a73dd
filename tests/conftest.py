"""Shared fixtures: the real `ceso` command run in subprocesses, against temporary build folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run_ceso(*args: str, build_dir: Path, source_dir: Path | None = None, check: bool = False, timeout: float = 300):
    """Run `python -m ceso ARGS` as a user would, with its own build (and optionally source) folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CESO_")}
    env["CESO_BUILD_DIR"] = str(build_dir)
    if source_dir is not None:
        env["CESO_SOURCE_DIR"] = str(source_dir)
    result = subprocess.run(
        [sys.executable, "-m", "ceso", *args], capture_output=True, text=True, env=env, timeout=timeout, cwd=REPO
    )
    if check and result.returncode != 0:
        raise AssertionError(f"ceso {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def build_dir(tmp_path_factory) -> Path:
    """A build of the shipped graph, made once per test session; returns the build folder."""
    root = tmp_path_factory.mktemp("build")
    run_ceso("build", build_dir=root, check=True)
    return (root / "current").resolve()


@pytest.fixture
def source_copy(tmp_path) -> Path:
    """A copy of the shipped ontology, shapes and instances that a test may break."""
    target = tmp_path / "src"
    for part in ("ontology", "shapes", "instances", "queries"):
        shutil.copytree(REPO / part, target / part)
    return target


@pytest.fixture
def fixture_tree(tmp_path):
    """The shipped ontology and shapes with a small hand-written instance file of the test's choice."""

    def make(instance_file: str) -> Path:
        target = tmp_path / "fixture-src"
        for part in ("ontology", "shapes"):
            shutil.copytree(REPO / part, target / part)
        (target / "instances").mkdir()
        shutil.copy(FIXTURES / instance_file, target / "instances" / instance_file)
        return target

    return make
