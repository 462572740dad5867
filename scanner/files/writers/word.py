"""Word writers: an annotated copy (a real Word comment 批注 at each finding) and a cleaned copy.

Both re-read the parts with :func:`scanner.files.word.story`, the function the extractor used, so a
segment's ``ref`` ``(part, paragraph index, segment index)`` names the same paragraph and its
pieces (``(w:t element, text)``) give the exact characters a finding's offsets cover. Every other
member of the package is copied byte for byte.

- :func:`annotate_docx` splits runs at the finding's boundaries (the copy keeps the run properties)
  and wraps exactly the finding's text in ``w:commentRangeStart``/``w:commentRangeEnd`` followed
  by a ``w:commentReference`` run; the comment (author ``govscan``) says
  ``【类型】message｜依据：basis｜建议：suggestion``. A finding in deleted or hidden text gets its
  comment around that run; one in a text box at the paragraph holding the box; one outside the
  body (header, footnote, comment, properties, an embedded object) at the start of the first body
  paragraph, saying where it is (（位于页眉）…).
- :func:`clean_docx` masks every personal-data finding that has a suggestion in place (a finding
  may span several ``w:t``: each keeps its run and gets its share of the masked value), then
  removes comments (parts, anchors, references), accepts insertions, drops deletions, strips the
  text of hidden and white runs, removes the attached template and blanks the person/company
  properties.
"""
from __future__ import annotations

import copy
import posixpath
from datetime import datetime, timezone

from lxml import etree

from ...model import TYPE_LABELS
from ..document import Document
from ..limits import FileError
from .picture import clean_package_pictures
from .package import _XML_SPACE, Package, apply_text_edits, clean_properties
from ..word import (INLINE, W, Styles, cell_of, load_styles, main_part, para_props, run_kind, story,
                    story_parts)

__all__ = ["annotate_docx", "clean_docx"]

_W_NS = W[1:-1]
_COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_T, _DT, _R, _RPR, _P, _PPR = (W + n for n in ("t", "delText", "r", "rPr", "p", "pPr"))
_DELS = (W + "del", W + "moveFrom")
_INSS = (W + "ins", W + "moveTo")
_TRACK_WRAPPERS = frozenset(_DELS + _INSS)
_CHANGE_RECORDS = tuple(W + n for n in (
    "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "tblGridChange", "trPrChange", "tcPrChange",
    "tblPrExChange", "numberingChange", "cellIns", "cellDel", "cellMerge", "moveFromRangeStart", "moveFromRangeEnd",
    "moveToRangeStart", "moveToRangeEnd", "customXmlInsRangeStart", "customXmlInsRangeEnd",
    "customXmlDelRangeStart", "customXmlDelRangeEnd", "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd",
    "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd"))
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_RUN_TEXT = tuple(W + n for n in ("t", "delText", "tab", "br", "cr", "noBreakHyphen", "softHyphen", "sym"))
_COMMENT_PARTS = ("comments", "commentsExtended", "commentsIds", "commentsExtensible", "people")
AUTHOR = "govscan"


def _open(data: bytes, name: str):
    pkg = Package(data, name)
    main = main_part(pkg.has, pkg.rels(""))
    if not pkg.has(main):
        raise FileError(f"{name}: not a Word document (no {main})", "corrupt")
    parts = story_parts(pkg, main)
    styles = Styles()
    for part, _ in parts.get("styles", []):
        styles = load_styles(pkg.xml(part))
    return pkg, main, parts, styles


class _Stories:
    """The :func:`story` paragraphs of each part, computed once, before anything is changed."""

    def __init__(self, pkg: Package, styles: Styles):
        self.pkg = pkg
        self.styles = styles
        self.cache: dict[str, list] = {}

    def paras(self, part: str):
        if part not in self.cache:
            self.cache[part] = story(self.pkg.xml(part), self.styles) if self.pkg.has(part) else []
        return self.cache[part]

    def seg_of(self, doc: Document, s, parts: set[str]):
        """The :class:`~scanner.files.word.Seg` behind document segment ``s`` (None when the
        segment is not one of ``parts``' or does not match the file)."""
        ref = s.ref
        if not (isinstance(ref, tuple) and len(ref) == 3 and ref[0] in parts and s.part == ref[0]):
            return None, None
        part, pi, si = ref
        paras = self.paras(part)
        if not (0 <= pi < len(paras)) or not (0 <= si < len(paras[pi].segs)):
            return None, None
        seg = paras[pi].segs[si]
        if seg.text.replace("\x00", " ") != doc.text[s.start:s.end]:
            return None, None  # the document was not extracted from these bytes
        return paras[pi], seg


