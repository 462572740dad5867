"""The real official texts in ../shared/data that the benchmarks read (never copied here)."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator

#: (key, Chinese label, path under shared/data, field holding the text)
OFFICIAL_CORPORA = (
    ("xwlb", "新闻联播", "corpus-xwlb-cctv/xwlb_items_2022_2024.jsonl", "text"),
    ("reports", "政府工作报告", "corpus-gov-work-reports/government_work_reports.jsonl", "content"),
    ("cpc", "党代会报告", "corpus-gov-work-reports/cpc_congress_reports.jsonl", "content"),
    ("policies", "国务院政策文件", "corpus-govcn-policies-2019/govcn_policies_2019.jsonl", "text"),
)


def official_records(data: Path) -> Iterator[tuple[str, str, int, dict, str]]:
    """Yield (key, label, index, record, text) for every official text; exit with a message when
    the data is absent."""
    for key, label, rel, field in OFFICIAL_CORPORA:
        path = Path(data) / rel
        if not path.exists():
            sys.exit(f"missing {path}: pass --data pointing at shared/data")
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f):
                obj = json.loads(line)
                yield key, label, i, obj, obj[field]


def speed_posts(records) -> list[str]:
    """The speed table's 400 posts of 2,000 characters: consecutive slices of the 新闻联播
    transcripts among ``records`` (:func:`official_records`), not datelined news."""
    news = "\n".join(r[4] for r in records if r[0] == "xwlb")
    step = max(2000, (len(news) - 2000) // 400)
    return [news[i:i + 2000] for i in range(0, len(news) - 2000, step)][:400]
