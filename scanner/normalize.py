"""Normalisation views that defeat the usual disguises while keeping offsets exact.

Three views of one input text are built, all with NumPy lookups over the text's code points
(no per-character Python loop):

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
    ``norm`` without any noise character: invisible characters, whitespace and the symbols people
    insert between the characters of a term (``赌*博``, ``赌 博``, ``赌.博``). The lexicon automaton
    runs here. Chinese punctuation (，。、；：“”《》) is not noise: it separates words.

``vis_map`` and ``dense_map`` give, for each index of the view, its index in the original text
(``None`` when the view is identical to ``norm``); :meth:`Views.span` maps a view span back.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

__all__ = [
    "Views",
    "build_views",
    "normalize",
    "dense",
    "INVISIBLE_CHARS",
    "NOISE_SYMBOLS",
    "is_noise",
    "in_script_of",
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
#: ASCII symbols (after width folding) treated as noise between the characters of a term.
#: Not noise: , ; : ( ) [ ] { } < > ! ? " ' which carry sentence structure or quotation.
NOISE_SYMBOLS = "*#@~^_|\\/-+=.·•`$%&"


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
def _tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(norm lookup table, invisible mask, noise mask over normalised code points), from the
    compiled cache when an earlier process built them with the same code."""
    from .compiled import code_key, memo

    tables = memo("norm_tables", code_key(), _build_tables)
    for t in tables:
        t.setflags(write=False)
    return tables


def _build_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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
    noise[[ord(c) for c in NOISE_SYMBOLS]] = True
    lut.setflags(write=False)
    invisible.setflags(write=False)
    noise.setflags(write=False)
    return lut, invisible, noise


def warm_up() -> None:
    """Build the lookup tables now (about 0.1 s) instead of on the first scan."""
    _tables()
    _traditional()  # (the simplified-to-traditional converter, 60 ms, loads on the first traditional draft)


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    """The traditional characters the views fold to simplified ones."""
    return frozenset(map(chr, _opencc_t2s()))


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def in_script_of(suggestion: str | None, written: str) -> str | None:
    """``suggestion`` (lexicons are written in simplified characters) in the script of ``written``,
    the matched text: OpenCC's simplified-to-traditional conversion when ``written`` has
    traditional characters (臺灣總統 → 臺灣地區領導人), else unchanged."""
    if not suggestion or _traditional().isdisjoint(written):
        return suggestion
    return _s2t().convert(suggestion)


def _decode(cps: np.ndarray) -> str:
    return cps.tobytes().decode("utf-32-le", "surrogatepass")


def _codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def normalize(text: str) -> str:
    """The length-preserving ``norm`` view of ``text``."""
    lut, _, _ = _tables()
    return _decode(lut[_codepoints(text)])


def dense(text: str) -> str:
    """``text`` normalised, with every noise character removed (how lexicon terms are compiled)."""
    lut, _, noise = _tables()
    n = lut[_codepoints(text)]
    return _decode(n[~noise[n]])


def is_noise(ch: str) -> bool:
    lut, _, noise = _tables()
    return bool(noise[lut[ord(ch)]])


@dataclass(frozen=True, slots=True)
class Views:
    """The views of one text (see the module docstring)."""

    text: str
    norm: str
    vis: str
    vis_map: np.ndarray | None
    dense: str
    dense_map: np.ndarray | None

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
        return int(m[start]), int(m[end - 1]) + 1


def build_views(text: str) -> Views:
    lut, invisible, noise = _tables()
    cps = _codepoints(text)
    ncps = lut[cps]
    norm = _decode(ncps)

    inv = invisible[cps]
    if inv.any():
        keep = ~inv
        vis_map = np.flatnonzero(keep)
        vis = _decode(ncps[keep])
    else:
        vis_map = None
        vis = norm

    nz = noise[ncps]
    if nz.any():
        keep = ~nz
        dense_map = np.flatnonzero(keep)
        dense_text = _decode(ncps[keep])
    else:
        dense_map = None
        dense_text = norm
    return Views(text, norm, vis, vis_map, dense_text, dense_map)
