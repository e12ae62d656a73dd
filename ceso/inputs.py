"""What goes into a build: the source files of each part and their digest, which tells whether a build is
still fresh. Standard library only, so that reading a build never loads the build stack."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ceso import __version__, paths

PARTS = ("ontology", "instances", "shapes")


def turtle_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.ttl"))


def shipped_files() -> dict[str, list[Path]]:
    return {
        "ontology": turtle_files(paths.ONTOLOGY_DIR),
        "instances": turtle_files(paths.INSTANCES_DIR),
        "shapes": turtle_files(paths.SHAPES_DIR),
    }


def with_pulled(parts: dict[str, list[Path]], root: Path, wikidata: bool) -> dict[str, list[Path]]:
    """The parts plus the facts `ceso links pull` fetched into `root`, when wanted and present."""
    pulled = paths.wikidata_file(root)
    return {**parts, "wikidata": [pulled]} if wikidata and pulled.is_file() else dict(parts)


def display_path(path: Path) -> str:
    """A path as a user would type it: relative to the source root or the working folder when possible."""
    for base in (paths.SOURCE_ROOT, Path.cwd()):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def digest(parts: dict[str, list[Path]], engine: str) -> str:
    """A digest of every input file's name and bytes, the CESO version and the reasoner."""
    hashed = hashlib.sha256()
    for part in sorted(parts):
        for path in parts[part]:
            hashed.update(f"{part}/{path.name}\0".encode())
            hashed.update(path.read_bytes())
            hashed.update(b"\0")
    for item in (__version__, engine):
        hashed.update(item.encode() + b"\0")
    return hashed.hexdigest()
