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

This module only assembles the app; each endpoint lives in the module of ``service/routes/`` named
for its concern, auth is a dependency (``service/auth.py``), scans run in a bounded pool
(``service/scanning.py``).
"""
from __future__ import annotations

import asyncio
import gc
import inspect
import logging
import os
import sys
import time
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.staticfiles import StaticFiles

from scanner import Scanner, ScannerConfig, __version__
from scanner.files.isolate import Extractor

from . import errors, record
from .errors import ApiError
from .middleware import RequestMiddleware
from .reload import build_scanner, warm_tagger, watch_generation
from .results import redact_text
from .routes import ROUTERS
from .routes import scan as scan_routes
from .scanning import ScanPool
from .settings import ServiceSettings, load_config_file
from .state import ServiceState
from .store import Store

__all__ = ["create_app", "ApiError", "redact_text"]

log = logging.getLogger("govscan.service")

STATIC_DIR = Path(__file__).resolve().parent / "static"


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
        st.pool = ScanPool(st.settings.scan_threads, st.settings.scan_queue, st.settings.scan_time_budget, st.metrics)
        st.upload_slots = asyncio.Semaphore(max(1, st.settings.file_workers))
        st.extractor = Extractor(st.settings.file_limits(), workers=st.settings.file_workers)
        st.store = Store(st.settings.db_url, spool_dir=st.settings.spool_dir)
        st.store.quick_reads_here()  # short drafts' dismissals are read on the loop (service/scanning.py)
        # the generation is read before the lexicons: a reload by another worker while this one
        # builds its Scanner then shows as a newer generation, and the watcher rebuilds
        st.generation = st.store.get_meta("lexicon_generation")
        if st.scanner is None:
            st.scanner = await run_in_threadpool(build_scanner, st.config)
        else:  # a Scanner handed in (create_app(scanner=...)): its tagger is warmed all the same
            await run_in_threadpool(warm_tagger, st.scanner.config)
        st.loaded_at = record.now_iso()
        st.metrics.set_lexicon_version(st.scanner.lexicon_version)
        gc.collect()
        gc.freeze()  # the Scanner's long-lived tables leave the collector's work: no multi-ms gen-2 pauses
        # the store's writer thread commits each scan before it is answered: let it take the GIL
        # within 1 ms of its commit being ready instead of Python's default 5 ms
        sys.setswitchinterval(0.001)
        watcher = asyncio.create_task(watch_generation(st))
        log.info("ready lexicon_version=%s terms=%d auth=%s store=%s startup_ms=%.0f", st.scanner.lexicon_version,
                 st.scanner.info()["terms"], "on" if st.settings.auth_enabled else "off",
                 st.settings.db_url.split(":", 1)[0], (time.perf_counter() - t0) * 1000)
        try:
            yield
        finally:
            watcher.cancel()
            st.pool.close()
            st.extractor.close()
            st.store.close()

    docs_assets = _swagger_assets()
    app = FastAPI(title="govscan", version=__version__, lifespan=lifespan, **_NO_OTEL,
                  docs_url=None if docs_assets else "/docs", redoc_url=None,
                  description="政务新媒体发布前内容安全审查 — HTTP scan service and reviewer page. "
                              "Contract: SPEC section 5; guide: docs/SERVICE.md.")
    app.state.svc = st
    # POST /v1/scan, the publishing tools' hot path, is answered by the middleware itself
    # (service/routes/scan.py scan_direct); its route stays for the API docs
    app.add_middleware(RequestMiddleware, state=st, direct=scan_routes.DIRECT)
    errors.install(app)
    for router in ROUTERS:
        # the routes as declared (each carries its tags, responses and dependencies): FastAPI 0.16x's
        # include_router nests routers that every request walks in turn, ~100 µs a request here
        app.router.routes.extend(router.routes)
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


#: FastAPI's own OpenTelemetry (0.16x) looks up three global providers on every request (~2% of a
#: 2,000-character post's CPU) for spans nobody collects here: the service's metrics are Prometheus
_NO_OTEL = ({"telemetry": {"tracing": False, "metrics": False, "logs": False}}
            if "telemetry" in inspect.signature(FastAPI.__init__).parameters else {})


def _swagger_assets() -> str | None:
    """Swagger UI shipped in a Python package (swagger-ui-bundle-v2), so /docs works offline
    (government intranets); without it FastAPI's default page loads the assets from a CDN."""
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    path = getattr(swagger_ui_bundle, "swagger_ui_path", None)
    return str(path) if path and Path(path, "swagger-ui-bundle.js").is_file() else None
