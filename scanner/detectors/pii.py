"""Personal data: every Chinese identifier of SPEC section 1, validated, in context, masked.

Evidence decides score and severity: pattern < pattern + check digit < + a context word within a
character window (身份证, 手机, 卡号 …); other context lowers it (订单号, 流水号, 文号, 编号).
Identifiers that have no check digit and look like other numbers (passports, permits, QQ,
WeChat, 15-digit IDs) are reported only with a context word. Values already masked
(``138****5678``) never match: every pattern needs the full value. Each finding's
``suggestion`` is the de-identified form to publish instead.

Cost: three cheap gates (runs of 11+ digits, ASCII tokens of 7+ letters/digits, a handful of
context words) decide where the exact patterns run, so text without numbers costs almost nothing.
Person names, addresses and sensitive personal information are in :mod:`.names`.
"""
from __future__ import annotations

import re

from .. import rx, speedups
from ..model import Finding
from ..normalize import DIGIT_FOLD, Views
from ..validators import (
    id18_check_char,
    is_valid_id15,
    is_valid_id18,
    luhn_ok,
    mask_middle,
    region_codes,
    vin_ok,
)
from . import gates
from .context import near
from .names import NameAddressDetector

__all__ = ["PersonalDataDetector", "BASIS_PIPL"]

BASIS_PIPL = "个人信息保护法 第二十八条、第五十一条；政府信息公开条例 第十五条（涉及个人隐私不予公开）"
_BEFORE = 20  # context window before a value, in characters
_AFTER = 6

# Every alternative opens with a character class (no leading look-behind: DESIGN "Known traps").
_RUN_RE = rx.compile(r"[0-9(][0-9 ()x-]{9,}[0-9x]")
_RUN_GATE = rx.compile(_RUN_RE.pattern.encode())  # the same in the text's ASCII characters
_NUM_RE = rx.compile(
    r"(?P<id>[1-9]\d{5}[- ]?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[- ]?\d{3}[\dx])(?![0-9a-z])"
    r"|(?P<mobile>(?:(?:\+|00)?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2})(?![0-9a-z])"
    r"|(?P<landline>(?:\(0\d{2,3}\)[- ]?|0\d{2,3}[- ]?|(?:\+|00)?86[- ]?[1-9]\d{1,2}[- ]?)[2-9]\d{2,3}[- ]?\d{4})(?![0-9a-z])"
    r"|(?P<card>[2-9]\d{15,18}|[2-9]\d{3}(?:[- ]\d{4}){3}(?:[- ]\d{1,3})?)(?![0-9a-z])"
    r"|(?P<id15>[1-9]\d{5}[- ]?\d{6}[- ]?\d{3})(?![0-9a-z])"
)
# A run of 11+ digits in any style (一三九…, ①③⑧…, 壹叁玖…, ❶ ⑴ ⒈ ㈠ ³ …, mixed), spaces or dashes
# between: a phone or ID number written to slip past digit patterns (DIGIT_FOLD reads it).
_STYLED_OTHER = "".join(sorted(chr(c) for c in DIGIT_FOLD if not chr(c).isascii()))  # the non-ASCII digit styles
_STYLED = "0-9" + _STYLED_OTHER
_STYLED_RUN_RE = rx.compile(f"[{_STYLED}](?:[{_STYLED} -]){{9,}}[{_STYLED}x]")
# the pattern runs only where a run of 11 such characters holds a non-ASCII one (in C: the
# pattern opens on a class of ~150 characters at every position, and Chinese numerals are common)
_has_run = speedups.get("has_run")
_STYLED_TABLE = speedups.class_table({"0123456789 -x": 1, _STYLED_OTHER: 2}) if _has_run is not None else b""
_has_pair = speedups.get("has_pair")
_PLATES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"  # _PLATE_RE's first character
#: a plate opens on a province's character and a letter: the pair, looked for in C before the pattern
_PLATE_PAIR = speedups.class_table({_PLATES: 1, "abcdefghijklmnopqrstuvwxyz": 2}) if _has_pair is not None else b""
# A number directly followed by a unit is an amount or a count, not an identifier.
_UNIT_AFTER = frozenset("元万亿人次个吨米台件户辆套股千百%亩斤公")
# Digits written one by one with spaces (3 4 1 8 2 3 …): a deliberate disguise.
_SPACED_RE = rx.compile(r"[0-9](?: [0-9]){10,18}(?: x)?(?![0-9a-z])")
_CARD_TAIL_RE = rx.compile(r"[- ]\d{1,3}$")
_EXT_RE = rx.compile(r"(?:转|-|分机)\d{1,6}(?![0-9])")
_TOKEN_RE = rx.compile(r"[a-z0-9]{7,19}")
# Tokens (a letter and a digit) and plates (a letter after the province) need an ASCII letter; most
# official texts have none, and one search for it is cheaper than the two passes it saves. It is
# searched in the text's ASCII characters only (encode drops the rest in C): twice as fast as a
# search of the whole text.
_LATIN_RE = rx.compile(rb"[a-z]")
# a mixed token (letters and digits, 7 or more) is a run in the text's ASCII characters too, with a
# letter beside a digit: both gates over the (short) ASCII bytes before _TOKEN_RE reads the text
_TOKEN_GATE_RUN = rx.compile(rb"[a-z0-9]{7}")
_TOKEN_GATE_MIX = rx.compile(rb"[a-z][0-9]|[0-9][a-z]")
_PASSPORT_RE = rx.compile(r"(?:e\d{8}|e[a-hj-np-z]\d{7}|g\d{8}|[dsp]e?\d{7,8})$")
_HK_MO_RE = rx.compile(r"[hm]\d{8}(?:\d{2})?$")  # 港澳居民来往内地通行证 (回乡证)
_MAINLAND_PERMIT_RE = rx.compile(r"(?:c[0-9a-hj-np-z]\d{7}|w\d{8}|l\d{8})$")  # 往来港澳通行证 / 赴台证
_VIN_RE = rx.compile(r"[a-hj-npr-z0-9]{17}$")
_EMAIL_RE = rx.compile(r"[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?![a-z0-9])")
_PLATE_RE = rx.compile(
    f"[{_PLATES}]" r"[a-hj-np-z][·• ]?"
    r"(?:[df][a-hj-np-z0-9]\d{4}|\d{5}[df]|[a-hj-np-z0-9]{4}[a-hj-np-z0-9挂学警港澳])(?![0-9a-z])"
)
_QQ_RE = rx.compile(r"(?:qq|扣扣|企鹅)(?:号码|号)?(?:是|为)?[:： “\"'「]{0,3}(?P<v>[1-9]\d{4,10})(?![0-9a-z])")
_TW_PERMIT_RE = rx.compile(r"(?:台胞证|来往大陆通行证)[^0-9\n。；]{0,12}?(?P<v>\d{8}(?:\d{2})?)(?![0-9a-z])")
_WECHAT_RE = rx.compile(r"(?:微信号?|(?<![a-z])(?:vx|wx|weixin|wechat))(?:是|为)?[:： “\"'「]{0,3}"
                        r"(?P<v>wxid_[a-z0-9]{6,20}|[a-z][-_a-z0-9]{5,19})(?![-_a-z0-9])")
