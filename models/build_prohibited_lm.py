#!/usr/bin/env python3
"""Build models/prohibited_lm/model.json.gz: the character language-model classifier of
prohibited content that no list contains (issue 16; scanner/detectors/prohibited_model.py).

Data (all from ../shared/data, never copied into the repository; deterministic, no randomness):

* **list model** (positives): the TRAINING half of konsheng/Sensitive-lexicon@5a8da94c (porn,
  guns/explosives, terror files; MIT) and houbb/sensitive-word@b86249dd (entries with a drugs, guns,
  gambling, sex or insult character; Apache-2.0), exactly the entries
  ``scripts/build_prohibited_ngrams.py: training_entries`` reads (``held_out`` of
  benchmarks/disguise_dataset.py puts the other half in the evaluation). Character uni-, bi- and
  trigram counts.
* **general model** (negatives): the half of the general texts whose index hash is even
  (``_general_half``) — CLUENER 2020, Weibo NER, résumés, government work and congress reports,
  State Council policies, normalised as the scanner normalises; **新闻联播 is never read** — and
  every word of jieba's dictionary once. Character uni- and bigram counts (bigrams seen twice or
  more).
* **anchors**: characters whose list/general log-odds is at least ``--anchor`` (3.5), seen twice
  in the lists, not a trade or media character (售 图 网 …: ``NOT_RISK``).

Validation before the threshold is fixed (printed, and stored in the model's ``meta``):

* the training half split again by a second fixed hash (``lm-val``): a model built from one part
  scores the other part's entries that are in no entry of the first (the "novel" ones), each planted
  in three carrier sentences written here;
* the other half of the general texts (odd index hash: never counted into the model) is scanned
  with the same detector; findings per million characters.

The threshold is the smallest of ``GRID`` whose findings on that held-out general half stay at or
below ``--budget`` per million characters (1.0). The short-span decision (h16v: spans of 2–3
characters the threshold cannot reach) is validated the same way with the threshold fixed
(:func:`validate_short`): per character floor of ``SHORT_CHAR_GRID``, the smallest threshold of
``SHORT_GRID`` whose short findings on the held-out general half stay within ``SHORT_BUDGET`` per
million; of those the one that finds the most novel entries (:func:`choose_short`). The shipped model is then built from the whole
training half with that threshold. usage::

    python models/build_prohibited_lm.py [--data DIR] [--out DIR] [--check]
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import math
import os
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "scripts"))

OUT = REPO / "models" / "prohibited_lm"
LAMBDAS = (0.35, 0.4, 0.2, 0.05)  # list model: trigram, bigram, unigram, uniform
BG_LAMBDA = 0.7                   # general model: bigram (the rest unigram)
VOCAB = 8000
MAXLEN = 6
ANCHOR_LOG_ODDS = 3.0
#: an anchor below this log-odds must also be rare in general text (per million characters of the
#: general model): 气 激 刀 冰 pass 3.0 but stand in every news text, and each anchor place costs a
#: gate hit and a window look-up
ANCHOR_STRONG = 4.0
ANCHOR_MAX_PER_MILLION = 30.0
BG_MIN = 2  # a general bigram is kept when seen this often and both its characters are in list entries
PREFILTER = 8.0  # CharLLR.prefilter
#: trade characters (NOT_RISK has the others): an offer, not what is offered
NOT_ANCHOR = set("买")
JIEBA_MASS = 0.5  # jieba's words weigh this many times the corpora's characters in the general model
GRID = tuple(range(8, 25))
#: the offer band's floor: the threshold's findings on the held-out general half, in any sentence,
#: per million characters
OFFER_MAX_PER_MILLION = 5.0
BUDGET = 1.0  # findings per million characters of the held-out general half
#: the short-span decision (h16v; ProhibitedModelDetector._short): its thresholds and the context-free
#: log-odds each of its characters must reach, chosen on the same validation; its findings on the
#: held-out general half have a budget of their own, the same per million as the threshold's
SHORT_GRID = tuple(range(4, 17))
SHORT_CHAR_GRID = (0.0, 0.5, 1.0, 1.5, 2.0)
SHORT_BUDGET = 1.0
CARRIERS = ("有人在群里发{}的消息。", "朋友圈有人转发{}，大家注意。", "某网站首页出现{}等字样。")
#: the same entries in sentences of an offer (the detector's ``OFFER`` words), for the offer threshold
OFFER_CARRIERS = ("有人出售{}，要的加微信。", "{}货到付款，有意者私聊。", "求购{}，有货的留联系方式。")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _hash_bit(tag: str, key: str) -> int:
    return hashlib.sha256(f"{tag}\t{key}".encode("utf-8")).digest()[0] & 1


def _general_half(data: Path) -> tuple[list[str], list[str]]:
    """(counted, held out) general texts, normalised; split by a hash of source and index."""
    from build_prohibited_ngrams import GENERAL

    from scanner.normalize import normalize
    from scanner.variants import _corpus_texts

    counted: list[str] = []
    held: list[str] = []
    for src in GENERAL:  # (never corpus-xwlb-cctv)
        for i, t in enumerate(_corpus_texts(data, (src,))):
            (held if _hash_bit("lm-general", f"{src}:{i}") else counted).append(normalize(t))
    return counted, held


def _counts(seqs, orders) -> list[Counter]:
    out = [Counter() for _ in range(max(orders))]
    for s in seqs:
        for n in orders:
            c = out[n - 1]
            for i in range(len(s) - n + 1):
                c[s[i:i + n]] += 1
    return out


def build_model(entries: list[str], general: list[str], threshold: float, anchor: float | None = None,
                offer_threshold: float | None = None, short: tuple[float, float, float] | None = None) -> dict:
    """The model's data (what model.json.gz holds) from list entries and general texts."""
    anchor = ANCHOR_LOG_ODDS if anchor is None else anchor
    from build_prohibited_ngrams import NOT_RISK, _jieba_words

    pos = _counts(entries, (1, 2, 3))
    runs = [r for t in general for r in _HAN_RUN.findall(t)]
    bg = _counts(runs, (1, 2))
    # jieba's dictionary stands in for the general text the corpora here are too small for: every
    # word's characters and bigrams, weighted by its frequency, scaled to JIEBA_MASS times the
    # corpora's characters (汽车, 药品 are frequent there; the corpora alone count 汽车 212 times)
    jw = _jieba_words()
    total = sum(f * len(w) for w, f in jw)
    scale = JIEBA_MASS * sum(bg[0].values()) / total
    extra = [Counter(), Counter()]
    for w, f in jw:
        for n in (1, 2):
            c = extra[n - 1]
            for i in range(len(w) - n + 1):
                c[w[i:i + n]] += f
    for n in (0, 1):
        for g, v in extra[n].items():
            bg[n][g] += max(1, round(v * scale))
    n_pos, n_bg = sum(pos[0].values()), sum(bg[0].values())
    anchors = sorted(c for c, n in pos[0].items()
                     if n >= 2 and c not in NOT_RISK and c not in NOT_ANCHOR and "\u4e00" <= c <= "\u9fff"
                     and math.log((n / n_pos) / ((bg[0][c] + 5) / n_bg)) >= anchor
                     and (math.log((n / n_pos) / ((bg[0][c] + 5) / n_bg)) >= ANCHOR_STRONG
                          or bg[0][c] / n_bg * 1e6 <= ANCHOR_MAX_PER_MILLION))
    return {
        "pos1": dict(sorted(pos[0].items())), "pos2": dict(sorted(pos[1].items())), "pos3": dict(sorted(pos[2].items())),
        "bg1": dict(sorted(bg[0].items())), "bg2": dict(sorted((k, v) for k, v in bg[1].items()
                                                         if v >= BG_MIN and k[0] in pos[0] and k[1] in pos[0])),
        "lambdas": list(LAMBDAS), "bg_lambda": BG_LAMBDA, "vocab": VOCAB, "maxlen": MAXLEN,
        "anchors": "".join(anchors), "threshold": threshold, "prefilter": PREFILTER,
        "offer_threshold": threshold if offer_threshold is None else offer_threshold,
        **({} if short is None else {"short_threshold": short[0], "short_offer_threshold": short[1],
                                     "short_char_min": short[2]}),
    }


