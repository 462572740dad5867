"""Word writers: an annotated copy (a real Word comment, 批注, at each finding) and a cleaned copy.

Both edit the parts with lxml and copy every other zip member byte for byte, so formatting,
pictures and styles stay as they were. They find a finding's paragraph by the segment's ``ref``
(``(part, paragraph index, layer)``), the same walk the extractor made.

- ``annotate_docx``: each finding in a body paragraph gets a comment anchored on that paragraph
  (``w:commentRangeStart``/``End`` and a ``w:commentReference`` run) whose text is
  「类型」message｜原文｜依据｜建议; findings outside the body (header, comment, properties …) are
  anchored on the first paragraph and say where they are.
- ``clean_docx``: comments removed (part, relationship, anchors), insertions accepted, deletions
  dropped, hidden and white runs dropped, the attached template and the personal properties
  (author, last modified by, company, manager) blanked, and each personal-data finding with a
  suggestion masked in place, across runs when it spans several.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

from lxml import etree

from ...model import TYPE_LABELS
from ..document import Document
from ..limits import FileError
from ..word import _DEL, _INS, _P, _R, _RPR, _T, W, _paragraph_runs

__all__ = ["annotate_docx", "clean_docx"]

_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_WNS = W[1:-1]


def _rewrite(data: bytes, name: str, changes: dict[str, bytes | None]) -> bytes:
    """Copy the zip, replacing members in ``changes`` (None drops a member, a new name is added)."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise FileError(f"{name}: corrupt .docx ({e})", "corrupt") from None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        seen = set()
        for info in src.infolist():
            seen.add(info.filename)
            if info.filename in changes:
                if changes[info.filename] is not None:
                    dst.writestr(info.filename, changes[info.filename])
                continue
            dst.writestr(info, src.read(info))
        for member, content in changes.items():
            if member not in seen and content is not None:
                dst.writestr(member, content)
    return out.getvalue()


def _xml(data: bytes, member: str):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(member), etree.XMLParser(resolve_entities=False, no_network=True))


def _has(data: bytes, member: str) -> bool:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return member in z.namelist()


