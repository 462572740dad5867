"""The objects of trade secrets and bidding secrets as the norms themselves enumerate them (issue 16, h16u).

The compositional rules ``commercial.disclosure.trade_secret`` and ``commercial.disclosure.bid``
(:mod:`.compositional`) read their object words from here. Each group below is one norm's own
enumeration, with the norm as its basis; a word is in a group because that norm names it, not
because a text was missed. Three ways a norm's category becomes a disclosure object:

* **as written** (``OBJECTS``): a category the norm names that is specific on its own (配方,
  货源情报, 产销策略, 管理诀窍, 计算机程序, 研发记录, 试验记录 …);
* **category + carrier** (``STEMS``, each with its carriers): a category the norm names that is too
  general alone (工艺, 客户, 财务, 销售, 研发 …: every news item says 工艺 and 销售) joined to the
  document that carries it (工艺资料, 客户台账, 销售明细, 研发文档, 财务资料); the carriers are the
  norms' own (计算机程序及其有关**文档**; 设计**图纸**; 试验**记录**; 财务**数据**, 库存**数据**) and
  the registers a firm keeps them in (资料 明细 清单 台账);
* **owner + attribute** (``OWNERS`` × ``ATTRIBUTES``): 法释〔2020〕7号 第一条第三款 spells 客户信息
  out as 客户的名称、地址、联系方式以及交易习惯、意向、内容, and the same attributes of a
  supplier or a dealer (货源情报, 1998 规定 第二条) are the same kind of information.

A category word alone is never a finding: the rule still needs a disclosure frame around it (the
owner or a qualifier before it: 本公司 我厂 内部 未公开 …; a disclosure verb: 泄露 外传
转发 发给 …; or a presentation after it: …如下 …附后 …明细 …请勿外传), and is silenced in a
sentence that explains the law, reports a case or a policy (the rule's news words). Every object
word here (``OBJECTS``, a stem with its carrier, an owner with its attribute joined: 客户名称) is
also a word of the rules' vocabulary (:func:`.compositional._vocabulary`), so it gets the
disguised spellings the other words get (look-alikes, split components, masks, pinyin and its
initials, a separator between each character) without a line of its own; an attribute alone in a
coordination (…、地址及联系人) gets none.

Norms read (their wording confirmed in public copies; basis strings below):

* 反不正当竞争法(2019) 第九条第四款: 商业秘密是指不为公众所知悉、具有商业价值并经权利人采取相应
  保密措施的**技术信息、经营信息**等商业信息.
* 最高人民法院《关于审理侵犯商业秘密民事案件适用法律若干问题的规定》(法释〔2020〕7号) 第一条:
  与技术有关的结构、原料、组分、配方、材料、样品、样式、植物新品种繁殖材料、工艺、方法或其步骤、
  算法、数据、计算机程序及其有关文档等信息 (技术信息); 与经营活动有关的创意、管理、销售、财务、
  计划、样本、招投标材料、客户信息、数据等信息 (经营信息); 客户信息包括客户的名称、地址、联系方式
  以及交易习惯、意向、内容等信息.
* 国家工商行政管理局《关于禁止侵犯商业秘密行为的若干规定》(1995; 1998 修订) 第二条: 设计、程序、
  产品配方、制作工艺、制作方法、管理诀窍、客户名单、货源情报、产销策略、招投标中的标底及标书内容.
* 国家科委《关于加强科技人员流动中技术秘密管理的若干意见》(1997): 设计图纸(含草图)、试验结果和
  试验记录、工艺配方、样品、数据、计算机程序.
* 市场监管总局《商业秘密保护规定(征求意见稿)》(2020) 第五条、第六条 (as recalled, not found in a
  stored copy: read as a supplement, never as the only basis of a word): 研发记录、实验数据、技术
  诀窍、技术图纸、编程规范、计算机软件源代码和有关文档; 财务数据、库存数据、采购价格、利润模式.
* 招标投标法 第二十二条 (潜在投标人的名称、数量; 标底必须保密)、第三十七条 (评标委员会成员的名单)、
  第四十四条 (对投标文件的评审和比较、中标候选人的推荐情况); 招标投标法实施条例 第四十一条 (开标前
  开启投标文件; 泄露标底、评标委员会成员等信息); 政府采购法实施条例 第四十条 (评审专家名单).

Left out on purpose, though a norm names them: 战略规划 and 设计文件 (public plans and the
construction drawings a permit publishes), 采购文件 and 采购清单 (the tender documents anyone may
obtain), 投标文件 (a bid secret before opening only: the bid rule's), 程序文件 (a quality system's
procedures), 技术文件 (a standard's), 员工信息 (personal data: the PII detectors), 公式 and
方法 alone (计算公式如下 in every subsidy notice), 采购意向 (published by law: 政府采购意向公开),
最高投标限价/招标控制价 (published in the tender documents: 实施条例 第二十七条), 生产资料 (a
word of its own: means of production), 客户需求 (满足客户需求 is every firm's news).
"""
from __future__ import annotations

