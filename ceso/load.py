"""Step 1 of the build: parse every Turtle file, remembering which file said what.

Files are parsed by Oxigraph (an order of magnitude faster than rdflib's parser, and its errors name the
line and column). The instance data, which grows, stays in Oxigraph's terms; the ontology and the shapes,
which are small and read by rdflib code (the TBox compiler, pyLODE, the reports), become rdflib graphs.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ceso.errors import CesoError
from ceso.inputs import PARTS, display_path, shipped_files
from ceso.namespaces import INSTANCE_DOCUMENTS
from ceso.terms import DEFAULT, ToRdflib, quads_of, rdflib_graph


@dataclass
class Sources:
    """The shipped (plus any extra) Turtle, parsed: one part of the dataset each."""

    ontology: Graph
    instance_quads: list[ox.Quad]  # in the default graph, blank nodes labelled apart per file
    shapes: Graph
    files: list[Path]
    # subject IRI -> the files that describe it, so reports can say where a node comes from
    origins: dict[str, set[str]] = field(default_factory=dict)

    @cached_property
    def instances(self) -> Graph:
        """The instance data as an rdflib graph, for the reference engines (owlrl, reasonable, pyshacl)."""
        return rdflib_graph(self.instance_quads)

    def data(self) -> Graph:
        """Ontology and instances together, as rdflib: what the reference engines validate and reason over."""
        merged = Graph()
        merged += self.ontology
        merged += self.instances
        return merged

    def data_store(self) -> ox.Store:
        """Ontology and instances together in an Oxigraph store's default graph: what the build validates
        (pyshacl-turbo) and reasons over (the oxigraph engine); neither changes it."""
        store = ox.Store()
        store.bulk_extend(quads_of(self.ontology))
        store.bulk_extend(self.instance_quads)
        return store


def _read_text(path: Path) -> str:
    try:
        shown = display_path(path)  # resolves the path, which a loop of links stops
    except (OSError, RuntimeError):
        raise CesoError(f"{path} is a symbolic link that loops back on itself",
                        fix="remove the link or point it at a Turtle file") from None
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if path.is_symlink():
            raise CesoError(f"{shown} is a symbolic link to {os.readlink(path)}, which does not exist",
                            fix="remove the link or point it at a Turtle file") from None
        raise CesoError(f"file not found: {path}", fix="check the path; only existing Turtle files can be loaded") from None
    except IsADirectoryError:
        raise CesoError(f"{shown} is a folder, not a Turtle file", fix="rename the folder so that its name does not end in .ttl") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise CesoError(f"{shown} is a symbolic link that loops back on itself",
                            fix="remove the link or point it at a Turtle file") from None
        raise CesoError(f"cannot read {shown}: {exc.strerror}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte-order mark, which some editors write: Turtle has no use for it
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise CesoError(
            f"{display_path(path)} is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded)",
            where=f"{display_path(path)}, line {line}, column {column}",
            fix="save the file as UTF-8 (Turtle files must be UTF-8)",
        ) from None


def parse_turtle(path: Path, file_index: int) -> list[ox.Quad]:
    """The file's triples as default-graph quads, its blank nodes labelled apart from other files'."""
    text = _read_text(path)
    shown = display_path(path)
    try:
        quads = list(ox.parse(text, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()))
    except SyntaxError as exc:
        # "Parser error at line 3 between columns 11 and 16: <what>": keep <what>, the place goes in `where`.
        message = (exc.msg or str(exc)).split(": ", 1)[-1]
        raise CesoError(
            f"Turtle syntax error in {shown}: {message}",
            where=f"{shown}, line {exc.lineno}" + (f", column {exc.offset}" if exc.offset else ""),
            fix="correct the Turtle at that line (an undeclared prefix needs an @prefix line at the top)",
        ) from None
    _check_literals(quads, text, shown)
    # The parser names blank nodes at random; naming them by file and order of appearance keeps two files'
    # nodes apart and makes the same input give the same build, byte for byte.
    names: dict = {}

    def apart(node):
        if not isinstance(node, ox.BlankNode):
            return node
        name = names.get(node)
        if name is None:
            name = names[node] = ox.BlankNode(f"f{file_index}b{len(names)}")
        return name

    kept = []
    for quad in quads:
        subject, obj = quad.subject, quad.object
        if subject.value.startswith(INSTANCE_DOCUMENTS):
            continue  # the file's own ontology header (owl:imports for Protégé), not a fact of the graph
        if isinstance(subject, ox.BlankNode) or isinstance(obj, ox.BlankNode):
            subject, obj = apart(subject), apart(obj)
        kept.append(ox.Quad(subject, quad.predicate, obj, DEFAULT))
    return kept


# Datatypes whose lexical forms Oxigraph checks: a literal it cannot read as its datatype keeps its text
# but has no value, and would break the SHACL and reasoning steps later with a traceback.
_CHECKED = ("http://www.w3.org/2001/XMLSchema#",)
_UNCHECKED = {"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/2001/XMLSchema#anyURI"}


def _check_literals(quads, text: str, shown: str) -> None:
    checked: set = set()  # a large file repeats its literals (dates, counts): each is cast once
    for quad in quads:
        literal = quad.object
        if not isinstance(literal, ox.Literal) or literal in checked:
            continue
        datatype = literal.datatype.value
        if not datatype.startswith(_CHECKED) or datatype in _UNCHECKED or _valid(literal):
            checked.add(literal)
            continue
        datatype = literal.datatype.value.split("#")[-1]
        needle = f'"{literal.value}"'
        line = text[: text.find(needle)].count("\n") + 1 if needle in text else None
        raise CesoError(
            f"{shown}: \"{literal.value}\" is not a valid xsd:{datatype} (on <{quad.subject.value}> "
            f"<{quad.predicate.value}>)",
            where=f"{shown}" + (f", line {line}" if line else ""),
            fix=f"write a valid xsd:{datatype} value (dates as 2015-01-31T00:00:00Z, integers as digits)",
        )


_VALIDATOR = ox.Store()


def _valid(literal: ox.Literal) -> bool:
    """Whether the literal's text casts to its datatype (a datatype Oxigraph cannot cast to passes)."""
    try:
        text = ox.Literal(literal.value)
        answer = _VALIDATOR.query(f"ASK {{ BIND(<{literal.datatype.value}>({text}) AS ?v) FILTER(BOUND(?v)) }}")
    except (SyntaxError, ValueError, RuntimeError):
        return True
    return bool(answer)


