#include "detail/json_writer.hpp"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <climits>
#include <cstdlib>
#include <limits>
#include <new>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>

#include "detail/utf8_scan.hpp"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#include "detail/utf8_validate.hpp"
#define BULLETIN_JSON_BLOCKS_AVX2 1
#endif

namespace bulletin::detail {

JsonWriter::JsonWriter(int indent, Sink sink, std::size_t chunk)
    : indent_(indent), sink_(std::move(sink)), chunk_(chunk) {
  capacity_ = chunk_ + chunk_ / 4;
  grow_to(capacity_);
}

JsonWriter::JsonWriter(int indent)
    : indent_(indent), chunk_(std::numeric_limits<std::size_t>::max()) {
  grow_to(std::size_t{1} << 16);
}

// malloc and realloc, not new[]: a long turn's text asks for room for its
// worst case, and realloc moves a large buffer by remapping its pages
// instead of copying them, while room never written costs no memory.
void JsonWriter::grow_to(std::size_t capacity) {
  char* data = static_cast<char*>(std::realloc(data_.get(), capacity));
  if (data == nullptr) throw std::bad_alloc();
  static_cast<void>(data_.release());
  data_.reset(data);
  capacity_ = capacity;
}

void JsonWriter::grow(std::size_t n) { grow_to(std::max(capacity_ * 2, size_ + n)); }

void JsonWriter::flush_buffer() {
  if (size_ > 0) {
    sink_(std::string_view(data_.get(), size_));
    ++flushes_;
  }
  size_ = 0;
}

void JsonWriter::finish() { flush_buffer(); }

void JsonWriter::open(char bracket) {
  before_value();
  if (depth_ >= kMaxDepth) throw std::logic_error("JSON nested too deeply to write");
  put(bracket);
  ++depth_;
  nonempty_ &= ~(std::uint64_t{1} << (depth_ - 1));
}

void JsonWriter::close(char bracket) {
  const bool had_members = (nonempty_ & (std::uint64_t{1} << (depth_ - 1))) != 0;
  --depth_;
  if (had_members) write_indent(depth_);
  put(bracket);
  maybe_flush();
}

void JsonWriter::key_text(std::string_view name) {
  before_value();
  escaped(name);
  put(indent_ < 0 ? std::string_view(":") : std::string_view(": "));
  after_key_ = true;
}

namespace {

// The escape nlohmann writes for each ASCII character that needs one, taken
// from nlohmann itself, so the rules stay the library's while a long turn
// with a few line breaks is not re-encoded character by character.
const std::array<std::string, 128>& ascii_escapes() {
  static const std::array<std::string, 128> escapes = [] {
    std::array<std::string, 128> table;
    for (int c = 0; c < 128; ++c) {
      if (c >= 0x20 && c != '"' && c != '\\') continue;
      const std::string quoted = nlohmann::json(std::string(1, static_cast<char>(c))).dump();
      table[static_cast<std::size_t>(c)] = quoted.substr(1, quoted.size() - 2);
    }
    return table;
  }();
  return escapes;
}

// For eight bytes at once: is any of them an ASCII byte JSON must escape (a
// control character, '"' or '\\')? Below the lowest byte that is, subtracting
// borrows nothing and flags nothing (a byte of 0x80 or above is never flagged,
// as its own high bit is set), and that byte is flagged: the answer is exact
// whatever else the word holds.
bool ascii_word_needs_escape(std::uint64_t w) {
  const auto any_zero_byte = [](std::uint64_t x) {
    return ((x - kEveryByte) & ~x & kHighBits) != 0;
  };
  const bool control = ((w - kEveryByte * 0x20) & ~w & kHighBits) != 0;
  return control || any_zero_byte(w ^ (kEveryByte * '"')) || any_zero_byte(w ^ (kEveryByte * '\\'));
}

std::uint64_t little_endian_word(const std::uint8_t* p) {
  std::uint64_t word = 0;
  std::memcpy(&word, p, 8);
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  return word;
}

void store_little_endian(char* p, std::uint64_t word) {
  if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
  std::memcpy(p, &word, 8);
}

template <typename T>
std::uint64_t load(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  if constexpr (std::endian::native == std::endian::big && sizeof v > 1) {
    v = static_cast<T>(__builtin_bswap64(v) >> (64 - 8 * sizeof v));
  }
  return v;
}

// The eight bytes of `s` from `i` on, the first in the lowest bits, with
// spaces for those past its end: the end of a string is read through the
// same steps as the rest, without reading past it.
[[gnu::always_inline]] inline std::uint64_t word_at(const std::uint8_t* bytes, std::size_t i,
                                                    std::size_t n) {
  if (i + 8 <= n) return little_endian_word(bytes + i);
  const std::size_t rest = n - i;  // 1..7
  std::uint64_t word = 0;
  if (n >= 8) {
    word = little_endian_word(bytes + n - 8) >> (8 * (8 - rest));
  } else if (rest >= 4) {  // two reads that overlap in the same bytes
    word = load<std::uint32_t>(bytes + i) | load<std::uint32_t>(bytes + n - 4) << (8 * (rest - 4));
  } else if (rest >= 2) {
    word = load<std::uint16_t>(bytes + i) | load<std::uint16_t>(bytes + n - 2) << (8 * (rest - 2));
  } else {
    word = bytes[i];
  }
  return word | (kEveryByte * ' ') << (8 * rest);
}

// A three-byte character led by E1..EC or EE..EF (whose second bytes may be
// any continuation byte) in the lowest bytes of `w`; E0 and ED restrict
// their second byte and are left to ICU.
constexpr std::uint64_t kCjkShape = 0xC0C0F0;     // the lead's high nibble, the others' top bits
constexpr std::uint64_t kCjkExpected = 0x8080E0;  // 1110xxxx 10xxxxxx 10xxxxxx
constexpr unsigned kRestrictedLeads = (1u << 0x0) | (1u << 0xD);

bool cjk_char(std::uint64_t w) {
  return (w & kCjkShape) == kCjkExpected && ((kRestrictedLeads >> (w & 0xF)) & 1) == 0;
}

// Two such characters in the lowest six bytes of `w`.
bool cjk_pair(std::uint64_t w) {
  const unsigned restricted =
      (kRestrictedLeads >> (w & 0xF)) | (kRestrictedLeads >> ((w >> 24) & 0xF));
  return (w & (kCjkShape << 24 | kCjkShape)) == (kCjkExpected << 24 | kCjkExpected) &&
         (restricted & 1) == 0;
}

// The length of the well-formed character that starts `rest`, or 0. Out of
// line: it is seldom reached, and the scan keeps its registers without it.
[[gnu::noinline]] std::size_t character_length(const std::uint8_t* rest, std::size_t size) {
  const std::size_t window = size < INT32_MAX ? size : static_cast<std::size_t>(INT32_MAX);
  std::int32_t j = 0;
  UChar32 cp = 0;
  U8_NEXT(rest, j, static_cast<std::int32_t>(window), cp);
  return cp < 0 ? 0 : static_cast<std::size_t>(j);
}

// One step of copy_plain_text() below from `i`: the number of bytes passed,
// or 0 when the text there is ill-formed (or to be escaped, when `kEscapes`).
// A word whose first byte is ASCII is checked whole (whatever else it holds)
// and passed up to its first other byte; CJK is passed two characters, or
// one, at a time. The word read is written to the same place.
template <bool kEscapes>
[[gnu::always_inline]] inline std::size_t word_step(const std::uint8_t* bytes, std::size_t i,
                                                    std::size_t n, char* body) {
  const std::uint64_t word = word_at(bytes, i, n);
  store_little_endian(body + i, word);
  const std::uint64_t high = word & kHighBits;
  if ((high & 0x80) == 0) {
    if (kEscapes && ascii_word_needs_escape(word)) return 0;
    return high == 0 ? 8 : static_cast<std::size_t>(std::countr_zero(high)) / 8;
  }
  if (cjk_pair(word)) return 6;
  if (cjk_char(word)) return 3;
  return character_length(bytes + i, n - i);
}

#ifdef __SSE2__
inline __m128i bytes_of(int byte) { return _mm_set1_epi8(static_cast<char>(byte)); }

inline unsigned bits_of(__m128i flags) { return static_cast<unsigned>(_mm_movemask_epi8(flags)); }

// The bytes of `block` JSON escapes: controls, '"' and '\\'.
inline __m128i escapes_in(__m128i block) {
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(block, bytes_of(0x1F)), block);
  const __m128i quote_or_backslash =
      _mm_or_si128(_mm_cmpeq_epi8(block, bytes_of('"')), _mm_cmpeq_epi8(block, bytes_of('\\')));
  return _mm_or_si128(control, quote_or_backslash);
}

// Sixteen bytes at a time, for text of ASCII and the three-byte characters
// cjk_char() takes, with no branch per character (the word steps mispredict
// on mixed text): a byte is flawed when it is none of ASCII, such a lead or
// a continuation byte, when it is a continuation byte where none is due or
// the other way round (one is due in the two bytes after each lead), or when
// it is to be escaped. bits_in() gives the bits of a block's leads, of its
// continuation bytes and of the bytes flawed by themselves; the callers tell
// which continuations are due from the leads' bits, across blocks.
struct BlockBits {
  std::uint64_t leads;
  std::uint64_t continuations;
  std::uint64_t flawed;
};

template <bool kEscapes>
[[gnu::always_inline]] inline BlockBits bits_in(__m128i block) {
  // Signed comparisons: bytes from 0x80 up are the negative ones; adding
  // 0x9F takes E1..EF to the fifteen lowest.
  const __m128i lead_or_ed = _mm_cmplt_epi8(_mm_add_epi8(block, bytes_of(0x9F)), bytes_of(0x8F));
  const __m128i lead = _mm_andnot_si128(_mm_cmpeq_epi8(block, bytes_of(0xED)), lead_or_ed);
  const __m128i continuation = _mm_cmplt_epi8(block, bytes_of(0xC0));
  const __m128i high = _mm_cmplt_epi8(block, _mm_setzero_si128());
  __m128i flawed = _mm_andnot_si128(_mm_or_si128(lead, continuation), high);
  if (kEscapes) flawed = _mm_or_si128(flawed, escapes_in(block));
  return {bits_of(lead), bits_of(continuation), bits_of(flawed)};
}

// Up to sixteen bytes of text in a block, with spaces after them.
[[gnu::always_inline]] inline __m128i spaced_block(const std::uint8_t* bytes, std::size_t n) {
  const std::uint64_t low = word_at(bytes, 0, n);
  const std::uint64_t high = n > 8 ? word_at(bytes, 8, n) : kEveryByte * ' ';
  return _mm_set_epi64x(static_cast<long long>(high), static_cast<long long>(low));
}

// Text shorter than kShortText bytes (most strings of a fact are a few
// characters) is checked in one block or two whose bits are joined, the
// text's end filled with spaces so that a character cut there is a flaw.
// nullptr for anything it does not take, which may still be plain.
constexpr std::size_t kShortText = 32;

template <bool kEscapes>
[[gnu::always_inline]] inline char* copy_short_plain_text(char* out, const std::uint8_t* bytes,
                                                          std::size_t n) {
  assert(n > 0 && n < kShortText);
  char* const body = out + 1;
  if (n <= 16) {
    const __m128i block =
        n == 16 ? _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes)) : spaced_block(bytes, n);
    const BlockBits bits = bits_in<kEscapes>(block);
    const std::uint64_t due = bits.leads << 1 | bits.leads << 2;
    if ((bits.flawed | (due ^ bits.continuations)) != 0) return nullptr;
    _mm_storeu_si128(reinterpret_cast<__m128i*>(body), block);
    out[0] = '"';
    body[n] = '"';
    return body + n + 1;
  }
  const __m128i first = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes));
  const __m128i second = spaced_block(bytes + 16, n - 16);
  const BlockBits a = bits_in<kEscapes>(first);
  const BlockBits b = bits_in<kEscapes>(second);
  const std::uint64_t leads = a.leads | b.leads << 16;
  const std::uint64_t due = leads << 1 | leads << 2;
  const std::uint64_t continuations = a.continuations | b.continuations << 16;
  if ((a.flawed | b.flawed << 16 | (due ^ continuations)) != 0) return nullptr;
  _mm_storeu_si128(reinterpret_cast<__m128i*>(body), first);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(body + 16), second);
  out[0] = '"';
  body[n] = '"';
  return body + n + 1;
}

