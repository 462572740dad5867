"""Prohibited content no list contains (issue 16): a character language-model classifier.

A lexicon row finds its term; the pieces of ``prohibited_ngrams.tsv`` find the entries built of
known pieces. Neither finds a term whose pieces no list has. This detector asks of a short span of
Chinese characters: *is it written in the language of the prohibited lists or in the language of
ordinary text?* — the log-likelihood ratio of two character language models shipped in
``models/prohibited_lm/model.json.gz`` (built by ``models/build_prohibited_lm.py``, deterministic):

* the **list model**: an interpolated character trigram model of the TRAINING half of
  konsheng/Sensitive-lexicon (porn, guns/explosives, terror files, MIT) and houbb/sensitive-word
  (entries with a drugs, guns, gambling, sex or insult character, Apache-2.0), split by
  ``benchmarks.disguise_dataset.held_out`` (the other half is the evaluation's);
* the **general model**: an interpolated character bigram model of general text (one half, by a
  fixed hash, of CLUENER 2020, Weibo NER, résumés, government work reports, congress reports and
  State Council policies — never 新闻联播 — and jieba's dictionary words).

Candidates are found without a pass of their own: the **anchor characters** (much more frequent in
the list model than in the general one: 淫 屄 枪 弩 …; trade and media characters such as 售 图 网
never anchor) are gate words of the detectors' shared pass over ``vis`` (scanner/detectors/gates.py),
carried into the ``dense`` view (what the lexicon automaton sees: disguises of spacing, symbols,
repeats, width and traditional characters already undone). An anchor inside an ordinary bigram
(汽车, 药品) or with too little character evidence around it (``prefilter``, a bound summed in C) is
skipped; around the others, every span of 2–``maxlen`` Han characters that holds the anchor is
scored (in C: scanner/_speedups.c llr_best, 1 µs a window; the Python reference is
CharLLR._best_in_py); the best span is reported when

* its score is at least the model's threshold (chosen on a validation split, ``meta.json`` of the
  model: the training half split by a second fixed hash, the held-out half of general text);
* it is no common word (jieba frequency < 50: 导弹, 药品 are words of ordinary text);
* its sentence, the span included, holds no crackdown, court, warning, venue or policy word (the
  compositional rules' ``_NEWS``) nor a war-report word (``_WAR``): news of a seizure or of an
  attack names the thing without offering it;
* no other finding of its category overlaps it (``subsidiary``: scanner/core.py keeps a row's
  span and message).

Where the best span scores below both thresholds, a **short-span decision** (h16v) asks of the
spans of 2–3 characters around the anchor — which cannot reach the threshold: two characters sum
to ~4–13 — whether each character is list-heavy (seen twice in the list entries, log-odds at least
``short_char_min``), whether general text never writes the pair (no bigram of the general model, no
word of jieba's dictionary: ``SHORT_WORD``), whether it stands alone (no word of jieba's
segmentation crosses its edges) and is no quoted word or title (“脏弹”, 《鹰奴》); such a span is
reported at ``short_threshold`` (or ``short_offer_threshold`` beside an offer word), chosen by the
builder on the same validation with its own budget, rule ``prohibited.model.short``.

A finding is ``prohibited_content`` at ``review`` severity (a statistical judgement: a reviewer
decides), rule ``prohibited.model`` (or ``prohibited.model.short``). Without the model file a scanner that asks for this detector
raises :class:`~scanner.errors.ConfigError` naming the build command (or leave the detector out of
``detectors``).
"""
from __future__ import annotations

import gzip
import json
import math
import re
import sys
from bisect import bisect_left
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

from .. import speedups
from ..errors import ConfigError
from ..model import Finding
from ..normalize import Views
from ..resources import bundled_candidates, find_bundled
from ..words import cut, word_freq
from . import gates
from .context import sentence_around

__all__ = ["ProhibitedModelDetector", "CharLLR", "load_model", "read_meta", "model_path", "MODEL_NAME", "MODEL_FILE"]

MODEL_NAME = "prohibited_lm"
MODEL_FILE = "model.json.gz"
META_FILE = "meta.json"
RULE = "prohibited.model"
#: the rule of a short span (2–3 characters) reported by its own decision (:meth:`CharLLR.short_spans`)
RULE_SHORT = "prohibited.model.short"
BASIS = ("网络信息内容生态治理规定(2019) 第六条第(五)(八)项(淫秽色情、赌博、暴力、恐怖)、第七条; 枪支管理法 第四十四条; "
         "民用爆炸物品安全管理条例; 禁毒法 第二条")
ORDINARY_MIN = 5  # general-text count per list count (+1) from which an anchor's bigram is ordinary
#: jieba frequency of a two-character word from which a span that cuts it (its first or last character
#: is the word's second or first) is scored without the cut character (大型 in 大型燃烧弹)
BROKEN_WORD = 1000
COMMON_WORD = 50  # jieba frequency from which a span is an ordinary word (the lists' own filter)
#: the short-span decision's: any word of jieba's dictionary is ordinary there (钢枪 27, 枪膛 41, 猎刀 18,
#: 喷枪 5: a two-character word names a thing; the lists' roots it is after are no dictionary words)
SHORT_WORD = 1
#: the offer band's dictionary test (h16x, :meth:`ProhibitedModelDetector._judge`), **off**: a span that is
#: a word of jieba's dictionary (``SHORT_WORD``) is no finding of the band (小姨, 粉嫩, 鸟枪 of county
#: e-commerce news beside 下单/现货). On the builder's validation it loses 3 of 1,468 offered entries
#: (男妓, 气枪, 冰毒: dictionary words on offer) and removes no finding of the held-out general half, the
#: official texts or the benchmark (benchmarks/DISGUISE.md, h16x): no measured gain, so not switched on
BAND_WORDS = False


