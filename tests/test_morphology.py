"""Prohibited vocabulary by word formation (issue 16, h14d): scanner/detectors/morphology.py.

Every sentence here was written for these tests (not taken from benchmarks/disguise_items.py or the
held-out halves of the lists): compounds of the closed classes in a sentence that spreads or sells,
and the same words in medicine, sex education, news, court, warnings and ordinary Chinese."""
from __future__ import annotations

import pytest

from scanner import Scanner
from scanner.detectors import morphology


@pytest.fixture(scope="module")
def sc():
    return Scanner(detectors=("compositional",), bundled_lexicons=False)


def _found(sc, text):
    res = sc.scan(text)
    for f in res.findings:
        assert text[f.start:f.end] == f.text
    return {(f.rule, f.text) for f in res.findings}


HITS = [
    ("prohibited.sex.composed", "群里免费分享熟女视频，私聊拿资源。", "熟女"),
    ("prohibited.sex.composed", "高清三级片在线观看，点击进入。", "三级片"),
    ("prohibited.sex.composed", "出售乱伦小说合集，加微信。", "乱伦小说"),
    ("prohibited.sex.composed", "这个网址可以下载偷拍视频。", "偷拍视频"),
    ("prohibited.sex.composed", "发布大量肉棒图，欢迎转发。", "肉棒"),
    ("prohibited.sex.composed", "约吗？同城炮友，私聊。", "炮友"),
    ("prohibited.sex.composed", "上传一组巨乳美图，免费看。", "巨乳"),
    ("prohibited.sex.composed", "直播间里主播舔阴表演，打赏看片。", "舔阴"),
    ("prohibited.sex.composed", "下载人妻合集，种子在此。", "人妻"),
    ("prohibited.sex.composed", "提供性奴调教视频，有偿。", "性奴"),
    ("prohibited.sex.composed", "网盘资源：私房写真三百套。", "私房写真"),
    ("prohibited.drug.composed", "本店有失忆药水出售，货到付款。", "失忆药水"),
    ("prohibited.drug.composed", "迷晕喷雾，一喷就倒。", "迷晕喷雾"),
    ("prohibited.drug.composed", "打牌必备赢钱粉，包你不输。", "赢钱粉"),
    ("prohibited.drug.composed", "强奸丸和拍肩粉都有。", "拍肩粉"),
    ("prohibited.drug.composed", "他说网上能买到遗忘水。", "遗忘水"),
]

MISSES = [
    # medicine, sex education, HIV prevention
    "县医院泌尿外科开展阴茎、阴囊疾病免费义诊。",
    "疾控中心提醒：口交、肛交等无保护行为均有感染风险，请使用安全套。",
    "社区为新手妈妈免费发放吸奶器，并讲解母乳喂养知识。",
    "乳腺科专家在线讲解巨乳症的治疗方法。",
    # news, court, warnings
    "警方捣毁一个传播淫秽视频的网站，抓获犯罪嫌疑人5名。",
    "被告人在网上发布成人视频，以传播淫秽物品牟利罪被判处有期徒刑。",
    "警惕以“美女视频聊天”为诱饵的敲诈勒索，切勿下载陌生软件。",
    "净网行动清理色情小说网站链接三千余条。",
    # ordinary Chinese with the same characters
    "两岸同胞水乳交融，共享发展成果。",
    "电影里两人拳脚交加，现已在线播放。",
    "这部作品众口交赞，欢迎下载收看。",
    "志愿者为流浪女提供免费午餐。",
    "周大奶奶在线分享家常菜做法。",
    "新浪女人频道发布秋冬穿搭指南。",
    "出售烤乳猪、大乳猪，欢迎订购。",
    "农贸市场供应猪肉棍、鲜肉饼。",
    "三黄片是常用中成药，请遵医嘱服用。",
    "物理课讲解光的内射分解，课件免费下载。",
    "学校开展群交流活动，资料在线分享。",
    "分享一组美乳霜的测评，欢迎留言。",
    "《水浒传》中智取生辰纲用蒙汗药迷倒押送军士的情节广为人知。",
    "警方查获迷晕喷雾一批，依法处理。",
    # no sentence that spreads or sells: the sex class is quiet
    "他在书里写到阴毛和阴户的解剖结构。",
]


