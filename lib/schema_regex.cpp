#include "detail/schema_regex.hpp"

#include <fmt/format.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

namespace bulletin::detail {

namespace {
// In ICU's match-engine ticks (a few milliseconds each): enough for any sane
// pattern over a bulletin, far too little for catastrophic backtracking.
constexpr int32_t kTimeLimit = 200;
// Bytes of backtracking stack a match may use.
constexpr int32_t kStackLimit = 1 << 20;
}  // namespace

struct Pattern::Impl {
  std::unique_ptr<icu::RegexPattern> compiled;
};

Pattern::Pattern() = default;
Pattern::~Pattern() = default;
Pattern::Pattern(const Pattern&) = default;
Pattern& Pattern::operator=(const Pattern&) = default;

Result<Pattern> Pattern::compile(std::string_view source) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(source.data(), static_cast<int32_t>(source.size())));
  std::unique_ptr<icu::RegexPattern> compiled(icu::RegexPattern::compile(text, 0, where, status));
  if (U_FAILURE(status) || !compiled) {
    return Error{Errc::invalid_schema,
                 fmt::format("bad regular expression '{}': {} at character {}", source,
                             u_errorName(status), where.offset + 1),
                 std::nullopt};
  }
  auto impl = std::make_shared<Impl>();
  impl->compiled = std::move(compiled);
  Pattern p;
  p.impl_ = std::move(impl);
  p.source_ = std::string(source);
  return p;
}

std::optional<bool> Pattern::search(std::string_view text) const {
  if (!impl_) return true;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString input = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  std::unique_ptr<icu::RegexMatcher> matcher(impl_->compiled->matcher(input, status));
  if (U_FAILURE(status) || !matcher) return std::nullopt;
  matcher->setTimeLimit(kTimeLimit, status);
  matcher->setStackLimit(kStackLimit, status);
  const bool found = matcher->find(status) != 0;
  if (U_FAILURE(status)) return std::nullopt;
  return found;
}

}  // namespace bulletin::detail
