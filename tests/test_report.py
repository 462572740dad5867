"""`scanner report`: one self-contained HTML patrol record with real charts, masked personal
data, the worst posts highlighted; and it renders in a real browser."""
from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import FIXTURE_LEX, scanner_cmd

pytest.importorskip("matplotlib", reason="the report's charts need matplotlib (govscan[report])")

POSTS = [
    # (id, text, date, account)
    ("w1", "台湾总统发表讲话，另据报道台湾总统府称……严禁赌博。", "2024-01-15", "某县发布"),
    ("w2", "联系人：手机13812345678，身份证号码110105194912310021。", "2024-02-03", "某县发布"),
    ("w3", "北朝鲜代表团抵达，村长说欢迎。", "2024-02-20", "某镇政务"),
    ("w4", "全县生产总值增长6.5%，农民收入稳步提高。", "2024-03-01", "某镇政务"),
    ("w5", "全县生产总值增长6.5%。", "2024-03-09", None),
]


def run(*args):
    return subprocess.run(scanner_cmd() + list(args), capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    src = tmp / "posts.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i, t, d, a in POSTS:
            f.write(json.dumps({"id": i, "text": t, "date": d, "account": a}, ensure_ascii=False) + "\n")
        f.write("{broken json\n")
    cfg = tmp / "scanner.toml"
    cfg.write_text(f'bundled_lexicons = false\nlexicon_dirs = ["{FIXTURE_LEX}"]\n', encoding="utf-8")
    out = tmp / "R"
    p = run("rescan", str(src), "--out", str(out), "--config", str(cfg), "--workers", "1")
    assert p.returncode == 1, p.stderr.decode()
    p = run("report", str(out), "--org", "某县人民政府办公室", "--scope", "本单位政务微信公众号2024年推文")
    assert p.returncode == 0, p.stderr.decode()
    return out


def test_report_is_one_self_contained_file_with_real_charts(results):
    html = (results / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "巡查记录" in html and "某县人民政府办公室" in html
    assert "<th>巡查范围</th><td>本单位政务微信公众号2024年推文</td>" in html
    # nothing fetched from elsewhere: no scripts, stylesheets, fonts or images by URL
    assert not re.search(r"<script|<link|@import|url\(|src=\"(?!data:)", html)
    charts = re.findall(r'<img alt="([^"]+)" src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert [alt for alt, _ in charts] == ["问题类别与类型", "按月份", "按来源账号", "命中最多的规则"]
    for _, b64 in charts:
        svg = ElementTree.fromstring(base64.b64decode(b64))
        assert svg.tag.endswith("svg")
        shapes = [el for el in svg.iter() if el.tag.split("}")[-1] in ("path", "rect", "use")]
        assert len(shapes) > 20  # bars, axes and glyphs: a plot, not a placeholder


def test_report_masks_personal_data_and_ranks_the_worst_posts(results):
    html = (results / "report.html").read_text(encoding="utf-8")
    assert "13812345678" not in html and "138****5678" in html
    assert "110105194912310021" not in html
    posts = re.findall(r'<section class="post"><h3><span class="rank">(\d+)</span> ([^<]+)<', html)
    ids = [t.strip() for _, t in posts]
    assert ids[0] in ("w1", "w2") and "w4" not in ids and "w5" not in ids  # clean posts are not listed
    assert '<mark class="c-improper_wording s-block"' in html
    assert "t.taiwan_president" in html  # rules table
    assert "无法扫描的记录（1 条）" in html and "invalid JSON" in html
    assert "巡查人" in html and "复核人" in html  # lines to sign
    unmasked = results / "full.html"
    assert run("report", str(results), "--html", str(unmasked), "--no-mask").returncode == 0
    assert "13812345678" in unmasked.read_text(encoding="utf-8")


def test_report_of_missing_results_is_a_usage_error(tmp_path):
    p = run("report", str(tmp_path))
    assert p.returncode == 2 and b"no re-scan results" in p.stderr


def test_report_renders_in_headless_chromium(results, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("chromium is not installed (scripts/test installs it with apt-get)")
    from PIL import Image

    png = tmp_path / "report.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--screenshot={png}", "--window-size=1200,2400", (results / "report.html").as_uri()],
                   capture_output=True, timeout=120, check=True)
    img = Image.open(png).convert("RGB")
    assert img.size == (1200, 2400)
    # the charts region is drawn: many distinct colours (bars in category colours), not a blank page
    colours = img.crop((0, 600, 1200, 2400)).getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50
    reds = sum(n for n, (r, g, b) in colours if r > 150 and g < 90 and b < 90)
    assert reds > 500  # the block-coloured bars and marks
