"""The `ceso` command: build, validate, query, inspect, export and serve the knowledge graph."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ceso import __version__, paths
from ceso.errors import CesoError


def _progress(args):
    from ceso.progress import Progress

    return Progress(True if getattr(args, "verbose", False) else None)


def _built(args) -> Path:
    from ceso.build import build

    result = build(progress=_progress(args))
    if result.warnings:
        print(result.warnings, file=sys.stderr)
    return result.path


def cmd_build(args) -> int:
    from ceso.build import build

    result = build(engine=args.reasoner, force=args.force, wikidata=not args.no_wikidata, progress=_progress(args))
    if result.warnings:
        print(result.warnings, file=sys.stderr)
    print(f"{'up to date' if result.skipped else 'built'}: {result.path}")
    return 0


def cmd_validate(args) -> int:
    from ceso.load import load
    from ceso.validate import validate

    extra = [Path(f) for f in args.files]
    for path in extra:  # before any parsing: a mistyped path is the likeliest error
        if not path.is_file():
            raise CesoError(f"file not found: {path}", fix="pass existing Turtle files to validate with the shipped data")
    report = validate(load(extra_instances=extra))
    print(report.format())
    return 0 if report.conforms else 3


def _format_term(term) -> str:
    from ceso.stats import _short

    return _short(term) if term is not None else ""


def cmd_query(args) -> int:
    from ceso.dataset import open_store, run_query
    from ceso.queries import catalogue, resolve

    if args.list:
        for query in catalogue():
            print(f"{query.name}\n    {query.title}" + (f"\n    {query.question}" if query.question else ""))
        return 0
    if not args.query:
        raise CesoError("no query given", fix="pass a .rq file or a query name (see `ceso query --list`)", exit_code=2)
    text, name = resolve(args.query)
    store = open_store(_built(args))
    try:
        return _print_result(run_query(store, text, name), args)
    except OSError as error:  # raised while evaluating, e.g. by a SERVICE clause that cannot be reached
        raise CesoError(f"the query {name} could not be evaluated: {error}",
                        fix="a SERVICE clause needs the network; run it where its endpoint can be reached") from None


def _print_result(result, args) -> int:
    import pyoxigraph as ox

    from ceso.stats import format_table

    if isinstance(result, ox.QuerySolutions) or isinstance(result, ox.QueryBoolean):
        formats = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
        if args.format in formats:
            sys.stdout.buffer.write(result.serialize(format=formats[args.format]))
            return 0
        if args.format not in (None, "table"):
            raise CesoError(f"format {args.format!r} is not for SELECT/ASK results", fix="use table, json, xml, csv or tsv", exit_code=2)
        if isinstance(result, ox.QueryBoolean):
            print("true" if bool(result) else "false")
            return 0
        names = [v.value for v in result.variables]
        rows = [tuple(names)] + [tuple(_format_term(solution[n]) for n in names) for solution in result]
        print(format_table(rows))
        print(f"({len(rows) - 1} row{'s' if len(rows) != 2 else ''})", file=sys.stderr)
        return 0
    from ceso.export import FORMATS

    fmt = args.format or "ttl"
    if fmt not in FORMATS or FORMATS[fmt][1]:
        raise CesoError(f"format {fmt!r} is not for CONSTRUCT/DESCRIBE results", fix="use ttl, nt, xml or jsonld", exit_code=2)
    sys.stdout.buffer.write(ox.serialize(list(result), format=FORMATS[fmt][0]))
    return 0


def cmd_stats(args) -> int:
    from ceso.dataset import open_store
    from ceso.stats import format_table, stats_tables

    for title, rows in stats_tables(open_store(_built(args))):
        print(f"{title}\n{format_table(rows)}\n")
    return 0


def cmd_export(args) -> int:
    from ceso.dataset import open_store
    from ceso.export import serialize, write_atomically

    if args.format == "quickstatements":  # lines for Wikidata editors, not RDF: see ceso/links/quickstatements.py
        if args.graph:
            raise CesoError("--graph does not apply to --format quickstatements", fix="leave --graph out", exit_code=2)
        from ceso.links.cli import export_quickstatements

        data = export_quickstatements(open_store(_built(args)))
    else:
        data = serialize(open_store(_built(args)), args.format, args.graph)
    write_atomically(data, Path(args.output) if args.output else None)
    return 0


def cmd_serve(args) -> int:
    from ceso import server

    return server.run_from_args(args, _built(args))


def parser() -> argparse.ArgumentParser:
    from ceso.export import FORMATS, GRAPH_NAMES
    from ceso.reason import DEFAULT_ENGINE, ENGINES

    top = argparse.ArgumentParser(
        prog="ceso",
        description="CESO, the Central Eurasian Security Ontology: build, validate, query and serve the knowledge graph.",
        epilog=f"Builds go to $CESO_BUILD_DIR (now: {paths.build_root()}).",
    )
    top.add_argument("--version", action="version", version=f"ceso {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND")

    def command(name, function, help_text):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("-v", "--verbose", action="store_true", help="show the build's steps and timings even in a pipe")
        sub.set_defaults(function=function)
        return sub

    from ceso import server

    serve = command("serve", cmd_serve, "Serve the built graph over SPARQL 1.1 and linked-data pages (builds first if needed).")
    server.add_serve_arguments(serve)

    build = command("build", cmd_build, "Load, validate, reason and publish the shipped graph; non-zero exit on any error.")
    build.add_argument("--force", action="store_true", help="rebuild even if the inputs have not changed")
    build.add_argument("--reasoner", choices=ENGINES, default=DEFAULT_ENGINE, help="the OWL 2 RL engine (default: %(default)s)")
    build.add_argument("--no-wikidata", action="store_true", help="leave out the facts fetched by `ceso links pull`")

    validate = command("validate", cmd_validate, "SHACL-validate the shipped data plus any extra Turtle files; exit 3 on violations.")
    validate.add_argument("files", nargs="*", metavar="FILE", help="extra Turtle files to validate with the shipped data")

    query = command("query", cmd_query, "Run a SPARQL query file, or a named query from queries/, against the built graph.")
    query.add_argument("query", nargs="?", metavar="FILE.rq|NAME", help="a .rq file or the name of a shipped query")
    query.add_argument("--format", choices=["table", "json", "xml", "csv", "tsv", "ttl", "nt", "jsonld"],
                       help="results: table (default), json, xml, csv, tsv; graphs: ttl (default), nt, xml, jsonld")
    query.add_argument("--list", action="store_true", help="list the named queries")

    command("stats", cmd_stats, "Triples per graph, entities per class, memberships per organization.")

    export = command("export", cmd_export, "Write the built graph in an RDF syntax (xml is RDF/XML, for Protégé).")
    export.add_argument("--format", choices=sorted([*FORMATS, "quickstatements"]), required=True,
                        help="ttl, nt, xml, jsonld (one graph) or trig, nq (named graphs); quickstatements: our sourced "
                             "memberships of linked states as QuickStatements v1 lines for Wikidata")
    export.add_argument("--graph", choices=GRAPH_NAMES,
                        help="which graph: default (ontology ∪ instances ∪ inferred, the default for one-graph formats), all (every named graph, the default for trig/nq) or one of them")
    export.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of standard output")

    from ceso.links.cli import add_arguments as add_links_arguments

    links = commands.add_parser("links", help="Check the links to Wikidata, or pull facts of the linked items.",
                                description="Check the links to Wikidata, or pull facts of the linked items.")
    add_links_arguments(links, lambda sub: sub.add_argument(
        "-v", "--verbose", action="store_true", help="show the build's steps and timings even in a pipe"))
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not getattr(args, "function", None):
        parser().print_help()
        return 2
    try:
        return args.function(args)
    except CesoError as error:
        print(error, file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # a bug, not bad input: say so briefly; CESO_DEBUG=1 shows the traceback
        if os.environ.get("CESO_DEBUG"):
            raise
        print(f"internal error: {type(error).__name__}: {error}\n  fix: rerun with CESO_DEBUG=1 and report the traceback", file=sys.stderr)
        return 70
