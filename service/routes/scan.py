"""Drafts sent as JSON: scan one, scan a batch, redact."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from ..auth import Token, authorised
from ..errors import ERRORS, ApiError, json_response, note
from ..inputs import id_field, json_object, json_type, text_field
from ..results import redact_text
from ..scanning import scan_durably
from ..state import Svc

router = APIRouter(tags=["scan"], responses=ERRORS)


def log_result(request: Request, res: dict[str, Any]) -> None:
    note(request, scan_id=res.get("scan_id", "-"), doc_id=res.get("id"), verdict=res["verdict"],
         findings=len(res["findings"]), suppressed=len(res["suppressed"]),
         rules=",".join(sorted({f["rule"] for f in res["findings"]})) or "-")


SCAN_BODY = {"content": {"application/json": {"schema": {
    "type": "object", "required": ["text"],
    "properties": {"text": {"type": "string", "description": "the draft"},
                   "id": {"type": ["string", "integer"], "description": "document id: dismissals follow it"}}},
    "example": {"id": "post-17", "text": "台湾总统近日发表讲话，联系电话13812345678。"}}}, "required": True}


@router.post("/v1/scan", openapi_extra={"requestBody": SCAN_BODY}, summary="Scan one draft (SPEC section 5)")
async def scan(request: Request):
    st, caller = authorised(request)  # not Svc/Token: the hot path (auth.authorised)
    obj = await json_object(request)
    text = text_field(obj, st.settings.max_chars)
    doc_id = id_field(obj)
    res = (await scan_durably(st, [(text, doc_id)], source="api", client=caller.client))[0]
    log_result(request, res)
    return json_response(res)


BATCH_BODY = {"content": {"application/json": {"schema": {
    "type": "object", "required": ["items"],
    "properties": {"items": {"type": "array", "items": SCAN_BODY["content"]["application/json"]["schema"]}}}}},
    "required": True}


@router.post("/v1/scan/batch", openapi_extra={"requestBody": BATCH_BODY},
             summary="Scan several drafts: {\"results\": [...]}, in input order")
async def scan_batch(request: Request):
    st, caller = authorised(request)  # not Svc/Token: the hot path (auth.authorised)
    obj = await json_object(request)
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
            raise ApiError(422, f"{where}expected an object, got {json_type(it)}", "wrong_type")
        pairs.append((text_field(it, st.settings.max_chars, where), id_field(it, where)))
    results = await scan_durably(st, pairs, source="batch", client=caller.client)
    note(request, items=len(results), block=sum(r["verdict"] == "block" for r in results),
         findings=sum(len(r["findings"]) for r in results))
    return json_response({"results": results})


@router.post("/v1/redact", summary="The text with personal data masked",
             openapi_extra={"requestBody": {"content": {"application/json": {"schema": {
                 "type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}}},
                 "required": True}})
async def redact(request: Request, st: Svc, caller: Token):
    obj = await json_object(request)
    text = text_field(obj, st.settings.max_chars)
    sc = st.scanner
    masked, done = await st.pool.run(redact_text, sc, text, inline=len(text) <= st.settings.scan_inline_chars)
    note(request, redactions=len(done), rules=",".join(sorted({d["rule"] for d in done})) or "-")
    return json_response({"text": masked, "redactions": done, "count": len(done),
                          "lexicon_version": sc.lexicon_version})
