"""OFD (GB/T 33190-2016, the national fixed-layout format agencies publish in): a zip with
``OFD.xml`` (document info: title, author, creator …), each document's ``Document.xml`` (pages,
annotations, attachments) and per page ``Content.xml`` with ``TextObject``/``TextCode`` elements.

Text per page in layer order, one segment per text line (text objects on one baseline joined),
``box`` = the text object's ``Boundary`` in the document's unit (millimetres); annotations'
remarks and appearance text (layer ``comment``); attachments read recursively (``embedded``);
signatures listed as parts; a page without text (a scan) has its pictures read by OCR (layer
``image``, part the picture's member, boxes in the page's millimetres).
"""
from __future__ import annotations

import posixpath

from .document import Builder
from .limits import Context, FileError, SafeZip
from .meta import add_metadata

O = "{http://www.ofdspec.org/2016}"


def _loc(base: str, ref: str) -> str:
    ref = (ref or "").strip()
    if ref.startswith("/"):
        return ref.lstrip("/")
    return posixpath.normpath(posixpath.join(base, ref))


def _boundary(s: str | None):
    try:
        x, y, w, h = (float(v) for v in (s or "").split()[:4])
        return (x, y, x + w, y + h)
    except ValueError:
        return None


def _lines(root):
    """(text, box) per line: text objects grouped by their top edge, ordered top to bottom, left to right."""
    objs = []
    for to in root.iter(O + "TextObject"):
        box = _boundary(to.get("Boundary"))
        text = "".join(tc.text or "" for tc in to.iter(O + "TextCode"))
        if text and box:
            objs.append((round(box[1], 0), box[0], text, box))
    objs.sort()
    lines: list[tuple[str, tuple]] = []
    cur_y, cur, cur_box = None, [], None
    for y, x, text, box in objs:
        if cur_y is not None and abs(y - cur_y) <= 1:
            cur.append(text)
            cur_box = (min(cur_box[0], box[0]), min(cur_box[1], box[1]), max(cur_box[2], box[2]), max(cur_box[3], box[3]))
        else:
            if cur:
                lines.append(("".join(cur), cur_box))
            cur_y, cur, cur_box = y, [text], box
    if cur:
        lines.append(("".join(cur), cur_box))
    return lines


def _media(zf: SafeZip, res_parts: list[str]) -> dict[str, str]:
    """Resource ID → member path of every ``MultiMedia`` in these resource files (``BaseLoc`` honoured)."""
    out: dict[str, str] = {}
    for rp in res_parts:
        if not zf.has(rp):
            continue
        root = zf.xml(rp)
        base = _loc(posixpath.dirname(rp), root.get("BaseLoc") or "")
        for mm in root.iter(O + "MultiMedia"):
            f = mm.findtext(O + "MediaFile")
            if f and mm.get("ID"):
                out[mm.get("ID")] = _loc(base, f)
    return out


def _doc_media(zf: SafeZip, base: str, doc) -> dict[str, str]:
    """:func:`_media` of the document's own resource files (``PublicRes``, ``DocumentRes``)."""
    common = doc.find(O + "CommonData")
    return _media(zf, [_loc(base, el.text or "") for el in ([] if common is None else common)
                       if el.tag in (O + "PublicRes", O + "DocumentRes") and (el.text or "").strip()])


def _read_page_pictures(zf: SafeZip, content, part: str, doc_media: dict[str, str], n: int, b: Builder,
                        ctx: Context) -> None:
    """A page without text (a scan): its pictures (``ImageObject``) read by OCR, the lines' boxes in
    the page's millimetres, as its text objects' are. ``doc_media``: :func:`_doc_media`, read once
    per document (a page's own ``PageRes`` come on top of it)."""
    from .image import RASTER_SUFFIXES, add_picture

    images = list(content.iter(O + "ImageObject"))
    if not images:
        b.add_part(f"page {n}", "image", "not_read: an OFD page without text or pictures")
        return
    media = {**doc_media, **_media(zf, [_loc(posixpath.dirname(part), el.text or "")
                                        for el in content.iter(O + "PageRes") if (el.text or "").strip()])}
    for k, io_ in enumerate(images, 1):
        member = media.get(io_.get("ResourceID") or "")
        box = _boundary(io_.get("Boundary"))
        if member is None or not zf.has(member):
            b.add_part(f"page {n} picture {k}", "image", "skipped: its resource is missing from the package")
            continue
        if not member.lower().endswith(RASTER_SUFFIXES):
            b.add_part(member, "image", "not_read: not a picture format OCR reads (JBIG2, a vector drawing …)",
                       zf.size(member))
            continue
        add_picture(zf.read(member), member, b, ctx, page=n, place=box, label=f"第 {n} 页 扫描图像")


