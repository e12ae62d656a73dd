"""The build pipeline: load → validate → reason → publish, skipped when the inputs have not changed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ceso import __version__, paths
from ceso.errors import ValidationFailed
from ceso.load import inputs_digest, load, load_ntriples, shipped_files
from ceso.namespaces import INFERRED_GRAPH, INSTANCES_GRAPH, ONTOLOGY_GRAPH, SAME_AS_GRAPH, SHAPES_GRAPH, WIKIDATA_GRAPH
from ceso.progress import Progress
from ceso.publish import current_build, publish, read_manifest
from ceso.reason import DEFAULT_ENGINE, reason
from ceso.validate import validate


@dataclass
class BuildResult:
    path: Path
    skipped: bool
    warnings: str = ""


def build(
    *,
    root: Path | None = None,
    engine: str = DEFAULT_ENGINE,
    force: bool = False,
    wikidata: bool = True,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the shipped graph into `root` (default: paths.build_root()); raise CesoError on any error.

    With `wikidata`, facts fetched by `ceso links pull` (if any) join the dataset as their own graph,
    never mixed into ours.
    """
    root = root or paths.build_root()
    progress = progress or Progress()
    parts = shipped_files()
    pulled = paths.wikidata_file(root)
    extra_parts = {"wikidata": [pulled]} if wikidata and pulled.is_file() else {}
    digest = inputs_digest({**parts, **extra_parts}, __version__, engine)
    existing = current_build(root)
    if not force and existing and read_manifest(root).get("input_digest") == digest:
        progress.note(f"build is up to date: {existing}")
        return BuildResult(existing, skipped=True)

    with progress.step("load"):
        sources = load(parts)
        data = sources.data()
    with progress.step("validate"):
        report = validate(sources, data)
    if not report.conforms:
        raise ValidationFailed(
            "the data does not conform to the shapes:\n" + report.format(),
            fix="correct the nodes named above; nothing was published, the previous build is kept",
        )
    with progress.step("reason"):
        reasoned = reason(data, engine)
    with progress.step("publish"):
        graphs = {
            ONTOLOGY_GRAPH: sources.ontology,
            INSTANCES_GRAPH: sources.instances,
            INFERRED_GRAPH: reasoned.inferred,
            SAME_AS_GRAPH: reasoned.same_as,
            SHAPES_GRAPH: sources.shapes,
        }
        if extra_parts:
            graphs[WIKIDATA_GRAPH] = load_ntriples(pulled)
        manifest = {
            "input_digest": digest,
            "ontology_digest": inputs_digest({"ontology": parts["ontology"]}),
            "engine": engine,
            "files": [str(p.relative_to(paths.SOURCE_ROOT)) for p in sources.files],
        }
        path = publish(root, graphs, parts["ontology"], manifest)
    warnings = report.format() if report.results else ""
    return BuildResult(path, skipped=False, warnings=warnings)


def ensure_built(*, root: Path | None = None, progress: Progress | None = None) -> Path:
    """The current build folder, building it first if it is missing or stale."""
    return build(root=root, progress=progress).path
