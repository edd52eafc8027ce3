#include "detail/segment_util.hpp"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "detail/text.hpp"

namespace bulletin::detail {
namespace {

int chinese_digit(char32_t c) {
  switch (c) {
    case U'零':
    case U'〇':
      return 0;
    case U'一':
      return 1;
    case U'二':
    case U'两':
    case U'兩':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    default:
      return -1;
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Reads 1–`max` ASCII digits at `pos`.
bool read_digits(std::string_view s, std::size_t& pos, std::size_t max, int& value) {
  std::size_t n = 0;
  value = 0;
  while (pos < s.size() && is_digit(s[pos]) && n < max) {
    value = value * 10 + (s[pos] - '0');
    ++pos;
    ++n;
  }
  return n > 0 && !(pos < s.size() && is_digit(s[pos]));
}

bool valid_date(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1];
}

std::string iso(int y, int m, int d) {
  std::string out = std::to_string(y) + "-";
  if (m < 10) out += '0';
  out += std::to_string(m) + "-";
  if (d < 10) out += '0';
  out += std::to_string(d);
  return out;
}

/// A date starting exactly at `pos`; advances `pos` past it.
std::optional<std::string> date_at(std::string_view s, std::size_t& pos) {
  std::size_t p = pos;
  int y = 0, m = 0, d = 0;
  if (!read_digits(s, p, 4, y) || p - pos != 4) return std::nullopt;
  if (p < s.size() && (s[p] == '-' || s[p] == '/' || s[p] == '.')) {
    const char sep = s[p++];
    if (!read_digits(s, p, 2, m) || p >= s.size() || s[p] != sep) return std::nullopt;
    ++p;
    if (!read_digits(s, p, 2, d)) return std::nullopt;
  } else if (starts_with(s.substr(p), "年")) {
    p += std::string_view("年").size();
    if (!read_digits(s, p, 2, m) || !starts_with(s.substr(p), "月")) return std::nullopt;
    p += std::string_view("月").size();
    if (!read_digits(s, p, 2, d)) return std::nullopt;
    if (starts_with(s.substr(p), "日")) p += std::string_view("日").size();
  } else {
    return std::nullopt;
  }
  if (!valid_date(y, m, d)) return std::nullopt;
  pos = p;
  return iso(y, m, d);
}

}  // namespace

bool starts_chinese_list_number(char32_t c) {
  return chinese_digit(c) >= 0 || c == U'十' || c == U'百';
}

bool read_small_number(std::string_view s, std::size_t& pos, int& value, bool& chinese) {
  if (pos < s.size() && is_digit(s[pos])) {
    std::size_t p = pos;
    if (!read_digits(s, p, 3, value)) return false;
    chinese = false;
    pos = p;
    return true;
  }
  // 一 … 九百九十九, in the forms list markers use.
  std::size_t p = pos;
  int total = 0;
  int pending = -1;
  bool any = false;
  while (p < s.size()) {
    std::size_t q = p;
    const char32_t c = next_code_point(s, q);
    const int digit = chinese_digit(c);
    if (digit >= 0) {
      if (pending >= 0) break;  // two digits in a row: not a list number
      pending = digit;
    } else if (c == U'十') {
      total += (pending < 0 ? 1 : pending) * 10;
      pending = -1;
    } else if (c == U'百') {
      if (pending <= 0) break;
      total += pending * 100;
      pending = -1;
    } else {
      break;
    }
    any = true;
    p = q;
  }
  if (!any) return false;
  if (pending > 0) total += pending;
  if (total <= 0) return false;
  value = total;
  chinese = true;
  pos = p;
  return true;
}

std::optional<std::string> find_date(std::string_view s) {
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) continue;
    std::size_t p = i;
    if (auto d = date_at(s, p)) return d;
  }
  return std::nullopt;
}

std::optional<int> find_year(std::string_view s) {
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1]))) continue;
    std::size_t p = i;
    int y = 0;
    if (read_digits(s, p, 4, y) && p - i == 4 && y >= 1900 && y <= 2199 &&
        starts_with(s.substr(p), "年")) {
      return y;
    }
  }
  return std::nullopt;
}

bool is_timestamp_line(std::string_view line) {
  std::size_t p = 0;
  if (!date_at(line, p) || count_code_points(line) > 40) return false;
  if (line.find(':', p) == std::string_view::npos) return false;
  while (p < line.size()) {
    const char c = line[p];
    if (is_digit(c) || c == ':' || c == ' ') {
      ++p;
      continue;
    }
    std::string_view rest = line.substr(p);
    if (starts_with(rest, "星期") || starts_with(rest, "周")) {
      p += starts_with(rest, "星期") ? std::string_view("星期").size()
                                     : std::string_view("周").size();
      if (p < line.size()) next_code_point(line, p);
      continue;
    }
    return false;
  }
  return true;
}

