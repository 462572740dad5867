"""Carry-over by mechanism (issue 16, h15b): disguises of spellings the scanner already reads plain,
found through the machinery that reads them back, not through rows. Every sentence here was written
for these tests (none is a benchmark item; tests/test_disguise_dataset.py guards rows)."""
from __future__ import annotations

import pytest

from scanner.disguise import parts
from scanner.detectors import wording


def _rules(scanner, text):
    return {(f.rule, f.text) for f in scanner.scan(text).findings if f.severity in ("block", "review")}


def test_split_spellings_hold_the_typed_radical_form():
    # the parts table writes the grass radical 艸 (the dictionary's form); people type 艹
    assert {"艸圣", "艹圣", "草圣"} <= set(parts("茎"))
    assert "艹约" in parts("药")
    assert parts("法")[:2] == ("氵去", "水去")  # (the order of the others unchanged)


@pytest.mark.parametrize("text, rule, span", [
    ("网上发布阴艹圣图片", "prohibited.sex.composed", "阴艹圣"),  # a compound of the morphology classes
    ("有网友骂对方是白皮犭者", "wording.slur.colour", "白皮犭者"),  # a names word of three: its split spelling
    ("他们发布了西藏流亡x府的声明", "wording.tw.exile", "西藏流亡x府"),  # ... and a masked one
    ("他在帖子里骂邻省人是南峦", "wording.slur.old_name", "南峦"),  # a proofreading table's look-alike, a word of two
    ("中华人x共和省成立以来。", "wording.key.last_char", "中华人x共和省"),  # a fixed name's slip under a mask
    ("中…华…人…民…共…和…省成立以来。", "wording.key.last_char", "中…华…人…民…共…和…省"),  # ... and separated
    ("中华人民共*省成立以来。", "wording.key.last_char", "中华人民共*省"),  # ... its last character masked
    ("召开县人民代表*议。", "wording.key.last_char", "人民代表*议"),  # ... whose dropped spelling is a word (人民代表)
    # a sound beside a model's anchor (组状 for 组装) was the model's; since h15a's weapon compounds the
    # sentence is the weapon rule's over 手枪, as the plain 组装手枪 is (the narrower rule's finding wins)
    ("有账号在群里发布组状手枪相关内容", "prohibited.weapon.composed", "手枪"),
    ("某账号发布喵喵盆雾的广告", "prohibited.model", "喵喵盆雾"),
])
def test_disguises_carry_over(scanner, text, rule, span):
    assert (rule, span) in _rules(scanner, text)


@pytest.mark.parametrize("text", [
    "美国枪支暴力事件频发，引发社会关注。",  # 支|暴力: a pair general text writes
    "他报名参加了气手枪比赛。",
    "患者买药报销比例提高。",
    "上轮联赛教授的当头棒喝使沉迷于在球场上玩弄奇淫巧技的枪手们猛醒",  # 枪|手 crosses the span's edge
    "小密是我的大学同学。",  # 密 for 蜜 is a sound too: never a sound alone in a word of two
    "中华人民共和国成立以来。",
    "中、华、人、民、共、和、国成立以来。",
])
def test_ordinary_text_stays_quiet(scanner, text):
    got = {r for r in _rules(scanner, text) if r[0].startswith(("prohibited", "wording"))}
    assert not got, got


def test_shape_words_are_the_long_names_words():
    words = wording.shape_words()
    assert "南朝鲜" in words and "白皮猪" in words and "西藏流亡政府" in words
    assert words.isdisjoint(wording.name_words())
    assert "人民代表大" in wording.slip_prefixes() and "人民代表大" in wording.run_words()
