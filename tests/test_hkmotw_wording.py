"""Sovereignty and cross-strait formulations (h14c, fourteenth session): sentences written for the session
from the norms (新华社禁用词 涉及领土主权和港澳台, 涉台宣传用语意见, 外交部), none from the benchmark's items;
30 that must get a review or block and 30 that must not (the h14c section of benchmarks/DISGUISE.md lists
which were found before the session)."""
from __future__ import annotations

import pytest

from scanner import Scanner

HITS = [
    "来自美国、日本、台湾、新加坡等国家的选手参加比赛。",
    "本次展会吸引了日本、韩国、香港等国家的客商。",
    "香港、新加坡、马来西亚等亚洲国家的游客明显增多。",
    "产品远销欧美、东南亚以及台湾、香港等十多个国家。",
    "代表团访问了澳门、葡萄牙、巴西三个国家。",
    "台湾是一个独立的国家。",
    "台湾是主权独立国家。",
    "大陆和台湾是两个国家。",
    "两岸是国与国的关系。",
    "台湾海峡是国际水域。",
    "台湾国庆日当天举行了阅兵。",
    "台湾外长吴钊燮发表谈话。",
    "台湾防长称将加强战备。",
    "台湾总理宣布内阁改组。",
    "台湾国防预算再创新高。",
    "中华民国113年10月10日",
    "落款为民国一百一十二年。",
    "1997年香港主权移交后，经济持续发展。",
    "李登辉抛出两国论，遭到两岸同胞谴责。",
    "澳门主权移交仪式在澳门举行。",
    "中国和台湾之间的紧张局势有所缓和。",
    "中国人和台湾人血浓于水。",
    "来自中国、台湾、日本的选手同场竞技。",
    "参赛队伍来自中国、香港、澳门和新加坡。",
    "台湾驻美国大使出席活动。",
    "台湾当局的总统府发言人表示。",
    "台湾与中国的贸易额持续增长。",
    "出国去香港旅游要办护照。",
    "暑假我们一家出国到台湾玩了一周。",
    "他们长期从事西藏独立活动。",
    "两国以麦克马洪线为界。",
]

QUIET = [
    "来自美国、日本、新加坡等国家和台湾、香港地区的选手参加比赛。",
    "本次展会吸引了日本、韩国等国家和香港地区的客商。",
    "产品远销欧美、东南亚等20多个国家和地区。",
    "香港、澳门、台湾地区的同胞踊跃参与。",
    "海峡两岸和香港、澳门的青年共同参与。",
    "台湾是中国领土不可分割的一部分。",
    "台湾不是一个国家，是中国的一部分。",
    "民进党当局鼓吹台湾是一个主权独立国家，完全是谬论。",
    "所谓“两国论”是分裂言论。",
    "外交部发言人表示，所谓台湾海峡是“国际水域”的说法没有法律依据。",
    "今天是中华人民共和国国庆日。",
    "美国国防预算再创新高。",
    "中华民国成立于1912年。",
    "民国三十八年，国民党政府退往台湾。",
    "民国二十六年七月七日，卢沟桥事变爆发。",
    "1997年7月1日，中国政府恢复对香港行使主权。",
    "香港回归祖国二十五周年。",
    "中英两国政府香港政权交接仪式在香港举行。",
    "两岸同胞血浓于水。",
    "大陆与台湾的贸易额持续增长。",
    "中国台湾、中国香港、中国澳门的选手同场竞技。",
    "来自中国内地、香港、澳门和新加坡的参赛队伍。",
    "台湾地区领导人赖清德发表讲话。",
    "台湾地区防务部门负责人称将加强战备。",
    "出境去香港旅游要办港澳通行证。",
    "他们一家出国去日本玩了一周。",
    "我国与新加坡等国家的经贸合作不断深化。",
    "中国台湾地区的交流团来访。",
    "中国是世界上人口最多的国家之一，台湾是中国的一个省。",
    "日本、韩国、新加坡等国家的游客明显增多。",
    "所谓麦克马洪线以南的土地是中国领土。",
    "他出国去美国，途中在香港转机。",
    "香港、深圳等十多个国家级园区。",
    "日本、韩国、新加坡等十多个国家的游客。",
]


@pytest.fixture(scope="module")
def sc():
    return Scanner()


def alarms(sc, text):
    out = []
    for f in sc.scan(text).findings:
        assert text[f.start:f.end] == f.text
        if f.category == "improper_wording" and f.severity in ("block", "review"):
            out.append((f.text, f.rule))
    return out


@pytest.mark.parametrize("text", HITS)
def test_wrong_formulations_are_found(sc, text):
    assert alarms(sc, text)


@pytest.mark.parametrize("text", QUIET)
def test_right_formulations_are_quiet(sc, text):
    assert alarms(sc, text) == []


@pytest.mark.parametrize("text, span, fix", [
    ("台灣總統賴清德今天表示。", "台灣總統賴清德", "台灣地區領導人賴清德"),  # (the writer's 台 kept, 台湾 not written twice)
    ("台湾总统赖清德今天表示。", "台湾总统赖清德", "台湾地区领导人赖清德"),
    ("斯普拉特利群島的旅遊資源。", "斯普拉特利群島", "南沙群島"),
    ("尖閣諸島附近海域發現漁船。", "尖閣諸島", "釣魚島及其附屬島嶼"),
    ("南韓總統出席。", "南韓", "韓國"),
])
def test_suggestions_in_the_script_of_the_hit(sc, text, span, fix):
    got = [(f.text, f.suggestion) for f in sc.scan(text).findings if f.category == "improper_wording"]
    assert (span, fix) in got


def test_a_merged_suggestion_is_the_one_that_writes_the_whole_cluster():
    # h14r: 台湾总统 (台湾地区领导人) and 总统府 (台湾当局领导人办公场所) merge into 台湾总统府; the first
    # suggestion with the rest of the text appended gave 台湾地区领导人府; the second already writes 台湾
    from scanner import Scanner
    sc = Scanner()
    for text, want in (("台湾总统府发言人表示", "台湾当局领导人办公场所发言人表示"),
                       ("台灣總統府發言人", "台灣當局領導人辦公場所發言人"),
                       ("台湾总统赖清德发表讲话", "台湾地区领导人赖清德发表讲话")):
        fs = [f for f in sc.scan(text).findings if f.suggestion and f.severity != "info"]
        out = text
        for f in sorted(fs, key=lambda f: -f.start):
            out = out[:f.start] + f.suggestion + out[f.end:]
        assert out == want, (text, fs)
