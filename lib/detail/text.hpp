// Internal UTF-8 helpers shared by the pipeline stages.
#pragma once

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "detail/numbers_utf8.hpp"

namespace bulletin::detail {

/// next_code_point for any sequence, out of line: two- and four-byte
/// characters and ill-formed input are rare.
char32_t next_code_point_any(std::string_view s, std::size_t& pos);
/// prev_code_point for any sequence, out of line.
char32_t prev_code_point_any(std::string_view s, std::size_t& pos);

/// Decodes the code point at `pos` and advances `pos`; U+FFFD (and one byte)
/// for an ill-formed sequence, so loops always progress.
// ASCII and three-byte characters are decoded here without U8_NEXT: every
// clause and sentence scan steps through them one at a time.
[[gnu::always_inline]] inline char32_t next_code_point(std::string_view s, std::size_t& pos) {
  if (pos < s.size()) {
    const auto lead = static_cast<unsigned char>(s[pos]);
    if (lead < 0x80) {
      ++pos;
      return lead;
    }
    if (pos + 2 < s.size()) {
      const std::int32_t c = decode_three_bytes(lead, static_cast<unsigned char>(s[pos + 1]),
                                                static_cast<unsigned char>(s[pos + 2]));
      if (c >= 0) {
        pos += 3;
        return static_cast<char32_t>(c);
      }
    }
  }
  return next_code_point_any(s, pos);
}

/// Whether a well-formed three-byte sequence starts at `pos` whose lead byte
/// (E1..EC, EE, EF) admits no overlong or surrogate form: most CJK text, and
/// next_code_point would step over exactly these three bytes.
inline bool is_plain_three_byte_at(std::string_view s, std::size_t pos) {
  if (pos + 3 > s.size()) return false;
  const auto lead = static_cast<unsigned char>(s[pos]);
  if (static_cast<unsigned char>(lead - 0xE1) > 0x0E || lead == 0xED) return false;
  const auto mid = static_cast<unsigned char>(s[pos + 1]);
  const auto last = static_cast<unsigned char>(s[pos + 2]);
  return ((mid ^ 0x80) | (last ^ 0x80)) < 0x40;
}

/// The code point that ends at `pos` and moves `pos` to its start.
/// U+FFFD and one byte back when what ends at `pos` is ill-formed.
// Clause scans walk backwards over every figure's context, so ASCII and
// three-byte characters are decoded here. U8_PREV calls out of line for
// each Chinese character; for other sequences prev_code_point_any steps back
// over continuation bytes and decodes forward instead.
[[gnu::always_inline]] inline char32_t prev_code_point(std::string_view s, std::size_t& pos) {
  if (pos == 0) return U'\uFFFD';
  const auto last = static_cast<unsigned char>(s[pos - 1]);
  if (last < 0x80) {
    --pos;
    return last;
  }
  if (pos >= 3) {
    const std::int32_t c = decode_three_bytes(static_cast<unsigned char>(s[pos - 3]),
                                              static_cast<unsigned char>(s[pos - 2]), last);
    if (c >= 0) {
      pos -= 3;
      return static_cast<char32_t>(c);
    }
  }
  return prev_code_point_any(s, pos);
}

inline void append_utf8(std::string& out, char32_t c) {
  std::uint8_t buf[4];
  std::int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, static_cast<UChar32>(c), error);
  if (error) {
    out += "\xEF\xBF\xBD";
    return;
  }
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
}

inline bool is_han(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x2FA1F) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}

inline bool is_space(char32_t c) { return c == U' ' || c == U'\t'; }

// Word lists are compared against every figure's context, so these are hot.
// Chinese UTF-8 shares its lead bytes; the last byte of a character differs
// far more often, so it is compared before the whole word.
inline bool starts_with(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  if (prefix.empty()) return true;
  return s[prefix.size() - 1] == prefix.back() &&
         std::char_traits<char>::compare(s.data(), prefix.data(), prefix.size()) == 0;
}
inline bool ends_with(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  if (suffix.empty()) return true;
  return s.back() == suffix.back() &&
         std::char_traits<char>::compare(s.data() + s.size() - suffix.size(), suffix.data(),
                                         suffix.size()) == 0;
}

