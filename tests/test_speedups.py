"""The compiled views (scanner/_speedups.c, built at install by hatch_build.py) against the NumPy
reference (normalize.build_views_numpy): the same six views for every text.

The extension is optional (no C compiler at install: the NumPy path runs). scripts/test sets
GOVSCAN_REQUIRE_SPEEDUPS=1, so the project's own test run fails when it was not built instead of
silently measuring the slow path."""
import functools
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scanner import letters, normalize
from scanner.detectors import compositional, gates
from tests.conftest import DATA
from tests.test_offsets_property import TEXTS

try:
    from scanner import _speedups
except ImportError:  # pragma: no cover - depends on the install
    _speedups = None

needs_ext = pytest.mark.skipif(_speedups is None or bool(os.environ.get("GOVSCAN_PURE")),
                               reason="the C speedups are not built (no compiler at install) or GOVSCAN_PURE=1 turns them off")


def test_extension_is_built_where_required():
    if os.environ.get("GOVSCAN_REQUIRE_SPEEDUPS") and _speedups is None:
        pytest.fail("scanner/_speedups was not compiled at install (see hatch_build.py's warning)")
    if _speedups is not None and not os.environ.get("GOVSCAN_PURE"):
        normalize.build_views("")
        assert normalize._sp is _speedups.views  # build_views uses it
        assert gates._c_separated_runs is _speedups.separated_runs
        assert gates._runs is _speedups.wide_runs


def _same(a, b):
    assert (a.text, a.norm, a.vis, a.dense) == (b.text, b.norm, b.vis, b.dense)
    for x, y in ((a.vis_map, b.vis_map), (a.dense_map, b.dense_map), (a.dense_emap, b.dense_emap)):
        assert (x is None) == (y is None)
        if x is not None:
            assert np.array_equal(x, y)
    # a view equal to norm is norm itself in both (per-text caches key on identity)
    assert (a.vis is a.norm) == (b.vis is b.norm)
    assert (a.dense is a.norm) == (b.dense is b.norm)


def _c(text):
    if normalize._sp is None or normalize._sp is normalize._UNSET:
        normalize.build_views("")
    return normalize.build_views(text)


EDGES = ["", "a", "赌", "赌赌博博", "人人人", "\u200b", "\u200b赌\u200b博\u200b", "Ａ１２３　ｂ", "学学 习",
         "\ud800x", "x\u200b", "  ", "aa11", "哈哈", "臺灣總統", "赌 赌\u200b赌博", "𠀀𠀀", "★★", "😀赌😀博",
         "①②③", "\ufeff\ufeff", "賭賭博"]


@needs_ext
@pytest.mark.parametrize("text", EDGES)
def test_edge_cases(text):
    _same(_c(text), normalize.build_views_numpy(text))


@needs_ext
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXTS, st.text(max_size=60)))
def test_same_views_as_numpy(text):
    _same(_c(text), normalize.build_views_numpy(text))


@needs_ext
def test_same_views_on_official_texts():
    path = DATA / "corpus-gov-work-reports" / "government_work_reports.jsonl"
    if not path.exists():
        pytest.skip(f"{path} absent")
    import json

    n = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["content"]
            _same(_c(text), normalize.build_views_numpy(text))
            n += 1
    assert n > 10


@needs_ext
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXTS, st.text(max_size=60), st.sampled_from(EDGES)))
def test_fold_same_as_numpy(text):
    """normalize(), dense() and dense_runs() through the compiled fold() equal their NumPy versions."""
    assert normalize._fold() is not None
    assert normalize.normalize(text) == normalize._normalize_numpy(text)
    assert normalize.dense(text) == normalize._dense_numpy(text)
    assert normalize.dense_runs(text) == normalize._decode(normalize._dense_cps(text))


