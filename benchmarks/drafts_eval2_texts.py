"""Hand-written drafts of benchmarks/drafts_eval2_build.py (helper h15f, 2026-12-07).

Written blind: without reading the scanner's code, lexicons, tests, benchmarks/DISGUISE.md,
docs/LEXICONS.md or the first drafts set's texts; only SPEC.md and /work/shared/reference/.
Each entry: (id, note, raw text[, expect override]). Planted problems are marked ⟦type|text⟧;
placeholders ({ID} {IDY} {IDM} {IDM2} {PH} {PHM} {BK} {BKM} {VIN}) are filled by the builder.
All places and people are fictional (桐源县, 江州市).
"""

DRAFTS = []
A = DRAFTS.append

# ---------------------------------------------------------------- Weibo short posts
A(("wb-001", "weibo traffic notice with topic, mentions, emoji; clean",
   "#桐源发布# 【出行提示】🚧受S312线桐溪大桥维修施工影响，12月10日至12月25日每日8:00-18:00，大桥实行半幅通行，请过往车辆提前绕行G60沪昆高速或县道X105。@桐源交警 @桐源县交通运输局 将在现场疏导，给大家带来不便敬请谅解🙏 [心]"))
A(("wb-002", "weibo repost chain with a citizen's leaked mobile in a lost-and-found",
   "#桐源身边事# 【寻物启事】今天上午在城关镇文化广场捡到黑色钱包一个，内有现金和银行卡若干，失主请联系。//@桐源热心网友小周:已转，希望早日物归原主👍 //@城关镇发布:捡到钱包的是环卫工人刘师傅，失主可直接联系刘师傅 ⟦mobile_phone|{PH}⟧ 认领。"))
A(("wb-003", "weibo anti-fraud post quoting scam lines; clean",
   "#反诈进行时# 【警惕！“刷单返利”又出新套路】⚠️骗子常说：“动动手指，日赚三五百”“先垫付，马上返佣金”。记住：凡是刷单都是诈骗！凡是要求先转账的都是骗子！接到可疑电话请拨打96110咨询。@桐源公安 @国家反诈中心 提醒您：下载国家反诈中心APP，守好钱袋子💰"))
A(("wb-004", "weibo weather warning; clean",
   "#桐源天气# 【寒潮蓝色预警】🥶县气象台12月6日16时发布寒潮蓝色预警信号：受强冷空气影响，7日至9日我县气温将下降8～10℃，最低气温可达-3℃，并伴有5～6级偏北大风。请注意防寒保暖，做好设施农业防冻措施。"))
A(("wb-005", "weibo post with a repost comment carrying a gambling ad in spaced characters",
   "#桐源文旅# 周末来桐溪古镇看银杏吧🍂！金黄一片，美到窒息～📷摄影：县融媒体中心 //@用户8831276: ⟦prohibited_content|澳 門 新 葡 京 线 上 娱 乐 ，首 充 就 送 88⟧，⟦prohibited_content|网 址 见 主 页⟧ //@古镇旅游:欢迎大家来打卡"))
A(("wb-006", "weibo post with 'drunk driving exposure' full names and plates",
   "#桐源交警# 【曝光台】12月第一周查处酒驾醉驾情况通报：⟦sensitive_personal_info|陈国栋⟧，驾驶⟦licence_plate|浙K·6A3M9⟧小型轿车，血液酒精含量126mg/100ml，涉嫌危险驾驶罪；王某，驾驶浙K·3**21二轮摩托车，酒后驾驶。喝酒不开车，开车不喝酒！🍺🚫🚗"))
A(("wb-007", "weibo leader activity; 四个意识 两个维护 correct; clean",
   "#桐源要闻# 12月5日，县委书记沈建华主持召开县委常委会会议，传达学习习近平总书记重要讲话精神。会议强调，要深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”，以实干实绩推动各项决策部署落地见效。"))
A(("wb-008", "weibo post with misspelt fixed formulation 两个维户",
   "#桐源要闻# 县委理论学习中心组举行专题学习会。会议要求，全县各级党组织要旗帜鲜明讲政治，坚决做到⟦key_term_misspelling|两个维户⟧，把学习成果转化为推动高质量发展的强大动力💪。@桐源县委组织部"))
A(("wb-009", "weibo volunteer post with emoji; clean with masked phone",
   "#志愿桐源# 🧡冬日送暖，爱心不打烊！县青年志愿者协会本周六在人民公园开展“爱心义剪”活动，欢迎大家参与。报名联系：小何 139****6021（工作日9:00-17:00）。"))
A(("wb-010", "weibo comments section: sex-service spam with emoji and homophones",
   "#桐源美食# 📍老街这家馄饨开了三十年，皮薄馅大汤鲜，你吃过吗？\n【精选评论】\n@吃货小王：从小吃到大，yyds！\n@桐源新青年：周末就去😋\n@甜甜💋：⟦prohibited_content|同城寂寞少妇💋约吗？上门服务 全套 包夜⟧ ⟦prohibited_content|加薇 ttq6699⟧\n@老街居民：老板人很好"))
A(("wb-011", "weibo comment with pinyin-disguised drug sale",
   "#禁毒宣传# 珍爱生命，远离毒品！县禁毒办联合县教育局开展“禁毒知识进校园”活动。\n评论区：\n@阳光少年：支持！\n@xx批发🍬：⟦prohibited_content|需要溜 bing 的私 ，货好量足 同城闪送⟧\n@桐源一中：我们学校也参加了"))
A(("wb-012", "weibo crackdown news naming drugs and gambling; clean",
   "#平安桐源# 【战果】县公安局近日成功侦破一起特大网络赌博案，捣毁赌博网站推广窝点2个，抓获犯罪嫌疑人17名，涉案资金流水达3000余万元。同期禁毒大队查获冰毒、K粉等毒品120余克。警方提醒：远离赌博、拒绝毒品，发现线索请拨打110举报。"))
A(("wb-013", "weibo post calling Taiwan's leader 'president' unquoted",
   "#两岸交流# 🎉第五届桐台青年创业交流会在我县开幕，来自台湾的30余名青年参加。活动期间，有台湾青年谈到，⟦political_term|台湾总统⟧选举结果不会影响两岸民间交流的热情。"))
A(("wb-014", "weibo repost with insult and threat against officials",
   "#12345热线# 【回音壁】关于城西菜市场占道经营问题，县综合行政执法局已约谈市场方并完成整改。//@路人甲乙丙:⟦prohibited_content|一群废物狗官⟧，拖了三个月才管！//@城西老住户:⟦prohibited_content|再不管老子就去砍了那几个摊主⟧"))
A(("wb-015", "weibo with masked ID of award winner; clean",
   "#桐源好人# 🏅11月“桐源好人榜”揭晓！见义勇为类：吴振华（身份证号3303**********0417），在桐溪河边勇救落水儿童。敬业奉献类：邱美芳，桐源县人民医院护士，扎根基层二十年。向他们致敬！👏"))
A(("wb-016", "weibo with North Korea banned term in international news repost",
   "#国际视野# 【新闻早知道】⟦banned_term|北朝鲜⟧举行阅兵式；联合国气候变化大会闭幕；欧洲多地遭遇暴雪天气。更多新闻请关注@桐源县融媒体中心 早间直播📺"))
A(("wb-017", "weibo with 村长 used for village committee head",
   "#乡村振兴# 🍊桐岭村蜜橘丰收啦！今年亩产超4000斤，⟦banned_term|村长⟧李海平带领村民开起直播间，一天卖出蜜橘3万多斤。\"以前愁卖，现在愁不够卖！\"老李笑着说。"))
A(("wb-018", "weibo correct 村委会主任 and 残疾人 usage; clean",
   "#乡村振兴# 桐岭村村委会主任李海平介绍，村里成立了蜜橘合作社，吸纳42户农户入社，其中残疾人家庭5户，每户年均增收1.2万元。🍊💰"))
A(("wb-019", "weibo notice with fake-certificate spam in comments",
   "#桐源人社# 2027年度专业技术人员继续教育公需科目学习已开通，请在12月31日前完成线上学习。\n热门评论：\n@张老师：收到\n@办证中心：⟦prohibited_content|代办各类证书 毕业证 学位证 职称证 四六级 包过包查 可上网⟧ ⟦prohibited_content|V：zs8080⟧"))
A(("wb-020", "weibo HK/Macau post using 中港 and 'other countries'",
   "#港澳交流# 📸桐源非遗展在香港开幕！本次展览是⟦political_term|中港⟧两地文化交流的重要活动，展出竹编、木雕等非遗作品150件。此前展览已在⟦political_term|日本、新加坡、澳门等国家⟧巡展。"))
A(("wb-021", "weibo epidemic prevention notice (flu); clean",
   "#健康桐源# 【流感高发季 防护要做好】😷近期我县进入流感高发期，请大家勤洗手、常通风，出现发热、咳嗽等症状请及时到发热门诊就诊。县人民医院、县中医院发热门诊24小时开放。咨询电话：0579-85012120。"))
A(("wb-022", "weibo comment with lottery spam disguised with symbols",
   "#桐源体育# 县第十二届全民运动会篮球赛决赛今晚开打🏀！城关队vs桐溪队，谁能夺冠？\n评论：\n@篮球迷：城关必胜！\n@彩🐎大师：⟦prohibited_content|六✚合✚彩 特✚码 精准 内部资料 稳赚不赔⟧ 私我\n@桐溪人：桐溪加油"))
A(("wb-023", "weibo with a misspelt leader name",
   "#学习进行时# 【金句】“人民对美好生活的向往，就是我们的奋斗目标。”⟦key_term_misspelling|习近乎⟧总书记的这句话，我们的村干部天天挂在嘴边。🌟"))
A(("wb-024", "weibo repost of police wanted notice with masked identifiers; clean",
   "#桐源公安# 【悬赏通告】犯罪嫌疑人赵某，男，1986年出生，身份证号3307**********5512，身高约170cm，涉嫌故意伤害。请知情群众积极提供线索，经查证属实的给予奖励5000元。举报电话：110，0579-85088110。"))