// Text from which on the blocks pay: below it, the word steps take no more
// instructions than the blocks and the setup for them.
constexpr std::size_t kLongText = 32;

// Thirty-two bytes as two blocks, checked as one by their bits (as
// copy_short_plain_text() does): the flaws' bits, with the leads' in `leads`.
// A lead on the last two places is a flaw only if what follows it is there.
template <bool kEscapes>
[[gnu::always_inline]] inline std::uint64_t pair_flaws(__m128i first, __m128i second,
                                                       std::uint64_t& leads) {
  const BlockBits a = bits_in<kEscapes>(first);
  const BlockBits b = bits_in<kEscapes>(second);
  leads = a.leads | b.leads << 16;
  const std::uint64_t due = (leads << 1 | leads << 2) & 0xFFFFFFFF;
  return a.flawed | b.flawed << 16 | (due ^ (a.continuations | b.continuations << 16));
}

#ifdef BULLETIN_JSON_BLOCKS_AVX2
[[gnu::target("avx2")]] inline __m256i every(int byte) {
  return _mm256_set1_epi8(static_cast<char>(byte));
}

[[gnu::target("avx2")]] inline std::uint64_t bits(__m256i flags) {
  return std::uint64_t{static_cast<std::uint32_t>(_mm256_movemask_epi8(flags))};
}

