#!/usr/bin/env python3
"""Write lexicons/improper_wording/prohibited_ngrams.tsv: the two- and three-character pieces that
the TRAINING half of two public prohibited lists share, and that ordinary text never contains
(issue 16: rules that generalise instead of strings).

A list of whole entries finds only those entries; the pieces they are built of (淫…, …屄, 仿真…,
…炸药, 迷…药) find the entries nobody listed. An n-gram becomes a row when

* it occurs in at least two distinct training-half entries (``--min-support``): a piece shared by
  several entries, not one entry's accident;
* it never occurs in general or official text: CLUENER 2020, Weibo NER, résumés, government work
  reports, CPC congress reports, State Council policies (新闻联播 is never read: the benchmark counts
  false alarms on it), and is not a jieba word of frequency 50 or more;
* it is no other lexicon's term, no phrase of the evaluation's hand-written items
  (benchmarks/disguise_items.py, read only to leave such a candidate out: a row may never equal an
  evaluation phrase, tests/test_disguise_dataset.py) and no held-out entry of either list (妈逼);
* three characters only when neither two-character half is already a row.

Only entries that :func:`benchmarks.disguise_dataset.held_out` puts in the training half are read
(konsheng/Sensitive-lexicon's porn, guns/explosives and terror files, MIT; houbb/sensitive-word's
dictionary entries with a character of drugs, guns, gambling, sex or insult, Apache-2.0), and of
those only the ones whose normalised form is held out in neither list (操他妈 is in konsheng's
training half and houbb's held-out half: held out; ``disguise_dataset.held_out_forms``, h16s). The
other half is the evaluation's. Validation before writing rows: the rows mined from one half of the
training half (a second fixed hash) cover ``--validate`` of the other half's entries.

Every row is ``review`` (a statistical piece, not a curated rule), needs jieba word boundaries at
both ends (人口|高 is no 口高), and is silenced by crackdown and court words within its window.

usage: python scripts/build_prohibited_ngrams.py [--data DIR] [--min-support 2] [--strong 4.5] [--validate]
(the bundled file: --strong 4.5)
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "scripts"))

OUT = REPO / "lexicons" / "improper_wording" / "prohibited_ngrams.tsv"
EXAMPLES = REPO / "lexicons" / "improper_wording" / "prohibited_ngrams.examples.tsv"
KONSHENG = ("色情类型.txt", "色情词库.txt", "涉枪涉爆.txt", "暴恐词库.txt")
HOUBB_CHARS = set("毒枪赌淫嫖娼奸裸屄屌操逼妓弹药炸")
_HAN = re.compile(r"^[\u4e00-\u9fff]{2,8}$")
GENERAL = ("corpus-gov-work-reports", "corpus-govcn-policies-2019", "ner-cluener2020", "ner-weibo", "ner-resume")
NCTX = ("打击|查处|查获|缴获|破获|抓获|捣毁|侦破|涉嫌|犯罪|违法|非法|警方|公安|民警|检察|法院|判处|判决|审理|"
        "刑事|拘留|逮捕|禁毒|缉毒|扫黄|打非|整治|专项|依法|严禁|禁止|举报|提醒|远离|防范|危害|案件|被告|嫌疑人"
        "|警惕|谨防|骗局|陷阱|落网|获刑|涉案|戒毒|戒赌|沉迷|输光|输掉|倾家荡产|负债|家破人亡|切勿|切莫|请勿|害人害己|上当|受骗|报警")
BASIS = ("网络信息内容生态治理规定(2019) 第六条第(五)(八)项(淫秽色情、赌博、暴力、恐怖)、第七条; 枪支管理法 第四十四条; "
         "民用爆炸物品安全管理条例; 禁毒法 第二条")
#: a piece of a weapon, explosive or drug name (气步枪, 炸弹, 制冰) is how news of a match, a war or a
#: rink is written too: such a piece needs a trade word near it, unless it holds one (售手枪, 枪出售)
CONTRABAND_CHARS = set("枪弹炸爆药毒刀弩冰雷狙猎铅硝铵")
TRADE_CHARS = set("售销卖购供批订货")
TRADE = ("出售|求购|批发|专卖|货到付款|代购|价格|哪里买|哪里有|有货|包邮|到付|现货|货源|加微|加v|微信|qq|vx|联系电话|"
         "同城|直销|销售|低价|购买|下单|送货|快递|一手|正品|代发|转让|供应|提供|兜售|贩卖|售卖|买卖|可购|私信|订购|"
         "有售|出货|发货|渠道|教程|制作方法|配方")
#: a rink, a range, a match: where 制冰, 气步枪 and 子弹 are what they say (提供制冰和场馆供暖)
VENUE = "冰场|滑冰|冰雪|造雪|场馆|比赛|赛事|运动员|射击|靶场|冬奥|奥运"
FUNCTION_CHARS = set("的了之是在和与及")
HIT = "网上有人发帖出售{}，请速联系。"

from build_prohibited_lists import _examples, _self_checked  # noqa: E402  (shared by both builders)
MISS = "警方破获一起{}相关案件，依法刑事拘留三人。"


MAX_BACKGROUND = 20  # summed jieba frequency of the dictionary words that contain the piece
RISK_LOG_ODDS = 3.0   # a risk character is ~20x more frequent in the lists than in jieba's dictionary
#: frequent in the lists because the lists are advertisements (出售, 视频, 聊): never what makes a piece risky
NOT_RISK = set("售销卖购供订批货提专出聊视频网图片人女男")
STRONG_LOG_ODDS = 99.0
WORDLESS_LOG_ODDS = 4.5  # (--strong) a piece of a single entry needs a character at least this much more frequent


def training_entries(data: Path) -> list[str]:
    """The training half's entries of both lists (normalised, sorted; module docstring)."""
    from disguise_dataset import training_half

    from scanner.normalize import normalize

    # (training_half: an entry held out in EITHER list, 操他妈 in houbb's held-out half and konsheng's
    # training half, or the same entry spelled another way, is held out here too: h16s)
    out: set[str] = set()
    for name in KONSHENG:
        for t in _lines(data / "sensitive-lexicon-konsheng" / name):
            if _HAN.match(t) and training_half("konsheng", t, data):
                out.add(normalize(t))
    for t in _lines(data / "sensitive-word-houbb" / "dict_v20240407.txt"):
        if _HAN.match(t) and HOUBB_CHARS & set(t) and training_half("houbb", t, data):
            out.add(normalize(t))
    return sorted(out)


