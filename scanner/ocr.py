"""Reading the text of a picture (OCR), offline, on the CPU, with a results cache.

The engine is RapidOCR 3 over ONNX Runtime with the PP-OCRv6 tiny Chinese detection and
recognition models that ship inside the ``faster-paddle`` wheel (:mod:`scanner.ocr_models`;
nothing is downloaded at run time), with a cascade (:data:`CASCADE`): a line whose long number or
licence plate fails a check is read again by the PP-OCRv6 small recogniser of the ``rapidocr``
wheel. ``benchmarks/bench_ocr.py --engine`` measures it against the small models and
``rapidocr-onnxruntime``'s PP-OCRv4 ones on one picture set; docs/FILES.md has the numbers that
chose it (``GOVSCAN_OCR_ENGINE`` picks another of :data:`ENGINES`). The detector runs first and only the text lines it finds are
recognised, so a photo without text costs one detector pass; a picture too small to hold a line
of text, or of one flat colour, costs nothing (:func:`skip_reason`).

Nothing here is imported by a plain-text scan: ``onnxruntime`` and the models are loaded on the
first picture, once per process (the extraction worker keeps them between files).

Results are cached by the SHA-256 of the picture's bytes (plus the engine and its settings) as
small JSON files in ``<user cache folder>/ocr/`` (:func:`scanner.cache.cache_dir`), so re-scanning
an archive never reads the same picture twice; a read-only or missing cache folder only means no
caching (never a failure). ``GOVSCAN_NO_CACHE=1`` turns it off. ``GOVSCAN_OCR_THREADS`` sets ONNX
Runtime's intra-op threads (default 1: the extraction pool already runs one worker per core).
"""
from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["Line", "PictureText", "read_picture", "read_image", "skip_reason", "text_area", "engine_id", "ocr_cache_dir",
           "open_image", "suspect", "MIN_SIDE", "MAX_PIXELS"]

#: a picture narrower or lower than this holds no line of readable text (text height ≥ ~10 px)
MIN_SIDE = 12
#: pictures over this many pixels are refused (Pillow's decompression-bomb guard, made explicit)
MAX_PIXELS = 60_000_000
#: lines the recogniser is less sure of than this are dropped (RapidOCR's own default is 0.5)
MIN_SCORE = 0.5
#: the detector's input: the long side at most this many pixels (text of 16 px stays over 10 px)
DET_SIDE = 1280
#: the recogniser's input is padded to at least this many pixels wide (RapidOCR's default 320
#: made a one-digit table cell cost as much as a 14-character line: 8 ms instead of 1 ms with the
#: tiny model); the PP-OCRv6 tiny recogniser reads the same at 64 (benchmarks/bench_ocr.py)
REC_MIN_WIDTH = 64
#: the angle classifier (PP-OCR's text-line 0°/180° model, in the rapidocr wheel) turns a picture
#: whose text stands upside down before it is read (:class:`_PageTurn`: most of the text, not line
#: by line): a photo of an ID card taken upside down (a real one in benchmarks/data/ocr_real_pages.json)
#: reads as 29≤1E180686121S0E7 without it, 430512198908131367 with it; ~1 ms a line, for at most
#: VOTERS lines
USE_CLS = True
#: the widest lines of a picture that vote on its orientation (each ~1 ms)
VOTERS = 12
#: the text area (:func:`text_area`) is widened by this many pixels on each side, and to at least
#: MIN_DET detector pixels each way: a strip of one line squashed or stretched to a multiple of
#: 32 px (the detector's grid) loses its text (a 48 px strip read as 64 px: no line found)
AREA_PAD = 16
MIN_DET = 96
#: a gap between two recognised characters wider than this share of the line's height is a space
#: (the recogniser itself drops spaces: 张伟　13812345678 would read 张伟13812345678)
SPACE_GAP = 0.45
#: the cascade (:func:`suspect`): a line in which the tiny recogniser read a number or a licence
#: plate in a form no real one has (a 16–19 digit run grouped 8-4-4-1 or 4-12, a bank card number
#: failing Luhn, an ID number failing its check character, 宁日·DC3226, 吉T·28WO1) is read again by
#: the PP-OCRv6 small recogniser of the rapidocr wheel, and that reading is kept when it passes
#: (benchmarks/bench_ocr.py: bank cards 0.80 → see docs/FILES.md; most pages re-read no line)
CASCADE = True
_FORMAT = 3  # bump when the cached JSON changes shape
#: what this process read: pictures OCR'd, answered from the cache, skipped as tiny or blank, and
#: text lines read again by the cascade (:data:`CASCADE`)
stats = {"ocr": 0, "cached": 0, "skipped": 0, "reread": 0}


