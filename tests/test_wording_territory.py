"""Chinese territory written as another state's (h13a, thirteenth session): wording.territory.attributed
(日本钓鱼岛, 日属钓鱼岛, 菲律宾黄岩岛) and wording.territory.claim (钓鱼岛是日本领土). Sentences that report
or refute the claim stay quiet. Examples written from the norms (钓鱼岛白皮书, 南海诸岛标准地名, 藏南地名
公告) and ordinary news wording, none from the benchmark's items."""
from __future__ import annotations

import pytest

from scanner import Scanner

RULES = {"wording.territory.attributed", "wording.territory.claim"}


@pytest.fixture(scope="module")
def sc():
    return Scanner(detectors=("wording",), bundled_lexicons=False)


def severities(sc, text):
    return [(f.text, f.rule, f.severity, f.suggestion) for f in sc.scan(text).findings if f.rule in RULES]


@pytest.mark.parametrize("text, span, rule, sev, fix", [
    ("渔船在日本钓鱼岛附近海域作业。", "日本钓鱼岛", "wording.territory.attributed", "block", "钓鱼岛"),
    ("宣传册把钓鱼岛写成日本的钓鱼岛。", "日本的钓鱼岛", "wording.territory.attributed", "block", "钓鱼岛"),
    ("有网站称日属钓鱼岛景色优美。", "日属钓鱼岛", "wording.territory.attributed", "block", "钓鱼岛"),
    ("菲律宾黄岩岛附近出现大批船只。", "菲律宾黄岩岛", "wording.territory.attributed", "block", "黄岩岛"),
    ("越南南沙群岛旅游线路。", "越南南沙群岛", "wording.territory.attributed", "block", "南沙群岛"),  # 南南 folded
    ("越南 南沙群岛旅游线路。", "越南 南沙群岛", "wording.territory.attributed", "block", "南沙群岛"),
    ("越南南海诸岛地图。", "越南南海诸岛", "wording.territory.attributed", "block", "南海诸岛"),
    ("越南西沙群岛旅游线路。", "越南西沙群岛", "wording.territory.attributed", "block", "西沙群岛"),
    # (h14c: the suggestion in the hit's script)
    ("渔船在日本釣魚島附近海域作业。", "日本釣魚島", "wording.territory.attributed", "block", "釣魚島"),
    ("釣魚島是日本領土。", "釣魚島是日本領土", "wording.territory.claim", "review", "釣魚島是中國領土"),
    # h14c: 在 + 日本 + the island + a place is the owner form; a question left unanswered stays a review
    ("在日本钓鱼岛附近海域捕鱼。", "日本钓鱼岛", "wording.territory.attributed", "block", "钓鱼岛"),
    ("去日本钓鱼岛旅游需要签证吗？", "日本钓鱼岛", "wording.territory.attributed", "block", "钓鱼岛"),
    ("钓鱼岛是日本领土吗？", "钓鱼岛是日本领土", "wording.territory.claim", "review", None),
    ("有网站称日属钓鱼岛景色优美。", "日属钓鱼岛", "wording.territory.attributed", "block", "钓鱼岛"),
    ("印度藏南地区的公路。", "印度藏南地区", "wording.territory.attributed", "block", "藏南地区"),
    ("菲律宾的仁爱礁补给行动。", "菲律宾的仁爱礁", "wording.territory.attributed", "review", "仁爱礁"),
    ("钓鱼岛是日本领土。", "钓鱼岛是日本领土", "wording.territory.claim", "review", "钓鱼岛是中国领土"),
    ("黄岩岛属于菲律宾。", "黄岩岛属于菲律宾", "wording.territory.claim", "review", "黄岩岛是中国领土"),
])
def test_attributed_territory_hits(sc, text, span, rule, sev, fix):
    assert (span, rule, sev, fix) in severities(sc, text)
    assert all(text[f.start:f.end] == f.text for f in sc.scan(text).findings)


@pytest.mark.parametrize("text", [
    "日方所谓“尖阁诸岛”的说法完全是非法、无效的。",
    "外交部发言人驳斥日本对钓鱼岛的主张。",
    "日本政府将钓鱼岛“国有化”的闹剧遭到中方强烈抗议。",
    "中国钓鱼岛附近海域天气晴好。",
    "钓鱼岛及其附属岛屿是中国的固有领土。",
    "日本的钓鱼岛政策是错误的。",
    "中国和日本钓鱼岛争端由来已久。",
    "所谓“日本钓鱼岛”的标注是非法的。",
    "日方称钓鱼岛是日本领土，中方坚决反对。",
    "菲律宾非法侵占的中业岛。",
    "钓鱼岛不属于日本。",
    "西藏南部的林芝市。",
    "超越南海诸岛的航线。",
    # h13r: 越 of a verb or an adjective before 南沙群岛 南海诸岛 南威岛 is no 越南 (only 越南南… folds)
    "航班飞越南沙群岛上空。",
    "科考船穿越南海诸岛海域。",
    "跨越南海诸岛的海底光缆建成。",
    "轰炸机飞越南海诸岛附近空域。",
    "卓越南沙群岛建设者事迹展。",
    "翻越南威岛的小山丘。",
    # h13r: 日属 of a day (今日属, 每日属) is no owner form
    "今日属钓鱼岛海域风浪最大。",
    "每日属黄岩岛附近海域渔船最多。",
    # h14c: what Japan calls the island, reported (a preposition before the state, a naming verb after the island)
    "在日本钓鱼岛被称为“尖阁诸岛”。",
    "在日本钓鱼岛通常被称为“尖阁诸岛”。",
    "据日本钓鱼岛问题专家介绍，双方分歧依旧。",
    "日本在钓鱼岛附近部署巡逻船。",
    "2012年日本将钓鱼岛“国有化”，激起中国民众强烈不满。",
    # h14c: a question the text answers no is no claim
    "钓鱼岛是日本领土吗？当然不是。",
    "钓鱼岛是日本领土吗？钓鱼岛自古以来就是中国领土。",
    "问：钓鱼岛是日本领土吗？答：不是，钓鱼岛是中国的。",
    "有人问钓鱼岛是日本领土吗，我们的回答是否定的。",
    "黄岩岛属于菲律宾吗？答案显然是否定的。",
])
def test_reports_and_refutations_are_quiet(sc, text):
    assert severities(sc, text) == []
