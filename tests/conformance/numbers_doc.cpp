// Writes docs/numbers.md: every phenomenon the number recognizer handles, with
// an example and what find_numbers actually returns for it.
//
//   cmake --build build --target bulletin_numbers_doc
//   build/bin/bulletin_numbers_doc > docs/numbers.md
#include <iostream>
#include <string>
#include <string_view>

#include "bulletin/numbers.hpp"

namespace {

struct Example {
  const char* phenomenon;
  const char* input;
};

constexpr Example kExamples[] = {
    {"Arabic digits, unit", "破获刑事案件531起"},
    {"thousands separators", "1,100万"},
    {"full-width digits", "２０２３"},
    {"full-width point and percent", "５．５％"},
    {"full-width comma between full-width groups", "４，５６５"},
    {"comma and space: separate numbers", "1, 234"},
    {"decimal with 点", "三点五"},
    {"零 / 〇", "一千零一"},
    {"两 / 俩", "倆千两百贰拾二"},
    {"廿 / 卅", "廿三"},
    {"financial numerals", "壹佰贰拾叁"},
    {"traditional forms", "兩千參百萬"},
    {"万/亿 scaling", "1.61亿"},
    {"Arabic + 万", "3040万"},
    {"mixed Arabic and Chinese", "3万4000"},
    {"万亿", "二十万亿"},
    {"万 inside 亿", "一万五千亿"},
    {"colloquial tail", "一万五"},
    {"spaces inside a numeral", "一百 五 十 二"},
    {"余 inside", "十余万"},
    {"多 after", "3000多"},
    {"余 before 万", "150余万"},
    {"余 between number and unit", "1万余份"},
    {"余 with scaled money", "617.4万余元"},
    {"几", "二十几万"},
    {"qualifier 超", "总投资额超3.1亿元"},
    {"qualifier 超过", "超过500人"},
    {"qualifier 逾", "逾35万平方米"},
    {"qualifier 近", "近18.2公里"},
    {"qualifier 将近", "将近3年"},
    {"qualifier 约", "约23.5公里"},
    {"qualifier 大约", "大约300人"},
    {"qualifier 不到", "不到5%"},
    {"qualifier 不足", "不足3成"},
    {"qualifier 不超过", "不超过3天"},
    {"qualifier 至少", "至少3次"},
    {"qualifier 最多", "最多5人"},
    {"qualifier 不少于", "不少于3000个"},
    {"达 is not a qualifier", "化解率达99.8%"},
    {"以上", "60%以上"},
    {"及以上", "60岁及以上"},
    {"以下", "20人以下"},
    {"以内", "3天以内"},
    {"左右", "5%左右"},
    {"上下", "3000人上下"},
    {"许", "五十许"},
    {"percent sign", "增长5.4%"},
    {"百分之", "百分之九十"},
    {"百分之 with 点", "百分之零点五"},
    {"千分之 (permille)", "千分之五"},
    {"‰", "出生率7.08‰"},
    {"个百分点", "提高0.3个百分点"},
    {"百分点", "20个百分点"},
    {"成", "三成"},
    {"成半", "三成半"},
    {"成 as a verb", "完成13073起"},
    {"折", "打八折"},
    {"fraction", "三分之一"},
    {"fraction with whole part", "负一又二分之一"},
    {"slash fraction", "3/4"},
    {"numeral before 百分之: fraction", "一百分之二"},
    {"万分之", "万分之三"},
    {"range 至 with shared scale", "3至5万"},
    {"range -", "3-5"},
    {"range ~", "3~5"},
    {"range with unit", "60-70岁"},
    {"range 到 with shared scale", "八到九百亿"},
    {"range of 成", "两到三成"},
    {"range with scaled unit", "10-20万元"},
    {"range of percents", "5%-10%"},
    {"approximate pair", "二三十人"},
    {"between", "位于20和30之间"},
    {"bounds joined into a range", "大于10小于20"},
    {"comparison", "比三十大"},
    {"ordinal", "第三"},
    {"ordinal, full-width", "第２５０"},
    {"negative 负", "负3"},
    {"negative -", "增长率为-0.73‰"},
    {"dash between numbers is a range", "3-5"},
    {"倍", "增长2倍"},
    {"倍 with decimal", "2.5倍"},
    {"翻一番", "翻一番"},
    {"翻两番", "翻两番"},
    {"scaled unit 万元", "676万元"},
    {"scaled unit 万吨", "3.41万吨"},
    {"公顷", "5公顷"},
    {"平方公里", "2平方公里"},
    {"平米", "10余万平米"},
    {"公里", "23.5公里"},
    {"千米", "12千米"},
    {"万千瓦时", "3万千瓦时"},
    {"度 (kWh)", "100度"},
    {"公斤", "5公斤"},
    {"斤", "3斤"},
    {"万人次", "29.5万人次"},
    {"亩 keeps its own base", "8.62万亩"},
    {"duration", "3年"},
    {"个 + unit", "两个半小时"},
    {"unit then 半", "一吨半"},
    {"money with smaller units", "50元6角三分"},
    {"currency sign", "$20"},
    {"unit on the next line", "就业8710\n人"},
    {"measure word not in the table", "一千零十二章"},
    {"no unit", "共计1968，"},
    {"not a number: 一切", "一切"},
    {"not a number: 统一", "统一南路"},
    {"not a number: 万一", "万一"},
    {"not a number: 十分", "十分重要"},
    {"not a number: 四川", "四川"},
    {"not a number: 陆地", "陆地"},
    {"not a number: 队伍", "队伍"},
    {"not a number: 收拾", "收拾"},
    {"not a number: 放肆", "放肆"},
    {"not a number: 两两", "两两"},
    {"not a number: bare 万", "万"},
    {"not a number: 千万 (adverb)", "千万不要"},
    {"not a number: 一看", "我一看你就笑"},
    {"isolated financial form", "写法是叁"},
    {"heading marker 一、", "一、高效推进"},
    {"heading marker (一)", "(一)春节亮化"},
    {"list marker 1.", "1.高效推进"},
    {"enumeration 一是", "一是定计划"},
    {"list of numbers mid-sentence", "每隔1、3、5分钟"},
    {"date: year", "2022年"},
    {"date: full", "2022年12月23日"},
    {"date: month and day", "12月23日"},
    {"date: month", "5月开展"},
    {"date: ISO", "2022-12-23"},
    {"date: slashes", "2022/12/23"},
    {"date: dots", "2022.12.23"},
    {"date: middle dot", "3·28"},
    {"date: Chinese digits", "二〇二二年"},
    {"clock time", "11:00:00"},
    {"clock time 时分", "9时30分"},
    {"identifier: phone", "电话5980090进行核实"},
    {"identifier: hotline", "市长热线12345"},
    {"identifier: document number", "113710000043591093/2022-03628"},
    {"identifier: No.", "No.123"},
    {"identifier: 1+6", "“1+6”"},
    {"identifier: letters", "5G基站"},
    {"overflow", "９９９９９９９９９９９９９９９９９９９９９元"},
    {"stacked scales", "1万亿亿亿"},
    {"scientific notation", "2.7890e-1"},
    {"k multiplier", "40k"},
};

std::string escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string value_of(const bulletin::NumberMatch& m) {
  if (m.overflow) return "overflow";
  if (m.kind == bulletin::NumberKind::range && m.low && m.high) {
    std::string range = m.low_inclusive ? "[" : "(";
    range.append(m.low->to_string()).append(", ").append(m.high->to_string());
    return range.append(m.high_inclusive ? "]" : ")");
  }
  return m.value ? m.value->to_string() : "—";
}

}  // namespace

