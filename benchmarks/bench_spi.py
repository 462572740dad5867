#!/usr/bin/env python3
"""Sensitive personal information (个人信息保护法 第二十八条) on a labelled set of free-text sentences.

The set is benchmarks/data/spi_phrasings.tsv: for eight families (health and disability, minors
under 14, criminal and administrative records, religion, biometrics, financial, whereabouts,
sexual orientation and private life) at least 40 phrasings of a private person with a sensitive
attribute, names before and after the attribute, written before the detector's attribute rows
(scanner/data/sensitive_attributes.tsv), plus hard negatives: the attribute with no person, an
anonymised name (张某, 李某某, 小雨（化名）), an official doing their job, a public figure, a
private name with no sensitive attribute.

Each template is filled with a name from NAME_POOL chosen by a hash of the template, and every
positive template also yields an *anonymised* negative (the same sentence with 巫某某 / 巫某 /
小峰（化名） in place of the name). The split is a fixed hash of the template (split_of): the
detector was developed on ``dev`` only; ``test`` is the held-out half.

Scoring, per positive sentence: *whole* = one sensitive_personal_info finding covers the name and
every marked attribute span; *name* = a sensitive_personal_info finding overlaps the name. A hard
negative *alarms* when any sensitive_personal_info finding is reported on it.

usage: python benchmarks/bench_spi.py [--split dev|test|all] [--examples N] [--json OUT]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "spi_phrasings.tsv"
FRESH = HERE / "data" / "spi_fresh.tsv"  # a later, wholly held-out set (--split fresh)
FAMILIES = ("health", "minor", "criminal", "religion", "biometric", "financial", "whereabouts", "private")
TARGET_RECALL = 0.95
TARGET_ALARMS = 0.02

# Private persons' names: common and rare surnames, compound surnames, two to four characters,
# names of minorities without a Han surname. None is a public figure.
NAME_POOL = (
    "巫海峰", "覃秀梅", "欧阳志远", "韦小燕", "蒙德才", "谌立群", "阙美华", "卢俊杰", "黄梓涵", "扎西顿珠",
    "王建军", "李桂兰", "张欣怡", "刘洋", "陈思远", "杨文斌", "赵玉珍", "周子轩", "吴春花", "徐国强",
    "孙丽娟", "马金宝", "胡晓峰", "郭素芬", "何志明", "罗雪梅", "梁家豪", "宋佳琪", "郑永福", "谢婉婷",
    "韩冬生", "冯秀英", "邓立新", "曹雨涵", "彭德明", "曾凡荣", "田小龙", "潘美玲", "蒋春燕", "司马俊峰",
    "阿依古丽", "岑国栋", "莫小琴", "农秀兰", "廖振华", "龙小雨", "伍家辉", "黎海燕", "钟志坚", "包玉英",
)
_MARK = re.compile(r"⟦([^⟧]*)⟧")


def split_of(template: str) -> str:
    """``dev`` or ``test``, by a fixed hash of the template (never by how the scanner scores it)."""
    return "dev" if hashlib.sha1(template.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def _pick(template: str, salt: str, pool) -> str:
    return pool[int.from_bytes(hashlib.sha1((salt + template).encode("utf-8")).digest()[:4], "big") % len(pool)]


def anonymised_forms(name: str) -> tuple[str, ...]:
    sur = name[:2] if name[:2] in ("欧阳", "司马") else name[0]
    if len(name) == 4 and sur == name[0]:  # 扎西顿珠, 阿依古丽: no Han surname
        return ("某某", name[:2] + "（化名）")
    return (sur + "某", sur + "某某", "小" + name[-1] + "（化名）")


def fill(template: str, name: str) -> tuple[str, tuple[int, int] | None, list[tuple[int, int]]]:
    """The text of a template with ``name`` for {N}, the name's span and the attribute spans."""
    text, attrs, name_span = "", [], None
    pos = 0
    for m in re.finditer(r"⟦([^⟧]*)⟧|\{N\}", template):
        text += template[pos:m.start()]
        if m.group(0) == "{N}":
            name_span = (len(text), len(text) + len(name))
            text += name
        else:
            inner = m.group(1)
            if "{N}" in inner:  # ⟦采集了{N}的指纹⟧: the name inside the attribute
                a = len(text)
                k = inner.index("{N}")
                name_span = (a + k, a + k + len(name))
                inner = inner.replace("{N}", name)
            else:
                a = len(text)
            text += inner
            attrs.append((a, a + len(inner)))
        pos = m.end()
    text += template[pos:]
    return text, name_span, attrs


