"""Where archived posts come from: a JSONL or CSV file, a folder of ``.txt``/``.html``/``.docx``
files, or a SQL query (SQLite built in; other databases through SQLAlchemy).

A source yields :class:`RawRecord` s cheaply and in a fixed order: the main process only reads
bytes and rows; decoding JSON, extracting files and scanning happen in the workers
(:func:`scanner.batch.worker.process_items`). Every record has

``pos``
    its 0-based position among the source's records (blank JSONL lines are not records);
``key``
    a stable name for it inside the source: ``L12`` (JSONL line 12), ``R7`` (CSV data row 7 or
    SQL result row 7), or the file's path relative to the folder. Together with ``pos`` it
    identifies the record even when two records share an ``id``.

The order is deterministic (line order, row order, sorted file paths; SQL queries need an
``ORDER BY``), which is what makes a re-scan resumable.
"""
from __future__ import annotations

import codecs
import csv
import io
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import rx
from ..errors import InputError, ScannerError
from ..files import SUPPORTED_SUFFIXES as _FILE_SUFFIXES

#: what a folder re-scan reads: every file format, pictures included (OCR, cached by picture hash:
#: a second re-scan of the archive never reads the same picture twice)
SUPPORTED_SUFFIXES = tuple(_FILE_SUFFIXES)

__all__ = ["CSV_SUFFIXES", "JSONL_SUFFIXES", "Fields", "RawRecord", "Source", "Span", "open_source", "span_items"]

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
CSV_SUFFIXES = (".csv", ".tsv")
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")


@dataclass(frozen=True, slots=True)
class RawRecord:
    pos: int
    key: str
    payload: Any  # bytes (a JSONL line), dict (a CSV or SQL row), str (a file path)
    nbytes: int  # size of the payload in the source, for progress and MB/s


@dataclass(frozen=True)
class Fields:
    """Which fields of a JSONL/CSV/SQL record hold what; the first one present wins."""

    id: tuple[str, ...] = ("id",)
    text: tuple[str, ...] = ("text", "content")
    title: tuple[str, ...] = ("title",)
    date: tuple[str, ...] = ("published_at", "publish_time", "pub_date", "date", "time", "created_at", "year")
    account: tuple[str, ...] = ("account", "source", "author", "office", "site")

    def describe(self) -> dict[str, list[str]]:
        return {k: list(getattr(self, k)) for k in ("id", "text", "title", "date", "account")}


class Source:
    """Base class: ``kind``, ``spec`` (what the user gave), ``total_bytes`` (None if unknown)."""

    kind = "?"
    spec = ""
    total_bytes: int | None = None
    total_records: int | None = None
    notes: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[RawRecord]:  # pragma: no cover - abstract
        raise NotImplementedError

    def identity(self) -> dict[str, Any]:
        """What must not change between an interrupted run and the run that continues it."""
        return {"kind": self.kind, "spec": self.spec}


# ------------------------------------------------------------------------------------- JSONL
def _blank(raw: bytes) -> bool:
    """A blank line (only ASCII white space) is not a record (SPEC section 4)."""
    return raw[:1] != b"{" and not raw.strip()


