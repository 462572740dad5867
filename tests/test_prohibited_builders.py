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
