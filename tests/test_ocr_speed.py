"""OCR speed paths (issue 13): the PP-OCRv6 tiny models taken out of the faster-paddle wheel
(scanner/ocr_models.py), the text area read instead of a screenshot's whole background
(scanner/ocr.py ``text_area``), with boxes still in the whole picture's pixels. What they cost
and what they keep is measured by benchmarks/bench_ocr.py, not here."""
from __future__ import annotations

import io
import json

import numpy as np
import pytest

pytest.importorskip("rapidocr")
pytest.importorskip("faster_paddle")

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from scanner import ocr  # noqa: E402
from scanner.ocr_models import find_models, tiny_models  # noqa: E402

from tests.conftest import CJK_FONT as FONT  # noqa: E402


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


def test_page_turn_votes_by_width():
    from types import SimpleNamespace

    class FakeCls:
        cls_thresh = 0.9

        def __init__(self, labels):
            self.labels = labels

        def __call__(self, imgs):
            return SimpleNamespace(img_list=None, cls_res=self.labels)

    wide, short = np.zeros((30, 600, 3), np.uint8), np.zeros((30, 60, 3), np.uint8)
    wide[:, :10] = 255  # to see whether a line was turned
    # one short line read as upside down among wide upright ones: nothing is turned
    turn = ocr._PageTurn(FakeCls([("0", 0.99), ("180", 0.99), ("0", 0.95)]))
    res = turn([wide, short, wide])
    assert not turn.flipped and res.img_list[0][0, 0, 0] == 255
    # most of the text upside down: every line is turned, the upright-looking short one too
    turn = ocr._PageTurn(FakeCls([("180", 0.99), ("0", 0.99), ("180", 0.95)]))
    res = turn([wide, short, wide])
    assert turn.flipped and res.img_list[0][0, -1, 0] == 255 and res.img_list[0][0, 0, 0] == 0
    assert len(res.img_list) == 3 and res.img_list[1].shape == short.shape
    # an unsure classifier (under its threshold) turns nothing
    turn = ocr._PageTurn(FakeCls([("180", 0.6), ("180", 0.6), ("180", 0.6)]))
    turn([wide, short, wide])
    assert not turn.flipped
    # a dense page: only the VOTERS widest lines are classified, every line is turned
    seen = []

    class Counting(FakeCls):
        def __call__(self, imgs):
            seen.append(len(imgs))
            return SimpleNamespace(img_list=None, cls_res=[("180", 0.99)] * len(imgs))

    turn = ocr._PageTurn(Counting([]))
    res = turn([short] * 40 + [wide] * 3)
    assert seen == [ocr.VOTERS] and turn.flipped and len(res.img_list) == 43


@pytest.mark.skipif(FONT is None, reason="no Chinese font (Debian fonts-wqy-zenhei)")
def test_a_picture_taken_upside_down_is_read_with_its_findings_boxed_where_they_are(tmp_path):
    from scanner import Scanner
    from scanner.files import extract
    from scanner.files.scan import scan_document

    font = ImageFont.truetype(FONT, 26)
    img = Image.new("RGB", (900, 170), "white")
    d = ImageDraw.Draw(img)
    lines = ["内部资料　注意保存", "张伟，身份证号：11010519491231002X，电话13812345678"]
    for k, line in enumerate(lines):
        d.text((30, 30 + 60 * k), line, font=font, fill="black")
    a = lines[1].index("1381")
    phone = (30 + font.getlength(lines[1][:a]), 90, 30 + font.getlength(lines[1][:a + 11]), 90 + 30)
    turned = img.rotate(180)
    buf = io.BytesIO()
    turned.save(buf, "PNG")
    res = scan_document(Scanner(), extract(buf.getvalue(), "倒置.png"))
    by_type = {f.type: f for f in res.findings}
    assert by_type["id_card"].text == "11010519491231002X" and "internal_marker" in by_type
    # the phone number stands, turned, at the mirrored place of the picture
    want = (900 - phone[2], 170 - phone[3], 900 - phone[0], 170 - phone[1])
    box = by_type["mobile_phone"].location["box"]
    inter = max(0, min(box[2], want[2]) - max(box[0], want[0])) * max(0, min(box[3], want[3]) - max(box[1], want[1]))
    assert inter >= 0.9 * (want[2] - want[0]) * (want[3] - want[1]), (box, want)
    assert box[2] - box[0] < 1.3 * (want[2] - want[0])


@pytest.mark.skipif(FONT is None, reason="no Chinese font (Debian fonts-wqy-zenhei)")
def test_an_engine_that_cannot_start_lists_the_picture_not_read_with_the_reason(monkeypatch, tmp_path):
    from scanner import ocr_models
    from scanner.files import extract

    img = Image.new("RGB", (300, 60), "white")
    ImageDraw.Draw(img).text((10, 15), "机密★1年", font=ImageFont.truetype(FONT, 22), fill="black")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    saved = ocr._engine
    ocr._engine = None
    # an extension without the models (another faster-paddle build): the engine cannot start
    fake = tmp_path / "faster_paddle.abi3.so"
    fake.write_bytes(bytes(range(256)) * 100)
    monkeypatch.setattr(ocr_models, "_found", None)
    monkeypatch.setattr(ocr_models, "_extension", lambda: (fake, "test-build"))
    monkeypatch.setattr(ocr_models, "_folder", lambda stamp: tmp_path / "models")
    try:
        doc = extract(buf.getvalue(), "密件.png")
    finally:
        ocr._engine = saved
    (part,) = doc.info()["parts"]
    assert part["status"].startswith("not_read: OCR engine ppocrv6-tiny cannot start")
    assert "no PP-OCRv6" in part["status"] and not (tmp_path / "models").exists()
