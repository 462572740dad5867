"""Files: extraction + scan per format, on files made by the real writer libraries.

    .venv/bin/python benchmarks/bench_files.py [--runs 5]

Prints one table: file size, segments, extraction ms, extraction + scan ms (median of --runs, one
core, in-process), MB/s of file bytes; then the peak memory (RSS growth of a fresh process) for
reading a 50 MB file. Targets (issue 12): a 100-page text PDF and a 10,000-row sheet each under
1 s extracted and scanned on one core.
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LINE = ("根据《中华人民共和国政府信息公开条例》，现将本县2026年度城乡居民最低生活保障对象审核情况公示如下，"
        "公示期间如有异议，请向县民政局反映。")


def make_docx(pages: int = 100) -> bytes:
    import docx

    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "某县人民政府办公室"
    for i in range(pages * 30):
        d.add_paragraph(f"{i + 1}. {LINE}")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰春梅海燕文斌凤霞晓东"
HEADER = ["序号", "姓名", "性别", "身份证号", "联系电话", "家庭住址", "保障人数", "保障金额", "审核意见", "备注"]


def roster_rows(rows: int = 10_000, remark: str = "—") -> list[list]:
    """A 低保 公示 roster as counties publish it: a different person on every row, ID and phone
    numbers masked, the village and group as the address."""
    out = []
    for i in range(rows):
        name = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)] + (GIVEN[(i * 13) % len(GIVEN)] if i % 3 else "")
        region = 410102 + (i * 37) % 900
        out.append([i + 1, name, "男" if i % 2 else "女", f"{region}********{(i * 7919) % 10000:04d}",
                    f"13{i % 10}****{(i * 31) % 10000:04d}", f"城关镇{GIVEN[i % len(GIVEN)]}村{i % 9 + 1}组",
                    i % 5 + 1, 420 * (i % 5 + 1), "同意", remark])
    return out


def make_xlsx(rows: int = 10_000) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("公示名单")
    ws.append(HEADER)
    for row in roster_rows(rows):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def make_csv(rows: int = 10_000, remark: str = "—") -> bytes:
    lines = [",".join(HEADER)] + [",".join(map(str, r)) for r in roster_rows(rows, remark)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def make_pdf(pages: int = 100) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for p in range(pages):
        c.setFont("STSong-Light", 10)
        for i in range(30):  # ~1,500 characters a page
            c.drawString(40, 800 - i * 25, LINE[:50])
        c.showPage()
    c.save()
    return buf.getvalue()


def make_pptx(slides: int = 50) -> bytes:
    import pptx

    p = pptx.Presentation()
    for i in range(slides):
        s = p.slides.add_slide(p.slide_layouts[1])
        s.shapes.title.text = f"第{i + 1}部分"
        s.placeholders[1].text = LINE
        s.notes_slide.notes_text_frame.text = LINE
    buf = io.BytesIO()
    p.save(buf)
    return buf.getvalue()


def make_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in members.items():
            z.writestr(k, v)
    return buf.getvalue()


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


_PEAK = r"""
import resource, sys, time
from scanner import Scanner
from scanner.files import extract
from scanner.files.scan import scan_document
s = Scanner()
data = open(sys.argv[1], "rb").read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
res = scan_document(s, extract(data, sys.argv[2]))
took = time.perf_counter() - t0
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((after - before) / 1024, took, len(res.text))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    from scanner import Scanner
    from scanner.files import extract
    from scanner.files.scan import scan_document

    scanner = Scanner()
    import gc

    gc.freeze()  # as the CLI does after building its Scanner (scanner/cli.py)
    files = {
        "docx, 100 pages": ("notice.docx", make_docx()),
        "xlsx, 10,000 rows x 10": ("roster.xlsx", make_xlsx()),
        "csv, 10,000 rows x 10": ("roster.csv", make_csv()),
        "pdf, 100 pages": ("report.pdf", make_pdf()),
        "pptx, 50 slides + notes": ("deck.pptx", make_pptx()),
    }
    files["zip of the above"] = ("attachments.zip", make_zip({n: d for n, d in files.values()}))
    print(f"{'file':<26}{'bytes':>11}{'segments':>10}{'extract ms':>12}{'+scan ms':>10}{'MB/s':>8}")
    for label, (name, data) in files.items():
        doc = extract(data, name)
        ex = _median_ms(lambda: extract(data, name), args.runs)
        full = _median_ms(lambda: scan_document(scanner, extract(data, name)), args.runs)
        print(f"{label:<26}{len(data):>11,}{len(doc.segments):>10,}{ex:>12.1f}{full:>10.1f}"
              f"{len(data) / 1e6 / (full / 1000):>8.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        big_csv = Path(tmp) / "big.csv"
        one = make_csv(10_000, remark=LINE * 3)  # a long remark on every row: ~18 M characters in 50 MB
        with open(big_csv, "wb") as fh:
            fh.write(one)
            body = one.split(b"\n", 1)[1]
            while fh.tell() + len(body) < 50 * 1000 * 1000:
                fh.write(body)
        big_docx = Path(tmp) / "big.docx"
        base = make_docx(20)
        zin = zipfile.ZipFile(io.BytesIO(base))
        with zipfile.ZipFile(big_docx, "w", zipfile.ZIP_DEFLATED) as z:
            for info in zin.infolist():
                z.writestr(info, zin.read(info))
            z.writestr("word/media/photo1.jpg", os.urandom(48 * 1024 * 1024), compress_type=zipfile.ZIP_STORED)
        print()
        print(f"{'50 MB file':<26}{'bytes':>11}{'RSS growth MB':>15}{'extract+scan s':>16}{'chars':>12}")
        for label, path, name in (("csv (text all through)", big_csv, "big.csv"),
                                  ("docx with a 48 MB photo", big_docx, "big.docx")):
            env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
            out = subprocess.run([sys.executable, "-c", _PEAK, str(path), name], capture_output=True, text=True,
                                 env=env, timeout=600)
            if out.returncode != 0:
                print(f"{label:<26} failed: {out.stderr.strip().splitlines()[-1:]}")
                continue
            growth, took, chars = out.stdout.split()
            print(f"{label:<26}{path.stat().st_size:>11,}{float(growth):>15.0f}{float(took):>16.2f}{int(chars):>12,}")


if __name__ == "__main__":
    main()
