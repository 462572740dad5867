"""Threats of violence and incitement to violence (h13b): a compositional rule of
:mod:`.compositional` (``prohibited.threat.violence``, ``prohibited.threat.incite``).

A government account's comment replies, a forwarded citizen's message or a careless post can carry
a threat (明天我要炸了县政府大楼, 我要杀了那个村支书全家, 谁再拆我家房子我就带汽油去乡政府同归于尽) that
no lexicon row holds: the words are ordinary, the composition is not. The rule is written once from
the norms, as three parts inside one clause (，。!?;: and quotes bound it):

* an **intent** of the speaker or the speaker's crowd: a first person with a modal or a time
  (我要 我会 我就 我明天就 老子迟早 俺非 …), a time with a modal (明天就 迟早要), an addressed
  threat (信不信我, 你等着 … 我); or a crowd called to act (大家一起去 兄弟们 乡亲们 …: incitement);
* a **violent act**: a verb of killing, wounding, burning or blowing up with its result or aspect
  (炸了 炸掉 杀了 砍死 捅死 烧了 弄死 干掉 …), or a compound act (放火 纵火 泼汽油 带汽油 同归于尽 血洗
  灭门 报复社会 杀人 投毒 …);
* a **target**: a government body or public place (县政府 派出所 信访局 学校 医院 车站 …), a person
  (书记 村支书 所长 城管 警察 医生 老师 …, 那个人, 全家, 你 他 他们 …), after the act (杀了那个村支书全家,
  砍死你) or before it behind 把 去 到 跟 和 找 (把镇政府烧了, 去乡政府同归于尽, 跟他同归于尽).

The act words (a verb with its result, aspect, pronoun or the first character of a target, and the
compound acts) are gate words of the shared automaton: a text without one costs nothing here; a
hit reads its clause only. A report of a threat is not a threat: the sentence's report, court,
fiction and game words (扬言 拘留 警方 通报 判处 编造 电影 游戏 …), and within 150 characters the words of
a police or court report (行政拘留 虚假恐怖信息 犯罪嫌疑人 …), or a post's heading (【警方通报】), keep it
quiet; a negation between the intent and the act (我不会杀了他) too. An intent with a modal or a time
against a body or a person is ``block``; a bare first person (我砍死你), a crowd without a target, or an
act without a target (我明天就去杀人, 我要报复社会) is ``review``.

**Fourteenth session (h14b).** Disguised acts are read back by the compositional detector's own
mechanisms, not a second reader: the act words' pinyin spellings (zha了, 炸le, zhale, sha你, fang火:
:func:`spellings`, from :func:`scanner.disguise.disguises`) join its read-back repairs, and noise between
an act's characters (炸.了, 杀-了, 砍~死, 炸 了: :data:`NOISE_GATE` confirmed by :func:`noisy_act`) or an act's
two syllables spaced (sha le: :func:`spaced_pinyin`) send the text through the dense view, where the
noise is gone. A person's **property** is a target (烧了你家房子, 砸了你的店, 烧了老板的仓库: 治安管理处罚法
第四十九条, 刑法 第一百一十四条), and **fire at a named place** (去县政府门口点火, 引爆煤气罐) is an act with its
target; fire for fireworks, a stove, a torch or a rite is none. **Animals, food, plants and things** are no
target (杀了那只鸡, 把你家的鸡杀了, 我要杀了黄鳝: a name whose second character is an animal or a plant is none).

Two rules of the same composition, both ``review``:

* ``prohibited.insult.curse``: a death wish or curse (不得好死 全家死光 断子绝孙 出门被车撞死 天打雷劈) with a
  person it is aimed at before it in its sentence (书记 当官的 你们 王局长 …). An oath about oneself
  (我发誓…不得好死, 谁骗你谁不得好死, 我要是…) is no curse of anyone: quiet; so are reports, quotes in news,
  fiction (the report words below), an accident (他被车撞死了) and an explanation (成语, 一词). Basis: 网络信息内容
  生态治理规定 第六条第(十)项 (侮辱他人), 第七条第(七)项; 治安管理处罚法 第四十二条第(二)项 (公然侮辱他人); 民法典
  第一千零二十四条.
* ``prohibited.threat.self_harm``: a first person's intent to harm himself (跳楼 跳下去 喝农药 自焚 上吊 死在 …
  死给你们看) with a condition on an authority in the sentence (再不解决 不给说法 拿不到工资 你们再推) or its place
  or people in the clause (信访局门口 你们单位): a **crisis signal** in a petition reply. The message tells the
  reviewer not to publish it but to hand it on as 舆情 and see to the person's safety (12356). Quiet in
  reports of rescues (民警成功劝下欲跳楼男子), prevention and help posts (心理援助热线), news and fiction. Basis:
  信访工作条例(2022) 第二十六条; 网络信息内容生态治理规定 第七条第(五)、(八)项.

Basis: 网络信息内容生态治理规定(2019) 第六条第(五)项(宣扬恐怖主义、极端主义或者煽动实施恐怖活动、极端主义
活动)、第(九)项(暴力、凶杀、恐怖或者教唆犯罪); 反恐怖主义法 第八十条、第九十条; 治安管理处罚法 第二十六条、
第四十二条第(一)项(写恐吓信或者以其他方法威胁他人人身安全); 刑法 第二百九十一条之一(编造、故意传播虚假恐怖
信息).
"""
from __future__ import annotations

import re

from .. import rx
from ..surnames import SURNAMES
from .context import heading_quiets, sentence_around

__all__ = ["GATE", "BASIS", "threat_spans", "laughing", "CURSE_GATE", "CURSE_BASIS", "curse_spans",
           "HARM_GATE", "HARM_BASIS", "harm_spans", "ALL_GATE", "NOISE_GATE", "noisy_act", "spaced_pairs", "spaced_pinyin", "spellings"]

