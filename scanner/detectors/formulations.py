"""Fixed formulations read by their members, and the leaders' order (issue 16: "a wrong number or a
wrong member is a key_term_misspelling; ... the order of the Standing Committee when several are
listed").

The compositional rules (:mod:`.compositional`) read a formulation's *number* (三个确立 for 两个确立)
and a name with a wrong *title*; this module reads two more things a proof-reader checks:

* **members** — a formulation written out as its list of members, with one that is not a member:
  政治意识、大局意识、核心意识、服务意识 for the 四个意识, 伟大斗争、伟大工程、伟大事业、伟大理想 for the
  四个伟大. A list counts when it has the formulation's number of items and all but one are its
  members, or when the formulation's name stands right before or after it (“四个意识”：…, …的新发展
  理念) and at least two items are members;
* **order** — the members of the Politburo Standing Committee listed together (习近平、李强、赵乐际…) in
  another order than the one of their term (二十届: 习近平、李强、赵乐际、王沪宁、蔡奇、丁薛祥、李希). The
  term is read from the names: a list with a member of one term only is read in that term's order;
  a list of names that several terms share (王沪宁、赵乐际 was right from 2017 to 2022) is not judged.

Both run on the ``dense`` view inside windows around their gate words (the members and the names),
like every compositional rule; a window's lists are found by compiled patterns, and only their few
items are compared in Python.

The table is written from the documents that fixed each formulation (its ``basis``); a county adds
none of these, they are national.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import rx

__all__ = ["FORMULATIONS", "STANDING_COMMITTEES", "MEMBER_GATE", "ORDER_GATE", "ORDER_BASIS", "member_errors", "order_errors"]

_HAN = "\u3400-\u9fff"
#: between two items of a list (not a comma: 社会建设，加快全面建设 starts a clause, not an item)
_SEP = "(?:、|和|及|与|以及)"


@dataclass(frozen=True)
class Formulation:
    name: str                 # 四个意识
    cores: tuple[str, ...]    # the members without their shared word, in their fixed order
    affix: str                # the word every member shares (意识), "" when members stand bare
    prefix: bool              # the shared word opens each member (伟大斗争) instead of closing it
    anchors: tuple[str, ...]  # the formulation's name as written before or after its list
    basis: str

    def member(self, core: str) -> str:
        return self.affix + core if self.prefix else core + self.affix


FORMULATIONS: tuple[Formulation, ...] = (
    Formulation("四个意识", ("政治", "大局", "核心", "看齐"), "意识", False, ("四个意识",),
                "中共中央政治局会议(2016-01-29); 《关于新形势下党内政治生活的若干准则》(2016)"),
    Formulation("四个自信", ("道路", "理论", "制度", "文化"), "自信", False, ("四个自信",),
                "习近平在庆祝中国共产党成立95周年大会上的讲话(2016-07-01); 党的十九大报告(2017)"),
    Formulation("五位一体", ("经济", "政治", "文化", "社会", "生态文明"), "建设", False, ("五位一体",),
                "党的十八大报告(2012): 经济建设、政治建设、文化建设、社会建设、生态文明建设五位一体总体布局"),
    Formulation("四个伟大", ("斗争", "工程", "事业", "梦想"), "伟大", True, ("四个伟大",),
                "党的十九大报告(2017): 伟大斗争、伟大工程、伟大事业、伟大梦想"),
    Formulation("新发展理念", ("创新", "协调", "绿色", "开放", "共享"), "发展", False, ("新发展理念", "发展理念"),
                "党的十八届五中全会公报(2015): 创新、协调、绿色、开放、共享的发展理念"),
    Formulation("新发展理念", ("创新", "协调", "绿色", "开放", "共享"), "", False, ("新发展理念", "发展理念"),
                "党的十八届五中全会公报(2015): 创新、协调、绿色、开放、共享的发展理念"),
    Formulation("三严三实", ("修身", "用权", "律己"), "严以", True, ("三严三实", "三严"),
                "中共中央办公厅《关于在县处级以上领导干部中开展“三严三实”专题教育方案》(2015)"),
    Formulation("三严三实", ("谋事", "创业", "做人"), "要实", False, ("三严三实", "三实"),
                "中共中央办公厅《关于在县处级以上领导干部中开展“三严三实”专题教育方案》(2015)"),
)


def _pattern(f: Formulation) -> re.Pattern:
    """A list of ``len(f.cores)`` items written the formulation's way, as groups ``i0``…: for a
    closing word the first item may carry words before its member (增强|政治意识), so it is read
    from the longest run of characters and compared by its end; every other item is as long as
    the longest member at most (a clause after a comma is no item)."""
    n, k = len(f.cores), max(map(len, f.cores))
    a = re.escape(f.affix)
    if f.prefix:
        # (a verb before each later member: 进行伟大斗争、建设伟大工程、推进伟大事业…)
        items = [("" if i == 0 else f"[{_HAN}]{{0,2}}?") + f"{a}(?P<i{i}>[{_HAN}]{{{min(map(len, f.cores))},{k}}}?)"
                 for i in range(n)]
        return rx.compile(_SEP.join(items))
    if not f.affix:  # bare items (创新、协调…): only before the formulation's name
        items = [f"(?P<i{i}>[{_HAN}]{{2}})" for i in range(n)]
        return rx.compile("、".join(items[:-1]) + "(?:、|和)" + items[-1]
                          + "(?:的)?(?=" + "|".join(f.anchors) + ")")
    items = [f"(?P<i0>[{_HAN}]{{1,8}}?){a}"] + [f"(?P<i{i}>[{_HAN}]{{1,{k}}}?){a}" for i in range(1, n)]
    return rx.compile(_SEP.join(items))


_PATTERNS = tuple(_pattern(f) for f in FORMULATIONS)


def _more(f: Formulation) -> re.Pattern:
    """One more item after a list of ``f``'s (the list is longer than the formulation)."""
    k = max(map(len, f.cores))
    a = re.escape(f.affix)
    if f.prefix:
        return rx.compile(f"{_SEP}[{_HAN}]{{0,2}}?{a}")
    if not f.affix:
        return rx.compile(f"[{_HAN}]{{2}}(?:、|和)$")  # (before a bare list: 安全、|创新、…)
    return rx.compile(f"{_SEP}[{_HAN}]{{1,{k}}}?{a}")