A(("wb-025", "weibo quoting a message that leaks a minor victim's name",
   "#平安校园# 【提醒】近日，我县某小学四年级学生⟦sensitive_personal_info|王梓涵（10岁）在校门口被电动车撞伤⟧，目前已无大碍。交警提醒：校门口路段请减速慢行，家长接送时请有序停放。"))

# ---------------------------------------------------------------- WeChat articles (编者按, captions)
A(("wx-001", "wechat article with editor's note and captions; clean",
   "编者按：今年以来，桐源县深入推进“千万工程”，一批美丽乡村从“盆景”变成“风景”。即日起，本号推出“走进和美乡村”系列报道，敬请关注。\n\n▲图为桐溪镇下湾村新貌（无人机航拍）\n\n走进下湾村，白墙黛瓦、溪水潺潺。村党支部书记徐建新告诉记者，村里通过“强村公司”盘活闲置农房27幢，发展民宿14家，去年村集体经营性收入突破80万元。\n\n▲村民在民宿前晾晒笋干 记者 叶青 摄"))
A(("wx-002", "wechat article whose caption leaks a household's full address",
   "编者按：困难群众的冷暖，始终牵动着党委政府的心。本期带您走近县民政局的“冬日暖心”行动。\n\n▲工作人员为独居老人送去棉被和米油\n\n在城关镇，82岁的独居老人周阿婆（⟦address|家住城关镇解放路幸福里小区7幢2单元402室⟧）握着工作人员的手说：“党和政府没有忘记我们。”据了解，今年全县共发放冬季救助物资1.2万份。"))
A(("wx-003", "wechat article with outdated agency name",
   "【走基层】桐源：守护一江清水\n\n编者按：生态是桐源最大的底色。\n\n近日，⟦outdated_term|县环境保护局⟧联合县水利局开展桐溪流域入河排污口排查整治，共排查排污口136个，完成整治98个。\n\n▲执法人员在桐溪沿岸取样检测 通讯员 方敏 摄"))
A(("wx-004", "wechat article mentioning a former agency name with 原; clean",
   "【档案里的桐源】\n编者按：2019年机构改革以来，我县组建了县自然资源和规划局，整合了原县国土资源局、原县规划局等部门的职责。本期我们翻开档案，回顾这段历程。\n\n▲2019年3月，县自然资源和规划局挂牌成立（资料图）\n\n改革后，“多规合一”让项目审批时间缩短了一半以上。"))
A(("wx-005", "wechat article with a cautious word 亲自 next to leader activities",
   "【聚焦】县长调研重点项目建设\n\n12月3日，县长周立新⟦banned_term|亲自⟧带队深入桐源经济开发区，实地调研新能源装备产业园、智能制造产业园等重点项目建设情况。\n\n▲调研现场 记者 钱磊 摄\n\n周立新强调，要倒排工期、挂图作战，确保年度目标任务圆满完成。"))
A(("wx-006", "wechat article quoting a national campaign against pornography; clean",
   "【扫黄打非】桐源开展“护苗2027”专项行动\n\n编者按：为给青少年营造健康的成长环境，县“扫黄打非”办公室组织开展专项行动。\n\n行动中，执法人员检查校园周边书店、文具店、网吧48家，收缴含有淫秽色情、暴力恐怖内容的非法出版物230余册，查处违规接纳未成年人的网吧2家。\n\n▲执法人员检查校园周边文具店"))
A(("wx-007", "wechat article with a hospital success story naming a patient with disease",
   "【医者仁心】与死神赛跑的48小时\n\n▲医护人员正在为患者进行抢救\n\n11月28日凌晨，⟦sensitive_personal_info|桐溪镇村民郑秋生因突发急性心肌梗死、合并心源性休克⟧被紧急送往县人民医院。医院胸痛中心立即启动绿色通道，经过全力救治，患者转危为安。目前，郑秋生已康复出院。"))
A(("wx-008", "wechat article with patient name with consent phrase avoided: 张某; clean",
   "【医者仁心】县人民医院成功开展首例经导管主动脉瓣置换术\n\n▲手术团队合影\n\n近日，县人民医院心内科团队为一名78岁的张姓患者成功实施了经导管主动脉瓣置换术（TAVR）。患者术后第三天即下床活动。这标志着我县心脏介入技术迈上了新台阶。"))
A(("wx-009", "wechat article 'kudos' with correct Hong Kong formulation; clean",
   "【港澳同胞看桐源】\n编者按：近日，香港桐源同乡会一行28人回乡考察。\n\n考察团先后参观了桐源经济开发区和桐溪古镇。同乡会会长表示，将继续发挥桥梁纽带作用，推动内地与香港在文旅、商贸领域深化合作。\n\n▲考察团在桐溪古镇参观 记者 叶青 摄"))
A(("wx-010", "wechat article with Xinhua banned 残废 and 瞎子",
   "【暖心】县残联送辅具上门\n\n在桐岭村，从小⟦banned_term|残废⟧的老陈终于用上了电动轮椅。“以前出门全靠人背，现在自己能去村口晒太阳了！”隔壁的⟦banned_term|瞎子⟧老刘也领到了智能盲杖。\n\n▲工作人员为老陈调试轮椅"))
A(("wx-011", "wechat article with a 'national first' ad claim only (info); clean",
   "【好物推荐】桐源高山云雾茶上新啦\n\n▲采茶女在茶园劳作\n\n桐源高山云雾茶产于海拔800米以上的高山茶园，条索紧细、汤色嫩绿、滋味鲜爽。今年春茶已开始预售，点击文末“阅读原文”进入县供销社官方商城选购。"))
A(("wx-012", "wechat article with 'former Soviet' and 'before liberation' cautious words? use 建国以来",
   "【数说桐源】\n编者按：数字见证发展。\n\n⟦outdated_term|建国以来⟧，桐源县地区生产总值从不足1000万元增长到去年的426.8亿元。其中，改革开放以来年均增长9.6%。\n\n▲桐源县城全景（资料图）"))
A(("wx-013", "wechat article on ethnic culture using 维族",
   "【民族团结一家亲】\n\n▲两地学生共同表演舞蹈\n\n近日，来自新疆的⟦banned_term|维族⟧学生与桐源二中学生结对交流，共同学习书法、包饺子。学生们说，民族团结就像石榴籽一样紧紧抱在一起。"))
A(("wx-014", "wechat article correct ethnic names; clean",
   "【民族团结一家亲】\n\n▲两地学生共同表演舞蹈\n\n近日，来自新疆的维吾尔族、哈萨克族学生与桐源二中的汉族、畲族学生结对交流，共同学习书法、包饺子。学生们说，各民族要像石榴籽一样紧紧抱在一起。"))
A(("wx-015", "wechat article on a young village cadre; clean",
   "【青春在基层】\n编者按：他们扎根乡村，把青春写在大地上。\n\n2019年，大学毕业的邵磊考取了选调生，来到偏远的石门村任村党支部副书记。五年来，他带领村民发展高山蔬菜，让石门村从“空壳村”变成了“明星村”。\n\n▲邵磊在大棚里查看蔬菜长势"))

# ---------------------------------------------------------------- 公示 / 名单 as text tables
A(("gs-001", "subsidy list, tab-separated, all IDs and phones correctly masked; clean",
   "桐源县2027年度耕地地力保护补贴发放公示（城关镇第一批）\n序号\t姓名\t身份证号\t联系电话\t面积（亩）\t金额（元）\n1\t钱水根\t{IDM}\t{PHM}\t3.62\t394.58\n2\t何月娥\t{IDM}\t{PHM}\t2.10\t228.90\n3\t孙长福\t{IDM}\t{PHM}\t5.47\t596.23\n4\t李桂英\t{IDM}\t{PHM}\t1.88\t204.92\n公示期：12月8日至12月14日。如有异议，请向城关镇农业农村办反映，电话：0579-85011234。"))
A(("gs-002", "subsidy list, one row leaks a full ID and phone among masked rows",
   "桐源县2027年度耕地地力保护补贴发放公示（桐溪镇第二批）\n序号\t姓名\t身份证号\t联系电话\t面积（亩）\t金额（元）\n1\t周福生\t{IDM}\t{PHM}\t4.10\t446.90\n2\t⟦person_name|吴彩凤⟧\t⟦id_card|{ID}⟧\t⟦mobile_phone|{PH}⟧\t2.35\t256.15\n3\t陈阿土\t{IDM}\t{PHM}\t6.02\t656.18\n公示期7天。监督电话：0579-85022345。"))
A(("gs-003", "rural pension list with bank cards leaked, space separated",
   "桐岭村2027年第四季度城乡居民基本养老金发放名单\n户主姓名   银行卡号                 金额（元）\n⟦person_name|刘老三⟧     ⟦bank_card|{BK}⟧      528\n⟦person_name|黄金妹⟧     ⟦bank_card|{BK}⟧      528\n郑有财     6228 **** **** 3317      612\n如有疑问请到村便民服务中心咨询。"))
A(("gs-004", "bank card list correctly masked; clean",
   "桐岭村2027年第四季度城乡居民基本养老金发放名单\n户主姓名   银行卡号（后四位）   金额（元）\n刘某三     ****2261             528\n黄某妹     ****9083             528\n郑某财     6228********3317     612\n以上资金已通过“一卡通”发放到户，如有疑问请到村便民服务中心咨询。"))
A(("gs-005", "scholarship list with students' full IDs",
   "桐源县2027年秋季学期普通高中国家助学金拟资助学生名单公示\n学校\t姓名\t身份证号\t资助金额\n桐源一中\t⟦person_name|叶子涵⟧\t⟦id_card|{IDY}⟧\t1000元\n桐源一中\t⟦person_name|潘宇航⟧\t⟦id_card|{IDY}⟧\t1000元\n桐源二中\t吕某欣\t{IDM}\t1000元\n公示时间：12月7日—12月13日。"))
