// Patterns of schemas: ICU regular expressions, compiled once and shared, run
// with a time limit so that a hostile pattern cannot hang validation.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "bulletin/result.hpp"

namespace bulletin::detail {

class Pattern {
 public:
  Pattern();
  ~Pattern();
  Pattern(const Pattern&);
  Pattern& operator=(const Pattern&);

  /// Compiles `source`; the error message names ICU's reason and the offset.
  [[nodiscard]] static Result<Pattern> compile(std::string_view source);

  /// Whether the pattern occurs in `text` (a search, not a full match);
  /// nullopt when the time limit ran out.
  [[nodiscard]] std::optional<bool> search(std::string_view text) const;

  [[nodiscard]] const std::string& source() const { return source_; }
  [[nodiscard]] bool empty() const { return !impl_; }

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
  std::string source_;
};

}  // namespace bulletin::detail
