"""Error answers: every error is JSON ``{"error": reason, "code": short_code, "status", "request_id"}``.

Routes raise :class:`ApiError`; :func:`install` turns it (and the framework's own errors, and the
store being unavailable) into that body. :data:`ERRORS` documents the statuses in the OpenAPI schema.
"""
from __future__ import annotations

import logging
from typing import Any, Mapping

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from .store import StoreUnavailable

__all__ = ["ApiError", "ErrorBody", "ERRORS", "error_body", "error_answer", "json_response", "request_id", "note", "install"]

log = logging.getLogger("govscan.service")


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


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": desc} for code, desc in (
        (400, "unreadable body (invalid JSON or UTF-8)"), (401, "missing or wrong bearer token"),
        (403, "the token may not do this (admin, reviewer or approver needed)"), (404, "no such scan"),
        (409, "conflict with the stored state"), (413, "text, batch, body or file over the limit"),
        (415, "the body is not JSON, or the file type is not read"), (422, "wrong or missing fields"),
        (429, "the worker's scan queue is full (Retry-After)"),
        (503, "the database is unavailable (scans answered meanwhile are kept; Retry-After), the scan ran past its "
              "time budget, or the worker is at max_connections"))}


def error_body(status: int, error: str, code: str, request_id: str | None, **extra: Any) -> bytes:
    return orjson.dumps({"error": error, "code": code, "status": status, "request_id": request_id, **extra})


def error_answer(exc: ApiError | StoreUnavailable, state: dict[str, Any]) -> tuple[int, bytes, dict[str, str]]:
    """The answer to an :class:`ApiError` or :class:`StoreUnavailable` (503 ``database_unavailable``,
    logged): status, JSON body and extra headers. ``state``: the request's scope state (its request
    id; the log line's fields get ``error``)."""
    rid = state.get("request_id")
    if isinstance(exc, StoreUnavailable):
        log.warning("rid=%s database unavailable: %s", rid, exc)
        state.setdefault("log", {})["error"] = "database_unavailable"
        return 503, error_body(503, "the database is unavailable for now; try again shortly (every scan "
                                    "answered with a scan_id is kept and stored when it is back)",
                               "database_unavailable", rid), {"Retry-After": "5"}
    state.setdefault("log", {})["error"] = exc.code
    return exc.status, error_body(exc.status, exc.error, exc.code, rid, **exc.extra), exc.headers


def json_response(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json", headers=headers)


def request_id(request: Request) -> str | None:
    return request.scope.get("state", {}).get("request_id")


def note(request: Request, **fields: Any) -> None:
    """Add fields to this request's log line (ids, counts, rules; never text)."""
    request.scope.setdefault("state", {}).setdefault("log", {}).update(fields)


def install(app: FastAPI) -> None:
    """The exception handlers that give every error the one JSON body."""

    @app.exception_handler(ApiError)
    @app.exception_handler(StoreUnavailable)
    async def _api_error(request: Request, exc: ApiError | StoreUnavailable):
        status, body, headers = error_answer(exc, request.scope.setdefault("state", {}))
        return Response(body, status_code=status, media_type="application/json", headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        reason = "no such endpoint" if exc.status_code == 404 and exc.detail == "Not Found" else str(exc.detail)
        note(request, error=code)
        return Response(error_body(exc.status_code, reason, code, request_id(request)), status_code=exc.status_code,
                        media_type="application/json", headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]  # no "input" echo
        note(request, error="validation")
        return Response(error_body(422, "invalid request", "validation", request_id(request), details=details),
                        status_code=422, media_type="application/json")
