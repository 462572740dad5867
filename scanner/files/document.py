"""What an extractor produces: a :class:`Document`, the joined text of every part of a file plus
the located :class:`Segment` each stretch of it came from (SPEC section 6).

Extractors never build the text themselves; they call :meth:`Builder.add` once per run of text
(a paragraph, a cell, a comment, a page line …). The builder joins the texts with a separator,
records each segment's offsets, and the finding's ``location`` is later the segment it falls in,
found by bisecting segment starts (no per-character maps).
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from typing import Any, NamedTuple

__all__ = ["LAYERS", "LAYER_LABELS", "Segment", "Part", "Document", "Builder"]

#: SPEC section 6: where in a file a text was found.
LAYERS: tuple[str, ...] = ("body", "header", "footer", "footnote", "comment", "tracked_change", "hidden",
                           "notes", "metadata", "embedded", "image", "redaction")

#: Chinese names of the layers, for reviewers.
LAYER_LABELS: dict[str, str] = {
    "body": "正文",
    "header": "页眉",
    "footer": "页脚",
    "footnote": "脚注/尾注",
    "comment": "批注",
    "tracked_change": "修订",
    "hidden": "隐藏内容",
    "notes": "演讲者备注",
    "metadata": "文件属性",
    "embedded": "嵌入对象",
    "image": "图片",
    "redaction": "未真正涂黑的文字",
}


class Segment(NamedTuple):
    """One run of extracted text and where it came from.

    ``part`` is the place in the file (``word/header1.xml``, ``page 3``, ``xl/worksheets/sheet2.xml``,
    ``attachments.zip!word/document.xml`` for a file inside a file); ``label`` is the place in words
    a reviewer reads (``页眉``, ``批注（王局长）``, ``隐藏列 D``, ``第 2 页``, ``幻灯片 4 备注``).
    ``context`` is text that is not part of the document's wording but says what the segment is
    (a column header, a metadata field name): the scanner reads it as evidence, never flags it.
    ``ref`` is the extractor's own address of the segment for the writers (annotate, clean).

    A named tuple, not a dataclass: a 10,000-row sheet makes 100,000 of them, and a tuple is built
    four times faster than a frozen dataclass (bench_files.py).
    """

    start: int
    end: int
    part: str
    layer: str = "body"
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None
    box: tuple[float, float, float, float] | None = None
    label: str | None = None
    context: str | None = None
    ref: Any = None

    @property
    def place(self) -> str:
        """The place in the reviewer's words: ``label``, or for a plain cell of a table (which the
        extractors leave unlabelled: a 10,000-row sheet has 100,000 of them) 工作表「名单」B7 /
        单元格 B7, else the layer's name."""
        if self.label:
            return self.label
        if self.cell and self.layer == "body":
            return f"工作表「{self.sheet}」{self.cell}" if self.sheet is not None else f"单元格 {self.cell}"
        return LAYER_LABELS.get(self.layer, self.layer)

    def location(self) -> dict[str, Any]:
        """SPEC section 6's ``location`` object (plus ``label``, the reviewer's name of the place)."""
        return {"part": self.part, "layer": self.layer, "page": self.page, "sheet": self.sheet,
                "cell": self.cell if self.layer != "metadata" else None, "box": list(self.box) if self.box is not None else None,
                "label": self.place}


@dataclass(frozen=True, slots=True)
class Part:
    """A part of the file beside its text: a picture (``read`` by OCR, or ``not_read: <reason>``
    past the picture budget), an object the extractor could not open. ``status`` says which."""

    name: str
    kind: str  # "image" | "embedded" | "other"
    status: str  # "read" | "not_read: <reason>" | "skipped: <reason>"
    bytes: int = 0


