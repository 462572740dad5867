"""The file layer's seam (scanner/files): sniffing, limits, zip recursion, the scan step's
locations, context columns and layer severity, and extraction in a killable worker process."""
from __future__ import annotations

import io
import time
import zipfile

import pytest

from scanner import InputError, Scanner
from scanner.files import Builder, FileError, Limits, extract, sniff
from scanner.files.document import Document
from scanner.files.isolate import Extractor
from scanner.files.scan import scan_document

ID = "11010519491231002X"


@pytest.fixture(scope="module")
def scanner():
    return Scanner()


def _zip(members: dict[str, bytes | str], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _exact(result):
    for f in result.findings:
        assert result.text[f.start:f.end] == f.text


# ----------------------------------------------------------------------------- sniffing
@pytest.mark.parametrize("data,name,kind", [
    (b"%PDF-1.7\n...", "report.pdf", "pdf"),
    (b"%PDF-1.7\n...", "renamed.docx", "pdf"),            # the content wins over the suffix
    (b"\x89PNG\r\n\x1a\n....", "photo.jpg", "image"),
    ("<!DOCTYPE html><p>x</p>".encode(), "page.txt", "html"),
    ("a,b\n1,2".encode(), "list.csv", "csv"),
    ("正文".encode(), "draft", "txt"),
])
def test_sniff_content_then_suffix(data, name, kind):
    assert sniff(data, name)[0] == kind


def test_sniff_zip_containers():
    assert sniff(_zip({"word/document.xml": "<x/>"}), "a.bin")[0] == "docx"
    assert sniff(_zip({"xl/workbook.xml": "<x/>"}), "a")[0] == "xlsx"
    assert sniff(_zip({"mimetype": "application/vnd.oasis.opendocument.text"}), "a.zip")[0] == "odf"
    assert sniff(_zip({"OFD.xml": "<x/>"}), "a.zip")[0] == "ofd"
    assert sniff(_zip({"a.txt": "x"}), "a.docx")[0] == "zip"


@pytest.mark.parametrize("data,name,code", [
    (b"not a zip at all", "bad.docx", "corrupt"),
    (b"PK\x03\x04 truncated", "bad.xlsx", "corrupt"),
    (b"no header", "bad.pdf", "corrupt"),
    (b"MZ\x90\x00", "tool.exe", "unsupported"),
])
def test_bad_files_are_file_errors_with_a_code(data, name, code):
    with pytest.raises(FileError) as e:
        extract(data, name)
    assert e.value.code == code and name in str(e.value)
    assert isinstance(e.value, InputError)  # the CLI and the service already turn these into exit 2 / 4xx


def test_encrypted_ole_container_is_refused():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    with pytest.raises(FileError) as e:
        extract(ole, "secret.docx")
    assert e.value.code == "encrypted"


# ----------------------------------------------------------------------------- limits
def test_zip_bomb_refused_from_the_directory_in_milliseconds():
    bomb = _zip({"word/document.xml": b"<w:document>" + b" " * 60_000_000 + b"</w:document>"})
    assert len(bomb) < 200_000
    t0 = time.perf_counter()
    with pytest.raises(FileError) as e:
        extract(bomb, "bomb.docx")
    assert e.value.code == "zip_bomb" and "inflates" in str(e.value)
    assert time.perf_counter() - t0 < 0.5


def test_unpacked_total_and_entry_count_limits():
    many = _zip({f"f{i}.txt": "x" for i in range(50)})
    with pytest.raises(FileError) as e:
        extract(many, "many.zip", limits=Limits(max_entries=20))
    assert e.value.code == "zip_bomb"
    big = _zip({f"f{i}.txt": "数据" * 5000 for i in range(5)})
    with pytest.raises(FileError, match="in all"):
        extract(big, "big.zip", limits=Limits(max_unpacked_bytes=60_000))


def test_nesting_depth_limit():
    inner = _zip({"a.txt": "内部资料"})
    for i in range(4):
        inner = _zip({f"level{i}.zip": inner})
    with pytest.raises(FileError) as e:
        extract(inner, "nested.zip", limits=Limits(max_depth=3))
    assert e.value.code == "zip_bomb" and "nested" in str(e.value)


def test_xml_with_entities_is_refused():
    lol = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
           '<w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')
    with pytest.raises(FileError) as e:
        extract(_zip({"word/document.xml": lol}), "lol.docx")
    assert e.value.code == "xml_bomb"


