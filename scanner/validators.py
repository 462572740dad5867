"""Check-digit and structure validators for Chinese identifiers.

Written here rather than taken from python-stdnum, whose ``cn.ric`` rejects 15-digit numbers,
residence permits (81/82/83) and the 2023 permanent-residence card (9…), and raises KeyError on
some region codes (see ``../shared/reference/pii-formats.md``).
"""
from __future__ import annotations

import datetime as _dt

__all__ = ["id18_check_char", "is_valid_id18", "luhn_ok", "mask_middle"]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# First two digits: province-level codes of GB/T 2260 (11–65), 71 Taiwan, 81/82/83 residence
# permits for Hong Kong, Macau and Taiwan residents, 91–93 foreign permanent residence (2023).
_ID_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 "
    "71 81 82 83 91 92 93".split()
)


def id18_check_char(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of GB 11643-1999."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def _valid_date(yyyymmdd: str, today: _dt.date | None = None) -> bool:
    try:
        d = _dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    today = today or _dt.date.today()
    return _dt.date(1890, 1, 1) <= d <= today


def is_valid_id18(s: str, today: _dt.date | None = None) -> bool:
    """18-character 居民身份证号 / 居住证 / 永久居留身份证 number: province, date and check char."""
    if len(s) != 18 or not s[:17].isdigit():
        return False
    if s[:2] not in _ID_PROVINCES:
        return False
    if not _valid_date(s[6:14], today):
        return False
    return id18_check_char(s[:17]) == s[17].upper()


def luhn_ok(digits: str) -> bool:
    """Luhn mod 10 (UnionPay Q/CUP 002 and ISO/IEC 7812)."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = ord(c) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def mask_middle(value: str, keep_start: int, keep_end: int, mask: str = "*") -> str:
    """Mask every digit or letter of ``value`` except the first ``keep_start`` and the last
    ``keep_end`` of them; separators (spaces, dashes) stay where they are."""
    idx = [i for i, c in enumerate(value) if c.isalnum()]
    hide = set(idx[keep_start:len(idx) - keep_end if keep_end else len(idx)])
    return "".join(mask if i in hide else c for i, c in enumerate(value))
