// UTF-8 stepping for the number recognizer and the text helpers (private;
// never installed).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace bulletin::detail {

/// The code point of a well-formed three-byte sequence (most of Chinese
/// text), or -1 when the bytes are not one: callers fall back to the full
/// decoder then.
[[gnu::always_inline]] inline std::int32_t decode_three_bytes(unsigned char lead, unsigned char mid,
                                                              unsigned char last) {
  if ((lead & 0xF0) != 0xE0 || (mid & 0xC0) != 0x80 || (last & 0xC0) != 0x80) return -1;
  const std::int32_t c = (lead & 0x0F) << 12 | (mid & 0x3F) << 6 | (last & 0x3F);
  // Overlong forms and surrogates are ill-formed.
  if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) return -1;
  return c;
}

struct CodePoint {
  char32_t cp = 0;
  std::size_t len = 0;
};

/// numbers_decode for every sequence: the rare forms (two and four bytes,
/// ill-formed input) out of line.
[[gnu::noinline]] inline CodePoint numbers_decode_any(std::string_view s, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  auto cont = [&](std::size_t k) -> int {
    if (i + k >= s.size()) return -1;
    const auto b = static_cast<unsigned char>(s[i + k]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    const int c1 = cont(1);
    if (c1 >= 0) return {static_cast<char32_t>(((b0 & 0x1F) << 6) | c1), 2};
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    const int c1 = cont(1);
    const int c2 = c1 >= 0 ? cont(2) : -1;
    if (c2 >= 0) {
      const auto cp = static_cast<char32_t>(((b0 & 0x0F) << 12) | (c1 << 6) | c2);
      if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3};
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    const int c1 = cont(1);
    const int c2 = c1 >= 0 ? cont(2) : -1;
    const int c3 = c2 >= 0 ? cont(3) : -1;
    if (c3 >= 0) {
      const auto cp = static_cast<char32_t>(((b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3);
      if (cp >= 0x10000 && cp <= 0x10FFFF) return {cp, 4};
    }
  }
  return {0xFFFD, 1};
}

/// The code point starting at byte `i` (< s.size()). Malformed or truncated
/// sequences decode as U+FFFD of length 1, so scanning always advances.
// The recognizer decodes each character several times over; ASCII and
// well-formed three-byte sequences (almost all of Chinese text) are decoded
// inline.
[[gnu::always_inline]] inline CodePoint numbers_decode(std::string_view s, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  if (i + 2 < s.size()) {
    const std::int32_t cp = decode_three_bytes(b0, static_cast<unsigned char>(s[i + 1]),
                                               static_cast<unsigned char>(s[i + 2]));
    if (cp >= 0) return {static_cast<char32_t>(cp), 3};
  }
  return numbers_decode_any(s, i);
}

/// Start of the code point that ends just before byte `i` (i > 0).
inline std::size_t numbers_prev(std::string_view s, std::size_t i) noexcept {
  std::size_t j = i - 1;
  std::size_t steps = 0;
  while (j > 0 && steps < 3 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) {
    --j;
    ++steps;
  }
  return j;
}

/// The code point just before byte `i`, or 0 at the start of the text.
inline char32_t numbers_prev_cp(std::string_view s, std::size_t i) noexcept {
  if (i == 0) return 0;
  return numbers_decode(s, numbers_prev(s, i)).cp;
}

inline bool numbers_is_ideograph(char32_t c) noexcept {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F);
}

inline bool numbers_is_ascii_alpha(char32_t c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// ASCII or full-width digit value, or -1.
inline int numbers_digit(char32_t c) noexcept {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<int>(c - 0xFF10);
  return -1;
}

/// Horizontal space that may sit between the parts of one number
/// ("一百 五 十", "2.4   个百分点", "1000  万").
inline bool numbers_is_inline_space(char32_t c) noexcept { return c == ' ' || c == '\t'; }

}  // namespace bulletin::detail
