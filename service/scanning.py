"""Scanning in the service: scans run in a bounded pool of threads, off the event loop, with a
time budget; a result is answered only once it is durable (database or spool).

- :class:`ScanPool`: ``scan_threads`` threads; at most ``scan_queue`` more scans wait for one,
  beyond them the answer is 429 with ``Retry-After`` (the client retries; nothing is lost). A scan
  has ``scan_time_budget`` seconds from its acceptance, waiting included: past it the answer is 503
  ``scan_timeout``, and the scan stops at its next stage (:class:`scanner.ScanTimeout`).
- Short drafts (up to ``scan_inline_chars``, 5,000 characters: a scan of about a millisecond) are scanned on
  the event loop itself: handing one to a thread and back costs 150–300 µs here (two wake-ups),
  a quarter of the service's throughput at 2,000-character posts (measured: docs/SERVICE.md,
  "Where scans run"). A thread holding the GIL blocks the loop for up to the switch interval (1 ms) anyway,
  so ``/v1/health`` and ``/metrics`` wait no longer behind an inline scan than behind a pooled one;
  everything longer, every batch over the bound and every file goes to the pool.
- :func:`scan_durably`: scan, apply the document's dismissals, hand the scans to the store and wait
  until they are in the database or the spool: a 200 with a ``scan_id`` is never a lost scan.
"""
from __future__ import annotations

import asyncio
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable

from starlette.concurrency import run_in_threadpool

from scanner import ScanTimeout

from .errors import ApiError
from .results import cap_findings, enrich, present
from .state import ServiceState
from .store import Locked, StoreUnavailable, doc_key_of, new_id

__all__ = ["ScanPool", "scan_and_store", "scan_durably"]

log = logging.getLogger("govscan.service")


class ScanPool:
    """Threads that scan, a bound on the scans in hand, and a time budget per scan."""

    def __init__(self, threads: int, queue: int, budget: float, metrics=None):
        self._ex = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="govscan-scan")
        self.threads = threads
        self.capacity = threads + queue
        self.budget = budget
        self._metrics = metrics
        self._lock = threading.Lock()
        self.running = 0   # scans a thread is on
        self.accepted = 0  # scans in hand: running and waiting

    def status(self) -> dict[str, int]:
        with self._lock:
            return {"running": self.running, "waiting": self.accepted - self.running, "capacity": self.capacity}

    def _refused(self, reason: str) -> None:
        if self._metrics is not None:
            self._metrics.scans_refused.labels(reason).inc()

    async def run(self, fn: Callable[..., Any], *args: Any, inline: bool = False, **kw: Any) -> Any:
        """``fn(*args, deadline=…, **kw)`` in a scan thread (on the event loop itself when
        ``inline``: a short draft); its result, or ApiError 429/503."""
        if inline:
            try:
                return fn(*args, deadline=time.monotonic() + self.budget, **kw)
            except ScanTimeout:
                raise self._timeout() from None
        with self._lock:
            full = self.accepted >= self.capacity
            if not full:
                self.accepted += 1
        if full:
            self._refused("busy")
            raise ApiError(429, f"this worker has {self.capacity} scans in hand; try again shortly", "busy",
                           {"Retry-After": "1"})
        deadline = time.monotonic() + self.budget

        def task():
            with self._lock:
                self.running += 1
            try:
                if time.monotonic() > deadline:
                    raise ScanTimeout("the scan waited past its time budget")
                return fn(*args, deadline=deadline, **kw)
            finally:
                with self._lock:
                    self.running -= 1
                    self.accepted -= 1

        fut = self._ex.submit(task)
        waiter = asyncio.wrap_future(fut)
        try:
            # asyncio.wait does not cancel on timeout: a scan already running goes on to its next
            # stage and stops there; one still waiting is taken off the queue
            done, _ = await asyncio.wait({waiter}, timeout=max(0.0, deadline - time.monotonic()) + 0.05)
            if not done:
                self._withdraw(fut)
                raise ScanTimeout("the scan ran past its time budget")
            return waiter.result()
        except ScanTimeout:
            raise self._timeout() from None
        except asyncio.CancelledError:  # the request is gone (client disconnect, shutdown)
            self._withdraw(fut)
            raise

    def _timeout(self) -> ApiError:
        self._refused("timeout")
        return ApiError(503, f"the scan did not finish within its time budget of {self.budget:g} s; try again "
                             "shortly or send a shorter text", "scan_timeout", {"Retry-After": "5"})

    def _withdraw(self, fut) -> None:
        """Take a scan that has not started off the queue (one that has finishes its stage)."""
        if fut.cancel():  # never started: its task's own bookkeeping will not run
            with self._lock:
                self.accepted -= 1

    def close(self) -> None:
        self._ex.shutdown(wait=False, cancel_futures=True)


