#!/usr/bin/env python3
"""Two trees timed in pairs: one long-lived worker per tree, passes alternating, CPU time per pass.

``ab_scan.py`` starts fresh processes for every round (what a user meets), so a run holds 4–6
rounds; on a loaded host (load 5–6 on 2 cores) its medians moved ±15% and could not tell a 7%
change. Here each tree's worker loads once, then scans the same texts when told, A and B taking
turns (A B, B A, …) for many rounds; each pair's CPU-time ratio is taken, so a slow minute of the
host hits both sides of a pair. Printed: every pass, the medians, and the median of the pair
ratios (A/B > 1: B is faster).

usage: python benchmarks/ab_pairs.py A B [--posts] [--step 4] [--rounds 12]
    --posts: the speed table's 400 posts of 2,000 characters (the tagger's cache emptied before
             each pass; printed: mean ms a post); else every STEP-th official text (MB/s)
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _worker(repo: str, posts: bool, step: int, data: str) -> None:
    import gc
    import time

    sys.path[:0] = [repo, str(Path(repo) / "benchmarks")]
    from corpora import official_records, speed_posts

    from scanner import Scanner, person_model

    recs = list(official_records(data))
    texts = speed_posts(recs) if posts else [r[4] for r in recs][::step]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    sc = Scanner()
    for t in texts[:300]:
        sc.scan(t).to_dict()
    person_model.warm()
    gc.collect()
    gc.freeze()
    print("ready", flush=True)
    for _ in sys.stdin:
        if posts:
            person_model.reset_stats(cache=True)
        t0 = time.process_time()
        for t in texts:
            sc.scan(t).to_dict()
        print(json.dumps({"s": time.process_time() - t0, "mb": mb, "n": len(texts)}), flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a", nargs="?")
    ap.add_argument("b", nargs="?")
    ap.add_argument("--posts", action="store_true")
    ap.add_argument("--step", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=12)
    ap.add_argument("--data", default=str(HERE.parent.parent / "shared" / "data"))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        _worker(args.worker, args.posts, args.step, args.data)
        return 0
    if not (args.a and args.b):
        ap.error("two checkouts, A and B")
    if not any(Path(args.data).glob("corpus-*")):
        print(f"no official texts under {args.data}: nothing to time", file=sys.stderr)
        return 0
    procs = []
    for i, tree in enumerate((args.a, args.b)):
        tree = str(Path(tree).resolve())
        env = dict(os.environ, PYTHONPATH=tree,
                   GOVSCAN_CACHE_DIR=os.environ.get("GOVSCAN_CACHE_DIR", "/tmp/govscan-ab-pairs") + f"-{i}")
        cmd = [sys.executable, __file__, "--worker", tree, "--step", str(args.step), "--data", args.data]
        p = subprocess.Popen(cmd + (["--posts"] if args.posts else []), env=env, stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
        if p.stdout.readline().strip() != "ready":
            print(f"the worker of {tree} did not start", file=sys.stderr)
            return 2
        procs.append(p)
    res: list[list[dict]] = [[], []]
    for r in range(args.rounds):
        for i in ((0, 1) if r % 2 == 0 else (1, 0)):
            procs[i].stdin.write("go\n")
            procs[i].stdin.flush()
            res[i].append(json.loads(procs[i].stdout.readline()))
    for p in procs:
        p.stdin.close()
        p.wait()
    if args.posts:
        fig, unit = (lambda x: x["s"] / x["n"] * 1e3), "mean ms a post"
    else:
        fig, unit = (lambda x: x["mb"] / x["s"]), "MB/s per core"
    ratios = [x["s"] / y["s"] for x, y in zip(*res)]
    for name, side in zip("AB", res):
        print(f"{name} {unit}: " + " ".join(f"{fig(x):.3f}" for x in side))
    print(f"median A {statistics.median(map(fig, res[0])):.3f}, B {statistics.median(map(fig, res[1])):.3f} ({unit}); "
          f"CPU time A/B, median of {len(ratios)} pairs: {statistics.median(ratios):.3f} "
          f"(min {min(ratios):.3f}, max {max(ratios):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