def test_file_size_limit():
    with pytest.raises(FileError) as e:
        extract(b"x" * 2000, "a.txt", limits=Limits(max_file_bytes=1000))
    assert e.value.code == "too_large"


# ----------------------------------------------------------------------------- zip of attachments
def test_zip_members_are_parts_and_unreadable_members_are_listed(scanner):
    data = _zip({"附件/名单.csv": f"姓名,身份证号\n张伟,{ID}\n".encode("gb18030"),
                 "说明.txt": "本通知为内部资料，不得外传。",
                 "程序.exe": b"MZ\x90\x00",
                 "照片.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 20,
                 "__MACOSX/._说明.txt": b"junk"})
    doc = extract(data, "attachments.zip")
    res = scan_document(scanner, doc)
    _exact(res)
    by_text = {f.text: f for f in res.findings}
    assert by_text[ID].location["part"].startswith("附件/名单.csv!")
    assert by_text[ID].location["layer"] == "body"
    assert any("内部资料" in t for t in by_text)
    parts = {p["name"]: p for p in res.file["parts"]}
    assert parts["程序.exe"]["status"].startswith("skipped")      # never a silent skip
    # bytes that only start like a PNG: listed with the reason (pictures are read: issue 13)
    assert parts["照片.png"]["kind"] == "image" and parts["照片.png"]["status"].startswith("skipped: not a picture")
    assert not any("MACOSX" in n for n in parts)


def test_gb18030_member_names_are_decoded():
    class GBInfo(zipfile.ZipInfo):  # what Windows' built-in zip writes: GB18030 bytes, no UTF-8 flag
        def _encodeFilenameFlags(self):
            return self.filename.encode("gb18030"), self.flag_bits

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(GBInfo("通知.txt"), "内部资料")
    doc = extract(buf.getvalue(), "a.zip")
    assert doc.segments[0].part.startswith("通知.txt!")


# ----------------------------------------------------------------------------- HTML layers
def test_html_title_meta_alt_and_hidden_text(scanner):
    html = ("<html><head><title>内部资料</title><meta name='description' content='联系电话13812345678'></head>"
            "<body><div id='js_content'><p>正文第一段</p><img src='a.png' alt='身份证号11010519491231002X'>"
            "<p style='display: none'>此件不公开</p><script>var a='台湾总统'</script></div></body></html>")
    doc = extract(html.encode(), "a.html")
    res = scan_document(scanner, doc)
    _exact(res)
    layers = {f.text: f.location["layer"] for f in res.findings}
    assert layers[ID] == "metadata" and layers["13812345678"] == "metadata"
    assert layers["此件不公开"] == "hidden"
    assert layers["内部资料"] == "metadata"
    assert "台湾总统" not in res.text and doc.title == "内部资料"
    assert [p.name for p in doc.parts] == ["a.png"]


# ----------------------------------------------------------------------------- the scan step
def _doc(segments: list[tuple[str, dict]], kind="xlsx") -> Document:
    b = Builder()
    for text, kw in segments:
        sep = kw.pop("sep", "\n")
        b.add(text, kw.pop("part", "p"), kw.pop("layer", "body"), sep=sep, **kw)
    return b.build(kind)


def test_column_header_context_makes_plain_cells_findings(scanner):
    cells = [("姓名", {"sep": "\t", "cell": "A1"}), ("备注", {"sep": "\t", "cell": "B1"}), ("联系电话", {"cell": "C1"})]
    for r, (name, phone) in enumerate([("张伟", "13812345678"), ("王芳", "13912345678")], 2):
        cells += [(name, {"sep": "\t", "cell": f"A{r}", "context": "姓名"}),
                  ("已核实", {"sep": "\t", "cell": f"B{r}", "context": "备注"}),
                  (phone, {"cell": f"C{r}", "context": "联系电话"})]
    doc = _doc(cells)
    plain = scanner.scan(doc.text)
    res = scan_document(scanner, doc)
    _exact(res)
    names = {f.text for f in res.findings if f.type == "person_name"}
    assert names == {"张伟", "王芳"}
    assert not {f.text for f in plain.findings if f.type == "person_name"} & names  # the header made them
    cell = {f.text: f.location["cell"] for f in res.findings}
    assert cell["张伟"] == "A2" and cell["13912345678"] == "C3"
    # the header itself is context, never a finding of its own
    assert not any(f.start < doc.segments[1].end for f in res.findings if f.type == "person_name")


