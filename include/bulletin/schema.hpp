// Schemas: what a kind of bulletin must contain, read from YAML, and the
// validation of documents against them (schemas/README.md documents each key).
//
//   auto schema = bulletin::Schema::from_yaml(yaml_text, "press-conference.yaml");
//   if (!schema) report(schema.error());              // file:line:col of the bad key
//   for (const auto& f : bulletin::validate(doc, *schema))
//     std::cout << f.span.line << ':' << f.span.column << ' ' << f.rule << ' ' << f.message;
//
// A schema is untrusted input: its size, nesting depth and the number of nodes
// visited (aliases included) are bounded, and its patterns run on ICU's regex
// engine with a time limit. A Schema is immutable and may be shared between
// threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bulletin/check.hpp"
#include "bulletin/document.hpp"
#include "bulletin/result.hpp"

namespace bulletin {

/// One thing a document does wrong, or (severity note) a consistency check it passes.
struct Finding {
  std::string rule;  // metadata.missing, title.pattern, check.rate … (schemas/README.md)
  Severity severity = Severity::error;
  std::string message;
  /// The offending text in the bulletin; line 0 when the finding is about the
  /// document as a whole (a missing key, a missing role).
  SourceSpan span;
  /// The schema entry that asked for it (1-based line and column).
  Location schema;
  std::vector<std::size_t> facts;  // 0-based indexes into Document::facts
};

class Schema {
 public:
  struct Impl;

  /// Reads a schema. Errors are Errc::invalid_schema with the line and column
  /// of the offending node: YAML syntax, an unknown key, a wrong type, a value
  /// out of range, a pattern that does not compile, or limits exceeded.
  [[nodiscard]] static Result<Schema> from_yaml(std::string_view yaml, std::string_view origin);

  [[nodiscard]] const std::string& name() const;
  /// The origin given to from_yaml, for schema locations in reports.
  [[nodiscard]] const std::string& origin() const;
  /// Which consistency rules run, with which tolerances.
  [[nodiscard]] const CheckOptions& check_options() const;

  [[nodiscard]] const Impl& impl() const { return *impl_; }

 private:
  explicit Schema(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
};

/// Every finding of `doc` against `schema`, in order of position in the
/// document (document-wide findings first). Never fails.
[[nodiscard]] std::vector<Finding> validate(const Document& doc, const Schema& schema);

/// Whether a finding makes the document invalid: errors always, warnings
/// with `strict`, notes never.
[[nodiscard]] bool fails(const Finding& finding, bool strict) noexcept;

}  // namespace bulletin
