"""Prohibited vocabulary by word formation (issue 16, h14d): a closed class of morphemes compounded
with a closed class of heads, so that a compound no list holds is still read.

Two families, each written from the norms and from the *training* halves of the public lists
(benchmarks/disguise_dataset.held_out false; never the held-out halves or the benchmark's items):

``prohibited.sex.composed`` (review), gated by the sentence
    a sexual morpheme with a body, act, person or media head: 阴 + 户/核/蒂/唇/阜/茎/囊/精/毛,
    肉 + 棒/棍/具/洞/穴/茎/缝/柱, 巨/豪/爆/美/玉/大/嫩/酥 + 乳/奶, 口/肛/乳/足/脚/拳/群/兽/腿 + 交,
    口/颜/内 + 射, 舔/摸/抓/揉/插/捏 + 阴/奶/乳/胸/穴/逼/屄, 熟/淫/骚/荡/浪 + 妇/妻/母/女/娃, 人妻,
    性/男/肉/厕 + 奴, 炮友, and the porn genres 成人/色情/情色/三级/伦理/乱伦/强奸/激情/黄色/淫秽/无码/偷拍/
    露点/艳情/迷奸 + 片/电影/影片/视频/小说/漫画/游戏/图片/写真/网站/论坛/直播/影院/图/网 …, 黄/毛/裸/淫/春宫/av
    + 片/图/照/电影 …, 阳具, 爱液, 男妓, 娼妇, 色欲, 兽欲, 屁眼 (the training half's 熟妇 人妻 肉棍 阴户 口射
    舔阴 伦理电影 成人小说 …). Anatomy and acts are also the words of medicine,
    sex education and court news, so a compound is reported only in a sentence that spreads, sells or
    offers (发布 传播 分享 下载 观看 在线 免费 出售 提供 加微信 网址 资源 …: 刑法 第三百六十三条、第三百六十四条
    name making, selling and spreading) and none of the words of medicine, education, crackdown, court
    or warning (医 病 患者 健康 教育 打击 查处 法院 被告 提醒 诈骗 …).
``prohibited.drug.composed`` (review), quiet in news
    a function morpheme of the stupefying and sex drugs sold online with a drug head: 迷魂/迷幻/迷情/
    迷奸/迷昏/迷晕/听话/乖乖/失意/失忆/失身/遗忘/催情/蒙汗/拍肩/强暴/强奸/赌博/赢钱/喵喵/昏迷/致幻 + 药/药水/
    药粉/药片/水/粉/丸/剂/香/喷雾/烟 (the training half's 听话药水 失意药 遗忘药 昏迷药 乖乖粉 强奸丸 拍肩药
    赌博粉 迷情水 …). Such a compound names nothing but a drug that makes a person lose consciousness or
    will (三唑仑, γ-羟丁酸 and their kind: 精神药品品种目录) or a gambling cheat, so it is read alone, like
    the drug names of ``prohibited.object.drug``, and silenced by the contraband rules' news words
    (小说 情节 … : 《水浒传》的蒙汗药 is a story).

Both rules are *lone* rules of the compositional detector (``_LONE_RULES``): the compound is the
whole evidence, so its disguised spellings are read back (the compounds are words of the rules:
熟☆女, shunv, 失亿药) except a sound in a two-character compound and half a compound guessed under a
mask (美# is no 美乳). Initials read a compound only as the read-back spelling of one of four
characters or more (lldy); neither :mod:`scanner.letters` nor the rules' reading of a run as several
words reads the compounds that are no row or object (any few consonants read one: qbyzbq of an
official sentence read 强暴药 + 作弊器).

Measured (h14d, benchmarks/DISGUISE.md "Fourteenth session"): the training half's entries that hold
a compound of the classes are all found (sex 169 of 169, main 124; drug 96 of 97, main 89); no new
alarm on the official corpora, the county posts or 18,742 Weibo, CLUENER and résumé texts. The sex
class is gated because 阴茎 阴囊 口交 肛交 are the words of an HIV-prevention leaflet.

Four more families (h15a, the same method over the other domains of the training halves; DISGUISE.md
"Fifteenth session"), each a lone rule with its own class tables below:
``prohibited.weapon.composed`` (a firearm kind × 枪, its parts and ammunition, a bomb by its make, making
one; in a sentence that publishes, sells or teaches), ``prohibited.fraud.composed`` (an exam ringer,
代考 替考, papers bought, sold or made; alone), ``prohibited.organ.composed`` (organs, ova and persons
traded, surrogacy offered; in a sentence that publishes or offers) and ``prohibited.device.composed``
(gambling-cheat and spy devices; in a sentence that publishes or offers). All are silenced by the
contraband rules' news words; the offer rules by a tender's words too (采购 招标 供应商).
"""
from __future__ import annotations

