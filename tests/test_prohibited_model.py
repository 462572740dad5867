"""The prohibited-content language-model classifier (scanner/detectors/prohibited_model.py, issue 16).

The must-hit phrases below were written for these tests and are in no entry of konsheng, houbb or
textfilter (checked when they were written: the detector finds them by their characters, not by
a list); no phrase of the benchmark's items or held-out halves is used.
"""
from __future__ import annotations

import gzip
import json
import shutil
import sys

import pytest

from scanner import Scanner
from scanner.config import ALL_DETECTORS
from scanner.detectors import prohibited_model as pm
from scanner.detectors.prohibited_model import CharLLR, ProhibitedModelDetector, load_model, read_meta
from scanner.errors import ConfigError
from scanner.normalize import build_views

from conftest import DATA, REPO

# ----------------------------------------------------------------------------- examples
MUST_HIT = {  # (text, the written phrase the finding must cover)
    "群里有人在卖钢珠狙击弩，要的私聊。": "钢珠狙击弩",
    "网友分享猎枪铅弹打鸟技巧。": "猎枪铅弹",
    "有人兜售迷魂催情喷剂。": "迷魂催情喷剂",
    "网友晒出自制霰弹猎枪。": "霰弹猎枪",
    "卖家称有强效迷昏喷雾。": "迷昏喷雾",
    "本店常年猎枪霰弹批发。": "猎枪霰弹",
    # (h16m) anchors rarer than 4.0 log-odds but rare in general text (催 袜 诱 婊 昏), a lower
    # prefilter: found since the eighth session
    "有人在传催情口服液。": "催情口服液",
    "有人在传黑丝袜诱惑。": "黑丝袜诱惑",
    "群里出售婊姐写真集，加微信。": "婊姐写真",
    "有人在传昏睡喷剂。": "昏睡喷剂",
}
MUST_NOT_HIT = (
    "市场监管部门加强药品质量抽检，保障群众用药安全。",
    "新能源汽车销量持续增长，蒸汽机车退出历史舞台。",
    "射击运动员在气步枪比赛中夺冠。",
    "我们要坚决打赢污染防治攻坚战，加强雾霾治理。",
    "妹妹在姨妈家学习插花和弓箭。",
    "禁毒宣传进校园，引导青少年远离毒品。",
    "中医药是中华文明的瑰宝。",
    "烈士陵园里安葬着在战斗中牺牲的英雄，他们用步枪和手榴弹打退了敌人。",
    # (h16m) a span that cuts a frequent word (型 of 大型) and is a common word without it
    "农场购进一台大型喷雾机用于果园。",
    "工人用大型燃烧炉处理垃圾。",
    # common characters of the lists that are no anchors (气 激 冰 刀: frequent in general text)
    "今天天气晴朗，冰雪运动激发了群众热情，厨师刀工精湛。",
)
#: the same phrases in news of a crackdown or a verdict: a mention, not an offer
CRACKDOWN = (
    "警方查获一批钢珠狙击弩和自制霰弹猎枪，三名嫌疑人被刑事拘留。",
    "公安机关破获一起兜售迷魂催情喷剂的案件。",
    "法院审理了一起出售强效迷昏喷雾的案件，被告人获刑三年。",
)


@pytest.fixture(scope="module")
def det() -> ProhibitedModelDetector:
    return ProhibitedModelDetector()


def _found(det, text):
    return det.detect(build_views(text))


@pytest.mark.parametrize("text,phrase", sorted(MUST_HIT.items()))
def test_must_hit(det, text, phrase):
    got = _found(det, text)
    assert len(got) == 1, got
    f = got[0]
    s = text.index(phrase)
    assert f.start < s + len(phrase) and s < f.end  # it covers the phrase
    assert (f.category, f.type, f.severity, f.rule) == ("improper_wording", "prohibited_content", "review",
                                                          "prohibited.model")
    assert f.message.startswith("疑似违禁内容（统计模型判断）") and f.basis and "禁毒法" in f.basis


@pytest.mark.parametrize("text", MUST_NOT_HIT)
def test_must_not_hit(det, text):
    assert _found(det, text) == []


