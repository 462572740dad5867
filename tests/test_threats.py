"""Threats of violence and incitement (h13b, scanner/detectors/threats.py): an intent, a violent act
and a target in one clause find threats no lexicon row holds; reports, idioms and ordinary usage stay quiet.
The sentences are written for this test (not the disguise benchmark's items, issue 16)."""
from __future__ import annotations

import pytest

from scanner import Scanner
from scanner.detectors import threats
from scanner.detectors.compositional import CompositionalDetector


@pytest.fixture(scope="module")
def sc():
    return Scanner(detectors=("compositional",), bundled_lexicons=False)


def _threats(sc, text):
    res = sc.scan(text)
    for f in res.findings:
        assert text[f.start:f.end] == f.text
    return [f for f in res.findings if f.rule.startswith("prohibited.threat.")]


def test_rules_are_listed():
    assert {"prohibited.threat.violence", "prohibited.threat.incite"} <= set(CompositionalDetector.rules)
    assert all(len(w) >= 2 for w in threats.GATE)


# (rule, severity, text): a first person's intent (or a crowd's) with an act against a body or a person
HITS = [
    # the lead's three (2026-12-07)
    ("violence", "block", "明天我要炸了县政府大楼"),
    ("violence", "block", "我要杀了那个村支书全家"),
    ("violence", "block", "谁再拆我家房子我就带汽油去乡政府同归于尽"),
    # a body or a public place
    ("violence", "block", "再不给我解决，我就去炸政府！"),
    ("violence", "block", "老子明天就去把镇政府烧了"),
    ("violence", "block", "如果再不给说法，我就去信访局门口放火。"),
    ("violence", "block", "我今天就去学校杀人"),
    ("violence", "block", "再拆我家，我就炸平你们镇政府"),
    ("violence", "block", "明天就去炸了你们学校"),
    ("violence", "block", "总有一天我要血洗你们村委会"),
    ("violence", "block", "我要去县政府门口泼汽油"),
    ("violence", "block", "我要炸掉你们的破学校"),
    ("violence", "block", "我要一把火烧了你们村委会"),
    ("violence", "block", "我要在学校门口砍人"),
    ("violence", "block", "我要炸了这个破医院"),
    ("violence", "block", "今晚十二点我要去县委大院放一把火"),
    ("violence", "block", "我明天带把刀去镇政府，见一个砍一个"),
    # a person
    ("violence", "block", "信不信我砍死你"),
    ("violence", "block", "信不信我一刀捅死你"),
    ("violence", "block", "等着，我迟早捅死那个城管"),
    ("violence", "block", "我一定要杀了王书记"),
    ("violence", "block", "迟早砍死你们这帮当官的"),
    ("violence", "block", "我要跟他同归于尽"),
    ("violence", "block", "我会杀了你全家"),
    ("violence", "block", "我要杀了你"),
    ("violence", "block", "我今天非砍死那个包工头不可"),
    ("violence", "block", "我要把你们全部杀光"),
    ("violence", "block", "明天我就开车撞死那个法官"),
    ("violence", "block", "再来我家闹我就拿刀砍死你们"),
    ("violence", "block", "再不赔钱我就去医院捅死那个医生"),
    ("violence", "block", "谁敢来拆我就杀谁"),
    ("violence", "block", "我要把那个狗官全家都杀了"),
    ("violence", "block", "我明天去派出所炸了他们"),
    # a citizen's message forwarded by an account
    ("violence", "block", "村民留言：拆迁补偿一直不到位，我就带汽油去乡政府同归于尽！"),
    # incitement
    ("incite", "block", "大家一起去砸了派出所"),
    ("incite", "block", "兄弟们今晚一起去把村委会烧了"),
    ("incite", "block", "乡亲们，大家一起冲进去把乡政府砸了"),
    ("incite", "block", "号召大家明天去把镇政府砸了"),
    # vaguer: review (a bare first person, a hyperbolic verb, no target, a joke)
    ("violence", "review", "我砍死你"),
    ("violence", "review", "你等着，我弄死你"),
    ("violence", "review", "等我出来就弄死你"),
    ("violence", "review", "我要报复社会"),
    ("violence", "review", "我要杀了你哈哈哈哈，怎么这么可爱"),
    ("violence", "review", "我一定要捅死王二！"),  # a name: a reviewer reads who it is
    ("violence", "block", "我要让那个书记血债血偿"),
    # written after the rule, before its last change (h13b's fresh set: 18 of 20 found then, these two not)
    ("violence", "review", "城管再来收我摊子，我一刀砍死他"),
    ("violence", "block", "我会让你们整个村委会陪葬"),
    ("violence", "block", "你们再不给我退钱，我明天就去你们公司放火"),
    ("violence", "block", "谁敢动我儿子我就杀他全家"),
    ("violence", "block", "我明天就带着汽油去信访局"),
    ("incite", "block", "乡亲们都去，把拆迁办砸烂"),
    ("incite", "block", "我们一起去把县政府围了砸了"),
    ("violence", "block", "我迟早要血洗这个村子"),
]

