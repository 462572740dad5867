"""Lexicon files: the manifest, TSV entries, examples, and the lint that checks them.

The format is documented in ``docs/LEXICONS.md``. Loading is strict: a malformed row is an
error with its file and line, never silently skipped.
"""
from __future__ import annotations

import re
from array import array
from datetime import date as _date
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from . import rx
from .disguise import BOUND_RADICALS
from .disguise import KINDS as _KINDS  # a DisguiseTable stores a spelling's kind as its index here
from .errors import LexiconError
from .model import CATEGORY_OF, DEFAULT_SEVERITY, SEVERITIES, TYPES
from .normalize import NOISE_SYMBOLS, dense, dense_runs, is_noise, normalize
from .resources import (
    bundled_lexicon_dir,  # re-exported: scanner.lexicon.bundled_lexicon_dir stays
)
from .variants import STACKED_KINDS, STACKED_MAX_LEN, misspellings  # (defined there: the stoplist builder reads them too)

__all__ = [
    "Entry",
    "Example",
    "LexiconFile",
    "LexiconSet",
    "MatchOptions",
    "DisguiseTable",
    "load_lexicons",
    "bundled_lexicon_dir",
    "lint",
]

COLUMNS = ("id", "term", "type", "severity", "suggestion", "basis", "message", "options", "note")
_REQUIRED = ("id", "term", "type")
_ID_RE = rx.compile(r"^[a-z0-9_]+(?:\.[a-z0-9_]+)*$")
_NAME_RE = rx.compile(r"^[a-z0-9_]+$")
ALLOW = "allow"
DEFAULT_WINDOW = 20
_ASCII_ALNUM = rx.compile(r"^[0-9a-z]+$")


def _by_fields(self):
    """Pickle a frozen slots dataclass as its class and field values (its ``__init__`` rebuilds it).
    The ``__setstate__`` that ``dataclass(slots=True)`` writes calls ``fields()`` for every object:
    with a 100,000-term county lexicon that was half of a warm start from the compiled cache."""
    return self.__class__, tuple(map(self.__getattribute__, self.__slots__))


@dataclass(frozen=True, slots=True)
class MatchOptions:
    word: bool = False
    ctx: tuple[str, ...] = ()  # as the dense view writes them (may hold "" for a word of noise: ":")
    nctx: tuple[str, ...] = ()
    window: int = DEFAULT_WINDOW
    ctx_norm: tuple[str, ...] = ()  # the same words normalised only, matched in the original's window
    nctx_norm: tuple[str, ...] = ()
    masked: bool = False  # a variant that drops a character: only where a mask was dropped (法○功, not 王宁)
    ctx_extra: tuple[str, ...] = ()  # the ctx / nctx words only the original's window can show (:)
    nctx_extra: tuple[str, ...] = ()
    quote: bool = False
    strict: bool = False
    ascii_word: bool = False
    #: a spelling that stands alone: neither end a word with the character outside it (swap2: 都比|去年)
    lone: bool = False
    #: letters that stand alone among Chinese: a Han character right before and after, one case (initials
    #: of a generated list's entry: 发布sdy相关)
    isolated: bool = False
    #: the year the term was superseded (outdated names): a hit is history, not reported, when a year up
    #: to it stands in its sentence or most of the text's years are up to it (detectors.context)
    until: int = 0
    #: the year a style norm took effect (解放前 → 新中国成立前, 2016): a hit is not reported in a text
    #: published before it, or, the date unknown, in a text whose two or more years are all before it
    since: int = 0
    #: the negative context is read in the hit's own sentence only (within the window): a foreign
    #: country in the sentence before is not the owner of the agency name after it
    sent: bool = False
    #: a regular expression: not reported when the normalised text right after the hit, up to the end
    #: of its sentence, starts with a match (做爱 in 做爱学习、爱劳动的好少年: 做 + 爱学习 … 的 + a person)
    nafter: str = ""
    #: the negative context is read on the hit's own line only (within the window, h15d): a quiet word
    #: of the next paragraph (接待 in a report below a 上访人员 control list) says nothing of this one
    line: bool = False
    #: not reported right after a foreign state, province, prefecture or city (scanner/data/
    #: foreign_regions.txt): 安大略省旅游局, 加州旅游局 are foreign offices, not renamed local bureaus
    abroad: bool = False

    __reduce__ = _by_fields

    @property
    def plain(self) -> bool:
        return not (self.word or self.ctx_norm or self.nctx_norm or self.quote or self.strict or self.ascii_word
                    or self.masked or self.until or self.since or self.nafter or self.abroad)


@lru_cache(maxsize=None)
def _dense_word(w: str) -> str:
    return dense(w)


def _tail(term: str) -> str:
    """The separators and symbols (not the ASCII noise of 赌*博) that end ``term``: the dense view
    drops them, the matcher checks them after the hit."""
    n = normalize(term).rstrip()
    i = len(n)
    while i > 0 and is_noise(n[i - 1]) and not n[i - 1].isspace() and n[i - 1] not in NOISE_SYMBOLS:
        i -= 1
    return n[i:]


