"""One record in, one result out: what a worker makes of a raw record.

:func:`scan_record` decodes the JSON (or takes the SQL/CSV row, or extracts the file), finds the
id, title, account, date and text through the field mapping, scans the text, or carries the
previous result over (``--changed-since``), and shapes the three outputs: the ``scans`` row, the
``findings`` rows (store.py) and the JSONL line. A record that cannot be scanned becomes an
error line (:func:`error_record`). The loop over a chunk is :func:`scanner.batch.worker.process_items`.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from .. import rx
from ..dates import normalise_date
from ..detectors.context import published_in
from ..errors import InputError
from ..textio import JsonObjectError, json_object
from .fingerprint import short_hash

if TYPE_CHECKING:
    from .store import OldRow
    from .worker import WorkerContext

__all__ = ["error_record", "normalise_date", "scan_record", "where_in_source"]

_PATH_DATE = rx.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])(?:[-_.]?(0[1-9]|[12]\d|3[01]))?(?!\d)")


def _first(rec: dict, names: tuple[str, ...]) -> tuple[str | None, Any]:
    for n in names:
        if n in rec and rec[n] is not None and rec[n] != "":
            return n, rec[n]
    return None, None


def _meta_str(v: Any, clean: bool = False) -> str | None:
    """A short metadata string (title, account); ``clean`` replaces undecodable bytes (CSV)."""
    if v is None:
        return None
    s = (v if isinstance(v, str) else str(v)).strip()[:500]
    if not s:
        return None
    return s.encode("utf-8", "replace").decode("utf-8") if clean else s


def _sql_id(v: Any) -> Any:
    if v is None or isinstance(v, (str, float)):
        return v
    if isinstance(v, int) and not isinstance(v, bool) and -2**63 <= v < 2**63:
        return v
    return orjson.dumps(v).decode()


_HAS_FRAGMENT = hasattr(orjson, "Fragment")


def where_in_source(kind: str, key: str) -> str:
    """How a message names the record: ``line 12``, ``row 7`` or the file's path."""
    if kind == "jsonl":
        return f"line {key[1:]}"
    if kind in ("csv", "sql"):
        return f"row {key[1:]}"
    return key


def error_record(ctx: WorkerContext, pos: int, key: str, ident: Any, reason: str, scanned_at: str,
                 meta: tuple = (None, None, None), kind: str | None = None) -> tuple:
    """The outputs of a record that cannot be scanned: ``reason`` in the row and the JSONL line."""
    title, account, published = meta
    row = (pos, key, _sql_id(ident), None, reason, 0, 0, 0, None, None, None, None, None, title, account,
           published, kind or ("json" if ctx.params.kind == "jsonl" else ctx.params.kind), 1, scanned_at)
    line = orjson.dumps({"id": ident, "error": reason, "record": key}) + b"\n"
    return row, (), line