class JsonlSource(Source):
    kind = "jsonl"

    def __init__(self, path: Path):
        self.path = path
        self.spec = str(path.resolve())
        self.total_bytes = path.stat().st_size
        #: (byte offset, line number) just after the last record yielded by iterating: where
        #: :meth:`spans` continues after the records a resumed run skipped
        self.after = (0, 1)

    def __iter__(self) -> Iterator[RawRecord]:
        pos = 0
        offset = 0
        self.after = (0, 1)
        with open(self.path, "rb", buffering=1 << 20) as f:
            for lineno, raw in enumerate(f, 1):
                offset += len(raw)
                if _blank(raw):
                    continue
                self.after = (offset, lineno + 1)
                yield RawRecord(pos, f"L{lineno}", raw, len(raw))
                pos += 1

    def spans(self, offset: int, first_line: int, first_pos: int, target: Callable[[int], int],
              max_records: int) -> Iterator[Span]:
        """The file from ``offset`` on as :class:`Span` s of whole lines.

        ``target(nbytes_so_far)`` gives the size wanted for the next span (it ends at the first
        line end after that many bytes; at most ``max_records`` lines). The file is mapped, not
        read: the work here is a walk over the line ends (``mmap.find``: memchr, ~0.5 µs a line
        against ~3 µs a record for reading the records) that counts them and checks that each
        line starts with ``{`` (then it is a record; only a span with another kind of line is
        copied and split here to find its blank lines). Whoever scans a span reads and splits
        its lines (:func:`span_items`), in a worker."""
        import mmap

        path = str(self.path)
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if offset >= size:
                return
            mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            find = mm.find
            done = 0
            while offset < size:
                end = min(size, offset + max(1, target(done)))
                # the line end at or after `end` closes the span (or the end of the file)
                stop = find(b"\n", end - 1)
                stop = size if stop < 0 else stop + 1
                # walk its line ends: count them, see whether every line starts a JSON object
                lines = 0
                objects = mm[offset:offset + 1] == b"{"
                i = find(b"\n", offset, stop)
                while i >= 0:
                    lines += 1
                    i += 1
                    if lines == max_records:
                        stop = i
                        break
                    if objects and i < stop and mm[i:i + 1] != b"{":
                        objects = False
                    i = find(b"\n", i, stop)
                open_end = mm[stop - 1:stop] != b"\n"  # the file's last line may have no line end
                if objects:
                    records, nbytes = lines + open_end, stop - offset
                else:
                    records = nbytes = 0
                    for raw in io.BytesIO(mm[offset:stop]):
                        if not _blank(raw):
                            records += 1
                            nbytes += len(raw)
                span = Span(path, offset, stop - offset, first_line, first_pos, lines, records, nbytes, open_end)
                done += stop - offset
                offset = stop
                first_line += lines
                first_pos += records
                if records:
                    yield span
        finally:
            mm.close()


@dataclass(frozen=True, slots=True)
class Span:
    """Whole lines of a JSONL file, to be read and split by the process that scans them: what a
    pool worker gets instead of the records themselves (a few numbers instead of the bytes)."""

    path: str
    offset: int
    length: int
    first_line: int  # line number of its first line (1-based)
    first_pos: int  # position of its first record
    lines: int  # line ends in it
    records: int  # lines that are records (not blank)
    nbytes: int  # bytes of those records, for progress and MB/s
    open_end: bool = False  # its last line has no line end (the file's last line)


class SourceChanged(ScannerError):
    """The source file changed while it was being re-scanned."""


def span_items(span: Span) -> list[tuple]:
    """The ``(pos, key, raw line, None)`` items of ``span``, read from the file — the same as
    :class:`JsonlSource` yields for those lines; checks that the lines are those counted."""
    with open(span.path, "rb") as f:
        f.seek(span.offset)
        data = f.read(span.length)
    items = []
    pos = span.first_pos
    lineno = span.first_line - 1
    for lineno, raw in enumerate(io.BytesIO(data), span.first_line):
        if _blank(raw):
            continue
        items.append((pos, f"L{lineno}", raw, None))
        pos += 1
    lines = lineno - span.first_line + 1  # lines seen, the last one with or without a line end
    if (len(data) != span.length or lines != span.lines + span.open_end or data.endswith(b"\n") == span.open_end
            or pos - span.first_pos != span.records):
        raise SourceChanged(f"{span.path} changed during the re-scan (lines {span.first_line:,}–"
                            f"{span.first_line + span.lines - 1:,}, bytes {span.offset:,}–{span.offset + span.length:,} "
                            "are not what was counted): the results committed so far are kept; run the same command "
                            "to continue, or with --restart if the file was replaced")
    return items


