"""What the service adds to a scan result: UTF-16 offsets, dismissal fingerprints, the findings
cap, and the answer with the reviewers' dismissals applied."""
from __future__ import annotations

import bisect
import re
from typing import Any, Callable, Mapping

from scanner import Scanner
from scanner.model import SEVERITY_RANK

from .store import fingerprint

__all__ = ["enrich", "cap_findings", "present", "redact_text", "display_text"]

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _utf16_of(text: str) -> Callable[[int], int]:
    """Code-point offset → UTF-16 offset (JavaScript string index)."""
    # no character outside the BMP iff UTF-16 takes two bytes a character: ~2 µs for a 2,000-character
    # post, where max(text) took 80 µs (a one-character string per character)
    if len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text):
        return lambda i: i
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    return lambda i: i + bisect.bisect_left(astral, i)


def enrich(result_dict: dict[str, Any], text: str, doc_key: str) -> dict[str, Any]:
    """Add what the service adds to each finding: UTF-16 offsets and the dismissal fingerprint."""
    findings = result_dict["findings"]
    if findings:
        u16 = _utf16_of(text)
        for f in findings:
            f["utf16_start"] = u16(f["start"])
            f["utf16_end"] = u16(f["end"])
            f["fingerprint"] = fingerprint(doc_key, f["rule"], f["text"])
    return result_dict


def cap_findings(result: dict[str, Any], limit: int) -> None:
    """Keep at most ``limit`` findings, the most severe first (then in text order), and say how
    many were left out in ``truncated``: a 0.6 MB draft of 机密★ repeated must not come back as
    45 MB of JSON, nor be stored as such. The verdict stays the one of every finding."""
    findings = result["findings"]
    if len(findings) <= limit:
        return
    keep = sorted(range(len(findings)), key=lambda i: (-SEVERITY_RANK[findings[i]["severity"]], i))[:limit]
    result["findings"] = [findings[i] for i in sorted(keep)]
    result["truncated"] = len(findings) - limit


def _verdict(findings: list[dict[str, Any]]) -> str:
    worst = -1
    for f in findings:
        worst = max(worst, SEVERITY_RANK[f["severity"]])
    return "pass" if worst < 1 else ("block" if worst == 2 else "review")


def present(raw: dict[str, Any], dismissals: Mapping[str, Mapping[str, Any]], scan_id: str | None) -> dict[str, Any]:
    """The answer for a stored raw result: dismissed findings move to ``suppressed``; the verdict
    counts only the others (SPEC section 1: unsuppressed findings)."""
    findings, suppressed = [], []
    for f in raw["findings"]:
        d = dismissals.get(f.get("fingerprint", "")) if dismissals else None
        if d is None:
            findings.append(f)
        else:
            suppressed.append({**f, "dismissal": {"reason": d.get("reason"), "reviewer": d.get("reviewer"),
                                                  "at": d.get("created_at")}})
    out = {"id": raw["id"], "verdict": _verdict(findings) if suppressed else raw["verdict"], "findings": findings,
           "lexicon_version": raw["lexicon_version"], "suppressed": suppressed}
    if raw.get("truncated"):
        out["truncated"] = raw["truncated"]
    if "file" in raw:
        out["file"] = raw["file"]
    if scan_id is not None:
        out["scan_id"] = scan_id
        out["review_url"] = f"/review/{scan_id}"
    return out


def redact_text(sc: Scanner, text: str, deadline: float | None = None) -> tuple[str, list[dict[str, Any]]]:
    """The library's redaction (:meth:`Scanner.redaction`) and the list of what it masked: offsets
    into the original, type, rule, replacement."""
    masked, done = sc.redaction(text, deadline=deadline)
    return masked, [{"start": f.start, "end": f.end, "type": f.type, "rule": f.rule, "replacement": f.suggestion}
                    for f in done]


def display_text(f: Mapping[str, Any]) -> str:
    """What the audit record shows of a matched value: personal data stays masked."""
    if f.get("category") == "personal_data":
        return f.get("suggestion") or "*" * len(f.get("text", ""))
    return f.get("text", "")
