#!/usr/bin/env python3
"""Pictures: what OCR lets the scanner find in them, where, at what cost (issue 13).

A labelled picture set is rendered at run time (nothing is stored) from held-out texts:

- **personal data**: records of benchmarks/data/pii_labelled.jsonl held out by a fixed hash
  (sha256(id) % 8 == 5; other genres than ``negative``), their labelled spans the gold; about a
  third get a secret-mark header line (机密★…, 内部资料 …) as gold too;
- **tables**: screenshot-like grids (序号|姓名|身份证号码|联系电话|家庭住址) filled with the
  held-out records' own labelled values;
- **official texts**: paragraphs of the official corpora in shared/data (sha256(corpus:index) % 97
  == 11), for false alarms: findings of severity review/block per million characters, the same
  text scanned as text and as a picture.

Each picture gets a font (WenQuanYi Zen Hei, AR PL UMing, AR PL UKai — whichever are installed),
a size (18–30 px font, text height ≥ 16 px) and one of: clean PNG, JPEG quality 35–80, a slight
rotation (±0.5–2°) + JPEG, photo-like (tinted paper, noise, blur, rotation, JPEG), a table.

Scored through the product's path: ``scanner.files.extract(bytes, "x.png")`` then
``scan_document``. A gold span counts as found in the text when a finding of its type (or one of
its ``accept`` types) overlaps it, and in the picture when such a finding's text and the span's
value contain one another (spaces and punctuation ignored).
Box check: the finding's ``location.box`` covers ≥ 90 % of the span's rendered rectangle.

Printed: recall of the gold spans as text and as pictures and the picture recall of what the text
scan finds (target ≥ 0.95), box coverage, false alarms per million characters (pictures must not
have more than text), OCR ms per picture (a 1080p table screenshot, an A4 page at 150 dpi; ONNX
Runtime on one thread, cache off, median of 3), and a second scan of the whole set (cache hits).

usage: python benchmarks/bench_ocr.py [--data ../shared/data] [--n 60] [--official 20] [--no-area]
                                      [--engine ppocrv6-tiny|ppocrv4|ppocrv6|v4det-v6rec] [--json OUT] [--keep DIR]
       python benchmarks/bench_ocr.py --timing
``--engine`` picks another engine of scanner/ocr.py ``ENGINES`` (the product's own switch,
``GOVSCAN_OCR_ENGINE``) for the engine comparison in docs/FILES.md (``ppocrv4`` and
``v4det-v6rec`` need ``pip install 'govscan[ocr-ppocrv4]'``); ``--no-area`` reads every picture
whole (the text area of scanner/ocr.py off) to measure what the text area changes; ``--timing``
prints only the ms per picture of every installed engine (and of the default without the text
area).
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))
os.environ.setdefault("GOVSCAN_OCR_THREADS", "1")

FONT_FILES = [("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", "文泉驿正黑"),
              ("/usr/share/fonts/truetype/arphic/uming.ttc", "AR PL 明体"),
              ("/usr/share/fonts/truetype/arphic/ukai.ttc", "AR PL 楷体"),
              ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK"),
              ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "Noto Serif CJK")]
MARKS = [("机密★1年", "classification_mark"), ("秘密★6个月", "classification_mark"), ("绝密★长期", "classification_mark"),
         ("密级：机密", "classification_mark"), ("内部资料 注意保存", "internal_marker"), ("此件不公开", "internal_marker"),
         ("内部文件 不得外传", "internal_marker"), ("工作秘密", "internal_marker")]
SECRET_TYPES = {"classification_mark", "internal_marker"}
_PUNCT = re.compile(r"[\s\W_]+")


def norm(s: str) -> str:
    return _PUNCT.sub("", s).upper()


def held(key: str, mod: int, rem: int) -> bool:
    return int(hashlib.sha256(key.encode()).hexdigest(), 16) % mod == rem


# ------------------------------------------------------------------------------------------------
# rendering
# ------------------------------------------------------------------------------------------------
class Pic:
    """A rendered picture: bytes, the text it shows, gold spans (start, end, type, value, box|None)."""

    def __init__(self, kind, variant, font, size, data, text, gold):
        self.kind, self.variant, self.font, self.size = kind, variant, font, size
        self.data, self.text, self.gold = data, text, gold


def fonts():
    from PIL import ImageFont

    out = [(p, n) for p, n in FONT_FILES if Path(p).exists()]
    if not out:
        sys.exit("no Chinese font found (Debian: fonts-wqy-zenhei, fonts-arphic-uming, fonts-arphic-ukai)")
    return [(ImageFont.truetype(p, 20), p, n) for p, n in out]


def wrap(text: str, font, max_w: float, protect: list[tuple[int, int]]):
    """Lines as (start, end) in ``text``, and every char's x offset in its line."""
    width = {}
    lines = []
    xs = [0.0] * (len(text) + 1)
    pos = 0
    for para in text.split("\n"):
        a = pos
        cum = 0.0
        start = a
        i = a
        while i < a + len(para):
            ch = text[i]
            w = width.get(ch)
            if w is None:
                w = width[ch] = font.getlength(ch)
            if cum + w > max_w and i > start:
                brk = i
                for s, e in protect:
                    if s < i < e and s > start:
                        brk = s
                lines.append((start, brk))
                start = brk
                cum = sum(width[c] for c in text[brk:i])
                for j in range(brk, i):
                    xs[j] = sum(width[c] for c in text[brk:j])
            xs[i] = cum
            cum += w
            i += 1
        xs[i] = cum
        lines.append((start, a + len(para)))
        pos = a + len(para) + 1
    return lines, xs


