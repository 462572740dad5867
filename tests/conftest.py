from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE_LEX = Path(__file__).resolve().parent / "fixtures" / "lex"
SHARED = Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def fixture_scanner():
    from scanner import Scanner

    return Scanner(bundled_lexicons=False, lexicon_dirs=[str(FIXTURE_LEX)])


@pytest.fixture(scope="session")
def scanner():
    from scanner import Scanner

    return Scanner()


def scanner_cmd() -> list[str]:
    """The installed console script next to this interpreter, or the module as a fallback."""
    exe = Path(sys.executable).with_name("scanner")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "scanner.cli"]


def official_texts(limit: int | None = None) -> list[tuple[str, str]]:
    """(id, text) of the real official texts in ../shared/data; skips the test when absent."""
    sources = [
        ("xwlb", DATA / "corpus-xwlb-cctv" / "xwlb_items_2022_2024.jsonl", "text"),
        ("report", DATA / "corpus-gov-work-reports" / "government_work_reports.jsonl", "content"),
        ("cpc", DATA / "corpus-gov-work-reports" / "cpc_congress_reports.jsonl", "content"),
        ("policy", DATA / "corpus-govcn-policies-2019" / "govcn_policies_2019.jsonl", "text"),
    ]
    if not all(p.exists() for _, p, _ in sources):
        pytest.skip(f"official texts not found under {DATA}")
    out = []
    for name, path, field in sources:
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f):
                out.append((f"{name}-{i}", json.loads(line)[field]))
    return out[:limit] if limit else out
