"""Rules that generalise instead of strings (issue 16): a finding is a *composition* of a cue and
an object class, each written once from a public norm, so a phrase nobody listed is still found.

==================  ==========================================  ===============================
rule family         composition                                 basis (object classes from)
==================  ==========================================  ===============================
contraband trade    a trade word (出售 供应 可购 求购 代办 …)     禁毒法; 麻醉药品和精神药品品种目录;
                    next to a contraband object (drugs,          枪支管理法; 民用爆炸物品安全管理条例;
                    guns, explosives, controlled knives, fake    管制刀具认定标准; 刑法 第二百八十条、
                    papers, invoices, bank cards, personal       第二百零五条、第二百五十三条之一、第二百
                    data, gambling, sex services, spy devices)   八十七条之二、第三百零三条、第三百五十八条
drug object         an unambiguous drug name alone (海洛因)      禁毒法 第二条; 品种目录
trade secret        a disclosure cue (内部 未公开的 本厂 某某公司的  反不正当竞争法(2019) 第九条; 最高人民法院
                    泄露 …清单 …如下 …附后) with a technical or   法释〔2020〕7号 第一条 (技术信息: 结构、
                    business information object as the norms     原料、配方、工艺、数据…; 经营信息: 客户信息、
                    enumerate them (:mod:`.trade_norms`: 配方     财务、招投标材料…); 工商局规定 第二条;
                    工艺资料 客户的名称、地址 货源情报 …)        证券法 第五十二条 (unpublished financials)
bid secret          标底/底价 stated (…为, …是), the bid          招标投标法 第二十二条、第三十七条、第四十四条;
                    committee or bidders named before award,     实施条例 第四十一条; 政府采购法实施条例 第四十条
                    the evaluation before the result
secret topic        personnel before announcement (考察 推荐     保守国家秘密法 第十三条; 干部选拔任用工作条例;
                    测评 + 得票/得分/名单), case clues and       监察法 第十八条; 军事设施保护法; 统计法 第二十
                    measures, military sites with positions,     五条; 教育工作中国家秘密及其密级具体范围的规定;
                    exam papers before the exam, unpublished     信访工作条例 第三十三条(举报人信息保密)
                    statistics, whistle-blowers' details
password value      a password label with a value that is a     网络安全法 第二十一条
                    real password (letters and digits),
                    without an account next to it
==================  ==========================================  ===============================

Every rule runs on the ``dense`` view (what the lexicon automaton sees: width, case, traditional
characters, symbols between characters and repeats already undone), inside one sentence (。!?;),
and only when one of its cue or object words is in the text (one Aho–Corasick pass of the words
below). News of a crackdown or a verdict (查获 冰毒, 以非法出售枪支罪判处) is not the thing itself:
each contraband rule is silenced by crackdown, court and warning words in its sentence.
"""
from __future__ import annotations

import re
import threading
from array import array
from dataclasses import replace
from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .. import letters, rx, speedups
from ..disguise import _DIGIT_OF, _PUNCT_SEPS, in_pinyin
from ..model import Finding
from ..normalize import Views
from ..surnames import SURNAMES
from ..words import cut, word_freq
from . import gates
from .gates import separated_runs
from .context import heading_end, heading_quiets, sentence_around
from .credentials import _HELP, _TRAIL
from . import formulations, leader_names, morphology, threats, trade_norms, wording  # (wording imports this module back: attributes read at call time)

if TYPE_CHECKING:  # (NumPy loads only when a disguised spelling is read back)
    import numpy as np

__all__ = ["CompositionalDetector"]

_GAP = r"[^。!?;,]"  # inside one clause

# ------------------------------------------------------------------ contraband: object classes
#: the controlled substances of the national catalogues, by name (three characters or more: a name of
#: two, 阿片 吗啡, is also medicine's and history's word): 麻醉药品品种目录(2013年版) and 精神药品品种目录
#: (2013年版) (食药监药化监〔2013〕230号; narcotics, psychotropics of the first and second class), the
#: 非药用类麻醉药品和精神药品管制品种增补目录 (2015) and the later listings (依托咪酯 2023). 刑法 第三百五十七条:
#: 毒品 includes every narcotic and psychotropic the state controls. Counted before writing (issue 16,
#: h16q): none occurs in the general or official corpora but 芬太尼 once (打击芬太尼, news); a hospital's
#: or a crackdown's text is quiet by the news words (医院 处方 临床 查获 …)
_CATALOGUE = ("二氢埃托啡|埃托啡|美沙酮|哌替啶|杜冷丁|芬太尼|舒芬太尼|瑞芬太尼|阿芬太尼|可待因|双氢可待因|羟考酮|"
              "氢可酮|氢吗啡酮|蒂巴因|罂粟壳|古柯叶|右丙氧芬|布桂嗪|地芬诺酯|大麻树脂|卡西酮|麦角二乙胺|麦角酰二乙胺|"
              "麦司卡林|赛洛西宾|四氢大麻酚|甲喹酮|哌醋甲酯|苯环利定|司可巴比妥|丁丙诺啡|羟丁酸|马吲哚|安非他明|"
              "异戊巴比妥|布他比妥|氟硝西泮|喷他佐辛|戊巴比妥|阿普唑仑|巴比妥|溴西泮|氯硝西泮|地西泮|艾司唑仑|氟西泮|"
              "劳拉西泮|甲丙氨酯|咪达唑仑|纳布啡|硝西泮|奥沙西泮|苯巴比妥|替马西泮|唑吡坦|扎来普隆|佐匹克隆|地佐辛|"
              "布托啡诺|曲马多|安钠咖|依托咪酯|恰特草|二甲基色胺|裸盖菇素")
_DRUG = ("海洛因|冰毒|甲基苯丙胺|苯丙胺|摇头丸|k粉|氯胺酮|麻古|麻果|大麻|可卡因|古柯|鸦片|吗啡|杜冷丁|哌替啶|芬太尼|"
         "美沙酮|三唑仑|氟硝西泮|羟丁酸|麦角酰二乙胺|迷幻药|迷药|迷奸药|迷魂药|迷情药|迷昏药|迷晕药|催情药|催情水|春药|"
         "听话水|神仙水|蓝精灵|笑气|恰特草|卡痛|合成大麻素|依托咪酯|甲卡西酮|浴盐|毒品|白粉|安眠药|曲马多|地西泮|"
         "艾司唑仑|阿普唑仑|佐匹克隆|唑吡坦|氯硝西泮|麻黄碱|麻黄素|羟亚胺|邻酮|上头电子烟|开心水|罂粟" + "|" + _CATALOGUE)
#: drug names that are an offence to mention alone (prohibited.object.drug)
_DRUG_ALONE = ("海洛因|冰毒|甲基苯丙胺|摇头丸|k粉|氯胺酮|麻古|可卡因|三唑仑|迷奸药|迷魂药|迷情药|"
               "听话水|神仙水|催情药|合成大麻素|甲卡西酮|大麻烟|大麻叶|大麻油|" + _CATALOGUE)
_WEAPON = ("枪支|枪械|手枪|步枪|冲锋枪|狙击枪|霰弹枪|散弹枪|猎枪|气枪|汽枪|气步枪|气手枪|火药枪|钢珠枪|仿真枪|麻醉枪|"
           "秃鹰|左轮|枪模|枪管|枪托|撞针|消音器|子弹|弹药|弹夹|弹匣|铅弹|钢珠弹|军火|弓弩|手弩|弩箭|军用枪|真枪|售枪|卖枪|买枪|购枪")
_EXPLOSIVE = ("炸药|雷管|导火索|导爆索|黑火药|火药|tnt|硝铵|硝酸铵|硝化甘油|硝酸甘油|炸弹|手榴弹|燃烧瓶|燃烧弹|"
              "起爆器|起爆药|爆炸物|土炸弹|礼花弹")
_KNIFE = "管制刀具|弹簧刀|跳刀|军刺|三棱刺|三棱刮刀|匕首|蝴蝶刀|刺刀|开山刀|甩棍|电击器|电警棍|电棍|防狼喷雾|催泪喷雾"
_FAKE = ("假证|假证件|假身份证|假驾照|假驾驶证|假文凭|假学历|假毕业证|假学位证|假发票|假币|假钞|伪钞|假护照|假公章|"
         "假印章|假户口|假结婚证|假房产证|假营业执照|高仿证件")
_INVOICE = "增值税专用发票|增值税发票|专用发票|发票"
_BANK = ("银行卡|银行账户|对公账户|u盾|网银|手机卡|电话卡|物联网卡|实名卡|四件套|收款码|支付宝账号|微信账号|"
         "实名账号")
_DATA = ("公民个人信息|个人信息|身份证信息|身份信息|户籍信息|开房记录|通话记录|通话详单|行踪轨迹|快递信息|"
         "快递单号信息|车主信息|学生信息|业主信息|股民信息|手机号码段|个人资料")
_GAMBLE = ("网络赌博|赌博平台|赌博网站|赌博app|博彩平台|博彩网站|赌场|网赌|赌球|六合彩|时时彩|私彩|百家乐|老虎机|"
           "赌博机|捕鱼机|赌博|博彩|外围赌|赌局")
_SEX = ("卖淫|嫖娼|色情服务|特殊服务|全套服务|援交|裸聊|约炮|一夜情|包夜|楼凤|外围女|陪睡|色情视频|淫秽视频|"
        "黄色视频|成人视频|黄片|色情片|a片|av|淫秽物品|小姐上门|美女上门|学生妹")
_DEVICE = ("窃听器|针孔摄像头|针孔摄像机|偷拍设备|偷拍器|伪基站|gps定位器|定位器|信号屏蔽器|屏蔽器|监听器|"
           "开锁工具|万能钥匙|作弊器|考试作弊|作弊设备|无线耳机作弊|考试答案|考题答案")
_WILD = "象牙|犀牛角|犀角|穿山甲|虎骨|虎皮|熊胆|玳瑁|盔犀鸟|藏羚羊绒|沙图什"

#: a nuclear weapon as the object of a how-to (原子弹制作方法, 教你做原子弹): never trade, and never the news
#: of 1964 (第一颗原子弹爆炸成功, 研制原子弹): no verb of making reads it, only a teaching one
_NUCLEAR = "原子弹|核弹|氢弹|脏弹"
_CONTACT = "加微信|加v|加qq|私信|私聊"  # asking to be contacted off the platform
#: class -> (objects, the verbs that make an offer of it)
_SALE = ("出售|售卖|贩卖|兜售|销售|零售|批发|供应|长期供应|大量供应|专供|提供|代购|求购|收购|高价收|回收|可购|有售|"
         "专卖|直销|代发|订购|购买|转让|出租|租售|有货|现货|办理|代办|代开|虚开|定做|定制|制作|刻制|私刻|代刻|"
         "查询|调取|开设|代理|招募|招聘|安排|介绍|" + _CONTACT + "|联系")
_CLASSES: dict[str, tuple[str, str]] = {
    "drug": (_DRUG, "出售|售卖|贩卖|兜售|销售|零售|批发|供应|长期供应|大量供应|专供|提供|代购|求购|收购|回收|可购|"
                    "有售|专卖|直销|代发|订购|购买|转让|有货|现货|" + _CONTACT + "|联系"),
    "weapon": (_WEAPON, "出售|售卖|贩卖|兜售|销售|零售|批发|供应|长期供应|专供|代购|求购|收购|高价收|回收|可购|有售|"
                        "专卖|直销|代发|订购|转让|出租|租售|有货|现货|定做|定制|" + _CONTACT + ""),
    "explosive": (_EXPLOSIVE, "出售|售卖|贩卖|兜售|零售|批发|供应|长期供应|专供|代购|求购|收购|可购|有售|专卖|直销|"
                              "代发|订购|转让|有货|现货|定做|" + _CONTACT + "|自制|制作|制造|配制|教你做|教你制作"),
    "knife": (_KNIFE, "出售|售卖|贩卖|兜售|零售|批发|供应|长期供应|专供|代购|求购|可购|有售|专卖|直销|代发|订购|转让|"
                      "有货|现货|定做|" + _CONTACT + ""),
    "fake": (_FAKE, _SALE),
    "invoice": (_INVOICE, "代开|虚开|出售|售卖|贩卖|兜售|买卖|代办|办理各类|长期代开|提供各类|低价开|票点"),
    "bank": (_BANK, "出售|售卖|贩卖|兜售|买卖|收购|高价收|回收|求购|出租|租借|租用|代办|批量|转让|收"),
    "data": (_DATA, "出售|售卖|贩卖|兜售|买卖|收购|求购|倒卖|查询|调取|代查|精准|批量"),
    "gamble": (_GAMBLE, "提供|开设|代理|招募|招聘|开户|注册|下注|投注|充值|推荐|加入|包赢|稳赢|必中|带单|送彩金|"
                        "" + _CONTACT + "|网址|平台"),
    "sex": (_SEX, "提供|安排|介绍|出售|兜售|贩卖|招聘|招募|有|约|找|同城|上门|包夜|" + _CONTACT + "|服务"),
    "device": (_DEVICE, "出售|售卖|贩卖|兜售|销售|零售|批发|供应|专供|代购|求购|可购|有售|专卖|直销|代发|订购|转让|"
                        "有货|现货|定做|提供|" + _CONTACT + ""),
    "wildlife": (_WILD, "出售|售卖|贩卖|兜售|零售|批发|供应|代购|求购|收购|高价收|可购|有售|专卖|直销|代发|订购|转让|"
                        "有货|现货|" + _CONTACT + ""),
    "nuclear": (_NUCLEAR, "教你做|教你制作|教做|手把手教|在家里做|在家做|自制|diy"),
}
#: after the object: 枪支出售, 手枪转让, 冰毒有货, 发票代开 (and per class: 援交上门, 百家乐开户)
_AFTER = ("出售|转让|专卖|直销|批发|零售|销售|代购|代发|求购|有货|现货|包邮|货到付款|到付|价格|面议|低价|特价|"
          "供应|出租|代开|代办|加微|加v|加qq|私聊|私信|一条龙|"
          # mined like _AFTER_EXTRA below: 订购 (drug 7, weapon 20), 买卖 (weapon 15), 到货 (drug 2, weapon 9)
          "订购|买卖|到货")
#: the how-to and trade words after an object in the TRAINING half of konsheng's 涉枪涉爆 file (issue 16,
#: scripts/build_prohibited_ngrams.py's entries; count in brackets): explosive 的 (21: 的制作, 的配方, 的成分),
#: 配方 (14), 制作方法 (7), 方法 (5) (not a bare 制作 (25): 礼花弹制作 is fireworks news); weapon 配件 (31),
#: 模具 (17), 专卖网 (11), 专卖店 (8), 图纸 (7); nuclear (原子弹制作, 核弹制作方法, 原子弹配方, 简易原子弹教程 …: 17
#: entries)
#: (sex: 兼职 after the object, 学生妹兼职 外围女兼职, is the advertisement's own word for it, h14a)
_AFTER_EXTRA = {"sex": "|上门|服务|包夜|全套|兼职", "gamble": "|网址|平台代理|代理|开户|注册|下注|彩金",
                "explosive": "|教程|制作方法|制作教程|配方|配比|做法|的制作|的配方|的成分|方法",
                "drug": "|教程|制作方法|配方|提炼",
                "weapon": "|配件|模具|专卖网|专卖店|图纸",
                "nuclear": "|制作|制作方法|制作手册|配方|教程|方法|diy"}
_CLASS_NAMES = {"drug": "毒品", "weapon": "枪支弹药", "explosive": "爆炸物", "knife": "管制刀具", "fake": "伪造证件票币",
                "invoice": "发票", "bank": "银行卡及账号", "data": "公民个人信息", "gamble": "赌博", "sex": "色情服务",
                "device": "窃听窃照及作弊器材", "wildlife": "珍贵濒危野生动物制品", "nuclear": "核武器制作方法"}
_BASIS = {
    "drug": "禁毒法 第二条、第五十九条; 刑法 第三百四十七条; 麻醉药品和精神药品品种目录(2013版及增补)",
    "weapon": "枪支管理法 第三条、第四十条、第四十四条; 刑法 第一百二十五条; 公安部《枪支致伤力的法庭科学鉴定判据》",
    "explosive": "民用爆炸物品安全管理条例 第三条、第四十四条; 刑法 第一百二十五条",
    "knife": "管制刀具认定标准(公通字〔2007〕2号); 治安管理处罚法 第三十二条",
    "fake": "刑法 第二百八十条(伪造、买卖国家机关公文、证件、印章)、第一百七十条(伪造货币)",
    "invoice": "刑法 第二百零五条、第二百零九条(虚开、出售发票); 发票管理办法 第二十二条",
    "bank": "刑法 第二百八十七条之二(帮助信息网络犯罪活动); 反电信网络诈骗法 第三十一条",
    "data": "刑法 第二百五十三条之一(侵犯公民个人信息); 个人信息保护法 第十条",
    "gamble": "刑法 第三百零三条; 网络信息内容生态治理规定(2019) 第六条第(八)项",
    "sex": "刑法 第三百五十八条、第三百六十三条; 网络信息内容生态治理规定(2019) 第六条第(八)项",
    "device": "刑法 第二百八十三条(非法生产、销售专用间谍器材、窃听、窃照专用器材)、第二百八十四条之一(组织考试作弊)",
    "wildlife": "野生动物保护法 第二十八条、第三十三条; 刑法 第三百四十一条",
    "nuclear": "刑法 第一百二十五条、第二百九十五条(传授犯罪方法); 网络信息内容生态治理规定(2019) 第六条第(五)(八)项",
}
#: news of a crackdown, a verdict, a warning or a policy: a mention, not an offer
_NEWS = ("打击|整治|查处|查获|缴获|收缴|破获|抓获|捣毁|侦破|侦办|涉嫌|犯罪|违法|非法|警方|公安|民警|派出所|检察|法院|"
         "判处|判决|审理|刑事|拘留|逮捕|缉毒|禁毒|缉私|海关|反赌|防范|警惕|远离|危害|拒绝|谨防|严禁|禁止|不得|提醒|揭秘|"
         "骗局|陷阱|专项|案件|举报|治理|依法|扫黄|打非|涉案|被告|嫌疑|获刑|落网|罪|团伙|监管|管控|严厉|取缔|整改|查办|"
         "执法|审查|批捕|起诉|宣判|有期徒刑|受害|诈骗|处罚|罚款|曝光|揭露|宣传|教育|科普|法律|法规|条例|规定|办法|"
         "管理|许可|审批|登记|备案|合法|正规|医疗|医用|临床|处方|医院|药店|戒毒|吸毒|成瘾|滥用|列管|管制|毒害|美国|"
         "军售|武器|部队|军队|军方|战场|冲突|袭击|空袭|射击|比赛|运动员|冠军|奥运|博物馆|文物|考古|历史|纪念|电影|"
         "电视剧|小说|剧情|游戏|玩具|鉴定|警察|调查|税务|办税|纳税|社保|"
         # (county posts, h16z: a drug's disguise names warned of, a drill, an inspection, a novel's plot)
         "伪装|千万不要|切勿|请勿|切莫|家长|清缴|依赖|训练|检查|情节")

