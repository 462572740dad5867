"""Threats read through disguises, threats to property, curses and self-harm as pressure (h14b,
scanner/detectors/threats.py). Written for this test before the code was changed (not from the disguise
benchmark's items, issue 16). A third of the sentences (a fixed hash, :func:`held_out`) was held out
while the rule was written and scored only at the end (benchmarks/DISGUISE.md, fourteenth session)."""
from __future__ import annotations

import hashlib

import pytest

from scanner import Scanner


def held_out(text: str) -> bool:
    """The fixed third held out while writing the rule (chosen before any code was changed)."""
    return hashlib.sha256(("h14b:" + text).encode("utf-8")).digest()[0] % 3 == 0


@pytest.fixture(scope="module")
def sc():
    return Scanner(detectors=("compositional",), bundled_lexicons=False)


_RULES = ("prohibited.threat.", "prohibited.insult.curse")


def _found(sc, text):
    res = sc.scan(text)
    for f in res.findings:
        assert text[f.start:f.end] == f.text
    return [f for f in res.findings if f.rule.startswith(_RULES)]


# (rule, severity, text)
HITS = [
    # 1. a threat written in disguise: pinyin of the act or its aspect, noise between its characters
    ("threat.violence", "block", "我要zha了县政府"),
    ("threat.violence", "block", "明天我就去sha了那个书记"),
    ("threat.violence", "block", "我要炸.了县政府"),
    ("threat.violence", "block", "老子要烧le乡政府"),
    ("threat.violence", "block", "我明天就去炸 了 你们镇政府"),
    ("threat.violence", "block", "信不信我kan死你"),
    ("threat.violence", "block", "我迟早要tong死那个城管"),
    ("threat.violence", "block", "我要把派出所shao了"),
    ("threat.violence", "block", "老子明天就去zha了你们学校"),
    ("threat.violence", "block", "我一定要sha了你全家"),
    ("threat.violence", "block", "我要砍~死~你"),
    ("threat.violence", "block", "我要杀-了-那个狗官"),
    ("threat.violence", "block", "我要 sha le 那个局长"),
    ("threat.incite", "block", "大家一起去za了派出所"),
    # 2. property of a person, fire or an explosion with a condition
    ("threat.violence", "block", "我要烧了你家房子"),
    ("threat.violence", "block", "我明天就把他家车砸了"),
    ("threat.violence", "block", "再不给钱我就把你店砸了"),
    ("threat.violence", "block", "再不还钱我就去把你家的车烧了"),
    ("threat.violence", "block", "我要砸了你的店"),
    ("threat.violence", "block", "信不信我一把火烧了你家的厂子"),
    ("threat.violence", "block", "再拖欠工资我就放火烧了老板的仓库"),
    ("threat.violence", "block", "再不解决我就去县政府门口点火"),
    ("threat.violence", "block", "不给补偿我就在镇政府门口点火"),
    ("threat.violence", "block", "再拖着不办，我就去信访局门口引爆煤气罐"),
    # 3. curses and death wishes against officials or named people
    ("insult.curse", "review", "那个书记不得好死"),
    ("insult.curse", "review", "你们这些当官的全家死光"),
    ("insult.curse", "review", "县长出门被车撞死"),
    ("insult.curse", "review", "贪官断子绝孙"),
    ("insult.curse", "review", "祝王局长全家不得好死"),
    ("insult.curse", "review", "这种狗官早晚遭报应，出门让车撞死"),
    ("insult.curse", "review", "你们这帮城管不得好死"),
    ("insult.curse", "review", "咒那个村支书断子绝孙"),
    # 4. self-harm as a threat to pressure an authority: a crisis signal
    ("threat.self_harm", "review", "再不解决我就从县政府楼上跳下去"),
    ("threat.self_harm", "review", "不给说法我就死在信访局门口"),
    ("threat.self_harm", "review", "我就喝农药死给你们看"),
    ("threat.self_harm", "review", "再不给我退钱，我就去镇政府门口自焚"),
    ("threat.self_harm", "review", "要是还不处理，我就在你们单位门口上吊"),
    ("threat.self_harm", "review", "你们再推，我就抱着孩子跳河"),
    ("threat.self_harm", "review", "拿不到工资我就从楼顶跳下去"),
    ("threat.self_harm", "review", "今天不给答复我就死在你们办公室"),
]

