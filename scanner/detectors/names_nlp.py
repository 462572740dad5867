"""Opt-in statistical person-name finder: jieba's part-of-speech tagger plus a name model.

The default name detector (:mod:`.names`) reports a name only next to a cue (姓名：, 村民, 先生,
a 公示 row). This one also finds names in free text (``昨天王小明在公园散步``), at a cost: it runs
jieba's HMM part-of-speech tagger, which is slow, so it is not in the default detector set.

How a name is found:

1. *Gate.* The text is cut into the blocks jieba itself cuts it into (runs of Han characters,
   letters and digits; punctuation separates them, and jieba tags each block on its own). Only a
   block holding a plausible name start is tagged: a surname character that is not the second
   character of a common word (主张, 提高) and does not begin one (高质量, 成本), or a
   transliteration joined by ``·``. Tagging a block alone gives the same tags as tagging the
   whole text, so the gate changes speed, not results, except for names that sit inside common
   words, which the model below rejects anyway.
2. *Candidates.* From the tags: a token of surname + one or two given-name characters (or a
   compound surname), a lone surname token joined with the next one- or two-character token
   (``李/nr 永春/ns``), a two-character token joined with a following single character
   (``杨素/nr 晗/g``); transliterated names joined by ``·`` (``斯图尔特·卡里``).
3. *Model.* A logistic model scores each Han candidate from: how the tagger saw it (an ``nr``
   word its HMM found, a dictionary ``nr`` word, a merge of tokens, another tag), how common a
   word it is (jieba's dictionary frequency: 明白, 阳光 and 连胜 are "nr" in that dictionary),
   how much its given-name characters look like given-name characters rather than ordinary or
   transliteration characters (likelihood ratios computed at start-up from the 60,000 personal
   names in jieba's own dictionary against the frequency-weighted characters of its other words),
   how much its first character is used as a surname, and the context (punctuation, a speech verb
   such as 说 or 表示 after it, 和/与/叫 before it, a word running across its edges). The weights
   were fitted once by logistic regression on the *train* splits of the CLUENER, Resume and Weibo
   NER sets; ``benchmarks/bench_ner_nlp.py --fit`` refits and prints them, and the benchmark's
   dev/test splits are held out.
4. *Filters* shared with :mod:`.names`: a name next to an official title (书记, 县长, 局长 …) or
   on the configured ``public_officials`` list is a public official acting in office and is not
   reported; masked names (张某, 李某某) are not names; a candidate followed by a place or
   organisation word (…镇, …公司, …队) is not a person.

Findings are ``personal_data`` / ``person_name`` / ``info`` with the suggestion 姓 + 某, like the
cue detector's. The detector is immutable after construction and uses its own private jieba
tokenizer, so one instance can be shared by threads.
"""
from __future__ import annotations

import logging
import math
import re
from collections import Counter
from functools import lru_cache

from ..model import Finding
from ..normalize import Views
from .names import (
    _BASIS_NAME,
    _NOT_GIVEN,
    _OFFICIAL_TITLES,
    COMPOUND_SURNAMES,
    SURNAMES,
)

__all__ = ["FOREIGN_WEIGHTS", "WEIGHTS", "NlpNameDetector"]

_NR = frozenset(("nr", "nrfg", "nrt"))
_SURNAME_SET = frozenset(SURNAMES)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# The blocks jieba cuts a text into before tagging (jieba.posseg.re_han_internal).
_BLOCK = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._]+")
_DOTS = "·•"
_SPACE = re.compile(r"\s+")
# A 3-character candidate ending in one of these is a place (饶埠乡, 蓝塘镇, 张家港) or an illness
# (白血病, 白癜风 are "nr" in jieba's dictionary).
_PLACE_END = frozenset("乡镇村县市区省州岛港湾路街巷寺庙庄堡城屯寨营病症癌")
# A candidate followed by one of these is a place, an organisation or an event, not a person.
_ORG_AFTER = ("公司", "集团", "股份", "银行", "科技", "控股", "实业", "俱乐部", "队", "大学", "学院", "医院", "酒店",
              "电器", "证券", "基金", "投资", "有限", "中心", "厂", "局", "所", "店", "牌", "站", "馆", "村", "镇", "乡",
              "县", "市", "区", "省", "州", "路", "街", "岛", "港", "湾", "杯", "赛", "律师", "会计", "事务所", "机电",
              "软件", "超市", "材料", "矿业", "煤业", "机器", "机械", "工程", "电子", "电气", "化工", "制药", "药业",
              "食品", "纺织", "传媒", "置业", "地产", "物流", "汽车", "能源", "环保", "信息", "网络", "通信", "咨询",
              "资本", "资产", "保险", "信托", "商贸", "贸易", "工业", "农业", "米业", "水产", "钢铁", "（集团", "(集团")
