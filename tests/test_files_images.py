"""Pictures (issue 13): OCR'd text as ``image``-layer segments with boxes, pictures inside
documents and PDF pages without text, the picture budget, the OCR cache, and the cheap paths
(a plain-text scan never loads the OCR engine; blank and tiny pictures are never read).

The OCR work is kept small: a few pictures of two or three lines, each read once per run (the
module shares one OCR cache folder)."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest

PIL = pytest.importorskip("PIL")
pytest.importorskip("rapidocr")

from PIL import Image, ImageFont  # noqa: E402

from scanner import Scanner, ocr  # noqa: E402
from scanner.files import FileError, Limits, extract  # noqa: E402
from scanner.files.image import add_lines, rows_of  # noqa: E402
from scanner.files.document import Builder  # noqa: E402
from scanner.files.scan import scan_document  # noqa: E402
from tests.conftest import CJK_FONT as FONT  # noqa: E402
from tests.conftest import OCR_TEST_MARKS, text_picture  # noqa: E402

pytestmark = OCR_TEST_MARKS

ID = "11010519491231002X"
LINE1 = "内部资料\u3000注意保存"  # an ideographic space, as a header is typed
LINE2 = f"张伟，身份证号：{ID}，电话13812345678"


@pytest.fixture(scope="module")
def scanner():
    return Scanner()


def _picture(lines=(LINE1, LINE2), size=24, fmt="PNG", width=820) -> tuple[bytes, list[tuple[float, float, float, float]]]:
    """A picture of ``lines`` and the rectangle each line's text was drawn in."""
    return text_picture(lines, size, fmt, width)


def _covers(box, rect, share=0.9) -> bool:
    x0, y0 = max(box[0], rect[0]), max(box[1], rect[1])
    x1, y1 = min(box[2], rect[2]), min(box[3], rect[3])
    inter = max(0, x1 - x0) * max(0, y1 - y0)
    return inter >= share * (rect[2] - rect[0]) * (rect[3] - rect[1])


@pytest.fixture(scope="module")
def picture():
    return _picture()


def test_picture_file_findings_are_located_in_the_image_layer_with_boxes(scanner, picture):
    data, rects = picture
    doc = extract(data, "公示.png")
    res = scan_document(scanner, doc)
    assert res.file["parts"] == [{"name": "公示.png", "kind": "image", "status": "read", "bytes": len(data)}]
    by_type = {f.type: f for f in res.findings}
    for f in res.findings:
        assert res.text[f.start:f.end] == f.text
        assert f.location["layer"] == "image" and f.location["part"] == "公示.png"
        assert f.location["label"] == "图片 公示.png"
    assert by_type["internal_marker"].severity == "block"
    assert by_type["id_card"].text == ID
    assert by_type["mobile_phone"].text == "13812345678"
    # the box of a finding is its own characters, inside the line's rectangle
    font = ImageFont.truetype(FONT, 24)
    a = LINE2.index(ID)
    id_rect = (30 + font.getlength(LINE2[:a]), rects[1][1], 30 + font.getlength(LINE2[:a + len(ID)]), rects[1][3])
    box = by_type["id_card"].location["box"]
    assert _covers(box, id_rect), (box, id_rect)
    assert box[2] - box[0] < 1.3 * (id_rect[2] - id_rect[0])  # not the whole line
    marker = next(f for f in res.findings if f.text == "内部资料")
    assert _covers(marker.location["box"], (30, rects[0][1], 30 + font.getlength("内部资料"), rects[0][3]))
    assert res.verdict == "block"


def test_recogniser_spaces_are_restored(picture):
    pt = ocr.read_picture(picture[0])
    # the recogniser reads 内部资料注意保存; the gap between its character boxes says there is a space
    assert pt.lines[0].text == "内部资料 注意保存"
    assert len(pt.lines[0].xs) == 2 * len(pt.lines[0].text)


