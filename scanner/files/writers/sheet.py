"""Excel writers.

- ``annotate_xlsx`` (openpyxl: it writes the comment parts and the VML Excel needs to show them):
  a cell comment (author govscan) on each finding's cell, several findings in a cell listed in one
  comment, a cell under a merge commented at the merge's first cell; findings outside cells
  (properties, sheet names) go to A1 of the first visible sheet, saying where they are. openpyxl
  does not keep charts, pictures or formulas' cached values in this copy (a reviewer's copy: Excel
  recalculates on opening).
- ``clean_xlsx`` edits the package's XML and copies every other part byte for byte, so formulas
  keep their cached values and merges, widths, styles, charts and pictures stay as they were:
  each personal-data finding is masked in its cell (the cell becomes a plain string; its formula,
  if any, is dropped so a recalculation cannot restore the value) or in the print header/footer;
  the cells of hidden rows and columns are **emptied** (the rows and columns stay, hidden and
  empty, so no address, merge, width or reference moves); hidden and very hidden sheets are
  removed with what only they use (comments, drawings, tables), the defined names that belong to
  or point at them, their entry in the document properties and the calculation chain (Excel
  rebuilds it); formulas elsewhere keep their cached values; comments, threaded comments and their
  people are removed; shared strings no cell uses any more are blanked (a string leaves the file,
  not only the cell); shared formulas whose defining cell was emptied keep their cached values;
  the personal properties are blanked.
"""
from __future__ import annotations

import io

from lxml import etree

from ...model import TYPE_LABELS
from ..document import Document
from ..limits import FileError
from ..sheet import S, hidden_columns, row_cells, sheet_entries
from .picture import clean_package_pictures
from .package import _XML_SPACE, Package, clean_properties

__all__ = ["annotate_xlsx", "clean_xlsx"]

_COMMENT_RELS = ("comments", "threadedComment")
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _load(data: bytes, name: str):
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(data), keep_vba=name.lower().endswith(".xlsm"))
    except Exception as e:  # openpyxl raises many kinds on odd files
        raise FileError(f"{name}: openpyxl cannot open the workbook to write a copy ({e})", "unsupported") from None


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _note(f) -> str:
    bits = [f"【{TYPE_LABELS.get(f.type, f.type)}】{f.message}", f"原文：{f.text}"]
    if f.basis:
        bits.append(f"依据：{f.basis}")
    if f.suggestion is not None:
        bits.append(f"建议：{f.suggestion}")
    return "｜".join(bits)


def _anchor_cell(ws, ref: str):
    """The cell at ``ref``, or the first cell of the merge covering it (a covered cell cannot hold
    a comment)."""
    c = ws[ref]
    if c.__class__.__name__ == "MergedCell":
        for rng in ws.merged_cells.ranges:
            if ref in rng:
                return ws.cell(rng.min_row, rng.min_col)
    return c


def annotate_xlsx(data: bytes, name: str, doc: Document, result) -> bytes:
    from openpyxl.comments import Comment

    wb = _load(data, name)
    notes: dict[tuple[str, str], list[str]] = {}
    first = next((ws for ws in wb.worksheets if ws.sheet_state == "visible"), wb.worksheets[0])
    for f in result.findings:
        loc = f.location or {}
        sheet, cell = loc.get("sheet"), loc.get("cell")
        if sheet in wb.sheetnames and cell and loc.get("layer") != "metadata":
            notes.setdefault((sheet, cell), []).append(_note(f))
        else:
            notes.setdefault((first.title, "A1"), []).append(f"（位于{loc.get('label') or loc.get('layer')}）" + _note(f))
    for (sheet, cell), texts in notes.items():
        c = _anchor_cell(wb[sheet], cell)
        old = c.comment.text + "\n" if c.comment is not None else ""
        c.comment = Comment(old + "\n".join(texts), "govscan", width=360, height=160)
    return _save(wb)


def _sheets(pkg: Package, name: str) -> tuple[str, list[tuple[str, str, bool]]]:
    """(workbook part, [(sheet name, part, hidden)]) in workbook order."""
    wb_part = "xl/workbook.xml"
    if not pkg.has(wb_part):
        raise FileError(f"{name}: not an Excel workbook (no {wb_part})", "corrupt")
    out = [(sheet or part, part, hidden) for sheet, part, hidden in sheet_entries(pkg.xml(wb_part), pkg.rels(wb_part))
           if part and pkg.has(part)]
    return wb_part, out


def _set_text(c, value: str) -> None:
    """Make cell ``c`` a plain inline string ``value`` (style kept; formula and value dropped)."""
    for ch in list(c):
        c.remove(ch)
    c.set("t", "inlineStr")
    is_ = etree.SubElement(c, S + "is")
    t = etree.SubElement(is_, S + "t")
    t.text = value
    t.set(_XML_SPACE, "preserve")


