"""Personal data with a fixed format: ID numbers, mobile numbers, bank cards, e-mail.

Evidence decides the score: pattern < pattern + check digit < + a context word within a
character window (身份证, 手机, 卡号 …). Values already masked (``138****5678``) never match: the
patterns need the full digits. Each finding's ``suggestion`` is the de-identified form.
"""
from __future__ import annotations

import re

from ..model import Finding
from ..normalize import Views
from ..validators import id18_check_char, is_valid_id18, luhn_ok, mask_middle

__all__ = ["PersonalDataDetector"]

_PIPL = "个人信息保护法 第二十八条、第五十一条；政府信息公开条例 第十五条（涉及个人隐私不予公开）"
_CTX_WINDOW = 20

# Every alternative opens with a character class (no leading look-behind: see DESIGN "Known traps").
_NUM_RE = re.compile(
    r"(?P<id>[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dx])(?![0-9a-z])"
    r"|(?P<mobile>(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2})(?![0-9a-z])"
    r"|(?P<card>[2-9]\d{3}(?:[- ]?\d{4}){3}(?:[- ]?\d{1,3})?)(?![0-9a-z])"
)
# Cheap prefilter: a run of at least 11 digits/separators; _NUM_RE then runs only inside it.
_RUN_RE = re.compile(r"[0-9][0-9 x-]{9,}[0-9x]")
_EMAIL_RE = re.compile(r"[a-z0-9][a-z0-9._%+-]{0,63}@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?![a-z0-9])")
_MOBILE_PREFIX = re.compile(r"1(?:3\d|4[57]|5[0-35-9]|6[12567]|7[0-8]|8\d|9[0-35-9])$")

_CTX = {
    "id": ("身份证", "证件号", "身份号码", "公民身份", "居住证", "永久居留"),
    "mobile": ("手机", "电话", "联系方式", "联系人", "tel", "电 话", "致电", "拨打"),
    "card": ("卡号", "银行卡", "账号", "帐号", "开户", "户名", "储蓄卡", "信用卡", "社保卡"),
}
_NEG_CTX = ("订单号", "流水号", "文号", "编号", "批准号", "索引号", "统一社会信用代码", "合同号", "登记号", "注册号")


def _near(v: str, s: int, e: int, words: tuple[str, ...]) -> bool:
    win = v[max(0, s - _CTX_WINDOW):e + 6]
    return any(w in win for w in words)


class PersonalDataDetector:
    name = "personal_data"
    rules = ("pii.id_card", "pii.mobile_phone", "pii.bank_card", "pii.email")

    def detect(self, views: Views) -> list[Finding]:
        v = views.vis
        out: list[Finding] = []
        n = len(v)
        for run in _RUN_RE.finditer(v):
            for m in _NUM_RE.finditer(v, max(0, run.start() - 1), min(n, run.end() + 1)):
                f = self._number(views, v, m)
                if f is not None:
                    out.append(f)
        if "@" in v:
            for m in _EMAIL_RE.finditer(v):
                out.append(self._email(views, m.start(), m.end()))
        return out

    def _number(self, views: Views, v: str, m: re.Match) -> Finding | None:
        s, e = m.span()
        if s > 0 and v[s - 1].isascii() and v[s - 1].isalnum():
            return None
        kind = m.lastgroup
        raw = m.group()
        digits = raw.replace(" ", "").replace("-", "")
        if kind == "id":
            f = self._id(views, v, s, e, digits)
            if f is None and luhn_ok(digits) and _near(v, s, e, _CTX["card"]):
                f = self._card(views, v, s, e, digits, raw)
            return f
        if kind == "mobile":
            return self._mobile(views, v, s, e, digits, raw)
        return self._card(views, v, s, e, digits, raw)

    def _finding(self, views: Views, s: int, e: int, typ: str, sev: str, msg: str, sugg: str | None,
                 score: float) -> Finding:
        start, end = views.vis_span(s, e)
        return Finding(start=start, end=end, text=views.text[start:end], category="personal_data", type=typ,
                       severity=sev, rule=f"pii.{typ}", message=msg, suggestion=sugg, basis=_PIPL,
                       score=score)

    def _id(self, views, v, s, e, digits) -> Finding | None:
        ctx = _near(v, s, e, _CTX["id"])
        original = views.text[slice(*views.vis_span(s, e))]
        if is_valid_id18(digits):
            neg = _near(v, s, e, _NEG_CTX)
            sev, score = "block", (0.99 if ctx else (0.8 if neg else 0.95))
            msg = "疑似居民身份证号码，发布前须去标识化处理（仅保留前6位和后4位）"
        elif ctx and is_valid_id18(digits[:17] + id18_check_char(digits[:17])):
            # Right structure and a 身份证 label, wrong check digit: a typo'd or made-up number
            # is still a number a reader takes for someone's ID.
            sev, score = "review", 0.6
            msg = "疑似居民身份证号码（校验位不符，可能录入有误），发布前须去标识化处理"
        else:
            return None
        return self._finding(views, s, e, "id_card", sev, msg, mask_middle(original, 6, 4), score)

    def _mobile(self, views, v, s, e, digits, raw) -> Finding | None:
        core = digits[-11:]
        if not _MOBILE_PREFIX.match(core[:3]):
            return None
        if _near(v, s, e, _NEG_CTX):
            return None
        score = 0.95 if _near(v, s, e, _CTX["mobile"]) else 0.85
        original = views.text[slice(*views.vis_span(s, e))]
        head = len(original) - len(original.lstrip("+86- "))  # keep a +86 prefix visible
        body = original[head:]
        return self._finding(views, s, e, "mobile_phone", "review",
                             "疑似个人手机号码，发布前须去标识化处理（如 138****5678）",
                             original[:head] + mask_middle(body, 3, 4), score)

    def _card(self, views, v, s, e, digits, raw) -> Finding | None:
        if not 16 <= len(digits) <= 19:
            return None
        ctx = _near(v, s, e, _CTX["card"])
        if _near(v, s, e, _NEG_CTX) and not ctx:
            return None
        ok = luhn_ok(digits)
        if not ok and not ctx:
            return None
        original = views.text[slice(*views.vis_span(s, e))]
        if ok:
            sev, score = "block", (0.97 if ctx else 0.85)
        else:
            sev, score = "review", 0.6
        return self._finding(views, s, e, "bank_card", sev,
                             "疑似银行卡号，发布前须去标识化处理（仅保留前4位和后4位）",
                             mask_middle(original, 4, 4), score)

    def _email(self, views, s, e) -> Finding:
        start, end = views.vis_span(s, e)
        original = views.text[start:end]
        local, _, domain = original.partition("@")
        public = domain.lower().endswith(".gov.cn")
        masked = (local[:1] + "***@" + domain) if local else original
        return Finding(start=start, end=end, text=original, category="personal_data", type="email",
                       severity="info" if public else "review", rule="pii.email",
                       message=("政务公开邮箱，确认属于机构公开信箱即可" if public
                                else "疑似个人电子邮箱，发布前确认是否需去标识化处理"),
                       suggestion=None if public else masked, basis=_PIPL, score=0.6 if public else 0.9)
