#!/usr/bin/env python3
"""Scaling benchmark (issue 14, item 5): how the scanner's cost grows with the work.

Two axes, each printed as one table:

* **lexicon**: the bundled lexicons plus a generated county lexicon folder of N extra terms
  (default N = 0, 1k, 10k, 100k; ``--terms``). For each N, in fresh processes:
  - ``Scanner()`` build time with no compiled cache (``GOVSCAN_NO_CACHE=1``), cold (the folder's
    compiled lexicons absent: what the first start after a county edits its list pays, parse +
    expand + writing the cache file) and warm (cache present);
  - RSS after the warm build and the peak RSS of the cold build (VmRSS / VmHWM);
  - scan MB/s over a fixed sample of official texts (the same bytes for every N, scanned record by
    record), findings per MB, and those of the county lexicon per MB.
* **text**: the default scanner (bundled lexicons, every default detector) on texts of 1 KB … 10 MB
  (decimal, UTF-8 bytes), made by concatenating the official texts (fixed shuffle); time, MB/s and
  peak RSS growth of one ``scan`` call on the whole text, and of the same bytes scanned as
  2,000-character posts. Nothing is capped: a slow or huge single call shows in the table.

The county terms are real words of jieba's dictionary (2–8 CJK characters, seed ``--seed``),
without the bundled terms, and without words that occur anywhere in the official texts — except
one in ``1/--hit-share`` (default one in 1,000), taken from words that occur 1–5 times in them,
so a county list has some hits and the per-hit path is exercised. Every term has a `hit` example
(docs/LEXICONS.md asks for one per entry), so the folder costs what a lint-clean folder costs;
the smallest generated folder is checked with ``scanner lexicon lint`` in each run.

Every build and memory number comes from a fresh subprocess (this script with ``--child``), with
``GOVSCAN_CACHE_DIR`` set to a temporary folder (the user's own cache is never touched); rounds
alternate between the values of N so the machine's noise spreads over all of them. Medians are
over ``--repeat`` processes (more processes, and more scans per process, for the small texts).
Everything temporary is removed at the end.

usage: python benchmarks/bench_scaling.py [--data DIR] [--quick] [--terms 0,1000,...]
                                          [--sizes 1e3,...] [--repeat 3] [--json OUT]
"""
from __future__ import annotations

import argparse
import gc
import itertools
import json
import os
import platform
import random
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

DEFAULT_TERMS = (0, 1_000, 10_000, 100_000)
QUICK_TERMS = (0, 1_000, 10_000)
DEFAULT_SIZES = (1_000, 10_000, 100_000, 1_000_000, 10_000_000)
QUICK_SIZES = (1_000, 10_000, 100_000, 1_000_000)
POST_CHARS = 2_000
COUNTY_PREFIX = "county_bench."
MIB = 1024 * 1024

_EXAMPLE_TEMPLATES = (
    "县融媒体中心报道：{t}相关工作稳步推进。",
    "近日，镇政府召开会议，专题研究{t}有关事项。",
    "记者从县委宣传部获悉，{t}一事已引起关注。",
    "本报讯 {t}的情况通报如下。",
)


# ---------------------------------------------------------------------------- measurements in the child
def _status() -> dict[str, float]:
    """VmRSS and VmHWM of this process in MiB (from /proc; ru_maxrss where there is no /proc)."""
    out: dict[str, float] = {}
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    out[line[:5]] = int(line.split()[1]) / 1024
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out = {"VmRSS": peak, "VmHWM": peak}
    return out


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux ≥ 4.0); False when not possible."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _cache_files() -> set[str]:
    folder = os.environ.get("GOVSCAN_CACHE_DIR")
    return {p.name for p in Path(folder).glob("*.pickle")} if folder else set()


