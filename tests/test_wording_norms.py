"""Rows written from the public wording norms (issue 16, h16g): what the norms say behaves as they say.

Sentences here are written from the norms' own wording (docs/WORDING_NORMS.md), not from any
benchmark item."""
import pytest

from scanner import bundled_lexicon_dir, load_lexicons

LEXSET = load_lexicons([bundled_lexicon_dir()])


def rules(scanner, text, severities=("block", "review")):
    return {f.rule for f in scanner.scan(text).findings if f.severity in severities}


@pytest.mark.parametrize("text, rule", [
    ("台湾地区副总统近日出访。", "taiwan.region_vice_president"),            # 涉台意见(2016) 第1条
    ("据台媒报道，台湾内政部公布了数据。", "taiwan.quote_ministry_interior"),   # 第2条: 下属机构如“内政部”
    ("有台商在宣传册上沿用民国113年的写法。", "taiwan.roc_era_113"),            # 第1条: 不使用“中华民国”纪年
    ("这家中台合资企业落户我县。", "hkmotw.jv_taiwan"),
    ("市文广新局组织送戏下乡。", "outdated.local.wgx"),                        # 地方机构改革(2018-2019)
    ("纳税人可到区地税局办税服务厅办理申报。", "outdated.local_ltb"),           # 国税地税合并(2018)
    ("会议传达学习了中央财经领导小组会议精神。", "outdated.central_finance_group"),
    ("双方依据中外合资经营企业法的规定签订了协议。", "outdated.law.equity_jv"),  # 外商投资法 第四十二条
    ("网帖称有河南小偷在车站附近作案。", "wording.slur.label"),   # 新华社2016 法律法规类 (a rule now: detectors/wording.py)
    ("社区开设了自闭症儿童康复训练班。", "cdpf.autism"),                      # 中国残联(2022) 第7条
])
def test_norm_rows_fire(scanner, text, rule):
    assert rule in rules(scanner, text)


@pytest.mark.parametrize("text", [
    "台湾大选结束后，在我县投资的台商表示将继续扎根大陆发展。",     # 2016 norm: 可简称为“台湾大选”
    "据台媒报道，台湾“内政部”日前公布了相关数据。",                  # quoted as the norm asks
    "2018年，中央财经领导小组改为中央财经委员会。",                  # history of the reform itself
    "1912年1月1日，孙中山在南京宣誓就任临时大总统。",
    "泰国、中国香港等国家和地区的运动员开始备赛。",
    "不少消费者吃了哑巴亏却投诉无门。",
    "全市肺结核患者治愈率保持在90%以上。",                          # 治愈率 only in drug promotion
])
def test_norm_rows_stay_quiet(scanner, text):
    mine = {r for r in rules(scanner, text, ("block", "review", "info"))
            if r.startswith(("taiwan.", "hkmotw.", "cdpf.", "outdated.local", "outdated.central", "outdated.law.",
                             "xinhua.region_prefix", "xinhua.identity_prefix", "xinhua.med_cure", "xinhua.pair"))}
    assert not mine, mine


@pytest.mark.parametrize("name, least", [("outdated_local", 50)])
def test_spelt_out_rules_get_no_disguised_spellings(name, least):
    # local bureau names over five levels: their disguised spellings would add automaton keys for words
    # nobody hides (the region/occupation label prefixes are a rule now: scanner/detectors/wording.py)
    f = next(f for f in LEXSET.files if f.name == name)
    assert f.disguise == "none" and not f.variants
    assert len(f.entries) > least


def test_every_reform_row_names_the_replacement_and_the_year():
    ids = ("outdated.central", "outdated.local", "outdated.safea", "outdated.fsdc", "outdated.local_ltb")
    rows = [e for e in LEXSET.entries if e.id.startswith(ids) and e.variant_of is None]
    assert len(rows) > 50
    for e in rows:
        assert e.suggestion, e.id
        assert any(y in (e.basis + (e.message or "")) for y in ("2008", "2013", "2018", "2023")), e.id
