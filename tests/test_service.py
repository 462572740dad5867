"""The HTTP scan service over a real uvicorn on a free loopback port, talked to with httpx.

Error codes are in test_service_errors.py; the reviewer page in a real browser in
test_review_page.py.
"""
from __future__ import annotations

import io
import re
import shutil
import time
import zipfile

import httpx
import pytest

from conftest import FIXTURE_LEX, REPO

pytest.importorskip("fastapi")
pytest.importorskip("multipart")
pytest.importorskip("prometheus_client")

from scanner import ScannerConfig  # noqa: E402
from service.app import create_app  # noqa: E402
from service.settings import ServiceSettings, load_config_file  # noqa: E402
from service.testing import serve_in_subprocess, serve_in_thread  # noqa: E402

TOKEN = "tok-reviewer-1"
ADMIN = "tok-admin-1"
DRAFT = (REPO / "samples" / "draft.txt").read_text(encoding="utf-8")


def u16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def make_docx(paragraphs: list[str]) -> bytes:
    """A minimal Word document (what most drafts arrive as)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


@pytest.fixture(scope="module")
def server(scanner, tmp_path_factory):
    db = tmp_path_factory.mktemp("svc") / "govscan.db"
    app = create_app(scanner=scanner, db_url=f"sqlite:///{db}", tokens=[TOKEN], admin_token=ADMIN)
    with serve_in_thread(app) as url:
        yield url


@pytest.fixture()
def client(server):
    with httpx.Client(base_url=server, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=30) as c:
        yield c


def strip_service_fields(f: dict) -> dict:
    return {k: v for k, v in f.items() if k not in ("utf16_start", "utf16_end", "fingerprint", "location")}


# ------------------------------------------------------------------------------ scanning
def test_scan_is_the_library_result_plus_service_fields(client, scanner):
    r = client.post("/v1/scan", json={"text": DRAFT, "id": "post-17"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    lib = scanner.scan(DRAFT, id="post-17").to_dict()
    assert body["id"] == "post-17" and body["verdict"] == lib["verdict"] == "block"
    assert body["lexicon_version"] == scanner.lexicon_version
    assert [strip_service_fields(f) for f in body["findings"]] == lib["findings"]
    assert [f["start"] for f in body["findings"]] == sorted(f["start"] for f in body["findings"])
    for f in body["findings"]:
        assert DRAFT[f["start"]:f["end"]] == f["text"]
        assert re.fullmatch(r"[0-9a-f]{32}", f["fingerprint"])
    assert re.fullmatch(r"[0-9a-f]{32}", body["scan_id"]) and body["review_url"] == f"/review/{body['scan_id']}"
    assert body["suppressed"] == []


def test_utf16_offsets_with_astral_characters(client):
    text = "😀𠀀😀 台湾总统近日讲话 👍🏽 联系电话13812345678"
    body = client.post("/v1/scan", json={"text": text}).json()
    assert {f["text"] for f in body["findings"]} >= {"台湾总统", "13812345678"}
    for f in body["findings"]:
        assert f["utf16_start"] == u16(text[:f["start"]]) and f["utf16_end"] == u16(text[:f["end"]])
        # what JavaScript's String.slice gives with the UTF-16 offsets
        js = text.encode("utf-16-le")[2 * f["utf16_start"]:2 * f["utf16_end"]].decode("utf-16-le")
        assert js == f["text"]


def test_request_id_is_echoed_or_made(client):
    r = client.post("/v1/scan", json={"text": "你好"}, headers={"X-Request-ID": "pub-tool.42"})
    assert r.headers["x-request-id"] == "pub-tool.42"
    r = client.post("/v1/scan", json={"text": "你好"}, headers={"X-Request-ID": "bad id with spaces"})
    assert re.fullmatch(r"[0-9a-f]{32}", r.headers["x-request-id"])


def test_batch_keeps_order_and_ids(client, scanner):
    items = [{"id": "a", "text": "台湾总统发表讲话"}, {"id": 7, "text": "今天天气很好"}, {"text": DRAFT}]
    r = client.post("/v1/scan/batch", json={"items": items})
    assert r.status_code == 200
    results = r.json()["results"]
    assert [x["id"] for x in results] == ["a", 7, None]
    for it, res in zip(items, results):
        lib = scanner.scan(it["text"], id=it.get("id")).to_dict()
        assert res["verdict"] == lib["verdict"]
        assert [strip_service_fields(f) for f in res["findings"]] == lib["findings"]
    assert [x["verdict"] for x in results] == ["block", "pass", "block"]
    assert len({x["scan_id"] for x in results}) == 3


def test_published_date_makes_an_outdated_name_history(client, scanner):
    text = "环境保护部近日印发通知，要求各地加强大气污染防治。"
    today = client.post("/v1/scan", json={"text": text}).json()
    assert today["verdict"] == "review" and [f["rule"] for f in today["findings"]] == ["outdated.mep"]
    old = client.post("/v1/scan", json={"text": text, "published": "2015-06-01"}).json()
    assert old["verdict"] == "pass" and old["findings"] == []
    assert client.post("/v1/scan", json={"text": text, "published": 2024}).json()["verdict"] == "review"
    r = client.post("/v1/scan/batch", json={"items": [{"text": text, "published": "2015年6月1日"},
                                                      {"text": text, "published": None}]})
    assert [x["verdict"] for x in r.json()["results"]] == ["pass", "review"]
    for bad in ({"text": text, "published": "soon"}, {"text": text, "published": True}):
        r = client.post("/v1/scan", json=bad)
        assert r.status_code == 422 and "published" in r.json()["error"]
    r = client.post("/v1/scan/batch", json={"items": [{"text": text}, {"text": text, "published": 99999}]})
    assert r.status_code == 422 and r.json()["error"].startswith("items[1]: ") and "99999" in r.json()["error"]
    # an uploaded file: the form's published field
    docx = make_docx([text])
    up = lambda **form: client.post("/v1/scan/file", files={"file": ("通知.docx", docx)}, data=form)  # noqa: E731
    assert [f["rule"] for f in up().json()["findings"]] == ["outdated.mep"]
    assert up(published="2015-06-01").json()["findings"] == []
    assert up(published="").json()["verdict"] == "review"  # an empty field is no date
    r = up(published="soon")
    assert r.status_code == 422 and "published" in r.json()["error"]


def test_scan_file_docx_findings_point_into_extracted_text(client):
    data = make_docx(["关于低保对象的公示", "张伟，身份证号11010519491231002X，联系电话13812345678。", "台湾总统发表讲话"])
    r = client.post("/v1/scan/file", files={"file": ("公示.docx", data, "application/octet-stream")},
                    data={"id": "doc-1"})
    assert r.status_code == 200, r.text
    body = r.json()
    text = body["text"]
    assert "关于低保对象的公示\n" in text and body["document"]["kind"] == "docx"
    assert body["id"] == "doc-1" and body["verdict"] == "block"
    found = {f["text"]: f for f in body["findings"]}
    assert {"11010519491231002X", "13812345678", "台湾总统"} <= set(found)
    for f in body["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
    loc = found["台湾总统"]["location"]
    assert (loc["part"], loc["layer"], loc["label"]) == ("word/document.xml", "body", "正文")
    assert body["document"]["writable"] == {"annotate": True, "clean": True}


def test_scan_file_says_what_annotate_and_clean_write_for_it(client):
    """The reviewer page offers 批注版/清理版 from ``document.writable``: a PDF is cleaned (a new PDF
    of the pages as pictures, the phone number painted black) but not annotated (415
    unsupported_file_type); a plain text has neither."""
    reportlab = pytest.importorskip("reportlab")  # noqa: F841
    import io

    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setAuthor("Zhang Jianguo")
    c.drawString(72, 700, "Tel 13812345678")
    c.save()
    pdf = client.post("/v1/scan/file", files={"file": ("report.pdf", buf.getvalue(), "application/pdf")}).json()
    assert pdf["document"]["kind"] == "pdf" and pdf["document"]["writable"] == {"annotate": False, "clean": True}
    r = client.post("/v1/annotate", files={"file": ("report.pdf", buf.getvalue(), "application/pdf")})
    assert r.status_code == 415 and r.json()["code"] == "unsupported_file_type"
    r = client.post("/v1/clean", files={"file": ("report.pdf", buf.getvalue(), "application/pdf")})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf", r.text[:300]
    assert r.headers["x-govscan-remaining"] == "0" and int(r.headers["x-govscan-findings"]) >= 1
    assert r.headers["x-govscan-not-read"] == "0"
    copy = pdfium.PdfDocument(r.content)
    try:
        tp = copy[0].get_textpage()
        assert len(copy) == 1 and tp.count_chars() == 0  # pictures only
        tp.close()
        assert not any(copy.get_metadata_dict().values())
        img = copy[0].render(scale=150 / 72).to_pil().convert("L")
    finally:
        copy.close()
    # "Tel " in Helvetica 12 is ~20 pt wide: the number from x ~ 93 pt at baseline 700 is black
    h = img.height
    box = img.crop((int(98 * 150 / 72), int(h - 708 * 150 / 72), int(150 * 150 / 72), int(h - 701 * 150 / 72)))
    assert box.getextrema()[1] < 60, box.getextrema()
    txt = client.post("/v1/scan/file", files={"file": ("a.txt", "联系电话13812345678".encode(), "text/plain")}).json()
    assert txt["document"]["writable"] == {"annotate": False, "clean": False}


def test_scan_file_html_and_txt(client):
    html = ("<html><head><title>公示</title><script>var x='台湾总统';</script></head><body><div id='js_content'>"
            "<p>联系电话13812345678</p><p>两岸三地</p></div></body></html>").encode()
    body = client.post("/v1/scan/file", files={"file": ("post.html", html, "text/html")}).json()
    assert "台湾总统" not in body["text"]  # script is not visible text
    assert {f["text"] for f in body["findings"]} == {"13812345678", "两岸三地"}
    assert all(f["location"]["part"].startswith("html>body>div#js_content>p") for f in body["findings"])
    gb = "台湾总统发表讲话".encode("gb18030")
    body = client.post("/v1/scan/file", files={"file": ("old.txt", gb, "text/plain")}).json()
    assert body["document"]["encoding"] == "gb18030" and body["findings"][0]["text"] == "台湾总统"


def test_redact_masks_personal_data_only(client, scanner):
    r = client.post("/v1/redact", json={"text": DRAFT})
    assert r.status_code == 200
    body = r.json()
    out = body["text"]
    for raw in ("11010519491231002X", "110105196203150026", "13812345678", "139 1234 5678"):
        assert raw not in out
    assert "110105********002X" in out and "138****5678" in out
    assert "台湾总统" in out and "内部资料" in out  # not personal data: untouched
    assert body["count"] == len(body["redactions"]) >= 4
    assert all(d["type"] for d in body["redactions"])
    assert out == scanner.redact(DRAFT)  # the library's own redaction
    for d in body["redactions"]:
        assert DRAFT[d["start"]:d["end"]] not in out or d["replacement"] == DRAFT[d["start"]:d["end"]]
    assert "11010519491231002X" not in r.text


def test_health_needs_no_token_and_rules_list_lexicons(server, client, scanner):
    h = httpx.get(server + "/v1/health")
    assert h.status_code == 200 and h.json()["lexicon_version"] == scanner.lexicon_version
    rules = client.get("/v1/rules").json()
    info = scanner.info()
    assert rules["lexicon_version"] == info["lexicon_version"]
    assert [(x["name"], x["version"], x["entries"]) for x in rules["lexicons"]] == \
        [(x["name"], x["version"], x["entries"]) for x in info["lexicons"]]
    assert rules["terms"] == info["terms"] and rules["loaded_at"]


# ------------------------------------------------------------------------------ decisions
def test_dismissal_survives_edits_and_is_per_document(client):
    first = client.post("/v1/scan", json={"text": "台湾总统近日发表讲话", "id": "doc-dismiss"}).json()
    assert first["verdict"] == "block"
    f = first["findings"][0]
    r = client.post(f"/v1/scans/{first['scan_id']}/decisions",
                    json={"fingerprint": f["fingerprint"], "action": "dismiss", "reason": "引用境外报道原文", "reviewer": "王审核"})
    assert r.status_code == 200
    assert r.json()["scan"]["verdict"] == "pass" and r.json()["decision"]["action"] == "dismiss"
    # edited draft, same document: offsets move, the dismissal stays
    edited = client.post("/v1/scan", json={"text": "据报道，台湾总统近日在岛内发表讲话。", "id": "doc-dismiss"}).json()
    assert edited["verdict"] == "pass" and edited["findings"] == []
    (s,) = edited["suppressed"]
    assert s["text"] == "台湾总统" and s["start"] == 4
    assert s["dismissal"]["reason"] == "引用境外报道原文" and s["dismissal"]["reviewer"] == "王审核"
    # another document: not dismissed
    other = client.post("/v1/scan", json={"text": "台湾总统近日发表讲话", "id": "doc-other"}).json()
    assert other["verdict"] == "block" and other["suppressed"] == []
    # restore
    r = client.post(f"/v1/scans/{edited['scan_id']}/decisions",
                    json={"fingerprint": s["fingerprint"], "action": "restore", "reviewer": "王审核"})
    assert r.status_code == 200 and r.json()["scan"]["verdict"] == "block"
    again = client.post("/v1/scan", json={"text": "台湾总统近日发表讲话", "id": "doc-dismiss"}).json()
    assert again["verdict"] == "block"


def test_stored_scan_reopens_with_current_dismissals(client):
    res = client.post("/v1/scan", json={"text": DRAFT, "id": "doc-stored"}).json()
    got = client.get(f"/v1/scans/{res['scan_id']}").json()
    assert got["text"] == DRAFT and got["findings"] == res["findings"] and got["scanner_verdict"] == "block"
    target = next(f for f in res["findings"] if f["text"] == "两岸三地")
    client.post(f"/v1/scans/{res['scan_id']}/decisions",
                json={"fingerprint": target["fingerprint"], "action": "dismiss", "reason": "测试", "reviewer": "甲"})
    got = client.get(f"/v1/scans/{res['scan_id']}").json()
    assert [s["text"] for s in got["suppressed"]] == ["两岸三地"]
    assert len(got["findings"]) == len(res["findings"]) - 1


def test_review_record_json_and_printable_html(client):
    text = "<script>alert(1)</script>张伟，身份证号11010519491231002X。台湾总统发表讲话。"
    res = client.post("/v1/scan", json={"text": text, "id": "doc-record"}).json()
    sid = res["scan_id"]
    by_text = {f["text"]: f for f in res["findings"]}
    idf = by_text["11010519491231002X"]
    tw = by_text["台湾总统"]
    client.post(f"/v1/scans/{sid}/decisions", json={"fingerprint": tw["fingerprint"], "action": "dismiss",
                                                    "reason": "引文，已加说明", "reviewer": "王审核"})
    client.post(f"/v1/scans/{sid}/decisions", json={"fingerprint": idf["fingerprint"], "action": "apply",
                                                    "reviewer": "王审核"})
    assert client.post(f"/v1/scans/{sid}/review", json={"reviewer": "王审核", "conclusion": "reject",
                                                          "comment": "身份证号须去标识化"}).status_code == 200
    rec = client.get(f"/v1/scans/{sid}/review").json()
    assert rec["scan_id"] == sid and rec["document_id"] == "doc-record"
    assert rec["lexicon_version"] == res["lexicon_version"] and rec["scanner_verdict"] == "block"
    assert rec["reviewers"] == ["王审核"]
    assert [(d["action"], d["reviewer"]) for d in rec["decisions"]] == [("dismiss", "王审核"), ("apply", "王审核")]
    assert rec["decisions"][0]["reason"] == "引文，已加说明" and rec["decisions"][0]["created_at"]
    assert rec["conclusion"]["conclusion"] == "reject" and rec["conclusion"]["comment"] == "身份证号须去标识化"
    statuses = {f["rule"]: f["status"] for f in rec["findings"]}
    assert statuses[tw["rule"]] == "dismissed" and statuses["pii.id_card"] == "open"
    # personal data never in clear in the record
    raw_json = client.get(f"/v1/scans/{sid}/review").text
    assert "11010519491231002X" not in raw_json and "110105********002X" in raw_json
    dl = client.get(f"/v1/scans/{sid}/review?download=1")
    assert "attachment" in dl.headers["content-disposition"]

    h = client.get(f"/v1/scans/{sid}/review.html")
    assert h.status_code == 200 and h.headers["content-type"].startswith("text/html")
    page = h.text
    assert "政务新媒体信息发布审核记录" in page and "王审核" in page and "退回修改" in page and "误报忽略" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "11010519491231002X" not in page
    assert "主管领导（签字）" in page


def test_approve_once_blocking_findings_are_handled(client):
    res = client.post("/v1/scan", json={"text": "台湾总统发表讲话", "id": "doc-approve"}).json()
    sid = res["scan_id"]
    assert client.post(f"/v1/scans/{sid}/review", json={"reviewer": "甲", "conclusion": "approve"}).status_code == 409
    client.post(f"/v1/scans/{sid}/decisions", json={"fingerprint": res["findings"][0]["fingerprint"],
                                                    "action": "dismiss", "reason": "引文", "reviewer": "甲"})
    r = client.post(f"/v1/scans/{sid}/review", json={"reviewer": "甲", "conclusion": "approve"})
    assert r.status_code == 200 and r.json()["verdict"] == "pass" and r.json()["conclusion"] == "approve"
    assert client.get(f"/v1/scans/{sid}").json()["signoffs"][0]["reviewer"] == "甲"


def test_without_storage_nothing_is_kept(scanner, tmp_path):
    app = create_app(scanner=scanner, db_url=f"sqlite:///{tmp_path}/n.db", store_scans=False)
    with serve_in_thread(app) as url:
        body = httpx.post(url + "/v1/scan", json={"text": DRAFT, "id": "x"}).json()
        assert "scan_id" not in body and "review_url" not in body and body["verdict"] == "block"
        batch = httpx.post(url + "/v1/scan/batch", json={"items": [{"text": DRAFT}]}).json()
        assert "scan_id" not in batch["results"][0]
    import sqlite3

    with sqlite3.connect(tmp_path / "n.db") as conn:
        assert conn.execute("SELECT count(*) FROM scans").fetchone() == (0,)


# ------------------------------------------------------------------------------ metrics, docs, page
def test_metrics_count_requests_findings_and_version(server, client, scanner):
    client.post("/v1/scan", json={"text": DRAFT})
    m = httpx.get(server + "/metrics")
    assert m.status_code == 200 and m.headers["content-type"].startswith("text/plain")
    text = m.text

    def value(pattern: str) -> float:
        hit = re.search(pattern + r" ([0-9.e+]+)$", text, re.M)
        assert hit, pattern
        return float(hit.group(1))

    assert value(r'govscan_http_requests_total\{method="POST",route="/v1/scan",status="200"\}') >= 1
    assert value(r'govscan_http_request_duration_seconds_count\{method="POST",route="/v1/scan"\}') >= 1
    assert value(r'govscan_findings_total\{category="personal_data",severity="block"\}') >= 2
    assert value(r'govscan_scans_total\{verdict="block"\}') >= 1
    assert value(rf'govscan_lexicon_info\{{version="{re.escape(scanner.lexicon_version)}"\}}') == 1
    assert "/v1/scans/" + "0" * 32 not in text  # routes are templates, never raw paths


def test_openapi_and_docs_work_offline(server):
    spec = httpx.get(server + "/openapi.json").json()
    for path in ("/v1/scan", "/v1/scan/batch", "/v1/scan/file", "/v1/health", "/v1/rules", "/v1/redact",
                 "/v1/admin/reload", "/metrics", "/v1/scans/{scan_id}/review"):
        assert path in spec["paths"], path
    assert "multipart/form-data" in spec["paths"]["/v1/scan/file"]["post"]["requestBody"]["content"]
    docs = httpx.get(server + "/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    for src in re.findall(r"""(?:src|href)=['"](/docs-assets/[^'"]+)""", docs.text):
        assert httpx.get(server + src).status_code == 200, src


