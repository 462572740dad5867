#!/usr/bin/env python3
"""The evaluation that cannot flatter (issue 16): main's scanner against this tree's, one run.

* the lexicon-independent set of benchmarks/disguise_dataset.py: recall per type and per disguise
  family, precision (a block/review finding of a scored type that overlaps no gold span of its
  category is a false alarm, on a hard negative or in a real carrier sentence), hard negatives
  with any such finding;
* the adapted disguise cases of two open-source filters' own test suites (PEER_CASES below), pass
  rate per family;
* alarms per million characters on the official texts (新闻联播, 政府工作报告, 党代会报告,
  国务院政策文件), block and review separately, for the secrets-and-wording categories;
* full-scan throughput of the official texts (MB/s, one core, best of --repeat), automaton size
  and Scanner() build time.

Each tree runs in its own subprocess (``PYTHONPATH=<tree>``), so the two scanners never share a
module. The baseline tree is a worktree of main: ``git worktree add --detach /tmp/gs-dis-base main``.

usage: python benchmarks/bench_disguise.py [--base /tmp/gs-dis-base] [--data DIR] [--examples N]
       [--list-alarms] [--repeat 3] [--json OUT] [--lexicon-dir FOLDER ...]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SCORED_CATEGORIES = ("state_secret", "commercial_secret", "improper_wording")
SCORED_TYPES_EXTRA = ("mobile_phone", "id_card")  # the digit detectors, for the number family
ACCEPT = {
    "political_term": {"political_term", "needs_quotes", "banned_term"},
    "needs_quotes": {"political_term", "needs_quotes", "banned_term"},
    "banned_term": {"banned_term", "political_term", "needs_quotes", "prohibited_content"},
    "prohibited_content": {"prohibited_content", "banned_term"},
    "key_term_misspelling": {"key_term_misspelling", "political_term"},
    "draft_marker": {"draft_marker", "internal_marker"},
    "secret_topic": {"secret_topic", "internal_marker"},
    "trade_secret": {"trade_secret", "bid_secret"},
    "bid_secret": {"bid_secret", "trade_secret"},
}

# ------------------------------------------------------------------ peers' test cases, adapted
HOUBB = "houbb/sensitive-word@1df1e6aec1c28934126ea9517b392090036ff4ba (src/test/java/com/github/houbb/sensitive/word/bs/)"
TOOLGOOD = "toolgood/ToolGood.Words@511e2e9d24f3290c63884c23024585d56421b482 (ToolGood.Words.Test/IllegalWords/IllegalWordsTest.cs, IssuesTest.cs@35243527)"
#: (peer, family, text with [gold] or no brackets for "must not hit", the peer test it adapts).
#: Adapted to our rows: a term we list (赌球, not 赌博, which anti-gambling news uses) in a sentence
#: its rule accepts (冰毒 next to a selling word such as 出售).
PEER_CASES: list[tuple[str, str, str, str]] = [
    # houbb SensitiveWordBsNumTest.ignoreNumStyleTest: "9⓿二肆⁹₈③⑸⒋➃㈤㊄" after 微信
    ("houbb", "num_style", "我的手机：[1⓷⁹①二叁肆⑤⑹⒎➇]", "SensitiveWordBsNumTest"),
    ("houbb", "num_style", "联系电话[一三八〇〇一三八〇〇〇]", "SensitiveWordBsNumTest"),
    ("houbb", "num_style", "联系电话[①③⑧⓪⓪①③⑧⓪⓪⓪]", "SensitiveWordBsNumTest"),
    ("houbb", "num_style", "手机号[❶❸❾❶❷❸❹❺❻❼❽]找我", "SensitiveWordBsNumTest"),
    ("houbb", "num_style", "电话：[壹叁玖壹贰叁肆伍陆柒捌]", "SensitiveWordBsNumTest"),
    ("houbb", "num_style", "身份证号[④④〇③〇⑤①⑨⑨⑤〇③②⑧③⑥⑥⑤]", "SensitiveWordBsNumTest"),
    # houbb SensitiveWordBsCNNumTest: 下三滥 / 下3滥 either way
    ("houbb", "cn_num", "最新[6合彩]开奖结果", "SensitiveWordBsCNNumTest"),
    ("houbb", "cn_num", "最新[⑥合彩]开奖结果", "SensitiveWordBsCNNumTest"),
    ("houbb", "cn_num", "寻找[1夜情]", "SensitiveWordBsCNNumTest"),
    ("houbb", "cn_num", "寻找[一夜情]", "SensitiveWordBsCNNumTest"),
    # houbb SensitiveWordBsRepeatTest: "ⒻⒻⒻfⓤuⓤ⒰cⓒ⒦"
    ("houbb", "repeat", "群里出售[冰冰冰毒毒]", "SensitiveWordBsRepeatTest"),
    ("houbb", "repeat", "提供[赌赌球球]平台", "SensitiveWordBsRepeatTest"),
    ("houbb", "repeat", "修炼[法法轮轮功功]", "SensitiveWordBsRepeatTest"),
    ("houbb", "repeat", "出售[仿仿真真枪]", "SensitiveWordBsRepeatTest"),
    # houbb SensitiveWordBsChineseTest: 五星紅旗
    ("houbb", "traditional", "出售[槍支彈藥]", "SensitiveWordBsChineseTest"),
    ("houbb", "traditional", "[臺灣總統]發表講話", "SensitiveWordBsChineseTest"),
    ("houbb", "traditional", "修煉[法輪功]", "SensitiveWordBsChineseTest"),
    ("houbb", "traditional", "[賭球]網站", "SensitiveWordBsChineseTest"),
    # houbb SensitiveWordBsIgnoreCharTest: 傻@冒，狗+东西; <p>傻逼</p>
    ("houbb", "ignore_char", "他骂人[傻@逼]", "SensitiveWordBsIgnoreCharTest"),
    ("houbb", "ignore_char", "出售[冰+毒]", "SensitiveWordBsIgnoreCharTest"),
    ("houbb", "ignore_char", "<p>[法轮功]</p>", "SensitiveWordBsIgnoreCharTest"),
    ("houbb", "ignore_char", "[六合%彩]网站", "SensitiveWordBsIgnoreCharTest"),
    # houbb SensitiveWordBsEnglishTest / ignoreWidthTest / ignoreCaseTest: Ⓕⓤc⒦, ｆｕｃｋ, fuCK
    ("houbb", "english_style", "网上的[ⓕⓐⓛⓤⓝⓖⓞⓝⓖ]", "SensitiveWordBsEnglishTest"),
    ("houbb", "english_style", "网上的[ｆａｌｕｎｇｏｎｇ]", "SensitiveWordBsTest.ignoreWidthTest"),
    ("houbb", "english_style", "网上的[FaLunGong]", "SensitiveWordBsTest.ignoreCaseTest"),
    ("houbb", "english_style", "他说[ＦＵＣＫ]", "SensitiveWordBsTest.ignoreWidthTest"),
    # houbb SensitiveWordBsTest: a plain hit inside a sentence
    ("houbb", "plain", "有人在群里出售[冰毒]，价格面议。", "SensitiveWordBsTest.findAllTest"),
    ("houbb", "plain", "[台湾总统]发表讲话", "SensitiveWordBsTest.findAllTest"),
    # ToolGood IllegalWordsTest: "国zg人" keyword zg人; "al.l"; "ht@tp://"
    ("toolgood", "skip_char", "出售[冰.毒]", "IllegalWordsTest"),
    ("toolgood", "skip_char", "修炼[法@轮功]", "IllegalWordsTest"),
    ("toolgood", "skip_char", "[台#湾#总#统]讲话", "IllegalWordsTest"),
    ("toolgood", "skip_char", "提供[赌-博]平台", "IllegalWordsTest"),
    ("toolgood", "pinyin_mixed", "修炼[法lun功]", "IllegalWordsTest (zg人)"),
    ("toolgood", "pinyin_mixed", "修炼[falun功]", "IllegalWordsTest (zg人)"),
    ("toolgood", "pinyin_mixed", "出售[bing毒]", "IllegalWordsTest (zg人)"),
    ("toolgood", "pinyin_mixed", "[台湾zongtong]讲话", "IllegalWordsTest (zg人)"),
    # ToolGood IssuesTest_17: 中美国人 must not become 中国; ａｂｃ full width hits
    ("toolgood", "width", "出售[ｂｉｎｇｄｕ]", "IssuesTest_17"),
    ("toolgood", "no_false_join", "赌场外的博物馆", "IssuesTest_17"),
    ("toolgood", "no_false_join", "豪赌，博弈", "IssuesTest_17"),
    ("toolgood", "no_false_join", "毒，品质优良", "IssuesTest_17"),
    # ToolGood IllegalWordsTest "asssert all" / "19w 1919": a term inside a longer Latin word is no hit
    ("toolgood", "ascii_boundary", "visit flgroup.com for details", "IllegalWordsTest"),
    ("toolgood", "ascii_boundary", "型号xjp2000的设备", "IllegalWordsTest"),
]


def _parse(phrase: str):
    if "[" not in phrase:
        return phrase, None
    s = phrase.index("[")
    e = phrase.index("]")
    return phrase[:s] + phrase[s + 1:e] + phrase[e + 1:], (s, e - 1)


# ------------------------------------------------------------------ worker (runs inside one tree)
def worker(records_path: str, data: str, repeat: int, out_path: str) -> None:
    import scanner
    from scanner import Scanner

    sys.path.insert(0, str(HERE))
    from corpora import official_records

    # --lexicon-dir: opt-in folders (textfilter, thesaurus) loaded next to the bundled lexicons, this tree only
    dirs = [d for d in os.environ.get("GOVSCAN_BENCH_LEXICON_DIRS", "").split(os.pathsep) if d]
    t0 = time.perf_counter()
    sc = Scanner(lexicon_dirs=dirs) if dirs else Scanner()
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    Scanner(lexicon_dirs=dirs) if dirs else Scanner()
    build2 = time.perf_counter() - t0

    def fs(text):
        return [[f.start, f.end, f.type, f.category, f.severity, f.rule, f.text] for f in sc.scan(text).findings]

    recs = [json.loads(line) for line in open(records_path, encoding="utf-8")]
    rec_out = {r["id"]: fs(r["text"]) for r in recs}
    peers = [fs(_parse(p)[0]) for _, _, p, _ in PEER_CASES]
    texts = [(k, t) for k, _, _, _, t in official_records(Path(data))]
    nchar = sum(len(t) for _, t in texts)
    nbytes = sum(len(t.encode("utf-8")) for _, t in texts)
    alarms: list[list] = []
    for i, (k, t) in enumerate(texts):
        for f in sc.scan(t).findings:
            if f.category in SCORED_CATEGORIES and f.severity in ("block", "review"):
                alarms.append([k, i, f.severity, f.type, f.rule, f.text, t[max(0, f.start - 15):f.end + 15]])
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        for _, t in texts:
            sc.scan(t)
        times.append(time.process_time() - t0)
    json.dump({"scanner": scanner.__file__, "records": rec_out, "peers": peers, "alarms": alarms,
               "nchar": nchar, "nbytes": nbytes, "scan_s": min(times) if times else float("nan"), "build_s": build, "build2_s": build2,
               "keys": len(sc._matcher)}, open(out_path, "w", encoding="utf-8"), ensure_ascii=False)


# ------------------------------------------------------------------ scoring
def score(recs: list[dict], found: dict) -> dict:
    type_tot, type_hit = Counter(), Counter()
    fam_tot, fam_hit = Counter(), Counter()
    tp = fp = 0
    neg_bad = 0
    misses, fps = [], []
    missed_ids: set[str] = set()
    for r in recs:
        fl = [f for f in found[r["id"]] if f[4] in ("block", "review")
              and (f[3] in SCORED_CATEGORIES or f[2] in SCORED_TYPES_EXTRA)]
        for s, e, t in r["gold"]:
            ok = ACCEPT.get(t, {t})
            hit = any(f[0] < e and s < f[1] and f[2] in ok for f in fl)
            type_tot[t] += 1
            fam_tot[r["family"]] += 1
            if hit:
                type_hit[t] += 1
                fam_hit[r["family"]] += 1
            else:
                misses.append((r["family"], t, r["text"][s:e], r["source"]))
                missed_ids.add(r["id"])
        bad = False
        for f in fl:
            over = [g for g in r["gold"] if f[0] < g[1] and g[0] < f[1]]
            if any(f[2] in ACCEPT.get(g[2], {g[2]}) for g in over):
                tp += 1
            elif over:
                pass  # another type of the gold's category on a gold span: neither
            else:
                fp += 1
                bad = True
                fps.append((r["family"], f[2], f[6], r["text"][max(0, f[0] - 10):f[1] + 10]))
        if r["kind"] == "negative" and bad:
            neg_bad += 1
    # carry-over: of the disguised positives whose plain form this scanner finds, the share found disguised
    found_ids = {r["id"] for r in recs if r["kind"] == "positive" and r["id"] not in missed_ids}
    carry_tot, carry_hit = Counter(), Counter()
    for r in recs:
        if r.get("plain") in found_ids:
            carry_tot[r["family"]] += 1
            carry_hit[r["family"]] += r["id"] in found_ids
    return {"type": (type_tot, type_hit), "family": (fam_tot, fam_hit), "carry": (carry_tot, carry_hit), "tp": tp, "fp": fp,
            "neg_bad": neg_bad, "neg": sum(r["kind"] == "negative" for r in recs), "misses": misses, "fps": fps}


#: the public lists rows are written from (scripts/build_prohibited_*.py): a held-out positive that is
#: equal to or inside an entry of one of them is overlap between public lists, not generalisation
ROW_SOURCES = {"konsheng": ("sensitive-lexicon-konsheng", ("色情类型.txt", "色情词库.txt", "涉枪涉爆.txt", "暴恐词库.txt")),
               "houbb": ("sensitive-word-houbb", ("dict_v20240407.txt",)),
               "textfilter": ("textfilter-observerss", ("keywords.txt",))}


def row_source_text(data: Path) -> str:
    """Every entry of the row sources' TRAINING halves (konsheng, houbb; all of textfilter, which the
    benchmark never reads for positives), normalised, one a line: exactly what the builders may read
    (``disguise_dataset.training_half``: no entry whose form is held out in either list, h16s)."""
    sys.path.insert(0, str(HERE))
    from disguise_dataset import training_half

    from scanner.normalize import normalize

    out = []
    for src, (folder, files) in ROW_SOURCES.items():
        for name in files:
            p = data / folder / name
            if not p.exists():
                continue
            for line in open(p, encoding="utf-8"):
                t = line.strip()
                if t and training_half(src, t, data):
                    out.append(normalize(t))
    return "\n".join(out)


def _all_found(r: dict, found: dict, extra_types: bool) -> bool:
    """Whether every gold span of record ``r`` is overlapped by a block/review finding of its type
    (or an accepted neighbour); ``extra_types``: the digit detectors' types count too."""
    fl = [f for f in found[r["id"]] if f[4] in ("block", "review")
          and (f[3] in SCORED_CATEGORIES or (extra_types and f[2] in SCORED_TYPES_EXTRA))]
    return all(any(f[0] < g[1] and g[0] < f[1] and f[2] in ACCEPT.get(g[2], {g[2]}) for f in fl) for g in r["gold"])


