#!/usr/bin/env python3
"""Side-by-side benchmark of multi-pattern matchers on real Chinese text.

Compares, in one run and on the same data:

* daachorse      ``CharwiseDoubleArrayAhoCorasick(patterns).find_overlapping(text)``
* pyahocorasick  ``ahocorasick.Automaton(STORE_INTS)`` add_word / make_automaton / iter
* flashtext      ``KeywordProcessor().extract_keywords(text, span_info=True)``
  (non-overlapping longest matches only, lower-cases text and keywords, ASCII
  word-boundary rules: a different result set, counted separately)
* daachorse-LL   ``CharwiseDoubleArrayAhoCorasick(patterns,
  match_kind=MATCH_KIND_LEFTMOST_LONGEST).find(text)``: the non-overlapping
  leftmost-longest daachorse mode, as the like-for-like baseline for flashtext

Texts: news items of 新闻联播, government work reports, CPC congress reports and
State Council policies from ``../shared/data`` (``--data``), shuffled with a
fixed seed and capped at ``--limit-mb`` MB of UTF-8.  Lexicons: union of three
public sensitive-word lists (houbb, konsheng, observerss), plus deterministic
random subsets of 1k and 10k terms.

For every lexicon size and matcher, a fresh forked child process builds the
matcher and measures: build time, RSS growth of the process across the build
(psutil, after gc + malloc_trim), peak RSS during the build (Linux VmHWM),
serialized size and load time, throughput (median of ``--reps`` full passes
over the text set) and the number of matches.  daachorse and pyahocorasick are
checked against a brute-force reference on a sample of documents: the sets of
(doc, start, end, pattern) must be equal.

Usage:  .venv/bin/python benchmarks/bench_matchers.py [--data DIR] [--limit-mb 4]
        [--sizes 1000,10000,all] [--reps 5] [--json results.json]
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import multiprocessing as mp
import os
import pickle
import platform
import random
import statistics
import sys
import tempfile
import time
import traceback
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"

TEXT_SOURCES = [
    ("corpus-xwlb-cctv/xwlb_items_2022_2024.jsonl", "text"),
    ("corpus-gov-work-reports/government_work_reports.jsonl", "content"),
    ("corpus-gov-work-reports/cpc_congress_reports.jsonl", "content"),
    ("corpus-govcn-policies-2019/govcn_policies_2019.jsonl", "text"),
]
LEXICON_FILES = [
    "sensitive-word-houbb/dict_v20240407.txt",
    "sensitive-lexicon-konsheng/ALL_merged_dedup.txt",
    "textfilter-observerss/keywords.txt",
]
ALL_MATCHERS = ["daachorse", "pyahocorasick", "flashtext", "daachorse-LL"]
# matchers that must report every overlapping occurrence (checked for equality)
OVERLAPPING = {"daachorse", "pyahocorasick"}

try:
    import psutil  # type: ignore
except ImportError:  # pragma: no cover - optional
    psutil = None


# --------------------------------------------------------------------------- data

def load_texts(data: Path, limit_mb: float, seed: int):
    docs = []  # (source, text)
    for rel, field in TEXT_SOURCES:
        with open(data / rel, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    t = json.loads(line).get(field) or ""
                    if t:
                        docs.append((rel.split("/")[0], t))
    random.Random(seed).shuffle(docs)
    limit = limit_mb * 1e6 if limit_mb and limit_mb > 0 else float("inf")
    picked, nbytes = [], 0
    for src, t in docs:
        if nbytes >= limit:
            break
        picked.append((src, t))
        nbytes += len(t.encode("utf-8"))
    return picked, nbytes, len(docs)


def load_lexicon(data: Path):
    terms, dropped_ctrl = set(), 0
    for rel in LEXICON_FILES:
        with open(data / rel, encoding="utf-8") as f:
            for line in f:
                t = line.strip()
                if not t:
                    continue
                if any(unicodedata.category(c) == "Cc" for c in t):
                    dropped_ctrl += 1
                    continue
                terms.add(t)
    return sorted(terms), dropped_ctrl


# ---------------------------------------------------------------------- reference

def reference_matches(docs, terms):
    """Brute force: (doc, s, e, pid) for every substring doc[s:e] that is a term.

    For each term length L present in the lexicon, every length-L window of every
    document is looked up in the set of length-L terms.  Independent of any
    automaton; O(len(text) * number of distinct term lengths).
    """
    by_len = {}
    for pid, t in enumerate(terms):
        by_len.setdefault(len(t), {})[t] = pid
    out = set()
    for d, text in enumerate(docs):
        n = len(text)
        for L, table in by_len.items():
            if L > n:
                continue
            get = table.get
            for s in range(n - L + 1):
                pid = get(text[s:s + L])
                if pid is not None:
                    out.add((d, s, s + L, pid))
    return out


# ----------------------------------------------------------------------- matchers

class Daachorse:
    name = "daachorse"
    ser_kind = "serialize()"

    def build(self, terms):
        import daachorse
        self.m = daachorse.CharwiseDoubleArrayAhoCorasick(terms)
        self.find_all = self.m.find_overlapping  # [(start, end, pid)], code points

    def save(self, path):
        b = self.m.serialize()
        Path(path).write_bytes(b)
        return len(b)

    def load(self, path):
        import daachorse
        other = Daachorse.__new__(Daachorse)
        other.m = daachorse.CharwiseDoubleArrayAhoCorasick.deserialize(Path(path).read_bytes())
        other.find_all = other.m.find_overlapping
        return other


class DaachorseLL(Daachorse):
    name = "daachorse-LL"

    def build(self, terms):
        import daachorse
        self.m = daachorse.CharwiseDoubleArrayAhoCorasick(
            terms, match_kind=daachorse.MATCH_KIND_LEFTMOST_LONGEST)
        self.find_all = self.m.find  # non-overlapping leftmost-longest

    def load(self, path):
        other = super().load(path)
        other.find_all = other.m.find
        return other


class PyAhoCorasick:
    name = "pyahocorasick"
    ser_kind = "save()/load()"

    def build(self, terms):
        import ahocorasick
        a = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        add = a.add_word
        for pid, t in enumerate(terms):
            add(t, pid)
        a.make_automaton()
        self.a = a
        self.lens = [len(t) for t in terms]
        self._bind()

    def _bind(self):
        it, lens = self.a.iter, self.lens

        def find_all(text):  # iter() yields (end_index_inclusive, value)
            return [(e - lens[p] + 1, e + 1, p) for e, p in it(text)]
        self.find_all = find_all

    def save(self, path):
        self.a.save(str(path))  # STORE_INTS: no serializer needed
        Path(str(path) + ".lens").write_bytes(pickle.dumps(self.lens, protocol=pickle.HIGHEST_PROTOCOL))
        return os.path.getsize(path) + os.path.getsize(str(path) + ".lens")

    def load(self, path):
        import ahocorasick
        other = PyAhoCorasick.__new__(PyAhoCorasick)
        other.a = ahocorasick.load(str(path), pickle.loads)
        other.lens = pickle.loads(Path(str(path) + ".lens").read_bytes())
        other._bind()
        return other


class FlashText:
    name = "flashtext"
    ser_kind = "pickle"

    def build(self, terms):
        from flashtext import KeywordProcessor
        kp = KeywordProcessor()  # default case_sensitive=False: lower-cases everything
        add = kp.add_keyword
        for t in terms:
            add(t)  # clean_name = the term itself (0 would be falsy as an id)
        self.kp = kp
        self.pid = {t: i for i, t in enumerate(terms)}
        self._bind()

    def _bind(self):
        ex, pid = self.kp.extract_keywords, self.pid

        def find_all(text):  # [(clean_name, start, end)] -> (start, end, pid)
            return [(s, e, pid[k]) for k, s, e in ex(text, span_info=True)]
        self.find_all = find_all

    def save(self, path):
        b = pickle.dumps((self.kp, self.pid), protocol=pickle.HIGHEST_PROTOCOL)
        Path(path).write_bytes(b)
        return len(b)

    def load(self, path):
        other = FlashText.__new__(FlashText)
        other.kp, other.pid = pickle.loads(Path(path).read_bytes())
        other._bind()
        return other


MATCHERS = {c.name: c for c in (Daachorse, PyAhoCorasick, FlashText, DaachorseLL)}


# ------------------------------------------------------------------------ memory

def _malloc_trim():
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except Exception:
        pass


def rss_bytes():
    if psutil is not None:
        return psutil.Process().memory_info().rss
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except Exception:
        return None


def reset_peak():
    """Reset VmHWM (Linux >= 4.0); returns True if the peak can be read afterwards."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except Exception:
        return False


