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
import tempfile
import threading
import time
import uuid
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import orjson

from scanner.errors import ConfigError

from .spool import Spool

__all__ = ["Store", "StoreUnavailable", "Locked", "open_store", "default_spool_dir", "fingerprint", "now_iso", "doc_key_of", "client_of",
           "new_id"]


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


#: document keys of ids that are not plain strings start with these; a string id may not
RESERVED_ID_PREFIXES = ("scan:", "int:", "c:")


def doc_key_of(doc_id: Any, scan_id: str, client: str = "default") -> str:
    """The document a scan belongs to: a string id as it is, an integer id as ``int:7`` (the id 7
    and the id "7" are two documents), the scan itself (``scan:<scan_id>``) when it has none; in
    a named client's namespace ``c:<client>:<key>`` (its "7" is not the default client's "7")."""
    if doc_id is None:
        key = f"scan:{scan_id}"
    elif isinstance(doc_id, int):
        key = f"int:{doc_id}"
    else:
        key = str(doc_id)
    return key if client == "default" else f"c:{client}:{key}"


def client_of(doc_key: str) -> str:
    """The client a stored document belongs to (see :func:`doc_key_of`)."""
    if doc_key.startswith("c:"):
        return doc_key[2:].split(":", 1)[0]
    return "default"


def fingerprint(doc_key: str, rule: str, text: str) -> str:
    """A finding's identity across edits of the draft: document, rule and matched text, no offsets."""
    return hashlib.sha256(f"{doc_key}\x1f{rule}\x1f{text}".encode("utf-8")).hexdigest()[:32]


def _set_wal(conn: sqlite3.Connection, wait: float = 10.0) -> None:
    """``PRAGMA journal_mode=WAL``, retried: the service's workers start together and open the same
    new database file at once; switching it to WAL takes an exclusive lock, and SQLite refuses one
    of two connections that both hold a shared lock and ask for it at once ("database is locked")
    without waiting (the busy timeout would deadlock them), so the refused one tries again. Once
    one worker has switched, the mode is stored in the file and the others' switch is a no-op."""
    deadline = time.monotonic() + wait
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            msg = str(e).lower()
            if not ("locked" in msg or "busy" in msg) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class _SqliteBackend:
    """One connection per thread (WAL: readers never wait for the writer thread)."""

    def __init__(self, path: str):
        if path == ":memory:":
            # one in-memory database shared by this process's threads, alive while a connection is open
            self._target, self._uri = f"file:govscan-{uuid.uuid4().hex}?mode=memory&cache=shared", True
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            try:  # drafts and reviewers' names: readable by the service's user only (the -wal and
                # -shm files SQLite makes beside it take the database file's permissions)
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                pass
            self._target, self._uri = path, False
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        conn = self._conn()
        if not self._uri:
            _set_wal(conn)

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
        if any(w in msg for w in ("locked", "busy", "unable to open", "disk i/o", "full", "readonly", "read-only")):
            return StoreUnavailable(f"sqlite: {msg}")
        return None

    def lock_wait(self, seconds: float) -> None:
        """How long the calling thread waits for a locked database file (the store's writer: 2 s;
        the event loop's reads: 0.25 s; other threads: 10 s)."""
        self._conn().execute(f"PRAGMA busy_timeout={int(seconds * 1000)}")

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

    def try_executemany(self, sql: str, rows: list[Mapping[str, Any]]) -> bool | None:
        """``executemany`` in one transaction if the file's write lock is free right now: True; None,
        with nothing written, when another connection holds the lock; False when the write fails
        otherwise (the caller retries shortly, or hands the rows to the writer thread, which waits,
        retries and spools). Its own connection never waits for a lock and never checkpoints the
        WAL (``wal_autocheckpoint=0``: a checkpoint syncs the file, the writer thread runs them,
        :meth:`checkpoint`)."""
        conn = getattr(self._local, "fast", None)
        if conn is None:
            conn = sqlite3.connect(self._target, uri=self._uri, check_same_thread=False, isolation_level=None,
                                   timeout=0)
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=0")
            conn.execute("PRAGMA wal_autocheckpoint=0")
            self._local.fast = conn
            with self._lock:
                self._all.append(conn)
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            code = getattr(e, "sqlite_errorcode", 0) & 0xFF  # (the primary code of an extended one)
            return None if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(e) else False
        try:
            conn.executemany(sql, rows)
            conn.execute("COMMIT")
            return True
        except sqlite3.Error:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            return False

    def checkpoint(self) -> None:
        """A passive WAL checkpoint (what SQLite does by itself after 1,000 pages of commits)."""
        try:
            self._conn().execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            pass

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

    def lock_wait(self, seconds: float) -> None:
        """(A server refuses or fails fast; the pool's pre-ping finds a lost connection.)"""

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


