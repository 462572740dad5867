#!/usr/bin/env python3
"""A deterministic, labelled set of Chinese personal-data identifiers in government-post sentences.

Every record is one short post fragment (公示 list rows, 通报, 办事指南, 招聘公告, 新闻, 行政处罚决定书,
交通违法曝光, 流调通报 …) with gold spans of personal data and, separately, spans of *hard negatives*:
numbers and codes that look like personal data but are not (文号, 索引号, 流水号, dates, amounts,
public hotlines, 统一社会信用代码, masked values …).

Record (one JSON line)::

    {"id": "pii-00017", "genre": "公示", "text": "...",
     "spans": [{"start": 12, "end": 30, "type": "id_card", "subtype": "id18", "form": "plain",
                "ctx": true, "value": "420106199001011234"}],
     "negatives": [{"start": 40, "end": 52, "kind": "doc_number", "allow_info": false}]}

* ``spans``: the gold personal data. ``start``/``end`` are code-point offsets, half-open,
  ``text[start:end]`` is the identifier exactly as written (disguises included). ``value`` is the
  canonical form (ASCII, no separators) that the check digits are computed on. ``form`` names the
  disguise (``plain``, ``fullwidth``, ``spaced``, ``charspaced``, ``dashed``, ``+86`` …); ``ctx`` says
  whether a context word (身份证, 护照, 卡号 …) stands next to it. ``accept`` (optional) lists other
  types that also count as a correct detection (a name inside a sensitive-information phrase).
* ``negatives``: spans that must not be reported as personal data. ``allow_info`` marks already
  masked values (``138****5678``) and agencies' public mailboxes, which may be reported as ``info``.

Identifiers are valid by construction: 18-digit ID numbers have the GB 11643 check digit, a real
birth date and a real county code (``data/cn_regions.tsv``, extracted from python-stdnum's
``cn/loc.dat``; rebuild it with ``--refresh-regions``), bank cards pass Luhn, VINs carry the
ISO 3779 check digit, mobile numbers come from every range libphonenumber accepts as mobile.
The same seed gives byte-identical output.

usage:
    python benchmarks/pii_dataset.py [--seed 3] [--out FILE|-] [--stats]
    python benchmarks/pii_dataset.py --refresh-regions     # needs python-stdnum (the bench extra)
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import string
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REGIONS_TSV = HERE / "data" / "cn_regions.tsv"
DEFAULT_OUT = HERE / "data" / "pii_labelled.jsonl"
DEFAULT_SEED = 3
#: Birth dates are drawn before this day so that "not in the future" holds whenever the set is used.
TODAY = dt.date(2024, 6, 30)

# --------------------------------------------------------------------------------------------
# Check digits (kept independent of the scanner's own validators on purpose)
# --------------------------------------------------------------------------------------------
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check(first17: str) -> str:
    """GB 11643-1999 (ISO 7064 MOD 11-2) check character."""
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
_VIN_VAL = {**{str(d): d for d in range(10)},
            **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9,
            **dict(zip("STUVWXYZ", range(2, 10)))}
VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_check(vin17: str) -> str:
    """ISO 3779 / GB 16735 check character of a VIN (position 9)."""
    r = sum(_VIN_VAL[c] * w for c, w in zip(vin17, VIN_WEIGHTS)) % 11
    return "X" if r == 10 else str(r)


USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def uscc_check(first17: str) -> str:
    """GB 32100-2015 check character of a 统一社会信用代码."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def org_check(body8: str) -> str:
    """GB 11714-1997 check character of a 组织机构代码."""
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body8, ORG_WEIGHTS))
    c = 11 - total % 11
    return "X" if c == 10 else ("0" if c == 11 else str(c))


# --------------------------------------------------------------------------------------------
# Region codes (GB/T 2260, current county-level codes with their names)
# --------------------------------------------------------------------------------------------
def _current_name(value: str) -> tuple[str, int] | None:
    """``[-1991]东郊区,[1992-]东丽区`` -> (``东丽区``, 1992); ``[-2010]崇文区`` -> None (abolished)."""
    for seg in value.split(","):
        seg = seg.strip()
        if not seg.startswith("["):
            return seg, 0
        span, _, name = seg[1:].partition("]")
        if span.endswith("-"):
            return name, int(span[:-1])
    return None


def refresh_regions(out: Path = REGIONS_TSV) -> int:
    """Rebuild ``data/cn_regions.tsv`` from python-stdnum's ``cn/loc.dat`` (Wikipedia's GB/T 2260 table)."""
    try:
        import stdnum
    except ImportError:
        sys.exit("python-stdnum is needed for --refresh-regions: pip install python-stdnum (or '.[bench]')")
    src = Path(stdnum.__file__).parent / "cn" / "loc.dat"
    names: dict[str, str] = {}
    since: dict[str, int] = {}
    provinces: dict[str, str] = {}
    prov = ""
    for line in src.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        head, _, rest = line.strip().partition(" ")
        value = rest.split("=", 1)[1].strip().strip('"')
        if not line.startswith(" "):
            prov = head
            provinces[prov] = value
            continue
        cur = _current_name(value)
        if cur:
            names[prov + head], since[prov + head] = cur
    skip_pref = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
    rows = []
    for code in sorted(names):
        pcode = code[:2]
        if not ("11" <= pcode <= "65") or code.endswith("00") or names[code] in ("市辖区", "县"):
            continue
        pref = names.get(code[:4] + "00", "")
        if pref in skip_pref or "直辖" in pref or pref == provinces[pcode]:
            pref = ""
        rows.append(f"{code}\t{provinces[pcode]}\t{pref}\t{names[code]}\t{since[code]}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("# GB/T 2260 county-level codes in current use: code, province, prefecture, county, in use since (0: always).\n"
                   "# Extracted from python-stdnum cn/loc.dat (from zh.wikipedia 中华人民共和国行政区划代码)\n"
                   "# by `python benchmarks/pii_dataset.py --refresh-regions`.\n" + "\n".join(rows) + "\n",
                   encoding="utf-8")
    return len(rows)


def load_regions() -> list[tuple[str, str, str, str, int]]:
    if not REGIONS_TSV.exists():
        sys.exit(f"missing {REGIONS_TSV}: run `python benchmarks/pii_dataset.py --refresh-regions`")
    rows = []
    for line in REGIONS_TSV.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, prov, pref, county, since = line.split("\t")
            rows.append((code, prov, pref, county, int(since)))
    return rows


# --------------------------------------------------------------------------------------------
# Disguises
# --------------------------------------------------------------------------------------------
_FW = {c: chr(ord(c) + 0xFEE0) for c in string.digits + string.ascii_letters + "-+()"}


def fullwidth(s: str) -> str:
    return "".join(_FW.get(c, c) for c in s)


def group(s: str, sizes: tuple[int, ...], sep: str = " ") -> str:
    out, i = [], 0
    for n in sizes:
        if i >= len(s):
            break
        out.append(s[i:i + n])
        i += n
    if i < len(s):
        out.append(s[i:])
    return sep.join(out)


def charspaced(s: str) -> str:
    return " ".join(s)


def canon(written: str) -> str:
    """Fold a written identifier back to its canonical form (what the check digit is computed on)."""
    s = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in written)
    return "".join(c for c in s if c.isascii() and c.isalnum()).upper()


# --------------------------------------------------------------------------------------------
# Word lists for the carriers
# --------------------------------------------------------------------------------------------
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
COMPOUND_SURNAMES = ["欧阳", "司马", "诸葛", "上官", "皇甫", "东方", "令狐", "尉迟", "慕容", "夏侯"]
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏飞鑫波宁浩宇轩子涵欣怡梓萱俊博文斌辉建国志强海燕春梅晓东丹丹佳琪思远雨桐建华立新秋菊德胜长青国庆")
MINORITY_NAMES = ["买买提·艾力", "阿依古丽·吐尔逊", "努尔艾合买提·阿不都", "扎西多吉", "次仁卓玛", "格桑拉姆",
                  "巴特尔", "乌日娜", "阿卜杜拉·买买提"]
ROADS = ["人民路", "解放路", "中山路", "建设路", "和平路", "新华路", "胜利路", "文化路", "光明街", "长江路",
         "黄河路", "友谊大道", "工农路", "东风路", "朝阳路", "团结路", "幸福路", "青年路", "民主路", "南京路",
         "学府路", "滨江大道", "迎宾大道", "健康路", "振兴街", "育才路", "公园路", "北京路", "新民街", "体育路"]
