"""Personal data per type: valid, invalid, masked, disguised and context cases (issue 3)."""
import pytest

from scanner import Scanner
from scanner.validators import id18_check_char, is_valid_id15, is_valid_id18, luhn_ok, vin_ok


@pytest.fixture(scope="module")
def pii():
    return Scanner(detectors=["personal_data"], bundled_lexicons=False)


def found(s, text):
    return [(f.type, f.text, f.severity) for f in s.scan(text).findings]


def one(s, text, typ):
    fs = [f for f in s.scan(text).findings if f.type == typ]
    assert len(fs) == 1, (text, s.scan(text).findings)
    return fs[0]


# ----------------------------------------------------------------- validators on published samples
def test_gb11643_published_examples():
    # the two examples printed in GB 11643-1999
    assert is_valid_id18("11010519491231002X") and is_valid_id18("440524188001010014")
    assert id18_check_char("11010519491231002") == "X"
    assert not is_valid_id18("110105194912310021")  # wrong check digit
    assert not is_valid_id18("000105194912310021")  # no such region


def test_residence_permits_and_permanent_residence_card():
    for n in ("810000199001010019", "820000199001010029", "830000199001010039", "911840198001010013"):
        assert is_valid_id18(n), n


def test_id15_legacy():
    assert is_valid_id15("110105491231002")
    assert not is_valid_id15("110105491331002")  # month 13


def test_luhn_published_examples():
    assert luhn_ok("79927398713") and luhn_ok("4111111111111111") and luhn_ok("5555555555554444")
    assert not luhn_ok("79927398710")


def test_vin_published_example():
    assert vin_ok("1M8GDM9AXKP042788")
    assert not vin_ok("1M8GDM9A1KP042788")


# ----------------------------------------------------------------- id_card
@pytest.mark.parametrize("value", ["11010519491231002X", "11010519491231002x", "110105 19491231 002X",
                                   "１１０１０５１９４９１２３１００２Ｘ", "810000199001010019", "911840198001010013"])
def test_id_card_forms(pii, value):
    f = one(pii, f"申请人身份证号码：{value}，请核对。", "id_card")
    assert f.text == value and f.severity == "block" and f.score >= 0.95
    assert f.suggestion[:6] == value[:6] and "*" in f.suggestion


def test_id_card_15_needs_context(pii):
    assert found(pii, "编号110105491231002") == []
    f = one(pii, "身份证号：110105491231002", "id_card")
    assert f.severity == "block"


def test_id_card_negative_context_lowers(pii):
    f = one(pii, "订单编号11010519491231002X", "id_card")
    assert f.severity == "review"


def test_masked_id_is_not_reported(pii):
    assert found(pii, "身份证号110105********002X") == []


# ----------------------------------------------------------------- passport and permits
@pytest.mark.parametrize("text,value", [("护照号码：E12345678", "E12345678"), ("护照号EA1234567", "EA1234567"),
                                        ("持G12345678号护照", "G12345678")])
def test_passport_with_context(pii, text, value):
    f = one(pii, text, "passport")
    assert f.text == value and f.severity == "block"


def test_passport_without_context_is_not_reported(pii):
    assert found(pii, "型号E12345678的设备") == []


@pytest.mark.parametrize("text,value", [("回乡证号码H12345678", "H12345678"), ("港澳居民来往内地通行证M1234567801", "M1234567801"),
                                        ("往来港澳通行证C12345678", "C12345678"), ("台胞证号码：12345678", "12345678")])
def test_travel_permits(pii, text, value):
    f = one(pii, text, "travel_permit")
    assert f.text == value and f.severity == "block"


# ----------------------------------------------------------------- phones
@pytest.mark.parametrize("value", ["13912345678", "14512345678", "16612345678", "17712345678", "19912345678",
                                   "+86 139-1234-5678", "0086 13912345678"[2:], "139\u200b1234\u200b5678"])
def test_mobile_ranges_and_forms(pii, value):
    f = one(pii, f"联系电话：{value}", "mobile_phone")
    assert f.text == value


@pytest.mark.parametrize("value", ["14012345678", "10012345678", "12012345678"])
def test_not_mobile_ranges(pii, value):
    assert [t for t, *_ in found(pii, f"号码{value}") if t == "mobile_phone"] == []


@pytest.mark.parametrize("text,value", [("办公电话：010-62345678", "010-62345678"), ("电话(0571)87654321", "(0571)87654321"),
                                        ("传真0710-3234567转801", "0710-3234567转801")])
