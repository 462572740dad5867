"""How `scanner rescan` hands records to its workers and commits them (issue 14, "archive at
scale"): guided chunk sizes, commits bounded by records, the collector frozen only for the run.
Real runs with real worker pools; the chunking itself on real records."""
from __future__ import annotations

import gc
import json
import sqlite3
from pathlib import Path

import pytest

from scanner import ScannerConfig
from scanner.batch.runner import LEFT_SHARES, MIN_CHUNK_BYTES, RescanOptions, _chunks, rescan
from scanner.batch.sources import JsonlSource, RawRecord, SourceChanged, span_items
from tests.conftest import FIXTURE_LEX


def quiet(_msg: str) -> None:
    pass


def records(sizes: list[int]) -> list[RawRecord]:
    return [RawRecord(i, f"L{i + 1}", b"x" * n, n) for i, n in enumerate(sizes)]


def test_guided_chunks_shrink_towards_the_end_and_keep_every_record_in_order():
    recs = records([4000] * 2000)  # 8 MB
    total = sum(r.nbytes for r in recs)
    chunks = list(_chunks(iter(recs), 1024, 1 << 20, None, total, 0, 2))
    assert [it[0] for ch in chunks for it in ch.items] == list(range(2000))
    assert [ch.next_pos for ch in chunks] == [ch.items[-1][0] + 1 for ch in chunks]
    sizes = [ch.nbytes for ch in chunks]
    assert sum(sizes) == total
    assert 64 << 10 <= sizes[0] <= (64 << 10) + 4000  # a small first chunk: every worker starts at once
    assert sizes[1] >= 2 * sizes[0] - 4000
    peak = sizes.index(max(sizes))
    assert max(sizes) >= total // 10  # big in the middle: what is left over LEFT_SHARES per worker
    assert all(a >= b - 4000 for a, b in zip(sizes[peak:], sizes[peak + 1:]))  # then shrinking
    assert max(sizes[-3:]) <= MIN_CHUNK_BYTES + 4000  # small at the end: the workers finish together
    assert len(chunks) < 2000 / 8  # not one record at a time either


def test_chunks_without_a_known_size_or_with_one_worker_are_fixed():
    recs = records([100] * 1000)
    for total, parts in ((None, 2), (100_000, 1)):
        chunks = list(_chunks(iter(recs), 64, 1 << 20, None, total, 0, parts))
        assert [len(ch.items) for ch in chunks] == [64] * 15 + [40]
    by_bytes = list(_chunks(iter(recs), 1024, 1000, None, None, 0, 2))
    assert {len(ch.items) for ch in by_bytes} == {10}


def test_a_continued_run_sizes_chunks_by_what_is_left():
    recs = records([4000] * 100)
    total = 4000 * 1000  # 900 records were done before
    chunks = list(_chunks(iter(recs), 1024, 1 << 20, None, total, total - 400_000, 2))
    assert chunks[0].nbytes <= 400_000 // (2 * LEFT_SHARES) + 4000


def test_commits_are_bounded_by_records_and_the_collector_is_left_as_found(tmp_path):
    src = tmp_path / "posts.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        f.writelines(json.dumps({"id": i, "text": f"全县生产总值增长{i}%。联系人手机13912345678。"}, ensure_ascii=False) + "\n" for i in range(500))
    cfg = ScannerConfig(lexicon_dirs=[FIXTURE_LEX], bundled_lexicons=False)
    commits: list[int] = []
    from scanner.batch import store as store_mod

    orig = store_mod.ResultStore.commit
    done = [0]

    def spy(self, scans, findings, lines, next_pos, shards=()):
        commits.append(next_pos - done[0])  # records in this commit
        done[0] = next_pos if next_pos < 500 else 0
        assert len(lines) and sum(x.count(b"\n") for x in lines) == commits[-1]
        return orig(self, scans, findings, lines, next_pos, shards)

    store_mod.ResultStore.commit = spy
    try:
        outs = {}
        for workers in (1, 2):
            before = gc.get_freeze_count()
            st = rescan(RescanOptions(str(src), tmp_path / f"w{workers}", workers=workers, chunk_records=32,
                                      commit_records=100, commit_interval=3600, config=cfg, log=quiet))
            assert st.status == "finished" and st.records == 500
            assert gc.get_freeze_count() == before  # frozen for the run only
            outs[workers] = (tmp_path / f"w{workers}" / "results.jsonl").read_bytes()
    finally:
        store_mod.ResultStore.commit = orig
    assert outs[1] == outs[2]
    assert sum(commits) == 1000 and max(commits) < 100 + 32 and len(commits) >= 2 * 4
    con = sqlite3.connect(tmp_path / "w2" / "results.sqlite")
    assert con.execute("SELECT COUNT(*), MIN(pos), MAX(pos) FROM scans").fetchone() == (500, 0, 499)