# ------------------------------------------------------------------ insults (prohibited.insult.composed)
#: the shape of the insult entries of the lists' TRAINING half (konsheng's porn files and houbb's
#: dictionary, benchmarks/disguise_dataset.held_out false, and no held-out entry in another spelling
#: or list: disguise_dataset.training_half): a verb of the obscene family, a pronoun and a kin
#: word — 操你娘 干你娘 操你祖宗 毛狂操你全家 操你奶奶 操你爷爷 操妳妈 操妳祖宗 插你妈逼 日你妈啦屄 操逼你老母
#: 草你吗 肏你 操尼 (and the rows 操你妈 草你妈 日你妈 操你大爷 干你娘; the third person, 他 and its written
#: feminine 她, from the row 他妈的, the 2015 Xinhua list's 脏话). Every verb is read with every pronoun and kin word, so 干他娘
#: or 插你祖宗, which no list holds, is found too.
_INSULT_VERB = "操草日干插肏"
_INSULT_WHO = "你妳他她尼"
_INSULT_KIN = "全家|祖宗|奶奶|爷爷|老母|大爷|妈|娘"  # (the one-character ones last: the pattern reads them apart)
#: 他妈 as an intensifier (他妈的 is the 2015 Xinhua list's 脏话, a row since before issue 16):
#: after a pronoun of address or a degree word it is no one's mother (你他妈, 真他妈, 太他妈, 去他妈,
#: 滚他妈) — 问你他妈妈, 去他妈家 and 他妈妈 are kin (the character after 妈 says so)
_INSULT_INTENSIFIER = "你真太去滚"
#: a character after a kin word 妈/娘 that makes it kin (他妈妈, 她娘家, 你娘舅, 去他妈那儿)
_INSULT_KIN_AFTER = "妈娘家子舅姨们亲俩那这处"
_INSULT_KIN_AFTER_SET = frozenset(_INSULT_KIN_AFTER)
#: (the intensified forms are words of the rules: their look-alike, sound, mask and pinyin spellings
#: are read back like every word of the rules, 太他吗, 滚獭妈)
_INSULT_INTENSIFIED = tuple(i + "他妈" for i in _INSULT_INTENSIFIER)
_INSULT_GATE = frozenset(w + k for w in _INSULT_WHO for k in _INSULT_KIN.split("|"))
_INSULT_RE = rx.compile(
    rf"(?P<v>[{_INSULT_VERB}])[{_INSULT_WHO}]"
    rf"(?:{'|'.join(k for k in _INSULT_KIN.split('|') if len(k) > 1)}"
    rf"|[{''.join(k for k in _INSULT_KIN.split('|') if len(k) == 1)}](?![{_INSULT_KIN_AFTER}]))"
    rf"|(?P<i>[{_INSULT_INTENSIFIER}])他妈(?![{_INSULT_KIN_AFTER}])")
_INSULT_BASIS = ("网络信息内容生态治理规定(2019) 第六条第(十)项(侮辱他人)、第七条第(七)项(低俗); "
                 "新华社禁用词(2015第一批)·社会生活类(脏话、黑话)")

# ------------------------------------------------------------------ trade secrets (技术信息, 经营信息)
#: the objects as the norms enumerate them (:mod:`.trade_norms`: 法释〔2020〕7号 第一条, 工商局规定 第二条 …;
#: every word written here before h16u is one of them)
_TS_OBJ = "|".join(sorted(set(trade_norms.trade_objects())))
#: (the words whose disguised spellings are read back: not 客户的名称, whose spellings are 客户名称's)
_TS_OBJ_SPELT = "|".join(sorted(set(trade_norms.trade_objects(spelt=False))))
_TS_PRE = trade_norms.QUALIFIERS
_TS_VERB = trade_norms.VERBS_BEFORE
_TS_POST = trade_norms.AFTER
_TS_COORD = trade_norms.COORD
_TS_UNPUBLISHED = frozenset(trade_norms.UNPUBLISHED.split("|"))
_TS_NEWS = ("发布|公布|公开发布|披露了|依法披露|信息披露|上市公司|公告|年报|季报|招股|证监会|交易所|审计|保护|侵犯|"
            "窃取|盗取|泄密案|判处|法院|检察|公安|涉嫌|知识产权|专利|攻关|突破|研发出|创新|自主|国产|首台|首套|"
            "降低|减少|节约|优化|提升|推广|升级|改进|改造|标准|规范|" + trade_norms.NEWS_EXTRA)

# ------------------------------------------------------------------ bid secrets
#: (a) 标底 stated: 招标投标法 第二十二条 (with its amount: 标底价格480万元); (b) the committee named:
#: 第三十七条, 政府采购法实施条例 第四十条 (评审专家, and the 评审委员会/谈判小组/磋商小组/询价小组 of
#: 政府采购法 第三十八、四十条 and the 竞争性磋商 rules); (c) bidders named or their prices: 第二十二条
#: (潜在投标人的名称、数量); (d) anything before opening: 实施条例 第四十一条(一); (e) who obtained the
#: tender documents: 第二十二条 (已获取招标文件的潜在投标人); (f, g) the evaluation and the ranking before
#: the result: 第四十四条 (对投标文件的评审和比较、中标候选人的推荐情况)
_BID_RE = rx.compile(
    r"(?P<a>(?:标底|底价|拍卖底价|采购底价|出让底价|挂牌底价|招标底价|最高限价底价)(?:价格|金额|总价|总额|价)?"
    r"(?:为|是|:|定为|设定为|确定为|约为|大约|约)"
    r"|(?:标底|拍卖底价|采购底价|出让底价|挂牌底价|招标底价)(?:价格|金额|总价|总额|价)?(?=[0-9]|[\u3007\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u4e24\u5341\u767e\u5343]+[\u4e07\u4ebf\u5143\u5341\u767e\u5343]))"  # (a digit, or 〇 一 … 两 十 百 千 before 万 亿 元 十 百 千: 标底一般 is no amount; escaped, not words of the vocabulary)
    r"|(?P<b>(?:评标专家|评标委员会成员|评审专家|评委会成员|评标委员|评审委员会成员|评标小组成员|评审小组成员|谈判小组成员|"
    r"磋商小组成员|询价小组成员)" + _GAP + r"{0,3}?(?:名单|抽取结果|抽取情况|组成情况|联系方式|姓名|工作单位))"
    r"|(?P<c>(?:潜在投标人|投标人|投标单位|报名单位|供应商|竞买人|竞拍人)" + _GAP + r"{0,4}?(?:名单|报价情况|报价汇总|报价|数量|"
    r"联系方式)|潜在投标人的?名称"
    r"|(?:潜在投标人|报名单位|已报名的?(?:单位|企业|公司|供应商))(?:有|包括|分别是|分别为|:|如下))"  # (a bidder's 名称 is read out at the opening and published in notices: only the potential bidders')
    # (b) the committee's members named in the text: 评标委员会由张伟、李娜、王强等5名专家组成, 评审专家:张伟、李娜 (a list
    # of two names or more, a surname first; a result notice publishes them and is quiet by its title and news words)
    r"|(?P<b2>(?:评标委员会|评审委员会|评标专家|评审专家|评标小组|评审小组|谈判小组|磋商小组|询价小组)(?:成员)?"
    r"(?:由|为|是|包括|有|:)[" + SURNAMES + r"](?!某)[\u4e00-\u9fff]{1,2}[、,][" + SURNAMES + r"](?!某)[\u4e00-\u9fff]{1,2}(?:[、,等]|同志|$))"
    # (e) the number or the names of who obtained the tender documents, written before the verb: 已有三家公司购买了招标文件
    r"|(?P<e2>(?:[0-9一二三四五六七八九十两]+家|有限公司|公司|企业)" + _GAP + r"{0,6}?(?:购买|获取|领取|下载)了?"
    r"(?:招标|采购|磋商|谈判|询价|资格预审)文件)"
    r"|(?P<d>(?:开标前|开标之前|截标前)" + _GAP + r"{0,10}?(?:报价|投标|名单|标底|底价))"
    r"|(?P<e>(?:获取|购买|领取|下载)了?(?:招标|采购|磋商|谈判|询价|资格预审)文件的" + _GAP + r"{0,4}?"
    r"(?:潜在投标人|投标人|供应商|单位|企业|公司)" + _GAP + r"{0,2}?(?:名单|名称|数量|有|共|包括|分别是|分别为|:|如下))"
    r"|(?P<f>(?:尚未公示|未公示|公示前|尚未公布|定标前|结果确定前|结果公布前|结果公示前)的?[^。!?;]{0,8}?"
    r"(?:评标|评审|评分|打分|中标候选人|候选人)" + _GAP + r"{0,4}?(?:情况|结果|得分|分数|排名|排序|记录|意见|报告|顺序|名单))"
    r"|(?P<g>(?:评标|评审)(?:过程|打分|评分|得分|分数|记录|报告|情况|比较)(?:表|记录|明细|汇总)?" + _GAP + r"{0,3}?"
    r"(?:外传|截图|流出|外泄|已发|发给|发到|请勿|附后))")
_BID_GATE = frozenset(("标底", "底价", "评标", "评审专家", "评委", "投标", "报名单位", "供应商", "竞买人", "竞拍人", "开标前", "截标前",
                       "评审委员会", "评审小组", "谈判小组", "磋商小组", "询价小组", "招标文件的", "采购文件的", "磋商文件的",
                       "谈判文件的", "询价文件的", "预审文件的", "评标委员会", "评标专家", "评标小组", "购买了招标", "获取了招标", "领取了招标", "购买招标", "获取招标", "领取招标",
                       "购买了采购", "获取了采购", "购买采购", "获取采购", "潜在投标人", "已报名", "尚未公示", "未公示", "公示前", "尚未公布", "定标前",
                       "结果确定前", "结果公布前", "结果公示前", "评审过程", "评审打分", "评审评分", "评审得分", "评审分数",
                       "评审记录", "评审报告", "评审情况", "评审比较"))
_BID_NEWS = ("中标|成交|结果公告|中标公告|成交公告|候选人公示|评审结果|结果公示|公示期|已公开|依法公开|公开招标|"
             "起始价|起拍价|竞得|流拍|溢价|保密|不得|泄露|严禁|禁止|透露|查处|犯罪|受贿|判处|串通|围标|检察|法院|"
             "规定|办法|条例|法|制度|管理|应当|须|改革|平台|电子化|全流程|数量众多|积极|提交|负责|"
             "流转")  # (a rural land transfer notice publishes its reserve price: 经营权流转公告，底价为…, h16z)

# ------------------------------------------------------------------ secret topics
_TOPIC_RE = rx.compile(
    # personnel before announcement
    r"(?P<vote>(?:民主推荐|民主测评|会议推荐|谈话推荐|推荐|测评|考察|酝酿)" + _GAP + r"{0,4}?(?:得票情况|得票数|得票|票数|得分|排名|排序))"
    r"|(?P<cand>(?:考察对象|拟提拔|拟任用|拟任|拟推荐|拟调整|初步人选|推荐人选|提名人选|候选人初步|考察人选|干部任免|"
    r"人事调整|干部调整|任免事项)" + _GAP + r"{0,4}?(?:名单|人选|初步名单|酝酿名单|建议名单|方案|情况|为|是|:|职务))"
    # discipline and case investigation
    r"|(?P<case>(?:案件|问题|违纪|违法)线索" + _GAP + r"{0,3}?(?:移送|清单|名单|明细|材料|情况|处置情况))"
    r"|(?P<clue>(?:巡视|巡察|审计|督查)" + _GAP + r"{0,3}?发现的" + _GAP + r"{0,4}?(?:问题线索|线索))"
    r"|(?P<lz>(?:留置|采取留置|留置措施|双规|初步核实|谈话函询|立案审查)" + _GAP + r"{0,4}?(?:时间|地点|对象|名单|情况报告|报告|材料|情况))"
    # military sites
    r"|(?P<mil>(?:导弹|雷达|军事|部队|军用|核|防空|武器|弹药|指挥所|驻军)" + _GAP + r"{0,3}?(?:阵地|基地|禁区|营区|设施|仓库|库)"
    + _GAP + r"{0,3}?(?:坐标|位置|示意图|示意|分布图|分布|具体地址|经纬度|部署图|布局图))"
    # exam papers before the exam
    r"|(?P<exam>(?:高考|中考|考研|公务员考试|统考|考试)?(?:试题|试卷|考题|答案)" + _GAP + r"{0,6}?(?:开考前|考前|提前|泄露|流出|外泄|外传))"
    # unpublished statistics
    r"|(?P<stat>(?:未公布|尚未公布|未发布|尚未发布|未公开|尚未公开|尚未对外公布)的?" + _GAP + r"{0,4}?(?:统计数据|统计数|数据|统计结果|经济数据|普查数据|调查数据))"
    # whistle-blowers
    r"|(?P<wb>(?:信访|举报|控告)人" + _GAP + r"{0,2}?(?:姓名|电话|住址|身份|联系方式|信息|名单))")
#: the rarer part of each pattern (a common word as a gate would cost every scan: 考察, 设施, 基地)
_TOPIC_GATE = frozenset(("得票", "票数", "得分", "排名", "排序", "考察对象", "拟提拔", "拟任用", "拟任", "拟推荐", "拟调整", "初步人选",
               "推荐人选", "提名人选", "候选人初步", "考察人选", "干部任免", "人事调整", "干部调整", "任免事项", "线索", "留置",
               "双规", "初步核实", "谈话函询", "立案审查", "坐标", "经纬度", "示意图", "部署图", "布局图", "分布图",
               "具体位置", "具体地址", *[a + b for a in ("阵地", "基地", "禁区", "营区", "设施", "仓库", "弹药库")
                                     for b in ("位置", "分布", "示意")], "试题", "试卷", "考题", "答案", "未公布", "尚未公布", "未发布", "尚未发布", "未公开", "尚未公开",
               "尚未对外公布", "信访人", "举报人", "控告人"))
_TOPIC_NEWS = ("公示|公告|公布|宣布|任前|宣誓|公开选拔|公开遴选|公开招聘|招聘|招录|录用|选调|面试|体检|评选|表彰|"
               "先进|劳动模范|奖|选举|大选|议会|总统|总理|首相|美国|俄|乌|以色列|巴勒斯坦|日本|韩国|英国|法国|德国|"
               "北约|联合国|外交部|发言人|报道|制度|规定|办法|条例|机制|加强|规范|严格|要求|坚持|完善|保密|严禁|"
               "不得|禁止|依规|依纪|依法|累计|共|件|人次|万|统计显示|打击|查处|判处|涉嫌|犯罪|袭击|空袭|摧毁|击中|"
               "演习|训练|开放日|参观|纪念|历史|旧址|遗址|博物馆|国家统计局|发布会|新闻|今天|昨天|日前|近日|"
               "初步统计|数据显示|预计|评估|研究|调查显示|专家|防范|谣言|辟谣|虚假|诈骗|侦察|情报|武装|间谍|"
               "追责|问责")  # (某村干部因泄露举报人信息被追责: news of a leak punished, h16z)

# ------------------------------------------------------------------ vote counts of a cadre recommendation
#: a candidate's vote count (得票38票, 得票最多) where a cadre recommendation, assessment or candidacy is
#: the subject within the 100 characters before it (the compositional ``vote`` pattern above reads
#: only 推荐得票 with at most four characters between; a county post reports the meeting first and
#: the counts a sentence later: 召开副局长民主推荐大会……经统计，某某得票38票). Election results are
#: public (当选, 选举), and so are contests and polls (评选, 网络投票, 点赞): their words quiet it.
#: Basis: 《党政领导干部选拔任用工作条例》(2019) 纪律和监督 (严禁泄露酝酿、讨论干部选拔任用等有关情况);
#: 政府信息公开条例(2019) 第十六条 (人事管理等内部事务信息) (h14a, the drafts benchmark).
_VOTE_RE = rx.compile(r"得票(?:数|情况)?(?:为|是|:)?(?:\d{1,4}票|[一二三四五六七八九十百零〇两]{1,4}票|最多|最高|居首|领先|靠前|"
                      r"第[一二三]|前[两二三])")
_VOTE_CUE = ("民主推荐", "会议推荐", "谈话推荐", "推荐大会", "推荐会", "推荐结果", "推荐票", "民主测评", "干部考察",
             "考察对象", "酝酿", "拟任", "拟提拔", "拟作为", "人选", "后备干部")
_VOTE_PUBLIC = ("当选", "选举", "大选", "评选", "投票活动", "网络投票", "网友投票", "点赞", "人气", "表彰", "公示", "任前",
                "议会", "总统", "议员", "比赛", "大赛", "作品", "节目", "选手", "得票率")
_VOTE_BASIS = ("《党政领导干部选拔任用工作条例》(2019)纪律和监督(严禁泄露酝酿、讨论干部选拔任用等有关情况);"
               "政府信息公开条例(2019)第十六条(人事管理等内部事务信息可以不予公开)")

#: a named whistle-blower: a resident's full name before 实名举报 (村民许某某实名举报 is anonymised: 某 is no
#: given name; 群众实名举报 names no one). Its own pattern and gate, outside the rules' vocabulary (the role
#: words 村民 居民 are no words to read back from a disguise). 刑事诉讼法 第一百一十一条 (举报人…应当为他保守秘密);
#: 信访工作条例 第三十三条 (h14a, the drafts benchmark)
_WB_RE = rx.compile(r"(?:村民|居民|群众|市民|职工|员工|网民|业主|家属|农户|家长)[" + SURNAMES + r"](?!某)[\u4e00-\u9fff]"
                    r"(?:(?!某|实|多|联|匿|反|曾)[\u4e00-\u9fff])?(?:等人|等|先后|多次|近日|曾)?实名(?:举报|控告|信访|反映)")