def render_text(text, gold_spans, font_path, size, width=1000, margin=40, bg=(255, 255, 255)):
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(font_path, size)
    lines, _ = wrap(text, font, width - 2 * margin, [(s, e) for s, e, *_ in gold_spans])
    lh = int(size * 1.7)
    img = Image.new("RGB", (width, margin * 2 + lh * len(lines)), bg)
    d = ImageDraw.Draw(img)
    line_of = {}
    for k, (a, e) in enumerate(lines):
        y = margin + k * lh
        d.text((margin, y), text[a:e], font=font, fill=(20, 20, 20))
        line_of[k] = (a, e, y)
    boxes = []
    for s, e, t, v in gold_spans:
        box = None
        for k, (a, b, y) in line_of.items():
            if a <= s and e <= b:
                x0 = margin + font.getlength(text[a:s])
                x1 = margin + font.getlength(text[a:e])
                top, bot = d.textbbox((margin, y), text[a:b] or "国", font=font)[1::2]
                box = (x0, top, x1, bot)
        boxes.append((s, e, t, v, box))
    return img, boxes


def render_table(rows, font_path, size):
    """rows: list of [(cell text, type|None)]; the first is the header. Screenshot-like grid."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(font_path, size)
    ncol = len(rows[0])
    colw = [max(font.getlength(r[c][0]) for r in rows) + 24 for c in range(ncol)]
    rh = int(size * 1.9)
    W, H = int(sum(colw)) + 41, rh * len(rows) + 41
    img = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle((20, 20, 20 + rh * 0 + W - 41, 20 + rh), fill=(221, 235, 247))
    text_parts = []
    gold = []
    pos = 0
    for r, row in enumerate(rows):
        y = 20 + r * rh
        x = 20.0
        cells = []
        for c, (cell, typ) in enumerate(row):
            d.text((x + 12, y + (rh - size) / 2 - 2), cell, font=font, fill=(0, 0, 0))
            if typ:
                bb = d.textbbox((x + 12, y + (rh - size) / 2 - 2), cell, font=font)
                gold.append((pos, pos + len(cell), typ, cell, bb))
            cells.append(cell)
            pos += len(cell) + 1
            x += colw[c]
        text_parts.append("\t".join(cells))
    for r in range(len(rows) + 1):
        d.line((20, 20 + r * rh, W - 21, 20 + r * rh), fill=(150, 150, 150))
    x = 20.0
    for c in range(ncol + 1):
        d.line((x, 20, x, H - 21), fill=(150, 150, 150))
        x += colw[c] if c < ncol else 0
    return img, "\n".join(text_parts), gold


def rotate(img, angle, gold):
    from PIL import Image

    W, H = img.size
    out = img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=(255, 255, 255))
    W2, H2 = out.size
    c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    moved = []
    for g in gold:
        box = g[4]
        if box is None:
            moved.append(g)
            continue
        pts = []
        for x, y in ((box[0], box[1]), (box[2], box[1]), (box[0], box[3]), (box[2], box[3])):
            dx, dy = x - W / 2, y - H / 2
            pts.append((W2 / 2 + dx * c + dy * s, H2 / 2 - dx * s + dy * c))
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        moved.append((*g[:4], (min(xs), min(ys), max(xs), max(ys))))
    return out, moved


def encode(img, fmt="PNG", quality=90) -> bytes:
    buf = io.BytesIO()
    img.save(buf, fmt, quality=quality) if fmt == "JPEG" else img.save(buf, fmt)
    return buf.getvalue()


def degrade(img, gold, variant, rng):
    import numpy as np
    from PIL import Image, ImageFilter

    if variant == "png":
        return encode(img), gold, "PNG"
    if variant == "jpeg":
        q = rng.randint(35, 80)
        return encode(img, "JPEG", q), gold, f"JPEG q{q}"
    if variant == "rotated":
        a = rng.choice([-1, 1]) * rng.uniform(0.5, 2.0)
        img, gold = rotate(img, a, gold)
        return encode(img, "JPEG", 85), gold, f"rotated {a:+.1f}° JPEG q85"
    # photo-like: tinted paper, uneven light, sensor noise, a little blur and rotation, JPEG
    a = rng.choice([-1, 1]) * rng.uniform(0.3, 1.5)
    arr = np.asarray(img).astype(np.float32)
    arr = arr * np.array([0.96, 0.94, 0.86], dtype=np.float32)
    h, w = arr.shape[:2]
    light = np.linspace(1.0, 0.85, w, dtype=np.float32)[None, :, None]
    arr = arr * light + np.random.default_rng(rng.randint(0, 1 << 30)).normal(0, 9, arr.shape).astype(np.float32)
    img = Image.fromarray(arr.clip(0, 255).astype("uint8")).filter(ImageFilter.GaussianBlur(0.7))
    img, gold = rotate(img, a, gold)
    q = rng.randint(55, 80)
    return encode(img, "JPEG", q), gold, f"photo {a:+.1f}° noise blur JPEG q{q}"


def build_set(n: int, n_official: int, data_dir: Path):
    recs = []
    with open(HERE / "data" / "pii_labelled.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["genre"] != "negative" and held(r["id"], 8, 5):
                recs.append(r)
    recs.sort(key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())
    fl = fonts()
    pics = []
    variants = ["png", "jpeg", "rotated", "photo"]
    n_tables = max(1, n // 6)
    for i, r in enumerate(recs[: n - n_tables]):
        rng = random.Random(r["id"])
        text = r["text"]
        spans = [(s["start"], s["end"], "|".join([s["type"], *s.get("accept", [])]), s["value"]) for s in r["spans"]]
        if rng.random() < 0.35:
            mark, mt = rng.choice(MARKS)
            text = mark + "\n" + text
            spans = [(0, len(mark), mt, mark)] + [(s + len(mark) + 1, e + len(mark) + 1, t, v) for s, e, t, v in spans]
        _, path, fname = fl[i % len(fl)]
        size = rng.randint(18, 30)
        img, gold = render_text(text, spans, path, size, width=rng.choice([900, 1000, 1200]))
        variant = variants[i % len(variants)]
        data, gold, vname = degrade(img, gold, variant, rng)
        pics.append(Pic("text", vname, fname, size, data, text, gold))
    # tables from the held-out records' own values
    pool = defaultdict(list)
    for r in recs:
        for s in r["spans"]:
            pool[s["type"]].append(s["value"])
    rng = random.Random(13)
    for t in range(n_tables):
        rows = [[("序号", None), ("姓名", None), ("身份证号码", None), ("联系电话", None), ("家庭住址", None)]]
        for k in range(rng.randint(5, 9)):
            rows.append([(str(k + 1), None), (rng.choice(pool["person_name"]), "person_name"),
                         (rng.choice(pool["id_card"]), "id_card"), (rng.choice(pool["mobile_phone"]), "mobile_phone"),
                         (rng.choice(pool["address"])[:22], "address")])
        _, path, fname = fl[t % len(fl)]
        size = rng.randint(18, 24)
        img, text, gold = render_table(rows, path, size)
        q = rng.randint(60, 90)
        pics.append(Pic("table", f"table JPEG q{q}", fname, size, encode(img, "JPEG", q), text, gold))
    official = []
    if n_official:
        import corpora

        chunks = []
        for key, _label, idx, _rec, text in corpora.official_records(data_dir):
            if not held(f"{key}:{idx}", 97, 11):
                continue
            paras = [p.strip() for p in text.split("\n") if len(p.strip()) > 30]
            chunk = ""
            for p in paras:
                if len(chunk) + len(p) > 700:
                    break
                chunk += p + "\n"
            if len(chunk) > 200:
                chunks.append((f"{key}:{idx}", chunk.rstrip("\n")))
        chunks.sort(key=lambda c: hashlib.sha256(c[0].encode()).hexdigest())
        for i, (k, text) in enumerate(chunks[:n_official]):
            rng = random.Random(k)
            _, path, fname = fl[i % len(fl)]
            size = rng.randint(18, 26)
            img, _ = render_text(text, [], path, size, width=1100)
            data, _, vname = degrade(img, [], ("png", "jpeg", "rotated", "photo")[i % 4], rng)
            official.append(Pic("official", vname, fname, size, data, text, []))
    return pics, official


# ------------------------------------------------------------------------------------------------
# engines
# ------------------------------------------------------------------------------------------------
def use_engine(name: str) -> None:
    """The product's own engine switch (scanner/ocr.py ENGINES), before the first picture."""
    os.environ["GOVSCAN_OCR_ENGINE"] = name


