#include "detail/text.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <numeric>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "bulletin/document.hpp"
#include "bulletin/result.hpp"
#include "detail/prefault.hpp"

namespace bulletin {

namespace detail {

char32_t next_code_point_any(std::string_view s, std::size_t& pos) {
  UChar32 c = 0;
  auto i = static_cast<std::int32_t>(pos);
  U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()),
          c);
  pos = static_cast<std::size_t>(i);
  return c < 0 ? U'\uFFFD' : static_cast<char32_t>(c);
}

char32_t prev_code_point_any(std::string_view s, std::size_t& pos) {
  if (pos == 0) return U'\uFFFD';
  std::size_t start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  std::size_t next = start;
  const char32_t c = next_code_point(s, next);
  if (next != pos) {
    --pos;
    return U'\uFFFD';
  }
  pos = start;
  return c;
}

}  // namespace detail

const char* to_string(Errc code) noexcept {
  switch (code) {
    case Errc::io_error:
      return "io-error";
    case Errc::invalid_encoding:
      return "invalid-encoding";
    case Errc::binary_input:
      return "binary-input";
    case Errc::too_large:
      return "too-large";
    case Errc::invalid_argument:
      return "invalid-argument";
    case Errc::invalid_schema:
      return "invalid-schema";
    case Errc::invalid_json:
      return "invalid-json";
  }
  return "unknown";
}

const char* to_string(Role role) noexcept {
  switch (role) {
    case Role::host:
      return "host";
    case Role::official:
      return "official";
    case Role::reporter:
      return "reporter";
    case Role::answer:
      return "answer";
    case Role::unknown:
      return "unknown";
  }
  return "unknown";
}

const char* to_string(TurnKind kind) noexcept {
  switch (kind) {
    case TurnKind::statement:
      return "statement";
    case TurnKind::question:
      return "question";
    case TurnKind::answer:
      return "answer";
  }
  return "statement";
}

const char* to_string(Measure measure) noexcept {
  switch (measure) {
    case Measure::level:
      return "level";
    case Measure::count:
      return "count";
    case Measure::share:
      return "share";
    case Measure::change:
      return "change";
    case Measure::pp_change:
      return "pp_change";
    case Measure::rank:
      return "rank";
  }
  return "level";
}

const char* to_string(Direction direction) noexcept {
  return direction == Direction::up ? "up" : "down";
}

const char* to_string(CheckStatus status) noexcept {
  return status == CheckStatus::ok ? "ok" : "mismatch";
}

const char* to_string(Severity severity) noexcept {
  switch (severity) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "warning";
}

namespace detail {

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  for_each_line(text, [&](const Line& line) { lines.push_back(line); });
  return lines;
}

namespace {

// std::popcount without the POPCNT instruction (the build targets baseline
// x86-64) is a call into libgcc for every word; counting in parallel
// within the register takes about a dozen instructions inline.
constexpr int count_ones(std::uint64_t x) {
  x -= (x >> 1) & 0x5555555555555555;
  x = (x & 0x3333333333333333) + ((x >> 2) & 0x3333333333333333);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0F;
  return static_cast<int>((x * 0x0101010101010101) >> 56);
}
static_assert(count_ones(0) == 0 && count_ones(~std::uint64_t{0}) == 64 &&
              count_ones(std::uint64_t{1} << 63) == 1 && count_ones(0xF0F0) == 8);

/// Of 64 bytes, bit k for byte k: line feeds, carriage returns, and UTF-8
/// continuation bytes.
struct ByteMasks {
  std::uint64_t lf = 0;
  std::uint64_t cr = 0;
  std::uint64_t continuation = 0;
};

ByteMasks byte_masks(const unsigned char* bytes) {
  ByteMasks m;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i top_two = _mm_set1_epi8(static_cast<char>(0xC0));
  const __m128i continuation = _mm_set1_epi8(static_cast<char>(0x80));
  const auto bits = [](__m128i mask, int at) {
    return std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(mask))} << at;
  };
  for (int at = 0; at < 64; at += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + at));
    m.lf |= bits(_mm_cmpeq_epi8(v, lf), at);
    m.cr |= bits(_mm_cmpeq_epi8(v, cr), at);
    m.continuation |= bits(_mm_cmpeq_epi8(_mm_and_si128(v, top_two), continuation), at);
  }
#else
  for (int k = 0; k < 64; ++k) {
    const std::uint64_t bit = std::uint64_t{1} << k;
    if (bytes[k] == '\n') m.lf |= bit;
    if (bytes[k] == '\r') m.cr |= bit;
    if ((bytes[k] & 0xC0) == 0x80) m.continuation |= bit;
  }
#endif
  return m;
}

}  // namespace

