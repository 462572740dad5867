"""The opt-in statistical name finder (scanner/detectors/names_nlp.py), built directly."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from scanner.detectors.names_nlp import NlpNameDetector
from scanner.normalize import build_views


@pytest.fixture(scope="module")
def det():
    return NlpNameDetector()


def names(det, text):
    fs = det.detect(build_views(text))
    for f in fs:
        assert text[f.start:f.end] == f.text  # offsets index the original text exactly
    return fs


def texts(det, text):
    return [f.text for f in names(det, text)]


def test_identity(det):
    assert det.name == "person_name_nlp"
    assert det.rules == ("pii.person_name",)


def test_name_in_free_text_without_cue(det):
    fs = names(det, "昨天王小明在公园散步")
    assert [(f.start, f.end, f.text) for f in fs] == [(2, 5, "王小明")]
    f = fs[0]
    assert (f.category, f.type, f.severity, f.rule) == ("personal_data", "person_name", "info", "pii.person_name")
    assert f.suggestion == "王某"
    assert "个人信息保护法" in f.basis
    assert 0.5 <= f.score <= 0.75


@pytest.mark.parametrize("text, name", [
    ("我叫赵新民，今年刚退休。", "赵新民"),
    ("据欧阳明轩回忆，当晚雨很大。", "欧阳明轩"),
    ("今天上午，刘德海和妻子一起去了医院。", "刘德海"),
])
def test_more_free_text_names(det, text, name):
    assert name in texts(det, text)


def test_offsets_exact_with_invisible_and_fullwidth_characters(det):
    # a zero-width space before the name and full-width punctuation: vis offsets map back
    text = "通报：\u200b昨天王小明在公园散步，　李永春说天气很好。"
    fs = names(det, text)
    got = {f.text for f in fs}
    assert {"王小明", "李永春"} <= got
    for f in fs:
        assert text[f.start:f.end] == f.text


def test_zero_width_inside_name_keeps_original_span(det):
    text = "昨天王\u200b小明在公园散步"
    fs = names(det, text)
    assert len(fs) == 1 and fs[0].text == "王\u200b小明" and (fs[0].start, fs[0].end) == (2, 6)


@pytest.mark.parametrize("text", [
    "县委书记张伟出席会议并讲话。",
    "张伟县长主持召开常务会议。",
    "市长李明在会上指出，要抓好落实。",
    "本条例自公布之日起施行。\n总理\u3000\u3000李克强\n2018年",
    "民航总局局长\n刘金国\u3000\u3000公安部副部长",
])
def test_public_officials_next_to_titles_are_ignored(det, text):
    assert texts(det, text) == []


def test_configured_public_officials_are_ignored():
    d = NlpNameDetector(public_officials=("王小明",))
    assert d.detect(build_views("昨天王小明在公园散步")) == []


@pytest.mark.parametrize("text", ["张某在家中被抓获。", "经查，李某某驾车逃逸。", "王某某、赵某二人被依法处理。"])
def test_masked_names_are_ignored(det, text):
    assert texts(det, text) == []


@pytest.mark.parametrize("text", [
    "我们要坚持以人民为中心的发展思想，推动高质量发展。",
    "明白了这个道理，大家都很高兴。",
    "阳光明媚，祝福祖国繁荣昌盛。",
    "金山区和张家港市签订合作协议。",
    "这项技术成本高，成功率低。",
])
def test_ordinary_words_places_and_organisations_are_not_names(det, text):
    assert texts(det, text) == []


@pytest.mark.parametrize("text,name", [
    ("台湾片商与周星驰所商谈的合作计划", "周星驰"),      # 所 here is a particle, not 研究所
    ("对于谭雅玲所在的中国银行，这是一次考验。", "谭雅玲"),
    ("江苏某律师事务所徐骏律师则认为，银行有责任。", "徐骏"),  # a lawyer is a person, 律师事务所 is not
    ("电影里就有一个任达华站在这条街上的镜头。", "任达华"),
])
def test_particles_after_a_name_are_not_organisation_words(det, text, name):
    assert name in texts(det, text)


def test_name_before_an_organisation_word_is_not_a_person(det):
    assert texts(det, "他在北京金杜律师事务所工作。") == []


def test_transliteration_with_its_original_spelling_is_one_name(det):
    text = "随后，格哈德·里希特(gerhardrichter)1987年的作品上拍。"
    fs = names(det, text)
    assert [f.text for f in fs] == ["格哈德·里希特(gerhardrichter)"]
    assert text[fs[0].start:fs[0].end] == fs[0].text


def test_transliterated_name_joined_by_middle_dot(det):
    fs = names(det, "主帅表示，斯图尔特·卡里今天首发。")
    assert [f.text for f in fs] == ["斯图尔特·卡里"]
    assert fs[0].suggestion == "某某"


def test_empty_and_non_chinese_text(det):
    assert det.detect(build_views("")) == []
    assert det.detect(build_views("2024-01-01 12:00, ok!")) == []


def test_threshold_comes_from_the_model_calibration(det):
    cal = det.tagger.meta.get("calibration", {})
    assert det.threshold == cal.get("threshold", 0.2)
    assert NlpNameDetector(threshold=0.9).threshold == 0.9


def test_thread_safe_after_construction(det):
    cases = ["昨天王小明在公园散步", "村民李永春说，今年收成不错。", "县委书记张伟出席会议并讲话。",
             "张某在家中被抓获。"] * 25
    expected = [texts(det, t) for t in cases]
    with ThreadPoolExecutor(max_workers=8) as ex:
        got = list(ex.map(lambda t: texts(det, t), cases))
    assert got == expected


def test_from_config_passes_public_officials():
    from scanner.config import ScannerConfig

    d = NlpNameDetector.from_config(ScannerConfig(public_officials=("王小明",), bundled_lexicons=False,
                                                  detectors=("personal_data",)))
    assert d.public_officials == frozenset({"王小明"})


def test_a_name_running_to_the_end_of_the_text_stays_inside_it():
    """A transliteration with its original spelling whose bracket is never closed, at the very end
    of the text: the span must not reach past the end (a stand-in model marks the name)."""
    from scanner.name_tagger import load_tagger

    real = load_tagger()
    text = "作品出自格哈德·里希特(gerhardrichter"
    start = text.index("格")

    class Marked:
        meta = real.meta

        def probabilities(self, v):
            import numpy as np

            p = np.zeros(len(v))
            p[start:] = 1.0
            return p

    fs = NlpNameDetector(tagger=Marked()).detect(build_views(text + "\u200b"))  # an invisible character last
    assert fs and all(f.end <= len(text) + 1 and (text + "\u200b")[f.start:f.end] == f.text for f in fs)
    assert fs[0].text.startswith("格哈德·里希特(gerhardrichter")