def extract_ofd(zf: SafeZip, name: str, b: Builder, ctx: Context) -> None:
    if not zf.has("OFD.xml"):
        raise FileError(f"{name}: not an OFD file (no OFD.xml)", "corrupt")
    ofd = zf.xml("OFD.xml")
    bodies = list(ofd.iter(O + "DocBody"))
    if not bodies:
        raise FileError(f"{name}: OFD.xml has no DocBody", "corrupt")
    for body in bodies:
        info = body.find(O + "DocInfo")
        if info is not None:
            for el in info:
                key = el.tag.rsplit("}", 1)[-1]
                if key in ("Title", "Author", "Subject", "Abstract", "Creator", "Keywords"):
                    value = " ".join(k.text or "" for k in el) if key == "Keywords" else el.text
                    add_metadata(b, "OFD.xml", {"Creator": "application", "Abstract": "description"}.get(key, key.lower()),
                                 value)
                elif key == "CustomDatas":
                    for cd in el:
                        add_metadata(b, "OFD.xml", "custom", f"{cd.get('Name')}: {cd.text or ''}")
        root_el = body.find(O + "DocRoot")
        if root_el is None or not (root_el.text or "").strip():
            raise FileError(f"{name}: OFD.xml has no DocRoot", "corrupt")
        doc_part = _loc("", root_el.text)
        if not zf.has(doc_part):
            raise FileError(f"{name}: OFD DocRoot {doc_part} is missing", "corrupt")
        base = posixpath.dirname(doc_part)
        doc = zf.xml(doc_part)
        pages = doc.find(f"{O}Pages")
        page_ids: dict[str, int] = {}
        doc_media: dict[str, str] | None = None  # read on the first page without text
        for n, pg in enumerate([] if pages is None else pages.findall(O + "Page"), 1):
            ctx.check_time(name)
            page_ids[pg.get("ID") or ""] = n
            part = _loc(base, pg.get("BaseLoc") or "")
            if not zf.has(part):
                raise FileError(f"{name}: OFD page {n} ({part}) is missing", "corrupt")
            content = zf.xml(part)
            lines = _lines(content)
            if not lines:
                if doc_media is None:
                    doc_media = _doc_media(zf, base, doc)
                _read_page_pictures(zf, content, part, doc_media, n, b, ctx)
            for text, box in lines:
                b.add(text, part, "body", page=n, box=box, label=f"第 {n} 页")
        ann = doc.find(O + "Annotations")
        if ann is not None and zf.has(_loc(base, ann.text or "")):
            ann_part = _loc(base, ann.text)
            for pg in zf.xml(ann_part).iter(O + "Page"):
                n = page_ids.get(pg.get("PageID") or "")
                loc = pg.find(O + "FileLoc")
                if loc is None:
                    continue
                part = _loc(posixpath.dirname(ann_part), loc.text or "")
                if not zf.has(part):
                    continue
                for a in zf.xml(part).iter(O + "Annot"):
                    remark = "".join((a.findtext(O + "Remark") or "").split())
                    shown = "".join(tc.text or "" for tc in a.iter(O + "TextCode"))
                    who = a.get("Creator") or ""
                    for text in (remark, shown):
                        b.add(text, part, "comment", page=n,
                              label=f"第 {n} 页注释（{a.get('Type') or ''}{'，' + who if who else ''}）")
        att = doc.find(O + "Attachments")
        if att is not None and zf.has(_loc(base, att.text or "")):
            att_part = _loc(base, att.text)
            for a in zf.xml(att_part).iter(O + "Attachment"):
                loc = a.findtext(O + "FileLoc") or ""
                member = _loc(posixpath.dirname(att_part), loc)
                if zf.has(member):
                    ctx.recurse(zf.read(member), a.get("Name") or posixpath.basename(member), b, "embedded",
                                part=f"attachment {a.get('Name') or member}")
    for m in zf.names():
        if "/Signs/" in m and not m.endswith("/"):
            b.add_part(m, "other", "not_read: signature", zf.size(m))
