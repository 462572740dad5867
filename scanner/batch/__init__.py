"""Archive re-scan: many past posts, every core, resumable; results as JSONL and SQLite; an HTML
patrol report (巡查记录). Commands: ``scanner rescan`` and ``scanner report`` (docs/RESCAN.md).

    from scanner.batch import RescanOptions, rescan
    stats = rescan(RescanOptions("posts.jsonl", out="results"))
    from scanner.batch.report import write_report
    write_report("results", "results/report.html")

Importing this package is cheap: the runner, the store and the report load on first use.
"""
from __future__ import annotations

from typing import Any

__all__ = ["Fields", "RescanOptions", "RescanStats", "rescan", "write_report"]


def __getattr__(name: str) -> Any:
    if name in ("RescanOptions", "RescanStats", "rescan"):
        from . import runner

        return getattr(runner, name)
    if name == "Fields":
        from .sources import Fields

        return Fields
    if name == "write_report":
        from .report import write_report

        return write_report
    raise AttributeError(name)
