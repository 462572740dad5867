"""Credentials and internal network information: account + password pairs, private IPv4
addresses, ``内网`` addresses, connection strings with a password, API keys and private keys.

A government post that carries any of these hands an attacker the way in (网络安全法 第二十一条;
工作秘密). Every pattern needs a *value*: the words alone (``账号密码``, ``内网``) are left to the
lexicon (``state_secret/internal_markers.tsv``), which knows their innocent uses. Help texts that
tell citizens how to log in (``初始密码为身份证号后六位，首次登录请修改``) are not reported: the
value must be an ASCII token and the text must not be a first-login instruction.

Like :mod:`scanner.detectors.pii`: every regex opens with a literal or a character class (no
leading look-behind), and each one runs only when a cheap substring check passes.
"""
from __future__ import annotations

from .. import rx
from ..model import Finding
from ..normalize import Views
from . import gates
from .context import near

__all__ = ["CredentialDetector"]

_BASIS = ("中华人民共和国网络安全法 第二十一条(网络安全等级保护制度)、第四十二条;"
          "保守国家秘密法(2024修订) 工作秘密条款; 政府网站与政务新媒体检查指标(国办函〔2019〕80号)·安全防护")
_WINDOW = 40

# --- account + password --------------------------------------------------------------------
_PW_LABEL = r"(?:密码|口令|password|passwd|pwd|pass)"
_ACC_LABEL = r"(?:账号|帐号|账户|帐户|用户名|登录名|登陆名|登录账号|用户账号|管理员账号|user(?:name)?|login|account|uid)"
_SEP = r"[ \t]*(?:[:=]|为|是)[ \t]*"
# a secret value: printable ASCII without spaces, 3-64 characters
_VAL = r"[!-~]{3,64}"
_PW_RE = rx.compile(r"(?:密码|口令|password|passwd|pwd|pass)" + _SEP + r"(?P<val>" + _VAL + r")")
_ACC_RE = rx.compile(_ACC_LABEL + _SEP + r"(?P<val>[!-~]{2,64})")
# 账号/密码：admin/Abc123  ·  账号密码：admin Abc123
_PAIR_RE = rx.compile(_ACC_LABEL + r"[ \t]*(?:/|和|及|与|、)?[ \t]*" + _PW_LABEL +
                      r"[ \t]*(?:[:=]|分别为|分别是|为|是)[ \t]*(?P<acc>[!-~]{2,64}?)[ \t]*(?:/|[ \t]|，|,|和)[ \t]*(?P<pw>[!-~]{3,64})")
_PW_GATE = ("密码", "口令", "password", "passwd", "pwd", "pass")
# public help texts: 首次登录请修改, 初始密码为身份证后六位 …
_HELP = ("首次登录", "请修改", "请及时修改", "及时修改", "修改密码", "自行设置", "身份证", "后六位", "后6位", "出生日期",
         "忘记密码", "找回密码", "重置密码", "验证码")
_PLACEHOLDER = rx.compile(r"^(?:[*x•●._#-]+|\*+.*|.*\*{3,}.*|x{3,}|你的|您的|密码|password|\.\.\.)$")
_TRAIL = ".,;:!?)]}>'\"，。；：！？）】》”’"

# --- private IPv4 --------------------------------------------------------------------------
_IP_RE = rx.compile(r"(?P<ip>(?:10|172|192)\.\d{1,3}\.\d{1,3}\.\d{1,3})(?P<port>:\d{2,5})?")
_IP_GATE = ("10.", "172.", "192.168.")
_NET_CTX = ("ip", "地址", "服务器", "内网", "网段", "网关", "访问", "登录", "登陆", "http", "主机", "数据库", "端口", "ssh",
            "远程", "vpn", "系统", "后台", "路由", "交换机", "dns", "掩码")

# --- 内网 + address ------------------------------------------------------------------------
_INTRANET_RE = rx.compile(
    r"内网(?:[^\n，。；,;:=\s]{0,6}?(?:地址|网址|入口|链接|ip|域名|门户|平台|系统))?[ \t]*(?:[:=]|为|是)?[ \t]*"
    r"(?P<addr>https?://[!-~]+|(?:[a-z0-9-]+\.)+[a-z]{2,24}(?::\d{2,5})?(?:/[!-~]*)?|\d{1,3}(?:\.\d{1,3}){3}(?::\d{2,5})?)")

# --- a URL on an internal-only host (a QR code on a poster, a screenshot's address bar) -----
# the names RFC 6762 / RFC 8375 and common practice reserve for networks that are never public:
# such an address means nothing outside the office, so publishing it is the intranet leaking
_INTERNAL_URL_RE = rx.compile(
    r"https?://(?P<host>(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:local|localdomain|lan|intranet|internal|intra|"
    r"corp|home\.arpa))(?![a-z0-9.-])(?::\d{2,5})?(?:/[!-~]*)?")
_INTERNAL_URL_GATE = ("://",)

