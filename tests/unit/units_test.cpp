#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "bulletin/numbers.hpp"
#include "detail/units_yaml.hpp"

using bulletin::Decimal;
using bulletin::Errc;
using bulletin::UnitTable;

TEST_CASE("the built-in unit table parses and covers bulletin units") {
  const UnitTable& units = UnitTable::builtin();
  REQUIRE(units.size() > 150);
  for (const char* name : {"元",   "万元", "亿元",     "平方米", "平米", "公顷", "平方公里",
                           "公里", "千米", "万千瓦时", "度",     "公斤", "千克", "万人次",
                           "亩",   "人次", "户",       "起",     "剂次", "件次", "万吨"}) {
    CAPTURE(name);
    const auto* u = units.match_prefix(name);
    REQUIRE(u != nullptr);
    CHECK(u->name == name);
  }
  CHECK(units.match_prefix("公顷")->factor == Decimal{10000, 0});
  CHECK(units.match_prefix("公顷")->base == "平方米");
  CHECK(units.match_prefix("平方公里")->factor == Decimal{1, 6});
  CHECK(units.match_prefix("平米")->base == "平方米");
  CHECK(units.match_prefix("千米")->factor == Decimal{1000, 0});
  CHECK(units.match_prefix("度")->base == "千瓦时");
  CHECK(units.match_prefix("亩")->base == "亩");  // not converted: stays exact
  CHECK(units.match_prefix("亿元")->dimension == "money");
}

TEST_CASE("match_prefix takes the longest unit") {
  const UnitTable& units = UnitTable::builtin();
  CHECK(units.match_prefix("万人次，同比")->name == "万人次");
  CHECK(units.match_prefix("人次")->name == "人次");
  CHECK(units.match_prefix("人，")->name == "人");
  CHECK(units.match_prefix("平方米以上")->name == "平方米");
  CHECK(units.match_prefix("的") == nullptr);
  CHECK(units.match_prefix("") == nullptr);
}

TEST_CASE("match_minor finds the smaller units of a currency") {
  const UnitTable& units = UnitTable::builtin();
  const auto* yuan = units.match_prefix("元");
  REQUIRE(yuan != nullptr);
  const auto* jiao = units.match_minor(*yuan, "角");
  REQUIRE(jiao != nullptr);
  CHECK(jiao->factor == Decimal{1, -1});
  CHECK(jiao->base == "元");
  CHECK(units.match_minor(*yuan, "美分") == nullptr);
  const bulletin::UnitInfo foreign{"元", "元", {1, 0}, "money"};
  CHECK(units.match_minor(foreign, "角") == nullptr);  // not an entry of this table
}

TEST_CASE("from_yaml reads a unit file and merged() lets it win") {
  const char* yaml = R"(units:
  - {name: 万头猪, base: 头, factor: "10000", dimension: count}
  - name: 元
    base: 元
    factor: "1"
    dimension: currency
)";
  auto extra = UnitTable::from_yaml(yaml, "extra.yaml");
  REQUIRE(extra);
  CHECK(extra->size() == 2);
  const UnitTable merged = UnitTable::builtin().merged(*extra);
  CHECK(merged.size() == UnitTable::builtin().size() + 1);
  CHECK(merged.match_prefix("万头猪")->factor == Decimal{1, 4});
  CHECK(merged.match_prefix("元")->dimension == "currency");
  CHECK(UnitTable::builtin().match_prefix("元")->dimension == "money");  // builtin untouched
  // Copies share the immutable data.
  const UnitTable copy = merged;
  CHECK(copy.size() == merged.size());
}

namespace {
std::string error_of(const char* yaml) {
  auto r = UnitTable::from_yaml(yaml, "units.yaml");
  REQUIRE_FALSE(r);
  CHECK(r.error().code == Errc::invalid_schema);
  return r.error().message;
}
}  // namespace

TEST_CASE("from_yaml reports errors as origin:LINE:COL without throwing") {
  CHECK(error_of(
            "units:\n  - {name: 元, base: 元, factor: \"1\", dimension: money, colour: red}\n") ==
        "units.yaml:2:55: unknown key 'colour' (expected name, base, factor, dimension, minor)");
  CHECK(error_of("units:\n  - name: 元\n    base: 元\n    factor: [1]\n    dimension: money\n") ==
        "units.yaml:4:13: 'factor' must be a decimal string such as \"0.001\"");
  CHECK(error_of("units:\n  - {name: 元, base: 元, factor: \"abc\", dimension: money}\n") ==
        "units.yaml:2:32: 'factor' must be a positive plain decimal such as \"10000\" or \"0.5\", "
        "got "
        "'abc'");
  CHECK(error_of("units:\n  - {name: 元, base: 元, dimension: money}\n") ==
        "units.yaml:2:5: missing key 'factor'");
  CHECK(error_of("units:\n  - {name: [元], base: 元, factor: \"1\", dimension: money}\n") ==
        "units.yaml:2:12: 'name' must be a string");
  CHECK(error_of("foo: 1\n") == "units.yaml:1:1: unknown key 'foo' (expected 'units')");
  CHECK(error_of("units: 3\n") == "units.yaml:1:8: 'units' must be a list of unit entries");
  CHECK(error_of("units:\n  - {name: 元, base: 元, factor: \"1\", dimension: money}\n"
                 "  - {name: 元, base: 元, factor: \"1\", dimension: money}\n") ==
        "units.yaml:3:5: duplicate unit '元'");
  CHECK(error_of(
            "units:\n  - {name: 元, base: 元, factor: \"1\", dimension: money, minor: [角]}\n") ==
        "units.yaml:2:62: 'minor' must be a mapping such as {角: \"0.1\"}");
  // A YAML syntax error keeps yaml-cpp's message and position.
  CHECK(error_of("units: [\n").rfind("units.yaml:2:1: ", 0) == 0);
  // The location is filled in too.
  auto r = UnitTable::from_yaml("foo: 1\n", "u.yaml");
  REQUIRE_FALSE(r);
  REQUIRE(r.error().where);
  CHECK(r.error().where->line == 1);
  CHECK(r.error().where->column == 1);
  CHECK(r.error().where->offset == 0);
}