#: options with an integer value: option -> (MatchOptions field, lowest, highest, what it is)
_INT_OPTIONS = {"win": ("window", 1, 500, "an integer"), "until": ("until", 1900, 2100, "a year"),
                "since": ("since", 1900, 2100, "a year")}


def _parse_options(raw: str, term_dense: str) -> tuple[MatchOptions, list[str]]:
    errors: list[str] = []
    kw: dict = {}
    for part in filter(None, (p.strip() for p in raw.split(";"))):
        key, eq, value = part.partition("=")
        key = key.strip()
        if key in ("word", "quote", "strict", "ascii_word", "sent", "line", "abroad") and not eq:
            kw[key] = True
        elif key in ("ctx", "nctx") and eq:
            raw = [normalize(w.strip()) for w in value.split("|") if w.strip()]
            if not raw:
                errors.append(f"option {key} has an empty word")
            # a word the dense view deletes entirely (":", "℃") is looked for in the normalised text only
            # in the dense window only the words it writes as they are; every word in the original's window
            kw[key] = tuple(dict.fromkeys(r for r in raw if _dense_word(r) == r))
            kw[f"{key}_norm"] = tuple(dict.fromkeys(raw))
            kw[f"{key}_extra"] = tuple(r for r in kw[f"{key}_norm"] if r not in kw[key])
        elif key == "nafter" and eq:
            try:
                after_pattern(value.strip())
                kw["nafter"] = value.strip()
            except re.error as e:
                errors.append(f"option nafter={value!r} is not a regular expression: {e}")
        elif key in _INT_OPTIONS and eq:
            field, lo, hi, what = _INT_OPTIONS[key]
            n = int(value) if value.strip().isdigit() else None
            if n is None or not lo <= n <= hi:
                errors.append(f"option {key}={value!r} is not {what} in {lo}..{hi}")
            else:
                kw[field] = n
        else:
            errors.append(f"unknown option {part!r}")
    if _ASCII_ALNUM.match(term_dense):
        kw["ascii_word"] = True
    opts = MatchOptions(**kw)
    return _OPTIONS.setdefault(opts, opts), errors


@lru_cache(maxsize=None)
def after_pattern(pattern: str) -> "re.Pattern[str]":
    """The compiled pattern of an ``nafter`` option (compiled once per distinct value)."""
    return re.compile(pattern)


