"""Every bundled lexicon loads cleanly and every one of its examples behaves."""
import pytest

from scanner import Scanner, bundled_lexicon_dir, load_lexicons
from scanner.lexicon import check_examples, lint

LEXSET = load_lexicons([bundled_lexicon_dir()])


@pytest.mark.parametrize("lexfile", LEXSET.files, ids=[f.name for f in LEXSET.files])
def test_examples(scanner, lexfile):
    failures = check_examples(scanner, [lexfile])
    assert not failures, "\n".join(failures)


def test_every_deny_entry_has_a_basis_and_a_hit_example():
    for f in LEXSET.files:
        if f.category == "allow":
            continue
        hits = {ex.rule for ex in f.examples if ex.expect == "hit"}
        missing = [e.id for e in f.entries if e.id not in hits]
        assert not missing, f"{f.name}: entries without a hit example: {missing[:20]}"
        assert all(e.basis for e in f.entries)


def test_lint_is_clean():
    errors, _ = lint([bundled_lexicon_dir()], scanner_factory=lambda d: Scanner(bundled_lexicons=False,
                                                                               lexicon_dirs=[str(x) for x in d]))
    assert errors == []


def test_first_lexicon_set_size():
    by_type = {}
    for e in LEXSET.entries:
        by_type[e.type] = by_type.get(e.type, 0) + 1
    xinhua = next(f for f in LEXSET.files if f.name == "xinhua_style")
    assert len(xinhua.entries) >= 100
    assert by_type.get("internal_marker", 0) >= 20
    assert by_type.get("prohibited_content", 0) >= 100
