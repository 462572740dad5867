"""Sensitive personal information (个人信息保护法 第二十八条): a private person's name linked to a
sensitive attribute in the same sentence, reported as one finding that spans both.

**Attributes.** The rows of ``scanner/data/sensitive_attributes.tsv``, one family each: health and
disability, minors under 14, criminal and administrative records, religion, biometrics, financial
(accounts, income, debt, relief amounts), whereabouts (行踪轨迹), sexual orientation and private
life. A row is a regular expression over the ``vis`` view with gate words; it is tried only in a
window around a gate word (one automaton pass finds them), and some rows need a check (an age under
14, a birth year less than 14 years ago, a time in the same clause for a movement …).

**People.** In the sentence of an attribute, the person mentions are: the names the cue rules found
(村民 …, 先生 …), the PER words of the pretrained tagger (:mod:`scanner.person_model`, LAC, less its
genuine errors), minority names from the name-parts list, and a name the surname rules read at the
start of the clause. The cascade: no attribute, no model; and in an attribute's sentence the
tagger reads only ±16 characters around the positions where a private person's name is
plausible (:meth:`SensitiveLinker._plausible`), all of a text's windows in one call, with a cache
of the last windows read. A link does not cross a heading's colon, another identifier or a home
address field. A mention that is anonymised
(张某, 李某某, 小雨（化名）), an official beside a title or on the public-officials list, a
professional acting in role (民警, 法官, 医生 …) or a famous person (a frequent word of jieba's
dictionary: 鲁迅, 玄奘) is a mention too, but not a private person: when it is the nearest mention
to the attribute, the attribute is its and nothing is reported.

**The finding.** For each private person: one ``sensitive_personal_info`` finding from the name to
the attribute, widened to the attribute's clause (``巫海峰系精神分裂症患者``); ``block`` for every
family but financial and whereabouts (``review``: relief 公示 may lawfully name recipients and
amounts, and a movement is weaker evidence). The suggestion masks the name (巫某某: the surname
and one 某 per given-name character, at most two) and, for rows whose law protects the attribute
itself (medical records of HIV and mental illness, criminal records, religion, biometrics, private
life), the attribute (``**``).
"""
from __future__ import annotations

import csv
import re
import time
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import rx, speedups
from ..model import Finding
from ..normalize import Views
from ..surnames import COMPOUND_SURNAMES, SURNAME_SET, SURNAMES
from ..words import word_freq
from . import gates
from .person_cues import (ORG_AFTER, beside_official_title, minority_name_parts, minority_name_re, official_title_after,
                          official_title_before)

__all__ = ["AttributeRow", "SensitiveLinker", "attribute_rows", "attribute_hits", "mask_name"]


def word_class(lex, word: str) -> str | None:
    """:func:`scanner.name_tagger.word_class` (imported on first use: the tagger's module needs NumPy)."""
    from ..name_tagger import word_class

    return word_class(lex, word)


# per-character flags of SensitiveLinker._candidates (one table lookup a text)
_F_SUR, _F_FN, _F_BOUND, _F_G7, _F_G6, _F_T10 = 1, 2, 4, 8, 16, 32  # (the same in scanner/_speedups.c)
_name_candidates = speedups.get("name_candidates")

DATA = Path(__file__).resolve().parent.parent / "data" / "sensitive_attributes.tsv"
FAMILY_LABELS = {"health": "健康医疗", "minor": "不满十四周岁未成年人", "criminal": "违法犯罪记录", "religion": "宗教信仰",
                 "biometric": "生物识别", "financial": "金融账户/收入/救助", "whereabouts": "行踪轨迹",
                 "private": "性取向与私生活"}
# block for a minor and a criminal record (issue 15); review for the other families: a relief 公示
# may lawfully name recipients and amounts, and official news names people with their consent
# (benchmarks/PII.md: the official texts)
FAMILY_SEVERITY = {"health": "review", "minor": "block", "criminal": "block", "religion": "review", "biometric": "review",
                   "private": "review", "financial": "review", "whereabouts": "review"}
# 张建生等10人涉嫌…: a group named in an authority's announcement of a case (通报) — review, not block
# A news report's dateline at the top of the text (央视网消息（新闻联播）：, 新华社北京3月5日电, 本报讯,
# （记者 张三）): processing for news reporting in the public interest has its own legal basis
# (个人信息保护法 第十三条第一款第五项), so the linker does not search a datelined report at all.
# A missing-person notice (寻人启事 at the top of the post) names the person with age, height, illness and
# where they were last seen, lawfully: to protect the person's life and health in an emergency
# (个人信息保护法 第十三条第一款第四项); the linker does not search it, as it does not search a datelined report.
#: (bounded blanks, one run only: two adjacent \s* over a text of blanks backtrack quadratically)
_MISSING_NOTICE = rx.compile(r"\s{0,8}(?:[【\[〔]\s{0,4})?(?:紧急)?(?:寻人启事|寻人|寻亲启事|寻找走失)")
#: the families a missing-person notice lawfully names (h16r2)
_MISSING_NEEDS = frozenset({"health", "minor", "whereabouts", "biometric"})
_NEWS_DATELINE = rx.compile(
    r"\s*(?:[\u4e00-\u9fff]{1,8}(?:网|社|台|报)消息|新华社[\u4e00-\u9fff]{0,8}[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日电|"
    r"(?:本报|本台|本刊)讯|[（(]\s*记者[\u4e00-\u9fff ·、]{2,20}[)）])")
_GROUP = rx.compile(r"等[0-9一二三四五六七八九十百]+(?:人|名)")
_BASIS = "个人信息保护法 第二十八条（敏感个人信息）"
_WINDOW = 30          # characters either side of a gate word a row's pattern is tried in
_LINK = 30            # at most this many characters between a name and its attribute
_LINK_CHILD = 8       # … for a bare child word (儿童, 孤儿): 留守儿童蒋天佑, not 为留守儿童送去
_CLAUSE_WIDEN = 20    # a finding grows to the attribute's clause edge, at most this far
_READ = 16            # the tagger reads this many characters either side of a plausible name
# where the tagger's window stops: a clause end (not 、 or a quote: 张三、李四 is read together)
_READ_END = rx.compile(r"[，,。！？!?；;\n]")
_LAST_READ_END = rx.compile(r"[，,。！？!?；;\n](?=[^，,。！？!?；;\n]*\Z)")  # the last one before endpos
_SENT_END = rx.compile(r"[。！？!?；;\n]")
_LAST_SENT_END = rx.compile(r"[。！？!?；;\n][^。！？!?；;\n]*\Z")  # the last one before endpos
_CLAUSE_END = rx.compile(r"[，,。！？!?；;：:\n、（）()“”\"]")
_LAST_CLAUSE_END = rx.compile(r"[，,。！？!?；;：:\n、（）()“”\"][^，,。！？!?；;：:\n、（）()“”\"]*\Z")  # the last one before endpos
_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = rx.compile(r"[0-9]{1,3}|[一二三四五六七八九十两]{1,3}")
_YEAR = rx.compile(r"20[0-9]{2}")
# a time precise enough to place a person (a date, a clock time, a part of a named day)
_TIME = rx.compile(
    r"[0-9一二三四五六七八九十]{1,2}(?:月|日|号|时|点)|当[天晚日]|昨[天日晚]|今[天晨早晚]|前[天晚]|"
    r"凌晨|深夜|半夜|[上下]午|晚上|早上|中午|傍晚|周[一二三四五六日末]|星期[一二三四五六日天]|"
    r"近[0-9一二三四五六七八九十]{1,2}天|[0-9]{1,2}[:：][0-9]{2}|"
    # a named holiday or school break places a person as well as a date (今年春节在三亚)
    r"春节|除夕|元旦|清明|五一|端午|中秋|国庆|暑假|寒假|[国长]假期间")
