"""Wording rules that generalise (issue 16): each finding is a composition written once from a
public norm, so a phrase no lexicon row lists is still found.

==========================  ==============================================  =====================================
rule                        composition                                     basis
==========================  ==============================================  =====================================
wording.slur.label          a native place, an occupation, skin colour or   新华社禁用词和慎用词(2016)·法律法规类
                            sex joined to a crime label (河南小偷, 保安     (不以社会身份或籍贯作标签式前缀);
                            歹徒, 黑人罪犯, 东北籍骗子)                     ·国际关系类(不突出肤色、种族、性别)
wording.slur.group          a group (place, nation, ethnic group,           新华社禁用词(2015)·民族宗教类、国际关系类;
                            occupation) joined to a derogatory head          网络信息内容生态治理规定(2019) 第七条
                            (上海佬, 越南猴子, 高丽棒子: 佬 鬼子 蛮子        (地域歧视、民族歧视)
                            毛子 棒子 猴子 杂种 …)
wording.slur.stereotype     a group (+人) with a generalising word and a     same
                            derogatory predicate (河南人都是骗子: 都 全
                            个个 天生 … + 骗子 小偷 懒 脏 …)
wording.slur.sex_age        a sex or age group's stereotype (女司机都是      新华社禁用词(2015)·国际关系类(性别);
                            马路杀手), a derogatory modifier on a sex or     网络信息内容生态治理规定(2019) 第七条
                            age head (剩女 渣男 黄脸婆 男人婆 直男癌)
wording.slur.disability     a disability morpheme with a person suffix       中国残联《关于宣传报道中残疾人及残疾人
                            (瞎子 瘸子 聋子 瘫子 跛子 哑巴 傻子 疯子),        工作有关称谓的通知》(2022)·八
                            or an insult of intellect (智障 脑残 白痴 低能)
wording.slur.old_name       an old Sinocentric name of the peoples around   政务院《关于处理带有歧视或侮辱少数民族
                            (two of 蛮 夷 戎 狄: 蛮夷 夷狄; 南蛮 东夷 西戎   性质的称谓、地名、碑碣、匾联的指示》
                            北狄; 胡虏 鞑子 番邦 番鬼), outside history      (1951); 新华社禁用词(2015)·民族宗教类
                                                                            (回回 蛮子 → 回族)
wording.slur.colour         a skin colour joined to a derogatory head       新华社禁用词(2015)·国际关系类(不突出
                            (黑鬼 白鬼子 黑佬 白皮猪 黄皮猴子)              肤色、种族); 网络信息内容生态治理规定 第七条
wording.slur.relation       a vulgar word for an extramarital relation      新华社禁用词和慎用词(2016)·不文明用语;
                            (二奶 三奶 小三 小四 小蜜 姘头), not 小三通     网络信息内容生态治理规定(2019) 第七条(七)
wording.state.compass       a divided state's name with a compass word      新华社禁用词(2015)·国际关系类(北朝鲜 →
                            (南朝鲜 南韩; 北朝鲜 北韩 are the list's rows)    朝鲜); 1992 中韩建交 (南朝鲜 → 韩国)
wording.state.hostile       a hostile name of a state or its people (支那,    新华社禁用词(2015)·国际关系类; 网络信息
                            not 印度支那; 倭国 小日本; head + 国: 棒子国)    内容生态治理规定 第七条(民族歧视)
wording.tw.exile            a Chinese region's "government in exile"        国务院新闻办《西藏发展道路的历史选择》(2015)
                            unquoted (西藏流亡政府, 藏人行政中央,           等白皮书: 所谓"西藏流亡政府"; 涉台宣传
                            东突厥斯坦流亡政府)                             用语意见 (不使用分裂势力自称的"政府")
wording.tw.founder          国父 for 孙中山 (the ROC's state title of       新华社禁用词和慎用词(2016)·涉台类(不使用
                            1940) beside 孙中山/中山先生/民国, unquoted      中华民国纪年及旗、徽、歌); 涉台宣传用语意见·第1条
wording.key.last_char       a state institution's fixed name with its last  党政机关公文处理工作条例(2012) 第十九条
                            character wrong, any character (人民代表大X,    (规范表述); 宪法 (机构名称)
                            中华人民共和X, 中国人民政治协商会X): prefixes
                            the official texts never end otherwise
wording.key.plenary         a plenary session's name with one character     中央全会公报的固定名称(N届M中全会)
                            wrong (二十届三中全X, 十九届六中X会)
wording.agency.central      a central agency abolished or renamed in the    国务院机构改革方案(1998, 2003, 2008,
                            State Council reforms (table: year, successor)  2013, 2018, 2023)
wording.agency.local        an old local department name after any place     《深化党和国家机构改革方案》(2018)·十
                            (卫计委, 文广新局 …; one shared abroad, 旅游局,  (省市县机构设置同中央基本对应)
                            after 市 区 自治州 旗 or a mainland province)
wording.tw.institution      Taiwan's "state" institutions after a Taiwan     涉台宣传用语意见(2016)·第2、3条
                            cue, without quotes or 所谓 (台湾外交部, 台当局   (不直接使用"国家""中央"名义机构名称,
                            陆委会, 台湾国安局)                              不得不用时加引号)
wording.tw.state_attribute  Taiwan with a state's attribute (台湾国旗,      涉台宣传用语意见·第1条; 新华社禁用词(2015)
                            台湾国籍, 台湾驻美大使馆)
wording.tw.china_pairing    China paired with Taiwan, Hong Kong or Macao     《关于涉台港澳宣传报道中几个提法的意见》·一;
                            as equals (中国和台湾的关系, 中国与香港贸易)     新华社禁用词(2015)·涉及我领土主权和港澳台
wording.tw.roc_era          the ROC era after 1949 in Chinese numerals or   涉台宣传用语意见·第1条 (一律不使用
                            two digits (民国一一三年, 民国七十年, 民国70年),   “中华民国”纪年); 新华社禁用词(2016)
                            read in ``norm``; suggestion: the Gregorian
                            year (the rows spell 民国100-119 in digits)
wording.hkmotw.abroad       going to Hong Kong, Macao or Taiwan called      新华社禁用词(2015)·涉及我领土主权和港澳台
                            出国 (出国去香港, 出国旅游到台湾); not a         (港澳台不称国家); 出境入境管理法(2012)
                            transfer on the way abroad (转机, 中转)          第二条、第八十九条
secret.draft.bracketed      a draft label in any bracket (〈初稿〉「草稿」     政府信息公开条例(2019) 第十六条(过程性
                            『修订稿』{代拟稿} (第二稿) [初审稿 v2]); the     信息); 党政机关公文处理工作条例 第三章
                            plain draft words are lexicon rows
==========================  ==============================================  =====================================

An outdated agency name is history, not a mistake, when the text is: a history word next to it
(原 时任 更名 撤销 组建 …), a year up to the change next to it, or a text whose years are mostly
years up to the change (a 1990s work report says 国家计委 rightly). Every rule runs on the
``dense`` view inside windows around its gate words (one Aho–Corasick pass shared by all
detectors, :mod:`scanner.detectors.gates`), and reports exact offsets in the original text.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import rx
from ..matcher import abroad_before
from ..model import Finding
from ..normalize import DIGIT_FOLD, Views
from ..words import word_freq
from . import compositional, gates  # (compositional imports this module: attributes read at call time)
from .context import doc_years, sentence_around, years_say_history

__all__ = ["WordingRuleDetector", "AGENCY_REFORMS", "LOCAL_DEPARTMENTS"]

_HAN = "\u3400-\u9fff"

# ------------------------------------------------------------------ groups of people
#: province-level regions (full short names), regions people are labelled by, and the places the norm's
#: examples stand for (新华社: 河南小偷, 安徽农民歹徒)
_PROVINCES = ("北京|天津|河北|山西|内蒙古|内蒙|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|"
              "广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|澳门")
_REGIONS = _PROVINCES + "|东北|西北|西南|华北|苏北|苏南|皖北|豫东|鲁西南|潮汕|温州|外地|外省|外乡|北方|南方|乡下"
_NATIONS = ("日本|韩国|朝鲜|南韩|北韩|高丽|印度|越南|菲律宾|美国|英国|俄国|俄罗斯|法国|德国|非洲|阿拉伯|犹太|缅甸|泰国|"
            "巴基斯坦|阿富汗|蒙古|外国|东洋|西洋|洋")
_ETHNIC = ("回族|回民|藏族|藏民|维吾尔族|维吾尔|蒙古族|苗族|彝族|壮族|满族|朝鲜族|哈萨克族|土家族|侗族|瑶族|白族|傣族|"
           "黎族|畲族|少数民族|穆斯林")
_OCCUPATIONS = ("农民工|农民|民工|工人|保安|保姆|司机|快递员|外卖员|城管|小贩|商贩|摊贩|清洁工|环卫工|教授|老师|教师|医生|"
                "护士|学生|大学生|律师|和尚|出租车司机|个体户|打工者|拾荒者|乞丐|下岗工人|厨师|演员|官员|公务员|村民|渔民|"
                "牧民|矿工|程序员|退伍军人|农村人|乡下人|山里人|城里人")
_SKIN = "黑人|白人|黄种人|黑种人"
#: crime labels the norm names (小偷 强奸犯 歹徒 罪犯) and their kin (骗子 杀人犯 劫匪 …); 暴徒 and 恐怖分子
#: are left out: 香港暴徒, 东突恐怖分子 are the official wording
_CRIME = "小偷|歹徒|骗子|强奸犯|罪犯|杀人犯|劫匪|窃贼|扒手|抢劫犯|人贩子|凶手|盗贼|诈骗犯|蟊贼|毒贩"
#: derogatory heads joined to a group name (上海佬, 日本鬼子, 南蛮子, 老毛子, 高丽棒子, 越南猴子, 大陆蝗虫)
_HEADS = "佬|鬼子|鬼佬|蛮子|毛子|棒子|猴子|杂种|杂碎|崽子|土鳖|刁民|贱民|畜生|婊子|黑鬼|猪猡|狗腿子|阿三"
#: 狗 and 猪 only after a nation (韩国狗, 日本猪): after a place or an ethnic group they are livestock (藏猪, 东北民猪)
_ANIMALS = "狗|猪"
_GENERAL = "都是|全是|全都是|全都|都|个个都|个个|就是|天生就|天生|生来就|本来就|果然|就爱|就会|最爱|专门|净是|没一个好|没有一个好|一贯"
_PRED = ("小偷|骗子|偷东西|偷|骗人|骗|懒|脏|素质低|没素质|没有素质|不要脸|狡猾|野蛮|刁民|无赖|流氓|黑社会|好吃懒做|"
         "不讲卫生|不讲理|蠢|笨|抠门|小气|坏人|坏种|土包子|乡巴佬")
_NOT_AFTER_PRED = "渡税拍猎排运袭听看窥取保贷局术得不"  # 偷渡 偷税 偷拍 … 骗取 骗保 骗贷 骗局 … are acts, not a trait


#: sex and age groups (新华社 2015 国际关系类: 性别; 网络信息内容生态治理规定 第七条): a stereotype only with a
#: generalising word and a derogatory predicate right after (女司机都是马路杀手, 老人都是碰瓷的)
_SEX_AGE = ("女人|男人|女的|男的|女孩子|女生|男生|女司机|老人|老年人|老头|老太太|老太婆|大妈|大爷|年轻人|90后|00后|80后|"
            "95后|穷人|胖子|矮子")
_SEX_AGE_GENERAL = "都是|全是|全都是|个个都是|就是|天生|没一个好|没有一个好|都"
_SEX_AGE_PRED = ("头发长见识短|马路杀手|不会开车|碰瓷|为老不尊|倚老卖老|拜金|矫情|废物|垃圾|不靠谱|脑残|小偷|骗子|坏人|"
                 "懒|蠢|笨|贱")
#: a derogatory modifier on a sex or age head (剩女, 渣男, 凤凰男, 绿茶婊, 黄脸婆, 男人婆, 娘娘腔, 老不死): the
#: modifier x head composition, not a list of its words
_SEX_MOD = "剩|渣|拜金|绿茶|心机|妈宝|凤凰|黄脸|肥|泼|败家|丑|老处|娘娘|男人|直男"
_SEX_HEAD = "女|男|婆|婊|妇|腔|癌"
#: every modifier x head of the composition (each one a slur), and the age and sex slurs outside it
_SEX_COMPOSED = tuple(m + h for m in _SEX_MOD.split("|") for h in _SEX_HEAD.split("|"))
_SEX_WORDS = "老不死|糟老头|死老头|老棺材|小屁孩|娘炮|女拳|田园女权"


def _alt(words: str) -> str:
    return "|".join(sorted(set(words.split("|")), key=lambda w: (-len(w), w)))


#: an ethnic group or a religion as a label of crime or terror (新华社 民族宗教类: 不把民族、宗教与犯罪、恐怖
#:主义挂钩): 维吾尔族恐怖分子, 穆斯林极端分子, 回族小偷; 暴力恐怖分子, 东突恐怖分子 name no people or faith
_FAITHS = "伊斯兰|伊斯兰教|穆斯林|佛教|基督教|天主教|藏传佛教|道教|犹太教"
_TERROR = "恐怖分子|极端分子|暴徒|恐怖组织|恐怖主义"
_LABEL_RE = rx.compile(
    rf"(?P<g>{_alt(_REGIONS + '|' + _OCCUPATIONS + '|' + _SKIN)})(?:籍|人)?(?P<h>{_alt(_CRIME)})"
    rf"|(?P<g3>{_alt(_ETHNIC + '|' + _FAITHS)})(?:人|的|徒)?(?P<h3>{_alt(_CRIME + '|' + _TERROR)})"
    rf"|(?P<g2>女|男)(?P<h2>小偷|歹徒|骗子|劫匪|扒手|杀人犯|凶手|罪犯)")
_GROUP_RE = rx.compile(
    rf"(?P<g>{_alt(_REGIONS + '|' + _NATIONS + '|' + _ETHNIC + '|' + _OCCUPATIONS + '|' + _SKIN)})人?(?P<h>{_alt(_HEADS)})"
    rf"|(?P<g2>{_alt(_NATIONS)})(?P<h2>{_ANIMALS})(?![肉粮食年场仔种只头瘟业圈舍崽])")
_STEREO_RE = rx.compile(
    rf"(?P<g>{_alt(_REGIONS + '|' + _NATIONS + '|' + _ETHNIC + '|' + _SKIN)})人(?:的)?(?P<q>{_alt(_GENERAL)})[^。!?;,、]{{0,2}}?"
    rf"(?P<h>{_alt(_PRED)})(?![{_NOT_AFTER_PRED}])"
    rf"|(?P<g2>{_alt(_OCCUPATIONS)})(?P<q2>都是|全是|全都是|个个都是|没一个好|没有一个好)(?P<h2>小偷|骗子|贼|坏人|流氓|无赖|刁民|土包子)")
_SEX_RE = rx.compile(
    rf"(?P<g>{_alt(_SEX_AGE)})(?P<q>{_alt(_SEX_AGE_GENERAL)})(?P<h>{_alt(_SEX_AGE_PRED)})(?![{_NOT_AFTER_PRED}])"
    rf"|(?<![减打增瘦])(?P<m>{_alt(_SEX_MOD)})(?P<h2>{_alt(_SEX_HEAD)})(?![篮足排子生士性装神王儿婿孩童工方人团科主星症])"
    rf"|(?P<w>{_SEX_WORDS})")
#: a disability morpheme and a person suffix (瞎子 瘸子 聋子 瘫子 跛子 哑巴 傻子 疯子 呆子): 中国残联 2022·八
_DISABILITY_RE = rx.compile(
    r"(?<!黑)(?P<m>[瞎瘸聋哑瘫跛])(?P<h>子|巴|佬|鬼|婆|汉)(?![亏英语])"
    r"|(?<!书)(?P<m2>[傻疯呆])(?P<h2>子|佬|婆)(?!瓜子)"
    r"|(?P<w>智障|脑残|白痴|低能儿|弱智儿|残废人|死瘸子|死瞎子|瘸腿子|聋哑子)")
#: the disability words the gate passes on to that rule (the morpheme x suffix words it reads, and the whole words)
_DISABILITY_WORDS = (
    "瞎子", "瘸子", "聋子", "瘫子", "跛子", "哑巴", "哑子", "傻子", "疯子", "呆子", "瞎佬", "瘸佬", "聋佬", "傻佬", "瞎鬼", "瘸鬼",
    "聋婆", "瞎婆", "疯婆", "傻婆", "瞎汉", "聋汉", "瘸汉", "跛佬", "瘫佬", "呆佬", "疯佬", "智障", "脑残", "白痴", "低能儿",
    "弱智儿", "残废人")
#: war and history: 日本鬼子 in a veteran's words about 1937 is history (抗战, 侵华 …)
_SLUR_QUIET = ("抗战", "抗日", "侵华", "侵略", "八路军", "新四军", "老兵", "战争", "日军", "沦陷", "电影", "电视剧", "小说",
               "台词", "所谓", "称为", "被称", "蔑称", "贬称", "歧视", "禁用", "不要使用", "不得使用", "不宜", "避免", "不能称",
               "不应", "称谓", "侮辱", "辱骂")
_SLUR_BASIS = ("新华社新闻信息报道中的禁用词和慎用词(2016年7月修订)·法律法规类(不要使用社会身份或籍贯作标签式前缀)、"
               "国际关系类(不刻意突出肤色、种族和性别特征)、民族宗教类; 网络信息内容生态治理规定(2019) 第七条")
_DISABILITY_BASIS = "中国残联宣文部《关于宣传报道中残疾人及残疾人工作有关称谓的通知》(2022)·八(禁用瞎子、瘸子、哑巴、傻子、弱智、疯子等贬损称谓)"
_DISABILITY_FIX = {"瞎": "视力残疾人/盲人", "瘸": "肢体残疾人", "跛": "肢体残疾人", "瘫": "肢体残疾人", "聋": "听力残疾人",
                   "哑": "言语残疾人", "傻": "智力残疾人", "呆": "智力残疾人", "疯": "精神残疾人", "智障": "智力残疾人",
                   "脑残": None, "白痴": None, "低能儿": "智力残疾人", "弱智儿": "智力残疾儿童", "残废人": "残疾人"}

# ------------------------------------------------------------------ names of peoples, states, relations
#: the old Sinocentric names of the peoples around the Central Plain (蛮 夷 戎 狄, "四夷"), in pairs (蛮夷 夷狄
#: 戎狄 …) or with their compass (南蛮 东夷 西戎 北狄), and the names of the same kind (胡虏 鞑虏 鞑子 番邦 番鬼):
#: the 1951 order of the 政务院 removed such names from use; the Xinhua list bans 回回 蛮子 (rows) for the same
#: reason. Quiet in history and archaeology (东夷文化, 春秋时期的戎狄) and in quotes.
_BARBARIANS = "蛮夷戎狄"
_OLD_NAMES = tuple(a + b for a in _BARBARIANS for b in _BARBARIANS if a != b) + (
    "南蛮", "东夷", "西戎", "北狄", "胡虏", "鞑虏", "鞑子", "番邦", "番鬼")
_OLD_QUIET = ("文化", "遗址", "考古", "部落", "部族", "古国", "方国", "先民", "古代", "古人", "先秦", "春秋", "战国", "商周",
              "夏商", "西周", "东周", "秦汉", "汉代", "唐代", "宋代", "明代", "清代", "典籍", "文献", "史记", "史书", "史料",
              "历史", "传说", "华夏", "中原", "王朝", "朝代", "攘夷", "诗经", "左传", "尚书", "论语", "孟子", "古籍", "驱除",
              "同盟会", "纲领", "文物", "研究", "学者", "史学", "民族融合", "交融", "朝贡", "王化", "天下观", "夷夏",
              "汉朝", "隋朝", "唐朝", "宋朝", "元朝", "明朝", "清朝", "隋唐", "唐军", "宋军", "明军", "古时", "胜仗", "战役", "水战")
_OLD_RE = rx.compile(rf"(?<![以师制])(?P<w>{_alt('|'.join(_OLD_NAMES))})(?![制长族文])")
#: a skin colour joined to a derogatory head (新华社 国际关系类: 不刻意突出肤色、种族; the group rule reads
#: 黑人 and 白人 with a head after them): 黑鬼 白鬼子 黑佬 白皮猪 黄皮猴子
_COLOUR_HEADS = "鬼子|鬼佬|鬼|佬|皮猪|皮狗|皮猴子|皮猴|番"
_COLOUR_RE = rx.compile(rf"(?<![漆乌青红灰紫拉抹])(?P<c>[黑白黄棕])(?P<h>{_alt(_COLOUR_HEADS)})(?![怪魂火屋脸话])")
_COLOUR_WORDS = tuple(c + h for c in "黑白黄棕" for h in _COLOUR_HEADS.split("|"))
#: vulgar words for an extramarital relation (二奶 三奶: a numeral and 奶, not 二奶奶 a grandmother; 小三 小四:
#: not 小三通 the cross-strait links, 小三级 工会, 缩小三大差别, 小三居, 小学三年级, 乙肝小三阳, 小三和弦, 小四轮; 小蜜 not
#: 小蜜蜂; 姘头)
#: the numeral in any written style (②奶, 小❸: the digit fold of the dense view's number styles, DIGIT_FOLD)
_NUM_FORMS = {k: "".join(sorted({chr(c) for c, v in DIGIT_FOLD.items() if chr(v) == k} | {"234"["234".index(k)]}))
              for k in "234"}
_N234, _N34 = _NUM_FORMS["2"] + _NUM_FORMS["3"] + _NUM_FORMS["4"], _NUM_FORMS["3"] + _NUM_FORMS["4"]
_RELATION_RE = rx.compile(
    rf"(?<![{_N234}奶])(?P<a>[{_N234}]奶)(?![奶粉茶牛油])"
    rf"|(?<![缩减大从最上读念])(?P<b>小[{_N34}])(?![通级峡居室轮门线角元号环点口岁个只条分度万千百十届期次天寸人楼层区道队年班维国通方子阳合川甲0-9]|和弦)"
    r"|(?P<c>小蜜|姘头)(?!蜂|桃|枣)")
_RELATION_WORDS = tuple(n + "奶" for n in _N234) + tuple("小" + n for n in _N34) + ("小蜜", "姘头")
_RELATION_QUIET = ("小学", "年级", "学生", "班级", "语文", "数学", "老师", "考试", "电视剧", "电影", "剧中", "小说", "角色",
                   "所谓", "称为", "被称", "俗称", "蔑称", "歧视", "不要使用", "不得使用", "不宜", "避免")
_RELATION_BASIS = ("新华社新闻信息报道中的禁用词和慎用词(2016年7月修订)·不文明用语; 网络信息内容生态治理规定(2019) "
                   "第七条(七)(宣扬低俗、庸俗、媚俗内容)")
#: a divided state's name with a compass word (新华社 2015 国际关系类: 北朝鲜 → 朝鲜, a row; the same norm for the
#: other state of the peninsula: 南朝鲜 → 韩国 since the 1992 relations, 南韩 the name used outside the
#: mainland; 北韩 is a row). 南朝鲜 in a text whose years are up to 1992 is history (the 1950s–80s work reports).
_COMPASS_STATES = {"南朝鲜": ("韩国", 1992), "南韩": ("韩国", 0)}
#: the Korean War and the years before 1992 told as history (联合国军及南朝鲜军队): the words of that history
_COMPASS_QUIET = ("所谓", "称为", "被称", "旧称", "俗称", "联合国军", "志愿军", "抗美援朝", "朝鲜战争", "停战", "三八线",
                  "战争", "战役", "冷战", "建交前")
_COMPASS_RE = rx.compile(r"(?P<w>南朝鲜|南韩)(?!战争)")
_COMPASS_BASIS = "新华社新闻报道中的禁用词(第一批,2015)·国际关系类(“北朝鲜”应称“朝鲜”; 国名以我国外交部公布的为准)"
#: hostile names of states (支那, not 印度支那 nor 收支|那; 倭国 倭人 小日本 脚盆鸡; a derogatory head + 国: 棒子国
#: 鬼子国 猴子国 阿三国 毛子国): 新华社 国际关系类 (国名以外交部公布的为准), 网络信息内容生态治理规定 第七条 (民族歧视)
_HOSTILE_NAMES = ("倭国", "倭人", "小日本", "脚盆鸡") + tuple(h + "国" for h in ("棒子", "鬼子", "猴子", "阿三", "毛子"))
_HOSTILE_RE = rx.compile(r"(?<![印度收开])(?P<w>支那)(?![么样些里边一个种时])"
                         rf"|(?P<w2>{_alt('|'.join(_HOSTILE_NAMES))})")
_HOSTILE_WORDS = ("支那",) + _HOSTILE_NAMES
#: a Chinese region's "government in exile" (达赖集团's and the 东突 groups' own names): the white papers write
#: 所谓“西藏流亡政府”, never the name alone
_EXILE_REGIONS = ("西藏", "藏人", "藏族", "东突厥斯坦", "东突厥", "东突", "维吾尔", "新疆", "内蒙古", "南蒙古")
_EXILE_BODIES = ("流亡政府", "流亡议会", "流亡国会", "行政中央", "流亡内阁")
_EXILE_RE = rx.compile(rf"(?P<g>{_alt('|'.join(_EXILE_REGIONS))})(?P<h>{_alt('|'.join(_EXILE_BODIES))})")
_EXILE_BASIS = ("国务院新闻办公室《西藏发展道路的历史选择》(2015)、《新疆的若干历史问题》(2019)等白皮书(所谓“西藏流亡政府”); "
                "新华社禁用词(2015)·涉及我领土、主权和港澳台(分裂势力的名称加引号)")
#: 国父 for 孙中山: the ROC's title of 1940 (a state attribute, as its calendar, flag and anthem): with 孙中山,
#: 中山先生, 孙文, 民国 or a Taiwan cue in its sentence, unquoted; 美国父母, 新加坡国父 are not it
_FOUNDER_RE = rx.compile(r"(?<![美法德英韩印泰])(?P<w>国父)(?![母亲子女辈])")
_FOUNDER_CUE = ("孙中山", "中山先生", "孙文", "孙逸仙", "民国", "台湾", "台北", "国民党", "纪念馆", "遗嘱", "遗教")
_FOUNDER_BASIS = ("新华社新闻信息报道中的禁用词和慎用词(2016年7月修订)·涉及领土、主权和港澳台类(不使用“中华民国”纪年及旗、徽、歌); "
                  "中央台办、外交部、中央外宣办《关于正确使用涉台宣传用语的意见》(2016年3月修订)·第1条")
_OLD_BASIS = ("政务院《关于处理带有歧视或侮辱少数民族性质的称谓、地名、碑碣、匾联的指示》(1951年5月16日); "
              "新华社新闻报道中的禁用词(第一批,2015)·民族宗教类(不得使用“回回”“蛮子”等带有侮辱性的称谓)")
_NAMES_GATE = tuple(dict.fromkeys(_OLD_NAMES + _COLOUR_WORDS + _RELATION_WORDS + tuple(_COMPASS_STATES) + _HOSTILE_WORDS
                                  + tuple(g + h for g in _EXILE_REGIONS for h in _EXILE_BODIES) + ("国父",)))

# ------------------------------------------------------------------ slips in fixed formulations
#: key terms (lexicons/improper_wording/key_terms.tsv) whose prefix without the last character the official
#: texts (新闻联播 2022–24, work reports, congress reports, State Council documents) always end with that
#: character, 50 times or more (中国特色社会主 → 义 2,127 times, never otherwise; 中国共产 → 主义 12 times, 社会主义核心价值
#: → 体系 15 times, 科学发展 → 规律, 全面从严治 → 教 are left out): another character there is a slip that neither the
#: sound nor the shape tables hold (人民代表大全). Counted by ``benchmarks``' official corpora, 2026-12-07.
EXCLUSIVE_ENDINGS = ("中国特色社会主义", "习近平新时代中国特色社会主义思想", "全过程人民民主", "人类命运共同体", "中华民族伟大复兴",
                     "中国式现代化", "新发展理念", "新发展格局", "高质量发展", "马克思列宁主义", "毛泽东思想", "邓小平理论",
                     "总体国家安全观", "新质生产力", "中华人民共和国", "全国人民代表大会", "中国人民政治协商会议", "中华民族共同体意识",
                     "社会主义现代化强国", "新时代中国特色社会主义思想", "人民代表大会")
#: the rule reads the names of the state's institutions that the Constitution fixes (全国人民代表大会 and every
#: level's 人民代表大会, 中华人民共和国, 中国人民政治协商会议): all 21 formulations cost 2.4% of a post in
#: instructions (every other paragraph of 新闻联播 says 高质量发展, 中国式现代化: a gate hit each), these three 0.2%;
#: the formulations keep their sound and shape variants (key_terms.tsv)
SLIP_TERMS = ("人民代表大会", "中华人民共和国", "中国人民政治协商会议")
_ENDING = {t[:-1]: t for t in SLIP_TERMS}
_ENDING_RE = rx.compile(rf"(?P<p>{_alt('|'.join(_ENDING))})(?P<x>[\u4e00-\u9fff])")
#: N届M中全会 (the Central Committee's plenary sessions): one of 中 全 会 wrong after 届 and its number (十一届
#: 四次全会, a province's plenary, is right: 次 is not a slip of 中)
#: (the session's number in any written style: 届➂中全会, 届3中全会)
_PLENARY_NUM = "十" + "".join(sorted({chr(c) for c, v in DIGIT_FOLD.items() if "1" <= chr(v) <= "9"} | set("123456789")))
_PLENARY_RE = rx.compile(rf"届(?P<n>[{_PLENARY_NUM}])(?P<x>中全(?!会)[\u4e00-\u9fff]?|中(?!全)[\u4e00-\u9fff]会|(?![中次])[\u4e00-\u9fff]全会)")
_SLIP_GATE = tuple(_ENDING) + tuple(f"届{n}" for n in _PLENARY_NUM)
_SLIP_BASIS = "党政机关公文处理工作条例(2012) 第十九条(规范表述); 中共中央、全国人大的固定提法(党章、宪法、全会公报)"

# ------------------------------------------------------------------ agencies of the reforms
#: central agencies abolished or renamed by the State Council reform plans: name -> (year of the change,
#: the present successor). Sources: 国务院机构改革方案 1998 (九届全国人大一次会议, 1998-03-10), 2003 (十届一次,
#: 2003-03-10), 2008 (十一届一次, 2008-03-15), 2013 (十二届一次, 2013-03-14), 2018 (十三届一次, 2018-03-17; 《深化
#: 党和国家机构改革方案》2018-03-21), 2023 (《党和国家机构改革方案》2023-03-16). Left out: names kept as a second plate
#: (国家海洋局, 国家乡村振兴局, 国家公务员局, 国家宗教事务局, 国务院侨办, 国务院港澳办), names in use again
#: (国家药品监督管理局 1998 and 2018) and short forms of a present name (广电总局).
AGENCY_REFORMS: dict[str, tuple[int, str]] = {
    # 1998
    "电力工业部": (1998, "国家能源局"), "煤炭工业部": (1998, "国家能源局"), "冶金工业部": (1998, "工业和信息化部"),
    "机械工业部": (1998, "工业和信息化部"), "电子工业部": (1998, "工业和信息化部"), "化学工业部": (1998, "工业和信息化部"),
    "邮电部": (1998, "工业和信息化部"), "地质矿产部": (1998, "自然资源部"), "林业部": (1998, "国家林业和草原局"),
    "广播电影电视部": (1998, "国家广播电视总局"), "广电部": (1998, "国家广播电视总局"), "劳动部": (1998, "人力资源和社会保障部"),
    "国家体育运动委员会": (1998, "国家体育总局"), "国家体委": (1998, "国家体育总局"),
    "国家科学技术委员会": (1998, "科学技术部"), "国家科委": (1998, "科学技术部"),
    "国家教育委员会": (1998, "教育部"), "国家教委": (1998, "教育部"),
    "国家经济体制改革委员会": (1998, "国家发展和改革委员会"), "国家体改委": (1998, "国家发展和改革委员会"),
    "国内贸易部": (1998, "商务部"), "中国纺织总会": (1998, "工业和信息化部"), "中国轻工总会": (1998, "工业和信息化部"),
    "国家土地管理局": (1998, "自然资源部"), "国家医药管理局": (1998, "国家药品监督管理局"),
    "国家技术监督局": (1998, "国家市场监督管理总局"), "国家质量技术监督局": (2001, "国家市场监督管理总局"),
    "国家出入境检验检疫局": (2001, "海关总署"), "国家工商行政管理局": (2001, "国家市场监督管理总局"),
    # 2003
    "国家计划委员会": (1998, "国家发展和改革委员会"), "国家计委": (2003, "国家发展和改革委员会"),
    "国家发展计划委员会": (2003, "国家发展和改革委员会"), "国家经济贸易委员会": (2003, "国家发展和改革委员会、商务部"),
    "国家经贸委": (2003, "国家发展和改革委员会、商务部"), "对外贸易经济合作部": (2003, "商务部"), "外经贸部": (2003, "商务部"),
    "对外经济贸易部": (1993, "商务部"), "国务院经济体制改革办公室": (2003, "国家发展和改革委员会"),
    "国务院体改办": (2003, "国家发展和改革委员会"), "国家计划生育委员会": (2003, "国家卫生健康委员会"),
    "国家计生委": (2003, "国家卫生健康委员会"),
    # 2008
    "国防科学技术工业委员会": (2008, "工业和信息化部、国家国防科技工业局"), "国防科工委": (2008, "工业和信息化部、国家国防科技工业局"),
    "国务院信息化工作办公室": (2008, "工业和信息化部"), "国务院信息办": (2008, "工业和信息化部"),
    "国家环境保护总局": (2008, "生态环境部"), "国家环境保护局": (1998, "生态环境部"),
    "中国民用航空总局": (2008, "中国民用航空局"), "民航总局": (2008, "中国民用航空局"),
    "国家食品药品监督管理局": (2013, "国家市场监督管理总局、国家药品监督管理局"),
    # 2013
    "国家人口和计划生育委员会": (2013, "国家卫生健康委员会"), "国家人口计生委": (2013, "国家卫生健康委员会"),
    "国家广播电影电视总局": (2013, "国家广播电视总局"), "新闻出版总署": (2013, "国家新闻出版署"),
    "国家电力监管委员会": (2013, "国家能源局"), "电监会": (2013, "国家能源局"),
    # 2018
    "国家卫计委": (2018, "国家卫生健康委员会"), "国家测绘局": (2018, "自然资源部"), "国家安全生产监督管理局": (2018, "应急管理部"),
    "国务院法制办公室": (2018, "司法部"), "公安部消防局": (2018, "应急管理部消防救援局"),
    "国家工商总局": (2018, "国家市场监督管理总局"), "国家质检总局": (2018, "国家市场监督管理总局"),
    "国家食药监总局": (2018, "国家市场监督管理总局、国家药品监督管理局"), "国家安监总局": (2018, "应急管理部"),
    "国家旅游局": (2018, "文化和旅游部"), "国家新闻出版广电总局": (2018, "国家广播电视总局、国家新闻出版署"),
    # 2023
    "中国银保监会": (2023, "国家金融监督管理总局"), "国务院金融稳定发展委员会": (2023, "中央金融委员会"),
}
#: local departments of the old structure (2018 plan·十: 省市县主要机构设置同中央基本对应, 2019年3月底前基本完成;
#: 2013: 卫生 and 计生 merged; 2008-2013: 文广新 bureaus) -> (year, successor). A name a foreign, Hong Kong
#: or Macao office shares (旅游局 文化局 人事局 劳动局 国税局) needs a level (省 市 县 区 州) or a province before it.
LOCAL_DEPARTMENTS: dict[str, tuple[int, str, bool]] = {  # name -> (year, successor, needs a place)
    "卫计委": (2018, "卫生健康委员会", False), "卫计局": (2018, "卫生健康局", False), "卫生计生委": (2018, "卫生健康委员会", False),
    "卫生计生局": (2018, "卫生健康局", False), "卫生和计划生育委员会": (2018, "卫生健康委员会", False),
    "卫生和计划生育局": (2018, "卫生健康局", False), "人口计生委": (2013, "卫生健康委员会", False),
    "人口计生局": (2013, "卫生健康局", False), "计生委": (2013, "卫生健康委员会", False), "计生局": (2013, "卫生健康局", False),
    "人口和计划生育委员会": (2013, "卫生健康委员会", False), "人口和计划生育局": (2013, "卫生健康局", False),
    "食药监局": (2018, "市场监督管理局", False), "食品药品监管局": (2018, "市场监督管理局", False),
    "食品药品监督管理局": (2018, "市场监督管理局", False), "质监局": (2018, "市场监督管理局", False),
    "质量技术监督局": (2018, "市场监督管理局", False), "安监局": (2018, "应急管理局", False),
    "安全生产监督管理局": (2018, "应急管理局", False), "国土资源局": (2018, "自然资源局", False),
    "国土局": (2018, "自然资源局", False), "文广新局": (2018, "文化和旅游局", False), "文广局": (2018, "文化和旅游局", False),
    "文体广电局": (2018, "文化和旅游局", False), "文广新旅局": (2018, "文化和旅游局", False),
    "文化广电新闻出版局": (2018, "文化和旅游局", False), "人事局": (2008, "人力资源和社会保障局", True),
    "劳动局": (2008, "人力资源和社会保障局", True), "劳动和社会保障局": (2008, "人力资源和社会保障局", False),
    "劳动保障局": (2008, "人力资源和社会保障局", False), "国税局": (2018, "税务局", True), "地税局": (2018, "税务局", False),
    "旅游局": (2018, "文化和旅游局", True), "文化局": (2018, "文化和旅游局", True), "卫生局": (2013, "卫生健康委员会", True),
    "环保局": (2018, "生态环境局", True), "工商局": (2018, "市场监督管理局", True), "法制办": (2018, "司法局", True),
    "政府法制办公室": (2018, "司法局", False), "监察局": (2018, "监察委员会", True), "外专局": (2018, "科学技术厅(局)", True),
}
_MAINLAND = "|".join(p for p in _PROVINCES.split("|") if p not in ("台湾", "香港", "澳门"))
#: (林业部门, 劳动部门, 邮电部门 are the generic "departments": not the ministry)
_AGENCY_RE = rx.compile(rf"(?P<c>{_alt('|'.join(AGENCY_REFORMS))})(?!门)")
#: names a foreign ministry shares (俄罗斯劳动部): quiet next to a foreign country
_GENERIC = frozenset(("林业部", "劳动部", "邮电部", "广电部", "国内贸易部", "电力工业部", "煤炭工业部", "冶金工业部", "机械工业部",
                      "电子工业部", "化学工业部"))
#: a name a foreign office shares needs a city or district level or a mainland province (not 省 or 县:
#: 安大略省旅游局, 冲绳县旅游局 are Canada's and Japan's)
_LOCAL_RE = rx.compile(
    rf"(?<!特)(?P<p>{_alt('市|区|自治州|旗|' + _MAINLAND)})(?P<l>{_alt('|'.join(k for k, v in LOCAL_DEPARTMENTS.items() if v[2]))})"
    rf"|(?P<l2>{_alt('|'.join(k for k, v in LOCAL_DEPARTMENTS.items() if not v[2]))})")
#: history next to an old name (the outdated rows' nctx words, and a reform's own words)
_HISTORY = ("前身", "曾", "时任", "历任", "先后任", "就职于", "退休", "离休", "更名", "改名", "改为", "改组",
            "机构改革", "组建", "不再保留", "撤销", "撤并", "合并", "划入", "整合", "并入", "历史", "当年", "那年", "年代", "成立于", "旧称", "简历", "任职", "工作经历", "回忆", "老同志", "原来", "过去", "以前", "当时", "前称")
#: 原国家计委, 原深圳市卫计委 (not 原则 原因 原材料 …)
_FORMER_RE = re.compile("原(?![则因料材始本创生貌汁油有定先])")
_FOREIGN = ("美国", "日本", "韩国", "朝鲜", "俄罗斯", "俄", "英国", "法国", "德国", "印度", "越南", "老挝", "柬埔寨", "蒙古",
            "巴基斯坦", "哈萨克斯坦", "乌兹别克斯坦", "白俄罗斯", "乌克兰", "古巴", "加拿大", "澳大利亚", "新西兰", "泰国",
            "新加坡", "马来西亚", "印尼", "菲律宾", "意大利", "西班牙", "瑞士", "外国", "国外", "境外", "海外", "该国", "两国", "双方")
_AGENCY_BASIS = ("国务院机构改革方案(1998、2003、2008、2013、2018); 《深化党和国家机构改革方案》(2018); 《党和国家机构改革方案》(2023); "
                 "党政机关公文处理工作条例(2012) 第十九条(机关名称使用全称或规范化简称)")

# ------------------------------------------------------------------ Taiwan, Hong Kong, Macao
_TW_CUE = "台湾|台湾地区|台湾当局|台当局|台北当局|岛内|民进党当局|台方"
_TW_INST = ("总统府|行政院|立法院|监察院|考试院|司法院|国防部|外交部|内政部|经济部|教育部|财政部|法务部|文化部|卫生福利部|卫福部|"
            "劳动部|数位发展部|数字发展部|侨务委员会|侨委会|大陆委员会|陆委会|国家安全局|国安局|国安会|国家安全会议|海巡署|"
            "海洋委员会|海委会|国家发展委员会|国发会|金融监督管理委员会|金管会|中央选举委员会|中选会|国家通讯传播委员会|通传会|"
            "原住民族委员会|客家委员会|退辅会|国军|国史馆|驻美代表处|外交部长|国防部长|行政院长|立法院长|总统|副总统")
_TW_ATTR = "国旗|国歌|国徽|国号|国父|国籍|国会|元首|首都|宪法|大使馆|大使|领事馆|国家元首|邦交国|国庆|国庆日"
#: the mainland's National Day holiday after a place (去台湾国庆长假, 台湾国庆黄金周游): not Taiwan's "国庆"
_HOLIDAY_RE = rx.compile("节?(?:假|长假|小长假|黄金周|期间|七天|档|节假日|旅游|游|出游)")
#: a state's envoys abroad, after 驻 and the host (台湾驻美国大使: Taiwan has 代表处, no embassy)
_TW_ENVOY = "大使馆|大使|总领事馆|总领事|领事馆"
_TW_INST_RE = rx.compile(rf"(?P<cue>{_alt(_TW_CUE)})(?:的|地区的)?(?P<i>{_alt(_TW_INST)})")
_TW_ATTR_RE = rx.compile(rf"(?P<cue>台湾|台湾地区)(?:的)?(?:(?P<i>{_alt(_TW_ATTR)})|驻[\u4e00-\u9fff]{{1,6}}?(?P<i2>{_alt(_TW_ENVOY)}))")
_PAIR_RE = rx.compile(
    r"(?<![一个])(?P<a>中国|中华人民共和国)(?P<j>和|与|同|跟|及|、)(?P<b>台湾|香港|澳门|港澳|港澳台)(?!地区|同胞|居民|青年|企业|各界)"
    r"(?:之间)?(?:的)?(?P<t>关系|贸易|往来|交流|合作|经贸|双边|外交|两地|两国|互设)"
    r"|(?P<b2>台湾|香港|澳门)(?P<j2>和|与|同|跟)(?P<a2>中国)(?!大陆|内地)(?:之间)?(?:的)?(?P<t2>关系|贸易|往来|交流|合作|经贸|双边|外交|两地|两国)")
#: going to Hong Kong, Macao or Taiwan is no going abroad (出国去香港): 出境, 赴港澳, 赴台 (新华社禁用词: 港澳台不得称
#: "国家"; 出境入境管理法 第二条: 内地居民往来港澳台 is 出境入境, not 出国); quiet for a transfer on the way abroad
_ABROAD_RE = rx.compile(r"出国(?:旅游|旅行|游玩|玩|度假|游)?(?:去|到|赴|前往|至|来到)(?P<b>港澳台|港澳|香港|澳门|台湾)(?!地区转|转)")
_ABROAD_QUIET = ("转机", "中转", "转乘", "转飞", "经停", "途经", "转道", "过境")
_ABROAD_GATE = tuple(f"出国{v}{t}{b}" for v in ("", "旅游", "旅行", "游玩", "玩", "度假", "游")
                     for t in ("去", "到", "赴", "前往", "至", "来到") for b in ("香港", "澳门", "台湾", "港澳"))
_TW_QUIET = ("所谓", "“", "\"", "「", "『", "台湾地区领导人", "妄称", "鼓吹", "不是", "并非", "绝不", "决不", "反对", "谬论", "一个中国",
             "一中原则", "不存在", "荒谬", "图谋", "歪曲", "炒作", "违背", "违反", "挑衅")
_TW_BASIS = ("中央台办、外交部、中央外宣办《关于正确使用涉台宣传用语的意见》(2002; 2016年3月修订)·第1、2、3条; "
             "新华社新闻报道中的禁用词(第一批,2015)·涉及我领土、主权和港澳台; 《关于涉台港澳宣传报道中几个提法的意见》·一")
_PAIR_GATE = tuple(f"{a}{j}{b}" for a in ("中国", "中华人民共和国") for j in ("和", "与", "同", "跟", "及", "、")
                   for b in ("台湾", "香港", "澳门", "港澳")) + tuple(
    f"{b}{j}中国" for b in ("台湾", "香港", "澳门") for j in ("和", "与", "同", "跟"))
#: the gate is the cue joined to the institution (台湾外交部): 外交部 alone is in every other official text
_TW_GATE = tuple(f"{c}{j}{i}" for c in _TW_CUE.split("|") for j in ("", "的", "地区的") for i in _TW_INST.split("|")
                 if not (j == "地区的" and c.endswith("地区"))) + tuple(
    f"台湾{j}{a}" for j in ("", "的", "地区", "地区的") for a in _TW_ATTR.split("|")) + _PAIR_GATE + ("台湾驻", "台湾的驻", "台湾地区驻") + _ABROAD_GATE

# ------------------------------------------------------------------ territory attributed to another state
#: Chinese islands, reefs and regions another state claims (国务院新闻办《钓鱼岛是中国的固有领土》白皮书(2012);
#: 《我国南海诸岛部分标准地名》(1983), 《中国南海部分岛礁标准名称》(2020); 民政部 藏南地区地名公告(2017-2024)): the
#: standard names, never written as another state's
TERRITORIES = ("钓鱼岛", "钓鱼岛及其附属岛屿", "赤尾屿", "黄尾屿", "黄岩岛", "南沙群岛", "西沙群岛", "中沙群岛", "东沙群岛",
               "南海诸岛", "仁爱礁", "美济礁", "永暑礁", "渚碧礁", "华阳礁", "赤瓜礁", "东门礁", "南薰礁", "中业岛", "铁线礁",
               "仙宾礁", "牛轭礁", "南威岛", "弹丸礁", "曾母暗沙", "司令礁", "永兴岛", "藏南地区", "藏南")
#: the states that claim them, as a news text names them or their side (日方), and the owner forms (日属)
_CLAIMANTS = "日本|日方|菲律宾|菲方|越南|越方|马来西亚|马方|文莱|印度|印方"
_OWNED = "日属|菲属|越属|马属|印属"
#: (日本)钓鱼岛: right after the state, after 的, 所属(的); the owner form right before it
_TERR_ALT = _alt("|".join(TERRITORIES))
_ATTR_RE = rx.compile(
    rf"(?<![中与和同及、对])(?P<g>{_alt(_CLAIMANTS)})(?P<j>的|所属的|所属|)(?P<t>{_TERR_ALT})"
    # (今日属, 昨日属, 每日属: a day, not 日本's 日)
    rf"|(?<![今昨明前当每次节平])(?P<g2>{_alt(_OWNED)})(?P<t2>{_TERR_ALT})"
    # (越南南沙群岛: the dense view folds the repeated 南 into 越南沙群岛; the text must hold both 南,
    # else it is 飞越 穿越 跨越 卓越 before 南沙群岛 南海诸岛: see WordingRuleDetector._territory)
    rf"|(?<![中与和同及、对超])(?P<g3>越)(?P<t3>{_alt('|'.join(t for t in TERRITORIES if t.startswith('南')))})")
#: the second island of a list after a conjunction (日本钓鱼岛和菲律宾黄岩岛: the look-behind above keeps 中国与日本…
#: quiet; after an island, the conjunction joins two attributions, h15d)
_ATTR_LIST_RE = rx.compile(rf"(?:和|与|及|以及|、|同)(?:(?P<g>{_alt(_CLAIMANTS)})(?P<j>的|所属的|所属|)(?P<t>{_TERR_ALT})"
                           rf"|(?P<g3>越)(?P<t3>{_alt('|'.join(t for t in TERRITORIES if t.startswith('南')))}))")
#: the claim said as a fact: 钓鱼岛是日本(的)(固有)领土, 黄岩岛属于菲律宾
_CLAIM_RE = rx.compile(
    rf"(?P<t>{_TERR_ALT})(?:(?:是|为)(?P<g>{_alt(_CLAIMANTS)})(?:的)?(?:固有)?领土|(?:属于|归属于|归属)(?P<g2>{_alt(_CLAIMANTS)})(?!的?(?:主张|说法|立场|图谋)))")
#: the island's matter (日本的钓鱼岛政策, 中国与日本钓鱼岛争端), not the island: quiet after it
_TERR_MATTER = rx.compile("问题|争端|争议|之争|纠纷|对峙|事件|政策|立场|主张|国有化|购岛|图谋|挑衅|战略|行动|摩擦|冲突|危机|言论|"
                          "声明|表态|闹剧|企图|野心|动作|侵权|活动|交涉")
#: a sentence that reports or refutes the claim (日方所谓, 妄称, 非法侵占)
_TERR_QUIET = ("所谓", "声称", "宣称", "妄称", "鼓吹", "谬论", "非法", "无效", "驳斥", "侵占", "窃取", "霸占", "抗议", "错误",
               "荒谬", "歪曲", "炒作", "不承认", "否认", "反对", "一派胡言", "固有领土", "中国领土", "中方")
#: ... and for the claim said as a fact, a sentence that says the claimant says it (日方称钓鱼岛是日本领土, 日本政府
#:坚持认为…): a speaker of the claimant's side before the claim (:data:`_CLAIM_SPEAKERS`) with a verb or noun of
#: saying reports the claim. Who says it matters (h15d): 专家称, 有人认为, 据说 in our own post name no claimant:
#: the post asserts it, and it is read (新华社禁用词: 报道对方主张须写明是对方的所谓主张)
_CLAIM_QUIET = ("称", "认为", "主张", "坚持", "表示", "说法", "立场", "观点")
_CLAIM_NOUN_RE = rx.compile("的?(?:说法|观点|立场|主张|论调|言论|论点)")
_CLAIM_SPEAKERS = tuple(_CLAIMANTS.split("|")) + ("日媒", "日政府", "日官员", "日右翼", "日外相", "日相", "菲媒", "越媒", "印媒",
                                                  "东京", "马尼拉", "河内", "新德里")
#: after 的: the island's place (日本的钓鱼岛附近) is the attribution; another noun after it (日本的钓鱼岛研究) may be
#: the state's own matter: review
_TERR_PLACE = ("附近", "周边", "周围", "海域", "海空", "领海", "上", "岛上", "等", "是", "属", "和", "及", "一带", "地区")
_TERR_BASIS = ("国务院新闻办公室《钓鱼岛是中国的固有领土》白皮书(2012); 中国地名委员会《我国南海诸岛部分标准地名》(1983); "
               "民政部、自然资源部《中国南海部分岛礁标准名称》(2020); 民政部关于公布藏南地区部分地名的公告(2017、2021、2023、2024); "
               "新华社新闻报道中的禁用词(第一批,2015)·涉及我领土、主权和港澳台")
_TERR_GATE = TERRITORIES
#: 在日本钓鱼岛被称为“尖阁诸岛”: a preposition before the state (在 据 从 于 按 依 照: "in Japan", "according to
#: Japan") and a naming or passive verb after the island: the text reports what Japan calls it, no owner form
#: (在日本钓鱼岛附近海域 is one: a place after the island, no such verb)
_TERR_PREP = "在据从于按依照"
_TERR_NAMING = rx.compile("被|称为|称作|称之为|叫做|叫作|名为|写作|标作|标为|标注为|译作|译为|又称|通称|俗称|一般被|通常被|多被|常被|则被")
#: a question (钓鱼岛是日本领土吗？) and, within the text after it, the answer that refutes it (当然不是, 钓鱼岛是中国的)
_CLAIM_QUESTION = rx.compile(r"(?:吗|么|嘛|呢)?[?？]|(?:吗|么|嘛)")
_CLAIM_ANSWER = ("不是", "不属于", "当然不", "并不", "并非", "否定", "绝不", "决不", "从来不", "显然不", "中国的", "中国领土", "固有领土",
                 "属于中国", "是中国", "错误", "荒谬", "谬论", "无效", "没有任何")
_CLAIM_ANSWER_REACH = 80

#: the gate: crime labels and derogatory heads; for the stereotype a group's 人 with its generalising word (人都是,
#: 人天生: a predicate alone, 骗 偷 懒, is in too many texts), for 狗 猪 the nation with it
# ------------------------------------------------------------------ draft labels in any bracket
#: the generic draft words (初稿 草稿 …) are a label only in brackets; the rows spell four brackets out
#: (internal_markers.tsv: (初稿) 【初稿】 〔初稿〕 [初稿]), the rule reads every bracket (not 《》: a title)
_DRAFT_WORDS = "初稿|草稿|代拟稿|修订稿|初审稿|内部稿|审改稿|修改初稿|讨论初稿"
_DRAFT_RE = rx.compile(
    r"[(\[【〔〈「『{<﹝〖]\s*(?P<w>" + _alt(_DRAFT_WORDS) + r"|第?[一二三四五六七八九十1-9]稿)"
    r"\s*(?:v?[0-9][0-9.]*)?\s*[)\]】〕〉」』}>﹞〗]")
_DRAFT_QUIET = ("公开征求", "向社会", "社会公众", "征求社会", "社会各界", "广大市民", "公众意见", "意见建议", "座谈会", "听取",
                "公布", "讨论", "审议", "常务会议", "全会", "会议")
_DRAFT_GATE = tuple(_DRAFT_WORDS.split("|")) + tuple(f"{n}稿" for n in "一二三四五六七八九十123456789")

_SLUR_GATE = tuple(dict.fromkeys(_CRIME.split("|") + _TERROR.split("|") + _HEADS.split("|") + [f"人{q}" for q in _GENERAL.split("|")]
                                 + [f"人的{q}" for q in _GENERAL.split("|")] + [o + q for o in _OCCUPATIONS.split("|")
                                                                              for q in ("都是", "全是", "全都是", "个个都是", "没一个好", "没有一个好")]
                                 + [n + a for n in _NATIONS.split("|") for a in _ANIMALS.split("|")]
                                 + [g + q for g in _SEX_AGE.split("|") for q in _SEX_AGE_GENERAL.split("|")]
                                 + list(_SEX_COMPOSED) + _SEX_WORDS.split("|") + list(_DISABILITY_WORDS)))
_AGENCY_GATE = tuple(AGENCY_REFORMS) + tuple(LOCAL_DEPARTMENTS)
gates.register(*_SLUR_GATE, *_AGENCY_GATE, *_TW_GATE, *_DRAFT_GATE, *_NAMES_GATE, *_SLIP_GATE, *_TERR_GATE)  # (tuples: a fixed order, see gates.register)
gates.register_doubled(*_SLUR_GATE, *_AGENCY_GATE, *_TW_GATE, *_DRAFT_GATE, *_NAMES_GATE, *_SLIP_GATE, *_TERR_GATE)  # (a repeat inside: compositional._suspicious)
_SLUR_SET, _AGENCY_SET, _TW_SET = frozenset(_SLUR_GATE), frozenset(_AGENCY_GATE), frozenset(_TW_GATE)
_DRAFT_SET = frozenset(_DRAFT_GATE)
_NAMES_SET = frozenset(_NAMES_GATE)
_SLIP_SET = frozenset(_SLIP_GATE)
_TERR_SET = frozenset(_TERR_GATE)
_ALL_SET = _SLUR_SET | _AGENCY_SET | _TW_SET | _DRAFT_SET | _NAMES_SET | _SLIP_SET | _TERR_SET
_ALL_NO_SLIP = _ALL_SET - _SLIP_SET
_DIS_SET = frozenset(_DISABILITY_WORDS)
_REACH = 24  # characters of the dense view either side of a gate word that the patterns read


#: derogatory heads: a sound of one of their two characters is read back too (越南猴紫), as for a
#: contraband object; the group rule needs the group before it, so a sound alone makes nothing
SOUNDED_HEADS = frozenset(w for w in _HEADS.split("|") if len(w) >= 2)


def lone_words() -> frozenset[str]:
    """The words of :func:`disguise_words` that make a finding alone (渣男, 瞎佬, 国家计委): never
    one word of the initials of two (bdxl would read 瞎佬 after any word spelled bd); their
    initials are read only as a whole run (gjjw), as a row's are."""
    return frozenset(_SEX_COMPOSED) | frozenset(_SEX_WORDS.split("|")) | _DIS_SET | agency_words() | name_words() | exile_words()