COMMUNITIES = ["阳光花园", "幸福家园", "金色家园", "翠苑小区", "锦绣华庭", "碧水湾", "世纪城", "东方名苑", "丽景湾",
               "书香门第", "滨江花园", "和谐家园", "怡景苑", "康乐小区", "凤凰城", "紫荆花园", "桂花园", "绿洲小区"]
STREETS = ["城关", "东湖", "新华", "建设", "解放", "和平", "朝阳", "花园", "南湖", "北站", "西城", "东关", "滨湖", "五里墩"]
VILLAGES = ["李家湾", "王庄", "张家岗", "新民", "红旗", "石桥", "东升", "柳树沟", "三合", "杨柳"]
DISEASES = ["艾滋病", "乙型肝炎", "精神分裂症", "重度抑郁症", "肺结核", "尿毒症", "白血病", "梅毒", "新冠肺炎"]
CRIMES = ["盗窃罪", "诈骗罪", "危险驾驶罪", "故意伤害罪", "寻衅滋事罪", "非法吸收公众存款罪"]
BANKS = ["中国工商银行", "中国农业银行", "中国银行", "中国建设银行", "交通银行", "中国邮政储蓄银行", "招商银行",
         "农村商业银行", "兴业银行", "湖北农信"]
AGENCIES = ["市民政局", "区人力资源和社会保障局", "县农业农村局", "市住房和城乡建设局", "区退役军人事务局", "县医疗保障局",
            "市公安局交通管理支队", "区市场监督管理局", "县教育局", "街道办事处", "市卫生健康委员会", "区应急管理局"]
PROGRAMS = ["城乡居民最低生活保障", "特困人员救助供养", "临时救助", "廉租住房保障", "残疾人两项补贴", "耕地地力保护补贴",
            "高龄津贴", "就业困难人员社保补贴", "一次性创业补贴", "农村危房改造补助", "退役军人优抚金"]
POSITIONS = ["综合管理岗", "财务会计", "临床医师", "护理岗", "小学语文教师", "社区工作者", "网格员", "辅警", "办事员", "技术员"]
SCHOOLS = ["武汉大学", "华中师范大学", "湖北大学", "长江大学", "三峡大学", "郑州大学", "四川大学", "中南大学", "江汉大学"]
PINYIN = ["zhang", "wang", "li", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu",
          "hu", "guo", "he", "lin", "luo", "gao", "wei", "fang", "na", "xiu", "ying", "min", "jing", "li", "qiang",
          "lei", "jun", "yang", "yong", "yan", "jie", "juan", "tao", "ming", "chao", "xia", "ping", "gang", "hua"]
EMAIL_DOMAINS = ["qq.com", "163.com", "126.com", "sina.com", "sohu.com", "gmail.com", "outlook.com", "hotmail.com",
                 "foxmail.com", "139.com", "yeah.net", "aliyun.com", "189.cn", "whu.edu.cn", "huawei.com"]
AREA_CODES = [("010", 8), ("020", 8), ("021", 8), ("022", 8), ("023", 8), ("024", 8), ("025", 8), ("027", 8),
              ("028", 8), ("029", 8), ("0311", 8), ("0351", 7), ("0371", 8), ("0431", 8), ("0451", 8),
              ("0471", 7), ("0531", 8), ("0532", 8), ("0551", 8), ("0571", 8), ("0574", 8), ("0591", 8),
              ("0592", 7), ("0731", 8), ("0755", 8), ("0757", 8), ("0769", 8), ("0771", 7), ("0791", 8),
              ("0851", 8), ("0871", 8), ("0898", 8), ("0931", 7), ("0951", 7), ("0971", 7), ("0991", 7),
              ("0710", 7), ("0716", 7), ("0512", 8), ("0510", 8), ("0516", 8), ("0717", 7), ("0719", 7)]
# Mobile ranges libphonenumber 9.0 accepts as MOBILE (161 only 1610x, 174 only 1740[0-5]).
MOBILE_PREFIXES = ([f"13{d}" for d in range(10)] + ["145", "147"] + [f"15{d}" for d in "012356789"]
                   + ["1610", "162", "165", "166", "167"] + [f"17{d}" for d in "0123578"] + ["1740"]
                   + [f"18{d}" for d in range(10)] + [f"19{d}" for d in "012356789"])
PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
UNIONPAY_BINS = [("621700", 19), ("622848", 19), ("622202", 19), ("621226", 19), ("622588", 16), ("621483", 16),
                 ("622700", 19), ("621661", 19), ("621799", 19), ("622188", 19), ("623058", 19), ("622262", 19),
                 ("621098", 19), ("625965", 16), ("628288", 16), ("622908", 16), ("621559", 19), ("620058", 19),
                 ("6214830", 16), ("621785", 19), ("622823", 19), ("6217995", 19), ("623668", 18), ("621467", 17)]
WMIS = ["LSV", "LFV", "LGB", "LBV", "LVS", "LSG", "LHG", "LGW", "LB3", "LRW", "LC0", "LFM", "LVG", "LDC", "LZW",
        "LJD", "LGX", "LNB", "LVV", "LE4"]
VIN_YEARS = "ABCDEFGHJKLMNPRS"  # 2010 .. 2025
COUNTRY_CODES = ["840", "826", "250", "276", "392", "410", "643", "036", "124", "704", "764", "356", "380",
                 "724", "528", "702", "458", "586", "050", "566"]