def _word_edges(d: str, a: int, b: int) -> tuple[int, int]:
    """(a, b) moved inwards to the nearest word boundaries of jieba's segmentation of the text
    around ``d[a:b]`` where a word of two or more characters and frequency ``BROKEN_WORD`` or more
    crosses an edge (大型 in 大型燃烧弹: 型 leaves the span)."""
    lo, hi = max(0, a - 6), min(len(d), b + 6)
    pos = lo
    na, nb = a, b
    for w in cut(d[lo:hi]):
        s, e = pos, pos + len(w)
        pos = e
        if e - s < 2 or word_freq(w) < BROKEN_WORD:
            continue
        if s < a < e:
            na = max(na, e)
        if s < b < e:
            nb = min(nb, s)
    return na, nb


def _shown(sc: float) -> str:
    """A score as the message shows it: one decimal, rounded **down**, so that the shown score reaches
    a threshold of the builder's grid exactly when the score does (8.96 is 8.9, not 9.0, against 9:
    models/build_prohibited_lm.py reads the scores back from the messages)."""
    return f"{math.floor(sc * 10) / 10:.1f}"


def _sentence_of(d: str, a: int, b: int) -> tuple[str, str]:
    """The sentence around ``d[a:b]`` (50 characters either side): with the span left out (a tab in its
    place) and with it in (炸弹袭击: the span's own words count as the sentence's)."""
    around = sentence_around(d, a, b, 50, 50)
    return around, around.replace("\t", d[a:b], 1)


def _stands_alone(d: str, a: int, b: int) -> bool:
    """True when no word of two or more characters of jieba's segmentation of the text around
    ``d[a:b]`` (±6 characters) crosses one of its edges (雾|霾天气 and 迷|妹们 do not stand alone)."""
    lo, hi = max(0, a - 6), min(len(d), b + 6)
    pos = lo
    for w in cut(d[lo:hi]):
        s, e = pos, pos + len(w)
        pos = e
        if e - s >= 2 and (s < a < e or s < b < e):
            return False
        if pos >= b:
            break
    return True


#: quotation and title marks (the original text): a short span that fills a pair of them names a
#: word or a work (“脏弹” in a report of what a government said, 《鹰奴》 in a list of novels)
_OPEN_MARKS = "“‘「『《〈\"'"
_CLOSE_MARKS = "”’」』》〉\"'"


def _quoted(views: Views, start: int, end: int) -> bool:
    """True when the text's span [start, end) stands between an opening and a closing quotation or
    title mark (“脏弹”, 《鹰奴》, spaces allowed inside)."""
    t = views.text
    a, b = start - 1, end
    while a >= 0 and t[a] in " \u3000":
        a -= 1
    while b < len(t) and t[b] in " \u3000":
        b += 1
    return a >= 0 and b < len(t) and t[a] in _OPEN_MARKS and t[b] in _CLOSE_MARKS


#: the compiled scorer of a window and its tables (scanner/_speedups.c llr_best, llr_tables; None:
#: CharLLR._best_in_py runs)
_llr_best = speedups.get("llr_best")
_llr_tables = speedups.get("llr_tables")
#: the compiled best_span (llr_span): its prefilter sums add left to right, as sum() of floats before
#: Python 3.12 (3.12 compensates its float sums: there the reference runs, the same decisions)
_llr_span = speedups.get("llr_span") if sys.version_info < (3, 12) else None


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


