"""Findings, scan results and the SPEC's table of categories, types and severities.

Everything here is plain data: frozen dataclasses that serialise to exactly the JSON of
``SPEC.md`` sections 2 and 3.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

import orjson

__all__ = [
    "SEVERITIES",
    "SEVERITY_RANK",
    "TYPES",
    "CATEGORY_OF",
    "DEFAULT_SEVERITY",
    "FILE_ONLY_TYPES",
    "CATEGORY_LABELS",
    "TYPE_LABELS",
    "Finding",
    "ScanResult",
    "verdict_of",
]

#: Severity order, weakest first.
SEVERITIES: tuple[str, ...] = ("info", "review", "block")
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}

#: SPEC section 1: category -> {type: default severity}.
TYPES: dict[str, dict[str, str]] = {
    "personal_data": {
        "id_card": "block",
        "passport": "block",
        "travel_permit": "block",
        "bank_card": "block",
        "mobile_phone": "review",
        "landline": "info",
        "email": "review",
        "licence_plate": "review",
        "vin": "review",
        "social_account": "review",
        "address": "review",
        "person_name": "info",
        "sensitive_personal_info": "block",
        # files (SPEC section 6, docs/FILES.md): text still present under a box drawn to hide it,
        # and a person's name or user folder in a file's properties
        "unredacted_text": "block",
        "file_metadata": "review",
    },
    "state_secret": {
        "classification_mark": "block",
        "internal_marker": "block",
        "draft_marker": "review",
        "secret_topic": "review",
        "credential": "block",
    },
    "commercial_secret": {
        "bid_secret": "block",
        "trade_secret": "review",
    },
    "improper_wording": {
        "political_term": "block",
        "key_term_misspelling": "block",
        "needs_quotes": "review",
        "banned_term": "review",
        "outdated_term": "review",
        "prohibited_content": "block",
        "advertising_absolute": "info",
    },
}

#: types only a file's result can carry (scanner/files/scan.py): no text detector reports them
FILE_ONLY_TYPES: frozenset[str] = frozenset({"unredacted_text", "file_metadata"})

CATEGORY_OF: dict[str, str] = {t: c for c, ts in TYPES.items() for t in ts}
DEFAULT_SEVERITY: dict[str, str] = {t: s for ts in TYPES.values() for t, s in ts.items()}

#: Chinese labels for reviewers (CLI report, web page).
CATEGORY_LABELS: dict[str, str] = {
    "personal_data": "个人信息",
    "state_secret": "国家秘密/工作秘密",
    "commercial_secret": "商业秘密",
    "improper_wording": "不当表述",
}
TYPE_LABELS: dict[str, str] = {
    "id_card": "身份证件号码",
    "passport": "护照号码",
    "travel_permit": "通行证号码",
    "bank_card": "银行卡号",
    "mobile_phone": "手机号码",
    "landline": "固定电话",
    "email": "电子邮箱",
    "licence_plate": "机动车号牌",
    "vin": "车辆识别代号",
    "social_account": "社交账号",
    "address": "详细住址",
    "person_name": "个人姓名",
    "sensitive_personal_info": "敏感个人信息",
    "unredacted_text": "未真正涂黑的文字",
    "file_metadata": "文件属性中的个人信息",
    "classification_mark": "密级标志",
    "internal_marker": "内部/保密标识",
    "draft_marker": "过程稿标识",
    "secret_topic": "不宜公开事项",
    "credential": "账号口令/内网信息",
    "bid_secret": "招投标保密信息",
    "trade_secret": "商业秘密",
    "political_term": "政治性表述错误",
    "key_term_misspelling": "重要名称/固定表述差错",
    "needs_quotes": "须加引号的表述",
    "banned_term": "禁用词/慎用词",
    "outdated_term": "过时表述",
    "prohibited_content": "违禁内容",
    "advertising_absolute": "广告法极限用语",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported span. ``text == input[start:end]`` always (code-point offsets)."""

    start: int
    end: int
    text: str
    category: str
    type: str
    severity: str
    rule: str
    message: str
    suggestion: str | None = None
    basis: str | None = None
    score: float = 1.0
    #: where in a file (SPEC section 6); None for a plain text
    location: dict[str, Any] | None = None

    def located(self, location: dict[str, Any] | None) -> "Finding":
        """This finding with ``location`` (``dataclasses.replace`` costs four times as much, and a
        10,000-row sheet locates 10,000 findings)."""
        return Finding(self.start, self.end, self.text, self.category, self.type, self.severity, self.rule,
                       self.message, self.suggestion, self.basis, self.score, location)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "category": self.category,
            "type": self.type,
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "suggestion": self.suggestion,
            "basis": self.basis,
            "score": self.score,
        }
        if self.location is not None:
            d["location"] = self.location
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Finding":
        return cls(
            start=int(d["start"]),
            end=int(d["end"]),
            text=d["text"],
            category=d["category"],
            type=d["type"],
            severity=d["severity"],
            rule=d["rule"],
            message=d["message"],
            suggestion=d.get("suggestion"),
            basis=d.get("basis"),
            score=float(d.get("score", 1.0)),
            location=d.get("location"),
        )


def verdict_of(findings: Iterable[Finding]) -> str:
    """SPEC section 1: ``block`` if any finding blocks, else ``review`` if any asks for review."""
    worst = -1
    for f in findings:
        r = SEVERITY_RANK[f.severity]
        if r > worst:
            worst = r
    return "pass" if worst < 1 else SEVERITIES[worst]


@dataclass(frozen=True, slots=True)
class ScanResult:
    """SPEC section 3. ``findings`` are sorted by start."""

    id: Any
    verdict: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    lexicon_version: str = ""
    #: a file's result (SPEC section 6): the extracted text the offsets index into, and a summary
    #: of the file (kind, layers, parts not read, warnings); None for a plain text
    text: str | None = None
    file: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {
            "id": self.id,
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
            "lexicon_version": self.lexicon_version,
        }
        if self.text is not None:
            d["text"] = self.text
        if self.file is not None:
            d["file"] = self.file
        return d

    def to_json(self) -> str:
        return orjson.dumps(self.to_dict()).decode()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ScanResult":
        return cls(
            id=d.get("id"),
            verdict=d["verdict"],
            findings=tuple(Finding.from_dict(f) for f in d.get("findings", ())),
            lexicon_version=d.get("lexicon_version", ""),
            text=d.get("text"),
            file=d.get("file"),
        )
