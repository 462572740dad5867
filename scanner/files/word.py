"""Word (.docx/.docm/.dotx): every layer a reviewer does not see on the page but the file publishes.

Parts read with lxml (python-docx builds a full object model and reads fewer layers; lxml over
the raw parts is faster and sees everything): the body (``word/document.xml``, tables with cells
joined by tabs, text boxes), headers and footers, footnotes and endnotes, comments (with their
author), tracked changes (inserted and deleted text, with author), hidden text (``w:vanish``) and
white text, the attached template, document properties and embedded objects (an Excel inside a
Word is read as layer ``embedded``).

Every segment is one paragraph's run of text of one layer; its ``ref`` is
``(part, paragraph index, layer)``, what the writers use to find it again.
"""
from __future__ import annotations

from .document import Builder
from .limits import Context, FileError, SafeZip
from .meta import add_metadata
from .ooxml import read_embedded, read_properties, rels_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_T, _DT, _TAB, _BR, _CR, _P, _R = (W + n for n in ("t", "delText", "tab", "br", "cr", "p", "r"))
_INS, _DEL, _RPR, _VANISH, _COLOR = (W + n for n in ("ins", "del", "rPr", "vanish", "color"))
_TC = W + "tc"
_FALLBACK = MC + "Fallback"


def _run_state(run) -> str | None:
    """'hidden' / 'white' for a run the page does not show, else None."""
    rpr = run.find(_RPR)
    if rpr is None:
        return None
    v = rpr.find(_VANISH)
    if v is not None and v.get(W + "val", "true") not in ("0", "false", "off"):
        return "hidden"
    c = rpr.find(_COLOR)
    if c is not None and (c.get(W + "val") or "").upper() in ("FFFFFF", "FEFEFE") and rpr.find(W + "highlight") is None \
            and rpr.find(W + "shd") is None:
        return "white"
    return None


def _author_of(el) -> str:
    return (el.get(W + "author") or "").strip()


def _paragraph_runs(p):
    """Yield (layer, author, text, element) pieces of a paragraph in reading order (nested paragraphs of
    text boxes are yielded by their own paragraph, not here)."""
    for el in p.iter():
        tag = el.tag
        if tag not in (_T, _DT, _TAB, _BR, _CR):
            continue
        # the innermost paragraph owning this element must be p (skip text-box paragraphs and fallbacks)
        owner = el.getparent()
        inner_p = None
        in_fallback = False
        change = None
        run = None
        while owner is not None and owner is not p:
            t = owner.tag
            if t == _P and inner_p is None:
                inner_p = owner
            elif t == _FALLBACK:
                in_fallback = True
            elif t in (_INS, _DEL) and change is None:
                change = owner
            elif t == _R and run is None:
                run = owner
            owner = owner.getparent()
        if inner_p is not None or in_fallback:
            continue
        text = el.text or "" if tag in (_T, _DT) else ("\t" if tag == _TAB else "\n")
        if not text:
            continue
        if change is not None or tag == _DT:
            kind = "del" if (change is not None and change.tag == _DEL) or tag == _DT else "ins"
            yield ("tracked_change:" + kind, _author_of(change) if change is not None else "", text, el)
            continue
        state = _run_state(run) if run is not None else None
        yield ("hidden:" + state if state else "body", "", text, el)


def _read_part(zf: SafeZip, part: str, b: Builder, ctx: Context, layer: str, label: str,
               comments: dict[str, str] | None = None) -> None:
    root = zf.xml(part)
    for i, p in enumerate(root.iter(_P)):
        if i % 2000 == 0:
            ctx.check_time(zf.name)
        pieces = [x[:3] for x in _paragraph_runs(p)]
        if not pieces:
            continue
        # visible text of the paragraph as one segment; the other layers follow it, each its own segment
        visible = "".join(t for lay, _, t in pieces if lay == "body")
        in_table = any(a.tag == _TC for a in p.iterancestors())
        # cells of a table row: a tab after each cell's last paragraph keeps the row on one line
        sep = "\n"
        if in_table:
            tc = next(a for a in p.iterancestors() if a.tag == _TC)
            paras = tc.findall(_P)
            if paras and paras[-1] is p and tc.getnext() is not None:
                sep = "\t"
        if visible.strip():
            b.add(visible, part, layer, sep=sep, label=label, ref=(part, i, "body"))
        other: dict[tuple[str, str], list[str]] = {}
        for lay, author, t in pieces:
            if lay != "body":
                other.setdefault((lay, author), []).append(t)
        for (lay, author), texts in other.items():
            text = "".join(texts)
            if not text.strip():
                continue
            base, kind = lay.split(":")
            if base == "tracked_change":
                lab = f"{label if layer != 'body' else ''}修订{'删除' if kind == 'del' else '插入'}" + \
                      (f"（{author}）" if author else "")
                b.add(text, part, "tracked_change", label=lab, context=author or None, ref=(part, i, lay))
            else:
                lab = ("隐藏文字" if kind == "hidden" else "白色文字") + (f"（{label}）" if layer != "body" else "")
                b.add(text, part, "hidden", label=lab, ref=(part, i, lay))


def extract_docx(zf: SafeZip, name: str, b: Builder, ctx: Context) -> None:
    if not zf.has("word/document.xml"):
        raise FileError(f"{name}: not a Word document (no word/document.xml)", "corrupt")
    rels = rels_of(zf, "word/document.xml")
    headers = [(t, target) for t, target, mode in rels.values() if t in ("header", "footer") and mode != "External"]
    # headers first: the reader sees the letterhead (and a 内部资料 mark) before the body
    for i, (t, target) in enumerate(sorted(h for h in headers if h[0] == "header"), 1):
        if zf.has(target):
            _read_part(zf, target, b, ctx, "header", "页眉")
    _read_part(zf, "word/document.xml", b, ctx, "body", "正文")
    for t, target in sorted(h for h in headers if h[0] == "footer"):
        if zf.has(target):
            _read_part(zf, target, b, ctx, "footer", "页脚")
    for part, label in (("word/footnotes.xml", "脚注"), ("word/endnotes.xml", "尾注")):
        if zf.has(part):
            _read_part(zf, part, b, ctx, "footnote", label)
    if zf.has("word/comments.xml"):
        root = zf.xml("word/comments.xml")
        for c in root.iter(W + "comment"):
            author = _author_of(c)
            text = "\n".join("".join(t.text or "" for t in p.iter(_T)) for p in c.iter(_P)).strip()
            b.add(text, "word/comments.xml", "comment", label=f"批注（{author or '未署名'}）", context=author or None,
                  ref=("word/comments.xml", c.get(W + "id"), "comment"))
    if zf.has("word/settings.xml"):
        srels = rels_of(zf, "word/settings.xml")
        for t, target, mode in srels.values():
            if t == "attachedTemplate":
                add_metadata(b, "word/settings.xml", "template", target)
    read_properties(zf, b, ctx)
    read_embedded(zf, b, ctx, ("word/embeddings/", "word/media/"))
