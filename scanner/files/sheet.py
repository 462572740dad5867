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

import io
from functools import lru_cache

from .. import rx
from .document import Builder
from .limits import Context, FileError, SafeZip
from .ooxml import read_embedded, read_properties, rels_of

S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
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


_ROW_TAG = rx.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b([^>]*)>")
_COL_TAG = rx.compile(rb"<(?:[A-Za-z_][\w.-]*:)?col\b([^>]*)>")
_ATTR_R = rx.compile(rb"\br\s*=\s*[\"'](\d+)[\"']")
_ATTR_HIDDEN = rx.compile(rb"\bhidden\s*=\s*[\"'](?:1|true)[\"']")
_ATTR_MIN = rx.compile(rb"\bmin\s*=\s*[\"'](\d+)[\"']")
_ATTR_MAX = rx.compile(rb"\bmax\s*=\s*[\"'](\d+)[\"']")
_HF_TAG = rx.compile(rb"<(?:[A-Za-z_][\w.-]*:)?((?:odd|even|first)(?:Header|Footer))\b[^>]*>([^<]*)<")
_HF_CODES = rx.compile(r"&[A-Za-z]|&\"[^\"]*\"|&\d+")
#: calamine makes a sheet one dense grid from its first to its last cell; past this many grid
#: cells (~200 MB) a sheet is read by lxml, cell by cell (a hostile sheet with cells in A1 and
#: XFD1048576 would ask calamine for 17 billion cells, and a failed allocation aborts the process)
_MAX_GRID = 6_000_000
_WIDE_REF = rx.compile(rb'r="[A-Z]{3}')  # a column past ZZ
_TWO_LETTER_REF = rx.compile(rb'r="[A-Z]{2}[0-9]')
_PAST_AZ_REF = rx.compile(rb'r="[B-Z][A-Z][0-9]')
_ROW_DIGITS = {k: rx.compile(rb'r="[A-Z]+[0-9]{%d}' % k) for k in (3, 4, 5, 6, 7, 8)}
Rows = list[tuple[int, bool, list[tuple[int, object]]]]  # (row number, hidden, [(column number, value)])


def _col_span(lo: int, hi: int) -> range:
    return range(lo, min(hi, lo + 16384) + 1)


def _value_text(v) -> str:
    """A calamine cell value as Excel shows it (numbers without a needless ``.0``, dates ISO)."""
    cls = v.__class__
    if cls is float:
        return str(int(v)) if v.is_integer() and abs(v) < 1e21 else repr(v)
    if cls is bool:
        return "TRUE" if v else "FALSE"
    if hasattr(v, "isoformat"):
        return v.isoformat(sep=" ") if hasattr(v, "hour") and hasattr(v, "day") else v.isoformat()
    return str(v)


def grid_bound(raw: bytes) -> int | None:
    """An upper bound of the dense grid calamine would allocate for this sheet XML, from a few
    byte searches (milliseconds on a 6 MB sheet); None when the cell references are not all in
    the plain ``<c r="A1"`` form the searches can bound."""
    cells = raw.count(b"<c ")
    if raw.count(b'<c r="') != cells or b"<c>" in raw or b"<c/>" in raw or b":c " in raw or b":c>" in raw:
        return None
    if _WIDE_REF.search(raw):
        return None
    width = 26 if not _TWO_LETTER_REF.search(raw) else 52 if not _PAST_AZ_REF.search(raw) else 702
    height = 10 ** 9
    for k in (3, 4, 5, 6, 7, 8):
        if not _ROW_DIGITS[k].search(raw):
            height = 10 ** (k - 1)  # no row number has k digits
            break
    return width * height