def test_two_workers_are_one_pool_process_and_the_main_process(monkeypatch):
    """--workers 2 on a fork platform: one pool process, and the main process scans a chunk
    whenever the pool has its window full; results come back in input order."""
    import sys

    import scanner.batch.executors as E
    from scanner.batch.sources import Fields
    from scanner.batch.worker import JobParams, clear_contexts

    if not sys.platform.startswith("linux"):
        pytest.skip("fork only")
    params = JobParams("test-caller-runs", ScannerConfig(lexicon_dirs=(str(FIXTURE_LEX),), bundled_lexicons=False,
                                                         detectors=("lexicon",)),
                       "jsonl", Fields(), "findings", "t", None)
    line = '{"text": "%s台湾总统发表讲话，联系电话13812345678。"}\n' % ("全县" * 400)
    chunks = [E.Chunk([(k * 20 + i, f"L{k * 20 + i + 1}", line.encode(), None) for i in range(20)], (k + 1) * 20, 0)
              for k in range(40)]
    try:
        ex = E.PoolExecutor(params, 2)
        try:
            assert ex.caller_runs and ex.pool_size == 1
            got = [c.next_pos for c, _ in ex.map(chunks)]
        finally:
            ex.close()
            ex.reap()
        assert got == [c.next_pos for c in chunks]
        assert 0 < ex.scanned_here < 40
        ex = E.PoolExecutor(params, E.CALLER_RUNS_MAX + 1)  # beyond: the main process only commits
        try:
            assert not ex.caller_runs and ex.pool_size == E.CALLER_RUNS_MAX + 1
        finally:
            ex.close()
            ex.reap()
        monkeypatch.setenv("GOVSCAN_CALLER_RUNS", "0")  # the switch back to a pool of two
        ex = E.PoolExecutor(params, 2)
        try:
            assert not ex.caller_runs and ex.pool_size == 2
            assert [c.next_pos for c, _ in ex.map(chunks[:6])] == [c.next_pos for c in chunks[:6]]
            assert ex.scanned_here == 0
        finally:
            ex.close()
            ex.reap()
    finally:
        clear_contexts()


def test_pool_pipes_hold_a_whole_result():
    import fcntl
    import multiprocessing as mp
    import sys
    from concurrent.futures import ProcessPoolExecutor

    import pytest

    from scanner.batch.executors import PIPE_BYTES, _widen_pipes

    if not sys.platform.startswith("linux"):
        pytest.skip("pipe sizes are a Linux setting")
    pool = ProcessPoolExecutor(1, mp_context=mp.get_context("fork"))
    try:
        want = min(PIPE_BYTES, int(Path("/proc/sys/fs/pipe-max-size").read_text()))
        assert _widen_pipes(pool) == want
        for q in (pool._result_queue, pool._call_queue):
            assert fcntl.fcntl(q._writer.fileno(), fcntl.F_GETPIPE_SZ) == want
        assert pool.submit(sum, [1, 2]).result() == 3
    finally:
        pool.shutdown()