#: the name after the role (实名举报人王建国向县纪委反映, h15d): a surname (not a preposition: 实名举报人向纪委…) and one
#: or two characters, then a verb of reporting, a preposition or the clause's end. 王某, 王某某 are the
#: anonymised form of case reports (最高人民法院《关于人民法院在互联网公布裁判文书的规定》(2016) 第八条: 隐名处理),
#: so 某 (or ×, *) after the surname is no name: quiet
_WB_PREP = "向于在对将把被从为和与同跟给以及其"
_WB_AFTER_RE = rx.compile(r"实名(?:举报|控告|信访|反映)(?:人|者)[" + "".join(c for c in SURNAMES if c not in _WB_PREP)
                          + r"](?![某×xX*＊])[\u4e00-\u9fff](?:(?![某等们员数均也都])[\u4e00-\u9fff])??"
                          r"(?=反映|称|表示|说|向|于|在|到|来|通过|多次|曾|等|[，。、；：,;:（(])")
_WB_GATE = frozenset(("实名举报", "实名控告", "实名信访", "实名反映"))
#: the news that quiets it: a leak punished or a rule stated (a case report, 查处 in its title, is where the
#: name leaks, so the topic rule's news words do not quiet it)
_WB_QUIET = ("泄露", "追责", "问责", "保密", "严禁", "不得", "禁止", "打击报复", "报复", "化名")
_WB_BASIS = "中华人民共和国刑事诉讼法(2018) 第一百一十一条(举报人…应当为他保守秘密); 信访工作条例(2022) 第三十三条; 监察法 第十八条"

#: the title line of a bid's result notice (中标结果公告, 成交公告, 中标候选人公示): everything in the notice
#: is published after the evaluation, the committee too (政府采购货物和服务招标投标管理办法(财政部令第87号)
#: 第六十九条: 中标、成交结果公告 lists 评审专家名单; 招标投标法实施条例 第五十四条: 中标候选人公示), so the
#: bid rule is quiet under such a title (h14a: 结果公告\n…评审专家名单：陈某、刘某 was blocked)
_BID_RESULT_TITLE_RE = rx.compile(r"(?:中标|成交|采购|招标|评审|评标)?(?:结果公告|结果公示|中标公告|成交公告|"
                                  r"候选人公示|结果的公告|结果的公示)")


_FIRST_LINE_RE = rx.compile(r"\s*([^\n]*)")


def _title_line(text: str) -> str:
    """The first line of ``text`` when it reads as a title (at most 60 characters, no sentence end)."""
    line = _FIRST_LINE_RE.match(text).group(1)  # (no copy of the rest of the text)
    return line if len(line) <= 60 and not any(ch in line for ch in "。！？；") else ""


# ------------------------------------------------------------------ secrets until an event or a conclusion
#: 定密 practice words these as secret until they are made public (the conclusion announced, the exam
#: held, the security operation over); the topic rows name the documents, these read the content (h15c):
#: * a discipline case's details while it is open: 留置 / 立案审查调查 with a bribe's amount or clues still
#:   being checked (监察法 第十八条、中国共产党纪律检查机关监督执纪工作规则 第六十六条: 审查调查情况不得
#:   泄露); a concluded case (开除党籍, 移送检察机关, 判处 …) is published with its amounts;
_CASE_OPEN_RE = rx.compile(r"(?:留置|立案审查调查|立案调查)[^。;；]{0,120}?(?:(?:涉嫌|收受|索取|受贿|贪污|侵吞|挪用)"
                           r"[^。;；]{0,30}?[0-9.]+(?:万|亿)?元|线索(?:正在|正|仍在|还在)(?:进一步)?(?:核实|调查|核查|查证))")
_CASE_GATE = frozenset(("留置", "立案审查调查", "立案调查"))
_CASE_CLOSED = ("开除党籍", "开除公职", "双开", "移送检察", "移送司法", "移送审查起诉", "提起公诉", "判处", "判决", "宣判",
                "审查调查终结", "结案", "处分决定", "一审", "二审", "有期徒刑", "警示教育片", "忏悔")
_CASE_BASIS = ("中华人民共和国监察法 第十八条(监察机关及其工作人员对监督、调查过程中知悉的国家秘密、商业秘密、个人隐私，应当保密);"
               "中国共产党纪律检查机关监督执纪工作规则 第六十六条(审查调查情况不得私自留存、泄露)")
#: * an exam's question published before the exam (面试第一题为：“…”, the exam still to come: 将于, 请考生
#:   按时, 候考); after it (已于…举行, 结束后) the questions are published as study material;
_EXAM_Q_RE = rx.compile(r"(?:第[一二三四五六七八九十0-9]{1,2}道?(?:题|小题|大题)|(?:面试|笔试|考试)?(?:题目|试题|考题|真题))"
                        r"(?:为|是|如下)?[:：]?[“\"「][^”\"」]{6,120}[”\"」]")
_EXAM_Q_GATE = frozenset(("第一题", "第二题", "第三题", "第一道题", "第1题", "第2题", "题目为", "题目是", "试题为", "考题为",
                          "考题是", "试题是", "题目如下", "试题如下", "面试题"))
_EXAM_AHEAD = ("将于", "即将", "拟于", "定于", "请考生", "候考", "届时", "尚未开考", "开考前", "考试前", "考前")
_EXAM_HELD = ("已于", "已经结束", "圆满结束", "顺利结束", "落下帷幕", "顺利举行", "举行了", "结束后", "考后", "解析", "回顾", "真题")
_EXAM_BASIS = ("《教育工作中国家秘密及其密级具体范围的规定》(考试试题、答案及评分参考在启用前属于国家秘密);"
               "事业单位公开招聘人员暂行规定 第二十九条(考试工作人员…严格保密)")
#: * a security plan's deployment: arms issued with their count (配发防暴枪4支), or a force's strength at a
#:   place in a text titled as a plan (方案, 预案); police news of arms seized (缴获枪支) and aggregate
#:   deployments in news (出动警力200余人) are not it.
_ARMS_RE = rx.compile(r"(?:配发|配备|携带|调配|配置)(?:防暴枪|防爆枪|枪支|手枪|长枪|短枪|冲锋枪|步枪|警用枪支|催泪弹|钢叉)"
                      r"[0-9一二三四五六七八九十两]{1,3}(?:支|把|枚|具)")
_FORCE_RE = rx.compile(r"(?:部署|布置|安排|配置)[^，。;；]{0,16}?(?:处突力量|防爆处突|防暴|特警|武警|警力|备勤力量|处突)"
                       r"[^，。;；]{0,4}?[0-9一二三四五六七八九十百]{1,4}(?:人|名)")
_ARMS_GATE = frozenset(("防暴枪", "防爆枪", "枪支", "手枪", "长枪", "短枪", "冲锋枪", "步枪", "警用枪支", "催泪弹", "处突", "警力",
                        "防暴", "特警", "武警", "备勤力量"))
_ARMS_NEWS = ("缴获", "收缴", "非法", "私藏", "抓获", "犯罪", "嫌疑人", "走私", "制造", "买卖", "演练", "演习", "比武", "训练",
              "出动", "累计", "共计", "保密教育", "严禁", "不得")
_PLAN_TITLE = ("方案", "预案", "部署表", "勤务")
_ARMS_BASIS = ("保守国家秘密法(2010)第九条第(六)项(维护国家安全活动和追查刑事犯罪中的秘密事项);"
               "公安工作中国家秘密及其密级具体范围的规定(警力部署、勤务安排属于工作秘密)")


#: Trade secrets given as values, not named as documents (h15c; the norms of :mod:`.trade_norms`):
#: * named customers with the price they pay (法释〔2020〕7号 第一条第三款 客户的名称…交易内容; 采购价格,
#:   供货价格 of 第一条 经营信息): 主要客户包括甲、乙等企业，年供货价格约每吨3.2万元 in one sentence;
#: * a firm's unaudited figures beside a listing or merger plan (证券法(2019) 第五十二条: 尚未公开的
#:   财务信息 of an issuer-to-be is 内幕信息): a quarterly 业绩快报 or 公告 publishes unaudited figures, so
#:   those words quiet it (and 未经审计 alone stays out, as trade_norms says).
_CUSTOMER_PRICE_RE = rx.compile(r"(?:主要客户|客户(?:包括|有|为|涵盖)|供货给|供应给)[^。;；]{2,40}?[，,]?[^。;；]{0,12}?"
                                r"(?:供货价格?|采购价格?|结算价格?|合同价格?|交易价格?|成本价|进货价)"
                                r"[^。;；，,]{0,6}?[0-9.]+(?:万|亿)?元")
_CUSTOMER_PRICE_GATE = frozenset(("供货价", "采购价", "结算价", "合同价", "交易价", "成本价", "进货价"))
_UNAUDITED_RE = rx.compile(r"未经审计的?[^。;；]{0,4}?(?:" + trade_norms.FINANCIALS + r")[^。;；]{0,60}?"
                           r"(?:上市|IPO|ipo|并购|重组|挂牌|发行股票|申报辅导)")
_UNAUDITED_GATE = frozenset(("未经审计",))
_FIGURES_NEWS = ("业绩快报", "公告", "披露", "年报", "季报", "半年报", "招股说明书", "交易所", "证监会", "新闻发布会",
                 "法释", "司法解释", "反不正当竞争", "典型案例", "案例", "纠纷", "诉讼", "原告", "被告", "判决", "赔偿",
                 "普法", "培训", "讲座", "价格监测", "均价", "市场价")


# ------------------------------------------------------------------ password with a value, no account
#: (in the dense view spaces are gone: 密码 Ops#2025 reads 密码ops2025, so the separator is optional)
_PW_VAL_RE = rx.compile(r"(?:密码|口令|password|passwd|pwd)(?:为|是|:|=)?(?P<val>[!-~]{6,64})")
# credentials' public-help words, and those of password rules (示例, 至少, 复杂度 …)
_PW_HELP = _HELP + ("示例", "例如", "格式", "位数", "长度", "包含", "至少", "不少于",
                    "大写", "小写", "字母", "数字和", "复杂度", "弱口令", "弱密码", "不要使用", "切勿", "避免")


# ------------------------------------------------------------------ numbered formulations
#: formulation -> its number (党的十九大、二十大报告; 十九届六中全会决议(2021); 中央八项规定(2012)). A wrong number
#: (三个确立, 5个意识, ④位一体总体布局) is a key_term_misspelling; any way of writing a digit is read.
_FORMULATIONS = {"确立": 2, "维护": 2, "意识": 4, "自信": 4, "全面": 4, "代表": 3, "一百年": 2, "必由之路": 5}
#: members that are ordinary words after a number need the rest of the formulation (五个全面战略布局; 三个代表
#: 重要思想); 一个伟大, 两个务必 (1949), 两个攻坚战 are ordinary or older formulations and are not rules
_FORMULATION_TAIL = {w: rx.compile(t) for w, t in {"全面": "(?:战略布局|战略)", "代表": "重要思想", "一百年": "奋斗目标"}.items()}
#: (no full-width digits: every view the rules read, ``vis`` and ``dense``, folds ３ to 3)
_NUMERAL = {**_DIGIT_OF, "十": 10}
_NUM_CLASS = "".join(sorted(set(_NUMERAL) - {"0", "〇", "零", "⓪", "⓿", "⁰", "₀"}))
_FORM_RE = rx.compile(
    r"(?P<n>[" + re.escape(_NUM_CLASS) + r"])个(?P<w>" + "|".join(sorted(_FORMULATIONS, key=len, reverse=True)) + r")"
    r"|(?P<n2>[" + re.escape(_NUM_CLASS) + r"])位(?:[一1①❶➀➊⓵㈠㊀¹₁Ⅰ壹])体(?=总体布局|的总体布局|布局)")
_FORM_OK_BEFORE = ("第", "每", "这", "那", "前", "后", "头", "几", "各", "上述", "以下")

# ------------------------------------------------------------------ leaders' titles
#: the titles that stand before a leader's name come from the lexicons' ``kind = "leaders"`` files
#: (lexicons/improper_wording/leaders.tsv: 二十届一中全会, 十四届全国人大、全国政协一次会议, and the
#: titles each held before, with dates; a county adds its own): :class:`LeaderTitles`.


class LeaderTitles:
    """The title rule's table: a name right after a title of the table that the person never held
    (全国政协主席赵乐际) is a wrong title. Built once per set of rows (a few dozen)."""

    def __init__(self, rows) -> None:
        self.held: dict[str, set[str]] = {}
        self.current: dict[str, list[str]] = {}  # name -> titles held now, in file order
        holders: dict[str, list[str]] = {}  # title -> names holding it now
        for r in rows:
            self.held.setdefault(r.name, set()).add(r.title)
            if r.current:
                self.current.setdefault(r.name, []).append(r.title)
                holders.setdefault(r.title, []).append(r.name)
        self.holder = {t: ns[0] for t, ns in holders.items() if len(ns) == 1 and "副" not in t}
        titles = sorted({t for ts in self.held.values() for t in ts}, key=lambda t: (-len(t), t))
        names = sorted(self.held, key=lambda n: (-len(n), n))
        self.pattern = rx.compile(f"(?P<t>{'|'.join(map(re.escape, titles))})(?P<name>{'|'.join(map(re.escape, names))})"
                                  ) if titles else None
        # (not a title whose 副 form the person held: 总理韩正 stands in every 国务院副总理韩正, and the rule
        # skips a title after 副 anyway)
        self.gate = frozenset(t + n for t in titles for n in names if t not in self.held[n]
                              and not any(h.endswith(("副" + t, "代" + t)) for h in self.held[n]))
        # a title of three characters or more with one character wrong, any character, right after or
        # before its holder's name (h15d: 习近平国家主度, 李强总理、国务院总埋): the sound and shape slips are
        # the lexicon's (:func:`scanner.variants.title_misspellings`); :func:`title_slips` reads the rest
        from ..variants import short_title

        self.slip_after: dict[str, tuple[str, ...]] = {}
        self.slip_before: dict[str, tuple[str, ...]] = {}
        # (the titles held now: a past title is in history, where its sound and shape slips are read; after
        # a name of two characters, a common given name (李强, 李希), four characters at least: 李强浙江省人)
        for n, ts in self.current.items():
            least = SLIP_TITLE_MIN if len(n) >= 3 else SLIP_TITLE_MIN + 1
            after = {t for t in ts if len(t) >= least} | {x for t in ts if len(x := short_title(t)) >= least}
            self.slip_after[n] = tuple(sorted(after, key=lambda t: (-len(t), t)))
            self.slip_before[n] = tuple(sorted((t for t in ts if len(t) >= least), key=lambda t: (-len(t), t)))
        # (written right, any title of the person stands in the row: 李强总理、国务院总埋)
        self.right_after = {n: tuple(sorted(ts | {short_title(t) for t in ts}, key=lambda t: (-len(t), t)))
                            for n, ts in self.held.items()}
        self.right_before = {n: tuple(sorted(ts, key=lambda t: (-len(t), t))) for n, ts in self.held.items()}
        self.titles = frozenset(titles) | frozenset(t for ts in self.right_after.values() for t in ts)
        self.name_gate = frozenset(n for n in self.slip_after if self.slip_after[n] or self.slip_before[n])
        self.pats = {n: _title_patterns(self, n) for n in sorted(self.name_gate)}  # (in Scanner(): rx keeps them)
        # the titles one person holds now, next to which his name misspelt is read (:mod:`.leader_names`)
        from ..resources import bundled_lexicon_dir

        self.names = leader_names.NameAnchors(rows, str(bundled_lexicon_dir()))


class TitlePatterns(NamedTuple):
    """The title patterns of one name for :func:`title_slips`. The right titles are an alternation in the
    table's order (longest first), so a match is the title the table's loop would take; a slips' pattern
    (each character in turn any character) only tells whether the loop over the titles can find one."""
    right_after: "re.Pattern[str] | None"  # a title written right, after the name
    slip_after: "re.Pattern[str] | None"  # any one-character slip of a title after it
    right_before: "re.Pattern[str] | None"  # a right title ending at the search's end
    slip_before: "re.Pattern[str] | None"
    long_before: int  # the longest title before, the longest slip before (how far back to search)
    long_slip: int
    #: nothing after the name to read: a right title not followed by 、, or no right title and no slip
    none_after: "re.Pattern[str]"
    #: a right title or a slip ending right before the name (None: the name has neither)
    any_before: "re.Pattern[str] | None"


def _title_patterns(table: "LeaderTitles", name: str) -> TitlePatterns:
    def alt(ts):
        return "|".join(map(re.escape, ts))

    def wild(ts):
        return "|".join(re.escape(t[:i]) + "." + re.escape(t[i + 1:]) for t in ts for i in range(len(t)))

    ra, sa = table.right_after.get(name, ()), table.slip_after.get(name, ())
    rb, sb = table.right_before.get(name, ()), table.slip_before.get(name, ())
    return TitlePatterns(
        rx.compile(alt(ra)) if ra else None, rx.compile(wild(sa)) if sa else None,
        rx.compile(f"(?:{alt(rb)})\\Z") if rb else None, rx.compile(f"(?:{wild(sb)})\\Z") if sb else None,
        max(map(len, rb), default=0), max(map(len, sb), default=0),
        rx.compile("|".join(filter(None, (f"(?>{alt(ra)})(?!、)" if ra else "",
                                          "(?!" + "|".join(filter(None, (alt(ra), wild(sa)))) + ")")))),
        rx.compile("(?:" + "|".join(filter(None, (alt(rb), wild(sb)))) + ")\\Z") if rb or sb else None)


#: the national titles and names as words of the rules' vocabulary (:func:`_vocabulary`: their
#: disguised spellings are read back); the table itself is the bundled leaders file
_VOCABULARY_TITLES = ("国家主席|国务院总理|全国人大常委会委员长|全国政协主席|中央纪委书记|国务院副总理|常务副总理|中央军委主席|"
                      "国家副主席|中央书记处书记|中央办公厅主任|习近平|李强|赵乐际|王沪宁|蔡奇|丁薛祥|李希")


