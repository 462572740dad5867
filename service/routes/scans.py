"""Stored scans: a scan as the reviewer page shows it, with the document's current dismissals.

A publishing tool's token reads its own client's scans only (another client's is "not found"); a
reviewer's token reads every client's."""
from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from ..auth import Caller, Token
from ..errors import ERRORS, ApiError, json_response, note
from ..results import present
from ..state import ServiceState, Svc
from ..store import client_of

router = APIRouter(tags=["review"], responses=ERRORS)

_SCAN_ID = re.compile(r"[0-9a-f]{32}")


def load_scan(st: ServiceState, scan_id: str, caller: Caller) -> dict[str, Any]:
    """A stored scan, if this caller may read it."""
    row = st.store.get_scan(scan_id) if _SCAN_ID.fullmatch(scan_id) else None
    if row is None or (caller.reads is not None and client_of(row["doc_key"]) != caller.reads):
        raise ApiError(404, f"no stored scan {scan_id!r}", "scan_not_found")
    return row


def scan_view(st: ServiceState, row: dict[str, Any]) -> dict[str, Any]:
    view = present(row["result"], st.store.dismissals(row["doc_key"]), row["scan_id"])
    view.update(text=row["text"], created_at=row["created_at"], source=row["source"], filename=row["filename"],
                scanner_verdict=row["verdict"], signoffs=st.store.signoffs(row["scan_id"]))
    return view


@router.get("/v1/scans/{scan_id}", summary="A stored scan, with the current dismissals applied")
async def get_scan(request: Request, scan_id: str, st: Svc, caller: Token):
    view = await run_in_threadpool(lambda: scan_view(st, load_scan(st, scan_id, caller)))
    note(request, scan_id=scan_id, findings=len(view["findings"]), suppressed=len(view["suppressed"]))
    return json_response(view)