def test_review_page_is_served_with_a_strict_policy(server):
    for path in ("/review", "/review/" + "a" * 32):
        r = httpx.get(server + path)
        assert r.status_code == 200 and "政务新媒体发布前内容安全审查" in r.text
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert '"personal_data":"个人信息"' in r.text  # labels shipped inside the page
    assert httpx.get(server + "/static/review.js").status_code == 200
    assert httpx.get(server + "/static/review.css").status_code == 200
    assert httpx.get(server + "/", follow_redirects=False).headers["location"] == "/review"


# ------------------------------------------------------------------------------ reload
def test_worker_that_starts_during_another_workers_reload_catches_up(tmp_path, monkeypatch):
    """A worker still building its Scanner when another worker reloads must not take the new
    generation for its own (it would serve the old lexicons for ever): it reads the generation
    before the lexicons, so its watcher sees the change and rebuilds."""
    import service.reload as service_reload
    from service.store import Store

    lex = tmp_path / "lex"
    shutil.copytree(FIXTURE_LEX, lex)
    db = f"sqlite:///{tmp_path}/race.db"
    real_scanner = service_reload.Scanner
    calls = []

    def scanner_while_another_worker_reloads(config):
        built = real_scanner(config)  # this worker has read lexicon test.1 ...
        if not calls:  # ... when another worker reloads test.9 and signals a new generation
            manifest = lex / "manifest.toml"
            manifest.write_text(manifest.read_text(encoding="utf-8").replace('"test.1"', '"test.9"'), encoding="utf-8")
            Store(db).set_meta("lexicon_generation", "generation-of-the-other-worker")
        calls.append(config)
        return built

    monkeypatch.setattr(service_reload, "Scanner", scanner_while_another_worker_reloads)
    app = create_app(ScannerConfig(bundled_lexicons=False, lexicon_dirs=(str(lex),)), db_url=db,
                     settings=ServiceSettings(reload_check_seconds=0.2))
    with serve_in_thread(app) as url:
        deadline = time.monotonic() + 20
        while httpx.get(url + "/v1/health").json()["lexicon_version"] != "test.9" and time.monotonic() < deadline:
            time.sleep(0.1)
        assert httpx.get(url + "/v1/health").json()["lexicon_version"] == "test.9"
    assert len(calls) == 2  # built at start-up, rebuilt once by the watcher


