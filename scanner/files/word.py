"""Word (.docx/.docm/.dotx/.dotm): every layer a reviewer does not see on the page but the file publishes.

Layers (SPEC section 6) and where they come from:

- ``body``: ``word/document.xml`` paragraphs in reading order; a table row's cells joined by ``\\t``
  (each cell's segments carry the column's header as ``context`` when the first row looks like one);
  text boxes (``w:txbxContent``, label 文本框; only the ``mc:Choice`` copy, never the VML
  ``mc:Fallback`` duplicate);
- ``header`` / ``footer``: every header/footer part the document references (页眉, 首页页眉, 偶数页页脚 …);
- ``footnote``: footnotes and endnotes (脚注, 尾注);
- ``comment``: ``word/comments.xml``, label 批注（author）, context = the author;
- ``tracked_change``: inserted text (``w:ins``/``w:moveTo``) stays inline in its sentence as its own
  segment (label 修订插入（author）); deleted text (``w:del``/``w:moveFrom``/``w:delText``) is never
  glued into the visible sentence: it is a segment of its own right after the paragraph (after the
  row, in a table), label 修订删除（author）;
- ``hidden``: runs with ``w:vanish`` (directly or from a character/paragraph style), label 隐藏文字,
  and white text on no highlight/shading, label 白色文字; emitted after the paragraph, like deletions;
- ``hidden`` also: the targets of external hyperlinks in the stories (``tel:139…``, ``mailto:…``),
  label 链接地址, context ``hyperlink``, ``ref = (story part, relationship id)`` for the writers;
- ``metadata``: docProps (core, app, custom) and the attached template path of ``word/settings.xml``;
- ``embedded``: objects in ``word/embeddings/`` read through ``ctx.recurse``; pictures listed as parts.

Why lxml over the raw parts and not python-docx: python-docx builds an object per run, does not
expose text boxes, tracked changes, hidden text or footnotes, and is several times slower; lxml's
tag-filtered ``iter`` walks a 100-page document in tens of milliseconds.

The same :func:`story` function is used by the extractor and by the writers
(``scanner/files/writers/word.py``): a segment's ``ref`` is ``(part, paragraph index, segment index)``
into the :class:`Para` list :func:`story` returns for that part, and each :class:`Seg` lists the XML
elements (``w:t``, ``w:delText``, ``w:tab`` …) its text came from, so a finding's offsets map back to
exact characters of exact elements.
"""
from __future__ import annotations

import posixpath
from itertools import groupby
from operator import itemgetter
from typing import Callable

from .document import Builder
from .limits import Context, FileError, SafeZip
from .meta import add_metadata
from .ooxml import read_embedded, read_properties, rels_of

