#!/usr/bin/env python3
"""Write lexicons/improper_wording/prohibited_textfilter.tsv: prohibited terms and pieces from a
third public list, observerss/textfilter's ``keywords`` (issue 16: terms nobody listed).

The list (14,600 lines, uncategorised: porn, insults, political names, game titles, pinyin) is
never read by the evaluation (benchmarks/bench_disguise.py), so all of it may be a row source; its
entries are categorised and filtered by rules, never by looking at the evaluation's positives:

* **Category.** An entry is prohibited content when it holds a *risk character* of the TRAINING
  halves of konsheng/Sensitive-lexicon (porn, guns/explosives, terror) and houbb/sensitive-word
  (scripts/build_prohibited_ngrams.py ``_risk_chars``: a character at least ~20x more frequent in
  those entries than in jieba's dictionary: 屄 淫 枪 赌 嫖 …). Political names, game titles and
  ordinary words hold none and are left out (宋楚瑜, 劲舞团, 中华人民共和国). An entry ``毛X`` whose
  ``X`` is an entry too is the list's own duplicate and read as ``X``.
* **Pieces** (``prohibited.tf.piece.*``): the two- and three-character pieces that the union of the
  training halves and these entries share, mined with the filters of build_prohibited_ngrams.py
  (in two or more entries, a risk character, absent from general and official text, no part of
  frequent jieba words), minus every piece that is already a row anywhere.
* **Entries** (``prohibited.tf.list.*``): a whole entry of 3 to 6 Han characters under the filters
  of build_prohibited_lists.py (not a jieba word of frequency 50 or more, not two common words,
  absent from general text and two official corpora), when no piece of this file or of
  prohibited_ngrams.tsv already finds it.

新闻联播 is never read (the benchmark counts false alarms on it). Every row is ``review``, needs
word boundaries unless it holds a strong character, and is silenced by crackdown and court words.

usage: python scripts/build_prohibited_textfilter.py [--data /work/shared/data] [--validate]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "scripts"))

from build_prohibited_lists import NCTX, _descriptive, _examples, _self_checked  # noqa: E402
from build_prohibited_ngrams import (BASIS, CONTRABAND_CHARS, FUNCTION_CHARS, GENERAL, HIT, MISS,  # noqa: E402
                                     RISK_LOG_ODDS, TRADE, TRADE_CHARS, VENUE, WORDLESS_LOG_ODDS, _absent,
                                     _inner, _risk_chars, mine, training_entries)

OUT = REPO / "lexicons" / "improper_wording" / "prohibited_textfilter.tsv"
EXAMPLES = REPO / "lexicons" / "improper_wording" / "prohibited_textfilter.examples.tsv"
SOURCE = "observerss/textfilter@0b9269eb002fb19e5ac5f6022f6d1e103bb122f8 keywords"
_HAN = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
_ENTRY = re.compile(r"^[\u4e00-\u9fff]{3,6}$")
#: characters whose log-odds pass the strong threshold but that ordinary words hold (盐穴, 穴盘育苗, 穴位:
#: the official alarms measured by h16d and here, 天然盐穴里): they make no wordless piece, and a
#: piece with one only when it ends the piece (肥穴, 紧穴: a word of its own, never 穴里, 穴内)
WEAK_STRONG = set("穴")
STRONG = 4.5  # a piece of a single entry needs a character this strong (the bundled prohibited_ngrams.tsv: --strong 4.5)


def textfilter_entries(data: Path, risk: dict[str, float]) -> list[str]:
    """The list's Han entries of 2-8 characters that hold a risk character (normalised)."""
    from scanner.normalize import normalize

    raw = {normalize(line.strip()) for line in open(data / "textfilter-observerss" / "keywords.txt", encoding="utf-8")}
    out = set()
    for t in raw:
        if t.startswith("毛") and t[1:] in raw:
            t = t[1:]  # the list's 毛X duplicates (毛六四事件, 毛妓女)
        if _HAN.match(t) and max((risk.get(c, 0.0) for c in t), default=0.0) >= RISK_LOG_ODDS:
            out.add(t)
    return sorted(out)


