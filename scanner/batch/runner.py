"""The re-scan job: read a source, scan every record on every core, commit results so that a
killed run continues where it stopped, and (with ``--changed-since``) re-scan only what a new
lexicon can change.

Shape::

    main process                                   worker processes (one Scanner each)
    ───────────                                    ───────────────────────────────────
    source ──► chunks of raw records ──────────►   process_items: decode JSON / extract file,
               (bytes lines, rows, paths)           scan, build the JSONL line + DB rows
    commit ◄── results, in input order ◄────────
    (JSONL append + fsync, then one SQLite transaction; see store.py)

The same :func:`process_items` runs in-process (``--workers 1``), in a ``multiprocessing`` pool
(every core) and on Spark executors (``--engine spark``), so the three give identical output.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import os
import re
import shutil
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from ..config import ScannerConfig
from ..errors import InputError, ScannerError
from .sources import Fields, RawRecord, Source, open_source
from .store import OldRow, ResultStore, now_iso

__all__ = [
    "JobParams",
    "RescanOptions",
    "RescanStats",
    "config_fingerprint",
    "engine_fingerprint",
    "lexicon_rows",
    "plan_changed_since",
    "process_items",
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
    chunk_records: int = 128
    chunk_bytes: int = 256 << 10
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


def _default_log(msg: str) -> None:
    print(f"scanner rescan: {msg}", file=sys.stderr, flush=True)


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


# =========================================================================== fingerprints
def _h(data: bytes, n: int = 16) -> str:
    return hashlib.blake2b(data, digest_size=n).hexdigest()


def entry_fingerprint(e) -> str:
    """Everything in a lexicon entry that can change a scan result (not its file and line)."""
    o = e.options
    data = (e.id, e.term, e.key, e.category, e.type, e.severity, e.suggestion, e.basis, e.message,
            (o.word, list(o.ctx), list(o.nctx), o.window, o.quote, o.strict, o.ascii_word), e.variant_of)
    return _h(orjson.dumps(data), 12)


def lexicon_rows(scanner) -> list[tuple[str, str, str]]:
    """(fingerprint, rule id, key) of every entry the scanner loaded."""
    seen: dict[str, tuple[str, str, str]] = {}
    for e in scanner.lexicons.entries:
        fp = entry_fingerprint(e)
        seen.setdefault(fp, (fp, e.id, e.key))
    return sorted(seen.values())


def lexicon_hash(rows: Iterable[tuple[str, str, str]]) -> str:
    return _h("\n".join(sorted(r[0] for r in rows)).encode())


def _jsonable(v: Any) -> Any:
    if isinstance(v, (set, frozenset)):
        return sorted(map(str, v))
    if isinstance(v, dict) or hasattr(v, "items"):
        return {str(k): v[k] for k in sorted(v, key=str)}
    return str(v)


def config_fingerprint(config: ScannerConfig) -> str:
    """Every scanner setting except which lexicon folders were loaded (their entries are compared
    one by one): detectors, severity overrides, disabled rules, matcher, and whatever else the
    config holds."""
    values = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)
              if f.name not in ("lexicon_dirs", "bundled_lexicons")}
    return orjson.dumps(values, default=_jsonable, option=orjson.OPT_SORT_KEYS).decode()


def fingerprint_files() -> list[tuple[str, Path]]:
    """(name, path) of every file whose content can change a result: the scanner's modules
    (normalisation, matcher, detectors, extraction), its data files (region codes, name parts …)
    and the person-name model."""
    import scanner
    from scanner.name_tagger import model_path

    root = Path(scanner.__file__).resolve().parent
    out = []
    for p in sorted(root.rglob("*.py")):
        rel = p.relative_to(root).as_posix()
        if rel.startswith(("batch/", "_bundled/")) or rel in ("cli.py", "spark.py", "__main__.py"):
            continue
        out.append((rel, p))
    out += [(p.relative_to(root).as_posix(), p) for p in sorted((root / "data").glob("*")) if p.is_file()]
    model = model_path()
    if model is not None:
        out += [(f"models/{model.name}/{p.name}", p) for p in sorted(model.iterdir()) if p.is_file()]
    return out


@functools.lru_cache(maxsize=1)
def engine_fingerprint() -> str:
    """The scanner's code, data and name model (:func:`fingerprint_files`) and the versions of
    the libraries it relies on."""
    from importlib import metadata

    h = hashlib.blake2b(digest_size=12)
    for rel, p in fingerprint_files():
        h.update(rel.encode() + b"\0" + p.read_bytes() + b"\0")
    for dist in ("jieba", "opencc-python-reimplemented", "daachorse", "pyahocorasick", "numpy"):
        try:
            h.update(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return h.hexdigest()


# =========================================================================== --changed-since
@dataclass(frozen=True)
class ChangePlan:
    keys: tuple[str, ...] | None  # None: re-scan everything
    summary: str


def plan_changed_since(prev_meta: dict[str, str], prev_rows: Sequence[tuple[str, str, str]],
                       cur_rows: Sequence[tuple[str, str, str]], cur_config_fp: str, cur_engine_fp: str) -> ChangePlan:
    """Which records can the current lexicon change, compared with the previous run?

    A lexicon entry can change a result only where its key occurs in the text (its dense,
    normalised view is what the automaton reads): so a record whose text is unchanged and
    contains none of the keys of the entries added, removed or modified (deny or allow) keeps its
    result. That holds only when everything else is the same: the scanner's settings and code.
    """
    if not prev_rows:
        return ChangePlan(None, "the previous results do not record their lexicon entries, so what changed "
                                "cannot be known: re-scanning everything")
    if prev_meta.get("config_fp") != cur_config_fp:
        return ChangePlan(None, "the scanner settings (detectors, severity overrides, disabled rules or matcher) "
                                "differ from the previous run, so any record can change: re-scanning everything")
    if prev_meta.get("engine_fp") != cur_engine_fp:
        why = ("the previous run was continued after the scanner code changed" if prev_meta.get("engine_fp") == "mixed"
               else "the scanner code or its libraries changed since the previous run (detectors, normalisation "
                    "or extraction may report differently)")
        return ChangePlan(None, f"{why}, so any record can change: re-scanning everything")
    prev = {fp: (rule, key) for fp, rule, key in prev_rows}
    cur = {fp: (rule, key) for fp, rule, key in cur_rows}
    gone = set(prev) - set(cur)
    new = set(cur) - set(prev)
    gone_rules = {prev[fp][0] for fp in gone}
    new_rules = {cur[fp][0] for fp in new}
    changed = gone_rules & new_rules
    added = new_rules - changed
    removed = gone_rules - changed
    keys = tuple(sorted({prev[fp][1] for fp in gone} | {cur[fp][1] for fp in new}))
    if not keys:
        return ChangePlan((), "no lexicon entry changed: every unchanged record keeps its result")

    def show(rules: set[str]) -> str:
        r = sorted(rules)
        return ", ".join(r[:5]) + (f" … (+{len(r) - 5})" if len(r) > 5 else "")

    parts = [f"{n} {what} ({show(s)})" for n, what, s in
             ((len(added), "added", added), (len(removed), "removed", removed), (len(changed), "changed", changed)) if n]
    return ChangePlan(keys, f"{'; '.join(parts)} rule(s), {len(keys)} term(s): re-scanning records that contain "
                            "one of them, are new or whose text changed; the others keep their result")


class _KeyMatcher:
    def __init__(self, keys: Sequence[str]):
        import daachorse

        self._pma = daachorse.CharwiseDoubleArrayAhoCorasick(list(keys)) if keys else None

    def touches(self, text: str) -> bool:
        if self._pma is None:
            return False
        from ..normalize import dense

        return bool(self._pma.find(dense(text)))


# =========================================================================== worker side
@dataclass(frozen=True)
class JobParams:
    """Everything a worker needs; picklable and identical in every process."""

    token: str  # identifies these params in the per-process cache
    config: ScannerConfig
    kind: str  # jsonl | csv | sql | folder
    fields: Fields
    store_text: str
    lexicon_version: str
    changed_keys: tuple[str, ...] | None  # None: scan everything


class _Ctx:
    def __init__(self, params: JobParams, scanner=None):
        if scanner is None:
            from ..core import Scanner

            scanner = Scanner(params.config)
        self.scanner = scanner
        self.params = params
        self.keys = _KeyMatcher(params.changed_keys) if params.changed_keys is not None else None


#: per-process cache: the context of the current job (a Scanner built once per process)
_CTX: dict[str, _Ctx] = {}
#: a Scanner built in the parent before forking: the workers inherit it instead of building their own
_PARENT_SCANNER: tuple[str, Any] | None = None


def _ctx_for(params: JobParams) -> _Ctx:
    ctx = _CTX.get(params.token)
    if ctx is None:
        inherited = None
        if _PARENT_SCANNER is not None and _PARENT_SCANNER[0] == params.token:
            inherited = _PARENT_SCANNER[1]
        ctx = _Ctx(params, inherited)
        _CTX.clear()
        _CTX[params.token] = ctx
    return ctx


def _die_with_parent(parent_pid: int) -> None:
    """A worker must not outlive a killed parent (``kill -9``): ask the kernel to kill it then,
    or watch the parent from a thread where that is not available."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) != 0:  # PR_SET_PDEATHSIG
            raise OSError
    except (OSError, AttributeError):
        def watch() -> None:
            while True:
                time.sleep(0.5)
                if os.getppid() != parent_pid:
                    os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent_pid:
        os._exit(1)