@dataclass(frozen=True, slots=True)
class Line:
    """One text line: its text, its box ``(x0, y0, x1, y1)`` in the picture's pixels (the
    axis-aligned box around the detector's quadrilateral) and the recogniser's confidence."""

    text: str
    box: tuple[float, float, float, float]
    score: float
    #: each character's left and right edge in pixels (x0, x1, x0, x1, …, in reading order: right
    #: to left for a picture read upside down), when the recogniser gave them: a finding's box is
    #: then its own characters', not the whole line's
    xs: tuple[float, ...] = ()
    #: for a QR code or barcode decoded by zxing-cpp: its format (``QR Code``, ``EAN-13`` …); "" for text
    code: str = ""


@dataclass(frozen=True, slots=True)
class PictureText:
    """What OCR read in one picture. ``skipped`` says why OCR did not run (``too_small``,
    ``blank``); ``cached`` whether the lines came from the cache; ``seconds`` the OCR time."""

    lines: tuple[Line, ...]
    width: int
    height: int
    skipped: str | None = None
    cached: bool = False
    seconds: float = 0.0

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


# ------------------------------------------------------------------------------------------------
# the engine (lazy)
# ------------------------------------------------------------------------------------------------
_lock = threading.Lock()
_engine: Any = None


def _threads() -> int:
    try:
        return max(1, int(os.environ.get("GOVSCAN_OCR_THREADS", "1")))
    except ValueError:
        return 1


#: the engines :func:`read_image` can use (``GOVSCAN_OCR_ENGINE``), each with its models inside a
#: wheel; benchmarks/bench_ocr.py measures them on one picture set (docs/FILES.md)
ENGINES = {
    "ppocrv6-tiny": "rapidocr 3 with the PP-OCRv6 tiny detection and recognition models inside the faster-paddle wheel",
    "ppocrv4": "rapidocr-onnxruntime: PP-OCRv4 mobile detection and recognition",
    "ppocrv6": "rapidocr 3: PP-OCRv6 small detection and recognition",
    "v4det-v6rec": "PP-OCRv4 detection (rapidocr-onnxruntime's wheel) + PP-OCRv6 small recognition (rapidocr 3)",
}
DEFAULT_ENGINE = "ppocrv6-tiny"  # chosen by benchmarks/bench_ocr.py: docs/FILES.md "Pictures"


def engine_name() -> str:
    name = os.environ.get("GOVSCAN_OCR_ENGINE", "").strip() or DEFAULT_ENGINE
    if name not in ENGINES:
        raise ValueError(f"GOVSCAN_OCR_ENGINE={name!r}: unknown OCR engine; known: {', '.join(ENGINES)}")
    return name


@lru_cache(maxsize=8)
def _engine_id(name: str, cascade: bool, use_cls: bool) -> str:
    from importlib.metadata import PackageNotFoundError, version

    vs = []
    for dist in ("faster-paddle", "rapidocr-onnxruntime", "rapidocr", "onnxruntime"):
        try:
            vs.append(f"{dist}-{version(dist)}")
        except PackageNotFoundError:
            pass
    return f"{name}-{'-'.join(vs)}-{f'cls{VOTERS}' if use_cls else 'nocls'}-det{DET_SIDE}-b1-w{REC_MIN_WIDTH if name == 'ppocrv6-tiny' else 320}-s{MIN_SCORE}-g{SPACE_GAP}-a{AREA_PAD}-{MIN_DET}{'-c' if cascade else ''}-f{_FORMAT}"


def engine_id() -> str:
    """Names the engine, its packages and the settings that change its output (the cache key)."""
    return _engine_id(engine_name(), CASCADE, USE_CLS)


def _v4_det_model() -> str:
    import rapidocr_onnxruntime

    return str(Path(rapidocr_onnxruntime.__file__).parent / "models" / "ch_PP-OCRv4_det_infer.onnx")


