"""The results of a re-scan: ``RESULTS/results.jsonl`` and ``RESULTS/results.sqlite``.

The SQLite database is the journal of the run and what the reviewer page and the report read.
Schema (documented for readers in ``docs/RESCAN.md``; ``schema_version`` in ``meta``)::

    meta(key TEXT PRIMARY KEY, value TEXT)            run facts: source, lexicon version, status …
    scans(pos INTEGER PRIMARY KEY, record, id, verdict, error, n_findings, n_block, n_review,
          findings, lexicon_version, text, text_hash, chars, title, account, published, kind,
          rescanned, scanned_at)                       one row per input record
    findings(pos, idx, span_start, span_end, category, type, severity, rule, text, element_path)
                                                      one row per finding, for GROUP BY queries
    lexicon_entries(fp, rule, key)                    the lexicon used (for --changed-since)

Commit protocol (exactly one line per record, even after ``kill -9``): the lines of a batch of
finished records are appended to the JSONL file, flushed and fsynced; then, in one SQLite
transaction, their rows are inserted and ``meta.jsonl_bytes`` / ``meta.next_pos`` are set. Rows
come as tuples (``--workers 1``, Spark) or, from pool workers, as serialised in-memory databases
(:func:`shard_database`) copied in with ``INSERT … SELECT``. WAL checkpoints run in a thread
(:class:`_Checkpointer`), not inside a commit.
A run that continues an interrupted one first truncates the JSONL file to ``jsonl_bytes``
(dropping lines written after the last commit) and skips the first ``next_pos`` records.
"""
from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..errors import InputError

__all__ = ["CAN_SHARD", "DB_NAME", "JSONL_NAME", "SCHEMA_VERSION", "OldRow", "ResultStore", "find_db", "now_iso",
           "shard_database"]

SCHEMA_VERSION = "1"
DB_NAME = "results.sqlite"
JSONL_NAME = "results.jsonl"

SCHEMA = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE scans (
    pos             INTEGER PRIMARY KEY,    -- 0-based position of the record in the source
    record          TEXT NOT NULL,          -- L12 (JSONL line), R7 (CSV/SQL row), a/b.html (file)
    id,                                     -- the record's id as in the source (text or number)
    verdict         TEXT,                   -- block | review | pass; NULL when error is set
    error           TEXT,                   -- why the record could not be scanned
    n_findings      INTEGER NOT NULL DEFAULT 0,
    n_block         INTEGER NOT NULL DEFAULT 0,
    n_review        INTEGER NOT NULL DEFAULT 0,
    findings        TEXT,                   -- JSON array of findings (SPEC section 2)
    lexicon_version TEXT,
    text            TEXT,                   -- the scanned text (by default only when it has findings)
    text_hash       TEXT,                   -- blake2b-128 hex of the text's UTF-8
    chars           INTEGER,                -- length of the text in code points
    title           TEXT,
    account         TEXT,                   -- source / account / author of the post
    published       TEXT,                   -- YYYY, YYYY-MM or YYYY-MM-DD
    kind            TEXT,                   -- json | csv | sql | txt | html | docx
    rescanned       INTEGER NOT NULL DEFAULT 1,  -- 0: carried over unchanged by --changed-since
    scanned_at      TEXT
);
CREATE TABLE findings (
    pos          INTEGER NOT NULL,          -- scans.pos
    idx          INTEGER NOT NULL,          -- index in scans.findings
    span_start   INTEGER NOT NULL,
    span_end     INTEGER NOT NULL,
    category     TEXT NOT NULL,
    type         TEXT NOT NULL,
    severity     TEXT NOT NULL,
    rule         TEXT NOT NULL,
    text         TEXT NOT NULL,
    element_path TEXT,                      -- HTML element path / Word paragraph, for files
    PRIMARY KEY (pos, idx)
) WITHOUT ROWID;
CREATE TABLE lexicon_entries (
    fp   TEXT PRIMARY KEY,                  -- fingerprint of everything in the entry that can change a result
    rule TEXT NOT NULL,
    key  TEXT NOT NULL                      -- the normalised term the automaton matches
) WITHOUT ROWID;
"""

#: Built when a run finishes (cheaper than keeping them up to date row by row); IF NOT EXISTS, so
#: a continued run or an older file is fine.
INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS scans_record ON scans(record);
CREATE INDEX IF NOT EXISTS scans_verdict ON scans(verdict);
CREATE INDEX IF NOT EXISTS findings_rule ON findings(rule);
"""

