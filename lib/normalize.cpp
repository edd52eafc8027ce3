#include "bulletin/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>

#include "detail/normalize_general.hpp"
#include "detail/normalize_pieces.hpp"
#include "detail/prefault.hpp"
#include "detail/text.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

#if defined(__SSE2__)
/// How many bytes from the start of `block` are whole characters that
/// Normalizer::run() copies as they are: ASCII but kMeaningfulAscii, and
/// characters from U+4000 to U+9FFF.
/// All of those but U+4DC0 to U+4DFF are Han characters (is_han_sequence()),
/// and those, the hexagram symbols, NFKC keeps as they are, so emit() writes
/// them unchanged and its marks stay on the offset map's diagonal.
// Most of a bulletin is Chinese with digits in between; a block of it is
// taken at once, without a branch on each character's length.
inline std::size_t plain_bytes(__m128i block) {
  const auto bits = [](__m128i mask) { return static_cast<unsigned>(_mm_movemask_epi8(mask)); };
  const auto below = [](__m128i bytes, int limit) {
    return _mm_cmplt_epi8(bytes, _mm_set1_epi8(static_cast<char>(limit)));
  };
  const auto shifted = [&](int lowest) {
    // Moves `lowest` to 80, the smallest signed byte.
    return _mm_add_epi8(block, _mm_set1_epi8(static_cast<char>(0x80 - lowest)));
  };
  const unsigned leads = bits(below(shifted(0xE4), 0x86));  // E4 to E9
  const unsigned continuations = bits(below(block, 0xC0));  // 80 to BF
  const __m128i controls = below(shifted('\t'), 0x85);      // \t to \r
  const __m128i markup = _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('<')),
                                      _mm_cmpeq_epi8(block, _mm_set1_epi8('&')));
  // Bytes from 80 up carry their own top bit into the mask.
  const unsigned not_plain_ascii = bits(_mm_or_si128(block, _mm_or_si128(controls, markup)));
  // A lead needs both its continuation bytes inside the block, and a
  // continuation byte a lead one or two bytes before it.
  const unsigned cut_leads = leads & ~(continuations >> 1 & continuations >> 2);
  const unsigned stray = continuations & ~(leads << 1 | leads << 2);
  const unsigned others = not_plain_ascii & ~(leads | continuations);
  return static_cast<std::size_t>(std::countr_zero(cut_leads | stray | others | 1U << 16));
}
#endif

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