def _make_engine(name: str):
    """A callable: (RGB picture, detector scale) → [(quad, text, score, character quads,
    characters, turned)]; ``turned``: the picture was read upside down (:class:`_PageTurn`) and
    the character quads are placed as if the line stood upright."""
    n = _threads()
    if name == "ppocrv4":
        from rapidocr_onnxruntime import RapidOCR

        # det_limit "max": the detector sees the picture at most DET_SIDE px on its long side and
        # never enlarged (RapidOCR's default enlarges a 200×1000 picture to 736×3680 first: 1.2 s
        # instead of 0.1 s); the lines are cut from the full-size picture
        eng = RapidOCR(intra_op_num_threads=n, inter_op_num_threads=1, use_cls=USE_CLS, print_verbose=False,
                       det_limit_type="max", det_limit_side_len=DET_SIDE, rec_batch_num=1)

        def run(img, scale=1.0):
            result, _ = eng(_bgr(img), return_word_box=True, box_thresh=0.5, unclip_ratio=1.6, text_score=MIN_SCORE)
            return [(it[0], it[1], it[2], it[3] if len(it) > 4 else None, it[4] if len(it) > 4 else None, False)
                    for it in result or ()]
        return run
    from rapidocr import RapidOCR

    params = {"EngineConfig.onnxruntime.intra_op_num_threads": n, "EngineConfig.onnxruntime.inter_op_num_threads": 1,
              "Global.use_cls": USE_CLS, "Global.log_level": "critical", "Global.text_score": MIN_SCORE,
              "Det.limit_type": "max", "Det.limit_side_len": DET_SIDE,
              # one line at a time: a batch is padded to its widest line, and a 1080p page of long
              # lines took 1 GB of memory at 6 per batch, 0.5 GB at 1, in the same time
              "Rec.rec_batch_num": 1, "EngineConfig.onnxruntime.enable_cpu_mem_arena": False}
    if name == "v4det-v6rec":
        params["Det.model_path"] = _v4_det_model()
    if name == "ppocrv6-tiny":
        from .ocr_models import tiny_models

        det, rec, keys = tiny_models()
        params.update({"Det.model_path": str(det), "Rec.model_path": str(rec), "Rec.rec_keys_path": str(keys),
                       "Rec.rec_img_shape": [3, 48, REC_MIN_WIDTH]})
    eng = RapidOCR(params=params)
    det_model = eng._load_det_model()  # loaded now: an engine that cannot start fails here, not on a picture
    turn = None
    if USE_CLS:
        turn = eng.text_cls = _PageTurn(eng._load_cls_model())
    run_lock = threading.Lock()
    reread = _Reread(eng) if CASCADE and name == "ppocrv6-tiny" else None

    def run3(img, scale=1.0):
        # the detector sees the picture at ``scale`` (read_image: a text area cut from a larger
        # picture is read at the whole picture's scale)
        with run_lock:
            det_model.limit_side_len = max(32, round(max(img.width, img.height) * scale)) if scale < 1 else DET_SIDE
            bgr = _bgr(img)
            r = eng(bgr, use_cls=USE_CLS, return_word_box=True)
            flipped = turn is not None and turn.flipped
            if r.boxes is None:
                return []
            words = list(r.word_results or [()] * len(r.txts))
            txts, scores = list(r.txts), list(r.scores)
            if reread is not None:
                for k, t in enumerate(txts):
                    if suspect(t):
                        got = reread(bgr, r.boxes[k], flipped)
                        if got is not None and not suspect(got[0]):
                            txts[k], scores[k], words[k] = got
        return [(b.tolist(), t, s, [w[2] for w in ws], [w[0] for w in ws], flipped)
                for b, t, s, ws in zip(r.boxes, txts, scores, words)]
    return run3