from functools import lru_cache

from .. import rx

__all__ = ["SEX_GATE", "DRUG_GATE", "GATE", "SEX_BASIS", "DRUG_BASIS", "sex_re", "drug_re", "SEX_CONTEXT", "SEX_QUIET",
           "WEAPON_GATE", "RINGER_GATE", "WEAPON_CONTEXT", "WEAPON_BASIS", "RINGER_BASIS", "weapon_re", "ringer_re",
           "ORGAN_GATE", "ORGAN_QUIET", "ORGAN_BASIS", "organ_re",
           "DEVICE_GATE", "DEVICE_BASIS", "OFFER_QUIET", "device_re",
           "WEAPON_REACH", "RINGER_REACH", "ORGAN_REACH", "DEVICE_REACH"]

#: (morphemes, heads, characters that must not stand before, characters that must not follow):
#: the exclusions keep words of ordinary Chinese whole (水乳交融, 拳脚交加, 众口交赞, 流浪女, 周大奶奶,
#: 吸奶器, 内射分解 → 分, 群交流, 大乳猪, 美乳霜, 猪肉棍, 三黄片)
_SEX_PARTS: tuple[tuple[tuple[str, ...], tuple[str, ...], str, str], ...] = (
    (("阴",), tuple("户核蒂唇阜茎囊精毛"), "光树绿背", ""),
    (("肉",), tuple("棒棍具洞穴茎缝柱"), "猪牛羊鸡鸭鱼烤腊熏卤肥瘦鲜", "串饼"),
    (tuple("巨豪爆美玉大嫩酥"), ("乳", "奶"), "周老", "奶粉牛酪茶油品业制源猪瓶嘴娘霜液汁房头糖片山峰岭河泉湖村镇乡县市路街桥寺庄"),
    (tuple("口肛乳足脚拳群兽腿"), ("交",), "水众拳补满", "流通往易际换警汇织界错代纳接付互集叉谈叠涉费加赞传税给还由办"),
    (tuple("口颜内"), ("射",), "向国境", "击程线频门速手箭雕出入中流分率"),
    (tuple("舔摸抓揉插捏"), tuple("阴奶乳胸穴逼屄"), "", "部道茎囊粉牛酪"),
    (tuple("熟淫骚荡浪"), tuple("妇妻母女娃"), "流放早成半圆新", "儿婿红神座"),
    (("人",), ("妻",), "", "子"),
    (tuple("性男肉厕"), ("奴",), "", "隶役才化性婢仆"),
    (tuple("炮砲"), ("友",), "", ""),
    (("阳",), ("具",), "太", ""),
    (tuple("爱淫骚"), ("液", "汁"), "", ""),
    (("男",), ("妓", "娼"), "", ""),
    (("娼",), tuple("妇妓女"), "", ""),
    (tuple("色兽肉淫"), ("欲",), "", "望"),
    (("屁",), ("眼",), "", "子儿"),
    # a porn medium by a morpheme of one character (黄片, 毛片, 裸照, 淫图, 春宫图, av片): the characters
    # before 黄 and 毛 that make a medicine, a food or a material are no morpheme (三黄片, 蛋黄片, 羊毛片)
    (("黄",), ("片", "图", "网", "电影", "视频", "小说"), "蛋姜大硫雄蒜三金牛麻菊地橙枯焦微土杏鹅米", ""),
    (("毛",), ("片",), "羊兔猪鸡羽绒皮鸭牛貂", ""),
    (("裸", "淫"), ("照", "图", "片", "电影", "视频", "小说"), "赤", "书表纸像形案标层"),
    (("春宫",), ("图", "画", "片", "电影", "视频"), "", ""),
    (("av",), ("片", "电影", "视频", "女优", "网站", "网"), "a-z0-9", ""),
    (("成人", "色情", "情色", "三级", "伦理", "乱伦", "强奸", "强暴", "激情", "黄色", "淫秽", "无码", "偷拍", "露点",
      "艳情", "迷奸"),
     ("片", "电影", "影片", "视频", "小说", "漫画", "动漫", "游戏", "图片", "写真", "网站", "论坛", "直播", "短片",
      "影院", "贴图", "套图"), "", "学"),
    (("成人", "色情", "情色", "三级", "乱伦", "强奸", "激情", "黄色", "淫秽", "无码", "偷拍", "露点", "艳情"), ("图", "网"),
     "", "书表纸像形案标层络校点格购友民页关球上中内店"),
    (("美女", "裸体", "私房", "性感"), ("写真", "套图", "视频", "图片"), "", ""),
    (("人体",), ("写真", "艺术照", "套图"), "", ""),
)
#: a sentence that spreads, sells, shows or offers (刑法 第三百六十三条: 制作、复制、出版、贩卖、传播;
#: 第三百六十四条: 传播; 网络信息内容生态治理规定 第六条: 散布)
SEX_CONTEXT = ("发布", "传播", "散布", "分享", "转发", "上传", "下载", "观看", "在线", "免费", "出售", "售卖", "贩卖",
               "销售", "批发", "供应", "提供", "求购", "购买", "代购", "有货", "现货", "加微", "加v", "加qq", "私聊",
               "私信", "网址", "链接", "资源", "种子", "高清", "福利", "有偿", "上门", "交友", "直播", "播放", "点击",
               "看片", "约")
