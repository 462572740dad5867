"""Title-anchored names: a leader's name misspelt next to the title he alone holds (issue 16).

A misspelt leader's name is found without a generated variant when it stands where the leaders
table (the lexicons' ``kind = "leaders"`` files, :class:`.compositional.LeaderTitles`) says whose
name must stand: right after a title (国家主席习近瑚) or right before it (习近瑚总书记), where exactly
one person of the table holds that title now. A span of the holder's length that differs from his
name in exactly one character (any character, a mask symbol such as * x ○ □ ?, or one the views
already fold) is the name misspelt; the correct name is the suggestion. The variants of the
``key_terms`` rows (homophones, look-alikes, swaps, masks) remain the first reading; this rule adds
the typos they cannot list (习近瑚, 赵乐计) and reads only next to a title.

What counts as an anchor (:class:`NameAnchors`):

* a title of the table with one current holder, not a 副 or 代 title (总书记, 国家主席, 总理,
  全国人大常委会委员长 …; a county's 县委书记, 县长);
* a title's last word (jieba: 国家|主席, 全国政协|主席) when every current holder of a title ending
  in it has a name of three characters or more (主席: 习近平, 王沪宁): two characters of three in
  place make the name specific, so a word several hold can anchor it (the span must then be one
  character off exactly one holder). 书记 and 主任 (李希, 蔡奇: one character of two) are no anchors;
* 同志 right after the span, when a title of that holder stands within :data:`COMRADE_REACH`
  characters (习近瑚同志 … 总书记): 同志 alone names nobody.

What is not read (each a measured false alarm or a name that is right):

* a name of the table or of the bundled public figures (scanner/data/public_figures.txt) over the
  span (总理李鹏, 李克强总理), a word of jieba's dictionary (a name such as 李显龙, or a word);
* a span that does not start (before a title) or end (after one) on a jieba word boundary
  (总理李克强: 李克 ends inside a word);
* for a two-character name (李强, 蔡奇, 李希): a span whose surname is not the holder's (克强总理 is
  李克强's given name), or whose neighbour outside the span is one Han character that may belong to a
  longer name (总理李显|龙);
* a title after 副 or 代 (副总理 is another title), or after 原 or 前 (a former holder).

Two characters off are read only for a three-character name whose surname is written, next to a
full national title of one holder (总书记, 国家主席, 全国人大常委会委员长, 全国政协主席: not a short
form such as 委员长, nor a county's title), as review.

The titles are gate words the shared pass already finds (scanner/detectors/gates.py); the rule
reads its hits over ``vis`` (over ``dense`` in a text with decorative symbols or spaced characters,
where the compositional rules read it too). A title with a holder's name right next to it (习近平总书记:
most of them) or with no span one character off a holder's name next to it costs a few slice
comparisons; the rest (a few in a thousand titles of official news) are read in ``dense``, with
jieba for the boundaries.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import eq
from pathlib import Path

from ..model import Finding
from ..words import cut, word_freq
from .gates import is_han

__all__ = ["NameAnchors", "RULE", "BASIS", "COMRADE_REACH", "name_findings"]

RULE = "keyterm.leader.name"
#: what the key-term rows of leaders' names cite (lexicons/improper_wording/key_terms.tsv)
BASIS = ("党政机关公文处理工作条例(2012)第十九条(审核重点:人名、地名、时间、数字、引文等是否准确);"
         "国家新闻出版署《报纸期刊质量管理规定》(2020)编校差错率;商业校对服务差错类别·领导人姓名错误")
#: how far (characters of the view read: ``vis``, or ``dense`` for a disguised text) a title of the
#: holder may stand from a name followed by 同志
COMRADE_REACH = 60
#: what stands after the general secretary's name in 以习近平同志为核心的党中央: an anchor of his as a
#: title is (the name before it one character off), read only where the table's 总书记 is the bundled one
CORE = "同志为核心的党中央"
#: a title's last word that organisations at every level write (市政协主席王建宁, 公司工会主席, 县妇联主席): no
#: anchor by itself, whatever the national holders' names (review of h16t: block findings on county news)
LOCAL_TITLES = frozenset(("主席", "书记", "主任", "秘书长", "部长", "院长", "会长", "理事长", "董事长", "校长",
                          "局长", "处长", "县长", "市长", "省长", "委员"))
#: what stands right before a name that has a title of its own (县委书记李伟同志, 县长李刚同志): no 同志 reading
_OWN_TITLE_END = ("书记", "主席", "主任", "长", "委员", "经理", "同志", "代表")
#: mask symbols the dense view keeps (a mask it drops, * ○ □ ×, is read from the original text:
#: compositional._mask_place)
_KEPT_MASKS = frozenset("x?？")
#: titles after these are another title (副总理) or a former holder's (原国家主席)
_NOT_NOW = ("副", "代", "原", "前")
#: one-character words that may stand next to a two-character name (李墙和, 向李墙)
_FUNCTION = frozenset("的和与同及向对在为是也都将已还又就等说把被给跟从由以")


class NameAnchors:
    """The anchors of the rule, from the rows of the leaders table (a few dozen)."""

    def __init__(self, rows, national: str | None = None) -> None:
        holders: dict[str, list[str]] = {}  # title -> names holding it now (file order)
        bundled: dict[str, bool] = {}  # title -> every current row of it is from the bundled table
        for r in rows:
            if r.current:
                ns = holders.setdefault(r.title, [])
                if r.name not in ns:
                    ns.append(r.name)
                bundled[r.title] = bundled.get(r.title, True) and bool(national) and _inside(r.source, national)
        titles = {r.title for r in rows}
        #: anchor -> its holders now; (anchor, holder) -> the title the message names
        self.anchors: dict[str, tuple[str, ...]] = {}
        self.title_of: dict[tuple[str, str], str] = {}
        for t, ns in holders.items():
            if len(ns) == 1 and not any(x in t for x in ("副", "代")):
                self.anchors[t] = (ns[0],)
                self.title_of[(t, ns[0])] = t
        short: dict[str, dict[str, str]] = {}  # a title's last word -> holder -> his title
        for t, ns in holders.items():
            if any(x in t for x in ("副", "代")):
                continue
            last = list(cut(t))[-1]
            if 2 <= len(last) < len(t) and last not in holders and last not in LOCAL_TITLES:
                for n in ns:
                    short.setdefault(last, {}).setdefault(n, t)
        for w, by in short.items():
            if all(len(n) >= 3 for n in by):
                self.anchors[w] = tuple(by)
                self.title_of.update({(w, n): t for n, t in by.items()})
        # the formulation that names the general secretary without his title: 以…同志为核心的党中央
        # (中国共产党章程; every resolution since 2016 writes it so): the name before it is his
        if "总书记" in holders and len(holders["总书记"]) == 1 and bundled.get("总书记", False):
            self.anchors[CORE] = (holders["总书记"][0],)
            self.title_of[(CORE, holders["总书记"][0])] = "总书记"
        #: anchors next to which two characters off are read: a national title of one holder whose
        #: name has three characters, and that is no other title's last part (总理, 委员长 are)
        self.two_off = frozenset(t for t, ns in self.anchors.items() if len(ns) == 1 and len(ns[0]) == 3
                                 and bundled.get(t, False) and not any(u != t and u.endswith(t) for u in titles))
        self.gate = tuple(sorted(self.anchors))
        self.names = tuple(sorted({r.name for r in rows}))
        #: names that are right wherever they stand (the table's, the public figures')
        from .sensitive import _public_figures

        self.known = tuple(sorted(set(self.names) | _public_figures(), key=len, reverse=True))


def _inside(source: str, folder: str) -> bool:
    """Whether the file ``source`` lies in ``folder`` (a path test: ``lexicons_county`` is not in ``lexicons``)."""
    return Path(source).is_relative_to(folder)


def _own_title(v: str, i: int, names) -> bool:
    """Whether the name before 同志 at ``i`` (as long as one of ``names``) has a title of its own right
    before it (县委书记李伟同志, 县政协主席王建宁同志): that person is named by his own title."""
    return any(v[:max(0, i - len(m))].endswith(_OWN_TITLE_END) for m in names)


def _off(span: str, name: str) -> list[int]:
    """The places where ``span`` differs from ``name`` (same length)."""
    return [i for i, (a, b) in enumerate(zip(span, name)) if a != b]


class _Cut:
    """jieba's tokens over a window of ``d`` around a span, with their places (cut once per span)."""

    def __init__(self, d: str, a: int, b: int) -> None:
        lo = max(0, a - 8)
        hi = min(len(d), b + 8)
        self.starts: list[int] = []
        self.toks: list[str] = []
        pos = lo
        for tok in cut(d[lo:hi]):
            self.starts.append(pos)
            self.toks.append(tok)
            pos += len(tok)
        self.ends = [s + len(t) for s, t in zip(self.starts, self.toks)]
        self.lo, self.hi = lo, hi

    def bound(self, i: int) -> bool:
        return i == self.lo or i == self.hi or i in self.starts

    def before(self, i: int) -> str | None:
        """The token that ends at ``i`` (None at the window's start)."""
        return self.toks[self.ends.index(i)] if i in self.ends else None

    def after(self, i: int) -> str | None:
        return self.toks[self.starts.index(i)] if i in self.starts else None


