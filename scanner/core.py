"""The Scanner: normalise → match → recognise → filter → merge → ScanResult."""
from __future__ import annotations

import hashlib
import time
from dataclasses import replace
from typing import Any, Iterable, Iterator, Mapping

import orjson

from . import letters as _letters
from . import rx
from .config import ScannerConfig
from .detectors import BUILTIN_DETECTORS
from .detectors.context import published_as
from .errors import InputError, ScanTimeout
from .lexicon import Entry, LexiconSet, bundled_lexicon_dir, load_lexicons
from .matcher import Hit, LexiconMatcher
from .model import SEVERITY_RANK, TYPE_LABELS, Finding, ScanResult, verdict_of
from .normalize import build_views, in_script_of, normalize, warm_up

__all__ = ["Scanner"]


def _lexicon_message(e: Entry) -> str:
    if e.message:
        return e.message
    label = TYPE_LABELS.get(e.type, e.type)
    if e.suggestion:
        return f"{label}：「{e.term}」应改为「{e.suggestion}」"
    return f"{label}：「{e.term}」不宜在政务新媒体发布"


def _merge(findings: list[Finding], text: str) -> list[Finding]:
    """Merge overlapping findings of the same category into the strongest one (SPEC section 3).

    The strongest finding (severity, then span length, then score) keeps its rule, message and
    basis; the span grows to cover the whole cluster, and its suggestion is widened with the
    surrounding original text so that applying it still replaces exactly ``text[start:end]``.
    """
    by_cat: dict[str, list[Finding]] = {}
    for f in findings:
        by_cat.setdefault(f.category, []).append(f)
    out: list[Finding] = []
    for group in by_cat.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        group.sort(key=lambda f: (f.start, -f.end))
        cluster = [group[0]]
        end = group[0].end
        for f in group[1:]:
            if f.start < end:
                cluster.append(f)
                end = max(end, f.end)
            else:
                out.append(_merge_cluster(cluster, text))
                cluster, end = [f], f.end
        out.append(_merge_cluster(cluster, text))
    out.sort(key=lambda f: (f.start, f.end, f.category))
    return out


def _merge_cluster(cluster: list[Finding], text: str) -> Finding:
    if len(cluster) == 1:
        return cluster[0]
    best = max(cluster, key=lambda f: (SEVERITY_RANK[f.severity], f.end - f.start, f.score))
    start = min(f.start for f in cluster)
    end = max(f.end for f in cluster)
    if (start, end) == (best.start, best.end):
        return best
    sugg = best.suggestion
    if sugg is not None:
        # (a suggestion that already writes the text around its hit, 总统赖清德 → 台湾地区领导人赖清德 merged with
        # 台湾总统: 台湾 is not written twice; the suggestion in the cluster's script, 台灣 kept as written).
        # (h14r) When the best finding's suggestion leaves text of the cluster around it and another
        # finding's of the same severity writes the whole cluster, that one is the replacement:
        # 台湾总统|府 gave 台湾地区领导人府; 总统府 → 台湾当局领导人办公场所 already writes 台湾.
        def around(f: Finding) -> tuple[str, str]:
            """The cluster's text left around ``f``'s hit that its suggestion does not already write."""
            before, after = text[start:f.start], text[f.end:end]
            norm_sugg = normalize(f.suggestion)
            return ("" if before and norm_sugg.startswith(normalize(before)) else before,
                    "" if after and norm_sugg.endswith(normalize(after)) else after)

        others = (f for f in cluster if f is not best and f.suggestion is not None and f.severity == best.severity)
        whole = next((f for f in [best, *others] if around(f) == ("", "")), best)
        (before, after), sugg = around(whole), whole.suggestion
        sugg = in_script_of(before + sugg + after, text[start:end])
    return replace(best, start=start, end=end, text=text[start:end], suggestion=sugg)


def _lexicon_set(folders) -> LexiconSet:
    """The lexicon files of these folders (from the compiled cache when it has them); none: empty."""
    return load_lexicons(folders) if folders else LexiconSet("0", ())


