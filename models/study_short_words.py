#!/usr/bin/env python3
"""What separates a prohibited two-character (or dictionary) word from an ordinary one? (issue 16,
h16x; benchmarks/DISGUISE.md "Twelfth session: two-character and dictionary words").

Measured **only on the classifier builder's own validation** (models/build_prohibited_lm.py): the
training half of the prohibited lists split by the fixed hash ``lm-val`` (part A builds a model,
part B's entries that are in no entry of A are the "novel" ones), the builder's carrier sentences,
and the held-out (odd-hash) half of the general texts, never 新闻联播. No benchmark item and no
held-out entry of the evaluation is read. Deterministic; prints six tables::

    PYTHONPATH=. python models/study_short_words.py [--data DIR] [--wordfreq FILE]

1. **stages**: where each novel two-character entry stops in the short-span decision (no anchor, a
   character not list-heavy, a bigram general text writes, score below the short threshold, found);
2. **SHORT_WORD sweep**: the short decision's recall and held-out general findings when a word of
   jieba's dictionary below a frequency may be a short span (1 = none may, the shipped rule);
3. **dictionary classifier**: a logistic regression over per-word features (the model's score, the
   characters' log-odds, jieba's frequency and its floor 2–3, positional character evidence, how
   many part-A entries contain the word, jieba's POS tag), trained on part A's entries among the
   two-character jieba words of frequency < 50 against the rest, ranking that dictionary; per
   cut-off K: part B's novel and overlap entries in the top K, and the held-out general half's jieba
   tokens of the top-K words (what reporting them would cost);
4. **the offer band's dictionary test**: the builder's offer carriers with and without "a span that
   is a word of jieba's dictionary is no offer-band finding", and the entries it loses;
5. with ``--wordfreq FILE`` (a pickle of ``wordfreq.get_frequency_dict('zh')``, not a dependency of
   the project): the web-based frequency of the dictionary words that pass the short decision's
   character tests;
6. sentences of county e-commerce news written for the study (:data:`ECOMMERCE`) through the shipped
   detector, with the offer band's dictionary test off (as shipped) and on.
"""
from __future__ import annotations

import argparse
import math
import os
import pickle
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "models"))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "scripts"))

import numpy as np  # noqa: E402

import build_prohibited_lm as B  # noqa: E402

_HAN2 = re.compile(r"[\u4e00-\u9fff]+")
POS = ("n", "v", "a", "z", "nr", "nz", "vn")


def _jieba_two(max_freq: int = 50) -> list[tuple[str, int, str]]:
    from scanner.words import jieba_dict_path

    out = []
    for line in open(jieba_dict_path(), encoding="utf-8"):
        w, f, *p = line.split()
        if len(w) == 2 and int(f) < max_freq and all("\u4e00" <= c <= "\u9fff" for c in w):
            out.append((w, int(f), p[0] if p else "-"))
    return out


def _tokens(texts: list[str]) -> Counter:
    from scanner.words import cut

    c: Counter = Counter()
    for t in texts:
        for r in _HAN2.findall(t):
            for x in cut(r):
                if len(x) == 2:
                    c[x] += 1
    return c


def stages(m, novel: list[str]) -> Counter:
    """Where each novel two-character entry stops (module docstring, table 1)."""
    import scanner.detectors.prohibited_model as pm
    from scanner.normalize import build_views

    det = pm.ProhibitedModelDetector(m)
    anchors = set(m.anchors)
    why: Counter = Counter()
    for k, t in enumerate(novel):
        if len(t) != 2:
            continue
        fs = [f for f in det.detect(build_views(B.CARRIERS[k % 3].format(t))) if set(f.text) & set(t)]
        if fs:
            why["found"] += 1
        elif not set(t) & anchors:
            why["no anchor character"] += 1
        elif not all(c in m.short_chars for c in t):
            why["a character not list-heavy"] += 1
        elif m.bg[1].get(t, 0):
            why["general text writes the bigram"] += 1
        elif m.score(t) < m.short_threshold:
            why["score below the short threshold"] += 1
        else:
            why["other test (dictionary word, news, stands alone)"] += 1
    return why


def sweep(entries, counted, held) -> None:
    import scanner.detectors.prohibited_model as pm

    keep = pm.SHORT_WORD, B.SHORT_CHAR_GRID
    B.SHORT_CHAR_GRID = (0.5,)
    try:
        for sw in (1, 4, 10, 50, 10**9):
            pm.SHORT_WORD = sw
            sv = B.validate_short(entries, counted, held, 15.0, 11.0)
            r = {x["threshold"]: x for x in sv["by_char_min"][0]["table"]}
            print(f"  SHORT_WORD {sw:>10}: at 9 found +{r[9]['short_found']} (recall {r[9]['novel_recall']}), "
                  f"held-out general {r[9]['general_findings']}; at 6 +{r[6]['short_found']}, general "
                  f"{r[6]['general_findings']} {' '.join(r[6]['examples'])}")
    finally:
        pm.SHORT_WORD, B.SHORT_CHAR_GRID = keep


