"""The query UI's third-party files (YASGUI, MIT, from npm), kept out of git and fetched at build time.

A wheel gets them from the hatch build hook (hatch_build.py runs `install` below); a source checkout
runs `python -m ceso.server.assets`. Standard library only: the build hook loads this file by path.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor" / "yasgui"
FILES = ("yasgui.min.js", "yasgui.min.css")
PACKAGE_BUILD = Path("node_modules") / "@zazuko" / "yasgui" / "build"


def ready(vendor_dir: Path = VENDOR_DIR) -> bool:
    return all((vendor_dir / name).is_file() for name in FILES)


def install(project_root: Path, vendor_dir: Path = VENDOR_DIR, log=print) -> Path:
    """Run npm (ci when a lock file exists) in project_root and copy YASGUI's dist files to vendor_dir."""
    project_root = Path(project_root)
    source = project_root / PACKAGE_BUILD
    if not all((source / name).is_file() for name in FILES):
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed to fetch YASGUI (@zazuko/yasgui); install Node.js/npm "
                               "(Debian: apt-get install npm) and try again")
        command = [npm, "ci" if (project_root / "package-lock.json").is_file() else "install",
                   "--no-audit", "--no-fund", "--ignore-scripts"]
        log(f"running {' '.join(command)} in {project_root}")
        subprocess.run(command, cwd=project_root, check=True)
    vendor_dir.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(source / name, vendor_dir / name)
    # The package's manifest names its licence (MIT) and version: ship it beside the files.
    shutil.copyfile(source.parent / "package.json", vendor_dir / "package.json")
    log(f"YASGUI installed in {vendor_dir}")
    return vendor_dir


def main() -> int:
    root = Path(__file__).resolve().parents[2]
    if not (root / "package.json").is_file():
        print(f"no package.json in {root}: run this from a CESO source checkout", file=sys.stderr)
        return 2
    try:
        install(root)
    except (RuntimeError, subprocess.CalledProcessError) as err:
        print(f"could not install YASGUI: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
