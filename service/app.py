"""The HTTP scan service: a thin FastAPI layer over :class:`scanner.Scanner`.

    from service.app import create_app
    app = create_app("govscan.toml")                 # or create_app(scanner=Scanner(), db_url=...)
    # uvicorn --factory service.app:create_app       (reads GOVSCAN_CONFIG)

Endpoints (docs/SERVICE.md; SPEC section 5 for the contract):

    POST /v1/scan            {"text", "id"?}               → scan result (+ scan_id, suppressed, utf16 offsets)
    POST /v1/scan/batch      {"items": [{"id", "text"}]}   → {"results": [...]}
    POST /v1/scan/file       multipart: file (any format of docs/FILES.md), id? → scan result + text + locations
    POST /v1/annotate        multipart: file → a copy with a reviewer comment at each finding
    POST /v1/clean           multipart: file → a copy with hidden layers and properties removed, PII masked
    POST /v1/redact          {"text"}                      → {"text": masked, ...}
    GET  /v1/health          → lexicon version (no token needed)
    GET  /v1/rules           → loaded lexicon files, versions, entry counts
    POST /v1/admin/reload    → reload lexicons (admin token); lint failure keeps the old ones
    GET  /v1/scans/{id}      → a stored scan with the current dismissals applied
    POST /v1/scans/{id}/decisions   dismiss / restore / apply a finding
    POST /v1/scans/{id}/review      the reviewer's conclusion (approve / reject)
    GET  /v1/scans/{id}/review      the review record, JSON;  …/review.html: printable
    GET  /metrics            Prometheus;  GET /docs  OpenAPI;  GET /review[/{scan_id}]  the reviewer page

Errors are JSON ``{"error": reason, "code": short_code, "request_id": …}`` everywhere. Logs carry
request ids, counts, rules, verdicts and timings, never draft text or matched values.
"""
from __future__ import annotations

import asyncio
import sys
import bisect
import gc
import hmac
import logging
import os
import re
import time
import traceback
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping

import orjson
from urllib.parse import quote
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from scanner import Scanner, ScannerConfig, __version__
from scanner.errors import ConfigError, InputError, LexiconError, ScannerError
from scanner.files import SUPPORTED_SUFFIXES, FileError
from scanner.files.isolate import Extractor
from scanner.files.output import annotate_bytes, clean_bytes, output_name
from scanner.files.scan import scan_document
from scanner.model import CATEGORY_LABELS, SEVERITY_RANK, TYPE_LABELS

from . import record
from .metrics import CONTENT_TYPE_LATEST, Metrics
from .settings import ServiceSettings, load_config_file
from .store import RESERVED_ID_PREFIXES, Store, StoreUnavailable, client_of, doc_key_of, fingerprint, new_id

__all__ = ["create_app", "ApiError", "redact_text"]

log = logging.getLogger("govscan.service")

STATIC_DIR = Path(__file__).resolve().parent / "static"
INLINE_SCAN_CHARS = 20_000  # longer texts are scanned in a worker thread so the event loop stays responsive
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_SCAN_ID = re.compile(r"[0-9a-f]{32}")
_PUBLIC_PATHS = ("/v1/health",)
_REVIEWER_MAX = 100
_REVIEWER_DOC = ("who decides. With [service.reviewers] configured it comes from the reviewer's own token "
                 "(may be left out; a different name is refused with 403); otherwise required")
_REASON_MAX = 2000
_UPLOAD_PATHS = frozenset({"/v1/scan/file", "/v1/annotate", "/v1/clean"})
#: FileError code -> HTTP status for an upload that cannot be read (docs/SERVICE.md)
_FILE_ERROR_STATUS = {"unsupported": 415, "too_large": 413, "zip_bomb": 413}
_MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
PAGE_CSP = (f"default-src 'self'; script-src 'self'; style-src 'self' {record.STYLE_HASH}; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


# ============================================================================ errors
class ApiError(Exception):
    """An error answer: HTTP status, a reason for people, a short code for programs and logs."""

    def __init__(self, status: int, error: str, code: str, headers: Mapping[str, str] | None = None, **extra: Any):
        super().__init__(error)
        self.status, self.error, self.code, self.headers, self.extra = status, error, code, dict(headers or {}), extra


class ErrorBody(BaseModel):
    """Every error answer."""

    error: str
    code: str
    status: int
    request_id: str | None = None


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": desc} for code, desc in (
        (400, "unreadable body (invalid JSON or UTF-8)"), (401, "missing or wrong bearer token"),
        (403, "the token may not do this (admin, reviewer or approver needed)"), (404, "no such scan"),
        (409, "conflict with the stored state"), (413, "text, batch, body or file over the limit"),
        (415, "the body is not JSON, or the file type is not read"), (422, "wrong or missing fields"),
        (503, "the database is unavailable (scans answered meanwhile are kept; Retry-After) or the worker is "
              "at max_connections"))}


def _error_body(status: int, error: str, code: str, request_id: str | None, **extra: Any) -> bytes:
    return orjson.dumps({"error": error, "code": code, "status": status, "request_id": request_id, **extra})