def _lines(path: Path) -> list[str]:
    """The stripped lines of a UTF-8 file, split as iterating over the open file splits them (read
    whole: the file is closed at once)."""
    return [line.strip() for line in path.read_text(encoding="utf-8").split("\n")]


def mine(entries: list[str], general: list[str], min_support: int, strong: float = STRONG_LOG_ODDS) -> tuple[list[str], dict[str, set[str]]]:
    """The pieces that become rows (module docstring) and, for every two- and three-character
    piece of ``entries``, the entries that hold it."""
    sup: dict[str, set[str]] = defaultdict(set)
    for t in entries:
        for n in (2, 3):
            for i in range(len(t) - n + 1):
                sup[t[i:i + n]].add(t)
    risk = _risk_chars(entries)
    # a piece of one entry needs a strong risk character (屄 淫 枪 …); a shared piece a risk character
    cands = sorted(g for g, s in sup.items()
                   if max((risk.get(c, 0.0) for c in g), default=0.0) >= (RISK_LOG_ODDS if len(s) >= min_support
                                                                            else strong))
    keep = _absent(cands, general)
    two = {g for g in keep if len(g) == 2}
    return [g for g in keep if len(g) == 2 or not (g[:2] in two or g[1:] in two)], sup


def _absent(cands: list[str], general: list[str]) -> list[str]:
    """The candidates that never occur in ``general`` and are no part of frequent jieba words."""
    import daachorse

    pma = daachorse.CharwiseDoubleArrayAhoCorasick(cands)
    seen: Counter[str] = Counter()
    for text in general:
        for _s, _e, p in pma.find_overlapping(text):
            seen[cands[p]] += 1
    bg = _dictionary_background(cands)
    return [g for g in cands if not seen[g] and bg.get(g, 0) < MAX_BACKGROUND]