def _lone(tok: str | None) -> bool:
    """A token that may be one character of a longer name: one Han character, not a function word."""
    return tok is not None and len(tok) == 1 and is_han(tok) and tok not in _FUNCTION


def _known_over(d: str, a: int, b: int, known: tuple[str, ...]) -> bool:
    """Whether a known name stands in ``d`` over any character of ``d[a:b]``."""
    for k in known:
        lo = max(0, a - len(k) + 1)
        i = d.find(k, lo, b + len(k) - 1)
        if i >= 0:
            return True
    return False


def _mask_at(views, a: int, b: int, gone: int) -> tuple[int, int] | None:
    """The span in the text of the name spelled ``dense[a:b]`` with its character ``gone`` masked
    by a symbol the dense view dropped (习*平, *近平): None when no such symbol stands there. The
    place is :func:`.compositional._mask_place`'s; a repeated first character spans from its last time."""
    if views.dense_map is None:
        return None  # (nothing dropped)
    from .compositional import _mask_place, _offsets

    ab = _mask_place(views.text, *_offsets(views), a, b, gone)
    if ab is None:
        return None
    starts, ends = ab
    return (int(ends[0]) - 1 if gone > 0 else int(starts[0])), int(ends[-1])


def _spans(d: str, s: int, e: int, L: int, after: bool):
    """The candidate spans of a name of ``L`` characters next to a title at ``d[s:e]``: (a, b,
    gone) with gone the place of a dropped mask (-1: none)."""
    if after:
        yield e, e + L, -1
        for g in range(L):
            yield e, e + L - 1, g
    else:
        yield s - L, s, -1
        for g in range(L):
            yield s - L + 1, s, g