#: the norms, as the findings cite them
BASIS_TRADE = ("反不正当竞争法(2019) 第九条; 最高人民法院法释〔2020〕7号 第一条(技术信息、经营信息、客户信息); "
               "国家工商局《关于禁止侵犯商业秘密行为的若干规定》(1998修订) 第二条; 证券法(2019) 第五十二条(尚未公开的财务信息); "
               "中央企业商业秘密保护暂行规定(2010)")
BASIS_BID = ("招标投标法 第二十二条、第三十七条、第四十四条; 招标投标法实施条例 第四十一条; "
             "政府采购法实施条例 第四十条")

_JS = "法释〔2020〕7号 第一条"
_GS = "工商局规定(1998) 第二条"
_KW = "国家科委意见(1997)"
_ZQ = "商业秘密保护规定(征求意见稿,2020)"

#: categories specific on their own, each with the norm(s) that name it
OBJECTS: dict[str, str] = {
    # 技术信息
    "配方": f"{_JS}; {_GS}", "产品配方": _GS, "工艺配方": _KW, "原料配方": _JS, "配方比例": _JS, "配比": _JS,
    "原料配比": _JS, "组分配比": _JS, "组分含量": _JS, "工艺参数": _JS, "工艺流程": _JS,
    "制作工艺": _GS, "工艺路线": _JS, "技术参数": _JS, "繁殖材料": _JS, "亲本组合": _JS, "亲本来源": _JS,
    "核心算法": _JS, "算法代码": _JS, "算法模型": _JS, "算法参数": _JS, "源代码": f"{_JS}; {_ZQ}",
    "源程序": f"{_JS}; {_GS}", "源码": _JS, "程序代码": _JS, "计算机程序": f"{_JS}; {_KW}", "编程规范": f"{_JS}; {_ZQ}",
    "技术诀窍": f"{_JS}; {_ZQ}", "诀窍": _GS, "技术秘密": _JS, "专有技术": _JS, "非专利技术": _JS, "技术方案": _JS,
    "设计图纸": _KW, "技术图纸": f"{_JS}; {_ZQ}", "施工图纸": _KW, "图纸": _KW, "设计草图": _KW, "草图": _KW,
    "试验结果": _KW, "秘方": _JS, "制作方法": _GS, "工艺步骤": _JS, "设计图": _GS, "设计稿": _GS, "试验数据": _KW, "实验数据": f"{_JS}; {_ZQ}", "研发数据": _JS, "测试数据": _JS,
    # 经营信息
    "客户名单": _GS, "客户信息": _JS, "客户档案": _JS, "供应商名单": _GS, "客户联系方式": _JS, "交易习惯": _JS, "交易意向": _JS,
    "管理诀窍": _GS, "货源情报": _GS, "产销策略": _GS, "销售渠道": _JS, "进货渠道": _GS, "货源渠道": _GS,
    "销售策略": _JS, "营销策略": _JS, "营销方案": _JS, "营销计划": _JS, "定价策略": _JS,
    "价格策略": _JS, "采购价格": f"{_JS}; {_ZQ}", "采购价": f"{_JS}; {_ZQ}", "进货价": _GS, "进价": _GS, "利润模式": f"{_JS}; {_ZQ}",
    "成本核算": _JS, "成本构成": _JS, "成本价": _JS, "财务报表": _JS, "财务报告": _JS, "财务账目": _JS,
    "经营计划": _JS, "交易价格": _JS, "合同价格": _JS, "供货价格": _JS, "供货价": _JS, "结算价格": _JS, "投融资计划": _JS, "融资计划": _JS, "商业计划": _JS, "创意方案": _JS,
    "并购方案": _JS, "重组方案": _JS, "收购方案": _JS, "融资方案": _JS, "谈判方案": _JS, "薪酬方案": _JS,
    "报价单": _JS, "报价清单": _JS, "投标方案": _JS, "标书": _GS, "标书内容": _GS, "招投标材料": _JS,
}