def test_the_warm_up_text_loads_what_loads_on_first_use():
    """The prohibited-content model's tables load on the first text with one of its anchor
    characters: the warm-up (before forking) must have one, or every worker loads its own copy in
    its first chunk, inside the scan phase."""
    from scanner.core import WARM_TEXT
    from scanner.detectors.prohibited_model import read_meta

    assert set(read_meta()["anchors"]) & set(WARM_TEXT)


def test_the_pool_waits_for_every_worker_to_start(tmp_path, monkeypatch):
    """A worker whose start-up fails after another worker ran every start-up task stops the pool
    before the scan phase (the pool waits for each worker's initializer, not only for tasks)."""
    import os
    import sys
    import time
    from concurrent.futures.process import BrokenProcessPool

    import scanner.batch.executors as E
    from scanner.batch.sources import Fields
    from scanner.batch.worker import JobParams

    if not sys.platform.startswith("linux"):
        pytest.skip("relies on fork inheriting the patched initializer")
    real, flag, started = E.init_worker, tmp_path / "first", tmp_path / "started"

    def init(params, parent_pid, ready=None):
        try:
            os.close(os.open(flag, os.O_CREAT | os.O_EXCL))  # the first worker starts normally
        except FileExistsError:  # the other one fails once the first has started (and can run every task)
            deadline = time.monotonic() + 20
            while not started.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            time.sleep(0.3)
            raise RuntimeError("this worker cannot start") from None
        real(params, parent_pid, *([] if ready is None else [ready]))
        started.touch()

    monkeypatch.setattr(E, "init_worker", init)
    params = JobParams("test-ready", ScannerConfig(lexicon_dirs=(str(FIXTURE_LEX),), bundled_lexicons=False,
                                                   detectors=("lexicon",)),
                       "jsonl", Fields(), "findings", "t", None)
    from scanner.batch.worker import clear_contexts

    try:
        with pytest.raises(BrokenProcessPool):
            E.PoolExecutor(params, 3)  # two pool workers (the main process scans too)
        assert gc.get_freeze_count() == 0  # the collector unfrozen again
    finally:
        clear_contexts()


# ------------------------------------------------------------------ spans: workers read the JSONL file
LINES = [b'{"id": 1, "text": "\xe5\x85\xa8\xe5\x8e\xbf"}\n', b"\n", b"   \n", b"\r\n", b' {"id": 2}\n', b"{not json\n",
         b'{"text": "' + b"x" * 3000 + b'"}\n', b"\t\n", b"{}\n", b'{"id": 3}\r\n', b"[1]\n"]


def test_spans_give_the_records_that_iterating_the_file_gives(tmp_path):
    """Blank and white-space lines (not records), CRLF, a line longer than a span, a last line
    without a line end; any span size, record limit and resume point: the same (pos, key, line)
    items as reading the file record by record, and the byte counts progress reports."""
    import random

    rng = random.Random(5)
    path = tmp_path / "x.jsonl"
    for trial in range(60):
        lines = [rng.choice(LINES) for _ in range(rng.randint(1, 40))]
        if trial % 2:
            lines[-1] = lines[-1].rstrip(b"\n")
        path.write_bytes(b"".join(lines))
        src = JsonlSource(path)
        ref = [(r.pos, r.key, r.payload, None) for r in src]
        for size in (1, 50, 4000, 1 << 20):
            for max_records in (1, 3, 1024):
                for skip in {0, min(2, len(ref)), len(ref)}:
                    it = iter(src)
                    for _ in range(skip):
                        next(it)
                    offset, line = src.after if skip else (0, 1)
                    got, nbytes = [], 0
                    for span in src.spans(offset, line, skip, lambda done, size=size: size, max_records):
                        items = span_items(span)  # read from the file, as a pool worker does
                        assert len(items) == span.records > 0 and span.lines <= max_records
                        got += items
                        nbytes += span.nbytes
                    assert got == ref[skip:], (trial, size, max_records, skip)
                    assert nbytes == sum(len(it[2]) for it in ref[skip:])


