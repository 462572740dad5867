"""One Aho–Corasick pass over every lexicon term, then cheap per-hit filters.

All lexicons compile into a single automaton over the ``dense`` view (see
:mod:`scanner.normalize`); a pattern's value is the tuple of lexicon entries that share its key.
Per hit, filters run cheapest first: allow-list containment, noise gaps, ASCII boundaries,
context words, quotes and last, only for entries marked ``word``, a jieba segmentation of a small
window around the hit.
"""
from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Iterable, Sequence

from . import speedups
from .columns import PackedColumn, StrColumn
from .detectors.context import doc_years, heading_end, heading_quiets, sentence_around, years_say_before, years_say_history
from .detectors.gates import ascii_chars, is_han, present, separated_runs
from .detectors.gates import register as register_gates
from .disguise import in_pinyin
from .lexicon import DisguiseTable, Entry, after_pattern
from .normalize import INVISIBLE_CHARS, Views, dense_runs

__all__ = ["LexiconMatcher", "Hit", "ENGINES", "MAX_NOISE_GAP"]

#: At most this many noise characters may stand between two characters of a term (``赌 * 博``).
MAX_NOISE_GAP = 3
#: Characters of context either side that jieba sees for a ``word`` check.
WORD_WINDOW = 8
ENGINES = ("daachorse", "pyahocorasick")

_INVISIBLE = frozenset(INVISIBLE_CHARS)
_MIN_SEPARATED = 3
#: mask symbols the dense view drops, as the norm view writes them (a mask at a row's edge: _edge_masked)
_DROPPED_MASKS = "*×○□"
register_gates(*_DROPPED_MASKS)  # (the compositional rules register them too: whether a text holds one)
#: counters and units after a lone 0 (为0分, 0元): a number, not a mask
_COUNTERS = frozenset("个名元分次年月日号岁件人家位项条只台辆吨米斤克天时周倍层所批张本套双对例度角秒")
#: numerals, Arabic and Chinese: a 0 or ○ next to one is a zero of a number (二○一五, 二0二二年, 10x), not a
#: mask (:meth:`LexiconMatcher._edge_places`), and a sound swapped into a term's first character after one
#: is a count, not a disguise (:func:`_swap_alone`)
_NUMERALS = frozenset("0123456789〇一二两三四五六七八九十百千万亿几多数")
_EDGE_REACH = 60  # characters either side of an edge mask read again (a row's context window is 40 at most)
_pair_between = speedups.get("pair_between")


def _han_mask_table() -> bytes:
    t = bytearray(0x110000)  # a lone 0 or x (bit 2) between two Han characters (bit 1: gates.is_han)
    t[0x3400:0xA000] = b"\x01" * (0xA000 - 0x3400)
    for ch in "0x":
        t[ord(ch)] |= 2
    return bytes(t)


_HAN_MASK = _han_mask_table() if _pair_between is not None else b""


def _lone_masks(norm: str) -> list[int]:
    """Positions of a 0 or x between two Han characters in ``norm``, in order (one walk in C; the
    loop below without the extension)."""
    if _pair_between is not None:
        return _pair_between(norm, _HAN_MASK)
    out = []
    for ch in "0x":
        i = norm.find(ch)
        while i >= 0:
            if 0 < i < len(norm) - 1 and is_han(norm[i - 1]) and is_han(norm[i + 1]):
                out.append(i)
            i = norm.find(ch, i + 1)
    return sorted(out)