# ------------------------------------------------------------------------------------- CSV
def _sniff_encoding(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(1 << 20)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 3:  # a character cut by the 1 MiB boundary
            return "utf-8"
        return "gb18030"


class CsvSource(Source):
    kind = "csv"

    def __init__(self, path: Path, encoding: str | None = None, delimiter: str | None = None):
        self.path = path
        self.spec = str(path.resolve())
        self.total_bytes = path.stat().st_size
        self.encoding = encoding or _sniff_encoding(path)
        self.delimiter = delimiter or ("\t" if path.suffix.lower() == ".tsv" else ",")

    def identity(self) -> dict[str, Any]:
        return {**super().identity(), "encoding": self.encoding, "delimiter": self.delimiter}

    def __iter__(self) -> Iterator[RawRecord]:
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        # surrogateescape: an undecodable byte becomes a lone surrogate, so one bad row yields an
        # error line instead of stopping the whole file
        with open(self.path, "r", encoding=self.encoding, errors="surrogateescape", newline="") as f:
            reader = csv.reader(f, delimiter=self.delimiter)
            try:
                header = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                raise InputError(f"{self.path}: cannot read the CSV header ({e})") from None
            header = [h.strip() for h in header]
            pos = 0
            row_no = 0
            while True:
                row_no += 1
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as e:
                    yield RawRecord(pos, f"R{row_no}", {"__error__": f"row {row_no}: malformed CSV ({e})"}, 0)
                    pos += 1
                    continue
                if not row or (len(row) == 1 and not row[0].strip()):
                    row_no -= 1
                    continue  # blank lines are not records
                rec: dict[str, Any] = dict(zip(header, row))
                if len(row) > len(header):
                    rec["__extra__"] = len(row) - len(header)
                size = sum(len(c) for c in row) + len(row)
                yield RawRecord(pos, f"R{row_no}", rec, size)
                pos += 1


# ------------------------------------------------------------------------------------- folder
def _is_hidden(name: str) -> bool:
    return name.startswith((".", "~$"))  # ~$x.docx: Word's lock files


class FolderSource(Source):
    kind = "folder"

    def __init__(self, path: Path):
        self.path = path
        self.spec = str(path.resolve())
        files: list[tuple[str, str, int]] = []
        other = 0
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not _is_hidden(d))
            for name in filenames:
                if _is_hidden(name):
                    continue
                full = os.path.join(dirpath, name)
                if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                    other += 1
                    continue
                try:
                    size = os.path.getsize(full)
                except OSError:
                    size = 0
                rel = Path(full).relative_to(path).as_posix()
                files.append((rel, full, size))
        files.sort(key=lambda t: t[0])
        self.files = files
        self.total_bytes = sum(s for _, _, s in files)
        self.total_records = len(files)
        if other:
            self.notes = (f"{other} file(s) with other suffixes ignored (scanned: {', '.join(SUPPORTED_SUFFIXES)})",)

    def __iter__(self) -> Iterator[RawRecord]:
        for pos, (rel, full, size) in enumerate(self.files):
            yield RawRecord(pos, rel, full, size)


# ------------------------------------------------------------------------------------- SQL
_PASSWORD_RE = rx.compile(r"(://[^:/@]+:)[^@]*@")


def mask_url(url: str) -> str:
    return _PASSWORD_RE.sub(r"\1***@", url)


def _sql_value(v: Any) -> Any:
    if isinstance(v, memoryview):
        return bytes(v)
    if v is None or isinstance(v, (str, int, float, bytes)):
        return v
    if hasattr(v, "isoformat"):  # date, datetime
        return v.isoformat()
    return str(v)  # Decimal, UUID …


