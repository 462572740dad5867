"""HTML drafts (WeChat articles, web pages): the visible text, plus what a browser does not show
on the page but publishes all the same: ``<title>``, ``<meta>`` descriptions and keywords, and the
``alt`` and ``title`` text of pictures. Standard library ``html.parser``: lenient as browsers are."""
from __future__ import annotations

from html.parser import HTMLParser

from ..textio import decode_bytes
from .document import Builder
from .limits import Context, FileError

_BLOCK_TAGS = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 "
                        "h4 h5 h6 header hr li main nav ol p pre section table td th tr ul title".split())
_SKIP_TAGS = frozenset("script style noscript template svg iframe object".split())
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_META_NAMES = {"description": "description", "keywords": "keywords", "author": "author",
               "og:title": "title", "og:description": "description", "twitter:description": "description"}


class _Visible(HTMLParser):
    def __init__(self, b: Builder) -> None:
        super().__init__(convert_charrefs=True)
        self.b = b
        self.stack: list[str] = []
        self.counts: list[dict[str, int]] = [{}]
        self.skip = 0
        self.hidden = 0  # depth inside elements with the hidden attribute or display:none
        self.hidden_stack: list[bool] = []
        self.title: str | None = None
        self._in_title = False
        self.images = 0

    def _path(self) -> str:
        return ">".join(self.stack)

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag in _SKIP_TAGS:
            self.skip += 1
        if tag == "title":
            self._in_title = True
        if tag == "meta":
            key = (a.get("name") or a.get("property") or "").lower()
            if key in _META_NAMES and a.get("content", "").strip():
                self.b.add(a["content"].strip(), f"meta[{key}]", "metadata", cell=_META_NAMES[key],
                           context=key, label=f"网页元数据·{key}")
            return
        if tag == "img":
            self.images += 1
            self.b.separate()
            for attr in ("alt", "title"):
                if a.get(attr, "").strip():
                    self.b.add(a[attr].strip(), f"{self._path()}>img[{self.images}]@{attr}", "metadata",
                               label=f"图片{'替代文字' if attr == 'alt' else '标题'}（{a.get('src', '')[-40:] or '图片'}）")
            if a.get("src"):
                self.b.add_part(a["src"][:300], "image", "not_read: a picture the page links to (not fetched: "
                                "upload the picture itself to read it)")
            return
        if tag in _VOID_TAGS:
            if tag == "br":
                self.b.separate()
            return
        n = self.counts[-1].get(tag, 0) + 1
        self.counts[-1][tag] = n
        ident = a.get("id")
        self.stack.append(f"{tag}#{ident}" if ident else (f"{tag}[{n}]" if n > 1 else tag))
        self.counts.append({})
        style = a.get("style", "").replace(" ", "").lower()
        hid = "hidden" in a or "display:none" in style or "visibility:hidden" in style
        self.hidden_stack.append(hid)
        self.hidden += hid
        if tag in _BLOCK_TAGS:
            self.b.separate()

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and self.skip:
            self.skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in _VOID_TAGS:
            return
        for i in range(len(self.stack) - 1, -1, -1):  # tolerate unclosed tags, as browsers do
            if self.stack[i].split("#")[0].split("[")[0] == tag:
                del self.stack[i:]
                del self.counts[i + 1:]
                self.hidden -= sum(self.hidden_stack[i:])
                del self.hidden_stack[i:]
                break
        if tag in _BLOCK_TAGS:
            self.b.separate()

    def handle_data(self, data):
        if self._in_title:
            self.title = (self.title or "") + data.strip()
            return
        if self.skip or not data:
            return
        text = " ".join(data.split()) if not data.strip() else data.replace("\r", "").replace("\n", " ")
        if not text.strip():
            return
        if self.hidden:
            self.b.add(text, self._path(), "hidden", sep="", label="隐藏内容（网页中不显示）")
        else:
            self.b.add(text, self._path(), "body", sep="")


def extract_html(data: bytes, name: str, b: Builder, ctx: Context) -> None:
    try:
        raw, enc = decode_bytes(data, name=name)
    except Exception as e:
        raise FileError(str(e), "encoding") from None
    ctx.check_chars(len(raw), name)
    p = _Visible(b)
    try:
        p.feed(raw)
        p.close()
    except Exception as e:  # html.parser is lenient; anything raised here is a broken file
        raise FileError(f"{name}: cannot parse HTML ({e})", "corrupt") from None
    if p.title:
        b.title = p.title
        b.add(p.title, "title", "metadata", cell="title", context="标题", label="网页标题")
    b.metadata["encoding"] = enc
