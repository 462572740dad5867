"""Letters read back (scanner/letters.py, h16y): a run of ASCII letters standing alone in Chinese text
read as initials or pinyin, every content detector run again over the reading."""
from __future__ import annotations

import pytest

from scanner import Scanner, letters

CONTENT = ("state_secret", "commercial_secret", "improper_wording")


@pytest.fixture(scope="module")
def scanner():
    return Scanner()


def content(scanner, text):
    return [f for f in scanner.scan(text).findings if f.category in CONTENT]


@pytest.mark.parametrize("text, letters_", [
    ("统筹推进LiuWeiYiTi总体布局。", "LiuWeiYiTi"),  # a formulation's wrong number, found by a rule, in pinyin
    ("统筹推进liu wei yi ti总体布局。", "liu wei yi ti"),
    ("他们骂人是xrb，很不文明。", "xrb"),  # a wording rule's name (小日本) from its initials
    ("评论区有人写XRB。", "XRB"),
    ("网友称其为xiaoriben。", "xiaoriben"),
])
def test_must_hit(scanner, text, letters_):
    got = content(scanner, text)
    assert got, text
    f = got[0]
    assert f.severity == "review" and text[f.start:f.end] == f.text and letters_ in f.text
    assert "读作「" in f.message


@pytest.mark.parametrize("text", [
    "今年GDP增长5.2%，CPI温和上涨。",
    "APEC会议在秘鲁举行，5G基站超过400万个。",
    "中国加入WTO以来，PPP项目稳步推进，ETC用户持续增长。",
    "用户可在iPhone和WeChat上下载该App。",
    "该型号ABX2000的功率为100kW。",
    "详见www.gov.cn或发邮件至office@example.gov.cn。",
    "他说the card is here然后走了。",
    "中国天眼FAST发现脉冲星数量超过1000颗。",  # (a generated list's two-character pieces are no words)
    "布隆迪广播电视台RTNB等81家非洲主流媒体。",
    "从SARS、甲型H1N1流感到埃博拉出血热。",
    "支持多种card解析，呈现详尽内容。",  # (a vowel inside: no initials)
])
def test_must_not_hit(scanner, text):
    assert not [f for f in content(scanner, text) if "读作「" in f.message], text


def test_runs_stand_alone():
    t = "详见www.gov.cn，型号ABX2000，发布abcd相关，the card is here，中FAST中"
    got = [t[s:e] for s, e in letters.runs(t)]
    assert "abcd" in got and "FAST" in got
    assert not any(x in got for x in ("www", "gov", "cn", "ABX", "the card is here"))


def test_seen_tokens_are_not_read():
    assert letters.runs("今年GDP增长") == []  # (general text writes GDP: data/letters_seen.txt)


def test_readings():
    got = dict((t, k) for k, t in letters.readings("LiuWeiYiTi"))
    assert got.get("六位一体") == "pinyin"
    assert not letters.readings("card")  # a vowel inside four letters: no initials; no pinyin either
    assert not [t for k, t in letters.readings("artyplan") if k == "initials"]  # two vowels
    assert ("initials", "小日本") in letters.readings("xrb")
    assert all(k == "pinyin" for k, _t in letters.readings("liu wei yi ti"))


def test_offsets_exact(scanner):
    text = "第一段。\n统筹推进liu wei yi ti总体布局，后文。"
    for f in scanner.scan(text).findings:
        assert text[f.start:f.end] == f.text


def test_window_pass_is_not_recursive(scanner):
    # the window the pass reads again is scanned without the pass (no reading of a reading)
    assert scanner.raw_findings("统筹推进LiuWeiYiTi总体布局。", letters=False) == [] or all(
        "读作「" not in f.message for f in scanner.raw_findings("统筹推进LiuWeiYiTi总体布局。", letters=False))


# h16r2 review: letters county and Weibo posts write (brands, games, slang, office initials), and a
# superseded name read from initials (no one hides 人事局 in initials; rsj is 人社局 to a county post)
@pytest.mark.parametrize("text", [
    "双十一YSL口红降价了。",
    "ysl官方旗舰店上新。",
    "这个新政策szd很好。",
    "mhy的新游戏上线了。",
    "北斗GNSS接收机已安装。",
    "县scjgj开展食品安全检查。",
    "关于县fzb工作人员调整的通知。",
    "县bsfwzx窗口延时服务。",
    "县rsj发布招聘公告。",
    "县lyj组织导游培训。",
    "谢谢sjsj的支持。",
])
def test_common_letters_not_read(scanner, text):
    assert not [f for f in scanner.scan(text).findings if "读作「" in f.message], text


@pytest.mark.parametrize("text", [
    "评论区有人写XRB。",  # a wording rule's name still read
    "他们骂人是xrb，很不文明。",
])
def test_common_letters_keep_hits(scanner, text):
    assert [f for f in scanner.scan(text).findings if "读作「" in f.message], text


# h13c: letters real users write (acronyms of technology, business, organisations), a Latin object
# inside a longer Latin word, and long runs read as phrases of several words
def _over_letters(scanner, text):
    return [f for f in scanner.scan(text).findings if f.severity in ("block", "review") and any(
        c.isascii() and c.isalpha() for c in f.text)]


