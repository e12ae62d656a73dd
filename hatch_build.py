"""Hatch build hook: put the query UI's npm files (YASGUI, topojson-client, world-atlas; see
ceso/server/assets.py) into the wheel at ceso/server/static/vendor.

The files are third-party and git-ignored; this runs `npm ci` (package.json / package-lock.json at the
repository root) when they are not already in place. Set CESO_SKIP_UI_ASSETS=1 to build without them (the
server then says at / how to install them).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

VENDOR = "ceso/server/static/vendor"


def _assets_module(root: Path):
    # By path: importing the ceso package would need its runtime dependencies in the build environment.
    spec = importlib.util.spec_from_file_location("_ceso_assets", root / "ceso" / "server" / "assets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class YasguiBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or os.environ.get("CESO_SKIP_UI_ASSETS"):
            return
        root = Path(self.root)
        assets = _assets_module(root)
        vendor = root / VENDOR
        if not assets.ready(vendor):
            assets.install(root, vendor, log=self.app.display_info)
        if version == "editable":
            return  # an editable install serves the files from the source tree itself
        for path in sorted(p for p in vendor.rglob("*") if p.is_file()):
            build_data["force_include"][str(path)] = f"{VENDOR}/{path.relative_to(vendor).as_posix()}"