_SCHOOL_NOT = ("教师", "老师", "校长", "教员", "教职", "毕业", "文化", "学历", "同学会", "阶段", "学校", "入学", "招生")
_CHILD_NOT = ("节", "医院", "福利院", "乐园", "之家", "公园", "服装", "用品", "读物", "权益", "保护", "工作", "事业", "主任",
              "专家", "友好", "剧", "文学", "时期", "时代", "时候", "关爱", "救助", "教育")
# Mentions that are not private persons in this role: titles (also in names.py), professions
# acting in role, anonymised forms.
_ROLE_BEFORE = ("民警", "警官", "法官", "检察官", "医生", "医师", "护士", "护士长", "律师", "记者", "通讯员", "教师", "老师",
                "主持人", "社工", "网格员", "书记员", "辅警", "交警", "调解员", "工作人员", "村干部", "干部", "专家", "教授",
                "院士", "研究员", "巡视员", "发言人", "组长", "班长", "队长", "科学家", "球员", "运动员", "航天员", "演员",
                "作家", "导演", "歌手", "选手", "教练", "法定代表人", "实际控制人", "负责人", "董事长", "总经理",
                "执法员", "消防员", "医护人员", "村医", "志愿者", "党员", "代表", "委员", "园长", "特使", "检察官",
                "头目")
_DECEASED = rx.compile("牺牲|殉职|逝世|去世|离世|病逝|遇难|辞世|因公殉|不幸身亡")
# a pronoun or a relative between a name and an attribute: the attribute is that person's
# what a link may not cross: a heading's colon, another identifier (seven digits, grouped or not)
# or a home-address field of a list row
_COLON_OR_ID = rx.compile(r"[：:]|[0-9](?:[ \u3000-]?[0-9]){6}|现住|住址|家住|地址")
# an issuing agency's abbreviation in a document number (行政处罚决定书（武公（交）罚〔2020〕793号)
_DOC_NUMBER_AFTER = rx.compile(r"[（(]?[\u4e00-\u9fff]{0,3}[）)]?[\u4e00-\u9fff]{0,2}[〔\[]")
_OTHER_PERSON = rx.compile("(?<![与和被因同跟向对])(?:[他她其]的?|的)(?:妻子|丈夫|儿子|女儿|孙子|孙女|父亲|母亲|爷爷|奶奶|老伴|孩子)"
                           "|(?:确认|发现|帮助?|为|给|替|陪|送)[他她]")
#: words of a disciplinary report (its subject is an official): gate words, so whether the text
#: holds one comes from the shared pass (a search of the alternation read every character of a
#: 2,000-character post again, ~30 µs)
_DISCIPLINE_WORDS = ("开除党籍", "开除公职", "党纪处分", "政务处分", "严重违纪", "职务违法", "纪律审查", "监察调查")
gates.register(*_DISCIPLINE_WORDS)
# An anonymised person's relative or guardian named in full right after them (精神障碍患者刘某军的监护人
# 刘春生, 吸毒人员王某的母亲李秀兰): the relative's name and the relation point back at the person the
# masking was meant to protect, so the attribute is linked to the relative's name
# (个人信息保护法 第二十八条, 精神卫生法 第四条, 未成年人保护法 第一百零三条: masking that a named
# relative undoes is no de-identification).
_RELATIVE_OF_MASKED = rx.compile("[^，,。；;！？!?\n“”]{0,8}?某{1,2}[\u4e00-\u9fff]?的(?:监护人|法定代理人|家属|家长|父亲|母亲|丈夫|妻子|儿子|女儿|爷爷|奶奶|外公|外婆|"
                                 "哥哥|姐姐|弟弟|妹妹|父母)[：:]?")
_KIN_AFTER = rx.compile("的?(?:女儿|儿子|孩子|孙子|孙女|外孙|弟弟|妹妹|小孩)")
_IS_A = rx.compile("[，,]?(?:是|系|为|作为)?(?:一名|一个|一位)?")
_KIN = rx.compile("父亲|母亲|丈夫|妻子|儿子|女儿|爷爷|奶奶|外公|外婆|家人|亲人|父母|老伴|哥哥|姐姐|弟弟|妹妹")
_PLACE_END = frozenset("县市省区镇乡村州岛港湾路街站团队部局院所校园厂司馆会组")
_NOT_IN_NAME = frozenset("第届号年月日们")
# a person speaking is a source, not the subject of what they say (王丽萍介绍，…感染者)
_SPEAKING = ("介绍", "表示", "指出", "强调", "说", "认为", "谈到", "告诉", "回忆", "坦言", "呼吁", "提出", "建议", "称", "透露",
             "解释", "分析", "补充", "讲述", "感慨", "谴责", "会见", "会谈", "致辞", "讲话", "主持")
_SPEAKS = rx.compile(r"(?:[0-9一二三四五六七八九十]{1,2}日)?(?:在[\u4e00-\u9fff]{1,8})?时?(?:" + "|".join(_SPEAKING) + ")")
_HONORIFIC = ("先生", "女士", "老人", "大爷", "大妈", "阿姨", "师傅", "同志", "老师", "医生", "小姐", "奶奶", "爷爷")
#: a quoted item of an enumeration (“百家乐”“龙虎斗”等, “神仙水”、“开心水”): the quotes around a candidate,
#: and another item or 等 right after it or an item right before it
_OPEN_QUOTES = "“「『\"'‘"
_CLOSE_QUOTES = ("”", "」", "』", "\"", "'", "’")
_ENUM_NEXT = ("“", "「", "『", "等", "、", "之类", "这类")
_ENUM_PREV = ("”", "」", "』", "、")
#: the rest of a quoted enumeration and the noun it heads: people (“王建国”“刘芳”等人系吸毒人员, “王建国”、
#: “刘芳”等三人): then the items are persons after all (h16r2)
_ENUM_OF_PEOPLE = re.compile(
    r"(?:[、，,]?[“「『\"'‘][^”」』\"'’\n]{1,8}[”」』\"'’])*[、，,]?(?:等|均|都|系|二|两)?"
    r"[0-9一二两三四五六七八九十]{0,3}[名位个]?(?:人|同志|同学|村民|居民|患者|病人|学生|员工|干部|民警|老人|儿童|男子|女子|嫌疑)")
_ROLE_AFTER = ("医生", "医师", "护士", "律师", "记者", "警官", "法官", "教授", "院士", "老师", "主任医师", "研究员")
# a verb or preposition whose object is the person inside an attribute (判处侯永康有期徒刑三年)
_OBJECT_BEFORE = ("判处", "对", "将", "为", "给")

_ALIAS = rx.compile(r"[（(]\s*化名\s*[)）]")
_NAME_CHARS = rx.compile(r"[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{2,6}[·•][\u4e00-\u9fff]{2,8}")
_FUNCTION_CHARS = frozenset("为的了在和与及是对把被向从于以也都就而或并但之其等说系因因患今已曾")