#: one MatchOptions object per distinct value: most rows share the default one, and the compiled
#: cache then pickles (and a warm start unpickles) each distinct value once, not once per row
_OPTIONS: dict[MatchOptions, MatchOptions] = {}


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon row, validated."""

    id: str
    term: str
    key: str  # the term as matched: normalised, noise removed
    category: str
    type: str
    severity: str
    suggestion: str | None
    basis: str | None
    message: str | None
    options: MatchOptions
    lexicon: str
    source: str  # file:line, for error messages
    note: str = ""
    variant_of: str | None = None  # for generated misspelling variants: the correct form
    runs: str = ""  # the key before repeats were collapsed, when a repeat is part of the term (省省委)
    tail: str = ""  # separators or symbols that end the term and must follow the hit (账号密码: 商业秘密★)

    __reduce__ = _by_fields

    @property
    def is_allow(self) -> bool:
        return self.type == ALLOW


@dataclass(frozen=True, slots=True)
class Example:
    expect: str  # "hit" or "miss"
    rule: str  # may be "" for a miss
    text: str
    source: str

    __reduce__ = _by_fields


@dataclass(frozen=True, slots=True)
class LeaderRow:
    """One title a leader held, with its dates (a ``kind = "leaders"`` file): who holds a title now
    and which titles a name was ever given (``keyterm.leader.title``)."""

    id: str
    name: str
    title: str
    start: str  # ISO date the title was taken
    end: str  # ISO date it was left; "" while it is held
    basis: str
    source: str  # file:line

    __reduce__ = _by_fields

    @property
    def current(self) -> bool:
        return not self.end


@dataclass(frozen=True, slots=True)
class LexiconFile:
    name: str
    path: Path
    category: str
    version: str
    source: str
    licence: str
    examples_path: Path | None
    entries: tuple[Entry, ...]
    examples: tuple[Example, ...]
    forms: tuple[Entry, ...] = ()  # a key_terms file's correct forms (never matched themselves)
    disguise: str = "full"  # manifest `disguise`: full, basic (number styles, pinyin) or none
    variants: DisguiseTable | None = None  # the disguised spellings of the rows (:func:`_with_disguises`)
    leaders: tuple[LeaderRow, ...] = ()  # a ``kind = "leaders"`` file's rows (its entries: their titles misspelt, h13a)

    def all_entries(self) -> list[Entry]:
        """The rows and every disguised spelling as entries of their own (built on demand)."""
        return list(self.entries) + (list(self.variants) if self.variants else [])

    def info(self) -> dict:
        return {
            "name": self.name,
            "file": str(self.path),
            "category": self.category,
            "version": self.version,
            "source": self.source,
            "licence": self.licence,
            "entries": len(self.entries) + (len(self.variants) if self.variants else 0) + len(self.leaders),
            "examples": len(self.examples),
        }


@dataclass(frozen=True, slots=True)
class LexiconSet:
    """All lexicon files loaded for one scanner, in load order."""

    version: str
    files: tuple[LexiconFile, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def entries(self) -> list[Entry]:
        """Every row and every disguised spelling (these built on demand: the matcher keeps them
        as :class:`DisguiseTable` columns and builds the entry of a spelling it found)."""
        return [e for f in self.files for e in f.all_entries()]

    @property
    def variant_tables(self) -> list[DisguiseTable]:
        return [f.variants for f in self.files if f.variants]


def _unescape(s: str) -> str:
    return s.replace("\\t", "\t").replace("\\n", "\n").replace("\\\\", "\\")


def _read_tsv(path: Path) -> Iterable[tuple[int, list[str]]]:
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise LexiconError(f"cannot read {path}: {e.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise LexiconError(f"{path}: not UTF-8 ({e.reason} at byte {e.start})") from None
    for no, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield no, line.split("\t")


def _header_and_rows(path: Path, problems: list[str]):
    """(line number, stripped header, the rows after it) of a TSV file, or None when it is empty."""
    rows = iter(_read_tsv(path))
    try:
        hno, header = next(rows)
    except StopIteration:
        problems.append(f"{path}: empty file (a header line is required)")
        return None
    return hno, [h.strip() for h in header], rows


def _load_entries(path: Path, name: str, category: str, problems: list[str], warnings: list[str]) -> list[Entry]:
    got = _header_and_rows(path, problems)
    if got is None:
        return []
    hno, header, rows = got
    unknown = [h for h in header if h not in COLUMNS]
    missing = [c for c in _REQUIRED if c not in header]
    if unknown or missing:
        problems.append(f"{path}:{hno}: header has unknown columns {unknown} / lacks {missing}; "
                        f"columns are {', '.join(COLUMNS)}")
        return []
    out: list[Entry] = []
    for no, cells in rows:
        where = f"{path}:{no}"
        if len(cells) > len(header):
            problems.append(f"{where}: {len(cells)} cells but the header has {len(header)} columns")
            continue
        row = dict(zip(header, (c.strip() for c in cells)))
        for c in COLUMNS:
            row.setdefault(c, "")
        rid, term, typ = row["id"], row["term"], row["type"]
        if not rid or not _ID_RE.match(rid):
            problems.append(f"{where}: bad id {rid!r} (lower-case ascii, digits, _ and .)")
            continue
        if not term:
            problems.append(f"{where}: {rid}: empty term")
            continue
        if category == ALLOW:
            if typ != ALLOW:
                problems.append(f"{where}: {rid}: type must be 'allow' in an allow-list, not {typ!r}")
                continue
        elif typ not in TYPES.get(category, {}):
            if typ in CATEGORY_OF:
                problems.append(f"{where}: {rid}: type {typ!r} belongs to category {CATEGORY_OF[typ]!r}, "
                                f"not to this file's {category!r}")
            else:
                problems.append(f"{where}: {rid}: unknown type {typ!r}")
            continue
        sev = row["severity"] or (DEFAULT_SEVERITY.get(typ, "info") if typ != ALLOW else "info")
        if sev not in SEVERITIES:
            problems.append(f"{where}: {rid}: unknown severity {sev!r}")
            continue
        if normalize(term) != term:
            problems.append(f"{where}: {rid}: term {term!r} normalises to {normalize(term)!r}; "
                            "write it in simplified, half-width, lower-case form")
            continue
        key = dense(term)
        runs = dense_runs(term)
        if not key:
            problems.append(f"{where}: {rid}: term {term!r} is only noise characters")
            continue
        opts, errs = _parse_options(row["options"], key)
        for e in errs:
            problems.append(f"{where}: {rid}: {e}")
        if typ != ALLOW and not row["basis"]:
            problems.append(f"{where}: {rid}: no basis (every rule says which norm, law or style rule it comes from)")
        if len(key) == 1 and not (opts.word or opts.ctx_norm):
            warnings.append(f"{where}: {rid}: one-character term {term!r} without 'word' or 'ctx' will fire often")
        out.append(Entry(
            id=rid, term=term, key=key, category=category if typ != ALLOW else ALLOW, type=typ,
            severity=sev, suggestion=row["suggestion"] or None, basis=row["basis"] or None,
            message=row["message"] or None, options=opts, lexicon=name, source=where, note=row["note"],
            runs=runs if runs != key else "", tail=_tail(term),
        ))
    return out


_KIND_LABEL = {"number": "数字变体", "homophone": "同音字", "lookalike": "形近字",
               "split": "拆字", "masked": "遮挡字", "pinyin": "拼音或首字母", "punct": "标点分隔",
               "swap2": "同音或形近字", "initials": "拼音首字母"}
#: variants that replace one character, or put a separator inside a two-character term: must be
#: whole words (jieba boundaries: 豪赌，博弈 holds no 赌，博)
_WORD_KINDS = frozenset({"homophone", "lookalike", "split", "punct"})




def _variant_options(e: Entry, k: str, kind: str) -> MatchOptions:
    """The match options of a disguised spelling (dense key ``k``, of ``kind``) of row ``e``."""
    o = e.options
    if kind == "initials":  # (letters among Chinese on both sides, one case: matcher)
        o = replace(o, ascii_word=True, word=False, isolated=True)
    elif _ASCII_ALNUM.match(k):  # (ASCII boundaries instead of jieba's: mi yun | yao, matcher.in_pinyin)
        o = replace(o, ascii_word=True, word=False)
    elif kind == "masked" and len(k) < len(e.key):
        o = replace(o, masked=True)
    elif kind in _WORD_KINDS and not (kind == "split" and not BOUND_RADICALS.isdisjoint(k)):
        # 实际深 inside 结合实际深入 is no 实际神; a character split into a radical form and its part (钅戋赌)
        # reads as no word of ordinary text, wherever jieba cuts after it (钅戋赌|博 as 钱赌|博)
        o = replace(o, word=True)
    elif kind == "swap2":  # a word standing alone (matcher: 堵球|场 holds no 赌球: 球场 is a word)
        o = replace(o, word=True, lone=True)
    return _OPTIONS.setdefault(o, o)


def _variant_entry(e: Entry, v: str, k: str, kind: str) -> Entry:
    """The entry of the disguised spelling ``v`` (dense key ``k``, of ``kind``) of row ``e``."""
    runs = dense_runs(v)
    o = _variant_options(e, k, kind)
    target = e.variant_of or e.term
    msg = f"疑似「{target}」的变形写法（{_KIND_LABEL[kind]}）：「{v}」"
    if e.message:
        msg += "；" + e.message
    return replace(e, term=v, key=k, runs=runs if runs != k else "", tail=_tail(v), options=o,
                   variant_of=target, message=msg,
                   severity="review" if kind in ("swap2", "initials") else e.severity,
                   suggestion=e.suggestion or (target if e.type == "key_term_misspelling" else None))


@dataclass(frozen=True, slots=True)
class DisguiseTable:
    """The disguised spellings of a file's rows as columns: the row each comes from, its spelling,
    its dense key and its kind. ~53,000 spellings load from the compiled cache as a few strings and
    arrays, not 53,000 objects; :meth:`entry` builds the entry of one spelling when the matcher
    finds it (benchmarks/README.md "Start-up")."""

    rows: Sequence[Entry]  # a tuple, or a columns.PackedColumn from the compiled cache
    row_of: array  # 'I': index into rows
    terms: Sequence[str]  # tuples, or columns.StrColumn from the compiled cache
    keys: Sequence[str]
    kinds: bytes  # index into _KINDS

    def __reduce__(self):
        # in the compiled cache as columns: a row's entry is unpickled, and a spelling sliced out,
        # only when the matcher finds one (scanner/columns.py)
        from .columns import PackedColumn, StrColumn

        def packed(col, kind):
            return col if isinstance(col, kind) else kind(col)

        return self.__class__, (packed(self.rows, PackedColumn), self.row_of, packed(self.terms, StrColumn),
                                packed(self.keys, StrColumn), self.kinds)

    def __len__(self) -> int:
        return len(self.terms)

    def entry(self, i: int) -> Entry:
        return _variant_entry(self.rows[self.row_of[i]], self.terms[i], self.keys[i], _KINDS[self.kinds[i]])

    def row_and_options(self, i: int) -> tuple[Entry, MatchOptions]:
        """Spelling ``i``'s row and match options, without building its entry."""
        row = self.rows[self.row_of[i]]
        return row, _variant_options(row, self.keys[i], _KINDS[self.kinds[i]])

    def __iter__(self):
        return map(self.entry, range(len(self.terms)))

    def select(self, fn) -> DisguiseTable | None:
        """The table with every row passed through ``fn`` (a row -> the row to use, or None to drop
        the row and its spellings); ``self`` when ``fn`` changes nothing."""
        new = [fn(r) for r in self.rows]
        if all(a is b for a, b in zip(new, self.rows)):
            return self
        keep = [i for i in range(len(self.terms)) if new[self.row_of[i]] is not None]
        if not keep:
            return None
        return DisguiseTable(tuple(r if r is not None else self.rows[j] for j, r in enumerate(new)),
                             array("I", (self.row_of[i] for i in keep)), tuple(self.terms[i] for i in keep),
                             tuple(self.keys[i] for i in keep), bytes(self.kinds[i] for i in keep))


