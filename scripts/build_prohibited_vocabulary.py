#!/usr/bin/env python3
"""Write lexicons/improper_wording/prohibited_vocabulary.tsv (+ examples): prohibited words that have
no compound form (issue 16, h15e).

:mod:`scanner.detectors.morphology` reads the compounds of closed classes (阴 + 户, 熟 + 妇, 成人 + 片).
What word formation cannot read are single words: the act and people words of the sexual vocabulary
(开苞 潮喷 处男 偷欢 车震 床伴), and the insults at persons (傻比 贱比 瘪三 蠢猪). Each word was taken
from the **training** halves of the public lists (konsheng's porn files, houbb's dictionary:
``disguise_dataset.training_half``) or from textfilter's list (an entry held out in either list is
never read: ``held_out_forms``), checked against every jieba dictionary word that contains it and
against the ordinary corpora. Many are ordinary alone (处男座, 猛男 of sports news, 叫春 of a cat,
野合 of the histories, 废物 of 固体废物), so each class carries a gate:

``sex`` (review, ``prohibited.vocab.sex.*``)
    reported only when the window holds a word that spreads, sells or offers (morphology's
    ``SEX_CONTEXT``: 发布 传播 出售 下载 观看 免费 加微 私聊 网址 资源 …; 刑法 第三百六十三条、第三百六十四条)
    and none of morphology's words of medicine, education, crackdown, court or warning
    (``SEX_QUIET``: 医 病 健康 教育 打击 查处 法院 提醒 …), on word boundaries (处男座, 被插队, 做鸡蛋饼:
    the jieba word runs past the hit).
``insult`` (review, ``prohibited.vocab.insult.*``)
    a vulgar spelling that names nothing else (傻比 贱比 傻卵 妈批 狗日 龟孙子): alone, on word boundaries.
``addressed`` (review, ``prohibited.vocab.addressed.*``)
    an insult that is also an ordinary word (废物 杂种 禽兽 笨蛋 王八 猪头): reported only with a
    second person or a pointing phrase within four characters (你 您 这个 那个 这帮 是个 就是个 …:
    the word is said *at* someone), not as 固体废物, 杂种优势, 禽兽不如的罪行, 猪头肉.

Left out after reading the dictionary and the corpora: 应召 (应召入伍), 吹箫 (music), 包夜 (网吧包夜),
陪聊 (elderly care), 露点 (dew point), 丝袜 美腿 裤袜 粉嫩 火辣 自拍 不穿 (clothes and adverts), 日你 日他
日她 曰你 (3日他来到…: a date before a pronoun), 草你 (这片草你别踩), 干她 干妳; words no training
entry holds are not rows (the norms name the kind, the lists the words).

usage: python scripts/build_prohibited_vocabulary.py
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

OUT = REPO / "lexicons" / "improper_wording" / "prohibited_vocabulary.tsv"
EXAMPLES = REPO / "lexicons" / "improper_wording" / "prohibited_vocabulary.examples.tsv"

#: (word, pinyin id) — sexual acts, people of the sex trade, vulgar body words
SEX = """开苞 潮喷 处男 幼男 猛男 美幼 偷欢 吃精 吞精 后庭 套弄 射爽 射颜 捏弄 日烂 欲火 浪叫 爆草 被插 酥痒 几吧
人兽 聊性 买春 卖春 插比 暴干 交媾 嘿咻 偷腥 做鸡 叫鸡 找鸡 鸡女 鸭男 做鸭 男鸭 包射 坐台 床伴 床友 打泡 打炮
干炮 野合 车震 菊爆 后插 射奶 群射 秒射 漏胸 露毛 露鲍 嫩鲍 嫩缝 湿穴 紧穴 扣穴 抠穴 扒穴 玩穴 爽穴 穴爽
亮穴 品穴 酥胸 酥穴 肉壁 肉壶 肉箫 蜜洞 阳物 阳精 男根 男茎 男优 破处 叫春 滥交 换偶 幼齿 幼女 射精 下体 脱光
文爱 网爱 走光 艳照 欲火焚身""".split()
#: a word's own ordinary neighbours (猛男 of sports and fitness news, 打炮 of a drill, a cat's 叫春, 孔子's parents' 野合)
SEX_NCTX = {"猛男": ("比赛", "健美", "健身", "球", "赛", "运动", "体育", "选手", "冠军", "训练", "肌肉"),
            "叫春": ("猫",), "野合": ("孔子", "史记", "叔梁纥"), "走光": ("防走光",),
            "打炮": ("训练", "演习", "坦克", "火炮", "部队", "官兵", "射击", "实弹", "炮兵", "军")}
#: what follows the word in an ordinary compound jieba does not know (处男座 a star sign, 艳照门 a
#: scandal's name in the news, 打炮眼 a blasting hole)
SEX_NAFTER = {"处男": "座", "艳照": "门", "打炮": "眼"}
#: vulgar spellings of insults that name nothing else
INSULT = """傻比 贱比 傻卵 傻吊 傻批 呆卵 笨比 苯比 妈比 妈批 娘比 哈批 瓜批 狗日 狗卵 草妈 你麻痹 草你吗 仆街 靠北 靠腰
靠夭 哭夭 八嘎 贱种 烂货 滥货 龟儿子 龟孙子 瓜娃子""".split()
#: insults that are ordinary words too: said at someone only
ADDRESSED = """沙比 狗比 瘪三 蠢猪 混蛋 笨蛋 畜生 禽兽 废物 犯贱 杂种 王八 狗娘 破鞋 乡巴佬 下三滥 猪头""".split()
ADDRESS = ("你", "您", "这个", "那个", "这种", "这帮", "那帮", "这群", "那群", "是个", "就是个", "真是个", "一群", "一帮")

SEX_BASIS = ("刑法 第三百六十三条、第三百六十四条(制作、贩卖、传播淫秽物品); 网络信息内容生态治理规定(2019) "
             "第六条第(八)项(散布淫秽、色情)、第七条第(二)项(低俗、庸俗)")
INSULT_BASIS = ("网络信息内容生态治理规定(2019) 第六条第(九)项(侮辱或者诽谤他人)、第七条(粗俗); "
                "治安管理处罚法 第四十二条第(二)项(公然侮辱他人); 新华社禁用词(不文明用语)")
SEX_MSG = "疑似在发布、传播、出售语境中出现色情低俗词语（性行为、色情从业或身体部位的俗称），请核实"
INSULT_MSG = "含侮辱性、粗俗不文明用语，政务新媒体不得使用"
ADDRESSED_MSG = "疑似以侮辱性词语称呼他人（当面辱骂），政务新媒体不得使用，请核实"


def _id(kind: str, word: str, seen: set[str]) -> str:
    """prohibited.vocab.<kind>.<pinyin with tones>; a homophone already taken gets _2, _3."""
    from pypinyin import Style, lazy_pinyin

    base = f"prohibited.vocab.{kind}." + "_".join(lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True))
    rid, n = base, 1
    while rid in seen:
        n += 1
        rid = f"{base}_{n}"
    seen.add(rid)
    return rid


def rows() -> list[tuple[str, str, str, str, str]]:
    from scanner.detectors import morphology

    ctx = "|".join(w for w in morphology.SEX_CONTEXT if len(w) >= 2)  # (约 alone is 大约, 制约 in a window)
    nctx = "|".join(morphology.SEX_QUIET)
    out = []
    seen: set[str] = set()
    for w in SEX:
        own = "".join("|" + x for x in SEX_NCTX.get(w, ()))
        after = f";nafter={SEX_NAFTER[w]}" if w in SEX_NAFTER else ""
        out.append((_id("sex", w, seen), w, SEX_BASIS, SEX_MSG, f"word;ctx={ctx};nctx={nctx}{own}{after}"))
    for w in INSULT:
        out.append((_id("insult", w, seen), w, INSULT_BASIS, INSULT_MSG, "word"))
    for w in ADDRESSED:
        out.append((_id("addressed", w, seen), w, INSULT_BASIS, ADDRESSED_MSG, "word;win=4;ctx=" + "|".join(ADDRESS)))
    return out


def examples(rs) -> list[str]:
    lines = []
    for rid, w, _b, _m, _o in rs:
        if ".sex." in rid:
            lines += [f"hit\t{rid}\t网上有人免费发布{w}视频，加微信私聊获取资源。",
                      f"miss\t{rid}\t他在文章里写到了{w}这个说法。",
                      f"miss\t{rid}\t警方查处一起在网上发布{w}视频的案件。"]
        elif ".insult." in rid:
            lines += [f"hit\t{rid}\t楼主就是个{w}，别理他。"]
        else:
            lines += [f"hit\t{rid}\t你这个{w}，赶紧滚。",
                      f"miss\t{rid}\t文章分析了“{w}”一词的来历。"]
    return lines


def training_pool(data: Path) -> set[str]:
    """Every entry a word may come from: the training halves of konsheng's four files and houbb's
    dictionary (``disguise_dataset.training_half``) and textfilter's entries that are no held-out form
    (normalised)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from disguise_dataset import KONSHENG_FILES, held_out_forms, training_half

    from scanner.normalize import normalize

    out: set[str] = set()
    for name in KONSHENG_FILES:
        for line in open(data / "sensitive-lexicon-konsheng" / name, encoding="utf-8"):
            if line.strip() and training_half("konsheng", line.strip(), data):
                out.add(normalize(line.strip()))
    for line in open(data / "sensitive-word-houbb" / "dict_v20240407.txt", encoding="utf-8"):
        if line.strip() and training_half("houbb", line.strip(), data):
            out.add(normalize(line.strip()))
    tf = data / "textfilter-observerss" / "keywords.txt"
    if tf.is_file():
        forms = held_out_forms(data)
        out |= {normalize(x.strip()) for x in open(tf, encoding="utf-8") if x.strip()} - forms
    return out


