"""What Word, Excel and PowerPoint files share: document properties (``docProps/core.xml``,
``app.xml``, ``custom.xml``), relationships, embedded objects and pictures."""
from __future__ import annotations

import posixpath

from .document import Builder
from .image import RASTER_SUFFIXES, add_picture
from .limits import Context, SafeZip
from .meta import add_metadata

__all__ = ["read_properties", "read_embedded", "rels_of", "NS"]

NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "cup": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".emf", ".wmf", ".svg")


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_properties(zf: SafeZip, b: Builder, ctx: Context) -> None:
    """Core, extended and custom properties as ``metadata`` segments."""
    if zf.has("docProps/core.xml"):
        root = zf.xml("docProps/core.xml", recover=True)
        for el in root:
            name = _local(el.tag)
            key = {"creator": "creator", "lastModifiedBy": "last_modified_by"}.get(name, name)
            add_metadata(b, "docProps/core.xml", key, (el.text or "").strip() or None)
    if zf.has("docProps/app.xml"):
        root = zf.xml("docProps/app.xml", recover=True)
        for el in root:
            name = _local(el.tag)
            if name in ("Company", "Manager", "Template", "Application", "HyperlinkBase"):
                add_metadata(b, "docProps/app.xml", name, (el.text or "").strip() or None)
    if zf.has("docProps/custom.xml"):
        root = zf.xml("docProps/custom.xml", recover=True)
        for prop in root:
            value = "".join(prop.itertext()).strip()
            pname = prop.get("name") or "custom"
            add_metadata(b, "docProps/custom.xml", "custom", f"{pname}: {value}" if value else None,
                         label=f"文件属性·自定义属性「{pname}」")


def rels_of(zf: SafeZip, part: str) -> dict[str, tuple[str, str, str]]:
    """``{rId: (type suffix, target part, target mode)}`` of ``part`` (targets resolved to part names)."""
    d, f = posixpath.split(part)
    rels_name = posixpath.join(d, "_rels", f + ".rels")
    out: dict[str, tuple[str, str, str]] = {}
    if not zf.has(rels_name):
        return out
    for rel in zf.xml(rels_name, recover=True):
        target = rel.get("Target") or ""
        mode = rel.get("TargetMode") or "Internal"
        if mode != "External":
            target = posixpath.normpath(posixpath.join(d, target)).lstrip("/") if not target.startswith("/") \
                else target.lstrip("/")
        out[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], target, mode)
    return out


def read_embedded(zf: SafeZip, b: Builder, ctx: Context, folders: tuple[str, ...]) -> None:
    """Embedded objects (an Excel inside a Word) read as layer ``embedded``; pictures read by OCR
    (layer ``image``), vector drawings listed as parts not read."""
    for name in zf.names():
        if name.endswith("/"):
            continue
        low = name.lower()
        if not any(low.startswith(f.lower()) for f in folders):
            continue
        if low.endswith(RASTER_SUFFIXES):
            add_picture(zf.read(name), name, b, ctx)
            continue
        if low.endswith(_IMAGE_SUFFIXES):
            b.add_part(name, "image", "not_read: a vector drawing (EMF/WMF/SVG), not a picture OCR reads",
                       zf.size(name))
            continue
        if "/embeddings/" in low or "/oleobject" in low or low.endswith((".bin", ".xlsx", ".docx", ".pptx", ".pdf")):
            data = zf.read(name)
            inner = _ole_payload(data) or data
            ctx.recurse(inner, posixpath.basename(name), b, "embedded", part=name)


def _ole_payload(data: bytes) -> bytes | None:
    """The file inside an ``oleObject*.bin`` wrapper (an OLE ``Package`` or ``CONTENTS`` stream),
    when there is one; None when ``data`` is not an OLE compound file."""
    if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return None
    try:
        import olefile
    except ImportError:  # pragma: no cover - olefile is a dependency
        return None
    try:
        ole = olefile.OleFileIO(data)
    except Exception:
        return None
    try:
        for stream in (["Package"], ["CONTENTS"], ["\x01Ole10Native"]):
            if ole.exists("/".join(stream)):
                payload = ole.openstream(stream).read()
                if stream == ["\x01Ole10Native"]:
                    return _ole10native(payload)
                return payload
        if ole.exists("EncryptedPackage"):
            return data
        return None
    finally:
        ole.close()


def _ole10native(payload: bytes) -> bytes | None:
    # size(4) flags(2) label\0 path\0 reserved(4+?) ... data_size(4) data
    try:
        i = 6
        for _ in range(2):
            i = payload.index(b"\x00", i) + 1
        i += 4
        tlen = int.from_bytes(payload[i:i + 4], "little")
        i += 4 + tlen
        n = int.from_bytes(payload[i:i + 4], "little")
        return payload[i + 4:i + 4 + n]
    except (ValueError, IndexError):
        return None