#: medicine, sex education, crackdown, court and warning: the same words are the subject, not the offer
SEX_QUIET = ("医", "病", "患者", "治疗", "手术", "健康", "生理", "卫生", "疾控", "艾滋", "防治", "预防", "教育", "课",
             "孕", "产", "哺乳", "母乳", "诊", "打击", "整治", "查处", "查获", "收缴", "破获", "抓获", "捣毁", "侦破",
             "涉嫌", "犯罪", "违法", "非法", "警方", "公安", "民警", "法院", "检察", "判处", "判决", "被告", "禁止",
             "严禁", "不得", "举报", "扫黄", "打非", "治理", "专项", "提醒", "警惕", "谨防", "防范", "诈骗", "不法分子",
             "诱饵", "敲诈", "勒索", "所谓", "风险", "受害", "未成年人保护", "净网", "清理", "删除", "封禁", "下架")
SEX_BASIS = ("刑法 第三百六十三条、第三百六十四条(制作、贩卖、传播淫秽物品); 网络信息内容生态治理规定(2019) "
             "第六条第(八)项(散布淫秽、色情); 互联网信息服务管理办法 第十五条第(七)项")

_DRUG_FUNCTIONS = ("迷魂", "迷幻", "迷情", "迷奸", "迷昏", "迷晕", "迷醉", "听话", "乖乖", "失意", "失忆", "失身", "遗忘",
                   "催情", "蒙汗", "蒙汉", "拍肩", "强暴", "强奸", "赌博", "赢钱", "喵喵", "昏迷", "致幻")
