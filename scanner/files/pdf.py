"""PDF: text per page, redaction that does not redact, hidden text, annotations, form fields,
attachments and metadata, read with PDFium (pypdfium2: Google's C++ parser behind Chrome's
viewer, the fastest of the Python options and robust on broken files; its raw API gives the
page objects, their paint order and colours, which a text-only library cannot).

Layers (one segment each; ``part`` is ``page N`` unless said otherwise):

- ``body``: a page's text in PDFium's reading order, lines joined with ``\\n`` (PDFium's ``\\r\\n``
  collapsed; ``ref = ("page", n, crlf)`` maps offsets back to PDFium char indices), label
  ``第 N 页``; form-field values (``part = page N form``, label ``第 N 页表单域「name」``, the field
  name as ``context``);
- ``redaction``: text still in the text layer under an opaque box drawn to hide it: a filled path
  drawn *after* the text in a dark colour (luminance < 0.25), a fill of the text's own colour, a
  filled dark ``Square`` annotation or a ``Redact`` annotation never applied. ``box`` is the text's
  rectangle in PDF points ``[left, bottom, right, top]``, label ``第 N 页 涂黑处``. The body reads
  blanks there, so the text is reported once, in this layer. A light table-cell background
  under black text is not a redaction, and neither is white text drawn on a dark banner;
- ``hidden``: white text on nothing darker, text with a transparent fill, invisible text on a page
  without a picture under it (invisible text over a scan is the scan's OCR layer: body), text
  smaller than 1 pt or wholly outside the crop box; label ``第 N 页 隐藏文字``;
- ``comment``: annotations' ``/Contents`` (notes, free text, highlights, stamps …), author ``/T``
  as context, part ``page N annotations``, label ``第 N 页批注（author）``;
- ``embedded``: attachments (document-level and file-attachment annotations), read through
  ``ctx.recurse``, part ``attachment NAME``;
- ``metadata``: the Info dictionary and the XMP packet (``dc:creator`` …) when stored uncompressed
  (as the PDF spec recommends; a compressed XMP stream is not read).

A page without any text layer (a scan) is listed as an image part for OCR. Chars of a page are
visited one by one only on pages with a candidate box or hidden text object (a few per file);
the common page costs one object walk and one text extraction, both in C.
"""
from __future__ import annotations

import bisect
import ctypes
import re
from dataclasses import dataclass, field

from .. import rx
from .document import Builder
from .limits import Context, FileError
from .meta import add_metadata

__all__ = ["extract_pdf", "open_pdf", "analyse_page", "PageAnalysis", "body_to_char"]

_DARK = 0.25  # luminance (0..1) below which an opaque fill hides what is under it
_MIN_AREA = 30.0  # pt²: smaller fills are rules, bullets and underlines
_OPAQUE = 200  # alpha (0..255) from which a fill hides what is under it
_SAME_COLOUR = 24  # |dr|+|dg|+|db| under which two colours are the same to the eye
_WHITE = 0.96  # luminance over which text is white
_TRANSLATE = {0: " ", 2: "-", 0xFFFE: "-"}  # PDFium's NUL and soft-hyphen marks, length kept
_INF = float("inf")


def _pdfium():
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    return pdfium, raw