__all__ = ["extract_docx", "story", "Para", "Seg", "Styles", "load_styles", "main_part", "story_parts", "W", "run_kind",
           "para_props", "cell_of", "INLINE"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_T, _DT, _TAB, _BR, _CR, _NBH = (W + n for n in ("t", "delText", "tab", "br", "cr", "noBreakHyphen"))
_P, _R, _RPR, _PPR, _TBL, _TR, _TC = (W + n for n in ("p", "r", "rPr", "pPr", "tbl", "tr", "tc"))
_VANISH, _COLOR, _HIGHLIGHT, _SHD, _RSTYLE, _PSTYLE, _VAL = (W + n for n in (
    "vanish", "color", "highlight", "shd", "rStyle", "pStyle", "val"))
_TXBX = W + "txbxContent"
_FALLBACK = MC + "Fallback"
_DELS = frozenset({W + "del", W + "moveFrom"})
_INSS = frozenset({W + "ins", W + "moveTo"})
_TEXT_TAGS = (_T, _DT, _TAB, _BR, _CR, _NBH)
_CHAR = {_TAB: "\t", _BR: "\n", _CR: "\n", _NBH: "-"}
#: block-level children that never hold document text
_SKIP_BLOCK = frozenset({W + n for n in ("sectPr", "sdtPr", "sdtEndPr", "tblPr", "tblGrid", "trPr", "tcPr",
                                         "bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd")}
                        | {_FALLBACK})
_OFF = ("0", "false", "off", "none")
INLINE = ("body", "ins")  # kinds read as part of the visible sentence
_KIND_AUTHOR = itemgetter(0, 1)  # (kind, author) of a piece
KIND_LABELS = {"ins": "修订插入", "del": "修订删除", "hidden": "隐藏文字", "white": "白色文字"}
_KIND_LAYER = {"ins": "tracked_change", "del": "tracked_change", "hidden": "hidden", "white": "hidden"}
_HEADER_LABELS = {("header", "default"): "页眉", ("header", "first"): "首页页眉", ("header", "even"): "偶数页页眉",
                  ("footer", "default"): "页脚", ("footer", "first"): "首页页脚", ("footer", "even"): "偶数页页脚"}
_MAX_HEADER = 24


class Styles:
    """What styles.xml says about hidden text: the ids of character and paragraph styles whose run
    properties (through ``basedOn``) set ``w:vanish``, and of the character styles that say
    anything about it (on or off: only those override the paragraph's style)."""

    __slots__ = ("hidden_char", "hidden_para", "vanish_char")

    def __init__(self, hidden_char: frozenset[str] = frozenset(), hidden_para: frozenset[str] = frozenset(),
                 vanish_char: frozenset[str] | None = None):
        self.hidden_char = hidden_char
        self.hidden_para = hidden_para
        self.vanish_char = hidden_char if vanish_char is None else vanish_char


def load_styles(root) -> Styles:
    """Hidden character/paragraph style ids from the ``word/styles.xml`` root (None: no styles)."""
    if root is None:
        return Styles()
    own: dict[str, bool | None] = {}
    based: dict[str, str] = {}
    kind: dict[str, str] = {}
    for st in root.iter(W + "style"):
        sid = st.get(W + "styleId")
        if not sid:
            continue
        kind[sid] = st.get(W + "type") or "paragraph"
        b = st.find(W + "basedOn")
        if b is not None and b.get(_VAL):
            based[sid] = b.get(_VAL)
        rpr = st.find(_RPR)
        v = rpr.find(_VANISH) if rpr is not None else None
        own[sid] = None if v is None else _on(v)

    def vanish(sid: str) -> bool | None:
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            v = own.get(sid)
            if v is not None:
                return v
            sid = based.get(sid, "")
        return None

    hc = frozenset(s for s, k in kind.items() if k == "character" and vanish(s))
    hp = frozenset(s for s, k in kind.items() if k == "paragraph" and vanish(s))
    vc = frozenset(s for s, k in kind.items() if k == "character" and vanish(s) is not None)
    return Styles(hc, hp, vc)


def _on(el) -> bool:
    return (el.get(_VAL) or "true").lower() not in _OFF


def _filled(shd) -> bool:
    """A shading that paints a background (so white text on it is visible)."""
    if shd is None:
        return False
    fill = (shd.get(W + "fill") or "auto").upper()
    return fill not in ("AUTO", "FFFFFF") or (shd.get(_VAL) or "clear") not in ("clear", "nil")


def _white(c) -> bool:
    theme = (c.get(W + "themeColor") or "").lower()
    if theme:
        return theme in ("background1", "light1")
    return (c.get(_VAL) or "").upper() in ("FFFFFF", "FEFEFE", "FDFDFD")


def run_kind(run, para_hidden: bool, shaded: bool, styles: Styles) -> str | None:
    """'hidden' / 'white' for a run the page does not show, else None."""
    rpr = run[0] if len(run) and run[0].tag == _RPR else None
    if rpr is None:
        return "hidden" if para_hidden else None
    vanish: bool | None = None
    color = None
    background = shaded
    rstyle = None
    for c in rpr:
        t = c.tag
        if t == _VANISH:
            vanish = _on(c)
        elif t == _COLOR:
            color = c
        elif t == _RSTYLE:
            rstyle = c.get(_VAL)
        elif t == _HIGHLIGHT:
            background = background or (c.get(_VAL) or "none").lower() not in ("none", "white")
        elif t == _SHD:
            background = background or _filled(c)
    if vanish is None:  # run properties > character style > paragraph style
        vanish = (rstyle in styles.hidden_char) if rstyle is not None and rstyle in styles.vanish_char else para_hidden
    if vanish:
        return "hidden"
    if color is not None and not background and _white(color):
        return "white"
    return None


class Seg:
    """One segment of a paragraph: its kind (body, ins, del, hidden, white), the revision's author,
    and the ``(element, text)`` pieces its text is made of."""

    __slots__ = ("kind", "author", "pieces", "text")

    def __init__(self, kind: str, author: str, pieces: list):
        self.kind = kind
        self.author = author
        self.pieces = pieces
        self.text = "".join(t for _, t in pieces)


class Para:
    """A paragraph of a part: its element, its index in :func:`story` order, the index of the
    paragraph hosting it when it is in a text box, and its segments (inline ones first)."""

    __slots__ = ("p", "index", "host", "segs", "has_text")

    def __init__(self, p, index: int, host: int | None, segs: list[Seg]):
        self.p = p
        self.index = index
        self.host = host
        self.segs = segs
        self.has_text = any(s.text.strip() for s in segs if s.kind in INLINE)


def para_props(p, tc, styles: Styles) -> tuple[bool, bool]:
    """``(hidden by its paragraph style, on a shaded background)`` of paragraph ``p`` in cell ``tc``."""
    ppr = p[0] if len(p) and p[0].tag == _PPR else None
    para_hidden = False
    shaded = False
    if ppr is not None:
        shaded = _filled(ppr.find(_SHD))
        if styles.hidden_para:
            ps = ppr.find(_PSTYLE)
            para_hidden = ps is not None and ps.get(_VAL) in styles.hidden_para
    if tc is not None and not shaded:
        tcpr = tc.find(W + "tcPr")
        shaded = tcpr is not None and _filled(tcpr.find(_SHD))
    return para_hidden, shaded


def cell_of(p):
    """The table cell holding paragraph ``p`` (not looking past a text box), or None."""
    a = p.getparent()
    while a is not None:
        if a.tag == _TC:
            return a
        if a.tag == _TXBX:
            return None
        a = a.getparent()
    return None


def story(root, styles: Styles | None = None, tick: Callable[[], None] | None = None) -> list[Para]:
    """The paragraphs of one story part (document, header, footnotes, comments …) in document order,
    without the ``mc:Fallback`` copies, each split into segments (see :class:`Seg`)."""
    styles = styles or Styles()
    paras: list[Para] = []
    index_of: dict = {}
    for n, p in enumerate(root.iter(_P)):
        if tick is not None and n % 1000 == 999:
            tick()
        host_el = None
        in_txbx = False
        tc = None
        a = p.getparent()
        skip = False
        while a is not None:
            t = a.tag
            if t == _FALLBACK:
                skip = True
                break
            if t == _TXBX:
                in_txbx = True
            elif t == _P:
                if in_txbx and host_el is None:
                    host_el = a
            elif t == _TC and tc is None and not in_txbx:
                tc = a
            a = a.getparent()
        if skip:
            continue
        para_hidden, shaded = para_props(p, tc, styles)
        host = index_of.get(host_el) if host_el is not None else None
        para = Para(p, len(paras), host, _segments(p, para_hidden, shaded, styles))
        index_of[p] = para.index
        paras.append(para)
    return paras


def _segments(p, para_hidden: bool, shaded: bool, styles: Styles) -> list[Seg]:
    pieces: list[tuple[str, str, object, str]] = []  # (kind, author, element, text)
    last_run = None
    run_ok = False
    plain = True  # every piece visible body text: one segment, no grouping
    kind = "body"
    author = ""
    for el in p.iter(*_TEXT_TAGS):
        r = el.getparent()
        if r is not last_run:
            last_run = r
            run_ok = r is not None and r.tag == _R
            if not run_ok:
                continue
            a = r.getparent()
            ckind = None
            author = ""
            if a is not p:
                change = None
                while a is not None and a is not p:
                    t = a.tag
                    if t in _DELS:
                        if ckind != "del":
                            ckind, change = "del", a
                    elif t in _INSS:
                        if ckind is None:
                            ckind, change = "ins", a
                    elif t == _P or t == _FALLBACK or t == _TXBX:
                        run_ok = False
                        break
                    a = a.getparent()
                if not run_ok:
                    continue
                if change is not None:
                    author = (change.get(W + "author") or "").strip()
            if ckind == "del":
                kind = "del"
            elif para_hidden or (len(r) and r[0].tag == _RPR):
                kind = run_kind(r, para_hidden, shaded, styles) or ckind or "body"
            else:
                kind = ckind or "body"
            if kind != "body":
                plain = False
        elif not run_ok:
            continue
        tag = el.tag
        if tag == _T:
            text = el.text
            if not text:
                continue
            k = kind
        elif tag == _DT:
            text = el.text
            if not text:
                continue
            k = "del" if kind in INLINE else kind
            plain = False
        else:
            text = _CHAR[tag]
            k = kind
        pieces.append((k, author, el, text))
    if not pieces:
        return []
    if plain:
        return [Seg("body", "", [(el, text) for _, _, el, text in pieces])]
    # inline segments: consecutive body/ins pieces of one author (deferred pieces between them skipped);
    # then the deferred ones: adjacent pieces of the same kind and author
    inline = [p for p in pieces if p[0] in INLINE]
    segs = [Seg(k, au, [(el, text) for _, _, el, text in group]) for (k, au), group in groupby(inline, key=_KIND_AUTHOR)]
    segs += [Seg(k, au, [(el, text) for _, _, el, text in group])
             for (k, au), group in groupby(pieces, key=_KIND_AUTHOR) if k not in INLINE]
    return segs


# ------------------------------------------------------------------------------------- parts
def main_part(names_has: Callable[[str], bool], rels: dict) -> str:
    """The main document part: the package's officeDocument relationship, else word/document.xml."""
    for t, target, mode in rels.values():
        if t == "officeDocument" and mode != "External" and names_has(target):
            return target
    return "word/document.xml"


def story_parts(zf: SafeZip, main: str) -> dict[str, list[tuple[str, str]]]:
    """``{"header": [(part, label)], "footer": [...], "footnotes": [...], "endnotes": [...],
    "comments": [...], "settings": [...], "styles": [...]}`` from the main part's relationships."""
    rels = rels_of(zf, main)
    out: dict[str, list[tuple[str, str]]] = {}
    for t, target, mode in rels.values():
        if mode == "External" or not zf.has(target):
            continue
        out.setdefault(t, []).append((target, ""))
    for t, default in (("footnotes", "word/footnotes.xml"), ("endnotes", "word/endnotes.xml"),
                       ("comments", "word/comments.xml"), ("settings", "word/settings.xml"),
                       ("styles", "word/styles.xml")):
        if t not in out and zf.has(default):
            out[t] = [(default, "")]
    for t in out:
        out[t] = sorted(set(out[t]))
    return out


def _header_labels(root, rels: dict) -> dict[str, str]:
    """Part name -> 页眉/首页页眉/偶数页页脚 … from the sections' header and footer references."""
    out: dict[str, str] = {}
    for ref_tag, kind in ((W + "headerReference", "header"), (W + "footerReference", "footer")):
        for ref in root.iter(ref_tag):
            rel = rels.get(ref.get(R_NS + "id") or "")
            if rel is None:
                continue
            label = _HEADER_LABELS.get((kind, ref.get(W + "type") or "default"), "页眉" if kind == "header" else "页脚")
            out.setdefault(rel[1], label)
    return out


class _Emitter:
    """Turns one part's paragraphs into records ``[text, layer, sep, label, context, ref]`` in
    reading order: tables row by row (cells joined by tabs, deferred segments after the row), text
    boxes after the paragraph that hosts them."""

    def __init__(self, part: str, layer: str, paras: list[Para]):
        self.part = part
        self.layer = layer
        self.by_el = {pa.p: pa for pa in paras}
        self.paras = paras
        self.records: list[list] = []
        self.deferred: list[list] | None = None
        self.done: set[int] = set()
        self.tables = 0

    def blocks(self, container, place: str, context: str | None = None) -> None:
        for child in container:
            tag = child.tag
            if tag == _P:
                self.para(child, place, context)
            elif tag == _TBL:
                self.table(child, place, context)
            elif isinstance(tag, str) and tag not in _SKIP_BLOCK and len(child):
                self.blocks(child, place, context)

    def leftovers(self, place: str) -> None:
        """Paragraphs the block walk did not reach (an unusual container): in document order."""
        for pa in self.paras:
            if pa.index not in self.done:
                self.para(pa.p, place, None)

    def para(self, p, place: str, context: str | None) -> None:
        pa = self.by_el.get(p)
        if pa is None or pa.index in self.done:
            return
        self.done.add(pa.index)
        recs = self.records
        if pa.has_text:
            n0 = len(recs)
            for si, seg in enumerate(pa.segs):
                if seg.kind not in INLINE:
                    break
                if not seg.text:
                    continue
                if seg.kind == "body":
                    layer, label = self.layer, place
                else:
                    layer, label = "tracked_change", self._kind_label(place, seg)
                recs.append([seg.text, layer, "", label, context, (self.part, pa.index, si)])
            if len(recs) > n0:
                recs[-1][2] = "\n"
        out = self.deferred if self.deferred is not None else recs
        for si, seg in enumerate(pa.segs):
            if seg.kind in INLINE or not seg.text.strip():
                continue
            out.append([seg.text, _KIND_LAYER[seg.kind], "\n", self._kind_label(place, seg), context,
                        (self.part, pa.index, si)])
        for tx in p.iter(_TXBX):
            a = tx.getparent()
            while a is not None and a is not p and a.tag not in (_P, _FALLBACK):
                a = a.getparent()
            if a is p:
                self.blocks(tx, "文本框" if place == "正文" else f"{place}·文本框")

    @staticmethod
    def _kind_label(place: str, seg: Seg) -> str:
        label = KIND_LABELS[seg.kind] + (f"（{seg.author}）" if seg.author and seg.kind in ("ins", "del") else "")
        return label if place == "正文" else f"{place}·{label}"

    def table(self, tbl, place: str, context: str | None) -> None:
        self.tables += 1
        n = self.tables
        rows = _children(tbl, _TR)
        outer = self.deferred is None
        if outer:
            self.deferred = []
        headers: dict[int, str] = {}
        base = "" if place == "正文" else f"{place}·"
        for ri, tr in enumerate(rows):
            cells = _cells(tr)
            if ri == 0 and len(rows) >= 2:
                headers = self._headers(cells)
            row_start = len(self.records)
            for col, tc in cells:
                n0 = len(self.records)
                ctx = headers.get(col) if ri > 0 else None
                self.blocks(tc, f"{base}表格 {n} 第 {ri + 1} 行第 {col + 1} 列", ctx or context)
                if len(self.records) > n0:
                    self.records[-1][2] = "\t"
            if len(self.records) > row_start:
                self.records[-1][2] = "\n"
            if outer and self.deferred:
                self.records.extend(self.deferred)
                self.deferred.clear()
        if outer:
            self.deferred = None

    def _headers(self, cells) -> dict[int, str]:
        out: dict[int, str] = {}
        for col, tc in cells:
            text = " ".join("".join(s.text for s in self.by_el[p].segs if s.kind in INLINE).strip()
                            for p in tc.iter(_P) if p in self.by_el).strip()
            if text:
                if len(text) > _MAX_HEADER or any(ch.isdigit() for ch in text):
                    return {}
                out[col] = text
        return out


def _children(el, tag) -> list:
    """Direct children with ``tag``, looking through content-control and custom-XML wrappers."""
    out = []
    for c in el:
        if c.tag == tag:
            out.append(c)
        elif c.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            out.extend(_children(c, tag))
    return out


def _cells(tr) -> list[tuple[int, object]]:
    out = []
    col = 0
    for tc in _children(tr, _TC):
        out.append((col, tc))
        span = 1
        tcpr = tc.find(W + "tcPr")
        if tcpr is not None:
            gs = tcpr.find(W + "gridSpan")
            if gs is not None:
                try:
                    span = max(1, int(gs.get(_VAL) or 1))
                except ValueError:
                    span = 1
        col += span
    return out


def _flush(b: Builder, part: str, records: list[list]) -> None:
    for text, layer, sep, label, context, ref in records:
        b.add(text, part, layer, sep=sep, label=label, context=context, ref=ref)
    b.separate()


def _read_story(zf: SafeZip, part: str, b: Builder, ctx: Context, layer: str, place: str, styles: Styles,
                root=None) -> None:
    ctx.check_time(zf.name)
    if root is None:
        root = zf.xml(part)
    paras = story(root, styles, lambda: ctx.check_time(zf.name))
    em = _Emitter(part, layer, paras)
    local = root.tag.rsplit("}", 1)[-1]
    if local in ("footnotes", "endnotes"):
        lab = "脚注" if local == "footnotes" else "尾注"
        for note in root:
            if (note.get(W + "type") or "normal") in ("separator", "continuationSeparator", "continuationNotice"):
                for p in note.iter(_P):  # never reached: mark done so leftovers skips them
                    pa = em.by_el.get(p)
                    if pa is not None:
                        em.done.add(pa.index)
                continue
            em.blocks(note, lab)
    elif local == "comments":
        for c in root:
            author = (c.get(W + "author") or "").strip()
            em.blocks(c, f"批注（{author or '未署名'}）", author or None)
    else:
        body = root.find(W + "body")
        em.blocks(body if body is not None else root, place)
    em.leftovers(place)
    _flush(b, part, em.records)


def rels_name(part: str) -> str:
    d, f = posixpath.split(part)
    return posixpath.join(d, "_rels", f + ".rels")


def extract_docx(zf: SafeZip, name: str, b: Builder, ctx: Context) -> None:
    """Entry point (see ``scanner.files.FORMATS``): every layer of a Word document into ``b``."""
    main = main_part(zf.has, rels_of(zf, ""))
    if not zf.has(main):
        raise FileError(f"{name}: not a Word document (no {main})", "corrupt")
    parts = story_parts(zf, main)
    styles = Styles()
    for part, _ in parts.get("styles", []):
        try:
            styles = load_styles(zf.xml(part, recover=True))
        except FileError as e:
            if e.code != "corrupt":
                raise
            b.warn(f"{name}: {part} unreadable, hidden styles not resolved")
        break
    root = zf.xml(main)
    if root.find(W + "body") is None:
        raise FileError(f"{name}: {main} has no document body", "corrupt")
    labels = _header_labels(root, rels_of(zf, main))
    for part, _ in parts.get("header", []):
        _read_story(zf, part, b, ctx, "header", labels.get(part, "页眉"), styles)
    _read_story(zf, main, b, ctx, "body", "正文", styles, root=root)
    for part, _ in parts.get("footer", []):
        _read_story(zf, part, b, ctx, "footer", labels.get(part, "页脚"), styles)
    for kind in ("footnotes", "endnotes"):
        for part, _ in parts.get(kind, []):
            _read_story(zf, part, b, ctx, "footnote", "脚注" if kind == "footnotes" else "尾注", styles)
    for part, _ in parts.get("comments", []):
        _read_story(zf, part, b, ctx, "comment", "批注", styles)
    # link targets: 拨打电话 linked to tel:139…, an e-mail address behind a name: on no page
    stories = [main] + [p for kind in ("header", "footer", "footnotes", "endnotes", "comments")
                        for p, _ in parts.get(kind, [])]
    for part in stories:
        for rid, (t, target, mode) in rels_of(zf, part).items():
            if t == "hyperlink" and mode == "External" and target:
                b.add(target, rels_name(part), "hidden", label="链接地址", context="hyperlink", ref=(part, rid))
    for part, _ in parts.get("settings", []):
        for t, target, mode in rels_of(zf, part).values():
            if t == "attachedTemplate":
                add_metadata(b, part, "template", target)
    read_properties(zf, b, ctx)
    if b.title is None and b.metadata.get("title"):
        b.title = b.metadata["title"]
    folder = posixpath.dirname(main) or "word"
    read_embedded(zf, b, ctx, (f"{folder}/embeddings/", f"{folder}/media/"))
    for n in zf.names():
        if n.lower().endswith("vbaproject.bin"):
            b.add_part(n, "other", "skipped: VBA macros (neither run nor read)", zf.size(n))
            b.warn(f"{name}: contains VBA macros ({n})")
