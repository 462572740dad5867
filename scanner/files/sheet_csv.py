"""CSV / TSV lists (the 公示 export of many systems): decoded as UTF-8 / BOM / GB18030 (Excel on
Chinese Windows saves GB18030), the delimiter sniffed, each cell a segment ``C7`` with its column
header as context, as for Excel."""
from __future__ import annotations

import csv
import io

from ..textio import decode_bytes
from .document import Builder
from .limits import Context, FileError
from .sheet import _looks_like_header, col_letter


def _delimiter(sample: str, name: str) -> str:
    if name.lower().endswith(".tsv"):
        return "\t"
    counts = {d: sample.count(d) for d in (",", "\t", ";", "|")}
    return max(counts, key=counts.get) if max(counts.values()) else ","


def extract_csv(data: bytes, name: str, b: Builder, ctx: Context) -> None:
    try:
        text, enc = decode_bytes(data, name=name)
    except Exception as e:
        raise FileError(str(e), "encoding") from None
    ctx.check_chars(len(text), name)
    b.metadata["encoding"] = enc
    delim = _delimiter(text[:8192], name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    headers: dict[int, str] = {}
    header_row = None
    rows = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as e:
        raise FileError(f"{name}: not a readable CSV file ({e})", "corrupt") from None
    for i, row in enumerate(rows[:5]):
        if _looks_like_header(row):
            header_row = i
            headers = {j: v.strip() for j, v in enumerate(row) if v.strip()}
            break
    letters: list[str] = []
    for i, row in enumerate(rows):
        if i % 5000 == 4999:
            ctx.check_time(name)
        while len(letters) < len(row):
            letters.append(col_letter(len(letters) + 1))
        rs = str(i + 1)
        use_context = header_row is not None and i != header_row
        out = []
        for j, value in enumerate(row):
            if not value or value.isspace():
                continue
            ref = letters[j] + rs
            out.append((value, "body", ref, None, headers.get(j) if use_context else None, ref))  # place: 单元格 B7
        b.add_row("table", None, out)