A(("gs-006", "new recruit conscription list with masked IDs; clean",
   "桐源县2027年下半年批准入伍新兵名单公示\n姓名  性别  身份证号            文化程度  入伍乡镇\n黄俊杰  男   330724********2316  大学本科  城关镇\n曹思远  男   330724********5013  大专      桐溪镇\n姜雨萱  女   330724********2024  大学本科  石门乡\n以上人员已通过体检、政治考核，现予公示。监督电话：0579-85031100。"))
A(("gs-007", "public housing applicant list, leaked address and phone",
   "桐源县2027年第二批公共租赁住房保障资格审核通过人员公示\n序号 姓名 家庭人口 现住址 联系电话\n1 ⟦person_name|赖志强⟧ 3 ⟦address|城关镇东门街88号2幢301室⟧ ⟦mobile_phone|{PH}⟧\n2 毛某红 2 城关镇东门街道 137****2208\n3 符某 1 桐溪镇 150****8816\n公示期限：2027年12月8日至12月15日。"))
A(("gs-008", "minimum living allowance list: names and masked IDs, amounts; clean by practice",
   "城关镇2027年12月城乡最低生活保障对象公示\n村（社区）  户主  保障人数  保障金额（元）  身份证号\n东门社区    许金宝  2       1580          3307**********2419\n解放社区    方爱珍  1       850           3307**********1028\n下湾村      应国华  3       2130          3307**********4431\n公示期为7天，举报电话：0579-85016678（镇民政办）。"))
A(("gs-009", "minimum living allowance list with mental illness diagnosis column",
   "城关镇2027年12月特困供养及低保对象公示\n户主\t保障人数\t致困原因\t保障金额（元）\n许金宝\t2\t因病\t1580\n⟦sensitive_personal_info|何建明\t1\t精神分裂症（重度）⟧\t850\n应国华\t3\t因残\t2130\n公示期为7天。"))
A(("gs-010", "job recruitment list with masked IDs and exam ticket numbers; clean",
   "桐源县2027年公开招聘社区工作者拟聘用人员公示\n序号\t姓名\t性别\t准考证号\t身份证号\t笔试成绩\t面试成绩\n1\t蒋雨婷\t女\t2027120103\t330724********1546\t78.5\t86.20\n2\t童浩然\t男\t2027120217\t330724********3219\t76.0\t84.60\n3\t庞佳琪\t女\t2027120309\t330724********0021\t75.5\t85.00\n公示期5个工作日。"))
A(("gs-011", "recruitment list where the 18-digit IDs are fully printed",
   "桐源县2027年公开招聘中小学教师体检合格人员名单\n姓名\t身份证号\t报考岗位\n⟦person_name|柴文博⟧\t⟦id_card|{ID}⟧\t初中数学\n⟦person_name|管思琪⟧\t⟦id_card|{ID}⟧\t小学语文\n⟦person_name|卫浩宇⟧\t⟦id_card|{ID}⟧\t小学英语\n请以上人员于12月12日上午9:00到县教育局三楼会议室参加考察。"))
A(("gs-012", "flood compensation list with partially masked cards and one full card",
   "桐溪镇“7·18”洪涝灾害农房受损补助资金发放公示\n户名\t开户行\t卡号\t补助金额\n杨振发\t农商银行\t6230********5521\t8000元\n⟦person_name|章梅花⟧\t农商银行\t⟦bank_card|{BK}⟧\t12000元\n俞长根\t邮储银行\t6221********7730\t5000元\n如有异议请于5日内向镇民政办反映。"))
A(("gs-013", "rural 'double-list' of poverty-monitoring households with ID and health",
   "石门乡防止返贫动态监测对象名单（2027年第三季度）\n姓名\t身份证号\t风险类型\t帮扶措施\n⟦sensitive_personal_info|方水生\t{ID}\t因病（尿毒症透析）⟧\t医疗救助、临时救助\n鲁某娣\t3307**********2028\t因学\t教育资助\n本名单仅供核对，核对完毕后请妥善处理。"))
A(("gs-014", "vote results list for model workers with titles; clean",
   "桐源县第七届劳动模范和先进工作者拟表彰对象公示\n单位\t姓名\t职务\n桐源经济开发区管委会\t邓海涛\t招商一局局长\n桐源县人民医院\t卓丽萍\t急诊科护士长\n城关镇东门社区\t雷国庆\t社区党委书记\n桐源永安机械有限公司\t江伟\t高级技师\n公示期间，单位和个人可通过来信、来电、来访等方式反映情况。受理电话：0579-85019988。"))
A(("gs-015", "vehicle auction list of confiscated cars with VINs (public auction context); leaked owner names? clean",
   "桐源县公安局罚没车辆公开拍卖公告（第3期）\n标的\t品牌型号\t车辆识别代号\t参考价\n1\t大众朗逸\tLSVN****…****5521\t2.1万元\n2\t本田雅阁\tLHGC****…****0316\t3.5万元\n拍卖时间：12月20日上午9时；地点：县公共资源交易中心三楼。竞买人须携带有效身份证件报名。"))
A(("gs-016", "vehicle list with full VIN and owner name and phone in a lost-vehicle notice",
   "【协查】城西派出所关于查找被盗车辆的协查通报\n车辆：白色比亚迪秦PLUS，号牌⟦licence_plate|浙KD83570⟧，车辆识别代号⟦vin|{VIN}⟧。车主⟦person_name|严立群⟧，联系电话⟦mobile_phone|{PH}⟧。请各单位、广大群众发现线索及时与城西派出所联系（0579-85062110）。"))
A(("gs-017", "enterprise list with USCC codes (legal entity numbers, public); clean",
   "桐源县2027年度“专精特新”中小企业拟认定名单公示\n企业名称\t统一社会信用代码\t主导产品\n桐源永安机械有限公司\t91330724MA2E8K5Q3N\t精密齿轮箱\n浙江桐溪新材料股份有限公司\t913307247236548712\t高性能复合膜\n桐源县鸿达竹木制品厂\t92330724MA29JK1X4P\t竹制家居用品\n公示期：5个工作日。"))
A(("gs-018", "elderly allowance list with ID printed but last digits masked wrong (only 2 stars)? still full? use partially masked 14 digits visible",
   "桐岭村高龄津贴发放名单（12月）\n姓名\t年龄\t身份证号\t金额\n戴阿婆\t91\t330724********0023\t100元\n冯老汉\t88\t330724********6610\t100元\n⟦person_name|韦秀兰⟧\t93\t⟦id_card|{IDO}⟧\t100元\n⟦person_name|季阿根⟧\t86\t⟦id_card|{IDO}⟧\t100元\n发放方式：打卡发放。"))

# ---------------------------------------------------------------- meeting notices, 会议纪要
A(("mt-001", "meeting notice with classification mark in header",
   "⟦classification_mark|机密★1年⟧\n特急\n\n关于召开全县重点领域风险隐患排查工作会议的通知\n\n各乡镇人民政府，县政府各部门：\n经县政府研究，定于12月9日（星期三）上午9:00在县行政中心四楼第一会议室召开全县重点领域风险隐患排查工作会议。请各单位主要负责同志准时参加。\n\n桐源县人民政府办公室\n2027年12月6日"))
A(("mt-002", "ordinary public meeting notice with 此件公开发布; clean",
   "关于召开2027年全县农村工作会议的通知\n\n各乡镇人民政府，县级有关单位：\n县委、县政府决定召开2027年全县农村工作会议，现将有关事项通知如下：\n一、时间：12月15日上午8:30\n二、地点：县行政中心大会堂\n三、参会人员：各乡镇党委书记、乡镇长，分管农业副乡镇长\n\n中共桐源县委办公室\n2027年12月7日\n（此件公开发布）"))
A(("mt-003", "meeting minutes excerpt with internal distribution marker",
   "县政府第47次常务会议纪要（摘要）\n\n⟦internal_marker|内部资料 注意保存⟧\n\n12月1日，县长周立新主持召开县政府第47次常务会议。会议研究了桐源经济开发区扩区方案、老旧小区改造资金安排等事项。会议原则同意县住建局提出的2028年老旧小区改造计划，明确由县财政统筹安排资金1.8亿元。"))
A(("mt-004", "public summary of executive meeting; clean",
   "县政府召开第47次常务会议\n\n12月1日，县长周立新主持召开县政府第47次常务会议，传达学习中央经济工作会议精神，研究部署老旧小区改造、冬春农田水利建设等工作。会议审议并原则通过了《桐源县2028年老旧小区改造实施方案》，要求抓紧向社会公开并组织实施。副县长孔令华、郑晓梅等出席会议。"))
A(("mt-005", "minutes with discipline case before announcement",
   "县纪委常委会会议纪要（2027年第21期）\n\n会议听取了第三审查调查室关于⟦secret_topic|县住建局原副局长韩某某问题线索初核情况⟧的汇报，同意对其立案审查调查，并采取留置措施。会议要求严格保密，⟦internal_marker|会议内容不得外传⟧。"))
A(("mt-006", "notice of a closed meeting whose content must not be reported",
   "【通知】关于召开维稳安保工作专题会议的通知\n\n各乡镇、各有关单位：\n定于12月10日下午3:00在县委三楼会议室召开维稳安保工作专题会议，研究⟦secret_topic|元旦期间重点人员稳控和警力部署方案⟧。本次会议⟦internal_marker|不作公开报道⟧，请参会人员不得携带手机入场。"))
A(("mt-007", "meeting notice with a meeting room wifi password for guests (public venue); credential",
   "关于召开全县数字化改革推进会的通知\n\n时间：12月11日14:30\n地点：县大数据发展中心二楼报告厅\n温馨提示：会场提供政务外网接入，⟦credential|无线网络：TY-ZWW-5G  密码：Tyzw@2027!⟧，请勿转告无关人员。\n\n桐源县大数据发展中心\n2027年12月7日"))
