#include "bulletin/numbers.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "detail/numbers_wide.hpp"

using bulletin::Bound;
using bulletin::Decimal;
using bulletin::find_numbers;
using bulletin::NumberKind;
using bulletin::NumberMatch;

namespace {

// The only match in `text`.
NumberMatch one(std::string_view text) {
  auto all = find_numbers(text);
  INFO("text: " << text);
  REQUIRE(all.size() == 1);
  return all.front();
}

// Surfaces of all matches, joined with " | ".
std::string surfaces(std::string_view text) {
  std::string out;
  for (const auto& m : find_numbers(text)) {
    if (!out.empty()) out += " | ";
    out += m.surface;
  }
  return out;
}

std::string value(const NumberMatch& m) { return m.value ? m.value->to_string() : "none"; }

// Kind, base unit and unit as written of the only match in `text`.
std::string unit(const char* text) {
  const auto m = one(text);
  return std::string(bulletin::to_string(m.kind)) + " " + m.unit + " " + m.unit_surface;
}

Decimal dec(const char* text) { return *Decimal::parse(text); }

}  // namespace

TEST_CASE("the header example") {
  const auto all = find_numbers("破获刑事案件531起，总投资额超3.1亿元");
  REQUIRE(all.size() == 2);
  CHECK(all[0].surface == "531起");
  CHECK(value(all[0]) == "531");
  CHECK(all[0].unit == "起");
  CHECK(all[0].kind == NumberKind::cardinal);
  CHECK(all[1].surface == "超3.1亿元");
  CHECK(value(all[1]) == "310000000");
  CHECK(all[1].unit == "元");
  CHECK(all[1].unit_surface == "亿元");
  CHECK(all[1].qualifier == "超");
  CHECK(all[1].bound == Bound::lower);
  CHECK(all[1].dimension == "money");
  CHECK(all[1].unit_known);
}

TEST_CASE("offsets are bytes and the surface is the text between them") {
  const std::string text = "共21项，目前已完工项目9项，投资１２.５亿元";
  for (const auto& m : find_numbers(text)) {
    CAPTURE(m.surface);
    CHECK(m.surface == text.substr(m.begin, m.end - m.begin));
  }
  const auto all = find_numbers(text);
  REQUIRE(all.size() == 3);
  CHECK(all[0].begin == 3);
  CHECK(all[0].end == 8);
  CHECK(value(all[2]) == "1250000000");  // full-width digits and ASCII point
}

TEST_CASE("Arabic digits") {
  SUBCASE("thousands separators") {
    CHECK(value(one("1,100万")) == "11000000");
    CHECK(value(one("1,050,000,000")) == "1050000000");
    CHECK(value(one("４，５６５")) == "4565");  // full-width comma between full-width groups
    CHECK(surfaces("1, 234, 567") == "1 | 234 | 567");
    CHECK(surfaces("$20，300美圆") == "$20 | 300美圆");  // ， after ASCII digits is punctuation
    CHECK(surfaces("12,34") == "12 | 34");
  }
  SUBCASE("full-width digits, point and percent") {
    CHECK(value(one("２０２３")) == "2023");
    const auto m = one("５．５％");
    CHECK(m.kind == NumberKind::percent);
    CHECK(value(m) == "5.5");
    CHECK(m.unit == "%");
  }
  SUBCASE("decimals") {
    const auto m = one("99.8");
    CHECK(m.kind == NumberKind::decimal);
    CHECK(m.precision == dec("0.1"));
    CHECK(value(one(".5")) == "0.5");
    CHECK(value(one("三点五")) == "3.5");
    CHECK(one("三点五").kind == NumberKind::decimal);
    CHECK(value(one("零点五")) == "0.5");
    CHECK(value(one("二十六点三三")) == "26.33");
  }
  SUBCASE("scientific notation, powers and k/M") {
    CHECK(value(one("2e5")) == "200000");
    CHECK(value(one("２.７８９０e－１")) == "0.2789");
    CHECK(value(one("2^5")) == "32");
    CHECK(value(one("2^-1")) == "0.5");
    CHECK(value(one("40k")) == "40000");
    CHECK(value(one("-2.5 M")) == "-2500000");
  }
}

TEST_CASE("Chinese numerals") {
  CHECK(value(one("一千零一")) == "1001");
  CHECK(value(one("一百零一万一千")) == "1011000");
  CHECK(value(one("四亿五千六百四十二万零一十五")) == "456420015");
  CHECK(value(one("五亿零六")) == "500000006");
  CHECK(value(one("〇点五")) == "0.5");
  CHECK(value(one("两千")) == "2000");
  CHECK(value(one("倆千两百贰拾二")) == "2222");
  CHECK(value(one("廿三")) == "23");
  CHECK(value(one("卅")) == "30");
  CHECK(value(one("壹佰贰拾叁")) == "123");
  CHECK(value(one("肆佰陸拾")) == "460");
  CHECK(value(one("兩千參百")) == "2300");
  CHECK(value(one("貳萬")) == "20000");
  CHECK(value(one("五億零六")) == "500000006");
  CHECK(value(one("十五")) == "15");
  CHECK(value(one("零十")) == "10");
  CHECK(value(one("一百 五 十 二")) == "152");  // spaces between parts
  SUBCASE("colloquial tails") {
    CHECK(value(one("一万五")) == "15000");
    CHECK(value(one("两千三")) == "2300");
    CHECK(value(one("二百五")) == "250");
    CHECK(value(one("百三")) == "130");
    CHECK(value(one("一千六点五")) == "1600.5");
  }
  SUBCASE("precision is the place of the last digit") {
    CHECK(one("三千二百万").precision == Decimal{1, 6});
    CHECK(one("一万五").precision == Decimal{1, 3});
  }
}

TEST_CASE("万/亿 scaling and mixing") {
  CHECK(value(one("1.61亿")) == "161000000");
  CHECK(value(one("3040万")) == "30400000");
  CHECK(value(one("3万4000")) == "34000");
  CHECK(value(one("1,100万")) == "11000000");
  CHECK(value(one("二十万亿")) == "20000000000000");
  CHECK(value(one("一万五千亿")) == "1500000000000");
  CHECK(value(one("四万万")) == "400000000");
  CHECK(value(one("4.78万亿")) == "4780000000000");
  CHECK(value(one("5亿1万4千6百")) == "500014600");
  CHECK(value(one("2千零30万")) == "20300000");
  CHECK(value(one("五兆六十二亿四万五千二")) == "5006200045200");
  CHECK(value(one("四千五百六十九万八千三百一十一亿四千八百七十二万五千三百八十二")) ==
        "4569831148725382");
  CHECK(value(one("三点五万")) == "35000");
  CHECK(value(one("四百亿点零五零")) == "40000000000.05");
  CHECK(one("3.1亿元").precision == Decimal{1, 7});
  CHECK(one("1,100万").precision == Decimal{1, 4});
}