def _lum(rgb: tuple[int, int, int]) -> float:
    return (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255


def _same(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return abs(a[0] - b[0]) + abs(a[1] - b[1]) + abs(a[2] - b[2]) <= _SAME_COLOUR


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _addr(ptr) -> int:
    return ctypes.cast(ptr, ctypes.c_void_p).value or 0


def open_pdf(data: bytes, name: str):
    """Open ``data`` with PDFium; a FileError (encrypted, corrupt) for what it cannot open."""
    pdfium, raw = _pdfium()
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        err = getattr(e, "err_code", None)
        msg = str(e)
        if err in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY) or "password" in msg.lower() \
                or "security" in msg.lower():
            raise FileError(f"{name}: the PDF is encrypted (password-protected); remove the password and send it "
                            "again", "encrypted") from None
        raise FileError(f"{name}: corrupt or truncated PDF ({msg})", "corrupt") from None


# --------------------------------------------------------------------------- the page objects

@dataclass(slots=True)
class _Text:
    order: int
    ptr: object
    parent: object  # the form object holding it, or None for a top-level object
    bounds: tuple[float, float, float, float]
    rgb: tuple[int, int, int]
    alpha: int
    mode: int
    size: float = 12.0  # font size in page points (the object's matrix applied)


@dataclass(slots=True)
class _Fill:
    order: float
    bounds: tuple[float, float, float, float]
    rgb: tuple[int, int, int]
    kind: str  # "path" | "image" | "annot" | "redact"


def _walk(raw, page_raw):
    """Every text object, filled path and picture of a page in paint order (forms flattened)."""
    texts: list[_Text] = []
    fills: list[_Fill] = []
    has_image = False
    f_l, f_b, f_r, f_t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    pl, pb, pr, pt = ctypes.byref(f_l), ctypes.byref(f_b), ctypes.byref(f_r), ctypes.byref(f_t)
    c_r, c_g, c_b, c_a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    cr, cg, cb, ca = ctypes.byref(c_r), ctypes.byref(c_g), ctypes.byref(c_b), ctypes.byref(c_a)
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    fsize, matrix = ctypes.c_float(), raw.FS_MATRIX()
    get_type, get_bounds, get_fill = raw.FPDFPageObj_GetType, raw.FPDFPageObj_GetBounds, raw.FPDFPageObj_GetFillColor
    T_TEXT, T_PATH, T_IMAGE, T_FORM = (raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE,
                                       raw.FPDF_PAGEOBJ_FORM)
    order = 0
    # (container, parent form or None, count, getter)
    stack = [(page_raw, None, raw.FPDFPage_CountObjects(page_raw), raw.FPDFPage_GetObject, 0)]
    depth_cap = 8
    while stack:
        container, parent, count, getter, i = stack.pop()
        while i < count:
            obj = getter(container, i)
            i += 1
            if not obj:
                continue
            order += 1
            t = get_type(obj)
            if t == T_TEXT:
                if not get_bounds(obj, pl, pb, pr, pt):
                    continue
                if not get_fill(obj, cr, cg, cb, ca):
                    c_r.value = c_g.value = c_b.value = 0
                    c_a.value = 255
                texts.append(_Text(order, obj, parent, (f_l.value, f_b.value, f_r.value, f_t.value),
                                   (c_r.value, c_g.value, c_b.value), c_a.value, raw.FPDFTextObj_GetTextRenderMode(obj),
                                   _font_size(raw, obj, fsize, matrix)))
            elif t == T_PATH:
                if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(mode), ctypes.byref(stroke)) or mode.value == 0:
                    continue
                if not get_fill(obj, cr, cg, cb, ca) or c_a.value < _OPAQUE:
                    continue
                if not get_bounds(obj, pl, pb, pr, pt):
                    continue
                w, h = f_r.value - f_l.value, f_t.value - f_b.value
                if w * h >= _MIN_AREA and w > 3 and h > 3:
                    fills.append(_Fill(order, (f_l.value, f_b.value, f_r.value, f_t.value),
                                       (c_r.value, c_g.value, c_b.value), "path"))
            elif t == T_IMAGE:
                has_image = True
                if get_bounds(obj, pl, pb, pr, pt):
                    fills.append(_Fill(order, (f_l.value, f_b.value, f_r.value, f_t.value), (128, 128, 128), "image"))
            elif t == T_FORM and len(stack) < depth_cap:
                stack.append((container, parent, count, getter, i))
                container, parent, count, getter, i = obj, obj, raw.FPDFFormObj_CountObjects(obj), \
                    raw.FPDFFormObj_GetObject, 0
    return texts, fills, has_image


# --------------------------------------------------------------------------- the analysis