@needs_ext
def test_bad_input_is_a_clear_error():
    with pytest.raises(TypeError):
        _speedups.views(b"bytes")
    with pytest.raises(TypeError):
        _speedups.fold(b"bytes", 0)
    with pytest.raises(ValueError):
        _speedups.set_tables(np.zeros(3, np.uint32), np.zeros(3, bool), np.zeros(3, bool))
    normalize.build_views("")  # the tables are still the good ones
    assert normalize.build_views("ＡＢ").norm == "ab"


@needs_ext
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("法轮功高考a1 ") + list(gates.SEPS) + ["𠀀", "\u3400", "\u9fff", "\ua000"]),
                max_size=40).map("".join))
def test_separated_runs_as_python(norm):
    assert _speedups.separated_runs(norm) == gates._separated_runs(norm)


@needs_ext
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXTS, st.lists(st.sampled_from(list("三常科*  ·唑")), max_size=30).map("".join)))
def test_wide_runs_as_numpy(text):
    v = normalize.build_views_numpy(text)
    if v.dense_emap is None:
        return
    for limit in (0, 1, 8):
        assert _speedups.wide_runs(v.dense_map, v.dense_emap, limit) == list(np.flatnonzero(v.dense_emap - v.dense_map > 2)[:limit])
        for wider in (1, 2, 3):
            assert _speedups.wide_runs(v.dense_map, v.dense_emap, limit, wider) == list(
                np.flatnonzero(v.dense_emap - v.dense_map > wider)[:limit])


@needs_ext
def test_wide_runs_refuses_other_arrays():
    with pytest.raises(ValueError):
        _speedups.wide_runs(np.zeros(3, np.int32), np.zeros(3, np.int32), 8)
    with pytest.raises(ValueError):
        _speedups.wide_runs(np.zeros(3, np.int64), np.zeros(2, np.int64), 8)
    with pytest.raises(TypeError):
        _speedups.separated_runs(None)


_STYLED_SAMPLE = "0123456789 -x一二三四五六七八九〇零壹贰叁①②③⑴⒈❶㈠³₃ａ号"


@needs_ext
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list(_STYLED_SAMPLE) + ["电话", "年", "，"]), max_size=40).map("".join))
def test_styled_run_gate_never_hides_a_run(text):
    from scanner.detectors import pii

    v = normalize.build_views(text).vis
    runs = [r for r in pii._STYLED_RUN_RE.finditer(v) if not r.group().isascii()]
    if runs:
        assert _speedups.has_run(v, pii._STYLED_TABLE, 11)
    assert _speedups.has_run(v, pii._STYLED_TABLE, 0) == any(not c.isascii() and c in pii._STYLED for c in v)


@needs_ext
@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("0123ab-号栋幢座楼院室单元层 ，住址") + ["号召", "3号", "十"]), max_size=30).map("".join))
def test_address_gate_never_hides_a_number(text):
    from scanner.detectors import names

    v = normalize.build_views(text).vis
    if names._ADDR_TAIL_RE.search(v) or names._ADDR_DOOR_RE.search(v):
        assert _speedups.has_pair(v, names._ADDR_PAIR)
    assert not _speedups.has_pair(v.replace("号", "").replace("栋", "").replace("幢", "").replace("座", ""), names._ADDR_PAIR)


@needs_ext
def test_gates_refuse_bad_tables():
    with pytest.raises(ValueError):
        _speedups.has_run("abc", b"\x01" * 10, 2)
    with pytest.raises(ValueError):
        _speedups.has_pair("abc", b"")
    with pytest.raises(TypeError):
        _speedups.has_pair(b"abc", bytes(0x110000))


@needs_ext
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(TEXTS, st.lists(st.sampled_from(list("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾")
                                                + list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华")
                                                + list("拉夫罗巴沙尔斯基科克，。的了说 1") + ["\u00b7"]),
                               max_size=40).map("".join)))
def test_name_candidates_as_numpy(scanner, text):
    linker = [d for d in scanner._detectors if d.name == "personal_data"][0]._names.linker
    v = normalize.build_views(text).vis
    assert linker._candidates(v) == [int(i) for i in linker._candidates_numpy(v)]


