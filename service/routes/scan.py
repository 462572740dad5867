"""Drafts sent as JSON: scan one, scan a batch, redact."""
from __future__ import annotations

from typing import Any, Awaitable, Callable

import orjson
from fastapi import APIRouter, Request, Response
from starlette.requests import ClientDisconnect

from ..auth import Token, authorised, caller_of
from ..errors import ERRORS, ApiError, json_response, note
from ..inputs import body_object, check_json_type, id_field, json_object, json_type, published_field, text_field
from ..results import redact_text
from ..scanning import scan_durably
from ..state import ServiceState, Svc

router = APIRouter(tags=["scan"], responses=ERRORS)


def result_fields(res: dict[str, Any]) -> dict[str, Any]:
    """A scan's fields of the log line (ids, counts, rules; never text)."""
    return {"scan_id": res.get("scan_id", "-"), "doc_id": res.get("id"), "verdict": res["verdict"],
            "findings": len(res["findings"]), "suppressed": len(res["suppressed"]),
            "rules": ",".join(sorted({f["rule"] for f in res["findings"]})) or "-"}


def log_result(request: Request, res: dict[str, Any]) -> None:
    note(request, **result_fields(res))


SCAN_BODY = {"content": {"application/json": {"schema": {
    "type": "object", "required": ["text"],
    "properties": {"text": {"type": "string", "description": "the draft"},
                   "id": {"type": ["string", "integer"], "description": "document id: dismissals follow it"},
                   "published": {"type": ["string", "integer"],
                                 "description": "when the text was published (2015-06-01, 20150601, 2015年6月1日, "
                                                "2015): an outdated name in a text published before its change "
                                                "is history, not a finding; absent: written today"}}},
    "example": {"id": "post-17", "text": "台湾总统近日发表讲话，联系电话13812345678。"}}}, "required": True}


@router.post("/v1/scan", openapi_extra={"requestBody": SCAN_BODY}, summary="Scan one draft (SPEC section 5)")
async def scan(request: Request):
    """The documented route; RequestMiddleware answers ``POST /v1/scan`` with :func:`scan_direct`
    before routing, and this route runs the same function (an app built without the middleware)."""
    body = await scan_direct(request.app.state.svc, request.scope.setdefault("state", {}),
                             request.headers.get("authorization", ""), request.headers.get("content-type"),
                             request.receive)
    return Response(body, media_type="application/json")


async def read_body(receive: Callable[[], Awaitable[dict]]) -> bytes:
    """The whole request body from the ASGI ``receive`` (as Starlette's ``Request.body``)."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.request":
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                return b"".join(chunks)
        elif message["type"] == "http.disconnect":
            raise ClientDisconnect()


async def scan_direct(st: ServiceState, state: dict[str, Any], authorization: str, content_type: str | None,
                      receive: Callable[[], Awaitable[dict]]) -> bytes:
    """``POST /v1/scan`` straight from :class:`service.middleware.RequestMiddleware`: the same
    checks in the same order and the same answer as :func:`scan` (which stays the documented
    route), without Starlette's routing and exception layers and FastAPI's request handling
    (~0.1 ms of CPU per 2,000-character post: docs/SERVICE.md "Serving"). Returns the answer's
    JSON; raises ApiError / StoreUnavailable as the route does."""
    caller = caller_of(authorization, st.settings)
    check_json_type(content_type)
    obj = body_object(await read_body(receive))
    text = text_field(obj, st.settings.max_chars)
    doc_id = id_field(obj)
    res = (await scan_durably(st, [(text, doc_id, published_field(obj))], source="api", client=caller.client))[0]
    state.setdefault("log", {}).update(result_fields(res))
    return orjson.dumps(res)


#: what RequestMiddleware answers itself: path → handler (POST only)
DIRECT = {"/v1/scan": scan_direct}


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
    drafts = []
    for i, it in enumerate(items):
        where = f"items[{i}]: "
        if not isinstance(it, dict):
            raise ApiError(422, f"{where}expected an object, got {json_type(it)}", "wrong_type")
        drafts.append((text_field(it, st.settings.max_chars, where), id_field(it, where), published_field(it, where)))
    results = await scan_durably(st, drafts, source="batch", client=caller.client)
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