def load(path: Path = DATA, fixed_split: str | None = None) -> list[dict]:
    """Every labelled sentence: positives, the hard negatives of the file, and the anonymised
    negative made from each positive."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        family, kind, template = line.split("\t")
        split = fixed_split or split_of(template)
        name = _pick(template, "name:", NAME_POOL)
        if kind == "pos":
            text, nspan, attrs = fill(template, name)
            out.append({"family": family, "kind": kind, "split": split, "text": text, "name": nspan,
                        "attrs": attrs, "template": template})
            anon = _pick(template, "anon:", anonymised_forms(name))
            text, _, _ = fill(template, anon)
            out.append({"family": family, "kind": "anonymised_pos", "split": split, "text": text,
                        "template": template})
        else:
            out.append({"family": family, "kind": kind, "split": split, "text": _MARK.sub(r"\1", template),
                        "template": template})
    return out


def score(scanner, records: list[dict], examples: int = 0) -> dict:
    per = defaultdict(lambda: {"n": 0, "whole": 0, "name": 0})
    neg = defaultdict(lambda: {"n": 0, "alarms": 0})
    misses, alarms = [], []
    t0 = time.perf_counter()
    for r in records:
        spi = [f for f in scanner.scan(r["text"]).findings if f.type == "sensitive_personal_info"]
        if r["kind"] == "pos":
            ns, ne = r["name"]
            lo = min([ns] + [a for a, _ in r["attrs"]])
            hi = max([ne] + [b for _, b in r["attrs"]])
            whole = any(f.start <= lo and f.end >= hi for f in spi)
            named = any(f.start < ne and f.end > ns for f in spi)
            for key in (r["family"], "all"):
                per[key]["n"] += 1
                per[key]["whole"] += whole
                per[key]["name"] += named
            if not whole:
                misses.append((r["family"], r["text"], [(f.text, f.severity) for f in spi]))
        else:
            hit = bool(spi)
            for key in (r["kind"], "all"):
                neg[key]["n"] += 1
                neg[key]["alarms"] += hit
            if hit:
                alarms.append((r["kind"], r["text"], [f.text for f in spi]))
    secs = time.perf_counter() - t0
    return {"families": dict(per), "negatives": dict(neg), "misses": misses, "alarms": alarms,
            "seconds": secs, "examples": examples}


def report(res: dict, split: str) -> bool:
    print(f"\nSensitive personal information — split {split} (whole = one finding covers name and attribute)")
    print(f"| family | sentences | recall whole | recall name | target |")
    print(f"|---|---:|---:|---:|---|")
    ok = True
    for fam in FAMILIES + ("all",):
        d = res["families"].get(fam)
        if not d:
            continue
        w, nm = d["whole"] / d["n"], d["name"] / d["n"]
        flag = "PASS" if w >= TARGET_RECALL else "FAIL"
        if fam == "all":
            ok &= w >= TARGET_RECALL
        print(f"| {'**all**' if fam == 'all' else fam} | {d['n']} | {w:.3f} | {nm:.3f} | {flag if fam == 'all' else ''} |")
    print(f"\n| hard negatives | sentences | alarms | rate |")
    print(f"|---|---:|---:|---:|")
    for kind in ("no_person", "anonymised", "anonymised_pos", "official", "public_figure", "plain", "all"):
        d = res["negatives"].get(kind)
        if not d:
            continue
        rate = d["alarms"] / d["n"]
        if kind == "all":
            ok &= rate <= TARGET_ALARMS
        print(f"| {kind} | {d['n']} | {d['alarms']} | {rate:.3f}{' ' + ('PASS' if rate <= TARGET_ALARMS else 'FAIL') if kind == 'all' else ''} |")
    n = res["examples"]
    if n:
        print("\nmisses:")
        for fam, text, got in res["misses"][:n]:
            print(f"  [{fam}] {text}  got={got}")
        print("alarms:")
        for kind, text, got in res["alarms"][:n]:
            print(f"  [{kind}] {text}  got={got}")
    print(f"\n{sum(d['n'] for k, d in res['families'].items() if k != 'all') + res['negatives'].get('all', {}).get('n', 0)}"
          f" sentences scanned in {res['seconds']:.2f} s")
    return ok


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "test", "all", "fresh"), default="test",
                    help="fresh: benchmarks/data/spi_fresh.tsv, written later and never developed on")
    ap.add_argument("--examples", type=int, default=0, help="misses and alarms listed at most")
    ap.add_argument("--json", help="write the numbers to this file")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(HERE.parent))
    from scanner import Scanner

    if a.split == "fresh":
        records = load(FRESH, "fresh")
    else:
        records = [r for r in load() if a.split == "all" or r["split"] == a.split]
    res = score(Scanner(), records, a.examples)
    ok = report(res, a.split)
    if a.json:
        Path(a.json).write_text(json.dumps({k: v for k, v in res.items()}, ensure_ascii=False, indent=1),
                                encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