_GATE_SAMPLE = list("0123456789 -+x京沪苏ab女户岁，\n、.()\u3000\t") + ["86", "0086", "电话", "地址", "家庭", "出生", "王小明", "年", "2024年10月"]


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_GATE_SAMPLE), max_size=40).map("".join))
def test_pattern_gates_never_hide_a_match(text):
    """The cheap gates in front of the digit-run, list-row, token and plate patterns answer False
    only when the pattern finds nothing (with the extension and, through GOVSCAN_PURE, without)."""
    from scanner.detectors import gates, names, pii

    v = normalize.build_views(text).vis
    gates.present(v)
    if names._DIGIT_RUN_RE.search(v):
        assert names._may_hold_digit_run(v)
    if names._ROW_AFTER_LF_RE.search("\n" + v):
        assert names._may_hold_row(v)
    asc = gates.ascii_chars(v)
    if any(not m.group().isdigit() and not m.group().isalpha() for m in pii._TOKEN_RE.finditer(v)):
        assert pii._may_hold_token(asc)
    if pii._PLATE_RE.search(v):
        assert pii._may_hold_plate(v)
    if pii._RUN_RE.search(v):
        assert pii._may_hold_run(v, asc)
    if any(not m.group().isdigit() and not m.group().isalpha() for m in pii._TOKEN_RE.finditer(v)):
        assert pii._may_hold_token_in(v, asc)
    from scanner.detectors import compositional

    if compositional._SPACED_RE.search(v):
        assert compositional._may_hold_spaced(v)


@needs_ext
def test_compiled_run_gates_refuse_joined_ascii():
    """The text's ASCII characters join across Han characters (2024年10月15日至2025年 reads
    2024101520 25…): the compiled walks answer False there, and True for the runs themselves."""
    from scanner.detectors import compositional, gates, pii

    if pii._has_run is None:
        pytest.skip("GOVSCAN_PURE=1: the compiled gates are off")
    v = normalize.build_views("2024年10月15日至2025年3月1日，编号ab12中cd34中ef56").vis
    asc = gates.ascii_chars(v)
    assert pii._RUN_GATE.search(asc) and not pii._may_hold_run(v, asc)
    assert pii._may_hold_token(asc) and not pii._may_hold_token_in(v, asc)
    v = normalize.build_views("电话13800138000，账号ab12cd34ef").vis
    asc = gates.ascii_chars(v)
    assert pii._may_hold_run(v, asc) and pii._may_hold_token_in(v, asc)
    assert not compositional._may_hold_spaced("海洛因 fine 。")
    assert compositional._may_hold_spaced("海 洛 因")


_RUN_SAMPLE = list("0123456789 -+()xabcAZ王，\n") + ["\U0001d7d8", "0086", "+86", "2024年10月"]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_RUN_SAMPLE), max_size=60).map("".join))
def test_class_runs_as_python_and_patterns_inside_them(text):
    """The compiled class_runs equals its Python reference, and the three patterns searched only
    inside its runs find exactly what they find over the whole text."""
    from scanner import speedups
    from scanner.detectors import names, pii

    if pii._class_runs is not None:  # (GOVSCAN_PURE=1: the callers' patterns alone, checked below)
        for table, k in ((pii._RUN_TABLE, 11), (names._DIGIT_TABLE, 7), (compositional._ALNUM_TABLE, 4),
                         (speedups.class_table({"0123456789": 2, " -": 1}), 3)):
            assert _speedups.class_runs(text, table, k) == speedups.class_runs_py(text, table, k)
    v = normalize.build_views(text).vis
    gates.present(v)
    asc = gates.ascii_chars(v)
    spans = [m.span() for m in pii._RUN_RE.finditer(v)]
    assert [m.span() for m in pii._run_matches(v, asc)] == spans
    assert [m.span() for m in names._digit_run_matches(v)] == [m.span() for m in names._DIGIT_RUN_RE.finditer(v)]
    views = normalize.build_views(text)
    want = [m.span() for m in compositional._INITIALS_RE.finditer(text)
            if len(m.group()) <= 16 and m.group().isalpha() and (m.group().islower() or m.group().isupper())
            and sum(ch in compositional._VOWELS for ch in m.group()) <= 1
            and not letters.acronym(text, *m.span())][:8]  # (no acronym: xxxx, CNN; h13c, reference fixed by h13r)
    assert compositional._initial_runs(views) == want