def peak_rss_bytes():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except Exception:
        pass
    return None


def settle():
    gc.collect()
    _malloc_trim()


# ------------------------------------------------------------------ measurement

# Set by main() before forking; children inherit them.
G = {}


def measure(mname, size_label):
    terms = G["lexicons"][size_label]
    texts = G["texts"]
    sample = G["sample"]
    ref = G["refs"][size_label]
    reps = G["reps"]
    res = {"lexicon": size_label, "terms": len(terms), "matcher": mname}

    settle()
    rss0 = rss_bytes()
    can_peak = reset_peak()
    t0 = time.perf_counter()
    m = MATCHERS[mname]()
    m.build(terms)
    res["build_s"] = time.perf_counter() - t0
    peak = peak_rss_bytes() if can_peak else None
    settle()
    rss1 = rss_bytes()
    res["mem_mb"] = (rss1 - rss0) / 1e6 if rss0 is not None and rss1 is not None else None
    res["peak_mb"] = (peak - rss0) / 1e6 if peak is not None and rss0 is not None else None

    # correctness on the sample
    got = {(d, s, e, p) for d, t in enumerate(sample) for s, e, p in m.find_all(t)}
    res["sample_matches"] = len(got)
    res["sample_ref"] = len(ref)
    if mname in OVERLAPPING:
        diff = got ^ ref
        res["agree"] = not diff
        res["disagree_n"] = len(diff)
        res["disagree_examples"] = [
            {"doc": d, "start": s, "end": e, "pattern": terms[p],
             "side": "matcher-only" if (d, s, e, p) in got else "reference-only"}
            for d, s, e, p in sorted(diff)[:5]]
    else:
        res["agree"] = None
        res["sample_in_ref"] = len(got & ref)   # its matches that are real occurrences
        res["sample_not_in_ref"] = len(got - ref)  # e.g. matched after lower-casing

    # throughput: warm-up pass counts matches, then `reps` timed full passes
    find_all = m.find_all
    res["matches"] = sum(len(find_all(t)) for t in texts)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for t in texts:
            find_all(t)
        times.append(time.perf_counter() - t0)
    res["times_s"] = times
    res["mbps"] = G["text_bytes"] / 1e6 / statistics.median(times)
    res["spread_pct"] = 100 * (max(times) - min(times)) / statistics.median(times)

    # serialization + load (file is in the OS page cache: "load", not a cold-disk read)
    with tempfile.TemporaryDirectory(prefix="bench_matchers_") as tmp:
        path = os.path.join(tmp, "automaton.bin")
        t0 = time.perf_counter()
        res["ser_bytes"] = m.save(path)
        res["save_s"] = time.perf_counter() - t0
        res["ser_kind"] = m.ser_kind
        del m, find_all
        settle()
        loads = []
        for i in range(3):
            t0 = time.perf_counter()
            m2 = MATCHERS[mname]().load(path)
            loads.append(time.perf_counter() - t0)
            if i == 0:
                again = {(d, s, e, p) for d, t in enumerate(sample) for s, e, p in m2.find_all(t)}
                res["load_roundtrip_ok"] = again == got
            del m2
            settle()
        res["load_s"] = statistics.median(loads)
    return res