def test_landlines_are_info(pii, text, value):
    f = one(pii, text, "landline")
    assert f.text == value and f.severity == "info"


@pytest.mark.parametrize("text", ["热线12345", "拨打12315", "服务电话95588", "客服400-810-8888", "报警110"])
def test_public_service_numbers_are_not_personal_data(pii, text):
    assert found(pii, text) == []


# ----------------------------------------------------------------- cards, plates, VIN, accounts, email
def test_bank_card_grouped_and_fullwidth(pii):
    f = one(pii, "银行卡号：４１１１ １１１１ １１１１ １１１１", "bank_card")
    assert f.severity == "block" and f.suggestion == "４１１１ **** **** １１１１"


@pytest.mark.parametrize("value", ["京A12345", "粤B·D12345", "沪AD12345", "苏E12345D", "京A1234学"])
def test_licence_plates(pii, value):
    f = one(pii, f"车牌号{value}的车辆", "licence_plate")
    assert f.text == value


def test_vin(pii):
    f = one(pii, "车架号1M8GDM9AXKP042788", "vin")
    assert f.severity == "review"
    assert found(pii, "编码1M8GDM9A1KP042788") == []  # wrong check digit


@pytest.mark.parametrize("text,value", [("QQ号：123456789", "123456789"), ("加微信号：zhang_san2024", "zhang_san2024"),
                                        ("微信wxid_abc123def", "wxid_abc123def")])
def test_social_accounts_need_context(pii, text, value):
    f = one(pii, text, "social_account")
    assert f.text == value
    assert found(pii, f"编号{value}") == [] or value.startswith("wxid")


def test_public_gov_mailbox_is_info(pii):
    assert one(pii, "来信请寄 zwgk@county.gov.cn", "email").severity == "info"
    assert one(pii, "邮箱 li.si@163.com", "email").severity == "review"
    # an office's purpose mailbox on a commercial domain (h16z county posts); a person's stays review
    assert one(pii, "举报方式：举报邮箱xcb2026@163.com。", "email").severity == "info"
    assert one(pii, "欢迎投稿，投稿邮箱：rmtzx@126.com", "email").severity == "info"
    assert one(pii, "意见反馈邮箱为 fk2026@qq.com", "email").severity == "info"
    assert one(pii, "举报人张三的邮箱zs@163.com", "email").severity == "review"
    assert one(pii, "联系人：张三，联系邮箱zhangsan@163.com", "email").severity == "review"


# ----------------------------------------------------------------- address, names, sensitive info
def test_home_address_down_to_room(pii):
    f = one(pii, "家庭住址：城关镇幸福路18号3栋2单元501室。", "address")
    assert f.text == "城关镇幸福路18号3栋2单元501室" and f.suggestion == "城关镇***"


def test_office_address_is_not_personal(pii):
    assert found(pii, "办公地址：县政府大楼3栋2单元501室") == []
    assert found(pii, "受理地点：县政务服务中心2楼201室") == []


def test_person_name_in_a_publication_list_is_review(pii):
    text = "1. 张伟，男，身份证号11010519491231002X\n2. 王芳，女，联系电话13912345678"
    names = {f.text: f.severity for f in pii.scan(text).findings if f.type == "person_name"}
    assert names == {"张伟": "review", "王芳": "review"}


def test_private_person_cue_and_public_official(pii):
    assert ("person_name", "唐诚旺", "info") in found(pii, "唐诚旺一家的60亩葡萄喜获丰收")
    assert [t for t, *_ in found(pii, "县委书记张伟主持会议") if t == "person_name"] == []
    s = Scanner(detectors=["personal_data"], bundled_lexicons=False, public_officials=["唐诚旺"])
    assert [t for t, *_ in found(s, "唐诚旺一家的60亩葡萄喜获丰收") if t == "person_name"] == []


def test_named_patient_is_sensitive(pii):
    f = one(pii, "患者王小明，确诊为艾滋病", "sensitive_personal_info")
    # one finding spans the name and the diagnosis; the HIV status is masked too (艾滋病防治条例 第三十九条)
    assert f.text == "王小明，确诊为艾滋病" and f.severity == "review" and f.suggestion == "王某某，确诊为**"


def test_already_masked_name_is_not_reported(pii):
    assert [t for t, *_ in found(pii, "犯罪嫌疑人张某某已被刑事拘留") if t in ("person_name", "sensitive_personal_info")] == []