def test_cache_second_read_is_a_hit_and_a_bad_cache_folder_never_fails(picture, ocr_cache, tmp_path):
    data = picture[0]
    ocr.read_picture(data)
    before = dict(ocr.stats)
    again = ocr.read_picture(data)
    assert again.cached and ocr.stats["cached"] == before["cached"] + 1 and ocr.stats["ocr"] == before["ocr"]
    assert list(ocr_cache.rglob("*.json"))
    # a cache folder that cannot be made (under a file): OCR still answers, nothing is cached
    blocker = tmp_path / "file"
    blocker.write_text("x")
    saved = ocr.ocr_cache_dir
    ocr.ocr_cache_dir = lambda: blocker / "ocr"
    try:
        small, _ = _picture(("秘密★1年",), size=20, width=300)
        pt = ocr.read_picture(small)
        assert not pt.cached and "秘密" in pt.text
    finally:
        ocr.ocr_cache_dir = saved


def test_blank_and_tiny_pictures_are_not_read():
    buf = io.BytesIO()
    Image.new("RGB", (800, 600), (250, 250, 250)).save(buf, "PNG")
    pt = ocr.read_picture(buf.getvalue())
    assert pt.skipped == "blank" and pt.lines == ()
    buf = io.BytesIO()
    Image.new("RGB", (8, 400), (0, 0, 0)).save(buf, "PNG")
    assert ocr.read_picture(buf.getvalue()).skipped == "too_small"


def test_a_corrupt_picture_file_is_an_error_and_inside_a_zip_a_listed_part():
    with pytest.raises(FileError) as e:
        extract(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "photo.png")
    assert e.value.code == "corrupt"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("照片.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
        z.writestr("说明.txt", "说明")
    doc = extract(buf.getvalue(), "a.zip")
    part = {p.name: p for p in doc.parts}["照片.png"]
    assert part.kind == "image" and part.status.startswith("skipped: not a picture")


def _docx_with_pictures(pictures: list[bytes]) -> bytes:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("关于低保对象的公示")
    for p in pictures:
        d.add_picture(io.BytesIO(p))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_pictures_inside_a_docx_and_the_picture_budget(scanner, picture):
    other, _ = _picture(("机密★5年",), size=22, width=300)
    data = _docx_with_pictures([picture[0], other])
    res = scan_document(scanner, extract(data, "通知.docx"))
    parts = {p["name"]: p for p in res.file["parts"] if p["kind"] == "image"}
    assert set(parts) == {"word/media/image1.png", "word/media/image2.png"}
    assert all(p["status"] == "read" for p in parts.values())
    idf = next(f for f in res.findings if f.type == "id_card")
    assert idf.location["part"] == "word/media/image1.png" and idf.location["layer"] == "image"
    assert idf.location["label"] == "图片 word/media/image1.png"
    assert any(f.type == "classification_mark" and f.location["part"] == "word/media/image2.png"
               for f in res.findings)
    # a budget of one picture: the second is listed not read, with the reason, and warned about
    doc = extract(data, "通知.docx", limits=Limits(max_pictures=1))
    status = {p.name: p.status for p in doc.parts}
    assert status["word/media/image1.png"] == "read"
    assert status["word/media/image2.png"].startswith("not_read: over the budget of 1 pictures")
    assert any("word/media/image2.png" in w for w in doc.warnings)
    assert "机密" not in doc.text


def test_pdf_page_without_text_is_rendered_and_read_with_boxes_in_points(scanner, picture):
    img = Image.open(io.BytesIO(picture[0]))
    buf = io.BytesIO()
    img.save(buf, "PDF", resolution=100.0)  # a scan: one picture, no text layer
    res = scan_document(scanner, extract(buf.getvalue(), "scan.pdf"))
    assert {"name": "page 1", "kind": "image", "status": "read", "bytes": 0} in res.file["parts"]
    f = next(f for f in res.findings if f.type == "id_card")
    loc = f.location
    assert loc["layer"] == "image" and loc["page"] == 1 and loc["part"] == "page 1"
    assert loc["label"] == "第 1 页 扫描图像"
    w_pt, h_pt = img.width * 72 / 100, img.height * 72 / 100
    x0, y0, x1, y1 = loc["box"]
    assert 0 <= x0 < x1 <= w_pt and 0 <= y0 < y1 <= h_pt
    assert y0 < h_pt / 2  # the second line is in the lower half: PDF y grows upwards


def test_picture_on_a_pdf_page_with_text_is_read(scanner, picture, tmp_path):
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    from reportlab.lib.utils import ImageReader

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(600, 400))
    c.drawString(40, 360, "Notice")
    img = Image.open(io.BytesIO(picture[0]))
    c.drawImage(ImageReader(img), 40, 100, width=img.width / 2, height=img.height / 2)
    c.save()
    res = scan_document(scanner, extract(out.getvalue(), "notice.pdf"))
    f = next(f for f in res.findings if f.type == "id_card")
    assert f.location["part"] == "page 1 picture 1" and f.location["layer"] == "image"
    x0, y0, x1, y1 = f.location["box"]
    assert 40 <= x0 < x1 <= 40 + img.width / 2 and 100 <= y0 < y1 <= 100 + img.height / 2