_MOBILE_PREFIX = rx.compile(r"1(?:3\d|4[57]|5[0-35-9]|6[12567]|7[0-8]|8\d|9[0-35-9])$")

_CTX = {
    "id": ("身份证", "证件号", "身份号码", "公民身份", "居住证", "永久居留", "证号"),
    "mobile": ("手机", "电话", "联系方式", "联系人", "tel", "致电", "拨打", "微信"),
    "landline": ("电话", "座机", "联系方式", "tel", "传真", "拨打"),
    "card": ("卡号", "银行卡", "账号", "帐号", "开户", "户名", "储蓄卡", "信用卡", "社保卡", "借记卡"),
    "passport": ("护照", "passport", "出入境证件"),
    "hk_mo": ("回乡证", "港澳居民来往内地通行证", "来往内地通行证", "港澳居民居住证"),
    "mainland_permit": ("港澳通行证", "往来港澳通行证", "赴台证", "往来台湾通行证", "通行证"),
    "taiwan_permit": ("台胞证", "台湾居民来往大陆通行证", "来往大陆通行证"),
    "vin": ("车架号", "车辆识别代号", "车辆识别码", "vin", "底盘号"),
}
# Public bodies publish their own office numbers; personal context words do not apply to them.
_NEG_CTX = ("订单号", "流水号", "文号", "编号", "批准号", "索引号", "统一社会信用代码", "信用代码", "合同号", "登记号",
            "注册号", "备案号", "案号", "税号", "型号", "批次", "发票", "许可证号", "证书编号", "工单")
