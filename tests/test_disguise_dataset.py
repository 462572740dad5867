"""The lexicon-independent disguise set (benchmarks/disguise_dataset.py): deterministic, exact spans,
a held-out half fixed by hash, and no evaluation phrase copied into a lexicon row."""
from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "benchmarks"
DATA = Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared")) / "data"


def _load(name):
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, mod)
    spec.loader.exec_module(mod)
    return mod


KNOWN_SHARED = frozenset(['一夜情', '两岸三地', '中华民国总统', '中国保险监督管理委员会', '中央研究院', '仿真枪', '傻逼', '全能神', '六合彩', '内部讨论稿', '军事禁区', '农业部', '冰毒', '初步核实', '北朝鲜', '台湾国', '台湾总统', '台湾政府', '台湾独立', '台独', '国土资源部', '国家卫生和计划生育委员会', '国家安全生产监督管理总局', '国家工商行政管理总局', '国家旅游局', '国家林业局', '国家食品药品监督管理总局', '婚姻法', '客户名单', '导弹阵地', '底价', '弱智', '总统府', '技术秘密', '投标报价', '援交', '摇头丸', '操你妈', '残废人', '民法通则', '法轮功', '海洛因', '环境保护部', '百家乐', '监察部', '监察院', '瞎子', '立委', '立法院', '约炮', '网络赌博', '考察对象', '行政院', '裸聊', '评标专家名单', '评标委员会成员名单', '谈话函询', '赌球', '迷奸药', '陆委会', '麻古'])
#: written from the norms by h16g (fourth session, 2026-12-06) without reading the items; the guard
#: test below showed they equal item phrases, and the lead kept them as rows because the norms ask
#: for them (docs/WORDING_NORMS.md): the set is that much easier on exactly these four items
KNOWN_SHARED |= {'中华民国', '哑巴', '中国银行保险监督管理委员会', '中央全面深化改革领导小组'}

gen = _load("disguise_dataset")
items = _load("disguise_items")


def test_held_out_is_a_fixed_half():
    words = [f"词{i}" for i in range(4000)]
    share = sum(gen.held_out("konsheng", w) for w in words) / len(words)
    assert 0.45 < share < 0.55
    # fixed: the hash of source and entry, not of a seed or the order
    assert gen.held_out("konsheng", "冰毒") == gen.held_out("konsheng", "冰毒")
    assert [gen.held_out("houbb", w) for w in words[:50]] == [gen.held_out("houbb", w) for w in words[:50]]


def test_renderers_write_each_family():
    import random

    rng = random.Random(1)
    assert gen.render("spaces", "冰毒", rng) in ("冰 毒", "冰\u3000毒", "冰  毒")
    assert gen.render("initials", "法轮功", rng).lower() == "flg"
    assert gen.render("traditional", "台湾总统", rng) == "臺灣總統"
    m = gen.render("masked", "法轮功", rng)
    assert m[0] == "法" and m[2] == "功" and m[1] != "轮"
    assert gen.render("number", "六合彩", rng) in ("6合彩", "⑥合彩", "❻合彩", "➅合彩", "６合彩")
    assert gen.styled_number("139", "circled", rng) == "①③⑨"
    assert gen.styled_number("139", "han", rng) == "一三九"


def test_no_item_phrase_is_a_lexicon_row():
    """The evaluation phrases are never a row source: no gold span of an item is a lexicon term
    written verbatim (a term may still happen to equal one when both name the same thing; those are
    listed here explicitly, so adding one by copying is a visible change)."""
    from scanner.lexicon import load_lexicons
    from scanner.resources import bundled_lexicon_dir

    terms = {e.term for e in load_lexicons([bundled_lexicon_dir()]).entries if e.variant_of is None}
    golds = set()
    for phrases in items.POSITIVES.values():
        for p in phrases:
            golds.add(p[p.index("[") + 1:p.index("]")])
    # measured before issue 16's changes: standard names that were already rows, written the same
    # way by both (the items were written without reading the rows). Nothing may join this list
    # silently: an addition says who wrote the row from which source, as the four above do.
    assert golds & terms <= KNOWN_SHARED, sorted((golds & terms) - KNOWN_SHARED)


