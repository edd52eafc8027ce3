// Whether a short stretch of text holds an ASCII digit, sixteen bytes at a
// time: the extractor asks it of the words before every figure, which are
// mostly Chinese and hold none.
#pragma once

#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace bulletin::detail {

constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

/// Whether any byte of `s` is an ASCII digit, a byte at a time.
constexpr bool has_ascii_digit_bytewise(std::string_view s) {
  for (const char c : s) {
    if (is_ascii_digit(c)) return true;
  }
  return false;
}

/// Whether any byte of `s` is an ASCII digit.
inline bool has_ascii_digit(std::string_view s) {
#if defined(__SSE2__)
  if (s.size() >= 16) {
    const __m128i below_zero = _mm_set1_epi8('0' - 1);
    const __m128i above_nine = _mm_set1_epi8('9' + 1);
    const auto digits_in = [&](std::size_t at) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + at));
      return _mm_movemask_epi8(
                 _mm_and_si128(_mm_cmpgt_epi8(v, below_zero), _mm_cmplt_epi8(v, above_nine))) != 0;
    };
    std::size_t at = 0;
    for (; at + 16 <= s.size(); at += 16) {
      if (digits_in(at)) return true;
    }
    // The last sixteen bytes, overlapping those already looked at.
    return at != s.size() && digits_in(s.size() - 16);
  }
#endif
  return has_ascii_digit_bytewise(s);
}

}  // namespace bulletin::detail
