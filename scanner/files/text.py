"""Plain text drafts: UTF-8 (BOM or not), UTF-16 with BOM, GB18030 (see :mod:`scanner.textio`)."""
from __future__ import annotations

from ..textio import decode_bytes
from .document import Builder
from .limits import Context, FileError


def extract_text(data: bytes, name: str, b: Builder, ctx: Context) -> None:
    try:
        text, enc = decode_bytes(data, name=name)
    except FileError:
        raise
    except Exception as e:  # InputError from decode_bytes: keep its message, give it a code
        raise FileError(str(e), "encoding") from None
    ctx.check_chars(len(text), name)
    b.add(text, "text", "body", sep="")
    b.metadata["encoding"] = enc