@dataclass(slots=True)
class PageAnalysis:
    """What one page holds: its raw PDFium text (``\\r\\n`` kept, one char per PDFium char index),
    the char indices that are not visible, and the boxes and hidden runs they form."""

    text: str
    n_chars: int
    #: (box of the text, kind "path"|"annot"|"redact", sorted char indices)
    redactions: list[tuple[tuple[float, float, float, float], str, list[int]]] = field(default_factory=list)
    #: (box, reason, sorted char indices)
    hidden: list[tuple[tuple[float, float, float, float], str, list[int]]] = field(default_factory=list)


def _hidden_reason(t: _Text, fills: list[_Fill], crop, has_image: bool, raw) -> str | None:
    l, b, r, top = t.bounds
    if r <= crop[0] or l >= crop[2] or top <= crop[1] or b >= crop[3]:
        return "页面外文字"
    if t.size < 1.0 or (top - b < 1.0 and r - l < 1.0):
        return "极小字号文字"
    mode = t.mode
    if mode == raw.FPDF_TEXTRENDERMODE_INVISIBLE or mode == raw.FPDF_TEXTRENDERMODE_CLIP:
        if has_image and any(f.kind == "image" and f.order < t.order and _overlap(f.bounds, t.bounds) for f in fills):
            return None  # the OCR layer of a scanned page
        return "不可见文字"
    if mode in (raw.FPDF_TEXTRENDERMODE_STROKE, raw.FPDF_TEXTRENDERMODE_STROKE_CLIP):
        return None  # outline text: the fill colour says nothing
    if t.alpha < 16:
        return "透明文字"
    if _lum(t.rgb) >= _WHITE:
        cx, cy = (l + r) / 2, (b + top) / 2
        for f in fills:
            if f.order < t.order and f.bounds[0] <= cx <= f.bounds[2] and f.bounds[1] <= cy <= f.bounds[3] \
                    and (f.kind == "image" or _lum(f.rgb) < _WHITE):
                return None  # white on something darker: visible
        return "白色文字"
    return None


def _box_hides(f: _Fill, t: _Text) -> bool:
    """Whether the fill, where it overlaps the text object, hides it."""
    if f.kind == "redact":
        return True
    if f.kind == "image":
        return False
    if _same(f.rgb, t.rgb):
        return True  # the text's own colour, before or after it
    if f.order > t.order and _lum(f.rgb) < _DARK:
        return True  # a dark box painted over the text
    return False


def _font_size(raw, obj, size, matrix) -> float:
    """A text object's font size in page points: its font size times the scale of its matrix
    (a 12 pt font scaled by 0.04 is 0.48 pt on the page); 12 when PDFium cannot say."""
    if not raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(size)):
        return 12.0
    scale = 1.0
    if raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    return size.value * scale


def _appearance_fill(raw, annot) -> tuple[int, int, int] | None:
    """The colour of the largest opaque filled path of an annotation's appearance stream (what a
    viewer paints for it), or None."""
    best, best_area = None, 0.0
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    l, bo, ri, t = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for i in range(min(raw.FPDFAnnot_GetObjectCount(annot), 64)):
        obj = raw.FPDFAnnot_GetObject(annot, i)
        if not obj or raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(mode), ctypes.byref(stroke)) or mode.value == 0:
            continue
        if not raw.FPDFPageObj_GetFillColor(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)) \
                or a.value < _OPAQUE:
            continue
        if not raw.FPDFPageObj_GetBounds(obj, ctypes.byref(l), ctypes.byref(bo), ctypes.byref(ri), ctypes.byref(t)):
            continue
        area = (ri.value - l.value) * (t.value - bo.value)
        if area > best_area:
            best, best_area = (r.value, g.value, b.value), area
    return best


