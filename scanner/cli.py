"""The ``scanner`` command: a thin shell over :class:`scanner.Scanner`.

    scanner scan FILE|-                       human report (colour when on a terminal)
    scanner scan FILE --format json           one ScanResult as JSON
    scanner scan --jsonl IN --out OUT         SPEC section 4 batch contract
    scanner lexicon lint [DIR ...]            check lexicon files and run their examples
    scanner lexicon info                      loaded lexicon files, versions, entry counts
    scanner lexicon build                     write the compiled cache (lexicons, name model, tables)

Exit status: 0 no ``block`` result, 1 some result is ``block``, 2 usage error or unreadable input.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO, Any, Sequence

import orjson

from . import __version__
from .config import ScannerConfig
from .errors import InputError, ScannerError
from .model import CATEGORY_LABELS, TYPE_LABELS, ScanResult
from .textio import JsonObjectError, decode_bytes, json_object, read_bytes

EXIT_OK, EXIT_BLOCK, EXIT_USAGE = 0, 1, 2

CATEGORY_STYLE = {
    "personal_data": "bold white on dark_magenta",
    "state_secret": "bold white on red3",
    "commercial_secret": "bold black on dark_orange",
    "improper_wording": "bold black on gold1",
}
SEVERITY_LABELS = {"block": "阻断", "review": "人工复核", "info": "提示", "pass": "通过"}


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # exit 2 with a message, as argparse does, but one line
        self.print_usage(sys.stderr)
        print(f"scanner: error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="scanner", description="政务新媒体发布前内容安全审查 (pre-publication content-safety scanner)")
    p.add_argument("--version", action="version", version=f"govscan {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    sc = sub.add_parser("scan", help="scan a draft, or a JSONL batch")
    sc.add_argument("file", nargs="?", help="draft file (UTF-8 or GB18030), or - for standard input")
    sc.add_argument("--jsonl", metavar="IN", help="batch input: one {\"id\", \"text\"} object per line (- = stdin)")
    sc.add_argument("--out", metavar="OUT", default="-", help="batch output file (default: standard output)")
    sc.add_argument("--format", choices=("text", "json"), default="text", help="report format for one draft")
    sc.add_argument("--id", help="document id to put in the result")
    sc.add_argument("--published", metavar="DATE",
                    help="when the draft was published (2015-06-01, 2015年6月1日, 2015): an outdated name in a text "
                         "published before its change is history, not a finding (one draft; with --jsonl, "
                         "use 'scanner rescan', which reads each record's date)")
    sc.add_argument("--config", metavar="TOML", help="scanner config file")
    sc.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    sc.add_argument("--explain", action="store_true", help="also list findings before overlaps are merged")

    lx = sub.add_parser("lexicon", help="lexicon tools")
    lsub = lx.add_subparsers(dest="lexcmd", required=True, parser_class=_Parser)
    lint = lsub.add_parser("lint", help="check lexicon files and run their examples; non-zero exit on an error")
    lint.add_argument("dirs", nargs="*", help="lexicon folders (with manifest.toml); default: the bundled set")
    lint.add_argument("--strict", action="store_true", help="treat warnings as errors")
    info = lsub.add_parser("info", help="show loaded lexicon files, versions and entry counts")
    info.add_argument("--config", metavar="TOML")
    build = lsub.add_parser("build", help="build the compiled cache a new process starts from (lexicons, name model, "
                                          "tables); a later start rebuilds it by itself whenever a file changed")
    build.add_argument("--config", metavar="TOML")

    for name, module, help_ in EXTENSIONS:
        mod = _extension(module)
        if mod is not None:
            ep = sub.add_parser(name, help=help_)
            mod.add_arguments(name, ep)
    return p


#: Subcommands that live with the layer they drive: (name, module, help). Each module has
#: ``add_arguments(name, parser)`` and ``run(name, args) -> int``; it may raise UsageError-like
#: ScannerError subclasses. A module that cannot be imported (an optional extra not installed)
#: leaves its command out.
EXTENSIONS = (
    ("serve", "service.cli", "run the HTTP scan service and the reviewer page (uvicorn)"),
    ("purge", "service.cli", "delete the service's stored drafts older than a date (retention)"),
    ("rescan", "scanner.batch.cli", "re-scan an archive (JSONL, CSV, folder, SQL), resumable"),
    ("report", "scanner.batch.cli", "write the HTML patrol report (巡查记录) of a re-scan"),
    ("annotate", "scanner.files.cli", "write a copy of a .docx/.xlsx with a reviewer comment at each finding"),
    ("clean", "scanner.files.cli", "write a copy (.docx/.xlsx/.pptx/.odt/.pdf/pictures) with hidden layers, comments, "
                                   "notes and properties removed and personal data masked (a PDF: pages as pictures, "
                                   "no text layer)"),
)


def _extension(module: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        return None


def _config(path: str | None) -> ScannerConfig:
    return ScannerConfig.from_file(path) if path else ScannerConfig()


def _make_scanner(config: ScannerConfig):
    import gc

    from .core import Scanner

    scanner = Scanner(config)
    # the Scanner's objects live as long as the process: out of the collector's way, so a big file's
    # scan does not walk them in every full collection (~10% of a 10,000-row sheet's time)
    gc.freeze()
    return scanner


# ---------------------------------------------------------------------------- scan (one draft)

def _render_text(result: ScanResult, text: str, color: str, out: IO[str]) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, force_terminal=True if color == "always" else None,
                      no_color=color == "never", highlight=False, soft_wrap=True)
    verdict_style = {"block": "bold red", "review": "bold yellow", "pass": "bold green"}[result.verdict]
    n = len(result.findings)
    console.print(Text.assemble(("结论 verdict: ", "bold"), (f"{result.verdict} ({SEVERITY_LABELS[result.verdict]})",
                                                            verdict_style), f"  ·  {n} 处发现  ·  词库版本 {result.lexicon_version}"))
    console.rule()
    body = Text(text)
    for i, f in enumerate(result.findings, 1):
        body.stylize(CATEGORY_STYLE.get(f.category, "reverse"), f.start, f.end)
    console.print(body)
    console.rule()
    if not result.findings:
        console.print("未发现问题。")
        return
    legend = Text("图例: ")
    for cat, style in CATEGORY_STYLE.items():
        legend.append(f" {CATEGORY_LABELS[cat]} ", style=style)
        legend.append(" ")
    console.print(legend)
    sev_style = {"block": "bold red", "review": "bold yellow", "info": "cyan"}
    for i, f in enumerate(result.findings, 1):
        head = Text.assemble((f"{i:>3}. ", "bold"), (f"[{SEVERITY_LABELS[f.severity]}]", sev_style[f.severity]), " ",
                             (f" {TYPE_LABELS.get(f.type, f.type)} ", CATEGORY_STYLE.get(f.category, "")),
                             (f"  位置 {f.start}–{f.end}  ·  规则 {f.rule}  ·  置信度 {f.score:.2f}", "dim"))
        console.print(head)
        rows = [("位置", _place(f))] if f.location else []
        rows += [("原文", f.text), ("建议", f.suggestion or "—"), ("说明", f.message), ("依据", f.basis or "—")]
        for label, value in rows:
            console.print(Text.assemble(("     " + label + "：", "bold"), value))


def _is_plain_text(data: bytes, name: str) -> bool:
    from .files import kind_of_suffix, sniff_suffix_inline

    return sniff_suffix_inline(data, name) and kind_of_suffix(name) == "txt"


def _place(f) -> str:
    loc = f.location or {}
    bits = [loc.get("label") or loc.get("layer") or ""]
    for key, fmt in (("page", "第 {} 页"), ("sheet", "工作表「{}」"), ("cell", "单元格 {}")):
        if loc.get(key) is not None and str(loc[key]) not in bits[0]:
            bits.append(fmt.format(loc[key]))
    bits.append(f"（{loc.get('part')}）")
    return " ".join(b for b in bits if b)


def _cmd_scan_one(args, out: IO[str]) -> int:
    if args.published is not None:
        from .dates import published_year

        published_year(args.published)  # a bad date is a usage error before any work
    if args.file == "-" or args.file is None:
        if args.file is None and sys.stdin.isatty():
            raise UsageError("give a FILE, - for standard input, or --jsonl IN")
        data, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        data, name = read_bytes(args.file), Path(args.file).name
    if _is_plain_text(data, name):
        text, _ = decode_bytes(data, name=str(args.file or name))
        scanner = _make_scanner(_config(args.config))
        result = scanner.scan(text, id=args.id, published=args.published)
    else:  # a file (SPEC section 6): every part of it, findings located
        from .files.isolate import Extractor
        from .files.scan import scan_document

        with Extractor(workers=1) as ex:
            doc = ex.extract(data, name)
        scanner = _make_scanner(_config(args.config))
        result = scan_document(scanner, doc, id=args.id, published=args.published)
        text = result.text
    if args.format == "json":
        out.write(orjson.dumps(result.to_dict(), option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        _render_text(result, text, args.color, out)
        if args.explain:
            for f in scanner.raw_findings(text):
                out.write(f"  raw {f.start}-{f.end} {f.rule} {f.severity} {f.text!r}\n")
    return EXIT_BLOCK if result.verdict == "block" else EXIT_OK


# ---------------------------------------------------------------------------- scan --jsonl
def _error_line(ident: Any, reason: str) -> bytes:
    return orjson.dumps({"id": ident, "error": reason}) + b"\n"


def scan_jsonl(scanner, lines, write) -> tuple[int, int, int]:
    """SPEC section 4: one output line per non-blank input line, in order.

    Returns (records, errors, blocked). Shared by the CLI and tests; never raises on bad input.
    """
    records = errors = blocked = 0
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue  # blank lines are not records
        records += 1
        try:
            obj = json_object(raw)
        except JsonObjectError as e:
            errors += 1
            write(_error_line(None, f"line {lineno}: {e}"))
            continue
        ident = obj.get("id")
        text = obj.get("text")
        if not isinstance(text, str):
            errors += 1
            reason = "no 'text' field" if text is None else f"'text' must be a string, not {type(text).__name__}"
            write(_error_line(ident, f"line {lineno}: {reason}"))
            continue
        try:
            result = scanner.scan(text, id=ident)
        except ScannerError as e:
            errors += 1
            write(_error_line(ident, f"line {lineno}: {e}"))
            continue
        if result.verdict == "block":
            blocked += 1
        write(orjson.dumps(result.to_dict()) + b"\n")
    return records, errors, blocked


def _cmd_scan_jsonl(args) -> int:
    if args.file is not None:
        raise UsageError("give either FILE or --jsonl IN, not both")
    if args.published is not None:
        raise UsageError("--published is for one draft; 'scanner rescan' reads each record's date")
    if args.jsonl == "-":
        src = sys.stdin.buffer
        close_src = False
    else:
        try:
            src = open(args.jsonl, "rb")
        except OSError as e:
            raise InputError(f"{args.jsonl}: cannot read ({e.strerror})") from None
        close_src = True
    scanner = _make_scanner(_config(args.config))
    try:
        if args.out == "-":
            dst = sys.stdout.buffer
            close_dst = False
        else:
            try:
                dst = open(args.out, "wb")
            except OSError as e:
                raise InputError(f"{args.out}: cannot write ({e.strerror})") from None
            close_dst = True
        try:
            records, errors, blocked = scan_jsonl(scanner, src, dst.write)
        finally:
            if close_dst:
                dst.close()
            else:
                dst.flush()
    finally:
        if close_src:
            src.close()
    print(f"scanner: {records} records, {blocked} block, {errors} errors", file=sys.stderr)
    return EXIT_BLOCK if blocked else EXIT_OK


# ---------------------------------------------------------------------------- lexicon
def _cmd_lint(args, out: IO[str]) -> int:
    from .lexicon import bundled_lexicon_dir, lint

    dirs = args.dirs or [str(bundled_lexicon_dir())]
    for d in dirs:
        if not Path(d, "manifest.toml").is_file():
            raise UsageError(f"{d}: no manifest.toml there")

    def factory(folders):
        return _make_scanner(ScannerConfig(bundled_lexicons=False, lexicon_dirs=tuple(map(str, folders))))

    errors, warnings = lint(dirs, scanner_factory=factory)
    for w in warnings:
        out.write(f"warning: {w}\n")
    for e in errors:
        out.write(f"error: {e}\n")
    n_err = len(errors) + (len(warnings) if args.strict else 0)
    out.write(f"lexicon lint: {len(errors)} error(s), {len(warnings)} warning(s) in {', '.join(dirs)}\n")
    return 1 if n_err else 0


def _cmd_build(args, out: IO[str]) -> int:
    from .cache import cache_dir

    folder = cache_dir()
    if folder is None:
        raise UsageError("no writable cache folder (set GOVSCAN_CACHE_DIR to a folder only you can write to)")
    scanner = _make_scanner(_config(args.config))
    files = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    out.write(f"compiled cache for lexicon version {scanner.lexicon_version} in {folder}:\n")
    for name in files:
        out.write(f"  {name}\n")
    return 0


def _cmd_info(args, out: IO[str]) -> int:
    scanner = _make_scanner(_config(args.config))
    out.write(orjson.dumps(scanner.info(), option=orjson.OPT_INDENT_2).decode() + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    out = sys.stdout
    try:
        if args.command == "scan":
            if args.jsonl:
                return _cmd_scan_jsonl(args)
            return _cmd_scan_one(args, out)
        if args.command == "lexicon":
            return {"lint": _cmd_lint, "build": _cmd_build}.get(args.lexcmd, _cmd_info)(args, out)
        for name, module, _ in EXTENSIONS:
            if args.command == name:
                return _extension(module).run(name, args)
    except (UsageError, ScannerError) as e:
        print(f"scanner: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `scanner scan … | head`
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
