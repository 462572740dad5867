"""The OCR cascade (scanner/ocr.py CASCADE): a line the tiny recogniser read with a number or a
licence plate in a form no real one has is read again by the PP-OCRv6 small recogniser, and what
can be fixed without reading again is fixed by rule (digit groups joined when the number passes
its check, I/O in a plate serial). The checks themselves, then real pictures read both ways."""
from __future__ import annotations

import io

import pytest

PIL = pytest.importorskip("PIL")
pytest.importorskip("rapidocr")

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from scanner import Scanner, ocr  # noqa: E402
from scanner.files import extract  # noqa: E402
from scanner.files.scan import scan_document  # noqa: E402
from scanner.ocr import _repair, suspect  # noqa: E402
from tests.conftest import CJK_FONT  # noqa: E402


@pytest.mark.parametrize("text", [
    "次仁卓玛 6214 831792534650 1000元",   # 4-12: a space lost inside a card
    "62146723 2160 5439 7 5700元；",        # 8-4-4-1
    "行卡号：6222 6207 02607114 050，月",    # 4-4-8-3
    "6217854770603317728",                  # a UnionPay number failing Luhn
    "身份证：110101199003074478",            # an ID number with a wrong check character
    "号牌宁日·DC3226的车辆",                  # a Chinese character where the plate's letter is
    "吉T·28WO1的小型轿车",                    # O in a plate serial
])
def test_suspect_lines(text):
    assert suspect(text)


@pytest.mark.parametrize("text", [
    "6222 6207 0260 7114 050",              # a card in groups of four
    "6214 6723 2160 5439 7 5700元",         # a card, then an amount
    "110105 19900101 1234",                 # an ID number 6-8-4
    "13812345678 1000", "138 1234 5678 1000",
    "1 2 3 4 5 6 7 8 9 10 11 12",           # a list of numbers
    "6217854770603317727 5700元", "身份证：110101199003074477",
    "吉T·28W01的小型轿车", "号牌青R35008（小型汽车）", "北京市20230101", "南京市浦口区",
])
def test_plausible_lines(text):
    assert not suspect(text)


def test_repair_joins_groups_only_when_the_number_checks():
    # full-width digits: the gaps between them read as spaces; joined, a valid card (Luhn)
    text = "卡号：6 2 3 6 6 8 502 709 58 29 6 6，月"
    xs = tuple(float(v) for k in range(len(text)) for v in (10 * k, 10 * k + 8))
    out, oxs = _repair(text, xs)
    assert out == "卡号：623668502709582966，月"
    assert len(oxs) == 2 * len(out) and oxs[:6] == xs[:6]
    assert _repair("62146723 2160 5439 7 5700元", ())[0] == "62146723216054397 5700元"
    # the same digits with one changed fail Luhn: left as read
    assert _repair("62146723 2160 5439 8 5700元", ())[0] == "62146723 2160 5439 8 5700元"
    assert _repair("1 2 3 4 5 6 7 8 9 10 11 12", ())[0] == "1 2 3 4 5 6 7 8 9 10 11 12"
    assert _repair("号牌吉T28WO1、京A·I2345", ())[0] == "号牌吉T28W01、京A·12345"
    assert _repair("OPEN 京沪 IO 2024", ())[0] == "OPEN 京沪 IO 2024"


def _line(text: str, font_path: str, size: int = 27) -> bytes:
    font = ImageFont.truetype(font_path, size)
    img = Image.new("RGB", (900, 80), "white")
    ImageDraw.Draw(img).text((20, 25), text, font=font, fill="black")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture()
def cascade(ocr_cache):
    """Switch the cascade (each setting its own engine and OCR cache folder: the test cache folder
    is not keyed by the engine's settings)."""
    saved = ocr.CASCADE, ocr.ocr_cache_dir

    def use(on: bool):
        ocr.CASCADE, ocr._engine = on, None
        ocr.ocr_cache_dir = lambda: ocr_cache / ("cascade" if on else "tiny-only")
    yield use
    (ocr.CASCADE, ocr.ocr_cache_dir), ocr._engine = saved, None


@pytest.mark.skipif(CJK_FONT is None, reason="no Chinese font (Debian fonts-wqy-zenhei)")
def test_a_card_in_full_width_digits_is_found_with_the_cascade_only(cascade):
    sc = Scanner()
    data = _line("银行卡号：６２３６６８５０２７０９５８２９６６，月补助金额1000元。", CJK_FONT)
    cascade(False)
    off = scan_document(sc, extract(data, "a.png"))
    assert not [f for f in off.findings if f.type == "bank_card"]  # read 6 23668 502 70958 2966
    cascade(True)
    on = scan_document(sc, extract(data, "a.png"))
    card = next(f for f in on.findings if f.type == "bank_card")
    assert card.text == "623668502709582966" and card.location["layer"] == "image"
    box = card.location["box"]
    assert box[2] - box[0] > 150  # the whole number's characters, not one group's


@pytest.mark.skipif(not __import__("pathlib").Path("/usr/share/fonts/truetype/arphic/uming.ttc").exists(),
                    reason="no AR PL UMing (Debian fonts-arphic-uming)")
def test_grouped_card_and_plate_are_read_again(cascade):
    sc = Scanner()
    font = "/usr/share/fonts/truetype/arphic/uming.ttc"
    cascade(True)
    before = ocr.stats["reread"]
    card = scan_document(sc, extract(_line("银行卡号：6214 6723 2160 5439 7\u30005700元；", font), "b.png"))
    assert [f.text for f in card.findings if f.type == "bank_card"] == ["6214 6723 2160 5439 7"]
    plate = scan_document(sc, extract(_line("号牌宁HDC3226的车辆，号牌吉T28W01的小型轿车", font), "c.png"))
    assert {f.text for f in plate.findings if f.type == "licence_plate"} == {"宁HDC3226", "吉T28W01"}
    assert ocr.stats["reread"] > before  # the tiny recogniser's readings failed the checks