def _grid_rows(book, sheet: str, raw: bytes) -> tuple[Rows, set[int]] | None:
    """The sheet's cells through calamine (Rust; 100,000 cells in ~0.2 s where lxml's element walk
    takes ~0.5 s), hidden rows and columns from the row and column tags of the raw XML. None when
    the fast path cannot be sure of the answer: calamine fails, a row has no ``r`` attribute, or the
    grid could be larger than ``_MAX_GRID`` (:func:`grid_bound`): the lxml reader takes those."""
    if book is None:
        return None
    bound = grid_bound(raw)
    if bound is None or bound > _MAX_GRID:
        return None
    data_at = raw.find(b"sheetData")
    data_at = 0 if data_at < 0 else data_at
    hidden_rows = set()
    if raw.find(b"hidden", data_at) >= 0:  # most sheets hide no row: no need to read every row tag
        for attrs in _ROW_TAG.findall(raw, data_at):
            m = _ATTR_R.search(attrs)
            if m is None:
                return None
            if _ATTR_HIDDEN.search(attrs):
                hidden_rows.add(int(m.group(1)))
    try:
        sh = book.get_sheet_by_name(sheet)
        r0, c0 = sh.start if sh.height else (0, 0)
        grid = sh.to_python(skip_empty_area=True) if sh.height else []
    except BaseException as e:  # calamine's Rust panics arrive as pyo3's PanicException (a BaseException)
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        return None
    hidden_cols: set[int] = set()
    for attrs in _COL_TAG.findall(raw, 0, data_at or len(raw)):  # <cols> comes before <sheetData>
        if _ATTR_HIDDEN.search(attrs):
            lo, hi = _ATTR_MIN.search(attrs), _ATTR_MAX.search(attrs)
            if lo and hi:
                hidden_cols.update(_col_span(int(lo.group(1)), int(hi.group(1))))
    rows: Rows = []
    first = c0 + 1
    for i, values in enumerate(grid):
        cells_of = [(first + j, v) for j, v in enumerate(values) if v != ""]
        if cells_of:
            r = r0 + i + 1
            rows.append((r, r in hidden_rows, cells_of))
    return rows, hidden_cols


def hidden_columns(root) -> set[int]:
    """The hidden column numbers of a worksheet's ``<cols>`` (lxml root; shared with the writer)."""
    out: set[int] = set()
    cols = root.find(S + "cols")
    for col in ([] if cols is None else cols.iter(S + "col")):
        if col.get("hidden") in ("1", "true"):
            try:
                out.update(_col_span(int(col.get("min", "0")), int(col.get("max", "0"))))
            except ValueError:
                pass
    return out


@lru_cache(maxsize=4096)
def _letters_column(letters: str) -> int:
    return col_number(letters) if letters.isalpha() and letters.isupper() else 0


def row_cells(row):
    """``(column number, <c> element)`` of a ``<row>``: a cell's ``r`` says its column, a cell
    without one follows the one before it (shared with the writer, so it empties the cells the
    extractor read)."""
    pos = 0
    for c in row.iter(_C):
        pos = _letters_column((c.get("r") or "").rstrip("0123456789")) or pos + 1
        yield pos, c


def _xml_rows(root, shared: list[str]) -> tuple[Rows, set[int]]:
    """The sheet's cells through lxml (the general reader: sparse sheets, rows without ``r``)."""
    data = root.find(S + "sheetData")
    rows: Rows = []
    last = 0
    for row in ([] if data is None else data.iterfind(S + "row")):
        r = row.get("r")
        rnum = int(r) if r and r.isdigit() else last + 1
        last = rnum
        cells_of = [(col, value) for col, c in row_cells(row) if (value := _cell_value(c, shared))]
        if cells_of:
            rows.append((rnum, row.get("hidden") in ("1", "true"), cells_of))
    return rows, hidden_columns(root)


def _header_row(rows: Rows) -> tuple[int | None, dict[int, str]]:
    """The first mostly-text row among the first five non-empty rows, and its headers by column."""
    for rnum, _, cells in rows[:5]:
        vals = [v if v.__class__ is str else _value_text(v) for _, v in cells]
        if _looks_like_header(vals):
            return rnum, {col: v.strip() for (col, _), v in zip(cells, vals) if v.strip()}
    return None, {}


def _read_sheet(zf: SafeZip, part: str, sheet: str, hidden_sheet: bool, shared, b: Builder, ctx: Context,
                book=None) -> None:
    raw = zf.read(part)
    ctx.check_xml(raw, f"{zf.name}:{part}")
    fast = _grid_rows(book, sheet, raw)
    root = None
    if fast is None:
        root = ctx.parse_xml(raw, f"{zf.name}:{part}")
        rows, hidden_cols = _xml_rows(root, shared())
    else:
        rows, hidden_cols = fast
    header_row, headers = _header_row(rows)
    sheet_label = f"隐藏工作表「{sheet}」" if hidden_sheet else f"工作表「{sheet}」"
    b.add(sheet, part, "hidden" if hidden_sheet else "body", sheet=sheet, label=f"{sheet_label}·工作表名")
    columns: dict[int, tuple[str, bool, str | None]] = {}  # column -> (letters, hidden, header)
    for n, (rnum, row_hidden, cells) in enumerate(rows):
        if n % 2000 == 1999:
            ctx.check_time(zf.name)
        rs = str(rnum)
        in_header = rnum == header_row
        out = []
        for col, value in cells:
            if value.__class__ is not str:
                value = _value_text(value)
            if not value or value.isspace():
                continue
            info = columns.get(col)
            if info is None:
                info = columns[col] = (col_letter(col), col in hidden_cols, headers.get(col))
            letters, col_hidden, context = info
            ref = letters + rs
            if hidden_sheet or row_hidden or col_hidden:
                layer, label = cell_place(sheet, ref, rs, letters, hidden_sheet, row_hidden, col_hidden)
            else:  # a plain cell: Segment.place says 工作表「…」B7 when asked
                layer, label = "body", None
            out.append((value, layer, ref, label, None if in_header else context, None))
        b.add_row(part, sheet, out)
    for kind, text in _header_footer(root, raw):
        layer = "header" if "Header" in kind else "footer"
        b.add(text, part, layer, sheet=sheet, label=f"工作表「{sheet}」{'页眉' if layer == 'header' else '页脚'}")
    _read_comments(zf, part, sheet, b)