SCAN_COLUMNS = ("pos", "record", "id", "verdict", "error", "n_findings", "n_block", "n_review", "findings",
                "lexicon_version", "text", "text_hash", "chars", "title", "account", "published", "kind",
                "rescanned", "scanned_at")
FINDING_COLUMNS = ("pos", "idx", "span_start", "span_end", "category", "type", "severity", "rule", "text",
                   "element_path")
INSERT_SCAN = f"INSERT INTO scans ({', '.join(SCAN_COLUMNS)}) VALUES ({', '.join('?' * len(SCAN_COLUMNS))})"
INSERT_FINDING = (f"INSERT INTO findings ({', '.join(FINDING_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(FINDING_COLUMNS))})")
#: a worker's shard (see :func:`shard_database`) attached under this name, copied in C
_SHARD = "shard"
_COPY_SCANS = (f"INSERT INTO main.scans ({', '.join(SCAN_COLUMNS)}) "
               f"SELECT {', '.join(SCAN_COLUMNS)} FROM {_SHARD}.scans ORDER BY pos")
_COPY_FINDINGS = (f"INSERT INTO main.findings ({', '.join(FINDING_COLUMNS)}) "
                  f"SELECT {', '.join(FINDING_COLUMNS)} FROM {_SHARD}.findings")


def shard_database() -> sqlite3.Connection:
    """An in-memory database with the ``scans`` and ``findings`` tables, in which a pool worker
    puts a chunk's rows to send them serialised (``Connection.serialize()``) to the main process
    (:meth:`ResultStore.commit`). ``auto_vacuum``: emptied for the next chunk, it shrinks back,
    so the serialised image holds only the chunk's pages; no rollback journal (a scratch copy:
    ~10% less time to fill it, measured)."""
    con = sqlite3.connect(":memory:", isolation_level=None)
    con.execute("PRAGMA auto_vacuum=FULL")
    con.execute("PRAGMA journal_mode=OFF")
    con.executescript("BEGIN;" + SCHEMA[SCHEMA.index("CREATE TABLE scans"):SCHEMA.index("CREATE TABLE lexicon_entries")]
                      + "COMMIT;")
    return con


#: whether this Python's sqlite3 can hand databases over serialised (3.11+, SQLite built with it)
CAN_SHARD = hasattr(sqlite3.Connection, "serialize") and hasattr(sqlite3.Connection, "deserialize")


def now_iso() -> str:
    return _dt.datetime.now().astimezone().isoformat(timespec="seconds")


def find_db(path: str | Path) -> Path:
    """RESULTS (a folder) or its results.sqlite → the database path; InputError if absent."""
    p = Path(path)
    db = p / DB_NAME if p.is_dir() else p
    if not db.is_file():
        raise InputError(f"{path}: no re-scan results here (expected {DB_NAME}; run `scanner rescan … --out {path}`)")
    return db


@dataclass(frozen=True, slots=True)
class OldRow:
    """What --changed-since needs from the previous run about one record."""

    record: str
    verdict: str | None
    error: str | None
    findings: str | None
    text_hash: str | None
    scanned_at: str | None
    published: str | None


