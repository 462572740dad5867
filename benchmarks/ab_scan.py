#!/usr/bin/env python3
"""Two trees, alternating, in one run: CPU time of the 400 speed-table posts (median, p99, mean)
and the full-scan MB/s of every STEP-th official text, each side in its own fresh process per
round with its own compiled cache (medians of the rounds, and the ratio A/B).

A quicker same-run check than ``speed_table.py`` for a change to the scan path (the same posts,
:func:`corpora.speed_posts`, the name tagger's cache emptied before the post pass); every number
is CPU time of the scanning process, so a busy host moves both sides alike.

usage: python benchmarks/ab_scan.py TREE_A TREE_B [--rounds 4] [--step 2] [--data ../shared/data]
       (a tree: a checkout or `git worktree add --detach /tmp/base <rev>`)
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_SIDE = r'''
import gc, json, sys, time
sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[4])
from corpora import official_records, speed_posts
from scanner import Scanner
recs = list(official_records(sys.argv[3]))
posts = speed_posts(recs)
texts = [r[4] for r in recs][::int(sys.argv[2])]
s = Scanner()
for t in posts + texts[:200]:
    s.scan(t)
try:  # the person-name tagger's one-time load (0.2-0.35 s) is not throughput: loaded before timing
    from scanner import person_model
    person_model.warm()
except ImportError:  # (a tree without it)
    pass
gc.collect(); gc.freeze()
try:  # the person-name tagger's window cache starts empty, as in the speed table: a cold measure
    from scanner.person_model import reset_stats
    reset_stats(cache=True)
except ImportError:  # (a tree without it)
    pass
pc = time.process_time
lat = []
for p in posts:
    a = pc(); s.scan(p); lat.append(pc() - a)
lat.sort()
a = pc()
for t in texts:
    s.scan(t)
cpu = pc() - a
mb = sum(len(t.encode()) for t in texts) / 1e6
print(json.dumps({"post median ms": lat[len(lat) // 2] * 1e3, "post p99 ms": lat[int(.99 * len(lat))] * 1e3,
                  "post mean ms": sum(lat) / len(lat) * 1e3, "full scan MB/s": mb / cpu}))
'''


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--step", type=int, default=2)
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared")) / "data")
    args = ap.parse_args()
    if not (args.data / "corpus-xwlb-cctv").exists():
        print(f"no official texts under {args.data}: nothing to compare", file=sys.stderr)
        return 0
    work = Path(tempfile.mkdtemp(prefix="ab_scan_"))
    sides = {"A": args.a.resolve(), "B": args.b.resolve()}
    got: dict[str, list[dict]] = {"A": [], "B": []}
    for r in range(args.rounds):
        for name in ("A", "B") if r % 2 == 0 else ("B", "A"):
            env = {**os.environ, "GOVSCAN_CACHE_DIR": str(work / f"cache-{name}"), "PYTHONPATH": str(sides[name])}
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            p = subprocess.run([sys.executable, "-c", _SIDE, str(sides[name]), str(args.step), str(args.data),
                                str(REPO / "benchmarks")], env=env, capture_output=True, text=True)
            if p.returncode:
                sys.exit(f"side {name} failed:\n{p.stderr[-2000:]}")
            got[name].append(json.loads(p.stdout.strip().splitlines()[-1]))
            print(f"  round {r + 1} {name}: " + ", ".join(f"{k} {v:.3f}" for k, v in got[name][-1].items()), flush=True)
    print(f"\nA = {sides['A']}\nB = {sides['B']}\n{args.rounds} rounds: medians, and the best round of each side "
          "(the host's own speed moves; the best is the steadier figure when it moves within the run)\n")
    print(f"{'measure':<18} {'A':>9} {'B':>9} {'A/B':>7}   {'best A':>9} {'best B':>9} {'A/B':>7}")
    for k in got["A"][0]:
        a = statistics.median(x[k] for x in got["A"])
        b = statistics.median(x[k] for x in got["B"])
        pick = max if k.endswith("MB/s") else min  # (a rate: the highest; a time: the lowest)
        ba, bb = pick(x[k] for x in got["A"]), pick(x[k] for x in got["B"])
        print(f"{k:<18} {a:>9.3f} {b:>9.3f} {a / b:>7.3f}   {ba:>9.3f} {bb:>9.3f} {ba / bb:>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
