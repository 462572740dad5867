"""Context words by character window (Chinese has no spaces, so no token windows), and the years
that make a superseded name history."""
from __future__ import annotations

import re
import threading
from contextlib import contextmanager, nullcontext

__all__ = ["near", "sentence_around", "years", "doc_years", "years_say_history", "years_say_before",
           "published_in", "published_as"]

#: a year written 2016年, 一九九六年 (a year between 1940 and 2049: not 2728号 or 100年)
_YEAR_RE = re.compile(r"(19[4-9]\d|20[0-4]\d)年|([一二][九〇零][〇零一二三四五六七八九]{2})年")
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def near(v: str, s: int, e: int, words: tuple[str, ...], before: int, after: int = 0) -> bool:
    """True when one of ``words`` occurs in ``v[s - before:e + after]`` (the span included)."""
    win = v[max(0, s - before):e + after]
    return any(w in win for w in words)


def sentence_around(d: str, s: int, e: int, before: int, after: int, ends: str = "。!?") -> str:
    """The sentence around ``d[s:e]`` (a character of ``ends`` bounds it), at most ``before``
    characters before and ``after`` after, without ``d[s:e]`` itself (尚未公布 is the cue, not news
    of a publication); a tab joins the two sides."""
    a = max(0, s - before)
    k = max(d.rfind(c, a, s) for c in ends)
    if k >= 0:
        a = k + 1
    b = min(len(d), e + after)
    for c in ends:
        j = d.find(c, e, b)
        if j >= 0:
            b = j
    return d[a:s] + "\t" + d[e:b]


def years(text: str) -> list[int]:
    """The years ``text`` names (2016年, 一九九六年), in order. Read them in the ``norm`` view: the
    dense view writes 一九九六 as 一九六."""
    out = []
    for m in _YEAR_RE.finditer(text):
        if m.group(1):
            out.append(int(m.group(1)))
        else:
            out.append(int("".join(_CN_DIGIT[c] for c in m.group(2))))
    return out


def doc_years(norm: str) -> list[int]:
    """:func:`years` of a whole text's ``norm`` view, read once per text (a one-entry cache per
    thread: the lexicon's ``until`` rows and the agency rules ask about the same text). Do not
    modify the list."""
    last = getattr(_years_seen, "last", None)
    if last is None or last[0] is not norm:
        last = _years_seen.last = (norm, years(norm))
    return last[1]


_years_seen = threading.local()


def years_say_history(norm: str, s: int, e: int, until: int, doc_years: list[int]) -> bool:
    """Whether the years make a name superseded in ``until`` at ``norm[s:e]`` history, not a slip:
    the text was published up to ``until`` (when the caller said when: :func:`published_in`), a
    year up to ``until`` in its sentence (2016年环境保护部印发…), or, when the publication date is
    not known, a text whose years are mostly years up to ``until`` (a 2009 work report says 卫生部
    rightly). ``doc_years`` is :func:`years` of the whole text; a text naming fewer than two years
    is read as written today (one year in another sentence of a short post dates an event, not
    the post)."""
    pub = getattr(_published, "year", None)
    if pub is not None and pub <= until:
        return True
    if any(y <= until for y in years(sentence_around(norm, s, e, 30, 20, "。!?;！？；"))):
        return True
    if pub is not None:
        return False  # published after the change: the text's other years date events, not the text
    return len(doc_years) > 1 and sum(1 for y in doc_years if y <= until) * 2 > len(doc_years)


def years_say_before(since: int, doc_years: list[int]) -> bool:
    """Whether a text predates a norm in force from ``since``: published before it (when the caller
    said when: :func:`published_in`), or, the date unknown, naming two or more years, all before it
    (a 1956 report says 解放前 as its time did). Stricter than :func:`years_say_history`: a post of
    today about the past names old years too, and a norm binds what is written today, so one year
    from ``since`` on keeps the hit."""
    pub = getattr(_published, "year", None)
    if pub is not None:
        return pub < since
    return len(doc_years) > 1 and max(doc_years) < since


_published = threading.local()  # .year: the publication year of the text this thread scans


@contextmanager
def published_in(year: int | None):
    """The scan inside reads ``year`` as its text's publication year (``Scanner.scan(published=)``)."""
    before = getattr(_published, "year", None)
    _published.year = year
    try:
        yield
    finally:
        _published.year = before


def published_as(value):
    """:func:`published_in` the year of ``value`` (a date, a year or a date string:
    :func:`scanner.dates.published_year`, an InputError when it is none); None changes nothing
    (an outer :func:`published_in`, a re-scanned record's date, stands)."""
    if value is None:
        return nullcontext()
    from ..dates import published_year

    return published_in(published_year(value))


#: a post's bracketed heading at its very start (【警方提醒】, 【禁毒科普】, 【以案说法】, 【中标公告】): county
#: accounts head a whole post with it, and a list under it (一是“炸金花”…；二是…) names the things the
#: heading warns of far from any crackdown word of its own line (h16z)
_HEADING_RE = re.compile(r"\s{0,8}[【\[]([^】\]\n]{1,16})[】\]]")  # (bounded: read at the text's start only)


def heading_end(text: str) -> int:
    """Where the bracketed heading that opens ``text`` ends (0 without one): the words inside it are
    read as a heading (:func:`heading_quiets`), not as the context of a hit after it (h16r2)."""
    m = _HEADING_RE.match(text)
    return m.end() if m else 0


def heading(text: str) -> str:
    """The words of the bracketed heading that opens ``text`` (any view: the dense one keeps the
    brackets), or ""."""
    m = _HEADING_RE.match(text)
    return m.group(1) if m else ""


#: the words of an offer or a contact in the hit's own sentence (h16r2): a heading quiets nothing next to
#: them. A post that warns of drugs or gambling names them, it does not sell them; a real advertisement
#: with a made-up heading on top (【禁毒科普】出售冰毒麻古，货到付款，加微信详聊) is still an advertisement.
_OFFER_RE = re.compile(
    "加微|加v|加qq|加q|加我|私聊|私信|详聊|联系电话|联系方式|微信号|qq号|电话|手机|货到付款|到付|包邮|面议|价格|"
    "价优|优惠|量大|有货|现货|到货|发货|配送|同城|上门|包夜|出售|售卖|兜售|批发|零售|代购|代发|代办|代开|办理|"
    "求购|收购|回收|订购|购买|转让|出租|开户|注册|下注|投注|充值|首充|送彩金|彩金|网址|专卖|直销")


def heading_quiets(text: str, words, sentence) -> bool:
    """A word of ``words`` in the bracketed heading that opens ``text`` (:func:`heading`), and no offer
    or contact in the hit's own sentence, ``sentence()`` (called only then: most texts have no heading)."""
    h = heading(text)
    if not (h and any(w in h for w in words)):
        return False
    low = sentence().lower()
    return _OFFER_RE.search(low) is None or _LURE_RE.search(low) is not None


#: a warning's account of a lure (诱导注册充值, 要求加微信, 谎称包邮): the offer words are the scheme described,
#: not made (h16r2)
_LURE_RE = re.compile("诱导|诱骗|引诱|诱使|诱饵|谎称|冒充|骗取|骗局|套路|要求|以.{1,8}为名|以.{1,8}为由")