class _Checkpointer:
    """Copies the WAL back into the database (``PRAGMA wal_checkpoint(PASSIVE)``) from a thread
    of its own, when the writer asks after a commit; the writer's own automatic checkpoints are
    off. SQLite's automatic checkpoint runs inside the commit that fills the WAL past 1,000 pages,
    copying them and syncing the file: 20–30 ms of the main process measured on the official
    texts, and when it falls on the last commit the workers wait for it. Here it overlaps the
    run; ``close`` (the end of the run) waits for it, then the store's own ``TRUNCATE``
    checkpoint empties the WAL."""

    def __init__(self, db_path: Path):
        self.path = db_path
        self.event = threading.Event()
        self.stop = False
        self.thread = threading.Thread(target=self._run, name="rescan-checkpoint", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            con = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.DatabaseError:
            return
        try:
            while True:
                self.event.wait()
                self.event.clear()
                if self.stop:
                    return
                try:
                    con.execute("PRAGMA wal_checkpoint(PASSIVE)")  # never waits for the writer
                except sqlite3.DatabaseError:
                    pass  # the next one, or the store's closing checkpoint, does it
        finally:
            con.close()

    def request(self) -> None:
        self.event.set()

    def close(self) -> None:
        self.stop = True
        self.event.set()
        self.thread.join()


class ResultStore:
    """The results folder of one re-scan. Single-threaded; one writer at a time (a lock file)."""

    def __init__(self, out_dir: str | Path):
        self.dir = Path(out_dir)
        self.db_path = self.dir / DB_NAME
        self.jsonl_path = self.dir / JSONL_NAME
        self.con: sqlite3.Connection | None = None
        self._jsonl = None
        self._lock_fd: int | None = None
        self._jsonl_bytes = 0
        self._shard_attached = False
        self._checkpointer: _Checkpointer | None = None

    # ------------------------------------------------------------------ lock
    def lock(self) -> None:
        """Refuse a second writer on the same folder (released by the OS when the process dies)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.dir / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            self._lock_fd = fd
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise InputError(f"{self.dir}: another `scanner rescan` is writing here; wait for it or stop it") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._lock_fd = fd

    # ------------------------------------------------------------------ open / create
    def exists(self) -> bool:
        return self.db_path.is_file()

    def _connect(self, path: Path) -> sqlite3.Connection:
        self._shard_attached = False
        con = sqlite3.connect(path, isolation_level=None)
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        return con

    def open_existing(self) -> dict[str, str]:
        try:
            self.con = self._connect(self.db_path)
            return self.meta()
        except sqlite3.DatabaseError as e:
            raise InputError(f"{self.db_path}: not a results database ({e}); use --restart to start over") from None

    def meta(self) -> dict[str, str]:
        assert self.con is not None
        try:
            return dict(self.con.execute("SELECT key, value FROM meta"))
        except sqlite3.DatabaseError as e:
            raise InputError(f"{self.db_path}: not a results database ({e}); use --restart to start over") from None

    def set_meta(self, **kv: Any) -> None:
        assert self.con is not None
        self.con.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                             [(k, v if isinstance(v, str) or v is None else orjson.dumps(v).decode())
                              for k, v in kv.items()])

    def remove_files(self) -> None:
        self.close()
        for p in (self.db_path, Path(f"{self.db_path}-wal"), Path(f"{self.db_path}-shm"), self.jsonl_path):
            try:
                p.unlink()
            except FileNotFoundError:
                pass

    def create(self, meta: dict[str, Any], lexicon_rows: Iterable[tuple[str, str, str]]) -> None:
        """Start a new run: remove old results, create the database (built in a temporary file and
        renamed, so it appears complete or not at all) and an empty JSONL file."""
        self.remove_files()
        tmp = self.db_path.with_name(self.db_path.name + ".tmp")
        for p in (tmp, Path(f"{tmp}-journal")):
            if p.exists():
                p.unlink()
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.executescript("BEGIN;" + SCHEMA + "COMMIT;")
            con.execute("BEGIN")
            con.executemany("INSERT OR IGNORE INTO lexicon_entries(fp, rule, key) VALUES (?, ?, ?)", lexicon_rows)
            values = dict(schema_version=SCHEMA_VERSION, status="running", next_pos="0", jsonl_bytes="0",
                          started_at=now_iso(), **meta)
            con.executemany("INSERT INTO meta(key, value) VALUES (?, ?)",
                            [(k, v if isinstance(v, str) or v is None else orjson.dumps(v).decode())
                             for k, v in values.items()])
            con.execute("COMMIT")
        finally:
            con.close()
        self._jsonl = open(self.jsonl_path, "wb")
        self._jsonl_bytes = 0
        os.replace(tmp, self.db_path)
        self.con = self._connect(self.db_path)

    def reopen_for_append(self) -> None:
        """Continue an interrupted run: cut the JSONL file back to the last commit."""
        m = self.meta()
        committed = int(m.get("jsonl_bytes", "0"))
        size = self.jsonl_path.stat().st_size if self.jsonl_path.exists() else -1
        if size < committed:
            # the JSONL file was removed or cut by someone: rebuild it from the database
            self.export_jsonl(self.jsonl_path)
            size = self.jsonl_path.stat().st_size
            self.set_meta(jsonl_bytes=str(size))
            committed = size
        f = open(self.jsonl_path, "r+b")
        f.truncate(committed)
        f.seek(committed)
        self._jsonl = f
        self._jsonl_bytes = committed
        assert self.con is not None
        self.con.execute("PRAGMA wal_autocheckpoint=0")  # checkpoints in a thread (_Checkpointer)
        self._checkpointer = _Checkpointer(self.db_path)

    # ------------------------------------------------------------------ writing
    def commit(self, scans: Sequence[tuple], findings: Sequence[tuple], lines: Sequence[bytes], next_pos: int,
               shards: Sequence[bytes] = ()) -> None:
        """Append ``lines`` to the JSONL file (fsynced), then commit the rows — ``scans`` and
        ``findings``, and those of the serialised ``shards`` (:func:`shard_database`) — and the
        new positions in one transaction."""
        assert self.con is not None and self._jsonl is not None
        data = b"".join(lines)
        self._jsonl.write(data)
        self._jsonl.flush()
        os.fsync(self._jsonl.fileno())
        self._jsonl_bytes += len(data)
        con = self.con
        if shards and not self._shard_attached:
            con.execute(f"ATTACH ':memory:' AS {_SHARD}")  # not inside a transaction
            self._shard_attached = True
        con.execute("BEGIN")
        try:
            if scans:
                con.executemany(INSERT_SCAN, scans)
            if findings:
                con.executemany(INSERT_FINDING, findings)
            for db in shards:  # in input order: the rows go in as executemany would put them
                con.deserialize(db, name=_SHARD)
                con.execute(_COPY_SCANS)
                con.execute(_COPY_FINDINGS)
            con.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                            [("next_pos", str(next_pos)), ("jsonl_bytes", str(self._jsonl_bytes)),
                             ("updated_at", now_iso())])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        if self._checkpointer is not None:
            self._checkpointer.request()

    def finish(self, **meta: Any) -> None:
        assert self.con is not None
        self.con.executescript("BEGIN;" + INDEXES + "COMMIT;")
        self.con.execute("BEGIN")
        self.set_meta(status="finished", finished_at=now_iso(), **meta)
        self.con.execute("COMMIT")

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None
        if self._jsonl is not None:
            self._jsonl.close()
            self._jsonl = None
        if self.con is not None:
            try:
                self.con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.DatabaseError:
                pass
            self.con.close()
            self.con = None

    def release(self) -> None:
        self.close()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    # ------------------------------------------------------------------ reading
    def iter_records(self, limit: int) -> Iterator[tuple[int, str]]:
        assert self.con is not None
        yield from self.con.execute("SELECT pos, record FROM scans WHERE pos < ? ORDER BY pos", (limit,))

    def lookup(self, records: Sequence[str]) -> dict[str, OldRow]:
        """The rows of ``records`` (by record key), for --changed-since."""
        assert self.con is not None
        if not getattr(self, "_indexed", False):
            self.con.executescript("BEGIN;" + INDEXES + "COMMIT;")  # a previous run that never finished
            self._indexed = True
        out: dict[str, OldRow] = {}
        for i in range(0, len(records), 500):
            part = records[i:i + 500]
            q = ("SELECT record, verdict, error, findings, text_hash, scanned_at, published FROM scans WHERE record IN "
                 f"({', '.join('?' * len(part))})")
            for row in self.con.execute(q, part):
                out[row[0]] = OldRow(*row)
        return out

    def lexicon_entries(self) -> list[tuple[str, str, str]]:
        assert self.con is not None
        return list(self.con.execute("SELECT fp, rule, key FROM lexicon_entries"))

    def counts(self) -> dict[str, int]:
        assert self.con is not None
        c = {"records": 0, "errors": 0, "block": 0, "review": 0, "pass": 0, "findings": 0, "rescanned": 0,
             "carried": 0}
        for verdict, error, n, nf, resc in self.con.execute(
                "SELECT verdict, error IS NOT NULL, COUNT(*), SUM(n_findings), SUM(rescanned) FROM scans "
                "GROUP BY verdict, error IS NOT NULL"):
            c["records"] += n
            c["findings"] += nf or 0
            c["rescanned"] += resc or 0
            if error:
                c["errors"] += n
            elif verdict in c:
                c[verdict] += n
        c["carried"] = c["records"] - c["rescanned"]
        return c

    def export_jsonl(self, path: Path) -> None:
        """Write the JSONL file again from the database (when it was lost)."""
        assert self.con is not None
        with open(path, "wb") as f:
            for row in self.con.execute("SELECT record, id, verdict, error, findings, lexicon_version "
                                        "FROM scans ORDER BY pos"):
                f.write(line_from_row(*row))
            f.flush()
            os.fsync(f.fileno())


def line_from_row(record: str, ident: Any, verdict: str | None, error: str | None, findings: str | None,
                  lexicon_version: str | None) -> bytes:
    if error is not None:
        return orjson.dumps({"id": ident, "error": error, "record": record}) + b"\n"
    return orjson.dumps({"id": ident, "verdict": verdict, "findings": orjson.loads(findings or "[]"),
                         "lexicon_version": lexicon_version, "record": record}) + b"\n"