/// Offset of the first `word` in `s` at or after `from`, or npos.
// string_view::find stops at every copy of the word's first byte: in Chinese
// text a lead byte that thousands of characters share. A character's last
// byte is far rarer, so candidates are found by the word's last byte.
inline std::size_t find_word(std::string_view s, std::string_view word, std::size_t from = 0) {
  if (word.empty()) return from <= s.size() ? from : std::string_view::npos;
  const std::size_t before_last = word.size() - 1;
  for (std::size_t at = from + before_last; at < s.size();) {
    const void* hit = std::memchr(s.data() + at, word.back(), s.size() - at);
    if (hit == nullptr) break;
    const auto last = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data());
    // The byte before a Chinese character's last is nearly as telling, and
    // comparing it here spares most of the calls to memcmp.
    if ((before_last == 0 || s[last - 1] == word[before_last - 1]) &&
        std::memcmp(s.data() + last - before_last, word.data(), before_last) == 0) {
      return last - before_last;
    }
    at = last + 1;
  }
  return std::string_view::npos;
}

/// Number of code points in a UTF-8 string.
inline std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

/// Trims ASCII spaces and tabs at both ends (normalized text has no other blanks).
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Trims spaces, tabs and line breaks at both ends.
inline std::string_view trim_blank_lines(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

/// One line of a text: [begin, end) without its line break.
struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// Calls `on_line(Line)` for each line of `text`, split on \n, \r\n and \r.
template <typename OnLine>
void for_each_line(std::string_view text, OnLine&& on_line) {
  const std::size_t size = text.size();
  auto next = [&](char ch, std::size_t from) -> std::size_t {
    if (from >= size) return size;
    const void* hit = std::memchr(text.data() + from, ch, size - from);
    return hit == nullptr ? size
                          : static_cast<std::size_t>(static_cast<const char*>(hit) - text.data());
  };
  std::size_t begin = 0;
  // The next \n and the next \r are each looked for again only once passed:
  // normalized text has no \r, so that search runs once, not on every line.
  std::size_t lf = next('\n', 0);
  std::size_t cr = next('\r', 0);
  for (;;) {
    if (lf < begin) lf = next('\n', begin);
    if (cr < begin) cr = next('\r', begin);
    const std::size_t end = std::min(lf, cr);
    if (end == size) break;
    on_line(Line{begin, end});
    begin = end + 1;
    if (text[end] == '\r' && begin < size && text[begin] == '\n') ++begin;
  }
  if (begin < size) on_line(Line{begin, size});
}

/// Splits on \n, \r\n and \r.
std::vector<Line> split_lines(std::string_view text);

/// Resolves byte offsets of a UTF-8 text to 1-based line and column (code
/// points) in one pass: callers hand all offsets at once, so a text with one
/// enormous line costs no more than one with many short ones.
struct LineColumn {
  std::size_t line = 1;
  std::size_t column = 1;
};
std::vector<LineColumn> resolve_line_columns(std::string_view text,
                                             const std::vector<std::size_t>& offsets);

/// The line and column of any offset of a text, kept without the text: per 128
/// bytes, a bit for each line break and each byte that starts a column, and
/// the counts at the block's start. Three eighths of the text's size, so that
/// a large document's decoded text can be let go once it is normalized.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  /// As resolve_line_columns() would give it; offsets past the end stand at
  /// the end.
  [[nodiscard]] LineColumn at(std::size_t offset) const;

 private:
  static constexpr std::size_t kWords = 2;
  static constexpr std::size_t kBlockBytes = 64 * kWords;
  struct Block {
    std::array<std::uint64_t, kWords> breaks{};   // \n, or a \r not followed by \n
    std::array<std::uint64_t, kWords> columns{};  // bytes that advance the column
    std::uint64_t line = 1;                       // at the block's first byte
    std::uint64_t column = 1;
  };
  std::vector<Block> blocks_;  // one more than the text fills, for its end
  std::size_t size_ = 0;
};

}  // namespace bulletin::detail