class Gen:
    """All random choices go through one seeded ``random.Random``: same seed, same output."""

    def __init__(self, seed: int):
        self.r = random.Random(seed)
        regions = load_regions()
        self.regions = regions
        self.old_regions = [r for r in regions if not r[4]]  # codes in use since before 1980
        # Sequence numbers of each kind already used, to keep identifiers unique in the set.
        self.used: set[str] = set()

    # ---- helpers -----------------------------------------------------------------------------
    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def digits(self, n: int, first: str = "0123456789") -> str:
        return self.pick(first) + "".join(self.pick("0123456789") for _ in range(n - 1))

    def unique(self, make):
        for _ in range(1000):
            v = make()
            if v not in self.used:
                self.used.add(v)
                return v
        raise RuntimeError("could not draw a unique value")

    def birth(self, lo: int = 1935, hi: int = 2010) -> dt.date:
        start, end = dt.date(lo, 1, 1), min(dt.date(hi, 12, 31), TODAY)
        return start + dt.timedelta(days=self.r.randrange((end - start).days))

    def region(self):
        return self.pick(self.regions)

    def name(self) -> str:
        x = self.r.random()
        if x < 0.03:
            return self.pick(MINORITY_NAMES)
        sur = self.pick(COMPOUND_SURNAMES) if x < 0.07 else self.pick(SURNAMES)
        n = 1 if self.r.random() < 0.3 else 2
        return sur + "".join(self.pick(GIVEN) for _ in range(n))

    def gender(self) -> str:
        return self.pick("男女")

    # ---- identifiers: (canonical value, written form, form, subtype) -------------------------
    def id18(self, prefix6: str | None = None, lo=1935, hi=2010) -> str:
        def make():
            # a county code is only used for people born after it came into use (python-stdnum checks this)
            p6, since = prefix6, 0
            while not p6 or since > hi - 3:
                row = self.region()
                p6, since = row[0], row[4]
            b = self.birth(max(lo, since), hi)
            body = p6 + b.strftime("%Y%m%d") + self.digits(3)
            return body + id_check(body)
        return self.unique(make)

    def id_card(self):
        x = self.r.random()
        if x < 0.70:
            sub, v = "id18", self.id18()
        elif x < 0.78:
            sub, v = "id15", self.unique(lambda: self.pick(self.old_regions)[0]
                                         + self.birth(1930, 1984).strftime("%y%m%d") + self.digits(3))
        elif x < 0.89:
            sub, v = "residence_permit", self.id18(self.pick(["810000", "820000", "830000"]), 1940, 2008)
        else:
            # 外国人永久居留身份证 (2023): 9 + issuing province (2) + nationality (3) + birth date + seq + check
            sub = "permanent_residence"
            v = self.id18("9" + self.region()[0][:2] + self.pick(COUNTRY_CODES), 1945, 2008)
        f = self.r.random()
        if sub == "id15":
            forms = [("plain", v)] * 8 + [("fullwidth", fullwidth(v))] + [("spaced", group(v, (6, 6, 3)))]
        else:
            w = v
            lower = v.endswith("X") and self.r.random() < 0.4
            if lower:
                w = v[:-1] + "x"
            forms = ([("lower_x" if lower else "plain", w)] * 14 + [("fullwidth", fullwidth(w))] * 2
                     + [("spaced", group(w, (6, 8, 4)))] * 2 + [("charspaced", charspaced(w))]
                     + [("ideographic_space", group(w, (6, 8, 4), "\u3000"))])
        form, written = forms[int(f * len(forms))]
        return v, written, form, sub

    def passport(self):
        x = self.r.random()
        if x < 0.5:
            v, sub = "E" + self.digits(8), "E8"
        elif x < 0.75:
            v, sub = "E" + self.pick("ABCDEFGHJKLMNPQRSTUVWXYZ") + self.digits(7), "EA7"
        elif x < 0.92:
            v, sub = "G" + self.digits(8, "123456789"), "G8"
        else:
            v, sub = self.pick(["DE", "SE", "PE"]) + self.digits(7), "DSP"
        if v in self.used:
            return self.passport()
        self.used.add(v)
        written, form = v, "plain"
        if self.r.random() < 0.1:
            written, form = fullwidth(v), "fullwidth"
        return v, written, form, sub

    def travel_permit(self):
        x = self.r.random()
        if x < 0.3:
            v, sub = self.pick("HM") + self.digits(8, "0123456789"), "hk_macao_home_return"
            if self.r.random() < 0.4:
                v += self.pick(["00", "01", "02", "03"])
        elif x < 0.55:
            v, sub = "C" + self.pick("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ") + self.digits(7), "mainland_hk_macao"
        elif x < 0.75:
            v, sub = "L" + self.digits(8), "mainland_taiwan"
        else:
            v, sub = self.digits(8, "0123456789"), "taiwan_compatriot"
            if self.r.random() < 0.3:
                v += self.pick(["01", "02", "03"])
        if v in self.used:
            return self.travel_permit()
        self.used.add(v)
        written, form = v, "plain"
        if self.r.random() < 0.1:
            written, form = fullwidth(v), "fullwidth"
        return v, written, form, sub

    def bank_card(self):
        x = self.r.random()
        if x < 0.85:
            bin_, n = self.pick(UNIONPAY_BINS)
            sub = "unionpay"
        elif x < 0.93:
            bin_, n, sub = "4" + self.digits(5), 16, "visa"
        else:
            bin_, n, sub = "5" + self.pick("12345") + self.digits(4), 16, "mastercard"

        def make():
            body = bin_ + self.digits(n - len(bin_) - 1)
            return body + luhn_check_digit(body)
        v = self.unique(make)
        f = self.r.random()
        if f < 0.45:
            written, form = v, "plain"
        elif f < 0.82:
            written, form = group(v, (4, 4, 4, 4, 4)), "grouped4"
        elif f < 0.87:
            written, form = group(v, (4, 4, 4, 4, 4), "-"), "dashed"
        else:
            written, form = fullwidth(v), "fullwidth"
        return v, written, form, sub

    def mobile(self):
        def make():
            p = self.pick(MOBILE_PREFIXES)
            if p == "1740":
                p += self.pick("012345")
            return p + self.digits(11 - len(p))
        v = self.unique(make)
        f = self.r.random()
        if f < 0.45:
            written, form = v, "plain"
        elif f < 0.53:
            written, form = self.pick(["+86 ", "+86-", "+86", "0086 ", "86-"]) + v, "+86"
        elif f < 0.65:
            written, form = group(v, (3, 4, 4)), "spaced"
        elif f < 0.75:
            written, form = group(v, (3, 4, 4), "-"), "dashed"
        elif f < 0.86:
            written, form = fullwidth(v), "fullwidth"
        elif f < 0.91:
            written, form = charspaced(v), "charspaced"
        elif f < 0.95:
            written, form = "+86 " + group(v, (3, 4, 4)), "+86"
        else:
            written, form = fullwidth(group(v, (3, 4, 4), "-")), "fullwidth"
        sub = v[:3]
        return v, written, form, sub

    def landline(self):
        area, n = self.pick(AREA_CODES)
        local = self.unique(lambda: self.digits(n, "2345678"))
        v = area + local
        f = self.r.random()
        ext = ""
        if f < 0.4:
            written, form = f"{area}-{local}", "dashed"
        elif f < 0.55:
            written, form = f"({area}){local}", "parenthesised"
        elif f < 0.65:
            written, form = f"（{area}）{local}", "parenthesised"
        elif f < 0.75:
            written, form = f"{area} {group(local, (4, 4) if n == 8 else (3, 4))}", "spaced"
        elif f < 0.85:
            ext = self.digits(self.pick([3, 4]), "123456789")
            written, form = f"{area}-{local}" + self.pick(["-", "转"]) + ext, "extension"
        elif f < 0.92:
            written, form = f"+86 {area[1:]} {local}", "+86"
        else:
            written, form = fullwidth(f"{area}-{local}"), "fullwidth"
        return v + ext, written, form, "area" + str(len(area))

    def email(self):
        x = self.r.random()
        if x < 0.3:
            local = self.digits(self.pick([6, 7, 8, 9, 10]), "123456789")
            dom = "qq.com"
        else:
            parts = [self.pick(PINYIN) for _ in range(self.pick([1, 2, 2, 3]))]
            sep = self.pick(["", "", ".", "_"])
            local = sep.join(parts) + (self.digits(self.pick([2, 3, 4])) if self.r.random() < 0.6 else "")
            dom = self.pick(EMAIL_DOMAINS)
        v = self.unique(lambda: f"{local}@{dom}" if f"{local}@{dom}" not in self.used
                        else f"{local}{self.digits(2)}@{dom}")
        if self.r.random() < 0.08:
            return v, fullwidth(v).replace("＠", "@"), "fullwidth", "email"
        if self.r.random() < 0.05:
            return v, v.replace("@", "＠"), "fullwidth_at", "email"
        return v, v, "plain", "email"

    def plate(self):
        prov = self.pick(PLATE_PROVINCES)
        letter = self.pick(PLATE_LETTERS.replace("Q", ""))  # Q not used as issuing letter here
        x = self.r.random()
        alnum = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
        if x < 0.6:
            n_letters = self.pick([0, 0, 0, 1, 1, 2])
            pos = sorted(self.r.sample(range(5), n_letters))
            tail = "".join(self.pick("ABCDEFGHJKLMNPQRSTUVWXYZ") if i in pos else self.pick("0123456789")
                           for i in range(5))
            sub = "ordinary"
        elif x < 0.8:
            tail = self.pick("DF") + self.pick(alnum) + self.digits(4)
            sub = "new_energy_small"
        elif x < 0.9:
            tail = self.digits(5) + self.pick("DF")
            sub = "new_energy_large"
        else:
            tail = self.digits(4) + self.pick("学警挂")
            sub = "special"
        v = prov + letter + tail
        if v in self.used:
            return self.plate()
        self.used.add(v)
        f = self.r.random()
        if f < 0.7:
            return v, v, "plain", sub
        if f < 0.85:
            return v, v[:2] + "·" + v[2:], "dot", sub
        if f < 0.93:
            return v, v[:2] + " " + v[2:], "spaced", sub
        return v, fullwidth(v), "fullwidth", sub

    def vin(self):
        def make():
            body = (self.pick(WMIS) + "".join(self.pick(VIN_CHARS) for _ in range(5)) + "0"
                    + self.pick(VIN_YEARS) + self.pick(VIN_CHARS) + self.digits(6))
            return body[:8] + vin_check(body) + body[9:]
        v = self.unique(make)
        f = self.r.random()
        if f < 0.85:
            return v, v, "plain", "vin"
        if f < 0.93:
            return v, v.lower(), "lowercase", "vin"
        return v, fullwidth(v), "fullwidth", "vin"

    def qq(self):
        v = self.unique(lambda: self.digits(self.pick([6, 7, 8, 9, 9, 10, 10]), "123456789"))
        return v, v, "plain", "qq"

    def wechat(self):
        x = self.r.random()
        if x < 0.25:
            v = "wxid_" + "".join(self.pick(string.ascii_lowercase + string.digits) for _ in range(14))
        else:
            base = self.pick(PINYIN) + self.pick(PINYIN)
            v = base + self.pick(["", "_", "-", ""]) + self.digits(self.pick([2, 3, 4, 6]))
            if self.r.random() < 0.3:
                v = v.capitalize()
        v = self.unique(lambda: v if v not in self.used else v + self.digits(2))
        return v, v, "plain", "wechat"

    def address(self):
        _, prov, pref, county, _ = self.region()
        x = self.r.random()
        head = prov + pref + county if (self.r.random() < 0.6 or not pref) else pref + county
        if x < 0.45:
            tail = (f"{self.pick(STREETS)}街道{self.pick(ROADS)}{self.r.randint(1, 999)}号{self.pick(COMMUNITIES)}"
                    f"{self.r.randint(1, 30)}栋{self.r.randint(1, 6)}单元{self.r.randint(1, 33)}{self.r.randint(1, 4):02d}室")
        elif x < 0.65:
            tail = (f"{self.pick(ROADS)}{self.r.randint(1, 500)}弄{self.r.randint(1, 80)}号"
                    f"{self.r.randint(1, 20)}0{self.r.randint(1, 6)}室")
        elif x < 0.85:
            tail = (f"{self.pick(STREETS)}镇{self.pick(VILLAGES)}村{self.r.randint(1, 12)}组"
                    f"{self.r.randint(1, 120)}号")
        else:
            tail = (f"{self.pick(COMMUNITIES)}{self.r.randint(1, 40)}幢{self.r.randint(1, 4)}单元"
                    f"{self.r.randint(1, 26)}{self.r.randint(1, 4):02d}室")
        v = head + tail
        return v, v, "plain", "home_address"


