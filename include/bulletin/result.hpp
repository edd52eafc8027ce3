// Result<T> and Error: how the library reports failure without exceptions.
//
// Fatal problems (unreadable bytes, a broken schema) are an Error; content that
// merely looks odd is a Diagnostic inside a successful Document. Member names
// follow std::expected so a later move to C++23 is an alias.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace bulletin {

enum class Errc {
  io_error,
  invalid_encoding,
  binary_input,
  too_large,
  invalid_argument,
  invalid_schema,
  invalid_json,
};

[[nodiscard]] const char* to_string(Errc code) noexcept;

/// Where an error sits in its input: byte offset plus 1-based line and column
/// (columns count Unicode code points).
struct Location {
  std::size_t offset = 0;
  std::size_t line = 0;
  std::size_t column = 0;
};

struct Error {
  Errc code = Errc::invalid_argument;
  std::string message;
  std::optional<Location> where;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design

  [[nodiscard]] bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  [[nodiscard]] T& value() & { return std::get<0>(state_); }
  [[nodiscard]] const T& value() const& { return std::get<0>(state_); }
  [[nodiscard]] T&& value() && { return std::get<0>(std::move(state_)); }
  [[nodiscard]] const Error& error() const& { return std::get<1>(state_); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> state_;
};

}  // namespace bulletin
