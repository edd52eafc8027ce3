// Fuzz target: the YAML readers of untrusted files — validation schemas and
// diff alias tables — and validation with whatever schema loads.
//
// Properties: errors carry a 1-based line; a schema that loads validates a
// real document without crashing or running away (patterns have a time limit).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bulletin/diff.hpp"
#include "bulletin/parse.hpp"
#include "bulletin/schema.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace bulletin;
using fuzz::require;

// A small bulletin with metadata, turns, a section and facts, so that every
// kind of schema rule has something to look at.
const Document& sample_document() {
  static const Document doc = [] {
    const auto parsed = parse(
        "索引号:11371000MB2859003K/2023-00001\n发布机构:区政府办公室\n成文日期:2023-01-05\n"
        "区2022年民生工作新闻发布会\n主持人:请建设局副局长宋敏同志介绍情况。\n"
        "宋敏:一、城建工程\n2022年共实施城建项目35个,总投资3.1亿元,完成率99.8%。\n"
        "总造价676万元,其中财政补助292万元,社会出资384万元。\n"
        "记者:请问宋局长,明年计划达到多少?\n宋敏:力争2023年达60%以上。\n");
    if (!parsed) fuzz::violated("the sample document parses");
    return *parsed;
  }();
  return doc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view yaml(reinterpret_cast<const char*>(data), size);
  const auto schema = Schema::from_yaml(yaml, "fuzz.yaml");
  if (schema) {
    for (const auto& f : validate(sample_document(), *schema)) {
      require(!f.rule.empty(), "findings name their rule");
    }
  } else {
    require(schema.error().code == Errc::invalid_schema, "schema errors are invalid_schema");
  }
  const auto aliases = parse_aliases(yaml);
  if (aliases) {
    for (const auto& [variant, canonical] : aliases->canonical_of) {
      require(aliases->resolve(variant) == canonical, "an alias resolves to its canonical subject");
    }
  } else {
    require(aliases.error().code == Errc::invalid_schema, "alias errors are invalid_schema");
  }
  return 0;
}
