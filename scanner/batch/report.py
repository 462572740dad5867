"""The patrol record (巡查记录) of a re-scan: one self-contained HTML file an office can print.

It reads ``results.sqlite`` and shows: what was patrolled and when; totals by verdict; charts of
findings by category and type, by month (or year), by account, and of the rules that fire most;
the worst posts with their findings highlighted in context; the records that could not be
scanned; and lines to sign. Charts are matplotlib figures embedded as SVG data URIs: the file
needs nothing else (no scripts, no fonts, no network).

Personal data is masked in the report by default (``138****5678``): the report is printed and
passed around, the reviewer page has the full text. matplotlib is imported only inside functions.
"""
from __future__ import annotations

import base64
import html
import io
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..model import CATEGORY_LABELS, SEVERITY_RANK, TYPE_LABELS
from .store import find_db

__all__ = ["mask_value", "render_report", "write_report"]

CATEGORY_COLORS = {
    "personal_data": "#7d3c98",
    "state_secret": "#c0392b",
    "commercial_secret": "#d35400",
    "improper_wording": "#b7950b",
}
SEVERITY_COLORS = {"block": "#c0392b", "review": "#e0a800", "info": "#5d9cec", "pass": "#8fbc8f"}
SEVERITY_LABELS = {"block": "阻断", "review": "复核", "info": "提示", "pass": "通过"}
CJK_FONTS = ("WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
             "Source Han Sans CN", "Microsoft YaHei", "SimHei", "PingFang SC", "Heiti SC", "AR PL UMing CN",
             "Droid Sans Fallback")


# =============================================================================== masking
def mask_value(text: str, suggestion: str | None = None) -> str:
    """A masked form of ``text`` with the same length (offsets stay valid): the suggestion when
    it is one (``138****5678``), else the first and last characters kept."""
    n = len(text)
    if suggestion and len(suggestion) == n and suggestion != text and "*" in suggestion:
        return suggestion
    if n <= 1:
        return "*"
    if n == 2:
        return text[0] + "*"
    if n <= 4:
        return text[0] + "*" * (n - 2) + text[-1]
    keep_l = 3 if n >= 11 else 1
    keep_r = 4 if n >= 11 else 1
    return text[:keep_l] + "*" * (n - keep_l - keep_r) + text[n - keep_r:]


def _masked_text(text: str, findings: Sequence[dict], mask: bool) -> str:
    if not mask:
        return text
    chars = list(text)
    for f in findings:
        if f["category"] == "personal_data" and text[f["start"]:f["end"]] == f["text"]:
            chars[f["start"]:f["end"]] = mask_value(f["text"], f.get("suggestion"))
    return "".join(chars)


def _shown(f: dict, mask: bool) -> str:
    return mask_value(f["text"], f.get("suggestion")) if mask and f["category"] == "personal_data" else f["text"]


# =============================================================================== data
@dataclass
class _Data:
    meta: dict[str, str]
    counts: dict[str, int]
    by_type: list[tuple[str, str, int, int]]  # category, type, findings, posts
    periods: list[tuple[str, int, int, int]]  # label, scanned, block posts, review posts
    period_unit: str
    undated: int
    accounts: list[tuple[str, int, int, int]]  # account, scanned, block posts, review posts
    rules: list[dict[str, Any]]
    worst: list[dict[str, Any]]
    errors: list[tuple[str, str, str]]  # record, id, reason
    error_kinds: list[tuple[str, int]]
    date_range: tuple[str | None, str | None]


def _reason_kind(reason: str) -> str:
    r = reason.split(": ", 1)[-1]  # without "line 5: " or "path/to/file.docx: "
    return r.split(" (", 1)[0].split(" at ")[0][:60]


