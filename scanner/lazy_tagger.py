"""The person-name CRF (:mod:`scanner.name_tagger`) behind a stand-in that loads it on first use.

The tagger's tables (~30 MB) and NumPy, which they need, are about 0.1 s of a fresh process; a
:class:`scanner.Scanner` is built without them and the first scan that asks the model anything
(a name's window, the linker's given-name scores) loads them once (``Scanner.warm_up()`` loads them
ahead, as the service does before its first request). This module imports neither NumPy nor the
tagger, so the name detectors can hold a tagger without loading one."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .resources import find_bundled

MODEL_NAME = "zh_name_crf"


def model_path() -> Path | None:
    """The shipped model: inside the wheel (``scanner/_bundled/models``) or the source tree."""
    return find_bundled("models", MODEL_NAME, marker="model.npz")


class LazyTagger:
    """Stands in for :func:`scanner.name_tagger.load_tagger`'s tagger: the first attribute asked
    loads it and is kept on the stand-in, so every later access is a plain attribute lookup."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # (copy, pickle and friends ask for optional dunders)
            raise AttributeError(name)
        value = getattr(real_tagger(), name)
        setattr(self, name, value)
        return value

    def load(self) -> None:
        """Load the tagger now."""
        real_tagger()


def real_tagger():
    from .name_tagger import load_tagger

    return load_tagger()


def lazy_tagger() -> LazyTagger | None:
    """A stand-in for the shipped tagger, or None when the model is not installed (then the
    detectors run without it, as with ``load_tagger() is None``)."""
    if model_path() is None:
        return None
    return LazyTagger()
