// Fuzz target: the JSON reader that bulletin-validate and bulletin-diff use
// on bulletin-parse output, and what they do with a document it accepts.
//
// Properties: what reads back writes a JSON that reads back to the same
// JSON (a fixed point after one round); a document accepted here can be
// diffed against a later edition of itself and rendered in every format.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bulletin/diff.hpp"
#include "bulletin/serialize.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace bulletin;
using fuzz::require;

void diff_with_itself(const Document& doc) {
  Document older = doc;
  Document newer = doc;
  older.year = 2000;
  newer.year = 2001;
  newer.source.path = "newer.json";
  const auto result = diff_editions({older, newer});
  require(result.has_value(), "a document diffs with a copy of itself",
          result ? "" : result.error().message);
  for (const auto format :
       {DiffFormat::text, DiffFormat::json, DiffFormat::csv, DiffFormat::markdown}) {
    RenderOptions options;
    options.format = format;
    (void)render_diff(*result, options);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  const auto doc = from_json(json);
  if (!doc) {
    require(doc.error().code == Errc::invalid_json, "reader errors are invalid_json");
    return 0;
  }
  const std::string written = to_json(*doc);
  const auto back = from_json(written);
  require(back.has_value(), "written JSON reads back", back ? "" : back.error().message);
  require(to_json(*back) == written, "JSON round trip is stable");
  (void)to_json(*doc, -1);
  (void)facts_to_jsonl(*doc);
  (void)facts_to_table(*doc, ',');
  (void)to_text_summary(*doc);
  diff_with_itself(*doc);
  return 0;
}