class _Reread:
    """The cascade's second reader: the PP-OCRv6 small recogniser of the ``rapidocr`` wheel (the
    previous default engine's, 5× slower than the tiny one and better at long digit runs), loaded
    on the first line that needs it; :func:`suspect` decides which lines."""

    def __init__(self, main):
        self.main = main  # the tiny engine: its character-box mapping (calc_word_boxes)
        self.rec = None

    def __call__(self, bgr, quad, flipped: bool):
        """(text, score, word results) of the line ``quad`` of ``bgr`` read again; None when the
        small recogniser cannot start or reads nothing."""
        import numpy as np
        from rapidocr.ch_ppocr_rec.typings import TextRecInput
        from rapidocr.utils.process_img import get_rotate_crop_image

        if self.rec is None:
            from rapidocr import RapidOCR

            n = _threads()
            small = RapidOCR(params={"EngineConfig.onnxruntime.intra_op_num_threads": n,
                                     "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                                     "EngineConfig.onnxruntime.enable_cpu_mem_arena": False,
                                     "Global.use_det": False, "Global.use_cls": False,
                                     "Global.log_level": "critical", "Rec.rec_batch_num": 1})
            self.rec = small._load_rec_model()
        crop = get_rotate_crop_image(bgr, np.array(quad, dtype=np.float32))
        if flipped:
            import cv2

            crop = cv2.rotate(crop, cv2.ROTATE_180)
        out = self.rec(TextRecInput(img=[crop], return_word_box=True))
        stats["reread"] += 1
        if not out.txts or not (out.txts[0] or "").strip() or float(out.scores[0]) < MIN_SCORE:
            return None
        words = self.main.calc_word_boxes([crop], np.array([quad]), out)
        return out.txts[0], float(out.scores[0]), (words[0] if words else ())


# what the cascade checks (:func:`suspect`)
_GROUPED = re.compile(r"(?<![0-9A-Za-z])\d+(?: \d+)+(?![0-9A-Za-z])")
_RUN = re.compile(r"(?<![0-9A-Za-z])\d{15,19}[Xx]?(?![0-9A-Za-z])")
_PLATE_HEAD = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
#: a province, a letter that is no letter (宁日·DC3226) or a plate with I or O (吉T·28WO1)
_PLATE_ODD = re.compile(rf"[{_PLATE_HEAD}](?:[^\x00-\x7f\s·•，。：；、（）]·|[A-Za-z][·• ]?(?=[A-Za-z0-9]{{5,6}}(?![A-Za-z0-9]))"
                        rf"[A-Za-z0-9]*[IOio])[A-Za-z0-9]{{0,6}}(?![A-Za-z0-9])")


def _regular(part: list[int]) -> bool:
    """Digit groups a real number is printed in: a card 4-4-4-4(-1…4) of 15–19 digits, an ID
    number 6-8-4, a mobile 3-4-4."""
    return (len(part) >= 2 and 15 <= sum(part) <= 19 and all(n == 4 for n in part[:-1]) and part[-1] <= 4) \
        or part in ([6, 8, 4], [3, 4, 4])


def _odd_groups(lens: list[int], widest: int = 3) -> list[tuple[int, int]]:
    """The windows ``(i, j)`` of ``lens`` (the lengths of digit groups a line's spaces split a run
    of digits into) that look like one long number split in a way no real one is: 15–19 digits in
    two or more groups, none a mobile (11) or a whole number already (≥ 15), left over after the
    regular groupings (:func:`_regular`, longest first from the left) are taken out — so
    ``6214 6723 2160 5439 7　5700`` (a card, then an amount) is fine, ``62146723 2160 5439 7`` not.
    A window's widest group has at least ``widest`` digits (``1 2 3 … 12`` is a list, not a number)."""
    single = []
    i = 0
    while i < len(lens):
        j = next((j for j in range(len(lens), i + 1, -1) if _regular(lens[i:j])), None)
        if j is None:
            single.append(i)
            i += 1
        else:
            single.append(-1)  # a boundary: the windows never cross a regular number
            i = j
    out = []
    for a in range(len(single)):
        for b in range(a + 2, len(single) + 1):
            idx = single[a:b]
            if -1 in idx:
                break
            part = [lens[k] for k in idx]
            if 15 <= sum(part) <= 19 and widest <= max(part) < 15 and 11 not in part:
                out.append((idx[0], idx[-1] + 1))
    return out