def _child(conn, mname, size_label):
    try:
        conn.send(measure(mname, size_label))
    except BaseException as e:  # report, never hang the parent
        conn.send({"matcher": mname, "lexicon": size_label,
                   "error": f"{type(e).__name__}: {e}", "trace": traceback.format_exc()})
    finally:
        conn.close()


def run_isolated(mname, size_label, in_process):
    if in_process:
        return measure(mname, size_label)
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_child, args=(send, mname, size_label))
    p.start()
    send.close()
    try:
        res = recv.recv()
    except EOFError:
        res = {"matcher": mname, "lexicon": size_label, "error": f"child died (exit {p.exitcode})"}
    p.join()
    if p.exitcode not in (0, None) and "error" not in res:
        res["error"] = f"child exit {p.exitcode}"
    return res


# ------------------------------------------------------------------- self-test

def offset_selftest():
    """Code-point offsets with non-BMP and mixed-width characters."""
    terms = ["国家", "家人", "😀国", "𠀀中", "aa", "é国"]
    text = "x😀国家人𠀀中aaa é国"
    ref = {(0, s, e, p) for (_, s, e, p) in reference_matches([text], terms)}
    out = {}
    for name in ("daachorse", "pyahocorasick"):
        m = MATCHERS[name]()
        m.build(terms)
        got = {(0, s, e, p) for s, e, p in m.find_all(text)}
        out[name] = got == ref
    return out


# ------------------------------------------------------------------------ output

def fmt(v, spec):
    return "n/a" if v is None else format(v, spec)


