#!/usr/bin/env python3
"""Train the person-name CRF (``models/zh_name_crf/``) on the train splits of the public NER sets.

    python models/build_name_tagger.py [--data ../shared/data] [--out models/zh_name_crf]
                                       [--c1 0.1] [--c2 0.01] [--iterations 150]

Also calibrates the threshold of the opt-in detector by cross-validation on the train splits
(``--folds``; written to ``meta.json``). Needs ``python-crfsuite`` (the ``train`` extra) for training only; the scanner runs the model with
NumPy (``scanner/name_tagger.py``). Gold names: CLUENER ``name``, Resume ``NAME``, Weibo
``PER.NAM``, train splits only (CLUENER dev and the Resume and Weibo dev/test splits are held out
for ``benchmarks/bench_ner_nlp.py``). Writes ``model.npz`` (feature keys, weights, transitions,
vocabulary) and ``meta.json`` (data, parameters, sizes). Training takes about 3 minutes on one core, the calibration about 6 more on two.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from scanner.name_tagger import (
    FEATURE_VERSION,
    LABELS,
    Lexicon,
    NameTagger,
    build_lexicon,
    build_vocab,
    feature_keys,
    runs,
)
from scanner.normalize import normalize

IMPOSSIBLE = -1e4  # a score no path with this label survives (fits float16)
TRAIN_SPLITS = ("cluener train", "resume train", "weibo train")


def bmes(n: int, spans: list[tuple[int, int]]) -> list[str]:
    tags = ["O"] * n
    for s, e in spans:
        if e - s == 1:
            tags[s] = "S"
        else:
            tags[s] = "B"
            tags[e - 1] = "E"
            for i in range(s + 1, e - 1):
                tags[i] = "M"
    return tags


def training_sentences(data: Path) -> list[tuple[str, list[tuple[int, int]]]]:
    from bench_ner import ner_sets

    sets = dict(ner_sets(data))
    out = []
    for split in TRAIN_SPLITS:
        for text, gold in sets[split]:
            if text:
                # the scanner tags its ``vis`` view (full-width folded, lower-cased, traditional to
                # simplified): train on the same character-for-character normalisation
                norm = normalize(text)
                assert len(norm) == len(text)
                out.append((norm, gold["name"]))
    return out


def _dictionary_names() -> tuple[list[str], list[str]]:
    """Personal names from jieba's dictionary (not from the NER sets): Han names (``nr``, a
    surname and one or two characters) and transliterations (``nrt``)."""
    from scanner.detectors.names import SURNAMES
    from scanner.name_tagger import jieba_entries

    surnames = frozenset(SURNAMES)
    han, foreign = [], []
    for word, _, tag in jieba_entries():
        w = normalize(word)
        if tag == "nr" and 2 <= len(w) <= 3 and w[0] in surnames:
            han.append(w)
        elif tag == "nrt" and 2 <= len(w) <= 6:
            foreign.append(w)
    return han, foreign


def augment(sents, copies: int, seed: int = 7):
    """``sents`` plus, for each sentence with names, ``copies`` copies whose names are replaced by
    other names from jieba's dictionary (Han by Han, others by transliterations), so that the
    model learns the contexts of names rather than the names of the training set."""
    import random

    if copies <= 0:
        return list(sents)
    from scanner.detectors.names import SURNAMES

    surnames = frozenset(SURNAMES)
    han, foreign = _dictionary_names()
    rnd = random.Random(seed)
    out = list(sents)
    for text, spans in sents:
        if not spans:
            continue
        for _ in range(copies):
            pieces, new_spans, pos = [], [], 0
            for a, b in sorted(spans):
                if a < pos:
                    continue  # overlapping gold: keep the first
                name = text[a:b]
                pool = han if name[:1] in surnames and len(name) <= 3 else foreign
                repl = rnd.choice(pool)
                pieces.append(text[pos:a])
                start = sum(map(len, pieces))
                pieces.append(repl)
                new_spans.append((start, start + len(repl)))
                pos = b
            pieces.append(text[pos:])
            out.append(("".join(pieces), new_spans))
    return out


def vocabulary(sents, min_count: int = 2, size: int = 16000) -> list[str]:
    counts = Counter(ch for text, _ in sents for ch in text)
    return [ch for ch, k in counts.most_common(size) if k >= min_count]


def attrs(keys: np.ndarray) -> list[list[str]]:
    return [[format(int(k), "x") for k in row] for row in keys]


def train_crf(sents, chars: list[str], lex: Lexicon, crf: Path, c1: float, c2: float, iterations: int) -> None:
    """Train CRFsuite on ``sents`` [(text, name spans)] and write its model file to ``crf``."""
    import pycrfsuite

    vocab = build_vocab(chars)
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, spans in sents:
        trainer.append(attrs(feature_keys(text, vocab, lex)), bmes(len(text), spans))
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(crf))


def export(crf: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(keys, weights, transitions) of a CRFsuite model file, as NameTagger takes them."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf))
    info = tagger.info()
    lab = {name: i for i, name in enumerate(LABELS)}
    rows: dict[int, np.ndarray] = {}
    for (attr, label), w in info.state_features.items():
        rows.setdefault(int(attr, 16), np.zeros(len(LABELS), np.float32))[lab[label]] = w
    keys = np.array(sorted(rows), dtype=np.int64)
    weights = np.stack([rows[k] for k in keys]) if len(keys) else np.zeros((0, len(LABELS)), np.float32)
    trans = np.zeros((len(LABELS), len(LABELS)))
    for (a, b), w in info.transitions.items():
        trans[lab[a], lab[b]] = w
    # a label the training data never used does not exist for CRFsuite: make it impossible here
    for label in set(LABELS) - set(tagger.labels()):
        k = lab[label]
        trans[k, :] = trans[:, k] = IMPOSSIBLE
        if not len(keys) or keys[0] != 0:  # key 0 is the bias feature (template 0, value 0)
            keys = np.concatenate(([0], keys))
            weights = np.vstack([np.zeros((1, len(LABELS)), np.float32), weights])
        weights[0, k] = IMPOSSIBLE
    return keys, weights, trans


def train(sents, chars: list[str], out: Path, c1: float, c2: float, iterations: int) -> dict:
    crf = out / "names.crfsuite"
    lex = build_lexicon()
    train_crf(sents, chars, lex, crf, c1, c2, iterations)
    keys, weights, trans = export(crf)
    # float16 weights halve the file; the scores move by < 1e-3 (tests/test_name_tagger.py)
    np.savez_compressed(out / "model.npz", keys=keys, weights=weights.astype(np.float16),
                        transitions=trans, chars=np.array("".join(chars)),
                        feature_version=np.array(FEATURE_VERSION), **lex.to_arrays())
    crf.unlink()
    return {"features": len(keys), "nonzero_weights": int((weights != 0).sum())}


def _fold(args) -> list[tuple[list[tuple[int, int]], np.ndarray]]:
    """Train on all folds but one and return (gold spans, name probabilities) of the one left out."""
    import tempfile

    sents, k, folds, chars, c1, c2, iterations, copies = args
    train_part = augment([x for i, x in enumerate(sents) if i % folds != k], copies)
    test_part = [x for i, x in enumerate(sents) if i % folds == k]
    lex = build_lexicon()
    with tempfile.TemporaryDirectory() as tmp:
        crf = Path(tmp) / "fold.crfsuite"
        train_crf(train_part, chars, lex, crf, c1, c2, iterations)
        keys, weights, trans = export(crf)
    tagger = NameTagger(keys, weights, trans, chars, lex)
    return [(spans, tagger.probabilities(text)) for text, spans in test_part]


def calibrate(sents, chars, folds: int, c1: float, c2: float, iterations: int, min_precision: float,
              copies: int = 0) -> dict:
    """Out-of-fold name probabilities on the train splits (``folds`` CRFs, each trained without its
    fold), and the threshold the opt-in detector uses: the lowest one whose out-of-fold precision
    is at least ``min_precision`` (most names found at that precision). Dev and test splits are
    never looked at."""
    from multiprocessing import Pool

    with Pool(min(folds, 2)) as pool:
        parts = pool.map(_fold, [(sents, k, folds, chars, c1, c2, iterations, copies) for k in range(folds)])
    rows = [r for part in parts for r in part]
    curve = []
    for t in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        gold = hit = pred = good = 0
        for spans, p in rows:
            pr = [(a, b) for a, b in runs(p, t) if b - a >= 2]
            gold += len(spans)
            hit += sum(any(a < d and c < b for c, d in pr) for a, b in spans)
            pred += len(pr)
            good += sum(any(a < d and c < b for a, b in spans) for c, d in pr)
        curve.append({"threshold": t, "recall": round(hit / gold, 4), "precision": round(good / max(1, pred), 4)})
    ok = [c for c in curve if c["precision"] >= min_precision]
    chosen = min(ok, key=lambda c: c["threshold"]) if ok else max(curve, key=lambda c: c["precision"])
    return {"threshold": chosen["threshold"], "rule": f"lowest threshold with out-of-fold precision >= {min_precision}",
            "folds": folds, "curve": curve}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(REPO / "models" / "zh_name_crf"))
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--folds", type=int, default=3, help="cross-validation folds for the threshold (0: skip)")
    ap.add_argument("--min-precision", type=float, default=0.8)
    ap.add_argument("--augment", type=int, default=0,
                    help="copies of each sentence with its names swapped for jieba dictionary names")
    ap.add_argument("--calibrate-only", action="store_true", help="print the cross-validation curve, write nothing")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    sents = training_sentences(Path(args.data))
    chars = vocabulary(sents)
    if args.calibrate_only:
        cal = calibrate(sents, chars, args.folds, args.c1, args.c2, args.iterations, args.min_precision, args.augment)
        print(json.dumps(cal, indent=1))
        return 0
    sizes = train(augment(sents, args.augment), chars, out, args.c1, args.c2, args.iterations)
    cal = calibrate(sents, chars, args.folds, args.c1, args.c2, args.iterations, args.min_precision,
                    args.augment) if args.folds else {}
    meta = {
        "name": "zh_name_crf",
        "what": "linear-chain CRF over characters, labels O/B/M/E/S of person names",
        "trained_on": {s: "train split" for s in TRAIN_SPLITS},
        "held_out": ["cluener dev", "resume dev", "resume test", "weibo dev", "weibo test"],
        "gold": {"cluener": "name", "resume": "NAME", "weibo": "PER.NAM"},
        "sentences": len(sents),
        "names": sum(len(s) for _, s in sents),
        "vocabulary": len(chars),
        "params": {"algorithm": "lbfgs", "c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                   "augment": args.augment},
        **sizes,
        "calibration": cal,
        "text": "scanner.normalize.normalize() of each sentence (as the vis view)",
        "note": "weights only: no sentence or name list from the data sets is stored",
        "built_seconds": round(time.time() - t0, 1),
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(meta, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