def _load(db: Path, top: int) -> _Data:
    con = sqlite3.connect(f"file:{db.resolve()}?mode=ro", uri=True)
    try:
        meta = dict(con.execute("SELECT key, value FROM meta"))
        counts = {"records": 0, "errors": 0, "block": 0, "review": 0, "pass": 0, "findings": 0, "flagged": 0,
                  "carried": 0}
        for verdict, is_err, n, nf, resc in con.execute(
                "SELECT verdict, error IS NOT NULL, COUNT(*), SUM(n_findings), SUM(rescanned) FROM scans "
                "GROUP BY verdict, error IS NOT NULL"):
            counts["records"] += n
            counts["findings"] += nf or 0
            counts["carried"] += n - (resc or 0)
            if is_err:
                counts["errors"] += n
            elif verdict in counts:
                counts[verdict] += n
        counts["flagged"] = con.execute("SELECT COUNT(*) FROM scans WHERE n_findings > 0").fetchone()[0]
        by_type = list(con.execute(
            "SELECT category, type, COUNT(*), COUNT(DISTINCT pos) FROM findings GROUP BY category, type "
            "ORDER BY COUNT(*) DESC"))
        # periods: months when the dates span at most five years, else years
        rows = list(con.execute(
            "SELECT substr(published, 1, 7) AS p, COUNT(*), SUM(verdict = 'block'), SUM(verdict = 'review') "
            "FROM scans WHERE published IS NOT NULL GROUP BY p ORDER BY p"))
        undated = con.execute("SELECT COUNT(*) FROM scans WHERE published IS NULL").fetchone()[0]
        months = [r for r in rows if len(r[0]) == 7]
        unit = "month"
        if not rows:
            periods: list[tuple[str, int, int, int]] = []
        else:
            years = sorted({r[0][:4] for r in rows})
            span = int(years[-1]) - int(years[0])
            if span >= 5 or len(months) < len(rows) / 2:
                unit = "year"
                agg: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
                for p, n, b, r in rows:
                    a = agg[p[:4]]
                    a[0] += n
                    a[1] += b or 0
                    a[2] += r or 0
                periods = [(y, *agg[y]) for y in sorted(agg)]
            else:
                periods = [(p, n, b or 0, r or 0) for p, n, b, r in months]
                undated += sum(n for p, n, _, _ in rows if len(p) != 7)
        dr = con.execute("SELECT MIN(published), MAX(published) FROM scans").fetchone()
        accounts = list(con.execute(
            "SELECT COALESCE(account, '（未标注）') AS a, COUNT(*), SUM(verdict = 'block'), SUM(verdict = 'review') "
            "FROM scans GROUP BY a ORDER BY SUM(verdict = 'block') DESC, SUM(verdict = 'review') DESC, COUNT(*) DESC "
            "LIMIT 15"))
        rules = []
        for rule, cat, typ, sev_rank, n, posts, first in con.execute(
                "SELECT rule, category, type, MAX(CASE severity WHEN 'block' THEN 2 WHEN 'review' THEN 1 ELSE 0 END), "
                "COUNT(*), COUNT(DISTINCT pos), MIN(pos) FROM findings GROUP BY rule ORDER BY COUNT(*) DESC, rule "
                "LIMIT 15"):
            sample = {}
            fj = con.execute("SELECT findings FROM scans WHERE pos = ?", (first,)).fetchone()
            for f in orjson.loads(fj[0] or "[]") if fj else []:
                if f["rule"] == rule:
                    sample = f
                    break
            rules.append({"rule": rule, "category": cat, "type": typ, "severity": ("info", "review", "block")[sev_rank],
                          "count": n, "posts": posts, "message": sample.get("message", ""),
                          "basis": sample.get("basis") or ""})
        worst = []
        for row in con.execute(
                "SELECT pos, record, id, title, account, published, verdict, n_block, n_review, n_findings, findings, "
                "text FROM scans WHERE n_findings > 0 ORDER BY n_block DESC, n_review DESC, n_findings DESC, pos "
                "LIMIT ?", (top,)):
            keys = ("pos", "record", "id", "title", "account", "published", "verdict", "n_block", "n_review",
                    "n_findings", "findings", "text")
            d = dict(zip(keys, row))
            d["findings"] = orjson.loads(d["findings"] or "[]")
            worst.append(d)
        errors = [(r, "" if i is None else str(i), e) for r, i, e in con.execute(
            "SELECT record, id, error FROM scans WHERE error IS NOT NULL ORDER BY pos LIMIT 30")]
        kinds: dict[str, int] = defaultdict(int)
        for (e,) in con.execute("SELECT error FROM scans WHERE error IS NOT NULL"):
            kinds[_reason_kind(e)] += 1
        error_kinds = sorted(kinds.items(), key=lambda kv: -kv[1])[:10]
    finally:
        con.close()
    return _Data(meta, counts, by_type, periods, unit, undated, accounts, rules, worst, errors, error_kinds,
                 (dr[0], dr[1]))


