"""Property: for every finding, text[f.start:f.end] == f.text in the ORIGINAL text, whatever
normalisation ran; and findings are sorted and the verdict matches them."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scanner.model import verdict_of

CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
ASCII = st.characters(min_codepoint=0x20, max_codepoint=0x7E)
FULLWIDTH = st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E)
EMOJI = st.sampled_from(["😀", "👍", "🇨🇳", "𠀀", "𝐀", "①", "⑴", "İ", "\ud800"])
NOISE = st.sampled_from(list("*.-_ \u200b\u200d\ufeff\u3000\n·•|/") + ["\u202e"])
TERMS = st.sampled_from(["台湾总统", "臺灣總統", "赌博", "賭博", "口交", "路口交通", "共产党", "共产", "村长",
                         "立法院", "SB", "ｓｂ", "北朝鲜", "421124199003151231", "13812345678", "机密★10年",
                         "密级：秘密", "a@b.cn"])


def _disguise(term, noise):
    return noise.join(term) if noise else term


PIECE = st.one_of(
    st.text(CHINESE, max_size=6), st.text(ASCII, max_size=6), st.text(FULLWIDTH, max_size=4), EMOJI, NOISE,
    TERMS, st.builds(_disguise, TERMS, st.sampled_from(["", "*", " ", "\u200b", ".", " * "])),
)
TEXTS = st.lists(PIECE, max_size=30).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_offsets_are_exact_in_the_original_text(text):
    from tests.conftest import FIXTURE_LEX
    from scanner import Scanner

    global _S
    try:
        s = _S
    except NameError:
        s = _S = Scanner(lexicon_dirs=[str(FIXTURE_LEX)])  # bundled + fixture lexicons
    result = s.scan(text)
    starts = [f.start for f in result.findings]
    assert starts == sorted(starts)
    for f in result.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.text
    for f in s.raw_findings(text):
        assert text[f.start:f.end] == f.text
    assert result.verdict == verdict_of(result.findings)
    # same-category findings never overlap after merging
    by_cat = {}
    for f in result.findings:
        by_cat.setdefault(f.category, []).append(f)
    for fs in by_cat.values():
        for a, b in zip(fs, fs[1:]):
            assert a.end <= b.start