def _near(x: str, m: str, two: bool) -> bool:
    """Whether ``x`` (as long as ``m``) may be the name ``m`` one character off (two where ``two``,
    with the surname written): a C-level count of the characters in place."""
    k = len(m) - sum(map(eq, x, m))
    return (k == 1 and (len(m) > 2 or x[:1] == m[:1])) or (k == 2 and two and x[:1] == m[:1])


def name_findings(views, v: str, hits: list[tuple[int, int, str]], table: NameAnchors, masked: bool) -> list[Finding]:
    """The rule's findings at the title hits among ``hits``: the shared gate pass's words over ``v``,
    the ``vis`` view or the ``dense`` one; ``masked``: a mask symbol the dense view drops is in the
    text. A title costs a few slice comparisons where no name one character off a holder's stands
    next to it (习近平总书记, 总书记指出: nearly all); the others are read in ``dense``."""
    anchors = table.anchors
    two_off = table.two_off
    d = views.dense

    def to_dense(s: int, e: int) -> tuple[int, int]:
        if v is d:
            return s, e
        if views.vis_map is not None:
            s, e = int(views.vis_map[s]), int(views.vis_map[e - 1]) + 1
        m = views.dense_map
        return (s, e) if m is None else (bisect_left(m, s), bisect_left(m, e))

    titles: list[tuple[int, int, str]] = []  # every title in v (同志 reads the holders of one near it)
    todo: list[tuple[int, int, str]] = []
    last = -1
    for s, e, t in hits:
        holders = anchors.get(t)
        if holders is None or e == last:
            continue  # (a title's last word after the title: the pass reports the longer first)
        last = e
        if v[s - 1:s] in _NOT_NOW:
            continue  # (another title, a former holder's: it anchors no 同志 either)
        titles.append((s, e, t))
        near = False
        for m in holders:
            k = len(m)
            before, after = v[max(0, s - k):s], v[e:e + k]
            if before == m or after == m:
                near = False  # a holder's name stands here as written
                break
            near = near or masked or _near(before, m, t in two_off) or _near(after, m, t in two_off)
        if near:
            todo.append((s, e, t))
    comrades: list[tuple[int, str]] = []  # (place of 同志 in v, a title near it)
    if titles and "同志" in v:
        titles.sort()
        starts = [s for s, _e, _t in titles]
        i = v.find("同志")
        while i >= 0:
            lo, hi = bisect_left(starts, i - COMRADE_REACH), bisect_right(starts, i + COMRADE_REACH)
            near_t = [t for s, e, t in titles[lo:hi] if i != e]
            ms = {m for t in near_t for m in anchors[t]}
            if ms and not any(v[max(0, i - len(m)):i] == m for m in ms) and not _own_title(v, i, ms):
                comrades += [(i, t) for t in dict.fromkeys(near_t)
                             if masked or any(_near(v[max(0, i - len(m)):i], m, False) for m in anchors[t])]
            i = v.find("同志", i + 2)
    if not todo and not comrades:
        return []
    out: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for s, e, t in todo:
        s, e = to_dense(s, e)
        _read(views, d, s, e, t, anchors[t], False, table, seen, out, False)
        _read(views, d, s, e, t, anchors[t], True, table, seen, out, False)
    for i, t in dict.fromkeys(comrades):
        s, e = to_dense(i, i + 2)
        _read(views, d, s, e, t, anchors[t], False, table, seen, out, True)
    return out


