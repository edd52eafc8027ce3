// Matching editions and the change table, on documents built by hand.
#include "bulletin/diff.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace bulletin;

namespace {

Fact fact(const std::string& subject, const char* value, const std::string& unit,
          const std::string& dimension, Measure measure = Measure::count) {
  Fact f;
  f.subject = subject;
  f.value = Decimal::parse(value);
  f.unit = unit;
  f.dimension = dimension;
  f.unit_known = true;
  f.measure = measure;
  f.clause = subject + value + unit;
  return f;
}

Document edition(int year, std::vector<Fact> facts) {
  Document d;
  d.year = year;
  d.source.path = std::to_string(year) + ".txt";
  d.facts = std::move(facts);
  return d;
}

Diff run(const std::vector<Document>& docs, const DiffOptions& options = {}) {
  auto diff = diff_editions(docs, options);
  REQUIRE(diff.has_value());
  return std::move(diff).value();
}

const Indicator* find(const Diff& diff, const std::string& subject) {
  for (const auto& ind : diff.indicators) {
    if (ind.subject == subject) return &ind;
  }
  return nullptr;
}

}  // namespace

TEST_SUITE("diff") {
  TEST_CASE("normalize_subject strips fillers at both ends only") {
    CHECK(normalize_subject("共破获各类刑事案件") == "破获各类刑事案件");
    CHECK(normalize_subject("全年破获刑事案件") == "破获刑事案件");
    CHECK(normalize_subject("累计接种新冠疫苗达") == "接种新冠疫苗");
    CHECK(normalize_subject("“五有” 管护") == "五有管护");
    CHECK(normalize_subject("二是实施农户清洁取暖改造") == "农户清洁取暖改造");
    // A filler that is the whole subject stays.
    CHECK(normalize_subject("共") == "共");
    CHECK(normalize_subject("") == "");
  }

  TEST_CASE("subject_similarity") {
    CHECK(subject_similarity("破获刑事案件", "破获刑事案件") == 1.0);
    const double inserted = subject_similarity("破获刑事案件", "破获各类刑事案件");
    const double reordered = subject_similarity("接种新冠疫苗", "新冠疫苗接种");
    CHECK(inserted > 0.7);
    CHECK(inserted < 0.8);
    CHECK(reordered > 0.85);
    CHECK(reordered < 1.0);
    CHECK(subject_similarity("破获刑事案件", "破获电信网络诈骗案件") < 0.6);
    CHECK(subject_similarity("家庭医生签约", "重点人群签约率") < 0.6);
    CHECK(subject_similarity("", "化解率") == 0.0);
  }

  TEST_CASE("exact keys match whatever the order of facts") {
    const auto diff = run({edition(2021, {fact("抓获犯罪嫌疑人", "562", "人", "count"),
                                          fact("破获刑事案件", "815", "起", "count")}),
                           edition(2022, {fact("全年破获刑事案件", "768", "起", "count"),
                                          fact("抓获犯罪嫌疑人", "521", "人", "count")})});
    REQUIRE(diff.indicators.size() == 2);
    const Indicator* p = find(diff, "全年破获刑事案件");
    REQUIRE(p);
    CHECK(p->values[0]->value->to_string() == "815");
    CHECK(p->links[1]->kind == MatchKind::exact);
    CHECK(p->status == DiffStatus::changed);
    CHECK(p->change->absolute->to_string() == "-47");
    CHECK(p->change->relative.value() == doctest::Approx(-5.767).epsilon(0.001));
    CHECK_FALSE(p->change->points);
  }

  TEST_CASE("reworded subjects match by similarity above the threshold") {
    const std::vector<Document> docs = {
        edition(2022, {fact("破获刑事案件", "768", "起", "count"),
                       fact("接种新冠疫苗", "412000", "剂次", "count")}),
        edition(2023, {fact("共破获各类刑事案件", "742", "起", "count"),
                       fact("新冠疫苗接种", "126000", "剂次", "count")})};
    const auto diff = run(docs);
    REQUIRE(diff.indicators.size() == 2);
    const Indicator* p = find(diff, "共破获各类刑事案件");
    REQUIRE(p);
    CHECK(p->links[1]->kind == MatchKind::similar);
    CHECK(p->links[1]->similarity ==
          doctest::Approx(subject_similarity("破获刑事案件", "破获各类刑事案件")));
    CHECK(p->links[1]->previous_subject == "破获刑事案件");
    CHECK(find(diff, "新冠疫苗接种")->links[1]->kind == MatchKind::similar);

    DiffOptions strict;
    strict.min_similarity = 0.8;
    const auto split = run(docs, strict);
    // 0.76 falls below 0.8: removed and added; the 0.90 pair still matches.
    CHECK(split.indicators.size() == 3);
    CHECK(find(split, "破获刑事案件")->status == DiffStatus::removed);
    CHECK(find(split, "共破获各类刑事案件")->status == DiffStatus::added);
  }

  TEST_CASE("an alias joins subjects that similarity cannot") {
    auto aliases = parse_aliases("亡人交通事故:\n  - 死亡交通事故\n");
    REQUIRE(aliases.has_value());
    CHECK(aliases->resolve("死亡交通事故") == "亡人交通事故");
    CHECK(aliases->resolve("其他") == "其他");
    const std::vector<Document> docs = {
        edition(2021, {fact("发生亡人交通事故", "19", "起", "count")}),
        edition(2022, {fact("死亡交通事故", "17", "起", "count")})};
    DiffOptions options;
    options.min_similarity = 0.9;
    CHECK(run(docs, options).indicators.size() == 2);
    options.aliases = &*aliases;
    const auto diff = run(docs, options);
    REQUIRE(diff.indicators.size() == 1);
    CHECK(diff.indicators[0].links[1]->kind == MatchKind::alias);
    CHECK(diff.indicators[0].status == DiffStatus::changed);
  }

  TEST_CASE("ambiguous candidates are reported and not matched") {
    SUBCASE("same key twice on both sides, nothing to tell them apart") {
      const auto diff =
          run({edition(2021, {fact("建筑面积", "860000", "平方米", "area", Measure::level),
                              fact("建筑面积", "500000", "平方米", "area", Measure::level)}),
               edition(2022, {fact("建筑面积", "1020000", "平方米", "area", Measure::level),
                              fact("建筑面积", "1020000", "平方米", "area", Measure::level)})});
      // Clauses differ only in figures, which the context leaves out.
      CHECK(diff.ambiguities.size() == 2);
      CHECK(diff.ambiguities[0].candidates.size() == 2);
      CHECK(diff.indicators.size() == 4);
      for (const auto& ind : diff.indicators) CHECK_FALSE(ind.links[1].has_value());
    }
    SUBCASE("the section tells them apart") {
      Fact a = fact("建筑面积", "860000", "平方米", "area", Measure::level);
      Fact b = fact("建筑面积", "500000", "平方米", "area", Measure::level);
      a.section = {"一、老旧小区改造"};
      b.section = {"二、棚户区改造"};
      Fact c = b;
      c.value = Decimal::parse("480000");
      Fact d = a;
      d.value = Decimal::parse("1020000");
      const auto diff = run({edition(2021, {a, b}), edition(2022, {c, d})});
      CHECK(diff.ambiguities.empty());
      REQUIRE(diff.indicators.size() == 2);
      CHECK(diff.indicators[0].values[1]->value->to_string() == "1020000");
      CHECK(diff.indicators[1].values[1]->value->to_string() == "480000");
    }
    SUBCASE("two old subjects equally similar to a new one") {
      const auto diff = run({edition(2021, {fact("新建学校", "3", "所", "count"),
                                            fact("改建学校", "4", "所", "count")}),
                             edition(2022, {fact("建学校", "5", "所", "count")})});
      REQUIRE(diff.ambiguities.size() == 1);
      CHECK(diff.ambiguities[0].subject == "建学校");
      CHECK(diff.ambiguities[0].candidates.size() == 2);
      CHECK(diff.indicators.size() == 3);
    }
  }

  TEST_CASE("one fact is matched at most once") {
    const auto diff = run({edition(2021, {fact("破获刑事案件", "815", "起", "count")}),
                           edition(2022, {fact("破获各类刑事案件", "768", "起", "count"),
                                          fact("破获刑事案件数", "700", "起", "count")})});
    REQUIRE(diff.indicators.size() == 2);
    // The closer rewording wins; the other is new.
    const Indicator* kept = find(diff, "破获刑事案件数");
    REQUIRE(kept);
    CHECK(kept->values[0].has_value());
    CHECK(find(diff, "破获各类刑事案件")->status == DiffStatus::added);
  }

  TEST_CASE("a level is never matched with a change, nor a count with money") {
    SUBCASE("level vs change") {
      const auto diff =
          run({edition(2021, {fact("地区生产总值", "5.2", "%", "ratio", Measure::change)}),
               edition(2022, {fact("地区生产总值", "12340000000", "元", "money", Measure::level),
                              fact("地区生产总值", "4.8", "%", "ratio", Measure::change)})});
      REQUIRE(diff.indicators.size() == 2);
      const auto& change = diff.indicators[0];
      CHECK(change.measure == Measure::change);
      CHECK(change.values[1]->value->to_string() == "4.8");
      CHECK(change.change->points);
      CHECK(change.change->absolute->to_string() == "-0.4");
      CHECK(diff.indicators[1].status == DiffStatus::added);
    }
    SUBCASE("same measure and subject, other dimension") {
      Fact count = fact("止付冻结涉案资金", "120", "笔", "count");
      Fact money = fact("止付冻结涉案资金", "142000000", "元", "money", Measure::count);
      const auto diff = run({edition(2021, {count}), edition(2022, {money})});
      CHECK(diff.indicators.size() == 2);
      CHECK(diff.indicators[0].status == DiffStatus::removed);
      CHECK(diff.indicators[1].status == DiffStatus::added);
    }
  }

  TEST_CASE("same dimension, other unit: unit-changed, no arithmetic") {
    const auto diff = run({edition(2021, {fact("老年人健康体检", "31000", "人", "count")}),
                           edition(2022, {fact("老年人健康体检", "33000", "人次", "count")})});
    REQUIRE(diff.indicators.size() == 1);
    CHECK(diff.indicators[0].status == DiffStatus::unit_changed);
    CHECK_FALSE(diff.indicators[0].change.has_value());
  }

  TEST_CASE("tolerances decide unchanged") {
    const std::vector<Document> docs = {
        edition(2021, {fact("化解率", "98.6", "%", "ratio", Measure::share)}),
        edition(2022, {fact("化解率", "98.7", "%", "ratio", Measure::share)})};
    CHECK(run(docs).indicators[0].status == DiffStatus::changed);
    DiffOptions abs;
    abs.abs_tol = 0.1;
    CHECK(run(docs, abs).indicators[0].status == DiffStatus::unchanged);
    DiffOptions rel;
    rel.rel_tol = 0.05;  // 0.1 / 98.6 ≈ 0.101 %
    CHECK(run(docs, rel).indicators[0].status == DiffStatus::changed);
    rel.rel_tol = 0.2;
    CHECK(run(docs, rel).indicators[0].status == DiffStatus::unchanged);
    DiffOptions bad;
    bad.abs_tol = -1;
    CHECK_FALSE(diff_editions(docs, bad).has_value());
  }

  TEST_CASE("series: a dropped indicator, an added one, steps and the first-to-last change") {
    const auto diff = run({edition(2021, {fact("农村无害化户厕改造", "3120", "户", "count"),
                                          fact("接种新冠疫苗", "412000", "剂次", "count")}),
                           edition(2022, {fact("农村无害化户厕改造", "2650", "户", "count"),
                                          fact("新冠疫苗接种", "126000", "剂次", "count")}),
                           edition(2023, {fact("农村无害化户厕改造", "2080", "户", "count"),
                                          fact("基层医疗机构诊疗量", "864000", "人次", "count")})});
    REQUIRE(diff.indicators.size() == 3);
    const Indicator& toilets = diff.indicators[0];
    CHECK(toilets.change->absolute->to_string() == "-1040");
    CHECK(toilets.steps[1]->absolute->to_string() == "-470");
    CHECK(toilets.steps[2]->absolute->to_string() == "-570");
    CHECK(diff.indicators[1].status == DiffStatus::removed);
    CHECK(diff.indicators[2].status == DiffStatus::added);

    FailPolicy policy;
    CHECK(failed_conditions(diff, policy).empty());
    policy.drop_percent = 70.0;  // the vaccine fell 69.4 %, the toilets at most 21.5 %
    CHECK(failed_conditions(diff, policy).empty());
    policy.drop_percent = 60.0;
    const auto failed = failed_conditions(diff, policy);
    REQUIRE(failed.size() == 1);
    CHECK(failed[0] == "1 indicator(s) fell by more than 60%: 新冠疫苗接种");
    FailPolicy added;
    added.on_added = true;
    CHECK(failed_conditions(diff, added) ==
          std::vector<std::string>{"1 indicator(s) added: 基层医疗机构诊疗量"});
  }

  TEST_CASE("speakers and sections that appear or leave") {
    Document a = edition(2022, {});
    Document b = edition(2023, {});
    a.speakers = {{"王建国", "住建局局长", "住建局"}, {"赵刚", "", ""}};
    b.speakers = {{"李明", "住建局副局长", "住建局"}, {"赵刚", "", ""}};
    Section s1;
    s1.heading = "家庭医生签约9.8万人";
    Section s2;
    s2.heading = "扎实推进老旧小区改造";
    a.sections = {s1, s2};
    Section s3;
    s3.heading = "家庭医生签约12.3万人";
    b.sections = {s3};
    const auto diff = run({a, b});
    REQUIRE(diff.speakers.size() == 2);
    CHECK((!diff.speakers[0].added && diff.speakers[0].name == "王建国"));
    CHECK((diff.speakers[1].added && diff.speakers[1].name == "李明"));
    REQUIRE(diff.sections.size() == 1);
    CHECK(diff.sections[0].name == "扎实推进老旧小区改造");
  }

  TEST_CASE("order_editions") {
    auto ordered = order_editions({edition(2023, {}), edition(2021, {})});
    REQUIRE(ordered.has_value());
    CHECK(*ordered->front().year == 2021);
    CHECK_FALSE(order_editions({edition(2022, {}), edition(2022, {})}).has_value());
    Document no_year = edition(2022, {});
    no_year.year.reset();
    CHECK_FALSE(order_editions({no_year, edition(2022, {})}).has_value());
    CHECK_FALSE(diff_editions({edition(2022, {})}).has_value());
  }

  TEST_CASE("alias files: errors carry line and column") {
    auto bad_syntax = parse_aliases("a: [b, c\n");
    REQUIRE_FALSE(bad_syntax.has_value());
    CHECK(bad_syntax.error().code == Errc::invalid_schema);
    REQUIRE(bad_syntax.error().where.has_value());
    CHECK(bad_syntax.error().where->line >= 1);

    auto twice = parse_aliases("甲指标:\n  - 乙\n丙指标:\n  - 乙\n");
    REQUIRE_FALSE(twice.has_value());
    CHECK(twice.error().message == "'乙' already belongs to '甲指标' (line 2)");
    CHECK(twice.error().where->line == 4);
    CHECK(twice.error().where->column == 5);

    auto nested = parse_aliases("甲:\n  - [乙, 丙]\n");
    REQUIRE_FALSE(nested.has_value());
    CHECK(nested.error().where->line == 2);
    CHECK(nested.error().where->column == 5);

    CHECK_FALSE(parse_aliases("- 甲\n- 乙\n").has_value());
    CHECK(parse_aliases("").has_value());

    std::string many = "甲: [";
    for (std::size_t i = 0; i < kMaxAliasNodes; ++i) {
      many += 'v';
      many += std::to_string(i);
      many += ',';
    }
    many += "x]\n";
    auto too_many = parse_aliases(many);
    REQUIRE_FALSE(too_many.has_value());
    CHECK(too_many.error().message.find("too many entries") != std::string::npos);

    std::string deep(5000, '[');
    CHECK_FALSE(parse_aliases("a: " + deep).has_value());
  }

  TEST_CASE("views") {
    const auto diff = run({edition(2022, {fact("破获刑事案件", "768", "起", "count"),
                                          fact("化解率", "99.1", "%", "ratio", Measure::share)}),
                           edition(2023, {fact("共破获各类刑事案件", "742", "起", "count"),
                                          fact("化解率", "99.5", "%", "ratio", Measure::share)})});
    CHECK(display_width("化解率") == 6);
    CHECK(display_width("abc") == 3);
    CHECK(display_width("e\u0301") == 1);

    RenderOptions text;
    const std::string out = render_diff(diff, text);
    CHECK(out.find("+0.4pp") != std::string::npos);
    CHECK(out.find("similar 0.76") != std::string::npos);
    CHECK(out.find("\x1b[") == std::string::npos);
    // Columns line up in terminal cells: "化解率" (6 cells) pads to "共破获各类刑事案件" (18).
    CHECK(out.find("化解率              %") != std::string::npos);
    text.color = true;
    CHECK(render_diff(diff, text).find("\x1b[33mchanged") != std::string::npos);

    RenderOptions json;
    json.format = DiffFormat::json;
    json.only = {DiffStatus::added};
    const std::string lines = render_diff(diff, json);
    CHECK(lines.find("\"type\":\"indicator\"") == std::string::npos);
    CHECK(lines.find("\"type\":\"edition\"") != std::string::npos);

    RenderOptions threshold;
    threshold.threshold = 1.0;  // 化解率 moves 0.4 %, 刑事案件 3.4 %
    CHECK_FALSE(is_shown(diff.indicators[1], threshold));
    CHECK(is_shown(diff.indicators[0], threshold));
  }
}

