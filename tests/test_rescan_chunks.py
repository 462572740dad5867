"""How `scanner rescan` hands records to its workers and commits them (issue 14, "archive at
scale"): guided chunk sizes, commits bounded by records, the collector frozen only for the run.
Real runs with real worker pools; the chunking itself on real records."""
from __future__ import annotations

import gc
import json
import sqlite3
from pathlib import Path

from scanner import ScannerConfig
from scanner.batch.runner import MIN_CHUNK_BYTES, RescanOptions, _chunks, rescan
from scanner.batch.sources import RawRecord
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
    assert max(sizes) >= total // 10  # big in the middle: what is left over 4 per worker
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
    assert chunks[0].nbytes <= 400_000 // 8 + 4000


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