# reports of a threat, law, fiction, games, idioms and ordinary usage
MISSES = [
    "某男子扬言要炸政府，已被公安机关依法行政拘留。",
    "警方通报：王某在网上发布“我要炸了县政府”的言论，已被行政拘留。",
    "李某编造恐怖信息，称要炸毁火车站，被法院判处有期徒刑一年。",
    "2023年5月，张某因不满拆迁补偿，在微信群内发布“我要炸了镇政府”等言论，造成恶劣影响。经查，张某并无爆炸物，"
    "其行为已构成寻衅滋事，公安机关依法对其行政拘留十日。",
    "【警方通报】近日，一男子在短视频平台发布“明天就去学校杀人”的视频，民警迅速将其抓获。",
    "他说要去县政府门口放火，被家人拦住后报警。",
    "《治安管理处罚法》第四十二条规定，写恐吓信或者以其他方法威胁他人人身安全的，处五日以下拘留。",
    "剧中，男主角怒吼：“我要杀了你！”随后两人扭打在一起。",
    "小说里反派说：我要血洗整个村子。",
    "影片中主角使出了同归于尽的招数，与反派一起坠崖。",
    "梦见我要炸了学校，吓醒了。",
    "我要烧了这个游戏的boss。",
    "今天我们要杀他们一个措手不及。",
    "我们要灭了对面。",
    "周末我要去吃炸鸡。",
    "电脑中毒了，我要杀毒。",
    "我要去市场杀价，顺便砍价。",
    "这部电影下周杀青，我要去探班。",
    "今晚我们一起去吃烧烤吧。",
    "这首歌太炸裂了，我要单曲循环。",
    "这是一条爆炸性新闻。",
    "消防员冲进火场，救出三名被困群众。",
    "我们要做好疫情防控，及时消杀，杀灭病毒。",
    "我们要砍掉一批行政审批事项。",
    "我一定要砍掉这些冗余流程，提高办事效率。",
    "我们要坚决打击暴力恐怖活动。",
    "我要烧了这些旧书。",
    "我不会杀他的，放心吧。",
    "我要烧了老师布置的作业本。",
    "打死我也不去。",
    "我要打他电话问问。",
    "热死了，我要被烧死了。",
    "我明天要去菜市场杀鱼。",
    "我要把这些垃圾烧了。",
    "我要把学校的垃圾烧了。",
    "我要炸了，气死我了。",
    "大家一起去砸金蛋赢大奖。",
    "我要去医院看医生。",
    "我要去学校接孩子。",
    "我要杀回来了，这次一定拿冠军。",
    "今天我们要杀进决赛！",
    "我要把这棵树砍了，挡着我家窗户。",
    "我要点火了，大家退后，烟花马上开始。",
    "冬天到了，我们要烧炕取暖。",
    "我要杀了这道题。",
    "我要灭了这个火。",
    "老子今天要把这瓶酒干掉。",
    "我要杀了我自己。",
    "我一定要炸了他们的碉堡。",
    "妈妈说我要是再玩游戏就砸了我的手机。",
    "我要杀到县政府讨个说法。",
    "交通事故中，货车撞死一名行人，司机已被控制。",
    "我们一起去烧纸祭奠先人。",
    "以军空袭打死多名武装人员。",
    # a warning, a refuted rumour, a fraud, a counsellor's or a petition office's account, a war story
    "如果有人在网上说“我要炸了学校”，请立即报警。",
    "心理疏导：当孩子说“我要杀了他”时，家长应该怎么办？",
    "【辟谣】网传“有人明天要去县政府放火”系谣言。",
    "有网民发帖称明天要血洗某小学，经核查系谣言。",
    "骗子在电话里说：不给钱我就杀了你全家。",
    "信访人王某多次来访，情绪激动，称“再不解决我就去县政府门口泼汽油”，工作人员耐心劝解。",
    "抗战时期，他抱着炸药包高喊：我要和敌人同归于尽！",
    "我要打死这只蚊子。",
    "我们要炸掉贫困的堡垒。",
    "我要杀了这局。",
    # the fresh set's ordinary sentences (none alarmed)
    "我要去县政府办事大厅办理营业执照。",
    "这道菜要先炸后烧，味道更香。",
    "我要把这个bug干掉，今晚加班。",
    "我要杀出重围，考上公务员。",
    "明天我就去派出所办身份证。",
    "我就去学校门口等孩子放学。",
    "今晚我要炸一盘花生米下酒。",
    "我要弄死这只蟑螂。",
    "我一定要考上县委组织部的选调生。",
    "我们要把矛盾纠纷化解在基层，消灭在萌芽状态。",
]


@pytest.mark.parametrize("rule,severity,text", HITS)
def test_hits(sc, rule, severity, text):
    found = _threats(sc, text)
    assert [(f.rule, f.severity) for f in found] == [(f"prohibited.threat.{rule}", severity)], text
    f = found[0]
    assert f.category == "improper_wording" and f.type == "prohibited_content"
    assert f.basis and "治安管理处罚法" in f.basis and f.message


@pytest.mark.parametrize("text", MISSES)
def test_misses(sc, text):
    assert not _threats(sc, text), text


def test_the_finding_spans_intent_act_and_target(sc):
    text = "谁再拆我家房子我就带汽油去乡政府同归于尽。"
    (f,) = _threats(sc, text)
    assert f.text == "我就带汽油去乡政府同归于尽"
    text = "明天我要炸了县政府大楼。"
    (f,) = _threats(sc, text)
    assert f.text == "我要炸了县政府大楼"


def test_default_scanner_blocks_a_threat():
    res = Scanner().scan("我要杀了那个村支书全家")
    assert res.verdict == "block"
    assert any(f.rule == "prohibited.threat.violence" for f in res.findings)