def _scores(det, texts: list[str], offers: list | None = None) -> list[tuple[float, str]]:
    """(score, span) of every finding of ``det`` in ``texts``; ``offers`` gets, per finding, whether
    its sentence holds an offer word (the detector's own test)."""
    from scanner.detectors.prohibited_model import _OFFER_RE, _sentence_of
    from scanner.normalize import build_views

    out = []
    for t in texts:
        v = build_views(t)
        for f in det.detect(v):
            out.append((float(f.message.split("对数似然比 ")[1].split("，")[0]), f.text))
            if offers is not None:
                a = _dense_index(v, f.start)
                b = _dense_index(v, f.end - 1) + 1
                offers.append(bool(_OFFER_RE.search(_sentence_of(v.dense, a, b)[1])))
    return out


def _dense_index(v, i: int) -> int:
    """The place of ``dense`` that holds the original text's character ``i`` (or the next one)."""
    from bisect import bisect_left

    if v.dense_map is None:
        return i
    return bisect_left(v.dense_map, i)


def validate(entries: list[str], counted: list[str], held: list[str]) -> dict:
    """Recall on the inner split's novel entries and findings on the held-out general half, per
    threshold of GRID (module docstring)."""
    from scanner.detectors.prohibited_model import CharLLR, ProhibitedModelDetector

    part_a = [t for t in entries if not _hash_bit("lm-val", t)]
    part_b = [t for t in entries if _hash_bit("lm-val", t)]
    novel = [t for t in part_b if not any(t in a for a in part_a)]
    model = CharLLR(build_model(part_a, counted, threshold=min(GRID)))
    det = ProhibitedModelDetector(model)
    pos, pos_offer = [], []
    for k, t in enumerate(novel):
        got = [s for s, w in _scores(det, [CARRIERS[k % 3].format(t)]) if set(w) & set(t)]
        pos.append(max(got, default=-math.inf))
        got = [s for s, w in _scores(det, [OFFER_CARRIERS[k % 3].format(t)]) if set(w) & set(t)]
        pos_offer.append(max(got, default=-math.inf))
    offers: list[bool] = []
    neg = _scores(det, held, offers)
    chars = sum(len(t) for t in held)
    table = []
    for th in GRID:
        fp = sorted(w for s, w in neg if s >= th)
        table.append({"threshold": th, "novel_recall": round(sum(p >= th for p in pos) / len(pos), 3),
                      "general_findings": len(fp), "per_million": round(len(fp) / chars * 1e6, 2),
                      "examples": fp[:8],
                      "offer_recall": round(sum(p >= th for p in pos_offer) / len(pos_offer), 3),
                      "general_offer_findings": sorted(w for (s, w), o in zip(neg, offers) if s >= th and o)})
    return {"part_a": len(part_a), "novel_b": len(novel), "general_held_chars": chars, "table": table}


