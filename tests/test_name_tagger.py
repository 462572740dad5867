"""The NumPy runtime of the name CRF (scanner/name_tagger.py) against CRFsuite itself."""
import importlib.util
import random
from pathlib import Path

import numpy as np
import pytest

from scanner.name_tagger import (
    LABELS,
    N_TEMPLATES,
    NameTagger,
    _Table,
    build_lexicon,
    load_tagger,
)

REPO = Path(__file__).resolve().parent.parent


def _build_module():
    spec = importlib.util.spec_from_file_location("build_name_tagger", REPO / "models" / "build_name_tagger.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _sentences(n: int, seed: int):
    rnd = random.Random(seed)
    surnames, given = "王李张刘陈杨黄赵周吴", "小明华建国丽娜伟强芳军"
    frames = ["昨天{}在公园散步。", "记者采访了{}，他说收成不错。", "{}和妻子一起去了医院", "据{}介绍，项目已完工。",
              "村里的路修好了，大家都很高兴。", "今年粮食产量再创新高。"]
    out = []
    for _ in range(n):
        frame = rnd.choice(frames)
        if "{}" not in frame:
            out.append((frame, []))
            continue
        name = rnd.choice(surnames) + "".join(rnd.choice(given) for _ in range(rnd.choice((1, 2))))
        s = frame.index("{}")
        out.append((frame.format(name), [(s, s + len(name))]))
    return out


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A small CRF trained by CRFsuite right here, exported the way the build script exports."""
    pycrfsuite = pytest.importorskip("pycrfsuite")
    build = _build_module()
    sents = _sentences(300, seed=1)
    chars = build.vocabulary(sents, min_count=1)
    lex = build_lexicon()
    crf = tmp_path_factory.mktemp("crf") / "tiny.crfsuite"
    build.train_crf(sents, chars, lex, crf, c1=0.05, c2=0.01, iterations=40)
    keys, weights, trans = build.export(crf)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf))
    return NameTagger(keys, weights, trans, chars, lex), tagger, build


PROBES = ["昨天王小明在公园散步。", "记者采访了李华，他说收成不错。", "今年粮食产量再创新高。", "张伟",
          "据陈建国介绍，项目已完工。刘芳和妻子一起去了医院", "", "a", "王"]


@pytest.mark.parametrize("text", PROBES)
def test_marginals_equal_crfsuite(tiny, text):
    ours, theirs, build = tiny
    p_exact = ours.probabilities(text)
    assert p_exact.shape == (len(text),)
    if not text:
        return
    theirs.set(build.attrs(ours.features(text)))
    ref = np.array([1.0 - theirs.marginal("O", i) for i in range(len(text))])
    assert np.abs(p_exact - ref).max() < 1e-5  # CRFsuite's dump prints weights to 6 decimals


def test_viterbi_names_are_found(tiny):
    ours, theirs, build = tiny
    text = "据陈建国介绍，项目已完工。"
    p = ours.probabilities(text)
    assert (p[1:4] > 0.5).all() and (np.delete(p, [1, 2, 3]) < 0.5).all()
    assert theirs.tag(build.attrs(ours.features(text)))[1:4] == ["B", "M", "E"]


def test_hash_table_lookup():
    rnd = np.random.default_rng(3)
    keys = np.unique(rnd.integers(0, 2**62, size=5000, dtype=np.int64))
    table = _Table(keys)
    q = np.concatenate([keys[::-1], rnd.integers(0, 2**62, size=5000, dtype=np.int64)])
    got = table.lookup(q, missing=-7)
    where = {int(k): i for i, k in enumerate(keys)}
    assert got.tolist() == [where.get(int(k), -7) for k in q]


def test_feature_keys_shape_and_templates():
    tagger = load_tagger()
    k = tagger.features("王小明")
    assert k.shape == (3, N_TEMPLATES) and k.dtype == np.int64
    assert ((k >> 50) == np.arange(N_TEMPLATES)).all()  # each column carries its template number
    # the same character in the same context gives the same keys wherever it stands
    a = tagger.features("甲乙丙丁戊己庚辛壬")
    b = tagger.features("子丑甲乙丙丁戊己庚辛壬")
    assert (a[3] == b[5]).all()


def test_stored_lexicon_round_trips():
    lex = build_lexicon()
    z = {k: np.asarray(v) for k, v in lex.to_arrays().items()}
    back = type(lex).from_arrays(z)
    for name in ("sur", "given", "translit", "word_keys", "word_cls"):
        assert np.array_equal(getattr(lex, name), getattr(back, name))
    assert back.sur[ord("王")] == 1 and back.sur[ord("欧")] == 2


def test_shipped_model_is_loaded_and_described():
    tagger = load_tagger()
    assert tagger is not None and len(tagger.chars) > 3000
    assert tagger.transitions.shape == (len(LABELS), len(LABELS))
    assert set(tagger.meta["trained_on"]) == {"cluener train", "resume train", "weibo train"}
    assert "cluener dev" in tagger.meta["held_out"]


def _reference_marginals(tagger, text):
    """Forward-backward one character at a time in log space: the textbook algorithm."""
    em = tagger.emissions(text)
    T = tagger.transitions
    n, k = em.shape
    la = np.zeros((n, k))
    lb = np.zeros((n, k))
    la[0] = em[0]
    for t in range(1, n):
        la[t] = np.logaddexp.reduce(la[t - 1][:, None] + T, axis=0) + em[t]
    for t in range(n - 2, -1, -1):
        lb[t] = np.logaddexp.reduce(T + (em[t + 1] + lb[t + 1])[None, :], axis=1)
    post = la + lb
    post -= np.logaddexp.reduce(post, axis=1)[:, None]
    return 1.0 - np.exp(post[:, 0])


def test_shipped_model_scan_equals_sequential_forward_backward():
    tagger = load_tagger()
    text = ("国务院总理李克强主持召开国务院常务会议。昨天下午，村民王小明在公园散步时，遇到了多年未见的老同学"
            "张晓燕。斯图尔特·卡里今天首发，梅西缺阵。本条例自公布之日起施行。") * 9  # 1,000+ characters
    p = tagger.probabilities(text)
    assert np.abs(p - _reference_marginals(tagger, text)).max() < 1e-8
    assert p.min() >= 0 and p.max() <= 1


def test_augment_swaps_names_and_keeps_spans_exact():
    build = _build_module()
    sents = [("昨天王小明和斯图尔特去了公园", [(2, 5), (6, 10)]), ("没有名字的句子", [])]
    out = build.augment(sents, copies=3, seed=1)
    assert out[:2] == sents and len(out) == 2 + 3  # originals kept; copies only of sentences with names
    for text, spans in out[2:]:
        assert text.startswith("昨天") and text.endswith("去了公园")
        assert len(spans) == 2 and text[spans[0][1]:spans[1][0]] == "和"
        assert all(b - a >= 2 for a, b in spans)
    assert build.augment(sents, copies=0) == sents


def test_word_class_same_as_the_array_lookup():
    """word_class (one key, Python integers) answers as _word_classes (the array hashes and probe)
    on jieba's words of 2-4 characters, on strings made of their characters, and on astral ones."""
    from scanner.name_tagger import WORD_CLASSES, _word_classes, jieba_entries, word_class

    lex = build_lexicon()

    def by_arrays(word):
        cps = np.frombuffer(word.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        return WORD_CLASSES[int(_word_classes(lex, cps, len(word))[len(word)][0])]

    words = [w for i, (w, _, _) in enumerate(jieba_entries()) if 2 <= len(w) <= 4 and i % 7 == 0]
    rnd = random.Random(5)
    chars = "".join(words[:3000])
    words += ["".join(rnd.choice(chars) for _ in range(rnd.randint(2, 4))) for _ in range(3000)]
    words += ["王建国", "北京市", "ab", "\U0001F600\U0001F600", "a\U0010FFFF", "\U00020000字"]
    got = [word_class(lex, w) for w in words]
    assert got == [by_arrays(w) for w in words]
    assert {"word", "nr", "ns", None} <= set(got)
    assert word_class(lex, "王") is None and word_class(lex, "王建国同志") is None
