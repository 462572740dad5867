"""govscan's personal-data detection inside Microsoft Presidio (scanner/presidio.py, issue 3 item 4).

The analyzer is built once per session from the shipped pipeline under models/ (built by
models/build_zh_pipeline.py when missing). Expectations are computed from the scanner itself,
so these tests follow the personal-data detector as it grows.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from conftest import DATA, REPO

pytest.importorskip("presidio_analyzer")
pytest.importorskip("spacy")
pytest.importorskip("jieba")

from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry, RecognizerResult  # noqa: E402
from presidio_analyzer.nlp_engine import SpacyNlpEngine  # noqa: E402

from scanner.validators import id18_check_char, luhn_complete
from scanner import Scanner  # noqa: E402
from scanner.model import TYPES  # noqa: E402

MODEL_DIR = REPO / "models" / "zh_jieba_lemma"
BUILD_SCRIPT = REPO / "models" / "build_zh_pipeline.py"
ENHANCED = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY


# ---------------------------------------------------------------- synthetic identifiers
def id18(first17: str) -> str:
    return first17 + id18_check_char(first17)


luhn = luhn_complete


ID = id18("11010519491231002")          # 11010519491231002X
ID2 = id18("44030619851120312")
CARD = luhn("622202020011223344")      # 19 digits, UnionPay, Luhn-valid
MOBILE = "13812345678"
EMAIL = "zhangsan@example.com"

SAMPLES = [
    f"请联系张三，手机：{MOBILE}，身份证号码 {ID}，邮箱 {EMAIL}。",
    f"电子邮箱：{EMAIL}",
    EMAIL,
    f"身份证号码{ID}",
    ID,
    f"身份证号{ID[:-1]}{'0' if ID[-1] != '0' else '1'}",      # wrong check digit, labelled
    f"编号{ID2}",
    f"卡号{CARD} 户名张三",
    f"开户行：工商银行，账号 {CARD[:4]} {CARD[4:8]} {CARD[8:12]} {CARD[12:16]} {CARD[16:]}",
    f"联系电话：+86 138 1234 5678 或 010-12345678，传真 0571-87654321",
    "热线电话12345，客服95588，400-810-8888",
    "已脱敏：138****5678，110105********002X",
    f"申请人李明，护照号码E12345678，港澳通行证C12345678，车牌京A12345，车架号1M8GDM9AXKP042788，QQ号123456789，"
    f"家住北京市朝阳区建国路88号3号楼2单元302室，身份证{ID2}。",
    f"Email: ZhangSan@Example.COM；tel {MOBILE}",
    "",
]


# ---------------------------------------------------------------- fixtures
@pytest.fixture(scope="session")
def model_dir() -> Path:
    if not (MODEL_DIR / "config.cfg").is_file():
        subprocess.run([sys.executable, str(BUILD_SCRIPT)], check=True, cwd=REPO)
    return MODEL_DIR


@pytest.fixture(scope="session")
def pd_scanner():
    return Scanner(detectors=["personal_data"], bundled_lexicons=False)


@pytest.fixture(scope="session")
def analyzer(model_dir, pd_scanner):
    from scanner.presidio import build_analyzer

    return build_analyzer(model_dir, scanner=pd_scanner)


@pytest.fixture(scope="session")
def news_posts():
    path = DATA / "corpus-xwlb-cctv" / "xwlb_items_2022_2024.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found")
    with open(path, encoding="utf-8") as f:
        joined = "\n".join(json.loads(line)["text"] for _, line in zip(range(300), f))
    posts = [joined[i:i + 2000] for i in range(0, len(joined) - 2000, 2000)][:20]
    # Real news rarely contains personal data: put some in, at random places, seeded.
    rng = random.Random(3)
    values = [f"身份证号码{ID}", f"手机{MOBILE}", EMAIL, f"卡号{CARD}", ID2, f"电话010-{rng.randint(2000000, 9999999)}",
              "护照E12345678", "京A12345"]
    out = []
    for p in posts:
        for v in rng.sample(values, 3):
            i = rng.randrange(len(p))
            p = p[:i] + v + p[i:]
        out.append(p)
    return out


def expected(scanner, text):
    from scanner.presidio import entity_for

    return sorted((f.start, f.end, entity_for(f.type)) for f in scanner.scan(text).findings
                  if f.category == "personal_data")


def spans(results):
    return sorted((r.start, r.end, r.entity_type) for r in results)


# ---------------------------------------------------------------- same detections
@pytest.mark.parametrize("text", SAMPLES)
def test_same_spans_and_types_as_the_scanner(analyzer, pd_scanner, text):
    got = analyzer.analyze(text, language="zh")
    assert spans(got) == expected(pd_scanner, text)
    for r in got:
        assert r.recognition_metadata["govscan_rule"].startswith("pii.")


def test_same_spans_on_real_news_with_identifiers(analyzer, pd_scanner, news_posts):
    total = 0
    for text in news_posts:
        exp = expected(pd_scanner, text)
        assert spans(analyzer.analyze(text, language="zh")) == exp
        total += len(exp)
    assert total >= len(news_posts)  # the inserted identifiers were found


@pytest.mark.parametrize("text", SAMPLES)
def test_recognizers_carry_the_scanners_scores_rule_message_and_suggestion(analyzer, pd_scanner, text):
    findings = {(f.start, f.end): f for f in pd_scanner.scan(text).findings}
    got = []
    for rec in analyzer.registry.recognizers:
        got += rec.analyze(text, None, None)
    assert len(got) == len(findings)
    for r in got:
        f = findings[(r.start, r.end)]
        assert r.score == f.score
        m = r.recognition_metadata
        assert (m["govscan_rule"], m["govscan_type"], m["govscan_severity"], m["govscan_message"],
                m["govscan_suggestion"], m["govscan_basis"]) == (f.rule, f.type, f.severity, f.message,
                                                                 f.suggestion, f.basis)
        e = r.analysis_explanation
        assert e.pattern_name == f.rule and f.message in e.textual_explanation
        if f.suggestion:
            assert f.suggestion in e.textual_explanation


def test_explanation_is_returned_with_the_decision_process(analyzer):
    (r,) = analyzer.analyze(f"身份证号码{ID}", language="zh", return_decision_process=True)
    assert r.entity_type == "CN_ID_CARD"
    assert r.analysis_explanation.pattern_name == "pii.id_card"
    assert "110105********002X" in r.analysis_explanation.textual_explanation
    # metadata survives when the decision process is not returned
    (r,) = analyzer.analyze(f"身份证号码{ID}", language="zh")
    assert r.analysis_explanation is None and r.recognition_metadata["govscan_suggestion"] == "110105********002X"


def test_one_recognizer_per_spec_type_all_zh(analyzer):
    from scanner.presidio import ENTITY_OF_TYPE, entity_for

    recs = analyzer.registry.recognizers
    from scanner.model import FILE_ONLY_TYPES

    text_types = [t for t in TYPES["personal_data"] if t not in FILE_ONLY_TYPES]  # a file's own findings
    assert sorted(r.supported_entities[0] for r in recs) == sorted(entity_for(t) for t in text_types)
    assert all(r.supported_language == "zh" and r.context for r in recs)
    assert set(ENTITY_OF_TYPE) <= set(TYPES["personal_data"])  # no mapping for a type SPEC does not have
    assert entity_for("email") == "EMAIL_ADDRESS" and entity_for("person_name") == "PERSON"
    assert entity_for("some_new_type") == "CN_SOME_NEW_TYPE"
    # only our recognizers: nothing of presidio's predefined (English) set, no tldextract user
    assert {type(r).__module__ for r in recs} == {"scanner.presidio"}


def test_entities_filter(analyzer):
    text = SAMPLES[0]
    got = analyzer.analyze(text, language="zh", entities=["CN_MOBILE_PHONE"])
    assert [r.entity_type for r in got] == ["CN_MOBILE_PHONE"]


def test_one_scan_per_analyze_call(model_dir, pd_scanner, monkeypatch):
    from scanner.presidio import build_analyzer

    a = build_analyzer(model_dir, scanner=pd_scanner, presidio_context=False)
    calls = []
    real = Scanner.scan
    monkeypatch.setattr(Scanner, "scan", lambda self, text, **kw: calls.append(text) or real(self, text, **kw))
    a.analyze(SAMPLES[0], language="zh")
    assert calls == [SAMPLES[0]]


def test_backend_cache_is_per_thread(analyzer, pd_scanner, news_posts):
    texts = SAMPLES[:8] + news_posts[:4]
    want = {t: spans(analyzer.analyze(t, language="zh")) for t in texts}
    errors = []

    def work(seed):
        rng = random.Random(seed)
        for _ in range(40):
            t = rng.choice(texts)
            try:
                if spans(analyzer.analyze(t, language="zh")) != want[t]:
                    errors.append(t)
            except Exception as e:  # an exception in a thread would not fail the test by itself
                errors.append(repr(e))

    threads = [threading.Thread(target=work, args=(s,)) for s in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == []


# ---------------------------------------------------------------- context words and scores
def _only(results, entity):
    (r,) = [r for r in results if r.entity_type == entity]
    return r


def test_pipeline_fills_lemmas(model_dir):
    from scanner.presidio import load_pipeline

    nlp = load_pipeline(model_dir)
    doc = nlp(f"电子邮箱：ZhangSan@Example.COM，手机号{MOBILE}")
    assert nlp.pipe_names == ["govscan_lemma"]
    assert [t.lemma_ for t in doc][:3] == ["电子邮箱", "：", "zhangsan"]
    assert all(t.lemma_ == t.lower_ != "" for t in doc if not t.is_space)
    assert doc.text == f"电子邮箱：ZhangSan@Example.COM，手机号{MOBILE}"


def test_chinese_context_word_raises_presidio_score_only_with_the_lemma_component(model_dir):
    """A user's own zh PatternRecognizer with a Chinese context word: with our pipeline the
    context word 工号 raises the score; with a blank zh + jieba pipeline (empty lemma_) it cannot."""
    import spacy

    from scanner.presidio import build_nlp_engine

    def engine_with(nlp_engine):
        rec = PatternRecognizer(supported_entity="EMPLOYEE_ID", supported_language="zh",
                                patterns=[Pattern("gs", r"GS\d{6}", 0.3)], context=["工号"])
        reg = RecognizerRegistry(recognizers=[rec], supported_languages=["zh"])
        return AnalyzerEngine(registry=reg, nlp_engine=nlp_engine, supported_languages=["zh"])

    blank = SpacyNlpEngine(models=[{"lang_code": "zh", "model_name": "unused"}])
    blank.nlp = {"zh": spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})}
    ours, plain = engine_with(build_nlp_engine(model_dir)), engine_with(blank)

    with_ctx, without = "该员工工号GS123456已登记", "该员工GS123456已登记"
    assert _only(ours.analyze(without, "zh"), "EMPLOYEE_ID").score == pytest.approx(0.3)
    assert _only(ours.analyze(with_ctx, "zh"), "EMPLOYEE_ID").score == pytest.approx(0.65)
    assert _only(plain.analyze(with_ctx, "zh"), "EMPLOYEE_ID").score == pytest.approx(0.3)


def test_context_word_raises_govscan_score_when_the_scanner_did_not_use_context(analyzer, pd_scanner):
    """Presidio's enhancer may raise a govscan score only where the scanner's score did not already
    use the surrounding text; every other score is passed through unchanged (no double counting)."""
    boosted = 0
    for text in SAMPLES + [f"联系邮箱为{EMAIL}", f"请发送至邮箱 {EMAIL} 。"]:
        scores = {(f.start, f.end): f.score for f in pd_scanner.scan(text).findings}
        for r in analyzer.analyze(text, language="zh", return_decision_process=True):
            base = scores[(r.start, r.end)]
            if r.recognition_metadata[ENHANCED]:
                assert r.score == base, (text, r)
            else:
                assert r.score >= base
                if r.score > base:
                    assert r.analysis_explanation.supportive_context_word
                    boosted += 1
    assert boosted >= 1


def test_email_context_example(analyzer, pd_scanner):
    (f,) = pd_scanner.scan(f"电子邮箱：{EMAIL}").findings
    r = _only(analyzer.analyze(f"电子邮箱：{EMAIL}", language="zh", return_decision_process=True), "EMAIL_ADDRESS")
    if r.recognition_metadata[ENHANCED]:
        pytest.skip("the scanner now scores e-mail context itself; presidio leaves the score alone")
    bare = _only(analyzer.analyze(EMAIL, language="zh"), "EMAIL_ADDRESS")
    assert bare.score == f.score
    assert r.score > f.score and r.analysis_explanation.supportive_context_word == "邮箱"
    # context given by the caller (a table column, a form label) works without any text around
    col = _only(analyzer.analyze(EMAIL, language="zh", context=["联系邮箱"]), "EMAIL_ADDRESS")
    assert col.score > f.score


def test_labelled_id_card_is_not_boosted_twice(analyzer, pd_scanner):
    text = f"身份证号码{ID}"
    (f,) = pd_scanner.scan(text).findings
    r = _only(analyzer.analyze(text, language="zh"), "CN_ID_CARD")
    assert r.recognition_metadata[ENHANCED] is True
    assert r.score == f.score


def test_presidio_context_off_keeps_every_score(model_dir, pd_scanner):
    from scanner.presidio import build_analyzer

    a = build_analyzer(model_dir, scanner=pd_scanner, presidio_context=False)
    for text in SAMPLES:
        scores = {(f.start, f.end): f.score for f in pd_scanner.scan(text).findings}
        assert {(r.start, r.end): r.score for r in a.analyze(text, language="zh")} == scores


# ---------------------------------------------------------------- memory
def test_analyzed_values_do_not_stay_in_the_spacy_vocabulary(analyzer):
    nlp = analyzer.nlp_engine.nlp["zh"]
    before = len(nlp.vocab.strings)
    value = "13912340987"
    (r,) = analyzer.analyze(f"手机号{value}", language="zh")
    assert (r.entity_type, r.score) == ("CN_MOBILE_PHONE", r.score)
    assert value not in nlp.vocab.strings and len(nlp.vocab.strings) == before
    assert all(not r.backend._local.__dict__ for r in analyzer.registry.recognizers)  # no cached text
    # the trap it avoids: a plain spaCy call keeps every token for the life of the process
    with nlp.memory_zone():  # a zone opened by the caller is respected (no nested zone)
        assert analyzer.analyze(f"手机号{value}", language="zh")
        nlp(f"手机号{value}")
        assert value in nlp.vocab.strings
    assert value not in nlp.vocab.strings


# ---------------------------------------------------------------- offline, by path, isolated
def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, capture_output=True, text=True,
                          timeout=180)


def test_no_network_access(model_dir):
    """A fresh process with every socket refused: import, build the analyzer, analyze."""
    p = _run(f"""
        import socket
        def refuse(*a, **k):
            raise OSError("network access attempted")
        class NoSocket(socket.socket):
            def __init__(self, *a, **k):
                refuse()
        socket.socket = NoSocket
        socket.create_connection = refuse
        socket.getaddrinfo = refuse
        import sys
        sys.path.insert(0, {str(REPO)!r})
        from scanner.presidio import build_analyzer
        a = build_analyzer({str(model_dir)!r})
        rs = a.analyze("电子邮箱：zhangsan@example.com，身份证号码{ID}", language="zh")
        print(sorted(r.entity_type for r in rs))
        """)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip().splitlines()[-1] == "['CN_ID_CARD', 'EMAIL_ADDRESS']"
    assert "network access attempted" not in p.stderr


def test_missing_model_path_fails_before_presidio_tries_a_download(tmp_path):
    from scanner.errors import ConfigError
    from scanner.presidio import build_analyzer

    with pytest.raises(ConfigError, match="build_zh_pipeline"):
        build_analyzer(tmp_path / "nowhere")


def test_spacy_load_by_path_in_a_fresh_process(model_dir):
    p = _run(f"""
        import sys
        sys.path.insert(0, {str(REPO)!r})
        import scanner.presidio
        import spacy
        nlp = spacy.load({str(model_dir)!r})
        print(nlp.pipe_names, [t.lemma_ for t in nlp("手机号13812345678 TEL")])
        """)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "['govscan_lemma'] ['手机号', '13812345678', 'tel']"


def test_spacy_load_needs_the_factory_registered(model_dir):
    """Documents the trap: without ``import scanner.presidio`` (or a spacy_factories entry point)
    spaCy cannot build the ``govscan_lemma`` component."""
    p = _run(f"""
        from importlib.metadata import entry_points
        import spacy
        ep = any(e.name == "govscan_lemma" for e in entry_points(group="spacy_factories"))
        try:
            spacy.load({str(model_dir)!r})
            print("loaded", ep)
        except ValueError as e:
            print("E002" if "E002" in str(e) else repr(e), ep)
        """)
    assert p.returncode == 0, p.stderr
    out = p.stdout.strip()
    assert out in ("loaded True", "E002 False"), out


def test_bundled_model_path_resolves_to_the_source_tree(model_dir):
    from scanner.presidio import bundled_model_path

    assert bundled_model_path() == model_dir.resolve()


def test_build_script_reproduces_the_shipped_pipeline(model_dir, tmp_path):
    out = tmp_path / "zh"
    p = subprocess.run([sys.executable, str(BUILD_SCRIPT), "--out", str(out), "--check"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=180)
    assert p.returncode == 0, p.stderr
    for rel in ("config.cfg", "tokenizer/cfg", "meta.json"):
        assert (out / rel).read_text() == (model_dir / rel).read_text(), f"{rel} differs: rebuild models/"
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    assert size < 50_000


def test_scan_path_imports_neither_presidio_nor_spacy():
    p = _run(f"""
        import sys
        sys.path.insert(0, {str(REPO)!r})
        from scanner import Scanner
        r = Scanner().scan("联系人手机13812345678，台湾总统")
        assert r.findings
        print(sorted(m for m in ("presidio_analyzer", "spacy", "scanner.presidio", "tldextract") if m in sys.modules))
        """)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"