A(("mt-008", "meeting notice mentioning security rules (norm quoted); clean",
   "关于召开全县保密工作会议的通知\n\n各乡镇、各部门：\n定于12月14日上午9:00召开全县保密工作会议，总结2027年保密工作，部署“涉密不上网、上网不涉密”专项检查。会议将学习新修订的《中华人民共和国保守国家秘密法》，请各单位保密干部参加。\n\n中共桐源县委保密委员会办公室\n（此件公开发布）"))
A(("mt-009", "discussion draft of a plan posted on the website",
   "桐源县促进民营经济高质量发展若干政策措施（⟦draft_marker|讨论稿⟧）\n\n为深入贯彻落实党中央、国务院关于促进民营经济发展壮大的决策部署，结合我县实际，制定以下措施：\n一、对新认定的国家级专精特新“小巨人”企业，给予一次性奖励50万元。\n二、对企业新增设备投资超过1000万元的，按投资额的8%给予补助。"))
A(("mt-010", "public consultation notice with 征求意见稿; clean",
   "关于公开征求《桐源县城市居民生活垃圾分类管理办法（征求意见稿）》意见的公告\n\n为提高立法质量，现将《桐源县城市居民生活垃圾分类管理办法（征求意见稿）》全文公布，公开征求社会各界意见。公众可于2028年1月6日前通过以下方式提出意见：\n1. 电子邮件：tyjsjfl@tongyuan.gov.cn\n2. 信函：桐源县住房和城乡建设局（邮编321400）"))
A(("mt-011", "sending-for-review draft of an ordinance posted by mistake",
   "《桐源县城区停车管理办法（⟦draft_marker|送审稿⟧）》起草说明\n\n一、起草背景\n近年来，我县机动车保有量年均增长12%，城区停车难问题日益突出……\n二、主要内容\n办法共六章三十二条，对停车设施规划建设、收费管理等作出规定。\n（本稿⟦internal_marker|仅供县政府常务会议审议使用，请勿外传⟧）"))
A(("mt-012", "meeting minutes noting personnel under consideration",
   "县委常委会（扩大）会议纪要摘要\n\n会议研究了干部工作事项。经县委组织部考察，⟦secret_topic|拟提名何卫东同志为县交通运输局局长人选，拟推荐宋红梅同志为县妇联主席候选人⟧，按程序报批。其他干部人事事项另行研究。"))
A(("mt-013", "meeting news with 会议纪要 word in a lawful context; clean",
   "县政协召开主席会议\n\n12月4日，县政协主席杜永明主持召开十一届县政协第35次主席会议，协商讨论了2028年度协商计划，审议通过了《县政协关于进一步提高提案办理质量的意见》。会议还通报了上次主席会议纪要的落实情况，各项议定事项均已办结。"))
A(("mt-014", "notice to submit materials with a leaked internal network address",
   "关于报送2027年度信息化项目绩效自评材料的通知\n\n各单位：\n请于12月20日前将绩效自评表（盖章扫描件）上传至县财政局项目管理系统（⟦credential|内网地址：http://10.33.72.15:8080/xmgl⟧），登录⟦credential|初始账号为单位组织机构代码，初始密码123456⟧。联系人：县财政局绩效科，电话0579-85013576。"))
A(("mt-015", "notice on a training with an internal-use-only slide pack mention",
   "关于举办全县统计业务培训班的通知\n\n各乡镇、各有关部门：\n为提高基层统计人员业务水平，定于12月16日举办全县统计业务培训班。培训内容包括第五次全国经济普查数据处理、统计法律法规等。请各单位派1名统计员参加。\n附件：培训报名表"))

# ---------------------------------------------------------------- 政务公开 留言回复
A(("ly-001", "message reply; citizen's phone and address quoted back",
   "【县长信箱】关于城关镇东门街排水不畅的问题\n网友留言：我家门口下雨就积水，反映多次没人管！我住⟦address|东门街56号3幢1单元102室⟧，电话⟦mobile_phone|{PH}⟧，请尽快派人来看。\n回复：您好！县住建局已于12月3日安排人员现场查看，计划12月底前完成雨污管网改造。感谢您的监督。"))
A(("ly-002", "message reply; citizen details masked; clean",
   "【县长信箱】关于城关镇东门街排水不畅的问题\n网友“东门居民”留言：东门街一带下雨就积水，希望尽快解决。\n回复：您好！您反映的问题已收悉。县住建局已于12月3日安排人员现场查看，东门街雨污管网改造工程已列入2028年城建计划，将于明年3月开工。如有疑问，可拨打12345政务服务便民热线咨询。感谢您对我县工作的关心和支持！"))
A(("ly-003", "citizen's message with a threat; published unedited",
   "【网民留言办理】留言标题：拆迁补偿不公\n留言内容：桐溪镇给我家的补偿比邻居少了十几万，找了多少次都推来推去。⟦prohibited_content|再不给个说法，我就带汽油去镇政府，大家同归于尽⟧！\n办理情况：桐溪镇已组织工作人员上门核实，依据《桐源县集体土地征收补偿安置办法》重新核算，并向当事人作了解释。"))
A(("ly-004", "reply describing how threats are handled; clean",
   "【网民留言办理】关于“工作人员被辱骂”的回复\n网友询问：窗口工作人员遇到群众辱骂、威胁怎么办？\n回复：您好！我县政务服务中心设有“服务守护岗”。对辱骂、威胁工作人员、扰乱办事秩序的行为，工作人员将进行劝阻；情节严重的，依照《治安管理处罚法》由公安机关依法处理。我们也将持续改进服务，减少群众等候时间。"))
A(("ly-005", "citizen message with an insult in dialect-like disguise",
   "【12345热线回音】留言人：匿名\n留言内容：城北菜场门口的垃圾桶一个星期没清了，⟦prohibited_content|环卫站那帮人都是吃屎的废物，SB领导⟧！\n回复：您好，经核查，该处垃圾收集点因清运车辆故障延误清运，现已全部清理完毕，并增加了清运频次。给您带来不便，深表歉意。"))
A(("ly-006", "reply quoting the citizen's QQ and email",
   "【县长信箱】关于网上申报灵活就业社保补贴无法提交的问题\n留言人：陈先生\n留言内容：申请页面一直提示“材料不全”，截图已发到我的邮箱⟦email|chenjun_1990@163.com⟧，也可加我QQ⟦social_account|2837716452⟧联系。\n回复：陈先生您好！经县人社局核查，系系统升级期间附件上传接口异常所致，现已修复，请您重新提交。"))
A(("ly-007", "reply with the agency's public mailbox and hotline; clean",
   "【县长信箱】关于网上申报灵活就业社保补贴无法提交的问题\n回复：您好！经县人社局核查，系系统升级期间附件上传接口异常所致，现已修复，请您重新提交。如仍有问题，可发送邮件至县人社局公共邮箱tyrsj@tongyuan.gov.cn，或拨打人社服务热线12333咨询。"))
A(("ly-008", "message reply naming the citizen who reported an official",
   "【信访回音】关于反映石门乡某干部违规操办婚宴的答复\n⟦sensitive_personal_info|举报人石门乡村民林永福⟧：您反映的问题，县纪委监委已转石门乡纪委核查。经查，该干部操办婚宴已按规定事前报告，未发现违规收受礼金问题。"))
A(("ly-009", "message reply on school enrolment with child's name and school",
   "【民生直通车】关于孩子入学划片的问题\n家长留言：我家孩子⟦sensitive_personal_info|邵一诺，今年6岁，户籍在城关镇，因父母离异现随外婆居住⟧，能不能在东门小学就读？\n回复：您好！根据县教育局2028年秋季招生方案，符合条件的随迁子女可凭居住证明申请就近入学，请于明年5月关注招生公告。"))
A(("ly-010", "reply on a noise complaint; clean",
   "【12345热线回音】关于城南工地夜间施工噪音扰民的问题\n回复：您好！县综合行政执法局接到反映后，于当晚22时到现场核查，该工地未办理夜间施工许可即进行混凝土浇筑作业，执法人员已责令其立即停止，并依法立案查处。今后将加强夜间巡查，欢迎继续监督。"))
A(("ly-011", "citizen's message with a land-line and ID number leaked by copy-paste",
   "【县长信箱】关于不动产登记证书补办的问题\n留言内容：本人⟦person_name|骆志明⟧，身份证号⟦id_card|{ID}⟧，2019年购买的城南花园商品房至今未办出不动产权证，开发商已跑路，怎么办？\n回复：您好！县自然资源和规划局已将该小区列入“办证难”历史遗留问题化解清单，预计2028年上半年完成首次登记。"))
A(("ly-012", "reply that uses 老板 for a township official",
   "【网民留言办理】关于桐溪镇工业园区道路破损问题\n回复：您好！镇里一把手⟦banned_term|老板⟧已经到现场查看，道路修复工程已列入明年计划。\n（桐溪镇人民政府 2027年12月5日）"))
A(("ly-013", "message reply about a sick neighbour named with HIV status",
   "【网民留言办理】关于小区出现传染病人的问题\n留言内容：听说⟦sensitive_personal_info|9幢的杨建平是艾滋病人⟧，物业却不通知大家，我们很害怕！\n回复：您好！艾滋病不会通过日常生活接触传播。根据《艾滋病防治条例》，任何单位和个人不得歧视艾滋病病毒感染者、病人及其家属，不得公开其信息。"))
A(("ly-014", "reply on gambling ads on a village wall, naming the illegal site; clean crackdown",
   "【网民留言办理】关于村口墙上张贴赌博网站小广告的问题\n回复：您好！经核查，桐岭村村口确有张贴“网络百家乐”等赌博网站广告的情况。村委会已于当天全部清除，县公安局已对广告上的网址和联系方式开展调查。请广大群众不要点击、不要参与网络赌博，发现线索请拨打110举报。"))