class CharLLR:
    """The two character models and the span scorer (the same code builds, validates and scans)."""

    def __init__(self, data: dict[str, Any]):
        self.pos = [data["pos1"], data["pos2"], data["pos3"]]
        self.bg = [data["bg1"], data["bg2"]]
        self.n_pos = sum(self.pos[0].values())
        self.n_bg = sum(self.bg[0].values())
        self.lam = tuple(data["lambdas"])  # trigram, bigram, unigram, uniform (list model)
        self.bg_lam = float(data["bg_lambda"])  # bigram weight (general model)
        self.vocab = int(data["vocab"])
        self.anchors: str = data["anchors"]
        self.maxlen = int(data["maxlen"])
        self.threshold = float(data["threshold"])
        #: the lower threshold of a span whose sentence offers something (``OFFER``: 出售, 加微信 …);
        #: the threshold itself where the model has none
        self.offer_threshold = float(data.get("offer_threshold", self.threshold))
        #: the window's characters' positive log-odds (context-free) must sum to this before any
        #: bigram or trigram is looked up (validated with the threshold: meta.json)
        self.prefilter = float(data.get("prefilter", 0.0))
        #: the short-span decision (h16v, :meth:`short_spans`): its threshold, its threshold beside an
        #: offer word, and the context-free log-odds every character of the span must reach; None
        #: (a model built before it) switches it off
        sh = data.get("short_threshold")
        self.short_threshold = None if sh is None else float(sh)
        self.short_offer_threshold = float(data.get("short_offer_threshold", sh if sh is not None else 0.0))
        self.short_char_min = float(data.get("short_char_min", 0.0))
        self.meta = data.get("meta", {})
        self._cache: dict[str, float] = {}
        self._spans: dict[tuple[str, int], tuple[float, int, int]] = {}
        #: bigrams of an anchor character that general text writes ORDINARY_MIN times per list occurrence (汽车,
        #: 药品, 导弹, 操作): an anchor inside one on either side is not scored
        anchors = set(self.anchors)
        p2 = self.pos[1]
        #: max(0, log-odds of a character without context), for the prefilter's bound in C (map):
        #: the characters of either model, and one value for every other character
        self._pos_u_rest = max(0.0, self.llr("", "\U0010fffd"))
        self._pos_u = {c: max(0.0, self.llr("", c)) for c in sorted(set(self.pos[0]) | set(self.bg[0]))}
        #: the characters a short span may hold (:meth:`short_spans`): Han, seen twice or more in the
        #: list entries, context-free log-odds at least ``short_char_min``; empty when the model has
        #: no short-span decision
        self.short_chars = frozenset() if self.short_threshold is None else frozenset(
            c for c, n in self.pos[0].items() if n >= 2 and _is_han(c) and self.llr("", c) >= self.short_char_min)
        self._cache.clear()
        self.ordinary = frozenset(g for g, n in self.bg[1].items()
                                  if (g[0] in anchors or g[1] in anchors) and n >= ORDINARY_MIN * (p2.get(g, 0) + 1))
        #: the tables and constants of the compiled scorer (llr_tables), in its order; its copy of them,
        #: made with the model (load_model; not pickled: the compiled cache stores this object)
        self._ctab = (self.pos[0], self.pos[1], self.pos[2], self.bg[0], self.bg[1], *map(float, self.lam),
                      float(self.n_pos), float(self.n_bg), self.bg_lam, float(self.vocab),
                      self._pos_u, self._pos_u_rest, self.ordinary)
        self._scorer = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_scorer"] = None  # (a capsule: made again on the first window scored)
        return state

    def scorer(self):
        """The compiled scorer's copy of the tables (``llr_tables``), or None without the extension."""
        got = getattr(self, "_scorer", None)
        if got is None and _llr_tables is not None:
            got = self._scorer = _llr_tables(self._ctab)
        return got

    # ------------------------------------------------------------------ the two models
    def _p_list(self, ctx: str, ch: str) -> float:
        p1, p2, p3 = self.pos
        l3, l2, l1, l0 = self.lam
        uni = p1.get(ch, 0) / self.n_pos
        bi = uni
        if ctx:
            d = p1.get(ctx[-1], 0)
            if d:
                bi = p2.get(ctx[-1] + ch, 0) / d
        tri = bi
        if len(ctx) == 2:
            d = p2.get(ctx, 0)
            if d:
                tri = p3.get(ctx + ch, 0) / d
        return l0 / self.vocab + l1 * uni + l2 * bi + l3 * tri

    def _p_general(self, ctx: str, ch: str) -> float:
        b1, b2 = self.bg
        uni = (b1.get(ch, 0) + 0.5) / self.n_bg
        if ctx:
            d = b1.get(ctx[-1], 0)
            if d:
                return (1 - self.bg_lam) * uni + self.bg_lam * b2.get(ctx[-1] + ch, 0) / d
        return uni

    def llr(self, ctx: str, ch: str) -> float:
        """log P_list(ch | ctx) − log P_general(ch | ctx); ``ctx`` the 0–2 characters before."""
        key = ctx + ch
        v = self._cache.get(key)
        if v is None:
            v = math.log(self._p_list(ctx, ch)) - math.log(self._p_general(ctx, ch))
            if len(self._cache) < 500_000:
                self._cache[key] = v
        return v

    def score(self, s: str) -> float:
        """The log-likelihood ratio of the span ``s`` (its first character without context)."""
        return sum(self.llr(s[max(0, i - 2):i], ch) for i, ch in enumerate(s))

    def best_span(self, d: str, i: int) -> tuple[float, int, int]:
        """The best-scoring span of 2..maxlen Han characters of ``d`` that holds ``d[i]``, as
        (score, start, end); (-inf, i, i + 1) when ``d[i]`` stands alone or stands in an ordinary
        word on either side (汽车, 药品, 操作: :attr:`ordinary`)."""
        if _llr_span is not None:
            tab = self._scorer if self._scorer is not None else self.scorer()
            if tab is not None:
                got = _llr_span(d, i, self.maxlen, self.prefilter, tab)
                if got is not None:
                    return got
        return self._best_span_py(d, i)

    def short_spans(self, d: str, i: int, floor: float) -> list[tuple[float, int, int]]:
        """The best span of 2–3 Han characters of ``d`` holding the anchor ``d[i]`` that the
        short-span decision may report, as (score, start, end), best first: every character is seen
        twice or more in the list entries and its context-free log-odds is at least
        ``short_char_min`` (list-heavy by the lists' evidence, not by its rarity in general text: 饹
        of 饹馇 is in neither), general text never writes any of its bigrams (the general model keeps
        none: seen once or not at all in the corpora and jieba's dictionary weighted; nor is one a
        word of jieba's dictionary (``SHORT_WORD``): 娇嫩 of 这批娇嫩, whose
        weight rounds below the model's floor), and it scores at least ``floor``. (Whether jieba
        joins it with a neighbour, its sentence and its frequency as a word are the detector's
        tests: :meth:`ProhibitedModelDetector._short`.) An anchor inside an ordinary bigram (药品)
        has none."""
        chars = self.short_chars
        # (most anchors stand beside no such character: two set look-ups, nothing more)
        if d[i] not in chars or (d[i + 1:i + 2] not in chars and (i == 0 or d[i - 1] not in chars)):
            return []
        ordinary = self.ordinary
        if d[i - 1:i + 1] in ordinary or d[i:i + 2] in ordinary:
            return []
        # the run of such characters around the anchor (at most 2 on either side)
        lo = i
        while lo > i - 2 and lo > 0 and d[lo - 1] in chars:
            lo -= 1
        hi = i + 1
        while hi < i + 3 and d[hi:hi + 1] in chars:
            hi += 1
        b2, llr = self.bg[1], self.llr
        # the bigrams general text does not write (k: the bigram d[k:k + 2]), each tested once
        free = [not b2.get(g, 0) and word_freq(g) < SHORT_WORD for g in (d[k:k + 2] for k in range(lo, hi - 1))]
        out = []
        for a in range(lo, i + 1):
            if a + 1 >= hi or not free[a - lo]:
                continue
            sc = llr("", d[a]) + llr(d[a], d[a + 1])  # (the score of d[a:b], as :meth:`score`)
            if a + 1 >= i and sc >= floor:
                out.append((sc, a, a + 2))
            if a + 2 < hi and free[a + 1 - lo]:
                sc += llr(d[a:a + 2], d[a + 2])
                if sc >= floor:
                    out.append((sc, a, a + 3))
        out.sort(key=lambda x: (-x[0], x[1], x[2]))
        return out

    def _best_span_py(self, d: str, i: int) -> tuple[float, int, int]:
        """The reference of :meth:`best_span` (and of the compiled ``llr_span``, without its
        window memo: tests/test_prohibited_model.py compares both)."""
        none = (-math.inf, i, i + 1)
        ordinary = self.ordinary
        if d[i - 1:i + 1] in ordinary or d[i:i + 2] in ordinary:
            return none
        m = self.maxlen
        near = d[max(0, i - m + 1):i + m]  # (holds the window below; every term ≥ 0: a bound, in C)
        if self.prefilter > 0 and sum(map(self._pos_u.get, near, repeat(self._pos_u_rest))) < self.prefilter:
            return none
        lo = i
        while lo > i - m + 1 and lo > 0 and _is_han(d[lo - 1]):
            lo -= 1
        hi = i + 1
        n = len(d)
        while hi < i + m and hi < n and _is_han(d[hi]):
            hi += 1
        if hi - lo < 2:
            return none
        w = d[lo:hi]
        key = (w, i - lo)
        got = self._spans.get(key)
        if got is None:
            got = self._best_in(w, i - lo)
            if len(self._spans) < 100_000:
                self._spans[key] = got
        return (got[0], lo + got[1], lo + got[2]) if got[0] > -math.inf else none

    def _best_in(self, w: str, ii: int) -> tuple[float, int, int]:
        """:meth:`best_span` inside the window ``w`` for the anchor ``w[ii]`` (offsets into ``w``;
        the same windows come back in every document: 药品监督管理, memoised by the caller): the
        prefilter on the characters alone (``_pos_u``: their positive log-odds, the same sum as
        :meth:`_best_in_py`'s), then the compiled scorer (``llr_best``: the same doubles as
        :meth:`_best_in_py`, no look-up cache needed) or, without the extension, the reference."""
        if sum(map(self._pos_u.get, w, repeat(self._pos_u_rest))) < self.prefilter:
            return (-math.inf, ii, ii + 1)
        tab = self._scorer if self._scorer is not None else self.scorer()
        if tab is not None:
            got = _llr_best(w, ii, self.maxlen, tab)
            if got is not None:
                return got
        return self._best_in_py(w, ii)

    def _best_in_py(self, w: str, ii: int) -> tuple[float, int, int]:
        """The reference of :meth:`_best_in` (and of the compiled ``llr_best``, which
        tests/test_prohibited_model.py compares with it on random windows)."""
        m = self.maxlen
        llr = self.llr
        # the score of w[a:b] is u[a] + c1[a + 1] + c2[a + 2] + … + c2[b - 1] (context inside the span)
        u = [llr("", ch) for ch in w]
        if sum(x for x in u if x > 0) < self.prefilter:  # (the characters alone: ~6,000 keys, always cached)
            return (-math.inf, ii, ii + 1)
        c1 = [0.0] + [llr(w[k - 1], w[k]) for k in range(1, len(w))]
        c2 = [0.0, 0.0] + [llr(w[k - 2:k], w[k]) for k in range(2, len(w))]
        best = (-math.inf, ii, ii + 1)
        for a in range(0, ii + 1):
            if a + 1 >= len(w):
                break
            total = u[a] + c1[a + 1]
            if a + 2 > ii and total > best[0]:
                best = (total, a, a + 2)
            for b in range(a + 3, min(len(w), a + m) + 1):
                total += c2[b - 1]
                if b > ii and total > best[0]:
                    best = (total, a, b)
        return best


