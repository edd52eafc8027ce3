// Fuzz target: the whole parse from bytes (decode → … → serialize).
//
// Properties checked on every input that parses:
//  - parsing twice gives the same bytes;
//  - every span lies inside the input, and a fact's slice, decoded and
//    normalized, is the fact's text (exactly the text when it normalizes to
//    itself), widened only by characters NFKC makes several of;
//  - facts are ordered by position;
//  - the JSON written reads back into a document that writes the same JSON;
//  - the same text as UTF-8 and as GB18030 gives the same facts;
//  - the facts do not depend on how many lines the extractor takes at once.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "bulletin/decode.hpp"
#include "bulletin/extract.hpp"
#include "bulletin/normalize.hpp"
#include "bulletin/parse.hpp"
#include "bulletin/segment.hpp"
#include "bulletin/serialize.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace bulletin;
using fuzz::require;

void check_span(const SourceSpan& s, std::size_t size, const char* what) {
  require(s.start <= s.end && s.end <= size, what);
  require(s.line >= 1 && s.column >= 1, "span line and column are 1-based");
}

// The facts without their byte offsets, which differ between encodings.
std::string facts_without_offsets(Document doc) {
  for (auto& f : doc.facts) f.span.start = f.span.end = 0;
  doc.source = {};
  doc.turns.clear();
  doc.sections.clear();
  doc.checks.clear();
  doc.diagnostics.clear();
  return facts_to_jsonl(doc);
}

// Text extracted from PDFs breaks lines between a number and its unit
// (19.02\n万吨); the fact's text joins them, so breaks and the indentation
// after them do not count in the comparison.
std::string without_breaks(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '\n' && c != '\r' && c != '\f' && c != ' ' && c != '\t') out += c;
  }
  return out;
}

void check_fact_slices(std::string_view bytes, const Document& doc) {
  std::size_t previous = 0;
  for (const auto& f : doc.facts) {
    check_span(f.span, bytes.size(), "fact span inside the input");
    require(f.span.start >= previous, "facts ordered by position");
    previous = f.span.start;
    const std::string_view slice = bytes.substr(f.span.start, f.span.end - f.span.start);
    DecodeOptions as_source;
    as_source.encoding = doc.source.encoding;
    const auto decoded = decode(slice, as_source);
    require(decoded.has_value(), "a fact's slice decodes in the document's encoding", slice);
    const std::string raw = without_breaks(decoded->text);
    const std::string folded = without_breaks(normalize(decoded->text).text);
    if (folded == raw) {
      require(raw == without_breaks(f.text), "fact slice equals its text", f.text);
    } else if (const std::string text = without_breaks(f.text); folded != text) {
      // A fact that starts or ends inside a character NFKC makes several of
      // (¾ → 3⁄4) takes that character whole: at most what one character
      // folds to (18 code points) is added at each end.
      require(folded.find(text) != std::string::npos && folded.size() - text.size() <= 2 * 18 * 3,
              "normalized fact slice is its text, or holds it with the characters it cuts", f.text);
    }
  }
}

void check_round_trip(const std::string& json) {
  const auto back = from_json(json);
  require(back.has_value(), "parse output reads back", back ? "" : back.error().message);
  require(to_json(*back) == json, "JSON round trip is stable");
}

void check_gb18030(std::string_view bytes, const Document& doc) {
  if (doc.source.encoding != "UTF-8") return;
  const auto decoded = decode(bytes);
  if (!decoded) return;
  const auto gb = encode(decoded->text, "GB18030");
  if (!gb) return;
  ParseOptions options;
  options.decode.encoding = "GB18030";
  const auto other = parse(*gb, options);
  require(other.has_value(), "the GB18030 form parses", other ? "" : other.error().message);
  require(facts_without_offsets(doc) == facts_without_offsets(*other),
          "UTF-8 and GB18030 give the same facts");
}

std::string facts_jsonl(std::vector<Fact> facts) {
  Document doc;
  doc.facts = std::move(facts);
  return facts_to_jsonl(doc);
}

// A group of lines ends only where no number runs on into the next line, so
// groups of one line give the facts of groups of many.
void check_group_sizes(std::string_view bytes) {
  const auto decoded = decode(bytes);
  if (!decoded) return;
  const Normalized normalized = normalize(decoded->text);
  const Segmentation seg = segment(normalized.text);
  const std::string whole = facts_jsonl(extract_facts(normalized.text, seg).facts);
  for (const std::size_t group_bytes : {std::size_t{1}, std::size_t{61}}) {
    ExtractOptions options;
    options.group_bytes = group_bytes;
    require(facts_jsonl(extract_facts(normalized.text, seg, options).facts) == whole,
            "the facts do not depend on the size of the line groups");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto doc = parse(bytes);
  if (!doc) {
    const auto& where = doc.error().where;
    require(!where || where->offset <= size, "error offset inside the input");
    require(!doc.error().message.empty(), "errors have a message");
    return 0;
  }
  const std::string json = to_json(*doc);
  const auto again = parse(bytes);
  require(again.has_value() && to_json(*again) == json, "parsing twice gives the same bytes");

  for (const auto& t : doc->turns) check_span(t.span, size, "turn span inside the input");
  for (const auto& s : doc->sections) check_span(s.span, size, "section span inside the input");
  for (const auto& c : doc->checks) require(c.span.end <= size, "check span inside the input");
  for (const auto& d : doc->diagnostics) require(d.offset <= size, "diagnostic inside the input");
  check_fact_slices(bytes, *doc);
  check_round_trip(json);
  check_gb18030(bytes, *doc);
  check_group_sizes(bytes);
  return 0;
}
