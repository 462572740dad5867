"""Integrity of benchmarks/data/drafts_eval2.jsonl (the second, blind drafts set), not the scanner's score."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data" / "drafts_eval2.jsonl"
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
#: SPEC.md section 1: type -> default severity (kept here, not imported from the scanner).
SPEC_TYPES = {
    "id_card": "block", "passport": "block", "travel_permit": "block", "bank_card": "block",
    "mobile_phone": "review", "landline": "info", "email": "review", "licence_plate": "review",
    "vin": "review", "social_account": "review", "address": "review", "person_name": "info",
    "sensitive_personal_info": "block", "classification_mark": "block", "internal_marker": "block",
    "draft_marker": "review", "secret_topic": "review", "credential": "block", "bid_secret": "block",
    "trade_secret": "review", "political_term": "block", "key_term_misspelling": "block",
    "needs_quotes": "review", "banned_term": "review", "outdated_term": "review",
    "prohibited_content": "block", "advertising_absolute": "info",
}


def _recs():
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_records_well_formed():
    recs = _recs()
    assert 150 <= len(recs) <= 200
    ids = [r["id"] for r in recs]
    assert len(set(ids)) == len(ids)
    for r in recs:
        assert set(r) == {"id", "text", "expect", "gold", "note", "split"}, r["id"]
        assert r["split"] == "heldout", r["id"]
        assert 50 <= len(r["text"]) <= 700, r["id"]
        assert r["expect"] in ("block", "review", "pass"), r["id"]
        assert r["note"], r["id"]
        assert (r["expect"] == "pass") == (not r["gold"]), r["id"]
    neg = sum(1 for r in recs if r["expect"] == "pass")
    assert 0.3 <= neg / len(recs) <= 0.5


def test_gold_offsets_and_types():
    for r in _recs():
        last = -1
        for s, e, t in r["gold"]:
            assert 0 <= s < e <= len(r["text"]), r["id"]
            assert s >= last, r["id"]  # in order, not overlapping
            last = e
            assert t in SPEC_TYPES, (r["id"], t)
            assert r["text"][s:e].strip() == r["text"][s:e], (r["id"], r["text"][s:e])
            assert "⟦" not in r["text"] and "⟧" not in r["text"]


def test_expect_is_the_most_severe_gold_default():
    rank = {"info": 0, "review": 1, "block": 2}
    for r in _recs():
        want = "pass"
        for _, _, t in r["gold"]:
            sev = "review" if t == "person_name" else SPEC_TYPES[t]  # a name next to a leaked identifier
            if sev != "info" and (want == "pass" or rank[sev] > rank[want]):
                want = sev
        assert r["expect"] == want, r["id"]


def test_identifiers_valid_and_masked_ones_not_gold():
    n_id = n_card = 0
    for r in _recs():
        t = r["text"]
        for s, e, ty in r["gold"]:
            v = t[s:e]
            if ty == "id_card":
                assert re.fullmatch(r"\d{17}[\dX]", v), (r["id"], v)
                assert "10X98765432"[sum(int(c) * w for c, w in zip(v, W)) % 11] == v[-1], (r["id"], v)
                n_id += 1
            if ty == "bank_card":
                d = [int(c) for c in v][::-1]
                assert sum(x if i % 2 == 0 else (x * 2 - 9 if x > 4 else x * 2) for i, x in enumerate(d)) % 10 == 0
                n_card += 1
        for m in re.finditer(r"\d{3,6}\*{4,10}\d{3,4}", t):  # masked values are never gold
            assert not any(s < m.end() and m.start() < e for s, e, _ in r["gold"]), (r["id"], m.group())
    assert n_id >= 10 and n_card >= 3


def test_builder_reproduces_the_file():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from drafts_eval2_build import build
        from drafts_eval2_texts import DRAFTS
    finally:
        sys.path.pop(0)
    assert build(DRAFTS) == _recs()
