"""OpenDocument (.odt/.ods/.odp, what LibreOffice and many agencies' WPS installs save): lxml over
``content.xml``, ``styles.xml`` (headers and footers of the master pages) and ``meta.xml``.

Layers: body (paragraphs, headings, lists, tables with cells joined by tabs), header/footer,
comments (``office:annotation`` with ``dc:creator``), tracked deletions (``text:deletion``),
hidden text (``text:hidden-paragraph``/``hidden-text``, sections with ``text:display="none"``),
hidden rows/columns/sheets of spreadsheets (``table:visibility="collapse"``, table styles with
``table:display="false"``), footnotes/endnotes (``text:note``), speaker notes of presentations
(``presentation:notes``), properties (meta.xml) and embedded objects (``Object N/``).
"""
from __future__ import annotations

from .document import Builder
from .image import RASTER_SUFFIXES, add_picture
from .limits import Context, FileError, SafeZip
from .meta import add_metadata
from .sheet import cell_place

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}
T, TB, OF, DR, PR, ST, DC, META = (f"{{{NS[k]}}}" for k in ("text", "table", "office", "draw", "presentation",
                                                               "style", "dc", "meta"))
_BLOCKS = {T + "p", T + "h"}
_SKIP_INLINE = {OF + "annotation", T + "note", T + "tracked-changes"}
_MAX_REPEAT = 1000  # never expand a million empty repeated rows or columns


def _col_letter(n: int) -> str:
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _inline_text(el, hidden: set[str] | frozenset = frozenset()) -> str:
    """Text of a paragraph without its annotations, notes, tracked-change records and hidden spans."""
    out = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag in _SKIP_INLINE or (hidden and child.get(T + "style-name") in hidden):
            pass
        elif tag == T + "s":
            out.append(" " * min(int(child.get(T + "c", "1")), 100))
        elif tag == T + "tab":
            out.append("\t")
        elif tag == T + "line-break":
            out.append("\n")
        else:
            out.append(_inline_text(child, hidden))
        out.append(child.tail or "")
    return "".join(out)


class _Reader:
    def __init__(self, b: Builder, ctx: Context, name: str, hidden_styles: set[str]):
        self.b, self.ctx, self.name, self.hidden_styles = b, ctx, name, hidden_styles
        self.slide = 0

    def walk(self, el, part: str, layer: str, label: str) -> None:
        for child in el:
            self.node(child, part, layer, label)

    def node(self, el, part: str, layer: str, label: str) -> None:
        tag = el.tag
        b = self.b
        if tag in _BLOCKS:
            if el.get(T + "style-name") in self.hidden_styles:
                b.add(_inline_text(el), part, "hidden", label="隐藏文字")
                return
            b.add(_inline_text(el, self.hidden_styles), part, layer, label=label)
            for span in el.iter(T + "span"):
                if span.get(T + "style-name") in self.hidden_styles:
                    b.add(_inline_text(span), part, "hidden", label="隐藏文字")
            for sub in el.iter(OF + "annotation", T + "note"):
                if sub.tag == OF + "annotation":
                    author = "".join(sub.find(DC + "creator").itertext()) if sub.find(DC + "creator") is not None else ""
                    text = "\n".join(_inline_text(p) for p in sub.iter(T + "p"))
                    b.add(text, part, "comment", label=f"批注（{author or '未署名'}）", context=author or None)
                else:
                    body = sub.find(T + "note-body")
                    if body is not None:
                        self.walk(body, part, "footnote", "脚注")
            return
        if tag == T + "tracked-changes":
            for region in el.iter(T + "changed-region"):
                dele = region.find(T + "deletion")
                if dele is not None:
                    info = dele.find(OF + "change-info")
                    author = ""
                    if info is not None and info.find(DC + "creator") is not None:
                        author = "".join(info.find(DC + "creator").itertext())
                    text = "\n".join(_inline_text(p) for p in dele.iter(T + "p", T + "h"))
                    b.add(text, part, "tracked_change", label="修订删除" + (f"（{author}）" if author else ""),
                          context=author or None)
            return
        if tag in (T + "hidden-paragraph", T + "hidden-text"):
            b.add(el.get(T + "string-value") or _inline_text(el), part, "hidden", label="隐藏文字")
            return
        if tag == T + "section" and (el.get(T + "display") == "none" or el.get(T + "condition")):
            self.walk(el, part, "hidden", "隐藏段落")
            return
        if tag == TB + "table":
            self.table(el, part, layer, label)
            return
        if tag == DR + "page":
            self.slide += 1
            n = self.slide
            for child in el:
                if child.tag == PR + "notes":
                    self.walk(child, part, "notes", f"幻灯片 {n} 备注")
                else:
                    self.node(child, part, layer, f"幻灯片 {n}")
            return
        if tag == OF + "annotation":
            return
        if el.get(T + "style-name") in self.hidden_styles:
            self.walk(el, part, "hidden", "隐藏文字")
            return
        self.walk(el, part, layer, label)

    def table(self, tbl, part: str, layer: str, label: str) -> None:
        b = self.b
        name = tbl.get(TB + "name") or ""
        sheet_hidden = tbl.get(TB + "style-name") in self.hidden_styles
        hidden_cols: set[int] = set()
        col = 0
        for c in tbl.iter(TB + "table-column"):
            rep = min(int(c.get(TB + "number-columns-repeated", "1")), _MAX_REPEAT)
            if c.get(TB + "visibility") in ("collapse", "filter"):
                hidden_cols.update(range(col + 1, col + rep + 1))
            col += rep
        row_no = 0
        for row in tbl.iter(TB + "table-row"):
            self.ctx.check_time(self.name)
            rep = int(row.get(TB + "number-rows-repeated", "1"))
            row_no += 1
            row_hidden = row.get(TB + "visibility") in ("collapse", "filter")
            col = 0
            wrote = False
            for cell in row:
                if cell.tag not in (TB + "table-cell", TB + "covered-table-cell"):
                    continue
                crep = min(int(cell.get(TB + "number-columns-repeated", "1")), _MAX_REPEAT)
                col += 1
                text = "\n".join(_inline_text(p) for p in cell.iter(T + "p"))
                ref = f"{_col_letter(col)}{row_no}"
                if text.strip():
                    lay, lab = cell_place(name, ref, str(row_no), _col_letter(col), sheet_hidden, row_hidden,
                                          col in hidden_cols)
                    if lay == "body":
                        lay, lab = layer, (lab if label == "正文" else label)
                    b.add(text, part, lay, sep="\t", sheet=name or None, cell=ref, label=lab)
                    wrote = True
                    for sub in cell.iter(OF + "annotation"):
                        author = "".join(sub.find(DC + "creator").itertext()) if sub.find(DC + "creator") is not None else ""
                        b.add("\n".join(_inline_text(p) for p in sub.iter(T + "p")), part, "comment", sheet=name or None,
                              cell=ref, label=f"批注（{author or '未署名'}）· {ref}", context=author or None)
                col += crep - 1
            if wrote:
                b.separate()
            row_no += min(rep, _MAX_REPEAT) - 1 if rep > 1 else 0


