#!/usr/bin/env python3
"""Issue 14's one table: every speed figure of the project, for this checkout (A) and a base
checkout (B, default: main when the issue was filed), measured in one run, beside the issue's
anchors and targets.

Rows (each the median of --rounds runs, A and B alternating inside every round):

  * ``Scanner()``      import + ``Scanner()`` in a fresh process (compiled cache warm where the
                       checkout has one);
  * CLI one draft      the whole ``scanner scan draft.txt --format json`` process, wall and peak RSS;
  * full scan MB/s     ``Scanner.scan`` + the result's JSON over the official texts, UTF-8 MB per
                       CPU second of the scanning process (one core), after the person-name tagger's
                       one-time load (as the service loads it at start-up; its time is a row of its own);
  * 2,000-char post    in-process latency of 400 posts cut from the news transcripts, median / p99
                       (after ``gc.freeze()``, as the service, the CLI and the rescan workers do;
                       five passes, the person-name tagger's window cache emptied before each);
  * service            ``scanner serve --workers 2`` as the README starts it (bearer tokens on, the
                       SQLite store on), loaded by ``wrk`` with 8 connections for --duration seconds:
                       requests/s and p99;
  * rescan             ``scanner rescan`` of the official texts with ``--workers 1`` and ``--workers 2``:
                       records/s of the scan phase, the ratio, and the RSS / PSS of each worker
                       process (peak RSS: the kernel's VmHWM; PSS: smaps_rollup, read every 0.5 s,
                       as each read costs the sampler ~6 ms of CPU that the two-worker run needs);
                       beside it the machine's own
                       ceiling: two independent processes scanning the same texts at once against
                       one (no pool, no pipes, no result files).

Every measurement runs the checkout's own code in a subprocess (``PYTHONPATH`` = the checkout) with
this interpreter, so both sides use the same installed packages, byte-compiled as an installed
package is (``PYTHONDONTWRITEBYTECODE`` is dropped: the warm-up writes each side's ``__pycache__``).
Each checkout gets its own compiled cache folder, warmed before the first round.

usage: python benchmarks/speed_table.py [--base REV|PATH] [--rounds 3] [--duration 10] [--quick]
                                        [--only startup,cli,scan,post,service,rescan] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from corpora import official_records, speed_posts  # noqa: E402

#: main when the speed issue (14) was filed: the "today's main" the issue compares against
DEFAULT_BASE = "8bfee8c"
TOKEN = "speed-token"
ROWS = ("startup", "cli", "scan", "post", "service", "rescan")

# the anchors (measured from outside on the base) and targets
ANCHORS = {
    "startup_s": ("1.15 s", "< 0.25 s"),
    "cli_s": ("1.2–1.7 s", "< 0.4 s"),
    "scan_mbps": ("13–19 MB/s (peers: houbb/sensitive-word 7.6 M chars/s; daachorse 150–236 MB/s, "
                  "hyperscan 117–741 MB/s for the automaton alone)", "≥ 20 MB/s"),
    "post_median_ms": ("—", "< 0.25 ms"),
    "post_p99_ms": ("—", "< 1 ms"),
    "service_rps": ("826–860 req/s", "≥ 1,500 req/s"),
    "service_p99_ms": ("17–20 ms", "< 15 ms"),
    "rescan_ratio": ("1.76× (benchmarks/README, 2026-11)", "≥ 1.9×"),
}

# ------------------------------------------------------------------ code run inside a checkout

_STARTUP = ("import time; t=time.perf_counter(); from scanner import Scanner; Scanner(); "
            "print(time.perf_counter()-t)")

_SCAN = r"""
import json, sys, time, statistics
from scanner import Scanner
texts = json.load(open(sys.argv[1], encoding="utf-8"))
posts = json.load(open(sys.argv[2], encoding="utf-8"))
s = Scanner()
import gc
gc.collect()
gc.freeze()  # as the service, the CLI and the rescan workers do after building their Scanner
try:
    import orjson
    dumps = orjson.dumps
except ImportError:
    dumps = lambda d: json.dumps(d, ensure_ascii=False).encode()
for t in texts[:50]:
    dumps(s.scan(t).to_dict())
tagger_load = 0.0
try:  # the person-name tagger (LAC, issue 15) loads on the first text that needs it, once per process
    # (0.2-0.35 s): loaded here, as the service does at start-up, so that the full scan measures
    # throughput, not that one-time load (reported apart: tagger_load_s)
    from scanner import person_model
    t0 = time.perf_counter()
    person_model.warm()
    tagger_load = time.perf_counter() - t0
