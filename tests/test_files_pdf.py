"""The PDF extractor (scanner/files/pdf.py) on real PDFs made with reportlab (+ pypdf for
annotations and crop boxes): each rule of its docstring for what is a redaction that does not
redact and what is hidden text, one test per rule, and exact offsets for every finding."""
from __future__ import annotations

import io

import pytest

from scanner import Scanner
from scanner.files import extract
from scanner.files.scan import scan_document

pytest.importorskip("reportlab")
pytest.importorskip("pypdf")
pytest.importorskip("pypdfium2")

from pypdf import PdfReader, PdfWriter  # noqa: E402
from pypdf.generic import (  # noqa: E402
    ArrayObject, DictionaryObject, FloatObject, NameObject, StreamObject, TextStringObject)
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

ID = "11010519491231002X"
PHONE = "13812345678"
FONT = "STSong-Light"
PAGE = (595.0, 842.0)  # A4 in points

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


@pytest.fixture(scope="module")
def scanner():
    return Scanner()


# ----------------------------------------------------------------------------- helpers
def make_pdf(*pages, crop=None, annots=()) -> bytes:
    """One page per drawing function ``draw(c)``; then, with pypdf, an optional crop box on
    page 1 and annotation dictionaries ``(page_index, dict)``."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=PAGE)
    for draw in pages:
        c.setFont(FONT, 12)
        draw(c)
        c.showPage()
    c.save()
    if crop is None and not annots:
        return buf.getvalue()
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    if crop is not None:
        w.pages[0].cropbox.lower_left = crop[:2]
        w.pages[0].cropbox.upper_right = crop[2:]
    for page_index, annot in annots:
        w.add_annotation(page_number=page_index, annotation=annot)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def width(s: str, size: float = 12) -> float:
    return pdfmetrics.stringWidth(s, FONT, size)


def scan(scanner, data: bytes):
    doc = extract(data, "x.pdf")
    res = scan_document(scanner, doc)
    for f in res.findings:  # rule 9 holds in every test
        assert res.text[f.start:f.end] == f.text, f
    return doc, res


def segs(doc, layer: str, page: int | None = 1):
    return [s for s in doc.segments if s.layer == layer and (page is None or s.page == page)]


def seg_text(doc, s) -> str:
    return doc.text[s.start:s.end]


def body(doc, page: int = 1) -> str:
    """The page's text (not its form fields)."""
    got = [s for s in segs(doc, "body", page) if s.label == f"第 {page} 页"]
    assert len(got) == 1, [(s.layer, s.label) for s in doc.segments]
    return seg_text(doc, got[0])


def layer_of(doc, needle: str) -> set[str]:
    """The layers of the segments whose text contains ``needle``."""
    return {s.layer for s in doc.segments if needle in seg_text(doc, s)}


def inside(box, outer, tol: float = 1.0) -> bool:
    return (outer[0] - tol <= box[0] <= box[2] <= outer[2] + tol
            and outer[1] - tol <= box[1] <= box[3] <= outer[3] + tol)


PREFIX = "张伟 身份证号 "


def id_rect(y: float = 680) -> tuple[float, float, float, float]:
    """The rectangle, 2 pt of margin, that covers the ID of ``PREFIX + ID`` drawn at (72, y) in 12 pt."""
    x = 72 + width(PREFIX)
    return (x - 2, y - 5, x + width(ID) + 2, y + 13)


def line_with_id(c, y: float = 680):
    """Draw ``PREFIX + ID`` at (72, y); return the rectangle that covers the ID."""
    c.drawString(72, y, PREFIX + ID)
    return id_rect(y)


def fill_rect(c, r):
    c.rect(r[0], r[1], r[2] - r[0], r[3] - r[1], fill=1, stroke=0)


def annot_dict(subtype: str, rect, **extra) -> DictionaryObject:
    d = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject(subtype),
                          NameObject("/Rect"): ArrayObject(FloatObject(v) for v in rect)})
    for k, v in extra.items():
        d[NameObject("/" + k)] = v
    return d