def _hidden_styles(root) -> set[str]:
    out = set()
    for st in root.iter(ST + "style"):
        for props in st:
            if props.get(T + "display") == "none" or props.get(TB + "display") == "false":
                out.add(st.get(ST + "name"))
    return out


def extract_odf(zf: SafeZip, name: str, b: Builder, ctx: Context, prefix: str = "") -> None:
    if not zf.has(prefix + "content.xml"):
        raise FileError(f"{name}: not an OpenDocument file (no content.xml)", "corrupt")
    content = zf.xml(prefix + "content.xml")
    styles = zf.xml(prefix + "styles.xml") if zf.has(prefix + "styles.xml") else None
    hidden = _hidden_styles(content) | (_hidden_styles(styles) if styles is not None else set())
    r = _Reader(b, ctx, name, hidden)
    if styles is not None:
        for mp in styles.iter(ST + "master-page"):
            for el in mp:
                tag = el.tag.rsplit("}", 1)[-1]
                if tag.startswith("header"):
                    r.walk(el, prefix + "styles.xml", "header", "页眉")
                elif tag.startswith("footer"):
                    r.walk(el, prefix + "styles.xml", "footer", "页脚")
    body = content.find(OF + "body")
    if body is not None:
        r.walk(body, prefix + "content.xml", "body", "正文")
    if zf.has(prefix + "meta.xml"):
        meta = zf.xml(prefix + "meta.xml")
        m = meta.find(OF + "meta")
        for el in ([] if m is None else m):
            key = el.tag.rsplit("}", 1)[-1]
            if key == "user-defined":
                add_metadata(b, prefix + "meta.xml", "custom", f"{el.get(META + 'name')}: {el.text or ''}")
            elif key in ("creator", "initial-creator", "title", "subject", "keyword", "description", "generator"):
                add_metadata(b, prefix + "meta.xml", {"keyword": "keywords"}.get(key, key), el.text)
    for member in zf.names():
        if member.startswith(prefix) and member[len(prefix):].startswith("Pictures/") and not member.endswith("/"):
            if member.lower().endswith(RASTER_SUFFIXES):
                add_picture(zf.read(member), member, b, ctx)
            else:
                b.add_part(member, "image", "not_read: a vector drawing or an unknown picture format", zf.size(member))
    if not prefix:
        objects = sorted({m.split("/", 1)[0] for m in zf.names() if m.startswith("Object ") and "/" in m})
        for obj in objects:
            if zf.has(f"{obj}/content.xml"):
                sub = Builder(prefix=b.prefix)
                extract_odf(zf, name, sub, ctx, prefix=f"{obj}/")
                d = sub.build("odf")
                for s in d.segments:
                    b.add(d.text[s.start:s.end], s.part[len(b.prefix):], "embedded" if s.layer == "body" else s.layer,
                          sheet=s.sheet, cell=s.cell, label=f"嵌入对象 {obj}·{s.place}")
