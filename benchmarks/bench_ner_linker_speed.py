#!/usr/bin/env python3
"""The cost of issue 15's sensitive-information linker on 2,000-character posts, this checkout
against a base checkout, in one run.

The posts are speed_table.py's: 400 slices of 2,000 characters of the 新闻联播 transcripts. Each
side runs in its own process (``PYTHONPATH`` = the checkout), rounds alternating A, B, A, B …; in
each round every post is scanned once with the tagger's answer cache emptied first (``cold``: the
cost of a post never seen, which speed_table.py's five passes over the same posts hide), and the
latency is taken both in wall time and in the process's CPU time (``time.process_time``: what the
scan itself costs, without the waits a busy shared machine adds). Also: how many posts made the
tagger run and how many characters it read.

usage: python benchmarks/bench_ner_linker_speed.py [--base PATH] [--rounds 3] [--data DIR]
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

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

_CHILD = r"""
import gc, json, sys, time
from scanner import Scanner, person_model
posts = json.load(open(sys.argv[1], encoding="utf-8"))
s = Scanner()
for p in posts[:20]:
    s.scan(p)
person_model.warm()
gc.collect(); gc.freeze()
cold = hasattr(person_model, "name_spans_many")
if cold:
    person_model.reset_stats(cache=True)
else:
    person_model.reset_stats()
wall, cpu, called = [], [], 0
pc, pt = time.perf_counter, time.process_time
for p in posts:
    c = person_model.stats()["calls"]
    w0, c0 = pc(), pt()
    s.scan(p).to_dict()
    wall.append(pc() - w0); cpu.append(pt() - c0)
    called += person_model.stats()["calls"] > c
st = person_model.stats()
print(json.dumps({"wall": wall, "cpu": cpu, "called": called, "chars": st["chars"]}))
"""


def posts_of(data: Path) -> list[str]:
    sys.path.insert(0, str(HERE))
    from corpora import official_records

    recs = list(official_records(data))
    news = "\n".join(r[4] for r in recs if r[0] == "xwlb")
    step = max(2000, (len(news) - 2000) // 400)
    return [news[i:i + 2000] for i in range(0, len(news) - 2000, step)][:400]


def q(xs, f):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(f * len(xs)))] * 1e3


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--base", help="a checkout folder to compare with (e.g. `git archive main | tar -x -C /tmp/base`)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    a = ap.parse_args(argv)
    if not a.data.is_dir():
        print(f"no official texts at {a.data}: nothing to measure")
        return 0
    posts = posts_of(a.data)
    tmp = Path(tempfile.mkdtemp(prefix="linker_speed_")) / "posts.json"
    tmp.write_text(json.dumps(posts, ensure_ascii=False), encoding="utf-8")
    sides = [("A", REPO)] + ([("B", Path(a.base))] if a.base else [])
    got = {k: {"wall": [], "cpu": [], "called": [], "chars": []} for k, _ in sides}
    for r in range(a.rounds):
        for k, path in (sides if r % 2 == 0 else sides[::-1]):
            env = dict(os.environ, PYTHONPATH=str(path), GOVSCAN_CACHE_DIR=str(tmp.parent / f"cache-{k}"))
            out = subprocess.run([sys.executable, "-c", _CHILD, str(tmp)], env=env, capture_output=True, text=True,
                                 cwd=str(path))
            if out.returncode:
                sys.exit(f"side {k} failed:\n{out.stderr[-2000:]}")
            d = json.loads(out.stdout.strip().splitlines()[-1])
            for key in ("wall", "cpu"):
                got[k][key] += d[key]
            got[k]["called"].append(d["called"])
            got[k]["chars"].append(d["chars"])
            print(f"  round {r + 1} {k}: wall median {q(d['wall'], 0.5):.3f} p99 {q(d['wall'], 0.99):.2f} ms; "
                  f"cpu median {q(d['cpu'], 0.5):.3f} p99 {q(d['cpu'], 0.99):.2f} ms; "
                  f"posts that ran the tagger {d['called']}, characters it read {d['chars']:,d}")
    print(f"\n{len(posts)} posts × 2,000 characters, {a.rounds} rounds per side, tagger cache emptied each round")
    print("| side | wall median ms | wall p99 ms | CPU median ms | CPU p99 ms | posts running the tagger | characters read |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for k, path in sides:
        g = got[k]
        print(f"| {k} ({path}) | {q(g['wall'], 0.5):.3f} | {q(g['wall'], 0.99):.2f} | {q(g['cpu'], 0.5):.3f} | "
              f"{q(g['cpu'], 0.99):.2f} | {statistics.median(g['called']):.0f} of {len(posts)} | "
              f"{statistics.median(g['chars']):,.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
