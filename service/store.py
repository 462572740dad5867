"""Where scans and reviewer decisions are kept: SQLite by default, any SQLAlchemy URL otherwise.

Tables (portable SQL; the same statements run on SQLite and PostgreSQL):

- ``scans``: one row per scan: the draft text, the scanner's raw result (before dismissals),
  the document key, lexicon version, verdict, when.
- ``dismissals``: the current false-positive marks of a document, keyed by
  ``(doc_key, fingerprint)``; a fingerprint is a hash of document id, rule and matched text, with
  no offsets, so a dismissal survives edits of the draft.
- ``decisions``: the append-only audit log of every reviewer action (dismiss, restore, apply).
- ``signoffs``: the reviewer's conclusion on a scan (approve / reject), the audit trail's end.
- ``meta``: key/value (the lexicon generation that tells every worker to reload).

``sqlite:///relative.db``, ``sqlite:////abs/path.db``, ``sqlite:///:memory:`` and a bare file path
use the standard library's ``sqlite3``; other URLs (``postgresql+psycopg://…``) need SQLAlchemy.
"""
from __future__ import annotations

import hashlib
import logging
import os
import queue
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import orjson

from scanner.errors import ConfigError

__all__ = ["Store", "StoreUnavailable", "open_store", "fingerprint", "now_iso", "doc_key_of", "new_id"]


class StoreUnavailable(Exception):
    """The database cannot be reached or is busy for now (a restart, a lost connection, a lock
    held too long): worth retrying, unlike a statement the database refuses."""

_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS scans (
        scan_id TEXT PRIMARY KEY, doc_key TEXT NOT NULL, doc_id TEXT, created_at TEXT NOT NULL,
        ts BIGINT NOT NULL, source TEXT, filename TEXT, lexicon_version TEXT, verdict TEXT,
        text TEXT NOT NULL, result TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS scans_doc ON scans (doc_key, ts)",
    """CREATE TABLE IF NOT EXISTS dismissals (
        doc_key TEXT NOT NULL, fingerprint TEXT NOT NULL, rule TEXT, reason TEXT, reviewer TEXT,
        created_at TEXT NOT NULL, scan_id TEXT, PRIMARY KEY (doc_key, fingerprint))""",
    """CREATE TABLE IF NOT EXISTS decisions (
        decision_id TEXT PRIMARY KEY, doc_key TEXT NOT NULL, scan_id TEXT NOT NULL,
        created_at TEXT NOT NULL, ts BIGINT NOT NULL, reviewer TEXT, action TEXT NOT NULL,
        fingerprint TEXT NOT NULL, rule TEXT, category TEXT, type TEXT, severity TEXT,
        text TEXT, suggestion TEXT, reason TEXT)""",
    "CREATE INDEX IF NOT EXISTS decisions_doc ON decisions (doc_key, ts)",
    """CREATE TABLE IF NOT EXISTS signoffs (
        signoff_id TEXT PRIMARY KEY, scan_id TEXT NOT NULL, doc_key TEXT NOT NULL,
        created_at TEXT NOT NULL, ts BIGINT NOT NULL, reviewer TEXT NOT NULL, conclusion TEXT NOT NULL,
        comment TEXT, verdict TEXT, lexicon_version TEXT)""",
    "CREATE INDEX IF NOT EXISTS signoffs_scan ON signoffs (scan_id, ts)",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
]


class _RandomIds:
    """128-bit random hex ids from a buffer of ``os.urandom`` (one system call per 256 ids),
    refilled after a fork so two processes never share a buffer."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buf = b""
        self._pos = 0
        self._pid = -1

    def __call__(self) -> str:
        with self._lock:
            if self._pos + 16 > len(self._buf) or self._pid != os.getpid():
                self._buf, self._pos, self._pid = os.urandom(4096), 0, os.getpid()
            chunk = self._buf[self._pos:self._pos + 16]
            self._pos += 16
        return chunk.hex()


new_id = _RandomIds()


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def doc_key_of(doc_id: Any, scan_id: str) -> str:
    """The document a scan belongs to: its id as a string, or the scan itself when it has none."""
    return f"scan:{scan_id}" if doc_id is None else str(doc_id)


def fingerprint(doc_key: str, rule: str, text: str) -> str:
    """A finding's identity across edits of the draft: document, rule and matched text, no offsets."""
    return hashlib.sha256(f"{doc_key}\x1f{rule}\x1f{text}".encode("utf-8")).hexdigest()[:32]