BASIS = ("网络信息内容生态治理规定(2019) 第六条第(五)项(煽动实施恐怖活动、极端主义活动)、第(九)项(暴力、凶杀、恐怖或者"
         "教唆犯罪); 反恐怖主义法 第八十条、第九十条; 治安管理处罚法 第二十六条、第四十二条第(一)项(威胁他人人身安全)、"
         "第四十九条(故意损毁公私财物); 刑法 第一百一十四条(放火、爆炸危害公共安全)、第二百九十一条之一(编造、故意传播虚假恐怖信息)")

# ------------------------------------------------------------------ the act
#: verbs of killing, wounding, burning, smashing or blowing up (a verb alone is ordinary: 炸鸡 杀价 砍价
#: 烧烤; it is an act with a result or an aspect after it, or a person or a body as its object)
_VERBS = "炸杀砍捅烧宰剁砸劈毒弄整打撞勒掐干崩灭"
#: verbs that are an act with a person or a body right after them and no result (炸政府 杀你 砍那个人;
#: not 打他 整他 弄他, which are no killing)
_BARE = "炸杀砍捅烧宰砸劈崩"
#: results and aspects that make a verb an act (炸了 杀死 砍掉 烧光 砸烂 弄死 干掉)
_RESULT = {"炸": "了掉死平毁飞烂翻", "杀": "了掉死光", "砍": "了死伤", "捅": "了死伤", "烧": "了掉死光毁",
           "宰": "了掉", "剁": "了", "砸": "了烂毁", "劈": "了死", "毒": "死", "弄": "死残", "整": "死",
           "打": "死残", "撞": "死", "勒": "死", "掐": "死", "干": "掉死", "崩": "了", "灭": "了掉"}
#: compound acts (the first group needs no target to be a threat: 我明天就去杀人, 我要报复社会)
_ACTS_ALONE = ("同归于尽|报复社会|杀人|砍人|捅人|血洗|灭门|放火|纵火|放把火|点把火|投毒|下毒|泼汽油|浇汽油|"
               "带汽油|带着汽油|拎着汽油|提着汽油|拿汽油|买汽油|泼硫酸|杀光|炸平|一把火烧|放一把火|见人就砍|见人就杀|见人就捅|"
               "见一个杀一个|见一个砍一个|见一个捅一个|血债血偿|垫背|陪葬|"
               "引爆煤气罐|引爆液化气|引爆炸药|引爆炸弹|引爆汽油")  # (引爆 alone: 引爆市场, 引爆话题)
#: (fire at a place is a threat with the place named: 去县政府门口点火; 点火 alone lights a stove or fireworks)
_ACTS_TARGETED = "要你命|要他命|要了你的命|要了他的命|取你狗命|废了|点火|点一把火"
#: second- and third-person pronouns: a target right after the act (杀了你 砍死他们)
_PRONOUN = "你们|他们|她们|你|他|她|谁"

# ------------------------------------------------------------------ the target
_BODY = ("政府大楼|政府大院|政府|县委|市委|省委|区委|镇委|乡委|党委|纪委|政法委|人大|政协|信访局|信访办|公安局|派出所|"
         "警察局|法院|检察院|城管局|执法局|交警队|交警大队|街道办|办事处|居委会|村委会|村委|拆迁办|国土局|住建局|社保局|"
         "税务局|财政局|民政局|教育局|卫健委|环保局|机关|衙门|大楼|办公楼|大院|学校|幼儿园|小学|中学|大学|医院|卫生院|"
         "火车站|高铁站|汽车站|车站|地铁站|地铁|机场|商场|超市|广场|银行|电视台|公交车|人群|菜市场|体育馆|电影院|村子|全村")
_PERSON = ("村支书|支书|书记|县长|镇长|乡长|市长|区长|省长|局长|所长|院长|校长|主任|村长|组长|队长|村干部|干部|领导|"
           "当官的|狗官|贪官|警察|民警|协警|辅警|城管|法官|检察官|医生|护士|老师|老板|包工头|开发商|拆迁队|邻居|前妻|前夫|"
           "婆娘|那人|那家伙|那小子|那孙子|畜生|王八蛋|狗东西|狗日的|一家老小|全家人|一家人|全家|一家|他们家|你们家|他家|你家|她家")
_HEAD = _BODY + "|" + _PERSON
#: a determiner or a short qualifier before a target noun (那个村支书, 县政府, 王书记, 你们村)
_DET = "那个|这个|那帮|这帮|那些|这些|那群|这群|整个|你们|他们|他|你"
_CLAUSE = ",。!?;:“”\"‘’「」『』()【】.…~"
_IN = f"[^{_CLAUSE}]"
#: what may follow a target: the clause's end, another target (村支书全家, 政府大楼), a particle, a purpose
_AFTER_TARGET = (rf"(?=[{_CLAUSE}]|$|了|吧|啊|呀|呢|哈|啦|么|嘛|的全家|全家|一家|家|大楼|大院|大门|办公|门口|所有|"
                 rf"泄愤|出气|报仇|解恨|陪葬|垫背|偿命|一起|同归于尽|不可|不行|才|为止)")