#: the disguises of a formulation's wrong number (三个维护 for 两个维护), beside its pinyin: those of a
#: misspelling and its masks (four characters: eight spellings a row, ~1,500 keys in all)
_NUMBER_KINDS = STACKED_KINDS | {"masked"}


def _wrong_number(term: str, correct: str) -> bool:
    """Whether ``term`` is the numbered formulation ``correct`` with another numeral (三个自信, 四个自信)."""
    from .variants import _NUMBERED

    return len(term) == len(correct) and term[1:] == correct[1:] and term[0] != correct[0] and bool(
        _NUMBERED.match(correct)) and bool(_NUMBERED.match(term))


def _disguise_table(rows: list[Entry], taken: set[str], mode: str = "full",
                    pinyin_from: int | None = None, shapes_from: int | None = None,
                    row_keys: set[str] | None = None) -> DisguiseTable | None:
    """Every disguised spelling (:mod:`scanner.disguise`) of ``rows`` (entries of their own, sharing
    the row's id, with the row's term as ``variant_of``; see :func:`_variant_entry`). ``taken``:
    keys not to emit (every row's own key and those already emitted; updated). Rows from index
    ``pinyin_from`` on get their pinyin spellings only (a key term's wrong numbers), rows from index
    ``shapes_from`` on (a key term's misspellings: 习近乎 → 习近丿乎, 习x乎) their masks, look-alike and
    split characters only (:data:`STACKED_KINDS`)."""
    from .disguise import HIGH_RISK_TYPES, SWAP2_TYPES, disguises
    from .variants import _WORDISH_KINDS, _real_words, _stoplist

    stop, covered = _stoplist()
    row_of: list[int] = []
    terms: list[str] = []
    keys: list[str] = []
    kinds: list[int] = []
    kind_no = {k: i for i, k in enumerate(_KINDS)}
    for j, e in enumerate(rows):
        if e.is_allow:
            continue
        pairs = disguises(e.term, high_risk=e.type in HIGH_RISK_TYPES, basic=mode == "basic",
                          swap2=e.type in SWAP2_TYPES and (pinyin_from is None or j < pinyin_from))
        if shapes_from is not None and j >= shapes_from:
            # (not a dropped mask: 习近乎 → 习乎 is a common pair of characters the matcher would check
            # for a mask everywhere, 5,600 times in 400 posts)
            pairs = [(v, k) for v, k in pairs if k in STACKED_KINDS and not (k == "masked" and len(v) < len(e.term))]
        elif pinyin_from is not None and j >= pinyin_from:
            # a wrong number (三个维护) is a misspelling whose disguises read as the formulation's: its
            # pinyin, and a slip and a disguise stacked (五介全面, 五亻丨意识, 三○维护); not its sounds
            pairs = [(v, k) for v, k in pairs if (k == "pinyin" and v.isascii()) or k in _NUMBER_KINDS]
        if not pairs:
            continue
        wordish = [v for v, k in pairs if k in _WORDISH_KINDS]
        real = set(_real_words(e.term, wordish, strict=len(e.term) <= 2)) if (wordish and e.term not in covered) else set()
        for v, kind in pairs:
            if (v in stop or v in real) and not (kind == "masked" and len(v) < len(e.term) == 3):
                continue  # (a dropped mask is checked in the text: 立○院 is no 立院; of a longer term,
                # one seen in ordinary text is a stop string all the same, 社会主义现代化国 and 中关系
                # would be checked for a mask in every other post)
            k = dense(v)
            if not k or (k in taken and not (kind == "masked" and len(k) < len(e.key) and row_keys and k in row_keys)):
                continue  # (a dropped mask joins another row's key, 中港台 → 中□台 next to the row 中台:
                # the matcher checks each entry of a key by its own options; never a row's own key, as
                # the dense view writes it: 市市委 is 市委 there, and its dropped mask no mask at all)
            if dense_runs(v) != k and not e.runs:
                continue  # a variant that makes a repeat collapses into other text
            if row_keys:
                row_keys.discard(k)  # (one dropped mask joins a row's key)
            taken.add(k)
            row_of.append(j)
            terms.append(v)
            keys.append(k)
            kinds.append(kind_no[kind])
    if not terms:
        return None
    return DisguiseTable(tuple(rows), array("I", row_of), tuple(terms), tuple(keys), bytes(kinds))


