"""The `ceso` command: build, validate, query, inspect, export and serve the knowledge graph."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ceso import __version__, formats, paths
from ceso.errors import CesoError, Exit
from ceso.namespaces import GRAPH_NAMES
from ceso.progress import Progress

QUERY_FORMATS = ["table", *formats.names(formats.RESULT_FORMATS + formats.GRAPH_FORMATS)]
EXPORT_FORMATS = [*formats.names(formats.GRAPH_FORMATS), "quickstatements"]


def progress(args) -> Progress:
    return Progress(True if getattr(args, "verbose", False) else None)


def built_dataset(args):
    """The current build, opened for reading (rebuilt first if the sources changed)."""
    from ceso.freshness import ensure_built
    from ceso.store import open_build

    return open_build(ensure_built(progress(args)))


def cmd_build(args) -> int:
    from ceso.build import build

    result = build(engine=args.reasoner, force=args.force, wikidata=not args.no_wikidata, progress=progress(args))
    if result.warnings:
        print(result.warnings, file=sys.stderr)
    print(f"{'up to date' if result.skipped else 'built'}: {result.path}")
    return Exit.OK


def cmd_validate(args) -> int:
    from ceso.load import load
    from ceso.validate import validate

    extra = [Path(f) for f in args.files]
    for path in extra:  # before any parsing: a mistyped path is the likeliest error
        if not path.is_file():
            raise CesoError(f"file not found: {path}", fix="pass existing Turtle files to validate with the shipped data")
    report = validate(load(extra_instances=extra))
    print(report.format())
    return Exit.OK if report.conforms else Exit.VIOLATIONS


def cmd_query(args) -> int:
    from ceso.queries import catalogue, resolve

    if args.list:
        for query in catalogue():
            print(f"{query.name}\n    {query.title}" + (f"\n    {query.question}" if query.question else ""))
        return Exit.OK
    if not args.query:
        raise CesoError("no query given", fix="pass a .rq file or a query name (see `ceso query --list`)", exit_code=Exit.USAGE)
    text, name = resolve(args.query)
    dataset = built_dataset(args)
    try:
        result = dataset.query(text)
    except SyntaxError as error:
        raise CesoError(f"SPARQL syntax error in {name}: {error}", fix="correct the query text") from None
    except OSError as error:  # raised while evaluating, e.g. by a SERVICE clause that cannot be reached
        raise CesoError(f"the query {name} could not be evaluated: {error}",
                        fix="a SERVICE clause needs the network; run it where its endpoint can be reached") from None
    print_result(result, args.format)
    return Exit.OK


def print_result(result, name: str | None) -> None:
    from ceso import results
    from ceso.display import KNOWN_PREFIXES, format_table

    graph = result.kind == "graph"
    if not graph and name in (None, "table"):
        if result.kind == "ask":
            print("true" if result.boolean else "false")
            return
        print(format_table(table_rows(result)))
        print(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})", file=sys.stderr)
        return
    choices = formats.GRAPH_FORMATS if graph else formats.RESULT_FORMATS
    fmt = formats.named(name or "ttl", choices)
    if fmt is None:
        kind = "CONSTRUCT/DESCRIBE results" if graph else "SELECT/ASK results"
        raise CesoError(f"format {name!r} is not for {kind}", fix=f"use {', '.join(formats.names(choices))}"
                        + ("" if graph else " or table"), exit_code=Exit.USAGE)
    sys.stdout.buffer.write(results.write(result, fmt, KNOWN_PREFIXES))


def table_rows(result) -> list[tuple[str, ...]]:
    """A SELECT result for people: a date-time column X shown at its precision when the query also returns
    XLabel (the instant's label) or XPrecision (a time:unit…), and that companion column folded into it."""
    from ceso.dates import Instant
    from ceso.display import term_text

    names = result.variables
    shown = [n for n in names if not any(n == base + suffix for base in names for suffix in ("Label", "Precision"))]
    index = {n: i for i, n in enumerate(names)}

    def cell(row, name):
        term, label, unit = row[index[name]], index.get(name + "Label"), index.get(name + "Precision")
        if label is not None and row[label] is not None:
            return row[label].value
        if unit is not None and row[unit] is not None and term is not None:
            instant = Instant.parse(term.value, row[unit].value)
            return instant.words() if instant else term_text(term)
        return term_text(term)

    return [tuple(shown)] + [tuple(cell(row, n) for n in shown) for row in result.rows]


def cmd_stats(args) -> int:
    from ceso.display import format_table
    from ceso.stats import stats_tables

    for title, rows in stats_tables(built_dataset(args)):
        print(f"{title}\n{format_table(rows)}\n")
    return Exit.OK


def cmd_export(args) -> int:
    from ceso.export import serialize, write_atomically

    if args.format == "quickstatements":  # lines for Wikidata editors, not RDF: see ceso/links/quickstatements.py
        if args.graph:
            raise CesoError("--graph does not apply to --format quickstatements", fix="leave --graph out", exit_code=Exit.USAGE)
        from ceso.links.quickstatements import export

        exported = export(built_dataset(args))
        print(exported.notes(), file=sys.stderr)
        data = exported.text.encode("utf-8")
    else:
        data = serialize(built_dataset(args), formats.named(args.format, formats.GRAPH_FORMATS), args.graph)
    write_atomically(data, Path(args.output) if args.output else None)
    return Exit.OK


def cmd_timeline(args) -> int:
    from ceso.timeline_cli import run

    return run(args, built_dataset(args))


def cmd_serve(args) -> int:
    from ceso import server
    from ceso.freshness import ensure_built

    return server.run_from_args(args, ensure_built(progress(args)))


def cmd_publish(args) -> int:
    from ceso.freshness import ensure_built
    from ceso.remote_publish import publish

    if bool(args.user) != bool(args.password_file):
        raise CesoError("--user and --password-file go together", fix="give both, or neither", exit_code=Exit.USAGE)
    password = None
    if args.password_file:
        try:
            password = Path(args.password_file).read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as err:
            raise CesoError(f"cannot read the password file {args.password_file}: {err.strerror}",
                            fix="give a readable file holding the password", exit_code=Exit.USAGE) from None
    report = publish(ensure_built(progress(args)), args.to, graph_store=args.graph_store, update=args.update,
                     user=args.user, password=password, direct=args.direct)
    print(report.format())
    return Exit.OK


def parser() -> argparse.ArgumentParser:
    from ceso import server
    from ceso.links.cli import add_arguments as add_links_arguments
    from ceso.reason import DEFAULT_ENGINE, ENGINES

    top = argparse.ArgumentParser(
        prog="ceso",
        description="CESO, the Central Eurasian Security Ontology: build, validate, query and serve the knowledge graph.",
        epilog=f"Builds go to $CESO_BUILD_DIR (now: {paths.build_root()}).",
    )
    top.add_argument("--version", action="version", version=f"ceso {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")

    def verbose(sub):
        sub.add_argument("-v", "--verbose", action="store_true", help="show the build's steps and timings even in a pipe")

    def command(name, function, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        verbose(sub)
        sub.set_defaults(function=function)
        return sub

    serve = command("serve", cmd_serve, "Serve the built graph over SPARQL 1.1 and linked-data pages (builds first if needed).")
    server.add_serve_arguments(serve)

    publish = command("publish", cmd_publish, "Load the build into a SPARQL engine, replacing the CESO graphs it "
                      "holds, for `ceso serve --backend` (builds first if needed).")
    publish.add_argument("--to", required=True, metavar="ENDPOINT",
                         help="the engine's SPARQL query endpoint: http://127.0.0.1:7878/query (Oxigraph), "
                              "http://127.0.0.1:8890/sparql (Virtuoso)")
    publish.add_argument("--graph-store", metavar="URL", help="its Graph Store HTTP Protocol URL (derived for Oxigraph and Virtuoso)")
    publish.add_argument("--update", metavar="URL", help="its SPARQL Update URL (derived for Oxigraph and Virtuoso)")
    publish.add_argument("--user", help="user for HTTP authentication (Virtuoso: dba, through its -auth endpoints)")
    publish.add_argument("--password-file", metavar="FILE", help="file holding that user's password")
    publish.add_argument("--direct", action="store_true",
                         help="load each graph straight onto its name, without the staging copy and the atomic "
                              "switch: much faster on Oxigraph at scale, but readers see the graphs change meanwhile")

    build = command("build", cmd_build, "Load, validate, reason and publish the shipped graph; non-zero exit on any error.")
    build.add_argument("--force", action="store_true", help="rebuild even if the inputs have not changed")
    build.add_argument("--reasoner", choices=ENGINES, default=None,
                       help=f"the OWL 2 RL engine (default: {DEFAULT_ENGINE}); later commands keep the one a build used")
    build.add_argument("--no-wikidata", action="store_true", help="leave out the facts fetched by `ceso links pull`")

    validate = command("validate", cmd_validate, "SHACL-validate the shipped data plus any extra Turtle files; exit 3 on violations.")
    validate.add_argument("files", nargs="*", metavar="FILE", help="extra Turtle files to validate with the shipped data")

    query = command("query", cmd_query, "Run a SPARQL query file, or a named query from queries/, against the built graph.")
    query.add_argument("query", nargs="?", metavar="FILE.rq|NAME", help="a .rq file or the name of a shipped query")
    query.add_argument("--format", choices=QUERY_FORMATS,
                       help="results: table (default), " + ", ".join(formats.names(formats.RESULT_FORMATS))
                            + "; graphs: ttl (default), " + ", ".join(formats.names(formats.GRAPH_FORMATS)[1:]))
    query.add_argument("--list", action="store_true", help="list the named queries")

    command("stats", cmd_stats, "Triples per graph, entities per class, memberships per organization.")

    export = command("export", cmd_export, "Write the built graph in an RDF syntax (xml is RDF/XML, for Protégé).")
    export.add_argument("--format", choices=EXPORT_FORMATS, required=True,
                        help="ttl, nt, xml, jsonld, n3 (one graph) or trig, nq (named graphs); quickstatements: our "
                             "sourced memberships of linked states as QuickStatements v1 lines for Wikidata")
    export.add_argument("--graph", choices=("all", "default", *GRAPH_NAMES),
                        help="which graph: default (ontology ∪ instances ∪ inferred, the default for one-graph formats), "
                             "all (every named graph, the default for trig/nq) or one of them")
    export.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of standard output")

    from ceso.timeline_cli import add_arguments as add_timeline_arguments

    add_timeline_arguments(command("timeline", cmd_timeline, "Draw who held which status in which organization, when, as SVG or PNG."))

    links = commands.add_parser("links", help="Check the links to Wikidata, or pull facts of the linked items.",
                                description="Check the links to Wikidata, or pull facts of the linked items.")
    add_links_arguments(links, verbose)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not getattr(args, "function", None):
        parser().print_help()
        return Exit.USAGE
    try:
        return int(args.function(args))
    except CesoError as error:
        print(error, file=sys.stderr)
        return int(error.exit_code)
    except KeyboardInterrupt:
        return Exit.INTERRUPTED
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return Exit.OK
    except Exception as error:  # a bug, not bad input: say so briefly; CESO_DEBUG=1 shows the traceback
        if os.environ.get("CESO_DEBUG"):
            raise
        print(f"internal error: {type(error).__name__}: {error}\n  fix: rerun with CESO_DEBUG=1 and report the traceback", file=sys.stderr)
        return Exit.INTERNAL
