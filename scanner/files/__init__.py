"""The file layer: every format a post carries, every layer inside it (SPEC section 6).

    bytes ──► sniff ──► extract (one module per format) ──► Document ──► scan_document ──► ScanResult
              limits     docx xlsx csv pdf pptx odf ofd        text +       (Scanner.scan     + text,
                         html zip legacy(LibreOffice)          segments      + location)       location

``extract(data, name)`` returns a :class:`Document`; :func:`scan_document` scans its text with a
:class:`~scanner.Scanner` and gives every finding the ``location`` of the segment it falls in. The
Scanner stays text-only: an extractor never scans and a detector never opens a file.
``extract_isolated`` runs the same extraction in a worker process with a time and memory cap
(the CLI, the service and the re-scan use it for anything but plain text).
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

from .document import LAYER_LABELS, LAYERS, Builder, Document, Part, Segment
from .limits import Context, FileError, Limits, SafeZip

__all__ = ["extract", "extract_file", "sniff", "Document", "Segment", "Part", "Builder", "Limits", "FileError",
           "Context", "SafeZip", "LAYERS", "LAYER_LABELS", "FORMATS", "SUPPORTED_SUFFIXES", "kind_of_suffix"]

#: kind -> (module, entry point, takes a SafeZip rather than bytes). Imported on first use.
FORMATS: dict[str, tuple[str, str, bool]] = {
    "txt": ("text", "extract_text", False),
    "html": ("html", "extract_html", False),
    "csv": ("sheet_csv", "extract_csv", False),
    "docx": ("word", "extract_docx", True),
    "xlsx": ("sheet", "extract_xlsx", True),
    "pptx": ("slides", "extract_pptx", True),
    "odf": ("odf", "extract_odf", True),
    "ofd": ("ofd", "extract_ofd", True),
    "zip": ("archive", "extract_zip", True),
    "pdf": ("pdf", "extract_pdf", False),
    "legacy": ("legacy", "extract_legacy", False),
    "image": ("image", "extract_image", False),
}

_SUFFIX_KIND = {
    ".txt": "txt", ".text": "txt", ".md": "txt", ".log": "txt", "": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".csv": "csv", ".tsv": "csv",
    ".docx": "docx", ".docm": "docx", ".dotx": "docx", ".dotm": "docx",
    ".xlsx": "xlsx", ".xlsm": "xlsx", ".xltx": "xlsx", ".xltm": "xlsx",
    ".pptx": "pptx", ".pptm": "pptx", ".ppsx": "pptx", ".potx": "pptx",
    ".odt": "odf", ".ods": "odf", ".odp": "odf", ".ott": "odf", ".ots": "odf", ".otp": "odf",
    ".ofd": "ofd",
    ".zip": "zip",
    ".pdf": "pdf",
    ".doc": "legacy", ".xls": "legacy", ".ppt": "legacy", ".wps": "legacy", ".et": "legacy", ".dps": "legacy",
    ".rtf": "legacy",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".gif": "image", ".bmp": "image", ".webp": "image",
    ".tif": "image", ".tiff": "image",
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(s for s in _SUFFIX_KIND if s)

#: how a zip container (OOXML, ODF, OFD, a zip of attachments) starts
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
#: how a picture file starts, and its media type
_IMAGE_MEDIA = ((b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"), (b"GIF87a", "image/gif"),
                (b"GIF89a", "image/gif"), (b"BM", "image/bmp"), (b"II*\x00", "image/tiff"), (b"MM\x00*", "image/tiff"))
_IMAGE_MAGIC = tuple(magic for magic, _ in _IMAGE_MEDIA)


def picture_media_type(data: bytes) -> str | None:
    """The media type of a picture file (PNG, JPEG, GIF, BMP, TIFF, WebP), from its first bytes;
    None when ``data`` does not start like one."""
    for magic, media in _IMAGE_MEDIA:
        if data.startswith(magic):
            return media
    return "image/webp" if data[:4] == b"RIFF" and data[8:12] == b"WEBP" else None


def is_picture(data: bytes) -> bool:
    """Whether ``data`` starts like a picture file (PNG, JPEG, GIF, BMP, TIFF, WebP)."""
    return picture_media_type(data) is not None


def kind_of_suffix(name: str) -> str | None:
    return _SUFFIX_KIND.get(Path(name).suffix.lower())


def _zip_kind(zf: SafeZip) -> str:
    if zf.has("word/document.xml"):
        return "docx"
    if zf.has("xl/workbook.xml"):
        return "xlsx"
    if zf.has("ppt/presentation.xml"):
        return "pptx"
    if zf.has("mimetype") and zf.size("mimetype") < 200:
        if zf.read("mimetype").startswith(b"application/vnd.oasis.opendocument."):
            return "odf"
    if zf.has("OFD.xml"):
        return "ofd"
    return "zip"


def sniff(data: bytes, name: str, ctx: Context | None = None) -> tuple[str, SafeZip | None]:
    """The format of ``data``: the content decides where it is unambiguous (PDF, zip containers,
    OLE compound files, pictures), else the suffix. Returns ``(kind, opened zip or None)``."""
    head = data[:8]
    if data[:1024].lstrip()[:5] == b"%PDF-" or head.startswith(b"%PDF"):
        return "pdf", None
    if head.startswith(ZIP_MAGIC):
        zf = SafeZip(data, name, ctx or Context(Limits(), _recurse))
        return _zip_kind(zf), zf
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptedPackage".encode("utf-16-le") in data[:1 << 20] or "EncryptedPackage".encode("utf-16-le") in data:
            raise FileError(f"{name}: the document is encrypted (password-protected); remove the password and "
                            "send it again", "encrypted")
        return "legacy", None
    if is_picture(data):
        return "image", None
    kind = kind_of_suffix(name)
    if kind is None:
        raise FileError(f"{name}: unsupported file type {Path(name).suffix.lower()!r}; supported: "
                        f"{', '.join(SUPPORTED_SUFFIXES)}", "unsupported")
    if kind in ("docx", "xlsx", "pptx", "odf", "ofd", "zip"):
        raise FileError(f"{name}: not a {Path(name).suffix.lower()} file (no zip container: corrupt, truncated "
                        "or renamed)", "corrupt")
    if kind == "pdf":
        raise FileError(f"{name}: not a PDF file (no %PDF header: corrupt or renamed)", "corrupt")
    if kind == "txt":
        start = data[:512].lstrip().lower()
        if start.startswith((b"<!doctype html", b"<html")):
            return "html", None
    return kind, None


def sniff_suffix_inline(data: bytes, name: str) -> bool:
    """True for a plain-text draft (read in-process: nothing in it can make a parser spin)."""
    head = data[:8]
    if head.startswith((b"%PDF", *ZIP_MAGIC, b"\xd0\xcf\x11\xe0")) or data.startswith(_IMAGE_MAGIC):
        return False
    return kind_of_suffix(name) in ("txt", "csv", "html")


def _entry(kind: str) -> tuple[Callable, bool]:
    module, fn, wants_zip = FORMATS[kind]
    return getattr(importlib.import_module(f"{__name__}.{module}"), fn), wants_zip


def _extract_into(data: bytes, name: str, b: Builder, ctx: Context) -> str:
    kind, zf = sniff(data, name, ctx)
    fn, wants_zip = _entry(kind)
    if wants_zip:
        fn(zf, name, b, ctx)
    else:
        fn(data, name, b, ctx)
    ctx.check_chars(b.pos, name)
    return kind


def _recurse(data: bytes, name: str, parent: Builder, layer: str, part: str, ctx: Context) -> bool:
    """Extract a file inside a file into ``parent``: its parts are named ``part!inner`` and its body
    text gets ``layer`` (``embedded`` for an object in a document, ``body`` for a zip member)."""
    if is_picture(data):  # a picture inside a file: read into the parent under its own part name
        from .image import add_picture

        add_picture(data, part, parent, ctx)
        return True
    child_ctx = Context(ctx.limits, _recurse, ctx.depth + 1, ctx.deadline, ctx.pictures)
    child = Builder(prefix=parent.prefix + part + "!")
    try:
        kind = _extract_into(data, name, child, child_ctx)
    except FileError as e:
        if e.code in ("zip_bomb", "xml_bomb", "timeout", "too_large"):
            raise
        reason = str(e) if e.code != "unsupported" else f"{name}: unsupported file type, not read"
        parent.add_part(part, "embedded", f"skipped: {reason}", len(data))
        parent.warn(f"{parent.prefix}{part}: not read ({e.code}): {reason}")
        return False
    label_prefix = f"{'嵌入对象' if layer == 'embedded' else '附件'} {Path(part).name}"
    child.metadata.pop("encoding", None)
    doc = child.build(kind)
    parent.splice(doc, layer, label_prefix)
    parent.parts.extend(doc.parts)
    parent.warnings.extend(doc.warnings)
    for k, v in doc.metadata.items():
        parent.metadata[f"{part}!{k}"] = v
    return True


def extract(data: bytes, name: str = "file", *, limits: Limits | None = None) -> Document:
    """Extract every part of a file given its bytes and name. Raises :class:`FileError` (an
    :class:`~scanner.InputError`) with the reason for a file that cannot be read."""
    limits = limits or Limits()
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise FileError(f"{name}: expected bytes, got {type(data).__name__}", "wrong_type")
    data = bytes(data)
    if len(data) > limits.max_file_bytes:
        raise FileError(f"{name}: {len(data)} bytes, over the limit of {limits.max_file_bytes}", "too_large")
    ctx = Context(limits, _recurse)
    b = Builder()
    try:
        kind = _extract_into(data, name, b, ctx)
    except FileError:
        raise
    except MemoryError:
        raise FileError(f"{name}: reading it needs more memory than allowed", "too_large") from None
    except RecursionError:
        raise FileError(f"{name}: nested too deeply to read", "corrupt") from None
    except Exception as e:  # a parser's own exception on a broken file: an error with its reason, never a crash
        raise FileError(f"{name}: cannot read ({type(e).__name__}: {e})", "corrupt") from None
    return b.build(kind, encoding=b.metadata.pop("encoding", None))


def extract_file(path: str | Path, *, limits: Limits | None = None) -> Document:
    p = Path(path)
    limits = limits or Limits()
    try:
        size = p.stat().st_size
        if size > limits.max_file_bytes:
            raise FileError(f"{p}: {size} bytes, over the limit of {limits.max_file_bytes}", "too_large")
        data = p.read_bytes()
    except FileNotFoundError:
        raise FileError(f"{p}: no such file", "not_found") from None
    except IsADirectoryError:
        raise FileError(f"{p}: is a directory", "not_found") from None
    except OSError as e:
        raise FileError(f"{p}: cannot read ({e.strerror})", "unreadable") from None
    return extract(data, p.name, limits=limits)
