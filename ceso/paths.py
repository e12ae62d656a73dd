"""Where the shipped sources live and where builds go."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# A wheel carries the sources under ceso/_shipped/; a source checkout (or editable install) has them at
# the repository's top level, beside the package.
_SHIPPED = _PACKAGE / "_shipped"
# $CESO_SOURCE_DIR points the build at another tree of the same layout (your own copy of the data).
SOURCE_ROOT = Path(
    os.environ.get("CESO_SOURCE_DIR") or (_SHIPPED if _SHIPPED.is_dir() else _PACKAGE.parent)
).expanduser().resolve()

ONTOLOGY_DIR = SOURCE_ROOT / "ontology"
INSTANCES_DIR = SOURCE_ROOT / "instances"
SHAPES_DIR = SOURCE_ROOT / "shapes"
QUERIES_DIR = SOURCE_ROOT / "queries"


def build_root() -> Path:
    """The folder that holds builds: $CESO_BUILD_DIR, else the user's cache folder."""
    explicit = os.environ.get("CESO_BUILD_DIR")
    if explicit:
        return Path(explicit).expanduser().resolve()
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "ceso" / "build"


def wikidata_file(root: Path | None = None) -> Path:
    """Where `ceso links pull` keeps the facts it fetched from Wikidata; builds add them as their own graph."""
    return (root or build_root()) / "wikidata.nt"
