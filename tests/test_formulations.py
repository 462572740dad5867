"""Fixed formulations read by their members, and the Standing Committee's order (issue 16)."""
from __future__ import annotations

import pytest

from scanner import Scanner
from scanner.detectors.formulations import FORMULATIONS, STANDING_COMMITTEES, member_errors, order_errors


@pytest.fixture(scope="module")
def sc():
    return Scanner(detectors=("compositional",), bundled_lexicons=False)


def _found(sc, text, rule):
    out = []
    for f in sc.scan(text).findings:
        assert text[f.start:f.end] == f.text
        if f.rule == rule:
            out.append((f.text, f.severity, f.suggestion))
    return out


# (text, the wrong member as written, severity, the member it should be)
MEMBER_HITS = [
    ("要增强“四个意识”：政治意识、大局意识、核心意识和服务意识。", "服务意识", "block", "看齐意识"),
    ("增强政治意识、大局意识、核心意识、责任意识。", "责任意识", "review", "看齐意识"),
    ("坚定道路自信、理论自信、制度自信、民族自信。", "民族自信", "review", "文化自信"),
    ("进行伟大斗争、建设伟大工程、推进伟大事业、实现伟大理想。", "伟大理想", "review", "伟大梦想"),
    ("贯彻创新、协调、绿色、开放、共赢的新发展理念。", "共赢", "block", "共享"),
    ("推动创新发展、协调发展、绿色发展、开放发展、合作发展。", "合作发展", "review", "共享发展"),
    ("践行“三严三实”：严以修身、严以用权、严以待人。", "严以待人", "block", "严以律己"),
    ("统筹推进经济建设、政治建设、文化建设、社会建设、党的建设。", "党的建设", "review", "生态文明建设"),
]

MEMBER_MISSES = [
    "增强政治意识、大局意识、核心意识、看齐意识，坚定四个自信。",
    "增强忧患意识、政治意识、大局意识、核心意识、看齐意识。",             # five items: not the formulation
    "统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设和党的建设。",  # six items
    "推进社会主义经济建设、政治建设、文化建设、社会建设，加快全面建设小康社会进程。",  # a comma starts a clause
    "进行伟大斗争、建设伟大工程、推进伟大事业、实现伟大梦想。",
    "贯彻创新、协调、绿色、开放、共享的新发展理念。",
    "严以修身、严以用权、严以律己，谋事要实、创业要实、做人要实。",
    "增强政治意识、责任意识、纪律意识、服务意识。",                       # one member of four: another list
    "严以修身、严以用权、严以待人。",                                   # three items, no name: not judged
]


@pytest.mark.parametrize("text,wrong,severity,fix", MEMBER_HITS)
def test_wrong_member(sc, text, wrong, severity, fix):
    assert _found(sc, text, "keyterm.formulation.member") == [(wrong, severity, fix)]


@pytest.mark.parametrize("text", MEMBER_MISSES)
def test_right_members_and_other_lists_are_quiet(sc, text):
    assert _found(sc, text, "keyterm.formulation.member") == []


ORDER_HITS = [
    ("习近平、李强、王沪宁、赵乐际、蔡奇、丁薛祥、李希出席会议。", "习近平、李强、赵乐际、王沪宁、蔡奇、丁薛祥、李希"),
    ("李希和丁薛祥同志出席。", "丁薛祥、李希"),
    ("习近平、李克强、汪洋、栗战书出席。", "习近平、李克强、栗战书、汪洋"),  # the term before: its own order
]

ORDER_MISSES = [
    "习近平、李强、赵乐际、王沪宁、蔡奇、丁薛祥、李希出席会议。",
    "习近平、李克强、栗战书、汪洋、王沪宁、赵乐际、韩正出席。",
    "王沪宁、赵乐际出席。",  # right from 2017 to 2022, wrong since: the names do not tell the term
    "王晨、刘鹤、许其亮、孙春兰、李希、李强、李鸿忠、杨洁篪当选。",  # the Politburo in stroke order
    "李强、李克强出席。",  # two terms' names together: not judged
]


@pytest.mark.parametrize("text,right", ORDER_HITS)
def test_standing_committee_out_of_order(sc, text, right):
    assert [(f[1], f[2]) for f in _found(sc, text, "keyterm.leader.order")] == [("review", right)]


@pytest.mark.parametrize("text", ORDER_MISSES)
def test_standing_committee_in_order_or_not_judged(sc, text):
    assert _found(sc, text, "keyterm.leader.order") == []


def test_tables_are_consistent():
    for f in FORMULATIONS:
        assert len(set(f.cores)) == len(f.cores) >= 3 and f.basis and f.anchors
    for term, names in STANDING_COMMITTEES:
        assert len(names) == 7 == len(set(names)) and names[0] == "习近平" and term


def test_windows_bound_the_search():
    d = "增强政治意识、大局意识、核心意识、责任意识。"
    assert member_errors(d, [(0, len(d))]) and not member_errors(d, [(0, 5)])
    d = "李希和丁薛祥同志出席。"
    assert order_errors(d, [(0, len(d))]) and not order_errors(d, [(0, 2)])


def test_default_scanner_reports_them():
    res = Scanner().scan("要增强“四个意识”：政治意识、大局意识、核心意识和服务意识。")
    f = next(f for f in res.findings if f.rule == "keyterm.formulation.member")
    assert (f.category, f.type, f.text) == ("improper_wording", "key_term_misspelling", "服务意识")
    assert res.verdict == "block"
