"""Pattern detectors: each is a small class with a ``name`` and ``detect(views) -> list[Finding]``.

Detectors run on the ``vis`` view (normalised, invisible characters removed) with compiled
regular expressions gated by cheap substring checks, and report offsets in the original text.
"""
from __future__ import annotations

from typing import Protocol

from ..model import Finding
from ..normalize import Views
from .compositional import CompositionalDetector
from .credentials import CredentialDetector
from .marks import ClassificationMarkDetector
from .names_nlp import NlpNameDetector
from .pii import PersonalDataDetector
from .prohibited_model import ProhibitedModelDetector
from .wording import WordingRuleDetector

__all__ = ["Detector", "ClassificationMarkDetector", "CompositionalDetector", "CredentialDetector", "PersonalDataDetector", "ProhibitedModelDetector", "WordingRuleDetector", "BUILTIN_DETECTORS"]


class Detector(Protocol):
    name: str
    rules: tuple[str, ...]
    categories: frozenset[str]  # the SPEC categories its findings can have

    def detect(self, views: Views) -> list[Finding]: ...


BUILTIN_DETECTORS = {
    ClassificationMarkDetector.name: ClassificationMarkDetector,
    PersonalDataDetector.name: PersonalDataDetector,
    CredentialDetector.name: CredentialDetector,
    CompositionalDetector.name: CompositionalDetector,
    NlpNameDetector.name: NlpNameDetector,
    WordingRuleDetector.name: WordingRuleDetector,
    ProhibitedModelDetector.name: ProhibitedModelDetector,
}