#: property of a person (h14b): a possessor's house, car, shop, works, crops (烧了你家房子, 砸了你的店, 烧了老板的
#: 仓库, 把他家车砸了): 治安管理处罚法 第四十九条 (故意损毁公私财物), 刑法 第一百一十四条 (放火、爆炸危害公共安全)
_PROPERTY = ("房子|房屋|老房子|新房|楼房|平房|小楼|院子|家门|大门|门面|店铺|铺子|店面|饭店|饭馆|超市|商店|小卖部|摊子|"
             "厂子|工厂|厂房|车间|仓库|公司|办公室|养殖场|猪场|鸡场|鱼塘|大棚|果园|庄稼|麦子|稻子|祖坟|坟|车子|汽车|小车|"
             "轿车|货车|三轮车|摩托车|电动车|挖掘机|铲车|店|车|厂|家|房|门|窗户|玻璃")
_OWNER = f"{_PRONOUN}|{_PERSON}|老板|那个人|那家人|这家人"
#: a target after the act: a pronoun right after it, a qualified noun, or a person's property
_TARGET_AFTER_RE = rx.compile(
    rf"(?:了)?(?:(?:{_DET})?(?P<o>{_OWNER})(?:家)?的?(?:{_IN}{{0,2}}?)(?P<prop>{_PROPERTY}){_AFTER_TARGET}"
    rf"|(?P<p>{_PRONOUN})(?!的|家的)(?:全家|一家|家)?{_AFTER_TARGET}"
    rf"|(?:{_DET})?{_IN}{{0,3}}?(?P<n>{_HEAD})(?!的)(?:{_HEAD})?{_AFTER_TARGET})")
#: a target before the act, behind a marker (把镇政府烧了, 去乡政府同归于尽, 跟他同归于尽, 去学校杀人)
_TARGET_BEFORE_RE = rx.compile(
    rf"(?:把|将|去|到|跟|和|与|找|冲进|进|在|拉上|带上|让)(?:(?P<p>{_PRONOUN})(?!的)|(?:{_DET})?{_IN}{{0,3}}?"
    rf"(?P<n>{_HEAD})(?!的)|(?:{_DET})?(?:{_OWNER})(?:家)?的?{_IN}{{0,2}}?(?P<prop>{_PROPERTY}))"
    rf"(?:{_HEAD})?(?:门口|里|那|大楼|全家|一家|一起)?{_IN}{{0,3}}$")

#: across a comma: a place behind a marker anywhere in the clause before (去镇政府,见一个砍一个)
_TARGET_SOMEWHERE_RE = rx.compile(rf"(?:把|将|去|到|跟|和|与|找|冲进|进|在)(?:{_DET})?{_IN}{{0,3}}?(?P<n>{_HEAD})(?!的)")

#: a person's name as all that is left of the clause after a killing act (我要杀了张某某, 我要捅死王二):
#: a surname and one or two characters; review (a reviewer reads who it is: 杀了黄鳝 is a cook's)
_NAME_VERBS = frozenset("杀砍捅宰")
_NAME_AFTER_RE = rx.compile(rf"(?:[{SURNAMES}][\u4e00-\u9fff]{{1,2}})(?:全家|一家)?(?=[{_CLAUSE}]|$)")
#: animals, food, plants and things: no one threatened (杀了那只鸡, 把鱼杀了, 砍了那棵树, 我要杀了黄鳝, 炸了这道题;
#: a name's second or third character among the animals and plants reads a fish or a fruit: 黄鳝 牛蛙 杨梅)
_THING_CHARS = frozenset("鸡鸭鹅鱼鳝鳅虾蟹鳖龟蛙蛇猪牛羊狗猫兔驴骡鸟雀鸽虫鼠蚊蝇菜瓜豆果梅桃李杏梨枣树草竹藤苗题饭肉蛋")
_THING = ("只鸡|只鸭|只鹅|条鱼|头猪|头牛|只羊|条狗|只猫|只兔|条蛇|黄鳝|泥鳅|甲鱼|王八|龙虾|螃蟹|牛蛙|鸡|鸭|鹅|鱼|猪|羊|狗|"
          "猫|兔|蛇|虾|蟹|蚊|蝇|树|草|竹|花|菜|饭|肉|题|作业|试卷|游戏|关卡|垃圾|落叶|秸秆|旧衣服|旧书|信|照片").split("|")

# ------------------------------------------------------------------ the intent
_MODAL = ("今天|明天|今晚|明晚|后天|马上|立刻|立马|现在|迟早|早晚|回头|改天|总有一天|一定|肯定|绝对|必须|非得|非要|"
          "真想|恨不得|这就|准备|打算|决定|就|要|会|想|得|敢|非|去|来|也|再|还|带|拿|提着|拎着|揣着|带着|亲手|直接")
#: a first person and one to four modals (我要 我就去 老子明天就) — not 我要是, 我就是, 我会不会, 我不
_INTENT_RE = rx.compile(
    rf"(?P<who>我们|咱们|老子|本人|我|俺|咱)(?!要是|就是|是|会不会|想不想|要不要|就算|也不|都不|还不|不|没)"
    rf"(?P<m>(?:{_MODAL}){{0,4}})")
#: a time with a modal and no pronoun (明天就 迟早要 总有一天要)
_TIME_RE = rx.compile("(?:今天|明天|今晚|明晚|后天|马上|改天|回头)(?:就|要|会|得|一定|非|去)+"
                      "|(?:迟早|早晚|总有一天)(?:就|要|会|得|一定|非|去)*")
#: a crowd called to act (incitement): 大家一起去 兄弟们 乡亲们都来
_CROWD_RE = rx.compile("(?:大家|兄弟们|乡亲们|各位|所有人|村民们|同胞们|网友们|咱们|我们)(?:一起|都|快|赶紧|马上|今晚|明天|"
                       "全部|统统|一块儿|一块)+(?:去|来|上|冲过去|冲进去|冲)?|(?:号召|召集|发动)(?:大家|所有人|村民|群众)")
