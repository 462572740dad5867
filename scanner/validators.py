"""Check-digit and structure validators for Chinese identifiers.

Written here rather than taken from python-stdnum, whose ``cn.ric`` rejects 15-digit numbers,
residence permits (81/82/83) and the 2023 permanent-residence card (9…), and raises KeyError on
some region codes (see ``../shared/reference/pii-formats.md``).
"""
from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from pathlib import Path

__all__ = ["id18_check_char", "is_valid_id18", "is_valid_id15", "id_region_ok", "luhn_ok", "luhn_complete", "vin_ok", "mask_middle",
           "region_codes"]

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71".split()
)
# 港澳台居民居住证 (2018): region 810000 / 820000 / 830000.
_PERMIT_REGIONS = frozenset(("810000", "820000", "830000"))


@lru_cache(maxsize=1)
def region_codes() -> frozenset[str]:
    """GB/T 2260 codes, current and historical (scanner/data/region_codes.txt)."""
    path = Path(__file__).with_name("data") / "region_codes.txt"
    with open(path, encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip() and not line.startswith("#"))


def id_region_ok(first6: str) -> bool:
    """Region part of an 18-digit number: a GB/T 2260 code, a residence-permit region, or the
    2023 外国人永久居留身份证 form (9 + a province code + a 3-digit nationality code)."""
    if first6[0] == "9":
        return first6[1:3] in _PROVINCES
    return first6 in region_codes() or first6 in _PERMIT_REGIONS


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
    return _dt.date(1850, 1, 1) <= d <= today  # GB 11643's own example is born in 1880


def is_valid_id18(s: str, today: _dt.date | None = None) -> bool:
    """18-character 居民身份证号 / 居住证 / 永久居留身份证 number: region, date and check char."""
    if len(s) != 18 or not s[:17].isdigit():
        return False
    if not id_region_ok(s[:6]):
        return False
    if not _valid_date(s[6:14], today):
        return False
    return id18_check_char(s[:17]) == s[17].upper()


def is_valid_id15(s: str) -> bool:
    """Legacy 15-digit number (before 1999): region + YYMMDD (19YY) + sequence; no check digit."""
    return len(s) == 15 and s.isdigit() and s[:6] in region_codes() and _valid_date("19" + s[6:12])


_VIN_VALUES = {**{str(d): d for d in range(10)},
               **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9,
               **dict(zip("STUVWXYZ", range(2, 10)))}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_ok(vin: str) -> bool:
    """GB 16735 / ISO 3779 vehicle identification number: 17 characters, check digit at position 9."""
    v = vin.upper()
    if len(v) != 17 or any(c not in _VIN_VALUES for c in v):
        return False
    total = sum(_VIN_VALUES[c] * w for c, w in zip(v, _VIN_WEIGHTS))
    check = total % 11
    return v[8] == ("X" if check == 10 else str(check))


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


def luhn_complete(body: str) -> str:
    """``body`` with the Luhn check digit appended (for generating test numbers)."""
    return next(body + d for d in "0123456789" if luhn_ok(body + d))


def mask_middle(value: str, keep_start: int, keep_end: int, mask: str = "*") -> str:
    """Mask every digit or letter of ``value`` except the first ``keep_start`` and the last
    ``keep_end`` of them; separators (spaces, dashes) stay where they are."""
    idx = [i for i, c in enumerate(value) if c.isalnum()]
    hide = set(idx[keep_start:len(idx) - keep_end if keep_end else len(idx)])
    return "".join(mask if i in hide else c for i, c in enumerate(value))