def _candidate(d: str, s: int, e: int, name: str, after: bool):
    """The best reading of ``name`` next to ``d[s:e]``: (characters off, a, b, gone, the places
    off in the name), or "right" when the name stands there as written, or None."""
    n = len(d)
    L = len(name)
    best = None
    for a, b, gone in _spans(d, s, e, L, after):
        if a < 0 or b > n:
            continue
        span = d[a:b]
        if gone < 0:
            if span == name:
                return "right"
            diff = _off(span, name)
            off = diff
        else:
            diff = _off(span, name[:gone] + name[gone + 1:])  # places in the span
            off = sorted([i if i < gone else i + 1 for i in diff] + [gone])
        if len(off) > 2 or not all(is_han(span[i]) or span[i] in _KEPT_MASKS for i in diff):
            continue
        if best is None or len(off) < best[0]:
            best = (len(off), a, b, gone, off)
    return best


def _read(views, d, s, e, t, holders, after, table, seen, out, comrade: bool) -> None:
    found = []
    for name in holders:
        c = _candidate(d, s, e, name, after)
        if c == "right":
            return  # a holder's name is right here
        if c is not None:
            found.append((c, name))
    if len(found) != 1:
        return  # none, or a span several holders' names are near (a word several hold)
    (k, a, b, gone, off), name = found[0]
    L = len(name)
    if k == 2 and (comrade or t not in table.two_off or L != 3):
        return
    if 0 in off and (L == 2 or k == 2):
        return  # the surname must be written (克强总理: a name of its own)
    if (a, b) in seen:
        return
    place = _mask_at(views, a, b, gone) if gone >= 0 else None
    deleted = gone >= 0 and place is None  # a character left out, no mask symbol in its place (习平总书记)
    if deleted and not (k == 1 and L == 3 and gone > 0 and not comrade and t in table.two_off):
        return  # (only a full national title of one holder anchors it, the surname written)
    span = d[a:b]
    if span in table.names or ((gone < 0 or deleted) and all(map(is_han, span))
                               and (word_freq(span) or (k == 2 and word_freq(span[1:])))):
        return  # (two off: the given name no word either, 全国政协主席王|出席)
    if _known_over(d, a, b, table.known):
        return
    c = _Cut(d, a, b)
    if not c.bound(b if after else a):
        return
    if L == 2 and _lone(c.after(b) if after else c.before(a)):
        return
    if place is not None:
        start, end = place
    else:  # (a repeated first character: from its last time, as the lexicon's variants read it)
        start, end = views.dense_span(a, b)
        if views.dense_emap is not None:
            start = int(views.dense_emap[a]) - 1
    seen.add((a, b))
    title = table.title_of[(t, name)]
    written = views.text[start:end]
    sure = k == 1 and L >= 3 and not comrade and not deleted
    msg = (f"领导人姓名有误：{title}是{name}，“{written}”应为“{name}”" if sure
           else f"领导人姓名疑有误：{title}是{name}，“{written}”是否应为“{name}”")
    out.append(Finding(start=start, end=end, text=written, category="improper_wording", type="key_term_misspelling",
                       severity="block" if sure else "review", rule=RULE, message=msg, suggestion=name,
                       basis=BASIS, score=0.8 if sure else 0.7))
