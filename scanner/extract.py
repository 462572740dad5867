"""Text extraction from the files drafts arrive in: ``.txt``, ``.html`` (WeChat articles, web
pages) and ``.docx`` (Word). Shared by the service's file upload and the archive re-scan.

Findings are reported as offsets into :attr:`ExtractedDocument.text`, the visible text. For HTML,
``blocks`` records where each block of visible text came from (its element path), so a finding
can be traced back to the element; for Word, each paragraph is a block.

Standard library only (``html.parser``, ``zipfile``, ``xml.etree``): no parser to install, and a
corrupt file is an :class:`~scanner.errors.InputError` with the reason, never a traceback.
"""
from __future__ import annotations

import bisect
import io
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from .errors import InputError
from .textio import decode_bytes

__all__ = ["ExtractedDocument", "Block", "extract_bytes", "extract_file", "SUPPORTED_SUFFIXES"]

SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".docx")
_MAX_DOCX_XML = 64 * 1024 * 1024  # refuse zip bombs


@dataclass(frozen=True, slots=True)
class Block:
    start: int  # offset of the block in ExtractedDocument.text
    end: int
    path: str  # element path (HTML: "html>body>div#js_content>p[3]"; docx: "w:p[12]")


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    text: str
    kind: str  # "txt" | "html" | "docx"
    encoding: str | None = None
    title: str | None = None
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def path_at(self, offset: int) -> str | None:
        """The element path of the block containing ``offset`` (None for plain text)."""
        if not self.blocks:
            return None
        i = bisect.bisect_right([b.start for b in self.blocks], offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i].path
        return None


# ----------------------------------------------------------------------------------- HTML
_BLOCK_TAGS = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 "
                        "h4 h5 h6 header hr li main nav ol p pre section table td th tr ul title".split())
_SKIP_TAGS = frozenset("script style noscript template head svg iframe object".split())
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.blocks: list[Block] = []
        self.stack: list[str] = []
        self.counts: list[dict[str, int]] = [{}]
        self.skip = 0
        self.pos = 0
        self.title: str | None = None
        self._in_title = False
        self._block_start: int | None = None
        self._block_path = ""

    def _path(self) -> str:
        return ">".join(self.stack)

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
            self.pos += 1

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS and tag != "head":
            self.skip += 1
        if tag == "title":
            self._in_title = True
        if tag in _VOID_TAGS:
            if tag == "br":
                self._newline()
            return
        n = self.counts[-1].get(tag, 0) + 1
        self.counts[-1][tag] = n
        ident = dict(attrs).get("id")
        self.stack.append(f"{tag}#{ident}" if ident else (f"{tag}[{n}]" if n > 1 else tag))
        self.counts.append({})
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and tag != "head" and self.skip:
            self.skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in _VOID_TAGS:
            return
        # pop up to the matching open tag (tolerates unclosed tags, as browsers do)
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].split("#")[0].split("[")[0] == tag:
                del self.stack[i:]
                del self.counts[i + 1:]
                break
        if tag in _BLOCK_TAGS:
            self._newline()

    def handle_data(self, data):
        if self._in_title:
            self.title = (self.title or "") + data.strip()
            return
        if self.skip or not data:
            return
        text = " ".join(data.split()) if not data.strip() else data.replace("\r", "").replace("\n", " ")
        if not text.strip():
            return
        self.blocks.append(Block(self.pos, self.pos + len(text), self._path()))
        self.parts.append(text)
        self.pos += len(text)


def _extract_html(data: bytes, name: str) -> ExtractedDocument:
    raw, enc = decode_bytes(data, name=name)
    p = _VisibleText()
    try:
        p.feed(raw)
        p.close()
    except Exception as e:  # html.parser is lenient; anything raised here is a broken file
        raise InputError(f"{name}: cannot parse HTML ({e})") from None
    return ExtractedDocument("".join(p.parts), "html", enc, p.title, tuple(p.blocks))


# ----------------------------------------------------------------------------------- DOCX
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _extract_docx(data: bytes, name: str) -> ExtractedDocument:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        info = zf.getinfo("word/document.xml")
        if info.file_size > _MAX_DOCX_XML:
            raise InputError(f"{name}: word/document.xml is {info.file_size} bytes, over the limit")
        xml = zf.read(info)
    except KeyError:
        raise InputError(f"{name}: not a Word document (no word/document.xml)") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as e:
        raise InputError(f"{name}: corrupt .docx ({e})") from None
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as e:
        raise InputError(f"{name}: corrupt .docx XML ({e})") from None
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for i, para in enumerate(root.iter(f"{_W}p"), 1):
        chunks = []
        for el in para.iter():
            if el.tag == f"{_W}t" and el.text:
                chunks.append(el.text)
            elif el.tag == f"{_W}tab":
                chunks.append("\t")
            elif el.tag in (f"{_W}br", f"{_W}cr"):
                chunks.append("\n")
        text = "".join(chunks)
        if text:
            blocks.append(Block(pos, pos + len(text), f"w:p[{i}]"))
        parts.append(text + "\n")
        pos += len(text) + 1
    return ExtractedDocument("".join(parts), "docx", None, None, tuple(blocks))


# ----------------------------------------------------------------------------------- entry points
def extract_bytes(data: bytes, filename: str) -> ExtractedDocument:
    """Extract the visible text of a draft given its bytes and file name (the suffix decides)."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".html", ".htm"):
        return _extract_html(data, filename)
    if suffix == ".docx":
        return _extract_docx(data, filename)
    if suffix in (".txt", ".text", ".md", ""):
        text, enc = decode_bytes(data, name=filename)
        return ExtractedDocument(text, "txt", enc)
    raise InputError(f"{filename}: unsupported file type {suffix!r}; supported: {', '.join(SUPPORTED_SUFFIXES)}")


def extract_file(path: str | Path) -> ExtractedDocument:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except OSError as e:
        raise InputError(f"{p}: cannot read ({e.strerror})") from None
    return extract_bytes(data, p.name)