class _SqliteBackend:
    """One connection per thread (WAL: readers never wait for the writer thread)."""

    def __init__(self, path: str):
        if path == ":memory:":
            # one in-memory database shared by this process's threads, alive while a connection is open
            self._target, self._uri = f"file:govscan-{uuid.uuid4().hex}?mode=memory&cache=shared", True
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._target, self._uri = path, False
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        conn = self._conn()
        if not self._uri:
            conn.execute("PRAGMA journal_mode=WAL")

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self._target, uri=self._uri, check_same_thread=False, isolation_level=None,
                                   timeout=10.0)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=10000")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @staticmethod
    def _unavailable(e: sqlite3.OperationalError) -> StoreUnavailable | None:
        msg = str(e).lower()
        if any(w in msg for w in ("locked", "busy", "unable to open", "disk i/o", "full")):
            return StoreUnavailable(f"sqlite: {msg}")
        return None

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        try:
            self._conn().execute(sql, params or {})
        except sqlite3.OperationalError as e:
            raise (self._unavailable(e) or e) from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as e:
            raise (self._unavailable(e) or e) from None

    def executemany(self, sql: str, rows: list[Mapping[str, Any]]) -> None:
        with self._transaction() as conn:
            conn.executemany(sql, rows)

    def execute_all(self, statements: list[tuple[str, Mapping[str, Any]]]) -> None:
        """Several statements in one transaction."""
        with self._transaction() as conn:
            for sql, params in statements:
                conn.execute(sql, params)

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            return [dict(r) for r in self._conn().execute(sql, params or {}).fetchall()]
        except sqlite3.OperationalError as e:
            raise (self._unavailable(e) or e) from None

    def create_schema(self, statements: list[str]) -> None:
        for stmt in statements:  # IF NOT EXISTS under SQLite's database lock: safe from many workers
            self.execute(stmt)

    def close(self) -> None:
        with self._lock:
            for c in self._all:
                try:
                    c.close()
                except sqlite3.Error:
                    pass
            self._all.clear()