def _json(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json", headers=headers)


def _rid(request: Request) -> str | None:
    return request.scope.get("state", {}).get("request_id")


def _note(request: Request, **fields: Any) -> None:
    """Add fields to this request's log line (ids, counts, rules; never text)."""
    request.scope.setdefault("state", {}).setdefault("log", {}).update(fields)


# ============================================================================ state
@dataclass
class ServiceState:
    config: ScannerConfig
    settings: ServiceSettings
    config_path: Path | None = None
    scanner: Scanner | None = None
    store: Store | None = None
    metrics: Metrics = field(default_factory=Metrics)
    generation: str | None = None
    loaded_at: str | None = None
    reload_lock: asyncio.Lock | None = None
    extractor: Extractor | None = None          # file extraction in a worker process (time + memory caps)
    upload_slots: asyncio.Semaphore | None = None  # files read at once by this worker

    def fresh_config(self) -> ScannerConfig:
        """The scanner config to reload with: the config file read again, if there is one."""
        if self.config_path is not None:
            cfg, _ = load_config_file(self.config_path)
            return cfg
        return self.config


# ============================================================================ middleware
class RequestMiddleware:
    """Request ids, body-size limits, one log line and metrics per request, JSON 500s.

    A pure ASGI middleware (BaseHTTPMiddleware costs ~10x more per request)."""

    def __init__(self, app, state: ServiceState):
        self.app = app
        self.st = state

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        rid = None
        length = None
        for k, v in scope["headers"]:
            if k == b"x-request-id":
                cand = v.decode("latin-1")
                if _REQUEST_ID.fullmatch(cand):
                    rid = cand
            elif k == b"content-length":
                try:
                    length = int(v)
                except ValueError:
                    length = -1
        rid = rid or new_id()
        state = scope.setdefault("state", {})
        state["request_id"] = rid
        status_box = [500]
        started = [False]
        rid_b = rid.encode()

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                started[0] = True
                status_box[0] = message["status"]
                message["headers"] = list(message.get("headers", ())) + [(b"x-request-id", rid_b)] + SECURITY_HEADERS
            await send(message)

        path = scope["path"]
        settings = self.st.settings
        limit = settings.max_upload_bytes if path in _UPLOAD_PATHS else settings.max_body_bytes
        try:
            if length is not None and length > limit:
                await self._send_error(send_wrapper, 413, f"request body of {length} bytes is over the limit of {limit}",
                                       "body_too_large", rid)
            elif length == -1:
                await self._send_error(send_wrapper, 400, "invalid Content-Length header", "bad_content_length", rid)
            else:
                received = [0]

                async def limited_receive():
                    message = await receive()
                    if message["type"] == "http.request":
                        received[0] += len(message.get("body", b""))
                        if received[0] > limit:
                            raise ApiError(413, f"request body over the limit of {limit} bytes", "body_too_large")
                    return message

                await self.app(scope, limited_receive, send_wrapper)
        except ClientDisconnect:
            # the client went away mid-request: nobody to answer, nothing wrong here (not a 5xx)
            status_box[0] = 499
            state.setdefault("log", {})["client"] = "disconnected"
        except Exception as exc:  # anything the app did not turn into an answer
            state.setdefault("log", {})["exception"] = type(exc).__name__
            # the traceback's frames only: exception messages may quote the draft
            log.error("rid=%s unhandled %s\n%s", rid, type(exc).__name__, "".join(traceback.format_tb(exc.__traceback__)))
            if not started[0]:
                await self._send_error(send_wrapper, 500, "internal error; quote the request id when reporting it",
                                       "internal_error", rid)
        finally:
            dt = time.perf_counter() - t0
            route = scope.get("route")
            route_path = getattr(route, "path", None) or ("/static" if path.startswith("/static/") else "unmatched")
            method = scope["method"]
            status = status_box[0]
            try:
                self.st.metrics.observe_request(method, route_path, status, dt)
            except Exception:  # metrics must never break a request
                pass
            extra = state.get("log")
            tail = "".join(f" {k}={_logval(v)}" for k, v in extra.items()) if extra else ""
            log.info("rid=%s %s %s %d %.2fms%s", rid, method, route_path, status, dt * 1000, tail)

    @staticmethod
    async def _send_error(send, status: int, error: str, code: str, rid: str) -> None:
        body = _error_body(status, error, code, rid)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


# ============================================================================ helpers
_LOG_SAFE = re.compile(r"[\w.,:/@+-]{0,200}")


def _logval(v: Any) -> str:
    """A log field value: as is when plain, else quoted (a document id with a newline cannot forge a line)."""
    s = str(v)
    return s if _LOG_SAFE.fullmatch(s) else orjson.dumps(s[:200]).decode()


def _check_token(request: Request, settings: ServiceSettings, *, admin: bool = False) -> str | None:
    """Check the bearer token; return the reviewer's name when it is a reviewer's own token
    (``[service.reviewers]``), else None."""
    request.state.client = "default"  # whose scans this request may read: a client name, None = all
    if not settings.auth_enabled and (not admin or not settings.admin_token):
        return None  # development mode: no tokens at all
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    token = token.strip()
    challenge = {"WWW-Authenticate": 'Bearer realm="govscan"'}
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, "missing bearer token (Authorization: Bearer <token>)", "unauthorized", challenge)
    tok = token.encode()
    if admin:
        if settings.admin_token and hmac.compare_digest(tok, settings.admin_token.encode()):
            return None
        if any(hmac.compare_digest(tok, t.encode()) for t in settings.all_tokens):
            raise ApiError(403, "this endpoint needs the admin token" if settings.admin_token
                           else "lexicon reload is disabled: no admin_token is configured", "forbidden")
        raise ApiError(401, "invalid token", "unauthorized", challenge)
    identity = None
    client = None
    for t, name in settings.reviewers:  # every pair is compared: no timing hint of which matched
        if hmac.compare_digest(tok, t.encode()):
            identity = name
    for t, name in settings.clients:
        if hmac.compare_digest(tok, t.encode()):
            client = name
    plain = any(hmac.compare_digest(tok, t.encode()) for t in settings.tokens)
    if identity is None and client is None and not plain:
        raise ApiError(401, "invalid token", "unauthorized", challenge)
    # a reviewer reads every client's scans; a publishing tool only its own
    request.state.client = None if identity is not None else (client or "default")
    return identity


def _client(request: Request) -> str:
    """The namespace a request's scans are stored in (a reviewer's own scans: "default")."""
    return getattr(request.state, "client", None) or "default"


def _may_approve(identity: str | None, settings: ServiceSettings) -> bool:
    """Whether this token's holder may approve publication: anyone when reviewers are typed names;
    else a reviewer's own token, of one of ``approvers`` when those are named."""
    if not settings.reviewers:
        return True
    return identity is not None and (not settings.approvers or identity in settings.approvers)


def _reviewer(obj: Mapping[str, Any], identity: str | None, settings: ServiceSettings) -> str:
    """Who decides: the reviewer whose own token made the request. Without reviewer tokens
    configured, the name typed on the page (``reviewer``)."""
    typed = _str_field(obj, "reviewer", required=identity is None and not settings.reviewers, max_len=_REVIEWER_MAX)
    if identity is None:
        if settings.reviewers:
            raise ApiError(403, "decisions and sign-offs need a reviewer's own token ([service.reviewers])",
                           "reviewer_token_required")
        return typed
    if typed is not None and typed != identity:
        raise ApiError(403, f"this token belongs to reviewer {identity!r}, not {typed!r}", "reviewer_mismatch")
    return identity