_GATE_WORDS = ("qq", "扣扣", "企鹅", "微信", "vx", "wx", "weixin", "wechat", "台胞证", "来往大陆通行证")
_EMAIL_GATE = ("@",)
#: a mailbox an office publishes for a purpose (举报邮箱, 投稿邮箱, 意见反馈邮箱): county offices use 163/126/qq
#: mailboxes as often as .gov.cn ones, and the label names the office's purpose, not a person (联系邮箱 does not)
#: (the label right before the address: 举报人张三的邮箱 is a person's)
_OFFICE_MAILBOX_RE = rx.compile(r"(?:举报|投稿|来稿|征稿|监督|信访|投诉|咨询|报名|意见|建议|反馈|受理)(?:专用|受理|电子)?"
                                r"(?:邮箱|信箱|e-?mail)(?:地址)?(?:为|是)?[：:]?\s*$")
#: a person's role or record right before the label (考生张三，报名邮箱：…; 举报人张三，举报邮箱：…): the label
#: names the person's own mailbox in a list of people, not an office's (h16r2)
_PERSON_BEFORE_RE = rx.compile(r"(?:考生|学生|报名人|申请人|举报人|投诉人|信访人|当事人|患者|姓名|本人)")
gates.register(*_GATE_WORDS, *_EMAIL_GATE)


def _may_hold_token(asc: bytes) -> bool:
    """False only when ``_TOKEN_RE`` finds no mixed token (letters and digits) in the text whose
    ASCII characters are ``asc``."""
    return _TOKEN_GATE_MIX.search(asc) is not None and _TOKEN_GATE_RUN.search(asc) is not None


# The ASCII characters of a text join across the Han characters between them (2024年10月15日至
# 2025年 reads 20241015 2025), so gates over them pass texts whose runs are all short; the
# compiled walk looks for the run itself in the text (~2 ns a character, where the patterns open
# on a character class at every position: 85% of the official texts the token gates pass and a
# third of those the digit-run pattern over the ASCII characters passes have no such run).
_RUN_TABLE = speedups.class_table({"0123456789 ()x-": 2}) if _has_run is not None else b""
_TOKEN_TABLE = speedups.class_table({"abcdefghijklmnopqrstuvwxyz0123456789": 2}) if _has_run is not None else b""


def _may_hold_run(v: str, asc: bytes) -> bool:
    """False only when ``_RUN_RE`` finds nothing in ``v`` (whose ASCII characters are ``asc``): a
    match is 11 or more characters of its class in a row (in C; the walk alone costs less than
    the pattern over ``asc``), else the pattern over ``asc``."""
    if _has_run is not None:
        return _has_run(v, _RUN_TABLE, 11)
    return _RUN_GATE.search(asc) is not None


_class_runs = speedups.get("class_runs")


def _run_matches(v: str, asc: bytes):
    """``_RUN_RE``'s matches in ``v``, in order: searched only inside the runs of 11 or more of its
    characters (in C: a match is made of them only), else over the text when :func:`_may_hold_run`."""
    if _class_runs is None or _has_run is None:
        return _RUN_RE.finditer(v) if _may_hold_run(v, asc) else ()
    return [m for a, b in _class_runs(v, _RUN_TABLE, 11) for m in _RUN_RE.finditer(v, a, b)]


def _may_hold_token_in(v: str, asc: bytes) -> bool:
    """False only when ``_TOKEN_RE`` finds no mixed token in ``v`` (whose ASCII characters, ``asc``,
    hold a letter: the caller's test): the two gates of :func:`_may_hold_token`, and 7 letters or
    digits in a row in ``v`` itself."""
    return _may_hold_token(asc) and (_has_run is None or _has_run(v, _TOKEN_TABLE, 7))


def _may_hold_plate(v: str) -> bool:
    """False only when ``_PLATE_RE`` finds nothing in ``v`` (a province's character and a letter)."""
    return _has_pair is None or _has_pair(v, _PLATE_PAIR)


def _near(v: str, s: int, e: int, words: tuple[str, ...], before: int = _BEFORE) -> bool:
    return near(v, s, e, words, before, _AFTER)


