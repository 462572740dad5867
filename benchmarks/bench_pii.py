#!/usr/bin/env python3
"""Personal-data detection on the labelled set of benchmarks/pii_dataset.py, three systems side by side.

Systems, each run on the same records in one run:
  govscan   this scanner: ``Scanner().scan(text).findings``, personal_data findings only;
  jionlp    jionlp's regex extractors (extract_id_card, extract_phone_number, extract_email,
            extract_qq, extract_wechat_id, extract_motor_vehicle_licence_plate, extract_ip_address);
  presidio  presidio-analyzer's AnalyzerEngine built offline (NoOp NLP engine, or a blank spaCy
            ``zh`` pipeline with --presidio-nlp blank-zh), supported_languages=["zh"], with its
            language-independent predefined recognizers re-instantiated for zh: PhoneRecognizer
            (supported_regions=["CN"]), EmailRecognizer, CreditCardRecognizer, IpRecognizer.

Scoring (span level): a prediction matches a gold span when the two overlap and the prediction's
type is the gold type (or one of the gold's ``accept`` types). Recall = matched gold / gold;
precision = matching predictions / predictions. A finding of severity ``info`` on an already
masked value (``138****5678``) or on an agency's public mailbox counts as "not reported"; every
other prediction counts, ``info`` included (landline and person_name are ``info`` by default).
``exact`` = share of matched gold spans that some prediction covers with exactly the gold boundaries.

Targets for govscan (PASS/FAIL column): recall and precision >= 0.99 on types with a check digit
(id_card, bank_card, vin), >= 0.95 on every other type.

usage: python benchmarks/bench_pii.py [--data FILE] [--seed N] [--systems govscan,jionlp,presidio]
                                      [--examples 8] [--json OUT] [--presidio-nlp noop|blank-zh]
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

import pii_dataset  # after the sys.path insert

TYPES = ["id_card", "passport", "travel_permit", "bank_card", "mobile_phone", "landline", "email",
         "licence_plate", "vin", "social_account", "address", "person_name", "sensitive_personal_info"]
CHECK_DIGIT_TYPES = {"id_card", "bank_card", "vin"}


def target(t: str) -> float:
    return 0.99 if t in CHECK_DIGIT_TYPES else 0.95


# ------------------------------------------------------------------------------------------
# Systems: each is (name, setup() -> predict(text) -> [(start, end, type, severity)])
# ------------------------------------------------------------------------------------------
def setup_govscan():
    from scanner import Scanner

    s = Scanner()

    def predict(text):
        return [(f.start, f.end, f.type, f.severity) for f in s.scan(text).findings
                if f.category == "personal_data"]
    return predict


def setup_jionlp():
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        import jionlp as jio
    phone_type = {"cell_phone": "mobile_phone", "landline_phone": "landline"}
    extractors = [
        (jio.extract_id_card, lambda d: "id_card"),
        (jio.extract_phone_number, lambda d: phone_type.get(d.get("type"), "landline")),
        (jio.extract_email, lambda d: "email"),
        (jio.extract_qq, lambda d: "social_account"),
        (jio.extract_wechat_id, lambda d: "social_account"),
        (jio.extract_motor_vehicle_licence_plate, lambda d: "licence_plate"),
        (jio.extract_ip_address, lambda d: "ip_address"),
    ]

    def predict(text):
        out = []
        for fn, typ in extractors:
            for d in fn(text, detail=True):
                s, e = d["offset"]
                out.append((s, e, typ(d), "review"))
        return out
    return predict


def _offline_tldextract():
    """presidio's EmailRecognizer calls ``tldextract.extract``, which fetches the public-suffix list
    over the network by default: use the snapshot bundled with tldextract instead."""
    import tldextract

    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def setup_presidio(nlp_kind: str = "noop"):
    import logging

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    _offline_tldextract()
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IpRecognizer,
        PhoneRecognizer,
    )

    if nlp_kind == "blank-zh":
        import tempfile

        import spacy
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        path = Path(tempfile.mkdtemp(prefix="blank_zh_")) / "zh"
        spacy.blank("zh").to_disk(path)
        nlp = SpacyNlpEngine(models=[{"lang_code": "zh", "model_name": str(path)}])
    else:
        from presidio_analyzer.nlp_engine import NoOpNlpEngine

        nlp = NoOpNlpEngine(models=[{"lang_code": "zh", "model_name": "noop"}])
    reg = RecognizerRegistry(supported_languages=["zh"])
    reg.add_recognizer(PhoneRecognizer(supported_language="zh", supported_regions=["CN"]))
    reg.add_recognizer(EmailRecognizer(supported_language="zh"))
    reg.add_recognizer(CreditCardRecognizer(supported_language="zh"))
    reg.add_recognizer(IpRecognizer(supported_language="zh"))
    engine = AnalyzerEngine(registry=reg, nlp_engine=nlp, supported_languages=["zh"])

    def phone_type(s):
        digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", s))
        digits = re.sub(r"^(?:0086|86)(?=1[3-9]\d{9}$)", "", digits)
        return "mobile_phone" if re.fullmatch(r"1[3-9]\d{9}", digits) else "landline"

    fixed = {"EMAIL_ADDRESS": "email", "CREDIT_CARD": "bank_card", "IP_ADDRESS": "ip_address"}

    def predict(text):
        out = []
        for r in engine.analyze(text, language="zh"):
            t = phone_type(text[r.start:r.end]) if r.entity_type == "PHONE_NUMBER" else \
                fixed.get(r.entity_type, r.entity_type.lower())
            out.append((r.start, r.end, t, "review"))
        return out
    return predict


SYSTEMS = {"govscan": setup_govscan, "jionlp": setup_jionlp, "presidio": setup_presidio}


# ------------------------------------------------------------------------------------------
# Scoring
# ------------------------------------------------------------------------------------------
def _overlap(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def score(records, preds_per_record):
    """Per-type counts: gold, matched gold, exact, predictions, matching predictions; plus lists of
    misses and false alarms, and false alarms per hard-negative kind."""
    c = defaultdict(Counter)
    misses = defaultdict(list)
    false_alarms = defaultdict(list)
    neg_hits = Counter()
    neg_total = Counter()
    for rec, preds in zip(records, preds_per_record):
        golds, negs = rec["spans"], rec["negatives"]
        for n in negs:
            neg_total[n["kind"]] += 1
        counted = []
        for p in preds:
            s, e, t, sev = p
            if sev == "info" and any(n["allow_info"] and _overlap(s, e, n["start"], n["end"]) for n in negs):
                continue  # an info note on a masked value or a public mailbox is "not reported"
            counted.append(p)
        for g in golds:
            ok = {g["type"], *g.get("accept", ())}
            hit = [p for p in counted if p[2] in ok and _overlap(p[0], p[1], g["start"], g["end"])]
            c[g["type"]]["gold"] += 1
            c[g["type"], g["form"]]["gold"] += 1
            c[g["type"], "sub:" + g["subtype"]]["gold"] += 1
            if hit:
                c[g["type"]]["tp_gold"] += 1
                c[g["type"], g["form"]]["tp_gold"] += 1
                c[g["type"], "sub:" + g["subtype"]]["tp_gold"] += 1
                if any(p[0] == g["start"] and p[1] == g["end"] for p in hit):
                    c[g["type"]]["exact"] += 1
                else:
                    misses[g["type"] + ":boundary"].append((rec, g, hit))
            else:
                other = [p for p in counted if _overlap(p[0], p[1], g["start"], g["end"])]
                misses[g["type"]].append((rec, g, other))
        hit_negs = set()
        for p in counted:
            s, e, t, sev = p
            c[t]["pred"] += 1
            if any((t == g["type"] or t in g.get("accept", ())) and _overlap(s, e, g["start"], g["end"])
                   for g in golds):
                c[t]["tp_pred"] += 1
                continue
            kinds = [n["kind"] for n in negs if _overlap(s, e, n["start"], n["end"])]
            for i, n in enumerate(negs):
                if _overlap(s, e, n["start"], n["end"]):
                    hit_negs.add(i)
            wrong_type = [g["type"] for g in golds if _overlap(s, e, g["start"], g["end"])]
            where = kinds[0] if kinds else ("type:" + wrong_type[0] if wrong_type else "carrier")
            c[t]["fp:" + where] += 1
            false_alarms[t].append((rec, p, where))
        for i in hit_negs:
            neg_hits[negs[i]["kind"]] += 1
    return c, misses, false_alarms, neg_hits, neg_total


def _ratio(a, b):
    return a / b if b else float("nan")


def _fmt(x):
    return "   -  " if math.isnan(x) else f"{x:6.3f}"


def run_system(name, records, args):
    setup = SYSTEMS[name]
    t0 = time.perf_counter()
    predict = setup(args.presidio_nlp) if name == "presidio" else setup()
    for r in records[:30]:  # warm up (lazy dictionaries, regex caches)
        predict(r["text"])
    build = time.perf_counter() - t0
    best = float("inf")
    preds = None
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        cur = [predict(r["text"]) for r in records]
        best = min(best, time.perf_counter() - t0)
        preds = preds or cur
    return preds, {"build_s": build, "seconds": best, "calls_per_s": len(records) / best,
                   "chars_per_s": sum(len(r["text"]) for r in records) / best}


def context(text, s, e, pad=14):
    return (text[max(0, s - pad):s] + "【" + text[s:e] + "】" + text[e:e + pad]).replace("\n", "⏎")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", help="labelled JSONL (default: benchmarks/data/pii_labelled.jsonl, else generated)")
    ap.add_argument("--seed", type=int, default=pii_dataset.DEFAULT_SEED)
    ap.add_argument("--systems", default="govscan,jionlp,presidio")
    ap.add_argument("--presidio-nlp", default="noop", choices=["noop", "blank-zh"])
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per system (best is kept)")
    ap.add_argument("--examples", type=int, default=6, help="misses and false alarms listed per type (govscan)")
    ap.add_argument("--json", help="write every number to this file")
    a = ap.parse_args(argv)

    if a.data:
        p = Path(a.data)
        if not p.exists():
            sys.exit(f"missing {p}")
        records = [json.loads(line) for line in p.open(encoding="utf-8") if line.strip()]
    else:
        records = pii_dataset.load_or_generate(seed=a.seed)
    systems = [s.strip() for s in a.systems.split(",") if s.strip()]
    chars = sum(len(r["text"]) for r in records)
    n_gold = sum(len(r["spans"]) for r in records)
    n_neg = sum(len(r["negatives"]) for r in records)
    print(f"labelled set: {len(records)} records, {chars:,} characters, {n_gold} gold spans, "
          f"{n_neg} hard-negative spans (seed {a.seed})\n")

    results, perf = {}, {}
    for name in systems:
        try:
            preds, perf[name] = run_system(name, records, a)
        except ImportError as e:
            print(f"{name}: not available ({e}); install the bench extra: pip install -e '.[bench]'")
            continue
        results[name] = score(records, preds)
    systems = [s for s in systems if s in results]

    # ---- main table ----
    head = f"{'type':24s} {'gold':>5s}"
    for name in systems:
        head += f" | {name + ' R':>10s} {'P':>6s}"
        if name == "govscan":
            head += f" {'exact':>6s} {'target':>6s} {'PASS':>4s}"
    print(head)
    print("-" * len(head))
    all_types = TYPES + sorted({k for n in systems for k in results[n][0] if isinstance(k, str)} - set(TYPES))
    out_json = {"records": len(records), "characters": chars, "systems": {}}
    verdicts = {}
    for t in all_types:
        gold = results[systems[0]][0][t]["gold"] if systems else 0
        row = f"{t:24s} {gold:5d}"
        for name in systems:
            c = results[name][0][t]
            r = _ratio(c["tp_gold"], c["gold"])
            p = _ratio(c["tp_pred"], c["pred"])
            row += f" | {_fmt(r):>10s} {_fmt(p)}"
            if name == "govscan":
                ex = _ratio(c["exact"], c["tp_gold"])
                if gold:
                    ok = r >= target(t) and not math.isnan(p) and p >= target(t)
                    verdicts[t] = ok
                    row += f" {_fmt(ex)} {target(t):6.2f} {'PASS' if ok else 'FAIL':>4s}"
                else:
                    row += f" {'':6s} {'':6s} {'FAIL' if c['pred'] else '':>4s}"
            out_json["systems"].setdefault(name, {})[t] = {
                "gold": c["gold"], "matched_gold": c["tp_gold"], "pred": c["pred"], "matching_pred": c["tp_pred"],
                "recall": None if math.isnan(r) else r, "precision": None if math.isnan(p) else p,
                "false_alarms": {k[3:]: v for k, v in c.items() if k.startswith("fp:")}}
        print(row)
    print("-" * len(head))
    row = f"{'calls/s (1 core)':24s} {'':5s}"
    for name in systems:
        row += f" | {perf[name]['calls_per_s']:10.0f} {'':6s}"
        if name == "govscan":
            row += f" {'':6s} {'':6s} {'':4s}"
    print(row)
    row = f"{'µs per call':24s} {'':5s}"
    for name in systems:
        row += f" | {1e6 / perf[name]['calls_per_s']:10.0f} {'':6s}"
        if name == "govscan":
            row += f" {'':6s} {'':6s} {'':4s}"
    print(row)
    print("\n(setup + warm-up s: " + ", ".join(f"{n} {perf[n]['build_s']:.2f}" for n in systems)
          + f"; average record {chars / len(records):.0f} characters)")
    if "govscan" in results:
        failed = [t for t, ok in verdicts.items() if not ok]
        print(f"govscan targets: {len(verdicts) - len(failed)}/{len(verdicts)} types PASS"
              + (f"; FAIL: {', '.join(failed)}" if failed else ""))
    for name in systems:
        out_json["systems"][name]["_perf"] = perf[name]

    # ---- hard negatives ----
    print("\nHard negatives: spans reported as personal data (masked values / public mailboxes: "
          "info does not count)")
    head = f"{'kind':18s} {'spans':>6s}" + "".join(f" | {n:>9s}" for n in systems)
    print(head)
    print("-" * len(head))
    neg_total = results[systems[0]][4] if systems else Counter()
    for kind in sorted(neg_total, key=lambda k: -neg_total[k]):
        print(f"{kind:18s} {neg_total[kind]:6d}" + "".join(f" | {results[n][3][kind]:9d}" for n in systems))
        for n in systems:
            out_json["systems"][n].setdefault("_hard_negatives", {})[kind] = [results[n][3][kind], neg_total[kind]]

    # ---- govscan by form and subtype ----
    if "govscan" in results:
        c = results["govscan"][0]
        print("\ngovscan recall by written form, and subtypes with misses")
        for t in TYPES:
            keys = sorted(k for k in c if isinstance(k, tuple) and k[0] == t)
            forms = [f"{k[1]} {c[k]['tp_gold']}/{c[k]['gold']}" for k in keys if not k[1].startswith("sub:")]
            subs = [k for k in keys if k[1].startswith("sub:")]
            missed = [f"{k[1][4:]} {c[k]['tp_gold']}/{c[k]['gold']}" for k in subs if c[k]["tp_gold"] < c[k]["gold"]]
            if forms:
                print(f"  {t:24s} " + ", ".join(forms) + f"  | subtypes: {len(subs) - len(missed)}/{len(subs)} complete"
                      + ("; " + ", ".join(missed) if missed else ""))

        # ---- examples ----
        if a.examples:
            _, misses, fas, _, _ = results["govscan"]
            print(f"\ngovscan misses (up to {a.examples} per type; ⟨what it reported there instead⟩)")
            for t in TYPES + sorted(k for k in misses if k not in TYPES):
                items = misses.get(t, [])
                if not items:
                    continue
                print(f"  {t} ({len(items)})")
                for rec, g, other in items[:a.examples]:
                    inst = "; ".join(f"{p[2]}/{p[3]} {rec['text'][p[0]:p[1]]!r}" for p in other)
                    print(f"    [{g['subtype']}/{g['form']}] {context(rec['text'], g['start'], g['end'])}"
                          + (f"  ⟨{inst}⟩" if inst else ""))
            print(f"\ngovscan false alarms (up to {a.examples} per type; where = hard-negative kind, "
                  "'type:X' = a gold span of another type, 'carrier' = unlabelled text)")
            for t in sorted(fas, key=lambda k: -len(fas[k])):
                items = fas[t]
                by = Counter(w for _, _, w in items)
                print(f"  {t} ({len(items)}: " + ", ".join(f"{k} {v}" for k, v in by.most_common()) + ")")
                seen = Counter()
                for rec, p, where in items:
                    if seen[where] >= max(1, a.examples // max(1, len(by))) and sum(seen.values()) >= a.examples:
                        continue
                    if sum(seen.values()) >= a.examples * 2:
                        break
                    seen[where] += 1
                    print(f"    [{where}/{p[3]}] {context(rec['text'], p[0], p[1])}")
    if a.json:
        Path(a.json).write_text(json.dumps(out_json, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nwrote {a.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