#: what every intent opens with (a first person, a time, a crowd): looked for first, in the 44
#: characters before a gate hit (我国 is no first person)
_OPENER_RE = rx.compile("我(?!国)|老子|俺|咱|本人|今天|明天|今晚|明晚|后天|马上|改天|回头|迟早|早晚|总有一天|大家|兄弟们|"
                        "乡亲们|各位|所有人|村民们|同胞们|网友们|号召|召集|发动")
#: an addressed threat before a bare first person (信不信我砍死你, 你等着，我弄死你)
_ADDRESSED = ("信不信", "等着", "小心", "看我", "给我记住", "走着瞧")
_NEGATION = frozenset("不没别莫勿未")
#: verbs of beating or harming that friends use as hyperbole (打死你, 弄死你, 掐死你): review at most
_WEAK = frozenset("打弄整掐勒")
#: laughter in the sentence: a joke between friends (我要杀了你哈哈哈): review at most
_LAUGH = ("哈哈", "呵呵", "嘻嘻", "hh", "233", "[笑", "[哈", "😂", "🤣", "开玩笑")

# ------------------------------------------------------------------ reports, fiction, games
#: in the sentence: a report of a threat, a court, a story or a game (the match itself excluded: a
#: target 派出所 is no report word)
_NEWS = ("扬言|声称|宣称|叫嚣|放话|扬称|威胁|恐吓|称要|说要|警方|民警|公安机关|通报|警情|拘留|行拘|刑拘|逮捕|批捕|"
         "判处|判决|判刑|获刑|被判|涉嫌|嫌疑|编造|虚假|谣言|造谣|寻衅|案件|案发|落网|抓获|处罚|依法|法院|检察|起诉|"
         "审理|被告|罪|男子|女子|某某|网民|据悉|记者|报道|新闻|电影|影片|剧中|剧情|电视剧|小说|游戏|台词|角色|主角|"
         "反派|演员|导演|歌词|漫画|动漫|梦见|梦到|做梦|玩笑|段子|故事|凶手|切勿|严禁|禁止|防范|警惕|谨防|"
         # a warning, a rumour refuted, a fraud described, a counsellor's or a petition office's account
         # of what someone said (称“…”, 说“…”: a quoted threat reported, not made)
         "报警|举报|辟谣|网传|骗子|诈骗|冒充|受害|心理|家长|怎么办|如何应对|劝解|劝导|调解|疏导|安抚|化解|称“|说“").split("|")
#: in the sentence, the match included: an enemy, a monster, a pest or a game's opponent is no one
#: threatened (我要和敌人同归于尽 in a war story, 我要打死这只蚊子, 我们要灭了对面)
_STORY = ("敌人|敌军|鬼子|日寇|侵略|抗战|抗日|红军|八路|烈士|碉堡|炸药包|恐怖分子|歹徒|暴徒|丧尸|僵尸|怪兽|boss|"
          "副本|对面|队友|打野|中单|人头|措手不及|片甲不留|回马枪|蚊子|苍蝇|蟑螂|老鼠|病毒|细菌|害虫|杂草|"
          # (a fire lit for fireworks, a stove, a torch or a rite: h14b)
          "烟花|鞭炮|爆竹|炮仗|篝火|火炬|圣火|仪式|灶|炉|蜡烛|烧纸|纸钱|祭祀|烧烤|做饭").split("|")
#: within 150 characters: a police or court report around the quoted threat
_REPORT = ("行政拘留|刑事拘留|予以拘留|被拘留|警方通报|警情通报|公安机关|依法处理|依法查处|犯罪嫌疑人|违法嫌疑人|"
           "虚假恐怖信息|寻衅滋事|有期徒刑|以案说法|扬言").split("|")


def _gate() -> tuple[str, ...]:
    words: set[str] = set()
    for v, rs in _RESULT.items():
        words.update(v + r for r in rs)
    heads = set((_HEAD + "|" + _DET).split("|"))
    for v in _BARE:
        words.update(v + h[:2] for h in heads)  # (two characters: 炸机 is in every 轰炸机)
        words.update(v + p for p in ("你", "他", "她", "谁"))
        words.update(v + a for a in "县乡镇市区省村")  # (an administrative prefix: 炸县政府, 烧村委会)
    words.update(_ACTS_ALONE.split("|"), _ACTS_TARGETED.split("|"))
    return tuple(sorted(w for w in words if len(w) >= 2))


GATE = frozenset(_gate())

# ------------------------------------------------------------------ disguised acts (h14b)
#: what the dense view drops between two characters (normalize.NOISE_SYMBOLS and blanks; the decorative
#: symbols, ♂ ✿, and spaced characters already send a text through the dense view)
_NOISE = "*#@~^_|\\/-+=.·•‧・･`$%&<> \u3000\t"
#: a verb with a noise character after it (炸. 杀- 砍~): gate words that send a text through the dense view
#: (compositional._suspicious) when :func:`noisy_act` confirms an act's next character after the noise
NOISE_GATE = frozenset(v + n for v in _VERBS for n in _NOISE)
_NEXT = "".join(sorted({w[1] for w in GATE if w[0] in _VERBS}))
_NOISY_RE = rx.compile(f"[{_VERBS}][{re.escape(_NOISE)}]+[{_NEXT}]")


def noisy_act(vis: str) -> bool:
    """Whether ``vis`` (the visible view) holds an act verb, noise, and a character that continues an
    act word (炸.了, 杀-了, 砍~死, 炸 了): the dense view joins them (炸了), the visible one does not."""
    return _NOISY_RE.search(vis) is not None