TEST_CASE("an empty unit list is a valid, empty table") {
  auto r = UnitTable::from_yaml("units: []\n", "empty.yaml");
  REQUIRE(r);
  CHECK(r->size() == 0);
  CHECK(r->match_prefix("元") == nullptr);
  CHECK(UnitTable().size() == 0);
}

// The built-in table is generated at build time; it must say what the YAML
// reader says about data/units.yaml, entry by entry.
TEST_CASE("the generated built-in table equals data/units.yaml read at run time") {
  std::ifstream in(std::string(BULLETIN_SOURCE_DIR) + "/data/units.yaml", std::ios::binary);
  REQUIRE(in);
  const std::string yaml{std::istreambuf_iterator<char>(in), {}};
  const auto read = bulletin::detail::read_unit_yaml(yaml, "data/units.yaml");
  REQUIRE(read);
  const UnitTable& builtin = UnitTable::builtin();
  CHECK(builtin.size() == read->units.size());
  REQUIRE(read->minors.size() == read->units.size());
  for (std::size_t i = 0; i < read->units.size(); ++i) {
    const bulletin::UnitInfo& expected = read->units[i];
    CAPTURE(expected.name);
    const bulletin::UnitInfo* got = builtin.match_prefix(expected.name);
    REQUIRE(got != nullptr);
    CHECK(got->name == expected.name);
    CHECK(got->base == expected.base);
    CHECK(got->factor == expected.factor);
    CHECK(got->dimension == expected.dimension);
    for (const bulletin::UnitInfo& minor : read->minors[i]) {
      CAPTURE(minor.name);
      const bulletin::UnitInfo* m = builtin.match_minor(*got, minor.name);
      REQUIRE(m != nullptr);
      CHECK(m->name == minor.name);
      CHECK(m->factor == minor.factor);
    }
  }
}

TEST_CASE("match_prefix: names past five bytes, past eight bytes and short ones") {
  // Names longer than five bytes are looked up by their sixth byte, and the
  // first eight bytes of every name are compared as one word.
  const char* yaml = R"(units:
  - {name: ab, base: ab, factor: "1", dimension: count}
  - {name: abcde, base: abcde, factor: "1", dimension: count}
  - {name: abcdef, base: abcdef, factor: "1", dimension: count}
  - {name: abcdeg, base: abcdeg, factor: "1", dimension: count}
  - {name: abcdefghijk, base: abcdefghijk, factor: "1", dimension: count}
  - {name: abcdefghijz, base: abcdefghijz, factor: "1", dimension: count}
  - {name: abcdefgh, base: abcdefgh, factor: "1", dimension: count}
)";
  auto table = UnitTable::from_yaml(yaml, "probe.yaml");
  REQUIRE(table);
  auto name_at = [&](const char* text) -> std::string {
    const auto* u = table->match_prefix(text);
    return u != nullptr ? u->name : "none";
  };
  CHECK(name_at("abcdefghijz!") == "abcdefghijz");  // differs from abcdefghijk past byte 8
  CHECK(name_at("abcdefghijk") == "abcdefghijk");
  CHECK(name_at("abcdefghij") == "abcdefgh");  // exactly eight bytes
  CHECK(name_at("abcdefg") == "abcdef");
  CHECK(name_at("abcdeg") == "abcdeg");
  CHECK(name_at("abcdex") == "abcde");  // no long name has x sixth: the short ones
  CHECK(name_at("abcde") == "abcde");
  CHECK(name_at("abcd") == "ab");
  CHECK(name_at("a") == "none");
  CHECK(name_at("b") == "none");
  // Chinese names: 万元 among the many names starting with 万, and longer ones.
  const UnitTable& units = UnitTable::builtin();
  CHECK(units.match_prefix("万元，")->name == "万元");
  CHECK(units.match_prefix("万千瓦时以上")->name == "万千瓦时");
  CHECK(units.match_prefix("万") == nullptr);  // only longer names start with 万
}
