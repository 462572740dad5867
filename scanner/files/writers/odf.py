"""OpenDocument text cleaner (.odt/.ott, what LibreOffice and WPS save): a copy with comments,
tracked-change records and hidden text removed, the person properties blanked, personal data
masked in place, and the pictures cleaned as picture files are (EXIF/XMP dropped, the boxes of
the findings read in them blacked out).

- Masks: each personal-data finding with a suggestion found in ``content.xml``/``styles.xml``
  (headers, footers) or an embedded object's ``content.xml`` is replaced in every paragraph of
  that part that holds its text, also when the text runs over several spans (each span keeps its
  formatting and gets its share of the mask). A value cut by an element that is not text (a
  ``text:s`` space run, a field) is not masked, and the rescan of the copy reports it.
- Removed: ``office:annotation`` (comments with their authors), ``text:tracked-changes`` (the
  deleted text of tracked changes; insertions stay as they read) and the change marks, hidden
  paragraphs and text (``text:hidden-paragraph``/``hidden-text``, sections with
  ``text:display="none"`` or a condition, paragraphs and spans of a hidden style),
  ``Thumbnails/thumbnail.png`` (a picture of the first page as it was, with the unmasked text).
- Properties (``meta.xml``): the creator, initial creator and printed-by blanked, user-defined
  properties dropped, masks applied to the title, subject, description and keywords.
- Pictures under ``Pictures/`` (:func:`scanner.files.writers.picture.clean_package_pictures`).

Every other member is copied byte for byte, ``mimetype`` first and stored, as ODF requires.
Spreadsheets and presentations (.ods/.odp) are not written (``unsupported``).
"""
from __future__ import annotations

from ..document import Document
from ..limits import FileError
from ..odf import _SKIP_INLINE, DC, META, OF, T, _hidden_styles
from .package import Package
from .picture import clean_package_pictures

__all__ = ["clean_odf"]

_TEXT_TYPES = ("application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text-template")
_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
_BLANK_META = (META + "initial-creator", DC + "creator", META + "printed-by")
_MASKED_META = (DC + "title", DC + "subject", DC + "description", META + "keyword")