TEST_CASE("diff: thousands of facts match in bounded time") {
  // Subjects share characters (指标, 项目) so candidate buckets are crowded.
  std::vector<Fact> old_facts;
  std::vector<Fact> new_facts;
  for (int i = 0; i < 3000; ++i) {
    const std::string id = std::to_string(i);
    old_facts.push_back(fact("指标项目" + id, "100", "个", "count"));
    new_facts.push_back(fact("全年指标项目" + id, "120", "个", "count"));
  }
  const auto diff = run({edition(2021, old_facts), edition(2022, new_facts)});
  REQUIRE(diff.indicators.size() == 3000);
  for (const auto& ind : diff.indicators) CHECK(ind.links[1]->kind == MatchKind::exact);
}

TEST_CASE("diff: thousands of reworded facts find their partner among crowded candidates") {
  std::vector<Fact> old_facts;
  std::vector<Fact> new_facts;
  for (char32_t i = 0; i < 3000; ++i) {
    std::string tail;
    for (char32_t c : {static_cast<char32_t>(0x4E00 + i), static_cast<char32_t>(0x3400 + i)}) {
      tail += static_cast<char>(0xE0 | (c >> 12));
      tail += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      tail += static_cast<char>(0x80 | (c & 0x3F));
    }
    old_facts.push_back(fact("指标项目" + tail, "100", "个", "count"));
    new_facts.push_back(fact("项目指标" + tail, "120", "个", "count"));
  }
  const auto diff = run({edition(2021, old_facts), edition(2022, new_facts)});
  REQUIRE(diff.indicators.size() == 3000);
  std::size_t right = 0;
  for (const auto& ind : diff.indicators) {
    REQUIRE(ind.links[1].has_value());
    CHECK(ind.links[1]->kind == MatchKind::similar);
    if (normalize_subject(ind.links[1]->previous_subject).substr(12) ==
        normalize_subject(ind.subject).substr(12))
      ++right;
  }
  CHECK(right == 3000);
}
