"""国家秘密标志: classification marks in all their written forms.

``密级★保密期限`` / ``密级★解密时间`` / ``密级★解密条件`` (保守国家秘密法; GB/T 9704-2012), with the
star written ★, ☆ or * (full-width forms are folded by normalisation), and ``密级：机密``.
Ordinary words that contain a level (商业秘密, 保守秘密, 机密性, 成功的秘密) never match: a mark
needs the star or the ``密级`` label.
"""
from __future__ import annotations

from .. import rx
from ..model import Finding
from ..normalize import Views
from . import gates

__all__ = ["ClassificationMarkDetector"]

_BASIS = ("保守国家秘密法(2010年文本) 第十七条（国家秘密标志）、第二十九条（公开发布信息应当遵守保密规定）；"
          "GB/T 9704-2012《党政机关公文格式》密级和保密期限；政府信息公开条例 第十四条")
_PERIOD = r"(?:\d{1,2}[ \t]?(?:年|个月|月)|长期|永久|启用前|开考前|会议开始前|[^\s，。；,;]{1,14}?(?:前|后|止))"
_MARK_RE = rx.compile(
    r"(?P<level>绝密|机密|秘密)[ \t]{0,2}(?P<star>[★☆*])[ \t]{0,2}(?P<period>" + _PERIOD + r")?"
    r"|密[ \t]{0,2}级[ \t]{0,2}[:：][ \t]{0,2}[★☆*]?[ \t]{0,2}(?P<level2>绝密|机密|秘密)(?:[ \t]{0,2}[★☆*][ \t]{0,2}(?:" + _PERIOD + r")?)?"
)
_GATE = ("★", "☆", "*", "密级", "密 级")
gates.register(*_GATE)  # found in the detectors' one gate pass (scanner/detectors/gates.py)
# A mark quoted as an example of the format in a 保密 lesson (应在首页左上角标注“机密★10年”, 标志格式如
# “秘密★1年”) marks no carrier: quoted, with a word of teaching in its sentence, it is not reported (h14a).
_OPEN_QUOTES = "“\"「『‘'"
_CLOSE_QUOTES = "”\"」』’'"
_TEACHING = ("例如", "比如", "譬如", "标注", "标明", "格式", "示例", "样式", "写作", "写成", "组成", "应当", "应在", "如:", "如“",
             "的形式", "的方式", "表示")
# A '*' right after a word such as 商业秘密 or inside markdown emphasis (**机密**) is not a mark.
_WORDY_BEFORE = rx.compile(r"[\u4e00-\u9fff]$")


class ClassificationMarkDetector:
    name = "classification_mark"
    categories = frozenset({"state_secret"})
    rules = ("secret.mark.classification",)

    def detect(self, views: Views) -> list[Finding]:
        v = views.vis
        if not gates.any_of(v, _GATE):
            return []
        out: list[Finding] = []
        for m in _MARK_RE.finditer(v):
            level = m.group("level") or m.group("level2")
            if m.group("level") and v[max(0, m.start() - 2):m.start()] in ("商业", "技术", "个人", "工作"):
                continue  # 商业秘密★ is a commercial-secret mark, not a state classification
            if m.group("star") == "*" and not m.group("period"):
                s = m.start()
                if (s > 0 and _WORDY_BEFORE.search(v[max(0, s - 1):s])) or v[max(0, s - 1):s] == "*":
                    continue  # 某秘密*, **秘密**: a bare '*' after a word is emphasis, not a star
                if not m.group("period") and v[m.end():m.end() + 1] == "*":
                    continue  # **机密** emphasis
            if self._quoted_example(v, m.start(), m.end()):
                continue
            start, end = views.vis_span(m.start(), m.end())
            text = views.text[start:end]
            period = m.group("period")
            score = 0.99 if (period or m.group("star") in ("★", "☆") or m.group("level2")) else 0.9
            out.append(Finding(
                start=start, end=end, text=text, category="state_secret", type="classification_mark",
                severity="block", rule=self.rules[0],
                message=f"疑似国家秘密标志（{level}级），涉密文件、资料严禁在互联网公开发布（涉密不上网，上网不涉密）",
                suggestion=None, basis=_BASIS, score=score,
            ))
        return out

    @staticmethod
    def _quoted_example(v: str, s: int, e: int) -> bool:
        """The mark stands in quotes and its sentence teaches the format (:data:`_TEACHING`)."""
        if not (s > 0 and v[s - 1] in _OPEN_QUOTES and e < len(v) and v[e] in _CLOSE_QUOTES):
            return False
        lo = max(v.rfind(c, 0, s - 1) for c in "。!?！？\n")
        hi = min((i for i in (v.find(c, e) for c in "。!?！？\n") if i >= 0), default=len(v))
        sent = v[lo + 1:hi]
        return any(w in sent for w in _TEACHING)