MISSES = [
    # reports, law, fiction, prevention
    "男子扬言“我要zha了县政府”，已被警方行政拘留。",
    "民警成功劝下欲跳楼男子。",
    "一女子站在信访局楼顶欲轻生，消防救援人员经过两小时劝说将其救下。",
    "心理援助热线：如果你有轻生的念头，请拨打12356。",
    "遇到想不开的朋友说“我不想活了”，请及时陪伴并拨打心理援助热线。",
    "王某因在网上辱骂县长“不得好死”，被依法行政拘留五日。",
    "小说中，老妇人咒骂恶霸不得好死。",
    "电视剧里反派临死前喊：你们全家死光！",
    "我发誓，如果说谎就不得好死。",
    "谁骗你谁不得好死，我保证说的是真的。",
    "我要是干了这种事，出门就被车撞死。",
    "断子绝孙是古代对人最恶毒的诅咒之一。",
    "一男子在县政府门口泼汽油欲自焚，被民警及时制止。",
    "消防员从楼顶救下一名欲跳楼的女子。",
    "警方通报：网民李某在评论区咒骂民警“全家死光”，已被行政拘留。",
    "一位老人爬上信访局楼顶扬言跳楼，民警耐心劝导，老人安全下楼。",
    "如发现有人有自杀倾向，请立即拨打110或心理援助热线。",
    "县里召开会议，要求对扬言自杀、自焚等极端行为提前介入、妥善化解。",
    "警方通报：张某扬言要烧了邻居家房子，已被依法拘留。",
    "这部剧里的恶霸最后不得好死，观众拍手称快。",
    # animals, food, plants and things are no target
    "我要杀了那只鸡炖汤。",
    "过年了，我明天就去把那头猪杀了。",
    "我要把鱼杀了做酸菜鱼。",
    "我要杀了黄鳝给孩子补补。",
    "我要砍了那棵树，挡着阳光了。",
    "我明天就去把院子里的竹子砍了。",
    "我要烧了这堆落叶。",
    "我要炸了这道题！",
    "今晚我要烧了这道红烧肉。",
    "我要宰了这只羊。",
    "我要把这只老母鸡宰了招待客人。",
    "我要砸了这台破电脑，天天死机。",
    "我要烧了这封信。",
    "我要把这些旧衣服烧了。",
    "我要把这个bug杀掉。",
    "今天终于把那只鸡杀了，晚上喝鸡汤。",
    "我一定要把这棵老树的枯枝砍掉。",
    "我要炸了这盘花生米。",
    "我要杀了这条蛇，它咬了我家的鸡。",
    "我要把这些杂草全部烧光。",
    # idioms of exaggeration
    "打死也不说。",
    "打死我也不相信。",
    "笑死我了，我要被这只猫萌死了。",
    "气死我了，我要炸了。",
    "我要干掉这碗饭。",
    "今天我要干掉这三碗米饭。",
    "我饿死了，我要吃饭。",
    "这天热得要死，我要去游泳。",
    "我要累死了，明天还得加班。",
    "老子今天要把这瓶酒干了。",
    # words of self-harm and fire in ordinary use
    "我要去县政府门口的广场跳广场舞。",
    "我明天去游泳馆跳水。",
    "我们要科学使用农药，防治病虫害。",
    "春节我要去放鞭炮，点火后迅速离开。",
    "不给说法我就一直上访。",
    "再不解决，我就去市里信访局反映。",
    "防汛期间严禁在河边游泳，谨防溺水。",
    "我要跳下去游泳，水太凉了。",
    "妈妈说我再不好好学习她就把我的游戏机砸了。",
    "我就从这里跳下去，看看能跳多远。",
]


def _cases(held: bool):
    hits = [pytest.param(r, s, t, id=t) for r, s, t in HITS if held_out(t) == held]
    misses = [pytest.param(t, id=t) for t in MISSES if held_out(t) == held]
    return hits, misses


_DEV_HITS, _DEV_MISSES = _cases(False)


@pytest.mark.parametrize("rule,severity,text", _DEV_HITS)
def test_hits(sc, rule, severity, text):
    found = _found(sc, text)
    assert [(f.rule, f.severity) for f in found] == [(f"prohibited.{rule}", severity)], text
    f = found[0]
    assert f.category == "improper_wording" and f.type == "prohibited_content"
    assert f.basis and f.message and f.suggestion is None


@pytest.mark.parametrize("text", _DEV_MISSES)
def test_misses(sc, text):
    assert not _found(sc, text), text


def test_rules_are_listed_and_read_back_by_the_shared_mechanisms():
    from scanner.detectors import threats
    from scanner.detectors.compositional import CompositionalDetector, _repairs

    assert {"prohibited.insult.curse", "prohibited.threat.self_harm"} <= set(CompositionalDetector.rules)
    fix = _repairs()  # (the act words' pinyin is in the compositional read-back, no second reader)
    assert fix["zha了"] == ("炸了", -1) and fix["炸le"] == ("炸了", -1) and fix["zhale"] == ("炸了", -1)
    assert threats.noisy_act("我要炸.了县政府") and not threats.noisy_act("我要炸鸡.了解一下")
    assert threats.spaced_pinyin(b" sha le ") and not threats.spaced_pinyin(b"shale gas")


