"""The compiled cache (scanner/compiled.py): lexicons loaded once are loaded from the cache by the
next process; a changed lexicon file (even one of the same size) makes a new key and the stale
file is never read; results are byte-identical with and without the cache; ``scanner lexicon
build`` writes it; a folder someone else can write to is never used."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import orjson
import pytest

from scanner import cache, compiled, lexicon
from tests.conftest import FIXTURE_LEX, official_texts, scanner_cmd


@pytest.fixture()
def cache_folder(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GOVSCAN_CACHE_DIR", str(folder))
    monkeypatch.delenv("GOVSCAN_NO_CACHE", raising=False)
    cache.cache_dir.cache_clear()
    yield folder
    cache.cache_dir.cache_clear()


@pytest.fixture()
def lex(tmp_path):
    dst = tmp_path / "lex"
    shutil.copytree(FIXTURE_LEX, dst)
    return dst


def _spy_collect(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = lexicon._collect

    def spy(folders):
        calls.append(1)
        return real(folders)

    monkeypatch.setattr(lexicon, "_collect", spy)
    return calls


def test_second_load_comes_from_the_cache(cache_folder, lex, monkeypatch):
    calls = _spy_collect(monkeypatch)
    first = lexicon.load_lexicons([lex])
    assert calls == [1] and list(cache_folder.glob("lexicons.*.pickle"))
    second = lexicon.load_lexicons([lex])
    assert calls == [1]  # not parsed again
    assert second == first


def test_a_folder_named_relatively_is_cached_by_its_absolute_path(cache_folder, lex, monkeypatch):
    # a set cached by a run that named its folder relatively must not report that relative path to
    # a run from another working directory (the key is over resolved paths, so is the set)
    calls = _spy_collect(monkeypatch)
    monkeypatch.chdir(lex.parent)
    first = lexicon.load_lexicons([lex.name])
    monkeypatch.chdir(cache_folder.parent.parent)
    second = lexicon.load_lexicons([lex])
    assert calls == [1]  # the second came from the cache
    for s in (first, second):
        assert {f.path.parent for f in s.files} == {lex.resolve()}
        assert all(f.path.is_absolute() for f in s.files)


def test_a_changed_file_of_the_same_size_is_seen(cache_folder, lex, monkeypatch):
    calls = _spy_collect(monkeypatch)
    lexicon.load_lexicons([lex])
    tsv = lex / "wording.tsv"
    st = tsv.stat()
    text = tsv.read_text(encoding="utf-8")
    edited = text.replace("赌博", "赌钱")  # same length in bytes
    assert edited != text and len(edited.encode()) == len(text.encode())
    tsv.write_text(edited, encoding="utf-8")
    os.utime(tsv, ns=(st.st_atime_ns, st.st_mtime_ns))  # even with the old time
    again = lexicon.load_lexicons([lex])
    assert calls == [1, 1]
    assert "赌钱" in {e.term for e in again.entries} and "赌博" not in {e.term for e in again.entries}
    assert len(list(cache_folder.glob("lexicons.*.pickle"))) == 2


def test_a_lexicon_with_problems_is_never_cached(cache_folder, lex):
    with open(lex / "wording.tsv", "a", encoding="utf-8") as f:
        f.write("t.bad\t\tnot_a_type\n")
    with pytest.raises(lexicon.LexiconError):
        lexicon.load_lexicons([lex])
    assert not list(cache_folder.glob("lexicons.*.pickle"))


_DUMP = """
import sys, orjson
from scanner import Scanner
s = Scanner()
texts = orjson.loads(open(sys.argv[1], "rb").read())
sys.stdout.buffer.write(orjson.dumps([s.scan(t).to_dict() for t in texts]))
"""


def test_results_are_byte_identical_with_and_without_the_cache(tmp_path):
    """Three processes: no cache; an empty cache (built and written); the written cache (read)."""
    texts = [t for _, t in official_texts()[::97]] + ["台湾总统发表讲话，张伟，男，身份证号11010519491231002X，电话13812345678"]
    src = tmp_path / "texts.json"
    src.write_bytes(orjson.dumps(texts))
    folder = tmp_path / "cache"

    def run(**env):
        p = subprocess.run([sys.executable, "-c", _DUMP, str(src)], capture_output=True, timeout=300,
                           env=dict(os.environ, GOVSCAN_CACHE_DIR=str(folder), **env))
        assert p.returncode == 0, p.stderr.decode()
        return p.stdout

    plain = run(GOVSCAN_NO_CACHE="1")
    assert not folder.exists() or not list(folder.glob("*.pickle"))
    building = run()
    assert {p.name.split(".")[0] for p in folder.glob("*.pickle")} == {
        "lexicons", "automaton", "scanner_matcher", "name_tagger", "norm_tables", "traditional", "regex", "gates",
        "compositional_repairs", "compositional_initials", "row_first_chars", "prohibited_lm"}
    cached = run()
    assert plain == building == cached and len(orjson.loads(plain)) == len(texts)


def test_a_folder_others_can_write_to_is_not_used(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("GOVSCAN_CACHE_DIR", str(shared))
    cache.cache_dir.cache_clear()
    try:
        assert cache.cache_dir() is None
        assert compiled.store("k", {"x": 1}) is None
    finally:
        cache.cache_dir.cache_clear()


def test_lexicon_build_command_writes_the_cache(tmp_path):
    folder = tmp_path / "cache"
    env = dict(os.environ, GOVSCAN_CACHE_DIR=str(folder))
    p = subprocess.run(scanner_cmd() + ["lexicon", "build"], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    assert list(folder.glob("lexicons.*.pickle")) and str(folder) in p.stdout
    p = subprocess.run([sys.executable, "-c", "from scanner import Scanner; print(Scanner().scan('台湾总统').verdict)"],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.stdout.strip() == "block"


def test_the_automaton_is_cached_by_its_terms(cache_folder):
    """Two term lists, two cache files; each matcher finds its own terms, never the other's."""
    from scanner.matcher import _Daachorse

    a = _Daachorse(["台湾总统", "内部资料"])
    b = _Daachorse(["台湾总统", "注意保存"])
    assert len(list(cache_folder.glob("automaton.*.pickle"))) == 2
    again = _Daachorse(["台湾总统", "内部资料"])  # from the cache
    assert len(list(cache_folder.glob("automaton.*.pickle"))) == 2
    text = "内部资料，注意保存"
    assert [i for _, _, i in a.find(text)] == [1] == [i for _, _, i in again.find(text)]
    assert [i for _, _, i in b.find(text)] == [1] and b.find(text)[0][0] == 5


