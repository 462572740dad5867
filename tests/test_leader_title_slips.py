"""A leader's title misspelt next to his name (h13a, thirteenth session): 习近平总书计, 李强总里, 赵乐际委员常.

The leaders table (kind = "leaders") makes key terms of each name with its titles
(scanner.variants.title_forms); only the title part varies (sound, shape, order), so a title alone
(总书记, 总理) is never read, and a name followed by ordinary words (李希书籍, 李强生长) is no slip.
Examples written from the table and ordinary news wording, none from the benchmark's items."""
from __future__ import annotations

import pytest

from scanner import Scanner
from scanner.lexicon import TITLE_SLIP_RULE
from scanner.variants import short_title, title_chains, title_forms, title_misspellings


@pytest.fixture(scope="module")
def sc():
    return Scanner()


def slips(sc, text):
    out = []
    for f in sc.scan(text).findings:
        assert text[f.start:f.end] == f.text
        if f.rule == TITLE_SLIP_RULE:
            out.append((f.text, f.suggestion, f.severity, f.type))
    return out


@pytest.mark.parametrize("text, span, fix", [
    ("习近平总书计在会上强调，要坚持稳中求进。", "习近平总书计", "习近平总书记"),
    ("深入学习贯彻习近平总书纪重要讲话精神。", "习近平总书纪", "习近平总书记"),
    ("李强总里主持召开国务院常务会议。", "李强总里", "李强总理"),
    ("赵乐际委员常出席座谈会。", "赵乐际委员常", "赵乐际委员长"),
    ("国务院总里李强主持会议。", "国务院总里李强", "国务院总理李强"),
    ("王沪宁主习出席开幕会。", "王沪宁主习", "王沪宁主席"),
    ("丁薛祥付总理致辞。", "丁薛祥付总理", "丁薛祥副总理"),
    ("習近平總書計強調。", "習近平總書計", "習近平總書記"),  # traditional: read by the norm view, fixed in its script
])
def test_misspelt_title_after_or_before_the_name(sc, text, span, fix):
    assert slips(sc, text) == [(span, fix, "block", "key_term_misspelling")]


@pytest.mark.parametrize("text", [
    "习近平总书记在会上强调，要坚持稳中求进。",
    "习近平总书记记者见面会",
    "习近平总书记在",
    "李强总理主持召开国务院常务会议。",
    "国家主席习近平、国务院总理李强、全国人大常委会委员长赵乐际、全国政协主席王沪宁出席。",
    "李希书记、蔡奇主任、丁薛祥副总理、韩正副主席出席。",
    "李希书籍捐赠仪式在村图书室举行。",       # a name followed by ordinary words
    "李强生长在农村，从小热爱劳动。",
    "蔡奇市场监管所所长介绍情况。",
    "总书计、总里这类错字不单独报告。",        # a title alone names nobody
])
def test_right_titles_and_ordinary_words_are_quiet(sc, text):
    assert slips(sc, text) == []


def test_forms_and_slips_touch_the_title_only():
    assert short_title("国家主席") == "主席" and short_title("国务院副总理") == "副总理"
    assert short_title("浙江省长") == "省长" and short_title("总书记") == "总书记"
    assert title_forms("习近平", "国家主席") == [("习近平主席", 3, 5), ("国家主席习近平", 0, 4)]
    for compound, lo, hi in title_forms("习近平", "总书记") + title_forms("李强", "国务院总理"):
        vs = title_misspellings(compound, lo, hi)
        assert vs and compound not in vs
        for v in vs:
            assert len(v) == len(compound) and v[:lo] == compound[:lo] and v[hi:] == compound[hi:]
    assert "李希书籍" not in title_misspellings("李希书记", 2, 4)  # 书籍: a word over the slipped character


def test_official_texts_gain_no_title_slip(sc):
    from conftest import official_texts

    assert [(i, f.text) for i, t in official_texts() for f in sc.scan(t).findings if f.rule == TITLE_SLIP_RULE] == []


@pytest.mark.parametrize("text", ["蔡奇是长期关注这一问题的专家。", "赵乐际不长时间就赶到了。", "李强是长沙人。"])
def test_a_function_word_next_to_the_name_is_no_slip(sc, text):
    """The title's character next to the name slipped into a function word (市 → 是, 部 → 不) starts an
    ordinary clause after a common name (TITLE_FUNCTION_FREQ)."""
    assert slips(sc, text) == []