def suspect(text: str) -> bool:
    """Whether ``text`` holds a number or a plate in a form no real one has: digits grouped by
    spaces into 15–19 digits in no real grouping (:func:`_odd_groups`: the tiny recogniser drops or
    adds spaces inside a long number), a 16–19 digit run starting 62 (UnionPay) that fails Luhn,
    an 18-character ID number whose check character is wrong, a licence plate whose letter after
    the province is a Chinese character or whose letters include I or O (never used on plates)."""
    if not text:
        return False
    if any(ch.isdigit() for ch in text):
        from .validators import id18_check_char, luhn_ok

        for m in _GROUPED.finditer(text):
            if _odd_groups([len(g) for g in m.group().split(" ")]):
                return True
        for m in _RUN.finditer(text):
            v = m.group()
            if len(v) == 18 and v[:17].isdigit() and v[0] in "1234569" and id18_check_char(v[:17]) != v[17].upper():
                return True
            if v.isdigit() and v.startswith("62") and len(v) >= 16 and not luhn_ok(v) \
                    and not (len(v) == 18 and v[0] in "1234569"):
                return True
    return any(ch in _PLATE_HEAD for ch in text) and _PLATE_ODD.search(text) is not None


#: a licence plate read with I or O among its last five or six characters: GA 36-2018 uses
#: neither letter on plates (they read as 1 and 0), so a plate reading with them is a misread
_PLATE_IO = re.compile(rf"([{_PLATE_HEAD}][A-HJ-NP-Z][·• ]?)([A-HJ-NP-Z0-9IO]{{5,6}})(?![A-Za-z0-9])")


def _repair(text: str, xs: tuple[float, ...]) -> tuple[str, tuple[float, ...]]:
    """What the cascade fixes without reading again. (1) The spaces inside a long number split
    into groups no real one is printed in (:func:`_odd_groups`) are dropped when the digits joined
    pass a check — Luhn for a 16–19 digit card, the check character for an 18-digit ID number:
    OCR's spaces inside a digit run are unreliable (gaps between full-width digits, a space read or
    not read between groups of four), its digits are not; ``xs`` (two edges a character) loses the
    spaces' edges too. (2) I and O in the serial of a licence plate become 1 and 0 (GA 36-2018: no
    plate uses them; 吉T28WO1 is 吉T28W01)."""
    if any(ch in _PLATE_HEAD for ch in text) and ("O" in text or "I" in text):
        text = _PLATE_IO.sub(lambda m: m.group(1) + m.group(2).replace("O", "0").replace("I", "1"), text)
    if " " not in text or not any(ch.isdigit() for ch in text):
        return text, xs
    from .validators import is_valid_id18, luhn_ok

    drop: list[int] = []
    for m in _GROUPED.finditer(text):
        groups = m.group().split(" ")
        starts = [m.start()]
        for g in groups[:-1]:
            starts.append(starts[-1] + len(g) + 1)
        best = None
        for i, j in _odd_groups([len(g) for g in groups], widest=1):
            v = "".join(groups[i:j])
            if ((16 <= len(v) <= 19 and luhn_ok(v)) or is_valid_id18(v)) and (best is None or j - i > best[1] - best[0]):
                best = (i, j)
        if best is not None:
            drop += [starts[k] - 1 for k in range(best[0] + 1, best[1])]
    if not drop:
        return text, xs
    gone = set(drop)
    out = "".join(ch for k, ch in enumerate(text) if k not in gone)
    if xs and len(xs) == 2 * len(text):
        xs = tuple(v for k in range(len(text)) if k not in gone for v in (xs[2 * k], xs[2 * k + 1]))
    return out, xs


class _PageTurn:
    """The angle classifier, for a whole picture: RapidOCR turns each line the classifier reads
    as upside down, and the classifier turns some upright short lines too (云H87131 in a rotated
    JPEG: benchmarks/bench_ocr.py lost 2 of 531 spans that way). Here the lines vote, by width:
    when most of the text stands upside down (a photo of an ID card taken the wrong way up), every
    line is turned; otherwise none is."""

    def __init__(self, cls):
        self.cls = cls
        self.flipped = False

    def __call__(self, img_list):
        import cv2

        widths = [im.shape[1] / max(im.shape[0], 1) for im in img_list]
        # the widest lines vote (a dense page: VOTERS lines classified, not all 75 of a table)
        voters = sorted(range(len(img_list)), key=lambda k: -widths[k])[:VOTERS]
        res = self.cls([img_list[k] for k in voters])
        thresh = getattr(self.cls, "cls_thresh", 0.9)
        down = sum(widths[k] for k, (label, score) in zip(voters, res.cls_res or ()) if "180" in label and score > thresh)
        self.flipped = down > 0.5 * sum(widths[k] for k in voters)
        res.img_list = [cv2.rotate(im, cv2.ROTATE_180) for im in img_list] if self.flipped else list(img_list)
        return res