def _expand_key_terms(rows: list[Entry], problems: list[str]) -> list[Entry]:
    """A ``key_terms`` file lists correct forms (leader names, fixed formulations); every
    misspelt variant (one homophone or look-alike character, see :mod:`scanner.variants`) becomes
    an entry of the automaton whose suggestion is the correct form. All variants of a row share
    its rule id."""
    out: list[Entry] = []
    for e in rows:
        if e.type != "key_term_misspelling":
            problems.append(f"{e.source}: {e.id}: a key_terms file holds key_term_misspelling rows, not {e.type!r}")
            continue
        for v in misspellings(e.term):
            k = dense(v)
            if not k or k == e.key:
                continue
            runs = dense_runs(v)
            if runs != k and not e.runs:
                continue  # a slip that makes a repeat (带一一路) collapses into ordinary text (带一路)
            out.append(replace(e, term=v, key=k, runs=runs if runs != k else "", tail=_tail(v),
                               suggestion=e.suggestion or e.term, variant_of=e.term,
                               message=e.message or f"重要名称或固定表述疑似错写：「{v}」应为「{e.term}」"))
    return out


#: the rule of a leader's title misspelt next to his name (习近平总书计, 李强总里): the key terms a
#: leaders file's rows make (:func:`scanner.variants.title_forms`), varied in the title only
TITLE_SLIP_RULE = "keyterm.leader.title_spelling"
#: a title's slip read alone (国家主習) needs its holder's name within this many characters (习近平总书记、国家主席、
#: 中央军委主習: 14)
TITLE_ALONE_WINDOW = 20
TITLE_SLIP_BASIS = ("党政机关公文处理工作条例(2012)第十九条(审核重点:人名、地名、时间、数字、引文等是否准确);"
                    "国家新闻出版署《报纸期刊质量管理规定》(2020)编校差错率;商业校对服务差错类别·领导人职务错误")