# Given "names" that are forms of address: 李先生 is the cue detector's business (and not a name).
_ADDRESS_FORMS = frozenset(("先生", "女士", "小姐", "老师", "同学", "师傅", "总", "董", "老", "哥", "姐", "叔", "姨"))
# After a name: speech and action verbs, adverbs and conjunctions that follow a subject.
_RIGHT_CUES = frozenset(("说", "表示", "认为", "指出", "介绍", "称", "告诉", "透露", "强调", "坦言", "笑", "回忆", "解释",
                         "提到", "问", "答", "说道", "感叹", "希望", "觉得", "曾", "也", "还", "就", "都", "又", "便",
                         "先后", "已", "正", "在", "和", "与", "等", "的", "是", "今年", "同志", "先生", "女士", "老师"))
_LEFT_CUES = frozenset(("和", "与", "及", "、", "叫", "名叫", "是", "对", "给", "让", "被", "向", "跟", "记者", "同学",
                        "朋友", "网友", "老师"))

#: Logistic weights of the Han-name model (feature -> weight), fitted by ``bench_ner_nlp.py --fit``.
WEIGHTS = {
    "hmm_nr": 1.274, "dict_nr": 0.726, "merge": -0.643, "merge_nr": 1.115, "other": -0.639, "logfreq": -0.703,
    "len3": 0.324, "lrg": 0.248, "lrt": 0.232, "lrs": 0.303, "lpunct": 0.446, "rpunct": 0.837, "rspeech": 1.708,
    "lcue": 0.655, "next_nr": -0.722, "rcross": -0.456, "lcross": -0.406, "gword": -0.167, "bias": -3.979,
}
#: Logistic weights of the transliterated-name model.
FOREIGN_WEIGHTS = {
    "nrt": -0.123, "nr": -0.397, "joined": 0.448, "dot": 2.669, "logfreq": -0.407, "lrt": 0.321, "rspeech": 1.196,
    "rpunct": 0.460, "len": -0.151, "bias": -1.351,
}
THRESHOLD = 0.45
FOREIGN_THRESHOLD = 0.6


def _tokenizer():
    """A POSTokenizer over a private jieba.Tokenizer, whose HMM tagging of out-of-vocabulary runs
    (the slow part: jieba.posseg.viterbi) is memoised: news text repeats the same names."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)

    class CachedPOSTokenizer(jieba.posseg.POSTokenizer):
        def __init__(self, tokenizer):
            super().__init__(tokenizer)
            parent = super()._POSTokenizer__cut_detail
            self._detail = lru_cache(maxsize=1 << 16)(lambda buf: tuple((p.word, p.flag) for p in parent(buf)))

        def _POSTokenizer__cut_detail(self, sentence):  # overrides POSTokenizer.__cut_detail
            return [jieba.posseg.pair(w, f) for w, f in self._detail(sentence)]

    tk = jieba.Tokenizer()
    tk.initialize()
    return CachedPOSTokenizer(tk)


class _CharModel:
    """Character log-likelihood ratios from jieba's dictionary (built once, read-only)."""

    def __init__(self, word_tag: dict[str, str], freq: dict[str, int]) -> None:
        g1: Counter = Counter()
        g2: Counter = Counter()
        sur: Counter = Counter()
        tr: Counter = Counter()
        bg: Counter = Counter()
        for w, tag in word_tag.items():
            if tag in ("nr", "nrfg"):
                if len(w) == 3 and w[0] in _SURNAME_SET:
                    g1[w[1]] += 1
                    g2[w[2]] += 1
                    sur[w[0]] += 1
            elif tag == "nrt":
                for c in w:
                    tr[c] += 1
            else:
                f = freq.get(w, 0)
                if f:
                    for c in w:
                        bg[c] += f
        self._tables = {}
        for name, c in (("g1", g1), ("g2", g2), ("sur", sur), ("tr", tr), ("bg", bg)):
            n = sum(c.values())
            den = math.log(n + 0.5 * 8000)
            self._tables[name] = ({k: math.log(v + 0.5) - den for k, v in c.items()}, math.log(0.5) - den)

    def lp(self, table: str, ch: str) -> float:
        t, default = self._tables[table]
        return t.get(ch, default)