def _findings(det, texts: list[str]) -> list[tuple[float, str, str, bool]]:
    """(score, span, rule, offer word in its sentence) of every finding of ``det`` in ``texts``."""
    from scanner.detectors.prohibited_model import _OFFER_RE, _sentence_of
    from scanner.normalize import build_views

    out = []
    for t in texts:
        v = build_views(t)
        for f in det.detect(v):
            a = _dense_index(v, f.start)
            b = _dense_index(v, f.end - 1) + 1
            offer = bool(_OFFER_RE.search(_sentence_of(v.dense, a, b)[1]))
            out.append((float(f.message.split("对数似然比 ")[1].split("，")[0].split("）")[0]), f.text, f.rule, offer))
    return out


def validate_short(entries: list[str], counted: list[str], held: list[str], threshold: float,
                   offer_th: float) -> dict:
    """The short-span decision on the same validation as :func:`validate` (the inner split's novel
    entries in the same carriers, the held-out general half), with the model's threshold and offer
    threshold fixed: per character floor of SHORT_CHAR_GRID and threshold of SHORT_GRID, the novel
    entries found by either rule, and the short rule's findings on the held-out general half."""
    from scanner.detectors.prohibited_model import RULE_SHORT, CharLLR, ProhibitedModelDetector

    part_a = [t for t in entries if not _hash_bit("lm-val", t)]
    part_b = [t for t in entries if _hash_bit("lm-val", t)]
    novel = [t for t in part_b if not any(t in a for a in part_a)]
    chars = sum(len(t) for t in held)
    out = []
    for cm in SHORT_CHAR_GRID:
        floor = float(min(SHORT_GRID))
        det = ProhibitedModelDetector(CharLLR(build_model(part_a, counted, threshold=threshold,
                                                          offer_threshold=offer_th, short=(floor, floor, cm))))

        def best(text: str, t: str) -> tuple[bool, float]:
            got = [(s, r) for s, w, r, _o in _findings(det, [text]) if set(w) & set(t)]
            return (any(r != RULE_SHORT for s, r in got),
                    max((s for s, r in got if r == RULE_SHORT), default=-math.inf))

        plain = [best(CARRIERS[k % 3].format(t), t) for k, t in enumerate(novel)]
        offer = [best(OFFER_CARRIERS[k % 3].format(t), t) for k, t in enumerate(novel)]
        neg = [(s, w, o) for s, w, r, o in _findings(det, held) if r == RULE_SHORT]
        table = []
        for th in SHORT_GRID:
            fp = sorted(w for s, w, o in neg if s >= th)
            table.append({"threshold": th, "novel_recall": round(sum(m or s >= th for m, s in plain) / len(plain), 3),
                          "short_found": sum(not m and s >= th for m, s in plain),
                          "general_findings": len(fp), "per_million": round(len(fp) / chars * 1e6, 2),
                          "examples": fp[:8],
                          "offer_recall": round(sum(m or s >= th for m, s in offer) / len(offer), 3),
                          "general_offer_findings": sorted(w for s, w, o in neg if s >= th and o)})
        out.append({"char_min": cm, "table": table})
    return {"novel_b": len(novel), "general_held_chars": chars, "by_char_min": out}


