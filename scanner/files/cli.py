"""``scanner annotate`` and ``scanner clean``: files out (see :mod:`scanner.files.output`).

    scanner annotate notice.docx --out notice.审查批注.docx   a Word comment (批注) at each finding
    scanner clean roster.xlsx --out roster.clean.xlsx        hidden layers and properties removed,
                                                             personal data masked in place
    scanner clean report.pdf --out report.clean.pdf          a new PDF of the pages as pictures, personal
                                                             data painted black (no text layer)

Exit status as ``scanner scan``: 0 when the (cleaned) file has no ``block`` finding, 1 when it
has, 2 for a usage error or a file that cannot be read or written.
"""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import ScannerError

EXIT_OK, EXIT_BLOCK, EXIT_USAGE = 0, 1, 2


def add_arguments(name: str, p) -> None:
    p.add_argument("file", help="the file (annotate: .docx, .xlsx; clean: .docx, .xlsx, .pptx, .odt, .pdf, pictures)")
    p.add_argument("--out", required=True, metavar="FILE", help="where to write the copy (never the input itself)")
    p.add_argument("--config", metavar="TOML", help="scanner config file")
    p.add_argument("--force", action="store_true", help="overwrite --out when it exists")


def run(name: str, args) -> int:
    from ..cli import UsageError, _config, _make_scanner
    from . import FileError
    from .isolate import Extractor
    from .output import annotate_bytes, clean_bytes
    from .scan import scan_bytes

    src, out = Path(args.file), Path(args.out)
    if not src.is_file():
        raise UsageError(f"{src}: no such file")
    if out.exists() and (out.resolve() == src.resolve()):
        raise UsageError("--out must not be the input file")
    if out.exists() and not args.force:
        raise UsageError(f"{out} exists; use --force to overwrite it")
    data = src.read_bytes()
    scanner = _make_scanner(_config(args.config))
    with Extractor(workers=1) as ex:
        result, doc = scan_bytes(scanner, data, src.name, extractor=ex)
        try:
            if name == "annotate":
                written = annotate_bytes(data, src.name, doc, result)
            else:
                written = clean_bytes(data, src.name, doc, result)
        except FileError:
            raise
        except Exception as e:  # a writer failing on an odd file: an error with its reason
            raise ScannerError(f"{src}: cannot write the {name}d copy ({type(e).__name__}: {e})") from None
        try:
            out.write_bytes(written)
        except OSError as e:
            raise UsageError(f"{out}: cannot write ({e.strerror})") from None
        if name == "annotate":
            print(f"{out}: {len(result.findings)} 处批注（结论 {result.verdict}）", file=sys.stderr)
            return EXIT_BLOCK if result.verdict == "block" else EXIT_OK
        after, after_doc = scan_bytes(scanner, written, out.name, extractor=ex)
    left = [f for f in after.findings if f.severity != "info"]
    print(f"{out}: 清理前 {len(result.findings)} 处发现，清理后复查 {len(after.findings)} 处"
          f"（其中需处理 {len(left)} 处，结论 {after.verdict}）", file=sys.stderr)
    if doc.kind == "pdf":
        print("  清理版每页为一张图片（个人信息已涂黑）：没有文本层，不能检索、复制文字；复查靠 OCR 读取", file=sys.stderr)
    _not_read(doc, "清理前未读取（其中的个人信息未能遮盖）")
    _not_read(after_doc, "复查未读取")
    for f in left:
        loc = (f.location or {}).get("label") or ""
        print(f"  仍需处理：[{f.severity}] {f.type} 「{f.text}」 {loc}", file=sys.stderr)
    return EXIT_BLOCK if after.verdict == "block" else EXIT_OK


def _not_read(doc, what: str) -> None:
    """Pictures (PDF pages) the scan did not read, past the picture budget: never silent."""
    skipped = doc.pictures_not_read()
    if skipped:
        more = f" 等 {len(skipped)} 处" if len(skipped) > 5 else ""
        print(f"  {what}：{'、'.join(skipped[:5])}{more}", file=sys.stderr)
