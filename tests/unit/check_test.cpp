// Consistency checks on documents built by hand, so that each relation shape
// is tested apart from the recognizer.
#include "bulletin/check.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "detail/fixed_format.hpp"

namespace {

using namespace bulletin;

Decimal dec(const char* s) { return *Decimal::parse(s); }

/// A fact whose surface `text` occurs in `body` (the first occurrence at or
/// after `from`), with the clause around it.
Fact fact(const std::string& body, const std::string& text, const char* value, const char* unit,
          const char* precision, std::size_t from = 0, Measure measure = Measure::level) {
  Fact f;
  f.text = text;
  f.value = dec(value);
  f.unit = unit;
  f.dimension = std::string(unit) == "元" ? "money" : "count";
  f.unit_known = true;
  f.precision = dec(precision);
  f.measure = measure;
  f.span.start = body.find(text, from);
  REQUIRE(f.span.start != std::string::npos);
  f.span.end = f.span.start + text.size();
  // Clause: between the nearest delimiters (ASCII , ; and 。) around the figure.
  std::size_t b = f.span.start;
  while (b > 0 && body[b - 1] != ',' && body[b - 1] != ';' &&
         body.compare(b >= 3 ? b - 3 : 0, 3, "。") != 0) {
    --b;
  }
  std::size_t e = f.span.end;
  while (e < body.size() && body[e] != ',' && body[e] != ';' && body.compare(e, 3, "。") != 0) ++e;
  f.clause = body.substr(b, e - b);
  f.subject = body.substr(b, f.span.start - b);
  for (const char* lead : {"其中", "共", "累计"}) {
    if (f.subject.rfind(lead, 0) == 0) f.subject.erase(0, std::string(lead).size());
  }
  const std::string reach = "达";  // the extractor drops a trailing 达 from subjects
  if (f.subject.size() > reach.size() &&
      f.subject.compare(f.subject.size() - reach.size(), reach.size(), reach) == 0) {
    f.subject.erase(f.subject.size() - reach.size());
  }
  return f;
}

Fact share(const std::string& body, const std::string& text, const char* value,
           const char* precision, std::size_t from = 0) {
  Fact f = fact(body, text, value, "%", precision, from, Measure::share);
  f.dimension.clear();
  return f;
}

/// A one-turn document whose turn text is `body`; fact spans index `body`.
Document turn_doc(const std::string& body, std::vector<Fact> facts) {
  Document d;
  Turn t;
  t.index = 1;
  t.text = body;
  d.turns.push_back(t);
  for (auto& f : facts) f.turn = 1;
  d.facts = std::move(facts);
  return d;
}

}  // namespace