def test_a_span_of_a_file_that_changed_is_refused(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"id": 1}\n{"id": 2}\n{"id": 3}\n')
    src = JsonlSource(path)
    span, = src.spans(0, 1, 0, lambda done: 1 << 20, 1024)
    assert span.records == span.lines == 3
    for changed in (b'{"id": 1}\n         \n{"id": 3}\n',  # same size and lines, a record blanked
                    b'{"id": 1}\n\n{"id": 3}\n{"id": 4}\n',  # a line inserted
                    b'{"id": 1}\n'):  # cut
        path.write_bytes(changed)
        with pytest.raises(SourceChanged, match="changed during the re-scan"):
            span_items(span)


def _rows(out: Path) -> tuple[list, list]:
    con = sqlite3.connect(out / "results.sqlite")
    cols = [r[1] for r in con.execute("PRAGMA table_info(scans)") if r[1] != "scanned_at"]
    scans = con.execute(f"SELECT {', '.join(cols)}, {', '.join(f'typeof({c})' for c in cols)} FROM scans "
                        "ORDER BY pos").fetchall()
    finds = con.execute("SELECT *, typeof(span_start), typeof(text) FROM findings ORDER BY pos, idx").fetchall()
    con.close()
    return scans, finds


def test_pool_workers_shards_hold_the_rows_scanning_in_process_writes(tmp_path):
    """The pool's workers hand their rows over as serialised SQLite databases (several per commit
    here), --workers 1 inserts them itself: the same rows, value for value and type for type, for
    a JSONL file (spans) and a CSV file (records)."""
    from scanner.batch.store import CAN_SHARD

    if not CAN_SHARD:
        pytest.skip("this sqlite3 cannot serialise databases")
    texts = ["全县生产总值增长6.5%。", "台湾总统发表讲话。", "联系人手机13912345678，邮箱a@b.cn。", "严禁赌博。"]
    jsonl = tmp_path / "posts.jsonl"
    with open(jsonl, "w", encoding="utf-8") as f:
        for i in range(300):
            rec = {"id": [f"p{i}", i, i + 0.5, None][i % 4], "text": texts[i % 4] * (i % 5 + 1), "title": f"标题{i}",
                   "date": "2024-05-01", "account": "县融媒体中心"}
            f.write(json.dumps(rec, ensure_ascii=False) + ("\n\n" if i % 50 == 0 else "\n"))
        f.write('{"id": "bad", "text": 5}\n{not json\n')
    csvf = tmp_path / "posts.csv"
    csvf.write_text("id,text\n" + "".join(f"c{i},{texts[i % 4]}\n" for i in range(120)), encoding="utf-8")
    cfg = ScannerConfig(lexicon_dirs=[FIXTURE_LEX], bundled_lexicons=False)
    for src in (jsonl, csvf):
        runs = {}
        for workers in (1, 2):
            out = tmp_path / f"{src.suffix[1:]}-{workers}"
            st = rescan(RescanOptions(str(src), out, workers=workers, chunk_records=16, commit_records=100,
                                      commit_interval=3600, store_text="all", config=cfg, log=quiet))
            assert st.status == "finished"
            runs[workers] = ((out / "results.jsonl").read_bytes(), _rows(out))
        assert runs[1] == runs[2]
        assert len(runs[2][1][0]) == (302 if src == jsonl else 120) and runs[2][1][1]  # rows and findings


