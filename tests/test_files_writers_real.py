"""The Word/Excel extractor and writers on files made by real tools, not hand-written XML.

- LibreOffice writes Word files from flat ODF (.fodt): tracked insertions and deletions, a comment,
  hidden and white text, header, footer, footnote, endnote, a table, a text frame, a ``tel:`` link,
  hidden paragraph and character styles — converted with ``soffice --convert-to docx``;
- python-docx writes numbers split across runs with different formatting (in the body, a table
  cell, a hyperlink, next to a PAGE field, the header) and the edge cases: an empty document, a
  header-only document, a finding over two paragraphs and over two cells, the same number twice in
  one run, a 10,000-character paragraph;
- openpyxl writes workbooks with merged cells, formulas, several sheets, hidden rows, columns and
  sheets, comments, print headers; LibreOffice round-trips some (so formulas carry their values, and
  a merged cell may cover text, as LibreOffice keeps it).

For each: every planted item is found in its layer; the annotated copy has one comment per finding
anchored on exactly its text (checked in the XML and through LibreOffice) and converts to PDF; the
cleaned copy rescans to nothing above info for what clean removes, reads as before except the masks,
and converts to PDF. Behaviour that is wrong stays asserted, marked xfail with its cause.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from scanner.files import extract
from scanner.files.scan import scan_document

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="needs LibreOffice (soffice)")

ID = "11010519491231002X"
ID2 = "110105198001010016"  # valid check digit
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFF = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
EXE = Path(sys.executable).with_name("scanner")
REMOVED_LAYERS = ("comment", "tracked_change", "hidden", "metadata")


# ----------------------------------------------------------------------------- LibreOffice
class LO:
    def __init__(self, root: Path):
        self.root = root
        self.profile = root / "profile"

    def convert(self, paths: list[Path], target: str, outdir: Path, infilter: str | None = None) -> None:
        outdir.mkdir(parents=True, exist_ok=True)
        cmd = [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{self.profile}"]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", target, "--outdir", str(outdir), *map(str, paths)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=240)


@pytest.fixture(scope="module")
def lo(tmp_path_factory):
    return LO(tmp_path_factory.mktemp(f"lo_{os.getpid()}"))


def _scan(scanner, data: bytes, name: str):
    doc = extract(data, name)
    res = scan_document(scanner, doc)
    for f in res.findings:
        assert res.text[f.start:f.end] == f.text
    return doc, res


def _has(res, text: str, layer: str, label: str | None = None) -> bool:
    return any(f.text == text and f.location["layer"] == layer
               and (label is None or (f.location["label"] or "").startswith(label)) for f in res.findings)


# ----------------------------------------------------------------------------- documents: LibreOffice
FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">"""

NOTICE = FODT_HEAD + f"""
 <office:meta><dc:creator>张晓明</dc:creator><meta:initial-creator>张晓明</meta:initial-creator></office:meta>
 <office:automatic-styles>
  <style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style>
  <style:style style:name="T2" style:family="text"><style:text-properties fo:color="#ffffff"/></style:style>
  <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"/>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p>内部资料 值班手机 13511112222</text:p></style:header>
   <style:footer><text:p>举报电话 13600001111</text:p></style:footer>
 </style:master-page></office:master-styles>
 <office:body><office:text>
  <text:tracked-changes text:track-changes="true">
   <text:changed-region text:id="ct1"><text:insertion><office:change-info><dc:creator>张三</dc:creator>
    <dc:date>2024-01-01T00:00:00</dc:date></office:change-info></text:insertion></text:changed-region>
   <text:changed-region text:id="ct2"><text:deletion><office:change-info><dc:creator>李四</dc:creator>
    <dc:date>2024-01-01T00:00:00</dc:date></office:change-info><text:p>身份证号 {ID}，</text:p></text:deletion>
   </text:changed-region>
  </text:tracked-changes>
  <text:p>关于做好年度工作的通知</text:p>
  <text:p>联系人：王芳，联系电话 13812345678，请及时报送。</text:p>
  <text:p>经核实，当事人<text:change-start text:change-id="ct1"/>电话 13912345678，<text:change-end text:change-id="ct1"/><text:change text:change-id="ct2"/>已处理完毕。</text:p>
  <text:p>请各单位认真落实。<office:annotation><dc:creator>王局长</dc:creator><dc:date>2024-01-01T00:00:00</dc:date><text:p>核对：申请人身份证 {ID2}</text:p></office:annotation>落实情况见附件。</text:p>
  <text:p>办理结果已公示<text:span text:style-name="T1">（此件不公开）手机13700001234</text:span>。</text:p>
  <text:p>附件材料齐全<text:span text:style-name="T2">申请人手机13500002222</text:span></text:p>
  <text:p>见脚注<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>注：举报人手机 13700009999</text:p></text:note-body></text:note>和尾注<text:note text:id="edn1" text:note-class="endnote"><text:note-citation>i</text:note-citation><text:note-body><text:p>经办人手机 13300004444</text:p></text:note-body></text:note>。</text:p>
  <table:table table:name="名单"><table:table-column table:number-columns-repeated="3"/>
   <table:table-row><table:table-cell><text:p>姓名</text:p></table:table-cell><table:table-cell><text:p>身份证号</text:p></table:table-cell><table:table-cell><text:p>联系电话</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>张伟</text:p></table:table-cell><table:table-cell><text:p>{ID}</text:p></table:table-cell><table:table-cell><text:p>13912340000</text:p></table:table-cell></table:table-row>
  </table:table>
  <text:p>特此通知。</text:p>
 </office:text></office:body>
</office:document>
"""

