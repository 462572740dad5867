"""scripts/build_prohibited_thesaurus.py (issue 16, h16w): a thesaurus's synonym groups lend the known
prohibited terms' findings to unlisted members, under a purity rule; entries get their words' synonyms.
The thesaurus (同义词词林扩展版) states no redistribution licence: nothing derived from it is bundled,
the builder writes a folder a deployment loads with ``lexicon_dirs``. These tests use a small
thesaurus written here (the real one is not in the repository or the shared data)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

CILIN = """Hn06A01= 狎妓 嫖妓 嫖娼 嫖
Hi58A02= 蹂躏 践踏 作践 鱼肉 残害 强奸 糟踏 动手动脚 施暴 轮奸
Bo27B10# 手枪 左轮 发令枪
He03B01= 出售 贩卖 售卖
Bo27B01= 枪支 枪械
Bo27B01= 军火
"""


def _t():
    sys.path.insert(0, str(REPO / "scripts"))
    sys.path.insert(0, str(REPO / "benchmarks"))
    spec = importlib.util.spec_from_file_location("build_prohibited_thesaurus", REPO / "scripts" / "build_prohibited_thesaurus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_reads_utf8_and_gbk_and_merges_a_code_given_twice(tmp_path):
    t = _t()
    for enc in ("utf-8", "gbk"):
        p = tmp_path / f"c-{enc}.txt"
        p.write_bytes(CILIN.encode(enc))
        g = t.read_cilin(p)
        assert g["Hn06A01="] == ["狎妓", "嫖妓", "嫖娼", "嫖"]
        assert g["Bo27B01="] == ["枪支", "枪械", "军火"]  # the thesaurus writes eight codes twice
        assert "Bo27B10#" in g


def test_a_pure_synonym_group_lends_its_members_a_mixed_one_does_not(tmp_path):
    t = _t()
    p = tmp_path / "c.txt"
    p.write_text(CILIN, encoding="utf-8")
    g = t.read_cilin(p)
    known = {w: ("prohibited_content", "block", "prohibited_content") for w in ("嫖妓", "嫖娼", "嫖", "强奸", "轮奸", "手枪")}
    out = t.expand_groups(g, known, min_known=2, min_frac=0.5, levels="=")
    assert out["狎妓"] == ("Hn06A01=", ["嫖妓", "嫖娼", "嫖"])
    # 强奸 and 轮奸 stand among words of another sense (蹂躏 践踏): 2 of 10 known, no member lent
    assert not {"蹂躏", "践踏", "施暴"} & set(out)
    # a group of related words (#) is read only when asked for, and needs its own known members
    assert "左轮" not in out
    assert "左轮" not in t.expand_groups(g, known, 2, 0.5, "=#")  # one known member of three
    assert "左轮" in t.expand_groups(g, known, 1, 0.25, "=#")


def test_substitution_keeps_the_entry_and_replaces_one_word(tmp_path):
    t = _t()
    p = tmp_path / "c.txt"
    p.write_text(CILIN, encoding="utf-8")
    g = t.read_cilin(p)
    out = t.substitutions(["供应枪支", "枪支"], g, "=")
    assert out["供应枪械"] == ("供应枪支", "枪支", "枪械", "Bo27B01=")
    assert "供应军火" in out
    assert "枪械" not in out  # an entry of one word is the group rule's business


def test_rows_cite_their_group_and_seeds_and_are_review():
    t = _t()
    rows = t.rows_of([("狎妓", "prohibited_content", "review", "b; 同义词词林扩展版 Hn06A01= 同组已知: 嫖妓|嫖娼|嫖", "n", "group")])
    f = rows[0].split("\t")
    assert f[0].startswith("prohibited.thes.group.") and f[1] == "狎妓" and f[3] == "review"
    assert "Hn06A01=" in f[5] and "嫖妓|嫖娼|嫖" in f[5]
    assert f[7].startswith("word;")


def test_thesaurus_rows_are_not_bundled_but_build_into_a_folder_of_ones_own(tmp_path):
    from scanner import Scanner
    from scanner.lexicon import load_lexicons
    from scanner.resources import bundled_lexicon_dir
    from tests.conftest import DATA

    bundled = load_lexicons([bundled_lexicon_dir()])
    assert not any(e.id.startswith("prohibited.thes.") for e in bundled.entries)
    assert not list(bundled_lexicon_dir().rglob("*thesaurus*"))
    t = _t()
    p = tmp_path / "c.txt"
    p.write_text(CILIN, encoding="utf-8")
    with pytest.raises(SystemExit):  # no --out: the rows are never written into the bundled set
        t.main(["--cilin", str(p), "--data", str(DATA)])
    if not (DATA / "sensitive-lexicon-konsheng").is_dir():
        pytest.skip("the training lists are absent from the shared data")
    out = tmp_path / "thes"
    assert t.main(["--cilin", str(p), "--data", str(DATA), "--out", str(out), "--min-known", "2"]) == 0
    rows = [ln.split("\t") for ln in (out / "prohibited_thesaurus.tsv").read_text(encoding="utf-8").splitlines()
            if ln and not ln.startswith(("#", "id\t"))]
    assert rows, "the small thesaurus lends at least one row"
    sc = Scanner(lexicon_dirs=[str(out)])
    for f in rows[:20]:
        text = t.HIT.format(f[1]) if f[2] == "prohibited_content" else t.HIT_BANNED.format(f[1])
        # (before the merge: a compositional block over the same span, 出售冰毒, wins the reported finding)
        assert f[0] in {x.rule for x in sc.raw_findings(text)}, f[:2]
        assert f[0] not in {x.rule for x in Scanner().raw_findings(text)}
