"""The wording rules that generalise (issue 16, scanner/detectors/wording.py): each rule with
examples written from its norm that must hit and must not hit, exact offsets, and the default set."""
from __future__ import annotations

import pytest

from scanner import Scanner
from scanner.config import ALL_DETECTORS
from scanner.detectors import wording as W


@pytest.fixture(scope="module")
def sc():
    return Scanner(detectors=("wording",), bundled_lexicons=False)


def found(sc, text):
    fs = sc.scan(text)
    fs = fs.findings if hasattr(fs, "findings") else fs
    for f in fs:
        assert text[f.start:f.end] == f.text  # offsets exact in the original text
    return [(f.text, f.type, f.rule) for f in fs]


def test_on_by_default():
    assert "wording" in ALL_DETECTORS
    assert "wording" in [d.name for d in Scanner()._detectors]


HITS = [
    # 新华社 2016 法律法规类: the norm's own examples and the rule over other groups and labels
    ("警方抓获一名河南小偷。", "河南小偷", "banned_term", "wording.slur.label"),
    ("据报道，一名安徽农民歹徒持刀行凶。", "农民歹徒", "banned_term", "wording.slur.label"),
    ("这名工人小偷已被刑拘。", "工人小偷", "banned_term", "wording.slur.label"),
    ("昨天一名教授罪犯被押解回国。", "教授罪犯", "banned_term", "wording.slur.label"),
    ("网传有东北籍骗子冒充客服。", "东北籍骗子", "banned_term", "wording.slur.label"),
    ("一名快递员劫匪落网。", "快递员劫匪", "banned_term", "wording.slur.label"),
    ("一名黑人罪犯抢劫商店。", "黑人罪犯", "banned_term", "wording.slur.label"),
    ("这个女小偷专挑老人下手。", "女小偷", "banned_term", "wording.slur.label"),
    # 民族宗教类: an ethnic group or a faith as a label of crime or terror
    ("报道称一名维吾尔族恐怖分子被捕。", "维吾尔族恐怖分子", "banned_term", "wording.slur.label"),
    ("有自媒体渲染穆斯林极端分子威胁。", "穆斯林极端分子", "banned_term", "wording.slur.label"),
    # group joined to a derogatory head
    ("评论区里有人骂上海佬。", "上海佬", "banned_term", "wording.slur.group"),
    ("他张口就是越南猴子。", "越南猴子", "banned_term", "wording.slur.group"),
    ("有网友称对方为高丽棒子。", "高丽棒子", "banned_term", "wording.slur.group"),
    ("一句韩国狗引发争吵。", "韩国狗", "banned_term", "wording.slur.group"),
    # a group's generalisation with a derogatory predicate
    ("他说河南人都是骗子。", "河南人都是骗子", "banned_term", "wording.slur.stereotype"),
    ("有人说新疆人天生懒。", "新疆人天生懒", "banned_term", "wording.slur.stereotype"),
    ("农民工都是小偷这种说法。", "农民工都是小偷", "banned_term", "wording.slur.stereotype"),
    # sex and age: a stereotype, a derogatory modifier on a sex or age head
    ("有人说女司机都是马路杀手。", "女司机都是马路杀手", "banned_term", "wording.slur.sex_age"),
    ("他说老人都是碰瓷的。", "老人都是碰瓷", "banned_term", "wording.slur.sex_age"),
    ("她被同事称作剩女。", "剩女", "banned_term", "wording.slur.sex_age"),
    ("这个渣男骗了她。", "渣男", "banned_term", "wording.slur.sex_age"),
    ("回家面对黄脸婆。", "黄脸婆", "banned_term", "wording.slur.sex_age"),
    # 中国残联 2022·八 and the morphemes of its list
    ("村里有个瘸子在修鞋。", "瘸子", "banned_term", "wording.slur.disability"),
    ("那个瘫子每天坐在门口。", "瘫子", "banned_term", "wording.slur.disability"),
    ("他们叫他聋子。", "聋子", "banned_term", "wording.slur.disability"),
    ("别理那个脑残。", "脑残", "banned_term", "wording.slur.disability"),
    # agencies of the reforms (central table, local forms with any place)
    ("此事由国家计委负责协调。", "国家计委", "outdated_term", "wording.agency.central"),
    ("请向国家教委报送材料。", "国家教委", "outdated_term", "wording.agency.central"),
    ("新闻出版总署将加强监管。", "新闻出版总署", "outdated_term", "wording.agency.central"),
    ("海淀卫计委发布健康提示。", "卫计委", "outdated_term", "wording.agency.local"),
    ("浙江旅游局推出新线路。", "旅游局", "outdated_term", "wording.agency.local"),
    ("渝中区劳动局已介入处理。", "劳动局", "outdated_term", "wording.agency.local"),
    ("市文广新局组织演出。", "文广新局", "outdated_term", "wording.agency.local"),
    # 涉台: institutions without quotes, state attributes, China paired with Taiwan/HK/Macao
    ("台湾国安局发布消息。", "国安局", "needs_quotes", "wording.tw.institution"),
    ("台当局陆委会负责人表示。", "陆委会", "needs_quotes", "wording.tw.institution"),
    ("台湾的海巡署出动船只。", "海巡署", "needs_quotes", "wording.tw.institution"),
    ("现场有人挥舞台湾国旗。", "台湾国旗", "political_term", "wording.tw.state_attribute"),
    ("他持有台湾国籍。", "台湾国籍", "political_term", "wording.tw.state_attribute"),
    ("台湾的邦交国又减少了一个。", "台湾的邦交国", "political_term", "wording.tw.state_attribute"),
    ("专家谈中国和台湾的关系。", "中国和台湾的关系", "political_term", "wording.tw.china_pairing"),
    ("中国与香港贸易往来密切。", "中国与香港贸易", "political_term", "wording.tw.china_pairing"),
    # draft labels in any bracket (the rows spell out four)
    ("关于加强社区治理的实施方案〈初稿〉", "〈初稿〉", "draft_marker", "secret.draft.bracketed"),
    ("年度工作要点「草稿」请各科室传阅。", "「草稿」", "draft_marker", "secret.draft.bracketed"),
    ("实施细则（第二稿）已印发各单位。", "（第二稿）", "draft_marker", "secret.draft.bracketed"),
]


