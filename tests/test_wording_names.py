"""The names rules of scanner/detectors/wording.py (issue 16, tenth session, h16r): old names of peoples,
colour slurs, vulgar words for relations, a divided state's compass names, "governments in exile" and
国父. Examples written from each rule's norm (none from benchmarks/disguise_items.py): what must hit,
what must stay quiet, exact offsets."""
from __future__ import annotations

import pytest

from scanner import Scanner
from scanner.detectors import wording as W
from tests.test_wording_rules import found  # (exact offsets, then (text, type, rule) of each finding)


@pytest.fixture(scope="module")
def sc():
    return Scanner(detectors=("wording",), bundled_lexicons=False)


NAME_RULES = {"wording.slur.old_name", "wording.slur.colour", "wording.slur.relation", "wording.state.compass",
              "wording.state.hostile", "wording.tw.exile", "wording.tw.founder"}

HITS = [
    # 政务院 1951 (discriminating names of peoples): two of 蛮 夷 戎 狄, a compass with one, 胡虏 鞑子 番邦
    ("他在帖子里把邻国人统统称作夷狄。", "夷狄", "banned_term", "wording.slur.old_name"),
    ("有网民发帖称西北人是戎狄后裔不开化。", "戎狄", "banned_term", "wording.slur.old_name"),
    ("这些南蛮说话我们听不懂。", "南蛮", "banned_term", "wording.slur.old_name"),
    ("评论里有人骂对方是鞑子。", "鞑子", "banned_term", "wording.slur.old_name"),
    ("在他眼里那些番邦小国都不值一提。", "番邦", "banned_term", "wording.slur.old_name"),
    # 新华社 国际关系类 (skin colour): a colour and a derogatory head
    ("视频里他冲着留学生喊白皮猪。", "白皮猪", "banned_term", "wording.slur.colour"),
    ("球场上有人冲对方球员喊黑佬。", "黑佬", "banned_term", "wording.slur.colour"),
    ("网帖称那几个白鬼子又来了。", "白鬼子", "banned_term", "wording.slur.colour"),
    # vulgar words for a relation (新华社 2016 不文明用语; 网络信息内容生态治理规定 第七条)
    ("网传某公司老总养了三奶。", "三奶", "banned_term", "wording.slur.relation"),
    ("她怀疑丈夫在外面有了小四。", "小四", "banned_term", "wording.slur.relation"),
    ("那个姘头后来卷走了全部存款。", "姘头", "banned_term", "wording.slur.relation"),
    # a divided state's compass name (北朝鲜 → 朝鲜 is the list's row)
    ("南韩总统近日访问日本。", "南韩", "banned_term", "wording.state.compass"),
    ("2024年南朝鲜方面宣布延长兵役。", "南朝鲜", "banned_term", "wording.state.compass"),
    # hostile names of states
    ("有人在评论里一口一个支那人。", "支那", "banned_term", "wording.state.hostile"),
    ("他在视频里管邻国叫棒子国。", "棒子国", "banned_term", "wording.state.hostile"),
    ("帖子里满是小日本之类的字眼。", "小日本", "banned_term", "wording.state.hostile"),
    # "governments in exile" of separatist groups
    ("藏人行政中央近日发表所谓声明。", "藏人行政中央", "political_term", "wording.tw.exile"),
    ("东突厥斯坦流亡政府在海外集会。", "东突厥斯坦流亡政府", "political_term", "wording.tw.exile"),
    # 国父 for 孙中山
    ("台北的国父纪念馆举行纪念活动。", "国父", "needs_quotes", "wording.tw.founder"),
    ("纪念国父孙中山先生诞辰。", "国父", "needs_quotes", "wording.tw.founder"),
]


@pytest.mark.parametrize("text, span, type_, rule", HITS)
def test_names_hit(sc, text, span, type_, rule):
    assert (span, type_, rule) in found(sc, text)


MISSES = [
    "东夷文化是山东古代文化的重要源头。",      # archaeology
    "春秋时期，戎狄不断南下中原。",            # history
    "师夷长技以制夷是近代的口号。",            # 师夷, 制夷
    "同盟会提出驱除鞑虏，恢复中华。",          # a programme of 1905 quoted as history
    "俄罗斯鞑靼斯坦共和国首府喀山。",          # 鞑靼 is a people's name
    "黑猩猩是人类的近亲。",                    # an animal
    "漆黑鬼魅的夜晚。",                        # 黑 in 漆黑
    "白皮书介绍了有关情况。",                  # 白皮书
    "黄皮书收录了相关标准。",
    "二奶奶给孩子们做饭。",                    # a grandmother
    "两岸“小三通”客运航线复航。",              # the cross-strait links
    "各地开展“小三级”工会建设。",
    "逐步缩小三大差别。",                      # 缩小 三大
    "孩子今年上小三，成绩不错。",              # 小学三年级 (the school words)
    "小蜜蜂在花丛中飞舞。",                    # a bee
    "乙肝小三阳患者应定期复查。",              # hepatitis B
    "这段旋律用了小三和弦。",                  # a minor chord
    "村里的小四轮拖拉机。",                    # a tractor
    "1985年，美国从南朝鲜撤军的问题被提出。",  # history by the year
    "志愿军与联合国军及南朝鲜军队激战。",      # the Korean War
    "支持朝鲜人民要求美国军队撤出南朝鲜。1964年的报告指出。1965年再次重申。",  # a 1960s text
    "所谓“西藏流亡政府”发表声明。",            # quoted, 所谓
    "所谓西藏流亡政府的声明毫无意义。",        # 所谓 spoken
    "波兰流亡政府在伦敦成立。",                # a foreign state's exile government of 1939
    "美国父母担心孩子的安全。",                # 美国 父母
    "越南当局在印度支那推行地区霸权主义。",    # Indochina
    "从财政收支那一方面来看。",                # 收支|那
    "《魏志·倭人传》是研究古代日本的史料。",   # a history source
    "新加坡国父李光耀。",                      # another state's founder
    "台湾当局称孙中山为“国父”。",              # quoted
    "中国父亲节的由来。",                      # 父亲
    "天黑 鬼魂出没的传说。",                   # spaced, and 天黑 a word
    "北海道的白老町是爱努人聚居地。",          # 白老 (a town): 佬 is not read back from 老
]


