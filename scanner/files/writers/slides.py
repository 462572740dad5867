"""PowerPoint cleaner: a copy of the deck with personal data masked in the slides' text and
pictures, speaker notes and comments removed, and the person properties blanked.

The slides are re-read with :func:`scanner.files.slides.paragraph_pieces`, the function the
extractor used, so a segment's ``ref`` ``(slide part, paragraph index)`` names the same paragraph
and its pieces (``(a:t element, text)``) give the exact characters a finding's offsets cover.

- Every personal-data finding with a suggestion is masked in place in the slide (hidden slides
  too: they stay in the deck, a reviewer's call; their findings are listed as ``hidden``); a
  finding over several ``a:t`` runs gives each run its share of the masked value.
- Speaker notes (``notesSlide`` parts) are not part of a published deck: removed, with their
  relationships. Comments (classic and modern) and their authors: removed.
- Person and company properties blanked, custom properties dropped, personal data in the other
  properties masked (:func:`scanner.files.writers.package.clean_properties`).
- Pictures (``ppt/media/…``): EXIF/XMP dropped, the boxes of findings read in them blacked out
  (:func:`scanner.files.writers.picture.clean_package_pictures`).

Every other member of the package is copied byte for byte.
"""
from __future__ import annotations

from ..document import Document
from ..limits import FileError
from ..slides import A, paragraph_pieces
from .package import Package, apply_text_edits, clean_properties
from .picture import clean_package_pictures

__all__ = ["clean_pptx"]

_T = A + "t"


def _mask(pkg: Package, doc: Document, result) -> list[tuple[str, str]]:
    """Replace each personal-data finding's characters by its suggestion in the a:t elements they
    came from; returns the (text, suggestion) pairs of findings in the properties."""
    pieces: dict[str, list] = {}
    edits: dict[int, tuple[object, list]] = {}
    meta: list[tuple[str, str]] = []
    for f in result.findings:
        if f.category != "personal_data" or not f.suggestion:
            continue
        sugg = f.suggestion
        same = len(sugg) == f.end - f.start
        spans = []
        for s in doc.segments_between(f.start, f.end):
            if s.layer == "metadata":
                meta.append((f.text, sugg))
                break
            if s.layer not in ("body", "hidden") or not (isinstance(s.ref, tuple) and len(s.ref) == 2):
                continue
            part, i = s.ref
            if part not in pieces:
                pieces[part] = paragraph_pieces(pkg.xml(part)) if pkg.has(part) else []
            if not isinstance(i, int) or i >= len(pieces[part]):
                continue
            a, e = max(f.start, s.start), min(f.end, s.end)
            cum = s.start
            for el, text in pieces[part][i]:
                g0, g1 = max(a, cum), min(e, cum + len(text))
                if g0 < g1 and el is not None:
                    spans.append((el, g0 - cum, g1 - cum, g0, g1))
                cum += len(text)
            pkg.touch(part)
        for k, (el, k0, k1, g0, g1) in enumerate(spans):
            rep = sugg[g0 - f.start:g1 - f.start] if same else (sugg if k == 0 else "")
            edits.setdefault(id(el), (el, []))[1].append((k0, k1, rep))
    apply_text_edits(edits)
    return meta


def clean_pptx(data: bytes, name: str, doc: Document, result) -> bytes:
    """A copy with personal data masked in slides and pictures, speaker notes and comments removed
    and the person properties blanked."""
    pkg = Package(data, name)
    if not pkg.has("ppt/presentation.xml"):
        raise FileError(f"{name}: not a PowerPoint file (no ppt/presentation.xml)", "corrupt")
    meta = _mask(pkg, doc, result)
    pres = "ppt/presentation.xml"
    slides = [t for typ, t, mode in pkg.rels(pres).values() if typ == "slide" and mode != "External" and pkg.has(t)]
    for part in slides:
        for target in pkg.drop_rels(part, ("notesSlide", "comments")):
            if pkg.has(target):
                pkg.remove(target)
    for target in pkg.drop_rels(pres, ("commentAuthors", "authors")):
        if pkg.has(target):
            pkg.remove(target)
    clean_properties(pkg, meta)
    clean_package_pictures(pkg, doc, result)  # EXIF/XMP dropped, findings in pictures blacked out
    return pkg.save()
