"""What the person-name detectors share about a name's surroundings: official titles beside a name,
the name parts of minority names, and the words after which a candidate is an organisation or a
place. A leaf module: :mod:`.names`, :mod:`.names_nlp` and :mod:`.sensitive` import it, it imports
none of them (they used to import one another inside functions to break a circle)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .. import rx

__all__ = ["OFFICIAL_TITLES", "ORG_AFTER", "beside_official_title", "minority_name_parts", "minority_name_re",
           "official_title_after", "official_title_before"]

#: titles that make a name beside them a public official acting in office (张伟县长, 国务院总理李强)
OFFICIAL_TITLES = ("总统", "国王", "首相", "大使", "领导人", "外长", "议长", "书记", "县长", "市长", "省长", "区长", "镇长", "乡长", "局长", "厅长", "部长", "处长", "科长", "主任",
                    "主席", "总理", "委员长", "委员", "代表", "常委", "秘书长", "院长", "检察长", "庭长", "所长", "站长",
                    "同志", "总书记", "副", "党组", "政委", "司令", "主委", "调研员", "干部", "总经理", "董事长", "校长")
_SPACE = rx.compile(r"\s+")
# A candidate followed by one of these is a place, an organisation or an event, not a person.
# Not bare 所 and 站 (周星驰所主演, 陈彩英所在, 任达华站在) nor bare 律师 (徐骏律师 is a person).
ORG_AFTER = ("公司", "集团", "股份", "银行", "科技", "控股", "实业", "俱乐部", "队", "大学", "学院", "医院", "酒店",
              "电器", "证券", "基金", "投资", "有限", "中心", "厂", "局", "店", "牌", "馆", "村", "镇", "乡",
              "县", "市", "区", "省", "州", "路", "街", "岛", "港", "湾", "杯", "赛", "律师事务所", "律所", "会计",
              "事务所", "研究所", "派出所", "卫生所", "服务站", "工作站", "加油站", "收费站", "机电",
              "软件", "超市", "材料", "矿业", "煤业", "机器", "机械", "工程", "电子", "电气", "化工", "制药", "药业",
              "食品", "纺织", "传媒", "置业", "地产", "物流", "汽车", "能源", "环保", "信息", "网络", "通信", "咨询",
              "资本", "资产", "保险", "信托", "商贸", "贸易", "工业", "农业", "米业", "水产", "钢铁", "（集团", "(集团")


def beside_official_title(v: str, s: int, e: int) -> bool:
    """Whether the name ``v[s:e]`` stands next to an official title (张伟县长, 国务院总理李强), also
    across spaces or a line break (总理　　李克强): a public official acting in office."""
    return official_title_after(v, e) or official_title_before(v, s)


def official_title_after(v: str, e: int) -> bool:
    """An official title starts at ``e`` (across spaces): 张伟|县长."""
    return _unspaced(v[e:e + 8])[:4].startswith(OFFICIAL_TITLES)


def official_title_before(v: str, s: int) -> bool:
    """An official title ends right before ``s`` (across spaces and a 的): 国务院总理|李强."""
    before = _unspaced(v[max(0, s - 10):s])
    if before.endswith("的"):  # 当选全国政协委员的杨洋
        before = before[:-1]
    return before[-6:].endswith(OFFICIAL_TITLES)


def _unspaced(w: str) -> str:
    """``w`` without whitespace; the regular expression only where there is some (every ``\\s``
    character but the space and U+3000 is unprintable)."""
    return _SPACE.sub("", w) if not w.isprintable() or " " in w or "\u3000" in w else w


@lru_cache(maxsize=1)
def minority_name_parts() -> tuple[str, ...]:
    """The name parts of scanner/data/minority_name_parts.txt, longest first (one order: rx cache)."""
    path = Path(__file__).resolve().parent.parent / "data" / "minority_name_parts.txt"
    return tuple(sorted({ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
                         if ln.strip() and not ln.startswith("#")}, key=lambda p: (-len(p), p)))


@lru_cache(maxsize=1)
def minority_name_re() -> tuple[re.Pattern, frozenset[str], frozenset[str]]:
    """One to three name parts without a Han surname (扎西多吉, 巴特尔), optionally followed by
    "·" and more parts (阿依古丽·吐尔逊); parts from scanner/data/minority_name_parts.txt. Also the
    characters that can start and end a part, checked before the pattern is tried."""
    parts = minority_name_parts()
    part = "(?:" + "|".join(map(re.escape, parts)) + ")"
    return rx.compile(f"{part}{{1,3}}(?:[·•]{part}{{1,3}}){{0,2}}"), frozenset(p[0] for p in parts), \
        frozenset(p[-1] for p in parts)
