"""``scanner serve``: run the HTTP scan service and the reviewer page with uvicorn.

    scanner serve                                  # 127.0.0.1:8000, bundled lexicons, ./govscan.db
    scanner serve --config /etc/govscan/govscan.toml --host 0.0.0.0 --port 8000 --workers 2

Imports stay light here (the ``scanner`` CLI imports this module for every command); FastAPI
and uvicorn are imported inside :func:`run`.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

__all__ = ["add_arguments", "run"]


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "purge":
        parser.description = ("Delete the stored scans (drafts and their findings) created before a date, as the "
                              "retention rule says. Decisions and sign-offs (the audit trail) and dismissals stay.")
        parser.add_argument("--before", required=True, metavar="YYYY-MM-DD",
                            help="delete scans created before this day (UTC)")
        parser.add_argument("--config", metavar="TOML", help="config file with the [service] db_url")
        parser.add_argument("--db", metavar="URL", help="database (default: the config's, else sqlite:///govscan.db)")
        parser.add_argument("--dry-run", action="store_true", help="only count what would be deleted")
        return
    parser.description = ("Run the HTTP scan service (SPEC section 5) and the reviewer page (/review). "
                          "Options override the [service] table of the config file.")
    parser.add_argument("--config", metavar="TOML", help="config file: scanner keys and a [service] table")
    parser.add_argument("--host", help="address to listen on (default 127.0.0.1; 0.0.0.0 for all interfaces)")
    parser.add_argument("--port", type=int, help="port (default 8000)")
    parser.add_argument("--workers", type=int, help="worker processes (default 1; production: one per core)")
    parser.add_argument("--db", metavar="URL", help="database for scans and decisions (default sqlite:///govscan.db)")
    parser.add_argument("--log-level", default="info", choices=("debug", "info", "warning", "error"))


def _log_config(level: str) -> dict:
    from uvicorn.config import LOGGING_CONFIG

    cfg = {**LOGGING_CONFIG, "handlers": dict(LOGGING_CONFIG["handlers"]), "loggers": dict(LOGGING_CONFIG["loggers"])}
    cfg["formatters"] = {**LOGGING_CONFIG["formatters"],
                         "govscan": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}}
    cfg["handlers"]["govscan"] = {"class": "logging.StreamHandler", "formatter": "govscan", "stream": "ext://sys.stderr"}
    cfg["loggers"]["govscan"] = {"handlers": ["govscan"], "level": level.upper(), "propagate": False}
    return cfg


def _raise_open_files_limit(connections: int) -> None:
    """Each connection is a file descriptor: raise the soft limit (often 1,024) toward the hard
    one so that ``max_connections`` idle clients cannot take every descriptor (the documented
    systemd unit sets ``LimitNOFILE`` for the hard limit)."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = connections + 256  # database, spool, extraction workers, log files
        if soft != resource.RLIM_INFINITY and soft < want:
            new = want if hard == resource.RLIM_INFINITY else min(want, hard)
            if new > soft:
                resource.setrlimit(resource.RLIMIT_NOFILE, (new, hard))
            if new < want:
                print(f"govscan: only {new} file descriptors (hard limit): fewer than max_connections + 256; "
                      "raise LimitNOFILE", file=sys.stderr)
    except (ImportError, ValueError, OSError):
        pass


def _purge(args: argparse.Namespace) -> int:
    from datetime import date

    from scanner.errors import ConfigError

    from .settings import ServiceSettings, load_config_file
    from .store import Store

    try:
        day = date.fromisoformat(args.before)
    except ValueError:
        raise ConfigError(f"--before must be a date YYYY-MM-DD, not {args.before!r}") from None
    settings = load_config_file(args.config)[1] if args.config else ServiceSettings()
    url = args.db or settings.with_env().db_url
    store = Store(url, spool_dir=settings.spool_dir)
    try:
        n = store.purge_scans(day.isoformat(), dry_run=args.dry_run)
    finally:
        store.close()
    print(f"scanner purge: {n} stored scan(s) created before {day.isoformat()} "
          f"{'would be' if args.dry_run else ''} deleted".replace("  ", " "), file=sys.stderr)
    return 0


def run(name: str, args: argparse.Namespace) -> int:
    if name == "purge":
        return _purge(args)
    from scanner.errors import ConfigError

    from .settings import ServiceSettings, load_config_file

    if args.config:
        path = Path(args.config).resolve()
        _, settings = load_config_file(path)  # fail fast (exit 2) on a bad file
        os.environ["GOVSCAN_CONFIG"] = str(path)
    else:
        settings = ServiceSettings()
        os.environ.pop("GOVSCAN_CONFIG", None)
    if args.db:
        os.environ["GOVSCAN_DB_URL"] = args.db
    settings = settings.with_env()
    host = args.host or settings.host
    port = settings.port if args.port is None else args.port
    workers = settings.workers if args.workers is None else args.workers
    if workers < 1 or not 0 <= port < 65536:
        raise ConfigError("--workers must be at least 1 and --port 0..65535")

    # read deadlines for the protocol class, in this process and in the workers it starts
    os.environ["GOVSCAN_HEADER_TIMEOUT"] = str(settings.header_timeout)
    os.environ["GOVSCAN_BODY_TIMEOUT"] = str(settings.body_timeout)
    _raise_open_files_limit(settings.max_connections)

    import uvicorn

    from .protocol import GuardedHttpToolsProtocol

    metrics_dir = None
    if workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        metrics_dir = tempfile.mkdtemp(prefix="govscan-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    print(f"govscan: reviewer page http://{shown}:{port}/review · API docs http://{shown}:{port}/docs · "
          f"{workers} worker(s) · database {settings.db_url.split('://', 1)[0]}"
          f"{' · tokens required' if settings.auth_enabled else ' · no tokens (open: keep it on loopback)'}",
          file=sys.stderr, flush=True)
    try:
        uvicorn.run("service.app:create_app", factory=True, host=host, port=port, workers=workers,
                    log_config=_log_config(args.log_level), log_level=args.log_level, access_log=False,
                    server_header=False, timeout_graceful_shutdown=10, http=GuardedHttpToolsProtocol,
                    limit_concurrency=settings.max_connections, timeout_keep_alive=5)
    finally:
        if metrics_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0
