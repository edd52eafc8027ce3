// A fast check for well-formed UTF-8 over the two shapes bulletin text is
// made of: runs of ASCII (taken eight bytes at a time) and three-byte CJK
// characters (checked inline). Anything else goes through ICU's strict
// decoder one code point at a time, so the verdict is always ICU's.
#pragma once

#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace bulletin::detail {

inline constexpr std::uint64_t kEveryByte = 0x0101010101010101ULL;
inline constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;

/// Offset of the first byte that does not start a well-formed sequence, or
/// npos. Each ASCII byte is shown to the caller: eight at a time as a word
/// (`on_ascii_word(std::uint64_t)`) where the text allows, else one by one
/// (`on_ascii_byte(std::uint8_t)`).
template <typename AsciiWord, typename AsciiByte>
std::size_t first_ill_formed_utf8(std::string_view s, AsciiWord on_ascii_word,
                                  AsciiByte on_ascii_byte) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      std::uint64_t word = 0;
      std::memcpy(&word, bytes + i, 8);
      if ((word & kHighBits) == 0) {
        on_ascii_word(word);
        i += 8;
        continue;
      }
    }
    const std::uint8_t c = bytes[i];
    if (c < 0x80) {
      on_ascii_byte(c);
      ++i;
      continue;
    }
    // E1..EC and EE..EF lead three-byte sequences with no overlong or
    // surrogate forms: any two continuation bytes (80..BF, so b ^ 0x80 is
    // below 0x40) make them well-formed. CJK comes in runs: stay in the loop.
    const std::size_t run_start = i;
    while (i + 3 <= n) {
      const std::uint8_t lead = bytes[i];
      if (static_cast<std::uint8_t>(lead - 0xE1) > 0x0E || lead == 0xED) break;
      if (((bytes[i + 1] ^ 0x80) | (bytes[i + 2] ^ 0x80)) >= 0x40) break;
      i += 3;
    }
    if (i != run_start) continue;
    // ICU's macros index with int32_t; a longer string is checked in windows
    // that start at a code point boundary.
    const std::size_t window = n - i < INT32_MAX ? n - i : static_cast<std::size_t>(INT32_MAX);
    std::int32_t j = 0;
    UChar32 cp = 0;
    U8_NEXT(bytes + i, j, static_cast<std::int32_t>(window), cp);
    if (cp < 0) return i;
    i += static_cast<std::size_t>(j);
  }
  return std::string_view::npos;
}

inline std::size_t first_ill_formed_utf8(std::string_view s) {
  return first_ill_formed_utf8(
      s, [](std::uint64_t) {}, [](std::uint8_t) {});
}

}  // namespace bulletin::detail
