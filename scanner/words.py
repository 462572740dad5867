"""jieba's dictionary for the whole process: word frequencies and dictionary segmentation.

The data is jieba's own ``dict.txt`` (the package ``jieba``, MIT), read through **jieba-fast-dat**
(a C++ double-array trie with jieba's algorithm): jieba itself unmarshals a prefix dictionary of
~600,000 Python objects at start-up (0.7–1.3 s here), the double array loads from its cache file in
about 0.03 s and answers ``get_freq`` and ``cut(HMM=False)`` exactly as jieba does with the same
dictionary (tested on the official corpora and the PII set). jieba-fast-dat ships a larger
dictionary of its own (with traditional forms); we load jieba's, so segmentation and frequencies
stay what the rules were written and measured against.

The compiled trie is cached under :func:`scanner.cache.cache_dir` (keyed by the dictionary's path
and size; rebuilt when it changes); a cache that cannot be written only costs the build time.
"""
from __future__ import annotations

import hashlib
import importlib.util
import logging
from functools import lru_cache
from pathlib import Path
from typing import Iterator

__all__ = ["jieba_dict_path", "tokenizer", "word_freq", "cut"]


def jieba_dict_path() -> Path:
    """jieba's ``dict.txt``, found without importing jieba (its import costs 0.25 s: pkg_resources)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the jieba package is not installed (pip install jieba)")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


@lru_cache(maxsize=1)
def tokenizer():
    """The process's one jieba-fast-dat tokenizer over jieba's dictionary (thread-safe, read-only)."""
    from jieba_fast_dat import Tokenizer

    from .cache import cache_dir

    for name in ("jieba_fast_dat", "jieba"):
        logging.getLogger(name).setLevel(logging.WARNING)
    path = jieba_dict_path()
    st = path.stat()
    key = hashlib.sha256(f"{path}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    tk = Tokenizer(str(path))
    folder = cache_dir()
    if folder is not None:
        tk.cache_file = str(folder / f"jieba_dict.{key}.dat")
    tk.check_initialized()
    return tk


_FREQ: dict[str, int] = {}  # asked words: the same few thousand come back in every post
_FREQ_MAX = 200_000


def word_freq(word: str) -> int:
    """The frequency of ``word`` in jieba's dictionary, 0 when it is not a word."""
    f = _FREQ.get(word)
    if f is None:
        f = tokenizer().get_freq(word)
        if len(_FREQ) < _FREQ_MAX:
            _FREQ[word] = f
    return f


def cut(text: str) -> Iterator[str]:
    """jieba's dictionary segmentation of ``text`` (``cut(HMM=False)``)."""
    return tokenizer().cut(text, HMM=False)
