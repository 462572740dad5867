"""The wording rules' leftovers a reviewer found after the fourteenth session (h15d, fifteenth session).

Each case is written from the norm it enforces and ordinary news wording, none from the disguise
benchmark's items (issue 16):

1. a leader's title with any one character wrong right after or before his name (国家主度, 国务院总埋):
   compositional.title_slips, beside the lexicon's sound and shape slips;
2. a territorial claim reported after 称 is quiet only when the claimant's side says it (日方称); 专家称 in
   our own post asserts it (wording.territory.claim);
3. the ROC era after 1949 in Chinese numerals (民国一一三年, 民国七十年): wording.tw.roc_era, Gregorian year;
4. the second island of a list (日本钓鱼岛和菲律宾黄岩岛);
5. a suggestion is replacement text: applied, the text reads right and is quiet on rescan;
6. a wording term named as wrong wording (两岸三地的说法不规范) is quiet;
7. the 上访人员 / 布控 rows' quiet words are read on the hit's own line (option ``line``);
8. a full name after 实名举报人 (王某 is the anonymised form: quiet); an act that opens its clause against
   the addressee's property (一把火烧了你家的厂子: review)."""
from __future__ import annotations

from pathlib import Path

import pytest

from scanner import Scanner
from scanner.lexicon import TITLE_SLIP_RULE

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sc():
    return Scanner()


def found(sc, text, rule=None):
    out = []
    for f in sc.scan(text).findings:
        assert text[f.start:f.end] == f.text
        if rule is None or f.rule == rule:
            out.append((f.text, f.rule, f.severity, f.suggestion))
    return out


# ------------------------------------------------------------------ 1. title slips, any character
@pytest.mark.parametrize("text, span, fix", [
    ("习近平国家主度出席会议。", "习近平国家主度", "习近平国家主席"),
    ("习近平总书记、国家主度、中央军委主席出席大会。", "国家主度", "国家主席"),
    ("李强总理、国务院总埋出席。", "国务院总埋", "国务院总理"),
    ("国务院总埋李强主持召开国务院常务会议。", "国务院总埋李强", "国务院总理李强"),
    ("国家主度习近平发表新年贺词。", "国家主度习近平", "国家主席习近平"),
    ("中央书记处书记、中央办公厅主壬蔡奇出席。", "中央办公厅主壬蔡奇", "中央办公厅主任蔡奇"),
])
def test_title_with_one_character_wrong_next_to_the_name(sc, text, span, fix):
    assert [(t, sev, s) for t, _r, sev, s in found(sc, text, TITLE_SLIP_RULE)] == [(span, "block", fix)]


@pytest.mark.parametrize("text", [
    "国家主席习近平、国务院总理李强、全国人大常委会委员长赵乐际出席。",
    "习近平总书记、国家主席、中央军委主席出席大会并发表重要讲话。",
    "李强是长沙人，毕业于本地一所中学。",          # a function word next to the name
    "李强国务院总部大楼前的广场上。",               # 总部: an ordinary word over the slipped character
    "国家主席团成员习近平同志出席。",
    "赵乐际委员会议上强调。",                       # 委员会: a word
    "国务院总埋头苦干",                             # no name
    "李强浙江省人，1990年参加工作。",               # a past title (浙江省长), after a two-character name
    "蔡奇北京市长安街",
    "赵乐际陕西省委党校",
])
def test_right_titles_and_ordinary_words_are_no_title_slip(sc, text):
    assert found(sc, text, TITLE_SLIP_RULE) == []


# ------------------------------------------------------------------ 2. who says the claim
@pytest.mark.parametrize("text", ["专家称钓鱼岛是日本领土。", "有人认为黄岩岛属于菲律宾，值得讨论。", "钓鱼岛是日本领土。"])
def test_a_claim_no_claimant_says_is_read(sc, text):
    assert [r for _t, r, _s, _g in found(sc, text)] == ["wording.territory.claim"]


@pytest.mark.parametrize("text", ["日方称钓鱼岛是日本领土。", "日本政府坚持认为钓鱼岛是日本领土。", "菲律宾外交部表示黄岩岛属于菲律宾。",
                                  "钓鱼岛是日本领土的说法在网上流传。", "日方妄称钓鱼岛是日本领土，中方坚决反对。"])
def test_the_claimant_s_claim_reported_is_quiet(sc, text):
    assert found(sc, text, "wording.territory.claim") == []


# ------------------------------------------------------------------ 3. ROC era in Chinese numerals
@pytest.mark.parametrize("text, span, year", [
    ("民国一一三年发布的文件。", "民国一一三", "2024"),
    ("他生于民国七十年。", "民国七十", "1981"),
    ("落款为中华民国一百一十三年。", "中华民国一百一十三", "2024"),
    ("民国70年台北出版。", "民国70", "1981"),
    ("他生于民國七十年。", "民國七十", "1981"),
])
def test_roc_era_after_1949_suggests_the_gregorian_year(sc, text, span, year):
    assert found(sc, text, "wording.tw.roc_era") == [(span, "wording.tw.roc_era", "block", year)]


@pytest.mark.parametrize("text", ["民国三十年，日军轰炸重庆。", "民国三十八年", "民国十五年北伐开始。", "民国一百年"])
def test_roc_era_up_to_1949_and_the_rows_own_years_are_not_this_rule_s(sc, text):
    assert found(sc, text, "wording.tw.roc_era") == []


def test_roc_era_rows_suggest_a_year():
    assert [f.suggestion for f in Scanner().scan("民国一百年").findings] == ["2011"]