@pytest.mark.skipif(not DATA.exists(), reason="shared data absent")
def test_deterministic_and_exact_spans():
    a = gen.build()
    b = gen.build()
    assert json.dumps(a, ensure_ascii=False) == json.dumps(b, ensure_ascii=False)
    fams = {r["family"] for r in a}
    assert set(gen.FAMILIES) <= fams
    for r in a:
        for s, e, t in r["gold"]:
            assert 0 <= s < e <= len(r["text"]), r
        if r["kind"] == "negative":
            assert not r["gold"]
    # the list positives come from the held-out halves only
    for r in a:
        if r["source"] in ("konsheng", "houbb") and r["family"] == "plain":
            s, e, _ = r["gold"][0]
            assert gen.held_out(r["source"], r["text"][s:e])


@pytest.mark.skipif(not DATA.exists(), reason="shared data absent")
def test_a_disguise_is_never_the_plain_phrase_or_a_correct_text():
    """A disguised rendering differs from the plain span and is no text the official corpora write as
    words of their own (h14e): a homophone of the misspelling 一国两治 may swap 治 for 制 and write the
    correct 一国两制, which counted as a miss of a correct text. Such a draw is drawn again,
    deterministically, and the generator of the other records is not disturbed."""
    import random

    plain = [gen.render("homophone", "一国两治", random.Random(k)) for k in range(300)]
    assert "一国两制" in plain  # (the renderer alone does write it)
    for k in range(300):
        d = gen.render_disguised("homophone", "一国两治", random.Random(k))
        assert d not in ("一国两治", "一国两制") and len(d) == 4
        assert d == gen.render_disguised("homophone", "一国两治", random.Random(k))  # deterministic
        a, b = random.Random(k), random.Random(k)
        gen.render("homophone", "一国两治", a)
        gen.render_disguised("homophone", "一国两治", b)
        assert a.random() == b.random()  # (the caller's generator advances as for one draw)
    assert gen._official_writes("一国两制") and not gen._official_writes("小3")  # (大大小小3万多条 writes no 小3)
    recs = gen.build()
    by_id = {r["id"]: r for r in recs}
    for r in recs:
        if r.get("plain") and r["family"] != "plain":
            (s, e, _), p = r["gold"][0], by_id[r["plain"]]
            (ps, pe, _) = p["gold"][0]
            assert r["text"][s:e] != p["text"][ps:pe], r
            assert not gen._official_writes(r["text"][s:e]), r


@pytest.mark.skipif(not DATA.exists(), reason="shared data absent")
def test_no_builder_reads_an_entry_held_out_in_either_list():
    """An entry held out in ANY list the benchmark draws from is held out everywhere (issue 16, h16s):
    操他妈 is in houbb's held-out half and konsheng's training half, 妈逼 a held-out entry that is also
    a piece of training entries. No training entry (the one input of prohibited_ngrams.tsv, the
    houbb rows of prohibited_lists.tsv and models/prohibited_lm), no generated row or piece, and no
    textfilter entry a local build reads is the normalised form of a held-out entry."""
    sys.path.insert(0, str(REPO / "scripts"))
    from build_prohibited_ngrams import _risk_chars, training_entries
    from build_prohibited_textfilter import textfilter_entries

    from scanner.normalize import normalize

    forms = gen.held_out_forms(DATA)
    assert {"操他妈", "操你全家", "妈逼"} <= forms
    assert gen.held_out("konsheng", "操他妈") and not gen.held_out("houbb", "操他妈")
    assert not gen.training_half("houbb", "操他妈", DATA) and not gen.training_half("textfilter", "操他妈", DATA)
    training = training_entries(DATA)
    assert len(training) > 3000
    assert not forms & set(training), sorted(forms & set(training))[:10]
    for name in ("prohibited_lists", "prohibited_ngrams", "prohibited_vocabulary"):
        rows = [line.split("\t") for line in open(REPO / "lexicons" / "improper_wording" / f"{name}.tsv", encoding="utf-8")
                if line.strip() and not line.startswith(("#", "id\t"))]
        assert len(rows) > 100
        bad = [(r[0], r[1]) for r in rows if normalize(r[1]) in forms]
        assert not bad, (name, bad[:10])
    if (DATA / "textfilter-observerss" / "keywords.txt").is_file():
        tf = textfilter_entries(DATA, _risk_chars(training))
        assert tf and not forms & set(tf), sorted(forms & set(tf))[:10]