# =============================================================================== charts
def _cjk_font() -> str | None:
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    for n in CJK_FONTS:
        if n in names:
            return n
    return None


def _rc() -> dict[str, Any]:
    font = _cjk_font()
    rc: dict[str, Any] = {
        "font.size": 10, "axes.spines.top": False, "axes.spines.right": False, "axes.titleweight": "bold",
        "svg.hashsalt": "govscan", "axes.unicode_minus": False,
    }
    if font:
        rc["font.family"] = "sans-serif"
        rc["font.sans-serif"] = [font, "DejaVu Sans"]
        rc["svg.fonttype"] = "path"  # glyphs as paths: the file renders the same everywhere
    else:
        rc["svg.fonttype"] = "none"  # no CJK font here: leave text to the browser's fonts
        rc["font.sans-serif"] = ["DejaVu Sans"]
    return rc


def _svg(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _empty(ax, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=12, color="#777", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    for s in ax.spines.values():
        s.set_visible(False)


def _chart_types(d: _Data) -> str:
    from matplotlib.figure import Figure

    rows = d.by_type[:20]
    fig = Figure(figsize=(7.5, max(2.2, 0.38 * len(rows) + 1.0)))
    ax = fig.subplots()
    if not rows:
        _empty(ax, "未发现问题")
        return _svg(fig)
    rows = rows[::-1]
    labels = [f"{TYPE_LABELS.get(t, t)}（{CATEGORY_LABELS.get(c, c)}）" for c, t, _, _ in rows]
    vals = [n for _, _, n, _ in rows]
    bars = ax.barh(labels, vals, color=[CATEGORY_COLORS.get(c, "#888") for c, _, _, _ in rows])
    for b, (_, _, n, posts) in zip(bars, rows):
        ax.text(b.get_width(), b.get_y() + b.get_height() / 2, f" {n}处 / {posts}条", va="center", fontsize=9)
    ax.set_xlabel("发现数（处）")
    ax.set_title("问题类别与类型")
    ax.margins(x=0.18)
    return _svg(fig)


def _chart_periods(d: _Data) -> str:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.5, 3.2))
    ax = fig.subplots()
    if not d.periods:
        _empty(ax, "记录未标注发布日期")
        return _svg(fig)
    labels = [p for p, _, _, _ in d.periods]
    x = range(len(labels))
    block = [b for _, _, b, _ in d.periods]
    review = [r for _, _, _, r in d.periods]
    ax.bar(x, block, color=SEVERITY_COLORS["block"], label="阻断")
    ax.bar(x, review, bottom=block, color=SEVERITY_COLORS["review"], label="复核")
    ax.set_ylabel("问题稿件（条）")
    ax2 = ax.twinx()
    ax2.plot(list(x), [n for _, n, _, _ in d.periods], color="#34495e", marker="o", markersize=3, linewidth=1.2,
             label="扫描条数")
    ax2.set_ylabel("扫描条数")
    ax2.spines["right"].set_visible(True)
    ax2.set_ylim(bottom=0)
    step = max(1, len(labels) // 16)
    ax.set_xticks(list(x)[::step])
    ax.set_xticklabels(labels[::step], rotation=45, ha="right", fontsize=8)
    ax.set_ylim(bottom=0, top=max(1, max(b + r for b, r in zip(block, review))) * 1.15)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper left", fontsize=8, frameon=False, ncols=3)
    ax.set_title("按月份" if d.period_unit == "month" else "按年份")
    return _svg(fig)


def _chart_accounts(d: _Data) -> str:
    from matplotlib.figure import Figure

    rows = d.accounts[::-1]
    fig = Figure(figsize=(7.5, max(2.2, 0.36 * len(rows) + 1.0)))
    ax = fig.subplots()
    if not rows:
        _empty(ax, "无记录")
        return _svg(fig)
    labels = [a if len(a) <= 18 else a[:17] + "…" for a, _, _, _ in rows]
    block = [b or 0 for _, _, b, _ in rows]
    review = [r or 0 for _, _, _, r in rows]
    ax.barh(labels, block, color=SEVERITY_COLORS["block"], label="阻断")
    bars = ax.barh(labels, review, left=block, color=SEVERITY_COLORS["review"], label="复核")
    for b, (_, n, bl, rv) in zip(bars, rows):
        ax.text(b.get_x() + b.get_width(), b.get_y() + b.get_height() / 2, f" {(bl or 0) + (rv or 0)}/{n}条",
                va="center", fontsize=9)
    ax.set_xlabel("问题稿件（条） / 扫描条数")
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_title("按来源 / 账号")
    ax.margins(x=0.2)
    if max(b + r for b, r in zip(block, review)) == 0:
        ax.set_xlim(0, 1)
    return _svg(fig)


def _chart_rules(d: _Data) -> str:
    from matplotlib.figure import Figure

    rows = d.rules[::-1]
    fig = Figure(figsize=(7.5, max(2.2, 0.36 * len(rows) + 1.0)))
    ax = fig.subplots()
    if not rows:
        _empty(ax, "没有规则命中")
        return _svg(fig)
    bars = ax.barh([r["rule"] for r in rows], [r["count"] for r in rows],
                   color=[CATEGORY_COLORS.get(r["category"], "#888") for r in rows])
    for b, r in zip(bars, rows):
        ax.text(b.get_width(), b.get_y() + b.get_height() / 2, f" {r['count']}", va="center", fontsize=9)
    ax.set_xlabel("命中次数")
    ax.set_title("命中最多的规则")
    ax.margins(x=0.12)
    return _svg(fig)


def _charts(d: _Data) -> dict[str, str]:
    import logging

    import matplotlib

    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)  # "weight normal not found, using 500"
    with matplotlib.rc_context(_rc()):
        return {"types": _chart_types(d), "periods": _chart_periods(d), "accounts": _chart_accounts(d),
                "rules": _chart_rules(d)}


