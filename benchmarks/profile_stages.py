#!/usr/bin/env python3
"""Where a full scan's time goes: each stage's share, on the official texts of ../shared/data.

The stages are the ones ``Scanner.scan`` runs, timed one by one over every text (one core):
normalise (the views), the lexicon automaton, the lexicon findings, each detector, the merge,
and the result as JSON (``to_dict`` + orjson, what the CLI and the service write). The total is
checked against plain ``Scanner.scan`` + JSON of the same texts in the same run.

With ``--posts``, the same over the 400 posts of 2,000 characters the speed table uses (consecutive
slices of the 新闻联播 transcripts, not datelined: the sensitive-information linker reads them), with
the person-name tagger's window cache emptied before every pass (cold, as the speed table's post
row) and the tagger's own share (LAC, inside the personal-data detector) printed apart.

usage: python benchmarks/profile_stages.py [--data /work/shared/data] [--repeat 3] [--posts]
"""
from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from corpora import official_records, speed_posts  # noqa: E402


def profile(sc, texts: list[str]) -> dict[str, float]:
    import orjson

    from scanner.core import _merge
    from scanner.model import ScanResult, verdict_of
    from scanner.normalize import build_views

    t = defaultdict(float)
    clock = time.perf_counter
    matcher, dets, disabled = sc._matcher, sc._detectors, sc.config.disabled_rules
    for text in texts:
        a = clock()
        views = build_views(text)
        b = clock()
        hits = matcher.match(views)
        c = clock()
        out = [sc._from_hit(h, text) for h in hits]
        d = clock()
        t["normalise (views)"] += b - a
        t["lexicon automaton"] += c - b
        t["lexicon findings"] += d - c
        for det in dets:
            e = clock()
            for f in det.detect(views):
                if f.rule not in disabled:
                    out.append(f)
            t[f"detector {det.name}"] += clock() - e
        e = clock()
        findings = _merge(out, text)
        res = ScanResult(id=None, verdict=verdict_of(findings), findings=tuple(findings), lexicon_version=sc.lexicon_version)
        f_ = clock()
        orjson.dumps(res.to_dict())
        g = clock()
        t["merge + result"] += f_ - e
        t["to_dict + JSON"] += g - f_
    return t


def plain(sc, texts: list[str]) -> float:
    import orjson

    a = time.perf_counter()
    for text in texts:
        orjson.dumps(sc.scan(text).to_dict())
    return time.perf_counter() - a


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--posts", action="store_true", help="the speed table's 400 posts of 2,000 characters, tagger cache cold")
    args = ap.parse_args()
    recs = list(official_records(args.data))
    texts = [r[4] for r in recs]
    if not texts:
        print(f"no official texts under {args.data}: nothing to profile", file=sys.stderr)
        return 0
    what = f"{len(texts)} official texts"
    if args.posts:  # as benchmarks/speed_table.py cuts them
        texts = speed_posts(recs)
        what = f"{len(texts)} posts of 2,000 characters (tagger cache emptied before each pass)"
    from scanner import Scanner, person_model

    sc = Scanner()
    mb = sum(len(x.encode()) for x in texts) / 1e6
    profile(sc, texts[:200])  # warm up
    person_model.warm()  # the tagger's one-time load (0.2-0.35 s) is not a stage of the scan
    tagger = {"s": 0.0}
    real = {name: getattr(person_model, name) for name in ("tag", "marginals")}  # LAC and its tag probabilities

    def timed(fn):  # the name tagger's own time, inside the personal-data detector
        def run(*args):
            t0 = time.perf_counter()
            try:
                return fn(*args)
            finally:
                tagger["s"] += time.perf_counter() - t0
        return run

    for name, fn in real.items():
        setattr(person_model, name, timed(fn))
    gc.collect()
    gc.freeze()
    runs, tagged = [], []
    for _ in range(args.repeat):
        if args.posts:
            person_model.reset_stats(cache=True)
        tagger["s"] = 0.0
        runs.append(profile(sc, texts))
        tagged.append(tagger["s"])
    totals = []
    for _ in range(args.repeat):
        if args.posts:
            person_model.reset_stats(cache=True)
        totals.append(plain(sc, texts))
    for name, fn in real.items():
        setattr(person_model, name, fn)
    stages = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    whole = sum(stages.values())
    print(f"{what}, {mb:.1f} MB UTF-8, one core, median of {args.repeat}")
    print(f"{'stage':<34} {'seconds':>8} {'share':>7} {'MB/s alone':>11}")
    for k, v in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"{k:<34} {v:>8.3f} {v / whole:>7.1%} {mb / v:>11.1f}")
    lac = statistics.median(tagged)
    print(f"{'  of which the name tagger (LAC)':<34} {lac:>8.3f} {lac / whole:>7.1%} {'':>11}")
    print(f"{'all stages':<34} {whole:>8.3f} {1:>7.0%} {mb / whole:>11.1f}")
    if args.posts:
        n = len(texts)
        print(f"{'per post, mean ms':<34} {whole / n * 1e3:>8.3f}")
    plain_t = statistics.median(totals)
    print(f"{'Scanner.scan + JSON (as used)':<34} {plain_t:>8.3f} {'':>7} {mb / plain_t:>11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