def child_build(spec: dict) -> dict:
    """Build a Scanner with the given lexicon folders; with a sample, scan it ``inner`` times."""
    t = time.perf_counter()
    from scanner import Scanner

    import_s = time.perf_counter() - t
    before = _cache_files()
    t = time.perf_counter()
    s = Scanner(lexicon_dirs=spec["dirs"])
    build_s = time.perf_counter() - t
    mem = _status()
    wrote = sorted(_cache_files() - before)
    res = {"import_s": import_s, "build_s": build_s, "rss_mib": mem["VmRSS"], "hwm_mib": mem["VmHWM"],
           "wrote": wrote, "terms": len(s._matcher)}
    if spec.get("sample"):
        docs = json.loads(Path(spec["sample"]).read_text(encoding="utf-8"))
        nbytes = sum(len(d.encode("utf-8")) for d in docs)
        s.scan(docs[0])
        times = []
        for _ in range(spec.get("inner", 3)):
            gc.collect()
            t = time.perf_counter()
            for d in docs:
                s.scan(d)
            times.append(time.perf_counter() - t)
        findings = county = 0
        for d in docs:
            for f in s.scan(d).findings:
                findings += 1
                county += f.rule.startswith(COUNTY_PREFIX)
        res.update(scan_s=statistics.median(times), sample_bytes=nbytes, findings=findings, county_findings=county)
    return res


def child_text(spec: dict) -> dict:
    """One text, scanned as one call or as 2,000-character posts: the first scan's time and peak
    RSS growth, then more scans for the time alone."""
    from scanner import Scanner

    s = Scanner()
    s.scan("台湾总统近日发表讲话，联系电话13812345678。")  # anything built on the first scan, not timed
    text = Path(spec["text"]).read_text(encoding="utf-8")
    items = [text] if spec["mode"] == "single" else [text[i:i + POST_CHARS] for i in range(0, len(text), POST_CHARS)]
    gc.collect()
    rss0 = _status()["VmRSS"]
    exact = _reset_peak()
    hwm0 = _status()["VmHWM"]
    t = time.perf_counter()
    findings = 0
    for x in items:
        findings += len(s.scan(x).findings)
    first = time.perf_counter() - t
    hwm = _status()["VmHWM"]
    times = [first]
    for _ in range(spec.get("inner", 1) - 1):
        gc.collect()
        t = time.perf_counter()
        for x in items:
            s.scan(x)
        times.append(time.perf_counter() - t)
    return {"first_s": first, "scan_s": statistics.median(times), "scans": len(times),
            "peak_growth_mib": max(0.0, hwm - rss0) if exact else max(0.0, hwm - hwm0),
            "exact_peak": exact, "rss_before_mib": rss0, "findings": findings, "items": len(items),
            "text_chars": len(text)}


def child_main(kind: str, spec_json: str) -> None:
    spec = json.loads(spec_json)
    out = child_build(spec) if kind == "build" else child_text(spec)
    print(json.dumps(out))


# ---------------------------------------------------------------------------- inputs
def official_stream(data: Path, seed: int) -> list[str] | None:
    """The official texts in a fixed shuffled order, or None when the data is absent."""
    from corpora import OFFICIAL_CORPORA, official_records

    if not all((data / rel).exists() for _, _, rel, _ in OFFICIAL_CORPORA):
        return None
    texts = [text for *_, text in official_records(data) if text.strip()]
    random.Random(seed).shuffle(texts)
    return texts


def synthetic_stream(seed: int, nbytes: int) -> list[str]:
    """Fallback when the official texts are absent: sentences of jieba dictionary words drawn by
    their frequency. Not official text: its hit rates mean little; the times and memory do."""
    from scanner.words import jieba_dict_path

    words, weights = [], []
    for line in jieba_dict_path().read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", parts[0]):
            words.append(parts[0])
            weights.append(int(parts[1]))
    cum = list(itertools.accumulate(weights))
    rng = random.Random(seed)
    docs, size = [], 0
    while size < nbytes:
        sents = []
        for _ in range(rng.randint(5, 40)):
            sents.append("".join(rng.choices(words, cum_weights=cum, k=rng.randint(4, 14))) + rng.choice("。。，；！？"))
        doc = "".join(sents)
        docs.append(doc)
        size += len(doc.encode("utf-8")) + 1
    return docs


def prefix_bytes(docs: list[str], nbytes: int) -> str:
    """The first ``nbytes`` UTF-8 bytes (at most; cut at a character) of the docs joined by newlines."""
    parts, size = [], 0
    for d in docs:
        parts.append(d)
        size += len(d.encode("utf-8")) + 1
        if size >= nbytes:
            break
    raw = "\n".join(parts).encode("utf-8")[:nbytes]
    return raw.decode("utf-8", errors="ignore")


