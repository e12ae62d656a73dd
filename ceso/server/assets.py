"""The query UI's third-party files, kept out of git and fetched from npm at build time: YASGUI (MIT), the
query editor and result views; topojson-client (ISC), which decodes the world map of world-atlas (ISC,
Natural Earth's public-domain borders) for the map view. No file is ever loaded from another server.

A wheel gets them from the hatch build hook (hatch_build.py runs `install` below); a source checkout
runs `python -m ceso.server.assets`. Standard library only: the build hook loads this file by path.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"
# vendor subfolder -> (folder in node_modules, files to copy from it, the package's folder for its manifest)
PACKAGES = {
    "yasgui": ("@zazuko/yasgui/build", ("yasgui.min.js", "yasgui.min.css"), "@zazuko/yasgui"),
    "topojson-client": ("topojson-client/dist", ("topojson-client.min.js",), "topojson-client"),
    "world-atlas": ("world-atlas", ("countries-50m.json", "LICENSE"), "world-atlas"),
}
NODE_MODULES = Path("node_modules")


def ready(vendor_dir: Path = VENDOR_DIR) -> bool:
    return all((vendor_dir / sub / name).is_file() for sub, (_, files, _) in PACKAGES.items() for name in files)


def install(project_root: Path, vendor_dir: Path = VENDOR_DIR, log=print) -> Path:
    """Run npm (ci when a lock file exists) in project_root and copy the packages' files to vendor_dir."""
    project_root = Path(project_root)
    modules = project_root / NODE_MODULES
    if not all((modules / source / name).is_file() for source, files, _ in PACKAGES.values() for name in files):
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed to fetch the query UI's files (@zazuko/yasgui, topojson-client, "
                               "world-atlas); install Node.js/npm (Debian: apt-get install npm) and try again")
        command = [npm, "ci" if (project_root / "package-lock.json").is_file() else "install",
                   "--no-audit", "--no-fund", "--ignore-scripts"]
        log(f"running {' '.join(command)} in {project_root}")
        subprocess.run(command, cwd=project_root, check=True)
    for sub, (source, files, package) in PACKAGES.items():
        target = vendor_dir / sub
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            shutil.copyfile(modules / source / name, target / name)
        # The package's manifest names its licence and version: ship it beside the files.
        shutil.copyfile(modules / package / "package.json", target / "package.json")
    log(f"query UI files installed in {vendor_dir}")
    return vendor_dir


def main() -> int:
    root = Path(__file__).resolve().parents[2]
    if not (root / "package.json").is_file():
        print(f"no package.json in {root}: run this from a CESO source checkout", file=sys.stderr)
        return 2
    try:
        install(root)
    except (RuntimeError, subprocess.CalledProcessError) as err:
        print(f"could not install the query UI's files: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
