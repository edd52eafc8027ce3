// Exact wide decimals for the number recognizer (private; never installed).
//
// While a number is read, its value is a 128-bit mantissa × 10^exponent, so
// 万亿 scaling, thousands of digits and fractions never overflow a signed
// integer (UBSan clean): anything beyond ±10^36 sets `overflow` instead.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>

#include "bulletin/numbers.hpp"

namespace bulletin::detail {

__extension__ typedef __int128 numbers_i128;

struct Wide {
  numbers_i128 m = 0;
  std::int32_t e = 0;
  bool overflow = false;

  static Wide of(std::int64_t mantissa, std::int32_t exponent = 0) {
    Wide w;
    w.m = mantissa;
    w.e = exponent;
    return w;
  }
  [[nodiscard]] bool is_zero() const { return !overflow && m == 0; }
  [[nodiscard]] bool negative() const { return m < 0; }
};

inline constexpr numbers_i128 kWideLimit =
    static_cast<numbers_i128>(1000000000000000000LL) * 1000000000000000000LL;  // 10^36
inline constexpr std::int32_t kWideMaxExponent = 400;

inline Wide wide_overflow() {
  Wide w;
  w.overflow = true;
  return w;
}

inline bool wide_fits(numbers_i128 v) { return v < kWideLimit && v > -kWideLimit; }

inline constexpr std::int32_t kWideDigits = 36;  // kWideLimit = 10^kWideDigits

constexpr std::array<numbers_i128, kWideDigits + 1> make_wide_powers() {
  std::array<numbers_i128, kWideDigits + 1> p{};
  p[0] = 1;
  for (std::size_t k = 1; k < p.size(); ++k) p[k] = p[k - 1] * 10;
  return p;
}
inline constexpr std::array<numbers_i128, kWideDigits + 1> kWidePowers = make_wide_powers();
static_assert(kWidePowers[kWideDigits] == kWideLimit);

/// a × 10^k for k ≥ 0 on the mantissa, or nullopt past the limit.
inline std::optional<numbers_i128> wide_scale_mantissa(numbers_i128 a, std::int32_t k) {
  if (k <= 0 || a == 0) return a;
  // |a| × 10^k < 10^36 exactly when |a| < 10^(36 - k): one test and one
  // multiplication rather than one of each per digit.
  if (k >= kWideDigits) return std::nullopt;
  const numbers_i128 bound = kWidePowers[static_cast<std::size_t>(kWideDigits - k)];
  if (a >= bound || a <= -bound) return std::nullopt;
  return a * kWidePowers[static_cast<std::size_t>(k)];
}

inline Wide wide_shift(Wide a, std::int32_t k) {
  if (a.overflow) return a;
  if (a.m == 0) return a;
  const std::int64_t e = static_cast<std::int64_t>(a.e) + k;
  if (e > kWideMaxExponent || e < -kWideMaxExponent) return wide_overflow();
  a.e = static_cast<std::int32_t>(e);
  return a;
}

inline Wide wide_add(const Wide& a, const Wide& b) {
  if (a.overflow || b.overflow) return wide_overflow();
  if (a.m == 0) return b;
  if (b.m == 0) return a;
  const std::int32_t e = a.e < b.e ? a.e : b.e;
  const auto x = wide_scale_mantissa(a.m, a.e - e);
  const auto y = wide_scale_mantissa(b.m, b.e - e);
  if (!x || !y) return wide_overflow();
  Wide r;
  r.m = *x + *y;
  r.e = e;
  if (!wide_fits(r.m)) return wide_overflow();
  return r;
}

inline Wide wide_negate(Wide a) {
  a.m = -a.m;
  return a;
}

inline Wide wide_mul(const Wide& a, const Wide& b) {
  if (a.overflow || b.overflow) return wide_overflow();
  if (a.m == 0 || b.m == 0) return Wide{};
  if (b.m == 1 && b.e == 0) {
    // Most units have factor 1: no multiplication, the same limits.
    if (!wide_fits(a.m) || a.e > kWideMaxExponent || a.e < -kWideMaxExponent) {
      return wide_overflow();
    }
    return a;
  }
  Wide r;
  if (__builtin_mul_overflow(a.m, b.m, &r.m) || !wide_fits(r.m)) return wide_overflow();
  const std::int64_t e = static_cast<std::int64_t>(a.e) + b.e;
  if (e > kWideMaxExponent || e < -kWideMaxExponent) return wide_overflow();
  r.e = static_cast<std::int32_t>(e);
  return r;
}

/// -1, 0, 1 as a < b, a == b, a > b (overflowed values compare as equal).
inline int wide_compare(const Wide& a, const Wide& b) {
  if (a.overflow || b.overflow) return 0;
  const Wide d = wide_add(a, wide_negate(b));
  if (d.overflow) {
    // Exponents too far apart to align: the larger magnitude decides.
    const long double x = static_cast<long double>(a.m) * std::pow(10.0L, a.e);
    const long double y = static_cast<long double>(b.m) * std::pow(10.0L, b.e);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  return d.m < 0 ? -1 : (d.m > 0 ? 1 : 0);
}

/// The smallest decimal exponent kept: below it a value cannot be printed
/// sensibly (5e-400 would be 400 zeros), so it is reported as an overflow.
inline constexpr std::int32_t kMinDecimalExponent = -300;
/// Past a double's range a value cannot be a JSON number: 1e400 overflows.
/// An int64 mantissa is below 1e19, so only exponents past this one need the
/// (slow) long double test.
inline constexpr std::int32_t kSurelyInRange = std::numeric_limits<double>::max_exponent10 - 19;

/// The Decimal of `w` with trailing zeros folded into the exponent, or
/// nullopt when the mantissa does not fit in int64 or the exponent is out of
/// the range a double prints.
inline std::optional<Decimal> wide_to_decimal(Wide w) {
  if (w.overflow) return std::nullopt;
  if (w.m == 0) return Decimal{0, 0};
  if (w.m >= std::numeric_limits<std::int64_t>::min() &&
      w.m <= std::numeric_limits<std::int64_t>::max() && w.e >= kMinDecimalExponent &&
      w.e <= kSurelyInRange) {
    // The usual case, in 64-bit arithmetic: folding zeros only raises the
    // exponent, and it stays in range while the mantissa has one.
    auto m = static_cast<std::int64_t>(w.m);
    std::int32_t e = w.e;
    while (m % 10 == 0 && e < kSurelyInRange) {
      m /= 10;
      ++e;
    }
    if (m % 10 != 0) return Decimal{m, e};
    w.m = m;
    w.e = e;
  }
  while (w.m % 10 == 0) {
    w.m /= 10;
    ++w.e;
  }
  if (w.m > std::numeric_limits<std::int64_t>::max() ||
      w.m < std::numeric_limits<std::int64_t>::min()) {
    return std::nullopt;
  }
  if (w.e < kMinDecimalExponent) return std::nullopt;
  if (w.e > kSurelyInRange) {
    const long double magnitude =
        std::fabs(static_cast<long double>(w.m) * std::pow(10.0L, static_cast<long double>(w.e)));
    if (!(magnitude <= static_cast<long double>(std::numeric_limits<double>::max()))) {
      return std::nullopt;
    }
  }
  return Decimal{static_cast<std::int64_t>(w.m), w.e};
}

inline Wide wide_from_decimal(const Decimal& d) { return Wide::of(d.mantissa, d.exponent); }

inline long double wide_to_long_double(const Wide& w) {
  return static_cast<long double>(w.m) * std::pow(10.0L, static_cast<long double>(w.e));
}

/// Rounds a long double to `digits` significant digits (used where the exact
/// value has no finite decimal: powers with negative exponents).
inline Wide wide_from_long_double(long double x, int digits) {
  if (!std::isfinite(x)) return wide_overflow();
  if (x == 0) return Wide{};
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(x))));
  const int e = magnitude - (digits - 1);
  if (e > kWideMaxExponent || e < -kWideMaxExponent) return wide_overflow();
  const long double scaled = std::round(x / std::pow(10.0L, static_cast<long double>(e)));
  Wide w;
  w.m = static_cast<numbers_i128>(scaled);
  w.e = e;
  return w;
}