class _SqlAlchemyBackend:
    def __init__(self, url: str):
        try:
            import sqlalchemy
        except ImportError:
            raise ConfigError(f"db_url {url.split(':', 1)[0]}:… needs SQLAlchemy: pip install 'govscan[postgres]'") from None
        self._sa = sqlalchemy
        try:
            self._engine = sqlalchemy.create_engine(url, pool_pre_ping=True)
        except Exception as e:  # bad URL, missing driver
            raise ConfigError(f"cannot open database: {type(e).__name__}: {e}") from None

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Lost connections and a database that is down or restarting → StoreUnavailable."""
        try:
            yield
        except Exception as e:
            if _transient(self._sa, e):
                raise StoreUnavailable(f"{type(e).__name__}: {str(e).splitlines()[0][:200]}") from None
            raise

    def execute(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        self.execute_all([(sql, params or {})])

    def executemany(self, sql: str, rows: list[Mapping[str, Any]]) -> None:
        with self._guard(), self._engine.begin() as c:
            c.execute(self._sa.text(sql), [_no_nul(r) for r in rows])

    def execute_all(self, statements: list[tuple[str, Mapping[str, Any]]]) -> None:
        """Several statements in one transaction."""
        with self._guard(), self._engine.begin() as c:
            for sql, params in statements:
                c.execute(self._sa.text(sql), _no_nul(params))

    def create_schema(self, statements: list[str]) -> None:
        """Create the tables in one transaction. On PostgreSQL, CREATE TABLE IF NOT EXISTS is not
        safe when several workers start at once on a new database (a duplicate key in the
        catalogue): a transaction-scoped advisory lock makes them take turns."""
        with self._engine.begin() as c:
            if c.dialect.name == "postgresql":
                c.execute(self._sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SCHEMA_LOCK})
            for stmt in statements:
                c.execute(self._sa.text(stmt))

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        with self._guard(), self._engine.connect() as c:
            return [dict(r._mapping) for r in c.execute(self._sa.text(sql), _no_nul(params or {}))]

    def close(self) -> None:
        self._engine.dispose()


_SCHEMA_LOCK = 0x676F7673  # "govs": the advisory lock key of the schema creation


# SQLSTATE classes worth waiting for: connection exceptions (08), insufficient resources (53),
# operator intervention (57: shutdown, "cannot connect now"), and a read-only transaction (25006:
# a standby during failover, a database set read-only for maintenance).
_TRANSIENT_SQLSTATE = ("08", "53", "57", "25006")


def _transient(sa, e: BaseException) -> bool:
    """Whether a database error means "not now" rather than "never" (which is a refused row)."""
    if isinstance(e, (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError,
                      sa.exc.DisconnectionError)) or getattr(e, "connection_invalidated", False):
        return True
    code = getattr(getattr(e, "orig", None), "sqlstate", None) or getattr(getattr(e, "orig", None), "pgcode", None)
    return isinstance(code, str) and code.startswith(_TRANSIENT_SQLSTATE)


def _no_nul(params: Mapping[str, Any]) -> dict[str, Any]:
    """PostgreSQL's text type cannot hold U+0000: in the short fields (reviewer, reason, file name
    …) it becomes U+FFFD. The draft text itself is kept exactly (see ``Store.save_scans``)."""
    return {k: v.replace("\x00", "\ufffd") if isinstance(v, str) and "\x00" in v else v for k, v in params.items()}


def _sqlite_path(url: str) -> str | None:
    if url in ("sqlite://", "sqlite:///:memory:", ":memory:"):
        return ":memory:"
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///"):]
    if "://" not in url:
        return url  # a bare file path
    return None


_SCAN_INSERT = ("INSERT INTO scans (scan_id, doc_key, doc_id, created_at, ts, source, filename, lexicon_version, "
                "verdict, text, result) VALUES (:scan_id, :doc_key, :doc_id, :created_at, :ts, :source, :filename, "
                ":lexicon_version, :verdict, :text, :result)")
_STOP = object()
_EXACT_TEXT = "_govscan_exact_text"


def _text_columns(text: str, result: Mapping[str, Any]) -> dict[str, str]:
    """The ``text`` and ``result`` columns of a scan. A draft with U+0000 (PostgreSQL's text type
    cannot hold it) is stored with U+FFFD in ``text``, one character for one, so offsets still
    fit, and exactly inside the JSON of ``result`` (JSON escapes it), from where ``get_scan``
    restores it: on every backend, the text read back is the text scanned."""
    if "\x00" not in text:
        return {"text": text, "result": orjson.dumps(result).decode()}
    return {"text": text.replace("\x00", "\ufffd"), "result": orjson.dumps({**result, _EXACT_TEXT: text}).decode()}
log = logging.getLogger("govscan.service.store")


class Store:
    """Scans, dismissals, decisions and sign-offs. Thread-safe; every method is one short transaction.

    Scans are written by a background thread that commits whatever has queued up in one
    transaction (group commit): the request that scanned never waits for the disk or for another
    worker's write lock. Reading a scan first flushes this process's queue; a scan written by
    another worker process is waited for briefly (``read_wait``) before it counts as missing.
    """

    def __init__(self, url: str, *, read_wait: float = 0.5, retry_seconds: float = 300.0,
                 max_queued: int = 20_000):
        self.url = url
        self.read_wait = read_wait
        self.retry_seconds = retry_seconds
        self.max_queued = max_queued  # scans waiting for the database, at most (memory bound)
        self.dropped = 0  # scans not stored: the database stayed unavailable, refused them, or the queue was full
        self._queued = 0
        self._count_lock = threading.Lock()
        self._down_since: float | None = None  # set while the writer waits for the database
        self._closing = False
        path = _sqlite_path(url)
        self._db = _SqliteBackend(path) if path is not None else _SqlAlchemyBackend(url)
        self._db.create_schema(_SCHEMA)
        self._queue: queue.Queue = queue.Queue()
        self._writer = threading.Thread(target=self._write_loop, name="govscan-store-writer", daemon=True)
        self._writer.start()

    def _write_loop(self) -> None:
        while True:
            first = self._queue.get()
            if isinstance(first, tuple):
                time.sleep(0.005)  # let a burst queue up: one transaction, fewer thread switches
            batch = [first]
            while len(batch) < 1000:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            queued = [r for r in batch if isinstance(r, tuple)]  # (time queued, row)
            if queued:
                # a scan waits at most retry_seconds from when it was answered, not per attempt
                self._commit([row for _, row in queued], queued[0][0] + self.retry_seconds)
                with self._count_lock:
                    self._queued -= len(queued)
            for r in batch:
                if isinstance(r, threading.Event):
                    r.set()
            if any(r is _STOP for r in batch):
                return

    def _commit(self, rows: list[dict[str, Any]], deadline: float) -> None:
        """Store ``rows`` (the scan answers were sent already: keep them). While the database is
        unavailable, wait and retry with backoff until ``deadline``; when it refuses a statement,
        store the rows one by one so that only the refused one is lost (and logged)."""
        delay = 0.1
        while True:
            try:
                self._db.executemany(_SCAN_INSERT, rows)
                if self._down_since is not None:
                    log.warning("database available again after %.1f s; stored the waiting scans",
                                time.monotonic() - self._down_since)
                    self._down_since = None
                return
            except StoreUnavailable as e:
                if self._closing or time.monotonic() >= deadline:
                    log.error("could not store %d scan(s): the database stayed unavailable (%s)", len(rows), e)
                    with self._count_lock:
                        self.dropped += len(rows)
                    self._down_since = None
                    return
                if self._down_since is None:
                    self._down_since = time.monotonic()
                    log.warning("database unavailable (%s); keeping %d scan(s) and retrying", e, len(rows))
                time.sleep(delay)
                delay = min(delay * 2, 5.0)
            except Exception as e:  # refused: find the row, keep the others
                if len(rows) > 1:
                    for r in rows:
                        self._commit([r], deadline)
                else:
                    log.error("could not store scan %s: %s", rows[0].get("scan_id"), type(e).__name__)
                    with self._count_lock:
                        self.dropped += 1
                return

    def flush(self, timeout: float = 10.0) -> None:
        """Wait until every scan queued before this call is committed (later ones may go on
        queueing). Raises StoreUnavailable at once while the writer is waiting for the database."""
        if not self._writer.is_alive():
            return
        done = threading.Event()
        self._queue.put(done)
        deadline = time.monotonic() + timeout
        while not done.wait(0.05):
            if self._down_since is not None:
                raise StoreUnavailable("the database is unavailable; the scans are kept and will be stored")
            if time.monotonic() >= deadline:
                return

    def close(self) -> None:
        self._closing = True
        if self._writer.is_alive():
            self._queue.put(_STOP)
            self._writer.join(timeout=30)
        self._db.close()

    # ------------------------------------------------------------------ scans
    def save_scans(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Each row: scan_id, doc_key, doc_id, text, result (dict), source, filename."""
        ts = time.time_ns()
        created = now_iso()
        batch = [{
            "scan_id": r["scan_id"], "doc_key": r["doc_key"],
            "doc_id": None if r.get("doc_id") is None else orjson.dumps(r["doc_id"]).decode(),
            "created_at": created, "ts": ts + i, "source": r.get("source"), "filename": r.get("filename"),
            "lexicon_version": r["result"].get("lexicon_version"), "verdict": r["result"].get("verdict"),
            **_text_columns(r["text"], r["result"]),
        } for i, r in enumerate(rows)]
        with self._count_lock:
            if self._queued + len(batch) > self.max_queued:
                self.dropped += len(batch)
                log.error("could not store %d scan(s): %d are already waiting for the database (max_queued)",
                          len(batch), self._queued)
                return
            self._queued += len(batch)
        now = time.monotonic()
        for row in batch:
            self._queue.put((now, row))

    def get_scan(self, scan_id: str) -> dict[str, Any] | None:
        self.flush()
        deadline = time.monotonic() + self.read_wait
        while True:
            rows = self._db.query("SELECT * FROM scans WHERE scan_id = :s", {"s": scan_id})
            if rows or time.monotonic() >= deadline:
                break
            time.sleep(0.02)  # perhaps still in another worker's write queue
        if not rows:
            return None
        r = rows[0]
        r["doc_id"] = None if r["doc_id"] is None else orjson.loads(r["doc_id"])
        r["result"] = orjson.loads(r["result"])
        exact = r["result"].pop(_EXACT_TEXT, None)
        if exact is not None:
            r["text"] = exact
        return r

    def versions(self, doc_key: str) -> list[dict[str, Any]]:
        self.flush()
        return self._db.query(
            "SELECT scan_id, created_at, verdict, lexicon_version, source FROM scans WHERE doc_key = :d ORDER BY ts",
            {"d": doc_key})

    # ------------------------------------------------------------------ dismissals and decisions
    def dismissals(self, doc_key: str) -> dict[str, dict[str, Any]]:
        rows = self._db.query(
            "SELECT fingerprint, rule, reason, reviewer, created_at, scan_id FROM dismissals WHERE doc_key = :d",
            {"d": doc_key})
        return {r.pop("fingerprint"): r for r in rows}

    def dismissals_many(self, doc_keys: Iterable[str]) -> dict[str, dict[str, dict[str, Any]]]:
        keys = sorted(set(doc_keys))
        out: dict[str, dict[str, dict[str, Any]]] = {k: {} for k in keys}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            params = {f"k{j}": k for j, k in enumerate(chunk)}
            rows = self._db.query(
                "SELECT doc_key, fingerprint, rule, reason, reviewer, created_at, scan_id FROM dismissals "
                f"WHERE doc_key IN ({', '.join(':' + p for p in params)})", params)
            for r in rows:
                out[r.pop("doc_key")][r.pop("fingerprint")] = r
        return out

    def record_decision(self, *, doc_key: str, scan_id: str, reviewer: str, action: str, finding: Mapping[str, Any],
                        fingerprint: str, reason: str | None = None, text: str | None = None) -> dict[str, Any]:
        """Append a decision to the audit log and apply it (dismiss / restore change the dismissal)."""
        row = {
            "decision_id": new_id(), "doc_key": doc_key, "scan_id": scan_id, "created_at": now_iso(),
            "ts": time.time_ns(), "reviewer": reviewer, "action": action, "fingerprint": fingerprint,
            "rule": finding.get("rule"), "category": finding.get("category"), "type": finding.get("type"),
            "severity": finding.get("severity"), "text": text, "suggestion": finding.get("suggestion"),
            "reason": reason,
        }
        statements = [(
            "INSERT INTO decisions (decision_id, doc_key, scan_id, created_at, ts, reviewer, action, fingerprint, rule, "
            "category, type, severity, text, suggestion, reason) VALUES (:decision_id, :doc_key, :scan_id, :created_at, "
            ":ts, :reviewer, :action, :fingerprint, :rule, :category, :type, :severity, :text, :suggestion, :reason)",
            row)]
        if action == "dismiss":
            statements.append((
                "INSERT INTO dismissals (doc_key, fingerprint, rule, reason, reviewer, created_at, scan_id) "
                "VALUES (:doc_key, :fingerprint, :rule, :reason, :reviewer, :created_at, :scan_id) "
                "ON CONFLICT (doc_key, fingerprint) DO UPDATE SET reason = excluded.reason, "
                "reviewer = excluded.reviewer, created_at = excluded.created_at, scan_id = excluded.scan_id",
                row))
        elif action == "restore":
            statements.append(("DELETE FROM dismissals WHERE doc_key = :doc_key AND fingerprint = :fingerprint", row))
        self._db.execute_all(statements)  # the audit log and the dismissal change together, or neither
        return row

    def decisions(self, doc_key: str) -> list[dict[str, Any]]:
        return self._db.query(
            "SELECT decision_id, scan_id, created_at, reviewer, action, fingerprint, rule, category, type, severity, "
            "text, suggestion, reason FROM decisions WHERE doc_key = :d ORDER BY ts", {"d": doc_key})

    # ------------------------------------------------------------------ sign-off
    def add_signoff(self, *, scan_id: str, doc_key: str, reviewer: str, conclusion: str, comment: str | None,
                    verdict: str, lexicon_version: str) -> dict[str, Any]:
        row = {"signoff_id": new_id(), "scan_id": scan_id, "doc_key": doc_key, "created_at": now_iso(),
               "ts": time.time_ns(), "reviewer": reviewer, "conclusion": conclusion, "comment": comment,
               "verdict": verdict, "lexicon_version": lexicon_version}
        self._db.execute(
            "INSERT INTO signoffs (signoff_id, scan_id, doc_key, created_at, ts, reviewer, conclusion, comment, verdict, "
            "lexicon_version) VALUES (:signoff_id, :scan_id, :doc_key, :created_at, :ts, :reviewer, :conclusion, "
            ":comment, :verdict, :lexicon_version)", row)
        return row

    def signoffs(self, scan_id: str) -> list[dict[str, Any]]:
        return self._db.query(
            "SELECT signoff_id, created_at, reviewer, conclusion, comment, verdict, lexicon_version FROM signoffs "
            "WHERE scan_id = :s ORDER BY ts", {"s": scan_id})

    # ------------------------------------------------------------------ meta
    def get_meta(self, key: str) -> str | None:
        rows = self._db.query("SELECT value FROM meta WHERE key = :k", {"k": key})
        return rows[0]["value"] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT INTO meta (key, value) VALUES (:k, :v) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", {"k": key, "v": value})


def open_store(url: str) -> Store:
    return Store(url)
