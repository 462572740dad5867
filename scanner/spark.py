"""Scanning on Apache Spark: a DataFrame column in, findings out as a DataFrame.

    from scanner.spark import scan_dataframe, scan_results
    findings = scan_dataframe(posts, text_col="text", id_col="id")     # one row per finding
    results = scan_results(posts, text_col="text", id_col="id")        # one row per post

Both run through ``mapInPandas``: every executor's Python worker builds one :class:`Scanner`
(on its first batch; the cache below lives in this importable module, so it survives between
tasks of a reused worker) and scans Arrow batches of rows.

Also a job for ``spark-submit`` (see docs/RESCAN.md)::

    spark-submit … $(python -c 'import scanner.spark as m; print(m.__file__)') \\
        --input posts.parquet --text-col text --id-col id --output findings.parquet

pyspark and pandas are imported only inside functions: ``import scanner.spark`` is cheap.
"""
from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # this file also runs as spark-submit's main script: no relative imports at the top
    from scanner.config import ScannerConfig

__all__ = ["FINDING_FIELDS", "get_spark", "main", "scan_dataframe", "scan_results"]

#: The finding columns of :func:`scan_dataframe` (SPEC section 2), with their Spark types.
FINDING_FIELDS: tuple[tuple[str, str], ...] = (
    ("start", "int"), ("end", "int"), ("text", "string"), ("category", "string"), ("type", "string"),
    ("severity", "string"), ("rule", "string"), ("message", "string"), ("suggestion", "string"),
    ("basis", "string"), ("score", "double"), ("verdict", "string"), ("lexicon_version", "string"),
)

# ------------------------------------------------------------------------- per-process Scanner
_SCANNERS: dict[str, Any] = {}
_BUILDS = 0


def _scanner(config: ScannerConfig | None):
    """The Scanner of this Python process for ``config``: built on first use, then reused."""
    global _BUILDS
    key = repr(config)
    s = _SCANNERS.get(key)
    if s is None:
        from scanner.core import Scanner

        s = Scanner(config) if config is not None else Scanner()
        _SCANNERS[key] = s
        _BUILDS += 1
    return s


def _probe(config: ScannerConfig | None, batches: Iterator[Any]) -> Iterator[Any]:
    """(pid, scanners built in this process) for each batch: lets a test check "one Scanner per
    executor process, built once"."""
    import pandas as pd

    for pdf in batches:
        _scanner(config)
        yield pd.DataFrame({"pid": [os.getpid()] * len(pdf), "builds": [_BUILDS] * len(pdf)})


# ------------------------------------------------------------------------- session
def get_spark(master: str | None = None, app_name: str = "govscan"):
    """The active SparkSession, or a new one. Returns ``(spark, created)``.

    For a local master this sets what local runs need when it is not set already: the workers'
    Python is this interpreter (``PYSPARK_PYTHON``) and Spark binds to 127.0.0.1.
    """
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        from scanner.errors import ConfigError

        raise ConfigError("Spark needs pyspark: pip install 'govscan[spark]' (and Java 17)") from None
    active = SparkSession.getActiveSession()
    if active is not None and (master is None or active.sparkContext.master == master):
        return active, False
    local = master is None or master.startswith("local")
    if local:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    b = SparkSession.builder.appName(app_name)
    if master is not None:
        b = b.master(master)
    elif "PYSPARK_SUBMIT_ARGS" not in os.environ and "SPARK_HOME" not in os.environ:
        b = b.master("local[*]")
    b = b.config("spark.sql.execution.arrow.pyspark.enabled", "true")
    if local:
        b = b.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
    spark = b.getOrCreate()
    if local:
        spark.sparkContext.setLogLevel("ERROR")
    return spark, True


# ------------------------------------------------------------------------- DataFrame API
def _published_of(value: Any) -> int | None:
    """The publication year of a date cell (a date, a timestamp, or a string ``normalise_date``
    reads); None for an empty or unreadable cell (archives hold both: the text is still scanned)."""
    if value is None or value != value:  # None, NaN, NaT
        return None
    if hasattr(value, "year") and isinstance(value.year, int):  # date, datetime, pandas Timestamp
        return value.year
    from scanner.dates import normalise_date

    d = normalise_date(value)
    return int(d[:4]) if d else None


