#include "bulletin/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string_view>

#include "detail/text.hpp"

namespace bulletin {
namespace {

using detail::append_utf8;
using detail::next_code_point;

struct Entity {
  std::string_view name;
  char32_t code_point;
};

// The named references that occur in text copied from Chinese government sites.
constexpr std::array<Entity, 28> kEntities = {{
    {"nbsp", 0x00A0},   {"ensp", 0x2002},   {"emsp", 0x2003},  {"thinsp", 0x2009},
    {"amp", U'&'},      {"lt", U'<'},       {"gt", U'>'},      {"quot", U'"'},
    {"apos", U'\''},    {"ldquo", 0x201C},  {"rdquo", 0x201D}, {"lsquo", 0x2018},
    {"rsquo", 0x2019},  {"mdash", 0x2014},  {"ndash", 0x2013}, {"hellip", 0x2026},
    {"middot", 0x00B7}, {"bull", 0x2022},   {"times", 0x00D7}, {"divide", 0x00F7},
    {"yen", 0x00A5},    {"plusmn", 0x00B1}, {"deg", 0x00B0},   {"permil", 0x2030},
    {"laquo", 0x00AB},  {"raquo", 0x00BB},  {"copy", 0x00A9},  {"reg", 0x00AE},
}};

// Tags that end a line in a browser; others (strong, span, font …) vanish in place.
constexpr std::array<std::string_view, 19> kBlockTags = {
    "p",  "br",    "div", "li", "tr",      "h1",      "h2",         "h3", "h4", "h5",
    "h6", "table", "ul",  "ol", "section", "article", "blockquote", "hr", "td"};

constexpr std::array<std::string_view, 27> kInlineTags = {
    "strong", "b",   "i",        "em",  "u",      "span",   "font",    "a",     "img",
    "sup",    "sub", "small",    "big", "center", "label",  "section", "tbody", "thead",
    "th",     "col", "colgroup", "o:p", "style",  "script", "html",    "body",  "head"};

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/// Length of an HTML tag starting at `pos` ('<'), 0 if it is not one; sets `block`.
std::size_t match_tag(std::string_view s, std::size_t pos, bool& block) {
  std::size_t i = pos + 1;
  if (i < s.size() && s[i] == '/') ++i;
  const std::size_t name_begin = i;
  while (i < s.size() && (is_ascii_alpha(s[i]) ||
                          (i > name_begin && (s[i] >= '0' && s[i] <= '9')) || s[i] == ':')) {
    ++i;
  }
  if (i == name_begin || i - name_begin > 10) return 0;
  std::string name(s.substr(name_begin, i - name_begin));
  for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  bool known = false;
  block = false;
  for (auto tag : kBlockTags) {
    if (name == tag) known = block = true;
  }
  for (auto tag : kInlineTags) {
    if (name == tag) known = true;
  }
  if (!known) return 0;
  // Attributes up to '>' on the same line, within a sane length.
  for (std::size_t k = i; k < s.size() && k < pos + 512; ++k) {
    const char c = s[k];
    if (c == '>') return k + 1 - pos;
    if (c == '<' || c == '\n' || c == '\r') return 0;
  }
  return 0;
}

/// Length of a character reference at `pos` ('&'), 0 if none; sets `cp`.
std::size_t match_entity(std::string_view s, std::size_t pos, char32_t& cp) {
  const std::size_t semi = s.find(';', pos + 1);
  if (semi == std::string_view::npos || semi - pos > 10 || semi == pos + 1) return 0;
  std::string_view body = s.substr(pos + 1, semi - pos - 1);
  if (body[0] == '#') {
    std::uint32_t value = 0;
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    for (char c : digits) {
      std::uint32_t d;
      if (c >= '0' && c <= '9')
        d = static_cast<std::uint32_t>(c - '0');
      else if (hex && c >= 'a' && c <= 'f')
        d = static_cast<std::uint32_t>(c - 'a' + 10);
      else if (hex && c >= 'A' && c <= 'F')
        d = static_cast<std::uint32_t>(c - 'A' + 10);
      else
        return 0;
      value = value * (hex ? 16 : 10) + d;
      if (value > 0x10FFFF) return 0;
    }
    if (value == 0 || (value >= 0xD800 && value <= 0xDFFF)) return 0;
    cp = value;
    return semi + 1 - pos;
  }
  for (const auto& e : kEntities) {
    if (body == e.name) {
      cp = e.code_point;
      return semi + 1 - pos;
    }
  }
  return 0;
}

/// The ASCII bytes the loop in Normalizer::run() gives a meaning to: '<',
/// '&', and \t \n \v \f \r (9 to 13), all below 64. It copies any other.
constexpr std::uint64_t kMeaningfulAscii =
    std::uint64_t{1} << '<' | std::uint64_t{1} << '&' | std::uint64_t{0x1F} << '\t';

/// Whether a lead byte and two continuation bytes, read as one number, are a
/// Han character below U+10000 (those of detail::is_han).
// UTF-8 sorts as the code points do, so each range of code points is a range
// of sequences, and checking one needs no decoding.
constexpr bool is_han_sequence(std::uint32_t seq) {
  return (seq >= 0xE4B880 && seq <= 0xE9BFBF) ||  // U+4E00 to U+9FFF
         (seq >= 0xE39080 && seq <= 0xE4B6BF) ||  // U+3400 to U+4DBF
         (seq >= 0xEFA480 && seq <= 0xEFABBF) ||  // U+F900 to U+FAFF
         seq == 0xE38087;                         // U+3007
}

/// Where the bytes from `pos` stop being copied as they are: plain ASCII and
/// three-byte Han characters (other Han characters take the long way).
// Most of a bulletin is made of these, and they stay on the offset map's
// current diagonal, so a whole run goes out with one append instead of one
// per character.
std::size_t pass_through_end(std::string_view in, std::size_t pos) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(in.data());
  const std::size_t size = in.size();
  while (pos < size) {
    const unsigned char lead = bytes[pos];
    if (lead < 0x80) {
      if (lead < 64 && (kMeaningfulAscii >> lead & 1) != 0) break;
      ++pos;
      continue;
    }
    if (pos + 2 >= size) break;
    const std::uint32_t seq =
        std::uint32_t{lead} << 16 | std::uint32_t{bytes[pos + 1]} << 8 | bytes[pos + 2];
    if ((seq & 0xC0C0) != 0x8080 || !is_han_sequence(seq)) break;
    pos += 3;
  }
  return pos;
}

bool is_blank(char32_t c) {
  return c == 0x00A0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F ||
         c == U'\t' || c == 0x1680;
}

/// FRACTION SLASH (which NFKC writes for ¾) and DIVISION SLASH, read as the
/// '/' of 3/4 by the number recognizer.
bool is_fraction_slash(char32_t c) { return c == 0x2044 || c == 0x2215; }

bool is_invisible(char32_t c) {
  return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

class Normalizer {
 public:
  Normalizer() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_ = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) nfkc_ = nullptr;
  }

