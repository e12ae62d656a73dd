"""Step 2 of the build: SHACL validation, reported by shape and severity.

The engine is pyshacl-turbo, a Rust SHACL engine with pySHACL's API: measured side by side
(benchmarks/bench_validate.py) it validates the shipped graph ~6x and a 1M-triple graph ~5x faster than
pyshacl, within pyshacl's memory, and its results equal pyshacl's on the shipped data and on every planted
fault of tests/build/test_shapes.py, which checks that on each run. pyshacl stays the reference there
(`engine="pyshacl"`). TopQuadrant's engine needs Java 21 and a JVM start per run (7 s on the shipped graph).

Each result names its focus node by label, IRI and the file it comes from, so a user can find it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH

from ceso.display import english_label, short_iri
from ceso.errors import CesoError
from ceso.load import Sources
from ceso.namespaces import PREFIXES
from ceso.terms import StoreLabels

SEVERITIES = (SH.Violation, SH.Warning, SH.Info)
_SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True)
class Result:
    severity: URIRef
    shape: str
    focus: str
    path: str
    value: str
    message: str


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    def count(self, severity: URIRef) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    @property
    def conforms(self) -> bool:
        return self.count(SH.Violation) == 0

    def format(self) -> str:
        """Results grouped by severity, then by shape; one line a result."""
        if not self.results:
            return "SHACL: the data conforms to every shape."
        lines = [
            "SHACL: "
            + ", ".join(f"{self.count(s)} {_SEVERITY_NAMES[s].lower()}(s)" for s in SEVERITIES)
        ]
        for severity in SEVERITIES:
            by_shape = defaultdict(list)
            for result in self.results:
                if result.severity == severity:
                    by_shape[result.shape].append(result)
            for shape in sorted(by_shape):
                lines.append(f"\n{_SEVERITY_NAMES[severity]} — shape {shape}:")
                for r in sorted(by_shape[shape], key=lambda r: (r.focus, r.path, r.value, r.message)):
                    detail = "".join(
                        [f" [path {r.path}]" if r.path else "", f" [value {r.value}]" if r.value else ""]
                    )
                    lines.append(f"  - {r.focus}{detail}: {r.message}")
        return "\n".join(lines)


def _short(term) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        return repr(str(term)) if len(str(term)) < 80 else repr(str(term)[:77] + "...")
    if isinstance(term, URIRef):
        return short_iri(term)
    return "(blank node)"


def _describe_focus(sources: Sources, data, node) -> str:
    label = english_label((str(l), getattr(l, "language", None)) for l in data.objects(node, RDFS.label)
                          if getattr(l, "language", None) in (None, "en"))
    label = f'"{label}" ' if label else ""
    files = sorted(sources.origins.get(str(node), ()))
    where = f" in {', '.join(files)}" if files else ""
    return f"{label}<{node}>{where}" if isinstance(node, URIRef) else f"(blank node){where}"


def _shape_name(shapes: Graph, shape) -> str:
    if isinstance(shape, URIRef):
        return _short(shape)
    # A property shape written inline: name it after its parent and path.
    parent = next(shapes.subjects(SH.property, shape), None)
    path = shapes.value(shape, SH.path)
    return f"{_short(parent)} / {_short(path)}" if parent is not None else "(anonymous shape)"


ENGINE = "pyshacl-turbo"
REFERENCE = "pyshacl"


def _engine(name: str):
    if name == "pyshacl-turbo":
        from pyshacl_turbo import validate as engine
    elif name == "pyshacl":
        from pyshacl import validate as engine
    else:
        raise ValueError(f"unknown SHACL engine {name!r}")
    return engine


def validate(sources: Sources, data: Graph | ox.Store | None = None, engine: str = ENGINE) -> Report:
    """Validate ontology and instances (`data`, default: taken from `sources`) against the shapes; never
    raises for violations. pyshacl-turbo reads an Oxigraph store (no rdflib term per node); pyshacl rdflib."""
    if data is None:
        data = sources.data_store() if engine == ENGINE else sources.data()
    labels = data if isinstance(data, Graph) else StoreLabels(data)
    for prefix, namespace in PREFIXES.items():
        sources.shapes.namespace_manager.bind(prefix, namespace, override=True, replace=True)
        if isinstance(data, Graph):
            data.namespace_manager.bind(prefix, namespace, override=True, replace=True)
    try:
        _conforms, results_graph, _text = _engine(engine)(
            data,
            shacl_graph=sources.shapes,
            inference="none",  # reasoning is done once, by the reason step, not again inside the engine
            allow_warnings=True,
            advanced=True,
        )
    except (RuntimeError, ValueError) as err:  # both engines raise these for a shape they cannot use
        raise CesoError(f"the SHACL shapes cannot be used: {err}", where="shapes/", fix="correct the shape it names") from None
    if not isinstance(results_graph, Graph):  # pyshacl's ValidationFailure: the shapes themselves are broken
        raise CesoError(f"the SHACL shapes cannot be used: {results_graph}", where="shapes/", fix="correct the shape it names")
    report = Report()
    seen = set()
    for result in results_graph.subjects(SH.resultSeverity, None):
        source_shape = results_graph.value(result, SH.sourceShape)
        message = results_graph.value(result, SH.resultMessage)
        found = Result(
            severity=results_graph.value(result, SH.resultSeverity),
            shape=_shape_name(sources.shapes, source_shape),
            focus=_describe_focus(sources, labels, results_graph.value(result, SH.focusNode)),
            path=_short(results_graph.value(result, SH.resultPath)),
            value=_short(results_graph.value(result, SH.value)),
            message=str(message) if message else "constraint not met",
        )
        # One line a fault: a property shape's datatype and pattern constraints can both fail on one value
        # (an xsd:date where an xsd:dateTime is due) with the same message.
        if found not in seen:
            seen.add(found)
            report.results.append(found)
    return report