# a text frame (LibreOffice writes it as a DrawingML text box with a VML fallback copy), a number
# half in a tracked insertion, a tel: link
BOX = FODT_HEAD + """
 <office:body><office:text>
  <text:tracked-changes><text:changed-region text:id="c1"><text:insertion><office:change-info><dc:creator>张三</dc:creator>
   <dc:date>2024-01-01T00:00:00</dc:date></office:change-info></text:insertion></text:changed-region></text:tracked-changes>
  <text:p>见右侧说明<draw:frame draw:name="框1" text:anchor-type="paragraph" svg:width="6cm" svg:height="2cm" svg:x="8cm" svg:y="0cm"><draw:text-box><text:p>联系人手机13700001234</text:p></draw:text-box></draw:frame></text:p>
  <text:p>电话138<text:change-start text:change-id="c1"/>12345678<text:change-end text:change-id="c1"/>。</text:p>
  <text:p>热线：<text:a xlink:type="simple" xlink:href="tel:13900001111">拨打13900001111</text:a>。</text:p>
 </office:text></office:body>
</office:document>
"""

STYLES = FODT_HEAD + """
 <office:styles>
  <style:style style:name="Secret" style:family="paragraph"><style:text-properties text:display="none"/></style:style>
  <style:style style:name="SecretChar" style:family="text"><style:text-properties text:display="none"/></style:style>
  <style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 </office:styles>
 <office:automatic-styles>
  <style:style style:name="P1" style:family="paragraph"><style:text-properties text:display="none"/></style:style>
 </office:automatic-styles>
 <office:body><office:text>
  <text:p>公开段落一。</text:p>
  <text:p text:style-name="P1">隐藏段落手机13700001234</text:p>
  <text:p text:style-name="Secret">样式隐藏段落手机13700005678<text:span text:style-name="Strong">加粗13700009999</text:span></text:p>
  <text:p>字符样式<text:span text:style-name="SecretChar">隐藏13600001111</text:span>结束</text:p>
  <text:p>公开段落二。</text:p>
 </office:text></office:body>
</office:document>
"""


@pytest.fixture(scope="module")
def lo_docx(lo):
    src = lo.root / "src"
    src.mkdir()
    paths = []
    for name, text in (("lo_notice", NOTICE), ("lo_box", BOX), ("lo_styles", STYLES)):
        p = src / f"{name}.fodt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    lo.convert(paths, "docx:MS Word 2007 XML", lo.root / "docx")
    return {p.stem + ".docx": (lo.root / "docx" / (p.stem + ".docx")).read_bytes() for p in paths}