#: the syllables of the act verbs and their results (tests/test_threats_more.py checks them against
#: pypinyin's readings of every act word, which the read-back's spellings come from; 勒 is read both ways)
_SYLLABLES = {"炸": "zha", "杀": "sha", "砍": "kan", "捅": "tong", "烧": "shao", "宰": "zai", "剁": "duo", "砸": "za",
              "劈": "pi", "毒": "du", "弄": "nong", "整": "zheng", "打": "da", "撞": "zhuang", "勒": "le|lei",
              "掐": "qia", "干": "gan", "崩": "beng", "灭": "mie", "了": "le", "掉": "diao", "死": "si", "平": "ping",
              "毁": "hui", "飞": "fei", "烂": "lan", "翻": "fan", "光": "guang", "伤": "shang", "残": "can"}


def spaced_pairs() -> frozenset[str]:
    """An act word's two syllables with a blank between (sha le, zha si, kan si …)."""
    return frozenset(f"{a} {b}" for v, rs in _RESULT.items() for r in rs
                     for a in _SYLLABLES[v].split("|") for b in _SYLLABLES[r].split("|"))


#: the pairs over a text's ASCII characters, not inside a longer Latin word
_LETTER_BLANK_LETTER = re.compile(rb"[a-z] [a-z]")
_SPACED_RE = re.compile(rf"(?<![a-z])(?:{'|'.join(sorted(spaced_pairs(), key=lambda x: (-len(x), x)))})(?![a-z])".encode())


def spaced_pinyin(ascii_chars: bytes) -> bool:
    """Whether the ASCII characters of a text (gates.ascii_chars) hold an act word's two syllables
    spaced apart (我要 sha le 那个局长): the dense view joins them (shale, a spelling read back), the
    visible one does not hold the joined spelling."""
    # (a letter, a blank, a letter first: the pairs' alternation behind a look-behind is tried at every
    # position, ~90,000 instructions a 2,000-character post whose digits and blanks are ASCII; the
    # charset prefix skips such a post in a tight loop)
    return b" " in ascii_chars and _LETTER_BLANK_LETTER.search(ascii_chars) is not None \
        and _SPACED_RE.search(ascii_chars) is not None


def spellings() -> list[tuple[str, str]]:
    """(disguised spelling, act word): the pinyin spellings of the act words (a verb with its result or
    a pronoun, the compound acts): zha了, 炸le, zhale, sha你, fang火 (:func:`scanner.disguise.disguises`,
    as the rules' words get them; no initials: three or four letters are acronyms). The compositional
    detector reads them back (``compositional._build_repairs``) like every disguised word of its rules."""
    from ..disguise import disguises

    words: set[str] = set()
    for v, rs in _RESULT.items():
        words.update(v + r for r in rs)
    for v in _BARE:
        words.update(v + p for p in ("你", "他", "她"))
    words.update(_ACTS_ALONE.split("|"), _ACTS_TARGETED.split("|"))
    out = []
    for w in sorted(words):
        for v, kind in disguises(w, high_risk=True):
            han = sum(1 for ch in v if not ch.isascii())
            # (the whole word, or one syllable among its characters: zhale, zha了, 炸le, fang火; not
            # yi把huo烧, and no initials)
            if kind == "pinyin" and not (v.isascii() and len(v) == len(w)) and han in (0, len(w) - 1):
                out.append((v, w))
    return out
_ACT_RE = rx.compile(
    f"(?P<alone>{'|'.join(sorted(_ACTS_ALONE.split('|'), key=len, reverse=True))})"
    f"|(?P<tgt>{'|'.join(sorted(_ACTS_TARGETED.split('|'), key=len, reverse=True))})"
    "|" + "|".join(f"(?P<v{i}>{v})(?P<r{i}>[{r}]{{1,2}})" for i, (v, r) in enumerate(_RESULT.items()))
    + f"|(?P<bare>[{_BARE}])")


_LAST_MARK_RE = rx.compile(f"[{_CLAUSE}](?=[^{_CLAUSE}]*$)")
_MARK_RE = rx.compile(f"[{_CLAUSE}]")


def _clause(d: str, s: int, e: int, before: int = 30, after: int = 24) -> tuple[int, int]:
    """The clause around ``d[s:e]``: from the last clause mark before it to the first after it
    (within ``before`` and ``after`` characters; two searches, not one per mark)."""
    a = max(0, s - before)
    k = _LAST_MARK_RE.search(d, a, s)
    if k is not None:
        a = k.end()
    b = min(len(d), e + after)
    j = _MARK_RE.search(d, e, b)
    return a, (j.start() if j is not None else b)


def _quiet(d: str, s: int, e: int) -> bool:
    sent = sentence_around(d, s, e, 60, 60)
    if any(w in sent for w in _NEWS):
        return True
    a, _t, b = sent.partition("\t")
    whole = a + d[s:e] + b
    if any(w in whole for w in _STORY):
        return True
    wide = d[max(0, s - 150):e + 150]
    if any(w in wide for w in _REPORT):
        return True
    return heading_quiets(d, _NEWS, lambda: sent)


def laughing(text: str, start: int, end: int) -> bool:
    """Laughter or a joke in the sentence of ``text[start:end]`` (the original text: the dense view
    writes 哈哈哈 as 哈)."""
    sent = sentence_around(text, start, end, 60, 60, "。!?！？\n").lower()
    return any(x in sent for x in _LAUGH)


def _intent(pre: str) -> tuple[str, int, int, bool] | None:
    """The intent in ``pre`` (the clause before the act): (kind, start, end, with a modal) of the
    last first person with modals, else a time with a modal, or a crowd called to act."""
    intent = None
    for im in _INTENT_RE.finditer(pre):
        intent = ("me", im.start(), im.end(), bool(im.group("m")))
    if intent is None or not intent[3]:
        tm = None
        for tm in _TIME_RE.finditer(pre):
            pass
        if tm is not None:
            intent = ("time", tm.start(), tm.end(), True)
    crowd = None
    for crowd in _CROWD_RE.finditer(pre):
        pass
    if crowd is not None and (intent is None or crowd.start() <= intent[1] or not intent[3]):
        intent = ("crowd", crowd.start(), crowd.end(), True)
    return intent