def test_a_finding_outside_the_body_is_never_weaker_than_in_the_body(scanner):
    doc = _doc([("联系人：张伟，电话13812345678", {}), ("13812345678", {"layer": "comment", "label": "批注（王局长）"})])
    res = scan_document(scanner, doc)
    sev = {(f.location["layer"], f.text): f.severity for f in res.findings}
    assert sev[("comment", "13812345678")] == sev[("body", "13812345678")]
    assert res.findings[-1].location["label"] == "批注（王局长）"


def test_redaction_and_metadata_findings(scanner):
    doc = _doc([("公示名单如下", {}), ("张伟 13812345678", {"layer": "redaction", "box": (10, 20, 110, 40),
                                                       "label": "第 1 页 涂黑处", "page": 1}),
                ("王小明", {"layer": "metadata", "cell": "creator", "context": "作者"}),
                ("Administrator", {"layer": "metadata", "cell": "last_modified_by", "context": "最后修改者"}),
                (r"C:\Users\wangxm\AppData\Roaming\Microsoft\Templates\Normal.dotm",
                 {"layer": "metadata", "cell": "template", "context": "模板"})], kind="pdf")
    res = scan_document(scanner, doc)
    _exact(res)
    red = [f for f in res.findings if f.type == "unredacted_text"]
    assert len(red) == 1 and red[0].severity == "block" and red[0].location["box"] == [10, 20, 110, 40]
    meta = {f.text: f for f in res.findings if f.type == "file_metadata"}
    assert set(meta) == {"王小明", "wangxm"}  # a tool default names no one
    assert res.verdict == "block"


def test_offsets_exact_on_every_file_result(scanner):
    doc = _doc([("机密★10年", {"layer": "header"}), (f"身份证号：{ID}", {"layer": "tracked_change"}),
                ("台湾总统发表讲话", {"layer": "notes"})], kind="docx")
    res = scan_document(scanner, doc)
    _exact(res)
    assert {f.location["layer"] for f in res.findings} == {"header", "tracked_change", "notes"}
    d = res.to_dict()
    assert d["text"] == doc.text and all("location" in f for f in d["findings"])


def test_plain_scan_results_are_unchanged(scanner):
    d = scanner.scan("台湾总统").to_dict()
    assert "text" not in d and "file" not in d and all("location" not in f for f in d["findings"])


# ----------------------------------------------------------------------------- the worker process
def test_isolated_extraction_returns_the_same_document():
    data = _zip({"说明.txt": "本通知为内部资料", "b.html": "<p>联系电话13812345678</p>"})
    with Extractor(workers=1) as ex:
        assert ex.extract(data, "a.zip") == extract(data, "a.zip")
        with pytest.raises(FileError) as e:
            ex.extract(b"PK\x03\x04 truncated", "bad.docx")
        assert e.value.code == "corrupt"  # the error keeps its code across the process boundary
        assert ex.extract(data, "a.zip").text  # and the worker still serves


def test_a_parser_past_its_budget_is_killed():
    # 120 MB of XML, compressed 1000x: allowed by a lax ratio limit, too slow for a 0.3 s budget
    xml = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' + \
        b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 3_500_000 + b"</w:body></w:document>"
    data = _zip({"word/document.xml": xml})
    lax = Limits(max_ratio=1e9, max_part_bytes=1 << 30, time_budget=0.3)
    with Extractor(lax, workers=1) as ex:
        t0 = time.perf_counter()
        with pytest.raises(FileError) as e:
            ex.extract(data, "slow.docx")
        took = time.perf_counter() - t0
        assert e.value.code in ("timeout", "too_large"), e.value
        assert took < 5
        assert ex.extract(_zip({"a.txt": "内部资料"}), "ok.zip").text.startswith("内部资料")  # a fresh worker
