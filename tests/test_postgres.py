"""PostgreSQL for real: the service's store and `scanner serve` with a postgresql db_url, and
`scanner rescan` reading a PostgreSQL archive, against a server tests/conftest.py starts for the
session (skipped cleanly where PostgreSQL or govscan[postgres] is not installed)."""
from __future__ import annotations

import json
import multiprocessing
import subprocess
import time

import httpx
import pytest

from tests.conftest import (
    FIXTURE_LEX,
    new_postgres_database,
    postgres_admin,
    scanner_cmd,
    service_config,
)

pytest.importorskip("fastapi")

TOKEN = "tok-pg-reviewer"
NUL_DRAFT = "联系人张伟\x00，身份证号11010519491231002X，台湾总统发表讲话。"


def _open_store(url, barrier, results) -> None:
    from service.store import Store

    try:
        barrier.wait(timeout=60)
        Store(url).close()
        results.put("ok")
    except Exception as e:  # reported to the test, which shows it
        results.put(f"{type(e).__name__}: {e}"[:300])


def test_workers_create_the_schema_together_on_a_new_database(postgres_server):
    """`scanner serve --workers N` on a new database: every worker creates the tables at the same
    moment. Plain CREATE TABLE IF NOT EXISTS races on PostgreSQL (a duplicate key in the
    catalogue); the store takes an advisory lock for it."""
    ctx = multiprocessing.get_context("fork")
    for _ in range(4):
        url = new_postgres_database(postgres_server)
        barrier, results = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_open_store, args=(url, barrier, results)) for _ in range(4)]
        for proc in procs:
            proc.start()
        outcome = [results.get(timeout=120) for _ in procs]
        for proc in procs:
            proc.join(timeout=60)
        assert outcome == ["ok"] * 4


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_draft_with_nul_character_is_stored_exactly(kind, tmp_path, request):
    """U+0000 is legal in JSON and in a Python string, but PostgreSQL's text type refuses it: the
    scan must still be stored, and read back character for character."""
    from service.store import Store

    url = request.getfixturevalue("postgres_url") if kind == "postgresql" else f"sqlite:///{tmp_path}/s.db"
    store = Store(url)
    try:
        result = {"id": "nul-1", "verdict": "block", "findings": [], "lexicon_version": "v"}
        store.save_scans([{"scan_id": "n" * 32, "doc_key": "nul-1", "doc_id": "nul-1", "text": NUL_DRAFT,
                           "result": result, "filename": "草稿\x00.docx"}])
        row = store.get_scan("n" * 32)
        assert row is not None, "the scan was lost"
        assert row["text"] == NUL_DRAFT and row["result"] == result
        store.record_decision(doc_key="nul-1", scan_id="n" * 32, reviewer="王\x00审核", action="dismiss",
                              finding={"rule": "r"}, fingerprint="f", reason="原因\x00")
        (d,) = store.decisions("nul-1")
        assert d["reviewer"] in ("王\x00审核", "王\ufffd审核") and d["reason"].startswith("原因")
    finally:
        store.close()


def test_scanner_serve_two_workers_on_postgresql(tmp_path, postgres_url):
    """Production shape: `scanner serve --workers 2` with a postgresql db_url. Each worker creates
    the schema at start-up; a scan written by one worker is read by either; a dismissal is kept."""
    from service.testing import serve_in_subprocess

    cfg = service_config(tmp_path, TOKEN, db_url=postgres_url)
    with serve_in_subprocess(["--config", str(cfg), "--workers", "2"], log_path=tmp_path / "serve.log") as srv:
        with httpx.Client(base_url=srv.url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30) as c:
            r = c.post("/v1/scan", json={"text": "台湾总统发表讲话", "id": "pg\x00doc"})
            assert r.status_code == 422 and "U+0000" in r.json()["error"]  # an id is a key: refused, not mangled
            first = c.post("/v1/scan", json={"text": NUL_DRAFT, "id": "pg-doc"})
            assert first.status_code == 200, first.text
            res = first.json()
            assert res["verdict"] == "block"
            for _ in range(6):  # fresh connections: both workers answer
                got = httpx.get(f"{srv.url}/v1/scans/{res['scan_id']}",
                                headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30)
                assert got.status_code == 200 and got.json()["text"] == NUL_DRAFT
            target = next(f for f in res["findings"] if f["text"] == "台湾总统")
            r = c.post(f"/v1/scans/{res['scan_id']}/decisions",
                       json={"fingerprint": target["fingerprint"], "action": "dismiss", "reason": "引用原文",
                             "reviewer": "王审核"})
            assert r.status_code == 200, r.text
            again = c.post("/v1/scan", json={"text": "据报道，台湾总统发表讲话。", "id": "pg-doc"}).json()
            assert [s["text"] for s in again["suppressed"]] == ["台湾总统"]
        log = srv.log()
    assert "Traceback" not in log and "could not store" not in log, log[-3000:]


