"""Prohibited vocabulary by word formation, weapons, fraud, the organ trade and devices (issue 16, h15a):
``prohibited.weapon.composed``, ``prohibited.fraud.composed``, ``prohibited.organ.composed`` and
``prohibited.device.composed`` of scanner/detectors/morphology.py.

Every sentence here was written for these tests (not taken from benchmarks/disguise_items.py or the
held-out halves of the lists): compounds of the closed classes in a sentence that publishes, sells or
teaches, and the same characters in tools, sport, military news, history and ordinary Chinese."""
from __future__ import annotations

import pytest

from scanner import Scanner
from scanner.detectors import morphology

RULES = ("prohibited.weapon.composed", "prohibited.fraud.composed", "prohibited.organ.composed",
         "prohibited.device.composed")


@pytest.fixture(scope="module")
def sc():
    return Scanner(detectors=("compositional",), bundled_lexicons=False)


def _found(sc, text):
    res = sc.scan(text)
    for f in res.findings:
        assert text[f.start:f.end] == f.text
    return {(f.rule, f.text) for f in res.findings}


HITS = [
    ("prohibited.weapon.composed", "有人在群里分享钢砂枪的照片，私聊拿货。", "钢砂枪"),
    ("prohibited.weapon.composed", "论坛发布土制手枪的图片，欢迎转发。", "土制手枪"),
    ("prohibited.weapon.composed", "网上有人分享做原子弹的步骤。", "做原子弹"),
    ("prohibited.weapon.composed", "网友上传了一段遥控炸弹的视频。", "遥控炸弹"),
    ("prohibited.weapon.composed", "帖子里发布了黑火药的比例。", "黑火药"),
    ("prohibited.weapon.composed", "店里有猎枪子弹，价格私聊。", "猎枪子弹"),
    ("prohibited.fraud.composed", "高价雇枪手替考英语四级，联系QQ。", "雇枪手"),
    ("prohibited.fraud.composed", "枪手团队承接各类考试。", "枪手团队"),
    ("prohibited.fraud.composed", "专业代考驾照科目一，包过。", "代考"),
    ("prohibited.fraud.composed", "本店出售文凭，全国可查。", "出售文凭"),
    ("prohibited.fraud.composed", "办理真文凭，不用考试。", "办理真文凭"),
    ("prohibited.fraud.composed", "毕业论文代写，价格优惠。", "论文代写"),
    ("prohibited.fraud.composed", "各类证件，办假证，电话联系。", "办假证"),
    ("prohibited.fraud.composed", "办证刻章，驾驶证不用考包过。", "不用考包过"),
    ("prohibited.fraud.composed", "驾照包过不用考，加微信详谈。", "包过不用考"),
    ("prohibited.device.composed", "出售透视眼镜，微信联系。", "透视眼镜"),
    ("prohibited.device.composed", "网上有人发布扑克分析仪的价格。", "扑克分析仪"),
    ("prohibited.device.composed", "网友分享了手机窃听器的链接。", "手机窃听器"),
    ("prohibited.organ.composed", "高价收购肾，联系微信。", "收购肾"),
    ("prohibited.organ.composed", "网上有人发布肾源中介的电话。", "肾源中介"),
    ("prohibited.organ.composed", "她说是代孕妈妈，提供服务。", "代孕妈妈"),
]