class SqlSource(Source):
    kind = "sql"

    def __init__(self, url: str, query: str):
        if not query or not query.strip():
            raise InputError("a SQL source needs --query 'SELECT id, text … FROM … ORDER BY …'")
        self.url = url
        self.query = query
        self.spec = mask_url(url)
        self._sqlite_path: Path | None = None
        if url.startswith("sqlite:"):
            path = url[len("sqlite:///"):] if url.startswith("sqlite:///") else ""
            if not path:
                raise InputError("a SQLite URL names a file: sqlite:///archive.db (relative) or "
                                 "sqlite:////abs/path.db")
            self._sqlite_path = Path(path)
        elif "://" not in url:
            self._sqlite_path = Path(url)
        if self._sqlite_path is not None:
            if not self._sqlite_path.is_file():
                raise InputError(f"{self._sqlite_path}: no such SQLite database")
            self.spec = str(self._sqlite_path.resolve())
        if not re.search(r"\border\s+by\b", query, re.IGNORECASE):
            self.notes = ("the query has no ORDER BY: a resumed run relies on the database returning rows in the "
                          "same order",)
        self._check()

    def identity(self) -> dict[str, Any]:
        return {**super().identity(), "query": self.query}

    def _check(self) -> None:
        """Fail early (usage error) when the database or the query is wrong."""
        try:
            it = self._rows()
            next(it, None)
            it.close()
        except InputError:
            raise
        except Exception as e:  # driver errors: bad SQL, no such table, connection refused  # noqa: BLE001
            raise InputError(f"{self.spec}: the query failed ({type(e).__name__}: {e})") from None

    def _rows(self) -> Iterator[dict[str, Any]]:
        if self._sqlite_path is not None:
            import sqlite3

            con = sqlite3.connect(f"file:{self._sqlite_path.resolve()}?mode=ro", uri=True)
            try:
                cur = con.execute(self.query)
                cols = [d[0] for d in cur.description or ()]
                while True:
                    batch = cur.fetchmany(1000)
                    if not batch:
                        return
                    for row in batch:
                        yield {c: _sql_value(v) for c, v in zip(cols, row)}
            finally:
                con.close()
        else:
            try:
                import sqlalchemy
            except ImportError:
                raise InputError(f"{self.spec}: reading this database needs SQLAlchemy and its driver: "
                                 "pip install 'govscan[postgres]'") from None
            try:
                engine = sqlalchemy.create_engine(self.url)
            except Exception as e:  # unknown dialect, driver not installed  # noqa: BLE001
                raise InputError(f"{self.spec}: cannot open the database ({type(e).__name__}: {e})") from None
            try:
                with engine.connect() as conn:
                    result = conn.execution_options(stream_results=True, yield_per=1000).execute(
                        sqlalchemy.text(self.query))
                    cols = list(result.keys())
                    for row in result:
                        yield {c: _sql_value(v) for c, v in zip(cols, row)}
            finally:
                engine.dispose()

    def __iter__(self) -> Iterator[RawRecord]:
        for pos, row in enumerate(self._rows()):
            size = sum(len(v) if isinstance(v, (str, bytes)) else 8 for v in row.values())
            yield RawRecord(pos, f"R{pos + 1}", row, size)


# ------------------------------------------------------------------------------------- factory
def is_database(spec: str) -> bool:
    """Whether SOURCE names a database: a URL, or a SQLite file (.db, .sqlite, .sqlite3)."""
    return "://" in spec or Path(spec).suffix.lower() in SQLITE_SUFFIXES


def open_source(spec: str, *, query: str | None = None, fmt: str | None = None,
                encoding: str | None = None) -> Source:
    """Open what the user named as SOURCE. Raises :class:`InputError` (a usage error) when it
    cannot be read at all; problems with single records come later, as error lines."""
    if spec == "-":
        raise InputError("a re-scan reads a file, folder or database, not standard input (it must be able to "
                         "read the source again to resume)")
    if fmt == "sql" or "://" in spec or (query and is_database(spec)):
        return SqlSource(spec, query or "")
    p = Path(spec)
    if not p.exists():
        raise InputError(f"{spec}: no such file or folder")
    if query:
        raise InputError("--query is for a database source (a URL such as sqlite:///archive.db)")
    if p.is_dir():
        return FolderSource(p)
    try:
        with open(p, "rb"):
            pass
    except OSError as e:
        raise InputError(f"{spec}: cannot read ({e.strerror})") from None
    fmt = fmt or ("csv" if p.suffix.lower() in CSV_SUFFIXES else "jsonl" if p.suffix.lower() in JSONL_SUFFIXES
                  else None)
    if fmt == "jsonl":
        return JsonlSource(p)
    if fmt in ("csv", "tsv"):
        return CsvSource(p, encoding, "\t" if fmt == "tsv" else None)
    raise InputError(f"{spec}: cannot tell the format from the suffix {p.suffix!r}; use --format jsonl or csv, "
                     "or give a folder or a database URL")