# ----------------------------------------------------------------------------- documents: python-docx
def _save(d) -> bytes:
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _field(p, instr: str, shown: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run(child):
        r = OxmlElement("w:r")
        r.append(child)
        p._p.append(r)

    for kind in ("begin", None, "separate", "result", "end"):
        if kind == "result":
            t = OxmlElement("w:t")
            t.text = shown
            run(t)
        elif kind is None:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = instr
            run(it)
        else:
            fc = OxmlElement("w:fldChar")
            fc.set(qn("w:fldCharType"), kind)
            run(fc)


def _hyperlink(d, p, url: str, pieces: list[tuple[str, bool]]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rid = d.part.relate_to(url, RT.HYPERLINK, is_external=True)
    h = OxmlElement("w:hyperlink")
    h.set(qn("r:id"), rid)
    for text, bold in pieces:
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        if bold:
            rpr.append(OxmlElement("w:b"))
        r.append(rpr)
        t = OxmlElement("w:t")
        t.text = text
        r.append(t)
        h.append(r)
    p._p.append(h)


def make_split() -> bytes:
    """Numbers split across runs with different formatting, in odd places."""
    from docx.shared import Pt, RGBColor

    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("联系电话：13")
    p.add_run("81234").bold = True
    p.add_run("5678。").italic = True
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "事项", "说明"
    t.cell(1, 0).text = "备注"
    c = t.cell(1, 1).paragraphs[0]
    c.add_run("身份证")
    c.add_run(ID[:5]).bold = True
    c.add_run(ID[5:12]).underline = True
    c.add_run(ID[12:]).font.size = Pt(14)
    p = d.add_paragraph("详见")
    _hyperlink(d, p, "http://www.example.gov.cn/x", [("手机139", True), ("8765", False), ("4321", True)])
    p.add_run("。")
    p = d.add_paragraph("第")
    _field(p, " PAGE ", "1")
    r = p.add_run("页 联系人手机1370000")
    r.font.color.rgb = RGBColor(0xC0, 0, 0)
    p.add_run("1234")
    hp = d.sections[0].header.paragraphs[0]
    hp.add_run("值班电话")
    hp.add_run("1360000").bold = True
    hp.add_run("1111")
    return _save(d)


LONG_FILL = "为深入贯彻落实决策部署，进一步优化营商环境。" * 460


@pytest.fixture(scope="module")
def py_docx():
    out = {"split.docx": make_split()}
    out["empty.docx"] = _save(docx.Document())
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "值班手机13600001111"
    out["header_only.docx"] = _save(d)
    d = docx.Document()
    d.add_paragraph("本件属于内部")
    d.add_paragraph("资料，请妥善保管。联系电话13812345678")
    out["two_paras.docx"] = _save(d)
    d = docx.Document()
    t = d.add_table(rows=1, cols=3)
    t.cell(0, 0).text, t.cell(0, 1).text, t.cell(0, 2).text = "内部", "资料", "手机13700001234"
    out["two_cells.docx"] = _save(d)
    d = docx.Document()
    d.add_paragraph("电话13812345678、13812345678（同号）")
    out["twice.docx"] = _save(d)
    d = docx.Document()
    d.add_paragraph(LONG_FILL[:5000] + "联系电话13812345678" + LONG_FILL[5000:9975] + "手机13700001234")
    out["long.docx"] = _save(d)
    return out


# ----------------------------------------------------------------------------- workbooks: openpyxl
def make_roster() -> bytes:
    from openpyxl.comments import Comment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "公示名单"
    ws["A1"] = "2026年度低保对象公示"
    ws.merge_cells("A1:E1")
    ws.append(["姓名", "身份证号", "身份证号（完整）", "联系电话", "金额"])
    ws.append(["张伟", "110105********002X", ID, "138****5678", 100])
    ws.append(["内部核对", "110105********0016", ID2, 13812345678, 200])  # row 4, hidden
    ws.append(["王芳", "110105********0021", "", "139****4321", 300])
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["C"].hidden = True
    ws["A7"] = "合计"
    ws["E7"] = "=SUM(E3:E5)"
    ws["A8"] = "联系人手机13700001234"
    ws.merge_cells("A8:D8")
    ws["B3"].comment = Comment("原号码13912345678", "王局长")
    s2 = wb.create_sheet("汇总")
    s2["A1"], s2["B1"] = "联系人", "=公示名单!A3"
    s2["A2"], s2["B2"] = "手机", 13911112222
    h = wb.create_sheet("原始数据")
    h.sheet_state = "veryHidden"
    h.append(["联系电话"])
    h.append(["13712345678"])
    wb.properties.creator = "王小明"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def make_formulas() -> bytes:
    from openpyxl.comments import Comment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "补贴"
    ws.append(["姓名", "金额", "备注"])
    ws.append(["张伟", 100, '=A2&"已复核"'])
    ws.append(["王芳", 200, '=A3&"已复核"'])
    ws.append(["合计", "=SUM(B2:B3)", None])
    ws["A2"].comment = Comment("本人手机13812345678", "王局长")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def make_headers() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["事项", "金额"])
    ws.append(["补贴", 100])
    ws.oddHeader.center.text = "联系人手机13700001234"
    ws.oddFooter.left.text = f"经办人身份证{ID}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def make_unused_hidden(rows: int) -> bytes:
    """The usual way to show only the used area: the columns past the table hidden (D:XFD)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["姓名", "身份证号", "联系电话"])
    for i in range(rows):
        ws.append([f"对象{i}", "110105********002X", "138****5678"])
    ws.column_dimensions.group("D", "XFD", hidden=True)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


MERGED_FODS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:body><office:spreadsheet><table:table table:name="名单">
  <table:table-row><table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>公示名单</text:p></table:table-cell><table:covered-table-cell office:value-type="string"><text:p>原联系人手机13700001234</text:p></table:covered-table-cell></table:table-row>
  <table:table-row><table:table-cell office:value-type="string"><text:p>张伟</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>13812345678</text:p></table:table-cell></table:table-row>
 </table:table></office:spreadsheet></office:body></office:document>
"""


@pytest.fixture(scope="module")
def books(lo):
    src = lo.root / "xsrc"
    src.mkdir()
    (src / "lo_formulas.xlsx").write_bytes(make_formulas())
    (src / "lo_merged.fods").write_text(MERGED_FODS, encoding="utf-8")
    lo.convert([src / "lo_formulas.xlsx", src / "lo_merged.fods"], "xlsx:Calc MS Excel 2007 XML", lo.root / "xlsx")
    return {"roster.xlsx": make_roster(), "headers.xlsx": make_headers(),
            "lo_formulas.xlsx": (lo.root / "xlsx" / "lo_formulas.xlsx").read_bytes(),
            "lo_merged.xlsx": (lo.root / "xlsx" / "lo_merged.xlsx").read_bytes()}


# ----------------------------------------------------------------------------- annotate + clean, once each
class Written:
    def __init__(self, name, data, doc, res):
        self.name, self.data, self.doc, self.res = name, data, doc, res
        self.ann = self.clean = self.ann_error = self.clean_error = None
        self.after_doc = self.after = None
        self.pdf: dict[str, Path] = {}
        self.odt: Path | None = None


@pytest.fixture(scope="module")
def written(scanner, lo, lo_docx, py_docx, books):
    from scanner.files.output import annotate_bytes, clean_bytes

    out: dict[str, Written] = {}
    folder = lo.root / "written"
    folder.mkdir()
    for name, data in {**lo_docx, **py_docx, **books}.items():
        doc, res = _scan(scanner, data, name)
        w = out[name] = Written(name, data, doc, res)
        stem, ext = name.rsplit(".", 1)
        try:
            w.ann = annotate_bytes(data, name, doc, res)
            (folder / f"{stem}.ann.{ext}").write_bytes(w.ann)
        except Exception as e:  # noqa: BLE001 - asserted by the tests
            w.ann_error = e
        try:
            w.clean = clean_bytes(data, name, doc, res)
            (folder / f"{stem}.clean.{ext}").write_bytes(w.clean)
            w.after_doc, w.after = _scan(scanner, w.clean, name)
        except Exception as e:  # noqa: BLE001
            w.clean_error = e
    files = sorted(folder.iterdir())
    lo.convert(files, "pdf", lo.root / "pdf")
    lo.convert([f for f in files if f.name.endswith(".ann.docx")], "odt", lo.root / "odt")
    for w in out.values():
        stem = w.name.rsplit(".", 1)[0]
        for kind in ("ann", "clean"):
            w.pdf[kind] = lo.root / "pdf" / f"{stem}.{kind}.pdf"
        w.odt = lo.root / "odt" / f"{stem}.ann.odt"
    return out


# ----------------------------------------------------------------------------- checks
def _covered(document_xml: bytes) -> dict[str, str]:
    """comment id -> the text (w:t, w:delText) between its commentRangeStart and commentRangeEnd."""
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


def _odt_annotations(path: Path) -> list[tuple[str, str | None]]:
    """(author, anchored text) of every annotation LibreOffice read from the annotated copy."""
    body = etree.fromstring(zipfile.ZipFile(path).read("content.xml")).find(OFF + "body")
    anchored: dict[str, str] = {}
    notes: list[tuple[str, str | None]] = []
    open_: set[str] = set()

    def add(s):
        if s:
            for n in open_:
                anchored[n] += s

    def walk(el):
        for ch in el:
            if ch.tag == OFF + "annotation":
                name = ch.get(OFF + "name")
                creator = ch.find(DC + "creator")
                notes.append(("".join(creator.itertext()) if creator is not None else "", name))
                if name:
                    open_.add(name)
                    anchored[name] = ""
            elif ch.tag == OFF + "annotation-end":
                open_.discard(ch.get(OFF + "name"))
            elif ch.tag != TXT + "tracked-changes":
                add(ch.text)
                walk(ch)
            add(ch.tail)

    walk(body)
    return [(author, anchored.get(name) if name else None) for author, name in notes]


def _flat(s: str) -> str:
    return s.replace("\n", "").replace("\t", "")


def _expected_anchor(doc, f) -> str:
    """What the comment of finding ``f`` must cover: its own text in the visible sentence, the
    whole run in deleted/hidden text, nothing for a finding outside the body (a comment at the
    start of a paragraph saying where)."""
    loc = f.location
    if loc["part"] != "word/document.xml" or (loc["label"] or "").endswith("文本框"):
        return ""
    if loc["layer"] == "body" or (loc["label"] or "").startswith("修订插入"):
        return _flat(f.text)
    seg = doc.segment_at(f.start)
    return doc.text[seg.start:seg.end]


def check_annotated_docx(w: Written) -> None:
    assert w.ann_error is None, w.ann_error
    z = zipfile.ZipFile(io.BytesIO(w.ann))
    assert z.testzip() is None
    comments = etree.fromstring(z.read("word/comments.xml"))
    ours = [c for c in comments.iter(W + "comment") if c.get(W + "author") == "govscan"]
    theirs = [c for c in comments.iter(W + "comment") if c.get(W + "author") != "govscan"]
    assert len(ours) == len(w.res.findings)
    document = z.read("word/document.xml")
    covered = _covered(document)
    refs = [el.get(W + "id") for el in etree.fromstring(document).iter(W + "commentReference")]
    assert len(refs) == len(set(refs)) == len(ours) + len(theirs)
    for c, f in zip(ours, w.res.findings):
        cid = c.get(W + "id")
        body = "".join(c.itertext())
        assert cid in refs and body.startswith("【")
        want = _expected_anchor(w.doc, f)
        assert covered.get(cid, "") == want, (f.text, f.location, covered.get(cid))
        if not want or f.location["layer"] != "body":
            assert f"（位于" in body and f.text in body, body
    # LibreOffice reads one annotation per finding (plus the document's own) on the same text
    assert w.odt.exists(), "LibreOffice could not read the annotated copy"
    notes = _odt_annotations(w.odt)
    assert len(notes) == len(ours) + len(theirs)
    lo_anchored = Counter(t for a, t in notes if a == "govscan" and t)
    want = Counter(_expected_anchor(w.doc, f) for f in w.res.findings
                   if _expected_anchor(w.doc, f) and not (f.location["label"] or "").startswith("修订删除"))
    assert lo_anchored == want
    assert w.pdf["ann"].exists() and w.pdf["ann"].stat().st_size > 1000


def _masked(doc, res, s) -> str:
    """Segment ``s``'s text with its share of each personal-data finding's suggestion."""
    t = doc.text[s.start:s.end]
    for f in sorted((f for f in res.findings if f.category == "personal_data" and f.suggestion),
                    key=lambda f: -f.start):
        a, e = max(f.start, s.start), min(f.end, s.end)
        if a < e:
            share = f.suggestion[a - f.start:e - f.start] if len(f.suggestion) == f.end - f.start else \
                (f.suggestion if a == f.start else "")
            t = t[:a - s.start] + share + t[e - s.start:]
    return t


def _visible_word(doc, text: str) -> list[str]:
    """The visible text of each paragraph of body, header, footer and notes (insertions included)."""
    paras: dict[tuple, str] = {}
    for s in doc.segments:
        if s.layer in ("body", "header", "footer", "footnote") or (s.label or "").split("·")[-1].startswith("修订插入"):
            key = (s.part, s.ref[1])
            paras[key] = paras.get(key, "") + text[s.start:s.end]
    return list(paras.values())


def _visible_after_masks(doc, res) -> list[str]:
    out: dict[tuple, str] = {}
    for s in doc.segments:
        if s.layer in ("body", "header", "footer", "footnote") or (s.label or "").split("·")[-1].startswith("修订插入"):
            key = (s.part, s.ref[1])
            out[key] = out.get(key, "") + _masked(doc, res, s)
    return list(out.values())


def check_cleaned_docx(w: Written, *, may_stay: set[str] = frozenset()) -> None:
    assert w.clean_error is None, w.clean_error
    after = w.after
    above = [f for f in after.findings if f.severity != "info"]
    assert not [f for f in above if f.category == "personal_data"], [(f.text, f.location) for f in above]
    assert not [f for f in after.findings if f.location["layer"] in REMOVED_LAYERS and f.severity != "info"]
    assert {f.text for f in above} <= may_stay, [(f.text, f.location["label"]) for f in above]
    # what stays hidden is only link targets (masked: no finding above info is left in them)
    assert not [s for s in w.after_doc.segments if s.layer in ("comment", "tracked_change", "hidden")
                and s.label != "链接地址"]
    assert _visible_word(w.after_doc, w.after_doc.text) == _visible_after_masks(w.doc, w.res)
    z = zipfile.ZipFile(io.BytesIO(w.clean))
    assert not [n for n in z.namelist() if "comments" in n or n.endswith("people.xml")]
    assert w.pdf["clean"].exists() and w.pdf["clean"].stat().st_size > 500, "LibreOffice could not open the copy"


# ============================================================================ LibreOffice Word files
def test_lo_notice_every_layer_found(written):
    w = written["lo_notice.docx"]
    res = w.res
    assert _has(res, "内部资料", "header", "页眉") and _has(res, "13511112222", "header")
    assert _has(res, "13812345678", "body", "正文")
    assert _has(res, "13912345678", "tracked_change", "修订插入（张三）")
    assert _has(res, ID, "tracked_change", "修订删除（李四）")
    assert _has(res, ID2, "comment", "批注（王局长）")
    assert _has(res, "此件不公开", "hidden", "隐藏文字") and _has(res, "13700001234", "hidden", "隐藏文字")
    assert _has(res, "13500002222", "hidden", "白色文字")
    assert _has(res, "13700009999", "footnote", "脚注")
    assert _has(res, "13300004444", "footnote", "尾注")
    assert _has(res, ID, "body", "表格 1 第 2 行第 2 列") and _has(res, "13912340000", "body", "表格 1 第 2 行第 3 列")
    assert _has(res, "13600001111", "footer", "页脚")
    assert _has(res, "张晓明", "metadata", "文件属性·作者")
    # the visible sentence reads with the insertion, the deletion after it
    assert "\n经核实，当事人电话 13912345678，已处理完毕。\n身份证号 11010519491231002X，\n" in w.doc.text


def test_lo_notice_annotate(written):
    check_annotated_docx(written["lo_notice.docx"])


def test_lo_notice_clean(written):
    w = written["lo_notice.docx"]
    check_cleaned_docx(w, may_stay={"内部资料"})
    assert "联系电话 138****5678，请及时报送。" in w.after_doc.text
    assert "经核实，当事人电话 139****5678，已处理完毕。" in w.after_doc.text
    raw = b"".join(zipfile.ZipFile(io.BytesIO(w.clean)).read(n) for n in zipfile.ZipFile(io.BytesIO(w.clean)).namelist())
    for leak in (ID, ID2, "13700001234", "13500002222", "13912345678", "张晓明", "王局长", "李四"):
        assert leak.encode() not in raw, leak


def test_lo_textbox_partial_insertion_and_link_found_and_annotated(written):
    w = written["lo_box.docx"]
    assert _has(w.res, "13700001234", "body", "文本框")
    assert _has(w.res, "13812345678", "body", "正文")  # starts in the body, ends in the insertion
    assert _has(w.res, "13900001111", "body", "正文")
    check_annotated_docx(w)
    check_cleaned_docx(w)
    assert "电话138****5678。" in w.after_doc.text


def test_lo_textbox_clean_leaves_no_copy_of_the_number(written):
    w = written["lo_box.docx"]
    assert "137****1234" in w.after_doc.text
    assert b"13700001234" not in zipfile.ZipFile(io.BytesIO(w.clean)).read("word/document.xml")


def test_lo_link_clean_leaves_no_copy_of_the_number(written):
    w = written["lo_box.docx"]
    z = zipfile.ZipFile(io.BytesIO(w.clean))
    assert not [n for n in z.namelist() if b"13900001111" in z.read(n)]


def test_lo_hidden_paragraph_and_character_styles(written):
    w = written["lo_styles.docx"]
    assert _has(w.res, "13700001234", "hidden", "隐藏文字")  # direct w:vanish (automatic style)
    assert _has(w.res, "13700005678", "hidden", "隐藏文字")  # paragraph style Secret
    assert _has(w.res, "13600001111", "hidden", "隐藏文字")  # character style SecretChar
    assert "公开段落一。" in w.after_doc.text and "字符样式结束" in w.after_doc.text


def test_lo_character_style_inside_hidden_paragraph_style_is_hidden(written):
    w = written["lo_styles.docx"]
    assert _has(w.res, "13700009999", "hidden", "隐藏文字")
    assert "13700009999" not in w.after_doc.text and "137****9999" not in w.after_doc.text


# ============================================================================ python-docx: split runs
def test_split_runs_found_in_their_place(written):
    res = written["split.docx"].res
    assert _has(res, "13812345678", "body", "正文")
    assert _has(res, ID, "body", "表格 1 第 2 行第 2 列")
    assert _has(res, "13987654321", "body", "正文")      # inside a hyperlink, three runs
    assert _has(res, "13700001234", "body", "正文")      # after a PAGE field, two runs
    assert _has(res, "13600001111", "header", "页眉")
    assert "第1页 联系人手机13700001234" in written["split.docx"].doc.text  # the field's instruction is not read


def test_split_runs_annotate_keeps_formatting(written):
    w = written["split.docx"]
    check_annotated_docx(w)
    d = docx.Document(io.BytesIO(w.ann))
    runs = [(r.text, bool(r.bold), bool(r.italic)) for r in d.paragraphs[0].runs if r.text]
    assert runs == [("联系电话：", False, False), ("13", False, False), ("81234", True, False),
                    ("5678", False, True), ("。", False, True)]
    assert [p.text for p in d.paragraphs] == [p.text for p in docx.Document(io.BytesIO(w.data)).paragraphs]


def test_split_runs_clean_masks_each_run_its_share(written):
    w = written["split.docx"]
    check_cleaned_docx(w)
    d = docx.Document(io.BytesIO(w.clean))
    assert [(r.text, bool(r.bold), bool(r.italic)) for r in d.paragraphs[0].runs] == [
        ("联系电话：13", False, False), ("8****", True, False), ("5678。", False, True)]
    cell = d.tables[0].cell(1, 1).paragraphs[0]
    assert [r.text for r in cell.runs] == ["身份证", "11010", "5******", "**002X"]
    assert cell.runs[2].underline and cell.runs[3].font.size.pt == 14
    assert [r.text for r in d.sections[0].header.paragraphs[0].runs] == ["值班电话", "136****", "1111"]
    assert "详见手机139****4321。" in w.after_doc.text and "第1页 联系人手机137****1234" in w.after_doc.text


# ============================================================================ edge cases
def test_empty_document(written):
    w = written["empty.docx"]
    assert not [f for f in w.res.findings if f.severity != "info"]
    check_annotated_docx(w)
    check_cleaned_docx(w)


def test_header_only_document(written):
    w = written["header_only.docx"]
    assert _has(w.res, "13600001111", "header", "页眉")
    check_annotated_docx(w)  # the comment goes to a paragraph made at the start of the empty body
    check_cleaned_docx(w)
    assert "值班手机136****1111" in w.after_doc.text


def test_finding_over_two_paragraphs(written):
    w = written["two_paras.docx"]
    assert any(f.text == "内部\n资料" and f.location["layer"] == "body" for f in w.res.findings)
    check_annotated_docx(w)
    check_cleaned_docx(w, may_stay={"内部\n资料"})


def test_finding_over_two_cells(written):
    w = written["two_cells.docx"]
    assert _has(w.res, "13700001234", "body", "表格 1 第 1 行第 3 列")
    check_annotated_docx(w)
    check_cleaned_docx(w, may_stay={"内部\t资料"})


def test_same_number_twice_in_one_run(written):
    w = written["twice.docx"]
    assert [f.text for f in w.res.findings if f.type == "mobile_phone"] == ["13812345678"] * 2
    check_annotated_docx(w)
    check_cleaned_docx(w)
    assert "电话138****5678、138****5678（同号）" in w.after_doc.text


def test_ten_thousand_character_paragraph(written, scanner):
    from scanner.files.writers.word import annotate_docx, clean_docx

    w = written["long.docx"]
    assert len(docx.Document(io.BytesIO(w.data)).paragraphs[0].text) >= 10_000
    assert _has(w.res, "13812345678", "body") and _has(w.res, "13700001234", "body")
    check_annotated_docx(w)
    check_cleaned_docx(w)
    t = time.perf_counter()
    annotate_docx(w.data, w.name, w.doc, w.res)
    clean_docx(w.data, w.name, w.doc, w.res)
    assert time.perf_counter() - t < 2.0


# ============================================================================ openpyxl workbooks
def _visible_cells(doc, res=None) -> dict[str, list[list[str]]]:
    """sheet -> its visible rows (cell texts left to right, masked when ``res`` is given), row numbers dropped."""
    import re

    rows: dict[tuple[str, int], list[str]] = {}
    for s in doc.segments:
        if s.layer == "body" and s.cell:
            r = int(re.sub(r"[A-Z]+", "", s.cell))
            rows.setdefault((s.sheet, r), []).append(_masked(doc, res, s) if res else doc.text[s.start:s.end])
    out: dict[str, list[list[str]]] = {}
    for (sheet, _), cells in sorted(rows.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        out.setdefault(sheet, []).append(cells)
    return out


def check_annotated_xlsx(w: Written) -> None:
    assert w.ann_error is None, w.ann_error
    wb = openpyxl.load_workbook(io.BytesIO(w.ann))
    first = next(ws for ws in wb.worksheets if ws.sheet_state == "visible")
    for f in w.res.findings:
        loc = f.location
        if loc["sheet"] and loc["cell"] and loc["layer"] != "metadata":
            ws = wb[loc["sheet"]]
            c = ws[loc["cell"]]
            for rng in ws.merged_cells.ranges:  # a cell under a merge is commented at the merge's first cell
                if loc["cell"] in rng:
                    c = ws.cell(rng.min_row, rng.min_col)
        else:
            c = first["A1"]
        assert c.comment is not None and "govscan" in c.comment.author, (f.text, loc)
        assert f"原文：{f.text}" in c.comment.text
    assert w.pdf["ann"].exists() and w.pdf["ann"].stat().st_size > 500


def check_cleaned_xlsx(w: Written) -> None:
    assert w.clean_error is None, w.clean_error
    above = [f for f in w.after.findings if f.severity != "info"]
    assert not [f for f in above if f.category == "personal_data" or f.location["layer"] in REMOVED_LAYERS], \
        [(f.text, f.location["label"]) for f in above]
    assert not [s for s in w.after_doc.segments if s.layer in ("comment", "hidden")]
    assert _visible_cells(w.after_doc) == _visible_cells(w.doc, w.res)
    assert w.pdf["clean"].exists() and w.pdf["clean"].stat().st_size > 500


def test_roster_every_layer_found(written):
    res = written["roster.xlsx"].res
    by = {(f.text, f.location["layer"]): f.location for f in res.findings}
    assert by[(ID, "hidden")]["cell"] == "C3" and by[(ID, "hidden")]["label"].startswith("隐藏列 C")
    assert by[(ID2, "hidden")]["cell"] == "C4" and by[(ID2, "hidden")]["label"].startswith("隐藏行 4")
    assert by[("13812345678", "hidden")]["cell"] == "D4"  # a number cell
    assert by[("13712345678", "hidden")]["label"].startswith("隐藏工作表「原始数据」")
    assert by[("13912345678", "comment")]["cell"] == "B3"
    assert by[("13700001234", "body")]["cell"] == "A8"  # merged A8:D8
    assert by[("13911112222", "body")]["sheet"] == "汇总"
    assert ("王小明", "metadata") in by


def test_roster_annotate(written):
    check_annotated_xlsx(written["roster.xlsx"])


def test_roster_clean(written):
    check_cleaned_xlsx(written["roster.xlsx"])


def test_roster_clean_keeps_merged_cells_with_their_text(written):
    """Hidden rows are emptied, not deleted: nothing moves, so every merge keeps its text."""
    w = written["roster.xlsx"]
    ws = openpyxl.load_workbook(io.BytesIO(w.clean))["公示名单"]
    merged = {str(r): ws[str(r).split(":")[0]].value for r in ws.merged_cells.ranges}
    assert merged == {"A1:E1": "2026年度低保对象公示", "A8:D8": "联系人手机137****1234"}
    assert ws.row_dimensions[4].hidden and all(c.value is None for c in ws[4])


def test_clean_xlsx_empties_a_hidden_column_and_moves_nothing(scanner):
    from scanner.files.writers.sheet import clean_xlsx

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "身份证号（完整）", "联系电话", "备注"])
    ws.append(["张伟", "110105********002X", ID, "138****5678", "已审核"])
    for col, width in zip("ABCDE", (8, 22, 13, 16, 30)):
        ws.column_dimensions[col].width = width
    ws.column_dimensions["C"].hidden = True
    data = _save(wb)
    doc, res = _scan(scanner, data, "w.xlsx")
    out = openpyxl.load_workbook(io.BytesIO(clean_xlsx(data, "w.xlsx", doc, res))).active
    assert [c.value for c in out[1]] == ["姓名", "身份证号", None, "联系电话", "备注"]
    assert [c.value for c in out[2]] == ["张某", "110105********002X", None, "138****5678", "已审核"]
    assert [out.column_dimensions[c].width for c in "ABCDE"] == [8, 22, 13, 16, 30]
    assert out.column_dimensions["C"].hidden


