"""Precision on the real official texts in ../shared/data (skipped when absent).

Government work reports, CPC congress reports, State Council documents and 新闻联播 transcripts
are what correct official text looks like: a scanner that blocks them would be switched off.
Every block finding on them was read (benchmarks/bench_scan.py --list) and either kept as true
or fixed; these bounds keep it that way.
"""
from collections import Counter

import pytest

from tests.conftest import official_texts


@pytest.fixture(scope="module")
def findings(scanner):
    texts = official_texts()
    chars = sum(len(t) for _, t in texts)
    out = []
    for ident, text in texts:
        for f in scanner.scan(text).findings:
            out.append((ident, f))
    return chars, out


def test_no_block_findings_on_recent_official_news(findings):
    chars, fs = findings
    blocks = [(i, f.rule, f.text) for i, f in fs if f.severity == "block" and i.startswith(("xwlb", "policy"))]
    assert blocks == []


def test_block_findings_on_all_official_texts_are_rare(findings):
    chars, fs = findings
    blocks = [(i, f.rule, f.text) for i, f in fs if f.severity == "block"]
    # historical reports (1954–1993) may legitimately use wording that is wrong today
    assert len(blocks) / (chars / 1e6) < 1.0, blocks[:20]


def test_personal_data_review_or_block_under_2_per_million_chars(findings):
    chars, fs = findings
    pd = [(i, f.type, f.text) for i, f in fs if f.category == "personal_data" and f.severity != "info"]
    assert len(pd) / (chars / 1e6) < 2.0, pd[:20]


def test_review_findings_on_recent_news_are_rare(findings):
    chars, fs = findings
    news_chars = sum(len(t) for i, t in official_texts() if i.startswith("xwlb"))
    review = Counter(f.rule for i, f in fs if f.severity == "review" and i.startswith("xwlb"))
    assert sum(review.values()) / (news_chars / 1e6) < 5.0, review.most_common(10)