def scan_record(ctx: WorkerContext, pos: int, key: str, payload: Any, old: OldRow | None, scanned_at: str) -> tuple:
    """``(scan_row, finding_rows, jsonl_line)`` of one record (``old``: its previous result, if any)."""
    p = ctx.params
    kind = p.kind
    where = where_in_source(kind, key)
    blocks_doc = None
    title = account = published = None
    ident: Any = None
    if kind == "folder":
        from ..files import extract_file

        ident = key
        parts = key.split("/")
        account = parts[0] if len(parts) > 1 else None
        m = _PATH_DATE.search(key)
        if m:
            published = f"{m.group(1)}-{m.group(2)}" + (f"-{m.group(3)}" if m.group(3) else "")
        doc_kind = Path(key).suffix.lower().lstrip(".")
        doc_kind = {"htm": "html", "text": "txt", "md": "txt"}.get(doc_kind, doc_kind)
        try:
            doc = extract_file(payload)
        except InputError as e:
            return error_record(ctx, pos, key, ident, str(e).replace(str(payload), key), scanned_at,
                                (title, account, published), doc_kind)
        text = doc.text
        title = _meta_str(doc.title)
        kind_out = doc.kind
        if doc.kind != "txt":
            blocks_doc = doc
    else:
        kind_out = "json" if kind == "jsonl" else kind
        if kind == "jsonl":
            try:
                rec = json_object(payload)
            except JsonObjectError as e:
                return error_record(ctx, pos, key, None, f"{where}: {e}", scanned_at)
        else:
            rec = payload
            if "__error__" in rec:
                return error_record(ctx, pos, key, None, rec["__error__"], scanned_at)
        f = p.fields
        _, ident = _first(rec, f.id)
        _, t = _first(rec, f.title)
        _, a = _first(rec, f.account)
        _, d = _first(rec, f.date)
        clean = kind == "csv"
        title, account, published = _meta_str(t, clean), _meta_str(a, clean), normalise_date(d)
        meta = (title, account, published)
        tname, text = None, None
        for n in f.text:
            if n in rec:
                tname, text = n, rec[n]
                break
        if tname is None:
            names = ", ".join(repr(n) for n in f.text)
            return error_record(ctx, pos, key, ident, f"{where}: no text field (looked for {names})", scanned_at,
                                meta)
        if isinstance(text, bytes):  # a BLOB column
            from ..textio import decode_bytes

            try:
                text, _ = decode_bytes(text, name=f"{where}: {tname!r}")
            except InputError as e:
                return error_record(ctx, pos, key, ident, str(e), scanned_at, meta)
        if text is None:
            return error_record(ctx, pos, key, ident, f"{where}: {tname!r} is null", scanned_at, meta)
        if not isinstance(text, str):
            return error_record(ctx, pos, key, ident,
                                f"{where}: {tname!r} must be a string, not {type(text).__name__}", scanned_at, meta)
        if kind == "csv":
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as e:
                return error_record(ctx, pos, key, ident, f"{where}: {tname!r} has bytes that are not valid in the "
                                                          f"file's encoding (at character {e.start})", scanned_at, meta)
    raw = text.encode("utf-8", "surrogatepass")
    text_hash = short_hash(raw)
    # (a changed publication date changes what is outdated: scanned again)
    carried = (old is not None and ctx.keys is not None and old.error is None and old.text_hash == text_hash
               and old.published == published and not ctx.keys.touches(text))
    if carried:
        findings_json = old.findings or "[]"
        findings = orjson.loads(findings_json)
        verdict = old.verdict
        at = old.scanned_at or scanned_at
    else:
        # the record's date (normalised: YYYY…): an outdated name in a post published before its change is right
        with published_in(int(published[:4]) if published else None):
            if blocks_doc is not None:  # a file: every part of it, findings located (SPEC section 6)
                from ..files.scan import scan_document

                result = scan_document(ctx.scanner, blocks_doc, id=ident)
            else:
                result = ctx.scanner.scan(text, id=ident)
        verdict = result.verdict
        findings = [fi.to_dict() for fi in result.findings]
        for fd in findings:
            loc = fd.get("location")
            if loc:
                fd["element_path"] = loc["part"] if loc["layer"] == "body" else f"{loc['part']} [{loc['label']}]"
        findings_json = orjson.dumps(findings).decode()
        at = scanned_at
    n_block = n_review = 0
    frows = []
    for i, fd in enumerate(findings):
        sev = fd["severity"]
        if sev == "block":
            n_block += 1
        elif sev == "review":
            n_review += 1
        frows.append((pos, i, fd["start"], fd["end"], fd["category"], fd["type"], sev, fd["rule"], fd["text"],
                      fd.get("element_path")))
    keep_text = p.store_text == "all" or (p.store_text == "findings" and findings)
    row = (pos, key, _sql_id(ident), verdict, None, len(findings), n_block, n_review, findings_json,
           p.lexicon_version, text if keep_text else None, text_hash, len(text), title, account, published,
           kind_out, 0 if carried else 1, at)
    fj = orjson.Fragment(findings_json) if _HAS_FRAGMENT else findings
    line = orjson.dumps({"id": ident, "verdict": verdict, "findings": fj, "lexicon_version": p.lexicon_version,
                         "record": key}) + b"\n"
    return row, frows, line
