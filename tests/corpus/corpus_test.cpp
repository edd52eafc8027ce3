// The real bulletin in ../shared/corpus: structure pinned, facts scored
// against hand labels. Exits with BULLETIN_SKIP_CODE when ../shared is absent.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "bulletin/parse.hpp"
#include "labels.hpp"

using namespace bulletin;

namespace {

const std::string kCorpus =
    std::string(BULLETIN_SHARED_DIR) + "/corpus/weihai-jingkai-2022-minsheng.txt";

const Document& corpus() {
  static const Document doc = [] {
    std::ifstream in(kCorpus, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    ParseOptions options;
    options.path = "weihai-jingkai-2022-minsheng.txt";
    auto parsed = parse(bytes.str(), options);
    REQUIRE(parsed);
    return std::move(parsed).value();
  }();
  return doc;
}

}  // namespace

TEST_CASE("corpus: metadata, title and date") {
  const Document& d = corpus();
  REQUIRE(d.metadata.size() == 6);
  CHECK(d.metadata[0].first == "索引号");
  CHECK(d.metadata[2].second == "威海经济技术开发区党政办公室");
  CHECK(d.metadata[4].first == "成文日期");
  CHECK(d.title == "经开区2022年民生工作新闻发布会(居住环境、社会治安、基本医疗)");
  CHECK(d.date.value_or("") == "2022-12-23");
  CHECK(d.year.value_or(0) == 2022);
}

TEST_CASE("corpus: all 14 turns in order, roster and Q&A pairs") {
  const Document& d = corpus();
  const char* expected[][3] = {
      {"主持人", "host", "statement"},  {"宋敏", "official", "statement"},
      {"主持人", "host", "statement"},  {"于金波", "official", "statement"},
      {"主持人", "host", "statement"},  {"王孙伟", "official", "statement"},
      {"主持人", "host", "statement"},  {"威海日报记者", "reporter", "question"},
      {"宋敏", "official", "answer"},   {"威海晚报记者", "reporter", "question"},
      {"于金波", "official", "answer"}, {"威海经区发布记者", "reporter", "question"},
      {"王孙伟", "official", "answer"}, {"主持人", "host", "statement"}};
  REQUIRE(d.turns.size() == 14);
  for (std::size_t i = 0; i < 14; ++i) {
    CAPTURE(i);
    CHECK(d.turns[i].speaker == expected[i][0]);
    CHECK(std::string(to_string(d.turns[i].role)) == expected[i][1]);
    CHECK(std::string(to_string(d.turns[i].kind)) == expected[i][2]);
  }
  CHECK(d.turns[7].outlet == "威海日报");
  CHECK(d.turns[9].outlet == "威海晚报");
  CHECK(d.turns[7].addressee.value_or("") == "宋敏");
  CHECK(d.turns[9].addressee.value_or("") == "于金波");
  CHECK(d.turns[11].addressee.value_or("") == "王孙伟");
  CHECK(d.turns[8].answers.value_or(0) == 8);
  CHECK(d.turns[10].answers.value_or(0) == 10);
  CHECK(d.turns[12].answers.value_or(0) == 12);
  CHECK(d.turns[3].span.line == 62);  // 于金波: after indentation
  CHECK(d.turns[3].span.column == 5);
  REQUIRE(d.speakers.size() == 3);
  CHECK(d.speakers[0].title == "建设局副局长");
  CHECK(d.speakers[1].title == "公安分局政工室副主任");
  CHECK(d.speakers[2].title == "卫健办主任");
}

TEST_CASE("corpus: numbered headings") {
  const Document& d = corpus();
  std::vector<std::string> markers;
  for (const auto& s : d.sections) {
    if (s.turn == 2 || s.turn == 4) markers.push_back(s.marker);
  }
  const std::vector<std::string> expected = {"一、", "二、", "三、", "四、", "(一)", "1.",
                                             "(三)", "一、", "(一)", "(二)", "(三)", "(四)",
                                             "二、", "一是", "二是", "三是"};
  CHECK(markers == expected);
}

TEST_CASE("corpus: facts against the hand labels") {
  const Document& d = corpus();
  const auto labels = testing::read_labels(std::string(BULLETIN_SOURCE_DIR) +
                                           "/tests/data/labels/weihai-jingkai-2022-minsheng.tsv");
  REQUIRE(labels.size() > 90);
  const auto s = testing::score(d, labels);
  std::cout << "corpus facts: " << s.found << "/" << s.labels << " labels found (recall "
            << s.recall() * 100 << "%), " << s.facts << " facts (precision " << s.precision() * 100
            << "%)\nmissed:\n"
            << s.misses << "unlabelled facts:\n"
            << s.extras;
  CHECK(s.recall() >= 0.90);
  CHECK(s.precision() >= 0.85);
}

TEST_CASE("corpus: the named examples") {
  const Document& d = corpus();
  auto find = [&](const std::string& text) -> const Fact* {
    for (const auto& f : d.facts) {
      if (f.text == text) return &f;
    }
    return nullptr;
  };
  const Fact* f = find("531起");
  REQUIRE(f);
  CHECK(f->subject == "破获刑事案件");
  CHECK(f->speaker.value_or("") == "于金波");
  CHECK(f->turn.value_or(0) == 4);
  REQUIRE(f->section.size() == 2);
  CHECK(f->section[0] == "一、2022年主要工作情况");
  f = find("超3.1亿元");
  REQUIRE(f);
  CHECK(f->value->to_string() == "310000000");
  CHECK(f->qualifier.value_or("") == "超");
  CHECK(f->subject == "总投资额");
  f = find("150余万平方米");
  REQUIRE(f);
  CHECK(f->value->to_string() == "1500000");
  CHECK(f->qualifier.value_or("") == "余");
  f = find("617.4万余元");
  REQUIRE(f);
  CHECK(f->value->to_string() == "6174000");
  CHECK(f->unit == "元");
  f = find("99.8%");
  REQUIRE(f);
  CHECK(f->subject == "化解率");
  CHECK(f->measure == Measure::share);
  f = find("772390剂次");
  REQUIRE(f);
  CHECK(f->subject.find("新冠疫苗") != std::string::npos);
  f = find("60%以上");
  REQUIRE(f);
  CHECK(f->target);
  CHECK(f->year.value_or(0) == 2023);
}

TEST_CASE("corpus: no non-facts") {
  const Document& d = corpus();
  for (const auto& f : d.facts) {
    CAPTURE(f.text);
    CAPTURE(f.span.line);
    for (const char* bad :
         {"二十大", "5980090", "12345", "1+6", "两个维护", "两个确立", "三不一多", "一村一辅警",
          "五有", "2022年", "12月23日", "3·28", "第一属性", "第一时间", "第一警务"}) {
      CHECK(f.text.find(bad) == std::string::npos);
    }
    CHECK(f.kind != NumberKind::date);
  }
}

int main(int argc, char** argv) {
  if (!std::filesystem::exists(kCorpus)) {
    std::cout << "skipped: " << kCorpus << " not found (../shared is absent)\n";
    return BULLETIN_SKIP_CODE;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