@needs_ext
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("弹簧刀0x0xx二年分") + ["\u3400", "\u9fff", "\u4dc0", "a", "\U0001f600", " "]),
                max_size=30).map("".join))
def test_lone_masks_as_python(text):
    """matcher._lone_masks (pair_between in C): a 0 or x between two Han characters, in order, as
    the Python loop finds them."""
    from scanner import matcher
    from scanner.detectors.gates import is_han

    want = sorted(i for i, c in enumerate(text) if c in "0x" and 0 < i < len(text) - 1
                  and is_han(text[i - 1]) and is_han(text[i + 1]))
    assert _speedups.pair_between(text, matcher._HAN_MASK) == want
    saved, matcher._pair_between = matcher._pair_between, None
    try:
        assert matcher._lone_masks(text) == want
    finally:
        matcher._pair_between = saved


@needs_ext
def test_class_runs_reads_every_string_kind():
    from scanner import speedups

    table = speedups.class_table({"0123456789": 2, " ": 1})
    for text, want in (("ab 123 4567 x", [(2, 12)]), ("王 123 4567 王", [(1, 11)]), ("\U0001f600 123 4567 \U0001f600", [(1, 11)])):
        assert _speedups.class_runs(text, table, 5) == want == speedups.class_runs_py(text, table, 5)
    assert _speedups.class_runs("12 345", table, 7) == []  # shorter than min_len
    assert _speedups.class_runs("     ", table, 1) == []  # no character of value 2 in the run
    with pytest.raises(ValueError):
        _speedups.class_runs("abc", b"\x01", 1)


def _class_gates_py(text: str, table, min_len: int):
    """has_pair, has_run and class_runs over a flat table, in Python (the references)."""
    from scanner import speedups

    vals = [table[ord(c)] for c in text]
    pair = any((a & 1) and (b & 2) for a, b in zip(vals, vals[1:]))
    runs = speedups.class_runs_py(text, table, min_len)
    run, marked, has_run = 0, False, False
    for v in vals:
        run, marked = (run + 1, marked or v == 2) if v else (0, False)
        has_run |= bool(v) and marked and run >= min_len
    return pair, has_run, runs


@needs_ext
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("王号栋一二三四五六七八九十字") + list("0123 ax-") + ["\u3000", "\U0001f600", "\u9fa5", "\u3400"]),
                max_size=40).map("".join), st.integers(0, 3), st.integers(0, 2))
def test_class_gates_as_python_on_varied_tables(text, min_len, shape):
    """has_pair, has_run and class_runs give what their Python references give, on a table whose
    Han range is all one value, one with a few Han characters marked, one varied block by block,
    as bytes and as a bytearray."""
    for table in _shape_tables(shape):
        want = _class_gates_py(text, table, min_len)
        got = (_speedups.has_pair(text, table), _speedups.has_run(text, table, min_len),
               _speedups.class_runs(text, table, min_len))
        assert got == want


@functools.lru_cache(maxsize=None)
def _shape_tables(shape: int):
    t = bytearray(0x110000)
    if shape == 0:
        t[0x4E00:0xA000] = b"\x01" * (0xA000 - 0x4E00)  # every Han character one value
        t[ord("0")] = t[ord("x")] = 2
    elif shape == 1:
        for c in "0123456789ax-":
            t[ord(c)] = 1
        for c in "号栋":
            t[ord(c)] = 2  # two Han characters in a block of zeros
    else:
        for cp in range(0x3400, 0xA000, 7):
            t[cp] = 1 + cp % 3  # every block different
        t[0x1F600] = 2
    return bytes(t), t