def model_path() -> Path | None:
    """The shipped model folder (wheel or source tree), or None when it is missing."""
    return find_bundled("models", MODEL_NAME, marker=MODEL_FILE)


def _folder(path: str | Path | None) -> Path:
    """The model folder (``path``, or the shipped one); a :class:`ConfigError` naming the build
    command when its files are missing."""
    folder = Path(path) if path is not None else model_path()
    if folder is None or not (folder / MODEL_FILE).is_file() or not (folder / META_FILE).is_file():
        where = folder if folder is not None else " or ".join(str(c) for c in bundled_candidates("models", MODEL_NAME))
        raise ConfigError(f"the prohibited-content model is missing ({where}/{MODEL_FILE}, {META_FILE}); build it "
                          "with `python models/build_prohibited_lm.py`, or leave 'prohibited_model' out of detectors")
    return folder


def read_meta(path: str | Path | None = None) -> dict[str, Any]:
    """The model's ``meta.json`` (anchors, threshold, data, validation): what a scanner reads at
    start-up; the tables load on the first text with an anchor character (:func:`load_model`)."""
    folder = _folder(path)
    try:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        if not isinstance(meta.get("anchors"), str) or not meta["anchors"]:
            raise ValueError("no anchors")
        return meta
    except (OSError, ValueError) as e:
        raise ConfigError(f"the prohibited-content model {folder / META_FILE} cannot be read: {e}") from None


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> CharLLR:
    """The model in ``path`` (a folder holding model.json.gz), or the shipped one, from the
    compiled cache when an earlier process read the same file (0.05 s against 0.12 s); a missing
    or unreadable file is a :class:`ConfigError` that names the build command."""
    folder = _folder(path)
    file = folder / MODEL_FILE

    def read() -> CharLLR:
        try:
            with gzip.open(file, "rt", encoding="utf-8") as f:
                return CharLLR(json.load(f))
        except (OSError, EOFError, ValueError, KeyError, TypeError) as e:
            raise ConfigError(f"the prohibited-content model {file} cannot be read: {e}") from None

    from ..compiled import code_key, memo

    model = memo("prohibited_lm", code_key(file), read)
    model.scorer()  # (the compiled scorer's tables, ~10 ms: with the model, so a service's warm-up makes them)
    return model


