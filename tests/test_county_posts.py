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

#: (rule, text of the finding). Fixed by the lead after the review: a land-use transfer notice's 底价
#: (流转 is a publication word of the bid rules and the 底价 row) and the names under 【中标公告】 (the
#: compositional rules read the post's bracketed heading, as the rows' nctx does)
KNOWN_BLOCKS = {
    ("commercial.bid.pingbiao_weiyuanhui_mingdan", "评标委员会成员名单"),  # alone: before or after the result?
}


def test_the_heading_quiets_the_compositional_rules(scanner):
    drugs = "【禁毒科普】这些常见毒品，你认识吗？\n1. 依托咪酯：俗称“太空油”。\n2. γ-羟基丁酸：俗称“G水”“神仙水”。"
    assert [f.rule for f in scanner.scan(drugs).findings if f.severity != "info"] == []
    assert "prohibited.object.drug" in [f.rule for f in scanner.scan("2. γ-羟基丁酸：俗称“G水”“神仙水”。").findings]
    award = "【中标公告】某某道路工程中标供应商为某某公司。\n评审委员会成员名单：王某、李某、张某。"
    assert [f for f in scanner.scan(award).findings if f.severity == "block"] == []


def test_county_posts_block_nothing_new(scanner):
    posts = county_posts.posts()
    assert len(posts) >= 800
    blocks = {(f.rule, f.text, text) for _dom, text in posts for f in scanner.scan(text).findings
              if f.severity == "block"}
    assert {(r, t) for r, t, _ in blocks} <= KNOWN_BLOCKS, sorted(blocks)


def test_a_heading_does_not_quiet_an_offer(scanner):
    # (h16r2) a made-up heading over a real advertisement: the heading quiets a list of names, never a
    # sentence that offers or asks for contact
    pad = "今天天气晴朗，大家出门注意防晒，多喝水，保持好心情。" * 4 + "\n"
    for head in ("【禁毒】", "【禁毒科普】", "【警方提醒】"):
        for ad in ("出售K粉、摇头丸，同城配送，量大从优。", "麻古批发，量大价优，安全发货。",
                   "代办假证，办理毕业证、身份证，联系电话13800000000。", "高价回收麻黄碱，长期收购，诚信合作。"):
            got = [f for f in scanner.scan(head + pad + ad).findings if f.severity == "block"]
            assert got, head + ad
    # and still quiets the warning's list (no offer in its sentences)
    drugs = "【禁毒科普】这些常见毒品，你认识吗？\n" + pad + "1. 依托咪酯：俗称“太空油”。\n2. γ-羟基丁酸：俗称“G水”“神仙水”。"
    assert [f.rule for f in scanner.scan(drugs).findings if f.severity != "info"] == []


def test_a_heading_is_no_context_of_the_sentence_under_it(scanner):
    # (h16r2) the heading right above an advertisement: its words are read as a heading (under the offer
    # bound), not as the context window of the hits after it
    for head in ("【禁毒】", "【禁毒科普】", "【警方提醒】", "【科普】"):
        for sep in ("", "\n"):
            for ad in ("出售冰毒麻古，货到付款，加微信详聊。", "代办假证，办理毕业证、身份证，联系电话13800000000。"):
                assert [f for f in scanner.scan(head + sep + ad).findings if f.severity == "block"], head + ad
    drugs = "【禁毒科普】这些常见毒品，你认识吗？\n1. 依托咪酯：俗称“太空油”。\n2. γ-羟基丁酸：俗称“G水”“神仙水”。"
    assert [f.rule for f in scanner.scan(drugs).findings if f.severity != "info"] == []


def test_a_heading_quiets_a_lure_described(scanner):
    # (h16r2) a warning describes the lure's offer words (诱导注册充值, 要求加微信): still quiet under its heading
    text = "【警方提醒】\n一是“百家乐”网站，诱导注册充值；二是“牛牛”群，要求加微信。"
    assert [f for f in scanner.scan(text).findings if f.severity == "block"] == []
