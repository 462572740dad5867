"""200 means durable (issue 17): a scan the service answers with a scan_id is in the database or
in the fsync'd spool before the answer is sent, and reaches the database after the service is
killed (SIGKILL) while the database was unavailable; when neither can take it the answer is 503
with Retry-After, never 200. Real `scanner serve` processes, real sockets, a real SQLite lock and a
real PostgreSQL server stopped and started."""
from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import time

import httpx
import pytest

from service.spool import Spool
from service.testing import serve_in_subprocess
from tests.conftest import service_config

pytest.importorskip("fastapi")

TOKEN = "tok-durable"
H = {"Authorization": f"Bearer {TOKEN}"}


def _config(tmp_path, db_url: str, spool_dir) -> str:
    return str(service_config(tmp_path, TOKEN, db_url=db_url, spool_dir=spool_dir, store_timeout=10))


def _kill9(srv) -> None:
    os.killpg(srv.process.pid, signal.SIGKILL)
    srv.process.wait(timeout=20)


def _stored(url: str, scan_ids: list[str], timeout: float = 30) -> list[str]:
    """The scan ids the service can read back (waiting for its start-up replay)."""
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=url, headers=H, timeout=30) as c:
        while True:
            found = [s for s in scan_ids if c.get(f"/v1/scans/{s}").status_code == 200]
            if len(found) == len(scan_ids) or time.monotonic() > deadline:
                return found
            time.sleep(0.2)