class PersonalDataDetector:
    name = "personal_data"
    categories = frozenset({"personal_data"})
    rules = ("pii.id_card", "pii.passport", "pii.travel_permit", "pii.bank_card", "pii.mobile_phone",
             "pii.landline", "pii.email", "pii.licence_plate", "pii.vin", "pii.social_account",
             "pii.address", "pii.person_name", "pii.sensitive_personal_info")

    def __init__(self, public_officials: tuple[str, ...] = ()) -> None:
        self._names = NameAddressDetector(public_officials)
        region_codes()  # load GB/T 2260 now, not during the first scan with an ID number
        gates.warm_up()

    @classmethod
    def from_config(cls, config) -> "PersonalDataDetector":
        return cls(public_officials=config.public_officials)

    def _run(self, views: Views, v: str, run: re.Match, out: list[Finding]) -> None:
        n = len(v)
        if " " in run.group():
            sp = _SPACED_RE.search(v, run.start(), min(n, run.end() + 1))
            if sp is not None:
                f = self._spaced(views, v, sp)
                if f is not None:
                    out.append(f)
                    return
        for m in _NUM_RE.finditer(v, max(0, run.start() - 1), min(n, run.end() + 1)):
            f = self._number(views, v, m)
            if f is not None:
                out.append(f)

    def detect(self, views: Views) -> list[Finding]:
        v = views.vis
        out: list[Finding] = []
        n = len(v)
        asc = gates.ascii_chars(v)
        for run in _run_matches(v, asc):  # (inside 11 of its characters in a row: in C)
            self._run(views, v, run, out)
        # numbers written in other styles (一三九…, ①③⑧…, 壹叁玖…, mixed): the run read as
        # ASCII digits, same length, so offsets and context stay those of the text
        styled = [run for run in _STYLED_RUN_RE.finditer(v) if not run.group().isascii()] \
            if _has_run is None or _has_run(v, _STYLED_TABLE, 11) else ()
        if styled:  # one folded copy of the text for all of them (not a copy per run)
            parts, last = [], 0
            for run in styled:
                parts += (v[last:run.start()], run.group().translate(DIGIT_FOLD))
                last = run.end()
            v2 = "".join(parts) + v[last:]
            for run in styled:
                for r in _RUN_RE.finditer(v2, run.start(), run.end()):
                    self._run(views, v2, r, out)
        latin = _LATIN_RE.search(asc) is not None
        for m in _TOKEN_RE.finditer(v) if latin and _may_hold_token_in(v, asc) else ():
            s, e = m.span()
            if (s > 0 and v[s - 1].isascii() and v[s - 1].isalnum()) or (e < n and v[e].isascii() and v[e].isalnum()):
                continue
            tok = m.group()
            if not tok.isdigit() and not tok.isalpha():
                f = self._token(views, v, s, e, tok)
                if f is not None:
                    out.append(f)
        found = gates.present(v)  # every gate word in one pass (scanner/detectors/gates.py)
        if not found.isdisjoint(_EMAIL_GATE):
            for m in _EMAIL_RE.finditer(v):
                office = _OFFICE_MAILBOX_RE.search(v, max(0, m.start() - 16), m.start())
                if office is not None and _PERSON_BEFORE_RE.search(v, max(0, office.start() - 30), office.start()):
                    office = None
                out.append(self._email(views, m.start(), m.end(), office))
        for m in _PLATE_RE.finditer(v) if latin and _may_hold_plate(v) else ():
            out.append(self._plate(views, v, m))
        if not found.isdisjoint(_GATE_WORDS):
            out.extend(self._social(views, v))
        out = _drop_contained(out)
        out.extend(self._names.detect(views, out))
        return out

    # ------------------------------------------------------------------ helpers
    def _finding(self, views: Views, s: int, e: int, typ: str, sev: str, msg: str, sugg: str | None,
                 score: float) -> Finding:
        start, end = views.vis_span(s, e)
        return Finding(start=start, end=end, text=views.text[start:end], category="personal_data", type=typ,
                       severity=sev, rule=f"pii.{typ}", message=msg, suggestion=sugg, basis=BASIS_PIPL,
                       score=score)

    def _original(self, views: Views, s: int, e: int) -> str:
        start, end = views.vis_span(s, e)
        return views.text[start:end]

    # ------------------------------------------------------------------ numbers
    def _number(self, views: Views, v: str, m: re.Match) -> Finding | None:
        s, e = m.span()
        if s > 0 and v[s - 1].isascii() and v[s - 1].isalnum():
            return None
        kind = m.lastgroup
        if e < len(v) and v[e] in _UNIT_AFTER:
            tail = _CARD_TAIL_RE.search(m.group()) if kind == "card" else None
            if tail is None:
                return None
            e -= len(tail.group())  # 6228 4851 8076 8639 300元: the amount is not part of the card
            return self._card(views, v, s, e, v[s:e].replace(" ", "").replace("-", ""))
        raw = m.group()
        digits = raw.replace(" ", "").replace("-", "").replace("(", "").replace(")", "").replace("+", "")
        if kind == "id":
            f = self._id(views, v, s, e, digits)
            if f is None and luhn_ok(digits) and _near(v, s, e, _CTX["card"]):
                f = self._card(views, v, s, e, digits)
            return f
        if kind == "mobile":
            return self._mobile(views, v, s, e, digits)
        if kind == "landline":
            ext = _EXT_RE.match(v, e)
            if ext:
                e = ext.end()
            return self._landline(views, v, s, e, digits)
        if kind == "card":
            return self._card(views, v, s, e, digits)
        if kind == "id15":
            if is_valid_id15(digits) and _near(v, s, e, _CTX["id"]):
                return self._finding(views, s, e, "id_card", "block",
                                     "疑似15位居民身份证号码（1999年前旧号），发布前须去标识化处理",
                                     mask_middle(self._original(views, s, e), 6, 3), 0.9)
            return None
        return None

    def _spaced(self, views: Views, v: str, m: re.Match) -> Finding | None:
        s, e = m.span()
        digits = m.group().replace(" ", "")
        if len(digits) == 18:
            return self._id(views, v, s, e, digits)
        if len(digits) == 11:
            return self._mobile(views, v, s, e, digits)
        if 16 <= len(digits) <= 19:
            return self._card(views, v, s, e, digits)
        return None

    def _id(self, views, v, s, e, digits) -> Finding | None:
        ctx = _near(v, s, e, _CTX["id"])
        original = self._original(views, s, e)
        if is_valid_id18(digits):
            neg = _near(v, s, e, _NEG_CTX) and not ctx
            sev, score = ("review", 0.7) if neg else ("block", 0.99 if ctx else 0.95)
            kind = {"81": "香港居民居住证", "82": "澳门居民居住证", "83": "台湾居民居住证"}.get(digits[:2])
            if digits[0] == "9":
                kind = "外国人永久居留身份证"
            msg = f"疑似{kind or '居民身份证'}号码，发布前须去标识化处理（仅保留前6位和后4位）"
        elif ctx and is_valid_id18(digits[:17] + id18_check_char(digits[:17])):
            # Right structure and a 身份证 label, wrong check digit: a typo'd or made-up number
            # is still a number a reader takes for someone's ID.
            sev, score = "review", 0.6
            msg = "疑似居民身份证号码（校验位不符，可能录入有误），发布前须去标识化处理"
        else:
            return None
        return self._finding(views, s, e, "id_card", sev, msg, mask_middle(original, 6, 4), score)

    def _mobile(self, views, v, s, e, digits) -> Finding | None:
        core = digits[-11:]
        if not _MOBILE_PREFIX.match(core[:3]):
            return None
        ctx = _near(v, s, e, _CTX["mobile"])
        if _near(v, s, e, _NEG_CTX) and not ctx:
            return None
        original = self._original(views, s, e)
        head = len(original) - len(original.lstrip("+86- "))  # keep a +86 prefix visible
        return self._finding(views, s, e, "mobile_phone", "review",
                             "疑似个人手机号码，发布前须去标识化处理（如 138****5678）",
                             original[:head] + mask_middle(original[head:], 3, 4), 0.95 if ctx else 0.85)

    def _landline(self, views, v, s, e, digits) -> Finding | None:
        if _near(v, s, e, _NEG_CTX) and not _near(v, s, e, _CTX["landline"]):
            return None
        original = self._original(views, s, e)
        area = 3 if digits[:3] in ("010",) or digits[1] == "2" else 4
        return self._finding(views, s, e, "landline", "info",
                             "固定电话号码：机构公开电话可发布；个人住宅电话须去标识化处理",
                             mask_middle(original, area, 2), 0.7 if _near(v, s, e, _CTX["landline"]) else 0.5)

    def _card(self, views, v, s, e, digits) -> Finding | None:
        if not 16 <= len(digits) <= 19:
            return None
        ctx = _near(v, s, e, _CTX["card"])
        if _near(v, s, e, _NEG_CTX) and not ctx:
            return None
        ok = luhn_ok(digits)
        if not ok:
            raw = v[s:e]
            tail = _CARD_TAIL_RE.search(raw)
            if tail is not None and len(digits) > 16 and luhn_ok(digits[:-len(tail.group()) + 1]):
                # a grouped 16-digit card followed by an unrelated short number
                e -= len(tail.group())
                digits = digits[:-len(tail.group()) + 1]
                ok = True
        if not ok and not ctx:
            return None
        sev, score = ("block", 0.97 if ctx else 0.85) if ok else ("review", 0.6)
        return self._finding(views, s, e, "bank_card", sev,
                             "疑似银行卡号，发布前须去标识化处理（仅保留前4位和后4位）",
                             mask_middle(self._original(views, s, e), 4, 4), score)

    # ------------------------------------------------------------------ letter + digit tokens
    def _token(self, views, v, s, e, tok) -> Finding | None:
        if len(tok) == 17 and _VIN_RE.match(tok) and vin_ok(tok):
            ctx = _near(v, s, e, _CTX["vin"])
            return self._finding(views, s, e, "vin", "review", "疑似车辆识别代号（车架号），发布前须去标识化处理",
                                 mask_middle(self._original(views, s, e), 3, 4), 0.95 if ctx else 0.8)
        if _PASSPORT_RE.match(tok) and _near(v, s, e, _CTX["passport"]):
            return self._finding(views, s, e, "passport", "block", "疑似护照号码，发布前须去标识化处理",
                                 mask_middle(self._original(views, s, e), 2, 2), 0.9)
        if _HK_MO_RE.match(tok) and _near(v, s, e, _CTX["hk_mo"] + _CTX["mainland_permit"]):
            return self._finding(views, s, e, "travel_permit", "block",
                                 "疑似港澳居民来往内地通行证（回乡证）号码，发布前须去标识化处理",
                                 mask_middle(self._original(views, s, e), 2, 2), 0.9)
        if _MAINLAND_PERMIT_RE.match(tok) and _near(v, s, e, _CTX["mainland_permit"]):
            return self._finding(views, s, e, "travel_permit", "block",
                                 "疑似往来港澳/台湾通行证号码，发布前须去标识化处理",
                                 mask_middle(self._original(views, s, e), 2, 2), 0.9)
        return None

    # ------------------------------------------------------------------ other shapes
    def _email(self, views, s, e, office=None) -> Finding:
        start, end = views.vis_span(s, e)
        original = views.text[start:end]
        local, _, domain = original.partition("@")
        public = domain.lower().endswith(".gov.cn") or office is not None
        return Finding(start=start, end=end, text=original, category="personal_data", type="email",
                       severity="info" if public else "review", rule="pii.email",
                       message=("政务公开邮箱，确认属于机构公开信箱即可" if public
                                else "疑似个人电子邮箱，发布前确认是否需去标识化处理"),
                       suggestion=None if public else local[:1] + "***@" + domain, basis=BASIS_PIPL,
                       score=0.6 if public else 0.9)

    def _plate(self, views, v, m) -> Finding:
        original = self._original(views, *m.span())
        return self._finding(views, m.start(), m.end(), "licence_plate", "review",
                             "疑似机动车号牌，涉及个人车辆时发布前须去标识化处理", original[:2] + "***" + original[-1:],
                             0.85)

    def _social(self, views, v) -> list[Finding]:
        out = []
        for m in _QQ_RE.finditer(v):
            s, e = m.span("v")
            out.append(self._finding(views, s, e, "social_account", "review", "疑似个人QQ号，发布前须去标识化处理",
                                     mask_middle(self._original(views, s, e), 2, 2), 0.9))
        for m in _TW_PERMIT_RE.finditer(v):
            s, e = m.span("v")
            out.append(self._finding(views, s, e, "travel_permit", "block",
                                     "疑似台湾居民来往大陆通行证（台胞证）号码，发布前须去标识化处理",
                                     mask_middle(self._original(views, s, e), 2, 2), 0.9))
        for m in _WECHAT_RE.finditer(v):
            s, e = m.span("v")
            out.append(self._finding(views, s, e, "social_account", "review", "疑似个人微信号，发布前须去标识化处理",
                                     mask_middle(self._original(views, s, e), 2, 2), 0.9))
        return out


def _drop_contained(findings: list[Finding]) -> list[Finding]:
    """One value, one type: drop a finding lying inside a stronger one of another type (a mobile
    number inside an ID number, a QQ number that is also the phone)."""
    if len(findings) < 2:
        return findings
    findings.sort(key=lambda f: (f.start, -f.end))
    out: list[Finding] = []
    for f in findings:
        if out and f.start >= out[-1].start and f.end <= out[-1].end and f is not out[-1]:
            continue
        out.append(f)
    return out