#: Scanned once by every worker as it starts: a forked worker's first scans pay for copying the
#: pages of the inherited Scanner it writes to (reference counts) and for cold caches; better in
#: the setup than in the first chunks.
WARM_UP_TEXT = (
    "关于做好2024年春节期间安全生产工作的通知。各乡镇人民政府、县直各单位：为切实做好节日期间安全生产工作，"
    "经县政府同意，现将有关事项通知如下。一、提高思想认识。二、强化隐患排查，严禁在居民楼内存放易燃易爆物品。"
    "联系人：张伟，联系电话0371-12345678，手机13812345678，邮箱 office@example.gov.cn。"
    "县委书记李明主持召开常委会议，传达学习中央经济工作会议精神，研究部署乡村振兴、生态环境保护和营商环境优化工作。"
    "全县地区生产总值增长6.5%，城乡居民人均可支配收入分别增长5.1%和7.3%。附件：征求意见稿（内部资料，注意保存）。"
)


def _init_worker(params: JobParams, parent_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(parent_pid)
    ctx = _ctx_for(params)
    for _ in range(3):  # measured: the pool's scan phase about 6% shorter on the benchmark corpus
        ctx.scanner.scan(WARM_UP_TEXT * 8)


def _pack(outs: list[tuple]) -> tuple[list, list, bytes, int]:
    """A chunk's results as few objects as possible (cheap to pickle back to the main process):
    (scan rows, finding rows, the JSONL lines joined, count)."""
    rows = [o[0] for o in outs]
    frows = [f for o in outs if o[1] for f in o[1]]
    return rows, frows, b"".join(o[2] for o in outs), len(outs)


def _work(params: JobParams, items: list, scanned_at: str) -> tuple[list, list, bytes, int]:
    return _pack(process_items(params, items, scanned_at))


_DATE8 = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?")
_YEAR = re.compile(r"^\s*(\d{4})\s*年?\s*$")
_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])(?:[-_.]?(0[1-9]|[12]\d|3[01]))?(?!\d)")


