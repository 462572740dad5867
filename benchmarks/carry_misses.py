#!/usr/bin/env python3
"""Why a disguise does not carry over (issue 16): for each disguised positive of the benchmark whose
plain form this tree finds and whose disguised form it misses, the rule that finds the plain form and
what the scanner reports over the disguised one; then the counts by family and by the plain form's
rule family (the rule id up to its second dot). A diagnostic: it prints the benchmark's items, so
nothing it shows may become a row or a rule (the issue-16 rule); fix the mechanism it points at.

usage: PYTHONPATH=. python benchmarks/carry_misses.py [FAMILY] [--counts]
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main(argv: list[str]) -> int:
    import disguise_dataset
    from bench_disguise import ACCEPT, SCORED_CATEGORIES, SCORED_TYPES_EXTRA

    from scanner import Scanner

    fam = next((a for a in argv if not a.startswith("--")), None)
    counts_only = "--counts" in argv
    recs = disguise_dataset.build()
    by_id = {r["id"]: r for r in recs}
    sc = Scanner()
    memo: dict[str, list] = {}

    def gold_hits(rid: str) -> list:
        if rid not in memo:
            r = by_id[rid]
            fs = sc.scan(r["text"]).findings
            out = []
            for s, e, t in r["gold"]:
                ok = ACCEPT.get(t, {t})
                hit = [f for f in fs if f.start < e and s < f.end and f.severity in ("block", "review")
                       and (f.category in SCORED_CATEGORIES or f.type in SCORED_TYPES_EXTRA) and f.type in ok]
                near = [f for f in fs if f.start < e and s < f.end]
                out.append((r["text"][s:e], t, hit, near))
            memo[rid] = out
        return memo[rid]

    by_family: Counter = Counter()
    by_rule: Counter = Counter()
    for r in recs:
        p = r.get("plain")
        if not p or (fam and r["family"] != fam):
            continue
        plain = gold_hits(p)
        if not all(x[2] for x in plain):
            continue
        for (pg, t, pf, _n), (dg, _t, df, dn) in zip(plain, gold_hits(r["id"])):
            if df:
                continue
            rule = ".".join(pf[0].rule.split(".")[:2])
            by_family[r["family"]] += 1
            by_rule[(r["family"], rule)] += 1
            if not counts_only:
                rules = ",".join(sorted({f"{f.rule}:{f.text}" for f in pf}))
                seen = ";".join(f"{f.type}/{f.severity}/{f.rule}:{f.text}" for f in dn)
                print(f"{r['family']:10} {t[:12]:12} {pg!r:16} -> {dg!r:22} plain[{rules}]  sees[{seen}]")
    print(f"\ncarry-over misses: {sum(by_family.values())}  " + "  ".join(f"{k} {v}" for k, v in sorted(by_family.items())))
    for (f, rule), v in sorted(by_rule.items()):
        print(f"  {f:10} {rule:28} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