bool is_page_footer(std::string_view line) {
  // Every line is asked; most fail at their first character, before any copy.
  for (std::size_t pos = 0; pos < line.size();) {
    const char32_t c = next_code_point(line, pos);
    const bool footer_character = c == U' ' || (c >= U'0' && c <= U'9') || c == U'/' || c == U'—' ||
                                  c == U'–' || c == U'-' || c == U'－' || c == U'第' ||
                                  c == U'页' || c == U'共';
    if (!footer_character) return false;
  }
  std::string compact;
  for (char c : line) {
    if (c != ' ') compact += c;
  }
  std::string_view s = compact;
  auto strip_dashes = [](std::string_view& v, bool front) {
    bool any = false;
    for (;;) {
      bool hit = false;
      for (std::string_view dash : {"—", "–", "-", "－"}) {
        if (front ? starts_with(v, dash) : ends_with(v, dash)) {
          v = front ? v.substr(dash.size()) : v.substr(0, v.size() - dash.size());
          hit = any = true;
        }
      }
      if (!hit) return any;
    }
  };
  std::string_view inner = s;
  if (strip_dashes(inner, true) && strip_dashes(inner, false) && !inner.empty() &&
      inner.size() <= 4) {
    bool digits = true;
    for (char c : inner) digits = digits && is_digit(c);
    if (digits) return true;
  }
  // 第3页 / 第3页共10页 / 3/10
  std::size_t p = 0;
  int value = 0;
  if (starts_with(s, "第")) {
    p = std::string_view("第").size();
    if (!read_digits(s, p, 4, value) || !starts_with(s.substr(p), "页")) return false;
    p += std::string_view("页").size();
    if (p == s.size()) return true;
    if (!starts_with(s.substr(p), "共")) return false;
    p += std::string_view("共").size();
    return read_digits(s, p, 4, value) && s.substr(p) == "页";
  }
  if (read_digits(s, p, 4, value) && p < s.size() && s[p] == '/') {
    ++p;
    return read_digits(s, p, 4, value) && p == s.size();
  }
  return false;
}

#if defined(__SSE2__)
namespace {

/// Whether the first twelve of the sixteen bytes at `p` are four well-formed
/// characters with lead bytes E4..E9, as heading_text's one-at-a-time test
/// would find.
bool four_ideographs_at(const unsigned char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i continuation =
      _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(static_cast<char>(0xC0))),
                     _mm_set1_epi8(static_cast<char>(0x80)));
  const __m128i above_first = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(0xE4)));
  const __m128i lead = _mm_cmpeq_epi8(_mm_min_epu8(above_first, _mm_set1_epi8(5)), above_first);
  constexpr int kLeads = 0b001001001001;
  constexpr int kContinuations = 0b110110110110;
  return (_mm_movemask_epi8(lead) & kLeads) == kLeads &&
         (_mm_movemask_epi8(continuation) & kContinuations) == kContinuations;
}

}  // namespace
#endif

// Every heading and every inline list item is read here, by bytes rather than
// by decoded code points: the delimiters are ASCII or the wide 。 and 、
// (E3 80 82, E3 80 81), and any other character only advances the count.
std::string_view heading_text(std::string_view rest, bool inline_marker) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(rest.data());
  const std::size_t size = rest.size();
  // Where a three-byte character can still start.
  const std::size_t three_byte_end = size >= 2 ? size - 2 : 0;
  std::size_t pos = 0;
  // Most of a heading is CJK ideographs, lead bytes E4..E9: well formed, they
  // are no delimiter and need no further test.
  auto is_ideograph_at = [&](std::size_t at) {
    return static_cast<unsigned char>(bytes[at] - 0xE4) < 6 &&
           ((bytes[at + 1] ^ 0x80) | (bytes[at + 2] ^ 0x80)) < 0x40;
  };
  for (std::size_t n = 0; pos < size && n < kMaxHeadingCodePoints; ++n) {
    if (pos < three_byte_end && is_ideograph_at(pos)) {
      // The rest of a run of them, in a loop that tests nothing else.
      pos += 3;
      const std::size_t run_limit =
          std::min(three_byte_end, pos + 3 * (kMaxHeadingCodePoints - n - 1));
#if defined(__SSE2__)
      // Four at a time, while sixteen bytes can be read inside the view and
      // the fourth may still be taken.
      while (pos + 16 <= size && pos + 9 < run_limit && four_ideographs_at(bytes + pos)) {
        pos += 12;
        n += 4;
      }
#endif
      while (pos < run_limit && is_ideograph_at(pos)) {
        pos += 3;
        ++n;
      }
      continue;
    }
    const unsigned char lead = bytes[pos];
    if (lead < 0x80) {
      if (lead == ';' || lead == '!' || lead == '?' || lead == ':' || lead == '\n' ||
          (inline_marker && lead == ',')) {
        break;
      }
      ++pos;
      continue;
    }
    if (is_plain_three_byte_at(rest, pos)) {
      if (lead == 0xE3 && bytes[pos + 1] == 0x80 &&
          (bytes[pos + 2] == 0x82 || (inline_marker && bytes[pos + 2] == 0x81))) {
        break;
      }
      pos += 3;
      continue;
    }
    // A sequence that does not start with an ASCII byte never decodes to one.
    next_code_point(rest, pos);
  }
  return trim(rest.substr(0, pos));
}

}  // namespace bulletin::detail
