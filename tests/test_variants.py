"""Misspelt variants of key terms (scanner.variants), the key_terms lexicon and a county lexicon folder."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from scanner import Scanner, bundled_lexicon_dir, load_lexicons
from scanner.lexicon import check_examples, lint
from scanner.normalize import normalize
from scanner import variants
from scanner.variants import homophones, lookalikes, misspellings, readings

REPO = Path(__file__).resolve().parent.parent
COUNTY = REPO / "docs" / "examples" / "county-lexicon"


def bundled_key_terms() -> list[str]:
    lexset = load_lexicons([bundled_lexicon_dir()])
    return sorted({e.variant_of for e in lexset.entries if e.variant_of and e.lexicon == "key_terms"})


# ---------------------------------------------------------------- the generator
def test_homophones_lookalikes_and_transpositions():
    vs = misspellings("习近平")
    assert "习近苹" in vs and "习进平" in vs and "席近平" in vs  # homophones, tone ignored
    assert "习近乎" in vs  # look-alike (乎/平)
    assert "近习平" in vs and "习平近" in vs  # adjacent transpositions
    assert "习近平" not in vs
    one = misspellings("一国两制")
    assert "一郭两制" in one and "一国两治" in one


def test_every_variant_differs_by_one_slip():
    for term in ("习近平", "中国特色社会主义", "两个维护", "李强"):
        for v in misspellings(term):
            assert len(v) == len(term) and v != term
            diff = [i for i in range(len(term)) if v[i] != term[i]]
            assert len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                      and v[diff[0]] == term[diff[1]] and v[diff[1]] == term[diff[0]]), v
            assert normalize(v) == v  # a variant the normaliser would change could never match


def test_deterministic_and_cached():
    a = misspellings("社会主义核心价值观")
    variants._misspellings.cache_clear()
    b = misspellings("社会主义核心价值观")
    assert a == b and len(a) == len(set(a)) > 100
    assert misspellings("党中央") is not misspellings("党中央")  # callers get their own list


def test_common_readings_only():
    assert set(readings("长")) == {"chang", "zhang"}
    assert readings("平") == ("ping",)  # not the rare bing/pian/beng
    assert "病" not in homophones("平") and "评" in homophones("平")
    assert "巳" in lookalikes("己") and "已" in lookalikes("己")
    assert set("戌戊") <= set(lookalikes("戍"))
    assert lookalikes("候") == "侯" and "末" in lookalikes("未")


def test_real_words_and_corpus_strings_are_not_misspellings():
    # seen in official texts / general Chinese text: 能力强, 里希·苏纳克, 科学发展规划, 武汉正在
    assert "力强" not in misspellings("李强")
    assert "里希" not in misspellings("李希")
    assert "科学发展规" not in misspellings("科学发展观")
    assert "汉正" not in misspellings("韩正")
    # a jieba word at least as frequent as the correct form is a word of its own …
    assert "亳州" not in misspellings("毫州")
    # … but jieba's dictionary also lists misprints, rarer than the correct form: those stay
    assert "毫州" in misspellings("亳州")
    assert "毛译东" in misspellings("毛泽东")


def test_characters_outside_gb2312_still_have_a_reading():
    assert readings("镕") == ("rong",)  # 朱镕基: not in GB 2312, read from pypinyin's table
    assert "朱容基" in misspellings("朱镕基")


def test_stoplist_covers_every_bundled_key_term():
    _, covered = variants._stoplist()
    assert set(bundled_key_terms()) <= covered, "run: python -m scanner.variants build-stoplist --corpus ../shared/data"


def test_stoplist_is_up_to_date(tmp_path):
    from conftest import DATA

    if not (DATA / "corpus-xwlb-cctv").is_dir():
        pytest.skip("shared data not found")
    out = tmp_path / "stop.txt"
    variants._build_stoplist([bundled_lexicon_dir()], DATA, out)
    assert out.read_text(encoding="utf-8") == variants._STOP_PATH.read_text(encoding="utf-8"), \
        "data/variant_stoplist.txt is stale: python -m scanner.variants build-stoplist --corpus ../shared/data"


def test_generating_every_bundled_variant_is_fast():
    terms = bundled_key_terms()
    variants._misspellings.cache_clear()
    t = time.perf_counter()
    n = sum(len(misspellings(x)) for x in terms)
    assert n > 3000
    assert time.perf_counter() - t < 1.0


# ---------------------------------------------------------------- the key_terms lexicon
@pytest.fixture(scope="module")
def scanner():
    return Scanner()


def test_misspelt_leader_name_is_blocked_with_the_correct_form(scanner):
    r = scanner.scan("深入学习贯彻习近乎总书记重要讲话精神。")
    (f,) = [f for f in r.findings if f.type == "key_term_misspelling"]
    assert (f.text, f.suggestion, f.severity, f.rule) == ("习近乎", "习近平", "block", "keyterm.leader.xi_jinping")
    assert "习近平" in f.message and r.verdict == "block"


def test_correct_forms_are_never_reported(scanner):
    text = ("以习近平同志为核心的党中央，坚持和发展中国特色社会主义，全面准确贯彻“一国两制”方针，"
            "国务院总理李强、全国人大常委会委员长赵乐际、全国政协主席王沪宁、蔡奇、丁薛祥、李希、国家副主席韩正出席。")
    assert [f for f in scanner.scan(text).findings if f.type == "key_term_misspelling"] == []


@pytest.mark.parametrize("text", ["该企业研发能力强，产品远销海外。", "武汉正在加快建设国家中心城市，市委书记强调。",
                                  "我们要勇于担当中央赋予的重大使命。", "遵循科学发展规律，制订科学发展规划。",
                                  "他的学习近乎疯狂。"])
def test_ordinary_text_with_a_variant_inside_a_word(scanner, text):
    assert [f.text for f in scanner.scan(text).findings if f.type == "key_term_misspelling"] == []


def test_official_texts_have_no_misspelt_key_terms(scanner):
    from conftest import official_texts

    hits = [(i, f.text) for i, t in official_texts() for f in scanner.scan(t).findings
            if f.type == "key_term_misspelling"]
    assert hits == []


def test_recall_on_real_sentences(scanner):
    """Put variants of each key term into real sentences that contain the term: nearly all are found."""
    from conftest import official_texts

    big = "\n".join(t for _, t in official_texts())
    found = total = 0
    for term in bundled_key_terms():
        vs = misspellings(term)[::7][:6]
        for m in list(re.finditer(re.escape(term), big))[:3]:
            a, b = max(0, m.start() - 30), m.end() + 30
            for v in vs:
                text = big[a:m.start()] + v + big[m.end():b]
                total += 1
                found += any(f.type == "key_term_misspelling" for f in scanner.raw_findings(text))
    assert total > 500 and found / total >= 0.93, (found, total)


# ---------------------------------------------------------------- a county's own lexicon folder
def test_county_lexicon_folder_loads_and_reports_itself():
    s = Scanner(lexicon_dirs=[str(COUNTY)])
    info = s.info()
    names = {x["name"]: x for x in info["lexicons"]}
    for name in ("county_example_leaders", "county_example_places", "county_example_investigated",
                 "county_example_allow"):
        assert name in names, name
        assert names[name]["version"] == "2026.11.1-example"
        assert Path(names[name]["file"]).parent == COUNTY
    assert "key_terms" in names  # the bundled set is still there
    assert info["lexicon_version"].endswith("+2026.11.1-example")
    assert names["county_example_leaders"]["entries"] > 50  # variants of 4 names
    assert not check_examples(s, [f for f in s.lexicons.files if f.name.startswith("county_example")])


def test_county_lexicon_findings():
    s = Scanner(lexicon_dirs=[str(COUNTY)])
    (f,) = [f for f in s.scan("县委书记王示反主持召开会议。").findings if f.type == "key_term_misspelling"]
    assert (f.suggestion, f.rule) == ("王示范", "county_example.leader.secretary")
    # its allow list keeps the invented town 李墙镇 from matching the leader-name variant 李墙
    assert s.scan("李墙镇党委书记带队检查防汛工作。").verdict == "pass"
    assert Scanner().scan("李墙镇党委书记带队检查防汛工作。").verdict == "block"


def test_county_lexicon_lints_clean():
    errors, _ = lint([bundled_lexicon_dir(), COUNTY],
                     scanner_factory=lambda d: Scanner(bundled_lexicons=False, lexicon_dirs=[str(x) for x in d]))
    assert errors == []
