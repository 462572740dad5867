"""The scanner's exceptions.

    ScannerError
    ├── ConfigError          a configuration file or value is wrong
    ├── LexiconError         a lexicon, manifest or examples file cannot be loaded
    ├── InputError           input text cannot be read (encoding, type)
    └── ScanTimeout          a scan ran past the deadline its caller gave
"""
from __future__ import annotations

__all__ = ["ScannerError", "ConfigError", "LexiconError", "InputError", "ScanTimeout"]


class ScannerError(Exception):
    """Base class of every error the library raises on purpose."""


class ConfigError(ScannerError, ValueError):
    """A configuration file or value is invalid."""


class LexiconError(ScannerError):
    """A lexicon, its manifest or its examples cannot be loaded.

    ``problems`` lists every problem found (file:line: message), not just the first.
    """

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])

    def __str__(self) -> str:  # pragma: no cover - formatting only
        base = super().__str__()
        if not self.problems:
            return base
        shown = "\n  ".join(self.problems[:20])
        more = f"\n  … and {len(self.problems) - 20} more" if len(self.problems) > 20 else ""
        return f"{base}\n  {shown}{more}"


class InputError(ScannerError, ValueError):
    """Input text is of the wrong type or cannot be decoded."""


class ScanTimeout(ScannerError, TimeoutError):
    """A scan given a ``deadline`` (``time.monotonic()`` seconds) was still running at it. The
    deadline is checked between the scan's stages (lexicon, then each detector): every stage is
    linear in the text, so a scan stops soon after its deadline."""
