"""Pictures: their text read by OCR (:mod:`scanner.ocr`), one ``image``-layer segment per text line
with the line's box, and the picture listed as a part ``read`` — or ``not_read`` with the reason
(over the file's picture budget, a vector format, bytes Pillow cannot read): never a silent pass.

Used for a picture file and for every picture inside a file (``word/media/image1.png``, an ODF
``Pictures/`` member, a picture in a zip, a PDF page without a text layer).
"""
from __future__ import annotations


from .document import Builder
from .limits import Context, FileError

__all__ = ["extract_image", "add_picture", "add_lines", "RASTER_SUFFIXES"]

#: picture formats OCR reads (Pillow decodes them)
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".jpe", ".gif", ".bmp", ".dib", ".tif", ".tiff", ".webp")


def picture_label(part: str) -> str:
    return f"图片 {part}"


def rows_of(lines) -> list[list]:
    """OCR lines grouped into rows as a reader sees them: boxes that share most of their height
    are one row (the cells of a table row, two columns of a screenshot), left to right; rows top
    to bottom."""
    rows: list[list] = []
    for ln in sorted(lines, key=lambda ln: (ln.box[1] + ln.box[3]) / 2):
        y0, y1 = ln.box[1], ln.box[3]
        if rows:
            r0, r1 = rows[-1][0].box[1], rows[-1][0].box[3]
            overlap = min(y1, r1) - max(y0, r0)
            if overlap > 0.5 * min(y1 - y0, r1 - r0):
                rows[-1].append(ln)
                continue
        rows.append([ln])
    return [sorted(r, key=lambda ln: ln.box[0]) for r in rows]


def _wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def add_lines(lines, part: str, b: Builder, *, page: int | None = None, label: str | None = None,
              scale=None) -> None:
    """One ``image``-layer segment per OCR line, a row's lines joined by tabs (a table's cells
    read as a row, as a sheet's do), rows by newlines — except a line that runs to the right edge
    of the text and is followed by one starting at its left edge: a paragraph wrapped, joined as
    the writer wrote it (no separator between Chinese characters, a space between Latin ones), so
    a name at the end of a line and its ID number on the next are one sentence again.
    ``scale``, when given, maps a pixel box to the caller's coordinates (a PDF page: points)."""
    label = label or picture_label(b.prefix + part)
    for ln in lines:
        if ln.code:  # a QR code or barcode: its content is one segment, boxed by the code
            box = scale(ln.box) if scale is not None else ln.box
            what = "二维码" if "QR" in ln.code.upper() else f"条码（{ln.code}）"
            b.add(ln.text, part, "image", page=page, box=box, label=f"{label}·{what}")
    lines = [ln for ln in lines if not ln.code]
    rows = rows_of(lines)
    if not rows:
        return
    left = min(ln.box[0] for ln in lines)
    right = max(ln.box[2] for ln in lines)
    for r, row in enumerate(rows):
        last = len(row) - 1
        for i, ln in enumerate(row):
            sep = "\t" if i < last else "\n"
            if i == last and last == 0 and r + 1 < len(rows):
                h = ln.box[3] - ln.box[1]
                nxt = rows[r + 1][0]
                if ln.box[2] >= right - 1.5 * h and nxt.box[0] <= left + 1.5 * h and ln.box[0] <= left + 3 * h:
                    sep = "" if _wide(ln.text[-1]) or _wide(nxt.text[0]) else " "
            box = scale(ln.box) if scale is not None else ln.box
            xs = ln.xs
            if xs and scale is not None:
                xs = tuple(v for k in range(0, len(xs), 2)
                           for v in scale((xs[k], ln.box[1], xs[k + 1], ln.box[3]))[0::2])
            b.add(ln.text, part, "image", page=page, box=box, label=label, sep=sep, ref=("ocr", xs) if xs else None)
        if r + 1 == len(rows):
            b.separate()


