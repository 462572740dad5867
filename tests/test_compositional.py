"""Compositional rules (issue 16): a cue and an object class, written once, find phrases nobody listed."""
from __future__ import annotations

import pytest

from scanner import Scanner
from scanner.config import ALL_DETECTORS
from scanner.detectors.compositional import CompositionalDetector


@pytest.fixture(scope="module")
def sc():
    return Scanner(detectors=("compositional",), bundled_lexicons=False)


def _rules(sc, text):
    res = sc.scan(text)
    for f in res.findings:
        assert text[f.start:f.end] == f.text
    return {f.rule for f in res.findings}


def test_on_by_default():
    assert "compositional" in ALL_DETECTORS
    assert set(CompositionalDetector.rules) >= {"prohibited.trade.drug", "commercial.disclosure.trade_secret"}


# (rule, text): an offer or a disclosure written in words no lexicon row holds
HITS = [
    ("prohibited.trade.drug", "私信可购海洛因，量大从优。"),
    ("prohibited.trade.drug", "本店长期供应摇头丸。"),
    ("prohibited.trade.drug", "出售各种迷幻药，货到付款。"),
    ("prohibited.trade.weapon", "出售各类仿真气手枪，包邮。"),
    ("prohibited.trade.weapon", "猎枪转让，价格面议。"),
    ("prohibited.trade.explosive", "长期供应雷管导火索，私聊。"),
    ("prohibited.trade.knife", "弹簧刀现货，加微信。"),
    ("prohibited.trade.fake", "专业办理假文凭，三天出证。"),
    ("prohibited.trade.invoice", "长期代开各类增值税专用发票。"),
    ("prohibited.trade.bank", "高价收购银行卡四件套。"),
    ("prohibited.trade.data", "出售全国车主信息，精准营销。"),
    ("prohibited.trade.gamble", "百家乐开户，日赚千元。"),
    ("prohibited.trade.sex", "同城援交上门服务。"),
    ("prohibited.trade.device", "出售考试作弊器，包过。"),
    ("prohibited.trade.wildlife", "出售象牙制品，私聊。"),
    ("prohibited.object.drug", "一包神仙水，谁要？"),
    ("commercial.disclosure.trade_secret", "附件为本厂工艺文件，请勿外传。"),
    ("commercial.disclosure.trade_secret", "该产品的配方比例如下。"),
    ("commercial.disclosure.trade_secret", "未公开的重组方案已经发到群里。"),
    ("commercial.disclosure.bid", "本次招标底价为358万元。"),
    ("commercial.disclosure.bid", "评审专家抽取结果如下。"),
    ("commercial.disclosure.bid", "开标前各投标单位的报价汇总见附件。"),
    ("secret.topic.composed", "副局长人选民主推荐得票情况通报如下。"),
    ("secret.topic.composed", "拟提拔人选初步名单已经形成。"),
    ("secret.topic.composed", "雷达站阵地坐标见附图。"),
    ("secret.topic.composed", "物理试卷在开考前被泄露。"),
    ("secret.topic.composed", "尚未公布的季度统计数据如下。"),
    ("secret.topic.composed", "举报人姓名及电话附后。"),
    ("secret.credential.password_value", "邮箱密码为Qq778899。"),
    ("keyterm.formulation.number", "深刻领悟三个确立的决定性意义。"),
    ("keyterm.formulation.number", "增强⑤个意识，坚定四个自信。"),
    ("keyterm.formulation.number", "统筹推进④位1体总体布局。"),
    ("keyterm.formulation.number", "协调推进五个全面战略布局。"),
    ("wording.quote_separatist", "打击藏独分裂势力。"),
    ("wording.sar_government", "澳门政府宣布新措施。"),
    ("wording.taiwan_state", "中台两国关系持续发展。"),
    ("wording.taiwan_state", "该国宣布与台湾建交。"),
    ("wording.region_listed_as_country", "产品远销美国、日本、台湾等国家。"),
    # the how-to and trade words of the training half of 涉枪涉爆 (issue 16, h16d)
    ("prohibited.trade.nuclear", "三分钟教你做原子弹，零基础也能学会。"),
    ("prohibited.trade.nuclear", "核弹制作方法大全，私聊获取。"),
    ("prohibited.trade.explosive", "黑火药的配方，一看就会。"),
    ("prohibited.trade.weapon", "手枪配件专卖，量大从优。"),
    ("prohibited.trade.weapon", "弓弩专卖网，正品保障。"),
    ("prohibited.trade.weapon", "猎枪订购，电话联系。"),
    ("prohibited.trade.drug", "迷昏药买卖，微信联系。"),
    # issue 16, h16q: the catalogues' controlled substances by name; the insult grammar of the training half
    ("prohibited.object.drug", "群里有人在问氟硝西泮的事。"),
    ("prohibited.object.drug", "一瓶咪达唑仑，谁要？"),
    ("prohibited.trade.drug", "出售阿普唑仑，加微信。"),
    ("prohibited.insult.composed", "干他娘的，这活不干了！"),
    ("prohibited.insult.composed", "插你祖宗十八代。"),
    ("prohibited.insult.composed", "这破手机太他妈难用了。"),
    ("prohibited.insult.composed", "滚他妈一边去。"),
]

