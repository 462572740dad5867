#!/usr/bin/env python3
"""The service row of the one table for two trees, alternating, in one run: each round starts
``scanner serve --workers 2`` (bearer tokens, SQLite store) from tree A, loads it with ``wrk -t2 -c8``
posting the 400 speed-table posts (2,000 characters), stops it, then the same for tree B (the order
flips every round). Prints every round and the medians of requests/s, wrk's p99 and the server's
CPU milliseconds per request (user + system of the worker processes, from /proc: the figure the
host's noise moves least), and the ratios A/B.

The measurement is ``speed_table.py``'s own (:func:`speed_table.m_service`'s server start and wrk
script), plus the CPU count.

usage: python benchmarks/ab_service.py TREE_A TREE_B [--rounds 3] [--duration 10] [--data ../shared/data]
       (a tree: a checkout or `git worktree add --detach /tmp/base <rev>`)
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from corpora import official_records, speed_posts  # noqa: E402
from speed_table import _WRK_LUA, TOKEN, Side, cpu_busy, free_port, proc_children  # noqa: E402


def _cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            pass
    return total


def serve_and_load(side: Side, bodies: Path, work: Path, duration: float) -> dict:
    port = free_port()
    db = work / f"service-{side.name}-{port}.db"
    log = open(work / f"service-{side.name}.log", "w")
    env = {**side.env, "GOVSCAN_TOKENS": TOKEN}
    srv = subprocess.Popen(side.cli + ["serve", "--workers", "2", "--port", str(port), "--db", f"sqlite:///{db}",
                                       "--log-level", "warning"], env=env, cwd=work, stdout=log, stderr=log)
    try:
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if srv.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"{side.name}: the service did not start, see {log.name}")
            time.sleep(0.2)
        lua = work / "wrk.lua"
        lua.write_text(_WRK_LUA % (bodies, TOKEN))
        url = f"http://127.0.0.1:{port}"
        subprocess.run(["wrk", "-t1", "-c8", "-d2s", "-s", str(lua), url], capture_output=True)  # warm-up
        workers = proc_children(srv.pid)
        hz = 100
        c0 = _cpu_ticks(workers)
        p = subprocess.run(["wrk", "-t2", "-c8", f"-d{duration:g}s", "--latency", "-s", str(lua), url],
                           capture_output=True, text=True, check=True)
        c1 = _cpu_ticks(workers)
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", p.stdout).group(1))
        n = int(re.search(r"(\d+) requests in", p.stdout).group(1))
        m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", p.stdout, re.M)
        p99 = float(m.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[m.group(2)]
        bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", p.stdout)
        return {"rps": rps, "p99_ms": p99, "cpu_ms": (c1 - c0) / hz * 1e3 / max(1, n),
                "errors": int(bad.group(1)) if bad else 0}
    finally:
        srv.terminate()
        try:
            srv.wait(20)
        except subprocess.TimeoutExpired:
            srv.kill()
        log.close()


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