def test_commits_are_bounded_by_bytes_of_results_too(tmp_path):
    """Long texts with findings (stored) make big results from few records: a commit is also due
    after ``commit_bytes`` of results, so the last one (which no scanning overlaps) stays small;
    the results are the same whatever the commits' sizes."""
    from scanner.batch import store as store_mod

    sizes: list[int] = []
    orig = store_mod.ResultStore.commit

    def spy(self, scans, findings, lines, next_pos, shards=()):
        sizes.append(sum(map(len, lines)) + sum(map(len, shards)))
        orig(self, scans, findings, lines, next_pos, shards)

    src = tmp_path / "posts.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": "台湾总统发表讲话。全县生产总值增长。" * (40 + i)},
                                      ensure_ascii=False) + "\n" for i in range(120)), encoding="utf-8")
    cfg = ScannerConfig(lexicon_dirs=[FIXTURE_LEX], bundled_lexicons=False)
    runs = {}
    store_mod.ResultStore.commit = spy
    try:
        for limit in (1 << 40, 40_000):
            sizes.clear()
            out = tmp_path / f"R{limit}"
            st = rescan(RescanOptions(str(src), out, workers=2, chunk_records=8, commit_records=10**9,
                                      commit_interval=3600, commit_bytes=limit, config=cfg, log=quiet))
            assert st.status == "finished" and st.records == 120
            runs[limit] = ((out / "results.jsonl").read_bytes(), _rows(out), list(sizes))
    finally:
        store_mod.ResultStore.commit = orig
    assert runs[1 << 40][:2] == runs[40_000][:2]
    assert len(runs[1 << 40][2]) == 1  # by records and time alone: everything in one (last) commit
    by_bytes = runs[40_000][2]
    assert len(by_bytes) > 3 and all(b >= 40_000 for b in by_bytes[:-1])  # each one due by bytes
    assert by_bytes[-1] < sum(by_bytes) / 3  # the last one: what came after the one before


def test_checkpoints_run_beside_the_writer_and_leave_no_wal_behind(tmp_path):
    from scanner.batch import store as store_mod

    seen = []
    orig = store_mod._Checkpointer.request

    def spy(self):
        seen.append(self.thread.is_alive())
        orig(self)

    store_mod._Checkpointer.request = spy
    try:
        src = tmp_path / "posts.jsonl"
        src.write_text("".join(json.dumps({"id": i, "text": "全县生产总值增长。" * 50}, ensure_ascii=False) + "\n"
                               for i in range(400)), encoding="utf-8")
        cfg = ScannerConfig(lexicon_dirs=[FIXTURE_LEX], bundled_lexicons=False)
        st = rescan(RescanOptions(str(src), tmp_path / "R", workers=1, chunk_records=25, commit_records=50,
                                  commit_interval=3600, store_text="all", config=cfg, log=quiet))
    finally:
        store_mod._Checkpointer.request = orig
    assert st.status == "finished" and len(seen) == 8 and all(seen)  # one request per commit, thread alive
    assert not (tmp_path / "R" / "results.sqlite-wal").exists()
    con = sqlite3.connect(tmp_path / "R" / "results.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("SELECT COUNT(*) FROM scans").fetchone() == (400,)


def _span_job(tmp_path, n: int = 400) -> tuple:
    from scanner.batch.sources import Fields
    from scanner.batch.worker import JobParams

    path = tmp_path / "posts.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": i, "text": "全县" * (i % 50) + "台湾总统发表讲话，联系电话13812345678。"},
                               ensure_ascii=False) + "\n")
    params = JobParams(f"test-span-pool-{n}", ScannerConfig(lexicon_dirs=(str(FIXTURE_LEX),), bundled_lexicons=False,
                                                            detectors=("lexicon", "personal_data")),
                       "jsonl", Fields(), "findings", "t", None)
    return path, params


def _span_chunks_of(path: Path, size: int = 2000):
    import scanner.batch.executors as E

    src = JsonlSource(path)
    return [E.Chunk(None, s.first_pos + s.records, s.nbytes, s) for s in src.spans(0, 1, 0, lambda done: size, 1024)]