def _scan_items(st: ServiceState, items: list[tuple[str, Any, Any]], *, scan: Callable[..., dict] | None = None,
                client: str = "default", deadline: float | None = None) -> list[tuple]:
    """Scan each ``(text, id, published)`` (``scan(text, id, deadline)`` when given: a file's located
    result, its date already bound); each result capped and enriched, with its new scan id and its
    document key."""
    sc = st.scanner
    raws = []
    for text, doc_id, published in items:
        scan_id = new_id()
        doc_key = doc_key_of(doc_id, scan_id, client)
        d = (scan(text, doc_id, deadline) if scan is not None else
             sc.scan(text, id=doc_id, deadline=deadline, published=published).to_dict())
        cap_findings(d, st.settings.max_findings)
        raws.append((scan_id, doc_key, doc_id, text, enrich(d, text, doc_key)))
    return raws


def _keyed(raws: list[tuple]) -> list[str]:
    """The documents whose dismissals must be read: those with an id and a finding."""
    return [r[1] for r in raws if r[2] is not None and r[4]["findings"]]


def _store_and_present(st: ServiceState, raws: list[tuple], *, source: str,
                       filename: str | None = None, here: bool = False) -> tuple[list[dict[str, Any]], Any]:
    """Apply the documents' dismissals, hand the scans to the store; the answers and the store's
    future (None when scans are not kept, or were committed right here: ``here``, on the event
    loop with a local SQLite file, :meth:`Store.save_scans_here`): the answer goes out once that
    future says the scans are durable. Reads the database when a scanned document has an id and
    a finding."""
    store = st.store
    keep = st.settings.store_scans
    keyed = _keyed(raws)
    try:
        dism = store.dismissals_many(keyed) if len(keyed) > 1 else (
            {keyed[0]: store.dismissals(keyed[0])} if keyed else {})
        unknown: set[str] = set()
    except StoreUnavailable as e:
        # The scan does not need the database, only the reviewers' dismissals do. Fail closed:
        # every finding stays open, and the answer says the dismissals could not be read.
        log.warning("database unavailable, dismissals not applied: %s", e)
        dism, unknown = {}, set(keyed)
    stored = None
    if keep:
        rows = ({"scan_id": sid, "doc_key": dk, "doc_id": did, "text": t, "result": raw, "source": source,
                 "filename": filename} for sid, dk, did, t, raw in raws)
        stored = store.save_scans_here(rows, keep_locked=True) if here else store.save_scans(rows)
    out = []
    for sid, dk, did, t, raw in raws:
        res = present(raw, dism.get(dk, {}), sid if keep else None)
        if dk in unknown:
            res["dismissals_unavailable"] = True
        st.metrics.observe_scan(res["verdict"], len(t), res["findings"])
        out.append(res)
    return out, stored


def scan_and_store(st: ServiceState, items: list[tuple[str, Any, Any]], *, source: str, filename: str | None = None,
                   scan: Callable[..., dict] | None = None, client: str = "default",
                   deadline: float | None = None) -> tuple[list[dict[str, Any]], Any]:
    """:func:`_scan_items` then :func:`_store_and_present`, in one scan thread."""
    raws = _scan_items(st, items, scan=scan, client=client, deadline=deadline)
    return _store_and_present(st, raws, source=source, filename=filename)


#: pauses (s) before committing on the loop again rows whose SQLite write lock another worker
#: held (its commit takes ~0.1 ms); the loop serves other requests meanwhile. After the last, the
#: rows go to the writer thread. About one post in ten met the other worker's lock at 2 workers and
#: ~600 posts/s each, and each such post cost two thread hand-overs and a GIL round trip.
_HERE_RETRIES = (0.0, 0.0005, 0.001, 0.002)


async def _retry_here(store, locked: Locked):
    for i, pause in enumerate(_HERE_RETRIES):
        await asyncio.sleep(pause)
        locked = store.retry_here(locked, last=i == len(_HERE_RETRIES) - 1)
        if not isinstance(locked, Locked):
            return locked
    return locked  # (never: the last try hands the rows to the writer)


async def scan_durably(st: ServiceState, items: list[tuple[str, Any, Any]], *, source: str, filename: str | None = None,
                       scan: Callable[..., dict] | None = None, client: str = "default") -> list[dict[str, Any]]:
    """Scan and store; return the results once the scans are in the database or the spool. Raises
    StoreUnavailable (→ 503) when neither can take them: a 200 is never a lost scan. A short draft
    is scanned on the event loop, and its dismissals read there too from a SQLite file (a local
    read in WAL mode, which writers do not block) or in a thread from a database server (the loop
    never waits on the network); anything else is scanned and stored in the pool."""
    if scan is None and sum(len(t) for t, *_ in items) <= st.settings.scan_inline_chars:
        raws = await st.pool.run(_scan_items, st, items, client=client, inline=True)
        if _keyed(raws) and not st.store.local:
            out, stored = await run_in_threadpool(_store_and_present, st, raws, source=source, filename=filename)
        else:
            out, stored = _store_and_present(st, raws, source=source, filename=filename, here=st.store.local)
    else:
        out, stored = await st.pool.run(scan_and_store, st, items, source=source, filename=filename, scan=scan,
                                        client=client)
    if isinstance(stored, Locked):
        stored = await _retry_here(st.store, stored)
    if stored is not None:
        try:
            await asyncio.wait_for(asyncio.wrap_future(stored), timeout=st.settings.store_timeout)
        except asyncio.TimeoutError:
            raise StoreUnavailable("the scans were not stored in time") from None
    return out
