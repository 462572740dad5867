#!/usr/bin/env python3
"""Build benchmarks/data/drafts_eval.jsonl: realistic county-government drafts, routed.

Written by hand (helper h14a, 2026-12-07) BEFORE reading the scanner's rules or lexicons. Each draft
is a whole post in the style of a county WeChat/Weibo/website account. Planted problems are marked
inline as ⟦type|text⟧; placeholders inside are filled deterministically:
  {ID}  a valid 18-digit resident ID (GB 11643 check digit), {IDY} one born 2004–2010,  {IDM} a masked ID (3301**********1234)
  {PH}  a mobile number,  {PHM} a masked mobile (138****5678),  {BK} a Luhn-valid UnionPay card.
``expect`` is the most severe SPEC default severity of the gold types (block > review > pass),
unless a record overrides it. ``split`` = dev if int(sha256(id)) is even, else heldout.

usage: python benchmarks/drafts_eval_build.py  (rewrites benchmarks/data/drafts_eval.jsonl)
"""
from __future__ import annotations

import hashlib
import json
import random
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "drafts_eval.jsonl"

SEVERITY = {
    "id_card": "block", "passport": "block", "travel_permit": "block", "bank_card": "block",
    "mobile_phone": "review", "landline": "info", "email": "review", "licence_plate": "review",
    "vin": "review", "social_account": "review", "address": "review", "person_name": "review",
    "sensitive_personal_info": "block", "classification_mark": "block", "internal_marker": "block",
    "draft_marker": "review", "secret_topic": "review", "credential": "block", "bid_secret": "block",
    "trade_secret": "review", "political_term": "block", "key_term_misspelling": "block",
    "needs_quotes": "review", "banned_term": "review", "outdated_term": "review",
    "prohibited_content": "block", "advertising_absolute": "info",
}
RANK = {"pass": 0, "info": 0, "review": 1, "block": 2}

REGIONS = ["330106", "330110", "330183", "320106", "420111", "510107", "610113", "370102",
           "341124", "360124", "430181", "440305", "350203", "410102", "130102", "500103",
           "331081", "362502", "421122", "522601"]
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_check(body17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(body17, W)) % 11]


def luhn_ok(num: str) -> bool:
    s = 0
    for i, c in enumerate(reversed(num)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            d = d - 9 if d > 9 else d
        s += d
    return s % 10 == 0


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def id(self, lo: int = 1955, hi: int = 2004) -> str:
        r = self.r
        body = (r.choice(REGIONS) + str(r.randint(lo, hi)) + f"{r.randint(1, 12):02d}"
                + f"{r.randint(1, 28):02d}" + f"{r.randint(1, 999):03d}")
        return body + id_check(body)

    def idy(self) -> str:
        """A young person's ID (born 2004–2010): students, conscripts."""
        return self.id(2004, 2010)

    def idm(self) -> str:
        i = self.id()
        return i[:4] + "*" * 10 + i[-4:]

    def ph(self) -> str:
        r = self.r
        return r.choice(["138", "139", "158", "159", "186", "187", "177", "199", "135", "152", "182",
                         "153", "189", "136"]) + "".join(str(r.randint(0, 9)) for _ in range(8))

    def phm(self) -> str:
        p = self.ph()
        return p[:3] + "****" + p[-4:]

    def bk(self) -> str:
        r = self.r
        while True:
            n = r.choice(["622202", "622848", "621700", "622700", "621799", "622908"]) + "".join(
                str(r.randint(0, 9)) for _ in range(13))
            if luhn_ok(n):
                return n

    def vin(self) -> str:
        r = self.r
        al = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
        tr = {**{str(i): i for i in range(10)}, **dict(zip("ABCDEFGH", range(1, 9))),
              **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9, **dict(zip("STUVWXYZ", range(2, 10)))}
        wts = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
        v = list("LSV" + "".join(r.choice(al) for _ in range(5)) + "0" + "N" + r.choice(al)
                 + "".join(str(r.randint(0, 9)) for _ in range(6)))
        c = sum(tr[ch] * w for ch, w in zip(v, wts)) % 11
        v[8] = "X" if c == 10 else str(c)
        return "".join(v)

    def fill(self, s: str) -> str:
        return re.sub(r"\{(IDM|IDY|ID|PHM|PH|BK|VIN)\}", lambda m: getattr(self, m.group(1).lower())(), s)


#: Closing lines of county accounts, appended (deterministically) to drafts shorter than 80
#: characters so that every draft reads as a whole post; none carries a problem.
FOOTERS = [
    "来源：青山县融媒体中心\n编辑：小青 | 审核：县委宣传部",
    "青山发布 | 权威发布 · 服务群众",
    "本文来源：青山县人民政府门户网站。转载请注明出处。",
    "更多资讯，请关注“青山发布”微信公众号、微博。",
    "（记者 融媒体中心 通讯员 县委办）",
    "点击下方“阅读原文”，查看更多详情。",
    "欢迎广大群众关注、转发，共同营造良好氛围。",
    "下一步，相关部门将持续跟进，确保各项工作落到实处。",
    "来源：县委宣传部 | 责任编辑：青小编",
    "版权声明：本号原创内容，未经授权不得转载。",
    "记者手记：变化就在身边，发展看得见、摸得着。",
    "青山县融媒体中心出品，欢迎留言互动。",
]
MARK = re.compile(r"⟦([a-z_]+)\|(.*?)⟧", re.S)


def parse(raw: str, g: Gen):
    raw = g.fill(raw.strip())
    text, gold, pos = [], [], 0
    last = 0
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
    return "".join(text), gold


def split_of(rid: str) -> str:
    return "dev" if int(hashlib.sha256(rid.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "heldout"


def build(drafts):
    g = Gen(20261207)
    out = []
    seen = set()
    for rid, note, raw, *over in drafts:
        assert rid not in seen, rid
        seen.add(rid)
        text, gold = parse(raw, g)
        k = int(hashlib.sha256(rid.encode("utf-8")).hexdigest(), 16)
        while len(text) < 80:
            text += "\n" + FOOTERS[k % len(FOOTERS)]
            k //= len(FOOTERS)
        assert "⟦" not in text and "⟧" not in text, rid
        for s, e, t in gold:
            assert t in SEVERITY, (rid, t)
        expect = "pass"
        for _, _, t in gold:
            sev = SEVERITY[t]
            if RANK[sev] > RANK[expect]:
                expect = sev
        if expect == "info":
            expect = "pass"
        if over:
            expect = over[0]
        out.append({"id": rid, "text": text, "expect": expect, "gold": gold, "note": note,
                    "split": split_of(rid)})
    return out


def main():
    from drafts_eval_texts import DRAFTS  # noqa: E402  (the hand-written drafts)
    recs = build(DRAFTS)
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    n_pos = sum(1 for r in recs if r["gold"])
    print(f"{len(recs)} drafts ({n_pos} with problems, {len(recs) - n_pos} negatives) -> {OUT}")


if __name__ == "__main__":
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
