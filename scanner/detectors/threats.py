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

Basis: 网络信息内容生态治理规定(2019) 第六条第(五)项(宣扬恐怖主义、极端主义或者煽动实施恐怖活动、极端主义
活动)、第(九)项(暴力、凶杀、恐怖或者教唆犯罪); 反恐怖主义法 第八十条、第九十条; 治安管理处罚法 第二十六条、
第四十二条第(一)项(写恐吓信或者以其他方法威胁他人人身安全); 刑法 第二百九十一条之一(编造、故意传播虚假恐怖
信息).
"""
from __future__ import annotations

from .. import rx
from ..surnames import SURNAMES
from .context import heading_quiets, sentence_around

__all__ = ["GATE", "BASIS", "threat_spans", "laughing"]

BASIS = ("网络信息内容生态治理规定(2019) 第六条第(五)项(煽动实施恐怖活动、极端主义活动)、第(九)项(暴力、凶杀、恐怖或者"
         "教唆犯罪); 反恐怖主义法 第八十条、第九十条; 治安管理处罚法 第二十六条、第四十二条第(一)项(威胁他人人身安全); "
         "刑法 第二百九十一条之一(编造、故意传播虚假恐怖信息)")

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
               "见一个杀一个|见一个砍一个|见一个捅一个|血债血偿|垫背|陪葬")
_ACTS_TARGETED = "要你命|要他命|要了你的命|要了他的命|取你狗命|废了"
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
#: a target after the act: a pronoun right after it, or a qualified noun
_TARGET_AFTER_RE = rx.compile(
    rf"(?:了)?(?:(?P<p>{_PRONOUN})(?!的|家的)(?:全家|一家|家)?{_AFTER_TARGET}"
    rf"|(?:{_DET})?{_IN}{{0,3}}?(?P<n>{_HEAD})(?!的)(?:{_HEAD})?{_AFTER_TARGET})")
#: a target before the act, behind a marker (把镇政府烧了, 去乡政府同归于尽, 跟他同归于尽, 去学校杀人)
_TARGET_BEFORE_RE = rx.compile(
    rf"(?:把|将|去|到|跟|和|与|找|冲进|进|在|拉上|带上|让)(?:(?P<p>{_PRONOUN})(?!的)|(?:{_DET})?{_IN}{{0,3}}?"
    rf"(?P<n>{_HEAD})(?!的))(?:{_HEAD})?(?:门口|里|那|大楼|全家|一家|一起)?{_IN}{{0,3}}$")

#: across a comma: a place behind a marker anywhere in the clause before (去镇政府,见一个砍一个)
_TARGET_SOMEWHERE_RE = rx.compile(rf"(?:把|将|去|到|跟|和|与|找|冲进|进|在)(?:{_DET})?{_IN}{{0,3}}?(?P<n>{_HEAD})(?!的)")

#: a person's name as all that is left of the clause after a killing act (我要杀了张某某, 我要捅死王二):
#: a surname and one or two characters; review (a reviewer reads who it is: 杀了黄鳝 is a cook's)
_NAME_VERBS = frozenset("杀砍捅宰")
_NAME_AFTER_RE = rx.compile(rf"(?:[{SURNAMES}][\u4e00-\u9fff]{{1,2}})(?:全家|一家)?(?=[{_CLAUSE}]|$)")

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
          "副本|对面|队友|打野|中单|人头|措手不及|片甲不留|回马枪|蚊子|苍蝇|蟑螂|老鼠|病毒|细菌|害虫|杂草").split("|")
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


def threat_spans(d: str, hits) -> list[tuple[int, int, str, str]]:
    """(start, end, rule, severity) of each threat in ``d`` (the dense view) around the gate hits
    ``hits`` ((start, end, word) with the word in :data:`GATE`)."""
    out: list[tuple[int, int, str, str]] = []
    seen: set[int] = set()
    for s, _e, w in hits:
        if w not in GATE or s in seen:
            continue
        seen.add(s)
        if _OPENER_RE.search(d, max(0, s - 44), s) is None:
            continue  # (no first person, time or crowd before the act: the news of war, 打死 炸毁 烧毁)
        m = _ACT_RE.match(d, s)
        if m is None:
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
            named = tm_after is not None
        # (the marker may be a modal's: 我就去|信访局门口放火; across a comma, anywhere in the first clause)
        tm_before = (_TARGET_SOMEWHERE_RE if wide else _TARGET_BEFORE_RE).search(pre, i0)
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
