"""Reading request bodies: a JSON object and its fields, each wrong one a 4xx with its reason."""
from __future__ import annotations

from typing import Any, Mapping

from fastapi import Request

from scanner.dates import published_year
from scanner.errors import InputError
from scanner.textio import JsonObjectError
from scanner.textio import json_object as parse_json_object

from .errors import ApiError
from .store import RESERVED_ID_PREFIXES

__all__ = ["json_object", "check_json_type", "body_object", "json_type", "text_field", "id_field", "published_field",
           "str_field"]


async def json_object(request: Request) -> dict[str, Any]:
    check_json_type(request.headers.get("content-type"))
    return body_object(await request.body())


def check_json_type(ctype: str | None) -> None:
    """415 unless the ``Content-Type`` (when there is one) is JSON."""
    if ctype:
        media = ctype.split(";", 1)[0].strip().lower()
        if media != "application/json" and not media.endswith("+json"):
            raise ApiError(415, f"the body must be JSON (Content-Type: application/json), not {media[:60]}",
                           "unsupported_media_type")


def body_object(body: bytes) -> dict[str, Any]:
    """The request body as a JSON object, or the 4xx saying why not."""
    if not body.strip():
        raise ApiError(400, "empty request body; expected a JSON object", "empty_body")
    try:
        return parse_json_object(body)
    except JsonObjectError as e:
        if e.code == "invalid_utf8":
            raise ApiError(400, f"request body is not valid UTF-8 (byte {e.byte})", "invalid_utf8") from None
        if e.code == "invalid_json":
            raise ApiError(400, f"invalid JSON: {e.detail}", "invalid_json") from None
        raise ApiError(422, f"expected a JSON object, got {json_type(e.value)}", "wrong_type") from None


def json_type(v: Any) -> str:
    return {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number",
            type(None): "null"}.get(type(v), type(v).__name__)


def text_field(obj: Mapping[str, Any], max_chars: int, where: str = "") -> str:
    if "text" not in obj:
        raise ApiError(422, f"{where}missing field 'text'", "missing_field")
    text = obj["text"]
    if not isinstance(text, str):
        raise ApiError(422, f"{where}'text' must be a string, not {json_type(text)}", "wrong_type")
    if len(text) > max_chars:
        raise ApiError(413, f"{where}text of {len(text)} characters is over the limit of {max_chars}", "text_too_large",
                       limit=max_chars)
    return text


def id_field(obj: Mapping[str, Any], where: str = "") -> str | int | None:
    ident = obj.get("id")
    if ident is None or isinstance(ident, str) or (isinstance(ident, int) and not isinstance(ident, bool)):
        if isinstance(ident, str) and len(ident) > 256:
            raise ApiError(422, f"{where}'id' is longer than 256 characters", "wrong_type")
        if isinstance(ident, str) and "\x00" in ident:  # a document key: PostgreSQL cannot store it
            raise ApiError(422, f"{where}'id' must not contain the character U+0000", "wrong_type")
        if isinstance(ident, str) and ident.startswith(RESERVED_ID_PREFIXES):
            raise ApiError(422, f"{where}'id' must not start with {' or '.join(RESERVED_ID_PREFIXES)} (reserved for "
                                "scans without an id and integer ids)", "wrong_type")
        return ident
    raise ApiError(422, f"{where}'id' must be a string or an integer, not {json_type(ident)}", "wrong_type")


def published_field(obj: Mapping[str, Any], where: str = "") -> int | None:
    """The optional ``published`` date of a draft (``2015-06-01``, ``20150601``, ``2015年6月1日``,
    ``2015``): its year, which decides whether an outdated name (环境保护部 …) is history
    (:meth:`scanner.Scanner.scan`); absent or null: the text is read as written today."""
    value = obj.get("published")
    if value is None:
        return None
    try:
        return published_year(value)
    except InputError as e:
        raise ApiError(422, f"{where}{e}", "wrong_type") from None


def str_field(obj: Mapping[str, Any], key: str, *, required: bool, max_len: int) -> str | None:
    v = obj.get(key)
    if v is None or (isinstance(v, str) and not v.strip()):
        if required:
            raise ApiError(422, f"field '{key}' is required", "missing_field")
        return None
    if not isinstance(v, str):
        raise ApiError(422, f"'{key}' must be a string, not {json_type(v)}", "wrong_type")
    if len(v) > max_len:
        raise ApiError(422, f"'{key}' is longer than {max_len} characters", "too_long")
    return v.strip()