def _annot_fills(raw, page_raw) -> list[_Fill]:
    """Redact annotations and filled square annotations: painted over the whole page content."""
    out = []
    rect = raw.FS_RECTF()
    r, g, bl, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    for k in range(raw.FPDFPage_GetAnnotCount(page_raw)):
        annot = raw.FPDFPage_GetAnnot(page_raw, k)
        if not annot:
            continue
        try:
            sub = raw.FPDFAnnot_GetSubtype(annot)
            if sub not in (raw.FPDF_ANNOT_REDACT, raw.FPDF_ANNOT_SQUARE):
                continue
            if not raw.FPDFAnnot_GetRect(annot, ctypes.byref(rect)):
                continue
            box = (min(rect.left, rect.right), min(rect.bottom, rect.top), max(rect.left, rect.right),
                   max(rect.bottom, rect.top))
            if sub == raw.FPDF_ANNOT_REDACT:
                out.append(_Fill(_INF, box, (0, 0, 0), "redact"))
            elif raw.FPDFAnnot_GetAP(annot, raw.FPDF_ANNOT_APPEARANCEMODE_NORMAL, None, 0) > 2:
                # with an appearance stream PDFium will not give /IC: what the stream paints is what shows
                rgb = _appearance_fill(raw, annot)
                if rgb is not None:
                    out.append(_Fill(_INF, box, rgb, "annot"))
            elif raw.FPDFAnnot_HasKey(annot, b"IC") and raw.FPDFAnnot_GetColor(
                    annot, raw.FPDFANNOT_COLORTYPE_InteriorColor, ctypes.byref(r), ctypes.byref(g), ctypes.byref(bl),
                    ctypes.byref(a)) and a.value >= _OPAQUE:
                # no /IC: a hollow frame (PDFium would answer its default black)
                out.append(_Fill(_INF, box, (r.value, g.value, bl.value), "annot"))
        finally:
            raw.FPDFPage_CloseAnnot(annot)
    return out


def analyse_page(raw, page, textpage) -> PageAnalysis:
    """The page's text and the chars of it a reader does not see (under a box, hidden)."""
    text = textpage.get_text_range()
    if not text:
        return PageAnalysis("", 0)
    if any(ch in text for ch in ("\x00", "\x02", "\ufffe")):
        text = text.translate(_TRANSLATE)
    n = textpage.count_chars()
    pa = PageAnalysis(text, n)
    texts, fills, has_image = _walk(raw, page.raw)
    fills += _annot_fills(raw, page.raw)
    crop = page.get_cropbox()
    hidden_obj: dict[int, str] = {}
    candidates: dict[int, list[_Fill]] = {}
    boxes = [f for f in fills if f.kind != "image"]
    for t in texts:
        reason = _hidden_reason(t, fills, crop, has_image, raw)
        if reason:
            hidden_obj[_addr(t.ptr)] = reason
            continue
        if boxes:
            hits = [f for f in boxes if _overlap(f.bounds, t.bounds) and _box_hides(f, t)]
            if hits:
                candidates[_addr(t.ptr)] = hits
    if not hidden_obj and not candidates:
        return pa
    if n != len(text):
        # PDFium's char count and its text disagree (chars outside the BMP): no char map
        return pa
    get_obj = raw.FPDFText_GetTextObject
    get_box = raw.FPDFText_GetLooseCharBox
    rect = raw.FS_RECTF()
    prect = ctypes.byref(rect)
    red: dict[int, tuple[_Fill, list[int], list[float]]] = {}
    hid: dict[str, tuple[list[int], list[float]]] = {}
    for i in range(n):
        ch = text[i]
        if ch in "\r\n":
            continue
        a = _addr(get_obj(textpage.raw, i))
        if not a:
            continue
        reason = hidden_obj.get(a)
        if reason is None and a not in candidates:
            continue
        if not get_box(textpage.raw, i, prect):
            continue
        cb = (rect.left, min(rect.bottom, rect.top), rect.right, max(rect.bottom, rect.top))
        if reason is not None:
            idx, ub = hid.setdefault(reason, ([], [_INF, _INF, -_INF, -_INF]))
            idx.append(i)
            _grow(ub, cb)
            continue
        cx, cy = (cb[0] + cb[2]) / 2, (cb[1] + cb[3]) / 2
        for f in candidates[a]:
            fb = f.bounds
            if fb[0] <= cx <= fb[2] and fb[1] <= cy <= fb[3]:
                key = id(f)
                if key not in red:
                    red[key] = (f, [], [_INF, _INF, -_INF, -_INF])
                red[key][1].append(i)
                _grow(red[key][2], cb)
                break
    for f, idx, ub in red.values():
        if any(not text[i].isspace() for i in idx):
            pa.redactions.append((tuple(round(v, 2) for v in ub), f.kind, idx))
    for reason, (idx, ub) in hid.items():
        if any(not text[i].isspace() for i in idx):
            pa.hidden.append((tuple(round(v, 2) for v in ub), reason, idx))
    pa.redactions.sort(key=lambda r: r[2][0])
    return pa