@lru_cache(maxsize=4096)
def _pinyin_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The toneless pinyin of each of ``words`` of two Han characters or more, joined (出售 → chushou),
    at least five letters (a context word's pinyin is looked for among the letters around a spelling
    in pinyin: shorter ones occur by chance)."""
    from .disguise import _ascii_pinyin

    out = []
    for w in words:
        if len(w) >= 2 and all(is_han(c) for c in w):
            py = "".join(_ascii_pinyin(w))
            if len(py) >= 5:
                out.append(py)
    return tuple(dict.fromkeys(out))


def _pinyin_in(around: str, words: tuple[str, ...]) -> bool:
    """Whether the pinyin of one of ``words`` (:func:`_pinyin_words`) occurs in ``around``."""
    return any(p in around for p in _pinyin_words(words))
_SHORT_CHECKED_TYPES = frozenset({"prohibited_content", "political_term", "needs_quotes", "banned_term"})


#: what stands for a masked character (法○功, 法*功): the dense view drops these
_MASKS = frozenset("*＊×✕○〇●□■☐?？#＃")


def _masked_only(written: str, visible: int) -> bool:
    """Whether what the dense view dropped from ``written`` (a hit of ``visible`` dense characters)
    is mask symbols only, at least one: 法○功, 国土*源部 (a term with a masked character), not 福·萨."""
    masks = sum(c in _MASKS for c in written)
    return masks > 0 and len(written) - masks - sum(c in _INVISIBLE for c in written) == visible


_OPEN_QUOTES = "“‘「『《\"'"
_CLOSE_QUOTES = "”’」』》\"'"
_QUOTE_REACH = 12


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    start: int  # original text
    end: int
    dstart: int  # dense view
    dend: int
    context_confirmed: bool = False
    disguised: bool = False


class _Daachorse:
    def __init__(self, keys: Sequence[str]):
        import hashlib
        from pathlib import Path

        import daachorse

        from . import compiled

        keys = list(keys)
        # the built automaton is in the compiled cache, keyed by its keys and daachorse's own file:
        # 105,000 terms (a county's list) build in ~0.6 s and load in ~10 ms
        digest = hashlib.sha256("\x00".join(keys).encode("utf-8", "surrogatepass")).hexdigest()
        key = compiled.code_key(Path(daachorse.__file__), digest, str(len(keys)))
        self._pma = compiled.memo("automaton", key, lambda: daachorse.CharwiseDoubleArrayAhoCorasick(keys))

    def find(self, text: str) -> list[tuple[int, int, int]]:
        return self._pma.find_overlapping(text)


class _PyAhoCorasick:
    def __init__(self, keys: Sequence[str]):
        import ahocorasick

        a = ahocorasick.Automaton()
        for i, k in enumerate(keys):
            a.add_word(k, (i, len(k)))
        a.make_automaton()
        self._a = a

    def find(self, text: str) -> list[tuple[int, int, int]]:
        return [(end + 1 - n, end + 1, i) for end, (i, n) in self._a.iter(text)]


def _quoted(d: str, s: int, e: int) -> bool:
    """True when dense[s:e] stands inside quotation marks (directly or within a short phrase)."""
    left = d[max(0, s - _QUOTE_REACH):s]
    right = d[e:e + _QUOTE_REACH]
    lo = max(left.rfind(q) for q in _OPEN_QUOTES)
    if lo < 0:
        return False
    # no closing quote between the opening quote and the term
    if any(q in left[lo + 1:] for q in _CLOSE_QUOTES if q not in "\"'"):
        return False
    closes = [i for i in (right.find(q) for q in _CLOSE_QUOTES) if i >= 0]
    if not closes:
        return False
    rc = min(closes)
    return not any(q in right[:rc] for q in _OPEN_QUOTES if q not in "\"'")


class LexiconMatcher:
    """Immutable after construction; ``match`` is safe to call from many threads."""

    def __init__(self, entries: Iterable[Entry], *, engine: str = "daachorse",
                 variants: Iterable[DisguiseTable] = ()):
        """``variants``: disguised spellings kept as columns; the entry of one is built the first
        time the automaton finds it (:meth:`_entries_of`), so a warm start loads no object per
        spelling."""
        if engine not in ENGINES:
            raise ValueError(f"unknown matcher engine {engine!r}; choose one of {ENGINES}")
        by_key: dict[str, list[Entry]] = {}
        for e in entries:
            by_key.setdefault(e.key, []).append(e)
        tables = tuple(t for t in variants if len(t))
        # a spelling whose key a row holds too (never, as lexicon.py builds them) joins that row's key
        lazy: list[int] = []  # flat index (over the tables in order) of each lazy spelling
        lazy_keys: list[str] = []
        flat = 0
        for t in tables:
            for i, k in enumerate(t.keys):
                if k in by_key:
                    by_key[k].append(t.entry(i))
                else:
                    lazy.append(flat + i)
                    lazy_keys.append(k)
            flat += len(t)
        row_keys = tuple(by_key)
        self._nrows = len(row_keys)
        # a mask at the edge of a high-risk row of 3+ characters (弹簧0提供 for 弹簧刀): the row's other
        # characters -> (the masked character, 1 at the end or 0 at the start) (:meth:`_edge_masked`)
        edge: dict[str, list[tuple[str, int]]] = {}
        for k in row_keys:
            if len(k) >= 3 and all(map(is_han, k)) and any(
                    not e.is_allow and e.variant_of is None and e.type in _SHORT_CHECKED_TYPES for e in by_key[k]):
                edge.setdefault(k[:-1], []).append((k[-1], 1))
                edge.setdefault(k[1:], []).append((k[0], 0))
        self._edge: dict[str, tuple[tuple[str, int], ...]] = {r: tuple(v) for r, v in edge.items()}
        keys = row_keys + tuple(lazy_keys)
        self.keys: Sequence[str] = StrColumn(keys)  # the automaton's patterns, by pattern number
        # a PackedColumn once it comes from the compiled cache (__getstate__)
        self._deny: Sequence[tuple[Entry, ...]] = tuple(
            tuple(e for e in by_key[k] if not e.is_allow) for k in row_keys)
        self._tables = tables
        self._table_starts = tuple(accumulate((len(t) for t in tables), initial=0))
        self._lazy = array("I", lazy)
        self._built: dict[int, tuple[Entry, ...]] = {}
        self._allow: bytes = bytes(any(e.is_allow for e in by_key[k]) for k in row_keys) + bytes(len(lazy))
        # allow terms whose repeat is part of them (妈妈的): the repeat must be in the text
        self._allow_runs: tuple[tuple[str, ...] | None, ...] = tuple(
            None if any(e.is_allow and not e.runs for e in by_key[k]) else tuple(e.runs for e in by_key[k] if e.is_allow)
            for k in row_keys)
        self.engine = engine
        self._ac = (_Daachorse if engine == "daachorse" else _PyAhoCorasick)(keys) if keys else None
        # short terms of the high-risk types: never the tail of one word and the head of the next
        # (东北|朝鲜族 holds no 北朝鲜, 增援|交警 no 援交); checked only for what is about to be reported
        # (a disguised spelling's row and options, not its entry: building ~50,000 entries here
        # took 1.3 s of a cold build)
        lazy_opts = [self._tables[t].row_and_options(i) for t, i in map(self._locate, lazy)]
        self._short: bytes = bytes(
            [any(e.type in _SHORT_CHECKED_TYPES and len(e.key) <= 3 and not e.options.word for e in es)
             for es in self._deny]
            + [row.type in _SHORT_CHECKED_TYPES and len(k) <= 3 and not o.word
               for (row, o), k in zip(lazy_opts, lazy_keys)])
        self.needs_jieba = any(e.options.word for es in self._deny for e in es) or any(
            o.word for _, o in lazy_opts) or any(self._short)
        self._tokenizer = None
        if self.needs_jieba:
            self._init_tokenizer()

    def _entries_of(self, p: int) -> tuple[Entry, ...]:
        """The deny entries of automaton pattern ``p``; a disguised spelling's built on first use
        (thread-safe: two threads may build the same equal tuple, one wins the dict slot)."""
        if p < self._nrows:
            return self._deny[p]
        got = self._built.get(p)
        if got is None:
            t, i = self._locate(self._lazy[p - self._nrows])
            got = self._built.setdefault(p, (self._tables[t].entry(i),))
        return got

    def _locate(self, flat: int) -> tuple[int, int]:
        """(table, index in it) of a disguised spelling's flat index over the tables."""
        t = bisect_right(self._table_starts, flat) - 1
        return t, flat - self._table_starts[t]

    def __getstate__(self) -> dict:
        # pickled in the compiled cache (core._lexicon_tables) without jieba's tokenizer, which is
        # the process's own (words.tokenizer) and is taken again on loading; the rows' entries as a
        # PackedColumn, each unpickled when the automaton first finds its key (scanner/columns.py)
        state = {k: ({} if k == "_built" else v) for k, v in self.__dict__.items() if k != "_tokenizer"}
        if not isinstance(self._deny, PackedColumn):
            state["_deny"] = PackedColumn(self._deny)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._tokenizer = None
        if self.needs_jieba:
            self._init_tokenizer()

    def __len__(self) -> int:
        return len(self.keys)

    def _init_tokenizer(self) -> None:
        from .words import tokenizer

        # jieba's dictionary through jieba-fast-dat: one trie for the process, shared with the name detector
        self._tokenizer = tokenizer()

    @staticmethod
    def _gaps_ok(dmap, emap, s: int, e: int) -> bool:
        """A disguised hit: at most MAX_NOISE_GAP characters between two characters of the term."""
        for i in range(s, e - 1):
            a = int(emap[i]) if emap is not None else int(dmap[i]) + 1
            if int(dmap[i + 1]) - a > MAX_NOISE_GAP:
                return False
        return True

    @staticmethod
    def _words_meet(d: str, s: int, e: int) -> bool:
        """An end of ``d[s:e]`` makes a word with the character outside it: written with only white
        space inside, two words meeting over a space (东北 朝鲜族, 增援 交警), not a term spaced out."""
        from .words import word_freq

        return (s > 0 and word_freq(d[s - 1:s + 1]) > 0) or (e < len(d) and word_freq(d[e - 1:e + 1]) > 0)

    @staticmethod
    def _repeats_ok(d: str, dmap, emap, s: int, e: int) -> bool:
        """A repeat inside a hit is a disguise (赌赌博博), not two words meeting (实现|现代化):
        a doubled character that makes a word with the character before it and another with the
        one after it is ordinary text. Two words meet over one doubled character: a tripled one, or
        a second repeat in the hit (立立立法法院, 北北北朝朝鲜鲜), is a disguise."""
        from .words import word_freq

        lens = [int(emap[i]) - int(dmap[i]) for i in range(s, e)]
        if max(lens) > 2 or sum(n > 1 for n in lens) > 1:
            return True
        for i in range(s + 1, e - 1):
            if lens[i - s] > 1:
                c = d[i]
                if word_freq(d[i - 1] + c) > 0 and word_freq(c + d[i + 1]) > 0:
                    return False
        return True

    @staticmethod
    def _closes_on_word_head(d: str, dmap, emap, s: int, e: int) -> bool:
        """The hit's last character is doubled, no other is, and the doubled character begins a
        word with what follows (国家主習|习近平, a title's slip before its holder's name): the
        second of the two belongs to the next word, not to a repeat that disguises the hit."""
        if e >= len(d) or any(int(emap[i]) - int(dmap[i]) > 1 for i in range(s, e - 1)):
            return False
        from .words import word_freq

        return word_freq(d[e - 1:e + 1]) > 0 or word_freq(d[e - 1:e + 2]) > 0

    @staticmethod
    def _runs_present(views: Views, runs: tuple[str, ...], s: int, e: int) -> bool:
        os_, oe = views.dense_span(s, e)
        written = dense_runs(views.text[os_:oe])
        return any(r in written for r in runs)

    def _bounds(self, d: str, s: int, e: int) -> set[int]:
        """jieba's word boundaries in ``d`` from :data:`WORD_WINDOW` characters before ``s`` up to
        the first one at or past ``e`` (the cut stops there)."""
        pos = max(0, s - WORD_WINDOW)
        bounds = {pos}
        for tok in self._tokenizer.cut(d[pos:min(len(d), e + WORD_WINDOW)], HMM=False):  # type: ignore[union-attr]
            pos += len(tok)
            bounds.add(pos)
            if pos >= e:
                break
        return bounds

    def _across_two_words(self, d: str, s: int, e: int) -> bool:
        """The hit is the tail of one word and the head of the next (东北|朝鲜族 for 北朝鲜,
        增援|交警 for 援交): jieba reads a word across each of its ends."""
        b = self._bounds(d, s, e)
        return s not in b and e not in b

    def _on_word_boundaries(self, d: str, s: int, e: int) -> bool:
        b = self._bounds(d, s, e)
        return s in b and e in b

    def _separated(self, views: Views) -> list[Hit]:
        """Terms of three or more characters written with a separator between every character
        (法，轮，功, 高。考。试。题): each run of single characters between separators, read without
        them. Two characters are never joined this way (豪赌，博弈)."""
        norm = views.norm
        out: list[Hit] = []
        dmap = views.dense_map
        for base, p in separated_runs(norm):
            chars = norm[base:p + 1:2]
            if len(chars) < _MIN_SEPARATED:
                continue
            for s, e, k in self._ac.find(chars):
                if e - s < _MIN_SEPARATED:
                    continue
                os_, oe = base + 2 * s, base + 2 * (e - 1) + 1
                ds = os_ if dmap is None else bisect_left(dmap, os_)
                for entry in self._entries_of(k):
                    o = entry.options
                    if o.strict or o.ascii_word or o.masked or entry.runs or entry.tail:
                        continue
                    confirmed = False
                    if o.ctx_norm or o.nctx_norm:
                        wn = norm[_window_start(norm, os_, o.window):oe + o.window]
                        if any(w in (_own_sentence(norm, os_, oe, o.window) if o.sent else
                                     _own_line(norm, os_, oe, o.window) if o.line else wn) for w in o.nctx_norm):
                            continue
                        if not o.sent and _heading_says(norm, os_, oe, o.nctx_norm):
                            continue
                        if o.ctx_norm:
                            if not any(w in wn for w in o.ctx_norm):
                                continue
                            confirmed = True
                    if (o.until or o.since) and _dated_out(views, os_, oe, o):
                        continue
                    if o.nafter and _after_says_no(norm, oe, o.nafter):
                        continue
                    if o.abroad and abroad_before(norm, os_):
                        continue
                    out.append(Hit(entry, os_, oe, ds, ds + (oe - os_), confirmed, True))
        return out

    def match(self, views: Views) -> list[Hit]:
        hits = self._match(views)
        if self._edge and self._ac is not None:
            hits += self._edge_masked(views, hits)
        return hits

    def _edge_places(self, views: Views) -> list[int]:
        """Places in ``norm`` of a mask that may stand for the first or last character of a row: a
        lone 0 or x between two Han characters (not 0 before a counter: 为0分), or a mask symbol the
        dense view dropped (* × ○ □) next to a Han character; eight at most."""
        norm = views.norm
        n = len(norm)
        out: list[int] = []
        # (``gates.ascii_chars`` and ``gates.present`` are cached per text for the detectors after the
        # matcher: asking them first costs the full scan nothing, where a walk over every text did)
        asc = ascii_chars(views.vis)
        lone = _lone_masks(norm) if (b"0" in asc or b"x" in asc) else ()
        for ch in "0x":  # (the zeros first, then the x's: eight at most)
            for i in lone:
                if len(out) >= 8:
                    break
                if norm[i] == ch and not (
                        ch == "0" and (norm[i + 1] in _COUNTERS or norm[i - 1] in _NUMERALS or norm[i + 1] in _NUMERALS)):
                    out.append(i)
        if views.dense_map is not None and not present(views.vis).isdisjoint(_DROPPED_MASKS):
            for ch in _DROPPED_MASKS:
                i = norm.find(ch)
                while i >= 0 and len(out) < 8:
                    if ((i > 0 and is_han(norm[i - 1])) or (i < n - 1 and is_han(norm[i + 1]))) and not (
                            (i > 0 and norm[i - 1] in _NUMERALS) or (i < n - 1 and norm[i + 1] in _NUMERALS)):
                        out.append(i)  # (二○一五, 二0二二年: a zero among numerals)
                    i = norm.find(ch, i + 1)
        return sorted(out)

    def _edge_masked(self, views: Views, hits: list[Hit]) -> list[Hit]:
        """A mask at the edge of a high-risk row of three characters or more (弹簧0提供, 台湾□交部 for
        台湾外交部 no: inside; 环境保护□ for 环境保护部): the row's other characters stand next to the
        mask; the text is read again in a window with the mask replaced by the character (one for
        one: the offsets hold), and a hit of that row over the mask is reported as review (a guess)."""
        places = [p for p in self._edge_places(views) if not any(h.start <= p < h.end for h in hits)]
        if not places:
            return []
        from dataclasses import replace as _replace

        from .lexicon import _KIND_LABEL
        from .normalize import build_views

        norm, text = views.norm, views.text
        n = len(norm)
        out: list[Hit] = []
        for p in places:
            cands: list[tuple[str, str]] = []  # (the character in the mask's place, the row's key)
            for k in (4, 3, 2):
                left, right = norm[max(0, p - k):p], norm[p + 1:p + 1 + k]
                if len(left) == k:
                    cands += [(c, left + c) for c, side in self._edge.get(left, ()) if side == 1]
                if len(right) == k:
                    cands += [(c, c + right) for c, side in self._edge.get(right, ()) if side == 0]
            for c, key in cands[:4]:
                lo, hi = max(0, p - _EDGE_REACH), min(n, p + 1 + _EDGE_REACH)
                v2 = build_views(text[lo:p] + c + text[p + 1:hi])
                got = [h for h in self._match(v2) if h.entry.key == key and h.start <= p - lo < h.end]
                if not got:
                    continue
                h = got[0]
                start, end = h.start + lo, h.end + lo
                written = text[start:end]
                msg = f"疑似「{h.entry.term}」的变形写法（{_KIND_LABEL['masked']}）：「{written}」"
                if h.entry.message:
                    msg += "；" + h.entry.message
                entry = _replace(h.entry, severity="review", message=msg)
                dm = views.dense_map
                ds = start if dm is None else bisect_left(dm, start)
                de = end if dm is None else bisect_left(dm, end)
                out.append(Hit(entry, start, end, ds, max(de, ds + 1), h.context_confirmed, True))
                break
        return out

    def _match(self, views: Views) -> list[Hit]:
        if self._ac is None:
            return []
        d = views.dense
        raw = self._ac.find(d)
        hits: list[Hit] = self._separated(views)
        if not raw:
            return hits
        # allowed spans by start, with the furthest end among those starting at or before each:
        # a hit lies inside an allowed span iff that furthest end reaches it (a bisection per hit,
        # not a pass over every allowed span: a 10 MB text has thousands of both)
        dmap = views.dense_map
        emap = views.dense_emap
        allow_spans = sorted((s, e) for s, e, p in raw if self._allow[p] and (
            self._allow_runs[p] is None or self._runs_present(views, self._allow_runs[p], s, e)))
        allow_starts = [a for a, _ in allow_spans]
        allow_reach = list(accumulate((b for _, b in allow_spans), max))
        norm = views.norm
        n = len(norm)
        nrows = self._nrows
        silenced: list[tuple[int, int]] = []  # curated rows a negative context quieted (dense spans)
        for s, e, p in raw:
            entries = self._deny[p] if p < nrows else self._entries_of(p)
            if not entries:
                continue
            if allow_spans:
                i = bisect_right(allow_starts, s)
                if i and allow_reach[i - 1] >= e:
                    continue
            visible = e - s
            run_start = -1
            repeat_natural = False
            no_space = False
            if dmap is None:
                os_, oe = s, e
                disguised = False
            else:
                if emap is None:
                    os_, oe = int(dmap[s]), int(dmap[e - 1]) + 1
                else:  # a hit opens on the last of a repeat: 学习|习近平 is no disguise of 习近平
                    os_, oe = int(emap[s]) - 1, int(emap[e - 1])
                    run_start = int(dmap[s])
                    if oe - int(dmap[e - 1]) == 2 and not any(en.runs for en in entries) and \
                            self._closes_on_word_head(d, dmap, emap, s, e):
                        oe -= 1  # (h14r) a hit closes on the first of a repeat: 国家主習|习近平 is 国家主習 (not 回回|乡亲: a term's own repeat)
                disguised = oe - os_ != e - s
                if disguised:
                    if e - s > 1 and not self._gaps_ok(dmap, emap, s, e):
                        continue
                    repeat_natural = emap is not None and e - s > 2 and not self._repeats_ok(d, dmap, emap, s, e)
                    # only invisible characters inside (赌\u200b博): the term is contiguous as
                    # a reader sees it, so even `strict` entries match
                    visible = sum(c not in _INVISIBLE for c in views.text[os_:oe])
                    disguised = visible != e - s
                    # a strict entry refuses whitespace inside (a line or word break: 冰 毒) but
                    # not symbols (冰*毒, 冰+毒) or repeats (赌赌球球)
                    no_space = disguised and not any(c.isspace() for c in views.text[os_:oe])
            short = self._short[p]
            for entry in entries:
                dg = disguised
                end = oe
                if entry.tail:
                    j = oe
                    while j < n and norm[j].isspace():
                        j += 1
                    if norm[j:j + len(entry.tail)] != entry.tail:
                        continue  # 账号密码: needs its colon
                    end = j + len(entry.tail)
                start = os_
                if entry.runs:
                    if run_start >= 0:
                        start = run_start  # the term's own repeat: 省省委 from its first 省
                    if oe - start < len(entry.runs):
                        continue  # (most hits of 回 for 回回: no repeat in the text at all)
                    written = views.text[start:oe]
                    if entry.runs not in dense_runs(written):
                        continue  # 省省委 needs its repeat: 省委 alone is not it
                    dg = sum(c not in _INVISIBLE for c in written) != len(entry.runs)
                elif repeat_natural:
                    continue  # 实现|现代化 is not a disguise of 实现代化
                o = entry.options
                # (last, only for what is about to be reported: jieba costs 30 µs a call)
                check_words = short and not dg and not o.word and not entry.runs and entry.type in _SHORT_CHECKED_TYPES
                if dg and not no_space and not o.ascii_word:  # white space inside
                    written = views.text[os_:oe]
                    only = all(c.isspace() or c in d[s:e] for c in written)  # the term's characters and spaces
                    if o.strict and (not only or "\n" in written or "\r" in written):
                        continue  # a strict term is read spaced only on its own (淫　荡, 台湾外 交 部), on one line
                    if only and self._words_meet(d, s, e):
                        continue  # 东北 朝鲜族 is no 北朝鲜 (issue 16: a space between two ordinary words)
                if entry.type in _META_TYPES and _named_as_wrong(norm, os_, oe):
                    continue  # (两岸三地的说法不规范: the term named as wrong wording, h15d)
                if o.plain:
                    if not (check_words and self._across_two_words(norm, start, end)):
                        hits.append(Hit(entry, start, end, s, e, False, dg))
                    continue
                if o.masked and not (dg and _masked_only(views.text[start:end], e - s)):
                    continue  # 法○功 drops the mask; 王宁 is no 王沪宁, 福·萨 no 福摩萨
                if o.isolated and (dg or not _among_han(norm, views.text, os_, oe) or _acronym(views.text, os_, oe)):
                    # initials of a generated list's entry: letters alone among Chinese, no acronym (HDD系统,
                    # MMS, CNN: scanner.letters.acronym, h13c)
                    continue
                if entry.variant_of and not o.ascii_word and _latin_end_joined(entry.key, norm, os_, oe):
                    continue  # a mixed spelling's Latin end inside a longer Latin word: huya的 (虎牙) holds no ya的 (h13c)
                if o.ascii_word:
                    if dg or (os_ > 0 and norm[os_ - 1].isascii() and norm[os_ - 1].isalnum()) or (
                            oe < n and norm[oe].isascii() and norm[oe].isalnum()):
                        # pinyin among other syllables or spaced (MiYunYao, da ma yan): issue 16
                        if not (entry.variant_of and in_pinyin(norm, os_, oe, views.text)):
                            continue
                    # a digit beyond the noise the dense view dropped (1 8964: no hit for 8964)
                    if (s > 0 and d[s - 1].isdigit()) or (e < len(d) and d[e].isdigit()):
                        continue
                confirmed = False
                if o.ctx_norm or o.nctx_norm:
                    win = d[_window_start(d, s, o.window):e + o.window]
                    wn = norm[_window_start(norm, os_, o.window):oe + o.window] if (o.ctx_extra or o.nctx_extra) else ""
                    # a term spelled in pinyin has its context in pinyin too (tanhuangdaotigong): the
                    # letters around the spelling, the spelling itself left out
                    around = (d[max(0, s - o.window):s] + "|" + d[e:e + o.window]) if (
                        entry.variant_of and d[s:e].isascii()) else ""
                    # the required context first: most hits of a context-bound term (战略, 总统 in
                    # the official texts) have none, and then its list of excluding words is not read
                    if o.ctx_norm:
                        if not (any(w in win for w in o.ctx) or any(w in wn for w in o.ctx_extra)
                                or (around and _pinyin_in(around, o.ctx))):
                            continue
                        confirmed = True
                    if o.nctx_norm:
                        if o.sent:
                            sn = _own_sentence(norm, os_, oe, o.window)
                            neg = any(w in sn for w in o.nctx_norm)
                        elif o.line:
                            ln = _own_line(norm, os_, oe, o.window)
                            neg = any(w in ln for w in o.nctx_norm)
                        else:
                            neg = any(w in win for w in o.nctx) or any(w in wn for w in o.nctx_extra)
                        if neg or (around and _pinyin_in(around, o.nctx)) or (
                                not o.sent and _heading_says(norm, os_, oe, o.nctx_norm)):
                            if entry.lexicon not in GENERATED_LISTS:
                                silenced.append((s, e))
                            continue
                if o.quote and _quoted(d, s, e):
                    continue
                if o.nafter and _after_says_no(norm, oe, o.nafter):
                    continue
                if o.abroad and abroad_before(norm, os_):
                    continue
                if o.word and not (self._on_word_boundaries(d, s, e) if dg
                                   else self._on_word_boundaries(norm, os_, oe)):
                    continue
                if o.lone and ((dg and _line_break(views.text, os_, oe)) or self._words_meet(d, s, e)
                               or not _swap_alone(d, s, e, entry.variant_of or "")):
                    continue  # 都比|去年, 音爆|据, 10件货: a swapped spelling stands alone, on one line (swap2)
                if check_words and self._across_two_words(norm, start, end):
                    continue
                if (o.until or o.since) and _dated_out(views, start, end, o):
                    continue
                hits.append(Hit(entry, start, end, s, e, confirmed, dg))
        if silenced:
            hits = _defer_to_rows(hits, silenced)
        return hits