# =============================================================================== HTML
def _e(v: Any) -> str:
    return html.escape("" if v is None else str(v))


def _when(iso: str | None) -> str:
    """2026-11-24T10:07:55+08:00 → 2026-11-24 10:07:55 (UTC+08:00)"""
    if not iso:
        return ""
    day, _, rest = iso.partition("T")
    t, zone = (rest[:8], rest[8:]) if rest else ("", "")
    return f"{day} {t}" + (f"（UTC{zone}）" if zone else "")


def _snippets(text: str | None, findings: list[dict], mask: bool, width: int = 48, max_windows: int = 6) -> str:
    if not text:
        return '<p class="muted">（未保存原文，仅列出发现）</p>'
    shown = _masked_text(text, findings, mask)
    n = len(text)
    spans = sorted((max(0, f["start"] - width), min(n, f["end"] + width)) for f in findings)
    windows: list[list[int]] = []
    for s, e in spans:
        if windows and s <= windows[-1][1] + 8:
            windows[-1][1] = max(windows[-1][1], e)
        else:
            windows.append([s, e])
    hidden = max(0, len(windows) - max_windows)
    index = {id(f): i for i, f in enumerate(findings, 1)}
    parts = []
    for ws, we in windows[:max_windows]:
        inside = [f for f in findings if f["start"] < we and f["end"] > ws]
        cuts = sorted({ws, we} | {max(ws, f["start"]) for f in inside} | {min(we, f["end"]) for f in inside})
        out = ["…" if ws > 0 else ""]
        for a, b in zip(cuts, cuts[1:]):
            seg = _e(shown[a:b]).replace("\n", "⏎")
            cover = [f for f in inside if f["start"] <= a and f["end"] >= b]
            if not cover:
                out.append(seg)
                continue
            top = max(cover, key=lambda f: SEVERITY_RANK.get(f["severity"], 0))
            tip = "；".join(f"[{index[id(f)]}] {TYPE_LABELS.get(f['type'], f['type'])}：{f['message']}" for f in cover)
            out.append(f'<mark class="c-{_e(top["category"])} s-{_e(top["severity"])}" title="{_e(tip)}">{seg}</mark>')
            ends = [f for f in cover if f["end"] == b]
            if ends:
                out.append("".join(f"<sup>{index[id(f)]}</sup>" for f in ends))
        out.append("…" if we < n else "")
        parts.append(f'<p class="snip">{"".join(out)}</p>')
    if hidden:
        parts.append(f'<p class="muted">另有 {hidden} 处上下文未展示，见下表。</p>')
    return "".join(parts)