int main() {
  std::cout
      << "# Numbers: what the recognizer reads\n\n"
         "Generated by `bulletin_numbers_doc` (tests/conformance/numbers_doc.cpp) from the real\n"
         "`bulletin::find_numbers` with the built-in unit table; do not edit by hand. Values\n"
         "are in the base unit; `precision` is the place of the last printed digit. Ranges\n"
         "show `[low, high]`; `—` is no value (dates, times, identifiers without digits).\n"
         "Fractions are rounded to 12 decimal places. An empty row means: not a number.\n\n"
         "| phenomenon | input | surface | kind | value | unit (as written) | qualifier (bound) | "
         "precision |\n"
         "|---|---|---|---|---|---|---|---|\n";
  for (const Example& e : kExamples) {
    const auto all = bulletin::find_numbers(e.input);
    if (all.empty()) {
      std::cout << "| " << e.phenomenon << " | " << escape(e.input) << " | *(none)* | | | | | |\n";
      continue;
    }
    bool first = true;
    for (const auto& m : all) {
      std::cout << "| " << (first ? e.phenomenon : "") << " | " << (first ? escape(e.input) : "")
                << " | " << escape(m.surface) << " | " << bulletin::to_string(m.kind) << " | "
                << value_of(m) << " | ";
      if (!m.unit.empty()) {
        std::cout << m.unit;
        if (!m.unit_surface.empty() && m.unit_surface != m.unit)
          std::cout << " (" << m.unit_surface << ")";
        if (!m.unit_known) std::cout << " *unknown*";
      }
      std::cout << " | ";
      if (!m.qualifier.empty())
        std::cout << m.qualifier << " (" << bulletin::to_string(m.bound) << ")";
      std::cout << " | " << m.precision.to_string() << " |\n";
      first = false;
    }
  }
  return 0;
}
