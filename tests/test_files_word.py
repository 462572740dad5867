"""Word (.docx): every layer extracted and located, bad files refused with a code, annotate writes real
Word comments at exactly the findings' text, clean leaves nothing above info of the planted leaks.

The files are built with python-docx (body, table, header, footer, comment, properties) plus the
XML python-docx cannot write (tracked changes, hidden and white runs, a text box with its VML
fallback, footnotes, an attached template), patched into the package the way Word stores them.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import time
import zipfile

import pytest
from lxml import etree

from scanner.files import FileError, extract
from scanner.files.limits import Context, Limits
from scanner.files.scan import scan_document

ID = "11010519491231002X"
MOBILE = "13812345678"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
NSDECL = (f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')


@pytest.fixture(scope="module")
def scanner():
    from scanner import Scanner

    return Scanner()


def _xml(fragment: str):
    """One element from a fragment written with the w:/mc:/wps:/v: prefixes."""
    wrapped = etree.fromstring(f"<root {NSDECL}>{fragment}</root>")
    return wrapped[0]


TEXTBOX = f"""<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0"
 distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
 <wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
 <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="2000000" cy="500000"/>
 <wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="10" name="文本框 1"/><wp:cNvGraphicFramePr/>
 <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>
 <wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" cy="500000"/></a:xfrm>
 <a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框：机密★10年</w:t></w:r></w:p>
 </w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
 <mc:Fallback><w:pict><v:shape style="width:150pt;height:40pt"><v:textbox><w:txbxContent><w:p><w:r>
 <w:t>文本框：机密★10年</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
 </mc:AlternateContent></w:r>"""

FOOTNOTES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {NSDECL}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">注：举报人手机 13700001234</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def _patch(data: bytes, replace: dict[str, bytes], add: dict[str, bytes], level: int | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for info in src.infolist():
            z.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for k, v in add.items():
            z.writestr(k, v)
    return out.getvalue()


def make_docx() -> bytes:
    """A notice with a leak planted in every layer Word has."""
    import docx

    d = docx.Document()
    d.core_properties.author = "张晓明"
    d.core_properties.last_modified_by = "李娜"
    d.core_properties.title = "关于做好年度工作的通知"
    d.add_paragraph("关于做好年度工作的通知")
    p = d.add_paragraph("联系人：王芳，联系电话 ")
    p.add_run(MOBILE)
    p.add_run("，请各单位及时报送。")
    d.add_paragraph("本通知内容属内部资料，请妥善保管。")
    t = d.add_table(rows=2, cols=3)
    for c, v in zip(t.rows[0].cells, ("姓名", "身份证号", "备注")):
        c.text = v
    for c, v in zip(t.rows[1].cells, ("张伟", ID, "无")):
        c.text = v
    split = d.add_paragraph()
    split.add_run("举报")
    split.add_run("电话13987654321请保密").bold = True  # the finding is in the middle of a bold run
    across = d.add_paragraph("申请人身份证号码：")
    across.add_run(ID[:6])
    across.add_run(ID[6:]).italic = True  # one ID number in two w:t
    across.add_run("。")
    commented = d.add_paragraph("请各单位认真落实。")
    d.add_comment(commented.runs, text=f"核对：申请人身份证 {ID}", author="王局长", initials="WJ")
    # tracked changes: an inserted mobile number, a deleted ID number
    tracked = d.add_paragraph("经核实，当事人")
    tracked._p.append(_xml(f'<w:ins w:id="101" w:author="张三" w:date="2024-01-01T00:00:00Z"><w:r>'
                           f'<w:t xml:space="preserve">电话 13912345678，</w:t></w:r></w:ins>'))
    tracked._p.append(_xml(f'<w:del w:id="102" w:author="李四" w:date="2024-01-01T00:00:00Z"><w:r>'
                           f'<w:delText xml:space="preserve">身份证号 {ID}，</w:delText></w:r></w:del>'))
    tracked._p.append(_xml('<w:r><w:t>已处理完毕。</w:t></w:r>'))
    # hidden and white runs inside a visible sentence
    hidden = d.add_paragraph("办理结果已公示")
    hidden._p.append(_xml(f'<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve">（此件不公开）</w:t></w:r>'))
    hidden._p.append(_xml('<w:r><w:t>。</w:t></w:r>'))
    white = d.add_paragraph("附件材料齐全")
    white._p.append(_xml(f'<w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t xml:space="preserve">'
                         f'申请人手机 13600001111</w:t></w:r>'))
    box = d.add_paragraph("见右侧说明")
    box._p.append(_xml(TEXTBOX))
    d.add_paragraph("特此通知。")
    sec = d.sections[0]
    sec.different_first_page_header_footer = True
    sec.first_page_header.paragraphs[0].text = "某某县人民政府办公室"
    sec.header.paragraphs[0].text = "内部资料 注意保存"
    sec.footer.paragraphs[0].text = "第一页 联系人手机 13511112222"
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    z = zipfile.ZipFile(io.BytesIO(data))
    doc_xml = z.read("word/document.xml")
    # a footnote reference in the last paragraph, the footnotes part, its relationship and content type
    doc_xml = doc_xml.replace("特此通知。</w:t></w:r>".encode(),
                              "特此通知。</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r>".encode())
    rels = z.read("word/_rels/document.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'footnotes" Target="footnotes.xml"/></Relationships>')
    ct = z.read("[Content_Types].xml").replace(
        b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.wordprocessingml.footnotes+xml"/></Types>')
    settings = z.read("word/settings.xml")
    settings = settings.replace(b"<w:defaultTabStop", b'<w:attachedTemplate r:id="rIdTpl"/><w:defaultTabStop', 1)
    if b'xmlns:r=' not in settings[:2000]:
        settings = settings.replace(b"<w:settings ", b'<w:settings xmlns:r="http://schemas.openxmlformats.org/'
                                                     b'officeDocument/2006/relationships" ', 1)
    settings_rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
                     b'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdTpl" Type="http://schemas.'
                     b'openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="file:///C:\\'
                     b'Users\\zhangxm\\AppData\\Roaming\\Microsoft\\Templates\\Normal.dotm" TargetMode="External"/>'
                     b'</Relationships>')
    app = z.read("docProps/app.xml").replace(b"<DocSecurity>", "<Company>某某县公安局</Company><DocSecurity>".encode())
    return _patch(data, {"word/document.xml": doc_xml, "word/_rels/document.xml.rels": rels,
                         "[Content_Types].xml": ct, "word/settings.xml": settings, "docProps/app.xml": app},
                  {"word/footnotes.xml": FOOTNOTES.encode(), "word/_rels/settings.xml.rels": settings_rels})


@pytest.fixture(scope="module")
def planted():
    return make_docx()


@pytest.fixture(scope="module")
def scanned(planted, scanner):
    doc = extract(planted, "通知.docx")
    return doc, scan_document(scanner, doc)


def _exact(result) -> None:
    for f in result.findings:
        assert result.text[f.start:f.end] == f.text, f


def _where(result, type_: str, text: str | None = None) -> list[dict]:
    return [f.location for f in result.findings if f.type == type_ and (text is None or f.text == text)]


# ------------------------------------------------------------------------------------ layers
def test_every_layer_is_found_and_located(scanned):
    doc, result = scanned
    _exact(result)
    assert doc.kind == "docx"
    found = {(f.type, f.text, f.location["layer"], f.location["part"], f.location["label"]) for f in result.findings}
    expected = {
        ("internal_marker", "内部资料", "header", "word/header2.xml", "页眉"),
        ("mobile_phone", MOBILE, "body", "word/document.xml", "正文"),
        ("internal_marker", "内部资料", "body", "word/document.xml", "正文"),
        ("id_card", ID, "body", "word/document.xml", "表格 1 第 2 行第 2 列"),
        ("mobile_phone", "13987654321", "body", "word/document.xml", "正文"),
        ("id_card", ID, "body", "word/document.xml", "正文"),  # one number in two runs
        ("mobile_phone", "13912345678", "tracked_change", "word/document.xml", "修订插入（张三）"),
        ("id_card", ID, "tracked_change", "word/document.xml", "修订删除（李四）"),
        ("internal_marker", "此件不公开", "hidden", "word/document.xml", "隐藏文字"),
        ("mobile_phone", "13600001111", "hidden", "word/document.xml", "白色文字"),
        ("classification_mark", "机密★10年", "body", "word/document.xml", "文本框"),
        ("mobile_phone", "13511112222", "footer", "word/footer1.xml", "页脚"),
        ("mobile_phone", "13700001234", "footnote", "word/footnotes.xml", "脚注"),
        ("id_card", ID, "comment", "word/comments.xml", "批注（王局长）"),
        ("file_metadata", "zhangxm", "metadata", "word/settings.xml", "文件属性·模板"),
        ("file_metadata", "张晓明", "metadata", "docProps/core.xml", "文件属性·作者"),
        ("file_metadata", "李娜", "metadata", "docProps/core.xml", "文件属性·最后修改者"),
    }
    assert expected <= found, expected - found
    for loc in (f.location for f in result.findings):
        assert loc["page"] is None and loc["sheet"] is None and loc["box"] is None
    # a finding in a hidden layer is never weaker than the same in the body
    assert {f.severity for f in result.findings if f.type == "id_card"} == {"block"}


def test_reading_order_rows_revisions_and_text_boxes(scanned):
    doc, _ = scanned
    text = doc.text
    assert "\n张伟\t11010519491231002X\t无\n" in text  # a row reads left to right
    # the inserted words stay in their sentence; the deleted words are not glued into it
    assert "\n经核实，当事人电话 13912345678，已处理完毕。\n身份证号 11010519491231002X，\n" in text
    assert "\n办理结果已公示。\n（此件不公开）\n" in text
    assert text.count("文本框：机密★10年") == 1  # the VML fallback copy is not read twice
    assert text.index("某某县人民政府办公室") < text.index("关于做好年度工作的通知")
    segs = {doc.text[s.start:s.end]: s for s in doc.segments}
    assert segs[ID].context == "身份证号" and segs["张伟"].context == "姓名"
    assert segs["姓名"].context is None  # the header row itself is wording
    assert segs["核对：申请人身份证 11010519491231002X"].context == "王局长"
    assert segs["某某县人民政府办公室"].label == "首页页眉"
    assert doc.metadata["company"] == "某某县公安局" and doc.metadata["creator"] == "张晓明"
    assert doc.title == "关于做好年度工作的通知"
    for s in doc.segments:  # every segment the writers need to find again has a ref
        if s.layer != "metadata":
            assert s.ref is not None and s.ref[0] == s.part


def _simple(paragraphs_xml: list[str], styles_patch: bytes | None = None) -> bytes:
    import docx

    d = docx.Document()
    for frag in paragraphs_xml:
        p = d.add_paragraph()
        for el in _xml(f"<w:p>{frag}</w:p>"):
            p._p.append(el)
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    if styles_patch:
        styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").replace(b"</w:styles>",
                                                                                   styles_patch + b"</w:styles>")
        data = _patch(data, {"word/styles.xml": styles}, {})
    return data


def test_hidden_by_style_white_on_shading_and_vanish_off():
    style = (b'<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/><w:rPr><w:vanish/></w:rPr>'
             b'</w:style><w:style w:type="character" w:styleId="Secret2"><w:name w:val="Secret2"/>'
             b'<w:basedOn w:val="Secret"/></w:style>')
    data = _simple([
        '<w:r><w:t>甲</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Secret2"/></w:rPr><w:t>样式隐藏</w:t></w:r>',
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>明示不隐藏</w:t></w:r>',
        '<w:r><w:rPr><w:color w:val="FFFFFF"/><w:highlight w:val="black"/></w:rPr><w:t>黑底白字</w:t></w:r>',
        '<w:pPr><w:shd w:val="clear" w:color="auto" w:fill="1F3864"/></w:pPr>'
        '<w:r><w:rPr><w:color w:val="FFFFFF"/></w:rPr><w:t>深色底纹白字</w:t></w:r>',
        '<w:r><w:rPr><w:color w:val="FFFFFF" w:themeColor="background1"/></w:rPr><w:t>主题白字</w:t></w:r>',
    ], style)
    doc = extract(data, "s.docx")
    layer = {doc.text[s.start:s.end]: (s.layer, s.label) for s in doc.segments}
    assert layer["样式隐藏"] == ("hidden", "隐藏文字")
    assert layer["甲"] == ("body", "正文")
    assert layer["明示不隐藏"][0] == "body"
    assert layer["黑底白字"][0] == "body" and layer["深色底纹白字"][0] == "body"
    assert layer["主题白字"] == ("hidden", "白色文字")


def test_embedded_workbook_and_macros(scanner):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "身份证号"])
    wb.active.append(["李雷", ID])
    xbuf = io.BytesIO()
    wb.save(xbuf)
    data = _simple(['<w:r><w:t>见附表</w:t></w:r>'])
    data = _patch(data, {}, {"word/embeddings/Microsoft_Excel_Worksheet1.xlsx": xbuf.getvalue(),
                             "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 not really a macro"})
    doc = extract(data, "m.docm")
    result = scan_document(scanner, doc)
    _exact(result)
    locs = _where(result, "id_card", ID)
    assert locs and locs[0]["layer"] == "embedded"
    assert locs[0]["part"].startswith("word/embeddings/Microsoft_Excel_Worksheet1.xlsx!")
    assert any(p.name == "word/vbaProject.bin" and p.status.startswith("skipped") for p in doc.parts)
    assert any("VBA" in w for w in doc.warnings)


# ------------------------------------------------------------------------------------ bad files
def test_encrypted_docx_is_refused(planted):
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(planted)).encrypt("secret", out)
    with pytest.raises(FileError) as e:
        extract(out.getvalue(), "加密.docx")
    assert e.value.code == "encrypted"


def test_truncated_and_corrupt_docx_are_refused(planted):
    with pytest.raises(FileError) as e:
        extract(planted[: len(planted) // 2], "t.docx")
    assert e.value.code == "corrupt"
    broken = _patch(planted, {"word/document.xml": b"<w:document xmlns:w='x'><w:body><w:p>"}, {})
    with pytest.raises(FileError) as e:
        extract(broken, "b.docx")
    assert e.value.code == "corrupt" and "document.xml" in str(e.value)


def test_missing_main_part_is_corrupt(planted):
    """No word/document.xml: the Word entry point refuses it (sniff alone would call it a plain zip)."""
    from scanner.files.document import Builder
    from scanner.files.limits import SafeZip
    from scanner.files.word import extract_docx

    src = zipfile.ZipFile(io.BytesIO(planted))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for n in src.namelist():
            if n != "word/document.xml":
                z.writestr(n, src.read(n))
    ctx = Context(Limits(), lambda *a: False)
    with pytest.raises(FileError) as e:
        extract_docx(SafeZip(out.getvalue(), "m.docx", ctx), "m.docx", Builder(), ctx)
    assert e.value.code == "corrupt" and "word/document.xml" in str(e.value)


def test_xml_bomb_is_refused(planted):
    bomb = (b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p>'
            b'</w:body></w:document>')
    with pytest.raises(FileError) as e:
        extract(_patch(planted, {"word/document.xml": bomb}, {}), "bomb.docx")
    assert e.value.code == "xml_bomb"


def test_zip_bomb_is_refused_fast(planted, tmp_path):
    body = b"<w:p><w:r><w:t>" + "政".encode() * (20 * 1024 * 1024) + b"</w:t></w:r></w:p>"
    bomb_xml = (b'<?xml version="1.0"?><w:document xmlns:w="' + W_NS.encode() + b'"><w:body>' + body
                + b"</w:body></w:document>")
    data = _patch(planted, {"word/document.xml": bomb_xml}, {"word/media/image9.png": os.urandom(70_000)}, level=9)
    assert len(bomb_xml) > 60_000_000 and len(data) < 250_000, len(data)
    t = time.perf_counter()
    with pytest.raises(FileError) as e:
        extract(data, "bomb.docx")
    assert e.value.code == "zip_bomb"
    assert time.perf_counter() - t < 0.5


# ------------------------------------------------------------------------------------ annotate
def _covered(document_xml: bytes) -> dict[str, str]:
    """comment id -> the text between its commentRangeStart and commentRangeEnd."""
    root = etree.fromstring(document_xml)
    open_: set[str] = set()
    out: dict[str, str] = {}
    for el in root.iter():
        if el.tag == W + "commentRangeStart":
            open_.add(el.get(W + "id"))
            out.setdefault(el.get(W + "id"), "")
        elif el.tag == W + "commentRangeEnd":
            open_.discard(el.get(W + "id"))
        elif el.tag in (W + "t", W + "delText") and el.text:
            for i in open_:
                out[i] += el.text
    return out


def _soffice_odt(path, tmp_path):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) not installed")
    out = tmp_path / "odt"
    subprocess.run([exe, f"-env:UserInstallation=file:///tmp/lo-test-word-{os.getpid()}", "--headless",
                    "--convert-to", "odt", "--outdir", str(out), str(path)], check=True, capture_output=True,
                   timeout=180)
    odt = out / (path.stem + ".odt")
    assert odt.exists(), "LibreOffice did not convert the annotated file"
    return zipfile.ZipFile(odt).read("content.xml")


def test_annotate_puts_a_comment_on_exactly_each_finding(planted, scanned, tmp_path):
    import docx

    from scanner.files.writers.word import annotate_docx

    doc, result = scanned
    out = annotate_docx(planted, "通知.docx", doc, result)
    z = zipfile.ZipFile(io.BytesIO(out))
    comments = etree.fromstring(z.read("word/comments.xml"))
    ours = [c for c in comments.iter(W + "comment") if c.get(W + "author") == "govscan"]
    assert len(ours) == len(result.findings)
    assert len(list(comments.iter(W + "comment"))) == len(ours) + 1  # the reviewer's own comment kept
    covered = _covered(z.read("word/document.xml"))
    doc_root = etree.fromstring(z.read("word/document.xml"))
    refs = {el.get(W + "id") for el in doc_root.iter(W + "commentReference")}
    for c, f in zip(ours, result.findings):
        cid = c.get(W + "id")
        body = "".join(c.itertext())
        assert cid in refs
        assert body.startswith("【") and f.message in body and "｜依据：" in body
        layer, label = f.location["layer"], f.location["label"]
        seg = doc.segment_at(f.start)
        if layer == "body" and label != "文本框" or label.startswith("修订插入"):
            assert covered[cid] == f.text, (f, covered[cid])
        elif f.location["part"] == "word/document.xml" and label != "文本框":  # deleted / hidden / white run
            assert covered[cid] == doc.text[seg.start:seg.end] and f.text in covered[cid]
            assert f"（位于{label}）" in body
        else:  # outside the body: at the start of a paragraph, saying where
            assert covered[cid] == ""
            assert f"（位于{label}）「{f.text}」" in body
    # the run split keeps its formatting; every paragraph reads as before
    reopened = docx.Document(io.BytesIO(out))
    split = next(p for p in reopened.paragraphs if "13987654321" in p.text)
    assert split.text == "举报电话13987654321请保密"
    assert [r.text for r in split.runs if r.bold] == ["电话", "13987654321", "请保密"]
    original = [p.text for p in docx.Document(io.BytesIO(planted)).paragraphs]
    assert [p.text for p in reopened.paragraphs] == original
    # LibreOffice reads one annotation per finding plus the original comment
    path = tmp_path / "审查批注.docx"
    path.write_bytes(out)
    content = _soffice_odt(path, tmp_path)
    croot = etree.fromstring(content)
    office = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
    assert len(list(croot.iter(office + "annotation"))) == len(result.findings) + 1


# ------------------------------------------------------------------------------------ clean
def _inline_paragraphs(doc, text: str) -> list[str]:
    """The visible text of each body paragraph of word/document.xml (insertions included)."""
    paras: dict[int, str] = {}
    for s in doc.segments:
        if s.part == "word/document.xml" and (s.layer == "body" or (s.label or "").startswith("修订插入")):
            paras[s.ref[1]] = paras.get(s.ref[1], "") + text[s.start:s.end]
    return [paras[k] for k in sorted(paras)]


def test_clean_removes_every_hidden_layer_and_masks_in_place(planted, scanned, scanner):
    from scanner.files.writers.word import clean_docx

    doc, result = scanned
    out = clean_docx(planted, "通知.docx", doc, result)
    z = zipfile.ZipFile(io.BytesIO(out))
    names = z.namelist()
    assert "word/comments.xml" not in names
    document = z.read("word/document.xml")
    for tag in (b"<w:ins ", b"<w:del ", b"w:delText", b"w:commentRangeStart", b"w:commentReference", b"w:vanish"):
        assert tag not in document, tag
    assert b"comments" not in z.read("word/_rels/document.xml.rels")
    assert b"comments" not in z.read("[Content_Types].xml")
    assert b"attachedTemplate" not in z.read("word/settings.xml")
    assert b"attachedTemplate" not in z.read("word/_rels/settings.xml.rels")
    assert "张晓明".encode() not in z.read("docProps/core.xml") and "李娜".encode() not in z.read("docProps/core.xml")
    assert "某某县公安局".encode() not in z.read("docProps/app.xml")

    cleaned = extract(out, "通知.已清理.docx")
    after = scan_document(scanner, cleaned)
    _exact(after)
    above = [f for f in after.findings if f.severity != "info"]
    assert not [f for f in above if f.category == "personal_data"], above
    assert not [f for f in above if f.location["layer"] in ("comment", "tracked_change", "hidden", "metadata")]
    # what stays is what clean does not change: the markers in the body and the header, reported
    assert {f.text for f in above} <= {"内部资料", "注意保存", "机密★10年"}
    assert not [s for s in cleaned.segments if s.layer in ("comment", "tracked_change", "hidden")]
    # the visible body reads as before, insertions accepted, personal data masked
    masked = list(doc.text)
    for f in result.findings:
        if f.category == "personal_data" and f.suggestion and f.location["part"] == "word/document.xml" \
                and f.location["layer"] in ("body", "tracked_change"):
            assert len(f.suggestion) == f.end - f.start
            masked[f.start:f.end] = f.suggestion
    masked_text = "".join(masked)
    assert _inline_paragraphs(cleaned, cleaned.text) == _inline_paragraphs(doc, masked_text)
    assert "申请人身份证号码：110105********002X。" in cleaned.text  # masked across two runs
    assert "第一页 联系人手机 135****2222" in cleaned.text and "注：举报人手机 137****1234" in cleaned.text
    import docx

    italic = [r.text for p in docx.Document(io.BytesIO(out)).paragraphs for r in p.runs if r.italic]
    assert italic == ["********002X"]  # each run kept its formatting and got its share of the mask


# ----------------------------------------------------------------- a long document (speed: bench_files.py)
def test_a_hundred_page_document_is_read_whole(scanner):
    rows = "".join(f'<w:p><w:r><w:t>第{i}段：为深入贯彻落实决策部署，进一步优化营商环境，</w:t></w:r>'
                   f'<w:r><w:rPr><w:b/></w:rPr><w:t>提升政务服务水平，现就有关事项通知如下。</w:t></w:r></w:p>'
                   for i in range(3000))
    base = _simple(['<w:r><w:t>x</w:t></w:r>'])
    xml = zipfile.ZipFile(io.BytesIO(base)).read("word/document.xml").decode()
    head, tail = xml.split("<w:body>", 1)
    data = _patch(base, {"word/document.xml": (head + "<w:body>" + rows + tail).encode()}, {})
    doc = extract(data, "big.docx")
    result = scan_document(scanner, doc)
    assert len([s for s in doc.segments if s.layer == "body"]) == 3001
    assert result.text.count("\n") >= 3000
    assert result.text.count("提升政务服务水平") == 3000 and result.verdict == "pass"