@pytest.mark.parametrize("text", CRACKDOWN)
def test_crackdown_news_is_gated(det, text):
    assert _found(det, text) == []


def test_gate_is_what_silences(det):
    """The crackdown sentences above are silent because of their news words: the same phrase in
    an offer is found (so the gate test can fail)."""
    assert _found(det, "有人在群里出售自制霰弹猎枪。")
    assert _found(det, "有人在群里兜售迷魂催情喷剂。")


# ----------------------------------------------------------------------------- the offer band
def test_offer_words_lower_the_threshold(det):
    """A span scored between the offer threshold and the threshold (袜诱写真: ~11.5) is reported
    only in a sentence that offers, contacts or downloads (OFFER), never in an ordinary one."""
    m = det.model
    assert m.offer_threshold < m.threshold
    assert m.offer_threshold <= m.score("袜诱写真") < m.threshold
    got = _found(det, "袜诱写真，货到付款。")
    assert [f.text for f in got] == ["袜诱写真"]
    assert "交易用语" in got[0].message and got[0].severity == "review"
    assert _found(det, "网友说袜诱写真好看。") == []
    assert _found(det, "袜诱写真，有意者私聊。") and _found(det, "袜诱写真，加vx详谈。")
    # the offer words are no news words: a crackdown still silences the band
    assert _found(det, "警方查获袜诱写真，货到付款的卖家被抓获。") == []


@pytest.mark.parametrize("word", ["发布", "信息", "网上", "价格", "联系", "现货", "下单", "包邮", "有货", "批发", "联系电话"])
def test_reporting_words_are_no_offer(word):
    """Words of reporting, price or contact alone are everyday news words: no offer. Nor are the
    words of retail, which every county e-commerce (助农) post writes (现货, 下单, 包邮 …)."""
    assert not pm._OFFER_RE.search(word)


@pytest.mark.parametrize("text", ["果园的桃子粉嫩可口，现货供应，欢迎下单。", "小姨在直播间帮村民卖土鸡蛋，网友纷纷下单。",
                                  "鸟枪换炮，乡村电商订单不断，欢迎下单。", "香嫩的烤乳猪，现货，欢迎下单。",
                                  "嫩草莓现货包邮。", "枪膛清洁工具现货，包邮。"])
def test_retail_news_is_no_offer(det, text):
    """County e-commerce news (written for h16x's study): its spans of the offer band (粉嫩, 小姨 …
    scored 11–15) were review findings beside 下单/现货/包邮 until those left ``OFFER``."""
    assert _found(det, text) == []


def test_word_edges():
    # jieba cuts 大型|燃烧弹: a span starting at 型 moves to 燃
    d = "以军发射多枚大型燃烧弹引发大火"
    a = d.index("型")
    assert pm._word_edges(d, a, a + 4) == (a + 1, a + 4)
    # a span on word boundaries stays
    d = "有人在群里发出售炸药的消息"
    a = d.index("出售")
    assert pm._word_edges(d, a, a + 4) == (a, a + 4)


def test_media_words_inside_the_span_are_no_news(det):
    """电影 and 小说 are news words of the compositional rules and the lists' own vocabulary: inside
    the span they name the thing offered (found), outside it they make a film's or a novel's news."""
    assert pm.MEDIA_NEWS <= set(pm._news_words())
    assert [f.text for f in _found(det, "群里有人在传偷拍淫嫂电影。")] == ["偷拍淫嫂电影"]
    assert [f.text for f in _found(det, "群里有人在传淫嫂小说。")] == ["淫嫂小说"]
    assert _found(det, "这部电影讲述了一名猎枪手的故事。") == []
    assert _found(det, "这部小说写了寂寞少妇的故事。") == []
    # the other news words still count inside the span (炸弹袭击)
    assert "袭击" in det._news and "电影" not in det._news and "电影" in det._news_outside


# ----------------------------------------------------------------------------- offsets
DISGUISED = (
    "群里有人在卖钢 珠 狙 击 弩，要的私聊。",
    "群里有人在卖钢※珠※狙※击※弩，要的私聊。",
    "群里有人在賣鋼珠狙擊弩，要的私聊。",
    "群里有人在卖钢钢珠珠狙击弩弩，要的私聊。",
    "ＡＢ群里有人在卖钢珠狙击弩\u200b，要的私聊。",
    "有人兜售迷魂催情喷剂，又有人网友晒出自制霰弹猎枪。",
)


