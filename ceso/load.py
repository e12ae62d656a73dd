"""Step 1 of the build: load every Turtle file into rdflib graphs, remembering which file said what.

Files are parsed by Oxigraph (an order of magnitude faster than rdflib's parser, and its errors name the
line and column) and converted to rdflib terms for pyshacl and owlrl.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import XSD

from ceso.errors import CesoError
from ceso.inputs import PARTS, display_path, shipped_files
from ceso.namespaces import INSTANCE_DOCUMENTS

_XSD_STRING = str(XSD.string)


@dataclass
class Sources:
    """The shipped (plus any extra) Turtle, parsed: one graph per part of the dataset."""

    ontology: Graph
    instances: Graph
    shapes: Graph
    files: list[Path]
    # subject IRI -> the files that describe it, so reports can say where a node comes from
    origins: dict[URIRef, set[str]] = field(default_factory=dict)

    def data(self) -> Graph:
        """Ontology and instances together: what is validated and reasoned over."""
        merged = Graph()
        merged += self.ontology
        merged += self.instances
        return merged


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


class _TermConverter:
    """Oxigraph terms to rdflib terms, sharing one object per IRI (a large graph repeats them a lot)."""

    def __init__(self):
        self._iris: dict[str, URIRef] = {}

    def iri(self, node: ox.NamedNode) -> URIRef:
        value = node.value
        term = self._iris.get(value)
        if term is None:
            term = self._iris[value] = URIRef(value)
        return term

    def term(self, node, bnode_prefix: str):
        if isinstance(node, ox.NamedNode):
            return self.iri(node)
        if isinstance(node, ox.BlankNode):
            # Blank node labels are local to a file: prefix them so two files' _:b0 stay apart.
            return BNode(bnode_prefix + node.value)
        if node.language:
            return Literal(node.value, lang=node.language)
        datatype = node.datatype.value
        if datatype == _XSD_STRING:
            return Literal(node.value)
        # normalize=False keeps the lexical form as written ("…Z" stays "…Z", not rdflib's "+00:00").
        return Literal(node.value, datatype=self.iri(node.datatype), normalize=False)


def parse_turtle(path: Path, into: Graph, converter: _TermConverter, file_index: int, origins: dict | None) -> None:
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
    prefix = f"f{file_index}x"
    for quad in quads:
        if quad.subject.value.startswith(INSTANCE_DOCUMENTS):
            continue  # the file's own ontology header (owl:imports for Protégé), not a fact of the graph
        subject = converter.term(quad.subject, prefix)
        into.add((subject, converter.iri(quad.predicate), converter.term(quad.object, prefix)))
        if origins is not None and isinstance(subject, URIRef):
            origins.setdefault(subject, set()).add(shown)


# Datatypes whose lexical forms Oxigraph checks: a literal it cannot read as its datatype keeps its text
# but has no value, and would break the SHACL and reasoning steps later with a traceback.
_CHECKED = ("http://www.w3.org/2001/XMLSchema#",)
_UNCHECKED = {"http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/2001/XMLSchema#anyURI"}


def _check_literals(quads, text: str, shown: str) -> None:
    for quad in quads:
        literal = quad.object
        if (not isinstance(literal, ox.Literal) or not literal.datatype.value.startswith(_CHECKED)
                or literal.datatype.value in _UNCHECKED):
            continue
        if _valid(literal):
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


def _canonical(graph: Graph) -> Graph:
    """Relabel blank nodes canonically so that the same input always gives the same labels."""
    if not any(isinstance(term, BNode) for triple in graph for term in triple):
        return graph
    canonical = Graph()
    canonical += to_canonical_graph(graph)
    return canonical


def load(parts: dict[str, list[Path]] | None = None, extra_instances: list[Path] = ()) -> Sources:
    """Parse the shipped Turtle (or the given files); extra files join the instance data."""
    parts = dict(parts or shipped_files())
    parts["instances"] = list(parts.get("instances", [])) + list(extra_instances)
    converter = _TermConverter()
    origins: dict[URIRef, set[str]] = {}
    graphs: dict[str, Graph] = {}
    index = 0
    for part in PARTS:
        graph = Graph()
        for path in parts.get(part, []):
            parse_turtle(Path(path), graph, converter, index, origins if part != "shapes" else None)
            index += 1
        graphs[part] = _canonical(graph)
    files = [p for part in PARTS for p in parts.get(part, [])]
    return Sources(graphs["ontology"], graphs["instances"], graphs["shapes"], files, origins)


def load_ntriples(path: Path) -> Graph:
    """An N-Triples file (such as the pulled Wikidata facts) as an rdflib graph."""
    graph = Graph()
    text = _read_text(path)
    try:
        quads = ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
        converter = _TermConverter()
        for quad in quads:
            graph.add((converter.term(quad.subject, "w"), converter.iri(quad.predicate), converter.term(quad.object, "w")))
    except SyntaxError as exc:
        raise CesoError(f"N-Triples syntax error in {path}: {exc.msg}", where=f"{path}, line {exc.lineno}",
                        fix="run `ceso links pull` again, or delete the file") from None
    return graph
