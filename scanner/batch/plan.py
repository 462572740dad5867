"""``--changed-since``: which records a new lexicon can change.

:func:`plan_changed_since` compares the lexicon entries (and the settings and code fingerprints,
see fingerprint.py) of the previous run with the current ones and names the keys of the entries
added, removed or modified; in the workers, :class:`KeyMatcher` tells whether a record's text
contains one of them (if not, and the text is unchanged, the record keeps its previous result).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["ChangePlan", "KeyMatcher", "plan_changed_since"]


@dataclass(frozen=True)
class ChangePlan:
    keys: tuple[str, ...] | None  # None: re-scan everything
    summary: str


def plan_changed_since(prev_meta: dict[str, str], prev_rows: Sequence[tuple[str, str, str]],
                       cur_rows: Sequence[tuple[str, str, str]], cur_config_fp: str, cur_engine_fp: str) -> ChangePlan:
    """Which records can the current lexicon change, compared with the previous run?

    A lexicon entry can change a result only where its key occurs in the text (its dense,
    normalised view is what the automaton reads): so a record whose text is unchanged and
    contains none of the keys of the entries added, removed or modified (deny or allow) keeps its
    result. That holds only when everything else is the same: the scanner's settings and code.
    """
    if not prev_rows:
        return ChangePlan(None, "the previous results do not record their lexicon entries, so what changed "
                                "cannot be known: re-scanning everything")
    if prev_meta.get("config_fp") != cur_config_fp:
        return ChangePlan(None, "the scanner settings (detectors, severity overrides, disabled rules or matcher) "
                                "differ from the previous run, so any record can change: re-scanning everything")
    if prev_meta.get("engine_fp") != cur_engine_fp:
        why = ("the previous run was continued after the scanner code changed" if prev_meta.get("engine_fp") == "mixed"
               else "the scanner code or its libraries changed since the previous run (detectors, normalisation "
                    "or extraction may report differently)")
        return ChangePlan(None, f"{why}, so any record can change: re-scanning everything")
    prev = {fp: (rule, key) for fp, rule, key in prev_rows}
    cur = {fp: (rule, key) for fp, rule, key in cur_rows}
    gone = set(prev) - set(cur)
    new = set(cur) - set(prev)
    gone_rules = {prev[fp][0] for fp in gone}
    new_rules = {cur[fp][0] for fp in new}
    changed = gone_rules & new_rules
    added = new_rules - changed
    removed = gone_rules - changed
    keys = tuple(sorted({prev[fp][1] for fp in gone} | {cur[fp][1] for fp in new}))
    if not keys:
        return ChangePlan((), "no lexicon entry changed: every unchanged record keeps its result")

    def show(rules: set[str]) -> str:
        r = sorted(rules)
        return ", ".join(r[:5]) + (f" … (+{len(r) - 5})" if len(r) > 5 else "")

    parts = [f"{n} {what} ({show(s)})" for n, what, s in
             ((len(added), "added", added), (len(removed), "removed", removed), (len(changed), "changed", changed)) if n]
    return ChangePlan(keys, f"{'; '.join(parts)} rule(s), {len(keys)} term(s): re-scanning records that contain "
                            "one of them, are new or whose text changed; the others keep their result")


class KeyMatcher:
    """Does a text contain one of the changed keys (in its dense view, as the automaton reads it)?"""

    def __init__(self, keys: Sequence[str]):
        import daachorse

        self._pma = daachorse.CharwiseDoubleArrayAhoCorasick(list(keys)) if keys else None

    def touches(self, text: str) -> bool:
        if self._pma is None:
            return False
        from ..normalize import dense

        return bool(self._pma.find(dense(text)))