def _empty_hidden_cells(root, whole_sheet: bool) -> None:
    data = root.find(S + "sheetData")
    if data is None:
        return
    hidden_cols = hidden_columns(root)
    for row in data.iterfind(S + "row"):
        if whole_sheet or row.get("hidden") in ("1", "true"):
            for c in row.findall(S + "c"):
                row.remove(c)
        elif hidden_cols:
            for col, c in list(row_cells(row)):
                if col in hidden_cols:
                    row.remove(c)
    if whole_sheet:
        hf = root.find(S + "headerFooter")
        if hf is not None:
            root.remove(hf)


def _repair_shared_formulas(root) -> None:
    """A shared formula's other cells refer to its first cell by ``si``: where that first cell was
    emptied or masked, they keep their cached values without a formula."""
    masters = {f.get("si") for f in root.iter(S + "f") if f.get("t") == "shared" and f.get("ref")}
    for f in list(root.iter(S + "f")):
        if f.get("t") == "shared" and not f.get("ref") and f.get("si") not in masters:
            f.getparent().remove(f)


def clean_xlsx(data: bytes, name: str, doc: Document, result) -> bytes:
    pkg = Package(data, name)
    wb_part, sheets = _sheets(pkg, name)
    part_of = {sheet: part for sheet, part, _ in sheets}
    # 1. masks, at the addresses the extractor saw (nothing has moved: nothing moves at all)
    cells: dict[tuple[str, str], list] = {}
    headers: dict[str, list] = {}
    meta: list[tuple[str, str]] = []
    for f in result.findings:
        loc = f.location or {}
        if f.category != "personal_data" or f.suggestion is None:
            continue
        layer, sheet = loc.get("layer"), loc.get("sheet")
        if layer == "metadata":
            meta.append((f.text, f.suggestion))
        elif sheet in part_of and layer in ("header", "footer"):
            headers.setdefault(sheet, []).append(f)
        elif sheet in part_of and loc.get("cell") and layer in ("body", "hidden"):
            cells.setdefault((sheet, loc["cell"]), []).append(f)
    by_sheet: dict[str, dict[str, list]] = {}
    for (sheet, ref), fs in cells.items():
        by_sheet.setdefault(sheet, {})[ref] = fs
    for sheet, refs in by_sheet.items():
        root = pkg.xml(part_of[sheet])
        for c in root.iter(S + "c"):
            fs = refs.get(c.get("r") or "")
            if not fs:
                continue
            seg = doc.segment_at(fs[0].start)
            value = doc.text[seg.start:seg.end]
            for f in sorted(fs, key=lambda f: -f.start):
                a, e = f.start - seg.start, f.end - seg.start
                value = value[:a] + f.suggestion + value[e:]
            _set_text(c, value)
        pkg.touch(part_of[sheet])
    for sheet, fs in headers.items():
        hf = pkg.xml(part_of[sheet]).find(S + "headerFooter")
        for el in ([] if hf is None else hf):
            for f in fs:
                if el.text and f.text in el.text:
                    el.text = el.text.replace(f.text, f.suggestion)
        pkg.touch(part_of[sheet])
    # 2. hidden sheets removed (one sheet at least stays); hidden rows and columns emptied; comments removed
    hidden_sheets = [(i, sheet, part) for i, (sheet, part, hidden) in enumerate(sheets) if hidden]
    if len(hidden_sheets) == len(sheets):
        hidden_sheets = hidden_sheets[1:]
    for i, sheet, part in reversed(hidden_sheets):
        _remove_sheet(pkg, wb_part, i, sheet, part)
    gone = {part for _, _, part in hidden_sheets}
    sheets = [x for x in sheets if x[1] not in gone]
    for sheet, part, hidden in sheets:
        root = pkg.xml(part)
        _empty_hidden_cells(root, whole_sheet=hidden)
        # the VML drawing that shows comment boxes (legacyDrawing); legacyDrawingHF, the pictures
        # of the print header, stays
        vml_ids = {el.get(_R_ID) for el in root.findall(S + "legacyDrawing")}
        for el in root.findall(S + "legacyDrawing"):
            root.remove(el)
        _repair_shared_formulas(root)
        pkg.touch(part)
        targets = pkg.drop_rels(part, _COMMENT_RELS) + _drop_rel_ids(pkg, part, vml_ids)
        for target in targets:
            if pkg.has(target):
                pkg.remove(target)
    for target in pkg.drop_rels(wb_part, ("person",)):
        if pkg.has(target):
            pkg.remove(target)
    # 3. shared strings no cell refers to any more leave the file
    _blank_unused_strings(pkg, wb_part, [part for _, part, _ in sheets])
    clean_properties(pkg, meta)
    clean_package_pictures(pkg, doc, result)  # EXIF/XMP dropped, findings in pictures blacked out
    return pkg.save()


