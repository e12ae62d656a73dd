"""Step 4 of the build: write the dataset and its companions into a fresh build folder, atomically.

A build folder holds:
- dataset.nq     every named graph, as N-Quads sorted by graph and line (byte-identical for the same input)
- store/         the same in an on-disk Oxigraph store, default graph included, that readers open read-only
- void.ttl       the VoID description of the dataset (also in the dataset, graph …/graph/void)
- ontology.ttl   the ontology as written; ontology.owl the same in RDF/XML (for Protégé)
- ontology.html  the ontology's documentation, made by pyLODE
- ceso-complete.ttl, ceso-complete.owl  ontology, instances and inferences in one file (Turtle; RDF/XML)
- manifest.json  what went in: the input digest, the reasoner, the triple counts (so opening needs no scan)
Everything is written into a temporary folder first; only a complete build replaces the `current` link.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, VOID, XSD

from ceso import __version__, buildlock
from ceso.errors import CesoError
from ceso.namespaces import BASE, CESO, DEFAULT_GRAPHS, ID, ONTOLOGY_GRAPH, PREFIXES, VOID_GRAPH
from ceso.store import DATASET_FILE, MANIFEST_FILE, STORE_DIR, current_build, load_store, read_manifest
from ceso.terms import quads_of

DATASET_IRI = URIRef(BASE + "dataset")
COMPLETE_TURTLE, COMPLETE_RDFXML = "ceso-complete.ttl", "ceso-complete.owl"


Graphs = dict[str, "Graph | list[ox.Quad]"]  # a named graph's IRI -> its triples (rdflib, or Oxigraph quads)


def triple_lines(graph) -> list[bytes]:
    """A graph's triples (rdflib, or Oxigraph quads in the default graph) as N-Triples lines."""
    triples = quads_of(graph) if isinstance(graph, Graph) else graph
    return ox.serialize(triples, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)


def in_graph(lines: list[bytes], iri: str) -> list[bytes]:
    """N-Triples lines as N-Quads lines of graph `iri` (a line ends with ` .`, which no literal can fake)."""
    suffix = f"<{iri}> .\n".encode()
    return [line[:-2] + suffix for line in lines]


RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def void_description(lines_of: dict[str, list[bytes]]) -> Graph:
    """Counts per named graph: triples, entities (IRI subjects), classes, properties, distinct subjects/objects.

    Counted on the graphs' N-Triples lines, where one term is always written the same way: a subject (IRI
    or blank node) and a predicate hold no space, the object is the rest. Sets of short byte strings cost a
    tenth of sets of Oxigraph terms made one by one from the quads (1.3 s at 150k triples)."""
    void = Graph()
    void.bind("void", VOID)
    void.bind("dcterms", DCTERMS)
    void.add((DATASET_IRI, RDF.type, VOID.Dataset))
    void.add((DATASET_IRI, DCTERMS.title, Literal("CESO, the Central Eurasian Security Ontology: the knowledge graph", lang="en")))
    void.add((DATASET_IRI, VOID.uriSpace, Literal(ID)))
    void.add((DATASET_IRI, VOID.vocabulary, URIRef(CESO)))
    total = 0
    for iri, lines in lines_of.items():
        subjects, predicates, objects, classes = set(), set(), set(), set()
        for line in lines:
            subject, predicate, rest = line.split(b" ", 2)
            subjects.add(subject)
            predicates.add(predicate)
            objects.add(rest)  # the object with its " .\n": one suffix for all, so the count is the same
            if predicate == RDF_TYPE:
                classes.add(rest)
        counts = {
            VOID.triples: len(lines),
            VOID.entities: sum(1 for s in subjects if s.startswith(b"<")),
            VOID.classes: len(classes),
            VOID.properties: len(predicates),
            VOID.distinctSubjects: len(subjects),
            VOID.distinctObjects: len(objects),
        }
        total += counts[VOID.triples]
        void.add((DATASET_IRI, VOID.subset, URIRef(iri)))
        void.add((URIRef(iri), RDF.type, VOID.Dataset))
        for prop, value in counts.items():
            void.add((URIRef(iri), prop, Literal(value, datatype=XSD.integer)))
    void.add((DATASET_IRI, VOID.triples, Literal(total, datatype=XSD.integer)))
    return void


