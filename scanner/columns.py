"""Columns that load in one piece and open an item only when it is read (the compiled cache).

A warm start loads the matcher from the compiled cache (scanner/compiled.py). Unpickled as tuples,
its 7,000 rows' entries and the 53,000 disguised spellings' strings cost ~90 ms of every start
(benchmarks/README.md "Start-up"), while a scan reads a few dozen of them. Packed here, each column
is one bytes (or str) object and an offsets array: loading it is a copy, and the item is built the
first time the matcher finds it.

    col = PackedColumn(entries_per_key)   # items pickled one by one at build time
    col[17]                               # unpickled on first read, then cached
    StrColumn(("赌博", "博彩"))[1]        # '博彩', a slice of one joined string
"""
from __future__ import annotations

import pickle
from array import array
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import Any

__all__ = ["PackedColumn", "StrColumn"]


def _offsets(lengths: Iterable[int]) -> array:
    return array("Q", accumulate(lengths, initial=0))


def _index(col: Sequence, i: int) -> int:
    """``i`` as an index into ``col`` (negative from the end), or IndexError."""
    n = len(col)
    if i < 0:
        i += n
    if not 0 <= i < n:
        raise IndexError(f"{type(col).__name__} index out of range")
    return i


def _same_items(a: Sequence, b: object) -> bool:
    """Equality with any sequence of the same items (a tuple built fresh equals its packed copy)."""
    if not isinstance(b, Sequence) or isinstance(b, (str, bytes)):
        return NotImplemented
    return len(a) == len(b) and all(x == y for x, y in zip(a, b))


class PackedColumn(Sequence):
    """A sequence of picklable items stored pickled, each unpickled (once) when first read.

    Thread-safe: two threads may unpickle the same item; ``dict.setdefault`` keeps one of the
    equal results, so every reader of an index gets the same object."""

    __slots__ = ("_blob", "_offsets", "_cache")

    def __init__(self, items: Iterable[Any] = ()) -> None:
        parts = [pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL) for x in items]
        self._blob = memoryview(b"".join(parts))
        self._offsets = _offsets(map(len, parts))
        self._cache: dict[int, Any] = {}

    @classmethod
    def _load(cls, blob: bytes, offsets: array) -> "PackedColumn":
        self = cls.__new__(cls)
        self._blob, self._offsets, self._cache = memoryview(blob), offsets, {}
        return self

    def __reduce__(self):
        return PackedColumn._load, (self._blob.tobytes(), self._offsets)

    __eq__ = _same_items
    __hash__ = None  # type: ignore[assignment]

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> Any:  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        got = self._cache.get(i)
        if got is not None:
            return got
        i = _index(self, i)
        off = self._offsets
        return self._cache.setdefault(i, pickle.loads(self._blob[off[i]:off[i + 1]]))


class StrColumn(Sequence):
    """A sequence of strings kept as one joined string and their offsets."""

    __slots__ = ("_joined", "_offsets")

    def __init__(self, items: Iterable[str] = ()) -> None:
        items = list(items)
        self._joined = "".join(items)
        self._offsets = _offsets(map(len, items))

    @classmethod
    def _load(cls, joined: str, offsets: array) -> "StrColumn":
        self = cls.__new__(cls)
        self._joined, self._offsets = joined, offsets
        return self

    def __reduce__(self):
        return StrColumn._load, (self._joined, self._offsets)

    __eq__ = _same_items
    __hash__ = None  # type: ignore[assignment]

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = _index(self, i)
        return self._joined[self._offsets[i]:self._offsets[i + 1]]