def test_rows_and_wrapped_lines_are_joined_as_read():
    L = ocr.Line
    lines = [L("序号", (10, 10, 50, 30), 1.0), L("姓名", (80, 11, 120, 31), 1.0), L("1", (10, 50, 20, 70), 1.0),
             L("张伟", (80, 49, 120, 69), 1.0),
             L("这是一段很长的文字，一直写到了右边", (10, 100, 400, 120), 1.0),
             L("接着写到下一行。", (10, 130, 200, 150), 1.0)]
    rows = rows_of(lines)
    assert [[ln.text for ln in r] for r in rows] == [["序号", "姓名"], ["1", "张伟"],
                                                     ["这是一段很长的文字，一直写到了右边"], ["接着写到下一行。"]]
    b = Builder()
    add_lines(lines, "p.png", b)
    doc = b.build("image")
    assert doc.text == "序号\t姓名\n1\t张伟\n这是一段很长的文字，一直写到了右边接着写到下一行。\n"
    for s in doc.segments:
        assert s.layer == "image" and s.box is not None


def test_space_restored_from_character_boxes():
    boxes = [[[0, 0], [20, 0], [20, 20], [0, 20]], [[21, 0], [40, 0], [40, 20], [21, 20]],
             [[70, 0], [90, 0], [90, 20], [70, 20]]]
    text, xs = ocr._spaced("张伟1", boxes, ["张", "伟", "1"], 20.0)
    assert text == "张伟 1" and xs == (0.0, 20.0, 21.0, 40.0, 40.0, 70.0, 70.0, 90.0)
    assert ocr._spaced("张伟", None, None, 20.0) == ("张伟", ())
    # full-width punctuation carries its own blank half: a gap beside it is no space
    text, _ = ocr._spaced("号：1", boxes, ["号", "：", "1"], 20.0)
    assert text == "号：1"


def test_plain_text_scan_never_loads_the_ocr_engine():
    code = ("import sys; from scanner import Scanner; from scanner.files import extract; s = Scanner(); "
            "s.scan('张伟的身份证号11010519491231002X'); extract('内部资料'.encode(), 'a.txt'); "
            "print(sorted(m for m in ('onnxruntime', 'rapidocr', 'rapidocr_onnxruntime', 'cv2', 'scanner.ocr') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout


# ----------------------------------------------------------------------------- EXIF / XMP
def _photo_with_exif(img=None, *, gps=True, artist="王小明") -> bytes:
    img = img if img is not None else Image.new("RGB", (320, 240), (200, 210, 220))
    exif = Image.Exif()
    exif[0x013B] = artist.encode("utf-8")      # Artist, as phones write it (UTF-8 in an ASCII tag)
    exif[0x0131] = "Adobe Photoshop 2024"      # Software
    exif[0x010F], exif[0x0110] = "Canon", "EOS R6"
    exif.get_ifd(0x8769)[0x9003] = "2026:03:01 09:30:00"  # DateTimeOriginal
    if gps:
        exif.get_ifd(0x8825).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 30.0)})
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif, quality=90)
    return buf.getvalue()


