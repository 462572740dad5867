"""What runs in a worker process (or a Spark executor's Python worker, or in the main process with
``--workers 1``): the job's parameters, one Scanner per process kept between chunks, the worker's
start-up, and the module-level functions the executors send to the workers (executors.py). They
stay module-level in this importable module so that pickling them (process pools, Spark) sends a
reference, not code.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..config import ScannerConfig
from .plan import KeyMatcher
from .records import error_record, scan_record, where_in_source
from .sources import Fields, Span, span_items
from .store import CAN_SHARD, INSERT_FINDING, INSERT_SCAN, shard_database

__all__ = [
    "JobParams",
    "Packed",
    "WorkerContext",
    "clear_contexts",
    "init_worker",
    "process_items",
    "scan_chunk",
    "scan_span",
    "serve_spans",
    "set_parent_scanner",
    "spark_partition",
    "spark_warm",
    "warm_up",
]


@dataclass(frozen=True)
class JobParams:
    """Everything a worker needs; picklable and identical in every process."""

    token: str  # identifies these params in the per-process cache
    config: ScannerConfig
    kind: str  # jsonl | csv | sql | folder
    fields: Fields
    store_text: str
    lexicon_version: str
    changed_keys: tuple[str, ...] | None  # None: scan everything


class WorkerContext:
    """The current job in this process: its parameters, its Scanner and the changed keys."""

    def __init__(self, params: JobParams, scanner=None):
        if scanner is None:
            from ..core import Scanner

            scanner = Scanner(params.config)
        self.scanner = scanner
        self.params = params
        self.keys = KeyMatcher(params.changed_keys) if params.changed_keys is not None else None


#: per-process cache: the context of the current job (a Scanner built once per process)
_CTX: dict[str, WorkerContext] = {}
#: a Scanner built in the parent before forking: the workers inherit it instead of building their own
_PARENT_SCANNER: tuple[str, Any] | None = None


def _ctx_for(params: JobParams) -> WorkerContext:
    ctx = _CTX.get(params.token)
    if ctx is None:
        inherited = None
        if _PARENT_SCANNER is not None and _PARENT_SCANNER[0] == params.token:
            inherited = _PARENT_SCANNER[1]
        ctx = WorkerContext(params, inherited)
        _CTX.clear()
        _CTX[params.token] = ctx
    return ctx


def _die_with_parent(parent_pid: int) -> None:
    """A worker must not outlive a killed parent (``kill -9``): ask the kernel to kill it then,
    or watch the parent from a thread where that is not available."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) != 0:  # PR_SET_PDEATHSIG
            raise OSError
    except (OSError, AttributeError):
        def watch() -> None:
            while True:
                time.sleep(0.5)
                if os.getppid() != parent_pid:
                    os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent_pid:
        os._exit(1)


def set_parent_scanner(entry: tuple[str, Any] | None) -> None:
    """``(job token, Scanner)``: offer a Scanner built in the main process to the workers forked
    after this call (they inherit it instead of building their own); None withdraws it."""
    global _PARENT_SCANNER
    _PARENT_SCANNER = entry


def clear_contexts() -> None:
    """Forget this process's job context (and its Scanner)."""
    _CTX.clear()


def warm_up(params: JobParams) -> None:
    """Warm this process's Scanner for the job up (:meth:`~scanner.core.Scanner.warm`): a forked
    worker's first scans pay for copying the pages of the inherited Scanner they write to
    (reference counts) and for cold caches; better in the setup than in the first chunks."""
    # measured: the pool's scan phase about 6% shorter on the benchmark corpus
    _ctx_for(params).scanner.warm(rounds=3, repeat=8)