/// Text extracted from PDF carries form feeds or page footers (— 9 —).
bool looks_extracted_from_pdf(std::string_view in) {
  if (in.find('\f') != std::string_view::npos) return true;
  // One pass over the line breaks for both dashes: a bulletin has thousands.
  static constexpr std::array<std::string_view, 2> kDashes = {"—", "-"};
  for (std::size_t at = in.find('\n'); at != std::string_view::npos; at = in.find('\n', at + 1)) {
    // Most lines start with neither dash.
    if (at + 1 == in.size() || (in[at + 1] != kDashes[0][0] && in[at + 1] != '-')) continue;
    for (std::string_view dash : kDashes) {
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

/// The normalized text while it is written. The loop over plain text keeps
/// its write position in a local: appended to a std::string a few bytes at a
/// time, each character would pay for a capacity check and a call.
class TextBuffer {
 public:
  /// Bytes a writer may store past the end of what it keeps, so that short
  /// copies can be done in whole words.
  static constexpr std::size_t kSlack = 16;

  explicit TextBuffer(std::size_t expected_size) {
    detail::resize_prefaulted(bytes_, expected_size + kSlack);
  }

  /// Makes room for `n` more bytes (and the slack); pointers from cursor()
  /// are invalid afterwards.
  void reserve(std::size_t n) {
    if (bytes_.size() - size_ < n + kSlack) grow(n);
  }
  char* cursor() { return bytes_.data() + size_; }
  char* begin() { return bytes_.data(); }
  void set_cursor(const char* end) { size_ = static_cast<std::size_t>(end - bytes_.data()); }

  void push_back(char c) {
    reserve(1);
    bytes_[size_++] = c;
  }
  void append(const char* s, std::size_t n) {
    reserve(n);
    std::memcpy(bytes_.data() + size_, s, n);
    size_ += n;
  }

  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] char back() const { return bytes_[size_ - 1]; }
  [[nodiscard]] char operator[](std::size_t i) const { return bytes_[i]; }
  [[nodiscard]] const char* data() const { return bytes_.data(); }

  std::string release() {
    bytes_.resize(size_);
    return std::move(bytes_);
  }

 private:
  [[gnu::noinline]] void grow(std::size_t n) {
    bytes_.resize(std::max(bytes_.size() * 2, size_ + n + kSlack));
  }

  std::string bytes_;
  std::size_t size_ = 0;
};

class Normalizer {
  static constexpr std::size_t kInputBytesPerRun = 50;

 public:
  /// `room`: bytes of text to make room for at once. `reflow`: whether the
  /// text reads as extracted from a PDF (looks_extracted_from_pdf()), which
  /// is told from the whole of it.
  Normalizer(std::size_t room, bool copy_plain_text, bool reflow)
      : reflow_(reflow), copy_plain_text_(copy_plain_text), text_(room) {
    // Full-width punctuation, one checkpoint each, comes every 20 bytes or
    // so: bulletins needed one run of the map per 100 bytes (a run is 32
    // bytes). Room is reserved for twice that, so that the map does not
    // move and fault in its pages over again as it doubles; the room never
    // written is never touched, so the map is not shrunk to fit either.
    out_.to_input.reserve(room / kInputBytesPerRun);
    out_.to_input.add(0, 0);  // offsets before the first change map to themselves
    UErrorCode status = U_ZERO_ERROR;
    nfkc_ = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) nfkc_ = nullptr;
  }

  /// Normalizes `in` from `pos` on, after the text normalized so far, which
  /// ends where `pos` starts a line (or the text).
  void run(std::string_view in, std::size_t pos) {
    while (pos < in.size()) {
      if (copy_plain_text_) {
        if (const std::size_t end = copy_plain(in, pos); end != pos) {
          pos = end;
          continue;
        }
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
          const std::size_t out_start = text_.size();
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
          text_.push_back(static_cast<char>(byte));
        }
        continue;
      }
      const char32_t c = next_code_point(in, pos);
      if (detail::is_han(c)) {
        // Those outside copy_plain(), from the supplementary planes:
        // kept as they are, and on the offset map's current diagonal, so
        // neither NFKC nor a checkpoint is needed.
        text_.append(in.data() + start, pos - start);
        continue;
      }
      const std::size_t out_start = text_.size();
      emit(c, start);
      mark(pos);
      note_piece(out_start, start, pos);
    }
  }

  /// What run() made, once it is done.
  Normalized take() {
    out_.text = text_.release();
    return std::move(out_);
  }

 private:
  bool at_line_start() const { return text_.empty() || text_.back() == '\n'; }

  void mark(std::size_t input_pos) { out_.to_input.add(text_.size(), input_pos); }

  /// Copies from `pos` what its bytes alone decide: plain ASCII, three-byte
  /// Han characters, and three-byte characters whose folding is cached and
  /// no longer than they are (most of a bulletin's punctuation); returns
  /// where it stopped. Does what the general loop in run() does with them.
  std::size_t copy_plain(std::string_view in, std::size_t pos) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(in.data());
    const std::size_t size = in.size();
    // Nothing copied here grows, so the rest of the input bounds the output.
    text_.reserve(size - pos);
    const char* const base = text_.begin();
    char* out = text_.cursor();
    while (pos < size) {
#if defined(__SSE2__)
      if (size - pos >= 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + pos));
        // Sixteen bytes are stored whatever the count: the slack holds them.
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), block);
        const std::size_t plain = plain_bytes(block);
        out += plain;
        pos += plain;
        // A character cut by the end of the block starts the next one.
        if (plain >= 14) continue;
      }
