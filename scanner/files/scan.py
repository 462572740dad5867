"""Scanning a :class:`Document`: the Scanner reads the joined text once, then each finding gets
the ``location`` of the segment it falls in (SPEC section 6).

Three things only a file has are decided here, not in the detectors:

- **context**: a column header such as 身份证号 or 联系电话 above a cell is evidence for what the
  cell is. The cells of such a column are scanned once more as ``header：value`` lines (one scan
  per column, not per cell) and the personal-data findings mapped back into the document text;
- **layers**: a finding in a layer other than the body is never less severe than the same finding
  (rule and text) in the body;
- **file findings**: text still present under a box drawn to hide it (``unredacted_text``) and a
  person's name or user folder in the file's properties (``file_metadata``).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Any

from .. import rx
from ..core import _merge
from ..detectors.context import published_as
from ..model import SEVERITY_RANK, Finding, ScanResult, verdict_of
from .document import Document, Segment
from .meta import PATH_FIELDS, PERSON_FIELDS

__all__ = ["scan_document", "GENERIC_AUTHORS"]

#: property values that name no one (tool defaults)
GENERIC_AUTHORS = frozenset(s.casefold() for s in (
    "administrator", "admin", "user", "users", "owner", "author", "unknown", "微软用户", "微软中国", "未知",
    "microsoft office user", "microsoft", "python-docx", "openpyxl", "python-pptx", "libreoffice", "wps",
    "wps office", "kingsoft", "guest", "default", "system", "root", "作者", "用户", "lenovo", "dell", "hp", "acer",
    "asus", "thinkpad", "dell user", "windows 用户", "windows user", "jsx", "none", "n/a", "-"))
_USER_DIR = rx.compile(r"(?i)(?:[\\/](?:users|documents and settings|home)[\\/])([^\\/:*?\"<>|]{1,64})")
_MAX_CONTEXT = 24  # a header longer than this is a sentence, not a label
#: column headers that say a column holds personal data: only those columns are read again
_PII_HEADER = rx.compile(r"姓名|名字|户主|联系人|申请人|监护人|身份证|证件|公民身份|手机|电话|联系方式|住址|地址|家庭住|"
                         r"银行|账号|帐号|卡号|邮箱|电子邮件|车牌|号牌|车架|QQ|微信|护照|通行证|name|phone|mobile|"
                         r"id|address|account|email", re.I)


_FILE_LAYERS = frozenset({"redaction", "metadata"})


def _file_findings(doc: Document) -> list[Finding]:
    out: list[Finding] = []
    text = doc.text
    for s in doc.in_layers(_FILE_LAYERS):
        if s.layer == "redaction":
            raw = text[s.start:s.end]
            a = s.start + (len(raw) - len(raw.lstrip()))
            e = s.end - (len(raw) - len(raw.rstrip()))
            if e > a:
                out.append(Finding(a, e, text[a:e], "personal_data", "unredacted_text", "block",
                                   "file.unredacted_text",
                                   "该处文字被色块遮盖，但仍保留在文件的文本层中，可被复制、检索：须真正删除后再发布",
                                   "█" * (e - a),
                                   "个人信息保护法 第五十一条（去标识化等安全技术措施）；政府信息公开条例 第十五条", 0.99))
        elif s.layer == "metadata" and s.cell in PERSON_FIELDS:
            value = text[s.start:s.end]
            if value.strip().casefold() in GENERIC_AUTHORS or not any(ch.isalpha() for ch in value):
                continue
            out.append(Finding(s.start, s.end, value, "personal_data", "file_metadata", "review", "file.metadata_person",
                               f"文件属性「{s.context}」记录了「{value}」：发布前清除文件属性（scanner clean）",
                               None, "个人信息保护法 第六条（最小必要）", 0.8))
        elif s.layer == "metadata" and s.cell == "gps":
            value = text[s.start:s.end]
            out.append(Finding(s.start, s.end, value, "personal_data", "file_metadata", "review", "file.metadata_gps",
                               f"图片的 EXIF/XMP 信息记录了拍摄位置（{value}），可据此定位拍摄地点："
                               "发布前清除图片属性（scanner clean）", None,
                               "个人信息保护法 第二十八条（行踪轨迹）；保守国家秘密法 第二十四条", 0.95))
        elif s.layer == "metadata" and s.cell in PATH_FIELDS:
            value = text[s.start:s.end]
            m = _USER_DIR.search(value)
            if m and m.group(1).strip().casefold() not in GENERIC_AUTHORS:
                a, e = s.start + m.start(1), s.start + m.end(1)
                out.append(Finding(a, e, text[a:e], "personal_data", "file_metadata", "review", "file.metadata_path",
                                   f"文件属性「{s.context}」的路径含用户目录「{text[a:e]}」：发布前清除文件属性",
                                   None, "个人信息保护法 第六条（最小必要）", 0.7))
    return out


_PERSONAL = frozenset({"personal_data"})
#: a masked value (110105********002X, 138****5678, 张×) is what a 公示 list should publish: its
#: column's header cannot make it a leak, so the context pass does not read it again
_MASKED = rx.compile(r"[*＊×]")


def _context_findings(scanner, doc: Document, found: list[Finding], deadline: float | None = None) -> list[Finding]:
    """Scan the cells of each labelled column once more as ``header：value`` lines (the cells the
    plain scan already found personal data in are not read again)."""
    covered = set()
    for f in found:
        if f.category == "personal_data":
            s = doc.segment_at(f.start)
            if s is not None:
                covered.add(s.start)
    text = doc.text
    groups: dict[str, list[Segment]] = {}
    wanted: dict[str, bool] = {}  # a header says personal data (asked once per distinct header)
    for s in doc.segments:
        c = s.context
        if not c or s.layer == "metadata":
            continue
        ok = wanted.get(c)
        if ok is None:
            ok = wanted[c] = len(c) <= _MAX_CONTEXT and _PII_HEADER.search(c) is not None
        if ok and s.end > s.start and s.start not in covered and not _MASKED.search(text, s.start, s.end):
            groups.setdefault(c, []).append(s)
    out: list[Finding] = []
    for label, segs in groups.items():
        lines: list[str] = []
        offs: list[int] = []
        pos = 0
        prefix = f"{label.strip()}："
        for s in segs:
            offs.append(pos + len(prefix))
            line = prefix + text[s.start:s.end]
            lines.append(line)
            pos += len(line) + 1
        synthetic = "\n".join(lines)
        for f in scanner.raw_findings(synthetic, categories=_PERSONAL, deadline=deadline):
            if f.category != "personal_data":
                continue
            i = bisect.bisect_right(offs, f.start) - 1
            if i < 0:
                continue
            s = segs[i]
            a = f.start - offs[i]
            e = f.end - offs[i]
            if a < 0 or e > s.end - s.start:
                continue  # the finding includes the header: the header is context, not text
            start, end = s.start + a, s.start + e
            out.append(replace(f, start=start, end=end, text=text[start:end]))
    return out


def _gps_on_sites(findings: list[Finding]) -> list[Finding]:
    """A photo's GPS position blocks when the post is about a place that must not be located
    (a military site, secret.topic.mil.*): the position is then the leak itself."""
    if not any(f.rule == "file.metadata_gps" for f in findings) or \
            not any(f.rule.startswith("secret.topic.mil") for f in findings):
        return findings
    return [replace(f, severity="block", message="图片记录了拍摄位置，而本文涉及不得公开位置的场所（军事禁区、军事设施等）："
                                                 "必须清除图片属性后才能发布") if f.rule == "file.metadata_gps" else f
            for f in findings]


def _floor_severity(findings: list[Finding], doc: Document) -> list[Finding]:
    """A finding outside the body is never less severe than the same rule and text in the body."""
    body: dict[tuple[str, str], int] = {}
    layer_of: list[str] = []
    for f in findings:
        s = doc.segment_at(f.start)
        layer = s.layer if s is not None else "body"
        layer_of.append(layer)
        if layer == "body":
            k = (f.rule, f.text)
            body[k] = max(body.get(k, -1), SEVERITY_RANK[f.severity])
    out = []
    for f, layer in zip(findings, layer_of):
        if layer != "body":
            floor = body.get((f.rule, f.text), -1)
            if floor > SEVERITY_RANK[f.severity]:
                f = replace(f, severity=("info", "review", "block")[floor])
        out.append(f)
    return out


def _char_weights(text: str) -> list[float]:
    # a wide (CJK, full-width) character takes about twice the width of a Latin letter or digit
    return [1.0 if ord(c) >= 0x2E80 else 0.55 for c in text]


def line_part_box(box, line: str, a: int, e: int) -> list[float]:
    """The part of a text line's ``box`` that holds ``line[a:e]`` (OCR gives boxes per line: the
    finding's share of the line's width, by character widths, widened by half a character each
    side so it covers the text, never past the line)."""
    x0, y0, x1, y1 = box
    w = _char_weights(line)
    total = sum(w) or 1.0
    unit = (x1 - x0) / total
    left = x0 + unit * sum(w[:a]) - unit / 2
    right = x0 + unit * sum(w[:e]) + unit / 2
    return [round(max(x0, left), 1), y0, round(min(x1, right), 1), y1]


def _locate(findings: list[Finding], doc: Document) -> list[Finding]:
    out = []
    text = doc.text
    for f in findings:
        s = doc.segment_at(f.start)
        loc: dict[str, Any] | None = s.location() if s is not None else None
        if s is not None and s.layer == "image" and s.box is not None and f.start >= s.start:
            a, e = f.start - s.start, min(f.end, s.end) - s.start
            xs = s.ref[1] if isinstance(s.ref, tuple) and len(s.ref) == 2 and s.ref[0] == "ocr" else None
            x0, y0, x1, y1 = s.box
            if xs and len(xs) == 2 * (s.end - s.start) and e > a:
                # the finding's own characters, from the recogniser's character boxes
                # (a line read upside down has its characters right to left)
                box = [max(x0, min(xs[2 * a:2 * e])), y0, min(x1, max(xs[2 * a:2 * e])), y1]
            else:
                box = line_part_box(s.box, text[s.start:s.end], a, e)
            # a detector's box hugs the ink: a tenth of the line's height around it covers the text
            pad = abs(y1 - y0) / 10
            loc["box"] = [round(max(0.0, box[0] - pad), 1), round(max(0.0, box[1] - pad), 1), round(box[2] + pad, 1),
                          round(box[3] + pad, 1)]
        out.append(f.located(loc))
    return out


def scan_document(scanner, doc: Document, *, id: Any = None, deadline: float | None = None,
                  published: Any = None) -> ScanResult:
    """Scan a file's :class:`Document` with ``scanner``: a SPEC section 6 result with ``text``,
    ``file`` (what was read, what was not) and a ``location`` for every finding. ``deadline`` and
    ``published``: as for :meth:`Scanner.scan`."""
    text = doc.text
    with published_as(published):
        raw = scanner.raw_findings(text, deadline=deadline) if text else []
        if len(doc.segments) > 1 or (doc.segments and doc.segments[0].context):
            raw += _context_findings(scanner, doc, raw, deadline)
    raw += _file_findings(doc)
    merged = _merge(raw, text)
    merged = _gps_on_sites(merged)
    if doc.layers.keys() - {"body"}:
        merged = _floor_severity(merged, doc)
    findings = tuple(_locate(merged, doc))
    return ScanResult(id=id, verdict=verdict_of(findings), findings=findings,
                      lexicon_version=scanner.lexicon_version, text=text, file=doc.info())


def scan_bytes(scanner, data: bytes, name: str, *, id: Any = None, extractor=None,
               limits=None) -> tuple[ScanResult, Document]:
    """Extract ``data`` (in ``extractor``'s worker process when one is given) and scan it."""
    from . import extract

    doc = extractor.extract(data, name, limits=limits) if extractor is not None else extract(data, name, limits=limits)
    return scan_document(scanner, doc, id=id), doc