def test_exif_gps_and_photographer_are_metadata_findings(scanner):
    data = _photo_with_exif()
    doc = extract(data, "现场.jpg")
    meta = {s.cell: doc.text[s.start:s.end] for s in doc.segments if s.layer == "metadata"}
    assert meta["gps"] == "北纬 39.907500°，东经 116.391667°"
    assert meta["creator"] == "王小明" and meta["captured"] == "2026:03:01 09:30:00"
    assert meta["camera"] == "Canon EOS R6" and meta["application"] == "Adobe Photoshop 2024"
    assert {p.name: p.status for p in doc.parts} == {"现场.jpg": "read"}  # flat colour: no OCR, still read
    res = scan_document(scanner, doc)
    gps = next(f for f in res.findings if f.rule == "file.metadata_gps")
    assert gps.type == "file_metadata" and gps.severity == "review" and gps.location["layer"] == "metadata"
    assert gps.location["label"] == "图片 现场.jpg·拍摄位置（GPS）"
    person = next(f for f in res.findings if f.rule == "file.metadata_person")
    assert person.text == "王小明"
    # no GPS, a tool default as artist: nothing to report
    quiet = scan_document(scanner, extract(_photo_with_exif(gps=False, artist="Administrator"), "b.jpg"))
    assert not [f for f in quiet.findings if f.rule.startswith("file.metadata")]


def test_gps_blocks_when_the_post_is_about_a_military_site(scanner):
    data = _docx_with_pictures([_photo_with_exif()])
    docx = pytest.importorskip("docx")
    d = docx.Document(io.BytesIO(data))
    d.add_paragraph("该军事禁区位于某镇东侧约3公里处。")
    out = io.BytesIO()
    d.save(out)
    res = scan_document(scanner, extract(out.getvalue(), "a.docx"))
    gps = next(f for f in res.findings if f.rule == "file.metadata_gps")
    assert gps.severity == "block" and gps.location["part"] == "word/media/image1.jpg"


# ----------------------------------------------------------------------------- QR codes
def _qr(text: str, scale=5) -> Image.Image:
    zxingcpp = pytest.importorskip("zxingcpp")
    import numpy as np

    bc = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode)
    qr = Image.fromarray(np.array(zxingcpp.write_barcode_to_image(bc, scale=scale))).convert("RGB")
    canvas = Image.new("RGB", (qr.width + 200, qr.height + 60), "white")
    canvas.paste(qr, (150, 30))
    return canvas


def test_qr_code_with_an_internal_address_is_a_credential_finding(scanner):
    img = _qr("http://192.168.10.20:8080/oa/login")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    res = scan_document(scanner, extract(buf.getvalue(), "海报.png"))
    f = next(f for f in res.findings if f.type == "credential")
    assert f.severity == "block" and "192.168.10.20" in f.text
    assert f.location["layer"] == "image" and f.location["label"] == "图片 海报.png·二维码"
    x0, y0, x1, y1 = f.location["box"]
    assert 140 <= x0 < x1 <= img.width - 40 and 20 <= y0 < y1 <= img.height - 20  # the code's box


# ----------------------------------------------------------------------------- clean
def test_clean_picture_drops_exif_and_blacks_out_findings(scanner, picture):
    from scanner.files.output import clean_bytes

    img = Image.open(io.BytesIO(picture[0])).convert("RGB")
    data = _photo_with_exif(img)
    doc = extract(data, "公示.jpg")
    res = scan_document(scanner, doc)
    idf = next(f for f in res.findings if f.type == "id_card")
    out = clean_bytes(data, "公示.jpg", doc, res)
    cleaned = Image.open(io.BytesIO(out))
    assert cleaned.format == "JPEG" and not cleaned.getexif() and "xmp" not in cleaned.info
    x0, y0, x1, y1 = idf.location["box"]
    crop = cleaned.convert("L").crop((int(x0) + 1, int(y0) + 1, int(x1) - 1, int(y1) - 1))
    assert crop.getextrema()[1] < 40  # black
    after = scan_document(scanner, extract(out, "公示.jpg"))
    assert not [f for f in after.findings if f.category == "personal_data"]
    assert any(f.type == "internal_marker" for f in after.findings)  # a mark is the author's to fix