def assert_redacted(doc, res, secret: str, rect, label: str):
    """``secret`` is reported once, in the redaction layer, as a blocking unredacted_text whose
    box lies in ``rect``; the page body reads blanks in its place."""
    red = segs(doc, "redaction")
    # the box's 2 pt margin may take the blank before the secret in: the finding leaves it out
    assert [seg_text(doc, s).strip() for s in red] == [secret]
    assert red[0].label == label
    assert inside(red[0].box, rect), (red[0].box, rect)
    hits = [f for f in res.findings if f.text == secret]
    assert hits and all(f.location["layer"] == "redaction" for f in hits), hits
    un = [f for f in hits if f.type == "unredacted_text"]
    assert len(un) == 1 and un[0].severity == "block" and res.verdict == "block"
    assert un[0].location["page"] == 1 and un[0].location["label"] == label
    assert inside(un[0].location["box"], rect)
    assert secret not in body(doc) and " " * len(secret) in body(doc)
    assert layer_of(doc, secret) == {"redaction"}


# ----------------------------------------------------------------------------- 1-3 redaction
def test_dark_box_drawn_after_the_text_is_a_redaction_that_does_not_redact(scanner):
    rect = id_rect()

    def draw(c):
        c.drawString(72, 720, "公示名单如下")
        line_with_id(c)
        c.setFillGray(0)
        fill_rect(c, rect)  # the black box, painted over the ID number

    doc, res = scan(scanner, make_pdf(draw))
    assert_redacted(doc, res, ID, rect, "第 1 页 涂黑处")
    lines = body(doc).split("\n")
    assert lines[0] == "公示名单如下" and lines[1].startswith("张伟 身份证号 ")
    assert lines[1].rstrip() == "张伟 身份证号"  # the rest of the line is blanks, same length
    assert len(body(doc)) == len("公示名单如下\n张伟 身份证号 " + ID)


def test_light_table_background_under_black_text_is_not_a_redaction(scanner):
    def draw(c):
        c.setFillGray(0.9)
        c.rect(60, 695, 400, 22, fill=1, stroke=0)  # a table row's background, painted first
        c.setFillGray(0)
        c.drawString(72, 700, f"联系电话 {PHONE}")
        c.drawString(72, 680, f"身份证号 {ID}")

    doc, res = scan(scanner, make_pdf(draw))
    assert not segs(doc, "redaction") and not segs(doc, "hidden")
    assert PHONE in body(doc) and ID in body(doc)
    assert {f.location["layer"] for f in res.findings if f.text in (PHONE, ID)} == {"body"}
    assert not any(f.type == "unredacted_text" for f in res.findings)


@pytest.mark.parametrize("rgb, box_first", [
    pytest.param((0.0, 0.0, 0.5), False, id="dark-blue-box-after"),
    # orange is light (luminance ~0.53): only the own-colour rule can catch it, before or after
    pytest.param((0.9, 0.47, 0.0), False, id="orange-box-after"),
    pytest.param((0.9, 0.47, 0.0), True, id="orange-box-before"),
])
def test_box_in_the_texts_own_colour_is_a_redaction(scanner, rgb, box_first):
    rect = id_rect()

    def draw(c):
        c.setFillColorRGB(*rgb)
        if box_first:
            fill_rect(c, rect)
        line_with_id(c)
        if not box_first:
            fill_rect(c, rect)
        c.setFillGray(0)
        c.drawString(72, 720, "公示名单如下")

    doc, res = scan(scanner, make_pdf(draw))
    assert_redacted(doc, res, ID, rect, "第 1 页 涂黑处")


# ----------------------------------------------------------------------------- 4-6 hidden text
def test_white_text_on_a_white_page_is_hidden(scanner):
    def draw(c):
        c.drawString(72, 720, "公示名单如下")
        c.setFillColorRGB(1, 1, 1)
        c.drawString(72, 680, f"联系电话{PHONE}")

    doc, res = scan(scanner, make_pdf(draw))
    hid = segs(doc, "hidden")
    assert [seg_text(doc, s) for s in hid] == [f"联系电话{PHONE}"]
    assert "隐藏文字" in hid[0].label and hid[0].label.startswith("第 1 页")
    assert PHONE not in body(doc) and "公示名单如下" in body(doc)
    f = [f for f in res.findings if f.text == PHONE]
    assert len(f) == 1 and f[0].location["layer"] == "hidden" and "隐藏文字" in f[0].location["label"]
    assert not segs(doc, "redaction")


