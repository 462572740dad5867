"""``scanner rescan`` and ``scanner report`` (hooked into :mod:`scanner.cli` through its
EXTENSIONS table). Top-level imports stay light: every ``scanner`` command imports this module
to build its parser.

    scanner rescan SOURCE --out RESULTS [--workers N] [--engine spark] [--changed-since VERSION]
    scanner report RESULTS [--html FILE]

Exit status of ``rescan``: 0 no ``block`` result, 1 some result is ``block``, 2 usage error or
unreadable source, 3 stopped by a failure (a worker killed by the system, a failed Spark job),
130 interrupted; after 3 or 130 the same command continues.
"""
from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_BLOCK, EXIT_USAGE, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


def _names(value: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in value.split(",") if n.strip())
    if not names:
        raise argparse.ArgumentTypeError("give at least one field name")
    return names


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "rescan":
        _rescan_arguments(parser)
    elif name == "report":
        _report_arguments(parser)


def _rescan_arguments(p: argparse.ArgumentParser) -> None:
    p.description = ("Re-scan an archive: a JSONL or CSV file, a folder of .txt/.html/.docx files, or a SQL query. "
                     "Resumable: after an interruption (even kill -9) the same command continues where it stopped.")
    p.add_argument("source", metavar="SOURCE",
                   help="posts.jsonl | posts.csv | FOLDER | sqlite:///archive.db | postgresql://… (with --query)")
    p.add_argument("--out", metavar="RESULTS", required=True,
                   help="results folder: results.jsonl, results.sqlite (created if needed)")
    p.add_argument("--query", metavar="SQL", help="for a database SOURCE: SELECT id, text, … FROM … ORDER BY …")
    p.add_argument("--format", dest="fmt", choices=("jsonl", "csv", "tsv"), help="file format (default: from suffix)")
    p.add_argument("--encoding", help="CSV encoding (default: detected; UTF-8 or GB18030)")
    g = p.add_argument_group("fields (comma-separated names; the first present wins)")
    g.add_argument("--id-field", type=_names, default=None, help="default: id")
    g.add_argument("--text-field", type=_names, default=None, help="default: text,content")
    g.add_argument("--title-field", type=_names, default=None, help="default: title")
    g.add_argument("--date-field", type=_names, default=None,
                   help="default: published_at,publish_time,pub_date,date,time,created_at,year")
    g.add_argument("--account-field", type=_names, default=None, help="default: account,source,author,office,site")
    p.add_argument("--config", metavar="TOML",
                   help="config file: the scanner's keys, and a [rescan] table with defaults for these options")
    p.add_argument("--workers", type=int, default=None, help="processes (default: every core; 1: no pool)")
    p.add_argument("--engine", choices=("processes", "spark"), default=None,
                   help="processes on this machine (default), or Spark executors (pip install 'govscan[spark]')")
    p.add_argument("--spark-master", metavar="URL", help="e.g. local[2], spark://host:7077, yarn (default: local[*])")
    p.add_argument("--changed-since", metavar="LEXICON_VERSION",
                   help="RESULTS holds a finished re-scan with this lexicon version: re-scan only the records the "
                        "current lexicon can change (or say why that cannot be known)")
    p.add_argument("--restart", action="store_true", help="discard the results in RESULTS and start over")
    p.add_argument("--store-text", choices=("findings", "all", "none"), default=None,
                   help="keep the text in results.sqlite: of posts with findings (default), of all, or none")
    p.add_argument("--commit-interval", type=float, default=None, metavar="SECONDS",
                   help="commit finished records at least this often (default 1)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar on standard error (default: when it is a terminal)")
    p.add_argument("--json", action="store_true", help="print a JSON summary on standard output")


#: The ``[rescan]`` table of the config file: key → (option attribute, what it takes). Each value
#: is the default of its command-line option; the option, when given, wins.
_TABLE_KEYS = {
    "query": ("query", str), "format": ("fmt", ("jsonl", "csv", "tsv")), "encoding": ("encoding", str),
    "id_field": ("id_field", "names"), "text_field": ("text_field", "names"), "title_field": ("title_field", "names"),
    "date_field": ("date_field", "names"), "account_field": ("account_field", "names"),
    "workers": ("workers", int), "engine": ("engine", ("processes", "spark")), "spark_master": ("spark_master", str),
    "store_text": ("store_text", ("findings", "all", "none")), "commit_interval": ("commit_interval", float),
}


