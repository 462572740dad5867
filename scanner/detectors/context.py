"""Context words by character window (Chinese has no spaces, so no token windows)."""
from __future__ import annotations

__all__ = ["near", "sentence_around"]


def near(v: str, s: int, e: int, words: tuple[str, ...], before: int, after: int = 0) -> bool:
    """True when one of ``words`` occurs in ``v[s - before:e + after]`` (the span included)."""
    win = v[max(0, s - before):e + after]
    return any(w in win for w in words)


def sentence_around(d: str, s: int, e: int, before: int, after: int, ends: str = "。!?") -> str:
    """The sentence around ``d[s:e]`` (a character of ``ends`` bounds it), at most ``before``
    characters before and ``after`` after, without ``d[s:e]`` itself (尚未公布 is the cue, not news
    of a publication); a tab joins the two sides."""
    a = max(0, s - before)
    k = max(d.rfind(c, a, s) for c in ends)
    if k >= 0:
        a = k + 1
    b = min(len(d), e + after)
    for c in ends:
        j = d.find(c, e, b)
        if j >= 0:
            b = j
    return d[a:s] + "\t" + d[e:b]