def write_complete(default_lines: list[bytes], folder: Path) -> None:
    """The release artefact: everything a user queries by default (ontology, instances and inferences) in one
    file, in Turtle and in RDF/XML (for Protégé), each triple once, in the order of their N-Triples lines."""
    text = b"".join(sorted(set(default_lines)))
    for name, fmt in ((COMPLETE_TURTLE, ox.RdfFormat.TURTLE), (COMPLETE_RDFXML, ox.RdfFormat.RDF_XML)):
        triples = (quad.triple for quad in ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
        ox.serialize(triples, output=str(folder / name), format=fmt, prefixes=PREFIXES)


def _ontology_html(ontology: Graph, previous: Path | None, digest: str) -> str:
    """pyLODE's documentation; reused from the previous build when the ontology has not changed."""
    cached = previous / "ontology.html" if previous else None
    if cached and cached.is_file() and read_manifest(previous).get("ontology_digest") == digest:
        return cached.read_text(encoding="utf-8")
    from pylode import OntPub

    logging.getLogger().setLevel(logging.WARNING)  # pyLODE sets the root logger to log its progress
    # pyLODE takes every skos:ConceptScheme for the ontology itself (and runs their titles together), so it
    # is shown our schemes as plain individuals; the published ontology keeps them as they are.
    shown = Graph()
    shown += (t for t in ontology if not (t[1] == RDF.type and t[2] == SKOS.ConceptScheme))
    return OntPub(shown, sort_subjects=True).make_html()


def publish(
    root: Path,
    graphs: Graphs,
    ontology_files: list[Path],
    manifest: dict,
) -> Path:
    """Write a complete build under root/builds/ and point root/current at it; return the build folder.
    `graphs` is emptied as it is written (the caller should hold no other reference to a large graph)."""
    builds = root / "builds"
    try:
        builds.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=builds))
        staging.chmod(0o755)  # mkdtemp makes it private; a build is for every user of the machine
    except OSError as exc:
        raise CesoError(f"cannot write the build folder {root}: {exc.strerror}", fix="set CESO_BUILD_DIR to a writable folder") from None
    pool = ThreadPoolExecutor(1)
    try:
        # Each graph is let go once it is lines, so that a large graph's memory is free for the store.
        ontology = graphs[ONTOLOGY_GRAPH]
        lines_of = {iri: sorted(triple_lines(graphs.pop(iri))) for iri in sorted(graphs)}
        void = void_description(lines_of)
        lines_of[VOID_GRAPH] = sorted(triple_lines(void))
        default: list[bytes] = []
        store_input = staging / ".store.nq"
        with open(staging / DATASET_FILE, "wb") as dataset, open(store_input, "wb") as loaded:
            for iri in sorted(lines_of):  # the same input always gives the same bytes
                lines = lines_of.pop(iri)
                named = in_graph(lines, iri)
                dataset.writelines(named)
                loaded.writelines(named)
                del named
                if iri in DEFAULT_GRAPHS:
                    loaded.writelines(lines)  # the union, as default-graph lines of the same document
                    default += lines
        # The store loads in Oxigraph's own threads while the other files are written here.
        store_job = pool.submit(load_store, store_input, staging / STORE_DIR)
        write_complete(default, staging)
        del default
        for prefix, namespace in PREFIXES.items():
            void.bind(prefix, namespace)
        void.serialize(staging / "void.ttl", format="turtle")
        if len(ontology_files) == 1:
            shutil.copyfile(ontology_files[0], staging / "ontology.ttl")
        else:
            ontology.serialize(staging / "ontology.ttl", format="turtle")
        ontology.serialize(staging / "ontology.owl", format="xml")
        html = _ontology_html(ontology, current_build(root), manifest.get("ontology_digest", ""))
        (staging / "ontology.html").write_text(html, encoding="utf-8")
        sizes, default_size = store_job.result()
        manifest = {
            **manifest,
            "ceso_version": __version__,
            "graphs": sizes,  # as the store counts them, which is what is served
            "default_graph_triples": default_size,
            "default_graphs": [str(g) for g in DEFAULT_GRAPHS],
        }
        (staging / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        final = builds / f"{manifest['input_digest'][:16]}-{time.time_ns()}"
        staging.rename(final)
    except BaseException as exc:
        pool.shutdown(wait=True)  # a store still loading writes into staging: let it stop first
        shutil.rmtree(staging, ignore_errors=True)
        if not isinstance(exc, OSError):
            raise
        if exc.errno == errno.ENOSPC:
            raise CesoError(f"no space left in {builds} while writing the new build",
                            fix="free some space there (or set CESO_BUILD_DIR elsewhere); the previous build is kept") from None
        raise CesoError(f"cannot write the new build in {builds}: {exc.strerror or exc}",
                        fix="check that folder's permissions and space; the previous build is kept") from None
    pool.shutdown()
    _switch_current(root, final)
    for old in builds.iterdir():
        # A build a server still serves stays until it stops (its pages read files from it).
        if old != final and not buildlock.in_use(old):
            shutil.rmtree(old, ignore_errors=True)
    return final


def _switch_current(root: Path, target: Path) -> None:
    """Point root/current at target in one atomic rename, so readers see the old build or the new one."""
    link = root / "current"
    temporary = root / f".current-{os.getpid()}"
    if temporary.is_symlink() or temporary.exists():
        temporary.unlink()
    temporary.symlink_to(target.relative_to(root))
    os.replace(temporary, link)
