"""Pictures: listed as parts of the result. Reading their text (OCR) and their EXIF is the images
issue's work; until then the result says which pictures were not read, never a silent pass."""
from __future__ import annotations

from .document import Builder
from .limits import Context


def extract_image(data: bytes, name: str, b: Builder, ctx: Context) -> None:
    b.add_part(name, "image", "not_read", len(data))
