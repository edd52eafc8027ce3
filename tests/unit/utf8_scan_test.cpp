#include "detail/utf8_scan.hpp"

#include <doctest/doctest.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "detail/utf8_validate.hpp"

namespace {

// The verdict the fast scan must reproduce: ICU's strict decoder, one code
// point at a time from the start.
std::size_t first_ill_formed_by_icu(std::string_view s) {
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto n = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < n) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(p, i, n, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return std::string_view::npos;
}

/// A small, fixed sequence of pseudo-random numbers: the same cases every run.
struct XorShift {
  std::uint64_t state;
  std::uint64_t operator()() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
};

}  // namespace

TEST_SUITE("utf8") {
  TEST_CASE("the fast UTF-8 scan finds the first ill-formed byte where ICU does") {
    // Pieces chosen to straddle the shortcuts: eight-byte ASCII words, the
    // three-byte leads taken inline, and every lead that is not (E0, ED,
    // F0..F4, two-byte leads), cut short, overlong or a surrogate.
    const std::vector<std::string> pieces = {"a",
                                             "0123456789abcdef",
                                             "\n",
                                             "中",
                                             "文字",
                                             "\xE4\xB8",
                                             "\xE4",
                                             "\xB8",
                                             "\xC0\xAF",
                                             "\xC3\xA9",
                                             "\xE0\x80\xAF",
                                             "\xE0\xA0\x80",
                                             "\xED\xA0\x80",
                                             "\xED\x9F\xBF",
                                             "\xEF\xBF\xBD",
                                             "\xF0\x9F\x98\x80",
                                             "\xF0\x80\x80\x80",
                                             "\xF4\x8F\xBF\xBF",
                                             "\xF4\x90\x80\x80",
                                             "\xF8",
                                             "\xFF",
                                             "\xEE\x80\x80",
                                             "\xEC\xBF"};
    XorShift next{88172645463325252ULL};
    int ill_formed = 0;
    for (int round = 0; round < 30000; ++round) {
      std::string text;
      // Long runs of one piece reach the sixteen-byte steps; a stray piece
      // lands anywhere inside them.
      const std::size_t count = next() % 16;
      for (std::size_t k = 0; k < count; ++k) {
        const std::string& piece = pieces[next() % pieces.size()];
        const std::size_t repeat = next() % 4 == 0 ? 1 + next() % 12 : 1;
        for (std::size_t r = 0; r < repeat; ++r) text += piece;
      }
      CAPTURE(text);
      const std::size_t expected = first_ill_formed_by_icu(text);
      REQUIRE(bulletin::detail::first_ill_formed_utf8(text) == expected);
      ill_formed += expected != std::string_view::npos;
    }
    CHECK(ill_formed > 1000);
    CHECK(ill_formed < 29000);
  }

  TEST_CASE("a bad byte anywhere in a long CJK or ASCII run is found") {
    const std::string cjk = "统计公报显示全年地区生产总值增长百分之五点二";  // 22 characters
    const std::string ascii = "0123456789abcdefghijklmnopqrstuvwxyz0123456789";
    for (const std::string& run : {cjk, ascii}) {
      for (std::size_t at = 0; at <= run.size(); ++at) {
        for (std::string_view bad : {"\xFF", "\xED\xA0\x80", "\xE4\xB8"}) {
          const std::string text = run.substr(0, at) + std::string(bad) + run.substr(at);
          CAPTURE(text);
          CHECK(bulletin::detail::first_ill_formed_utf8(text) == first_ill_formed_by_icu(text));
        }
      }
      CHECK(bulletin::detail::first_ill_formed_utf8(run) == std::string_view::npos);
    }
  }

  TEST_CASE("ASCII reaches the caller in words and single bytes, every byte once") {
    const std::string text = "0123456789abcdefg中h\"ij\\klmnopqrstu";
    std::string seen;
    const auto end = bulletin::detail::first_ill_formed_utf8(
        text,
        [&](std::uint64_t word) {
          for (int b = 0; b < 8; ++b) seen += static_cast<char>((word >> (8 * b)) & 0xFF);
        },
        [&](std::uint8_t c) { seen += static_cast<char>(c); });
    CHECK(end == std::string_view::npos);
    // A word's bytes come in memory order; sorting keeps the check
    // independent of the machine's byte order.
    std::string expected = "0123456789abcdefgh\"ij\\klmnopqrstu";
    std::sort(seen.begin(), seen.end());
    std::sort(expected.begin(), expected.end());
    CHECK(seen == expected);
  }

  TEST_CASE("the block check finds the first ill-formed byte where ICU does, in any block") {
    // Long texts of CJK, ASCII and the other well-formed shapes, with one or
    // two pieces that are not (or are, but look close) set anywhere: at a
    // block's start or end, across two blocks, in the short tail after the
    // last whole block.
    const std::vector<std::string> good = {"中",
                                           "文字",
                                           "a",
                                           "0123456789",
                                           "\xC3\xA9",
                                           "\xE0\xA0\x80",
                                           "\xED\x9F\xBF",
                                           "\xEF\xBF\xBD",
                                           "\xF0\x9F\x98\x80",
                                           "\xF4\x8F\xBF\xBF",
                                           "\n",
                                           "\xEE\x80\x80"};
    const std::vector<std::string> bad = {"\xE4\xB8",
                                          "\xE4",
                                          "\xB8",
                                          "\xC0\xAF",
                                          "\xE0\x80\xAF",
                                          "\xED\xA0\x80",
                                          "\xF0\x80\x80\x80",
                                          "\xF4\x90\x80\x80",
                                          "\xF8",
                                          "\xFF",
                                          "\xF0\x9F\x98",
                                          "\xC3",
                                          "\x80\x80",
                                          "\xF5\x80\x80\x80"};
    XorShift next{0x9E3779B97F4A7C15ULL};
    int ill_formed = 0;
    int past_first_block = 0;
    for (int round = 0; round < 20000; ++round) {
      std::string text;
      const std::size_t length = 32 + next() % 300;
      while (text.size() < length) text += good[next() % good.size()];
      const int flaws = static_cast<int>(next() % 3);
      for (int k = 0; k < flaws; ++k) {
        const std::size_t at = next() % (text.size() + 1);
        text.insert(at, bad[next() % bad.size()]);
      }
      if (next() % 4 == 0) text.resize(next() % (text.size() + 1));  // cut anywhere
      CAPTURE(text);
      const std::size_t expected = first_ill_formed_by_icu(text);
      REQUIRE(bulletin::detail::first_ill_formed_utf8_in_blocks(text) == expected);
      ill_formed += expected != std::string_view::npos;
      past_first_block += expected != std::string_view::npos && expected >= 32;
    }
    CHECK(ill_formed > 5000);
    CHECK(past_first_block > 3000);
    // A well-formed megabyte, and one ill-formed byte near its end.
    std::string large;
    while (large.size() < (1u << 20)) large += good[next() % good.size()];
    CHECK(bulletin::detail::first_ill_formed_utf8_in_blocks(large) == std::string_view::npos);
    large[large.size() - 100] = '\xFF';  // over an ASCII byte or into a character
    CHECK(bulletin::detail::first_ill_formed_utf8_in_blocks(large) ==
          first_ill_formed_by_icu(large));
  }
}
