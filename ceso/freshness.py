"""The current build for a read command (`query`, `stats`, `export`, `serve`, `links`), rebuilt first only
when its inputs changed: checking costs a digest of the sources, not the build stack (pyshacl, owlrl)."""

from __future__ import annotations

import sys
from pathlib import Path

from ceso import inputs, paths
from ceso.progress import Progress
from ceso.store import current_build, read_manifest


def fresh_build(root: Path) -> Path | None:
    """The current build if the shipped sources still give its digest, with the reasoner and Wikidata choice
    it was built with (so `ceso build --reasoner owlrl` is not undone by the next `ceso query`)."""
    current = current_build(root)
    manifest = read_manifest(current)
    if current is None or "engine" not in manifest:
        return None
    parts = inputs.with_pulled(inputs.shipped_files(), root, manifest.get("wikidata", True))
    return current if manifest.get("input_digest") == inputs.digest(parts, manifest["engine"]) else None


def ensure_built(progress: Progress | None = None, root: Path | None = None) -> Path:
    root = root or paths.build_root()
    fresh = fresh_build(root)
    if fresh is not None:
        return fresh
    from ceso.build import build  # only a missing or stale build pays for importing the build stack

    manifest = read_manifest(current_build(root))
    result = build(root=root, engine=manifest.get("engine"), wikidata=manifest.get("wikidata", True), progress=progress)
    if result.warnings:
        print(result.warnings, file=sys.stderr)
    return result.path