// bits_in() for thirty-two bytes, with the same comparisons.
template <bool kEscapes>
[[gnu::target("avx2")]] inline BlockBits wide_bits_in(__m256i block) {
  const __m256i lead_or_ed = _mm256_cmpgt_epi8(every(0x8F), _mm256_add_epi8(block, every(0x9F)));
  const __m256i lead = _mm256_andnot_si256(_mm256_cmpeq_epi8(block, every(0xED)), lead_or_ed);
  const __m256i continuation = _mm256_cmpgt_epi8(every(0xC0), block);
  const __m256i high = _mm256_cmpgt_epi8(_mm256_setzero_si256(), block);
  __m256i flawed = _mm256_andnot_si256(_mm256_or_si256(lead, continuation), high);
  if (kEscapes) {
    const __m256i control = _mm256_cmpeq_epi8(_mm256_min_epu8(block, every(0x1F)), block);
    const __m256i quote_or_backslash = _mm256_or_si256(_mm256_cmpeq_epi8(block, every('"')),
                                                       _mm256_cmpeq_epi8(block, every('\\')));
    flawed = _mm256_or_si256(flawed, _mm256_or_si256(control, quote_or_backslash));
  }
  return {bits(lead), bits(continuation), bits(flawed)};
}

// copy_long_plain_prefix()'s steps, sixty-four bytes at a time while as many
// are left, where the processor has AVX2: a turn's text is most of a
// transcript, and a fact's clause is about sixty bytes. Returns where it
// stopped, with `stuck` set when word steps cannot pass a flaw there.
template <bool kEscapes>
[[gnu::target("avx2")]] std::size_t copy_wide_blocks(char* body, const std::uint8_t* bytes,
                                                     std::size_t n, bool& stuck) {
  std::size_t i = 0;
  while (n - i >= 64) {
    const __m256i first = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes + i));
    const __m256i second = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(bytes + i + 32));
    const BlockBits a = wide_bits_in<kEscapes>(first);
    const BlockBits b = wide_bits_in<kEscapes>(second);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(body + i), first);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(body + i + 32), second);
    const std::uint64_t leads = a.leads | b.leads << 32;
    const std::uint64_t due = leads << 1 | leads << 2;
    const std::uint64_t flaws =
        a.flawed | b.flawed << 32 | (due ^ (a.continuations | b.continuations << 32));
    // As in the narrow steps: a character led on one of the two places
    // before the first flaw (or the end) is taken again from its lead.
    const int stop = flaws != 0 ? std::countr_zero(flaws) : 64;
    const int cut = stop >= 1 && ((leads >> (stop - 1)) & 1) != 0   ? 1
                    : stop >= 2 && ((leads >> (stop - 2)) & 1) != 0 ? 2
                                                                    : 0;
    i += static_cast<std::size_t>(stop - cut);
    if (flaws == 0) continue;
    const std::size_t step = word_step<kEscapes>(bytes, i, n, body);
    if (step == 0) {
      stuck = true;
      return i;
    }
    i += step;
  }
  return i;
}
#endif

