#!/usr/bin/env python3
"""Where a `scanner rescan` run's time goes, per process (issue 14, "archive at scale").

Runs :func:`scanner.batch.runner.rescan` in this process with light instrumentation (wrappers
around the worker's ``scan_chunk`` and ``scan_span``, the pool's sending of a result, the store's commit; no
change to what is computed) and prints, for the scan phase:

* the main process's CPU per thread: main (reading, chunking, committing), the pool's result
  collector and its chunk feeder;
* per worker: chunks, time inside ``scan_chunk`` / ``scan_span`` (wall and CPU), time between chunks (sending
  the result, waiting for the next chunk), time blocked sending results back (wall and CPU),
  when its first chunk started and its last one ended, minor page faults (copy-on-write);
* each worker's scan phase as running + waiting for a CPU + idle (``/proc/PID/schedstat``; for
  ``--workers 1`` the main thread's): on a shared host the waiting is the other jobs', the idle
  the pool's own (no chunk to scan, the first one not there yet, the last commit);
* the commits (how many, the largest, the last one) and the chunk sizes;
* with ``--timeline``: every chunk, result send and worker start-up (the pool's initializer) per
  worker, the commits, the last results reaching the main thread and the pool's teardown, in
  seconds from the start of the scan phase.

Each process appends its events to its own file with one ``os.write`` (a few µs): an earlier
version rewrote the whole log after every chunk, which itself showed up as "time between chunks".

usage: python benchmarks/trace_rescan.py [--tree PATH] [--workers 2] [--timeline] [--chunk-records N --chunk-bytes B] SOURCE
       (SOURCE e.g. the JSONL bench_rescan.py builds from ../shared/data; results in a temp dir;
       --tree: the checkout whose code runs, default this one)
"""
from __future__ import annotations

import argparse
import concurrent.futures.process as cfp
import multiprocessing.connection as mpc
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

if "--tree" in sys.argv:  # before importing scanner: whose code runs
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index("--tree") + 1]).resolve()))
else:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scanner.batch.executors as E
import scanner.batch.runner as R
import scanner.batch.store as S
import scanner.batch.worker as W

LOG: list = []
TMP = Path(tempfile.mkdtemp(prefix="trace_rescan_"))
mono = time.monotonic


_FD: list = [None, None]  # (pid, fd) of this process's log file


def _dump() -> None:
    """Append the newest event to this process's log (one write: cheap next to a chunk; the
    workers are killed at the end of the run, so nothing can wait until they exit)."""
    if _FD[0] != os.getpid():
        _FD[:] = [os.getpid(), os.open(TMP / f"{os.getpid()}.jsonl", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)]
    os.write(_FD[1], json.dumps(LOG[-1]).encode() + b"\n")


def _traced(fn):
    def wrapper(params, work, scanned_at, *rest):
        t, c = mono(), time.process_time()
        f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        r = fn(params, work, scanned_at, *rest)
        LOG.append(("chunk", t, mono(), time.process_time() - c, r[3],
                    resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0))
        _dump()
        return r

    wrapper.__module__, wrapper.__qualname__ = "scanner.batch.worker", fn.__name__  # pickled by name
    return wrapper


# a chunk of records, or (trees that have it) a span of a JSONL file the worker reads itself
W.scan_chunk = E.scan_chunk = _traced(W.scan_chunk)
_init_worker = E.init_worker


def init_worker(*a):
    t, c = mono(), time.process_time()
    f0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    _init_worker(*a)
    LOG.append(("init", t, mono(), time.process_time() - c, 0,
                resource.getrusage(resource.RUSAGE_SELF).ru_minflt - f0))
    _dump()


init_worker.__module__, init_worker.__qualname__ = "scanner.batch.worker", "init_worker"
E.init_worker = init_worker
if hasattr(W, "serve_spans"):  # a SpanPool's workers start up through the worker module's own name
    W.init_worker = init_worker
if hasattr(W, "scan_span"):
    W.scan_span = E.scan_span = _traced(W.scan_span)
_sendback = cfp._sendback_result


def sendback(*a, **k):
    t, c = mono(), time.process_time()
    _sendback(*a, **k)
    LOG.append(("send", t, mono(), time.process_time() - c))
    _dump()


cfp._sendback_result = sendback
_MAIN_PID = os.getpid()
_send_bytes = mpc.Connection.send_bytes


