"""Kill a real `scanner rescan` with SIGKILL at two points mid-way, run the same command again,
and check that every input record has exactly one line — none lost, none doubled — byte for byte
what an uninterrupted run writes; and that no worker process outlives the killed parent."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_LEX, scanner_cmd

N = 24_000  # records; about 36 MB, a few seconds of work on two cores

PHRASES = ["全县生产总值增长6.5%，", "农村居民人均可支配收入稳步提高。", "县委召开常委会议，研究部署下一阶段工作。",
           "各乡镇要压实责任，确保安全生产形势稳定。", "持续推进营商环境优化，", "加强生态环境保护，",
           "深入开展主题教育，", "群众满意度明显提升。", "有关部门负责同志参加会议。"]
SPICE = ["台湾总统发表讲话。", "咨询电话13812345678。", "严禁赌博。", "北朝鲜代表团抵达。"]


def make_input(path: Path) -> list[str]:
    """JSONL with duplicate ids, bad lines and blank lines; returns the record keys in order."""
    rng = random.Random(7)
    keys = []
    with open(path, "w", encoding="utf-8") as f:
        lineno = 0
        for i in range(N):
            lineno += 1
            if i % 1000 == 999:
                f.write("{not json\n")
            elif i % 1500 == 1499:
                f.write(json.dumps({"id": f"p{i}"}) + "\n")  # no text
            else:
                parts = [rng.choice(PHRASES) for _ in range(rng.randint(20, 80))]
                if i % 7 == 0:
                    parts.insert(rng.randrange(len(parts)), rng.choice(SPICE))
                ident = f"p{i // 2}"  # every id twice
                f.write(json.dumps({"id": ident, "text": "".join(parts)}, ensure_ascii=False) + "\n")
            keys.append(f"L{lineno}")
            if i % 5000 == 4999:
                f.write("\n")  # blank lines are not records
                lineno += 1
    return keys


def committed(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'next_pos'").fetchone()
            return int(row[0]) if row else 0
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def group_members(pgid: int) -> list[int]:
    pids = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            pids.append(int(d.name))
    return pids


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("resume")
    src = tmp / "posts.jsonl"
    keys = make_input(src)
    cfg = tmp / "scanner.toml"
    cfg.write_text(f'bundled_lexicons = false\nlexicon_dirs = ["{FIXTURE_LEX}"]\n', encoding="utf-8")
    return tmp, src, cfg, keys


def cmd(src: Path, out: Path, cfg: Path) -> list[str]:
    return scanner_cmd() + ["rescan", str(src), "--out", str(out), "--config", str(cfg), "--workers", "2",
                            "--commit-interval", "0.2", "--no-progress"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux) to watch the worker processes")
def test_kill_9_twice_then_resume_gives_exactly_one_line_per_record(job):
    tmp, src, cfg, keys = job
    ref = tmp / "reference"
    p = subprocess.run(cmd(src, ref, cfg), capture_output=True, timeout=600)
    assert p.returncode == 1, p.stderr.decode()  # some results are block
    reference = (ref / "results.jsonl").read_bytes()

    out = tmp / "killed"
    db = out / "results.sqlite"
    seen = 0
    for round_ in range(2):
        proc = subprocess.Popen(cmd(src, out, cfg), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            deadline = time.monotonic() + 120
            while True:  # until this run has committed something new
                n = committed(db)
                if n > seen:
                    break
                assert proc.poll() is None, f"the run ended before it could be killed: {proc.stderr.read().decode()}"
                assert time.monotonic() < deadline, "no commit within 120 s"
                time.sleep(0.02)
            if round_ == 1:
                time.sleep(0.3)  # a later point, likely in the middle of writing
            assert proc.poll() is None, "the run finished before it could be killed; make N larger"
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            assert proc.returncode == -signal.SIGKILL
            # the workers die with their parent (no orphans holding the lock or the CPU)
            deadline = time.monotonic() + 10
            while group_members(proc.pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert group_members(proc.pid) == [], "worker processes outlived the killed parent"
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.stderr.close()
        n = committed(db)
        assert seen < n < len(keys), f"killed at {n} of {len(keys)} records"
        seen = n

    p = subprocess.run(cmd(src, out, cfg), capture_output=True, timeout=600)
    assert p.returncode == 1, p.stderr.decode()
    assert b"continuing an interrupted run" in p.stderr
    data = (out / "results.jsonl").read_bytes()
    rows = [json.loads(line) for line in data.splitlines()]
    assert [r["record"] for r in rows] == keys  # exactly one line per record, in input order
    assert sum("error" in r for r in rows) == sum(1 for i in range(N) if i % 1000 == 999 or i % 1500 == 1499)
    assert data == reference
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*), COUNT(DISTINCT record), MIN(pos), MAX(pos) FROM scans").fetchone() == (
        len(keys), len(keys), 0, len(keys) - 1)
    assert dict(con.execute("SELECT key, value FROM meta"))["status"] == "finished"