# idempotent: a scan replayed from the spool, or spooled by a worker whose commit went through
# after all, is stored once
_SCAN_INSERT = ("INSERT INTO scans (scan_id, doc_key, doc_id, created_at, ts, source, filename, lexicon_version, "
                "verdict, text, result) VALUES (:scan_id, :doc_key, :doc_id, :created_at, :ts, :source, :filename, "
                ":lexicon_version, :verdict, :text, :result) ON CONFLICT (scan_id) DO NOTHING")
_STOP = object()
_CHECKPOINT = object()  # the writer checkpoints the WAL (save_scans_here's commits do not)
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


class _Pending:
    """One ``save_scans`` call waiting for its rows to be durable."""

    __slots__ = ("rows", "future")

    def __init__(self, rows: list[dict[str, Any]]):
        self.rows = rows
        self.future: Future = Future()


class Locked:
    """Rows :meth:`Store.save_scans_here` did not write because another connection held the
    SQLite file's write lock at that instant (``keep_locked``)."""

    __slots__ = ("batch",)

    def __init__(self, batch: list[dict[str, Any]]):
        self.batch = batch


class Store:
    """Scans, dismissals, decisions and sign-offs. Thread-safe; every method is one short transaction.

    **A scan is durable before it is acknowledged.** ``save_scans`` hands the rows to a writer
    thread that commits whatever has queued up in one transaction (group commit) and resolves the
    returned future once they are in the database, or, while the database is unavailable (down,
    read-only, locked, full), once they are appended to the on-disk spool and fsync'd
    (:mod:`service.spool`). The writer then retries the database with backoff and replays the
    spool, in order and idempotently, when it is back; it also replays at start-up what a killed
    process left. When neither the database nor the spool can take the rows, the future fails with
    :class:`StoreUnavailable`, and the service answers 503 instead of 200.

    Reading a scan first flushes this process's queue; a scan written by another worker process is
    waited for briefly (``read_wait``) before it counts as missing.
    """

    def __init__(self, url: str, *, read_wait: float = 0.5, spool_dir: str | Path | None = None,
                 write_timeout: float = 2.0, retry_max: float = 5.0):
        self.url = url
        self.read_wait = read_wait
        self.retry_max = retry_max
        self.dropped = 0  # scans refused by the database (a bug: logged, the request answered 503)
        self._down_since: float | None = None  # set while the database is unavailable
        self._down_reason = ""
        self._next_try = 0.0
        self._delay = 0.1
        path = _sqlite_path(url)
        self._db = _SqliteBackend(path) if path is not None else _SqlAlchemyBackend(url)
        self._write_timeout = write_timeout
        self._db.create_schema(_SCHEMA)
        self.spool = Spool(spool_dir if spool_dir is not None else default_spool_dir(url))
        self._queue: queue.Queue = queue.Queue()
        self._here = 0  # scans committed by save_scans_here
        self._writer = threading.Thread(target=self._write_loop, name="govscan-store-writer", daemon=True)
        self._writer.start()

    # ------------------------------------------------------------------ the writer thread
    def _write_loop(self) -> None:
        self._db.lock_wait(self._write_timeout)  # a locked SQLite file: spool after this, not 10 s
        self._recover(at_start=True)
        while True:
            timeout = max(0.05, self._next_try - time.monotonic()) if self._down_since is not None else None
            try:
                first = self._queue.get(timeout=timeout)
            except queue.Empty:
                first = None
            # no waiting for a burst: the requests that arrive while this batch commits form the next one
            batch = [] if first is None else [first]
            while batch and len(batch) < 1000:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            if self._down_since is not None and time.monotonic() >= self._next_try:
                self._recover()
            calls = [c for c in batch if isinstance(c, _Pending)]
            if calls:
                self._store(calls)
            if any(r is _CHECKPOINT for r in batch):
                self._db.checkpoint()
            for r in batch:
                if isinstance(r, threading.Event):
                    r.set()
            if any(r is _STOP for r in batch):
                return

    def _store(self, calls: list[_Pending]) -> None:
        rows = [r for c in calls for r in c.rows]
        if self._down_since is None:
            try:
                self._db.executemany(_SCAN_INSERT, rows)
                for c in calls:
                    c.future.set_result(None)
                return
            except StoreUnavailable as e:
                self._went_down(e)
            except Exception:  # refused: find the rows, keep the others
                self._store_one_by_one(calls)
                return
        try:
            self.spool.append(rows)
        except OSError as e:
            log.error("could not store %d scan(s): the database is unavailable (%s) and the spool %s cannot be "
                      "written (%s)", len(rows), self._down_reason, self.spool.folder, e.strerror or e)
            err = StoreUnavailable(f"the database is unavailable and the spool cannot be written ({e.strerror or e})")
            for c in calls:
                c.future.set_exception(err)
            return
        for c in calls:
            c.future.set_result(None)

    def _store_one_by_one(self, calls: list[_Pending]) -> None:
        for c in calls:
            refused = 0
            for row in c.rows:
                try:
                    self._db.executemany(_SCAN_INSERT, [row])
                except StoreUnavailable as e:
                    self._went_down(e)
                    try:
                        self.spool.append([row])
                    except OSError:
                        refused += 1
                except Exception as e:
                    log.error("could not store scan %s: the database refused it (%s)", row.get("scan_id"),
                              type(e).__name__)
                    refused += 1
            if refused:
                self.dropped += refused
                c.future.set_exception(StoreUnavailable(f"{refused} scan(s) could not be stored"))
            else:
                c.future.set_result(None)

    def _went_down(self, e: Exception) -> None:
        if self._down_since is None:
            self._down_since = time.monotonic()
            self._delay = 0.1
            log.warning("database unavailable (%s); scans go to the spool %s until it is back", e, self.spool.folder)
        self._down_reason = str(e)
        self._next_try = time.monotonic() + self._delay
        self._delay = min(self._delay * 2, self.retry_max)

    def _recover(self, at_start: bool = False) -> None:
        """Replay the spool into the database; the database is available again when that works."""
        try:
            n = self.spool.replay(lambda rows: self._db.executemany(_SCAN_INSERT, rows))
        except StoreUnavailable as e:
            self._went_down(e)
            return
        except Exception as e:  # a row the database refuses: left in the spool, said loudly
            log.error("spool replay stopped: the database refused a row (%s); the spool %s keeps it",
                      type(e).__name__, self.spool.folder)
            self._went_down(StoreUnavailable(f"spool replay refused ({type(e).__name__})"))
            return
        if self._down_since is not None:
            log.warning("database available again after %.1f s; %d spooled scan(s) stored",
                        time.monotonic() - self._down_since, n)
        elif n:
            log.warning("%d scan(s) left in the spool by an earlier process stored%s", n,
                        " at start-up" if at_start else "")
        self._down_since = None
        self._down_reason = ""

    # ------------------------------------------------------------------ public
    @property
    def local(self) -> bool:
        """Whether reads are of a local SQLite file (WAL: a reader never waits on a writer)."""
        return isinstance(self._db, _SqliteBackend)

    def quick_reads_here(self, seconds: float = 0.25) -> None:
        """Reads from the calling thread (the service's event loop) give up on a locked SQLite
        file after ``seconds`` (StoreUnavailable: the answer says dismissals were not applied)
        instead of waiting the writers' 10 s."""
        if isinstance(self._db, _SqliteBackend):
            self._db.lock_wait(seconds)

    def status(self) -> dict[str, Any]:
        """``{"database": "ok" | "unavailable", "reason", "spooled", "queued"}`` for health checks:
        ``queued`` scans are handed to the writer and not yet committed (nor spooled)."""
        down = self._down_since is not None
        return {"database": "unavailable" if down else "ok", "reason": self._down_reason if down else None,
                "spooled": self.spool.pending, "queued": self._queue.qsize()}

    def flush(self, timeout: float = 10.0) -> None:
        """Wait until every scan queued before this call is committed or spooled. Raises
        StoreUnavailable at once while the database is unavailable (reads would fail anyway)."""
        if not self._writer.is_alive():
            return
        if self._down_since is not None:
            raise StoreUnavailable("the database is unavailable; the scans are kept in the spool and will be stored")
        done = threading.Event()
        self._queue.put(done)
        deadline = time.monotonic() + timeout
        while not done.wait(0.05):
            if self._down_since is not None:
                raise StoreUnavailable("the database is unavailable; the scans are kept in the spool and will be stored")
            if time.monotonic() >= deadline:
                return

    def close(self) -> None:
        if self._writer.is_alive():
            self._queue.put(_STOP)
            self._writer.join(timeout=30)
        self.spool.tidy()
        self._db.close()

    def save_scans(self, rows: Iterable[Mapping[str, Any]]) -> Future:
        """Each row: scan_id, doc_key, doc_id, text, result (dict), source, filename. Returns a
        future resolved once the rows are durable (database or spool); it fails with
        :class:`StoreUnavailable` when they cannot be. Waiting for it is the caller's part:
        ``save_scans_wait`` for threads, ``asyncio.wrap_future`` on an event loop."""
        return self._enqueue(self._rows(rows))

    def save_scans_here(self, rows: Iterable[Mapping[str, Any]], *,
                        keep_locked: bool = False) -> Future | None | Locked:
        """``save_scans`` from the event loop: None when the rows were committed right here, which
        happens when the database is a local SQLite file that is up, nothing waits in the writer's
        queue and the file's write lock is free (one short transaction, ~50 µs of CPU for a
        2,000-character post); otherwise the writer's future, as ``save_scans``. Handing each
        post to the writer thread and back cost the service ~0.1 ms of CPU per request and a
        GIL round trip of latency (two thread wake-ups). ``keep_locked``: when the only obstacle
        is the write lock, held by another connection (another worker's commit, ~0.1 ms), return a
        :class:`Locked` (nothing written, nothing queued) for :meth:`retry_here` instead."""
        return self._here_or_writer(self._rows(rows), keep_locked)

    def retry_here(self, locked: Locked, *, last: bool = False) -> Future | None | Locked:
        """:meth:`save_scans_here` again for rows it kept; ``last``: hand them to the writer if the
        lock is still held."""
        return self._here_or_writer(locked.batch, not last)

    def _here_or_writer(self, batch: list[dict[str, Any]], keep_locked: bool) -> Future | None | Locked:
        if (batch and self._down_since is None and isinstance(self._db, _SqliteBackend) and self._queue.empty()
                and self._writer.is_alive()):
            done = self._db.try_executemany(_SCAN_INSERT, batch)
            if done:
                self._here += 1
                if self._here % 500 == 0:  # its connection does not checkpoint the WAL: the writer does
                    self._queue.put(_CHECKPOINT)
                return None
            if done is None and keep_locked:
                return Locked(batch)
        return self._enqueue(batch)

    def _rows(self, rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        ts = time.time_ns()
        created = now_iso()
        return [{
            "scan_id": r["scan_id"], "doc_key": r["doc_key"],
            "doc_id": None if r.get("doc_id") is None else orjson.dumps(r["doc_id"]).decode(),
            "created_at": created, "ts": ts + i, "source": r.get("source"), "filename": r.get("filename"),
            "lexicon_version": r["result"].get("lexicon_version"), "verdict": r["result"].get("verdict"),
            **_text_columns(r["text"], r["result"]),
        } for i, r in enumerate(rows)]

    def _enqueue(self, batch: list[dict[str, Any]]) -> Future:
        call = _Pending(batch)
        if not batch:
            call.future.set_result(None)
            return call.future
        if not self._writer.is_alive():
            call.future.set_exception(StoreUnavailable("the store is closed"))
            return call.future
        self._queue.put(call)
        return call.future

    def save_scans_wait(self, rows: Iterable[Mapping[str, Any]], timeout: float = 30.0) -> None:
        """``save_scans`` and wait: returns once durable, raises StoreUnavailable otherwise."""
        try:
            self.save_scans(rows).result(timeout)
        except FutureTimeout:
            raise StoreUnavailable("the scans were not stored in time") from None

    def purge_scans(self, before: str, *, dry_run: bool = False) -> int:
        """Delete the scans created before ``before`` (an ISO date or time, UTC); the audit trail
        (decisions, sign-offs) and the dismissals stay. Returns how many scans that is."""
        self.flush()
        n = self._db.query("SELECT COUNT(*) AS n FROM scans WHERE created_at < :b", {"b": before})[0]["n"]
        if n and not dry_run:
            self._db.execute("DELETE FROM scans WHERE created_at < :b", {"b": before})
        return int(n)

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


def default_spool_dir(url: str) -> Path:
    """Beside a SQLite file (``govscan.db`` → ``govscan.db.spool/``); for a database server,
    ``$GOVSCAN_SPOOL_DIR`` or ``./govscan-spool``."""
    env = os.environ.get("GOVSCAN_SPOOL_DIR")
    if env:
        return Path(env)
    path = _sqlite_path(url)
    if path is not None and path != ":memory:":
        return Path(path + ".spool")
    if path == ":memory:":
        return Path(tempfile.gettempdir()) / f"govscan-spool-memory-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    return Path("govscan-spool")


def open_store(url: str, *, spool_dir: str | Path | None = None) -> Store:
    return Store(url, spool_dir=spool_dir)