_DRUG_HEADS = ("药水", "药粉", "药片", "药", "水", "粉", "丸", "剂", "香", "喷雾", "烟")
DRUG_BASIS = ("禁毒法 第二条、第五十九条; 刑法 第三百四十七条、第三百五十五条; 麻醉药品和精神药品管理条例 第三条; "
              "精神药品品种目录(三唑仑、γ-羟丁酸等)")


def _parts_words(parts) -> frozenset[str]:
    return frozenset(m + h for ms, hs, _b, _a in parts for m in ms for h in hs)


def _drug_words() -> frozenset[str]:
    return frozenset(f + h for f in _DRUG_FUNCTIONS for h in _DRUG_HEADS)


SEX_GATE = _parts_words(_SEX_PARTS)
DRUG_GATE = _drug_words()
GATE = SEX_GATE | DRUG_GATE


def _alt(words) -> str:
    return "|".join(sorted(set(words), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def sex_re():
    return _parts_re(_SEX_PARTS)


@lru_cache(maxsize=1)
def drug_re():
    # (a head of one character after the longer ones: 听话药水 whole, not 听话药)
    return rx.compile(f"(?:{_alt(_DRUG_FUNCTIONS)})(?:{_alt(_DRUG_HEADS)})")


# ------------------------------------------------------------------ h15a: weapons, fraud, organ trade, devices
# (the same method, other domains of the lists' training halves: konsheng's 涉枪涉爆 and 暴恐 files and
# houbb's entries with 枪 弹 炸 药, held_out(...) false; the held-out halves measured in aggregate only)

#: a firearm: a kind, a make or a power × 枪 (仿真枪 土枪 气枪 钢珠枪 火药枪 射击枪 真枪 …), a part of one
#: (枪管 枪琯 枪托 枪模 枪弹 枪膛 枪栓; not 枪箱 枪机 枪套 枪柜, whose look-alike
#: spellings are ordinary: 与枪相关 read 枪箱, 开枪几次 枪机), its ammunition (步枪弹 气枪弹 猎枪弹), a bomb by its make (土炸弹 人体
#:炸弹 黑火药) and making one (做炸弹 制作脏弹 制手枪; 炸药的制作 起爆药制作). The exclusions keep the
#: tools and the idioms whole: 焊枪 喷枪 水枪 射钉枪 扫描枪 测温枪 胶枪 发令枪 标枪 红缨枪 灭火枪 打气枪
#: 性手枪 (a band), 真刀真枪 真枪实弹, 气枪震源 (seismic survey), 火枪手 枪手 枪法 枪声 枪决, 定时炸弹 (a
#: metaphor: no class word), 研制 制导 (研制原子弹 is the news of 1964, 制导炸弹 a weapon's kind)
_GUN_KINDS = ("仿真", "土制", "自制", "改装", "土", "气", "汽", "猎", "钢珠", "火药", "麻醉", "真", "射击", "步", "手",
              "冲锋", "狙击", "霰弹", "散弹", "来复", "左轮", "军用", "警用", "制式", "高压", "打鸟", "双管", "单管",
              "连发", "铅弹", "钢砂", "火")
_WEAPON_PARTS: tuple[tuple[tuple[str, ...], tuple[str, ...], str, str], ...] = (
    # (the ammunition first: an alternation takes its first part that matches, 猎枪子弹 whole, not 猎枪)
    (("步枪", "手枪", "气枪", "汽枪", "猎枪", "霰弹枪", "钢珠枪", "散弹枪"), ("子弹", "弹药", "弹"), "", ""),
    (_GUN_KINDS, ("枪支", "枪械", "枪"), "打水焊喷枪长标花银红缨铁射钉测温扫描胶漆发令玩具道刀灭性", "手法术战声林击杀决毙响口实眼炮震"),
    (("枪",), ("管", "琯", "托", "模", "弹", "膛", "栓"), "焊喷水长标花银红缨铁钉描温胶漆令具道刀机开", "理制子"),
    (("土", "自制", "简易", "人体", "汽车", "邮包", "遥控", "脏", "土制"), ("炸弹", "炸药"), "", ""),
    (("黑", "土"), ("火药",), "", ""),
    (("做", "自做", "自制", "土制", "制作", "教你做", "教你制作", "在家做", "手工做", "怎么做", "如何做", "如何制作", "制"),
     ("原子弹", "氢弹", "核弹", "脏弹", "炸弹", "炸药", "火药", "雷管", "手枪", "枪支", "燃烧瓶"), "研", ""),
    (("炸药", "炸弹", "火药", "起爆药", "雷管"), ("的制作", "的制法", "的配方", "的做法", "制作", "制法", "制造", "配方", "做法", "制"),
     "", "度导止服约定裁"),
)
#: a sentence that publishes, spreads, sells, offers or teaches (互联网危险物品信息发布管理规定 第六条、第七条:
#: no information on making or trading guns, ammunition or explosives may be published online)
WEAPON_CONTEXT = ("发布", "传播", "散布", "分享", "转发", "上传", "下载", "出售", "售卖", "贩卖", "销售", "批发", "供应",
                  "提供", "求购", "购买", "代购", "有货", "现货", "加微", "加v", "加qq", "私聊", "私信", "联系", "网址",
                  "链接", "教程", "教你", "手把手", "转让", "出租", "包邮", "价格", "有偿", "专区", "附送", "招募")
WEAPON_BASIS = ("刑法 第一百二十五条(非法制造、买卖、运输、邮寄、储存枪支、弹药、爆炸物)、第一百二十八条; 枪支管理法 第三条; "
                "互联网危险物品信息发布管理规定(2015) 第六条、第七条; 网络信息内容生态治理规定(2019) 第六条第(五)项")

#: documents and diplomas (the papers of 刑法 第二百八十条 and the diplomas of 学位论文作假行为处理办法)
_DIPLOMAS = ("文凭", "学历证书", "毕业证", "学位证", "毕业文凭", "本科文凭", "硕士文凭", "博士文凭")
_DOCS = ("身份证", "驾照", "驾驶证", "学历证", "学历", "军官证", "警察证", "会计证", "证件") + _DIPLOMAS
#: an exam ringer hired or offered (找枪手 雇枪手 枪手网站 枪手团队 枪手代考, 代考 替考): 枪手 is a shooter in the news
#: and a sharpshooter in sport (神枪手 快枪手 抢手), so only the hiring verb before it or the service after
#: it reads it (寻找枪手 is the police's)
_RINGER_PARTS: tuple[tuple[tuple[str, ...], tuple[str, ...], str, str], ...] = (
    (("枪手",), ("网站", "网", "团队", "队", "群", "服务", "代考", "替考"), "快神抢", ""),
    (("找", "雇", "请", "雇佣", "招募", "招聘", "提供", "联系"), ("枪手", "考试枪手"), "寻", ""),
    # (sitting an exam for another: 代考 替考; not 代考虑 轮替考核 顶替考察, 代考点 is no compound)
    (("代", "替"), ("考",), "轮顶", "虑察核证验古究勤评点场区"),
    # papers bought, sold or made (卖身份证 买驾照 出售文凭 办假证件 办理真文凭 代写论文 卖考前答案): the
    # characters after a document that make it a number, a copy, a service or a check are excluded (身份证号
    # 身份证复印件 身份证信息: the personal-data class's; 证件照 驾驶证办理); 办身份证 办理身份证 are the
    # police station's, so 办 and 办理 only with 假 真 高仿 or a diploma; 提供答案 is a quiz's)
    # (真 is the seller's word for a diploma, 真文凭 真学历, not for an identity paper)
    # (假证 alone is the fake paper the small ads offer, 办假证 卖假证; 做假证 假证明 假证据 假证词 are testimony
    # and proof, the courts' words: not after it)
    (("卖", "售", "出售", "供应", "批发", "购买", "买", "定购", "代售", "销售"), _DOCS + tuple("假" + x for x in _DOCS + ("证",))
     + tuple("真" + x for x in _DIPLOMAS + ("学历",)), "", "号码复照件上份信息验核管办认查业生明据词言"),
    (("办", "代办", "办理", "做", "制作", "制"), tuple("假" + x for x in _DOCS + ("证",)) + tuple("真" + x for x in _DIPLOMAS + ("学历",))
     + tuple("高仿" + x for x in _DOCS), "", "明据词言"),
    # a paper without its exam, the pass promised (驾驶证不用考包过, 免考拿证): the ads of 刑法 第二百八十条
    (("不用考", "不用考试", "免考", "免考试", "不考试", "无需考试"), ("包过", "包拿证", "直接拿证", "拿证", "出证"), "", ""),
    (("包过", "保过"), ("不用考", "不用考试", "免考", "不考试"), "", ""),
    (("办", "代办", "做", "制作"), _DIPLOMAS, "", "号码复照件上份信息验核管认查"),
    (("代写", "代做"), ("毕业论文", "论文", "作业"), "", ""),
    (("论文",), ("代写",), "", ""),
    (("卖", "售", "出售", "保过"), ("考试答案", "考前答案", "司考答案", "试题答案", "答案"), "", ""),
)
RINGER_BASIS = ("刑法 第二百八十四条之一(组织考试作弊、非法出售试题答案、代替考试)、第二百八十条、第二百八十条之一(伪造、"
                "买卖国家机关证件、身份证件); 居民身份证法 第十七条; 学位论文作假行为处理办法(2012) 第三条(购买、出售、代写学位论文); "
                "网络信息内容生态治理规定(2019) 第六条第(八)项")


#: the trade in human organs, ova and children (买肾 卖肾源 肾源中介 器官贩卖 拐卖婴儿 代孕中介): a trade verb
#: with an organ, an organ with a trade word, the trafficking verbs with a person, surrogacy as a service.
#: 婴儿 only after the trafficking verbs (卖婴儿用品 is a shop); the characters that make a medicine or a
#: disease are excluded (补肾 养肾 肾虚 肾炎 肾病 肾功能 肾宝 肾移植 器官网络); only in a sentence that
#: publishes or offers, and never with a word of medicine, donation or news (医 病 移植 捐献 红十字 打击 …)
_ORGAN_PARTS: tuple[tuple[tuple[str, ...], tuple[str, ...], str, str], ...] = (
    (("卖", "买", "售", "购", "收购", "出售", "供应", "提供", "批发", "找", "求购", "有偿捐", "有偿献", "有偿"),
     ("肾源", "肾脏", "肾", "器官", "卵子", "活体肾"), "脾肝补护养健固温", "虚炎病功结囊衰移透科亏宝阳气"),
    (("肾源", "肾脏", "活体肾", "器官", "卵子"), ("中介", "供应", "买卖", "出售", "供求", "电话", "网", "批发", "交易", "贩卖"),
     "", "络站点格"),
    (("拐卖", "贩卖", "买卖"), ("婴儿", "儿童", "妇女", "人口", "器官"), "", ""),
    (("代孕",), ("妈", "中介", "机构", "公司", "网", "服务", "套餐"), "", ""),  # (妈: the dense view reads 妈妈 once)
)
ORGAN_QUIET = ("医", "病", "移植", "捐献", "捐赠", "红十字")
ORGAN_BASIS = ("刑法 第二百三十四条之一(组织出卖人体器官)、第二百四十条(拐卖妇女、儿童); 人体器官移植条例 第三条; "
               "人类辅助生殖技术管理办法 第三条(禁止买卖配子、合子、胚胎, 禁止实施代孕); 网络信息内容生态治理规定(2019) 第六条第(十)项")


#: gambling-cheat and spy devices (透视眼镜 扑克分析仪 麻将遥控器 出千工具 手机窃听器 窃听器材 微信监听): a
#: cheat's or a spy's word with a device head. Not the jammers (信号屏蔽器 干扰器 are an exam hall's and a
#: prison's, bought by tender), and only in a sentence that publishes, sells or offers and no news
_DEVICE_PARTS: tuple[tuple[tuple[str, ...], tuple[str, ...], str, str], ...] = (
    (("透视",), ("隐形眼镜", "眼镜", "镜", "仪", "器", "软件", "扑克", "牌"), "", ""),
    (("扑克", "麻将", "牌九", "骰子", "色子", "赌具", "纸牌"),
     ("分析仪", "透视", "遥控器", "作弊器", "作弊", "出千", "控制器", "变牌", "换牌"), "", ""),
    (("出千", "千术"), ("工具", "器材", "道具", "教学", "教程", "培训", "技巧", "手法"), "", ""),
    (("麻将机", "老虎机", "捕鱼机", "百家乐", "赌博机"), ("作弊", "遥控器", "破解", "程序", "透视"), "", ""),
    (("作弊", "出千"), ("扑克", "麻将", "骰子", "色子", "赌具"), "", ""),
    (("窃听", "监听", "窃照"), ("器材", "设备", "软件", "王", "器", "仪"), "", ""),
    (("手机", "汽车", "电子", "无线", "遥控"), ("监听器", "窃听器", "跟踪器"), "", ""),
    (("手机", "电话", "微信"), ("监听", "窃听", "跟踪", "定位器"), "", ""),
)
DEVICE_BASIS = ("刑法 第二百八十三条(非法生产、销售专用间谍器材、窃听、窃照专用器材)、第二百八十四条、第三百零三条(赌博)、"
                "第二百六十六条(以赌博作弊骗取钱财以诈骗论); 网络信息内容生态治理规定(2019) 第六条第(八)项")
#: a tender's words: a sentence that buys by tender is no offer (供应商 holds 供应: 采购步枪弹 is a police
#: tender's, 采购窃听器材检测设备 a security office's)
OFFER_QUIET = ("采购", "招标", "中标", "供应商", "投标")


def _parts_re(parts):
    out = []
    for ms, hs, before, after in parts:
        p = f"(?:{_alt(ms)})(?:{_alt(hs)})"
        if before:
            p = f"(?<![{before}]){p}"
        if after:
            p += f"(?![{after}])"
        out.append(p)
    return rx.compile("|".join(f"(?:{p})" for p in out))


def _minimal(words: frozenset[str]) -> tuple[frozenset[str], int]:
    """The compounds that hold no other compound of the class, and how many characters a compound
    reaches past the one it holds (出售文凭 holds 售文凭, 仿真枪 真枪, 如何制作炸药 制作炸药: the shorter one is
    the gate word and the pattern reads the longer one in a window that far around it). The gate
    words and the read-back spellings are the shorter ones (h15a: 865 words, not 1,430)."""
    keep = frozenset(w for w in words if not any(v != w and v in w for v in words))
    return keep, max(len(w) - max(len(v) for v in keep if v in w) for w in words)


WEAPON_GATE, WEAPON_REACH = _minimal(_parts_words(_WEAPON_PARTS))
RINGER_GATE, RINGER_REACH = _minimal(_parts_words(_RINGER_PARTS))
ORGAN_GATE, ORGAN_REACH = _minimal(_parts_words(_ORGAN_PARTS))
DEVICE_GATE, DEVICE_REACH = _minimal(_parts_words(_DEVICE_PARTS))
GATE = GATE | WEAPON_GATE | RINGER_GATE | ORGAN_GATE | DEVICE_GATE


@lru_cache(maxsize=1)
def weapon_re():
    return _parts_re(_WEAPON_PARTS)


@lru_cache(maxsize=1)
def ringer_re():
    return _parts_re(_RINGER_PARTS)


@lru_cache(maxsize=1)
def organ_re():
    return _parts_re(_ORGAN_PARTS)


@lru_cache(maxsize=1)
def device_re():
    return _parts_re(_DEVICE_PARTS)