def _post_html(rank: int, p: dict, mask: bool) -> str:
    fs = p["findings"]
    head = p["title"] or (p["id"] if p["id"] is not None else p["record"])
    meta = " · ".join(x for x in (
        f"编号 {_e(p['id'])}" if p["id"] is not None else "", f"记录 {_e(p['record'])}",
        f"来源 {_e(p['account'])}" if p["account"] else "", f"日期 {_e(p['published'])}" if p["published"] else "") if x)
    verdict = p["verdict"] or "pass"
    rows = []
    for i, f in enumerate(fs, 1):
        sugg = f.get("suggestion")
        rows.append(
            f'<tr><td>{i}</td><td><span class="sev s-{_e(f["severity"])}">{SEVERITY_LABELS.get(f["severity"], "")}</span>'
            f'</td><td><span class="cat c-{_e(f["category"])}">{_e(TYPE_LABELS.get(f["type"], f["type"]))}</span></td>'
            f'<td class="orig">{_e(_shown(f, mask))}</td><td>{_e(sugg) if sugg else "—"}</td>'
            f'<td>{_e(f["message"])}<div class="basis">{_e(f.get("basis") or "")}'
            + (f' · 位置 {_e(f["element_path"])}' if f.get("element_path") else "") + "</div></td></tr>")
    return (f'<section class="post"><h3><span class="rank">{rank}</span> {_e(head)} '
            f'<span class="verdict v-{_e(verdict)}">{SEVERITY_LABELS.get(verdict, verdict)}</span></h3>'
            f'<div class="pmeta">{meta} · 阻断 {p["n_block"]} · 复核 {p["n_review"]} · 共 {p["n_findings"]} 处</div>'
            f'{_snippets(p["text"], fs, mask)}'
            f'<table class="ftab"><thead><tr><th>#</th><th>程度</th><th>类型</th><th>原文</th><th>建议</th><th>说明与依据</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></section>')


CSS = """
:root { --ink:#1f2d3d; --muted:#6b7785; --line:#d9dee4; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei","PingFang SC",
       "SimSun",sans-serif; color: var(--ink); margin: 0; background: #f4f6f8; line-height: 1.6; }
main { max-width: 1000px; margin: 0 auto; background: #fff; padding: 32px 44px 48px; }
header { border-bottom: 3px double #a93226; padding-bottom: 12px; margin-bottom: 18px; text-align: center; }
header h1 { color: #a93226; font-size: 26px; letter-spacing: 4px; margin: 6px 0; }
header .org { font-size: 15px; }
h2 { font-size: 18px; border-left: 5px solid #a93226; padding-left: 10px; margin: 28px 0 12px; }
h3 { font-size: 15px; margin: 0 0 4px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 7px; vertical-align: top; text-align: left; }
th { background: #f0f2f5; font-weight: 600; }
table.meta th { width: 9em; }
.cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 8px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px; text-align: center; }
.card b { display: block; font-size: 22px; }
.card span { font-size: 12px; color: var(--muted); }
.card.block b { color: #c0392b; } .card.review b { color: #b8860b; } .card.error b { color: #7f8c8d; }
.chart { text-align: center; margin: 10px 0 18px; page-break-inside: avoid; }
.chart img { max-width: 100%; }
.grid2 { display: grid; grid-template-columns: 1fr; gap: 8px; }
.post { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; margin: 12px 0; page-break-inside: avoid; }
.rank { display: inline-block; min-width: 1.8em; text-align: center; background: #34495e; color: #fff; border-radius: 3px; }
.pmeta, .muted, .basis { color: var(--muted); font-size: 12px; }
.snip { background: #fafbfc; border-left: 3px solid var(--line); padding: 6px 10px; margin: 6px 0; font-size: 14px;
        word-break: break-all; }
mark { padding: 0 1px; border-radius: 2px; color: #fff; }
mark.c-personal_data { background: #7d3c98; } mark.c-state_secret { background: #c0392b; }
mark.c-commercial_secret { background: #d35400; } mark.c-improper_wording { background: #f4d03f; color: #000; }
mark.s-info { opacity: .75; }
sup { color: #a93226; font-weight: bold; margin: 0 1px; }
.ftab td.orig { font-family: monospace, sans-serif; white-space: nowrap; }
.sev, .cat, .verdict { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; color: #fff; white-space: nowrap; }
.s-block { background: #c0392b; } .s-review { background: #d4a000; } .s-info { background: #5d9cec; }
.v-block { background: #c0392b; } .v-review { background: #d4a000; } .v-pass { background: #27ae60; }
span.c-personal_data { background: #7d3c98; } span.c-state_secret { background: #c0392b; }
span.c-commercial_secret { background: #d35400; } span.c-improper_wording { background: #b7950b; }
.legend span { margin-right: 10px; }
.banner { background: #fdf2e9; border: 1px solid #e59866; padding: 8px 12px; border-radius: 4px; }
.sign { margin-top: 36px; display: grid; grid-template-columns: repeat(2, 1fr); gap: 26px 40px; font-size: 15px; }
.sign div { border-bottom: 1px solid #333; padding-bottom: 4px; }
footer { margin-top: 28px; font-size: 12px; color: var(--muted); text-align: center; }
@media print {
  body { background: #fff; }
  main { max-width: none; padding: 0; }
  h2 { page-break-after: avoid; }
  mark, .sev, .cat, .verdict, .rank { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
@page { size: A4; margin: 16mm 14mm; }
"""


