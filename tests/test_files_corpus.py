"""A corpus of real files made by real tools (python-docx, openpyxl, python-pptx, reportlab + pypdf,
LibreOffice headless), each with leaks planted in the layers a reviewer does not see; the scanner
must find every one in the right layer, with exact offsets into the result's text. Also the
writers: annotate (one Word comment per finding, checked through LibreOffice) and clean (the
clean copy rescans to nothing above info for the leaks clean removes)."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from scanner import Scanner
from scanner.files import FileError, extract
from scanner.files.output import annotate_bytes, clean_bytes
from scanner.files.scan import scan_document

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")
pptx = pytest.importorskip("pptx")

ID = "11010519491231002X"
SOFFICE = shutil.which("soffice")
needs_lo = pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice (apt-get install libreoffice-writer-nogui "
                                                      "libreoffice-calc-nogui libreoffice-impress-nogui)")


@pytest.fixture(scope="module")
def scanner():
    return Scanner()


def _scan(scanner, data: bytes, name: str):
    doc = extract(data, name)
    res = scan_document(scanner, doc)
    for f in res.findings:
        assert res.text[f.start:f.end] == f.text
    return doc, res


def _where(res) -> dict[str, tuple[str, str]]:
    return {f.text: (f.location["layer"], f.location["label"]) for f in res.findings}


def _convert(paths: list[Path], target: str, outdir: Path) -> None:
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{outdir}/profile",
                    "--convert-to", target, "--outdir", str(outdir), *map(str, paths)],
                   check=True, capture_output=True, timeout=240)


# ----------------------------------------------------------------------------- makers
def make_word() -> bytes:
    from docx.shared import RGBColor

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "内部资料 注意保存"
    d.sections[0].footer.paragraphs[0].text = "承办人联系电话13912345678"
    p = d.add_paragraph("关于2026年度低保对象的公示")
    d.add_comment(p.runs, text="此件不公开", author="王局长", initials="W")
    p2 = d.add_paragraph("经审核，以下对象符合条件。")
    r = p2.add_run(f"身份证号{ID}")
    r.font.hidden = True
    w = p2.add_run("联系电话13812345678")
    w.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "姓名", "联系电话"
    t.cell(1, 0).text, t.cell(1, 1).text = "张伟", "13712345678"
    d.core_properties.author = "王小明"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def make_sheet() -> bytes:
    from openpyxl.comments import Comment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "公示名单"
    ws.append(["2026年度低保对象公示"])
    ws.append(["姓名", "身份证号", "身份证号（完整）", "联系电话"])
    ws.append(["张伟", "110105********002X", ID, "138****5678"])
    ws.column_dimensions["C"].hidden = True
    ws["D3"].comment = Comment("原号码13812345678，此件不公开", "王局长")
    h = wb.create_sheet("原始数据")
    h.sheet_state = "veryHidden"
    h.append(["联系电话"])
    h.append(["13712345678"])
    wb.properties.creator = "王小明"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def make_slides() -> bytes:
    p = pptx.Presentation()
    s1 = p.slides.add_slide(p.slide_layouts[1])
    s1.shapes.title.text = "工作汇报"
    s1.placeholders[1].text = "机密★10年"
    s1.notes_slide.notes_text_frame.text = "联系人手机13812345678"
    s2 = p.slides.add_slide(p.slide_layouts[1])
    s2.shapes.title.text = "名单"
    s2.placeholders[1].text = f"身份证号：{ID}"
    s2._element.set("show", "0")
    buf = io.BytesIO()
    p.save(buf)
    return buf.getvalue()


def make_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("STSong-Light", 12)
    c.setFillGray(0.9)
    c.rect(60, 700, 300, 20, fill=1, stroke=0)  # a table background: not a redaction
    c.setFillGray(0)
    c.drawString(72, 705, "公示名单如下，联系电话13612345678")
    c.drawString(72, 680, f"张伟 身份证号 {ID}")
    c.rect(150, 675, 200, 18, fill=1, stroke=0)  # the black box drawn over the ID number
    c.textAnnotation("此件不公开", Rect=(72, 600, 200, 620), relative=0)
    c.setAuthor("王小明")
    c.showPage()
    c.drawString(72, 700, "第二页")
    c.showPage()
    c.save()
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    w.add_attachment("roster.csv", f"姓名,身份证号\n王芳,{ID}\n".encode("utf-8"))
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


# ----------------------------------------------------------------------------- every layer found
def test_word_layers(scanner):
    _, res = _scan(scanner, make_word(), "公示.docx")
    w = _where(res)
    assert w["内部资料"] == ("header", "页眉")
    assert w["13912345678"] == ("footer", "页脚")
    assert w["此件不公开"] == ("comment", "批注（王局长）")
    assert w[ID] == ("hidden", "隐藏文字")
    assert w["13812345678"] == ("hidden", "白色文字")
    assert w["13712345678"][0] == "body" and w["张伟"][0] == "body"
    assert w["王小明"] == ("metadata", "文件属性·作者")
    assert res.verdict == "block"


def test_word_tracked_changes(scanner, tmp_path):
    body = (f'<w:p><w:r><w:t>名单如下：</w:t></w:r><w:del w:id="1" w:author="张三"><w:r><w:delText>{ID}</w:delText>'
            '</w:r></w:del><w:ins w:id="2" w:author="李四"><w:r><w:t>联系电话13812345678</w:t></w:r></w:ins></w:p>')
    base = make_word()
    zin = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", f'<w:body>{body}'.encode())
            z.writestr(info, data)
    _, res = _scan(scanner, out.getvalue(), "修订.docx")
    places = {(f.text, f.location["layer"], f.location["label"]) for f in res.findings}
    assert (ID, "tracked_change", "修订删除（张三）") in places
    tracked = [f for f in res.findings if f.text == "13812345678" and f.location["layer"] == "tracked_change"]
    assert tracked and tracked[0].location["label"] == "修订插入（李四）"


def test_sheet_layers_and_header_context(scanner):
    _, res = _scan(scanner, make_sheet(), "名单.xlsx")
    by = {(f.text, f.location["layer"]): f for f in res.findings}
    hid = by[(ID, "hidden")]
    assert hid.location["label"].startswith("隐藏列 C") and hid.location["cell"] == "C3" and hid.severity == "block"
    assert by[("13712345678", "hidden")].location["label"].startswith("隐藏工作表「原始数据」")
    comment = [f for f in res.findings if f.location["layer"] == "comment"]
    assert {f.text for f in comment} >= {"13812345678", "此件不公开"}
    assert comment[0].location["label"].startswith("批注（王局长）")
    assert by[("张伟", "body")].location["cell"] == "A3"          # found through its column header 姓名
    assert not any(f.text == "110105********002X" and f.severity != "info" for f in res.findings)  # masked


def test_csv_in_gb18030_with_header_context(scanner):
    data = f"姓名,身份证号,联系电话\n张伟,{ID},13812345678\n王芳,110105********0021,139****5678\n".encode("gb18030")
    _, res = _scan(scanner, data, "名单.csv")
    cells = {f.text: f.location["cell"] for f in res.findings}
    assert cells == {"张伟": "A2", ID: "B2", "13812345678": "C2", "王芳": "A3"}


def test_slides_layers(scanner):
    _, res = _scan(scanner, make_slides(), "汇报.pptx")
    w = _where(res)
    assert w["机密★10年"] == ("body", "幻灯片 1")
    assert w["13812345678"] == ("notes", "幻灯片 1 备注")
    assert w[ID] == ("hidden", "隐藏幻灯片 2")


def test_pdf_layers_and_redaction_that_does_not_redact(scanner):
    _, res = _scan(scanner, make_pdf(), "公示.pdf")
    by = {(f.text, f.location["layer"]): f for f in res.findings}
    red = by[(ID, "redaction")]
    assert red.type == "unredacted_text" and red.severity == "block" and red.location["page"] == 1
    x0, y0, x1, y1 = red.location["box"]
    # the box is the hidden text's own rectangle (18 digits at 12 pt from x = 150), inside the black box
    assert 140 <= x0 <= 155 and 245 <= x1 <= 350 and 675 <= y0 <= 680 <= y1 <= 693
    assert ("13612345678", "body") in by                                 # the grey background hides nothing
    assert not any(f.location["layer"] == "redaction" and "13612345678" in f.text for f in res.findings)
    assert by[("此件不公开", "comment")].location["label"].startswith("第 1 页批注")
    att = [f for f in res.findings if f.location["layer"] == "embedded"]
    assert {f.text for f in att} >= {ID} and att[0].location["part"].startswith("attachment roster.csv!")
    assert ("王小明", "metadata") in by
    assert ID not in res.text.split("\n")[1]                             # the page text reads blanks there


def test_zip_of_attachments(scanner):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("附件1 名单.xlsx", make_sheet())
        z.writestr("附件2 通知.docx", make_word())
    _, res = _scan(scanner, buf.getvalue(), "附件.zip")
    parts = {f.location["part"].split("!", 1)[0] for f in res.findings}
    assert parts == {"附件1 名单.xlsx", "附件2 通知.docx"}
    assert any(f.location["layer"] == "hidden" and f.text == ID for f in res.findings)


@needs_lo
def test_odf_and_legacy_formats_made_by_libreoffice(scanner, tmp_path):
    (tmp_path / "notice.docx").write_bytes(make_word())
    (tmp_path / "roster.xlsx").write_bytes(make_sheet())
    (tmp_path / "deck.pptx").write_bytes(make_slides())
    _convert([tmp_path / "notice.docx"], "odt", tmp_path)
    _convert([tmp_path / "roster.xlsx"], "ods", tmp_path)
    _convert([tmp_path / "deck.pptx"], "odp", tmp_path)
    _convert([tmp_path / "notice.docx"], "doc", tmp_path)
    _convert([tmp_path / "roster.xlsx"], "xls", tmp_path)
    odt = _where(_scan(scanner, (tmp_path / "notice.odt").read_bytes(), "notice.odt")[1])
    assert odt["内部资料"][0] == "header" and odt["此件不公开"][0] == "comment" and odt[ID][0] == "hidden"
    ods = _scan(scanner, (tmp_path / "roster.ods").read_bytes(), "roster.ods")[1]
    assert any(f.text == ID and f.location["layer"] == "hidden" for f in ods.findings)
    odp = _where(_scan(scanner, (tmp_path / "deck.odp").read_bytes(), "deck.odp")[1])
    assert odp["13812345678"][0] == "notes" and odp["机密★10年"][0] == "body"
    doc = _where(_scan(scanner, (tmp_path / "notice.doc").read_bytes(), "notice.doc")[1])
    assert doc["内部资料"][0] == "header" and doc["此件不公开"][0] == "comment"
    xls = _scan(scanner, (tmp_path / "roster.xls").read_bytes(), "roster.xls")[1]
    assert any(f.text == ID and f.location["layer"] == "hidden" for f in xls.findings)


def test_legacy_without_libreoffice_names_the_packages(monkeypatch):
    monkeypatch.setenv("GOVSCAN_SOFFICE", "")
    with pytest.raises(FileError) as e:
        extract(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.doc")
    assert e.value.code == "needs_libreoffice" and "libreoffice-writer-nogui" in str(e.value)


def test_encrypted_office_and_pdf_files(tmp_path):
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile
    from pypdf import PdfReader, PdfWriter

    enc = io.BytesIO()
    OOXMLFile(io.BytesIO(make_word())).encrypt("secret", enc)
    with pytest.raises(FileError) as e:
        extract(enc.getvalue(), "加密.docx")
    assert e.value.code == "encrypted"
    w = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    w.encrypt("secret")
    out = io.BytesIO()
    w.write(out)
    with pytest.raises(FileError) as e:
        extract(out.getvalue(), "加密.pdf")
    assert e.value.code == "encrypted"
    assert msoffcrypto


def test_truncated_files_are_errors_not_crashes():
    for data, name in ((make_word()[:3000], "a.docx"), (make_sheet()[:2000], "a.xlsx"), (make_pdf()[:1500], "a.pdf"),
                       (make_slides()[:4000], "a.pptx")):
        with pytest.raises(FileError):
            extract(data, name)


# ----------------------------------------------------------------------------- files out
@needs_lo
def test_annotated_word_opens_in_libreoffice_with_one_comment_per_finding(scanner, tmp_path):
    data = make_word()
    doc, res = _scan(scanner, data, "公示.docx")
    out = annotate_bytes(data, "公示.docx", doc, res)
    (tmp_path / "annotated.docx").write_bytes(out)
    _convert([tmp_path / "annotated.docx"], "odt", tmp_path)
    content = zipfile.ZipFile(tmp_path / "annotated.odt").read("content.xml")
    assert content.count(b"<office:annotation ") + content.count(b"<office:annotation>") == len(res.findings) + 1
    assert content.count("govscan".encode()) >= len(res.findings)


def test_annotated_sheet_has_a_comment_on_each_finding_cell(scanner):
    data = make_sheet()
    doc, res = _scan(scanner, data, "名单.xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(annotate_bytes(data, "名单.xlsx", doc, res)))
    assert "govscan" in wb["公示名单"]["C3"].comment.author
    assert "身份证" in wb["公示名单"]["C3"].comment.text


@pytest.mark.parametrize("maker,name", [(make_word, "公示.docx"), (make_sheet, "名单.xlsx")])
def test_clean_copy_rescans_to_nothing_above_info_for_what_clean_removes(scanner, maker, name):
    data = maker()
    doc, res = _scan(scanner, data, name)
    cleaned = clean_bytes(data, name, doc, res)
    _, after = _scan(scanner, cleaned, name)
    left = [(f.text, f.type, f.location["layer"]) for f in after.findings if f.severity != "info"]
    # what clean does not change: a state-secret marker printed in the header stays, reported
    assert all(t == "internal_marker" and layer == "header" for _, t, layer in left), left
    assert not any(layer in ("hidden", "comment", "tracked_change", "metadata") for _, _, layer in
                   ((f.text, f.type, f.location["layer"]) for f in after.findings))
    assert "关于2026年度低保对象的公示" in after.text or "公示名单" in after.text  # the body is kept


def test_writers_refuse_formats_they_do_not_write(scanner):
    data = b"<p>x</p>"
    doc, res = _scan(scanner, data, "a.html")
    with pytest.raises(FileError) as e:
        annotate_bytes(data, "a.html", doc, res)
    assert e.value.code == "unsupported" and ".docx" in str(e.value)


def test_cli_scan_annotate_clean(tmp_path):
    import sys

    exe = Path(sys.executable).with_name("scanner")
    src = tmp_path / "公示.docx"
    src.write_bytes(make_word())
    p = subprocess.run([str(exe), "scan", str(src), "--format", "json"], capture_output=True, timeout=120)
    assert p.returncode == 1, p.stderr
    import orjson

    d = orjson.loads(p.stdout)
    assert all(d["text"][f["start"]:f["end"]] == f["text"] and "location" in f for f in d["findings"])
    p = subprocess.run([str(exe), "clean", str(src), "--out", str(tmp_path / "c.docx")], capture_output=True, timeout=120)
    assert p.returncode == 1 and "仍需处理" in p.stderr.decode()  # the header's 内部资料 stays: block
    p = subprocess.run([str(exe), "scan", str(tmp_path / "missing.docx")], capture_output=True, timeout=60)
    assert p.returncode == 2
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04broken")
    p = subprocess.run([str(exe), "scan", str(tmp_path / "bad.docx")], capture_output=True, timeout=60)
    assert p.returncode == 2 and b"corrupt" in p.stderr
    assert os.path.exists(tmp_path / "c.docx")