def test_clean_xlsx_masks_print_header_and_footer(written):
    w = written["headers.xlsx"]
    assert _has(w.res, "13700001234", "header") and _has(w.res, ID, "footer")
    check_annotated_xlsx(w)
    check_cleaned_xlsx(w)


def test_formulas_annotate(written):
    w = written["lo_formulas.xlsx"]
    assert "张伟已复核" in w.doc.text and "\t300\n" in w.doc.text + "\n"  # LibreOffice stored the values
    assert _has(w.res, "13812345678", "comment")
    check_annotated_xlsx(w)


def test_formulas_clean_keeps_their_values(written):
    check_cleaned_xlsx(written["lo_formulas.xlsx"])


def test_text_covered_by_a_merge(written):
    w = written["lo_merged.xlsx"]
    assert _has(w.res, "13700001234", "body") or _has(w.res, "13700001234", "hidden")
    check_annotated_xlsx(w)
    check_cleaned_xlsx(w)


def test_clean_xlsx_with_unused_columns_hidden_is_fast(scanner):
    from scanner.files.writers.sheet import clean_xlsx

    data = make_unused_hidden(250)
    doc, res = _scan(scanner, data, "u.xlsx")
    t = time.perf_counter()
    out = clean_xlsx(data, "u.xlsx", doc, res)
    elapsed = time.perf_counter() - t
    ws = openpyxl.load_workbook(io.BytesIO(out)).active
    assert [c.value for c in ws[1]] == ["姓名", "身份证号", "联系电话"] and ws.max_row == 251
    assert elapsed < 1.5, elapsed