def _bgr(img):
    import numpy as np

    return np.ascontiguousarray(np.asarray(img)[:, :, ::-1])  # RGB → BGR, what RapidOCR (OpenCV) expects


def _get_engine():
    global _engine
    if _engine is None:
        with _lock:
            if _engine is None:
                name = engine_name()
                try:
                    _engine = _make_engine(name)
                except ImportError as e:  # a broken install: pictures are listed not read, with this reason
                    raise RuntimeError(f"OCR engine {name} needs its package: {ENGINES[name]} ({e})") from e
                except Exception as e:  # a model file missing or damaged (never downloaded instead)
                    raise RuntimeError(f"OCR engine {name} cannot start ({type(e).__name__}: {e})") from e
    return _engine


# ------------------------------------------------------------------------------------------------
# the cache
# ------------------------------------------------------------------------------------------------
def ocr_cache_dir() -> Path | None:
    from . import compiled
    from .cache import cache_dir

    if not compiled.enabled():
        return None
    base = cache_dir()
    return None if base is None else base / "ocr" / hashlib.sha256(engine_id().encode()).hexdigest()[:16]


def _cache_file(key: str) -> Path | None:
    d = ocr_cache_dir()
    return None if d is None else d / key[:2] / f"{key}.json"


def _cache_load(key: str) -> PictureText | None:
    p = _cache_file(key)
    if p is None:
        return None
    try:
        d = json.loads(p.read_text("utf-8"))
        lines = tuple(Line(str(t), tuple(map(float, b)), float(s), tuple(map(float, xs)), str(c))  # type: ignore[arg-type]
                      for t, b, s, xs, c in d["lines"])
        return PictureText(lines, int(d["width"]), int(d["height"]), d.get("skipped"), True, 0.0)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _cache_store(key: str, pt: PictureText) -> None:
    p = _cache_file(key)
    if p is None:
        return
    tmp = p.with_name(f".{p.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        p.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp.write_text(json.dumps({"width": pt.width, "height": pt.height, "skipped": pt.skipped,
                                   "lines": [[ln.text, list(ln.box), round(ln.score, 4), list(ln.xs), ln.code]
                                             for ln in pt.lines]},
                                  ensure_ascii=False), "utf-8")
        os.replace(tmp, p)
    except OSError:  # a read-only or full cache folder: no caching, never a failure
        try:
            tmp.unlink()
        except OSError:
            pass


