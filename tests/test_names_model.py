"""The default name detector with the name model at its cues, and minority names without a Han surname."""
import pytest

from scanner import Scanner
from scanner.detectors.names import NameAddressDetector, _minority_name_re
from scanner.normalize import build_views


@pytest.fixture(scope="module")
def scanner():
    return Scanner()


def people(scanner, text):
    out = []
    for f in scanner.scan(text).findings:
        assert text[f.start:f.end] == f.text
        if f.category == "personal_data" and f.type in ("person_name", "sensitive_personal_info"):
            out.append((f.type, f.severity, f.text, f.suggestion))
    return out


@pytest.mark.parametrize("text, expected", [
    # the name ends where the rules ran on into the verb (孔平犯); one finding covers the label,
    # the name and the criminal record, and masks the name and the record
    ("判决公告：被告人孔平犯盗窃罪，判处有期徒刑一年。",
     ("sensitive_personal_info", "block", "被告人孔平犯盗窃罪，判处有期徒刑一年", "被告人孔某**，**")),
    # a function word the tagger half-joined is cut off
    ("嫌疑人通过QQ添加受害人沈志为好友，骗取资金15384元",
     ("sensitive_personal_info", "block", "受害人沈志", "受害人沈某")),
    # a name the surname rules reject as words (英明) but the tagger is sure of
    ("嫌疑人添加受害人魏英明为好友，骗取资金91.49万",
     ("sensitive_personal_info", "block", "受害人魏英明", "受害人魏某某")),
    # the rules' surname wins where the model is unsure of it and agrees on the end
    ("2. 任玉平，男，往来港澳通行证，证件号码C12345678", ("person_name", "review", "任玉平", "任某")),
    ("1. 东方国涵，女，手机13912345678", ("person_name", "review", "东方国涵", "东方某")),
])
def test_model_delimits_names_at_cues(scanner, text, expected):
    assert expected in people(scanner, text)


@pytest.mark.parametrize("text, name", [
    ("1. 巴特尔，女，身份证号：110101199003077777", "巴特尔"),
    ("1. 阿依古丽·吐尔逊，男，手机13912345678", "阿依古丽·吐尔逊"),
    ("判决公告：被告人扎西多吉犯危险驾驶罪，判处有期徒刑五年。", "扎西多吉"),
    ("行程轨迹：确诊病例次仁卓玛于6月7日乘坐K1156次列车前往拉萨。", "次仁卓玛"),
    ("申请人：努尔兰·哈力克，联系电话13912345678", "努尔兰·哈力克"),
])
def test_minority_names_at_cues_are_masked_whole(scanner, text, name):
    found = {t: s for _, _, t, s in people(scanner, text)}
    # the name alone, or the name inside a sensitive_personal_info finding; masked whole either way
    assert found.get(name) == "某某" or any(name in t and name not in s and "某某" in s for t, s in found.items())


@pytest.mark.parametrize("text", [
    "扎西德勒！藏历新年到了，大家欢聚一堂。",         # a greeting, no cue
    "内蒙古乌兰察布市召开全市经济工作会议。",         # a place
    "巴特尔等一批牧民致富带头人受到表彰。",           # a name with no cue is not the cue detector's business
    "社区居民李某夫妻俩都身有残疾，生活也很困难。",   # an anonymised resident (issue 15: a named one is a block)
])
def test_no_block_without_evidence(scanner, text):
    assert [p for p in people(scanner, text) if p[1] == "block"] == []


def test_minority_parts_pattern():
    rx = _minority_name_re()[0]
    assert rx.fullmatch("扎西多吉") and rx.fullmatch("阿依古丽·吐尔逊") and rx.fullmatch("巴特尔")
    assert not rx.fullmatch("扎西德勒") and not rx.fullmatch("乌兰察布")


def test_without_the_model_the_rules_alone_decide():
    d = NameAddressDetector(use_model=False)
    v = build_views("判决公告：被告人孔平犯盗窃罪，判处有期徒刑一年。")
    names = [f.text for f, _ in d._names(v, v.vis)]
    assert names == ["孔平犯"]  # the surname rules cannot tell where this name ends


def test_info_reports_the_name_model(scanner):
    info = scanner.info()["name_model"]
    assert info["name"] == "zh_name_crf" and info["features"] > 10000
    assert 0 < info["threshold"] < 1
    assert info["trained_on"] == ["cluener train", "resume train", "weibo train"]


@pytest.mark.parametrize("text", [
    "金牌榜上，中国队再获11枚金牌。\n游泳赛场，中国选手获得女子200米个人混合泳铜牌。",  # 女子: an event, not a row's gender
    "铜牌。\n田径赛场，女子铁饼资格赛今天举行。",
    "3分多钟后，男子渐渐清醒，随后被送往医院。",
    "他们没有水、电和药品，患者的生命处于危险之中。",  # 患者: not the 患 of 患有
    "春华秋实，岁物丰成，秋粮也陆续进入收获期。",  # 岁 with no age before it
    "冬至阳生，岁回律转。",
])
def test_words_are_not_a_list_rows_attributes(scanner, text):
    """女子/男子/女儿, 患者 and a 岁 without an age are not the 男/女, 患 and 岁 of a list row: no name
    is read before or after them (and the name model is not asked)."""
    assert people(scanner, text) == []
    d = NameAddressDetector()
    v = build_views(text).vis
    assert [a for a in d._asks(v) if a[2] == "row"] == []


@pytest.mark.parametrize("text, name", [
    ("1. 王小明，女，手机13912345678", "王小明"),
    ("2. 刘德明，男，45岁，身份证号110101198001011234", "刘德明"),
    ("张建华，男子，45岁，家住幸福小区", "张建华"),  # the age still asks
])
def test_list_rows_still_read(scanner, text, name):
    assert any(name in t for _, _, t, _ in people(scanner, text))


@pytest.mark.parametrize("text", [
    "7名工作人员在袭击中身亡，死者包括巴勒斯坦人，以及波兰、澳大利亚和英国人。",  # 包括, not 包 + 括巴
    "患者关于治疗方案的意见已经记录。",
])
def test_a_label_followed_by_a_frequent_word_asks_for_no_name(scanner, text):
    """A label followed by one of jieba's most frequent words that start with a surname character
    (包括, 关于, 成为 …) is the subject of a sentence: no name is read there and the model is not asked."""
    assert people(scanner, text) == []
    d = NameAddressDetector()
    v = build_views(text).vis
    assert [a for a in d._asks(v) if a[2] in ("strong", "label") and a[3] is not None] == []
    assert d._names(build_views(text), v) == []