def test_white_text_on_a_dark_banner_is_not_hidden(scanner):
    def draw(c):
        c.setFillColorRGB(0.6, 0.05, 0.05)  # a dark red title banner, painted first
        c.rect(50, 670, 495, 30, fill=1, stroke=0)
        c.setFillColorRGB(1, 1, 1)
        c.drawString(72, 680, f"咨询电话{PHONE}")

    doc, res = scan(scanner, make_pdf(draw))
    assert not segs(doc, "hidden") and not segs(doc, "redaction")
    assert f"咨询电话{PHONE}" in body(doc)
    assert {f.location["layer"] for f in res.findings if f.text == PHONE} == {"body"}


def _invisible(c, x, y, s):
    t = c.beginText(x, y)
    t.setFont(FONT, 12)
    t.setTextRenderMode(3)  # neither fill nor stroke
    t.textLine(s)
    c.drawText(t)


def test_invisible_text_on_a_page_without_a_picture_is_hidden(scanner):
    def draw(c):
        c.drawString(72, 720, "公示名单如下")
        _invisible(c, 72, 680, f"身份证号{ID}")

    doc, res = scan(scanner, make_pdf(draw))
    hid = segs(doc, "hidden")
    assert [seg_text(doc, s) for s in hid] == [f"身份证号{ID}"]
    assert "隐藏文字" in hid[0].label and "不可见" in hid[0].label
    assert ID not in body(doc)
    assert {f.location["layer"] for f in res.findings if f.text == ID} == {"hidden"}


def test_invisible_text_over_a_scan_is_its_ocr_layer_body(scanner):
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    scan_img = ImageReader(Image.new("RGB", (200, 40), (235, 235, 225)))

    def draw(c):
        c.drawImage(scan_img, 60, 660, 450, 60)  # the scanned page, under its OCR text
        _invisible(c, 72, 680, f"身份证号{ID}")

    doc, res = scan(scanner, make_pdf(draw))
    assert not segs(doc, "hidden") and not segs(doc, "redaction")
    assert f"身份证号{ID}" in body(doc)
    assert {f.location["layer"] for f in res.findings if f.text == ID} == {"body"}


@pytest.mark.parametrize("tiny", [
    pytest.param("X", id="one-char"),
    pytest.param(f"手机{PHONE}", id="phone-number"),  # a whole line at 0.5 pt, not only a character
])
def test_text_smaller_than_one_point_is_hidden(scanner, tiny):
    def draw(c):
        c.drawString(72, 720, "公示名单如下")
        c.setFont(FONT, 0.5)
        c.drawString(72, 680, tiny)

    doc, res = scan(scanner, make_pdf(draw))
    hid = segs(doc, "hidden")
    assert [seg_text(doc, s) for s in hid] == [tiny], [(s.layer, s.label, seg_text(doc, s)) for s in doc.segments]
    assert "隐藏文字" in hid[0].label
    assert tiny not in body(doc)


@pytest.mark.parametrize("x, crop", [
    pytest.param(620, None, id="outside-media-box"),
    pytest.param(420, (0, 0, 400, 842), id="outside-crop-box"),
])
def test_text_outside_the_page_is_hidden(scanner, x, crop):
    def draw(c):
        c.drawString(72, 720, "公示名单如下")
        c.drawString(x, 680, f"手机{PHONE}")

    doc, res = scan(scanner, make_pdf(draw, crop=crop))
    hid = segs(doc, "hidden")
    assert [seg_text(doc, s) for s in hid] == [f"手机{PHONE}"]
    assert "隐藏文字" in hid[0].label and "页面外" in hid[0].label
    assert hid[0].box[0] >= x - 1
    assert PHONE not in body(doc) and "公示名单如下" in body(doc)
    assert {f.location["layer"] for f in res.findings if f.text == PHONE} == {"hidden"}


