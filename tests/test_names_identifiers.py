"""Person names beside another identifier of the same person that no cue word announces (h15c):
a name before the bracket that holds its number, a surname with 先生/女士 in the number's sentence,
a name touching its number's label, a form's field lines, and an anonymised person's relative named
in full. Sentences written for these tests (not taken from benchmarks/data/drafts_eval.jsonl)."""
import pytest

from scanner import Scanner

ID = "33010219800101123X"  # a valid check digit (GB 11643)


@pytest.fixture(scope="module")
def sc():
    return Scanner()


def names(sc, text, severity="review"):
    return [f.text for f in sc.scan(text).findings if f.type == "person_name" and f.severity == severity]


@pytest.mark.parametrize("text,name", [
    ("表彰名单\n王建军（东关街道幸福社区，13912345678）\n李秀英（南河乡，13898765432）", "王建军"),
    ("表彰名单\n王建军（东关街道幸福社区，13912345678）\n李秀英（南河乡，13898765432）", "李秀英"),
    ("获奖名单\n一等奖：殷志伟（青山中学）13812345678", "殷志伟"),
    ("市民王先生（身份证号" + ID + "）前来办理。", "王先生"),
    ("来电群众刘女士（电话13812345678）反映路灯不亮。", "刘女士"),
    ("欧阳女士（护照号E12345678）于昨日入境。", "欧阳女士"),
    ("热心市民赵阿姨（电话13812345678）捐出了自家的蔬菜。", "赵阿姨"),
    ("近日，市民冯先生因护照（号码E12345678）即将过期，到大厅办理换发。", "冯先生"),
    ("请张建华身份证号码为" + ID + "的同志到窗口领取证件。", "张建华"),
    ("失主李红梅手机号13812345678，请拾到者联系。", "李红梅"),
    ("经查，王志强的手机号为13812345678。", "王志强"),
    ("申请人：谭志远\n身份证号：" + ID + "\n联系电话：13812345678", "谭志远"),
    ("姓名：龚秀兰\n性别：女\n联系方式：13812345678", "龚秀兰"),
    ("车主宋建国，车牌号浙A88888，请尽快挪车。", "宋建国"),
    ("慰问对象：陶大勇，城关镇东街村人，电话13812345678。", "陶大勇"),
    ("经核实，张振华的联系方式是13812345678。", "张振华"),
    ("冯立军护照号码E12345678，请于本周内领取。", "冯立军"),
    ("李晓燕邮箱lixiaoyan1990@163.com", "李晓燕"),
])
def test_name_beside_its_identifier_is_review(sc, text, name):
    assert name in names(sc, text), sc.scan(text).findings


@pytest.mark.parametrize("text", [
    "市民王先生反映，小区门口路灯不亮已有一周。",  # a form of address alone names nobody
    "如有疑问，请联系县人社局王女士，电话0571-86001234。",  # an office's landline (info)
    "县委书记张建国（左二）在现场调研。",
    "青山县人民医院（电话13812345678）已开通夜间门诊。",
    "金华火腿（订购电话13812345678）",
    "王记烧饼（电话13812345678）",
    "李宁专卖店（电话13812345678）",
    "请携带本人身份证原件到窗口办理，咨询电话13812345678。",
    "无意中瞥见vip客户范某留在商场的身份证等资料",
    "村民李建国表示，今年收成不错。",
    "主办单位：县文化馆\n联系人：县文化馆办公室\n电话：0571-86001234",
    "城关镇文化站手机13812345678",
    "县卫健委办公室电话13812345678",
    "石桥镇卫生院电话13812345678",
    "报名地点：城关镇政府，联系电话13812345678。",
    "活动地点：金华广场，报名电话13812345678。",
    "主办：青山县文化馆，承办：石桥镇文化站，电话13812345678。",
    "居民可凭身份证号码33010219800101123X查询",
])
def test_no_private_name_read(sc, text):
    assert names(sc, text) == [], sc.scan(text).findings


def test_full_name_carries_the_finding_not_its_later_form_of_address(sc):
    text = ("近日，台湾同胞林文雄先生回乡祭祖。林先生持台湾居民来往大陆通行证（证号07281934）办理了登记。")
    assert "林先生" not in names(sc, text)


@pytest.mark.parametrize("text,span", [
    ("在东坝镇，精神障碍患者陈某平的监护人陈国栋按月领取补贴。", "精神障碍患者陈某平的监护人陈国栋"),
    ("吸毒人员王某的母亲李秀兰多次到社区求助。", "吸毒人员王某的母亲李秀兰"),
])
def test_relative_named_beside_an_anonymised_person(sc, text, span):
    spi = [f.text for f in sc.scan(text).findings if f.type == "sensitive_personal_info"]
    assert spi == [span]


@pytest.mark.parametrize("text", [
    "精神障碍患者王某的监护人已签订监护责任书。",
    "患者王某某的家属表示满意。",
])
def test_anonymised_person_without_a_named_relative_stays_quiet(sc, text):
    assert not [f for f in sc.scan(text).findings if f.severity in ("block", "review")]
