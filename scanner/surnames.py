"""Chinese surnames the name rules and the name model read (a leaf module: the detectors and
:mod:`scanner.name_tagger` both import it, and it imports nothing of the scanner)."""
from __future__ import annotations

__all__ = ["COMPOUND_SURNAMES", "SURNAMES", "SURNAME_SET"]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石"
    "廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳"
    "翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳"
    "穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖"
    "巩明佘池查麻苑迟邝封"
    # more surnames in common use today (傅, 赖, 洪, 阎, 萧 …, each also a surname of names in jieba's
    # dictionary); 向, 万, 时, 全, 和, 应, 国 stay out: they are everyday function words and morphemes
    # (市民向记者反映, 2万元, 时任), and a cue followed by one would read as a name
    "傅赖洪阎粟冼鄢訾鞠匡储钮郁邰揭慕衡伏谌厉弓蔺屠郜萧芮荆阙雍奚鄂竺宦浦阚逯雒"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "司徒", "夏侯", "尉迟", "长孙", "宇文",
                     "公孙", "独孤", "端木", "西门", "南宫", "轩辕", "呼延")
#: the single-character surnames, for membership tests
SURNAME_SET = frozenset(SURNAMES)