# news of a crackdown, a verdict, a policy, a service; ordinary words
MISSES = [
    "警方破获一起贩卖海洛因案件，缴获毒品3公斤。",
    "法院以非法出售枪支罪判处被告人有期徒刑五年。",
    "1964年10月16日，我国第一颗原子弹爆炸成功。",
    "他们白手起家，为制造中国自己的原子弹隐姓埋名几十年。",
    "浏阳花炮制作技艺入选非遗名录，礼花弹制作现场吸引游客。",
    "警方查获一批手枪配件和子弹。",
    "国家禁止枪支买卖。",
    "在男子10米气步枪决赛中，中国选手获得金牌。",
    "纳税人可在电子税务局申请代开增值税发票。",
    "群众可到临时办证点补办社保卡等服务。",
    "专精特新中小企业营收利润率分别为9.6%、7.0%。",
    "打通农产品销售渠道，助农增收。",
    "考核结果将与领导班子考核评价挂钩。",
    "初始密码为身份证号后六位，首次登录请修改。",
    "密码长度至少8位，须包含字母和数字，例如Abc12345。",
    "评标委员会成员名单在中标结果公告中一并公布。",
    "提供上门服务的家政人员须持证上岗。",
    "美国芬太尼滥用问题严重，已列管全部芬太尼类物质。",
    "增强四个意识、坚定四个自信、做到两个维护。",
    "中国是一个伟大的国家，这是一个伟大的胜利。",
    "重温两个务必，打好两个攻坚战。",
    "全国人大常委会委员长赵乐际主持会议。",
    "中央纪委书记赵乐际作工作报告。",
    "坚决反对“藏独”“港独”。",
    "香港独特的文化魅力吸引游客。",
    "香港特区政府今天公布数据。",
    "港英时期的香港政府实行殖民统治。",
    "所谓台湾是一个国家的说法是谬论。",
    "该国宣布与台湾断绝所谓外交关系。",
    "中美两国关系稳定发展。",
    "产品远销美国、日本、中国台湾等国家和地区。",
    "支持香港、澳门更好融入国家发展大局。",
    "市民收到银行卡到期短信后报警。",
    # (h16q) a hospital's or a crackdown's controlled substance; kin and words around 他妈
    "医院提醒：氟硝西泮须凭处方购买。",
    "警方查获苯巴比妥200片。",
    "生日那天他妈妈给他买了蛋糕。",
    "节日他娘家来了不少亲戚。",
    "周末我去他妈家吃饭。",
    "他太太他妈都来了。",
    "天真他妈妈很高兴。",
    "你他妈妈身体还好吗？",
    "她娘家在河北。",
    "他昨天去他妈那儿了。",
    "回去他妈就骂了他一顿。",
]