#endif
      unsigned char lead = bytes[pos];
      if (lead < 0x80) {
        // Near the end of the input, a run of ASCII is finished here rather
        // than offered to the checks below byte by byte.
        do {
          if (lead < 64 && (kMeaningfulAscii >> lead & 1) != 0) {
            text_.set_cursor(out);
            return pos;
          }
          *out++ = static_cast<char>(lead);
          ++pos;
        } while (pos < size && (lead = bytes[pos]) < 0x80);
        continue;
      }
      if (pos + 2 >= size) break;
      // Three bytes are copied whatever comes of the check: the slack holds them.
      std::memcpy(out, bytes + pos, 3);
      const std::uint32_t seq =
          std::uint32_t{lead} << 16 | std::uint32_t{bytes[pos + 1]} << 8 | bytes[pos + 2];
      if ((seq & 0xF0C0C0) != 0xE08080) break;  // not a three-byte sequence
      if (is_han_sequence(seq)) {
        // On the offset map's current diagonal: no checkpoint.
        out += 3;
        pos += 3;
        continue;
      }
      const auto c =
          static_cast<char32_t>((seq >> 4 & 0xF000) | (seq >> 2 & 0x0FC0) | (seq & 0x3F));
      // Overlong forms and surrogates are ill-formed: next_code_point() reads one byte of them.
      if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) break;
      const FoldedEntry& entry = folded_cache_[c % folded_cache_.size()];
      if (entry.code_point != c || entry.length > 3) break;
      // emit() marks the character's start first, but everything since the
      // last checkpoint kept the map's diagonal, so that mark records nothing.
      std::memcpy(out, entry.bytes.data(), 3);
      const auto out_start = static_cast<std::size_t>(out - base);
      out += entry.length;
      pos += 3;
      const auto out_end = static_cast<std::size_t>(out - base);
      if (entry.length != 3) out_.to_input.add(out_end, pos);
      if (entry.several_code_points) out_.to_input.add_piece(out_start, pos - 3, out_end, pos);
    }
    text_.set_cursor(out);
    return pos;
  }

  /// One character of the input that became several (¾ → 3⁄4) has no
  /// counterpart for the offsets between them.
  void note_piece(std::size_t out_start, std::size_t input_start, std::size_t input_end) {
    const std::size_t out_end = text_.size();
    if (out_end - out_start < 2) return;
    const std::string_view emitted(text_.data() + out_start, out_end - out_start);
    if (detail::count_code_points(emitted) < 2) return;
    out_.to_input.add_piece(out_start, input_start, out_end, input_end);
  }

  void emit_ascii(char c, std::size_t input_pos) {
    mark(input_pos);
    text_.push_back(c);
  }

  struct FoldedEntry {
    // emit() never gets U+0000 (a NUL byte is copied as ASCII and &#0; is no
    // reference), so 0 marks an empty slot.
    char32_t code_point = 0;
    std::uint8_t length = 0;
    bool several_code_points = false;  // what note_piece() records as a piece
    std::array<char, 18> bytes{};
  };
  std::array<FoldedEntry, 512> folded_cache_{};

  void emit(char32_t c, std::size_t input_pos) {
    mark(input_pos);
    // Full-width and CJK punctuation repeats thousands of times: what a code
    // point becomes is kept in a small direct-mapped cache.
    FoldedEntry& entry = folded_cache_[c % folded_cache_.size()];
    if (entry.code_point == c) {
      text_.append(entry.bytes.data(), entry.length);
    } else {
      emit_uncached(c, entry);
    }
  }

  // Out of line: kept in emit(), the strings would make every call pay for
  // their stack frame.
  [[gnu::noinline]] void emit_uncached(char32_t c, FoldedEntry& entry) {
    const std::string utf8 = replacement(c);
    if (utf8.size() > entry.bytes.size()) {
      text_.append(utf8.data(), utf8.size());
      return;
    }
    entry.code_point = c;
    entry.length = static_cast<std::uint8_t>(utf8.size());
    entry.several_code_points = utf8.size() >= 2 && detail::count_code_points(utf8) >= 2;
    std::copy(utf8.begin(), utf8.end(), entry.bytes.begin());
    text_.append(entry.bytes.data(), entry.length);
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

  /// Whether the line break before `next` splits a sentence: the line so far
  /// is long and ends inside a word or number, and the next line starts
  /// flush with text rather than with indentation or a heading.
  bool continues_line(std::string_view in, std::size_t next) const {
    // Only the line's last 20 characters are read, not the whole line each time.
    std::size_t tail_start = text_.size();
    std::size_t chars = 0;
    while (chars < 20 && tail_start > 0 && text_[tail_start - 1] != '\n') {
      --tail_start;
      chars += (static_cast<unsigned char>(text_[tail_start]) & 0xC0) != 0x80;
    }
    if (chars < 20 || next >= in.size()) return false;
    const std::string_view tail(text_.data() + tail_start, text_.size() - tail_start);
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

  const bool reflow_;
  const bool copy_plain_text_;
  const icu::Normalizer2* nfkc_ = nullptr;
  TextBuffer text_;
  Normalized out_;  // all but the text, which is in text_ until run() ends
};

Normalized normalize_with(std::string_view utf8, bool copy_plain_text) {
  Normalizer normalizer(utf8.size(), copy_plain_text, looks_extracted_from_pdf(utf8));
  normalizer.run(utf8, 0);
  Normalized result = normalizer.take();
  result.to_input.add(result.text.size(), utf8.size());
  // Not shrunk to fit: that would copy it and fault in its pages again, and
  // the room reserved but never written is never touched.
  return result;
}

}  // namespace