@dataclass(frozen=True, slots=True)
class Document:
    """The extracted text of all parts of a file, joined, and the segments it is made of.

    ``text[s.start:s.end]`` is the text of segment ``s``; between segments stand separators
    (``\\n`` between paragraphs, ``\\t`` between the cells of a row).
    """

    text: str
    kind: str  # "txt" | "html" | "docx" | "xlsx" | "csv" | "pdf" | "pptx" | "odt" | "ofd" | "zip" …
    segments: tuple[Segment, ...] = ()
    parts: tuple[Part, ...] = ()
    metadata: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _layers: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        # map/itemgetter: one pass in C over what may be 100,000 segments (a 10,000-row sheet)
        object.__setattr__(self, "_starts", tuple(map(_START, self.segments)))
        object.__setattr__(self, "_layers", dict(Counter(map(_LAYER, self.segments))))

    @property
    def layers(self) -> dict[str, int]:
        """How many segments each layer has, in order of first appearance."""
        return dict(self._layers)

    def pictures_not_read(self) -> list[str]:
        """The pictures (a PDF's pages among them) the scan did not read, past the picture budget."""
        return [p.name for p in self.parts if p.kind == "image" and p.status.startswith("not_read")]

    def in_layers(self, layers: frozenset[str] | set[str]) -> list[Segment]:
        """The segments of these layers, in document order."""
        if self._layers.keys().isdisjoint(layers):
            return []
        return list(compress(self.segments, map(layers.__contains__, map(_LAYER, self.segments))))

    def segment_at(self, offset: int) -> Segment | None:
        """The segment containing ``offset`` (or, for an offset on a separator, the one before)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return self.segments[i] if i >= 0 else None

    def segments_between(self, start: int, end: int) -> list[Segment]:
        """Every segment overlapping ``[start, end)``."""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        out = []
        while i < len(self.segments) and self.segments[i].start < end:
            s = self.segments[i]
            if s.end > start or s.start == start:
                out.append(s)
            i += 1
        return out

    def __reduce__(self):
        # segments by column: pickling 100,000 named tuples one by one (a sheet sent back from the
        # extraction worker) took 0.7 s for dumps and loads; eleven lists take a fraction of that
        cols = tuple(map(list, zip(*self.segments))) if self.segments else ()
        return (_rebuild_document, (self.text, self.kind, cols, self.parts, self.metadata, self.title, self.encoding,
                                    self.warnings))

    def info(self) -> dict[str, Any]:
        """A summary of the file for results: kind, layers present, parts not read, metadata."""
        out = {"kind": self.kind, "title": self.title, "encoding": self.encoding, "segments": len(self.segments),
               "layers": self.layers, "metadata": dict(self.metadata),
               "parts": [{"name": p.name, "kind": p.kind, "status": p.status, "bytes": p.bytes} for p in self.parts],
               "warnings": list(self.warnings)}
        pictures = [p for p in self.parts if p.kind == "image"]
        if pictures:
            # never a silent partial scan: how many pictures were read, which were not and why
            out["pictures"] = {"read": sum(p.status == "read" for p in pictures),
                               "not_read": [{"name": p.name, "reason": p.status} for p in pictures
                                            if p.status != "read"]}
        return out


_START, _LAYER = itemgetter(0), itemgetter(3)  # Segment.start, Segment.layer


def _rebuild_document(text, kind, cols, parts, metadata, title, encoding, warnings) -> Document:
    segments = tuple(map(Segment._make, zip(*cols))) if cols else ()
    return Document(text, kind, segments, parts, metadata, title, encoding, warnings)


class Builder:
    """Collects the segments of one document (and of the files inside it) in reading order."""

    __slots__ = ("_chunks", "_pos", "segments", "parts", "metadata", "warnings", "title", "prefix")

    def __init__(self, prefix: str = "") -> None:
        self._chunks: list[str] = []
        self._pos = 0
        self.segments: list[Segment] = []
        self.parts: list[Part] = []
        self.metadata: dict[str, str] = {}
        self.warnings: list[str] = []
        self.title: str | None = None
        self.prefix = prefix  # "attachments.zip!" for the members of a zip inside the file

    @property
    def pos(self) -> int:
        return self._pos

    def add(self, text: str | None, part: str, layer: str = "body", *, sep: str = "\n", page: int | None = None,
            sheet: str | None = None, cell: str | None = None, box: tuple[float, float, float, float] | None = None,
            label: str | None = None, context: str | None = None, ref: Any = None) -> Segment | None:
        """Append ``text`` as one segment followed by ``sep``; empty text adds nothing."""
        if not text:
            return None
        if "\x00" in text:
            text = text.replace("\x00", " ")
        start = self._pos
        end = start + len(text)
        seg = Segment(start, end, self.prefix + part if self.prefix else part, layer, page, sheet, cell,
                      tuple(map(float, box)) if box is not None else None, label, context, ref)
        self.segments.append(seg)
        chunks = self._chunks
        chunks.append(text)
        if sep:
            chunks.append(sep)
        self._pos = end + len(sep)
        return seg

    def add_row(self, part: str, sheet: str | None, cells: list[tuple[str, str, str, str, str | None, Any]]) -> None:
        """Append one table row: ``(text, layer, cell, label, context, ref)`` per non-empty cell,
        cells joined by ``\t``, the row ended by ``\n``. What :meth:`add` does for each cell, in one
        call (a 10,000-row sheet has 100,000 cells)."""
        if not cells:
            return
        part = self.prefix + part if self.prefix else part
        segs = self.segments
        chunks = self._chunks
        pos = self._pos
        new = tuple.__new__
        for text, layer, cell, label, context, ref in cells:
            if "\x00" in text:
                text = text.replace("\x00", " ")
            end = pos + len(text)
            segs.append(new(Segment, (pos, end, part, layer, None, sheet, cell, None, label, context, ref)))
            chunks.append(text)
            chunks.append("\t")
            pos = end + 1
        chunks[-1] = "\n"
        self._pos = pos

    def splice(self, doc: Document, layer: str, label_prefix: str) -> None:
        """Append a file found inside this one (built with a ``prefix``): its text as it is, rows and
        separators kept (a roster in a zip reads as the roster does), its segments shifted; body
        segments get ``layer``, every label ``label_prefix·label``; the writers do not reach
        inside it (``ref`` None)."""
        if not doc.text:
            return
        base = self._pos
        new = tuple.__new__
        segs = self.segments
        for s in doc.segments:
            segs.append(new(Segment, (s.start + base, s.end + base, s.part, layer if s.layer == "body" else s.layer,
                                      s.page, s.sheet, s.cell, s.box, f"{label_prefix}·{s.place}", s.context,
                                      None)))
        self._chunks.append(doc.text)
        self._pos = base + len(doc.text)
        if not doc.text.endswith("\n"):
            self._chunks.append("\n")
            self._pos += 1

    def separate(self, sep: str = "\n") -> None:
        """End the current line (after cells joined with ``\\t``, say) unless the text already ends so."""
        if self._chunks and self._chunks[-1] != sep:
            if self._chunks[-1] in ("\t", " "):
                self._chunks[-1] = sep
            else:
                self._chunks.append(sep)
                self._pos += len(sep)

    def add_part(self, name: str, kind: str, status: str, size: int = 0) -> None:
        self.parts.append(Part(self.prefix + name, kind, status, size))

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def build(self, kind: str, *, title: str | None = None, encoding: str | None = None) -> Document:
        return Document("".join(self._chunks), kind, tuple(self.segments), tuple(self.parts), dict(self.metadata),
                        title if title is not None else self.title, encoding, tuple(self.warnings))
