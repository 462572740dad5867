#!/usr/bin/env python3
"""Per-call latency: govscan's own personal-data scan vs the same detection inside presidio.

Posts are cut from the real 新闻联播 items (consecutive items joined, then cut to 500 / 2,000 /
8,000 characters). Two kinds of text:
  * ``news``: the posts as they are (official news has almost no personal data);
  * ``news+pii``: the same posts with one synthetic identifier (ID number, mobile, e-mail, bank
    card, plate, …, half of them with a context word) inserted every 250 characters, so the number
    of findings grows with the length, as in a leaked applicant list.

Engines, each on the same posts, one call per post after a warm-up, taking turns post by post.
Times are the calling thread's CPU time by default (``--clock wall`` for elapsed time): on a
shared machine CPU time is what an idle machine's latency would be; elapsed time adds whatever
the other processes take.
  a  govscan      ``Scanner(detectors=["personal_data"], bundled_lexicons=False).scan(text)``
  b  presidio+jieba  our recognizers in presidio's AnalyzerEngine with the shipped
                  ``models/zh_jieba_lemma`` pipeline (jieba + lemma; context words work)
  c  presidio no-op  the same recognizers with presidio's NoOpNlpEngine (no tokens: only
                  ``analyze(context=...)`` can raise scores)
  nlp             the jieba pipeline alone (``nlp_engine.process_text``), the part of (b) that is
                  not recognizers

usage: python benchmarks/bench_presidio.py [--data DIR] [--posts N] [--sizes 500,2000,8000] [--clock cpu|wall]
                                          [--json OUT]
"""
from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from scanner.validators import id18_check_char, luhn_complete  # noqa: E402

CORPUS = "corpus-xwlb-cctv/xwlb_items_2022_2024.jsonl"


def id18(first17: str) -> str:
    return first17 + id18_check_char(first17)


luhn = luhn_complete


def identifiers(rng: random.Random) -> list[str]:
    idn = id18(f"{rng.choice(['110105', '440306', '330106', '510104'])}19{rng.randint(50, 99)}0{rng.randint(1, 9)}"
               f"{rng.randint(10, 28)}{rng.randint(100, 999)}")
    mob = f"1{rng.choice('3589')}{rng.randint(100000000, 999999999)}"
    card = luhn(f"6222{rng.randint(10**13, 10**14 - 1)}")
    mail = f"user{rng.randint(1, 9999)}@example.com"
    plate = f"京{rng.choice('ABCEF')}{rng.randint(10000, 99999)}"
    return [f"身份证号码{idn}", idn, f"手机{mob}", mob, f"邮箱{mail}", mail, f"卡号{card}", plate]


def posts_of(joined: str, size: int, count: int) -> list[str]:
    step = max(size, (len(joined) - size) // count)
    return [joined[i:i + size] for i in range(0, len(joined) - size, step)][:count]


def with_pii(post: str, rng: random.Random, every: int = 250) -> str:
    k = max(1, len(post) // every)
    cuts = sorted(rng.sample(range(len(post)), k), reverse=True)
    for i in cuts:  # right to left: earlier positions stay valid
        post = post[:i] + "，" + rng.choice(identifiers(rng)) + "，" + post[i:]
    return post


def timed(engines, texts, clock=time.thread_time) -> list[list[float]]:
    """Milliseconds per call of each engine on each text. The engines take turns on every text, in
    an order that rotates from text to text (the first to touch a fresh string pays its cache
    misses), so load from other processes on the machine falls on all of them alike."""
    for t in texts[:5]:
        for fn in engines:
            fn(t)  # warm-up (jieba dictionary, caches)
    gc.collect()
    gc.disable()
    out: list[list[float]] = [[] for _ in engines]
    try:
        n = len(engines)
        for i, t in enumerate(texts):
            for k in range(n):
                j = (i + k) % n
                t0 = clock()
                engines[j](t)
                out[j].append((clock() - t0) * 1000)
    finally:
        gc.enable()
    return out


def p99(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.99 * (len(xs) - 1)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--posts", type=int, default=200, help="posts per size (8,000-char: half as many)")
    ap.add_argument("--sizes", default="500,2000,8000")
    ap.add_argument("--clock", choices=("cpu", "wall"), default="cpu",
                    help="cpu: this thread's CPU time per call (default; steady on a shared machine); "
                         "wall: elapsed time")
    ap.add_argument("--json", type=Path, help="write the rows as JSON")
    args = ap.parse_args(argv)
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

    path = args.data / CORPUS
    if not path.exists():
        sys.exit(f"missing {path}: pass --data pointing at shared/data")
    with open(path, encoding="utf-8") as f:
        joined = "\n".join(json.loads(line)["text"] for line in f)

    t0 = time.perf_counter()
    from scanner import Scanner
    scanner = Scanner(detectors=["personal_data"], bundled_lexicons=False)
    t_scanner = time.perf_counter() - t0
    t0 = time.perf_counter()
    from presidio_analyzer.nlp_engine import NoOpNlpEngine

    from scanner.presidio import build_analyzer, bundled_model_path
    jieba_an = build_analyzer(scanner=scanner)
    jieba_an.analyze("预热：手机13812345678", language="zh")  # jieba initialises on first use
    t_jieba = time.perf_counter() - t0
    noop_an = build_analyzer(scanner=scanner, nlp_engine=NoOpNlpEngine(models=[{"lang_code": "zh", "model_name": "noop"}]))
    nlp = jieba_an.nlp_engine

    engines = [
        ("a govscan", lambda t: scanner.scan(t)),
        ("b presidio+jieba", lambda t: jieba_an.analyze(t, language="zh")),
        ("c presidio no-op", lambda t: noop_an.analyze(t, language="zh")),
        ("nlp (jieba+lemma)", lambda t: nlp.process_text(t, "zh")),
    ]
    clock = time.thread_time if args.clock == "cpu" else time.perf_counter
    rows = []
    print(f"clock: {args.clock} ({'CPU time of the calling thread' if args.clock == 'cpu' else 'elapsed'})")
    print(f"python {platform.python_version()}, {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; model {bundled_model_path()}")
    print(f"build: Scanner(personal_data) {t_scanner:.2f} s; presidio analyzer with jieba pipeline "
          f"(imports, spacy.load, jieba dictionary) {t_jieba:.2f} s\n")
    head = f"{'text':<9} {'chars':>5} {'posts':>5} {'hits':>5}  " + "  ".join(f"{n:>17}" for n, _ in engines)
    print(head)
    print(f"{'':<9} {'':>5} {'':>5} {'/post':>5}  " + "  ".join(f"{'median / p99 ms':>17}" for _ in engines))
    for size in (int(s) for s in args.sizes.split(",")):
        count = args.posts if size <= 2000 else max(20, args.posts // 2)
        base = posts_of(joined, size, count)
        rng = random.Random(size)
        for kind, texts in (("news", base), ("news+pii", [with_pii(p, rng) for p in base])):
            hits = statistics.mean(len(scanner.scan(t).findings) for t in texts)
            row = {"text": kind, "chars": size, "posts": len(texts), "hits_per_post": round(hits, 1)}
            cells = []
            for (name, _), ms in zip(engines, timed([fn for _, fn in engines], texts, clock)):
                row[name] = {"median_ms": round(statistics.median(ms), 3), "p99_ms": round(p99(ms), 3)}
                cells.append(f"{statistics.median(ms):>8.2f} / {p99(ms):>6.2f}")
            rows.append(row)
            print(f"{kind:<9} {size:>5} {len(texts):>5} {hits:>5.1f}  " + "  ".join(f"{c:>17}" for c in cells),
                  flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