#: news of war and violence: weapons named in a report of an attack, not offered (the compositional
#: rules' ``_NEWS`` has 袭击, 部队, 战场; a report of a strike names 导弹 and 手榴弹 with these)
_WAR = ("战争|战斗|作战|交火|开火|开枪|枪击|枪战|炮击|轰炸|空袭|袭击|爆炸|恐怖|武装|军事|军火库|导弹|火箭弹|炮弹|"
        "无人机|阵地|前线|停火|局势|伤亡|死亡|遇难|身亡|受伤|平民|声明|总统|国防|外交|联合国|"
        # a policy campaign named as a battle (打赢雾霾狙击战, 疫情防控阻击战, 蓝天保卫战, 污染防治攻坚战): government
        # wording, no weapon (雾霾狙击 of a Weibo post was a review)
        "狙击战|阻击战|攻坚战|保卫战|歼灭战|持久战")


#: words of an offer, a contact or a download in the sentence (the dense view: lower case, no spaces):
#: a span scored between the model's ``offer_threshold`` and its ``threshold`` is reported only beside
#: one (出售 … 加微信 is an offer; the same span in an ordinary sentence is not enough evidence). No word
#: of reporting (发布, 信息, 网上: news and notices write them every day), none of price or contact
#: alone (价格, 联系: market news), none of retail (现货, 下单, 包邮, 有货, 批发, 联系电话: every county
#: e-commerce post writes them; beside them 粉嫩, 小姨, 鸟枪 of 助农 news were band findings)
OFFER = ("出售|求购|有售|代购|代发|货到付款|到付|加微|微信号|加v|vx|qq|扣扣|私聊|私信|"
         "在线观看|免费观看|免费下载|网址|联系方式")
_OFFER_RE = re.compile(OFFER)


#: the compositional rules' news words that are the lists' own vocabulary: media words in 5 or more
#: training-half entries (电影 91, 小说 23, 游戏 8: 淫乱电影, 色情小说, 成人游戏; 爆炸, in 6, is a war
#: word and stays one). Inside the span they name the thing offered, so they count only outside it
#: (a film named beside a weapon is news of a film)
MEDIA_NEWS = frozenset(("电影", "小说", "游戏"))


REPAIR_REACH = 4  # characters on either side of an anchor where a disguised character is read back


def _unread(x: int, lo: int, k: int, n: int) -> int:
    """Position ``x`` of a window read back (``d[lo:]`` with the ``n`` characters at ``k - lo`` read
    as one) as a position of ``d``."""
    return lo + x if x <= k - lo else lo + x + n - 1


@lru_cache(maxsize=1)
def _composed() -> dict[str, str]:
    """Two components -> the common character they make (钅戋 钱, 廿一 甘; scanner/disguise.py
    ``parts``, GB 2312 level 1 only)."""
    from ..disguise import _parts, parts
    from ..variants import common_chars

    common = common_chars()
    out: dict[str, str] = {}
    for ch in sorted(_parts()):
        if ch in common:
            for p in parts(ch):
                if len(p) == 2:
                    out.setdefault(p, ch)
    return out


@lru_cache(maxsize=1)
def _rare_lookalike() -> dict[str, str]:
    """A character outside GB 2312 level 1 -> the common characters it is a look-alike of (滛 淫,
    覌 观: :func:`~scanner.disguise.lookalikes_of`, read backwards)."""
    from ..disguise import lookalikes_of
    from ..variants import common_chars

    common = common_chars()
    out: dict[str, str] = {}
    for ch in sorted(common):
        for c in lookalikes_of(ch):
            if c not in common and _is_han(c):
                out[c] = out.get(c, "") + ch
    return out


def repairs(d: str, lo: int, hi: int, general_bigrams) -> list[tuple[int, int, str]]:
    """The disguised characters written in ``d[lo:hi]`` as (index, length, the characters each may
    stand for): two components that make a common character and that general text does not write
    side by side (``general_bigrams``: 月交 of 九月交付 is no 胶), a rare character that looks like
    common ones. (Not a mask, x 0 ? between two characters: read as each of the 70 anchors it
    made evidence rather than read it — 枪0弹 scored as 枪霰弹.)"""
    comp = _composed()
    rare = _rare_lookalike()
    out = []
    for k in range(lo, hi):
        ch = d[k]
        p = d[k:k + 2]
        if len(p) == 2 and p in comp and not general_bigrams.get(p, 0):
            out.append((k, 2, comp[p]))
        elif ch >= "㐀" and ch in rare:
            out.append((k, 1, rare[ch]))
    return out


@lru_cache(maxsize=8192)
def _swaps(ch: str) -> str:
    """The common characters a disguise writes ``ch`` for: its sounds and its look-alikes (the
    scanner's own tables, :func:`~scanner.variants.homophones` and
    :func:`~scanner.disguise.lookalikes_of` with the radical dropped or added: 瘦 for 售, 苍 for 枪)."""
    from ..disguise import lookalikes_of
    from ..variants import homophones

    return "".join(dict.fromkeys(homophones(ch) + lookalikes_of(ch, bare=True)))


def sound_repairs(model: "CharLLR", d: str, lo: int, hi: int, i: int) -> list[tuple[int, int, str]]:
    """The characters of ``d[lo:hi]`` beside the anchor ``d[i]`` that may be a sound or a look-alike
    written for a character of the lists (瘦手枪 for 售手枪, 射叮弹 for 射钉弹), as :func:`repairs` gives
    them: a Han character no list entry leans on (not one of the model's ``short_chars``) whose pairs
    with both neighbours general text does not write (no bigram of the general model, no word of
    jieba's dictionary: 枪支|暴力 and 买药|报销 are ordinary text), read as each of its sounds and
    look-alikes that *is* list-heavy and that makes, with a neighbour, a pair the list entries write
    (the list model's bigrams). h15b."""
    heavy = model.short_chars
    gen, lst = model.bg[1], model.pos[1]
    out = []
    for k in range(max(lo, 1), min(hi, len(d) - 1)):
        ch = d[k]
        if k == i or not ("\u4e00" <= ch <= "\u9fff") or ch in heavy:
            continue
        left, right = d[k - 1], d[k + 1]
        if not ("\u4e00" <= left <= "\u9fff" and "\u4e00" <= right <= "\u9fff"):
            continue  # (both pairs are read: a character at a sentence's edge has one, 奇|淫巧技)
        lp, rp = left + ch, ch + right
        if gen.get(lp, 0) or gen.get(rp, 0) or word_freq(lp) or word_freq(rp):
            continue  # (general text writes it beside a neighbour: 枪支|暴力, 气手枪|比赛, 买药|报销 are no disguise)
        rs = "".join(r for r in _swaps(ch) if r in heavy and (lst.get(left + r, 0) or lst.get(r + right, 0)))
        if rs and _alone_in_cut(d, k):
            out.append((k, 1, rs))
    return out


