"""A character-level CRF that tags person names in free text, with a vectorised NumPy runtime.

The model is a linear-chain conditional random field over five labels (``O`` and the ``B M E S``
positions of a name). It is *trained* with CRFsuite by ``models/build_name_tagger.py`` on the train
splits of public Chinese NER sets, and *run* here without CRFsuite: every feature of every
character is an integer key computed with array arithmetic from the code points, looked up in an
open-addressing hash table, and summed into emission scores; forward-backward then gives each
character's probability of being part of a name. The same :func:`feature_keys` feeds training and
run time, so the two cannot drift apart.

Features of character *i* (from the code points, the model's vocabulary and its :class:`Lexicon`,
which is built from jieba's dictionary at training time and stored in the model file):
characters at i-2..i+2, the four bigrams and three trigrams around *i*, the character classes of
i-1, i, i+1, surname flags, given-name and transliteration log-likelihood buckets (from the
personal names in jieba's dictionary), and the class (common word, ``nr``, ``nrt``, ``ns``,
``nt``/``nz``) of dictionary words of two to four characters starting at, ending at or covering *i*.

Speed: forward-backward is exact but not one step per character: the forward and backward
messages are computed block-wise (:func:`_vector_scan`: about 2*sqrt(n) array steps, n small
matrix products). ``tests/test_name_tagger.py`` checks the marginals against CRFsuite's own and against the textbook sequential recursion. Fixed NumPy overhead makes
a call cost about 0.3 ms however short the text, so the cue detector calls it only where its
rules are unsure (see ``scanner/detectors/names.py``).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from . import speedups
from .lazy_tagger import MODEL_NAME, model_path

_fb_marginals = speedups.get("fb_marginals")  # (compiled forward-backward; None: NumPy's runs)

__all__ = ["LABELS", "MODEL_NAME", "Lexicon", "NameTagger", "build_lexicon", "feature_keys", "load_tagger", "model_path", "runs",
           "word_class"]

LABELS = ("O", "B", "M", "E", "S")
_MAX_CP = 0x110000
_TBITS = 50  # key = template << 50 | value
_EMPTY = np.int64(-1)
_MUL = np.uint64(0x9E3779B97F4A7C15)

# character classes
_C_PAD, _C_HAN, _C_DIGIT, _C_LATIN, _C_SPACE, _C_PUNCT, _C_DOT, _C_OTHER = range(8)
# dictionary word classes
_W_NONE, _W_WORD, _W_NR, _W_NRT, _W_NS, _W_NT = range(6)
_VBITS = 14  # vocabulary ids < 2**14


# ------------------------------------------------------------------------------------------
# hash tables (int64 keys -> row index), built once, probed with array operations
# ------------------------------------------------------------------------------------------
class _Table:
    def __init__(self, keys: np.ndarray, values: np.ndarray | None = None) -> None:
        """``lookup`` gives ``values[i]`` for ``keys[i]`` (``i`` itself when no values are given)."""
        keys = np.asarray(keys, dtype=np.int64)
        values = np.arange(len(keys)) if values is None else np.asarray(values, dtype=np.int64)
        bits = max(4, math.ceil(math.log2(max(1, len(keys)) * 3)))
        self.shift = np.uint64(64 - bits)
        self.mask = (1 << bits) - 1
        slots = np.full(1 << bits, _EMPTY, dtype=np.int64)
        rows = np.full(1 << bits, -1, dtype=np.int64)
        pos = self._slot(keys)
        todo = np.arange(len(keys))
        while len(todo):  # linear probing, placed in rounds
            p = pos[todo]
            free = slots[p] == _EMPTY
            # several keys may want the same free slot in one round: the first wins
            cand = todo[free]
            _, first = np.unique(p[free], return_index=True)
            won = cand[first]
            slots[pos[won]] = keys[won]
            rows[pos[won]] = values[won]
            lost = np.setdiff1d(todo, won, assume_unique=True)
            pos[lost] = (pos[lost] + 1) & self.mask
            todo = lost
        self.slots, self.rows = slots, rows

    def _slot(self, q: np.ndarray) -> np.ndarray:
        return ((q.astype(np.uint64) * _MUL) >> self.shift).astype(np.int64)  # arrays wrap silently

    def lookup(self, q: np.ndarray, missing: int) -> np.ndarray:
        """Row of each key in ``q`` (any shape), ``missing`` where absent."""
        flat = q.ravel()
        out = np.full(flat.shape, missing, dtype=np.int64)
        pos = self._slot(flat)
        todo = np.arange(flat.size)
        while todo.size:
            p = pos[todo]
            s = self.slots[p]
            hit = s == flat[todo]
            out[todo[hit]] = self.rows[p[hit]]
            go = ~hit & (s != _EMPTY)
            todo = todo[go]
            pos[todo] = (p[go] + 1) & self.mask
        return out.reshape(q.shape)


# ------------------------------------------------------------------------------------------
# character tables from jieba's dictionary and the surname list
# ------------------------------------------------------------------------------------------
def jieba_entries():
    """(word, frequency, tag) of every entry of jieba's own dictionary, in file order."""
    from .words import jieba_dict_path

    with open(jieba_dict_path(), encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                yield parts[0], int(parts[1]), parts[2]


def _bucket(x: float) -> int:
    return max(-6, min(6, round(x))) + 6


_FNV = 0x100000001B3
_HASH_BASE = {L: np.uint64(L * _FNV ** L % 2 ** 64) for L in (2, 3, 4)}  # the length's share of the hash
_HASH_BASE_INT = {L: int(h) for L, h in _HASH_BASE.items()}
_M64 = (1 << 64) - 1
_MUL_INT = int(_MUL)


def _ngram_hash(cps: np.ndarray, start: np.ndarray, length: int) -> np.ndarray:
    """Hash of the ``length`` code points from each start (wrapping uint64 arithmetic; arrays
    wrap silently)."""
    h = np.full(start.shape, length, dtype=np.uint64)
    for k in range(length):
        h = h * np.uint64(_FNV) + cps[start + k].astype(np.uint64)
    return h.astype(np.int64)


@lru_cache(maxsize=1)
def _char_classes() -> np.ndarray:
    """uint8 class of each code point (Han, digit, Latin, space, punctuation, middle dot, other)."""
    cls = np.full(_MAX_CP, _C_OTHER, dtype=np.uint8)
    cls[0x4E00:0xA000] = _C_HAN
    cls[0x3400:0x4DC0] = _C_HAN
    cls[ord("0"):ord("9") + 1] = _C_DIGIT
    cls[ord("a"):ord("z") + 1] = _C_LATIN
    cls[ord("A"):ord("Z") + 1] = _C_LATIN
    for ch in " \t\r\n\u3000\xa0":
        cls[ord(ch)] = _C_SPACE
    for ch in "，。、；：？！“”‘’（）《》【】「」『』…—,.;:?!\"'()[]<>-~/|":
        cls[ord(ch)] = _C_PUNCT
    for ch in "·•・‧":
        cls[ord(ch)] = _C_DOT
    return cls


def _sparse(table: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    default = int(np.bincount(table).argmax())
    cps = np.flatnonzero(table != default)
    return cps.astype(np.int32), table[cps], default


def _dense(cps: np.ndarray, values: np.ndarray, default: int) -> np.ndarray:
    t = np.full(_MAX_CP, default, dtype=np.uint8)
    t[cps] = values
    return t


@dataclass(frozen=True)
class Lexicon:
    """What the features know beyond the characters: surnames, given-name and transliteration
    characters, and dictionary words. Built from jieba's dictionary when the model is trained and
    stored in the model file, so that a model always runs with the tables it was trained with."""

    sur: np.ndarray       # uint8 per code point: 1 surname, 2 first character of a compound surname
    given: np.ndarray     # uint8 bucket of the given-name log-likelihood ratio
    translit: np.ndarray  # uint8 bucket of the transliteration log-likelihood ratio
    word_keys: np.ndarray  # int64 hash of each dictionary word of 2-4 characters
    word_cls: np.ndarray  # uint8 class of each of those words

    @cached_property
    def words(self) -> _Table:
        """The dictionary words' hash table (built on first use)."""
        return _Table(self.word_keys)

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The lexicon as arrays for the model file (per-code-point tables stored sparse)."""
        out = {"lex_word_keys": self.word_keys, "lex_word_cls": self.word_cls}
        for name in ("sur", "given", "translit"):
            cps, vals, default = _sparse(getattr(self, name))
            out[f"lex_{name}_cps"], out[f"lex_{name}_vals"] = cps, vals
            out[f"lex_{name}_default"] = np.array(default)
        return out

    @classmethod
    def from_arrays(cls, z) -> Lexicon:
        """The lexicon from the arrays :meth:`to_arrays` wrote (``z``: the loaded model file)."""
        tables = {name: _dense(z[f"lex_{name}_cps"], z[f"lex_{name}_vals"], int(z[f"lex_{name}_default"]))
                  for name in ("sur", "given", "translit")}
        return cls(word_keys=z["lex_word_keys"], word_cls=z["lex_word_cls"], **tables)


def build_lexicon() -> Lexicon:
    """The tables from the surname lists and jieba's dictionary (training time only)."""
    from .surnames import COMPOUND_SURNAMES, SURNAMES

    surnames = frozenset(SURNAMES)
    sur = np.zeros(_MAX_CP, dtype=np.uint8)
    for ch in surnames:
        sur[ord(ch)] = 1
    for cs in COMPOUND_SURNAMES:
        sur[ord(cs[0])] = max(sur[ord(cs[0])], 2)
    given: Counter = Counter()
    translit: Counter = Counter()
    background: Counter = Counter()
    first: dict[str, int] = {}  # the first entry of a word wins, as in jieba's own loading
    for w, freq, tag in jieba_entries():
        if tag == "nrt":
            c = _W_NRT
            for ch in w:
                translit[ch] += 1
        elif tag.startswith("nr"):
            c = _W_NR
            if len(w) == 3 and w[0] in surnames:
                given[w[1]] += 1
                given[w[2]] += 1
        elif tag == "ns":
            c = _W_NS
        elif tag in ("nt", "nz"):
            c = _W_NT
        else:
            c = _W_WORD
            for ch in w:
                background[ch] += freq
        if 2 <= len(w) <= 4 and (freq >= 3 or c != _W_WORD):
            first.setdefault(w, c)

    def logp(counter: Counter) -> tuple[dict[str, float], float]:
        n = sum(counter.values())
        return {k: math.log((v + 0.5) / n) for k, v in counter.items()}, math.log(0.5 / n)

    (g, gd), (t, td), (b, bd) = logp(given), logp(translit), logp(background)
    given_t = np.full(_MAX_CP, _bucket(gd - bd), dtype=np.uint8)
    trans_t = np.full(_MAX_CP, _bucket(td - bd), dtype=np.uint8)
    for ch in set(g) | set(t) | set(b):
        given_t[ord(ch)] = _bucket(g.get(ch, gd) - b.get(ch, bd))
        trans_t[ord(ch)] = _bucket(t.get(ch, td) - b.get(ch, bd))
    hk_parts, hc_parts = [], []
    for length in (2, 3, 4):
        ws = [w for w in first if len(w) == length]
        cps = np.frombuffer("".join(ws).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        hk_parts.append(_ngram_hash(cps, np.arange(len(ws)) * length, length))
        hc_parts.append(np.array([first[w] for w in ws], dtype=np.uint8))
    hk, at = np.unique(np.concatenate(hk_parts), return_index=True)
    return Lexicon(sur, given_t, trans_t, hk, np.concatenate(hc_parts)[at])


# ------------------------------------------------------------------------------------------
# features
# ------------------------------------------------------------------------------------------
N_TEMPLATES = 30
#: The templates whose values can exceed 2**14 (bigrams and trigrams of vocabulary ids).
_HASHED_TEMPLATES = (6, 7, 8, 9, 10, 11, 12)
#: Stored in the model file; a model built for other features is refused at load time.
FEATURE_VERSION = 2


def _word_classes(lex: Lexicon, cps: np.ndarray, n: int) -> dict[int, np.ndarray]:
    """For 2, 3 and 4: class of the dictionary word of that many characters starting at each
    position (0 if none); one table lookup for all three lengths. The hashes are those of
    :func:`_ngram_hash`, built up together: h_L = L * P^L + (c_i P^(L-1) + ... + c_(i+L-1))."""
    out = {L: np.zeros(n, dtype=np.int64) for L in (2, 3, 4)}
    if n < 2:
        return out
    c = cps.astype(np.uint64)
    p = np.uint64(_FNV)
    acc = c[:-1] * p + c[1:]  # the sum part for length 2, then 3, then 4
    hashes = []
    for L in (2, 3, 4):
        if L > 2:
            if n < L:
                break
            acc = acc[:-1] * p + c[L - 1:]
        hashes.append((_HASH_BASE[L] + acc).astype(np.int64))
    rows = lex.words.lookup(np.concatenate(hashes), -1)
    cls = np.where(rows >= 0, lex.word_cls[np.maximum(rows, 0)], 0)
    at = 0
    for L, h in zip((2, 3, 4), hashes):
        out[L][: len(h)] = cls[at: at + len(h)]
        at += len(h)
    return out


def _padded(a: np.ndarray, fill: int) -> np.ndarray:
    """``a`` with three ``fill`` values on each side: shifted views are slices of it."""
    return np.concatenate(([fill] * 3, a, [fill] * 3))


def feature_keys(text: str, vocab: np.ndarray, lex: Lexicon) -> np.ndarray:
    """(len(text), N_TEMPLATES) int64 feature keys of every character.

    ``vocab`` maps a code point to its vocabulary id (0 unknown; 1 and 2 are reserved for the
    padding before and after the text)."""
    n = len(text)
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    pad = np.concatenate(([1] * 3, vocab[cps].astype(np.int64), [2] * 3))  # pad[i + 3] = cid[i]
    wc = _word_classes(lex, cps, n)
    cls = _padded(_char_classes()[cps].astype(np.int64), 0)
    sur = _padded(lex.sur[cps].astype(np.int64), 0)
    gv = _padded(lex.given[cps].astype(np.int64), 6)
    tr = _padded(lex.translit[cps].astype(np.int64), 6)
    w2, w3, w4 = (_padded(wc[L], 0) for L in (2, 3, 4))

    def at(a: np.ndarray, k: int) -> np.ndarray:  # out[i] = a[i + k]
        return a[3 + k: 3 + k + n]

    def c(k: int) -> np.ndarray:
        return at(pad, k)

    V = _VBITS
    cols = [
        np.zeros(n, dtype=np.int64),                         # 0 bias
        c(-2), c(-1), c(0), c(1), c(2),                      # 1-5 characters
        c(-2) << V | c(-1), c(-1) << V | c(0),               # 6-7 bigrams
        c(0) << V | c(1), c(1) << V | c(2),                  # 8-9
        c(-2) << 2 * V | c(-1) << V | c(0),                  # 10 trigrams
        c(-1) << 2 * V | c(0) << V | c(1),                   # 11
        c(0) << 2 * V | c(1) << V | c(2),                    # 12
        at(cls, -1) << 6 | at(cls, 0) << 3 | at(cls, 1),     # 13 classes
        at(sur, -1) << 4 | at(sur, 0) << 2 | at(sur, 1),     # 14 surname flags
        at(gv, -1), at(gv, 0), at(gv, 1),                    # 15-17 given-name buckets
        at(tr, -1), at(tr, 0), at(tr, 1),                    # 18-20 transliteration buckets
        at(w2, 0), at(w3, 0), at(w4, 0),                     # 21-23 words starting here
        at(w2, -1), at(w3, -2), at(w4, -3),                 # 24-26 words ending here
        at(w3, -1),                                          # 27 a 3-character word around
        np.maximum(at(w4, -1), at(w4, -2)),                  # 28 a 4-character word around
        at(w2, 0) << 3 | at(w2, -1),                         # 29 word starting and word ending
    ]
    feats = np.stack(cols, axis=1)
    return feats | (np.arange(N_TEMPLATES, dtype=np.int64) << _TBITS)[None, :]


def build_vocab(chars: list[str]) -> np.ndarray:
    """Code point -> vocabulary id: ``chars[i]`` is ``i + 3`` (0 unknown, 1 and 2 the padding)."""
    vocab = np.zeros(_MAX_CP, dtype=np.uint16)
    for i, ch in enumerate(chars):
        vocab[ord(ch)] = i + 3
    return vocab


# ------------------------------------------------------------------------------------------
# the model at run time
# ------------------------------------------------------------------------------------------
class NameTagger:
    """Immutable after construction; ``probabilities`` is safe to call from many threads."""

    def __init__(self, keys: np.ndarray, weights: np.ndarray, transitions: np.ndarray, chars: list[str],
                 lexicon: Lexicon, meta: dict | None = None) -> None:
        self.weights = np.vstack([weights.astype(np.float32), np.zeros((1, len(LABELS)), np.float32)])
        # one contiguous float64 row per label: gathering scalars per label and summing is about
        # 2.5 times faster than gathering (n, templates, labels) blocks
        self._weights_by_label = np.ascontiguousarray(self.weights.T.astype(np.float64))
        self.transitions = transitions.astype(np.float64)
        self._exp_t = np.ascontiguousarray(np.exp(self.transitions), dtype=np.float64)
        keys = np.asarray(keys, dtype=np.int64)
        self._missing = len(keys)
        # Templates whose values are small (characters, classes, buckets, word classes: all below
        # 2**14 for any input) are read from one direct-address array; only the bigram and
        # trigram templates go through the hash table.
        self._hashed = np.array(_HASHED_TEMPLATES)
        self._direct_cols = np.array([t for t in range(N_TEMPLATES) if t not in _HASHED_TEMPLATES])
        direct = np.full((N_TEMPLATES, 1 << _VBITS), self._missing, dtype=np.int64)
        tmpl, value = keys >> _TBITS, keys & ((1 << _TBITS) - 1)
        small = ~np.isin(tmpl, self._hashed)
        direct[tmpl[small], value[small]] = np.flatnonzero(small)
        self._direct = direct[self._direct_cols]
        self.table = _Table(keys[~small], np.flatnonzero(~small))
        self.vocab = build_vocab(chars)
        self.chars = chars
        self.lexicon = lexicon
        # build the lazy tables now, not during the first scan that needs the model
        _ = lexicon.words
        _char_classes()
        self.meta = meta or {}

    @classmethod
    def load(cls, folder: str | Path) -> NameTagger:
        """The model of ``folder`` (model.npz and meta.json); ValueError for a model built for
        other features."""
        folder = Path(folder)
        z = np.load(folder / "model.npz")
        version = int(z["feature_version"]) if "feature_version" in z.files else 1
        if version != FEATURE_VERSION:
            raise ValueError(f"{folder}: the model was built for feature version {version}, this code computes "
                             f"version {FEATURE_VERSION}; rebuild it with models/build_name_tagger.py")
        chars = list(str(z["chars"]))
        meta = {}
        if (folder / "meta.json").is_file():
            import json

            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return cls(z["keys"], z["weights"], z["transitions"], chars, Lexicon.from_arrays(z), meta)

    def features(self, text: str) -> np.ndarray:
        """:func:`feature_keys` of ``text`` with this model's vocabulary and lexicon."""
        return feature_keys(text, self.vocab, self.lexicon)

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """Row of each feature key in the weights (the last row, all zeros, for an unknown one)."""
        rows = np.empty(keys.shape, dtype=np.int64)
        small = keys[:, self._direct_cols] & ((1 << _TBITS) - 1)
        rows[:, self._direct_cols] = self._direct[np.arange(len(self._direct_cols)), small]
        rows[:, self._hashed] = self.table.lookup(keys[:, self._hashed], self._missing)
        return rows

    def emissions(self, text: str) -> np.ndarray:
        """(len(text), labels) emission scores: the summed weights of each character's features."""
        rows = self.rows(self.features(text))
        return np.stack([w[rows].sum(axis=1) for w in self._weights_by_label], axis=1)

    def probabilities(self, text: str) -> np.ndarray:
        """P(character is part of a name) for every character (float64, len(text)): exact
        forward-backward marginals; the messages are computed block-wise over the 5x5 transfer
        matrices (about 2*sqrt(len) array steps instead of one per character)."""
        n = len(text)
        if n == 0:
            return np.zeros(0)
        em = self.emissions(text)
        w = np.exp(em - em.max(axis=1, keepdims=True))  # per-character scale: cancels in the marginals
        if _fb_marginals is not None:  # the forward-backward in C, one step a character (scanner/_speedups.c)
            post = np.empty_like(w)
            _fb_marginals(w, self._exp_t, post, n, w.shape[1])
            return np.clip(1.0 - post[:, 0], 0.0, 1.0)
        return self._probabilities_numpy(w)

    def _probabilities_numpy(self, w: np.ndarray) -> np.ndarray:
        """:meth:`probabilities` from ``w`` (exp of the emissions) in NumPy, block-wise: the
        reference of the compiled ``fb_marginals`` and what runs without the extension."""
        n = len(w)
        m = self._exp_t[None, :, :] * w[:, None, :]       # m[t][i, j] = exp(T[i, j] + e[t, j])
        m[0] = 0.0
        m[0, 0] = w[0]                                    # row 0 starts the path (no start transition)
        start = np.zeros(len(LABELS))
        start[0] = 1.0
        alpha = _vector_scan(start, m)                    # alpha[t] ∝ e0 @ m[0] @ ... @ m[t]
        beta = np.ones((n, len(LABELS)))
        if n > 1:  # beta[t-1] ∝ (m[t] @ ... @ m[n-1] @ 1), as row vectors over the transposes
            beta[:-1] = _vector_scan(np.ones(len(LABELS)), m[:0:-1].transpose(0, 2, 1))[::-1]
        post = alpha * beta
        post /= post.sum(axis=1, keepdims=True)
        return np.clip(1.0 - post[:, 0], 0.0, 1.0)


def _vector_scan(v0: np.ndarray, mats: np.ndarray) -> np.ndarray:
    """``v0 @ mats[0] @ ... @ mats[k]`` for every k, each row scaled by an arbitrary positive
    factor (which the marginals do not see). Blocked: the sequence is cut into about sqrt(n)
    blocks of about sqrt(n) matrices; the prefix products inside all blocks advance together
    (one batched matrix product per position in a block), then the vector crosses the blocks one
    block total at a time, and one batched vector-matrix product gives every position. That is
    about 2*sqrt(n) array steps and n matrix products, against log2(n) steps and n*log2(n)
    products for a full parallel scan."""
    n, k = mats.shape[0], mats.shape[1]
    size = max(4, math.isqrt(n))
    blocks = -(-n // size)
    q = np.empty((blocks * size, k, k))
    q[:n] = mats
    q[n:] = np.eye(k)  # padding: identities change nothing
    q = q.reshape(blocks, size, k, k)
    for j in range(1, size):
        prod = np.matmul(q[:, j - 1], q[:, j])
        prod /= prod.reshape(blocks, -1).max(axis=1)[:, None, None]
        q[:, j] = prod
    entry = np.empty((blocks, k))
    v = v0 / v0.max()
    for b in range(blocks):
        entry[b] = v
        v = v @ q[b, size - 1]
        v /= v.max()
    return np.einsum("bi,bjil->bjl", entry, q).reshape(blocks * size, k)[:n]


WORD_CLASSES = {_W_NONE: None, _W_WORD: "word", _W_NR: "nr", _W_NRT: "nrt", _W_NS: "ns", _W_NT: "nt"}


def word_class(lex: Lexicon, word: str) -> str | None:
    """The class of ``word`` (2-4 characters) in jieba's dictionary as the lexicon stores it:
    ``word``, ``nr`` (a person), ``nrt`` (a transliterated person), ``ns`` (a place), ``nt`` (an
    organisation or other proper noun), or None when it is not there."""
    if not 2 <= len(word) <= 4:
        return None
    # (the hash of :func:`_word_classes` and the probe of :meth:`_Table.lookup` on one key, in
    # Python integers: a dozen NumPy calls less for a word the name detectors ask about one at a time)
    acc = 0
    for ch in word:
        acc = (acc * _FNV + ord(ch)) & _M64
    key = (_HASH_BASE_INT[len(word)] + acc) & _M64  # (the int64 key, as its uint64 bits)
    table = lex.words
    pos = ((key * _MUL_INT) & _M64) >> int(table.shift)
    slots = table.slots
    key = key - (1 << 64) if key >> 63 else key
    while True:
        got = int(slots[pos])
        if got == key:
            return WORD_CLASSES[int(lex.word_cls[int(table.rows[pos])])]
        if got == _EMPTY:
            return WORD_CLASSES[_W_NONE]
        pos = (pos + 1) & table.mask


def runs(p: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Half-open spans of the runs of characters whose name probability is at least ``threshold``."""
    on = p >= threshold
    if not on.any():
        return []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on.astype(np.int8), [0]))))
    return [(int(a), int(b)) for a, b in zip(edges[0::2], edges[1::2])]


@lru_cache(maxsize=1)
def load_tagger() -> NameTagger | None:
    """The shipped tagger (cached), or None when the model folder is missing."""
    path = model_path()
    if not path:
        return None
    from .compiled import code_key, memo

    key = code_key(f"feature_version={FEATURE_VERSION}", *sorted(p for p in Path(path).iterdir() if p.is_file()))
    return memo("name_tagger", key, lambda: NameTagger.load(path))