# --- connection strings, keys --------------------------------------------------------------
_CONN_RE = rx.compile(
    r"(?:jdbc:)?(?:mysql|postgres|postgresql|mongodb\+srv|mongodb|redis|rediss|sqlserver|mssql|oracle|ftp|sftp|amqp|"
    r"ldap|smtp|https?)://(?P<user>[^\s:/@]*):(?P<pw>[^\s@/]{3,})@[^\s/]+")
_KV_CONN_RE = rx.compile(
    r"(?:password|pwd)[ \t]*=[ \t]*(?P<pw>[^;\s'\"]{3,64})")
_KV_CONN_GATE = ("server=", "data source=", "host=", "uid=", "user id=", "database=", "initial catalog=")
_KEY_RE = rx.compile(
    r"(?P<aws>akia[0-9a-z]{16})(?![0-9a-z])"
    r"|(?P<ali>ltai[0-9a-z]{12,20})(?![0-9a-z])"
    r"|(?P<tencent>akid[0-9a-z]{32})(?![0-9a-z])"
    r"|(?P<github>(?:ghp|gho|ghu|ghs|ghr)_[0-9a-z]{36})(?![0-9a-z])"
    r"|(?P<slack>xox[abprs]-[0-9a-z-]{10,})"
    r"|(?P<pem>-----begin[ a-z]{0,12}private key-----)"
    r"|(?P<generic>(?:access[_ ]?key(?:[_ ]?(?:id|secret))?|secret[_ ]?(?:access[_ ]?)?key|api[_ ]?key|app[_ ]?secret|"
    r"client[_ ]?secret|access[_ ]?token|auth[_ ]?token|secret[_ ]?id)[\"']?[ \t]*[:=][ \t]*[\"']?(?P<gval>[0-9a-z/+_=-]{16,128}))")
_KEY_GATE = ("akia", "ltai", "akid", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "xox", "private key", "key", "secret", "token")
_NET_GATE = ("内网",)
_CONN_GATE = ("://", "=")
gates.register(*_PW_GATE, *_IP_GATE, *_KEY_GATE, *_NET_GATE, *_CONN_GATE)


def _near(v: str, s: int, e: int, words: tuple[str, ...], window: int = _WINDOW) -> bool:
    return near(v, s, e, words, window, window)


def _clean(val: str) -> str:
    return val.rstrip(_TRAIL)


def _is_secret_value(val: str) -> bool:
    if len(val) < 3 or _PLACEHOLDER.match(val):
        return False
    return not val.isascii() or any(c.isalnum() for c in val)


def _valid_private_ip(ip: str) -> bool:
    parts = ip.split(".")
    if len(parts) != 4 or any(len(p) > 1 and p[0] == "0" for p in parts):
        return False
    a, b, c, d = (int(p) for p in parts)
    if max(a, b, c, d) > 255:
        return False
    return a == 10 or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168)