def _grow(ub: list[float], cb) -> None:
    if cb[0] < ub[0]:
        ub[0] = cb[0]
    if cb[1] < ub[1]:
        ub[1] = cb[1]
    if cb[2] > ub[2]:
        ub[2] = cb[2]
    if cb[3] > ub[3]:
        ub[3] = cb[3]


def _runs_text(text: str, idx: list[int]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text of sorted char indices: consecutive runs joined, separate runs on their own line
    if a line break lies between them. Returns the text and the runs ``(start, end)``."""
    runs: list[list[int]] = []
    for i in idx:
        if runs and i == runs[-1][1]:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    parts = []
    for k, (s, e) in enumerate(runs):
        if k:
            gap = text[runs[k - 1][1]:s]
            parts.append("\n" if "\n" in gap or "\r" in gap else " ")
        parts.append(text[s:e])
    return "".join(parts), tuple((s, e) for s, e in runs)


def _normalise(text: str) -> tuple[str, tuple[int, ...]]:
    """``\\r\\n`` → ``\\n`` (lone ``\\r`` too) and the positions in the result of each collapsed pair."""
    if "\r" not in text:
        return text, ()
    pieces = text.split("\r\n")
    crlf = []
    pos = 0
    for p in pieces[:-1]:
        pos += len(p)
        crlf.append(pos)
        pos += 1
    return "\n".join(pieces).replace("\r", "\n"), tuple(crlf)


def body_to_char(offset: int, crlf: tuple[int, ...]) -> int:
    """A body segment offset (in the normalised page text) → PDFium char index."""
    return offset + bisect.bisect_left(crlf, offset)


# --------------------------------------------------------------------------- the document

_INFO_KEYS = {"Author": "author", "Creator": "application", "Producer": "producer", "Title": "title",
              "Subject": "subject", "Keywords": "keywords", "CreationDate": "created", "ModDate": "modified"}


def extract_pdf(data: bytes, name: str, b: Builder, ctx: Context) -> None:
    pdfium, raw = _pdfium()
    pdf = open_pdf(data, name)
    try:
        n_pages = len(pdf)
        if n_pages > ctx.limits.max_pages:
            raise FileError(f"{name}: {n_pages} pages, over the limit of {ctx.limits.max_pages}", "too_large")
        form = None
        if pdf.get_formtype() != raw.FORMTYPE_NONE:
            try:
                pdf.init_forms()
                form = pdf.formenv.raw if pdf.formenv else None
            except Exception as e:  # a broken AcroForm must not stop the page text
                b.warn(f"{name}: form fields not read ({e})")
        seen_fields: set[tuple[str, str]] = set()
        annot_files: list[tuple[str, bytes]] = []
        for i in range(n_pages):
            ctx.check_time(name)
            page = pdf[i]
            try:
                _read_page(raw, page, i + 1, b, form, seen_fields, annot_files, ctx)
            finally:
                page.close()
            ctx.check_chars(b.pos, name)
        _read_attachments(pdf, name, b, ctx, annot_files)
        _read_metadata(pdf, data, name, b, ctx)
    except FileError:
        raise
    except pdfium.PdfiumError as e:
        raise FileError(f"{name}: corrupt PDF ({e})", "corrupt") from None
    finally:
        pdf.close()


def _read_page(raw, page, n: int, b: Builder, form, seen_fields, annot_files, ctx: Context) -> None:
    textpage = page.get_textpage()
    try:
        pa = analyse_page(raw, page, textpage)
        part = f"page {n}"
        if not pa.text.strip():
            _ocr_page(page, n, part, b, ctx)
        else:
            _ocr_page_pictures(raw, page, n, b, ctx)
            text = pa.text
            blank = [i for _, _, idx in pa.redactions for i in idx] + [i for _, _, idx in pa.hidden for i in idx]
            if blank:
                chars = list(text)
                for i in blank:
                    chars[i] = " "
                text = "".join(chars)
            body, crlf = _normalise(text)
            if body.strip():
                b.add(body, part, "body", page=n, label=f"第 {n} 页", ref=("page", n, crlf))
            for box, kind, idx in pa.redactions:
                under, runs = _runs_text(pa.text, idx)
                label = f"第 {n} 页 涂黑处" if kind in ("path", "annot") else f"第 {n} 页 未执行的涂黑标注"
                b.add(under, part, "redaction", page=n, box=box, label=label, ref=("chars", n, runs))
            for box, reason, idx in pa.hidden:
                under, runs = _runs_text(pa.text, idx)
                b.add(under, part, "hidden", page=n, box=box, label=f"第 {n} 页 隐藏文字（{reason}）",
                      ref=("chars", n, runs))
        _read_annotations(raw, page, n, b, form, seen_fields, annot_files)
    finally:
        textpage.close()


#: a page without a text layer is rendered at this resolution for OCR (150 dpi: 10.5 pt text is ~22 px)
OCR_DPI = 150
#: a picture on a page with text is read when it is at least this large on the page (points)
_MIN_PICTURE_PT = 36


def _ocr_within_budget(part: str, what: str, fail: str, b: Builder, ctx: Context, render):
    """OCR of ``render()`` (a PIL image) within the file's picture budget; None, with the part
    listed and the reason said, when the budget refuses it or it cannot be rendered or read."""
    from .. import ocr

    if ctx.pictures.refused(part, what, b, ctx):
        return None
    try:
        with ctx.pictures.timed():
            return ocr.read_image(render())  # keyed in the OCR cache by the picture's pixels
    except Exception as e:  # listed with the reason, never a silent skip
        b.add_part(part, "image", f"skipped: {fail} ({type(e).__name__}: {e})")
        b.warn(f"{b.prefix}{part}: {what} not read: {e}")
        return None


def _ocr_page(page, n: int, part: str, b: Builder, ctx: Context) -> None:
    """A page without a text layer (a scan): rendered at :data:`OCR_DPI` and read by OCR; the
    lines' boxes are given in PDF points (origin bottom left, as the redaction boxes)."""
    from .image import add_lines

    scale = OCR_DPI / 72.0
    pt = _ocr_within_budget(part, "page without text", "page not rendered", b, ctx,
                            lambda: page.render(scale=scale).to_pil().convert("RGB"))
    if pt is None:
        return
    left, _bottom, _right, top = page.get_cropbox()

    def to_points(box):
        x0, y0, x1, y1 = box
        return (round(left + x0 / scale, 2), round(top - y1 / scale, 2), round(left + x1 / scale, 2),
                round(top - y0 / scale, 2))
    add_lines(pt.lines, part, b, page=n, label=f"第 {n} 页 扫描图像", scale=to_points)
    b.add_part(part, "image", "read")


def _ocr_page_pictures(raw, page, n: int, b: Builder, ctx: Context) -> None:
    """The pictures on a page that has text (a photographed notice, a screenshot): each read by
    OCR, its lines' boxes mapped onto the page in points."""
    from .image import add_lines

    k = 0
    pw, ph = page.get_size()
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        try:
            left, bottom, right, top = obj.get_bounds()
        except Exception as e:  # listed, never a silent skip
            b.add_part(f"page {n} picture {k + 1}", "image", f"skipped: picture position unknown ({e})")
            k += 1
            continue
        if right - left < _MIN_PICTURE_PT or top - bottom < _MIN_PICTURE_PT:
            continue  # a bullet, a rule, a logo too small for a line of text
        k += 1
        part = f"page {n} picture {k}"
        if (right - left) * (top - bottom) >= 0.6 * pw * ph:
            # a scan under its own text layer (a searchable PDF): the text layer was read as the page
            b.add_part(part, "image", "skipped: a scanned page whose text layer was read")
            continue
        pt = _ocr_within_budget(part, "picture", "picture not decoded", b, ctx,
                                lambda obj=obj: obj.get_bitmap(render=False).to_pil().convert("RGB"))
        if pt is None:
            continue
        sx = (right - left) / max(pt.width, 1)
        sy = (top - bottom) / max(pt.height, 1)

        def to_points(box, left=left, top=top, sx=sx, sy=sy):
            x0, y0, x1, y1 = box
            return (round(left + x0 * sx, 2), round(top - y1 * sy, 2), round(left + x1 * sx, 2),
                    round(top - y0 * sy, 2))
        add_lines(pt.lines, part, b, page=n, label=f"第 {n} 页 图片 {k}", scale=to_points)
        b.add_part(part, "image", "read")


def _utf16(fn, *args) -> str:
    """Call a PDFium getter that fills a UTF-16LE buffer (length in bytes, terminator included)."""
    size = fn(*args, None, 0)
    if size <= 2:
        return ""
    buf = ctypes.create_string_buffer(size)
    fn(*args, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)), size)
    return buf.raw[: size - 2].decode("utf-16-le", "replace")


