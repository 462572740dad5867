"""One ASGI middleware for every request: a request id, body-size limits, one log line, metrics,
and a JSON 500 for anything the app did not answer. Client disconnects are 499, not 5xx."""
from __future__ import annotations

import logging
import re
import time
import traceback
from typing import Any, Awaitable, Callable, Mapping

import orjson
from starlette.requests import ClientDisconnect

from .errors import ApiError, error_answer, error_body
from .state import ServiceState
from .store import StoreUnavailable, new_id

__all__ = ["RequestMiddleware", "UPLOAD_PATHS", "SECURITY_HEADERS"]

log = logging.getLogger("govscan.service")

_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
#: routes that take a file upload: their body may reach ``max_upload_bytes`` (the others ``max_body_bytes``)
UPLOAD_PATHS = frozenset({"/v1/scan/file", "/v1/annotate", "/v1/clean", "/v1/file/picture"})
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class RequestMiddleware:
    """Request ids, body-size limits, one log line and metrics per request, JSON 500s.

    A pure ASGI middleware (BaseHTTPMiddleware costs ~10x more per request)."""

    def __init__(self, app, state: ServiceState, direct: Mapping[str, Callable[..., Awaitable[bytes]]] | None = None):
        self.app = app
        self.st = state
        #: POST paths answered here, without the app's routing: path → ``handler(state, scope state,
        #: authorization, content type, receive)`` returning the JSON answer (service/routes/scan.py)
        self.direct = dict(direct or {})

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()
        rid = None
        length = None
        authorization = content_type = None
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
            elif k == b"authorization":
                if authorization is None:  # the first, as Starlette's Headers.get
                    authorization = v.decode("latin-1")
            elif k == b"content-type":
                if content_type is None:
                    content_type = v.decode("latin-1")
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
        direct_route = None
        settings = self.st.settings
        limit = settings.max_upload_bytes if path in UPLOAD_PATHS else settings.max_body_bytes
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

                direct = self.direct.get(path) if scope["method"] == "POST" else None
                if direct is None:
                    await self.app(scope, limited_receive, send_wrapper)
                else:
                    direct_route = path
                    await self._direct(direct, state, authorization, content_type, limited_receive, send_wrapper)
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
            route_path = direct_route or getattr(scope.get("route"), "path", None) or (
                "/static" if path.startswith("/static/") else "unmatched")
            method = scope["method"]
            status = status_box[0]
            try:
                self.st.metrics.observe_request(method, route_path, status, dt)
            except Exception:  # metrics must never break a request
                pass
            if log.isEnabledFor(logging.INFO):
                extra = state.get("log")
                tail = "".join(f" {k}={_logval(v)}" for k, v in extra.items()) if extra else ""
                log.info("rid=%s %s %s %d %.2fms%s", rid, method, route_path, status, dt * 1000, tail)

    async def _direct(self, handler, state, authorization, content_type, receive, send) -> None:
        """Answer a request with one of ``direct``'s handlers (the JSON body, or an ApiError /
        StoreUnavailable turned into the error answer the app's exception handlers give)."""
        try:
            body = await handler(self.st, state, authorization or "", content_type, receive)
            status, headers = 200, [(b"content-type", b"application/json")]
        except (ApiError, StoreUnavailable) as exc:
            status, body, extra = error_answer(exc, state)
            headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in extra.items()]
            headers.append((b"content-type", b"application/json"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    @staticmethod
    async def _send_error(send, status: int, error: str, code: str, rid: str) -> None:
        body = error_body(status, error, code, rid)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


_LOG_SAFE = re.compile(r"[\w.,:/@+-]{0,200}")


def _logval(v: Any) -> str:
    """A log field value: as is when plain, else quoted (a document id with a newline cannot forge a line)."""
    s = str(v)
    return s if _LOG_SAFE.fullmatch(s) else orjson.dumps(s[:200]).decode()