#: what may stand before an act that opens its clause, addressed to the reader (再 …, 小心 …, 信不信 …)
_ADDRESS_PRE = ("", "再", "就", "小心", "信不信", "直接", "非", "必须", "一定")
#: ... or a condition put to the addressee (再闹就, 你要是再来就, 敢拆就)
_ADDRESS_IF_RE = rx.compile(r"(?:你们|你)?(?:再|还|敢|要是|如果|若)[\u4e00-\u9fff]{0,6}?(?:就|便)")


def _addressed_act(d: str, s: int) -> tuple[int, int, str, str] | None:
    """An act that opens its clause, with no speaker, against the addressee's property or the addressee
    (一把火烧了你家的厂子, 放火烧了你的店, 砸了你家的车 — h15d): the second person makes it said to someone,
    the missing subject makes it an imperative or a threat, not a narrative (他一把火烧了…, 大火烧了… have a
    subject: no finding). Review: a reviewer reads who says it. A compound act (放火 一把火烧 泼汽油) with any
    target of the addressee, or a verb with its result against the addressee's property; not the verbs
    friends use as hyperbole (打死你, 弄死你)."""
    m = _ACT_RE.match(d, s)
    if m is None or m.group("bare") is not None:
        return None
    cs, ce = _clause(d, s, m.end())
    if d[cs:s] not in _ADDRESS_PRE and _ADDRESS_IF_RE.fullmatch(d, cs, s) is None:
        return None
    tm = _TARGET_AFTER_RE.match(d, m.end(), ce)
    if tm is None or (tm.group("o") or tm.group("p")) not in ("你", "你们"):
        return None
    alone = m.group("alone") is not None
    if not alone and (tm.group("prop") is None or d[s] in _WEAK):
        return None
    end = tm.end()
    if _quiet(d, cs, end):
        return None
    return cs, end, "prohibited.threat.violence", "review"


def threat_spans(d: str, hits) -> list[tuple[int, int, str, str]]:
    """(start, end, rule, severity) of each threat in ``d`` (the dense view) around the gate hits
    ``hits`` ((start, end, word) with the word in :data:`GATE`)."""
    out: list[tuple[int, int, str, str]] = []
    seen: set[int] = set()
    for s, _e, w in hits:
        if w not in GATE or s in seen:
            continue
        seen.add(s)
        opener = _OPENER_RE.search(d, max(0, s - 44), s) is not None
        m = _ACT_RE.match(d, s) if opener else None
        if m is None:
            # (no first person, time or crowd before the act: the news of war, 打死 炸毁 烧毁; but an act that
            # opens its clause against the addressee's property: 一把火烧了你家的厂子, h15d)
            if (x := _addressed_act(d, s)) is not None:
                out.append(x)
            continue
        a_end = m.end()
        alone = m.group("alone") is not None
        bare = m.group("bare") is not None  # a bare verb: its target must follow it (炸政府, 杀你)
        cs, ce = _clause(d, s, a_end)
        post = d[a_end:ce]
        intent = _intent(d[cs:s])
        wide = False
        if intent is None and cs > 1 and d[cs - 1] == ",":
            # the intent and a place in the clause before (我明天带把刀去镇政府,见一个砍一个)
            cs = _clause(d, cs - 1, cs - 1)[0]
            intent = _intent(d[cs:s])
            wide = True
        if intent is None:
            if (x := _addressed_act(d, s)) is not None:
                out.append(x)
            continue
        pre = d[cs:s]
        kind, i0, i1, modal = intent
        gap = pre[i1:]
        if len(gap) > (20 if wide else 12) or not _NEGATION.isdisjoint(gap):
            continue  # (我要不是…; 我不会杀他 is caught by the intent pattern itself)
        if not modal and gap and len(gap) <= 6 and any(x in gap for x in ("就", "要", "会", "一定")):
            modal = True  # (等我出来就弄死你: the modal after the first person's own verb)
        elif not modal:  # a bare first person right before the act or an instrument away (我一刀砍死他):
            if len(gap) > 3:  # review, unless an addressed opener comes first (信不信我…)
                continue
            modal = any(x in sentence_around(d, cs + i0, s, 20, 0) for x in _ADDRESSED)
        # the target: after the act, or before it behind a marker
        tm_after = _TARGET_AFTER_RE.match(post)
        named = False
        if tm_after is None and not bare and not alone and d[s] in _NAME_VERBS:
            tm_after = _NAME_AFTER_RE.match(post)
            if tm_after is not None and not _THING_CHARS.isdisjoint(post[1:tm_after.end()]):
                tm_after = None  # (黄鳝 牛蛙: a fish, a frog)
            named = tm_after is not None
        # (the marker may be a modal's: 我就去|信访局门口放火; across a comma, anywhere in the first clause)
        tm_before = (_TARGET_SOMEWHERE_RE if wide else _TARGET_BEFORE_RE).search(pre, i0)
        if tm_before is not None and any(t in pre[max(tm_before.end(g) for g in ("p", "n", "prop") if g in tm_before.re.groupindex):]
                                         for t in _THING):
            tm_before = None  # (把你家的鸡杀了, 把他家门口那棵树砍了: an animal or a tree is no one)
        target = tm_after or tm_before
        if bare and tm_after is None:
            continue  # (a bare verb is an act only with its object right after it)
        if target is None and not alone:
            continue
        start = cs + i0
        end = a_end + (tm_after.end() if tm_after is not None else 0)
        if _quiet(d, start, end):
            continue
        rule = "prohibited.threat.incite" if kind == "crowd" else "prohibited.threat.violence"
        weak = m.group("bare") is None and d[s] in _WEAK and not alone
        severity = "block" if (target is not None and modal and not weak and not named) else "review"
        out.append((start, end, rule, severity))
    # one finding a place: overlapping spans merged (the block wins)
    out.sort()
    merged: list[tuple[int, int, str, str]] = []
    for x in out:
        if merged and x[0] < merged[-1][1]:
            p = merged[-1]
            sev = "block" if "block" in (p[3], x[3]) else "review"
            merged[-1] = (p[0], max(p[1], x[1]), p[2], sev)
        else:
            merged.append(x)
    return merged