@pytest.mark.parametrize("text", DISGUISED)
def test_offsets_in_the_original_text(det, text):
    got = _found(det, text)
    assert got
    for f in got:
        assert text[f.start:f.end] == f.text
        assert 0 <= f.start < f.end <= len(text)


def test_offsets_through_the_scanner():
    s = Scanner()
    for text in DISGUISED + tuple(MUST_HIT):
        r = s.scan(text)
        mine = [f for f in r.findings if f.type == "prohibited_content"]
        assert mine, text
        assert all(text[f.start:f.end] == f.text for f in r.findings)


def test_texts_without_candidates_are_unchanged():
    """Texts without an anchor character: the same findings with and without the detector."""
    with_ = Scanner()
    without = Scanner(detectors=[d for d in ALL_DETECTORS if d != "prohibited_model"])
    for text in MUST_NOT_HIT + ("台湾总统发表讲话", "联系电话13912345678，身份证号110101199003074514。"):
        assert with_.scan(text).findings == without.scan(text).findings


def test_on_by_default():
    assert "prohibited_model" in ALL_DETECTORS
    assert any(f.rule == "prohibited.model" for f in Scanner().scan("有人兜售迷魂催情喷剂。").findings)


# ----------------------------------------------------------------------------- the model file
def test_missing_model_is_a_clear_error(tmp_path, monkeypatch):
    with pytest.raises(ConfigError, match="build_prohibited_lm.py"):
        ProhibitedModelDetector(path=tmp_path)
    monkeypatch.setattr(pm, "model_path", lambda: None)
    with pytest.raises(ConfigError, match="prohibited-content model is missing"):
        Scanner()
    # leaving the detector out is the documented way to run without it
    s = Scanner(detectors=[d for d in ALL_DETECTORS if d != "prohibited_model"])
    assert not any(f.rule == "prohibited.model" for f in s.scan("有人兜售迷魂催情喷剂。").findings)


def test_meta_and_tables_must_agree(tmp_path):
    shipped = pm.model_path()
    shutil.copy(shipped / pm.MODEL_FILE, tmp_path / pm.MODEL_FILE)
    meta = json.loads((shipped / pm.META_FILE).read_text(encoding="utf-8"))
    meta["anchors"] = "淫"
    (tmp_path / pm.META_FILE).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    d = ProhibitedModelDetector(path=tmp_path)
    with pytest.raises(ConfigError, match="disagree"):
        d.detect(build_views("有人兜售淫秽物品"))


def test_unreadable_model_is_a_clear_error(tmp_path):
    shutil.copy(pm.model_path() / pm.META_FILE, tmp_path / pm.META_FILE)
    (tmp_path / pm.MODEL_FILE).write_bytes(b"not gzip")
    with pytest.raises(ConfigError, match="cannot be read"):
        load_model(str(tmp_path))


def test_shipped_model_matches_its_meta():
    m = load_model()
    meta = read_meta()
    assert m.anchors == meta["anchors"] and m.threshold == meta["threshold"]
    assert not set(m.anchors) & set("售卖买购图网")  # trade and media characters never anchor
    # the threshold was the smallest of the grid within the budget on the held-out general half
    table = {r["threshold"]: r for r in meta["validation"]["table"]}
    budget = meta["budget_per_million"]
    assert table[m.threshold]["per_million"] <= budget
    assert all(table[t]["per_million"] > budget for t in table if t < m.threshold)
    # the offer band adds no finding there, and its floor holds
    assert m.offer_threshold == meta["offer_threshold"] <= m.threshold
    row = table[m.offer_threshold]
    assert set(row["general_offer_findings"]) <= set(table[m.threshold]["examples"])


