"""`python -m ceso.server --build-dir DIR [serve options]`: serve a given build folder without the CLI."""

import argparse
from pathlib import Path

from . import add_serve_arguments, run_from_args

parser = argparse.ArgumentParser(prog="python -m ceso.server", description=__doc__)
parser.add_argument("--build-dir", required=True, type=Path, help="a `ceso build` output folder")
parser.add_argument("--queries-dir", type=Path, default=None, help="folder of example .rq queries for the UI")
add_serve_arguments(parser)
args = parser.parse_args()
raise SystemExit(run_from_args(args, args.build_dir))