def test_reload_keeps_old_lexicons_when_the_new_ones_fail_lint(tmp_path):
    lex = tmp_path / "lex"
    shutil.copytree(FIXTURE_LEX, lex)
    app = create_app(ScannerConfig(bundled_lexicons=False, lexicon_dirs=(str(lex),)),
                     db_url=f"sqlite:///{tmp_path}/r.db", tokens=[TOKEN], admin_token=ADMIN)
    admin = {"Authorization": f"Bearer {ADMIN}"}
    user = {"Authorization": f"Bearer {TOKEN}"}
    with serve_in_thread(app) as url:
        assert httpx.get(url + "/v1/health").json()["lexicon_version"] == "test.1"
        # a new version with a new term
        manifest = lex / "manifest.toml"
        manifest.write_text(manifest.read_text(encoding="utf-8").replace('version = "test.1"', 'version = "test.2"'),
                            encoding="utf-8")
        with open(lex / "wording.tsv", "a", encoding="utf-8") as f:
            f.write("t.lianganshandi\t两岸三地\tpolitical_term\t\t\t新华社禁用词\t\t\t\n")
        with open(lex / "wording.examples.tsv", "a", encoding="utf-8") as f:
            f.write("hit\tt.lianganshandi\t两岸三地媒体\n")
        r = httpx.post(url + "/v1/admin/reload", headers=admin, timeout=60)
        assert r.status_code == 200, r.text
        assert r.json()["lexicon_version"] == "test.2" and r.json()["previous_version"] == "test.1"
        assert httpx.get(url + "/v1/health").json()["lexicon_version"] == "test.2"
        scan = httpx.post(url + "/v1/scan", json={"text": "两岸三地媒体"}, headers=user).json()
        assert [f["rule"] for f in scan["findings"]] == ["t.lianganshandi"]
        # break it: an example that no longer hits, and a bad severity
        manifest.write_text(manifest.read_text(encoding="utf-8").replace('"test.2"', '"test.3"'), encoding="utf-8")
        with open(lex / "wording.examples.tsv", "a", encoding="utf-8") as f:
            f.write("hit\tt.lianganshandi\t海峡两岸\n")
        r = httpx.post(url + "/v1/admin/reload", headers=admin, timeout=60)
        assert r.status_code == 422
        body = r.json()
        assert body["code"] == "lint_failed" and body["lexicon_version"] == "test.2"
        assert any("海峡两岸" in p for p in body["problems"])
        assert httpx.get(url + "/v1/health").json()["lexicon_version"] == "test.2"
        scan = httpx.post(url + "/v1/scan", json={"text": "两岸三地媒体"}, headers=user).json()
        assert scan["lexicon_version"] == "test.2" and scan["findings"]
        m = httpx.get(url + "/metrics").text
        assert 'govscan_lexicon_reloads_total{result="failed"} 1.0' in m
        assert 'govscan_lexicon_info{version="test.2"} 1.0' in m and 'govscan_lexicon_info{version="test.1"} 0.0' in m