def test_scores_are_log_likelihood_ratios():
    m = load_model()
    assert m.score("钢珠狙击弩") > m.threshold > m.score("人民代表大会")
    sc, a, b = m.best_span("有人卖钢珠狙击弩了", 7)  # 弩
    assert 2 <= b - a <= m.maxlen and a <= 7 < b and sc == pytest.approx(m.score("有人卖钢珠狙击弩了"[a:b]))


def test_compiled_scorer_equals_the_reference():
    """The compiled window scorer (scanner/_speedups.c llr_best) gives the same doubles and the
    same span as CharLLR._best_in_py on random windows: of the model's characters, of official
    text, and anchors mixed in (the scanner's decisions compare these floats with thresholds)."""
    from scanner import speedups

    llr_best = speedups.get("llr_best")
    m = load_model()
    if llr_best is None or m.scorer() is None:
        pytest.skip("the C extension is not built")
    import random

    rng = random.Random(16)
    chars = sorted(c for c in set(m.pos[0]) | set(m.bg[0]) if pm._is_han(c))
    prose = [c for c in "今年要全面推进乡村振兴新能源汽车销量持续增长中医药是中华文明的瑰宝有人卖钢珠狙击弩了网友晒出自制猎枪" if pm._is_han(c)]
    prefilter, m.prefilter = m.prefilter, 0.0  # (the reference's own prefilter: the loops compared on every window)
    try:
        for _ in range(3000):
            n = rng.randint(2, 2 * m.maxlen - 1)
            pick = rng.choice((chars, prose, m.anchors))
            w = "".join(rng.choice(pick) if rng.random() < 0.7 else rng.choice(m.anchors) for _ in range(n))
            ii = rng.randrange(n)
            assert llr_best(w, ii, m.maxlen, m.scorer()) == m._best_in_py(w, ii), w
    finally:
        m.prefilter = prefilter
    w = "有人卖钢珠狙击弩了"
    assert m._best_in(w, 7) == m._best_in_py(w, 7)  # (with the prefilter: the same rejection)


def test_compiled_best_span_equals_the_reference(monkeypatch):
    """The compiled best_span (llr_span: ordinary bigrams, both prefilters, the Han window and its
    best span) equals CharLLR._best_span_py over the pure window scorer, on random texts with
    anchors, non-Han characters and edges, at the model's prefilter and at others."""
    from scanner import speedups

    llr_span = speedups.get("llr_span")
    m = load_model()
    if llr_span is None or m.scorer() is None:
        pytest.skip("the C extension is not built")
    import random

    rng = random.Random(16)
    prose = "今年要全面推进乡村振兴。新能源汽车销量持续增长，中医药是中华文明的瑰宝；药品监督管理局 2024 年"
    monkeypatch.setattr(m, "_best_in", m._best_in_py)
    monkeypatch.setattr(m, "_spans", {})  # (the memo would keep a window's answer across prefilters)
    prefilter = m.prefilter
    try:
        for _ in range(3000):
            d = "".join(rng.choice(m.anchors) if rng.random() < 0.3 else rng.choice(prose)
                        for _ in range(rng.randint(1, 24)))
            i = rng.randrange(len(d))
            for pf in (prefilter, 0.0, 3.0):
                m.prefilter = pf
                m._spans.clear()
                assert llr_span(d, i, m.maxlen, pf, m.scorer()) == m._best_span_py(d, i), (d, i, pf)
    finally:
        m.prefilter = prefilter


# ----------------------------------------------------------------------------- the build
sys.path.insert(0, str(REPO / "models"))


def test_build_is_deterministic():
    import build_prohibited_lm as b

    entries = ["出售钢珠枪", "淫乱视频", "迷魂药出售", "狙击枪专卖", "淫荡少妇"]
    general = ["今年要全面推进乡村振兴。", "新能源汽车销量持续增长。", "中医药是中华文明的瑰宝。"]
    one = b._dump(b.build_model(entries, general, threshold=15.0, anchor=1.0))
    two = b._dump(b.build_model(list(reversed(entries)), list(reversed(general)), threshold=15.0, anchor=1.0))
    assert one == two
    model = CharLLR(json.loads(gzip.decompress(one)))
    assert "枪" in model.anchors and "售" not in model.anchors  # a trade character never anchors
    assert model.score("钢珠枪") > model.score("汽车销")


