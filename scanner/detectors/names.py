"""Private persons' names, home addresses, and sensitive personal information.

Names have no format, so only evidence makes one: a surname followed by a private-person cue
(先生, 女士, 患者, 大爷 …), a label before it (姓名：, 申请人, 户主, 村民 …), or a 公示-list row
(``1. 张伟，身份证号…``). Another identifier of the person is a cue too (h15c): the name before the
bracket that holds it (``郑海燕（…，153…）``), touching its label (``李红梅手机号138…``), after any
label's colon in its sentence, or a surname with 先生/女士 there (``市民冯先生因护照（号码…）``); a
form's field lines grade one another (``申请人：…`` / ``身份证号：…``). A candidate that is an ordinary word (jieba's dictionary frequency)
is dropped. Names of public officials acting in office are not private data: a name next to an
official title (书记, 县长, 局长 …) or on the configurable list of public office holders is not
reported.

``person_name`` is ``info`` by default and ``review`` when the same row also carries another
identifier of that person; a named person next to health, minor, criminal, religious, biometric,
financial or whereabouts information is ``sensitive_personal_info`` (``block``), with the
Xinhua rule's suggestion 姓 + 某.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from .. import rx, speedups
from ..model import Finding
from ..lazy_tagger import lazy_tagger
from ..normalize import INVISIBLE_CHARS, Views
from ..surnames import COMPOUND_SURNAMES, SURNAME_SET, SURNAMES
from ..words import tokenizer, word_freq
from . import gates
from .context import near
from .person_cues import beside_official_title
from .person_cues import minority_name_re as _minority_name_re  # (the name the tests and the CRF bench use)
from .sensitive import SensitiveLinker

__all__ = ["COMPOUND_SURNAMES", "SURNAMES", "NameAddressDetector"]

_BASIS_NAME = "个人信息保护法 第十三条、第二十八条；政府信息公开条例 第十五条；新华社禁用词(2015)·法律类（不得使用真实姓名的人员）"
_BASIS_ADDR = "个人信息保护法 第二十八条；地方政务公开规定：个人住址只公开到乡（镇）、街道"

_INVISIBLE = frozenset(INVISIBLE_CHARS)
# Surnames left out of SURNAMES because they are everyday words (向, 万, 时 …): read only as the
# whole name of a list item (1. 向宁超，男; 发放明细：万琪　6236…), never after a weak cue.
_ROW_ONLY_SURNAMES = frozenset("向万时全和应国")
# Characters that never start or continue a given name in running text (function words, punctuation).
_NOT_GIVEN = frozenset("不则还又已将曾均皆便才只再所因此该各每另即乃且亦某的了是在和与及等为对把被从向于以也都就而或并但且之其这那你我他她它们个年月日时分号说到去来上下中内外"
                       "省市县区镇乡村组路街人员户家里")
_CJK = rx.compile(r"[\u4e00-\u9fff]")
_CJK_ALL = rx.compile(r"[\u4e00-\u9fff]+")  # fullmatch: every character is Han
# Function words the name model sometimes half-joins to the end of a name (沈志为好友).
_FUNCTION_CHARS = frozenset("为的了在和与及是对把被向从于以也都就而或并但之其等说")


def trim_function_char(v: str, s: int, e: int) -> int:
    """The end of a model span ``v[s:e]`` without a function word the model half-joined to it."""
    return e - 1 if e - s > 2 and v[e - 1] in _FUNCTION_CHARS else e

# Labels that are always followed by a person's name (unlike 村民, 市民, 学生, which are also
# followed by ordinary words: 市民游客).
_STRONG_LABELS = frozenset(("姓名", "申请人", "户主", "联系人", "当事人", "犯罪嫌疑人", "嫌疑人", "被告人", "举报人", "受害人",
                            "被害人", "死者", "患者", "收款人", "监护人", "来信人", "来访人", "信访人", "确诊病例"))
_SUFFIX_CUES = ("先生", "女士", "老人", "大爷", "大娘", "大妈", "大姐", "大哥", "阿姨", "师傅", "患者", "病人", "家属",
                "夫妇", "一家", "同学", "小朋友", "母亲", "父亲", "之子", "之女")
_LABEL_CUES = ("姓名", "申请人", "户主", "联系人", "当事人", "犯罪嫌疑人", "嫌疑人", "被告人", "被告", "原告", "举报人",
               "受害人", "被害人", "死者", "伤者", "患者", "村民", "居民", "市民", "群众", "职工", "农民", "农户", "学生",
               "幼儿", "儿童", "租户", "业主", "驾驶人", "驾驶员", "车主", "监护人", "收款人",
               "求助人", "救助对象", "低保户", "贫困户", "残疾人", "网友", "确诊病例", "病例", "密切接触者", "来信人",
               "来访人", "信访人")


# Attributes that follow a name in a 公示 list or a notice, after a separator.
_ATTRIBUTE_CUES = ("男", "女", "身份证", "公民身份", "证件", "联系电话", "电话", "手机", "座机", "住址", "银行卡", "卡号",
                   "账号", "qq", "微信", "岁", "患", "家庭电话", "固定电话", "邮箱", "社会保障卡", "收款账号", "永久居留",
                   "往来港澳", "港澳居民", "户籍")
#: every name cue: (is a label, is a suffix, is an attribute that follows a name in a list: 张伟，男 /
#: 张伟 身份证号 / 张伟的身份证). Registered as gate words: the gates' one automaton pass over the
#: text gives the cue positions too (a separate cue automaton pass cost as much again).
_CUE_KINDS = {p: (p in _LABEL_CUES, p in _SUFFIX_CUES, p in _ATTRIBUTE_CUES)
              for p in _LABEL_CUES + _SUFFIX_CUES + _ATTRIBUTE_CUES}
gates.register(*_CUE_KINDS)
_ATTR_SEPARATORS = "，,、（( \t"
#: labels of a number that may touch the name before them (no separator) when the number follows
_NUMBER_LABELS = ("身份证", "公民身份", "手机", "联系电话", "电话", "银行卡", "卡号", "社会保障卡", "护照")
_NUMBER_SOON = rx.compile(r"[\u4e00-\u9fff]{2,6}[:：为是]?\s?[0-9]")
_DIGITS = frozenset("0123456789")
# Seven digits, 3-4 digits + separator + 4 digits, or +86 / 0086. Written to open with one
# character class (then the look-behinds pick the alternative): Python's regex engine skips to a
# digit or "+" in C only when a pattern starts with a class; a leading look-ahead or an
# alternation of repeats makes it try the pattern at every character (1.6x slower here).
_DIGIT_RUN_RE = rx.compile(r"[0-9+](?:(?<=[0-9])(?:[0-9]{6}|[0-9]{2,3}[ -][0-9]{4}|(?<=0)086)|(?<=\+)86)")
_DIGIT_RUN_GATE = rx.compile(_DIGIT_RUN_RE.pattern.encode())  # the same in the text's ASCII characters
# A 公示 list row: item number, name, then a separator and personal attributes soon after.
# (one run of blanks before the name unless an item number splits it: two adjacent optional
# blank runs backtrack quadratically over a line that starts with many blanks)
_ROW_RE = rx.compile(r"[ \t]*(?:(?:[0-9]{1,4}[.、)]|[(][0-9]{1,4}[)])[ \t]*)?(?P<name>[\u4e00-\u9fff]{2,4})[,，、:： \t]"
                     r"(?=[^\n]{0,12}(?:男(?![子儿])|女(?![子儿])|身份证|电话|手机|住址|地址|[0-9]{1,3}岁|户|家庭|出生))")
#: _ROW_RE tried after every line feed, searched in "\n" + text so the first line has one too (a
#: match never crosses a line end, so finditer's matches are exactly one ``_ROW_RE.match`` per line;
#: a literal first character lets the engine jump from line feed to line feed, where "(?m)^"
#: makes it test every character: 2x faster)
_ROW_AFTER_LF_RE = rx.compile("\n" + _ROW_RE.pattern)
#: _ROW_RE's look-ahead needs one of these in the text: gate words, so the answer comes free from
#: the shared pass (a substring search for each would cost about what the pattern does)
_ROW_CUES = ("男", "女", "身份证", "电话", "手机", "住址", "地址", "岁", "户", "家庭", "出生")
gates.register(*_ROW_CUES)


def masked_name(name: str, original: str | None = None) -> str:
    """The de-identified form of a name: the surname and 某 (张某, 欧阳某, 向某), or 某某 for a name
    without a Han surname (巴特尔, 阿依古丽·吐尔逊, 斯图尔特·卡里, nicknames). ``name`` is the
    normalised (``vis``) form the decision is made on; the surname is taken from ``original``, the
    name as written, so that 張偉 in a traditional-script post becomes 張某, not 张某."""
    if name[:2] in COMPOUND_SURNAMES:
        k = 2
    elif len(name) <= 4 and (name[0] in SURNAME_SET or (name[0] in _ROW_ONLY_SURNAMES and len(name) <= 3)):
        k = 1
    else:
        return "某某"
    if not original:
        return name[:k] + "某"
    shown = original if _INVISIBLE.isdisjoint(original) else "".join(c for c in original if c not in _INVISIBLE)
    return (shown[:k] if len(shown) >= k else name[:k]) + "某"


# Addresses: a numbered element (18号, 3栋) followed by at least one more (2单元, 501室).
_ADDR_TAIL_RE = rx.compile(
    r"[0-9a-z-]{1,6}(?:号院|号楼|号|栋|幢|座)"
    r"(?:[0-9a-z一二三四五六七八九十-]{1,5}(?:号楼|栋|幢|座|单元|层|楼|室|号房|户|号)){1,4}"
)
_ADDR_DOOR_RE = rx.compile(r"[0-9a-z-]{1,6}号(?![0-9a-z楼院])")
# both need [0-9a-z-] right before 号/栋/幢/座; looked for in C first (the patterns open on that
# class at every position of a text with a 号, and 号召 is everywhere in the news)
_has_pair = speedups.get("has_pair")
_has_run = speedups.get("has_run")
#: _DIGIT_RUN_RE needs 7 characters of digits, blanks and hyphens in a row (or +86, 0086)
_DIGIT_TABLE = speedups.class_table({"0123456789 -": 2}) if _has_run is not None else b""
_ADDR_PAIR = speedups.class_table({"0123456789abcdefghijklmnopqrstuvwxyz-": 1, "号栋幢座": 2}) if _has_pair is not None else b""
_ADDR_DELIMS = "，。；：:、（）()【】[] \n\t,;！？!?“”\"'《》"
_ADDR_AFTER_DELIM = rx.compile(f"[{re.escape(_ADDR_DELIMS)}]([^{re.escape(_ADDR_DELIMS)}]*)\\Z")
_ADDR_LABELS = ("家庭住址", "家庭地址", "现住址", "住址", "地址", "家住", "住在", "现住", "现居住地", "居住地", "户籍地址",
                "户籍地", "居住在", "住所", "现居", "居住于")
_ADDR_PERSONAL = ("家住", "住址", "家庭住址", "户籍", "居住", "住所", "现住", "租住", "家中", "其家")
gates.register(*_ADDR_PERSONAL)  # a door number alone counts only near one of these
_ADDR_PLACE = rx.compile(r"(?:路|街|巷|弄|道|村|组|屯|小区|花园|苑|公寓|大厦|镇|乡|县|区|市|号院|社区|新村|家园|城|里|庄|湾)")
_ADDR_PUBLIC = ("政府", "大楼", "中心", "服务", "大厅", "局", "委员会", "办公", "法院", "检察院", "医院", "学校", "公司", "银行",
                "酒店", "宾馆", "会议", "办事处", "窗口", "产业园", "园区", "写字楼", "商场", "超市", "广场", "站", "馆",
                "党校", "大学", "学院", "中学", "小学", "幼儿园", "派出所", "队")
_ADDR_PUBLIC_BEFORE = ("办公地址", "办公地点", "地点", "会场", "报名地点", "受理地点", "咨询地点", "服务地址", "营业地址",
                       "联系地址", "通讯地址", "邮寄地址", "单位地址")
_TOWN_RE = rx.compile(r"(?:街道|镇|乡)")
# The name model (scanner.name_tagger) confirms and delimits names at cues: characters it gives at
# least this probability, in runs of 2–12 Han characters (· between parts), read on the line around
# the cue up to this many characters each way.
_MODEL_THRESHOLD = 0.5
_MODEL_WINDOW = 24
_HAN_RUN_END = rx.compile(r"[\u4e00-\u9fff·•]+$")
_NAME_RUN = rx.compile(r"[\u4e00-\u9fff]+(?:[·•][\u4e00-\u9fff]+)*")

# A name beside another identifier of the same person, which no cue word announces:
# * right before a parenthesis that holds the identifier (郑海燕（城关街道阳光社区，153…）, a list
#   item or a label's name with its phone, ID or passport in brackets): read back from the
#   identifier at most this far to the opening bracket, none closed and no sentence ended between;
# * a surname with 先生/女士 earlier in the identifier's sentence (市民冯先生因护照（号码EB…）即将过期,
#   来电群众刘女士（电话138…）): alone the form names nobody (新华社 style uses it for anonymised
#   sources, so it stays unread), beside an identifier it says whose the identifier is.
_PAREN_REACH = 24
_TITLE_REACH = 30
_TITLE_FORMS = ("先生", "女士", "大爷", "大妈", "大娘", "阿姨", "师傅")
_PAREN_OPEN = rx.compile(r"[（(][^（()）。；;！？!?\n]*\Z")  # the last unclosed bracket before the identifier
#: a number's own label right before it, touching the name before it (with 的 or not): the identifier's
#: finding is the evidence (the attribute cues read 手机, 电话 and 身份证 only, and need a separator)
_LABEL_BEFORE_NUMBER = rx.compile(
    r"的?(?:联系方式|联系号码|联系电话|手机号码|手机号|手机|电话号码|电话|身份证号码|身份证号|身份证|证件号码|证件号|"
    r"护照号码|护照号|护照|通行证号码|通行证号|通行证|台胞证号码|台胞证号|台胞证|驾驶证号|驾驶证|车牌号码|车牌号|车牌|"
    r"银行卡号|银行卡|银行账号|账号|卡号|qq号|QQ号|微信号|邮箱|电子邮箱)(?:是|为)?[:：]?[ \t]?\Z")
#: the last character of an office or a place, never of a name read before a number's label (文化站, 卫生院)
_ORG_END = frozenset("县市省区镇乡村州岛港湾路街站团队部局院所校园厂司馆会组科室办委处店社")
_COLON_NAME = rx.compile(r"(?P<colon>[：:][ \t\u3000]{0,2})(?P<name>[\u4e00-\u9fff]{2,4})(?=[，,、（( \t\u3000])")
_NOTE_OPEN = rx.compile(r"[（(][^（()）。；;！？!?\n]{1,16}\Z")  # a bracketed note's opening
_NOTE_GAP = " \t\u3000，,：:"
_SENT_BREAK = frozenset("。；;！？!?\n")
#: the identifier types that say whose a name is (not a name itself, not an SPI span, not a landline
#: or other ``info`` finding: an office's switchboard beside a clerk's name is published by design)
_NOT_IDENTIFIERS = frozenset(("person_name", "sensitive_personal_info", "address"))


# a word this frequent right after a label is the sentence going on, not a name starting with a
# surname (死者包括…, 患者成为…, 村民关于…): jieba's two-character words from a surname of 10,000 or
# more are all such words (包括, 成为, 关于, 于是, 任何, 许多, 农民, 武汉 …, 33 with the traditional
# spellings; 明白, which jieba tags nr, is the everyday word)
_LABEL_SUBJECT = 10_000


def _is_word(s: str, threshold: int = 100) -> bool:
    """True for a word of jieba's dictionary at least this frequent (famous people's names are
    in it too, with lower counts: 李娜 438, 李强 159)."""
    return word_freq(s) >= threshold


def _identifier_within(ids: list[Finding], start: int, end: int) -> bool:
    """Whether a personal-data finding other than a name, above ``info``, lies inside
    [start, end); ``ids`` is sorted by start (a bisection, not a scan of every finding)."""
    k = bisect_left(ids, start, key=lambda o: o.start)
    while k < len(ids) and ids[k].start < end:
        o = ids[k]
        if o.type != "person_name" and o.end <= end and o.severity != "info":
            return True
        k += 1
    return False


def _may_hold_digit_run(v: str) -> bool:
    """False only when ``_DIGIT_RUN_RE`` finds nothing in ``v``: a run of 7 digits, blanks and
    hyphens, in C (or +86, 0086 among the ASCII characters); without the extension, the pattern
    over the ASCII characters (gates.ascii_chars), which 2024年10月15日 passes."""
    asc = gates.ascii_chars(v)
    if _has_run is None:
        return _DIGIT_RUN_GATE.search(asc) is not None
    return _has_run(v, _DIGIT_TABLE, 7) or b"+86" in asc or b"0086" in asc


_class_runs = speedups.get("class_runs")


def _digit_run_matches(v: str):
    """``_DIGIT_RUN_RE``'s matches in ``v``, in order. Without +86 or 0086 among the ASCII
    characters a match is 7 or more digits, blanks and hyphens: it is searched only inside such
    runs (in C), not over the whole text (the pattern opens on a class at every position)."""
    if not _may_hold_digit_run(v):
        return ()
    asc = gates.ascii_chars(v)
    if _class_runs is None or b"+86" in asc or b"0086" in asc:
        return _DIGIT_RUN_RE.finditer(v)
    return [m for a, b in _class_runs(v, _DIGIT_TABLE, 7) for m in _DIGIT_RUN_RE.finditer(v, a, b)]


#: a form's field on a line of its own: a short label, a colon, a short value (申请人：谭志远)
_FORM_FIELD = rx.compile(r"[ \t]*[\u4e00-\u9fff（）()]{1,10}[:：][^\n:：]{1,40}")
_FORM_LINES = 4  # a form block reaches this many field lines either way


def _form_block(v: str, ls: int, le: int) -> tuple[int, int]:
    """The lines of form fields around the field line ``v[ls:le]`` (each a ``_FORM_FIELD``, no blank
    line between), at most ``_FORM_LINES`` either way: a name's identifier in a form stands on
    another line (申请人：谭志远 / 身份证号：3301… / 联系电话：138…)."""
    for _ in range(_FORM_LINES):
        if ls == 0:
            break
        a = v.rfind("\n", 0, ls - 1) + 1
        if not _FORM_FIELD.fullmatch(v, a, ls - 1):
            break
        ls = a
    for _ in range(_FORM_LINES):
        if le >= len(v):
            break
        b = v.find("\n", le + 1)
        b = len(v) if b < 0 else b
        if not _FORM_FIELD.fullmatch(v, le + 1, b):
            break
        le = b
    return ls, le


_NUMBER_AFTER = 20  # characters from a name's end to the start of its identifier, in one sentence


def _number_follows(v: str, e: int, id_at: list[int]) -> bool:
    """Whether an identifier starts within ``_NUMBER_AFTER`` characters after ``e`` with no sentence
    end between (``id_at``: sorted starts in ``v``)."""
    k = bisect_left(id_at, e)
    return k < len(id_at) and id_at[k] - e <= _NUMBER_AFTER and _SENT_BREAK.isdisjoint(v[e:id_at[k]])


def _may_hold_row(v: str) -> bool:
    """False only when ``_ROW_RE``'s look-ahead can hold nowhere in ``v``."""
    return gates.any_of(v, _ROW_CUES)


