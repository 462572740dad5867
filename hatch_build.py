"""Build hook: compile the optional C speedups (scanner/_speedups.c) at install time.

The extension holds the scan's hot loops in C (the text views in one pass, the gates of some
detectors, the linker's name candidates; see scanner/speedups.py). It is
optional, like markupsafe's or simplejson's: without a C compiler the install goes on with a
warning and the NumPy/Python implementations run, with the same results (tests/test_speedups.py).
``pip install -e .`` compiles it into the source tree, where the editable install imports from;
a wheel carries it. ``GOVSCAN_NO_SPEEDUPS=1`` skips it.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def compile_speedups(root: Path) -> Path:
    """Compile the extension in place (next to its source) and return its path."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    ext = Extension("scanner._speedups", ["scanner/_speedups.c"], extra_compile_args=["-O3"] if os.name != "nt" else [])
    cwd = os.getcwd()
    os.chdir(root)
    try:
        dist = Distribution({"name": "govscan-speedups", "ext_modules": [ext]})
        cmd = build_ext(dist)
        cmd.inplace = True
        cmd.build_temp = str(root / "build" / "speedups")
        cmd.ensure_finalized()
        cmd.run()
        return root / cmd.get_ext_filename(ext.name)
    finally:
        os.chdir(cwd)


class SpeedupsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or os.environ.get("GOVSCAN_NO_SPEEDUPS"):
            return
        try:
            path = compile_speedups(Path(self.root))
        except Exception as exc:  # no compiler, no headers: the NumPy path runs
            print(f"govscan: the C speedups were not built ({exc}); the NumPy implementation will run",
                  file=sys.stderr)
            return
        if version == "editable":
            return  # compiled next to its source, which the editable install imports from
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"][str(path)] = f"scanner/{path.name}"