A(("ly-015", "citizen message carrying a drug-related private deal offer left unreviewed",
   "【网民留言】留言标题：关于城西夜市的建议\n留言内容：夜市太吵了希望管一管。另外⟦prohibited_content|有要叶子、麻古的朋友私聊，价格美丽，vx：ty_night88⟧\n回复：您好，关于夜市噪音问题已转县综合行政执法局处理。"))

# ---------------------------------------------------------------- press conference transcripts
A(("pc-001", "press conference transcript with unpublished statistics",
   "桐源县2027年经济运行情况新闻发布会实录（节选）\n\n县统计局局长何志刚：今年前三季度，全县实现地区生产总值318.6亿元，同比增长6.8%。\n记者：全年能否实现预期目标？\n何志刚：⟦secret_topic|根据我局内部测算的初步核算数，全年GDP增速预计为7.1%，该数据尚未经市统计局审定⟧，请以正式发布为准。"))
A(("pc-002", "press conference transcript; clean",
   "桐源县2027年经济运行情况新闻发布会实录（节选）\n\n主持人：请县统计局局长何志刚介绍有关情况。\n何志刚：根据市统计局统一核算，前三季度全县实现地区生产总值318.6亿元，同比增长6.8%，高于全市平均0.4个百分点。规上工业增加值增长9.2%，社会消费品零售总额增长5.5%。\n记者：下一步有何打算？\n何志刚：我们将加强经济运行监测，为决策提供参考。"))
A(("pc-003", "press conference on a serious accident naming victims, including a child",
   "“12·2”较大道路交通事故新闻发布会\n\n县政府副县长孔令华通报：12月2日7时15分，一辆中型客车在S312线石门段侧翻，造成3人死亡、11人受伤。遇难者为⟦sensitive_personal_info|石门乡村民方金土（58岁）、方小雨（9岁，石门小学三年级学生）⟧等。目前伤员均在县人民医院救治，事故原因正在调查中。"))
A(("pc-004", "press conference on the same accident without names; clean",
   "“12·2”较大道路交通事故新闻发布会\n\n县政府副县长孔令华通报：12月2日7时15分，一辆中型客车在S312线石门段侧翻，造成3人死亡、11人受伤。事故发生后，县委、县政府第一时间启动应急预案，全力救治伤员，妥善做好善后工作。目前伤员均在县人民医院救治，生命体征平稳。事故原因正在调查中，调查结果将及时向社会公布。"))
A(("pc-005", "press conference; cautious 罪犯 before verdict",
   "县公安局“净网2027”专项行动新闻发布会（实录）\n\n县公安局副局长蒋涛：截至目前，共侦破电信网络诈骗案件46起，抓获⟦banned_term|罪犯⟧83名，案件已移送检察机关审查起诉。\n记者：群众如何防范？\n蒋涛：牢记“三不一多”：未知链接不点击，陌生来电不轻信，个人信息不透露，转账汇款多核实。"))
A(("pc-006", "press conference; uses 犯罪嫌疑人 correctly; clean",
   "县公安局“净网2027”专项行动新闻发布会（实录）\n\n县公安局副局长蒋涛：截至目前，共侦破电信网络诈骗案件46起，抓获犯罪嫌疑人83名，案件已移送检察机关审查起诉；协助追回被骗资金630余万元。\n记者：群众如何防范？\n蒋涛：牢记“三不一多”：未知链接不点击，陌生来电不轻信，个人信息不透露，转账汇款多核实。"))
A(("pc-007", "press conference transcript with 人大副主任 title error",
   "桐源县第十八届人民代表大会第三次会议新闻发布会\n\n主持人：出席今天发布会的有：⟦banned_term|县人大副主任⟧俞光明，县人大常委会办公室主任蔡文清。\n俞光明：本次会议会期3天，应出席代表216名。会议将听取和审议县人民政府工作报告等。"))
A(("pc-008", "press conference on education with 考试 papers before exam",
   "全县中考备考工作情况通气会（纪要）\n\n县教育局副局长倪红介绍：今年中考模拟试卷由县教研室统一命题，⟦secret_topic|试卷已于12月5日印制完成，存放于县教育考试院保密室，数学卷压轴题考查二次函数与圆的综合⟧。考试定于12月18日举行。"))

# ---------------------------------------------------------------- tenders and procurement
A(("zb-001", "tender notice with public control price and agency landline; clean",
   "桐源县城关镇老旧小区改造工程（二期）施工招标公告\n\n招标编号：TYZB-2027-118\n一、项目概况：改造小区6个，涉及住户1260户。\n二、招标控制价：3268.45万元（详见招标文件工程量清单）。\n三、投标人资格：具备建筑工程施工总承包三级及以上资质。\n四、获取招标文件：2027年12月8日至12月14日，登录桐源县公共资源交易网下载。\n招标代理：浙江正衡工程咨询有限公司，联系电话：0579-85099321"))
A(("zb-002", "tender progress news leaking the reserve price and expert names before opening",
   "【工作动态】县公共资源交易中心扎实做好城南污水管网工程招标工作\n\n目前，该项目已有11家单位报名。为确保公平公正，⟦bid_secret|本项目标底已确定为1876.3万元⟧，⟦bid_secret|评标委员会由张立平、何静、陆家明等5名专家组成⟧，将于12月16日开标。"))
A(("zb-003", "bid award announcement after opening, with winning price; clean",
   "桐源县城南污水管网工程中标结果公告\n\n项目编号：TYZB-2027-106\n中标人：浙江恒川建设有限公司\n中标价：1798.62万元\n工期：300日历天\n项目经理：鲁建强（注册建造师证书编号：浙1332015201612345）\n评标委员会成员：何某、陆某等5人（名单已按规定公示于交易平台）\n公告期：3个工作日。"))
A(("zb-004", "land transfer news disclosing the reserve price before the auction",
   "【招商动态】桐源经济开发区东区地块即将挂牌出让\n\n开发区东区TY-2027-09地块面积86.4亩，规划为工业用地。据悉，⟦bid_secret|该地块出让底价为每亩22.5万元⟧，挂牌起始价将在公告中公布。目前已有三家企业表达竞买意向，分别是⟦trade_secret|浙江桐溪新材料、永安机械和宁波某新能源企业⟧。"))
A(("zb-005", "procurement notice: bidders count before opening",
   "关于县人民医院医疗设备采购项目的情况说明\n\n本项目于12月1日发布采购公告，⟦bid_secret|截至目前共有7家供应商购买了采购文件，分别为杭州明康医疗、浙江瑞达科技等⟧。开标时间为12月22日9:30。"))
A(("zb-006", "procurement intention disclosure; clean",
   "桐源县教育局2028年1月政府采购意向公开\n\n为便于供应商及时了解政府采购信息，现将采购意向公开如下：\n序号\t采购项目名称\t预算金额（万元）\t预计采购时间\n1\t中小学智慧教室建设\t480\t2028年3月\n2\t学生营养餐食材配送服务\t1260\t2028年2月\n本次公开的采购意向是本单位采购工作的初步安排，具体以相关采购公告为准。"))
A(("zb-007", "investment news disclosing a company's process parameters",
   "【项目一线】年产5万吨高性能复合膜项目投产\n\n浙江桐溪新材料股份有限公司总经理介绍，⟦trade_secret|新生产线采用公司自主研发的三层共挤配方，拉伸温度控制在138℃、牵引比4.2:1⟧，产品性能达到国际先进水平。项目全部达产后，预计年产值12亿元。"))
A(("zb-008", "news praising a company's trade secret protection (norm); clean",
   "【法治营商】县市场监管局为企业上门开展商业秘密保护指导\n\n12月5日，县市场监管局走进浙江桐溪新材料股份有限公司，围绕《反不正当竞争法》中商业秘密的认定、保密措施的建立、员工离职保密协议的签订等内容开展指导，帮助企业建立“涉密岗位、涉密人员、涉密载体”三本台账。"))

# ---------------------------------------------------------------- HR announcements
A(("hr-001", "pre-appointment publicity (lawful, contains 拟任); clean",
   "桐源县委管理干部任职前公示\n\n根据《党政领导干部选拔任用工作条例》规定，现将拟任职干部情况公示如下：\n王建平，男，1982年7月生，大学学历，中共党员，现任县发展改革局副局长，拟任县商务局局长。\n公示时间：2027年12月8日至12月14日。如有情况反映，请在公示期间通过来信、来电、来访等方式向县委组织部反映（电话：0579-85012380，12380举报网站：www.ty12380.gov.cn）。"))
A(("hr-002", "inspection announcement leaking ranking of candidates and votes",
   "【组工动态】县商务局局长人选考察工作启动\n\n12月2日，县委组织部考察组进驻县发展改革局。⟦secret_topic|本次考察对象为王建平、徐丽、童永强3名同志，民主推荐得票分别为42票、31票、18票⟧，考察结果将提交县委常委会研究。"))
A(("hr-003", "recruitment notice for auxiliary police; clean",
   "桐源县公安局2027年公开招聘警务辅助人员公告\n\n一、招聘计划：招聘辅警30名，其中巡特警岗位20名、交通管理岗位10名。\n二、报名条件：18周岁以上、30周岁以下，高中及以上学历，身体健康。\n三、报名方式：12月10日至12月17日登录“桐源人才网”报名，咨询电话：0579-85061023（工作日）。"))
A(("hr-004", "internal personnel adjustment plan announced before decision",
   "【工作简报】县教育局召开中层干部调整动员会\n\n12月3日，县教育局召开中层干部调整动员会。⟦secret_topic|根据初步方案，拟将基础教育科科长吕文杰调任人事科科长，拟提拔办公室副主任邹婷婷为办公室主任⟧，具体以局党组会议研究决定为准。"))
A(("hr-005", "civil servant probation results list with masked IDs; clean",
   "桐源县2027年度考试录用公务员拟录用人员公示（第一批）\n序号  姓名    性别  准考证号        毕业院校        拟录用单位\n1    程嘉怡  女   11733071201    浙江师范大学    县发展改革局\n2    孟子轩  男   11733071609    宁波大学        县财政局\n3    黎欣然  女   11733072213    浙江工商大学    城关镇人民政府\n公示期5个工作日，监督电话：0579-85012380。"))
