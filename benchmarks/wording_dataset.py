#!/usr/bin/env python3
"""A deterministic, labelled set of secret markers and improper wording in government posts.

Positives come from the lexicons' own rows (and, for key terms, from ``scanner.variants.misspellings``
of the correct forms; classification marks and credentials are generated from their written forms);
the carrier sentences (通知, 新闻稿, 公示, 微博) are new and written here, never copied from the
``*.examples.tsv`` files. A share of the positives is disguised: traditional characters (OpenCC's
``STCharacters.txt``, simplified → traditional), full-width letters/digits, noise characters between
the characters (``赌*博``, ``赌 博``, ``赌·博``), zero-width characters. Noise disguises are applied
only to rows without the ``strict`` option (``strict`` means "no noise skipping" by design).

Hard negatives are the innocent words and contexts the lexicons' options and allow-lists exist for:
a ``quote`` row in quotation marks, a ``ctx`` row without its context, a row next to one of its
``nctx`` words, the allow-list terms, correct key terms, and a hand-written list (商业秘密 law
explainers, 公开征求意见 notices, anti-drug news, 国家级新区, 第一书记, 村长期 …).

Record (one JSON line)::

    {"id": "w-00017", "genre": "通知", "kind": "positive", "text": "...",
     "spans": [{"start": 12, "end": 16, "type": "internal_marker", "accept": ["internal_marker"],
                "rule": "secret.internal.neibu_ziliao", "term": "内部资料", "form": "traditional"}],
     "negatives": [{"start": 3, "end": 7, "rule": "...", "why": "quoted"}]}

``text[start:end]`` is the term exactly as written (disguise included). ``accept`` lists the types
that count as a correct detection (the same term stands in two lexicons, e.g. 无效退款 is both a
``banned_term`` and an ``advertising_absolute``). A negative record has no ``spans``.

usage:
    python benchmarks/wording_dataset.py [--seed 7] [--out FILE|-] [--stats]
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LEX = REPO / "lexicons"

TYPES = ("classification_mark", "internal_marker", "draft_marker", "secret_topic", "credential",
         "bid_secret", "trade_secret", "political_term", "key_term_misspelling", "needs_quotes",
         "banned_term", "outdated_term", "prohibited_content", "advertising_absolute")
CATEGORY = {t: "state_secret" for t in TYPES[:5]}
CATEGORY.update({"bid_secret": "commercial_secret", "trade_secret": "commercial_secret"})
CATEGORY.update({t: "improper_wording" for t in TYPES[7:]})

LEXICON_FILES = ("improper_wording/xinhua_style.tsv", "improper_wording/outdated_terms.tsv",
                 "improper_wording/advertising_absolute.tsv", "improper_wording/prohibited_content.tsv",
                 "state_secret/internal_markers.tsv", "state_secret/secret_topics.tsv",
                 "commercial_secret/commercial.tsv")
KEY_TERMS = "improper_wording/key_terms.tsv"
ALLOW = "allow/common_words.tsv"

NOISE = ("*", " ", "·", "_", "-", "|", "~", "#")
ZW = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
QUOTES = (("“", "”"), ("「", "」"), ("\"", "\""), ("《", "》"))


# ------------------------------------------------------------------ lexicon rows
def _rows(rel: str) -> list[dict]:
    out = []
    with open(LEX / rel, encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh if not ln.startswith("#") and ln.strip()]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        row = {k: (v or "") for k, v in row.items()}
        row["opts"] = _options(row.get("options", ""))
        out.append(row)
    return out


def _options(raw: str) -> dict:
    o = {"word": False, "strict": False, "quote": False, "ctx": [], "nctx": [], "win": 20, "ascii_word": False}
    for part in filter(None, (p.strip() for p in raw.split(";"))):
        if "=" in part:
            k, v = part.split("=", 1)
            if k in ("ctx", "nctx"):
                o[k] = [w for w in v.split("|") if w]
            elif k == "win":
                o["win"] = int(v)
        else:
            o[part] = True
    return o


def _s2t_table() -> dict[str, str]:
    import opencc  # opencc-python-reimplemented, in the venv
    path = Path(opencc.__file__).parent / "dictionary" / "STCharacters.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            s, t = line.split("\t", 1)
            t0 = t.split()[0]
            if len(s) == 1 and len(t0) == 1 and t0 != s:
                table[s] = t0
    return table


# ------------------------------------------------------------------ disguises
def fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def disguise(term: str, form: str, rng: random.Random, s2t: dict[str, str]) -> str:
    if form == "traditional":
        return "".join(s2t.get(c, c) for c in term)
    if form == "fullwidth":
        return fullwidth(term)
    if form in ("noise", "zerowidth") and len(term) >= 2:
        pool = NOISE if form == "noise" else ZW
        i = rng.randrange(1, len(term))
        return term[:i] + rng.choice(pool) + term[i:]
    return term


def pick_form(term: str, opts: dict, rng: random.Random, s2t: dict[str, str]) -> str:
    forms = ["plain", "plain", "plain"]
    if any(s2t.get(c, c) != c for c in term):
        forms += ["traditional", "traditional"]
    if any(c.isascii() and c.isalnum() for c in term):
        forms += ["fullwidth"]
    if len(term) >= 2:
        forms += ["zerowidth"]
        if not opts.get("strict"):
            forms += ["noise", "noise"]
    return rng.choice(forms)


# ------------------------------------------------------------------ carriers
# {X} is the inserted fragment. Carriers are written for this benchmark (not the examples files)
# and kept free of the lexicons' trigger words; bench_wording.py reports any finding they cause.
CARRIERS = {
    "通知": [
        "各乡镇（街道）、县直各单位：现将有关事项通知如下，{X}，请认真抓好落实。",
        "关于做好第三季度重点工作的通知。{X}，请各单位于本月底前报送进展情况。",
        "县政府办公室通知：{X}，联系人：综合科，电话见政府网站。",
        "为进一步规范工作流程，经研究决定，{X}，自印发之日起执行。",
        "各有关单位：{X}。特此通知。",
    ],
    "新闻稿": [
        "本报讯（记者 王晓）日前，{X}，现场气氛热烈。",
        "昨天下午，市里召开专题会议，{X}，会议由副市长主持。",
        "记者从有关方面获悉，{X}，相关工作正在有序推进。",
        "近日，我市组织开展调研活动。{X}，调研组一行听取了汇报。",
        "据了解，{X}，下一步将继续跟进落实。",
    ],
    "公示": [
        "公示期为2024年5月6日至5月12日。{X}，如有异议请在公示期内反映。",
        "现将有关情况予以公示：{X}，公示时间为五个工作日。",
        "根据工作安排，{X}，接受社会监督。",
    ],
    "微博": [
        "【提醒】{X}，转给身边的朋友！",
        "#今日关注# {X}，大家怎么看？",
        "刚刚看到一条消息：{X}，速看↓",
        "{X}，小编带你了解详情。",
    ],
}
GENRES = tuple(CARRIERS)

# neutral glue words that introduce the fragment, chosen per type so that the sentence reads
TYPE_LEAD = {
    "internal_marker": ["文件首页注明", "材料封面印有", "该汇编标注", "页眉写着"],
    "draft_marker": ["附件为方案", "所附办法为", "印发的细则系", "本实施意见为"],
    "secret_topic": ["会上通报了", "材料涉及", "附件列明了", "文中提到"],
    "credential": ["系统", "平台", "管理后台", "服务器"],
    "bid_secret": ["项目", "本次招标", "该地块", "采购项目"],
    "trade_secret": ["企业提供的材料包括", "附件涉及", "报送的资料含", "文中附有"],
    "political_term": ["报道中写道", "有网友发文称", "稿件提到", "文中称"],
    "needs_quotes": ["报道提到", "稿件写道", "文中称", "消息说"],
    "banned_term": ["稿件中写道", "文中称", "报道中有", "原文为"],
    "outdated_term": ["通知抄送", "据", "联合", "会同"],
    "prohibited_content": ["评论区出现", "有账号发布", "群里有人留言：", "私信内容为"],
    "advertising_absolute": ["直播间宣传", "商家称", "广告语写着", "店家宣称"],
    "key_term_misspelling": ["稿件中写道", "文中提到", "标题为", "报道称"],
}


def _lower(s: str) -> str:
    return unicodedata.normalize("NFKC", s).lower()


def _window_has(text: str, s: int, e: int, words, win: int) -> bool:
    w = _lower(text[max(0, s - win - 2):e + win + 2])
    return any(x and _lower(x) in w for x in words)


def _fragment(term_text: str, opts: dict, rng: random.Random, lead: str, ctx_word: str | None):
    """(fragment, offset of term in fragment)."""
    if ctx_word:
        if len(ctx_word) <= 1 or ctx_word in ("元", "克", "万元", "亿元", "元/吨", "元/亩", "元/平方米", "期"):
            frag = f"{lead}{term_text}{ctx_word}" if ctx_word not in ("万元", "亿元", "元", "元/吨", "元/亩",
                                                                      "元/平方米") \
                else f"{lead}{term_text}为1280{ctx_word}"
            return frag, len(lead)
        pre = f"{lead}{ctx_word}的"
        return pre + term_text, len(pre)
    return f"{lead}{term_text}", len(lead)


def _place(rng: random.Random, genre: str, fragment: str, off: int, tlen: int):
    tpl = rng.choice(CARRIERS[genre])
    i = tpl.index("{X}")
    text = tpl[:i] + fragment + tpl[i + 3:]
    s = i + off
    return text, s, s + tlen


# ------------------------------------------------------------------ positives from lexicon rows
DENY_TERMS: set[str] = set()   # filled by build(): every deny term of the lexicons


def _choose_ctx(opts: dict, rng: random.Random, term: str = "") -> str | None:
    if not opts["ctx"]:
        return None
    good = [c for c in opts["ctx"] if not any(c in n or n in c for n in opts["nctx"])
            and not (term and term in c) and not any(d in c for d in DENY_TERMS if len(d) >= 2)]
    longer = [c for c in good if len(c) >= 2 and not c.isascii()]
    return rng.choice(longer or good or opts["ctx"])


def lexicon_positive(row: dict, rng: random.Random, s2t, accept, form: str | None = None):
    opts, term, typ = row["opts"], row["term"], row["type"]
    form = form or pick_form(term, opts, rng, s2t)
    for _ in range(30):
        genre = rng.choice(GENRES)
        written = disguise(term, form, rng, s2t)
        ctx = _choose_ctx(opts, rng, term)
        lead = rng.choice(TYPE_LEAD[typ])
        if any(n in lead for n in opts["nctx"]):
            continue
        frag, off = _fragment(written, opts, rng, lead, ctx)
        text, s, e = _place(rng, genre, frag, off, len(written))
        if opts["nctx"] and _window_has(text, s, e, opts["nctx"], opts["win"]):
            continue
        return genre, text, [{"start": s, "end": e, "type": typ, "accept": sorted(accept.get(term, {typ})),
                              "rule": row["id"], "term": term, "form": form}]
    return None


# ------------------------------------------------------------------ classification marks
LEVELS = ("绝密", "机密", "秘密")
PERIODS = ("5年", "10年", "20年", "30年", "6个月", "1年", "长期", "启用前", "开考前", "2025年12月31日前", "会议开始前", "")


def mark_positive(rng: random.Random, s2t):
    level = rng.choice(LEVELS)
    style = rng.randrange(6)
    star = rng.choice("★★☆*")
    period = rng.choice(PERIODS)
    if style <= 2:
        if not period and star == "*":
            period = "10年"
        mark = f"{level}{star}{period}"
    elif style == 3:
        mark = f"{level} {star} {period or '长期'}"
    elif style == 4:
        mark = f"密级：{level}" + (f"★{period}" if period and rng.random() < 0.5 else "")
    else:
        mark = f"密级:{level}"
    form = rng.choice(["plain", "plain", "traditional", "fullwidth", "zerowidth"])
    if form == "traditional":
        written = "".join(s2t.get(c, c) for c in mark)
        if written == mark:
            form = "plain"
    elif form == "fullwidth":
        written = fullwidth(mark)
    elif form == "zerowidth":
        written = mark[0] + rng.choice(ZW) + mark[1:]
    else:
        written = mark
    genre = rng.choice(GENRES)
    leads = ["", "文件右上角标注", "首页标有", "标识为"]
    lead = rng.choice(leads)
    pre = {"通知": f"县委办公室文件\n{lead}", "新闻稿": f"会上印发的材料{lead}：",
           "公示": f"附件1 {lead}", "微博": f"网友晒出的截图显示 {lead}"}[genre]
    tail = rng.choice(["\n关于加强重点时段安全工作的意见", "，请妥善保管。", "\n2024年第3期", "，共12页。"])
    text = pre + written + tail
    s = len(pre)
    return genre, text, [{"start": s, "end": s + len(written), "type": "classification_mark",
                          "accept": ["classification_mark"], "rule": "secret.mark.classification",
                          "term": mark, "form": form}]


# ------------------------------------------------------------------ credentials (detector, not lexicon)
def _pw(rng):
    a = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"
    return rng.choice(a) + "".join(rng.choice(a + "23456789") for _ in range(rng.randint(5, 9))) + \
        rng.choice("@#!") + str(rng.randint(10, 99))


def credential_positive(rng: random.Random, s2t):
    k = rng.randrange(7)
    user = rng.choice(["admin", "zwgk", "xxzx", "root", "gov2024", "sysadmin", "wangjl"])
    if k == 0:
        frag = f"账号：{user}，密码：{_pw(rng)}"
    elif k == 1:
        frag = f"用户名{user}，初始口令为{_pw(rng)}"
    elif k == 2:
        frag = f"内网地址：http://10.{rng.randint(1, 254)}.{rng.randint(0, 254)}.{rng.randint(1, 254)}:8080/oa"
    elif k == 3:
        frag = f"服务器IP 192.168.{rng.randint(0, 254)}.{rng.randint(2, 254)}"
    elif k == 4:
        frag = f"mysql://{user}:{_pw(rng)}@172.{rng.randint(16, 31)}.3.{rng.randint(2, 254)}:3306/zwfw"
    elif k == 5:
        frag = "AccessKey ID: LTAI" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz0123456789") for _ in range(16))
    else:
        frag = f"账号密码为{user}/{_pw(rng)}"
    form = rng.choice(["plain", "plain", "plain", "fullwidth"])
    written = fullwidth(frag) if form == "fullwidth" else frag
    genre = rng.choice(GENRES)
    pre = rng.choice(["各科室同事，新版办公系统已上线，", "关于政务平台运维交接的说明：", "网友反映某单位网站公开了",
                      "工作群截图显示，"])
    text = pre + written + rng.choice(["，请及时登录。", "。", "，相关情况正在核实。"])
    s = len(pre)
    return genre, text, [{"start": s, "end": s + len(written), "type": "credential", "accept": ["credential"],
                          "rule": "secret.credential", "term": frag, "form": form}]


# ------------------------------------------------------------------ key-term misspellings
def keyterm_positives(rng: random.Random, s2t, per_term: int):
    from scanner.variants import misspellings
    out = []
    for row in _rows(KEY_TERMS):
        term, opts = row["term"], row["opts"]
        vs = misspellings(term)
        if not vs:
            continue
        for v in rng.sample(vs, min(per_term, len(vs))):
            genre = rng.choice(GENRES)
            ctx = _choose_ctx(opts, rng, term)
            lead = rng.choice(TYPE_LEAD["key_term_misspelling"])
            tail = "同志" if row["id"].startswith("keyterm.leader") and ctx is None else ""
            form = rng.choice(["plain", "plain", "plain", "zerowidth"])
            written = disguise(v, form, rng, s2t)
            if ctx:
                pre = f"{lead}，{ctx}，"
            else:
                pre = f"{lead}，"
            frag = pre + written + tail
            text, s, e = _place(rng, genre, frag, len(pre), len(written))
            out.append((genre, text, [{"start": s, "end": e, "type": "key_term_misspelling",
                                       "accept": ["key_term_misspelling"], "rule": row["id"], "term": v,
                                       "form": form}]))
    return out


# ------------------------------------------------------------------ hard negatives
HANDWRITTEN_NEGATIVES = [
    ("新闻稿", "市市场监管局开展《反不正当竞争法》宣传，提醒企业依法保护商业秘密，签订保密协议。", "商业秘密"),
    ("通知", "《某某条例（草案）》公开征求意见，社会公众可通过政府网站提交意见建议。", "征求意见"),
    ("新闻稿", "警方在此次行动中查获毒品冰毒3.5千克，抓获犯罪嫌疑人5名。", "毒品"),
    ("新闻稿", "台湾“立法院”日前审议有关议案，遭到岛内舆论批评。", "立法院"),
    ("新闻稿", "国家级新区建设取得新进展，两江新区地区生产总值同比增长6.1%。", "国家级新区"),
    ("新闻稿", "驻村第一书记带领村民发展特色产业，村集体经济收入突破50万元。", "第一书记"),
    ("新闻稿", "习近平总书记在中央经济工作会议上发表重要讲话。", "习近平"),
    ("通知", "深入学习贯彻习近平新时代中国特色社会主义思想，坚持一国两制方针。", "key terms"),
    ("新闻稿", "该村长期坚持发展集体经济，群众获得感不断增强。", "村长期"),
    ("微博", "早高峰期间人民路路口交通压力大，请大家错峰出行。", "路口交通"),
    ("通知", "各单位要严格执行保密规定，做到涉密不上网、上网不涉密，严防失泄密事件。", "涉密"),
    ("新闻稿", "保守国家秘密是每个公民的义务，本次保密宣传月活动覆盖全县机关。", "国家秘密"),
    ("新闻稿", "数据的机密性、完整性和可用性是网络安全的三要素。", "机密性"),
    ("新闻稿", "成功的秘密在于坚持，这位老党员用三十年诠释了初心。", "秘密"),
    ("通知", "社保卡初始密码为身份证号后六位，首次登录请及时修改密码。", "初始密码"),
    ("微博", "为防范电信诈骗，请勿向任何人透露验证码和银行卡密码。", "密码"),
    ("通知", "本次招标不设标底，开标时间为2024年6月18日9时30分。", "标底"),
    ("公示", "根据评审结果，现将中标候选人公示如下，成交价为312万元。", "成交"),
    ("新闻稿", "该药品已完成注册备案，配方公开透明。", "配方"),
    ("新闻稿", "普法讲座上，法官结合案例讲解了侵犯商业秘密罪的构成要件。", "商业秘密"),
    ("通知", "2023年全市地区生产总值统计数据已于近日正式发布。", "统计"),
    ("微博", "高考试题泄露系谣言，请勿相信网上出售答案的诈骗信息。", "答案"),
    ("新闻稿", "人民路与中山路交叉口口交通管制时间调整。", "口交通"),
    ("新闻稿", "我市出口交货值同比增长12%，外贸保持韧性。", "出口交货值"),
    ("新闻稿", "他在全国人大常委会会议上作了说明。", "人大常委会"),
    ("新闻稿", "东京大学等高校同我市建立交流机制，中外人文交流更加紧密。", "交流"),
    ("通知", "请各村（社区）于本周五前报送村主任培训名单。", "村主任"),
    ("新闻稿", "纪念鸦片战争爆发180周年学术研讨会在虎门举行。", "鸦片战争"),
    ("新闻稿", "工业大麻种植须依法取得许可，公安机关将严格监管。", "工业大麻"),
    ("新闻稿", "射击队在气手枪项目上取得两金一银的好成绩。", "气手枪"),
    ("新闻稿", "市民热心做爱心公益，志愿服务时长累计超过十万小时。", "做爱心"),
    ("新闻稿", "两岸同胞血浓于水，台湾同胞是我们的骨肉同胞。", "台湾"),
    ("通知", "全县村（社区）“两委”换届工作顺利完成。", "两委"),
    ("新闻稿", "中国共产党第二十届中央委员会第三次全体会议在北京举行。", "共产党"),
    ("新闻稿", "乡村振兴战略深入实施，共同富裕迈出坚实步伐。", "key terms"),
    ("公示", "本单位仅限内部使用的停车场将于国庆期间对外开放。", "内部使用"),
    ("新闻稿", "这种食品应注意保存在阴凉干燥处，冷藏效果更佳。", "注意保存"),
    ("微博", "出门旅游请注意保管好随身财物，谨防扒窃。", "注意保管"),
    ("新闻稿", "数字政府建设打造数据中台和业务中台。", "中台"),
    ("新闻稿", "中港集团与我市签署合作协议，共建智慧港口。", "中港"),
    ("新闻稿", "中澳两国经贸合作持续深化，澳大利亚客商参加进博会。", "中澳"),
    ("新闻稿", "古尔邦节期间，清真食品供应充足，市场监管部门加强检查。", "清真"),
    ("通知", "请各单位做好内部资料性出版物的登记备案工作。", "内部资料性出版物"),
    ("新闻稿", "此前苏联解体给世界格局带来深远影响。", "此前苏联"),
    ("新闻稿", "新冠肺炎疫情发生以来，我市累计接种疫苗百万剂次。", "新冠肺炎疫情"),
    ("新闻稿", "他曾任县国土资源局局长，后调任市自然资源局。", "曾任"),
    ("新闻稿", "《合同法》制定于1999年，民法典施行后同时废止。", "合同法"),
    ("新闻稿", "学校开展反邪教宣传，揭批法轮功邪教组织的本质和危害。", "法轮功"),
    ("新闻稿", "西藏自治区成立以来，各项事业取得长足发展。", "成立以来"),
    ("公示", "该项目采用最低价中标法，最低投标报价为286万元。", "最低价"),
]


def _ctx_ok_carrier(rng, genre):
    return rng.choice(CARRIERS[genre])


def negatives_from_rows(rows: list[dict], rng: random.Random, all_ctx_words: set[str]):
    out = []
    for row in rows:
        opts, term, typ = row["opts"], row["term"], row["type"]
        lead = rng.choice(TYPE_LEAD[typ])
        cands = []
        if opts["quote"]:
            q = rng.choice(QUOTES[:3])
            ctx = _choose_ctx(opts, rng)
            frag = (f"{lead}{ctx}的" if ctx else lead) + q[0] + term + q[1]
            cands.append(("quoted", frag))
        if opts["ctx"]:
            cands.append(("no_ctx", f"{lead}{term}"))
        for n in opts["nctx"][:40]:
            if term in n and n != term:
                ctx = _choose_ctx(opts, rng)
                frag = (f"{lead}{ctx}的" if ctx else lead) + n
                cands.append(("nctx_superstring", frag))
                break
        plain_n = [n for n in opts["nctx"] if term not in n and len(n) >= 2]
        if plain_n:
            n = rng.choice(plain_n[:30])
            ctx = _choose_ctx(opts, rng, term)
            if opts["win"] < 12:
                frag = f"{lead}{ctx or ''}{n}{term}"
            else:
                frag = f"{lead}{n}，" + (f"{ctx}的" if ctx else "") + term
            cands.append(("nctx", frag))
        for why, frag in cands:
            # another row's term inside the fragment would be a legitimate finding, not a false alarm
            if any(o["id"] != row["id"] and o["term"] in frag for o in rows):
                continue
            genre = rng.choice(GENRES)
            tpl = rng.choice(CARRIERS[genre])
            i = tpl.index("{X}")
            text = tpl[:i] + frag + tpl[i + 3:]
            j = text.find(term, i)
            if why == "no_ctx" and _window_has(text, j, j + len(term), opts["ctx"], opts["win"] + 4):
                continue
            if why == "nctx" and not _window_has(text, j, j + len(term), opts["nctx"], max(0, opts["win"] - 2)):
                continue
            out.append((genre, text, [{"start": j, "end": j + len(term), "rule": row["id"], "why": why}]))
    return out


def allow_negatives(rng: random.Random):
    out = []
    carriers = ["近日，{a}相关工作有序推进。", "文中提到{a}，内容积极健康。", "据介绍，{a}等情况已向社会说明。"]
    for row in _rows(ALLOW):
        a = row["term"]
        tpl = rng.choice(carriers)
        text = tpl.replace("{a}", a)
        j = text.find(a)
        out.append(("新闻稿", text, [{"start": j, "end": j + len(a), "rule": row["id"], "why": "allow"}]))
    return out


def keyterm_negatives(rng: random.Random):
    out = []
    for row in _rows(KEY_TERMS):
        term = row["term"]
        leader = row["id"].startswith("keyterm.leader")
        genre = rng.choice(GENRES)
        tpl = rng.choice(["会议强调，要深入学习{t}的有关论述。" if leader else "会议强调，要坚持和完善{t}，推动各项工作落实。",
                          "{t}同志出席会议并讲话。" if leader else "学习贯彻{t}，凝聚奋进力量。"])
        text = tpl.replace("{t}", term)
        j = text.find(term)
        out.append((genre, text, [{"start": j, "end": j + len(term), "rule": row["id"], "why": "correct_key_term"}]))
    return out


# ------------------------------------------------------------------ build
def build(seed: int = 7, copies: int = 2, min_per_type: int = 60, keyterm_per_term: int = 4, marks: int = 140, creds: int = 140) -> list[dict]:
    rng = random.Random(seed)
    s2t = _s2t_table()
    rows = []
    for rel in LEXICON_FILES:
        rows += [r for r in _rows(rel) if r["type"] in TYPES]
    DENY_TERMS.clear()
    DENY_TERMS.update(r["term"] for r in rows)
    accept: dict[str, set[str]] = {}
    for r in rows:
        accept.setdefault(r["term"], set()).add(r["type"])
    per_type = Counter(r["type"] for r in rows)
    items = []
    for row in rows:
        n = max(copies, -(-min_per_type // per_type[row["type"]]))
        for c in range(n):
            got = lexicon_positive(row, rng, s2t, accept, form="plain" if c == 0 else None)
            if got:
                items.append(("positive",) + got)
    items += [("positive",) + x for x in keyterm_positives(rng, s2t, keyterm_per_term)]
    items += [("positive",) + mark_positive(rng, s2t) for _ in range(marks)]
    items += [("positive",) + credential_positive(rng, s2t) for _ in range(creds)]
    all_ctx = {w for r in rows for w in r["opts"]["ctx"]}
    negs = negatives_from_rows(rows, rng, all_ctx) + allow_negatives(rng) + keyterm_negatives(rng)
    negs += [(g, t, [{"start": t.find(w) if w in t else 0, "end": (t.find(w) + len(w)) if w in t else 0,
                      "rule": "", "why": "handwritten"}]) for g, t, w in HANDWRITTEN_NEGATIVES]
    # a share of the hard negatives in traditional characters: the options must still hold after folding
    for k, (g, t, sp) in enumerate(negs):
        if rng.random() < 0.2:
            negs[k] = (g, "".join(s2t.get(c, c) for c in t), [dict(x, form="traditional") for x in sp])
    items += [("negative",) + x for x in negs]
    records = []
    for n, (kind, genre, text, spans) in enumerate(items):
        rec = {"id": f"w-{n:05d}", "genre": genre, "kind": kind, "text": text}
        if kind == "positive":
            rec["spans"], rec["negatives"] = spans, []
        else:
            rec["spans"], rec["negatives"] = [], spans
        records.append(rec)
    return records


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default="-")
    ap.add_argument("--stats", action="store_true")
    a = ap.parse_args(argv)
    recs = build(a.seed)
    if a.stats:
        c = Counter(s["type"] for r in recs for s in r["spans"])
        f = Counter(s["form"] for r in recs for s in r["spans"])
        print(f"records {len(recs)}  positives {sum(c.values())}  negative records "
              f"{sum(r['kind'] == 'negative' for r in recs)}")
        for t in TYPES:
            print(f"  {t:22s} {c[t]}")
        print("forms:", dict(f))
        return 0
    fh = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8")
    for r in recs:
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    if fh is not sys.stdout:
        fh.close()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
