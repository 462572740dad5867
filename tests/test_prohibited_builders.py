"""scripts/build_prohibited_ngrams.py's modifier × media word compositions (issue 16, h16d): a modifier
seen before enough media words in the training entries is written before every frequent media word,
unless general text holds the result."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _builder():
    sys.path.insert(0, str(REPO / "scripts"))
    sys.path.insert(0, str(REPO / "benchmarks"))
    spec = importlib.util.spec_from_file_location("build_prohibited_ngrams", REPO / "scripts" / "build_prohibited_ngrams.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_media_compositions_generalise_and_respect_general_text():
    b = _builder()
    # 色 before three media words, each media word ending four entries
    entries = ["色图", "色小说", "色论坛", "黄图", "淫图", "美图", "黄小说", "淫小说", "美小说",
               "黄论坛", "淫论坛", "美论坛", "黄电影", "淫电影", "美电影", "艳电影"]
    out = b.media_compositions(entries, general=[], skip=set())
    assert "色电影" in out  # nobody listed it: 色 is a modifier, 电影 a media word
    assert "色图" not in out  # already an entry
    assert "艳图" not in out  # 艳 stands before one media word only
    # a composition that general text holds is no row; a modifier that is a row of its own adds nothing
    assert "色电影" not in b.media_compositions(entries, general=["今晚放映一部彩色电影"], skip=set())
    assert not any(g.startswith("色") for g in b.media_compositions(entries, general=[], skip={"色"}))


def _load(name: str):
    sys.path.insert(0, str(REPO / "scripts"))
    sys.path.insert(0, str(REPO / "benchmarks"))
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_textfilter_pieces_need_a_strong_character_or_to_be_no_ordinary_word():
    """scripts/build_prohibited_textfilter.py (issue 16, h16f): which mined pieces become rows."""
    t = _load("build_prohibited_textfilter")
    risk = {"淫": 7.5, "屄": 8.0, "穴": 4.5, "插": 3.4, "嫩": 3.3}
    known = {"插空": 3, "学妹": 3, "穴位": 5}.get

    def wf(w):
        return known(w) or 0

    assert t.piece_strength("淫堂", risk, wf) == 7.5  # strong: stands without word boundaries
    assert t.piece_strength("插空", risk, wf) is None  # a jieba word, no strong character (插空完成)
    assert t.piece_strength("插烂", risk, wf) == 3.4  # weak but no word: a row that needs boundaries
    assert t.piece_strength("穴里", risk, wf) is None  # runs on past 穴 (天然盐穴里)
    assert t.piece_strength("穴位", risk, wf) is None
    assert t.piece_strength("紧穴", risk, wf) == 0.0  # 穴 ends it: a word-bounded row
    assert t.piece_strength("穴屄", risk, wf) == 8.0  # another strong character carries it


def test_textfilter_entries_are_categorised_by_the_training_risk_characters(tmp_path):
    t = _load("build_prohibited_textfilter")
    d = tmp_path / "textfilter-observerss"
    d.mkdir()
    (d / "keywords.txt").write_text("淫乱小说\n毛淫乱小说\n宋楚瑜\n劲舞团\nTMD\n人体炸弹\n毛六四\n", encoding="utf-8")
    out = t.textfilter_entries(tmp_path, {"淫": 7.5, "炸": 4.5})
    # political names and game titles hold no risk character; 毛X is the list's duplicate of X
    assert out == ["人体炸弹", "淫乱小说"]


def test_rows_from_the_split_lists_come_from_their_training_half():
    """No row written from konsheng or houbb is an entry of the evaluation's held-out half."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from disguise_dataset import held_out

    n = 0
    for line in open(REPO / "lexicons" / "improper_wording" / "prohibited_lists.tsv", encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 9 or line.startswith(("#", "id\t")):
            continue
        src = f[8].split("/")[0]
        assert src in ("konsheng", "houbb"), f[8]
        assert not held_out(src, f[1]), f[0]
        n += 1
    assert n > 200


def test_textfilter_rows_are_not_bundled_but_build_into_a_folder_of_ones_own(tmp_path):
    """observerss/textfilter states no licence (the shared data's SOURCE.txt: do not redistribute):
    its rows are no bundled lexicon; the builder writes a folder a deployment loads itself."""
    import pytest

    from scanner import Scanner
    from scanner.lexicon import load_lexicons
    from scanner.resources import bundled_lexicon_dir
    from tests.conftest import DATA

    bundled = load_lexicons([bundled_lexicon_dir()])
    assert not any(e.id.startswith("prohibited.tf.") for e in bundled.entries)
    assert not list(bundled_lexicon_dir().rglob("*textfilter*"))
    t = _load("build_prohibited_textfilter")
    with pytest.raises(SystemExit):  # no --out: nowhere to write, a clear usage error
        t.main(["--data", str(DATA)])
    if not (DATA / "textfilter-observerss" / "keywords.txt").is_file():
        pytest.skip("textfilter-observerss absent from the shared data")
    out = tmp_path / "tf"
    assert t.main(["--data", str(DATA), "--out", str(out)]) == 0
    # (万淫堂, the example before h16s, is a held-out entry of houbb: no builder reads it any more)
    text = "网上有人发帖出售全球第一淫图城会员，请速联系。"
    assert "prohibited.tf." not in " ".join(f.rule for f in Scanner().scan(text).findings)
    rules = [f.rule for f in Scanner(lexicon_dirs=[str(out)]).scan(text).findings]
    assert any(r.startswith("prohibited.tf.piece.") for r in rules), rules
