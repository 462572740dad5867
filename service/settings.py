"""Service settings: the ``[service]`` table of the config file, next to the scanner's keys.

    # govscan.toml
    [scanner]                      # ScannerConfig keys (see scanner/config.py)
    bundled_lexicons = true
    lexicon_dirs = ["county-lexicons"]

    [service]
    tokens = ["…"]                 # bearer tokens for /v1/*; none = open (loopback development only)
    admin_token = "…"              # for POST /v1/admin/reload
    db_url = "sqlite:///var/lib/govscan/govscan.db"
    max_chars = 200000             # longest text per scan (413 above)
    max_batch = 100                # most items per batch (413 above)
    max_body_bytes = 16777216      # largest JSON request body (413 above)
    max_upload_bytes = 20971520    # largest uploaded file (413 above)
    store_scans = true             # keep every scan for the reviewer page (/review/{scan_id})
    host = "127.0.0.1"             # defaults for `scanner serve`
    port = 8000
    workers = 1

    file_workers = 1               # extraction worker processes per service worker (uploads read at once)
    file_time_budget = 30          # seconds to read one uploaded file (the worker is stopped past it)
    file_max_memory_mb = 2048      # memory cap (address space) of an extraction worker
    file_max_pictures = 50         # pictures read (OCR) per uploaded file; the rest listed as not read
    file_picture_seconds = 15      # OCR seconds per uploaded file; pictures past it listed as not read
    scan_threads = 4               # scans run in threads, off the event loop; scan_queue more may wait
    scan_queue = 128               # (beyond them: 429 with Retry-After)
    scan_time_budget = 10          # seconds per scan, waiting included (503 scan_timeout past it)
    scan_inline_chars = 5000       # shorter drafts are scanned on the event loop (0: all in the pool)

    approvers = ["李主任"]          # who may approve publication (同意发布); default: any reviewer

    [service.reviewers]            # a reviewer's own token = the name the audit trail records
    "…" = "王审核"                   # (when any is set, decisions and sign-offs need one of these)
    "…" = "李主任"

Environment variables override the file: ``GOVSCAN_TOKENS`` (comma-separated),
``GOVSCAN_ADMIN_TOKEN``, ``GOVSCAN_DB_URL``, ``GOVSCAN_REVIEWERS`` (``token=name`` pairs,
comma-separated). ``GOVSCAN_CONFIG`` names the config file when the app
is built without arguments (``uvicorn --factory service.app:create_app``).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

from scanner.config import ScannerConfig, read_toml
from scanner.errors import ConfigError

__all__ = ["ServiceSettings", "load_config_file", "DEFAULT_DB_URL"]

DEFAULT_DB_URL = "sqlite:///govscan.db"
_CLIENT_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")


@dataclass(frozen=True)
class ServiceSettings:
    tokens: tuple[str, ...] = ()
    admin_token: str | None = None
    db_url: str = DEFAULT_DB_URL
    max_chars: int = 200_000
    max_batch: int = 100
    #: most findings in one answer (and stored result): the most severe are kept, ``truncated`` says
    #: how many more there were; the verdict counts them all
    max_findings: int = 1000
    max_body_bytes: int = 16 * 1024 * 1024
    max_upload_bytes: int = 20 * 1024 * 1024
    store_scans: bool = True
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    reload_check_seconds: float = 2.0
    #: (token, reviewer name) pairs: a reviewer's own token. ``[service.reviewers]`` in the file.
    reviewers: tuple[tuple[str, str], ...] = ()
    #: (token, client name) pairs: each publishing tool's own token (``[service.clients]``). Its scans,
    #: documents and dismissals live in that client's namespace: another client's token cannot read
    #: them (reviewers' tokens read every client's). Tokens in ``tokens`` are the client "default".
    clients: tuple[tuple[str, str], ...] = ()
    #: Names (of ``reviewers``) who may approve publication (同意发布): the supervising leaders.
    #: Empty: any reviewer may approve.
    approvers: tuple[str, ...] = ()
    #: extraction of uploaded files (scanner/files/isolate.py): worker processes, time and memory caps
    file_workers: int = 1
    file_time_budget: float = 30.0
    #: address space, not resident memory: the OCR engine (ONNX Runtime, OpenCV) maps ~0.55 GB on
    #: loading and a 1080p page of long lines peaks at ~1.3 GB (docs/FILES.md "Pictures")
    file_max_memory_mb: int = 2048
    #: the per-request picture budget (OCR): pictures past it are listed ``not_read`` with the reason
    file_max_pictures: int = 50
    file_picture_seconds: float = 15.0
    #: where scans wait, durably, while the database is unavailable (default: beside a SQLite file,
    #: ``<db>.spool/``; for a database server ``$GOVSCAN_SPOOL_DIR`` or ``./govscan-spool``)
    spool_dir: str | None = None
    #: how long a scan request waits for its scan to be stored (database or spool) before 503
    store_timeout: float = 10.0
    #: a request's headers must arrive within this many seconds of the connection, its body within
    #: ``body_timeout`` of the headers (slow and idle clients are closed: service/protocol.py)
    header_timeout: float = 10.0
    body_timeout: float = 30.0
    #: connections and requests a worker takes at once; beyond them it answers 503
    max_connections: int = 2048
    #: scans run in this many threads of each worker, off the event loop (service/scanning.py); at
    #: most ``scan_queue`` more wait for a thread, beyond them the answer is 429 with Retry-After
    scan_threads: int = 4
    scan_queue: int = 128
    #: seconds a scan may take from its acceptance (waiting included): past it the answer is 503
    #: ``scan_timeout`` and the scan stops at its next stage
    scan_time_budget: float = 10.0
    #: drafts up to this many characters (a batch: in all) are scanned on the event loop, not handed
    #: to a thread (a hand-over costs more than such a scan; 0: every scan goes to the pool)
    scan_inline_chars: int = 5_000
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        toks = self.tokens
        if isinstance(toks, str) or not all(isinstance(t, str) and t for t in toks):
            raise ConfigError("service.tokens must be a list of non-empty strings")
        object.__setattr__(self, "tokens", tuple(toks))
        if isinstance(self.reviewers, Mapping):
            pairs = tuple(self.reviewers.items())
        elif isinstance(self.reviewers, (tuple, list)):
            pairs = tuple(self.reviewers)
        else:
            raise ConfigError("[service.reviewers] must be a table: each reviewer's token = the reviewer's name")
        for pair in pairs:
            if (not isinstance(pair, tuple) or len(pair) != 2 or not all(isinstance(x, str) and x.strip() for x in pair)
                    or len(pair[1]) > 100 or pair[0] != pair[0].strip()):
                raise ConfigError("[service.reviewers] maps each reviewer's token to the reviewer's name "
                                  "(non-empty strings without spaces around the token, names up to 100 characters)")
        if self.admin_token is not None and any(t == self.admin_token for t, _ in pairs):
            raise ConfigError("a reviewer's token must not be the admin token")
        if any(t in self.tokens for t, _ in pairs):
            raise ConfigError("a reviewer's token must not also be in service.tokens (whoever holds it would "
                              "decide as that reviewer)")
        object.__setattr__(self, "reviewers", tuple(sorted((t, n.strip()) for t, n in pairs)))
        clients = tuple(self.clients.items()) if isinstance(self.clients, Mapping) else self.clients
        if not isinstance(clients, (tuple, list)):
            raise ConfigError("[service.clients] must be a table: each client's token = the client's name")
        clients = tuple(tuple(c) if isinstance(c, list) else c for c in clients)
        for pair in clients:
            if (not isinstance(pair, tuple) or len(pair) != 2 or not all(isinstance(x, str) for x in pair)
                    or not pair[0] or pair[0] != pair[0].strip() or not _CLIENT_NAME.fullmatch(pair[1])
                    or pair[1] == "default"):
                raise ConfigError("[service.clients] maps each client's token to the client's name (letters, digits, "
                                  "_ . - up to 64; not 'default', the name of the tokens in service.tokens)")
        others = set(self.tokens) | {t for t, _ in self.reviewers} | ({self.admin_token} if self.admin_token else set())
        if any(t in others for t, _ in clients) or len({t for t, _ in clients}) != len(clients):
            raise ConfigError("a client's token must be its own: not another client's, a plain token, a reviewer's "
                              "or the admin token")
        object.__setattr__(self, "clients", tuple(sorted(clients)))
        approvers = self.approvers
        if isinstance(approvers, str) or not all(isinstance(a, str) and a.strip() for a in approvers):
            raise ConfigError("service.approvers must be a list of reviewer names")
        approvers = tuple(a.strip() for a in approvers)
        names = {n for _, n in self.reviewers}
        missing = [a for a in approvers if a not in names]
        if missing:
            raise ConfigError(f"service.approvers names no reviewer of [service.reviewers]: {', '.join(missing)} "
                              "(an approver needs an own token)")
        object.__setattr__(self, "approvers", approvers)
        if self.admin_token is not None and (not isinstance(self.admin_token, str) or not self.admin_token):
            raise ConfigError("service.admin_token must be a non-empty string")
        for name in ("max_chars", "max_batch", "max_findings", "max_connections", "max_body_bytes", "max_upload_bytes",
                     "workers", "file_workers", "file_max_memory_mb", "scan_threads", "file_max_pictures"):
            v = getattr(self, name)
            if not isinstance(v, int) or isinstance(v, bool) or v < 1:
                raise ConfigError(f"service.{name} must be a positive integer, not {v!r}")
        for name in ("file_time_budget", "file_picture_seconds"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not v > 0:
                raise ConfigError(f"service.{name} must be a positive number of seconds, not {v!r}")
        if not isinstance(self.port, int) or not 0 <= self.port < 65536:
            raise ConfigError(f"service.port must be 0..65535, not {self.port!r}")
        if not isinstance(self.db_url, str) or not self.db_url:
            raise ConfigError("service.db_url must be a database URL such as sqlite:///govscan.db")
        if not isinstance(self.store_scans, bool):
            raise ConfigError("service.store_scans must be true or false")
        if self.spool_dir is not None and (not isinstance(self.spool_dir, str) or not self.spool_dir):
            raise ConfigError("service.spool_dir must be a folder path")
        for name in ("scan_queue", "scan_inline_chars"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 0:
                raise ConfigError(f"service.{name} must be an integer ≥ 0, not {v!r}")
        for name in ("store_timeout", "header_timeout", "body_timeout", "scan_time_budget"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not v > 0:
                raise ConfigError(f"service.{name} must be a positive number of seconds, not {v!r}")

    def file_limits(self):
        """The limits uploaded files are read with (the upload size is also the file size limit)."""
        from scanner.files import Limits

        return Limits(max_file_bytes=self.max_upload_bytes, time_budget=float(self.file_time_budget),
                      max_memory_mb=self.file_max_memory_mb, max_chars=max(self.max_chars * 4, 1_000_000),
                      max_pictures=self.file_max_pictures, picture_seconds=float(self.file_picture_seconds))

    @property
    def auth_enabled(self) -> bool:
        return bool(self.tokens or self.reviewers or self.clients)

    @property
    def all_tokens(self) -> tuple[str, ...]:
        """Every token accepted on ``/v1/*``: the plain ones, the clients' and the reviewers' own."""
        return self.tokens + tuple(t for t, _ in self.clients) + tuple(t for t, _ in self.reviewers)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ServiceSettings":
        known = {f.name for f in fields(cls)} - {"extra"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"unknown [service] key(s): {', '.join(unknown)}")
        kw = dict(data)
        for key in ("tokens", "approvers"):
            if key in kw and isinstance(kw[key], list):
                kw[key] = tuple(kw[key])
        for key in ("clients",):
            if key in kw and isinstance(kw[key], list):
                kw[key] = tuple(kw[key])
        return cls(**kw)

    def with_env(self, environ: Mapping[str, str] | None = None) -> "ServiceSettings":
        env = os.environ if environ is None else environ
        kw: dict[str, Any] = {}
        if env.get("GOVSCAN_TOKENS"):
            kw["tokens"] = tuple(t.strip() for t in env["GOVSCAN_TOKENS"].split(",") if t.strip())
        if env.get("GOVSCAN_ADMIN_TOKEN"):
            kw["admin_token"] = env["GOVSCAN_ADMIN_TOKEN"]
        if env.get("GOVSCAN_DB_URL"):
            kw["db_url"] = env["GOVSCAN_DB_URL"]
        if env.get("GOVSCAN_SPOOL_DIR"):
            kw["spool_dir"] = env["GOVSCAN_SPOOL_DIR"]
        for var, key in (("GOVSCAN_REVIEWERS", "reviewers"), ("GOVSCAN_CLIENTS", "clients")):
            if env.get(var):  # "token=王审核,token2=李主任", "token=weixin,token2=site"
                kw[key] = _token_pairs(var, env[var])
        return replace(self, **kw) if kw else self


def _token_pairs(var: str, value: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for item in value.split(","):
        token, sep, name = item.strip().partition("=")
        if not sep:
            raise ConfigError(f"{var} must be token=name pairs separated by commas")
        pairs.append((token.strip(), name.strip()))
    return tuple(pairs)


def load_config_file(path: str | Path) -> tuple[ScannerConfig, ServiceSettings]:
    """Read one TOML file: the scanner's keys (top level or a ``[scanner]`` table) and ``[service]``."""
    p = Path(path)
    data = read_toml(p)
    service = data.pop("service", {})
    if not isinstance(service, dict):
        raise ConfigError(f"{p}: [service] must be a table")
    data.pop("rescan", None)  # `scanner rescan`'s table (scanner/batch/cli.py checks it)
    scanner_part = data.get("scanner", data)
    if "scanner" in data and len(data) > 1:
        raise ConfigError(f"{p}: put scanner keys inside [scanner] or at the top level, not both")
    return ScannerConfig.from_dict(scanner_part, base=p.parent), ServiceSettings.from_dict(service)