def render_report(db: str | Path, *, title: str | None = None, org: str | None = None, top: int = 20,
                  mask: bool = True, scope: str | None = None) -> str:
    """The report as an HTML string (see :func:`write_report`)."""
    d = _load(find_db(db), top)
    charts = _charts(d)
    m, c = d.meta, d.counts
    title = title or "政务新媒体内容安全巡查记录"
    status_banner = ""
    if m.get("status") != "finished":
        status_banner = (f'<p class="banner">注意：本次巡查尚未完成（已完成 {c["records"]:,} 条），以下为阶段性结果；'
                         "再次运行同一命令即可继续。</p>")
    kind = {"jsonl": "JSONL 文件", "csv": "CSV 文件", "folder": "文件夹（txt/html/docx）", "sql": "数据库查询"}.get(
        m.get("source_kind", ""), m.get("source_kind", ""))
    period = "—"
    if d.date_range[0]:
        period = f"{_e(d.date_range[0])} 至 {_e(d.date_range[1])}"
    plan = ""
    if m.get("changed_since"):
        plan = (f'<tr><th>增量复查</th><td>相对词库 {_e(m["changed_since"])}：{_e(m.get("plan", ""))}'
                f'（本次重新扫描 {c["records"] - c["carried"]:,} 条，沿用原结果 {c["carried"]:,} 条）</td></tr>')
    meta_rows = (
        f'<tr><th>巡查单位</th><td>{_e(org) if org else "＿＿＿＿＿＿＿＿＿＿＿＿"}</td></tr>'
        + (f'<tr><th>巡查范围</th><td>{_e(scope)}</td></tr>' if scope else "")
        + f'<tr><th>巡查对象</th><td>{_e(kind)}：{_e(m.get("source"))}</td></tr>'
        f'<tr><th>巡查时间</th><td>{_e(_when(m.get("started_at")))} 至 {_e(_when(m.get("finished_at")) or "（未完成）")}</td></tr>'
        f'<tr><th>内容发布时间</th><td>{period}'
        + (f'（{d.undated:,} 条未标注日期）' if d.undated else "") + "</td></tr>"
        f'<tr><th>审查依据</th><td>词库版本 {_e(m.get("lexicon_version"))} · {_e(m.get("tool", "govscan"))}</td></tr>'
        + plan)
    cards = "".join(f'<div class="card {cls}"><b>{v:,}</b><span>{label}</span></div>' for cls, v, label in (
        ("", c["records"], "扫描条数"), ("block", c["block"], "阻断（须整改）"), ("review", c["review"], "人工复核"),
        ("", c["pass"], "通过"), ("", c["findings"], "发现（处）"), ("error", c["errors"], "无法扫描")))
    legend = "".join(f'<span><span class="cat c-{k}">{v}</span></span>' for k, v in CATEGORY_LABELS.items())
    rules_rows = "".join(
        f'<tr><td>{i}</td><td><code>{_e(r["rule"])}</code></td><td><span class="cat c-{_e(r["category"])}">'
        f'{_e(TYPE_LABELS.get(r["type"], r["type"]))}</span></td><td>{_e(r["message"])}'
        f'<div class="basis">{_e(r["basis"])}</div></td><td>{r["count"]:,}</td><td>{r["posts"]:,}</td></tr>'
        for i, r in enumerate(d.rules, 1))
    rules_table = (f'<table><thead><tr><th>#</th><th>规则</th><th>类型</th><th>说明与依据</th><th>次数</th><th>稿件</th>'
                   f'</tr></thead><tbody>{rules_rows}</tbody></table>') if d.rules else ""
    posts = "".join(_post_html(i, p, mask) for i, p in enumerate(d.worst, 1)) or "<p>未发现需要处理的稿件。</p>"
    errors = ""
    if c["errors"]:
        kinds = "；".join(f"{_e(k)}（{n:,}）" for k, n in d.error_kinds)
        rows = "".join(f"<tr><td>{_e(r)}</td><td>{_e(i)}</td><td>{_e(e)}</td></tr>" for r, i, e in d.errors)
        more = f'<p class="muted">仅列出前 {len(d.errors)} 条，共 {c["errors"]:,} 条。</p>' if c["errors"] > len(d.errors) else ""
        errors = (f'<h2>五、无法扫描的记录（{c["errors"]:,} 条）</h2><p>原因：{kinds}</p>'
                  f'<table><thead><tr><th>记录</th><th>编号</th><th>原因</th></tr></thead><tbody>{rows}</tbody></table>'
                  f'{more}')
    mask_note = "个人信息在本记录中已作去标识化显示。" if mask else "本记录含未去标识化的个人信息，注意保管。"
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(title)}</title><style>{CSS}</style></head>
<body><main>
<header><div class="org">{_e(org or "")}</div><h1>{_e(title)}</h1>
<div class="muted">巡查记录 · 生成于 {_e(_when(m.get("finished_at") or m.get("updated_at")))}</div></header>
{status_banner}
<h2>一、巡查概况</h2>
<table class="meta"><tbody>{meta_rows}</tbody></table>
<div class="cards">{cards}</div>
<p class="muted">“阻断”指发布前必须整改的问题，“复核”须人工确认，“提示”供参考。有发现的稿件 {c["flagged"]:,} 条。{mask_note}</p>
<h2>二、问题分布</h2>
<p class="legend">{legend}</p>
<div class="chart"><img alt="问题类别与类型" src="{charts["types"]}"></div>
<div class="chart"><img alt="{"按月份" if d.period_unit == "month" else "按年份"}" src="{charts["periods"]}"></div>
<div class="chart"><img alt="按来源账号" src="{charts["accounts"]}"></div>
<h2>三、命中最多的规则</h2>
<div class="chart"><img alt="命中最多的规则" src="{charts["rules"]}"></div>
{rules_table}
<h2>四、问题最严重的稿件（前 {len(d.worst)} 条）</h2>
{posts}
{errors}
<h2>{"六" if errors else "五"}、处理意见与签字</h2>
<p>处理意见：＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿</p>
<div class="sign"><div>巡查人：</div><div>复核人：</div><div>审核负责人：</div><div>日期：　　　年　　月　　日</div></div>
<footer>本记录由 govscan 自动生成，机器审查结果须经人工复核后方可作为处理依据。</footer>
</main></body></html>
"""


def write_report(db: str | Path, out: str | Path, *, title: str | None = None, org: str | None = None,
                 top: int = 20, mask: bool = True, scope: str | None = None) -> Path:
    """Write the patrol report of the results in ``db`` (a RESULTS folder or its results.sqlite)
    to ``out``. ``scope`` describes in words what was patrolled. Returns the path written."""
    text = render_report(db, title=title, org=org, top=top, mask=mask, scope=scope)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    return out