def print_table(results):
    cols = [("lexicon", "<"), ("terms", ">"), ("matcher", "<"), ("build s", ">"),
            ("mem MB", ">"), ("peak MB", ">"), ("ser MB", ">"), ("load s", ">"),
            ("MB/s", ">"), ("spread", ">"), ("matches", ">"), ("check", "<")]
    rows = []
    for r in results:
        if "error" in r:
            rows.append([r["lexicon"], "", r["matcher"], "", "", "", "", "", "", "", "",
                         "ERROR " + r["error"]])
            continue
        if r["agree"] is True:
            check = "agree"
        elif r["agree"] is False:
            check = f"DISAGREE {r['disagree_n']}"
        else:
            check = (f"non-overlapping: {r['sample_in_ref']}/{r['sample_ref']} ref hits, "
                     f"{r['sample_not_in_ref']} not in ref")
        if not r.get("load_roundtrip_ok", True):
            check += " (LOAD ROUNDTRIP DIFFERS)"
        rows.append([r["lexicon"], str(r["terms"]), r["matcher"], fmt(r["build_s"], ".3f"),
                     fmt(r["mem_mb"], ".1f"), fmt(r["peak_mb"], ".1f"),
                     fmt(r["ser_bytes"] / 1e6, ".2f"), fmt(r["load_s"], ".4f"),
                     fmt(r["mbps"], ".1f"), fmt(r["spread_pct"], ".0f") + "%",
                     str(r["matches"]), check])
    widths = [max(len(c[0]), *(len(row[i]) for row in rows)) for i, c in enumerate(cols)]
    line = lambda vals: "  ".join(format(v, a + str(w)) for v, (_, a), w in zip(vals, cols, widths)).rstrip()
    print(line([c[0] for c in cols]))
    print("  ".join("-" * w for w in widths))
    prev = None
    for row in rows:
        if prev is not None and row[0] != prev:
            print()
        prev = row[0]
        print(line(row))


def versions():
    out = {"python": platform.python_version()}
    for dist in ("daachorse", "pyahocorasick", "flashtext", "psutil"):
        try:
            from importlib.metadata import version
            out[dist] = version(dist)
        except Exception:
            out[dist] = None
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except Exception:
        pass
    out["cpu"] = cpu
    out["cpus"] = os.cpu_count()
    return out


