"""The review record (审核记录): who reviewed which draft, when, with which lexicon version, the
verdict, and each decision — exported as JSON and as a printable HTML page.

Personal data never appears in clear in a record: matched personal data shows as its masked
form, and the draft is reproduced with every personal-data finding masked.
"""
from __future__ import annotations

import base64
import hashlib
from datetime import datetime, timedelta, timezone
from html import escape
from typing import Any, Mapping

from scanner import __version__
from scanner.model import CATEGORY_LABELS, TYPE_LABELS

from .store import Store, now_iso

__all__ = ["build", "render_html", "public_decision", "now_iso"]

SEVERITY_LABELS = {"block": "阻断", "review": "人工复核", "info": "提示", "pass": "通过"}
ACTION_LABELS = {"dismiss": "误报忽略", "restore": "撤销忽略", "apply": "采纳建议"}
CONCLUSION_LABELS = {"approve": "同意发布", "reject": "退回修改"}


def public_decision(d: Mapping[str, Any]) -> dict[str, Any]:
    return {k: d.get(k) for k in ("decision_id", "scan_id", "created_at", "reviewer", "action", "fingerprint", "rule",
                                  "category", "type", "severity", "text", "suggestion", "reason")}


def _masked(f: Mapping[str, Any]) -> str:
    if f.get("category") == "personal_data":
        return f.get("suggestion") or "*" * len(f.get("text", ""))
    return f.get("text", "")


def _mask_draft(text: str, findings: list[Mapping[str, Any]]) -> str:
    out = text
    for f in sorted((f for f in findings if f.get("category") == "personal_data"), key=lambda f: f["start"],
                    reverse=True):
        out = out[:f["start"]] + _masked(f) + out[f["end"]:]
    return out


def build(row: Mapping[str, Any], store: Store, view: Mapping[str, Any]) -> dict[str, Any]:
    """The record of one stored scan; ``view`` is the scan with the current dismissals applied."""
    doc_key = row["doc_key"]
    findings = []
    for f, status in [(f, "open") for f in view["findings"]] + [(f, "dismissed") for f in view["suppressed"]]:
        item = {"rule": f["rule"], "category": f["category"], "type": f["type"], "severity": f["severity"],
                "text": _masked(f), "start": f["start"], "end": f["end"], "message": f["message"],
                "basis": f.get("basis"), "suggestion": f.get("suggestion"), "fingerprint": f.get("fingerprint"),
                "status": status}
        if status == "dismissed":
            item["dismissal"] = f["dismissal"]
        findings.append(item)
    findings.sort(key=lambda x: (x["start"], x["end"]))
    decisions = [public_decision(d) for d in store.decisions(doc_key)]
    signoffs = store.signoffs(row["scan_id"])
    reviewers = sorted({d["reviewer"] for d in decisions if d["reviewer"]} | {s["reviewer"] for s in signoffs})
    return {
        "record": "govscan review record",
        "generator": f"govscan {__version__}",
        "generated_at": now_iso(),
        "scan_id": row["scan_id"],
        "document_id": row["doc_id"],
        "scanned_at": row["created_at"],
        "source": row["source"],
        "filename": row["filename"],
        "lexicon_version": row["lexicon_version"],
        "characters": len(row["text"]),
        "scanner_verdict": row["verdict"],
        "verdict": view["verdict"],
        "findings": findings,
        "decisions": decisions,
        "versions": store.versions(doc_key),
        "signoffs": signoffs,
        "conclusion": signoffs[-1] if signoffs else None,
        "reviewers": reviewers,
        "text": _mask_draft(row["text"], list(row["result"]["findings"])),
        "text_note": "personal data masked",
    }


_CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei","PingFang SC",sans-serif;margin:24px auto;
max-width:960px;color:#111;font-size:14px;line-height:1.6}
h1{font-size:22px;text-align:center;margin:0 0 4px}h2{font-size:16px;border-left:4px solid #b71c1c;padding-left:8px;
margin:22px 0 8px}.sub{text-align:center;color:#555;margin-bottom:16px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f0f0f0;white-space:nowrap}.meta th{width:130px}
.v-block{color:#b71c1c;font-weight:bold}.v-review{color:#a06000;font-weight:bold}.v-pass{color:#1b5e20;font-weight:bold}
.dismissed{color:#777}pre{white-space:pre-wrap;word-break:break-all;border:1px solid #999;padding:8px;
font-family:inherit;margin:0}.sign{display:flex;justify-content:space-between;margin-top:36px}
.sign div{width:30%;border-bottom:1px solid #000;padding-bottom:24px}.foot{color:#777;font-size:12px;margin-top:24px}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}
"""


#: CSP source for the record's inline style: the reviewer page opens the record in a blob: window,
#: which inherits the page's policy, so the policy allows exactly this style by its hash.
STYLE_HASH = "'sha256-" + base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode() + "'"


_BEIJING = timezone(timedelta(hours=8))


def _t(iso: str | None) -> str:
    """An ISO timestamp as Beijing time for the printed record (China has one zone, no DST)."""
    if not iso:
        return "—"
    try:
        return datetime.fromisoformat(iso).astimezone(_BEIJING).strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return escape(iso)


def _e(v: Any) -> str:
    return "—" if v is None or v == "" else escape(str(v))


def _verdict_html(v: str) -> str:
    return f'<span class="v-{escape(v)}">{escape(SEVERITY_LABELS.get(v, v))}</span>'


def render_html(rec: Mapping[str, Any]) -> str:
    """A self-contained printable page (no script, inline style only)."""
    rows = [
        ("稿件编号", _e(rec["document_id"])), ("扫描编号", _e(rec["scan_id"])), ("扫描时间", _t(rec["scanned_at"])),
        ("来源", _e(rec["source"]) + (f"（{_e(rec['filename'])}）" if rec.get("filename") else "")),
        ("字数", _e(rec["characters"])), ("词库版本", _e(rec["lexicon_version"])),
        ("系统结论", _verdict_html(rec["scanner_verdict"])), ("审核后结论", _verdict_html(rec["verdict"])),
        ("审核人", _e("、".join(rec["reviewers"]))),
    ]
    meta = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    frows = []
    for i, f in enumerate(rec["findings"], 1):
        status = "已忽略（误报）：" + _e(f["dismissal"].get("reason")) if f["status"] == "dismissed" else "待处理"
        frows.append(
            f'<tr class="{"dismissed" if f["status"] == "dismissed" else ""}"><td>{i}</td>'
            f"<td>{_e(CATEGORY_LABELS.get(f['category'], f['category']))}</td>"
            f"<td>{_e(TYPE_LABELS.get(f['type'], f['type']))}</td><td>{_verdict_html(f['severity'])}</td>"
            f"<td>{_e(f['text'])}</td><td>{_e(f['suggestion'])}</td><td>{_e(f['message'])}<br><small>依据：{_e(f['basis'])}"
            f"</small></td><td>{status}</td></tr>")
    findings = ("<table><tr><th>序号</th><th>类别</th><th>类型</th><th>级别</th><th>内容</th><th>建议</th><th>说明</th>"
                "<th>处理情况</th></tr>" + "".join(frows) + "</table>") if frows else "<p>未发现问题。</p>"
    drows = "".join(
        f"<tr><td>{_t(d['created_at'])}</td><td>{_e(d['reviewer'])}</td><td>{_e(ACTION_LABELS.get(d['action'], d['action']))}"
        f"</td><td>{_e(TYPE_LABELS.get(d['type'], d['type']))}<br><small>{_e(d['rule'])}</small></td><td>{_e(d['text'])}</td>"
        f"<td>{_e(d['suggestion'] if d['action'] == 'apply' else d['reason'])}</td></tr>" for d in rec["decisions"])
    decisions = ("<table><tr><th>时间</th><th>审核人</th><th>操作</th><th>规则</th><th>内容</th><th>理由/替换为</th></tr>"
                 + drows + "</table>") if drows else "<p>无。</p>"
    srows = "".join(
        f"<tr><td>{_t(s['created_at'])}</td><td>{_e(s['reviewer'])}</td>"
        f"<td>{_e(CONCLUSION_LABELS.get(s['conclusion'], s['conclusion']))}</td><td>{_verdict_html(s['verdict'])}</td>"
        f"<td>{_e(s['comment'])}</td></tr>" for s in rec["signoffs"])
    signoffs = ("<table><tr><th>时间</th><th>审核人</th><th>审核意见</th><th>当时结论</th><th>说明</th></tr>" + srows
                + "</table>") if srows else "<p>尚未提交审核意见。</p>"
    versions = "".join(f"<tr><td>{_t(v['created_at'])}</td><td>{_e(v['scan_id'])}</td><td>{_verdict_html(v['verdict'])}"
                       f"</td><td>{_e(v['lexicon_version'])}</td></tr>" for v in rec["versions"])
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>审核记录 {_e(rec['scan_id'])}</title><style>{_CSS}</style></head>
<body>
<h1>政务新媒体信息发布审核记录</h1>
<div class="sub">每条信息均需审核后方可发布 · 本记录由 {_e(rec['generator'])} 生成于 {_t(rec['generated_at'])}（时间均为北京时间）</div>
<h2>基本信息</h2><table class="meta">{meta}</table>
<h2>审查发现（{len(rec['findings'])} 处）</h2>{findings}
<h2>审核操作记录</h2>{decisions}
<h2>审核意见</h2>{signoffs}
<h2>稿件版本</h2><table><tr><th>扫描时间</th><th>扫描编号</th><th>结论</th><th>词库版本</th></tr>{versions}</table>
<h2>稿件内容（个人信息已去标识化）</h2><pre>{escape(rec['text'])}</pre>
<div class="sign"><div>审核人（签字）：</div><div>主管领导（签字）：</div><div>日期：</div></div>
<div class="foot">扫描编号 {_e(rec['scan_id'])} · 词库版本 {_e(rec['lexicon_version'])}</div>
</body></html>
"""
