"""OCR speed paths (issue 13): the PP-OCRv6 tiny models taken out of the faster-paddle wheel
(scanner/ocr_models.py), the text area read instead of a screenshot's whole background
(scanner/ocr.py ``text_area``), with boxes still in the whole picture's pixels. What they cost
and what they keep is measured by benchmarks/bench_ocr.py, not here."""
from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("rapidocr")
pytest.importorskip("faster_paddle")

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from scanner import ocr  # noqa: E402
from scanner.ocr_models import find_models, tiny_models  # noqa: E402

FONT = next((p for p in ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                         "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                         "/usr/share/fonts/truetype/arphic/uming.ttc") if Path(p).exists()), None)


@pytest.fixture(autouse=True)
def no_ocr_cache(monkeypatch):
    monkeypatch.setattr(ocr, "ocr_cache_dir", lambda: None)


def test_default_engine_is_the_tiny_one_and_its_models_come_from_the_wheel():
    assert ocr.engine_name() == "ppocrv6-tiny" and ocr.DEFAULT_ENGINE == "ppocrv6-tiny"
    assert "w64" in ocr.engine_id()  # the recogniser's padding is part of the cache key
    det, rec, keys = tiny_models()
    chars = keys.read_text("utf-8").splitlines()
    assert len(chars) > 6000 and "的" in chars and "X" in chars and all(len(c) == 1 for c in chars)
    import onnxruntime as ort

    rec_out = ort.InferenceSession(str(rec), providers=["CPUExecutionProvider"]).get_outputs()[0].shape
    det_out = ort.InferenceSession(str(det), providers=["CPUExecutionProvider"]).get_outputs()[0].shape
    assert rec_out[-1] == len(chars) + 2 and len(det_out) == 4 and det_out[1] == 1  # + blank and space


def test_models_are_found_between_other_bytes_and_their_absence_is_an_error():
    det, rec, keys = tiny_models()
    d, r = det.read_bytes(), rec.read_bytes()
    k = keys.read_text("utf-8").splitlines()
    # as in the extension: code and strings around them, a JSON list that is not the characters
    blob = (b"\x7fELF" + bytes(range(256)) * 40 + b'["a", "b"]' + b"\x08\x07\x12\x00junk" + d + r
            + b"\x00" * 100 + json.dumps(k, ensure_ascii=False).encode() + b"\x00tail")
    d2, r2, k2 = find_models(blob)
    assert d2 == d and r2 == r and k2 == k
    with pytest.raises(RuntimeError, match="no PP-OCRv6"):
        find_models(bytes(range(256)) * 1000 + b"\x08\x08\x12\x00\x1a\x00")
    with pytest.raises(RuntimeError, match="no character list"):
        find_models(d + r)


def test_text_area_of_a_screenshot_and_of_a_photo():
    img = Image.new("RGB", (1920, 1080), (240, 242, 245))
    ImageDraw.Draw(img).rectangle((600, 300, 899, 449), fill=(255, 255, 255), outline=(0, 0, 0))
    assert ocr.text_area(img) == (600 - ocr.AREA_PAD, 300 - ocr.AREA_PAD, 900 + ocr.AREA_PAD, 450 + ocr.AREA_PAD)
    # a faint JPEG-like ripple of the background is no ink
    arr = np.asarray(img).astype(np.int16) + np.random.default_rng(1).integers(-6, 7, (1080, 1920, 1))
    assert ocr.text_area(Image.fromarray(arr.clip(0, 255).astype(np.uint8))) == ocr.text_area(img)
    # a photo (no one border colour): the whole picture
    noisy = np.random.default_rng(2).integers(0, 256, (400, 600, 3), dtype=np.uint8)
    assert ocr.text_area(Image.fromarray(noisy)) == (0, 0, 600, 400)
    # ink touching the edge: never past the picture
    edge = Image.new("RGB", (300, 200), "white")
    ImageDraw.Draw(edge).rectangle((0, 0, 40, 30), fill="black")
    assert ocr.text_area(edge) == (0, 0, 40 + 1 + ocr.AREA_PAD, 30 + 1 + ocr.AREA_PAD)


def test_a_thin_text_area_is_widened_for_the_detector():
    assert ocr._at_least((100, 200, 500, 240), 144, 1920, 1080) == (100, 148, 500, 292)
    assert ocr._at_least((0, 0, 50, 20), 144, 1920, 1080) == (0, 0, 144, 144)  # at the edge: inward
    assert ocr._at_least((0, 0, 50, 20), 144, 100, 60) == (0, 0, 100, 60)  # never past the picture
    assert ocr._at_least((10, 10, 900, 700), 144, 1920, 1080) == (10, 10, 900, 700)


@pytest.mark.skipif(FONT is None, reason="no Chinese font (Debian fonts-wqy-zenhei)")
def test_text_far_from_the_origin_of_a_large_screenshot_is_read_with_boxes_in_the_whole_picture():
    img = Image.new("RGB", (1920, 1080), (236, 238, 241))
    font = ImageFont.truetype(FONT, 24)
    d = ImageDraw.Draw(img)
    line = "联系人：王芳　电话13912345678"
    xy = (1100, 700)
    d.rectangle((1080, 680, 1600, 750), fill="white")
    d.text(xy, line, font=font, fill="black")
    rect = d.textbbox(xy, line, font=font)
    calls = []
    engine = ocr._get_engine()
    ocr._engine = lambda area, scale: calls.append((area.size, scale)) or engine(area, scale)
    try:
        pt = ocr.read_image(img, key=None)
    finally:
        ocr._engine = engine
    # only the text (plus a margin) went to the engine, at the whole picture's scale; the white
    # panel is within 24 grey levels of the background, so it is no ink; one line is widened to
    # MIN_DET detector pixels high (a 48 px strip rounded to the detector's 64 px loses the line)
    ((w, h), scale), = calls
    assert scale == 1280 / 1920
    assert abs(w - (rect[2] - rect[0] + 2 * ocr.AREA_PAD)) <= 4
    assert h == 144
    (ln,) = [ln for ln in pt.lines if "13912345678" in ln.text]
    assert "王芳 电话" in ln.text  # the space from the character boxes, shifted like the box
    x0, y0, x1, y1 = ln.box
    assert x0 <= rect[0] + 4 and y0 <= rect[1] + 4 and x1 >= rect[2] - 4 and y1 >= rect[3] - 4
    assert x1 - x0 < 1.2 * (rect[2] - rect[0])
    k = ln.text.index("1391")
    assert abs(ln.xs[2 * k] - (xy[0] + font.getlength(line[:k]))) < 8  # character edges in picture pixels