def generalisation(recs: list[dict], found: dict, source_text: str, terms: frozenset[str] = frozenset()) -> dict:
    """Recall on the held-out list positives (konsheng, houbb; plain and disguised), all of them and
    those whose plain term occurs in no row source's entry (the generalisation figure), and split by
    whether the plain term equals a lexicon row of this checkout (``terms``, normalised: a row written
    by hand from a norm that names the same thing, 援交 or 一夜情, finds it as a row, not by
    generalising; h16s counted 13 of the 140 plain ones). Aggregates only: the terms are never printed."""
    from scanner.normalize import normalize

    by_id = {r["id"]: r for r in recs}
    tot, hit = Counter(), Counter()
    for r in recs:
        if r["kind"] != "positive" or r["source"] not in ("konsheng", "houbb"):
            continue
        plain = by_id[r.get("plain", r["id"])]
        s, e, _t = plain["gold"][0]
        form = normalize(plain["text"][s:e])
        novel = form not in source_text
        ok = _all_found(r, found, extra_types=False)
        for key in ("all", "novel" if novel else "overlap", "row-equal" if form in terms else "no row"):
            for fam in ("any", "plain" if r["family"] == "plain" else "disguised"):
                tot[key, fam] += 1
                hit[key, fam] += ok
    return {"tot": tot, "hit": hit}


