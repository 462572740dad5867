"""PDF cleaner: the copy is a new PDF whose pages are pictures of the pages as a reader sees them,
with the personal data painted black — the way redaction tools make a copy safe to publish (a
box drawn over text that stays in the text layer is the scanner's ``unredacted_text``
finding; a picture cannot keep what was under the paint).

Each page is rendered with PDFium at :data:`CLEAN_DPI` (form fields drawn with their values,
other annotations — notes, highlights, stamps, free text — not drawn: comments are removed, as
the other cleaners remove them), then the boxes of its findings are painted black, padded:

- a finding in the page's text (layer ``body``): the rectangles PDFium gives for the finding's
  characters (offsets mapped back through the segment's ``ref``, :func:`scanner.files.pdf.body_to_char`);
- text under a fake box (``redaction``) or hidden text (``hidden``): the characters' rectangles
  and, for a redaction, the hidden text's whole box;
- a form field's value: the field's rectangle;
- a finding read by OCR on a page without text (part ``page N``) or in a picture on a page
  (``page N picture K``): its ``location.box`` (PDF points).

Masked: what the picture cleaner masks (:data:`scanner.files.writers.picture.MASKED_CATEGORIES`,
personal data, and credentials), since the page is a picture now. The pages are written into a
new document (:class:`_Writer`, a few dozen lines: catalog, page tree, one picture per page at
the page's size; grey pages in 16 grey levels PNG-compressed, pages with colour as JPEG): no text
layer, no metadata (no Info dictionary, no XMP), no annotations, no form, no attachments, no
JavaScript, no outline. The copy cannot be searched or copied from; the rescan reads it by OCR, within the
picture budget.

Limits: an encrypted PDF PDFium cannot open is refused (``encrypted``), a PDF over
:attr:`scanner.files.Limits.max_pages` too (``too_large``). A page the scan did not read (over
the picture budget) is written without masks of what it did not read: ``scanner clean`` lists
those pages.
"""
from __future__ import annotations

import ctypes
import io
import struct

from ..document import Document
from ..limits import FileError, Limits
from ..pdf import OCR_DPI, _pdfium, body_to_char, open_pdf
from .picture import _masked

__all__ = ["clean_pdf", "CLEAN_DPI", "page_masks"]

#: pages are rendered at this resolution (the OCR's own: a scan's OCR boxes map back pixel for pixel)
CLEAN_DPI = OCR_DPI
_JPEG_QUALITY = 85
_PAD_PT = 1.0  # points around a mask, plus a share of the text's height
_PAD_SHARE = 0.15
_GREY_SPREAD = 12  # max |r-g|,|g-b| … under which a rendered page is written greyscale


def _char_rects(textpage, start: int, end: int) -> list[tuple[float, float, float, float]]:
    """PDFium's rectangles (points; one per run of characters on a line) of chars [start, end)."""
    if end <= start:
        return []
    n = textpage.count_rects(start, end - start)
    return [textpage.get_rect(i) for i in range(n)]


def _chars_of_runs(runs, a: int, e: int) -> list[tuple[int, int]]:
    """Char index ranges of offsets [a, e) of a ``("chars", n, runs)`` segment, whose text is the
    runs joined with one separator character."""
    out, cum = [], 0
    for s, t in runs:
        length = t - s
        g0, g1 = max(a, cum), min(e, cum + length)
        if g0 < g1:
            out.append((s + g0 - cum, s + g1 - cum))
        cum += length + 1
    return out


def page_masks(doc: Document, result) -> dict[int, list[tuple[str, object]]]:
    """What to paint on each page (1-based): ``("chars", (start, end))`` PDFium char ranges,
    ``("box", box)`` page points, ``("ocr", box)`` points of a whole-page OCR (mapped back as the
    extractor mapped them), ``("annot", k)`` an annotation's rectangle."""
    out: dict[int, list] = {}
    for f in result.findings:
        if not _masked(f):
            continue
        loc = f.location or {}
        if loc.get("layer") == "image":
            part, box, n = loc.get("part") or "", loc.get("box"), loc.get("page")
            if box and n and part == f"page {n}":
                out.setdefault(n, []).append(("ocr", tuple(box)))
            elif box and n and part.startswith(f"page {n} picture "):
                out.setdefault(n, []).append(("box", tuple(box)))
            continue
        for s in doc.segments_between(f.start, f.end):
            ref = s.ref
            if not isinstance(ref, tuple) or not ref or s.page is None:
                continue
            n = s.page
            if s.part not in (f"page {n}", f"page {n} form"):
                continue  # a file inside the PDF (an attachment): not in the copy at all
            a, e = max(f.start, s.start) - s.start, min(f.end, s.end) - s.start
            if e <= a:
                continue
            if ref[0] == "page" and s.layer == "body":
                crlf = ref[2]
                out.setdefault(n, []).append(("chars", (body_to_char(a, crlf), body_to_char(e - 1, crlf) + 1)))
            elif ref[0] == "chars":
                for rng in _chars_of_runs(ref[2], a, e):
                    out.setdefault(n, []).append(("chars", rng))
                if s.layer == "redaction" and s.box:
                    out.setdefault(n, []).append(("box", tuple(s.box)))
            elif ref[0] == "field":
                out.setdefault(n, []).append(("annot", ref[2]))
    return out