TEST_SUITE("check") {
  TEST_CASE("sum: whole, 其中 and parts of the same unit") {
    const std::string body =
        "实施项目21个,总造价676万元,其中财政补助292万元,协调社会力量出资384万元,获得好评。";
    auto doc = turn_doc(
        body, {fact(body, "21个", "21", "个", "1"), fact(body, "676万元", "6760000", "元", "10000"),
               fact(body, "292万元", "2920000", "元", "10000"),
               fact(body, "384万元", "3840000", "元", "10000")});
    const auto checks = check_consistency(doc);
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].rule == "sum");
    CHECK(checks[0].status == CheckStatus::ok);
    CHECK(checks[0].facts == std::vector<std::size_t>{1, 2, 3});
    CHECK(checks[0].message == "总造价 676万元 = 292万元 + 384万元");
  }

  TEST_CASE("sum: parts that do not add up are a mismatch with both numbers") {
    const std::string body = "总投入560万元,其中财政资金380万元,物业企业出资150万元。";
    auto doc = turn_doc(body, {fact(body, "560万元", "5600000", "元", "10000"),
                               fact(body, "380万元", "3800000", "元", "10000"),
                               fact(body, "150万元", "1500000", "元", "10000")});
    const auto checks = check_consistency(doc);
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].status == CheckStatus::mismatch);
    CHECK(checks[0].message ==
          "总投入 560万元 ≠ 380万元 + 150万元 = 530万元 (off by 30万元, tolerance 2万元)");
    SUBCASE("a relative tolerance from the schema can accept it") {
      CheckOptions loose;
      loose.sum_tolerance = 0.1;
      CHECK(check_consistency(doc, loose)[0].status == CheckStatus::ok);
      Document with = doc;
      with.checks = checks;
      CHECK(recheck(with, loose)[0].status == CheckStatus::ok);
    }
  }

  TEST_CASE("sum: exact counts have no tolerance") {
    const std::string body = "对全区216个小区开展考评,其中优秀的41个、良好的132个、合格的42个;";
    auto doc = turn_doc(
        body, {fact(body, "216个", "216", "个", "1"), fact(body, "41个", "41", "个", "1"),
               fact(body, "132个", "132", "个", "1"), fact(body, "42个", "42", "个", "1")});
    const auto checks = check_consistency(doc);
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].status == CheckStatus::mismatch);
  }

  TEST_CASE("sum: interleaved units make two sums") {
    const std::string body =
        "实施项目146个,完成投资138.5亿元,其中省项目9个,完成投资36.2亿元;市项目41个,完成投资57."
        "8亿元;"
        "区项目96个,完成投资44.5亿元。新签约项目53个。";
    std::vector<Fact> facts = {fact(body, "146个", "146", "个", "1"),
                               fact(body, "138.5亿元", "13850000000", "元", "10000000"),
                               fact(body, "9个", "9", "个", "1"),
                               fact(body, "36.2亿元", "3620000000", "元", "10000000"),
                               fact(body, "41个", "41", "个", "1"),
                               fact(body, "57.8亿元", "5780000000", "元", "10000000"),
                               fact(body, "96个", "96", "个", "1"),
                               fact(body, "44.5亿元", "4450000000", "元", "10000000"),
                               fact(body, "53个", "53", "个", "1")};
    auto doc = turn_doc(body, facts);
    const auto checks = check_consistency(doc);
    REQUIRE(checks.size() == 2);
    CHECK(checks[0].facts == std::vector<std::size_t>{0, 2, 4, 6});
    CHECK(checks[1].facts == std::vector<std::size_t>{1, 3, 5, 7});
    CHECK(checks[0].status == CheckStatus::ok);
    CHECK(checks[1].status == CheckStatus::ok);
  }

  TEST_CASE("sum: 其中 opening a sentence needs a total word before it") {
    const std::string partial = "新增学位5400个。其中,甲校新增学位1800个,乙园新增学位360个。";
    auto doc = turn_doc(partial, {fact(partial, "5400个", "5400", "个", "1"),
                                  fact(partial, "1800个", "1800", "个", "1"),
                                  fact(partial, "360个", "360", "个", "1")});
    CHECK(check_consistency(doc).empty());
    const std::string total = "外贸进出口总额231.5亿元。其中,出口149.2亿元;进口82.3亿元。";
    auto doc2 = turn_doc(total, {fact(total, "231.5亿元", "23150000000", "元", "10000000"),
                                 fact(total, "149.2亿元", "14920000000", "元", "10000000"),
                                 fact(total, "82.3亿元", "8230000000", "元", "10000000")});
    const auto checks = check_consistency(doc2);
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].status == CheckStatus::ok);
  }

  TEST_CASE("sum: each total word before a sentence-opening 其中 names a whole") {
    for (const std::string word :
         {"总", "總", "共", "合计", "合計", "累计", "累計", "全部", "总计", "新增"}) {
      CAPTURE(word);
      const std::string body = "项目" + word + "建成120个。其中,甲类70个,乙类50个。";
      auto doc = turn_doc(
          body, {fact(body, "120个", "120", "个", "1"), fact(body, "70个", "70", "个", "1"),
                 fact(body, "50个", "50", "个", "1")});
      const auto checks = check_consistency(doc);
      if (word == "新增") {
        CHECK(checks.empty());
      } else {
        REQUIRE(checks.size() == 1);
        CHECK(checks[0].facts == std::vector<std::size_t>{0, 1, 2});
        CHECK(checks[0].message == "项目" + word + "建成 120个 = 70个 + 50个");
      }
    }
  }

  TEST_CASE("sum and rate: a whole or a rate with no subject opens its message with the figure") {
    const std::string body = "总造价676万元,其中财政补助292万元,社会出资384万元。";
    std::vector<Fact> facts = {fact(body, "676万元", "6760000", "元", "10000"),
                               fact(body, "292万元", "2920000", "元", "10000"),
                               fact(body, "384万元", "3840000", "元", "10000")};
    facts[0].subject.clear();
    const auto sums = check_consistency(turn_doc(body, facts));
    REQUIRE(sums.size() == 1);
    CHECK(sums[0].message == "676万元 = 292万元 + 384万元");

    // The rules find no rate without a subject, but a relation read back may
    // hold one.
    const std::string rates = "受理13099件,化解13073件,化解率99.8%。";
    Document d = turn_doc(
        rates, {fact(rates, "13099件", "13099", "件", "1"),
                fact(rates, "13073件", "13073", "件", "1"), share(rates, "99.8%", "99.8", "0.1")});
    d.facts[2].subject.clear();
    d.checks.push_back({"rate", CheckStatus::ok, "", {0, 1, 2}, {}});
    const auto checks = recheck(d, CheckOptions{});
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].message == " 99.8% = 13073/13099 = 99.80%");
  }

  TEST_CASE("sum: a single part or a change is no sum") {
    const std::string body = "招聘教师326名,其中研究生48名,增长5%。";
    Fact growth = fact(body, "5%", "5", "%", "1", 0, Measure::change);
    auto doc = turn_doc(
        body, {fact(body, "326名", "326", "名", "1"), fact(body, "48名", "48", "名", "1"), growth});
    CHECK(check_consistency(doc).empty());
  }

  // The search for the next 其中 is bounded by the sentence and the cues, and
  // its result both ends this cue's parts and is the next cue.
  TEST_CASE("sum: a second 其中 ends the first one's parts and opens its own") {
    const std::string body =
        "总投资100万元,其中财政50万元,社会50万元,其中市级20万元,区级30万元。其中情况不详。"
        "\n项目共10个,其中新建6个,改建4个。\n";
    const std::vector<Fact> facts = {
        fact(body, "100万元", "1000000", "元", "10000"),
        fact(body, "50万元", "500000", "元", "10000"),
        fact(body, "50万元", "500000", "元", "10000", body.find("社会")),
        fact(body, "20万元", "200000", "元", "10000"),
        fact(body, "30万元", "300000", "元", "10000"),
        fact(body, "10个", "10", "个", "1"),
        fact(body, "6个", "6", "个", "1"),
        fact(body, "4个", "4", "个", "1")};
    const auto in_turn = check_consistency(turn_doc(body, facts));
    REQUIRE(in_turn.size() == 3);
    CHECK(in_turn[0].facts == std::vector<std::size_t>{0, 1, 2});
    CHECK(in_turn[1].facts == std::vector<std::size_t>{2, 3, 4});
    CHECK(in_turn[2].facts == std::vector<std::size_t>{5, 6, 7});
    for (const auto& c : in_turn) CHECK(c.status == CheckStatus::ok);

    Document outside;
    outside.facts = facts;
    CheckOptions with_text;
    with_text.text = body;
    const auto one_pass = check_consistency(outside, with_text);
    REQUIRE(one_pass.size() == 3);
    // In two groups of lines, the second 其中 of the first line finds no
    // next cue in its own group.
    const std::size_t first_line_end = body.find('\n') + 1;
    GroupChecker checker(body, {});
    checker.add(std::vector<Fact>(facts.begin(), facts.begin() + 5), 0, first_line_end);
    checker.add(std::vector<Fact>(facts.begin() + 5, facts.end()), 5, body.size());
    const auto grouped = checker.finish();
    REQUIRE(grouped.size() == 3);
    for (std::size_t k = 0; k < grouped.size(); ++k) {
      CHECK(grouped[k].facts == one_pass[k].facts);
      CHECK(grouped[k].facts == in_turn[k].facts);
    }

    // What add() returns is the caller's to change (spans mapped to the input,
    // say): finish() still orders the checks by the spans they were found with.
    const auto mirrored = [&](std::size_t at) { return 2 * body.size() - at; };
    GroupChecker mapping(body, {});
    std::size_t returned = 0;
    for (auto& c :
         mapping.add(std::vector<Fact>(facts.begin(), facts.begin() + 5), 0, first_line_end)) {
      c.span.start = mirrored(c.span.start);
      ++returned;
    }
    for (auto& c : mapping.add(std::vector<Fact>(facts.begin() + 5, facts.end()), 5, body.size())) {
      c.span.start = mirrored(c.span.start);
      ++returned;
    }
    CHECK(returned == 3);
    const auto mapped = mapping.finish();
    REQUIRE(mapped.size() == 3);
    for (std::size_t k = 0; k < mapped.size(); ++k) {
      CHECK(mapped[k].facts == one_pass[k].facts);
      CHECK(mapped[k].span.start == mirrored(one_pass[k].span.start));
    }
  }

  TEST_CASE("rate: a share next to its numerator and denominator") {
    const std::string body = "排查报警警情13099条,化解13073起,化解率达99.8%,解决在基层。";
    auto doc = turn_doc(
        body, {fact(body, "13099条", "13099", "条", "1"), fact(body, "13073起", "13073", "起", "1"),
               share(body, "99.8%", "99.8", "0.1")});
    auto checks = check_consistency(doc);
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].rule == "rate");
    CHECK(checks[0].status == CheckStatus::ok);
    CHECK(checks[0].facts == std::vector<std::size_t>{0, 1, 2});
    CHECK(checks[0].message == "化解率 99.8% = 13073/13099 = 99.80%");
  }

  TEST_CASE("rate: the printed precision sets the tolerance") {
    const std::string body = "在册患者698人次,在管患者638人次,规范管理率达91.6%。";
    auto doc = turn_doc(
        body, {fact(body, "698人次", "698", "人次", "1"), fact(body, "638人次", "638", "人次", "1"),
               share(body, "91.6%", "91.6", "0.1")});
    auto checks = check_consistency(doc);
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].status == CheckStatus::mismatch);
    CHECK(checks[0].message == "规范管理率 91.6% ≠ 638/698 = 91.40% (tolerance ±0.05)");
    CheckOptions loose;
    loose.rate_tolerance = 0.3;
    CHECK(check_consistency(doc, loose)[0].status == CheckStatus::ok);
  }

  TEST_CASE("rate: unrelated figures, money or another clause group are left alone") {
    const std::string survey = "总投入560万元,财政资金380万元,物业出资150万元,居民满意率96%。";
    auto doc = turn_doc(survey, {fact(survey, "560万元", "5600000", "元", "10000"),
                                 fact(survey, "380万元", "3800000", "元", "10000"),
                                 fact(survey, "150万元", "1500000", "元", "10000"),
                                 share(survey, "96%", "96", "1")});
    CHECK(check_consistency(doc).empty());
    const std::string other = "社会团体129家、民办单位245家;开展年检,参检率96.5%。";
    auto doc2 = turn_doc(
        other, {fact(other, "129家", "129", "家", "1"), fact(other, "245家", "245", "家", "1"),
                share(other, "96.5%", "96.5", "0.1")});
    CHECK(check_consistency(doc2).empty());
  }

  TEST_CASE("options: disabled rules and the text overload") {
    const std::string body = "总造价676万元,其中财政补助292万元,社会出资384万元。";
    std::vector<Fact> facts = {fact(body, "676万元", "6760000", "元", "10000"),
                               fact(body, "292万元", "2920000", "元", "10000"),
                               fact(body, "384万元", "3840000", "元", "10000")};
    CheckOptions no_sums;
    no_sums.sums = false;
    CHECK(check_consistency(turn_doc(body, facts), no_sums).empty());
    Document outside;  // no turns: only the text overload sees the sentence
    outside.facts = facts;
    CHECK(check_consistency(outside).empty());
    CheckOptions with_text;
    with_text.text = body;
    CHECK(check_consistency(outside, with_text).size() == 1);
  }

  TEST_CASE("recheck drops relations that do not fit the facts") {
    Document d;
    d.checks.push_back({"rate", CheckStatus::ok, "", {0, 1, 7}, {}});
    d.checks.push_back({"sum", CheckStatus::ok, "", {0}, {}});
    CHECK(recheck(d, CheckOptions{}).empty());
  }

  // Ties (exact binary halves, quarters, eighths…), signs, zeros, values past
  // the buffer and those that are not numbers are written as fmt writes them.
  TEST_CASE("append_fixed writes what fmt's {:.{}f} writes") {
    std::vector<double> values = {0.0,
                                  -0.0,
                                  1e300,
                                  -1e300,
                                  1e22,
                                  std::numeric_limits<double>::infinity(),
                                  -std::numeric_limits<double>::infinity(),
                                  std::numeric_limits<double>::quiet_NaN(),
                                  std::numeric_limits<double>::denorm_min(),
                                  2.0 / 3.0 * 100.0,
                                  1234.0 / 977.0 * 1000.0};
    for (int k = -300; k <= 300; ++k) {
      values.push_back(k / 8.0);
      values.push_back(k / 1024.0);
      values.push_back(k * 12.345);
    }
    for (int decimals = 0; decimals <= 8; ++decimals) {
      for (const double value : values) {
        std::string written = "x";
        detail::append_fixed(written, value, decimals);
        INFO(value, " with ", decimals, " decimals");
        std::string expected = "x";
        expected.append(fmt::format("{:.{}f}", value, decimals));
        CHECK(written == expected);
      }
    }
  }
}
