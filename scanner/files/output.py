"""Files out: an annotated copy (a reviewer note at each finding, the way reviewers already work
in Word/WPS) and a cleaned copy (hidden layers, comments, tracked changes, notes and properties
removed, personal data masked in place). One writer module per format under ``writers/``; they
never re-implement extraction: they take the document's segments (and their ``ref``) back.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model import ScanResult
from .document import Document
from .limits import FileError

__all__ = ["WRITERS", "annotate_bytes", "can_write", "clean_bytes", "CleanReport", "writable_kinds"]

#: kind -> (module under scanner.files.writers, annotate function, clean function, output suffix)
WRITERS: dict[str, tuple[str, str | None, str | None]] = {
    "docx": ("word", "annotate_docx", "clean_docx"),
    "xlsx": ("sheet", "annotate_xlsx", "clean_xlsx"),
    "pptx": ("slides", None, "clean_pptx"),
    "pdf": ("pdf", None, "clean_pdf"),  # (a PDF is cleaned as pictures of its pages; nothing annotates one)
    "image": ("picture", None, "clean_image"),
    "odf": ("odf", None, "clean_odf"),  # OpenDocument text (.odt/.ott); spreadsheets and slides: unsupported
}


def writable_kinds(verb: str) -> list[str]:
    i = 1 if verb == "annotate" else 2
    out = []
    for kind, spec in WRITERS.items():
        try:
            mod = importlib.import_module(f"{__package__}.writers.{spec[0]}")
        except ImportError:
            continue
        if spec[i] and hasattr(mod, spec[i]):
            out.append(kind)
    return out


def can_write(kind: str, verb: str, name: str) -> bool:
    """Whether ``annotate`` or ``clean`` (``verb``) writes a file of this kind and name (what the
    reviewer page offers): an OpenDocument file is cleaned only as a text (.odt/.ott)."""
    if kind not in writable_kinds(verb):
        return False
    return kind != "odf" or name.lower().endswith((".odt", ".ott"))


def _writer(kind: str, verb: str, name: str):
    spec = WRITERS.get(kind)
    i = 1 if verb == "annotate" else 2
    fn = None
    if spec and spec[i]:
        try:
            fn = getattr(importlib.import_module(f"{__package__}.writers.{spec[0]}"), spec[i], None)
        except ImportError:
            fn = None
    if fn is None:
        kinds = ", ".join("." + k for k in writable_kinds(verb)) or "none"
        raise FileError(f"{name}: cannot {verb} a {kind} file; {verb} writes {kinds}", "unsupported")
    return fn


def annotate_bytes(data: bytes, name: str, doc: Document, result: ScanResult) -> bytes:
    """A copy of the file with a reviewer note at each finding of ``result``."""
    return _writer(doc.kind, "annotate", name)(data, name, doc, result)


@dataclass(frozen=True)
class CleanReport:
    """What ``clean`` did: the cleaned bytes, the result before, and the rescan of the copy."""

    data: bytes
    before: ScanResult
    after: ScanResult

    def remaining(self, min_severity: str = "review") -> list[Any]:
        rank = {"info": 0, "review": 1, "block": 2}[min_severity]
        return [f for f in self.after.findings if {"info": 0, "review": 1, "block": 2}[f.severity] >= rank]


def clean_bytes(data: bytes, name: str, doc: Document, result: ScanResult) -> bytes:
    """A copy of the file with hidden layers and properties removed and personal data masked."""
    return _writer(doc.kind, "clean", name)(data, name, doc, result)


def output_name(name: str, verb: str) -> str:
    p = Path(name)
    return f"{p.stem}.{'审查批注' if verb == 'annotate' else '已清理'}{p.suffix}"
