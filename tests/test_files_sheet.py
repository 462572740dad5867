"""Excel reading: the calamine grid path and the lxml cell-by-cell path give the same Document;
hostile sheets (a cell in XFD1048576, references the byte searches cannot bound) go to lxml and
never make calamine allocate a grid of billions of cells (a failed allocation aborts the process)."""
from __future__ import annotations

import datetime
import io
import zipfile

import openpyxl
import pytest
from openpyxl.comments import Comment

from scanner.files import extract, sheet

ID = "11010519491231002X"


def _book(build) -> bytes:
    wb = openpyxl.Workbook()
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _roster(wb) -> None:
    ws = wb.active
    ws.title = "公示名单"
    ws.append(["2026年度低保对象公示"])
    ws.append(["序号", "姓名", "身份证号", "身份证号（完整）", "联系电话", "金额", "备注"])
    for i in range(40):
        ws.append([i + 1, f"张{'伟芳娜秀英'[i % 5]}", "110105********002X", ID, f"138****{i:04d}", 420.5 * (i % 3),
                   "" if i % 4 else "  "])
    ws.column_dimensions["D"].hidden = True
    ws.row_dimensions[7].hidden = True
    ws["E5"].comment = Comment("原号码13812345678，此件不公开", "王局长")
    ws.oddHeader.center.text = "内部资料 注意保存"
    h = wb.create_sheet("原始数据")
    h.sheet_state = "veryHidden"
    h.append(["联系电话", "是否"])
    h.append(["13712345678", True])
    far = wb.create_sheet("附表")
    far["C2"] = "附注"
    far["AB30"] = "联系人王芳"


def _both(data: bytes, monkeypatch):
    fast = extract(data, "名单.xlsx")
    with monkeypatch.context() as m:
        m.setattr(sheet, "_open_book", lambda zf: None)  # calamine unavailable: lxml reads every sheet
        slow = extract(data, "名单.xlsx")
    return fast, slow


def test_calamine_and_lxml_paths_give_the_same_document(monkeypatch):
    fast, slow = _both(_book(_roster), monkeypatch)
    assert fast.text == slow.text
    assert fast.segments == slow.segments
    hidden = {fast.text[s.start:s.end]: s.label for s in fast.segments if s.layer == "hidden"}
    assert hidden[ID].startswith("隐藏列 D")
    assert any(label.startswith("隐藏行 7") for label in hidden.values())
    assert hidden["13712345678"].startswith("隐藏工作表「原始数据」")
    cells = {fast.text[s.start:s.end]: s.cell for s in fast.segments if s.sheet == "附表"}
    assert cells["联系人王芳"] == "AB30" and cells["附注"] == "C2"
    assert any(s.layer == "header" and "内部资料" in fast.text[s.start:s.end] for s in fast.segments)
    assert "\t420.5" in fast.text and "\t841" in fast.text and "841.0" not in fast.text and "TRUE" in fast.text  # numbers as Excel shows them


def test_the_fast_path_is_taken_for_a_plain_roster(monkeypatch):
    calls = []
    real = sheet._grid_rows

    def spy(*a):
        r = real(*a)
        calls.append(r is not None)
        return r

    monkeypatch.setattr(sheet, "_grid_rows", spy)
    extract(_book(_roster), "名单.xlsx")
    assert calls and all(calls)  # every sheet read from calamine's grid


def test_dates_read_as_dates_on_the_fast_path():
    def build(wb):
        wb.active.append(["日期", "备注"])
        wb.active.append([datetime.date(2026, 3, 1), "张伟"])

    doc = extract(_book(build), "a.xlsx")
    assert "2026-03-01" in doc.text


def _patched(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            b = zin.read(info)
            if info.filename == part:
                assert old in b
                b = b.replace(old, new)
            z.writestr(info, b)
    return out.getvalue()


@pytest.mark.parametrize("cell", [
    b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far away</t></is></c></row>',
    b'<row r="9"><c r="A1048576" t="inlineStr"><is><t>far away</t></is></c></row>',  # row tag lies
    b'<row r="9"><c t="inlineStr" r="XFD9"><is><t>far away</t></is></c></row>',      # r not first
    b'<row r="9"><c r = "XFD9" t="inlineStr"><is><t>far away</t></is></c></row>',    # spaces around =
])
def test_a_cell_far_away_goes_to_lxml_not_to_a_dense_grid(cell):
    base = _book(lambda wb: wb.active.append(["姓名", "电话"]))
    data = _patched(base, "xl/worksheets/sheet1.xml", b"</sheetData>", cell + b"</sheetData>")
    raw = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    bound = sheet.grid_bound(raw)
    assert bound is None or bound > sheet._MAX_GRID
    doc = extract(data, "far.xlsx")  # in this process: an abort here would end the test run
    assert "far away" in doc.text


def test_grid_bound_of_an_ordinary_sheet_is_small():
    raw = zipfile.ZipFile(io.BytesIO(_book(_roster))).read("xl/worksheets/sheet1.xml")
    assert sheet.grid_bound(raw) == 26 * 100  # columns A–G, rows below 100


def test_a_roster_in_a_zip_reads_as_the_roster_does():
    from scanner import Scanner
    from scanner.files.scan import scan_document

    roster = _book(_roster)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("附件1 名单.xlsx", roster)
    alone, inside = extract(roster, "名单.xlsx"), extract(buf.getvalue(), "附件.zip")
    assert inside.text == alone.text  # rows kept: cells joined by tabs, not one cell per line
    assert [(s.start, s.end, s.layer, s.cell) for s in inside.segments] == \
        [(s.start, s.end, s.layer, s.cell) for s in alone.segments]
    assert all(s.part.startswith("附件1 名单.xlsx!") for s in inside.segments)
    scanner = Scanner()
    a, b = scan_document(scanner, alone), scan_document(scanner, inside)
    assert [(f.start, f.type, f.severity) for f in a.findings] == [(f.start, f.type, f.severity) for f in b.findings]