@lru_cache(maxsize=1)
def _shared():
    """(POSTokenizer, FREQ, char model): loaded once per process, read-only after that."""
    pt = _tokenizer()
    freq = pt.tokenizer.FREQ
    model = _CharModel(pt.word_tag_tab, freq)
    return pt, freq, model


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


class NlpNameDetector:
    """Person names in free text (opt-in; see the module docstring)."""

    name = "person_name_nlp"
    rules = ("pii.person_name",)

    def __init__(self, public_officials: tuple[str, ...] = (), *, gate: bool = True,
                 threshold: float = THRESHOLD, foreign_threshold: float = FOREIGN_THRESHOLD) -> None:
        self.public_officials = frozenset(public_officials)
        self.gate = gate
        self.threshold = threshold
        self.foreign_threshold = foreign_threshold
        self._pt, self._freq, self._model = _shared()

    @classmethod
    def from_config(cls, config) -> NlpNameDetector:
        return cls(public_officials=config.public_officials)

    @staticmethod
    def clear_cache() -> None:
        """Forget the memoised HMM tags (for cold-cache timings)."""
        _shared()[0]._detail.cache_clear()

    # ------------------------------------------------------------------ entry point
    def detect(self, views: Views) -> list[Finding]:
        v = views.vis
        out: list[Finding] = []
        for s, e, p in self.spans(v):
            start, end = views.vis_span(s, e)
            name = v[s:e]
            surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[0]
            if surname not in _SURNAME_SET and surname not in COMPOUND_SURNAMES:
                surname = "某"  # a transliterated name: replaced whole (某某)
            out.append(Finding(start=start, end=end, text=views.text[start:end], category="personal_data",
                               type="person_name", severity="info", rule="pii.person_name",
                               message="疑似个人姓名（统计模型识别）：公开发布个人信息须有法定依据并遵循最小必要原则",
                               suggestion=surname + "某", basis=_BASIS_NAME, score=round(0.5 + p / 4, 3)))
        return out

    def spans(self, v: str) -> list[tuple[int, int, float]]:
        """(start, end, probability) of every name in ``v`` (the ``vis`` view), in order."""
        toks = self.tokens(v)
        return self._names(v, toks) if toks else []

    def tokens(self, v: str) -> list[tuple[int, int, str, str]] | None:
        """(start, end, word, tag) over all of ``v``: tagged blocks word by word, a block the gate
        skips as one token tagged ``skip``, other characters one by one tagged ``x``; None when
        no block was tagged."""
        toks: list[tuple[int, int, str, str]] = []
        pos = 0
        tagged = False
        n = len(v)
        for m in _BLOCK.finditer(v):
            b0, b1 = m.span()
            for k in range(pos, b0):
                toks.append((k, k + 1, v[k], "x"))
            block = m.group()
            dotted = (b0 > 0 and v[b0 - 1] in _DOTS) or (b1 < n and v[b1] in _DOTS)
            if self.gate and not dotted and not self._worth_tagging(block):
                toks.append((b0, b1, block, "skip"))
            else:
                tagged = True
                p = b0
                for w, tag in self._pt.cut(block):
                    toks.append((p, p + len(w), w, tag))
                    p += len(w)
            pos = b1
        return toks if tagged else None

    # ------------------------------------------------------------------ gate
    def _worth_tagging(self, block: str) -> bool:
        freq = self._freq
        n = len(block)
        for i, c in enumerate(block):
            if c in _SURNAME_SET or block[i:i + 2] in COMPOUND_SURNAMES:
                if i + 1 >= n or not _CJK.match(block[i + 1]):
                    continue
                if i > 0 and freq.get(block[i - 1:i + 1], 0) >= 1000:
                    continue  # 主张, 提高, 成本: the surname ends a common word
                if freq.get(block[i:i + 2], 0) >= 1000 and freq.get(block[i:i + 3], 0) == 0:
                    continue  # 高质, 成本: the surname starts a common word
                return True
        return False

    # ------------------------------------------------------------------ candidates and model
    def _names(self, v: str, toks: list) -> list[tuple[int, int, float]]:
        scored = []
        for s, e, feats in self._han_candidates(v, toks):
            z = WEIGHTS["bias"] + sum(WEIGHTS[k] * x for k, x in feats.items())
            p = _sigmoid(z)
            if p >= self.threshold:
                scored.append((p, s, e))
        for s, e, feats in self._foreign_candidates(v, toks):
            z = FOREIGN_WEIGHTS["bias"] + sum(FOREIGN_WEIGHTS[k] * x for k, x in feats.items())
            p = _sigmoid(z)
            if p >= self.foreign_threshold:
                scored.append((p, s, e))
        chosen: list[tuple[int, int, float]] = []
        for p, s, e in sorted(scored, reverse=True):
            if any(s < ce and cs < e for cs, ce, _ in chosen):
                continue
            if self._public(v, s, e):
                continue
            chosen.append((s, e, p))
        chosen.sort()
        return chosen

    def _public(self, v: str, s: int, e: int) -> bool:
        name = v[s:e]
        if name in self.public_officials or "某" in name:
            return True
        # 总理　　李克强, 民航总局局长⏎刘金国: a title across spaces or a line break still counts
        after = _SPACE.sub("", v[e:e + 8])[:4]
        before = _SPACE.sub("", v[max(0, s - 10):s])[-6:]
        return any(after.startswith(t) for t in _OFFICIAL_TITLES) or any(before.endswith(t) for t in _OFFICIAL_TITLES)

    def _han_candidates(self, v: str, toks: list):
        n = len(toks)
        for i, (s, e, w, tag) in enumerate(toks):
            if not (w[0] in _SURNAME_SET or w[:2] in COMPOUND_SURNAMES) or not _CJK.match(w[0]):
                continue
            ends = []
            if 2 <= len(w) <= 3 or (w[:2] in COMPOUND_SURNAMES and len(w) <= 4):
                ends.append(i + 1)
            if i + 1 < n:
                nxt = len(toks[i + 1][2])
                if (len(w) == 1 or w in COMPOUND_SURNAMES) and 1 <= nxt <= 2:
                    ends.append(i + 2)
                elif nxt == 1 and len(w) == (3 if w[:2] in COMPOUND_SURNAMES else 2):
                    ends.append(i + 2)  # 杨素/nr 晗/g, 欧阳明/nr 轩/nr
            for j in ends:
                ce = toks[j - 1][1]
                cw = v[s:ce]
                if not all(_CJK.match(c) for c in cw):
                    continue
                sl = 2 if cw[:2] in COMPOUND_SURNAMES else 1
                given = cw[sl:]
                if len(given) not in (1, 2) or given in _ADDRESS_FORMS or given[:1] in _ADDRESS_FORMS and len(given) == 1:
                    continue
                if any(c in _NOT_GIVEN for c in given) or "某" in cw:
                    continue
                if len(cw) == 3 and cw[-1] in _PLACE_END:
                    continue
                after = v[ce:ce + 4]
                if any(after.startswith(t) for t in _ORG_AFTER):
                    continue
                yield s, ce, self._features(v, toks, i, j, cw, given)

    def _features(self, v: str, toks: list, i: int, j: int, w: str, given: str) -> dict[str, float]:
        m = self._model
        freq = self._freq
        s = toks[i][0]
        e = toks[j - 1][1]
        single = j == i + 1
        tag = toks[i][3]
        f = freq.get(w, 0)
        if len(given) == 2:
            lrg = m.lp("g1", given[0]) - m.lp("bg", given[0]) + m.lp("g2", given[1]) - m.lp("bg", given[1])
            lrt = m.lp("g1", given[0]) - m.lp("tr", given[0]) + m.lp("g2", given[1]) - m.lp("tr", given[1])
        else:
            lrg = m.lp("g2", given) - m.lp("bg", given)
            lrt = m.lp("g2", given) - m.lp("tr", given)
        left = v[s - 1:s] if s > 0 else ""
        right = v[e:e + 1]
        nxt = toks[j][2] if j < len(toks) else ""
        prv = toks[i - 1][2] if i > 0 else ""
        return {
            "hmm_nr": float(single and tag in _NR and f == 0),
            "dict_nr": float(single and tag in _NR and f > 0),
            "merge": float(not single),
            "merge_nr": float(not single and tag in _NR),
            "other": float(single and tag not in _NR),
            "logfreq": math.log10(1 + f),
            "len3": float(len(given) == 2),
            "lrg": lrg,
            "lrt": lrt,
            "lrs": m.lp("sur", w[0]) - m.lp("bg", w[0]) if len(w) - len(given) == 1 else 3.0,
            "lpunct": float(not left or not _CJK.match(left)),
            "rpunct": float(not right or not _CJK.match(right)),
            "rspeech": float(nxt in _RIGHT_CUES),
            "lcue": float(prv in _LEFT_CUES),
            "next_nr": float(j < len(toks) and toks[j][3] in _NR),
            "rcross": math.log10(1 + freq.get(v[e - 1:e + 1], 0)) if right and _CJK.match(right) else 0.0,
            "lcross": math.log10(1 + freq.get(v[s - 1:s + 1], 0)) if left and _CJK.match(left) else 0.0,
            "gword": math.log10(1 + freq.get(given, 0)) if len(given) == 2 else 0.0,
        }

    def _foreign_candidates(self, v: str, toks: list):
        """Runs of transliterated-name tokens (nr/nrt, not starting with a surname)."""
        n = len(toks)
        i = 0
        while i < n:
            s, _, w, tag = toks[i]
            if (tag in ("nr", "nrt") and len(w) >= 2 and _CJK.match(w[0])
                    and w[0] not in _SURNAME_SET and w[:2] not in COMPOUND_SURNAMES):
                j = i + 1
                dot = False
                while j < n:
                    if toks[j][3] in ("nr", "nrt") and _CJK.match(toks[j][2][0]):
                        j += 1
                    elif (toks[j][2] in _DOTS and j + 1 < n and toks[j + 1][3] in ("nr", "nrt", "nrfg")
                          and _CJK.match(toks[j + 1][2][0])):
                        dot = True
                        j += 2
                    else:
                        break
                ce = toks[j - 1][1]
                cw = v[s:ce]
                if not any(v[ce:ce + 4].startswith(t) for t in _ORG_AFTER):
                    yield s, ce, self._foreign_features(v, toks, i, j, cw, dot)
                i = j
            else:
                i += 1

    def _foreign_features(self, v: str, toks: list, i: int, j: int, w: str, dot: bool) -> dict[str, float]:
        m = self._model
        f = self._freq.get(w, 0)
        cs = [c for c in w if _CJK.match(c)]
        right = v[toks[j - 1][1]:toks[j - 1][1] + 1]
        nxt = toks[j][2] if j < len(toks) else ""
        return {
            "nrt": float(any(toks[k][3] == "nrt" for k in range(i, j))),
            "nr": float(any(toks[k][3] == "nr" for k in range(i, j))),
            "joined": float(j > i + 1),
            "dot": float(dot),
            "logfreq": math.log10(1 + f),
            "lrt": sum(m.lp("tr", c) - m.lp("bg", c) for c in cs) / max(len(cs), 1),
            "rspeech": float(nxt in _RIGHT_CUES),
            "rpunct": float(not right or not _CJK.match(right)),
            "len": float(min(len(w), 6)),
        }