def _dates(pdf, date_col: str | None, n: int) -> list:
    return [_published_of(v) for v in pdf[date_col].tolist()] if date_col else [None] * n


def _finding_rows(config, text_col: str, id_col: str | None, keep: Sequence[str], date_col: str | None,
                  batches: Iterator[Any]) -> Iterator[Any]:
    import pandas as pd

    scanner = _scanner(config)
    head = ([id_col] if id_col else []) + list(keep)
    cols = head + [n for n, _ in FINDING_FIELDS]
    for pdf in batches:
        out: list[tuple] = []
        texts = pdf[text_col].tolist()
        lead = [pdf[c].tolist() for c in head]
        dates = _dates(pdf, date_col, len(texts))
        for i, text in enumerate(texts):
            if not isinstance(text, str) or not text:
                continue
            r = scanner.scan(text, published=dates[i])
            if not r.findings:
                continue
            pre = tuple(col[i] for col in lead)
            for f in r.findings:
                out.append(pre + (f.start, f.end, f.text, f.category, f.type, f.severity, f.rule, f.message,
                                  f.suggestion, f.basis, f.score, r.verdict, r.lexicon_version))
        df = pd.DataFrame(out, columns=cols)
        yield df.astype({"start": "int32", "end": "int32", "score": "float64"}) if out else df


def _result_rows(config, text_col: str, id_col: str | None, keep: Sequence[str], date_col: str | None,
                 batches: Iterator[Any]) -> Iterator[Any]:
    import orjson
    import pandas as pd

    scanner = _scanner(config)
    head = ([id_col] if id_col else []) + list(keep)
    cols = head + ["verdict", "n_findings", "n_block", "findings", "lexicon_version", "error"]
    for pdf in batches:
        out: list[tuple] = []
        texts = pdf[text_col].tolist()
        lead = [pdf[c].tolist() for c in head]
        dates = _dates(pdf, date_col, len(texts))
        for i, text in enumerate(texts):
            pre = tuple(col[i] for col in lead)
            if not isinstance(text, str):
                reason = f"no text in {text_col!r}" if text is None else f"{text_col!r} is not a string"
                out.append(pre + (None, 0, 0, None, scanner.lexicon_version, reason))
                continue
            r = scanner.scan(text, published=dates[i])
            nb = sum(1 for f in r.findings if f.severity == "block")
            out.append(pre + (r.verdict, len(r.findings), nb,
                              orjson.dumps([f.to_dict() for f in r.findings]).decode(), r.lexicon_version, None))
        df = pd.DataFrame(out, columns=cols)
        yield df.astype({"n_findings": "int32", "n_block": "int32"}) if out else df


def _schema(df, text_col: str, id_col: str | None, keep: Sequence[str], tail: Iterable[tuple[str, str]],
            date_col: str | None = None):
    from pyspark.sql.types import (
        DoubleType,
        IntegerType,
        StringType,
        StructField,
        StructType,
    )

    types = {"int": IntegerType(), "string": StringType(), "double": DoubleType()}
    names = df.columns
    for c in [text_col] + ([id_col] if id_col else []) + list(keep) + ([date_col] if date_col else []):
        if c not in names:
            raise ValueError(f"no column {c!r} in the DataFrame (columns: {', '.join(names)})")
    head = ([id_col] if id_col else []) + list(keep)
    tail = list(tail)
    clash = set(head) & {n for n, _ in tail}
    if clash:
        raise ValueError(f"columns {sorted(clash)} clash with the output columns; rename them first")
    fields = [df.schema[c] for c in head] + [StructField(n, types[t], True) for n, t in tail]
    return StructType(fields)


def scan_dataframe(df, text_col: str = "text", id_col: str | None = "id", *, keep: Sequence[str] = (),
                   date_col: str | None = None,
                   config: ScannerConfig | None = None):
    """Findings of every row's ``text_col``, one row per finding (SPEC section 2 columns, plus the
    post's ``verdict`` and the ``lexicon_version``), led by ``id_col`` and the ``keep`` columns.
    Rows without findings produce no rows. ``date_col``: the posts' publication dates (an
    outdated name in a post published before its change is history: ``Scanner.scan(published=)``)."""
    id_col = id_col if id_col and id_col in df.columns else None
    schema = _schema(df, text_col, id_col, keep, FINDING_FIELDS, date_col)
    cols = ([text_col] + ([id_col] if id_col else []) + [c for c in keep if c not in (text_col, id_col)]
            + ([date_col] if date_col else []))
    fn = functools.partial(_finding_rows, config, text_col, id_col, tuple(keep), date_col)
    return df.select(*dict.fromkeys(cols)).mapInPandas(fn, schema)