# h13r: a slip of a title farther from the name, in the titles a person holds now written in a row
# (中共中央总书记、国家主席、中央军委主席习近平: the news formula; examples written from the table)
@pytest.mark.parametrize("text, span, fix", [
    ("中共中央总书记、国家注席、中央军委主席习近平出席大会。", "总书记、国家注席、中央军委主席习近平",
     "总书记、国家主席、中央军委主席习近平"),
    ("中共中央总书计、国家主席、中央军委主席习近平出席大会。", "总书计、国家主席、中央军委主席习近平",
     "总书记、国家主席、中央军委主席习近平"),
    ("国家注席、中央军委主席习近平签署命令。", "国家注席、中央军委主席习近平", "国家主席、中央军委主席习近平"),
    ("中央书记处书计、中央办公厅主任蔡奇出席。", "中央书记处书计、中央办公厅主任蔡奇", "中央书记处书记、中央办公厅主任蔡奇"),
])
def test_misspelt_title_in_a_row_of_titles(sc, text, span, fix):
    assert slips(sc, text) == [(span, fix, "block", "key_term_misspelling")]


@pytest.mark.parametrize("text", [
    "中共中央总书记、国家主席、中央军委主席习近平出席大会并发表重要讲话。",
    "国家主席、中央军委主席习近平签署命令。",
    "中共中央政治局常委、中央书记处书记、中央办公厅主任蔡奇出席。",
    "中共中央总书记、国家主席、中央军委主席习近平，国务院总理李强出席。",
])
def test_a_row_of_right_titles_is_quiet(sc, text):
    assert slips(sc, text) == []


def test_title_chains():
    rows = [("习近平", "总书记", True), ("习近平", "国家主席", True), ("习近平", "国家副主席", False),
            ("习近平", "中央军委主席", True), ("李强", "国务院总理", True), ("李强", "总理", True)]
    got = [f for f, _i in title_chains(rows)]
    assert got == [("总书记、国家主席、中央军委主席习近平", 0, 3), ("总书记、国家主席、中央军委主席习近平", 4, 8),
                   ("国家主席、中央军委主席习近平", 0, 4)]  # (a former title, or 总理 ending 国务院总理: no chain)


# h14c: a slip of a current title written after the name (in a row of titles, or after 同志任): the title read
# alone (variants.title_alone, three characters or more), its slip only with the holder's name within 20 characters
@pytest.mark.parametrize("text, span, fix", [
    ("习近平总书记、国家主习出席会议。", "国家主习", "国家主席"),
    ("习近平总书记、国家主習出席会议。", "国家主習", "国家主席"),  # (a text of both scripts: 国家 stays simplified)
    ("習近平總書記、國家主習出席會議。", "國家主習", "國家主席"),
    ("李强总理、国务院总里出席。", "国务院总里", "国务院总理"),
    ("习近平同志任中共中央总书计。", "总书计", "总书记"),
    ("习近平总书记、国家主席、中央军委主习出席。", "中央军委主习", "中央军委主席"),
    ("赵乐际委员长、全国人大常委会委员常出席。", "全国人大常委会委员常", "全国人大常委会委员长"),
    ("丁薛祥同志任国务院副总里。", "国务院副总里", "国务院副总理"),
])
def test_misspelt_title_after_the_name(sc, text, span, fix):
    assert slips(sc, text) == [(span, fix, "block", "key_term_misspelling")]


@pytest.mark.parametrize("text", [
    "习近平总书记、国家主席出席会议。",
    "中共中央总书记、国家主席、中央军委主席习近平同志出席。",
    "国务院副总里",                        # no holder's name near it
    "中央军委主习",
    "韩正同志任国务院副总里。",            # a title no longer held (韩正 2018-2023): not read
    "李强同志任上海市委书计。",            # (a former title: not read alone)
    "习近平总书记、国家副主席出席。",
    # a short title's slip whose unchanged side is a word (委员|常, 宗|书记): ordinary words beside the name
    "赵乐际强调，各位委员常怀敬畏之心。",
    "习近平总书记看望了宗书记一家。",
    "赵乐际委员长与委员畅谈。",
])
def test_title_alone_needs_its_current_holder(sc, text):
    assert slips(sc, text) == []


def test_title_alone_forms():
    from scanner.variants import title_alone

    rows = [("习近平", "总书记", True), ("习近平", "国家副主席", False), ("李强", "总理", True), ("李强", "国务院总理", True)]
    assert [f for f, _i in title_alone(rows)] == [("总书记", 0, 3), ("国务院总理", 0, 5)]


def test_a_slip_that_ends_on_the_first_character_of_the_name(sc):
    # h14r: 国家主習|习近平 — the title's last character is the name's first one; the dense view
    # collapses the two, and the finding took the name's first character (suggestion 国家主席
    # applied gave 国家主席近平). A hit closes on the first of such a repeat.
    for text, span in (("习近平同志出席会议，国家主習习近平讲话。", "国家主習"), ("国家主习习近平讲话。", "国家主习")):
        fs = [f for f in sc.scan(text).findings if f.rule == "keyterm.leader.title_spelling"]
        assert [f.text for f in fs] == [span], (text, fs)
        f = fs[0]
        assert text[:f.start] + f.suggestion + text[f.end:] == text.replace(span, "国家主席")
    # a repeat that disguises a term keeps its whole run
    assert [f.text for f in sc.scan("习近乎乎发表讲话").findings if f.rule.startswith("keyterm")] == ["习近乎乎"]
