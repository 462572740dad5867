"""The scan pool (issue 17): scans run off the event loop in a bounded pool; a full pool answers
429 with Retry-After, a scan past its time budget 503 ``scan_timeout`` and stops; the library's
deadline is what stops it."""
from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from conftest import FIXTURE_LEX

pytest.importorskip("fastapi")

from scanner import Scanner, ScanTimeout  # noqa: E402
from scanner.files import extract  # noqa: E402
from scanner.files.scan import scan_document  # noqa: E402
from service.app import create_app  # noqa: E402
from service.settings import ServiceSettings  # noqa: E402
from service.testing import serve_in_thread  # noqa: E402

LONG = "县政府召开常务会议，研究部署安全生产工作。联系人张三，电话13812345678。" * 4000  # 164,000 characters


@pytest.fixture(scope="module")
def scanner():
    return Scanner(bundled_lexicons=False, lexicon_dirs=[str(FIXTURE_LEX)])


# ---------------------------------------------------------------------------- the library's deadline
def test_a_deadline_already_past_stops_the_scan(scanner):
    with pytest.raises(ScanTimeout):
        scanner.scan(LONG, deadline=time.monotonic() - 1)
    doc = extract("联系电话13812345678".encode(), "a.txt")
    with pytest.raises(ScanTimeout):
        scan_document(scanner, doc, deadline=time.monotonic() - 1)


def test_a_deadline_in_time_changes_nothing(scanner):
    text = "联系电话13812345678，台湾总统发表讲话"
    assert scanner.scan(text, deadline=time.monotonic() + 60) == scanner.scan(text)


# ---------------------------------------------------------------------------- the service
def _metric(url: str, name: str) -> float:
    for line in httpx.get(url + "/metrics").text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_a_scan_past_its_budget_is_503_and_the_worker_serves_on(scanner, tmp_path):
    settings = ServiceSettings(db_url=f"sqlite:///{tmp_path}/b.db", scan_time_budget=0.001)
    with serve_in_thread(create_app(scanner=scanner, settings=settings)) as url:
        r = httpx.post(url + "/v1/scan", json={"text": LONG}, timeout=60)
        assert r.status_code == 503 and r.json()["code"] == "scan_timeout", r.text
        assert r.headers["retry-after"] == "5"
        assert _metric(url, 'govscan_scans_refused_total{reason="timeout"}') >= 1
        health = httpx.get(url + "/v1/health").json()
        assert health["scans"] == {"running": 0, "waiting": 0, "capacity": settings.scan_threads + settings.scan_queue}


def test_a_full_pool_answers_429_with_retry_after_and_loses_nothing_it_took(scanner, tmp_path):
    settings = ServiceSettings(db_url=f"sqlite:///{tmp_path}/c.db", scan_threads=1, scan_queue=0)

    async def burst(url):
        async with httpx.AsyncClient(base_url=url, timeout=60) as c:
            return await asyncio.gather(*(c.post("/v1/scan", json={"text": LONG, "id": f"d{i}"}) for i in range(6)))

    with serve_in_thread(create_app(scanner=scanner, settings=settings)) as url:
        answers = asyncio.run(burst(url))
        codes = sorted(r.status_code for r in answers)
        assert 200 in codes and 429 in codes and set(codes) <= {200, 429}, codes
        for r in answers:
            if r.status_code == 429:
                assert r.json()["code"] == "busy" and r.headers["retry-after"] == "1"
            else:  # what was taken was answered and stored
                assert httpx.get(url + f"/v1/scans/{r.json()['scan_id']}").status_code == 200
        assert _metric(url, 'govscan_scans_refused_total{reason="busy"}') == codes.count(429)
        # the pool is free again
        assert httpx.post(url + "/v1/scan", json={"text": LONG}, timeout=60).status_code == 200


def test_health_answers_while_the_pool_scans(scanner, tmp_path):
    settings = ServiceSettings(db_url=f"sqlite:///{tmp_path}/d.db", scan_threads=2)

    async def run(url):
        async with httpx.AsyncClient(base_url=url, timeout=60) as c:
            scans = [asyncio.create_task(c.post("/v1/scan", json={"text": LONG})) for _ in range(4)]
            await asyncio.sleep(0.05)
            waits = []
            while not all(t.done() for t in scans):
                t0 = time.perf_counter()
                r = await c.get("/v1/health")
                waits.append(time.perf_counter() - t0)
                assert r.status_code == 200
                await asyncio.sleep(0.01)
            return [t.result().status_code for t in scans], waits

    with serve_in_thread(create_app(scanner=scanner, settings=settings)) as url:
        codes, waits = asyncio.run(run(url))
    assert codes == [200] * 4
    assert waits and max(waits) < 1.0  # generous: the point is it never waits for a scan to finish
