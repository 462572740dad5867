"""PDF: text per page, redaction that does not redact, annotations, form fields, attachments and
metadata, read with PDFium (pypdfium2: Google's C++ parser, the fastest of the Python options
measured, and robust on broken files).

**Redaction that does not redact**: a box filled dark (or an unapplied redact/square annotation)
drawn over text hides it on screen, but the text is still in the text layer and can be copied.
Each such box's text is a segment of layer ``redaction`` with the ``box`` in PDF points
(``[left, bottom, right, top]``), and the page's body text reads blanks there. A light fill (a
table's grey background) is not a redaction. Pages without any text layer (scans) are listed as
image parts, for the OCR of the images issue.
"""
from __future__ import annotations

import ctypes

from .document import Builder
from .limits import Context, FileError
from .meta import add_metadata

_DARK = 0.25  # luminance (0..1) below which an opaque fill hides what is under it
_MIN_AREA = 30.0  # pt²: smaller fills are rules and bullets


def _pdfium():
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    return pdfium, raw


def _annot_string(raw, annot, key: str) -> str:
    n = raw.FPDFAnnot_GetStringValue(annot, key.encode(), None, 0)
    if n <= 2:
        return ""
    buf = ctypes.create_string_buffer(n)
    raw.FPDFAnnot_GetStringValue(annot, key.encode(), ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)), n)
    return buf.raw[: n - 2].decode("utf-16-le", "replace")


def _fill_is_dark(raw, obj) -> bool:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not raw.FPDFPageObj_GetFillColor(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return False
    if a.value < 200:
        return False
    lum = (0.2126 * r.value + 0.7152 * g.value + 0.0722 * b.value) / 255
    return lum < _DARK


def _path_fills(raw, obj) -> bool:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(mode), ctypes.byref(stroke)):
        return False
    return mode.value != 0


def _dark_boxes(pdfium, raw, page) -> list[tuple[float, float, float, float]]:
    boxes = []
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=3):
        if not _path_fills(raw, obj.raw) or not _fill_is_dark(raw, obj.raw):
            continue
        left, bottom, right, top = obj.get_bounds()
        if (right - left) * (top - bottom) >= _MIN_AREA and (right - left) > 3 and (top - bottom) > 3:
            boxes.append((left, bottom, right, top))
    return boxes


def _redact_page_text(textpage, text: str, boxes) -> tuple[str, list[tuple[tuple, str]]]:
    """The page text with the characters under the boxes blanked, and each box's hidden text."""
    hidden = []
    for box in boxes:
        under = textpage.get_text_bounded(*box).replace("\r\n", "\n").strip()
        if under:
            hidden.append((box, under))
    if not hidden:
        return text, []
    n = textpage.count_chars()
    if n != len(text):
        return text, hidden
    chars = list(text)
    for i in range(n):
        try:
            l, b, r, t = textpage.get_charbox(i)
        except Exception:
            continue
        cx, cy = (l + r) / 2, (b + t) / 2
        for (x0, y0, x1, y1), _ in hidden:
            if x0 <= cx <= x1 and y0 <= cy <= y1 and not chars[i].isspace():
                chars[i] = " "
                break
    return "".join(chars), hidden


def extract_pdf(data: bytes, name: str, b: Builder, ctx: Context) -> None:
    pdfium, raw = _pdfium()
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise FileError(f"{name}: the PDF is encrypted (password-protected); remove the password and send it "
                            "again", "encrypted") from None
        raise FileError(f"{name}: corrupt or truncated PDF ({msg})", "corrupt") from None
    try:
        n_pages = len(pdf)
        if n_pages > ctx.limits.max_pages:
            raise FileError(f"{name}: {n_pages} pages, over the limit of {ctx.limits.max_pages}", "too_large")
        for i in range(n_pages):
            ctx.check_time(name)
            page = pdf[i]
            try:
                _read_page(pdfium, raw, page, i + 1, b)
            finally:
                page.close()
            ctx.check_chars(b.pos, name)
        for k in range(pdf.count_attachments()):
            att = pdf.get_attachment(k)
            att_name = att.get_name() or f"attachment{k + 1}"
            try:
                payload = att.get_data()
            except Exception as e:
                b.add_part(f"attachment {att_name}", "embedded", f"skipped: cannot read ({e})")
                continue
            ctx.recurse(bytes(payload), att_name, b, "embedded", part=f"attachment {att_name}")
        try:
            meta = pdf.get_metadata_dict(skip_empty=True)
        except Exception:
            meta = {}
        for key, value in meta.items():
            k = {"Author": "author", "Creator": "application", "Producer": "producer", "Title": "title",
                 "Subject": "subject", "Keywords": "keywords", "CreationDate": "created", "ModDate": "modified"}.get(key, key)
            add_metadata(b, "metadata", k, value)
    finally:
        pdf.close()


