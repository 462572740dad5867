"""Fingerprints of what can change a re-scan's results: every lexicon entry, the scanner settings,
and the scanner's code, data and libraries.

The run records them in its results (``meta`` and ``lexicon_entries``, see store.py): a resumed
or repeated run compares them with the current ones (runner.py), and ``--changed-since`` compares
the entries one by one (plan.py).
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from ..config import ScannerConfig

__all__ = [
    "config_fingerprint",
    "engine_fingerprint",
    "entry_fingerprint",
    "fingerprint_files",
    "lexicon_hash",
    "lexicon_rows",
    "short_hash",
]


def short_hash(data: bytes, n: int = 16) -> str:
    """The hex BLAKE2b digest of ``data``, ``n`` bytes long (record texts, job tokens, entries)."""
    return hashlib.blake2b(data, digest_size=n).hexdigest()


def entry_fingerprint(e) -> str:
    """Everything in a lexicon entry that can change a scan result (not its file and line)."""
    o = e.options
    data = (e.id, e.term, e.key, e.category, e.type, e.severity, e.suggestion, e.basis, e.message,
            (o.word, list(o.ctx), list(o.nctx), o.window, o.quote, o.strict, o.ascii_word), e.variant_of)
    return short_hash(orjson.dumps(data), 12)


def lexicon_rows(scanner) -> list[tuple[str, str, str]]:
    """(fingerprint, rule id, key) of every entry the scanner loaded, and of every leaders row
    (its name as the key)."""
    seen: dict[str, tuple[str, str, str]] = {}
    for e in scanner.lexicons.entries:
        fp = entry_fingerprint(e)
        seen.setdefault(fp, (fp, e.id, e.key))
    for f in scanner.lexicons.files:  # a leaders row changes results only where its name is written
        for r in f.leaders:
            fp = short_hash(orjson.dumps((r.id, r.name, r.title, r.start, r.end)), 12)
            seen.setdefault(fp, (fp, r.id, r.name))
    return sorted(seen.values())


def lexicon_hash(rows: Iterable[tuple[str, str, str]]) -> str:
    return short_hash("\n".join(sorted(r[0] for r in rows)).encode())


def _jsonable(v: Any) -> Any:
    if isinstance(v, (set, frozenset)):
        return sorted(map(str, v))
    if isinstance(v, dict) or hasattr(v, "items"):
        return {str(k): v[k] for k in sorted(v, key=str)}
    return str(v)


def config_fingerprint(config: ScannerConfig) -> str:
    """Every scanner setting except which lexicon folders were loaded (their entries are compared
    one by one): detectors, severity overrides, disabled rules, matcher, and whatever else the
    config holds."""
    values = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)
              if f.name not in ("lexicon_dirs", "bundled_lexicons")}
    return orjson.dumps(values, default=_jsonable, option=orjson.OPT_SORT_KEYS).decode()


def fingerprint_files() -> list[tuple[str, Path]]:
    """(name, path) of every file whose content can change a result: the scanner's modules
    (normalisation, matcher, detectors, extraction), its data files (region codes, name parts …)
    and the person-name model."""
    import scanner
    from scanner.name_tagger import model_path

    root = Path(scanner.__file__).resolve().parent
    out = []
    for p in sorted(root.rglob("*.py")):
        rel = p.relative_to(root).as_posix()
        if rel.startswith(("batch/", "_bundled/")) or rel in ("cli.py", "spark.py", "__main__.py"):
            continue
        out.append((rel, p))
    out += [(p.relative_to(root).as_posix(), p) for p in sorted((root / "data").glob("*")) if p.is_file()]
    model = model_path()
    if model is not None:
        out += [(f"models/{model.name}/{p.name}", p) for p in sorted(model.iterdir()) if p.is_file()]
    return out


@functools.lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """The scanner's code, data and name model (:func:`fingerprint_files`) and the versions of
    the libraries it relies on."""
    from importlib import metadata

    h = hashlib.blake2b(digest_size=12)
    for rel, p in fingerprint_files():
        h.update(rel.encode() + b"\0" + p.read_bytes() + b"\0")
    for dist in ("jieba", "opencc-python-reimplemented", "daachorse", "pyahocorasick", "numpy", "rapidocr-onnxruntime",
                 "zxing-cpp", "pillow", "pypdfium2"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return h.hexdigest()