@pytest.mark.skipif(not DATA.exists(), reason="shared data absent")
def test_shipped_model_is_what_the_builder_writes(capsys):
    import build_prohibited_lm as b

    assert b.main(["--data", str(DATA), "--check"]) == 0
    assert "identical" in capsys.readouterr().out


def test_a_rows_finding_keeps_its_span():
    """The model's span is looser than a row's (骚逼嫩妹 around the row 骚逼): where another finding of
    its category overlaps, the model's is dropped before the merge, so the row's span and message
    stay what the row says."""
    text = "群主发了很多骚逼嫩妹。"
    assert _found(ProhibitedModelDetector(), text)  # the model alone finds the longer span
    got = [f for f in Scanner().scan(text).findings if f.category == "improper_wording"]
    assert [(f.text, f.rule) for f in got] == [("骚逼", "prohibited.porn.saobi")]
    # where nothing else finds the phrase, the model's finding stays
    assert [f.rule for f in Scanner().scan("有人兜售迷魂催情喷剂。").findings] == ["prohibited.model"]


# ----------------------------------------------------------------------------- read-backs (h16n)
#: a disguised anchor read back before the span is scored: a look-alike of the scanner's own data
#: (昬 for 昏), two components (氏日 for 昏, 衤末 for 袜), a separator between every character
READ_BACK = {
    "有人在传昬睡喷剂。": ("昬睡喷剂", "昏睡喷剂"),
    "有人在传氏日睡喷剂。": ("氏日睡喷剂", "昏睡喷剂"),
    "有人在传黑丝衤末诱惑。": ("黑丝衤末诱惑", "黑丝袜诱惑"),
    "有人在传催；情；口；服；液。": ("催；情；口；服；液", "催情口服液"),
    "有人在传催、情、口、服、液，要的私聊。": ("催、情、口、服、液", "催情口服液"),
    # beside an anchor, two components of a character that is no anchor (目垂 睡: the repair)
    "有人在传昏目垂喷剂。": ("昏目垂喷剂", "昏睡喷剂"),
}
READ_BACK_NOT = (
    "抢险队员抢救被困群众，大家抢购年货。",   # 抢 is a look-alike of 枪, and an ordinary word
    "女干部们参加了德、智、体、美、劳评比。",   # 女干 (奸) is in a word; a run of single characters
    "他目睹了事故的经过，包裹已经寄出。",       # 睹 赌, 裹 裸
    "石肖像，彷徨，一棵树。",
    "警方查获一批催；情；口；服；液。",         # a read-back run in crackdown news
)


@pytest.mark.parametrize("text,want", sorted(READ_BACK.items()))
def test_read_back(det, text, want):
    got = _found(det, text)
    assert len(got) == 1, got
    f = got[0]
    assert f.text == want[0] == text[f.start:f.end]
    assert f"读作「{want[1]}」" in f.message and f.rule == "prohibited.model" and f.severity == "review"


@pytest.mark.parametrize("text", READ_BACK_NOT)
def test_read_back_not(det, text):
    assert _found(det, text) == []


def test_repairs_skip_what_general_text_writes():
    """Two components general text writes side by side are no disguise (月交 of 九月交付)."""
    m = load_model()
    assert pm.repairs("九月交付", 0, 4, m.bg[1]) == []
    assert pm.repairs("昏目垂", 0, 3, m.bg[1]) == [(1, 2, "睡")]


def test_read_back_table():
    """From the scanner's look-alike and component data: no anchor reads as another."""
    table = pm.readback_table(read_meta()["anchors"])
    anchors = set(read_meta()["anchors"])
    assert table["昬"] == "昏" and table["弓单"] == "弹" and table["衤末"] == "袜"
    assert not anchors & set(table) and set(table.values()) <= anchors


