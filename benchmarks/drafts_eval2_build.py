#!/usr/bin/env python3
"""Build benchmarks/data/drafts_eval2.jsonl: a second, wholly blind set of realistic county drafts.

Written by hand (helper h15f, 2026-12-07) without reading the scanner's code, lexicons or tests, the
disguise docs, or any text of the first drafts set (benchmarks/drafts_eval_texts.py). Sources: SPEC.md
(types, default severities, routing) and /work/shared/reference/ (identifier formats, secret markers,
the Xinhua list), as an editor knows the norms. Genres differ from the first set: Weibo posts with
#话题#, @mentions, emoji and //@ reposts; WeChat articles with 编者按 and captions; 公示/名单 as text
tables (tab or space separated, masked rows that must not alarm next to leaked rows); meeting notices
and 会议纪要; 留言回复; press-conference transcripts; tenders; HR; emergencies; cross-strait / HK-Macau /
foreign affairs; leaders' activities; IT notices; comment sections with disguised spam and threats.

Planted problems are marked inline in benchmarks/drafts_eval2_texts.py as ⟦type|text⟧; placeholders:
  {ID} a valid 18-digit resident ID (GB 11643 check digit), {IDY} one born 2008–2012 (students),
  {IDO} one born 1930–1942 (elderly), {IDM} masked 330724********1234, {IDM2} masked 3307**********1234,
  {PH} a mobile, {PHM} a masked mobile (139****6021), {BK} a Luhn-valid UnionPay card,
  {BKM} a masked card (6228 **** **** 1234), {VIN} a VIN with a valid check digit.
``expect`` = the most severe SPEC default severity of the gold types (info counts as pass).
Every record is split "heldout": the set is blind; bench_drafts.py reports it in counts only.

usage: python benchmarks/drafts_eval2_build.py  (rewrites benchmarks/data/drafts_eval2.jsonl)
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "drafts_eval2.jsonl"

#: SPEC.md section 1: type -> default severity.
SEVERITY = {
    "id_card": "block", "passport": "block", "travel_permit": "block", "bank_card": "block",
    "mobile_phone": "review", "landline": "info", "email": "review", "licence_plate": "review",
    "vin": "review", "social_account": "review", "address": "review",
    # person_name is gold only next to another leaked identifier of the same person: review (SPEC).
    "person_name": "review",
    "sensitive_personal_info": "block", "classification_mark": "block", "internal_marker": "block",
    "draft_marker": "review", "secret_topic": "review", "credential": "block", "bid_secret": "block",
    "trade_secret": "review", "political_term": "block", "key_term_misspelling": "block",
    "needs_quotes": "review", "banned_term": "review", "outdated_term": "review",
    "prohibited_content": "block", "advertising_absolute": "info",
}
RANK = {"pass": 0, "info": 0, "review": 1, "block": 2}
# Real county codes of Zhejiang (GB/T 2260), for realism of the generated IDs.
REGIONS = ["330724", "330702", "330703", "330723", "330726", "330727", "330781", "330782", "330783", "330784"]
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_check(body17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, W)) % 11]


def luhn_ok(num: str) -> bool:
    s = 0
    for i, c in enumerate(reversed(num)):
        d = int(c)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        s += d
    return s % 10 == 0


VIN_TR = {**{str(i): i for i in range(10)}, **dict(zip("ABCDEFGH", range(1, 9))),
          **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10)))}
VIN_W = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def vin_ok(v: str) -> bool:
    c = sum(VIN_TR[ch] * w for ch, w in zip(v, VIN_W)) % 11
    return v[8] == ("X" if c == 10 else str(c))


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def _id(self, lo: int, hi: int) -> str:
        r = self.r
        body = (r.choice(REGIONS) + str(r.randint(lo, hi)) + f"{r.randint(1, 12):02d}"
                + f"{r.randint(1, 28):02d}" + f"{r.randint(1, 999):03d}")
        return body + id_check(body)

    def id(self):
        return self._id(1958, 2001)

    def idy(self):
        return self._id(2008, 2012)

    def ido(self):
        return self._id(1930, 1942)

    def idm(self):
        i = self.id()
        return i[:6] + "*" * 8 + i[-4:]

    def idm2(self):
        i = self.id()
        return i[:4] + "*" * 10 + i[-4:]

    def ph(self):
        r = self.r
        return r.choice(["138", "139", "158", "159", "187", "177", "135", "152", "182", "189", "136", "195"]) + \
            "".join(str(r.randint(0, 9)) for _ in range(8))

    def phm(self):
        p = self.ph()
        return p[:3] + "****" + p[-4:]

    def bk(self):
        r = self.r
        while True:
            n = r.choice(["622848", "621799", "623058", "622908", "621700"]) + "".join(
                str(r.randint(0, 9)) for _ in range(13))
            if luhn_ok(n):
                return n

    def bkm(self):
        n = self.bk()
        return n[:4] + " **** **** " + n[-4:]

    def vin(self):
        r = self.r
        al = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
        v = list("LGX" + "".join(r.choice(al) for _ in range(5)) + "0" + "P" + r.choice(al)
                 + "".join(str(r.randint(0, 9)) for _ in range(6)))
        c = sum(VIN_TR[ch] * w for ch, w in zip(v, VIN_W)) % 11
        v[8] = "X" if c == 10 else str(c)
        return "".join(v)

    def fill(self, s: str) -> str:
        return re.sub(r"\{(IDM2|IDM|IDY|IDO|ID|PHM|PH|BKM|BK|VIN)\}", lambda m: getattr(self, m.group(1).lower())(), s)


MARK = re.compile(r"⟦([a-z_]+)\|(.*?)⟧", re.S)


def parse(raw: str, g: Gen):
    raw = g.fill(raw.strip())
    text, gold, pos, last = [], [], 0, 0
    for m in MARK.finditer(raw):
        pre = raw[last:m.start()]
        text.append(pre)
        pos += len(pre)
        span = m.group(2)
        gold.append([pos, pos + len(span), m.group(1)])
        text.append(span)
        pos += len(span)
        last = m.end()
    text.append(raw[last:])
    out = "".join(text)
    for (s, e, _), m in zip(gold, MARK.finditer(raw)):
        assert out[s:e] == m.group(2)
    return out, gold


def build(drafts):
    g = Gen(20261207_15)
    out, seen = [], set()
    for rid, note, raw, *over in drafts:
        assert rid not in seen, rid
        seen.add(rid)
        text, gold = parse(raw, g)
        assert "⟦" not in text and "⟧" not in text and "{" not in text, rid
        for s, e, t in gold:
            assert t in SEVERITY, (rid, t)
            assert text[s:e] and text[s:e].strip() == text[s:e], (rid, text[s:e])
        expect = "pass"
        for _, _, t in gold:
            if RANK[SEVERITY[t]] > RANK[expect]:
                expect = SEVERITY[t]
        if expect == "info":
            expect = "pass"
        if over:
            expect = over[0]
        out.append({"id": rid, "text": text, "expect": expect, "gold": gold, "note": note, "split": "heldout"})
    return out


def main():
    sys.path.insert(0, str(HERE))
    from drafts_eval2_texts import DRAFTS
    recs = build(DRAFTS)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    n_pos = sum(1 for r in recs if r["gold"])
    print(f"{len(recs)} drafts ({n_pos} with problems, {len(recs) - n_pos} negatives, "
          f"{sum(len(r['gold']) for r in recs)} gold spans) -> {OUT}")


if __name__ == "__main__":
    main()