def test_redact_masks_every_personal_finding(pii):
    text = "1. 张伟，身份证号11010519491231002X，家庭住址城关镇幸福路18号3栋2单元501室，联系电话13812345678"
    red = pii.redact(text)
    assert red == "1. 张某，身份证号110105********002X，家庭住址城关镇***，联系电话138****5678"
    assert pii.scan(red).verdict == "pass"


@pytest.mark.parametrize("text,name,severity", [("判决公告：被告人胡佳新犯非法吸收公众存款罪，判处有期徒刑一年。", "胡佳新", "block"),
                                                ("嫌疑人添加受害人王国丽为好友，骗取资金6365元。", "王国丽", "block"),
                                                ("病例情况：患者苏丹艳，男，66岁，确诊白血病", "苏丹艳", "review")])
def test_names_after_labels_that_always_precede_a_name(pii, text, name, severity):
    f = one(pii, text, "sensitive_personal_info")
    assert name in f.text and f.severity == severity and name not in f.suggestion and name[0] + "某" in f.suggestion


def test_names_in_payment_lists(pii):
    text = "发放明细：戴建国，卡号6214674743012345；范桂　6217-9950-0302-2566"
    names = {f.text for f in pii.scan(text).findings if f.type == "person_name"}
    assert names == {"戴建国", "范桂"}


@pytest.mark.parametrize("text,name", [("1. 傅红梅，女，联系电话13912345678", "傅红梅"),
                                       ("1. 赖建华，男，联系电话13912345678", "赖建华"),
                                       ("姓名：阎志强，身份证号11010519491231002X", "阎志强")])
def test_common_surnames_beyond_the_first_250(pii, text, name):
    assert name in {f.text for f in pii.scan(text).findings if f.type == "person_name"}


@pytest.mark.parametrize("text", ["市民向记者反映，路灯坏了三个月。", "村民万元户越来越多。"])
def test_function_word_surnames_stay_out_after_weak_cues(pii, text):
    assert [f for f in pii.scan(text).findings if f.type == "person_name"] == []


@pytest.mark.parametrize("text,name,mask", [("1. 向宁超，男，开户行：中国邮政储蓄银行", "向宁超", "向某"),
                                            ("3. 万国丹，男，永久居留身份证号：96", "万国丹", "万某"),
                                            ("发放明细：00929982　800元；万琪　6236 6837 140", "万琪", "万某")])
def test_list_item_names_with_surnames_that_are_also_words(pii, text, name, mask):
    fs = [f for f in pii.scan(text).findings if f.type == "person_name"]
    assert [(f.text, f.suggestion) for f in fs] == [(name, mask)]


@pytest.mark.parametrize("text", ["服务热线：全国 400-123-4567", "1. 和平，男，身份证号：520326", "请于时间 2023-0101 前提交"])
def test_words_before_list_attributes_are_not_names(pii, text):
    assert [f.text for f in pii.scan(text).findings if f.type == "person_name"] == []


def test_masked_name_keeps_the_surname_as_written(pii):
    """A traditional-script post gets 張某, not the simplified 张某 (the decision is made on the
    normalised text, the suggestion is built from the original)."""
    text = "1. 張偉，男，身份證號11010519491231002X\n患者歐陽明華，確診為艾滋病\n2. 李\u200b小明，男，电话13812345678"
    masks = {f.text: f.suggestion for f in pii.scan(text).findings if f.type in ("person_name", "sensitive_personal_info")}
    assert masks == {"張偉": "張某", "歐陽明華，確診為艾滋病": "歐陽某某，確診為**", "李\u200b小明": "李某"}
    assert pii.redact(text).splitlines() == ["1. 張某，男，身份證號110105********002X", "患者歐陽某某，確診為**",
                                             "2. 李某，男，电话138****5678"]


# h16r2 review: an office's purpose mailbox is info, a person's mailbox in a record of people is not
@pytest.mark.parametrize("text, severity", [
    ("举报邮箱：jubao@163.com", "info"),
    ("举报电话：0591-12345678，举报邮箱：jubao@163.com。", "info"),
    ("本次报名邮箱：xzzb2025@163.com，报名时间为6月1日。", "info"),
    ("考生张三，身份证号350102199001011234，报名邮箱：zs1990@qq.com。", "review"),
    ("举报人张三，举报邮箱：zs1990@qq.com", "review"),
    ("投诉人王五（投诉邮箱：ww@126.com）反映物业问题。", "review"),
])
def test_office_mailbox_not_a_person_record(text, severity):
    from scanner import Scanner
    [f] = [f for f in Scanner().scan(text).findings if f.type == "email"]
    assert f.severity == severity and text[f.start:f.end] == f.text
