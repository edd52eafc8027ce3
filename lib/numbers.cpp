// find_numbers: one left-to-right pass over UTF-8 text that reads every
// number, quantity and percentage (see include/bulletin/numbers.hpp).
//
// How it works. The scanner stops only at characters that can start a number
// (digits, numerals, 第, 负, currency signs; is_number_trigger). There it
//   1. tokenizes the numeral (Arabic runs, numeral characters, scales, 点,
//      余/多/几) into a small fixed array, spaces allowed between tokens;
//   2. evaluates the longest valid prefix with the usual 万/亿 grouping
//      (evaluate), exactly, in a 128-bit decimal (numbers_wide.hpp);
//   3. extends it: dates and clock times, identifiers, fractions (分之, a/b),
//      ranges (至 到 - ~ 和…之间), percent forms, 成/折, 倍, units (longest
//      match in the UnitTable), qualifiers written after it;
//   4. looks back for a qualifier written before it (超过, 约, 不到 …);
//   5. applies the rules that tell numbers from words containing numerals
//      (single numeral characters need a measure word, isolated financial
//      forms, bare scales, list markers, the lexicon in numbers_lexicon.hpp).
// A last pass joins a lower and an upper bound into one range (大于10小于20).
// Nothing on this path allocates per character; each match allocates its
// strings once.
#include "bulletin/numbers.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "detail/numbers_lexicon.hpp"
#include "detail/numbers_utf8.hpp"
#include "detail/numbers_wide.hpp"