def row_terms() -> set[str]:
    """This checkout's lexicon terms as written (no generated spellings)."""
    from scanner.lexicon import load_lexicons
    from scanner.resources import bundled_lexicon_dir

    return {e.term for e in load_lexicons([bundled_lexicon_dir()]).entries if e.variant_of is None}


def items_split(recs: list[dict], found: dict, terms: set[str]) -> dict:
    """Recall on the positives written for the benchmark (source ``items``, plain and disguised),
    split by whether the plain phrase equals a lexicon row of this checkout (the standard names both
    wrote the same way, and rows written later from a norm that names the same thing:
    tests/test_disguise_dataset.py KNOWN_SHARED) or none (the figure no row can flatter)."""
    by_id = {r["id"]: r for r in recs}
    tot, hit = Counter(), Counter()
    for r in recs:
        if r["kind"] != "positive" or r["source"] != "items":
            continue
        plain = by_id[r.get("plain", r["id"])]
        s, e, _t = plain["gold"][0]
        key = "row-equal" if plain["text"][s:e] in terms else "independent"
        ok = _all_found(r, found, extra_types=True)
        for k in ("all", key):
            tot[k] += 1
            hit[k] += ok
    return {"tot": tot, "hit": hit}


def peer_score(found: list) -> tuple[Counter, Counter, list]:
    tot, ok = Counter(), Counter()
    fails = []
    for (peer, fam, phrase, _src), fl in zip(PEER_CASES, found):
        text, gold = _parse(phrase)
        fl = [f for f in fl if f[4] in ("block", "review")]
        if gold is None:
            good = not fl
        else:
            good = any(f[0] < gold[1] and gold[0] < f[1] for f in fl)
        key = f"{peer}:{fam}"
        tot[key] += 1
        ok[key] += good
        if not good:
            fails.append((key, text))
    return tot, ok, fails


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="/tmp/gs-dis-base", help="a worktree of main")
    ap.add_argument("--data", default=str(Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared")) / "data"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--examples", type=int, default=0)
    ap.add_argument("--list-alarms", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--lexicon-dir", action="append", default=[],
                    help="a lexicon folder this tree's scanner loads next to the bundled set (lexicon_dirs; "
                         "not the base's): an opt-in folder such as scripts/build_prohibited_thesaurus.py --out")
    ap.add_argument("--worker", nargs=3, metavar=("RECORDS", "OUT", "REPEAT"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        worker(a.worker[0], a.data, int(a.worker[2]), a.worker[1])
        return 0
    if not Path(a.data).exists():
        sys.exit(f"missing {a.data}: pass --data pointing at shared/data")
    sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(HERE))
    import disguise_dataset

    recs = disguise_dataset.build()
    tmp = Path(tempfile.mkdtemp(prefix="gs-dis-"))
    rp = tmp / "records.jsonl"
    with open(rp, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    trees = {"main": Path(a.base), "this": REPO}
    results = {}
    for name, tree in trees.items():
        if not (tree / "scanner").is_dir():
            sys.exit(f"{tree} is not a govscan tree (git worktree add --detach {a.base} main)")
        out = tmp / f"{name}.json"
        env = dict(os.environ, PYTHONPATH=str(tree))
        env.pop("GOVSCAN_BENCH_LEXICON_DIRS", None)
        if name == "this" and a.lexicon_dir:
            env["GOVSCAN_BENCH_LEXICON_DIRS"] = os.pathsep.join(str(Path(d).resolve()) for d in a.lexicon_dir)
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--data", a.data, "--worker", str(rp), str(out),
                        str(a.repeat)], env=env, check=True, cwd=str(tree))
        results[name] = json.load(open(out, encoding="utf-8"))
        assert Path(results[name]["scanner"]).resolve().is_relative_to(tree.resolve()), results[name]["scanner"]

    S = {n: score(recs, r["records"]) for n, r in results.items()}
    P = {n: peer_score(r["peers"]) for n, r in results.items()}
    nrec = len(recs)
    npos = sum(len(r["gold"]) for r in recs)
    print(f"disguise benchmark: {nrec} records, {npos} gold spans, {S['this']['neg']} hard-negative records; "
          f"sources: {dict(Counter(r['source'] for r in recs))}")
    print(f"trees: main={results['main']['scanner']}  this={results['this']['scanner']}\n")

    def table(title, key):
        tot, _ = S["this"][key]
        print(f"{title:22} {'gold':>5}  {'main':>6}  {'this':>6}")
        for k in sorted(tot, key=lambda k: (-tot[k], k)):
            row = [S[n][key][1][k] / tot[k] for n in ("main", "this")]
            print(f"{k:22} {tot[k]:5}  {row[0]:6.3f}  {row[1]:6.3f}{'' if row[1] >= 0.95 else '  < 0.95'}")
        print()

    table("recall by type", "type")
    table("recall by family", "family")
    print(f"{'carry-over by family':22} {'n':>9}  {'main':>6}  {'this':>6}   (disguised positives whose plain form the tree finds)")
    for k in sorted(S["this"]["carry"][0]):
        cells = []
        for n in ("main", "this"):
            tot_, hit_ = S[n]["carry"]
            cells.append((tot_[k], hit_[k] / tot_[k] if tot_[k] else float("nan")))
        print(f"{k:22} {cells[0][0]:4}/{cells[1][0]:<4}  {cells[0][1]:6.3f}  {cells[1][1]:6.3f}")
    for n in ("main", "this"):
        tot_, hit_ = S[n]["carry"]
        S[n]["_carry_all"] = sum(hit_.values()) / max(1, sum(tot_.values()))
    print(f"{'all':22} {sum(S['main']['carry'][0].values()):4}/{sum(S['this']['carry'][0].values()):<4}  "
          f"{S['main']['_carry_all']:6.3f}  {S['this']['_carry_all']:6.3f}\n")
    for n in ("main", "this"):
        s = S[n]
        allh = sum(s["type"][1].values())
        prec = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        print(f"{n:5} recall {allh / npos:.3f}  precision {prec:.3f} ({s['fp']} false alarms)  "
              f"hard negatives with a false alarm: {s['neg_bad']}/{s['neg']}")
    print()
    src_text = row_source_text(Path(a.data))
    terms = row_terms()
    from scanner.normalize import normalize

    norm_terms = frozenset(normalize(t) for t in terms)
    G = {n: generalisation(recs, results[n]["records"], src_text, norm_terms) for n in ("main", "this")}
    print(f"{'held-out list positives':28} {'n':>5}  {'main':>6}  {'this':>6}   (konsheng/houbb; novel = in no entry of "
          f"the row sources {', '.join(ROW_SOURCES)}; row-equal = the plain term equals a row of this checkout)")
    for key in ("all", "overlap", "novel", "no row", "row-equal"):
        for fam in ("any", "plain", "disguised"):
            n = G["this"]["tot"][key, fam]
            if n:
                print(f"{key + ' / ' + fam:28} {n:5}  {G['main']['hit'][key, fam] / n:6.3f}  {G['this']['hit'][key, fam] / n:6.3f}")
    I = {n: items_split(recs, results[n]["records"], terms) for n in ("main", "this")}
    print(f"\n{'benchmark-written positives':28} {'n':>5}  {'main':>6}  {'this':>6}   (row-equal: the plain phrase "
          "equals a row of this checkout)")
    for key in ("all", "independent", "row-equal"):
        n = I["this"]["tot"][key]
        if n:
            print(f"{key:28} {n:5}  {I['main']['hit'][key] / n:6.3f}  {I['this']['hit'][key] / n:6.3f}")
    print()
    print(f"{'peer cases (adapted)':28} {'cases':>5}  {'main':>6}  {'this':>6}")
    tot = P["this"][0]
    for k in sorted(tot):
        print(f"{k:28} {tot[k]:5}  {P['main'][1][k] / tot[k]:6.2f}  {P['this'][1][k] / tot[k]:6.2f}")
    print(f"(peers: {HOUBB}; {TOOLGOOD})\n")

    print(f"{'official texts':28} {'main':>10}  {'this':>10}")
    for n in ("main", "this"):
        r = results[n]
        sev = Counter(al[2] for al in r["alarms"])
        r["_per_m"] = {k: sev[k] * 1e6 / r["nchar"] for k in ("block", "review")}
    for k in ("block", "review"):
        print(f"{k + ' per million chars':28} {results['main']['_per_m'][k]:10.2f}  {results['this']['_per_m'][k]:10.2f}")
    mb = results["this"]["nbytes"] / 1e6
    for n in ("main", "this"):
        r = results[n]
        r["_mbs"] = r["nbytes"] / 1e6 / r["scan_s"]
    print(f"{'full scan MB/s (1 core)':28} {results['main']['_mbs']:10.2f}  {results['this']['_mbs']:10.2f}"
          f"   ratio {results['this']['_mbs'] / results['main']['_mbs']:.2f} ({mb:.1f} MB, best of {a.repeat})")
    print(f"{'automaton keys':28} {results['main']['keys']:10,}  {results['this']['keys']:10,}")
    print(f"{'Scanner() build s (cold/warm)':28} {results['main']['build_s']:5.2f}/{results['main']['build2_s']:.2f}  "
          f"{results['this']['build_s']:5.2f}/{results['this']['build2_s']:.2f}")
    if a.list_alarms:
        print("\nalarms of this tree on the official texts:")
        for al in results["this"]["alarms"]:
            print(f"  {al[2]:6} {al[3]:22} {al[4]:38} {al[0]}#{al[1]} …{al[6]}…".replace("\n", " "))
    if a.examples:
        for n in ("this",):
            print(f"\nmisses ({n}), first {a.examples} per family:")
            by = defaultdict(list)
            for m in S[n]["misses"]:
                by[m[0]].append(m)
            for fam, ms in sorted(by.items()):
                print(f"  {fam}: " + "  ".join(f"{m[2]}({m[1][:8]})" for m in ms[:a.examples]))
            print(f"false alarms ({n}):")
            for x in S[n]["fps"][: a.examples * 4]:
                print(f"  {x[0]:10} {x[1]:20} {x[2]!r:14} …{x[3]}…".replace("\n", " "))
            print("peer failures:", "; ".join(f"{k} {t}" for k, t in P[n][2]))
    if a.json:
        json.dump({n: {"type_recall": {k: S[n]["type"][1][k] / v for k, v in S[n]["type"][0].items()},
                       "family_recall": {k: S[n]["family"][1][k] / v for k, v in S[n]["family"][0].items()},
                       "carry_over": S[n]["_carry_all"], "tp": S[n]["tp"], "fp": S[n]["fp"], "per_million": results[n]["_per_m"],
                       "mb_s": results[n]["_mbs"], "keys": results[n]["keys"]} for n in S},
                  open(a.json, "w"), ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