def piece_strength(g: str, risk: dict[str, float], word_freq) -> float | None:
    """The log-odds of the strongest character of piece ``g`` (a piece at least this strong stands
    without word boundaries), or None when ``g`` makes no row: a piece with 穴 that runs on past it
    (穴里 of 盐穴里, 穴内) or is a word jieba knows (穴位), and a jieba word without a strong character
    (插空, 学妹, 二姨, 水嫩: ordinary words the general text here is too small to show)."""
    rest = set(g) - WEAK_STRONG
    strong = max(risk.get(ch, 0.0) for ch in rest) if rest else 0.0
    if strong >= WORDLESS_LOG_ODDS:
        return strong
    if WEAK_STRONG & set(g) and g[-1] not in WEAK_STRONG:
        return None
    if word_freq(g) > 0:
        return None
    return strong


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared")) / "data"))
    ap.add_argument("--validate", action="store_true", help="only print the inner-split coverage")
    a = ap.parse_args(argv)
    data = Path(a.data)

    import daachorse

    from scanner.variants import _corpus_texts

    training = training_entries(data)
    risk = _risk_chars(training)
    tf = textfilter_entries(data, risk)
    general = list(_corpus_texts(data, GENERAL))
    # validation: pieces mined from one inner half of the training halves, with and without the
    # textfilter entries, cover how many of the other inner half's entries
    inner_a = [t for t in training if not _inner(t)]
    inner_b = [t for t in training if _inner(t)]
    for name, ents in (("training inner half", inner_a), ("+ textfilter", sorted(set(inner_a) | set(tf)))):
        keep_a, _ = mine(ents, general, 2, STRONG)
        pma = daachorse.CharwiseDoubleArrayAhoCorasick(keep_a)
        cov = sum(1 for t in inner_b if next(iter(pma.find_overlapping(t)), None) is not None)
        print(f"validation: {name}: {len(keep_a)} pieces from {len(ents)} entries cover {cov}/{len(inner_b)} "
              f"= {cov / len(inner_b):.3f} of the other inner half")
    if a.validate:
        return 0

    import disguise_items

    from scanner.lexicon import load_lexicons
    from scanner.resources import bundled_lexicon_dir
    from scanner.words import word_freq

    evaluation = {p[p.index("[") + 1:p.index("]")] for ps in disguise_items.POSITIVES.values() for p in ps}
    lex = [e for e in load_lexicons([bundled_lexicon_dir()], cache=False).entries if e.lexicon != "prohibited_textfilter"]
    existing = {e.term for e in lex}
    have_pieces = {e.term for e in lex if e.lexicon == "prohibited_ngrams"}
    keep, sup = mine(sorted(set(training) | set(tf)), general, 2, STRONG)
    tfset = set(tf)
    rows, pieces = [], []
    for g in keep:
        if g in existing or g in evaluation or FUNCTION_CHARS & set(g) or len(set(g)) < len(g):
            continue
        if not any(t in tfset for t in sup[g]):
            continue  # a piece of the training halves alone: build_prohibited_ngrams.py's business
        strong = piece_strength(g, risk, word_freq)
        if strong is None:
            continue
        rid = "prohibited.tf.piece." + hashlib.sha1(g.encode()).hexdigest()[:10]
        n_tf = sum(t in tfset for t in sup[g])
        note = f"in {len(sup[g])} entries ({n_tf} of textfilter), e.g. " + "|".join(sorted(sup[g])[:3])
        ctx = f";ctx={TRADE}" if CONTRABAND_CHARS & set(g) and not TRADE_CHARS & set(g) else ""
        nctx = NCTX + (f"|{VENUE}" if ctx else "")
        word = "" if strong >= WORDLESS_LOG_ODDS else "word;"
        rows.append(f"{rid}\t{g}\tprohibited_content\treview\t\t{BASIS}\t\t{word}win=12{ctx};nctx={nctx}\t{note}")
        pieces.append(g)
    covered = sorted(have_pieces | set(pieces))
    pma = daachorse.CharwiseDoubleArrayAhoCorasick(covered)
    cands = [t for t in tf if _ENTRY.match(t) and t not in existing and t not in evaluation
             and next(iter(pma.find_overlapping(t)), None) is None]
    absent = set(_absent(cands, general)) if cands else set()
    n_entries = 0
    for t in cands:
        if t not in absent or word_freq(t) >= 50 or _descriptive(t, word_freq):
            continue
        rid = "prohibited.tf.list." + hashlib.sha1(t.encode()).hexdigest()[:10]
        rows.append(f"{rid}\t{t}\tprohibited_content\treview\t\t{BASIS}\t\tword;win=12;nctx={NCTX}\ttextfilter entry")
        n_entries += 1
    rows = _self_checked(rows, HIT)
    head = ["id\tterm\ttype\tseverity\tsuggestion\tbasis\tmessage\toptions\tnote",
            "# GENERATED by scripts/build_prohibited_textfilter.py from " + SOURCE + " (no licence stated),",
            "# categorised by the risk characters of the TRAINING halves of konsheng/Sensitive-lexicon@5a8da94c and",
            "# houbb/sensitive-word@b86249dd, filtered against jieba, general text and two official corpora.",
            "# Do not edit by hand; regenerate."]
    OUT.write_text("\n".join(head + rows) + "\n", encoding="utf-8")
    EXAMPLES.write_text("\n".join(_examples(rows, HIT, MISS)) + "\n", encoding="utf-8")
    print(f"{len(tf)} textfilter entries with a risk character; {len(pieces)} new pieces, {n_entries} whole entries; "
          f"{len(rows)} rows after the self-check -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
