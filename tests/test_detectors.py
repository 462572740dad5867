"""Classification marks and the first personal-data patterns (deepened in issue 3)."""
import pytest

from scanner import Scanner


@pytest.fixture(scope="module")
def det():
    return Scanner(detectors=["personal_data", "classification_mark"], bundled_lexicons=False)


def types(s, text):
    return [(f.type, f.text) for f in s.scan(text).findings]


@pytest.mark.parametrize("mark", ["机密★10年", "秘密★", "绝密★长期", "机密★会议开始前", "绝密★启用前", "秘密★1年",
                                  "机密*5年", "机密☆", "机密＊10年", "密级：秘密", "密级:机密", "绝密 ★ 30年",
                                  "秘密★6个月"])
def test_classification_marks(det, mark):
    got = types(det, f"{mark}\n关于印发某某方案的通知")
    assert got == [("classification_mark", mark)]


@pytest.mark.parametrize("text", ["依法保护商业秘密", "保守秘密是每个公民的义务", "数据的机密性和完整性",
                                  "这就是成功的秘密", "**机密**", "商业秘密*保护", "机密文件管理办法", "绝密级别",
                                  "核心商业秘密★5年", "技术秘密☆"])
def test_ordinary_words_are_not_marks(det, text):
    assert [t for t, _ in types(det, text) if t == "classification_mark"] == []


def test_id_card_valid_checksum_blocks_and_is_masked(det):
    r = det.scan("申请人身份证号码：11010519491231002X。")
    (f,) = r.findings
    assert (f.type, f.severity, f.text, f.suggestion) == ("id_card", "block", "11010519491231002X", "110105********002X")
    assert r.verdict == "block"


def test_id_card_bad_checksum_needs_context(det):
    assert types(det, "编号110105194912310021") == []
    (f,) = det.scan("身份证号110105194912310021").findings
    assert (f.type, f.severity) == ("id_card", "review")


def test_id_card_invalid_date_is_not_an_id(det):
    assert types(det, "身份证号110105194913310021") == []


@pytest.mark.parametrize("phone,masked", [("13812345678", "138****5678"), ("138-1234-5678", "138-****-5678"),
                                          ("138 1234 5678", "138 **** 5678"), ("+86 13812345678", "+86 138****5678"),
                                          ("１３８１２３４５６７８", "１３８****５６７８")])
def test_mobile_forms(det, phone, masked):
    (f,) = det.scan(f"联系电话：{phone}。").findings
    assert (f.type, f.text, f.suggestion) == ("mobile_phone", phone, masked)


@pytest.mark.parametrize("text", ["热线12345", "订单号13812345678000", "已脱敏138****5678", "11400000000",
                                  "文号13812345678"])
def test_not_mobiles(det, text):
    assert [t for t, _ in types(det, text) if t == "mobile_phone"] == []


def test_bank_card_luhn(det):
    (f,) = det.scan("工资卡号6222 0212 3456 7894").findings  # Luhn-valid
    assert (f.type, f.severity, f.suggestion) == ("bank_card", "block", "6222 **** **** 7894")
    (f,) = det.scan("银行卡号6222021234567890").findings  # Luhn-invalid but labelled
    assert (f.type, f.severity) == ("bank_card", "review")
    assert types(det, "合计6222021234567890元") == []


def test_email(det):
    (f,) = det.scan("来信请发至zhangsan@163.com").findings
    assert (f.type, f.severity, f.suggestion) == ("email", "review", "z***@163.com")
    (f,) = det.scan("监督邮箱：xxzx@county.gov.cn").findings
    assert f.severity == "info"


@pytest.mark.parametrize("text,mark", [("首页标有绝密*10年", "绝密*10年"), ("标注秘密*2025年12月31日前", "秘密*2025年12月31日前")])
def test_star_mark_after_a_word_with_a_period_is_a_mark(det, text, mark):
    assert ("classification_mark", mark) in types(det, text)


# h14a: a mark quoted as an example of the format in a 保密 lesson marks no carrier
@pytest.mark.parametrize("text", ["国家秘密标志的格式为“密级★保密期限”，如“秘密★5年”。",
                                  "保密期限为一年的秘密级文件，应当标注“秘密★1年”。"])
def test_quoted_example_of_the_format_is_not_a_mark(det, text):
    assert [t for t, _ in types(det, text) if t == "classification_mark"] == []


@pytest.mark.parametrize("text", ["“机密★5年”\n关于做好安全稳定工作的通知", "请各单位将“秘密★1年”文件于周五前报送。"])
def test_quoted_mark_without_teaching_words_stays(det, text):
    assert [t for t, _ in types(det, text) if t == "classification_mark"]
