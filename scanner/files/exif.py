"""What a photo says about itself: EXIF and XMP fields as ``metadata`` segments of the picture's
part (SPEC section 6: "GPS and camera data"). Read from the file's headers only (Pillow opens a
picture lazily: no pixel is decoded here).

- GPS position (EXIF GPS IFD, XMP ``exif:GPSLatitude``): a segment ``cell="gps"`` whose text is
  the position in degrees; the scan step reports it as ``file_metadata`` (rule
  ``file.metadata_gps``): a photo that can be located;
- the photographer: EXIF Artist, XPAuthor, CameraOwnerName, Copyright, XMP ``dc:creator``
  (``cell`` ``creator``/``camera_owner``/``copyright``: reported as ``file_metadata`` unless a tool
  default), and the free-text ImageDescription, XPComment, XPSubject, UserComment;
- capture time (DateTimeOriginal, else DateTime), the camera (Make Model, BodySerialNumber) and
  the software that wrote it (Software, XMP ``xmp:CreatorTool``).
"""
from __future__ import annotations

import io
import re

from .. import rx
from .document import Builder

__all__ = ["read_photo_metadata", "PHOTO_FIELDS", "gps_degrees"]

#: field key -> Chinese name (the segment's ``context``)
PHOTO_FIELDS = {"gps": "拍摄位置（GPS）", "creator": "拍摄者/作者", "camera_owner": "相机所有者", "copyright": "版权/所有者",
                "description": "图片说明", "captured": "拍摄时间", "camera": "相机", "camera_serial": "相机序列号",
                "application": "处理软件"}

_XMP_TAGS = {
    "creator": rx.compile(r"<dc:creator>\s*<rdf:(?:Seq|Bag)>\s*<rdf:li[^>]*>([^<]{1,200})</rdf:li>", re.S),
    "application": rx.compile(r"xmp:CreatorTool(?:=\"([^\"]{1,200})\"|>([^<]{1,200})<)"),
    "gps_lat": rx.compile(r"exif:GPSLatitude(?:=\"([^\"]{1,40})\"|>([^<]{1,40})<)"),
    "gps_lon": rx.compile(r"exif:GPSLongitude(?:=\"([^\"]{1,40})\"|>([^<]{1,40})<)"),
}


def _decode(raw: bytes) -> str | None:
    """Bytes a Chinese phone or program wrote: UTF-8, else GB18030; None when neither reads them."""
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def _text(v) -> str | None:
    if v is None:
        return None
    if isinstance(v, bytes):
        if v.startswith((b"ASCII\x00\x00\x00", b"UNICODE\x00", b"\x00" * 8)):  # EXIF UserComment
            enc = "utf-16" if v.startswith(b"UNICODE") else "ascii"
            v = v[8:].decode(enc, "replace")
        elif len(v) % 2 == 0 and b"\x00" in v:  # XP* tags: UTF-16LE
            v = v.decode("utf-16-le", "replace")
        else:
            v = _decode(v)
            if v is None:
                return None
    v = str(v)
    if any("\x80" <= c <= "\xff" for c in v) and all(c <= "\xff" for c in v):
        # an ASCII tag holding UTF-8 or GB18030 bytes (phones and Chinese software write them):
        # Pillow hands them over decoded as Latin-1
        v = _decode(v.encode("latin-1")) or v
    v = " ".join(v.replace("\x00", " ").split())
    return v or None


def gps_degrees(dms, ref) -> float | None:
    """EXIF (degrees, minutes, seconds) rationals and N/S/E/W → signed decimal degrees."""
    try:
        d, m, s = (float(x) for x in dms)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    deg = d + m / 60 + s / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    if str(ref).strip().upper() in ("S", "W"):
        deg = -deg
    return deg if deg == deg else None


def _xmp_degrees(v: str) -> float | None:
    m = re.fullmatch(r"\s*(\d{1,3}),(\d{1,2}(?:\.\d+)?)(?:,(\d{1,2}(?:\.\d+)?))?\s*([NSEW])\s*", v)
    if not m:
        return None
    deg = int(m.group(1)) + float(m.group(2)) / 60 + float(m.group(3) or 0) / 3600
    return -deg if m.group(4) in "SW" else deg


def _position(lat: float | None, lon: float | None) -> str | None:
    if lat is None or lon is None or (lat == 0 and lon == 0) or abs(lat) > 90 or abs(lon) > 180:
        return None
    return f"{'北纬' if lat >= 0 else '南纬'} {abs(lat):.6f}°，{'东经' if lon >= 0 else '西经'} {abs(lon):.6f}°"


def read_photo_metadata(data: bytes, part: str, b: Builder) -> int:
    """Add the picture's EXIF/XMP fields as ``metadata`` segments of ``part``; returns how many."""
    from PIL import ExifTags, Image

    try:
        img = Image.open(io.BytesIO(data))
        exif = img.getexif()
        info = dict(img.info)
    except Exception:  # a picture whose headers Pillow cannot read: OCR reports it
        return 0
    fields: dict[str, str] = {}
    B = ExifTags.Base
    try:
        sub = exif.get_ifd(ExifTags.IFD.Exif)
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    except Exception:
        sub, gps = {}, {}

    def put(key: str, value) -> None:
        t = _text(value)
        if t and key not in fields:
            fields[key] = t[:300]
    put("creator", exif.get(B.Artist))
    put("creator", exif.get(B.XPAuthor))
    put("camera_owner", sub.get(B.CameraOwnerName) or exif.get(B.CameraOwnerName))
    put("copyright", exif.get(B.Copyright))
    put("description", exif.get(B.ImageDescription))
    put("description", exif.get(B.XPComment))
    put("description", exif.get(B.XPSubject))
    put("description", sub.get(B.UserComment))
    put("captured", sub.get(B.DateTimeOriginal) or exif.get(B.DateTime))
    camera = " ".join(t for t in (_text(exif.get(B.Make)), _text(exif.get(B.Model))) if t)
    put("camera", camera)
    put("camera_serial", sub.get(B.BodySerialNumber))
    put("application", exif.get(B.Software))
    if gps:
        pos = _position(gps_degrees(gps.get(2), gps.get(1)), gps_degrees(gps.get(4), gps.get(3)))
        if pos:
            fields["gps"] = pos
    xmp = info.get("xmp") or info.get("XML:com.adobe.xmp")
    if xmp:
        x = xmp.decode("utf-8", "replace") if isinstance(xmp, bytes) else str(xmp)
        x = x[:200_000]
        vals = {k: next((g for g in (m.groups() if m else ()) if g), None)
                for k, m in ((k, rx.search(x)) for k, rx in _XMP_TAGS.items())}
        put("creator", vals["creator"])
        put("application", vals["application"])
        if "gps" not in fields and vals["gps_lat"] and vals["gps_lon"]:
            pos = _position(_xmp_degrees(vals["gps_lat"]), _xmp_degrees(vals["gps_lon"]))
            if pos:
                fields["gps"] = pos
    for key, value in fields.items():
        name = PHOTO_FIELDS[key]
        b.metadata[key if key not in b.metadata else f"{key}:{b.prefix}{part}"] = value
        b.add(value, part, "metadata", cell=key, context=name, label=f"图片 {b.prefix}{part}·{name}")
    return len(fields)