def _alone_in_cut(d: str, k: int) -> bool:
    """Whether jieba's segmentation of the text around ``d[k]`` (±6 characters) leaves it a word of
    one character (奇 of 奇淫巧技 is in a word of four: an idiom, no disguise)."""
    lo = max(0, k - 6)
    pos = lo
    for w in cut(d[lo:k + 7]):
        pos += len(w)
        if pos > k:
            return len(w) == 1
    return True


def _read_back_tables() -> None:
    """Load the tables of the repair (components, rare look-alikes): ~25 ms, once, with the model."""
    _composed()
    _rare_lookalike()


def readback_table(anchors) -> dict[str, str]:
    """Disguised spelling -> the anchor it stands for, from the scanner's own look-alike and
    component data (scanner/disguise.py, never the benchmark's): a character of
    :func:`~scanner.disguise.lookalikes_of` (the curated 形近字 groups, the variant and rare forms of
    the same components or sound: 抢 枪, 滛 淫, 睹 赌) that is no anchor itself, and the two
    components an anchor is written with (弓单 弹, 衤末 袜). A pair that general text writes side by
    side (女干 of 女干部: the general model's bigram counts) is skipped where it is read
    (:meth:`ProhibitedModelDetector._read_back`: the tables load after start-up)."""
    from ..disguise import lookalikes_of, parts

    anchors = set(anchors)
    out: dict[str, str] = {}
    for a in sorted(anchors):
        for c in lookalikes_of(a):
            if c not in anchors and _is_han(c):
                out.setdefault(c, a)
    for a in sorted(anchors):
        for p in parts(a):
            if len(p) == 2 and all(map(_is_han, p)):
                out.setdefault(p, a)
    return dict(sorted(out.items()))


def _dense_index(views: Views, s: int) -> int:
    """The index in ``dense`` of the character at ``vis[s]`` (through the original text; a character
    the dense view dropped maps to the next one it kept)."""
    j = int(views.vis_map[s]) if views.vis_map is not None else s
    return j if views.dense_map is None else bisect_left(views.dense_map, j)


def _news_words() -> tuple[str, ...]:
    from .compositional import _NEWS

    return tuple(dict.fromkeys(_NEWS.split("|") + _WAR.split("|")))