def _dump(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _note_of(f, where: str | None) -> str:
    label = TYPE_LABELS.get(f.type, f.type)
    bits = [f"【{label}】{f.message}", f"原文：{f.text}"]
    if where:
        bits.append(f"位置：{where}")
    if f.basis:
        bits.append(f"依据：{f.basis}")
    if f.suggestion is not None:
        bits.append(f"建议：{f.suggestion}")
    return "｜".join(bits)


# ----------------------------------------------------------------------------- annotate
def annotate_docx(data: bytes, name: str, doc: Document, result) -> bytes:
    body = _xml(data, "word/document.xml")
    paragraphs = list(body.iter(_P))
    first = next((p for p in paragraphs if p.getparent() is not None), None)
    if first is None:
        raise FileError(f"{name}: the document has no paragraph to anchor comments on", "unsupported")
    if _has(data, "word/comments.xml"):
        comments = _xml(data, "word/comments.xml")
    else:
        comments = etree.Element(W + "comments", nsmap={"w": _WNS})
    next_id = max([int(c.get(W + "id")) for c in comments.iter(W + "comment") if (c.get(W + "id") or "").isdigit()]
                  + [0]) + 1
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    for f in result.findings:
        seg = doc.segment_at(f.start)
        ref = seg.ref if seg is not None else None
        if ref and ref[0] == "word/document.xml" and ref[2] == "body" and ref[1] < len(paragraphs):
            p, where = paragraphs[ref[1]], None
        else:
            loc = f.location or {}
            p, where = first, f"{loc.get('label') or loc.get('layer')}（{loc.get('part')}）"
        cid = str(next_id)
        next_id += 1
        c = etree.SubElement(comments, W + "comment")
        c.set(W + "id", cid)
        c.set(W + "author", "govscan")
        c.set(W + "initials", "GS")
        c.set(W + "date", now)
        cp = etree.SubElement(c, W + "p")
        cr = etree.SubElement(cp, W + "r")
        t = etree.SubElement(cr, W + "t")
        t.text = _note_of(f, where)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        start = etree.Element(W + "commentRangeStart")
        start.set(W + "id", cid)
        ppr = p.find(W + "pPr")
        (ppr.addnext(start) if ppr is not None else p.insert(0, start))
        end = etree.SubElement(p, W + "commentRangeEnd")
        end.set(W + "id", cid)
        ref_run = etree.SubElement(p, W + "r")
        rr = etree.SubElement(ref_run, W + "commentReference")
        rr.set(W + "id", cid)
    changes: dict[str, bytes | None] = {"word/document.xml": _dump(body), "word/comments.xml": _dump(comments)}
    if not _has(data, "word/comments.xml"):
        rels = _xml(data, "word/_rels/document.xml.rels")
        ids = {r.get("Id") for r in rels}
        rid = next(f"rIdGovscan{i}" for i in range(1, 10_000) if f"rIdGovscan{i}" not in ids)
        r = etree.SubElement(rels, _REL + "Relationship")
        r.set("Id", rid)
        r.set("Type", _COMMENTS_TYPE)
        r.set("Target", "comments.xml")
        changes["word/_rels/document.xml.rels"] = _dump(rels)
        ct = _xml(data, "[Content_Types].xml")
        o = etree.SubElement(ct, _CT + "Override")
        o.set("PartName", "/word/comments.xml")
        o.set("ContentType", _COMMENTS_CT)
        changes["[Content_Types].xml"] = _dump(ct)
    return _rewrite(data, name, changes)


# ----------------------------------------------------------------------------- clean
def _mask_in_paragraph(p, a: int, b: int, replacement: str) -> None:
    """Replace characters [a, b) of the paragraph's visible text by ``replacement``, across runs."""
    pos = 0
    first = True
    for layer, _, text, el in list(_paragraph_runs(p)):
        if layer != "body":
            continue
        n = len(text)
        lo, hi = max(a, pos), min(b, pos + n)
        if lo < hi and el.tag == _T:
            i, j = lo - pos, hi - pos
            if len(replacement) == b - a:
                piece = replacement[lo - a:hi - a]
            else:
                piece = replacement if first else ""
            el.text = text[:i] + piece + text[j:]
            el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            first = False
        pos += n


def _strip_layers(root) -> None:
    for tag in ("commentRangeStart", "commentRangeEnd"):
        for el in list(root.iter(W + tag)):
            el.getparent().remove(el)
    for el in list(root.iter(W + "commentReference")):
        run = el.getparent()
        if run.tag == _R and run.getparent() is not None:
            run.getparent().remove(run)
    for el in list(root.iter(_DEL)):
        if el.getparent() is not None:
            el.getparent().remove(el)
    for el in list(root.iter(_INS)):  # accept: the inserted runs take the w:ins element's place
        parent = el.getparent()
        if parent is None or el.getparent().tag == _RPR:
            continue
        i = parent.index(el)
        for child in list(el):
            parent.insert(i, child)
            i += 1
        parent.remove(el)
    from ..word import _run_state

    for run in list(root.iter(_R)):
        if run.getparent() is not None and _run_state(run) is not None:
            run.getparent().remove(run)


def clean_docx(data: bytes, name: str, doc: Document, result) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = z.namelist()
    parts = [m for m in members if m == "word/document.xml" or m.startswith(("word/header", "word/footer"))
             or m in ("word/footnotes.xml", "word/endnotes.xml")]
    parts = [m for m in parts if m.endswith(".xml")]
    roots = {m: _xml(data, m) for m in parts}
    # masks first, on the paragraphs as extracted (before layers are removed the indices still match)
    for f in sorted(result.findings, key=lambda f: -f.start):
        if f.category != "personal_data" or f.suggestion is None:
            continue
        seg = doc.segment_at(f.start)
        ref = seg.ref if seg is not None else None
        if not ref or ref[2] != "body" or ref[0] not in roots:
            continue
        paragraphs = list(roots[ref[0]].iter(_P))
        if ref[1] < len(paragraphs):
            _mask_in_paragraph(paragraphs[ref[1]], f.start - seg.start, f.end - seg.start, f.suggestion)
    changes: dict[str, bytes | None] = {}
    for m, root in roots.items():
        _strip_layers(root)
        changes[m] = _dump(root)
    for m in ("word/comments.xml", "word/commentsExtended.xml", "word/commentsIds.xml", "word/commentsExtensible.xml",
              "word/people.xml"):
        if m in members:
            changes[m] = None
    rels_name = "word/_rels/document.xml.rels"
    if rels_name in members:
        rels = _xml(data, rels_name)
        for r in list(rels):
            if r.get("Type", "").rsplit("/", 1)[-1] in ("comments", "commentsExtended", "commentsIds",
                                                         "commentsExtensible", "people"):
                rels.remove(r)
        changes[rels_name] = _dump(rels)
    ct = _xml(data, "[Content_Types].xml")
    for o in list(ct):
        if o.get("PartName", "").lstrip("/") in changes and changes[o.get("PartName", "").lstrip("/")] is None:
            ct.remove(o)
    changes["[Content_Types].xml"] = _dump(ct)
    if "word/settings.xml" in members:
        settings = _xml(data, "word/settings.xml")
        for el in list(settings.iter(W + "attachedTemplate")):
            settings.remove(el) if el.getparent() is settings else el.getparent().remove(el)
        changes["word/settings.xml"] = _dump(settings)
        srels = "word/_rels/settings.xml.rels"
        if srels in members:
            changes[srels] = None
    _clean_properties(data, members, changes)
    return _rewrite(data, name, changes)


_CORE_PERSONAL = ("creator", "lastModifiedBy", "title", "subject", "keywords", "description", "category")
_APP_PERSONAL = ("Company", "Manager", "Template", "HyperlinkBase")


def _clean_properties(data: bytes, members: list[str], changes: dict[str, bytes | None]) -> None:
    """Blank the properties that name people or places (shared by the OOXML writers)."""
    if "docProps/core.xml" in members:
        core = _xml(data, "docProps/core.xml")
        for el in list(core):
            if el.tag.rsplit("}", 1)[-1] in _CORE_PERSONAL:
                core.remove(el)
        changes["docProps/core.xml"] = _dump(core)
    if "docProps/app.xml" in members:
        app = _xml(data, "docProps/app.xml")
        for el in list(app):
            if el.tag.rsplit("}", 1)[-1] in _APP_PERSONAL:
                app.remove(el)
        changes["docProps/app.xml"] = _dump(app)
    if "docProps/custom.xml" in members:
        changes["docProps/custom.xml"] = None
        rels = "_rels/.rels"
        if rels in members:
            r = _xml(data, rels)
            for el in list(r):
                if el.get("Target", "").lstrip("/") == "docProps/custom.xml":
                    r.remove(el)
            changes[rels] = _dump(r)
        ct_name = "[Content_Types].xml"
        ct = etree.fromstring(changes[ct_name]) if changes.get(ct_name) else _xml(data, ct_name)
        for o in list(ct):
            if o.get("PartName", "") == "/docProps/custom.xml":
                ct.remove(o)
        changes[ct_name] = _dump(ct)
