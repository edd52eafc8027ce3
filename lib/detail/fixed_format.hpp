// Writing a double with a fixed number of decimals, as fmt's "{:.{}f}" does,
// without formatting through a format string: the consistency checks write
// one for every rate they state.
#pragma once

#include <fmt/format.h>

#include <charconv>
#include <string>
#include <system_error>

namespace bulletin::detail {

/// Appends `value` with `decimals` digits after the point. std::to_chars and
/// fmt both round the exact binary value correctly, ties to even, and print
/// infinities and NaNs alike; a value too long for the buffer goes to fmt.
inline void append_fixed(std::string& out, double value, int decimals) {
  char buffer[128];
  const auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  if (error == std::errc{}) {
    out.append(buffer, end);
  } else {
    out += fmt::format("{:.{}f}", value, decimals);
  }
}

}  // namespace bulletin::detail