#: the lists generated from public lists' training halves (scripts/build_prohibited_lists.py,
#: build_prohibited_ngrams.py): their entries and pieces are shorter evidence than a curated row
GENERATED_LISTS = frozenset({"prohibited_lists", "prohibited_ngrams"})


def _defer_to_rows(hits: list[Hit], silenced: list[tuple[int, int]]) -> list[Hit]:
    """Drop the hits of a generated list that lie inside the term of a curated row whose own negative
    context quieted it: the piece 赌博网 inside 境外赌博网站 of a crackdown report, whose curated row
    赌博网站 reads 抓获 and 涉案 in its wider window (the piece's window of 12 did not reach them)."""
    silenced.sort()
    starts = [a for a, _ in silenced]
    reach = list(accumulate((b for _, b in silenced), max))
    out = []
    for h in hits:
        if h.entry.lexicon in GENERATED_LISTS:
            i = bisect_right(starts, h.dstart)
            if i and reach[i - 1] >= h.dend:
                continue
        out.append(h)
    return out


def _latin_end_joined(key: str, norm: str, s: int, e: int) -> bool:
    """Whether a spelling that mixes Latin letters and Han characters (ya的, 法lun功) has a Latin end
    joined to more Latin letters or digits in the text (Kenya的, huya的)."""
    return (key[0].isascii() and key[0].isalpha() and s > 0 and norm[s - 1].isascii() and norm[s - 1].isalnum()) or (
        key[-1].isascii() and key[-1].isalpha() and e < len(norm) and norm[e].isascii() and norm[e].isalnum())


