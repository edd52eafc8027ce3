// Small recognisers the segmenter needs: dates, page furniture, list numbers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bulletin::detail {

/// Reads a list number at `pos`: 1–3 ASCII digits, or a Chinese numeral up to
/// 999 (一 … 九十九, 两, 〇). Advances `pos`; `chinese` tells which it was.
bool read_small_number(std::string_view s, std::size_t& pos, int& value, bool& chinese);

/// Whether a Chinese list number (see read_small_number) can start with `c`.
bool starts_chinese_list_number(char32_t c);

/// The first calendar date in `s` as ISO 8601 (2022-12-23, 2022/12/23,
/// 2022.12.23, 2022年12月23日), validated; nullopt if none.
std::optional<std::string> find_date(std::string_view s);

/// The first year written as 19xx年 or 20xx年.
std::optional<int> find_year(std::string_view s);

/// A web page's render stamp: 2023-11-05 11:00:00 星期日 (a date with a clock time).
bool is_timestamp_line(std::string_view line);

/// A page footer of text extracted from PDF: — 9 —, - 9 -, 第3页, 第3页 共10页, 3/10.
bool is_page_footer(std::string_view line);

/// Whether a page footer (is_page_footer) can hold `c`: every one and every
/// page timestamp (is_timestamp_line) starts with such a character.
inline bool is_page_footer_character(char32_t c) {
  return c == U' ' || (c >= U'0' && c <= U'9') || c == U'/' || c == U'—' || c == U'–' ||
         c == U'-' || c == U'－' || c == U'第' || c == U'页' || c == U'共';
}

/// Heading texts stop after this many code points.
inline constexpr std::size_t kMaxHeadingCodePoints = 60;

/// The heading text after a marker: up to the end of its first sentence (。 ; ! ? :
/// or a line break), and for an inline marker (一是…) its first clause (, 、).
/// Trimmed; at most kMaxHeadingCodePoints code points.
std::string_view heading_text(std::string_view rest, bool inline_marker);

}  // namespace bulletin::detail
