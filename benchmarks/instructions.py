#!/usr/bin/env python3
"""Instructions per scanned text, counted by valgrind (callgrind): a speed figure the busy host does not move.

On this shared machine a same-run timing moves ±30% within minutes (benchmarks/README.md "The one
table"); a change worth 3–10% drowns in it. The number of instructions the CPU executes for the
same texts does not move: each tree scans the same texts in its own process under callgrind, which
counts only inside the scan loop (the loop runs inside ``functools.reduce``, and callgrind is told
to count inside that function only: start-up, imports and reading the corpus are not counted).
Two runs of one tree agree to 0.01%. Instructions are not time (a cache miss costs the same one
instruction), so quote this beside a same-run timing (``ab_scan.py``), not instead of it.

With ``--cache``, callgrind also simulates the caches (L1 as the host's, the last level set to
1 MiB, 8-way: this host's per-core L2) and prints the data misses of each level beside the
instructions. A diagnostic, not a prediction: compacting the class tables cut the simulated L2
misses of the posts by 27% and made them 1–2% slower on the host (benchmarks/README.md "Cache
misses of the post scan"). Slower: ~2–3 minutes a side.

usage: python benchmarks/instructions.py A B [--texts 400] [--step 29] [--posts] [--cache]
    A, B: two checkouts (git worktrees) of the scanner, each with its compiled extension
    --texts N --step K: every K-th official text, N of them (default: 400 of every 29th, 0.7 MB)
    --posts: the speed table's 400 posts of 2,000 characters instead (the tagger's cache emptied)
    --cache: simulate the caches too (D1 and L2 data misses)

Needs valgrind (Debian: apt-get install valgrind); ~1–2 minutes a side. Each side uses its own
compiled cache (warmed first, outside the count) and PYTHONHASHSEED=0.
"""
from __future__ import annotations

import argparse
import functools
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _child(repo: str, step: int, texts: int, posts: bool, data: str) -> None:
    """The counted process: scan the texts inside functools.reduce."""
    sys.path[:0] = [repo, str(Path(repo) / "benchmarks")]
    from corpora import official_records, speed_posts

    from scanner import Scanner, person_model

    if posts:
        todo = speed_posts(list(official_records(data)))
    else:  # (read no more of the corpus than needed: under valgrind, reading it all takes minutes)
        todo = [r[4] for r in itertools.islice(official_records(data), 0, step * texts, step)]
    sc = Scanner()
    for t in todo[:50]:  # warm: lazy tables, the first scan's one-time work
        sc.scan(t).to_dict()
    if posts:
        person_model.warm()
        person_model.reset_stats(cache=True)
    functools.reduce(lambda _, t: sc.scan(t).to_dict(), todo, None)
    print(len(todo), sum(len(t) for t in todo))


def _misses(stderr: str) -> tuple[int, int]:
    """D1 and last-level (here: L2) data misses from callgrind's summary (0, 0 without --cache)."""
    d1 = re.search(r"D1\s+misses:\s+([\d,]+)", stderr)
    ll = re.search(r"LLd misses:\s+([\d,]+)", stderr)
    return tuple(int(m.group(1).replace(",", "")) if m else 0 for m in (d1, ll))


def _count(repo: Path, args, cache: str) -> tuple[int, int, int, tuple[int, int]]:
    env = dict(os.environ, PYTHONPATH=str(repo), GOVSCAN_CACHE_DIR=cache, PYTHONHASHSEED="0")
    subprocess.run([sys.executable, "-c", "import scanner; scanner.Scanner().scan('你好')"], env=env, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        sim = ["--cache-sim=yes", "--LL=1048576,8,64"] if args.cache else []
        cmd = ["valgrind", "--tool=callgrind", *sim, "--toggle-collect=functools_reduce",
               f"--callgrind-out-file={tmp}/cg.out", sys.executable, __file__, "--child", str(repo),
               "--step", str(args.step), "--texts", str(args.texts), "--data", args.data] + (["--posts"] if args.posts else [])
        got = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    m = re.search(r"Collected : (\d+)", got.stderr)
    n, chars = map(int, got.stdout.split()[-2:])
    return int(m.group(1)), n, chars, _misses(got.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a", nargs="?")
    ap.add_argument("b", nargs="?")
    ap.add_argument("--texts", type=int, default=400)
    ap.add_argument("--step", type=int, default=29)
    ap.add_argument("--posts", action="store_true")
    ap.add_argument("--cache", action="store_true", help="simulate the caches: D1 and L2 (1 MiB) data misses")
    ap.add_argument("--data", default=str(HERE.parent.parent / "shared" / "data"))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args.child, args.step, args.texts, args.posts, args.data)
        return 0
    if not (args.a and args.b):
        ap.error("two checkouts, A and B")
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind): nothing counted", file=sys.stderr)
        return 2
    if not any(Path(args.data).glob("corpus-*")):
        print(f"no official texts under {args.data}: nothing to count", file=sys.stderr)
        return 0
    rows = []
    with tempfile.TemporaryDirectory() as caches:
        for side in (args.a, args.b):
            ir, n, chars, miss = _count(Path(side).resolve(), args, f"{caches}/{len(rows)}")
            rows.append((side, ir, n, chars, miss))
    what = "posts of 2,000 characters" if args.posts else f"official texts (every {args.step}th)"
    print(f"{rows[0][2]} {what}, {rows[0][3]:,} characters; instructions inside the scan loop")
    for side, ir, n, chars, miss in rows:
        extra = f"  D1 misses {miss[0]:>11,}  L2 misses {miss[1]:>10,} ({miss[1] / n:,.0f} a text)" if args.cache else ""
        print(f"  {side:<40} {ir:>15,}  {ir / n:>12,.0f} a text  {ir / chars:>8.1f} a character{extra}")
    print(f"  B/A {rows[1][1] / rows[0][1]:.4f}" + (
        f"  D1 misses {rows[1][4][0] / max(rows[0][4][0], 1):.4f}  L2 misses {rows[1][4][1] / max(rows[0][4][1], 1):.4f}"
        if args.cache else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