def docs_prefix(docs: list[str], nbytes: int) -> list[str]:
    out, size = [], 0
    for d in docs:
        if size >= nbytes:
            break
        out.append(d)
        size += len(d.encode("utf-8"))
    return out


def county_words(docs: list[str] | None, n_max: int, seed: int, hit_share: float) -> tuple[list[str], dict]:
    """``n_max`` county terms (nested: the first N are the terms of size N) and how they were chosen."""
    import daachorse

    from scanner.lexicon import bundled_lexicon_dir, load_lexicons
    from scanner.normalize import build_views, dense, normalize
    from scanner.words import jieba_dict_path

    bundled = load_lexicons([bundled_lexicon_dir()], cache=False).entries
    bundled_keys = {e.key for e in bundled}
    allow_terms = [e.key for e in bundled if e.is_allow]
    cjk = re.compile(r"[\u4e00-\u9fff]{2,8}")
    cands = []
    for line in jieba_dict_path().read_text(encoding="utf-8").splitlines():
        w = line.split(" ", 1)[0]
        if cjk.fullmatch(w) and w not in bundled_keys and normalize(w) == w and dense(w) == w \
                and not any(w in a for a in allow_terms):
            cands.append(w)
    cands = sorted(set(cands))
    info = {"candidates": len(cands)}
    if docs is not None:
        pma = daachorse.CharwiseDoubleArrayAhoCorasick(cands)
        counts = [0] * len(cands)
        for d in docs:
            for _, _, i in pma.find_overlapping(build_views(d).dense):
                counts[i] += 1
        clean = [w for w, c in zip(cands, counts) if c == 0]
        rare = [w for w, c in zip(cands, counts) if 1 <= c <= 5]
    else:
        clean, rare = cands, []
    rng = random.Random(seed)
    rng.shuffle(clean)
    rng.shuffle(rare)
    every = round(1 / hit_share) if hit_share > 0 and rare else 0
    out, ci, ri = [], 0, 0
    for i in range(n_max):
        if every and i % every == every - 1 and ri < len(rare):
            out.append(rare[ri])
            ri += 1
        else:
            if ci >= len(clean):
                sys.exit(f"only {len(clean)} usable words for {n_max} county terms: lower --terms")
            out.append(clean[ci])
            ci += 1
    info.update(absent_from_texts=len(clean), rare_in_texts=len(rare), every=every)
    return out, info


def write_county_folder(folder: Path, terms: list[str], miss_text: str) -> None:
    folder.mkdir(parents=True)
    (folder / "manifest.toml").write_text(
        '# generated by benchmarks/bench_scaling.py: a county lexicon of real jieba words (not a real list)\n'
        'version = "bench.1"\n\n[[lexicon]]\nname = "county_bench"\nfile = "county.tsv"\n'
        'examples = "county.examples.tsv"\ncategory = "improper_wording"\nversion = "bench.1"\n'
        'source = "benchmarks/bench_scaling.py: generated words from jieba\'s dictionary"\nlicence = "CC0-1.0"\n',
        encoding="utf-8")
    rows = ["id\tterm\ttype\tseverity\tsuggestion\tbasis\tmessage\toptions\tnote"]
    ex = ["expect\trule\ttext"]
    for i, t in enumerate(terms):
        rid = f"{COUNTY_PREFIX}t{i:06d}"
        rows.append(f"{rid}\t{t}\tbanned_term\treview\t\t示例县自定词表(基准测试生成)\t\t\t")
        ex.append(f"hit\t{rid}\t{_EXAMPLE_TEMPLATES[i % len(_EXAMPLE_TEMPLATES)].format(t=t)}")
    ex.append(f"miss\t\t{miss_text}")
    (folder / "county.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (folder / "county.examples.tsv").write_text("\n".join(ex) + "\n", encoding="utf-8")


def miss_sentence(docs: list[str], terms: list[str]) -> str:
    """A sentence of the texts with none of the county terms in it (the folder's `miss` example)."""
    import daachorse

    from scanner.normalize import build_views

    pma = daachorse.CharwiseDoubleArrayAhoCorasick(terms)
    for d in docs:
        for sent in re.split(r"(?<=。)", d):
            sent = sent.strip()
            if 15 <= len(sent) <= 80 and "\t" not in sent and not pma.find(build_views(sent).dense):
                return sent
    return "今天天气晴朗。"


# ---------------------------------------------------------------------------- parent
class Runner:
    def __init__(self, cache_dir: Path, timeout: float):
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.commands: list[str] = []

    def run(self, kind: str, spec: dict, *, no_cache: bool = False) -> dict:
        env = dict(os.environ, GOVSCAN_CACHE_DIR=str(self.cache_dir), PYTHONHASHSEED="0")
        env.pop("GOVSCAN_NO_CACHE", None)
        if no_cache:
            env["GOVSCAN_NO_CACHE"] = "1"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, json.dumps(spec, ensure_ascii=False)]
        try:
            out = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=REPO, env=env, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"timeout after {self.timeout:.0f} s"}
        if out.returncode != 0:
            tail = (out.stderr or "").strip().splitlines()[-1:] or [f"exit {out.returncode}"]
            return {"error": f"exit {out.returncode}" + (" (killed: out of memory?)" if out.returncode < 0 else "") + f": {tail[0]}"}
        return json.loads(out.stdout.strip().splitlines()[-1])

    def drop_lexicon_cache(self) -> None:
        for p in self.cache_dir.glob("lexicons.*.pickle"):
            p.unlink()