def send_bytes(self, *a, **k):  # a SpanPool worker sending a result (the main process sends tasks: not logged)
    if os.getpid() == _MAIN_PID:
        return _send_bytes(self, *a, **k)
    t, c = mono(), time.process_time()
    _send_bytes(self, *a, **k)
    LOG.append(("send", t, mono(), time.process_time() - c))
    _dump()


mpc.Connection.send_bytes = send_bytes
_commit = S.ResultStore.commit


def commit(self, scans, findings, lines, *a):
    t = mono()
    _commit(self, scans, findings, lines, *a)
    LOG.append(("commit", t, mono(), sum(x.count(b"\n") for x in lines)))  # records: one line each


S.ResultStore.commit = commit
THREADS: dict = {}


def _threads() -> dict[int, float]:
    out = {}
    for t in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{t}/stat") as f:
            v = f.read().rsplit(")", 1)[1].split()
        out[int(t)] = (int(v[11]) + int(v[12])) / os.sysconf("SC_CLK_TCK")
    return out


def _schedstat(pid: int) -> tuple[float, float] | None:
    """(CPU, time waiting for a CPU) of a process so far, in seconds (/proc/PID/schedstat)."""
    try:
        with open(f"/proc/{pid}/schedstat") as f:
            v = f.read().split()
        return int(v[0]) / 1e9, int(v[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


def _workers_sched(ex) -> dict[int, tuple[float, float, float] | None]:
    pids = [p.pid for p in getattr(ex, "_procs", ())] or list(getattr(getattr(ex, "pool", None), "_processes", {}))
    return {pid: ((mono(),) + st) if (st := _schedstat(pid)) else None for pid in pids + [os.getpid()]}


def _hook(cls) -> None:
    """Trace a pool class: CPU per thread of the main process and every process's schedstat over
    the scan phase (from the end of the setup to close), results reaching the main thread."""
    _init, _close, _map = cls.__init__, cls.close, cls.map

    def init(self, *a):
        _init(self, *a)
        THREADS["start"] = _threads()
        THREADS["sched_start"] = _workers_sched(self)

    def close(self):
        THREADS["end"] = _threads()
        THREADS["sched_end"] = _workers_sched(self)
        t = mono()
        _close(self)
        LOG.append(("close", t, mono()))

    def pool_map(self, chunks):
        for item in _map(self, chunks):
            LOG.append(("result", mono(), item[1].n))  # a result in the main thread's hands
            yield item

    cls.__init__, cls.close, cls.map = init, close, pool_map


_hook(E.PoolExecutor)
if hasattr(E, "SpanPool"):
    _hook(E.SpanPool)
_init1, _close1 = E.InProcessExecutor.__init__, E.InProcessExecutor.close


def init1(self, *a):  # --workers 1: the main thread itself, over the same span of time
    _init1(self, *a)
    THREADS["sched1_start"] = (mono(),) + (_schedstat(os.getpid()) or (0.0, 0.0))


def close1(self):
    THREADS["sched1_end"] = (mono(),) + (_schedstat(os.getpid()) or (0.0, 0.0))
    _close1(self)


E.InProcessExecutor.__init__, E.InProcessExecutor.close = init1, close1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source")
    ap.add_argument("--tree", help="the checkout whose code runs (default: this one)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk-records", type=int)
    ap.add_argument("--chunk-bytes", type=int)
    ap.add_argument("--timeline", action="store_true",
                    help="also print every chunk (worker, start, end relative to the scan phase, CPU, faults) "
                         "and each worker's start-up (initializer)")
    args = ap.parse_args()
    extra = {k: v for k, v in (("chunk_records", args.chunk_records), ("chunk_bytes", args.chunk_bytes)) if v}
    out = TMP / "out"
    t0 = mono()
    st = R.rescan(R.RescanOptions(args.source, out, workers=args.workers, progress=False, log=lambda m: None,
                                  **extra))
    start, end = t0 + st.setup_seconds, t0 + st.setup_seconds + st.scan_seconds
    print(f"scan {st.scan_seconds:.3f} s, setup {st.setup_seconds:.3f} s, main process CPU in the scan "
          f"{st.main_cpu_seconds:.3f} s, {st.records:,} records")
    if "start" in THREADS:
        a, b = THREADS["start"], THREADS["end"]
        names = {os.getpid(): "main"}
        cpu = {names.get(t, f"thread {t}"): round(b[t] - a.get(t, 0), 3) for t in b if b[t] - a.get(t, 0) > 0}
        print(f"  main process CPU by thread (besides main: the pool's result collector, chunk feeder): {cpu}")
        # each worker from the end of the setup to the pool's close (just after the last commit): running,
        # runnable but waiting for a CPU (the host's other jobs, the main process), or idle (no work)
        for pid, st0 in THREADS.get("sched_start", {}).items():
            st1 = THREADS.get("sched_end", {}).get(pid)
            if st0 and st1:
                span, run, wait = st1[0] - st0[0], st1[1] - st0[1], st1[2] - st0[2]
                who = "main thread" if pid == os.getpid() else f"worker {pid}"
                print(f"  {who} over the scan phase: {span:.3f} s = running {run:.3f} + waiting for a CPU "
                      f"{wait:.3f} + idle {span - run - wait:.3f}")
    if "sched1_start" in THREADS and "sched1_end" in THREADS:
        st0, st1 = THREADS["sched1_start"], THREADS["sched1_end"]
        span, run, wait = st1[0] - st0[0], st1[1] - st0[1], st1[2] - st0[2]
        print(f"  main thread over the scan phase: {span:.3f} s = running {run:.3f} + waiting for a CPU {wait:.3f} "
              f"+ idle (fsync, …) {span - run - wait:.3f}")
    logs = {p.stem: [json.loads(x) for x in p.read_text().splitlines()] for p in TMP.glob("*.jsonl")}
    sizes = []
    for pid, log in sorted(logs.items()):
        ch = [x for x in log if x[0] == "chunk" and x[1] >= start - 0.01]
        sb = [x for x in log if x[0] == "send" and x[1] >= start - 0.01]
        sizes += [(x[1], x[4]) for x in ch]
        if not ch:
            continue
        gaps = [ch[i + 1][1] - ch[i][2] for i in range(len(ch) - 1)]
        # of the gaps: after sending a result, waiting for (and unpickling) the next chunk
        waits = [ch[i + 1][1] - max((x[2] for x in sb if ch[i][2] <= x[1] <= ch[i + 1][1]), default=ch[i][2])
                 for i in range(len(ch) - 1)]
        print(f"  process {pid}: {len(ch)} chunks, in scan_chunk {sum(x[2] - x[1] for x in ch):.3f} s wall / "
              f"{sum(x[3] for x in ch):.3f} s CPU; between chunks {sum(gaps):.3f} s (largest {max(gaps, default=0):.3f}; "
              f"after sending, getting the next chunk {sum(waits):.3f} s); "
              f"sending results {sum(x[2] - x[1] for x in sb):.3f} s wall / {sum(x[3] for x in sb):.3f} s CPU; "
              f"first chunk at +{ch[0][1] - start:.3f} s, last ended {end - ch[-1][2]:.3f} s before the end; "
              f"minor faults {sum(x[5] for x in ch):,}")
    if args.timeline:
        for pid, log in sorted(logs.items()):
            for x in log:
                if x[0] in ("init", "chunk") and (x[0] == "init" or x[1] >= start - 0.01):
                    print(f"    {pid} {x[0]:5} {x[1] - start:+.4f} .. {x[2] - start:+.4f} s  cpu {x[3]:.4f}  "
                          f"records {x[4]:4}  faults {x[5]:,}")
                elif x[0] == "send" and x[1] >= start - 0.01:
                    print(f"    {pid} send  {x[1] - start:+.4f} .. {x[2] - start:+.4f} s  cpu {x[3]:.4f}")
        for x in LOG:
            if x[0] == "commit":
                print(f"    main commit {x[1] - start:+.4f} .. {x[2] - start:+.4f} s  records {x[3]}")
            elif x[0] == "result" and x[1] >= end - 0.1:
                print(f"    main result {x[1] - start:+.4f} s  records {x[2]}")
            elif x[0] == "close":
                print(f"    main close  {x[1] - start:+.4f} .. {x[2] - start:+.4f} s")
        print(f"    scan phase ends at {end - start:+.3f} s")
    cs = [x for x in LOG if x[0] == "commit"]
    if cs:
        print(f"  commits: {len(cs)}, largest {max(x[3] for x in cs):,} records, the last {cs[-1][3]:,} records "
              f"in {cs[-1][2] - cs[-1][1]:.3f} s, all {sum(x[2] - x[1] for x in cs):.3f} s")
    print(f"  chunk sizes (records, in order): {[n for _, n in sorted(sizes)]}")
    shutil.rmtree(TMP, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