def _acronym(text: str, s: int, e: int) -> bool:
    from .letters import acronym

    return acronym(text, s, e)


def _among_han(norm: str, text: str, s: int, e: int) -> bool:
    """Letters ``norm[s:e]`` with a Han character right before and right after, all of one case in
    ``text`` (发布sdy相关, 发布SDY相关; not Sdy, not at a line's start: an acronym opens a line)."""
    w = text[s:e]
    return s > 0 and e < len(norm) and is_han(norm[s - 1]) and is_han(norm[e]) and (w.islower() or w.isupper())


def _line_break(text: str, s: int, e: int) -> bool:
    return "\n" in text[s:e] or "\r" in text[s:e]


#: a character jieba counts this often as a word of its own (的 了 是 我 你 他 在 有 不 这 人 …) pairs with
#: any character: a two-character term one of whose characters is one (丫的, 你妹) swapped in its other
#: character reads every word that ends or starts that way (阮思雅的), so that spelling is no disguise
_FUNCTION_FREQ = 100_000


def _swap_alone(d: str, s: int, e: int, target: str) -> bool:
    """A two-character term with one character swapped (``d[s:e]`` for ``target``, a ``swap2``
    spelling) reads as a disguise: the character kept is no function word (雅的 for 丫的), and a
    swapped first character follows no numeral (10件货 for 贱货: a counted noun)."""
    from .words import word_freq

    if len(target) != 2 or e - s != 2:
        return True
    i = 0 if d[s] != target[0] else 1
    if word_freq(target[1 - i]) >= _FUNCTION_FREQ:
        return False
    return not (i == 0 and s > 0 and d[s - 1] in _NUMERALS)