def _title_slip_entries(rows: Sequence[LeaderRow], lexicon: str, category: str) -> list[Entry]:
    """The misspellings of every row's name and title (:func:`scanner.variants.title_misspellings`:
    a slip of the title's sound, shape or order right before or after the name) as entries of the
    automaton, with the name and title written right as suggestion. Every title a person held, now
    or before, counts: a misspelt title is a slip whenever it was held."""
    from .variants import alone_slip_is_word_edge, title_compounds, title_misspellings

    out: list[Entry] = []
    # (with the current titles in a row before the name: 总书记、国家主习、中央军委主席习近平, h13r)
    forms = title_compounds([(r.name, r.title, not r.end) for r in rows])
    # (a right name and title, or any title of the table, is no slip of another)
    seen: set[str] = {c for c, _lo, _hi in forms} | {dense(r.title) for r in rows}
    opts = _OPTIONS.setdefault(MatchOptions(), MatchOptions())
    for (compound, lo, hi), i in forms.items():
        r = rows[i]
        # a title alone (variants.title_alone): its slip only with the holder's name near it
        o = _parse_options(f"ctx={r.name};win={TITLE_ALONE_WINDOW}", dense(compound))[0] if compound == r.title else opts
        for v in title_misspellings(compound, lo, hi):
            k = dense(v)
            if not k or k in seen or dense_runs(v) != k or (o is not opts and alone_slip_is_word_edge(compound, v)):
                continue
            seen.add(k)
            out.append(Entry(
                id=TITLE_SLIP_RULE, term=v, key=k, category=category, type="key_term_misspelling",
                severity="block", suggestion=compound, basis=TITLE_SLIP_BASIS,
                message=(f"领导人职务称谓错写：「{v}」应为「{compound}」" if o is opts else
                         f"领导人职务称谓错写：「{v}」（{r.name}的现任职务）应为「{compound}」"), options=o, lexicon=lexicon,
                source=r.source, note=r.id, variant_of=compound, tail=_tail(v)))
    return out


LEADER_COLUMNS = ("id", "name", "title", "from", "to", "basis", "note")
_DATE_RE = rx.compile(r"^\d{4}-\d{2}-\d{2}$")


def _load_leaders(path: Path, problems: list[str]) -> list[LeaderRow]:
    """The rows of a ``kind = "leaders"`` file: one title a person held, from a date, to a date or
    still (``to`` empty). Checked: the columns, ids, ISO dates, from ≤ to, a basis on every row, and
    one current holder per title at most."""
    got = _header_and_rows(path, problems)
    if got is None:
        return []
    hno, header, rows = got
    if [h for h in header if h not in LEADER_COLUMNS] or [c for c in LEADER_COLUMNS[:6] if c not in header]:
        problems.append(f"{path}:{hno}: a leaders file's columns are {', '.join(LEADER_COLUMNS)}")
        return []
    out: list[LeaderRow] = []
    ids: set[str] = set()
    holders: dict[str, str] = {}
    for no, cells in rows:
        where = f"{path}:{no}"
        row = dict(zip(header, (c.strip() for c in cells)))
        rid, name, title = row.get("id", ""), row.get("name", ""), row.get("title", "")
        start, end, basis = row.get("from", ""), row.get("to", ""), row.get("basis", "")
        bad = []
        if not rid or not _ID_RE.match(rid) or rid in ids:
            bad.append(f"bad or repeated id {rid!r}")
        if not name or not title or not basis:
            bad.append("name, title and basis are required")
        for d in (start, end) if end else (start,):
            try:
                if not _DATE_RE.match(d):
                    raise ValueError
                _date.fromisoformat(d)
            except ValueError:
                bad.append(f"date {d!r} is not YYYY-MM-DD")
        if not bad and end and end < start:
            bad.append(f"'to' {end} is before 'from' {start}")
        if not bad and not end:
            if title in holders and holders[title] != name:
                bad.append(f"{title} has two current holders ({holders[title]}, {name})")
            holders[title] = name
        if bad:
            problems.append(f"{where}: " + "; ".join(bad))
            continue
        ids.add(rid)
        out.append(LeaderRow(rid, name, title, start, end, basis, where))
    return out


def load_leaders(folders: Iterable[str | Path]) -> tuple[LeaderRow, ...]:
    """The rows of every ``kind = "leaders"`` file of these lexicon folders (:func:`load_lexicons`
    reads them with the rest). Raises :class:`LexiconError` on a problem."""
    return tuple(r for f in load_lexicons(folders).files for r in f.leaders)


