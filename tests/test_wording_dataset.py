"""The labelled wording set of benchmarks/wording_dataset.py is deterministic and its spans are exact."""
from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GEN_PATH = REPO / "benchmarks" / "wording_dataset.py"


def _load_generator():
    spec = importlib.util.spec_from_file_location("wording_dataset", GEN_PATH)
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("wording_dataset", mod)
    spec.loader.exec_module(mod)
    return mod


gen = _load_generator()


def _dump(recs):
    return "\n".join(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in recs)


def test_same_seed_same_bytes_other_seed_differs():
    a, b = gen.build(7), gen.build(7)
    assert _dump(a) == _dump(b)
    assert _dump(gen.build(8)) != _dump(a)


def test_gold_spans_index_the_text_exactly():
    recs = gen.build(7)
    for r in recs:
        for s in r["spans"]:
            written = r["text"][s["start"]:s["end"]]
            assert 0 <= s["start"] < s["end"] <= len(r["text"]), r["id"]
            assert s["type"] in gen.TYPES and s["type"] in s["accept"]
            if s["form"] == "plain":
                assert written == s["term"], (r["id"], written, s["term"])
            else:
                assert written, r["id"]
        for n in r["negatives"]:
            if n["end"] > n["start"]:
                assert 0 <= n["start"] < n["end"] <= len(r["text"])


def test_sizes_and_coverage():
    recs = gen.build(7)
    per_type = Counter(s["type"] for r in recs for s in r["spans"])
    assert sum(per_type.values()) >= 1500
    assert set(per_type) == set(gen.TYPES)
    assert sum(r["kind"] == "negative" for r in recs) >= 500
    forms = Counter(s["form"] for r in recs for s in r["spans"])
    for f in ("traditional", "fullwidth", "noise", "zerowidth"):
        assert forms[f] > 0
    assert all(r["kind"] == "negative" or r["spans"] for r in recs)


def test_carriers_are_not_copied_from_the_examples_files():
    examples = set()
    for p in (REPO / "lexicons").rglob("*.examples.tsv"):
        for line in p.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) >= 3:
                examples.add(parts[2])
    assert not any(r["text"] in examples for r in gen.build(7))
