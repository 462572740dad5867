"""Zip archives of attachments: every member is read recursively as its own file, its parts named
``member!inner part`` (``附件/名单.xlsx!xl/worksheets/sheet2.xml``). The limits of
:class:`~scanner.files.limits.SafeZip` (ratio, sizes, entry count) and of nesting depth apply to
the archive and to every archive inside it. Member names are decoded as zip tools write them:
UTF-8 when the flag says so, else GB18030 (what Windows' built-in zip writes on Chinese systems).
"""
from __future__ import annotations

from .document import Builder
from .limits import Context, SafeZip

_SKIP_PREFIXES = ("__MACOSX/",)
_SKIP_NAMES = (".DS_Store", "Thumbs.db", "desktop.ini")


def member_name(info) -> str:
    """The member's name as the user sees it (zipfile decodes non-UTF-8 names as cp437)."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def extract_zip(zf: SafeZip, name: str, b: Builder, ctx: Context) -> None:
    for raw_name, info in zf.infos.items():
        if raw_name.endswith("/") or raw_name.startswith(_SKIP_PREFIXES) or raw_name.rsplit("/", 1)[-1] in _SKIP_NAMES:
            continue
        shown = member_name(info)
        ctx.check_time(name)
        data = zf.read(raw_name)
        ctx.recurse(data, shown.rsplit("/", 1)[-1], b, "body", part=shown)
