"""The three ways chunks of records are scanned, all running the same worker code (worker.py), so
they give identical output:

* :class:`InProcessExecutor` – ``--workers 1``: in the main process;
* :class:`SpanPool` – every core, a JSONL file on Linux: forked processes that take spans of
  lines from one shared queue as they become free, the main process among them;
* :class:`PoolExecutor` – every core otherwise: a process pool, a bounded window of chunks in flight;
* :class:`SparkExecutor` – ``--engine spark``: batches of chunks as Spark partitions.

Each has ``name``, ``workers``, ``map(chunks)`` yielding ``(chunk, packed results)`` in input
order, and ``close()``.
"""
from __future__ import annotations

import functools
import gc
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass

from ..errors import ScannerError
from .sources import Span, span_items
from .store import CAN_SHARD, now_iso
from .worker import (
    JobParams,
    Packed,
    init_worker,
    scan_chunk,
    scan_span,
    serve_spans,
    spark_partition,
    spark_warm,
    warm_up,
)

__all__ = ["Chunk", "InProcessExecutor", "PoolExecutor", "SparkExecutor", "SpanPool"]


@dataclass
class Chunk:
    """Contiguous records of the source, as the workers get them: the records themselves
    (``items``), or a span of a JSONL file the worker reads itself (``span``)."""

    items: list | None  # (pos, key, payload, old)
    next_pos: int
    nbytes: int
    span: Span | None = None

    def records(self) -> list:
        """The items, read from the span's lines if need be (in this process)."""
        return self.items if self.span is None else span_items(self.span)


def _balanced(items: list, sizes: list[int], parts: int) -> list[list]:
    """Split ``items`` into at most ``parts`` contiguous groups of about equal total size."""
    total = sum(sizes) or 1
    target = total / parts
    groups: list[list] = []
    cur: list = []
    acc = 0
    for it, n in zip(items, sizes):
        cur.append(it)
        acc += n
        if acc >= target * (len(groups) + 1) and len(groups) < parts - 1:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return groups


def _freeze() -> None:
    """Collect, then move every object alive now (the Scanner, the lexicons, the name model) out
    of the collector's reach: with fork, a collection in a worker would write to every page of the
    inherited heap (copy-on-write would copy it all); in the main process, each full collection
    during the run would walk those millions of objects again (measured: ~30 ms each)."""
    gc.collect()
    gc.freeze()


#: pipe size asked for between the main process and its workers (Linux; the default is 64 KiB)
PIPE_BYTES = 1 << 20


def _pipe_size() -> int:
    """:data:`PIPE_BYTES`, or the system's most if that is less."""
    try:
        with open("/proc/sys/fs/pipe-max-size") as f:
            return min(PIPE_BYTES, int(f.read()))
    except (OSError, ValueError):
        return PIPE_BYTES


def _widen(fds: Iterable[int]) -> int:
    """Give pipes room for a whole chunk or result (Linux; the default is 64 KiB).

    With the default 64 KiB a worker sending a chunk's results (~300 KB for 1 MiB of texts)
    blocks until the main process has read all but the last 64 KiB — piece by piece, each read
    waiting for the main process's GIL (its main thread inserting rows or reading the source):
    measured 0.06–0.12 s per worker per run on the official texts, 5–10% of its time. Returns
    the size set (0 where that is not possible)."""
    try:
        import fcntl

        size = _pipe_size()
        done = 0
        for fd in fds:
            done = fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, size)
        return done
    except (ImportError, AttributeError, OSError, ValueError):
        return 0


def _widen_pipes(pool) -> int:
    """:func:`_widen` for a ``ProcessPoolExecutor``'s two pipes (chunks out, results back); 0 where
    the pool's insides differ."""
    try:
        return _widen(q._reader.fileno() for q in (pool._result_queue, pool._call_queue))
    except AttributeError:
        return 0


class InProcessExecutor:
    """``--workers 1``: the chunks are scanned in the main process, one after the other."""

    name = "1 process"
    workers = 1

    def __init__(self, params: JobParams):
        self.params = params
        warm_up(params)  # as the pool does before forking: the scan phase measures warm scans
        _freeze()

    def map(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, Packed]]:
        for ch in chunks:
            yield ch, scan_chunk(self.params, ch.records(), now_iso())

    def close(self) -> None:
        gc.unfreeze()


#: the most ``--workers`` with which the main process scans beside the pool (:class:`PoolExecutor`)
CALLER_RUNS_MAX = 4