#: what a list entry advertises (成人电影, 色图, 裸聊网站): a media word after a modifier
MEDIA = ("片", "电影", "影片", "视频", "图", "图片", "网", "网站", "小说", "漫画", "论坛", "影院", "聊天室", "写真", "直播")
MEDIA_HEAD_MIN = 4  # a media word ends at least this many training-half entries (jieba tokens)
MEDIA_MOD_MIN = 3   # a modifier stands before at least this many different media words


def media_compositions(entries: list[str], general: list[str], skip: set[str]) -> dict[str, str]:
    """Modifier × media word: a modifier that the training half puts before three or more media
    words (色图, 色小说, 色网站 …) before every media word that ends four or more entries (色电影,
    nobody listed, is then found). Modifiers that are rows of their own (淫, 逼: ``skip``) add nothing.
    Returns the composition -> a note with its evidence; none occurs in ``general`` text."""
    from scanner.words import cut

    heads: Counter[str] = Counter()
    mods: dict[str, set[str]] = defaultdict(set)
    for t in entries:
        toks = list(cut(t))
        for i in range(1, len(toks)):
            if toks[i] in MEDIA:
                heads[toks[i]] += 1
                mods[toks[i - 1]].add(toks[i])
    hs = sorted(h for h, n in heads.items() if n >= MEDIA_HEAD_MIN)
    ms = sorted(m for m, seen in mods.items() if len(seen) >= MEDIA_MOD_MIN and m not in skip
                and not FUNCTION_CHARS & set(m))
    have = set(entries)
    cands = {m + h: f"media composition: {m} (before {len(mods[m])} media words: {''.join(sorted(mods[m]))}) × {h} "
                    f"({heads[h]} entries)" for m in ms for h in hs if m + h not in have}
    return {g: cands[g] for g in _absent(sorted(cands), general)}


@lru_cache(maxsize=1)
def _jieba_words() -> tuple[tuple[str, int], ...]:
    """(word, frequency) of every line of jieba's dictionary, read once for the whole run (the
    builders below asked for it seven times)."""
    from scanner.words import jieba_dict_path

    with open(jieba_dict_path(), encoding="utf-8") as f:
        return tuple((w, int(freq)) for w, freq in (line.split()[:2] for line in f))


@lru_cache(maxsize=1)
def _char_background() -> Counter[str]:
    """Character -> summed frequency of the jieba words that hold it (once per occurrence)."""
    gc: Counter[str] = Counter()
    for w, f in _jieba_words():
        for c in w:
            gc[c] += f
    return gc


def _dictionary_background(cands: list[str]) -> dict[str, int]:
    """piece -> summed frequency of jieba's dictionary words that contain it (压气 in 压气机, 天网 in
    天网恢恢): jieba's 349,000 words stand in for general text the corpora here are too small for."""
    import daachorse

    pma = daachorse.CharwiseDoubleArrayAhoCorasick(cands)
    out: Counter[str] = Counter()
    for w, f in _jieba_words():
        for g in {cands[p] for _s, _e, p in pma.find_overlapping(w)}:
            out[g] += f
    return out


def _risk_chars(entries: list[str]) -> dict[str, float]:
    """Characters much more frequent in the training entries than in jieba's dictionary (淫 屄 枪 赌 …):
    a piece must hold one, so 让高, 水提 (pieces across two ordinary words) never become rows."""
    import math

    tc = Counter(c for t in entries for c in t)
    gc = _char_background()
    t_all, g_all = sum(tc.values()), sum(gc.values())
    return {c: math.log((n / t_all) / ((gc[c] + 100) / g_all)) for c, n in tc.items() if n >= 3 and c not in NOT_RISK}