def _own_sentence(norm: str, s: int, e: int, window: int) -> str:
    """The hit's own sentence within ``window`` characters either side (option ``sent``)."""
    return sentence_around(norm, s, e, window, window, _SENTENCE_ENDS)


_SENTENCE_ENDS = "。!?;！？；\n"


def _own_line(norm: str, s: int, e: int, window: int) -> str:
    """The hit's own line within ``window`` characters either side, the hit included (option ``line``)."""
    a = max(0, s - window)
    k = max(norm.rfind("\n", a, s), norm.rfind("\r", a, s))
    b = min(len(norm), e + window)
    j = min((x for x in (norm.find("\n", e, b), norm.find("\r", e, b)) if x >= 0), default=b)
    return norm[k + 1 if k >= 0 else a:j]


def _window_start(text: str, s: int, window: int) -> int:
    """Where a hit's context window starts: ``window`` characters before it, but not inside the post's
    bracketed heading when the hit is after it (the heading is read by :func:`_heading_says`, under the
    offer bound: 【禁毒】出售冰毒，加微信 is no news, h16r2)."""
    a = max(0, s - window)
    if a < 40:  # (a heading is at the text's start only)
        h = heading_end(text)
        if a < h <= s:
            return h
    return a


def _heading_says(norm: str, s: int, e: int, words) -> bool:
    """Option ``nctx`` (not ``sent``): a word of it in the post's bracketed heading
    (:func:`scanner.detectors.context.heading`) quiets every hit of the row in the post, as a word in
    the window does, but a hit whose own sentence makes an offer (出售, 加微信, 货到付款: h16r2)."""
    return heading_quiets(norm, words, lambda: sentence_around(norm, s, e, 50, 50, _SENTENCE_ENDS) + "\t" + norm[s:e])