// copy_plain_prefix() for text of kLongText bytes or more: thirty-two bytes
// at a time, a character that runs past them left for the next, and what
// is left at the end filled with spaces; where there is a flaw, word steps
// from the last character boundary before it.
template <bool kEscapes>
[[gnu::noinline]] std::size_t copy_long_plain_prefix(char* body, const std::uint8_t* bytes,
                                                     std::size_t n) {
  std::size_t i = 0;
#ifdef BULLETIN_JSON_BLOCKS_AVX2
  if (n >= 64 && cpu_has_avx2()) {
    bool stuck = false;
    i = copy_wide_blocks<kEscapes>(body, bytes, n, stuck);
    if (stuck) return i;
  }
#endif
  while (i < n) {
    const std::size_t rest = n - i;
    const __m128i first = rest >= 16 ? _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i))
                                     : spaced_block(bytes + i, rest);
    const __m128i second = rest >= 32
                               ? _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i + 16))
                           : rest > 16 ? spaced_block(bytes + i + 16, rest - 16)
                                       : bytes_of(' ');
    std::uint64_t leads = 0;
    const std::uint64_t flaws = pair_flaws<kEscapes>(first, second, leads);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(body + i), first);
    if (rest > 16) _mm_storeu_si128(reinterpret_cast<__m128i*>(body + i + 16), second);
    // Up to the first flaw the blocks hold ASCII and whole characters, but
    // for one led on one of the two places before it; with none, up to a
    // character that runs past them.
    const std::uint64_t shifted = leads << 2;  // bit k + 2: a lead at k
    const int stop = flaws != 0 ? std::countr_zero(flaws) : 32;
    const int cut = ((shifted >> stop) & 2) != 0 ? 1 : ((shifted >> stop) & 1) != 0 ? 2 : 0;
    if (flaws == 0 && rest >= 32) {
      i += static_cast<std::size_t>(32 - cut);
      continue;
    }
    if (flaws == 0) return n;  // spaces after the end: a cut character is a flaw
    i += static_cast<std::size_t>(stop - cut);
    const std::size_t step = word_step<kEscapes>(bytes, i, n, body);
    if (step == 0) return i;
    i += step;
  }
  return n;
}
#endif

