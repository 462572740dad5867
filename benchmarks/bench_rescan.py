#!/usr/bin/env python3
"""Archive re-scan benchmark on the real official texts in ../shared/data (issue 6).

Re-scans about 11,600 records / 7.4 million characters (新闻联播 items, government work reports,
party congress reports, State Council policies) three ways side by side, in one run:

  * 1 process      scanner rescan … --workers 1   (scanning and writing in one process)
  * all cores      scanner rescan … --workers N   (a pool, one Scanner per process)
  * Spark local[2] scanner rescan … --engine spark --spark-master local[2]

Every run is the real command in a fresh process, as an operator runs it (a long-lived process
that re-scans again and again ends up with a fragmented heap that makes every fork dearer — not
what the command does). The command's own --json summary gives the scan phase — from the first
record read to the last result committed to results.jsonl + results.sqlite — from which records/s
and MB/s (UTF-8 of the scanned text) are computed, and the setup before it (building the Scanner,
starting the workers; for Spark: starting the JVM and building the Scanner in each executor's
Python worker). The modes run interleaved, --repeat times, each after waiting (up to --wait-idle
seconds) for the CPUs to be idle, since other jobs on the machine slow a parallel run far more
than a serial one; the table shows medians. All modes must write byte-identical results.jsonl.
Then it writes the patrol report of the all-cores run.

usage: python benchmarks/bench_rescan.py [--data DIR] [--repeat 5] [--wait-idle 120] [--no-spark]
                                        [--report FILE] [--json OUT] [--keep DIR]
       python benchmarks/bench_rescan.py --base PATH [--repeat 3] [--wait-idle 60]

With ``--base PATH`` (another checkout, e.g. a ``git worktree`` of main) it compares instead: in
every round, after waiting for idle CPUs, the base and this checkout each run ``--workers 1`` and
``--workers 2`` (order alternating between rounds), then the machine's ceiling (two independent
processes scanning the texts in a loop against one, as ``speed_table.py`` measures it). Per run it
samples /proc every 0.05 s: the main process's CPU and each worker's CPU during the scan phase
(from the sample nearest the end of the setup), and each worker's peak RSS / PSS. It prints the
medians per side, the same-run ratios, the load average before each round, and whether the two
sides wrote the same results (JSONL byte for byte; the ``scans`` and ``findings`` rows, all
columns but ``scanned_at``).
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
sys.path.insert(0, str(REPO / "benchmarks"))

from corpora import official_records  # noqa: E402
from speed_table import Side, m_ceiling  # noqa: E402
from speed_table import proc_children as _children  # noqa: E402
from speed_table import PSS_EVERY  # noqa: E402
from speed_table import peak_rss as _peak_rss  # noqa: E402
from speed_table import rss_pss as _rss_pss  # noqa: E402

def cpu_busy(seconds: float = 1.0) -> float | None:
    """Fraction of all CPUs busy over ``seconds`` (Linux /proc/stat), None elsewhere."""
    def sample():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v), v[3] + v[4]  # total, idle + iowait

    try:
        t0, i0 = sample()
        time.sleep(seconds)
        t1, i1 = sample()
    except OSError:
        return None
    return 1 - (i1 - i0) / max(1, t1 - t0)


def wait_idle(limit: float) -> float | None:
    """Wait up to ``limit`` seconds for the machine to be idle (other jobs skew a parallel
    benchmark far more than a serial one); returns the busy fraction seen last."""
    deadline = time.monotonic() + limit
    busy = cpu_busy()
    while busy is not None and busy > 0.10 and time.monotonic() < deadline:
        busy = cpu_busy()
    return busy


def build_corpus(data: Path, out: Path) -> tuple[int, int, int]:
    """One JSONL of every official text: id, text, title, date, account (= the corpus).
    Returns (records, characters, UTF-8 bytes of the texts)."""
    n = chars = nbytes = 0
    with open(out, "w", encoding="utf-8") as f:
        for _, account, i, o, text in official_records(data):
            date = o.get("date") or o.get("year") or o.get("congress")
            f.write(json.dumps({"id": f"{account}-{i}", "text": text, "title": o.get("title"),
                                "date": date, "account": account}, ensure_ascii=False) + "\n")
            n += 1
            chars += len(text)
            nbytes += len(text.encode("utf-8"))
    return n, chars, nbytes


# ------------------------------------------------------------------ --base: this checkout against another
_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_cpu(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            v = f.read().rsplit(")", 1)[1].split()
        return (int(v[11]) + int(v[12])) / _TCK
    except (OSError, IndexError):
        return None


def _run_sampled(tree: Path, corpus: Path, out: Path, workers: int) -> dict:
    """One ``scanner rescan`` of ``tree``'s code; CPU of the main process and of every worker
    during the scan phase, peak RSS / PSS per worker."""
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    t0 = time.monotonic()
    p = subprocess.Popen([sys.executable, "-m", "scanner.cli", "rescan", str(corpus), "--out", str(out),
                          "--no-progress", "--json", "--workers", str(workers)],
                         env=env, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    samples: dict[int, list[tuple[float, float]]] = {}
    peak: dict[int, tuple[float, float]] = {}
    last_pss = 0.0
    while p.poll() is None:
        now = time.monotonic() - t0
        pss_now = now - last_pss >= PSS_EVERY  # smaps_rollup is dear (speed_table.rss_pss): not every 0.05 s
        if pss_now:
            last_pss = now
        for pid in [p.pid] + (_children(p.pid) if workers > 1 else []):
            c = _proc_cpu(pid)
            if c is not None:
                samples.setdefault(pid, []).append((now, c))
            if pid != p.pid:
                o = peak.get(pid, (0.0, 0.0))
                pss = _rss_pss(pid)[1] if pss_now or not o[1] else 0.0
                peak[pid] = (max(o[0], _peak_rss(pid)), max(o[1], pss))
        time.sleep(0.05)
    ended = time.monotonic() - t0
    stdout, stderr = p.communicate()
    if p.returncode not in (0, 1):
        sys.exit(f"{tree}: rescan --workers {workers} failed:\n{stderr.decode(errors='replace')[-1500:]}")
    st = json.loads(stdout)
    # the scan phase began (scan + what follows it in the command) before the process ended; the
    # interpreter's exit after that is not counted, so this errs a few tens of ms late
    start = ended - (st["wall_seconds"] - st["setup_seconds"])

    def during(pid: int) -> float:
        s = samples[pid]
        at = min(s, key=lambda x: abs(x[0] - start))[1]
        return s[-1][1] - at

    workers_cpu = [during(pid) for pid in samples if pid != p.pid and len(samples[pid]) > 1]
    return {"scan_s": st["scan_seconds"], "setup_s": st["setup_seconds"], "records": st["records"],
            "main_cpu_s": st["main_cpu_seconds"], "workers_cpu_s": workers_cpu,
            "worker_peak": [v for v in peak.values() if v[0] > 0]}


def _ceiling(tree: Path, texts: Path) -> float:
    """The machine's ceiling (two independent scanning processes against one): the speed table's."""
    return m_ceiling(Side("ceiling", tree, texts.parent), texts)["ceiling_ratio"]


def _rows(db: Path) -> tuple[list, list]:
    import sqlite3

    con = sqlite3.connect(db)
    cols = [r[1] for r in con.execute("PRAGMA table_info(scans)") if r[1] != "scanned_at"]
    scans = con.execute(f"SELECT {', '.join(cols)} FROM scans ORDER BY pos").fetchall()
    finds = con.execute("SELECT * FROM findings ORDER BY pos, idx").fetchall()
    con.close()
    return scans, finds


def compare(args) -> int:
    med = statistics.median
    base = args.base.resolve()
    work = Path(tempfile.mkdtemp(prefix="bench_rescan_ab_"))
    corpus = work / "official_texts.jsonl"
    records, _, text_bytes = build_corpus(args.data, corpus)
    texts = work / "texts.json"
    texts.write_text(json.dumps([json.loads(line)["text"] for line in corpus.open(encoding="utf-8")],
                                ensure_ascii=False), encoding="utf-8")
    sides = [("base", base), ("this", REPO)]
    print(f"corpus: {records:,} records, {text_bytes / 1e6:.1f} MB UTF-8 text; base {base}, this {REPO}")
    res: dict[tuple[str, int], list[dict]] = {}
    ceil: list[float] = []
    loads: list[str] = []
    for r in range(args.repeat):
        order = sides if r % 2 == 0 else sides[::-1]
        for name, tree in order:
            for w in (1, 2):
                busy = wait_idle(args.wait_idle) if args.wait_idle else None
                la = os.getloadavg()[0]
                m = _run_sampled(tree, corpus, work / f"{name}-{w}", w)
                assert m["records"] == records, m
                m["busy_before"], m["load1"] = busy, la
                res.setdefault((name, w), []).append(m)
                wc = " + ".join(f"{c:.2f}" for c in m["workers_cpu_s"])
                print(f"  round {r + 1} {name} --workers {w}: scan {m['scan_s']:.2f} s ({records / m['scan_s']:,.0f} "
                      f"rec/s), setup {m['setup_s']:.2f} s, main CPU {m['main_cpu_s']:.2f} s"
                      + (f", workers CPU {wc} s" if wc else "") + f"; load {la:.2f}", flush=True)
        if args.wait_idle:
            wait_idle(args.wait_idle)
        loads.append(f"{os.getloadavg()[0]:.2f}")
        ceil.append(_ceiling(REPO, texts))
        print(f"  round {r + 1} ceiling (2 independent processes / 1): {ceil[-1]:.2f}x", flush=True)
    same_jsonl = (work / "base-1" / "results.jsonl").read_bytes() == (work / "this-1" / "results.jsonl").read_bytes() \
        == (work / "this-2" / "results.jsonl").read_bytes() == (work / "base-2" / "results.jsonl").read_bytes()
    ref = _rows(work / "base-1" / "results.sqlite")
    same_rows = all(_rows(work / f"{n}-{w}" / "results.sqlite") == ref for n in ("base", "this") for w in (1, 2))
    print()
    print("| side | rec/s 1 worker | rec/s 2 workers | 2 / 1 (median of rounds) | main CPU s, 1 / 2 workers | "
          "workers CPU s (sum) | setup s, 1 / 2 | peak RSS / PSS per worker MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, _ in sides:
        one, two = res[(name, 1)], res[(name, 2)]
        ratios = [a["scan_s"] / b["scan_s"] for a, b in zip(one, two)]
        rss = max((v[0] for m in two for v in m["worker_peak"]), default=0)
        pss = max((v[1] for m in two for v in m["worker_peak"]), default=0)
        print(f"| {name} | {records / med(m['scan_s'] for m in one):,.0f} | {records / med(m['scan_s'] for m in two):,.0f} "
              f"| {med(ratios):.2f}x ({', '.join(f'{x:.2f}' for x in ratios)}) "
              f"| {med(m['main_cpu_s'] for m in one):.2f} / {med(m['main_cpu_s'] for m in two):.2f} "
              f"| {med(sum(m['workers_cpu_s']) for m in two):.2f} "
              f"| {med(m['setup_s'] for m in one):.2f} / {med(m['setup_s'] for m in two):.2f} | {rss:.0f} / {pss:.0f} |")
    print(f"ceiling, two independent scanning processes / one: {med(ceil):.2f}x ({', '.join(f'{x:.2f}' for x in ceil)}); "
          f"load average (1 min) before each run: {', '.join(format(m['load1'], '.2f') for k in res for m in res[k])}")
    print(f"same results.jsonl (byte for byte): {'yes' if same_jsonl else 'NO'}; same scans/findings rows "
          f"(all columns but scanned_at): {'yes' if same_rows else 'NO'}")
    if args.json:
        args.json.write_text(json.dumps({"records": records, "ceiling": ceil, "same_jsonl": same_jsonl,
                                         "same_rows": same_rows,
                                         "runs": {f"{k[0]}-{k[1]}": v for k, v in res.items()}}, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    return 0 if same_jsonl and same_rows else 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--workers", type=int, default=0, help="all cores (default: every core of this machine)")
    ap.add_argument("--no-spark", action="store_true")
    ap.add_argument("--spark-master", default="local[2]")
    ap.add_argument("--report", type=Path, help="write the patrol report of the all-cores run here")
    ap.add_argument("--json", type=Path, help="write the measurements as JSON")
    ap.add_argument("--wait-idle", type=float, default=120, metavar="SECONDS",
                    help="before each run wait up to this long for the CPUs to be idle (default 120; 0: never)")
    ap.add_argument("--keep", type=Path, help="keep the results folders here (default: a temporary folder)")
    ap.add_argument("--base", type=Path, help="compare with this other checkout (see above) instead")
    args = ap.parse_args()
    if args.base:
        return compare(args)

    from scanner.batch.report import write_report
    from scanner.batch.runner import cpu_count

    work = Path(tempfile.mkdtemp(prefix="bench_rescan_"))
    corpus = work / "official_texts.jsonl"
    records, chars, text_bytes = build_corpus(args.data, corpus)
    cores = args.workers or cpu_count()
    print(f"corpus: {records:,} records, {chars / 1e6:.2f} million characters, {text_bytes / 1e6:.1f} MB UTF-8 text "
          f"({corpus.stat().st_size / 1e6:.1f} MB JSONL); machine: {os.cpu_count()} CPUs, {cores} usable")

    exe = Path(sys.executable).with_name("scanner")
    cli = [str(exe)] if exe.exists() else [sys.executable, "-m", "scanner.cli"]
    modes = [("1 process", ["--workers", "1"]), (f"all cores ({cores})", ["--workers", str(cores)])]
    if not args.no_spark:
        modes.append((f"Spark {args.spark_master}", ["--engine", "spark", "--spark-master", args.spark_master]))
    runs: dict[str, list] = {}
    outs: dict[str, Path] = {}
    env = {**os.environ, "PYSPARK_PYTHON": os.environ.get("PYSPARK_PYTHON", sys.executable),
           "SPARK_LOCAL_IP": os.environ.get("SPARK_LOCAL_IP", "127.0.0.1")}
    spark_note = ""
    # every run is the real command in a fresh process, as an operator runs it; interleaved
    for r in range(args.repeat):
        for name, extra in list(modes):
            out = work / f"{name.split()[0]}-{r}"
            busy = wait_idle(args.wait_idle) if args.wait_idle else cpu_busy(0.2)
            t = time.monotonic()
            p = subprocess.run(cli + ["rescan", str(corpus), "--out", str(out), "--no-progress", "--json"] + extra,
                               capture_output=True, env=env, timeout=1800)
            wall = time.monotonic() - t
            if p.returncode not in (0, 1) or not p.stdout.strip():
                if name.startswith("Spark"):  # no java / pyspark: say so, measure the rest
                    spark_note = p.stderr.decode(errors="replace").strip().splitlines()[-1:]
                    print(f"Spark skipped: {spark_note}")
                    modes = [m for m in modes if m[0] != name]
                    continue
                sys.exit(f"{name} failed:\n{p.stderr.decode(errors='replace')}")
            st = json.loads(p.stdout)
            assert st["status"] == "finished" and st["records"] == records, st
            runs.setdefault(name, []).append((st["scan_seconds"], st["setup_seconds"], wall, st, busy))
            outs.setdefault(name, out)
            seen = "?" if busy is None else f"{busy:.0%}"
            print(f"  run {r + 1} {name:<22} scan {st['scan_seconds']:6.2f} s   setup {st['setup_seconds']:5.2f} s   "
                  f"whole command {wall:5.1f} s   CPUs busy before: {seen}", flush=True)

    ref = outs[modes[0][0]] / "results.jsonl"
    same = all((outs[n] / "results.jsonl").read_bytes() == ref.read_bytes() for n, _ in modes)
    base = statistics.median(x[0] for x in runs[modes[0][0]])
    print()
    print(f"| mode | records/s | MB/s | scan s (median of {args.repeat}) | setup s | whole command s | speed-up |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    table = []
    for name, _ in modes:
        scan = statistics.median(x[0] for x in runs[name])
        setup = statistics.median(x[1] for x in runs[name])
        whole = statistics.median(x[2] for x in runs[name])
        row = {"mode": name, "records_per_s": records / scan, "mb_per_s": text_bytes / 1e6 / scan, "scan_s": scan,
               "setup_s": setup, "whole_s": whole, "speedup": base / scan, "scan_runs": [x[0] for x in runs[name]],
               "busy_before": [x[4] for x in runs[name]]}
        table.append(row)
        print(f"| {name} | {row['records_per_s']:,.0f} | {row['mb_per_s']:.1f} | {scan:.2f} | {setup:.2f} | "
              f"{whole:.1f} | {row['speedup']:.2f}× |")
    first = runs[modes[0][0]][0][3]
    print(f"results: {first['block']:,} block, {first['review']:,} review, {first['passed']:,} pass, "
          f"{first['errors']:,} errors, {first['findings']:,} findings; identical results.jsonl across modes: "
          f"{'yes' if same else 'NO'}")
    target = table[1]["speedup"]
    ok = target >= 1.7
    print(f"all cores vs 1 process: {target:.2f}× — target ≥ 1.7×: {'met' if ok else 'NOT met'}")
    if args.report:
        write_report(outs[modes[1][0]], args.report, title="政务新媒体内容安全巡查记录（示例）",
                     org="govscan 基准测试（示例）",
                     scope="公开政务文本：新闻联播文字稿（2022—2024）、历届政府工作报告、中共全国代表大会报告、"
                           "2019 年国务院政策文件，共 11,635 篇（仓库外 ../shared/data，仅用于测量）")
        print(f"report: {args.report}")
    if args.json:
        args.json.write_text(json.dumps({"records": records, "chars": chars, "text_bytes": text_bytes, "cores": cores,
                                         "identical": same, "table": table},
                                        ensure_ascii=False, indent=2), encoding="utf-8")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for name, out in outs.items():
            shutil.copytree(out, args.keep / out.name, dirs_exist_ok=True)
    shutil.rmtree(work, ignore_errors=True)
    return 0 if ok and same else 1


if __name__ == "__main__":
    sys.exit(main())