def test_clean_docx_cleans_its_pictures(scanner, picture):
    from scanner.files.output import clean_bytes

    img = Image.open(io.BytesIO(picture[0])).convert("RGB")
    data = _docx_with_pictures([_photo_with_exif(img)])
    doc = extract(data, "a.docx")
    res = scan_document(scanner, doc)
    out = clean_bytes(data, "a.docx", doc, res)
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        pic = Image.open(io.BytesIO(z.read("word/media/image1.jpg")))
    assert not pic.getexif()
    after = scan_document(scanner, extract(out, "a.docx"))
    assert not [f for f in after.findings if f.category == "personal_data"]


# ----------------------------------------------------------------------------- the service
def test_service_picture_budget_picture_endpoint_and_clean(scanner, picture, tmp_path):
    """The per-request budget answers which pictures were not read; the page's picture endpoint
    serves a part of the upload; /v1/clean of a picture answers a picture."""
    httpx = pytest.importorskip("httpx")
    pytest.importorskip("fastapi")
    from service.app import create_app
    from service.settings import ServiceSettings
    from service.testing import serve_in_thread

    other, _ = _picture(("机密★5年",), size=22, width=300)
    data = _docx_with_pictures([picture[0], other])
    app = create_app(scanner=scanner, settings=ServiceSettings(db_url=f"sqlite:///{tmp_path / 'svc.db'}",
                                                               file_max_pictures=1))
    with serve_in_thread(app) as url, httpx.Client(base_url=url, timeout=60) as c:
        body = c.post("/v1/scan/file", files={"file": ("通知.docx", data, "x")}).json()
        assert body["file"]["pictures"] == {"read": 1, "not_read": [
            {"name": "word/media/image2.png", "reason": "not_read: over the budget of 1 pictures per file"}]}
        assert any(f["location"]["part"] == "word/media/image1.png" for f in body["findings"])
        r = c.post("/v1/file/picture", files={"file": ("通知.docx", data, "x")}, data={"part": "word/media/image1.png"})
        assert r.status_code == 200 and r.headers["content-type"] == "image/png"
        assert Image.open(io.BytesIO(r.content)).size == Image.open(io.BytesIO(picture[0])).size
        r = c.post("/v1/file/picture", files={"file": ("通知.docx", data, "x")}, data={"part": "word/document.xml"})
        assert r.status_code == 404 and r.json()["code"] == "picture_not_found"
        r = c.post("/v1/file/picture", files={"file": ("通知.docx", data, "x")})
        assert r.status_code == 400
        jpg = _photo_with_exif(Image.open(io.BytesIO(picture[0])).convert("RGB"))
        r = c.post("/v1/clean", files={"file": ("公示.jpg", jpg, "x")})
        assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg"
        assert not Image.open(io.BytesIO(r.content)).getexif()
        assert r.headers["X-Govscan-Remaining"] != "0"  # the 内部资料 mark stays: the author's to fix


