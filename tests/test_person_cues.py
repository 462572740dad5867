"""scanner/detectors/person_cues.py: what the name detectors share, in a leaf module (no import circle)."""
from __future__ import annotations

import ast
from pathlib import Path

from scanner.detectors import names, names_nlp, person_cues, sensitive

DETECTORS = Path(__file__).resolve().parent.parent / "scanner" / "detectors"


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (function-level imports included), relative ones as written."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            out.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_no_import_circle_between_the_name_detectors():
    # names imports sensitive; sensitive and the shared module must not import names or names_nlp back
    assert {".names", ".names_nlp"}.isdisjoint(_imported_modules(DETECTORS / "sensitive.py"))
    assert {".names", ".names_nlp", ".sensitive"}.isdisjoint(_imported_modules(DETECTORS / "person_cues.py"))


def test_no_import_circle_between_lexicon_and_variants():
    # (issue 14: lexicon imports variants; the stoplist builder's constants live in variants, no import back)
    scanner_dir = DETECTORS.parent
    assert ".lexicon" not in _imported_modules(scanner_dir / "variants.py")
    assert ".variants" in _imported_modules(scanner_dir / "lexicon.py")


def test_the_detectors_share_one_definition():
    assert names.beside_official_title is person_cues.beside_official_title is names_nlp.beside_official_title
    assert names._minority_name_re is person_cues.minority_name_re
    assert sensitive.ORG_AFTER is names_nlp.ORG_AFTER is person_cues.ORG_AFTER


def test_official_titles_beside_a_name():
    v = "国务院总理　　李强会见张伟县长，村民王芳参加"
    s = v.index("李强")
    assert person_cues.beside_official_title(v, s, s + 2)  # across full-width spaces
    s = v.index("张伟")
    assert person_cues.official_title_after(v, s + 2) and not person_cues.official_title_before(v, s)
    s = v.index("王芳")
    assert not person_cues.beside_official_title(v, s, s + 2)
    v = "当选全国政协委员的杨洋"
    assert person_cues.official_title_before(v, v.index("杨洋"))


def test_minority_name_parts():
    pattern, firsts, lasts = person_cues.minority_name_re()
    assert pattern.fullmatch("阿依古丽·吐尔逊") and "阿" in firsts
    assert not pattern.fullmatch("张伟")
