"""Rewrite build/dataset.nq (sorted N-Quads) from the hand-written dataset.trig beside this file."""

from pathlib import Path

import pyoxigraph as ox

here = Path(__file__).parent
quads = ox.parse(path=str(here / "dataset.trig"), format=ox.RdfFormat.TRIG)
lines = sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode().splitlines())
(here / "build" / "dataset.nq").write_text("\n".join(lines) + "\n", encoding="utf-8")
