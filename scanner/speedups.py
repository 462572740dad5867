"""The optional C speedups (scanner/_speedups.c, compiled at install by hatch_build.py).

Each compiled function has a Python reference beside its caller, which runs when the extension
was not built (no C compiler at install) or when ``GOVSCAN_PURE=1``; tests/test_speedups.py checks
that both give the same results."""
from __future__ import annotations

import os


def get(name: str):
    """The compiled function ``name``, or None (then the caller's Python reference runs)."""
    if os.environ.get("GOVSCAN_PURE"):
        return None
    try:
        from . import _speedups
    except ImportError:
        return None
    return getattr(_speedups, name, None)  # (None: an extension compiled from an older source; reinstall)


def class_runs_py(text: str, table: bytes, min_len: int) -> list[tuple[int, int]]:
    """The reference of the compiled ``class_runs`` (tests/test_speedups.py compares them; the
    callers use their own pattern when the extension is missing, not this loop): the maximal runs
    of characters whose ``table`` values are non-zero, ``min_len`` long at least and holding one
    whose value is 2, as (start, end) pairs."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if not table[ord(text[i])]:
            i += 1
            continue
        start, marked = i, False
        while i < n and table[ord(text[i])]:
            marked |= table[ord(text[i])] == 2
            i += 1
        if marked and i - start >= min_len:
            out.append((start, i))
    return out


def class_table(classes: dict[str, int]) -> bytes:
    """A table for the compiled gates (``has_run``, ``has_pair``): one byte per code point, the
    value of the characters of each string in ``classes`` (OR-ed where a character is in several)."""
    t = bytearray(0x110000)
    for chars, value in classes.items():
        for c in chars:
            t[ord(c)] |= value
    return bytes(t)
