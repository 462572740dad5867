"""Uploaded files: scan one, or get back an annotated or a cleaned copy.

A file is read in an extraction worker process (time and memory caps, zip limits checked from the
directory before any XML: scanner/files/isolate.py); at most ``file_workers`` at once per worker."""
from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from scanner.errors import InputError
from scanner.files import SUPPORTED_SUFFIXES, FileError, picture_media_type
from scanner.files.output import annotate_bytes, can_write, clean_bytes, output_name
from scanner.files.scan import scan_document

from ..auth import Token
from ..errors import ERRORS, ApiError, json_response, note
from ..inputs import published_field
from ..scanning import scan_durably
from ..state import ServiceState, Svc
from .scan import log_result

router = APIRouter(tags=["scan"], responses=ERRORS)

#: FileError code -> HTTP status for an upload that cannot be read (docs/SERVICE.md)
_FILE_ERROR_STATUS = {"unsupported": 415, "too_large": 413, "zip_bomb": 413}
_MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
}
FILE_BODY = {"content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file"],
    "properties": {"file": {"type": "string", "format": "binary",
                            "description": "a draft or attachment: " + ", ".join(SUPPORTED_SUFFIXES)},
                   "id": {"type": "string", "description": "document id"},
                   "published": {"type": "string", "description": "when it was published (2015-06-01, 2015年6月1日, "
                                                                 "2015), as for /v1/scan"}}}}}, "required": True}


async def _read_upload(request: Request, field: str = "id", *, dated: bool = False
                       ) -> tuple[bytes, str, str | None, int | None]:
    """The uploaded file's bytes, its name, the form's ``field`` and, when ``dated``, the year of
    the form's ``published`` date (None when absent or not ``dated``; a 422 when it is not a date)."""
    ctype = request.headers.get("content-type", "")
    if not ctype.startswith("multipart/form-data"):
        raise ApiError(415, "expected multipart/form-data with a 'file' field", "unsupported_media_type")
    async with request.form(max_files=1, max_fields=10) as form:
        up = form.get("file")
        if not isinstance(up, UploadFile):
            raise ApiError(400, "missing the 'file' part of the upload", "missing_file")
        doc_id = form.get(field)
        if isinstance(doc_id, UploadFile) or (isinstance(doc_id, str) and not doc_id.strip()):
            doc_id = None
        limit = 256 if field == "id" else 1024
        if doc_id is not None and len(doc_id) > limit:
            raise ApiError(422, f"'{field}' is longer than {limit} characters", "wrong_type")
        published = None
        if dated:
            value = form.get("published")
            published = published_field({"published": value if isinstance(value, str) and value.strip() else None})
        filename = (up.filename or "").replace("\\", "/").rsplit("/", 1)[-1] or "upload"
        data = await up.read()
    return data, filename, doc_id, published


async def _extract_upload(st: ServiceState, data: bytes, filename: str):
    """Extract in the worker process (time and memory caps); FileError → 4xx with its reason."""
    try:
        async with st.upload_slots:
            doc = await run_in_threadpool(st.extractor.extract, data, filename)
    except FileError as e:
        status = _FILE_ERROR_STATUS.get(e.code, 422)
        code = {415: "unsupported_file_type", 422: "unreadable_file"}.get(status, e.code)
        raise ApiError(status, f"cannot read the file: {e}", code, reason=e.code) from None
    except InputError as e:
        raise ApiError(422, f"cannot read the file: {e}", "unreadable_file") from None
    if len(doc.text) > st.settings.max_chars:
        raise ApiError(413, f"extracted text of {len(doc.text)} characters is over the limit of "
                            f"{st.settings.max_chars}", "text_too_large", limit=st.settings.max_chars)
    return doc


@router.post("/v1/scan/file", openapi_extra={"requestBody": FILE_BODY},
             summary="Scan an uploaded file (Word, Excel, PDF, slides, OFD, ODF, HTML, zip …): every part and "
                     "layer; findings point into the extracted text and carry their location")
async def scan_file(request: Request, st: Svc, caller: Token):
    data, filename, doc_id, published = await _read_upload(request, dated=True)
    doc = await _extract_upload(st, data, filename)
    sc = st.scanner
    res = (await scan_durably(st, [(doc.text, doc_id, published)], source=f"file:{doc.kind}", filename=filename,
                              client=caller.client,
                              scan=lambda text, ident, deadline: scan_document(
                                  sc, doc, id=ident, deadline=deadline, published=published).to_dict()))[0]
    res["text"] = doc.text
    res["document"] = {"filename": filename, "kind": doc.kind, "title": doc.title, "encoding": doc.encoding,
                       "bytes": len(data),
                       # what POST /v1/annotate and /v1/clean write for this file (the page offers those)
                       "writable": {verb: can_write(doc.kind, verb, filename or "") for verb in ("annotate", "clean")}}
    log_result(request, res)
    note(request, kind=doc.kind, bytes=len(data))
    return json_response(res)