def med(rows: list[dict], key: str) -> float | None:
    vals = [r[key] for r in rows if "error" not in r and r.get(key) is not None]
    return statistics.median(vals) if vals else None


def errors_of(rows: list[dict]) -> list[str]:
    return sorted({r["error"] for r in rows if "error" in r})


def fmt(v, spec: str, none: str = "—") -> str:
    return none if v is None else format(v, spec)


def print_table(headers: list[str], rows: list[list[str]], left: int = 1) -> list[str]:
    """Plain aligned text; the first ``left`` columns left-aligned, the others right-aligned."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]

    def line(cells):
        return "  ".join(c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    out = [line(headers), "  ".join("-" * w for w in widths)] + [line(r) for r in rows]
    print("\n".join(out))
    return out


def human_bytes(n: int) -> str:
    for unit, size in (("MB", 1_000_000), ("KB", 1_000)):
        if n >= size:
            return f"{n / size:g} {unit}"
    return f"{n} B"


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    mem = ""
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return f"{cores} cores usable ({os.cpu_count()} online) {model}{mem}; {platform.system()} {platform.release()}; python {platform.python_version()}"


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def git_rev() -> str:
    try:
        return subprocess.run(["git", "describe", "--always", "--dirty"], capture_output=True, text=True,
                              cwd=REPO, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"


def lexicon_axis(args, runner: Runner, work: Path, docs: list[str] | None, sample_docs: list[str]) -> dict:
    terms_list = sorted(set(args.terms))
    n_max = max(terms_list)
    folders: dict[int, list[str]] = {0: []}
    gen: dict = {}
    if n_max:
        t = time.perf_counter()
        words, gen = county_words(docs, n_max, args.seed, args.hit_share)
        miss = miss_sentence(docs or sample_docs, words)
        for n in terms_list:
            if n:
                folder = work / f"county-{n}"
                write_county_folder(folder, words[:n], miss)
                folders[n] = [str(folder)]
        gen["seconds"] = time.perf_counter() - t
        lens = [len(w) for w in words]
        gen["mean_len"] = sum(lens) / len(lens)
        hit_words = gen["every"] and n_max // gen["every"]
        print(f"county terms: {gen['candidates']:,} jieba words of 2–8 CJK characters (bundled terms left out); "
              f"{gen['absent_from_texts']:,} of them never occur in the official texts, {gen['rare_in_texts']:,} occur 1–5 times"
              if docs is not None else
              f"county terms: {gen['candidates']:,} jieba words of 2–8 CJK characters (no official texts: none left out for occurring in them)")
        print(f"  seed {args.seed}: the N-term folder holds the first N of one shuffled list (nested); "
              + (f"one term in {gen['every']:,} occurs in the texts ({hit_words} of {n_max:,}), the others never; "
                 if gen["every"] else "")
              + f"mean {gen['mean_len']:.2f} characters; one `hit` example per term; generated in {gen['seconds']:.1f} s")
        smallest = min(n for n in terms_list if n)
        lint = subprocess.run(
            [sys.executable, "-c", "import sys; from scanner.cli import main; sys.exit(main(sys.argv[1:]))",
             "lexicon", "lint", str(REPO / "lexicons"), folders[smallest][0]],
            check=False, capture_output=True, text=True, cwd=REPO,
            env=dict(os.environ, GOVSCAN_CACHE_DIR=str(runner.cache_dir), GOVSCAN_NO_CACHE="1"))
        summary = (lint.stdout.strip().splitlines() or ["?"])[-1]
        ours = sum(1 for l in lint.stdout.splitlines() if l.startswith("warning:") and folders[smallest][0] in l)
        gen["lint"] = summary
        print(f"  `scanner lexicon lint lexicons <county-{smallest}>`: {summary.split(' in ')[0]}, "
              f"{ours} of them in the county folder (exit {lint.returncode})")
        if lint.returncode:
            print("\n".join("    " + l for l in lint.stdout.strip().splitlines()[:10]))
    sample_path = work / "sample.json"
    sample_path.write_text(json.dumps(sample_docs, ensure_ascii=False), encoding="utf-8")
    sample_bytes = sum(len(d.encode("utf-8")) for d in sample_docs)
    print(f"scan sample: {len(sample_docs):,} records, {sample_bytes / 1e6:.2f} MB, the same for every N; "
          f"{args.inner_scans} scans per warm process")
    print()

    res: dict[int, dict[str, list[dict]]] = {n: {"nocache": [], "cold": [], "warm": []} for n in terms_list}
    cache_mb: dict[int, float] = {}
    reruns = {n: 0 for n in terms_list}
    for rnd in range(args.repeat):
        for n in terms_list:
            spec = {"dirs": folders[n]}
            res[n]["nocache"].append(runner.run("build", spec, no_cache=True))
            # cold: only this folder set's compiled lexicons are missing; warm: nothing is. A cache
            # file of another kind written means the scanner's code changed during the run (its
            # stamp keys every cache): measured once more, counted in "reruns"
            for attempt in range(2):
                runner.drop_lexicon_cache()
                cold = runner.run("build", spec)
                if all(w.startswith("lexicons.") for w in cold.get("wrote", [])):
                    break
                reruns[n] += 1
            res[n]["cold"].append(cold)
            pickles = [runner.cache_dir / w for w in cold.get("wrote", []) if w.startswith("lexicons.")]
            if pickles and pickles[0].exists():
                cache_mb[n] = pickles[0].stat().st_size / MIB
            for attempt in range(2):
                warm = runner.run("build", dict(spec, sample=str(sample_path), inner=args.inner_scans))
                if not warm.get("wrote"):
                    break
                reruns[n] += 1
            if warm.get("wrote"):
                warm["cache_miss"] = True  # not a warm start
            res[n]["warm"].append(warm)
            print(f"  round {rnd + 1}/{args.repeat}, {n:>7,} terms: cold {fmt(cold.get('build_s'), '.2f', 'ERR')} s, "
                  f"warm {fmt(warm.get('build_s'), '.2f', 'ERR')} s, "
                  f"{fmt(warm.get('sample_bytes') and warm['sample_bytes'] / 1e6 / warm['scan_s'], '.1f', 'ERR')} MB/s",
                  flush=True)
    print()

    rows, out = [], {}
    base = None
    for n in terms_list:
        r = res[n]
        warm_ok = [w for w in r["warm"] if "error" not in w]
        mbs = [w["sample_bytes"] / 1e6 / w["scan_s"] for w in warm_ok]
        d = {
            "terms_added": n,
            "automaton_keys": warm_ok[0]["terms"] if warm_ok else None,
            "build_nocache_s": med(r["nocache"], "build_s"),
            "build_cold_s": med(r["cold"], "build_s"),
            "build_warm_s": med(r["warm"], "build_s"),
            "import_s": med(r["warm"], "import_s"),
            "rss_warm_mib": med(r["warm"], "rss_mib"),
            "peak_cold_mib": med(r["cold"], "hwm_mib"),
            "peak_nocache_mib": med(r["nocache"], "hwm_mib"),
            "cache_file_mib": cache_mb.get(n),
            "scan_mb_s": statistics.median(mbs) if mbs else None,
            "findings_per_mb": warm_ok[0]["findings"] / (warm_ok[0]["sample_bytes"] / 1e6) if warm_ok else None,
            "county_findings_per_mb": warm_ok[0]["county_findings"] / (warm_ok[0]["sample_bytes"] / 1e6) if warm_ok else None,
            "cache_misses": sum(1 for w in r["warm"] if w.get("cache_miss")),
            "reruns": reruns[n],
            "errors": errors_of(r["nocache"] + r["cold"] + r["warm"]),
        }
        out[n] = d
        if n == 0:
            base = d
        rows.append([f"{n:,}", fmt(d["automaton_keys"], ","), fmt(d["build_nocache_s"], ".2f"),
                     fmt(d["build_cold_s"], ".2f"), fmt(d["build_warm_s"], ".2f"), fmt(d["rss_warm_mib"], ".0f"),
                     fmt(d["peak_cold_mib"], ".0f"), fmt(d["cache_file_mib"], ".1f"), fmt(d["scan_mb_s"], ".1f"),
                     fmt(d["findings_per_mb"], ".1f"), fmt(d["county_findings_per_mb"], ".1f")])
    print(f"Lexicon axis: bundled lexicons + N county terms (median of {args.repeat} fresh processes each)")
    lines = print_table(["terms added", "automaton keys", "build no-cache s", "build cold s", "build warm s",
                         "RSS warm MiB", "peak cold MiB", "cache MiB", "scan MB/s", "findings/MB", "county/MB"], rows,
                        left=0)
    if base and base["build_cold_s"] is not None:
        print()
        print("growth over N = 0, per 1,000 terms added:")
        per = []
        for n in terms_list:
            d = out[n]
            if not n or d["build_cold_s"] is None:
                continue
            k = n / 1000
            per.append([f"{n:,}", fmt((d["build_nocache_s"] - base["build_nocache_s"]) / k * 1000, ".1f"),
                        fmt((d["build_cold_s"] - base["build_cold_s"]) / k * 1000, ".1f"),
                        fmt((d["build_warm_s"] - base["build_warm_s"]) / k * 1000, ".1f"),
                        fmt((d["rss_warm_mib"] - base["rss_warm_mib"]) / k, ".2f"),
                        fmt((d["peak_cold_mib"] - base["peak_cold_mib"]) / k, ".2f"),
                        fmt(d["scan_mb_s"] / base["scan_mb_s"] if d["scan_mb_s"] and base["scan_mb_s"] else None, ".2f")])
            d["per_1k"] = dict(zip(("nocache_ms", "cold_ms", "warm_ms", "rss_mib", "peak_cold_mib", "mb_s_ratio"),
                                   (float(x) if x != "—" else None for x in per[-1][1:])))
        lines += [""] + print_table(["terms added", "no-cache ms/1k", "cold ms/1k", "warm ms/1k", "RSS MiB/1k",
                                     "peak cold MiB/1k", "MB/s vs N=0"], per, left=0)
    for n in terms_list:
        if out[n]["errors"]:
            print(f"  N = {n:,}: {'; '.join(out[n]['errors'])}")
        if out[n]["reruns"]:
            print(f"  N = {n:,}: {out[n]['reruns']} measurement(s) repeated: the scanner's code changed during the run")
        if out[n]["cache_misses"]:
            print(f"  N = {n:,}: {out[n]['cache_misses']} warm start(s) rebuilt a cache file even when repeated")
    return {"generation": gen, "sample_bytes": sample_bytes, "rows": out, "table": lines}


def text_axis(args, runner: Runner, work: Path, docs: list[str], source_note: str) -> dict:
    runner.run("build", {"dirs": []})  # the default scanner's compiled cache, for every process below
    sizes = sorted(set(args.sizes))
    paths = {}
    for size in sizes:
        p = work / f"text-{size}.txt"
        text = prefix_bytes(docs, size)
        p.write_text(text, encoding="utf-8")
        paths[size] = (p, len(text.encode("utf-8")), len(text))
    print(f"texts: {source_note}; each size is a prefix of the next")
    res: dict[int, dict[str, list[dict]]] = {s: {"single": [], "posts": []} for s in sizes}
    procs = {s: args.repeat if s >= 1_000_000 else args.repeat + 2 for s in sizes}
    inner = {s: max(1, min(50, int(2_000_000 // s))) for s in sizes}
    for rnd in range(max(procs.values())):
        for size in sizes:
            if rnd >= procs[size]:
                continue
            for mode in ("single", "posts"):
                r = runner.run("text", {"text": str(paths[size][0]), "mode": mode, "inner": inner[size]})
                res[size][mode].append(r)
                if size >= 1_000_000:
                    print(f"  round {rnd + 1}, {human_bytes(size)} {mode}: "
                          + (r["error"] if "error" in r else f"{r['scan_s']:.2f} s, peak +{r['peak_growth_mib']:.0f} MiB"),
                          flush=True)
    print()
    rows, out = [], {}
    for size in sizes:
        _, nbytes, nchars = paths[size]
        d = {"bytes": nbytes, "chars": nchars, "processes": procs[size], "scans_per_process": inner[size]}
        row = [human_bytes(size), f"{nchars:,}"]
        for mode in ("single", "posts"):
            rs = res[size][mode]
            t = med(rs, "scan_s")
            ok = [r for r in rs if "error" not in r]
            d[mode] = {"scan_s": t, "mb_s": nbytes / 1e6 / t if t else None, "peak_growth_mib": med(rs, "peak_growth_mib"),
                       "findings": ok[0]["findings"] if ok else None, "items": ok[0]["items"] if ok else None,
                       "errors": errors_of(rs)}
            if mode == "posts":
                row.append(fmt(d[mode]["items"], ","))
            time_cell = ("ERR" if d[mode]["errors"] and t is None else
                         (f"{t * 1000:.2f} ms" if t is not None and t < 1 else fmt(t, ".2f") + " s"))
            row += [time_cell, fmt(d[mode]["mb_s"], ".1f"), fmt(d[mode]["peak_growth_mib"], ".1f"),
                    fmt(d[mode]["findings"], ",")]
        out[size] = d
        rows.append(row)
    print(f"Text axis: default Scanner(), one scan() call on the whole text vs the same bytes as {POST_CHARS:,}-character posts")
    print(f"(median of {args.repeat} processes for ≥ 1 MB, {args.repeat + 2} below, several scans per process for small "
          "texts; peak = VmHWM growth during the first scan, input string excluded)")
    lines = print_table(["size", "chars", "1 call: time", "MB/s", "peak +MiB", "findings",
                         "posts", "posts: time", "MB/s", "peak +MiB", "findings"], rows, left=1)
    for size in sizes:
        for mode in ("single", "posts"):
            if out[size][mode]["errors"]:
                print(f"  {human_bytes(size)} {mode}: {'; '.join(out[size][mode]['errors'])}")
    big = max(sizes)
    s, p = out[big]["single"], out[big]["posts"]
    if s["mb_s"] and p["mb_s"]:
        ratio = s["mb_s"] / p["mb_s"]
        note = (f"{human_bytes(big)} in one call: {s['mb_s']:.1f} MB/s against {p['mb_s']:.1f} MB/s as posts "
                f"({ratio:.2f}×), peak +{s['peak_growth_mib']:.0f} MiB "
                f"({s['peak_growth_mib'] * MIB / out[big]['bytes']:.1f}× the UTF-8 input)")
        if ratio < 0.5:
            note += "  ← SUPERLINEAR: one huge call costs more per byte than posts"
        print(note)
        lines += ["", note]
    return {"rows": out, "table": lines, "source": source_note}


def parse_list(s: str) -> list[int]:
    """``0,1000,1e4`` or ``1_000`` → integers."""
    return [int(float(x.replace("_", ""))) for x in s.split(",") if x.strip()]


def main() -> int:
    if len(sys.argv) >= 2 and sys.argv[1] == "--child":
        child_main(sys.argv[2], sys.argv[3])
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"), help="shared/data with the official texts")
    ap.add_argument("--quick", action="store_true", help="smoke run: 0/1k/10k terms, texts up to 1 MB, 2 repeats")
    ap.add_argument("--terms", help=f"county terms added, comma-separated (default {','.join(map(str, DEFAULT_TERMS))})")
    ap.add_argument("--sizes", help="text sizes in bytes, comma-separated (default 1e3,1e4,1e5,1e6,1e7)")
    ap.add_argument("--repeat", type=int, help="fresh processes per measurement (default 3; 2 with --quick)")
    ap.add_argument("--sample-mb", type=float, default=1.0, help="scan sample of the lexicon axis (MB of records)")
    ap.add_argument("--inner-scans", type=int, default=3, help="scans of the sample per warm process")
    ap.add_argument("--hit-share", type=float, default=0.001,
                    help="share of county terms taken from words that occur (1–5 times) in the texts")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--timeout", type=float, default=900, help="seconds before a measuring process is stopped")
    ap.add_argument("--axis", choices=("both", "lexicon", "text"), default="both")
    ap.add_argument("--json", help="write the numbers to this file")
    args = ap.parse_args()
    args.terms = parse_list(args.terms) if args.terms else list(QUICK_TERMS if args.quick else DEFAULT_TERMS)
    args.sizes = parse_list(args.sizes) if args.sizes else list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    args.repeat = args.repeat or (2 if args.quick else 3)

    started = time.perf_counter()
    print(f"govscan scaling benchmark  ·  {git_rev()}  ·  {time.strftime('%Y-%m-%d %H:%M')}")
    import scanner

    print(f"scanner: {Path(scanner.__file__).parent}; machine: {machine()}; load average {loadavg()} at start")
    python = os.path.relpath(sys.executable, REPO) if sys.executable.startswith(str(REPO)) else sys.executable
    print(f"command: {shlex.join([python, os.path.relpath(__file__, REPO)] + sys.argv[1:])}")
    print(f"each measurement: a fresh `{Path(sys.executable).name} {os.path.relpath(__file__, REPO)} --child build|text SPEC` "
          "process, GOVSCAN_CACHE_DIR=<temporary folder>")

    docs = official_stream(Path(args.data), args.seed)
    if docs is None:
        need = max(args.sizes) + 1_000_000
        docs_for_text = synthetic_stream(args.seed, need)
        source = (f"NOTE: official texts not found in {args.data}: SYNTHETIC text (jieba words by frequency); "
                  "hit rates are not those of real posts")
        print(source)
    else:
        docs_for_text = docs
        total = sum(len(d.encode("utf-8")) for d in docs)
        source = f"official texts of {args.data} ({len(docs):,} records, {total / 1e6:.1f} MB), shuffled (seed {args.seed}), joined by newlines"
        if max(args.sizes) > total:
            print(f"NOTE: the largest size exceeds the {total / 1e6:.1f} MB of official text: it is cut from the texts repeated")
            docs_for_text = docs * (max(args.sizes) // total + 1)
    sample_docs = docs_prefix(docs_for_text, int(args.sample_mb * 1e6))
    print()

    results = {"machine": machine(), "git": git_rev(), "command": sys.argv[1:]}
    with tempfile.TemporaryDirectory(prefix="govscan-bench-scaling-") as tmp:
        work = Path(tmp)
        cache = work / "cache"
        cache.mkdir(mode=0o700)
        runner = Runner(cache, args.timeout)
        runner.run("build", {"dirs": []})  # jieba's double array and the shared compiled parts
        if args.axis in ("both", "lexicon"):
            results["lexicon"] = lexicon_axis(args, runner, work, docs, sample_docs)
            print()
        if args.axis in ("both", "text"):
            results["text"] = text_axis(args, runner, work, docs_for_text, source)
            print()
    elapsed = time.perf_counter() - started
    print(f"load average {loadavg()} at the end; {elapsed / 60:.1f} min in all; temporary files removed")
    results["seconds"] = elapsed
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