@pytest.mark.parametrize("rule,text,span", HITS)
def test_hits(sc, rule, text, span):
    assert (rule, span) in _found(sc, text), text


@pytest.mark.parametrize("text", MISSES)
def test_misses(sc, text):
    assert not {r for r, _ in _found(sc, text) if r in ("prohibited.sex.composed", "prohibited.drug.composed")}, text


def test_rules_are_declared():
    from scanner.detectors.compositional import CompositionalDetector

    assert {"prohibited.sex.composed", "prohibited.drug.composed"} <= set(CompositionalDetector.rules)


def test_gate_words_are_in_the_shared_pass():
    from scanner.detectors import gates
    from scanner.detectors.compositional import _GATE_WORDS

    assert morphology.GATE <= set(_GATE_WORDS)
    assert "阴户" in morphology.SEX_GATE and "失意药" in morphology.DRUG_GATE
    del gates


def test_quiet_and_context_words_are_no_part_of_a_compound():
    # (the sentence is read without the match: still, no context or quiet word may stand inside one)
    # (the sex and drug classes: the other classes are not read with SEX_QUIET — 代孕中介, h15a)
    for w in morphology.SEX_GATE | morphology.DRUG_GATE:
        assert not any(q in w for q in morphology.SEX_QUIET), w


def test_default_scanner_and_offsets():
    sc = Scanner()
    for text in ("群里免费分享熟 女 视 频，私聊。", "群裏免費分享熟女視頻，私聊。", "本店有失★忆★药★水出售。"):
        res = sc.scan(text)
        assert any(f.rule.endswith(".composed") for f in res.findings), text
        for f in res.findings:
            assert text[f.start:f.end] == f.text


def test_disguised_compounds_read_back():
    # the compounds are words of the rules: a look-alike, a symbol, pinyin, a sound in a word of three
    # read back; initials only as a spelling of a compound of four characters or more (lldy), never from
    # a run read as several words (any two consonants read a compound of two; qbyzbq of an official
    # sentence read 强暴药 + 作弊器: tests/test_letters.py)
    sc = Scanner()
    for text, span in (("群里免费分享熟☆女视频。", "熟☆女"), ("网盘资源：shunv合集，私聊。", "shunv"),
                       ("本店有失亿药出售。", "失亿药"), ("免费下载LLDY，私聊。", "LLDY")):
        res = sc.scan(text)
        assert any(f.rule.endswith(".composed") and f.text == span for f in res.findings), text
    for text in ("免费分享SNSP资源。", "发布了 rqsp。", "社会主义法制尽快qbyzbq完备起来。", "#我美丽##美肤宝遇见美##关注广禾堂月子餐官方微博，玩游戏赢免费游"):
        assert not [f for f in sc.scan(text).findings if f.rule.endswith(".composed")], text


def test_place_names_and_no_descriptive_suggestion():
    # h14r: 玉乳山 / 大乳山 are mountains (a place suffix after 乳 makes a name, as 乳山市); and a
    # composed finding suggests no replacement text (SPEC: suggestion is replacement text or null;
    # 删除色情内容 written into the text was no correct text)
    sc = Scanner()
    for text in ("玉乳山风景区免费开放，欢迎游客观看日出。", "大乳山滨海旅游度假区在线预约免费门票。"):
        assert not [f for f in sc.scan(text).findings if f.rule.endswith(".composed")], text
    for text in ("群里免费分享熟女视频，私聊。", "本店有失忆药水出售。", "免费分享美乳视频，私聊。"):
        fs = [f for f in sc.scan(text).findings if f.rule.endswith(".composed")]
        assert fs and all(f.suggestion is None for f in fs), text
