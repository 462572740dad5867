#!/usr/bin/env python3
"""Realistic drafts routed: this tree's Scanner and a base tree's on benchmarks/data/drafts_eval.jsonl.

The set (benchmarks/drafts_eval_build.py, written before its author read the scanner's rules) is 203
whole county-government drafts: 123 with 1–3 planted problems, 80 clean-but-tricky negatives, each
with the route a reviewer expects (block / review / pass) and exact gold spans.

Printed per split (dev, heldout) and overall, for both trees:
* recall per gold type: a gold span is found when a block/review finding of that type, or of the same
  SPEC category, overlaps it;
* false alarms per finding type: block/review findings that overlap no gold span;
* routing accuracy (the result's ``verdict`` against ``expect``) and the confusion table.
``--list`` prints the misses, false alarms and misrouted drafts of the **dev split only**; the
held-out split is reported in counts, never in detail.

Each tree runs in its own subprocess (``PYTHONPATH=<tree>``), as benchmarks/bench_disguise.py does.

A set may have no dev records: benchmarks/data/drafts_eval2.jsonl (benchmarks/drafts_eval2_build.py, 182
drafts written blind by h15f) is all held-out; ``--data`` picks it, and only the held-out split is printed.

usage: python benchmarks/bench_drafts.py [--base /tmp/gs/base14] [--data FILE.jsonl] [--list] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / "data" / "drafts_eval.jsonl"
ROUTES = ("block", "review", "pass")
#: SPEC section 1: type -> category (a type never changes category).
CATEGORY = {
    **dict.fromkeys(("id_card", "passport", "travel_permit", "bank_card", "mobile_phone", "landline", "email",
                     "licence_plate", "vin", "social_account", "address", "person_name",
                     "sensitive_personal_info"), "personal_data"),
    **dict.fromkeys(("classification_mark", "internal_marker", "draft_marker", "secret_topic", "credential"),
                    "state_secret"),
    **dict.fromkeys(("bid_secret", "trade_secret"), "commercial_secret"),
    **dict.fromkeys(("political_term", "key_term_misspelling", "needs_quotes", "banned_term", "outdated_term",
                     "prohibited_content", "advertising_absolute"), "improper_wording"),
}


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def worker(records_path: str, out_path: str) -> None:
    import scanner
    from scanner import Scanner

    sc = Scanner()
    out = {}
    for r in load(Path(records_path)):
        res = sc.scan(r["text"])
        out[r["id"]] = {"verdict": res.verdict,
                        "findings": [[f.start, f.end, f.type, f.category, f.severity, f.rule, f.text]
                                     for f in res.findings]}
    json.dump({"scanner": scanner.__file__, "results": out}, open(out_path, "w", encoding="utf-8"),
              ensure_ascii=False)


def _cat(t: str, found_cat: str | None = None) -> str:
    return CATEGORY.get(t, found_cat or t)


def score(recs: list[dict], res: dict) -> dict:
    tot, hit = Counter(), Counter()
    fa = Counter()
    conf = Counter()
    misses, alarms, misrouted = [], [], []
    for r in recs:
        out = res[r["id"]]
        fl = [f for f in out["findings"] if f[4] in ("block", "review")]
        for s, e, t in r["gold"]:
            tot[t] += 1
            ok = any(f[0] < e and s < f[1] and (f[2] == t or f[3] == _cat(t)) for f in fl)
            hit[t] += ok
            if not ok:
                misses.append((r["id"], t, r["text"][s:e]))
        for f in fl:
            if not any(f[0] < e and s < f[1] for s, e, _ in r["gold"]):
                fa[f[2]] += 1
                alarms.append((r["id"], f[2], f[4], f[5], f[6]))
        conf[r["expect"], out["verdict"]] += 1
        if out["verdict"] != r["expect"]:
            misrouted.append((r["id"], r["expect"], out["verdict"]))
    n = len(recs)
    return {"tot": tot, "hit": hit, "fa": fa, "conf": conf, "n": n,
            "route_ok": sum(conf[k, k] for k in ROUTES),
            "misses": misses, "alarms": alarms, "misrouted": misrouted,
            "neg_alarm": sum(1 for r in recs if r["expect"] == "pass" and res[r["id"]]["verdict"] != "pass"),
            "neg": sum(1 for r in recs if r["expect"] == "pass")}


def report(split: str, S: dict) -> None:
    m, t = S["base"], S["this"]
    print(f"=== split: {split} ({t['n']} drafts, {sum(t['tot'].values())} gold spans, {t['neg']} negatives) ===")
    print(f"{'recall by type':26} {'gold':>5} {'base':>6} {'this':>6}")
    for k in sorted(t["tot"], key=lambda k: (_cat(k), -t["tot"][k], k)):
        print(f"{k:26} {t['tot'][k]:5} {m['hit'][k] / t['tot'][k]:6.3f} {t['hit'][k] / t['tot'][k]:6.3f}")
    g = sum(t["tot"].values())
    print(f"{'all gold spans':26} {g:5} {sum(m['hit'].values()) / g:6.3f} {sum(t['hit'].values()) / g:6.3f}")
    print(f"\n{'false alarms by type':26} {'base':>6} {'this':>6}   (block/review findings overlapping no gold span)")
    for k in sorted(set(m["fa"]) | set(t["fa"])):
        print(f"{k:26} {m['fa'][k]:6} {t['fa'][k]:6}")
    print(f"{'all':26} {sum(m['fa'].values()):6} {sum(t['fa'].values()):6}")
    print(f"\nrouting accuracy: base {m['route_ok']}/{m['n']} = {m['route_ok'] / m['n']:.3f}   "
          f"this {t['route_ok']}/{t['n']} = {t['route_ok'] / t['n']:.3f}   "
          f"negatives not passed: base {m['neg_alarm']}/{m['neg']}, this {t['neg_alarm']}/{t['neg']}")
    for name in ("base", "this"):
        c = S[name]["conf"]
        print(f"  {name}: expected \\ actual  " + "  ".join(f"{a:>6}" for a in ROUTES))
        for e in ROUTES:
            print(f"  {'':6}{e:>18}  " + "  ".join(f"{c[e, a]:6}" for a in ROUTES))
    print()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="/tmp/gs/base14", help="a govscan tree to compare with (main at session start)")
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--list", action="store_true", help="list the dev split's misses, false alarms and misroutes")
    ap.add_argument("--json", help="write the scores here")
    ap.add_argument("--private", metavar="FILE", help="write every split's misses, false alarms and misroutes "
                    "(this tree) to FILE, for the lead only; keep it outside the repository")
    ap.add_argument("--worker", nargs=2, metavar=("RECORDS", "OUT"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        worker(*a.worker)
        return 0
    recs = load(Path(a.data))
    tmp = Path(tempfile.mkdtemp(prefix="gs-drafts-"))
    results = {}
    for name, tree in (("base", Path(a.base)), ("this", REPO)):
        if not (tree / "scanner").is_dir():
            sys.exit(f"{tree} is not a govscan tree")
        out = tmp / f"{name}.json"
        env = dict(os.environ, PYTHONPATH=str(tree))
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", str(Path(a.data).resolve()), str(out)],
                       env=env, check=True, cwd=str(tree))
        results[name] = json.load(open(out, encoding="utf-8"))
        assert Path(results[name]["scanner"]).resolve().is_relative_to(tree.resolve()), results[name]["scanner"]
    print(f"drafts benchmark: {len(recs)} drafts; trees: base={results['base']['scanner']}  this={results['this']['scanner']}\n")
    scores = {}
    for split in ("dev", "heldout", "all"):
        sub = [r for r in recs if split == "all" or r["split"] == split]
        if not sub or (split == "all" and len({r["split"] for r in recs}) == 1):
            continue  # a set with one split (drafts_eval2.jsonl: all held-out) prints it once
        S = {n: score(sub, results[n]["results"]) for n in ("base", "this")}
        scores[split] = S
        report(split, S)
    if a.list and "dev" not in scores:
        print("--- no dev split in this set: nothing is listed (blind set)")
        h = scores["heldout"]["this"]
        print(f"--- heldout split, this tree: {len(h['misses'])} misses, {len(h['alarms'])} false alarms, "
              f"{len(h['misrouted'])} misrouted (counts only)")
    elif a.list:
        t = scores["dev"]["this"]
        print("--- dev split, this tree: missed gold spans")
        for x in t["misses"]:
            print("  miss", *x)
        print("--- dev split, this tree: false alarms (block/review overlapping no gold span)")
        for x in t["alarms"]:
            print("  alarm", *x)
        print("--- dev split, this tree: misrouted (id, expected, actual)")
        for x in t["misrouted"]:
            print("  route", *x)
        h = scores["heldout"]["this"]
        print(f"--- heldout split, this tree: {len(h['misses'])} misses, {len(h['alarms'])} false alarms, "
              f"{len(h['misrouted'])} misrouted (counts only)")
    if a.private:
        assert not Path(a.private).resolve().is_relative_to(REPO.resolve()), "keep the private list outside the repo"
        key = "all" if "all" in scores else "heldout"
        t = scores[key]["this"]
        json.dump({"misses": t["misses"], "alarms": t["alarms"], "misrouted": t["misrouted"]},
                  open(a.private, "w", encoding="utf-8"), ensure_ascii=False, indent=0)
    if a.json:
        def plain(S):
            return {k: {kk: (dict(vv) if isinstance(vv, Counter) else vv) for kk, vv in v.items()
                        if kk not in ("misses", "alarms", "misrouted", "conf")} for k, v in S.items()}
        json.dump({sp: plain(S) for sp, S in scores.items()}, open(a.json, "w"), ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