async def _file_out(request: Request, st: ServiceState, verb: str) -> Response:
    data, filename, _, _ = await _read_upload(request)
    doc = await _extract_upload(st, data, filename)
    sc = st.scanner

    def work(deadline: float):
        result = scan_document(sc, doc, deadline=deadline)
        fn = annotate_bytes if verb == "annotate" else clean_bytes
        return result, fn(data, filename, doc, result)

    try:
        result, out = await st.pool.run(work)
    except FileError as e:
        raise ApiError(415 if e.code == "unsupported" else 422, str(e),
                       "unsupported_file_type" if e.code == "unsupported" else "unreadable_file", reason=e.code) from None
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(output_name(filename, verb))}",
               "X-Govscan-Verdict": result.verdict, "X-Govscan-Findings": str(len(result.findings))}
    if verb == "clean":
        # pictures (a PDF's pages) the scan did not read, past the budget: copied without their masks
        headers["X-Govscan-Not-Read"] = str(len(doc.pictures_not_read()))
        try:
            after = await st.pool.run(lambda deadline: scan_document(sc, st.extractor.extract(out, filename),
                                                                     deadline=deadline))
            headers["X-Govscan-Verdict-After"] = after.verdict
            headers["X-Govscan-Remaining"] = str(sum(f.severity != "info" for f in after.findings))
        except FileError as e:  # pragma: no cover - a writer producing an unreadable copy is a bug
            raise ApiError(500, f"the cleaned copy cannot be read back: {e}", "clean_failed") from None
    note(request, kind=doc.kind, bytes=len(data), findings=len(result.findings))
    media = ((picture_media_type(out) if doc.kind == "image" else _MEDIA_TYPES.get(doc.kind))
             or "application/octet-stream")
    return Response(out, media_type=media, headers=headers)


@router.post("/v1/annotate", openapi_extra={"requestBody": FILE_BODY}, response_class=Response,
             summary="A copy of the file with a reviewer comment (Word 批注, Excel cell comment, PDF note) at "
                     "each finding")
async def annotate_file(request: Request, st: Svc, caller: Token):
    return await _file_out(request, st, "annotate")


@router.post("/v1/clean", openapi_extra={"requestBody": FILE_BODY}, response_class=Response,
             summary="A copy with comments, tracked changes, hidden content, notes and properties removed and "
                     "personal data masked in place")
async def clean_file(request: Request, st: Svc, caller: Token):
    return await _file_out(request, st, "clean")


PICTURE_BODY = {"content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["file", "part"],
    "properties": {"file": {"type": "string", "format": "binary", "description": "the file that was scanned"},
                   "part": {"type": "string", "description": "a finding's location.part naming a picture: the "
                                                             "file itself, word/media/image1.png, a.zip!b.jpg"}}}}},
    "required": True}


@router.post("/v1/file/picture", openapi_extra={"requestBody": PICTURE_BODY}, response_class=Response,
             summary="One picture of an uploaded file (upright, without EXIF, as JPEG or PNG), for the reviewer "
                     "page to draw the findings' boxes over it")
async def file_picture(request: Request, st: Svc, caller: Token):
    from scanner.files.image import picture_of

    data, filename, part, _ = await _read_upload(request, "part")
    if not part:
        raise ApiError(400, "missing the 'part' field: the picture's location.part", "missing_part")
    if len(data) > st.settings.max_upload_bytes:
        raise ApiError(413, f"{len(data)} bytes, over the limit of {st.settings.max_upload_bytes}", "too_large")
    try:
        async with st.upload_slots:
            out, media = await run_in_threadpool(picture_of, data, filename, part, st.settings.file_limits())
    except FileError as e:
        status = 404 if e.code == "not_found" else _FILE_ERROR_STATUS.get(e.code, 422)
        raise ApiError(status, f"cannot show the picture: {e}", "picture_not_found" if status == 404 else e.code,
                       reason=e.code) from None
    note(request, kind="picture", bytes=len(out))
    return Response(out, media_type=media, headers={"Cache-Control": "no-store"})