class NameAddressDetector:
    """Person names, home addresses and sensitive personal information (see module docstring)."""

    def __init__(self, public_officials: tuple[str, ...] = (), *, use_model: bool = True) -> None:
        self.public_officials = frozenset(public_officials)
        self.tagger = lazy_tagger() if use_model else None  # (loads on the first window it reads)
        self.linker = SensitiveLinker(self.public_officials, self.tagger)
        gates.warm_up()
        _minority_name_re()
        tokenizer()  # load jieba's dictionary at build time, not on the first scan

    # ------------------------------------------------------------------ entry point
    def detect(self, views: Views, other: list[Finding]) -> list[Finding]:
        """Home addresses, sensitive personal information (:class:`.sensitive.SensitiveLinker`) and
        the person names it did not take in; ``other``: the other personal-data findings, which
        raise a name in the same row to review."""
        v = views.vis
        out: list[Finding] = []
        out.extend(self._addresses(views, v))
        names = self._names(views, v, other)
        spi, consumed = self.linker.link(views, v, [span for _, span in names])
        out.extend(spi)
        names = [(f, span) for f, span in names if span not in consumed]
        if names:
            ids = sorted(other + out, key=lambda o: o.start)
            for f, (s, e) in names:
                out.append(self._grade(views, v, f, s, e, ids))
        return out

    # ------------------------------------------------------------------ names
    def _candidate_after(self, v: str, p: int) -> tuple[int, int] | None:
        """A name starting at p (surname first, or minority name parts), or None."""
        n = len(v)
        minority, firsts, _ = _minority_name_re()
        m = minority.match(v, p) if v[p:p + 1] in firsts else None
        if m:
            return p, m.end()
        if v[p:p + 2] in COMPOUND_SURNAMES:
            slen = 2
        elif p < n and v[p] in SURNAME_SET:
            slen = 1
        else:
            return None
        for glen in (2, 1):
            e = p + slen + glen
            if e > n:
                continue
            given = v[p + slen:e]
            if any(c in _NOT_GIVEN or not _CJK.match(c) for c in given):
                continue
            nxt = v[e:e + 1]
            if glen == 2 and _is_word(v[e - 1:e + 1]):
                continue  # 武红通过: 通过 is a word, the name is 武红
            if (glen == 2 or not nxt or not _CJK.match(nxt) or nxt in _NOT_GIVEN or v[e:e + 2] in _SUFFIX_CUES
                    or _is_word(v[e:e + 2])):  # 市民武红通过: 通过 starts right after the name
                return p, e
        return None

    def _candidate_before(self, v: str, q: int) -> tuple[int, int] | None:
        """A name ending at q (right before a suffix cue), or None."""
        minority, _, lasts = _minority_name_re()
        if q > 0 and v[q - 1] in lasts:
            for s in range(max(0, q - 16), q - 1):  # the longest run of minority name parts first
                if minority.fullmatch(v, s, q):
                    return s, q
        for length in (4, 3):  # compound surnames first: 诸葛燕晓, not 葛燕晓
            s = q - length
            if s >= 0 and v[s:s + 2] in COMPOUND_SURNAMES and _CJK_ALL.fullmatch(v, s + 2, q) \
                    and _NOT_GIVEN.isdisjoint(v[s + 2:q]):
                return s, q
        for length in (3, 2):
            s = q - length
            if s < 0:
                continue
            cand = v[s:q]
            if not _CJK_ALL.fullmatch(cand):
                continue
            if cand[:2] in COMPOUND_SURNAMES or (cand[0] in SURNAME_SET and length <= 3):
                if not _NOT_GIVEN.isdisjoint(cand[1:]):
                    continue
                if length == 3 and s > 0 and v[s - 1] in SURNAME_SET and _is_word(cand):
                    continue
                return s, q
        return None

    @staticmethod
    def _row_item_name(v: str, s: int, e: int) -> tuple[int, int] | None:
        """``v[s:e]``, the whole Han run of a list item before its separator, when it is a name
        with one of the surnames that are also everyday words (向宁超, 万琪) and not itself a word
        (全国, 时间, 和平)."""
        run = v[s:e]
        if (2 <= len(run) <= 3 and run[0] in _ROW_ONLY_SURNAMES and (s == 0 or not _CJK.match(v[s - 1]))
                and all(_CJK.match(c) and c not in _NOT_GIVEN for c in run[1:]) and not _is_word(run)):
            return s, e
        return None

    def _row_name_before(self, v: str, q: int) -> tuple[int, int] | None:
        m = _HAN_RUN_END.search(v, max(0, q - 4), q)  # only a run of 2-3 characters can qualify
        return (m and m.start() > q - 4 and self._row_item_name(v, m.start(), q)) or self._candidate_before(v, q)

    @staticmethod
    def _attribute_anchor(v: str, q: int, age: bool) -> int | None:
        """Where a name would end before an attribute at q: after 1–2 separators (or 的 before
        身份证), or None."""
        if age:  # 张伟，45岁: skip the digits of the age first
            at = q
            while q > 0 and v[q - 1] in _DIGITS:
                q -= 1
            if q == at:
                return None  # no age: 岁末, 岁月, 岁物丰成
        p = q
        while p > 0 and q - p < 2 and v[p - 1] in _ATTR_SEPARATORS:
            p -= 1
        if p == q:
            if p > 0 and v[p - 1] == "的" and v.startswith("身份证", q):
                p -= 1
            elif v.startswith(_NUMBER_LABELS, q) and _NUMBER_SOON.match(v, q) and p > 0 and _CJK.match(v[p - 1]):
                # 请张建华身份证号码为3301…, 失主李红梅手机号138…, 王志强的手机号为138…: the label
                # touches the name, and the number it announces follows
                p -= v[p - 1] == "的"
            else:
                return None
        return p

    @staticmethod
    def _unsure(v: str, ask) -> bool:
        """Whether the rules need the name model for this cue: a list item's name before 男/女,
        身份证 … that they cannot read (向宁超 — 向 is not in the surname list), or a name after
        a label that runs straight into more Han characters (被告人孔平犯盗窃罪, 受害人魏英明为好友),
        where they cannot tell where it ends. Everything else is left to the rules and the model
        is not run: a name followed by a separator (``张伟，男``), the weak labels (村民, 市民 …),
        the suffixes (先生, 母亲 …) and a label followed by no name the rules can read."""
        side, at, how, rule_span = ask
        if how in ("label", "suffix", "title"):
            return False  # 村民 …, 母亲 …: followed (preceded) by ordinary words far more often than by names
        if how == "ident":
            if rule_span is not None:
                return True  # 李红梅手机号, 金华火腿（订购电话…）: is a given name that is also a word one? (_kept)
            how = "row"  # (else read as a list row's)
        if rule_span is None:
            if side == "after":
                return False  # after a label or at a row start, the rules' surname and name-part reading suffices
            # before an attribute, the Han characters touching it must look like a name on its own:
            # 男，港澳居民…, 时间戳: 1664…, 联系其家属，电话 are not names
            m = _HAN_RUN_END.search(v, max(0, at - 13), at)  # a run of 13 or more is refused below anyway
            run = m.group() if m else ""
            if any(c in run for c in _ATTRIBUTE_CUES) or (len(run) > 4 and "·" not in run and "•" not in run):
                return False  # a list item's name stands alone before its separator: 1. 万丽，男
            return 2 <= len(run) <= 12 and run[0] not in _NOT_GIVEN
        return side == "after" and rule_span[1] < len(v) and bool(_CJK.match(v[rule_span[1]]))

    def _model_spans(self, v: str, asks: list) -> dict[tuple[str, int], tuple[int, int]]:
        """The name model's span that starts (``after``) or ends (``before``) exactly where a cue
        wants a name. The model runs only on the lines around the cues."""
        n = len(v)
        ranges: list[list[int]] = []
        for at in sorted({a[1] for a in asks}):
            lo = max(v.rfind("\n", 0, at) + 1, at - _MODEL_WINDOW)
            hi = v.find("\n", at)
            hi = min(n if hi < 0 else hi, at + _MODEL_WINDOW)
            if ranges and lo <= ranges[-1][1]:
                ranges[-1][1] = max(ranges[-1][1], hi)
            else:
                ranges.append([lo, hi])
        from ..name_tagger import runs

        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        for lo, hi in ranges:
            for a, b in runs(self.tagger.probabilities(v[lo:hi]), _MODEL_THRESHOLD):
                a, b = a + lo, trim_function_char(v, a + lo, b + lo)
                if 2 <= b - a <= 12 and _NAME_RUN.fullmatch(v[a:b]):
                    starts[a] = b
                    ends[b] = a
        out = {}
        for side, at, _, _ in asks:
            if side == "after" and at in starts:
                out[side, at] = (at, starts[at])
            elif side == "before" and at in ends:
                out[side, at] = (ends[at], at)
        return out

    def _asks(self, v: str) -> list[tuple[str, int, str, tuple[int, int] | None]]:
        """What each cue asks for: ``(side, at, how, rule_span)``, a name that starts (``after``) or
        ends (``before``) at ``at``, the kind of cue (``strong`` and ``label`` labels, ``suffix``,
        a list ``row``), and the name the surname rules read there (None: none)."""
        asks: list[tuple[str, int, str, tuple[int, int] | None]] = []
        n = len(v)
        for cs, ce, cue in gates.hits(v):
            kind = _CUE_KINDS.get(cue)
            if kind is None:
                continue  # another detector's gate word
            is_label, is_suffix, is_attr = kind
            if is_label:
                p = ce
                while p < n and p < ce + 2 and v[p] in ":： ":
                    p += 1
                c = self._candidate_after(v, p)
                if c and _is_word(v[c[0]:c[0] + 2], _LABEL_SUBJECT):
                    c = None  # 死者包括巴勒斯坦人: the label is a sentence's subject, 包括 a word, not 包 + given name
                asks.append(("after", p, "strong" if cue in _STRONG_LABELS else "label", c))
            if is_suffix:
                asks.append(("before", cs, "suffix", self._candidate_before(v, cs)))
            if is_attr and not (v[ce:ce + 1] in "子儿" and cue in ("男", "女") or cue == "患" and v.startswith("者", ce)):
                # (女子铁饼, 男子组, 女儿, 患者: words, not a list row's gender or illness)
                q = self._attribute_anchor(v, cs, cue == "岁")
                if q is not None:  # (a label touching the name, its number after it: "ident", see _kept)
                    asks.append(("before", q, "ident" if v[q:cs] in ("", "的") else "row", self._row_name_before(v, q)))
        for m in _digit_run_matches(v):  # 范桂　6217-9950-…: a name before a long number
            q = self._attribute_anchor(v, m.start(), False)
            if q is not None:
                asks.append(("before", q, "row", self._row_name_before(v, q)))
        for m in _ROW_AFTER_LF_RE.finditer("\n" + v) if _may_hold_row(v) else ():  # one attempt per line start, in C
            s, e = m.start("name") - 1, m.end("name") - 1
            c = self._candidate_after(v, s) or self._row_item_name(v, s, e)
            asks.append(("after", s, "row", c if c and c[1] <= e else None))
        return asks

    def _identifier_asks(self, views: Views, v: str,
                         other: list[Finding]) -> list[tuple[str, int, str, tuple[int, int] | None]]:
        """Asks for the names that stand beside another identifier without a cue word (see
        ``_PAREN_REACH``): the name before the bracket that holds it (kind ``row``), and a surname
        with 先生/女士 earlier in its sentence (kind ``title``, the span with the form)."""
        asks: list[tuple[str, int, str, tuple[int, int] | None]] = []
        vm = views.vis_map
        for o in other:
            if o.category != "personal_data" or o.type in _NOT_IDENTIFIERS or o.severity == "info":
                continue
            a = o.start if vm is None else bisect_left(vm, o.start)
            lo = max(0, a - _PAREN_REACH)
            m = _PAREN_OPEN.search(v, lo, a)
            if m is None:  # 殷志伟（青山中学）138…: a bracketed note between the name and its number
                b = a - (a > 0 and v[a - 1] in _NOTE_GAP)
                if b > 0 and v[b - 1] in "）)":
                    m = _NOTE_OPEN.search(v, lo, b - 1)
            if m and m.start() > 0:
                q = m.start()
                asks.append(("before", q, "ident", self._row_name_before(v, q)))
            m = _LABEL_BEFORE_NUMBER.search(v, max(0, a - 14), a)
            if m and m.start() > 0 and _CJK.match(v[m.start() - 1]):  # 张三的联系方式是138…, 冯立军护照号码E…
                asks.append(("before", m.start(), "ident", self._row_name_before(v, m.start())))
            p = a
            while p > 0 and a - p < _TITLE_REACH and v[p - 1] not in _SENT_BREAK:
                p -= 1
            # 慰问对象：陶大勇，城关镇东街村人，电话138…: a label of any wording, a colon, a name and a
            # separator, earlier in the identifier's sentence
            for c in _COLON_NAME.finditer(v, p, a):
                q = c.end("colon")
                cand = self._candidate_after(v, q)
                if cand and cand[1] == c.end("name"):
                    asks.append(("after", q, "label", cand))
            for cs in [v.find(w, p, a) for w in _TITLE_FORMS]:
                if cs <= 0:
                    continue
                if cs >= 2 and v[cs - 2:cs] in COMPOUND_SURNAMES:
                    ns = cs - 2
                elif v[cs - 1] in SURNAME_SET:
                    ns = cs - 1
                else:
                    continue
                if ns > 0 and v[ns - 1] in SURNAME_SET and _CJK.match(v[ns - 1]) and not _is_word(v[ns - 1:cs]):
                    continue  # 张伟先生: a full name, the suffix cue's (and graded by its row)
                asks.append(("before", cs + 2, "title", (ns, cs + 2)))
        return asks

    @staticmethod
    def _identifier_starts(views: Views, other: list[Finding]) -> list[int]:
        """Where the identifiers of ``other`` that say whose a name is start in ``vis``, sorted."""
        vm = views.vis_map
        return sorted(o.start if vm is None else bisect_left(vm, o.start) for o in other
                      if o.category == "personal_data" and o.type not in _NOT_IDENTIFIERS and o.severity != "info")

    def _names(self, views: Views, v: str, other: list[Finding] = ()) -> list[tuple[Finding, tuple[int, int]]]:
        """The person_name findings of ``v`` with their spans in ``v``: each cue's name
        (:meth:`_asks`, :meth:`_identifier_asks`) from the name model when it sees a name exactly
        there, else from the surname rules, less ordinary words and public officials."""
        asks = self._asks(v)
        if other:
            asks += self._identifier_asks(views, v, other)
        spans: dict[tuple[int, int], str] = {}
        confirmed: set[tuple[int, int]] = set()
        model = {}
        if self.tagger is not None:
            unsure = [a for a in asks if self._unsure(v, a)]
            if unsure:
                model = self._model_spans(v, unsure)
        for side, at, how, rule_span in asks:
            c = model.get((side, at))
            if c and rule_span and rule_span[0] < c[0] and c[1] == rule_span[1]:
                c = rule_span  # 任玉平, 东方国涵: the rules read a surname the model was unsure of
            elif c:
                confirmed.add(c)
            c = c or rule_span
            if c and how == "title":
                spans[c] = how  # (a bracket's row ask may have read the same 王先生 as a three-character name)
            elif c:
                spans.setdefault(c, how)
        id_at = self._identifier_starts(views, other) if other else ()
        out = []
        kept = [(s, e, how) for (s, e), how in sorted(spans.items())
                if self._kept(v, s, e, how, (s, e) in confirmed, id_at and _number_follows(v, e, id_at))]
        if any(how == "title" for _, _, how in kept):
            titles = [(s, e) for s, e, how in kept if how == "title"]
            full = {v[s] for s, e, how in kept if how != "title" and e - s >= 3
                    and not any(a < e and s < b for a, b in titles)}
            # 林文雄先生 … 林先生持…通行证: the full name is the finding (its row graded), not its form of address
            kept = [t for t in kept if t[2] != "title" or v[t[0]] not in full]
        for s, e, how in kept:
            name = v[s:e]
            start, end = views.vis_span(s, e)
            out.append((Finding(start=start, end=end, text=views.text[start:end], category="personal_data",
                                type="person_name", severity="info", rule="pii.person_name",
                                message="疑似个人姓名：公开发布个人信息须有法定依据并遵循最小必要原则",
                                suggestion=masked_name(name, views.text[start:end]), basis=_BASIS_NAME,
                                score=0.6 if how == "suffix" else 0.7),
                        (s, e)))
        return out

    def _kept(self, v: str, s: int, e: int, how: str, confirmed: bool, number_after: bool = False) -> bool:
        """Whether a cue's candidate ``v[s:e]`` (cue kind ``how``; ``confirmed``: the name model saw
        it) stays a private person's name: not on the public-officials list, not an ordinary word
        or a run of words, not beside an official title."""
        name = v[s:e]
        if name in self.public_officials:
            return False
        if how == "title":  # 冯先生 beside their passport: a form of address, never a dictionary word
            return not beside_official_title(v, s, e)
        if how == "ident":
            # a name right before its own number's label or bracket (李红梅手机号138…, 张建华（身份证…）):
            # the number is the evidence, so a given name that is also a word (红梅, 建华) stays a name
            if name[:2] in COMPOUND_SURNAMES or (name[0] in SURNAME_SET and 2 <= len(name) <= 3):
                if _is_word(name, 2000) or (len(name) == 2 and (_is_word(v[s:e + 1]) or (
                        _is_word(name) and s > 0 and _CJK.match(v[s - 1])))):
                    return False  # (留在商场的身份证: 商场 is a word inside a sentence)
                if len(name) == 3 and _is_word(name[1:]) and not confirmed and s > 0 and _CJK.match(v[s - 1]):
                    return False  # 金华火腿（订购电话…）: words, unless the name model reads a name (失主李红梅手机号)
                if name[-1] in _ORG_END or (len(name) == 3 and name[:2] not in COMPOUND_SURNAMES
                                            and _is_word(name[:2], 2000) and not confirmed):
                    return False  # 城关镇文化站手机138…: an office, not a person
                return not beside_official_title(v, s, e)
            how = "row"
        if _is_word(name, 2000 if how == "row" else 100):
            return False
        looks_like_words = len(name) == 3 and (
            _is_word(name[1:]) or _is_word(v[s + 1:e + 1])
            or (how in ("label", "row") and name[:2] not in COMPOUND_SURNAMES and _is_word(name[:2])))
        # 游客见, 路线教, 方面取, 工商银行: the "name" is really words — unless it stands at the
        # start of a list item (after a separator), where 戴建国 and 唐建国 are names
        at_item_start = s == 0 or not _CJK.match(v[s - 1])
        if looks_like_words and not (how == "row" and at_item_start) and not confirmed and not (
                number_after and how in ("strong", "label")):
            return False  # (车主宋建国，车牌号浙A…: after a label, with the person's number next, 建国 is a given name)
        if how == "row" and not at_item_start and len(name) == 2 and _is_word(name):
            return False  # 发放明细（: 明细 is a word inside a sentence
        if len(name) == 2 and _is_word(v[s:e + 1]):
            return False
        return not beside_official_title(v, s, e)  # (beside a title: a public official acting in office)

    def _grade(self, views: Views, v: str, f: Finding, s: int, e: int, ids: list[Finding]) -> Finding:
        """Upgrade a name with another identifier in the same row to review (a name with sensitive
        information is the linker's: :mod:`.sensitive`)."""
        ls = v.rfind("\n", 0, s) + 1
        le = v.find("\n", e)
        le = len(v) if le < 0 else le
        if _FORM_FIELD.fullmatch(v, ls, le) and ":" in v[ls:s].replace("：", ":"):
            ls, le = _form_block(v, ls, le)  # 申请人：谭志远 / 身份证号：3301… on the lines below: one form
        ostart, oend = views.vis_span(ls, le) if le > ls else (f.start, f.end)
        if _identifier_within(ids, ostart, oend):
            return Finding(start=f.start, end=f.end, text=f.text, category="personal_data", type="person_name",
                           severity="review", rule="pii.person_name",
                           message="个人姓名与身份证号、电话等其他个人信息同行出现，发布前须去标识化处理",
                           suggestion=f.suggestion, basis=_BASIS_NAME, score=0.85)
        return f

    # ------------------------------------------------------------------ addresses
    def _addresses(self, views: Views, v: str) -> list[Finding]:
        out = []
        if "号" not in v and "栋" not in v and "幢" not in v:
            return out
        if _has_pair is not None and not _has_pair(v, _ADDR_PAIR):
            return out
        taken = []
        for m in _ADDR_TAIL_RE.finditer(v):
            f = self._address(views, v, m.start(), m.end(), door_only=False)
            if f:
                out.append(f)
                taken.append(m.span())
        # a door number needs a personal word within 30 characters: none in the text, no pass
        # (6% of the official texts with a 号 have one)
        for m in _ADDR_DOOR_RE.finditer(v) if gates.any_of(v, _ADDR_PERSONAL) else ():
            if any(a <= m.start() < b for a, b in taken):
                continue
            if near(v, m.start(), m.end(), _ADDR_PERSONAL, 30):
                f = self._address(views, v, m.start(), m.end(), door_only=True)
                if f:
                    out.append(f)
        return out

    def _address(self, views: Views, v: str, s: int, e: int, door_only: bool) -> Finding | None:
        left = v[max(0, s - 40):s]
        m = _ADDR_AFTER_DELIM.search(left)  # (what follows the last delimiter: one search in C)
        prefix = m.group(1) if m else left
        for lab in _ADDR_LABELS:
            i = prefix.rfind(lab)
            if i >= 0:
                prefix = prefix[i + len(lab):]
                break
        if not _ADDR_PLACE.search(prefix) and door_only:
            return None
        a = s - len(prefix)
        addr = v[a:e]
        before = v[max(0, a - 8):a]
        towns_v = list(_TOWN_RE.finditer(addr))
        street_part = addr[towns_v[-1].end():] if towns_v else addr
        if any(w in street_part for w in _ADDR_PUBLIC) or any(w in before for w in _ADDR_PUBLIC_BEFORE):
            return None
        start, end = views.vis_span(a, e)
        text = views.text[start:end]
        towns = list(_TOWN_RE.finditer(text))
        keep = text[:towns[-1].end()] if towns and towns[-1].end() < len(text) else ""
        return Finding(start=start, end=end, text=text, category="personal_data", type="address", severity="review",
                       rule="pii.address", message="疑似个人详细住址（门牌号/楼栋/单元/室），个人住址只宜公开到乡（镇）、街道",
                       suggestion=(keep + "***") if keep else "***", basis=_BASIS_ADDR, score=0.7 if door_only else 0.85)