# ------------------------------------------------------------------------------------------------
# reading
# ------------------------------------------------------------------------------------------------
def open_image(data: bytes):
    """The first frame of a picture as an RGB :class:`PIL.Image.Image` (EXIF orientation applied).
    Raises ValueError for bytes Pillow cannot read or a picture over :data:`MAX_PIXELS`."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        if img.width * img.height > MAX_PIXELS:
            raise ValueError(f"{img.width}×{img.height} pixels, over the limit of {MAX_PIXELS:,}")
        img.load()
        img = ImageOps.exif_transpose(img)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as e:
        raise ValueError(f"not a picture Pillow can read ({type(e).__name__}: {e})") from None
    if img.mode != "RGB":
        if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
            img = img.convert("RGBA")
            bg = Image.new("RGB", img.size, (255, 255, 255))  # transparent text boxes read as on paper
            bg.paste(img, mask=img.getchannel("A"))
            img = bg
        else:
            img = img.convert("RGB")
    return img


def skip_reason(img, grey=None) -> str | None:
    """Why a picture needs no OCR: ``too_small`` (a side under :data:`MIN_SIDE` px) or ``blank``
    (one flat colour: the grey levels of a 64×64 thumbnail span less than 24). None: read it.
    ``grey``: the picture already converted to grey levels (``img.convert("L")``), if at hand."""
    if img.width < MIN_SIDE or img.height < MIN_SIDE:
        return "too_small"
    thumb = img.convert("L") if grey is None else grey.copy()
    thumb.thumbnail((64, 64))
    lo, hi = thumb.getextrema()
    if hi - lo < 24:
        return "blank"
    return None


def text_area(img, grey=None) -> tuple[int, int, int, int]:
    """The box ``(x0, y0, x1, y1)`` of the picture that can hold text: when at least 90 % of its
    border is one colour (a screenshot's background, a page's paper: grey levels within 12 of the
    border's median), the bounding box of the
    pixels whose grey level differs from it by more than 24, widened by :data:`AREA_PAD`; else
    (a photo) the whole picture. NumPy over the grey picture: ~10 ms for 1920 × 1080."""
    import numpy as np

    full = (0, 0, img.width, img.height)
    g = np.asarray(img.convert("L") if grey is None else grey)
    border = np.concatenate([g[0], g[-1], g[1:-1, 0], g[1:-1, -1]])
    bg = int(np.median(border))
    if np.count_nonzero(np.abs(border.astype(np.int16) - bg) <= 12) < 0.9 * border.size:
        return full
    lo, hi = max(0, bg - 24), min(255, bg + 24)
    ink = (g < lo) | (g > hi)
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return full
    cols = np.flatnonzero(ink[rows[0]:rows[-1] + 1].any(axis=0))
    return (max(0, int(cols[0]) - AREA_PAD), max(0, int(rows[0]) - AREA_PAD),
            min(img.width, int(cols[-1]) + 1 + AREA_PAD), min(img.height, int(rows[-1]) + 1 + AREA_PAD))


def _at_least(box: tuple[int, int, int, int], side: int, width: int, height: int) -> tuple[int, int, int, int]:
    """``box`` widened around its centre to at least ``side`` pixels each way, inside the picture."""
    x0, y0, x1, y1 = box
    if x1 - x0 < side:
        x0 = max(0, min(width - side, (x0 + x1 - side) // 2))
        x1 = min(width, x0 + side)
    if y1 - y0 < side:
        y0 = max(0, min(height - side, (y0 + y1 - side) // 2))
        y1 = min(height, y0 + side)
    return x0, y0, x1, y1


def read_image(img, key: str | None = None) -> PictureText:
    """OCR an RGB picture. ``key`` (a SHA-256 hex digest of what the picture was made from) makes
    the result cached; without it the picture's pixels are hashed."""
    if key is None:
        h = hashlib.sha256(img.tobytes())  # (not tobytes() + size: a second copy of the pixels)
        h.update(f"{img.width}x{img.height}".encode())
        key = h.hexdigest()
    hit = _cache_load(key)
    if hit is not None:
        stats["cached"] += 1
        return hit
    return _read(img, key)


def _read(img, key: str) -> PictureText:
    """:func:`read_image` past its cache lookup: OCR ``img`` and cache the result under ``key``."""
    grey = img.convert("L") if img.width >= MIN_SIDE and img.height >= MIN_SIDE else None
    why = skip_reason(img, grey)
    if why is not None:
        stats["skipped"] += 1
        pt = PictureText((), img.width, img.height, why)
        _cache_store(key, pt)
        return pt
    t = time.perf_counter()
    codes = read_codes(img)
    engine = _get_engine()
    # only the part of the picture that is not its background is read (a screenshot's margins,
    # a page's blank border), at the scale the whole picture would be read at (never enlarged, at
    # most DET_SIDE px on its long side): the same text size, fewer pixels
    scale = min(1.0, DET_SIDE / max(img.width, img.height))
    x0, y0, x1, y1 = _at_least(text_area(img, grey), math.ceil(MIN_DET / scale), img.width, img.height)
    area = img if (x0, y0, x1, y1) == (0, 0, img.width, img.height) else img.crop((x0, y0, x1, y1))
    try:
        result = engine(area, scale)
    except MemoryError:
        raise RuntimeError("OCR needs more memory than the reader's cap allows") from None
    except Exception as e:  # ONNX Runtime's own errors (std::bad_alloc under the memory cap …)
        msg = str(e).strip().splitlines()[-1][:200] if str(e).strip() else type(e).__name__
        raise RuntimeError(f"OCR failed ({msg})") from None
    lines = []
    for quad, text, score, char_quads, chars, turned in result:
        if not (text or "").strip() or float(score) < MIN_SCORE:
            continue
        xs = [float(p[0]) + x0 for p in quad]
        ys = [float(p[1]) + y0 for p in quad]
        box = (max(0.0, min(xs)), max(0.0, min(ys)), min(float(img.width), max(xs)), min(float(img.height), max(ys)))
        if (x0 or y0) and char_quads:
            char_quads = [[(float(p[0]) + x0, float(p[1]) + y0) for p in q] for q in char_quads]
        text, cx = _spaced(text, char_quads, chars, box[3] - box[1])
        if CASCADE:
            text, cx = _repair(text, cx)
        if turned and cx:  # the line stood upside down: its first character is at its right end
            lo_hi = box[0] + box[2]
            cx = tuple(round(lo_hi - v, 1) for k in range(0, len(cx), 2) for v in (cx[k + 1], cx[k]))
        lines.append(Line(text, tuple(round(v, 1) for v in box), float(score), cx))  # type: ignore[arg-type]
    stats["ocr"] += 1
    pt = PictureText(tuple(codes + lines), img.width, img.height, None, False, time.perf_counter() - t)
    _cache_store(key, pt)
    return pt


def read_codes(img) -> list[Line]:
    """The QR codes and barcodes in a picture, decoded with zxing-cpp (a real decoder: error
    correction, any rotation); each a :class:`Line` whose ``code`` is its format. Empty when
    zxing-cpp is not installed."""
    try:
        import zxingcpp
    except ImportError:  # pragma: no cover - a broken install: pictures are still read by OCR
        return []
    out = []
    try:
        found = zxingcpp.read_barcodes(img)
    except Exception:  # a decoder failure on one picture: no codes, OCR still runs
        return []
    for r in found:
        text = (r.text or "").strip()
        if not text or not r.valid:
            continue
        p = r.position
        xs = [float(q.x) for q in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)]
        ys = [float(q.y) for q in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)]
        box = (max(0.0, min(xs)), max(0.0, min(ys)), min(float(img.width), max(xs)), min(float(img.height), max(ys)))
        if box[3] - box[1] < 2:  # a 1-D barcode is reported as a line: give it the height of a bar
            box = (box[0], max(0.0, box[1] - 10), box[2], min(float(img.height), box[3] + 10))
        out.append(Line(" ".join(text.split())[:4000], box, 1.0, (), str(r.format).rsplit(".", 1)[-1]))
    return out


