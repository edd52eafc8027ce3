// Schema loading (errors with line and column) and each rule kind of validate().
#include "bulletin/schema.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

namespace {

using namespace bulletin;

Schema load(const std::string& yaml) {
  auto s = Schema::from_yaml(yaml, "test.yaml");
  if (!s) FAIL(s.error().message);
  return std::move(s).value();
}

/// "line:col: message" of a schema that must fail to load.
std::string load_error(const std::string& yaml) {
  auto s = Schema::from_yaml(yaml, "test.yaml");
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().code == Errc::invalid_schema);
  REQUIRE(s.error().where.has_value());
  return std::to_string(s.error().where->line) + ":" + std::to_string(s.error().where->column) +
         ": " + s.error().message;
}

std::vector<std::string> rules(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.rule);
  return out;
}

bool has(const std::vector<Finding>& findings, const std::string& rule) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.rule == rule; });
}

Fact percent_fact(const char* subject, const char* value, Measure measure) {
  Fact f;
  f.subject = subject;
  f.value = *Decimal::parse(value);
  f.unit = "%";
  f.unit_known = true;
  f.measure = measure;
  f.text = std::string(value) + "%";
  f.span.line = 7;
  f.span.column = 3;
  return f;
}

Document press_doc() {
  Document d;
  d.title = "青屿区2023年民生工作新闻发布会";
  d.year = 2023;
  d.metadata = {{"成文日期", "2023-12-20"}, {"发布机构", "区政府办"}};
  Turn host;
  host.index = 1;
  host.role = Role::host;
  Turn official;
  official.index = 2;
  official.role = Role::official;
  Turn question;
  question.index = 3;
  question.role = Role::reporter;
  question.kind = TurnKind::question;
  question.label = "海川日报记者提问";
  question.span.line = 40;
  question.span.column = 1;
  Turn answer;
  answer.index = 4;
  answer.role = Role::official;
  answer.kind = TurnKind::answer;
  answer.answers = 3;
  d.turns = {host, official, question, answer};
  d.facts.push_back(percent_fact("覆盖率", "43.6", Measure::share));
  d.facts.push_back(percent_fact("投资", "120", Measure::change));
  return d;
}

}  // namespace