// 64 bytes at a time: the index is built for every document, and a byte at a
// time it cost as much as normalizing.
LineIndex::LineIndex(std::string_view text) : size_(text.size()) {
  const std::size_t blocks = text.size() / kBlockBytes + 1;
  blocks_.reserve(blocks);
  prefault_for_writing(blocks_.data(), blocks * sizeof(Block));
  blocks_.resize(blocks);
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::uint64_t line = 1;
  std::uint64_t column = 1;
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    Block& block = blocks_[b];
    block.line = line;
    block.column = column;
    for (std::size_t k = 0; k < kWords; ++k) {
      const std::size_t begin = b * kBlockBytes + k * 64;
      if (begin >= text.size()) break;
      const std::size_t n = std::min<std::size_t>(64, text.size() - begin);
      ByteMasks m;
      std::uint64_t valid = ~std::uint64_t{0};
      if (n == 64) {
        m = byte_masks(bytes + begin);
      } else {
        unsigned char last[64] = {};
        std::memcpy(last, bytes + begin, n);
        m = byte_masks(last);
        valid = (std::uint64_t{1} << n) - 1;
      }
      // A line ends at LF, and at CR unless LF follows (maybe in the next 64).
      const bool lf_next = begin + 64 < text.size() && text[begin + 64] == '\n';
      const std::uint64_t lf_after = m.lf >> 1 | std::uint64_t{lf_next} << 63;
      const std::uint64_t breaks = (m.lf | (m.cr & ~lf_after)) & valid;
      const std::uint64_t columns = valid & ~breaks & ~m.cr & ~m.continuation;
      block.breaks[k] = breaks;
      block.columns[k] = columns;
      if (breaks == 0) {
        column += static_cast<std::uint64_t>(count_ones(columns));
        continue;
      }
      line += static_cast<std::uint64_t>(count_ones(breaks));
      const int last_break = 63 - std::countl_zero(breaks);
      column = 1 + (last_break == 63
                        ? 0
                        : static_cast<std::uint64_t>(count_ones(columns >> (last_break + 1))));
    }
  }
}

LineColumn LineIndex::at(std::size_t offset) const {
  offset = std::min(offset, size_);
  const Block& block = blocks_[offset / kBlockBytes];
  const std::size_t within = offset % kBlockBytes;
  // Only the words up to the offset's are read: those before it whole, its
  // own up to the offset. Most words hold no break, and are not counted for
  // the line.
  const std::size_t word = within / 64;
  const std::uint64_t below = (std::uint64_t{1} << (within % 64)) - 1;
  const auto before = [&](std::size_t k) { return k < word ? ~std::uint64_t{0} : below; };
  LineColumn at;
  at.line = block.line;
  std::size_t last_word = kWords;  // the word of the last break before the offset
  std::uint64_t last_breaks = 0;
  for (std::size_t k = 0; k <= word; ++k) {
    const std::uint64_t breaks = block.breaks[k] & before(k);
    if (breaks == 0) continue;
    at.line += static_cast<std::size_t>(count_ones(breaks));
    last_word = k;
    last_breaks = breaks;
  }
  if (last_word == kWords) {
    at.column = block.column;
    for (std::size_t k = 0; k <= word; ++k) {
      at.column += static_cast<std::size_t>(count_ones(block.columns[k] & before(k)));
    }
    return at;
  }
  // Columns restart after the last break before the offset.
  const auto last = static_cast<unsigned>(63 - std::countl_zero(last_breaks));
  at.column = 1;
  for (std::size_t k = last_word; k <= word; ++k) {
    std::uint64_t counted = block.columns[k] & before(k);
    if (k == last_word) counted &= ~(~std::uint64_t{0} >> (63 - last));
    at.column += static_cast<std::size_t>(count_ones(counted));
  }
  return at;
}

std::vector<LineColumn> resolve_line_columns(std::string_view text,
                                             const std::vector<std::size_t>& offsets) {
  std::vector<std::size_t> order(offsets.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return offsets[a] < offsets[b]; });
  std::vector<LineColumn> result(offsets.size());
  LineColumn at;
  std::size_t pos = 0;
  for (std::size_t index : order) {
    const std::size_t target = std::min(offsets[index], text.size());
    while (pos < target) {
      const auto ch = static_cast<unsigned char>(text[pos]);
      if (ch == '\n' || (ch == '\r' && !(pos + 1 < text.size() && text[pos + 1] == '\n'))) {
        ++at.line;
        at.column = 1;
      } else if (ch != '\r' && (ch & 0xC0) != 0x80) {
        ++at.column;
      }
      ++pos;
    }
    result[index] = at;
  }
  return result;
}

}  // namespace detail
}  // namespace bulletin
