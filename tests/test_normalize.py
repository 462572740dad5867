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


def test_noise_symbols_are_removed_in_dense_but_separators_quotes_and_brackets_are_not():
    v = build_views("赌*博，赌 博。赌.博、“赌-博”（赌★博）赌♥博赌→博赌×博")
    assert v.dense == "赌博,赌博。赌博、“赌博”(赌博)赌博赌博赌博"
    # 法，轮，功 is a compiled variant (scanner.disguise), never a join across 豪赌，博弈


def test_middle_dots_of_every_script_are_noise():
    # · (simplified names), ‧ (traditional text's hyphenation point), ・ and ･ (Japanese, full and half width)
    v = build_views("赌·博赌•博赌‧博赌・博赌･博")
    assert v.dense == "赌博赌博赌博赌博赌博"
    for src in ("修炼法‧轮‧功", "修炼法・轮・功", "修炼法･轮･功"):
        assert dense(src) == "修炼法轮功"


def test_number_styles_stay_in_the_views():
    src = "①加强领导 ⑥合彩 一二三"
    v = build_views(src)
    assert v.norm == src and v.dense == "①加强领导⑥合彩一二三"  # variants carry number styles


def test_repeated_han_characters_collapse_with_exact_spans():
    src = "兜售冰冰冰毒毒，天天向上"
    v = build_views(src)
    assert v.dense == "兜售冰毒,天向上"
    i = v.dense.index("冰毒")
    s, e = v.dense_span(i, i + 2)
    assert src[s:e] == "冰冰冰毒毒"
    assert dense("冰冰毒") == "冰毒"
    # digits and Latin letters never collapse: 11 is eleven
    assert dense("1100") == "1100" and dense("kkk") == "kkk"


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