TEST_SUITE("schema") {
  TEST_CASE("loading errors carry the line and column of the offending node") {
    CHECK(load_error("name: x\ntitel:\n  pattern: a\n") ==
          "2:1: unknown key 'titel' in the schema (expected one of: name, description, severity, "
          "metadata, title, year, roles, questions, facts, units, percent, checks)");
    CHECK(load_error("name: x\nyear:\n  min: twenty\n") == "3:8: 'min' must be a number");
    CHECK(load_error("name: x\ntitle:\n  pattern: '(unclosed'\n") ==
          "3:12: bad regular expression '(unclosed': U_REGEX_MISMATCHED_PAREN at character 10");
    CHECK(load_error("name: x\nroles:\n  - role: chair\n") ==
          "3:11: unknown role 'chair' (expected host, official, reporter, answer or unknown)");
    CHECK(load_error("name: x\nmetadata: {key: a}\n") ==
          "2:11: 'metadata' must be a list, not a mapping");
    CHECK(load_error("name: x\nchecks:\n  rate:\n    tolerance: -1\n") ==
          "4:16: 'tolerance' must not be negative");
    CHECK(load_error("name: [x\n").find("2:1: ") == 0);  // YAML syntax, yaml-cpp's mark
    CHECK(load_error("description: no name\n") == "1:1: the schema needs a 'name'");
  }

  TEST_CASE("alias bombs and deep nesting are refused") {
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'h'; ++c) {
      const char prev = static_cast<char>(c - 1);
      bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" +
              prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
              ", *" + prev + "]\n";
    }
    bomb += "name: bomb\n";
    CHECK(load_error(bomb).find("schema too large") != std::string::npos);
    std::string deep = "name: x\ndescription: ";
    for (int i = 0; i < 40; ++i) deep += "[";
    for (int i = 0; i < 40; ++i) deep += "]";
    CHECK(load_error(deep + "\n").find("nested deeper than 16 levels") != std::string::npos);
  }

  TEST_CASE("a document that meets every rule has no failing finding") {
    const Schema s = load(R"(name: pc
metadata:
  - key: 成文日期
    type: date
    pattern: '^\d{4}-'
title: {pattern: 发布会}
year: {min: 2000, max: 2100}
roles:
  - {role: host, min: 1, max: 1}
  - {role: official, min: 1}
questions: {answered: true}
facts:
  - {subject: 覆盖率, unit: '%', min: 0, max: 100}
units: {allowed: ['%'], max_unknown_share: 0.5}
percent:
  - {subject: '率$', measure: share, max: 100}
)");
    const auto findings = validate(press_doc(), s);
    CHECK(findings.empty());
  }

  TEST_CASE("each rule kind fails where it should, with its schema location") {
    const Schema s = load(R"(name: pc
severity: warning
metadata:
  - {key: 成文日期, type: date, severity: error}
  - {key: 索引号}
title: {pattern: 统计公报}
year: {min: 2024}
roles:
  - {role: host, min: 2}
questions: {answered: true}
facts:
  - {subject: 地区生产总值, dimension: money}
  - {subject: 覆盖率, max: 40}
units: {allowed: ['元'], max_unknown_share: 0.0}
percent:
  - {subject: '率$', measure: share, max: 40}
)");
    Document d = press_doc();
    d.metadata[0].second = "2023-02-30";
    d.turns[3].answers.reset();
    d.facts[0].unit_known = false;
    const auto findings = validate(d, s);
    CHECK(rules(findings) ==
          std::vector<std::string>{"metadata.date", "metadata.missing", "title.pattern",
                                   "year.range", "roles.count", "facts.missing",
                                   "units.unknown-share", "facts.range", "units.allowed",
                                   "units.allowed", "percent.range", "questions.answered"});
    CHECK(findings[0].severity == Severity::error);
    CHECK(findings[0].schema.line == 4);
    CHECK(findings[0].schema.column == 5);
    CHECK(findings[1].severity == Severity::warning);
    CHECK(findings.back().span.line == 40);
    CHECK(fails(findings[0], false));
    CHECK_FALSE(fails(findings[1], false));
    CHECK(fails(findings[1], true));
  }

  TEST_CASE("a growth rate above 100% is not a share") {
    const Schema s = load("name: x\npercent:\n  - {measure: share, max: 100}\n");
    Document d = press_doc();
    CHECK_FALSE(has(validate(d, s), "percent.range"));
    d.facts[0].value = *Decimal::parse("103.5");
    CHECK(has(validate(d, s), "percent.range"));
  }

  TEST_CASE("consistency checks run only when the schema names them") {
    Document d;
    Turn t;
    t.index = 1;
    t.text = "总造价676万元,其中财政补助292万元,社会出资384万元。";
    const char* clauses[] = {"总造价676万元", "其中财政补助292万元", "社会出资384万元"};
    int k = 0;
    d.turns.push_back(t);
    for (const char* v : {"676", "292", "384"}) {
      Fact f;
      f.turn = 1;
      f.text = std::string(v) + "万元";
      f.value = *Decimal::parse(std::string(v) + "0000");
      f.unit = "元";
      f.precision = *Decimal::parse("10000");
      f.clause = clauses[k++];
      f.subject = "造价";
      d.facts.push_back(f);
    }
    CHECK(validate(d, load("name: x\n")).empty());
    const auto with = validate(d, load("name: x\nchecks:\n  sum: {severity: error}\n"));
    REQUIRE(with.size() == 1);
    CHECK(with[0].rule == "check.sum");
    CHECK(with[0].severity == Severity::note);
    CHECK(with[0].schema.line == 3);
    d.facts[1].value = *Decimal::parse("2000000");
    const auto bad = validate(d, load("name: x\nchecks:\n  sum: {severity: error}\n"));
    REQUIRE(bad.size() == 1);
    CHECK(bad[0].severity == Severity::error);
  }

  TEST_CASE("a pattern that backtracks without end times out instead of hanging") {
    const Schema s = load("name: x\ntitle: {pattern: '^(a+)+$'}\n");
    Document d = press_doc();
    d.title = std::string(40, 'a') + "b";
    const auto findings = validate(d, s);
    CHECK(has(findings, "schema.timeout"));
  }
}