# ------------------------------------------------------------------------------------------------
# scoring
# ------------------------------------------------------------------------------------------------
def same_value(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    return a in b or b in a


def covered(gold_box, box) -> float:
    if gold_box is None or box is None:
        return 0.0
    x0, y0 = max(gold_box[0], box[0]), max(gold_box[1], box[1])
    x1, y1 = min(gold_box[2], box[2]), min(gold_box[3], box[3])
    inter = max(0.0, x1 - x0) * max(0.0, y1 - y0)
    area = max(1e-6, (gold_box[2] - gold_box[0]) * (gold_box[3] - gold_box[1]))
    return inter / area


def wanted(f) -> bool:
    return f.category == "personal_data" or f.type in SECRET_TYPES


def run(args, quick: bool = False) -> dict:
    """Score the labelled pictures; ``quick``: only them (no official texts, no second scan, no timing)."""
    from scanner import Scanner, ocr
    from scanner.files import extract
    from scanner.files.scan import scan_document

    t0 = time.perf_counter()
    pics, official = build_set(args.n, args.official, Path(args.data))
    t_render = time.perf_counter() - t0
    if args.keep:
        keep = Path(args.keep)
        keep.mkdir(parents=True, exist_ok=True)
        for i, p in enumerate(pics + official):
            ext = "png" if p.data.startswith(b"\x89PNG") else "jpg"
            (keep / f"{i:03d}-{p.kind}.{ext}").write_bytes(p.data)
    sc = Scanner()
    if args.engine:
        use_engine(args.engine)
    args.engine = ocr.engine_name()

    def scan_pic(p):
        doc = extract(p.data, "picture.png")
        return scan_document(sc, doc)

    per_type = defaultdict(Counter)
    per_variant = defaultdict(Counter)
    boxes = Counter()
    misses = []
    ocr_ms = []
    reread0 = ocr.stats["reread"]
    first = time.perf_counter()
    for p in pics:
        tr = sc.scan(p.text)
        t = time.perf_counter()
        pr = scan_pic(p)
        ocr_ms.append((time.perf_counter() - t) * 1000)
        tf = [f for f in tr.findings if wanted(f)]
        pf = [f for f in pr.findings if wanted(f)]
        for s, e, typs, val, gbox in p.gold:
            ok = set(typs.split("|"))
            typ = typs.split("|")[0]
            in_text = any(f.type in ok and f.start < e and s < f.end for f in tf)
            hits = [f for f in pf if f.type in ok and same_value(f.text, val)]
            c = per_type[typ]
            c["gold"] += 1
            c["text"] += in_text
            c["pic"] += bool(hits)
            c["both"] += in_text and bool(hits)
            v = per_variant[p.variant.split()[0]]
            v["gold"] += 1
            v["text"] += in_text
            v["pic"] += bool(hits)
            v["both"] += in_text and bool(hits)
            if hits and gbox is not None:
                boxes["checked"] += 1
                best = max(covered(gbox, f.location["box"]) for f in hits)
                boxes["covered"] += best >= 0.9
            if in_text and not hits:
                misses.append((typ, val, p.variant, p.font, p.size, [f.text for f in pf if f.type == typ][:3]))
    first_s = time.perf_counter() - first
    reread = ocr.stats["reread"] - reread0
    if quick:
        return dict(engine=args.engine, cascade=ocr.CASCADE, per_type=per_type, boxes=boxes, first_s=first_s,
                    reread=reread, median_ms=statistics.median(ocr_ms), misses=misses)
    fa_text = fa_pic = chars = 0
    fa_examples = []
    for p in official:
        tr = sc.scan(p.text)
        pr = scan_pic(p)
        chars += len(p.text)
        ft = [f for f in tr.findings if f.severity in ("review", "block")]
        fp = [f for f in pr.findings if f.severity in ("review", "block")]
        fa_text += len(ft)
        fa_pic += len(fp)
        extra = {(f.type, norm(f.text)) for f in fp} - {(f.type, norm(f.text)) for f in ft}
        fa_examples += sorted(extra)[:3]
    # second scan of the whole set: every picture answered from the cache
    before = dict(ocr.stats)
    t = time.perf_counter()
    for p in pics + official:
        scan_pic(p)
    second_s = time.perf_counter() - t
    hits = ocr.stats["cached"] - before["cached"]
    n_all = len(pics) + len(official)
    # speed: a 1080p screenshot and an A4 page at 150 dpi, cache off, one thread
    speed = timing(pics)
    return dict(engine=args.engine, cascade=ocr.CASCADE, reread=reread, no_area=args.no_area, pictures=len(pics), official=len(official), render_s=t_render,
                per_type=per_type, per_variant=per_variant, boxes=boxes, misses=misses,
                fa_text=fa_text, fa_pic=fa_pic, chars=chars, fa_examples=fa_examples,
                first_s=first_s, second_s=second_s, hits=hits, n_all=n_all,
                median_ms=statistics.median(ocr_ms), speed=speed)


def timing(pics, runs: int = 3) -> dict:
    from PIL import Image

    from scanner import ocr

    fl = fonts()
    # 1080p: a screenshot of a table plus a text block
    rows = [[("序号", None), ("姓名", None), ("身份证号码", None), ("联系电话", None), ("家庭住址", None)]]
    vals = [g for p in pics for g in p.gold]
    byt = defaultdict(list)
    for g in vals:
        byt[g[2].split("|")[0]].append(g[3])
    rng = random.Random(7)
    for k in range(14):
        rows.append([(str(k + 1), None), (rng.choice(byt["person_name"]), None), (rng.choice(byt["id_card"]), None),
                     (rng.choice(byt["mobile_phone"]), None), (rng.choice(byt["address"])[:20], None)])
    table, _, _ = render_table(rows, fl[0][1], 20)
    shot = Image.new("RGB", (1920, 1080), (240, 242, 245))
    shot.paste(table, (60, 120))
    a4_text = "\n".join(p.text for p in pics if p.kind == "text")[:1400]
    page, _ = render_text(a4_text, [], fl[0][1], 22, width=1240, margin=120)
    a4 = Image.new("RGB", (1240, 1754), (255, 255, 255))
    a4.paste(page.crop((0, 0, 1240, min(page.height, 1754))), (0, 0))
    os.environ["GOVSCAN_NO_CACHE"] = "1"
    out = {}
    try:
        for name, img in (("1080p screenshot (1920×1080, table)", shot), ("A4 page at 150 dpi (1240×1754)", a4)):
            ts = []
            for _ in range(runs):
                t = time.perf_counter()
                pt = ocr.read_image(img, key="timing")
                ts.append(time.perf_counter() - t)
            out[name] = (statistics.median(ts) * 1000, len(pt.lines), sum(len(ln.text) for ln in pt.lines))
    finally:
        os.environ.pop("GOVSCAN_NO_CACHE", None)
    return out


def _mirror_file(mirror: Path, repo: str, commit: str, path: str) -> tuple[bytes | None, str]:
    """A file of a public repository at ``commit`` from a local mirror (a git directory under
    ``mirror/owner+name/``), or None and why not."""
    import subprocess

    base = mirror / repo.replace("/", "+")
    for gitdir in (base / "repo" / ".git", base / "repo", base):
        if (gitdir / "HEAD").is_file() and (gitdir / "objects").is_dir():
            break
    else:
        return None, f"no mirror of {repo} under {mirror}"
    r = subprocess.run(["git", "--git-dir", str(gitdir), "show", f"{commit}:{path}"], capture_output=True)
    if r.returncode != 0:
        return None, f"{repo}@{commit[:10]}:{path} not in the mirror ({r.stderr.decode(errors='replace').strip()[:80]})"
    return r.stdout, ""


def real_pages(mirror: Path) -> dict:
    """Real pictures of pages (benchmarks/data/ocr_real_pages.json), read from local mirrors of
    their repositories: which labelled strings the OCR text holds, which labelled findings the
    picture scan gives, what else it says at severity review/block, in what time (cache off)."""
    from scanner import Scanner
    from scanner.files import extract
    from scanner.files.scan import scan_document

    spec = json.loads((HERE / "data" / "ocr_real_pages.json").read_text("utf-8"))
    sc = Scanner()
    rows, skipped = [], []
    os.environ["GOVSCAN_NO_CACHE"] = "1"
    try:
        for page in spec["pages"]:
            src = spec["sources"][page["repo"]]
            data, why = _mirror_file(mirror, page["repo"], src["commit"], page["path"])
            if data is None:
                skipped.append(why)
                continue
            t = time.perf_counter()
            doc = extract(data, Path(page["path"]).name)
            res = scan_document(sc, doc)
            ms = (time.perf_counter() - t) * 1000
            text = norm(doc.text)
            read = [v for v in page["read"] if norm(v) in text]
            found = [x for x in page["find"]
                     if any(f.type == x["type"] and same_value(f.text, x["value"]) for f in res.findings)]
            labelled = {(x["type"], norm(x["value"])) for x in page["find"]}
            extra = [(f.type, f.text) for f in res.findings if f.severity in ("review", "block")
                     and not any(f.type == t_ and same_value(f.text, v) for t_, v in labelled)]
            fa = None
            if page.get("text"):  # the page's own text scanned as text: false alarms, text / picture
                fa = (sum(f.severity in ("review", "block") for f in sc.scan(page["text"]).findings),
                      sum(f.severity in ("review", "block") for f in res.findings), len(page["text"]))
            rows.append(dict(page=f"{page['repo']}:{page['path']}", px=page["text_px"], read=len(read),
                             n_read=len(page["read"]), missed=[v for v in page["read"] if v not in read],
                             found=len(found), n_find=len(page["find"]), extra=extra, ms=ms, fa=fa,
                             note=page.get("note", "")))
    finally:
        os.environ.pop("GOVSCAN_NO_CACHE", None)
    return dict(rows=rows, skipped=skipped, sources=spec["sources"])


def report_real(r: dict) -> None:
    print()
    if not r["rows"]:
        print("real pages: skipped (" + "; ".join(r["skipped"]) + ")")
        return
    print("real pages (" + ", ".join(f"{k}@{v['commit'][:10]} {v['licence']}" for k, v in r["sources"].items())
          + "; cache off):")
    print()
    print("| page | text px | strings read | findings | other review/block findings | ms |")
    print("|---|---:|---:|---:|---|---:|")
    for x in r["rows"]:
        print(f"| {x['page']} | {x['px']} | {x['read']}/{x['n_read']} | {x['found']}/{x['n_find']} | "
              f"{x['extra'] or ''} | {x['ms']:.0f} |")
    for label, keep in (("text >= 16 px", lambda x: x["px"] >= 16), ("text < 16 px", lambda x: x["px"] < 16)):
        sel = [x for x in r["rows"] if keep(x)]
        if sel:
            n = sum(x["n_read"] for x in sel)
            k = sum(x["read"] for x in sel)
            f = sum(x["n_find"] for x in sel)
            g = sum(x["found"] for x in sel)
            print(f"{label}: strings read {k}/{n} ({k / max(n, 1):.3f}), findings {g}/{f}")
    for x in r["rows"]:
        if x.get("fa"):
            t, p, n = x["fa"]
            print(f"  {x['page']}: false alarms (review/block) on its {n:,} characters: as text {t}, as the "
                  f"picture {p} {'PASS' if p <= t else 'FAIL'}")
    for x in r["rows"]:
        if x["missed"]:
            print(f"  not read in {x['page']}{' (' + x['note'] + ')' if x.get('note') else ''}: {x['missed']}")
    for why in r["skipped"]:
        print(f"  skipped: {why}")


def whole_picture() -> None:
    """Turn the product's text area off: every picture is read whole (for --no-area)."""
    from scanner import ocr

    ocr.text_area = lambda img, grey=None: (0, 0, img.width, img.height)


def report(r: dict) -> None:
    print(f"engine {r['engine']}{' (whole pictures, no text area)' if r.get('no_area') else ''}"
          f"{'' if r.get('cascade') else ' (cascade off)'}; {r['pictures']} labelled pictures + {r['official']} official-text pictures "
          f"(rendered in {r['render_s']:.1f} s); ONNX Runtime intra-op threads {os.environ.get('GOVSCAN_OCR_THREADS')}")
    print()
    print("| type | gold | found as text | found in picture | picture / text (target ≥ 0.95) |")
    print("|---|---:|---:|---:|---:|")
    tot = Counter()
    for typ, c in sorted(r["per_type"].items(), key=lambda kv: -kv[1]["gold"]):
        tot.update(c)
        cond = c["both"] / c["text"] if c["text"] else float("nan")
        print(f"| {typ} | {c['gold']} | {c['text'] / c['gold']:.3f} | {c['pic'] / c['gold']:.3f} | {cond:.3f} |")
    cond = tot["both"] / max(tot["text"], 1)
    print(f"| **all** | {tot['gold']} | {tot['text'] / tot['gold']:.3f} | {tot['pic'] / tot['gold']:.3f} | "
          f"**{cond:.3f}** {'PASS' if cond >= 0.95 else 'FAIL'} |")
    print()
    print("| picture kind | gold | found as text | found in picture | picture / text |")
    print("|---|---:|---:|---:|---:|")
    for v, c in sorted(r["per_variant"].items()):
        print(f"| {v} | {c['gold']} | {c['text'] / c['gold']:.3f} | {c['pic'] / c['gold']:.3f} | "
              f"{c['both'] / max(c['text'], 1):.3f} |")
    b = r["boxes"]
    print()
    print(f"boxes: {b['covered']}/{b['checked']} found spans on one line have a finding box covering ≥ 90 % of the "
          f"rendered text ({b['covered'] / max(b['checked'], 1):.3f})")
    m = 1e6 / max(r["chars"], 1)
    ok = r["fa_pic"] <= r["fa_text"]
    print(f"false alarms (review/block) on {r['chars']:,} characters of official texts: as text "
          f"{r['fa_text']} ({r['fa_text'] * m:.0f} per million), as pictures {r['fa_pic']} "
          f"({r['fa_pic'] * m:.0f} per million) {'PASS' if ok else 'FAIL'}")
    if r["fa_examples"]:
        print("  found only in the pictures:", r["fa_examples"][:8])
    print()
    print("| picture (OCR only, cache off, 1 thread, median of 3) | ms | lines | characters |")
    print("|---|---:|---:|---:|")
    for name, (ms, nl, nc) in r["speed"].items():
        print(f"| {name} | {ms:.0f} | {nl} | {nc} |")
    print(f"| set pictures, extract + scan, median | {r['median_ms']:.0f} | | |")
    print()
    print(f"lines read again by the cascade (scanner/ocr.py CASCADE) in the {r['pictures']} labelled pictures: {r['reread']}")
    print(f"second scan of all {r['n_all']} pictures: {r['hits']}/{r['n_all']} from the OCR cache, "
          f"{r['second_s']:.2f} s (first scan of the labelled ones {r['first_s']:.1f} s)")
    if r["misses"]:
        print()
        print("missed in pictures (type, value, picture, font, size, what the picture scan found of that type):")
        for x in r["misses"][:15]:
            print("  ", x)


def report_ab(on: dict, off: dict) -> None:
    """The cascade on and off, the same pictures, the same run."""
    print()
    print("cascade A/B (the same labelled pictures, this run; picture / text recall of each type):")
    print("| type | gold | cascade off | cascade on (default) |")
    print("|---|---:|---:|---:|")
    ton, toff = Counter(), Counter()
    for typ, c in sorted(on["per_type"].items(), key=lambda kv: -kv[1]["gold"]):
        c0 = off["per_type"][typ]
        ton.update(c)
        toff.update(c0)
        print(f"| {typ} | {c['gold']} | {c0['both'] / max(c0['text'], 1):.3f} | {c['both'] / max(c['text'], 1):.3f} |")
    print(f"| **all** | {ton['gold']} | {toff['both'] / max(toff['text'], 1):.3f} | {ton['both'] / max(ton['text'], 1):.3f} |")
    print(f"| boxes covering ≥ 90 % | | {off['boxes']['covered']}/{off['boxes']['checked']} | "
          f"{on['boxes']['covered']}/{on['boxes']['checked']} |")
    print(f"| lines read again | | {off['reread']} | {on['reread']} |")
    print(f"| first scan of the labelled pictures, s | | {off['first_s']:.1f} | {on['first_s']:.1f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared")) / "data"))
    ap.add_argument("--n", type=int, default=60, help="labelled pictures (a sixth of them tables)")
    ap.add_argument("--official", type=int, default=20, help="official-text pictures for false alarms")
    ap.add_argument("--engine", default=None, help="an engine of scanner/ocr.py ENGINES (default: the product's)")
    ap.add_argument("--json", help="write the numbers here")
    ap.add_argument("--keep", help="write the rendered pictures into this folder")
    ap.add_argument("--mirror", default=os.environ.get("GOVSCAN_MIRROR", "/work/.mirror"),
                    help="local mirrors of the repositories of benchmarks/data/ocr_real_pages.json (owner+name/)")
    ap.add_argument("--real", action="store_true", help="only the real pages of benchmarks/data/ocr_real_pages.json")
    ap.add_argument("--no-area", action="store_true", help="read whole pictures (scanner/ocr.py text_area off), "
                    "to measure what the text area changes")
    ap.add_argument("--no-cascade", action="store_true", help="the tiny recogniser alone (scanner/ocr.py CASCADE "
                    "off: no line read again by the small one, no digit groups joined)")
    ap.add_argument("--timing", action="store_true", help="only the ms per picture (1080p, A4), both engines "
                    "of ENGINES that are installed, alternating, median of 3")
    args = ap.parse_args()
    from scanner import compiled, ocr

    if args.no_area:
        whole_picture()
    if args.no_cascade:
        ocr.CASCADE = False
    if args.real:
        if args.engine:
            use_engine(args.engine)
        print(f"engine {ocr.engine_name()}{' (whole pictures, no text area)' if args.no_area else ''}")
        report_real(real_pages(Path(args.mirror)))
        return
    if args.timing:
        pics, _ = build_set(12, 0, Path(args.data))
        print(f"load average {os.getloadavg()[0]:.1f} (2 cores, shared)")
        print("| engine | picture (OCR only, cache off, 1 thread, median of 3 rounds) | ms | lines | characters |")
        print("|---|---|---:|---:|---:|")
        area, cls = ocr.text_area, ocr.USE_CLS
        # (engine, label, whole pictures, angle classifier): the default, the previous default
        # (PP-OCRv6 small, whole pictures, no classifier), then one setting changed at a time
        configs = [(ocr.DEFAULT_ENGINE, "", False, True, True),
                   ("ppocrv6", ", the previous default: whole picture, no angle classifier", True, False, True),
                   (ocr.DEFAULT_ENGINE, ", whole picture (no text area)", True, True, True),
                   (ocr.DEFAULT_ENGINE, ", no angle classifier", False, False, True),
                   (ocr.DEFAULT_ENGINE, ", no cascade", False, True, False)]
        configs += [(name, "", False, True, True) for name in ocr.ENGINES if name != ocr.DEFAULT_ENGINE]
        # every setting in turn, three rounds (the machine's load drifts: a setting's median is
        # over rounds spread across the whole run); each engine built once and kept
        engines, times = {}, defaultdict(list)
        for _ in range(3):
            for name, label, whole, use_cls, cascade in configs:
                if (name, use_cls, cascade) not in engines:
                    os.environ["GOVSCAN_OCR_ENGINE"] = name
                    ocr.USE_CLS, ocr.CASCADE = use_cls, cascade
                    ocr._engine = None
                    try:
                        engines[name, use_cls, cascade] = ocr._get_engine()
                    except RuntimeError as e:
                        engines[name, use_cls, cascade] = e
                eng = engines[name, use_cls, cascade]
                if isinstance(eng, RuntimeError):
                    continue
                ocr._engine, ocr.USE_CLS, ocr.CASCADE = eng, use_cls, cascade
                ocr.text_area = (lambda img, grey=None: (0, 0, img.width, img.height)) if whole else area
                for what, got in timing(pics, runs=1).items():
                    times[f"{name}{label}", what].append(got)
        for name, label, whole, use_cls, cascade in configs:
            if isinstance(engines.get((name, use_cls, cascade)), RuntimeError):
                print(f"| {name} | not installed ({engines[name, use_cls, cascade]}) | | | |")
                continue
            for (key, what), got in times.items():
                if key == f"{name}{label}":
                    ms = statistics.median(g[0] for g in got)
                    print(f"| {key} | {what} | {ms:.0f} | {got[-1][1]} | {got[-1][2]} |")
        ocr.text_area, ocr.USE_CLS, ocr.CASCADE = area, cls, True
        print(f"load average {os.getloadavg()[0]:.1f} (2 cores, shared)")
        return
    with tempfile.TemporaryDirectory() as cache:
        # a cold OCR cache (the compiled lexicon cache stays), so the first scan reads every picture
        ocr.ocr_cache_dir = lambda: Path(cache) if compiled.enabled() else None
        r = run(args)
    ab = None
    if ocr.CASCADE and ocr.engine_name() == "ppocrv6-tiny" and not args.no_area:
        # the same labelled pictures with the cascade off: the before/after of one run
        with tempfile.TemporaryDirectory() as cache:
            ocr.ocr_cache_dir = lambda: Path(cache) if compiled.enabled() else None
            ocr.CASCADE, ocr._engine = False, None
            ab = run(args, quick=True)
            ocr.CASCADE, ocr._engine = True, None
    report(r)
    if ab is not None:
        report_ab(r, ab)
    r["real"] = real_pages(Path(args.mirror))
    report_real(r["real"])
    if args.json:
        Path(args.json).write_text(json.dumps({k: v for k, v in r.items() if k != "misses"}, ensure_ascii=False,
                                              default=dict, indent=1), "utf-8")


if __name__ == "__main__":
    main()