A(("hr-006", "new hires list with full phone numbers for onboarding notice",
   "县人民医院2027年公开招聘护理人员入职报到通知\n\n请以下人员于12月15日上午8:30到医院人事科报到：\n⟦person_name|乔欣怡⟧ ⟦mobile_phone|{PH}⟧\n⟦person_name|殷梦洁⟧ ⟦mobile_phone|{PH}⟧\n⟦person_name|柯佳慧⟧ ⟦mobile_phone|{PH}⟧\n报到时请携带身份证原件、毕业证书、护士执业资格证书。"))
A(("hr-007", "disciplinary decision already public; clean",
   "桐源县纪委监委通报3起违反中央八项规定精神典型问题\n\n1. 县住建局原副局长韩某某违规收受礼品礼金问题。2022年至2027年，韩某某多次收受管理服务对象所送购物卡，共计4.6万元。韩某某受到党内严重警告处分，违纪所得已被收缴。\n2. 石门乡原党委委员陈某公车私用问题。陈某受到党内警告处分。"))
A(("hr-008", "appointment news with 'county party committee secretary' error 县县委书记",
   "【人事】市委决定：沈建华同志任⟦banned_term|中共桐源县县委书记⟧\n\n12月1日，桐源县召开领导干部大会，宣布市委关于桐源县委主要领导职务调整的决定：沈建华同志任中共桐源县委委员、常委、书记。"))

# ---------------------------------------------------------------- emergency / epidemic notices
A(("yj-001", "epidemic notice disclosing a patient's name and home address",
   "关于我县发现1例输入性登革热病例的情况通报\n\n12月4日，我县报告1例输入性登革热病例。⟦sensitive_personal_info|患者胡振宇，男，35岁⟧，近期有东南亚旅行史，⟦address|现住城关镇南门路锦绣苑3幢1单元502室⟧。目前患者已在县人民医院隔离治疗，病情稳定。疾控部门已对其住所周边开展灭蚊工作。"))
A(("yj-002", "epidemic notice with anonymised patient; clean",
   "关于我县发现1例输入性登革热病例的情况通报\n\n12月4日，我县报告1例输入性登革热病例。患者为男性，35岁，近期有境外旅行史，现住城关镇。目前患者已在县人民医院隔离治疗，病情稳定。疾控部门已对其居住地周边开展蚊媒应急监测和灭蚊工作。登革热不会人传人，请市民朋友不必恐慌，做好防蚊灭蚊。"))
A(("yj-003", "flood emergency response notice; clean",
   "桐源县防汛防台抗旱指挥部关于启动防台风Ⅳ级应急响应的通知\n\n各乡镇、县防指各成员单位：\n据气象部门预报，今年第18号台风“海葵”将于9月3日夜间影响我县。根据《桐源县防汛防台抗旱应急预案》，县防指决定于9月2日18时起启动防台风Ⅳ级应急响应。请各地各部门立即进入应急状态，落实24小时值班制度。\n值班电话：0579-85017110"))
A(("yj-004", "emergency duty roster with officials' private mobiles",
   "关于做好2028年元旦期间值班值守工作的通知\n\n附：县应急管理局元旦值班表\n12月31日  带班领导：副局长⟦person_name|项伟民⟧ ⟦mobile_phone|{PH}⟧  值班员：钟磊 0579-85017110\n1月1日    带班领导：局长⟦person_name|鲍国平⟧ ⟦mobile_phone|{PH}⟧  值班员：杨帆 0579-85017110\n请各值班人员保持通讯畅通。"))
A(("yj-005", "safety production notice using outdated 安监局",
   "关于开展冬季安全生产大检查的通知\n\n各乡镇、各有关单位：\n为切实做好岁末年初安全生产工作，⟦outdated_term|县安全生产监督管理局⟧决定自12月10日起在全县开展为期一个月的冬季安全生产大检查，重点检查危险化学品、烟花爆竹、建筑施工、人员密集场所等领域。"))
A(("yj-006", "emergency notice listing rescued minors with names and school",
   "【通报】石门乡山洪灾害转移安置情况\n\n截至9月4日6时，石门乡累计转移群众1263人，其中⟦sensitive_personal_info|困在石门小学宿舍的学生方子轩（8岁）、方子涵（6岁）⟧已被消防救援人员安全转移。目前，全乡无人员伤亡。"))
A(("yj-007", "quarantine list of close contacts with full IDs",
   "关于对诺如病毒感染聚集性疫情密切接触者实施健康监测的通知（附名单）\n\n桐源二中高一（3）班密切接触者名单：\n⟦person_name|夏语桐⟧  ⟦id_card|{IDY}⟧\n⟦person_name|温博文⟧  ⟦id_card|{IDY}⟧\n其余42名学生名单另附。请各相关家庭做好居家健康监测，出现呕吐、腹泻等症状及时就医。"))
A(("yj-008", "earthquake drill news; clean",
   "我县开展2027年地震应急演练\n\n12月6日上午，县防震减灾工作领导小组在桐源一中开展地震应急疏散演练。随着警报响起，1800余名师生在3分30秒内全部疏散至操场安全区域。演练结束后，县应急管理局工作人员为师生讲解了地震避险自救知识。"))

# ---------------------------------------------------------------- cross-strait, HK/Macau, foreign affairs
A(("ga-001", "cross-strait news with correct formulations; clean",
   "第五届桐台青年创业交流会开幕\n\n12月5日，第五届桐台青年创业交流会在桐源县开幕。来自台湾地区的30余名青年创业者参加。与会嘉宾表示，两岸同胞同属中华民族，要坚持“九二共识”、反对“台独”，推动两岸关系和平发展。县台办负责人介绍，截至目前已有27家台资企业落户桐源。"))
A(("ga-002", "cross-strait news: 台独 and Legislative Yuan without quotes",
   "第五届桐台青年创业交流会开幕\n\n来自台湾的30余名青年参加活动。一名参加过台湾⟦needs_quotes|立法院⟧实习的青年表示，⟦needs_quotes|台独⟧势力的挑衅不得人心，两岸青年应加强交流。"))
A(("ga-003", "news using 两岸三地",
   "【文化交流】“茶和天下”茶文化节开幕\n\n12月3日，“茶和天下”茶文化节在桐溪古镇开幕。来自⟦political_term|两岸三地⟧的茶艺师同台献艺，台湾乌龙、香港港式奶茶、桐源高山云雾茶同场飘香。"))
A(("ga-004", "news saying HK tourists 'come to China'",
   "【文旅】“港澳游客桐源行”活动启动\n\n为吸引更多⟦political_term|港澳游客来华旅游⟧，县文化和旅游局推出“港澳游客专线”，首批120名香港游客将于12月15日抵达。"))
A(("ga-005", "HK/Macau tourism news with correct formulation; clean",
   "【文旅】“港澳游客桐源行”活动启动\n\n为吸引更多港澳游客来内地旅游，县文化和旅游局推出“港澳游客专线”，首批120名香港游客将于12月15日抵达。游客将参观桐溪古镇、品尝桐源农家菜。香港旅游业议会代表表示，内地与香港文旅合作前景广阔。"))
A(("ga-006", "foreign delegation news with a passport number of a guest",
   "【外事】德国友好城市代表团访问桐源\n\n12月4日，德国巴特赫斯菲尔德市代表团一行6人抵达桐源。县外办已为代表团团长施密特先生（⟦passport|护照号C7K2M9P41⟧）办理了临时住宿登记。代表团参观了永安机械、桐溪新材料等企业。"))
A(("ga-007", "news with 'Taiwan government' and ROC calendar",
   "【两岸】台湾农业考察团来桐源考察\n\n考察团团长表示，⟦political_term|台湾政府⟧近年来大力推动精致农业，希望与桐源在高山茶种植方面加强合作。考察团将在桐源停留三天。"))
A(("ga-008", "Taiwan compatriot permit number leaked in service news",
   "【为侨服务】县台办为台胞办理居住证\n\n12月1日，在桐源创业的台胞⟦person_name|林志伟⟧先生来到县公安局出入境大厅，凭⟦travel_permit|台胞证号码08716435⟧顺利办理了台湾居民居住证。县台办工作人员全程陪同，让台胞感受到“同等待遇”。"))
A(("ga-009", "Macau compatriot's Home Return Permit in lost-and-found notice",
   "【失物招领】城关派出所昨日捡到证件一本\n\n证件类型：港澳居民来往内地通行证（回乡证），持证人⟦person_name|梁嘉欣⟧，证件号码⟦travel_permit|M60287341 02⟧。请失主携带其他有效证件到城关派出所（解放路12号）认领。"))
A(("ga-010", "foreign affairs news: 'North Korea' correct, Islamic countries; clean",
   "【国际】我县企业积极开拓“一带一路”市场\n\n今年以来，桐源永安机械有限公司产品出口到沙特阿拉伯、印度尼西亚、马来西亚等共建“一带一路”国家和地区，出口额同比增长26%。公司负责人介绍，明年将在东南亚设立海外仓。"))
A(("ga-011", "foreign news with 穆斯林国家 cautious term",
   "【国际】我县企业积极开拓海外市场\n\n今年以来，桐源永安机械产品出口到多个⟦banned_term|穆斯林国家⟧，出口额同比增长26%。公司负责人介绍，产品已通过清真认证。"))
A(("ga-012", "Taiwan leader correctly named; clean",
   "【两岸】国务院台办：坚决反对“台独”分裂行径\n\n国务院台办发言人在例行新闻发布会上表示，台湾地区领导人近日发表谋“独”言论，再次暴露其顽固坚持“台独”分裂立场。两岸同胞要坚定反“独”促统，共同创造中华民族伟大复兴的美好未来。县台办组织干部收看了发布会直播。"))
