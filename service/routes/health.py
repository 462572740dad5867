"""Health and metrics: answered on the event loop from what the worker already knows; they never
wait on a scan (scans run in the pool) nor on the database (its state is the store's last word)."""
from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from scanner import __version__

from ..errors import ApiError, json_response
from ..metrics import CONTENT_TYPE_LATEST
from ..state import Svc

router = APIRouter(tags=["service"])


@router.get("/v1/health", summary="Ready: the lexicon version in service (no token needed)")
async def health(st: Svc):
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
    if st.pool is not None:
        body["scans"] = st.pool.status()
    return json_response(body)


@router.get("/metrics", summary="Prometheus metrics")
async def metrics(st: Svc):
    st.metrics.set_live(pool=st.pool.status() if st.pool else None,
                        store=st.store.status() if st.store else None)
    return Response(st.metrics.render(), media_type=CONTENT_TYPE_LATEST)
