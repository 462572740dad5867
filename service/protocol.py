"""uvicorn's HTTP protocol (httptools) with read deadlines.

uvicorn closes a connection that stays idle *between* requests (``timeout_keep_alive``), but not
one that never completes a request: a client that opens connections and sends nothing, half a
header line, or a body one byte at a time holds a worker's socket (and a file descriptor) for as
long as it likes. Measured on the stock server: a partial header was still open after 600 s, and
1,100 idle connections took every descriptor of a worker with the usual limit of 1,024.

:class:`GuardedHttpToolsProtocol` adds two deadlines, the way nginx's ``client_header_timeout``
and ``client_body_timeout`` do: the request line and headers must be complete within
``header_timeout`` seconds of the connection (or of the request's first byte on a kept-alive
connection), and the body within ``body_timeout`` seconds of the headers. Past a deadline the
connection is closed (logged at info). The limits come from ``[service] header_timeout`` and
``body_timeout`` (passed to the workers as ``GOVSCAN_HEADER_TIMEOUT`` / ``GOVSCAN_BODY_TIMEOUT``).
"""
from __future__ import annotations

import logging
import os

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

__all__ = ["GuardedHttpToolsProtocol"]

log = logging.getLogger("govscan.service")


def _seconds(name: str, default: float) -> float:
    try:
        v = float(os.environ.get(name, default))
    except ValueError:
        return default
    return v if v > 0 else default


class _OneWrite:
    """The transport a request's cycle writes through: the status line and headers wait for the
    body and go out in one write (uvicorn writes them apart: two segments on the wire and two
    system calls a response). Anything else goes through at once; what waits is written when
    the body comes, when the response completes (a HEAD answer has no body) or on close."""

    __slots__ = ("_t", "_held")

    def __init__(self, transport) -> None:
        self._t = transport
        self._held: bytes | None = None

    def write(self, data: bytes) -> None:
        if self._held is not None:
            data, self._held = self._held + data, None
        elif data.startswith(b"HTTP/1.1 ") and not data.startswith(b"HTTP/1.1 1"):  # (never 100 Continue)
            self._held = data
            return
        self._t.write(data)

    def flush(self) -> None:
        if self._held is not None:
            data, self._held = self._held, None
            self._t.write(data)

    def close(self) -> None:
        self.flush()
        self._t.close()

    def __getattr__(self, name: str):
        return getattr(self._t, name)


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    header_timeout = _seconds("GOVSCAN_HEADER_TIMEOUT", 10.0)
    body_timeout = _seconds("GOVSCAN_BODY_TIMEOUT", 30.0)

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._read_deadline = None
        self._arm(self.header_timeout, "headers")

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._read_deadline is None:  # a kept-alive connection's next request
            self._arm(self.header_timeout, "headers")

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        self._arm(self.body_timeout, "body")
        if self.cycle is not None:
            self.cycle.transport = _OneWrite(self.transport)

    def on_response_complete(self) -> None:
        cycle = self.cycle
        if cycle is not None and isinstance(cycle.transport, _OneWrite):
            cycle.transport.flush()
        super().on_response_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._disarm()

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    # ---------------------------------------------------------------------------------------
    def _arm(self, seconds: float, what: str) -> None:
        self._disarm()
        self._read_deadline = self.loop.call_later(seconds, self._read_timed_out, what, seconds)

    def _disarm(self) -> None:
        handle = getattr(self, "_read_deadline", None)
        if handle is not None:
            handle.cancel()
            self._read_deadline = None

    def _read_timed_out(self, what: str, seconds: float) -> None:
        self._read_deadline = None
        if self.transport.is_closing():
            return
        client = "%s:%d" % self.client if self.client else "-"
        log.info("closed a connection from %s: the request's %s did not arrive within %g s", client, what, seconds)
        if self.cycle is not None and not self.cycle.response_complete:
            self.cycle.disconnected = True
            self.cycle.message_event.set()
        self.transport.close()