def rescan_table(path: str) -> dict:
    """Option defaults from the ``[rescan]`` table of a config file, keyed by option attribute;
    an unknown key or a wrong value is a :class:`~scanner.errors.ConfigError` (exit 2)."""
    from ..config import read_toml
    from ..errors import ConfigError

    table = read_toml(path).get("rescan", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [rescan] must be a table")
    unknown = sorted(set(table) - set(_TABLE_KEYS))
    if unknown:
        raise ConfigError(f"{path}: unknown [rescan] key(s): {', '.join(unknown)} "
                          f"(known: {', '.join(_TABLE_KEYS)})")
    out = {}
    for key, value in table.items():
        attr, kind = _TABLE_KEYS[key]
        if kind == "names":  # "body,content" or ["body", "content"]
            names = value.split(",") if isinstance(value, str) else value
            if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
                raise ConfigError(f"{path}: [rescan] {key} must be a field name, or a list of them")
            value = tuple(n.strip() for n in names)
        elif isinstance(kind, tuple):
            if value not in kind:
                raise ConfigError(f"{path}: [rescan] {key} must be one of {', '.join(kind)}, not {value!r}")
        elif kind is float:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ConfigError(f"{path}: [rescan] {key} must be a number of seconds, not {value!r}")
            value = float(value)
        elif kind is int:
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError(f"{path}: [rescan] {key} must be a positive integer, not {value!r}")
        elif not isinstance(value, str) or not value.strip():
            raise ConfigError(f"{path}: [rescan] {key} must be a non-empty string, not {value!r}")
        out[attr] = value
    return out


def _report_arguments(p: argparse.ArgumentParser) -> None:
    p.description = "Write the patrol record (巡查记录) of a re-scan as one self-contained HTML file with charts."
    p.add_argument("results", metavar="RESULTS", help="the --out folder of `scanner rescan` (or its results.sqlite)")
    p.add_argument("--html", metavar="FILE", help="output file (default: RESULTS/report.html)")
    p.add_argument("--title", help="report title (default: 政务新媒体内容安全巡查记录)")
    p.add_argument("--org", help="the office doing the patrol, printed in the header")
    p.add_argument("--scope", help="what was patrolled, in words (e.g. 本单位政务微信公众号2023年全部推文)")
    p.add_argument("--top", type=int, default=20, help="how many of the worst posts to show (default 20)")
    p.add_argument("--no-mask", dest="mask", action="store_false",
                   help="show personal data in full (default: masked as 138****5678 in the report)")


def run(name: str, args: argparse.Namespace) -> int:
    if name == "rescan":
        return _run_rescan(args)
    if name == "report":
        return _run_report(args)
    return EXIT_USAGE


def _run_rescan(args: argparse.Namespace) -> int:
    import orjson

    from ..config import ScannerConfig
    from .runner import RescanOptions, rescan
    from .sources import Fields, is_database

    table = rescan_table(args.config) if args.config else {}
    if "query" in table and not is_database(args.source):
        del table["query"]  # the file's query is for its database; a file SOURCE has its own records
    for key, value in table.items():  # the file's [rescan] values stand in for options not given
        if getattr(args, key) is None:
            setattr(args, key, value)
    defaults = Fields()
    fields = Fields(id=args.id_field or defaults.id, text=args.text_field or defaults.text,
                    title=args.title_field or defaults.title, date=args.date_field or defaults.date,
                    account=args.account_field or defaults.account)
    if args.workers is not None and args.workers < 1:
        print("scanner: error: --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    commit_interval = 1.0 if args.commit_interval is None else args.commit_interval
    if commit_interval < 0:
        print("scanner: error: --commit-interval must not be negative", file=sys.stderr)
        return EXIT_USAGE
    config = ScannerConfig.from_file(args.config) if args.config else ScannerConfig()
    opts = RescanOptions(source=args.source, out=args.out, query=args.query, fmt=args.fmt, encoding=args.encoding,
                         fields=fields, config=config, workers=args.workers, engine=args.engine or "processes",
                         spark_master=args.spark_master, changed_since=args.changed_since, restart=args.restart,
                         store_text=args.store_text or "findings", commit_interval=commit_interval,
                         progress=args.progress)
    from ..errors import ConfigError, InputError, LexiconError, ScannerError

    try:
        stats = rescan(opts)
    except (InputError, ConfigError, LexiconError):
        raise  # usage errors: exit 2 in scanner.cli
    except ScannerError as e:
        print(f"scanner rescan: stopped: {e}", file=sys.stderr)
        return EXIT_FAILED
    if stats.status == "interrupted":
        print(f"scanner rescan: interrupted after {stats.records:,} records; run the same command to continue",
              file=sys.stderr)
    elif stats.status == "finished":
        mode = f"{stats.engine}, {stats.scan_seconds:.1f} s, {stats.records_per_s:,.0f} records/s, " \
               f"{stats.mb_per_s:.1f} MB/s"
        carried = f", {stats.carried:,} carried over unchanged" if stats.carried else ""
        print(f"scanner rescan: {stats.records:,} records ({stats.processed_now:,} in this run{carried}): "
              f"{stats.block:,} block, {stats.review:,} review, {stats.passed:,} pass, {stats.errors:,} errors · "
              f"{mode} → {stats.out}", file=sys.stderr)
    if args.json:
        sys.stdout.write(orjson.dumps(stats.as_dict()).decode() + "\n")
    if stats.status == "interrupted":
        return EXIT_INTERRUPTED
    if stats.status == "already-finished":
        # nothing was scanned: the run's own exit status said it the first time
        print(f"scanner rescan: nothing to do; the results stand as they are ({stats.block:,} block, "
              f"{stats.review:,} review, {stats.passed:,} pass) → {stats.out}", file=sys.stderr)
        return EXIT_OK
    return EXIT_BLOCK if stats.block else EXIT_OK


def _run_report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .report import write_report
    from .store import find_db

    db = find_db(args.results)
    out = Path(args.html) if args.html else db.parent / "report.html"
    write_report(db, out, title=args.title, org=args.org, top=args.top, mask=args.mask, scope=args.scope)
    print(f"scanner report: wrote {out}", file=sys.stderr)
    return EXIT_OK