def add_picture(data: bytes, part: str, b: Builder, ctx: Context, *, page: int | None = None,
                strict: bool = False, place: tuple[float, float, float, float] | None = None,
                label: str | None = None) -> bool:
    """Read one picture's text into ``b`` (within the file's picture budget) and list it as a part.
    Returns True when it was read. ``strict``: bytes that are no readable picture raise
    :class:`FileError` (``corrupt``) instead of listing the part as skipped. ``place``: the
    rectangle ``(x0, y0, x1, y1)`` the picture fills on its page, in the page's unit with y
    downwards (an OFD page: millimetres); the lines' boxes are then given in it."""
    from .. import ocr
    from .exif import read_photo_metadata

    read_photo_metadata(data, part, b)  # headers only: read whatever the budget says about OCR
    if ctx.pictures.refused(part, "picture", b, ctx, len(data)):
        return False
    try:
        with ctx.pictures.timed():
            pt = ocr.read_picture(data)
    except RuntimeError as e:  # no OCR engine (a broken install): said so, never a silent pass
        b.add_part(part, "image", f"not_read: {e}", len(data))
        b.warn(f"{b.prefix}{part}: picture not read: {e}")
        return False
    except ValueError as e:
        if strict:
            raise FileError(f"{b.prefix}{part}: {e}", "corrupt") from None
        b.add_part(part, "image", f"skipped: {e}", len(data))
        b.warn(f"{b.prefix}{part}: picture not read: {e}")
        return False
    scale = None
    if place is not None and pt.width and pt.height:
        x0, y0, x1, y1 = place
        sx, sy = (x1 - x0) / pt.width, (y1 - y0) / pt.height

        def scale(box):
            return (round(x0 + box[0] * sx, 2), round(y0 + box[1] * sy, 2), round(x0 + box[2] * sx, 2),
                    round(y0 + box[3] * sy, 2))
    add_lines(pt.lines, part, b, page=page, scale=scale, label=label)
    b.add_part(part, "image", "read", len(data))
    return True


def extract_image(data: bytes, name: str, b: Builder, ctx: Context) -> None:
    """A picture file. Bytes that are no readable picture are an error (``corrupt``), as for any
    other format; inside a document the same picture is listed as a part skipped, with the reason."""
    add_picture(data, name, b, ctx, strict=True)


def picture_of(data: bytes, name: str, part: str, limits=None) -> tuple[bytes, str]:
    """The picture ``part`` of a file (what a finding's ``location.part`` names: the file itself,
    ``word/media/image1.png``, ``附件.zip!扫描件.jpg``) as bytes a browser shows — upright (EXIF
    orientation applied), without EXIF, JPEG or PNG — and its media type. For the reviewer page,
    which draws the findings' boxes over it. Raises :class:`FileError` (``not_found`` for a part
    that is no picture of the file)."""
    import io

    from .. import ocr
    from . import ZIP_MAGIC, picture_media_type
    from .limits import Context, Limits

    limits = limits or Limits()
    ctx = Context(limits, lambda *a: False)
    current, cname = data, name
    if part != name:
        for member in part.split("!"):
            if not current.startswith(ZIP_MAGIC):
                raise FileError(f"{name}: no picture {part!r} in this file", "not_found")
            zf = ctx.open_zip(current, cname)
            if not zf.has(member):
                raise FileError(f"{name}: no picture {part!r} in this file", "not_found")
            current, cname = zf.read(member), member
    media = picture_media_type(current)
    if media is None:
        raise FileError(f"{name}: {part!r} is not a picture", "not_found")
    try:
        img = ocr.open_image(current)
    except ValueError as e:
        raise FileError(f"{name}: {part}: {e}", "corrupt") from None
    out = io.BytesIO()
    if media == "image/jpeg":
        img.save(out, "JPEG", quality=90)
        return out.getvalue(), "image/jpeg"
    img.save(out, "PNG")
    return out.getvalue(), "image/png"
