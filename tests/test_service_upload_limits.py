"""Body-size limits of the upload routes over a real socket (`scanner serve` in a child process,
httpx): a file upload may reach ``max_upload_bytes``, any other body ``max_body_bytes``. The
reviewer page's picture route (POST /v1/file/picture) takes the same file the scan took, so it
must accept the same size (it used to be capped at the JSON limit)."""
from __future__ import annotations

import io

import httpx
import pytest

from service.testing import serve_in_subprocess
from tests.conftest import service_config

pytest.importorskip("fastapi")
Image = pytest.importorskip("PIL.Image")

TOKEN = "tok-upload"
H = {"Authorization": f"Bearer {TOKEN}"}
BODY = 64 * 1024      # max_body_bytes of the test server
UPLOAD = 512 * 1024   # max_upload_bytes of the test server


@pytest.fixture(scope="module")
def srv(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("upload")
    cfg = service_config(tmp, TOKEN, db_url=f"sqlite:///{tmp}/u.db", max_body_bytes=BODY, max_upload_bytes=UPLOAD)
    with serve_in_subprocess(["--config", str(cfg)], log_path=tmp / "serve.log",
                             env={"GOVSCAN_CACHE_DIR": str(tmp / "cache")}) as server:
        yield server


def _noise_png(side: int) -> bytes:
    """A PNG of random pixels (does not compress: about 3 * side² bytes)."""
    import os

    img = Image.frombytes("RGB", (side, side), os.urandom(3 * side * side))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def test_picture_route_takes_an_upload_between_the_two_limits(srv):
    png = _noise_png(260)  # ~200 KB: over the JSON body limit, under the upload limit
    assert BODY < len(png) < UPLOAD
    r = httpx.post(f"{srv.url}/v1/file/picture", headers=H, timeout=60,
                   files={"file": ("照片.png", png, "image/png")}, data={"part": "照片.png"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(r.content)).size == (260, 260)


def test_picture_route_refuses_an_upload_over_the_upload_limit(srv):
    png = _noise_png(440)  # ~580 KB
    assert len(png) > UPLOAD
    r = httpx.post(f"{srv.url}/v1/file/picture", headers=H, timeout=60,
                   files={"file": ("照片.png", png, "image/png")}, data={"part": "照片.png"})
    assert r.status_code == 413
    assert r.json()["code"] == "body_too_large"


def test_a_json_route_keeps_the_body_limit(srv):
    big = "政务公开" * (BODY // 8)  # ~96 KB of UTF-8: over the body limit, under the upload limit
    r = httpx.post(f"{srv.url}/v1/scan", headers={**H, "Content-Type": "application/json"},
                   content=('{"text": "' + big + '"}').encode(), timeout=60)
    assert r.status_code == 413 and r.json()["code"] == "body_too_large"


def test_every_upload_route_has_the_upload_limit():
    """Each route whose body is a multipart file (the OpenAPI request body the routes declare) is in
    UPLOAD_PATHS, so a new upload route cannot silently get the JSON limit again."""
    from service.middleware import UPLOAD_PATHS
    from service.routes import files

    multipart = {r.path for r in files.router.routes
                 if "multipart/form-data" in ((getattr(r, "openapi_extra", None) or {}).get("requestBody") or {})
                 .get("content", {})}
    assert "/v1/file/picture" in multipart
    assert multipart <= UPLOAD_PATHS, multipart - UPLOAD_PATHS