def _annot_string(raw, annot, key: str) -> str:
    if not raw.FPDFAnnot_HasKey(annot, key.encode()):
        return ""
    return _utf16(raw.FPDFAnnot_GetStringValue, annot, key.encode())


_TEXT_FIELDS = None


def _read_annotations(raw, page, n: int, b: Builder, form, seen_fields, annot_files) -> None:
    text_fields = (raw.FPDF_FORMFIELD_TEXTFIELD, raw.FPDF_FORMFIELD_COMBOBOX, raw.FPDF_FORMFIELD_LISTBOX)
    count = raw.FPDFPage_GetAnnotCount(page.raw)
    for k in range(count):
        annot = raw.FPDFPage_GetAnnot(page.raw, k)
        if not annot:
            continue
        try:
            sub = raw.FPDFAnnot_GetSubtype(annot)
            if sub == raw.FPDF_ANNOT_WIDGET:
                if form is not None:
                    if raw.FPDFAnnot_GetFormFieldType(form, annot) not in text_fields:
                        continue
                    field_name = _utf16(raw.FPDFAnnot_GetFormFieldName, form, annot)
                    value = _utf16(raw.FPDFAnnot_GetFormFieldValue, form, annot)
                else:
                    field_name = _annot_string(raw, annot, "T")
                    value = _annot_string(raw, annot, "V")
                if not value.strip() or (field_name, value) in seen_fields:
                    continue
                seen_fields.add((field_name, value))
                b.add(value, f"page {n} form", "body", page=n, label=f"第 {n} 页表单域「{field_name or '未命名'}」",
                      context=field_name or None, ref=("field", n, k, field_name))
                continue
            if sub in (raw.FPDF_ANNOT_POPUP, raw.FPDF_ANNOT_LINK):
                continue  # a popup's parent carries the text; a link has none
            if sub == raw.FPDF_ANNOT_FILEATTACHMENT:
                att = raw.FPDFAnnot_GetFileAttachment(annot)
                if att:
                    got = _attachment_bytes(raw, att)
                    if got is not None:
                        annot_files.append(got)
            contents = _annot_string(raw, annot, "Contents")
            author = _annot_string(raw, annot, "T").strip()
            label = f"第 {n} 页批注（{author}）" if author else f"第 {n} 页批注"
            b.add(contents, f"page {n} annotations", "comment", page=n, label=label, context=author or None,
                  ref=("annot", n, k))
        finally:
            raw.FPDFPage_CloseAnnot(annot)