# ============================================================================ the CLI
def test_cli_annotate_and_clean_real_files(tmp_path, lo_docx, scanner):
    if not EXE.exists():
        pytest.skip("console script not installed")
    src = tmp_path / "通知.docx"
    src.write_bytes(lo_docx["lo_notice.docx"])
    p = subprocess.run([str(EXE), "annotate", str(src), "--out", str(tmp_path / "a.docx")], capture_output=True,
                       timeout=120)
    assert p.returncode == 1, p.stderr.decode()  # the ID numbers are block
    doc, res = _scan(scanner, src.read_bytes(), src.name)
    z = zipfile.ZipFile(tmp_path / "a.docx")
    ours = [c for c in etree.fromstring(z.read("word/comments.xml")).iter(W + "comment")
            if c.get(W + "author") == "govscan"]
    assert len(ours) == len(res.findings)
    p = subprocess.run([str(EXE), "clean", str(src), "--out", str(tmp_path / "c.docx")], capture_output=True,
                       timeout=120)
    err = p.stderr.decode()
    assert p.returncode == 1 and "仍需处理" in err and "内部资料" in err, err  # printed in the header: stays
    _, after = _scan(scanner, (tmp_path / "c.docx").read_bytes(), "c.docx")
    left = {(f.type, f.location["layer"]) for f in after.findings if f.severity != "info"}
    assert left == {("internal_marker", "header")}, left
    p = subprocess.run([str(EXE), "clean", str(src), "--out", str(tmp_path / "c.docx")], capture_output=True,
                       timeout=120)
    assert p.returncode == 2 and b"--force" in p.stderr
    xsrc = tmp_path / "名单.xlsx"
    xsrc.write_bytes(make_roster())
    p = subprocess.run([str(EXE), "clean", str(xsrc), "--out", str(tmp_path / "c.xlsx")], capture_output=True,
                       timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    wb = openpyxl.load_workbook(tmp_path / "c.xlsx")
    assert wb.sheetnames == ["公示名单", "汇总"]