def test_the_spaced_syllables_are_pypinyins_readings():
    from scanner.detectors import threats
    from scanner.disguise import _pinyin

    pairs = threats.spaced_pairs()
    for v, rs in threats._RESULT.items():
        for r in rs:
            py = _pinyin(v + r)
            assert f"{py[0]} {py[1]}" in pairs, v + r


def test_the_spans_and_messages(sc):
    (f,) = _found(sc, "再不解决我就从县政府楼上跳下去。")
    assert f.text == "我就从县政府楼上跳下去" and "危机信号" in f.message and "12356" in f.message
    (f,) = _found(sc, "那个书记不得好死！")
    assert f.text == "书记不得好死" and "侮辱" in f.message and "治安管理处罚法" in f.basis
    (f,) = _found(sc, "我要zha了县政府。")
    assert f.text == "我要zha了县政府" and f.severity == "block"


def test_default_scanner_routes_curses_and_self_harm_to_review():
    s = Scanner()
    assert s.scan("不给说法我就死在信访局门口").verdict == "review"
    assert s.scan("心理援助热线：如果你有轻生的念头，请拨打12356。").verdict == "pass"


#: a fresh set written after the rule was finished (none used while writing it): 19 of 20 found then
#: (the miss, 把你的挖掘机砸烂: a person's property before the act, was then taken in), 0 of 20 alarmed
FRESH_HITS = [
    "我要zha掉你们村委会",
    "明晚我就去shao了乡政府大院",
    "老子迟早sha了那个狗官",
    "我要捅.死.那个包工头",
    "信不信我tongsi你",
    "再不退钱我就把你家的店砸了",
    "我明天就去烧了他家的大棚",
    "再不赔偿，我就把你的挖掘机砸烂",
    "我要去乡政府门口点把火",
    "那个村主任不得好死",
    "祝你们这些贪官全家死光",
    "城管全家出门被车撞死",
    "那个镇长迟早天打雷劈",
    "再不给我解决，我就从信访局楼上跳下去",
    "工钱不给我就喝农药死在你们公司门口",
    "我明天就去镇政府门口自焚",
    "你们再不管，我就带着孩子去县政府跳楼",
    "今天不给个说法我就撞死在你们大门口",
    "兄弟们一起去shao了那个派出所",
    "我要杀-了-你们",
]
FRESH_MISSES = [
    "我要把那只大公鸡杀了过年吃。",
    "我明天就去把后院那棵枯树砍了。",
    "今晚我要把这条鲈鱼杀了清蒸。",
    "我要烧了这些枯枝败叶。",
    "这道数学题太难了，我要炸了。",
    "气死我了，今天的球赛我要炸了。",
    "笑死，我要被你们笑死了。",
    "警方通报：男子在网上扬言要zha了学校，已被刑拘。",
    "【辟谣】网传有人要去县政府门口点火，系谣言。",
    "女子站在桥上欲跳河，民警将其救下。",
    "心理援助热线12356提醒：如果你有自杀的想法，请及时求助。",
    "古人发誓常说“如违此誓，天打雷劈”。",
    "我发誓，要是我说了假话，就让我不得好死。",
    "这部武侠小说里，恶人最后都不得好死。",
    "我们要在广场点火放烟花庆祝新年。",
    "我要去健身房跳绳。",
    "我就从台阶上跳下去了，差点摔倒。",
    "孩子说不给买玩具就不吃饭，家长该怎么办？",
    "我要砸了这块冰，做冰饮。",
    "我要宰了这头肥猪，过年请大家吃杀猪菜。",
]


@pytest.mark.parametrize("text", FRESH_HITS)
def test_fresh_hits(sc, text):
    assert len(_found(sc, text)) == 1, text


@pytest.mark.parametrize("text", FRESH_MISSES)
def test_fresh_misses(sc, text):
    assert not _found(sc, text), text


def test_curse_quoted_after_a_verb_of_saying_is_reported():
    # h14r: a curse in quotes right after 骂/说/喊 is what someone said (news), not a curse aimed at
    # a person; a quoted curse with no such verb still reads
    from scanner import Scanner
    sc = Scanner()
    for text in ("老百姓骂贪官“不得好死”，反映了对腐败的痛恨，纪委表示将严肃查处。",
                 "村民喊着“天打雷劈”，情绪激动，民警耐心劝导。"):
        assert not [f for f in sc.scan(text).findings if f.rule == "prohibited.insult.curse"], text
    for text in ("狗官“不得好死”！", "书记不得好死。"):
        assert [f for f in sc.scan(text).findings if f.rule == "prohibited.insult.curse"], text