# --------------------------------------------------------------------------------------------
# Record builder
# --------------------------------------------------------------------------------------------
class Rec:
    def __init__(self, genre: str):
        self.genre = genre
        self.parts: list[str] = []
        self.n = 0
        self.spans: list[dict] = []
        self.negs: list[dict] = []

    def t(self, s: str) -> Rec:
        self.parts.append(s)
        self.n += len(s)
        return self

    def g(self, item, typ: str, ctx: bool, **extra) -> tuple[int, int]:
        value, written, form, sub = item
        start = self.n
        self.t(written)
        self.spans.append({"start": start, "end": self.n, "type": typ, "subtype": sub, "form": form,
                           "ctx": ctx, "value": value, **extra})
        return start, self.n

    def x(self, written: str, kind: str, allow_info: bool = False) -> None:
        start = self.n
        self.t(written)
        self.negs.append({"start": start, "end": self.n, "kind": kind, "allow_info": allow_info})

    def done(self, rid: str) -> dict:
        text = "".join(self.parts)
        for s in self.spans + self.negs:
            assert 0 <= s["start"] < s["end"] <= len(text)
        return {"id": rid, "genre": self.genre, "text": text,
                "spans": sorted(self.spans, key=lambda s: (s["start"], s["end"])),
                "negatives": sorted(self.negs, key=lambda s: (s["start"], s["end"]))}


def name_item(name: str):
    return name, name, "plain", "chinese" if "·" not in name else "minority"


# --------------------------------------------------------------------------------------------
# Hard negatives
# --------------------------------------------------------------------------------------------
DOC_AGENCIES = ["国发", "国办发", "国办函", "财预", "人社部发", "民发", "鄂政发", "京政办发", "粤府", "苏政发",
                "浙政办发", "川府发", "武政规", "豫政", "湘政办函", "发改价格"]
HOTLINES = [("12345", "政务服务便民热线"), ("12315", "消费者投诉举报专线"), ("110", "报警电话"), ("120", "急救电话"),
            ("119", "火警电话"), ("12388", "纪检监察举报电话"), ("12306", "铁路客服电话"), ("95588", "工商银行客服热线"),
            ("95533", "建设银行客服热线"), ("95555", "招商银行客服热线"), ("400-810-8888", "服务热线"),
            ("400-600-8888", "客服热线"), ("800-820-8820", "免费服务热线"), ("12333", "人社服务热线"),
            ("12366", "纳税服务热线"), ("12393", "医保服务热线"), ("96110", "反诈预警专线"), ("12348", "公共法律服务热线"),
            ("12320", "卫生健康热线"), ("12338", "妇女维权公益服务热线"), ("12369", "环保举报热线"), ("12355", "青少年服务台"),
            ("4008-123-123", "客服热线"), ("95598", "供电服务热线"), ("96777", "供水服务热线")]
PRODUCT_MODELS = ["DS-2CD3T46WDV3-I3", "ThinkPad X1 Carbon", "Mate 60 Pro", "CR400AF", "ARJ21-700", "C919",
                  "A320neo", "HRB400E", "Q235B", "DN150", "CA6141", "SGH-i9300", "JS-B1600A", "HX-9200A",
                  "GB 11643-1999", "GB/T 2260-2007", "GB 16735-2019", "ISO 9001:2015", "ISO/IEC 27001",
                  "LS-2030HD", "EV-480T", "ZK-3500B", "QC/T 1037-2016", "JJG 1036-2008"]
NEAR_FORMAT = ["G1234次列车", "D2345次动车", "K1156次列车", "CA1831航班", "MU5101航班", "H7N9禽流感", "H5N1病毒",
               "L2级辅助驾驶", "E10乙醇汽油", "C919大飞机", "M2.5级地震", "5G基站", "PM2.5浓度", "G318国道",
               "S203省道", "G4京港澳高速"]


