import numpy as np
import pytest

from scanner.normalize import build_views, dense, normalize


def test_norm_is_length_preserving_and_folds_disguises():
    src = "臺灣總統ＡＢＣ１２３𝐀𝟏ⒶHELLO"
    n = normalize(src)
    assert len(n) == len(src)
    assert n == "台湾总统abc123a1ahello"


def test_list_numbers_and_chinese_numerals_are_not_digits():
    src = "①⑴⒈一二三"
    assert normalize(src) == src


def test_simplified_text_is_not_changed():
    # characters that are both traditional forms and standard simplified characters stay
    for s in ("乾隆", "于是", "著作", "干部", "后来", "发展"):
        assert normalize(s) == s


def test_dotless_capital_i_keeps_length():
    # 'İ'.lower() is two characters: it must not be folded
    assert len(normalize("İstanbul")) == len("İstanbul")


def test_invisible_characters_leave_vis_and_dense_views_with_exact_maps():
    src = "赌\u200b博\ufeff网站 138\u200d1234"
    v = build_views(src)
    assert v.vis == "赌博网站 1381234"
    assert v.dense == "赌博网站1381234"
    s, e = v.dense_span(0, 2)
    assert src[s:e] == "赌\u200b博"
    s, e = v.vis_span(5, 12)
    assert src[s:e] == "138\u200d1234"


def test_noise_symbols_are_removed_in_dense_but_chinese_punctuation_is_not():
    v = build_views("赌*博，赌 博。赌.博、“赌-博”")
    assert v.dense == "赌博,赌博。赌博、“赌博”"


def test_views_without_noise_have_no_map():
    v = build_views("全县生产总值增长")
    assert v.dense_map is None and v.vis_map is None
    assert v.dense_span(2, 4) == (2, 4)


def test_lone_surrogates_and_astral_characters_keep_offsets():
    src = "a\ud800b😀𠀀赌 博"
    v = build_views(src)
    assert len(v.norm) == len(src)
    i = v.dense.index("赌博")
    s, e = v.dense_span(i, i + 2)
    assert src[s:e] == "赌 博"


def test_dense_of_a_term():
    assert dense("Internal Use-Only") == "internaluseonly"


def test_traditional_forms_that_are_rare_simplified_characters_fold():
    assert normalize("徵求意見稿成立於戰略夥伴") == "征求意见稿成立于战略伙伴"
