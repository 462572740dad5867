"""The labelled personal-data set of benchmarks/pii_dataset.py is what it claims to be.

Check digits are recomputed here independently of the generator (and of the scanner): ID numbers
(GB 11643 MOD 11-2, real date, county code in the region table), bank cards (Luhn), VINs (ISO 3779),
统一社会信用代码 (GB 32100); mobile and fixed-line numbers are checked with libphonenumber; every gold
and negative span indexes the text exactly; the same seed gives the same bytes, and the stored
benchmarks/data/pii_labelled.jsonl is the generator's current output.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
GEN_PATH = REPO / "benchmarks" / "pii_dataset.py"


def _load_generator():
    spec = importlib.util.spec_from_file_location("pii_dataset", GEN_PATH)
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("pii_dataset", mod)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def gen():
    return _load_generator()


@pytest.fixture(scope="module")
def records(gen):
    return gen.generate()


# ---- independent validators --------------------------------------------------------------
def _id_ok(v: str, provinces_ok) -> bool:
    if not re.fullmatch(r"\d{17}[\dX]", v):
        return False
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    if "10X98765432"[sum(int(a) * b for a, b in zip(v, w)) % 11] != v[17]:
        return False
    try:
        d = dt.date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= d <= dt.date.today() and provinces_ok(v)


def _luhn(v: str) -> bool:
    s = 0
    for i, c in enumerate(reversed(v)):
        d = int(c) * (2 if i % 2 else 1)
        s += d - 9 if d > 9 else d
    return s % 10 == 0


def _vin_ok(v: str) -> bool:
    if not re.fullmatch(r"[A-HJ-NPR-Z0-9]{17}", v):
        return False
    tr = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ", [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9]))
    w = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
    r = sum((int(c) if c.isdigit() else tr[c]) * x for c, x in zip(v, w)) % 11
    return v[8] == ("X" if r == 10 else str(r))


def _uscc_ok(v: str) -> bool:
    a = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    return len(v) == 18 and a[(31 - sum(a.index(c) * x for c, x in zip(v, w)) % 31) % 31] == v[17]


def _fold(s: str) -> str:
    """ASCII letters and digits of ``s`` (NFKC folds the full-width forms), upper-cased."""
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if c.isascii() and c.isalnum()).upper()


@pytest.fixture(scope="module")
def region_codes(gen):
    return {row[0] for row in gen.load_regions()}


# ---- tests ---------------------------------------------------------------------------------
def test_spans_index_text_exactly(records):
    for r in records:
        text = r["text"]
        for s in r["spans"] + r["negatives"]:
            assert 0 <= s["start"] < s["end"] <= len(text), (r["id"], s)
            piece = text[s["start"]:s["end"]]
            assert piece == piece.strip(), (r["id"], piece)
        for s in r["spans"]:
            if s["type"] in ("person_name", "address", "sensitive_personal_info"):
                assert text[s["start"]:s["end"]] == s["value"]
        # gold and hard negatives never overlap
        for g in r["spans"]:
            for n in r["negatives"]:
                assert g["end"] <= n["start"] or n["end"] <= g["start"], (r["id"], g, n)


def test_size_and_coverage(records):
    fixed = ["id_card", "passport", "travel_permit", "bank_card", "mobile_phone", "landline", "email",
             "licence_plate", "vin", "social_account"]
    counts = {t: 0 for t in fixed}
    for r in records:
        for s in r["spans"]:
            if s["type"] in counts:
                counts[s["type"]] += 1
    assert sum(counts.values()) >= 2000
    assert all(n >= 100 for n in counts.values()), counts
    subs = {(s["type"], s["subtype"]) for r in records for s in r["spans"]}
    for need in [("id_card", "id18"), ("id_card", "id15"), ("id_card", "residence_permit"),
                 ("id_card", "permanent_residence"), ("passport", "E8"), ("passport", "EA7"), ("passport", "G8"),
                 ("travel_permit", "hk_macao_home_return"), ("travel_permit", "mainland_hk_macao"),
                 ("travel_permit", "mainland_taiwan"), ("travel_permit", "taiwan_compatriot"),
                 ("licence_plate", "new_energy_small"), ("licence_plate", "new_energy_large"),
                 ("social_account", "qq"), ("social_account", "wechat")]:
        assert need in subs, need
    forms = {s["form"] for r in records for s in r["spans"]}
    assert {"fullwidth", "spaced", "charspaced", "+86", "dashed", "grouped4"} <= forms
    kinds = {n["kind"] for r in records for n in r["negatives"]}
    assert {"doc_number", "index_number", "serial", "date", "amount", "statistic", "hotline", "bad_luhn16",
            "bad_id18", "product_model", "uscc", "masked"} <= kinds


def test_identifiers_validate(records, region_codes):
    import phonenumbers

    prov_of = {c[:2] for c in region_codes}
    mobile_prefixes = set()
    for r in records:
        text = r["text"]
        for s in r["spans"]:
            t, v, sub = s["type"], s["value"], s["subtype"]
            folded = _fold(text[s["start"]:s["end"]])
            if t == "id_card":
                assert folded == v
                if sub == "id15":
                    assert re.fullmatch(r"\d{15}", v) and v[:6] in region_codes
                    dt.date(1900 + int(v[6:8]), int(v[8:10]), int(v[10:12]))
                elif sub == "id18":
                    assert v[:6] in region_codes and _id_ok(v, lambda x: True), v
                elif sub == "residence_permit":
                    assert v[:6] in ("810000", "820000", "830000") and _id_ok(v, lambda x: True), v
                else:
                    assert v[0] == "9" and v[1:3] in prov_of and _id_ok(v, lambda x: True), v
            elif t == "bank_card":
                assert folded == v and 16 <= len(v) <= 19 and _luhn(v), v
            elif t == "vin":
                assert folded == v and _vin_ok(v), v
            elif t == "mobile_phone":
                assert folded.endswith(v) and len(v) == 11
                n = phonenumbers.parse(v, "CN")
                assert phonenumbers.is_valid_number(n), v
                assert phonenumbers.number_type(n) == phonenumbers.PhoneNumberType.MOBILE, v
                mobile_prefixes.add(v[:3])
            elif t == "landline":
                digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", text[s["start"]:s["end"]]))
                assert ("0" + digits[2:] if s["form"] == "+86" else digits) == v, (digits, v)
                # the number without its extension is a valid fixed line
                area_local = next(a + v[len(a):len(a) + n] for a, n in _area_codes() if v.startswith(a))
                num = phonenumbers.parse(area_local, "CN")
                assert phonenumbers.is_valid_number(num), area_local
                assert phonenumbers.number_type(num) in (phonenumbers.PhoneNumberType.FIXED_LINE,
                                                         phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
            elif t == "passport":
                assert folded == v and re.fullmatch(r"E\d{8}|E[A-HJ-NP-Z]\d{7}|G\d{8}|[DSP]E\d{7}", v), v
            elif t == "travel_permit":
                assert folded == v and re.fullmatch(r"[HM]\d{8}(\d{2})?|C[0-9A-HJ-NP-Z]\d{7}|L\d{8}|\d{8}(\d{2})?", v), v
            elif t == "email":
                assert re.fullmatch(r"[a-z0-9._]+@[a-z0-9.-]+\.[a-z]{2,}", v), v
                assert unicodedata.normalize("NFKC", text[s["start"]:s["end"]]).lower() == v
            elif t == "licence_plate":
                assert re.fullmatch(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z]"
                                    r"(?:[A-HJ-NP-Z0-9]{5}|[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF]|\d{4}[学警挂])", v), v
            elif t == "social_account":
                if sub == "qq":
                    assert re.fullmatch(r"[1-9]\d{4,10}", v)
                else:
                    assert re.fullmatch(r"[A-Za-z][-_A-Za-z0-9]{5,19}", v), v
    # every current mobile range is present
    for p in ["130", "135", "139", "145", "147", "150", "158", "162", "166", "170", "173", "177", "180", "189",
              "190", "191", "192", "193", "195", "196", "197", "198", "199"]:
        assert p in mobile_prefixes, p


def _area_codes():
    return _load_generator().AREA_CODES


def test_hard_negatives_are_negative(records):
    for r in records:
        for n in r["negatives"]:
            piece = r["text"][n["start"]:n["end"]]
            if n["kind"] == "bad_luhn16":
                assert re.fullmatch(r"\d{16}", piece) and not _luhn(piece)
            elif n["kind"] == "bad_id18":
                assert re.fullmatch(r"\d{17}[\dX]", piece) and not _id_ok(piece, lambda x: True)
            elif n["kind"] == "vin_bad":
                assert not _vin_ok(piece)
            elif n["kind"] == "uscc":
                assert _uscc_ok(piece), piece
            elif n["kind"] == "masked":
                assert "*" in piece and n["allow_info"]


def test_optional_stdnum_agrees(records):
    ric = pytest.importorskip("stdnum.cn.ric")
    luhn = pytest.importorskip("stdnum.luhn")
    n = 0
    for r in records:
        for s in r["spans"]:
            if s["type"] == "id_card" and s["subtype"] == "id18":
                try:
                    assert ric.is_valid(s["value"]), s["value"]
                except KeyError:  # python-stdnum 2.2 raises on some region codes (DESIGN.md)
                    pass
                n += 1
            elif s["type"] == "bank_card":
                assert luhn.is_valid(s["value"])
    assert n > 100


def test_deterministic_and_stored_copy_current(gen, records):
    again = gen.dumps(gen.generate())
    assert again == gen.dumps(records)
    assert gen.dumps(gen.generate(seed=4)) != again
    stored = gen.DEFAULT_OUT
    if stored.exists():
        assert stored.read_text(encoding="utf-8") == again, \
            "benchmarks/data/pii_labelled.jsonl is stale: run python benchmarks/pii_dataset.py"
    lines = again.splitlines()
    assert all(json.loads(line)["text"] for line in lines)
