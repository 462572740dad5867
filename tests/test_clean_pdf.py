"""`scanner clean` of a PDF (scanner/files/writers/pdf.py): the copy is a new PDF of the pages as
pictures with the personal data painted black. Real PDFs made with reportlab (a text layer in
STSong-Light, a scanned page as a picture, a picture on a text page, a fake redaction box, a
form field), cleaned, rendered again with PDFium and checked pixel by pixel at the places the
text was drawn, and scanned again (by OCR: the copy has no text layer)."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("pypdf")
pytest.importorskip("rapidocr")

import numpy as np  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from scanner import Scanner  # noqa: E402
from scanner.files import FileError, Limits, extract  # noqa: E402
from scanner.files.output import can_write, clean_bytes  # noqa: E402
from scanner.files.scan import scan_document  # noqa: E402
from scanner.files.writers.pdf import CLEAN_DPI, clean_pdf  # noqa: E402
from tests.conftest import CJK_FONT  # noqa: E402

pytestmark = [pytest.mark.usefixtures("ocr_cache")]

FONT = "STSong-Light"
PAGE = (595.0, 842.0)
ID = "11010519491231002X"
ID2 = "110101199003074477"
PHONE = "13812345678"
NAME = "王秀英"
EXE = Path(sys.executable).with_name("scanner")
SCALE = CLEAN_DPI / 72.0

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


@pytest.fixture(scope="module")
def scanner():
    return Scanner()


def width(s: str, size: float = 12) -> float:
    return pdfmetrics.stringWidth(s, FONT, size)


# (x, baseline y) of each value on the text page, to look at the pixels there
LINE2 = ("申请人：", NAME, "，身份证号：", ID, "，联系电话：", PHONE, "。")
CONTROL = "经村民代表评议和乡镇审核，现予以公示，公示期七天。"


def text_pdf() -> tuple[bytes, dict[str, tuple[float, float, float, float]]]:
    """A 公示 page with a name, an ID number and a phone in the text layer and an author; the
    rectangles (points, bottom-left origin) where each value and the control line were drawn."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    c.setAuthor("张建国")
    c.setTitle("低保公示")
    c.setFont(FONT, 12)
    c.drawString(72, 760, "关于2026年第一季度城乡低保对象的公示")
    c.drawString(72, 730, "".join(LINE2))
    c.drawString(72, 700, CONTROL)
    c.showPage()
    c.save()
    where, x = {}, 72.0
    for piece in LINE2:
        where[piece] = (x, 730 - 2, x + width(piece), 730 + 10)
        x += width(piece)
    where[CONTROL] = (72, 700 - 2, 72 + width(CONTROL), 700 + 10)
    return buf.getvalue(), where


def render(pdf: bytes, index: int = 0) -> np.ndarray:
    doc = pdfium.PdfDocument(pdf)
    try:
        return np.asarray(doc[index].render(scale=SCALE).to_pil().convert("L"))
    finally:
        doc.close()


def pixels(img: np.ndarray, box, inset: float = 0.0, height: float = PAGE[1]) -> np.ndarray:
    """The pixels of a box in points (bottom-left origin), shrunk by ``inset`` points."""
    x0, y0, x1, y1 = box
    return img[int((height - y1 + inset) * SCALE):int((height - y0 - inset) * SCALE),
               int((x0 + inset) * SCALE):int((x1 - inset) * SCALE)]


def scan(scanner, data: bytes, name: str = "x.pdf"):
    doc = extract(data, name)
    return doc, scan_document(scanner, doc)


def pii(res) -> list:
    return [f for f in res.findings if f.category == "personal_data" and f.severity != "info"]


