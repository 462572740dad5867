"""Spark: `scanner.spark` on a real local[2] session (one per module), `scanner rescan --engine
spark` and `spark-submit scanner/spark.py` as real subprocesses. Skips with a message when Java
or pyspark is missing."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURE_LEX, scanner_cmd

if shutil.which("java") is None:
    pytest.skip("Spark tests need Java 17 on PATH (scripts/test installs openjdk-17-jre-headless)",
                allow_module_level=True)
for mod in ("pyspark", "pandas", "pyarrow"):
    if importlib.util.find_spec(mod) is None:
        pytest.skip(f"Spark tests need {mod}: pip install 'govscan[spark]'", allow_module_level=True)

from scanner import Scanner, ScannerConfig
from scanner.batch.runner import RescanOptions, rescan

TEXTS = ["台湾总统发表讲话。", "咨询电话13812345678，严禁赌博。", "全县生产总值增长6.5%。", "北朝鲜代表团抵达，村长说。",
         "路口交通秩序良好。", ""]


def spark_env() -> dict[str, str]:
    return {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable,
            "SPARK_LOCAL_IP": "127.0.0.1"}


@pytest.fixture(scope="module")
def config() -> ScannerConfig:
    return ScannerConfig(bundled_lexicons=False, lexicon_dirs=(str(FIXTURE_LEX),))


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from scanner.spark import get_spark

    session, created = get_spark("local[2]", app_name="govscan tests")
    yield session
    if created:
        session.stop()


@pytest.fixture(scope="module")
def posts(spark):
    rows = [(f"p{i}", TEXTS[i % len(TEXTS)] * (1 + i % 3), "县融媒" if i % 2 else "某镇") for i in range(120)]
    rows.append(("p-null", None, "某镇"))
    return spark.createDataFrame(rows, "id string, text string, account string").cache()


def test_scan_dataframe_gives_the_scanners_findings(spark, posts, config):
    from scanner.spark import FINDING_FIELDS, scan_dataframe

    df = scan_dataframe(posts, "text", "id", keep=["account"], config=config)
    assert df.columns == ["id", "account"] + [n for n, _ in FINDING_FIELDS]
    got = sorted((r.id, r.start, r.end, r.rule, r.severity, r.verdict, r.account) for r in df.collect())
    s = Scanner(config)
    expect = []
    for r in posts.collect():
        if r.text:
            res = s.scan(r.text)
            expect += [(r.id, f.start, f.end, f.rule, f.severity, res.verdict, r.account) for f in res.findings]
    assert got == sorted(expect) and len(got) > 100


def test_scan_results_one_row_per_post(spark, posts, config):
    from scanner.spark import scan_results

    rows = {r.id: r for r in scan_results(posts, config=config).collect()}
    assert len(rows) == 121
    assert rows["p-null"].error == "no text in 'text'" and rows["p-null"].verdict is None
    s = Scanner(config)
    for r in posts.collect():
        if r.text is not None:
            res = s.scan(r.text)
            assert rows[r.id].verdict == res.verdict
            assert json.loads(rows[r.id].findings) == [f.to_dict() for f in res.findings]


def test_one_scanner_per_executor_process_built_once(spark, posts, config):
    import functools

    from scanner.spark import _probe

    probe = functools.partial(_probe, config)
    many = spark.range(0, 240, 1, numPartitions=12)
    seen = many.mapInPandas(probe, "pid long, builds long").collect()
    seen += many.mapInPandas(probe, "pid long, builds long").collect()
    builds = {}
    for r in seen:
        builds[r.pid] = max(builds.get(r.pid, 0), r.builds)
    assert builds and set(builds.values()) == {1}, builds  # 24 tasks, yet each process built one Scanner


def _write_posts(path: Path, n: int = 300) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"p{i}", "text": TEXTS[i % len(TEXTS)] * (1 + i % 4)}, ensure_ascii=False) + "\n")
        f.write("{broken\n")


def test_rescan_engine_spark_cli_equals_processes(spark, tmp_path, config, capsys):
    """`scanner rescan --engine spark` (the CLI entry, in this process so that it joins the
    module's local[2] session instead of starting another JVM) writes what the pool writes."""
    from scanner.cli import main

    src = tmp_path / "posts.jsonl"
    _write_posts(src)
    cfg = tmp_path / "scanner.toml"
    cfg.write_text(f'bundled_lexicons = false\nlexicon_dirs = ["{FIXTURE_LEX}"]\n', encoding="utf-8")
    rc = main(["rescan", str(src), "--out", str(tmp_path / "spark"), "--config", str(cfg), "--engine", "spark",
               "--spark-master", spark.sparkContext.master, "--json"])
    assert rc == 1
    stats = json.loads(capsys.readouterr().out)
    assert stats["engine"] == "Spark local[2] (2 slots)" and stats["records"] == 301 and stats["errors"] == 1
    assert spark.sparkContext._jsc is not None  # the shared session was not stopped by the command
    ref = rescan(RescanOptions(str(src), tmp_path / "procs", config=config, workers=2, log=lambda m: None))
    assert ref.records == 301
    assert (tmp_path / "spark/results.jsonl").read_bytes() == (tmp_path / "procs/results.jsonl").read_bytes()


def test_rescan_engine_spark_folder_in_process(spark, tmp_path, config):
    """Files are extracted on the executors; a corrupt .docx is an error line there too."""
    src = tmp_path / "archive"
    src.mkdir()
    (src / "a.html").write_text("<html><body><div id='js_content'><p>台湾总统发表讲话</p></div></body></html>",
                                encoding="utf-8")
    (src / "b.txt").write_text("严禁赌博", encoding="utf-8")
    (src / "c.docx").write_bytes(b"not a zip")
    quiet = lambda m: None
    a = rescan(RescanOptions(str(src), tmp_path / "s", config=config, engine="spark", log=quiet))
    b = rescan(RescanOptions(str(src), tmp_path / "p", config=config, workers=1, log=quiet))
    assert a.records == b.records == 3 and a.errors == 1
    assert (tmp_path / "s/results.jsonl").read_bytes() == (tmp_path / "p/results.jsonl").read_bytes()
    first = json.loads((tmp_path / "s/results.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["findings"][0]["element_path"].endswith("div#js_content>p")


def test_spark_submit_the_module_file(tmp_path):
    """What docs/RESCAN.md tells a cluster user to run, here with master local[2]."""
    submit = shutil.which("spark-submit", path=str(Path(sys.executable).parent)) or shutil.which("spark-submit")
    if submit is None:
        pytest.skip("spark-submit not found (it comes with pip install pyspark)")
    import scanner.spark

    src = tmp_path / "posts.jsonl"
    _write_posts(src, 60)
    out = tmp_path / "findings"
    p = subprocess.run([submit, "--master", "local[2]", scanner.spark.__file__, "--input", str(src),
                        "--output", str(out), "--output-format", "json"],
                       capture_output=True, timeout=300, env=spark_env(), cwd=tmp_path)
    assert p.returncode == 0, p.stderr.decode()[-3000:]
    rows = [json.loads(x) for f in sorted(out.glob("part-*.json")) for x in f.read_text(encoding="utf-8").splitlines()]
    s = Scanner()
    expect = sum(len(s.scan(json.loads(x)["text"]).findings)
                 for x in src.read_text(encoding="utf-8").splitlines() if x.startswith('{"id"'))
    assert len(rows) == expect > 0
    assert {"id", "start", "end", "rule", "severity", "verdict"} <= set(rows[0])


def test_rescan_engine_spark_reads_a_postgresql_archive(tmp_path, postgres_url):
    """`scanner rescan postgresql+psycopg://… --query … --engine spark`: the driver streams the
    rows, the executors scan them, one result per row in the query's order."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(sqlalchemy.text("CREATE TABLE posts (id INTEGER PRIMARY KEY, body TEXT)"))
        conn.execute(sqlalchemy.text("INSERT INTO posts VALUES (:i, :b)"),
                     [{"i": i, "b": "台湾总统发表讲话" if i % 10 == 0 else f"第{i}条通知"} for i in range(1, 301)])
    engine.dispose()
    cfg = tmp_path / "scanner.toml"
    cfg.write_text(f'bundled_lexicons = false\nlexicon_dirs = ["{FIXTURE_LEX}"]\n', encoding="utf-8")
    out = tmp_path / "R"
    p = subprocess.run(scanner_cmd() + ["rescan", postgres_url, "--query", "SELECT id, body AS text FROM posts ORDER BY id",
                                        "--out", str(out), "--engine", "spark", "--spark-master", "local[2]",
                                        "--config", str(cfg)],
                       capture_output=True, timeout=600, env=spark_env())
    assert p.returncode == 1, p.stderr.decode()[-2000:]
    got = [json.loads(x) for x in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in got] == list(range(1, 301))
    assert [r["id"] for r in got if r["verdict"] == "block"] == list(range(10, 301, 10))


def test_a_date_column_makes_outdated_names_history(spark):
    """``date_col``: the bundled outdated rows carry the year of their change; a post published
    before it names the old agency rightly, one published after does not; empty and unreadable
    dates scan as undated posts, a missing column is a clear error."""
    from scanner.spark import scan_dataframe, scan_results

    text = "请市民关注环境保护部发布的空气质量预报。"
    df = spark.createDataFrame([("old", text, "2015-06-01"), ("new", text, "2024年6月"), ("none", text, None),
                                ("junk", text, "昨天")], "id string, text string, published string")
    found = {r["id"]: r["rule"] for r in scan_dataframe(df, date_col="published").collect()}
    assert found == {"new": "outdated.mep", "none": "outdated.mep", "junk": "outdated.mep"}
    verdicts = {r["id"]: r["verdict"] for r in scan_results(df, date_col="published").collect()}
    assert verdicts == {"old": "pass", "new": "review", "none": "review", "junk": "review"}
    with pytest.raises(ValueError, match="no column 'date'"):
        scan_dataframe(df, date_col="date")