def _punct(ch: str) -> bool:
    """Full-width punctuation (，。：；（）「」…): its glyph carries its own blank half, so a gap next
    to it is no space."""
    return bool(ch) and ("\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uff0f" or "\uff1a" <= ch <= "\uff20"
                         or "\uff3b" <= ch <= "\uff40" or "\uff5b" <= ch <= "\uff65" or ch in "“”‘’…—·")


def _spaced(text: str, boxes, words, height: float) -> tuple[str, tuple[float, ...]]:
    """The line's text with a space wherever the recogniser's characters (``words``, each with a
    quadrilateral in ``boxes``) stand apart by more than :data:`SPACE_GAP` × the line height (and
    the spaces the recogniser read itself), and every character's left and right edge. Without
    character boxes: the text as read, no edges."""
    text = text.strip()
    if not boxes or not words or len(boxes) != len(words) or "".join(words).replace(" ", "") != text.replace(" ", ""):
        return text, ()
    flat: list[tuple[str, float, float]] = []
    for w, quad in zip(words, boxes):
        px = [float(p[0]) for p in quad]
        left, right = min(px), max(px)
        chars = w.replace(" ", "")
        step = (right - left) / max(len(chars), 1)
        flat += [(ch, round(left + k * step, 1), round(left + (k + 1) * step, 1)) for k, ch in enumerate(chars)]
    gap = SPACE_GAP * max(height, 1.0)
    out: list[str] = []
    xs: list[float] = []
    i = 0
    prev_right: float | None = None
    pending = False  # the recogniser read a space here
    for ch in text:
        if ch == " ":
            pending = bool(out)
            continue
        c, left, right = flat[i]
        i += 1
        if prev_right is not None and (pending or (left - prev_right > gap and not (_punct(out[-1]) or _punct(c)))):
            out.append(" ")
            xs += (prev_right, max(prev_right, left))
        pending = False
        out.append(c)
        xs += (left, right)
        prev_right = right
    return "".join(out), tuple(xs)


def read_picture(data: bytes) -> PictureText:
    """OCR a picture given its file bytes (PNG, JPEG, BMP, WebP, TIFF, GIF's first frame); cached
    by the bytes' SHA-256. Raises ValueError for bytes that are not a readable picture."""
    key = hashlib.sha256(data).hexdigest()
    hit = _cache_load(key)
    if hit is not None:
        stats["cached"] += 1
        return hit
    return _read(open_image(data), key)
