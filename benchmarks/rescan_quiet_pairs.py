#!/usr/bin/env python3
"""`scanner rescan` 1 worker against 2, in quiet moments only (issue 14, "archive at scale").

On a shared host the two-worker figure measures the host first. This waits, before each run, for a
second in which the CPUs are < 10% busy, then runs a pair: ``--workers 1`` then ``--workers 2`` of
one checkout (fresh processes, as an operator runs the command; nothing sampled beside them), and
alternates the checkouts pair by pair. A pair is dropped when the CPUs were busy between its two
runs; one followed by busy CPUs is printed with that mark and left out of the medians.

usage: python benchmarks/rescan_quiet_pairs.py SOURCE.jsonl SECONDS [NAME=PATH ...]
       (SOURCE: e.g. the JSONL bench_rescan.py builds from ../shared/data; default checkouts:
       this one only; e.g. base=/tmp/gs/base this=.)
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_rescan import cpu_busy  # noqa: E402


def run(tree: Path, source: Path, out: Path, workers: int) -> float:
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    p = subprocess.run([sys.executable, "-m", "scanner.cli", "rescan", str(source), "--out", str(out),
                        "--no-progress", "--json", "--workers", str(workers)], env=env, cwd=tree, capture_output=True)
    if p.returncode not in (0, 1):
        sys.exit(f"{tree}: rescan --workers {workers} failed:\n{p.stderr.decode(errors='replace')[-1500:]}")
    return json.loads(p.stdout)["scan_seconds"]


def main() -> int:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    source, seconds = Path(sys.argv[1]).resolve(), float(sys.argv[2])
    sides = [(a.split("=", 1)[0], Path(a.split("=", 1)[1]).resolve()) for a in sys.argv[3:]] or [("this", REPO)]
    work = Path(tempfile.mkdtemp(prefix="rescan_quiet_"))
    got: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in sides}
    deadline = time.monotonic() + seconds
    i = 0
    while time.monotonic() < deadline:
        name, tree = sides[i % len(sides)]
        before = cpu_busy(1.0)
        if before > 0.10:
            continue
        one = run(tree, source, work / "out", 1)
        between = cpu_busy(0.5)
        if between > 0.10:
            print(f"{name}: 1 worker {one:.3f} s, then {between:.0%} busy: pair dropped", flush=True)
            continue
        two = run(tree, source, work / "out", 2)
        after = cpu_busy(0.3)
        if after <= 0.10:
            got[name].append((one, two))
        print(f"{name}: 1 worker {one:.3f} s, 2 workers {two:.3f} s, ratio {one / two:.2f}"
              + ("" if after <= 0.10 else f" (then {after:.0%} busy: left out)"), flush=True)
        i += 1
    shutil.rmtree(work, ignore_errors=True)
    med = statistics.median
    for name, pairs in got.items():
        if pairs:
            ratios = [a / b for a, b in pairs]
            print(f"{name}: {len(pairs)} pairs, 1 worker {med(a for a, _ in pairs):.3f} s, 2 workers "
                  f"{med(b for _, b in pairs):.3f} s, ratio median {med(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f}), "
                  f"≥ 1.9 in {sum(r >= 1.9 for r in ratios)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
