"""`scanner clean` of an OpenDocument text (.odt): personal data masked in the text (also over
several spans), comments, tracked-change records, hidden text, the thumbnail and the person
properties removed, and every picture under Pictures/ cleaned as a picture file is: EXIF/XMP
dropped and the OCR boxes of the personal-data findings read in it painted black.

Two files: one written here member by member as LibreOffice lays an .odt out (every layer at a
known place), and one LibreOffice itself writes (a .docx with a photograph converted by
`soffice --convert-to odt`; skipped without LibreOffice), whose cleaned copy LibreOffice must
open again."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile

import pytest

PIL = pytest.importorskip("PIL")
pytest.importorskip("rapidocr")

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from scanner import Scanner  # noqa: E402
from scanner.files import FileError, extract  # noqa: E402
from scanner.files.output import clean_bytes  # noqa: E402
from scanner.files.scan import scan_document  # noqa: E402
from tests.conftest import CJK_FONT, OCR_TEST_MARKS  # noqa: E402

pytestmark = OCR_TEST_MARKS

ID_PIC = "11010519491231002X"
ID_TEXT = "110101199003074477"
PHONE = "13912345678"
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink"')


@pytest.fixture(scope="module")
def scanner():
    return Scanner()


def _photo() -> tuple[bytes, tuple[float, float, float, float]]:
    """A JPEG photo of a line with an ID number, with EXIF (GPS, artist); and the ID's rectangle."""
    font = ImageFont.truetype(CJK_FONT, 26)
    line = f"申请人身份证号：{ID_PIC}"
    img = Image.new("RGB", (760, 90), "white")
    d = ImageDraw.Draw(img)
    d.text((24, 30), line, font=font, fill="black")
    x0 = 24 + font.getlength(line[:line.index(ID_PIC)])
    rect = (x0, 30 + 4, 24 + font.getlength(line), 30 + 26)
    exif = Image.Exif()
    exif[0x013B] = "王小明".encode("utf-8")  # Artist
    exif[0x0131] = "Adobe Photoshop 2024"
    exif.get_ifd(0x8825).update({1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 30.0)})
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif, quality=92)
    return buf.getvalue(), rect


@pytest.fixture(scope="module")
def photo():
    return _photo()


def _odt(photo_bytes: bytes) -> bytes:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.3">'
        '<office:automatic-styles><style:style style:name="P9" style:family="paragraph">'
        '<style:text-properties text:display="none"/></style:style></office:automatic-styles>'
        '<office:body><office:text>'
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info>'
        '<dc:creator>李审核</dc:creator></office:change-info><text:p>原联系电话13700001111</text:p>'
        '</text:deletion></text:changed-region></text:tracked-changes>'
        '<text:p>关于低保对象的公示</text:p>'
        # the ID number over two spans (as a word processor splits a run when its format changes)
        f'<text:p>张伟，身份证号：<text:span text:style-name="T1">{ID_TEXT[:9]}</text:span>{ID_TEXT[9:]}，'
        f'电话{PHONE}<office:annotation><dc:creator>刘科长</dc:creator><text:p>此件不公开</text:p>'
        '</office:annotation>。</text:p>'
        '<text:p text:style-name="P9">内部：联系人手机13600002222</text:p>'
        '<text:p><draw:frame draw:name="图像1"><draw:image xlink:href="Pictures/10000001.jpg"/></draw:frame></text:p>'
        '</office:text></office:body></office:document-content>')
    meta = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {NS} office:version="1.3"><office:meta>'
            '<meta:initial-creator>王小明</meta:initial-creator><dc:creator>王小明</dc:creator>'
            '<dc:title>公示</dc:title><meta:user-defined meta:name="经办人">赵六</meta:user-defined>'
            '</office:meta></office:document-meta>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="Pictures/10000001.jpg" manifest:media-type="image/jpeg"/>'
                '<manifest:file-entry manifest:full-path="Thumbnails/thumbnail.png" manifest:media-type="image/png"/>'
                '</manifest:manifest>')
    thumb = io.BytesIO()
    Image.new("RGB", (32, 32), "white").save(thumb, "PNG")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("meta.xml", meta)
        z.writestr("Pictures/10000001.jpg", photo_bytes)
        z.writestr("Thumbnails/thumbnail.png", thumb.getvalue())
        z.writestr("META-INF/manifest.xml", manifest)
    return buf.getvalue()


def _black_share(img, rect) -> float:
    """Share of the pixels inside ``rect`` that are black (grey level < 40)."""
    import numpy as np

    px = np.asarray(img.convert("L").crop(tuple(int(v) for v in rect)))
    return float((px < 40).mean()) if px.size else 0.0