_MORE = tuple(_more(f) for f in FORMULATIONS)


def _continues(d: str, m: re.Match, f: Formulation, more: re.Pattern) -> bool:
    if not f.affix:
        return more.search(d, max(0, m.start() - 3), m.start()) is not None
    return more.match(d, m.end()) is not None
_ANCHOR_REACH = 6  # characters between a list and its formulation's name (“四个意识”：, …的)


def _anchored(d: str, s: int, e: int, f: Formulation) -> bool:
    before, after = d[max(0, s - len(f.name) - _ANCHOR_REACH):s], d[e:e + _ANCHOR_REACH + len(f.name)]
    return any(x in before or x in after for x in f.anchors)


def member_errors(d: str, windows: list[tuple[int, int]]) -> list[tuple[int, int, Formulation, str, bool]]:
    """The wrong members of formulations written out in ``d`` (inside ``windows``), as (start, end,
    formulation, the member it should be or "", anchored)."""
    out: list[tuple[int, int, Formulation, str, bool]] = []
    seen: set[tuple[int, int]] = set()
    for f, pat, more in zip(FORMULATIONS, _PATTERNS, _MORE):
        n = len(f.cores)
        cores = set(f.cores)
        for lo, hi in windows:
            for m in pat.finditer(d, lo, hi):
                items = [m.group(f"i{i}") for i in range(n)]
                spans = [m.span(f"i{i}") for i in range(n)]
                first = items[0]
                if not f.prefix and f.affix:  # the first item may open on other words: 增强|政治
                    own = next((c for c in f.cores if first.endswith(c)), None)
                    if own is None:  # not a member: its last characters as long as the shortest member
                        k = min(map(len, f.cores))
                        spans[0] = (spans[0][1] - k, spans[0][1])
                        first = first[-k:]
                    else:
                        spans[0] = (spans[0][1] - len(own), spans[0][1])
                        first = own
                    items[0] = first
                if _continues(d, m, f, more):
                    continue  # a longer list: not the formulation
                wrong = [i for i, it in enumerate(items) if it not in cores]
                right = n - len(wrong)
                if not wrong or len(set(items)) < n:
                    continue
                anchored = _anchored(d, spans[0][0], m.end(), f)
                if not ((anchored and right >= 2) or (right == n - 1 and n >= 4)):
                    continue
                missing = [c for c in f.cores if c not in items]
                for i in wrong:
                    s, e = spans[i]
                    if f.affix:  # the finding covers the whole member as written (服务意识)
                        s, e = (s - len(f.affix), e) if f.prefix else (s, e + len(f.affix))
                    if (s, e) in seen:
                        continue
                    seen.add((s, e))
                    fix = f.member(missing[0]) if len(wrong) == 1 and len(missing) == 1 else ""
                    out.append((s, e, f, fix, anchored))
    return out