# ----------------------------------------------------------------------------- the short-span decision (h16v)
#: two characters of the lists that no list entry, no benchmark item and no row joins (checked when
#: written), in sentences written for these tests: the model's best span scores below its threshold
#: (a two-character span cannot reach 15), the short-span decision reports it
SHORT_MUST_HIT = {
    "群里有人在传裸臀的图片。": "裸臀",
    "群里有人在传婊穴的图片。": "婊穴",
    "网友私下转发裸乳照。": "裸乳",
}
SHORT_MUST_NOT_HIT = (
    # any word of jieba's dictionary names a thing (the review of h16v: 钢枪 27, 喷枪 5, 枪膛 41, 猎刀 18)
    "战士们手握钢枪，日夜守卫祖国边疆。", "果农手持喷枪为果树喷洒农药。", "消防员清理枪膛。", "家里还留着一把老猎刀。",
    # a pair of a word of jieba's dictionary (娇嫩, frequency 156) that the general model's weights
    # round away, and a character the lists never write (饹 of 饹馇)
    "这批娇嫩的玫瑰，离开肯尼亚花农的手不到24小时。",
    "他们一起包饺子、炸饹馇、聊家常。",
    # a word in quotation or title marks names a word or a work
    "俄方称乌克兰计划使用“脏弹”。",
    "书单里有《鹰奴》和《相见欢》。",
    # jieba joins the pair's character with a neighbour: it does not stand alone
    "生态文明建设关系人民生活，雾霾天气范围扩大。",
    "蜡像馆是迷妹们最爱的打卡地。",
    "今天给大乖买了好多吃的。",
)


@pytest.mark.parametrize("text,phrase", sorted(SHORT_MUST_HIT.items()))
def test_short_must_hit(det, text, phrase):
    got = _found(det, text)
    assert [(f.rule, f.severity, f.type) for f in got] == [("prohibited.model.short", "review", "prohibited_content")]
    s = text.index(phrase)
    assert got[0].start <= s and s + len(phrase) <= got[0].end <= s + len(phrase) + 1  # (2–3 characters)
    m = det.model
    assert det.model.best_span(build_views(text).dense, text.index(phrase))[0] < m.threshold
    assert got[0].message.startswith("疑似违禁内容（统计模型判断，短词）") and "短词阈值 9.0" in got[0].message
    assert text[got[0].start:got[0].end] == got[0].text


@pytest.mark.parametrize("text", SHORT_MUST_NOT_HIT)
def test_short_must_not_hit(det, text):
    assert _found(det, text) == []


def test_short_in_news_and_disguised(det):
    """The news words silence it as they silence the model; the dense view's disguises (spaces,
    symbols, traditional and full-width forms) are undone before it, and the span is reported on
    the original text."""
    assert _found(det, "警方查获一批裸臀图片，嫌疑人被刑事拘留。") == []
    for text, written in (("群里有人在传裸 臀的图片。", "裸 臀"), ("群里有人在传裸*臀的图片。", "裸*臀")):
        got = _found(det, text)
        assert [(f.text, f.rule) for f in got] == [(written, "prohibited.model.short")]


def test_short_offer_band(det):
    """A short span between the short offer threshold (7) and the short threshold (9) only beside
    an offer word."""
    m = det.model
    assert m.short_offer_threshold < m.short_threshold
    d = "群里有人在传婊妹的图片。"
    sc = m.short_spans(d, d.index("婊"), 0.0)[0][0]
    assert m.short_offer_threshold <= sc < m.short_threshold
    assert not [f for f in _found(det, d) if f.rule == "prohibited.model.short"]
    assert [f.text for f in _found(det, "婊妹照片，有意者私聊。") if f.rule == "prohibited.model.short"] == ["婊妹"]


def test_band_dictionary_test_is_off(det, monkeypatch):
    """h16x: the offer band's dictionary test (BAND_WORDS) ships off (it lost 3 of 1,468 offered
    entries of the builder's validation and removed no measured finding). Switched on, a band span
    that is a word of jieba's dictionary (小姨 23, in a sentence of county e-commerce news written
    for this test) is no finding, and a band span that is no word (袜诱写真) still is."""
    from scanner.words import word_freq

    assert pm.BAND_WORDS is False
    m = det.model
    text = "小姨做的腊肉，有意者私聊。"
    assert word_freq("小姨") >= pm.SHORT_WORD
    sc = m.best_span(build_views(text).dense, 0)[0]
    assert m.offer_threshold <= sc < m.threshold  # (the band: an offer word, 私聊, in the sentence)
    assert [f.text for f in _found(det, text)] == ["小姨"]
    monkeypatch.setattr(pm, "BAND_WORDS", True)
    assert _found(det, text) == []
    assert [f.text for f in _found(det, "袜诱写真，货到付款。")] == ["袜诱写真"]


