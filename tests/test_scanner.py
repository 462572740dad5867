"""Scanner behaviour: results, merging, batches, immutability, threads, config."""
import datetime
import threading

import pytest

from scanner import ConfigError, InputError, Scanner, ScannerConfig, ScanResult
from tests.conftest import FIXTURE_LEX


def test_result_shape(fixture_scanner):
    r = fixture_scanner.scan("台湾总统发表讲话", id="post-17")
    d = r.to_dict()
    assert d["id"] == "post-17" and d["verdict"] == "block" and d["lexicon_version"] == "test.1"
    (f,) = d["findings"]
    assert set(f) == {"start", "end", "text", "category", "type", "severity", "rule", "message", "suggestion",
                      "basis", "score"}
    assert (f["start"], f["end"], f["text"], f["suggestion"]) == (0, 4, "台湾总统", "台湾地区领导人")
    assert ScanResult.from_dict(d) == r


def test_empty_text_passes(fixture_scanner):
    assert fixture_scanner.scan("").verdict == "pass"


def test_non_string_is_an_input_error(fixture_scanner):
    with pytest.raises(InputError):
        fixture_scanner.scan(None)


def test_overlapping_findings_of_one_category_merge_with_a_widened_suggestion(tmp_path):
    (tmp_path / "manifest.toml").write_text(
        'version = "m"\n[[lexicon]]\nname = "m"\nfile = "m.tsv"\ncategory = "improper_wording"\n'
        'version = "1"\nsource = "t"\nlicence = "CC0-1.0"\n', encoding="utf-8")
    (tmp_path / "m.tsv").write_text(
        "id\tterm\ttype\tsuggestion\tbasis\n"
        "m.a\t台湾总统\tpolitical_term\t台湾地区领导人\tx\n"
        "m.b\t总统府\tbanned_term\t台湾地区领导人办公场所\tx\n", encoding="utf-8")
    # (the lexicon alone: the wording rules would add their own 总统府 finding to the raw list)
    s = Scanner(bundled_lexicons=False, lexicon_dirs=[str(tmp_path)], detectors=("lexicon",))
    text = "前往台湾总统府"
    r = s.scan(text)
    (f,) = r.findings
    assert (f.rule, f.severity, f.text) == ("m.a", "block", "台湾总统府")
    assert text[:f.start] + f.suggestion + text[f.end:] == "前往台湾地区领导人府"
    assert len(s.raw_findings(text)) == 2


def test_findings_of_different_categories_are_not_merged():
    s = Scanner(bundled_lexicons=False, lexicon_dirs=[str(FIXTURE_LEX)])
    r = s.scan("身份证号11010519491231002X赌博")
    assert [f.category for f in r.findings] == ["personal_data", "improper_wording"]


def test_scan_many_accepts_strings_pairs_and_mappings(fixture_scanner):
    out = list(fixture_scanner.scan_many(["赌博", ("b", "你好"), {"id": "c", "text": "台湾总统"}]))
    assert [(r.id, r.verdict) for r in out] == [(0, "block"), ("b", "pass"), ("c", "block")]


def test_scanner_is_immutable(fixture_scanner):
    with pytest.raises(AttributeError):
        fixture_scanner.config = ScannerConfig()


def test_thread_safety(fixture_scanner):
    texts = [f"第{i}条：台湾总统、赌*博、村长说、路口交通、电话1381234{i:04d}" for i in range(200)]
    expected = [fixture_scanner.scan(t).to_dict() for t in texts]
    got = [None] * len(texts)

    def work(k):
        for i in range(k, len(texts), 8):
            got[i] = fixture_scanner.scan(texts[i]).to_dict()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == expected


def test_config_from_file(tmp_path):
    cfg = tmp_path / "scanner.toml"
    cfg.write_text('bundled_lexicons = false\nlexicon_dirs = ["lex"]\ndetectors = ["lexicon"]\n'
                   '[severity]\n"t.gambling" = "info"\n', encoding="utf-8")
    import shutil
    shutil.copytree(FIXTURE_LEX, tmp_path / "lex")
    s = Scanner(ScannerConfig.from_file(cfg))
    r = s.scan("赌博 电话13812345678")
    assert [(f.rule, f.severity) for f in r.findings] == [("t.gambling", "info")]


@pytest.mark.parametrize("bad", [{"detectors": ["nope"]}, {"severity": {"x": "fatal"}}, {"matcher": "regex"},
                                 {"unknown_key": 1}, {"lexicon_dirs": "not-a-list"},
                                 {"bundled_lexicons": False, "lexicon_dirs": []}])
def test_bad_config_is_a_config_error(bad):
    with pytest.raises(ConfigError):
        ScannerConfig.from_dict(bad)


def test_one_config_file_serves_every_layer(tmp_path):
    """The CLI reads the same file as the service: its [service] table is not a scanner key."""
    cfg = tmp_path / "govscan.toml"
    cfg.write_text('detectors = ["personal_data"]\nbundled_lexicons = false\n[service]\ntokens = ["x"]\n',
                   encoding="utf-8")
    c = ScannerConfig.from_file(cfg)
    assert c.detectors == ("personal_data",)
    with pytest.raises(ConfigError, match="unknown config key"):
        ScannerConfig.from_dict({"servic": {}})


@pytest.mark.parametrize("text,found,fix", [
    ("臺灣總統近日發表講話", "臺灣總統", "臺灣地區領導人"),  # a traditional-script post gets a traditional fix
    ("台湾总统近日发表讲话", "台湾总统", "台湾地区领导人"),
    ("習近乎主持會議", "習近乎", "習近平"),
])
def test_suggestion_is_written_in_the_script_of_the_draft(scanner, text, found, fix):
    (f,) = [f for f in scanner.scan(text).findings if f.text == found]
    assert f.suggestion == fix
    fixed = text[:f.start] + f.suggestion + text[f.end:]
    assert [g for g in scanner.scan(fixed).findings if g.rule == f.rule] == []  # applying the fix clears it


def test_published_date_decides_whether_an_outdated_name_is_history(scanner):
    text = "请市民关注环境保护部发布的空气质量预报。"
    rules = lambda **kw: [f.rule for f in scanner.scan(text, **kw).findings]  # noqa: E731
    assert rules() == ["outdated.mep"]  # no date: read as written today
    assert rules(published="2015-06-01") == [] and rules(published=2018) == []
    assert rules(published=datetime.date(2024, 6, 1)) == ["outdated.mep"] and rules(published="2024年6月") == ["outdated.mep"]
    # a year up to the change in the sentence is history whenever the post was published
    assert [f.rule for f in scanner.scan("2016年环境保护部印发通知。", published=2024).findings] == []
    # the date is per call: a later call without it reads the text alone again
    assert rules() == ["outdated.mep"]
    many = scanner.scan_many([{"id": 1, "text": text, "published": "2015-06-01"}, {"id": 2, "text": text}])
    assert [[f.rule for f in r.findings] for r in many] == [[], ["outdated.mep"]]


@pytest.mark.parametrize("bad", ["yesterday", 12, 3.5, True, [2015]])
def test_published_must_be_a_date(scanner, bad):
    with pytest.raises(InputError):
        scanner.scan("环境保护部", published=bad)
