"""Step 4 of the build: write the dataset and its companions into a fresh build folder, atomically.

A build folder holds:
- dataset.nq     every named graph, as sorted N-Quads (byte-identical for the same input)
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
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, VOID, XSD

from ceso import __version__, buildlock
from ceso.errors import CesoError
from ceso.namespaces import BASE, CESO, DEFAULT_GRAPHS, ID, ONTOLOGY_GRAPH, PREFIXES, VOID_GRAPH
from ceso.store import DATASET_FILE, MANIFEST_FILE, STORE_DIR, current_build, read_manifest, write_store

DATASET_IRI = URIRef(BASE + "dataset")
COMPLETE_TURTLE, COMPLETE_RDFXML = "ceso-complete.ttl", "ceso-complete.owl"


def void_description(graphs: dict[str, Graph]) -> Graph:
    """Counts per named graph: triples, entities (IRI subjects), classes, properties, distinct subjects/objects."""
    void = Graph()
    void.bind("void", VOID)
    void.bind("dcterms", DCTERMS)
    void.add((DATASET_IRI, RDF.type, VOID.Dataset))
    void.add((DATASET_IRI, DCTERMS.title, Literal("CESO, the Central Eurasian Security Ontology: the knowledge graph", lang="en")))
    void.add((DATASET_IRI, VOID.uriSpace, Literal(ID)))
    void.add((DATASET_IRI, VOID.vocabulary, URIRef(CESO)))
    total = 0
    for iri, graph in graphs.items():
        subjects = set(graph.subjects())
        counts = {
            VOID.triples: len(graph),
            VOID.entities: sum(1 for s in subjects if isinstance(s, URIRef)),
            VOID.classes: len(set(graph.objects(None, RDF.type))),
            VOID.properties: len(set(graph.predicates())),
            VOID.distinctSubjects: len(subjects),
            VOID.distinctObjects: len(set(graph.objects())),
        }
        total += counts[VOID.triples]
        void.add((DATASET_IRI, VOID.subset, URIRef(iri)))
        void.add((URIRef(iri), RDF.type, VOID.Dataset))
        for prop, value in counts.items():
            void.add((URIRef(iri), prop, Literal(value, datatype=XSD.integer)))
    void.add((DATASET_IRI, VOID.triples, Literal(total, datatype=XSD.integer)))
    return void


def _ox(term):
    """An rdflib term as Oxigraph's, keeping a literal's lexical form as written."""
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype) if term.datatype else None)


def as_quads(graphs: dict[str, Graph]) -> list[ox.Quad]:
    return [ox.Quad(_ox(s), _ox(p), _ox(o), ox.NamedNode(iri)) for iri, graph in graphs.items() for s, p, o in graph]


def nquad_lines(quads: list[ox.Quad]) -> list[str]:
    """The quads as N-Quads lines, sorted, so the same input always gives the same bytes."""
    return sorted(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines(keepends=True))


def write_complete(quads: list[ox.Quad], folder: Path) -> None:
    """The release artefact: everything a user queries by default (ontology, instances and inferences) in one
    file, in Turtle and in RDF/XML (for Protégé), each triple once."""
    default = set(DEFAULT_GRAPHS)
    triples = sorted({q.triple for q in quads if q.graph_name.value in default}, key=str)
    for name, fmt in ((COMPLETE_TURTLE, ox.RdfFormat.TURTLE), (COMPLETE_RDFXML, ox.RdfFormat.RDF_XML)):
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
    graphs: dict[str, Graph],
    ontology_files: list[Path],
    manifest: dict,
) -> Path:
    """Write a complete build under root/builds/ and point root/current at it; return the build folder."""
    builds = root / "builds"
    try:
        builds.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=builds))
        staging.chmod(0o755)  # mkdtemp makes it private; a build is for every user of the machine
    except OSError as exc:
        raise CesoError(f"cannot write the build folder {root}: {exc.strerror}", fix="set CESO_BUILD_DIR to a writable folder") from None
    pool = ThreadPoolExecutor(1)
    try:
        void = void_description(graphs)
        all_graphs = {**graphs, VOID_GRAPH: void}
        quads = as_quads(all_graphs)
        with open(staging / DATASET_FILE, "w", encoding="utf-8", newline="\n") as out:
            out.writelines(nquad_lines(quads))
        # The store loads in Oxigraph's own threads while the other files are written here.
        store_job = pool.submit(write_store, staging / DATASET_FILE, staging / STORE_DIR)
        write_complete(quads, staging)
        for prefix, namespace in PREFIXES.items():
            void.bind(prefix, namespace)
        void.serialize(staging / "void.ttl", format="turtle")
        ontology = graphs[ONTOLOGY_GRAPH]
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