def choose_short(val: dict, budget: float) -> tuple[float, float, float] | None:
    """(threshold, offer threshold, character floor) of the short-span decision: of every floor, the
    smallest threshold whose findings on the held-out general half stay within ``budget`` per
    million; of those, the one that finds the most novel entries (ties: the higher floor, then the
    higher threshold); its offer threshold as :func:`offer_threshold` chooses the model's. None
    when it finds no entry the model does not."""
    best = None
    for row in val["by_char_min"]:
        ok = [r for r in row["table"] if r["per_million"] <= budget]
        if not ok:
            continue
        r = min(ok, key=lambda r: r["threshold"])
        key = (r["short_found"], row["char_min"], r["threshold"])
        if r["short_found"] > 0 and (best is None or key > best[0]):
            best = (key, row)
    if best is None:
        return None
    (_found, cm, th), row = best
    return float(th), offer_threshold(row["table"], th), float(cm)


def _short_meta(sval: dict, char_min: float) -> dict:
    """The short-span validation as meta.json keeps it: every floor's counts, the examples of the
    chosen floor only."""
    keep = ("threshold", "novel_recall", "short_found", "general_findings", "per_million", "offer_recall")
    rows = [{"char_min": row["char_min"],
             "table": row["table"] if row["char_min"] == char_min else [{k: r[k] for k in keep} for r in row["table"]]}
            for row in sval["by_char_min"]]
    return {**sval, "by_char_min": rows}


def offer_threshold(table: list[dict], threshold: float) -> float:
    """The smallest threshold of the table whose findings beside an offer word on the held-out
    general half are all findings at ``threshold`` already (the offer band adds none there) and
    whose findings in any sentence stay within ``OFFER_MAX_PER_MILLION`` (the offer words are
    evidence beside the score, not instead of it)."""
    at = {r["threshold"]: r for r in table}
    base = set(at[threshold]["examples"]) if threshold in at else set()
    ok = [r["threshold"] for r in table if r["threshold"] <= threshold and r["per_million"] <= OFFER_MAX_PER_MILLION
          and len(r["general_offer_findings"]) <= len([w for w in r["general_offer_findings"] if w in base])]
    # (the band must hold at every threshold between: the smallest of a run that reaches ``threshold``)
    out = threshold
    for th in sorted(ok, reverse=True):
        if th == out or th == out - 1:
            out = th
    return float(out)