#: a title read with any one character wrong next to its holder's name has this many characters at
#: least (总理 with one wrong is 总是, 主持: half the title)
SLIP_TITLE_MIN = 3
#: a slipped character next to the name that jieba counts this often as a word of its own starts an
#: ordinary clause (as variants.TITLE_FUNCTION_FREQ); a word over the slipped character this frequent makes
#: the name followed by ordinary words (variants.TITLE_WORD_FREQ)
_SLIP_FUNCTION_FREQ = 100_000
_SLIP_WORD_FREQ = 20
_HAN_LO, _HAN_HI = "\u4e00", "\u9fff"


def _one_off(v: str, t: str) -> int:
    """The index of the one character in which ``v`` differs from ``t`` (same length), else -1."""
    k = -1
    for i, (a, b) in enumerate(zip(v, t)):
        if a != b:
            if k >= 0:
                return -1
            k = i
    return k


def _slip_is_words(ext: str, i: int, edge: int) -> bool:
    """Whether the slipped character ``ext[i]`` (``ext``: the slipped title with two characters of the
    text on its far side) is part of an ordinary word there (国家主任, 委员会, 总书记者), or, next to the name
    (``edge``), a function word (李强是…): not a misspelt title."""
    if i == edge and word_freq(ext[i]) >= _SLIP_FUNCTION_FREQ:
        return True
    n = len(ext)
    return any(word_freq(ext[a:b]) >= _SLIP_WORD_FREQ
               for a in range(max(0, i - 3), i + 1) for b in range(max(a + 2, i + 1), min(n, a + 4) + 1))


def title_slips(table: LeaderTitles, d: str, s: int, e: int, name: str):
    """A title of the name ``d[s:e]`` with one character wrong, any character (h15d): right after the
    name (习近平国家主度, 赵乐际委员尝), right before it (国务院总埋李强), and the titles in a row with it
    (习近平总书记、国家主度; 中央书记处书记、中央办公厅主壬蔡奇), as (start, end, right form, the title written
    right). Not a title of the table (a wrong title is :meth:`CompositionalDetector._titles`'), not a
    slipped character in an ordinary word (李强国务院总部 would be one: 总部) nor a function word next to the
    name, not a non-Han character (国家主席: a punctuation mark is no slip)."""
    out = []

    def one(v: str, t: str, ext: str, i_off: int, edge: int) -> bool:
        i = _one_off(v, t)
        if i < 0 or not (_HAN_LO <= v[i] <= _HAN_HI) or v in table.titles:
            return False
        return not _slip_is_words(ext, i + i_off, edge + i_off)

    pat = table.pats[name]
    # after the name, then titles in a row after it (a title written right first: 国家主席团 is no slip of
    # a longer title)
    p = e
    for k in range(4):
        m = pat.right_after.match(d, p) if pat.right_after is not None else None
        hit = (p, m.end(), None) if m is not None else None
        for t in table.slip_after[name] if hit is None and pat.slip_after is not None and pat.slip_after.match(d, p) else ():
            v = d[p:p + len(t)]
            if len(v) == len(t) and one(v, t, v + d[p + len(t):p + len(t) + 2], 0, 0 if k == 0 else -9):
                hit = (p, p + len(t), t)
                break
        if hit is None:
            break
        a, b, t = hit
        if t is not None:
            out.append((s, b, name + t, t) if k == 0 else (a, b, t, t))
        if d[b:b + 1] != "、":
            break
        p = b + 1
    # before the name, then titles in a row before it
    p = s
    for k in range(4):
        m = pat.right_before.search(d, max(0, p - pat.long_before), p) if pat.right_before is not None else None
        hit = (m.start(), p, None) if m is not None else None
        for t in (table.slip_before[name] if hit is None and pat.slip_before is not None
                  and pat.slip_before.search(d, max(0, p - pat.long_slip), p) else ()):
            if p - len(t) < 0:
                continue
            v = d[p - len(t):p]
            pre = d[max(0, p - len(t) - 2):p - len(t)]
            if one(v, t, pre + v, len(pre), len(t) - 1 if k == 0 else -9):
                hit = (p - len(t), p, t)
                break
        if hit is None:
            break
        a, b, t = hit
        if t is not None:
            out.append((a, e, t + name, t) if k == 0 else (a, b, t, t))
        if a == 0 or d[a - 1] != "、":
            break
        p = a - 1
    return out


@lru_cache(maxsize=8)
def _leader_titles(rows: tuple) -> LeaderTitles:
    return LeaderTitles(rows)


#: the wrong forms themselves are the gate words (两个确立 is in every other news item; 三个确立 in none)
_FORM_GATE = frozenset([ch + "个" + w for w, right in _FORMULATIONS.items() for ch, v in _NUMERAL.items()
                    if ch in _NUM_CLASS and v >= 2 and v != right]
                   + [ch + "位" + one + "体" for ch, v in _NUMERAL.items() if ch in _NUM_CLASS and v != 5 for one in "一1"])
_MEMBER_GATE = formulations.MEMBER_GATE
_LEADER_GATE = formulations.ORDER_GATE
_KEY_BASIS = ("党政机关公文处理工作条例(2012) 第十九条; 中共二十届一中全会公报(2022-10-23); 十四届全国人大一次会议、"
              "全国政协十四届一次会议选举结果(2023-03); 党的十九大、二十大报告; 十九届六中全会决议(2021)")


# ------------------------------------------------------------------ sovereignty and cross-strait wording
#: 新华社新闻信息报道中的禁用词和慎用词(2016)·涉及我领土主权和港澳台; 中央台办《关于正确使用涉台宣传用语的意见》:
#: separatist movements stand in quotes ("藏独" "疆独" "港独"; "台独" is a lexicon row), Hong Kong and Macao have
#: a 特别行政区政府, Taiwan is never a state or a party to diplomatic relations.
_SEPARATIST = ("藏独", "疆独", "港独", "蒙独")
_SEPARATIST_RE = rx.compile(r"(?<![香舞西内新])(?P<r>[藏疆港蒙])独(?![特立自有家到具一创资处白奏唱生子女苗居享占])")
_QUOTES_OPEN, _QUOTES_CLOSE = "“\"‘「『《", "”\"’」』》"
_SAR_RE = rx.compile(r"(?<![英葡原前])(?P<r>香港|澳门)政府(?!总部|新闻处|统计处|公报|宪报)")
_SAR_NEWS = tuple("港英|澳葡|殖民|回归前|英国|葡萄牙|英治|港督|澳督".split("|"))
_STATE_RE = rx.compile(
    r"(?:中台|中华民国和中国|台湾和中国|中国和台湾|台湾与中国|中国与台湾|台湾和大陆|大陆和台湾)" + _GAP + r"{0,2}?(?:两国|两个国家|国与国)"
    r"|(?:海峡)?两岸" + _GAP + r"{0,3}?(?:是|为)?(?:两个国家|(?:特殊的)?国与国)"
    r"|(?:与|和|同|跟)台湾" + _GAP + r"{0,2}?(?:建交|建立外交关系|恢复外交关系|复交|互设大使馆)"
    r"|台湾(?:是|为)(?:一个)?(?:主权)?(?:独立的?)?国家")
_STATE_QUIET = ("所谓|不是|并非|绝不|决不|反对|妄称|鼓吹|图谋|企图|谬论|挑衅|歪曲|炒作|断交|断绝|一个中国|一中原则|"
                "分裂|台独|否认|无权|不存在|从来|荒谬|不可能|不会|绝无|违背|违反|承认|恪守|坚持|遵守").split("|")
#: Taiwan, Hong Kong or Macao as one item of a list of countries ending in 国家 (新加坡、韩国、台湾等国家):
#: the list must say 国家和地区 (新华社禁用词: 不得将香港、澳门、台湾与国家并列)
_COUNTRIES = ("美国|日本|韩国|朝鲜|新加坡|马来西亚|泰国|越南|印度|印度尼西亚|菲律宾|澳大利亚|新西兰|加拿大|墨西哥|巴西|"
              "英国|法国|德国|意大利|西班牙|荷兰|比利时|瑞士|瑞典|挪威|丹麦|芬兰|俄罗斯|乌克兰|以色列|土耳其|沙特|伊朗|"
              "埃及|南非|阿根廷|智利|巴基斯坦|孟加拉国|缅甸|柬埔寨|老挝|蒙古|哈萨克斯坦")
_COUNTRY_RE = rx.compile(_COUNTRIES)
_ITEM = r"[^、,。;!?]{1,8}"
_REGION = r"(?:中国)?(?:台湾|香港|澳门)(?:地区)?"
_FIRST_NAME_RE = rx.compile(_COUNTRIES + "|" + _REGION)
_LISTED_RE = rx.compile(
    r"(?:" + _ITEM + r"、){1,10}?" + _REGION + r"(?:、" + _ITEM + r"){0,10}?(?:等|等等)?(?:国家|各国|诸国)(?!和地区|或地区|与地区|及地区|\(地区\)|级)"
    r"|" + _REGION + r"(?:、" + _ITEM + r"){1,10}?(?:等|等等)?(?:国家|各国|诸国)(?!和地区|或地区|与地区|及地区|\(地区\)|级)")
#: a count before 国家 (台湾、香港等十多个国家): the list is of countries even when no item names one (欧美、东南亚)
_COUNTED_RE = rx.compile(r"等(?:[0-9一二两三四五六七八九十百几数]+多?|多)个(?:国家|各国|诸国)$")
_LISTED_GATE = ("台湾、", "、台湾", "香港、", "、香港", "澳门、", "、澳门")
_SOV_GATE = frozenset(("藏独", "疆独", "港独", "蒙独", "香港政府", "澳门政府", "中台", "两个国家", "国与国", "台湾建交", "台湾正式建交",
             "台湾复交", "台湾建立外交关系", "台湾恢复外交关系", "台湾互设大使馆", "台湾是", "台湾为", *_LISTED_GATE))
_WORDING_BASIS = "新华社新闻信息报道中的禁用词和慎用词(2016年7月修订)·涉及我领土主权和港澳台; 中共中央台办、国务院台办涉台宣传用语规范"


_PW_GATE = frozenset(("密码", "口令", "password", "passwd", "pwd"))


def _scan(pat: re.Pattern, d: str, windows: list[tuple[int, int]]):
    """``pat.finditer`` inside each window (a match is reported once)."""
    seen: set[tuple[int, int]] = set()
    for lo, hi in windows:
        for m in pat.finditer(d, lo, hi):
            if m.span() not in seen:
                seen.add(m.span())
                yield m


def _alt(words: str) -> str:
    return "|".join(sorted(set(words.split("|")), key=lambda w: (-len(w), w)))


def _alt_bounded(words: str) -> str:
    """:func:`_alt` with an object that starts or ends with a Latin letter read as a whole Latin word
    there (av is no object inside UAV, AVG, AVIC or waves; a片, gps定位器, u盾 and 赌博app keep their
    Latin end standing alone: h13c)."""
    out = []
    for w in _alt(words).split("|"):
        x = re.escape(w)
        if w[0].isascii() and w[0].isalpha():
            x = "(?<![A-Za-z0-9])" + x
        if w[-1].isascii() and w[-1].isalpha():
            x += "(?![A-Za-z0-9])"
        out.append(x)
    return "|".join(out)


def _ts_list() -> str:
    """An object of the trade-secret rule with its carrier (专有技术资料), and the objects or the
    customer attributes coordinated with it (销售渠道及客户信息; 客户的名称、地址及联系方式)."""
    heads = "|".join(trade_norms.HEADS)
    items = _alt(_TS_OBJ + "|" + "|".join(trade_norms.ATTRIBUTES))
    return rf"(?:(?:{_alt(_TS_OBJ)})(?:{heads})?(?:(?:{_TS_COORD})(?:{items})(?:{heads})?)*)"


def _gate_words() -> tuple[str, ...]:
    words: set[str] = set()
    for objs, _verbs in _CLASSES.values():
        words.update(objs.split("|"))
    words.update(_TS_OBJ.split("|"), _TS_UNPUBLISHED)
    words.update(_BID_GATE, _TOPIC_GATE, _PW_GATE, _FORM_GATE, _SOV_GATE, _MEMBER_GATE, _LEADER_GATE, _INSULT_GATE, _WB_GATE,
                 _CASE_GATE, _EXAM_Q_GATE, _ARMS_GATE, _CUSTOMER_PRICE_GATE, _UNAUDITED_GATE)
    words.update(morphology.GATE)
    return tuple(sorted(words))


_GATE_WORDS = _gate_words()