A(("ga-013", "HK news using 'China and HK' wrongly as 中港 and foreign list fine",
   "【经贸】桐源（香港）招商推介会成功举办\n\n推介会上，县领导介绍了桐源的区位优势和产业基础，现场签约项目8个，总投资56.8亿元。香港桐源同乡会会长表示，将积极促进⟦political_term|中港合作⟧。"))
A(("ga-014", "Diaoyu Islands name wrong in a history article",
   "【学史】抗战胜利纪念日特别策划\n\n……日本侵占⟦political_term|尖阁群岛⟧的图谋从未得逞。钓鱼岛及其附属岛屿自古以来就是中国的固有领土。"))

# ---------------------------------------------------------------- leaders' activities
A(("ld-001", "leader activity news, correct titles and formulations; clean",
   "沈建华在调研安全生产工作时强调 坚决守住安全底线\n\n12月6日，县委书记沈建华深入桐源经济开发区、城关镇调研安全生产工作。他强调，要深入学习贯彻习近平总书记关于安全生产的重要论述，牢固树立安全发展理念，坚持人民至上、生命至上，以“时时放心不下”的责任感抓好各项工作。县委常委、常务副县长郑晓梅参加调研。"))
A(("ld-002", "leader activity news with misspelt 不忘初心 and 中国特色社会主义",
   "县委理论学习中心组举行2027年第12次集体学习\n\n会议指出，要⟦key_term_misspelling|不忘出心⟧、牢记使命，深入学习贯彻习近平新时代⟦key_term_misspelling|中国特色社会主意⟧思想，以党的创新理论武装头脑、指导实践、推动工作。"))
A(("ld-003", "leader news with 一国两制 misspelt",
   "县政协举办港澳台侨界委员座谈会\n\n座谈会上，委员们结合自身经历，畅谈对“⟦key_term_misspelling|一国两治⟧”方针的认识和体会，表示将继续当好桥梁纽带，为促进祖国统一贡献力量。县政协主席杜永明出席并讲话。"))
A(("ld-004", "leader news with 检察院院长 title error",
   "县委书记沈建华走访慰问政法干警\n\n12月5日，县委书记沈建华走访慰问县法院、县检察院和县公安局。县法院院长吕国强、⟦banned_term|县检察院院长⟧许文斌分别汇报了今年以来的工作情况。"))
A(("ld-005", "leader news with correct 检察长 and 人大常委会副主任; clean",
   "县委书记沈建华走访慰问政法干警\n\n12月5日，县委书记沈建华走访慰问县法院、县检察院和县公安局。县法院院长吕国强、县检察院检察长许文斌分别汇报了工作情况。县人大常委会副主任俞光明、县委常委、政法委书记田卫国参加走访。"))
A(("ld-006", "county economic work meeting news; clean",
   "全县经济工作会议召开\n\n12月7日，全县经济工作会议在县行政中心召开。县委书记沈建华出席会议并讲话，县长周立新主持会议。会议全面总结2027年经济工作，分析当前经济形势，部署2028年经济工作。会议以视频形式开到各乡镇。"))
A(("ld-007", "leader visiting news including the leader's private itinerary before it happens",
   "【预告】市委主要领导将来桐源调研\n\n据悉，⟦secret_topic|市委书记一行将于12月12日上午9时从市区出发，先后到达桐溪大桥工地、永安机械和石门乡下湾村，午餐安排在下湾村文化礼堂，下午2时返程⟧。请各相关单位做好准备。"))
A(("ld-008", "leader news using 两个确立 correctly with study formulation; clean",
   "县人大常委会党组召开专题学习会\n\n会议强调，要深刻领悟“两个确立”的决定性意义，进一步增强“四个意识”、坚定“四个自信”、做到“两个维护”，始终在思想上政治上行动上同以习近平同志为核心的党中央保持高度一致，依法履职尽责，推动人大工作高质量发展。"))

# ---------------------------------------------------------------- IT notices, credentials
A(("it-001", "IT notice with admin credentials",
   "关于启用新版协同办公系统的通知\n\n各单位：\n新版协同办公系统将于12月10日正式启用。各单位管理员请使用以下账号进行初始化配置：⟦credential|管理员账号：tyoa_admin，密码：Ty@oa2027⟧。系统访问地址：https://oa.tongyuan.gov.cn。如有问题请联系县大数据发展中心（0579-85016600）。"))
A(("it-002", "IT notice with password policy advice; clean",
   "关于加强政务账号密码安全管理的提醒\n\n近期，个别单位出现弱口令被破解的情况。请各单位：一是立即修改系统初始密码，密码长度不少于12位，包含大小写字母、数字和特殊字符；二是不得将账号密码借给他人使用或粘贴在电脑旁；三是定期更换密码。如发现账号异常，请立即报告县委网信办。"))
A(("it-003", "IT notice disclosing a system vulnerability before fixing",
   "关于县政务服务网上办事系统安全检查情况的通报\n\n经检测，⟦credential|县政务服务网上办事系统存在SQL注入高危漏洞，攻击者可通过/apply/query.do?id=参数获取后台数据库数据⟧，目前尚未修复。请县大数据发展中心尽快整改。"))
A(("it-004", "IT notice with a VPN server and database connection string",
   "关于远程办公VPN接入的操作说明\n\n1. 下载客户端后，服务器地址填写⟦credential|vpn.tongyuan.gov.cn:4433⟧；\n2. 使用本人统一身份认证账号登录；\n3. 登录后访问人口库接口，⟦credential|数据库连接串：jdbc:oracle:thin:@172.20.8.41:1521/rkk，用户名rkk_read，密码Rk#2027read⟧。"))
A(("it-005", "cybersecurity week news describing attack types; clean",
   "我县举办2027年网络安全宣传周活动\n\n活动现场，县委网信办工作人员通过案例讲解了钓鱼邮件、勒索病毒、弱口令、SQL注入等常见网络攻击手段，提醒大家不要随意点击陌生链接，不要在公共WiFi下登录网银。现场还开展了“个人信息保护”知识问答，发放宣传资料2000余份。"))
A(("it-006", "IT notice with server room IPs of the internal network",
   "关于机房搬迁期间部分系统暂停服务的公告\n\n因县政务云机房搬迁，12月12日20:00至13日8:00部分系统暂停服务。涉及服务器：⟦credential|财政一体化系统（192.168.30.12）、不动产登记系统（192.168.30.27）⟧。给您带来不便，敬请谅解。"))
A(("it-007", "public WiFi notice for a library (public password posted on wall); clean?",
   "县图书馆新馆开放公告\n\n县图书馆新馆将于12月18日正式对外开放。开放时间：周二至周日9:00-20:30，周一闭馆。馆内提供免费无线网络，读者凭读者证号登录。新馆设有少儿阅览区、自习区、非遗展示区等，欢迎广大读者前往。"))
A(("it-008", "IT notice: a test account for a data platform with personal token",
   "关于开展公共数据平台接口联调的通知\n\n请各部门技术人员于12月15日前完成接口联调。测试环境：https://data-test.tongyuan.gov.cn，⟦credential|测试AppKey：ty_dsj_7f3a9c，AppSecret：8d2e61b7c04f4a6e9e1b2c3d4f5a6b7c⟧。联调完成后请及时反馈。"))

# ---------------------------------------------------------------- comment sections with spam, threats
A(("pl-001", "article comments with gambling spam using pinyin initials and homophones",
   "【留言精选】《桐源县2028年民生实事项目征集开始啦》\n@老桐源：建议城北多建几个停车场\n@宝妈一枚：希望多建公办幼儿园\n@菠菜🥬导师：⟦prohibited_content|bo彩 菠菜网 真人百家乐 输了包赔 日赚5000+⟧ 看头像\n@退休教师：支持，给政府点赞"))
A(("pl-002", "comments with sex spam using split characters and symbols",
   "【留言精选】《桐溪古镇灯会今晚亮灯》\n@摄影爱好者：拍了好多好看的照片\n@小仙女：⟦prohibited_content|裸·聊·一·对·一，看·片·加·我⟧ 🔞 ⟦prohibited_content|QQ 3 3 8 6 7 1 2 0⟧\n@古镇店主：欢迎大家来玩"))
A(("pl-003", "comments with loan-shark and fake-invoice spam",
   "【留言精选】《县税务局上门辅导小微企业申报》\n@会计小陈：讲得很清楚，谢谢\n@财税服务：⟦prohibited_content|代开各地增值税发票，票真可查，点数低⟧ 联系⟦prohibited_content|一三八零五七九四四二一⟧\n@小微企业主：希望多举办这样的活动"))
A(("pl-004", "comments with a cult promotion disguised",
   "【留言精选】《重阳节敬老活动走进社区》\n@社区志愿者：老人们都很开心\n@天音：⟦prohibited_content|三退保平安，大纪元真相请看⟧，勿信官方\n@孝心女儿：谢谢社区关心我妈妈"))
A(("pl-005", "comments with a violent threat to a named official",
   "【留言精选】《城南片区征迁工作稳步推进》\n@城南老住户：希望补偿标准公开透明\n@不服气：⟦prohibited_content|姓邓的指挥部主任你等着，哪天晚上在路上碰到，弄死你全家⟧\n@小区业主：支持旧城改造"))
A(("pl-006", "comments: civil criticism without insult; clean",
   "【留言精选】《城南片区征迁工作稳步推进》\n@城南老住户：希望补偿标准公开透明，别让老实人吃亏。\n@小区业主：支持旧城改造，但过渡期的租房补贴能不能提高一点？\n@路过的网友：上次说年底交房，现在又推迟了，希望给个准确时间。\n作者回复：感谢关注，补偿标准和安置进度已在县政府网站公开，欢迎监督。"))
