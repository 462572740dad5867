"""Normalisation views that defeat the usual disguises while keeping offsets exact.

Three views of one input text are built in one compiled pass over the text's code points
(scanner/_speedups.c, :func:`build_views`), or with NumPy lookups where the extension was not
compiled (:func:`build_views_numpy`, the reference); no per-character Python loop either way:

``norm``
    Same length as the input. One lookup table maps full-width forms to ASCII, upper to lower
    case, styled letters and digits (mathematical alphanumerics, circled letters) to plain ASCII,
    and traditional to simplified characters (OpenCC's character table, without the characters
    that are also standard simplified ones such as 乾 or 於). Circled and parenthesised numbers
    (①, ⑴) and Chinese numerals (一二三) are deliberately *not* digits: they number list items.
``vis``
    ``norm`` without invisible characters (zero-width spaces and joiners, direction controls,
    soft hyphen, BOM). Pattern detectors (ID numbers, phones, marks) run here.
``dense``
    ``norm`` without any noise character and with repeated characters collapsed: the view the
    lexicon automaton runs on (issue 16's disguise views, all in NumPy; number styles and the
    other disguises of a term are variants compiled into the same automaton, :mod:`scanner.disguise`):

    * noise: invisible characters, whitespace and the symbols people insert between the
      characters of a term (``赌*博``, ``赌★博``, ``赌♥博``: ASCII symbols and every Unicode symbol
      of the categories So, Sm, Sk, such as ★ ♥ ※ → × ○ □ and emoji). Separators (，。、；：！？)
      quotation marks and brackets (“”《》「」（）【】) are not noise: they separate words and
      carry quotation and draft marks (a term written 法，轮，功 is a variant of its own,
      :mod:`scanner.disguise`);
    * repeats: a run of one Han character counts once (``赌赌博博`` → ``赌博``), in terms too.

``vis_map`` and ``dense_map`` give, for each index of the view, its index in the original text
(``None`` when the view is identical to ``norm``); ``dense_emap`` the end (exclusive) in the
original text of each dense character, which differs from ``dense_map + 1`` only when a repeat
was collapsed (else ``None``). :meth:`Views.dense_span` maps a view span back.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (NumPy loads only where the compiled extension is missing: ~80 ms of start-up)
    from collections.abc import Sequence

    import numpy as np

__all__ = [
    "Views",
    "build_views",
    "normalize",
    "dense",
    "INVISIBLE_CHARS",
    "NOISE_SYMBOLS",
    "is_noise",
    "dense_runs",
    "in_script_of",
    "DIGIT_FOLD",
    "SEPARATORS",
]

_MAX_CP = 0x110000

#: Invisible format characters: removed in the ``vis`` and ``dense`` views.
INVISIBLE_CHARS = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e"
    + "".join(map(chr, range(0x200B, 0x2010)))  # zero-width space .. RLM
    + "".join(map(chr, range(0x202A, 0x202F)))  # embeddings and overrides
    + "".join(map(chr, range(0x2060, 0x2070)))  # word joiner .. invisible operators, isolates
    + "\u3164\ufeff\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))  # variation selectors
)
#: ASCII symbols (after width folding) and the middle dots (· • ‧ ・: the name separators of simplified,
#: traditional and Japanese text, ･ its half width) treated as noise between the characters of a term.
#: Not noise: ( ) [ ] { } " ' which carry brackets or quotation.
NOISE_SYMBOLS = "*#@~^_|\\/-+=.·•‧・･`$%&<>"
#: Separators are NOT noise (a term never matches across 豪赌，博弈); a term written with one
#: separator between every character (法，轮，功) is a variant of its own (scanner.disguise).
SEPARATORS = "，。、；：！？…,.;:!?"
#: Symbol categories whose characters are noise (★ ♥ ※ → ×, emoji …).
_SYMBOL_CATEGORIES = ("So", "Sm", "Sk")
_KEEP_OUT_OF_NOISE = "\"'“”‘’「」『』《》〈〉（）()【】〔〕［］[]{}｛｝"


def _digit_forms() -> dict[int, int]:
    """Every single-character way of writing one digit -> the ASCII digit (the dense view's fold)."""
    out: dict[int, int] = {}
    rows = ["〇一二三四五六七八九", "零壹贰叁肆伍陆柒捌玖", "⓪①②③④⑤⑥⑦⑧⑨", " ⑴⑵⑶⑷⑸⑹⑺⑻⑼",
            " ⒈⒉⒊⒋⒌⒍⒎⒏⒐", "⓿❶❷❸❹❺❻❼❽❾", " ➀➁➂➃➄➅➆➇➈", " ➊➋➌➍➎➏➐➑➒", " ⓵⓶⓷⓸⓹⓺⓻⓼⓽",
            " ㈠㈡㈢㈣㈤㈥㈦㈧㈨", " ㊀㊁㊂㊃㊄㊅㊆㊇㊈", "⁰¹²³⁴⁵⁶⁷⁸⁹", "₀₁₂₃₄₅₆₇₈₉", " ⅠⅡⅢⅣⅤⅥⅦⅧⅨ",
            " ⅰⅱⅲⅳⅴⅵⅶⅷⅸ", "０１２３４５６７８９"]
    for row in rows:
        for d, ch in enumerate(row):
            if ch != " ":
                out[ord(ch)] = ord("0") + d
    return out  # traditional capitals (貳 陸) fold through the traditional->simplified table first


#: str.translate table: a digit written in any style -> ASCII digit (also for the digit detectors)
DIGIT_FOLD = _digit_forms()


@lru_cache(maxsize=1)
def _opencc_t2s() -> dict[int, int]:
    """Single-character traditional -> simplified pairs from OpenCC's tables.

    A traditional character that is itself a standard simplified character (乾, 於, 徵 …) is left
    alone, so that normalising simplified text never changes it.
    """
    import opencc  # opencc-python-reimplemented ships OpenCC's dictionaries as text files

    folder = os.path.join(os.path.dirname(opencc.__file__), "dictionary")
    ts: dict[str, list[str]] = {}
    with open(os.path.join(folder, "TSCharacters.txt"), encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            ts[k] = v.split(" ")
    simplified_valid: set[str] = {x for v in ts.values() for x in v}
    with open(os.path.join(folder, "STCharacters.txt"), encoding="utf-8") as f:
        for line in f:
            simplified_valid.add(line.partition("\t")[0])
    out: dict[int, int] = {}
    for k, v in ts.items():
        target = v[0]
        if len(k) == 1 and len(target) == 1 and k != target and k not in simplified_valid:
            out[ord(k)] = ord(target)
    # Valid simplified characters only in rare senses (the surname 於, 夥颐, the note 徵, 剋扣
    # variants): in running text they are traditional forms, and folding them matters more.
    out.update({ord("於"): ord("于"), ord("夥"): ord("伙"), ord("徵"): ord("征"), ord("剋"): ord("克")})
    return out


def _styled_to_ascii() -> dict[int, int]:
    """Styled letters and digits whose NFKC form is one ASCII letter or digit."""
    out: dict[int, int] = {}
    ranges = [
        (0xFF10, 0xFF1A),  # full-width digits (also covered by the width fold)
        (0x1D400, 0x1D800),  # mathematical alphanumeric symbols (𝐀 𝟏 …)
        (0x24B6, 0x24EA),  # circled Latin letters Ⓐ..ⓩ (circled *numbers* stay)
        (0x1F130, 0x1F18A),  # squared / negative squared / circled capital letters
        (0x2100, 0x2150),  # letterlike symbols (ℍ ℕ ℙ …)
    ]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            n = unicodedata.normalize("NFKC", ch)
            if len(n) == 1 and n.isascii() and n.isalnum():
                out[cp] = ord(n.lower())
    return out


@lru_cache(maxsize=1)
def _raw_tables() -> tuple[bytes, bytes, bytes]:
    """(norm lookup table as uint32, invisible mask, noise mask of a character's normalised form
    as one byte each; all indexed by original code points) as bytes, from the compiled cache when
    an earlier process built them with the same code: the compiled extension reads them as they
    are, without NumPy."""
    from .compiled import code_key, memo

    return memo("norm_tables", code_key(), lambda: tuple(t.tobytes() for t in _build_tables()))


@lru_cache(maxsize=1)
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_raw_tables` as read-only NumPy arrays (the NumPy reference path)."""
    import numpy as np

    lut, invisible, noise = _raw_tables()
    return np.frombuffer(lut, np.uint32), np.frombuffer(invisible, bool), np.frombuffer(noise, bool)


def _build_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    import numpy as np

    lut = np.arange(_MAX_CP, dtype=np.uint32)
    # Full-width ASCII forms and the ideographic space.
    lut[0xFF01:0xFF5F] = np.arange(0x21, 0x7F, dtype=np.uint32)
    lut[0x3000] = 0x20
    # Lower case, for the scripts that appear in Chinese posts (Latin, Greek, Cyrillic).
    for lo, hi in ((0x41, 0x250), (0x370, 0x530), (0x1E00, 0x2000)):
        for cp in range(lo, hi):
            low = chr(cp).lower()
            if len(low) == 1 and low != chr(cp):
                lut[cp] = ord(low)
    for src, dst in _styled_to_ascii().items():
        lut[src] = dst
    # Full-width capitals fold to lower-case ASCII too.
    for cp in range(0xFF21, 0xFF3B):
        lut[cp] = cp - 0xFF21 + 0x61
    for src, dst in _opencc_t2s().items():
        lut[src] = dst
    # Lone surrogates (possible in a Python str, never valid text) become U+FFFD so that every
    # view can be handed to the matcher, which needs valid UTF-8.
    lut[0xD800:0xE000] = 0xFFFD

    invisible = np.zeros(_MAX_CP, dtype=bool)
    invisible[[ord(c) for c in INVISIBLE_CHARS]] = True

    noise = invisible.copy()
    for cp in range(0x3001):  # every Unicode whitespace up to the ideographic space
        if chr(cp).isspace():
            noise[cp] = True
    for cp in range(0x80, 0x30000):
        if unicodedata.category(chr(cp)) in _SYMBOL_CATEGORIES:
            noise[cp] = True
    noise[ord("※")] = True
    noise[[ord(c) for c in _KEEP_OUT_OF_NOISE]] = False
    noise[[ord(c) for c in NOISE_SYMBOLS]] = True
    noise[0xFFFD] = False

    # over ORIGINAL code points: the noise mask of a character's normalised form
    noise = noise[lut]
    for t in (lut, invisible, noise):
        t.setflags(write=False)
    return lut, invisible, noise


def warm_up() -> None:
    """Build the lookup tables now (about 0.1 s) instead of on the first scan."""
    _raw_tables()
    build_views("")  # (loads the compiled extension's tables)
    _traditional()  # (the simplified-to-traditional converter, 60 ms, loads on the first traditional draft)


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    """The traditional characters the views fold to simplified ones (from the compiled cache:
    reading OpenCC's tables took ~20 ms of every start)."""
    from .compiled import code_key, memo

    return memo("traditional", code_key(), lambda: frozenset(map(chr, _opencc_t2s())))


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=1)
def _variant_pairs() -> frozenset[tuple[str, str]]:
    """Pairs of traditional characters that are forms of one character in different standards
    (OpenCC's TWVariants and HKVariants, both ways: 臺/台, 羣/群, 裏/裡): the writer's form of the pair
    is the one a suggestion keeps (台灣總統 → 台灣地區領導人, not 臺灣地區領導人)."""
    import opencc

    folder = os.path.join(os.path.dirname(opencc.__file__), "dictionary")
    out: set[tuple[str, str]] = set()
    for name in ("TWVariants.txt", "TWVariantsRev.txt", "HKVariants.txt", "HKVariantsRev.txt"):
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                k, _, v = line.rstrip("\n").partition("\t")
                if len(k) == 1:
                    for x in v.split(" "):
                        if len(x) == 1 and x != k:
                            out.update(((k, x), (x, k)))
    return frozenset(out)


def in_script_of(suggestion: str | None, written: str) -> str | None:
    """``suggestion`` (lexicons are written in simplified characters) in the script of ``written``,
    the matched text: OpenCC's simplified-to-traditional conversion when ``written`` has
    traditional characters (臺灣總統 → 臺灣地區領導人; 尖閣諸島 → 釣魚島及其附屬島嶼), else unchanged. Where
    the writer used another standard's form of a converted character (台 for 臺, 群 for 羣), the
    suggestion keeps the writer's form (台灣總統 → 台灣地區領導人), and a character the writer wrote
    simplified stays simplified (国家主習 → 国家主席: a text of both scripts)."""
    if not suggestion or _traditional().isdisjoint(written):
        return suggestion
    conv = _s2t().convert(suggestion)
    if len(conv) != len(suggestion):
        return conv
    fold = _opencc_t2s()
    own = {chr(fold.get(ord(c), ord(c))): c for c in written}
    pairs = _variant_pairs()
    out = []
    for s, t in zip(suggestion, conv):
        base = chr(fold.get(ord(s), ord(s)))
        w = own.get(base)
        # (the writer's simplified character stays simplified in a text of both scripts: 国家主習 → 国家主席)
        out.append(w if w is not None and (w == base or (t, w) in pairs) else t)
    return "".join(out)


def _decode(cps: np.ndarray) -> str:
    return cps.tobytes().decode("utf-32-le", "surrogatepass")


def _codepoints(text: str) -> np.ndarray:
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def normalize(text: str) -> str:
    """The length-preserving ``norm`` view of ``text``."""
    f = _fold()
    return f(text, 0) if f is not None else _normalize_numpy(text)


def _normalize_numpy(text: str) -> str:
    return _decode(_tables()[0][_codepoints(text)])


@lru_cache(maxsize=1)
def _count_nonzero():
    """NumPy's C count_nonzero: np.count_nonzero is a Python wrapper costing ~1 µs a call, and a
    scan calls it four times whatever the text's length (ndarray.any() costs ~4 µs)."""
    try:
        from numpy._core._multiarray_umath import count_nonzero
    except ImportError:  # pragma: no cover - numpy < 2
        from numpy import count_nonzero
    return count_nonzero


def _collapse(d: np.ndarray) -> np.ndarray | None:
    """Indexes of ``d`` to keep when every run of one character from U+3400 up (Han) counts once
    (None: all). Digits and Latin letters never collapse: 1100, kkk."""
    if len(d) < 2:
        return None
    import numpy as np

    nonzero = _count_nonzero()
    tail = d[1:]
    eq = tail == d[:-1]
    if not nonzero(eq):
        return None
    eq &= tail >= 0x3400
    if not nonzero(eq):
        return None
    keep = np.empty(len(d), dtype=bool)
    keep[0] = True
    np.logical_not(eq, out=keep[1:])
    return keep.nonzero()[0]


def _dense_cps(text: str) -> np.ndarray:
    """The code points of ``text`` normalised, noise removed."""
    lut, _, noise = _tables()
    c = _codepoints(text)
    return lut[c[~noise[c]]]


def dense(text: str) -> str:
    """``text`` as the lexicon automaton sees it (how terms are compiled): normalised, noise
    removed, repeated Han characters collapsed."""
    f = _fold()
    return f(text, 2) if f is not None else _dense_numpy(text)


def _dense_numpy(text: str) -> str:
    d = _dense_cps(text)
    keep = _collapse(d)
    return _decode(d if keep is None else d[keep])


def dense_runs(text: str) -> str:
    """:func:`dense` without collapsing repeats (a term whose repeat is its point: 省省委, 回回)."""
    f = _fold()
    return f(text, 1) if f is not None else _decode(_dense_cps(text))


def is_noise(ch: str) -> bool:
    return bool(_raw_tables()[2][ord(ch)])


@dataclass(frozen=True, slots=True)
class Views:
    """The views of one text (see the module docstring)."""

    text: str
    norm: str
    vis: str
    vis_map: Sequence[int] | None
    dense: str
    dense_map: Sequence[int] | None
    dense_emap: Sequence[int] | None = None

    def vis_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``vis`` to the original text."""
        m = self.vis_map
        if m is None:
            return start, end
        return int(m[start]), int(m[end - 1]) + 1

    def dense_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of ``dense`` to the original text."""
        m = self.dense_map
        if m is None:
            return start, end
        if self.dense_emap is not None:
            return int(m[start]), int(self.dense_emap[end - 1])
        return int(m[start]), int(m[end - 1]) + 1


def _speedups():
    """The compiled one-pass views (scanner/_speedups.c) with the tables loaded, or None: the
    extension is built at install time when a C compiler is there, else the NumPy
    :func:`build_views_numpy` runs (the same views; tests/test_speedups.py). ``GOVSCAN_PURE=1``
    forces the NumPy path."""
    from . import speedups

    set_tables = speedups.get("set_tables")
    if set_tables is None:
        return None
    set_tables(*_raw_tables())
    return speedups.get("views")


@lru_cache(maxsize=1)
def _fold():
    """The compiled ``fold`` (normalize, dense_runs and dense of a short string) with the tables
    loaded, or None (the NumPy versions)."""
    from . import speedups

    return speedups.get("fold") if _speedups() is not None else None


_UNSET = object()
_sp = _UNSET  # the extension once loaded (None: the NumPy path)


def build_views(text: str) -> Views:
    """The views of ``text`` (the module docstring), in one compiled pass when the extension is
    installed (about 3× the NumPy path on 640-character texts, whose fixed cost a call is most of
    the time)."""
    global _sp
    sp = _sp
    if sp is _UNSET:
        sp = _sp = _speedups()
    if sp is None:
        return build_views_numpy(text)
    norm, vis, vis_map, dense_, dense_map, dense_emap = sp(text)
    # the maps as int64 memoryviews (indexing, len and bisect; np.asarray() reads them without a
    # copy where NumPy is wanted)
    if vis is None:
        vis = norm
    else:
        vis_map = memoryview(vis_map).cast("q")
    if dense_ is None:
        dense_ = norm
    else:
        dense_map = memoryview(dense_map).cast("q")
        if dense_emap is not None:
            dense_emap = memoryview(dense_emap).cast("q")
    return Views(text, norm, vis, vis_map, dense_, dense_map, dense_emap)


def build_views_numpy(text: str) -> Views:
    """:func:`build_views` in NumPy: the reference, and the path without the compiled extension."""
    # (ndarray.take, not fancy indexing: the same lookup with less overhead a call, which is
    # most of the cost for a post of a few hundred characters)
    import numpy as np

    nonzero = _count_nonzero()
    lut, invisible, noise = _tables()
    cps = _codepoints(text)
    ncps = lut.take(cps)
    norm = _decode(ncps)

    inv = invisible.take(cps)
    if nonzero(inv):
        vis_map = (~inv).nonzero()[0]
        vis = _decode(ncps.take(vis_map))
    else:
        vis_map = None
        vis = norm

    nz = noise.take(cps)
    if nonzero(nz):
        dense_map = (~nz).nonzero()[0]
        d = ncps.take(dense_map)
    else:
        dense_map = None
        d = ncps
    dense_emap = None
    runs = _collapse(d)
    if runs is None:
        dense_text = norm if dense_map is None else _decode(d)
    else:
        full = dense_map if dense_map is not None else np.arange(len(d))
        last = np.empty(len(runs), dtype=np.int64)
        last[:-1] = runs[1:]
        last[-1] = len(d)
        dense_emap = full.take(last - 1) + 1
        dense_map = full.take(runs)
        dense_text = _decode(d.take(runs))
    return Views(text, norm, vis, vis_map, dense_text, dense_map, dense_emap)
