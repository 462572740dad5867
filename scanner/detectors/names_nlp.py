"""Opt-in statistical person-name finder: a character CRF trained on public NER sets.

The default name detector (:mod:`.names`) reports a name only next to a cue (姓名：, 村民, 先生,
a 公示 row). This one also finds names in free text (``昨天王小明在公园散步``, ``斯图尔特·卡里``,
nicknames on Weibo) with the CRF of :mod:`scanner.name_tagger`: each character gets its
probability of being part of a name, and every run of characters at or above the threshold is a
candidate. The CRF is trained by ``models/build_name_tagger.py`` on the *train* splits of the
CLUENER, Resume and Weibo NER sets (``benchmarks/bench_ner_nlp.py`` measures it on the held-out
splits); the shipped model stores weights only.

*Filters* shared with :mod:`.names`: a name next to an official title (书记, 县长, 局长 …) or on the
configured ``public_officials`` list is a public official acting in office and is not reported;
masked names (张某, 李某某) are not names; a candidate followed by an organisation or place word
(…公司, …镇) is not a person.

Findings are ``personal_data`` / ``person_name`` / ``info`` with the suggestion 姓 + 某 (某某 for a
name without a Chinese surname), like the cue detector's. The detector is immutable after
construction and can be shared by threads. When the model folder is missing it raises at
construction (``scanner`` then names the missing folder), never silently finds nothing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import rx
from ..model import Finding
from ..normalize import Views
from .names import _BASIS_NAME, masked_name, trim_function_char
from .person_cues import OFFICIAL_TITLES, ORG_AFTER, beside_official_title

if TYPE_CHECKING:  # (the tagger and NumPy load when this opt-in detector is built)
    from ..name_tagger import NameTagger

__all__ = ["THRESHOLD", "NlpNameDetector"]

_NAME_CHAR = rx.compile(r"[\u3400-\u9fffA-Za-z]")
_EDGE = "，。、；：？！“”‘’（）《》【】「」『』…—,.;:?!\"'()[]<>-~/|·• \t\r\n\u3000"
_TITLE = rx.compile("|".join(sorted(OFFICIAL_TITLES, key=lambda t: (-len(t), t))))  # (Han only: nothing to escape)
_TITLE_LEN = max(map(len, OFFICIAL_TITLES))
_WITH_ORIGINAL = rx.compile(r"[\u3400-\u9fff·\-]{2,16}[(（][a-z][a-z .\-·]{2,60}([)）]?)")
#: A character belongs to a name when the CRF gives it at least this probability. The shipped
#: model carries its own, calibrated by cross-validation on the train splits
#: (models/build_name_tagger.py: the lowest threshold whose out-of-fold precision is >= 0.8);
#: this value is used for a model without one.
THRESHOLD = 0.2


class NlpNameDetector:
    """Person names in free text (opt-in; see the module docstring)."""

    name = "person_name_nlp"
    categories = frozenset({"personal_data"})
    rules = ("pii.person_name",)

    def __init__(self, public_officials: tuple[str, ...] = (), *,
                 threshold: float | None = None, tagger: NameTagger | None = None) -> None:
        from ..name_tagger import load_tagger

        self.public_officials = frozenset(public_officials)
        self.tagger = tagger or load_tagger()
        if self.tagger is None:
            raise FileNotFoundError("the person-name model is missing (models/zh_name_crf/model.npz); "
                                    "rebuild it with models/build_name_tagger.py")
        if threshold is None:
            threshold = self.tagger.meta.get("calibration", {}).get("threshold", THRESHOLD)
        self.threshold = float(threshold)

    @classmethod
    def from_config(cls, config) -> NlpNameDetector:
        """The detector for a :class:`scanner.ScannerConfig` (its public-officials list)."""
        return cls(public_officials=config.public_officials)

    # ------------------------------------------------------------------ entry point
    def detect(self, views: Views) -> list[Finding]:
        """The person_name findings of the CRF's names in ``views`` (offsets in the original text)."""
        v = views.vis
        out: list[Finding] = []
        for s, e, p in self.spans(v):
            start, end = views.vis_span(s, e)
            name = v[s:e]
            out.append(Finding(start=start, end=end, text=views.text[start:end], category="personal_data",
                               type="person_name", severity="info", rule="pii.person_name",
                               message="疑似个人姓名（统计模型识别）：公开发布个人信息须有法定依据并遵循最小必要原则",
                               suggestion=masked_name(name, views.text[start:end]), basis=_BASIS_NAME,
                               score=round(0.5 + p / 4, 3)))
        return out

    def spans(self, v: str) -> list[tuple[int, int, float]]:
        """(start, end, probability) of every name in ``v`` (the ``vis`` view), in order."""
        from ..name_tagger import runs

        out = []
        p = self.tagger.probabilities(v)
        for s, e in runs(p, self.threshold):
            while s < e and v[s] in _EDGE:
                s += 1
            while e > s and v[e - 1] in _EDGE:
                e -= 1
            e = trim_function_char(v, s, e)  # 沈志为好友
            if e - s > 20:  # only a transliteration followed by the original: 透纳(joseph mallord william turner)
                m = _WITH_ORIGINAL.fullmatch(v, s, e)
                if not m:
                    continue
                if not m.group(1) and e < len(v) and v[e] in ")）":
                    e += 1  # the closing bracket was trimmed as an edge
            if e - s < 2:
                continue
            if not _NAME_CHAR.search(v[s:e]) or self._excluded(v, s, e):
                continue
            out.append((s, e, float(p[s:e].max())))
        return out

    def _excluded(self, v: str, s: int, e: int) -> bool:
        """Whether the CRF's run ``v[s:e]`` is not a private person's name: listed, masked, an
        organisation or place, or an official beside (or run into) a title."""
        name = v[s:e]
        if name in self.public_officials or "某" in name:
            return True
        if v[e:e + 4].startswith(ORG_AFTER):
            return True
        # 张伟县长: the model's run may take in the first character of the title after the name (a
        # title starting anywhere from the name's third character on; one search in C, not a
        # startswith per position and title)
        m = _TITLE.search(v, s + 2, min(len(v), e - 1 + _TITLE_LEN))
        if m is not None and m.start() < e:
            return True
        # 总理　　李克强, 民航总局局长⏎刘金国: a title across spaces or a line break still counts
        return beside_official_title(v, s, e)