Normalized normalize(std::string_view utf8) { return normalize_with(utf8, true); }

namespace detail {

Normalized normalize_one_at_a_time(std::string_view utf8) { return normalize_with(utf8, false); }

PieceNormalizer::PieceNormalizer(std::string_view utf8, std::size_t piece_bytes)
    : utf8_(utf8), piece_bytes_(piece_bytes) {}

PieceNormalizer::~PieceNormalizer() = default;

void PieceNormalizer::normalize_from_back() {
  try {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [&] { return cut_; });
    }
    for (;;) {
      std::size_t k = 0;
      {
        const std::lock_guard<std::mutex> lock(mutex_);
        if (back_ == front_) return;
        k = --back_;
      }
      const std::string_view piece = utf8_.substr(cuts_[k], cuts_[k + 1] - cuts_[k]);
      Normalizer normalizer(piece.size(), true, reflow_);
      normalizer.run(piece, 0);
      Normalized done = normalizer.take();
      const std::lock_guard<std::mutex> lock(mutex_);
      from_back_[k] = std::move(done);
      ++back_done_;
      changed_.notify_all();
    }
  } catch (...) {
    const std::lock_guard<std::mutex> lock(mutex_);
    failure_ = std::current_exception();
    changed_.notify_all();
    throw;
  }
}

Normalized PieceNormalizer::normalize_from_front() {
  try {
    const bool reflow = looks_extracted_from_pdf(utf8_);
    std::vector<std::size_t> cuts{0};
    if (!reflow && piece_bytes_ > 0) {
      while (utf8_.size() - cuts.back() > piece_bytes_) {
        const std::size_t at = utf8_.find('\n', cuts.back() + piece_bytes_);
        if (at == std::string_view::npos || at + 1 == utf8_.size()) break;
        cuts.push_back(at + 1);
      }
    }
    cuts.push_back(utf8_.size());
    const std::lock_guard<std::mutex> lock(mutex_);
    reflow_ = reflow;
    cuts_ = std::move(cuts);
    from_back_.resize(pieces());
    back_ = pieces();
    cut_ = true;
    changed_.notify_all();
  } catch (...) {
    // Nothing to take from the back: the other thread stops waiting.
    const std::lock_guard<std::mutex> lock(mutex_);
    cut_ = true;
    changed_.notify_all();
    throw;
  }
  // The pieces taken from the front are written one after another, into
  // room made for the whole text, which the others are then copied into.
  Normalizer front(utf8_.size(), true, reflow_);
  for (;;) {
    std::size_t k = 0;
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (front_ == back_) break;
      k = front_++;
    }
    front.run(utf8_.substr(0, cuts_[k + 1]), cuts_[k]);
  }
  {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return failure_ || back_done_ == pieces() - front_; });
    if (failure_) std::rethrow_exception(failure_);
  }
  Normalized whole = front.take();
  for (std::size_t k = front_; k < pieces(); ++k) {
    // Moved out, so that its text is let go here: assigned an empty one, a
    // string keeps its room.
    const Normalized piece = std::move(from_back_[k]);
    const std::size_t derived = whole.text.size();
    whole.text += piece.text;
    whole.to_input.append(piece.to_input, derived, cuts_[k]);
    whole.html_tags += piece.html_tags;
    whole.html_entities += piece.html_entities;
  }
  whole.to_input.add(whole.text.size(), utf8_.size());
  return whole;
}

}  // namespace detail

}  // namespace bulletin
