#!/usr/bin/env python3
"""Full-scan benchmark on the real official texts in ../shared/data.

Prints, in one run:
  * cold start (a fresh process importing the library and building Scanner()), build time, memory;
  * full-scan throughput in MB/s of UTF-8 input, one core, per corpus (median of --repeat runs);
  * latency of one 2,000-character post (median and p99 over many posts): news, and posts made of
    the generated personal-data records of bench_pii (公示 lists, notices: the dense worst case);
  * findings per million characters by severity, and with --list every `block` and `review`
    finding in context
    (the false-alarm review of issue 2: each one is read and either kept or fixed).

usage: python benchmarks/bench_scan.py [--data DIR] [--repeat 5] [--list] [--json OUT]
"""
from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpora import official_records  # noqa: E402

def load(data: Path):
    """[(name, [texts])] per official corpus, in OFFICIAL_CORPORA order."""
    corpora: dict[str, list[str]] = {}
    for key, label, _, _, text in official_records(data):
        corpora.setdefault(f"{key} ({label})", []).append(text)
    return list(corpora.items())


def posts_of(docs, size=2000, count=400):
    """Cut 2,000-character posts out of the news items (consecutive items joined)."""
    joined = "\n".join(docs)
    step = max(size, (len(joined) - size) // count)
    return [joined[i:i + size] for i in range(0, len(joined) - size, step)][:count]


def cold_start() -> tuple[float, float, float]:
    """Median and min seconds of import + Scanner() + a first scan in a new process, and the median
    milliseconds of the first scan there that needs the personal-data tables and the name model
    (a 公示 row): lazy loading would show up there, on a publishing tool's first request."""
    code = ("import time; t=time.perf_counter(); from scanner import Scanner; s=Scanner(); "
            "s.scan('台湾总统'); d=time.perf_counter()-t; t=time.perf_counter(); "
            "s.scan('公示如下：\\n1. 向宁超，男，身份证号11010519491231002X\\n被告人孔平犯盗窃罪'); "
            "print(d, time.perf_counter()-t)")
    times, first = [], []
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
        a, b = out.stdout.split()
        times.append(float(a))
        first.append(float(b) * 1000)
    return statistics.median(times), min(times), statistics.median(first)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--list", action="store_true", help="print every block finding with context")
    ap.add_argument("--json", help="write the numbers to this file")
    args = ap.parse_args()

    corpora = load(Path(args.data))
    cs_median, cs_min, first_pd = cold_start()

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    from scanner import Scanner

    scanner = Scanner()
    build = time.perf_counter() - t
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    info = scanner.info()

    print(f"govscan full-scan benchmark  ·  lexicon {info['lexicon_version']}  ·  {info['terms']} terms  ·  "
          f"matcher {info['matcher']}  ·  python {sys.version.split()[0]}")
    print(f"cold start (new process: import + Scanner() + first scan): median {cs_median:.2f} s, min {cs_min:.2f} s; "
          f"then the first scan with personal data and the name model: {first_pd:.1f} ms")
    print(f"Scanner() build in this process: {build:.2f} s; max RSS after build {rss1 / 1024:.0f} MiB "
          f"(+{(rss1 - rss0) / 1024:.0f} MiB)")
    print()

    results = {"lexicon_version": info["lexicon_version"], "terms": info["terms"], "cold_start_s": cs_median,
               "first_personal_scan_ms": first_pd,
               "build_s": build, "rss_mib": rss1 / 1024, "corpora": {}}
    header = f"{'corpus':28} {'docs':>6} {'chars':>10} {'MB':>7} {'MB/s':>7} {'block':>6} {'review':>6} {'info':>6} {'block/Mch':>9} {'review/Mch':>10}"
    print(header)
    print("-" * len(header))
    all_block = []
    tot_chars = tot_bytes = tot_time = 0
    tot_sev = Counter()
    for name, docs in corpora:
        nbytes = sum(len(d.encode("utf-8")) for d in docs)
        nchars = sum(len(d) for d in docs)
        times = []
        for _ in range(args.repeat):
            gc.collect()
            t = time.perf_counter()
            for d in docs:
                scanner.scan(d)
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        sev = Counter()
        for i, d in enumerate(docs):
            for f in scanner.scan(d).findings:
                sev[f.severity] += 1
                if f.severity in ("block", "review"):
                    all_block.append((name, i, d, f))
        tot_chars += nchars
        tot_bytes += nbytes
        tot_time += med
        tot_sev.update(sev)
        mch = nchars / 1e6
        print(f"{name:28} {len(docs):>6} {nchars:>10} {nbytes / 1e6:>7.2f} {nbytes / 1e6 / med:>7.1f} {sev['block']:>6} "
              f"{sev['review']:>6} {sev['info']:>6} {sev['block'] / mch:>9.2f} {sev['review'] / mch:>10.2f}")
        results["corpora"][name] = {"docs": len(docs), "chars": nchars, "bytes": nbytes, "mb_s": nbytes / 1e6 / med,
                                    "severity": dict(sev)}
    mch = tot_chars / 1e6
    print(f"{'ALL':28} {'':>6} {tot_chars:>10} {tot_bytes / 1e6:>7.2f} {tot_bytes / 1e6 / tot_time:>7.1f} "
          f"{tot_sev['block']:>6} {tot_sev['review']:>6} {tot_sev['info']:>6} {tot_sev['block'] / mch:>9.2f} "
          f"{tot_sev['review'] / mch:>10.2f}")
    results["all"] = {"mb_s": tot_bytes / 1e6 / tot_time, "block_per_mchar": tot_sev["block"] / mch,
                      "review_per_mchar": tot_sev["review"] / mch}

    import pii_dataset

    print()
    for key, label, posts in (
            ("post_2000", "2,000-character news posts", posts_of(corpora[0][1])),
            # the publishing path's worst case: 公示 lists, penalty notices … dense with names and numbers
            ("post_2000_personal", "2,000-character posts of personal-data records",
             posts_of([r["text"] for r in pii_dataset.generate()], count=100))):
        lat = []
        for _ in range(3):
            for p in posts:
                t = time.perf_counter()
                scanner.scan(p)
                lat.append((time.perf_counter() - t) * 1000)
        lat.sort()
        p50 = statistics.median(lat)
        p99 = lat[int(len(lat) * 0.99) - 1]
        print(f"{label} ({len(posts)} posts × 3): median {p50:.3f} ms, p99 {p99:.3f} ms, max {lat[-1]:.3f} ms")
        results[key] = {"p50_ms": p50, "p99_ms": p99}

    for sev in ("block", "review"):
        rules = Counter(f.rule for *_, f in all_block if f.severity == sev)
        print()
        print(f"{sev} findings by rule ({sum(rules.values())}):", ", ".join(f"{r} {n}" for r, n in rules.most_common()))
    if args.list:
        print()
        for name, i, d, f in all_block:
            ctx = d[max(0, f.start - 25):f.end + 25].replace("\n", "⏎")
            print(f"[{f.severity}] [{name} #{i}] {f.rule} {f.text!r}: …{ctx}…")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