except ImportError:  # (a base without it)
    pass
nbytes = sum(len(t.encode("utf-8")) for t in texts)
c0, w0 = time.process_time(), time.perf_counter()
for t in texts:
    dumps(s.scan(t).to_dict())
cpu, wall = time.process_time() - c0, time.perf_counter() - w0
lat = []
pc = time.perf_counter
try:  # the person-name tagger's window cache (issue 15) starts empty for every pass: a cold measure
    from scanner.person_model import reset_stats
    cold = lambda: reset_stats(cache=True)
except ImportError:  # (a base without it)
    cold = lambda: None
for _ in range(5):
    cold()
    for p in posts:
        t0 = pc(); dumps(s.scan(p).to_dict()); lat.append(pc() - t0)
lat.sort()
print(json.dumps({"mb_per_cpu_s": nbytes / 1e6 / cpu, "mb_per_wall_s": nbytes / 1e6 / wall, "tagger_load_s": tagger_load,
                  "post_median_ms": statistics.median(lat) * 1e3,
                  "post_p99_ms": lat[int(0.99 * len(lat))] * 1e3}))
"""

_WRK_LUA = """
local bodies = {}
local f = io.open("%s", "r")
for line in f:lines() do bodies[#bodies + 1] = line end
f:close()
local i = 0
request = function()
  i = i %% #bodies + 1
  return wrk.format("POST", "/v1/scan", {["Content-Type"] = "application/json",
                    ["Authorization"] = "Bearer %s"}, bodies[i])
end
"""


# ------------------------------------------------------------------ helpers


def checkout(base: str) -> Path:
    """A path to the base code: an existing folder, or a worktree of the revision (kept between runs)."""
    if Path(base).is_dir():
        return Path(base).resolve()
    sha = subprocess.run(["git", "rev-parse", "--short", base], cwd=REPO, capture_output=True, text=True,
                         check=True).stdout.strip()
    path = Path(tempfile.gettempdir()) / f"govscan-speed-base-{sha}"
    if not (path / "scanner").is_dir():
        subprocess.run(["git", "worktree", "add", "--detach", "-f", str(path), sha], cwd=REPO, check=True,
                       capture_output=True)
    return path


class Side:
    def __init__(self, name: str, path: Path, work: Path):
        self.name, self.path = name, path
        self.cache = work / f"cache-{name}"
        self.env = {**os.environ, "PYTHONPATH": str(path), "GOVSCAN_CACHE_DIR": str(self.cache),
                    "GOVSCAN_SHARED": os.environ.get("GOVSCAN_SHARED", str(REPO.parent / "shared"))}
        self.env.pop("GOVSCAN_NO_CACHE", None)
        # byte-compiled modules, as an installed package runs (pip byte-compiles what it installs;
        # a development sandbox that sets PYTHONDONTWRITEBYTECODE would charge every fresh process
        # ~0.1 s of compiling the checkout's sources, which no user pays)
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.cli = [sys.executable, "-c", "import sys; from scanner.cli import main; sys.exit(main())"]

    def run(self, args: list[str], **kw) -> subprocess.CompletedProcess:
        return subprocess.run(args, env=self.env, cwd=kw.pop("cwd", self.path), capture_output=True, text=True,
                              **kw)


def wall_and_rss(side: Side, args: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one whole process."""
    t = time.perf_counter()
    p = subprocess.Popen(args, env=side.env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    code = os.waitstatus_to_exitcode(status)
    p.returncode = code
    if code not in (0, 1):
        sys.exit(f"{side.name}: {' '.join(args[-4:])} failed ({code}): {p.stderr.read().decode()[-800:]}")
    return wall, ru.ru_maxrss / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


def cpu_ticks(pids: list[int]) -> int:
    """User + system clock ticks (``os.sysconf("SC_CLK_TCK")`` a second) of ``pids`` from /proc."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except OSError:
            pass
    return total


def peak_rss(pid: int) -> float:
    """The peak RSS of a running process in MiB (``VmHWM`` in /proc/PID/status, kept by the
    kernel: one cheap read, unlike :func:`rss_pss`), 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


#: seconds between two reads of a process's smaps_rollup while a run is timed (see :func:`rss_pss`)
PSS_EVERY = 0.5


def rss_pss(pid: int) -> tuple[float, float]:
    """RSS and PSS of a process in MiB (smaps_rollup), (0, 0) when it is gone.

    Dear: the kernel walks the process's page tables (measured ~1.5 ms of CPU for 100 MiB, ~5 ms
    for a 330 MiB rescan worker), and a benchmark that reads it every 0.05–0.1 s for each of two
    workers takes 10–20% of a core from a run that needs both cores (the one-worker run leaves a
    core free for it): the two-worker figure came out lower for the sampling. Timed runs read it
    every :data:`PSS_EVERY` seconds and take the peak RSS from :func:`peak_rss`."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss / 1024, pss / 1024


def cpu_busy(seconds: float = 0.5) -> float:
    def sample():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + v[4]
    t0, i0 = sample()
    time.sleep(seconds)
    t1, i1 = sample()
    return 1 - (i1 - i0) / max(1, t1 - t0)


# ------------------------------------------------------------------ the measurements


def m_startup(side: Side) -> dict:
    p = side.run([sys.executable, "-c", _STARTUP], check=True)
    return {"startup_s": float(p.stdout.split()[-1])}


def m_cli(side: Side, draft: Path) -> dict:
    wall, rss = wall_and_rss(side, side.cli + ["scan", str(draft), "--format", "json"], cwd=draft.parent)
    return {"cli_s": wall, "cli_rss_mib": rss}


def m_scan(side: Side, texts: Path, posts: Path) -> dict:
    p = side.run([sys.executable, "-c", _SCAN, str(texts), str(posts)])
    if p.returncode:
        sys.exit(f"{side.name}: scan failed: {p.stderr[-800:]}")
    d = json.loads(p.stdout.strip().splitlines()[-1])
    return {"scan_mbps": d["mb_per_cpu_s"], "scan_wall_mbps": d["mb_per_wall_s"],
            "tagger_load_s": d.get("tagger_load_s", 0.0),
            "post_median_ms": d["post_median_ms"], "post_p99_ms": d["post_p99_ms"]}


def m_service(side: Side, bodies: Path, work: Path, duration: float) -> dict:
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
        c0 = cpu_ticks(workers)
        p = subprocess.run(["wrk", "-t2", "-c8", f"-d{duration:g}s", "--latency", "-s", str(lua), url],
                           capture_output=True, text=True, check=True)
        c1 = cpu_ticks(workers)
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", p.stdout).group(1))
        n = int(re.search(r"(\d+) requests in", p.stdout).group(1))
        m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", p.stdout, re.M)
        p99 = float(m.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[m.group(2)]
        bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", p.stdout)
        errors = int(bad.group(1)) if bad else 0
        cpu_ms = (c1 - c0) / os.sysconf("SC_CLK_TCK") * 1e3 / max(1, n)  # the workers' CPU per request
        return {"service_rps": rps, "service_p99_ms": p99, "service_errors": errors, "service_cpu_ms": cpu_ms}
    finally:
        srv.terminate()
        try:
            srv.wait(20)
        except subprocess.TimeoutExpired:
            srv.kill()
        log.close()


_CEILING = r"""
import json, sys, time
from scanner import Scanner
texts = json.load(open(sys.argv[1], encoding="utf-8"))
s = Scanner()
for t in texts[:50]:
    s.scan(t)
try:  # the person-name tagger, loaded before timing as in the full scan above
    from scanner import person_model
    person_model.warm()
except ImportError:
    pass
sys.stdout.write("ready\n"); sys.stdout.flush()
sys.stdin.readline()
t0 = time.perf_counter()
for t in texts:
    s.scan(t)
print(time.perf_counter() - t0)
"""


def m_ceiling(side: Side, texts: Path) -> dict:
    """What two cores give two independent scanning processes (no pool, no pipes, no writer): the
    machine's own ceiling for ``rescan --workers 2`` against ``--workers 1``."""
    def together(n: int) -> float:
        procs = [subprocess.Popen([sys.executable, "-c", _CEILING, str(texts)], env=side.env, cwd=side.path,
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for _ in range(n)]
        for p in procs:
            assert p.stdout.readline().strip() == "ready"
        for p in procs:  # start them at once
            p.stdin.write("go\n")
            p.stdin.flush()
        return max(float(p.communicate()[0].split()[-1]) for p in procs)

    one = together(1)
    two = together(2)
    return {"ceiling_ratio": 2 * one / two}


def m_rescan(side: Side, corpus: Path, records: int, work: Path) -> dict:
    out: dict = {}
    for workers in (1, 2):
        dest = work / f"rescan-{side.name}-{workers}"
        shutil.rmtree(dest, ignore_errors=True)
        p = subprocess.Popen(side.cli + ["rescan", str(corpus), "--out", str(dest), "--no-progress", "--json",
                                         "--workers", str(workers)], env=side.env, cwd=work,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        peak: dict[int, tuple[float, float]] = {}
        last_pss = 0.0
        while p.poll() is None:
            pids = proc_children(p.pid) if workers > 1 else [p.pid]
            pss_now = time.monotonic() - last_pss >= PSS_EVERY  # (dear: see rss_pss)
            if pss_now:
                last_pss = time.monotonic()
            for pid in pids:
                old = peak.get(pid, (0.0, 0.0))
                pss = rss_pss(pid)[1] if pss_now or not old[1] else 0.0
                peak[pid] = (max(old[0], peak_rss(pid)), max(old[1], pss))
            time.sleep(0.1)
        stdout, stderr = p.communicate()
        if p.returncode not in (0, 1):
            sys.exit(f"{side.name}: rescan --workers {workers} failed: {stderr.decode()[-800:]}")
        st = json.loads(stdout)
        assert st["status"] == "finished" and st["records"] == records, st
        out[f"rescan_{workers}_rps"] = records / st["scan_seconds"]
        vals = [v for v in peak.values() if v[0] > 0]
        out[f"rescan_{workers}_rss_mib"] = max((v[0] for v in vals), default=float("nan"))
        out[f"rescan_{workers}_pss_mib"] = max((v[1] for v in vals), default=float("nan"))
    out["rescan_ratio"] = out["rescan_2_rps"] / out["rescan_1_rps"]
    return out


# ------------------------------------------------------------------ driver


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", default=DEFAULT_BASE, help=f"revision or folder to compare with (default {DEFAULT_BASE})")
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--rounds", type=int, help="rounds, A and B alternating (default 3; --quick: 1)")
    ap.add_argument("--duration", type=float, help="seconds of wrk load per service run (default 10; --quick: 3)")
    ap.add_argument("--quick", action="store_true", help="a tenth of the texts, 1 round, 3 s of load: a smoke run")
    ap.add_argument("--only", default=",".join(ROWS), help="comma-separated subset of " + ",".join(ROWS))
    ap.add_argument("--json", type=Path, help="also write every measurement as JSON")
    args = ap.parse_args()
    only = set(args.only.split(","))
    if unknown := only - set(ROWS):
        ap.error(f"unknown rows: {', '.join(sorted(unknown))}")
    args.rounds = args.rounds or (1 if args.quick else 3)
    args.duration = args.duration or (3.0 if args.quick else 10.0)
    if not args.data.is_dir():
        print(f"no official texts at {args.data}: nothing to measure")
        return 0
    if "service" in only and not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian package wrk): install it or leave out the service row")

    work = Path(tempfile.mkdtemp(prefix="speed_table_"))
    recs = list(official_records(args.data))
    if args.quick:
        recs = recs[::10]
    texts = [r[4] for r in recs]
    (work / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    posts = speed_posts(recs)
    (work / "posts.json").write_text(json.dumps(posts, ensure_ascii=False), encoding="utf-8")
    (work / "bodies.jsonl").write_text("".join(json.dumps({"id": f"p{i}", "text": t}, ensure_ascii=False) + "\n"
                                               for i, t in enumerate(posts)), encoding="utf-8")
    draft = work / "draft.txt"
    draft.write_text(posts[len(posts) // 2], encoding="utf-8")
    corpus = work / "corpus.jsonl"
    with open(corpus, "w", encoding="utf-8") as f:
        for _, account, i, o, text in recs:
            f.write(json.dumps({"id": f"{account}-{i}", "text": text, "account": account}, ensure_ascii=False) + "\n")
    nbytes = sum(len(t.encode("utf-8")) for t in texts)

    a = Side("A", REPO, work)
    b = Side("B", checkout(args.base), work)
    head = {s.name: s.run(["git", "log", "-1", "--format=%h %s"]).stdout.strip()[:70] for s in (a, b)}
    print(f"A: {head['A']}\nB: {head['B']} ({b.path})")
    print(f"texts: {len(texts):,} official texts, {nbytes / 1e6:.1f} MB UTF-8; posts: {len(posts)} × 2,000 chars; "
          f"rounds: {args.rounds}; {os.cpu_count()} CPUs; work folder {work}", flush=True)
    for s in (a, b):  # warm each side's compiled cache (and jieba's) before anything is timed
        s.run([sys.executable, "-c", _STARTUP], check=True)
        s.run([sys.executable, "-c", _STARTUP], check=True)

    results: dict[str, dict[str, list[float]]] = {"A": {}, "B": {}}
    busy: list[float] = []
    for r in range(args.rounds):
        for s in ((a, b) if r % 2 == 0 else (b, a)):
            busy.append(cpu_busy(0.3))
            got: dict = {}
            if "startup" in only:
                for _ in range(3):
                    for k, v in m_startup(s).items():
                        results[s.name].setdefault(k, []).append(v)
            if "cli" in only:
                for _ in range(3):
                    for k, v in m_cli(s, draft).items():
                        results[s.name].setdefault(k, []).append(v)
            if "scan" in only or "post" in only:
                got.update(m_scan(s, work / "texts.json", work / "posts.json"))
            if "service" in only:
                got.update(m_service(s, work / "bodies.jsonl", work, args.duration))
            if "rescan" in only:
                got.update(m_rescan(s, corpus, len(texts), work))
                if s is a:
                    got.update(m_ceiling(s, work / "texts.json"))
            for k, v in got.items():
                results[s.name].setdefault(k, []).append(v)
            print(f"  round {r + 1} {s.name}: " + ", ".join(f"{k} {v:.3g}" for k, v in got.items()), flush=True)

    med = {n: {k: statistics.median(v) for k, v in d.items()} for n, d in results.items()}
    rows = [
        ("startup", "`Scanner()` in a fresh process, s", "startup_s", "{:.2f}", False),
        ("cli", "CLI one 2,000-char draft, whole process, s", "cli_s", "{:.2f}", False),
        ("cli", "CLI one draft, peak RSS MiB", "cli_rss_mib", "{:.0f}", False),
        ("scan", "full scan, MB/s per core (CPU time)", "scan_mbps", "{:.1f}", True),
        ("scan", "full scan, MB/s wall", "scan_wall_mbps", "{:.1f}", True),
        ("scan", "person-name tagger's one-time load before the scan, s (0: none)", "tagger_load_s", "{:.2f}", False),
        ("post", "2,000-char post, median ms", "post_median_ms", "{:.2f}", False),
        ("post", "2,000-char post, p99 ms", "post_p99_ms", "{:.2f}", False),
        ("service", "service req/s (wrk, 8 conn., 2 workers)", "service_rps", "{:,.0f}", True),
        ("service", "service p99 ms", "service_p99_ms", "{:.1f}", False),
        ("service", "service non-2xx answers", "service_errors", "{:.0f}", False),
        ("rescan", "rescan records/s, 1 worker", "rescan_1_rps", "{:,.0f}", True),
        ("rescan", "rescan records/s, 2 workers", "rescan_2_rps", "{:,.0f}", True),
        ("rescan", "rescan 2 workers / 1", "rescan_ratio", "{:.2f}×", True),
        ("rescan", "rescan peak RSS per worker MiB (PSS)", "rescan_2_rss_mib", "{:.0f}", False),
        ("rescan", "two independent scanning processes / one (the machine's ceiling)", "ceiling_ratio", "{:.2f}×",
         True),
    ]
    print()
    print("| measure | A: this checkout | B: base | A/B | anchor (issue 14) | target |")
    print("|---|---:|---:|---:|---|---|")
    for row, label, key, fmt, _higher in rows:
        if row not in only or key not in med["A"]:
            continue
        va, vb = med["A"][key], med["B"].get(key, float("nan"))
        ratio = va / vb if vb else float("nan")
        anchor, target = ANCHORS.get(key, ("", ""))
        sa, sb = fmt.format(va), fmt.format(vb)
        if key == "rescan_2_rss_mib":
            sa += f" ({med['A']['rescan_2_pss_mib']:.0f})"
            sb += f" ({med['B']['rescan_2_pss_mib']:.0f})"
        print(f"| {label} | {sa} | {sb} | {ratio:.2f} | {anchor} | {target} |")
    print(f"\nCPUs busy before each side's round (other work on the machine): "
          + ", ".join(f"{x:.0%}" for x in busy))
    if args.json:
        args.json.write_text(json.dumps({"heads": head, "runs": results, "medians": med, "busy": busy}, indent=1))
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
