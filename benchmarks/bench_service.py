#!/usr/bin/env python3
"""Load benchmark of the HTTP scan service: requests/s and p50/p99 latency of ``POST /v1/scan``
with 2,000-character posts at 1, 8 and 64 concurrent clients.

The server is the real thing (``scanner serve`` in its own process, uvicorn, SQLite store, bearer
token on); the load generator runs in another process: an asyncio HTTP/1.1 keep-alive client on
raw sockets (uvloop when installed), light enough that the server, not the generator, is measured.
Each client sends its next request as soon as the previous answer is read (closed loop).

usage: python benchmarks/bench_service.py [--workers 2] [--clients 1,8,64] [--duration 10] [--json OUT]

Target (issue 5, 2-core machine): at least 500 requests/s with p99 under 50 ms at 8 clients.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
TOKEN = "bench-token"


def make_posts(n: int = 400, size: int = 2000) -> list[str]:
    """2,000-character posts: real news text from ../shared/data when present, every fourth with
    the sample draft (ID and phone numbers, classification mark, wrong formulations) spliced in."""
    data = Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared")) / "data" / "corpus-xwlb-cctv" / \
        "xwlb_items_2022_2024.jsonl"
    sample = (REPO / "samples" / "draft.txt").read_text(encoding="utf-8")
    if data.exists():
        with open(data, encoding="utf-8") as f:
            joined = "\n".join(json.loads(line)["text"] for _, line in zip(range(3000), f))
    else:
        joined = ("县政府召开常务会议，研究部署安全生产、防汛抗旱和民生实事项目推进工作。会议强调，要坚持以人民为中心，"
                  "扎实做好保障和改善民生工作，确保各项任务落到实处。") * 2000
    posts = []
    step = max(size, (len(joined) - size) // n)
    for i, start in enumerate(range(0, len(joined) - size, step)):
        body = joined[start:start + size]
        if i % 4 == 0:
            body = (sample + body)[:size]
        posts.append(body)
        if len(posts) == n:
            break
    return posts


# ------------------------------------------------------------------------------ generator
async def _client(host: str, port: int, requests: list[bytes], stop_at: float, warm_until: float,
                  lat: list[float], errors: list[str], offset: int) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    i = offset
    try:
        while True:
            t0 = time.perf_counter()
            if t0 >= stop_at:
                break
            writer.write(requests[i % len(requests)])
            i += 1
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            t1 = time.perf_counter()
            if status != 200:
                errors.append(str(status))
            elif t0 >= warm_until:
                lat.append(t1 - t0)
    finally:
        writer.close()


async def _run_level(host: str, port: int, requests: list[bytes], clients: int, duration: float,
                     warmup: float) -> dict:
    lat: list[float] = []
    errors: list[str] = []
    start = time.perf_counter()
    warm_until = start + warmup
    stop_at = warm_until + duration
    await asyncio.gather(*(_client(host, port, requests, stop_at, warm_until, lat, errors, k * 7)
                           for k in range(clients)))
    elapsed = time.perf_counter() - warm_until
    lat.sort()

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")

    return {"clients": clients, "requests": len(lat), "rps": len(lat) / elapsed, "p50_ms": pct(0.50),
            "p90_ms": pct(0.90), "p99_ms": pct(0.99), "max_ms": lat[-1] * 1000 if lat else float("nan"),
            "mean_ms": statistics.fmean(lat) * 1000 if lat else float("nan"), "errors": len(errors)}


def generator_main(argv: list[str]) -> None:
    """Runs in its own process: reads the plan from argv, prints one JSON line per level."""
    host, port, clients, duration, warmup, path = argv[0], int(argv[1]), argv[2], float(argv[3]), float(argv[4]), argv[5]
    posts = json.loads(Path(path).read_text(encoding="utf-8"))
    requests = []
    for i, text in enumerate(posts):
        body = json.dumps({"id": f"bench-{i}", "text": text}, ensure_ascii=False).encode()
        requests.append(f"POST /v1/scan HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {TOKEN}\r\n"
                        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
    try:
        import uvloop
        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    for c in (int(x) for x in clients.split(",")):
        print(json.dumps(runner(_run_level(host, port, requests, c, duration, warmup))), flush=True)


# ------------------------------------------------------------------------------ driver
def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server worker processes")
    ap.add_argument("--clients", default="1,8,64")
    ap.add_argument("--duration", type=float, default=10.0, help="seconds measured per level")
    ap.add_argument("--warmup", type=float, default=1.0, help="seconds not measured at the start of each level")
    ap.add_argument("--config", metavar="TOML", help="server config file (e.g. to compare store_scans = false)")
    ap.add_argument("--url", help="benchmark an already running server instead (token: " + TOKEN + ")")
    ap.add_argument("--json", metavar="OUT", help="also write the results as JSON")
    args = ap.parse_args()

    from service.testing import serve_in_subprocess

    posts = make_posts()
    with tempfile.TemporaryDirectory(prefix="govscan-bench-") as tmp:
        posts_path = Path(tmp, "posts.json")
        posts_path.write_text(json.dumps(posts, ensure_ascii=False), encoding="utf-8")
        if args.url:
            server_cm = None
            host, port = args.url.split("//", 1)[1].rstrip("/").rsplit(":", 1)
        else:
            extra = ["--config", str(Path(args.config).resolve())] if args.config else []
            server_cm = serve_in_subprocess(["--workers", str(args.workers), "--db", f"sqlite:///{tmp}/bench.db",
                                             "--log-level", "warning", *extra], log_path=Path(tmp, "server.log"),
                                            env={"GOVSCAN_TOKENS": TOKEN})
            server = server_cm.__enter__()
            host, port = "127.0.0.1", server.url.rsplit(":", 1)[1]
        try:
            cmd = [sys.executable, __file__, "--generator", host, str(port), args.clients, str(args.duration),
                   str(args.warmup), str(posts_path)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=600).stdout
        finally:
            if server_cm is not None:
                server_cm.__exit__(None, None, None)
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    print(f"POST /v1/scan, 2,000-character posts ({len(posts)} distinct, 1 in 4 with findings), "
          f"server: {'external' if args.url else f'scanner serve --workers {args.workers}'}, "
          f"{os.cpu_count()} cores, {args.duration:.0f} s per level")
    print(f"{'clients':>7} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7}")
    for r in rows:
        print(f"{r['clients']:>7} {r['requests']:>9} {r['rps']:>8.0f} {r['p50_ms']:>8.2f} {r['p90_ms']:>8.2f} "
              f"{r['p99_ms']:>8.2f} {r['max_ms']:>8.1f} {r['errors']:>7}")
    eight = next((r for r in rows if r["clients"] == 8), None)
    ok = eight is None or (eight["rps"] >= 500 and eight["p99_ms"] < 50 and eight["errors"] == 0)
    if eight is not None:
        print(f"target at 8 clients (>= 500 req/s, p99 < 50 ms): {'met' if ok else 'NOT met'}")
    if args.json:
        Path(args.json).write_text(json.dumps({"workers": args.workers, "rows": rows}, indent=2), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--generator":
        generator_main(sys.argv[2:])
    else:
        sys.exit(main())
