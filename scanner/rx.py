"""Regular expressions a new process does not compile again.

Python compiles a character class over a CJK range (``[\\u4e00-\\u9fff]``) by walking the range in
Python, 1–5 ms a pattern: the scanner's ~150 patterns took ~0.2 s of every start (a CLI run, each
service or rescan worker). :func:`compile` keeps what the compiler produced (the SRE code, its
flags and groups) in the cache folder (:mod:`scanner.compiled`, kind ``regex``), keyed by the
Python build and the regex engine's ``MAGIC``, and gives it to ``_sre.compile``, the last step of
``re.compile``. The result is an ordinary :class:`re.Pattern`, equal (``==`` compares the code) to
what ``re.compile`` returns; tests check every cached pattern that way. Where the interpreter's
internals are not the ones this was written for, or anything fails, it is ``re.compile``.
"""
from __future__ import annotations

import hashlib
import re
import sys

__all__ = ["compile", "save", "first_chars"]

try:  # CPython 3.11+: re._parser / re._compiler (sre_parse / sre_compile before)
    import _sre
    from re import _compiler as _rc
    from re import _parser as _rp

    _OK = sys.implementation.name == "cpython" and sys.version_info[:2] >= (3, 11) and hasattr(_rc, "_code")
except ImportError:  # pragma: no cover - other interpreters
    _OK = False

_KEY = hashlib.sha256(f"{sys.version}|{getattr(_sre, 'MAGIC', 0) if _OK else 0}|1".encode()).hexdigest()[:32]
_known: dict[tuple[str, int], tuple] | None = None  # loaded on first use
_new: dict[tuple[str, int], tuple] = {}
_used: set[tuple[str, int]] = set()  # cached patterns this process asked for
#: a cache holding more patterns than this keeps only those of the process that writes it (a
#: pattern built in a different order in every process would otherwise grow it without end)
MAX_PATTERNS = 2000
compiled_here = 0  # patterns this process compiled itself (not from the cache)


def _load() -> dict:
    from . import compiled

    got = compiled.load(_KEY, "regex")
    return got if isinstance(got, dict) else {}


def _compile_code(pattern: str, flags: int) -> tuple:
    """``re._compiler.compile`` up to the call of ``_sre.compile``: its arguments after the pattern."""
    p = _rp.parse(pattern, flags)
    code = list(map(int, _rc._code(p, flags)))  # (opcodes are int subclasses that refuse pickling)
    groupindex = p.state.groupdict
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return flags | p.state.flags, code, p.state.groups - 1, dict(groupindex), tuple(indexgroup)


def compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from the code cached by an earlier process when there is one."""
    global _known, compiled_here
    if not _OK or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    flags = int(flags)
    if _known is None:
        _known = _load()
    key = (pattern, flags)
    args = _known.get(key) or _new.get(key)
    if args is not None:
        try:
            got = _sre.compile(pattern, *args)
            _used.add(key)
            return got
        except Exception:  # noqa: BLE001 - a stale or foreign cache entry: compile it anew
            _known.pop(key, None)
    try:
        args = _compile_code(pattern, flags)
        compiled_ = _sre.compile(pattern, *args)
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals not as expected: the public way
        return re.compile(pattern, flags)
    _new[key] = args
    compiled_here += 1
    return compiled_


def save() -> None:
    """Write the patterns compiled in this process but not yet cached (a no-op when none were)."""
    global _known
    if not _new or not _OK:
        return
    from . import compiled

    merged = {**(_known or {}), **_load(), **_new}
    if len(merged) > MAX_PATTERNS:
        merged = {k: v for k, v in merged.items() if k in _used or k in _new}
    try:
        stored = compiled.store(_KEY, merged, "regex")
    except Exception:  # noqa: BLE001 - a cache that cannot be written never fails a scanner
        return
    if stored is not None:
        _known = merged
        _new.clear()


def first_chars(pattern: str, flags: int = 0, limit: int = 400) -> str | None:
    """A character class (what goes between ``[`` and ``]``) holding every character a match of
    ``pattern`` can start with, or None when that is not worked out here or holds more than
    ``limit`` characters: a match may be empty, or start with a category (``\\d``), ``.``, a negated
    class or a back-reference, or the flags fold case. ``(?=[…])(?:pattern)`` then finds exactly
    the matches of ``pattern``; the engine tries a pattern that opens on optional groups at every
    position, and the look-ahead turns most of them away with one class test."""
    if not _OK or flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        got = _first(_rp.parse(pattern, flags))
    except Exception:  # noqa: BLE001 - parser internals not as expected: no look-ahead
        return None
    if got is None or got[1]:
        return None
    spans = sorted(set(got[0]))
    if sum(b - a + 1 for a, b in spans) > limit:
        return None
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans)


def _first(items) -> tuple[list[tuple[int, int]], bool] | None:
    """(ranges of the characters a match of the parsed ``items`` can start with, whether it can
    be empty), or None where an item is not one of the kinds read here."""
    out: list[tuple[int, int]] = []
    repeats = (_rp.MAX_REPEAT, _rp.MIN_REPEAT, getattr(_rp, "POSSESSIVE_REPEAT", _rp.MAX_REPEAT))
    for op, av in items:
        if op is _rp.LITERAL:
            out.append((av, av))
            return out, False
        if op is _rp.IN:
            for o, a in av:
                if o is _rp.LITERAL:
                    out.append((a, a))
                elif o is _rp.RANGE:
                    out.append(a)
                else:
                    return None  # NEGATE, CATEGORY
            return out, False
        if op is _rp.SUBPATTERN or op in repeats or op is _rp.BRANCH:
            subs = [av[-1]] if op is _rp.SUBPATTERN else av[-1:] if op in repeats else av[1]
            empty = False
            for sub in subs:
                got = _first(sub)
                if got is None:
                    return None
                out += got[0]
                empty |= got[1]
            if op in repeats and av[0] == 0:
                empty = True
            if not empty:
                return out, False
            continue  # (it can match nothing: what follows can start the match too)
        if op in (_rp.ASSERT, _rp.ASSERT_NOT, _rp.AT):
            continue  # zero-width
        return None  # ANY, NOT_LITERAL, GROUPREF, ATOMIC_GROUP …
    return out, True