@pytest.mark.parametrize("text", [
    "LBS定位服务上线",  # (LBS read 老不死: a known acronym, and upper case before a noun of technology)
    "市里推出LBS平台，方便群众办事。",
    "公司发布新一代HDD系统。",  # (HDD: a generated list's initials, 化打赌)
    "据MMS消息，今年经济稳中向好。",
    "他在CNN工作多年。",
    "中广核CGN集团召开年度会议。",  # (the classifier read 材弓弩)
    "CSCD平台上线了。",  # not listed: upper case before 平台 (the trade rule's initials read 出售刺刀)
    "TDCS系统升级完成。",
    "UAV定位服务上线",  # av is no object inside a Latin word (block before)
    "会议介绍了waves的有关情况。",
    "AVIC航空工业集团发布新机型。",
    "社会主义法制尽快qbyzbq完备起来。",  # six letters and more: the classifier's reading is no evidence
    "在gnbswx部分好的企业试行。",
    "澳门特别行dxyhk政区基本法需要着力落实。",  # a generated list's piece only as the whole run (对象淫秽口)
    "会议介绍了HUYA的有关情况。",  # a mixed spelling's Latin end inside a Latin word (ya的 in huya的)
    "肯尼亚Kenya的总统出席会议。",
])
def test_acronyms_not_read(scanner, text):
    assert not _over_letters(scanner, text), text


@pytest.mark.parametrize("text", [
    "有人在群里发xrb平台的消息",  # lower case before a noun: still read
    "评论区有人写XRB。",
    "提供AV服务，加微信",  # a Latin object standing alone: still an offer
    "出售a片，量大从优",
    "网上有人发CSSQZD，速来",  # six letters read as a whole phrase (出售手枪子弹)
    "网上有人发cssqjwx",
    "他说ya的真烦",  # a mixed spelling standing alone
    "修炼法lun功",
    "CSQZ平台有货",  # upper case before a noun, but the sentence makes a spam offer (h13r): read
    "YHSP平台免费看",
    "HSDY平台免费看，私聊",
])
def test_acronym_gates_keep_hits(scanner, text):
    assert _over_letters(scanner, text), text


def test_acronym():
    assert letters.acronym("LBS定位", 0, 3) and letters.acronym("据CNN报道", 1, 4)
    assert letters.acronym("XYZ平台", 0, 3)  # upper case before a noun of technology or business
    assert not letters.acronym("xyz平台", 0, 3) and not letters.acronym("发布XYZ相关", 2, 5)
    assert not letters.acronym("XYZ平台有货，私聊", 0, 3)  # a spam offer in the sentence
    assert letters.acronym("XYZ平台上线。有货请到店选购", 0, 3)  # (the offer is another sentence's)


# h14e: what a reading of several words must show, and names the text gives letters
@pytest.mark.parametrize("text", [
    "调节差距mfqkbytb过大的收入。",  # the compositional initials: 吗啡|情况|包邮|土鳖, a finding over three
    "和职工下岗是难以wyslddc避免的。",  # 稳赢|手榴弹|赌场: 手榴弹 is no word of a gamble
    "进事业单位收入分blqxxxmy配制度改革。",  # letters: 办理枪械信息|面议, the finding leaves 面议 out
    "种做法不仅不利于zlmmnh人民生活的改善，",  # letters: 左轮买卖|南海, 南海 no word of a weapon trade
    "据QMKZ消息，今年经济稳中向好。",  # an institution's slot: 据…消息
    "他在dfjc工作多年。",  # 在…工作
    "全面控制系统（DFJC）已上线，dfjc在全国推广。",  # defined in brackets after the words it abbreviates
])
def test_long_readings_and_named_letters_not_read(scanner, text):
    assert not _over_letters(scanner, text), text


@pytest.mark.parametrize("text", [
    "网上有人发cssqzdjwx",  # 出售|手枪|子弹|加微信: every word one of a weapon trade
    "据dfjc消息，有货，私聊。",  # the slot, but the sentence makes a spam offer
    "有人在群里发cssq的消息，请大家注意。",
])
def test_long_readings_and_slots_keep_hits(scanner, text):
    assert _over_letters(scanner, text), text


def test_named():
    assert letters.acronym("据XYZ消息", 1, 4) and letters.acronym("他在xyz工作", 2, 5)
    assert letters.acronym("某某系统（XYZ）上线，xyz好用", 12, 15)  # (the text defines it: every xyz of it)
    assert not letters.acronym("（XYZ）上线，xyz好用", 8, 11)  # (brackets after no words)
    assert not letters.acronym("据XYZ消息，有货私聊", 1, 4)
    assert letters.acronym("英文简称XYZ的系统", 4, 7) and letters.acronym("简称：XYZ，", 3, 6)
    assert letters.acronym("xyz系统升级", 0, 3) and letters.acronym("qwxz定位", 0, 4)  # (technology: either case)
    assert not letters.acronym("xyz平台", 0, 3) and not letters.acronym("xyz系统有货", 0, 3)