def classifier(m, part_a, part_b, novel, held_tok) -> None:
    words = _jieba_two()
    a_set, b_set, nov = set(part_a), set(part_b), set(novel)
    first, last = Counter(e[0] for e in part_a), Counter(e[-1] for e in part_a)
    jfirst, jlast = Counter(w[0] for w, _, _ in words), Counter(w[-1] for w, _, _ in words)
    contain: Counter = Counter()
    for e in set(part_a):
        for g in {e[i:i + 2] for i in range(len(e) - 1)}:
            if g != e:
                contain[g] += 1
    na, nj = len(part_a), len(words)

    def feats(w, f, p):
        u = [m.llr("", c) for c in w]
        return [m.score(w), min(u), max(u), 1.0 if f <= 3 else 0.0, math.log1p(f),
                math.log((first[w[0]] + 0.5) / na) - math.log((jfirst[w[0]] + 0.5) / nj),
                math.log((last[w[-1]] + 0.5) / na) - math.log((jlast[w[-1]] + 0.5) / nj),
                math.log1p(contain[w])] + [1.0 if p == q else 0.0 for q in POS]

    x = np.array([feats(*r) for r in words])
    ws = [r[0] for r in words]
    y = np.array([1.0 if w in a_set else 0.0 for w in ws])
    n_nov = sum(w in nov for w in ws)
    n_ovl = sum(w in b_set and w not in nov for w in ws)
    print(f"  {len(ws)} two-character jieba words of frequency < 50; part A entries among them {int(y.sum())}, "
          f"part B novel {n_nov}, part B overlap {n_ovl}; held-out general half {sum(map(len, HELD))} characters")

    def fit(cols):
        z = x[:, cols]
        mu, sd = z.mean(0), z.std(0) + 1e-9
        z = np.hstack([(z - mu) / sd, np.ones((len(z), 1))])
        wv = np.zeros(z.shape[1])
        sw = np.where(y == 1, (len(y) - y.sum()) / y.sum(), 1.0)
        for _ in range(3000):
            p = 1 / (1 + np.exp(-z @ wv))
            wv -= 0.5 * (z.T @ ((p - y) * sw) / sw.sum() + np.r_[wv[:-1], 0] / len(y))
        return z @ wv

    variants = (("the model's score", None), ("+ characters' log-odds", [0, 1, 2]),
                ("+ jieba frequency, its floor", [0, 1, 2, 3, 4]), ("+ positional characters", list(range(7))),
                ("+ part-A entries holding it", list(range(8))), ("+ POS", list(range(8 + len(POS)))))
    for name, cols in variants:
        s = x[:, 0] if cols is None else fit(cols)
        order = np.argsort(-s, kind="stable")
        row = []
        for k in (50, 100, 200, 500, 1000):
            top = [ws[i] for i in order[:k]]
            cost = sum(held_tok[w] for w in top if w not in a_set)
            row.append(f"K={k}: {sum(w in nov for w in top)}/{n_nov} novel, {sum(w in b_set and w not in nov for w in top)}"
                       f"/{n_ovl} overlap, {cost} general tokens")
        print(f"  {name:<30} " + "; ".join(row))


def band(entries, counted, held, part_a, novel) -> None:
    import scanner.detectors.prohibited_model as pm

    keep = B.SHORT_CHAR_GRID, pm.BAND_WORDS
    B.SHORT_CHAR_GRID = (0.5,)
    det = pm.ProhibitedModelDetector(pm.CharLLR(B.build_model(part_a, counted, threshold=15.0, offer_threshold=11.0,
                                                              short=(9.0, 4.0, 0.5))))
    try:
        found = {}
        for flag in (False, True):
            pm.BAND_WORDS = flag
            sv = B.validate_short(entries, counted, held, 15.0, 11.0)
            r = {x["threshold"]: x for x in sv["by_char_min"][0]["table"]}
            n = sv["novel_b"]
            found[flag] = [bool([w for _s, w, _r, _o in B._findings(det, [B.OFFER_CARRIERS[k % 3].format(t)])
                                 if set(w) & set(t)]) for k, t in enumerate(novel)]
            print(f"  dictionary test {'on ' if flag else 'off'}: plain carriers {round(r[9]['novel_recall'] * n)}, "
                  f"offer carriers {sum(found[flag])} of {n}; held-out general beside an offer word "
                  f"{r[4]['general_offer_findings']}")
        print("  lost:", " ".join(t for t, a, b in zip(novel, found[False], found[True]) if a and not b))
    finally:
        B.SHORT_CHAR_GRID, pm.BAND_WORDS = keep


