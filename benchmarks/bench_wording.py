#!/usr/bin/env python3
"""Recall and precision per type for secret markers and improper wording (issue 4, measurement).

Scans every record of benchmarks/wording_dataset.py and scores per type:

* recall: a gold span is found when a finding overlaps it (half-open spans share a code point) and
  the finding's type is the gold type or one of the gold ``accept`` types;
* precision: a finding of one of the 14 types is a true positive when it overlaps a gold span that
  accepts its type; every other finding of that type is a false alarm — on a hard negative, in a
  carrier sentence, or on a gold span of another type.

Findings of other categories (personal_data) are counted and printed but not scored.
Also prints the automaton size (``len(Scanner()._matcher)``) and the ``Scanner()`` build time;
throughput on the official texts is benchmarks/bench_scan.py.

usage:
    .venv/bin/python benchmarks/bench_wording.py [--seed 7] [--examples 8] [--json OUT]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _load_generator():
    spec = importlib.util.spec_from_file_location("wording_dataset", REPO / "benchmarks" / "wording_dataset.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("wording_dataset", mod)
    spec.loader.exec_module(mod)
    return mod


def _overlap(a0, a1, b0, b1) -> bool:
    return a0 < b1 and b0 < a1


def _ctx(text: str, s: int, e: int, w: int = 14) -> str:
    return (text[max(0, s - w):s] + "[" + text[s:e] + "]" + text[e:e + w]).replace("\n", "⏎")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--examples", type=int, default=8)
    ap.add_argument("--json", default=None, help="write the numbers to this file")
    a = ap.parse_args(argv)

    gen = _load_generator()
    records = gen.build(a.seed)
    types = gen.TYPES

    from scanner import Scanner
    builds = []
    for _ in range(3):
        t0 = time.perf_counter()
        sc = Scanner()
        builds.append(time.perf_counter() - t0)
    keys = len(sc._matcher)

    tp_gold = Counter()
    n_gold = Counter()
    tp_find = Counter()
    n_find = Counter()
    misses = defaultdict(list)
    false_alarms = defaultdict(list)
    miss_forms = defaultdict(Counter)
    gold_forms = defaultdict(Counter)
    fa_where = defaultdict(Counter)
    other = Counter()
    neg_records_clean = 0
    t0 = time.perf_counter()
    for rec in records:
        text = rec["text"]
        fs = sc.scan(text).findings
        for f in fs:
            assert text[f.start:f.end] == f.text
        ours = [f for f in fs if f.type in types]
        other.update(f.type for f in fs if f.type not in types)
        for g in rec["spans"]:
            n_gold[g["type"]] += 1
            gold_forms[g["type"]][g["form"]] += 1
            if any(f.type in g["accept"] and _overlap(f.start, f.end, g["start"], g["end"]) for f in ours):
                tp_gold[g["type"]] += 1
            else:
                miss_forms[g["type"]][g["form"]] += 1
                got = [f"{f.type}:{f.text}" for f in ours if _overlap(f.start, f.end, g["start"], g["end"])]
                misses[g["type"]].append(f"{g['rule']} [{g['form']}] {_ctx(text, g['start'], g['end'])}"
                                         + (f"  (got {', '.join(got)})" if got else ""))
        if rec["kind"] == "negative" and not ours:
            neg_records_clean += 1
        for f in ours:
            n_find[f.type] += 1
            if any(f.type in g["accept"] and _overlap(f.start, f.end, g["start"], g["end"]) for g in rec["spans"]):
                tp_find[f.type] += 1
            else:
                where = "hard_negative" if rec["kind"] == "negative" else "carrier/other_gold"
                fa_where[f.type][where] += 1
                why = ",".join(n["why"] for n in rec["negatives"]) if rec["negatives"] else where
                false_alarms[f.type].append(f"{f.rule} ({why}) {_ctx(text, f.start, f.end)}")
    scan_s = time.perf_counter() - t0

    n_pos = sum(n_gold.values())
    n_neg = sum(r["kind"] == "negative" for r in records)
    print(f"wording benchmark: seed {a.seed}, {len(records)} records, {n_pos} positive spans, "
          f"{n_neg} hard-negative records ({neg_records_clean} with no finding of these types)")
    forms = Counter(g["form"] for r in records for g in r["spans"])
    print("disguises among positives: " + ", ".join(f"{k} {v}" for k, v in forms.most_common()))
    print(f"Scanner() build: median {statistics.median(builds):.2f} s of {len(builds)}; "
          f"automaton keys: {keys:,}; scanned the set in {scan_s:.2f} s\n")
    hdr = f"{'type':22s} {'gold':>5s} {'found':>5s} {'recall':>7s} {'reports':>7s} {'FP':>4s} {'precision':>9s}  verdict"
    print(hdr)
    print("-" * len(hdr))
    out = {"seed": a.seed, "records": len(records), "positives": n_pos, "negative_records": n_neg,
           "build_s": statistics.median(builds), "automaton_keys": keys, "types": {}}
    all_pass = True
    for t in types:
        r = tp_gold[t] / n_gold[t] if n_gold[t] else float("nan")
        p = tp_find[t] / n_find[t] if n_find[t] else 1.0
        ok = r >= 0.95 and p >= 0.95
        all_pass &= ok
        print(f"{t:22s} {n_gold[t]:5d} {tp_gold[t]:5d} {r:7.3f} {n_find[t]:7d} {n_find[t] - tp_find[t]:4d} "
              f"{p:9.3f}  {'PASS' if ok else 'FAIL'}")
        out["types"][t] = {"gold": n_gold[t], "found": tp_gold[t], "recall": r, "reports": n_find[t],
                           "false_alarms": n_find[t] - tp_find[t], "precision": p, "pass": ok,
                           "miss_forms": dict(miss_forms[t]), "gold_forms": dict(gold_forms[t]),
                           "false_alarm_where": dict(fa_where[t])}
    R = sum(tp_gold.values()) / n_pos
    P = sum(tp_find.values()) / max(1, sum(n_find.values()))
    print("-" * len(hdr))
    print(f"{'all (micro)':22s} {n_pos:5d} {sum(tp_gold.values()):5d} {R:7.3f} {sum(n_find.values()):7d} "
          f"{sum(n_find.values()) - sum(tp_find.values()):4d} {P:9.3f}  {'PASS' if all_pass else 'FAIL'}")
    if other:
        print("not scored (other categories): " + ", ".join(f"{k} {v}" for k, v in other.most_common()))

    print("\nrecall by disguise (all types):")
    for form in forms:
        n = sum(gold_forms[t][form] for t in types)
        m = sum(miss_forms[t][form] for t in types)
        print(f"  {form:12s} {n - m:5d}/{n:<5d} {1 - m / n:.3f}")

    for t in types:
        if misses[t] or false_alarms[t]:
            print(f"\n== {t}: {len(misses[t])} missed, {len(false_alarms[t])} false alarms")
            for m in misses[t][:a.examples]:
                print("  MISS ", m)
            for f in false_alarms[t][:a.examples]:
                print("  FALSE", f)
    if a.json:
        Path(a.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