namespace bulletin {
namespace {

using detail::NumChar;
using detail::QualBound;
using detail::Wide;

// Fractions (三分之一) are rounded to this many decimal places.
constexpr int kFractionDecimals = 12;
// Powers with a negative exponent (2^-1) keep this many significant digits.
constexpr int kPowerDigits = 15;
constexpr std::size_t kMaxTokens = 96;
// Decimal digits that always fit an unsigned 64-bit word (10^18 < 2^64).
constexpr int kPlainDigits = 18;
// The exponent of 兆, which is a scale only inside a numeral that goes on.
constexpr int kTrillionExponent = 12;

// ---------------------------------------------------------------------------
// Tokens of one numeral.

enum class Tok : std::uint8_t { arabic, digit, zero, small, big, twenty, point, qual };

struct Token {
  Tok type = Tok::digit;
  std::size_t begin = 0;
  std::size_t end = 0;
  Wide value;        // arabic: its value; digit: 0-9; twenty: 2-4; point: the fraction
  Wide precision;    // arabic / point: place of the last digit
  int exponent = 0;  // small / big: scale exponent
  bool financial = false;
  bool liang = false;
  bool arabic_integer = false;  // arabic without point, exponent or k/M
  int arabic_digits = 0;        // arabic: digits before the point
};

struct ArabicNum {
  bool ok = false;
  std::size_t begin = 0;
  std::size_t end = 0;
  Wide value;
  Wide precision = Wide::of(1);
  int int_digits = 0;
  int frac_digits = 0;
  bool separators = false;
  bool point = false;
  bool leading_zero = false;
  bool scaled = false;  // e / ^ / k / M notation
  bool dotted = false;  // another ".digit" follows (2022.12.23, 1.2.3)
};

struct Eval {
  bool valid = false;
  std::size_t used = 0;  // tokens consumed
  Wide value;
  Wide precision = Wide::of(1);
  bool has_digit = false;
  bool has_scale = false;
  bool bare_scale = false;  // starts with 百/千 and no digit before it
  bool has_point = false;
  int trailing_exponent = 0;  // scales after the last digit (3至5万: 4)
  int qual_index = -1;
  bool chinese = false;
  bool arabic = false;
};

// One parsed number before its suffixes.
struct Operand {
  bool ok = false;
  std::size_t begin = 0;
  std::size_t end = 0;   // end of the numeral (or of an absorbed scaled unit)
  std::size_t skip = 0;  // where scanning may resume when !ok
  Wide value;
  Wide precision = Wide::of(1);
  bool chinese = false;
  bool arabic = false;
  bool pure_arabic = false;  // one Arabic token, nothing else
  bool single_char = false;  // one Chinese numeral character
  bool single_financial = false;
  bool bare_scale = false;
  bool has_scale = false;
  bool has_point = false;
  int trailing_exponent = 0;
  std::string_view qual;  // 余 / 多 / 几 read inside the numeral
  bool qual_at_end = false;
  bool approx = false;  // 二三十: low/high
  Wide low;
  Wide high;
  bool sequence = false;  // 二〇二二, 三八: digits without scales
  int sequence_length = 0;
  bool sequence_spaced = false;
  const UnitInfo* scaled_unit = nullptr;  // 万元 absorbed the trailing 万
  std::size_t unit_begin = 0;
  ArabicNum arabic_num;
};

// What becomes a NumberMatch.
struct Built {
  std::size_t begin = 0;
  std::size_t end = 0;
  NumberKind kind = NumberKind::cardinal;
  bool has_value = true;
  Wide value;
  bool has_low = false;
  bool has_high = false;
  Wide low;
  Wide high;
  bool low_inclusive = true;
  bool high_inclusive = true;
  Wide precision = Wide::of(1);
  bool overflow = false;
  std::string_view unit;
  std::string_view unit_surface;
  std::string_view dimension;
  bool unit_known = false;
  std::string qualifier;
  Bound bound = Bound::exact;
  bool qual_inclusive = true;
};

Bound to_bound(QualBound b) {
  switch (b) {
    case QualBound::lower:
      return Bound::lower;
    case QualBound::upper:
      return Bound::upper;
    case QualBound::approx:
      return Bound::approx;
    default:
      return Bound::exact;
  }
}

bool is_cn_digit_token(const Token& t) { return (t.type == Tok::digit || t.type == Tok::zero); }

// Words containing numeral characters that are not numbers, indexed by each
// numeral character they contain together with its neighbour in the word:
// the character after it, or the one before it when it ends the word. A
// numeral in text then meets only the few words that share its neighbour
// (84 words hold 一).
struct LexiconEntry {
  std::string_view word;
  std::size_t offset = 0;  // of the numeral character in the word
  // A byte of the word outside the numeral, tested before the whole word is
  // compared: the word's last byte, or the one before the numeral when the
  // numeral ends the word.
  std::size_t probe = 0;
};
using LexiconKey = std::uint64_t;
constexpr LexiconKey lexicon_key(char32_t numeral, char32_t neighbour) {
  return static_cast<LexiconKey>(numeral) << 32 | neighbour;
}
struct LexiconIndex {
  std::unordered_map<LexiconKey, std::vector<LexiconEntry>> by_next;
  std::unordered_map<LexiconKey, std::vector<LexiconEntry>> by_previous;
};

// Every word holds a character besides its numeral (numerals take three
// bytes), so each numeral in it has a neighbour to be indexed by.
constexpr bool lexicon_words_have_neighbours() {
  for (const std::string_view word : detail::kNotNumbers) {
    if (word.size() <= 3) return false;
  }
  return true;
}
static_assert(lexicon_words_have_neighbours());

const LexiconIndex& lexicon_index() {
  static const LexiconIndex index = [] {
    LexiconIndex idx;
    for (const std::string_view word : detail::kNotNumbers) {
      for (std::size_t i = 0; i < word.size();) {
        const auto c = detail::numbers_decode(word, i);
        if (detail::numeral_char(c.cp).type != NumChar::none) {
          const bool ends_word = i + c.len == word.size();
          const LexiconEntry entry{word, i, ends_word && i > 0 ? i - 1 : word.size() - 1};
          if (ends_word) {
            const char32_t before = detail::numbers_decode(word, detail::numbers_prev(word, i)).cp;
            idx.by_previous[lexicon_key(c.cp, before)].push_back(entry);
          } else {
            const char32_t after = detail::numbers_decode(word, i + c.len).cp;
            idx.by_next[lexicon_key(c.cp, after)].push_back(entry);
          }
        }
        i += c.len;
      }
    }
    return idx;
  }();
  return index;
}

// Bytes of the UTF-8 form of c.
constexpr std::size_t utf8_length(char32_t c) {
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

// A word written before a number, with the character before its last one
// (0 for a one-character word): 19 words end in 于 and 14 in 近, and the
// text before a number rules out nearly all of them at that character.
struct PrefixWord {
  const detail::QualWord* word = nullptr;
  char32_t before_last = 0;
};

// Qualifier words indexed by their first and by their last code point, so
// that a lookup only compares the few words that can match.
struct QualIndex {
  std::unordered_map<char32_t, std::vector<PrefixWord>> prefix_by_last;
  std::unordered_map<char32_t, std::vector<const detail::QualWord*>> prefix_by_first;
  std::unordered_map<char32_t, std::vector<const detail::QualWord*>> suffix_by_first;
};

const QualIndex& qual_index() {
  static const QualIndex index = [] {
    QualIndex idx;
    for (const auto& q : detail::kPrefixQualifiers) {
      const std::size_t last = detail::numbers_prev(q.word, q.word.size());
      const char32_t before_last =
          last == 0 ? 0 : detail::numbers_decode(q.word, detail::numbers_prev(q.word, last)).cp;
      idx.prefix_by_last[detail::numbers_decode(q.word, last).cp].push_back({&q, before_last});
      if (q.bound != QualBound::none) {
        idx.prefix_by_first[detail::numbers_decode(q.word, 0).cp].push_back(&q);
      }
    }
    for (const auto& q : detail::kSuffixQualifiers) {
      idx.suffix_by_first[detail::numbers_decode(q.word, 0).cp].push_back(&q);
    }
    return idx;
  }();
  return index;
}

// Bitset of the BMP code points where a number may start.
// Built by the compiler: computing it at start-up cost every process 0.7 ms.
constexpr std::array<std::uint64_t, 1024> make_trigger_table() {
  std::array<std::uint64_t, 1024> t{};
  for (char32_t c = 0x80; c < 0x10000; ++c) {
    if (detail::is_number_trigger(c)) t[c >> 6] |= std::uint64_t{1} << (c & 63);
  }
  return t;
}
constexpr std::array<std::uint64_t, 1024> kTriggerTable = make_trigger_table();

const std::array<std::uint64_t, 1024>& trigger_table() { return kTriggerTable; }

// The numeral characters of the BMP, looked up without walking
// numeral_char's cases: a block of 64 code points that holds any has a
// table of their readings, indexed by the low six bits. The tokenizer asks
// about every character of a numeral and the one after it (most often a
// unit).
constexpr std::size_t count_numeral_blocks() {
  std::size_t blocks = 1;  // the empty block
  for (char32_t block = 0; block < 1024; ++block) {
    for (char32_t low = 0; low < 64; ++low) {
      if (detail::numeral_char(block << 6 | low).type != NumChar::none) {
        ++blocks;
        break;
      }
    }
  }
  return blocks;
}
constexpr std::size_t kNumeralBlocks = count_numeral_blocks();
struct NumeralTable {
  std::array<std::uint8_t, 1024> block_of{};  // 0: no numeral in the block
  std::array<std::array<detail::NumeralChar, 64>, kNumeralBlocks> blocks{};
};

constexpr NumeralTable make_numeral_table() {
  NumeralTable t;
  std::size_t used = 1;
  for (char32_t c = 0; c < 0x10000; ++c) {
    const detail::NumeralChar nc = detail::numeral_char(c);
    if (nc.type == NumChar::none) continue;
    if (t.block_of[c >> 6] == 0) t.block_of[c >> 6] = static_cast<std::uint8_t>(used++);
    t.blocks[t.block_of[c >> 6]][c & 63] = nc;
  }
  return t;
}
constexpr NumeralTable kNumerals = make_numeral_table();

inline detail::NumeralChar numeral_of(char32_t c) {
  if (c >= 0x10000) return detail::numeral_char(c);
  return kNumerals.blocks[kNumerals.block_of[c >> 6]][c & 63];
}

// Byte filters for the qualifier lookups, which run around every number and
// almost never find one. A qualifier can match only where the text holds the
// last two bytes of its final character (before a number) or of its first
// character (after one); a set bit says some word has them there. Bytes are
// folded to their low six bits, which tell UTF-8 continuation bytes apart.
constexpr std::size_t kQualByteCodes = 4096;
constexpr std::size_t qual_byte_code(unsigned char before, unsigned char last) {
  return static_cast<std::size_t>(before & 0x3F) << 6 | (last & 0x3F);
}

struct QualFilter {
  std::array<bool, 256> single_byte_last{};  // words whose last character is ASCII
  std::array<bool, kQualByteCodes> pair{};   // the last two bytes of a multi-byte character
};

constexpr QualFilter make_prefix_filter() {
  QualFilter f;
  for (const auto& q : detail::kPrefixQualifiers) {
    const std::string_view w = q.word;
    const auto last = static_cast<unsigned char>(w.back());
    if (last < 0x80) {
      f.single_byte_last[last] = true;
    } else {
      f.pair[qual_byte_code(static_cast<unsigned char>(w[w.size() - 2]), last)] = true;
    }
  }
  return f;
}
constexpr QualFilter kPrefixQualFilter = make_prefix_filter();

// The same filter for the identifier cues (热线, 编号, No., #) before a number,
// by their last byte when they have one, else by their last two.
constexpr QualFilter make_cue_filter() {
  QualFilter f;
  for (const std::string_view cue : detail::kIdentifierCues) {
    const auto last = static_cast<unsigned char>(cue.back());
    if (cue.size() == 1) {
      f.single_byte_last[last] = true;
    } else {
      f.pair[qual_byte_code(static_cast<unsigned char>(cue[cue.size() - 2]), last)] = true;
    }
  }
  return f;
}
constexpr QualFilter kIdentifierCueFilter = make_cue_filter();

// Suffix qualifiers all start with a three-byte character (checked below):
// bytes 1 and 2 of the text where one would start.
constexpr std::array<bool, kQualByteCodes> make_suffix_filter() {
  std::array<bool, kQualByteCodes> f{};
  for (const auto& q : detail::kSuffixQualifiers) {
    f[qual_byte_code(static_cast<unsigned char>(q.word[1]),
                     static_cast<unsigned char>(q.word[2]))] = true;
  }
  return f;
}
constexpr std::array<bool, kQualByteCodes> kSuffixQualFilter = make_suffix_filter();

constexpr bool suffix_qualifiers_start_with_three_bytes() {
  for (const auto& q : detail::kSuffixQualifiers) {
    const auto lead = static_cast<unsigned char>(q.word[0]);
    if (q.word.size() < 3 || (lead & 0xF0) != 0xE0) return false;
  }
  return true;
}
static_assert(suffix_qualifiers_start_with_three_bytes());

// A group of the value below one 万/亿 scale, as the evaluator folds them.
struct ScaleGroup {
  Wide value;
  Wide precision;
  int exponent = 0;
};
constexpr std::size_t kMaxGroups = 12;

// The token buffer of parse_operand (never re-entered while its tokens are in
// use) and the scale groups of evaluate: each slot is written before it is
// read. They last as long as the thread, because clearing them (10 KB) on
// every call cost as much as recognizing the numbers of a few lines.
struct ScanBuffers {
  std::array<Token, kMaxTokens> tokens;
  std::array<ScaleGroup, kMaxGroups> groups;
};

ScanBuffers& scan_buffers() {
  static thread_local ScanBuffers buffers;
  return buffers;
}

class Scanner {
 public:
  Scanner(std::string_view text, const UnitTable& units, const RecognizerOptions& options)
      : text_(text),
        units_(units),
        options_(options),
        triggers_(trigger_table()),
        lexicon_(lexicon_index()),
        quals_(qual_index()),
        buffers_(scan_buffers()) {
    yuan_ = units_.match_prefix("元");
    dollar_ = units_.match_prefix("美元");
  }

  std::vector<NumberMatch> run() {
    const std::size_t n = text_.size();
    // Room for a match every 32 bytes, as in dense statistical text, within
    // a bound: find_numbers may be given a whole book with no number in it.
    out_.reserve(std::min<std::size_t>(n / 32, 4096));
    std::size_t p = 0;
    while (p < n) {
      const auto b = static_cast<unsigned char>(text_[p]);
      if (b < 0x80) {
        if (b >= '0' && b <= '9') {
          p = std::max(p + 1, try_at(p));
        } else if (b == '-' || b == '.' || b == '$') {
          p = std::max(p + 1, try_at(p));
        } else if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
          p = skip_word(p);
        } else {
          ++p;
        }
        continue;
      }
      // Chinese text is almost all three-byte characters whose lead byte
      // can start neither an overlong form (E0) nor a surrogate (ED): with
      // two continuation bytes they are well-formed, and their bytes index
      // the trigger table without assembling the code point.
      if (b >= 0xE1 && b <= 0xEF && b != 0xED && p + 2 < n) {
        const auto mid = static_cast<unsigned char>(text_[p + 1]);
        const auto last = static_cast<unsigned char>(text_[p + 2]);
        if (((mid ^ 0x80) | (last ^ 0x80)) < 0x40) {
          const std::size_t block = static_cast<std::size_t>(b & 0x0F) << 6 | (mid & 0x3F);
          if (((triggers_[block] >> (last & 0x3F)) & 1) != 0) {
            p = std::max(p + 3, try_at(p));
          } else {
            p += 3;
          }
          continue;
        }
      }
      const auto c = detail::numbers_decode(text_, p);
      if (c.cp < 0x10000 && ((triggers_[c.cp >> 6] >> (c.cp & 63)) & 1) != 0) {
        p = std::max(p + c.len, try_at(p));
      } else {
        p += c.len;
      }
    }
    combine_bounds();
    return std::move(out_);
  }

 private:
  // ------------------------------------------------------------------ text
  [[nodiscard, gnu::always_inline]] detail::CodePoint at(std::size_t i) const {
    if (i >= text_.size()) return {0, 0};
    return detail::numbers_decode(text_, i);
  }
  [[nodiscard, gnu::always_inline]] char32_t cp(std::size_t i) const { return at(i).cp; }
  [[nodiscard]] char32_t prev_cp(std::size_t i) const { return detail::numbers_prev_cp(text_, i); }

  [[nodiscard]] std::size_t skip_spaces(std::size_t i) const {
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    return i;
  }
  [[nodiscard]] std::size_t skip_spaces_back(std::size_t i, std::size_t limit) const {
    while (i > limit && (text_[i - 1] == ' ' || text_[i - 1] == '\t')) --i;
    return i;
  }
  // Inline and byte by byte, so that testing for a literal word (年, 分之)
  // is a few compares that mostly stop at the first byte, not a call.
  [[nodiscard, gnu::always_inline]] bool starts(std::size_t i, std::string_view word) const {
    if (i > text_.size() || text_.size() - i < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
      if (text_[i + k] != word[k]) return false;
    }
    return true;
  }
  // Whether the text holds the `len` bytes at `bytes` from i on. A loop
  // rather than a call, as for starts(): the words are a few characters.
  [[nodiscard, gnu::always_inline]] bool same_bytes(std::size_t i, const char* bytes,
                                                    std::size_t len) const {
    if (i > text_.size() || text_.size() - i < len) return false;
    for (std::size_t k = 0; k < len; ++k) {
      if (text_[i + k] != bytes[k]) return false;
    }
    return true;
  }
  // `word` at i, with spaces allowed between its characters; end or npos.
  [[nodiscard]] std::size_t match_spaced(std::size_t i, std::string_view word) const {
    std::size_t w = 0;
    bool first = true;
    while (w < word.size()) {
      if (!first) i = skip_spaces(i);
      first = false;
      const auto c = detail::numbers_decode(word, w);
      if (!same_bytes(i, word.data() + w, c.len)) return std::string_view::npos;
      i += c.len;
      w += c.len;
    }
    return i;
  }
  // `word` ending at i (spaces allowed between its characters); start or npos.
  [[nodiscard]] std::size_t match_spaced_back(std::size_t i, std::string_view word,
                                              std::size_t limit) const {
    std::size_t w = word.size();
    bool first = true;
    while (w > 0) {
      if (!first) i = skip_spaces_back(i, limit);
      first = false;
      const std::size_t ws = detail::numbers_prev(word, w);
      const std::size_t len = w - ws;
      if (i < limit + len || !same_bytes(i - len, word.data() + ws, len)) {
        return std::string_view::npos;
      }
      i -= len;
      w = ws;
    }
    return i;
  }

  [[nodiscard]] bool is_digit_at(std::size_t i) const { return detail::numbers_digit(cp(i)) >= 0; }
  [[nodiscard]] bool is_alpha_at(std::size_t i) const {
    return detail::numbers_is_ascii_alpha(cp(i));
  }
  [[nodiscard]] bool is_ideograph_at(std::size_t i) const {
    return detail::numbers_is_ideograph(cp(i));
  }

  // Skips an ASCII word; a URL or e-mail address is skipped whole, and a
  // letter-digit token (A2021…, PM2.5, 5G is handled at its digit) becomes an
  // identifier.
  std::size_t skip_word(std::size_t p) {
    std::size_t i = p;
    while (i < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[i])) != 0)) ++i;
    const std::string_view word = text_.substr(p, i - p);
    if ((word == "http" || word == "https" || word == "ftp") && starts(i, "://")) {
      return skip_url(p);
    }
    if (word == "www" && starts(i, ".")) return skip_url(p);
    if (starts(i, "@")) return skip_url(p);
    // No.123 / No 123: a document number.
    if ((word == "No" || word == "NO" || word == "no") && (starts(i, ".") || starts(i, " "))) {
      std::size_t j = i + 1;
      j = skip_spaces(j);
      if (is_digit_at(j)) return emit_identifier(p, j);
    }
    // Letters glued to digits (A202107…, PM2.5, B12): one identifier.
    bool has_digit = false;
    for (const char ch : word) has_digit = has_digit || (ch >= '0' && ch <= '9');
    if (has_digit && p >= last_end_) return emit_identifier(p, p);
    return i;
  }

  std::size_t skip_url(std::size_t p) {
    std::size_t i = p;
    while (i < text_.size()) {
      const auto c = static_cast<unsigned char>(text_[i]);
      if (c <= ' ' || c >= 0x80) break;
      ++i;
    }
    last_end_ = std::max(last_end_, i);
    return i;
  }

  // An identifier over the run of ASCII letters, digits and joiners
  // (/ - . + _) around `from`.
  std::size_t emit_identifier(std::size_t begin, std::size_t from) {
    std::size_t i = from;
    while (i < text_.size()) {
      const char c = text_[i];
      const bool alnum = std::isalnum(static_cast<unsigned char>(c)) != 0;
      const bool joiner = (c == '/' || c == '-' || c == '.' || c == '+' || c == '_') &&
                          i + 1 < text_.size() &&
                          std::isalnum(static_cast<unsigned char>(text_[i + 1])) != 0;
      if (alnum || joiner) {
        ++i;
        continue;
      }
      const auto u = at(i);
      const bool wide_point = (u.cp == U'．' || c == '.') && is_digit_at(i + u.len);
      if (detail::numbers_digit(u.cp) >= 0 || wide_point) {
        i += u.len;
        continue;
      }
      break;
    }
    if (i <= from) i = from + std::max<std::size_t>(1, at(from).len);
    Built b;
    b.begin = begin;
    b.end = i;
    b.kind = NumberKind::identifier;
    b.has_value = false;
    // A pure digit run keeps its digits as value (callers drop identifiers).
    Wide v;
    bool digits_only = true;
    int count = 0;
    for (std::size_t k = begin; k < i;) {
      const auto u = at(k);
      const int d = detail::numbers_digit(u.cp);
      if (d < 0) {
        digits_only = false;
        break;
      }
      if (++count > 30) {
        digits_only = false;
        break;
      }
      v.m = v.m * 10 + d;
      k += u.len;
    }
    if (digits_only && count > 0) {
      b.has_value = true;
      b.value = v;
    }
    emit(b);
    return i;
  }

  // ---------------------------------------------------------------- arabic
  ArabicNum parse_arabic(std::size_t p) const {
    ArabicNum a;
    read_arabic(p, a);
    return a;
  }

  // Whether the Arabic notation (digits, separators, point, exponent, power,
  // k / M) may go on at i: every character it reads there is ASCII or a
  // full-width form, whose UTF-8 starts with 0xEF.
  [[nodiscard]] bool notation_may_continue(std::size_t i) const {
    if (i >= text_.size()) return false;
    const auto b = static_cast<unsigned char>(text_[i]);
    return b < 0x80 || b == 0xEF;
  }

  // parse_arabic into `a`, which must be as constructed (every caller reads
  // into a fresh one; clearing it again cost a tenth of the reading): the
  // tokenizer reads the first number straight into the operand rather than
  // copying it there.
  void read_arabic(std::size_t p, ArabicNum& a) const {
    a.begin = p;
    std::size_t i = p;
    Wide v;
    bool overflow = false;
    int digits = 0;
    auto take = [&](int d) {
      if (overflow) return;
      v.m = v.m * 10 + d;
      if (!detail::wide_fits(v.m)) overflow = true;
    };
    // Most numbers are a few ASCII digits: up to 18 of them fit a 64-bit
    // word, which spares 128-bit arithmetic and the overflow test per digit.
    {
      std::uint64_t run = 0;
      while (digits < kPlainDigits && i < text_.size()) {
        const auto b = static_cast<unsigned char>(text_[i]);
        if (b < '0' || b > '9') break;
        if (digits == 0 && b == '0') a.leading_zero = true;
        run = run * 10 + (b - '0');
        ++digits;
        ++i;
      }
      v.m = static_cast<detail::numbers_i128>(run);
    }
    while (true) {
      // ASCII digits need no decoding.
      int d = 0;
      std::size_t len = 1;
      const unsigned char b = i < text_.size() ? static_cast<unsigned char>(text_[i]) : 0;
      if (b >= '0' && b <= '9') {
        d = b - '0';
      } else {
        if (!notation_may_continue(i)) break;
        const auto c = at(i);
        d = detail::numbers_digit(c.cp);
        if (d < 0) break;
        len = c.len;
      }
      if (digits == 0 && d == 0) a.leading_zero = true;
      take(d);
      ++digits;
      i += len;
    }
    // Thousands separators: first group 1-3 digits, then groups of exactly 3.
    if (digits >= 1 && digits <= 3 && !a.leading_zero && notation_may_continue(i)) {
      while (true) {
        const auto c = at(i);
        // ASCII digits group with ',', full-width digits with '，' (４，５６５);
        // 20，300 in Chinese text is two numbers.
        const bool wide = static_cast<unsigned char>(text_[i - 1]) >= 0x80;
        if (!(c.cp == ',' || (c.cp == U'，' && wide))) break;
        std::size_t j = i + c.len;
        int group = 0;
        std::size_t k = j;
        while (group < 4) {
          const auto u = at(k);
          if (detail::numbers_digit(u.cp) < 0) break;
          ++group;
          k += u.len;
        }
        if (group != 3) break;
        a.separators = true;
        for (std::size_t m = j; m < k;) {
          const auto u = at(m);
          take(detail::numbers_digit(u.cp));
          ++digits;
          m += u.len;
        }
        i = k;
      }
    }
    if (a.leading_zero && digits == 1) a.leading_zero = false;
    a.int_digits = digits;
    // Most numbers end at a Chinese character: nothing below can follow then.
    if (!notation_may_continue(i)) {
      if (digits == 0) return;
      a.value = overflow ? detail::wide_overflow() : v;
      a.end = i;
      a.ok = true;
      return;
    }
    // Decimal point.
    const auto pt = at(i);
    if ((pt.cp == '.' || pt.cp == U'．') && detail::numbers_digit(cp(i + pt.len)) >= 0) {
      std::size_t j = i + pt.len;
      int frac = 0;
      while (true) {
        const auto c = at(j);
        const int d = detail::numbers_digit(c.cp);
        if (d < 0) break;
        take(d);
        ++frac;
        j += c.len;
      }
      a.point = true;
      a.frac_digits = frac;
      i = j;
      const auto again = at(i);
      if ((again.cp == '.' || again.cp == U'．') && detail::numbers_digit(cp(i + again.len)) >= 0) {
        a.dotted = true;
      }
    }
    if (digits == 0 && a.frac_digits == 0) return;
    v.e = -a.frac_digits;
    Wide precision = Wide::of(1, -a.frac_digits);
    // Scientific notation: 2e5, 2.7890e-1.
    {
      const auto e = at(i);
      if ((e.cp == 'e' || e.cp == 'E') && !a.dotted) {
        std::size_t j = i + e.len;
        bool negative = false;
        const auto s = at(j);
        if (s.cp == '+' || s.cp == '-' || s.cp == U'－' || s.cp == U'−') {
          negative = s.cp != '+';
          j += s.len;
        }
        long exponent = 0;
        int count = 0;
        while (true) {
          const auto c = at(j);
          const int d = detail::numbers_digit(c.cp);
          if (d < 0) break;
          if (exponent < 100000) exponent = exponent * 10 + d;
          ++count;
          j += c.len;
        }
        if (count > 0 && !is_alpha_at(j)) {
          const auto k = static_cast<std::int32_t>(negative ? -exponent : exponent);
          v = detail::wide_shift(v, k);
          precision = detail::wide_shift(precision, k);
          a.scaled = true;
          i = j;
        }
      }
    }
    // Powers: 2^5, 2.5^-1, 1.1^--23 (signs multiply).
    if (cp(i) == '^') {
      std::size_t j = i + 1;
      bool negative = false;
      while (cp(j) == '+' || cp(j) == '-' || cp(j) == U'－') {
        if (cp(j) != '+') negative = !negative;
        j += at(j).len;
      }
      long exponent = 0;
      int count = 0;
      while (is_digit_at(j)) {
        if (exponent < 100000) exponent = exponent * 10 + detail::numbers_digit(cp(j));
        ++count;
        j += at(j).len;
      }
      if (count > 0 && exponent <= 400) {
        const Wide base = overflow ? detail::wide_overflow() : v;
        Wide r = Wide::of(1);
        bool exact = !negative && exponent <= 128;
        for (long k = 0; exact && k < exponent; ++k) {
          r = detail::wide_mul(r, base);
          if (r.overflow) exact = false;
        }
        if (!exact) {
          const long double x = detail::wide_to_long_double(base);
          r = detail::wide_from_long_double(
              std::pow(x, static_cast<long double>(negative ? -exponent : exponent)), kPowerDigits);
        }
        if (!r.overflow && !detail::wide_to_decimal(r)) {
          r = detail::wide_from_long_double(detail::wide_to_long_double(r), kPowerDigits);
        }
        v = r;
        precision = Wide::of(1, std::min<std::int32_t>(0, r.e));
        a.scaled = true;
        overflow = false;
        i = j;
      }
    }
    // k / M multipliers: 40k, -2.5 M, 百分之15Ｋ.
    {
      std::size_t j = skip_spaces(i);
      const auto c = at(j);
      int shift = 0;
      if (c.cp == 'k' || c.cp == 'K' || c.cp == U'Ｋ' || c.cp == U'ｋ') shift = 3;
      if (c.cp == 'M' || c.cp == U'Ｍ') shift = 6;
      if (shift > 0) {
        const char32_t after = cp(j + c.len);
        if (!detail::numbers_is_ascii_alpha(after) && detail::numbers_digit(after) < 0 &&
            !(after >= 0xFF21 && after <= 0xFF5A)) {
          v = detail::wide_shift(v, shift);
          precision = detail::wide_shift(precision, shift);
          a.scaled = true;
          i = j + c.len;
        }
      }
    }
    a.value = overflow ? detail::wide_overflow() : v;
    a.precision = precision;
    a.end = i;
    a.ok = true;
  }

  // ------------------------------------------------------------- tokenizer
  // `first_arabic` receives the reading of an Arabic first token, which
  // parse_operand needs again.
  std::size_t tokenize(std::size_t p, Token* t, ArabicNum& first_arabic) const {
    std::size_t n = 0;
    std::size_t pos = p;
    while (n < kMaxTokens) {
      const std::size_t k = n == 0 ? pos : skip_spaces(pos);
      const auto c = at(k);
      if (c.len == 0) break;
      // Built in its slot, which counts only once n moves past it; cleared
      // only once a token is sure, as the character that ends the numeral
      // (most often a unit) makes none.
      Token& tok = t[n];
      if (detail::numbers_digit(c.cp) >= 0 || (n == 0 && (c.cp == '.' || c.cp == U'．'))) {
        if (n > 0 && (t[n - 1].type == Tok::arabic || t[n - 1].type == Tok::digit ||
                      t[n - 1].type == Tok::point)) {
          break;
        }
        if (n > 0 && k != pos && t[n - 1].type == Tok::qual) break;
        ArabicNum later;
        ArabicNum& a = n == 0 ? first_arabic : later;
        read_arabic(k, a);
        if (!a.ok) break;
        // Every field at once: clearing the token first and then setting
        // its fields stored most of them twice.
        tok =
            Token{Tok::arabic,           k,           a.end, a.value, a.precision, 0, false, false,
                  !a.point && !a.scaled, a.int_digits};
        ++n;
        pos = a.end;
        // A dotted or exponent form never continues into scales.
        if (a.dotted) break;
        continue;
      }
      const detail::NumeralChar nc = numeral_of(c.cp);
      if (nc.type == NumChar::none) return n;
      tok = Token{Tok::digit, k, k + c.len, Wide{}, Wide{}, 0, nc.financial, nc.liang, false, 0};
      switch (nc.type) {
        case NumChar::none:
          return n;
        case NumChar::digit:
          tok.type = Tok::digit;
          tok.value = Wide::of(nc.value);
          break;
        case NumChar::zero:
          tok.type = Tok::zero;
          break;
        case NumChar::small:
          tok.type = Tok::small;
          tok.exponent = nc.value;
          break;
        case NumChar::big:
          tok.type = Tok::big;
          tok.exponent = nc.value;
          break;
        case NumChar::twenty:
          tok.type = Tok::twenty;
          tok.value = Wide::of(nc.value);
          break;
        case NumChar::point: {
          // 点 + Chinese digits (两 is not a digit here: 两百点两).
          if (n == 0) return n;
          std::size_t j = k + c.len;
          Wide frac;
          int count = 0;
          while (true) {
            const std::size_t s = skip_spaces(j);
            const auto u = at(s);
            const detail::NumeralChar d = numeral_of(u.cp);
            if ((d.type != NumChar::digit && d.type != NumChar::zero) || d.liang) break;
            frac.m = frac.m * 10 + d.value;
            ++count;
            j = s + u.len;
            if (count > 30) break;
          }
          if (count == 0) return n;
          frac.e = -count;
          tok.type = Tok::point;
          tok.value = frac;
          tok.precision = Wide::of(1, -count);
          tok.end = j;
          break;
        }
        case NumChar::qual:
          if (n == 0 || t[n - 1].type == Tok::qual || t[n - 1].type == Tok::point) return n;
          tok.type = Tok::qual;
          break;
      }
      ++n;
      pos = tok.end;
    }
    return n;
  }

  // ------------------------------------------------------------- evaluator
  // The value of the longest valid prefix of t[0, n), ignoring token `skip`.
  Eval evaluate(const Token* t, std::size_t n, std::size_t skip) const {
    Eval ev;
    if (n == 1 && skip == SIZE_MAX && t[0].type == Tok::arabic) {
      // A lone Arabic number (most numbers, and 3.1 of 3.1亿元) is its own
      // value.
      ev.valid = true;
      ev.used = 1;
      ev.value = t[0].value;
      ev.precision = t[0].precision;
      ev.has_digit = true;
      ev.arabic = true;
      return ev;
    }
    if (n == 2 && skip == SIZE_MAX && t[0].type == Tok::arabic && t[1].type == Tok::big &&
        t[1].exponent != kTrillionExponent) {
      // An Arabic number and one scale (7.40亿, 5995万) is the second most
      // common shape: the scale shifts it, as the general walk below would.
      const int e = t[1].exponent;
      ev.valid = true;
      ev.used = 2;
      ev.value = detail::wide_add(Wide{}, detail::wide_shift(t[0].value, e));
      ev.precision = detail::wide_shift(t[0].precision, e);
      ev.has_digit = true;
      ev.has_scale = true;
      ev.chinese = true;
      ev.arabic = true;
      ev.trailing_exponent = e;
      return ev;
    }
    std::array<ScaleGroup, kMaxGroups>& groups = buffers_.groups;
    std::size_t ng = 0;
    Wide section;
    Wide section_prec;
    bool has_section = false;
    Wide pending;
    Wide pending_prec;
    bool has_pending = false;
    bool pending_cn_digit = false;
    int last_small = 99;  // exponent of the last small scale in this section
    int last_scale = 99;  // exponent of the last scale token
    bool after_point = false;
    bool after_qual = false;
    Wide min_precision;
    bool any = false;
    std::size_t prev = SIZE_MAX;                 // last processed token
    std::size_t pending_after_scale = SIZE_MAX;  // token index of the scale right before pending
    int trailing = 0;

    auto note_precision = [&](const Wide& p) {
      if (!any || detail::wide_compare(p, min_precision) < 0) min_precision = p;
      any = true;
    };
    auto next_index = [&](std::size_t i) {
      std::size_t j = i + 1;
      if (j == skip) ++j;
      return j;
    };
    // 一万五 = 15000, 两千三 = 2300: a lone digit right after a scale stands
    // for the next lower place.
    auto colloquial = [&]() {
      if (has_pending && pending_cn_digit && pending_after_scale != SIZE_MAX) {
        const Token& s = t[pending_after_scale];
        const int shift = s.exponent - 1;
        if (shift > 0) {
          pending = detail::wide_shift(pending, shift);
          pending_prec = detail::wide_shift(pending_prec, shift);
        }
      }
      pending_after_scale = SIZE_MAX;
    };

    std::size_t i = 0;
    if (skip == 0) i = 1;
    bool stopped = false;
    for (; i < n; i = next_index(i)) {
      const Token& tk = t[i];
      const Token* pv = prev == SIZE_MAX ? nullptr : &t[prev];
      bool ok = true;
      switch (tk.type) {
        case Tok::arabic: {
          if (has_pending || after_point || after_qual) {
            ok = false;
            break;
          }
          if (pv != nullptr && pv->type != Tok::small && pv->type != Tok::big &&
              pv->type != Tok::zero) {
            ok = false;
            break;
          }
          if (pv != nullptr) {
            // 3万4000: the part after a scale is below it.
            const int below = pv->type == Tok::zero ? last_scale : pv->exponent;
            if (!tk.arabic_integer || tk.arabic_digits > below) {
              ok = false;
              break;
            }
          }
          pending = tk.value;
          pending_prec = tk.precision;
          has_pending = true;
          pending_cn_digit = false;
          pending_after_scale = SIZE_MAX;
          ev.has_digit = true;
          ev.arabic = true;
          break;
        }
        case Tok::digit: {
          if (has_pending || after_point || after_qual) {
            ok = false;
            break;
          }
          // 两 is "two" only before a scale or at the very start.
          if (tk.liang && prev != SIZE_MAX) {
            const std::size_t nx = next_index(i);
            if (nx >= n || (t[nx].type != Tok::small && t[nx].type != Tok::big)) {
              ok = false;
              break;
            }
          }
          pending = tk.value;
          pending_prec = Wide::of(1);
          has_pending = true;
          pending_cn_digit = true;
          pending_after_scale =
              (pv != nullptr && (pv->type == Tok::small || pv->type == Tok::big)) ? prev : SIZE_MAX;
          ev.has_digit = true;
          ev.chinese = true;
          break;
        }
        case Tok::zero: {
          if (has_pending || after_point || after_qual) {
            ok = false;
            break;
          }
          if (pv != nullptr && pv->type != Tok::small && pv->type != Tok::big &&
              pv->type != Tok::zero) {
            ok = false;
            break;
          }
          ev.chinese = true;
          break;
        }
        case Tok::small:
        case Tok::twenty: {
          const int e = tk.type == Tok::twenty ? 1 : tk.exponent;
          if (after_point || after_qual || e >= last_small) {
            ok = false;
            break;
          }
          Wide mult;
          Wide mult_prec = Wide::of(1);
          if (tk.type == Tok::twenty) {
            if (has_pending) {
              ok = false;
              break;
            }
            mult = tk.value;
            ev.has_digit = true;
          } else if (has_pending) {
            // An Arabic multiplier of 十/百/千 is one digit (5千, 4百).
            if (!pending_cn_digit && (pending.e != 0 || pending.m < 1 || pending.m > 9)) {
              ok = false;
              break;
            }
            mult = pending;
            mult_prec = pending_prec;
          } else {
            // Implicit 一: 十五, 零十, and 百三 / 千万 at the very start.
            const bool start = pv == nullptr;
            const bool after_zero_or_big =
                pv != nullptr && (pv->type == Tok::zero || pv->type == Tok::big);
            if (!(start || (after_zero_or_big && e == 1))) {
              ok = false;
              break;
            }
            if (start && e >= 2) ev.bare_scale = true;
            if (e == 1) ev.has_digit = true;
            mult = Wide::of(1);
          }
          const Wide add = detail::wide_shift(mult, e);
          section = has_section ? detail::wide_add(section, add) : add;
          const Wide p = detail::wide_shift(mult_prec, e);
          section_prec =
              has_section && detail::wide_compare(section_prec, p) < 0 ? section_prec : p;
          has_section = true;
          has_pending = false;
          pending_cn_digit = false;
          last_small = e;
          last_scale = e;
          ev.has_scale = true;
          ev.chinese = true;
          break;
        }
        case Tok::big: {
          if (tk.exponent == kTrillionExponent) {
            // 兆 is 10^12 only inside a numeral that goes on (五兆六十二亿);
            // otherwise it starts a unit (兆瓦, 兆字节).
            const std::size_t nx = next_index(i);
            if (nx >= n || (t[nx].type != Tok::digit && t[nx].type != Tok::zero &&
                            t[nx].type != Tok::arabic)) {
              ok = false;
              break;
            }
          }
          pending_after_scale = SIZE_MAX;  // 四万 after 亿 is 40000, not colloquial
          Wide x;
          Wide xp;
          bool has_x = false;
          if (has_section) {
            x = section;
            xp = section_prec;
            has_x = true;
          }
          if (has_pending) {
            x = has_x ? detail::wide_add(x, pending) : pending;
            xp = has_x && detail::wide_compare(xp, pending_prec) < 0 ? xp : pending_prec;
            has_x = true;
          }
          // Fold lower groups in: 一万五千亿 (the 万 group), 四万万 / 万亿
          // (nothing since the last scale: the scale multiplies it).
          const bool fold_equal = !has_x;
          while (ng > 0 && (groups[ng - 1].exponent < tk.exponent ||
                            (fold_equal && groups[ng - 1].exponent <= tk.exponent))) {
            const ScaleGroup& g = groups[--ng];
            x = has_x ? detail::wide_add(x, g.value) : g.value;
            xp = has_x && detail::wide_compare(xp, g.precision) < 0 ? xp : g.precision;
            has_x = true;
          }
          if (!has_x || ng >= groups.size()) {
            ok = false;
            break;
          }
          groups[ng].value = detail::wide_shift(x, tk.exponent);
          groups[ng].precision = detail::wide_shift(xp, tk.exponent);
          groups[ng].exponent = tk.exponent;
          ++ng;
          has_section = false;
          has_pending = false;
          pending_cn_digit = false;
          section = Wide{};
          last_small = 99;
          last_scale = tk.exponent;
          after_point = false;
          after_qual = false;
          ev.has_scale = true;
          ev.chinese = true;
          break;
        }
        case Tok::point: {
          if (after_point || after_qual || pv == nullptr || pv->type == Tok::zero) {
            if (!(pv != nullptr && pv->type == Tok::zero && prev == 0)) {
              ok = false;
              break;
            }
          }
          colloquial();
          pending = has_pending ? detail::wide_add(pending, tk.value) : tk.value;
          pending_prec = tk.precision;
          has_pending = true;
          pending_cn_digit = false;
          after_point = true;
          ev.has_point = true;
          ev.has_digit = true;
          ev.chinese = true;
          break;
        }
        case Tok::qual: {
          if (after_qual || after_point) {
            ok = false;
            break;
          }
          if (!has_pending && !has_section && ng == 0) {
            ok = false;
            break;
          }
          // 几 is a lone unknown digit: 二十几, 一百零几万 (not 三几).
          const char32_t q = cp(tk.begin);
          if ((q == U'几' || q == U'幾') && has_pending) {
            ok = false;
            break;
          }
          pending_after_scale = SIZE_MAX;
          after_qual = true;
          if (ev.qual_index < 0) ev.qual_index = static_cast<int>(i);
          break;
        }
      }
      if (!ok) {
        stopped = true;
        break;
      }
      if (tk.type == Tok::digit || tk.type == Tok::arabic || tk.type == Tok::twenty ||
          tk.type == Tok::point) {
        trailing = 0;
      } else if (tk.type == Tok::small || tk.type == Tok::big) {
        trailing += tk.exponent;
      }
      prev = i;
      ev.used = i + 1;
    }
    if (prev == SIZE_MAX) return ev;
    // The token left out of an approximate pair (七八) still belongs to it.
    if (!stopped && skip != SIZE_MAX && skip == ev.used && skip < n) ev.used = skip + 1;
    // Trailing 零 adds nothing: 一千零 is 一千.
    while (ev.used > 0 && t[ev.used - 1].type == Tok::zero && ev.used - 1 != 0) --ev.used;
    colloquial();
    Wide total;
    for (std::size_t g = 0; g < ng; ++g) {
      total = detail::wide_add(total, groups[g].value);
      note_precision(groups[g].precision);
    }
    if (has_section) {
      total = detail::wide_add(total, section);
      note_precision(section_prec);
    }
    if (has_pending) {
      total = detail::wide_add(total, pending);
      note_precision(pending_prec);
    }
    ev.value = total;
    ev.precision = any ? min_precision : Wide::of(1);
    ev.trailing_exponent = trailing;
    const bool zero_only = !ev.has_digit && !ev.has_scale;
    ev.valid = ev.used > 0 && !zero_only && (ev.has_digit || (ev.bare_scale && ev.used > 1));
    if (ev.valid && ev.used == 1 && t[0].type == Tok::zero) ev.valid = false;
    return ev;
  }

  // --------------------------------------------------------------- operand
  Operand parse_operand(std::size_t p) const {
    Operand op;
    op.begin = p;
    Token* t = buffers_.tokens.data();
    // Read in place; it is kept only for a lone Arabic number (pure_arabic).
    const std::size_t n = tokenize(p, t, op.arabic_num);
    auto drop_arabic = [&] {
      if (!op.pure_arabic) op.arabic_num = ArabicNum{};
    };
    op.skip = n > 0 ? t[n - 1].end : p;
    if (n == 0) {
      drop_arabic();
      return op;
    }

    // Runs of Chinese digits without scales: 二〇二二, 三八, 九九.
    if (n >= 2 && is_cn_digit_token(t[0]) && is_cn_digit_token(t[1]) && !t[0].liang &&
        !t[1].liang) {
      const bool approx_pair = n >= 2 && t[0].type == Tok::digit && t[1].type == Tok::digit &&
                               t[1].value.m == t[0].value.m + 1 &&
                               (n == 2 || !is_cn_digit_token(t[2]));
      if (!approx_pair) {
        std::size_t r = 0;
        Wide v;
        bool spaced = false;
        while (r < n && is_cn_digit_token(t[r]) && r < 18) {
          if (r > 0 && t[r].begin != t[r - 1].end) spaced = true;
          v.m = v.m * 10 + (t[r].type == Tok::digit ? t[r].value.m : 0);
          ++r;
        }
        op.sequence = true;
        op.sequence_length = static_cast<int>(r);
        op.sequence_spaced = spaced;
        op.value = v;
        op.end = t[r - 1].end;
        op.skip = op.end;
        op.chinese = true;
        op.ok = true;
        return op;
      }
    }

    Eval ev = evaluate(t, n, SIZE_MAX);
    // 二三十, 七八个, 十二三: two neighbouring digits give a range.
    if (ev.used >= 1 && ev.used < n && t[ev.used].type == Tok::digit &&
        t[ev.used - 1].type == Tok::digit && t[ev.used].value.m == t[ev.used - 1].value.m + 1 &&
        t[ev.used].begin == t[ev.used - 1].end) {
      const Eval lo = evaluate(t, n, ev.used);
      const Eval hi = evaluate(t, n, ev.used - 1);
      if (lo.valid && hi.valid && lo.used == hi.used && lo.used > ev.used) {
        op.approx = true;
        op.low = lo.value;
        op.high = hi.value;
        ev = lo;
      }
    }
    if (!ev.valid) {
      drop_arabic();
      return op;
    }

    // A trailing scale may belong to a scaled unit (3.1亿元 → 亿元): take the
    // unit when it reaches at least as far as scale + ordinary unit would.
    std::size_t used = ev.used;
    if (options_.attach_units && t[used - 1].type != Tok::qual) {
      std::size_t first_trailing = used;
      while (first_trailing > 0 &&
             (t[first_trailing - 1].type == Tok::small || t[first_trailing - 1].type == Tok::big)) {
        --first_trailing;
      }
      if (first_trailing > 0 && first_trailing < used) {
        const std::size_t numeral_end = t[used - 1].end;
        const UnitInfo* after = units_.match_prefix(text_.substr(numeral_end));
        const std::size_t end_b = numeral_end + (after != nullptr ? after->name.size() : 0);
        const bool percent_after = percent_form(numeral_end).kind != NumberKind::cardinal;
        for (std::size_t j = first_trailing; j < used && !percent_after; ++j) {
          // 3.1亿元 = 3.1 × 亿元 only when no scale before it is as large (not
          // 四十九兆九千五百九十二億元, 5亿1万元).
          bool below = true;
          for (std::size_t k = 0; k < j; ++k) {
            if ((t[k].type == Tok::big || t[k].type == Tok::small) &&
                (t[k].exponent >= t[j].exponent ||
                 (t[j].type == Tok::small && t[k].type == Tok::big))) {
              below = false;
            }
          }
          if (!below) break;
          const UnitInfo* u = units_.match_prefix(text_.substr(t[j].begin));
          if (u == nullptr) continue;
          const std::size_t end_a = t[j].begin + u->name.size();
          if (end_a < end_b || end_a <= numeral_end) continue;
          const Eval cut = evaluate(t, j, SIZE_MAX);
          if (!cut.valid || cut.used != j) continue;
          ev = cut;
          used = j;
          op.scaled_unit = u;
          op.unit_begin = t[j].begin;
          break;
        }
      }
    }

    op.ok = true;
    op.value = ev.value;
    op.precision = ev.precision;
    op.chinese = ev.chinese;
    op.arabic = ev.arabic;
    op.has_scale = ev.has_scale;
    op.bare_scale = ev.bare_scale;
    op.has_point = ev.has_point;
    op.trailing_exponent = ev.trailing_exponent;
    op.end = t[used - 1].end;
    op.skip = op.end;
    op.pure_arabic = used == 1 && t[0].type == Tok::arabic;
    op.single_char = used == 1 && t[0].type != Tok::arabic;
    op.single_financial = op.single_char && t[0].financial;
    if (ev.qual_index >= 0 && static_cast<std::size_t>(ev.qual_index) < used) {
      const Token& q = t[ev.qual_index];
      op.qual = text_.substr(q.begin, q.end - q.begin);
      op.qual_at_end = static_cast<std::size_t>(ev.qual_index) == used - 1;
    }
    if (op.approx) {
      if (op.scaled_unit != nullptr) op.approx = false;  // keep it simple: no shared scaled units
    }
    if (t[0].type == Tok::arabic) drop_arabic();
    return op;
  }

  // Does a numeral (after optional spaces) start at i?
  [[nodiscard]] bool numeral_starts(std::size_t i) const {
    const auto c = at(i);
    if (c.len == 0) return false;
    if (detail::numbers_digit(c.cp) >= 0) return true;
    const NumChar t = numeral_of(c.cp).type;
    return t == NumChar::digit || t == NumChar::zero || t == NumChar::small || t == NumChar::twenty;
  }

  // ------------------------------------------------------------ qualifiers
  struct FoundQual {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string_view word;
    QualBound bound = QualBound::none;
    bool inclusive = true;
  };

  // A qualifier written right before `begin` (spaces allowed).
  [[nodiscard, gnu::always_inline]] FoundQual prefix_qualifier(std::size_t begin) const {
    const std::size_t limit = last_end_;
    const std::size_t end = skip_spaces_back(begin, limit);
    if (end <= limit) return FoundQual{};
    const auto last = static_cast<unsigned char>(text_[end - 1]);
    if (!kPrefixQualFilter.single_byte_last[last] &&
        (end - limit < 2 || !kPrefixQualFilter.pair[qual_byte_code(
                                static_cast<unsigned char>(text_[end - 2]), last)])) {
      return FoundQual{};
    }
    return prefix_qualifier_before(end, limit);
  }
  [[nodiscard, gnu::noinline]] FoundQual prefix_qualifier_before(std::size_t end,
                                                                 std::size_t limit) const {
    FoundQual best;
    std::size_t best_len = 0;
    const char32_t last = prev_cp(end);
    const auto it = quals_.prefix_by_last.find(last);
    if (it == quals_.prefix_by_last.end()) return best;
    // The character a longer word needs before its last one, where
    // match_spaced_back looks for it (kNoCharacter when there is none).
    constexpr char32_t kNoCharacter = 0xFFFFFFFF;
    char32_t before_last = kNoCharacter;
    const std::size_t last_len = utf8_length(last);
    if (end >= limit + last_len) {
      const std::size_t i = skip_spaces_back(end - last_len, limit);
      if (i > limit) before_last = prev_cp(i);
    }
    for (const PrefixWord& entry : it->second) {
      if (entry.before_last != 0 && entry.before_last != before_last) continue;
      const detail::QualWord& q = *entry.word;
      const std::size_t s = match_spaced_back(end, q.word, limit);
      if (s == std::string_view::npos) continue;
      if (q.word.size() > best_len) {
        best_len = q.word.size();
        best = FoundQual{s, end, q.word, q.bound, q.inclusive};
      }
    }
    return best;
  }

  // A qualifier written at `i` (after the number and its unit).
  [[nodiscard, gnu::always_inline]] FoundQual suffix_qualifier(std::size_t i,
                                                               bool allow_yu_duo) const {
    const std::size_t s = skip_spaces(i);
    if (s + 3 > text_.size() ||
        !kSuffixQualFilter[qual_byte_code(static_cast<unsigned char>(text_[s + 1]),
                                          static_cast<unsigned char>(text_[s + 2]))]) {
      return FoundQual{};
    }
    return suffix_qualifier_at(s, allow_yu_duo);
  }
  [[nodiscard, gnu::noinline]] FoundQual suffix_qualifier_at(std::size_t s,
                                                             bool allow_yu_duo) const {
    FoundQual best;
    std::size_t best_len = 0;
    const auto it = quals_.suffix_by_first.find(cp(s));
    if (it == quals_.suffix_by_first.end()) return best;
    for (const detail::QualWord* qw : it->second) {
      const detail::QualWord& q = *qw;
      if (!allow_yu_duo && (q.word == "余" || q.word == "餘" || q.word == "多")) continue;
      const std::size_t e = match_spaced(s, q.word);
      if (e == std::string_view::npos) continue;
      if (q.word == "上下" && detail::continues_shangxia(cp(e))) continue;
      if ((q.word == "多" || q.word == "余") && (cp(e) == U'种' || cp(e) == U'样')) continue;
      if (q.word.size() > best_len) {
        best_len = q.word.size();
        best = FoundQual{s, e, q.word, q.bound, q.inclusive};
      }
    }
    return best;
  }

  // ----------------------------------------------------------------- units
  struct FoundUnit {
    std::size_t begin = 0;
    std::size_t end = 0;
    const UnitInfo* info = nullptr;
    bool unknown = false;    // a one-character measure word not in the table
    std::string_view inner;  // 多 / 余 / 半 between 个 and the unit (两个半小时)
  };

  [[nodiscard]] const UnitInfo* unit_at(std::size_t i) const {
    if (i >= text_.size()) return nullptr;
    const UnitInfo* u = units_.match_prefix(text_.substr(i));
    if (u == nullptr) return nullptr;
    // An ASCII unit must not run into more letters or digits (m in min,
    // MB in 11371102MB1856234X).
    const char last = u->name.back();
    if (std::isalpha(static_cast<unsigned char>(last)) != 0 &&
        (is_alpha_at(i + u->name.size()) || is_digit_at(i + u->name.size()))) {
      return nullptr;
    }
    return u;
  }

  // A qualifier word starts at i (大于, 不到 …): the number before it has no
  // measure word (大于10小于20).
  [[nodiscard]] bool qualifier_starts(std::size_t i) const {
    const auto it = quals_.prefix_by_first.find(cp(i));
    if (it == quals_.prefix_by_first.end()) return false;
    for (const detail::QualWord* q : it->second) {
      if (starts(i, q->word)) return true;
    }
    return false;
  }

  // A unit longer than one character starts at i (日元 after 10, not 10日).
  [[nodiscard]] bool long_unit_at(std::size_t i) const {
    const UnitInfo* u = unit_at(i);
    return u != nullptr && detail::numbers_decode(u->name, 0).len < u->name.size();
  }

  // The unit after a number ending at i.
  [[nodiscard]] FoundUnit find_unit(std::size_t i, bool single_char, bool comparing = false) const {
    FoundUnit f;
    if (!options_.attach_units) return f;
    std::size_t k = skip_spaces(i);
    // A unit broken onto the next line (PDF text): 8710\n人.
    if (k == i && (starts(i, "\n") || starts(i, "\r\n"))) {
      const std::size_t j = i + (text_[i] == '\r' ? 2 : 1);
      if (const UnitInfo* u = unit_at(j); u != nullptr && u->name.size() > 1) {
        f.begin = j;
        f.end = j + u->name.size();
        f.info = u;
        return f;
      }
    }
    const UnitInfo* u = unit_at(k);
    if (u != nullptr) {
      f.begin = k;
      f.end = k + u->name.size();
      f.info = u;
      // 个 + (多|余|半)? + a unit that is not a measure word: 两个多小时, 20个比特币.
      if (u->name == std::string_view("个") || u->name == std::string_view("個")) {
        std::size_t j = f.end;
        const char32_t c = cp(j);
        if (c == U'多' || c == U'余' || c == U'半') j += at(j).len;
        const UnitInfo* v = unit_at(j);
        if (v != nullptr && v->dimension != std::string_view("count")) {
          f.inner = text_.substr(f.end, j - f.end);
          f.end = j + v->name.size();
          f.info = v;
        }
      }
      return f;
    }
    // A measure word not in the table: one ideograph right after the number.
    const auto c = at(i);
    if (c.len > 0 && detail::numbers_is_ideograph(c.cp) && !detail::starts_new_word(c.cp) &&
        numeral_of(c.cp).type == NumChar::none && !single_char && !qualifier_starts(i) &&
        suffix_qualifier(i, true).bound == QualBound::none &&
        !(comparing && detail::comparison_bound(c.cp) != QualBound::none)) {
      f.begin = i;
      f.end = i + c.len;
      f.unknown = true;
    }
    return f;
  }

  // -------------------------------------------------------------- emitting
  // Takes the qualifier out of `b`.
  void emit(Built& b) {
    // Filled in place: moving a match in would copy its short strings again,
    // and assigning from views spares building each string twice.
    NumberMatch& m = out_.emplace_back();
    m.begin = b.begin;
    m.end = b.end;
    m.surface.assign(text_.data() + b.begin, b.end - b.begin);
    m.kind = b.kind;
    bool overflow = b.overflow;
    if (b.has_value) {
      m.value = detail::wide_to_decimal(b.value);
      if (!m.value) overflow = true;
    }
    if (b.has_low) {
      m.low = detail::wide_to_decimal(b.low);
      if (!m.low) overflow = true;
    }
    if (b.has_high) {
      m.high = detail::wide_to_decimal(b.high);
      if (!m.high) overflow = true;
    }
    m.low_inclusive = b.low_inclusive;
    m.high_inclusive = b.high_inclusive;
    m.overflow = overflow;
    if (overflow) {
      m.value.reset();
      m.low.reset();
      m.high.reset();
    }
    // Whole numbers are cardinal even when they do not fit in int64 (1万亿亿亿).
    if (m.kind == NumberKind::cardinal && m.value && m.value->exponent < 0) {
      m.kind = NumberKind::decimal;
    }
    const auto precision = detail::wide_to_decimal(b.precision);
    m.precision = precision ? *precision : Decimal{1, 0};
    // The strings start empty, and most matches leave some of them so.
    if (!b.unit.empty()) m.unit.assign(b.unit);
    if (!b.unit_surface.empty()) m.unit_surface.assign(b.unit_surface);
    if (!b.dimension.empty()) m.dimension.assign(b.dimension);
    m.unit_known = b.unit_known;
    if (!b.qualifier.empty()) m.qualifier = std::move(b.qualifier);
    m.bound = b.bound;
    last_end_ = b.end;
  }

  // ---------------------------------------------------------- percent forms
  struct PercentForm {
    NumberKind kind = NumberKind::cardinal;  // cardinal: none
    std::size_t end = 0;
    std::string_view unit;
    std::string_view written;
  };

  // ------------------------------------------------------------------ main
  std::size_t try_at(std::size_t p) {
    const auto c = at(p);
    const std::size_t after = p + c.len;
    if (p < last_end_) return after;
    bool negative = false;
    bool ordinal = false;
    const UnitInfo* currency = nullptr;
    std::size_t q = p;
    switch (c.cp) {
      case U'第':
        q = skip_spaces(after);
        if (!numeral_starts(q)) return after;
        ordinal = true;
        break;
      case U'负':
      case U'負':
        q = skip_spaces(after);
        if (!numeral_starts(q) && !per_form_starts(q)) return after;
        negative = true;
        break;
      case '-':
      case U'－':
      case U'−': {
        // A sign, not a joiner: nothing number-like right before it.
        const char32_t before = prev_cp(p);
        if (detail::numbers_digit(before) >= 0 || detail::numbers_is_ascii_alpha(before) ||
            before == '-' || before == U'－' || before == U'−' || before == '.' || before == '_') {
          return after;
        }
        q = after;
        const auto d = at(q);
        const bool dot_digit = (d.cp == '.' || d.cp == U'．') && is_digit_at(q + d.len);
        if (!is_digit_at(q) && !dot_digit) return after;
        negative = true;
        break;
      }
      case '.':
      case U'．': {
        const char32_t before = prev_cp(p);
        if (!is_digit_at(after) || detail::numbers_digit(before) >= 0 || before == '.' ||
            before == U'．' || detail::numbers_is_ascii_alpha(before)) {
          return after;
        }
        break;
      }
      case '$':
      case U'＄':
        q = skip_spaces(after);
        if (!is_digit_at(q)) return after;
        currency = dollar_;
        break;
      case U'￥':
      case U'¥':
        q = skip_spaces(after);
        if (!is_digit_at(q)) return after;
        currency = yuan_;
        break;
      case U'翻':
        return try_fan(p);
      case U'对':
      case U'對':
        return try_dui_zhe(p);
      case U'半':
        return try_ban(p);
      default:
        break;
    }
    if (!ordinal && per_form_starts(q)) {
      if (const std::size_t r = try_per(p, q, negative); r != 0) return r;
    }
    // Lexicalized words: 一切, 统一, 四川, 陆地 …
    if (!ordinal) {
      if (const std::size_t w = lexicon_end(q); w != 0) return w;
    }
    Operand a = parse_operand(q);
    if (!a.ok) return std::max(after, a.skip);
    if (a.sequence) return finish_sequence(p, a, ordinal);
    if (ordinal) return finish_ordinal(p, a);

    // Arabic structures: dates, clock times, identifiers.
    if (a.pure_arabic && !negative && currency == nullptr) {
      if (const std::size_t r = arabic_structure(p, a); r != 0) return r;
    }
    if (a.pure_arabic && !negative && glued_letter_before(q)) return emit_identifier(q, q);
    if (a.pure_arabic && !negative && !a.arabic_num.point && after_identifier_cue(p)) {
      return emit_identifier(p, p);
    }
    // Chinese month and day dates: 十二月, 二十三日.
    if (const std::size_t r = month_day_date(p, a); r != 0) return r;

    Built b;
    b.begin = p;
    b.value = negative ? detail::wide_negate(a.value) : a.value;
    b.precision = a.precision;
    std::size_t end = a.end;
    bool percent_done = false;
    bool number_only = true;  // still a plain number (list-marker rules apply)
    std::string_view inner_qual = a.qual;
    const bool a_qual_at_end = a.qual_at_end;

    // ---- fractions
    if (const std::size_t r = fraction(a, negative, b); r != 0) {
      end = r;
      number_only = false;
      inner_qual = {};
    } else if (a.approx) {
      b.kind = NumberKind::range;
      b.has_value = false;
      b.has_low = b.has_high = true;
      b.low = negative ? detail::wide_negate(a.low) : a.low;
      b.high = negative ? detail::wide_negate(a.high) : a.high;
      number_only = false;
    }

    // ---- percent sign directly after the first number (5%-10%)
    PercentForm pf = percent_form(end);
    const std::size_t first_percent_at = end;
    if (b.kind != NumberKind::fraction && pf.kind != NumberKind::cardinal) {
      apply_percent(b, pf);
      end = pf.end;
      percent_done = true;
      number_only = false;
    }

    // ---- ranges
    if (b.kind == NumberKind::cardinal || b.kind == NumberKind::percent ||
        b.kind == NumberKind::permille) {
      if (const std::size_t r = range(a, negative, percent_done, pf, b); r != 0) {
        end = r;
        number_only = false;
        percent_done = b.unit == "%" || b.unit == "‰" || b.unit == "百分点";
        if (b.kind == NumberKind::date) return finish(b, r);
      }
    }
    // ---- percent forms after the whole (3至5个百分点); where the number has
    // not grown since, the first look found none.
    if (!percent_done && b.kind != NumberKind::fraction && end != first_percent_at) {
      pf = percent_form(end);
      if (pf.kind != NumberKind::cardinal) {
        apply_percent(b, pf);
        end = pf.end;
        percent_done = true;
        number_only = false;
      }
    }
    // ---- 两到三成: tenths on both ends of a range
    if (!percent_done && b.kind == NumberKind::range && starts(skip_spaces(end), "成") &&
        !detail::continues_cheng(cp(skip_spaces(end) + 3)) &&
        detail::wide_compare(b.high, Wide::of(10)) <= 0) {
      b.low = detail::wide_shift(b.low, 1);
      b.high = detail::wide_shift(b.high, 1);
      b.precision = detail::wide_shift(b.precision, 1);
      b.unit = "%";
      b.unit_surface = "成";
      b.unit_known = true;
      b.dimension = "ratio";
      end = skip_spaces(end) + 3;
      percent_done = true;
    }
    // ---- 成, 折, 倍
    if (!percent_done && b.kind == NumberKind::cardinal &&
        (!a.has_scale || detail::wide_compare(a.value, Wide::of(10)) <= 0)) {
      if (const std::size_t r = cheng_zhe(a, end, b); r != 0) {
        end = r;
        percent_done = true;
        number_only = false;
      }
    }
    if (!percent_done && (b.kind == NumberKind::cardinal || b.kind == NumberKind::range) &&
        starts(skip_spaces(end), "倍") && !a.sequence) {
      const std::size_t s = skip_spaces(end);
      b.kind = b.kind == NumberKind::range ? NumberKind::range : NumberKind::multiple;
      b.unit = "倍";
      b.unit_surface = "倍";
      b.unit_known = true;
      b.dimension = "ratio";
      end = s + std::string_view("倍").size();
      percent_done = true;
      number_only = false;
    }

    // ---- units
    bool unknown_follower = false;
    if (!percent_done) {
      // 余/多 between the number and its unit: 1万余份, 3000多人.
      std::size_t k = end;
      if (inner_qual.empty() && a.scaled_unit == nullptr) {
        const char32_t qc = cp(k);
        if (qc == U'余' || qc == U'餘' || qc == U'多') {
          const std::size_t after_q = k + at(k).len;
          if (unit_at(after_q) != nullptr) {
            inner_qual = text_.substr(k, after_q - k);
            k = after_q;
          }
        }
      }
      const std::size_t before_number = skip_spaces_back(b.begin, last_end_);
      const bool comparing = before_number >= 3 && starts(before_number - 3, "比");
      FoundUnit u;
      if (a.scaled_unit != nullptr) {
        u.begin = a.unit_begin;
        u.end = a.unit_begin + a.scaled_unit->name.size();
        u.info = a.scaled_unit;
      } else if (currency == nullptr || unit_at(skip_spaces(k)) != nullptr) {
        u = find_unit(k, a.single_char && !a.approx, comparing);
      }
      if (u.info == nullptr && !u.unknown && currency != nullptr) {
        u.info = currency;
        u.begin = u.end = k;
      }
      if (u.info != nullptr) {
        apply_unit(b, *u.info, text_.substr(u.begin, u.end - u.begin));
        if (u.inner == "半" && b.has_value) {
          b.precision =
              detail::wide_mul(Wide::of(5, -1), detail::wide_from_decimal(u.info->factor));
          b.value = detail::wide_add(b.value, b.precision);
        } else if (!u.inner.empty() && inner_qual.empty()) {
          inner_qual = u.inner;
        }
        end = u.end;
        number_only = false;
        end = after_unit(b, *u.info, end);
      } else if (u.unknown && !a.has_point && !(a.pure_arabic && a.arabic_num.point)) {
        // Measure words count things: 53.3调整 has none.
        b.unit = b.unit_surface = text_.substr(u.begin, u.end - u.begin);
        b.unit_known = false;
        end = u.end;
        number_only = false;
      } else {
        const auto f = at(end);
        unknown_follower = f.len > 0 && detail::numbers_is_ideograph(f.cp) &&
                           !detail::starts_new_word(f.cp) &&
                           numeral_of(f.cp).type == NumChar::none && !qualifier_starts(end) &&
                           suffix_qualifier(end, true).bound == QualBound::none &&
                           !(comparing && detail::comparison_bound(f.cp) != QualBound::none);
      }
    }

    // ---- qualifiers
    if (!inner_qual.empty()) {
      const bool yu = inner_qual == "余" || inner_qual == "餘" || inner_qual == "多" ||
                      inner_qual == "几" || inner_qual == "幾";
      if (yu) set_qualifier(b, inner_qual, QualBound::lower, false);
      if (a_qual_at_end) number_only = false;
    }
    if (const FoundQual sq = suffix_qualifier(end, b.qualifier.empty());
        sq.bound != QualBound::none) {
      if (b.qualifier.empty() || sq.word != "余") {
        if (b.qualifier.empty()) {
          set_qualifier(b, sq.word, sq.bound, sq.inclusive);
        } else {
          b.qualifier += std::string(sq.word);
        }
        end = sq.end;
        number_only = false;
        unknown_follower = false;
      }
    }
    // 比 170 低, 比三十大
    bool compared = false;
    {
      const std::size_t s = skip_spaces(end);
      const QualBound cb = detail::comparison_bound(cp(s));
      const std::size_t before =
          cb == QualBound::none ? b.begin : skip_spaces_back(b.begin, last_end_);
      if (cb != QualBound::none && before >= 3 && before - 3 >= last_end_ &&
          starts(before - 3, "比") && b.qualifier.empty()) {
        b.begin = before - 3;
        end = s + at(s).len;
        std::string word = "比…";
        word += std::string(text_.substr(s, at(s).len));
        b.qualifier = word;
        b.bound = to_bound(cb);
        b.qual_inclusive = false;
        compared = true;
        number_only = false;
      }
    }
    if (!compared) {
      const FoundQual pq = prefix_qualifier(b.begin);
      if (pq.bound != QualBound::none) {
        b.begin = pq.begin;
        if (b.qualifier.empty()) {
          set_qualifier(b, pq.word, pq.bound, pq.inclusive);
        } else {
          b.qualifier = std::string(pq.word) + b.qualifier;
        }
        number_only = false;
      }
    }

    // ---- is it a number at all?
    if (a.single_char && !a.approx && b.unit.empty() && b.kind == NumberKind::cardinal) {
      // A lone numeral character before an unknown word: 一看, 四川, 五有.
      if (unknown_follower) return end;
    }
    if (a.single_financial && !isolated(p, end) && !(b.unit_known)) return end;
    if (a.bare_scale && !b.unit_known && b.kind == NumberKind::cardinal &&
        (unknown_follower || detail::numbers_is_ideograph(cp(end)))) {
      return end;
    }
    if (number_only && b.qualifier.empty() && list_marker(p, end, a)) return end;
    if (a.pure_arabic && !negative && b.kind == NumberKind::cardinal && !b.unit_known &&
        b.qualifier.empty() && identifier_like(p, a)) {
      return emit_identifier(p, p);
    }
    return finish(b, end);
  }

  std::size_t finish(Built& b, std::size_t end) {
    b.end = end;
    if (b.bound == Bound::lower && b.has_value && b.kind != NumberKind::range) {
      b.has_low = true;
      b.low = b.value;
      b.low_inclusive = b.qual_inclusive;
    } else if (b.bound == Bound::upper && b.has_value && b.kind != NumberKind::range) {
      b.has_high = true;
      b.high = b.value;
      b.high_inclusive = b.qual_inclusive;
    }
    emit(b);
    return end;
  }

  void set_qualifier(Built& b, std::string_view word, QualBound bound, bool inclusive) const {
    b.qualifier.assign(word);
    b.bound = to_bound(bound);
    b.qual_inclusive = inclusive;
  }

  void apply_unit(Built& b, const UnitInfo& u, std::string_view written) const {
    const Wide f = detail::wide_from_decimal(u.factor);
    if (b.has_value) b.value = detail::wide_mul(b.value, f);
    if (b.has_low) b.low = detail::wide_mul(b.low, f);
    if (b.has_high) b.high = detail::wide_mul(b.high, f);
    b.precision = detail::wide_mul(b.precision, f);
    b.unit = u.base;
    b.unit_surface = written;
    b.dimension = u.dimension;
    b.unit_known = true;
  }

  // Compared as a view: its size first, then its bytes, without a call.
  static constexpr std::string_view kMoney = "money";

  // After a known unit: 半 (一吨半), smaller currency units (五元三角,
  // 两美元又三美分), a restated currency (8亿元人民币).
  std::size_t after_unit(Built& b, const UnitInfo& u, std::size_t end) {
    const auto h = at(end);
    if (h.cp == U'半' && !detail::numbers_is_ideograph(cp(end + h.len)) &&
        b.kind == NumberKind::cardinal && u.dimension != kMoney) {
      const Wide half = detail::wide_mul(Wide::of(5, -1), detail::wide_from_decimal(u.factor));
      b.value = detail::wide_add(b.value, half);
      b.precision = half;
      return end + h.len;
    }
    if (u.dimension == kMoney && b.kind == NumberKind::cardinal) {
      for (int round = 0; round < 3; ++round) {
        std::size_t k = end;
        if (starts(k, "又")) k += 3;
        if (starts(k, "零")) k += 3;
        if (!numeral_starts(k)) break;
        const Operand m = parse_operand(k);
        if (!m.ok || m.sequence || m.has_point || m.approx) break;
        const UnitInfo* minor = units_.match_minor(u, text_.substr(m.end));
        if (minor == nullptr) break;
        const Wide add = detail::wide_mul(m.value, detail::wide_from_decimal(minor->factor));
        b.value = detail::wide_add(b.value, b.value.negative() ? detail::wide_negate(add) : add);
        b.precision = detail::wide_from_decimal(minor->factor);
        end = m.end + minor->name.size();
      }
      if (starts(end, "人民币") && u.base == std::string_view("元") &&
          u.name != std::string_view("人民币")) {
        end += std::string_view("人民币").size();
      }
    }
    return end;
  }

  // ------------------------------------------------------------- sequences
  // 二〇二二年 (a date), 三八折 / 九 九 折 (a discount); anything else made of
  // bare digits (九九, 一二三) is not a number.
  std::size_t finish_sequence(std::size_t p, const Operand& a, bool ordinal) {
    const std::size_t s = skip_spaces(a.end);
    if (!ordinal && !a.sequence_spaced && starts(a.end, "年") &&
        (a.sequence_length == 4 || a.sequence_length == 2)) {
      Built b;
      b.begin = p;
      b.kind = NumberKind::date;
      b.has_value = false;
      return finish(b, extend_date(a.end + 3, true));
    }
    if (!ordinal && a.sequence_length == 2 && starts(s, "折") &&
        !detail::continues_zhe(cp(s + 3))) {
      Built b;
      b.begin = p;
      b.kind = NumberKind::percent;
      b.value = a.value;
      b.unit = "%";
      b.unit_surface = "折";
      b.unit_known = true;
      b.dimension = "ratio";
      return finish(b, s + 3);
    }
    return a.end;
  }

  // ------------------------------------------------------------- ordinals
  std::size_t finish_ordinal(std::size_t p, const Operand& a) {
    Built b;
    b.begin = p;
    b.kind = NumberKind::ordinal;
    b.value = a.value;
    b.precision = a.precision;
    std::size_t end = a.end;
    if (a.approx) {
      b.has_value = false;
    }
    const FoundUnit u = find_unit(end, false);
    if (u.info != nullptr && u.info->dimension == std::string_view("count")) {
      b.unit = u.info->base;
      b.unit_surface = text_.substr(u.begin, u.end - u.begin);
      b.dimension = u.info->dimension;
      b.unit_known = true;
      end = u.end;
    }
    return finish(b, end);
  }

  // ------------------------------------------------------- per-forms 百分之
  [[nodiscard]] bool per_form_starts(std::size_t q) const {
    const char32_t c = cp(q);
    return c == U'百' || c == U'佰' || c == U'千' || c == U'仟' || c == U'万' || c == U'萬';
  }

  // 百分之五 (percent), 千分之五 (permille), 万分之三 / 百万分之五 (fractions).
  std::size_t try_per(std::size_t p, std::size_t q, bool negative) {
    int exponent = 0;
    std::size_t i = q;
    int count = 0;
    while (true) {
      const std::size_t s = count == 0 ? i : skip_spaces(i);
      const auto c = at(s);
      const detail::NumeralChar nc = numeral_of(c.cp);
      if (nc.type != NumChar::small && nc.type != NumChar::big) break;
      if (nc.type == NumChar::small && nc.value == 1) break;
      exponent += nc.value;
      i = s + c.len;
      ++count;
    }
    if (count == 0 || exponent < 2) return 0;
    const std::size_t s = match_spaced(skip_spaces(i), "分之");
    if (s == std::string_view::npos) return 0;
    std::size_t k = skip_spaces(s);
    bool num_negative = false;
    if (starts(k, "负") || starts(k, "負")) {
      num_negative = true;
      k = skip_spaces(k + 3);
    }
    if (!numeral_starts(k)) return 0;
    Operand n = parse_operand(k);
    if (!n.ok && (starts(k, "百") || starts(k, "佰")) && !numeral_starts(k + 3)) {
      // 百分之百: the whole.
      n.ok = true;
      n.value = Wide::of(100);
      n.precision = Wide::of(100);
      n.end = k + 3;
    }
    if (!n.ok || n.sequence) return 0;
    Built b;
    b.begin = p;
    Wide v = n.value;
    if (negative != num_negative) v = detail::wide_negate(v);
    b.precision = n.precision;
    if (n.approx) {
      b.kind = NumberKind::range;
      b.has_value = false;
      b.has_low = b.has_high = true;
      b.low = n.low;
      b.high = n.high;
    } else {
      b.value = v;
    }
    if (exponent == 2 || exponent == 3) {
      if (!n.approx) b.kind = exponent == 2 ? NumberKind::percent : NumberKind::permille;
      b.unit = exponent == 2 ? "%" : "‰";
      b.unit_surface = text_.substr(q, s - q);
      b.unit_known = true;
      b.dimension = "ratio";
    } else {
      if (!n.approx) b.kind = NumberKind::fraction;
      b.value = detail::wide_shift(b.value, -exponent);
      b.low = detail::wide_shift(b.low, -exponent);
      b.high = detail::wide_shift(b.high, -exponent);
      b.precision = detail::wide_shift(b.precision, -exponent);
    }
    std::size_t end = n.end;
    if (const FoundQual sq = suffix_qualifier(end, true); sq.bound != QualBound::none) {
      set_qualifier(b, sq.word, sq.bound, sq.inclusive);
      end = sq.end;
    }
    const FoundQual pq = prefix_qualifier(b.begin);
    if (pq.bound != QualBound::none) {
      b.begin = pq.begin;
      if (b.qualifier.empty()) {
        set_qualifier(b, pq.word, pq.bound, pq.inclusive);
      } else {
        b.qualifier = std::string(pq.word) + b.qualifier;
      }
    }
    return finish(b, end);
  }

  // -------------------------------------------------------------- fractions
  // 三分之一, 3分之1, 一又二分之一, 3/5, 1 4/3. Returns the end, or 0.
  [[gnu::always_inline]] std::size_t fraction(const Operand& a, bool negative, Built& b) const {
    // Every form below starts with 分 or 又 (spaces allowed before them), or
    // with a slash or one space right after the number; most numbers are
    // followed by none of these.
    if (a.approx || !fraction_may_follow(a.end)) return 0;
    return fraction_after(a, negative, b);
  }
  [[gnu::noinline]] std::size_t fraction_after(const Operand& a, bool negative, Built& b) const {
    // Chinese: DEN 分之 NUM, with an optional whole part: W 又 DEN 分之 NUM.
    auto chinese_fraction = [&](const Operand& den, std::size_t i, Wide* value,
                                Wide* precision) -> std::size_t {
      // Nearly every number is followed by something else: test the first
      // character before the spaced match.
      const std::size_t f = skip_spaces(i);
      if (!starts(f, "分")) return 0;
      const std::size_t s = match_spaced(f, "分之");
      if (s == std::string_view::npos) return 0;
      std::size_t k = skip_spaces(s);
      bool num_negative = false;
      if (starts(k, "负") || starts(k, "負")) {
        num_negative = true;
        k = skip_spaces(k + 3);
      }
      if (!numeral_starts(k)) return 0;
      const Operand num = parse_operand(k);
      if (!num.ok || num.sequence || num.approx) return 0;
      const auto q = detail::wide_divide(num.value, den.value, kFractionDecimals);
      if (!q) return 0;
      *value = num_negative ? detail::wide_negate(*q) : *q;
      *precision = Wide::of(1, -kFractionDecimals);
      return num.end;
    };
    Wide v;
    Wide prec;
    if (!a.has_point) {
      if (const std::size_t r = chinese_fraction(a, a.end, &v, &prec); r != 0) {
        b.kind = NumberKind::fraction;
        b.value = negative ? detail::wide_negate(v) : v;
        b.precision = prec;
        return r;
      }
    }
    // Whole part 又 fraction.
    {
      const std::size_t s = skip_spaces(a.end);
      if (starts(s, "又")) {
        const std::size_t k = skip_spaces(s + 3);
        if (numeral_starts(k)) {
          const Operand den = parse_operand(k);
          if (den.ok && !den.sequence && !den.approx) {
            if (const std::size_t r = chinese_fraction(den, den.end, &v, &prec); r != 0) {
              const Wide whole = detail::wide_add(a.value, v);
              b.kind = NumberKind::fraction;
              b.value = negative ? detail::wide_negate(whole) : whole;
              b.precision = prec;
              return r;
            }
            if (const std::size_t r = slash_fraction(den, &v); r != 0) {
              const Wide whole = detail::wide_add(a.value, v);
              b.kind = NumberKind::fraction;
              b.value = negative ? detail::wide_negate(whole) : whole;
              b.precision = Wide::of(1, -kFractionDecimals);
              return r;
            }
          }
        }
      }
    }
    if (!a.pure_arabic || a.arabic_num.separators || a.arabic_num.point || a.arabic_num.scaled)
      return 0;
    // 3/5
    if (const std::size_t r = slash_fraction(a, &v); r != 0) {
      b.kind = NumberKind::fraction;
      b.value = negative ? detail::wide_negate(v) : v;
      b.precision = Wide::of(1, -kFractionDecimals);
      return r;
    }
    // 1 4/3: a whole number, one space, a fraction.
    if (cp(a.end) == ' ' && is_digit_at(a.end + 1)) {
      const Operand den = parse_operand(a.end + 1);
      if (den.ok && den.pure_arabic && !den.arabic_num.point && !den.arabic_num.separators) {
        if (const std::size_t r = slash_fraction(den, &v); r != 0) {
          const Wide whole = detail::wide_add(a.value, v);
          b.kind = NumberKind::fraction;
          b.value = negative ? detail::wide_negate(whole) : whole;
          b.precision = Wide::of(1, -kFractionDecimals);
          return r;
        }
      }
    }
    return 0;
  }

  [[nodiscard]] bool fraction_may_follow(std::size_t end) const {
    const char b = end < text_.size() ? text_[end] : '\0';
    if (b == '/' || b == ' ') return true;
    if (starts(end, "／")) return true;
    const std::size_t s = skip_spaces(end);
    return starts(s, "分") || starts(s, "又");
  }

  // NUM/DEN with ASCII or full-width slash; not dates (2022/12/23) nor paths.
  std::size_t slash_fraction(const Operand& num, Wide* value) const {
    if (!num.pure_arabic || num.arabic_num.int_digits > 6) return 0;
    const auto s = at(num.end);
    if (s.cp != '/' && s.cp != U'／') return 0;
    const std::size_t k = num.end + s.len;
    if (!is_digit_at(k)) return 0;
    const ArabicNum den = parse_arabic(k);
    if (!den.ok || den.point || den.separators || den.scaled || den.int_digits > 6) return 0;
    const char32_t next = cp(den.end);
    if (next == '/' || next == U'／' || next == '-' || detail::numbers_is_ascii_alpha(next) ||
        next == '.') {
      return 0;
    }
    const auto q = detail::wide_divide(num.value, den.value, kFractionDecimals);
    if (!q) return 0;
    *value = *q;
    return den.end;
  }

  // ----------------------------------------------------------------- ranges
  // 3至5万, 60-70岁, 八到九百亿, 两到三成, 5%-10%, 位于20和30之间.
  enum class Joiner : std::uint8_t { none, plain, dash, between };
  static constexpr Joiner range_joiner(char32_t c) {
    switch (c) {
      case U'至':
      case U'到':
      case U'~':
      case U'～':
      case U'〜':
        return Joiner::plain;
      case '-':
      case U'－':
      case U'—':
      case U'–':
      case U'−':
        return Joiner::dash;
      case U'和':
      case U'与':
      case U'及':
        return Joiner::between;
      default:
        return Joiner::none;
    }
  }
  [[gnu::always_inline]] std::size_t range(const Operand& a, bool negative, bool a_percent,
                                           const PercentForm& apf, Built& b) {
    if (a.approx) return 0;
    const std::size_t s = skip_spaces(a_percent ? apf.end : a.end);
    const auto c = at(s);
    const Joiner joiner = range_joiner(c.cp);
    if (joiner == Joiner::none) return 0;
    return range_after(a, negative, a_percent, apf, b, s + c.len, joiner);
  }
  [[gnu::noinline]] std::size_t range_after(const Operand& a, bool negative, bool a_percent,
                                            const PercentForm& apf, Built& b,
                                            std::size_t after_joiner, Joiner joiner) {
    const bool between_only = joiner == Joiner::between;
    const bool dash = joiner == Joiner::dash;
    std::size_t k = skip_spaces(after_joiner);
    if (!numeral_starts(k)) return 0;
    const Operand o = parse_operand(k);
    if (!o.ok || o.sequence || o.approx) return 0;
    if (dash && (!a.pure_arabic || !o.pure_arabic)) {
      // 一-五 reads oddly; Arabic dashes only. Dates and phone numbers were
      // handled before (arabic_structure).
      if (!(a.pure_arabic || a.arabic) || !(o.pure_arabic || o.arabic)) return 0;
    }
    Wide lo = negative ? detail::wide_negate(a.value) : a.value;
    Wide lo_prec = a.precision;
    Wide hi = o.value;
    // 3至5万: the scale of the upper end applies to a bare lower end.
    if (!a.has_scale && o.trailing_exponent > 0) {
      lo = detail::wide_shift(lo, o.trailing_exponent);
      lo_prec = detail::wide_shift(lo_prec, o.trailing_exponent);
    }
    std::size_t end = o.end;
    PercentForm opf = percent_form(end);
    if (a_percent && opf.kind != apf.kind) return 0;
    // 1至5月: a range of months is a date.
    if (!a_percent && starts(end, "月") && a.pure_arabic == o.pure_arabic &&
        detail::wide_compare(hi, Wide::of(12)) <= 0 && detail::wide_compare(lo, Wide::of(1)) >= 0) {
      b.kind = NumberKind::date;
      b.has_value = false;
      return end + 3;
    }
    if (detail::wide_compare(lo, hi) >= 0) return 0;
    std::size_t close = std::string_view::npos;
    {
      const std::size_t after = skip_spaces(opf.kind != NumberKind::cardinal ? opf.end : end);
      close = match_spaced(after, "之间");
      if (close == std::string_view::npos && starts(after, "间")) close = after + 3;
    }
    if (between_only && close == std::string_view::npos) return 0;
    b.kind = NumberKind::range;
    b.has_value = false;
    b.has_low = b.has_high = true;
    b.low = lo;
    b.high = hi;
    b.precision = detail::wide_compare(lo_prec, o.precision) < 0 ? lo_prec : o.precision;
    if (opf.kind != NumberKind::cardinal) {
      // 5-20%: the percent sign of the upper end applies to both.
      apply_percent(b, opf);
      b.kind = NumberKind::range;
      end = opf.end;
    } else if (a_percent) {
      b.kind = NumberKind::range;
    }
    if (close != std::string_view::npos) {
      end = close;
      // 位于 / 在 … 之间
      const std::size_t before = skip_spaces_back(b.begin, last_end_);
      for (const std::string_view w : {std::string_view("位于"), std::string_view("在"),
                                       std::string_view("介于"), std::string_view("处于")}) {
        if (before >= w.size() + last_end_ && text_.substr(before - w.size(), w.size()) == w) {
          b.begin = before - w.size();
          break;
        }
      }
    }
    return end;
  }

  // The tests that turn most numbers away are inlined into the caller, the
  // rest of the reading is not: a call that finds nothing then costs no more
  // than its test (so for the qualifier, fraction and 成/折 readings below).
  [[nodiscard, gnu::always_inline]] PercentForm percent_form(std::size_t i) const {
    const std::size_t s = skip_spaces(i);
    if (!may_start_percent_form(s)) return PercentForm{};
    return percent_form_at(s);
  }
  [[nodiscard, gnu::noinline]] PercentForm percent_form_at(std::size_t s) const {
    PercentForm f;
    const auto c = at(s);
    if (c.cp == '%' || c.cp == U'％') {
      f = {NumberKind::percent, s + c.len, "%", text_.substr(s, c.len)};
      return f;
    }
    if (c.cp == U'‰') {
      f = {NumberKind::permille, s + c.len, "‰", text_.substr(s, c.len)};
      return f;
    }
    if (c.cp != U'个' && c.cp != U'個' && c.cp != U'百') return f;
    // 个 is mostly a measure word of its own (3个): every word below that
    // starts with it goes on with 百.
    if (c.cp != U'百' && !starts(skip_spaces(s + c.len), "百")) return f;
    for (const std::string_view w :
         {std::string_view("个百分点"), std::string_view("個百分點"), std::string_view("个百分點"),
          std::string_view("百分点"), std::string_view("百分點")}) {
      const std::size_t e = match_spaced(s, w);
      if (e != std::string_view::npos) {
        f = {NumberKind::percent, e, "百分点", text_.substr(s, e - s)};
        return f;
      }
    }
    return f;
  }

  // A cheap test before percent_form decodes: the character at s is %, ％,
  // ‰, 个, 個 or 百 only if its last byte is one of theirs.
  [[nodiscard]] bool may_start_percent_form(std::size_t s) const {
    if (s >= text_.size()) return false;
    const auto lead = static_cast<unsigned char>(text_[s]);
    if (lead < 0x80) return lead == '%';
    if (s + 2 >= text_.size()) return true;  // let the decoder judge a short tail
    switch (static_cast<unsigned char>(text_[s + 2])) {
      case 0x85:  // ％ EF BC 85
      case 0xB0:  // ‰ E2 80 B0
      case 0xAA:  // 个 E4 B8 AA
      case 0x8B:  // 個 E5 80 8B
      case 0xBE:  // 百 E7 99 BE
        return true;
      default:
        return false;
    }
  }

  void apply_percent(Built& b, const PercentForm& pf) const {
    if (b.kind != NumberKind::range) b.kind = pf.kind;
    b.unit = pf.unit;
    b.unit_surface = pf.written;
    b.unit_known = true;
    b.dimension = "ratio";
  }

  // 三成 (30%), 三成半, 七成六, 7.2成; 八折 (80%), 75折, 9.9折, 三点一折.
  [[gnu::always_inline]] std::size_t cheng_zhe(const Operand& a, std::size_t end, Built& b) const {
    const std::size_t s = skip_spaces(end);
    if (!starts(s, "成") && !starts(s, "折")) return 0;
    return cheng_zhe_at(a, s, b);
  }
  [[gnu::noinline]] std::size_t cheng_zhe_at(const Operand& a, std::size_t s, Built& b) const {
    const auto c = at(s);
    const bool cheng = c.cp == U'成';
    const bool zhe = c.cp == U'折';
    if (!cheng && !zhe) return 0;
    if (!a.qual.empty() || a.approx) return 0;
    const std::size_t after = s + c.len;
    const Wide v = a.value;
    const bool integer = !a.has_point && !(a.pure_arabic && a.arabic_num.point);
    const bool le10 =
        detail::wide_compare(v, Wide::of(10)) <= 0 && detail::wide_compare(v, Wide{}) > 0;
    Wide value;
    Wide precision = Wide::of(10);
    std::size_t e = after;
    if (cheng) {
      if (!le10) return 0;
      if (!a.pure_arabic && !a.chinese) return 0;
      value = detail::wide_shift(v, 1);
      precision = detail::wide_shift(a.precision, 1);
      const auto h = at(after);
      const detail::NumeralChar d = numeral_of(cp(skip_spaces(after)));
      if (h.cp == U'半') {
        value = detail::wide_add(value, Wide::of(5));
        precision = Wide::of(5);
        e = after + h.len;
      } else if (integer && d.type == NumChar::digit && !d.liang) {
        // 七成六 = 76%, unless the digit starts a numeral of its own.
        const std::size_t ds = skip_spaces(after);
        const auto dc = at(ds);
        const detail::NumeralChar nx = numeral_of(cp(ds + dc.len));
        if (nx.type == NumChar::none || nx.type == NumChar::point) {
          if (nx.type == NumChar::none && !detail::numbers_is_ideograph(cp(ds + dc.len))) {
            value = detail::wide_add(value, Wide::of(d.value));
            precision = Wide::of(1);
            e = ds + dc.len;
          }
        }
      } else if (detail::continues_cheng(h.cp)) {
        return 0;
      }
    } else {
      if (detail::continues_zhe(cp(after))) return 0;
      // One digit (with one decimal) counts tenths; two digits are percent.
      if (a.pure_arabic) {
        const ArabicNum& n = a.arabic_num;
        if (n.separators || n.scaled) return 0;
        if (n.int_digits == 1 && n.frac_digits <= 1 && !n.leading_zero) {
          value = detail::wide_shift(v, 1);
        } else if (n.int_digits == 2 && !n.point) {
          if (v.m % 10 == 0) return 0;  // 10折, 20折: not discounts
          value = v;
          precision = Wide::of(1);
        } else {
          return 0;
        }
      } else {
        if (!le10 || detail::wide_compare(v, Wide::of(10)) == 0 || a.has_scale) return 0;
        value = detail::wide_shift(v, 1);
      }
      if (a.has_point || (a.pure_arabic && a.arabic_num.point)) precision = Wide::of(1);
      if (detail::wide_compare(value, Wide::of(100)) >= 0) return 0;
    }
    b.kind = NumberKind::percent;
    b.value = value;
    b.precision = precision;
    b.unit = "%";
    b.unit_surface = text_.substr(s, c.len);
    b.unit_known = true;
    b.dimension = "ratio";
    return e;
  }

  // 半成 (5%), 半折 (50%).
  std::size_t try_ban(std::size_t p) {
    const std::size_t k = p + 3;
    const char32_t c = cp(k);
    if (c != U'成' && c != U'折') return k;
    if (c == U'成' && detail::continues_cheng(cp(k + 3))) return k;
    if (c == U'折' && detail::continues_zhe(cp(k + 3))) return k;
    Built b;
    b.begin = p;
    b.kind = NumberKind::percent;
    b.value = Wide::of(c == U'成' ? 5 : 50);
    b.precision = Wide::of(5);
    b.unit = "%";
    b.unit_surface = text_.substr(k, 3);
    b.unit_known = true;
    b.dimension = "ratio";
    return finish(b, k + 3);
  }

  // 打对折: half price.
  std::size_t try_dui_zhe(std::size_t p) {
    const std::size_t k = p + 3;
    if (!(starts(k, "折")) || prev_cp(p) != U'打' || detail::continues_zhe(cp(k + 3))) return k;
    Built b;
    b.begin = p;
    b.kind = NumberKind::percent;
    b.value = Wide::of(50);
    b.precision = Wide::of(50);
    b.unit = "%";
    b.unit_surface = text_.substr(k, 3);
    b.unit_known = true;
    b.dimension = "ratio";
    return finish(b, k + 3);
  }

  // 翻一番 (×2), 翻两番 (×4), 翻了一番.
  std::size_t try_fan(std::size_t p) {
    std::size_t k = p + 3;
    if (starts(k, "了")) k += 3;
    if (!numeral_starts(k)) return p + 3;
    const Operand n = parse_operand(k);
    if (!n.ok || n.sequence || n.approx || n.has_point || !starts(n.end, "番")) return p + 3;
    if (n.value.e != 0 || n.value.m < 1 || n.value.m > 10) return n.end;
    Built b;
    b.begin = p;
    b.kind = NumberKind::multiple;
    b.value = Wide::of(std::int64_t{1} << n.value.m);
    b.unit = "倍";
    b.unit_surface = "番";
    b.unit_known = true;
    b.dimension = "ratio";
    return finish(b, n.end + 3);
  }

  // ------------------------------------------------------ dates, identifiers
  // A digit run of 1-2 (or exactly `want`) digits at i: value and end.
  struct Run {
    bool ok = false;
    int digits = 0;
    long value = 0;
    std::size_t end = 0;
  };
  [[nodiscard]] Run digit_run(std::size_t i, int max_digits) const {
    Run r;
    while (r.digits <= max_digits) {
      const auto c = at(i);
      const int d = detail::numbers_digit(c.cp);
      if (d < 0) break;
      // Long runs are only counted (identifiers): stop the value before it overflows.
      if (r.digits < 18) r.value = r.value * 10 + d;
      ++r.digits;
      i += c.len;
    }
    r.end = i;
    r.ok = r.digits > 0 && r.digits <= max_digits;
    return r;
  }

  // Extends a date after its year or month: 年 → 12月 → 23日 (Arabic or
  // Chinese numerals).
  std::size_t extend_date(std::size_t i, bool after_year) const {
    auto small_number = [&](std::size_t k, long* value) -> std::size_t {
      if (is_digit_at(k)) {
        const Run r = digit_run(k, 2);
        if (!r.ok) return 0;
        *value = r.value;
        return r.end;
      }
      if (!numeral_starts(k)) return 0;
      const Operand o = parse_operand(k);
      if (!o.ok || o.sequence || o.approx || o.has_point || o.value.e != 0 || o.value.m > 31)
        return 0;
      *value = static_cast<long>(o.value.m);
      return o.end;
    };
    std::size_t end = i;
    long v = 0;
    if (after_year) {
      const std::size_t m = small_number(i, &v);
      if (m != 0 && v >= 1 && v <= 12 && starts(m, "月")) {
        end = m + 3;
      } else {
        return end;
      }
    }
    const std::size_t d = small_number(end, &v);
    if (d != 0 && v >= 1 && v <= 31 && (starts(d, "日") || starts(d, "号"))) end = d + 3;
    return end;
  }

  // Dates, times and identifiers that start with an Arabic digit run.
  // The characters that may follow the digits of a date or clock time
  // (2022年, 12／23, 11：00): where another Chinese character follows, a
  // whole number is a quantity.
  static constexpr bool date_or_time_separator(char32_t c) {
    switch (c) {
      case U'年':
      case U'月':
      case U'日':
      case U'时':
      case U'点':
      case U'／':
      case U'．':
      case U'－':
      case U'·':
      case U'・':
      case U'•':
      case U'：':
        return true;
      default:
        return false;
    }
  }

  [[gnu::always_inline]] std::size_t arabic_structure(std::size_t p, const Operand& a) {
    const ArabicNum& n = a.arabic_num;
    const std::size_t end = n.end;
    if (n.separators || n.scaled) return 0;
    // A decimal (29.2, 0.8) is no date, clock time or phone number: its point
    // takes the place of their separators, and a second point would have made
    // it dotted. Only letters glued after it make it an identifier. Four
    // digits before the point go the long way, past the yyyy.mm.dd test.
    if (n.point && !n.dotted && n.int_digits != 4) {
      return glued_letter_after(end) ? emit_identifier(p, p) : 0;
    }
    // Most numbers run into a Chinese character that none of the forms below
    // reads next (a unit, a verb): they are quantities. A whole number with
    // no separator ends where its digits do, so that character is also the
    // one the date and time forms take as their separator.
    if (!n.point && end < text_.size() && static_cast<unsigned char>(text_[end]) >= 0x80 &&
        !date_or_time_separator(cp(end))) {
      return 0;
    }
    return arabic_forms(p, a);
  }

  // The dates, clock times and identifiers of arabic_structure, past its
  // quick tests.
  [[gnu::noinline]] std::size_t arabic_forms(std::size_t p, const Operand& a) {
    const ArabicNum& n = a.arabic_num;
    const std::size_t end = n.end;
    const long value = n.point ? -1 : static_cast<long>(n.int_digits <= 9 ? n.value.m : -1);
    const std::size_t int_end = [&] {
      std::size_t i = p;
      while (is_digit_at(i)) i += at(i).len;
      return i;
    }();
    const auto sep = at(int_end);
    // yyyy-mm-dd, yyyy/mm/dd, yyyy.mm.dd, yyyy-mm
    if (n.int_digits == 4 && !n.leading_zero) {
      const long year = static_cast<long>(digit_run(p, 4).value);
      if ((sep.cp == '-' || sep.cp == '/' || sep.cp == '.' || sep.cp == U'．' || sep.cp == U'－' ||
           sep.cp == U'／') &&
          year >= 1000 && year <= 2999) {
        const Run month = digit_run(int_end + sep.len, 2);
        if (month.ok && month.value >= 1 && month.value <= 12) {
          const auto sep2 = at(month.end);
          if (sep2.cp == sep.cp) {
            const Run day = digit_run(month.end + sep2.len, 2);
            if (day.ok && day.value >= 1 && day.value <= 31 && !is_digit_at(day.end)) {
              return date(p, day.end);
            }
          } else if (sep.cp != '.' && sep.cp != U'．' && !is_digit_at(month.end) &&
                     !is_alpha_at(month.end)) {
            return date(p, month.end);
          }
        }
      }
      // 2022年 (a year of 1000-2999) with its month and day.
      if (!n.point && starts(end, "年") && year >= 1000 && year <= 2999 && !long_unit_at(end)) {
        return date(p, extend_date(end + 3, true));
      }
    }
    if (n.point && !n.dotted) {
      // handled as a decimal
    } else if (n.dotted) {
      // 1.2.3, 2222.2222.22222.222: a version or section number.
      return emit_identifier(p, p);
    }
    if (!n.point && value >= 0) {
      // 12月23日, 5月
      if (value >= 1 && value <= 12 && starts(end, "月") && !long_unit_at(end)) {
        return date(p, extend_date(end + 3, false));
      }
      // 23日
      if (value >= 1 && value <= 31 && starts(end, "日") && !long_unit_at(end))
        return date(p, end + 3);
      // 3·28
      if (value >= 1 && value <= 12 && (sep.cp == U'·' || sep.cp == U'・' || sep.cp == U'•')) {
        const Run day = digit_run(int_end + sep.len, 2);
        if (day.ok && day.value >= 1 && day.value <= 31 && !is_digit_at(day.end))
          return date(p, day.end);
      }
      // 11:00, 11:00:00
      if (value <= 24 && n.int_digits <= 2 && (sep.cp == ':' || sep.cp == U'：')) {
        const Run mm = digit_run(int_end + sep.len, 2);
        if (mm.ok && mm.digits == 2 && mm.value < 60) {
          std::size_t e = mm.end;
          const auto sep2 = at(e);
          if (sep2.cp == sep.cp) {
            const Run ss = digit_run(e + sep2.len, 2);
            if (ss.ok && ss.digits == 2 && ss.value < 60) e = ss.end;
          }
          // 2:00 pm
          const std::size_t s = skip_spaces(e);
          for (const std::string_view ap : {"am", "pm", "AM", "PM", "a.m.", "p.m."}) {
            if (starts(s, ap) && !is_alpha_at(s + ap.size())) {
              e = s + ap.size();
              break;
            }
          }
          return time(p, e);
        }
      }
      // 9时30分, 9点30分
      if (value <= 24 && (starts(end, "时") || starts(end, "点"))) {
        const Run mm = digit_run(end + 3, 2);
        if (mm.ok && mm.value < 60 && starts(mm.end, "分")) {
          std::size_t e = mm.end + 3;
          const Run ss = digit_run(e, 2);
          if (ss.ok && ss.value < 60 && starts(ss.end, "秒")) e = ss.end + 3;
          return time(p, e);
        }
        if (starts(end, "时") && !detail::numbers_is_ideograph(cp(end + 3)))
          return time(p, end + 3);
        if (starts(end, "时许") || starts(end, "点许")) return time(p, end + 6);
        // 下午3点: a clock time (三点建议 in Chinese numerals is a count).
        if (starts(end, "点") && !is_digit_at(end + 3)) return time(p, end + 3);
      }
    }
    // Identifiers: glued to letters, joined with / or +, phone-like.
    if (!n.point) {
      const char32_t next = cp(end);
      if (next == '/' || next == U'／') {
        Wide v;
        if (slash_fraction(a, &v) == 0) return emit_identifier(p, p);
      }
      if (next == '+' && (is_digit_at(end + 1) || is_alpha_at(end + 1)))
        return emit_identifier(p, p);
      if (next == '-' && is_digit_at(end + 1)) {
        const Run right = digit_run(end + 1, 30);
        if (n.leading_zero || n.int_digits >= 5 || right.digits >= 5) return emit_identifier(p, p);
      }
    }
    if (glued_letter_after(end)) return emit_identifier(p, p);
    return 0;
  }

  // Letters directly after a digit run that are not a unit or multiplier
  // (5G, 3D); they make it an identifier.
  [[nodiscard]] bool glued_letter_after(std::size_t end) const {
    if (!is_alpha_at(end)) return false;
    return unit_at(end) == nullptr;
  }
  [[nodiscard]] bool glued_letter_before(std::size_t q) const {
    if (q == 0) return false;
    // Decided by the bytes before q where they leave no doubt: an ASCII byte
    // is the character itself; a lead byte, or a lead byte and two
    // continuation bytes, start a character that is no letter. Only stray
    // continuation bytes take the walk back (after "a" they decode as "a").
    const auto b1 = static_cast<unsigned char>(text_[q - 1]);
    if (b1 < 0x80) return detail::numbers_is_ascii_alpha(b1);
    if (b1 >= 0xC0) return false;
    if (q >= 3 && (static_cast<unsigned char>(text_[q - 2]) & 0xC0) == 0x80 &&
        static_cast<unsigned char>(text_[q - 3]) >= 0xC0) {
      return false;
    }
    return detail::numbers_is_ascii_alpha(prev_cp(q));
  }

  std::size_t date(std::size_t p, std::size_t end) {
    Built b;
    b.begin = p;
    b.kind = NumberKind::date;
    b.has_value = false;
    return finish(b, end);
  }
  std::size_t time(std::size_t p, std::size_t end) {
    Built b;
    b.begin = p;
    b.kind = NumberKind::time;
    b.has_value = false;
    return finish(b, end);
  }

  // 十二月二十三日, 五月, 二十三日 (Chinese numerals).
  std::size_t month_day_date(std::size_t p, const Operand& a) {
    if (!a.chinese || a.has_point || a.approx || !a.qual.empty() || a.value.e != 0) return 0;
    const auto v = a.value.m;
    const bool month = v >= 1 && v <= 12 && starts(a.end, "月");
    const bool day =
        v >= 1 && v <= 31 && (starts(a.end, "日") || starts(a.end, "号")) && a.end - p > 3;
    // The unit lookup last: most numerals are followed by neither.
    if (!(month || day) || long_unit_at(a.end)) return 0;
    if (month) return date(p, extend_date(a.end + 3, false));
    return date(p, a.end + 3);
  }

  // Digit runs that are codes rather than quantities: 5+ digits with nothing
  // after them (5980090), leading zeros (0631), after 热线/电话/编号 ….
  [[nodiscard]] bool identifier_like(std::size_t p, const Operand& a) const {
    const ArabicNum& n = a.arabic_num;
    if (n.point || n.separators || n.scaled) return false;
    if (n.leading_zero) return true;
    if (n.int_digits >= 5) return true;
    return after_identifier_cue(p);
  }

  // Right after 热线, 电话, 编号, 表 … (a colon or spaces between allowed).
  [[nodiscard]] bool after_identifier_cue(std::size_t p) const {
    const std::size_t before = skip_spaces_back(p, last_end_);
    std::size_t k = before;
    if (k > 0 && (text_[k - 1] == ':')) --k;
    if (k >= 3 && text_.substr(k - 3, 3) == "：") k -= 3;
    if (k == 0) return false;
    // Cheap filter: the last byte or two of every cue are among these.
    const char last = text_[k - 1];
    const auto last_byte = static_cast<unsigned char>(last);
    if (!kIdentifierCueFilter.single_byte_last[last_byte] &&
        (k < 2 || !kIdentifierCueFilter.pair[qual_byte_code(
                      static_cast<unsigned char>(text_[k - 2]), last_byte)])) {
      return false;
    }
    // The last byte again, per cue: most cues end in another byte, and this
    // spares a call to compare them.
    for (const std::string_view cue : detail::kIdentifierCues) {
      if (cue.back() == last && k >= cue.size() &&
          text_.compare(k - cue.size(), cue.size(), cue) == 0) {
        return true;
      }
    }
    return false;
  }

  // A numeral alone between non-word characters (是叁。, “伍”): financial
  // forms count only then, or with a known unit.
  [[nodiscard]] bool isolated(std::size_t p, std::size_t end) const {
    const char32_t before = prev_cp(p);
    const char32_t after = cp(end);
    auto boundary_before = [](char32_t c) {
      if (!detail::numbers_is_ideograph(c)) return true;
      constexpr std::u32string_view kFunction = U"是的和与为或及即";
      return kFunction.find(c) != std::u32string_view::npos;
    };
    return boundary_before(before) && !detail::numbers_is_ideograph(after);
  }

  // Heading and list markers: 一、 (三) （1） 1. 1、 at a line start or after
  // sentence punctuation, and 一是 / 二是.
  [[nodiscard]] bool list_marker(std::size_t p, std::size_t end, const Operand& a) const {
    const auto next = at(end);
    // Only a page footer (— 9 —) is a marker without one of these after it,
    // and most numbers without a unit are followed by none of them.
    const bool marker_follows = next.cp == U'、' || next.cp == '.' || next.cp == U'．' ||
                                next.cp == ')' || next.cp == U'）' || next.cp == U'是';
    if (!marker_follows && !a.pure_arabic) return false;
    const char32_t before = prev_cp(skip_line_space_back(p));
    const bool line_start = before == 0 || before == '\n' || before == '\r' || before == '\f' ||
                            before == '\v' || before == 0x2028 || before == 0x2029 ||
                            detail::is_sentence_punct(before) || before == U'】';
    // (一), （3）
    const char32_t open = prev_cp(p);
    if ((open == '(' || open == U'（') && (next.cp == ')' || next.cp == U'）')) return true;
    if (!a.has_point && line_start) {
      if (next.cp == U'、') return true;
      if ((next.cp == '.' || next.cp == U'．') && a.pure_arabic && !is_digit_at(end + next.len))
        return true;
      if ((next.cp == ')' || next.cp == U'）') && a.pure_arabic) return true;
    }
    // 一是…；二是… (enumeration, even where punctuation was lost)
    if (a.chinese && !a.has_point && next.cp == U'是' &&
        detail::wide_compare(a.value, Wide::of(10)) <= 0) {
      return true;
    }
    // A page footer: — 9 —
    if (a.pure_arabic && (before == U'—' || before == '-') && line_start_before(p)) {
      const std::size_t s = skip_spaces(end);
      const char32_t c = cp(s);
      if (c == U'—' || c == '-') return true;
    }
    return false;
  }
  [[nodiscard]] std::size_t skip_line_space_back(std::size_t i) const {
    while (i > 0) {
      const std::size_t j = detail::numbers_prev(text_, i);
      const char32_t c = detail::numbers_decode(text_, j).cp;
      if (c == ' ' || c == '\t' || c == U'　' || c == 0xA0) {
        i = j;
        continue;
      }
      break;
    }
    return i;
  }
  [[nodiscard]] bool line_start_before(std::size_t p) const {
    std::size_t i = skip_line_space_back(p);
    if (i > 0) {
      const char32_t c = prev_cp(i);
      if (c == U'—' || c == '-') i = skip_line_space_back(detail::numbers_prev(text_, i));
    }
    const char32_t c = prev_cp(i);
    return c == 0 || c == '\n' || c == '\r' || c == '\f';
  }

  // The end of a non-number word (kNotNumbers) covering the numeral at q, or 0.
  [[nodiscard]] std::size_t lexicon_end(std::size_t q) const {
    // Numerals are never ASCII.
    if (q >= text_.size() || static_cast<unsigned char>(text_[q]) < 0x80) return 0;
    const auto c = at(q);
    std::size_t best = 0;
    auto try_words = [&](const std::unordered_map<LexiconKey, std::vector<LexiconEntry>>& words,
                         char32_t neighbour) {
      const auto it = words.find(lexicon_key(c.cp, neighbour));
      if (it == words.end()) return;
      for (const LexiconEntry& e : it->second) {
        if (q < e.offset || q - e.offset < last_end_) continue;
        const std::size_t start = q - e.offset;
        if (text_.size() - start < e.word.size() || text_[start + e.probe] != e.word[e.probe]) {
          continue;
        }
        if (text_.compare(start, e.word.size(), e.word) == 0) {
          best = std::max(best, start + e.word.size());
        }
      }
    };
    if (q + c.len < text_.size()) try_words(lexicon_.by_next, cp(q + c.len));
    if (q > 0) try_words(lexicon_.by_previous, prev_cp(q));
    return best;
  }

  // ------------------------------------------------------------ post-pass
  // 大于10小于20, 最多100最少20个, 1000以上，1500以下: a lower and an upper
  // bound next to each other are one range.
  void combine_bounds() {
    // Compacts in place: `kept` trails `i`.
    std::size_t kept = 0;
    std::size_t i = 0;
    while (i < out_.size()) {
      if (i + 1 < out_.size() && joinable(out_[i], out_[i + 1])) {
        NumberMatch& x = out_[i];
        NumberMatch& y = out_[i + 1];
        NumberMatch r;
        r.begin = x.begin;
        r.end = y.end;
        r.surface = std::string(text_.substr(r.begin, r.end - r.begin));
        r.kind = NumberKind::range;
        const NumberMatch& lower = x.bound == Bound::lower ? x : y;
        const NumberMatch& upper = x.bound == Bound::lower ? y : x;
        r.low = lower.value;
        r.high = upper.value;
        r.low_inclusive = lower.low_inclusive;
        r.high_inclusive = upper.high_inclusive;
        r.unit = !x.unit.empty() ? x.unit : y.unit;
        r.unit_surface = !x.unit.empty() ? x.unit_surface : y.unit_surface;
        r.dimension = !x.unit.empty() ? x.dimension : y.dimension;
        r.unit_known = x.unit_known || y.unit_known;
        r.qualifier = x.qualifier + "…" + y.qualifier;
        r.bound = Bound::exact;
        r.precision = x.precision.to_double() < y.precision.to_double() ? x.precision : y.precision;
        out_[kept++] = std::move(r);
        i += 2;
      } else {
        if (kept != i) out_[kept] = std::move(out_[i]);
        ++kept;
        ++i;
      }
    }
    out_.resize(kept);
  }

  [[nodiscard]] bool joinable(const NumberMatch& x, const NumberMatch& y) const {
    const bool opposite = (x.bound == Bound::lower && y.bound == Bound::upper) ||
                          (x.bound == Bound::upper && y.bound == Bound::lower);
    auto family = [](NumberKind k) { return k == NumberKind::decimal ? NumberKind::cardinal : k; };
    if (!opposite || family(x.kind) != family(y.kind) || !x.value || !y.value) return false;
    if (x.kind == NumberKind::range || x.kind == NumberKind::date ||
        x.kind == NumberKind::ordinal) {
      return false;
    }
    const NumberMatch& lower = x.bound == Bound::lower ? x : y;
    const NumberMatch& upper = x.bound == Bound::lower ? y : x;
    if (!(lower.value->to_double() < upper.value->to_double())) return false;
    // What may stand between them.
    std::string_view gap = text_.substr(x.end, y.begin - x.end);
    auto trim = [](std::string_view s) {
      while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
      while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
      return s;
    };
    gap = trim(gap);
    bool comma = false;
    for (const std::string_view c : {std::string_view("，"), std::string_view(",")}) {
      if (gap.substr(0, c.size()) == c) {
        gap = trim(gap.substr(c.size()));
        comma = true;
        break;
      }
    }
    static constexpr std::string_view kJoiners[] = {"",     "并",     "且", "并且", "而且",
                                                    "同时", "的同时", "而", "但"};
    bool ok = false;
    for (const std::string_view j : kJoiners) ok = ok || gap == j;
    if (!ok) return false;
    if (comma && x.unit != y.unit) return false;
    if (!x.unit.empty() && !y.unit.empty() && x.unit != y.unit) return false;
    return true;
  }

  std::string_view text_;
  const UnitTable& units_;
  const RecognizerOptions& options_;
  const std::array<std::uint64_t, 1024>& triggers_;
  const LexiconIndex& lexicon_;
  const QualIndex& quals_;
  ScanBuffers& buffers_;
  const UnitInfo* yuan_ = nullptr;
  const UnitInfo* dollar_ = nullptr;
  std::vector<NumberMatch> out_;
  std::size_t last_end_ = 0;
};

}  // namespace

std::vector<NumberMatch> find_numbers(std::string_view text, const UnitTable& units,
                                      const RecognizerOptions& options) {
  return Scanner(text, units, options).run();
}

}  // namespace bulletin
