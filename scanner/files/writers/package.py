"""An OOXML package opened for writing (the Word and Excel writers): parts parsed on demand with
no DTDs or entities, changed parts re-serialised, every other member copied byte for byte;
relationships and content types kept consistent; the personal document properties blanked."""
from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from ..limits import Context, FileError, Limits, SafeZip

__all__ = ["Package", "rels_name", "clean_properties", "replace_texts", "apply_text_edits", "REL_NS", "CT_NS",
           "OFFICE_REL"]

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PERSON_CORE = ("creator", "lastModifiedBy")
BLANK_APP = ("Company", "Manager", "Template", "HyperlinkBase")


class Package:
    """The zip package: parts parsed on demand (no DTDs, no entities), changed parts re-serialised,
    every other member copied as it was."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        self.zf = SafeZip(data, name, Context(Limits(), lambda *a: False))
        self.trees: dict[str, object] = {}
        self.dirty: set[str] = set()
        self.removed: set[str] = set()
        self.raw: dict[str, bytes] = {}  # binary parts replaced as a whole (a cleaned picture)
        self.parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)

    def has(self, part: str) -> bool:
        return part not in self.removed and (part in self.trees or self.zf.has(part))

    def xml(self, part: str, *, recover: bool = False):
        root = self.trees.get(part)
        if root is None:
            data = self.zf.read(part)
            if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
                raise FileError(f"{self.name}:{part}: XML with a DTD (refused)", "xml_bomb")
            try:
                root = etree.fromstring(data, self.parser)
            except etree.XMLSyntaxError as e:
                raise FileError(f"{self.name}:{part}: corrupt XML ({e})", "corrupt") from None
            self.trees[part] = root
        return root

    def put(self, part: str, root) -> None:
        self.trees[part] = root
        self.dirty.add(part)
        self.removed.discard(part)

    def put_bytes(self, part: str, data: bytes) -> None:
        """Replace a binary part (a picture) with ``data``."""
        self.raw[part] = data

    def touch(self, part: str) -> None:
        self.dirty.add(part)

    def remove(self, part: str) -> None:
        self.removed.add(part)
        self.trees.pop(part, None)
        self.dirty.discard(part)
        self.drop_override(part)
        rels = rels_name(part)
        if self.has(rels):
            self.removed.add(rels)

    # relationships -----------------------------------------------------------------------
    def rels_root(self, part: str, create: bool = False):
        name = rels_name(part)
        if self.has(name):
            return name, self.xml(name)
        if not create:
            return name, None
        root = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
        self.put(name, root)
        return name, root

    def rels(self, part: str) -> dict[str, tuple[str, str, str]]:
        """Like :func:`scanner.files.ooxml.rels_of`, over the current (possibly changed) rels."""
        _, root = self.rels_root(part)
        out: dict[str, tuple[str, str, str]] = {}
        if root is None:
            return out
        d = posixpath.dirname(part)
        for rel in root:
            target = rel.get("Target") or ""
            mode = rel.get("TargetMode") or "Internal"
            if mode != "External":
                target = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(d, target)).lstrip("/")
            out[rel.get("Id") or ""] = ((rel.get("Type") or "").rsplit("/", 1)[-1], target, mode)
        return out

    def add_rel(self, part: str, rtype: str, target: str) -> str:
        name, root = self.rels_root(part, create=True)
        used = {rel.get("Id") for rel in root}
        n = len(used) + 1
        while f"rId{n}" in used:
            n += 1
        etree.SubElement(root, f"{{{REL_NS}}}Relationship", Id=f"rId{n}", Type=OFFICE_REL + rtype, Target=target)
        self.touch(name)
        return f"rId{n}"

    def drop_rels(self, part: str, types: tuple[str, ...]) -> list[str]:
        """Remove ``part``'s relationships of these types; returns their internal targets."""
        name, root = self.rels_root(part)
        if root is None:
            return []
        targets = [t for t in self.rels(part).values() if t[0] in types]
        for rel in list(root):
            if (rel.get("Type") or "").rsplit("/", 1)[-1] in types:
                root.remove(rel)
                self.touch(name)
        return [target for _, target, mode in targets if mode != "External"]

    # content types ------------------------------------------------------------------------
    def ensure_override(self, part: str, ctype: str) -> None:
        root = self.xml("[Content_Types].xml")
        pname = "/" + part
        for o in root.iter(f"{{{CT_NS}}}Override"):
            if o.get("PartName") == pname:
                return
        etree.SubElement(root, f"{{{CT_NS}}}Override", PartName=pname, ContentType=ctype)
        self.touch("[Content_Types].xml")

    def drop_override(self, part: str) -> None:
        if not self.has("[Content_Types].xml"):
            return
        root = self.xml("[Content_Types].xml")
        for o in list(root.iter(f"{{{CT_NS}}}Override")):
            if o.get("PartName") == "/" + part:
                root.remove(o)
                self.touch("[Content_Types].xml")

    def save(self) -> bytes:
        out = io.BytesIO()
        written = set()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for info in self.zf.zf.infolist():
                n = info.filename
                if n in self.removed or n in written:
                    continue
                data = self._bytes(n) if n in self.dirty else self.raw[n] if n in self.raw else self.zf.read(n)
                zi = zipfile.ZipInfo(n, info.date_time)
                zi.compress_type = info.compress_type
                zi.external_attr = info.external_attr
                z.writestr(zi, data)
                written.add(n)
            for n in sorted(self.dirty - written - self.removed):
                z.writestr(n, self._bytes(n))
        return out.getvalue()

    def _bytes(self, part: str) -> bytes:
        return etree.tostring(self.trees[part], xml_declaration=True, encoding="UTF-8", standalone=True)


def rels_name(part: str) -> str:
    d, f = posixpath.split(part)
    return posixpath.join(d, "_rels", f + ".rels")


def clean_properties(pkg: Package, meta: list[tuple[str, str]]) -> None:
    """Blank the person and company properties, mask ``meta`` (text, mask) pairs in the others,
    drop every custom property."""
    for part, blank in (("docProps/core.xml", PERSON_CORE), ("docProps/app.xml", BLANK_APP)):
        if pkg.has(part):
            root = pkg.xml(part)
            for el in root:
                if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] in blank:
                    el.text = None
            replace_texts(root, meta)
            pkg.touch(part)
    if pkg.has("docProps/custom.xml"):
        root = pkg.xml("docProps/custom.xml")
        for el in list(root):
            root.remove(el)
        pkg.touch("docProps/custom.xml")


def replace_texts(root, meta: list[tuple[str, str]]) -> None:
    if not meta:
        return
    for el in root.iter():
        if isinstance(el.tag, str) and el.text:
            for old, new in meta:
                if old in el.text:
                    el.text = el.text.replace(old, new)


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def apply_text_edits(edits: dict) -> None:
    """Write masked text into XML text elements: ``edits`` maps ``id(element)`` to
    ``(element, [(start, end, replacement), …])`` (offsets into the element's text). Edits apply
    from the end, and one that overlaps an edit already made is skipped; whitespace is kept
    (``xml:space="preserve"``). The Word and PowerPoint cleaners share this."""
    for el, changes in edits.values():
        text = el.text or ""
        limit = len(text) + 1
        for k0, k1, rep in sorted(changes, reverse=True):
            if k1 > limit:
                continue  # overlaps an edit already made
            text = text[:k0] + rep + text[k1:]
            limit = k0
        el.text = text
        el.set(_XML_SPACE, "preserve")