def test_a_warm_scanner_reads_its_lexicon_set_only_when_asked(cache_folder, lex, monkeypatch):
    """The matcher comes from the cache; the lexicon files (examples, sources) are read on first
    use of ``Scanner.lexicons`` — from the cache too — and equal what a cold build loaded."""
    from scanner import Scanner

    cold = Scanner(bundled_lexicons=False, lexicon_dirs=[str(lex)])
    assert cold._lexicons is not None  # the cold build keeps the set it parsed
    calls = _spy_collect(monkeypatch)
    warm = Scanner(bundled_lexicons=False, lexicon_dirs=[str(lex)])
    assert warm._lexicons is None and warm.lexicon_version == cold.lexicon_version
    assert warm.scan("网络赌博").to_dict() == cold.scan("网络赌博").to_dict()
    assert warm.lexicons == cold.lexicons and warm.info() == cold.info()
    assert calls == []  # the set came from the cache, not from the files


def test_packed_columns_read_like_the_tuples_they_replace():
    """The compiled cache's columns (scanner/columns.py) give back what was packed, one item at a
    time, the same object on every read, with a clear error past the end."""
    import pickle

    from scanner.columns import PackedColumn, StrColumn

    rows = [("赌博", 1), (), ("台湾总统", None)]
    col = pickle.loads(pickle.dumps(PackedColumn(rows)))
    assert len(col) == 3 and list(col) == rows and col[-1] == rows[-1]
    assert col[0] is col[0] and col[0:2] == rows[0:2] and col[-2:] == rows[-2:]
    with pytest.raises(IndexError):
        col[3]
    words = ("赌博", "", "𠀀博彩", "a")
    s = pickle.loads(pickle.dumps(StrColumn(words)))
    assert len(s) == 4 and tuple(s) == words and s[-2] == "𠀀博彩" and s[1:3] == ["", "𠀀博彩"]
    with pytest.raises(IndexError):
        s[4]
    assert s == words and words == s and col == rows and s != ("赌博",)