# ------------------------------------------------------------------ the name models' loops
def _random_chain(seed: int, n: int, k: int):
    rng = np.random.default_rng(seed)
    em = rng.normal(0, 3, (n, k))
    trans = rng.normal(0, 1, (k, k))
    return em, trans


@needs_ext
@pytest.mark.parametrize("n,k", [(1, 5), (2, 5), (7, 5), (48, 5), (1, 59), (3, 59), (130, 59)])
def test_fb_marginals_as_numpy(n, k):
    """The compiled forward-backward equals both NumPy references: LAC's step-wise one
    (person_model._marginals_numpy) and the character CRF's block-wise one (its start row fixed)."""
    from scanner import person_model
    from scanner.name_tagger import NameTagger

    for seed in range(5):
        em, trans = _random_chain(seed, n, k)
        w = np.exp(em - em.max(axis=1, keepdims=True))
        et = np.ascontiguousarray(np.exp(trans))
        post = np.empty_like(w)
        assert _speedups.fb_marginals(w, et, post, n, k) is None
        assert np.allclose(post, person_model._marginals_numpy(w, et), rtol=0, atol=1e-12)
        assert np.allclose(post.sum(axis=1), 1.0)
        if k == 5:  # the CRF's reference reads its model's exp-transitions
            fake = NameTagger.__new__(NameTagger)
            fake._exp_t = et
            assert np.allclose(np.clip(1.0 - post[:, 0], 0, 1), fake._probabilities_numpy(w), rtol=0, atol=1e-12)


@needs_ext
def test_fb_marginals_refuses_bad_arrays():
    w = np.ones((3, 5))
    with pytest.raises(ValueError):
        _speedups.fb_marginals(w, np.ones((5, 5)), np.empty((3, 5)), 4, 5)  # shape and buffers disagree
    with pytest.raises(ValueError):
        _speedups.fb_marginals(w.astype(np.float32), np.ones((5, 5)), np.empty((3, 5)), 3, 5)
    ro = np.empty((3, 5))
    ro.setflags(write=False)
    with pytest.raises((ValueError, BufferError)):
        _speedups.fb_marginals(w, np.ones((5, 5)), ro, 3, 5)


@needs_ext
@pytest.mark.parametrize("n", [1, 2, 9, 64])
def test_topk_viterbi_same_path_as_python(n, monkeypatch):
    """LAC's top-k Viterbi in C gives the Python loop's path (the same candidates, the same
    comparisons in doubles), ties included."""
    from scanner import person_model

    for seed in range(8):
        em, trans = _random_chain(seed, n, 59)
        em = em.astype(np.float32)
        if seed == 7:  # exact ties everywhere: the first best must win in both
            em[:] = 1.0
            trans[:] = 0.5
        tl = trans.tolist()
        for e in (em, em.astype(np.float64)):
            got = person_model._top_k_viterbi(e, tl)  # topk_viterbi_rows: the gathers in C too
            monkeypatch.setattr(person_model, "_topk_viterbi_rows", None)
            gathered = person_model._top_k_viterbi(e, tl)  # topk_viterbi on NumPy's gathers
            monkeypatch.setattr(person_model, "_topk_viterbi", None)
            want = person_model._top_k_viterbi(e, tl)
            monkeypatch.undo()
            assert got == gathered == want and len(got) == n and all(isinstance(t, int) for t in got)
    with pytest.raises(ValueError):
        _speedups.topk_viterbi(np.full((2, 4), 99, dtype=np.int64), np.zeros((2, 4)), np.zeros((59, 59)), 2, 4, 59)
    with pytest.raises(ValueError):
        _speedups.topk_viterbi_rows(np.full((2, 59), 99, dtype=np.int64), np.zeros((2, 59), dtype=np.float32),
                                    np.zeros((59, 59)), 2, 4, 59)
    with pytest.raises(ValueError):  # (an int array is not scores)
        _speedups.topk_viterbi_rows(np.zeros((2, 59), dtype=np.int64), np.zeros((2, 59), dtype=np.int32),
                                    np.zeros((59, 59)), 2, 4, 59)
