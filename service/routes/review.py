"""Review: decisions on findings (dismiss, restore, apply), the reviewer's conclusion (sign-off),
the review record (audit trail) as JSON and printable HTML, who a token is, and the reviewer page."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from scanner.model import CATEGORY_LABELS, TYPE_LABELS

from .. import record
from ..auth import REVIEWER_DOC, Caller, Token, may_approve, reviewer_of
from ..errors import ERRORS, ApiError, json_response, note
from ..inputs import json_object, str_field
from ..results import display_text, present
from ..state import ServiceState, Svc
from .scans import load_scan, scan_view

router = APIRouter(tags=["review"], responses=ERRORS)

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
_REASON_MAX = 2000
PAGE_CSP = (f"default-src 'self'; script-src 'self'; style-src 'self' {record.STYLE_HASH}; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


@router.get("/v1/whoami", summary="Who this token is: the reviewer's name for a reviewer's own token "
                                  "([service.reviewers])")
async def whoami(st: Svc, caller: Token):
    return json_response({"reviewer": caller.reviewer, "reviewer_tokens": bool(st.settings.reviewers),
                          "may_approve": may_approve(caller, st.settings), "client": caller.reads})


@router.post("/v1/scans/{scan_id}/decisions",
             summary="Record a reviewer decision on a finding: dismiss (with a reason), restore or apply",
             openapi_extra={"requestBody": {"content": {"application/json": {"schema": {
                 "type": "object", "required": ["fingerprint", "action"],
                 "properties": {"fingerprint": {"type": "string"},
                                "action": {"type": "string", "enum": ["dismiss", "restore", "apply"]},
                                "reason": {"type": "string", "description": "required for dismiss"},
                                "reviewer": {"type": "string", "description": REVIEWER_DOC}}}}},
                 "required": True}})
async def decide(request: Request, scan_id: str, st: Svc, caller: Token):
    obj = await json_object(request)
    return await run_in_threadpool(_decide, request, st, scan_id, obj, caller)


def _decide(request: Request, st: ServiceState, scan_id: str, obj: dict[str, Any], caller: Caller):
    row = load_scan(st, scan_id, caller)
    action = obj.get("action")
    if action not in ("dismiss", "restore", "apply"):
        raise ApiError(422, "'action' must be one of dismiss, restore, apply", "wrong_type")
    reviewer = reviewer_of(obj, caller, st.settings)
    reason = str_field(obj, "reason", required=action == "dismiss", max_len=_REASON_MAX)
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
                                        finding=finding, fingerprint=fp, reason=reason, text=display_text(finding))
    note(request, scan_id=scan_id, action=action, rule=finding["rule"])
    return json_response({"decision": record.public_decision(decision), "scan": scan_view(st, row)})


@router.post("/v1/scans/{scan_id}/review",
             summary="The reviewer's conclusion: approve (not while a blocking finding is open) or reject",
             openapi_extra={"requestBody": {"content": {"application/json": {"schema": {
                 "type": "object", "required": ["conclusion"],
                 "properties": {"reviewer": {"type": "string", "description": REVIEWER_DOC},
                                "conclusion": {"type": "string", "enum": ["approve", "reject"]},
                                "comment": {"type": "string"}}}}}, "required": True}})
async def sign_off(request: Request, scan_id: str, st: Svc, caller: Token):
    obj = await json_object(request)
    return await run_in_threadpool(_sign_off, request, st, scan_id, obj, caller)


def _sign_off(request: Request, st: ServiceState, scan_id: str, obj: dict[str, Any], caller: Caller):
    row = load_scan(st, scan_id, caller)
    reviewer = reviewer_of(obj, caller, st.settings)
    conclusion = obj.get("conclusion")
    if conclusion not in ("approve", "reject"):
        raise ApiError(422, "'conclusion' must be approve or reject", "wrong_type")
    comment = str_field(obj, "comment", required=False, max_len=_REASON_MAX)
    if conclusion == "approve" and not may_approve(caller, st.settings):
        raise ApiError(403, f"only {', '.join(st.settings.approvers)} may approve publication "
                            "(service.approvers); a reviewer may reject", "approver_required")
    view = present(row["result"], st.store.dismissals(row["doc_key"]), scan_id)
    if conclusion == "approve" and view["verdict"] == "block":
        raise ApiError(409, "cannot approve: the draft still has blocking findings (fix or dismiss them first)",
                       "open_blocking_findings")
    so = st.store.add_signoff(scan_id=scan_id, doc_key=row["doc_key"], reviewer=reviewer, conclusion=conclusion,
                              comment=comment, verdict=view["verdict"], lexicon_version=row["lexicon_version"])
    note(request, scan_id=scan_id, conclusion=conclusion)
    return json_response({k: v for k, v in so.items() if k not in ("ts", "doc_key")})


def _review_record(st: ServiceState, scan_id: str, caller: Caller) -> dict[str, Any]:
    row = load_scan(st, scan_id, caller)
    return record.build(row, st.store, present(row["result"], st.store.dismissals(row["doc_key"]), scan_id))


@router.get("/v1/scans/{scan_id}/review", summary="The review record (audit trail), JSON")
async def review_json(request: Request, scan_id: str, st: Svc, caller: Token):
    rec = await run_in_threadpool(_review_record, st, scan_id, caller)
    note(request, scan_id=scan_id)
    return json_response(rec, headers={"Content-Disposition": f'attachment; filename="review-{scan_id}.json"'}
                         if request.query_params.get("download") else None)


@router.get("/v1/scans/{scan_id}/review.html", response_class=HTMLResponse,
            summary="The review record as a printable HTML page")
async def review_html(request: Request, scan_id: str, st: Svc, caller: Token):
    rec = await run_in_threadpool(_review_record, st, scan_id, caller)
    note(request, scan_id=scan_id)
    return HTMLResponse(record.render_html(rec), headers={
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"})


# ---------------------------------------------------------------------- the reviewer page (static)
def _labels_json() -> str:
    data = {"categories": CATEGORY_LABELS, "types": TYPE_LABELS,
            "severities": {"block": "阻断", "review": "人工复核", "info": "提示", "pass": "通过"}}
    # safe inside <script type="application/json">: no "<" can close the element
    return orjson.dumps(data).decode().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_PAGE = (STATIC_DIR / "review.html").read_text(encoding="utf-8").replace("{{LABELS}}", _labels_json())
_PAGE_HEADERS = {"Content-Security-Policy": PAGE_CSP, "X-Frame-Options": "DENY", "Cache-Control": "no-cache"}
pages = APIRouter(include_in_schema=False)


@pages.get("/review")
async def review_page():
    return HTMLResponse(_PAGE, headers=_PAGE_HEADERS)


@pages.get("/review/{scan_id}")
async def review_page_scan(scan_id: str):
    return HTMLResponse(_PAGE, headers=_PAGE_HEADERS)


@pages.get("/favicon.ico")
async def favicon():
    return Response(status_code=307, headers={"Location": "/static/favicon.svg"})


@pages.get("/")
async def root():
    return Response(status_code=307, headers={"Location": "/review"})
