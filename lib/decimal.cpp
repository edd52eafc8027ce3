// Decimal: an exact mantissa × 10^exponent, and the names of the recognizer's
// enums.
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <system_error>

#include "bulletin/numbers.hpp"

namespace bulletin {
namespace {

// A Decimal with the trailing zeros of its mantissa moved into the exponent,
// so that equal values have equal representations.
struct Normal {
  bool negative = false;
  std::uint64_t magnitude = 0;
  std::int64_t exponent = 0;
};

Normal normalize(const Decimal& d) {
  Normal n;
  n.negative = d.mantissa < 0;
  n.magnitude = n.negative ? std::uint64_t{0} - static_cast<std::uint64_t>(d.mantissa)
                           : static_cast<std::uint64_t>(d.mantissa);
  n.exponent = d.exponent;
  if (n.magnitude == 0) return Normal{};
  while (n.magnitude % 10 == 0) {
    n.magnitude /= 10;
    ++n.exponent;
  }
  return n;
}

constexpr double kExactPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

constexpr std::array<std::uint64_t, 19> kExactIntegerPowers = [] {
  std::array<std::uint64_t, 19> p{};
  p[0] = 1;
  for (std::size_t k = 1; k < p.size(); ++k) p[k] = p[k - 1] * 10;
  return p;
}();

}  // namespace

std::string Decimal::to_string() const {
  const Normal n = normalize(*this);
  if (n.magnitude == 0) return "0";
  const std::string digits = std::to_string(n.magnitude);
  std::string out;
  if (n.negative) out += '-';
  if (n.exponent >= 0) {
    out += digits;
    out.append(static_cast<std::size_t>(n.exponent), '0');
    return out;
  }
  const auto fraction = static_cast<std::size_t>(-n.exponent);
  if (digits.size() > fraction) {
    out.append(digits, 0, digits.size() - fraction);
    out += '.';
    out.append(digits, digits.size() - fraction, std::string::npos);
  } else {
    out += "0.";
    out.append(fraction - digits.size(), '0');
    out += digits;
  }
  return out;
}

double Decimal::to_double() const {
  const Normal n = normalize(*this);
  if (n.magnitude == 0) return 0.0;
  double value = 0.0;
  if (n.magnitude <= (std::uint64_t{1} << 53) && n.exponent >= -22 && n.exponent <= 22) {
    // Both operands are exact doubles, so one IEEE operation rounds correctly.
    const auto m = static_cast<double>(n.magnitude);
    value = n.exponent >= 0 ? m * kExactPowers[n.exponent] : m / kExactPowers[-n.exponent];
  } else {
    const std::string text = std::to_string(n.magnitude) + "e" + std::to_string(n.exponent);
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec == std::errc::result_out_of_range) {
      value = n.exponent > 0 ? std::numeric_limits<double>::max() : 0.0;
    }
  }
  return n.negative ? -value : value;
}

bool Decimal::is_integer() const {
  if (exponent >= 0) {
    // The usual case, without normalizing: trailing zeros only move between
    // mantissa and exponent, the value is mantissa × 10^exponent either way.
    if (mantissa == 0 || exponent == 0) return true;
    if (exponent > 18) return false;
    const bool negative = mantissa < 0;
    const std::uint64_t magnitude = negative
                                        ? std::uint64_t{0} - static_cast<std::uint64_t>(mantissa)
                                        : static_cast<std::uint64_t>(mantissa);
    std::uint64_t value = 0;
    const std::uint64_t scale = kExactIntegerPowers[static_cast<std::size_t>(exponent)];
    if (__builtin_mul_overflow(magnitude, scale, &value)) return false;
    // −2^63 is no multiple of ten: the positive limit serves both signs.
    return value <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  }
  const Normal n = normalize(*this);
  if (n.magnitude == 0) return true;
  if (n.exponent < 0 || n.exponent > 18) return false;
  std::uint64_t v = n.magnitude;
  for (std::int64_t i = 0; i < n.exponent; ++i) {
    if (v > std::numeric_limits<std::uint64_t>::max() / 10) return false;
    v *= 10;
  }
  const std::uint64_t limit =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (n.negative ? 1 : 0);
  return v <= limit;
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
    negative = text[i] == '-';
    ++i;
  }
  std::string digits;
  std::int64_t exponent = 0;
  bool seen_digit = false;
  bool seen_point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (!(digits.empty() && c == '0')) digits += c;
      if (seen_point) --exponent;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      return std::nullopt;
    }
  }
  if (!seen_digit) return std::nullopt;
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
  if (digits.empty()) return Decimal{0, 0};
  if (digits.size() > 19) return std::nullopt;
  std::uint64_t magnitude = 0;
  for (const char c : digits) {
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (magnitude > (std::numeric_limits<std::uint64_t>::max() - d) / 10) return std::nullopt;
    magnitude = magnitude * 10 + d;
  }
  const std::uint64_t limit =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  if (magnitude > limit) return std::nullopt;
  if (exponent < std::numeric_limits<std::int32_t>::min() ||
      exponent > std::numeric_limits<std::int32_t>::max()) {
    return std::nullopt;
  }
  Decimal d;
  d.mantissa = negative ? static_cast<std::int64_t>(std::uint64_t{0} - magnitude)
                        : static_cast<std::int64_t>(magnitude);
  d.exponent = static_cast<std::int32_t>(exponent);
  return d;
}

bool operator==(const Decimal& a, const Decimal& b) {
  const Normal x = normalize(a);
  const Normal y = normalize(b);
  return x.negative == y.negative && x.magnitude == y.magnitude && x.exponent == y.exponent;
}

const char* to_string(NumberKind kind) noexcept {
  switch (kind) {
    case NumberKind::cardinal:
      return "cardinal";
    case NumberKind::decimal:
      return "decimal";
    case NumberKind::percent:
      return "percent";
    case NumberKind::permille:
      return "permille";
    case NumberKind::fraction:
      return "fraction";
    case NumberKind::ordinal:
      return "ordinal";
    case NumberKind::range:
      return "range";
    case NumberKind::multiple:
      return "multiple";
    case NumberKind::date:
      return "date";
    case NumberKind::time:
      return "time";
    case NumberKind::identifier:
      return "identifier";
  }
  return "unknown";
}

const char* to_string(Bound bound) noexcept {
  switch (bound) {
    case Bound::exact:
      return "exact";
    case Bound::lower:
      return "lower";
    case Bound::upper:
      return "upper";
    case Bound::approx:
      return "approx";
  }
  return "unknown";
}

}  // namespace bulletin