def _read_page(pdfium, raw, page, n: int, b: Builder) -> None:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
        if not text.strip():
            b.add_part(f"page {n}", "image", "not_read")
        else:
            boxes = _dark_boxes(pdfium, raw, page)
            hidden = []
            if boxes:
                full = textpage.get_text_range()
                blanked, hidden = _redact_page_text(textpage, full, boxes)
                text = blanked.replace("\r\n", "\n").replace("\r", "\n") if len(blanked) == len(full) else text
            b.add(text, f"page {n}", "body", page=n, label=f"第 {n} 页")
            for box, under in hidden:
                b.add(under, f"page {n}", "redaction", page=n, box=box, label=f"第 {n} 页 涂黑处")
        _read_annotations(raw, page, n, b, textpage)
    finally:
        textpage.close()


_TEXT_ANNOTS = {"Text", "FreeText", "Popup", "Highlight", "Underline", "StrikeOut", "Squiggly", "Square",
                "Circle", "Ink", "Stamp", "Caret", "Line", "Polygon", "PolyLine", "FileAttachment", "Redact"}


def _read_annotations(raw, page, n: int, b: Builder, textpage) -> None:
    count = raw.FPDFPage_GetAnnotCount(page.raw)
    for k in range(count):
        annot = raw.FPDFPage_GetAnnot(page.raw, k)
        if not annot:
            continue
        try:
            sub = raw.FPDFAnnot_GetSubtype(annot)
            if sub == raw.FPDF_ANNOT_WIDGET:
                value = _annot_string(raw, annot, "V")
                field = _annot_string(raw, annot, "T")
                b.add(value, f"page {n}", "body", page=n, label=f"第 {n} 页表单域「{field or '未命名'}」",
                      context=field or None)
                continue
            if sub == raw.FPDF_ANNOT_POPUP:
                continue  # its parent carries the text
            contents = _annot_string(raw, annot, "Contents")
            author = _annot_string(raw, annot, "T")
            b.add(contents, f"page {n} annotations", "comment", page=n,
                  label=f"第 {n} 页批注（{author or '未署名'}）", context=author or None)
            if sub in (raw.FPDF_ANNOT_REDACT, raw.FPDF_ANNOT_SQUARE):
                rect = raw.FS_RECTF()
                if raw.FPDFAnnot_GetRect(annot, ctypes.byref(rect)):
                    box = (rect.left, rect.bottom, rect.right, rect.top)
                    under = textpage.get_text_bounded(*box).strip()
                    dark = sub == raw.FPDF_ANNOT_REDACT or _annot_fill_dark(raw, annot)
                    if under and dark:
                        b.add(under, f"page {n}", "redaction", page=n, box=box, label=f"第 {n} 页 未执行的涂黑标注")
        finally:
            raw.FPDFPage_CloseAnnot(annot)


def _annot_fill_dark(raw, annot) -> bool:
    r, g, bl, a = (ctypes.c_uint() for _ in range(4))
    if not raw.FPDFAnnot_GetColor(annot, raw.FPDFANNOT_COLORTYPE_InteriorColor, ctypes.byref(r), ctypes.byref(g),
                                  ctypes.byref(bl), ctypes.byref(a)):
        return False
    return (0.2126 * r.value + 0.7152 * g.value + 0.0722 * bl.value) / 255 < _DARK