def _after_says_no(norm: str, e: int, pattern: str) -> bool:
    """Option ``nafter``: the normalised text after the hit, to the end of its sentence (at most 40
    characters), starts with a match of ``pattern``."""
    end = _SENTENCE_END_RE.search(norm, e, e + 40)
    return after_pattern(pattern).match(norm, e, end.start() if end else e + 40) is not None


_SENTENCE_END_RE = re.compile("[" + re.escape(_SENTENCE_ENDS) + "]")


@lru_cache(maxsize=1)
def _foreign_regions() -> tuple[frozenset[str], int]:
    """(the names of scanner/data/foreign_regions.txt, the longest one's length)."""
    from .resources import data_names

    names = data_names("foreign_regions.txt")
    return names, max(map(len, names))


def abroad_before(norm: str, s: int) -> bool:
    """Option ``abroad``: a foreign place's name ends right before the hit at ``norm[s]`` (安大略|省旅游局),
    or with the hit's first character (加州 of 加|州旅游局)."""
    names, longest = _foreign_regions()
    return any((k <= s and norm[s - k:s] in names) or norm[s - k + 1:s + 1] in names
               for k in range(2, min(longest, s + 1) + 1))


#: a wording row's term named as wrong wording, not used (h15d): the term followed by 的说法 (这一提法, 一词 …)
#: and a correction in its sentence (两岸三地的说法不规范，应改为…), or after a prohibition of saying it
#: (不得使用“两岸三地”): a style note or a correction notice writes the term to retire it (新华社禁用词 itself
#: lists it so). Political and banned wording rows only: a threat or a secret named so is still published.
_META_TYPES = frozenset(("political_term", "banned_term"))
_META_AFTER_RE = re.compile(
    r"[”\"’」』]?(?:的|这一|这个|这种|等)?(?:说法|提法|表述|称谓|称呼|用语|用法|叫法|写法|一词|字眼)[^。！？!?;；\n]{0,12}?"
    r"(?:不规范|不准确|不妥|不当|欠妥|不正确|是错误的|错误|有误|应改为|应改成|应更正为|应为|应称|应表述为|应写作|应使用|"
    r"不得使用|不宜使用|不能使用|不要使用|禁止使用|禁用|不符合)")
_META_BEFORE_RE = re.compile(r"(?:不得|不要|不宜|不能|不应|禁止|避免|严禁|切勿)(?:再)?(?:使用|称|说|写|写作|表述为|称为)[“\"「『]?$")


def _named_as_wrong(norm: str, s: int, e: int) -> bool:
    """Whether the term at norm[s:e] is named as wrong wording (:data:`_META_AFTER_RE`)."""
    return _META_AFTER_RE.match(norm, e, e + 24) is not None or _META_BEFORE_RE.search(norm, max(0, s - 8), s) is not None


def _dated_out(views: Views, s: int, e: int, o) -> bool:
    """Whether the years make the hit at views.text[s:e] no finding: a term superseded in
    ``o.until`` in a text of before (:func:`scanner.detectors.context.years_say_history`), or a
    norm in force from ``o.since`` in a text written before it (``years_say_before``)."""
    years = doc_years(views.norm)
    return bool((o.until and years_say_history(views.norm, s, e, o.until, years))
                or (o.since and years_say_before(o.since, years)))