# ----------------------------------------------------------------------------- 7 annotations
@pytest.mark.parametrize("subtype, extra, label", [
    pytest.param("/Square", {"IC": ArrayObject([FloatObject(0), FloatObject(0), FloatObject(0)])},
                 "第 1 页 涂黑处", id="dark-square"),
    pytest.param("/Redact", {}, "第 1 页 未执行的涂黑标注", id="unapplied-redact"),
])
def test_annotation_over_text_is_a_redaction(scanner, subtype, extra, label):
    rect = id_rect()

    def draw(c):
        c.drawString(72, 720, "公示名单如下")
        line_with_id(c)

    doc, res = scan(scanner, make_pdf(draw, annots=[(0, annot_dict(subtype, rect, **extra))]))
    assert_redacted(doc, res, ID, rect, label)


def test_light_square_annotation_is_not_a_redaction(scanner):
    yellow = annot_dict("/Square", id_rect(), IC=ArrayObject([FloatObject(1), FloatObject(1), FloatObject(0.6)]))

    def draw(c):
        line_with_id(c)

    doc, res = scan(scanner, make_pdf(draw, annots=[(0, yellow)]))
    assert not segs(doc, "redaction")
    assert ID in body(doc)
    assert not any(f.type == "unredacted_text" for f in res.findings)


def test_hollow_square_annotation_is_not_a_redaction(scanner):
    hollow = annot_dict("/Square", (60, 700, 300, 730), C=ArrayObject([FloatObject(1), FloatObject(0), FloatObject(0)]))

    def draw(c):
        c.drawString(72, 710, f"联系电话{PHONE}")

    doc, res = scan(scanner, make_pdf(draw, annots=[(0, hollow)]))
    assert not segs(doc, "redaction")
    assert PHONE in body(doc)
    assert not any(f.type == "unredacted_text" for f in res.findings)


def _with_appearance(data: bytes, annot: DictionaryObject, rgb=(0, 0, 0)) -> bytes:
    """Add ``annot`` with a normal appearance stream that fills its rectangle, as viewers write it."""
    x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    ap = StreamObject()
    ap.set_data(f"{rgb[0]} {rgb[1]} {rgb[2]} rg 0 0 {x1 - x0:.2f} {y1 - y0:.2f} re f".encode())
    ap.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
               NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(x1 - x0),
                                                 FloatObject(y1 - y0)])})
    annot[NameObject("/AP")] = DictionaryObject({NameObject("/N"): w._add_object(ap)})
    w.add_annotation(page_number=0, annotation=annot)
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


def test_dark_square_annotation_with_an_appearance_stream_is_a_redaction(scanner):
    rect = id_rect()

    def draw(c):
        c.drawString(72, 720, "公示名单如下")
        line_with_id(c)

    square = annot_dict("/Square", rect, IC=ArrayObject([FloatObject(0)] * 3))
    doc, res = scan(scanner, _with_appearance(make_pdf(draw), square))
    assert_redacted(doc, res, ID, rect, "第 1 页 涂黑处")


# ----------------------------------------------------------------------------- 8 form fields
def test_form_field_value_is_read(scanner):
    def draw(c):
        c.drawString(72, 720, "报名表")
        c.acroForm.textfield(name="phone", value=PHONE, x=72, y=650, width=200, height=24)

    doc, res = scan(scanner, make_pdf(draw))
    fields = [s for s in doc.segments if "表单域" in (s.label or "")]
    assert [seg_text(doc, s) for s in fields] == [PHONE]
    assert fields[0].layer == "body" and fields[0].label == "第 1 页表单域「phone」" and fields[0].page == 1
    hits = [f for f in res.findings if f.text == PHONE]
    assert len(hits) == 1 and "表单域" in hits[0].location["label"]
    assert PHONE not in body(doc)  # the value lives in the widget, not in the page's text