# ------------------------------------------------------------------ curses (h14b)
#: death wishes and curses (不得好死 全家死光 断子绝孙 出门被车撞死): an insult of the person they are aimed at
CURSE_BASIS = ("网络信息内容生态治理规定(2019) 第六条第(十)项(侮辱或者诽谤他人，侵害他人名誉)、第七条第(七)项(低俗); "
               "治安管理处罚法 第四十二条第(二)项(公然侮辱他人); 民法典 第一千零二十四条(名誉权)")
_CURSES = ("不得好死|不得善终|全家死光|全家死绝|全家都死|全家暴毙|死全家|死一户口本|断子绝孙|绝子绝孙|生儿子没屁眼|"
           "天打雷劈|五雷轰顶|遭天谴|天诛地灭|死无葬身之地|碎尸万段|千刀万剐|横死街头|暴尸街头|早点死|赶紧去死|"
           "怎么还不死|咋还不死|被车撞死|让车撞死|叫车撞死|被雷劈死|让雷劈死")
CURSE_GATE = frozenset(_CURSES.split("|"))
_CURSE_RE = rx.compile(f"(?:{'|'.join(sorted(CURSE_GATE, key=lambda w: (-len(w), w)))})")
#: whom a curse is aimed at, in its sentence before it (那个书记不得好死, 祝王局长全家不得好死, 你们这帮城管…)
_CURSE_WHO_RE = rx.compile(rf"(?:{_PERSON}|当官|贪官|狗官|官员|公务员|他们|她们|你们|这帮|那帮|这些人|那些人|这种人|"
                           rf"这群|那群|你|他|她|[{SURNAMES}](?:某|局长|书记|县长|镇长|乡长|市长|主任|所长|队长|科长|处长))")
#: a car or lightning as a curse only as a wish: 出门被车撞死 (not 他昨天被车撞死了, news of an accident)
_WISH_CURSES = ("被车撞死", "让车撞死", "叫车撞死", "被雷劈死", "让雷劈死")
_WISH = ("出门", "走路", "开车", "过马路", "迟早", "早晚", "早日", "祝", "咒", "愿", "让", "一定", "必", "会")
#: an oath about oneself (我发誓…不得好死, 谁骗你谁不得好死, 我要是…就被车撞死) or a curse explained
_OATH = ("发誓", "起誓", "保证", "对天", "赌咒", "我要是", "要是我", "如果我", "我若", "我如果", "我就", "我不得", "我全家",
         "让我", "叫我", "我出门", "咒骂", "辱骂", "谩骂", "骂人", "成语", "意思", "一词", "俗语", "俗话")
_WHO_WHO_RE = rx.compile("谁[^,。!?]{1,12}谁")
#: within 150 characters: a joke told (女说：再踩让你断子绝孙。…段子)
_JOKE = ("段子", "笑话", "搞笑", "内涵图", "哈哈")
_SAYS = ("说", "认为", "表示", "称", "讲", "指出", "觉得")
#: a curse quoted right after a verb of saying or cursing (骂贪官“不得好死”, 喊着“天打雷劈”): reported speech
_REPORTED_RE = rx.compile(r"(?:骂|说|喊|称|讲|叫|道|写)[^，。！？,!?“”\"]{0,4}[“\"「『]$")


def _gated(d: str, hits, gate: frozenset, pattern):
    """(start, end) of each match of ``pattern`` at a hit of ``gate`` in ``d``, in text order."""
    for s, _e, w in sorted(hits):
        if w in gate and (m := pattern.match(d, s)) is not None:
            yield s, w, m.end()


def _join(out: list[tuple[int, int]], start: int, end: int) -> None:
    """Add (start, end) to ``out``, joined with the last span it touches (我就喝农药死给你们看: one finding)."""
    if out and start <= out[-1][1]:
        out[-1] = (out[-1][0], max(out[-1][1], end))
    else:
        out.append((start, end))


def curse_spans(d: str, hits) -> list[tuple[int, int]]:
    """(start, end) of each curse in ``d`` aimed at a person (an official, a title, a pronoun of
    address): review. Quiet when reported, quoted in news, in fiction (the threat rule's report words),
    when sworn about oneself (an oath: 发誓, 谁…谁, 我要是…), or explained (成语, 诅咒之一)."""
    out: list[tuple[int, int]] = []
    last = -1
    for s, w, e in _gated(d, hits, CURSE_GATE, _CURSE_RE):
        if s < last:
            continue
        sent = sentence_around(d, s, e, 24, 12)
        pre = sent.partition("\t")[0]
        if w in _WISH_CURSES and (d.startswith("了", e) or not any(x in pre[-8:] for x in _WISH)):
            continue  # (他被车撞死了: an accident)
        who = None
        for who in _CURSE_WHO_RE.finditer(pre, max(0, len(pre) - 14)):
            pass  # (the person within 14 characters before it: 祝王局长全家不得好死, 这种狗官早晚遭报应，出门让车撞死)
        if who is not None and any(x in pre[who.end():] for x in _SAYS):
            who = None  # (他说破坏环境的人会遭天谴: what he says, not whom he curses)
        if who is None and not d.startswith(("你", "他", "她"), e):
            continue  # (no one named: 断子绝孙是古代的诅咒)
        if any(x in sent for x in _OATH) or _WHO_WHO_RE.search(sent):
            continue
        if _REPORTED_RE.search(d, max(0, s - 6), s):
            continue  # (h14r: 老百姓骂贪官“不得好死”: a curse quoted after a verb of saying is reported)
        start = s - len(pre) + who.start() if who is not None else s
        if _quiet(d, start, e) or any(x in d[max(0, s - 150):e + 150] for x in _JOKE):
            continue
        _join(out, start, e)
        last = e
    return out