def name_words() -> frozenset[str]:
    """The two-character words of the names rules, which make a finding alone (蛮夷, 黑鬼, 二奶, 国父): their
    look-alike, split, masked, separated, pinyin and initials spellings are read back (never a sound
    alone, as for the other one-word rules). Not the longer ones (西藏流亡政府, 白皮猪): their spellings
    (a sound and a shape for every character) made 9,000 gate words, 14% more time in the shared gate pass."""
    return frozenset(w for w in _NAMES_GATE if len(w) == 2 and not any(c in _N234 and c not in "二三四" for c in w)
                     and "佬" not in w)  # (佬's look-alike is 老: 白老町 in Hokkaido, 黄老之学)


def _spaced_gate() -> tuple[str, ...]:
    """The names words of two characters written with one or two blanks between them (蛮 夷, 国　父): one
    blank is no disguise the shared check (compositional._suspicious) looks for, so they are gate words
    of their own (a loop over a post's blanks cost 0.5% of it; the gate pass costs nothing more)."""
    pairs = sorted(w for w in name_words() if len(w) == 2)
    return tuple(w[0] + b + w[1] for w in pairs for b in (" ", "\u3000", "  ", "\u3000\u3000", " \u3000", "\u3000 "))


_SPACED_GATE = _spaced_gate()
_SPACED_SET = frozenset(_SPACED_GATE)
gates.register(*_SPACED_GATE)