def _dump(data: dict) -> bytes:
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
        g.write(raw)
    return buf.getvalue()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared")) / "data"))
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--budget", type=float, default=BUDGET)
    ap.add_argument("--check", action="store_true", help="build in memory and compare with the file in --out")
    a = ap.parse_args(argv)
    data = Path(a.data)
    from build_prohibited_ngrams import training_entries

    entries = training_entries(data)
    counted, held = _general_half(data)
    val = validate(entries, counted, held)
    for row in val["table"]:
        print(f"threshold {row['threshold']:>3}: novel recall {row['novel_recall']:.3f}, held-out general "
              f"{row['general_findings']} ({row['per_million']}/M) {' '.join(row['examples'])}")
    ok = [r["threshold"] for r in val["table"] if r["per_million"] <= a.budget]
    if not ok:
        print("no threshold of the grid meets the budget", file=sys.stderr)
        return 1
    th = float(min(ok))
    oth = offer_threshold(val["table"], th)
    for row in val["table"]:
        print(f"threshold {row['threshold']:>3}: beside an offer word: novel recall {row['offer_recall']:.3f}, "
              f"held-out general {' '.join(row['general_offer_findings'])}")
    sval = validate_short(entries, counted, held, th, oth)
    for row in sval["by_char_min"]:
        for r in row["table"]:
            print(f"short, characters >= {row['char_min']}, threshold {r['threshold']:>3}: novel recall "
                  f"{r['novel_recall']:.3f} (+{r['short_found']}), offer {r['offer_recall']:.3f}, held-out general "
                  f"{r['general_findings']} ({r['per_million']}/M) {' '.join(r['examples'])} | beside an offer word: "
                  f"{' '.join(r['general_offer_findings'])}")
    short = choose_short(sval, SHORT_BUDGET)
    print(f"short-span decision: {short}")
    model = build_model(entries, counted, threshold=th, offer_threshold=oth, short=short)
    model["meta"] = {
        "name": "prohibited_lm", "built_by": "models/build_prohibited_lm.py",
        "positives": {"entries": len(entries), "sources": ["konsheng/Sensitive-lexicon@5a8da94c (MIT), training half",
                                                          "houbb/sensitive-word@b86249dd (Apache-2.0), training half"]},
        "negatives": {"texts": len(counted), "characters": sum(map(len, counted)),
                      "sources": ["the even-hash half of each: ner-cluener2020, ner-weibo, ner-resume, "
                                  "corpus-gov-work-reports, corpus-govcn-policies-2019 (never corpus-xwlb-cctv)",
                                  f"jieba dict.txt words, frequency-weighted, {JIEBA_MASS} x the corpora's characters"]},
        "anchors": model["anchors"], "threshold": th, "offer_threshold": oth, "prefilter": PREFILTER,
        "budget_per_million": a.budget,
        "validation": val,
        "short": None if short is None else {"threshold": short[0], "offer_threshold": short[1], "char_min": short[2],
                                             "budget_per_million": SHORT_BUDGET, "validation": _short_meta(sval, short[2])},
    }
    blob = _dump(model)
    out = Path(a.out)
    print(f"threshold {th} (budget {a.budget}/M), offer threshold {oth}, {len(model['anchors'])} anchors, "
          f"sha256 {hashlib.sha256(blob).hexdigest()[:16]}, {len(blob)} bytes")
    if a.check:
        old = (out / "model.json.gz").read_bytes() if (out / "model.json.gz").is_file() else b""
        print("identical" if old == blob else "DIFFERS")
        return 0 if old == blob else 1
    out.mkdir(parents=True, exist_ok=True)
    (out / "model.json.gz").write_bytes(blob)
    (out / "meta.json").write_text(json.dumps(model["meta"], ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
