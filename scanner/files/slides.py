"""PowerPoint (.pptx/.pptm/.ppsx): slides in presentation order (every shape, tables with cells
joined by tabs, groups), hidden slides (layer ``hidden``), speaker notes (layer ``notes``),
comments with their authors, properties and embedded objects. lxml over the raw parts."""
from __future__ import annotations

from .document import Builder
from .limits import Context, FileError, SafeZip
from .ooxml import read_embedded, read_properties, rels_of

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def paragraph_pieces(root) -> list[list[tuple[object, str]]]:
    """Each a:p in reading order (a table row as one line, its cells joined by tabs) as its
    pieces: ``(a:t element, its text)``, ``(None, "\t")`` between cells; blank ones left out. A
    segment's ``ref`` ``(part, i)`` is the index in this list (the cleaner masks through it)."""
    out = []
    for el in root.iter(A + "p", A + "tr"):
        if el.tag == A + "tr":
            pieces: list[tuple[object, str]] = []
            for k, tc in enumerate(el.iter(A + "tc")):
                if k:
                    pieces.append((None, "\t"))
                pieces += [(t, t.text or "") for t in tc.iter(A + "t")]
            out.append(pieces)
        elif not any(anc.tag == A + "tr" for anc in el.iterancestors()):
            out.append([(t, t.text or "") for t in el.iter(A + "t")])
    return [ps for ps in out if "".join(t for _, t in ps).strip()]


def _paragraphs(root):
    """Text of each a:p in reading order; table rows as one line with tab-joined cells."""
    return ["".join(t for _, t in ps) for ps in paragraph_pieces(root)]


def _notes_text(root) -> list[str]:
    out = []
    for sp in root.iter(P + "sp"):
        ph = sp.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is not None and ph.get("type") in ("sldNum", "sldImg", "hdr", "ftr", "dt"):
            continue
        out += _paragraphs(sp)
    return out


def extract_pptx(zf: SafeZip, name: str, b: Builder, ctx: Context) -> None:
    if not zf.has("ppt/presentation.xml"):
        raise FileError(f"{name}: not a PowerPoint file (no ppt/presentation.xml)", "corrupt")
    pres = zf.xml("ppt/presentation.xml")
    rels = rels_of(zf, "ppt/presentation.xml")
    authors: dict[str, str] = {}
    if zf.has("ppt/commentAuthors.xml"):
        for a in zf.xml("ppt/commentAuthors.xml"):
            authors[a.get("id") or ""] = a.get("name") or ""
    lst = pres.find(P + "sldIdLst")
    for n, sid in enumerate([] if lst is None else lst.findall(P + "sldId"), 1):
        ctx.check_time(name)
        part = rels.get(sid.get(R + "id"), ("", "", ""))[1]
        if not part or not zf.has(part):
            b.warn(f"{name}: slide {n} has no part {part!r}")
            continue
        slide = zf.xml(part)
        hidden = slide.get("show") in ("0", "false")
        layer, label = ("hidden", f"隐藏幻灯片 {n}") if hidden else ("body", f"幻灯片 {n}")
        for i, text in enumerate(_paragraphs(slide)):
            b.add(text, part, layer, page=n, label=label, ref=(part, i))
        for typ, target, mode in rels_of(zf, part).values():
            if mode == "External" or not zf.has(target):
                continue
            if typ == "notesSlide":
                for text in _notes_text(zf.xml(target)):
                    b.add(text, target, "notes", page=n, label=f"幻灯片 {n} 备注")
            elif typ == "comments":
                for cm in zf.xml(target):
                    author = authors.get(cm.get("authorId") or "", "")
                    text = "".join(t.text or "" for t in cm.iter(P + "text"))
                    b.add(text, target, "comment", page=n, label=f"幻灯片 {n} 批注（{author or '未署名'}）",
                          context=author or None)
            elif typ.endswith("omments") and "modern" in target.lower():
                for cm in zf.xml(target):
                    text = "".join(t.text or "" for t in cm.iter(A + "t"))
                    b.add(text, target, "comment", page=n, label=f"幻灯片 {n} 批注")
    read_properties(zf, b, ctx)
    read_embedded(zf, b, ctx, ("ppt/embeddings/", "ppt/media/"))