def _locate(seg, offset: int, end: bool):
    """``(element, k)``: the split point before character ``offset`` of the segment's text (for a
    start) or after character ``offset - 1`` (for an end)."""
    cum = 0
    for el, text in seg.pieces:
        n = len(text)
        if (offset < cum + n) if not end else (offset <= cum + n and (offset > cum or cum == 0)):
            return el, max(0, min(offset - cum, n))
        cum += n
    el, text = seg.pieces[-1]
    return el, len(text)


# ------------------------------------------------------------------------------------ annotate
def _split(el, k: int):
    """Split the run holding ``el`` before character ``k`` of ``el``: returns ``(node, side)``, the
    place a marker goes (``after`` the left run or ``before`` the run when nothing precedes)."""
    r = el.getparent()
    if el.tag in (_T, _DT):
        text = el.text or ""
        if 0 < k < len(text):
            el.text = text[:k]
            new = etree.Element(el.tag)
            new.text = text[k:]
            el.set(_XML_SPACE, "preserve")
            new.set(_XML_SPACE, "preserve")
            el.addnext(new)
            cut = new
        else:
            cut = el if k <= 0 else el.getnext()
    else:
        cut = el if k <= 0 else el.getnext()
    if cut is None:
        return r, "after"
    if not any(c.tag != _RPR for c in cut.itersiblings(preceding=True)):
        return r, "before"
    r2 = etree.Element(_R, attrib=dict(r.attrib))
    rpr = r.find(_RPR)
    if rpr is not None:
        r2.append(copy.deepcopy(rpr))
    for c in [cut, *cut.itersiblings()]:
        r2.append(c)
    r.addnext(r2)
    return r, "after"


def _unit(el):
    """The run of ``el``, or the revision wrapper (``w:del`` …) around it."""
    u = el.getparent()
    while u.getparent() is not None and u.getparent().tag in _TRACK_WRAPPERS:
        u = u.getparent()
    return u


def _put(node, side: str, elements: list) -> None:
    if side == "after":
        for e in reversed(elements):
            node.addnext(e)
    else:
        for e in elements:
            node.addprevious(e)


def _w(tag: str, **attrs):
    el = etree.Element(W + tag)
    for k, v in attrs.items():
        el.set(W + k, v)
    return el


def _reference(cid: str):
    r = _w("r")
    r.append(_w("commentReference", id=cid))
    return r


def _comment_text(f, where: str | None) -> str:
    head = f"【{TYPE_LABELS.get(f.type, f.type)}】"
    if where:
        head += f"（位于{where}）「{f.text}」"
    text = head + (f.message or "")
    if f.basis:
        text += f"｜依据：{f.basis}"
    if f.suggestion:
        text += f"｜建议：{f.suggestion}"
    return text


def _comment(cid: str, text: str, date: str):
    c = _w("comment", id=cid, author=AUTHOR, date=date, initials="GS")
    p = etree.SubElement(c, _P)
    r = etree.SubElement(p, _R)
    r.append(_w("annotationRef"))
    for i, line in enumerate(text.split("\n")):
        r = etree.SubElement(p, _R)
        if i:
            r.append(_w("br"))
        t = etree.SubElement(r, _T)
        t.text = line
        t.set(_XML_SPACE, "preserve")
    return c


def _max_id(*roots) -> int:
    best = -1
    for root in roots:
        if root is None:
            continue
        for el in root.iter(W + "comment", W + "commentRangeStart", W + "commentReference", W + "ins", W + "del",
                            W + "bookmarkStart"):
            try:
                best = max(best, int(el.get(W + "id") or -1))
            except ValueError:
                pass
    return best


