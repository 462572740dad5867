"""Context words by character window (Chinese has no spaces, so no token windows)."""
from __future__ import annotations

__all__ = ["near"]


def near(v: str, s: int, e: int, words: tuple[str, ...], before: int, after: int = 0) -> bool:
    """True when one of ``words`` occurs in ``v[s - before:e + after]`` (the span included)."""
    win = v[max(0, s - before):e + after]
    return any(w in win for w in words)