class CredentialDetector:
    name = "credential"
    categories = frozenset({"state_secret"})
    rules = ("secret.credential.account_password", "secret.credential.private_ip", "secret.credential.intranet_address",
             "secret.credential.connection_string", "secret.credential.api_key", "secret.credential.private_key")

    def detect(self, views: Views) -> list[Finding]:
        v = views.vis
        out: list[Finding] = []
        found = gates.present(v)  # every gate word in one pass (scanner/detectors/gates.py)
        if not found:
            return out
        if not found.isdisjoint(_PW_GATE):
            out.extend(self._passwords(views, v))
        if not found.isdisjoint(_IP_GATE):
            out.extend(self._ips(views, v))
        if not found.isdisjoint(_NET_GATE):
            out.extend(self._intranet(views, v))
        if not found.isdisjoint(_INTERNAL_URL_GATE):
            out.extend(self._internal_urls(views, v, out))
        if not found.isdisjoint(_CONN_GATE):
            out.extend(self._connections(views, v))
        if not found.isdisjoint(_KEY_GATE):
            out.extend(self._keys(views, v))
        return out

    # ------------------------------------------------------------------ helpers
    def _finding(self, views: Views, s: int, e: int, rule: str, msg: str, score: float,
                 severity: str = "block", suggestion: str | None = None) -> Finding:
        start, end = views.vis_span(s, e)
        return Finding(start=start, end=end, text=views.text[start:end], category="state_secret", type="credential",
                       severity=severity, rule=rule, message=msg, suggestion=suggestion, basis=_BASIS, score=score)

    # ------------------------------------------------------------------ account + password
    def _passwords(self, views: Views, v: str) -> list[Finding]:
        out: list[Finding] = []
        taken: list[tuple[int, int]] = []
        for m in _PAIR_RE.finditer(v):
            acc, pw = m.group("acc"), _clean(m.group("pw"))
            if not _is_secret_value(pw) or _near(v, m.start(), m.end(), _HELP, 20):
                continue
            e = m.start("pw") + len(pw)
            taken.append((m.start(), e))
            out.append(self._finding(views, m.start(), e, self.rules[0],
                                     f"疑似公开了账号和密码（账号“{acc}”），须立即删除并修改密码", 0.95,
                                     suggestion=None))
        accounts = [(m.start(), m.start("val") + len(_clean(m.group("val")))) for m in _ACC_RE.finditer(v)
                    if _is_secret_value(_clean(m.group("val"))) or _clean(m.group("val")).isalnum()]
        if not accounts:
            return out
        for m in _PW_RE.finditer(v):
            val = _clean(m.group("val"))
            s, e = m.start(), m.start("val") + len(val)
            if any(a <= s < b for a, b in taken) or not _is_secret_value(val):
                continue
            if _near(v, s, e, _HELP, 20):
                continue
            near = [(a, b) for a, b in accounts if abs(a - s) <= _WINDOW or abs(b - e) <= _WINDOW]
            if not near:
                continue
            a, b = min(near, key=lambda ab: abs(ab[0] - s))
            lo, hi = min(a, s), max(b, e)
            out.append(self._finding(views, lo, hi, self.rules[0], "疑似公开了账号和密码，须立即删除并修改密码", 0.95))
        return out

    # ------------------------------------------------------------------ private IPv4
    def _ips(self, views: Views, v: str) -> list[Finding]:
        out: list[Finding] = []
        n = len(v)
        for m in _IP_RE.finditer(v):
            s, e = m.span()
            if s > 0 and (v[s - 1].isdigit() or v[s - 1] == "."):
                continue
            if e < n and (v[e].isdigit() or (v[e] == "." and e + 1 < n and v[e + 1].isdigit())):
                continue
            ip = m.group("ip")
            if not _valid_private_ip(ip):
                continue
            strong = ip.startswith("192.168.") or m.group("port") is not None
            if not strong and not _near(v, s, e, _NET_CTX, 20):
                continue  # 10.1.2.3 may be a section number; needs a network word nearby
            out.append(self._finding(views, s, e, self.rules[1],
                                     f"疑似公开了内部网络地址（私有IP {ip}），须删除", 0.95 if strong else 0.85))
        return out

    def _intranet(self, views: Views, v: str) -> list[Finding]:
        out = []
        for m in _INTRANET_RE.finditer(v):
            addr = _clean(m.group("addr"))
            if not addr:
                continue
            e = m.start("addr") + len(addr)
            out.append(self._finding(views, m.start(), e, self.rules[2],
                                     f"疑似公开了内网访问地址“{addr}”，须删除", 0.9))
        return out

    def _internal_urls(self, views: Views, v: str, found: list[Finding]) -> list[Finding]:
        """``http://oa.xxzf.local/login`` without the word 内网 (a QR code holds only the URL)."""
        out = []
        taken = [(f.start, f.end) for f in found]
        for m in _INTERNAL_URL_RE.finditer(v):
            addr = _clean(m.group(0))
            e = m.start() + len(addr)
            a, b = views.vis_span(m.start(), e)
            if any(x < b and a < y for x, y in taken):
                continue  # already reported with its 内网 label
            out.append(self._finding(views, m.start(), e, self.rules[2],
                                     f"疑似公开了内网访问地址“{addr}”（{m.group('host')} 是只在内部网络使用的域名），须删除",
                                     0.9))
        return out

    # ------------------------------------------------------------------ connection strings and keys
    def _connections(self, views: Views, v: str) -> list[Finding]:
        out = []
        if "://" in v:
            for m in _CONN_RE.finditer(v):
                pw = m.group("pw")
                if not _is_secret_value(pw):
                    continue
                out.append(self._finding(views, m.start(), m.end(), self.rules[3],
                                         "疑似公开了带密码的数据库或服务连接串，须立即删除并修改密码", 0.97))
        if "=" in v and any(g in v for g in _KV_CONN_GATE):
            for m in _KV_CONN_RE.finditer(v):
                if not _near(v, m.start(), m.end(), _KV_CONN_GATE, 120) or not _is_secret_value(m.group("pw")):
                    continue
                out.append(self._finding(views, m.start(), m.end(), self.rules[3],
                                         "疑似公开了数据库连接串中的密码，须立即删除并修改密码", 0.95))
        return out

    def _keys(self, views: Views, v: str) -> list[Finding]:
        out = []
        for m in _KEY_RE.finditer(v):
            s = m.start()
            if s > 0 and v[s - 1].isascii() and v[s - 1].isalnum() and not m.group("pem"):
                continue
            kind = m.lastgroup if m.lastgroup != "gval" else "generic"
            if kind == "generic":
                val = m.group("gval")
                if not (any(c.isdigit() for c in val) and any(c.isalpha() for c in val)):
                    continue  # api_key=your_api_key_here, secret=aaaaaaaaaaaaaaaa
            if kind == "pem":
                out.append(self._finding(views, m.start(), m.end(), self.rules[5],
                                         "疑似公开了私钥，须立即删除并吊销该密钥", 0.99))
                continue
            out.append(self._finding(views, m.start(), m.end(), self.rules[4],
                                     "疑似公开了云服务或接口的访问密钥（AccessKey/Token），须立即删除并吊销", 0.95))
        return out