# ------------------------------------------------------------------ the Standing Committee's order
#: each term's members in their published order (the plenary session's communiqué that elected them)
STANDING_COMMITTEES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("二十届(2022-10-23起)", ("习近平", "李强", "赵乐际", "王沪宁", "蔡奇", "丁薛祥", "李希")),
    ("十九届(2017-10-25至2022-10-23)", ("习近平", "李克强", "栗战书", "汪洋", "王沪宁", "赵乐际", "韩正")),
    ("十八届(2012-11-15至2017-10-25)", ("习近平", "李克强", "张德江", "俞正声", "刘云山", "王岐山", "张高丽")),
)
_NAMES = sorted({n for _t, ns in STANDING_COMMITTEES for n in ns}, key=lambda n: (-len(n), n))
_NAME_ALT = "|".join(_NAMES)
#: two or more of them in a row (同志 after a name is kept in the list: 习近平同志、李强同志)
_LIST_RE = rx.compile(f"(?:{_NAME_ALT})(?:同志)?(?:(?:、|,|和)(?:{_NAME_ALT})(?:同志)?)+")
_NAME_RE = rx.compile(_NAME_ALT)
ORDER_BASIS = ("中国共产党第二十届中央委员会第一次全体会议公报(2022-10-23); 十九届一中全会公报(2017-10-25); "
                "十八届一中全会公报(2012-11-15): 中央政治局常委的排序")


def order_errors(d: str, windows: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """Lists of Standing Committee members in ``d`` out of their term's order, as (start, end, the
    term, the list in its order)."""
    out: list[tuple[int, int, str, str]] = []
    seen: set[int] = set()
    for lo, hi in windows:
        for m in _LIST_RE.finditer(d, lo, hi):
            if m.start() in seen:
                continue
            seen.add(m.start())
            if m.start() > 0 and "\u3400" <= d[m.start() - 1] <= "\u9fff" and d[m.start() - 1] not in "和与及同":
                continue  # inside a longer name (欧阳李强)
            if d[m.start() - 1:m.start()] == "、" or d[m.end():m.end() + 1] == "、":
                continue  # part of a longer list of names (the Politburo in stroke order: …、李希、李强、李鸿忠…)
            names = _NAME_RE.findall(m.group(0))
            if len(set(names)) != len(names):
                continue
            terms = [(t, ns) for t, ns in STANDING_COMMITTEES if all(x in ns for x in names)]
            if len(terms) != 1:
                continue  # names of several terms (王沪宁、赵乐际), or of none together: not judged
            term, order = terms[0]
            idx = [order.index(x) for x in names]
            if idx != sorted(idx):
                right = "、".join(sorted(names, key=order.index))
                out.append((m.start(), m.end(), term, right))
    return out


#: separators between two list items as the gate words spell them
_GATE_SEPS = ("、", "和", "及", "与", "以及")


def _member_gate() -> frozenset[str]:
    """Two members next to each other (政治意识、大局意识, in either order): a list with all members
    but one always holds two of them side by side (three of four in four places); and the names of
    the formulations of three (三严三实), whose named list may hold its two members apart. Not a
    member alone, nor a frequent name (经济建设, 四个意识 and 习近平 are in most official texts, and every
    text with a gate word runs the rules: a named list of four with two members apart is missed)."""
    out: set[str] = set()
    for f in FORMULATIONS:
        if len(f.cores) <= 3:
            out.update(f.anchors)
        members = [f.member(c) for c in f.cores]
        if f.prefix:  # (a verb may stand between: 进行伟大斗争、建设伟大工程: a member before 、 opens the list)
            out.update(m + "、" for m in members)
        seps = _GATE_SEPS if f.affix else ("、", "和")
        out.update(a + sep + b for a in members for b in members if a != b for sep in seps)
    return frozenset(out)


def _order_gate() -> frozenset[str]:
    """Two names side by side out of a term's order (李强、习近平): a list out of its term's order
    always holds such a pair (a list whose every neighbours are in order is in order). Not a pair in
    the current term's order (赵乐际、王沪宁 is right since 2022 and in every news item that lists
    them; it was wrong in the 十九届, whose lists with it are found only beside another pair)."""
    current = STANDING_COMMITTEES[0][1]
    out: set[str] = set()
    for _term, names in STANDING_COMMITTEES:
        for i, a in enumerate(names):
            for b in names[:i]:
                if a in current and b in current and current.index(a) < current.index(b):
                    continue
                for x in (a, a + "同志"):
                    out.update(x + sep + b for sep in ("、", ",", "和"))
    return frozenset(out)


#: the compositional rules' gate words for each rule
MEMBER_GATE: frozenset[str] = _member_gate()
ORDER_GATE: frozenset[str] = _order_gate()
