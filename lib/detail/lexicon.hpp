// Vocabulary of the genre, kept in one place: what label shapes, titles,
// metadata keys and page furniture look like in Chinese government releases.
// These are properties of the language and the publishing format, not of any
// one bulletin.
#pragma once

#include <string_view>

namespace bulletin::detail {

/// Single-character surnames, simplified and traditional, by frequency.
inline constexpr std::string_view kSurnames =
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左"
    "柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈"
    "饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵"
    "苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝封钮蔺廉"
    "陳張劉楊黃趙吳孫馬鄭謝許韓馮鄧曹彭蕭葉蘇呂盧鍾譚陸賈鄒龔萬錢嚴湯賴閆羅傅蔣魏齊喬龐顏聶鮑";

/// Two-character surnames.
inline constexpr std::string_view kCompoundSurnames[] = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
    "宇文", "夏侯", "长孙", "司徒", "端木", "独孤", "南宫", "歐陽", "司馬", "諸葛"};

/// Ranks and posts that end an official's title (longest first matters to callers).
inline constexpr std::string_view kRanks[] = {
    "新闻发言人", "常务副局长", "常务副主任", "二级调研员", "一级调研员", "党组书记", "党委书记",
    "副总经理",   "总经济师",   "总工程师",   "副董事长",   "副秘书长",   "副支队长", "副大队长",
    "副主任",     "副局长",     "副区长",     "副市长",     "副县长",     "副镇长",   "副主席",
    "副院长",     "副所长",     "副处长",     "副科长",     "副队长",     "副部长",   "副厅长",
    "副司长",     "副书记",     "副校长",     "副站长",     "副馆长",     "负责人",   "发言人",
    "总经理",     "董事长",     "秘书长",     "支队长",     "大队长",     "调研员",   "工程师",
    "主任",       "局长",       "区长",       "市长",       "县长",       "镇长",     "乡长",
    "主席",       "院长",       "所长",       "处长",       "科长",       "队长",     "部长",
    "厅长",       "司长",       "书记",       "委员",       "经理",       "校长",     "站长",
    "馆长",       "总监",       "政委",       "主管",       "专员",       "干事",     "助理",
    "社长",       "行长",       "会长",       "组长",       "教授",       "主任醫師", "局長",
    "區長",       "市長",       "縣長",       "院長",       "處長",       "科長",     "隊長",
    "部長",       "負責人",     "發言人",     "書記",       "主任委員"};

/// Honorifics that close an introduction: 建设局副局长宋敏同志.
inline constexpr std::string_view kHonorifics[] = {"同志", "先生", "女士"};

/// Metadata keys of government information-disclosure pages.
inline constexpr std::string_view kMetadataKeys[] = {"有效性/截止日期",
                                                     "信息来源",
                                                     "发布机构",
                                                     "发文机关",
                                                     "发文字号",
                                                     "内容分类",
                                                     "主题分类",
                                                     "公开方式",
                                                     "公开范围",
                                                     "公开时限",
                                                     "成文日期",
                                                     "发布日期",
                                                     "发布时间",
                                                     "公开日期",
                                                     "生成日期",
                                                     "责任部门",
                                                     "责任编辑",
                                                     "索引号",
                                                     "有效性",
                                                     "主题词",
                                                     "关键词",
                                                     "文号",
                                                     "来源",
                                                     "作者",
                                                     "日期",
                                                     "时间",
                                                     "浏览次数",
                                                     "点击数",
                                                     "访问量",
                                                     "发布機構",
                                                     "索引號",
                                                     "來源",
                                                     "發布日期",
                                                     "發布時間",
                                                     "标题",
                                                     "題目",
                                                     "题目",
                                                     "標題"};

/// Metadata keys whose value is the document's title.
inline constexpr std::string_view kTitleKeys[] = {"标题", "題目", "题目", "標題"};

/// Words that end the name of a kind of document; a short line ending in one
/// continues a title broken over two lines (…国民经济和社会发展 / 统计公报).
inline constexpr std::string_view kDocumentKinds[] = {
    "公报",     "报告", "发布会", "通报", "公告", "通知",   "纪要", "实录",
    "答记者问", "答问", "白皮书", "公報", "報告", "發布會", "通報"};

/// Keys whose value dates the document, best first.
inline constexpr std::string_view kDateKeys[] = {"成文日期", "发布日期", "發布日期",
                                                 "发布时间", "發布時間", "公开日期",
                                                 "日期",     "时间",     "生成日期"};

/// Whole lines that are page furniture, not content (compared case-insensitively).
inline constexpr std::string_view kNoiseLines[] = {"video",
                                                   "关怀版",
                                                   "關懷版",
                                                   "无障碍",
                                                   "打印",
                                                   "打印本页",
                                                   "关闭",
                                                   "关闭窗口",
                                                   "【打印】",
                                                   "【关闭】",
                                                   "[打印]",
                                                   "[关闭]",
                                                   "分享到:",
                                                   "分享到",
                                                   "扫一扫",
                                                   "扫一扫在手机打开当前页",
                                                   "返回顶部",
                                                   "上一篇",
                                                   "下一篇",
                                                   "字号:大 中 小",
                                                   "【字体:大 中 小】",
                                                   "字体:大 中 小",
                                                   "【字号:大 中 小】",
                                                   "收藏",
                                                   "audio",
                                                   "play",
                                                   "视频",
                                                   "图片",
                                                   "您当前的位置:首页"};

/// Words that mark a plan or goal rather than an achieved figure.
inline constexpr std::string_view kTargetWords[] = {"力争", "计划", "目标", "预计",   "争取",
                                                    "确保", "拟",   "预期", "将达到", "将达",
                                                    "规划", "打算", "明年", "下一步", "今后"};

/// Words in a heading that make everything under it a plan.
inline constexpr std::string_view kPlanHeadingWords[] = {"打算", "计划", "目标", "明年", "下一步",
                                                         "下步", "展望", "安排", "思路", "任务"};

}  // namespace bulletin::detail
