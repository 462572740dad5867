"""Excel writers with openpyxl (keeps cell styles, widths, merged cells and formulas; charts and
pictures openpyxl cannot carry are the known limit, said in docs/FILES.md).

- ``annotate_xlsx``: a cell comment (author govscan) on each finding's cell, several findings in a
  cell listed in one comment; findings outside cells (properties, sheet names) go to A1 of the
  first visible sheet, saying where they are.
- ``clean_xlsx``: hidden and very hidden sheets deleted; hidden rows and columns deleted
  (bottom-up / right-to-left, so the others keep their addresses as far as possible), comments
  removed, the personal properties blanked, and each personal-data finding masked in its cell.
"""
from __future__ import annotations

import io

from ...model import TYPE_LABELS
from ..document import Document
from ..limits import FileError

__all__ = ["annotate_xlsx", "clean_xlsx"]


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
        c = wb[sheet][cell]
        old = c.comment.text + "\n" if c.comment is not None else ""
        c.comment = Comment(old + "\n".join(texts), "govscan", width=360, height=160)
    return _save(wb)


def clean_xlsx(data: bytes, name: str, doc: Document, result) -> bytes:
    wb = _load(data, name)
    # masks first, while every cell is where the extractor saw it
    by_cell: dict[tuple[str, str], list] = {}
    for f in result.findings:
        loc = f.location or {}
        if f.category == "personal_data" and f.suggestion is not None and loc.get("sheet") in wb.sheetnames \
                and loc.get("cell") and loc.get("layer") in ("body", "hidden"):
            by_cell.setdefault((loc["sheet"], loc["cell"]), []).append(f)
    for (sheet, cell), fs in by_cell.items():
        c = wb[sheet][cell]
        seg = doc.segment_at(fs[0].start)
        value = doc.text[seg.start:seg.end]
        for f in sorted(fs, key=lambda f: -f.start):
            a, e = f.start - seg.start, f.end - seg.start
            value = value[:a] + f.suggestion + value[e:]
        c.value = value
    for ws in list(wb.worksheets):
        if ws.sheet_state != "visible" and len(wb.worksheets) > 1:
            wb.remove(ws)
    for ws in wb.worksheets:
        ws.sheet_state = "visible"
        for row in ws.iter_rows():
            for c in row:
                if c.comment is not None:
                    c.comment = None
        hidden_rows = sorted((r for r, d in ws.row_dimensions.items() if d.hidden), reverse=True)
        for r in hidden_rows:
            ws.delete_rows(r)
        from openpyxl.utils import column_index_from_string

        hidden_cols = set()
        for key, d in list(ws.column_dimensions.items()):
            if d.hidden:
                lo, hi = d.min or column_index_from_string(key), d.max or column_index_from_string(key)
                hidden_cols.update(range(lo, hi + 1))
                d.hidden = False
        for col in sorted(hidden_cols, reverse=True):
            ws.delete_cols(col)
    p = wb.properties
    for attr in ("creator", "lastModifiedBy", "title", "subject", "keywords", "description", "category"):
        setattr(p, attr, None)
    try:
        wb.custom_doc_props.props.clear()
    except AttributeError:  # older openpyxl
        pass
    return _save(wb)