def test_rescan_reads_a_postgresql_archive(tmp_path, postgres_url):
    """`scanner rescan postgresql+psycopg://… --query …`: every row gives one result line, a row
    without text an error line, in the query's order (streamed through a server-side cursor)."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(postgres_url)
    rows = [{"id": i, "body": f"第{i}条：全县生产总值增长6.5%。" if i % 50 else "台湾总统发表讲话", "acct": "某县发布"}
            for i in range(1, 2501)]
    rows[100]["body"] = None  # id 101
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text("CREATE TABLE posts (id INTEGER PRIMARY KEY, body TEXT, acct TEXT)"))
        conn.execute(sqlalchemy.text("INSERT INTO posts VALUES (:id, :body, :acct)"), rows)
    engine.dispose()
    cfg = tmp_path / "scanner.toml"
    cfg.write_text(f'bundled_lexicons = false\nlexicon_dirs = ["{FIXTURE_LEX}"]\n', encoding="utf-8")
    out = tmp_path / "R"
    p = subprocess.run(scanner_cmd() + ["rescan", postgres_url, "--query",
                                        "SELECT id, body AS text, acct AS account FROM posts ORDER BY id",
                                        "--out", str(out), "--workers", "2", "--config", str(cfg)],
                       capture_output=True, timeout=300)
    assert p.returncode == 1, p.stderr.decode()[-2000:]  # some results block
    got = [json.loads(x) for x in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in got] == list(range(1, 2501))
    assert "error" in got[100] and "null" in got[100]["error"]
    assert sum(r.get("verdict") == "block" for r in got) == 50
    assert got[0]["verdict"] == "pass"


def test_scans_answered_while_the_database_restarts_are_stored_when_it_is_back(scanner, tmp_path):
    """The database goes down (a restart, maintenance): scanning goes on, since the answer does
    not need the database; reading a stored scan says 503 database_unavailable instead of failing
    or waiting; the scans answered meanwhile are kept and stored once the database is back."""
    from service.app import create_app
    from service.testing import serve_in_thread
    from tests.conftest import PostgresServer

    pg = PostgresServer()  # its own server: this test stops it
    try:
        url = new_postgres_database(pg.url)
        app = create_app(scanner=scanner, db_url=url, tokens=[TOKEN])
        with serve_in_thread(app) as base, httpx.Client(base_url=base, timeout=30,
                                                         headers={"Authorization": f"Bearer {TOKEN}"}) as c:
            before = c.post("/v1/scan", json={"text": "台湾总统发表讲话", "id": "up"}).json()
            assert c.get(f"/v1/scans/{before['scan_id']}").status_code == 200
            pg.stop()
            during = [c.post("/v1/scan", json={"text": f"第{i}稿：台湾总统发表讲话", "id": f"down-{i}"}) for i in range(5)]
            assert [r.status_code for r in during] == [200] * 5  # scanning does not need the database
            # the reviewers' dismissals could not be read: every finding stays open, and the answer says so
            assert all(r.json()["verdict"] == "block" and r.json()["dismissals_unavailable"] for r in during)
            r = c.get(f"/v1/scans/{during[0].json()['scan_id']}")
            assert r.status_code == 503 and r.json()["code"] == "database_unavailable"
            assert r.headers["retry-after"] == "5"
            pg.start()
            for resp in during:
                sid = resp.json()["scan_id"]
                deadline = time.monotonic() + 30
                while (got := c.get(f"/v1/scans/{sid}")).status_code == 503 and time.monotonic() < deadline:
                    time.sleep(0.2)
                assert got.status_code == 200 and got.json()["text"].endswith("台湾总统发表讲话")
    finally:
        pg.cleanup()


def test_a_refused_scan_does_not_take_its_batch_with_it(postgres_url):
    """Rows are committed in groups; when the database refuses one row (here a primary-key clash),
    the others of its group are still stored."""
    from service.store import Store

    store = Store(postgres_url)
    try:
        result = {"verdict": "pass", "findings": [], "lexicon_version": "v"}
        store.save_scans([{"scan_id": "d" * 32, "doc_key": "k", "text": "first", "result": result}])
        store.flush()
        store.save_scans([{"scan_id": s, "doc_key": "k", "text": s[:1], "result": result}
                          for s in ("e" * 32, "d" * 32, "f" * 32)])  # the middle one exists already
        store.flush()
        assert store.get_scan("e" * 32)["text"] == "e" and store.get_scan("f" * 32)["text"] == "f"
        assert store.get_scan("d" * 32)["text"] == "first"
    finally:
        store.close()


def _read_only(server_url: str, db: str, on: bool) -> None:
    """Switch a database to read-only (a standby during failover, maintenance) or back, and drop
    its open sessions so that new ones see it."""
    postgres_admin(server_url, f"ALTER DATABASE {db} SET default_transaction_read_only = {'on' if on else 'off'}")
    postgres_admin(server_url, f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db}'")


def test_a_read_only_database_sends_scans_to_the_spool_until_it_is_writable(postgres_server, tmp_path):
    """A database that is read-only for a while (SQLSTATE 25006) is "not now", not "never": each
    save is acknowledged once the rows are fsync'd in the spool, reads say unavailable, and the
    spool is replayed (idempotently) when the database is writable again. Nothing is dropped."""
    from service.store import Store, StoreUnavailable

    url = new_postgres_database(postgres_server)
    db = url.rsplit("/", 1)[1]
    result = {"verdict": "pass", "findings": [], "lexicon_version": "v"}
    store = Store(url, spool_dir=tmp_path / "spool", retry_max=0.5)
    try:
        _read_only(postgres_server, db, True)
        for i in range(5):
            store.save_scans_wait([{"scan_id": f"{i:032d}", "doc_key": "k", "text": f"稿{i}", "result": result}])
        assert store.status()["database"] == "unavailable" and store.status()["spooled"] == 5
        assert list((tmp_path / "spool").glob("*.spool"))
        with pytest.raises(StoreUnavailable):
            store.flush()
        _read_only(postgres_server, db, False)
        deadline = time.monotonic() + 30
        while store.status()["database"] != "ok" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert store.status() == {"database": "ok", "reason": None, "spooled": 0, "queued": 0}
        assert [store.get_scan(f"{i:032d}")["text"] for i in range(5)] == [f"稿{i}" for i in range(5)]
        assert not list((tmp_path / "spool").glob("*.spool")) and store.dropped == 0
    finally:
        store.close()
