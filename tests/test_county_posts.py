"""The county posts of benchmarks/data/county_posts.tsv (written for the h16z review: ordinary posts of
a county account in domains where sensitive words stand legitimately) block nothing new.

Every post is meant to pass. The block findings left are the known ones below, each of a detector
this review did not change (benchmarks/DISGUISE.md, "Twelfth session: county posts reviewed"); a
fix there may drop one, a new block fails here.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import county_posts  # noqa: E402

#: (rule, text of the finding): compositional bid rule, read in its sentence only
KNOWN_BLOCKS = {
    ("commercial.disclosure.bid", "底价为"),  # a land-use transfer notice publishes its 底价
    ("commercial.disclosure.bid", "评审委员会成员名单"),  # 中标公告 in the sentence before
    ("commercial.bid.pingbiao_weiyuanhui_mingdan", "评标委员会成员名单"),  # alone: before or after the result?
}


def test_county_posts_block_nothing_new(scanner):
    posts = county_posts.posts()
    assert len(posts) >= 800
    blocks = {(f.rule, f.text, text) for _dom, text in posts for f in scanner.scan(text).findings
              if f.severity == "block"}
    assert {(r, t) for r, t, _ in blocks} <= KNOWN_BLOCKS, sorted(blocks)