# ----------------------------------------------------------------------------- 9 offsets
def test_every_finding_offset_is_exact_across_all_layers(scanner):
    def page1(c):
        c.drawString(72, 760, f"联系电话 {PHONE}")
        fill_rect(c, line_with_id(c, 740))
        c.setFillColorRGB(1, 1, 1)
        c.drawString(72, 700, "备用手机13912345678")
        c.setFillGray(0)
        _invisible(c, 72, 680, "身份证号110101199003074518")
        c.drawString(640, 660, "手机13712345678")
        c.acroForm.textfield(name="tel", value="13612345678", x=72, y=600, width=200, height=24)
        c.setAuthor("王小明")

    def page2(c):
        c.drawString(72, 760, "第二页 张伟 身份证号 ")
        c.drawString(72, 740, f"再次公示 {ID} 电话 13512345678")

    note = annot_dict("/Text", (72, 500, 90, 518))
    note[NameObject("/Contents")] = TextStringObject("请核对电话13412345678")
    note[NameObject("/T")] = TextStringObject("李四")
    data = make_pdf(page1, page2, annots=[(0, note), (1, annot_dict("/Redact", (60, 735, 360, 755)))])
    doc, res = scan(scanner, data)
    where = {(f.text, f.location["layer"], f.location["label"]) for f in res.findings}
    assert where >= {
        (PHONE, "body", "第 1 页"),
        (ID, "redaction", "第 1 页 涂黑处"),
        ("13912345678", "hidden", "第 1 页 隐藏文字（白色文字）"),
        ("110101199003074518", "hidden", "第 1 页 隐藏文字（不可见文字）"),
        ("13712345678", "hidden", "第 1 页 隐藏文字（页面外文字）"),
        ("13612345678", "body", "第 1 页表单域「tel」"),
        ("13412345678", "comment", "第 1 页批注（李四）"),
        ("王小明", "metadata", "文件属性·作者"),
        (f"再次公示 {ID} 电话 13512345678", "redaction", "第 2 页 未执行的涂黑标注"),
    }, sorted(where)
    for f in res.findings:
        assert res.text[f.start:f.end] == f.text
        s = doc.segment_at(f.start)
        assert s is not None and s.start <= f.start < f.end <= s.end
        assert f.location["layer"] == s.layer and f.location["label"] == s.label
        assert f.location.get("page") == s.page


def test_font_size_is_read_through_the_matrices(scanner):
    """Generators write 12 pt text as ``1 Tf`` scaled by the text or page matrix: that is body text,
    while 12 pt text scaled by 0.04 is 0.48 pt on the page: hidden."""
    def draw(c):
        c.saveState()
        c.translate(72, 700)
        c.scale(10, 10)
        c.setFont("STSong-Light", 1)
        c.drawString(0, 0, f"联系电话{PHONE}")
        c.restoreState()
        c.saveState()
        c.translate(72, 600)
        c.scale(0.04, 0.04)
        c.setFont("STSong-Light", 12)
        c.drawString(0, 0, f"身份证号{ID}")
        c.restoreState()

    doc, res = scan(scanner, make_pdf(draw))
    assert PHONE in body(doc)
    assert any(ID in seg_text(doc, s) and "极小字号" in s.label for s in segs(doc, "hidden"))


def test_official_texts_printed_to_pdf_by_libreoffice_have_nothing_hidden(scanner, tmp_path):
    """Precision of the redaction and hidden-text rules on PDFs a real tool makes: policy texts and
    news items written to .docx (python-docx, with a shaded table and a header), printed to PDF by
    LibreOffice, give no redaction and no hidden segment, and no finding outside the body."""
    import shutil
    import subprocess

    import docx
    from conftest import official_texts

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("needs LibreOffice (soffice)")
    texts = [t for _, t in official_texts()[::400]][:12]
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "某县人民政府办公室"
    table = d.add_table(rows=2, cols=3)
    table.style = "Light Shading Accent 1"
    for i, cell in enumerate(table.rows[0].cells + table.rows[1].cells):
        cell.text = ["序号", "事项", "责任单位", "1", "优化营商环境", "县发展改革局"][i]
    for t in texts:
        for para in t.split("\n"):
            if para.strip():
                d.add_paragraph(para.strip())
    src = tmp_path / "official.docx"
    d.save(src)
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    doc, res = scan(scanner, (tmp_path / "official.pdf").read_bytes())
    assert doc.info()["layers"].get("body", 0) >= 3  # several pages of text
    assert not [seg_text(doc, s)[:40] for s in doc.segments if s.layer in ("redaction", "hidden")]
    assert not [f for f in res.findings if f.location["layer"] not in ("body", "metadata")]