  Normalized run(std::string_view in) {
    out_.text.reserve(in.size());
    out_.to_input.add(0, 0);  // offsets before the first change map to themselves
    reflow_ = looks_extracted_from_pdf(in);
    std::size_t pos = 0;
    while (pos < in.size()) {
      if (const std::size_t end = pass_through_end(in, pos); end != pos) {
        out_.text.append(in.data() + pos, end - pos);
        pos = end;
        continue;
      }
      const std::size_t start = pos;
      const unsigned char byte = static_cast<unsigned char>(in[pos]);
      if (byte == '<') {
        bool block = false;
        if (std::size_t len = match_tag(in, pos, block)) {
          ++out_.html_tags;
          if (block && !at_line_start()) emit_ascii('\n', start);
          pos += len;
          mark(pos);
          continue;
        }
      }
      if (byte == '&') {
        char32_t cp = 0;
        if (std::size_t len = match_entity(in, pos, cp)) {
          ++out_.html_entities;
          const std::size_t out_start = out_.text.size();
          emit(cp, start);
          pos += len;
          mark(pos);
          note_piece(out_start, start, pos);
          continue;
        }
      }
      if (byte < 0x80) {
        ++pos;
        if (byte == '\r' || byte == '\n') {
          if (byte == '\r' && pos < in.size() && in[pos] == '\n') ++pos;
          if (reflow_ && continues_line(in, pos)) {
            mark(pos);  // a line broken by the PDF's page width, not by the author
          } else {
            emit_ascii('\n', start);
            mark(pos);
          }
        } else if (byte == '\f' || byte == '\v') {
          emit_ascii('\n', start);
        } else if (byte == '\t') {
          emit_ascii(' ', start);
        } else {
          out_.text += static_cast<char>(byte);
        }
        continue;
      }
      const char32_t c = next_code_point(in, pos);
      if (detail::is_han(c)) {
        // Those outside pass_through_end(), from the supplementary planes:
        // kept as they are, and on the offset map's current diagonal, so
        // neither NFKC nor a checkpoint is needed.
        out_.text.append(in.data() + start, pos - start);
        continue;
      }
      const std::size_t out_start = out_.text.size();
      emit(c, start);
      mark(pos);
      note_piece(out_start, start, pos);
    }
    return std::move(out_);
  }

 private:
  bool at_line_start() const { return out_.text.empty() || out_.text.back() == '\n'; }

  void mark(std::size_t input_pos) { out_.to_input.add(out_.text.size(), input_pos); }

  /// One character of the input that became several (¾ → 3⁄4) has no
  /// counterpart for the offsets between them.
  void note_piece(std::size_t out_start, std::size_t input_start, std::size_t input_end) {
    const std::size_t out_end = out_.text.size();
    if (out_end - out_start < 2) return;
    const std::string_view emitted(out_.text.data() + out_start, out_end - out_start);
    if (detail::count_code_points(emitted) < 2) return;
    out_.to_input.add_piece(out_start, input_start, out_end, input_end);
  }

  void emit_ascii(char c, std::size_t input_pos) {
    mark(input_pos);
    out_.text += c;
  }

