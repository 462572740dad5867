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


# ------------------------------------------------------------------ title-anchored names (keyterm.leader.name)
from scanner.detectors import leader_names  # noqa: E402

NAME = leader_names.RULE


def _named(sc, text):
    return _found(sc, text, NAME)


@pytest.mark.parametrize("text,written,severity,fix", [
    ("习近瑚总书记强调，要坚持人民至上。", "习近瑚", "block", "习近平"),     # neither homophone nor look-alike
    ("国家主席习近瑚会见外宾。", "习近瑚", "block", "习近平"),
    ("中央军委主席习近瑚签署命令。", "习近瑚", "block", "习近平"),
    ("全国人大常委会委员长赵乐计主持会议。", "赵乐计", "block", "赵乐际"),
    ("赵乐计委员长出席会议。", "赵乐计", "block", "赵乐际"),
    ("全国政协主席王护宁出席会议。", "王护宁", "block", "王沪宁"),
    ("习*平总书记指出。", "习*平", "block", "习近平"),                     # a mask the dense view dropped
    ("习□平总书记指出。", "习□平", "block", "习近平"),
    ("×近平总书记指出。", "×近平", "block", "习近平"),
    ("习x平总书记讲话。", "习x平", "block", "习近平"),                     # a mask the dense view keeps
    ("習近瑚總書記強調。", "習近瑚", "block", "習近平"),                   # folded by the views; fixed in its script (h14c)
    ("习 近 瑚 总书记强调。", "习 近 瑚", "block", "习近平"),
    ("总理李墙出席会议。", "李墙", "review", "李强"),                       # two characters: review
    ("李墙总理指出。", "李墙", "review", "李强"),
    ("中央纪委书记李西指出。", "李西", "review", "李希"),
    ("中央书记处书记蔡琦主持会议。", "蔡琦", "review", "蔡奇"),
    ("习沂乎总书记主持会议。", "习沂乎", "review", "习近平"),               # two off: a full national title
    ("习*萍总书记指出。", "习*萍", "review", "习近平"),
    ("习近瑚同志强调，总书记指出。", "习近瑚", "review", "习近平"),         # 同志 with the title near
    ("紧密团结在以习近瑚同志为核心的党中央周围。", "习近瑚", "block", "习近平"),  # the core formulation
    ("习近总书记强调。", "习近", "review", "习近平"),                       # a character left out, no mask
    ("全国政协主席王宁出席会议。", "王宁", "review", "王沪宁"),
    ("全国人大常委会委员长赵际主持会议。", "赵际", "review", "赵乐际"),
])
def test_a_name_misspelt_next_to_its_title(national, text, written, severity, fix):
    assert _named(national, text) == [(written, severity, fix)]
    f = next(f for f in national.scan(text).findings if f.rule == NAME)
    from scanner.normalize import normalize  # (the message is written in simplified characters)

    assert (f.category, f.type) == ("improper_wording", "key_term_misspelling") and "是" + normalize(fix) in f.message