async def _json_object(request: Request) -> dict[str, Any]:
    ctype = request.headers.get("content-type")
    if ctype:
        media = ctype.split(";", 1)[0].strip().lower()
        if media != "application/json" and not media.endswith("+json"):
            raise ApiError(415, f"the body must be JSON (Content-Type: application/json), not {media[:60]}",
                           "unsupported_media_type")
    body = await request.body()
    if not body.strip():
        raise ApiError(400, "empty request body; expected a JSON object", "empty_body")
    try:
        obj = orjson.loads(body)
    except orjson.JSONDecodeError as e:
        try:
            body.decode("utf-8")
        except UnicodeDecodeError as ue:
            raise ApiError(400, f"request body is not valid UTF-8 (byte {ue.start})", "invalid_utf8") from None
        raise ApiError(400, f"invalid JSON: {e}", "invalid_json") from None
    if not isinstance(obj, dict):
        raise ApiError(422, f"expected a JSON object, got {_json_type(obj)}", "wrong_type")
    return obj


def _json_type(v: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number",
            type(None): "null"}.get(type(v), type(v).__name__)


def _text_field(obj: Mapping[str, Any], max_chars: int, where: str = "") -> str:
    if "text" not in obj:
        raise ApiError(422, f"{where}missing field 'text'", "missing_field")
    text = obj["text"]
    if not isinstance(text, str):
        raise ApiError(422, f"{where}'text' must be a string, not {_json_type(text)}", "wrong_type")
    if len(text) > max_chars:
        raise ApiError(413, f"{where}text of {len(text)} characters is over the limit of {max_chars}", "text_too_large",
                       limit=max_chars)
    return text


def _id_field(obj: Mapping[str, Any], where: str = "") -> str | int | None:
    ident = obj.get("id")
    if ident is None or isinstance(ident, str) or (isinstance(ident, int) and not isinstance(ident, bool)):
        if isinstance(ident, str) and len(ident) > 256:
            raise ApiError(422, f"{where}'id' is longer than 256 characters", "wrong_type")
        if isinstance(ident, str) and "\x00" in ident:  # a document key: PostgreSQL cannot store it
            raise ApiError(422, f"{where}'id' must not contain the character U+0000", "wrong_type")
        if isinstance(ident, str) and ident.startswith(RESERVED_ID_PREFIXES):
            raise ApiError(422, f"{where}'id' must not start with {' or '.join(RESERVED_ID_PREFIXES)} (reserved for "
                                "scans without an id and integer ids)", "wrong_type")
        return ident
    raise ApiError(422, f"{where}'id' must be a string or an integer, not {_json_type(ident)}", "wrong_type")


def _str_field(obj: Mapping[str, Any], key: str, *, required: bool, max_len: int) -> str | None:
    v = obj.get(key)
    if v is None or (isinstance(v, str) and not v.strip()):
        if required:
            raise ApiError(422, f"field '{key}' is required", "missing_field")
        return None
    if not isinstance(v, str):
        raise ApiError(422, f"'{key}' must be a string, not {_json_type(v)}", "wrong_type")
    if len(v) > max_len:
        raise ApiError(422, f"'{key}' is longer than {max_len} characters", "too_long")
    return v.strip()


def _utf16_of(text: str) -> Callable[[int], int]:
    """Code-point offset → UTF-16 offset (JavaScript string index)."""
    if not text or max(text) < "\U00010000":
        return lambda i: i
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    return lambda i: i + bisect.bisect_left(astral, i)


def _enrich(result_dict: dict[str, Any], text: str, doc_key: str) -> dict[str, Any]:
    """Add what the service adds to each finding: UTF-16 offsets and the dismissal fingerprint."""
    findings = result_dict["findings"]
    if findings:
        u16 = _utf16_of(text)
        for f in findings:
            f["utf16_start"] = u16(f["start"])
            f["utf16_end"] = u16(f["end"])
            f["fingerprint"] = fingerprint(doc_key, f["rule"], f["text"])
    return result_dict


def _cap_findings(result: dict[str, Any], limit: int) -> None:
    """Keep at most ``limit`` findings, the most severe first (then in text order), and say how
    many were left out in ``truncated``: a 0.6 MB draft of 机密★ repeated must not come back as
    45 MB of JSON, nor be stored as such. The verdict stays the one of every finding."""
    findings = result["findings"]
    if len(findings) <= limit:
        return
    keep = sorted(range(len(findings)), key=lambda i: (-SEVERITY_RANK[findings[i]["severity"]], i))[:limit]
    result["findings"] = [findings[i] for i in sorted(keep)]
    result["truncated"] = len(findings) - limit


def _verdict(findings: list[dict[str, Any]]) -> str:
    worst = -1
    for f in findings:
        worst = max(worst, SEVERITY_RANK[f["severity"]])
    return "pass" if worst < 1 else ("block" if worst == 2 else "review")


def _present(raw: dict[str, Any], dismissals: Mapping[str, Mapping[str, Any]], scan_id: str | None) -> dict[str, Any]:
    """The answer for a stored raw result: dismissed findings move to ``suppressed``; the verdict
    counts only the others (SPEC section 1: unsuppressed findings)."""
    findings, suppressed = [], []
    for f in raw["findings"]:
        d = dismissals.get(f.get("fingerprint", "")) if dismissals else None
        if d is None:
            findings.append(f)
        else:
            suppressed.append({**f, "dismissal": {"reason": d.get("reason"), "reviewer": d.get("reviewer"),
                                                  "at": d.get("created_at")}})
    out = {"id": raw["id"], "verdict": _verdict(findings) if suppressed else raw["verdict"], "findings": findings,
           "lexicon_version": raw["lexicon_version"], "suppressed": suppressed}
    if raw.get("truncated"):
        out["truncated"] = raw["truncated"]
    if "file" in raw:
        out["file"] = raw["file"]
    if scan_id is not None:
        out["scan_id"] = scan_id
        out["review_url"] = f"/review/{scan_id}"
    return out


def redact_text(sc: Scanner, text: str) -> tuple[str, list[dict[str, Any]]]:
    """The library's redaction (:func:`scanner.redact`: each personal-data finding that has a
    de-identified form is replaced by it; one without, such as an agency's public mailbox, stays)
    and the list of what it masked: offsets into the original, type, rule, replacement."""
    from scanner import redact

    done = [{"start": f.start, "end": f.end, "type": f.type, "rule": f.rule, "replacement": f.suggestion}
            for f in sc.scan(text).findings if f.category == "personal_data" and f.suggestion is not None]
    return redact(text, sc), done