def _annot_rect(raw, page, k: int):
    annot = raw.FPDFPage_GetAnnot(page.raw, k)
    if not annot:
        return None
    try:
        rect = raw.FS_RECTF()
        if not raw.FPDFAnnot_GetRect(annot, ctypes.byref(rect)):
            return None
        return (min(rect.left, rect.right), min(rect.bottom, rect.top), max(rect.left, rect.right),
                max(rect.bottom, rect.top))
    finally:
        raw.FPDFPage_CloseAnnot(annot)


def _to_device(raw, page, size, box) -> tuple[float, float, float, float]:
    """A box in page points → pixels of the rendered page (PDFium's own mapping: crop box, /Rotate)."""
    w, h = size
    xs, ys = [], []
    dx, dy = ctypes.c_int(), ctypes.c_int()
    for x, y in ((box[0], box[1]), (box[2], box[3]), (box[0], box[3]), (box[2], box[1])):
        raw.FPDF_PageToDevice(page.raw, 0, 0, w, h, 0, ctypes.c_double(x), ctypes.c_double(y),
                              ctypes.byref(dx), ctypes.byref(dy))
        xs.append(dx.value)
        ys.append(dy.value)
    return min(xs), min(ys), max(xs), max(ys)


def _pad(box, scale: float, share: float):
    """A box in pixels widened by :data:`_PAD_PT` plus ``share`` of its short side (the line's
    height, also on a page turned by /Rotate, where a line runs down)."""
    x0, y0, x1, y1 = box
    p = _PAD_PT * scale + share * min(y1 - y0, x1 - x0)
    return x0 - p, y0 - p, x1 + p, y1 + p


def _page_picture(raw, page, masks, scale: float):
    """The page rendered as a reader sees it, with ``masks`` painted black (a PIL image)."""
    from PIL import ImageDraw

    img = page.render(scale=scale, may_draw_forms=True, draw_annots=False).to_pil()
    if img.mode != "RGB":
        img = img.convert("RGB")
    if not masks:
        return img
    size = img.size
    left, _bottom, _right, top = page.get_cropbox()
    boxes = []  # (pixels, share of the height added around)
    textpage = None
    try:
        for kind, what in masks:
            if kind == "chars":
                if textpage is None:
                    textpage = page.get_textpage()
                # PDFium's rectangles are the glyphs' own: a share of the height more for accents, strokes
                boxes += [(_to_device(raw, page, size, r), _PAD_SHARE) for r in _char_rects(textpage, *what)]
            elif kind == "box":  # OCR boxes come padded by a tenth of the line; a redaction box is the text's
                boxes.append((_to_device(raw, page, size, what), 0.0))
            elif kind == "annot":
                r = _annot_rect(raw, page, what)
                if r is not None:
                    boxes.append((_to_device(raw, page, size, r), 0.0))
            elif kind == "ocr":  # the extractor's own mapping of the rendered page, inverted
                x0, y0, x1, y1 = what
                boxes.append((((x0 - left) * scale, (top - y1) * scale, (x1 - left) * scale, (top - y0) * scale),
                              0.0))
    finally:
        if textpage is not None:
            textpage.close()
    d = ImageDraw.Draw(img)
    for b, share in boxes:
        d.rectangle(_pad(b, scale, share), fill=(0, 0, 0))
    return img


def _png_data(png: bytes) -> tuple[int, int, int, int, bytes]:
    """Width, height, bit depth, colour type and the zlib stream (IDAT chunks joined) of a PNG."""
    pos, idat, head = 8, [], None
    while pos + 8 <= len(png):
        length = struct.unpack(">I", png[pos:pos + 4])[0]
        kind = png[pos + 4:pos + 8]
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            head = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + length
    w, h, depth, ctype, _comp, _filt, interlace = head
    if interlace:
        raise ValueError("interlaced PNG")
    return w, h, depth, ctype, b"".join(idat)


