"""Letters read back (issue 16, h16y): a run of ASCII letters standing alone in Chinese text, read as
the initials or the pinyin of words, and every content detector run again over the reading.

The lexicon rows get their pinyin and initials as disguised spellings (scanner/disguise.py), and the
compositional rules read initials of their own words (scanner/detectors/compositional.py); but a
finding that a detector makes from words no row holds — a phrase of a rule made of two or more of its
words, a formulation, the prohibited-content model's span — had no spelling in letters. This pass
gives every detector's language one, without a spelling per phrase: the letters are decoded, and the
scanner itself decides whether the decoded text holds a finding.

* **Where:** a run of letters (pinyin may be written with a space between syllables) with no ASCII
  letter, digit or URL, mail or code punctuation next to it, a Han character on one side at least
  and no ASCII character on either (发布ywyx相关, 。NCX政府): letters inside an English sentence, a URL,
  a mail address, a product code or a unit are never read. A run that general Chinese text writes
  (``data/letters_seen.txt``: every letter token of the general corpora and of the two official
  corpora the stoplist reads, never 新闻联播) is an acronym or a word, not a disguise (GDP, CPI,
  PPT, iPhone, DOTA), and so is a standard acronym (:data:`_ACRONYMS`: LBS, HDD, CNN, CGN) or letters
  of one upper case right before a noun of technology or business (:data:`_ACRONYM_NOUNS`: XYZ平台,
  XYZ定位, XYZ集团), or letters the text names (defined in brackets after the words they abbreviate,
  简称XYZ, an institution's slot 据XYZ消息 or 在XYZ工作; h14e); :func:`acronym` says so for the other
  readers of initials too (h13c).
* **Initials:** letters of one case, 3 to 16, one vowel at most, and in fewer than eight letters only
  as the first letter:
  the ways of writing them as the initials of words the detectors know — the lexicon rows of the
  content types (not the key terms' misspellings; of a generated list three characters or more), the
  words of the compositional and wording rules and the wording rules' names (:func:`vocabulary`) —
  and, one in a reading at most, of jieba's most frequent words (:data:`_FILLERS`), two to eight
  characters each, at most :data:`_MAX_WORDS` words, at most :data:`_MAX_READINGS` readings, fewest
  words first.
* **Pinyin:** whole syllables only (lower case, upper case, or a capital at each syllable's start:
  XiaoSuanGanYou), two syllables or more: the segmentations into words of the same vocabulary and of
  jieba's dictionary, whose toneless pypinyin reading spells each piece, best first (fewer words, the
  detectors' words, then more frequent words).
* **Run again:** the text around the run (its sentence, :data:`_REACH` characters either side) with
  the reading in the letters' place goes through every detector of the content categories; a finding
  over the reading that the text itself did not make is reported over the letters, as ``review``
  (a reading is a guess), with the reading in its message. One finding must cover more than half of
  the reading, and three characters of an initials reading or two of a pinyin one (yd alone is no
  铀毒: two letters name anything); an initials reading holds one word of jieba's at most; a reading
  of several words from six letters or more is no evidence to the prohibited-content classifier
  (:data:`_LONG`); and a word that one word makes a finding of (``wording.lone_words``: 瞎佬, 泼妇 …)
  or an entry of a generated list (a piece of a phrase: 淫秽口, 买卖手; h13c) is read from initials only
  as the whole run (bdxl is no 瞎佬 after any word spelled bd, as in the compositional read-back;
  dxyhk no 对象淫秽口). An initials reading of three words or more needs a finding that explains every
  word (h14e): a trade rule's, every word one of its class; else, of a reading of the detectors' words
  only, a finding over all of it (:data:`_WHOLE_WORDS`).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from . import speedups
from .model import Finding

__all__ = ["runs", "readings", "vocabulary", "CATEGORIES"]

_SEEN_PATH = Path(__file__).resolve().parent / "data" / "letters_seen.txt"
#: the categories whose detectors are run again over a reading (not personal data: a reading may
#: spell a name)
CATEGORIES = frozenset({"state_secret", "commercial_secret", "improper_wording"})
#: the types a reading is not reported as (h16r2): see :func:`_read_back`
_NOT_READ_TYPES = frozenset({"outdated_term", "advertising_absolute"})
_REACH = 40  # characters either side of the letters that the detectors read again
_MAX_WORDS = 8
_MAX_READINGS = 3  # (each is a window scanned again: ~4.7% of the posts' time at eight, CGTN read eight ways)
_MAX_PINYIN_READINGS = 3
_MAX_RUNS = 6  # runs read in one text at most
#: initials of this many letters or more read as a phrase of several words (not one word of the
#: detectors): the classifier's finding is no evidence (it reads characters, and a phrase of several
#: contraband words reads as contraband to it: h13c, 15 of the 53 alarms of 900 random runs of 6-8
#: consonants in work-report sentences)
_LONG = 6
#: an initials reading of this many words or more needs a finding that explains every word (h14e; :func:`_read_back`)
_WHOLE_WORDS = 3
#: the words of jieba's dictionary an initials reading may hold besides the detectors' words (ycl 原材料 before
#: the rule's cgjg 采购价格; ncx 南朝鲜, which the compass rule finds): the most frequent _FILLERS of each
#: initials, of frequency _FILLER_FREQ or more, two to four characters
_FILLERS = 2
_FILLER_FREQ = 50
_VOWELS = frozenset("aeiou")
_RUN_RE = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
_LETTERS_RE = re.compile(r"[A-Za-z]{2,}")
_SPLIT_CAPS = re.compile(r"[A-Z][a-z]*")
#: letter tokens county and Weibo posts write that the corpora of ``data/letters_seen.txt`` lack (h16r2,
#: written from general knowledge, not from the benchmark): brands (YSL 圣罗兰 read 要射了), companies and
#: games (mhy 米哈游 read 迷幻药, qqyx QQ游戏), technical acronyms (GNSS read 弓弩身上), internet
#: slang (szd 是真的 read 售子弹) and the initials of county offices (scjgj 市场监管局 read 送彩金国家,
#: fzb 法制办 read 仿真步, bsfwzx 办事服务中心 read 匕首服务直销)
_COMMON = frozenset("""
ysl mlb nyx ck dw tf sk skii lv mk ua nb hm cdf mhy qqyx wzry hpjy yxlm dnf pubg lol gnss gprs rfid
gpu cpu ssd hdd nas vpn iot plc cnc szd yyds xswl plmm nsdd zqsg dddd xdm jms awsl bdjw dbq xjj xgg
cpdd yygq tql pyq kswl gkd bgm yjgj zfb nbcs bhys zdjd yysy xhs
scjgj fzb bsfwzx zwfwzx bmfwzx gaj pcs sfj sfs zjj mzj czj jyj wjj wjw nyncj zrzyj hbj sthjj slj
jtysj yjglj tyj wlj sjj tjj rsj lyj xfj jcj jwjw zzb xcb tzb fgw gxj kjj swj swb zgz sfz
""".split())


#: standard acronyms of technology, business, units, chemistry and medicine, exchanges and tickers,
#: organisations and universities that initials could read (one vowel at most; h13c, written from general
#: knowledge, not from the benchmark): LBS 基于位置的服务 read 老不死, HDD 硬盘 read 化打赌, MMS 彩信 read
#: 买卖手, CNN read 操你娘, CGN 中广核 read 材弓弩 — a known acronym is never read as initials
_ACRONYMS = frozenset("""
lbs gps gnss bds sdk crm pdf ppt xml sql css html http https tcp dns cdn vpn lan wlan wan nfc rfid
usb hdmi led lcd ssd hdd ram rom cpu gpu npu tpu mcu dsp fpga plc dcs scm wms tms bms ems hmi agv rpa
nlp llm mms sms qr url bgp mpls sdn nfv idc pue ups nas san dbms etl bi olap mqtt ble lte pki ssl tls
ddos waf ids siem xdr edr apt gis rtk ppk ins imu adas lka vcu obc dcdc ptc hvac phev hev bev fcev cng
lng lpg scr dpf tbox cdma gsm gprs wcdma hspa vr ar mr xr bci cbdc dcep mdm sso cmmi bpm sku spu kpi
sla sop b2b b2c o2o p2p c2m sdwan
lpr mlf slf psl shibor cpi ppi pmi gdp gnp fdi epc ppp bt fob cif ddp tt qfii rqfii qdii cds mbs esg
ehs qhse hse qc qa iqc oqc fqc spc msa fmea jit mrp mps bom wip fifo csr cmo cpa cfa frm mba dba mpa
phd msc bsc gmv dau mau pv ctr cvr cac seo sem kol koc mcn ugc pgc ogc cpc cpm cps dtc fmcg pos scrm svip
kwh mwh gwh twh kw mw gw kva kv mah km cm mm nm kg mg ml cc kpa mpa gpa hpa hz khz mhz ghz thz db dbm
lm mmol ppm ppb rpm bps kbps mbps gbps kb mb gb tb pb tce ccer gwp cod bod tss tn tp ntu tsp nox sox
hcl kcl kmno dna rna mrna pcr ct mri ecg eeg ccu nicu picu hpv hbv hcv tb rsv cdc fda nmpa gmp gsp glp
gcp ivd pk adr cpr bmr ldl hdl tg tc ggt tsh psa crp wbc rbc plt hgb ckd copd adhd ptsd ocd sls dvt
chd dm htn tcm chm drg his lis pacs ris emr ehr cdss
jd pdd bidu xpev tcehy ntes tme bili huya wb ymm zto bk htsc gtja cicc cmb spdb cmbc hxb pab cgb bob bos
nbcb bjrcb psbc cdb adbc csc gf cms sws dbs ubs sehk hkex sse szse bse neeq nyse lse tse sgx hsi hsce csi
djia spx msft amzn tsla nvda qcom tsm ibm hsbc icbc ccb bocom ceb cib
sjtu pku thu zju fdu nju ustc hit xjtu hust whu sysu scut bnu ecnu bit buaa dut jlu sdu zzu hnu csu
uestc swjtu cqu xmu fjnu nwpu nudt bjtu bupt cufe swufe zuel ruc cupl cau bfu bjfu nku tju tjut scu
cctv cgtn cnr cri cmg cns cnn bbc nhk kbs dpa tass rt nyt wsj ft wp scmp xhna pla pap cpc npc cppcc
ccdi ndrc mof mofcom miit most mps msa mee mnr mohurd mot mwr mara nhc nhsa cac samr csrc cbirc nfra
pboc sasac nbs cnsa casc casic avic cnnc cgn sgcc csg cnpc cnooc chn chng cdt hpi spic crec crcc cccc
cscec crrc cosco cmhk ct cm cttic zte byd catl smic tcl gac saic faw dfm baic jac gwm scb uob ocbc
wto imf adb aiib ndb oecd brics undp unep wipo ilo fao icao imo itu upu wmo iso iec ieee gb gbt hj
jgj cjj dl yy qb
""".split())
#: nouns of technology and business that an acronym heads (LBS定位, HDD系统, CGN集团): letters of one upper
#: case right before one are an acronym, not initials (h13c)
_ACRONYM_NOUNS = tuple("""
定位 导航 平台 系统 技术 接口 模块 芯片 设备 装置 协议 标准 规范 认证 软件 硬件 应用 程序 架构 算法 模型 框架
终端 网络 数据 基站 卫星 传感 控制 产品 方案 项目 工程 公司 集团 股份 控股 银行 证券 基金 指数 大学 学院 研究院
实验室 中心 频道 电视台 新闻 记者 体系 检测 测试 工具 引擎 接入 功能 版本 格式 文件 编码 端口 服务器 云平台 解决方案
管理 行业 产业 市场 企业 厂商 品牌 型号 电池 电机 车型 汽车 手机 终端 网关 协会 组织 机构 委员会 指标 报告 模式
""".split())


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@lru_cache(maxsize=1)
def _seen() -> frozenset[str]:
    try:
        lines = _SEEN_PATH.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(x for x in lines if x and not x.startswith("#"))


def _alone(ch: str) -> bool:
    """Whether letters next to ``ch`` stand alone: the text's edge, a Han character, or a character
    outside ASCII that is no letter or digit (，。、“ ）)."""
    return not ch or (not ch.isascii() and (_is_han(ch) or not ch.isalnum()))


_class_runs = speedups.get("class_runs")


@lru_cache(maxsize=1)
def _letters_table() -> bytes:
    return speedups.class_table({"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz": 2}) if _class_runs else b""


def _letter_spans(text: str) -> list[tuple[int, int]]:
    """The maximal runs of two ASCII letters or more in ``text`` (one walk in C when the extension
    is built: the pass's whole cost on a text without letters), those separated by one space
    joined (su jiao zha dan)."""
    table = _letters_table()
    spans = _class_runs(text, table, 2) if table else [m.span() for m in _LETTERS_RE.finditer(text)]
    if len(spans) < 2:
        return spans
    out = []
    k = 0
    while k < len(spans):
        s, e = spans[k]
        while k + 1 < len(spans) and spans[k + 1][0] == e + 1 and text[e] == " ":
            k += 1
            e = spans[k][1]
        out.append((s, e))
        k += 1
    return out


#: the words of a spam offer: letters before a noun in a sentence that holds one are read all the same
#: (YHSP平台免费看, CSQZ平台有货: the noun of an advert, not of an acronym; h13r found them)
_SPAM_RE = re.compile("有货|现货|免费看|免费观看|在线观看|加微|加v|vx|私聊|私信|货到付款|到付|包邮|出售|代购|求购|"
                      "兼职|日结")


#: nouns of technology only (not of business: a spam offer sells a 平台, a 项目, a 服务): letters of either
#: case right before one name a technology (gps定位, xyz系统, xyz技术; h14e)
_TECH_NOUNS = tuple("""
定位 导航 系统 技术 接口 模块 芯片 设备 装置 协议 标准 规范 软件 硬件 程序 架构 算法 模型 框架 终端 基站 卫星
传感 控制 引擎 编码 端口 服务器 网关 固件 驱动 数据库 处理器 传感器 控制器
""".split())


def _heads_noun(text: str, letters: str, e: int) -> bool:
    """Letters of one case, six at most, right before a noun: of technology or business
    (:data:`_ACRONYM_NOUNS`) when upper case, of technology (:data:`_TECH_NOUNS`) in either case: an
    acronym (LBS定位服务, HDD系统, CGN集团, gps定位), unless the sentence makes a spam offer
    (:data:`_SPAM_RE`)."""
    if not (len(letters) <= 6 and (letters.isupper() and text.startswith(_ACRONYM_NOUNS, e) or (
            letters.islower() and text.startswith(_TECH_NOUNS, e)))):
        return False
    a = _sentence_edge(text, e - len(letters), -1, 60)
    b = _sentence_edge(text, e, 1, 60)
    return _SPAM_RE.search(text, a, b) is None


#: the slots of an institution's name in news prose (h14e): the attribution formula 据…消息/报道 (据新华社
#:消息) and the place of work 在…工作/任职 — letters there name an organisation, not a phrase
_SLOTS = (("据", ("消息", "报道", "介绍", "统计", "披露", "透露", "发布")),
          ("在", ("工作", "任职", "就职", "供职", "就读", "实习", "上班")))


#: the words that give letters as a name right before them: 简称DND, 英文缩写为XYZ, 缩写：XYZ
_NAMED_AS = re.compile("(?:简称|缩写|英文名|英文名称|英文简称|英文缩写)(?:为|是)?[：:“\"]?$")


def _named(text: str, w: str, s: int, e: int) -> bool:
    """Whether the letters ``w`` at ``text[s:e]`` are a name the text gives them (h14e): defined in
    brackets after the words they abbreviate anywhere in the text (碳纤维增强复合材料（XYZ）: every XYZ
    or xyz of the text), given as one (:data:`_NAMED_AS`: 简称DND), or standing in an institution's
    slot (:data:`_SLOTS`: 据XYZ消息, 在XYZ工作), unless the sentence makes a spam offer (:data:`_SPAM_RE`)."""
    if _NAMED_AS.search(text, max(0, s - 8), s):
        return True
    for v in {w, w.upper(), w.lower()}:  # (a definition in the run's case or in upper or lower case)
        for op in "（(":
            k = text.find(op + v)
            while k > 0:
                if text[k + 1 + len(v):k + 2 + len(v)] in ("）", ")") and _is_han(text[k - 1]):
                    return True
                k = text.find(op + v, k + 1)
    for before, after in _SLOTS:
        if s > 0 and text[s - 1] == before and text.startswith(after, e):
            a = _sentence_edge(text, s, -1, 60)
            return _SPAM_RE.search(text, a, _sentence_edge(text, e, 1, 60)) is None
    return False


def acronym(text: str, s: int, e: int) -> bool:
    """Whether the letters ``text[s:e]`` are an acronym rather than initials to read: a token general
    text writes (``data/letters_seen.txt``, :data:`_COMMON`, :data:`_ACRONYMS`) or upper-case letters
    heading a noun of technology or business. The other readers of initials ask it too (the lexicon's
    initials of the generated lists, the compositional rules' initials)."""
    return _acronym_word(text, text[s:e], e)


def _acronym_word(text: str, w: str, e: int) -> bool:
    """:func:`acronym` of the letters ``w`` that end at ``e`` in ``text`` (a run's letters without its spaces)."""
    low = w.lower()
    return low in _seen() or low in _COMMON or low in _ACRONYMS or _heads_noun(text, w, e) or _named(
        text, w, e - len(w), e)


def runs(text: str) -> list[tuple[int, int]]:
    """The runs of letters of ``text`` that stand alone in Chinese text (see the module docstring)."""
    spans = _letter_spans(text)
    if not spans:
        return []
    out = []
    n = len(text)
    for s, e in spans:
        if e - s < 3:
            continue
        before = text[s - 1] if s > 0 else ""
        after = text[e] if e < n else ""
        if not (_alone(before) and _alone(after)) or not (_is_han(before) or _is_han(after)):
            continue  # (an ASCII neighbour: an English sentence, a URL, a code, a unit, 5G)
        flat = text[s:e].replace(" ", "")
        if len(flat) < 3 or _acronym_word(text, flat, e):
            continue
        out.append((s, e))
        if len(out) >= _MAX_RUNS:
            break
    return out


def _content_rows() -> tuple[set[str], set[str]]:
    """The terms of the bundled lexicon rows of the content types (not allow rows, not personal data,
    advertising, credentials or the key terms' misspellings): (those of the full rows, those of the
    generated lists, ``disguise = "basic"``, three characters or more)."""
    from .disguise import HIGH_RISK_TYPES
    from .lexicon import bundled_lexicon_dir, load_lexicons

    # (not the key terms' misspellings: a misspelling has its correct form's initials, and read from
    # letters it made leaders' names out of any hn: rhnxj as 壬沪宁性交)
    keep = (set(HIGH_RISK_TYPES) - {"key_term_misspelling"}) | {"secret_topic", "trade_secret", "bid_secret"}
    rows: set[str] = set()
    generated: set[str] = set()
    for f in load_lexicons([bundled_lexicon_dir()]).files:
        # (a generated list's two-character pieces are no words: two letters would read any of
        # them, FAST as 肥癌 售秃)
        basic = f.disguise == "basic"
        out, shortest = (generated, 3) if basic else (rows, 2)
        for e in f.entries:
            if not e.is_allow and e.type in keep and shortest <= len(e.term) <= 8 and all(_is_han(c) for c in e.term):
                out.add(e.term)
    return rows, generated


def _build_vocabulary():
    """(the detectors' words; initials -> those words, shortest first; toneless pinyin -> the best
    word spelling it, of those words and jieba's dictionary, with a rank: 0 a detectors' word, else
    the jieba frequency's negative; the words one word makes a finding of, read from initials only
    as the whole run)."""
    from .detectors import compositional, morphology, wording
    from .disguise import _pinyin as py
    from .variants import _jieba_freq

    # (the wording rules' names are a finite language of their own: 南朝鲜, 小日本, 西藏流亡政府 …)
    rows, generated = _content_rows()
    words = set(compositional._vocabulary()) | set(wording.disguise_words()) | set(wording._NAMES_GATE) | rows
    # (a generated list's entries are pieces of phrases, 淫秽口 买卖手: read from initials only as the whole
    # run, never after a word of jieba's or of the rules (dxyhk is no 对象淫秽口), h13c)
    generated -= words
    words |= generated
    words = {w for w in words if 2 <= len(w) <= 8 and all(_is_han(c) for c in w)}
    initials: dict[str, list[str]] = {}
    pinyin: dict[str, tuple[str, int]] = {}
    lone = wording.lone_words() | generated
    # (the word-formation compounds, :mod:`.detectors.morphology`, are read from their pinyin only: their
    # initials are any few consonants — yqw, sqtyh, ywymj of random runs read 艳情网, 色情图有货, 遗忘烟模具, h14d)
    morph = morphology.GATE - compositional._OBJECTS - rows - generated  # (黄片 色情片 迷魂药: rows and objects as before)
    for w in sorted(words, key=lambda w: (len(w), w)):
        p = py(w)
        if not p or not all(x.isascii() and x.isalpha() for x in p):
            continue
        if w not in morph:
            initials.setdefault("".join(x[0] for x in p), []).append(w)
        pinyin.setdefault("".join(p), (w, 0))
    fillers: dict[str, list[tuple[int, str]]] = {}
    for w, f in _jieba_freq().items():
        if f < 3 or not 2 <= len(w) <= 6 or not all(_is_han(c) for c in w):
            continue
        p = py(w)
        if not p or not all(x.isascii() and x.isalpha() for x in p):
            continue
        if f >= _FILLER_FREQ and len(w) <= 4 and w not in words:
            fillers.setdefault("".join(x[0] for x in p), []).append((-f, w))
        k = "".join(p)
        old = pinyin.get(k)
        if old is None or (old[1] < 0 and -f < old[1]):
            pinyin[k] = (w, -f)
    for k, v in fillers.items():  # (after the detectors' words: the most frequent two of jieba's)
        initials.setdefault(k, []).extend(w for _f, w in sorted(v)[:_FILLERS])
    return tuple(sorted(words)), {k: tuple(v) for k, v in initials.items()}, pinyin, frozenset(lone & words)


@lru_cache(maxsize=1)
def _tables():
    from . import compiled
    from .lexicon import bundled_lexicon_dir

    key = compiled.lexicon_key_or_none([bundled_lexicon_dir()]) or compiled.code_key()
    return compiled.memo("letters_vocabulary", key, _build_vocabulary)


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(_tables()[0])


def vocabulary() -> tuple[str, ...]:
    """The words the initials of a run are read as."""
    return _tables()[0]


def _initials_ok(r: str) -> bool:
    if not (r.islower() or r.isupper()) or not 3 <= len(r) <= 16:
        return False
    low = r.lower()
    v = sum(ch in _VOWELS for ch in low)
    # (initials have no vowel but a syllable's that starts with one, 二 安 爱 欧 …: one at most, at the
    # start of a short run; card, ACT and most English words and acronyms have one inside, and a long
    # English word more than one: artyplan, merchantsbank)
    return v == 0 or (v == 1 and (low[0] in _VOWELS or len(r) >= 8))


def _syllables_of(r: str) -> list[str] | None:
    """The pieces of ``r`` that must each be whole syllables: the space-separated chunks; in mixed
    case, the pieces that start at a capital (XiaoSuanGanYou; not iPhone, not McDonald)."""
    chunks = r.split(" ")
    out: list[str] = []
    for c in chunks:
        if c.islower() or c.isupper():
            out.append(c.lower())
        else:
            parts = _SPLIT_CAPS.findall(c)
            if "".join(parts) != c:
                return None
            out += [p.lower() for p in parts]
    return out


def _pinyin_ok(r: str) -> str | None:
    """The run's letters, lower case, when they are whole pinyin syllables (two or more)."""
    from .disguise import is_pinyin

    pieces = _syllables_of(r)
    if not pieces or not all(is_pinyin(p) for p in pieces):
        return None
    joined = "".join(pieces)
    return joined if len(joined) >= 4 else None


def readings(run: str) -> list[tuple[str, str]]:
    """The readings of the letters ``run`` as (kind, Han text): initials first, then pinyin."""
    return [(kind, t) for kind, t, _ws in _readings(run)]


def _readings(run: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """:func:`readings` with the words of each (of an initials reading, fewest; () for pinyin)."""
    _words, initials, pinyin, lone = _tables()
    out: list[tuple[str, str, tuple[str, ...]]] = []
    flat = run.replace(" ", "")
    if " " not in run and _initials_ok(flat):
        low = flat.lower()
        n = len(low)
        found: list[tuple[str, ...]] = []

        known = _known()

        def walk(i: int, acc: tuple[str, ...], filled: bool) -> None:
            if len(found) >= _MAX_READINGS:
                return
            if i == n:
                found.append(acc)
                return
            if len(acc) == _MAX_WORDS:
                return
            for j in range(min(n, i + 8), i + 1, -1):  # longer words first
                for w in [w for w in initials.get(low[i:j], ()) if w not in lone or (i == 0 and j == n)][:4]:
                    # (one word of jieba's at most: 昆明 外泄 弓弩 is no reading of kmwxgn)
                    if w not in acc and not (filled and w not in known):
                        walk(j, acc + (w,), filled or w not in known)

        walk(0, (), False)
        fewest: dict[str, tuple[str, ...]] = {}
        for ws in sorted(found, key=len):
            fewest.setdefault("".join(ws), ws)
        out += [("initials", t, ws) for t, ws in fewest.items()]
    low = _pinyin_ok(run)
    if low is not None:
        out += [("pinyin", t, ()) for t in _pinyin_readings(low, pinyin)]
    return out


def _pinyin_readings(low: str, pinyin: dict[str, tuple[str, int]]) -> list[str]:
    """The best segmentations of ``low`` into words spelled by ``pinyin`` (fewest words, then the
    detectors' words, then the most frequent)."""
    import heapq

    n = len(low)
    # best[i]: up to a few (cost, words) for low[:i]
    best: list[list[tuple[tuple[int, int, float], tuple[str, ...]]]] = [[] for _ in range(n + 1)]
    best[0] = [((0, 0, 0.0), ())]
    for i in range(n):
        if not best[i]:
            continue
        for j in range(i + 2, min(n, i + 30) + 1):
            got = pinyin.get(low[i:j])
            if got is None:
                continue
            w, rank = got
            for (nw, nj, fr), ws in best[i]:
                cost = (nw + 1, nj + (rank < 0), fr + (0.0 if rank == 0 else 1.0 / (1 - rank)))
                best[j].append((cost, ws + (w,)))
            best[j] = heapq.nsmallest(_MAX_PINYIN_READINGS, best[j])
    return list(dict.fromkeys("".join(ws) for _c, ws in best[n]))


def findings(scan, views, found: list[Finding]) -> list[Finding]:
    """The findings of letters read back in the text of ``views`` (``scan(window)`` -> the window's
    raw findings of the content categories; ``found``: what the text itself made)."""
    text = views.text
    places = runs(text)
    if not places:
        return []
    out: list[Finding] = []
    for a, b in places:
        if any(f.start < b and a < f.end and f.category in CATEGORIES for f in found + out):
            continue
        run = text[a:b]
        for kind, reading, words in _readings(run):
            got = _read_back(scan, text, a, b, run, kind, reading, words)
            if got:
                out += got
                break
    return out


_STOPS = "。！？!?\n"


def _sentence_edge(text: str, i: int, step: int, reach: int) -> int:
    """Where the sentence around ``i`` ends, ``reach`` characters at most: going back (``step`` < 0),
    right after the last stop before ``i``; going on, at the first stop from ``i``."""
    if step < 0:
        lo = max(0, i - reach)
        k = max(text.rfind(c, lo, i) for c in _STOPS)
        return k + 1 if k >= 0 else lo
    hi = min(len(text), i + reach)
    return min((k for k in (text.find(c, i, hi) for c in _STOPS) if k >= 0), default=hi)


def _read_back(scan, text: str, a: int, b: int, run: str, kind: str, reading: str,
               words: tuple[str, ...] = ()) -> list[Finding]:
    lo = _sentence_edge(text, a, -1, _REACH)
    hi = _sentence_edge(text, b, 1, _REACH)
    if hi < len(text) and text[hi] in _STOPS[:-1]:  # (the sentence's own stop, not a line break)
        hi += 1
    window = text[lo:a] + reading + text[b:hi]
    s0, e0 = a - lo, a - lo + len(reading)
    shift = len(reading) - (b - a)
    # (not a superseded name or an advertising claim: no one spells those in initials to hide them,
    # and county posts abbreviate their offices, rsj 人社局 read 人事局, h16r2)
    new = [f for f in scan(window) if f.start < e0 and s0 < f.end and f.type not in _NOT_READ_TYPES]
    if kind == "initials" and len(run) >= _LONG and reading not in _known():  # (a phrase of several words: _LONG)
        new = [f for f in new if f.rule != "prohibited.model"]
    if kind == "initials" and len(words) >= _WHOLE_WORDS:
        # (a trade rule's finding over a reading of three words or more: every word one of its class, as
        # for the compositional rules' own initials; zlmmnh is no 左轮买卖|南海, TGJZZR no 提供假证|自然)
        from .detectors.compositional import _class_words

        trade = _class_words()
        new = [f for f in new if f.rule not in trade or all(w in trade[f.rule] for w in words)]
    if not new:
        return []
    # one finding must cover three characters of an initials reading (two words, or a word of three),
    # two of a pinyin one: findings of two letters each, read apart, are no evidence (ysxl is no 淫 and
    # 瞎佬, nor ydll 丫的 and 乱伦)
    # and more than half of it (水溶性|国土部 is no reading of srxgtb)
    if max(min(e0, f.end) - max(s0, f.start) for f in new) < max(3 if kind == "initials" else 2, len(reading) // 2 + 1):
        return []
    # and of an initials reading of three words or more, all of the detectors' words, the whole of it: a
    # long reading is fitted to the letters word by word, and a finding that leaves a word out read a
    # part of the run (blqxxxmy is no 办理枪械信息|面议, STXKSLJB no 试题|虚开数量假币; h14e, as the
    # compositional rules' initials). A reading with a word of jieba's is a phrase in words of the
    # language, read as before (a word of jieba's before a phrase of the rules, as ycl 原材料 before cgjg 采购价格).
    if kind == "initials" and len(words) >= _WHOLE_WORDS and all(w in _known() for w in words) and not any(
            f.start <= s0 and e0 <= f.end for f in new):
        return []
    out = []
    for f in new:
        start = lo + f.start if f.start < s0 else a
        end = lo + f.end - shift if f.end > e0 else b
        label = "首字母" if kind == "initials" else "拼音"
        msg = f"{f.message}（{label}「{run}」读作「{reading}」，请人工核实）"
        out.append(replace(f, start=start, end=end, text=text[start:end], severity="review", message=msg,
                           suggestion=None, score=min(f.score, 0.6)))
    return out


def _build_seen(corpus: Path, out: Path) -> int:
    """Every letter token (lower case, 2+ letters) of the general corpora and of the official corpora
    the stoplist reads (never 新闻联播: benchmarks/bench_disguise.py counts its false alarms)."""
    from .variants import _DISGUISE_CORPORA, _corpus_texts
    from .words import jieba_dict_path

    tokens: set[str] = set()
    for t in _corpus_texts(corpus, _DISGUISE_CORPORA):
        for m in _RUN_RE.finditer(t):
            for x in (m.group(), *m.group().split(" ")):
                if len(x) >= 2:
                    tokens.add(x.replace(" ", "").lower())
    with open(jieba_dict_path(), encoding="utf-8") as f:  # (the English words of jieba's dictionary)
        for line in f:
            w = line.split(" ", 1)[0]
            if w.isascii() and w.isalpha() and len(w) >= 2:
                tokens.add(w.lower())
    out.write_text("# Letter tokens general Chinese text writes (acronyms, names, English words): never read as\n"
                   "# initials or pinyin (scanner/letters.py). Generated by `python -m scanner.letters build-seen\n"
                   "# --corpus ../shared/data` from the general corpora and two official corpora, never 新闻联播.\n"
                   + "\n".join(sorted(tokens)) + "\n", encoding="utf-8")
    return len(tokens)


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m scanner.letters")
    sub = p.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build-seen", help="write data/letters_seen.txt")
    b.add_argument("--corpus", required=True)
    r = sub.add_parser("read", help="print the readings of letters")
    r.add_argument("letters")
    args = p.parse_args(argv)
    if args.cmd == "build-seen":
        print(_build_seen(Path(args.corpus), _SEEN_PATH))
    else:
        for kind, t in readings(args.letters):
            print(kind, t)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