@pytest.mark.parametrize("rule,text", HITS)
def test_hits(sc, rule, text):
    assert rule in _rules(sc, text), text


@pytest.mark.parametrize("text", MISSES)
def test_misses(sc, text):
    assert not _rules(sc, text), text


def test_disguised_and_exact_offsets(sc):
    for text in ("私信可购海✿洛♂因。", "本店長期供應搖頭丸。", "出 售 仿 真 枪，包邮。", "出售冰冰毒毒，私聊。"):
        res = sc.scan(text)
        assert any(f.type == "prohibited_content" for f in res.findings), text
        for f in res.findings:
            assert text[f.start:f.end] == f.text


def test_listed_region_span_starts_at_the_first_name(sc):
    text = "产品远销美国、日本、台湾等国家。"
    f = next(f for f in sc.scan(text).findings if f.rule == "wording.region_listed_as_country")
    assert f.text == "美国、日本、台湾等国家"


def test_default_scanner_reports_it():
    res = Scanner().scan("私信可购海洛因，量大从优。")
    assert any(f.rule.startswith("prohibited.") for f in res.findings)


# the rules' own words written in disguise (issue 16: what is found plain is found disguised too);
# phrases written for these tests, not taken from the benchmark's items
DISGUISED_WORDS = [
    ("prohibited.trade.drug", "长期供应海落因，量大从优。", "海落因"),  # a homophone in a word of three
    ("prohibited.trade.drug", "长期供应氵每洛因，量大从优。", "氵每洛因"),  # a character split into its parts
    ("prohibited.trade.weapon", "出售仿x枪，包邮。", "仿x枪"),  # a masked character the dense view keeps
    ("prohibited.trade.drug", "私信可购甲基□丙胺。", "甲基□丙胺"),  # a mask the dense view drops
    ("prohibited.trade.drug", "长期供应hailuoyin，量大从优。", "hailuoyin"),  # pinyin
    ("prohibited.trade.drug", "长期供应hai luo yin，量大从优。", "hai luo yin"),  # spaced pinyin
    ("commercial.disclosure.trade_secret", "本厂配。方。明。细如下。", "配。方"),  # a separator between each
    ("prohibited.trade.drug", "长期供应海洛洛洛因，量大从优。", "洛洛洛因"),  # a tripled character hides 海洛因 from vis
    # (h16q) the intensified insult forms are words of the rules, written for these tests
    ("prohibited.insult.composed", "这破手机太他吗难用了。", "太他吗"),  # a look-alike
    ("prohibited.insult.composed", "滚獭妈一边去。", "滚獭妈"),  # a sound
    ("prohibited.insult.composed", "这破手机太□妈难用了。", "太□妈"),  # a mask the dense view drops
    ("prohibited.insult.composed", "这破手机太ta妈难用了。", "太ta妈"),  # one syllable in pinyin
    ("prohibited.object.drug", "有人在问氟　硝　西　泮的事。", "氟　硝　西　泮"),  # spaces (the dense view)
]


@pytest.mark.parametrize("rule,text,part", DISGUISED_WORDS)
def test_disguised_rule_words_are_read_back(sc, rule, text, part):
    hits = [f for f in sc.scan(text).findings if f.rule == rule]
    assert hits, text
    for f in hits:
        assert text[f.start:f.end] == f.text
    assert any(part in f.text for f in hits), (text, [f.text for f in hits])


@pytest.mark.parametrize("text", [
    "原本1米高的涵洞被积冰堵住了一半。",  # 冰堵 sounds like 冰毒: two characters, one swapped, is ordinary text
    "在重庆走马古镇摆起百米长桌宴。",  # 马古 / 麻古
    "个人转让有价证券所得。",  # 价证 / 假证
    "我国已与10个国家签署协议。",  # a digit before a word is no mask (两个国家)
    "二○○四年十月，中国主席团成员出席会议。",  # 国主席 without a mask where 家 was
    "本厂出售的产品配方比例均已公开发布。",  # the plain rule's news words still silence it
    "副总理拉什科·科涅维奇出席。",  # a doubled character around noise is no tripled one
    "你说的是他吗？是他吗？",  # 他吗 (a look-alike of 他妈) after no intensifier
])
def test_disguise_reading_stays_quiet_on_ordinary_text(sc, text):
    assert not _rules(sc, text), text