def _page_image(img) -> tuple[bytes, bytes]:
    """The page picture as a PDF image XObject: (dictionary entries, stream). A grey page (no
    pixel with colour: most text pages) in 16 grey levels, PNG-compressed (Flate with PNG
    predictors, which PDF reads as is: ~30 KB for a dense A4 text page, a tenth of its JPEG),
    unless JPEG is smaller (a grey photograph, a noisy scan); a page with colour (a red seal, a
    photo) as JPEG."""
    import numpy as np
    from PIL import Image

    a = np.asarray(img)
    step = a[::3, ::3].astype(np.int16)
    spread = int(max(np.abs(step[..., 0] - step[..., 1]).max(initial=0),
                     np.abs(step[..., 1] - step[..., 2]).max(initial=0)))
    w, h = img.size
    grey = spread <= _GREY_SPREAD
    if grey:
        img = img.convert("L")
    jpeg = io.BytesIO()
    img.save(jpeg, "JPEG", quality=_JPEG_QUALITY, optimize=True)
    jpeg_dict = (f"/Width {w} /Height {h} /ColorSpace /{'DeviceGray' if grey else 'DeviceRGB'} "
                 f"/BitsPerComponent 8 /Filter /DCTDecode").encode()
    if not grey:
        return jpeg_dict, jpeg.getvalue()
    levels = ((np.asarray(img, dtype=np.uint16) * 15 + 127) // 255).astype(np.uint8)  # 0..15
    png = io.BytesIO()
    Image.fromarray(levels).save(png, "PNG", bits=4, compress_level=6)
    pw, ph, depth, ctype, stream = _png_data(png.getvalue())
    if (pw, ph, depth, ctype) != (w, h, 4, 0) or len(stream) >= len(jpeg.getvalue()):
        return jpeg_dict, jpeg.getvalue()
    return (f"/Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 4 /Filter /FlateDecode "
            f"/DecodeParms << /Predictor 15 /Colors 1 /BitsPerComponent 4 /Columns {w} >>").encode(), stream


def _num(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


class _Writer:
    """A PDF of picture pages, written object by object: a catalog, the page tree, and per page
    its dictionary, its content (the picture scaled to the page) and the picture. No Info
    dictionary, no XMP, no ID: nothing but the pages."""

    def __init__(self) -> None:
        self.out = io.BytesIO()
        self.out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        self.offsets: dict[int, int] = {}
        self.kids: list[int] = []
        self.next = 3  # 1: catalog, 2: pages (written last)

    def _obj(self, num: int, body: bytes, stream: bytes | None = None) -> None:
        self.offsets[num] = self.out.tell()
        self.out.write(f"{num} 0 obj\n".encode())
        if stream is None:
            self.out.write(body + b"\nendobj\n")
        else:
            self.out.write(b"<< " + body + f" /Length {len(stream)} >>\nstream\n".encode() + stream
                           + b"\nendstream\nendobj\n")

    def page(self, w: float, h: float, image: tuple[bytes, bytes]) -> None:
        page, content, picture = self.next, self.next + 1, self.next + 2
        self.next += 3
        self._obj(picture, b"/Type /XObject /Subtype /Image " + image[0], image[1])
        self._obj(content, b"", f"q {_num(w)} 0 0 {_num(h)} 0 0 cm /P0 Do Q".encode())
        self._obj(page, (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {_num(w)} {_num(h)}] "
                         f"/Resources << /XObject << /P0 {picture} 0 R >> >> /Contents {content} 0 R >>").encode())
        self.kids.append(page)

    def close(self) -> bytes:
        self._obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        self._obj(2, f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in self.kids)}] "
                     f"/Count {len(self.kids)} >>".encode())
        xref = self.out.tell()
        self.out.write(f"xref\n0 {self.next}\n0000000000 65535 f \n".encode())
        self.out.write("".join(f"{self.offsets[i]:010d} 00000 n \n" for i in range(1, self.next)).encode())
        self.out.write(f"trailer\n<< /Size {self.next} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
        return self.out.getvalue()


def clean_pdf(data: bytes, name: str, doc: Document, result, limits: Limits | None = None) -> bytes:
    """A new PDF of the pages as pictures, personal data painted black; nothing else of the file."""
    pdfium, raw = _pdfium()
    limits = limits or Limits()
    src = open_pdf(data, name)
    scale = CLEAN_DPI / 72.0
    try:
        n_pages = len(src)
        if n_pages > limits.max_pages:
            raise FileError(f"{name}: {n_pages} pages, over the limit of {limits.max_pages}", "too_large")
        if n_pages == 0:
            raise FileError(f"{name}: the PDF has no page", "corrupt")
        masks = page_masks(doc, result)
        if src.get_formtype() != raw.FORMTYPE_NONE:
            try:
                src.init_forms()  # form fields are drawn with their values
            except Exception:
                pass  # a broken AcroForm: the page is drawn without its fields
        out = _Writer()
        for i in range(n_pages):
            page = src[i]
            try:
                w, h = page.get_size()
                img = _page_picture(raw, page, masks.get(i + 1, ()), scale)
            finally:
                page.close()
            out.page(w, h, _page_image(img))
        return out.close()
    except pdfium.PdfiumError as e:
        raise FileError(f"{name}: cannot render the PDF ({e})", "corrupt") from None
    finally:
        src.close()