def exile_words() -> frozenset[str]:
    """The exile "governments" of ``wording.tw.exile`` (西藏流亡政府 …): like the agencies, only their pinyin and
    initials are read back (xizangliuwangzhengfu); a sound and a shape for every character made 7,000 gate words."""
    return frozenset(w for w in _NAMES_GATE if _EXILE_RE.fullmatch(w))


def shape_words() -> frozenset[str]:
    """The names words of three Han characters or more (南朝鲜, 小日本, 白皮猪, 西藏流亡政府), which make a finding
    alone: their look-alike, split and masked spellings are read back (南朝鱼羊, 白皮犭者, 小日x本), not their sounds
    (a sound for every character made 7,000 gate words: :func:`name_words`, :func:`exile_words`). h15b."""
    short = name_words()
    return frozenset(w for w in _NAMES_GATE if len(w) >= 3 and w not in short and all("\u4e00" <= c <= "\u9fff" for c in w))


def pinyin_only_words() -> frozenset[str]:
    """The words whose pinyin and initials only are read back: the agencies and the exile names."""
    return agency_words() | exile_words()


def agency_words() -> frozenset[str]:
    """The agencies of the reforms: only their pinyin and initials are read back (gjjw for 国家计委).
    Their sounds and shapes (a name of 4–12 characters, a dozen spellings a character) made the
    shared gate automaton 4.8% dearer on the official texts, whose every other line starts 国家…"""
    return frozenset(AGENCY_REFORMS) | frozenset(LOCAL_DEPARTMENTS)


