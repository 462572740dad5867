"""Cleaning pictures: the EXIF/XMP properties dropped (GPS position, photographer, camera, software)
and the boxes of the findings read in the picture blacked out. For a picture file (``scanner
clean photo.jpg``) and for the pictures inside a cleaned Word, Excel or PowerPoint file.

The picture is decoded and written again in its own format (JPEG at quality 95, PNG lossless,
the rest as Pillow writes them) with nothing but the pixels and the colour profile: Pillow carries
no EXIF, XMP or text chunk into a new file unless asked to. A picture that has neither properties
nor findings is left byte for byte as it was.
"""
from __future__ import annotations

import io

__all__ = ["clean_picture", "picture_needs_cleaning", "boxes_by_part", "clean_image", "MASKED_CATEGORIES",
           "clean_package_pictures"]

#: findings blacked out in a picture: what the text writers mask in text (personal data), and
#: credentials (an internal address in a screenshot, a QR code)
MASKED_CATEGORIES = frozenset({"personal_data"})
MASKED_TYPES = frozenset({"credential"})
_PAD = 2  # pixels around a box


def _masked(f) -> bool:
    return f.category in MASKED_CATEGORIES or f.type in MASKED_TYPES


def boxes_by_part(result) -> dict[str, list[tuple[float, float, float, float]]]:
    """The boxes to black out, per picture part: findings read in a picture (layer ``image``)."""
    out: dict[str, list] = {}
    for f in result.findings:
        loc = f.location or {}
        if loc.get("layer") == "image" and loc.get("box") and _masked(f) and loc.get("page") is None:
            out.setdefault(loc["part"], []).append(tuple(loc["box"]))
    return out


def picture_needs_cleaning(data: bytes) -> bool:
    """Whether the picture carries EXIF, XMP or text properties (headers only, no decoding)."""
    from PIL import Image

    try:
        img = Image.open(io.BytesIO(data))
        return bool(img.getexif()) or any(k in img.info for k in ("xmp", "XML:com.adobe.xmp", "exif", "comment")) \
            or any(isinstance(v, str) for k, v in img.info.items() if k not in ("icc_profile",))
    except Exception:
        return False


def clean_picture(data: bytes, boxes=()) -> bytes:
    """The picture without its properties and with ``boxes`` (pixels) painted black."""
    from PIL import Image, ImageDraw, ImageOps

    src = Image.open(io.BytesIO(data))
    fmt = src.format or "PNG"
    icc = src.info.get("icc_profile")
    src.load()
    img = ImageOps.exif_transpose(src)  # boxes are in the upright picture OCR read
    if boxes:
        if img.mode not in ("RGB", "RGBA", "L"):
            img = img.convert("RGBA" if "A" in img.getbands() or "transparency" in img.info else "RGB")
        d = ImageDraw.Draw(img)
        black = 0 if img.mode == "L" else (0, 0, 0) if img.mode == "RGB" else (0, 0, 0, 255)
        for x0, y0, x1, y1 in boxes:
            d.rectangle((x0 - _PAD, y0 - _PAD, x1 + _PAD, y1 + _PAD), fill=black)
    out = io.BytesIO()
    kw = {"icc_profile": icc} if icc and fmt in ("JPEG", "PNG", "WEBP", "TIFF") else {}
    if fmt == "JPEG":
        if img.mode not in ("RGB", "L", "CMYK"):
            img = img.convert("RGB")
        img.save(out, "JPEG", quality=95, **kw)
    elif fmt in ("PNG", "WEBP", "TIFF", "BMP", "GIF"):
        if fmt == "BMP" and img.mode == "RGBA":
            img = img.convert("RGB")
        img.save(out, fmt, **kw)
    else:
        img.save(out, "PNG")
    return out.getvalue()


def clean_image(data: bytes, name: str, doc, result) -> bytes:
    """``scanner clean`` for a picture file."""
    boxes = boxes_by_part(result).get(name, [])
    return clean_picture(data, boxes)


def clean_package_pictures(pkg, doc, result) -> int:
    """Clean every picture of a Word/Excel/PowerPoint package that has properties or findings;
    returns how many."""
    boxes = boxes_by_part(result)
    n = 0
    for p in doc.parts:
        if p.kind != "image" or "!" in p.name or not pkg.has(p.name):
            continue
        data = pkg.zf.read(p.name)
        if p.name in boxes or picture_needs_cleaning(data):
            try:
                pkg.put_bytes(p.name, clean_picture(data, boxes.get(p.name, ())))
                n += 1
            except Exception:  # a picture Pillow cannot decode is left as it is (listed as skipped)
                continue
    return n