def _remove_sheet(pkg: Package, wb_part: str, index: int, sheet: str, part: str) -> None:
    """Take sheet number ``index`` (0-based, workbook order) out of the package."""
    wb = pkg.xml(wb_part)
    sheets = wb.find(S + "sheets")
    el = sheets.findall(S + "sheet")[index]
    rid = el.get(_R_ID)
    sheets.remove(el)
    # defined names: its own (localSheetId) and those pointing at it go, later sheets' ids shift
    quoted = {f"{sheet}!", f"'{sheet}'!", f"'{sheet.replace(chr(39), chr(39) * 2)}'!"}
    dn = wb.find(S + "definedNames")
    for d in ([] if dn is None else list(dn)):
        local = d.get("localSheetId")
        if (local is not None and local.isdigit() and int(local) == index) or any(q in (d.text or "") for q in quoted):
            dn.remove(d)
        elif local is not None and local.isdigit() and int(local) > index:
            d.set("localSheetId", str(int(local) - 1))
    if dn is not None and not len(dn):
        wb.remove(dn)
    for view in wb.iter(S + "workbookView"):
        for attr in ("activeTab", "firstSheet"):
            v = view.get(attr)
            if v is not None and v.isdigit() and int(v) >= index:
                view.set(attr, str(max(0, int(v) - 1)) if int(v) > index else "0")
    pkg.touch(wb_part)
    _drop_rel_ids(pkg, wb_part, {rid})
    # what the sheet alone refers to (comments, drawings and their charts, tables, printer settings)
    todo, seen = [part], set()
    while todo:
        p = todo.pop()
        if p in seen or not pkg.has(p):
            continue
        seen.add(p)
        todo += [t for typ, t, mode in pkg.rels(p).values()
                 if mode != "External" and typ in ("comments", "threadedComment", "vmlDrawing", "drawing", "chart",
                                                   "table", "printerSettings", "chartUserShapes", "image")]
        pkg.remove(p)
    # Excel rebuilds the calculation chain; a stale one (cells of a removed sheet) is an error
    for target in pkg.drop_rels(wb_part, ("calcChain",)):
        if pkg.has(target):
            pkg.remove(target)
    _drop_title(pkg, sheet)


def _drop_title(pkg: Package, sheet: str) -> None:
    """Remove the sheet's name from docProps/app.xml (TitlesOfParts, and the worksheet count)."""
    if not pkg.has("docProps/app.xml"):
        return
    root = pkg.xml("docProps/app.xml")
    ns_vt = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"
    removed = False
    for titles in root.iter():
        if isinstance(titles.tag, str) and titles.tag.endswith("}TitlesOfParts"):
            for vec in titles.iter(ns_vt + "vector"):
                for s in vec.findall(ns_vt + "lpstr"):
                    if s.text == sheet and not removed:
                        vec.remove(s)
                        removed = True
                vec.set("size", str(len(vec)))
    if removed:
        for pairs in root.iter():
            if isinstance(pairs.tag, str) and pairs.tag.endswith("}HeadingPairs"):
                counts = list(pairs.iter(ns_vt + "i4"))
                if counts and counts[0].text and counts[0].text.isdigit():
                    counts[0].text = str(max(0, int(counts[0].text) - 1))
        pkg.touch("docProps/app.xml")


def _drop_rel_ids(pkg: Package, part: str, ids: set) -> list[str]:
    """Remove ``part``'s relationships with these ids; returns their internal targets."""
    if not ids:
        return []
    rels = pkg.rels(part)
    name, root = pkg.rels_root(part)
    if root is None:
        return []
    for rel in list(root):
        if rel.get("Id") in ids:
            root.remove(rel)
            pkg.touch(name)
    return [rels[i][1] for i in ids if i in rels and rels[i][2] != "External"]


def _blank_unused_strings(pkg: Package, wb_part: str, sheet_parts: list[str]) -> None:
    target = next((t for typ, t, _ in pkg.rels(wb_part).values() if typ == "sharedStrings"), None)
    if not target or not pkg.has(target):
        return
    used: set[int] = set()
    refs = 0
    for part in sheet_parts:
        for c in pkg.xml(part).iter(S + "c"):
            if c.get("t") == "s":
                v = c.find(S + "v")
                if v is not None and v.text and v.text.strip().isdigit():
                    used.add(int(v.text))
                    refs += 1
    sst = pkg.xml(target)
    for i, si in enumerate(sst.findall(S + "si")):
        if i not in used and (len(si) != 1 or si[0].tag != S + "t" or si[0].text):
            for ch in list(si):
                si.remove(ch)
            etree.SubElement(si, S + "t")
    if sst.get("count") is not None:
        sst.set("count", str(refs))
    pkg.touch(target)
