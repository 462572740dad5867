#!/usr/bin/env python3
"""The service row of the one table for two trees, alternating, in one run: each round starts
``scanner serve --workers 2`` (bearer tokens, SQLite store) from tree A, loads it with ``wrk -t2 -c8``
posting the 400 speed-table posts (2,000 characters), stops it, then the same for tree B (the order
flips every round). Prints every round and the medians of requests/s, wrk's p99 and the server's
CPU milliseconds per request (user + system of the worker processes, from /proc: the figure the
host's noise moves least), and the ratios A/B.

The measurement is ``speed_table.py``'s own (:func:`speed_table.m_service`: the server started as
the README starts it, the wrk script, the workers' CPU from /proc).

usage: python benchmarks/ab_service.py TREE_A TREE_B [--rounds 3] [--duration 10] [--data ../shared/data]
       (a tree: a checkout or `git worktree add --detach /tmp/base <rev>`)
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from corpora import official_records, speed_posts  # noqa: E402
from speed_table import Side, cpu_busy, m_service  # noqa: E402


def serve_and_load(side: Side, bodies: Path, work: Path, duration: float) -> dict:
    m = m_service(side, bodies, work, duration)
    return {"rps": m["service_rps"], "p99_ms": m["service_p99_ms"], "cpu_ms": m["service_cpu_ms"],
            "errors": m["service_errors"]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--duration", type=float, default=10.0)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--json", type=Path, help="also write every round as JSON")
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian package wrk)")
    if not args.data.is_dir():
        print(f"no official texts at {args.data}: nothing to measure")
        return 0
    work = Path(tempfile.mkdtemp(prefix="ab_service_"))
    posts = speed_posts(list(official_records(args.data)))
    bodies = work / "bodies.jsonl"
    bodies.write_text("".join(json.dumps({"id": f"p{i}", "text": t}, ensure_ascii=False) + "\n"
                              for i, t in enumerate(posts)), encoding="utf-8")
    sides = [Side("A", args.a.resolve(), work), Side("B", args.b.resolve(), work)]
    for s in sides:
        print(f"{s.name}: {s.path} {s.run(['git', 'log', '-1', '--format=%h %s']).stdout.strip()[:70]}")
        s.run([sys.executable, "-c", "from scanner import Scanner; Scanner()"], check=True)  # warm its cache
    got: dict[str, list[dict]] = {"A": [], "B": []}
    for r in range(args.rounds):
        for s in (sides if r % 2 == 0 else sides[::-1]):
            busy = cpu_busy(0.3)
            m = serve_and_load(s, bodies, work, args.duration)
            got[s.name].append(m)
            print(f"  round {r + 1} {s.name}: {m['rps']:,.0f} req/s, p99 {m['p99_ms']:.1f} ms, "
                  f"server CPU {m['cpu_ms']:.3f} ms/request, non-2xx {m['errors']} (host {busy:.0%} busy before)",
                  flush=True)
    med = {n: {k: statistics.median(x[k] for x in v) for k in ("rps", "p99_ms", "cpu_ms")} for n, v in got.items()}
    print(f"\n| medians of {args.rounds} rounds | A | B | A/B |\n|---|---:|---:|---:|")
    for k, label, fmt in (("rps", "req/s (wrk -t2 -c8)", "{:,.0f}"), ("p99_ms", "p99 ms", "{:.1f}"),
                          ("cpu_ms", "server CPU ms/request", "{:.3f}")):
        a, b = med["A"][k], med["B"][k]
        print(f"| {label} | {fmt.format(a)} | {fmt.format(b)} | {a / b:.2f} |")
    if args.json:
        args.json.write_text(json.dumps(got, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
