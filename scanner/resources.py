"""Where the files shipped beside the code are: in a wheel under ``scanner/_bundled/`` (pyproject
``force-include``), in a source checkout beside the package (``lexicons/``, ``models/``)."""
from __future__ import annotations

from pathlib import Path

from .errors import LexiconError

__all__ = ["bundled_candidates", "bundled_lexicon_dir", "data_names", "find_bundled"]


def bundled_candidates(*parts: str) -> tuple[Path, Path]:
    """The wheel location and the source-tree location of ``lexicons/...`` or ``models/...``."""
    here = Path(__file__).resolve().parent
    return here.joinpath("_bundled", *parts), here.parent.joinpath(*parts)


def find_bundled(*parts: str, marker: str) -> Path | None:
    """The first of :func:`bundled_candidates` that holds the file ``marker``, or None."""
    for cand in bundled_candidates(*parts):
        if (cand / marker).is_file():
            return cand
    return None


def bundled_lexicon_dir() -> Path:
    """The lexicons shipped with the package (wheel) or beside the source tree (editable)."""
    found = find_bundled("lexicons", marker="manifest.toml")
    if found is None:
        raise LexiconError(f"no bundled lexicons found (looked in {', '.join(map(str, bundled_candidates('lexicons')))})")
    return found


def data_names(filename: str) -> frozenset[str]:
    """The whitespace-separated names of ``scanner/data/<filename>``, comment lines (``#``) skipped."""
    path = Path(__file__).resolve().parent / "data" / filename
    return frozenset(w for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("#") for w in line.split())