def _attachment_bytes(raw, att) -> tuple[str, bytes] | None:
    name = _utf16(raw.FPDFAttachment_GetName, att) or "attachment"
    size = ctypes.c_ulong()
    if not raw.FPDFAttachment_GetFile(att, None, 0, ctypes.byref(size)) or not size.value:
        return None
    buf = ctypes.create_string_buffer(size.value)
    got = ctypes.c_ulong()
    if not raw.FPDFAttachment_GetFile(att, buf, size.value, ctypes.byref(got)):
        return None
    return name, buf.raw[: got.value]


def _read_attachments(pdf, name: str, b: Builder, ctx: Context, annot_files) -> None:
    _, raw = _pdfium()
    files = []
    for k in range(pdf.count_attachments()):
        att = pdf.get_attachment(k)
        got = _attachment_bytes(raw, att.raw)
        att_name = _utf16(raw.FPDFAttachment_GetName, att.raw) or f"attachment{k + 1}"
        if got is None:
            b.add_part(f"attachment {att_name}", "embedded", "skipped: no data")
            continue
        files.append(got)
    seen = set()
    for att_name, payload in files + annot_files:
        key = (att_name, len(payload), hash(payload))
        if key in seen:
            continue
        seen.add(key)
        ctx.check_time(name)
        ctx.recurse(payload, att_name, b, "embedded", part=f"attachment {att_name}")


