// The block check follows the lookup method of Keiser and Lemire,
// "Validating UTF-8 In Less Than One Instruction Per Byte" (2021): each byte
// and the one before it are classified by three 16-entry tables, one per
// nibble, whose entries are bit sets of the errors the pair may show; the
// errors a pair has are those all three name. What two bytes cannot tell
// (a third or fourth byte where one is due) is checked from the bytes two
// and three back. A block that shows an error is handed to the scalar check,
// from the start of the character it may continue, for the exact offset.
#include "detail/utf8_validate.hpp"

#include <cstdint>

#include "detail/utf8_scan.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define BULLETIN_UTF8_BLOCKS_AVX2 1
#endif

namespace bulletin::detail {
namespace {

#ifdef BULLETIN_UTF8_BLOCKS_AVX2

// The errors a byte pair may show.
constexpr std::uint8_t kTooShort = 1 << 0;      // a lead, then no continuation
constexpr std::uint8_t kTooLong = 1 << 1;       // ASCII, then a continuation
constexpr std::uint8_t kOverlong3 = 1 << 2;     // E0, then 80..9F
constexpr std::uint8_t kTooLarge = 1 << 3;      // F4, then 90..BF; F5..FF, then 90..BF
constexpr std::uint8_t kSurrogate = 1 << 4;     // ED, then A0..BF
constexpr std::uint8_t kOverlong2 = 1 << 5;     // C0 or C1, then a continuation
constexpr std::uint8_t kTooLarge1000 = 1 << 6;  // F5..FF, then 80..8F
constexpr std::uint8_t kOverlong4 = 1 << 6;     // F0, then 80..8F
constexpr std::uint8_t kTwoConts = 1 << 7;      // two continuations: an error unless due
constexpr std::uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

// Bytes of a table, as _mm256_setr_epi8 takes them: one 16-byte table for each lane.
#define BULLETIN_TABLE(...) _mm256_setr_epi8(__VA_ARGS__, __VA_ARGS__)

[[gnu::target("avx2")]] inline __m256i nibble_lookup(__m256i table, __m256i index) {
  return _mm256_shuffle_epi8(table, index);
}

/// The bytes of `input` moved on by `n`, the last `n` of `previous` before them.
template <int N>
[[gnu::target("avx2")]] inline __m256i bytes_back(__m256i input, __m256i previous) {
  return _mm256_alignr_epi8(input, _mm256_permute2x128_si256(previous, input, 0x21), 16 - N);
}

/// The offset of the first 32-byte block in which an error shows, or the end
/// of the last whole block: before it, the bytes are well-formed but for a
/// character the block may continue.
[[gnu::target("avx2")]] std::size_t checked_blocks_avx2(const std::uint8_t* bytes, std::size_t n) {
  const auto c = [](std::uint8_t v) { return static_cast<char>(v); };
  const __m256i first_high = BULLETIN_TABLE(
      c(kTooLong), c(kTooLong), c(kTooLong), c(kTooLong), c(kTooLong), c(kTooLong), c(kTooLong),
      c(kTooLong), c(kTwoConts), c(kTwoConts), c(kTwoConts), c(kTwoConts),
      c(kTooShort | kOverlong2), c(kTooShort), c(kTooShort | kOverlong3 | kSurrogate),
      c(kTooShort | kTooLarge | kTooLarge1000 | kOverlong4));
  const __m256i first_low = BULLETIN_TABLE(
      c(kCarry | kOverlong3 | kOverlong2 | kOverlong4), c(kCarry | kOverlong2), c(kCarry),
      c(kCarry), c(kCarry | kTooLarge), c(kCarry | kTooLarge | kTooLarge1000),
      c(kCarry | kTooLarge | kTooLarge1000), c(kCarry | kTooLarge | kTooLarge1000),
      c(kCarry | kTooLarge | kTooLarge1000), c(kCarry | kTooLarge | kTooLarge1000),
      c(kCarry | kTooLarge | kTooLarge1000), c(kCarry | kTooLarge | kTooLarge1000),
      c(kCarry | kTooLarge | kTooLarge1000), c(kCarry | kTooLarge | kTooLarge1000 | kSurrogate),
      c(kCarry | kTooLarge | kTooLarge1000), c(kCarry | kTooLarge | kTooLarge1000));
  const __m256i second_high =
      BULLETIN_TABLE(c(kTooShort), c(kTooShort), c(kTooShort), c(kTooShort), c(kTooShort),
                     c(kTooShort), c(kTooShort), c(kTooShort),
                     c(kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4),
                     c(kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge),
                     c(kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge),
                     c(kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge), c(kTooShort),
                     c(kTooShort), c(kTooShort), c(kTooShort));
  // A block whose last three bytes start a character it does not finish.
  const __m256i last_complete = _mm256_setr_epi8(
      c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF),
      c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF),
      c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xFF), c(0xF0 - 1),
      c(0xE0 - 1), c(0xC0 - 1));
  const __m256i low_nibble = _mm256_set1_epi8(0x0F);
  const __m256i top_bit = _mm256_set1_epi8(c(0x80));
  __m256i previous = _mm256_setzero_si256();
  __m256i unfinished = _mm256_setzero_si256();
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i input = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes + i));
    __m256i error = unfinished;
    if (_mm256_movemask_epi8(input) == 0) {
      unfinished = _mm256_setzero_si256();
    } else {
      const __m256i back1 = bytes_back<1>(input, previous);
      const __m256i special = _mm256_and_si256(
          _mm256_and_si256(
              nibble_lookup(first_high, _mm256_and_si256(_mm256_srli_epi16(back1, 4), low_nibble)),
              nibble_lookup(first_low, _mm256_and_si256(back1, low_nibble))),
          nibble_lookup(second_high, _mm256_and_si256(_mm256_srli_epi16(input, 4), low_nibble)));
      // A third byte after E0..FF two back, a fourth after F0..FF three back.
      const __m256i third =
          _mm256_subs_epu8(bytes_back<2>(input, previous), _mm256_set1_epi8(c(0xE0 - 0x80)));
      const __m256i fourth =
          _mm256_subs_epu8(bytes_back<3>(input, previous), _mm256_set1_epi8(c(0xF0 - 0x80)));
      const __m256i due = _mm256_and_si256(_mm256_or_si256(third, fourth), top_bit);
      // The unfinished character of the block before is checked here, with
      // its continuations: the flag is for a block that is all ASCII.
      error = _mm256_xor_si256(due, special);
      unfinished = _mm256_subs_epu8(input, last_complete);
    }
    previous = input;
    if (!_mm256_testz_si256(error, error)) return i;
  }
  return i;
}

#undef BULLETIN_TABLE

#endif

}  // namespace

bool cpu_has_avx2() {
#ifdef BULLETIN_UTF8_BLOCKS_AVX2
  static const bool avx2 = __builtin_cpu_supports("avx2") != 0;
  return avx2;
#else
  return false;
#endif
}

std::size_t first_ill_formed_utf8_in_blocks(std::string_view s) {
  std::size_t from = 0;
#ifdef BULLETIN_UTF8_BLOCKS_AVX2
  if (s.size() >= 64 && cpu_has_avx2()) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
    const std::size_t checked = checked_blocks_avx2(bytes, s.size());
    // From the start of the character the block may continue: what comes
    // before is well-formed, whole characters.
    from = checked;
    while (from > 0 && checked - from < 4) {
      --from;
      if ((bytes[from] & 0xC0) != 0x80) break;
    }
  }
#endif
  const std::size_t rest = first_ill_formed_utf8(s.substr(from));
  return rest == std::string_view::npos ? rest : from + rest;
}

}  // namespace bulletin::detail