  struct FoldedEntry {
    // emit() never gets U+0000 (a NUL byte is copied as ASCII and &#0; is no
    // reference), so 0 marks an empty slot.
    char32_t code_point = 0;
    std::uint8_t length = 0;
    std::array<char, 19> bytes{};
  };
  std::array<FoldedEntry, 512> folded_cache_{};

  void emit(char32_t c, std::size_t input_pos) {
    mark(input_pos);
    // Full-width and CJK punctuation repeats thousands of times: what a code
    // point becomes is kept in a small direct-mapped cache.
    FoldedEntry& entry = folded_cache_[c % folded_cache_.size()];
    if (entry.code_point == c) {
      out_.text.append(entry.bytes.data(), entry.length);
    } else {
      emit_uncached(c, entry);
    }
  }

  // Out of line: kept in emit(), the strings would make every call pay for
  // their stack frame.
  [[gnu::noinline]] void emit_uncached(char32_t c, FoldedEntry& entry) {
    const std::string utf8 = replacement(c);
    if (utf8.size() > entry.bytes.size()) {
      out_.text += utf8;
      return;
    }
    entry.code_point = c;
    entry.length = static_cast<std::uint8_t>(utf8.size());
    std::copy(utf8.begin(), utf8.end(), entry.bytes.begin());
    out_.text.append(entry.bytes.data(), entry.length);
  }

  /// What `c` becomes in the normalized text.
  std::string replacement(char32_t c) const {
    if (is_invisible(c)) return {};
    if (is_blank(c)) return " ";
    if (is_fraction_slash(c)) return "/";
    std::string utf8;
    if (c < 0x80 || detail::is_han(c) || nfkc_ == nullptr ||
        nfkc_->isInert(static_cast<UChar32>(c))) {
      append_utf8(utf8, c);
      return utf8;
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded =
        nfkc_->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
    if (U_FAILURE(status)) {
      append_utf8(utf8, c);
      return utf8;
    }
    folded.findAndReplace(icu::UnicodeString(static_cast<UChar32>(0x2044)),
                          icu::UnicodeString(static_cast<UChar32>('/')));
    folded.toUTF8String(utf8);
    return utf8;
  }

  /// Text extracted from PDF carries form feeds or page footers (— 9 —).
  static bool looks_extracted_from_pdf(std::string_view in) {
    if (in.find('\f') != std::string_view::npos) return true;
    // One pass over the line breaks for both dashes: a bulletin has thousands.
    for (std::size_t at = in.find('\n'); at != std::string_view::npos; at = in.find('\n', at + 1)) {
      for (std::string_view dash : {"—", "-"}) {
        // "— 9 —" (or "- 9 -"), alone on its line.
        std::size_t p = at + 1;
        if (!detail::starts_with(in.substr(p), dash)) continue;
        p += dash.size();
        const auto skip_spaces = [&] {
          while (p < in.size() && in[p] == ' ') ++p;
        };
        skip_spaces();
        std::size_t digits = 0;
        while (p < in.size() && in[p] >= '0' && in[p] <= '9') ++p, ++digits;
        skip_spaces();
        if (digits == 0 || !detail::starts_with(in.substr(p), dash)) continue;
        p += dash.size();
        skip_spaces();
        if (p == in.size() || in[p] == '\n' || in[p] == '\r') return true;
      }
    }
    return false;
  }

  /// Whether the line break before `next` splits a sentence: the line so far
  /// is long and ends inside a word or number, and the next line starts
  /// flush with text rather than with indentation or a heading.
  bool continues_line(std::string_view in, std::size_t next) const {
    // Only the line's last 20 characters are read, not the whole line each time.
    std::size_t tail_start = out_.text.size();
    std::size_t chars = 0;
    while (chars < 20 && tail_start > 0 && out_.text[tail_start - 1] != '\n') {
      --tail_start;
      chars += (static_cast<unsigned char>(out_.text[tail_start]) & 0xC0) != 0x80;
    }
    if (chars < 20 || next >= in.size()) return false;
    const std::string_view tail(out_.text.data() + tail_start, out_.text.size() - tail_start);
    std::size_t back = tail.size();
    const char32_t last = detail::prev_code_point(tail, back);
    if (!(detail::is_han(last) || (last >= U'0' && last <= U'9'))) return false;
    std::size_t p = next;
    const char32_t first = next_code_point(in, p);
    if (!detail::is_han(first) && !(first >= U'0' && first <= U'9')) return false;
    if (p < in.size()) {
      const char32_t second = next_code_point(in, p);
      if (second == U'、' || second == U'是') return false;  // 二、 / 二是 open a heading
    }
    return true;
  }

  bool reflow_ = false;
  const icu::Normalizer2* nfkc_ = nullptr;
  Normalized out_;
};

}  // namespace

Normalized normalize(std::string_view utf8) {
  Normalizer normalizer;
  Normalized result = normalizer.run(utf8);
  result.to_input.add(result.text.size(), utf8.size());
  // Held as long as the document is: no room to grow is left in it.
  result.to_input.shrink_to_fit();
  return result;
}

}  // namespace bulletin