_GROUP_WORDS = frozenset((_REGIONS + "|" + _NATIONS + "|" + _ETHNIC + "|" + _OCCUPATIONS + "|" + _SKIN).split("|"))
_AFTER_GROUP = tuple(sorted(set(_HEADS.split("|") + _CRIME.split("|") + _ANIMALS.split("|"))))
_NEEDS_GROUP = frozenset(w for w in _AFTER_GROUP if len(w) >= 2)
_NATION_SET = frozenset(_NATIONS.split("|"))


def read_back_plausible(word: str, d: str, s: int, e: int) -> bool:
    """Whether a disguised spelling of ``word`` at ``d[s:e]`` (the dense view) can make a group rule's
    finding, before the read-back builds its window: a head or crime label read back needs a group
    right before it (越南猴紫; 除生 for 畜生 in any text is not worth a window), a nation read back a head
    right after it (with 人 between or not). Other words: always."""
    if word in _NEEDS_GROUP:
        for k in range(1, 6):
            if s - k >= 0 and (d[s - k:s] in _GROUP_WORDS or (d[s - 1] in "人籍" and d[max(0, s - k - 1):s - 1] in _GROUP_WORDS)):
                return True
        return False
    if word in _NATION_SET:
        return any(d.startswith(h, e) or (d.startswith("人", e) and d.startswith(h, e + 1)) for h in _AFTER_GROUP)
    return True