def _header_footer(root, raw_part: bytes) -> list[tuple[str, str]]:
    """``(oddHeader …, text)`` of the sheet's print header and footer, Excel's ``&`` codes removed."""
    import html

    out = []
    if root is not None:
        hf = root.find(S + "headerFooter")
        items = [] if hf is None else [(el.tag.rsplit("}", 1)[-1], el.text or "") for el in hf]
    elif b"eaderFooter" in raw_part:
        items = [(k.decode(), html.unescape(v.decode("utf-8", "replace"))) for k, v in _HF_TAG.findall(raw_part)]
    else:
        items = []
    for kind, text in items:
        text = _HF_CODES.sub("", text).strip()
        if text:
            out.append((kind, text))
    return out


def _read_comments(zf: SafeZip, part: str, sheet: str, b: Builder) -> None:
    """Cell comments (legacy notes) and threaded comments, through the sheet's relationships."""
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


def _open_book(zf: SafeZip):
    """The workbook in calamine, or None (not installed, or it cannot read this file: lxml reads it)."""
    try:
        from python_calamine import CalamineWorkbook

        return CalamineWorkbook.from_filelike(io.BytesIO(zf.data))
    except BaseException as e:
        if isinstance(e, (KeyboardInterrupt, SystemExit)):
            raise
        return None


def sheet_entries(wb_root, rels: dict) -> list[tuple[str | None, str, bool]]:
    """``(name, part, hidden)`` of each sheet of ``xl/workbook.xml``, in workbook order (``part`` is
    "" when its relationship is missing); ``rels`` as :func:`scanner.files.ooxml.rels_of` gives them."""
    sheets = wb_root.find(S + "sheets")
    return [(sh.get("name"), rels.get(sh.get(R + "id"), ("", "", ""))[1], sh.get("state") in ("hidden", "veryHidden"))
            for sh in ([] if sheets is None else sheets.findall(S + "sheet"))]


def extract_xlsx(zf: SafeZip, name: str, b: Builder, ctx: Context) -> None:
    if not zf.has("xl/workbook.xml"):
        raise FileError(f"{name}: not an Excel workbook (no xl/workbook.xml)", "corrupt")
    wb = zf.xml("xl/workbook.xml")
    rels = rels_of(zf, "xl/workbook.xml")
    shared_target = next((t for typ, t, _ in rels.values() if typ == "sharedStrings"), "xl/sharedStrings.xml")
    cache: list[list[str]] = []

    def shared() -> list[str]:  # parsed only when a sheet is read by lxml
        if not cache:
            cache.append(_shared_strings(zf, shared_target))
        return cache[0]

    if shared_target and zf.has(shared_target):
        ctx.check_xml(zf.read(shared_target), f"{name}:{shared_target}")  # inflated within its declared size
    entries = sheet_entries(wb, rels)
    names = [n for n, _, _ in entries]
    # calamine finds a sheet by its name: with a name missing or twice, lxml reads the parts
    book = _open_book(zf) if all(names) and len(set(names)) == len(names) else None
    for sheet, target, hidden in entries:
        if not target or not zf.has(target):
            b.warn(f"{name}: sheet {sheet!r} has no part {target!r}")
            continue
        _read_sheet(zf, target, sheet or target, hidden, shared, b, ctx, book)
    dn = wb.find(S + "definedNames")
    if dn is not None:
        for d in dn:
            if (d.get("name") or "").startswith("_xlnm."):
                continue
            b.add(f"{d.get('name')}={d.text or ''}", "xl/workbook.xml", "hidden" if d.get("hidden") == "1" else "body",
                  label=f"定义名称「{d.get('name')}」")
    read_properties(zf, b, ctx)
    read_embedded(zf, b, ctx, ("xl/embeddings/", "xl/media/"))