# ------------------------------------------------------------------ self-harm as pressure (h14b)
#: a petitioner's threat to harm or kill himself unless an authority acts (再不解决我就从县政府楼上跳下去,
#: 不给说法我就死在信访局门口, 我就喝农药死给你们看): a crisis signal, not a post to publish
HARM_BASIS = ("信访工作条例(2022) 第二十六条(信访人应当遵守法律、法规，自觉维护信访秩序); "
              "网络信息内容生态治理规定(2019) 第七条第(五)项(展示血腥、惊悚、残忍等致人身心不适)、第(八)项"
              "(可能引发未成年人模仿不安全行为)")
_HARM = ("跳楼|跳下去|跳下来|跳河|跳江|跳湖|跳海|跳井|跳桥|喝农药|喝药|喝敌敌畏|喝百草枯|吃农药|服毒|吃安眠药|"
         "吞安眠药|上吊|吊死|自焚|点火自焚|浇汽油自焚|自杀|自尽|寻死|割腕|卧轨|撞死在|一头撞死|死在|死给你们看|"
         "死给你看|死给他们看|以死相逼|不活了")
HARM_GATE = frozenset(_HARM.split("|"))
_HARM_RE = rx.compile(f"(?:{'|'.join(sorted(HARM_GATE, key=lambda w: (-len(w), w)))})")
#: the pressure: a condition on an authority in the sentence before (再不解决 不给说法 拿不到工资 你们再推)
_CONDITION = ("再不", "还不", "不给", "不解决", "不处理", "不还", "不退", "不赔", "不答复", "不管", "不办",
              "拿不到", "要不回", "讨不到", "要不到", "如果不", "要是不", "你们再", "再拖", "再推", "再不给", "不给个")
#: or an authority's place or its people as where or before whom (死在信访局门口, 死给你们看)
_AUTHORITY = ("政府", "县委", "市委", "信访", "派出所", "公安局", "法院", "检察院", "镇上", "乡里", "单位", "办公室",
              "你们", "局", "委", "大楼", "门口", "领导", "书记", "县长", "镇长", "乡长", "市长", "局长")
#: reports of a rescue, prevention and help (民警成功劝下欲跳楼男子, 心理援助热线)
_HARM_QUIET = ("劝下", "救下", "获救", "救援", "解救", "营救", "轻生", "热线", "援助", "干预", "倾向", "欲跳", "欲自",
               "预防", "防范", "12356", "12320", "110", "生命", "珍爱", "抑郁", "疏导", "劝说", "劝导", "安全下",
               # (an official's resolve to prevent it: 我们要坚决防止到政府门口跳楼讨薪等极端事件)
               "防止", "杜绝", "避免", "严防", "极端", "事件")
_PLACE_AFTER_RE = rx.compile(rf"[^{_CLAUSE}看]{{0,6}}(?:{'|'.join(sorted(_AUTHORITY, key=len, reverse=True))})"
                             "(?:大楼|门口|楼上|楼顶|里|前|面前)?")


def harm_spans(d: str, hits) -> list[tuple[int, int]]:
    """(start, end) of each threat to harm oneself to pressure an authority in ``d``: a first person
    with an intent before the act in its clause, and a condition on the authority or its place or
    people in the sentence; review (a crisis signal: the reviewer hands it on, it is not published).
    Quiet in reports of rescues, prevention and help posts, news and fiction."""
    out: list[tuple[int, int]] = []
    last = -1
    for s, w, e in _gated(d, hits, HARM_GATE, _HARM_RE):
        if s < last:
            continue
        if _OPENER_RE.search(d, max(0, s - 30), s) is None:
            continue
        cs, ce = _clause(d, s, e, 24, 12)
        pre = d[cs:s]
        intent = None
        for intent in _INTENT_RE.finditer(pre):
            pass
        if intent is None or not intent.group("m") or len(pre) - intent.end() > 12 \
                or not _NEGATION.isdisjoint(pre[intent.end():]):
            continue  # (我不想跳楼; a bare first person: 我跳下去看看)
        sent = sentence_around(d, s, e, 40, 16)
        before = sent.partition("\t")[0]
        clause = d[cs:ce]
        if not (any(c in before for c in _CONDITION) or any(a in clause for a in _AUTHORITY)):
            continue  # (我就从这里跳下去，看看能跳多远)
        start = cs + intent.start()
        if any(q in sent for q in _HARM_QUIET) or _quiet(d, start, e):
            continue
        place = _PLACE_AFTER_RE.match(d, e, ce)
        act_end = e
        if place is not None:
            e = place.end()  # (死在信访局门口: the place with the act)
        _join(out, start, e)
        last = act_end
    return out


#: every gate word of the module's three rules (the threats' acts, the curses, the self-harm acts)
ALL_GATE = GATE | CURSE_GATE | HARM_GATE
