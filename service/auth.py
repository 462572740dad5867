"""Who is calling: bearer tokens, as FastAPI dependencies.

    caller: Caller = Depends(require_token)   # any valid token: Caller(reviewer, client)
    Depends(require_admin)                     # the admin token (lexicon reload)

A publishing tool's token belongs to a client (``[service.clients]``; plain ``tokens`` are the
client "default"): its scans, documents and dismissals live in that namespace. A reviewer's own
token (``[service.reviewers]``) names the reviewer and reads every client's scans. Without any
token configured the service is open (loopback development).
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Annotated, Any, Mapping

from fastapi import Depends, Request

from .errors import ApiError
from .inputs import str_field
from .settings import ServiceSettings
from .state import ServiceState, Svc

__all__ = ["Caller", "authorised", "caller_of", "require_token", "require_admin", "Token", "check_token", "may_approve", "reviewer_of",
           "REVIEWER_DOC"]

_REVIEWER_MAX = 100
REVIEWER_DOC = ("who decides. With [service.reviewers] configured it comes from the reviewer's own token "
                "(may be left out; a different name is refused with 403); otherwise required")
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="govscan"'}


@dataclass(frozen=True)
class Caller:
    #: the reviewer's name, for a reviewer's own token; else None
    reviewer: str | None = None
    #: whose scans this caller may read: a client name; None = every client's (a reviewer)
    reads: str | None = "default"

    @property
    def client(self) -> str:
        """The namespace this caller's scans are stored in (a reviewer's own scans: "default")."""
        return self.reads or "default"


def _bearer(request: Request) -> bytes:
    return _bearer_of(request.headers.get("authorization", ""))


def _bearer_of(authorization: str) -> bytes:
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise ApiError(401, "missing bearer token (Authorization: Bearer <token>)", "unauthorized", _CHALLENGE)
    return token.encode()


def check_token(request: Request, settings: ServiceSettings) -> Caller:
    """Check the bearer token of a request to a /v1 endpoint; who is calling."""
    if not settings.auth_enabled:
        return Caller()  # development mode: no tokens at all
    return caller_of(request.headers.get("authorization", ""), settings)


def caller_of(authorization: str, settings: ServiceSettings) -> Caller:
    """:func:`check_token` from the ``Authorization`` header's value (``""`` when absent)."""
    if not settings.auth_enabled:
        return Caller()
    tok = _bearer_of(authorization)
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
        raise ApiError(401, "invalid token", "unauthorized", _CHALLENGE)
    # a reviewer reads every client's scans; a publishing tool only its own
    return Caller(reviewer=identity, reads=None if identity is not None else (client or "default"))


async def require_token(request: Request, st: Svc) -> Caller:
    return check_token(request, st.settings)


async def require_admin(request: Request, st: Svc) -> None:
    settings = st.settings
    if not settings.auth_enabled and not settings.admin_token:
        return None  # development mode: no tokens at all
    tok = _bearer(request)
    if settings.admin_token and hmac.compare_digest(tok, settings.admin_token.encode()):
        return None
    if any(hmac.compare_digest(tok, t.encode()) for t in settings.all_tokens):
        raise ApiError(403, "this endpoint needs the admin token" if settings.admin_token
                       else "lexicon reload is disabled: no admin_token is configured", "forbidden")
    raise ApiError(401, "invalid token", "unauthorized", _CHALLENGE)


Token = Annotated[Caller, Depends(require_token)]


def authorised(request: Request) -> tuple[ServiceState, Caller]:
    """The worker's state and the caller, without FastAPI's dependency solving: for the drafts'
    hot path (``/v1/scan``, ``/v1/scan/batch``) only. Resolving ``Svc`` and ``Token`` costs FastAPI
    0.165 about a tenth of the event loop's time per 2,000-character post (cache keys, scopes,
    query parameters, a telemetry span per dependency: py-spy under wrk load, 9.8% of the loop's
    samples with the two dependencies, 2.4% without); the checks are the same ones."""
    st = request.app.state.svc
    return st, check_token(request, st.settings)


def may_approve(caller: Caller, settings: ServiceSettings) -> bool:
    """Whether this token's holder may approve publication: anyone when reviewers are typed names;
    else a reviewer's own token, of one of ``approvers`` when those are named."""
    if not settings.reviewers:
        return True
    return caller.reviewer is not None and (not settings.approvers or caller.reviewer in settings.approvers)


def reviewer_of(obj: Mapping[str, Any], caller: Caller, settings: ServiceSettings) -> str:
    """Who decides: the reviewer whose own token made the request. Without reviewer tokens
    configured, the name typed on the page (``reviewer``)."""
    identity = caller.reviewer
    typed = str_field(obj, "reviewer", required=identity is None and not settings.reviewers, max_len=_REVIEWER_MAX)
    if identity is None:
        if settings.reviewers:
            raise ApiError(403, "decisions and sign-offs need a reviewer's own token ([service.reviewers])",
                           "reviewer_token_required")
        return typed
    if typed is not None and typed != identity:
        raise ApiError(403, f"this token belongs to reviewer {identity!r}, not {typed!r}", "reviewer_mismatch")
    return identity
