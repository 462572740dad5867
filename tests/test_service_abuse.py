"""Hostile input against a real server (issue 17): amplification is bounded (findings per answer
capped, the rest counted), ids are typed and reserved prefixes refused (one document cannot take
over another's dismissals), the database file is the service's alone, and a worst-case draft
does not hold /v1/health."""
from __future__ import annotations

import os
import stat
import threading
import time

import httpx
import pytest

from conftest import FIXTURE_LEX

pytest.importorskip("fastapi")

from scanner import Scanner  # noqa: E402
from service.app import create_app  # noqa: E402
from service.settings import ServiceSettings  # noqa: E402
from service.testing import serve_in_thread  # noqa: E402

TOKEN = "tok-abuse"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db = tmp_path_factory.mktemp("abuse") / "a.db"
    scanner = Scanner(bundled_lexicons=False, lexicon_dirs=[str(FIXTURE_LEX)])
    settings = ServiceSettings(tokens=(TOKEN,), db_url=f"sqlite:///{db}", max_findings=50)
    with serve_in_thread(create_app(scanner=scanner, settings=settings)) as url:
        yield url, db


@pytest.fixture(scope="module")
def c(served):
    with httpx.Client(base_url=served[0], headers=AUTH, timeout=60) as client:
        yield client


def test_findings_are_capped_most_severe_first(c):
    text = "机密★" * 400 + "联系电话13812345678"  # 400 block marks, then a review-level phone number
    r = c.post("/v1/scan", json={"text": text, "id": "amplify"})
    assert r.status_code == 200
    body = r.json()
    assert len(body["findings"]) == 50 and body["truncated"] > 300
    assert body["verdict"] == "block" and all(f["severity"] == "block" for f in body["findings"])
    starts = [f["start"] for f in body["findings"]]
    assert starts == sorted(starts)
    stored = c.get(f"/v1/scans/{body['scan_id']}").json()
    assert len(stored["findings"]) == 50 and stored["truncated"] == body["truncated"]
    small = c.post("/v1/scan", json={"text": "台湾总统发表讲话"}).json()
    assert "truncated" not in small


def test_integer_and_string_ids_are_two_documents(c):
    a = c.post("/v1/scan", json={"text": "台湾总统发表讲话", "id": "7"}).json()
    f = a["findings"][0]
    r = c.post(f"/v1/scans/{a['scan_id']}/decisions",
               json={"fingerprint": f["fingerprint"], "action": "dismiss", "reason": "引用原文", "reviewer": "王审核"})
    assert r.status_code == 200, r.text
    again = c.post("/v1/scan", json={"text": "台湾总统发表讲话", "id": "7"}).json()
    assert again["verdict"] == "pass" and again["suppressed"]  # the dismissal follows the document "7"
    other = c.post("/v1/scan", json={"text": "台湾总统发表讲话", "id": 7}).json()
    assert other["verdict"] == "block" and not other["suppressed"]  # 7 is another document
    assert other["id"] == 7 and again["id"] == "7"


@pytest.mark.parametrize("ident", ["scan:0123456789abcdef0123456789abcdef", "int:7"])
def test_reserved_id_prefixes_are_refused(c, ident):
    r = c.post("/v1/scan", json={"text": "台湾总统发表讲话", "id": ident})
    assert r.status_code == 422 and "reserved" in r.json()["error"]


def test_database_file_is_readable_by_the_service_only(served, c):
    c.post("/v1/scan", json={"text": "台湾总统发表讲话"})
    _, db = served
    assert stat.S_IMODE(os.stat(db).st_mode) == 0o600


def test_health_answers_while_worst_case_drafts_are_scanned(c, served):
    """Four of the worst drafts at once (a long line of blanks before a list row, a 公示 roster
    dense with names and numbers): /v1/health keeps answering within a fraction of a second."""
    url, _ = served
    rows = "".join(f"{i}. 张伟{i % 10}，男，身份证号11010519491231002X，电话13812345678\n" for i in range(2500))
    drafts = [" " * 100_000 + "张三，男", rows[:100_000], "1" * 100_000, "张" * 100_000]
    done = []

    def post(text):
        with httpx.Client(base_url=url, headers=AUTH, timeout=120) as cl:
            done.append(cl.post("/v1/scan", json={"text": text[:190_000]}).status_code)

    threads = [threading.Thread(target=post, args=(d,)) for d in drafts]
    for t in threads:
        t.start()
    worst = 0.0
    with httpx.Client(base_url=url, timeout=30) as h:
        while any(t.is_alive() for t in threads):
            t0 = time.perf_counter()
            assert h.get("/v1/health").status_code == 200
            worst = max(worst, time.perf_counter() - t0)
            time.sleep(0.02)
    for t in threads:
        t.join()
    assert done == [200] * 4
    assert worst < 1.0, f"health took {worst * 1000:.0f} ms while the drafts were scanned"