@dataclass(frozen=True)
class AttributeRow:
    """One row of sensitive_attributes.tsv: its family, gate words, pattern, check, whether the
    attribute itself is masked, legal basis, and the examples that must hit and must not."""

    id: str
    family: str
    gates: tuple[str, ...]
    pattern: re.Pattern
    check: str
    mask_attr: bool
    basis: str
    hit: str
    miss: str


@lru_cache(maxsize=1)
def attribute_rows() -> tuple[AttributeRow, ...]:
    """The rows of sensitive_attributes.tsv (read once); ValueError for an unknown family or mask."""
    rows = []
    with open(DATA, encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    for r in reader:
        if r["family"] not in FAMILY_LABELS:
            raise ValueError(f"{DATA.name}: row {r['id']}: unknown family {r['family']!r}")
        if r["mask"] not in ("name", "name+attr"):
            raise ValueError(f"{DATA.name}: row {r['id']}: mask must be name or name+attr")
        rows.append(AttributeRow(id=r["id"], family=r["family"], gates=tuple(r["gates"].split("|")),
                                 pattern=rx.compile(r["pattern"]), check=r["check"] or "",
                                 mask_attr=r["mask"] == "name+attr", basis=r["basis"], hit=r["hit"], miss=r["miss"]))
    return tuple(rows)


@lru_cache(maxsize=1)
def _gate_rows() -> dict[str, tuple[int, ...]]:
    """For each gate word of the rows, the rows it opens. The words join the detectors' shared
    gate pass (:mod:`.gates`): a text that is not datelined news (every county post of its own)
    was read by two automata, the shared one and this one, ~32 µs more for a 2,000-character post;
    the joined pass costs the official texts (98% datelined news, which never ask) 7% more
    automaton time, 0.5% of their scan (benchmarks/README.md "Where a post's time goes")."""
    words: dict[str, list[int]] = {}
    for i, row in enumerate(attribute_rows()):
        for g in row.gates:
            words.setdefault(g, []).append(i)
    gates.register(*words)
    gates.register(*minority_name_parts())  # (where a minority name can start: _minority_search)
    gates.warm_up()
    return {w: tuple(rows) for w, rows in words.items()}


@lru_cache(maxsize=1)
def _row_searchers() -> tuple[re.Pattern, ...]:
    """Each row's pattern as :func:`attribute_hits` searches its windows with: behind a look-ahead
    on the characters a match can start with (:func:`scanner.rx.first_chars`; the same matches),
    where those are a few. Most rows open on optional groups (家庭?人均?月?…), which the engine
    tried in full at every position of a window: the look-ahead takes the rows' search from ~29
    to ~11 ms over the speed table's 400 posts. The classes are worked out once (the parse, ~18 ms)
    and kept in the compiled cache; built inside ``Scanner()``, so that rx.save() keeps the patterns."""
    import hashlib
    from pathlib import Path

    from .. import compiled

    rows = attribute_rows()
    digest = hashlib.sha256("\x00".join(f"{r.pattern.flags}:{r.pattern.pattern}" for r in rows).encode()).hexdigest()
    firsts = compiled.memo("row_first_chars", compiled.code_key(Path(rx.__file__), digest),
                           lambda: tuple(rx.first_chars(r.pattern.pattern, r.pattern.flags) for r in rows))
    return tuple(r.pattern if f is None else rx.compile(f"(?=[{f}])(?:{r.pattern.pattern})", r.pattern.flags)
                 for r, f in zip(rows, firsts))


_AGE_NUM = rx.compile(r"([0-9]{1,2}|[一二三四五六七八九十两]{1,3})周?岁")


def _number(s: str) -> int | None:
    """The number before 岁 (or the first number) in ``s``."""
    m = _AGE_NUM.search(s) or _NUM.search(s)
    if not m:
        return None
    t = m.group(1) if m.re is _AGE_NUM else m.group()
    if t.isdigit():
        return int(t)
    if t.startswith("十"):
        return 10 + (_CN_DIGITS.get(t[1:2], 0) if len(t) > 1 else 0)
    if len(t) >= 2 and t[1] == "十":
        return _CN_DIGITS.get(t[0], 0) * 10 + (_CN_DIGITS.get(t[2:3], 0) if len(t) > 2 else 0)
    return _CN_DIGITS.get(t[0])


def _clause(v: str, s: int, e: int) -> tuple[int, int]:
    """The clause around v[s:e]: from after the last clause end in the 40 characters before ``s``
    (or 40 characters back) to the next one within 40 characters after ``e``."""
    a = max(0, s - 40)
    m = _LAST_CLAUSE_END.search(v, a, s)  # (one search in C, not a step back a character at a time)
    lo = m.start() + 1 if m else a
    m = _CLAUSE_END.search(v, e, min(len(v), e + 40))
    return lo, (m.start() if m else min(len(v), e + 40))


def _read_window(v: str, lo: int, hi: int, p: int, hits) -> tuple[int, int]:
    """What the tagger reads around a plausible name at ``p`` of the sentence ``v[lo:hi]`` with the
    attribute ``hits``: up to ``_READ`` characters either side, and a side stops at the clause end
    nearest the name (kept, so that the name's neighbour is the one the whole sentence gives it)
    when no attribute lies beyond that clause end (LAC costs ~11 µs a character). A clause with an
    attribute is read as before: a name the tagger finds there may be nearer that attribute than
    the plausible one and take the link from it (到7月下旬蒋介石才离开广州，鲍罗廷…: the window
    must reach 蒋介石, or 离开广州 goes to 鲍罗廷). A name in a cut clause could still be the
    nearer one for an attribute between the cut and ``p`` (甲说，患有…的乙); no finding changes on
    the SPI, PII and held-out NER sets nor on the official texts (benchmarks/README.md, issue 14's
    seventh session)."""
    a, b = max(lo, p - _READ), min(hi, p + _READ)
    m = _LAST_READ_END.search(v, a, p)
    if m and not any(h[0] < m.start() for h in hits):
        a = m.start()
    m = _READ_END.search(v, min(b, p + 2), b)
    if m and not any(h[1] > m.end() for h in hits):
        b = m.end()
    return a, b


def _sentences(v: str, hits) -> list[list[int]]:
    """The sentences around the attribute ``hits`` (ordered by start), merged where they touch, as
    ``[start, end]``: from after the last sentence end (or line break) at most 60 characters before
    a hit to the next one at most 60 characters after it. Each is read once by the name models."""
    sents: list[list[int]] = []
    for s, e, _ in hits:
        lo = max(v.rfind("\n", 0, s) + 1, s - 60)
        m = _LAST_SENT_END.search(v, lo, s)
        if m is not None:
            lo = m.start() + 1
        m = _SENT_END.search(v, e, min(len(v), e + 60))
        hi = m.start() if m else min(len(v), e + 60)
        if sents and lo <= sents[-1][1]:
            sents[-1][1] = max(sents[-1][1], hi)
        else:
            sents.append([lo, hi])
    return sents


def _check(row: AttributeRow, v: str, s: int, e: int) -> bool:
    c = row.check
    if not c or c == "passive":  # passive: decided with the name (SensitiveLinker.link)
        return True
    m = v[s:e]
    if c == "age<14":
        n = _number(m)
        if n is None:
            return False
        if ("不满" in m or "未满" in m) and n <= 14:
            return True
        return n < 14 and not v.startswith(("年", "月", "日", "万", "亿", "元"), e) and v[s - 1:s] not in ("第", "零") \
            and not v.startswith(("以上", "以下", "至", "到", "-", "~", "～"), e)
    if c == "born<14":
        y = _YEAR.search(m)
        return y is None or int(y.group()) >= time.gmtime().tm_year - 14
    if c == "when_school":
        return not v.startswith(_SCHOOL_NOT, e) and m not in ("小学", "上小学", "读小学")
    if c == "label":  # decided with the name too (SensitiveLinker.link)
        return not v.startswith(_CHILD_NOT, e)
    lo, hi = _clause(v, s, e)
    if c in ("when_transport", "when_stay") and re.search(r"[0-9]", m):
        return True
    if c == "when_stay" and ("登记" in m or "记录" in m):
        return True  # a lodging record is a record of where the person was, whenever it was
    return bool(_TIME.search(v, lo, hi))


def attribute_hits(v: str) -> list[tuple[int, int, AttributeRow]]:
    """Every attribute match in ``v`` (checked, longest first where two rows overlap)."""
    if not v:
        return []
    rows_of = _gate_rows()
    windows: dict[int, list[list[int]]] = {}  # row → the windows around its gate words, merged
    n = len(v)
    for s, e, w in gates.hits(v):  # every gate word, ordered by end (the shared pass)
        rows = rows_of.get(w)
        if rows is None:
            continue  # another detector's gate word
        for i in rows:
            lo, hi = max(s - _WINDOW, 0), min(e + _WINDOW, n)
            ws = windows.setdefault(i, [])
            if ws and lo <= ws[-1][1]:  # overlaps the windows so far: extend the last one
                ws[-1][1] = max(ws[-1][1], hi)
            else:
                ws.append([lo, hi])
    if not windows:
        return []
    rows = attribute_rows()
    searchers = _row_searchers()
    out = []
    for i in sorted(windows):
        row, pattern = rows[i], searchers[i]
        for a, b in windows[i]:
            for m in pattern.finditer(v, a, b):
                if m.end() > m.start() and _check(row, v, m.start(), m.end()):
                    out.append((m.start(), m.end(), row))
    out.sort(key=lambda t: (t[0], -t[1]))
    kept: list[tuple[int, int, AttributeRow]] = []
    for t in out:  # drop a match inside a longer one of the same family
        if kept and t[0] < kept[-1][1] and t[1] <= kept[-1][1] and t[2].family == kept[-1][2].family \
                and (kept[-1][2].mask_attr or not t[2].mask_attr):
            continue  # (an inner match whose law protects it stays, to be masked: 确诊为【艾滋病】)
        kept.append(t)
    return kept


def mask_name(name: str, original: str | None = None) -> str:
    """巫海峰 → 巫某某, 张伟 → 张某, 欧阳志远 → 欧阳某某; 某某 for a name without a Han surname."""
    shown = original or name
    if name[:2] in COMPOUND_SURNAMES:
        k = 2
    elif len(name) <= 4 and name[0] in SURNAME_SET:
        k = 1
    else:
        return "某某"
    return shown[:k] + "某" * max(1, min(2, len(name) - k))


class SensitiveLinker:
    """Links attribute matches to private persons' names in the same sentence (module docstring)."""

    def __init__(self, public_officials: frozenset[str], tagger=None) -> None:
        """``tagger``: the character CRF (:mod:`scanner.name_tagger`), whose lexicon the cascade's
        gate and filters read; None: cue names only. Person mentions come from the cue names, LAC
        (:mod:`scanner.person_model`) and the surname rules; the CRF's own runs as a fourth source
        added nothing on the dev half and false names on news (benchmarks/PII.md)."""
        self.public_officials = public_officials
        self.tagger = tagger
        self.debug: list | None = None  # (row, mention source, name, attribute) of every link, when a list
        attribute_rows()
        _gate_rows()
        _row_searchers()
        # the tagger's filters' patterns now, inside Scanner(), so that rx.save() keeps them (the
        # model itself loads on first use)
        from .. import person_model

        person_model.keep_patterns()

    # -------------------------------------------------------------- mentions
    def _candidates(self, v: str):
        """Positions in ``v`` where a surname is followed by given-name characters (the name
        model's lexicon: buckets of how much likelier a character is in given names), computed
        once per text with array operations: a position ``i`` is one when

        * ``v[i]`` is a surname and ``v[i+1]`` a Han character scored ≥ 7 as a given-name one;
        * ``v[i+2]`` scores ≥ 6 too, or ends a name's run (a function word, punctuation), or a
          clause starts at ``i`` (after punctuation, a digit or the text's start: 刘洋每月工资…,
          not only 刘洋说);
        * and ``i`` is not inside a transliteration: the characters either side are likelier in
          transliterated names than in given names (拉夫|罗|夫, 巴|沙|尔).

        One pass in C where the extension is built (scanner/_speedups.c, a list), else
        :meth:`_candidates_numpy` (an array; both are read with bisect and indexing)."""
        if _name_candidates is not None:
            lex = self.tagger.lexicon
            return _name_candidates(v, self._flag_table(), lex.given, lex.translit)
        return self._candidates_numpy(v)

    def _candidates_numpy(self, v: str):
        """:meth:`_candidates` in NumPy, the reference: one lookup in a table of per-character
        flags, and shifted views of one padded copy (was five table lookups and ten shifted
        copies: a third of the linker's time on a post)."""
        import numpy as np

        flags = self._flag_table()
        cps = np.frombuffer(v.encode("utf-32-le"), dtype=np.uint32)
        n = len(cps)
        p = np.empty(n + 3, dtype=np.uint8)  # p[k + 1] = flags of v[k]; the pads read as
        p[0] = _F_BOUND  # a clause start before the text,
        p[n + 1:] = _F_BOUND | _F_FN  # and a boundary that ends a name after it
        flags.take(cps, out=p[1:n + 1])
        cur, nxt, nx2, prv = p[1:n + 1], p[2:n + 2], p[3:n + 3], p[:n]
        ok = (nxt & (_F_BOUND | _F_G7)) == _F_G7
        ok &= (cur & _F_SUR).view(bool)
        ok &= ((nx2 & (_F_G6 | _F_FN)) | (prv & _F_BOUND)) != 0
        idx = ok.nonzero()[0]
        if not len(idx):
            return idx
        # the transliteration test, only where both neighbours score ≥ 10 as transliteration
        # characters and no clause starts (rare: the values themselves are read there only)
        before = prv.take(idx)
        maybe = ((before & nxt.take(idx) & _F_T10) != 0) & ((before & _F_BOUND) == 0)
        if maybe.any():
            lex = self.tagger.lexicon
            at = idx[maybe]
            g, t = lex.given, lex.translit
            tp = t.take(cps.take(at - 1)).astype(np.int16)
            gp = g.take(cps.take(at - 1)).astype(np.int16)
            t1 = t.take(cps.take(at + 1)).astype(np.int16)
            g1 = g.take(cps.take(at + 1)).astype(np.int16)
            foreign = (tp > gp) & (t1 >= g1)
            if foreign.any():
                idx = np.setdiff1d(idx, at[foreign], assume_unique=True)
        return idx

    def _flag_table(self):
        """Per code point: surname, ends a name's run, a clause can start after it, given-name
        bucket ≥ 7 and ≥ 6, transliteration bucket ≥ 10 (of this linker's name-model lexicon);
        built on the first text that asks (~3 ms)."""
        t = self.__dict__.get("_flags")
        if t is None:
            import numpy as np

            lex = self.tagger.lexicon
            t = np.zeros(0x110000, dtype=np.uint8)
            bit = np.empty_like(t)
            for flag, mask in ((_F_SUR, _surname_table()), (_F_FN, _function_table()), (_F_BOUND, _boundary_table()),
                               (_F_G7, lex.given >= 7), (_F_G6, lex.given >= 6), (_F_T10, lex.translit >= 10)):
                np.multiply(mask.view(np.uint8), flag, out=bit)  # (in place: ~3 ms for the six, not ~13)
                t |= bit
            t.setflags(write=False)
            self._flags = t
        return t

    def _plausible(self, v: str, lo: int, hi: int, hits, cand) -> list[int]:
        """The cascade's gate: where in ``v[lo:hi]`` a private person's name can be that the
        attributes ``hits`` would link to — a surname followed by given-name characters that does
        not sit inside a dictionary word (``cand``, from :meth:`_candidates`), a compound surname,
        or minority name parts — less the names that cannot be private whatever the tagger says
        (:meth:`_public_at`). The tagger reads only around these positions; none: not at all."""
        parts = _part_spans(v)
        lex = self.tagger.lexicon
        out: list[int] = []
        for s, e, row in hits:
            if row.check in ("passive", "label"):
                regions = [(e, min(hi, e + 4))] + ([(max(lo, s - 10), s)] if row.check == "passive" else [])
            else:
                regions = [(max(lo, s - _LINK), min(hi, e + _LINK))]
            for a, b in regions:
                if b - a < 2:
                    continue
                for m in _COMPOUND_RE.finditer(v, a, b):
                    if not self._public_at(v, m.start(), (m.end() + 1, m.end() + 2)):
                        out.append(m.start())
                m = _minority_search(v, a, min(len(v), b + 2), parts)
                if m and m.end() - m.start() >= 3 and m.start() < b and not self._public_at(v, m.start(), (m.end(),)):
                    out.append(m.start())
                k = bisect_left(cand, a)
                while k < len(cand) and cand[k] < b:
                    p = int(cand[k])
                    # not inside a dictionary word (高质量, 王国, 主席, 莫斯科, 贝鲁特 are not names), not
                    # the second surname-like character of a name (丁|薛祥), not an official, a speaker,
                    # a public figure or a place (局长许甘露, 王沪宁表示, 杜马镇)
                    if word_freq(v[p:p + 2]) < 100 and (p == 0 or word_freq(v[p - 1:p + 1]) < 100) \
                            and not (k > 0 and p - int(cand[k - 1]) <= 2) and not _in_word(v, p, lex) \
                            and word_freq(v[p + 1:p + 3]) < 5000 and (p == 0 or v[p - 1] not in "·•") \
                            and not _word_cut(v, p, lex) and not self._public_at(v, p, (p + 2, p + 3)):
                        out.append(p)
                    k += 1
        return sorted(set(out))

    def _public_at(self, v: str, s: int, ends: tuple[int, ...]) -> bool:
        """Whether a name starting at ``s`` and ending at any of ``ends`` would be judged not private
        by :meth:`_private` from its surroundings alone: beside an official title, a speaker, a
        listed public figure or official, followed by a place or organisation word."""
        if official_title_before(v, s) or v[max(0, s - 6):s].endswith(_ROLE_BEFORE):
            return True  # a title or a role before it (局长许甘露, 运动员陆晓聪): whatever the name's length
        for e in ends:
            if e > len(v):
                continue
            name = v[s:e]
            if name in self.public_officials or name in _public_figures() or _SPEAKS.match(v, e) \
                    or official_title_after(v, e) or v.startswith(ORG_AFTER, e) or v[e:e + 1] in _PLACE_END:
                return True
        return False

    def _mentions(self, v: str, lo: int, hi: int, cue_names: list[tuple[int, int]], hits,
                  tagged: list[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
        """Candidate person spans in ``v[lo:hi]``: cue names, the tagger's PER words (``tagged``), minority names
        and a surname-rule name at a clause start."""
        spans: dict[tuple[int, int], str] = {}
        for s, e in cue_names:
            if lo <= s and e <= hi:
                spans.setdefault((s, e), "cue")
        seg = v[lo:hi]
        for a, b in tagged:  # the tagger's PER words in this sentence (offsets into v)
            spans.setdefault(self._extend(v, a, b, hi), "lac")
        for m in minority_name_re()[0].finditer(seg):  # minority names the tagger splits or misses (扎西顿珠)
            if m.end() - m.start() >= 3:
                spans.setdefault((lo + m.start(), lo + m.end()), "rule")
        if self.tagger is not None:
            for m in _CLAUSE_START.finditer(seg):
                c = _rule_name(v, lo + m.start(1))
                if c and self._given_like(v, c):
                    spans.setdefault(c, "rule")
            for s, e, _ in hits:  # a surname-rule name touching the attribute (村里的巫海峰因抑郁症…)
                for m in _SURNAME_AT.finditer(v, max(lo, s - 6), min(hi, e + 1)):
                    c = _rule_name(v, m.start())
                    if c and (s - 2 <= c[1] <= s or c[0] in (e, e + 1) or v.startswith("的", c[1])) \
                            and self._given_like(v, c):
                        spans.setdefault(c, "rule")

        out = []
        hit_starts = [h[0] for h in hits]
        for (s, e), src in spans.items():
            while e - s > 2 and v[e - 1] in _FUNCTION_CHARS and v[e - 1] != "某":
                e -= 1  # 巫海峰系, 王建军因: a function character joined to the name
            if e - s >= 3 and word_freq(v[e - 2:e]) >= 1000 and self.tagger is not None \
                    and min(int(self.tagger.lexicon.given[ord(c)]) for c in v[e - 2:e]) <= 5:
                e -= 2  # 杨永冲突, 周新冠: an everyday word the tagger joined to the name
                if e - s < 2:
                    continue
            if not (_NAME_CHARS.fullmatch(v, s, e) or (e - s >= 2 and "某" in v[s:e])):
                continue
            k0, k1 = bisect_left(hit_starts, s - 80), bisect_left(hit_starts, e)
            if any(hs < s < he or (s < he and hs < e and e >= he) for hs, he, _ in hits[k0:k1]
                   if not ((v.startswith("的", e) and e + 1 < he) or ((v[s - 2:s] in _OBJECT_BEFORE or v[s - 1:s] in _OBJECT_BEFORE) and e < he))):
                continue  # part of an attribute (伊斯兰教, 双性恋), unless it is whose (采集了李桂兰的指纹)
            out.append((s, e, src))
        return sorted(set(out))

    def _extend(self, v: str, a: int, b: int, hi: int) -> tuple[int, int]:
        """The tagger's two-character Han name ``v[a:b]`` with a third character when the tagger
        stopped before a likely given-name character that is no function word and starts no
        word (蒙德|才欠下: 德才 is a word, so LAC cut the name)."""
        if b - a != 2 or b >= hi or v[a] not in SURNAME_SET or self.tagger is None:
            return a, b

        c = v[b]
        if c in _FUNCTION_CHARS or _CLAUSE_END.match(v, b) or int(self.tagger.lexicon.given[ord(c)]) < 7 \
                or word_freq(v[b:b + 2]) >= 100 or word_freq(v[a:b + 1]) >= 50 or not _NAME_CHARS.fullmatch(v, a, b + 1):
            return a, b
        return a, b + 1

    def _given_like(self, v: str, c: tuple[int, int]) -> bool:
        """Whether the given-name characters of a surname-rule name are likely in given names (the
        name model's lexicon: log-likelihood buckets, 6 = as likely as in any word)."""
        s, e = c
        k = 2 if v[s:s + 2] in COMPOUND_SURNAMES else 1
        lex = self.tagger.lexicon
        g = [int(lex.given[ord(ch)]) for ch in v[s + k:e]]
        t = [int(lex.translit[ord(ch)]) for ch in v[s + k:e]]
        return min(g) >= 6 and sum(g) >= (7 * len(g) if len(g) > 1 else 8) and sum(t) <= sum(g)

    def _private(self, v: str, s: int, e: int, doc: dict) -> bool:
        """Whether the mention ``v[s:e]`` is a private person (not anonymised, official, in role,
        or famous)."""
        name = v[s:e]
        if "某" in name or _ALIAS.match(v, e) or name in self.public_officials or name in _public_figures():
            return False
        k = 2 if name[:2] in COMPOUND_SURNAMES else 1
        if name[0] not in SURNAME_SET and k == 1:
            # no Han surname: a minority name (扎西顿珠, 阿依古丽) is private; a transliterated
            # foreign name (梅克达德, 古特雷斯) is a foreign public figure in this register
            if not minority_name_re()[0].fullmatch(name.replace("•", "·")):
                return False
        if _DOC_NUMBER_AFTER.match(v, e):
            return False  # an agency's abbreviation in a document number (武公（交）罚〔2020〕)
        if v.startswith((":", "："), e) and (s == 0 or v[s - 1] in "\n：:"):
            return False  # a headline's subject (钱素云：危重患儿的生命之光)
        if name[k:] in _HONORIFIC or _SPEAKS.match(v, e) or v.startswith(ORG_AFTER, e):
            return False  # 杜先生 (no given name), 胡翔介绍 (a source), 段家湾村 (a place)
        if "《" in v[max(0, s - 12):s] and "》" in v[e:e + 12] and "》" not in v[max(0, s - 12):s]:
            return False  # a character in a work: 《孔小西和哈基姆》
        if s > 0 and v[s - 1] in _OPEN_QUOTES and v.startswith(_CLOSE_QUOTES, e) and (
                v.startswith(_ENUM_NEXT, e + 1) or v[max(0, s - 2):s - 1] in _ENUM_PREV) and not (
                _ENUM_OF_PEOPLE.match(v, e + 1, e + 80)):
            return False  # a quoted item of an enumeration: “牛牛”“龙虎斗”等赌博 (a game, not a person)
        if name[-1] in _PLACE_END or not _NOT_IN_NAME.isdisjoint(name):
            return False  # 石川县, 萧山站, 第十届: a place, an organisation, an ordinal the tagger took for a person
        if self.tagger is not None:
            if word_class(self.tagger.lexicon, name) in ("word", "ns", "nt", "nrt"):
                return False  # 加拿大, 家长, 石川: a dictionary word that is not a Chinese person's name
        if self.tagger is not None and len(name) == 2 and k == 1:
            lex = self.tagger.lexicon
            tr, gv = int(lex.translit[ord(name[1])]), int(lex.given[ord(name[1])])
            if tr >= 11 and tr > gv:
                return False  # 罗塔, 苏拉: a transliterated foreign name
        if doc["discipline"]:
            return False  # a disciplinary decision on a party member or official, published by the commission
        for m in _DECEASED.finditer(v, max(0, s - 60), min(len(v), e + 80)):
            if not _KIN.search(v, max(0, m.start() - 8), m.start()):
                return False  # a deceased person (个人信息保护法 第四十九条: their near relatives' rights)
        if name.startswith("小") and len(name) <= 3 and _ALIAS.match(v, e):
            return False
        if beside_official_title(v, s, e):
            return False
        if name in doc["official"]:
            if doc["official"][name]:
                return False
        else:
            seen, at = False, v.find(name)
            while 0 <= at and at < len(v):  # the text gives the same name an official title or a role elsewhere
                if at != s and (beside_official_title(v, at, at + len(name)) or v[max(0, at - 6):at].endswith(_ROLE_BEFORE)):
                    seen = True
                    break
                at = v.find(name, at + len(name))
            doc["official"][name] = seen  # (once per name and text: many mentions must not make this quadratic)
            if seen:
                return False
        before = v[max(0, s - 6):s]
        if before.endswith(_ROLE_BEFORE) or v.startswith(_ROLE_AFTER, e):
            return False
        if word_freq(name) >= 100:  # 鲁迅, 玄奘, 梁山伯: famous or not a name
            return False
        return True

    # -------------------------------------------------------------- entry point
    def link(self, views: Views, v: str, cue_names: list[tuple[int, int]]) -> tuple[list[Finding], set[tuple[int, int]]]:
        """The sensitive_personal_info findings of ``v`` and the cue names they consumed."""
        if _NEWS_DATELINE.match(v):
            # a datelined news report: a finding could only be info (个人信息保护法 第十三条第一款第五项),
            # so the cascade stops here; the cue detector still reports the names it finds
            return [], set()
        missing = _MISSING_NOTICE.match(v) is not None
        hits = attribute_hits(v)
        if missing:
            # a missing-person notice needs the person's illness, age and where they were last seen, not
            # a criminal record, a faith, money or a private life (寻人：王建国曾因强奸罪被判刑: h16r2)
            hits = [h for h in hits if h[2].family not in _MISSING_NEEDS]
        if not hits:
            return [], set()
        sents = _sentences(v, hits)
        kept = self._person_mentions(v, hits, sents, cue_names)
        if not kept:
            return [], set()
        links = self._links(v, hits, sents, kept)
        out = []
        for (ns, ne), attrs in sorted(links.items()):
            out.append(self._finding(views, v, ns, ne, attrs))
        return out, set(links)

    def _person_mentions(self, v: str, hits, sents: list[list[int]],
                         cue_names: list[tuple[int, int]]) -> list[tuple[int, int, bool, str]]:
        """The cascade: the person mentions ``(start, end, private, source)`` of the sentences
        ``sents`` around the attribute ``hits``, ordered, none inside or across another. The tagger
        reads only around the positions where a private name is plausible (:meth:`_plausible`), all
        of the text's windows in one call; a sentence with none is not read by the tagger, and the
        rules read it only when it holds a cue name."""
        mentions: list[tuple[int, int, bool, str]] = []
        cand = self._candidates(v) if self.tagger is not None else None
        doc = {"discipline": gates.any_of(v, _DISCIPLINE_WORDS), "official": {}}
        chosen = []
        windows: list[tuple[int, int, int]] = []  # (start, end, index into chosen): what the tagger reads
        for lo, hi in sents:
            here = [h for h in hits if lo <= h[0] < hi]
            if self.tagger is None:
                reads = [(lo, hi)]
            else:
                # the tagger reads only around the plausible names (and the rules the sentence); a
                # sentence with a cue name is the rules' even where no other name is plausible (the
                # cue name is a mention already: LAC reading the whole sentence for it cost ~25 µs a
                # character and found nothing the windows miss on the SPI and NER sets)
                at = self._plausible(v, lo, hi, here, cand)
                cues = [(a, b) for a, b in cue_names if lo <= a and b <= hi]
                if at and cues:
                    # a plausible name the cue rules already read (村民王宇婷, 居民龙立勤) is a mention
                    # without the tagger: its window would only repeat it (~0.5 ms a post)
                    at = [p for p in at if not any(a <= p < b for a, b in cues)]
                if not at and not cues:
                    continue  # no cue name and nothing that could be a private name: neither the tagger nor the rules read it
                reads = []
                for p in at:
                    a, b = _read_window(v, lo, hi, p, here)
                    if reads and a <= reads[-1][1]:
                        reads[-1] = (reads[-1][0], max(reads[-1][1], b))
                    else:
                        reads.append((a, b))
            windows += [(a, b, len(chosen)) for a, b in reads]
            chosen.append((lo, hi, here))
        tagged: dict[int, list[tuple[int, int]]] = {}
        if windows:
            from .. import person_model

            for (a0, _, k), spans in zip(windows, person_model.name_spans_many([v[a:b] for a, b, _ in windows])):
                for a, b in spans:
                    tagged.setdefault(k, []).append((a0 + a, a0 + b))
        for k, (lo, hi, here) in enumerate(chosen):
            for s, e, src in self._mentions(v, lo, hi, cue_names, here, tagged.get(k, ())):
                mentions.append((s, e, self._private(v, s, e, doc), src))
        # drop a mention inside a longer one (a rule's 海峰 inside LAC's 巫海峰)
        mentions.sort(key=lambda t: (t[0], -t[1]))
        kept: list[tuple[int, int, bool, str]] = []
        for t in mentions:
            if kept and t[0] >= kept[-1][0] and t[1] <= kept[-1][1]:
                continue
            if kept and t[0] < kept[-1][1]:  # partial overlap: keep the one a private reading supports
                continue
            kept.append(t)
        return kept

    def _links(self, v: str, hits, sents: list[list[int]],
               kept: list[tuple[int, int, bool, str]]) -> dict[tuple[int, int], list[tuple[int, int, AttributeRow]]]:
        """Private person's span -> the attributes linked to it: each attribute goes to the nearest
        mention in its sentence, when that mention is a private person's, within linking distance,
        and nothing between them says the attribute is someone else's (:meth:`_linkable`)."""
        links: dict[tuple[int, int], list[tuple[int, int, AttributeRow]]] = {}
        sent_starts = [lo for lo, _ in sents]
        kept_starts = [t[0] for t in kept]
        for s, e, row in hits:
            i = bisect_left(sent_starts, s + 1) - 1
            if i < 0 or not (sents[i][0] <= s < sents[i][1]):
                continue
            sent = sents[i]
            best, gap_best = None, None
            # only mentions that could be within linking distance (the nearest decides)
            k0, k1 = bisect_left(kept_starts, s - _LINK - 40), bisect_left(kept_starts, e + _LINK + 1)
            for ms, me, private, src in kept[k0:k1]:
                if not (sent[0] <= ms and me <= sent[1]):
                    continue
                gap = 0 if (ms < e and s < me) else (s - me if me <= s else ms - e)
                if gap_best is None or gap < gap_best:
                    best, gap_best = (ms, me, private, src), gap
            relative = None
            m = _RELATIVE_OF_MASKED.match(v, e) if "某" in v[e:e + 12] else None
            if m:  # (the attribute is the masked person's: it sits before them, as a label)
                relative = next((t for t in kept[k0:k1 + 4] if t[0] == m.end() and t[2] and t[1] <= sent[1]), None)
            if relative is not None:
                best = relative
            else:
                if best is None or not best[2]:
                    continue
                limit = _LINK_CHILD if row.id == "spi.minor.child" else _LINK
                if gap_best > limit:
                    continue
                s = self._linkable(v, s, e, row, best[0], best[1])
                if s is None:
                    continue
            links.setdefault((best[0], best[1]), []).append((s, e, row))
            if self.debug is not None:
                self.debug.append((row.id, best[3], v[best[0]:best[1]], v[s:e]))
        return links

    @staticmethod
    def _linkable(v: str, s: int, e: int, row: AttributeRow, ns: int, ne: int) -> int | None:
        """Where the attribute ``v[s:e]`` of ``row`` starts when it belongs to the private person
        named at ``v[ns:ne]`` (a free prefix of the row's pattern may have taken the name's end),
        or None when the text says otherwise."""
        if ns < s < ne < e and row.pattern.fullmatch(v, ne, e):
            s = ne  # a free prefix of the row's pattern took the name's end (扎西顿珠|信用卡逾期)
        if ns < s < ne or (s <= ns < e < ne):
            return None  # the attribute cuts through the name
        between = v[ne:s] if ne <= s else v[e:ns]
        if _OTHER_PERSON.search(between):
            return None  # 冯士友补贴，他妻子腿有残疾: the attribute is another person's
        if _COLON_OR_ID.search(between) and between.strip("：: ") != "":
            return None  # across a heading's colon (…诈骗案件的情况通报：来信人黄丹博) or another identifier
            # (程子立，男，手机号…，月补助金额…: the row's identifiers are reported on their own)
        if row.check == "label" and not (v[e:ns] in ("", "，", ",", "：", ":", " ") or (
                ne <= s and _IS_A.fullmatch(v, ne, s))):
            return None  # 留守儿童蒋天佑, 蒋天佑是一名留守儿童; not 家长带着小朋友逛文博
        if row.family == "minor" and _KIN_AFTER.match(v, e):
            return None  # 杨永……三岁半的女儿: the child is the relative, not the named person
        if row.check == "passive" and not (e <= ns <= e + 2 or (ne <= s and "被" in v[ne:s])):
            return None  # 民警X抓获犯罪嫌疑人: X is the one who arrests
        return s

    def _finding(self, views: Views, v: str, ns: int, ne: int, attrs) -> Finding:
        lo, hi = ns, ne
        for s, e, _ in attrs:
            cs, ce = _clause(v, s, e)
            if e > ne:  # after the name: to the end of its clause
                hi = max(hi, min(ce, e + _CLAUSE_WIDEN))
            if e < ns:  # before the name, not a label touching it: from the start of its clause (双腿截瘫多年的…)
                lo = min(lo, max(cs, s - _CLAUSE_WIDEN))
            lo, hi = min(lo, s), max(hi, e)
        while hi > lo and v[hi - 1] in "，,。；;：:、 ":
            hi -= 1
        start, end = views.vis_span(lo, hi)
        text = views.text[start:end]
        # the suggestion: the span with the name masked and protected attributes replaced
        ostart, oend = views.vis_span(ns, ne)
        repl = [(ostart, oend, mask_name(v[ns:ne], views.text[ostart:oend]))]
        for s, e, row in attrs:
            if row.mask_attr and not (s <= ns and ne <= e):
                a, b = views.vis_span(s, e)
                if a >= start and b <= end and not (a < oend and ostart < b):
                    repl.append((a, b, "**"))
        repl.sort()
        parts, pos = [], start
        for a, b, r in repl:
            if a < pos:
                continue
            parts += (views.text[pos:a], r)
            pos = b
        parts.append(views.text[pos:end])
        fams = list(dict.fromkeys(row.family for _, _, row in attrs))
        sev = "block" if any(FAMILY_SEVERITY[f] == "block" for f in fams) else "review"
        if sev == "block" and fams == ["criminal"] and _GROUP.match(v, ne):
            sev = "review"
        words = "、".join(dict.fromkeys(v[s:e] for s, e, _ in attrs))
        labels = "、".join(FAMILY_LABELS[f] for f in fams)
        bases = "；".join(dict.fromkeys(row.basis for _, _, row in attrs))
        return Finding(start=start, end=end, text=text, category="personal_data", type="sensitive_personal_info",
                       severity=sev, rule="pii.sensitive_personal_info",
                       message=f"个人姓名与{labels}信息（“{words}”）同句出现，属敏感个人信息，不得公开真实姓名，"
                               f"应去标识化（如“{mask_name(v[ns:ne], views.text[ostart:oend])}”）",
                       suggestion="".join(parts), basis=bases or _BASIS, score=0.85)


_COMPOUND_RE = rx.compile("|".join(COMPOUND_SURNAMES))


@lru_cache(maxsize=1)
def _surname_table():
    import numpy as np

    t = np.zeros(0x110000, dtype=bool)
    t[[ord(c) for c in SURNAMES]] = True
    return t


@lru_cache(maxsize=1)
def _function_table():
    """Characters that end a name's run: function words, punctuation, digits, Latin."""
    import numpy as np

    t = np.ones(0x110000, dtype=bool)
    t[0x4E00:0xA000] = False
    t[[ord(c) for c in _FUNCTION_CHARS]] = True
    return t


def _part_spans(v: str) -> list[tuple[int, int]]:
    """Where the minority name parts occur in ``v`` (start, end), ordered by start: from the shared
    gate pass, where they are gate words."""
    parts = _part_set()
    return sorted((s, e) for s, e, w in gates.hits(v) if w in parts)


@lru_cache(maxsize=1)
def _part_set() -> frozenset[str]:
    return frozenset(minority_name_parts())


def _minority_search(v: str, pos: int, endpos: int, parts: list[tuple[int, int]]):
    """``minority_name_re()[0].search(v, pos, endpos)`` where ``parts`` are :func:`_part_spans`:
    the leftmost match starts at the leftmost name part that ends by ``endpos`` (the pattern opens
    on a part and needs no more), so it is the pattern's match there. The search itself tried an
    alternation of 120 parts at every position (~27 µs a 60-character region, ~40 µs a post)."""
    k = bisect_left(parts, (pos, -1))
    while k < len(parts) and parts[k][0] < endpos:
        if parts[k][1] <= endpos:
            return minority_name_re()[0].match(v, parts[k][0], endpos)
        k += 1
    return None


def _in_word(v: str, p: int, lex) -> bool:
    """Whether position ``p`` and the next lie inside a three- or four-character dictionary word
    that is not a person's name (莫斯科, 穆斯林, 黑龙江, 贝鲁特; not 徐国强)."""
    for n in (3, 4):
        for a in range(max(0, p - n + 2), p + 1):
            if a + n <= len(v):
                f = word_freq(v[a:a + n])
                # (the lexicon's classes are rough: frequent words are taken whatever their class;
                # a name the dictionary holds, such as 徐国强, is rarely that frequent)
                if f >= 200 or (f >= 20 and (a < p or word_class(lex, v[a:a + n]) not in ("nr", "nrt"))):
                    return True
    return False


def _word_cut(v: str, p: int, lex) -> bool:
    """Whether a name at ``p`` would cut a word either side, so that it is no name (the cascade's
    gate; the surname rules' own tests, :func:`_rule_name`):

    * the surname character ends a place name of the dictionary (加沙|婴儿: 加沙 is ``ns``), or
    * the name can only have one given-name character (the next one is unlikely in given names,
      bucket < 6) and that character starts a word with the next (严才能: 才能 is a word, as
      :func:`_rule_name` refuses a one-character given name that starts a word)."""
    if p > 0 and word_freq(v[p - 1:p + 1]) and word_class(lex, v[p - 1:p + 1]) == "ns":
        return True  # (the class is asked only of a word: most pairs are none, and the frequency is a dict's)
    return p + 2 < len(v) and int(lex.given[ord(v[p + 2])]) < 6 and word_freq(v[p + 1:p + 3]) >= 100


@lru_cache(maxsize=1)
def _boundary_table():
    """Characters after which a clause (and a name) can start: everything but Han characters."""
    import numpy as np

    t = np.ones(0x110000, dtype=bool)
    t[0x3400:0xA000] = False
    return t


@lru_cache(maxsize=1)
def _public_figures() -> frozenset[str]:
    """Bundled names of national leaders (scanner/data/public_figures.txt): public persons whatever
    the sentence says of them."""
    path = DATA.parent / "public_figures.txt"
    return frozenset(ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
                     if ln.strip() and not ln.startswith("#"))


_ATTR_START = ("患", "确诊", "因", "被", "系", "是", "今年", "曾", "在", "信", "的", "家", "于", "与", "和", "每", "出生", "经常")
_PLACE_AFTER = ("幼儿园", "小学", "中学", "学校", "社区", "公园", "广场", "大道", "市", "县", "镇", "乡", "村", "林", "山")


# a surname-rule name where a clause starts (巫海峰系…, 覃秀梅今年…): the tagger's misses
_CLAUSE_START = rx.compile(r"(?:^|[，,。；;：:、！？!?\s”“（(])(?:[据对由]?)([\u4e00-\u9fff])")
_SURNAME_AT = rx.compile("[" + SURNAMES + "]|" + "|".join(COMPOUND_SURNAMES))


def _rule_name(v: str, s: int) -> tuple[int, int] | None:
    """A name the surname rules read at ``s``: a surname and one or two given-name characters that
    neither start nor end inside a dictionary word (抑郁症 has no 郁症, 方便快捷 no 方便快)."""
    def word(w: str) -> bool:
        return len(w) == 2 and word_freq(w) >= 100

    if v[s:s + 2] in COMPOUND_SURNAMES:
        k = 2
    elif s < len(v) and v[s] in SURNAME_SET:
        k = 1
    else:
        return None
    if v[s] in _FUNCTION_CHARS or (s > 0 and word(v[s - 1:s + 1])):
        return None  # the surname character ends a word: 抑郁, 主席, 周末
    for glen in (2, 1):
        e = s + k + glen
        name = v[s:e]
        if len(name) != k + glen or not _NAME_CHARS.fullmatch(name) or any(c in _FUNCTION_CHARS for c in name[k:]):
            continue
        if word_freq(name) >= 50 or (glen == 1 and word(v[e - 1:e + 1])) or (k == 1 and word(name[:2])):
            continue
        if glen == 2 and (word(name[k:]) and word_freq(name[k:]) >= 2000):
            continue  # 房锻炼, 费乘坐: the given name is an everyday word
        if e < len(v) and v[e] not in _FUNCTION_CHARS and not _CLAUSE_END.match(v, e) and (
                glen == 1 or not (word_freq(v[e:e + 2]) >= 1000 or v.startswith(_ATTR_START, e))):
            continue  # 霍林郭勒市, 马孙雨林: the run goes on; a name is followed by a function word or a word
        if v.startswith(_PLACE_AFTER, e):
            continue
        return s, e
    return None