/// num / den rounded half away from zero to `decimals` places; when that
/// would not fit an int64 Decimal, to as many places as fit. nullopt when
/// den is zero.
inline std::optional<Wide> wide_divide(const Wide& num, const Wide& den, int decimals) {
  if (num.overflow || den.overflow) return wide_overflow();
  if (den.m == 0) return std::nullopt;
  for (int places = decimals; places >= -36; --places) {
    // q = num.m / den.m × 10^(num.e − den.e + places), then × 10^−places.
    const std::int64_t shift = static_cast<std::int64_t>(num.e) - den.e + places;
    numbers_i128 n = num.m;
    numbers_i128 d = den.m;
    if (shift > 60 || shift < -60) return wide_overflow();
    if (shift >= 0) {
      const auto scaled = wide_scale_mantissa(n, static_cast<std::int32_t>(shift));
      if (!scaled) continue;  // too many places for this magnitude: try fewer
      n = *scaled;
    } else {
      const auto scaled = wide_scale_mantissa(d, static_cast<std::int32_t>(-shift));
      if (!scaled) return Wide{};
      d = *scaled;
    }
    if (d < 0) {
      n = -n;
      d = -d;
    }
    numbers_i128 q = n / d;
    const numbers_i128 r = n % d;
    const numbers_i128 twice = (r < 0 ? -r : r) * 2;
    if (twice >= d) q += (n < 0 ? -1 : 1);
    if (q > std::numeric_limits<std::int64_t>::max() ||
        q < std::numeric_limits<std::int64_t>::min()) {
      continue;
    }
    Wide w;
    w.m = q;
    w.e = -places;
    return w;
  }
  return wide_overflow();
}

}  // namespace bulletin::detail
