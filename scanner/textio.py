"""Reading draft files: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030.

GB18030 (a superset of GBK and GB2312) is still common in files from Chinese government
offices. Anything else is an :class:`InputError` with a clear message, never a traceback.
"""
from __future__ import annotations

import codecs
from pathlib import Path

import orjson

from .errors import InputError

__all__ = ["decode_bytes", "read_text", "read_bytes", "json_object", "JsonObjectError"]


def decode_bytes(data: bytes, *, name: str = "input") -> tuple[str, str]:
    """Decode ``data``; returns ``(text, encoding)``."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: invalid UTF-8 after the BOM at byte {e.start + 3}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise InputError(f"{name}: invalid UTF-16 at byte {e.start}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                f"{name}: not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) "
                "and not GB18030 either; convert the file to UTF-8") from None
        # GB18030 decodes almost any byte string; accept it only if the result looks like text.
        bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\r\n\f") or 0xE000 <= ord(ch) <= 0xF8FF)
        if bad > max(2, len(text) // 100):
            raise InputError(f"{name}: not UTF-8 and does not look like GB18030 text; convert it to UTF-8")
        return text, "gb18030"


def read_text(path: str | Path) -> tuple[str, str]:
    """Read a text file, detecting UTF-8 / UTF-16 (BOM) / GB18030. Returns ``(text, encoding)``."""
    return decode_bytes(read_bytes(path), name=str(path))


def read_bytes(path: str | Path) -> bytes:
    """A file's bytes; an :class:`InputError` with the reason when it cannot be read."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory") from None
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror})") from None


class JsonObjectError(InputError):
    """A JSON record that is not a JSON object. ``code``: ``invalid_utf8`` (``byte``: where),
    ``invalid_json`` (``detail``: the parser's reason) or ``not_object`` (``value``: what it was)."""

    def __init__(self, message: str, code: str, *, byte: int | None = None, detail: str | None = None,
                 value: object = None):
        super().__init__(message)
        self.code, self.byte, self.detail, self.value = code, byte, detail, value


def json_object(data: bytes | str) -> dict:
    """One JSON object (a JSONL line, a request body), or :class:`JsonObjectError` saying why not:
    invalid UTF-8 (and at which byte), invalid JSON, or another JSON value than an object."""
    try:
        obj = orjson.loads(data)
    except orjson.JSONDecodeError as e:
        if isinstance(data, bytes):
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as ue:
                raise JsonObjectError(f"invalid UTF-8 at byte {ue.start}", "invalid_utf8", byte=ue.start) from None
        raise JsonObjectError(f"invalid JSON ({e})", "invalid_json", detail=str(e)) from None
    if not isinstance(obj, dict):
        raise JsonObjectError(f"expected a JSON object, got {type(obj).__name__}", "not_object", value=obj)
    return obj
