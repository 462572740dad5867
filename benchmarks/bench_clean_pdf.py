"""``scanner clean`` of a PDF (scanner/files/writers/pdf.py): time per page, size of the copy, and
what the rescan (OCR of the picture pages) finds left.

    .venv/bin/python benchmarks/bench_clean_pdf.py [--pages 20] [--scans 5] [--runs 3]

Two files made here with the real writer libraries: a text report (reportlab, STSong-Light, ~30
lines a page, five 公示 rows a page with a name, an ID number and a phone) and a scanned list
(pages that are pictures drawn with Pillow, the same rows). Prints, for each: pages, bytes in,
the findings masked, clean ms per page (median of --runs, in-process, one core), bytes out per
page, the rescan's seconds (OCR, a fresh cache) and the review/block personal-data findings it
still finds.
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("GOVSCAN_CACHE_DIR", tempfile.mkdtemp(prefix="bench-clean-pdf-"))

LINE = "根据《中华人民共和国政府信息公开条例》，现将本县2026年度城乡居民最低生活保障对象审核情况公示如下。"
SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN = ["秀英", "建国", "桂兰", "志强", "丽娟"]


def _id(i: int) -> str:
    body = f"1101051949{(i % 12) + 1:02d}{(i % 28) + 1:02d}{i % 1000:03d}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * k for c, k in zip(body, w)) % 11]


def rows(page: int) -> list[str]:
    return [f"{k + 1}. 户主：{SURNAMES[(page + k) % 10]}{GIVEN[k]}，身份证号：{_id(page * 5 + k)}，"
            f"联系电话：138{page:04d}{k:04d}" for k in range(5)]


def text_pdf(pages: int) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    for p in range(pages):
        c.setFont("STSong-Light", 10.5)
        lines = [LINE] * 12 + rows(p) + [LINE] * 12
        for i, line in enumerate(lines):
            c.drawString(50, 790 - i * 24, line)
        c.showPage()
    c.save()
    return buf.getvalue()


def scanned_pdf(pages: int) -> bytes:
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    font = ImageFont.truetype("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 26)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    for p in range(pages):
        img = Image.new("RGB", (1240, 1754), "white")
        d = ImageDraw.Draw(img)
        for i, line in enumerate(["低保对象公示名单"] + rows(p) + ["公示期七天，如有异议请向县民政局反映。"]):
            d.text((100, 150 + i * 70), line, font=font, fill="black")
        png = io.BytesIO()
        img.save(png, "PNG")
        c.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, 0, 595, 842)
        c.showPage()
    c.save()
    return buf.getvalue()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--scans", type=int, default=5)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    from scanner import Scanner
    from scanner.files import Limits, extract
    from scanner.files.scan import scan_document
    from scanner.files.writers.pdf import clean_pdf, page_masks

    sc = Scanner()
    limits = Limits(max_pictures=1000, picture_seconds=1000)  # the rescan reads every page here
    print("| file | pages | bytes in | masked findings | clean ms / page | bytes out / page | rescan s / page "
          "(OCR) | review/block PII left |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, data, pages in (("text report", text_pdf(args.pages), args.pages),
                               ("scanned list", scanned_pdf(args.scans), args.scans)):
        doc = extract(data, "x.pdf", limits=limits)
        res = scan_document(sc, doc)
        masked = sum(len(v) for v in page_masks(doc, res).values())
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            out = clean_pdf(data, "x.pdf", doc, res)
            times.append(time.perf_counter() - t)
        t = time.perf_counter()
        doc2 = extract(out, "x.pdf", limits=limits)
        after = scan_document(sc, doc2)
        rescan = time.perf_counter() - t
        left = [f for f in after.findings if f.category == "personal_data" and f.severity != "info"]
        print(f"| {label} | {pages} | {len(data):,} | {masked} | {statistics.median(times) / pages * 1000:,.0f} | "
              f"{len(out) // pages:,} | {rescan / pages:.2f} | {len(left)} |")


if __name__ == "__main__":
    main()