TEST_CASE("余, 多 and 几 are lower bounds") {
  struct Case {
    const char* text;
    const char* value;
    const char* unit;
    const char* qualifier;
  };
  for (const Case& c :
       {Case{"十余万", "100000", "", "余"}, Case{"3000多", "3000", "", "多"},
        Case{"150余万", "1500000", "", "余"}, Case{"1万余份", "10000", "份", "余"},
        Case{"617.4万余元", "6174000", "元", "余"}, Case{"二十几万", "200000", "", "几"},
        Case{"150余万平方米", "1500000", "平方米", "余"},
        Case{"10余万平米", "100000", "平方米", "余"}, Case{"3000多人", "3000", "人", "多"},
        Case{"三十万多亿", "30000000000000", "", "多"}}) {
    CAPTURE(c.text);
    const auto m = one(c.text);
    CHECK(m.surface == c.text);
    CHECK(value(m) == c.value);
    CHECK(m.unit == c.unit);
    CHECK(m.qualifier == c.qualifier);
    CHECK(m.bound == Bound::lower);
    CHECK(m.kind == NumberKind::cardinal);  // not a range
    REQUIRE(m.low);
    CHECK(*m.low == *m.value);
    CHECK_FALSE(m.low_inclusive);
  }
}

TEST_CASE("qualifiers before the number") {
  struct Case {
    const char* text;
    const char* qualifier;
    Bound bound;
  };
  for (const Case& c :
       {Case{"超3.1亿元", "超", Bound::lower}, Case{"超过500人", "超过", Bound::lower},
        Case{"逾35万平方米", "逾", Bound::lower}, Case{"近18.2公里", "近", Bound::approx},
        Case{"将近3年", "将近", Bound::approx}, Case{"约23.5公里", "约", Bound::approx},
        Case{"大约300人", "大约", Bound::approx}, Case{"不到5%", "不到", Bound::upper},
        Case{"不足3成", "不足", Bound::upper}, Case{"不超过3天", "不超过", Bound::upper},
        Case{"至少3次", "至少", Bound::lower}, Case{"最多5人", "最多", Bound::upper},
        Case{"不少于3000个", "不少于", Bound::lower}, Case{"约7.2億元", "約", Bound::approx}}) {
    CAPTURE(c.text);
    std::string text = c.text;
    if (std::string(c.qualifier) == "約") text = "約7.2億元";
    const auto m = one(text);
    CHECK(m.surface == text);
    CHECK(m.qualifier == c.qualifier);
    CHECK(m.bound == c.bound);
  }
  SUBCASE("inclusive and exclusive bounds") {
    CHECK(one("至少3次").low_inclusive);
    CHECK_FALSE(one("超过3次").low_inclusive);
    CHECK(one("最多5人").high_inclusive);
    CHECK_FALSE(one("不到5人").high_inclusive);
    CHECK(*one("不到5人").high == Decimal{5, 0});
  }
  SUBCASE("达 and 达到 are not qualifiers") {
    const auto m = one("化解率达99.8%");
    CHECK(m.surface == "99.8%");
    CHECK(m.qualifier.empty());
    CHECK(m.bound == Bound::exact);
    CHECK(one("达到3000人").qualifier.empty());
  }
  SUBCASE("words ending in a qualifier character are not qualifiers") {
    CHECK(one("最近3天").qualifier.empty());
    CHECK(one("节约3吨").qualifier.empty());
  }
}

TEST_CASE("qualifiers after the number") {
  struct Case {
    const char* text;
    const char* qualifier;
    Bound bound;
  };
  for (const Case& c :
       {Case{"60%以上", "以上", Bound::lower}, Case{"65岁以上", "以上", Bound::lower},
        Case{"3天以内", "以内", Bound::upper}, Case{"20人以下", "以下", Bound::upper},
        Case{"5%左右", "左右", Bound::approx}, Case{"3000人上下", "上下", Bound::approx},
        Case{"60岁及以上", "及以上", Bound::lower}, Case{"五十许", "许", Bound::approx}}) {
    CAPTURE(c.text);
    const auto m = one(c.text);
    CHECK(m.surface == c.text);
    CHECK(m.qualifier == c.qualifier);
    CHECK(m.bound == c.bound);
  }
  CHECK(one("60%以上").low_inclusive);  // 以上 includes the number
  CHECK(surfaces("1000亿元上下游") == "1000亿元");
}

TEST_CASE("percentages") {
  SUBCASE("signs") {
    const auto m = one("增长5.4%");
    CHECK(m.kind == NumberKind::percent);
    CHECK(value(m) == "5.4");
    CHECK(m.unit == "%");
    CHECK(m.precision == dec("0.1"));
    CHECK(value(one("－1２２％")) == "-122");
  }
  SUBCASE("百分之") {
    auto m = one("百分之九十");
    CHECK(m.kind == NumberKind::percent);
    CHECK(value(m) == "90");
    m = one("百分之零点五");
    CHECK(value(m) == "0.5");
    CHECK(value(one("百分之百")) == "100");
    CHECK(value(one("百 分 之 2.4")) == "2.4");
  }
  SUBCASE("permille") {
    auto m = one("千分之五");
    CHECK(m.kind == NumberKind::permille);
    CHECK(value(m) == "5");
    CHECK(m.unit == "‰");
    m = one("出生率7.08‰");
    CHECK(m.kind == NumberKind::permille);
    CHECK(value(m) == "7.08");
  }
  SUBCASE("percentage points") {
    auto m = one("提高0.3个百分点");
    CHECK(m.kind == NumberKind::percent);
    CHECK(m.unit == "百分点");
    CHECK(m.unit_surface == "个百分点");
    CHECK(m.surface == "0.3个百分点");
    CHECK(value(one("20个百分点")) == "20");
    CHECK(one("下降0.4百分点").unit == "百分点");
  }
  SUBCASE("成 after a small numeral") {
    auto m = one("三成");
    CHECK(m.kind == NumberKind::percent);
    CHECK(value(m) == "30");
    CHECK(m.unit == "%");
    CHECK(value(one("三成半")) == "35");
    CHECK(value(one("七成六")) == "76");
    CHECK(value(one("六点五成")) == "65");
    CHECK(value(one("近四成")) == "40");
    CHECK(value(one("两成")) == "20");
  }
  SUBCASE("成 as a verb is not a percentage") {
    CHECK(surfaces("完成13073起") == "13073起");
    CHECK(surfaces("建成3个") == "3个");
    CHECK(surfaces("形成一批") == "一批");
    CHECK(surfaces("三成为") == "三");  // a number, not 30%
    CHECK(surfaces("一成不变").empty());
    CHECK(surfaces("十三成立") == "十三");
  }
  SUBCASE("折") {
    CHECK(value(one("八折")) == "80");
    CHECK(value(one("75折")) == "75");
    CHECK(value(one("9.9折")) == "99");
    CHECK(value(one("三八折")) == "38");
    CHECK(surfaces("折合人民币3亿元") == "3亿元");
    CHECK(surfaces("3折合") == "3");
  }
}

TEST_CASE("fractions are rounded to 12 decimals") {
  auto m = one("三分之一");
  CHECK(m.kind == NumberKind::fraction);
  CHECK(value(m) == "0.333333333333");
  CHECK(m.precision == Decimal{1, -12});
  CHECK(value(one("二分之一")) == "0.5");
  CHECK(value(one("3/4")) == "0.75");
  CHECK(value(one("负一又二分之一")) == "-1.5");
  CHECK(value(one("一百分之二")) == "0.02");  // a numeral before 百分之: a fraction
  CHECK(one("一百分之二").kind == NumberKind::fraction);
  CHECK(value(one("万分之三")) == "0.0003");
  CHECK(one("超过三分之一").bound == Bound::lower);
  // 分之 is looked for from its first character on, past spaces before it
  // and between its characters.
  CHECK(value(one("三 分之一")) == "0.333333333333");
  CHECK(value(one("三分 之 一")) == "0.333333333333");
  CHECK(one("三分 之 一").kind == NumberKind::fraction);
}

TEST_CASE("ranges") {
  struct Case {
    const char* text;
    const char* low;
    const char* high;
    const char* unit;
  };
  for (const Case& c :
       {Case{"3至5万", "30000", "50000", ""}, Case{"3-5", "3", "5", ""}, Case{"3~5", "3", "5", ""},
        Case{"60-70岁", "60", "70", "岁"}, Case{"八到九百亿", "80000000000", "90000000000", ""},
        Case{"两到三成", "20", "30", "%"}, Case{"10-20万元", "100000", "200000", "元"},
        Case{"5%-10%", "5", "10", "%"}, Case{"5-10%", "5", "10", "%"},
        Case{"20 - 100", "20", "100", ""}, Case{"二三十人", "20", "30", "人"},
        Case{"十二三岁", "12", "13", "岁"}, Case{"3至5个百分点", "3", "5", "百分点"}}) {
    CAPTURE(c.text);
    const auto m = one(c.text);
    CHECK(m.surface == c.text);
    CHECK(m.kind == NumberKind::range);
    CHECK_FALSE(m.value);
    REQUIRE(m.low);
    REQUIRE(m.high);
    CHECK(m.low->to_string() == c.low);
    CHECK(m.high->to_string() == c.high);
    CHECK(m.unit == c.unit);
    CHECK(m.low_inclusive);
    CHECK(m.high_inclusive);
  }
  SUBCASE("between") {
    const auto m = one("位于20和30之间");
    CHECK(m.kind == NumberKind::range);
    CHECK(m.surface == "位于20和30之间");
    CHECK(surfaces("20和30") == "20 | 30");
  }
  SUBCASE("a lower and an upper bound side by side") {
    auto m = one("大于10小于20");
    CHECK(m.kind == NumberKind::range);
    CHECK(m.low->to_string() == "10");
    CHECK(m.high->to_string() == "20");
    CHECK_FALSE(m.low_inclusive);
    CHECK_FALSE(m.high_inclusive);
    m = one("最多100最少20个");
    CHECK(m.kind == NumberKind::range);
    CHECK(m.unit == "个");
    CHECK(surfaces("大于50小于12") == "大于50 | 小于12");  // no such range
  }
  SUBCASE("3000多 is a cardinal with a qualifier") {
    CHECK(one("3000多").kind == NumberKind::cardinal);
  }
}

TEST_CASE("ordinals") {
  auto m = one("第三");
  CHECK(m.kind == NumberKind::ordinal);
  CHECK(value(m) == "3");
  m = one("第２５０");
  CHECK(m.kind == NumberKind::ordinal);
  CHECK(value(m) == "250");
  CHECK(one("第一名").unit == "名");
  CHECK(one("居全市第一").surface == "第一");
}

TEST_CASE("negative numbers") {
  CHECK(value(one("负3")) == "-3");
  CHECK(value(one("-3")) == "-3");
  CHECK(value(one("增长率为-0.73‰")) == "-0.73");
  CHECK(value(one("负三十二")) == "-32");
  CHECK(one("3-5").kind == NumberKind::range);  // a dash between numbers
  CHECK(one("2022-12-23").kind == NumberKind::date);
  CHECK(surfaces("－－9") == "9");
}

TEST_CASE("multiples") {
  auto m = one("增长2倍");
  CHECK(m.kind == NumberKind::multiple);
  CHECK(value(m) == "2");
  CHECK(m.unit == "倍");
  CHECK(value(one("2.5倍")) == "2.5");
  m = one("翻一番");
  CHECK(m.kind == NumberKind::multiple);
  CHECK(value(m) == "2");
  CHECK(m.unit == "倍");
  CHECK(value(one("翻两番")) == "4");
  CHECK(value(one("翻了一番")) == "2");
}

TEST_CASE("units") {
  struct Case {
    const char* text;
    const char* value;
    const char* unit;
    const char* surface;
    const char* dimension;
  };
  for (const Case& c : {Case{"676万元", "6760000", "元", "万元", "money"},
                        Case{"3.1亿元", "310000000", "元", "亿元", "money"},
                        Case{"3.41万吨", "34100000", "千克", "万吨", "mass"},
                        Case{"5公顷", "50000", "平方米", "公顷", "area"},
                        Case{"2平方公里", "2000000", "平方米", "平方公里", "area"},
                        Case{"10平米", "10", "平方米", "平米", "area"},
                        Case{"23.5公里", "23500", "米", "公里", "length"},
                        Case{"12千米", "12000", "米", "千米", "length"},
                        Case{"3万千瓦时", "30000", "千瓦时", "万千瓦时", "energy"},
                        Case{"100度", "100", "千瓦时", "度", "energy"},
                        Case{"5公斤", "5", "千克", "公斤", "mass"},
                        Case{"5千克", "5", "千克", "千克", "mass"},
                        Case{"3斤", "1.5", "千克", "斤", "mass"},
                        Case{"29.5万人次", "295000", "人次", "万人次", "count"},
                        Case{"8.62万亩", "86200", "亩", "万亩", "area"},
                        Case{"3年", "3", "年", "年", "time"},
                        Case{"5个工作日", "5", "工作日", "个工作日", "time"},
                        Case{"772390剂次", "772390", "剂次", "剂次", "count"},
                        Case{"1423件次", "1423", "件次", "件次", "count"},
                        Case{"168cm", "1.68", "米", "cm", "length"},
                        Case{"3万人次", "30000", "人次", "万人次", "count"},
                        Case{"$20", "20", "美元", "", "money"},
                        Case{"￥300", "300", "元", "", "money"},
                        Case{"1200亿美元", "120000000000", "美元", "亿美元", "money"}}) {
    CAPTURE(c.text);
    const auto m = one(c.text);
    CHECK(m.surface == c.text);
    CHECK(value(m) == c.value);
    CHECK(m.unit == c.unit);
    CHECK(m.unit_surface == c.surface);
    CHECK(m.dimension == c.dimension);
    CHECK(m.unit_known);
  }
  SUBCASE("half a unit, smaller currency units, restated currency") {
    CHECK(value(one("一吨半")) == "1500");
    CHECK(value(one("两年半")) == "2.5");
    CHECK(value(one("五元三角")) == "5.3");
    CHECK(value(one("50元6角三分")) == "50.63");
    CHECK(value(one("两美元又三美分")) == "2.03");
    CHECK(one("8亿元人民币").surface == "8亿元人民币");
    CHECK(value(one("两个半小时")) == "2.5");
  }
  SUBCASE("a unit broken onto the next line") {
    const auto m = one("城镇新增就业8710\n人，");
    CHECK(m.unit == "人");
    CHECK(m.surface == "8710\n人");
  }
  SUBCASE("a measure word not in the table") {
    const auto m = one("一千零十二章");
    CHECK(m.unit == "章");
    CHECK(m.unit_surface == "章");
    CHECK_FALSE(m.unit_known);
    CHECK(m.dimension.empty());
    CHECK(one("23.5调整").unit.empty());  // measure words count: not after decimals
  }
  SUBCASE("no unit") {
    const auto m = one("共计1968，");
    CHECK(m.unit.empty());
    CHECK(m.unit_surface.empty());
    CHECK_FALSE(m.unit_known);
    CHECK(one("答案是五的").unit.empty());  // 的 starts a new word
  }
  SUBCASE("units can be switched off") {
    bulletin::RecognizerOptions options;
    options.attach_units = false;
    const auto all = find_numbers("531起，3.1亿元", bulletin::UnitTable::builtin(), options);
    REQUIRE(all.size() == 2);
    CHECK(all[0].surface == "531");
    CHECK(all[1].surface == "3.1亿");
    CHECK(all[1].unit.empty());
  }
  SUBCASE("a caller's unit table") {
    auto extra = bulletin::UnitTable::from_yaml(
        "units:\n  - {name: 头猪, base: 头, factor: \"1\", dimension: count}\n", "pigs.yaml");
    REQUIRE(extra);
    const auto table = bulletin::UnitTable::builtin().merged(*extra);
    const auto all = find_numbers("出栏3万头猪", table);
    REQUIRE(all.size() == 1);
    CHECK(all[0].unit_surface == "头猪");
    CHECK(value(all[0]) == "30000");
  }
}

TEST_CASE("words that only contain numeral characters are not numbers") {
  for (const char* text : {"一切",
                           "一些",
                           "一起",
                           "一致",
                           "一样",
                           "一般",
                           "一直",
                           "一定",
                           "一旦",
                           "万一",
                           "统一",
                           "唯一",
                           "十分",
                           "三亚",
                           "四川",
                           "陆地",
                           "队伍",
                           "收拾",
                           "朝花夕拾",
                           "放肆",
                           "两两",
                           "万",
                           "萬萬",
                           "万万",
                           "千万不要",
                           "进一步",
                           "一看",
                           "我一看你就笑",
                           "陽光九九是食物品牌",
                           "美味十足",
                           "请问伍仁怎么卖",
                           "大陆",
                           "陆续",
                           "百姓",
                           "党的二十大",
                           "一部分",
                           "统一南路",
                           "片区之一",
                           "星期四"}) {
    CAPTURE(text);
    CHECK(find_numbers(text).empty());
  }
  SUBCASE("but numerals with a measure word, or alone in a clause, are") {
    CHECK(surfaces("小明有十个手指头") == "十个");
    CHECK(surfaces("“一”和“五”") == "一 | 五");
    CHECK(surfaces("三的另一种写法是叁") == "三 | 一种 | 叁");
    CHECK(surfaces("两镇共实施") == "两镇");
    CHECK(surfaces("戒指一对八千") == "一对 | 八千");
  }
}

TEST_CASE("heading and list markers are not numbers") {
  CHECK(find_numbers("一、高效推进城建重点工程建设").empty());
  CHECK(find_numbers("    (一)春节亮化让年味更浓").empty());
  CHECK(find_numbers("（三）申请行政调解").empty());
  CHECK(find_numbers("1.高效推进").empty());
  CHECK(find_numbers("1、高效推进").empty());
  CHECK(find_numbers("(1)为65岁以上老年人").size() == 1);
  CHECK(surfaces("。2.投入资金三千二百万元") == "三千二百万元");
  CHECK(surfaces("\f二、农业").empty());
  CHECK(find_numbers("一是定计划，二是抓落实").empty());
  CHECK(surfaces("— 1 —\n").empty());  // a page footer
  SUBCASE("a list of numbers mid-sentence is numbers") {
    CHECK(surfaces("每隔1、3、5分钟") == "1 | 3 | 5分钟");
    CHECK(surfaces("增长1.5%") == "1.5%");
  }
}

TEST_CASE("dates, clock times and identifiers have their own kinds") {
  struct Case {
    const char* text;
    const char* surface;
    NumberKind kind;
  };
  for (const Case& c : {Case{"2022年", "2022年", NumberKind::date},
                        Case{"2022年12月23日", "2022年12月23日", NumberKind::date},
                        Case{"12月23日", "12月23日", NumberKind::date},
                        Case{"5月开展", "5月", NumberKind::date},
                        Case{"2022-12-23", "2022-12-23", NumberKind::date},
                        Case{"2022/12/23", "2022/12/23", NumberKind::date},
                        Case{"2022.12.23", "2022.12.23", NumberKind::date},
                        Case{"3·28", "3·28", NumberKind::date},
                        Case{"二〇二二年", "二〇二二年", NumberKind::date},
                        Case{"十二月二十三日", "十二月二十三日", NumberKind::date},
                        Case{"１９９１年１月１６日", "１９９１年１月１６日", NumberKind::date},
                        Case{"1至5月", "1至5月", NumberKind::date},
                        Case{"11:00:00", "11:00:00", NumberKind::time},
                        Case{"9时30分", "9时30分", NumberKind::time},
                        Case{"下午3点", "3点", NumberKind::time},
                        Case{"电话5980090进行核实", "5980090", NumberKind::identifier},
                        Case{"市长热线12345", "12345", NumberKind::identifier},
                        Case{"索引号113710000043591093/2022-03628", "113710000043591093/2022-03628",
                             NumberKind::identifier},
                        Case{"No.123", "No.123", NumberKind::identifier},
                        Case{"“1+6”", "1+6", NumberKind::identifier},
                        Case{"1+2+N", "1+2+N", NumberKind::identifier},
                        Case{"5G基站", "5G", NumberKind::identifier},
                        Case{"0631-5980090", "0631-5980090", NumberKind::identifier},
                        Case{"PM2.5浓度", "PM2.5", NumberKind::identifier}}) {
    CAPTURE(c.text);
    const auto m = one(c.text);
    CHECK(m.surface == c.surface);
    CHECK(m.kind == c.kind);
  }
  CHECK(one("3年").kind == NumberKind::cardinal);  // a duration
  // Identifier cues are told apart by their last byte first.
  for (const char* text : {"附件2", "QQ 2023", "编号：2023", "拨打 12345"}) {
    CAPTURE(text);
    CHECK(one(text).kind == NumberKind::identifier);
  }
  CHECK(one("10日元").unit == "日元");  // not the 10th
  CHECK(one("二年级").kind != NumberKind::date);
  CHECK(find_numbers("https://www.test.com/search?q=30%25%2020%").empty());
}

TEST_CASE("digit runs that do not fit overflow without UB") {
  SUBCASE("10,000 digits") {
    const std::string digits(10000, '7');
    const auto all = find_numbers(digits + "元");
    REQUIRE(all.size() == 1);
    CHECK(all[0].overflow);
    CHECK_FALSE(all[0].value);
    CHECK(all[0].surface.size() == 10003);
  }
  SUBCASE("full-width nines") {
    const auto m = one("共９９９９９９９９９９９９９９９９９９９９９元");
    CHECK(m.overflow);
    CHECK_FALSE(m.value);
  }
  SUBCASE("stacked scales") {
    const auto m = one("1万亿亿亿");
    CHECK(value(m) == "10000000000000000000000000000");
    CHECK_FALSE(m.overflow);
    CHECK(find_numbers("万亿亿亿").empty());
    const auto big = one("九千九百九十九万亿亿亿亿亿亿亿亿亿亿");
    CHECK_FALSE(big.overflow);  // 9999 × 10^84 is exact
    CHECK(value(big) == "9999" + std::string(84, '0'));
  }
  SUBCASE("long decimals and exponents") {
    CHECK(one("0." + std::string(60, '3')).overflow);
    CHECK(one("1e99999").overflow);
    CHECK(value(one("1e-5")) == "0.00001");
  }
}

TEST_CASE("the recognizer survives arbitrary bytes") {
  std::mt19937 rng(12345);
  const std::vector<std::string> pieces = {
      "一", "二",   "十",   "百",   "千",   "万", "亿", "零", "点", "余", "多",   "几",
      "两", "第",   "负",   "分之", "%",    "％", "‰",  "成", "折", "倍", "至",   "到",
      "-",  "~",    "/",    ".",    ",",    "，", "、", "(",  ")",  "元", "万元", "个百分点",
      "年", "月",   "日",   ":",    "1",    "2",  "9",  "0",  "５", "．", "超过", "以上",
      "约", "大于", "小于", "和",   "之间", "又", "翻", "番", "e",  "^",  "k",    " ",
      "\n", "\xE4", "\xB8", "\xff", "a",    "+",  "·",  "$",  "比", "大", "半"};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 24);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    const auto all = find_numbers(text);
    std::size_t last = 0;
    for (const auto& m : all) {
      CAPTURE(text);
      REQUIRE(m.begin >= last);
      REQUIRE(m.end > m.begin);
      REQUIRE(m.end <= text.size());
      REQUIRE(m.surface == text.substr(m.begin, m.end - m.begin));
      last = m.end;
    }
  }
}

TEST_CASE("exponents past the printable range overflow instead of printing a wrong value") {
  for (const char* text : {"1e400", "5e-400元"}) {
    CAPTURE(text);
    const auto all = find_numbers(text);
    REQUIRE(all.size() == 1);
    CHECK_FALSE(all[0].value);
    CHECK(all[0].overflow);
  }
  const auto fine = find_numbers("1e30");
  REQUIRE(fine.size() == 1);
  REQUIRE(fine[0].value);
  CHECK(fine[0].value->exponent == 30);
}

TEST_CASE("Arabic notation stops at a character that cannot continue it") {
  // Only ASCII and full-width forms (UTF-8 lead byte 0xEF) go on a number.
  CHECK(value(one("３．５亿")) == "350000000");
  CHECK(value(one("１２，３４５")) == "12345");
  CHECK(value(one("1２3人")) == "123");
  const auto m = one("5Ｍ");
  CHECK(value(m) == "5000000");
  CHECK(m.precision == Decimal{1, 6});
  CHECK(value(one("5e3")) == "5000");
  CHECK(value(one("2^3")) == "8");
  CHECK(surfaces("12，345") == "12 | 345");
  const auto yi = one("12亿");
  CHECK(value(yi) == "1200000000");
  CHECK(yi.precision == Decimal{1, 8});
}

TEST_CASE("a lone Arabic number keeps its value and precision") {
  auto check = [](const char* text, const char* val, Decimal precision, const char* unit) {
    CAPTURE(text);
    const auto m = one(text);
    CHECK(value(m) == val);
    CHECK(m.precision == precision);
    CHECK(m.unit_surface == unit);
  };
  check("3.25亿元", "325000000", Decimal{1, 6}, "亿元");  // 3.25 before a scaled unit
  check("7.40万人", "74000", Decimal{1, 2}, "万人");
  check("0.00元", "0", Decimal{1, -2}, "元");
  check("-0.5元", "-0.5", Decimal{1, -1}, "元");
  check("12元", "12", Decimal{1, 0}, "元");
  CHECK(one("-0.5元").kind == NumberKind::decimal);
}

TEST_CASE("qualifiers around a number pass the byte filters") {
  auto qualifier = [](const char* text) {
    const auto m = one(text);
    return m.qualifier + "@" + std::to_string(m.begin) + "-" + std::to_string(m.end);
  };
  // Before: ASCII and multi-byte last characters, spaces, ordinary words.
  CHECK(qualifier(">=5人") == ">=@0-6");
  CHECK(qualifier("> 5人") == ">@0-6");
  CHECK_FALSE(one("> 5人").low_inclusive);
  CHECK(qualifier("≥5人") == "≥@0-7");
  CHECK(qualifier("超过5人") == "超过@0-10");
  CHECK(qualifier("约 5人") == "约@0-8");
  CHECK(qualifier("最近5人") == "@6-10");
  CHECK(qualifier("签约5人") == "@6-10");
  // After: after a unit, after spaces, inside, at the end of the text.
  CHECK(qualifier("5人以上") == "以上@0-10");
  CHECK(qualifier("5 以上") == "以上@0-8");
  CHECK(qualifier("5万余人") == "余@0-10");
  CHECK(qualifier("5许") == "许@0-4");
  CHECK(qualifier("5以") == "@0-1");
  CHECK(qualifier("5之") == "@0-1");
}

TEST_CASE("percent forms pass the byte filter") {
  CHECK(unit("5%") == "percent % %");
  CHECK(unit("5 ％") == "percent % ％");
  CHECK(unit("5‰") == "permille ‰ ‰");
  CHECK(unit("5个百分点") == "percent 百分点 个百分点");
  CHECK(unit("5個百分點") == "percent 百分点 個百分點");
  CHECK(unit("5个") == "cardinal 个 个");
  CHECK(value(one("5百")) == "500");
}

TEST_CASE("dates and times right after Arabic digits") {
  // Each character a date or clock time may continue with after its digits.
  for (const char* text : {"2022年", "12月", "23日", "2022／12／23", "2022．12．23", "2022－12",
                           "3·28", "3・28", "3•28"}) {
    CAPTURE(text);
    const auto m = one(text);
    CHECK(m.kind == NumberKind::date);
    CHECK(m.surface == text);
  }
  for (const char* text : {"9时30分", "3点", "11：00"}) {
    CAPTURE(text);
    const auto m = one(text);
    CHECK(m.kind == NumberKind::time);
    CHECK(m.surface == text);
  }
  CHECK(one("12亿").kind == NumberKind::cardinal);
}

TEST_CASE("words with numerals are found by the numeral and its neighbour") {
  // 次 and 度 are units and 周一 could be a lone 一: only the lexicon tells.
  for (const char* word : {"一切", "统一", "星期一", "一带一路", "进一步", "一一", "一次性", "一度",
                           "周一", "之一", "万一"}) {
    CAPTURE(word);
    CHECK(find_numbers(word).empty());
  }
  CHECK(value(one("一")) == "1");
  CHECK(value(one("十一")) == "11");
  const auto m = one("统一5人");
  CHECK(m.begin == 6);
  CHECK(m.surface == "5人");
}

TEST_CASE("the scan steps over ill-formed and rare sequences as the decoder does") {
  // A lead byte without its continuation bytes is one character: the digits
  // after it are still read.
  CHECK(surfaces("\xE4"
                 "12") == "12");
  CHECK(surfaces("\xE4\xB8"
                 "5人") == "5人");
  // A surrogate (lead ED) and a three-byte form with lead E0 are stepped over.
  CHECK(surfaces("\xED\xA0\x80"
                 "7") == "7");
  CHECK(surfaces("\xE0\xA0\xBF"
                 "5") == "5");
  // Full-width digits (lead EF) and numerals start numbers.
  CHECK(surfaces("共５人") == "５人");
  CHECK(surfaces("共三人") == "三人");
}

TEST_CASE("long digit runs read past the 64-bit run") {
  // The first 18 ASCII digits are read into one word; the rest go on in
  // wide arithmetic, as do full-width digits.
  CHECK(value(one("123456789012345678元")) == "123456789012345678");
  CHECK(value(one("1234567890123456789元")) == "1234567890123456789");
  CHECK(value(one("1234567890123456789000000元")) == "1234567890123456789000000");
  CHECK(value(one("１２３４５６７８９０１２３４５６７８９０元")) == "12345678901234567890");
  CHECK(value(one("12345678901234567８９０元")) == "12345678901234567890");
  CHECK(one("007号").kind == NumberKind::identifier);  // a leading zero
  CHECK(value(one("0.5元")) == "0.5");
}

TEST_CASE("an Arabic number with one scale") {
  auto check = [](const char* text, const char* val, Decimal precision, const char* unit) {
    CAPTURE(text);
    const auto m = one(text);
    CHECK(value(m) == val);
    CHECK(m.precision == precision);
    CHECK(m.unit_surface == unit);
  };
  check("2.5万", "25000", Decimal{1, 3}, "");
  check("5995万人次", "59950000", Decimal{1, 4}, "万人次");
  check("1,234.5亿元", "123450000000", Decimal{1, 7}, "亿元");
  // Two scales and 兆 take the general reading.
  check("1.5万亿元", "1500000000000", Decimal{1, 11}, "万亿元");
  check("5兆6亿", "5000600000000", Decimal{1, 8}, "");
  check("3兆瓦", "3000", Decimal{1, 3}, "兆瓦");
  CHECK(surfaces("3兆") == "3");
  const auto yu = one("3万余人");
  CHECK(value(yu) == "30000");
  CHECK(yu.qualifier == "余");
}

TEST_CASE("fractions start right after the number or past spaces") {
  CHECK(value(one("1/3")) == "0.333333333333");
  CHECK(value(one("1／3")) == "0.333333333333");
  CHECK(value(one("1 1/3")) == "1.333333333333");
  CHECK(value(one("3 分 之 1")) == "0.333333333333");
  CHECK(value(one("2又三分之一")) == "2.333333333333");
  CHECK(value(one("2 又三分之一")) == "2.333333333333");
  CHECK(one("1/3").kind == NumberKind::fraction);
  CHECK(one("3人").kind == NumberKind::cardinal);
}

TEST_CASE("a decimal is a date or an identifier only in a few shapes") {
  CHECK(one("12.5x").kind == NumberKind::identifier);
  CHECK(one("2.5kg").unit == "千克");
  CHECK(one("12.5亿").kind == NumberKind::cardinal);
  CHECK(one("1.2.3").kind == NumberKind::identifier);
  CHECK(one("2022.12.23").kind == NumberKind::date);
  CHECK(one("2022.5").kind == NumberKind::decimal);
  CHECK(one("12.5").kind == NumberKind::decimal);
}

TEST_CASE("identifier cues pass the byte filter") {
  for (const char* text : {"热线：123", "热线:123", "电话 5678", "qq 123", "#3", "附表3", "图 2"}) {
    CAPTURE(text);
    CHECK(one(text).kind == NumberKind::identifier);
  }
  CHECK(one("线3").kind == NumberKind::cardinal);  // the last character of 热线 alone
  CHECK(one("中12").kind == NumberKind::cardinal);
}

TEST_CASE("a letter right before digits is judged from the bytes before them") {
  CHECK(one("中12").kind == NumberKind::cardinal);
  CHECK(one("ｂ12").kind == NumberKind::cardinal);  // a full-width letter is no glued letter
  // A stray continuation byte after a letter decodes as that letter.
  const auto stray =
      one("a\x80"
          "12");
  CHECK(stray.kind == NumberKind::identifier);
  CHECK(stray.surface == "12");
}

TEST_CASE("every range joiner passes the quick test") {
  for (const char* text : {"3至5", "3到5", "3~5", "3～5", "3〜5", "3-5", "3－5", "3—5", "3–5",
                           "3−5", "3和5之间", "3与5之间", "3及5之间"}) {
    CAPTURE(text);
    const auto m = one(text);
    CHECK(m.kind == NumberKind::range);
    CHECK(m.low == Decimal{3, 0});
    CHECK(m.high == Decimal{5, 0});
  }
  CHECK(surfaces("3和5") == "3 | 5");  // 和 joins a range only before 之间
}

TEST_CASE("tenths and discounts pass the quick test") {
  auto percent = [](const char* text) {
    CAPTURE(text);
    const auto m = one(text);
    CHECK(m.kind == NumberKind::percent);
    return value(m);
  };
  CHECK(percent("三成") == "30");
  CHECK(percent("3 成") == "30");
  CHECK(percent("三成半") == "35");
  CHECK(percent("七成六") == "76");
  CHECK(percent("7.2成") == "72");
  CHECK(percent("八折") == "80");
  CHECK(percent("9.9折") == "99");
}

TEST_CASE("spaced qualifier and percent words are matched byte by byte") {
  const auto over = one("超 过3人");
  CHECK(over.qualifier == "超过");
  CHECK(over.begin == 0);
  const auto under = one("不 到 5个");
  CHECK(under.qualifier == "不到");
  CHECK(under.bound == Bound::upper);
  const auto points = one("3 个 百 分 点");
  CHECK(points.unit == "百分点");
  CHECK(points.unit_surface == "个 百 分 点");
  // 与 differs from 不 in its last byte only, 烹 from 点 likewise.
  CHECK(one("与 到 5个").qualifier.empty());
  CHECK(one("3 个 百 分 烹").unit == "个");
  CHECK(one("3人以上").qualifier == "以上");
  CHECK(one("比3高").qualifier == "比…高");
  CHECK(one("比 170 低").bound == Bound::upper);
}

TEST_CASE("qualifiers before a number are found by their last two characters") {
  auto qualifier = [](const char* text) {
    CAPTURE(text);
    return one(text).qualifier;
  };
  CHECK(qualifier("高于3人") == "高于");
  CHECK(qualifier("高 于 3人") == "高于");  // spaces between the two characters
  CHECK(qualifier("用于3人").empty());      // 于, but no word ends in 用于
  CHECK(qualifier("大于或等于3人") == "大于或等于");
  CHECK(qualifier("大于 或 等于3人") == "大于或等于");
  CHECK(qualifier("约3人") == "约");  // one character
  CHECK(qualifier("大约3人") == "大约");
  CHECK(qualifier("将近3人") == "将近");
  CHECK(qualifier(">=3人") == ">=");
  CHECK(qualifier("≥3人") == "≥");
  CHECK(qualifier("不超过3人") == "不超过");
  CHECK(qualifier("超过了3人") == "超过了");
}

TEST_CASE("wide arithmetic at the edges of its fast paths") {
  using bulletin::detail::Wide;
  using bulletin::detail::wide_mul;
  using bulletin::detail::wide_scale_mantissa;
  using bulletin::detail::wide_to_decimal;
  using I128 = bulletin::detail::numbers_i128;
  constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
  SUBCASE("wide_to_decimal folds trailing zeros in 64 bits and beyond") {
    CHECK(wide_to_decimal(Wide::of(1200)) == Decimal{12, 2});
    CHECK(wide_to_decimal(Wide::of(-500, -2)) == Decimal{-5, 0});
    CHECK(wide_to_decimal(Wide::of(kInt64Max)) == Decimal{kInt64Max, 0});
    Wide big;
    big.m = static_cast<I128>(10000000000000000000ULL);  // 10^19: past int64 until folded
    CHECK(wide_to_decimal(big) == Decimal{1, 19});
    big.m *= 3;  // 3 × 10^19
    CHECK(wide_to_decimal(big) == Decimal{3, 19});
    big.m = static_cast<I128>(kInt64Max) + 2;  // odd, past int64
    CHECK_FALSE(wide_to_decimal(big));
    CHECK(wide_to_decimal(Wide::of(10, 289)) == Decimal{1, 290});
    CHECK(wide_to_decimal(Wide::of(1, -300)) == Decimal{1, -300});
    CHECK_FALSE(wide_to_decimal(Wide::of(1, -301)));
    CHECK(wide_to_decimal(Wide::of(10, -301)) == Decimal{1, -300});
    CHECK_FALSE(wide_to_decimal(Wide::of(1, 400)));
  }
  SUBCASE("wide_scale_mantissa stops below 10^36") {
    I128 p35 = 1;
    for (int i = 0; i < 35; ++i) p35 *= 10;
    CHECK(wide_scale_mantissa(1, 35) == p35);
    CHECK(wide_scale_mantissa(-9, 35) == -9 * p35);
    CHECK_FALSE(wide_scale_mantissa(10, 35));
    CHECK_FALSE(wide_scale_mantissa(-10, 35));
    CHECK_FALSE(wide_scale_mantissa(1, 36));
    CHECK(wide_scale_mantissa(0, 100) == 0);
    CHECK(wide_scale_mantissa(5, 0) == 5);
    CHECK(wide_scale_mantissa(5, -3) == 5);
  }
  SUBCASE("multiplying by one keeps the limits of a multiplication") {
    const Wide one_factor = Wide::of(1);
    const Wide kept = wide_mul(Wide::of(7, 400), one_factor);
    CHECK((kept.m == 7 && kept.e == 400 && !kept.overflow));
    CHECK(wide_mul(Wide::of(7, 401), one_factor).overflow);
    const Wide zero = wide_mul(Wide::of(0, -5), one_factor);
    CHECK((zero.m == 0 && zero.e == 0 && !zero.overflow));
    CHECK(wide_mul(bulletin::detail::wide_overflow(), one_factor).overflow);
    const Wide scaled = wide_mul(Wide::of(7, 2), Wide::of(1, 4));
    CHECK((scaled.m == 7 && scaled.e == 6));
  }
}

TEST_CASE("percent points after 个 are found past spaces; other words after 个 are not") {
  CHECK(unit("5个 百分点") == "percent 百分点 个 百分点");
  CHECK(unit("5 个\t百分點") == "percent 百分点 个\t百分點");
  CHECK(unit("5個  百分點") == "percent 百分点 個  百分點");
  CHECK(unit("0.5百分点") == "percent 百分点 百分点");
  CHECK(unit("5个百姓") == "cardinal 个 个");
  CHECK(unit("5个 百") == "cardinal 个 个");
  CHECK(unit("5个") == "cardinal 个 个");
}

TEST_CASE("the token buffer keeps nothing from an earlier call") {
  // The buffer of a thread's first call is as constructed; later calls
  // reuse it, after numerals that filled other slots with other tokens, and
  // must read only what they wrote. Each Arabic number is read into a fresh
  // reading too (3万4000 after 3万4.5).
  const std::vector<std::string> texts = {
      "3个",        "两千",      "七八个",
      "十二三万元", "3.1亿元",   "第三",
      "二〇二二年", "三成半",    "1万余份",
      "0.5",        "3万4.5",    "3万4000",
      "1,234",      "007",       "3e5",
      "2.5万",      "四万3,000", "一万二千三百四十五亿六千七百八十九万零一百二十三点四五六个"};
  auto reading = [](std::string_view text) {
    std::string out;
    for (const auto& m : find_numbers(text)) {
      out += m.surface + " = " + value(m) + " ~ " + m.precision.to_string() + "; ";
    }
    return out;
  };
  std::vector<std::string> first(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::thread([&, i] { first[i] = reading(texts[i]); }).join();
  }
  for (const auto& before : texts) {
    for (std::size_t i = 0; i < texts.size(); ++i) {
      (void)find_numbers(before);
      INFO("after " << before);
      CHECK(reading(texts[i]) == first[i]);
    }
  }
}

TEST_CASE("unit lookup finds the longest name the text starts with") {
  // Every name of a table, alone and followed by text, against a search of
  // all names; the hashed groups must not lose or mix any.
  std::string yaml = "units:\n";
  std::vector<std::string> names;
  const std::vector<std::string> firsts = {"万", "亿", "米", "m", "k", "元", "个", "平", "千"};
  const std::vector<std::string> seconds = {"",  "元",   "米",     "方米", "g",
                                            "m", "瓦时", "方公里", "克"};
  for (const auto& f : firsts) {
    for (const auto& s : seconds) {
      names.push_back(f + s);
      yaml += "  - {name: \"" + f + s + "\", base: \"" + f + s +
              "\", factor: \"1\", dimension: count}\n";
    }
  }
  const auto table = bulletin::UnitTable::from_yaml(yaml, "test.yaml");
  REQUIRE(table);
  auto longest = [&](std::string_view text) -> std::string {
    std::string best;
    for (const auto& n : names) {
      if (text.substr(0, n.size()) == n && n.size() > best.size()) best = n;
    }
    return best;
  };
  const std::vector<std::string> tails = {"", "元", "方", "方米以上", "x", "\xE4", "平方公里"};
  std::size_t checked = 0;
  for (const auto& n : names) {
    for (const auto& tail : tails) {
      const std::string text = n + tail;
      const auto* u = table->match_prefix(text);
      INFO("text: " << text);
      CHECK((u == nullptr ? std::string() : u->name) == longest(text));
      ++checked;
    }
  }
  CHECK(checked == names.size() * tails.size());
  CHECK(table->match_prefix("") == nullptr);
  CHECK(table->match_prefix("吨") == nullptr);
  CHECK(bulletin::UnitTable().match_prefix("万元") == nullptr);
  // The built-in table through a merge, which builds the index again.
  const auto merged = bulletin::UnitTable::builtin().merged(*table);
  CHECK(merged.match_prefix("平方公里以上")->name == "平方公里");
  CHECK(merged.match_prefix("万元")->name == "万元");
}

TEST_CASE("list markers are first told by the character after the number") {
  // Each character that can end a marker, with a Chinese and an Arabic
  // numeral, and numbers followed by anything else.
  CHECK(surfaces("一、高").empty());
  CHECK(surfaces("\n3、高") == "");
  CHECK(surfaces("\n3.高") == "");
  CHECK(surfaces("\n3．高") == "");
  CHECK(surfaces("\n3)高") == "");
  CHECK(surfaces("\n3）高") == "");
  CHECK(surfaces("(三)") == "");
  CHECK(surfaces("（三）") == "");
  CHECK(surfaces("三是") == "");
  CHECK(surfaces("十一是") == "十一");
  CHECK(surfaces("\n三\n") == "三");
  CHECK(surfaces("\n3\n") == "3");
  CHECK(surfaces("— 9 —") == "");
  CHECK(surfaces("— 9 —\n") == "");
  CHECK(surfaces("- 12 -") == "");
  CHECK(surfaces("— 九 —") == "九");
  CHECK(surfaces("共 9 —") == "9");
}

TEST_CASE("Chinese month and day dates look up a unit only after 月, 日 or 号") {
  auto kinds = [](std::string_view text) {
    std::string out;
    for (const auto& m : find_numbers(text)) {
      out += m.surface + ":" + bulletin::to_string(m.kind) + " ";
    }
    return out;
  };
  CHECK(kinds("十二月二十三日") == "十二月二十三日:date ");
  CHECK(kinds("五月") == "五月:date ");
  CHECK(kinds("二十三日") == "二十三日:date ");
  CHECK(kinds("十五号") == "十五号:date ");
  CHECK(kinds("三日元") == "三日元:cardinal ");
  CHECK(kinds("十三月") == "十三:cardinal ");
  CHECK(kinds("三个月") == "三个月:cardinal ");
  CHECK(kinds("三十二日") == "三十二:cardinal ");
}

TEST_CASE("比 and a comparison word around a number") {
  CHECK(one("比三十大").qualifier == "比…大");
  CHECK(one("比 170 低").qualifier == "比…低");
  CHECK(one("比 170 低").bound == Bound::upper);
  CHECK(one("大于170").qualifier == "大于");
  CHECK(one("170人").qualifier.empty());
}