def test_the_plain_finding_is_not_reported_twice(sc):
    fs = sc.scan("长期供应海洛因和海落因，量大从优。").findings
    assert any(f.text.endswith("海落因") or "海落因" in f.text for f in fs)
    for i, f in enumerate(fs):
        for g in fs[i + 1:]:
            assert not (f.rule == g.rule and f.start < g.end and g.start < f.end), (f, g)


def test_the_cached_repairs_answer_as_the_dict_they_were_built_from():
    import pickle

    from scanner.detectors.compositional import _build_repairs, _Repairs

    built = _build_repairs()
    packed = pickle.loads(pickle.dumps(_Repairs(built)))
    assert len(packed) == len(built) > 10_000
    assert all(packed[k] == v for k, v in built.items())
    assert "冰毒" not in packed or packed["冰毒"] == built["冰毒"]
    assert packed.spellings(dropped=False) == tuple(k for k, (_w, g) in built.items() if g < 0)
    assert packed.spellings(dropped=True) == tuple(k for k, (_w, g) in built.items() if g >= 0)


# h14a (the drafts benchmark): a vote count a sentence after the recommendation it belongs to
@pytest.mark.parametrize("text", [
    "县水利局召开副局长民主推荐会议，机关干部40人参加。计票结果：张某某得票27票，排名第一。",
    "谈话推荐中，办公室副主任赵某某得票最多，将作为考察人选。",
])
def test_vote_count_after_recommendation(sc, text):
    assert "secret.topic.composed" in _rules(sc, text)


@pytest.mark.parametrize("text", [
    "村委会换届选举大会上，经民主推荐产生的候选人王某某得票386票，当选村委会主任。",
    "“最美乡村医生”网络投票结束，在各乡镇民主推荐的候选人中，李医生得票最多。",
    "本次民主推荐将于下周进行，得票情况作为重要参考。",
])
def test_vote_count_in_public_contexts_is_quiet(sc, text):
    assert "secret.topic.composed" not in _rules(sc, text)


def test_result_notice_title_quiets_the_bid_rule(sc):
    title = "县疾控中心冷链设备采购项目成交结果公告\n一、成交供应商：某某科技有限公司。二、评审专家名单：王某、李某、赵某。"
    assert "commercial.disclosure.bid" not in _rules(sc, title)
    body = "县疾控中心冷链设备采购项目评审安排\n评审专家名单：王某、李某、赵某。"
    assert "commercial.disclosure.bid" in _rules(sc, body)


@pytest.mark.parametrize("rule,text", [
    ("secret.topic.composed", "上月，城西社区居民周海涛实名举报社区干部虚报冒领补贴。"),
    ("prohibited.trade.sex", "外围女兼职，价格私聊。"),
])
def test_named_whistleblower_and_sex_ad_h14a(sc, rule, text):
    assert rule in _rules(sc, text)


@pytest.mark.parametrize("text", [
    "根据群众实名举报，县纪委监委对该问题开展核查。",
    "村民李某某实名举报后，镇纪委迅速核查。",
    "大学生寒假兼职招聘会在县人才市场举行。",
])
def test_named_whistleblower_and_sex_ad_misses_h14a(sc, text):
    got = _rules(sc, text)
    assert "secret.topic.composed" not in got and "prohibited.trade.sex" not in got


def test_next_line_is_no_context_of_an_offer_h14a(sc):
    """The dense view drops line breaks: a footer's 宣传部 on the next line must not quiet an ad."""
    assert "prohibited.trade.sex" in _rules(sc, "网友评论：\n“同城援交上门服务”\n来源：县委宣传部")
    # the same words in the ad's own line still quiet it
    assert "prohibited.trade.sex" not in _rules(sc, "县委宣传部提醒：“同城援交上门服务”是违法广告。")