def test_clean_odt_masks_text_and_pictures_and_drops_layers(scanner, photo):
    data = _odt(photo[0])
    doc = extract(data, "公示.odt")
    before = scan_document(scanner, doc)
    types = {(f.type, f.location["part"], f.location["layer"]) for f in before.findings}
    assert ("id_card", "Pictures/10000001.jpg", "image") in types  # read by OCR in the picture
    assert ("id_card", "content.xml", "body") in types
    pic_id = next(f for f in before.findings if f.type == "id_card" and f.location["layer"] == "image")
    assert pic_id.text == ID_PIC

    out = clean_bytes(data, "公示.odt", doc, before)
    z = zipfile.ZipFile(io.BytesIO(out))
    # ODF: mimetype the first member, stored
    first = z.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    content = z.read("content.xml").decode("utf-8")
    for gone in (ID_TEXT, PHONE, "刘科长", "此件不公开", "13700001111", "李审核", "13600002222"):
        assert gone not in content, gone
    assert "关于低保对象的公示" in content and "张某" in content
    meta = z.read("meta.xml").decode("utf-8")
    assert "王小明" not in meta and "赵六" not in meta and "公示" in meta
    assert "Thumbnails/thumbnail.png" not in z.namelist()
    assert "thumbnail" not in z.read("META-INF/manifest.xml").decode()

    # the picture: no EXIF, the ID's box black, the rest of the line kept
    pic = Image.open(io.BytesIO(z.read("Pictures/10000001.jpg")))
    assert pic.format == "JPEG" and not pic.getexif() and "exif" not in pic.info
    assert _black_share(pic, pic_id.location["box"]) > 0.9
    assert _black_share(pic, photo[1]) > 0.9  # the box covers the drawn ID
    assert _black_share(pic, (24, 34, 24 + 26 * 4, 56)) < 0.3  # 申请人身 … still there

    # the copy scanned again: no personal data left, no picture metadata
    after = scan_document(scanner, extract(out, "公示.已清理.odt"))
    assert not [f for f in after.findings if f.category == "personal_data"], \
        [(f.type, f.text, f.location) for f in after.findings if f.category == "personal_data"]
    assert not [f for f in after.findings if f.location.get("layer") == "metadata" and
                f.location.get("part") == "Pictures/10000001.jpg"]


def test_clean_refuses_an_ods_with_a_clear_error(scanner):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", f'<?xml version="1.0"?><office:document-content {NS}><office:body>'
                                  '<office:spreadsheet/></office:body></office:document-content>')
    doc = extract(buf.getvalue(), "a.ods")
    with pytest.raises(FileError) as e:
        clean_bytes(buf.getvalue(), "a.ods", doc, scan_document(scanner, doc))
    assert e.value.code == "unsupported" and ".odt" in str(e.value)


def test_clean_an_odt_written_by_libreoffice(scanner, photo, tmp_path):
    """A real .odt: LibreOffice converts a Word file with the photograph; the cleaned copy has the
    picture masked and without EXIF, and LibreOffice opens it again (converted back to text)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) not installed")
    docx = pytest.importorskip("docx")
    from docx.shared import Inches

    d = docx.Document()
    d.add_paragraph(f"关于低保对象的公示：王芳，身份证号{ID_TEXT}，电话{PHONE}。")
    d.add_picture(io.BytesIO(photo[0]), width=Inches(5))
    d.core_properties.author = "王小明"
    src = tmp_path / "公示.docx"
    d.save(src)
    env_dir = f"file:///tmp/lo-test-clean-odt-{os.getpid()}"

    def convert(path, fmt, outdir):
        subprocess.run([exe, f"-env:UserInstallation={env_dir}", "--headless", "--convert-to", fmt,
                        "--outdir", str(outdir), str(path)], check=True, capture_output=True, timeout=180)

    convert(src, "odt", tmp_path / "odt")
    odt = (tmp_path / "odt" / "公示.odt").read_bytes()
    doc = extract(odt, "公示.odt")
    before = scan_document(scanner, doc)
    pictures = [p.name for p in doc.parts if p.kind == "image"]
    assert len(pictures) == 1 and pictures[0].startswith("Pictures/")
    pic_part = pictures[0]
    found = {(f.type, f.location["layer"]) for f in before.findings}
    assert {("id_card", "image"), ("id_card", "body"), ("mobile_phone", "body")} <= found
    # LibreOffice keeps the photograph's bytes: its EXIF (GPS, artist) is in the .odt
    assert Image.open(io.BytesIO(zipfile.ZipFile(io.BytesIO(odt)).read(pic_part))).getexif()
    assert ("file_metadata", "metadata") in found

    out = clean_bytes(odt, "公示.odt", doc, before)
    cleaned = tmp_path / "公示.已清理.odt"
    cleaned.write_bytes(out)
    pic = Image.open(io.BytesIO(zipfile.ZipFile(cleaned).read(pic_part)))
    assert not pic.getexif() and "exif" not in pic.info
    box = next(f for f in before.findings if f.type == "id_card" and f.location["layer"] == "image").location["box"]
    assert _black_share(pic, box) > 0.9
    after = scan_document(scanner, extract(out, cleaned.name))
    assert not [f for f in after.findings if f.category == "personal_data"]
    # LibreOffice opens the cleaned copy: its text, masked
    convert(cleaned, "txt:Text (encoded):UTF8", tmp_path / "txt")
    text = (tmp_path / "txt" / "公示.已清理.txt").read_text("utf-8-sig")
    assert "关于低保对象的公示" in text and ID_TEXT not in text and PHONE not in text


def test_masks_over_spans_and_a_suggestion_holding_the_value():
    """A value over a span boundary gets its share of the mask in each piece; a suggestion that
    contains the value's characters does not make the writer mask its own mask again."""
    from lxml import etree

    from scanner.files.writers.odf import _mask_paragraph

    t = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    p = etree.fromstring(f'<text:p xmlns:text="{t}">张伟<text:span>电话139</text:span>12345678；张伟<text:s/>'
                         '张伟</text:p>')
    n = _mask_paragraph(p, [("13912345678", "139****5678"), ("张伟", "张伟某")])
    assert n == 4
    assert "".join(p.itertext()) == "张伟某电话139****5678；张伟某张伟某"
    assert p.find(f"{{{t}}}span").text == "电话139"  # the span keeps its own part
