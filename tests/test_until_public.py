"""Secrets until an event or a conclusion, and trade secrets given as values (h15c): an open discipline
case's details, an exam's question before the exam, a security plan's arms and forces, named customers
with their price, unaudited figures beside a listing plan. Sentences written for these tests (not taken
from benchmarks/data/drafts_eval.jsonl)."""
import pytest

from scanner import Scanner


@pytest.fixture(scope="module")
def sc():
    return Scanner()


def types(sc, text):
    return {f.type for f in sc.scan(text).findings if f.severity in ("block", "review")}


@pytest.mark.parametrize("text,typ", [
    ("警示教育大会通报：目前，市监委已对某局原局长王某某采取留置措施，其涉嫌收受他人财物80万元，相关线索正在进一步核实。",
     "secret_topic"),
    ("县监委已对该所原所长立案调查，有关线索仍在核查。", "secret_topic"),
    ("乡镇公务员面试将于下周六举行。据悉，面试第二题为：“如何看待基层干部的形式主义问题？”请考生提前做好准备。",
     "secret_topic"),
    ("青山县国庆节安保工作预案\n力量部署：在火车站广场部署特警力量8人，配发防暴枪2支。", "secret_topic"),
    ("据介绍，该厂主要客户包括华为、小米等企业，供货价格约每件12.5元。", "trade_secret"),
    ("公司今年上半年未经审计的净利润为3200万元，计划明年在北交所挂牌上市。", "trade_secret"),
])
def test_found(sc, text, typ):
    assert typ in types(sc, text), sc.scan(text).findings


@pytest.mark.parametrize("text", [
    "某局原局长王某某涉嫌严重违纪违法，目前正接受县纪委监委纪律审查和监察调查。",
    "经查，王某某收受财物80万元。县纪委监委对其立案审查调查并采取留置措施。日前，经县委批准，给予王某某开除党籍处分，"
    "移送检察机关依法审查起诉。",
    "2025年公务员面试已于上月结束，面试第一题为：“谈谈你对乡村振兴的理解。”考后解析如下。",
    "县公安局开展专项行动，共缴获枪支3支。",
    "春节期间，全县共出动警力500余人次，确保群众平安过节。",
    "公司发布业绩快报，未经审计的营业收入为5亿元，公司已于去年上市。",
    "本周生猪出厂价格每公斤15元，较上周上涨。",
    "公司产品销往全国20多个省份，出厂价格每吨800元左右。",
])
def test_quiet(sc, text):
    assert not types(sc, text) & {"secret_topic", "trade_secret"}, sc.scan(text).findings
