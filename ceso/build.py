"""The build pipeline: load → validate → reason → publish, skipped when the inputs have not changed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ceso import buildlock, inputs, paths
from ceso.errors import ValidationFailed
from ceso.load import load, load_ntriples
from ceso.namespaces import INFERRED_GRAPH, INSTANCES_GRAPH, ONTOLOGY_GRAPH, SAME_AS_GRAPH, SHAPES_GRAPH, WIKIDATA_GRAPH
from ceso.progress import Progress
from ceso.publish import publish
from ceso.reason import DEFAULT_ENGINE, reason
from ceso.store import current_build, read_manifest
from ceso.validate import validate


@dataclass
class BuildResult:
    path: Path
    skipped: bool
    warnings: str = ""
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step
    peaks: dict[str, int] = field(default_factory=dict)  # peak resident bytes per step (Linux)
    triples: int = 0  # asserted plus inferred


def build(
    parts: dict[str, list[Path]] | None = None,
    *,
    root: Path | None = None,
    engine: str | None = None,
    force: bool = False,
    wikidata: bool = True,
    progress: Progress | None = None,
) -> BuildResult:
    """Build `parts` (default: the shipped sources) into `root` (default: paths.build_root()); raise
    CesoError on any error. With `wikidata`, facts fetched by `ceso links pull` (if any) join the dataset
    as their own graph, never mixed into ours."""
    root = root or paths.build_root()
    progress = progress or Progress()
    # One build of a root at a time: a second one waits, then usually finds the graph up to date.
    with buildlock.building(root, lambda: progress.note(f"another build of {root} is running; waiting for it")):
        return _build(parts, root, engine, force, wikidata, progress)


def _build(parts, root: Path, engine: str | None, force: bool, wikidata: bool, progress: Progress) -> BuildResult:
    engine = engine or DEFAULT_ENGINE
    parts = inputs.with_pulled(parts or inputs.shipped_files(), root, wikidata)
    digest = inputs.digest(parts, engine)
    existing = current_build(root)
    if not force and existing and read_manifest(existing).get("input_digest") == digest:
        progress.note(f"build is up to date: {existing}")
        return BuildResult(existing, skipped=True)

    with progress.step("load"):
        sources = load(parts)
    data = sources.data_store()  # read by the SHACL engine and the reasoner alike, changed by neither
    # Both only read the data, and both spend their time in Rust outside the GIL: the reasoner runs beside
    # the SHACL engine, on the other core, and its result counts only if the data conforms.
    pool = ThreadPoolExecutor(1)
    try:
        reasoning = pool.submit(reason, data, engine)
        with progress.step("validate"):
            report = validate(sources, data)
        if not report.conforms:
            raise ValidationFailed(
                "the data does not conform to the shapes:\n" + report.format(),
                fix="correct the nodes named above; nothing was published, the previous build is kept",
            )
        with progress.step("reason"):  # what reasoning takes once validation is done
            reasoned = reasoning.result()
    finally:
        pool.shutdown(wait=False)  # a failed validation does not wait for the reasoner
    del data  # its memory is needed for publishing
    with progress.step("publish"):
        graphs = {
            ONTOLOGY_GRAPH: sources.ontology,
            INSTANCES_GRAPH: sources.instance_quads,
            INFERRED_GRAPH: reasoned.inferred_quads,
            SAME_AS_GRAPH: reasoned.same_as,
            SHAPES_GRAPH: sources.shapes,
        }
        if "wikidata" in parts:
            graphs[WIKIDATA_GRAPH] = load_ntriples(parts["wikidata"][0])
        manifest = {
            "input_digest": digest,
            "ontology_digest": inputs.digest({"ontology": parts["ontology"]}, ""),
            "engine": engine,
            "wikidata": wikidata,
            "files": [inputs.display_path(p) for p in sources.files],
        }
        triples = len(sources.ontology) + len(sources.instance_quads) + len(reasoned.inferred_quads)
        del sources, reasoned  # publish lets each graph go once written
        path = publish(root, graphs, parts["ontology"], manifest)
    return BuildResult(path, skipped=False, warnings=report.format() if report.results else "",
                       timings=dict(progress.timings), peaks=dict(progress.peaks),
                       triples=triples)