def _edge_index(rest, extra: frozenset[str] = frozenset()) -> dict[str, tuple[str, ...]]:
    """What is left of each word of the rules (and of ``extra``) without its first or last character
    (``rest``) -> the words, longest first."""
    out: dict[str, list[str]] = {}
    for w in sorted(set(_vocabulary()) | extra, key=lambda w: (-len(w), w)):
        out.setdefault(rest(w), []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _inner_index() -> dict[tuple[str, str], tuple[str, ...]]:
    """(the characters of a word of the rules before one inner character, those after it) -> the
    words, longest first: a mask symbol the dense view dropped inside a word (试□数据 for 试验数据,
    whose dropped spelling 试数据 is ordinary text, 测试数据, and so no spelling of its own)."""
    out: dict[tuple[str, str], list[str]] = {}
    for w in sorted(_vocabulary(), key=lambda w: (-len(w), w)):
        for i in range(1, len(w) - 1):
            out.setdefault((w[:i], w[i + 1:]), []).append(w)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _compiled():
    import daachorse

    from .. import compiled

    objects: list[tuple[str, re.Pattern, re.Pattern]] = []
    for cls, (objs, verbs) in _CLASSES.items():
        o = _alt_bounded(objs)
        # verb first (出售仿真枪, 出售各类仿真枪), object first (仿真枪出售, 手枪有货)
        # a one-character verb (收 有 约 找) only right before the object: 收银行卡, not 收到…银行卡
        multi = "|".join(v for v in verbs.split("|") if len(v) > 1)
        single = "".join(v for v in verbs.split("|") if len(v) == 1)
        before = rx.compile(rf"(?:(?:{_alt(multi)}){_GAP}{{0,6}}?" + (rf"|[{single}]" if single else "") + rf")(?:{o})")
        after = rx.compile(rf"(?:{o}){_GAP}{{0,4}}?(?:{_alt(_AFTER + _AFTER_EXTRA.get(cls, ''))})")
        objects.append((cls, before, after))
    repairs = _repairs()
    ts_list = _ts_list()
    return {
        "word_set": frozenset(_GATE_WORDS) | threats.ALL_GATE,
        "repairs": repairs,
        # (the words that make characters with a separator between each worth reading back: the
        # rules' words, and Taiwan's institutions of the wording rules, 台湾外；交；部, which get no
        # disguised spellings of their own)
        "vocabulary": daachorse.CharwiseDoubleArrayAhoCorasick(sorted(set(_vocabulary()) | wording.run_words())),
        "repair_set": frozenset(repairs.spellings(dropped=False)),  # (gate words)
        # the spellings that drop a masked character are looked for only in the dense pass (not gate words)
        "dropped": (lambda keys: (keys, daachorse.CharwiseDoubleArrayAhoCorasick(keys) if keys else None))(
            repairs.spellings(dropped=True)),
        # a mask symbol at the edge of a word (刺□专卖, 自制×弹, 联系方式□单): the word from what is left
        # (a fixed name's prefix too: 人民代表□ before its slipped last character, whose dropped spelling 人民代表
        # is a word; h15b)
        "mask_end": _edge_index(lambda w: w[:-1], wording.slip_prefixes()),
        "mask_start": _edge_index(lambda w: w[1:]),
        "mask_inner": _inner_index(),
        # (pypinyin's tables take 0.4 s to import: the index comes from the compiled cache)
        "initials": compiled.memo("compositional_initials", compiled.code_key(), _initials_index),
        "objects": objects,
        "object_words": {cls: frozenset(objs.split("|")) for cls, (objs, _v) in _CLASSES.items()},
        "drug_alone": rx.compile(f"(?:{_alt(_DRUG_ALONE)})"),
        # (a qualifier or a disclosure verb before the object; a presentation after it. The object
        # with its carrier (专有技术资料) and the items coordinated with it (销售渠道及客户信息; 客户的名称、
        # 地址及联系方式); after a coordination the frame reaches the other item too: 本公司产品图纸及客户
        # 资料, 客户名单及报价情况如下)
        # (before the object, a coordination joins two objects, not a clause: 我公司高度重视产品质量和客户信息安全
        # is no frame of 客户信息)
        "ts_patterns": (rx.compile(rf"(?:{_alt(_TS_PRE)})的?(?:{_GAP}{{0,4}}?|{ts_list}(?:{_TS_COORD})){ts_list}"),
                        rx.compile(rf"{ts_list}(?:(?:{_TS_COORD}){_GAP}{{1,10}}?)?{_GAP}{{0,3}}?(?:{_alt(_TS_POST)})"),
                        rx.compile(rf"(?:{_alt(_TS_VERB)}){_GAP}{{0,6}}?{ts_list}"),
                        # (with 的: 该企业产品配方历经三代改良 and 水厂工艺流程为 describe a firm; 集团客户 is a kind of customer)
                        rx.compile(rf"(?:{trade_norms.OWNER_SUFFIXES})的{ts_list}"),
                        rx.compile(rf"(?:{_alt(trade_norms.UNPUBLISHED)})的?{_GAP}{{0,6}}?(?:{_alt(trade_norms.FINANCIALS)})")),
        "ts_news": tuple(_TS_NEWS.split("|")),
        "ts_gate": frozenset(_TS_OBJ.split("|")) | _TS_UNPUBLISHED,
        "bid_patterns": (_BID_RE,),
        "bid_gate": _BID_GATE,
        "topic_patterns": (_TOPIC_RE,),
        "topic_gate": _TOPIC_GATE,
        "news": tuple(_NEWS.split("|")),
        "bid_news": tuple(_BID_NEWS.split("|")),
        "topic_news": tuple(_TOPIC_NEWS.split("|")),
    }


#: disclosure rules, in the order they run: (name of their patterns, gate and news words in
#: :func:`_compiled`, window reach, the finding's category, type, severity, rule, message, basis, score)
_DISCLOSURES = (
    ("ts", 16, ("commercial_secret", "trade_secret", "review", "commercial.disclosure.trade_secret",
                "疑似公开了企业的技术信息或经营信息（商业秘密），请核实是否经权利人同意",
                trade_norms.BASIS_TRADE, 0.75)),
    ("bid", 24, ("commercial_secret", "bid_secret", "block", "commercial.disclosure.bid",
                 "疑似在开标或成交前公开了标底、底价、评标专家、投标人或评审情况",
                 trade_norms.BASIS_BID, 0.8)),
    ("topic", 26, ("state_secret", "secret_topic", "review", "secret.topic.composed",
                   "疑似涉及不宜公开的事项（未公布的人事、案件线索、军事设施位置、考前试题、未发布的统计数据或举报人信息），请核实",
                   "保守国家秘密法 第十三条; 党政领导干部选拔任用工作条例(2019); 监察法 第十八条; 军事设施保护法(2021); "
                   "统计法 第二十五条; 信访工作条例 第三十三条", 0.7)),
)


#: what a disguise leaves in the visible text (symbols between characters, spaced or tripled characters):
#: only then can a gate word hide from the shared gate pass on ``vis`` and need a pass on ``dense``
#: decorative symbols a disguise puts between characters (海✿洛♂因): registered as gate words, so the
#: shared gate pass over ``vis`` tells at no cost whether the text holds one
_SYMBOLS = frozenset("★☆♂♀✿❀❁✪◆◇※→←↑↓↔❤♥♡♪♫♬◎●▲△▼▽■√✓✔✗✘♠♣♦♧♤♢☼☀☁☂☎☏✈✉✂✎✏❖❥❦❧✽✾❃❋✺✹✸✷✶✵✴✳✲✱✰✯✮✭✬✫✩✧✦✥✤✣✢✡")
gates.register(*_GATE_WORDS, *sorted(_SYMBOLS))  # at import, like every detector (scanner/detectors/gates.py)
gates.register(*sorted(threats.ALL_GATE))  # (the threat rules' acts, curses, self-harm: not doubled spellings)
gates.register(*sorted(threats.NOISE_GATE))  # (an act verb with noise after it, 炸.了: _suspicious reads it)
gates.register_doubled(*_GATE_WORDS)  # (初步核核实: the repeat hides the word from ``vis``)
_SPACED_RE = rx.compile("[ \u3000\t][\u4e00-\u9fff][ \u3000\t]")
#: _SPACED_RE opens on a blank followed by a Han character: that pair, looked for in C first (the
#: pattern opens on a class at every position; a quarter of the texts with a blank have no such pair)
_has_pair = speedups.get("has_pair")


def _blank_han_table() -> bytes:
    t = bytearray(0x110000)  # (speedups.class_table's layout; a slice, not 21,000 characters one by one)
    t[0x4E00:0xA000] = b"\x02" * (0xA000 - 0x4E00)
    for c in " \u3000\t":
        t[ord(c)] |= 1
    return bytes(t)


_BLANK_HAN = _blank_han_table() if _has_pair is not None else b""


def _may_hold_spaced(v: str) -> bool:
    """False only when ``_SPACED_RE`` finds nothing in ``v``."""
    return _has_pair is None or _has_pair(v, _BLANK_HAN)


#: spaced syllables (hai luo yin), looked for in the text's ASCII characters only (gates.ascii_chars)
_SPACED_LATIN_RE = re.compile(rb"[a-z] [a-z]{1,6} [a-z]")


# ------------------------------------------------------------------ disguised words (issue 16)
#: A rule's words written in disguise (海落因, 评标专家x取结果, jishumimi, 高。考。试。题) are read back
#: before the rules run again: every word of the rules (objects, verbs, cues) gets its disguised
#: spellings, as a lexicon row does (:mod:`scanner.disguise`: one character a homophone, a look-alike
#: or split into its components, a character masked, pinyin), and those ride the shared gate pass;
#: a text holding one (or characters with a separator between each) is scanned once more with the
#: spelling replaced by its word, and what that finds over a repaired place is reported.
_MASK_LETTERS = ("x", "0", "?")  # masks the dense view keeps; * × ○ □ it drops (a deleted character)
#: a separator that ends a sentence (as the norm view writes it): after a run of other separators it
#: is the sentence's end, and the character after it starts the next sentence (大，麻，烟。据悉)
_SENTENCE_END = frozenset("。!?")
_MASK_NOISE = frozenset("*×✕○●□■☐#")  # (as the norm view writes them: ＊ ＃ are * #)
_WORD_RE = re.compile("[\u3400-\u9fff]{2,}")
_REPAIR_REACH = 80  # characters of the dense view either side of a repaired place that the rules read
_MIN_ASCII = 4  # a pinyin spelling shorter than this is an English word or an acronym too often
#: a numeral before a counter (两个国家, 一个): a digit there is ordinary text (2个国家级), no spelling
_COUNTED = re.compile("[一二两三四五六七八九十][个位项名家国条种次年月日]")
#: a look-alike in a two-character word: ``gone`` is _SWAPPED - i for the swapped character i
#: (讨伐|开发票 holds no 伐开 for 代开, 专买|进口 no 买 for 卖: the swapped character and its
#: neighbour outside the spelling must not be a word)
_SWAPPED = -2
#: the same for a sound (冰堵 for 冰毒): ``gone`` is _SOUND - i. A sound alone never makes a finding of
#: the rules that read one word (茶马古道 holds no 麻古, 太子港杜桑 no 港独): it needs the rule's other words
_SOUND = -4
#: (h14d: a compound of :mod:`.morphology` is its rule's whole evidence, as a drug name is: a sound in it, a
#: half guessed under a mask or three letters read as its initials make no finding — 美# is no 美乳)
_MORPHOLOGY_RULES = frozenset({"prohibited.sex.composed", "prohibited.drug.composed", "prohibited.weapon.composed",
                               "prohibited.fraud.composed", "prohibited.organ.composed",
                               "prohibited.device.composed"})
_LONE_RULES = frozenset({"prohibited.object.drug", "wording.quote_separatist"}) | _MORPHOLOGY_RULES
#: the wording rules one word makes alone (a disability or sex and age word, an agency)
_WORDING_LONE_RULES = frozenset({"wording.slur.disability", "wording.slur.sex_age", "wording.agency.central",
                                 "wording.agency.local", "wording.slur.old_name", "wording.slur.colour",
                                 "wording.slur.relation", "wording.state.compass", "wording.tw.exile",
                                 "wording.tw.founder", "wording.state.hostile"})
_ANY_LONE_RULES = _LONE_RULES | _WORDING_LONE_RULES
#: a separator between the two characters of a word that makes a finding alone (冰，毒, 渣、男: the
#: drug names, the separatist words, the wording rules' one-word slurs): ``gone`` is _SEP, read back
#: only where neither character makes a word with its neighbour outside the spelling (结冰，毒雾)
_SEP = -10
#: read-back spellings hidden by an overlapping one that are read again alone, at most (h15b)
_OVERLAP_TRIES = 4


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[str, ...]:
    """Every word the rules are written with (objects, verbs, cues; not the news words that silence them)."""
    srcs = [objs + "|" + verbs for objs, verbs in _CLASSES.values()]
    srcs += [_AFTER, *_AFTER_EXTRA.values(), _DRUG_ALONE, _TS_OBJ_SPELT, _TS_PRE, _TS_POST, _TS_VERB,
             trade_norms.OWNER_SUFFIXES, trade_norms.UNPUBLISHED, trade_norms.FINANCIALS, _BID_RE.pattern, _TOPIC_RE.pattern,
             _STATE_RE.pattern, "|".join(_SOV_GATE), "香港政府|澳门政府", _VOCABULARY_TITLES,
             "|".join(_BID_GATE), "|".join(_TOPIC_GATE), "|".join(_INSULT_INTENSIFIED), "|".join(sorted(morphology.GATE))]
    # (the wording rules run over the repaired windows too)
    return tuple(sorted({w for src in srcs for w in _WORD_RE.findall(src)} | set(wording.disguise_words())))


#: the contraband objects (drugs, weapons, … and the drug names alone)
_OBJECTS = frozenset({o for objs, _verbs in _CLASSES.values() for o in objs.split("|")} | set(_DRUG_ALONE.split("|")))


_NAME_WORDS = wording.name_words()


def two_char_swaps(w: str) -> list[tuple[str, int, bool]]:
    """The spellings of a two-character word of the rules with one character a look-alike or a
    sound: (spelling, index of the swapped character, a sound). A sound only in a contraband object
    (冰堵 for 冰毒; 军使 for 军事 is in every other news item). Those seen in general or official text
    are stop strings (``scanner.variants build-stoplist``): 出手 reads ordinary text, 冰堵 not."""
    from ..disguise import lookalikes_of
    from ..variants import homophones

    out: dict[str, tuple[str, int, bool]] = {}
    sounds = w in _OBJECTS or w in wording.SOUNDED_HEADS
    # the proofreading table's pairs (峦 for 蛮) in the names words of two characters too (蛮夷 黑鬼 二奶): their
    # spellings read no place name, as the pairs do in other words of two (坡子 for 跛子; h13d). h15b
    proof = w in _NAME_WORDS
    for i, ch in enumerate(w):
        shapes = lookalikes_of(ch, bare=True)
        if proof:  # (not a pair of the same sound: 小密 for 小蜜 is a sound, and a sound is never alone)
            shapes += "".join(h for h in lookalikes_of(ch, proofread=True) if h not in shapes and h not in homophones(ch))
        swaps = [(h, False) for h in shapes] + ([(h, True) for h in homophones(ch)] if sounds else [])
        for h, sound in swaps:
            v = w[:i] + h + w[i + 1:]
            if v != w:
                out.setdefault(v, (v, i, sound))
    return list(out.values())


def _build_repairs() -> dict[str, tuple[str, int]]:
    """disguised spelling (as the dense view writes it) -> (the word, the index of a character a
    dropped mask stood for, or -1). Spellings that are words of their own (jieba's dictionary, the
    disguise stoplist) or another word of the rules are left out."""
    from ..disguise import disguises, lookalikes_of, parts
    from ..normalize import dense, dense_runs
    from ..variants import _jieba_freq, _stoplist, homophones

    vocab = _vocabulary()
    taken = set(vocab)
    freq = _jieba_freq()
    stop = _stoplist()[0]
    out: dict[str, tuple[str, int]] = {}

    def add(v: str, w: str, gone: int = -1) -> None:
        k = dense(v)
        if not k or k in taken or k in out or v in stop or dense_runs(v) != k:
            return  # (时时采 reads 时采 in the dense view: ordinary text)
        if k.isascii():
            if len(k) < _MIN_ASCII:
                return
        elif freq.get(k, 0) > 0:
            return
        out[k] = (w, gone)

    for w in sorted(wording.pinyin_only_words()):  # (pinyin and initials only: gjjw for 国家计委, the exile names)
        for v, kind in disguises(w, high_risk=True):
            if kind == "pinyin" and v.isascii() and len(w) >= 4:
                add(v, w)
    for w in sorted(wording.slip_prefixes()):  # (masks only: 中华人x共和省, 中华人民共*省; the slipped character follows)
        n = len(w)
        for i in range(1, n):
            for m in _MASK_LETTERS:
                add(w[:i] + m + w[i + 1:], w)
            add(w[:i] + w[i + 1:], w, i)
    for w in sorted(wording.shape_words()):  # (look-alikes, components and masks only: 南朝鱼羊, 白皮x猪; h15b)
        n = len(w)
        for i, ch in enumerate(w):
            for h in lookalikes_of(ch):
                add(w[:i] + h + w[i + 1:], w)
            for p in parts(ch):
                add(w[:i] + p + w[i + 1:], w)
            for m in _MASK_LETTERS:
                if m == "x" or 0 < i < n - 1:
                    add(w[:i] + m + w[i + 1:], w)
            add(w[:i] + w[i + 1:], w, i)
    for w in sorted({w for w in _DRUG_ALONE.split("|") + list(_SEPARATIST) + list(wording.lone_words()) if len(w) == 2}):
        for sep in _PUNCT_SEPS:  # (as the dense view writes them)
            add(w[0] + sep + w[1], w, _SEP)
    for w in vocab:
        n = len(w)
        for i, ch in enumerate(w):
            # one of two characters swapped reads ordinary text (冰堵 for 冰毒, 价证 for 假证); so does
            # the first or last one swapped when the rest is a word (卡塔尼|推荐 for 拟推荐)
            edge_word = (i == 0 or i == n - 1) and freq.get(w[1:] if i == 0 else w[:-1], 0) > 0
            if n >= 3 and not edge_word:  # (the proofreading table's pairs here only: in a word of two
                # they read place names, 坡子街 for 跛子, 花滩子 for 瘫子; benchmarks/DISGUISE.md, h13d)
                for h in homophones(ch) + lookalikes_of(ch, bare=True, proofread=True):
                    add(w[:i] + h + w[i + 1:], w)
        if n == 2:  # of two characters a look-alike or a sound not joined into a word by its neighbour
            for v, i, sound in two_char_swaps(w):  # (checked in the text: 积冰|堵住) nor seen in general text
                add(v, w, (_SOUND if sound else _SWAPPED) - i)
        for i, ch in enumerate(w):
            for p in parts(ch):
                add(w[:i] + p + w[i + 1:], w)
            # a masked character: x anywhere (案x线索), 0 ? inside the word only (0 at an edge opens the
            # read-back in every 10个, 0名; ? ends a question: 吗?); a mask the dense view drops, in a
            # word of three or more (checked in the text: 自制□烧弹)
            for m in _MASK_LETTERS:
                if m == "x" or 0 < i < n - 1:
                    add(w[:i] + m + w[i + 1:], w)
            if n >= 3:
                add(w[:i] + w[i + 1:], w, i)
        for v, kind in disguises(w, high_risk=True):
            # initials only of a word of four characters or more (pfbl; three letters are acronyms);
            # a numeral in any style (3唑仑, ⑥合彩)
            if (kind == "pinyin" and (n >= 4 or not (v.isascii() and len(v) == n))) or (
                    kind == "number" and n >= 3 and not _COUNTED.search(w)):
                add(v, w)
    for v, w in threats.spellings():  # the threat rule's acts in pinyin (zha了, 炸le, shale: h14b)
        add(v, w)
    return out


class _Repairs:
    """:func:`_build_repairs` as the compiled cache keeps it: the spellings as two strings (those a
    gate word opens, then those whose mask the dense view drops), each one's word (an index into
    ``words``) and dropped-mask index (-1: none) as arrays. ~36,000 spellings load in a few ms; a
    dict of tuples took ~40 ms of every start, and registering them as gate words one by one ~20
    ms more. ``repairs[k]`` answers ``(word, gone)`` as the dict did."""

    __slots__ = ("words", "blobs", "word_of", "gone", "_lists", "_index")

    def __init__(self, mapping: dict[str, tuple[str, int]]) -> None:
        opened = [k for k, (_w, g) in mapping.items() if g < 0]
        dropped = [k for k, (_w, g) in mapping.items() if g >= 0]
        words = sorted({w for w, _g in mapping.values()})
        at = {w: i for i, w in enumerate(words)}
        self.words = tuple(words)
        self.blobs = ("\x00".join(opened), "\x00".join(dropped))  # (a spelling never holds a NUL)
        self.word_of = array("I", [at[mapping[k][0]] for k in opened + dropped])
        self.gone = array("i", [mapping[k][1] for k in opened + dropped])
        self._unpack()

    def _unpack(self) -> None:
        self._lists = tuple(tuple(b.split("\x00")) if b else () for b in self.blobs)
        self._index = dict(zip(self._lists[0] + self._lists[1], range(len(self.gone))))

    def __getstate__(self):
        return self.words, self.blobs, self.word_of, self.gone

    def __setstate__(self, state) -> None:
        self.words, self.blobs, self.word_of, self.gone = state
        self._unpack()

    def __getitem__(self, k: str) -> tuple[str, int]:
        i = self._index[k]
        return self.words[self.word_of[i]], self.gone[i]

    def __contains__(self, k: str) -> bool:
        return k in self._index

    def __len__(self) -> int:
        return len(self.gone)

    def spellings(self, *, dropped: bool) -> tuple[str, ...]:
        """The spellings whose mask the dense view drops (``dropped``), or the others, in order."""
        return self._lists[1 if dropped else 0]


@lru_cache(maxsize=1)
def _repairs() -> _Repairs:
    from .. import compiled

    return compiled.memo("compositional_repairs", compiled.code_key(), lambda: _Repairs(_build_repairs()))


def _spans_a_word(vocab, norm: str, first: int, last: int) -> bool:
    """Whether a word of the rules (``vocab``: their automaton) joins two characters of the separated
    run ``norm[first:last + 1:2]``, read with up to six characters either side."""
    chars = norm[first:last + 1:2]
    left, right = norm[max(0, first - 6):first], norm[last + 1:last + 7]
    a, b = len(left), len(left) + len(chars)
    return any(s < b - 1 and e > a + 1 for s, e, _p in vocab.find_overlapping(left + chars + right))


def _offsets(views: Views) -> tuple[np.ndarray, np.ndarray]:
    """For each character of ``dense``: its start and end in the original text."""
    import numpy as np

    m, em = views.dense_map, views.dense_emap
    if m is None:
        a = np.arange(len(views.dense), dtype=np.int64)
        return a, a + 1
    m = np.asarray(m, dtype=np.int64)
    return m, (np.asarray(em, dtype=np.int64) if em is not None else m + 1)


def _repaired(views: Views, d: str, ds: np.ndarray, de: np.ndarray, lo: int, hi: int,
              spans: list[tuple[int, int, str, np.ndarray, np.ndarray]]) -> Views:
    """The views of ``d[lo:hi]`` with ``d[s:e]`` replaced by ``word`` for each of ``spans`` (s, e,
    word, the starts and ends of the word's characters in the original text); the other characters
    keep their offsets (``ds``, ``de``: :func:`_offsets`)."""
    import numpy as np

    parts_: list[str] = []
    ms: list[np.ndarray] = []
    me: list[np.ndarray] = []
    pos = lo
    for s, e, word, a, b in spans:
        parts_ += [d[pos:s], word]
        ms += [ds[pos:s], a]
        me += [de[pos:s], b]
        pos = e
    parts_.append(d[pos:hi])
    ms.append(ds[pos:hi])
    me.append(de[pos:hi])
    return Views(views.text, views.norm, views.vis, views.vis_map, "".join(parts_), np.concatenate(ms), np.concatenate(me))


#: a dropped mask leaves nothing in ``vis`` to find (自制□烧弹): those spellings (and the masks themselves,
#: which open the pass over ``dense`` where the spellings are looked for) are not gate words of their own
gates.register(*_repairs().spellings(dropped=False), *sorted(_MASK_NOISE))


def _to_dense(views: Views, s: int, e: int) -> tuple[int, int]:
    """A span of ``vis`` as a span of ``dense`` (through the original text)."""
    if views.vis_map is not None:
        s, e = int(views.vis_map[s]), int(views.vis_map[e - 1]) + 1
    m = views.dense_map
    if m is None:
        return s, e
    return bisect_left(m, s), bisect_left(m, e)


_susp_local = threading.local()


def _suspicious(views: Views, found: frozenset[str]) -> bool:
    """Whether a disguise may hide a gate word from ``vis``: a decorative symbol, or spaced characters
    (a one-entry cache by the views' identity: the wording rules ask about the same text next)."""
    last = getattr(_susp_local, "last", None)
    if last is not None and last[0] is views and last[1] is found:
        return last[2]
    r = _suspicious_uncached(views, found)
    _susp_local.last = (views, found, r)
    return r


def _suspicious_uncached(views: Views, found: frozenset[str]) -> bool:
    if not (found.isdisjoint(_SYMBOLS) and found.isdisjoint(_MASK_NOISE)):
        return True
    if not found.isdisjoint(threats.NOISE_GATE) and threats.noisy_act(views.vis):
        return True  # (炸.了, 杀-了, 砍~死: noise between an act's characters, h14b)
    em = views.dense_emap
    if em is not None:
        m = views.dense_map
        reps = gates.repeats(m, em)
        if gates.doubled_inside(views.dense, reps):  # a doubled character inside a gate word (初步核核实)
            return True
        # a character written three times (三三三唑仑): ordinary text doubles (常常), never triples
        wide = [i for i in reps if em[i] - m[i] > 2][:8]
        for i in wide:  # (a longer span may be a doubled one around noise: 拉什科·科涅)
            if views.norm.count(views.dense[i], int(m[i]), int(em[i])) >= 3:
                return True
    v = views.vis
    if not (" " in v or "\u3000" in v or "\t" in v):
        return False
    # spaced characters (海 洛 因) or spaced syllables (hai luo yin): the dense view joins them
    return (_may_hold_spaced(v) and _SPACED_RE.search(v) is not None) or _SPACED_LATIN_RE.search(gates.ascii_chars(v)) is not None \
        or threats.spaced_pinyin(gates.ascii_chars(v))  # (sha le: an act's two syllables, h14b)


def _to_line_end(views: Views, d: str, e: int, reach: int) -> int:
    """Characters of the dense view ``d`` from ``e`` to the next line break of the original text
    (at most ``reach``)."""
    m = views.dense_map
    if m is None or e <= 0 or e >= len(d) or len(m) != len(d):
        return reach
    text = views.text
    nl = text.find("\n", m[e - 1] + 1, m[min(len(d) - 1, e + reach)] + 1)
    if nl < 0:
        return reach
    return min(reach, bisect_left(m, nl) - e)


def _sentence(d: str, s: int, e: int, reach: int = 50) -> str:
    """The sentence around d[s:e] (。!? bound it), at most ``reach`` characters either side, without
    d[s:e] itself (尚未公布 is the cue, not news of a publication); a tab joins the two sides."""
    return sentence_around(d, s, e, reach, reach)


#: initials of words of the rules in one run of letters: 4 to 16 letters, not touching other letters
#: or digits, one case, at most one vowel (initials are consonants: bqcs, SCGYCS; English words and
#: most acronyms are not)
_INITIALS_RE = re.compile(r"[A-Za-z0-9]{4,}")  # (a maximal run; letters only, 4-16, one case: checked after)
_INITIALS_GATE = re.compile(rb"[A-Za-z]{4}")  # (over the ASCII characters of the text: a cheap first look)
_VOWELS = frozenset("aeiouAEIOU")
_MAX_READINGS = 24  # ways of reading one run tried at most
_MAX_WORDS = 4  # words in one reading; three or more only in a run of _MIN_MANY letters or more
#: letters a run needs to be read as three or four words (a shop name of six, MYMYPC, read 卖淫 迷药 嫖娼;
#: HXLALGGJ, YCLCGJG are phrases of the rules spelled out)
_MIN_MANY = 7


_class_runs = speedups.get("class_runs")
#: _INITIALS_RE's matches are the maximal runs of its class, 4 or longer: found in C (the pattern
#: opens on a class at every position of texts that are mostly long ones with English in them)
_ALNUM_TABLE = speedups.class_table({"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789": 2}) \
    if _class_runs is not None else b""


def _initial_runs(views: Views) -> list[tuple[int, int]]:
    """Runs of letters in the text that may be initials of words of the rules (places in the text)."""
    if not _INITIALS_GATE.search(gates.ascii_chars(views.vis)):
        return []
    text = views.text
    spans = _class_runs(text, _ALNUM_TABLE, 4) if _class_runs is not None else (
        m.span() for m in _INITIALS_RE.finditer(text))
    out = []
    for s, e in spans:
        r = text[s:e]
        v = sum(ch in _VOWELS for ch in r)
        # (a long run may hold two vowel-initial syllables, 安 爱 欧 二: one vowel in four letters at most)
        if len(r) <= 16 and r.isalpha() and (r.islower() or r.isupper()) and (v <= 1 or (len(r) >= 8 and v <= len(r) // 4)) \
                and not letters.acronym(text, s, e):  # (no acronym: CNPC集团, HUYA, h13c)
            out.append((s, e))
    return out[:8]


def _initials_index() -> dict[str, tuple[str, ...]]:
    """Initials (2 to 8 letters) -> the words of the rules with them, shortest first."""
    from ..disguise import _pinyin

    # (h14d: a word-formation compound's initials are any few consonants: only the compounds that are
    # no object of the rules besides, 黄片 迷魂药 are read as before)
    lone = wording.lone_words() | (morphology.GATE - _OBJECTS)
    out: dict[str, list[str]] = {}
    for w in sorted(_vocabulary(), key=lambda w: (len(w), w)):
        if w in lone:
            continue
        py = _pinyin(w)
        if 2 <= len(w) <= 8 and py and all(x.isascii() and x.isalpha() for x in py):
            out.setdefault("".join(x[0] for x in py), []).append(w)
    return {k: tuple(v) for k, v in out.items()}


def _readings(run: str, index: dict[str, tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The ways of reading ``run`` (lower-case letters) as the initials of two or more words of
    the rules, at most :data:`_MAX_READINGS`, fewest words first."""
    n = len(run)
    out: list[tuple[str, ...]] = []

    def walk(i: int, acc: tuple[str, ...]) -> None:
        if len(out) >= _MAX_READINGS:
            return
        if i == n:
            if len(acc) >= 2 and (len(acc) == 2 or n >= _MIN_MANY):
                out.append(acc)
            return
        if len(acc) == _MAX_WORDS:
            return
        for j in range(min(n, i + 8), i + 1, -1):  # longer words first
            for w in index.get(run[i:j], ())[:3]:
                if w not in acc:  # (卖淫卖淫嫖娼 is no reading of MYMYPC)
                    walk(j, acc + (w,))

    walk(0, ())
    return sorted(out, key=len)


def _cut_bounds(d: str, s: int, e: int) -> set[int]:
    """jieba's word boundaries in ``d`` from 8 characters before ``s`` up to the first at or past
    ``e`` (the window is cut, not the text)."""
    lo = max(0, s - 8)
    pos, bounds = lo, {lo}
    for tok in cut(d[lo:min(len(d), e + 8)]):
        pos += len(tok)
        bounds.add(pos)
        if pos >= e:
            break
    return bounds


def _inside_words(d: str, s: int, e: int) -> bool:
    """Whether jieba reads ``d[s:e]`` inside words on both sides (太子港|杜桑, 茶马古道, 有价证券: no
    spelling of 港独, 麻古, 假证 there)."""
    bounds = _cut_bounds(d, s, e)
    return s not in bounds and e not in bounds


def _starts_word(d: str, s: int) -> bool:
    """Whether jieba starts a word at ``d[s]`` (生日|他妈妈: 日 ends one)."""
    return s in _cut_bounds(d, s, s)


def _mask_place(text: str, ds: np.ndarray, de: np.ndarray, s: int, e: int, gone: int):
    """The starts and ends in ``text`` of the characters of a word spelled ``dense[s:e]`` with its
    character ``gone`` masked by a symbol the dense view dropped (自制□烧弹); None when no mask
    symbol stands there in the text."""
    import numpy as np

    if 0 < gone < e - s:
        lo, hi = int(de[s + gone - 1]), int(ds[s + gone])
    elif gone == 0:
        hi = int(ds[s])
        lo = hi - 1
    else:
        lo = int(de[e - 1])
        hi = lo + 1
    if not (0 <= lo < hi <= len(text) and hi - lo <= 2 and _MASK_NOISE.issuperset(text[lo:hi])):
        return None
    return (np.concatenate((ds[s:s + gone], [lo], ds[s + gone:e])),
            np.concatenate((de[s:s + gone], [hi], de[s + gone:e])))


@lru_cache(maxsize=1)
def _wording():
    """The wording rules' detector, run over the repaired windows (its patterns are module-level)."""
    return wording.WordingRuleDetector()


@lru_cache(maxsize=1)
def _class_words() -> dict[str, frozenset[str]]:
    """rule -> the words of its trade class (objects, verbs, the words after an object, contact)."""
    return {f"prohibited.trade.{cls}": frozenset("|".join((objs, verbs, _AFTER, _AFTER_EXTRA.get(cls, ""), _CONTACT)).split("|"))
            - {""} for cls, (objs, verbs) in _CLASSES.items()}


def _covers_reading(words: tuple[str, ...], a: int, f: Finding) -> bool:
    """Whether a finding over a reading of initials (``words``, a character a letter from ``a`` in the
    text) is evidence of it (h14e). A reading of two words: any finding (pfbl 配方|办理: 配方 alone is the
    disclosure). A reading of three or four is a guess fitted to the letters word by word, and the rules
    find a phrase among words they pass over: it is evidence only when every word of it is a word of the
    finding's trade class (cssqzdjwx 出售|手枪|子弹|加微信), or, for another rule, when the finding covers
    every word. mfqkbytb is no 吗啡|情况|包邮|土鳖 (情况 and 土鳖 are no drug trade's words), wyslddc no
    稳赢|手榴弹|赌场, YNPTDJZ no 越南|哌替啶|假证 (a drug's name alone)."""
    if len(words) <= 2:
        return True
    own = _class_words().get(f.rule)
    if own is not None:
        return all(w in own for w in words)
    lo, hi = max(f.start, a) - a, min(f.end, a + sum(map(len, words))) - a
    pos = 0
    for w in words:
        if not (lo <= pos and pos + len(w) <= hi):
            return False
        pos += len(w)
    return True


def _made(f: Finding, known: list[Finding]) -> bool:
    """Whether a finding of ``known`` already makes ``f``: the same rule over an overlapping span."""
    return any(h.rule == f.rule and h.start < f.end and f.start < h.end for h in known)


#: at most this many words tried for one mask symbol at the edge of a word (×弹: 炸弹 子弹 导弹 …)
_EDGE_TRIES = 8


class CompositionalDetector:
    name = "compositional"
    categories = frozenset({"improper_wording", "commercial_secret", "state_secret"})
    rules = tuple([f"prohibited.trade.{c}" for c in _CLASSES] + [
        "prohibited.object.drug", "prohibited.insult.composed", "prohibited.sex.composed", "prohibited.drug.composed", "prohibited.weapon.composed", "prohibited.fraud.composed", "prohibited.organ.composed", "prohibited.device.composed", "prohibited.threat.violence", "prohibited.threat.incite", "prohibited.threat.self_harm", "prohibited.insult.curse", "commercial.disclosure.trade_secret", "commercial.disclosure.bid",
        "secret.topic.composed", "secret.credential.password_value", "keyterm.formulation.number",
        "keyterm.leader.title", "keyterm.leader.title_spelling", leader_names.RULE, "keyterm.formulation.member", "keyterm.leader.order", "wording.quote_separatist", "wording.sar_government", "wording.taiwan_state",
        "wording.region_listed_as_country"])

    def __init__(self, leaders: tuple = ()) -> None:
        # the rules' patterns and automaton now, inside Scanner(), so that rx.save() keeps the
        # patterns for the next process (built on the first scan, every CLI run and worker
        # compiled these 27 patterns again: ~45 ms)
        c = _compiled()
        # (h15a: the word-formation patterns too — 出售仿真枪 reaches the weapon class on a first scan)
        for pat in (morphology.sex_re, morphology.drug_re, morphology.weapon_re, morphology.ringer_re,
                    morphology.organ_re, morphology.device_re):
            pat()
        self._leaders = _leader_titles(tuple(leaders))
        gates.register(*sorted(self._leaders.gate), *self._leaders.names.gate, *sorted(self._leaders.name_gate))
        self._words = c["word_set"] | self._leaders.gate | self._leaders.name_gate
        # the current holders' names that are no other rule's word: a text where only they are found
        # asks the title slips alone (most official texts and posts name a leader: the whole dispatch
        # for them cost the posts +30% instructions)
        self._names_only = self._leaders.name_gate - c["word_set"] - self._leaders.gate

    #: built with the rows of the lexicons' ``kind = "leaders"`` files (:class:`scanner.Scanner`
    #: passes them from its compiled cache; without them they are read from the config's folders)
    uses_leaders = True
    #: registers the titles' gate words when built: the scanner builds it before the detectors
    #: whose warm-up loads the shared gate automaton (scanner/core.py), so that loads once
    registers_gates = True

    @classmethod
    def from_config(cls, config, leaders: tuple | None = None) -> "CompositionalDetector":
        """With the leaders' titles of the config's lexicon folders (bundled and ``lexicon_dirs``)."""
        if leaders is None:
            from ..lexicon import load_leaders
            from ..resources import bundled_lexicon_dir

            leaders = load_leaders(([bundled_lexicon_dir()] if config.bundled_lexicons else []) + list(config.lexicon_dirs))
        return cls(leaders)

    def detect(self, views: Views) -> list[Finding]:
        out = self._detect(views)
        names = self._leaders.names
        if names.anchors and views.dense:  # a leader's name misspelt next to his title (:mod:`.leader_names`)
            present = gates.present(views.vis)
            masked = not present.isdisjoint(_MASK_NOISE)
            if _suspicious(views, present):  # (the titles' places in the dense view, as the rules read it)
                out += leader_names.name_findings(views, views.dense, gates.find(views.dense), names, masked)
            elif not present.isdisjoint(names.anchors):
                out += leader_names.name_findings(views, views.vis, gates.hits(views.vis), names, masked)
        return out

    def _detect(self, views: Views) -> list[Finding]:
        d = views.dense
        if not d:
            return []
        c = _compiled()
        mine = self._words
        fix = c["repairs"]
        initials = None
        present = gates.present(views.vis)
        runs = separated_runs(views.norm)  # (found once per text, by the lexicon matcher too)
        if _suspicious(views, present):
            # a disguise may hide a gate word from the visible text: one pass over the dense view
            hits = [h for h in gates.find(d) if h[2] in mine or h[2] in c["repair_set"]]
            keys, pma = c["dropped"]
            if pma is not None:
                hits += [(s, e, keys[p]) for s, e, p in pma.find_overlapping(d)]
        elif present.isdisjoint(mine) and present.isdisjoint(c["repair_set"]) and not runs and not (
                initials := _initial_runs(views)):
            return []
        else:
            # the shared gate pass over ``vis`` found the words: their places in the dense view
            hits = [(*_to_dense(views, s, e), w) for s, e, w in gates.hits(views.vis) if w in mine or w in c["repair_set"]]
        disguised = [h for h in hits if h[2] in fix]
        if disguised:
            hits = [h for h in hits if h[2] in mine]
        out = self._rules(views, d, c, hits) if hits else []
        if runs:  # only where a word of the rules spans two of the characters (中、美、日 changes nothing)
            runs = [r for r in runs if _spans_a_word(c["vocabulary"], views.norm, *r)]
        if disguised or runs:
            out += self._disguised(views, d, c, disguised, runs, out)
        if not present.isdisjoint(_MASK_NOISE) and views.dense_map is not None:
            out += self._edge_masks(views, d, c, present, out)
        if initials is None:
            initials = _initial_runs(views)
        if initials:
            out += self._initials(views, d, c, initials, out)
        return out

    def _initials(self, views: Views, d: str, c: dict, runs: list[tuple[int, int]], found: list[Finding]) -> list[Finding]:
        """Initials of two or more words of the rules in one run of letters (bqcs 步枪出售, SCGYCS
        生产工艺参数): each way of reading the run as initials of words of the rules is tried (a
        few at most), and the first that makes a finding over the run is kept; of a reading of three
        words or more, only a finding over all of it (:func:`_covers_reading`)."""
        ds, de = _offsets(views)
        dm = views.dense_map
        n = len(d)
        out: list[Finding] = []
        for a, b in runs:
            s = a if dm is None else bisect_left(dm, a)
            e = (b - 1 if dm is None else bisect_left(dm, b - 1)) + 1
            for words in _readings(d[s:e], c["initials"]):
                phrase = "".join(words)
                # (each character of the reading in its letter's place: what a finding covers of the
                # reading is read from its offsets, then it is widened over the whole run)
                place = (s, e, phrase, ds[s:e], de[s:e])
                lo, hi = max(0, s - _REPAIR_REACH), min(n, e + _REPAIR_REACH)
                # (not a rule that one word of two letters makes alone: bdxl is no 冰毒 and any word
                # spelled xl; three letters are specific enough, mhy for 迷魂药)
                lone_ok = any(len(w) >= 3 for w in words if w in _OBJECTS)
                # (a word-formation compound is never read from a run's initials beside another word: qbyzbq
                # of an official sentence read 强暴药 + 作弊器; a compound of four characters or more has its
                # initials among its read-back spellings, lldy, like every word of the rules)
                new = []
                for f in self._rules_over(_repaired(views, d, ds, de, lo, hi, [place]), c):
                    if not (a < f.end and f.start < b) or not (lone_ok or f.rule not in _LONE_RULES) \
                            or f.rule in _MORPHOLOGY_RULES:
                        continue
                    if not _covers_reading(words, int(ds[s]), f):
                        continue
                    start, end = min(f.start, a), max(f.end, b)
                    f = replace(f, start=start, end=end, text=views.text[start:end],
                                severity="review" if f.severity == "block" else f.severity)
                    if not _made(f, found + out):
                        new.append(f)
                if new:  # initials are the least certain spelling: a reviewer reads them (never block)
                    out += new
                    break
        return out

    def _edge_masks(self, views: Views, d: str, c: dict, present: frozenset[str], found: list[Finding]) -> list[Finding]:
        """A mask symbol the dense view dropped at the edge of a word of the rules (刺□专卖网, 自制×弹,
        客户联系方式□单): each word whose other characters stand next to the mask is tried in its place
        (a few at most), the rules read a window around it, and the first word that makes a finding
        over the mask (that the plain pass did not make) is kept."""
        norm, text = views.norm, views.text
        ds, de = _offsets(views)
        dm = views.dense_map
        n = len(d)
        out: list[Finding] = []
        places: list[int] = []
        for ch in sorted(present & _MASK_NOISE):
            i = norm.find(ch)
            while i >= 0 and len(places) < 16:
                places.append(i)
                i = norm.find(ch, i + 1)
        for pos in sorted(places):
            p = bisect_left(dm, pos)  # the dense character after the mask
            tries: list[tuple[int, int, str, int]] = []
            # a mask inside a word: its other characters on both sides (the most context first)
            inner = [(p - i, p + j, w, i) for i in range(3, 0, -1) for j in range(3, 0, -1) if p - i >= 0 and p + j <= n
                     for w in c["mask_inner"].get((d[p - i:p], d[p:p + j]), ())]
            inner.sort(key=lambda t: t[0] - t[1])
            tries += inner
            for k in range(4, 0, -1):  # mask at the end of a word: its other characters before it
                if p - k >= 0:
                    tries += [(p - k, p, w, k) for w in c["mask_end"].get(d[p - k:p], ())]
                if p + k <= n:  # mask at the start: the other characters after it
                    tries += [(p, p + k, w, 0) for w in c["mask_start"].get(d[p:p + k], ())]
            for s, e, w, gone in tries[:_EDGE_TRIES]:
                ab = _mask_place(text, ds, de, s, e, gone)
                if ab is None:
                    continue
                lo, hi = max(0, s - _REPAIR_REACH), min(n, e + _REPAIR_REACH)
                a, b = int(ab[0][0]), int(ab[1][-1])
                new = self._guessed(_repaired(views, d, ds, de, lo, hi, [(s, e, w, *ab)]), c, a, b, found + out)
                if len(w) == 2 or (len(w) == 3 and 0 < gone < 2):  # half a word guessed (or one character
                    # of three between two): not a rule that one word makes (□子 is no 瞎子, and a form's
                    # check box before 毒性物质 is no 冰毒; 老□婆 no slur), as a sound alone makes none
                    new = [f for f in new if f.rule not in _ANY_LONE_RULES]
                if new:  # a word guessed under a mask: a reviewer reads it (never block)
                    out += new
                    break
        return out

    def _guessed(self, rv: Views, c: dict, a: int, b: int, known: list[Finding]) -> list[Finding]:
        """The rules' findings over the guessed spelling in ``rv`` (a repaired window) that cover the
        original span [a, b) and that no finding in ``known`` already makes, as review at most."""
        return [replace(f, severity="review") if f.severity == "block" else f
                for f in self._rules_over(rv, c) if a < f.end and f.start < b and not _made(f, known)]

    def _rules_over(self, rv: Views, c: dict) -> list[Finding]:
        """Every rule over a repaired window ``rv``, gated by the rules' own words in its dense view,
        and the wording rules (:mod:`.wording`: slurs, agencies, Taiwan) over it too."""
        every = gates.find_uncached(rv.dense)  # (a window read once: the text's cached pass stays)
        hits = [h for h in every if h[2] in self._words]
        out = self._rules(rv, rv.dense, c, hits) if hits else []
        return out + _wording().detect_over(rv, every)

    def _rules(self, views: Views, d: str, c: dict, hits: list[tuple[int, int, str]]) -> list[Finding]:
        """Every rule whose gate words are among ``hits`` (places in ``d``, the dense view of ``views``)."""
        found = {w for _s, _e, w in hits}
        out: list[Finding] = []
        if found <= threats.ALL_GATE:  # only the threat rules' words (打死 炸毁 in war news): no other rule to ask
            self._threats(views, d, out, hits)
            return out
        if found <= self._names_only:  # only leaders' names: their titles' slips, no other rule to ask
            self._title_slips(views, d, out, hits)
            return out

        def wins(gate, reach: int) -> list[tuple[int, int]]:
            """Merged windows around the hits of ``gate``: the patterns run there, not over the text."""
            out_w: list[tuple[int, int]] = []
            for s, e, w in hits:
                if w in gate:
                    lo, hi = max(0, s - reach), e + reach
                    if out_w and lo <= out_w[-1][1]:
                        out_w[-1] = (out_w[-1][0], max(out_w[-1][1], hi))
                    else:
                        out_w.append((lo, hi))
            return out_w

        self._contraband(views, d, c, found, out, wins)
        for name, reach, spec in _DISCLOSURES:
            gate = c[f"{name}_gate"]
            if not found.isdisjoint(gate):
                if name == "bid" and _BID_RESULT_TITLE_RE.search(_title_line(views.text)):
                    continue  # a result notice publishes the committee and the prices (财政部令第87号 第六十九条)
                self._disclosure(views, d, c[f"{name}_patterns"], c[f"{name}_news"], spec, out, wins(gate, reach))
        if "得票" in found:
            self._votes(views, d, out, wins(("得票",), 100))
        if not found.isdisjoint(_WB_GATE):
            self._disclosure(views, d, (_WB_RE, _WB_AFTER_RE), _WB_QUIET,
                             ("state_secret", "secret_topic", "review", "secret.topic.composed",
                              "疑似公开了实名举报人的姓名，举报人的身份必须保密", _WB_BASIS, 0.7), out, wins(_WB_GATE, 16))
        if not found.isdisjoint(_CASE_GATE) or not found.isdisjoint(_EXAM_Q_GATE) or not found.isdisjoint(_ARMS_GATE):
            self._until_public(views, d, found, out, wins)
        if not found.isdisjoint(_CUSTOMER_PRICE_GATE) or not found.isdisjoint(_UNAUDITED_GATE):
            self._trade_values(views, d, found, out, wins)
        if not found.isdisjoint(_INSULT_GATE):
            self._insults(views, d, out, wins(_INSULT_GATE, 3))
        if not found.isdisjoint(morphology.GATE):
            self._morphology(views, d, c, found, out, wins)
        if not found.isdisjoint(threats.ALL_GATE):
            self._threats(views, d, out, hits)
        if not found.isdisjoint(_PW_GATE):
            self._password(views, d, out, wins(_PW_GATE, 72))
        if not found.isdisjoint(_FORM_GATE):
            self._formulations(views, d, out, wins(_FORM_GATE, 8))
        if not found.isdisjoint(self._leaders.gate):
            self._titles(views, d, out, wins(self._leaders.gate, 4))
        if not found.isdisjoint(self._leaders.name_gate):
            self._title_slips(views, d, out, hits)
        if not found.isdisjoint(_MEMBER_GATE):
            self._members(views, d, out, wins(_MEMBER_GATE, 48))
        if not found.isdisjoint(_LEADER_GATE):
            self._leader_order(views, d, out, wins(_LEADER_GATE, 40))
        if not found.isdisjoint(_SOV_GATE):
            self._sovereignty(views, d, out, wins(_SOV_GATE, 64))
        return out

    def _disguised(self, views: Views, d: str, c: dict, disguised: list[tuple[int, int, str]],
                   runs: list[tuple[int, int]], found: list[Finding]) -> list[Finding]:
        """The rules once more over ``d`` with its disguised words read back (:func:`_repaired`):
        the findings that cover a repaired place and that the plain pass did not make."""
        import numpy as np

        fix = c["repairs"]
        text = views.text
        ds, de = _offsets(views)
        n = len(d)
        cand: list[tuple[int, int, str, np.ndarray, np.ndarray]] = []
        weak: set[tuple[int, int]] = set()  # places of a sound in a two-character word (in the text)
        plausible = wording.read_back_plausible
        for s, e, k in disguised:
            word, gone = fix[k]
            if not plausible(word, d, s, e):
                continue  # (a wording head without its group, a nation without its head: no window)
            if ((k[0].isascii() and s > 0 and d[s - 1].isascii() and d[s - 1].isalnum()) or (
                    k[-1].isascii() and e < n and d[e].isascii() and d[e].isalnum())) and not (
                    k.isascii() and in_pinyin(views.norm, int(ds[s]), int(de[e - 1]), text)):
                continue  # inside a longer Latin word (among other pinyin syllables: lihuadan|zhixiao is read)
            if gone == _SEP:  # 冰，毒: neither character a word with its neighbour (结冰，毒雾)
                if (s > 0 and word_freq(d[s - 1:s + 1])) or (e < n and word_freq(d[e - 1:e + 1])):
                    continue
                gone = -1
            elif gone <= _SWAPPED:  # a sound or look-alike in a two-character word: not part of a word next to it
                sound = gone <= _SOUND
                j = s + ((_SOUND if sound else _SWAPPED) - gone)
                if (j == s and s > 0 and word_freq(d[s - 1:s + 1])) or (j == e - 1 and e < n and word_freq(
                        d[e - 1:e + 1])) or _inside_words(d, s, e):
                    continue
                if sound:
                    weak.add((int(ds[s]), int(de[e - 1])))
                gone = -1
            if gone >= 0:  # a mask the dense view dropped (自制□烧弹): it must be in the text there
                ab = _mask_place(text, ds, de, s, e, gone)
                if ab is None:
                    continue
                a, b = ab
            elif len(word) == e - s:
                a, b = ds[s:e], de[s:e]
            else:  # pinyin, split characters: the word's characters all stand for the whole spelling
                a = np.full(len(word), ds[s])
                b = np.full(len(word), de[e - 1])
            cand.append((s, e, word, a, b))
        dm = views.dense_map
        norm = views.norm
        for first, last in runs:  # 高。考。试。题: the characters without their separators
            # a sentence's end before or after the run, not a separator of it (造。信！访！举！报, 大，麻，烟。据悉)
            if last - first >= 4 and norm[first + 1] in _SENTENCE_END and norm[first + 1] != norm[first + 3]:
                first += 2
            if last - first >= 4 and norm[last - 1] in _SENTENCE_END and norm[last - 1] != norm[last - 3]:
                last -= 2
            chars = norm[first:last + 1:2]
            s = first if dm is None else bisect_left(dm, first)
            e = (last if dm is None else bisect_left(dm, last)) + 1
            idx = np.arange(first, last + 1, 2, dtype=np.int64)
            cand.append((s, e, chars, idx, idx + 1))
        cand.sort(key=lambda x: (x[0], x[0] - x[1]))
        spans = []
        overlapped = []  # spellings that overlap an earlier one (枪x|x卖 in 仿真枪x卖: 枪x read as 枪支 first)
        for x in cand:
            if not spans or x[0] >= spans[-1][1]:
                spans.append(x)
            else:
                overlapped.append(x)
        # each group of nearby places in a window of its own: the rules reach no further
        groups: list[list] = []
        for x in spans:
            if groups and x[0] - groups[-1][-1][1] <= 2 * _REPAIR_REACH:
                groups[-1].append(x)
            else:
                groups.append([x])
        out = []
        for g in groups:
            self._read_group(views, d, ds, de, c, g, weak, found, out)
        # a spelling the first reading of its place hid, read alone where nothing was found over it (h15b)
        for x in overlapped[:_OVERLAP_TRIES]:
            a, b = int(x[3][0]), int(x[4][-1])
            if not any(f.start < b and a < f.end for f in found + out):
                self._read_group(views, d, ds, de, c, [x], weak, found, out)
        return out

    def _read_group(self, views: Views, d: str, ds, de, c: dict, g: list, weak: set, found: list[Finding],
                    out: list[Finding]) -> None:
        """The rules over one window with the spellings ``g`` read back; the findings over a read-back
        place that neither ``found`` nor ``out`` makes are added to ``out``."""
        lo, hi = max(0, g[0][0] - _REPAIR_REACH), min(len(d), g[-1][1] + _REPAIR_REACH)
        places = [(int(x[3][0]), int(x[4][-1])) for x in g]
        for f in self._rules_over(_repaired(views, d, ds, de, lo, hi, g), c):
            over = [p for p in places if p[0] < f.end and f.start < p[1]]
            if not over or (f.rule in _LONE_RULES and weak.issuperset(over)):
                continue
            if not _made(f, found) and not _made(f, out):
                out.append(f)

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _finding(views: Views, s: int, e: int, category: str, type_: str, severity: str, rule: str, msg: str,
                 basis: str, score: float, suggestion: str | None = None) -> Finding:
        """The finding of the dense view's span ``s:e``, with its offsets in the original text."""
        start, end = views.dense_span(s, e)
        return Finding(start=start, end=end, text=views.text[start:end], category=category, type=type_,
                       severity=severity, rule=rule, message=msg, suggestion=suggestion, basis=basis, score=score)

    @staticmethod
    def _quiet(d: str, s: int, e: int, words: tuple[str, ...], views: Views | None = None) -> bool:
        """A news word in the match's sentence, or in the post's bracketed heading (【禁毒科普】 over a
        list of drug names, 【中标公告】 over the names of the evaluation committee) when the sentence
        makes no offer (:func:`scanner.detectors.context.heading_quiets`: 【禁毒】出售冰毒，加微信 is an
        advertisement, h16r2). With ``views`` (whose dense view is ``d``), the sentence ends at the
        first line break after the match: the dense view drops line breaks, and the next line (a
        footer's 来源：县委宣传部, the next forwarded comment) is no context of this one (h14a)."""
        h = heading_end(d)
        after = 50 if views is None else _to_line_end(views, d, e, 50)
        # (the heading's own words are read as a heading, under the offer bound, not as the sentence's:
        # 【禁毒】出售冰毒，加微信 is no news, h16r2)
        sent = (sentence_around(d, s, e, 50, after) if s < h or not h
                else sentence_around(d, s, e, min(50, s - h), after))
        if any(w in sent for w in words):
            return True
        return heading_quiets(d, words, lambda: sent + "\t" + d[s:e])  # (the match an offer itself: 出售冰毒)

    # ------------------------------------------------------------------ contraband
    def _contraband(self, views: Views, d: str, c: dict, found: set[str], out: list[Finding], wins) -> None:
        taken: list[tuple[int, int]] = []
        for cls, before, after in c["objects"]:
            if found.isdisjoint(c["object_words"][cls]):
                continue
            w = wins(c["object_words"][cls], 16)
            for pat in (before, after):
                for m in _scan(pat, d, w):
                    s, e = m.span()
                    if any(a < e and s < b for a, b in taken) or self._quiet(d, s, e, c["news"], views):
                        continue
                    taken.append((s, e))
                    out.append(self._finding(
                        views, s, e, "improper_wording", "prohibited_content", "block", f"prohibited.trade.{cls}",
                        f"疑似发布买卖、提供{_CLASS_NAMES[cls]}的信息，政务新媒体不得发布", _BASIS[cls], 0.9))
        if not found.isdisjoint(c["object_words"]["drug"]):
            for m in _scan(c["drug_alone"], d, wins(c["object_words"]["drug"], 2)):
                s, e = m.span()
                if any(a < e and s < b for a, b in taken) or self._quiet(d, s, e, c["news"], views):
                    continue
                out.append(self._finding(views, s, e, "improper_wording", "prohibited_content", "review",
                                         "prohibited.object.drug", "出现毒品名称且不在禁毒、打击等报道语境中，请核实",
                                         _BASIS["drug"], 0.7))

    # ------------------------------------------------------------------ insults
    def _insults(self, views: Views, d: str, out: list[Finding], w) -> None:
        """A verb × pronoun × kin word (干他娘) and 他妈 as an intensifier (太他妈): module constants. A
        verb that ends a word with the character before it (生日|他妈妈 is cut by the kin test; 节日他娘
        is no verb) is no insult; the intensifier is review (a reviewer reads who is meant)."""
        for m in _scan(_INSULT_RE, d, w):
            s, e = m.span()
            if not _starts_word(d, s):
                continue  # (the verb or the degree word ends a word: 生日, 天真, 过去)
            a, b = views.dense_span(s, e)
            han = [ch for ch in views.text[a:b] if "\u4e00" <= ch <= "\u9fff"]
            if any(x == y for x, y in zip(han, han[1:])) or views.text[b:b + 1] in _INSULT_KIN_AFTER_SET:
                continue  # the dense view reads a doubled character once: 太太他妈, 他妈妈 are kin
            block = m.group("v") is not None
            out.append(self._finding(
                views, s, e, "improper_wording", "prohibited_content", "block" if block else "review",
                "prohibited.insult.composed",
                "含侮辱性、粗俗不文明用语，政务新媒体不得使用" if block else "疑似粗俗不文明用语（“他妈”作语气词），请核实",
                _INSULT_BASIS, 0.9 if block else 0.7))

    # ------------------------------------------------------------------ word formation (:mod:`.morphology`)
    def _morphology(self, views: Views, d: str, c: dict, found: set[str], out: list[Finding], wins) -> None:
        """A sexual morpheme with a body, act, person or media head in a sentence that spreads, sells
        or offers (and no word of medicine, education, crackdown or court); a stupefying drug's
        function word with a drug head, alone unless news (:mod:`.morphology`)."""
        taken = [(f.start, f.end) for f in out if f.type == "prohibited_content"]

        def free(s: int, e: int) -> bool:
            a, b = views.dense_span(s, e)
            return not any(x < b and a < y for x, y in taken)

        if not found.isdisjoint(morphology.SEX_GATE):
            for m in _scan(morphology.sex_re(), d, wins(morphology.SEX_GATE, 1)):
                s, e = m.span()
                sent = _sentence(d, s, e)
                if not any(w in sent for w in morphology.SEX_CONTEXT) or self._quiet(d, s, e, morphology.SEX_QUIET) \
                        or not free(s, e):
                    continue
                out.append(self._finding(views, s, e, "improper_wording", "prohibited_content", "review",
                                         "prohibited.sex.composed",
                                         "疑似在发布、传播、出售语境中出现色情词语（性器官、性行为或色情影视图文），请核实",
                                         morphology.SEX_BASIS, 0.7, None))
        if not found.isdisjoint(morphology.DRUG_GATE):
            for m in _scan(morphology.drug_re(), d, wins(morphology.DRUG_GATE, 2)):
                s, e = m.span()
                if self._quiet(d, s, e, c["news"]) or not free(s, e):
                    continue
                out.append(self._finding(views, s, e, "improper_wording", "prohibited_content", "review",
                                         "prohibited.drug.composed",
                                         "疑似迷药、催情药或赌博用药名称（致人昏迷、失去意志的药物），且不在禁毒、打击等报道语境中，请核实",
                                         morphology.DRUG_BASIS, 0.7, None))
        # (h15a: a firearm, its parts, ammunition or a bomb by its make in a sentence that publishes, sells or
        # teaches; an exam ringer hired or offered; the trade in organs, ova, children and surrogacy in a sentence
        # that publishes or offers; gambling-cheat and spy devices offered — all silent in news)
        M = morphology
        for gate, pattern, reach, offer, quiets, rule, msg, basis in (
                (M.WEAPON_GATE, M.weapon_re, M.WEAPON_REACH, True, (c["news"], M.OFFER_QUIET),
                 "prohibited.weapon.composed", "疑似在发布、买卖或传授语境中出现枪支弹药、爆炸物或其制作方法，请核实",
                 M.WEAPON_BASIS),
                (M.RINGER_GATE, M.ringer_re, M.RINGER_REACH, False, (c["news"],),
                 "prohibited.fraud.composed",
                 "疑似代考、替考，买卖或伪造证件、文凭，代写论文或出售考试答案等作假服务，且不在新闻报道语境中，请核实",
                 M.RINGER_BASIS),
                (M.ORGAN_GATE, M.organ_re, M.ORGAN_REACH, True, (c["news"], M.ORGAN_QUIET + M.OFFER_QUIET),
                 "prohibited.organ.composed", "疑似在发布、买卖语境中出现人体器官、卵子买卖，拐卖人口或代孕中介，请核实",
                 M.ORGAN_BASIS),
                (M.DEVICE_GATE, M.device_re, M.DEVICE_REACH, True, (c["news"], M.OFFER_QUIET),
                 "prohibited.device.composed", "疑似在发布、买卖语境中出现赌博作弊器材或窃听、监听器材，请核实",
                 M.DEVICE_BASIS)):
            if found.isdisjoint(gate):
                continue
            for m in _scan(pattern(), d, wins(gate, reach + 1)):
                s, e = m.span()
                if offer:  # (教你做炸弹, 出售肾源: the compound offers itself)
                    sent = _sentence(d, s, e) + "\t" + m.group()
                    if not any(w in sent for w in M.WEAPON_CONTEXT):
                        continue
                if any(self._quiet(d, s, e, q) for q in quiets) or not free(s, e):
                    continue
                out.append(self._finding(views, s, e, "improper_wording", "prohibited_content", "review", rule, msg,
                                         basis, 0.7, None))

    # ------------------------------------------------------------------ threats (:mod:`.threats`)
    def _threats(self, views: Views, d: str, out: list[Finding], hits) -> None:
        """A threat of violence or a call to it: an intent, a violent act and a target in one clause;
        a curse aimed at a person; self-harm threatened to press an authority (a crisis signal)."""
        found = {w for _s, _e, w in hits}
        if not found.isdisjoint(threats.CURSE_GATE):
            for s, e in threats.curse_spans(d, hits):
                out.append(self._finding(views, s, e, "improper_wording", "prohibited_content", "review",
                                         "prohibited.insult.curse",
                                         "疑似诅咒、辱骂他人（咒人死亡、断子绝孙等），属侮辱性内容，请核实；回复中不得转载或附和",
                                         threats.CURSE_BASIS, 0.7))
        if not found.isdisjoint(threats.HARM_GATE):
            for s, e in threats.harm_spans(d, hits):
                out.append(self._finding(views, s, e, "improper_wording", "prohibited_content", "review",
                                         "prohibited.threat.self_harm",
                                         "疑似以跳楼、服毒、自焚等自伤方式相要挟（危机信号）：请勿公开发布或回复，"
                                         "按舆情线索及时转交相关部门处置，联系当事人、关注其人身安全，必要时报警或转介心理援助热线12356",
                                         threats.HARM_BASIS, 0.7))
        if found.isdisjoint(threats.GATE):
            return
        for s, e, rule, severity in threats.threat_spans(d, hits):
            incite = rule == "prohibited.threat.incite"
            if severity == "block" and threats.laughing(views.text, *views.dense_span(s, e)):
                severity = "review"  # (我要杀了你哈哈哈: a joke between friends, a reviewer reads it)
            msg = ("疑似煽动他人实施暴力（号召对机关、人员实施砸、烧、杀等），政务新媒体不得发布" if incite else
                   "疑似暴力威胁（扬言对机关、场所或他人实施爆炸、放火、杀伤等），政务新媒体不得发布")
            if severity == "review":
                msg = msg.replace("，政务新媒体不得发布", "，请核实")
            out.append(self._finding(views, s, e, "improper_wording", "prohibited_content", severity, rule, msg,
                                     threats.BASIS, 0.85 if severity == "block" else 0.7))

    # ------------------------------------------------------------------ disclosures
    def _disclosure(self, views: Views, d: str, patterns, news: tuple[str, ...], spec: tuple, out: list[Finding],
                    w) -> None:
        """A disclosure rule of :data:`_DISCLOSURES`: its patterns in the windows ``w``, less what
        overlaps an earlier match and what the sentence's news words silence."""
        taken: list[tuple[int, int]] = []
        for pat in patterns:
            for m in _scan(pat, d, w):
                s, e = m.span()
                if any(a < e and s < b for a, b in taken) or self._quiet(d, s, e, news, views):
                    continue
                taken.append((s, e))
                out.append(self._finding(views, s, e, *spec))

    def _votes(self, views: Views, d: str, out: list[Finding], w) -> None:
        """A vote count under a cadre recommendation or candidacy (:data:`_VOTE_RE`)."""
        for m in _scan(_VOTE_RE, d, w):
            s, e = m.span()
            before = d[max(0, s - 100):s]
            if not any(c in before for c in _VOTE_CUE) or any(p in before for p in _VOTE_PUBLIC):
                continue
            if self._quiet(d, s, e, _VOTE_PUBLIC, views):
                continue
            a, b = views.dense_span(s, e)
            if any(f.type == "secret_topic" and f.start < b and a < f.end for f in out):
                continue
            out.append(self._finding(views, s, e, "state_secret", "secret_topic", "review", "secret.topic.composed",
                                     "疑似公开了干部推荐、考察中的得票情况（酝酿、推荐、考察情况在任前公示前不得公开），请核实",
                                     _VOTE_BASIS, 0.7))

    def _until_public(self, views: Views, d: str, found: set[str], out: list[Finding], wins) -> None:
        """Content secret until an event or a conclusion (see ``_CASE_OPEN_RE``): an open case's details,
        an exam's question before the exam, a security plan's arms and forces."""
        def add(s: int, e: int, msg: str, basis: str) -> None:
            a, b = views.dense_span(s, e)
            if not any(f.type == "secret_topic" and f.start < b and a < f.end for f in out):
                out.append(self._finding(views, s, e, "state_secret", "secret_topic", "review", "secret.topic.composed",
                                         msg, basis, 0.7))

        if not found.isdisjoint(_CASE_GATE) and not any(w in d for w in _CASE_CLOSED):
            for m in _scan(_CASE_OPEN_RE, d, wins(_CASE_GATE, 160)):
                add(m.start(), m.end(), "疑似在审查调查结束前公开了案件细节（涉案金额、线索核实情况），审查调查情况不得泄露，请核实",
                    _CASE_BASIS)
        if not found.isdisjoint(_EXAM_Q_GATE) and any(w in d for w in _EXAM_AHEAD) and not any(w in d for w in _EXAM_HELD):
            for m in _scan(_EXAM_Q_RE, d, wins(_EXAM_Q_GATE, 140)):
                add(m.start(), m.end(), "疑似在考试举行前公开了试题内容，考试试题在启用前属于国家秘密，请核实", _EXAM_BASIS)
        if not found.isdisjoint(_ARMS_GATE):
            plan = any(w in _title_line(views.text) for w in _PLAN_TITLE)
            for pat in ((_ARMS_RE, _FORCE_RE) if plan else (_ARMS_RE,)):
                for m in _scan(pat, d, wins(_ARMS_GATE, 40)):
                    if self._quiet(d, m.start(), m.end(), _ARMS_NEWS, views):
                        continue
                    add(m.start(), m.end(), "疑似公开了安保、处突工作的力量部署或武器配备（人数、枪支、点位），属于工作秘密，请核实",
                        _ARMS_BASIS)

    def _trade_values(self, views: Views, d: str, found: set[str], out: list[Finding], wins) -> None:
        """Trade secrets given as values (``_CUSTOMER_PRICE_RE``, ``_UNAUDITED_RE``)."""
        for gate, pat, msg in (
                (_CUSTOMER_PRICE_GATE, _CUSTOMER_PRICE_RE, "疑似公开了企业的客户名单及供货价格等经营信息（商业秘密），请核实"),
                (_UNAUDITED_GATE, _UNAUDITED_RE, "疑似公开了拟上市、拟重组企业尚未披露的财务数据（内幕信息、商业秘密），请核实")):
            if found.isdisjoint(gate):
                continue
            for m in _scan(pat, d, wins(gate, 80)):
                s, e = m.span()
                a, b = views.dense_span(s, e)
                if any(f.type == "trade_secret" and f.start < b and a < f.end for f in out):
                    continue
                if self._quiet(d, s, e, _FIGURES_NEWS, views):
                    continue
                out.append(self._finding(views, s, e, "commercial_secret", "trade_secret", "review",
                                         "commercial.disclosure.trade_secret", msg, trade_norms.BASIS_TRADE, 0.7))

    def _password(self, views: Views, d: str, out: list[Finding], w) -> None:
        for m in _scan(_PW_VAL_RE, d, w):
            val = m.group("val").rstrip(_TRAIL)
            if len(val) < 6 or not (any(ch.isalpha() for ch in val) and any(ch.isdigit() for ch in val)):
                continue
            s, e = m.start(), m.start("val") + len(val)
            if self._quiet(d, s, e, _PW_HELP):
                continue
            out.append(self._finding(
                views, s, e, "state_secret", "credential", "block", "secret.credential.password_value",
                "疑似公开了密码或口令，须立即删除并修改密码",
                "中华人民共和国网络安全法 第二十一条、第四十二条; 政府网站与政务新媒体检查指标(国办函〔2019〕80号)·安全防护", 0.9))

    # ------------------------------------------------------------------ key formulations and titles
    def _formulations(self, views: Views, d: str, out: list[Finding], w) -> None:
        for m in _scan(_FORM_RE, d, w):
            s, e = m.span()
            if m.group("n2"):
                n, right, w = _NUMERAL[m.group("n2")], 5, "位一体"
                correct = "五位一体"
            else:
                w = m.group("w")
                n, right = _NUMERAL[m.group("n")], _FORMULATIONS[w]
                tail = _FORMULATION_TAIL.get(w)
                if tail is not None and not tail.match(d, e, e + 8):
                    continue
                correct = {2: "两", 3: "三", 4: "四", 5: "五", 10: "十"}[right] + "个" + w
            if n == right or n < 2 or (s > 0 and any(d[max(0, s - len(b)):s] == b for b in _FORM_OK_BEFORE)):
                continue
            if s > 0 and (d[s - 1] in _NUMERAL or d[s - 1].isdigit()):
                continue  # 13个意识 …: a count, not the formulation
            out.append(self._finding(views, s, e, "improper_wording", "key_term_misspelling", "block",
                                     "keyterm.formulation.number", f"固定表述的数字有误，应为“{correct}”",
                                     _KEY_BASIS, 0.85, correct))

    def _members(self, views: Views, d: str, out: list[Finding], w) -> None:
        for s, e, f, fix, anchored in formulations.member_errors(d, w):
            members = "、".join(f.member(c) for c in f.cores)
            out.append(self._finding(views, s, e, "improper_wording", "key_term_misspelling",
                                     "block" if anchored else "review", "keyterm.formulation.member",
                                     f"固定表述“{f.name}”的内容有误：应为{members}", f.basis, 0.85 if anchored else 0.7,
                                     fix or None))

    def _leader_order(self, views: Views, d: str, out: list[Finding], w) -> None:
        for s, e, term, right in formulations.order_errors(d, w):
            out.append(self._finding(views, s, e, "improper_wording", "key_term_misspelling", "review",
                                     "keyterm.leader.order", f"中央政治局常委排序有误，{term}的顺序为：{right}",
                                     formulations.ORDER_BASIS, 0.8, right))

    def _titles(self, views: Views, d: str, out: list[Finding], w) -> None:
        table = self._leaders
        for m in _scan(table.pattern, d, w):
            t, name = m.group("t"), m.group("name")
            s, e = m.span()
            if t in table.held[name] or d[s - 1:s] in ("副", "代"):
                continue  # (副县长 and 代县长 are other titles than 县长)
            own = table.current.get(name)
            holder = table.holder.get(t)
            msg = (f"领导人职务有误：{name}的职务是{own[0]}" if own else f"领导人职务有误：{name}未担任过{t}") + (
                f"，{t}是{holder}" if holder else "")
            out.append(self._finding(views, s, e, "improper_wording", "key_term_misspelling", "block",
                                     "keyterm.leader.title", msg, _KEY_BASIS, 0.85, own[0] + name if own else None))

    def _title_slips(self, views: Views, d: str, out: list[Finding], hits) -> None:
        """A leader's title with one character wrong next to his name (:func:`title_slips`, h15d)."""
        table = self._leaders
        seen: set[tuple[int, int]] = set()
        for s, e, w in hits:
            if w not in table.name_gate or (s, e) in seen or d[s:e] != w:
                continue  # (a name whose first character the dense view folded into the title's: 国家主習|习近平)
            seen.add((s, e))
            pat = table.pats[w]
            if pat.none_after.match(d, e) is not None and (
                    pat.any_before is None or pat.any_before.search(d, max(0, s - max(pat.long_before, pat.long_slip)), s) is None):
                continue  # (a right title after the name or none, and nothing before it: most names of a post)
            for a, b, right, t in title_slips(table, d, s, e, w):
                from ..lexicon import TITLE_SLIP_BASIS, TITLE_SLIP_RULE  # (a slip found: rare; lexicon imports this module)
                from ..variants import title_misspellings

                lo, hi = (len(right) - len(t), len(right)) if right.startswith(w) else (0, len(t))
                if right != t and d[a:b] in title_misspellings(right, lo, hi):
                    continue  # (a sound or shape slip: the lexicon's entry reports it)
                out.append(self._finding(
                    views, a, b, "improper_wording", "key_term_misspelling", "block", TITLE_SLIP_RULE,
                    f"领导人职务称谓错写：「{d[a:b]}」应为「{right}」", TITLE_SLIP_BASIS, 0.8, right))

    # ------------------------------------------------------------------ sovereignty
    @staticmethod
    def _quoted(d: str, s: int, e: int) -> bool:
        before, after = d[max(0, s - 8):s], d[e:e + 8]
        o = max(before.rfind(q) for q in _QUOTES_OPEN)
        c = max(before.rfind(q) for q in _QUOTES_CLOSE)
        return o > c and any(q in after for q in _QUOTES_CLOSE)

    def _sovereignty(self, views: Views, d: str, out: list[Finding], w) -> None:
        def add(s, e, type_, sev, rule, msg, sugg=None):
            out.append(self._finding(views, s, e, "improper_wording", type_, sev, rule, msg, _WORDING_BASIS, 0.8, sugg))
        for m in _scan(_SEPARATIST_RE, d, w):
            s, e = m.span()
            if not self._quoted(d, s, e):
                add(s, e, "needs_quotes", "review", "wording.quote_separatist",
                    f"“{d[s:e]}”须加引号", f"“{d[s:e]}”")
        blocks = (  # (pattern, words that make it news, rule, message and suggestion of a match)
            (_SAR_RE, _SAR_NEWS, "wording.sar_government",
             lambda m: (f"应称“{m.group('r')}特别行政区政府”或“{m.group('r')}特区政府”", f"{m.group('r')}特区政府")),
            (_STATE_RE, _STATE_QUIET, "wording.taiwan_state",
             lambda m: ("台湾是中国的一部分，不得将两岸表述为两个国家，不得称与台湾“建交”", None)))
        for pattern, quiet, rule, say in blocks:
            for m in _scan(pattern, d, w):
                s, e = m.span()
                if not (self._quiet(d, s, e, quiet) or self._quoted(d, s, e)):
                    add(s, e, "political_term", "block", rule, *say(m))
        for m in _scan(_LISTED_RE, d, w):
            s, e = m.span()
            items = m.group(0).split("、")
            if not (any(_COUNTRY_RE.search(it) for it in items) or _COUNTED_RE.search(m.group(0))) or self._quoted(d, s, e):
                continue
            first = _FIRST_NAME_RE.search(items[0])  # 产品远销|美国、…: from the first name on
            if first:
                s += first.start()
            add(s, e, "political_term", "review", "wording.region_listed_as_country",
                "香港、澳门、台湾不得与国家并列，应称“国家和地区”", None)