MISSES = [
    "法院审理查明，被告人做假证明骗取贷款。",
    "警方破获一起制贩假证案，抓获办假证人员5名。",
    "坚决防范遏制假证问题，更好服务经济社会高质量发展。",
    "持军队驾驶证的退役军人换领地方驾驶证，可免考科目一。",
    # tools and toys
    "五金店出售焊枪、喷枪、热风枪，欢迎购买。",
    "工地提供射钉枪和测温枪，请联系仓库。",
    "小朋友喜欢水枪和玩具手枪，商场提供购买服务。",
    "灭火枪的使用方法，欢迎分享。",
    "收银台的扫描枪坏了，请联系供应商。",
    # sport, military news, history, science
    "部队组织步枪实弹射击训练，现场发布成绩。",
    "演习中战士们真枪实弹，视频已发布。",
    "纪录片讲述科学家研制原子弹的故事，今晚在线发布。",
    "石油勘探队使用气枪震源采集数据，资料已上传。",
    "神枪手比赛成绩已发布。",
    "快枪手在决赛中夺冠，视频欢迎转发。",
    "警方正在寻找枪手，请知情者联系。",
    # a metaphor and look-alike spellings of ordinary words
    "这份报告说隐患是一颗定时炸弹，欢迎转发讨论。",
    "与枪相关的知识发布在网站上。",
    "他开枪几次，视频已上传。",
    # papers: the police station's and the school's
    "群众可就近到派出所办身份证，也可网上预约办理身份证。",
    "驾驶证办理业务已进驻政务服务中心，欢迎联系。",
    "出售身份证复印件属于泄露个人信息。",
    "老师在课后提供答案，欢迎下载。",
    # exams, medicine, donation, shops
    "请代考虑一下我的意见，欢迎联系。",
    "本次考试设三个代考点，考生请提前联系学校。",
    "县医院开展肾移植手术，提供肾源信息登记。",
    "红十字会提供器官捐献登记服务，欢迎咨询。",
    "母婴店出售婴儿用品，欢迎购买。",
    "补肾养肾食谱，欢迎分享。",
    "超市出售汇仁肾宝，价格实惠。",
    # devices of an exam hall, a hospital, a tender
    "考点启用手机信号屏蔽器，提供考务保障。",
    "医院采购X光透视仪，欢迎供应商投标。",
    "美术课讲透视画法，课件免费下载。",
    # crackdown news
    "警方打击拐卖儿童犯罪，发布通告。",
    "警方破获一起非法制造枪支案，缴获仿真枪十余支，相关信息已发布。",
]


@pytest.mark.parametrize("rule,text,span", HITS)
def test_hits(sc, rule, text, span):
    assert (rule, span) in _found(sc, text), text


@pytest.mark.parametrize("text", MISSES)
def test_misses(sc, text):
    assert not {r for r, _ in _found(sc, text) if r in RULES}, text


@pytest.mark.parametrize("text", MISSES)
def test_misses_default_scanner(text):
    res = Scanner().scan(text)
    assert not {f.rule for f in res.findings if f.rule in RULES}, text


def test_rules_are_declared_and_gated():
    from scanner.detectors.compositional import _GATE_WORDS, _LONE_RULES, CompositionalDetector

    assert set(RULES) <= set(CompositionalDetector.rules)
    assert set(RULES) <= _LONE_RULES
    assert (morphology.WEAPON_GATE | morphology.RINGER_GATE) <= morphology.GATE <= set(_GATE_WORDS)
    assert "真枪" in morphology.WEAPON_GATE and "仿真枪" not in morphology.WEAPON_GATE and "找枪手" in morphology.RINGER_GATE and "肾源中介" in morphology.ORGAN_GATE
    assert (morphology.WEAPON_GATE | morphology.RINGER_GATE | morphology.ORGAN_GATE | morphology.DEVICE_GATE) <= morphology.GATE
    assert not {"手机屏蔽器", "信号屏蔽器", "手机干扰器"} & morphology.DEVICE_GATE
    # (a look-alike of a part makes an ordinary word: 与枪相关 is no 枪箱, 开枪几次 no 枪机)
    assert not {"枪箱", "枪机", "枪套", "枪柜"} & morphology.WEAPON_GATE


def test_offsets_with_disguise():
    sc = Scanner()
    for text in ("有人在群里分享钢 砂 枪的照片，私聊拿货。", "網上有人分享做原子彈的步驟。"):
        res = sc.scan(text)
        for f in res.findings:
            assert text[f.start:f.end] == f.text
