"""Slow, idle and vanishing clients against a real `scanner serve` (issue 17): a half-sent header
or a trickled body is closed on time, a thousand idle connections do not stop /v1/health, a
client that disconnects mid-body is not a 5xx, and a body that is not JSON is 415."""
from __future__ import annotations

import re
import resource
import socket
import time

import httpx
import pytest

from service.testing import serve_in_subprocess
from tests.conftest import service_config

pytest.importorskip("fastapi")

TOKEN = "tok-conn"
H = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("conn")
    cfg = service_config(tmp, TOKEN, db_url=f"sqlite:///{tmp}/c.db", header_timeout=1.5, body_timeout=2.0)
    with serve_in_subprocess(["--config", str(cfg)], log_path=tmp / "serve.log") as server:
        yield server


def _addr(url: str) -> tuple[str, int]:
    host, port = url.split("//", 1)[1].rsplit(":", 1)
    return host, int(port)


def _closed_within(sock: socket.socket, seconds: float) -> float | None:
    """Seconds until the server closes ``sock`` (reads EOF), None if it stays open."""
    sock.settimeout(0.2)
    t0 = time.monotonic()
    while time.monotonic() - t0 < seconds:
        try:
            data = sock.recv(4096)
        except socket.timeout:
            continue
        except ConnectionResetError:
            return time.monotonic() - t0
        if data == b"" or data.startswith(b"HTTP/1.1 4"):
            return time.monotonic() - t0
    return None


def test_a_half_sent_header_is_closed(srv):
    s = socket.create_connection(_addr(srv.url))
    s.sendall(b"POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Type: appl")
    took = _closed_within(s, 10)
    s.close()
    assert took is not None and took < 4, took


def test_a_connection_that_sends_nothing_is_closed(srv):
    s = socket.create_connection(_addr(srv.url))
    took = _closed_within(s, 10)
    s.close()
    assert took is not None and took < 4, took


def test_a_trickled_body_is_closed(srv):
    s = socket.create_connection(_addr(srv.url))
    s.sendall(b"POST /v1/scan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN.encode() +
              b"\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{")
    t0 = time.monotonic()
    closed = False
    while time.monotonic() - t0 < 10:
        try:
            s.sendall(b" ")
        except (BrokenPipeError, ConnectionResetError):
            closed = True
            break
        s.settimeout(0.5)
        try:
            if s.recv(4096) == b"":
                closed = True
                break
        except socket.timeout:
            pass
        except ConnectionResetError:
            closed = True
            break
    s.close()
    assert closed and time.monotonic() - t0 < 6


def test_a_thousand_idle_connections_and_health_still_answers(srv):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 1300:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(4096, hard), hard))
    socks = []
    try:
        for _ in range(1100):
            socks.append(socket.create_connection(_addr(srv.url)))
        t0 = time.monotonic()
        r = httpx.get(f"{srv.url}/v1/health", timeout=10)
        assert r.status_code == 200 and time.monotonic() - t0 < 2
        time.sleep(3)  # past header_timeout: the idle ones are gone
        alive = 0
        for s in socks:
            s.setblocking(False)
            try:
                alive += s.recv(1) != b""
            except BlockingIOError:
                alive += 1
            except ConnectionResetError:
                pass
        assert alive < 50, alive
    finally:
        for s in socks:
            s.close()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_client_that_disconnects_mid_body_is_not_a_server_error(srv):
    s = socket.create_connection(_addr(srv.url))
    s.sendall(b"POST /v1/scan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN.encode() +
              b"\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"text\": \"" + b"a" * 100)
    time.sleep(0.3)
    s.close()
    time.sleep(0.5)
    metrics = httpx.get(f"{srv.url}/metrics", timeout=10).text
    fives = [line for line in metrics.splitlines() if re.search(r'status="5\d\d"', line) and not line.endswith(" 0.0")]
    assert not fives, fives
    log = srv.log()
    assert "Traceback" not in log and "unhandled" not in log


def test_a_body_that_is_not_json_is_415(srv):
    r = httpx.post(f"{srv.url}/v1/scan", headers={**H, "Content-Type": "text/plain"}, content="台湾总统", timeout=10)
    assert r.status_code == 415 and r.json()["code"] == "unsupported_media_type"
    ok = httpx.post(f"{srv.url}/v1/scan", headers={**H, "Content-Type": "application/json; charset=utf-8"},
                    content='{"text": "台湾总统"}'.encode(), timeout=10)
    assert ok.status_code == 200


def _read_response(sock: socket.socket, seconds: float = 5.0) -> bytes:
    """One whole HTTP/1.1 response (headers and a Content-Length body) from ``sock``."""
    sock.settimeout(seconds)
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    m = re.search(rb"(?i)content-length:\s*(\d+)", head)
    want = int(m.group(1)) if m else 0
    if head.startswith(b"HEAD"):
        want = 0
    while len(body) < want:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def test_responses_go_out_whole_with_head_continue_and_close(srv):
    """The status line and headers wait for the body and leave in one write (service/protocol.py
    _OneWrite): every kind of response still arrives whole and at once: a HEAD answer (no body),
    a 100 Continue before the body, a response that closes the connection, two kept-alive ones."""
    addr = _addr(srv.url)
    with socket.create_connection(addr) as s:
        s.sendall(b"HEAD /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
        got = _read_response(s)
        assert got.startswith(b"HTTP/1.1 ") and b"\r\n\r\n" in got
        assert re.match(rb"HTTP/1.1 (200|405)", got)
    body = b'{"text": "\xe6\xb5\x8b\xe8\xaf\x95"}'
    with socket.create_connection(addr) as s:
        s.sendall(b"POST /v1/scan HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN.encode() +
                  b"\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: %d\r\n\r\n" % len(body))
        s.settimeout(5)
        first = s.recv(4096)
        assert first.startswith(b"HTTP/1.1 100"), first  # not held back until the body
        s.sendall(body)
        got = _read_response(s)
        assert got.startswith(b"HTTP/1.1 200"), got[:80]
        assert b'"verdict"' in got
    with socket.create_connection(addr) as s:
        for _ in range(2):  # kept alive: two answers on one connection
            s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
            got = _read_response(s)
            assert got.startswith(b"HTTP/1.1 200") and got.endswith(b"}"), got[-40:]
        s.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        got = _read_response(s)
        assert got.startswith(b"HTTP/1.1 200") and got.endswith(b"}")
        s.settimeout(5)
        assert s.recv(10) == b""  # and then closed
