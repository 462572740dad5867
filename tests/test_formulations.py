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


# ------------------------------------------------------------------ leaders' titles from the lexicons
from pathlib import Path  # noqa: E402

from scanner.batch.fingerprint import lexicon_rows  # noqa: E402
from scanner.errors import LexiconError  # noqa: E402
from scanner.lexicon import lint, load_leaders  # noqa: E402
from scanner.resources import bundled_lexicon_dir  # noqa: E402

COUNTY = Path(__file__).resolve().parent.parent / "docs" / "examples" / "county-lexicon"


@pytest.fixture(scope="module")
def national():
    return Scanner(detectors=("compositional",))


@pytest.fixture(scope="module")
def county():
    return Scanner(detectors=("compositional",), lexicon_dirs=[str(COUNTY)])


@pytest.mark.parametrize("text,fix,says", [
    ("全国政协主席赵乐际出席会议。", "全国人大常委会委员长赵乐际", "全国政协主席是王沪宁"),
    ("国务院总理王沪宁会见外宾。", "全国政协主席王沪宁", "国务院总理是李强"),
    ("北京市委书记李强到基层调研。", "国务院总理李强", "李强的职务是国务院总理"),
])
def test_a_title_the_leader_never_held(national, text, fix, says):
    f = [f for f in national.scan(text).findings if f.rule == "keyterm.leader.title"]
    assert len(f) == 1 and f[0].severity == "block" and f[0].suggestion == fix and says in f[0].message
    assert text[f[0].start:f[0].end] == f[0].text


@pytest.mark.parametrize("text", [
    "全国人大常委会委员长赵乐际出席会议。",
    "中央纪委书记赵乐际作工作报告。",          # held 2017-2022: news of that time is right
    "上海市委书记李强主持会议。",
    "国务院副总理何立峰出席活动。",            # a name the table does not hold
])
def test_titles_held_now_or_before_are_quiet(national, text):
    assert _found(national, text, "keyterm.leader.title") == []


def test_no_bundled_lexicons_no_national_table():
    bare = Scanner(detectors=("compositional",), bundled_lexicons=False)
    assert _found(bare, "全国政协主席赵乐际出席会议。", "keyterm.leader.title") == []


def test_a_county_adds_its_leaders(county, national):
    assert [x[0] for x in _found(county, "县委书记赵样例主持召开会议。", "keyterm.leader.title")] == ["县委书记赵样例"]
    assert _found(county, "时任县长王示范到乡镇调研。", "keyterm.leader.title") == []  # held 2018-2021
    assert _found(county, "副县长钱模板出席活动。", "keyterm.leader.title") == []  # another title
    assert _found(county, "全国政协主席赵乐际出席会议。", "keyterm.leader.title")  # the national table stays
    assert _found(national, "县委书记赵样例主持召开会议。", "keyterm.leader.title") == []


def test_leaders_rows_are_read_with_their_dates():
    rows = load_leaders([bundled_lexicon_dir()])
    now = {(r.name, r.title) for r in rows if r.current}
    assert ("赵乐际", "全国人大常委会委员长") in now and ("赵乐际", "中央纪委书记") not in now
    assert all(r.basis and r.start <= (r.end or "9999") for r in rows)


@pytest.mark.parametrize("row,problem", [
    ("x.bad\t王示范\t县长\t2021-13-01\t\t依据", "not YYYY-MM-DD"),
    ("x.bad\t王示范\t县长\t2021-06-01\t2020-01-01\t依据", "before 'from'"),
    ("x.bad\t王示范\t县长\t2021-06-01\t\t", "basis are required"),
])
def test_a_bad_leaders_row_is_an_error(tmp_path, row, problem):
    (tmp_path / "manifest.toml").write_text(
        'version = "1"\n[[lexicon]]\nname = "t"\nkind = "leaders"\nfile = "l.tsv"\ncategory = "improper_wording"\n'
        'version = "1"\nsource = "s"\nlicence = "CC0-1.0"\n', encoding="utf-8")
    (tmp_path / "l.tsv").write_text("id\tname\ttitle\tfrom\tto\tbasis\tnote\n" + row + "\n", encoding="utf-8")
    with pytest.raises(LexiconError) as e:
        load_leaders([tmp_path])
    assert any(problem in p for p in e.value.problems)
    errors, _ = lint([tmp_path])
    assert any(problem in p for p in errors)


def test_a_leaders_change_is_a_changed_row_for_the_rescan(county, national):
    names = {key for _fp, rule, key in lexicon_rows(county) if rule.startswith("county_example.title.")}
    assert names == {"王示范", "赵样例", "钱模板"}
    assert not any(rule.startswith("county_example.") for _fp, rule, _k in lexicon_rows(national))