#: categories too general alone (工艺, 客户 …), each with the norm that names it and the carriers
#: it is kept in: an object only joined to one of them (工艺资料, 客户台账, 研发文档, 成本数据). The
#: carriers are the norms' own (计算机程序及其有关**文档**; 设计**图纸**; 试验**记录**; 财务**数据**,
#: 库存**数据**) and the registers and lists a firm keeps them in (资料 明细 清单 台账)
_DOCS = ("资料", "文档", "数据", "图纸")  # (a technical category's)
_BOOKS = ("资料", "明细", "清单", "数据", "台账", "记录")  # (a business category's)
STEMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "技术": (_JS, _DOCS), "工艺": (f"{_JS}; {_GS}", _DOCS + ("文件", "记录", "明细")), "配方": (_GS, ("资料", "明细", "清单", "数据", "记录", "文件")),
    "原料": (_JS, ("明细", "清单", "数据")), "原材料": (_JS, ("明细", "清单", "数据")), "结构": (_JS, ("图纸", "资料")),
    "样品": (f"{_JS}; {_KW}", ("数据", "图纸", "资料")), "设计": (f"{_GS}; {_KW}", _DOCS), "研发": (f"{_JS}; {_ZQ}", _DOCS + ("记录", "文件")),
    "试验": (_KW, ("数据", "记录", "资料")), "实验": (f"{_JS}; {_ZQ}", ("数据", "记录", "资料")), "算法": (_JS, ("文档", "资料")),
    "程序": (f"{_JS}; {_GS}", ("文档", "资料")), "软件": (f"{_JS}; {_ZQ}", ("文档", "资料")),
    "客户": (_JS, _BOOKS), "用户": (_JS, _BOOKS), "销售": (_JS, _BOOKS), "财务": (_JS, _BOOKS), "成本": (_JS, _BOOKS),
    "采购": (f"{_JS}; {_ZQ}", ("明细", "数据", "台账", "记录")), "经营": (_JS, _BOOKS), "库存": (f"{_JS}; {_ZQ}", _BOOKS), "进货": (_GS, _BOOKS),
    "订单": (_JS, _BOOKS), "交易": (_JS, ("明细", "数据", "记录")), "供应商": (_GS, ("资料", "清单", "明细")),
    "货源": (_GS, ("资料", "清单", "明细")), "投标": (_JS, ("资料",)), "招投标": (_JS, ("资料",)),
}
#: every carrier (the object's span takes one after any object: 专有技术资料)
HEADS = tuple(dict.fromkeys(h for _n, hs in STEMS.values() for h in hs))

#: 法释〔2020〕7号 第一条第三款: 客户的名称、地址、联系方式以及交易习惯、意向、内容 (and a supplier's, a dealer's)
OWNERS = ("客户", "用户", "供应商", "经销商")
ATTRIBUTES = ("名称", "地址", "联系方式", "联系电话", "联系人", "交易习惯", "交易意向", "交易内容")


def trade_objects(*, spelt: bool = True) -> tuple[str, ...]:
    """Every object word of the trade-secret rule, generated from the tables above; with ``spelt``
    false, without the owner's attributes written with 的 (客户的名称: found plain, the gate words;
    their disguised spellings are those of 客户名称, which keeps the read-back tables small)."""
    words = set(OBJECTS)
    words.update(s + h for s, (_n, hs) in STEMS.items() for h in hs)
    for o in OWNERS:
        for a in ATTRIBUTES:
            words.add(o + a)
            if spelt:
                words.add(o + "的" + a)
    return tuple(sorted(words))