RESULT_FIELDS = (("verdict", "string"), ("n_findings", "int"), ("n_block", "int"), ("findings", "string"),
                 ("lexicon_version", "string"), ("error", "string"))


def scan_results(df, text_col: str = "text", id_col: str | None = "id", *, keep: Sequence[str] = (),
                 date_col: str | None = None,
                 config: ScannerConfig | None = None):
    """One row per input row: ``verdict``, ``n_findings``, ``n_block``, ``findings`` (the SPEC
    JSON array as a string), ``lexicon_version`` and ``error`` (set when the text is missing);
    ``date_col`` as for :func:`scan_dataframe`."""
    id_col = id_col if id_col and id_col in df.columns else None
    schema = _schema(df, text_col, id_col, keep, RESULT_FIELDS, date_col)
    cols = ([text_col] + ([id_col] if id_col else []) + [c for c in keep if c not in (text_col, id_col)]
            + ([date_col] if date_col else []))
    fn = functools.partial(_result_rows, config, text_col, id_col, tuple(keep), date_col)
    return df.select(*dict.fromkeys(cols)).mapInPandas(fn, schema)


# ------------------------------------------------------------------------- spark-submit job
def main(argv: Sequence[str] | None = None) -> int:
    """``spark-submit scanner/spark.py --input … --output …``: read posts with Spark, write the
    findings (or, with ``--results``, one result per post) as Parquet or JSON."""
    import argparse

    p = argparse.ArgumentParser(prog="scanner.spark", description="scan a Spark dataset of posts")
    p.add_argument("--input", required=True, help="path or URI Spark can read (hdfs://, s3a://, file:…)")
    p.add_argument("--input-format", default=None, help="json, parquet, csv, orc (default: from the suffix)")
    p.add_argument("--text-col", default="text")
    p.add_argument("--id-col", default="id")
    p.add_argument("--keep", default="", help="comma-separated columns to copy into the output")
    p.add_argument("--date-col", default=None, help="the posts' publication dates (outdated names before a change are history)")
    p.add_argument("--output", required=True)
    p.add_argument("--output-format", default="parquet", choices=("parquet", "json", "csv", "orc"))
    p.add_argument("--results", action="store_true", help="one row per post instead of one per finding")
    p.add_argument("--config", help="scanner TOML config (lexicon folders must exist on every executor)")
    p.add_argument("--master", default=None, help="only when not started by spark-submit")
    p.add_argument("--partitions", type=int, default=0, help="repartition the input first (0: keep)")
    args = p.parse_args(argv)
    from scanner.config import ScannerConfig

    config = ScannerConfig.from_file(args.config) if args.config else None
    spark, _ = get_spark(args.master, app_name="govscan scan")
    fmt = args.input_format or os.path.splitext(args.input.rstrip("/"))[1].lstrip(".").replace("jsonl", "json") \
        or "parquet"
    reader = spark.read.format(fmt)
    if fmt == "csv":
        reader = reader.option("header", "true").option("multiLine", "true").option("escape", '"')
    df = reader.load(args.input)
    if args.partitions:
        df = df.repartition(args.partitions)
    keep = [c for c in args.keep.split(",") if c.strip()]
    out = (scan_results if args.results else scan_dataframe)(df, args.text_col, args.id_col, keep=keep, config=config,
                                                                   date_col=args.date_col)
    out.write.mode("overwrite").format(args.output_format).save(args.output)
    n = spark.read.format(args.output_format).load(args.output).count()
    print(f"scanner.spark: wrote {n} {'results' if args.results else 'findings'} to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover - spark-submit entry
    # Run the installed module, not this file as ``__main__``: functions of ``__main__`` would be
    # shipped to the executors by value, and the per-process Scanner cache with them.
    _here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]
    import scanner.spark as _module  # noqa: PLW0406 - on purpose: the installed module, not __main__

    sys.exit(_module.main())
