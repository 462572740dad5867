"""scanner/rx.py: compiled regular expressions kept between processes."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from scanner import rx
from tests.conftest import REPO

_COUNT = """
from scanner import Scanner, rx
s = Scanner()
# texts that reach every default detector's lazily used parts (a first scan must not compile
# patterns of its own: the CLI and every rescan or service worker would pay for them each time)
for text in ("出售仿真枪，加微信", "本公司尚未公开的客户名单", "居民巫海峰系精神分裂症患者，身份证号110101199003074514",
             "密级：机密★10年", "账号admin 密码Abc@12345", "台湾总统发表讲话"):
    s.scan(text)
print(rx.compiled_here)
"""


def _run(cache) -> int:
    env = {**os.environ, "GOVSCAN_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO)}
    env.pop("GOVSCAN_NO_CACHE", None)
    p = subprocess.run([sys.executable, "-c", _COUNT], env=env, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    return int(p.stdout.split()[-1])


@pytest.mark.skipif(not rx._OK, reason="the interpreter's regex internals are not the ones rx.py reads")
def test_a_second_process_compiles_no_pattern_again_even_when_it_scans(tmp_path):
    assert _run(tmp_path) > 20  # the first start compiles the scanner's patterns and keeps them
    assert _run(tmp_path) == 0  # the next one takes every one from the cache


@pytest.mark.skipif(not rx._OK, reason="the interpreter's regex internals are not the ones rx.py reads")
def test_every_cached_pattern_equals_what_re_compile_makes():
    from scanner import Scanner

    Scanner()
    entries = {**(rx._known or {}), **rx._new}
    assert len(entries) > 20
    for (pattern, flags), args in entries.items():
        import _sre

        assert _sre.compile(pattern, *args) == re.compile(pattern, flags), pattern[:60]


def test_a_bad_cache_entry_is_compiled_anew(monkeypatch):
    pattern = r"姓名[:：](?P<x>[\u4e00-\u9fff]{2,3})"
    monkeypatch.setattr(rx, "_known", {(pattern, 0): (0, [1, 2, 3], 0, {}, (None,))})  # not valid SRE code
    got = rx.compile(pattern)
    assert got == re.compile(pattern)
    assert got.search("申请人姓名：王小明，").group("x") == "王小明"


def test_errors_and_non_str_patterns_behave_like_re():
    with pytest.raises(re.error):
        rx.compile("(unclosed")
    assert rx.compile(rb"\d+").match(b"123").group() == b"123"
    assert rx.compile("ab", re.I).match("AB")


@pytest.mark.skipif(not rx._OK, reason="the interpreter's regex internals are not the ones rx.py reads")
def test_a_full_cache_keeps_only_what_the_writing_process_used(monkeypatch):
    from scanner import compiled

    monkeypatch.setattr(rx, "MAX_PATTERNS", 1)
    monkeypatch.setattr(rx, "_known", {("zz-not-used", 0): rx._compile_code("zz-not-used", 0)})
    monkeypatch.setattr(rx, "_new", {})
    monkeypatch.setattr(rx, "_used", set())
    rx.compile("甲乙丙[一-龥]+")
    rx.save()
    kept = compiled.load(rx._KEY, "regex")
    if kept is None:
        pytest.skip("no writable cache folder")
    assert ("甲乙丙[一-龥]+", 0) in kept and ("zz-not-used", 0) not in kept


@pytest.mark.parametrize("pattern, want", [
    ("abc", {"a"}),
    ("(?:家庭)?(?:人均)?(?:月|年)?收入", set("家人月年收")),
    ("(?<![0-9])[0-9]{2}岁", set("0123456789")),
    ("(?:ab|cd)*e", {"a", "c", "e"}),
    ("a{0,3}b", {"a", "b"}),
    ("(?=q)z", {"z"}),
    ("[a-c\\-]x", {"a", "b", "c", "-"}),
])
def test_first_chars_holds_every_first_character(pattern, want):
    cls = rx.first_chars(pattern)
    assert cls is not None
    assert {c for c in map(chr, range(0x10000)) if re.fullmatch(f"[{cls}]", c)} == want


@pytest.mark.parametrize("pattern", ["a?", "x|y?", "\\d+", "[^a]b", ".b", "(a)?\\1b", "(?>ab)c", "[\u4e00-\u9fff]x"])
def test_first_chars_gives_up_where_it_cannot_tell(pattern):
    assert rx.first_chars(pattern, limit=400) is None  # (empty match, category, negation, any, back-reference, atomic, too many)
    assert rx.first_chars("Ab", re.IGNORECASE) is None


def test_first_chars_look_ahead_finds_the_same_matches():
    """The sensitive-attribute rows behind their look-ahead find exactly what they find alone, on
    their own examples run together with text around them (windows starting anywhere)."""
    from scanner import Scanner
    from scanner.detectors import sensitive

    Scanner()
    rows, searchers = sensitive.attribute_rows(), sensitive._row_searchers()
    assert sum(p is not r.pattern for p, r in zip(searchers, rows)) >= 15  # most rows have a look-ahead
    text = "，".join(f"据悉{r.hit}另{r.miss}" for r in rows) + "。家庭人均月收入3000元，今年12岁的小明在读小学三年级"
    for r, p in zip(rows, searchers):
        for a in range(0, len(text), 7):
            b = min(len(text), a + 90)
            assert [(m.span(), m.groups()) for m in p.finditer(text, a, b)] == \
                [(m.span(), m.groups()) for m in r.pattern.finditer(text, a, b)], r.id
