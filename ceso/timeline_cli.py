"""`ceso timeline`: the membership timeline as an SVG or PNG file, for papers (the picture /timeline shows)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ceso.errors import CesoError, Exit
from ceso.namespaces import ID
from ceso.timeline import STATUSES, read
from ceso.timeline_svg import render, to_png


def add_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--org", action="append", default=[], metavar="SLUG",
                     help="an organization (sco, csto, cis, … or its IRI); repeat for several; default: all")
    sub.add_argument("--state", action="append", default=[], metavar="SLUG", help="a state (kazakhstan, …); repeatable")
    sub.add_argument("--status", action="append", default=[], choices=STATUSES, help="only this status; repeatable")
    sub.add_argument("--from", dest="first", type=int, metavar="YEAR", help="only memberships that last into YEAR or later")
    sub.add_argument("--to", dest="last", type=int, metavar="YEAR", help="only memberships that began by YEAR")
    sub.add_argument("--title", help="the picture's title (default: the organizations' or states' names)")
    sub.add_argument("--width", type=int, default=960, help="width in pixels (default 960)")
    sub.add_argument("--format", choices=("svg", "png"), help="default: from the file name's ending, else svg")
    sub.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of standard output")


def run(args, dataset) -> int:
    from ceso.export import write_atomically

    output = Path(args.output) if args.output else None
    fmt = args.format or (output.suffix.lower().lstrip(".") if output and output.suffix.lower() in (".svg", ".png") else "svg")
    if args.width < 300:
        raise CesoError(f"--width {args.width} is too narrow", fix="give 300 pixels or more", exit_code=Exit.USAGE)
    t = read(dataset, organizations=args.org, members=args.state, statuses=args.status, years=(args.first, args.last))
    if not t.bars:
        asked = ", ".join(args.org + args.state) or "these filters"
        raise CesoError(f"no status membership matches {asked}",
                        fix="name an organization or state by its slug, as in its IRI (e.g. --org sco, --state kazakhstan)")
    names = [t.label(v if v.startswith("http") else ID + v) for v in args.org + args.state]
    title = args.title if args.title is not None else "Membership history" + (": " + ", ".join(names) if names else "")
    by = "member" if len(args.org) == 1 else "organization" if len(args.state) == 1 else "both"
    svg = render(t, by=by, title=title, width=args.width)
    if fmt == "png":
        try:
            data = to_png(svg)
        except RuntimeError as err:
            raise CesoError(str(err), fix="write SVG instead (-o FILE.svg)") from None
    else:
        data = svg.encode("utf-8")
    write_atomically(data, output)
    return Exit.OK
