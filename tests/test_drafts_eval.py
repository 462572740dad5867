"""Integrity of benchmarks/data/drafts_eval.jsonl (the realistic drafts set), not the scanner's score."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from scanner.model import CATEGORY_OF, SEVERITIES

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "drafts_eval.jsonl"
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def _recs():
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_records_well_formed():
    recs = _recs()
    assert 180 <= len(recs) <= 230
    ids = [r["id"] for r in recs]
    assert len(set(ids)) == len(ids)
    for r in recs:
        assert set(r) == {"id", "text", "expect", "gold", "note", "split"}, r["id"]
        assert 80 <= len(r["text"]) <= 600, r["id"]
        assert r["expect"] in ("block", "review", "pass"), r["id"]
        assert r["note"], r["id"]
        assert (r["expect"] == "pass") == (not r["gold"]), r["id"]


def test_gold_offsets_and_types():
    for r in _recs():
        for s, e, t in r["gold"]:
            assert 0 <= s < e <= len(r["text"]), r["id"]
            assert t in CATEGORY_OF, (r["id"], t)
            assert r["text"][s:e].strip() == r["text"][s:e], (r["id"], r["text"][s:e])


def test_expect_is_the_most_severe_gold_default():
    sev = {"id_card": "block", "passport": "block", "travel_permit": "block", "bank_card": "block",
           "sensitive_personal_info": "block", "classification_mark": "block", "internal_marker": "block",
           "credential": "block", "bid_secret": "block", "political_term": "block",
           "key_term_misspelling": "block", "prohibited_content": "block"}
    for r in _recs():
        want = "pass"
        for _, _, t in r["gold"]:
            want = "block" if sev.get(t) == "block" else ("review" if want == "pass" else want)
        assert r["expect"] == want, r["id"]


def test_split_by_hash():
    for r in _recs():
        even = int(hashlib.sha256(r["id"].encode("utf-8")).hexdigest(), 16) % 2 == 0
        assert r["split"] == ("dev" if even else "heldout"), r["id"]


def test_id_card_check_digits():
    n = 0
    for r in _recs():
        for s, e, t in r["gold"]:
            if t != "id_card":
                continue
            v = r["text"][s:e]
            assert re.fullmatch(r"\d{17}[\dX]", v), (r["id"], v)
            assert "10X98765432"[sum(int(c) * w for c, w in zip(v[:17], W)) % 11] == v[17], (r["id"], v)
            n += 1
    assert n >= 10


def test_severities_known():
    assert set(SEVERITIES) >= {"block", "review", "info"}
