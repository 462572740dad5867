#!/usr/bin/env python3
"""Person names and addresses on real NER sets, and personal-data false alarms on official texts.

Part 1 — recall and precision of this scanner's ``person_name`` (and ``address``) findings against
the human labels of three public Chinese NER sets in ../shared/data:
  * ner-cluener2020  dev.json / train.json   labels ``name`` and ``address``
  * ner-resume       {train,dev,test}.char.bmes   label NAME (BMES)
  * ner-weibo        weiboNER_2nd_conll.{train,dev,test}   label PER.NAM (BIO; the digit after each
                     character is its position in a jieba word and is stripped)
Every finding counts, ``info`` included (person_name is ``info`` by default). A name prediction is a
personal_data finding of type person_name, or sensitive_personal_info (a named person: overlapping
findings of one category are merged, so a name can surface as that type). A prediction matches a
gold entity when the spans overlap. Note: CLUENER ``address`` is any place name (台湾, 北京), while
SPEC's ``address`` is a home address down to the room, so address recall there is low by design;
its precision is what matters.

Part 2 — personal_data findings of severity review or block per million characters on the official
texts (新闻联播 items ``text``, corpus-gov-work-reports/*.jsonl ``content``, corpus-govcn-policies-2019
``text``), each one listed in context. Target: < 2 per million characters.

usage: python benchmarks/bench_ner.py [--data DIR] [--skip-ner] [--skip-official] [--examples 10]
                                      [--max-list 400] [--json OUT]
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

NAME_TYPES = {"person_name", "sensitive_personal_info"}
TARGET_NAME_RECALL = 0.85
TARGET_PER_MILLION = 2.0


# ------------------------------------------------------------------------------------------
# Readers: each yields (text, {"name": [(s, e)], "address": [(s, e)]}) with half-open spans
# ------------------------------------------------------------------------------------------
def read_cluener(path: Path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            gold = {"name": [], "address": []}
            for label, ents in d.get("label", {}).items():
                if label in gold:
                    for spans in ents.values():
                        gold[label] += [(s, e + 1) for s, e in spans]
            yield d["text"], gold


def _entities(tags: list[str], want: str) -> list[tuple[int, int]]:
    """Entity spans of type ``want`` from BIO or BMES tags."""
    out, start = [], None
    for i, tag in enumerate(tags + ["O"]):
        pos, _, typ = tag.partition("-")
        inside = typ == want and pos in ("I", "M", "E")
        if start is not None and not inside:
            out.append((start, i))
            start = None
        if typ == want and pos in ("B", "S"):
            if start is not None:
                out.append((start, i))
            start = i
        if start is not None and typ == want and pos in ("E", "S"):
            out.append((start, i + 1))
            start = None
    return out


def read_columns(path: Path, want: str, strip_digit: bool):
    chars, tags = [], []

    def flush():
        if chars:
            yield "".join(chars), {"name": _entities(tags, want), "address": []}

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                yield from flush()
                chars, tags = [], []
                continue
            if "\t" in line:
                tok, tag = line.rsplit("\t", 1)
            else:
                tok, tag = line.rsplit(" ", 1)
            if strip_digit and len(tok) > 1 and tok[-1].isdigit():
                tok = tok[:-1]
            chars.append(tok[:1] if tok else " ")
            tags.append(tag.strip())
    yield from flush()


def ner_sets(data: Path):
    c = data / "ner-cluener2020"
    r = data / "ner-resume"
    w = data / "ner-weibo"
    sets = [
        ("cluener dev", c / "dev.json", lambda p: read_cluener(p)),
        ("cluener train", c / "train.json", lambda p: read_cluener(p)),
        ("resume train", r / "train.char.bmes", lambda p: read_columns(p, "NAME", False)),
        ("resume dev", r / "dev.char.bmes", lambda p: read_columns(p, "NAME", False)),
        ("resume test", r / "test.char.bmes", lambda p: read_columns(p, "NAME", False)),
        ("weibo train", w / "weiboNER_2nd_conll.train", lambda p: read_columns(p, "PER.NAM", True)),
        ("weibo dev", w / "weiboNER_2nd_conll.dev", lambda p: read_columns(p, "PER.NAM", True)),
        ("weibo test", w / "weiboNER_2nd_conll.test", lambda p: read_columns(p, "PER.NAM", True)),
    ]
    missing = [str(p) for _, p, _ in sets if not p.exists()]
    if missing:
        sys.exit("missing NER data: " + ", ".join(missing) + "\n(run with --data pointing at shared/data)")
    return [(name, list(reader(p))) for name, p, reader in sets]


def _ov(a, b):
    return a[0] < b[1] and b[0] < a[1]


def score_ner(scanner, sents, label: str, types: set[str]):
    gold_n = hit_g = pred_n = hit_p = 0
    misses, fas = [], []
    t0 = time.perf_counter()
    for text, gold in sents:
        g = gold[label]
        preds = [(f.start, f.end, f.type, f.severity) for f in scanner.scan(text).findings
                 if f.category == "personal_data" and f.type in types]
        gold_n += len(g)
        for sp in g:
            if any(_ov(sp, p) for p in preds):
                hit_g += 1
            else:
                misses.append((text, sp))
        pred_n += len(preds)
        for p in preds:
            if any(_ov(sp, p) for sp in g):
                hit_p += 1
            else:
                fas.append((text, p))
    dt = time.perf_counter() - t0
    return {"sentences": len(sents), "gold": gold_n, "matched_gold": hit_g, "pred": pred_n, "matching_pred": hit_p,
            "recall": hit_g / gold_n if gold_n else None, "precision": hit_p / pred_n if pred_n else None,
            "seconds": dt}, misses, fas


def ctx(text, s, e, pad=12):
    return (text[max(0, s - pad):s] + "【" + text[s:e] + "】" + text[e:e + pad]).replace("\n", "⏎")


def _f(x):
    return "   -  " if x is None else f"{x:6.3f}"


# ------------------------------------------------------------------------------------------
# Official texts
# ------------------------------------------------------------------------------------------
OFFICIAL = [
    ("xwlb (新闻联播)", "corpus-xwlb-cctv", "xwlb_items_2022_2024.jsonl", "text"),
    ("gov work reports", "corpus-gov-work-reports", "government_work_reports.jsonl", "content"),
    ("cpc congress reports", "corpus-gov-work-reports", "cpc_congress_reports.jsonl", "content"),
    ("govcn policies 2019", "corpus-govcn-policies-2019", "govcn_policies_2019.jsonl", "text"),
]


def official(scanner, data: Path, max_list: int, info_sample: int = 0):
    from scanner import person_model

    person_model.reset_stats()
    rows, listed, info_listed = [], [], []
    info = Counter()
    for name, folder, fname, field in OFFICIAL:
        p = data / folder / fname
        if not p.exists():
            sys.exit(f"missing {p} (run with --data pointing at shared/data)")
        chars = 0
        per_type = Counter()
        t0 = time.perf_counter()
        with open(p, encoding="utf-8") as f:
            for i, line in enumerate(f):
                if not line.strip():
                    continue
                text = json.loads(line).get(field) or ""
                chars += len(text)
                for fd in scanner.scan(text).findings:
                    if fd.category != "personal_data":
                        continue
                    if fd.severity in ("review", "block"):
                        per_type[fd.type, fd.severity] += 1
                        listed.append((name, i, fd, ctx(text, fd.start, fd.end, 16)))
                    else:
                        info[fd.type] += 1
                        info_listed.append((name, i, fd, ctx(text, fd.start, fd.end, 10)))
        rows.append({"corpus": name, "characters": chars, "seconds": time.perf_counter() - t0,
                     "findings": sum(per_type.values()),
                     "per_million": sum(per_type.values()) / chars * 1e6 if chars else 0.0,
                     "by_type": {f"{t}/{s}": n for (t, s), n in sorted(per_type.items())}})
    total_chars = sum(r["characters"] for r in rows)
    total = sum(r["findings"] for r in rows)
    print(f"\nPersonal data (review/block) on official texts — target < {TARGET_PER_MILLION} per million characters")
    print(f"{'corpus':24s} {'chars':>11s} {'findings':>9s} {'per M chars':>11s}  by type")
    for r in rows:
        print(f"{r['corpus']:24s} {r['characters']:11,d} {r['findings']:9d} {r['per_million']:11.2f}  "
              + ", ".join(f"{k} {v}" for k, v in r["by_type"].items()))
    rate = total / total_chars * 1e6 if total_chars else 0.0
    print(f"{'all':24s} {total_chars:11,d} {total:9d} {rate:11.2f}  "
          f"{'PASS' if rate < TARGET_PER_MILLION else 'FAIL'}")
    read = person_model.stats()
    print(f"(the pretrained name model read {read['chars']:,d} of {total_chars:,d} characters"
          f" ({read['chars'] / max(1, total_chars):.2%}) in {read['calls']:,d} sentences: the cascade's gates chose them)")
    if info:
        print("(info findings, not counted: " + ", ".join(f"{t} {n}" for t, n in info.most_common())
              + f"; {sum(info.values()) / total_chars * 1e6:.1f} per M chars)")
    if info_listed and info_sample:
        print(f"(first {min(info_sample, len(info_listed))} info findings: "
              + " | ".join(f"{c} {fd.type}" for _, _, fd, c in info_listed[:info_sample]) + ")")
    if listed:
        print(f"\nEvery review/block finding ({len(listed)}"
              + (f", first {max_list} shown" if len(listed) > max_list else "") + "):")
        for name, i, fd, c in listed[:max_list]:
            print(f"  {name} #{i} {fd.type}/{fd.severity} {fd.rule}: {c}")
    return {"rows": rows, "total_chars": total_chars, "findings": total, "per_million": rate,
            "model_chars": read["chars"], "model_calls": read["calls"],
            "info": dict(info),
            "listed": [{"corpus": n, "doc": i, "type": fd.type, "severity": fd.severity, "rule": fd.rule,
                        "text": fd.text, "context": c} for n, i, fd, c in listed]}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--skip-ner", action="store_true")
    ap.add_argument("--skip-official", action="store_true")
    ap.add_argument("--examples", type=int, default=10, help="misses and false alarms shown per dataset")
    ap.add_argument("--max-list", type=int, default=400, help="official-text findings listed at most")
    ap.add_argument("--json", help="write every number (and every official-text finding) to this file")
    a = ap.parse_args(argv)
    data = Path(a.data)
    if not data.is_dir():
        sys.exit(f"missing data directory {data}: run with --data pointing at shared/data")

    from scanner import Scanner

    t0 = time.perf_counter()
    scanner = Scanner()
    scanner.scan("张三，住址：北京市海淀区中关村大街1号")
    print(f"Scanner() built in {time.perf_counter() - t0:.2f} s")
    out = {}
    if not a.skip_ner:
        sets = ner_sets(data)
        print(f"\nperson_name on NER sets (every severity counts; target recall >= {TARGET_NAME_RECALL})")
        print(f"{'dataset':15s} {'sents':>6s} {'names':>6s} {'recall':>7s} {'prec.':>7s} {'preds':>6s}  "
              f"{'target':>6s} {'sent/s':>7s}")
        examples = {}
        tot = Counter()
        for name, sents in sets:
            res, misses, fas = score_ner(scanner, sents, "name", NAME_TYPES)
            out[f"person_name/{name}"] = res
            for k in ("gold", "matched_gold", "pred", "matching_pred", "sentences"):
                tot[k] += res[k]
            ok = res["recall"] is not None and res["recall"] >= TARGET_NAME_RECALL
            print(f"{name:15s} {res['sentences']:6d} {res['gold']:6d} {_f(res['recall']):>7s} "
                  f"{_f(res['precision']):>7s} {res['pred']:6d}  {'PASS' if ok else 'FAIL':>6s} "
                  f"{res['sentences'] / res['seconds']:7.0f}")
            examples[name] = (misses, fas)
        r = tot["matched_gold"] / tot["gold"] if tot["gold"] else None
        p = tot["matching_pred"] / tot["pred"] if tot["pred"] else None
        print(f"{'all':15s} {tot['sentences']:6d} {tot['gold']:6d} {_f(r):>7s} {_f(p):>7s} {tot['pred']:6d}  "
              f"{'PASS' if r is not None and r >= TARGET_NAME_RECALL else 'FAIL':>6s}")
        out["person_name/all"] = {**tot, "recall": r, "precision": p}

        print("\naddress on CLUENER (any place name is labelled there; SPEC reports home addresses only)")
        print(f"{'dataset':15s} {'sents':>6s} {'addr.':>6s} {'recall':>7s} {'prec.':>7s} {'preds':>6s}")
        addr_examples = {}
        for name, sents in sets[:2]:
            res, misses, fas = score_ner(scanner, sents, "address", {"address"})
            out[f"address/{name}"] = res
            print(f"{name:15s} {res['sentences']:6d} {res['gold']:6d} {_f(res['recall']):>7s} "
                  f"{_f(res['precision']):>7s} {res['pred']:6d}")
            addr_examples[name] = (misses, fas)

        if a.examples:
            print(f"\nperson_name misses and false alarms (first {a.examples} per dataset)")
            for name, (misses, fas) in examples.items():
                print(f"  {name}: missed " + " | ".join(ctx(t, s, e, 6) for t, (s, e) in misses[:a.examples]))
                print(f"  {name}: false  " + " | ".join(f"{ctx(t, p[0], p[1], 6)}({p[2][:6]}/{p[3]})"
                                                        for t, p in fas[:a.examples]))
            for name, (misses, fas) in addr_examples.items():
                print(f"  address {name}: false " + " | ".join(ctx(t, p[0], p[1], 6) for t, p in fas[:a.examples]))
    if not a.skip_official:
        out["official"] = official(scanner, data, a.max_list, a.examples)
    if a.json:
        Path(a.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nwrote {a.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