@contextlib.contextmanager
def _locked(db):
    """Another program holds the SQLite file with an exclusive lock: writes wait, then fail."""
    lock = sqlite3.connect(db, timeout=1, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        lock.execute("ROLLBACK")
        lock.close()


def test_sqlite_locked_then_sigkill_loses_no_answered_scan(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVSCAN_SPOOL_DIR", raising=False)  # the config file names the spool
    db = tmp_path / "govscan.db"
    spool = tmp_path / "spool"
    cfg = _config(tmp_path, f"sqlite:///{db}", spool)
    with serve_in_subprocess(["--config", cfg], log_path=tmp_path / "a.log") as srv:
        with httpx.Client(base_url=srv.url, headers=H, timeout=30) as c:
            assert c.post("/v1/scan", json={"text": "台湾总统发表讲话"}).status_code == 200  # schema exists
            with _locked(db):
                answered = []
                for i in range(12):
                    r = c.post("/v1/scan", json={"text": f"第{i}稿：台湾总统发表讲话", "id": f"d{i}"})
                    assert r.status_code == 200, r.text
                    answered.append(r.json()["scan_id"])
                health = c.get("/v1/health").json()
                assert health["status"] == "degraded" and health["store"]["spooled"] >= 12
                assert list(spool.glob("*.spool"))
                _kill9(srv)  # with the database still locked: the scans exist only in the spool
    with serve_in_subprocess(["--config", cfg], log_path=tmp_path / "b.log") as srv:
        assert _stored(srv.url, answered) == answered
        with httpx.Client(base_url=srv.url, headers=H, timeout=30) as c:
            assert c.get("/v1/health").json()["store"] == {"database": "ok", "reason": None, "spooled": 0, "queued": 0}
    assert not list(spool.glob("*.spool"))
    assert "Traceback" not in (tmp_path / "b.log").read_text(errors="replace")


def test_no_database_and_no_spool_is_503_never_200(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVSCAN_SPOOL_DIR", raising=False)  # the config file names the spool
    db = tmp_path / "govscan.db"
    spool = tmp_path / "spool"
    cfg = _config(tmp_path, f"sqlite:///{db}", spool)
    with serve_in_subprocess(["--config", cfg], log_path=tmp_path / "a.log") as srv:
        with httpx.Client(base_url=srv.url, headers=H, timeout=30) as c:
            assert c.post("/v1/scan", json={"text": "台湾总统发表讲话"}).status_code == 200
            with _locked(db):
                # the spool folder is gone and a file stands in its place: nothing can be written
                # there (even by root, which chmod would not stop)
                for f in spool.iterdir():
                    f.unlink()
                spool.rmdir()
                spool.write_text("not a folder")
                r = c.post("/v1/scan", json={"text": "台湾总统发表讲话", "id": "lost?"})
                assert r.status_code == 503 and r.json()["code"] == "database_unavailable", r.text
                assert r.headers["retry-after"]
                assert "scan_id" not in r.json()
    log = (tmp_path / "a.log").read_text(errors="replace")
    assert "spool" in log and "cannot be written" in log


def test_postgresql_down_then_sigkill_loses_no_answered_scan(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVSCAN_SPOOL_DIR", raising=False)  # the config file names the spool
    from tests.conftest import PostgresServer, new_postgres_database

    pg = PostgresServer()
    try:
        url = new_postgres_database(pg.url)
        spool = tmp_path / "spool"
        cfg = _config(tmp_path, url, spool)
        with serve_in_subprocess(["--config", cfg], log_path=tmp_path / "a.log") as srv:
            with httpx.Client(base_url=srv.url, headers=H, timeout=30) as c:
                first = c.post("/v1/scan", json={"text": "台湾总统发表讲话"})
                assert first.status_code == 200
                pg.stop()
                answered = [first.json()["scan_id"]]
                for i in range(8):
                    r = c.post("/v1/scan", json={"text": f"第{i}稿：台湾总统发表讲话", "id": f"p{i}"})
                    assert r.status_code == 200, r.text
                    answered.append(r.json()["scan_id"])
                _kill9(srv)
        pg.start()
        with serve_in_subprocess(["--config", cfg], log_path=tmp_path / "b.log") as srv:
            assert _stored(srv.url, answered) == answered
        assert not list(spool.glob("*.spool"))
    finally:
        pg.cleanup()


# ------------------------------------------------------------------ the spool file itself
def test_a_torn_last_frame_ends_the_replay_and_the_rest_is_kept(tmp_path):
    sp = Spool(tmp_path)
    sp.append([{"scan_id": "a"}, {"scan_id": "b"}])
    path = next(tmp_path.glob("*.spool"))
    sp.close()
    with open(path, "ab") as f:
        f.write(b"\x10\x00\x00\x00garbage")  # a frame whose write was cut off
    got: list = []
    assert Spool(tmp_path).replay(got.extend) == 2
    assert [r["scan_id"] for r in got] == ["a", "b"] and not list(tmp_path.glob("*.spool"))


def test_a_file_held_by_a_live_writer_is_not_replayed_by_another(tmp_path):
    mine, other = Spool(tmp_path), Spool(tmp_path)
    mine.append([{"scan_id": "x"}])  # holds its file's lock while it lives
    got: list = []
    assert other.replay(got.extend) == 0 and got == []
    mine.close()  # the writer is gone (a worker stopped): its file is anyone's to replay
    assert other.replay(got.extend) == 1 and got == [{"scan_id": "x"}]


def test_a_failed_insert_keeps_the_file(tmp_path):
    sp = Spool(tmp_path)
    sp.append([{"scan_id": "x"}])

    def down(rows):
        raise ConnectionError("database went away again")

    with pytest.raises(ConnectionError):
        sp.replay(down)
    sp.close()  # its writer goes away (a worker stops): the file is anyone's to replay
    got: list = []
    assert Spool(tmp_path).replay(got.extend) == 1 and got == [{"scan_id": "x"}]


def test_retries_during_an_outage_keep_appending_to_one_file(tmp_path):
    sp = Spool(tmp_path)

    def down(rows):
        raise ConnectionError("still down")

    for i in range(5):  # a scan, then the writer's retry, five times over
        sp.append([{"scan_id": f"s{i}"}])
        with pytest.raises(ConnectionError):
            sp.replay(down)
    assert len(list(tmp_path.glob("*.spool"))) == 1
    got: list = []
    assert sp.replay(got.extend) == 5 and [r["scan_id"] for r in got] == [f"s{i}" for i in range(5)]
    assert not list(tmp_path.glob("*.spool")) and sp.pending == 0
    sp.append([{"scan_id": "after"}])  # a new file once the old one is replayed
    assert len(list(tmp_path.glob("*.spool"))) == 1


def _row(i: int) -> dict:
    return {"scan_id": f"here-{i}", "doc_key": "c:default:d", "doc_id": None, "text": f"稿件{i}",
            "result": {"verdict": "pass", "findings": [], "lexicon_version": "t"}, "source": "api", "filename": None}


def test_save_scans_here_keeps_rows_a_held_lock_stopped_for_a_retry_on_the_loop(tmp_path):
    """With ``keep_locked`` a write lock held elsewhere (another worker's commit) leaves the rows
    with the caller, written nowhere and queued nowhere, for ``retry_here``: committed on the loop
    once the lock is free; the last retry under a held lock hands them to the writer thread. The
    service's scan path retries so (service/scanning.py) instead of one thread hand-over in ten."""
    from service.store import Locked, Store

    db = tmp_path / "s.db"
    store = Store(f"sqlite:///{db}", spool_dir=tmp_path / "spool", write_timeout=10)
    other = sqlite3.connect(db)
    try:
        with _locked(db):
            kept = store.save_scans_here([_row(0)], keep_locked=True)
            assert isinstance(kept, Locked)
            assert store.status()["queued"] == 0
            kept = store.retry_here(kept)
            assert isinstance(kept, Locked)
        assert store.retry_here(kept) is None  # the lock is free: committed right here
        assert other.execute("SELECT scan_id FROM scans").fetchall() == [("here-0",)]
        with _locked(db):
            kept = store.save_scans_here([_row(1)], keep_locked=True)
            fut = store.retry_here(kept, last=True)
            assert not isinstance(fut, Locked) and fut is not None  # the writer's future
            assert not fut.done()
        fut.result(timeout=10)
        assert {r[0] for r in other.execute("SELECT scan_id FROM scans")} == {"here-0", "here-1"}
    finally:
        other.close()
        store.close()


def test_save_scans_here_commits_at_once_and_hands_a_locked_file_to_the_writer(tmp_path):
    """On the event loop with a local SQLite file a scan is committed right there (no future to
    wait for, readable at once by another connection); when another program holds the file's lock,
    nothing waits on the loop: the rows go to the writer thread, which stores them once the lock is
    gone; the writer checkpoints the WAL the loop's connection leaves alone."""
    from service.store import Store

    db = tmp_path / "s.db"
    store = Store(f"sqlite:///{db}", spool_dir=tmp_path / "spool", write_timeout=10)
    try:
        assert store.save_scans_here([_row(0)]) is None
        other = sqlite3.connect(db)
        assert other.execute("SELECT scan_id FROM scans").fetchall() == [("here-0",)]
        with _locked(db):
            t = time.monotonic()
            fut = store.save_scans_here([_row(1)])
            assert fut is not None and time.monotonic() - t < 0.5  # the loop did not wait for the lock
            time.sleep(0.3)
            assert not fut.done()  # the writer waits for the lock (write_timeout 10 s)
        fut.result(timeout=10)
        assert {r[0] for r in other.execute("SELECT scan_id FROM scans")} == {"here-0", "here-1"}
        checkpoints = []
        real = store._db.checkpoint
        store._db.checkpoint = lambda: (checkpoints.append(1), real())[1]
        here = 0
        for i in range(2, 1602):  # every 500th scan committed here asks the writer for a checkpoint
            fut = store.save_scans_here([_row(i)])
            if fut is None:
                here += 1
            else:  # the checkpoint was still in the writer's queue
                fut.result(timeout=10)
        store.flush()
        assert here > 1500 and len(checkpoints) == here // 500
        assert other.execute("SELECT COUNT(*) FROM scans").fetchone()[0] == 1602
        # every commit writes at least three pages to the WAL (the table and its two indexes): 1,600
        # commits without a checkpoint make a file of 4,800+ frames; the checkpoints let it start over
        page = other.execute("PRAGMA page_size").fetchone()[0]
        frames = (db.with_name(db.name + "-wal").stat().st_size - 32) // (page + 24)
        assert 0 < frames < 3 * here
        other.close()
    finally:
        store.close()


def _open_at_once(path: str, barrier, errors) -> None:
    from service.store import _SqliteBackend

    try:
        barrier.wait(10)
        _SqliteBackend(path).close()
    except Exception as e:  # noqa: BLE001 - reported to the parent
        errors.put(f"{type(e).__name__}: {e}")


def test_workers_that_open_a_new_sqlite_database_at_once_all_start(tmp_path):
    """The service's workers start together and each opens the store: on a new database file two
    of them asking for WAL at the same moment made SQLite refuse one at once ("database is
    locked"), and the service failed to start. Real processes, a barrier, many fresh files."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    errors = ctx.Queue()
    for trial in range(40):
        path = str(tmp_path / f"t{trial}.sqlite")
        barrier = ctx.Barrier(3)
        procs = [ctx.Process(target=_open_at_once, args=(path, barrier, errors)) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(30)
            assert p.exitcode == 0
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        con.close()
    got = []
    while not errors.empty():
        got.append(errors.get())
    assert got == []