class ProhibitedModelDetector:
    name = "prohibited_model"
    rules = (RULE, RULE_SHORT)
    categories = frozenset({"improper_wording"})
    #: the scanner keeps a finding of this detector only where no other finding of its category
    #: overlaps it (scanner/core.py): a row's or a rule's finding keeps its own span and message
    subsidiary = True
    #: registers its anchors as gate words when built: the scanner builds it before the detectors
    #: whose warm-up loads the shared gate automaton (scanner/core.py), so that loads once
    registers_gates = True

    def __init__(self, model: CharLLR | None = None, path: str | Path | None = None):
        """``model``: a built :class:`CharLLR` (tests, the builder's validation); else the model
        in ``path`` or the shipped one, whose files must exist (checked here: ConfigError)."""
        self._model = model
        if model is None:
            self._path = str(_folder(path))
            anchors = read_meta(self._path)["anchors"]
        else:
            anchors = model.anchors
        self._anchors = frozenset(anchors)
        gates.register(*sorted(self._anchors))  # (found in the detectors' one pass over ``vis``)
        news = _news_words()
        #: media words count only outside the span: 淫乱电影 is the thing offered, a film named
        #: beside a weapon is news of a film
        self._news = tuple(w for w in news if w not in MEDIA_NEWS)
        self._news_outside = tuple(w for w in news if w in MEDIA_NEWS)
        #: read-backs of disguised anchors (:func:`readback_table`): a look-alike (抢 → 枪, 滛 → 淫)
        #: or two components (弓单 → 弹) written for an anchor; gate words of the same shared pass
        self._readback = readback_table(anchors)
        gates.register(*self._readback)

    @property
    def model(self) -> CharLLR:
        """The tables (loaded on the first text with an anchor character)."""
        got = self._model
        if got is None:
            got = self._model = load_model(self._path)
            if frozenset(got.anchors) != self._anchors:
                raise ConfigError(f"the prohibited-content model in {self._path}: meta.json and model.json.gz "
                                  "disagree (rebuild both with models/build_prohibited_lm.py)")
            _read_back_tables()  # (with the model, ~25 ms once: not inside the first text that needs one)
        return got

    @classmethod
    def from_config(cls, config) -> "ProhibitedModelDetector":
        return cls()

    def detect(self, views: Views) -> list[Finding]:
        d = views.dense
        anchors = self._anchors
        present = gates.present(views.vis)
        if not d:
            return []
        if present.isdisjoint(anchors) and present.isdisjoint(self._readback):
            return []  # (every character of ``dense`` is in ``vis``: dense only drops)
        model = self.model
        out: list[Finding] = []
        done = -1  # the end of the last span reported: an anchor inside it is not scored again
        places = self._anchor_places(views, d)
        for i in places:
            if i < done:
                continue
            scored: list = []
            got = self._judge(model, d, i, scored)
            if got is not None:
                done = got[1]
                if got[2]:
                    out.append(self._finding(views, got[0], got[1], got[3]))
                continue
            # (the short-span decision where the model scored the anchor — not inside an ordinary
            # bigram, past the prefilter — and its best span of 2–maxlen characters reached the short
            # floor: a span of 2–3 characters is one of those and scores no more than the best)
            short = (self._short(model, d, i) if scored and model.short_threshold is not None
                     and scored[0] >= min(model.short_threshold, model.short_offer_threshold) else None)
            if short is not None:
                done = short[1]
                if short[2] and not _quoted(views, *views.dense_span(short[0], short[1])):
                    out.append(self._finding(views, short[0], short[1], short[3], RULE_SHORT))
            elif scored:  # (an anchor inside an ordinary word, 导弹 药品, is not repaired either)
                rep = self._repair(views, model, d, i)
                if rep is not None:
                    done = rep[0]
                    out.append(rep[1])
        if places:
            out += self._read_runs(views, model, out)
        if not present.isdisjoint(self._readback):
            out += self._read_back(views, model, d, out)
        return out

    def _judge(self, model: CharLLR, d: str, i: int, scored: list | None = None) -> tuple[int, int, bool, float] | None:
        """The best span of ``d`` around the anchor ``d[i]`` as (start, end, reported, score), or
        None when it scores below the offer threshold (or below the threshold with no offer word in
        its sentence); ``reported`` is False when it is a common word, a common word and a piece of
        its neighbour, or named in news. ``scored``: gets the best span's score appended when the anchor was scored
        at all (not inside an ordinary word, past the prefilter)."""
        sc, a, b = model.best_span(d, i)
        if scored is not None and sc > -math.inf:
            scored.append(sc)
        if sc < model.offer_threshold:
            return None
        around, sent = _sentence_of(d, a, b)
        if sc < model.threshold and (not _OFFER_RE.search(sent) or BAND_WORDS and word_freq(d[a:b]) >= SHORT_WORD):
            return None
        if word_freq(d[a:b]) >= COMMON_WORD:
            return a, b, False, sc
        cut_a, cut_b = _word_edges(d, a, b)  # (after the cheaper test: jieba's cut)
        if (cut_a, cut_b) != (a, b) and word_freq(d[cut_a:cut_b]) >= COMMON_WORD:
            return a, b, False, sc  # a common word and a piece of its neighbour (型 of 大型 in 大型燃烧弹)
        return a, b, not self._news_in(sent, around), sc

    def _news_in(self, sent: str, around: str) -> bool:
        """Whether a span's sentence (``sent``, the span included; ``around``, the span left out) is news:
        a crackdown, court, policy or war word (:func:`_news_words`), a media word outside the span."""
        return any(w in sent for w in self._news) or any(w in around for w in self._news_outside)

    def _short(self, model: CharLLR, d: str, i: int, floor: float | None = None) -> tuple[int, int, bool, float] | None:
        """The short-span decision (h16v) around an anchor whose best span the model did not report:
        a span of 2–3 characters (:meth:`CharLLR.short_spans`: list-heavy characters, a pair general
        text never writes) that scores at least the model's ``short_threshold``, or its
        ``short_offer_threshold`` beside an offer word, as (start, end, reported, score); None below
        that. ``reported`` is False when it is a word of jieba's dictionary of frequency
        ``SHORT_WORD`` or more, when a word of two or more characters of jieba's segmentation
        around it crosses one of its edges (it does not stand alone: 雾|霾天气 is no root of its own),
        or when its sentence is news (the words of :meth:`_judge`). ``floor``: the builder's
        validation asks for every score from its grid's lowest."""
        if floor is None:
            floor = min(model.short_threshold, model.short_offer_threshold)
        # the best candidate that reaches its threshold (the offer threshold only beside an offer
        # word), is no common word and stands alone (婊妹 of 婊妹照片, not 婊妹照); jieba's cut, the
        # dearest test, last
        spans = model.short_spans(d, i, floor)
        if not spans:
            return None
        if spans[0][0] < model.short_threshold and not _OFFER_RE.search(d, max(0, i - 52), i + 53):
            return None  # (every candidate's sentence lies inside that window: no offer word in any)
        for sc, a, b in spans:
            around, sent = _sentence_of(d, a, b)
            if sc < model.short_threshold and not _OFFER_RE.search(sent):
                continue
            if word_freq(d[a:b]) >= SHORT_WORD or not _stands_alone(d, a, b):
                continue
            return a, b, not self._news_in(sent, around), sc
        return None

    def _repair(self, views: Views, model: CharLLR, d: str, i: int) -> tuple[int, Finding] | None:
        """A span around the anchor ``d[i]`` that scores only with one disguised character beside
        it read back (:func:`repairs`: a rare character for the common one it looks like, two
        components for the character they make),
        as (its end in ``d``, the finding); None when no repair is written there or none scores."""
        lo, hi = max(0, i - REPAIR_REACH), min(len(d), i + REPAIR_REACH + 1)
        best = None
        shaped = repairs(d, lo, hi, model.bg[1])
        for j, (k, n, rs) in enumerate(shaped + sound_repairs(model, d, lo, hi, i)):
            base = max(0, k - 60)
            for r in rs:
                alt = d[base:k] + r + d[k + n:k + n + 60]
                ii = (i - base) if i < k else (i - base - n + 1)
                got = self._judge(model, alt, ii)
                if got is None or not got[2]:
                    continue
                a, b, _ok, sc = got
                if not a <= k - base < b or (best is not None and sc <= best[0]):
                    continue  # (the read-back character must be in the span)
                if j >= len(shaped) and not _stands_alone(alt, a, b):
                    continue  # (a sound read back: the span stands alone, 奇淫巧技的枪|手 does not)
                best = (sc, _unread(a, base, k, n), _unread(b, base, k, n), alt[a:b])
        if best is None:
            return None
        sc, da, db, read = best
        start, end = views.dense_span(da, db)
        return db, self._finding_text(views, start, end, sc, read)

    def _read_runs(self, views: Views, model: CharLLR, found: list[Finding]) -> list[Finding]:
        """Spans of a run of single characters with a separator between each (出；售；弹；药, the
        lexicon's ``punct`` disguise: gates.separated_runs of ``norm``, shared with the matcher),
        scored with the separators taken out, around each anchor of the run."""
        norm = views.norm
        anchors = self._anchors
        out: list[Finding] = []
        for first, last in gates.separated_runs(norm):
            chars = norm[first:last + 1:2]
            if len(chars) < 3 or anchors.isdisjoint(chars):
                continue
            # the run read as one word inside its sentence (sentence_around must not stop at its 。)
            d = norm[:first] + chars + norm[last + 1:]
            done = -1
            for k, ch in enumerate(chars):
                i = first + k
                if ch not in anchors or i < done:
                    continue
                got = self._judge(model, d, i)
                if got is None:
                    continue
                a, b, ok, sc = got
                done = b
                if not ok or a < first or b > first + len(chars):
                    continue  # (a span that runs out of the run is the ordinary pass's business)
                start, end = first + 2 * (a - first), first + 2 * (b - 1 - first) + 1
                if not any(f.start < end and start < f.end for f in found):
                    out.append(self._finding_text(views, start, end, sc, d[a:b]))
        return out

    def _read_back(self, views: Views, model: CharLLR, d: str, found: list[Finding]) -> list[Finding]:
        """Spans around a disguised anchor (a look-alike or two components: :func:`readback_table`),
        scored with the anchor read back in a window of the dense view; a span must hold the read-back
        character."""
        table = self._readback
        words = {w for w in gates.present(views.vis) & table.keys() if len(w) == 1 or not model.bg[1].get(w, 0)}
        if not words:
            return []  # (two components general text writes side by side, 女干部 石肖像, are no disguise)
        out: list[Finding] = []
        done = -1
        for s, _e, w in [h for h in gates.hits(views.vis) if h[2] in words]:
            j = _dense_index(views, s)
            if j < done or d[j:j + len(w)] != w:
                continue
            lo = max(0, j - 60)
            alt = d[lo:j] + table[w] + d[j + len(w):j + len(w) + 60]
            i = j - lo
            got = self._judge(model, alt, i)
            if got is None:
                continue
            a, b, ok, sc = got
            if not ok:
                continue
            # back to the dense view: the anchor stands for len(w) characters
            da, db = _unread(a, lo, j, len(w)), _unread(b, lo, j, len(w))
            done = db
            start, end = views.dense_span(da, db)
            if not any(f.start < end and start < f.end for f in found + out):
                out.append(self._finding_text(views, start, end, sc, alt[a:b]))
        return out

    def _anchor_places(self, views: Views, d: str) -> list[int]:
        """The indexes of ``d`` (the dense view) that hold an anchor character, ascending: read
        from the shared gate pass over ``vis`` (its hits of the anchors, through the original text
        into ``dense``; an anchor the dense view dropped, a repeat, is not there), not from a second
        pass over the text (a regular expression over ``dense`` cost 6.5 ns a character)."""
        anchors = self._anchors
        out: list[int] = []
        last = -1
        for s, _e, w in gates.hits(views.vis):
            if w not in anchors:
                continue
            j = _dense_index(views, s)
            if j > last and j < len(d) and d[j] == w:  # (j > last: ascending, each place once)
                out.append(j)
                last = j
        return out

    def _finding(self, views: Views, a: int, b: int, sc: float, rule: str = RULE) -> Finding:
        start, end = views.dense_span(a, b)
        if rule == RULE_SHORT:
            return self._finding_short(views, start, end, sc)
        return self._finding_text(views, start, end, sc)

    def _finding_short(self, views: Views, start: int, end: int, sc: float) -> Finding:
        """The finding of a short span (rule ``prohibited.model.short``)."""
        m = self.model
        written = views.text[start:end]
        msg = (f"疑似违禁内容（统计模型判断，短词）：「{written}」的每个字都多见于公开违禁词表的条目，"
               f"这一组合在一般文本中未出现，且不与前后文组成常用词"
               f"（对数似然比 {_shown(sc)}，短词阈值 {m.short_threshold:.1f}"
               + (f"，句中有出售、联系方式等交易用语时 {m.short_offer_threshold:.1f}" if sc < m.short_threshold else "")
               + "）。未在任何词表中，请人工核实上下文")
        score = round(1 / (1 + math.exp(-(sc - m.short_threshold) / 4)) * 0.2 + 0.5, 3)
        return Finding(start=start, end=end, text=written, category="improper_wording", type="prohibited_content",
                       severity="review", rule=RULE_SHORT, message=msg, suggestion=None, basis=BASIS, score=score)

    def _finding_text(self, views: Views, start: int, end: int, sc: float, read: str | None = None) -> Finding:
        """The finding of the text's span [start, end); ``read``: the span as read back (a disguise
        undone), named in the message."""
        written = views.text[start:end]
        shown = f"「{written}」（读作「{read}」）" if read is not None else f"「{written}」"
        msg = (f"疑似违禁内容（统计模型判断）：{shown}的用字与公开违禁词表的条目相近，而少见于一般文本"
               f"（对数似然比 {_shown(sc)}，阈值 {self.model.threshold:.1f}"
               + (f"，句中有出售、联系方式等交易用语时 {self.model.offer_threshold:.1f}" if sc < self.model.threshold else "")
               + "）。未在任何词表中，请人工核实上下文")
        score = round(1 / (1 + math.exp(-(sc - self.model.threshold) / 4)) * 0.3 + 0.5, 3)
        return Finding(start=start, end=end, text=written, category="improper_wording", type="prohibited_content",
                       severity="review", rule=RULE, message=msg, suggestion=None, basis=BASIS, score=score)