def normalise_date(value: Any) -> str | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` from the usual ways dates are written, else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str) and len(value) >= 8:  # fast paths: 2024-05-01…, 20240501
        v = value
        if len(v) >= 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit() and v[5:7].isdigit() and v[8:10].isdigit():
            if "01" <= v[5:7] <= "12" and "01" <= v[8:10] <= "31":
                return v[:10]
        elif len(v) == 8 and v.isdigit() and "01" <= v[4:6] <= "12" and "01" <= v[6:] <= "31":
            return f"{v[:4]}-{v[4:6]}-{v[6:]}"
    if isinstance(value, (int, float)):
        v = int(value)
        if 1000 <= v <= 2999:
            return f"{v:04d}"
        if v > 10**11:
            v //= 1000  # milliseconds
        if v > 10**8:
            import datetime as dt

            try:
                return dt.datetime.fromtimestamp(v).date().isoformat()
            except (OverflowError, OSError, ValueError):
                return None
        s = str(v)
    else:
        s = str(value)
    for rx in (_DATE8, _DATE):
        m = rx.search(s) if rx is _DATE else rx.match(s)
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None
            if 1 <= mo <= 12 and 1000 <= y <= 2999:
                return f"{y:04d}-{mo:02d}-{d:02d}" if d and 1 <= d <= 31 else f"{y:04d}-{mo:02d}"
    m = _YEAR.match(s)
    return m.group(1) if m else None


def _first(rec: dict, names: tuple[str, ...]) -> tuple[str | None, Any]:
    for n in names:
        if n in rec and rec[n] is not None and rec[n] != "":
            return n, rec[n]
    return None, None


def _meta_str(v: Any, clean: bool = False) -> str | None:
    """A short metadata string (title, account); ``clean`` replaces undecodable bytes (CSV)."""
    if v is None:
        return None
    s = (v if isinstance(v, str) else str(v)).strip()[:500]
    if not s:
        return None
    return s.encode("utf-8", "replace").decode("utf-8") if clean else s


def _sql_id(v: Any) -> Any:
    if v is None or isinstance(v, (str, float)):
        return v
    if isinstance(v, int) and not isinstance(v, bool) and -2**63 <= v < 2**63:
        return v
    return orjson.dumps(v).decode()


_HAS_FRAGMENT = hasattr(orjson, "Fragment")


def process_items(params: JobParams, items: Sequence[tuple], scanned_at: str) -> list[tuple]:
    """Scan a chunk of ``(pos, key, payload, old_row)`` items. Returns, per item and in order,
    ``(scan_row, finding_rows, jsonl_line)``. Never raises for one bad record: it becomes an
    error line."""
    ctx = _ctx_for(params)
    out = []
    for pos, key, payload, old in items:
        try:
            out.append(_one(ctx, pos, key, payload, old, scanned_at))
        except Exception as e:  # an unexpected failure on one record must not stop the archive  # noqa: BLE001
            out.append(_error(ctx, pos, key, None, f"{_where(params.kind, key)}: internal error "
                                                   f"({type(e).__name__}: {e})", scanned_at))
    return out


def _where(kind: str, key: str) -> str:
    if kind == "jsonl":
        return f"line {key[1:]}"
    if kind in ("csv", "sql"):
        return f"row {key[1:]}"
    return key


def _error(ctx: _Ctx, pos: int, key: str, ident: Any, reason: str, scanned_at: str,
           meta: tuple = (None, None, None), kind: str | None = None) -> tuple:
    title, account, published = meta
    row = (pos, key, _sql_id(ident), None, reason, 0, 0, 0, None, None, None, None, None, title, account,
           published, kind or ("json" if ctx.params.kind == "jsonl" else ctx.params.kind), 1, scanned_at)
    line = orjson.dumps({"id": ident, "error": reason, "record": key}) + b"\n"
    return row, (), line


def _one(ctx: _Ctx, pos: int, key: str, payload: Any, old: OldRow | None, scanned_at: str) -> tuple:
    p = ctx.params
    kind = p.kind
    where = _where(kind, key)
    blocks_doc = None
    title = account = published = None
    ident: Any = None
    if kind == "folder":
        from ..files import extract_file

        ident = key
        parts = key.split("/")
        account = parts[0] if len(parts) > 1 else None
        m = _PATH_DATE.search(key)
        if m:
            published = f"{m.group(1)}-{m.group(2)}" + (f"-{m.group(3)}" if m.group(3) else "")
        doc_kind = Path(key).suffix.lower().lstrip(".")
        doc_kind = {"htm": "html", "text": "txt", "md": "txt"}.get(doc_kind, doc_kind)
        try:
            doc = extract_file(payload)
        except InputError as e:
            return _error(ctx, pos, key, ident, str(e).replace(str(payload), key), scanned_at,
                          (title, account, published), doc_kind)
        text = doc.text
        title = _meta_str(doc.title)
        kind_out = doc.kind
        if doc.kind != "txt":
            blocks_doc = doc
    else:
        kind_out = "json" if kind == "jsonl" else kind
        if kind == "jsonl":
            try:
                rec = orjson.loads(payload)
            except orjson.JSONDecodeError as e:
                try:
                    payload.decode("utf-8")
                except UnicodeDecodeError as ue:
                    return _error(ctx, pos, key, None, f"{where}: invalid UTF-8 at byte {ue.start}", scanned_at)
                return _error(ctx, pos, key, None, f"{where}: invalid JSON ({e})", scanned_at)
            if not isinstance(rec, dict):
                return _error(ctx, pos, key, None, f"{where}: expected a JSON object, got {type(rec).__name__}",
                              scanned_at)
        else:
            rec = payload
            if "__error__" in rec:
                return _error(ctx, pos, key, None, rec["__error__"], scanned_at)
        f = p.fields
        _, ident = _first(rec, f.id)
        _, t = _first(rec, f.title)
        _, a = _first(rec, f.account)
        _, d = _first(rec, f.date)
        clean = kind == "csv"
        title, account, published = _meta_str(t, clean), _meta_str(a, clean), normalise_date(d)
        meta = (title, account, published)
        tname, text = None, None
        for n in f.text:
            if n in rec:
                tname, text = n, rec[n]
                break
        if tname is None:
            names = ", ".join(repr(n) for n in f.text)
            return _error(ctx, pos, key, ident, f"{where}: no text field (looked for {names})", scanned_at, meta)
        if isinstance(text, bytes):  # a BLOB column
            from ..textio import decode_bytes

            try:
                text, _ = decode_bytes(text, name=f"{where}: {tname!r}")
            except InputError as e:
                return _error(ctx, pos, key, ident, str(e), scanned_at, meta)
        if text is None:
            return _error(ctx, pos, key, ident, f"{where}: {tname!r} is null", scanned_at, meta)
        if not isinstance(text, str):
            return _error(ctx, pos, key, ident, f"{where}: {tname!r} must be a string, not {type(text).__name__}",
                          scanned_at, meta)
        if kind == "csv":
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as e:
                return _error(ctx, pos, key, ident, f"{where}: {tname!r} has bytes that are not valid in the "
                                                    f"file's encoding (at character {e.start})", scanned_at, meta)
    raw = text.encode("utf-8", "surrogatepass")
    text_hash = _h(raw)
    carried = (old is not None and ctx.keys is not None and old.error is None and old.text_hash == text_hash
               and not ctx.keys.touches(text))
    if carried:
        findings_json = old.findings or "[]"
        findings = orjson.loads(findings_json)
        verdict = old.verdict
        at = old.scanned_at or scanned_at
    else:
        if blocks_doc is not None:  # a file: every part of it, findings located (SPEC section 6)
            from ..files.scan import scan_document

            result = scan_document(ctx.scanner, blocks_doc, id=ident)
        else:
            result = ctx.scanner.scan(text, id=ident)
        verdict = result.verdict
        findings = [fi.to_dict() for fi in result.findings]
        for fd in findings:
            loc = fd.get("location")
            if loc:
                fd["element_path"] = loc["part"] if loc["layer"] == "body" else f"{loc['part']} [{loc['label']}]"
        findings_json = orjson.dumps(findings).decode()
        at = scanned_at
    n_block = n_review = 0
    frows = []
    for i, fd in enumerate(findings):
        sev = fd["severity"]
        if sev == "block":
            n_block += 1
        elif sev == "review":
            n_review += 1
        frows.append((pos, i, fd["start"], fd["end"], fd["category"], fd["type"], sev, fd["rule"], fd["text"],
                      fd.get("element_path")))
    keep_text = p.store_text == "all" or (p.store_text == "findings" and findings)
    row = (pos, key, _sql_id(ident), verdict, None, len(findings), n_block, n_review, findings_json,
           p.lexicon_version, text if keep_text else None, text_hash, len(text), title, account, published,
           kind_out, 0 if carried else 1, at)
    fj = orjson.Fragment(findings_json) if _HAS_FRAGMENT else findings
    line = orjson.dumps({"id": ident, "verdict": verdict, "findings": fj, "lexicon_version": p.lexicon_version,
                         "record": key}) + b"\n"
    return row, frows, line


def _spark_partition(params: JobParams, scanned_at: str, groups: Iterable[list]) -> Iterator[tuple]:
    """Runs on a Spark executor: the same work as a pool worker (module-level, so the per-process
    Scanner cache above is shared by every task of the executor's reused Python worker). Yields
    ``(first position, packed results)`` per group of contiguous records."""
    for items in groups:
        if items:
            yield items[0][0], _pack(process_items(params, items, scanned_at))


def _spark_warm(params: JobParams, groups: Iterable[Any]) -> Iterator[int]:
    for _ in groups:
        _ctx_for(params)
        yield os.getpid()


def _balanced(items: list, sizes: list[int], parts: int) -> list[list]:
    """Split ``items`` into at most ``parts`` contiguous groups of about equal total size."""
    total = sum(sizes) or 1
    target = total / parts
    groups: list[list] = []
    cur: list = []
    acc = 0
    for it, n in zip(items, sizes):
        cur.append(it)
        acc += n
        if acc >= target * (len(groups) + 1) and len(groups) < parts - 1:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return groups


# =========================================================================== executors
@dataclass
class _Chunk:
    items: list  # (pos, key, payload, old)
    next_pos: int
    nbytes: int


class _InProcess:
    name = "1 process"
    workers = 1

    def __init__(self, params: JobParams):
        self.params = params

    def map(self, chunks: Iterable[_Chunk]) -> Iterator[tuple[_Chunk, list]]:
        for ch in chunks:
            yield ch, _pack(process_items(self.params, ch.items, now_iso()))

    def close(self) -> None:
        pass


class _Pool:
    """A process pool with a bounded window of chunks in flight, results taken in input order.

    ``concurrent.futures`` rather than ``multiprocessing.Pool``: less work in the main process
    (measured: 0.26 s vs 0.38 s of CPU for the benchmark corpus, and a higher speed-up), and when
    the OS kills a worker (out of memory) the run stops with ``BrokenProcessPool`` instead of
    waiting forever for the lost chunk; what was committed is kept and the same command
    continues."""

    def __init__(self, params: JobParams, workers: int):
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        method = "fork" if "fork" in mp.get_all_start_methods() and sys.platform != "darwin" else "spawn"
        self.params = params
        self.workers = workers
        self.name = f"{workers} processes"
        gc.collect()
        gc.freeze()  # fork: keep the inherited Scanner's pages shared
        try:
            self.pool = ProcessPoolExecutor(workers, mp_context=mp.get_context(method), initializer=_init_worker,
                                            initargs=(params, os.getpid()))
            # start every worker now (with fork they all start on the first submit), before the
            # results files are opened
            for f in [self.pool.submit(os.getpid) for _ in range(workers)]:
                f.result()
        finally:
            gc.unfreeze()

    def map(self, chunks: Iterable[_Chunk]) -> Iterator[tuple[_Chunk, list]]:
        from concurrent.futures.process import BrokenProcessPool

        window: deque = deque()
        limit = self.workers * 4
        try:
            for ch in chunks:
                window.append((ch, self.pool.submit(_work, self.params, ch.items, now_iso())))
                while len(window) >= limit or (window and window[0][1].done()):
                    c, fut = window.popleft()
                    yield c, fut.result()
            while window:
                c, fut = window.popleft()
                yield c, fut.result()
        except BrokenProcessPool:
            raise ScannerError("a worker process died (killed by the system, out of memory?); the results "
                               "committed so far are kept: run the same command to continue") from None

    def close(self) -> None:
        procs = list(getattr(self.pool, "_processes", {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for p in procs:  # do not wait for chunks nobody will commit
            if p.is_alive():
                p.kill()
        for p in procs:
            p.join(5)


class _Spark:
    def __init__(self, params: JobParams, master: str | None, batch_records: int, batch_bytes: int, log):
        from ..spark import get_spark

        self.params = params
        self.spark, self.owned = get_spark(master, app_name="govscan rescan")
        sc = self.spark.sparkContext
        self.workers = sc.defaultParallelism
        self.name = f"Spark {sc.master} ({self.workers} slots)"
        self.batch_records = batch_records
        self.batch_bytes = batch_bytes
        # build the Scanner in each executor's Python worker now, not inside the first batch
        n = self.workers
        sc.parallelize(range(n), n).mapPartitions(functools.partial(_spark_warm, params)).collect()

    def map(self, chunks: Iterable[_Chunk]) -> Iterator[tuple[_Chunk, list]]:
        sc = self.spark.sparkContext
        batch: list[_Chunk] = []
        n = size = 0

        def run(batch: list[_Chunk]):
            items = [it for ch in batch for it in ch.items]
            sizes = [len(it[2]) if isinstance(it[2], (bytes, str)) else 256 for it in items]
            if self.params.kind == "folder":
                sizes = [1024 for _ in items]  # payload is a path; the files' sizes are not at hand here
            groups = _balanced(items, sizes, min(len(items), self.workers * 4))
            fn = functools.partial(_spark_partition, self.params, now_iso())
            try:
                out = sc.parallelize(groups, len(groups)).mapPartitions(fn).collect()
            except Exception as e:  # Py4JJavaError & co: one line, not a JVM stack trace  # noqa: BLE001
                first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
                raise ScannerError(f"the Spark job failed ({first[:300]}); the results committed so far are "
                                   "kept: run the same command to continue") from None
            out.sort(key=lambda o: o[0])
            rows = [r for _, p in out for r in p[0]]
            frows = [f for _, p in out for f in p[1]]
            merged = _Chunk(items, batch[-1].next_pos, sum(c.nbytes for c in batch))
            return merged, (rows, frows, b"".join(p[2] for _, p in out), sum(p[3] for _, p in out))

        for ch in chunks:
            batch.append(ch)
            n += len(ch.items)
            size += ch.nbytes
            if n >= self.batch_records or size >= self.batch_bytes:
                yield run(batch)
                batch, n, size = [], 0, 0
        if batch:
            yield run(batch)

    def close(self) -> None:
        if self.owned:
            self.spark.stop()


# =========================================================================== progress
class _Progress:
    def __init__(self, enabled: bool, total: int | None, done_bytes: int, done_records: int, label: str):
        self.enabled = enabled
        self.records = done_records
        self._p = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            ProgressColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )
        from rich.text import Text

        class Records(ProgressColumn):
            def render(self, task) -> Text:
                n = task.fields.get("records", 0)
                new = n - task.fields.get("start_records", 0)
                rate = new / task.elapsed if task.elapsed else 0
                return Text(f"{n:,} rec · {rate:,.0f} rec/s", style="progress.data.speed")

        self._p = Progress(TextColumn("[bold]{task.description}"), BarColumn(), TaskProgressColumn(),
                           Records(), DownloadColumn(), TransferSpeedColumn(), TimeElapsedColumn(),
                           TextColumn("left"), TimeRemainingColumn(),
                           console=Console(stderr=True), transient=False, refresh_per_second=4)
        self._p.start()
        self._task = self._p.add_task(label, total=total, completed=done_bytes, records=done_records,
                                      start_records=done_records)

    def advance(self, nbytes: int, nrecords: int) -> None:
        self.records += nrecords
        if self._p is not None:
            self._p.update(self._task, advance=nbytes, records=self.records)

    def close(self) -> None:
        if self._p is not None:
            self._p.stop()
            self._p = None


# =========================================================================== the job
def _safe_name(s: str) -> str:
    return re.sub(r"[^0-9A-Za-z._+-]", "_", s) or "previous"


def rescan(opts: RescanOptions) -> RescanStats:
    """Run (or continue) a re-scan. Raises :class:`InputError` for usage problems (exit 2)."""
    from .. import __version__
    from ..core import Scanner

    global _PARENT_SCANNER
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
        params = JobParams(token=_h(orjson.dumps([cur["identity"], cur["lexicon_hash"], cur["config_fp"],
                                                  cur["engine_fp"], scanner.lexicon_version, changed_keys]))[:24],
                           config=config, kind=source.kind, fields=opts.fields, store_text=opts.store_text,
                           lexicon_version=scanner.lexicon_version, changed_keys=changed_keys)
        _PARENT_SCANNER = (params.token, scanner)

        # ----------------------------------------------------------- skip what is done
        records = iter(source)
        done_bytes = 0
        if skip:
            done_bytes = _skip_done(store, records, skip)
            log(f"continuing an interrupted run: {skip:,} records already done")

        # ----------------------------------------------------------- executor (fork before opening files)
        store.close()
        if prev_store is not None:
            prev_store.close()
        workers = opts.workers or cpu_count()
        if opts.engine == "spark":
            executor: Any = _Spark(params, opts.spark_master, opts.spark_batch_records, opts.spark_batch_bytes, log)
        elif workers <= 1:
            executor = _InProcess(params)
        else:
            executor = _Pool(params, workers)
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
        prog = _Progress(show, source.total_bytes, done_bytes, skip, label)
        t1 = time.monotonic()
        c1 = time.process_time()
        pending_scans: list = []
        pending_findings: list = []
        pending_lines: list = []
        pending_bytes = pending_n = 0
        next_pos = skip
        last_commit = time.monotonic()

        def commit() -> None:
            nonlocal pending_scans, pending_findings, pending_lines, pending_bytes, pending_n, last_commit
            if pending_lines:
                store.commit(pending_scans, pending_findings, pending_lines, next_pos)
                prog.advance(pending_bytes, pending_n)
                stats.processed_now += pending_n
                stats.bytes_now += pending_bytes
            pending_scans, pending_findings, pending_lines = [], [], []
            pending_bytes = pending_n = 0
            last_commit = time.monotonic()

        old_term = signal.getsignal(signal.SIGTERM)

        def on_term(signum, frame):
            raise KeyboardInterrupt

        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, on_term)
        interrupted = False
        try:
            chunks = _chunks(records, opts.chunk_records, opts.chunk_bytes, prev_store)
            for ch, (rows, frows, blob, n) in executor.map(chunks):
                pending_scans.extend(rows)
                pending_findings.extend(frows)
                pending_lines.append(blob)
                pending_n += n
                pending_bytes += ch.nbytes
                next_pos = ch.next_pos
                if time.monotonic() - last_commit >= opts.commit_interval or len(pending_scans) >= 20_000:
                    commit()
            commit()
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
            _PARENT_SCANNER = None
            _CTX.clear()
            if threading.current_thread() is threading.main_thread():
                signal.signal(signal.SIGTERM, old_term)
        stats.scan_seconds = time.monotonic() - t1
        stats.main_cpu_seconds = time.process_time() - c1
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
        _PARENT_SCANNER = None
        if prev_store is not None:
            prev_store.close()
        store.release()


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


def _chunks(records: Iterator[RawRecord], max_records: int, max_bytes: int,
            prev: ResultStore | None) -> Iterator[_Chunk]:
    buf: list[RawRecord] = []
    size = 0

    def make(buf: list[RawRecord], size: int) -> _Chunk:
        olds = prev.lookup([r.key for r in buf]) if prev is not None else {}
        items = [(r.pos, r.key, r.payload, olds.get(r.key)) for r in buf]
        return _Chunk(items, buf[-1].pos + 1, size)

    for r in records:
        buf.append(r)
        size += r.nbytes
        if len(buf) >= max_records or size >= max_bytes:
            yield make(buf, size)
            buf, size = [], 0
    if buf:
        yield make(buf, size)