@pytest.mark.parametrize("text", [
    # every person of the table, right, next to his titles
    "习近平总书记强调。", "国家主席习近平会见外宾。", "中央军委主席习近平签署命令。", "习近平主席出席会议。",
    "国务院总理李强出席会议。", "李强总理指出。", "全国人大常委会委员长赵乐际主持会议。", "赵乐际委员长出席。",
    "全国政协主席王沪宁出席会议。", "王沪宁主席讲话。", "中央书记处书记蔡奇主持会议。", "中央办公厅主任蔡奇陪同。",
    "国务院副总理丁薛祥出席活动。", "丁薛祥副总理指出。", "中央纪委书记李希指出。", "国家副主席韩正会见外宾。",
    "习近平主席、李强总理、赵乐际委员长、王沪宁主席、蔡奇同志、丁薛祥副总理、李希同志出席。",
    "以习近平同志为核心的党中央，总书记强调。", "以江泽民同志为核心的党中央", "以胡锦涛同志为总书记的党中央",
    "以毛泽东同志为核心的党的第一代中央领导集体", "坚持以人民为中心的发展思想",
    # a character left out: only next to a full national title, the surname written, no word
    "王宁主席出席会议。", "云南省委书记王宁主持会议。", "近平总书记强调。", "委员长赵际主持会议。",
    # 主席 alone is every organisation's title; 同志 reads no 副/原 title and no name with a title of its own
    "市政协主席王建宁带队调研。", "公司工会主席王海宁为职工送温暖。", "县妇联主席习近芳慰问困难群众。",
    "国务院副总理李明同志出席。", "全国政协副主席王沪生同志讲话。", "原国家主席习近芳同志。",
    "会议传达了李强总理的重要讲话精神，县委书记李伟同志主持会议。",
    "传达全国政协主席王沪宁讲话精神，县政协主席王建宁同志主持。",
    # other people next to a title
    "李克强总理指出。", "国务院总理李克强出席会议。", "克强总理说，要抓落实。", "新加坡总理李显龙会见。",
    "原总理李鹏出席。", "国务总理李洛渊访华。", "越南国家主席梁强会见。", "胡锦涛总书记指出。",
    "国务院副总理何立峰出席活动。", "李总理来到车间。", "毛主席纪念堂", "中宣部部长李书磊出席。",
    "县委书记李明主持会议。", "村支部书记王沪生说。", "赵紫阳总书记", "同志们，总书记强调。",
    "国家主席习近平和总书记", "总书记习近平强调。", "主席台就座的有赵乐际同志。",
])
def test_right_names_and_other_people_are_quiet(national, text):
    assert _named(national, text) == []


def test_a_county_leader_misspelt_next_to_the_county_title(county, national):
    assert _named(county, "县长赵样利主持会议。") == [("赵样利", "block", "赵样例")]
    assert _named(county, "县委书记王示凡到乡镇调研。") == [("王示凡", "block", "王示范")]
    assert _named(county, "钱模扳县人大常委会主任出席。") == [("钱模扳", "block", "钱模板")]
    for right in ("县长赵样例出席。", "赵样例县长", "县委书记王示范主持召开会议。", "副县长赵样利出席活动。"):
        assert _named(county, right) == []
    assert _named(county, "县长赵祥利主持会议。") == []  # two off next to a county title: not read
    assert _named(national, "县长赵样利主持会议。") == []  # no county table, no county title
    assert _named(county, "习近瑚总书记强调。") == [("习近瑚", "block", "习近平")]  # the national table stays


def test_anchors_come_from_the_table():
    rows = load_leaders([bundled_lexicon_dir()])
    a = leader_names.NameAnchors(rows, str(bundled_lexicon_dir()))
    assert a.anchors["总书记"] == ("习近平",) and a.anchors["总理"] == ("李强",)
    assert a.anchors["委员长"] == ("赵乐际",)  # a title's last word no organisation writes
    # organisations at every level write these (市政协主席, 县委书记): never an anchor alone
    assert "主席" not in a.anchors and "书记" not in a.anchors and "主任" not in a.anchors
    assert not any("副" in t for t in a.anchors)
    assert a.two_off == {"总书记", "国家主席", "中央军委主席", "全国人大常委会委员长", "全国政协主席"}


def test_two_off_is_no_word_after_the_surname(national):
    assert _named(national, "全国政协主席王出席开幕会。") == []  # 王 + 出席: a surname and a verb


def test_a_repeated_character_spans_as_the_lexicon_variants_do(national):
    # (from the last time of the repeated first character: where a key-term variant finds the same
    # name, the two findings have one span and the merge keeps the variant's)
    assert _named(national, "会上，习习近瑚总书记指出。") == [("习近瑚", "block", "习近平")]


def test_a_county_folder_beside_the_bundled_one_is_not_bundled():
    # (a path test, not a string prefix: lexicons_county is no folder of lexicons)
    assert leader_names._inside("/srv/lexicons/improper_wording/leaders.tsv", "/srv/lexicons")
    assert not leader_names._inside("/srv/lexicons_county/leaders.tsv", "/srv/lexicons")