def test_short_yields_to_rows():
    """Subsidiary like the model: where a row of the category finds the span (屌 alone), the short
    span is not reported."""
    text = "群里有人在传屌痒的图片。"
    assert [f.rule for f in _found(ProhibitedModelDetector(), text)] == ["prohibited.model.short"]
    assert "prohibited.model.short" not in [f.rule for f in Scanner().scan(text).findings]


def test_short_off_without_its_keys(det):
    """A model built before the decision (no ``short_threshold``) does not run it."""
    import copy

    m = copy.copy(det.model)
    m.short_threshold = None
    assert _found(ProhibitedModelDetector(m), "群里有人在传裸臀的图片。") == []


def test_stands_alone_and_quoted():
    assert pm._stands_alone("群里有人在传裸臀的图片", 6, 8)
    assert pm._stands_alone("雾霾天气范围扩大", 0, 2) and not pm._stands_alone("雾霾天气范围扩大", 1, 3)  # (天气)
    v = build_views("使用“脏弹”。")
    assert pm._quoted(v, 3, 5) and not pm._quoted(build_views("使用脏弹。"), 2, 4)
    assert pm._quoted(build_views("《 鹰奴 》"), 2, 4)


def test_choose_short_by_budget():
    import build_prohibited_lm as b

    def row(cm, rows):
        return {"char_min": cm, "table": [{"threshold": t, "short_found": n, "per_million": pm_, "novel_recall": 0.0,
                                           "general_offer_findings": [], "examples": []} for t, n, pm_ in rows]}

    val = {"by_char_min": [row(0.0, [(8, 50, 2.0), (9, 40, 1.0), (10, 30, 0.0)]),
                           row(1.0, [(8, 45, 1.0), (9, 38, 0.0), (10, 30, 0.0)]),
                           row(2.0, [(8, 45, 0.5), (9, 30, 0.0), (10, 20, 0.0)])]}
    # the most entries within the budget, ties to the higher floor
    assert b.choose_short(val, 1.0)[::2] == (8.0, 2.0)
    assert b.choose_short(val, 0.0)[::2] == (9.0, 1.0)
    assert b.choose_short({"by_char_min": [row(0.0, [(8, 0, 0.0)])]}, 1.0) is None


def test_short_spans_reference(det):
    """short_spans against a direct reading of its conditions (every span of 2–3 characters holding
    the anchor, each character in ``short_chars``, no bigram in the general table or a jieba word
    in its dictionary (SHORT_WORD), the score of :meth:`CharLLR.score`), on sentences and on strings of
    list-heavy characters."""
    import random

    from scanner.words import word_freq

    m = det.model
    rng = random.Random(16)
    heavy = sorted(m.short_chars)
    texts = [t for t in SHORT_MUST_HIT] + list(SHORT_MUST_NOT_HIT) + ["".join(rng.choice(heavy + list("的是在了人"))
                                                                    for _ in range(12)) for _ in range(300)]
    for d in texts:
        d = build_views(d).dense
        for i, ch in enumerate(d):
            if ch not in m.anchors:
                continue
            want = []
            if not (d[i - 1:i + 1] in m.ordinary or d[i:i + 2] in m.ordinary):
                for a in range(max(0, i - 2), i + 1):
                    for b in (a + 2, a + 3):
                        s = d[a:b]
                        if b <= i or b > len(d) or not all(c in m.short_chars for c in s):
                            continue
                        if any(m.bg[1].get(s[k:k + 2], 0) or word_freq(s[k:k + 2]) >= pm.SHORT_WORD
                               for k in range(len(s) - 1)):
                            continue
                        if m.score(s) >= 0.0:
                            want.append((m.score(s), a, b))
            want.sort(key=lambda x: (-x[0], x[1], x[2]))
            assert m.short_spans(d, i, 0.0) == want, (d, i)
