// The recognizer's vocabulary, in one place (private; never installed).
//
// Character classes of Chinese numerals, the qualifier words before and after
// a number, the words that merely contain numeral characters (一切, 统一), and
// the characters that end a number without being its measure word.
#pragma once

#include <cstdint>
#include <string_view>

namespace bulletin::detail {

enum class NumChar : std::uint8_t {
  none,
  digit,   // 一 … 九 and their financial / traditional forms
  zero,    // 零 〇
  small,   // 十 百 千 (value = exponent)
  big,     // 万 亿 兆 (value = exponent)
  twenty,  // 廿 卅 卌 (value = tens)
  point,   // 点 點
  qual,    // 余 餘 多 几 幾 inside a numeral: 十余万, 三十万多亿, 二十几万
};

struct NumeralChar {
  NumChar type = NumChar::none;
  std::int8_t value = 0;
  bool financial = false;  // 壹 伍 陆 拾 …: also ordinary word characters (队伍, 陆地, 收拾)
  bool liang = false;  // 两 兩 俩 倆: "two" only before a measure word or scale
};

constexpr NumeralChar numeral_char(char32_t c) noexcept {
  switch (c) {
    case U'零':
    case U'〇':
    case U'○':
      return {NumChar::zero, 0, false, false};
    case U'一':
    case U'弌':
      return {NumChar::digit, 1, false, false};
    case U'壹':
      return {NumChar::digit, 1, true, false};
    case U'二':
    case U'弍':
      return {NumChar::digit, 2, false, false};
    case U'贰':
    case U'貳':
      return {NumChar::digit, 2, true, false};
    case U'两':
    case U'兩':
    case U'俩':
    case U'倆':
      return {NumChar::digit, 2, false, true};
    case U'三':
    case U'弎':
      return {NumChar::digit, 3, false, false};
    case U'叁':
    case U'參':
      return {NumChar::digit, 3, true, false};
    case U'四':
      return {NumChar::digit, 4, false, false};
    case U'肆':
      return {NumChar::digit, 4, true, false};
    case U'五':
      return {NumChar::digit, 5, false, false};
    case U'伍':
      return {NumChar::digit, 5, true, false};
    case U'六':
      return {NumChar::digit, 6, false, false};
    case U'陆':
    case U'陸':
      return {NumChar::digit, 6, true, false};
    case U'七':
      return {NumChar::digit, 7, false, false};
    case U'柒':
      return {NumChar::digit, 7, true, false};
    case U'八':
      return {NumChar::digit, 8, false, false};
    case U'捌':
      return {NumChar::digit, 8, true, false};
    case U'九':
      return {NumChar::digit, 9, false, false};
    case U'玖':
      return {NumChar::digit, 9, true, false};
    case U'十':
      return {NumChar::small, 1, false, false};
    case U'拾':
      return {NumChar::small, 1, true, false};
    case U'百':
      return {NumChar::small, 2, false, false};
    case U'佰':
      return {NumChar::small, 2, true, false};
    case U'千':
      return {NumChar::small, 3, false, false};
    case U'仟':
      return {NumChar::small, 3, true, false};
    case U'万':
    case U'萬':
      return {NumChar::big, 4, false, false};
    case U'亿':
    case U'億':
      return {NumChar::big, 8, false, false};
    case U'兆':
      return {NumChar::big, 12, false, false};
    case U'廿':
      return {NumChar::twenty, 2, false, false};
    case U'卅':
      return {NumChar::twenty, 3, false, false};
    case U'卌':
      return {NumChar::twenty, 4, false, false};
    case U'点':
    case U'點':
      return {NumChar::point, 0, false, false};
    case U'余':
    case U'餘':
    case U'多':
    case U'几':
    case U'幾':
      return {NumChar::qual, 0, false, false};
    default:
      return {};
  }
}

/// Where the scanner tries to read a number: digits, numerals, scales
/// (百分之 starts with 百), 第, 负, currency signs, 翻 (翻一番), 对 (打对折),
/// 半 (半成), full-width signs.
constexpr bool is_number_trigger(char32_t c) noexcept {
  const NumChar t = numeral_char(c).type;
  if (t != NumChar::none && t != NumChar::point && t != NumChar::qual) return true;
  switch (c) {
    case U'第':
    case U'负':
    case U'負':
    case U'翻':
    case U'对':
    case U'對':
    case U'半':
    case U'＄':
    case U'￥':
    case U'¥':
    case U'－':
    case U'−':
    case U'．':
      return true;
    default:
      return c >= 0xFF10 && c <= 0xFF19;
  }
}

// ---------------------------------------------------------------------------
// Qualifiers. `inclusive` says whether the stated number belongs to the
// interval (至少3 → [3, …), 超过3 → (3, …)). 以上/以下/以内 include the number,
// as Chinese statute defines them (刑法第九十九条: 以上、以下、以内，包括本数).

enum class QualBound : std::uint8_t { none, exact, lower, upper, approx };

struct QualWord {
  std::string_view word;
  QualBound bound;
  bool inclusive;
};

/// Written before the number. Entries with `none` are ordinary words that end
/// in a qualifier character (最近, 节约) and block it.
inline constexpr QualWord kPrefixQualifiers[] = {
    {"超过了", QualBound::lower, false},
    {"超过", QualBound::lower, false},
    {"超", QualBound::lower, false},
    {"逾", QualBound::lower, false},
    {"多于", QualBound::lower, false},
    {"大于", QualBound::lower, false},
    {"高于", QualBound::lower, false},
    {"至少", QualBound::lower, true},
    {"至少有", QualBound::lower, true},
    {"至少是", QualBound::lower, true},
    {"至少为", QualBound::lower, true},
    {"最少", QualBound::lower, true},
    {"最少有", QualBound::lower, true},
    {"不少于", QualBound::lower, true},
    {"不低于", QualBound::lower, true},
    {"不小于", QualBound::lower, true},
    {"大于等于", QualBound::lower, true},
    {"大于或等于", QualBound::lower, true},
    {"大于或者等于", QualBound::lower, true},
    {"≥", QualBound::lower, true},
    {">=", QualBound::lower, true},
    {">", QualBound::lower, false},
    {"不到", QualBound::upper, false},
    {"不足", QualBound::upper, false},
    {"少于", QualBound::upper, false},
    {"小于", QualBound::upper, false},
    {"低于", QualBound::upper, false},
    {"未满", QualBound::upper, false},
    {"不满", QualBound::upper, false},
    {"最多", QualBound::upper, true},
    {"最多有", QualBound::upper, true},
    {"最多为", QualBound::upper, true},
    {"最多是", QualBound::upper, true},
    {"至多", QualBound::upper, true},
    {"不超过", QualBound::upper, true},
    {"不多于", QualBound::upper, true},
    {"不高于", QualBound::upper, true},
    {"不大于", QualBound::upper, true},
    {"小于等于", QualBound::upper, true},
    {"小于或等于", QualBound::upper, true},
    {"小于或者等于", QualBound::upper, true},
    {"≤", QualBound::upper, true},
    {"<=", QualBound::upper, true},
    {"<", QualBound::upper, false},
    {"等于", QualBound::exact, true},
    {"=", QualBound::exact, true},
    {"约", QualBound::approx, true},
    {"约为", QualBound::approx, true},
    {"大约", QualBound::approx, true},
    {"大概", QualBound::approx, true},
    {"大致", QualBound::approx, true},
    {"近", QualBound::approx, true},
    {"将近", QualBound::approx, true},
    {"接近", QualBound::approx, true},
    {"差不多", QualBound::approx, true},
    // Traditional forms.
    {"超過", QualBound::lower, false},
    {"超過了", QualBound::lower, false},
    {"多於", QualBound::lower, false},
    {"大於", QualBound::lower, false},
    {"高於", QualBound::lower, false},
    {"不少於", QualBound::lower, true},
    {"不低於", QualBound::lower, true},
    {"不小於", QualBound::lower, true},
    {"少於", QualBound::upper, false},
    {"小於", QualBound::upper, false},
    {"低於", QualBound::upper, false},
    {"不超過", QualBound::upper, true},
    {"不多於", QualBound::upper, true},
    {"不高於", QualBound::upper, true},
    {"不大於", QualBound::upper, true},
    {"等於", QualBound::exact, true},
    {"約", QualBound::approx, true},
    {"約為", QualBound::approx, true},
    {"大約", QualBound::approx, true},
    {"將近", QualBound::approx, true},
    // Ordinary words ending in a qualifier character: never qualifiers.
    {"最近", QualBound::none, false},
    {"附近", QualBound::none, false},
    {"靠近", QualBound::none, false},
    {"临近", QualBound::none, false},
    {"邻近", QualBound::none, false},
    {"就近", QualBound::none, false},
    {"亲近", QualBound::none, false},
    {"贴近", QualBound::none, false},
    {"远近", QualBound::none, false},
    {"走近", QualBound::none, false},
    {"节约", QualBound::none, false},
    {"签约", QualBound::none, false},
    {"制约", QualBound::none, false},
    {"合约", QualBound::none, false},
    {"预约", QualBound::none, false},
    {"履约", QualBound::none, false},
    {"违约", QualBound::none, false},
    {"公约", QualBound::none, false},
    {"条约", QualBound::none, false},
    {"特约", QualBound::none, false},
    {"集约", QualBound::none, false},
    {"赶超", QualBound::none, false},
    {"高超", QualBound::none, false},
};

/// Written after the number (and its unit).
inline constexpr QualWord kSuffixQualifiers[] = {
    {"余", QualBound::lower, false},      {"餘", QualBound::lower, false},
    {"多", QualBound::lower, false},      {"以上", QualBound::lower, true},
    {"及以上", QualBound::lower, true},   {"或以上", QualBound::lower, true},
    {"或者以上", QualBound::lower, true}, {"或更多", QualBound::lower, true},
    {"或者更多", QualBound::lower, true}, {"之上", QualBound::lower, false},
    {"开外", QualBound::lower, false},    {"以下", QualBound::upper, true},
    {"及以下", QualBound::upper, true},   {"或以下", QualBound::upper, true},
    {"或者以下", QualBound::upper, true}, {"或更少", QualBound::upper, true},
    {"或者更少", QualBound::upper, true}, {"以内", QualBound::upper, true},
    {"之内", QualBound::upper, true},     {"以內", QualBound::upper, true},
    {"之內", QualBound::upper, true},     {"之下", QualBound::upper, false},
    {"左右", QualBound::approx, true},    {"上下", QualBound::approx, true},
    {"许", QualBound::approx, true},
};

/// After 比 + number: 比三十大 (more than 30), 比 170 低 (less than 170).
inline QualBound comparison_bound(char32_t c) noexcept {
  switch (c) {
    case U'大':
    case U'高':
    case U'多':
    case U'长':
      return QualBound::lower;
    case U'小':
    case U'低':
    case U'少':
    case U'短':
      return QualBound::upper;
    default:
      return QualBound::none;
  }
}

/// Characters after 上下 that make it part of a word (上下游, 上下班), not
/// "approximately".
inline bool continues_shangxia(char32_t c) noexcept {
  switch (c) {
    case U'游':
    case U'班':
    case U'级':
    case U'楼':
    case U'文':
    case U'限':
    case U'层':
    case U'功':
    case U'联':
    case U'贯':
    case U'同':
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------
// Words that contain numeral characters but are not numbers. Kept small: the
// general rules (what may follow a numeral, isolated financial forms, bare
// scales) do most of the work; these are the lexicalized exceptions.
inline constexpr std::string_view kNotNumbers[] = {
    // 一 as "all / together / once / same"
    "一切",
    "一些",
    "一起",
    "一致",
    "一样",
    "一般",
    "一直",
    "一定",
    "一旦",
    "一向",
    "一律",
    "一同",
    "一齐",
    "一再",
    "一味",
    "一贯",
    "一举",
    "一体",
    "一流",
    "一线",
    "一系列",
    "一方面",
    "一时",
    "一心",
    "一边",
    "一面",
    "一下",
    "一并",
    "一经",
    "一新",
    "一览",
    "一站式",
    "一揽子",
    "一把手",
    "一刀切",
    "一网通办",
    "一窗受理",
    "一次性",
    "一看",
    "一早",
    "一带一路",
    "一行",
    "一旁",
    "一侧",
    "一开始",
    "一口气",
    "一手",
    "一路",
    "一对一",
    "一键",
    "一体化",
    "一如既往",
    "一成不变",
    "一五一十",
    "一心一意",
    "一点点",
    "一道",
    "一番",
    "一度",
    "一阵",
    "一生",
    "一部分",
    "进一步",
    "一网统管",
    "一张蓝图",
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    // 一 after another character
    "统一",
    "唯一",
    "万一",
    "同一",
    "单一",
    "逐一",
    "专一",
    "划一",
    "一一",
    "合一",
    "归一",
    "之一",
    "其一",
    "某一",
    "任一",
    "初一",
    "十一五",
    "十二五",
    "十三五",
    "十四五",
    "十五五",
    // other digits
    "十分",
    "十足",
    "十全十美",
    "三亚",
    "四川",
    "四周",
    "四处",
    "四方",
    "四面八方",
    "五金",
    "五官",
    "五花八门",
    "八卦",
    "九州",
    "乱七八糟",
    "七上八下",
    "三心二意",
    "两岸",
    "两会",
    "两委",
    "两两",
    "两旁",
    "两侧",
    "两边",
    "三农",
    "百姓",
    "百货",
    "千方百计",
    "万事",
    "万物",
    "万分",
    "千万不",
    "十七大",
    "十八大",
    "十九大",
    "二十大",
    "二十届",
    "百分百",
    "三令五申",
    "五湖四海",
    "千家万户",
    // financial forms inside ordinary words
    "队伍",
    "入伍",
    "退伍",
    "伍仁",
    "陆续",
    "陆地",
    "大陆",
    "登陆",
    "着陆",
    "内陆",
    "陆军",
    "海陆",
    "水陆",
    "陆路",
    "陆上",
    "收拾",
    "拾取",
    "拾起",
    "拾到",
    "拾遗",
    "放肆",
    "肆意",
    "肆无忌惮",
    "肆虐",
};

/// Characters that may directly follow a number without being its measure
/// word: function words, and characters that clearly start a new word. The
/// number then has no unit.
inline bool starts_new_word(char32_t c) noexcept {
  constexpr std::u32string_view kChars =
      U"的是在和与及等年月日时中上下了也都就还又而并或但将已被把让使对从向以为于至到之其这那此"
      U"该各每共总合计达占比增减降升提同较不没无未可能要会应需请给由因如若即则乃亦仍再才很最更"
      U"太非前后内外里左右去来过着们吗呢吧啊呀嘛啦及并且即约近超逾达分秒号却特大小新老累成折";
  return kChars.find(c) != std::u32string_view::npos;
}

/// Characters that end a clause: a numeral before one of them needs no
/// measure word (“一”和“五”, 答案是五。).
inline bool is_clause_punct(char32_t c) noexcept {
  switch (c) {
    case U'，':
    case U',':
    case U'。':
    case U'.':
    case U'；':
    case U';':
    case U'：':
    case U':':
    case U'！':
    case U'!':
    case U'？':
    case U'?':
    case U'、':
    case U'）':
    case U')':
    case U'」':
    case U'』':
    case U'”':
    case U'"':
    case U'’':
    case U'\'':
    case U'》':
    case U'〉':
    case U'】':
    case U']':
    case U'\n':
    case U'\r':
    case U'\t':
    case U' ':
    case U'　':
    case U'…':
    case U'—':
    case U'～':
    case U'~':
    case U'/':
    case U'（':
    case U'(':
    case U'“':
    case U'《':
      return true;
    default:
      return false;
  }
}

/// Sentence punctuation after which a list marker (1. 一、) may start.
inline bool is_sentence_punct(char32_t c) noexcept {
  switch (c) {
    case U'。':
    case U'；':
    case U';':
    case U'：':
    case U':':
    case U'！':
    case U'!':
    case U'？':
    case U'?':
      return true;
    default:
      return false;
  }
}

/// Words right before a digit run that make it an identifier (热线12345).
inline constexpr std::string_view kIdentifierCues[] = {
    "热线", "电话", "拨打", "号码", "编号", "索引号", "邮编", "传真", "手机", "账号",
    "帐号", "代码", "文号", "证号", "工号", "QQ",     "qq",   "微信", "No.",  "NO.",
    "No",   "NO",   "no.",  "#",    "表",   "图",     "附件", "附表",
};

/// Characters after 成 that make it a verb or noun (完成 is before it; these
/// come after a numeral: 三成为, 一成不变): then 成 is not "tenths".
inline bool continues_cheng(char32_t c) noexcept {
  constexpr std::u32string_view kChars =
      U"立为功果本员绩效熟长交型品片就都人年分套批规网林群形灾才家语事不了效像";
  return kChars.find(c) != std::u32string_view::npos;
}

/// Characters after 折 that make it a verb (折合, 折旧), not a discount.
inline bool continues_zhe(char32_t c) noexcept {
  constexpr std::u32string_view kChars = U"合算旧扣射叠腾服返线损现中价纸";
  return kChars.find(c) != std::u32string_view::npos;
}

}  // namespace bulletin::detail