# -------------------------------------------------------------------------- main

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help=f"shared data directory (default: {DEFAULT_DATA})")
    ap.add_argument("--limit-mb", type=float, default=4.0,
                    help="cap on the UTF-8 volume of the text set in MB (0 = all; default 4)")
    ap.add_argument("--sizes", default="1000,10000,all",
                    help="lexicon sizes, comma-separated integers or 'all' (default 1000,10000,all)")
    ap.add_argument("--matchers", default=",".join(ALL_MATCHERS),
                    help=f"comma-separated subset of {','.join(ALL_MATCHERS)}")
    ap.add_argument("--reps", type=int, default=5, help="timed passes over the text set (default 5)")
    ap.add_argument("--sample-docs", type=int, default=200,
                    help="documents in the brute-force correctness sample (default 200)")
    ap.add_argument("--seed", type=int, default=20240407, help="seed for shuffles and subsets")
    ap.add_argument("--in-process", action="store_true",
                    help="do not fork a child per measurement (memory numbers become unreliable)")
    ap.add_argument("--json", type=Path, help="also write all results to this JSON file")
    args = ap.parse_args(argv)

    data = args.data
    missing = [r for r, _ in TEXT_SOURCES if not (data / r).is_file()] + \
              [r for r in LEXICON_FILES if not (data / r).is_file()]
    if missing:
        sys.exit(f"bench_matchers: data not found under {data} (missing: {', '.join(missing)}).\n"
                 f"Pass --data DIR pointing at the shared data directory.")
    matchers = [m.strip() for m in args.matchers.split(",") if m.strip()]
    bad = [m for m in matchers if m not in MATCHERS]
    if bad:
        sys.exit(f"bench_matchers: unknown matcher(s) {bad}; choose from {ALL_MATCHERS}")
    if not args.in_process and "fork" not in mp.get_all_start_methods():
        print("note: fork not available, measuring in-process", file=sys.stderr)
        args.in_process = True

    docs, text_bytes, ndocs_all = load_texts(data, args.limit_mb, args.seed)
    texts = [t for _, t in docs]
    comp = {}
    for src, t in docs:
        c = comp.setdefault(src, [0, 0])
        c[0] += 1
        c[1] += len(t.encode("utf-8"))
    all_terms, dropped = load_lexicon(data)

    lexicons = {}
    for tok in args.sizes.split(","):
        tok = tok.strip()
        if not tok:
            continue
        if tok == "all" or int(tok) >= len(all_terms):
            lexicons["all"] = all_terms
        else:
            k = int(tok)
            sub = random.Random(args.seed).sample(all_terms, k)  # all_terms is sorted
            lexicons[f"{k // 1000}k" if k % 1000 == 0 else str(k)] = sub

    rng = random.Random(args.seed + 1)
    sample = rng.sample(texts, min(args.sample_docs, len(texts)))

    info = versions()
    print(f"bench_matchers  python {info['python']}  daachorse {info['daachorse']}  "
          f"pyahocorasick {info['pyahocorasick']}  flashtext {info['flashtext']}  "
          f"psutil {info['psutil']}")
    print(f"cpu: {info['cpu']} x{info['cpus']}")
    print(f"texts: {len(texts)} of {ndocs_all} documents, {text_bytes / 1e6:.2f} MB UTF-8, "
          f"{sum(map(len, texts)) / 1e6:.2f} M chars (shuffled, seed {args.seed}, --limit-mb {args.limit_mb:g})")
    for src, (n, b) in sorted(comp.items()):
        print(f"  {src:28s} {n:6d} docs {b / 1e6:6.2f} MB")
    print(f"lexicon: {len(all_terms)} unique terms from {len(LEXICON_FILES)} public lists "
          f"({dropped} lines with control chars dropped); sizes: "
          + ", ".join(f"{k}={len(v)}" for k, v in lexicons.items()))
    print(f"correctness sample: {len(sample)} documents, {sum(map(len, sample))} chars")

    st = offset_selftest()
    print("code-point offsets (non-BMP self-test): "
          + ", ".join(f"{k} {'ok' if v else 'WRONG'}" for k, v in st.items()))

    refs = {}
    for label, terms in lexicons.items():
        t0 = time.perf_counter()
        refs[label] = reference_matches(sample, terms)
        print(f"reference {label}: {len(refs[label])} occurrences in sample "
              f"({time.perf_counter() - t0:.1f}s brute force)")
    sys.stdout.flush()

    G.update(lexicons=lexicons, texts=texts, sample=sample, refs=refs,
             reps=args.reps, text_bytes=text_bytes)

    results = []
    for label in lexicons:
        for mname in matchers:
            r = run_isolated(mname, label, args.in_process)
            results.append(r)
            if "error" in r:
                print(f"  {label} {mname}: ERROR {r['error']}", file=sys.stderr)
                if r.get("trace"):
                    print(r["trace"], file=sys.stderr)
            else:
                print(f"  done {label:>4} {mname:14s} {r['mbps']:8.1f} MB/s", file=sys.stderr)
                sys.stderr.flush()

    print()
    print(f"throughput = UTF-8 MB (10^6 bytes) / median of {args.reps} timed passes over all "
          f"{len(texts)} documents (one call per document, results materialised as "
          f"(start, end, pattern_id) lists); spread = (max - min) / median of the timed passes")
    print("mem = RSS growth across the build (psutil, after gc + malloc_trim, fresh forked child); "
          "peak = VmHWM growth during the build; ser = serialized size; load = read file + "
          "deserialize, median of 3, file in page cache")
    print("check = exact set equality of (doc, start, end, pattern) with the brute-force reference "
          "on the sample; flashtext and daachorse-LL return non-overlapping leftmost-longest "
          "matches only (flashtext also lower-cases and applies ASCII word boundaries)")
    print()
    print_table(results)

    print()
    for r in results:
        if r.get("agree") is False:
            print(f"{r['lexicon']} {r['matcher']}: DISAGREE {r['disagree_n']}, e.g.")
            for ex in r["disagree_examples"]:
                print("   ", ex)
    for label in lexicons:
        print(f"agreement {label}: " + ", ".join(
            f"{r['matcher']} {'agree' if r['agree'] else 'DISAGREE %d' % r['disagree_n']}"
            for r in results if r["lexicon"] == label and r.get("agree") is not None))

    if args.json:
        out = {"command": " ".join([os.path.basename(sys.executable)] + sys.argv),
               "env": info, "args": {k: str(v) for k, v in vars(args).items()},
               "texts": {"docs": len(texts), "bytes": text_bytes, "chars": sum(map(len, texts)),
                         "composition": comp},
               "lexicon_sizes": {k: len(v) for k, v in lexicons.items()},
               "sample_docs": len(sample), "offset_selftest": st, "results": results}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