def annotate_docx(data: bytes, name: str, doc: Document, result) -> bytes:
    """A copy of the Word file with a comment (批注, author ``govscan``) at each finding."""
    pkg, main, parts, styles = _open(data, name)
    root = pkg.xml(main)
    stories = _Stories(pkg, styles)
    paras = stories.paras(main)
    cparts = parts.get("comments", [])
    cpart = cparts[0][0] if cparts else posixpath.join(posixpath.dirname(main), "comments.xml")
    croot = pkg.xml(cpart) if pkg.has(cpart) else None
    next_id = _max_id(root, croot) + 1
    if croot is None:
        croot = etree.Element(W + "comments", nsmap={"w": _W_NS})
        pkg.put(cpart, croot)
        pkg.ensure_override(cpart, _COMMENTS_CT)
        pkg.add_rel(main, "comments", posixpath.relpath(cpart, posixpath.dirname(main) or "."))
    else:
        pkg.touch(cpart)
    date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    points: list[tuple[int, int, object]] = []  # (offset, 1 for a start, action)
    at_start: dict[int, list[str]] = {}  # paragraph index -> comment ids anchored at its start
    first = next((pa.index for pa in paras if pa.host is None), None)
    for f in result.findings:
        cid = str(next_id)
        next_id += 1
        s0 = doc.segment_at(f.start)
        pa, seg = stories.seg_of(doc, s0, {main}) if s0 is not None else (None, None)
        where = None
        if s0 is not None and s0.layer != "body":
            where = s0.place
        if pa is not None and pa.host is None and seg.kind in INLINE:
            s1 = doc.segment_at(max(f.end - 1, f.start))
            pa1, seg1 = stories.seg_of(doc, s1, {main}) if s1 is not None and s1 is not s0 else (pa, seg)
            if s1 is s0 or pa1 is None or pa1.host is not None or seg1.kind not in INLINE or \
                    (pa1.index, pa1.segs.index(seg1)) < (pa.index, pa.segs.index(seg)):
                s1, seg1, end = s0, seg, min(f.end, s0.end)
            else:
                end = min(f.end, s1.end)
            el0, k0 = _locate(seg, max(0, f.start - s0.start), False)
            el1, k1 = _locate(seg1, end - s1.start, True)
            points.append((f.start, 1, ("split", el0, k0, [_w("commentRangeStart", id=cid)])))
            points.append((end, 0, ("split", el1, k1, [_w("commentRangeEnd", id=cid), _reference(cid)])))
        elif pa is not None and pa.host is None:
            # deleted, hidden or white text: the comment goes around its run (outside the revision)
            points.append((s0.start, 1, ("before", _unit(seg.pieces[0][0]), [_w("commentRangeStart", id=cid)])))
            points.append((s0.end, 0, ("after", _unit(seg.pieces[-1][0]),
                                       [_w("commentRangeEnd", id=cid), _reference(cid)])))
        else:
            host = pa.host if pa is not None else first
            if pa is not None:
                where = "文本框" if s0.layer == "body" else where
            if host is None:
                host = -1
            where = where or (s0.place if s0 is not None else None) or "文件"
            at_start.setdefault(host, []).append(cid)
        croot.append(_comment(cid, _comment_text(f, where), date))
    points.sort(key=lambda x: (x[0], x[1]), reverse=True)
    for _, _, (how, el, *rest) in points:
        if how == "split":
            k, markers = rest
            node, side = _split(el, k)
        else:
            node, side, markers = el, how, rest[0]
        _put(node, side, markers)
    for host, ids in at_start.items():
        if host >= 0:
            p = paras[host].p
        else:
            body = root.find(W + "body")
            p = etree.Element(_P)
            body.insert(0, p)
        pos = 1 if len(p) and p[0].tag == _PPR else 0
        for cid in ids:
            for e in (_w("commentRangeStart", id=cid), _w("commentRangeEnd", id=cid), _reference(cid)):
                p.insert(pos, e)
                pos += 1
    pkg.touch(main)
    return pkg.save()


# ------------------------------------------------------------------------------------ clean
def _mask(doc: Document, result, stories: _Stories, parts: set[str]) -> list[tuple[str, str]]:
    """Replace each personal-data finding's characters by its suggestion in the elements they
    came from; returns the (text, suggestion) pairs of findings in the properties."""
    edits: dict[int, tuple[object, list]] = {}
    meta: list[tuple[str, str]] = []
    links: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for f in result.findings:
        if f.category != "personal_data" or not f.suggestion:
            continue
        sugg = f.suggestion
        same = len(sugg) == f.end - f.start
        spans = []  # (element, k0, k1, global start, global end) of text pieces
        for s in doc.segments_between(f.start, f.end):
            if s.layer == "metadata":
                meta.append((f.text, sugg))
                break
            if s.context == "hyperlink" and isinstance(s.ref, tuple) and len(s.ref) == 2:
                a, e = max(f.start, s.start) - s.start, min(f.end, s.end) - s.start
                links.setdefault(s.ref, []).append((a, e, sugg if same or a == f.start - s.start else ""))
                continue
            _, seg = stories.seg_of(doc, s, parts)
            if seg is None:
                continue
            a, e = max(f.start, s.start), min(f.end, s.end)
            cum = s.start
            for el, text in seg.pieces:
                g0, g1 = max(a, cum), min(e, cum + len(text))
                if g0 < g1 and el.tag in (_T, _DT):
                    spans.append((el, g0 - cum, g1 - cum, g0, g1))
                cum += len(text)
        for i, (el, k0, k1, g0, g1) in enumerate(spans):
            rep = sugg[g0 - f.start:g1 - f.start] if same else (sugg if i == 0 else "")
            edits.setdefault(id(el), (el, []))[1].append((k0, k1, rep))
    apply_text_edits(edits)
    _mask_links(stories.pkg, links)
    return meta