def _inner(t: str) -> bool:
    return hashlib.sha256(f"inner\t{t}".encode()).digest()[0] & 1 == 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared")) / "data"))
    ap.add_argument("--min-support", type=int, default=2)
    ap.add_argument("--strong", type=float, default=STRONG_LOG_ODDS,
                    help="log-odds a character needs for a piece of one entry to become a row (default: never)")
    ap.add_argument("--validate", action="store_true", help="only print the inner-split coverage")
    a = ap.parse_args(argv)
    data = Path(a.data)

    import daachorse

    from scanner.variants import _corpus_texts

    entries = training_entries(data)
    general = list(_corpus_texts(data, GENERAL))
    inner_a = [t for t in entries if not _inner(t)]
    inner_b = [t for t in entries if _inner(t)]
    keep_a, _ = mine(inner_a, general, a.min_support, a.strong)
    pma = daachorse.CharwiseDoubleArrayAhoCorasick(keep_a)
    cov = sum(1 for t in inner_b if next(iter(pma.find_overlapping(t)), None) is not None)
    print(f"validation: {len(keep_a)} pieces mined from {len(inner_a)} entries cover {cov}/{len(inner_b)} "
          f"= {cov / len(inner_b):.2f} of the other {len(inner_b)} training-half entries")
    media_a = media_compositions(inner_a, general, set())
    pma = daachorse.CharwiseDoubleArrayAhoCorasick(sorted(set(keep_a) | set(media_a)))
    cov_m = sum(1 for t in inner_b if next(iter(pma.find_overlapping(t)), None) is not None)
    print(f"validation: + {len(media_a)} media compositions cover {cov_m}/{len(inner_b)}")
    if a.validate:
        return 0

    import disguise_items

    from scanner.lexicon import load_lexicons
    from scanner.resources import bundled_lexicon_dir

    from disguise_dataset import held_out_forms

    evaluation = {p[p.index("[") + 1:p.index("]")] for ps in disguise_items.POSITIVES.values() for p in ps}
    # nor a held-out entry of either list (妈逼, a piece of training entries, is also a held-out entry)
    evaluation |= held_out_forms(data)
    existing = {e.term for e in load_lexicons([bundled_lexicon_dir()], cache=False).entries
                if e.lexicon not in ("prohibited_ngrams", "prohibited_textfilter")}
    keep, sup = mine(entries, general, a.min_support, a.strong)
    risk = _risk_chars(entries)
    rows = []
    for g in keep:
        if g in existing or g in evaluation:
            continue
        rid = "prohibited.piece." + hashlib.sha1(g.encode()).hexdigest()[:10]
        note = f"in {len(sup[g])} training-half entries, e.g. " + "|".join(sorted(sup[g])[:3])
        if FUNCTION_CHARS & set(g) or len(set(g)) < len(g):
            continue  # 之淫; 淫淫 (the dense view reads a repeat once: it would be a one-character row)
        ctx = f";ctx={TRADE}" if CONTRABAND_CHARS & set(g) and not TRADE_CHARS & set(g) else ""
        nctx = NCTX + (f"|{VENUE}" if ctx else "")
        # a piece with a strong character (屄 淫 枪) stands alone; a weaker one must be a word of its own
        word = "" if max(risk.get(ch, 0.0) for ch in g) >= WORDLESS_LOG_ODDS else "word;"
        rows.append(f"{rid}\t{g}\tprohibited_content\treview\t\t{BASIS}\t\t{word}win=12{ctx};nctx={nctx}\t{note}")
    singles = {t for t in existing if len(t) == 1}
    for g, note in sorted(media_compositions(entries, general, singles).items()):
        if g in existing or g in evaluation or any(piece in g for piece in keep):
            continue
        rid = "prohibited.media." + hashlib.sha1(g.encode()).hexdigest()[:10]
        rows.append(f"{rid}\t{g}\tprohibited_content\treview\t\t{BASIS}\t\tword;win=12;nctx={NCTX}\t{note}")
    rows = _self_checked(rows, HIT)
    head = ["id\tterm\ttype\tseverity\tsuggestion\tbasis\tmessage\toptions\tnote",
            "# GENERATED by scripts/build_prohibited_ngrams.py: pieces shared by entries of the TRAINING half of",
            "# konsheng/Sensitive-lexicon@5a8da94c (MIT) and houbb/sensitive-word@b86249dd (Apache-2.0), absent",
            "# from general and official text (the other half is benchmarks/bench_disguise.py's). Do not edit by",
            "# hand; regenerate."]
    OUT.write_text("\n".join(head + rows) + "\n", encoding="utf-8")
    ex = _examples(rows, HIT, MISS)
    EXAMPLES.write_text("\n".join(ex) + "\n", encoding="utf-8")
    print(f"{len(rows)} rows of {len(keep)} pieces -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