def _drop(el) -> None:
    """Remove ``el`` and what it holds, keeping the text after it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _pieces(el, out: list) -> None:
    """The text pieces of a paragraph in the order the extractor joins them
    (:func:`scanner.files.odf._inline_text`): ``(element, "text"|"tail", string)``, or
    ``(None, None, string)`` for what is not editable text (a ``text:s`` run, a tab)."""
    out.append((el, "text", el.text or ""))
    for child in el:
        tag = child.tag
        if tag in _SKIP_INLINE or not isinstance(tag, str):
            pass
        elif tag == T + "s":
            out.append((None, None, " " * min(int(child.get(T + "c", "1")), 100)))
        elif tag == T + "tab":
            out.append((None, None, "\t"))
        elif tag == T + "line-break":
            out.append((None, None, "\n"))
        else:
            _pieces(child, out)
        out.append((child, "tail", child.tail or ""))


def _mask_paragraph(p, masks: list[tuple[str, str]]) -> int:
    """Replace every occurrence of each ``(value, suggestion)`` in paragraph ``p``; returns how many."""
    def read() -> tuple[list, str]:
        pieces: list = []
        _pieces(p, pieces)
        return pieces, "".join(s for _, _, s in pieces)

    pieces, flat = read()  # (again only after a write: most paragraphs hold none of the values)
    if not any(value in flat for value, _ in masks):
        return 0
    n = 0
    for value, sugg in masks:
        start = 0  # past the masks already written (a suggestion may hold the value's characters)
        while True:
            a = flat.find(value, start)
            # an occurrence over a piece that is not text is left (the rescan reports it)
            while a >= 0:
                b = a + len(value)
                cum, ok = 0, True
                for el, _, s in pieces:
                    if el is None and cum < b and a < cum + len(s):
                        ok = False
                        break
                    cum += len(s)
                if ok:
                    break
                a = flat.find(value, a + 1)
            if a < 0:
                break
            same = len(sugg) == len(value)
            cum, first = 0, True
            for el, kind, s in pieces:
                g0, g1 = max(a, cum), min(b, cum + len(s))
                if g0 < g1:
                    rep = sugg[g0 - a:g1 - a] if same else (sugg if first else "")
                    first = False
                    new = s[:g0 - cum] + rep + s[g1 - cum:]
                    if kind == "text":
                        el.text = new
                    else:
                        el.tail = new
                cum += len(s)
            pieces, flat = read()
            start = a + len(sugg)
            n += 1
    return n


def _is_text_document(pkg: Package, name: str) -> bool:
    if pkg.has("mimetype"):
        return pkg.zf.read("mimetype").decode("ascii", "replace").strip() in _TEXT_TYPES
    return name.lower().endswith((".odt", ".ott"))


def _clean_tree(root, hidden: set[str], masks: list[tuple[str, str]]) -> None:
    for el in list(root.iter(OF + "annotation", OF + "annotation-end", T + "tracked-changes", T + "change",
                             T + "change-start", T + "change-end", T + "hidden-paragraph", T + "hidden-text")):
        _drop(el)
    for el in list(root.iter(T + "section")):
        if el.get(T + "display") == "none" or el.get(T + "condition"):
            _drop(el)
    if hidden:
        for el in list(root.iter(T + "p", T + "h", T + "span")):
            if el.get(T + "style-name") in hidden and el.getparent() is not None:
                _drop(el)
    if masks:
        for p in root.iter(T + "p", T + "h"):
            _mask_paragraph(p, masks)


def clean_odf(data: bytes, name: str, doc: Document, result) -> bytes:
    """A copy of an OpenDocument text with comments, tracked changes, hidden text and the person
    properties removed, personal data masked in place, and its pictures cleaned."""
    pkg = Package(data, name)
    if not _is_text_document(pkg, name):
        raise FileError(f"{name}: cannot clean an OpenDocument spreadsheet or presentation; clean writes "
                        ".odt (OpenDocument text), .docx, .xlsx, .pptx and pictures", "unsupported")
    masks_by_part: dict[str, dict[str, str]] = {}
    meta: dict[str, str] = {}
    for f in result.findings:
        if f.category != "personal_data" or not f.suggestion or f.text == f.suggestion:
            continue
        loc = f.location or {}
        part, layer = loc.get("part") or "", loc.get("layer")
        if layer == "image":
            continue  # masked in the picture (clean_package_pictures)
        if layer == "metadata" or part.endswith("meta.xml"):
            meta[f.text] = f.suggestion
        elif part.endswith(("content.xml", "styles.xml")):
            masks_by_part.setdefault(part, {})[f.text] = f.suggestion
    styles_hidden = _hidden_styles(pkg.xml("styles.xml")) if pkg.has("styles.xml") else set()
    parts = ["content.xml", "styles.xml"] + sorted(p for p in masks_by_part if p.startswith("Object "))
    for part in parts:
        if not pkg.has(part):
            continue
        root = pkg.xml(part)
        hidden = _hidden_styles(root) | styles_hidden
        masks = sorted(masks_by_part.get(part, {}).items(), key=lambda kv: -len(kv[0]))  # longest first
        _clean_tree(root, hidden, masks)
        pkg.touch(part)
    if pkg.has("meta.xml"):
        root = pkg.xml("meta.xml")
        for el in list(root.iter(*_BLANK_META)):
            el.text = None
        for el in list(root.iter(META + "user-defined")):
            _drop(el)
        pairs = sorted(meta.items(), key=lambda kv: -len(kv[0]))
        for el in root.iter(*_MASKED_META):
            for old, new in pairs:
                if el.text and old in el.text:
                    el.text = el.text.replace(old, new)
        pkg.touch("meta.xml")
    if pkg.has("Thumbnails/thumbnail.png"):
        pkg.remove("Thumbnails/thumbnail.png")
        if pkg.has("META-INF/manifest.xml"):
            man = pkg.xml("META-INF/manifest.xml")
            for e in list(man.iter(f"{{{_MANIFEST}}}file-entry")):
                if e.get(f"{{{_MANIFEST}}}full-path") == "Thumbnails/thumbnail.png":
                    man.remove(e)
            pkg.touch("META-INF/manifest.xml")
    clean_package_pictures(pkg, doc, result)  # EXIF/XMP dropped, findings in pictures blacked out
    return pkg.save()