def _origins(quads: list[ox.Quad], shown: str, origins: dict[str, set[str]]) -> None:
    for subject in {q.subject for q in quads}:
        if isinstance(subject, ox.NamedNode):
            origins.setdefault(subject.value, set()).add(shown)


def load(parts: dict[str, list[Path]] | None = None, extra_instances: list[Path] = ()) -> Sources:
    """Parse the shipped Turtle (or the given files); extra files join the instance data."""
    parts = dict(parts or shipped_files())
    parts["instances"] = list(parts.get("instances", [])) + list(extra_instances)
    origins: dict[str, set[str]] = {}
    quads: dict[str, list[ox.Quad]] = {}
    index = 0
    for part in PARTS:
        quads[part] = []
        for path in parts.get(part, []):
            parsed = parse_turtle(Path(path), index)
            if part != "shapes":
                _origins(parsed, display_path(Path(path)), origins)
            quads[part] += parsed
            index += 1
    instances = list(dict.fromkeys(quads["instances"]))  # a triple two files state is one triple
    files = [p for part in PARTS for p in parts.get(part, [])]
    return Sources(rdflib_graph(quads["ontology"]), instances, rdflib_graph(quads["shapes"]), files, origins)


def load_ntriples(path: Path) -> Graph:
    """An N-Triples file (such as the pulled Wikidata facts) as an rdflib graph."""
    text = _read_text(path)
    try:
        quads = ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
        graph, convert = Graph(), ToRdflib("w")
        for quad in quads:
            graph.add(convert.triple(quad))
    except SyntaxError as exc:
        raise CesoError(f"N-Triples syntax error in {path}: {exc.msg}", where=f"{path}, line {exc.lineno}",
                        fix="run `ceso links pull` again, or delete the file") from None
    return graph
