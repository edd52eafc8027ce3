#include "bulletin/parse.hpp"

#include <fmt/format.h>
#include <unicode/uversion.h>

#include <optional>
#include <utility>

#include "bulletin/check.hpp"
#include "bulletin/extract.hpp"
#include "bulletin/normalize.hpp"
#include "bulletin/segment.hpp"
#include "detail/sha256.hpp"
#include "detail/text.hpp"

namespace bulletin {
namespace {

/// Maps every span of the document from normalized offsets to the input, and
/// fills line and column from the decoded text in one sweep.
class SpanMapper {
 public:
  SpanMapper(const Decoded& decoded, const Normalized& normalized)
      : decoded_(decoded), normalized_(normalized) {}

  void add(SourceSpan& span) { spans_.push_back(&span); }
  void add(Diagnostic& d) { diagnostics_.push_back(&d); }

  void apply() {
    std::vector<std::size_t> offsets;
    offsets.reserve(spans_.size() + diagnostics_.size());
    for (SourceSpan* s : spans_) offsets.push_back(normalized_.to_input.map(s->start));
    for (Diagnostic* d : diagnostics_) offsets.push_back(normalized_.to_input.map(d->offset));
    const auto positions = detail::resolve_line_columns(decoded_.text, offsets);
    for (std::size_t i = 0; i < spans_.size(); ++i) {
      SourceSpan& s = *spans_[i];
      const std::size_t end_in_decoded = normalized_.to_input.map(s.end);
      s.start = decoded_.to_source.map(offsets[i]);
      s.end = decoded_.to_source.map(end_in_decoded);
      s.line = positions[i].line;
      s.column = positions[i].column;
    }
    for (std::size_t i = 0; i < diagnostics_.size(); ++i) {
      Diagnostic& d = *diagnostics_[i];
      const std::size_t k = spans_.size() + i;
      d.offset = decoded_.to_source.map(offsets[k]);
      d.line = positions[k].line;
      d.column = positions[k].column;
    }
  }

 private:
  const Decoded& decoded_;
  const Normalized& normalized_;
  std::vector<SourceSpan*> spans_;
  std::vector<Diagnostic*> diagnostics_;
};

/// The first line longer than `limit` bytes, as [begin, end); nullopt when
/// none. CR and form feed end lines too, since normalize() makes them breaks.
std::optional<std::pair<std::size_t, std::size_t>> overlong_line(std::string_view text,
                                                                 std::size_t limit) {
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n' || text[i] == '\r' || text[i] == '\f') {
      if (i - begin > limit) return std::pair{begin, i};
      begin = i + 1;
    }
  }
  return std::nullopt;
}

bool is_blank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\t') return false;
  }
  return true;
}

}  // namespace

Result<Document> parse(std::string_view bytes, const ParseOptions& options) {
  if (bytes.size() > options.max_input_bytes) {
    return Error{Errc::too_large,
                 fmt::format("input is {} bytes, over the limit of {} bytes", bytes.size(),
                             options.max_input_bytes),
                 Location{0, 1, 1}};
  }
  auto decoded = decode(bytes, options.decode);
  if (!decoded) return decoded.error();
  if (const auto line = overlong_line(decoded->text, options.max_line_bytes)) {
    const auto where = detail::resolve_line_columns(decoded->text, {line->first});
    return Error{Errc::too_large,
                 fmt::format("line {} is {} bytes, over the limit of {} bytes", where[0].line,
                             line->second - line->first, options.max_line_bytes),
                 Location{decoded->to_source.map(line->first), where[0].line, where[0].column}};
  }
  const Normalized normalized = normalize(decoded->text);

  Segmentation seg = segment(normalized.text);
  ExtractOptions extract_options;
  extract_options.units = options.units;
  extract_options.max_facts = options.max_facts;
  Extraction extraction = extract_facts(normalized.text, seg, extract_options);

  Document doc = std::move(seg.document);
  doc.source.path = options.path;
  doc.source.encoding = decoded->encoding;
  doc.source.bytes = bytes.size();
  doc.source.sha256 = detail::sha256_hex(bytes);
  doc.facts = std::move(extraction.facts);
  for (auto& d : extraction.diagnostics) doc.diagnostics.push_back(std::move(d));
  if (decoded->replaced > 0) {
    doc.diagnostics.push_back(
        {Severity::warning, "invalid-bytes-replaced",
         fmt::format("{} invalid byte sequence(s) replaced with U+FFFD, the first "
                     "at offset {}",
                     decoded->replaced, decoded->first_replaced_offset),
         0, 0, 0});
  }
  if (is_blank(normalized.text)) {
    doc.diagnostics.clear();
    doc.diagnostics.push_back(
        {Severity::warning, "empty-input", "the input holds no text", 0, 0, 0});
  }

  CheckOptions check_options;
  check_options.text = normalized.text;  // spans still index the normalized text here
  doc.checks = check_consistency(doc, check_options);

  SpanMapper mapper(*decoded, normalized);
  for (auto& t : doc.turns) mapper.add(t.span);
  for (auto& s : doc.sections) mapper.add(s.span);
  for (auto& f : doc.facts) mapper.add(f.span);
  for (auto& c : doc.checks) mapper.add(c.span);
  for (auto& d : doc.diagnostics) mapper.add(d);
  mapper.apply();
  // Blank text maps offset 0 past the leading spaces; the finding is about
  // the whole input, so it names its start.
  if (is_blank(normalized.text)) {
    for (auto& d : doc.diagnostics) {
      d.offset = 0;
      d.line = 1;
      d.column = 1;
    }
  }
  return doc;
}

const char* version() noexcept { return BULLETIN_VERSION; }

std::string icu_version() {
  UVersionInfo info;
  u_getVersion(info);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(info, text);
  return text;
}

}  // namespace bulletin
