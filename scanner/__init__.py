"""govscan: a pre-publication content-safety scanner for Chinese government new media.

The public API is exactly ``__all__`` (pinned by ``tests/test_public_api.py``)::

    from scanner import Scanner
    result = Scanner().scan("……", id="post-17")
    result.verdict            # "block" | "review" | "pass"
    result.to_dict()          # SPEC.md section 3
"""
from __future__ import annotations

from .config import ScannerConfig
from .core import Scanner
from .errors import ConfigError, InputError, LexiconError, ScannerError, ScanTimeout
from .lexicon import bundled_lexicon_dir, load_lexicons
from .model import CATEGORY_OF, SEVERITIES, TYPES, Finding, ScanResult, verdict_of
from .textio import decode_bytes, read_text


def redact(text: str, scanner: "Scanner | None" = None) -> str:
    """``text`` with every personal-data finding masked (see :meth:`Scanner.redact`).

    Without a ``scanner`` a personal-data-only scanner is built once and reused."""
    return (scanner or _default_redactor()).redact(text)


_REDACTOR: "Scanner | None" = None


def _default_redactor() -> "Scanner":
    global _REDACTOR
    if _REDACTOR is None:
        _REDACTOR = Scanner(detectors=["personal_data"], bundled_lexicons=False)
    return _REDACTOR

__version__ = "0.1.0"

__all__ = [
    "Scanner",
    "ScannerConfig",
    "ScanResult",
    "Finding",
    "TYPES",
    "CATEGORY_OF",
    "SEVERITIES",
    "verdict_of",
    "redact",
    "load_lexicons",
    "bundled_lexicon_dir",
    "read_text",
    "decode_bytes",
    "ScannerError",
    "ConfigError",
    "LexiconError",
    "InputError",
    "ScanTimeout",
    "__version__",
]