def run_words() -> frozenset[str]:
    """Taiwan's institutions and a state's attributes (外交部, 国旗): characters written with a
    separator between each (台湾外；交；部) that one of these joins are read back and the Taiwan rules
    run over them; no other disguised spelling (外交部 alone is in every other official text)."""
    return frozenset(w for w in _TW_INST.split("|") + _TW_ATTR.split("|") if len(w) >= 2) | slip_prefixes()


def slip_prefixes() -> frozenset[str]:
    """The fixed names of ``wording.key.last_char`` without their last character (人民代表大, 中华人民共和):
    written with a separator between each character or with one masked (中…华…人…民…共…和…省, 中华人x共和省),
    they are read back and the rule reads the character after them (h15b); no sound or shape (the key terms'
    lexicon holds those of the whole name)."""
    return frozenset(_ENDING)


def disguise_words() -> tuple[str, ...]:
    """The words of these rules whose disguised spellings (a homophone, a look-alike, split or masked
    character, pinyin, initials, separators) the compositional read-back reads back before these rules
    run again over the repaired window (:meth:`WordingRuleDetector.detect_over`): the derogatory heads
    and crime labels, the groups of nations (the initials MGGZ read 美国 鬼子), the sex and age
    words (渣男, 黄脸婆: every modifier x head of the rule) and the disability words; the agencies of
    the reforms get their pinyin and initials only (:func:`agency_words`). Two characters or more."""
    words = set(_HEADS.split("|")) | set(_CRIME.split("|")) | set(_NATIONS.split("|")) | (lone_words() - pinyin_only_words())
    return tuple(sorted(w for w in words if len(w) >= 2))