def _lexicon_tables(folders: list, config: ScannerConfig
                    ) -> tuple[LexiconSet | None, str, LexiconMatcher, frozenset[str], tuple]:
    """The lexicons (None when they came from the compiled cache: :attr:`Scanner.lexicons` loads
    them when asked), their version, the matcher built from the rows this config uses and the
    categories they report, and the rows of the ``kind = "leaders"`` files (the title rule's
    table, :mod:`.detectors.compositional`). The version, matcher, categories and leaders are one object graph in the
    compiled cache, keyed by the lexicon files and the config's choices, so a warm start unpickles
    each row once and runs no per-row Python (the disguised spellings are table columns:
    benchmarks/README.md "Start-up"); the lexicon set itself (files, examples, sources: what
    ``info``, the rescan fingerprints and ``lexicon lint`` read, never a scan) stays out of it."""
    use_lexicon = "lexicon" in config.detectors

    def configured(e: Entry) -> Entry | None:
        """A row as this config uses it: None when disabled, with its configured severity."""
        if e.id in config.disabled_rules:
            return None
        if e.is_allow or (sev := config.severity_for(e.id, e.type, e.severity)) == e.severity:
            return e
        return replace(e, severity=sev)

    built: list[LexiconSet] = []

    def build():
        lexicons = _lexicon_set(folders)
        built.append(lexicons)
        files = lexicons.files if use_lexicon else ()
        entries = [c for f in files for e in f.entries if (c := configured(e)) is not None]
        tables = [t for f in files if f.variants and (t := f.variants.select(configured)) is not None]
        matcher = LexiconMatcher(entries, engine=config.matcher, variants=tables)
        categories = {e.category for e in entries} | {t.rows[i].category for t in tables for i in set(t.row_of)}
        leaders = tuple(r for f in lexicons.files for r in f.leaders)
        return lexicons.version, matcher, frozenset(categories), leaders

    from . import compiled

    key = compiled.lexicon_key_or_none(folders) if folders else None
    if key is None:
        got = build()
    else:
        choice = orjson.dumps([key, use_lexicon, sorted(config.disabled_rules), sorted(config.severity.items()),
                               config.matcher])
        got = compiled.memo("scanner_matcher", hashlib.sha256(choice).hexdigest()[:32], build)
    return (built[0] if built else None), *got


#: What a long-lived process (a service worker, a re-scan's workers) scans once before its first
#: real text (:meth:`Scanner.warm`): detectors build some tables on the first text that asks — the
#: prohibited-content model's (~12 MB, ~20 ms) on the first text with one of its anchor characters
#: (药 枪 弹 毒 赌), the name linker's per-code-point flags (8–20 ms) — and patterns compile lazily;
#: no request or chunk should pay for that. It reaches personal data (names, phone and ID numbers,
#: health), secrets markers, wording and prohibited-content anchors.
WARM_TEXT = (
    "关于做好2024年春节期间安全生产工作的通知。各乡镇人民政府、县直各单位：为切实做好节日期间安全生产工作，"
    "经县政府同意，现将有关事项通知如下。一、提高思想认识。二、强化隐患排查，严禁在居民楼内存放易燃易爆物品。"
    "三、加强农药兽药和烟花爆竹管理，严厉打击非法制售枪支弹药和涉毒涉赌违法犯罪。"
    "联系人：张伟，联系电话0371-12345678，手机13812345678，邮箱 office@example.gov.cn。"
    "县委书记李明主持召开常委会议，传达学习中央经济工作会议精神，研究部署乡村振兴、生态环境保护和营商环境优化工作。"
    "全县地区生产总值增长6.5%，城乡居民人均可支配收入分别增长5.1%和7.3%。附件：征求意见稿（内部资料，注意保存）。"
    "患者李明，男，42岁，确诊为乙肝，住院治疗。"
    "居民张某某，男，1985年出生，现住阳光小区3栋，电话13812345678，身份证号11010519491231002X。"
    "王建国，男，汉族，1970年出生，中共党员，曾因盗窃罪被判处有期徒刑。台湾总统近日发表讲话。"
    "网友在群里发xrb相关内容。"  # (letters read back: :mod:`scanner.letters` loads its tables)
)