#: sentences of county e-commerce news written for this study (no data set's): the offer words 现货 下单
#: 包邮 有货 are its everyday words (table 6)
ECOMMERCE = ["直播间里，粉嫩的水蜜桃一上架，网友纷纷下单。", "果园的桃子粉嫩可口，现货供应，欢迎下单。", "小姨在直播间帮村民卖土鸡蛋，网友纷纷下单。",
 "火辣的小龙虾现货供应，包邮到家。", "辣妹子辣酱现货，欢迎下单。", "美眉们看过来，新款连衣裙现货包邮。", "枪膛清洁工具现货，包邮。",
 "猎刀工艺品现货，包邮。", "迷雾森林门票现货，扫码下单。", "逼真的仿生玩具现货，包邮。", "操刀设计的老师傅现货接单。", "毒液电影周边现货包邮。", "药水现货，欢迎下单。",
 "粉嫩可口的桃子，现货供应。", "这批桃子粉嫩，欢迎下单。", "小姨家的橙子，欢迎下单。", "一款火辣的辣条，包邮。", "辣妹子牌辣椒酱，有货。",
 "美眉专属优惠，欢迎下单。", "秃秃的山上种满果树，欢迎下单。", "催泪的故事感动网友，纷纷下单支持。", "迷香扑鼻的桂花糕，欢迎下单。", "鸟枪换炮，乡村电商订单不断，欢迎下单。",
 "娥眉月下的茶园，有货。", "枪套皮具现货。", "炸鸡套餐，欢迎下单。", "香嫩的烤乳猪，现货，欢迎下单。", "冰棍现货，欢迎下单。", "插花课程，扫码下单。", "嫩草莓现货包邮。",
 "弹珠玩具现货。", "水枪玩具现货包邮。", "乳粉现货，欢迎下单。", "辣妹子火锅底料现货。", "小姨做的腊肉，欢迎下单。", "美眉专享，现货包邮。", "迷香桂花糕现货。"]


def ecommerce() -> None:
    """Table 6: which of :data:`ECOMMERCE` the shipped detector reports, with the band's dictionary
    test off (as shipped) and on."""
    import scanner.detectors.prohibited_model as pm
    from scanner.normalize import build_views

    det = pm.ProhibitedModelDetector()
    keep = pm.BAND_WORDS
    try:
        for flag in (False, True):
            pm.BAND_WORDS = flag
            got = [(t, [f.text for f in det.detect(build_views(t))]) for t in ECOMMERCE]
            hit = [f"{t} ({'/'.join(w)})" for t, w in got if w]
            print(f"  band dictionary test {'on ' if flag else 'off'}: {len(hit)} of {len(ECOMMERCE)} reported: " + " ".join(hit))
    finally:
        pm.BAND_WORDS = keep


HELD: list[str] = []


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared")) / "data"))
    ap.add_argument("--wordfreq", help="a pickle of wordfreq.get_frequency_dict('zh') (optional)")
    a = ap.parse_args(argv)
    import scanner.detectors.prohibited_model as pm
    from build_prohibited_ngrams import training_entries

    data = Path(a.data)
    entries = training_entries(data)
    counted, held = B._general_half(data)
    HELD[:] = held
    part_a = [t for t in entries if not B._hash_bit("lm-val", t)]
    part_b = [t for t in entries if B._hash_bit("lm-val", t)]
    novel = [t for t in part_b if not any(t in x for x in part_a)]
    m = pm.CharLLR(B.build_model(part_a, counted, threshold=15.0, offer_threshold=11.0, short=(9.0, 4.0, 0.5)))
    two = [t for t in novel if len(t) == 2]
    print(f"1. stages of the {len(two)} novel two-character entries (of {len(novel)} novel; model of part A):")
    for k, v in stages(m, novel).most_common():
        print(f"  {k:<50} {v}")
    a2 = [t for t in part_a if len(t) == 2]
    print(f"  score >= 9 (model of part A): novel two-character {sum(m.score(t) >= 9 for t in two)}/{len(two)}, "
          f"part A's own (in-sample) {sum(m.score(t) >= 9 for t in a2)}/{len(a2)}; a novel entry's bigram is in no "
          f"part-A entry (pos2: {sum(bool(m.pos[1].get(t)) for t in two)} of {len(two)})")
    print("2. SHORT_WORD sweep (short decision, character floor 0.5):")
    sweep(entries, counted, held)
    print("3. dictionary classifier (ranking the dictionary; cost = held-out general tokens of the top-K words):")
    classifier(m, part_a, part_b, novel, _tokens(held))
    print("4. the offer band's dictionary test:")
    band(entries, counted, held, part_a, novel)
    if a.wordfreq:
        wf = pickle.load(open(a.wordfreq, "rb"))
        full = pm.load_model()
        anchors = set(full.anchors)
        print("5. web-based frequency (wordfreq zh, Zipf) of the dictionary words (frequency 1-49) that pass the "
              "short decision's character tests at score >= 9 (shipped model; * = a training-half entry):")
        ent = set(entries)
        rows = sorted(((round(math.log10(wf[w] * 1e9), 1) if wf.get(w) else 0.0, w) for w, f, _p in _jieba_two()
                       if f >= 1 and set(w) & anchors and all(c in full.short_chars for c in w)
                       and not full.bg[1].get(w, 0) and w not in full.ordinary and full.score(w) >= 9), reverse=True)
        print("  " + " ".join(f"{w}{'*' if w in ent else ''}{z}" for z, w in rows))
    print("6. sentences of county e-commerce news written for this study (the shipped model):")
    ecommerce()
    return 0


if __name__ == "__main__":
    sys.exit(main())
