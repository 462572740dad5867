#!/usr/bin/env python3
"""Findings of one rule (default ``keyterm.leader.name``) on the official texts and the general NER
sets, listed with their context; with ``--stress``, every labelled person name of the NER sets put
into title sentences (国务院总理X出席会议, X总书记强调 …), and the findings whose span is not the
name itself (a boundary error) listed (benchmarks/DISGUISE.md "Title-anchored names").

usage: PYTHONPATH=. python benchmarks/leader_names_survey.py [--rule R] [--data DIR] [--stress]
"""
from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OFFICIAL = [("corpus-xwlb-cctv/xwlb_items_2022_2024.jsonl", "text"), ("corpus-gov-work-reports/cpc_congress_reports.jsonl", "content"),
            ("corpus-gov-work-reports/government_work_reports.jsonl", "content"), ("corpus-govcn-policies-2019/govcn_policies_2019.jsonl", "text")]
TEMPLATES = ["国务院总理{}出席会议。", "{}总理指出。", "{}总书记强调。", "国家主席{}会见外宾。", "{}主席出席会议。",
             "中央纪委书记{}指出。", "{}同志强调，总书记指出。", "全国政协主席{}出席。", "委员长{}主持会议。"]


def _conll(path: Path, weibo: bool):
    """(sentence, names) of a BMES / CoNLL file (Weibo: a digit after each character)."""
    chars: list[str] = []
    names: list[str] = []
    cur = ""
    for ln in open(path, encoding="utf-8"):
        p = ln.split()
        if len(p) < 2:
            if chars:
                yield "".join(chars), names
            chars, names, cur = [], [], ""
            continue
        c, tag = (p[0][0] if weibo else p[0]), p[-1]
        chars.append(c)
        if tag.endswith("NAME") or "PER.NAM" in tag:
            cur = c if tag.startswith(("B-", "S-")) else cur + c
            if tag.startswith(("E-", "S-")):
                names.append(cur)
                cur = ""
    if chars:
        yield "".join(chars), names


def general(data: Path):
    for f in ("train.json", "dev.json"):
        for ln in open(data / "ner-cluener2020" / f, encoding="utf-8"):
            r = json.loads(ln)
            yield "cluener", r["text"], list(r["label"].get("name", {}))
    for f in ("train.char.bmes", "dev.char.bmes", "test.char.bmes"):
        for t, ns in _conll(data / "ner-resume" / f, False):
            yield "resume", t, ns
    for f in ("weiboNER_2nd_conll.train", "weiboNER_2nd_conll.dev", "weiboNER_2nd_conll.test"):
        for t, ns in _conll(data / "ner-weibo" / f, True):
            yield "weibo", t, ns


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rule", default="keyterm.leader.name")
    ap.add_argument("--data", default=str(Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared")) / "data"))
    ap.add_argument("--stress", action="store_true")
    args = ap.parse_args()
    from scanner import Scanner

    data = Path(args.data)
    sc = Scanner(detectors=("compositional",))
    texts = [(f.split("/")[0], json.loads(ln)[k], []) for f, k in OFFICIAL for ln in open(data / f, encoding="utf-8")]
    texts += list(general(data))
    n, chars, hits = Counter(), Counter(), Counter()
    for src, t, _ in texts:
        n[src] += 1
        chars[src] += len(t)
        for f in sc.scan(t).findings:
            if f.rule == args.rule:
                hits[src] += 1
                print(src, f.severity, repr(f.text), "->", f.suggestion, "|", t[max(0, f.start - 15):f.end + 15].replace("\n", " "))
    for src in n:
        print(f"{src:<28} {n[src]:>6} texts {chars[src]:>10,} characters {hits[src]:>4} findings")
    if args.stress:
        names = sorted({x for _, _, ns in texts for x in ns})
        per, off = Counter(), []
        for name in names:
            for tpl in TEMPLATES:
                text = tpl.format(name)
                for f in sc.scan(text).findings:
                    if f.rule == args.rule:
                        per[tpl] += 1
                        if f.text != name:
                            off.append((text, f.text, f.suggestion))
        print(f"stress: {len(names)} names x {len(TEMPLATES)} sentences; findings per sentence {dict(per)}")
        print(f"findings whose span is not the labelled name: {len(off)}")
        for x in off:
            print("  ", x)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
