"""`ceso links check|pull`: the subcommands, their options and their exit codes.

Exit codes: 0 all links fine (check) or facts written (pull); 1 problems found (check); 5 the endpoint
cannot be reached or keeps failing; 6 the request budget ran out before every item was asked about.
"""

from __future__ import annotations

import argparse
import sys

from ceso.argtypes import positive
from ceso.errors import CesoError, Exit
from ceso.links.wdqs import WDQS, Client


def _endpoint(value: str) -> str:
    if not value.startswith(("http://", "https://")) or any(c in value for c in ' <>"{}|\\^`'):
        raise argparse.ArgumentTypeError(f"{value!r} is not an http(s) URL")
    return value


def add_arguments(links: argparse.ArgumentParser, common) -> None:
    """`links` gets `check` and `pull`; `common(sub)` adds the options every ceso command has."""
    actions = links.add_subparsers(dest="links_action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", help="ask Wikidata about every linked item: exists, not merged, labels match, right kind",
        description="Ask the Wikidata Query Service (or --endpoint) about every owl:sameAs link to Wikidata: does "
                    "the item exist, was it merged into another, do its English/Russian labels match ours, is it "
                    "the right kind of thing. Prints a table of problems. Exit codes: 0 none, 1 problems found, "
                    f"{Exit.UNREACHABLE:d} endpoint unreachable, {Exit.BUDGET:d} request budget spent.")
    check.set_defaults(function=cmd_check)
    pull = actions.add_parser(
        "pull", help="fetch facts of the linked items into the build's own Wikidata graph",
        description="Fetch inception (P571), headquarters (P159), official website (P856), coordinates (P625), "
                    "population (P1082) and English/Russian labels of every linked item, with provenance, into "
                    "$CESO_BUILD_DIR/wikidata.nt; the next `ceso build` serves them as the named graph "
                    "https://w3id.org/ceso/graph/wikidata (`ceso build --no-wikidata` leaves them out). Exit codes: "
                    f"0 written, {Exit.UNREACHABLE:d} endpoint unreachable, {Exit.BUDGET:d} request budget spent.")
    pull.set_defaults(function=cmd_pull)
    for sub in (check, pull):
        common(sub)
        sub.add_argument("--endpoint", type=_endpoint, default=WDQS, metavar="URL",
                         help="SPARQL endpoint to ask (default: %(default)s)")
        sub.add_argument("--batch-size", type=positive(int), default=50, metavar="N",
                         help="items per request (default: %(default)s)")
        sub.add_argument("--max-requests", type=positive(int), default=100, metavar="N",
                         help="most HTTP requests to send, retries included (default: %(default)s)")
        sub.add_argument("--retries", type=int, default=4, metavar="N",
                         help="retries after a 429, 5xx or timeout, with doubling back-off (default: %(default)s)")
        sub.add_argument("--backoff", type=float, default=2.0, metavar="SECONDS",
                         help="wait before the first retry, unless the service sends Retry-After (default: %(default)s)")
        sub.add_argument("--timeout", type=positive(float), default=60.0, metavar="SECONDS",
                         help="seconds to wait for each answer (default: %(default)s)")


def _client(args) -> Client:
    if args.retries < 0 or args.backoff < 0:
        raise CesoError("--retries and --backoff cannot be negative", exit_code=Exit.USAGE)
    return Client(endpoint=args.endpoint, max_requests=args.max_requests, retries=args.retries,
                  backoff=args.backoff, timeout=args.timeout)


def _links(args):
    from ceso.freshness import ensure_built
    from ceso.links.linked import links
    from ceso.progress import Progress
    from ceso.store import open_build

    return links(open_build(ensure_built(Progress(args.verbose or None))))


def cmd_check(args) -> int:
    from ceso.links.check import check, format_problems

    linked = _links(args)
    client = _client(args)
    problems = check(linked, client, args.batch_size)
    items = len({link.item for link in linked})
    if problems:
        print(format_problems(problems))
        print(f"\n{len(problems)} problem(s) in {len(linked)} link(s) to {items} item(s), asked of {args.endpoint} "
              f"in {client.requests_sent} request(s)", file=sys.stderr)
        return Exit.INPUT
    print(f"all {len(linked)} link(s) to {items} Wikidata item(s) are fine ({args.endpoint}, "
          f"{client.requests_sent} request(s))")
    return Exit.OK


def cmd_pull(args) -> int:
    from ceso import paths
    from ceso.links.pull import pull, write

    linked = _links(args)
    client = _client(args)
    pulled = pull(linked, client, args.batch_size)
    target = paths.wikidata_file()
    write(pulled, target)
    print(f"wrote {pulled.facts} fact(s) about {pulled.items} item(s) from {args.endpoint} to {target}")
    if pulled.silent:
        print(f"no facts for {len(pulled.silent)} linked item(s): {', '.join(pulled.silent)} "
              "(`ceso links check` tells whether they were deleted or merged)", file=sys.stderr)
    print("the next `ceso build` (or `ceso serve`) adds them as graph https://w3id.org/ceso/graph/wikidata", file=sys.stderr)
    return Exit.OK
