"""Gate words: a detector's patterns run only when one of its cue words is in the text.

Every detector registers its gate words here at import; the first detector that asks about a
text finds all of them in one pass of an Aho–Corasick automaton (daachorse), and the detectors
after it reuse that answer (a one-entry cache per thread, keyed by the text's identity). Before,
each gate was a separate substring search: 40 searches through every text, 23% of a full scan.

    gates.register("密码", "口令")                 # at import, in the detector's module
    if gates.any_of(v, _PW_GATE): ...              # in detect(): ≡ any(g in v for g in _PW_GATE)
"""
from __future__ import annotations

import threading
from typing import Iterable

from .. import rx, speedups

__all__ = ["register", "register_doubled", "repeats", "doubled_inside", "present", "hits", "any_of", "ascii_chars", "separated_runs", "SEPS", "find", "find_uncached", "warm_up"]

_WORDS: dict[str, None] = {}
_local = threading.local()


def register(*words: str) -> None:
    """Add gate words (at import time, before the first scan), in a fixed order: the automaton's
    cache key is over the words in the order registered (never from a set's iteration, whose order
    changes with the hash seed: sort such words)."""
    if "" in words:
        raise ValueError("a gate word must not be empty")
    _WORDS.update(dict.fromkeys(words))  # (in C: the compositional rules register ~36,000 spellings)


#: the words of :func:`register_doubled` (registered as gate words too) and their inner triples: a
#: character, the one before it and the one after it, for every inner character that may be doubled
_DOUBLED_WORDS: set[str] = set()
_DOUBLED_TRIPLES: set[str] = set()
_DOUBLED_REACH = 0  # the longest of those words, less one: how far around a repeat one may reach
_runs = speedups.get("wide_runs")  # scanner/_speedups.c


def register_doubled(*words: str) -> None:
    """Register ``words`` as gate words and remember those of three characters or more for
    :func:`doubled_inside`: a text that writes one of them with one inner Han character twice
    (初步核实 → 初步步核实, 初步核核实; a doubled first or last character leaves the word whole in the
    text) is worth a pass over the dense view (``compositional._suspicious``). Ordinary text doubles a
    character (常常) but rarely inside one of these words."""
    global _DOUBLED_REACH
    register(*words)
    for w in words:
        triples = [w[i - 1:i + 2] for i in range(1, len(w) - 1)
                   if is_han(w[i]) and w[i] != w[i - 1] and w[i] != w[i + 1]]
        if triples:
            _DOUBLED_WORDS.add(w)
            _DOUBLED_TRIPLES.update(triples)
            _DOUBLED_REACH = max(_DOUBLED_REACH, len(w) - 1)


def repeats(dense_map, dense_emap) -> list[int]:
    """The dense indexes whose character stands for a repeat in the text (written twice or more,
    ``dense_emap - dense_map > 1``; none when ``dense_emap`` is None)."""
    if dense_emap is None:
        return []
    if _runs is not None:
        return _runs(dense_map, dense_emap, 1 << 62, 1)
    import numpy as np  # (no compiled extension)

    return np.flatnonzero(np.asarray(dense_emap) - np.asarray(dense_map) > 1).tolist()


def doubled_inside(dense: str, reps: list[int]) -> bool:
    """Whether one of the repeats ``reps`` (:func:`repeats`) is an inner character of a word of
    :func:`register_doubled` in ``dense`` (初步核核实 reads 初步核实 there). Only repeats whose
    neighbours make one of the words' inner triples are looked at (a set lookup each: 常常 of
    ordinary text makes none), and around those the gate automaton reads a window; the words'
    17,000 doubled spellings are not in the automaton (a larger automaton made every text's pass
    slower)."""
    cand = [k for k in reps if 0 < k and dense[k - 1:k + 2] in _DOUBLED_TRIPLES]
    if not cand:
        return False
    words, pma = _words_and_automaton()
    for k in cand:
        lo = max(0, k - _DOUBLED_REACH)
        for s, e, w in pma.find_overlapping(dense[lo:k + _DOUBLED_REACH + 1]):
            if s + lo < k < e + lo - 1 and words[w] in _DOUBLED_WORDS:
                return True
    return False


def _automaton(words: tuple[str, ...]):
    """The automaton of ``words``, from the compiled cache when an earlier process built it (the
    compositional rules' disguised spellings make ~40,000 words: 90 ms to build, ~10 ms to load)."""
    import hashlib
    from pathlib import Path

    import daachorse

    from .. import compiled

    digest = hashlib.sha256("\x00".join(words).encode("utf-8", "surrogatepass")).hexdigest()
    key = compiled.code_key(Path(daachorse.__file__), digest, str(len(words)))
    return compiled.memo("gates", key, lambda: daachorse.CharwiseDoubleArrayAhoCorasick(list(words)))


_current: tuple[int, tuple[str, ...], object] | None = None  # (len(_WORDS), words, automaton)