@pytest.mark.parametrize("text", MISSES)
def test_names_quiet(sc, text):
    assert not [f for f in found(sc, text) if f[2] in NAME_RULES]


def test_name_words_are_lone_and_gated():
    words = W.name_words()
    assert {"夷狄", "东夷", "黑鬼", "小四", "南韩", "国父"} <= words and not {"白皮猪", "藏人行政中央"} & words
    assert words <= W.lone_words() and set(words) <= set(W.disguise_words())
    assert NAME_RULES <= set(W.WordingRuleDetector.rules)


@pytest.fixture(scope="module")
def full():
    return Scanner()


@pytest.mark.parametrize("text, rule", [
    ("他在帖子里把邻国人称作夷，狄。", "wording.slur.old_name"),   # a separator (the read-back)
    ("他在帖子里把邻国人称作夷★狄。", "wording.slur.old_name"),   # a symbol
    ("这些蛮x说话我们听不懂。", "wording.slur.old_name"),         # a mask
    ("南★韩总统近日访问日本。", "wording.state.compass"),
    ("网传某公司老总养了三★奶。", "wording.slur.relation"),
    ("这些蛮　夷说话我们听不懂。", "wording.slur.old_name"),      # one blank (a gate word of its own)
    ("纪念国 父孙中山先生。", "wording.tw.founder"),
])
def test_names_carry_over_disguises(full, text, rule):
    assert any(r == rule for _t, _ty, r in found(full, text)), found(full, text)


# ------------------------------------------------------------------ slips in fixed formulations
SLIPS = [
    ("会议审议了全国人民代表大汇常务委员会工作报告。", "人民代表大汇", "wording.key.last_char"),
    ("县人民代表大合第三次会议开幕。", "人民代表大合", "wording.key.last_char"),
    ("中国人民政治协商会仪全国委员会。", "中国人民政治协商会仪", "wording.key.last_char"),
    ("中华人民共和困成立七十五周年。", "中华人民共和困", "wording.key.last_char"),
    ("党的十九届六中金会审议通过决议。", "六中金会", "wording.key.plenary"),
    ("党的二十届四钟全会召开。", "四钟全会", "wording.key.plenary"),
    ("学习贯彻二十届三中全绘精神。", "三中全绘", "wording.key.plenary"),
    ("学习贯彻二十届三中全全精神。", "三中全全", "wording.key.plenary"),  # a doubled character the dense view folds
    ("学习贯彻二十届➂中全汇精神。", "➂中全汇", "wording.key.plenary"),  # a styled number
]


@pytest.mark.parametrize("text, span, rule", SLIPS)
def test_slips_hit(sc, text, span, rule):
    assert (span, "key_term_misspelling", rule) in found(sc, text)


SLIPS_QUIET = [
    "全国人民代表大会常务委员会。",
    "学习贯彻二十届三中全会精神。",
    "学习贯彻二十届三中全全会精神。",      # a repeat of 全会 (a disguise of the right name), not a slip
    "省委十一届四次全会召开。",            # a province's plenary: 次, not 中
    "推动高质量发布会召开。",              # 高质量发|布会: 发布 a word
    "中国式现代性问题研究。",              # 现代性 a word
    "中國特色社會主義。",                  # traditional script
    "十四届全国人大一次会议。",
    "学习贯彻二十届➂中全会精神。",
    "第十四届3次会议。",
]


@pytest.mark.parametrize("text", SLIPS_QUIET)
def test_slips_quiet(sc, text):
    assert not [f for f in found(sc, text) if f[2].startswith("wording.key.")]


def test_exclusive_endings_are_key_terms():
    from pathlib import Path

    rows = Path(W.__file__).resolve().parents[2] / "lexicons" / "improper_wording" / "key_terms.tsv"
    terms = {line.split("\t")[1] for line in rows.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith(("#", "id\t"))}
    assert set(W.SLIP_TERMS) <= set(W.EXCLUSIVE_ENDINGS) <= terms


@pytest.mark.parametrize("text, span", [
    ("网上有人发布xizangliuwangzhengfu相关信息。", "xizangliuwangzhengfu"),   # pinyin, joined
    ("网上有人发布 xi zang liu wang zheng fu 相关信息。", "xi zang liu wang zheng fu"),
])
def test_exile_names_pinyin(full, text, span):
    assert (span, "political_term", "wording.tw.exile") in found(full, text)


def test_exile_names_read_back_as_pinyin_only():
    assert W.exile_words() <= W.pinyin_only_words() and not W.exile_words() & set(W.disguise_words())
