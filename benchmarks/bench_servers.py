#!/usr/bin/env python3
"""uvicorn against granian, the same app, in one run (issues 14 and 17: choose one server).

Each round starts ``scanner serve`` (uvicorn with httptools, uvloop and the project's connection
deadlines, service/protocol.py) and ``granian --interface asgi`` (Rust HTTP/1 server, its own
header timeout and backpressure), each with the same worker count, token and a fresh SQLite
store, and drives each with benchmarks/bench_service.py's generator (2,000-character posts, one
in four with findings, closed loop, keep-alive). Rounds alternate the servers; the table gives the
median of the rounds and the server process's CPU per request.

usage: python benchmarks/bench_servers.py [--workers 1] [--clients 8,64] [--duration 6] [--rounds 3]
"""
from __future__ import annotations

import argparse
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
sys.path.insert(0, str(REPO))
from benchmarks.bench_service import TOKEN, make_posts  # noqa: E402
from service.testing import _wait_healthy, free_port  # noqa: E402


def _cpu_seconds(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass
    return total


def _tree(pid: int) -> list[int]:
    out = [pid]
    for child in Path("/proc").glob("[0-9]*"):
        try:
            if int(child.joinpath("stat").read_text().rsplit(")", 1)[1].split()[1]) in out:
                out.append(int(child.name))
        except (FileNotFoundError, ValueError, IndexError):
            pass
    return out


def _command(server: str, port: int, workers: int) -> list[str]:
    if server == "uvicorn":
        return [sys.executable, "-m", "scanner.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
                "--workers", str(workers), "--log-level", "warning"]
    granian = shutil.which("granian", path=str(Path(sys.executable).parent)) or "granian"
    return [granian, "--interface", "asgi", "--factory", "--host", "127.0.0.1", "--port", str(port),
            "--workers", str(workers), "--log-level", "warning", "--http1-header-read-timeout", "10000",
            "--backpressure", "2048", "service.app:create_app"]


def run_one(server: str, workers: int, clients: str, duration: float, posts_path: Path, tmp: Path) -> list[dict]:
    port = free_port()
    db = tmp / f"{server}-{time.monotonic_ns()}.db"
    env = {**os.environ, "GOVSCAN_TOKENS": TOKEN, "GOVSCAN_DB_URL": f"sqlite:///{db}",
           "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with open(tmp / f"{server}.log", "ab") as log:
        proc = subprocess.Popen(_command(server, port, workers), env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", time.monotonic() + 120, alive=lambda: proc.poll() is None)
        rows = []
        for c in clients.split(","):
            pids = _tree(proc.pid)
            cpu0 = _cpu_seconds(pids)
            out = subprocess.run([sys.executable, str(REPO / "benchmarks" / "bench_service.py"), "--generator",
                                  "127.0.0.1", str(port), c, str(duration), "1.0", str(posts_path)],
                                 capture_output=True, text=True, check=True, timeout=600).stdout
            row = json.loads(out.strip().splitlines()[-1])
            row["cpu_ms_per_request"] = (_cpu_seconds(pids) - cpu0) * 1000 / max(1, row["requests"])
            rows.append(row)
        return rows
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--clients", default="8,64")
    ap.add_argument("--duration", type=float, default=6.0)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    servers = ("uvicorn", "granian")
    if not shutil.which("granian", path=str(Path(sys.executable).parent)) and not shutil.which("granian"):
        print("granian is not installed (pip install granian): uvicorn alone", file=sys.stderr)
        servers = ("uvicorn",)
    results: dict[tuple[str, int], list[dict]] = {}
    with tempfile.TemporaryDirectory(prefix="govscan-servers-") as tmp:
        posts_path = Path(tmp, "posts.json")
        posts_path.write_text(json.dumps(make_posts(), ensure_ascii=False), encoding="utf-8")
        for r in range(args.rounds):
            for server in (servers if r % 2 == 0 else servers[::-1]):
                for row in run_one(server, args.workers, args.clients, args.duration, posts_path, Path(tmp)):
                    results.setdefault((server, row["clients"]), []).append(row)
    print(f"POST /v1/scan, 2,000-character posts, {args.workers} worker(s), {os.cpu_count()} cores, "
          f"{args.rounds} alternating rounds of {args.duration:.0f} s; medians")
    print(f"{'server':<8} {'clients':>7} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'CPU ms/req':>10} {'errors':>6}")
    for (server, c), rows in sorted(results.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        med = lambda k: statistics.median(x[k] for x in rows)  # noqa: E731
        print(f"{server:<8} {c:>7} {med('rps'):>7.0f} {med('p50_ms'):>7.2f} {med('p99_ms'):>7.2f} "
              f"{med('cpu_ms_per_request'):>10.2f} {sum(x['errors'] for x in rows):>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
