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

/// The steps parse() and parse_stream() share, up to segmentation; hands the
/// results to `finish`. They stay where they are built, as the segmentation
/// refers to the normalized text.
/// `owned`, when given, holds `bytes` and is released once they are decoded.
template <typename Finish>
auto prepare(std::string_view bytes, std::string* owned, const ParseOptions& options,
             Finish&& finish)
    -> decltype(finish(std::declval<SourceInfo&>(), std::declval<const Decoded&>(),
                       std::declval<const Normalized&>(), std::declval<Segmentation&>())) {
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
  SourceInfo source;
  source.path = options.path;
  source.encoding = decoded->encoding;
  source.bytes = bytes.size();
  source.sha256 = detail::sha256_hex(bytes);
  if (owned != nullptr) std::string().swap(*owned);
  const Normalized normalized = normalize(decoded->text);
  Segmentation seg = segment(normalized.text);
  return finish(source, *decoded, normalized, seg);
}

/// The diagnostics that follow the segmenter's and the extractor's.
void add_final_diagnostics(std::vector<Diagnostic>& diagnostics, const Decoded& decoded,
                           const Normalized& normalized) {
  if (decoded.replaced > 0) {
    diagnostics.push_back(
        {Severity::warning, "invalid-bytes-replaced",
         fmt::format("{} invalid byte sequence(s) replaced with U+FFFD, the first "
                     "at offset {}",
                     decoded.replaced, decoded.first_replaced_offset),
         0, 0, 0});
  }
  if (is_blank(normalized.text)) {
    diagnostics.clear();
    diagnostics.push_back({Severity::warning, "empty-input", "the input holds no text", 0, 0, 0});
  }
}

/// Maps the checks and diagnostics, which parse() and parse_stream() give last.
void map_findings(const Decoded& decoded, const Normalized& normalized, std::vector<Check>& checks,
                  std::vector<Diagnostic>& diagnostics) {
  SpanMapper mapper(decoded, normalized);
  for (auto& c : checks) mapper.add(c.span);
  for (auto& d : diagnostics) mapper.add(d);
  mapper.apply();
  // Blank text maps offset 0 past the leading spaces; the finding is about
  // the whole input, so it names its start.
  if (is_blank(normalized.text)) {
    for (auto& d : diagnostics) {
      d.offset = 0;
      d.line = 1;
      d.column = 1;
    }
  }
}

/// Maps spans that arrive in text order (turns, sections, facts), sweeping the
/// decoded text once for their lines and columns.
class SpanCursor {
 public:
  SpanCursor(const Decoded& decoded, const Normalized& normalized)
      : decoded_(decoded), normalized_(normalized), cursor_(decoded.text) {}

  void map(SourceSpan& s) {
    const std::size_t start = normalized_.to_input.map(s.start);
    const std::size_t end = normalized_.to_input.map(s.end);
    const detail::LineColumn at = cursor_.at(start);
    s.start = decoded_.to_source.map(start);
    s.end = decoded_.to_source.map(end);
    s.line = at.line;
    s.column = at.column;
  }

 private:
  const Decoded& decoded_;
  const Normalized& normalized_;
  detail::LineColumnCursor cursor_;
};

/// parse()'s last steps: the whole document at once.
Document assemble(SourceInfo& source, const Decoded& decoded, const Normalized& normalized,
                  Segmentation& seg, const ParseOptions& options) {
  ExtractOptions extract_options;
  extract_options.units = options.units;
  extract_options.max_facts = options.max_facts;
  Extraction extraction = extract_facts(normalized.text, seg, extract_options);

  Document doc = std::move(seg.document);
  doc.source = std::move(source);
  doc.facts = std::move(extraction.facts);
  for (auto& d : extraction.diagnostics) doc.diagnostics.push_back(std::move(d));
  add_final_diagnostics(doc.diagnostics, decoded, normalized);

  CheckOptions check_options;
  check_options.text = normalized.text;  // spans still index it here
  doc.checks = check_consistency(doc, check_options);

  SpanMapper mapper(decoded, normalized);
  for (auto& t : doc.turns) mapper.add(t.span);
  for (auto& s : doc.sections) mapper.add(s.span);
  for (auto& f : doc.facts) mapper.add(f.span);
  mapper.apply();
  map_findings(decoded, normalized, doc.checks, doc.diagnostics);
  return doc;
}

/// parse_stream()'s last steps: the head, the facts a group at a time, the rest.
void stream(SourceInfo& source, const Decoded& decoded, const Normalized& normalized,
            Segmentation& seg, const ParseOptions& options, DocumentReceiver& receiver) {
  Document& head = seg.document;
  head.source = std::move(source);
  std::vector<Diagnostic> diagnostics = std::move(head.diagnostics);
  head.diagnostics.clear();
  // The extractor reads where sections start in the normalized text: the
  // spans are mapped for the receiver, then those starts are put back.
  std::vector<std::size_t> section_starts;
  section_starts.reserve(head.sections.size());
  SpanCursor turn_spans(decoded, normalized);
  for (auto& t : head.turns) turn_spans.map(t.span);
  SpanCursor section_spans(decoded, normalized);
  for (auto& s : head.sections) {
    section_starts.push_back(s.span.start);
    section_spans.map(s.span);
  }
  receiver.begin(head);
  for (std::size_t k = 0; k < head.sections.size(); ++k) {
    head.sections[k].span.start = section_starts[k];
  }
  // The extractor needs no turn's text: it is written, so let it go.
  for (auto& t : head.turns) std::string().swap(t.text);

  ExtractOptions extract_options;
  extract_options.units = options.units;
  extract_options.max_facts = options.max_facts;
  CheckOptions check_options;
  GroupChecker checker(normalized.text, check_options);
  SpanCursor fact_spans(decoded, normalized);
  auto extracted =
      extract_facts_in_groups(normalized.text, seg, extract_options, [&](FactGroup& group) {
        checker.add(group.facts, group.first, group.end);
        for (auto& f : group.facts) fact_spans.map(f.span);
        receiver.facts(group.facts, group.first);
      });
  for (auto& d : extracted) diagnostics.push_back(std::move(d));
  add_final_diagnostics(diagnostics, decoded, normalized);
  std::vector<Check> checks = checker.finish();
  map_findings(decoded, normalized, checks, diagnostics);
  receiver.end(checks, diagnostics);
}

}  // namespace

Result<Document> parse(std::string_view bytes, const ParseOptions& options) {
  return prepare(bytes, nullptr, options,
                 [&](SourceInfo& source, const Decoded& decoded, const Normalized& normalized,
                     Segmentation& seg) -> Result<Document> {
                   return assemble(source, decoded, normalized, seg, options);
                 });
}

namespace {

std::optional<Error> parse_stream(std::string_view bytes, std::string* owned,
                                  const ParseOptions& options, DocumentReceiver& receiver) {
  auto done = prepare(bytes, owned, options,
                      [&](SourceInfo& source, const Decoded& decoded, const Normalized& normalized,
                          Segmentation& seg) -> Result<bool> {
                        stream(source, decoded, normalized, seg, options, receiver);
                        return true;
                      });
  if (!done) return done.error();
  return std::nullopt;
}

}  // namespace

std::optional<Error> parse_stream(std::string_view bytes, const ParseOptions& options,
                                  DocumentReceiver& receiver) {
  return parse_stream(bytes, nullptr, options, receiver);
}

std::optional<Error> parse_stream(std::string&& bytes, const ParseOptions& options,
                                  DocumentReceiver& receiver) {
  return parse_stream(bytes, &bytes, options, receiver);
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