A(("pl-007", "comments with gambling link disguised with fullwidth letters and dots",
   "【留言精选】《世界杯来了！县体育馆设球迷观赛区》\n@球迷老张：终于不用熬夜一个人看了\n@足彩大神：⟦prohibited_content|ｗｗｗ·ｂｅｔ６６８·ｃｏｍ 足球外围 高赔率 首存送彩金⟧\n@大学生小李：一起去"))
A(("pl-008", "comments: drug slang disguised with emoji",
   "【留言精选】《夜经济点亮桐源》\n@夜猫子：夜市越来越热闹了\n@嗨起来：⟦prohibited_content|❄️冰糖🍬 + 🍃叶子 同城配送 懂的来⟧\n@夜市摊主：生意好多了"))
A(("pl-009", "comments quoting anti-drug knowledge including slang names; clean",
   "【留言精选】《禁毒知识小课堂》\n@初中老师：原来毒品会伪装成“跳跳糖”“奶茶粉”“邮票”，这些知识太有用了，转给学生家长。\n@社区网格员：冰毒、K粉、“叶子”（大麻）都是毒品，吸食一次就可能成瘾，大家一定要警惕！\n@家长：谢谢科普，已转发家长群。"))
A(("pl-010", "comments: insulting a disabled person, using a slur",
   "【留言精选】《残疾人运动员载誉归来》\n@体育迷：太厉害了！\n@键盘侠：⟦prohibited_content|一个瘸子有什么好宣传的，残废就该在家待着⟧\n@桐源青年：为他们的拼搏精神点赞"))
A(("pl-011", "comments: fake certificate / seal carving spam with spaced digits",
   "【留言精选】《县市场监管局推行企业开办“一日办结”》\n@创业者：效率真高\n@刻章办证：⟦prohibited_content|刻 章 办 证 ，身 份 证 驾 驶 证 毕 业 证 一 比 一 还 原⟧，⟦prohibited_content|微 tk2233⟧\n@小店老板：点赞"))
A(("pl-012", "comments with pornography spam using letters",
   "【留言精选】《县图书馆推出“深夜书房”》\n@书虫：太好了，终于有地方晚上看书了\n@午夜福利：⟦prohibited_content|免费看 AV 无码 高清 资源⟧，⟦prohibited_content|关注T G 频道 @tyfuli⟧\n@大学生：寒假有去处了"))

# ---------------------------------------------------------------- wording: outdated names, Xinhua list
A(("wd-001", "notice with outdated 卫生和计划生育局 and 工商局",
   "关于开展2027年度食品安全“双随机”抽查的公告\n\n根据工作安排，⟦outdated_term|县卫生和计划生育局⟧、⟦outdated_term|县工商行政管理局⟧将联合开展食品安全抽查，重点检查学校食堂、农村集体聚餐等。"))
A(("wd-002", "notice with current agency names; clean",
   "关于开展2027年度食品安全“双随机”抽查的公告\n\n根据工作安排，县市场监督管理局、县卫生健康局、县教育局将联合开展食品安全抽查，重点检查学校食堂、校外托管机构、农村集体聚餐等，抽查结果将在县政府门户网站公开。"))
A(("wd-003", "notice with outdated 扶贫办 after reform",
   "关于2027年衔接推进乡村振兴补助资金项目安排的公示\n\n根据上级文件要求，经⟦outdated_term|县扶贫办⟧审核，现将2027年衔接资金项目安排公示如下：石门乡下湾村高山蔬菜基地建设项目，补助资金120万元。"))
A(("wd-004", "article quoting the Xinhua list as a norm; clean by context",
   "【编辑课堂】新闻写作中的规范用语\n\n根据新华社新闻信息报道中的禁用词和慎用词规定，报道中应使用“村民委员会主任”或“村主任”，不使用“村长”；称“残疾人”，不使用“残废人”；对朝鲜应称“朝鲜”，不称“北朝鲜”。本号编辑将认真遵守，欢迎读者监督。"))
A(("wd-005", "news with 蒙族 and 影帝",
   "【文艺】“桐源之夜”跨年晚会节目单出炉\n\n本次晚会邀请了⟦banned_term|蒙族⟧歌手乌兰图雅，以及知名⟦banned_term|影帝⟧陈某某的亲友团。晚会将于12月31日晚在县体育馆举行。"))
A(("wd-006", "news with outdated 国土资源局 without 原",
   "【通知】关于办理农村宅基地审批的说明\n\n村民申请宅基地，应向村委会提出申请，经乡镇审核后报⟦outdated_term|县国土资源局⟧备案。具体办理流程请咨询乡镇便民服务中心。"))
A(("wd-007", "historical article using 解放前 in proper historical sense; clean",
   "【老桐源记忆】一条老街的百年变迁\n\n东门老街始建于明代，新中国成立前是县城最繁华的商业街，布庄、药铺、茶馆林立。改革开放后，老街一度衰落。2019年，县里启动老街保护性修缮，如今这里又成了游客打卡地。"))
A(("wd-008", "news with 台湾国语 unquoted",
   "【两岸】海峡两岸青少年书法交流营开营\n\n营员们用普通话和台湾⟦needs_quotes|国语⟧交流，发现两岸用语只有细微差别。台湾营员表示，书法是两岸共同的文化根脉。"))

# ---------------------------------------------------------------- more markers, identifiers and look-alikes
A(("mk-001", "work plan posted with 密级 line and copy number",
   "000036\n⟦classification_mark|密级：秘密⟧\n\n桐源县2028年春节期间安全保卫工作方案\n\n为确保春节期间全县社会大局持续稳定，制定本方案。\n一、组织领导：成立春节安保工作领导小组，县委副书记任组长。\n二、重点任务：加强对车站、商场等人员密集场所的巡逻防控……"))
A(("mk-002", "exam-paper security news mentioning 绝密 process in general terms; clean",
   "【教育】我县圆满完成2028年普通高校招生考试试卷接收工作\n\n1月5日，高考（选考）试卷运抵我县。在公安民警全程押运下，试卷被安全送入县教育考试院标准化保密室，实行24小时视频监控和双人值守。县教育局负责人表示，将严格落实保密规定，确保考试安全平稳。"))
A(("mk-003", "document forwarded with 'not for public release' note",
   "关于印发《桐源县2028年重点工程项目计划》的通知\n\n各乡镇人民政府，县政府各部门：\n现将《桐源县2028年重点工程项目计划》印发给你们，请认真贯彻执行。\n\n桐源县人民政府\n2027年12月6日\n⟦internal_marker|（此件不公开）⟧"))
A(("mk-004", "briefing with 'for leaders' reference only'",
   "【舆情动态】第48期\n\n⟦internal_marker|仅供领导参阅⟧\n\n近期，网民在本地论坛集中反映城南片区征迁补偿问题，相关帖子阅读量累计达12万次，部分网民情绪激动。建议县征迁指挥部及时回应关切。"))
A(("mk-005", "news of a lawful secret-keeping campaign quoting 秘密 words; clean",
   "我县开展保密宣传教育月活动\n\n活动期间，县委保密办组织全县机关干部观看了保密警示教育片，通报了多起因违规使用手机拍摄涉密文件、在互联网上处理国家秘密信息导致泄密的典型案例，并对新修订的保密法中关于工作秘密管理的内容进行了解读。"))
A(("mk-006", "draft marker 未定稿 on a plan text",
   "桐源县“十五五”文化和旅游发展规划（⟦draft_marker|未定稿⟧）\n\n第一章 发展基础\n“十四五”期间，全县累计接待游客4680万人次，实现旅游总收入512亿元……\n第二章 总体要求\n……"))
A(("mk-007", "a resident's passport number in an exit-permit service story",
   "【暖心服务】出入境窗口“加急办”助力企业出海\n\n12月3日，永安机械外贸业务员⟦person_name|邹晓东⟧因紧急出国洽谈业务前来办证。出入境窗口开通绿色通道，当天为其签发了护照（⟦passport|证件号码E96318425⟧），助力企业抢抓订单。"))
A(("mk-008", "complaint reply quoting a personal WeChat ID and email",
   "【县长信箱】关于小区物业费上涨的问题\n留言人：业主王女士（⟦social_account|微信号：wangli_tyhy⟧，⟦email|邮箱：wangli0816@qq.com⟧）\n留言内容：物业费从每平方1.2元涨到1.8元，没有经过业主大会。\n回复：您好！县住建局已约谈物业公司，责令其依法履行调价程序。"))
A(("mk-009", "illegal parking exposure with full plates and owner phone",
   "【曝光】城区违停“黑榜”（12月第1周）\n以下车辆多次占用消防通道停车：\n⟦licence_plate|浙KQ8R27⟧ 车主电话 ⟦mobile_phone|{PH}⟧\n浙K·7**53（已处理）\n请车主主动到交警大队接受处理。"))
A(("mk-010", "news about the 'secret weapon' of a company and 机密性 in data security; clean",
   "【营商环境】小微企业的“秘密武器”\n\n桐源县鸿达竹木制品厂负责人笑着说，企业的“秘密武器”就是县里推出的“科技特派员”制度。在特派员指导下，厂里开发了竹纤维餐具，去年销售额翻了一番。县科技局表示，将继续做好数据安全和信息机密性保护指导。"))
A(("mk-011", "lawful land auction announcement with public starting price; clean",
   "桐源县国有建设用地使用权挂牌出让公告\n\n经县人民政府批准，县自然资源和规划局决定以挂牌方式出让TY-2027-09地块国有建设用地使用权。地块面积57600平方米，用途为工业用地，出让年限50年，挂牌起始价1944万元，增价幅度10万元。申请人可于2028年1月2日至1月22日到县公共资源交易中心领取挂牌出让文件。"))
A(("mk-012", "press reply that mentions the names and minor status of a traffic-accident child, masked; clean",
   "【回应】关于“校门口电动车撞人”事件的情况通报\n\n12月4日16时20分许，一名骑电动自行车的男子在东门小学门口与一名放学的小学生发生碰撞，致该学生轻微擦伤。目前，学生已在家长陪同下完成检查，无大碍；肇事者杜某已被交警部门依法处理。"))