class Negatives:
    def __init__(self, gen: Gen):
        self.g = gen
        self.r = gen.r

    def doc_number(self):
        br = self.g.pick([("〔", "〕"), ("[", "]"), ("（", "）")])
        return f"{self.g.pick(DOC_AGENCIES)}{br[0]}{self.r.randint(2015, 2024)}{br[1]}{self.r.randint(1, 199)}号"

    def org_code(self):
        body = "".join(self.g.pick("0123456789") for _ in range(8))
        return body + org_check(body)

    def uscc(self):
        for _ in range(100):
            head = self.g.pick(["91", "91", "92", "93", "11", "12", "51", "52", "Y1"])
            region = self.g.region()[0]
            if self.r.random() < 0.5:
                body = "MA" + "".join(self.g.pick("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(6))
            else:
                body = "".join(self.g.pick("0123456789") for _ in range(8))
            oc = org_check(body)
            s17 = head + region + body + oc
            if all(c in USCC_ALPHABET for c in s17):
                return s17 + uscc_check(s17)
        raise RuntimeError

    def index_number(self):
        if self.r.random() < 0.5:
            return f"{self.org_code()}/{self.r.randint(2015, 2024)}-{self.r.randint(1, 99999):05d}"
        return f"{self.uscc()}/{self.r.randint(2015, 2024)}-{self.r.randint(1, 99999):05d}"

    def serial(self):
        d = self.g.birth(2015, 2024)
        n = self.g.pick([16, 18, 19, 20, 22])
        return d.strftime("%Y%m%d") + self.g.digits(n - 8)

    def date(self):
        d = self.g.birth(2000, 2024)
        fmt = self.g.pick(["%Y年%m月%d日", "%Y-%m-%d", "%Y.%m.%d", "%Y%m%d", "%Y/%m/%d %H:%M:%S"])
        if "%H" in fmt:
            return d.strftime("%Y/%m/%d") + f" {self.r.randint(0, 23):02d}:{self.r.randint(0, 59):02d}:{self.r.randint(0, 59):02d}"
        return d.strftime(fmt)

    def amount(self, big: bool = True):
        """An amount; with ``big`` possibly an 11-digit total in 元 that has a mobile number's shape."""
        x = self.r.random()
        if not big:  # a fine, a defrauded sum
            return self.g.pick([f"{self.r.randint(200, 50000)}元", f"{self.r.randint(1, 200) * 1000:,}元",
                                f"{self.r.randint(1, 99)}.{self.r.randint(0, 99):02d}万元"])
        if x < 0.3:
            return f"{self.r.randint(1, 99999):,}.{self.r.randint(0, 99):02d}万元"
        if x < 0.5:
            return f"{self.r.randint(1000, 99999999):,}.{self.r.randint(0, 99):02d}元"
        if x < 0.7:
            # 11 digits starting 13..19: a total in 元 (budget tables) that has a mobile number's shape
            return f"{self.g.pick(MOBILE_PREFIXES)[:3]}{self.g.digits(8)}元"
        if x < 0.85:
            return f"￥{self.r.randint(1000, 9999999):,}.00"
        return f"{self.r.randint(1, 9999)}.{self.r.randint(1, 9)}亿元"

    def statistic(self):
        return self.g.pick([
            f"同比增长{self.r.randint(1, 30)}.{self.r.randint(0, 9)}%",
            f"常住人口{self.r.randint(1000000, 29999999):,}人",
            f"接待游客{self.r.randint(1000000, 99999999)}人次",
            f"地区生产总值{self.r.randint(1000, 130000)}.{self.r.randint(0, 9)}亿元",
            f"粮食产量{self.r.randint(10000, 14000)}.{self.r.randint(0, 9)}亿斤",
            f"累计办件{self.r.randint(100000, 99999999)}件",
            f"完成投资{self.r.randint(10000000000, 19999999999)}元",
            f"参保人数{self.r.randint(1000000, 9999999)}人",
        ])

    def bad_luhn16(self):
        while True:
            v = self.g.pick(["62", "4", "5", "3", "9", "1"]) + self.g.digits(15)
            v = v[:16]
            if not luhn_ok(v):
                return v

    def bad_id18(self):
        v = self.g.id18()
        wrong = self.g.pick([c for c in "0123456789X" if c != v[-1]])
        return v[:-1] + wrong

    def vin_bad(self):
        v = self.g.vin()[0]
        wrong = self.g.pick([c for c in "0123456789X" if c != v[8]])
        return v[:8] + wrong + v[9:]

    def masked(self):
        x = self.r.random()
        if x < 0.3:
            m = self.g.mobile()[0]
            return m[:3] + "****" + m[-4:]
        if x < 0.55:
            v = self.g.id18()
            return self.g.pick([v[:6] + "*" * 8 + v[-4:], v[:4] + "*" * 10 + v[-4:], v[:3] + "*" * 11 + v[-4:],
                                v[:1] + "*" * 16 + v[-1:]])
        if x < 0.7:
            c = self.g.bank_card()[0]
            return self.g.pick([c[:4] + " **** **** " + c[-4:], c[:6] + "*" * (len(c) - 10) + c[-4:]])
        if x < 0.8:
            e = self.g.email()[0]
            return e[0] + "***" + e[e.index("@"):]
        if x < 0.9:
            p = self.g.plate()[0]
            return p[:3] + "**" + p[-2:]
        return self.g.pick(["E" + "****" + self.g.digits(4), "4201**********" + self.g.digits(4)])


def neg_records(gen: Gen, neg: Negatives, count: int) -> list[Rec]:
    r = gen.r
    out = []
    kinds = ["doc_number", "index_number", "serial", "date", "amount", "statistic", "hotline", "bad_luhn16",
             "bad_id18", "product_model", "uscc", "masked", "near_format", "reg_number", "village_code",
             "vin_bad", "icp", "public_mailbox", "coarse_address", "office_address", "invoice", "branch_code"]
    for i in range(count):
        kind = kinds[i % len(kinds)]
        rec = Rec("negative")
        if kind == "doc_number":
            rec.t(gen.pick(["根据《国务院关于", "按照《", "依据《省人民政府办公厅关于", "现将《"]))
            rec.t(gen.pick(PROGRAMS) + "工作的通知》（")
            rec.x(neg.doc_number(), kind)
            rec.t("）精神，" + gen.pick(["结合我市实际，制定本方案。", "现就有关事项通知如下。", "请认真贯彻落实。"]))
        elif kind == "index_number":
            rec.t("索引号：")
            rec.x(neg.index_number(), kind)
            rec.t(gen.pick(["　发布机构：", "  主题分类：", "；发文机关："]) + gen.pick(AGENCIES) + "　成文日期：")
            rec.x(neg.date(), "date")
        elif kind == "serial":
            label = gen.pick(["订单号：", "交易流水号：", "业务流水号", "受理编号：", "申报编号", "办件编号："])
            rec.t(f"{gen.pick(['您的', '该笔', '本次'])}业务已受理，{label}")
            rec.x(neg.serial(), kind)
            rec.t("，请妥善保存以便查询办理进度。")
        elif kind == "date":
            rec.t(gen.pick(["本公告自", "活动时间为", "截止日期：", "会议于"]))
            rec.x(neg.date(), kind)
            rec.t(gen.pick(["起施行。", "。", "召开。", "前报送。"]))
        elif kind == "amount":
            rec.t(gen.pick(["全年共发放补助资金", "项目总投资", "本次拨付资金", "累计减免税费", "下达专项资金"]))
            rec.x(neg.amount(), kind)
            rec.t(gen.pick(["，惠及群众数万人。", "。", "，资金已全部到位。"]))
        elif kind == "statistic":
            rec.t(gen.pick(["统计数据显示，全市", "据初步核算，全省", "截至年底，全区"]))
            rec.x(neg.statistic(), kind)
            rec.t("，" + gen.pick(["经济运行稳中向好。", "继续保持增长态势。", "完成年度目标任务。"]))
        elif kind == "hotline":
            num, label = gen.pick(HOTLINES)
            rec.t(gen.pick(["如有疑问，可拨打", "市民可拨打", "欢迎拨打", "群众可通过"]) + label)
            rec.x(num, kind)
            rec.t(gen.pick(["咨询。", "反映诉求。", "进行举报。", "（24小时）。"]))
        elif kind == "bad_luhn16":
            rec.t(gen.pick(["附件", "系统生成码", "批次", "第", "序列"]))
            rec.x(neg.bad_luhn16(), kind)
            rec.t(gen.pick(["已归档。", "，核验通过。", "期项目已完成验收。", "。"]))
        elif kind == "bad_id18":
            rec.t(gen.pick(["档案号", "条码", "数据批次", "（", "记录"]))
            rec.x(neg.bad_id18(), kind)
            rec.t(gen.pick(["已入库。", "）", "，请核对。", "导入成功。"]))
        elif kind == "product_model":
            rec.t(gen.pick(["采购设备型号为", "本批次产品型号：", "执行标准", "选用"]))
            rec.x(gen.pick(PRODUCT_MODELS), kind)
            rec.t(gen.pick(["，共计20台。", "，质量合格。", "。", "系列产品。"]))
        elif kind == "uscc":
            rec.t(gen.pick(["统一社会信用代码：", "中标单位：某某科技有限公司（统一社会信用代码", "纳税人识别号："]))
            rec.x(neg.uscc(), kind)
            rec.t(gen.pick(["。", "）", "，法定代表人已依法变更。"]))
        elif kind == "masked":
            who = gen.pick(["张**", "王*", "", "李*"])
            if who:
                rec.t(gen.pick(["", "受助人"]))
                rec.x(who, kind, allow_info=True)
                rec.t("，")
            rec.t(gen.pick(["身份证号", "联系电话", "账号", "信息", "号码"]))
            rec.x(neg.masked(), kind, allow_info=True)
            rec.t(gen.pick(["，已按规定去标识化处理。", "。", "，补贴金额1200元。"]))
        elif kind == "near_format":
            rec.t(gen.pick(["乘坐", "关于", "推进", "完成"]))
            rec.x(gen.pick(NEAR_FORMAT), kind)
            rec.t(gen.pick(["相关工作。", "的通知。", "建设。", "。"]))
        elif kind == "reg_number":
            rec.t("营业执照注册号：")
            rec.x(gen.region()[0] + gen.digits(9), kind)
            rec.t("，经营范围：日用百货销售。")
        elif kind == "village_code":
            rec.t("统计用区划代码")
            rec.x(gen.region()[0] + gen.digits(6), kind)
            rec.t(gen.pick(["，城乡分类代码111。", "。"]))
        elif kind == "vin_bad":
            rec.t(gen.pick(["物料编码", "资产编号：", "设备序列号"]))
            rec.x(neg.vin_bad(), kind)
            rec.t("。")
        elif kind == "icp":
            prov = gen.pick(PLATE_PROVINCES)
            if r.random() < 0.5:
                rec.t("网站备案号：")
                rec.x(f"{prov}ICP备{gen.digits(8, '123456789')}号-{r.randint(1, 5)}", kind)
            else:
                rec.t("公安机关备案号：")
                rec.x(f"{prov}公网安备 {gen.region()[0]}{gen.digits(8)}号", kind)
            rec.t("　主办单位：" + gen.pick(AGENCIES))
        elif kind == "public_mailbox":
            rec.t(gen.pick(["公众来信请发送至", "监督邮箱：", "投稿邮箱："]))
            rec.x(gen.pick(["xinfang", "jubao", "zwgk", "mzj", "rsj", "tougao"]) + "@"
                  + gen.pick(["wuhan", "beijing", "hubei", "sh", "gd", "hangzhou"]) + ".gov.cn", kind, allow_info=True)
            rec.t("。")
        elif kind == "coarse_address":
            _, prov, pref, county, _ = gen.region()
            rec.t(gen.pick(["受助对象住址：", "该户家住", "户籍地："]))
            rec.x(prov + pref + county + gen.pick(STREETS) + gen.pick(["街道", "镇"]), kind)
            rec.t("，家庭人口3人。")
        elif kind == "office_address":
            _, prov, pref, county, _ = gen.region()
            rec.t(gen.pick(["办理地点：", "办公地址：", "受理窗口："]))
            rec.x(pref + county + gen.pick(ROADS) + f"{r.randint(1, 300)}号" + gen.pick(["政务服务中心", "市民之家", "行政服务大厅"])
                  + f"{r.randint(1, 3)}楼{r.randint(1, 40)}号窗口", kind)
            rec.t("，工作日上午9:00至12:00。")
        elif kind == "invoice":
            rec.t("发票代码")
            rec.x("0" + gen.digits(11), kind)
            rec.t("，发票号码")
            rec.x(gen.digits(8), kind)
            rec.t("，请核对后报销。")
        elif kind == "branch_code":
            rec.t(gen.pick(BANKS) + "某某支行（行号")
            rec.x(gen.pick(["102", "103", "104", "105", "403"]) + gen.digits(9), kind)
            rec.t("）为本项目资金监管银行。")
        out.append(rec)
    return out


# --------------------------------------------------------------------------------------------
# Positive records: carriers per genre
# --------------------------------------------------------------------------------------------
def _ctx_id_label(sub: str, gen: Gen) -> str:
    return {
        "id18": gen.pick(["身份证号：", "身份证号码", "公民身份号码：", "身份证：", "证件号码："]),
        "id15": gen.pick(["身份证号（15位旧证）：", "原身份证号码：", "身份证号码（一代证）"]),
        "residence_permit": gen.pick(["港澳台居民居住证号码：", "居住证号：", "台湾居民居住证号码", "港澳居民居住证号码："]),
        "permanent_residence": gen.pick(["外国人永久居留身份证号码：", "永久居留身份证号：", "永居证号码"]),
    }[sub]


def rec_public_list(gen: Gen, neg: Negatives) -> Rec:
    """公示 list: a header and one to three rows of name + several identifiers."""
    rec = Rec("公示")
    prog = gen.pick(PROGRAMS)
    rec.t(f"关于{gen.r.randint(2019, 2024)}年度{prog}拟享受对象的公示\n")
    if gen.r.random() < 0.3:
        rec.t("根据《")
        rec.x(neg.doc_number(), "doc_number")
        rec.t("》要求，现将审核结果公示如下：\n")
    for i in range(gen.r.randint(1, 3)):
        nm = gen.name()
        rec.t(f"{i + 1}. ")
        rec.g(name_item(nm), "person_name", True)
        rec.t(f"，{gen.gender()}，")
        fields = gen.r.sample(["id", "mobile", "addr", "card"], gen.r.randint(1, 3))
        if "id" in fields:
            item = gen.id_card()
            ctx = gen.r.random() < 0.7 or item[3] != "id18"
            if ctx:
                rec.t(_ctx_id_label(item[3], gen))
            rec.g(item, "id_card", ctx)
            rec.t("，")
        if "mobile" in fields:
            ctx = gen.r.random() < 0.8
            rec.t(gen.pick(["联系电话：", "手机号", "电话", "联系方式："]) if ctx else "")
            rec.g(gen.mobile(), "mobile_phone", ctx)
            rec.t("，")
        if "addr" in fields:
            rec.t(gen.pick(["家庭住址：", "住址：", "现住"]))
            rec.g(gen.address(), "address", True)
            rec.t("，")
        if "card" in fields:
            ctx = gen.r.random() < 0.85
            rec.t(f"开户行：{gen.pick(BANKS)}，" + gen.pick(["银行卡号：", "账号", "卡号："]) if ctx else "　")
            rec.g(gen.bank_card(), "bank_card", ctx)
            rec.t("，")
        rec.t(f"月补助金额{gen.r.randint(3, 12) * 100}元。\n")
    rec.t(f"公示期：{gen.r.randint(5, 7)}个工作日。监督电话：")
    num, _ = gen.pick(HOTLINES)
    rec.x(num, "hotline")
    rec.t("。")
    return rec


def rec_penalty(gen: Gen, neg: Negatives) -> Rec:
    """行政处罚决定书 / 失信被执行人: party's name, ID, address, sometimes a plate."""
    rec = Rec("行政处罚")
    rec.t(gen.pick(["行政处罚决定书（", "执行裁定书（"]))
    rec.x(gen.pick(["武", "鄂", "京", "粤"]) + gen.pick(["市监", "公（交）", "应急"]) + f"罚〔{gen.r.randint(2019, 2024)}〕{gen.r.randint(1, 999)}号",
          "doc_number")
    rec.t("）\n当事人：")
    rec.g(name_item(gen.name()), "person_name", True)
    rec.t(f"，{gen.gender()}，")
    item = gen.id_card()
    ctx = gen.r.random() < 0.85 or item[3] != "id18"
    rec.t(_ctx_id_label(item[3], gen) if ctx else "")
    rec.g(item, "id_card", ctx)
    rec.t("，住址：")
    rec.g(gen.address(), "address", True)
    if gen.r.random() < 0.5:
        rec.t("。经查，当事人驾驶号牌为")
        rec.g(gen.plate(), "licence_plate", True)
        rec.t(gen.pick(["的小型轿车", "的重型货车", "的电动汽车"]))
        if gen.r.random() < 0.5:
            rec.t("（车辆识别代号")
            rec.g(gen.vin(), "vin", True)
            rec.t("）")
        rec.t(gen.pick(["超速行驶", "违法停车", "无证驾驶", "超载运输"]) + "，")
    else:
        rec.t("。经查，当事人" + gen.pick(["未取得许可擅自经营", "销售过期食品", "违规占道经营"]) + "，")
    rec.t("依据《中华人民共和国行政处罚法》，决定罚款")
    rec.x(neg.amount(big=False), "amount")
    rec.t("。")
    return rec


def rec_news(gen: Gen, neg: Negatives) -> Rec:
    """新闻: a citizen quoted with a phone, or a lost-and-found / 寻人 item."""
    rec = Rec("新闻")
    x = gen.r.random()
    if x < 0.4:
        rec.t(gen.pick(["近日，", f"{gen.r.randint(1, 12)}月{gen.r.randint(1, 28)}日，"]) + "市民")
        rec.g(name_item(gen.name()), "person_name", True)
        rec.t(gen.pick(["向记者反映", "来电反映", "通过热线反映"]) + "小区路灯长期不亮，")
        rec.t(gen.pick(["其手机号码", "联系电话", "电话", "留下的号码", ""]))
        rec.g(gen.mobile(), "mobile_phone", True)
        rec.t("。")
    elif x < 0.7:
        rec.t(gen.pick(["拾金不昧：", "失物招领："]) + "环卫工人在" + gen.pick(ROADS) + "拾到钱包一个，内有")
        nm = gen.name()
        rec.g(name_item(nm), "person_name", True)
        rec.t("的身份证（")
        item = gen.id_card()
        rec.g(item, "id_card", True)
        rec.t("）")
        if gen.r.random() < 0.5:
            rec.t("和银行卡一张（卡号")
            rec.g(gen.bank_card(), "bank_card", True)
            rec.t("）")
        rec.t("，请失主拨打")
        rec.g(gen.mobile(), "mobile_phone", True)
        rec.t("认领。")
    else:
        rec.t("寻人启事：")
        nm = gen.name()
        rec.g(name_item(nm), "person_name", True)
        rec.t(f"，{gen.gender()}，{gen.r.randint(60, 88)}岁，于")
        rec.x(neg.date(), "date")
        rec.t("走失，家住")
        rec.g(gen.address(), "address", True)
        rec.t("。知情者请联系其家属，电话")
        if gen.r.random() < 0.5:
            rec.g(gen.mobile(), "mobile_phone", True)
        else:
            rec.g(gen.landline(), "landline", True)
        rec.t("。")
    return rec


def rec_recruit(gen: Gen, neg: Negatives) -> Rec:
    """招聘公告 / 拟聘用人员公示: name, school, ID, exam number, contact."""
    rec = Rec("招聘公告")
    rec.t(f"{gen.pick(AGENCIES)}{gen.r.randint(2020, 2024)}年公开招聘拟聘用人员名单：")
    for _ in range(gen.r.randint(1, 2)):
        rec.g(name_item(gen.name()), "person_name", True)
        rec.t(f"，{gen.gender()}，{gen.pick(SCHOOLS)}毕业，报考{gen.pick(POSITIONS)}，")
        item = gen.id_card()
        ctx = gen.r.random() < 0.6 or item[3] != "id18"
        rec.t(_ctx_id_label(item[3], gen) if ctx else "")
        rec.g(item, "id_card", ctx)
        rec.t("，准考证号")
        rec.x(f"{gen.r.randint(2020, 2024)}{gen.digits(6)}", "exam_number")
        rec.t(f"，综合成绩{gen.r.randint(70, 90)}.{gen.r.randint(0, 99):02d}分")
        if gen.r.random() < 0.5:
            rec.t("，电子邮箱")
            rec.g(gen.email(), "email", True)
        rec.t("；")
    rec.t("咨询电话：")
    num, _ = gen.pick(HOTLINES[:3] + HOTLINES[13:16])
    rec.x(num, "hotline")
    rec.t("。")
    return rec


def rec_guide(gen: Gen, neg: Negatives) -> Rec:
    """办事指南 with a worked example that leaked a real-looking applicant."""
    rec = Rec("办事指南")
    rec.t(gen.pick(["出入境证件办理指南：", "台胞服务指南：", "港澳居民办事指南："]))
    x = gen.r.random()
    if x < 0.35:
        rec.t("申请人")
        rec.g(name_item(gen.name()), "person_name", True)
        rec.t("，持" + gen.pick(["中国护照（护照号", "因私护照，护照号码", "普通护照（号码：", "护照 Passport No. "]))
        rec.g(gen.passport(), "passport", True)
        rec.t(gen.pick(["）", "，", "） "]) + "，办理签证延期。")
    else:
        item = gen.travel_permit()
        label = {"hk_macao_home_return": ["港澳居民来往内地通行证（回乡证）号码", "回乡证号：", "回乡证"],
                 "mainland_hk_macao": ["往来港澳通行证号码：", "港澳通行证号", "往来港澳通行证"],
                 "mainland_taiwan": ["大陆居民往来台湾通行证号码：", "赴台证号码", "往来台湾通行证"],
                 "taiwan_compatriot": ["台胞证号码：", "台湾居民来往大陆通行证号码", "台胞证号"]}[item[3]]
        rec.t("申请人")
        rec.g(name_item(gen.name()), "person_name", True)
        rec.t("，" + gen.pick(label))
        rec.g(item, "travel_permit", True)
        rec.t("，" + gen.pick(["办理签注。", "申请换发证件。", "已于", "办理入境手续。"]))
        if rec.parts[-1].endswith("于"):
            rec.x(neg.date(), "date")
            rec.t("入境。")
    if gen.r.random() < 0.4:
        rec.t("咨询电话：")
        num, _ = gen.pick(HOTLINES)
        rec.x(num, "hotline")
        rec.t("。")
    return rec


def rec_traffic(gen: Gen, neg: Negatives) -> Rec:
    """交通违法曝光 / 车辆公告: plates and VINs."""
    rec = Rec("交通通报")
    x = gen.r.random()
    rec.t(gen.pick(["交通违法曝光台：", "关于部分车辆逾期未检验的通告：", "道路交通事故通报："]))
    for _ in range(gen.r.randint(1, 3)):
        if x < 0.6:
            rec.t(gen.pick(["号牌", "车牌号", "车牌", "号牌号码"]))
            rec.g(gen.plate(), "licence_plate", True)
            rec.t(gen.pick(["，", "的车辆，", "（小型汽车），"]))
        else:
            rec.g(gen.plate(), "licence_plate", False)
            rec.t("，" + gen.pick(["车辆识别代号：", "车架号", "VIN码：", "车辆识别代号（VIN）"]))
            rec.g(gen.vin(), "vin", True)
            rec.t("；")
    rec.t(gen.pick(["请车辆所有人及时接受处理。", "逾期将依法注销。", "违法时间："]))
    if rec.parts[-1].endswith("："):
        rec.x(neg.date(), "date")
        rec.t("。")
    return rec


def rec_report(gen: Gen, neg: Negatives) -> Rec:
    """通报 / 举报 handling, with social accounts, e-mail and landlines."""
    rec = Rec("通报")
    rec.t(gen.pick(["关于网络诈骗案件的情况通报：", "信访事项处理情况：", "电信网络诈骗典型案例："]))
    x = gen.r.random()
    if x < 0.4:
        rec.t("嫌疑人通过")
        if gen.r.random() < 0.5:
            rec.t(gen.pick(["QQ号", "QQ：", "QQ号码", "扣扣号"]))
            rec.g(gen.qq(), "social_account", True)
        else:
            rec.t(gen.pick(["微信号", "微信：", "微信号“", "VX："]))
            rec.g(gen.wechat(), "social_account", True)
            if rec.parts[-2].endswith("“"):
                rec.t("”")
        # a victim's real name is sensitive personal information (SPEC section 1)
        s = rec.n
        rec.t("添加受害人")
        rec.g(name_item(gen.name()), "person_name", True, accept=["sensitive_personal_info"])
        rec.spans.append({"start": s, "end": rec.n, "type": "sensitive_personal_info", "subtype": "victim",
                          "form": "plain", "ctx": True, "value": "".join(rec.parts)[s:rec.n]})
        rec.t("为好友，骗取资金")
        rec.x(neg.amount(big=False), "amount")
        rec.t("。")
    elif x < 0.7:
        rec.t("举报人")
        rec.g(name_item(gen.name()), "person_name", True)
        rec.t(gen.pick(["（电子邮箱：", "，邮箱", "，E-mail: "]))
        rec.g(gen.email(), "email", True)
        rec.t(gen.pick(["）", "，", " "]) + "反映的问题已转")
        rec.t(gen.pick(AGENCIES) + "办理。")
    else:
        rec.t("来信人")
        rec.g(name_item(gen.name()), "person_name", True)
        rec.t(gen.pick(["，住宅电话", "，家庭电话：", "，固定电话", "，座机", "，联系电话"]))
        rec.g(gen.landline(), "landline", True)
        rec.t("，反映邻里纠纷问题，已于")
        rec.x(neg.date(), "date")
        rec.t("办结。")
    return rec


def rec_subsidy(gen: Gen, neg: Negatives) -> Rec:
    """补贴发放明细: name + bank card, often without a card word (table rows)."""
    rec = Rec("补贴发放")
    rec.t(f"{gen.r.randint(2020, 2024)}年{gen.pick(PROGRAMS)}资金发放明细（")
    rec.x(neg.date(), "date")
    rec.t("）：")
    for _ in range(gen.r.randint(1, 3)):
        rec.g(name_item(gen.name()), "person_name", True)
        ctx = gen.r.random() < 0.6
        rec.t(gen.pick(["，银行卡号", "，社会保障卡银行账号", "，收款账号：", "，卡号"]) if ctx else "　")
        rec.g(gen.bank_card(), "bank_card", ctx)
        rec.t(f"　{gen.r.randint(3, 60) * 100}元；")
    return rec


def rec_contact(gen: Gen, neg: Negatives) -> Rec:
    """Contacts of private persons (中奖名单, 志愿者名单, 隔离人员) with phones, QQ, WeChat, e-mail."""
    rec = Rec("联系名单")
    rec.t(gen.pick(["有奖征集活动中奖名单：", "志愿者报名信息：", "居家隔离人员名单："]))
    for _ in range(gen.r.randint(1, 3)):
        rec.g(name_item(gen.name()), "person_name", True)
        k = gen.r.random()
        if k < 0.45:
            ctx = gen.r.random() < 0.6
            rec.t(gen.pick(["，手机：", "，电话", "，联系电话"]) if ctx else " ")
            rec.g(gen.mobile(), "mobile_phone", ctx)
        elif k < 0.6:
            rec.t(gen.pick(["，微信：", "，微信号："]))
            rec.g(gen.wechat(), "social_account", True)
        elif k < 0.75:
            rec.t(gen.pick(["，QQ：", "，QQ号"]))
            rec.g(gen.qq(), "social_account", True)
        elif k < 0.88:
            rec.t(gen.pick(["，邮箱：", "，电子邮箱"]))
            rec.g(gen.email(), "email", True)
        else:
            rec.t(gen.pick(["，家庭电话", "，电话："]))
            rec.g(gen.landline(), "landline", True)
        rec.t("；")
    return rec


def rec_sensitive(gen: Gen, neg: Negatives) -> Rec:
    """A named person with health, minor, criminal, religious or whereabouts information (PIPL art. 28)."""
    rec = Rec("敏感个人信息")
    nm = gen.name()
    x = gen.r.random()
    if x < 0.35:
        sub = "health"
        rec.t(gen.pick(["流调通报：", "病例情况："]))
        s = rec.n
        rec.t("患者")
        rec.g(name_item(nm), "person_name", True, accept=["sensitive_personal_info"])
        rec.t(f"，{gen.gender()}，{gen.r.randint(18, 80)}岁，确诊{gen.pick(DISEASES)}")
        e = rec.n
        rec.t("，现住")
        rec.g(gen.address(), "address", True, accept=["sensitive_personal_info"])
        rec.t("。")
    elif x < 0.55:
        sub = "minor"
        rec.t("校园欺凌事件通报：")
        s = rec.n
        rec.t(f"{gen.r.randint(8, 15)}岁未成年学生")
        rec.g(name_item(nm), "person_name", True, accept=["sensitive_personal_info"])
        rec.t(f"（{gen.pick(['某小学四年级', '某中学初二', '某小学六年级'])}学生）遭同学殴打")
        e = rec.n
        rec.t("，已送医治疗。")
    elif x < 0.75:
        sub = "criminal"
        rec.t("判决公告：被告人")
        s = rec.n
        rec.g(name_item(nm), "person_name", True, accept=["sensitive_personal_info"])
        rec.t(f"犯{gen.pick(CRIMES)}，判处有期徒刑{gen.pick(['六个月', '一年', '三年', '五年'])}")
        e = rec.n
        rec.t("。")
    elif x < 0.88:
        sub = "health"
        rec.t("低保对象复核：")
        s = rec.n
        rec.g(name_item(nm), "person_name", True, accept=["sensitive_personal_info"])
        rec.t(f"，患{gen.pick(['精神障碍', '肢体残疾二级', '重度智力残疾', '尿毒症'])}")
        e = rec.n
        rec.t("，家庭人均月收入不足300元。")
    else:
        sub = "whereabouts"
        rec.t("行程轨迹：确诊病例")
        s = rec.n
        rec.g(name_item(nm), "person_name", True, accept=["sensitive_personal_info"])
        rec.t(f"于{gen.r.randint(1, 12)}月{gen.r.randint(1, 28)}日乘坐{gen.pick(NEAR_FORMAT[:3])}前往{gen.pick(COMMUNITIES)}")
        e = rec.n
        rec.t("探亲。")
    rec.spans.append({"start": s, "end": e, "type": "sensitive_personal_info", "subtype": sub,
                      "form": "plain", "ctx": True, "value": "".join(rec.parts)[s:e]})
    return rec


def rec_border(gen: Gen, neg: Negatives) -> Rec:
    """出入境证件 notices: lists of voided or found documents, with the document type as context."""
    rec = Rec("出入境公告")
    rec.t(gen.pick(["关于宣布部分出入境证件作废的公告：", "遗失证件招领公告：", "下列人员出入境证件已注销："]))
    for i in range(gen.r.randint(1, 3)):
        rec.t(f"{i + 1}. ")
        rec.g(name_item(gen.name()), "person_name", True)
        rec.t(f"，{gen.gender()}，")
        if gen.r.random() < 0.4:
            rec.t(gen.pick(["普通护照，证件号码", "护照号码：", "因私普通护照 ", "护照号"]))
            rec.g(gen.passport(), "passport", True)
        else:
            item = gen.travel_permit()
            rec.t({"hk_macao_home_return": "港澳居民来往内地通行证，证件号码",
                   "mainland_hk_macao": "往来港澳通行证，证件号码",
                   "mainland_taiwan": "大陆居民往来台湾通行证，号码",
                   "taiwan_compatriot": "台湾居民来往大陆通行证（台胞证），号码"}[item[3]])
            rec.g(item, "travel_permit", True)
        rec.t("；")
    rec.t("特此公告。")
    return rec


GENRES = [  # (generator, weight)
    (rec_public_list, 15), (rec_penalty, 8), (rec_news, 10), (rec_recruit, 8), (rec_guide, 12),
    (rec_traffic, 9), (rec_report, 9), (rec_subsidy, 8), (rec_contact, 12), (rec_sensitive, 5), (rec_border, 8),
]


def generate(seed: int = DEFAULT_SEED, positives: int = 1700, negatives: int = 1012) -> list[dict]:
    """The labelled set: ``positives`` carrier records and ``negatives`` hard-negative records,
    shuffled together with the same seed."""
    gen = Gen(seed)
    neg = Negatives(gen)
    weights = [w for _, w in GENRES]
    recs = [gen.r.choices(GENRES, weights)[0][0](gen, neg) for _ in range(positives)]
    recs += neg_records(gen, neg, negatives)
    gen.r.shuffle(recs)
    return [rec.done(f"pii-{i:05d}") for i, rec in enumerate(recs, 1)]


def stats(records: list[dict]) -> str:
    by_type = Counter(s["type"] for r in records for s in r["spans"])
    by_sub = Counter((s["type"], s["subtype"]) for r in records for s in r["spans"])
    by_form = Counter((s["type"], s["form"]) for r in records for s in r["spans"])
    negs = Counter(n["kind"] for r in records for n in r["negatives"])
    chars = sum(len(r["text"]) for r in records)
    lines = [(f"{len(records)} records, {chars:,} characters, "
              f"{sum(by_type.values())} gold spans, {sum(negs.values())} hard-negative spans")]
    for t, n in sorted(by_type.items(), key=lambda x: -x[1]):
        subs = ", ".join(f"{s} {c}" for (tt, s), c in sorted(by_sub.items()) if tt == t)
        forms = ", ".join(f"{f} {c}" for (tt, f), c in sorted(by_form.items()) if tt == t)
        lines.append(f"  {t:24s} {n:5d}   [{subs}]   forms: {forms}")
    lines.append("  negatives: " + ", ".join(f"{k} {c}" for k, c in sorted(negs.items(), key=lambda x: -x[1])))
    return "\n".join(lines)


def dumps(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)


def load_or_generate(path: Path | None = None, seed: int = DEFAULT_SEED) -> list[dict]:
    """The stored set when present (same seed), else a freshly generated one."""
    path = path or DEFAULT_OUT
    if seed == DEFAULT_SEED and path.exists():
        with open(path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    return generate(seed)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="output JSONL ('-' for stdout)")
    ap.add_argument("--stats", action="store_true", help="print counts per type, form and negative kind")
    ap.add_argument("--refresh-regions", action="store_true", help="rebuild data/cn_regions.tsv from python-stdnum")
    a = ap.parse_args(argv)
    if a.refresh_regions:
        print(f"{refresh_regions()} region codes -> {REGIONS_TSV}")
        return 0
    records = generate(a.seed)
    data = dumps(records)
    if a.out == "-":
        sys.stdout.write(data)
    else:
        Path(a.out).parent.mkdir(parents=True, exist_ok=True)
        Path(a.out).write_text(data, encoding="utf-8")
        print(f"wrote {a.out} ({len(data.encode()) / 1e6:.2f} MB)", file=sys.stderr)
    if a.stats:
        print(stats(records), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
