// Fuzz target: the number recognizer alone.
//
// Properties: matches lie inside the text, in order and without overlap;
// `surface` is exactly the slice; values and bounds are finite; an
// `overflow` match has no value; printing a value stays short (a 10,000-digit
// run must not turn into a 10,000-character or larger string).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "bulletin/numbers.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace bulletin;
using fuzz::require;

void check_decimal(const std::optional<Decimal>& d, const char* what) {
  if (!d) return;
  require(std::isfinite(d->to_double()), what);
  // An exponent in the thousands would print as thousands of zeros.
  require(d->exponent > -400 && d->exponent < 400, "decimal exponent stays printable");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const bool units : {true, false}) {
    RecognizerOptions options;
    options.attach_units = units;
    const auto matches = find_numbers(text, UnitTable::builtin(), options);
    std::size_t previous_end = 0;
    for (const auto& m : matches) {
      require(m.begin < m.end && m.end <= size, "match inside the text");
      require(m.begin >= previous_end, "matches ordered and disjoint");
      previous_end = m.end;
      require(m.surface == text.substr(m.begin, m.end - m.begin), "surface is the slice");
      require(!(m.overflow && m.value), "an overflowing number has no value");
      check_decimal(m.value, "value is finite");
      check_decimal(m.low, "low is finite");
      check_decimal(m.high, "high is finite");
      check_decimal(m.precision, "precision is finite");
      if (m.value) require(m.value->to_string().size() < 512, "value prints short");
    }
  }
  return 0;
}