def init_worker(params: JobParams, parent_pid: int, ready=None) -> None:
    """The process pool's initializer: signals, death with the parent, the Scanner, a warm-up
    (with fork the main process warmed the Scanner up before forking; this one copies the pages
    the scans write to now, in the setup, rather than in the first chunks). Then ``ready`` (a
    semaphore of the pool's context) is released: the main process waits for every worker's
    release before its scan phase begins."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent_pid)
    warm_up(params)
    if ready is not None:
        ready.release()


class Packed(NamedTuple):
    """A chunk's results as few objects as possible (cheap to pickle back to the main process).

    ``rows`` / ``frows`` are the ``scans`` / ``findings`` rows as tuples (scanning in the main
    process, Spark), or empty when ``shard`` holds them: a serialised SQLite database with the
    same two tables, built in a pool worker, which the main process copies into the results in
    one ``INSERT … SELECT`` each (store.py) instead of unpickling and binding every value."""

    rows: list
    frows: list
    lines: bytes  # the JSONL lines, joined
    n: int  # records
    shard: bytes | None = None


def _pack(outs: list[tuple]) -> Packed:
    rows = [o[0] for o in outs]
    frows = [f for o in outs if o[1] for f in o[1]]
    return Packed(rows, frows, b"".join(o[2] for o in outs), len(outs))


#: this process's scratch database for :func:`_pack_shard` (pid: not one inherited through fork)
_SHARD: tuple[int, Any] | None = None


def _pack_shard(outs: list[tuple]) -> Packed:
    """As :func:`_pack`, the rows written to an in-memory database and serialised: the worker
    pays for binding the values (in parallel), the main process only copies pages."""
    global _SHARD
    p = _pack(outs)
    if _SHARD is None or _SHARD[0] != os.getpid():
        _SHARD = (os.getpid(), shard_database())
    con = _SHARD[1]
    con.execute("BEGIN")
    con.execute("DELETE FROM scans")
    con.execute("DELETE FROM findings")
    con.executemany(INSERT_SCAN, p.rows)
    if p.frows:
        con.executemany(INSERT_FINDING, p.frows)
    con.execute("COMMIT")
    return Packed([], [], p.lines, p.n, con.serialize())


def scan_chunk(params: JobParams, items: list, scanned_at: str, shard: bool = False) -> Packed:
    """One chunk, scanned and packed: the task of a pool worker (``shard``) and of ``--workers 1``."""
    outs = process_items(params, items, scanned_at)
    return _pack_shard(outs) if shard else _pack(outs)


def scan_span(params: JobParams, span: Span, scanned_at: str, shard: bool = False) -> Packed:
    """A span of a JSONL file, read here, scanned and packed: the task of a pool worker when the
    source is a JSONL file (the main process sends where the lines are, not the lines)."""
    outs = process_items(params, span_items(span), scanned_at)
    return _pack_shard(outs) if shard else _pack(outs)


def serve_spans(params: JobParams, parent_pid: int, ready, tasks, lock, taken, results) -> None:
    """A :class:`~scanner.batch.executors.SpanPool` process: after :func:`init_worker`, takes the
    next task from the pool's one task pipe (``tasks``, shared by every process that scans, read
    under ``lock``; ``taken`` counts the tasks read), scans its span and sends ``(seq, packed,
    error)`` back on its own pipe (``results``), until killed. Tasks are taken, not given: a free
    process starts the next span at once, whatever the main process is doing."""
    import pickle

    init_worker(params, parent_pid, ready)
    while True:
        with lock:
            msg = tasks.recv_bytes()
            taken.value += 1
        seq, span, scanned_at = pickle.loads(msg)
        try:
            out = pickle.dumps((seq, scan_span(params, span, scanned_at, CAN_SHARD), None), pickle.HIGHEST_PROTOCOL)
        except Exception as e:  # noqa: BLE001 - sent back, raised in the main process in its place in the order
            try:
                out = pickle.dumps((seq, None, e), pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 - an exception that does not pickle
                out = pickle.dumps((seq, None, RuntimeError(f"{type(e).__name__}: {e}")), pickle.HIGHEST_PROTOCOL)
        results.send_bytes(out)


def process_items(params: JobParams, items: Sequence[tuple], scanned_at: str) -> list[tuple]:
    """Scan a chunk of ``(pos, key, payload, old_row)`` items. Returns, per item and in order,
    ``(scan_row, finding_rows, jsonl_line)``. Never raises for one bad record: it becomes an
    error line."""
    ctx = _ctx_for(params)
    out = []
    for pos, key, payload, old in items:
        try:
            out.append(scan_record(ctx, pos, key, payload, old, scanned_at))
        except Exception as e:  # an unexpected failure on one record must not stop the archive  # noqa: BLE001
            where = where_in_source(params.kind, key)
            out.append(error_record(ctx, pos, key, None, f"{where}: internal error ({type(e).__name__}: {e})",
                                    scanned_at))
    return out


def spark_partition(params: JobParams, scanned_at: str, groups: Iterable[list]) -> Iterator[tuple]:
    """Runs on a Spark executor: the same work as a pool worker (module-level, so the per-process
    Scanner cache above is shared by every task of the executor's reused Python worker). Yields
    ``(first position, packed results)`` per group of contiguous records."""
    for items in groups:
        if items:
            yield items[0][0], _pack(process_items(params, items, scanned_at))


def spark_warm(params: JobParams, groups: Iterable[Any]) -> Iterator[int]:
    """Runs on a Spark executor before the first batch: builds its Scanner, yields its pid."""
    for _ in groups:
        _ctx_for(params)
        yield os.getpid()

