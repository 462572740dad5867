"""Document properties (metadata) as segments of layer ``metadata``.

Every format's properties map to one vocabulary so the scan step can tell a person field
(author, last modified by) from a neutral one (title, application). A metadata segment's
``context`` is the field's Chinese name and its ``cell`` the field key below.
"""
from __future__ import annotations

from .document import Builder

__all__ = ["FIELD_LABELS", "PERSON_FIELDS", "PATH_FIELDS", "add_metadata"]

FIELD_LABELS: dict[str, str] = {
    "title": "标题", "subject": "主题", "creator": "作者", "author": "作者", "last_modified_by": "最后修改者",
    "manager": "经理", "company": "单位", "keywords": "关键词", "description": "备注", "category": "类别",
    "template": "模板", "application": "应用程序", "producer": "生成程序", "created": "创建时间",
    "modified": "修改时间", "printed": "打印时间", "revision": "修订号", "content_status": "状态",
    "hyperlink_base": "超链接基础", "custodian": "保管人", "initial_creator": "初始作者", "custom": "自定义属性",
}
#: fields that name a person: reported as ``file_metadata`` for review unless the value is generic
PERSON_FIELDS = frozenset({"creator", "author", "last_modified_by", "manager", "initial_creator", "custodian",
                           "camera_owner", "copyright"})
#: fields that may carry a path with a user's name in it
PATH_FIELDS = frozenset({"template", "hyperlink_base"})

_ALIASES = {"lastmodifiedby": "last_modified_by", "last_author": "last_modified_by", "lastauthor": "last_modified_by",
            "dc:creator": "creator", "initial-creator": "initial_creator", "initialcreator": "initial_creator",
            "contentstatus": "content_status", "hyperlinkbase": "hyperlink_base", "creationdate": "created",
            "moddate": "modified", "creator_tool": "application", "generator": "application"}


def canonical(key: str) -> str:
    k = key.strip().lower().replace(" ", "_")
    return _ALIASES.get(k, _ALIASES.get(k.replace("_", ""), k))


def add_metadata(b: Builder, part: str, key: str, value: str | None, *, label: str | None = None) -> None:
    """Add one property: ``b.metadata[key] = value`` and, for text worth scanning, a segment."""
    if value is None:
        return
    value = " ".join(str(value).split())
    if not value:
        return
    k = canonical(key)
    b.metadata[k if k not in b.metadata else f"{k}:{part}"] = value
    if k in ("created", "modified", "printed", "revision"):
        return  # dates and counters: kept in metadata, nothing to scan
    name = FIELD_LABELS.get(k, key)
    b.add(value, part, "metadata", cell=k, context=name, label=label or f"文件属性·{name}")