# ------------------------------------------------------------------------------ `scanner serve`
def test_config_file_keys(tmp_path):
    p = tmp_path / "govscan.toml"
    p.write_text('[scanner]\nbundled_lexicons = false\nlexicon_dirs = ["lex"]\n\n[service]\ntokens = ["a", "b"]\n'
                 'admin_token = "z"\nmax_chars = 5000\nmax_batch = 10\n', encoding="utf-8")
    cfg, svc = load_config_file(p)
    assert cfg.lexicon_dirs == (str(tmp_path / "lex"),)
    assert svc == ServiceSettings(tokens=("a", "b"), admin_token="z", max_chars=5000, max_batch=10)
    p.write_text("[service]\nmax_chars = -1\n", encoding="utf-8")
    from scanner.errors import ConfigError

    with pytest.raises(ConfigError, match="max_chars"):
        load_config_file(p)
    p.write_text("[service]\ntokenz = []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="tokenz"):
        load_config_file(p)


def test_scanner_serve_two_workers_logs_no_draft_text_and_reloads_every_worker(tmp_path):
    """`scanner serve` as production runs it: config file, tokens, two workers, SQLite."""
    lex = tmp_path / "lex"
    shutil.copytree(FIXTURE_LEX, lex)
    cfg = tmp_path / "govscan.toml"
    cfg.write_text(f'[scanner]\nbundled_lexicons = false\nlexicon_dirs = ["{lex}"]\n\n[service]\ntokens = ["{TOKEN}"]\n'
                   f'admin_token = "{ADMIN}"\ndb_url = "sqlite:///{tmp_path}/serve.db"\nmax_chars = 2000\n'
                   'reload_check_seconds = 0.5\n', encoding="utf-8")
    secrets = ["11010519491231002X", "13812345678", "张伟", "台湾总统", "幸福路18号"]
    text = "张伟，身份证号11010519491231002X，住幸福路18号，联系电话13812345678。台湾总统发表讲话。"
    user = {"Authorization": f"Bearer {TOKEN}"}
    with serve_in_subprocess(["--config", str(cfg), "--workers", "2"], log_path=tmp_path / "serve.log") as srv:
        with httpx.Client(base_url=srv.url, headers=user, timeout=30) as c:
            r = c.post("/v1/scan", json={"text": text, "id": "log-check"})
            assert r.status_code == 200 and r.json()["verdict"] == "block"
            sid = r.json()["scan_id"]
            assert c.post("/v1/scan/batch", json={"items": [{"id": "b1", "text": text}]}).status_code == 200
            assert c.post("/v1/redact", json={"text": text}).status_code == 200
            assert c.post("/v1/scan/file", files={"file": ("d.docx", make_docx([text]), "x")}).status_code == 200
            assert c.post("/v1/scan", json={"text": text * 40}).status_code == 413
            assert c.post("/v1/scan", json={"txt": text}).status_code == 422
            assert c.post("/v1/scan", content=text.encode()[:-1]).status_code == 400
            assert c.get(f"/v1/scans/{sid}").json()["text"] == text  # written by either worker, read by either
            # reload on one worker reaches the other
            manifest = lex / "manifest.toml"
            manifest.write_text(manifest.read_text(encoding="utf-8").replace('"test.1"', '"test.9"'), encoding="utf-8")
            r = c.post("/v1/admin/reload", headers={"Authorization": f"Bearer {ADMIN}"}, timeout=60)
            assert r.status_code == 200 and r.json()["lexicon_version"] == "test.9"
            deadline = time.monotonic() + 30
            while True:  # fresh connections land on both workers
                versions = {httpx.get(srv.url + "/v1/health").json()["lexicon_version"] for _ in range(12)}
                if versions == {"test.9"} or time.monotonic() > deadline:
                    break
                time.sleep(0.3)
            assert versions == {"test.9"}
            metrics = httpx.get(srv.url + "/metrics").text  # multiprocess: both workers counted
            n = sum(float(v) for v in re.findall(r'^govscan_http_requests_total\{method="POST",route="/v1/scan",'
                                                 r'status="\d+"\} ([0-9.]+)$', metrics, re.M))
            assert n >= 4
        time.sleep(0.3)
        log = srv.log()
    assert "reviewer page http://127.0.0.1:" in log
    assert re.search(r"rid=[0-9a-f]{32} POST /v1/scan 200 [0-9.]+ms scan_id=[0-9a-f]{32} doc_id=log-check "
                     r"verdict=block findings=\d+ suppressed=0 rules=\S*pii.id_card", log), log[-3000:]
    assert "error=text_too_large" in log and "error=invalid_utf8" in log
    for s in secrets:
        assert s not in log, f"{s!r} leaked into the log"


# ------------------------------------------------------------------------------ the store
@pytest.mark.parametrize("kind", ["sqlite3", "sqlalchemy", "postgresql"])
def test_store_round_trip_on_every_backend(tmp_path, kind, request):
    """The same statements on the standard library's sqlite3, through SQLAlchemy on SQLite, and on
    a real PostgreSQL server (tests/conftest.py starts one)."""
    from service.store import Store, doc_key_of, fingerprint

    if kind == "sqlalchemy":
        pytest.importorskip("sqlalchemy")
        url = f"sqlite+pysqlite:///{tmp_path}/sa.db"
    elif kind == "postgresql":
        url = request.getfixturevalue("postgres_url")
    else:
        url = f"sqlite:///{tmp_path}/std.db"
    store = Store(url)
    try:
        fp = fingerprint("doc-1", "pii.id_card", "11010519491231002X")
        finding = {"rule": "pii.id_card", "category": "personal_data", "type": "id_card", "severity": "block",
                   "text": "11010519491231002X", "suggestion": "110105********002X", "fingerprint": fp}
        result = {"id": "doc-1", "verdict": "block", "findings": [finding], "lexicon_version": "v1"}
        store.save_scans([{"scan_id": "a" * 32, "doc_key": "doc-1", "doc_id": "doc-1", "text": "…", "result": result,
                           "source": "api"},
                          {"scan_id": "b" * 32, "doc_key": doc_key_of(None, "b" * 32), "doc_id": None, "text": "x",
                           "result": {**result, "id": None}}])
        row = store.get_scan("a" * 32)
        assert row["doc_id"] == "doc-1" and row["result"] == result and row["verdict"] == "block"
        assert store.get_scan("b" * 32)["doc_key"] == "scan:" + "b" * 32
        assert store.get_scan("c" * 32) is None
        store.record_decision(doc_key="doc-1", scan_id="a" * 32, reviewer="甲", action="dismiss", finding=finding,
                              fingerprint=fp, reason="公开信息", text="110105********002X")
        store.record_decision(doc_key="doc-1", scan_id="a" * 32, reviewer="乙", action="dismiss", finding=finding,
                              fingerprint=fp, reason="再次确认", text="110105********002X")
        assert store.dismissals("doc-1")[fp]["reason"] == "再次确认"
        assert store.dismissals_many(["doc-1", "doc-2"]) == {"doc-1": store.dismissals("doc-1"), "doc-2": {}}
        store.record_decision(doc_key="doc-1", scan_id="a" * 32, reviewer="甲", action="restore", finding=finding,
                              fingerprint=fp)
        assert store.dismissals("doc-1") == {}
        assert [d["action"] for d in store.decisions("doc-1")] == ["dismiss", "dismiss", "restore"]
        store.add_signoff(scan_id="a" * 32, doc_key="doc-1", reviewer="甲", conclusion="reject", comment=None,
                          verdict="block", lexicon_version="v1")
        assert store.signoffs("a" * 32)[0]["conclusion"] == "reject"
        assert [v["scan_id"] for v in store.versions("doc-1")] == ["a" * 32]
        store.set_meta("lexicon_generation", "g1")
        store.set_meta("lexicon_generation", "g2")
        assert store.get_meta("lexicon_generation") == "g2"
    finally:
        store.close()
    reopened = Store(url)  # persisted
    try:
        assert reopened.get_scan("a" * 32)["result"] == result
    finally:
        reopened.close()


# ------------------------------------------------------------------------------ reviewer identities
@pytest.fixture(scope="module")
def reviewers_server(scanner, tmp_path_factory):
    db = tmp_path_factory.mktemp("svc-rev") / "govscan.db"
    settings = ServiceSettings(tokens=("tok-publisher",), reviewers={"tok-wang": "王审核", "tok-li": "李主任"},
                               approvers=("李主任",), admin_token=ADMIN, db_url=f"sqlite:///{db}")
    with serve_in_thread(create_app(scanner=scanner, settings=settings)) as url:
        yield url


def test_reviewer_tokens_name_who_decides_and_signs_off(reviewers_server):
    pub, wang, li = ({"Authorization": f"Bearer {t}"} for t in ("tok-publisher", "tok-wang", "tok-li"))
    with httpx.Client(base_url=reviewers_server, timeout=30) as c:
        res = c.post("/v1/scan", json={"text": "台湾总统近日发表讲话", "id": "rev-1"}, headers=pub).json()
        sid, fp = res["scan_id"], res["findings"][0]["fingerprint"]
        assert c.get("/v1/whoami", headers=wang).json() == {"reviewer": "王审核", "reviewer_tokens": True,
                                                            "may_approve": False, "client": None}
        assert c.get("/v1/whoami", headers=li).json()["may_approve"] is True
        assert c.get("/v1/whoami", headers=pub).json() == {"reviewer": None, "reviewer_tokens": True,
                                                           "may_approve": False, "client": "default"}
        assert c.get("/v1/whoami").status_code == 401
        dismiss = {"fingerprint": fp, "action": "dismiss", "reason": "引用境外报道原文"}
        # the publishing tool's token scans but does not decide, whatever name it types
        r = c.post(f"/v1/scans/{sid}/decisions", json={**dismiss, "reviewer": "王审核"}, headers=pub)
        assert r.status_code == 403 and r.json()["code"] == "reviewer_token_required"
        # one reviewer cannot act under another's name
        r = c.post(f"/v1/scans/{sid}/decisions", json={**dismiss, "reviewer": "王审核"}, headers=li)
        assert r.status_code == 403 and r.json()["code"] == "reviewer_mismatch"
        # the token names the reviewer: no name needed, or the same name
        r = c.post(f"/v1/scans/{sid}/decisions", json=dismiss, headers=wang)
        assert r.status_code == 200 and r.json()["decision"]["reviewer"] == "王审核"
        # only the supervising leader (service.approvers) approves publication; a reviewer may reject
        r = c.post(f"/v1/scans/{sid}/review", json={"conclusion": "approve"}, headers=wang)
        assert r.status_code == 403 and r.json()["code"] == "approver_required"
        r = c.post(f"/v1/scans/{sid}/review", json={"conclusion": "approve", "reviewer": "李主任"}, headers=li)
        assert r.status_code == 200 and r.json()["reviewer"] == "李主任"
        assert c.post(f"/v1/scans/{sid}/review", json={"conclusion": "reject"}, headers=pub).status_code == 403
        rec = c.get(f"/v1/scans/{sid}/review", headers=pub).json()  # reading the record needs no identity
        assert [(d["action"], d["reviewer"]) for d in rec["decisions"]] == [("dismiss", "王审核")]
        assert [s["reviewer"] for s in rec["signoffs"]] == ["李主任"]
        # the admin endpoint still needs the admin token
        assert c.post("/v1/admin/reload", headers=wang).status_code == 403


def test_reviewers_table_in_the_config_file(tmp_path):
    from scanner.errors import ConfigError

    p = tmp_path / "govscan.toml"
    p.write_text('[service]\ntokens = ["t1"]\n\n[service.reviewers]\n"tok-wang" = "王审核"\n"tok-li" = " 李主任 "\n',
                 encoding="utf-8")
    _, s = load_config_file(p)
    assert dict(s.reviewers) == {"tok-wang": "王审核", "tok-li": "李主任"} and s.auth_enabled
    assert ServiceSettings(reviewers={"only": "甲"}).auth_enabled  # reviewer tokens alone switch auth on
    for bad in ({"tok": ""}, {"": "甲"}, {"tok": 5}, {"tok": "名" * 101}, {" tok ": "甲"}, 5, "tok"):
        with pytest.raises(ConfigError, match="reviewers"):
            ServiceSettings(reviewers=bad)
    with pytest.raises(ConfigError, match="admin token"):
        ServiceSettings(reviewers={"same": "甲"}, admin_token="same")
    with pytest.raises(ConfigError, match="service.tokens"):
        ServiceSettings(tokens=("shared",), reviewers={"shared": "甲"})
    env = ServiceSettings(tokens=("t1",)).with_env({"GOVSCAN_REVIEWERS": "tok-a=王审核, tok-b = 李主任"})
    assert dict(env.reviewers) == {"tok-a": "王审核", "tok-b": "李主任"}
    with pytest.raises(ConfigError, match="GOVSCAN_REVIEWERS"):
        ServiceSettings().with_env({"GOVSCAN_REVIEWERS": "tok-a"})
    with pytest.raises(ConfigError, match="approvers names no reviewer"):
        ServiceSettings(reviewers={"t": "甲"}, approvers=["乙"])
    p.write_text('[service]\napprovers = ["李主任"]\n[service.reviewers]\n"t-li" = "李主任"\n', encoding="utf-8")
    assert load_config_file(p)[1].approvers == ("李主任",)


def test_one_config_file_for_every_layer(tmp_path):
    """The scanner's keys, [service] and [rescan] live in one file: each command reads its own."""
    p = tmp_path / "govscan.toml"
    p.write_text(f'[scanner]\nbundled_lexicons = false\nlexicon_dirs = ["{FIXTURE_LEX}"]\n\n[service]\n'
                 'tokens = ["t1"]\n\n[rescan]\ntext_field = "body"\n', encoding="utf-8")
    cfg, s = load_config_file(p)
    assert cfg.bundled_lexicons is False and s.tokens == ("t1",)
    p.write_text(f'lexicon_dirs = ["{FIXTURE_LEX}"]\n\n[rescan]\nworkers = 2\n', encoding="utf-8")  # top level too
    assert load_config_file(p)[0].lexicon_dirs


def test_a_scanner_handed_to_the_service_gets_its_tagger_warmed(tmp_path):
    """create_app(scanner=...) (the documented embedding) warms the person-name tagger at start-up
    as create_app(config) does: the first request with a sensitive attribute must not pay its load."""
    import subprocess
    import sys

    code = ("from scanner import Scanner, person_model\n"
            "from service.app import create_app\n"
            "from service.testing import serve_in_thread\n"
            f"app = create_app(scanner=Scanner(), db_url='sqlite:///{tmp_path}/w.db')\n"
            "assert not person_model.loaded()\n"
            "with serve_in_thread(app):\n"
            "    assert person_model.loaded() == person_model.available(), 'not warmed at start-up'\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)
