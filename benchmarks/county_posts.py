"""Scan the hand-written county posts (benchmarks/data/county_posts.tsv) and list every block/review finding.

The posts were written for this review (h16z, twelfth session) from what county government accounts
publish every day, in domains where sensitive vocabulary appears legitimately. They are all meant
to pass; every block or review finding is a false alarm to read. A post of several lines writes its
line breaks as ``\\n``.

    PYTHONPATH=. python benchmarks/county_posts.py [--json OUT]
"""
import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scanner import Scanner  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "county_posts.tsv"


def posts():
    rows = DATA.read_text(encoding="utf-8").splitlines()[1:]
    # a post of several lines writes its line breaks as \\n
    return [(d, x.replace("\\n", "\n")) for d, x in (r.split("\t", 1) for r in rows if r.strip())]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--json")
    args = ap.parse_args()
    s = Scanner()
    by_dom = collections.Counter()
    alarm_dom = collections.Counter()
    out = []
    for dom, text in posts():
        by_dom[dom] += 1
        r = s.scan(text)
        hits = [f for f in r.findings if f.severity in ("block", "review")]
        if hits:
            alarm_dom[dom] += 1
        for f in hits:
            print(f"{dom}\t{f.severity}\t{f.rule}\t{f.text}\t{text}".replace("\n", "\\n"))
            out.append({"domain": dom, "text": text, "hit": f.text, "rule": f.rule, "severity": f.severity})
    print("posts:", sum(by_dom.values()), "with an alarm:", sum(alarm_dom.values()))
    for d in by_dom:
        print(f"  {d}: {alarm_dom[d]}/{by_dom[d]}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
