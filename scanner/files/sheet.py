"""Excel (.xlsx/.xlsm): every sheet (hidden and very hidden too), hidden rows and columns, cell
comments, headers and footers, sheet names, and column headers as context.

The classic 公示 leak is a roster whose visible column is masked while a hidden column beside it
holds the full numbers: hidden cells are read as layer ``hidden`` (label "隐藏列 D", "隐藏行 12",
"隐藏工作表「原始数据」"). The header row (the first mostly-text row among the first five) gives
each cell below it its column's header as ``context``, so a column headed 身份证号 or 姓名 raises
its cells' evidence in the scan step.

Parsed with lxml over the raw parts (openpyxl builds a cell object per cell and reads no hidden
flags in read-only mode; the raw XML is several times faster and sees everything).
"""
from __future__ import annotations

import re

from .document import Builder
from .limits import Context, FileError, SafeZip
from .ooxml import read_embedded, read_properties, rels_of

S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL_RE = re.compile(r"([A-Z]+)(\d+)")
_MAX_HEADER = 24
_C = S + "c"


def col_letter(n: int) -> str:
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _shared_strings(zf: SafeZip, target: str | None) -> list[str]:
    if not target or not zf.has(target):
        return []
    root = zf.xml(target)
    out = []
    for si in root.iter(S + "si"):
        # the string's own runs, not the phonetic (rPh) guide
        out.append("".join(t.text or "" for t in si.iter(S + "t") if t.getparent().tag != S + "rPh"))
    return out


def _number_text(v: str) -> str:
    """A numeric cell as Excel shows it: an integer without exponent where it is integral."""
    if "E" in v or "e" in v:
        try:
            f = float(v)
        except ValueError:
            return v
        if f.is_integer() and abs(f) < 1e21:
            return str(int(f))
        return v
    if v.endswith(".0"):
        return v[:-2]
    return v


_V, _IS = S + "v", S + "is"


def _cell_value(c, shared: list[str]) -> str:
    t = c.get("t")
    v = None
    for ch in c:  # one pass over the (one or two) children, no XPath
        tag = ch.tag
        if tag == _V:
            v = ch.text
        elif tag == _IS:
            return "".join(ch.itertext())
    if v is None:
        return ""
    if t == "s":
        try:
            return shared[int(v)]
        except (ValueError, IndexError):
            return ""
    if t in ("str", "e", "inlineStr"):
        return v
    if t == "b":
        return "TRUE" if v == "1" else "FALSE"
    return _number_text(v)


def cell_place(sheet: str, ref: str, row: str, col: str, sheet_hidden: bool, row_hidden: bool,
               col_hidden: bool) -> tuple[str, str]:
    """(layer, label) of a spreadsheet cell: hidden sheet, row or column first (shared with ODF)."""
    if sheet_hidden:
        return "hidden", f"隐藏工作表「{sheet}」 {ref}"
    if row_hidden:
        return "hidden", f"隐藏行 {row}（工作表「{sheet}」{ref}）"
    if col_hidden:
        return "hidden", f"隐藏列 {col}（工作表「{sheet}」{ref}）"
    return "body", f"工作表「{sheet}」{ref}"


def _looks_like_header(values: list[str]) -> bool:
    vals = [v.strip() for v in values if v.strip()]
    if len(vals) < 2:
        return False
    texty = sum(1 for v in vals if len(v) <= _MAX_HEADER and not any(ch.isdigit() for ch in v))
    return texty >= max(2, int(len(vals) * 0.7))