_XMP = rx.compile(rb"<x:xmpmeta\b.*?</x:xmpmeta>", re.S)
_XMP_FIELDS = {
    "{http://purl.org/dc/elements/1.1/}creator": "author",
    "{http://purl.org/dc/elements/1.1/}title": "title",
    "{http://purl.org/dc/elements/1.1/}description": "description",
    "{http://purl.org/dc/elements/1.1/}subject": "keywords",
    "{http://purl.org/dc/elements/1.1/}rights": "custom",
    "{http://ns.adobe.com/pdf/1.3/}Keywords": "keywords",
    "{http://ns.adobe.com/pdf/1.3/}Producer": "producer",
    "{http://ns.adobe.com/xap/1.0/}CreatorTool": "application",
    "{http://ns.adobe.com/xap/1.0/mm/}Manager": "manager",
    "{http://ns.adobe.com/xap/1.0/}Author": "author",
}


def _read_metadata(pdf, data: bytes, name: str, b: Builder, ctx: Context) -> None:
    try:
        meta = pdf.get_metadata_dict(skip_empty=True)
    except Exception:
        meta = {}
    seen = set()
    for key, value in meta.items():
        k = _INFO_KEYS.get(key, key)
        add_metadata(b, "metadata", k, value)
        seen.add(" ".join(str(value).split()))
    # XMP: the last packet (an incremental update appends a newer one); only when stored uncompressed
    last = None
    start = data.rfind(b"<x:xmpmeta")
    if start >= 0:
        m = _XMP.match(data, start)
        last = m.group(0) if m else None
    if not last:
        return
    try:
        root = ctx.parse_xml(last, f"{name}:XMP", recover=True)
    except FileError as e:
        b.warn(f"{name}: XMP metadata not read ({e})")
        return
    for el in root.iter(*_XMP_FIELDS):
        items = [t.strip() for t in el.itertext() if t.strip()]
        value = "；".join(items)
        if not value or value in seen:
            continue
        seen.add(value)
        add_metadata(b, "xmp", _XMP_FIELDS[el.tag], value, label=None)
    for el in root.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"):
        for attr, value in el.attrib.items():  # the short form: properties as attributes
            if attr in _XMP_FIELDS and value.strip() and value.strip() not in seen:
                seen.add(value.strip())
                add_metadata(b, "xmp", _XMP_FIELDS[attr], value)