def _sentence(d: str, s: int, e: int, before: int = 16, after: int = 10) -> str:
    """What stands around d[s:e] in its sentence (。!?; bound it), the span left out."""
    return sentence_around(d, s, e, before, after, "。!?;！？；")


def _historical(views: Views, d: str, s: int, e: int, year: int) -> bool:
    """Whether an old agency name at d[s:e] (changed in ``year``) is history: a history word or a year
    up to the change next to it, or a text whose years are mostly years up to the change (years are
    read in the ``norm`` view: the dense view writes 一九九六 as 一九六)."""
    near = _sentence(d, s, e, 24, 16)
    if _FORMER_RE.search(d, max(0, s - 8), s) or any(w in near for w in _HISTORY):
        return True
    a, b = views.dense_span(s, e)
    # (the original's offsets; full-width digits folded: １９５６年)
    return years_say_history(views.norm, a, b, year, doc_years(views.norm))


def _quoted(d: str, s: int, e: int) -> bool:
    """d[s:e] right after an opening quote (or inside quotes that open within 6 characters)."""
    before = d[max(0, s - 6):s]
    o = max(before.rfind(q) for q in "“\"‘「『《")
    c = max(before.rfind(q) for q in "”\"’」』》")
    return o >= 0 and o > c


# ------------------------------------------------------------------ the ROC era after 1949 (h15d)
#: 民国 with a year after 1949 (民国39年 is 1950): the era of the Taiwan authorities, never used (中央台办等《关于正确
#: 使用涉台宣传用语的意见》第1条: 一律不使用“中华民国”纪年; 新华社禁用词(2016)·涉台类). The lexicon's rows spell
#: 民国100 to 民国119 in digits; this rule reads Chinese numerals, digit by digit (民国一一三年) or counted
#: (民国七十年, 民国一百一十三年), and two digits (民国70年), and suggests the Gregorian year as the rows do.
#: Read in the ``norm`` view: the dense view writes 一一三 as 一三. Years up to 民国38 (1949) are history
#: on the mainland, quiet.
_ROC_RE = rx.compile(r"(?:中华)?民国(?P<n>[〇零一二两三四五六七八九十百]{1,6}|[0-9]{2})(?=年(?!代))")
_ROC_FIRST, _ROC_LAST = 39, 199
_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ROC_BASIS = ("中央台办、外交部、中央外宣办《关于正确使用涉台宣传用语的意见》(2002年11月;2016年3月修订)·一、涉及台湾官方"
              "机构及其官员称谓的用语·第1条; 新华社新闻信息报道中的禁用词和慎用词(2016年7月修订)·涉及领土、主权和港澳台类(不使用“中华民国”纪年)")


def roc_year(n: str) -> int | None:
    """The year a numeral after 民国 writes: digits (70), Chinese digits one by one (一一三) or counted
    (七十, 一百一十三, 十五); None when it is no number."""
    if n.isdigit():
        return int(n)
    if "十" not in n and "百" not in n:
        if "两" in n:
            return None
        v = 0
        for c in n:
            v = v * 10 + _CN_DIGIT[c]
        return v
    total, cur = 0, 0
    for c in n:
        if c in _CN_DIGIT:
            cur = _CN_DIGIT[c]
        elif c == "十":
            total += (cur or 1) * 10
            cur = 0
        elif c == "百":
            total += (cur or 1) * 100
            cur = 0
    return total + cur


def roc_findings(views: Views) -> list[Finding]:
    """The ROC era after 1949 (:data:`_ROC_RE`), in the ``norm`` view (offsets of the text)."""
    out = []
    norm = views.norm
    for m in _ROC_RE.finditer(norm):
        n = m.group("n")
        y = roc_year(n)
        if y is None or not (_ROC_FIRST <= y <= _ROC_LAST) or (n.isdigit() and y >= 100):
            continue  # (民国100 to 民国119 in digits are the lexicon's rows)
        a, b = m.span()
        out.append(Finding(start=a, end=b, text=views.text[a:b], category="improper_wording", type="political_term",
                           severity="block", rule="wording.tw.roc_era",
                           message=f"涉台表述错误：一律不使用“中华民国”纪年，应使用公元纪年（民国{y}年即公元{1911 + y}年）",
                           suggestion=str(1911 + y), basis=_ROC_BASIS, score=0.85))
    return out


_NOT_SLIPS = frozenset(("中全会", "次全会"))


def _slip_places(v: str, words: frozenset[str]) -> list[tuple[int, int]]:
    """The places in ``v`` of a formulation's prefix (or 届 and a number) followed by anything but its
    expected character(s): where the slips' rules may find one."""
    out = []
    for w in words:
        i = v.find(w)
        while i >= 0:
            j = i + len(w)
            if w[0] == "届":
                x = v[j:j + 3]
                if x not in _NOT_SLIPS and sum(a == b for a, b in zip(x, "中全会")) >= 2:
                    out.append((i, j + 3))
            elif j < len(v) and v[j] != _ENDING[w][-1]:
                out.append((i, j + 1))
            i = v.find(w, i + 1)
    return out