def _mask_links(pkg, links: dict[tuple[str, str], list[tuple[int, int, str]]]) -> None:
    """Mask personal data in hyperlink targets (tel:139…, mailto:…) in the part's relationships."""
    for (part, rid), changes in links.items():
        name, root = pkg.rels_root(part)
        if root is None:
            continue
        for rel in root:
            if rel.get("Id") == rid and rel.get("Target"):
                target = rel.get("Target")
                for a, e, rep in sorted(changes, reverse=True):
                    target = target[:a] + rep + target[e:]
                rel.set("Target", target)
                pkg.touch(name)


def _unwrap(el) -> None:
    parent = el.getparent()
    i = parent.index(el)
    for c in list(el):
        parent.insert(i, c)
        i += 1
    parent.remove(el)


def _drop(el) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _clean_story(root, styles: Styles) -> None:
    # the VML fallback copy of text boxes and shapes (mc:Fallback): the masks went into the
    # mc:Choice copy the extractor reads; a reader of the fallback would see the unmasked text
    for el in list(root.iter(_FALLBACK)):
        _drop(el)
    # comments: anchors and references
    for el in list(root.iter(W + "commentRangeStart", W + "commentRangeEnd")):
        _drop(el)
    for el in list(root.iter(W + "commentReference")):
        r = el.getparent()
        _drop(el)
        if r is not None and r.tag == _R and all(c.tag == _RPR for c in r):
            _drop(r)
    # tracked changes: deletions dropped, insertions accepted, change records removed
    for el in list(root.iter(*_DELS)):
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag == W + "trPr":
            tr = parent.getparent()
            tbl = tr.getparent()
            _drop(tr)
            if tbl is not None and tbl.find(W + "tr") is None and tbl.getparent() is not None:
                _drop(tbl)
        else:
            parent.remove(el)
    for el in list(root.iter(*_INSS)):
        parent = el.getparent()
        if parent is None:
            continue
        if parent.tag in (_RPR, W + "trPr") or not len(el):
            parent.remove(el)
        else:
            _unwrap(el)
    for el in list(root.iter(*_CHANGE_RECORDS)):
        _drop(el)
    for el in list(root.iter(_DT, W + "delInstrText")):
        _drop(el)
    # hidden and white runs lose their text (field characters and drawings stay, fields intact)
    ctx_of: dict = {}
    for r in list(root.iter(_R)):
        p = r.getparent()
        while p is not None and p.tag != _P:
            p = p.getparent()
        if p is None:
            continue
        key = id(p)
        if key not in ctx_of:
            ctx_of[key] = para_props(p, cell_of(p), styles)
        if run_kind(r, *ctx_of[key], styles):
            for c in list(r):
                if c.tag in _RUN_TEXT:
                    r.remove(c)
            if all(c.tag == _RPR for c in r):
                _drop(r)


def clean_docx(data: bytes, name: str, doc: Document, result) -> bytes:
    """A copy with comments, revisions, hidden text, the template and person properties removed and
    personal data masked in place."""
    pkg, main, parts, styles = _open(data, name)
    story_names = [main] + [p for kind in ("header", "footer", "footnotes", "endnotes") for p, _ in parts.get(kind, [])]
    stories = _Stories(pkg, styles)
    for part in story_names:
        stories.paras(part)  # refs are paragraph indices of the file as it was
    meta = _mask(doc, result, stories, set(story_names))
    for part in story_names:
        _clean_story(pkg.xml(part), styles)
        pkg.touch(part)
    # comments and the people who wrote them
    for target in pkg.drop_rels(main, _COMMENT_PARTS):
        pkg.remove(target)
    for kind in _COMMENT_PARTS:
        for part, _ in parts.get(kind, []):
            pkg.remove(part)
    # settings: no attached template, no further revision tracking
    for part, _ in parts.get("settings", []):
        sroot = pkg.xml(part)
        for el in list(sroot.iter(W + "attachedTemplate", W + "trackRevisions")):
            _drop(el)
        pkg.touch(part)
        pkg.drop_rels(part, ("attachedTemplate",))
    clean_properties(pkg, meta)
    clean_package_pictures(pkg, doc, result)  # EXIF/XMP dropped, findings in pictures blacked out
    return pkg.save()