def _words_and_automaton() -> tuple[tuple[str, ...], object]:
    """The registered words and their automaton, rebuilt only when words were registered since (a
    tuple of every word per text, hashed by lru_cache, cost more than the pass with 2,000 words)."""
    global _current
    cur = _current
    if cur is None or cur[0] != len(_WORDS):
        words = tuple(_WORDS)  # (registration order: fixed, see register; sorting 39,000 words took 13 ms)
        cur = _current = (len(words), words, _automaton(words))
    return cur[1], cur[2]


def _pass(v: str) -> tuple[str, frozenset[str], list[tuple[int, int, str]], int]:
    last = getattr(_local, "last", None)
    if last is not None and last[0] is v and last[3] == len(_WORDS):  # (words registered since: pass again)
        return last
    found = find_uncached(v)
    last = _local.last = (v, frozenset([w for _, _, w in found]), found, len(_WORDS))
    return last


def find(v: str) -> list[tuple[int, int, str]]:
    """Like :func:`hits` for another text (the dense view), without touching the per-text cache of
    :func:`hits` (a one-entry cache of its own: the compositional and the wording rules both read
    the dense view of a disguised text). Do not modify the list."""
    last = getattr(_local, "found", None)
    if last is not None and last[0] is v and last[2] == len(_WORDS):
        return last[1]
    out = find_uncached(v)
    _local.found = (v, out, len(_WORDS))
    return out


def find_uncached(v: str) -> list[tuple[int, int, str]]:
    """The gate pass over ``v`` without any cache (a text read once: a repaired window)."""
    words, pma = _words_and_automaton()
    return [(s, e, words[k]) for s, e, k in pma.find_overlapping(v)] if v else []


def present(v: str) -> frozenset[str]:
    """The registered gate words that occur in ``v``."""
    return _pass(v)[1]


def hits(v: str) -> list[tuple[int, int, str]]:
    """Every occurrence of a registered word in ``v`` as (start, end, word), overlapping ones
    included, ordered by end (words ending at the same place: longest first). The names detector
    reads its cue positions from here instead of a second automaton pass. Do not modify the list."""
    return _pass(v)[2]


def ascii_chars(v: str) -> bytes:
    """The ASCII characters of ``v``, the rest dropped (once per text, like the gate pass). A run
    of ASCII characters in ``v`` is a run here too, so a pattern made only of ASCII characters
    that finds nothing here finds nothing in ``v``: the digit-run patterns look here first (the
    encoding is ~1 ns a character, a regular-expression scan ~10 ns; official texts are mostly
    Han)."""
    last = getattr(_local, "ascii", None)
    if last is not None and last[0] is v:
        return last[1]
    b = v.encode("ascii", "ignore")
    _local.ascii = (v, b)
    return b


def any_of(v: str, words: Iterable[str]) -> bool:
    """Whether one of ``words`` (each registered) occurs in ``v``."""
    return not _pass(v)[1].isdisjoint(words)


def warm_up() -> None:
    _words_and_automaton()


#: separators between the characters of a disguised term (in the ``norm`` view, where the
#: full-width ones are ASCII already)
SEPS = "。、…‥,.;:!?，；：！？"
_SEP_GATE = rx.compile(f"[{SEPS}][\u3400-\u9fff][{SEPS}]")  # opens on the rarer class


def is_han(ch: str) -> bool:
    """A Han character of the BMP (CJK Unified Ideographs and Extension A)."""
    return "\u3400" <= ch <= "\u9fff"


def separated_runs(norm: str) -> list[tuple[int, int]]:
    """Runs of single Han characters with one separator between each (法，轮，功, 高。考。试。题) in
    ``norm``, as (first, last) indexes of their first and last character (inclusive; the characters
    are ``norm[first:last + 1:2]``, two at least). Once per text, shared by the lexicon matcher and
    the compositional rules like :func:`hits` (a one-entry cache per thread, keyed by identity)."""
    last = getattr(_local, "seps", None)
    if last is not None and last[0] is norm:
        return last[1]
    out = _c_separated_runs(norm) if _c_separated_runs is not None else _separated_runs(norm)
    _local.seps = (norm, out)
    return out


def _separated_runs(norm: str) -> list[tuple[int, int]]:
    """:func:`separated_runs` in Python: the reference, and the path without the compiled
    extension (scanner/_speedups.c walks the text in C: the regular expression below costs ~10 ns
    a character, since it opens on a character class)."""
    out: list[tuple[int, int]] = []
    n = len(norm)
    g = _SEP_GATE.search(norm)
    while g is not None:
        i = g.start()  # a separator, one Han character, a separator
        base = i - 1 if i > 0 and is_han(norm[i - 1]) else i + 1
        p = base
        while p + 2 < n and norm[p + 1] in SEPS and is_han(norm[p + 2]):
            p += 2
        if p > base:
            out.append((base, p))
        g = _SEP_GATE.search(norm, p + 1)
    return out


_c_separated_runs = speedups.get("separated_runs")
