#include "bulletin/serialize.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "bulletin/parse.hpp"

using namespace bulletin;

namespace {

Document sample() {
  auto doc = parse(
      "  • "
      "成文日期2022-12-23\n某区2022年发布会\n主持人:\n邀请建设局副局长宋敏同志介绍。\n宋敏:"
      "\n一、工作\n"
      "完成项目47个,投资超3.1亿元,化解率99.8%,其中\"重点\"项目3起。\n记者:请问宋局长?\n宋敏:"
      "好。\n");
  REQUIRE(doc);
  doc->source.path = "a,b.txt";
  return std::move(doc).value();
}

}  // namespace

TEST_SUITE("serialize") {
  TEST_CASE("JSON has the bulletin/1 shape and reads back to the same bytes") {
    const Document doc = sample();
    const std::string json = to_json(doc);
    const auto j = nlohmann::json::parse(json);
    CHECK(j["schema"] == "bulletin/1");
    CHECK(j["date"] == "2022-12-23");
    CHECK(j["facts"][1]["value"] == 310000000);
    CHECK(j["facts"][2]["value"].get<double>() == doctest::Approx(99.8));
    CHECK(json.find("99.8,") != std::string::npos);  // printed digits, no float drift
    auto back = from_json(json);
    REQUIRE(back);
    CHECK(to_json(*back) == json);
    CHECK(to_json(*back, -1) == to_json(doc, -1));
  }

  TEST_CASE("from_json reports where the JSON breaks") {
    auto bad = from_json("{\n  \"schema\": \"bulletin/1\",\n  \"title\": ]\n}");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == Errc::invalid_json);
    REQUIRE(bad.error().where);
    CHECK(bad.error().where->line == 3);
    auto wrong = from_json("{\"schema\": \"other/9\"}");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().message.find("unsupported schema") != std::string::npos);
  }

  TEST_CASE("CSV quotes, TSV flattens") {
    const Document doc = sample();
    const std::string csv = facts_to_table(doc, ',');
    CHECK(csv.find("\"a,b.txt\"") == 0);
    CHECK(csv.find("\"\"") != std::string::npos);  // the doubled quote inside a clause
    const std::string tsv = facts_to_table(doc, '\t');
    std::size_t rows = 0;
    for (char c : tsv) rows += c == '\n';
    CHECK(rows == doc.facts.size());
    CHECK(fact_table_header(',').rfind("path,turn,speaker,", 0) == 0);
  }

  TEST_CASE("JSON Lines of facts carry the path") {
    const Document doc = sample();
    const std::string lines = facts_to_jsonl(doc);
    std::size_t count = 0;
    std::size_t start = 0;
    for (std::size_t end = lines.find('\n'); end != std::string::npos;
         end = lines.find('\n', start)) {
      const auto j = nlohmann::json::parse(lines.substr(start, end - start));
      CHECK(j["path"] == "a,b.txt");
      start = end + 1;
      ++count;
    }
    CHECK(count == doc.facts.size());
  }
}