def _display_text(f: Mapping[str, Any]) -> str:
    """What the audit record shows of a matched value: personal data stays masked."""
    if f.get("category") == "personal_data":
        return f.get("suggestion") or "*" * len(f.get("text", ""))
    return f.get("text", "")


def _labels_json() -> str:
    data = {"categories": CATEGORY_LABELS, "types": TYPE_LABELS,
            "severities": {"block": "阻断", "review": "人工复核", "info": "提示", "pass": "通过"}}
    # safe inside <script type="application/json">: no "<" can close the element
    return orjson.dumps(data).decode().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


# ============================================================================ factory
def create_app(config: ScannerConfig | str | os.PathLike | None = None, *, scanner: Scanner | None = None,
               settings: ServiceSettings | None = None, db_url: str | None = None,
               tokens: list[str] | tuple[str, ...] | None = None, admin_token: str | None = None,
               max_chars: int | None = None, max_batch: int | None = None,
               store_scans: bool | None = None) -> FastAPI:
    """Build the service.

    ``config``: a ScannerConfig, or a TOML file with scanner keys and a ``[service]`` table; without
    it, ``$GOVSCAN_CONFIG`` if set, else the defaults (bundled lexicons, ``sqlite:///govscan.db``).
    ``scanner``: share an already-built Scanner (else one is built at start-up, in the lifespan).
    Keyword arguments override the settings; ``GOVSCAN_TOKENS``, ``GOVSCAN_ADMIN_TOKEN`` and
    ``GOVSCAN_DB_URL`` override the file.
    """
    config_path: Path | None = None
    file_settings: ServiceSettings | None = None
    if config is None and scanner is None and os.environ.get("GOVSCAN_CONFIG"):
        config = os.environ["GOVSCAN_CONFIG"]
    if isinstance(config, (str, os.PathLike)):
        config_path = Path(config).resolve()
        scanner_config, file_settings = load_config_file(config_path)
    elif isinstance(config, ScannerConfig):
        scanner_config = config
    elif scanner is not None:
        scanner_config = scanner.config
    else:
        scanner_config = ScannerConfig()
    s = (settings or file_settings or ServiceSettings()).with_env()
    overrides = {k: v for k, v in dict(db_url=db_url, tokens=tuple(tokens) if tokens is not None else None,
                                       admin_token=admin_token, max_chars=max_chars, max_batch=max_batch,
                                       store_scans=store_scans).items() if v is not None}
    if overrides:
        s = replace(s, **overrides)
    st = ServiceState(config=scanner_config, settings=s, config_path=config_path, scanner=scanner)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        t0 = time.perf_counter()
        st.reload_lock = asyncio.Lock()
        st.upload_slots = asyncio.Semaphore(max(1, st.settings.file_workers))
        st.extractor = Extractor(st.settings.file_limits(), workers=st.settings.file_workers)
        st.store = Store(st.settings.db_url, spool_dir=st.settings.spool_dir)
        # the generation is read before the lexicons: a reload by another worker while this one
        # builds its Scanner then shows as a newer generation, and the watcher rebuilds
        st.generation = st.store.get_meta("lexicon_generation")
        if st.scanner is None:
            st.scanner = await run_in_threadpool(Scanner, st.config)
        st.loaded_at = record.now_iso()
        st.metrics.set_lexicon_version(st.scanner.lexicon_version)
        gc.collect()
        gc.freeze()  # the Scanner's long-lived tables leave the collector's work: no multi-ms gen-2 pauses
        # the store's writer thread commits each scan before it is answered: let it take the GIL
        # within 1 ms of its commit being ready instead of Python's default 5 ms
        sys.setswitchinterval(0.001)
        watcher = asyncio.create_task(_watch_generation(st))
        log.info("ready lexicon_version=%s terms=%d auth=%s store=%s startup_ms=%.0f", st.scanner.lexicon_version,
                 st.scanner.info()["terms"], "on" if st.settings.auth_enabled else "off",
                 st.settings.db_url.split(":", 1)[0], (time.perf_counter() - t0) * 1000)
        try:
            yield
        finally:
            watcher.cancel()
            st.extractor.close()
            st.store.close()

    docs_assets = _swagger_assets()
    app = FastAPI(title="govscan", version=__version__, lifespan=lifespan,
                  docs_url=None if docs_assets else "/docs", redoc_url=None,
                  description="政务新媒体发布前内容安全审查 — HTTP scan service and reviewer page. "
                              "Contract: SPEC section 5; guide: docs/SERVICE.md.")
    app.state.svc = st
    app.add_middleware(RequestMiddleware, state=st)

    # ------------------------------------------------------------------ error handlers
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        _note(request, error=exc.code)
        return Response(_error_body(exc.status, exc.error, exc.code, _rid(request), **exc.extra), status_code=exc.status,
                        media_type="application/json", headers=exc.headers)

    @app.exception_handler(StoreUnavailable)
    async def _store_unavailable(request: Request, exc: StoreUnavailable):
        log.warning("rid=%s database unavailable: %s", _rid(request), exc)
        _note(request, error="database_unavailable")
        return Response(_error_body(503, "the database is unavailable for now; try again shortly (every scan "
                                         "answered with a scan_id is kept and stored when it is back)",
                                    "database_unavailable",
                                    _rid(request)),
                        status_code=503, media_type="application/json", headers={"Retry-After": "5"})

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        reason = "no such endpoint" if exc.status_code == 404 and exc.detail == "Not Found" else str(exc.detail)
        _note(request, error=code)
        return Response(_error_body(exc.status_code, reason, code, _rid(request)), status_code=exc.status_code,
                        media_type="application/json", headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]  # no "input" echo
        _note(request, error="validation")
        return Response(_error_body(422, "invalid request", "validation", _rid(request), details=details),
                        status_code=422, media_type="application/json")

    # ------------------------------------------------------------------ scanning
    def _scan_and_store(items: list[tuple[str, Any]], *, source: str, filename: str | None = None,
                        scan: Callable[[str, Any], dict] | None = None,
                        client: str = "default") -> tuple[list[dict[str, Any]], Any]:
        """Scan (``scan(text, id)`` when given: a file's located result), apply dismissals, hand the
        scans to the store. Returns the results and the store's future (None when scans are not
        kept): the answer goes out only once that future says the scans are durable."""
        sc = st.scanner
        store = st.store
        keep = st.settings.store_scans
        raws = []
        for text, doc_id in items:
            scan_id = new_id()
            doc_key = doc_key_of(doc_id, scan_id, client)
            d = scan(text, doc_id) if scan is not None else sc.scan(text, id=doc_id).to_dict()
            _cap_findings(d, st.settings.max_findings)
            raw = _enrich(d, text, doc_key)
            raws.append((scan_id, doc_key, doc_id, text, raw))
        keyed = [r[1] for r in raws if r[2] is not None and r[4]["findings"]]
        try:
            dism = store.dismissals_many(keyed) if len(keyed) > 1 else (
                {keyed[0]: store.dismissals(keyed[0])} if keyed else {})
            unknown: set[str] = set()
        except StoreUnavailable as e:
            # The scan does not need the database, only the reviewers' dismissals do. Fail closed:
            # every finding stays open, and the answer says the dismissals could not be read.
            log.warning("database unavailable, dismissals not applied: %s", e)
            dism, unknown = {}, set(keyed)
        stored = None
        if keep:
            stored = store.save_scans({"scan_id": sid, "doc_key": dk, "doc_id": did, "text": t, "result": raw,
                                       "source": source, "filename": filename} for sid, dk, did, t, raw in raws)
        out = []
        for sid, dk, did, t, raw in raws:
            res = _present(raw, dism.get(dk, {}), sid if keep else None)
            if dk in unknown:
                res["dismissals_unavailable"] = True
            st.metrics.observe_scan(res["verdict"], len(t), res["findings"])
            out.append(res)
        return out, stored

    async def _run(fn, *args, big: bool = False, **kw):
        return await run_in_threadpool(fn, *args, **kw) if big else fn(*args, **kw)

    async def _scan_durably(items: list[tuple[str, Any]], *, big: bool, **kw) -> list[dict[str, Any]]:
        """Scan and store; return the results once the scans are in the database or the spool.
        Raises StoreUnavailable (→ 503) when neither can take them: a 200 is never a lost scan."""
        out, stored = await _run(_scan_and_store, items, big=big, **kw)  # kw: source, filename, scan, client
        if stored is not None:
            try:
                await asyncio.wait_for(asyncio.wrap_future(stored), timeout=st.settings.store_timeout)
            except asyncio.TimeoutError:
                raise StoreUnavailable("the scans were not stored in time") from None
        return out

    def _log_result(request: Request, res: dict[str, Any]) -> None:
        _note(request, scan_id=res.get("scan_id", "-"), doc_id=res.get("id"), verdict=res["verdict"],
              findings=len(res["findings"]), suppressed=len(res["suppressed"]),
              rules=",".join(sorted({f["rule"] for f in res["findings"]})) or "-")

    scan_body = {"content": {"application/json": {"schema": {
        "type": "object", "required": ["text"],
        "properties": {"text": {"type": "string", "description": "the draft"},
                       "id": {"type": ["string", "integer"], "description": "document id: dismissals follow it"}}},
        "example": {"id": "post-17", "text": "台湾总统近日发表讲话，联系电话13812345678。"}}}, "required": True}

    @app.post("/v1/scan", tags=["scan"], responses=_ERRORS, openapi_extra={"requestBody": scan_body},
              summary="Scan one draft (SPEC section 5)")
    async def scan(request: Request):
        _check_token(request, st.settings)
        obj = await _json_object(request)
        text = _text_field(obj, st.settings.max_chars)
        doc_id = _id_field(obj)
        res = (await _scan_durably([(text, doc_id)], source="api", big=len(text) > INLINE_SCAN_CHARS,
                                   client=_client(request)))[0]
        _log_result(request, res)
        return _json(res)

    batch_body = {"content": {"application/json": {"schema": {
        "type": "object", "required": ["items"],
        "properties": {"items": {"type": "array", "items": scan_body["content"]["application/json"]["schema"]}}}}},
        "required": True}

    @app.post("/v1/scan/batch", tags=["scan"], responses=_ERRORS, openapi_extra={"requestBody": batch_body},
              summary="Scan several drafts: {\"results\": [...]}, in input order")
    async def scan_batch(request: Request):
        _check_token(request, st.settings)
        obj = await _json_object(request)
        items = obj.get("items")
        if not isinstance(items, list):
            raise ApiError(422, "'items' must be an array of {\"id\", \"text\"} objects"
                           if "items" in obj else "missing field 'items'", "wrong_type" if "items" in obj else "missing_field")
        if len(items) > st.settings.max_batch:
            raise ApiError(413, f"{len(items)} items is over the batch limit of {st.settings.max_batch}",
                           "batch_too_large", limit=st.settings.max_batch)
        pairs = []
        for i, it in enumerate(items):
            where = f"items[{i}]: "
            if not isinstance(it, dict):
                raise ApiError(422, f"{where}expected an object, got {_json_type(it)}", "wrong_type")
            pairs.append((_text_field(it, st.settings.max_chars, where), _id_field(it, where)))
        total = sum(len(t) for t, _ in pairs)
        results = await _scan_durably(pairs, source="batch", big=total > INLINE_SCAN_CHARS, client=_client(request))
        _note(request, items=len(results), block=sum(r["verdict"] == "block" for r in results),
              findings=sum(len(r["findings"]) for r in results))
        return _json({"results": results})

    file_body = {"content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"],
        "properties": {"file": {"type": "string", "format": "binary",
                                "description": "a draft or attachment: " + ", ".join(SUPPORTED_SUFFIXES)},
                       "id": {"type": "string", "description": "document id"}}}}}, "required": True}

    async def _read_upload(request: Request) -> tuple[bytes, str, str | None]:
        ctype = request.headers.get("content-type", "")
        if not ctype.startswith("multipart/form-data"):
            raise ApiError(415, "expected multipart/form-data with a 'file' field", "unsupported_media_type")
        async with request.form(max_files=1, max_fields=10) as form:
            up = form.get("file")
            if not isinstance(up, UploadFile):
                raise ApiError(400, "missing the 'file' part of the upload", "missing_file")
            doc_id = form.get("id")
            if isinstance(doc_id, UploadFile) or (isinstance(doc_id, str) and not doc_id.strip()):
                doc_id = None
            if doc_id is not None and len(doc_id) > 256:
                raise ApiError(422, "'id' is longer than 256 characters", "wrong_type")
            filename = (up.filename or "").replace("\\", "/").rsplit("/", 1)[-1] or "upload"
            data = await up.read()
        return data, filename, doc_id

    async def _extract_upload(data: bytes, filename: str):
        """Extract in the worker process (time and memory caps); FileError → 4xx with its reason."""
        try:
            async with st.upload_slots:
                doc = await run_in_threadpool(st.extractor.extract, data, filename)
        except FileError as e:
            status = _FILE_ERROR_STATUS.get(e.code, 422)
            code = {415: "unsupported_file_type", 422: "unreadable_file"}.get(status, e.code)
            raise ApiError(status, f"cannot read the file: {e}", code, reason=e.code) from None
        except InputError as e:
            raise ApiError(422, f"cannot read the file: {e}", "unreadable_file") from None
        if len(doc.text) > st.settings.max_chars:
            raise ApiError(413, f"extracted text of {len(doc.text)} characters is over the limit of "
                                f"{st.settings.max_chars}", "text_too_large", limit=st.settings.max_chars)
        return doc

    @app.post("/v1/scan/file", tags=["scan"], responses=_ERRORS, openapi_extra={"requestBody": file_body},
              summary="Scan an uploaded file (Word, Excel, PDF, slides, OFD, ODF, HTML, zip …): every part and "
                      "layer; findings point into the extracted text and carry their location")
    async def scan_file(request: Request):
        _check_token(request, st.settings)
        data, filename, doc_id = await _read_upload(request)
        doc = await _extract_upload(data, filename)
        sc = st.scanner
        res = (await _scan_durably([(doc.text, doc_id)], source=f"file:{doc.kind}", filename=filename,
                                   client=_client(request),
                          scan=lambda text, ident: scan_document(sc, doc, id=ident).to_dict(),
                          big=len(doc.text) > INLINE_SCAN_CHARS or len(doc.segments) > 200))[0]
        res["text"] = doc.text
        res["document"] = {"filename": filename, "kind": doc.kind, "title": doc.title, "encoding": doc.encoding,
                           "bytes": len(data)}
        _log_result(request, res)
        _note(request, kind=doc.kind, bytes=len(data))
        return _json(res)

    async def _file_out(request: Request, verb: str) -> Response:
        _check_token(request, st.settings)
        data, filename, _ = await _read_upload(request)
        doc = await _extract_upload(data, filename)
        sc = st.scanner

        def work():
            result = scan_document(sc, doc)
            fn = annotate_bytes if verb == "annotate" else clean_bytes
            return result, fn(data, filename, doc, result)

        try:
            result, out = await run_in_threadpool(work)
        except FileError as e:
            raise ApiError(415 if e.code == "unsupported" else 422, str(e),
                           "unsupported_file_type" if e.code == "unsupported" else "unreadable_file", reason=e.code) from None
        headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(output_name(filename, verb))}",
                   "X-Govscan-Verdict": result.verdict, "X-Govscan-Findings": str(len(result.findings))}
        if verb == "clean":
            try:
                after = await run_in_threadpool(lambda: scan_document(sc, st.extractor.extract(out, filename)))
                headers["X-Govscan-Verdict-After"] = after.verdict
                headers["X-Govscan-Remaining"] = str(sum(f.severity != "info" for f in after.findings))
            except FileError as e:  # pragma: no cover - a writer producing an unreadable copy is a bug
                raise ApiError(500, f"the cleaned copy cannot be read back: {e}", "clean_failed") from None
        _note(request, kind=doc.kind, bytes=len(data), findings=len(result.findings))
        media = _MEDIA_TYPES.get(doc.kind, "application/octet-stream")
        return Response(out, media_type=media, headers=headers)

    @app.post("/v1/annotate", tags=["scan"], responses=_ERRORS, openapi_extra={"requestBody": file_body},
              summary="A copy of the file with a reviewer comment (Word 批注, Excel cell comment, PDF note) at "
                      "each finding", response_class=Response)
    async def annotate_file(request: Request):
        return await _file_out(request, "annotate")

    @app.post("/v1/clean", tags=["scan"], responses=_ERRORS, openapi_extra={"requestBody": file_body},
              summary="A copy with comments, tracked changes, hidden content, notes and properties removed and "
                      "personal data masked in place", response_class=Response)
    async def clean_file(request: Request):
        return await _file_out(request, "clean")

    @app.post("/v1/redact", tags=["scan"], responses=_ERRORS, summary="The text with personal data masked",
              openapi_extra={"requestBody": {"content": {"application/json": {"schema": {
                  "type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}}},
                  "required": True}})
    async def redact(request: Request):
        _check_token(request, st.settings)
        obj = await _json_object(request)
        text = _text_field(obj, st.settings.max_chars)
        masked, done = await _run(redact_text, st.scanner, text, big=len(text) > INLINE_SCAN_CHARS)
        _note(request, redactions=len(done), rules=",".join(sorted({d["rule"] for d in done})) or "-")
        return _json({"text": masked, "redactions": done, "count": len(done),
                      "lexicon_version": st.scanner.lexicon_version})

    # ------------------------------------------------------------------ information, admin
    @app.get("/v1/health", tags=["service"], summary="Ready: the lexicon version in service (no token needed)")
    async def health():
        sc = st.scanner
        if sc is None:
            raise ApiError(503, "starting", "not_ready")
        body = {"status": "ok", "lexicon_version": sc.lexicon_version, "version": __version__}
        if st.store is not None:
            store = st.store.status()
            body["store"] = store
            if store["database"] != "ok":
                # still serving: scans are answered and kept in the spool; reads of stored scans wait
                body["status"] = "degraded"
        return _json(body)

    @app.get("/v1/whoami", tags=["review"], responses=_ERRORS,
             summary="Who this token is: the reviewer's name for a reviewer's own token ([service.reviewers])")
    async def whoami(request: Request):
        identity = _check_token(request, st.settings)
        return _json({"reviewer": identity, "reviewer_tokens": bool(st.settings.reviewers),
                      "may_approve": _may_approve(identity, st.settings),
                      "client": getattr(request.state, "client", "default")})

    @app.get("/v1/rules", tags=["service"], responses=_ERRORS, summary="Loaded lexicon files, versions, entry counts")
    async def rules(request: Request):
        _check_token(request, st.settings)
        info = st.scanner.info()
        info["loaded_at"] = st.loaded_at
        info["generation"] = st.generation
        return _json(info)

    @app.post("/v1/admin/reload", tags=["service"], responses=_ERRORS,
              summary="Reload the lexicons (admin token); when they fail lint the old ones keep serving")
    async def reload(request: Request):
        _check_token(request, st.settings, admin=True)
        async with st.reload_lock:
            old = st.scanner.lexicon_version
            try:
                cfg = st.fresh_config()
                problems, warnings, new = await run_in_threadpool(_lint_and_build, cfg)
            except (ConfigError, LexiconError) as e:
                problems, warnings = [str(e).splitlines()[0]] + list(getattr(e, "problems", [])), []
            if problems:
                st.metrics.reloads.labels("failed").inc()
                _note(request, reload="failed", problems=len(problems))
                raise ApiError(422, f"the new lexicons fail lint ({len(problems)} problem(s)); "
                                    f"still serving lexicon version {old}", "lint_failed",
                               problems=problems[:200], lexicon_version=old)
            generation = new_id()
            # tell the other workers first: when the database cannot take it (503), nothing changed
            st.store.set_meta("lexicon_generation", generation)
            st.scanner, st.config, st.generation = new, cfg, generation
            st.loaded_at = record.now_iso()
            st.metrics.set_lexicon_version(new.lexicon_version)
            st.metrics.reloads.labels("ok").inc()
            gc.freeze()
        _note(request, reload="ok", version=new.lexicon_version)
        return _json({"reloaded": True, "lexicon_version": new.lexicon_version, "previous_version": old,
                      "terms": new.info()["terms"], "warnings": len(warnings), "generation": st.generation})

    @app.get("/metrics", tags=["service"], summary="Prometheus metrics")
    async def metrics():
        return Response(st.metrics.render(), media_type=CONTENT_TYPE_LATEST)

    # ------------------------------------------------------------------ stored scans and review
    def _load_scan(scan_id: str, request: Request) -> dict[str, Any]:
        """A stored scan, if this request's token may read it: a reviewer's reads every client's,
        a publishing tool's only its own client's (another client's scan is "not found")."""
        row = st.store.get_scan(scan_id) if _SCAN_ID.fullmatch(scan_id) else None
        allowed = getattr(request.state, "client", "default")
        if row is None or (allowed is not None and client_of(row["doc_key"]) != allowed):
            raise ApiError(404, f"no stored scan {scan_id!r}", "scan_not_found")
        return row

    def _scan_view(row: dict[str, Any]) -> dict[str, Any]:
        view = _present(row["result"], st.store.dismissals(row["doc_key"]), row["scan_id"])
        view.update(text=row["text"], created_at=row["created_at"], source=row["source"], filename=row["filename"],
                    scanner_verdict=row["verdict"], signoffs=st.store.signoffs(row["scan_id"]))
        return view

    @app.get("/v1/scans/{scan_id}", tags=["review"], responses=_ERRORS, summary="A stored scan, with the current dismissals applied")
    async def get_scan(request: Request, scan_id: str):
        _check_token(request, st.settings)
        view = await run_in_threadpool(lambda: _scan_view(_load_scan(scan_id, request)))
        _note(request, scan_id=scan_id, findings=len(view["findings"]), suppressed=len(view["suppressed"]))
        return _json(view)

    @app.post("/v1/scans/{scan_id}/decisions", tags=["review"], responses=_ERRORS,
              summary="Record a reviewer decision on a finding: dismiss (with a reason), restore or apply",
              openapi_extra={"requestBody": {"content": {"application/json": {"schema": {
                  "type": "object", "required": ["fingerprint", "action"],
                  "properties": {"fingerprint": {"type": "string"},
                                 "action": {"type": "string", "enum": ["dismiss", "restore", "apply"]},
                                 "reason": {"type": "string", "description": "required for dismiss"},
                                 "reviewer": {"type": "string", "description": _REVIEWER_DOC}}}}},
                  "required": True}})
    async def decide(request: Request, scan_id: str):
        identity = _check_token(request, st.settings)
        obj = await _json_object(request)
        return await run_in_threadpool(_decide, request, scan_id, obj, identity)

    def _decide(request: Request, scan_id: str, obj: dict[str, Any], identity: str | None):
        row = _load_scan(scan_id, request)
        action = obj.get("action")
        if action not in ("dismiss", "restore", "apply"):
            raise ApiError(422, "'action' must be one of dismiss, restore, apply", "wrong_type")
        reviewer = _reviewer(obj, identity, st.settings)
        reason = _str_field(obj, "reason", required=action == "dismiss", max_len=_REASON_MAX)
        fp = obj.get("fingerprint")
        if not isinstance(fp, str):
            raise ApiError(422, "'fingerprint' must be the string of a finding of this scan", "wrong_type")
        finding = next((f for f in row["result"]["findings"] if f.get("fingerprint") == fp), None)
        if finding is None:
            raise ApiError(422, "this scan has no finding with that fingerprint", "unknown_finding")
        dism = st.store.dismissals(row["doc_key"])
        if action == "apply" and finding.get("suggestion") is None:
            raise ApiError(422, "this finding has no suggestion to apply", "no_suggestion")
        if action == "restore" and fp not in dism:
            raise ApiError(409, "this finding is not dismissed", "not_dismissed")
        if action == "dismiss" and fp in dism:
            raise ApiError(409, "this finding is already dismissed", "already_dismissed")
        decision = st.store.record_decision(doc_key=row["doc_key"], scan_id=scan_id, reviewer=reviewer, action=action,
                                            finding=finding, fingerprint=fp, reason=reason,
                                            text=_display_text(finding))
        _note(request, scan_id=scan_id, action=action, rule=finding["rule"])
        return _json({"decision": record.public_decision(decision), "scan": _scan_view(row)})

    @app.post("/v1/scans/{scan_id}/review", tags=["review"], responses=_ERRORS,
              summary="The reviewer's conclusion: approve (not while a blocking finding is open) or reject",
              openapi_extra={"requestBody": {"content": {"application/json": {"schema": {
                  "type": "object", "required": ["conclusion"],
                  "properties": {"reviewer": {"type": "string", "description": _REVIEWER_DOC},
                                 "conclusion": {"type": "string", "enum": ["approve", "reject"]},
                                 "comment": {"type": "string"}}}}}, "required": True}})
    async def sign_off(request: Request, scan_id: str):
        identity = _check_token(request, st.settings)
        obj = await _json_object(request)
        return await run_in_threadpool(_sign_off, request, scan_id, obj, identity)

    def _sign_off(request: Request, scan_id: str, obj: dict[str, Any], identity: str | None):
        row = _load_scan(scan_id, request)
        reviewer = _reviewer(obj, identity, st.settings)
        conclusion = obj.get("conclusion")
        if conclusion not in ("approve", "reject"):
            raise ApiError(422, "'conclusion' must be approve or reject", "wrong_type")
        comment = _str_field(obj, "comment", required=False, max_len=_REASON_MAX)
        if conclusion == "approve" and not _may_approve(identity, st.settings):
            raise ApiError(403, f"only {', '.join(st.settings.approvers)} may approve publication "
                                "(service.approvers); a reviewer may reject", "approver_required")
        view = _present(row["result"], st.store.dismissals(row["doc_key"]), scan_id)
        if conclusion == "approve" and view["verdict"] == "block":
            raise ApiError(409, "cannot approve: the draft still has blocking findings (fix or dismiss them first)",
                           "open_blocking_findings")
        so = st.store.add_signoff(scan_id=scan_id, doc_key=row["doc_key"], reviewer=reviewer, conclusion=conclusion,
                                  comment=comment, verdict=view["verdict"], lexicon_version=row["lexicon_version"])
        _note(request, scan_id=scan_id, conclusion=conclusion)
        return _json({k: v for k, v in so.items() if k not in ("ts", "doc_key")})

    def _review_record(scan_id: str, request: Request) -> dict[str, Any]:
        row = _load_scan(scan_id, request)
        return record.build(row, st.store, _present(row["result"], st.store.dismissals(row["doc_key"]), scan_id))

    @app.get("/v1/scans/{scan_id}/review", tags=["review"], responses=_ERRORS, summary="The review record (audit trail), JSON")
    async def review_json(request: Request, scan_id: str):
        _check_token(request, st.settings)
        rec = await run_in_threadpool(_review_record, scan_id, request)
        _note(request, scan_id=scan_id)
        return _json(rec, headers={"Content-Disposition": f'attachment; filename="review-{scan_id}.json"'}
                     if request.query_params.get("download") else None)

    @app.get("/v1/scans/{scan_id}/review.html", tags=["review"], responses=_ERRORS, response_class=HTMLResponse,
             summary="The review record as a printable HTML page")
    async def review_html(request: Request, scan_id: str):
        _check_token(request, st.settings)
        rec = await run_in_threadpool(_review_record, scan_id, request)
        _note(request, scan_id=scan_id)
        return HTMLResponse(record.render_html(rec), headers={
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"})

    # ------------------------------------------------------------------ the reviewer page
    page = (STATIC_DIR / "review.html").read_text(encoding="utf-8").replace("{{LABELS}}", _labels_json())
    page_headers = {"Content-Security-Policy": PAGE_CSP, "X-Frame-Options": "DENY", "Cache-Control": "no-cache"}

    @app.get("/review", include_in_schema=False)
    async def review_page():
        return HTMLResponse(page, headers=page_headers)

    @app.get("/review/{scan_id}", include_in_schema=False)
    async def review_page_scan(scan_id: str):
        return HTMLResponse(page, headers=page_headers)

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon():
        return Response(status_code=307, headers={"Location": "/static/favicon.svg"})

    @app.get("/", include_in_schema=False)
    async def root():
        return Response(status_code=307, headers={"Location": "/review"})

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    if docs_assets:
        from fastapi.openapi.docs import get_swagger_ui_html

        app.mount("/docs-assets", StaticFiles(directory=docs_assets), name="docs-assets")

        @app.get("/docs", include_in_schema=False)
        async def docs():
            return get_swagger_ui_html(openapi_url="/openapi.json", title="govscan API",
                                       swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                       swagger_css_url="/docs-assets/swagger-ui.css",
                                       swagger_favicon_url="/docs-assets/favicon-32x32.png")

    return app


def _swagger_assets() -> str | None:
    """Swagger UI shipped in a Python package (swagger-ui-bundle-v2), so /docs works offline
    (government intranets); without it FastAPI's default page loads the assets from a CDN."""
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    path = getattr(swagger_ui_bundle, "swagger_ui_path", None)
    return str(path) if path and Path(path, "swagger-ui-bundle.js").is_file() else None


def _lint_and_build(cfg: ScannerConfig) -> tuple[list[str], list[str], Scanner | None]:
    """``scanner lexicon lint`` on the folders a config loads (the files, then every examples file,
    on a scanner of those folders alone, as the CLI does), then the new Scanner: the lint's own
    scanner when the config asks for nothing else, so a reload builds once."""
    from scanner.lexicon import bundled_lexicon_dir, lint

    folders = ([bundled_lexicon_dir()] if cfg.bundled_lexicons else []) + [Path(d) for d in cfg.lexicon_dirs]
    plain = replace(cfg, bundled_lexicons=False, lexicon_dirs=tuple(map(str, folders)))
    built: dict[str, Scanner] = {}

    def factory(fs):
        neutral = ScannerConfig(bundled_lexicons=False, lexicon_dirs=tuple(map(str, fs)))
        built["scanner"] = sc = Scanner(neutral)
        built["same"] = neutral == plain
        return sc

    problems, warnings = lint(folders, scanner_factory=factory) if folders else ([], [])
    if problems:
        return problems, warnings, None
    new = built["scanner"] if built.get("same") else Scanner(cfg)
    return problems, warnings, new


async def _watch_generation(st: ServiceState) -> None:
    """Other workers' reloads: when the stored lexicon generation changes, rebuild this worker's
    Scanner (in a thread, the old one serving meanwhile)."""
    interval = st.settings.reload_check_seconds
    while True:
        await asyncio.sleep(interval)
        try:
            gen = await run_in_threadpool(st.store.get_meta, "lexicon_generation")
            if gen is None or gen == st.generation:
                continue
            async with st.reload_lock:
                if gen == st.generation:
                    continue
                cfg = st.fresh_config()
                new = await run_in_threadpool(Scanner, cfg)
                st.scanner, st.config, st.generation = new, cfg, gen
                st.loaded_at = record.now_iso()
                st.metrics.set_lexicon_version(new.lexicon_version)
                gc.freeze()
                log.info("reloaded lexicon_version=%s generation=%s (signalled by another worker)",
                         new.lexicon_version, gen)
        except asyncio.CancelledError:
            raise
        except ScannerError as e:
            log.error("lexicon reload signalled by another worker failed: %s; still serving %s",
                      type(e).__name__, st.scanner.lexicon_version if st.scanner else "-")
            st.generation = gen
        except Exception as e:  # keep watching
            log.error("generation watch: %s", type(e).__name__)