@pytest.mark.parametrize("kind", ["pptx", "xlsx"])
def test_pictures_in_slides_and_sheets_are_read(scanner, picture, kind, tmp_path):
    """The same picture (read once: the OCR cache) inside a slide deck and a workbook."""
    if kind == "pptx":
        pptx = pytest.importorskip("pptx")
        from pptx.util import Inches

        prs = pptx.Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        slide.shapes.add_picture(io.BytesIO(picture[0]), Inches(1), Inches(1))
        out = io.BytesIO()
        prs.save(out)
        part = "ppt/media/image1.png"
    else:
        openpyxl = pytest.importorskip("openpyxl")
        from openpyxl.drawing.image import Image as XLImage

        wb = openpyxl.Workbook()
        wb.active["A1"] = "公示"
        path = tmp_path / "p.png"
        path.write_bytes(picture[0])
        wb.active.add_image(XLImage(str(path)), "C3")
        out = io.BytesIO()
        wb.save(out)
        part = "xl/media/image1.png"
    data = out.getvalue()
    res = scan_document(scanner, extract(data, f"a.{kind}"))
    f = next(f for f in res.findings if f.type == "id_card")
    assert f.location["part"] == part and f.location["layer"] == "image"
    if kind == "xlsx":  # clean: the picture's ID number blacked out in the cleaned workbook
        from scanner.files.output import clean_bytes

        doc = extract(data, "a.xlsx")
        cleaned = clean_bytes(data, "a.xlsx", doc, scan_document(scanner, doc))
        after = scan_document(scanner, extract(cleaned, "a.xlsx"))
        assert not [f for f in after.findings if f.type == "id_card"]


def test_pictures_of_an_odt_are_read(scanner, picture):
    """An OpenDocument text as LibreOffice writes it: the picture in Pictures/, framed in content.xml."""
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
               'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"><office:body><office:text>'
               '<text:p>关于低保对象的公示</text:p><text:p><draw:frame draw:name="图像1"><draw:image '
               'xlink:href="Pictures/10000001.png"/></draw:frame></text:p></office:text></office:body>'
               '</office:document-content>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("Pictures/10000001.png", picture[0])
    res = scan_document(scanner, extract(buf.getvalue(), "公示.odt"))
    f = next(f for f in res.findings if f.type == "id_card")
    assert f.location["part"] == "Pictures/10000001.png" and f.location["layer"] == "image"
    assert {"name": "Pictures/10000001.png", "kind": "image", "status": "read", "bytes": len(picture[0])} \
        in res.file["parts"]


def _ofd_scan(picture_png: bytes) -> bytes:
    """A scanned OFD as converters write it: one page with one ImageObject, the picture a
    MultiMedia resource of DocumentRes.xml (BaseLoc Res)."""
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    files = {
        "OFD.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0" DocType="OFD"><ofd:DocBody>'
                   '<ofd:DocInfo><ofd:Title>扫描件</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
                   '</ofd:DocBody></ofd:OFD>',
        "Doc_0/Document.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData>'
                              '<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                              '<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData><ofd:Pages>'
                              '<ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>',
        "Doc_0/DocumentRes.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {ns} BaseLoc="Res"><ofd:MultiMedias>'
                                 '<ofd:MultiMedia ID="10" Type="Image"><ofd:MediaFile>image_10.png</ofd:MediaFile>'
                                 '</ofd:MultiMedia></ofd:MultiMedias></ofd:Res>',
        "Doc_0/Pages/Page_0/Content.xml": f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content>'
                                          '<ofd:Layer ID="2"><ofd:ImageObject ID="11" ResourceID="10" '
                                          'Boundary="10 20 164 27.2" CTM="164 0 0 27.2 0 0"/></ofd:Layer>'
                                          '</ofd:Content></ofd:Page>',
        "Doc_0/Res/image_10.png": picture_png,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, d in files.items():
            z.writestr(n, d)
    return buf.getvalue()


def test_ofd_page_without_text_has_its_picture_read_with_boxes_in_millimetres(scanner, picture):
    res = scan_document(scanner, extract(_ofd_scan(picture[0]), "扫描件.ofd"))
    f = next(f for f in res.findings if f.type == "id_card")
    loc = f.location
    assert loc["part"] == "Doc_0/Res/image_10.png" and loc["layer"] == "image" and loc["page"] == 1
    assert loc["label"] == "第 1 页 扫描图像"
    x0, y0, x1, y1 = loc["box"]
    assert 10 <= x0 < x1 <= 174 and 20 + 27.2 / 2 <= y1 <= 47.2 + 1  # the second line: the lower half, in mm
    assert {"name": "Doc_0/Res/image_10.png", "kind": "image", "status": "read", "bytes": len(picture[0])} \
        in res.file["parts"]