#: what makes a text hold the object rather than name it: its owner or a qualifier before it
QUALIFIERS = ("内部|未公开|未披露|尚未公开|尚未披露|尚未公布|未公布|未对外公布|不对外公开|不公开|未对外|对外保密|保密|机密|秘密|绝密|"
              "本厂|本公司|我公司|我厂|我司|本企业|我企业|本店|我店|我们公司|我们厂|公司内部|企业内部|厂内|该产品|该公司|"
              "独家|厂里|"
              # the marks of 法释〔2020〕7号 第六条's 保密措施 (标记、分类、隔离、加密、封存 …) on the carrier
              "涉密|加密的|封存的")
#: a named owner, the 权利人 of 反不正当竞争法 第九条, by the last word of its name, right before the
#: object with 的 (某某公司的客户名单; not 企业的这张销售数据表 of a news report; 企业 and 厂 alone name any
#: firm: 我局对企业的工艺参数进行了抽检, 县第二水厂工艺流程为 …, so they are no owner)
OWNER_SUFFIXES = "公司|集团|工厂"
#: a disclosure verb or a presentation before it (泄露…客户名单; 以下是…; 附件为…)
VERBS_BEFORE = "泄露|泄漏|外泄|外传|透露|曝光|转发|发送|附上|上传|拷贝|偷拍|私下提供|提供给|以下是|以下为|下面是|下面为|附件是|附件为"
#: a presentation or a hand-over after it
AFTER = ("明细|清单|汇编|如下|见附表|见附件|附后|附件|已发|外传|外泄|泄露|原件|截图|全文|尚未公开|未公开|尚未披露|"
         "一览|汇总|资料包|数据包|请勿|勿外|不得外|发给|发到|转给|转发|请查收|查收|拷贝|复印件|扫描件|流出|详见|具体为|分别为|"
         # (法释〔2020〕7号 第六条: 禁止或者限制使用、访问、存储、复制 …: the restriction written on a copy)
         "禁止复制|严禁复制|严禁拷贝|不得复制|仅限")
#: a coordination: the frame of the last item is the frame of the first (销售渠道及客户信息如下)
COORD = "以及|及其|及|和|与|、"

#: unpublished financials (SPEC: trade_secret; 法释〔2020〕7号 第一条 财务; 证券法(2019) 第五十二条: 内幕信息
#: 是指涉及发行人的经营、财务或者对该发行人证券的市场价格有重大影响的尚未公开的信息): a firm's figures
#: are ordinary news once published (规模以上工业企业利润), so they are objects only after a word that
#: says they are not published yet; that word is the gate (rare), the figure need not be
UNPUBLISHED = "未公开|尚未公开|未披露|尚未披露|未公布|尚未公布|未对外公布|尚未对外公布|未发布|尚未发布"
#: (not 未经审计: unaudited figures are published every quarter, 业绩快报; 证券法 第五十二条 says unpublished)
FINANCIALS = ("财报|财务报表|财务数据|财务报告|财务状况|财务指标|营收|营业收入|销售收入|销售额|利润|净利润|利润总额|毛利率|"
              "利润率|业绩|经营业绩|经营数据|经营状况|盈利|亏损|现金流|负债")
#: a sentence that explains the law, reports a case, or a policy or achievement names the category
#: (with the rule's earlier news words)
NEWS_EXTRA = ("法释|司法解释|反不正当竞争|所称|是指|包括但不限于|认定|构成|普法|宣传|培训|讲座|典型案例|案例|纠纷|诉讼|"
              "原告|被告|判决|赔偿|竞业|保密协议|保密义务|保密措施|规定|条例|法律|法规|制度|管理办法|"
              "不得泄露|不得披露|不得使用|不得向|禁止泄露|加强|健全|完善|鼓励|支持|引导|推动|推进|促进|"
              "招标公告|采购公告|公示|公开招标|招标文件|中标|成交|展示|展览|展会|开放日|参观|科普|非遗|传承|"
              "博物馆|大赛|比赛|获奖|荣获|评选|出台|制定|研究制定|拥有|具有|具备|覆盖|遍布|形成|建成|打造|加密|"
              "显示|表明|统计局|统计部门|"
              # (a notice that asks for information to be delivered to an authority: 如实填报, 报送)
              "应当|如实|填报|报送|上报|报备|申报")