def _read_sheet(zf: SafeZip, part: str, sheet: str, hidden_sheet: bool, shared: list[str], b: Builder,
                ctx: Context) -> None:
    root = zf.xml(part)
    hidden_cols: set[int] = set()
    cols = root.find(S + "cols")
    if cols is not None:
        for col in cols.iter(S + "col"):
            if col.get("hidden") in ("1", "true"):
                lo, hi = int(col.get("min", "0")), int(col.get("max", "0"))
                if hi - lo > 16384:
                    hi = lo + 16384
                hidden_cols.update(range(lo, hi + 1))
    data = root.find(S + "sheetData")
    rows = [] if data is None else data.findall(S + "row")
    # header row: first mostly-text row within the first five non-empty rows
    headers: dict[int, str] = {}
    header_row = None
    seen = 0
    for row in rows:
        cells = row.findall(S + "c")
        vals = [_cell_value(c, shared) for c in cells]
        if not any(v.strip() for v in vals):
            continue
        seen += 1
        if _looks_like_header(vals):
            header_row = row.get("r")
            for c, v in zip(cells, vals):
                m = _CELL_RE.match(c.get("r") or "")
                if m and v.strip():
                    headers[col_number(m.group(1))] = v.strip()
            break
        if seen >= 5:
            break
    sheet_label = f"隐藏工作表「{sheet}」" if hidden_sheet else f"工作表「{sheet}」"
    b.add(sheet, part, "hidden" if hidden_sheet else "body", sheet=sheet, label=f"{sheet_label}·工作表名")
    cols_seen: dict[str, int] = {}
    for n, row in enumerate(rows):
        if n % 2000 == 0:
            ctx.check_time(zf.name)
        r = row.get("r")
        row_hidden = row.get("hidden") in ("1", "true")
        wrote = False
        for c in row.iter(_C):
            value = _cell_value(c, shared)
            if not value or value.isspace():
                continue
            ref = c.get("r") or ""
            letters = ref.rstrip("0123456789")
            col = cols_seen.get(letters)
            if col is None:
                col = cols_seen[letters] = col_number(letters) if letters.isalpha() and letters.isupper() else 0
            rown = ref[len(letters):] or r
            layer, label = cell_place(sheet, ref, rown, letters, hidden_sheet, row_hidden, col in hidden_cols)
            context = headers.get(col) if header_row is not None and r != header_row else None
            b.add(value, part, layer, sep="\t", sheet=sheet, cell=ref or None, label=label, context=context,
                  ref=(part, ref))
            wrote = True
        if wrote:
            b.separate()
    hf = root.find(S + "headerFooter")
    if hf is not None:
        for el in hf:
            name = el.tag.rsplit("}", 1)[-1]
            text = re.sub(r"&[A-Za-z]|&\"[^\"]*\"|&\d+", "", el.text or "").strip()
            layer = "header" if "Header" in name else "footer"
            b.add(text, part, layer, sheet=sheet, label=f"工作表「{sheet}」{'页眉' if layer == 'header' else '页脚'}")
    # cell comments (legacy notes) and threaded comments, through the sheet's relationships
    for typ, target, mode in rels_of(zf, part).values():
        if mode == "External" or not zf.has(target):
            continue
        if typ == "comments":
            croot = zf.xml(target)
            authors = [a.text or "" for a in croot.iter(S + "author")]
            for cm in croot.iter(S + "comment"):
                try:
                    author = authors[int(cm.get("authorId", "0"))]
                except (ValueError, IndexError):
                    author = ""
                text = "".join(t.text or "" for t in cm.iter(S + "t")).strip()
                ref = cm.get("ref") or ""
                b.add(text, target, "comment", sheet=sheet, cell=ref or None,
                      label=f"批注（{author or '未署名'}）· {ref}", context=author or None, ref=(target, ref))
        elif typ == "threadedComment":
            troot = zf.xml(target)
            for tc in troot:
                text = "".join(tc.itertext()).strip()
                ref = tc.get("ref") or ""
                b.add(text, target, "comment", sheet=sheet, cell=ref or None, label=f"批注（会话）· {ref}",
                      ref=(target, ref))


def extract_xlsx(zf: SafeZip, name: str, b: Builder, ctx: Context) -> None:
    if not zf.has("xl/workbook.xml"):
        raise FileError(f"{name}: not an Excel workbook (no xl/workbook.xml)", "corrupt")
    wb = zf.xml("xl/workbook.xml")
    rels = rels_of(zf, "xl/workbook.xml")
    shared_target = next((t for typ, t, _ in rels.values() if typ == "sharedStrings"), "xl/sharedStrings.xml")
    shared = _shared_strings(zf, shared_target)
    sheets = wb.find(S + "sheets")
    for sh in ([] if sheets is None else sheets.findall(S + "sheet")):
        rid = sh.get(R + "id")
        target = rels.get(rid, ("", "", ""))[1]
        if not target or not zf.has(target):
            b.warn(f"{name}: sheet {sh.get('name')!r} has no part {target!r}")
            continue
        hidden = sh.get("state") in ("hidden", "veryHidden")
        _read_sheet(zf, target, sh.get("name") or target, hidden, shared, b, ctx)
    dn = wb.find(S + "definedNames")
    if dn is not None:
        for d in dn:
            if (d.get("name") or "").startswith("_xlnm."):
                continue
            b.add(f"{d.get('name')}={d.text or ''}", "xl/workbook.xml", "hidden" if d.get("hidden") == "1" else "body",
                  label=f"定义名称「{d.get('name')}」")
    read_properties(zf, b, ctx)
    read_embedded(zf, b, ctx, ("xl/embeddings/", "xl/media/"))