def _caller_runs(workers: int) -> bool:
    """Whether the main process scans beside a pool of ``workers - 1`` (fork only: it holds the
    warmed Scanner the workers inherit). ``GOVSCAN_CALLER_RUNS=0`` turns it off."""
    return 1 < workers <= CALLER_RUNS_MAX and os.environ.get("GOVSCAN_CALLER_RUNS", "1") != "0"


def _worker_died() -> ScannerError:
    return ScannerError("a worker process died (killed by the system, out of memory?); the results "
                        "committed so far are kept: run the same command to continue")


class PoolExecutor:
    """A process pool with a bounded window of chunks in flight, results taken in input order.

    ``concurrent.futures`` rather than ``multiprocessing.Pool``: less work in the main process
    (measured: 0.26 s vs 0.38 s of CPU for the benchmark corpus, and a higher speed-up), and when
    the OS kills a worker (out of memory) the run stops with ``BrokenProcessPool`` instead of
    waiting forever for the lost chunk; what was committed is kept and the same command
    continues."""

    def __init__(self, params: JobParams, workers: int):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in mp.get_all_start_methods() and sys.platform != "darwin" else "spawn"
        self.params = params
        self.workers = workers
        self.name = f"{workers} processes"
        #: the main process scans too (fork: it holds the warmed Scanner the workers inherit): a
        #: chunk when the pool has its window full, so ``workers`` processes scan, not
        #: ``workers`` plus a main process that mostly waits and competes with them for the cores.
        #: Up to CALLER_RUNS_MAX workers: beyond, committing every worker's results is the main
        #: process's whole job (measured on two cores only)
        self.caller_runs = method == "fork" and _caller_runs(workers)
        pool_size = workers - 1 if self.caller_runs else workers
        self.scanned_here = 0  # chunks the main process scanned
        if method == "fork":
            # warmed before forking: what the first scans build (lazily compiled patterns, caches)
            # is built once and shared by the workers instead of once in each
            warm_up(params)
        _freeze()  # fork: keep the inherited Scanner's pages shared; kept frozen until close()
        try:
            ctx = mp.get_context(method)
            ready = ctx.Semaphore(0)
            self.pool = ProcessPoolExecutor(pool_size, mp_context=ctx, initializer=init_worker,
                                            initargs=(params, os.getpid(), ready))
            self.pipe_bytes = _widen_pipes(self.pool)
            # start every worker now (with fork they all start on the first submit), before the
            # results files are opened
            for f in [self.pool.submit(os.getpid) for _ in range(pool_size)]:
                f.result()
            # ... and wait until each has finished its start-up: one worker may have run every
            # task above while another was still warming up (measured: the second worker's first
            # chunk 20–30 ms into the scan phase in such runs)
            self._wait_ready(ready, pool_size)
            self.pool_size = pool_size
        except BaseException:
            gc.unfreeze()
            raise

    def _wait_ready(self, ready, workers: int) -> None:
        from concurrent.futures.process import BrokenProcessPool

        for _ in range(workers):
            while not ready.acquire(timeout=0.2):
                if getattr(self.pool, "_broken", False):  # an initializer failed (logged by the pool)
                    raise BrokenProcessPool("a worker process failed to start")

    def map(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, Packed]]:
        from concurrent.futures.process import BrokenProcessPool

        window: deque = deque()
        # with the main process scanning too, two chunks per worker in flight (one running, one
        # queued): more would leave the workers a queue to finish while the main process idles
        limit = self.pool_size * (2 if self.caller_runs else 4)
        keep = 8 * limit if self.caller_runs else limit  # results held for the order
        try:
            for ch in chunks:
                if self.caller_runs and sum(1 for _, f in window if not f.done()) >= limit and len(window) < keep:
                    # the pool has its window full: this process scans the chunk itself (no shard:
                    # its results are here already), in its place in the order
                    done: Future = Future()
                    done.set_result(scan_chunk(self.params, ch.records(), now_iso()))
                    window.append((ch, done))
                    self.scanned_here += 1
                elif ch.span is not None:  # the worker reads the lines itself: a few numbers through the pipe
                    window.append((ch, self.pool.submit(scan_span, self.params, ch.span, now_iso(), CAN_SHARD)))
                else:
                    window.append((ch, self.pool.submit(scan_chunk, self.params, ch.items, now_iso(), CAN_SHARD)))
                while len(window) >= keep or (window and window[0][1].done()):
                    c, fut = window.popleft()
                    yield c, fut.result()
            while window:
                c, fut = window.popleft()
                yield c, fut.result()
        except BrokenProcessPool:
            raise _worker_died() from None

    def close(self) -> None:
        """Stop the workers (killed: no chunk is left that anybody will commit). :meth:`reap`
        waits for them to be gone: the system takes ~10 ms to tear down each worker's memory,
        which can overlap what the main process does after the run."""
        self._procs = list(getattr(self.pool, "_processes", {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for p in self._procs:
            if p.is_alive():
                p.kill()
        gc.unfreeze()

    def reap(self) -> None:
        for p in getattr(self, "_procs", ()):
            p.join(5)
        self._procs = []


class SpanPool:
    """Every core on a JSONL file (fork): ``workers`` processes scanning spans, the main process
    one of them up to :data:`CALLER_RUNS_MAX` (:func:`_caller_runs`).

    The spans wait in one pipe, in file order; whichever process is free takes the next one
    (under a lock; ``taken`` counts what was taken). Unlike a pool the main process feeds, a
    worker never waits for the main process to hand it work while that process scans or commits,
    and the last spans go to whoever is free, so the processes finish together. Each worker
    sends its results on its own pipe; the main process collects them between its own spans and
    yields every result in input order."""

    #: spans in the pipe that nobody has taken yet, per worker (+ 2): enough that a worker finds
    #: one whenever it is free, however long the main process's own span or commit takes
    AHEAD = 2
    #: spans written and not yet yielded, per worker (+ 2): results held here for the order
    KEEP = 16

    def __init__(self, params: JobParams, workers: int):
        import multiprocessing as mp

        self.params = params
        self.workers = workers
        self.name = f"{workers} processes"
        self.caller_runs = _caller_runs(workers)
        self.pool_size = workers - 1 if self.caller_runs else workers
        self.scanned_here = 0  # spans the main process scanned
        self._procs: list = []
        self._conns: list = []
        warm_up(params)  # before forking: what the first scans build is built once, shared
        _freeze()
        try:
            ctx = mp.get_context("fork")
            ready = ctx.Semaphore(0)
            self._tasks, self._send_task = ctx.Pipe(duplex=False)
            self._lock = ctx.Lock()
            self._taken = ctx.RawValue("q", 0)
            for _ in range(self.pool_size):
                r, w = ctx.Pipe(duplex=False)
                p = ctx.Process(target=serve_spans, daemon=True, name="govscan-rescan",
                                args=(params, os.getpid(), ready, self._tasks, self._lock, self._taken, w))
                p.start()
                w.close()
                self._procs.append(p)
                self._conns.append(r)
            self.pipe_bytes = _widen(c.fileno() for c in self._conns)
            for _ in range(self.pool_size):  # every worker started up before the scan phase
                while not ready.acquire(timeout=0.2):
                    if any(p.exitcode is not None for p in self._procs):
                        raise ScannerError("a worker process failed to start")
        except BaseException:
            self.close()
            self.reap()
            raise

    def map(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, Packed]]:
        import pickle

        it = iter(chunks)
        ahead = self.AHEAD * (self.pool_size + 1)
        keep = self.KEEP * (self.pool_size + 1)
        pending: dict[int, Chunk] = {}
        done: dict[int, tuple] = {}
        written = yielded = 0
        exhausted = False
        taken = self._taken
        while True:
            while not exhausted and written - taken.value < ahead and written - yielded < keep:
                ch = next(it, None)
                if ch is None:
                    exhausted = True
                    break
                if ch.span is None:
                    raise TypeError("SpanPool scans spans of a JSONL file")
                pending[written] = ch
                self._send_task.send_bytes(pickle.dumps((written, ch.span, now_iso()), pickle.HIGHEST_PROTOCOL))
                written += 1
            self._collect(done, 0)
            while yielded in done:
                packed, err = done.pop(yielded)
                if err is not None:
                    raise err
                yield pending.pop(yielded), packed
                yielded += 1
            if exhausted and yielded == written:
                return
            if self.caller_runs and written > taken.value:
                task = self._claim(written)
                if task is not None:
                    seq, span, scanned_at = task
                    try:  # no shard: its results are here already
                        done[seq] = (scan_span(self.params, span, scanned_at), None)
                    except Exception as e:  # noqa: BLE001 - raised in its place in the order
                        done[seq] = (None, e)
                    self.scanned_here += 1
                    continue
            # nothing to scan here: wait for a result (briefly if a span is left that the lock kept
            # from this process)
            self._collect(done, 0.005 if self.caller_runs and written > taken.value else None)

    def _claim(self, written: int) -> tuple | None:
        """The next span in the pipe for this process, or None when another process holds the
        lock or took the last one (a worker waiting on an empty pipe holds the lock; the main
        process, the pipe's only writer, must never wait for it)."""
        import pickle

        if not self._lock.acquire(timeout=0.002):
            return None
        try:
            if written <= self._taken.value:
                return None
            msg = self._tasks.recv_bytes()
            self._taken.value += 1
        finally:
            self._lock.release()
        return pickle.loads(msg)

    def _collect(self, done: dict, timeout: float | None) -> None:
        """Results that have arrived (waiting up to ``timeout``, None: until one does) into
        ``done``; a worker that has exited is an error (they run until killed)."""
        import pickle
        from multiprocessing.connection import wait

        sentinels = {p.sentinel: p for p in self._procs}
        ready = wait(self._conns + list(sentinels), timeout)
        for r in ready:
            if r in sentinels:
                raise _worker_died()
            try:
                seq, packed, err = pickle.loads(r.recv_bytes())
            except (EOFError, OSError):  # its end closed: the worker is gone
                raise _worker_died() from None
            done[seq] = (packed, err)

    def close(self) -> None:
        """Stop the workers (killed: nothing is left that anybody will commit); :meth:`reap`
        waits for them to be gone."""
        for p in self._procs:
            if p.exitcode is None:
                p.kill()
        for c in self._conns + [getattr(self, "_tasks", None), getattr(self, "_send_task", None)]:
            if c is not None:
                c.close()
        self._conns = []
        gc.unfreeze()

    def reap(self) -> None:
        for p in self._procs:
            p.join(5)
        self._procs = []


class SparkExecutor:
    """``--engine spark``: chunks gathered into batches (``batch_records`` / ``batch_bytes``), each
    batch split into size-balanced partitions and scanned by the executors, results in order."""

    def __init__(self, params: JobParams, master: str | None, batch_records: int, batch_bytes: int, log):
        from ..spark import get_spark

        self.params = params
        self.spark, self.owned = get_spark(master, app_name="govscan rescan")
        sc = self.spark.sparkContext
        self.workers = sc.defaultParallelism
        self.name = f"Spark {sc.master} ({self.workers} slots)"
        self.batch_records = batch_records
        self.batch_bytes = batch_bytes
        # build the Scanner in each executor's Python worker now, not inside the first batch
        n = self.workers
        sc.parallelize(range(n), n).mapPartitions(functools.partial(spark_warm, params)).collect()

    def map(self, chunks: Iterable[Chunk]) -> Iterator[tuple[Chunk, Packed]]:
        sc = self.spark.sparkContext
        batch: list[Chunk] = []
        n = size = 0

        def run(batch: list[Chunk]):
            items = [it for ch in batch for it in ch.records()]
            sizes = [len(it[2]) if isinstance(it[2], (bytes, str)) else 256 for it in items]
            if self.params.kind == "folder":
                sizes = [1024 for _ in items]  # payload is a path; the files' sizes are not at hand here
            groups = _balanced(items, sizes, min(len(items), self.workers * 4))
            fn = functools.partial(spark_partition, self.params, now_iso())
            try:
                out = sc.parallelize(groups, len(groups)).mapPartitions(fn).collect()
            except Exception as e:  # Py4JJavaError & co: one line, not a JVM stack trace  # noqa: BLE001
                first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
                raise ScannerError(f"the Spark job failed ({first[:300]}); the results committed so far are "
                                   "kept: run the same command to continue") from None
            out.sort(key=lambda o: o[0])
            rows = [r for _, p in out for r in p[0]]
            frows = [f for _, p in out for f in p[1]]
            merged = Chunk(items, batch[-1].next_pos, sum(c.nbytes for c in batch))
            return merged, Packed(rows, frows, b"".join(p[2] for _, p in out), sum(p[3] for _, p in out))

        for ch in chunks:
            batch.append(ch)
            n += len(ch.items)
            size += ch.nbytes
            if n >= self.batch_records or size >= self.batch_bytes:
                yield run(batch)
                batch, n, size = [], 0, 0
        if batch:
            yield run(batch)

    def close(self) -> None:
        if self.owned:
            self.spark.stop()

