"""``scanner clean`` for PowerPoint (issue 13 part: pictures inside slides): personal data masked
in the slides' text and in their pictures, speaker notes and comments removed, properties
blanked; the rest of the deck as it was."""
from __future__ import annotations

import io
import zipfile

import pytest

pptx = pytest.importorskip("pptx")
pytest.importorskip("rapidocr")

from PIL import Image, ImageDraw, ImageFont  # noqa: E402
from pptx.util import Inches  # noqa: E402

from scanner import Scanner  # noqa: E402
from scanner.files import extract  # noqa: E402
from scanner.files.output import clean_bytes, writable_kinds  # noqa: E402
from scanner.files.scan import scan_document  # noqa: E402
from tests.conftest import CJK_FONT as FONT  # noqa: E402
from tests.conftest import OCR_TEST_MARKS  # noqa: E402

pytestmark = OCR_TEST_MARKS
ID = "11010519491231002X"


def _picture() -> tuple[bytes, tuple[float, float, float, float]]:
    font = ImageFont.truetype(FONT, 24)
    img = Image.new("RGB", (760, 90), "white")
    d = ImageDraw.Draw(img)
    line = f"申请人：李娜，身份证号{ID}"
    d.text((20, 30), line, font=font, fill="black")
    a = line.index(ID)
    rect = (20 + font.getlength(line[:a]), 30, 20 + font.getlength(line[:a + len(ID)]), 30 + 26)
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue(), rect


def _deck(picture: bytes) -> bytes:
    prs = pptx.Presentation()
    prs.core_properties.author = "王小明"
    prs.core_properties.last_modified_by = "王小明"
    s1 = prs.slides.add_slide(prs.slide_layouts[6])
    tb = s1.shapes.add_textbox(Inches(0.5), Inches(0.5), Inches(8), Inches(1)).text_frame
    tb.text = "联系人：张伟，电话13812345678"
    p = tb.add_paragraph()
    r1, r2 = p.add_run(), p.add_run()
    r1.text, r2.text = "身份证号110105194", "91231002X（核对）"  # one number over two runs
    table = s1.shapes.add_table(2, 2, Inches(0.5), Inches(2), Inches(6), Inches(1)).table
    table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "手机"
    table.cell(1, 0).text, table.cell(1, 1).text = "赵敏", "13912345678"
    s1.shapes.add_picture(io.BytesIO(picture), Inches(0.5), Inches(4))
    s1.notes_slide.notes_text_frame.text = "备注：领导手机13700001111"
    s2 = prs.slides.add_slide(prs.slide_layouts[6])
    s2.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1)).text_frame.text = "第二页没有个人信息"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def test_clean_pptx_masks_text_and_pictures_and_drops_notes_and_properties():
    assert "pptx" in writable_kinds("clean")
    scanner = Scanner()
    picture, rect = _picture()
    data = _deck(picture)
    doc = extract(data, "汇报.pptx")
    res = scan_document(scanner, doc)
    types = {f.type for f in res.findings}
    assert {"id_card", "mobile_phone"} <= types
    pic_id = next(f for f in res.findings if f.type == "id_card" and f.location["layer"] == "image")
    assert pic_id.location["part"] == "ppt/media/image1.png"

    out = clean_bytes(data, "汇报.pptx", doc, res)
    after_doc = extract(out, "汇报.pptx")
    after = scan_document(scanner, after_doc)
    assert not [f for f in after.findings if f.category == "personal_data"], after.findings
    text = after_doc.text
    # masked in place, the rest of each line kept; the number over two runs masked across both
    lines = text.split("\n")
    assert "联系人：张某，电话138****5678" in lines
    assert "身份证号110105********002X（核对）" in lines  # each run got its share of the mask
    assert "姓名\t手机" in lines and "赵某\t139****5678" in lines and "第二页没有个人信息" in lines
    assert "13700001111" not in text  # the speaker notes are gone
    assert not [s for s in after_doc.segments if s.layer == "notes"]
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        names = set(z.namelist())
        assert not [n for n in names if n.startswith("ppt/notesSlides/")]
        assert all("notesSlide" not in z.read(n).decode() for n in names if n.startswith("ppt/slides/_rels/"))
        core = z.read("docProps/core.xml").decode()
        assert "王小明" not in core
        pic = Image.open(io.BytesIO(z.read("ppt/media/image1.png"))).convert("L")
        # the ID number in the picture is blacked out, the name before it is not
        box = pic_id.location["box"]
        inner = pic.crop((int(box[0]) + 2, int(box[1]) + 2, int(box[2]) - 2, int(box[3]) - 2))
        assert inner.getextrema()[1] < 40
        assert pic.crop((20, 30, int(rect[0]) - 40, 56)).getextrema()[1] > 200
        # the second slide and the layouts are copied as they were
        with zipfile.ZipFile(io.BytesIO(data)) as z0:
            assert z.read("ppt/slides/slide2.xml") == z0.read("ppt/slides/slide2.xml")
            assert z.read("ppt/slideLayouts/slideLayout7.xml") == z0.read("ppt/slideLayouts/slideLayout7.xml")
    # the cleaned deck is a deck python-pptx opens, with both slides
    assert len(pptx.Presentation(io.BytesIO(out)).slides) == 2