class WordingRuleDetector:
    name = "wording"
    categories = frozenset({"improper_wording", "state_secret"})
    rules = ("wording.slur.label", "wording.slur.group", "wording.slur.stereotype", "wording.slur.sex_age",
             "wording.slur.disability",
             "wording.agency.central", "wording.agency.local", "wording.tw.institution", "wording.tw.state_attribute",
             "wording.tw.china_pairing", "secret.draft.bracketed", "wording.slur.old_name", "wording.slur.colour",
             "wording.slur.relation", "wording.state.compass", "wording.tw.exile", "wording.tw.founder",
             "wording.key.last_char", "wording.key.plenary", "wording.state.hostile",
             "wording.territory.attributed", "wording.territory.claim", "wording.hkmotw.abroad",
             "wording.tw.roc_era")

    def __init__(self) -> None:
        _patterns()

    def detect(self, views: Views) -> list[Finding]:
        if "民国" in views.norm:
            roc = roc_findings(views)
            return roc + self._detect(views) if roc else self._detect(views)
        return self._detect(views)

    def _detect(self, views: Views) -> list[Finding]:
        present = gates.present(views.vis)
        d = views.dense
        dense_hits = None
        slip_places: list[tuple[int, int]] = []
        run_present = present
        if not present.isdisjoint(_SLIP_SET):  # (a formulation's prefix is in most news: the next character
            # looked at first, the rules' windows only for a wrong one)
            slip_places = _slip_places(views.vis, present & _SLIP_SET)
            run_present = present - _SLIP_SET if not slip_places else present
        if run_present.isdisjoint(_ALL_SET):
            if present.isdisjoint(_SPACED_SET) and not compositional._suspicious(views, present):
                return []
            # a disguise (symbols or blanks between characters, a character tripled) may hide a gate word
            # from ``vis``: the dense view once, as the compositional rules do
            dense_hits = [h for h in gates.find(d) if h[2] in _ALL_SET]
            if not dense_hits:
                return []
            present = frozenset(w for _s, _e, w in dense_hits)
        if dense_hits is not None:
            places = [(s, e) for s, e, _w in dense_hits]
        else:  # (the places of this detector's few words, not a walk over every detector's hits)
            v = views.vis
            places = [compositional._to_dense(views, a, b) for a, b in slip_places]
            for w in run_present & _ALL_NO_SLIP:
                i = v.find(w)
                while i >= 0:
                    places.append(compositional._to_dense(views, i, i + len(w)))
                    i = v.find(w, i + 1)
            places.sort()
            present = run_present
        return self._run(views, d, present, places)

    def detect_over(self, rv: Views, hits: list[tuple[int, int, str]]) -> list[Finding]:
        """The rules over a repaired window ``rv`` of the compositional read-back (a disguised word
        read back: 上海亻老, 越南猴x, gjjw for 国家计委), gated by ``hits`` (the shared gate pass over
        ``rv.dense``)."""
        mine = [(s, e) for s, e, w in hits if w in _ALL_SET]
        if not mine:
            return []
        return self._run(rv, rv.dense, frozenset(w for _s, _e, w in hits if w in _ALL_SET), mine)

    def _run(self, views: Views, d: str, present: frozenset[str], places: list[tuple[int, int]]) -> list[Finding]:
        slur = not present.isdisjoint(_SLUR_SET)
        agency = not present.isdisjoint(_AGENCY_SET)
        tw = not present.isdisjoint(_TW_SET)
        draft = not present.isdisjoint(_DRAFT_SET)
        names = not present.isdisjoint(_NAMES_SET)
        slips = not present.isdisjoint(_SLIP_SET)
        windows: list[tuple[int, int]] = []
        for a, b in places:
            lo, hi = max(0, a - _REACH), b + _REACH
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
            else:
                windows.append((lo, hi))
        out: list[Finding] = []
        if slur:
            self._slurs(views, d, windows, out, dis=not present.isdisjoint(_DIS_SET))
        if agency:
            self._agencies(views, d, windows, out)
        if tw:
            self._taiwan(views, d, windows, out)
        if draft:
            self._drafts(views, d, windows, out)
        if names:
            self._names(views, d, windows, out)
        if slips:
            self._slips(views, d, windows, out)
        if not present.isdisjoint(_TERR_SET):
            self._territory(views, d, windows, out)
        return out

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _finding(views: Views, s: int, e: int, type_: str, rule: str, msg: str, basis: str,
                 suggestion: str | None = None, score: float = 0.75) -> Finding:
        start, end = views.dense_span(s, e)
        return Finding(start=start, end=end, text=views.text[start:end], category="improper_wording", type=type_,
                       severity="review", rule=rule, message=msg, suggestion=suggestion, basis=basis, score=score)

    @staticmethod
    def _scan(pat: re.Pattern, d: str, windows: list[tuple[int, int]]):
        seen: set[tuple[int, int]] = set()
        for lo, hi in windows:
            for m in pat.finditer(d, lo, min(hi, len(d))):
                if m.span() not in seen:
                    seen.add(m.span())
                    yield m

    # ------------------------------------------------------------------ slurs
    def _slurs(self, views: Views, d: str, windows, out: list[Finding], dis: bool) -> None:
        taken: list[tuple[int, int]] = []

        def add(s, e, rule, msg, basis, sugg=None):
            if any(a < e and s < b for a, b in taken):
                return
            sent = _sentence(d, s, e)
            if any(w in sent for w in _SLUR_QUIET) or _quoted(d, s, e):
                return
            taken.append((s, e))
            out.append(self._finding(views, s, e, "banned_term", rule, msg, basis, sugg))

        for m in self._scan(_LABEL_RE, d, windows):
            g, h = next((m.group(a), m.group(b)) for a, b in (("g", "h"), ("g2", "h2"), ("g3", "h3")) if m.group(a))
            s, e = m.span()
            if m.group("g2") and s > 0 and d[s - 1] in "妇少男女子美":
                continue  # (妇女歹徒 … read from the longer group; 美女骗子 is another pattern's)
            add(s, e, "wording.slur.label", (f"民族宗教歧视：不要把民族、宗教（“{g}”）与犯罪、恐怖主义挂钩" if m.group("g3") else
                                              f"标签式前缀：案件报道中不要用籍贯、社会身份、肤色或性别作“{h}”的前缀（“{g}”）"),
                _SLUR_BASIS, h)
        for m in self._scan(_STEREO_RE, d, windows):
            g = m.group("g") or m.group("g2")
            s, e = m.span()
            add(s, e, "wording.slur.stereotype", f"地域、民族或职业歧视：不得以偏概全地贬损“{g}”群体", _SLUR_BASIS)
        for m in self._scan(_GROUP_RE, d, windows):
            g, h = (m.group("g"), m.group("h")) if m.group("g") else (m.group("g2"), m.group("h2"))
            s, e = m.span()
            add(s, e, "wording.slur.group", f"歧视性称呼：“{g}”后接贬称“{h}”，不得使用", _SLUR_BASIS)
        for m in self._scan(_SEX_RE, d, windows):
            s, e = m.span()
            g = m.group("g")
            add(s, e, "wording.slur.sex_age", (f"性别或年龄歧视：不得以偏概全地贬损“{g}”群体" if g else
                                                f"性别或年龄歧视：“{d[s:e]}”是贬损性称谓，不得使用"), _SLUR_BASIS)
        if dis:
            for m in self._scan(_DISABILITY_RE, d, windows):
                s, e = m.span()
                key = m.group("w") or m.group("m") or m.group("m2")
                fix = _DISABILITY_FIX.get(key)
                add(s, e, "wording.slur.disability", f"贬损残疾人的称谓“{d[s:e]}”不得使用" + (f"，应称“{fix}”" if fix else ""),
                    _DISABILITY_BASIS, fix)

    # ------------------------------------------------------------------ agencies
    def _agencies(self, views: Views, d: str, windows, out: list[Finding]) -> None:
        taken: list[tuple[int, int]] = []
        for pat, kind in ((_AGENCY_RE, "central"), (_LOCAL_RE, "local")):
            for m in self._scan(pat, d, windows):
                if kind == "central":
                    name = m.group("c")
                    year, succ = AGENCY_REFORMS[name]
                    s, e = m.span()
                else:
                    name = m.group("l") or m.group("l2")
                    year, succ, _place = LOCAL_DEPARTMENTS[name]
                    s, e = m.span("l") if m.group("l") else m.span("l2")
                if any(a < e and s < b for a, b in taken):
                    continue
                if (name in _GENERIC or kind == "local") and any(w in _sentence(d, s, e, 30, 20) for w in _FOREIGN):
                    continue
                if kind == "local" and abroad_before(d, s - 1):
                    continue  # (纽约市|卫生局, 加州|卫生局: a foreign place before the level's character, or ending with it)
                if _historical(views, d, s, e, year):
                    continue
                taken.append((s, e))
                out.append(self._finding(
                    views, s, e, "outdated_term", f"wording.agency.{kind}",
                    f"机构名称已过时：「{name}」已于{year}年机构改革中撤销或更名，现应称「{succ}」（历史表述除外）",
                    _AGENCY_BASIS, succ))

    # ------------------------------------------------------------------ names of peoples, states, relations
    def _names(self, views: Views, d: str, windows, out: list[Finding]) -> None:
        taken = [(f.start, f.end) for f in out]

        text = views.text

        def add(s, e, type_, rule, msg, basis, sugg=None, quiet=(), cue=None, reach=(16, 10)):
            a, b = views.dense_span(s, e)
            if any(x < b and a < y for x, y in taken):
                return
            if (" " in text[a:b] or "\u3000" in text[a:b]) and (
                    (a > 0 and word_freq(text[a - 1:a + 1])) or (b < len(text) and word_freq(text[b - 1:b + 1]))):
                return  # spaced, and an end makes a word with its neighbour (天黑 鬼魂, 大小 三个): not the word
            sent = _sentence(d, s, e, *reach)
            if _quoted(d, s, e) or any(w in sent for w in quiet) or (cue is not None and not any(w in sent for w in cue)):
                return
            taken.append((a, b))
            out.append(self._finding(views, s, e, type_, rule, msg, basis, sugg))

        for m in self._scan(_OLD_RE, d, windows):
            s, e = m.span("w")
            add(s, e, "banned_term", "wording.slur.old_name",
                f"民族称谓：“{m.group('w')}”是旧时对周边民族带有侮辱性的称呼，不得使用（历史叙述、引文除外）",
                _OLD_BASIS, None, _OLD_QUIET + _SLUR_QUIET, reach=(30, 30))
        for m in self._scan(_COLOUR_RE, d, windows):
            s, e = m.span()
            add(s, e, "banned_term", "wording.slur.colour", f"种族歧视：以肤色加贬称“{d[s:e]}”称呼他人，不得使用",
                _SLUR_BASIS, None, _SLUR_QUIET)
        for m in self._scan(_RELATION_RE, d, windows):
            s, e = m.span()
            a, b = views.dense_span(s, e)
            if m.group("a") and views.text[a:b].endswith("奶奶") and b - a == 3:
                continue  # 二奶奶 三奶奶: a grandmother (the dense view folds the repeat)
            add(s, e, "banned_term", "wording.slur.relation", f"低俗用语：“{d[s:e]}”是对婚外关系的低俗称呼，不得使用（可写“第三者”“情人”或如实表述）",
                _RELATION_BASIS, None, _RELATION_QUIET)
        for m in self._scan(_COMPASS_RE, d, windows):
            s, e = m.span("w")
            w = m.group("w")
            fix, year = _COMPASS_STATES[w]
            if year and _historical(views, d, s, e, year):
                continue
            add(s, e, "banned_term", "wording.state.compass", f"国名不规范：“{w}”应称“{fix}”", _COMPASS_BASIS, fix,
                _COMPASS_QUIET)
        for m in self._scan(_HOSTILE_RE, d, windows):
            s, e = m.span("w") if m.group("w") else m.span("w2")
            add(s, e, "banned_term", "wording.state.hostile", f"歧视性称呼：“{d[s:e]}”是对他国或他国人民的蔑称，不得使用",
                _COMPASS_BASIS + "; 网络信息内容生态治理规定(2019) 第七条(民族歧视)", None, _OLD_QUIET + _SLUR_QUIET, reach=(30, 30))
        for m in self._scan(_EXILE_RE, d, windows):
            s, e = m.span()
            if "所谓" in d[max(0, s - 4):s]:
                continue
            add(s, e, "political_term", "wording.tw.exile",
                f"涉藏涉疆表述错误：分裂势力自称的“{d[s:e]}”不得直接使用，须写作所谓“{d[s:e]}”", _EXILE_BASIS, f"所谓“{d[s:e]}”")
        for m in self._scan(_FOUNDER_RE, d, windows):
            s, e = m.span("w")
            add(s, e, "needs_quotes", "wording.tw.founder",
                "涉台用语：“国父”是台湾当局对孙中山的称谓，不得直接使用，应称“孙中山先生”，引用时须加引号", _FOUNDER_BASIS,
                "孙中山先生", ("所谓",), _FOUNDER_CUE)

    # ------------------------------------------------------------------ territory attributed to another state
    def _territory(self, views: Views, d: str, windows, out: list[Finding]) -> None:
        """A Chinese island or region written as another state's (日本钓鱼岛, 日属钓鱼岛, 菲律宾的黄岩岛附近), or
        the claim said as a fact (钓鱼岛是日本领土): not in quotes, not beside the island's matter (日本的钓鱼岛政策,
        钓鱼岛争端), not in a sentence that reports or refutes the claim (日方所谓, 妄称, 非法侵占, 固有领土)."""
        taken = [(f.start, f.end) for f in out]

        def add(s, e, t, rule, msg, sev, quiet=_TERR_QUIET):
            a, b = views.dense_span(s, e)
            if any(x < b and a < y for x, y in taken) or _quoted(d, s, e):
                return
            if any(w in _sentence(d, s, e, 30, 20) for w in quiet):
                return
            taken.append((a, b))
            out.append(Finding(start=a, end=b, text=views.text[a:b], category="improper_wording", type="political_term",
                               severity=sev, rule=rule, message=msg, suggestion=t, basis=_TERR_BASIS,
                               score=0.8 if sev == "block" else 0.7))

        def written(s, e):
            a, b = views.dense_span(s, e)
            return views.text[a:b]

        for m in self._scan(_ATTR_RE, d, windows):
            t = m.group("t") or m.group("t2") or m.group("t3")
            e = m.end()
            if m.group("g3") and written(m.start(), m.start("t3") + 1).count("南") < 2:
                continue  # (飞越南海诸岛, 穿越南沙群岛: no folded 越南南)
            if _TERR_MATTER.match(d, e):
                continue
            if m.group("g") and m.start() > 0 and d[m.start() - 1] in _TERR_PREP and _TERR_NAMING.match(d, e):
                continue  # (在日本钓鱼岛被称为“尖阁诸岛”: what Japan calls it, reported)
            sev = "block"
            if m.group("j") == "的" and e < len(d) and "\u3400" <= d[e] <= "\u9fff" and not d.startswith(_TERR_PLACE, e):
                sev = "review"
            add(m.start(), e, t, "wording.territory.attributed",
                f"涉领土主权表述错误：{t}是中国领土，不得写作“{written(m.start(), e)}”，应写“{t}”或“中国{t}”", sev)
        for m in self._scan(_ATTR_LIST_RE, d, windows):
            t, s, e = m.group("t") or m.group("t3"), m.start("g") if m.group("g") else m.start("g3"), m.end()
            if not any(d.endswith(x, 0, m.start()) for x in TERRITORIES) or _TERR_MATTER.match(d, e):
                continue  # (only a list of islands: 中国与日本钓鱼岛争端 stays the look-behind's)
            if m.group("g3") and written(s, m.start("t3") + 1).count("南") < 2:
                continue  # (…和飞越南沙群岛: no folded 越南南)
            sev = "block"
            if m.group("j") == "的" and e < len(d) and "\u3400" <= d[e] <= "\u9fff" and not d.startswith(_TERR_PLACE, e):
                sev = "review"
            add(s, e, t, "wording.territory.attributed",
                f"涉领土主权表述错误：{t}是中国领土，不得写作“{written(s, e)}”，应写“{t}”或“中国{t}”", sev)
        for m in self._scan(_CLAIM_RE, d, windows):
            t = m.group("t")
            q = _CLAIM_QUESTION.match(d, m.end())
            if q:
                # a question (钓鱼岛是日本领土吗？): quiet when the text after it answers no (当然不是, 钓鱼岛是中国的);
                # a question left unanswered stays a review (a headline that asks it: the reviewer reads the post)
                if any(w in d[q.end():q.end() + _CLAIM_ANSWER_REACH] for w in _CLAIM_ANSWER):
                    continue
                add(m.start(), m.end(), None, "wording.territory.claim",
                    f"涉领土主权表述：以问句提出“{written(m.start(), m.end())}”，其后未见明确否定；{t}是中国领土，"
                    "请确认上下文已驳斥这一说法", "review", _TERR_QUIET + _CLAIM_QUIET)
                continue
            if self._claimant_says(d, m.start(), m.end()):
                continue  # (日方称钓鱼岛是日本领土: the claimant's claim, reported)
            # (the suggestion replaces the whole claim: 钓鱼岛是日本领土 → 钓鱼岛是中国领土, not the island's bare name)
            add(m.start(), m.end(), f"{t}是中国领土", "wording.territory.claim",
                f"涉领土主权表述错误：{t}是中国领土，“{written(m.start(), m.end())}”是他国的主张，不得作为事实陈述；"
                "报道时须写明是对方的所谓主张并加引号", "review")

    @staticmethod
    def _claimant_says(d: str, s: int, e: int) -> bool:
        """A word of saying (称 认为 主张 …) in the claim's sentence with a speaker of the claimant's side
        before the claim (日方称, 日本政府坚持认为, 菲律宾外交部表示): the claim reported as theirs. 专家称, 有人
        认为: no claimant named, the post says it (h15d)."""
        if _CLAIM_NOUN_RE.match(d, e):
            return True  # (钓鱼岛是日本领土的说法: the claim named as a claim)
        sent = _sentence(d, s, e, 30, 20)
        if not any(w in sent for w in _CLAIM_QUIET):
            return False
        before = sent.partition("\t")[0]
        return any(w in before for w in _CLAIM_SPEAKERS)

    # ------------------------------------------------------------------ slips in fixed formulations
    def _slips(self, views: Views, d: str, windows, out: list[Finding]) -> None:
        for m in self._scan(_ENDING_RE, d, windows):
            p, x = m.group("p"), m.group("x")
            term = _ENDING[p]
            if x == term[-1]:
                continue
            # a word that ends there (中国式现代|性, 高质量发|布): the prefix's last word and x make a word of
            # three characters, or, for a prefix of four, of two
            if word_freq(p[-2:] + x) or (len(p) < 5 and word_freq(p[-1] + x)):
                continue
            s, e = m.span()
            out.append(self._finding(views, s, e, "key_term_misspelling", "wording.key.last_char",
                                     f"固定提法错误：“{d[s:e]}”应为“{term}”", _SLIP_BASIS, term, score=0.7))
        for m in self._scan(_PLENARY_RE, d, windows):
            s, e = m.span("x")
            if m.group("x").startswith("中全"):
                a, b = views.dense_span(s + 1, s + 2)
                if views.text[a:b].count("全") >= 2:  # 三中全全: the dense view folds the doubled 全 (中全|审)
                    e = s + 2
            k = chr(DIGIT_FOLD.get(ord(m.group("n")), ord(m.group("n"))))
            n = "〇一二三四五六七八九"[int(k)] if k.isdigit() else m.group("n")
            out.append(self._finding(views, s - 1, e, "key_term_misspelling", "wording.key.plenary",
                                     f"全会名称错误：“{d[s - 1:e]}”应为“{n}中全会”", _SLIP_BASIS, f"{n}中全会", score=0.7))

    # ------------------------------------------------------------------ draft labels
    def _drafts(self, views: Views, d: str, windows, out: list[Finding]) -> None:
        for m in self._scan(_DRAFT_RE, d, windows):
            s, e = m.span()
            if any(w in _sentence(d, s, e, 40, 40) for w in _DRAFT_QUIET):
                continue
            start, end = views.dense_span(s, e)
            out.append(Finding(start=start, end=end, text=views.text[start:end], category="state_secret",
                               type="draft_marker", severity="review", rule="secret.draft.bracketed",
                               message=f"文稿标注「{m.group('w')}」，尚未定稿，发布前请确认是否为正式版本",
                               suggestion=None, basis="政府信息公开条例(2019) 第十六条(过程性信息可以不予公开); "
                               "党政机关公文处理工作条例(2012) 第三章", score=0.7))

    # ------------------------------------------------------------------ Taiwan, Hong Kong, Macao
    def _taiwan(self, views: Views, d: str, windows, out: list[Finding]) -> None:
        def quiet(s, e):
            sent = _sentence(d, s, e, 12, 4)
            return any(w in sent for w in _TW_QUIET)

        for m in self._scan(_TW_INST_RE, d, windows):
            s, e = m.span("i")
            inst = m.group("i")
            if _quoted(d, s, e) or quiet(m.start(), e):
                continue
            if inst in ("总统", "副总统"):
                out.append(self._finding(views, m.start(), e, "political_term", "wording.tw.institution",
                                         "涉台表述错误：不得称台湾地区领导人为“总统”，应称台湾地区领导人", _TW_BASIS, "台湾地区领导人"))
                continue
            out.append(self._finding(views, s, e, "needs_quotes", "wording.tw.institution",
                                     f"涉台用语：台湾当局以“国家”“中央”名义设立的机构“{inst}”不得直接使用，须加引号（或改称台湾地区有关主管部门）",
                                     _TW_BASIS, f"“{inst}”"))
        for m in self._scan(_TW_ATTR_RE, d, windows):
            s, e = m.span()
            if _quoted(d, m.start("i") if m.group("i") else m.start("i2"), e) or quiet(s, e):
                continue
            if m.group("i") in ("国庆", "国庆日") and _HOLIDAY_RE.match(d, m.end("i")):
                continue  # (去台湾国庆长假: the mainland's holiday spent in Taiwan)
            out.append(self._finding(views, s, e, "political_term", "wording.tw.state_attribute",
                                     f"涉台表述错误：台湾是中国的一部分，不得使用“{d[s:e]}”这类国家属性的称谓", _TW_BASIS))
        for m in self._scan(_ABROAD_RE, d, windows):
            s, e = m.span()
            if any(w in _sentence(d, s, e, 20, 20) for w in _ABROAD_QUIET) or _quoted(d, s, e):
                continue
            b = m.group("b")
            out.append(self._finding(views, s, e, "political_term", "wording.hkmotw.abroad",
                                     f"涉港澳台表述错误：{b}不是“国”，前往{b}不称“出国”，应称“出境”或“赴{b}”", _TW_BASIS
                                     + "; 中华人民共和国出境入境管理法(2012) 第二条、第八十九条(内地居民往来港澳台为出境入境)"))
        for m in self._scan(_PAIR_RE, d, windows):
            s, e = m.span()
            if quiet(s, e) or _quoted(d, s, e):
                continue
            b = m.group("b") or m.group("b2")
            fix = "大陆和台湾" if b == "台湾" else "内地和" + b
            out.append(self._finding(views, s, e, "political_term", "wording.tw.china_pairing",
                                     f"涉港澳台表述错误：“中国”不能与{b}并列，应写“{fix}”", _TW_BASIS, None))


@lru_cache(maxsize=1)
def _patterns() -> tuple:
    return (_LABEL_RE, _GROUP_RE, _STEREO_RE, _DISABILITY_RE, _AGENCY_RE, _LOCAL_RE, _TW_INST_RE, _TW_ATTR_RE, _PAIR_RE,
            _OLD_RE, _COLOUR_RE, _RELATION_RE, _COMPASS_RE, _EXILE_RE, _FOUNDER_RE, _ENDING_RE, _PLENARY_RE, _ATTR_RE, _CLAIM_RE,
            _ABROAD_RE)