// How many bytes from the start of `bytes` are well-formed UTF-8 (with
// nothing JSON escapes, when `kEscapes`), told on the way, as they are copied
// to the same places from `body` on, in steps made for the text bulletins are
// made of: n when all are. It stops at a character boundary, at or before
// the first flaw (up to seven ASCII bytes before it). Each step writes the
// bytes it read to the same place, so the copy may run past what it passes
// by fifteen bytes at most.
template <bool kEscapes>
std::size_t copy_plain_prefix(char* body, const std::uint8_t* bytes, std::size_t n) {
#ifdef __SSE2__
  if (n >= kLongText) return copy_long_plain_prefix<kEscapes>(body, bytes, n);
#endif
  std::size_t i = 0;
  while (i < n) {
    const std::size_t step = word_step<kEscapes>(bytes, i, n, body);
    if (step == 0) return i;
    i += step;
  }
  return n;
}

// `s` quoted at `out` when it is all plain, as copy_plain_prefix() tells;
// else nullptr.
[[gnu::noinline]] char* copy_plain_text(char* out, std::string_view s) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  const std::size_t n = s.size();
  if (copy_plain_prefix<true>(out + 1, bytes, n) != n) return nullptr;
  out[0] = '"';
  out[n + 1] = '"';
  return out + n + 2;
}

}  // namespace

char* JsonWriter::plain_string_text(char* out, std::string_view s) {
#ifdef __SSE2__
  if (s.size() - 1 < kShortText - 1) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
    if (char* end = copy_short_plain_text<true>(out, bytes, s.size())) return end;
  }
#endif
  return copy_plain_text(out, s);
}

