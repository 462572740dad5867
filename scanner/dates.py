"""Dates as records write them, and the year a text was published (what makes an outdated name
history: :func:`scanner.detectors.context.years_say_history`)."""
from __future__ import annotations

import datetime as _dt
from typing import Any

from . import rx
from .errors import InputError

__all__ = ["normalise_date", "published_year"]

_DATE8 = rx.compile(r"^\s*(\d{4})(\d{2})(\d{2})")
_DATE = rx.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?")
_YEAR = rx.compile(r"^\s*(\d{4})\s*年?\s*$")


def normalise_date(value: Any) -> str | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` from the usual ways dates are written, else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str) and len(value) >= 8:  # fast paths: 2024-05-01…, 20240501
        v = value
        if len(v) >= 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit() and v[5:7].isdigit() and v[8:10].isdigit():
            if "01" <= v[5:7] <= "12" and "01" <= v[8:10] <= "31":
                return v[:10]
        elif len(v) == 8 and v.isdigit() and "01" <= v[4:6] <= "12" and "01" <= v[6:] <= "31":
            return f"{v[:4]}-{v[4:6]}-{v[6:]}"
    if isinstance(value, (int, float)):
        v = int(value)
        if 1000 <= v <= 2999:
            return f"{v:04d}"
        if v > 10**11:
            v //= 1000  # milliseconds
        if v > 10**8:
            try:
                return _dt.datetime.fromtimestamp(v).date().isoformat()
            except (OverflowError, OSError, ValueError):
                return None
        s = str(v)
    else:
        s = str(value)
    for pat in (_DATE8, _DATE):
        m = pat.search(s) if pat is _DATE else pat.match(s)
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None
            if 1 <= mo <= 12 and 1000 <= y <= 2999:
                return f"{y:04d}-{mo:02d}-{d:02d}" if d and 1 <= d <= 31 else f"{y:04d}-{mo:02d}"
    m = _YEAR.match(s)
    return m.group(1) if m else None


def published_year(value: Any) -> int | None:
    """The year of a publication date given to :meth:`scanner.Scanner.scan`: None, a year (int),
    a ``datetime.date``/``datetime``, or a string :func:`normalise_date` reads (``2024-05-01``,
    ``20240501``, ``2024年5月1日``, ``2024/5``, ``2024``). Anything else is an :class:`InputError`."""
    if value is None:
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.year
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InputError(f"published must be a date, a year or a date string, not {type(value).__name__}")
    if isinstance(value, int) and not 1000 <= value <= 2999:
        raise InputError(f"published year {value} is not a year")
    norm = normalise_date(value)
    if norm is None:
        raise InputError(f"published {value!r} is not a date (2024-05-01, 20240501, 2024年5月1日, 2024)")
    return int(norm[:4])