def _load_examples(path: Path, problems: list[str]) -> list[Example]:
    rows = iter(_read_tsv(path))
    try:
        hno, header = next(rows)
    except StopIteration:
        return []
    if [h.strip() for h in header] != ["expect", "rule", "text"]:
        problems.append(f"{path}:{hno}: examples header must be 'expect<TAB>rule<TAB>text'")
        return []
    out = []
    for no, cells in rows:
        where = f"{path}:{no}"
        if len(cells) != 3:
            problems.append(f"{where}: expected 3 tab-separated cells, got {len(cells)}")
            continue
        expect, rule, text = cells[0].strip(), cells[1].strip(), _unescape(cells[2])
        if expect not in ("hit", "miss"):
            problems.append(f"{where}: expect must be 'hit' or 'miss', not {expect!r}")
            continue
        if expect == "hit" and not rule:
            problems.append(f"{where}: a 'hit' example must name the rule it expects")
            continue
        if not text.strip():
            problems.append(f"{where}: empty example text")
            continue
        out.append(Example(expect, rule, text, where))
    return out


def _load_manifest(folder: Path, problems: list[str], warnings: list[str]) -> tuple[str, list[LexiconFile]]:
    import tomllib  # (only when a file is read: a warm start reads none)

    mpath = folder / "manifest.toml"
    try:
        manifest = tomllib.loads(mpath.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LexiconError(f"{folder}: no manifest.toml") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise LexiconError(f"{mpath}: {e}") from None
    version = str(manifest.get("version", ""))
    if not version:
        problems.append(f"{mpath}: no top-level 'version'")
    files: list[LexiconFile] = []
    for i, spec in enumerate(manifest.get("lexicon", []), 1):
        where = f"{mpath}: lexicon #{i}"
        missing = [k for k in ("name", "file", "category", "version", "source", "licence") if not spec.get(k)]
        if missing:
            problems.append(f"{where}: missing {', '.join(missing)}")
            continue
        name, category = spec["name"], spec["category"]
        if not _NAME_RE.match(name):
            problems.append(f"{where}: bad name {name!r}")
            continue
        if category != ALLOW and category not in TYPES:
            problems.append(f"{where}: unknown category {category!r}")
            continue
        path = folder / spec["file"]
        if not path.is_file():
            problems.append(f"{where}: file {spec['file']} not found")
            continue
        kind = spec.get("kind", "terms")
        if kind not in ("terms", "key_terms", "leaders"):
            problems.append(f"{where}: unknown kind {kind!r} (terms, key_terms or leaders)")
            continue
        leaders: tuple[LeaderRow, ...] = ()
        if kind == "leaders":
            leaders = tuple(_load_leaders(path, problems))
            entries = _title_slip_entries(leaders, name, category)
        else:
            entries = _load_entries(path, name, category, problems, warnings)
        forms: list[Entry] = []
        if kind == "key_terms":
            forms = [e for e in entries if e.type == "key_term_misspelling"]
            entries = _expand_key_terms(entries, problems)
        ex_path = folder / spec["examples"] if spec.get("examples") else None
        examples: list[Example] = []
        if ex_path is not None:
            if ex_path.is_file():
                examples = _load_examples(ex_path, problems)
            else:
                problems.append(f"{where}: examples file {spec['examples']} not found")
        mode = spec.get("disguise", "full")
        if mode not in ("full", "basic", "none"):
            problems.append(f"{where}: disguise must be full, basic or none, not {mode!r}")
            continue
        files.append(LexiconFile(name, path, category, str(spec["version"]), spec["source"],
                                 spec["licence"], ex_path, tuple(entries), tuple(examples), tuple(forms),
                                 "none" if leaders else mode, leaders=leaders))
    return version, files


def _collect(folders: Iterable[str | Path]) -> tuple[str, list[LexiconFile], list[str], list[str]]:
    """Load every manifest folder in order: (version, files, problems, warnings)."""
    problems: list[str] = []
    warnings: list[str] = []
    versions: list[str] = []
    files: list[LexiconFile] = []
    for folder in folders:
        v, fs = _load_manifest(Path(folder), problems, warnings)
        versions.append(v)
        files.extend(fs)
    # ids and names are unique across everything loaded
    seen_ids: dict[str, str] = {}
    seen_names: set[str] = set()
    seen_terms: dict[tuple[str, str], tuple[str, str]] = {}
    for f in files:
        if f.name in seen_names:
            problems.append(f"{f.path}: lexicon name {f.name!r} is used twice")
        seen_names.add(f.name)
        for e in f.entries:
            if e.id in seen_ids:
                if e.variant_of is not None:
                    continue  # the variants of one key term share its id
                problems.append(f"{e.source}: duplicate id {e.id!r} (first at {seen_ids[e.id]})")
            else:
                seen_ids[e.id] = e.source
            k = (e.key, e.type)
            if k in seen_terms and e.options.plain:
                first_lex, first_src = seen_terms[k]
                msg = f"{e.source}: {e.id}: duplicate term {e.term!r} of type {e.type} (first at {first_src})"
                # within one file it is a mistake; across files (a county list repeating a bundled
                # term) it is harmless but worth knowing
                (problems if first_lex == f.name else warnings).append(msg)
            seen_terms.setdefault(k, (f.name, e.source))
    if not problems:
        files = _with_disguises(files)
    version = "+".join(v for v in versions if v) or "0"
    return version, files, problems, warnings


def _with_disguises(files: list[LexiconFile]) -> list[LexiconFile]:
    """Every file with the disguised spellings of its rows (:func:`_disguise_table`)."""
    taken = {e.key for f in files for e in f.entries} | {e.key for f in files for e in f.forms}
    row_keys = set(taken)  # (a dropped mask may join one of these: :func:`_disguise_table`)
    out = []
    for f in files:
        if f.disguise == "none":
            out.append(f)
            continue
        rows = list(f.forms) if f.forms else [e for e in f.entries if e.variant_of is None]
        spelled = len(rows)
        shapes_from = None
        if f.forms:  # a formulation with a wrong number (三个自信) is spelled in pinyin too: sangezixin, sgzx
            rows += [e for e in f.entries if e.variant_of and _wrong_number(e.term, e.variant_of)]
            # and a misspelling is a term the scanner knows: its masks and shapes are disguises too
            shapes_from = len(rows)
            rows += [e for e in f.entries if e.variant_of and len(e.term) <= STACKED_MAX_LEN
                     and not _wrong_number(e.term, e.variant_of)]
        table = _disguise_table(rows, taken, f.disguise, pinyin_from=spelled, shapes_from=shapes_from,
                                row_keys=row_keys)
        out.append(replace(f, variants=table) if table else f)
    return out


def load_lexicons(folders: Iterable[str | Path], *, cache: bool = True) -> LexiconSet:
    """Load every manifest folder in order. Raises :class:`LexiconError` listing all problems.
    With ``cache``, a set loaded before from the same files by the same scanner comes from the
    compiled cache (:mod:`scanner.compiled`); a set with problems is never cached. The folders are
    read by their resolved paths, as the cache key names them: a set cached by a run that named a
    folder relatively (from another working directory) reports the same absolute paths."""
    folders = [Path(f).resolve() for f in folders]

    def build() -> LexiconSet:
        version, files, problems, warnings = _collect(folders)
        if problems:
            raise LexiconError(f"{len(problems)} problem(s) in the lexicons", problems)
        return LexiconSet(version, tuple(files), tuple(warnings))

    from . import compiled

    key = compiled.lexicon_key_or_none(folders) if cache else None
    return build() if key is None else compiled.memo("lexicons", key, build)


def lint(folders: Iterable[str | Path], scanner_factory=None) -> tuple[list[str], list[str]]:
    """Check lexicon folders. Returns (errors, warnings).

    ``scanner_factory(folders) -> Scanner`` is used to run every examples file; without it only
    the files themselves are checked. Examples run only when the files themselves are clean.
    """
    folders = [Path(f) for f in folders]
    try:
        _, files, problems, warnings = _collect(folders)
    except LexiconError as e:
        return [str(e)] + e.problems, []
    for f in files:
        if f.category == ALLOW:
            continue
        with_hit = {ex.rule for ex in f.examples if ex.expect == "hit"}
        for e in f.entries:
            if e.id not in with_hit:
                warnings.append(f"{e.source}: {e.id}: no 'hit' example")
    if scanner_factory is not None and not problems:
        problems.extend(check_examples(scanner_factory(folders)))
    return problems, warnings


def check_examples(scanner, files: Iterable[LexiconFile] | None = None) -> list[str]:
    """Run the examples of ``files`` (default: every file the scanner loaded) through ``scanner``;
    return one message per failed example. Rules are looked up among everything the scanner loaded."""
    failures: list[str] = []
    lexset = scanner.lexicons
    files = list(lexset.files if files is None else files)
    rules_of = {f.name: {e.id for e in f.entries} for f in lexset.files}
    # the rows, and the rules of the detectors (a leaders file's examples name keyterm.leader.title)
    known = {e.id for e in lexset.entries} | {r for d in scanner._detectors for r in getattr(d, "rules", ())}
    for f in files:
        for ex in f.examples:
            if ex.rule and ex.rule not in known and not ex.rule.startswith(("pii.", "secret.mark", "detector.")):
                failures.append(f"{ex.source}: unknown rule {ex.rule!r}")
                continue
            found = {fi.rule for fi in scanner.raw_findings(ex.text)}
            if ex.expect == "hit" and ex.rule not in found:
                failures.append(f"{ex.source}: expected {ex.rule} to hit: {ex.text!r}")
            elif ex.expect == "miss":
                bad = (found & {ex.rule}) if ex.rule else (found & rules_of.get(f.name, set()))
                if bad:
                    failures.append(f"{ex.source}: expected no {', '.join(sorted(bad))}: {ex.text!r}")
    return failures
