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

__all__ = ["compile", "save"]

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