# ------------------------------------------------------------------ 4. lists of islands
def test_every_island_of_a_list_is_read(sc):
    got = found(sc, "日本钓鱼岛和菲律宾黄岩岛都是热点。", "wording.territory.attributed")
    assert [(t, s) for t, _r, _v, s in got] == [("日本钓鱼岛", "钓鱼岛"), ("菲律宾黄岩岛", "黄岩岛")]
    assert found(sc, "中国与日本钓鱼岛争端由来已久。", "wording.territory.attributed") == []
    assert found(sc, "钓鱼岛和黄岩岛都是中国领土。") == []


# ------------------------------------------------------------------ 5. suggestions are replacement text
def apply(text, findings):
    for f in sorted(findings, key=lambda f: -f.start):
        text = text[:f.start] + f.suggestion + text[f.end:]
    return text


@pytest.mark.parametrize("text, fixed", [
    ("这本手册把日本尖阁诸岛列为景点。", "这本手册把钓鱼岛及其附属岛屿列为景点。"),
    ("台湾国防部长近日发表涉陆言论。", "台湾防务部门负责人近日发表涉陆言论。"),
    ("有游客在中华民国总统府前合影。", "有游客在台湾当局领导人办公场所前合影。"),
    ("民国一一三年发布的文件。", "2024年发布的文件。"),
])
def test_suggestions_read_right(sc, text, fixed):
    fs = [f for f in sc.scan(text).findings if f.suggestion is not None]
    assert apply(text, fs) == fixed
    assert [f for f in sc.scan(fixed).findings if f.severity in ("block", "review")] == []


def test_suggestions_of_every_wording_example_leave_the_text_quiet(sc):
    """SPEC: a suggestion is replacement text for [start, end); every suggestion of a must-hit example of
    the wording lexicons applied, the text is quiet on rescan (h15d: 日本尖阁诸岛 gave 日本钓鱼岛及其附属岛屿)."""
    bad = []
    for p in sorted((ROOT / "lexicons" / "improper_wording").glob("*.examples.tsv")):
        for line in p.read_text(encoding="utf-8").splitlines():
            c = line.split("\t")
            if len(c) < 3 or c[0] != "hit":
                continue
            t = c[2].replace("\\n", "\n").replace("\\t", "\t")
            fs = [f for f in sc.scan(t).findings if f.suggestion is not None and f.category == "improper_wording"]
            if not fs:
                continue
            out = apply(t, fs)
            again = [f.text for f in sc.scan(out).findings
                     if f.category == "improper_wording" and f.severity in ("block", "review")]
            if again:
                bad.append((p.name, c[1], out, again))
    assert bad == []


# ------------------------------------------------------------------ 6. the term named as wrong wording
@pytest.mark.parametrize("text", ["两岸三地的说法不规范，应改为海峡两岸和香港、澳门。", "“两岸三地”这一提法不准确。",
                                  "不得使用“两岸三地”，可表述为“海峡两岸和香港、澳门”。"])
def test_a_term_named_as_wrong_wording_is_quiet(sc, text):
    assert found(sc, text, "xinhua.two_sides_three_places") == []


@pytest.mark.parametrize("text", ["本次论坛吸引了两岸三地的200余名青年企业家参加。", "两岸三地的说法由来已久。"])
def test_the_term_used_is_still_read(sc, text):
    assert [r for _t, r, _s, _g in found(sc, text, "xinhua.two_sides_three_places")] == ["xinhua.two_sides_three_places"]


# ------------------------------------------------------------------ 7. quiet words on the hit's line
def test_quiet_words_of_the_next_paragraph_do_not_silence_the_row(sc):
    assert [r for _t, r, _s, _g in found(sc, "进京上访人员名单附后。\n县信访局接待群众36批次。", "secret.topic.shangfang_renyuan")] \
        == ["secret.topic.shangfang_renyuan"]
    assert [r for _t, r, _s, _g in found(sc, "对重点人员实行24小时布控。\n另讯：县公安局破获一起盗窃案件。", "secret.topic.bukong")] \
        == ["secret.topic.bukong"]
    assert found(sc, "县公安局对重点人员布控后，成功抓获一名在逃嫌疑人。", "secret.topic.bukong") == []


# ------------------------------------------------------------------ 8. whistle-blower, addressed threat
def test_a_full_name_after_the_whistle_blower_is_read(sc):
    assert [t for t, *_ in found(sc, "实名举报人王建国向县纪委反映情况。", "secret.topic.composed")] == ["实名举报人王建国"]
    assert [t for t, *_ in found(sc, "实名举报人李强称，村干部侵占补偿款。", "secret.topic.composed")] == ["实名举报人李强"]


@pytest.mark.parametrize("text", ["实名举报人王某反映情况。", "实名举报人张某某称，问题已解决。", "实名举报人向县纪委反映情况。",
                                  "今年实名举报人数同比增长20%。", "对实名举报人要做到件件有回复。"])
def test_anonymised_or_no_name_is_quiet(sc, text):
    assert found(sc, text, "secret.topic.composed") == []


@pytest.mark.parametrize("text", ["一把火烧了你家的厂子。", "再闹就一把火烧了你家的厂子！", "砸了你家的车！"])
def test_an_act_against_the_addressee_s_property_is_reviewed(sc, text):
    assert [(r, s) for _t, r, s, _g in found(sc, text, "prohibited.threat.violence")] == [("prohibited.threat.violence", "review")]


@pytest.mark.parametrize("text", ["他一把火烧了你家的厂子。", "一场大火烧了你家的厂子，损失惨重。", "打死你！",
                                  "去年一把火烧了你家的厂子，你忘了？"])
def test_a_narrated_act_is_no_threat(sc, text):
    assert found(sc, text, "prohibited.threat.violence") == []
