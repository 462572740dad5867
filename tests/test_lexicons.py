"""Every bundled lexicon loads cleanly and every one of its examples behaves."""
import pytest

from scanner import Scanner, bundled_lexicon_dir, load_lexicons
from scanner.lexicon import check_examples, lint

LEXSET = load_lexicons([bundled_lexicon_dir()])


@pytest.mark.parametrize("lexfile", LEXSET.files, ids=[f.name for f in LEXSET.files])
def test_examples(scanner, lexfile):
    failures = check_examples(scanner, [lexfile])
    assert not failures, "\n".join(failures)


def test_every_deny_entry_has_a_basis_and_a_hit_example():
    for f in LEXSET.files:
        if f.category == "allow":
            continue
        hits = {ex.rule for ex in f.examples if ex.expect == "hit"}
        missing = [e.id for e in f.entries if e.id not in hits]
        assert not missing, f"{f.name}: entries without a hit example: {missing[:20]}"
        assert all(e.basis for e in f.entries)


def test_lint_is_clean():
    errors, _ = lint([bundled_lexicon_dir()], scanner_factory=lambda d: Scanner(bundled_lexicons=False,
                                                                               lexicon_dirs=[str(x) for x in d]))
    assert errors == []


def test_first_lexicon_set_size():
    by_type = {}
    for e in LEXSET.entries:
        by_type[e.type] = by_type.get(e.type, 0) + 1
    xinhua = next(f for f in LEXSET.files if f.name == "xinhua_style")
    assert len(xinhua.entries) >= 100
    assert by_type.get("internal_marker", 0) >= 20
    assert by_type.get("prohibited_content", 0) >= 100


def _one_row_lexicon(tmp_path, options: str) -> None:
    (tmp_path / "manifest.toml").write_text(
        'version = "u"\n[[lexicon]]\nname = "u"\nfile = "u.tsv"\ncategory = "improper_wording"\n'
        'version = "1"\nsource = "t"\nlicence = "CC0-1.0"\n', encoding="utf-8")
    (tmp_path / "u.tsv").write_text(
        "id\tterm\ttype\tsuggestion\tbasis\toptions\n"
        f"u.old\t城建局\toutdated_term\t住房和城乡建设局\tx\t{options}\n", encoding="utf-8")


def test_until_reads_the_years_around_a_superseded_name(tmp_path):
    _one_row_lexicon(tmp_path, "until=2018")
    s = Scanner(bundled_lexicons=False, lexicon_dirs=[str(tmp_path)], detectors=("lexicon",))
    rules = lambda t: [f.rule for f in s.scan(t).findings]  # noqa: E731
    assert rules("请到县城建局办理。") == ["u.old"]  # no year: read as written today
    assert rules("2024年起，请到县城建局办理。") == ["u.old"]  # a later year
    assert rules("2016年，请到县城建局办理。") == []  # a year up to the change in its sentence
    assert rules("县城建局。") == ["u.old"]
    # most of the text's years are up to the change: an old document says it rightly
    assert rules("2010年工作安排。县城建局负责审批。2011年底前完成。") == []
    assert rules("2010年工作安排。县城建局负责审批。2023年、2024年底前完成。") == ["u.old"]


@pytest.mark.parametrize("bad", ["until=18", "until=abc", "until=2200"])
def test_until_must_be_a_year(tmp_path, bad):
    from scanner.errors import LexiconError

    _one_row_lexicon(tmp_path, bad)
    with pytest.raises(LexiconError, match="until="):
        load_lexicons([tmp_path], cache=False)


def test_until_one_year_elsewhere_dates_an_event_not_the_text(tmp_path):
    _one_row_lexicon(tmp_path, "until=2018")
    s = Scanner(bundled_lexicons=False, lexicon_dirs=[str(tmp_path)], detectors=("lexicon",))
    assert [f.rule for f in s.scan("2009年举行了气候变化大会。县城建局印发通知。").findings] == ["u.old"]


def test_since_keeps_a_style_norm_out_of_texts_written_before_it(tmp_path):
    _one_row_lexicon(tmp_path, "since=2016")
    s = Scanner(bundled_lexicons=False, lexicon_dirs=[str(tmp_path)], detectors=("lexicon",))
    rules = lambda t, **kw: [f.rule for f in s.scan(t, **kw).findings]  # noqa: E731
    assert rules("请到县城建局办理。") == ["u.old"]  # no year: read as written today
    assert rules("2010年工作安排。县城建局负责审批。2011年底前完成。") == []  # every year before the norm
    assert rules("一九五五年，县城建局成立。一九五六年扩建。") == []
    # a text of today about the past: one year from the norm on keeps the hit
    assert rules("2010年至2012年，县城建局负责审批。2024年总结。") == ["u.old"]
    assert rules("2010年，县城建局负责审批。") == ["u.old"]  # one year dates an event, not the text
    # a publication date decides instead of the text's years
    assert rules("2010年工作安排。县城建局负责审批。2011年底前完成。", published=2024) == ["u.old"]
    assert rules("请到县城建局办理。", published="2012-03-01") == []
    assert rules("请到县城建局办理。", published=2016) == ["u.old"]


@pytest.mark.parametrize("bad", ["since=16", "since=", "since=2300"])
def test_since_must_be_a_year(tmp_path, bad):
    from scanner.errors import LexiconError

    _one_row_lexicon(tmp_path, bad)
    with pytest.raises(LexiconError, match="since"):
        load_lexicons([tmp_path], cache=False)


def test_nafter_reads_what_follows_the_hit_in_its_sentence(tmp_path):
    _one_row_lexicon(tmp_path, "nafter=[^的]{1,6}的(?:人|单位)")
    s = Scanner(bundled_lexicons=False, lexicon_dirs=[str(tmp_path)], detectors=("lexicon",))
    rules = lambda t: [f.rule for f in s.scan(t).findings]  # noqa: E731
    assert rules("请到县城建局办理。") == ["u.old"]
    assert rules("县城建局审批通过的单位名单。") == []  # the pattern matches right after the hit
    assert rules("县城建局审批。通过的单位名单。") == ["u.old"]  # not beyond the hit's sentence
    assert rules("县城建局审批通过的项目。") == ["u.old"]


def test_nctx_reads_a_bracketed_heading_of_the_post(tmp_path):
    _one_row_lexicon(tmp_path, "nctx=提醒|打击")
    s = Scanner(bundled_lexicons=False, lexicon_dirs=[str(tmp_path)], detectors=("lexicon",))
    rules = lambda t: [f.rule for f in s.scan(t).findings]  # noqa: E731
    pad = "，".join(["第一项内容较长需要说明"] * 4)
    assert rules(f"一是{pad}；二是县城建局。") == ["u.old"]
    assert rules(f"【警方提醒】\n一是{pad}；二是县城建局。") == []  # the heading frames the post
    assert rules(f"  [打击整治] {pad}县城建局。") == []
    assert rules(f"【今日推荐】\n一是{pad}；二是县城建局。") == ["u.old"]  # a heading without the words
    assert rules(f"前言。【警方提醒】{pad}县城建局。") == ["u.old"]  # only a heading at the post's start


def test_nafter_must_be_a_regular_expression(tmp_path):
    from scanner.errors import LexiconError

    _one_row_lexicon(tmp_path, "nafter=(的")
    with pytest.raises(LexiconError, match="nafter"):
        load_lexicons([tmp_path], cache=False)
