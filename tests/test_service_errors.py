"""Every error code of the HTTP service, over a real uvicorn: each answer is JSON
``{"error", "code", "status", "request_id"}`` and carries the X-Request-ID header."""
from __future__ import annotations

import io
import logging
import zipfile

import httpx
import pytest

from conftest import FIXTURE_LEX

pytest.importorskip("fastapi")
pytest.importorskip("multipart")
pytest.importorskip("prometheus_client")

from scanner import Scanner  # noqa: E402
from service.app import create_app  # noqa: E402
from service.settings import ServiceSettings  # noqa: E402
from service.testing import serve_in_thread  # noqa: E402

TOKEN = "tok-err"
ADMIN = "tok-err-admin"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LIMITS = dict(max_chars=1000, max_batch=3, max_body_bytes=64 * 1024, max_upload_bytes=32 * 1024)


@pytest.fixture(scope="module")
def server(scanner, tmp_path_factory):
    db = tmp_path_factory.mktemp("err") / "e.db"
    settings = ServiceSettings(tokens=(TOKEN,), admin_token=ADMIN, db_url=f"sqlite:///{db}", **LIMITS)
    with serve_in_thread(create_app(scanner=scanner, settings=settings)) as url:
        yield url


@pytest.fixture(scope="module")
def c(server):
    with httpx.Client(base_url=server, headers=AUTH, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def blocked_scan(c):
    """A stored scan with one blocking finding (with a suggestion) and one without a suggestion."""
    r = c.post("/v1/scan", json={"text": "台湾总统发表讲话，两岸三地媒体关注。", "id": "err-doc"}).json()
    return r


def check_error(r: httpx.Response, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert isinstance(body["error"], str) and body["error"]
    assert body["status"] == status
    assert body["request_id"] == r.headers["x-request-id"]
    if code:
        assert body["code"] == code, body
    return body


def docx_bytes(text: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                   f'2006/main"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>')
    return buf.getvalue()


# ------------------------------------------------------------------------------ 400
@pytest.mark.parametrize("body, code", [
    (b'{"text": "abc"', "invalid_json"),
    (b"text=abc", "invalid_json"),
    (b'{"text": "\xe5\x8f"}', "invalid_utf8"),
    (b"\xff\xfe{}", "invalid_utf8"),
    (b'{"text": "\\ud800"}', "invalid_json"),  # a lone surrogate is not text
    (b"", "empty_body"),
    (b"   ", "empty_body"),
])
def test_400_unreadable_body(c, body, code):
    check_error(c.post("/v1/scan", content=body, headers={"Content-Type": "application/json"}), 400, code)


def test_400_bad_content_length(server):
    import socket

    host, port = server.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        s.sendall(b"POST /v1/scan HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\n{}")
        head = s.recv(4096)
    assert head.startswith(b"HTTP/1.1 400")


def test_400_upload_without_file_part(c):
    check_error(c.post("/v1/scan/file", data={"id": "x"}, files={"other": ("a.txt", b"x", "text/plain")}),
                400, "missing_file")
    check_error(c.post("/v1/scan/file", files={"file": ("a.txt", b"x", "text/plain"),
                                               "file2": ("b.txt", b"y", "text/plain")}), 400)


# ------------------------------------------------------------------------------ 401 / 403
@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": "Bearer"}, {"Authorization": TOKEN}])
@pytest.mark.parametrize("method, path", [("POST", "/v1/scan"), ("POST", "/v1/scan/batch"), ("POST", "/v1/redact"),
                                          ("GET", "/v1/rules"), ("POST", "/v1/scan/file"),
                                          ("GET", "/v1/scans/" + "0" * 32)])
def test_401_without_a_valid_token(server, method, path, headers):
    r = httpx.request(method, server + path, json={"text": "台湾总统"}, headers=headers)
    check_error(r, 401, "unauthorized")
    assert r.headers["www-authenticate"].startswith("Bearer")


def test_401_403_admin_reload(server):
    check_error(httpx.post(server + "/v1/admin/reload"), 401, "unauthorized")
    check_error(httpx.post(server + "/v1/admin/reload", headers={"Authorization": "Bearer nope"}), 401)
    check_error(httpx.post(server + "/v1/admin/reload", headers=AUTH), 403, "forbidden")


def test_health_and_metrics_need_no_token(server):
    assert httpx.get(server + "/v1/health").status_code == 200
    assert httpx.get(server + "/metrics").status_code == 200


# ------------------------------------------------------------------------------ 404 / 405
def test_404(c):
    check_error(c.get("/v1/nothing"), 404, "not_found")
    check_error(c.get("/v1/scans/" + "0" * 32), 404, "scan_not_found")
    check_error(c.get("/v1/scans/not-an-id"), 404, "scan_not_found")
    check_error(c.get("/v1/scans/" + "0" * 32 + "/review"), 404, "scan_not_found")
    check_error(c.get("/v1/scans/" + "0" * 32 + "/review.html"), 404, "scan_not_found")
    check_error(c.post("/v1/scans/" + "0" * 32 + "/decisions", json={}), 404, "scan_not_found")
    check_error(c.get("/static/nothing.js"), 404)


def test_405(c):
    check_error(c.get("/v1/scan"), 405, "method_not_allowed")
    check_error(c.delete("/v1/health"), 405, "method_not_allowed")
    check_error(c.put("/v1/scan/batch", json={}), 405)


# ------------------------------------------------------------------------------ 409
def test_409_conflicts(c, blocked_scan):
    sid = blocked_scan["scan_id"]
    check_error(c.post(f"/v1/scans/{sid}/review", json={"reviewer": "甲", "conclusion": "approve"}), 409,
                "open_blocking_findings")
    fp = blocked_scan["findings"][0]["fingerprint"]
    check_error(c.post(f"/v1/scans/{sid}/decisions", json={"fingerprint": fp, "action": "restore", "reviewer": "甲"}),
                409, "not_dismissed")
    ok = c.post(f"/v1/scans/{sid}/decisions", json={"fingerprint": fp, "action": "dismiss", "reason": "r",
                                                    "reviewer": "甲"})
    assert ok.status_code == 200
    check_error(c.post(f"/v1/scans/{sid}/decisions", json={"fingerprint": fp, "action": "dismiss", "reason": "r",
                                                           "reviewer": "甲"}), 409, "already_dismissed")
    c.post(f"/v1/scans/{sid}/decisions", json={"fingerprint": fp, "action": "restore", "reviewer": "甲"})


# ------------------------------------------------------------------------------ 413
def test_413_text_over_max_chars(c):
    body = check_error(c.post("/v1/scan", json={"text": "字" * 1001}), 413, "text_too_large")
    assert body["limit"] == 1000
    assert c.post("/v1/scan", json={"text": "字" * 1000}).status_code == 200
    check_error(c.post("/v1/redact", json={"text": "字" * 1001}), 413, "text_too_large")
    check_error(c.post("/v1/scan/batch", json={"items": [{"text": "a"}, {"text": "字" * 1001}]}), 413, "text_too_large")


def test_413_batch_over_max_batch(c):
    check_error(c.post("/v1/scan/batch", json={"items": [{"text": "a"}] * 4}), 413, "batch_too_large")
    assert c.post("/v1/scan/batch", json={"items": [{"text": "a"}] * 3}).status_code == 200


def test_413_body_over_limit_declared_and_streamed(c):
    big = b'{"text": "' + b"a" * (70 * 1024) + b'"}'
    check_error(c.post("/v1/scan", content=big), 413, "body_too_large")

    def chunks():  # no Content-Length: counted while it streams
        yield big[:40000]
        yield big[40000:]

    check_error(c.post("/v1/scan", content=chunks()), 413, "body_too_large")


def test_413_upload_over_limit(c):
    check_error(c.post("/v1/scan/file", files={"file": ("big.txt", b"a" * (40 * 1024), "text/plain")}), 413,
                "body_too_large")
    check_error(c.post("/v1/scan/file", files={"file": ("long.docx", docx_bytes("字" * 1500), "x")}), 413,
                "text_too_large")


# ------------------------------------------------------------------------------ 415
def test_415_upload_type(c):
    check_error(c.post("/v1/scan/file", files={"file": ("tool.exe", b"MZ\x90\x00", "application/octet-stream")}),
                415, "unsupported_file_type")
    body = check_error(c.post("/v1/scan/file", files={"file": ("draft.pdf", b"%PDF-1.4", "application/pdf")}), 422,
                       "unreadable_file")
    assert body["reason"] == "corrupt"  # a truncated PDF: unreadable, with its reason
    check_error(c.post("/v1/scan/file", json={"text": "abc"}), 415, "unsupported_media_type")


# ------------------------------------------------------------------------------ 422
@pytest.mark.parametrize("payload, code", [
    ([{"text": "a"}], "wrong_type"),
    ("just a string", "wrong_type"),
    (42, "wrong_type"),
    ({}, "missing_field"),
    ({"txt": "a"}, "missing_field"),
    ({"text": 5}, "wrong_type"),
    ({"text": None}, "wrong_type"),
    ({"text": ["a"]}, "wrong_type"),
    ({"text": "a", "id": {"x": 1}}, "wrong_type"),
    ({"text": "a", "id": True}, "wrong_type"),
    ({"text": "a", "id": 1.5}, "wrong_type"),
    ({"text": "a", "id": "x" * 300}, "wrong_type"),
])
def test_422_wrong_types_scan(c, payload, code):
    check_error(c.post("/v1/scan", json=payload), 422, code)


@pytest.mark.parametrize("payload, code", [
    ({}, "missing_field"),
    ({"items": {"text": "a"}}, "wrong_type"),
    ({"items": "a"}, "wrong_type"),
    ({"items": ["a"]}, "wrong_type"),
    ({"items": [{"id": 1}]}, "missing_field"),
    ({"items": [{"text": 1}]}, "wrong_type"),
])
def test_422_wrong_types_batch(c, payload, code):
    body = check_error(c.post("/v1/scan/batch", json=payload), 422, code)
    if payload.get("items") and isinstance(payload["items"], list):
        assert body["error"].startswith("items[0]")


def test_422_unreadable_upload(c):
    body = check_error(c.post("/v1/scan/file", files={"file": ("bad.docx", b"PK\x03\x04 not a zip", "x")}), 422,
                       "unreadable_file")
    assert body["reason"] == "corrupt" and "bad.docx" in body["error"]
    check_error(c.post("/v1/scan/file", files={"file": ("bin.txt", bytes(range(256)) * 4, "x")}), 422,
                "unreadable_file")


def test_422_decisions_and_review(c, blocked_scan):
    sid = blocked_scan["scan_id"]
    by_text = {f["text"]: f for f in blocked_scan["findings"]}
    fp = by_text["台湾总统"]["fingerprint"]
    url = f"/v1/scans/{sid}/decisions"
    check_error(c.post(url, json={"fingerprint": fp, "action": "delete", "reviewer": "甲"}), 422, "wrong_type")
    check_error(c.post(url, json={"fingerprint": fp, "action": "dismiss", "reviewer": "甲"}), 422, "missing_field")
    check_error(c.post(url, json={"fingerprint": fp, "action": "dismiss", "reason": "  ", "reviewer": "甲"}), 422,
                "missing_field")
    check_error(c.post(url, json={"fingerprint": fp, "action": "dismiss", "reason": "r"}), 422, "missing_field")
    check_error(c.post(url, json={"fingerprint": fp, "action": "dismiss", "reason": "r", "reviewer": 3}), 422,
                "wrong_type")
    check_error(c.post(url, json={"fingerprint": fp, "action": "dismiss", "reason": "r" * 3000, "reviewer": "甲"}),
                422, "too_long")
    check_error(c.post(url, json={"fingerprint": "0" * 32, "action": "dismiss", "reason": "r", "reviewer": "甲"}),
                422, "unknown_finding")
    check_error(c.post(url, json={"fingerprint": 5, "action": "apply", "reviewer": "甲"}), 422, "wrong_type")
    check_error(c.post(url, json={"fingerprint": by_text["两岸三地"]["fingerprint"], "action": "apply",
                                  "reviewer": "甲"}), 422, "no_suggestion")
    check_error(c.post(url, json=["x"]), 422, "wrong_type")
    rev = f"/v1/scans/{sid}/review"
    check_error(c.post(rev, json={"reviewer": "甲", "conclusion": "maybe"}), 422, "wrong_type")
    check_error(c.post(rev, json={"conclusion": "reject"}), 422, "missing_field")
    check_error(c.post(rev, content=b"{"), 400, "invalid_json")


# ------------------------------------------------------------------------------ 500
class ExplodingScanner(Scanner):
    """A scanner that fails on purpose, with the draft in its exception message."""

    def scan(self, text, *, id=None, deadline=None, published=None):
        raise RuntimeError(f"cannot scan {text!r}")


def test_500_is_json_and_logs_no_draft_text(tmp_path, caplog):
    broken = ExplodingScanner(bundled_lexicons=False, lexicon_dirs=[str(FIXTURE_LEX)])
    app = create_app(scanner=broken, db_url=f"sqlite:///{tmp_path}/x.db")
    secret = "身份证号11010519491231002X"
    with caplog.at_level(logging.INFO, logger="govscan"):
        with serve_in_thread(app) as url:
            r = httpx.post(url + "/v1/scan", json={"text": secret}, headers={"X-Request-ID": "req-500"})
            body = check_error(r, 500, "internal_error")
            assert body["request_id"] == "req-500"
            assert secret not in r.text
            assert httpx.get(url + "/v1/health").status_code == 200  # still serving
    logged = "\n".join(rec.getMessage() for rec in caplog.records)
    assert "rid=req-500 unhandled RuntimeError" in logged and "rid=req-500 POST /v1/scan 500" in logged
    assert "11010519491231002X" not in logged
