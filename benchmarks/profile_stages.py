#!/usr/bin/env python3
"""Where a full scan's time goes: each stage's share, on the official texts of ../shared/data.

The stages are the ones ``Scanner.scan`` runs, timed one by one over every text (one core):
normalise (the views), the lexicon automaton, the lexicon findings, each detector, the merge,
and the result as JSON (``to_dict`` + orjson, what the CLI and the service write). The total is
checked against plain ``Scanner.scan`` + JSON of the same texts in the same run.

usage: python benchmarks/profile_stages.py [--data /work/shared/data] [--repeat 3]
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

from corpora import official_records  # noqa: E402


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
    args = ap.parse_args()
    texts = [text for *_, text in official_records(args.data)]
    if not texts:
        print(f"no official texts under {args.data}: nothing to profile", file=sys.stderr)
        return 0
    from scanner import Scanner

    sc = Scanner()
    mb = sum(len(x.encode()) for x in texts) / 1e6
    profile(sc, texts[:200])  # warm up
    gc.collect()
    gc.freeze()
    runs = [profile(sc, texts) for _ in range(args.repeat)]
    totals = [plain(sc, texts) for _ in range(args.repeat)]
    stages = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    whole = sum(stages.values())
    print(f"{len(texts)} official texts, {mb:.1f} MB UTF-8, one core, median of {args.repeat}")
    print(f"{'stage':<34} {'seconds':>8} {'share':>7} {'MB/s alone':>11}")
    for k, v in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"{k:<34} {v:>8.3f} {v / whole:>7.1%} {mb / v:>11.1f}")
    print(f"{'all stages':<34} {whole:>8.3f} {1:>7.0%} {mb / whole:>11.1f}")
    plain_t = statistics.median(totals)
    print(f"{'Scanner.scan + JSON (as used)':<34} {plain_t:>8.3f} {'':>7} {mb / plain_t:>11.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
