#include "bulletin/extract.hpp"

#include <doctest/doctest.h>

#include <string>

#include "bulletin/parse.hpp"

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
}