// Almost every string is well-formed text with nothing to escape, written as
// it is; ASCII that needs escaping gets nlohmann's escape for it, and a string
// with ill-formed UTF-8 goes to nlohmann whole (its replacement rules).
void JsonWriter::escaped(std::string_view s) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(s.data());
  const std::size_t n = s.size();
  ensure(n + kPlainStringSlack);
  if (n < kShortText) {
    if (const char* end = plain_string_text(data_.get() + size_, s)) {
      size_ = static_cast<std::size_t>(end - data_.get());
      return;
    }
  }
  // Long turns have a line break here and there: the text between is copied
  // as plain text is, in one pass that stops where there is something else.
  const std::size_t start = size_;
  const auto& escapes = ascii_escapes();
  put('"');
  std::size_t i = 0;
  while (true) {
    ensure(n - i + kPlainStringSlack);
    const std::size_t passed = copy_plain_prefix<true>(data_.get() + size_, bytes + i, n - i);
    size_ += passed;
    i += passed;
    if (i == n) break;
    const std::uint8_t c = bytes[i];
    if (c < 0x80) {
      // To be escaped, or plain ASCII checked in one word with what is.
      if (escapes[c].empty()) {
        put(static_cast<char>(c));
      } else {
        put(escapes[c]);
      }
      ++i;
      continue;
    }
    const std::size_t length = character_length(bytes + i, n - i);
    if (length == 0) {
      size_ = start;
      put(nlohmann::json(std::string(s))
              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
    }
    put(s.substr(i, length));
    i += length;
  }
  put('"');
}

void JsonWriter::number(std::int64_t v) {
  before_value();
  ensure(20);
  size_ = static_cast<std::size_t>(integer_text(data_.get() + size_, v) - data_.get());
}

void JsonWriter::number(std::uint64_t v) {
  before_value();
  ensure(20);
  size_ = static_cast<std::size_t>(integer_text(data_.get() + size_, v) - data_.get());
}

// A decimal of at most 15 significant digits is the shortest text of the
// double nearest to it, so its own digits are what nlohmann would print; they
// are laid out the way nlohmann lays out a double (fixed between 1e-5 and
// 1e15, otherwise d.ddde±XX). The serializer test compares the two.
char* JsonWriter::short_decimal_text(char* out, std::int64_t mantissa, std::int32_t exponent) {
  if (mantissa == 0 || mantissa == INT64_MIN) return nullptr;
  while (mantissa % 10 == 0) {
    mantissa /= 10;
    ++exponent;
  }
  char digits[24];
  const bool negative = mantissa < 0;
  const int k = static_cast<int>(
      integer_text(digits, static_cast<std::uint64_t>(negative ? -mantissa : mantissa)) - digits);
  constexpr int kMaxDigits = 15;
  constexpr int kMaxExp = 15;
  constexpr int kMinExp = -4;
  if (k > kMaxDigits || exponent < -400 || exponent > 400) return nullptr;
  const int n = k + exponent;  // the decimal point's place after the first digit
  const auto put = [&out](std::string_view text) {
    std::memcpy(out, text.data(), text.size());
    out += text.size();
  };
  if (negative) *out++ = '-';
  const std::string_view d(digits, static_cast<std::size_t>(k));
  if (k <= n && n <= kMaxExp) {
    put(d);
    for (int i = k; i < n; ++i) *out++ = '0';
    put(".0");
  } else if (0 < n && n <= kMaxExp) {
    put(d.substr(0, static_cast<std::size_t>(n)));
    *out++ = '.';
    put(d.substr(static_cast<std::size_t>(n)));
  } else if (kMinExp < n && n <= 0) {
    put("0.");
    for (int i = n; i < 0; ++i) *out++ = '0';
    put(d);
  } else {
    *out++ = d[0];
    if (k > 1) {
      *out++ = '.';
      put(d.substr(1));
    }
    const int e = n - 1;
    *out++ = 'e';
    *out++ = e < 0 ? '-' : '+';
    const int magnitude = e < 0 ? -e : e;
    if (magnitude < 10) *out++ = '0';
    out = integer_text(out, static_cast<std::uint64_t>(magnitude));
  }
  return out;
}

bool JsonWriter::short_decimal(std::int64_t mantissa, std::int32_t exponent) {
  char text[48];
  const char* end = short_decimal_text(text, mantissa, exponent);
  if (end == nullptr) return false;
  before_value();
  put(std::string_view(text, static_cast<std::size_t>(end - text)));
  return true;
}

// Floating-point text is left to nlohmann so that it reads back exactly as
// the DOM-based output did (shortest round trip, its exponent style).
void JsonWriter::real(double v) {
  before_value();
  run_real(v);
}

void JsonWriter::run_real(double v) { put(nlohmann::json(v).dump()); }

}  // namespace bulletin::detail