def test_clean_pptx_removes_comments_and_their_authors():
    prs = pptx.Presentation()
    prs.slides.add_slide(prs.slide_layouts[6]).shapes.add_textbox(0, 0, Inches(4), Inches(1)).text_frame.text = "正文"
    buf = io.BytesIO()
    prs.save(buf)
    # a classic comment as PowerPoint writes it (python-pptx cannot)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    p_ns = "http://schemas.openxmlformats.org/presentationml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(out, "w") as z:
        for n in src.namelist():
            data = src.read(n)
            if n == "ppt/slides/_rels/slide1.xml.rels":
                data = data.replace(b"</Relationships>", f'<Relationship Id="rId99" Type="{rel}/comments" '
                                    'Target="../comments/comment1.xml"/></Relationships>'.encode())
            elif n == "ppt/_rels/presentation.xml.rels":
                data = data.replace(b"</Relationships>", f'<Relationship Id="rId99" Type="{rel}/commentAuthors" '
                                    'Target="commentAuthors.xml"/></Relationships>'.encode())
            elif n == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/ppt/comments/comment1.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.presentationml.comments+xml"/>'
                                    b'<Override PartName="/ppt/commentAuthors.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml"/></Types>')
            z.writestr(n, data)
        z.writestr("ppt/comments/comment1.xml", f'<p:cmLst xmlns:p="{p_ns}"><p:cm authorId="0" idx="1"><p:pos x="0" '
                   'y="0"/><p:text>请核对张伟的手机13812345678</p:text></p:cm></p:cmLst>')
        z.writestr("ppt/commentAuthors.xml", f'<p:cmAuthorLst xmlns:p="{p_ns}"><p:cmAuthor id="0" name="李主任" '
                   'initials="L" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>')
    data = out.getvalue()
    scanner = Scanner()
    doc = extract(data, "a.pptx")
    res = scan_document(scanner, doc)
    assert any(s.layer == "comment" for s in doc.segments) and any(f.type == "mobile_phone" for f in res.findings)
    cleaned = clean_bytes(data, "a.pptx", doc, res)
    with zipfile.ZipFile(io.BytesIO(cleaned)) as z:
        names = set(z.namelist())
        assert "ppt/comments/comment1.xml" not in names and "ppt/commentAuthors.xml" not in names
        assert b"comment" not in z.read("ppt/slides/_rels/slide1.xml.rels").lower()
        assert b"comment" not in z.read("[Content_Types].xml").lower()
    after = extract(cleaned, "a.pptx")
    assert not [s for s in after.segments if s.layer == "comment"] and "正文" in after.text