@pytest.mark.parametrize("text, span, type_, rule", HITS)
def test_rule_hits(sc, text, span, type_, rule):
    assert (span, type_, rule) in found(sc, text)


MISSES = [
    "黑瞎子岛是中俄界岛。",            # a place (黑瞎子: a bear)
    "他是个书呆子。",                  # an idiom, not a disability
    "吃了个哑巴亏。",                  # an idiom
    "傻子瓜子是一个老品牌。",          # a brand
    "警方抓获一名小偷。",              # no label prefix
    "一名男子盗窃电动车被抓。",        # 男子 is no label
    "藏猪是高原特有猪种。",            # a breed
    "韩国狗粮进口量增加。",            # dog food
    "抗战时期日本鬼子进村扫荡。",      # a veteran's history
    "原国家计委主任出席会议。",        # 原: history
    "1995年，国家计委发布通知。",      # a year before the change
    "劳动部门要加强监管。",            # the generic departments
    "俄罗斯劳动部发布数据。",          # a foreign ministry
    "安大略省旅游局发布消息。",        # Canada's
    "加州旅游局推介活动。",            # California's
    "澳门特区政府旅游局举办活动。",    # Macao's own office
    "台湾“外交部”宣称。",              # quoted
    "所谓台湾外交部的声明。",          # 所谓
    "台湾所谓“邦交国”又少了一个。",    # quoted, 所谓
    "台湾地区领导人选举。",            # the norm's wording
    "中国台湾的关系网。",              # 中国台湾 is right
    "大陆和台湾的交流日益密切。",      # the right pairing
    "每个人都是自己健康的第一责任人。",  # 人都是 without a derogatory predicate
    "河南人民勤劳朴实。",              # praise, not a slur
    "长篇小说《初稿》出版发行。",      # a title
    "方案（初稿）已提交常务会议审议。",  # the meeting that discusses it (the rows' quiet words)
    "依法严厉打击暴力恐怖分子。",      # no people or faith named
    "坚决打击东突恐怖分子。",          # the official wording
    "凤凰男篮夺得冠军。",              # 凤凰 (a place) 男篮
    "减肥女性应注意营养。",            # 减肥
    "潜水员打捞女尸。",                # 打捞
    "男人女人都要参加体检。",          # 男人 女人
    "剩余女工的安置工作。",            # 剩余
]


@pytest.mark.parametrize("text", MISSES)
def test_rule_quiet(sc, text):
    assert not found(sc, text)


def test_history_by_the_texts_years():
    # a 1990s report says 国家计委 rightly: its years are mostly before the change
    old = "一九九六年国民经济计划执行情况。国家计委要抓紧制定一九九七年计划。"
    assert not found(Scanner(detectors=("wording",), bundled_lexicons=False), old)
    new = "2024年，国家计委要抓紧制定计划。"
    assert ("国家计委", "outdated_term", "wording.agency.central") in found(
        Scanner(detectors=("wording",), bundled_lexicons=False), new)


def test_label_rule_covers_every_group_and_label(sc):
    # the rule replaces the 249 spelt-out rows of identity_prefix.tsv: every region and occupation group
    # with every crime label is found (the rows covered a subset)
    for g in (W._REGIONS + "|" + W._OCCUPATIONS + "|" + W._SKIN).split("|"):
        for h in ("小偷", "歹徒", "骗子", "强奸犯"):
            text = f"有{g}{h}作案。"
            assert any(r == "wording.slur.label" and g + h in t for t, _ty, r in found(sc, text)), text


def test_agency_table_names_successor_and_year():
    for name, (year, succ) in W.AGENCY_REFORMS.items():
        assert 1990 <= year <= 2023 and succ and succ != name
    for name, (year, succ, _place) in W.LOCAL_DEPARTMENTS.items():
        assert 2008 <= year <= 2023 and succ


def test_disguised_separators_are_read(sc):
    assert ("河南 小 偷", "banned_term", "wording.slur.label") in found(sc, "警方抓获一名河南 小 偷。")
    assert ("上★海★佬", "banned_term", "wording.slur.group") in found(sc, "那些上★海★佬真讨厌。")