class Scanner:
    """Built once from a config; immutable and safe to share between threads.

    >>> s = Scanner()
    >>> s.scan("台湾总统发表讲话").verdict
    'block'
    """

    def __init__(self, config: ScannerConfig | Mapping[str, Any] | None = None, /, **kwargs: Any):
        if config is None:
            config = ScannerConfig(**kwargs)
        elif isinstance(config, Mapping):
            config = ScannerConfig.from_dict({**config, **kwargs})
        elif kwargs:
            config = replace(config, **kwargs)
        self.config: ScannerConfig = config
        warm_up()
        folders = ([bundled_lexicon_dir()] if config.bundled_lexicons else []) + list(config.lexicon_dirs)
        self._folders = tuple(folders)
        self._lexicons, self.lexicon_version, self._matcher, self._lexicon_categories, leaders = _lexicon_tables(
            folders, config)
        classes = [BUILTIN_DETECTORS[name] for name in config.detectors if name in BUILTIN_DETECTORS]
        # a detector that registers gate words when built (the leaders' titles, the model's
        # anchors) is built first, so that the others' warm-up loads the shared gate automaton once, with every word
        # (scanner/detectors/gates.py); the detectors still run in the config's order
        built = {}
        for cls in sorted(classes, key=lambda c: not getattr(c, "registers_gates", False)):
            built[cls] = (cls.from_config(config, leaders=leaders) if getattr(cls, "uses_leaders", False)
                          else cls.from_config(config) if hasattr(cls, "from_config") else cls())
        self._detectors = tuple(built[cls] for cls in classes)
        rx.save()  # the patterns compiled on the way, for the next process (scanner/rx.py)
        self._frozen = True

    @property
    def lexicons(self) -> LexiconSet:
        """The lexicon files this scanner loaded (with their examples and sources). A scanner
        built from the compiled cache reads them on first use (from the cache too): a scan never
        needs them."""
        got = self._lexicons
        if got is None:
            got = _lexicon_set(self._folders)
            object.__setattr__(self, "_lexicons", got)  # (two threads may both load it: equal sets)
        return got

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(self, "_frozen", False):
            raise AttributeError(f"Scanner is immutable; build a new one to change {name!r}")
        object.__setattr__(self, name, value)

    def warm(self, rounds: int = 1, repeat: int = 1) -> None:
        """Scan :data:`WARM_TEXT` (``repeat`` times over, as one text) ``rounds`` times: what loads
        on first use loads now, not in the first real scan."""
        for _ in range(rounds):
            self.scan(WARM_TEXT * repeat)

    # ---------------------------------------------------------------- public verbs
    def scan(self, text: str, *, id: Any = None, deadline: float | None = None, published: Any = None) -> ScanResult:
        """Scan one text. ``text[f.start:f.end] == f.text`` for every finding.

        ``deadline``: a ``time.monotonic()`` time; a scan still running at it raises
        :class:`ScanTimeout` (checked between stages, each linear in the text).
        ``published``: when the text was (or will be) published — a date, a year or a date string
        (``2015-06-01``, ``2015年6月``); an outdated name is right in a text published before its
        change (an archive re-scan of a 2015 post: 环境保护部). Without it the text's own years
        decide (docs/LEXICONS.md, option ``until``). A value that is no date is an InputError."""
        with published_as(published):
            findings = _merge(self.raw_findings(text, deadline=deadline), text)
        return ScanResult(id=id, verdict=verdict_of(findings), findings=tuple(findings),
                          lexicon_version=self.lexicon_version)

    def scan_many(self, items: Iterable[Any]) -> Iterator[ScanResult]:
        """Scan an iterable of texts, ``(id, text)`` pairs or ``{"id", "text"}`` mappings (with an
        optional ``"published"`` date, as :meth:`scan` takes it), lazily."""
        for i, item in enumerate(items):
            if isinstance(item, str):
                yield self.scan(item, id=i)
            elif isinstance(item, Mapping):
                yield self.scan(item.get("text"), id=item.get("id", i), published=item.get("published"))
            else:
                ident, text = item
                yield self.scan(text, id=ident)

    def raw_findings(self, text: str, *, categories: frozenset[str] | set[str] | None = None,
                     deadline: float | None = None, letters: bool = True) -> list[Finding]:
        """Every finding after filters, before overlapping findings are merged (for lexicon
        examples and ``--explain``). With ``categories``, only the lexicon and detectors that can
        report one of them run (a file's column-context pass asks for ``personal_data`` only).
        ``letters``: letters standing alone in the text are read back as initials and pinyin
        (:mod:`scanner.letters`; off for the windows that pass reads again)."""
        if not isinstance(text, str):
            raise InputError(f"text must be a str, not {type(text).__name__}")
        if not text:
            return []
        views = build_views(text)
        if categories is None or not categories.isdisjoint(self._lexicon_categories):
            out = [self._from_hit(h, text) for h in self._matcher.match(views)]
        else:
            out = []
        disabled = self.config.disabled_rules
        second: list[Finding] = []  # findings of a subsidiary detector (below)
        for det in self._detectors:
            if categories is not None and categories.isdisjoint(getattr(det, "categories", categories)):
                continue
            if deadline is not None and time.monotonic() > deadline:
                raise ScanTimeout(f"scan of {len(text)} characters stopped at its deadline (before {getattr(det, 'name', type(det).__name__)})")
            into = second if getattr(det, "subsidiary", False) else out
            for f in det.detect(views):
                if f.rule in disabled:
                    continue
                sev = self.config.severity_for(f.rule, f.type, f.severity)
                if f.suggestion and f.category == "improper_wording":
                    # (a detector writes its suggestion in simplified characters: in the hit's script, as a row's)
                    sugg = in_script_of(f.suggestion, f.text)
                    if sugg != f.suggestion:
                        f = replace(f, suggestion=sugg)
                into.append(f if sev == f.severity else replace(f, severity=sev))
        if second:  # a subsidiary detector (the prohibited-content model) reports only what nothing else
            # of its category found: its looser span would otherwise widen a row's finding when merged
            out += [f for f in second
                    if not any(g.category == f.category and g.start < f.end and f.start < g.end for g in out)]
        if letters and (categories is None or not categories.isdisjoint(_letters.CATEGORIES)):
            out += _letters.findings(
                lambda w: self.raw_findings(w, categories=_letters.CATEGORIES, deadline=deadline, letters=False), views, out)
        return out

    def redact(self, text: str) -> str:
        """``text`` with every personal-data finding replaced by its de-identified form (a finding
        without one, such as an agency's public ``.gov.cn`` mailbox, stays)."""
        return self.redaction(text)[0]

    def redaction(self, text: str, *, deadline: float | None = None) -> tuple[str, list[Finding]]:
        """:meth:`redact`'s text and the findings it replaced (offsets into ``text``), from one scan."""
        parts: list[str] = []
        done: list[Finding] = []
        pos = 0
        for f in self.scan(text, deadline=deadline).findings:
            if f.category == "personal_data" and f.suggestion is not None:
                parts += (text[pos:f.start], f.suggestion)
                pos = f.end
                done.append(f)
        parts.append(text[pos:])
        return "".join(parts), done

    def info(self) -> dict[str, Any]:
        """What this scanner loaded: lexicon files with versions and counts, detectors, engine."""
        return {
            "lexicon_version": self.lexicon_version,
            "lexicons": [f.info() for f in self.lexicons.files],
            "terms": len(self._matcher),
            "detectors": list(self.config.detectors),
            "matcher": self._matcher.engine,
            "name_model": _name_model_info(),
        }

    # ---------------------------------------------------------------- internals
    def _from_hit(self, h: Hit, text: str) -> Finding:
        e = h.entry
        score = 0.95 if h.context_confirmed else 0.9
        written = text[h.start:h.end]
        return Finding(start=h.start, end=h.end, text=written, category=e.category, type=e.type,
                       severity=e.severity, rule=e.id, message=_lexicon_message(e),
                       suggestion=in_script_of(e.suggestion, written), basis=e.basis, score=score)


def _name_model_info() -> dict[str, Any] | None:
    """The person-name CRF the name detectors use (models/zh_name_crf), or None when absent."""
    from .name_tagger import load_tagger

    tagger = load_tagger()
    if tagger is None:
        return None
    meta = tagger.meta
    return {"name": meta.get("name", "zh_name_crf"), "features": len(tagger.weights) - 1,
            "threshold": meta.get("calibration", {}).get("threshold"), "trained_on": sorted(meta.get("trained_on", {}))}