def text_picture(lines, size=32, wh=(1240, 1754)) -> bytes:
    """A white picture with these lines (a scanned page or a photographed notice), as PNG."""
    font = ImageFont.truetype(CJK_FONT, size)
    img = Image.new("RGB", wh, "white")
    d = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        d.text((wh[0] // 10, 80 + i * size * 3), line, font=font, fill="black")
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


# ============================================================================ the text layer
def test_text_layer_values_are_painted_black_and_the_rest_stays(scanner):
    data, where = text_pdf()
    doc, before = scan(scanner, data)
    assert {f.type for f in pii(before)} >= {"person_name", "id_card", "mobile_phone", "file_metadata"}
    out = clean_bytes(data, "x.pdf", doc, before)
    img = render(out)
    for value in (NAME, ID, PHONE):
        inner = pixels(img, where[value], inset=1.5)
        assert inner.size and inner.max() < 60, (value, inner.mean())  # black all over, glyphs covered
    for label in ("，身份证号：", "，联系电话："):  # the labels are not masked (a pad of ~3 pt at most)
        x0, y0, x1, y1 = where[label]
        assert pixels(img, (x0 + 6, y0, x1 - 6, y1)).mean() > 150, label
    ctl = pixels(img, where[CONTROL])
    assert ctl.min() < 100 and ctl.mean() > 150  # the text is drawn, not masked
    # the copy: pictures only, the page's size, nothing else
    copy = pdfium.PdfDocument(out)
    try:
        assert len(copy) == 1 and copy[0].get_size() == PAGE
        tp = copy[0].get_textpage()
        assert tp.count_chars() == 0  # no text layer
        tp.close()
        assert all(not v for v in copy.get_metadata_dict().values()), copy.get_metadata_dict()
        assert copy.count_attachments() == 0
    finally:
        copy.close()
    assert "张建国".encode("utf-16-be") not in out and b"reportlab" not in out.lower()
    # the rescan (OCR of the pictures) finds no personal data left; the control line is read
    doc2, after = scan(scanner, out)
    assert doc2.parts and all(p.status == "read" for p in doc2.parts if p.kind == "image")
    assert not pii(after), [(f.type, f.text) for f in pii(after)]
    assert "公示期七天" in doc2.text and ID not in doc2.text and PHONE not in doc2.text


def test_pdf_clean_is_offered(scanner):
    assert can_write("pdf", "clean", "report.pdf")
    assert not can_write("pdf", "annotate", "report.pdf")  # annotate a PDF: still unsupported


def test_a_turned_and_cropped_page_is_masked_where_its_text_shows(scanner):
    """/Rotate 90 and a crop box: the masks follow PDFium's own page-to-pixel mapping, and the
    copy's page has the size a reader sees (770 x 560 pt)."""
    from pypdf import PdfReader, PdfWriter

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    c.setFont(FONT, 12)
    c.drawString(72, 730, f"申请人身份证号：{ID}，电话{PHONE}。")
    c.showPage()
    c.save()
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    w.pages[0].rotate(90)
    w.pages[0].cropbox.lower_left = (20, 30)
    w.pages[0].cropbox.upper_right = (580, 800)
    out = io.BytesIO()
    w.write(out)
    data = out.getvalue()
    doc, before = scan(scanner, data)
    assert {"id_card", "mobile_phone"} <= {f.type for f in pii(before)}
    copy = clean_pdf(data, "x.pdf", doc, before)
    page = pdfium.PdfDocument(copy)[0]
    assert page.get_size() == (770.0, 560.0)
    img = np.asarray(page.render(scale=SCALE).to_pil().convert("L"))
    # turned 90° clockwise: page point (x, y) shows at pixel (y - 30, x - 20) in points
    x = 72 + width("申请人身份证号：")
    id_px = img[int((x - 20 + 2) * SCALE):int((x + width(ID) - 20 - 2) * SCALE),
                int((730 - 30 + 1) * SCALE):int((730 + 8 - 30) * SCALE)]
    assert id_px.size and id_px.max() < 60
    label = img[int((72 - 20 + 2) * SCALE):int((72 + width("申请人身份") - 20) * SCALE),
                int((730 - 30 - 2) * SCALE):int((730 + 10 - 30) * SCALE)]
    assert label.min() < 100 and label.mean() > 150  # the label beside it stays readable
    _, after = scan(scanner, copy)
    assert not pii(after), [(f.type, f.text) for f in pii(after)]


# ============================================================================ pictures (OCR)
@pytest.mark.skipif(CJK_FONT is None, reason="no Chinese font (Debian fonts-wqy-zenhei)")
def test_scanned_page_and_picture_on_a_page_have_their_ocr_boxes_painted(scanner):
    scan_png = text_picture(["低保对象公示名单", f"户主：李桂兰  身份证号：{ID}", "家庭人口：3人"])
    photo = text_picture([f"联系电话：{PHONE}"], size=28, wh=(700, 160))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    c.drawImage(ImageReader(io.BytesIO(scan_png)), 0, 0, *PAGE)  # page 1: a scan, no text
    c.showPage()
    c.setFont(FONT, 12)
    c.drawString(72, 760, "附件：现场照片")  # page 2: text and a picture of 350 x 80 pt
    c.drawImage(ImageReader(io.BytesIO(photo)), 72, 600, 350, 80)
    c.showPage()
    c.save()
    data = buf.getvalue()
    doc, before = scan(scanner, data)
    boxes = {f.text: (f.location["part"], f.location["box"]) for f in pii(before)}
    assert boxes[ID][0] == "page 1" and boxes[PHONE][0] == "page 2 picture 1", boxes
    out = clean_pdf(data, "x.pdf", doc, before)
    for k, value in ((0, ID), (1, PHONE)):
        img = render(out, k)
        inner = pixels(img, boxes[value][1], inset=1.0)
        assert inner.size and inner.max() < 60, (value, inner.mean())
    assert pixels(render(out, 1), (72, 755, 160, 772)).min() < 100  # the page's own text stays
    _, after = scan(scanner, out)
    assert not [f for f in pii(after) if f.type in ("id_card", "mobile_phone")], [(f.type, f.text) for f in pii(after)]


# ============================================================================ redaction, forms
def test_text_under_a_fake_box_and_a_form_value_are_painted(scanner):
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    c.setFont(FONT, 12)
    c.drawString(72, 760, f"身份证号：{ID2}")
    c.setFillColorRGB(0, 0, 0)
    x = 72 + width("身份证号：")
    c.rect(x - 1, 756, width(ID2) + 2, 16, fill=1, stroke=0)  # drawn over the text: still in the text layer
    c.setFillColorRGB(0, 0, 0)
    c.drawString(72, 700, "联系电话：")
    c.acroForm.textfield(name="phone", value=PHONE, x=150, y=694, width=140, height=20, borderWidth=0,
                         fillColor=None, textColor=None, fontName="Helvetica", fontSize=12)
    c.showPage()
    c.save()
    data = buf.getvalue()
    doc, before = scan(scanner, data)
    types = {(f.type, f.location["layer"]) for f in pii(before)}
    assert ("unredacted_text", "redaction") in types and ("mobile_phone", "body") in types, types
    out = clean_pdf(data, "x.pdf", doc, before)
    img = render(out)
    assert pixels(img, (x, 758, x + width(ID2), 770), inset=1).max() < 60
    assert pixels(img, (151, 695, 289, 713), inset=1).max() < 60  # the field's rectangle
    copy = pdfium.PdfDocument(out)
    try:
        assert copy.get_formtype() == 0 and copy[0].get_textpage().count_chars() == 0
    finally:
        copy.close()
    _, after = scan(scanner, out)
    assert not pii(after), [(f.type, f.text) for f in pii(after)]


# ============================================================================ limits, CLI
def test_page_limit_and_encrypted_pdf(scanner, tmp_path):
    data, _ = text_pdf()
    doc, res = scan(scanner, data)
    with pytest.raises(FileError) as e:
        clean_pdf(data, "x.pdf", doc, res, limits=Limits(max_pages=0))
    assert e.value.code == "too_large"
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    w.encrypt(user_password="secret", owner_password="owner")
    enc = io.BytesIO()
    w.write(enc)
    with pytest.raises(FileError) as e:
        clean_pdf(enc.getvalue(), "x.pdf", doc, res)
    assert e.value.code == "encrypted"
    if not EXE.exists():
        pytest.skip("console script not installed")
    src = tmp_path / "加密.pdf"
    src.write_bytes(enc.getvalue())
    p = subprocess.run([str(EXE), "clean", str(src), "--out", str(tmp_path / "c.pdf")], capture_output=True,
                       timeout=120)
    assert p.returncode == 2 and b"password" in p.stderr and not (tmp_path / "c.pdf").exists(), p.stderr.decode()


def test_cli_clean_pdf(tmp_path):
    if not EXE.exists():
        pytest.skip("console script not installed")
    data, _ = text_pdf()
    src = tmp_path / "公示.pdf"
    src.write_bytes(data)
    out = tmp_path / "公示.已清理.pdf"
    p = subprocess.run([str(EXE), "clean", str(src), "--out", str(out)], capture_output=True, timeout=180)
    err = p.stderr.decode()
    assert p.returncode == 0, err  # the ID number (block) is gone from the copy
    assert "没有文本层" in err and ("结论 pass" in err or "结论 review" in err), err
    assert out.read_bytes().startswith(b"%PDF-") and ID.encode() not in out.read_bytes()
    p = subprocess.run([str(EXE), "annotate", str(src), "--out", str(tmp_path / "a.pdf")], capture_output=True,
                       timeout=120)
    assert p.returncode == 2 and b"cannot annotate a pdf" in p.stderr, p.stderr.decode()


@pytest.mark.skipif(CJK_FONT is None, reason="no Chinese font (Debian fonts-wqy-zenhei)")
def test_a_page_past_the_picture_budget_is_copied_unmasked_and_the_rescan_says_so(scanner):
    """Never a silent partial clean: the page the scan did not read (over the budget) is listed
    not_read, copied as it is, and the rescan of the copy finds its ID number."""
    png = text_picture([f"身份证号：{ID}"], size=32)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    for _ in range(2):
        c.drawImage(ImageReader(io.BytesIO(png)), 0, 0, *PAGE)
        c.showPage()
    c.save()
    data = buf.getvalue()
    doc = extract(data, "x.pdf", limits=Limits(max_pictures=1))
    before = scan_document(scanner, doc)
    status = {p.name: p.status for p in doc.parts if p.kind == "image"}
    assert status["page 1"] == "read" and status["page 2"].startswith("not_read"), status
    out = clean_pdf(data, "x.pdf", doc, before)
    _, after = scan(scanner, out)
    left = [f for f in pii(after) if f.type == "id_card"]
    assert [f.location["part"] for f in left] == ["page 2"], [(f.text, f.location) for f in left]