# ------------------------------------------------------------------ whose scan it is
@pytest.fixture(scope="module")
def tenants(tmp_path_factory):
    db = tmp_path_factory.mktemp("tenants") / "t.db"
    scanner = Scanner(bundled_lexicons=False, lexicon_dirs=[str(FIXTURE_LEX)])
    settings = ServiceSettings(tokens=("tok-default",), clients=(("tok-weixin", "weixin"), ("tok-site", "site")),
                               reviewers=(("tok-rev", "王审核"),), db_url=f"sqlite:///{db}")
    with serve_in_thread(create_app(scanner=scanner, settings=settings)) as url:
        yield url


def _as(url, token):
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=30)


def test_a_client_reads_its_own_scans_only_and_a_reviewer_reads_all(tenants):
    with _as(tenants, "tok-weixin") as wx, _as(tenants, "tok-site") as site, _as(tenants, "tok-rev") as rev, \
            _as(tenants, "tok-default") as plain:
        mine = wx.post("/v1/scan", json={"text": "台湾总统发表讲话", "id": "post-1"}).json()
        sid = mine["scan_id"]
        assert wx.get(f"/v1/scans/{sid}").status_code == 200
        for other in (site, plain):  # another client's draft is not found (not even "forbidden")
            r = other.get(f"/v1/scans/{sid}")
            assert r.status_code == 404 and r.json()["code"] == "scan_not_found"
            assert other.get(f"/v1/scans/{sid}/review").status_code == 404
        assert rev.get(f"/v1/scans/{sid}").status_code == 200
        assert wx.get("/v1/whoami").json()["client"] == "weixin" and rev.get("/v1/whoami").json()["client"] is None


def test_the_same_id_in_two_clients_is_two_documents(tenants):
    with _as(tenants, "tok-weixin") as wx, _as(tenants, "tok-site") as site, _as(tenants, "tok-rev") as rev:
        a = wx.post("/v1/scan", json={"text": "台湾总统发表讲话", "id": "same"}).json()
        f = a["findings"][0]
        r = rev.post(f"/v1/scans/{a['scan_id']}/decisions",
                     json={"fingerprint": f["fingerprint"], "action": "dismiss", "reason": "引用原文"})
        assert r.status_code == 200, r.text
        assert wx.post("/v1/scan", json={"text": "台湾总统发表讲话", "id": "same"}).json()["verdict"] == "pass"
        assert site.post("/v1/scan", json={"text": "台湾总统发表讲话", "id": "same"}).json()["verdict"] == "block"
        r = site.post("/v1/scan", json={"text": "台湾总统发表讲话", "id": "c:weixin:same"})
        assert r.status_code == 422  # a client cannot name its way into another's namespace


def test_purge_deletes_old_drafts_and_keeps_the_audit_trail(tmp_path):
    import sqlite3
    import subprocess

    from service.store import Store
    from tests.conftest import scanner_cmd

    db = tmp_path / "p.db"
    store = Store(f"sqlite:///{db}", spool_dir=tmp_path / "spool")
    result = {"verdict": "block", "findings": [], "lexicon_version": "v"}
    store.save_scans_wait([{"scan_id": f"{i:032d}", "doc_key": "d", "text": f"稿{i}", "result": result}
                           for i in range(4)])
    store.add_signoff(scan_id=f"{0:032d}", doc_key="d", reviewer="王审核", conclusion="reject", comment=None,
                      verdict="block", lexicon_version="v")
    store.close()
    con = sqlite3.connect(db)
    con.execute("UPDATE scans SET created_at = '2024-03-01T00:00:00.000+00:00' WHERE scan_id IN (?, ?)",
                (f"{0:032d}", f"{1:032d}"))
    con.commit()
    con.close()
    cmd = scanner_cmd() + ["purge", "--before", "2025-01-01", "--db", f"sqlite:///{db}"]
    p = subprocess.run(cmd + ["--dry-run"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and "2 stored scan(s)" in p.stderr and "would be" in p.stderr, p.stderr
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and "2 stored scan(s)" in p.stderr, p.stderr
    con = sqlite3.connect(db)
    assert sorted(r[0] for r in con.execute("SELECT scan_id FROM scans")) == [f"{2:032d}", f"{3:032d}"]
    assert con.execute("SELECT COUNT(*) FROM signoffs").fetchone()[0] == 1
    bad = subprocess.run(scanner_cmd() + ["purge", "--before", "last year", "--db", f"sqlite:///{db}"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr
