#include "bulletin/extract.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bulletin/parse.hpp"
#include "bulletin/segment.hpp"
#include "detail/ascii_digits.hpp"
#include "detail/word_set.hpp"

using namespace bulletin;

namespace {

Document parsed(const std::string& text) {
  auto doc = parse(text);
  REQUIRE(doc);
  return std::move(doc).value();
}

const Fact* find(const Document& doc, const std::string& surface) {
  for (const auto& f : doc.facts) {
    if (f.text == surface) return &f;
  }
  return nullptr;
}

std::string surfaces(const Document& doc) {
  std::string out;
  for (const auto& f : doc.facts) out += (out.empty() ? "" : "|") + f.text;
  return out;
}

using Hits = std::vector<std::pair<std::size_t, std::size_t>>;

Hits scanned(const detail::WordSet& set, std::string_view text) {
  Hits hits;
  set.scan(text, [&](std::size_t at, std::size_t k) {
    hits.emplace_back(at, k);
    return true;
  });
  return hits;
}

/// What WordSet::scan must find: every word, in list order, at every place a
/// code point starts, stepping over a whole three-byte character at once and
/// over anything else a byte at a time.
Hits every_word(const std::vector<std::string_view>& words, std::string_view text) {
  Hits hits;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    if ((byte(i) & 0xC0) == 0x80) {
      ++i;
      continue;
    }
    for (std::size_t k = 0; k < words.size(); ++k) {
      if (text.substr(i, words[k].size()) == words[k]) hits.emplace_back(i, k);
    }
    const bool three = (byte(i) & 0xF0) == 0xE0 && i + 2 < text.size() &&
                       (byte(i + 1) & 0xC0) == 0x80 && (byte(i + 2) & 0xC0) == 0x80;
    i += three ? 3 : 1;
  }
  return hits;
}

}  // namespace

TEST_SUITE("extract") {
  TEST_CASE("value, unit, qualifier and subject") {
    const auto doc = parsed(
        "标题\n主持人:\n今年破获刑事案件531起,总投资额超3.1亿元,建筑面积150余万平方米,"
        "追缴赃款共计617.4万余元,"
        "改造管道约23.5公里,化解率达99.8%。\n");
    const Fact* f = find(doc, "531起");
    REQUIRE(f);
    CHECK(f->subject == "破获刑事案件");
    CHECK(f->value->to_string() == "531");
    CHECK(f->unit == "起");
    CHECK_FALSE(f->qualifier);
    CHECK(f->measure == Measure::count);
    CHECK(f->speaker.value_or("") == "主持人");
    f = find(doc, "超3.1亿元");
    REQUIRE(f);
    CHECK(f->subject == "总投资额");
    CHECK(f->value->to_string() == "310000000");
    CHECK(f->unit == "元");
    CHECK(f->qualifier.value_or("") == "超");
    CHECK(f->bound == Bound::lower);
    CHECK(f->measure == Measure::level);
    f = find(doc, "150余万平方米");
    REQUIRE(f);
    CHECK(f->subject == "建筑面积");
    CHECK(f->value->to_string() == "1500000");
    f = find(doc, "617.4万余元");
    REQUIRE(f);
    CHECK(f->subject == "追缴赃款");
    CHECK(f->value->to_string() == "6174000");
    f = find(doc, "约23.5公里");
    REQUIRE(f);
    CHECK(f->value->to_string() == "23500");
    CHECK(f->unit == "米");
    CHECK(f->bound == Bound::approx);
    f = find(doc, "99.8%");
    REQUIRE(f);
    CHECK(f->subject == "化解率");
    CHECK(f->measure == Measure::share);
    CHECK(f->precision.to_string() == "0.1");
  }

  TEST_CASE("spans point at the original bytes") {
    const std::string text = "标题\n主持人:\n共完成项目47个,投资2.5亿元。\n";
    const auto doc = parsed(text);
    REQUIRE(doc.facts.size() == 2);
    for (const auto& f : doc.facts) {
      CHECK(text.substr(f.span.start, f.span.end - f.span.start) == f.text);
      CHECK(f.span.line == 3);
    }
    CHECK(doc.facts[0].span.column == 6);
  }

  TEST_CASE("full-width input: spans still point at the original bytes") {
    const std::string text = "标题\n【主持人】共完成项目４７个，投资２．５亿元。\n";
    const auto doc = parsed(text);
    REQUIRE(doc.facts.size() == 2);
    CHECK(text.substr(doc.facts[0].span.start, doc.facts[0].span.end - doc.facts[0].span.start) ==
          "４７个");
    CHECK(doc.facts[1].value->to_string() == "250000000");
    CHECK(text.substr(doc.facts[1].span.start, doc.facts[1].span.end - doc.facts[1].span.start) ==
          "２．５亿元");
  }

  TEST_CASE("a vulgar fraction is a fraction, and its span takes the character whole") {
    const std::string text = "标题\n主持人:\n完成投资¾亿元,约⅓的项目已完工。\n";
    const auto doc = parsed(text);
    REQUIRE(doc.facts.size() == 2);
    CHECK(doc.facts[0].text == "3/4亿元");
    CHECK(doc.facts[0].value->to_string() == "75000000");
    CHECK(text.substr(doc.facts[0].span.start, doc.facts[0].span.end - doc.facts[0].span.start) ==
          "¾亿元");
    CHECK(doc.facts[1].kind == NumberKind::fraction);
    CHECK(doc.facts[1].text == "约1/3");
    CHECK(text.substr(doc.facts[1].span.start, doc.facts[1].span.end - doc.facts[1].span.start) ==
          "约⅓");
  }

  TEST_CASE("dates, markers, phone numbers, names and slogans are not facts") {
    const auto doc = parsed(
        "标题\n主持人:\n一、2022年主要工作\n(一)贯彻党的二十大精神,坚持“两个维护”,深化“1+"
        "6”服务模式和“一村一辅警”机制。\n"
        "12月23日,拨打电话5980090或市长热线12345反映,第一时间处置,3·28警情妥善处置。\n1. "
        "完成项目3个\n");
    CHECK(surfaces(doc) == "3个");
  }

  TEST_CASE("changes, percentage points, ranks") {
    const auto doc = parsed(
        "标题\n主持人:\n全区地区生产总值512.37亿元,比上年增长5.4%;城镇化率68.35%,比上年末提高0."
        "62个百分点;"
        "刑事警情同比下降12.5%;扫黑除恶工作位居全市第一。\n");
    const Fact* f = find(doc, "5.4%");
    REQUIRE(f);
    CHECK(f->measure == Measure::change);
    CHECK(f->direction == Direction::up);
    CHECK(f->base.value_or("") == "比上年");
    CHECK(f->subject == "地区生产总值");
    f = find(doc, "0.62个百分点");
    REQUIRE(f);
    CHECK(f->measure == Measure::pp_change);
    CHECK(f->unit == "百分点");
    CHECK(f->direction == Direction::up);
    f = find(doc, "12.5%");
    REQUIRE(f);
    CHECK(f->measure == Measure::change);
    CHECK(f->direction == Direction::down);
    CHECK(f->base.value_or("") == "同比");
    CHECK(f->subject == "刑事警情");
    f = find(doc, "第一");
    REQUIRE(f);
    CHECK(f->measure == Measure::rank);
    CHECK(f->value->to_string() == "1");
  }

  TEST_CASE("targets, years, sections and speakers") {
    const auto doc = parsed(
        "某区2022年民生工作新闻发布会\n主持人:\n请李局长介绍。\n李明:"
        "\n一、2022年工作情况\n完成改造项目47个。\n"
        "二、2023年工作打算\n2023年重点人群签约服务覆盖率达60%以上。\n力争新建公厕10座。\n");
    const Fact* f = find(doc, "47个");
    REQUIRE(f);
    CHECK_FALSE(f->target);
    CHECK(f->year.value_or(0) == 2022);
    CHECK(f->speaker.value_or("") == "李明");
    REQUIRE(f->section.size() == 1);
    CHECK(f->section[0] == "一、2022年工作情况");
    f = find(doc, "60%以上");
    REQUIRE(f);
    CHECK(f->target);
    CHECK(f->year.value_or(0) == 2023);
    CHECK(f->qualifier.value_or("") == "以上");
    CHECK(f->bound == Bound::lower);
    f = find(doc, "10座");
    REQUIRE(f);
    CHECK(f->target);
    CHECK(f->section[0] == "二、2023年工作打算");
  }

  // Where 明年 stands is found once per sentence; it counts for the figures
  // after it only, and clauses end at punctuation between Chinese characters.
  TEST_CASE("next year counts for the figures after it in its sentence") {
    const auto doc = parsed(
        "某区2023年工作新闻发布会\n主持人:\n明年新建公厕10座,改造道路5公里。\n"
        "完成绿化工程3处,明年再建绿地2处。\n");
    const Fact* f = find(doc, "10座");
    REQUIRE(f);
    CHECK(f->year.value_or(0) == 2024);
    f = find(doc, "5公里");
    REQUIRE(f);
    CHECK(f->year.value_or(0) == 2024);
    CHECK(f->clause == "改造道路5公里");
    f = find(doc, "3处");
    REQUIRE(f);
    CHECK(f->year.value_or(0) == 2023);
    CHECK(f->clause == "完成绿化工程3处");
    f = find(doc, "2处");
    REQUIRE(f);
    CHECK(f->year.value_or(0) == 2024);
  }

  TEST_CASE("a growth rate after a level inherits its subject") {
    const auto doc = parsed("标题\n一、综合\n全年地区生产总值512.37亿元,增长5.4%。\n");
    const Fact* f = find(doc, "5.4%");
    REQUIRE(f);
    CHECK(f->subject == "地区生产总值");
    CHECK(f->measure == Measure::change);
  }

  TEST_CASE("the thing counted after the number") {
    const auto doc = parsed("标题\n完成1处省级示范标准村卫生室、8处市级示范标准村卫生室建设。\n");
    REQUIRE(doc.facts.size() == 2);
    CHECK(doc.facts[0].subject == "完成省级示范标准村卫生室");
  }

  // The recognizer runs over groups of lines of about 64 KiB; a figure next
  // to a group boundary must come out as it does anywhere else.
  TEST_CASE("long documents give the same facts on every line") {
    std::string text = "标题\n主持人:\n";
    const int lines = 1500;  // about 140 KB: several groups
    for (int i = 0; i < lines; ++i) {
      text += "第";
      text += std::to_string(i % 4 + 1);
      text += "季度新增就业岗位1,250个,同比增长3.5%,其中高校毕业生约420人。\n";
    }
    REQUIRE(text.size() > 2 * (std::size_t{1} << 16));
    const auto doc = parsed(text);
    REQUIRE(doc.facts.size() == 3 * static_cast<std::size_t>(lines));
    for (int i = 0; i < lines; ++i) {
      const Fact& jobs = doc.facts[3 * static_cast<std::size_t>(i)];
      const Fact& growth = doc.facts[3 * static_cast<std::size_t>(i) + 1];
      const Fact& graduates = doc.facts[3 * static_cast<std::size_t>(i) + 2];
      const std::size_t same_quarter = 3 * static_cast<std::size_t>(i % 4);
      CAPTURE(i);
      CHECK(jobs.text == "1,250个");
      CHECK(jobs.subject == doc.facts[same_quarter].subject);
      CHECK(jobs.clause == doc.facts[same_quarter].clause);
      CHECK(growth.measure == Measure::change);
      CHECK(growth.subject == doc.facts[same_quarter + 1].subject);
      CHECK(graduates.bound == Bound::approx);
      CHECK(graduates.subject == "高校毕业生");
      CHECK(graduates.span.line == static_cast<std::size_t>(i) + 3);
    }
  }

  // The clause and the sentence of a figure are found in one pass back from
  // it: a date counts for the figures after it in its sentence, across
  // clauses, and ; and ! end a sentence as well as a clause.
  TEST_CASE("clauses and sentences: a date's year reaches across clauses, not sentences") {
    const auto doc = parsed(
        "某区2023年工作新闻发布会\n主持人:\n"
        "2021年完成投资5亿元,增长3%;新增就业1200人,增长4%。\n"
        "2021年建成:道路7条,桥梁2座!改造管网3公里。\n");
    const Fact* f = find(doc, "3%");
    REQUIRE(f);
    CHECK(f->clause == "增长3%");
    CHECK(f->year.value_or(0) == 2021);
    CHECK(f->subject == "完成投资");  // the level before it in its sentence
    f = find(doc, "1200人");
    REQUIRE(f);
    CHECK(f->year.value_or(0) == 2023);
    f = find(doc, "4%");
    REQUIRE(f);
    CHECK(f->subject == "新增就业");
    f = find(doc, "7条");
    REQUIRE(f);
    CHECK(f->clause == "道路7条");
    CHECK(f->year.value_or(0) == 2021);
    f = find(doc, "2座");
    REQUIRE(f);
    CHECK(f->clause == "桥梁2座");
    CHECK(f->year.value_or(0) == 2021);
    f = find(doc, "3公里");
    REQUIRE(f);
    CHECK(f->clause == "改造管网3公里");
    CHECK(f->year.value_or(0) == 2023);
  }

  // What the open headings say is read when they open or close, not for
  // every figure under them.
  TEST_CASE("a heading's year and plan words hold until it closes") {
    const auto doc = parsed(
        "某区2022年民生工作新闻发布会\n主持人:\n一、2021年工作回顾\n完成改造项目47个。\n"
        "(一)下步打算\n新建公厕10座。\n二、其他\n改造道路5公里。\n");
    REQUIRE(doc.facts.size() == 3);
    CHECK(doc.facts[0].year.value_or(0) == 2021);
    CHECK_FALSE(doc.facts[0].target);
    CHECK(doc.facts[1].section.size() == 2);
    CHECK(doc.facts[1].year.value_or(0) == 2021);  // the innermost heading with a year
    CHECK(doc.facts[1].target);
    CHECK(doc.facts[2].section == std::vector<std::string>{"二、其他"});
    CHECK(doc.facts[2].year.value_or(0) == 2022);
    CHECK_FALSE(doc.facts[2].target);
  }

  // Verbs of both directions are looked up at once; the longest that ends the
  // words before the figure sets its direction, and one character does only
  // before percentage points.
  TEST_CASE("the longest change verb before a figure sets its direction") {
    const auto doc = parsed(
        "标题\n主持人:\n刑事警情同比下降了3%;城镇化率提高了2个百分点;火灾减少2起;"
        "失业率降0.3个百分点;参保率多1.5个百分点;能耗低5%。\n");
    REQUIRE(doc.facts.size() == 6);
    const std::vector<std::pair<std::string, std::optional<Direction>>> expected = {
        {"刑事警情", Direction::down}, {"城镇化率", Direction::up}, {"火灾", Direction::down},
        {"失业率", Direction::down},   {"参保率", Direction::up},   {"能耗低", std::nullopt}};
    for (std::size_t k = 0; k < expected.size(); ++k) {
      CAPTURE(k);
      CHECK(doc.facts[k].subject == expected[k].first);
      CHECK(doc.facts[k].direction == expected[k].second);
    }
  }

  // The opening clause ends at the first delimiter after its figure, which is
  // where the search for its end starts; a figure's own clause reaches back
  // only so far, but the opening clause is read whole.
  TEST_CASE("a plan word counts in the sentence's opening clause") {
    std::string far;
    for (int k = 0; k < 100; ++k) far += "甲";
    const auto doc =
        parsed("标题\n主持人:\n新建公厕10座,计划明年完工。\n计划" + far +
               "新建公厕12座。\n力争新建学校3所,改造道路5公里。\n"
               "改造道路7公里,新建学校4所;力争再建2所。\n今年以来,计划新建学校,完成4所。\n");
    REQUIRE(doc.facts.size() == 8);
    const std::vector<bool> expected = {false, true, true, true, false, false, true, false};
    for (std::size_t k = 0; k < expected.size(); ++k) {
      CAPTURE(doc.facts[k].text);
      CHECK(doc.facts[k].target == expected[k]);
    }
  }

  // A scale is found by its three bytes wherever it stands in the surface,
  // first or last; a Chinese numeral with neither scale nor unit is a name.
  TEST_CASE("a Chinese numeral with a scale and no unit is a figure") {
    const auto doc = parsed(
        "标题\n主持人:\n参观者百万,常住人口三十五万,收入十二萬,投资三億,游客逾一千,"
        "卖出二十三亿,访客千余,党的二十大,共九十九。\n");
    CHECK(surfaces(doc) == "百万|三十五万|十二萬|三億|逾一千|二十三亿|千余");
  }

  // Turns are found from the last figure's on, as figures come in text order.
  TEST_CASE("each figure takes the turn whose body holds it, or none") {
    const auto doc = parsed(
        "某区2022年民生工作新闻发布会\n到场记者30名。\n主持人:\n今年投入资金3亿元。\n李明:\n"
        "查处违法行为12起,新建学校为5所。\n王红:\n完成改造项目47个。\n记者:请问还有多少?\n"
        "王红:\n还有8个。\n");
    REQUIRE(doc.facts.size() == 6);
    CHECK_FALSE(doc.facts[0].turn);
    CHECK_FALSE(doc.facts[0].speaker);
    const std::vector<std::pair<int, std::string>> turns = {
        {1, "主持人"}, {2, "李明"}, {2, "李明"}, {3, "王红"}, {5, "王红"}};
    for (std::size_t k = 0; k < turns.size(); ++k) {
      CAPTURE(k);
      CHECK(doc.facts[k + 1].turn.value_or(0) == turns[k].first);
      CHECK(doc.facts[k + 1].speaker.value_or("") == turns[k].second);
    }
    // A whole word that ends like a filler keeps it; a filler alone goes.
    CHECK(doc.facts[2].subject == "查处违法行为");
    CHECK(doc.facts[3].subject == "新建学校");
  }

  TEST_CASE("a figure past the end of a turn body belongs to no turn") {
    const std::string text = "今年投入资金3亿元。\n完成改造项目47个。\n新建学校5所。\n";
    Segmentation seg;
    for (const char* speaker : {"李明", "王红"}) {
      Turn turn;
      turn.index = static_cast<int>(seg.document.turns.size()) + 1;
      turn.speaker = speaker;
      seg.document.turns.push_back(turn);
    }
    const std::size_t second_line = text.find('\n') + 1;
    const std::size_t third_line = text.find('\n', second_line) + 1;
    seg.turn_bodies = {{0, second_line}, {third_line, text.size()}};
    const Extraction out = extract_facts(text, seg);
    REQUIRE(out.facts.size() == 3);
    CHECK(out.facts[0].turn.value_or(0) == 1);
    CHECK_FALSE(out.facts[1].turn);
    CHECK_FALSE(out.facts[1].speaker);
    CHECK(out.facts[2].turn.value_or(0) == 2);
    CHECK(out.facts[2].speaker.value_or("") == "王红");
  }

  TEST_CASE("a plan word anywhere in a heading makes the figures under it plans") {
    for (const std::string word :
         {"打算", "计划", "目标", "明年", "下一步", "下步", "展望", "安排", "思路", "任务"}) {
      CAPTURE(word);
      const auto doc = parsed("某区2022年民生工作新闻发布会\n主持人:\n一、重点" + word +
                              "说明\n新建公厕10座。\n二、其他说明\n改造道路5公里。\n");
      REQUIRE(doc.facts.size() == 2);
      CHECK(doc.facts[0].section == std::vector<std::string>{"一、重点" + word + "说明"});
      CHECK(doc.facts[0].target);
      CHECK_FALSE(doc.facts[1].target);
    }
  }

  // Chinese characters are counted towards the twelve a quotation may hold
  // without being decoded; the quotation marks and the limit still count.
  TEST_CASE("a figure in a quotation of twelve characters at most is a name") {
    const auto doc = parsed(
        "标题\n主持人:\n开展“甲乙丙丁戊己庚辛壬癸12个子丑”活动,"
        "开展“甲乙丙丁戊己庚辛壬癸申12个子丑”活动,开展“甲乙丙丁戊己庚辛壬癸12个子丑寅”活动。\n");
    REQUIRE(doc.facts.size() == 2);
    CHECK(doc.facts[0].subject == "甲乙丙丁戊己庚辛壬癸申");
    CHECK(doc.facts[1].clause == "甲乙丙丁戊己庚辛壬癸12个子丑寅");
  }
}

TEST_SUITE("word set") {
  TEST_CASE("scan finds every word where a code point starts, in order") {
    const std::vector<std::string_view> words = {"力争", "比上年", "比上年同期", "同比",
                                                 "环比", "计划",   "划"};
    const detail::WordSet set(words);
    for (const std::string_view text :
         {std::string_view("力争比上年同期增长5%,同比、环比均提高;计划生育"),
          std::string_view("ab力争\xC3\xA9比上年\xF0\x9F\x98\x80同比"),
          std::string_view("\x80\xBF计划\xE5\x8A同比\xE5"), std::string_view("同\xE5\x90比"),
          std::string_view("计划"), std::string_view("计"), std::string_view("")}) {
      CAPTURE(text);
      CHECK(scanned(set, text) == every_word(words, text));
    }
    CHECK(scanned(set, "计划比上年同期").size() == 4);
  }

  TEST_CASE("scan with words shorter than a character compares them everywhere") {
    const std::vector<std::string_view> words = {"a", "同比", "%"};
    const detail::WordSet set(words);
    for (const std::string_view text :
         {std::string_view("a同比5%a"), std::string_view("\xE5\x90同比a"),
          std::string_view("同比")}) {
      CAPTURE(text);
      CHECK(scanned(set, text) == every_word(words, text));
    }
  }

  // A byte that starts no listed word is passed over without a look at the
  // bytes after it; words may still start with ASCII or a two-byte character.
  TEST_CASE("scan finds words that start with ASCII or a two-byte character") {
    const std::vector<std::string_view> words = {"GDP", "\xC3\xA9达", "同比", "5%以"};
    const detail::WordSet set(words);
    for (const std::string_view text :
         {std::string_view("GDPGDP同比5%以上"), std::string_view("xGD\xC3\xA9达\xC3\xA9\xC3\xA9达"),
          std::string_view("同比同比"), std::string_view("5%5%以"), std::string_view("\xE5GDP"),
          std::string_view("\xC3GDP"), std::string_view("GD"), std::string_view("")}) {
      CAPTURE(text);
      CHECK(scanned(set, text) == every_word(words, text));
    }
    CHECK(scanned(set, "1GDP,5%以上同比") == Hits{{1, 0}, {5, 3}, {13, 2}});
  }

  TEST_CASE("scan stops when told to") {
    const std::vector<std::string_view> words = {"同比", "环比"};
    const detail::WordSet set(words);
    std::size_t seen = 0;
    set.scan("同比环比同比", [&](std::size_t, std::size_t) { return ++seen < 2; });
    CHECK(seen == 2);
  }

  // Words are bucketed by their first or last code point, most read whole
  // from three bytes; a stray continuation byte after the first character
  // still joins it, as it always has.
  TEST_CASE("affix index: prefixes and suffixes by their edge character") {
    using detail::AffixIndex;
    const std::vector<std::string_view> words = {"共计", "共", "累计", "a1", "é达", "达"};
    const AffixIndex prefixes(words, AffixIndex::Side::prefix);
    CHECK(prefixes.first("共计完成") == "共计");
    CHECK(prefixes.longest("共计完成") == "共计");
    CHECK(prefixes.first("共完成") == "共");
    CHECK(prefixes.first("a1b") == "a1");
    CHECK(prefixes.first("é达成") == "é达");
    CHECK(prefixes.first("完成").empty());
    CHECK(prefixes.contains("累计"));
    CHECK_FALSE(prefixes.contains("累"));
    CHECK(prefixes.first("共\x80计").empty());
    const AffixIndex suffixes(words, AffixIndex::Side::suffix);
    CHECK(suffixes.first("总计共计") == "共计");
    CHECK(suffixes.longest("完成é达") == "é达");
    CHECK(suffixes.first("完成达") == "达");
    CHECK(suffixes.first("xa1") == "a1");
    CHECK(suffixes.first("达\x80").empty());
    CHECK(suffixes.first("").empty());
  }

  // Sixteen bytes are looked at at once, the last sixteen overlapping those
  // before them: a digit is found at every place, in every length, and the
  // bytes next to the digits (and those 0x80 above them) are not taken for one.
  TEST_CASE("has_ascii_digit finds a digit wherever it stands") {
    using detail::has_ascii_digit;
    using detail::has_ascii_digit_bytewise;
    for (std::size_t size = 0; size <= 50; ++size) {
      for (const char filler : {'a', '/', ':', '\xB0', '\xB9', '\xE4'}) {
        std::string text(size, filler);
        CHECK(has_ascii_digit(text) == has_ascii_digit_bytewise(text));
        CHECK_FALSE(has_ascii_digit(text));
        for (std::size_t at = 0; at < size; ++at) {
          for (const char digit : {'0', '9'}) {
            text[at] = digit;
            INFO("size ", size, ", digit at ", at);
            CHECK(has_ascii_digit(text));
            CHECK(has_ascii_digit(text) == has_ascii_digit_bytewise(text));
            text[at] = filler;
          }
        }
      }
    }
    CHECK(has_ascii_digit("同比增长5.2%的地区生产总值"));
    CHECK_FALSE(has_ascii_digit("地区生产总值比上年同期增长了"));
  }
}