def test_span_pool_processes_take_spans_as_they_are_free_and_results_come_in_order(tmp_path, monkeypatch):
    """The pool for a JSONL file on Linux: every process (the main one too, up to CALLER_RUNS_MAX
    workers) takes the next span itself; the results are those of scanning in one process, in
    the order of the file, whoever scanned them."""
    import sys

    import scanner.batch.executors as E
    from scanner.batch.worker import _pack, clear_contexts, process_items

    if not sys.platform.startswith("linux"):
        pytest.skip("fork only")
    path, params = _span_job(tmp_path)
    chunks = _span_chunks_of(path)
    assert len(chunks) > 20
    try:
        want = [_pack(process_items(params, ch.records(), "t")) for ch in chunks]
        for workers, env, caller_runs in ((2, "1", True), (3, "1", True), (2, "0", False)):
            monkeypatch.setenv("GOVSCAN_CALLER_RUNS", env)
            ex = E.SpanPool(params, workers)
            try:
                assert ex.caller_runs is caller_runs and ex.pool_size == (workers - 1 if caller_runs else workers)
                got = list(ex.map(chunks))
            finally:
                ex.close()
                ex.reap()
            assert [c.next_pos for c, _ in got] == [c.next_pos for c in chunks]
            # the same lines (a worker's rows come as a shard, the main process's as rows)
            assert [(p.lines, p.n) for _, p in got] == [(w.lines, w.n) for w in want]
            assert b"".join(p.lines for _, p in got).count(b"\n") == 400
            if caller_runs:
                assert 0 < ex.scanned_here < len(chunks)  # both took spans
            else:
                assert ex.scanned_here == 0
    finally:
        clear_contexts()


def test_a_span_pool_worker_that_dies_stops_the_run_with_a_message(tmp_path):
    """A worker killed by the system (out of memory) mid-run: a ScannerError naming it, not a hang;
    what was yielded before is whole."""
    import os
    import signal
    import sys

    import scanner.batch.executors as E
    from scanner.batch.worker import clear_contexts
    from scanner.errors import ScannerError

    if not sys.platform.startswith("linux"):
        pytest.skip("fork only")
    path, params = _span_job(tmp_path, 2000)
    chunks = _span_chunks_of(path, 500)
    try:
        ex = E.SpanPool(params, 2)
        seen = 0
        try:
            with pytest.raises(ScannerError, match="worker process died"):
                for i, _ in enumerate(ex.map(chunks)):
                    seen += 1
                    if i == 3:
                        os.kill(ex._procs[0].pid, signal.SIGKILL)
        finally:
            ex.close()
            ex.reap()
        assert 4 <= seen < len(chunks)
    finally:
        clear_contexts()


def test_a_span_that_fails_in_a_worker_is_raised_in_its_place(tmp_path):
    """The file changed under the run: the worker's SourceChanged reaches the main process, raised
    when its span's turn comes (what comes before it is yielded first)."""
    import sys

    import scanner.batch.executors as E
    from scanner.batch.worker import clear_contexts

    if not sys.platform.startswith("linux"):
        pytest.skip("fork only")
    path, params = _span_job(tmp_path, 300)
    chunks = _span_chunks_of(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut: the spans of the second half no longer exist
    try:
        ex = E.SpanPool(params, 2)
        got = []
        try:
            with pytest.raises(SourceChanged):
                for c, _ in ex.map(chunks):
                    got.append(c.next_pos)
        finally:
            ex.close()
            ex.reap()
        assert got == [c.next_pos for c in chunks[: len(got)]] and 0 < len(got) < len(chunks)
    finally:
        clear_contexts()


def test_a_span_pool_whose_worker_cannot_start_says_so(tmp_path, monkeypatch):
    import sys

    import scanner.batch.executors as E
    import scanner.batch.worker as W
    from scanner.batch.worker import clear_contexts
    from scanner.errors import ScannerError

    if not sys.platform.startswith("linux"):
        pytest.skip("fork only")

    def broken(*a):
        raise RuntimeError("this worker cannot start")

    monkeypatch.setattr(W, "init_worker", broken)
    _, params = _span_job(tmp_path, 10)
    try:
        with pytest.raises(ScannerError, match="failed to start"):
            E.SpanPool(params, 3)
        assert gc.get_freeze_count() == 0
    finally:
        clear_contexts()