def main() -> int:
    rs = rows()
    data = Path(os.environ.get("GOVSCAN_DATA", "/work/shared/data"))
    if (data / "sensitive-lexicon-konsheng").is_dir():
        pool = training_pool(data)
        stray = [w for _r, w, _b, _m, _o in rs if w not in pool]
        if stray:
            raise SystemExit(f"not a training-half entry: {stray}")  # (issue 16: never a held-out entry)
    head = ("id\tterm\ttype\tseverity\tsuggestion\tbasis\tmessage\toptions\tnote\n"
            "# GENERATED by scripts/build_prohibited_vocabulary.py (h15e): words with no compound form from the\n"
            "# TRAINING halves of konsheng/houbb and textfilter's list, each with its gate. Do not edit by hand.\n")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(head)
        for rid, w, basis, msg, opts in rs:
            f.write(f"{rid}\t{w}\tprohibited_content\treview\t\t{basis}\t{msg}\t{opts}\t\n")
    extra = [
        "miss\t\t处男座的人做事认真，星座运势仅供娱乐。",
        "miss\t\t直播预告：今晚八点观看健美比赛，猛男云集，免费入场。",
        "miss\t\t12月3日他来到村里，免费发放宣传资料。",
        "miss\t\t全市固体废物综合利用率达到90%，欢迎下载年报。",
        "miss\t\t杂种优势利用是水稻增产的重要途径。",
        "miss\t\t春节前夕，菜市场猪头肉供应充足。",
        "miss\t\t早高峰请勿被插队车辆干扰，文明出行。",
        "miss\t\t王师傅做鸡蛋饼的手艺在网上分享后走红。",
        "miss\t\t我们一起打炮眼，提供爆破作业服务。",
        "miss\t\t艳照门事件回顾，在线观看相关报道。",
        "miss\t\t苟日新，日日新，又日新。",
        "miss\t\t依靠要素投入的增长方式难以为继。",
    ]
    with open(EXAMPLES, "w", encoding="utf-8") as f:
        f.write("expect\trule\ttext\n")
        f.write("\n".join(examples(rs) + extra) + "\n")
    print(f"{len(rs)} rows -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
