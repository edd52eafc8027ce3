#include "bulletin/extract.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "detail/ascii_digits.hpp"
#include "detail/lexicon.hpp"
#include "detail/numbers_lexicon.hpp"
#include "detail/segment_util.hpp"
#include "detail/text.hpp"
#include "detail/word_set.hpp"

namespace bulletin {
namespace {

using detail::ends_with;
using detail::next_code_point;
using detail::prev_code_point;
using detail::starts_with;

// How far clause and sentence scans may reach, so that a text without
// punctuation (one enormous line) stays linear.
constexpr std::size_t kMaxClauseBytes = 240;
constexpr std::size_t kMaxSentenceBytes = 600;
constexpr std::size_t kMaxQuotedCodePoints = 12;
constexpr std::size_t kMaxSubjectCodePoints = 24;

// Every delimiter and quotation mark below lies under U+3010; the Chinese
// characters that make up most of a text above it are rejected at once.
constexpr char32_t kAbovePunctuation = 0x3010;

constexpr bool is_clause_delimiter(char32_t c) {
  if (c >= kAbovePunctuation) return false;
  switch (c) {
    case U',':
    case U'。':
    case U';':
    case U'!':
    case U'?':
    case U':':
    case U'\n':
    case U'“':
    case U'”':
    case U'《':
    case U'》':
      return true;
    default:
      return false;
  }
}

constexpr bool is_sentence_delimiter(char32_t c) {
  if (c >= kAbovePunctuation) return false;
  return c == U'。' || c == U'!' || c == U'?' || c == U'\n' || c == U';';
}

// Which ASCII characters end a clause (and so may end a sentence): the
// digits and signs of figures are passed over without the whole test.
constexpr std::array<bool, 128> kAsciiClauseDelimiters = [] {
  std::array<bool, 128> table{};
  for (char32_t c = 0; c < table.size(); ++c) table[c] = is_clause_delimiter(c);
  return table;
}();

bool is_open_quote(char32_t c) {
  if (c >= kAbovePunctuation) return false;
  return c == U'“' || c == U'"' || c == U'《' || c == U'「' || c == U'『' || c == U'‘';
}
bool is_close_quote(char32_t c) {
  if (c >= kAbovePunctuation) return false;
  return c == U'”' || c == U'"' || c == U'》' || c == U'」' || c == U'』' || c == U'’';
}

/// Whether the bytes form a three-byte character above U+4000 that the
/// decoders step over whole: led by E4..EC, EE or EF (no overlong or surrogate
/// form) with two continuation bytes.
bool is_plain_cjk(char lead, char mid, char last) {
  const auto l = static_cast<unsigned char>(lead);
  return static_cast<unsigned char>(l - 0xE4) <= 0x0B && l != 0xED &&
         ((static_cast<unsigned char>(mid) ^ 0x80) | (static_cast<unsigned char>(last) ^ 0x80)) <
             0x40;
}

// The stop test is a template parameter so that it is inlined into the
// per-character loop. Every stop lies below U+3010, so the Chinese characters
// that make up most of a text are passed over on their bytes, undecoded.
template <typename Stop>
std::size_t scan_forward(std::string_view text, std::size_t pos, std::size_t ceiling, Stop stop) {
  ceiling = std::min(ceiling, pos + kMaxSentenceBytes);
  while (pos < ceiling) {
    if (pos + 3 <= text.size() && is_plain_cjk(text[pos], text[pos + 1], text[pos + 2])) {
      pos += 3;
      continue;
    }
    std::size_t next = pos;
    if (stop(next_code_point(text, next))) break;
    pos = next;
  }
  return std::min(pos, ceiling);
}

// Figures arrive in text order and many share a clause or a sentence, so a
// boundary found for one figure is reused for the next instead of scanning
// the same characters again.
//
// The clause and the sentence of a figure are found in one backward pass:
// every sentence delimiter ends a clause too, so the pass that meets the
// clause's start goes on from there to the sentence's. Chinese characters
// (no delimiter among them) are passed over on their bytes, undecoded.
class ClauseSentenceBackScan {
 public:
  struct Begins {
    std::size_t clause = 0;
    std::size_t sentence = 0;
  };

  Begins operator()(std::string_view text, std::size_t pos, std::size_t floor) {
    const std::size_t limit = pos > kMaxSentenceBytes ? pos - kMaxSentenceBytes : 0;
    Begins begins;
    if (floor == floor_ && pos >= pos_) {
      // Only the stretch since the last position is new.
      begins = scan(text, pos, std::max({floor, pos_, limit}));
      if (begins.clause == pos_) begins.clause = std::max(begins_.clause, limit);
      if (begins.sentence == pos_) begins.sentence = std::max(begins_.sentence, limit);
    } else {
      begins = scan(text, pos, std::max(floor, limit));
    }
    floor_ = floor;
    pos_ = pos;
    begins_ = begins;
    return begins;
  }

 private:
  static Begins scan(std::string_view text, std::size_t pos, std::size_t floor) {
    bool clause_found = false;
    Begins begins;
    while (pos > floor) {
      if (pos >= 3 && is_plain_cjk(text[pos - 3], text[pos - 2], text[pos - 1])) {
        pos -= 3;
        continue;
      }
      const auto last = static_cast<unsigned char>(text[pos - 1]);
      if (last < kAsciiClauseDelimiters.size() && !kAsciiClauseDelimiters[last]) {
        --pos;
        continue;
      }
      std::size_t prev = pos;
      const char32_t c = prev_code_point(text, prev);
      if (!clause_found && is_clause_delimiter(c)) {
        begins.clause = pos;
        clause_found = true;
      }
      if (is_sentence_delimiter(c)) {
        begins.sentence = pos;
        return begins;
      }
      pos = prev;
    }
    if (!clause_found) begins.clause = pos;
    begins.sentence = pos;
    return begins;
  }

  std::size_t floor_ = std::string_view::npos;
  std::size_t pos_ = 0;
  Begins begins_;
};

template <bool (*Stop)(char32_t)>
class ForwardScan {
 public:
  std::size_t operator()(std::string_view text, std::size_t pos, std::size_t ceiling) {
    // The stop found from an earlier position is the first one after `pos`
    // too, when it lies within this position's reach.
    if (found_ && ceiling == ceiling_ && pos >= from_ && pos <= end_ &&
        end_ < pos + kMaxSentenceBytes) {
      return end_;
    }
    const std::size_t end = scan_forward(text, pos, ceiling, stop);
    from_ = pos;
    end_ = end;
    ceiling_ = ceiling;
    found_ = end < std::min(ceiling, pos + kMaxSentenceBytes);
    return end;
  }

 private:
  static constexpr auto stop = [](char32_t c) { return Stop(c); };
  std::size_t from_ = 0;
  std::size_t end_ = 0;
  std::size_t ceiling_ = 0;
  bool found_ = false;
};

/// Inside a short quotation (“两个维护”, “1+6”, 《…》): a name or slogan.
bool inside_short_quote(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t pos = begin;
  std::size_t n = 0;
  bool opened = false;
  while (pos > 0 && n <= kMaxQuotedCodePoints) {
    // Chinese characters, neither quotes nor delimiters, are counted undecoded.
    if (pos >= 3 && is_plain_cjk(text[pos - 3], text[pos - 2], text[pos - 1])) {
      pos -= 3;
      ++n;
      continue;
    }
    std::size_t prev = pos;
    const char32_t c = prev_code_point(text, prev);
    if (is_open_quote(c)) {
      opened = true;
      break;
    }
    if (is_close_quote(c) || is_clause_delimiter(c)) return false;
    pos = prev;
    ++n;
  }
  if (!opened) return false;
  pos = end;
  while (pos < text.size() && n <= kMaxQuotedCodePoints) {
    const char32_t c = next_code_point(text, pos);
    if (is_close_quote(c)) return true;
    if (is_open_quote(c) || is_clause_delimiter(c)) return false;
    ++n;
  }
  return false;
}

constexpr std::array<std::string_view, 6> kScales = {"万", "亿", "萬", "億", "千", "百"};

constexpr std::array<bool, 256> make_scale_last_bytes() {
  std::array<bool, 256> last{};
  for (std::string_view scale : kScales) last[static_cast<unsigned char>(scale.back())] = true;
  return last;
}
constexpr std::array<bool, 256> kScaleLastBytes = make_scale_last_bytes();

/// The three bytes ending at `end`, as one number.
constexpr std::uint32_t three_bytes_before(std::string_view s, std::size_t end) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[end - 3])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(s[end - 2])) << 8 |
         static_cast<unsigned char>(s[end - 1]);
}

constexpr bool scales_are_three_bytes() {
  for (std::string_view scale : kScales) {
    if (scale.size() != 3) return false;
  }
  return true;
}
static_assert(scales_are_three_bytes(), "has_scale compares three bytes at a time");

constexpr std::array<std::uint32_t, kScales.size()> make_scale_codes() {
  std::array<std::uint32_t, kScales.size()> codes{};
  for (std::size_t k = 0; k < kScales.size(); ++k) codes[k] = three_bytes_before(kScales[k], 3);
  return codes;
}
constexpr std::array<std::uint32_t, kScales.size()> kScaleCodes = make_scale_codes();

bool has_scale(std::string_view s) {
  // One pass over the surface; where a byte could end a scale, the three
  // bytes are compared with the scales' at once.
  for (std::size_t end = 3; end <= s.size(); ++end) {
    if (!kScaleLastBytes[static_cast<unsigned char>(s[end - 1])]) continue;
    const std::uint32_t code = three_bytes_before(s, end);
    for (const std::uint32_t scale : kScaleCodes) {
      if (code == scale) return true;
    }
  }
  return false;
}

constexpr std::array<std::string_view, 41> kLeadingFillers = {
    "截至目前", "截至年底", "今年以来", "近年来", "目前", "其中", "共计", "合计", "总计",
    "累计",     "已经",     "同时",     "另有",   "此外", "以及", "先后", "分别", "今年",
    "全年",     "当年",     "共",       "已",     "并",   "还",   "和",   "及",   "与",
    "又",       "再",       "以来",     "度",     "我区", "我市", "我县", "我局", "我们",
    "对",       "全区",     "全市",     "全县",   "底"};

// 约 is not here: the recognizer keeps it as a qualifier, and 签约 must stay whole.
constexpr std::array<std::string_view, 23> kTrailingFillers = {
    "分别为", "分别达", "已达到", "达到了", "达到",   "共计",   "合计",   "总计",
    "累计",   "增至",   "提升至", "提高到", "提高至", "上升至", "下降至", "降至",
    "已达",   "达",     "为",     "是",     "有",     "共",     "了"};

// Words that end in a filler character but are whole words (违法行为, 所有).
constexpr std::array<std::string_view, 24> kWordsEndingLikeFillers = {
    "行为", "作为", "成为", "认为", "因为", "称为", "所有", "拥有", "具有", "现有", "没有", "只有",
    "就是", "凡是", "但是", "到达", "抵达", "发达", "表达", "下达", "传达", "公共", "为了", "除了"};

using Side = detail::AffixIndex::Side;

/// The filler lists' indexes: every subject is stripped with all three.
struct FillerIndexes {
  detail::AffixIndex leading{kLeadingFillers, Side::prefix};
  detail::AffixIndex trailing{kTrailingFillers, Side::suffix};
  detail::AffixIndex whole_words{kWordsEndingLikeFillers, Side::suffix};
};

constexpr std::size_t longest_filler() {
  std::size_t longest = 0;
  for (std::string_view f : kLeadingFillers) longest = std::max(longest, f.size());
  for (std::string_view f : kTrailingFillers) longest = std::max(longest, f.size());
  return longest;
}
constexpr std::size_t kLongestFiller = longest_filler();

bool is_filler(std::string_view s, const FillerIndexes& indexes) {
  // Most subjects are longer than any filler, and need no lookup.
  if (s.size() > kLongestFiller) return false;
  return indexes.leading.contains(s) || indexes.trailing.contains(s);
}

constexpr std::array<std::string_view, 22> kUpVerbs = {
    "增长", "增加",   "提高",   "上升",   "提升",   "扩大", "上涨", "增幅", "增速", "增", "涨",
    "增長", "增加了", "提高了", "增长了", "上升了", "回升", "攀升", "加快", "多",   "高", "升"};
constexpr std::array<std::string_view, 18> kDownVerbs = {
    "下降", "减少",   "降低",   "回落",   "下滑", "缩小", "收窄", "减", "降",
    "跌",   "下降了", "减少了", "降低了", "下跌", "减少", "降幅", "少", "低"};

constexpr bool is_up_verb(std::string_view verb) {
  for (std::string_view up : kUpVerbs) {
    if (up == verb) return true;
  }
  return false;
}

/// The verbs of both directions, for one lookup: no word is in both lists,
/// so the longest that ends a text is the longer of the longest of each.
constexpr std::array<std::string_view, kUpVerbs.size() + kDownVerbs.size()> kChangeVerbs = [] {
  std::array<std::string_view, kUpVerbs.size() + kDownVerbs.size()> all{};
  std::size_t k = 0;
  for (std::string_view verb : kUpVerbs) all[k++] = verb;
  for (std::string_view verb : kDownVerbs) all[k++] = verb;
  return all;
}();

constexpr bool no_verb_in_both_directions() {
  for (std::string_view verb : kDownVerbs) {
    if (is_up_verb(verb)) return false;
  }
  return true;
}
static_assert(no_verb_in_both_directions(), "a verb's direction is told by its list");

constexpr std::array<std::string_view, 14> kBases = {
    "比上年同期", "较上年同期", "比去年同期", "较去年同期", "比上年", "较上年", "比去年",
    "较去年",     "同比",       "环比",       "比上月",     "较上月", "比年初", "较年初"};

constexpr std::array<std::string_view, 10> kSubjectPunctuation = {"、", ",", "，", ":",  "(",
                                                                  ")",  "“", "”",  "\"", "."};

// Which bytes a mark of kSubjectPunctuation starts (bit 1) or ends (bit 2)
// with: most subjects neither start nor end with one, and are passed over
// without comparing each mark.
constexpr std::array<std::uint8_t, 256> make_punctuation_edges() {
  std::array<std::uint8_t, 256> edges{};
  for (std::string_view p : kSubjectPunctuation) {
    edges[static_cast<unsigned char>(p.front())] |= 1;
    edges[static_cast<unsigned char>(p.back())] |= 2;
  }
  return edges;
}
constexpr std::array<std::uint8_t, 256> kPunctuationEdges = make_punctuation_edges();

bool may_have_punctuation_edge(std::string_view s) {
  return !s.empty() && ((kPunctuationEdges[static_cast<unsigned char>(s.front())] & 1) != 0 ||
                        (kPunctuationEdges[static_cast<unsigned char>(s.back())] & 2) != 0);
}

std::string_view strip_subject(std::string_view s, const FillerIndexes& indexes) {
  // Most figures are followed at once by a delimiter or another figure, and
  // the words after them are none.
  if (s.empty()) return s;
  const detail::AffixIndex& leading = indexes.leading;
  const detail::AffixIndex& trailing = indexes.trailing;
  const detail::AffixIndex& whole_words = indexes.whole_words;
  for (bool changed = true; changed;) {
    changed = false;
    s = detail::trim(s);
    if (may_have_punctuation_edge(s)) {
      // A closing parenthesis stays when it closes one inside the subject: 地区生产总值(GDP).
      const bool balanced = s.find('(') != std::string_view::npos && ends_with(s, ")");
      for (std::string_view p : kSubjectPunctuation) {
        if (p == ")" && balanced) continue;
        if (starts_with(s, p)) {
          s.remove_prefix(p.size());
          changed = true;
        }
        if (ends_with(s, p)) {
          s.remove_suffix(p.size());
          changed = true;
        }
      }
    }
    // The first filler in list order that leaves something behind.
    std::string_view filler;
    const auto shorter = [&](std::string_view f) {
      if (s.size() <= f.size()) return false;
      filler = f;
      return true;
    };
    if (leading.any(s, shorter)) {
      s.remove_prefix(filler.size());
      changed = true;
    }
    // Few subjects end in a filler, so the whole words are looked up last.
    if (trailing.any(s, shorter) && whole_words.first(s).empty()) {
      s.remove_suffix(filler.size());
      changed = true;
    }
  }
  // Keep the tail: the words next to the number say what it measures.
  if (s.size() <= kMaxSubjectCodePoints) return s;  // no more code points than bytes
  std::size_t n = detail::count_code_points(s);
  std::size_t pos = 0;
  while (n > kMaxSubjectCodePoints) {
    next_code_point(s, pos);
    --n;
  }
  return s.substr(pos);
}

/// s = text, keeping the room s has (a recycled fact's). assign() takes the
/// general path of replace(), which allows for text inside s itself; the
/// extractor's text never is.
void copy_into(std::string& s, std::string_view text) {
  s.clear();
  s.append(text);
}

/// s.rfind(word) for a non-empty word. string_view::rfind compares the word
/// at every position; here candidates are found forward by the word's last
/// byte (which varies most in Chinese UTF-8, see find_word), and most
/// subjects hold none.
std::size_t rfind_word(std::string_view s, std::string_view word) {
  std::size_t last = std::string_view::npos;
  for (std::size_t at = detail::find_word(s, word); at != std::string_view::npos;
       at = detail::find_word(s, word, at + 1)) {
    last = at;
  }
  return last;
}

std::optional<int> year_of_date(std::string_view surface) {
  if (surface.size() < 4) return std::nullopt;
  int y = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (surface[i] < '0' || surface[i] > '9') return std::nullopt;
    y = y * 10 + (surface[i] - '0');
  }
  if (y < 1900 || y > 2199) return std::nullopt;
  return y;
}

/// Whether plan word k of kTargetWords, found at `at` in `text`, marks a plan.
bool marks_plan(std::string_view text, std::size_t at, std::size_t k) {
  // 计划生育 is family planning, not a plan.
  return !(detail::kTargetWords[k] == "计划" && starts_with(text.substr(at), "计划生育"));
}

bool mentions_target(std::string_view sentence, const detail::WordSet& target_words) {
  bool found = false;
  target_words.scan(sentence, [&](std::size_t at, std::size_t k) {
    found = marks_plan(sentence, at, k);
    return !found;
  });
  return found;
}

/// Whether a heading holds a word that puts everything under it in a plan:
/// one pass over the heading, not one find() per word.
bool names_plan(std::string_view heading, const detail::WordSet& plan_words) {
  bool found = false;
  plan_words.scan(heading, [&](std::size_t, std::size_t) {
    found = true;
    return false;
  });
  return found;
}

constexpr std::size_t kTargetWordCount = std::size(detail::kTargetWords);

/// Plan words (indices below kTargetWordCount) and then the bases, so that a
/// clause is read once for both.
detail::WordSet make_clause_word_set() {
  std::vector<std::string_view> all(std::begin(detail::kTargetWords),
                                    std::end(detail::kTargetWords));
  all.insert(all.end(), kBases.begin(), kBases.end());
  return detail::WordSet(all);
}

/// Every word list the extractor looks up, indexed once per process. An
/// extractor keeps a reference, so that no lookup made per figure first
/// tests whether its list has been indexed yet.
struct Lexicon {
  FillerIndexes fillers;
  detail::AffixIndex change_verbs{kChangeVerbs, Side::suffix};
  detail::WordSet target_words{detail::kTargetWords};
  detail::WordSet plan_words{detail::kPlanHeadingWords};
  detail::WordSet clause_words = make_clause_word_set();
};

const Lexicon& lexicon() {
  static const Lexicon words;
  return words;
}

class Extractor {
 public:
  Extractor(std::string_view text, const Segmentation& seg, const ExtractOptions& options)
      : text_(text),
        seg_(seg),
        options_(options),
        units_(options.units != nullptr ? *options.units : UnitTable::builtin()),
        lexicon_(lexicon()) {}

  Extraction run() {
    run(nullptr, first_fact_group(text_, seg_, options_).begin, text_.size());
    return std::move(out_);
  }

  /// The groups from `begin` to `end`, both where groups start or the text
  /// ends. Called again, on groups further on: what the facts before hold
  /// for later ones is all position-bound (see FactGroupExtractor), and
  /// the lookups that go on from the last figure's position go on from there.
  std::vector<Diagnostic> run_in_groups(const FactGroupHandler& on_group, std::size_t begin,
                                        std::size_t end, std::size_t first_fact) {
    live_ = 0;
    handed_ = first_fact;
    carried_.reset();
    last_year_.reset();
    out_.diagnostics.clear();
    run(&on_group, begin, end);
    return std::move(out_.diagnostics);
  }

 private:
  // Dense communiqués hold a number every 35 bytes; fewer are facts.
  static constexpr std::size_t kMinBytesPerFact = 32;

  void run(const FactGroupHandler* on_group, std::size_t base, std::size_t end) {
    std::size_t previous_end = base;
    // The recognizer runs over a group of lines at a time: each match is used
    // once, in order, and a dense communiqué holds a number every 35 bytes
    // (a match is ~300 bytes), so holding all of them would cost ten times
    // the text. The groups end where no number spans the line break (see
    // next_fact_group), so they give the matches one pass over the body would.
    for (std::size_t chunk = base; chunk < end;) {
      const std::size_t chunk_end = next_fact_group(text_, {0, chunk}, options_).end;
      auto matches = find_numbers(text_.substr(chunk, chunk_end - chunk), units_);
      for (auto& m : matches) {
        m.begin += chunk;
        m.end += chunk;
      }
      if (on_group != nullptr)
        out_.facts.reserve(matches.size());
      else if (chunk == base)
        reserve_facts(matches.size(), chunk_end - chunk);
      for (std::size_t k = 0; k < matches.size(); ++k) {
        // The clause of the group's last figure ends at the group's line
        // break, before any figure of the next group.
        const std::size_t next_begin = k + 1 < matches.size() ? matches[k + 1].begin : chunk_end;
        if (!take(matches[k], next_begin, previous_end)) {
          if (on_group != nullptr) hand_over(*on_group, chunk, text_.size());
          return;
        }
      }
      if (on_group != nullptr) hand_over(*on_group, chunk, chunk_end);
      chunk = chunk_end;
    }
  }

  /// Gives the group's facts to the handler and starts the next group, keeping
  /// the last fact, which the next one may take its subject from.
  void hand_over(const FactGroupHandler& on_group, std::size_t begin, std::size_t end) {
    out_.facts.resize(live_);
    if (live_ > 0) carried_ = out_.facts.back();
    FactGroup group{out_.facts, handed_, begin, end};
    on_group(group);
    handed_ += live_;
    live_ = 0;
  }

  /// The fact to fill next. In groups it is one of the last group's, whose
  /// strings keep their room: most facts' clause, subject and section path
  /// then fit without an allocation.
  Fact& next_fact() {
    if (live_ < out_.facts.size()) return out_.facts[live_++];
    ++live_;
    return out_.facts.emplace_back();
  }

  /// Sizes the fact list from the first group's matches, so that it is not
  /// moved over and over as it grows: each match is at most one fact, and the
  /// rest of the body is assumed no denser than the first group.
  void reserve_facts(std::size_t first_matches, std::size_t first_bytes) {
    const std::size_t body = text_.size() - std::min(seg_.body_begin, text_.size());
    if (first_bytes == 0) return;
    std::size_t estimate = first_matches * (body / first_bytes) +
                           first_matches * (body % first_bytes) / first_bytes + 1;
    estimate = std::min({estimate, body / kMinBytesPerFact + 1, options_.max_facts});
    out_.facts.reserve(estimate);
  }

  /// Turns one match into a fact if it is one; false once the fact limit is
  /// reached.
  bool take(NumberMatch& m, std::size_t next_begin, std::size_t& previous_end) {
    while (excluded_ < seg_.excluded.size() && seg_.excluded[excluded_].end <= m.begin) ++excluded_;
    const bool in_excluded =
        excluded_ < seg_.excluded.size() && seg_.excluded[excluded_].begin < m.end;
    if (in_excluded) {
      previous_end = m.end;
      return true;
    }
    if (m.kind == NumberKind::date) {
      if (auto y = year_of_date(m.surface)) {
        last_year_ = y;
        last_year_at_ = m.begin;
      }
    }
    // Subjects never reach back over a label or heading marker (2.今年…).
    const std::size_t marker_end = excluded_ > 0 ? seg_.excluded[excluded_ - 1].end : 0;
    const bool accepted = accept(m);
    if (accepted) {
      if (handed_ + live_ >= options_.max_facts) {
        out_.diagnostics.push_back({Severity::warning, "too-many-facts",
                                    "fact limit of " + std::to_string(options_.max_facts) +
                                        " reached; the rest of the document was not extracted",
                                    m.begin, 0, 0});
        return false;
      }
      // Reported first: build takes the match's strings.
      if (m.overflow) report_overflow(m);
      build(m, std::max(previous_end, marker_end), next_begin);
    }
    // A subject runs from the previous fact or date; set-aside numbers such
    // as the ordinal in 第一产业增加值 stay part of it.
    if (accepted || m.kind == NumberKind::date || m.kind == NumberKind::time) {
      previous_end = m.end;
    }
    return true;
  }

  // A number too long to hold exactly (a 10,000-digit run) keeps its fact with
  // no value; the reader is told, with the surface shortened so that the
  // message stays one line.
  void report_overflow(const NumberMatch& m) {
    constexpr std::size_t kShown = 20;
    std::string shown;
    std::size_t pos = 0;
    std::size_t n = 0;
    while (pos < m.surface.size() && n < kShown) {
      detail::append_utf8(shown, detail::next_code_point(m.surface, pos));
      ++n;
    }
    if (pos < m.surface.size()) {
      shown += "… (" + std::to_string(detail::count_code_points(m.surface)) + " characters)";
    }
    out_.diagnostics.push_back({Severity::warning, "number-overflow",
                                "the number " + shown + " does not fit; its value is left out",
                                m.begin, 0, 0});
  }

  bool is_rank(const NumberMatch& m) const {
    std::size_t from = m.begin > 18 ? m.begin - 18 : 0;
    std::string_view before = text_.substr(from, m.begin - from);
    for (std::string_view cue : {"居", "位居", "排名", "位列", "名列", "排"}) {
      if (before.find(cue) != std::string_view::npos) return true;
    }
    return false;
  }

  bool accept(const NumberMatch& m) const {
    switch (m.kind) {
      case NumberKind::date:
      case NumberKind::time:
      case NumberKind::identifier:
        return false;
      case NumberKind::ordinal:
        return is_rank(m);
      default:
        break;
    }
    if (inside_short_quote(text_, m.begin, m.end)) return false;
    const bool arabic = detail::has_ascii_digit(m.surface);
    const bool scaled = has_scale(m.surface);
    const bool quantified = m.unit_known || m.kind == NumberKind::percent ||
                            m.kind == NumberKind::permille || m.kind == NumberKind::fraction;
    // A Chinese numeral with no unit or scale is a name (党的二十大, 一村一辅警), not a figure.
    if (!arabic && !quantified && !scaled) return false;
    // 一批, 一项, 一部分: the numeral one before a measure word is an article.
    if (!arabic && !scaled && m.value && m.value->to_string() == "1" &&
        m.kind == NumberKind::cardinal) {
      return false;
    }
    if (arabic && !m.unit_known && !scaled && m.value && m.value->is_integer()) {
      const std::string digits = m.value->to_string();
      // Five or more digits with no unit: a phone number or code (5980090进行核实).
      if (digits.size() >= 5) return false;
      // A year written without 年 (2023具备…, 2022物业服务质量提升年).
      if (digits.size() == 4 && (digits[0] == '1' || digits[0] == '2') &&
          m.surface.find(digits) == 0 &&
          (digits.compare(0, 2, "19") == 0 || digits.compare(0, 2, "20") == 0)) {
        return false;
      }
    }
    std::string_view after = text_.substr(m.end, 3);
    // 65岁以上老年人: an age that qualifies a group, not a figure reported (人均预期寿命79.5岁 is).
    if ((m.unit == "岁" || m.unit == "周岁") && m.end < text_.size()) {
      std::size_t p = m.end;
      if (detail::is_han(next_code_point(text_, p))) return false;
    }
    // 建党100周年: an anniversary is an ordinal.
    if (m.unit == "周" && after == "年") return false;
    // A bare Arabic number with nothing after it is a list item or a code.
    if (arabic && m.unit.empty() && !quantified && !scaled && m.qualifier.empty()) return false;
    return true;
  }

  /// Appends the fact of `m`, whose strings it takes.
  void build(NumberMatch& m, std::size_t previous_end, std::size_t next_begin) {
    // Built in place: a Fact is large, and moving it in costs as much as
    // filling most of it.
    Fact& f = next_fact();
    const Fact* const previous = live_ > 1  ? &out_.facts[live_ - 2]
                                 : carried_ ? &*carried_
                                            : nullptr;
    // Members that are set only sometimes start empty (the fact may be reused).
    f.qualifier.reset();
    f.direction.reset();
    f.base.reset();
    f.span = {};
    f.kind = m.kind;
    f.value = m.value;
    f.low = m.low;
    f.high = m.high;
    f.unit = std::move(m.unit);
    f.dimension = std::move(m.dimension);
    f.unit_known = m.unit_known;
    if (!m.qualifier.empty()) f.qualifier = std::move(m.qualifier);
    f.bound = m.bound;
    f.precision = m.precision;
    f.text = std::move(m.surface);
    f.span.start = m.begin;
    f.span.end = m.end;

    const auto turn = turn_at(m.begin);
    const std::size_t floor =
        turn ? seg_.turn_bodies[static_cast<std::size_t>(*turn - 1)].begin : seg_.body_begin;
    if (turn) {
      f.turn = *turn;
      f.speaker = seg_.document.turns[static_cast<std::size_t>(*turn - 1)].speaker;
    } else {
      f.turn.reset();
      f.speaker.reset();
    }
    const ClauseSentenceBackScan::Begins begins = back_scan_(text_, m.begin, floor);
    const std::size_t clause_begin =
        std::max(begins.clause, m.begin > kMaxClauseBytes ? m.begin - kMaxClauseBytes : 0);
    const std::size_t clause_end = clause_forward_(text_, m.end, text_.size());
    copy_into(f.clause, detail::trim(text_.substr(clause_begin, clause_end - clause_begin)));
    const ClauseWords& words = clause_words(clause_begin, clause_end);

    const std::size_t subject_begin = std::max(clause_begin, std::min(previous_end, m.begin));
    std::string_view pre = text_.substr(subject_begin, m.begin - subject_begin);

    // Change against a base: 比上年增长5.2%, 同比下降3起, 提高0.3个百分点.
    const std::string_view verb = lexicon_.change_verbs.longest(pre);
    const bool strong_verb = detail::count_code_points(verb) >= 2;
    const bool pp = std::string_view(f.unit) == "百分点";
    if (!verb.empty() && (strong_verb || pp)) {
      f.direction = is_up_verb(verb) ? Direction::up : Direction::down;
      pre.remove_suffix(verb.size());
    }
    for (std::size_t k = 0; k < kBases.size() && words.any_base; ++k) {
      const std::string_view b = kBases[k];
      // The first place the base stands in the clause, if it ends before the figure.
      if (words.base_at[k] == std::string_view::npos ||
          clause_begin + words.base_at[k] + b.size() > m.begin) {
        continue;
      }
      f.base = std::string(b);
      const std::size_t in_pre = pre.find(b);
      if (in_pre != std::string_view::npos) pre = pre.substr(0, in_pre);
      break;
    }
    // 比2021年 / 较2021年. The year is four ASCII digits in `pre`, and most
    // figures' words hold none: those are not searched for the cues.
    if (!f.base && detail::has_ascii_digit(pre)) {
      for (std::string_view cue : {"比", "较"}) {
        if (pre.size() < cue.size() + 4) continue;  // no room for a year after it
        const std::size_t at = rfind_word(pre, cue);
        if (at != std::string_view::npos && at + cue.size() + 4 <= pre.size() &&
            year_of_date(pre.substr(at + cue.size()))) {
          f.base =
              std::string(pre.substr(at, std::min<std::size_t>(pre.size() - at, cue.size() + 7)));
          pre = pre.substr(0, at);
          break;
        }
      }
    }
    if (m.kind == NumberKind::ordinal) {
      // 受理量居各区第一: what is ranked stands before 居/排名.
      for (std::string_view cue : {"位居", "位列", "名列", "排名", "居", "排"}) {
        const std::size_t at = rfind_word(pre, cue);
        if (at != std::string_view::npos && at > 0) {
          pre = pre.substr(0, at);
          break;
        }
      }
    }
    std::string_view subject = strip_subject(pre, lexicon_.fillers);
    if (is_filler(subject, lexicon_.fillers)) subject = {};
    // 完成1处省级示范标准村卫生室, A、B、C等13项整治任务: the thing counted follows the number.
    const std::size_t after_end =
        scan_forward(text_, m.end, std::min(clause_end, next_begin), [](char32_t c) {
          return is_clause_delimiter(c) || c == U'、' || (c >= U'0' && c <= U'9');
        });
    std::string_view post = strip_subject(text_.substr(m.end, after_end - m.end), lexicon_.fillers);
    const bool post_usable =
        detail::count_code_points(post) >= 2 && !is_filler(post, lexicon_.fillers);
    const bool listed_before = ends_with(pre, "等") || subject.find("、") != std::string_view::npos;
    if (post_usable && listed_before) {
      copy_into(f.subject, post);
    } else if (post_usable && detail::count_code_points(subject) <= 2) {
      copy_into(f.subject, subject);
      f.subject.append(post);
    } else {
      copy_into(f.subject, subject);
    }
    if (f.subject.empty() && previous != nullptr && previous->turn == f.turn &&
        begins.sentence <= previous->span.start) {
      f.subject = previous->subject;  // 地区生产总值1234亿元,增长5.2%
    }

    if (pp) {
      f.measure = Measure::pp_change;
      if (!f.direction) f.direction = Direction::up;
    } else if (m.kind == NumberKind::ordinal) {
      f.measure = Measure::rank;
      f.unit.clear();
    } else if (f.direction) {
      f.measure = Measure::change;
    } else if (m.kind == NumberKind::percent || m.kind == NumberKind::permille) {
      f.measure = Measure::share;
    } else if (std::string_view(f.dimension) == "count") {
      f.measure = Measure::count;
    } else {
      f.measure = Measure::level;
    }
    if (f.measure != Measure::change && f.measure != Measure::pp_change) f.base.reset();

    section_path(m.begin, f.section);

    const std::size_t s_begin = begins.sentence;
    const std::size_t s_end = sentence_forward_(text_, m.end, text_.size());
    f.year = seg_.document.year;
    if (last_year_ && last_year_at_ >= s_begin) {
      f.year = last_year_;
    } else if (f.year && next_year_before(s_begin, s_end, m.begin)) {
      f.year = *f.year + 1;
    } else if (auto y = heading_year()) {
      f.year = y;
    }
    // A plan word counts in the figure's own clause or in the sentence's
    // opening clause (力争…, 计划到2025年…), not anywhere in a long sentence.
    // No clause delimiter stands between the clause's start and the figure,
    // so when the clause opens the sentence, its end is looked for from the
    // figure on.
    const std::size_t opening_from = begins.clause == s_begin ? m.begin : s_begin;
    f.target = words.target || opening_mentions_target(s_begin, s_end, opening_from) ||
               under_plan_heading() ||
               (f.year && seg_.document.year && *f.year > *seg_.document.year);
  }

  // Figures come in runs within one clause or sentence; what their words say
  // is found once per clause, not once per figure.
  struct ClauseWords {
    std::size_t begin = std::string_view::npos;
    std::size_t end = 0;
    bool target = false;
    bool any_base = false;  // most clauses hold none, and need no look at base_at
    std::array<std::size_t, kBases.size()> base_at{};
  };

  const ClauseWords& clause_words(std::size_t begin, std::size_t end) {
    if (clause_.begin == begin && clause_.end == end) return clause_;
    clause_.begin = begin;
    clause_.end = end;
    const std::string_view clause = text_.substr(begin, end - begin);
    // Words hold no blanks, so the blanks trimmed off a clause elsewhere
    // change nothing found here.
    clause_.target = false;
    clause_.any_base = false;
    clause_.base_at.fill(std::string_view::npos);
    lexicon_.clause_words.scan(clause, [&](std::size_t at, std::size_t k) {
      if (k < kTargetWordCount) {
        clause_.target = clause_.target || marks_plan(clause, at, k);
      } else if (clause_.base_at[k - kTargetWordCount] == std::string_view::npos) {
        clause_.base_at[k - kTargetWordCount] = at;
        clause_.any_base = true;
      }
      return true;
    });
    return clause_;
  }

  /// Whether the opening clause of the sentence [begin, end) holds a plan
  /// word; found once per sentence. Its end is looked for from `from`, which
  /// the caller knows no clause delimiter to stand before (in a well-formed
  /// text, where a scan from `begin` passes every character start).
  bool opening_mentions_target(std::size_t begin, std::size_t end, std::size_t from) {
    if (sentence_begin_ != begin || sentence_end_ != end) {
      sentence_begin_ = begin;
      sentence_end_ = end;
      // The reach is the one a scan from `begin` has.
      const std::size_t opening_end =
          scan_forward(text_, from, std::min(end, begin + kMaxSentenceBytes),
                       [](char32_t c) { return is_clause_delimiter(c); });
      // Often the opening clause is the figure's own, already read.
      opening_target_ =
          begin == clause_.begin && opening_end == clause_.end
              ? clause_.target
              : mentions_target(text_.substr(begin, opening_end - begin), lexicon_.target_words);
    }
    return opening_target_;
  }

  /// Whether 明年 stands in the sentence [begin, end) before `pos`. Where it
  /// first stands is found once per sentence: its lead byte is common in
  /// Chinese, and a find() per figure stopped at each one.
  bool next_year_before(std::size_t begin, std::size_t end, std::size_t pos) {
    constexpr std::string_view kNextYear = "明年";
    if (year_word_begin_ != begin || year_word_end_ != end) {
      year_word_begin_ = begin;
      year_word_end_ = end;
      const std::size_t at = detail::find_word(text_.substr(begin, end - begin), kNextYear);
      year_word_at_ = at == std::string_view::npos ? at : begin + at;
    }
    return year_word_at_ != std::string_view::npos && year_word_at_ + kNextYear.size() <= pos;
  }

  /// The turn whose body holds `offset`. Figures arrive in text order, so
  /// the bodies that begin at or before it are counted on from the last
  /// figure's, not searched for again.
  std::optional<int> turn_at(std::size_t offset) {
    const auto& bodies = seg_.turn_bodies;
    if (offset < turn_offset_) bodies_begun_ = 0;
    turn_offset_ = offset;
    while (bodies_begun_ < bodies.size() && bodies[bodies_begun_].begin <= offset) ++bodies_begun_;
    if (bodies_begun_ == 0 || offset >= bodies[bodies_begun_ - 1].end) return std::nullopt;
    return static_cast<int>(bodies_begun_);
  }

  /// Headings open at `pos`; facts arrive in order, so a stack suffices.
  void section_path(std::size_t pos, std::vector<std::string>& path) {
    const auto& sections = seg_.document.sections;
    const std::size_t open_before = open_.size();
    std::size_t kept = open_before;  // entries of open_ that stayed open throughout
    while (!open_.empty() && seg_.section_ends[open_.back()] <= pos) open_.pop_back();
    kept = std::min(kept, open_.size());
    while (next_section_ < sections.size() && seg_.section_starts[next_section_] <= pos) {
      while (!open_.empty() &&
             seg_.section_ends[open_.back()] <= seg_.section_starts[next_section_]) {
        open_.pop_back();
      }
      kept = std::min(kept, open_.size());
      if (seg_.section_ends[next_section_] > pos) open_.push_back(next_section_);
      ++next_section_;
    }
    // Figures under one heading share its path: it is composed once, into
    // the strings of the headings it replaces where there are some.
    open_path_.resize(open_.size());
    for (std::size_t k = kept; k < open_.size(); ++k) {
      const Section& section = sections[open_[k]];
      open_path_[k].assign(section.marker).append(section.heading);
    }
    copy_open_path(path);
    if (kept != open_before || kept != open_.size()) read_open_headings();
  }

  /// path = open_path_. A recycled fact's path is often deeper or shallower
  /// than the one it takes: the headings it lets go keep their room for the
  /// next path that needs more, instead of being freed and allocated again.
  void copy_open_path(std::vector<std::string>& path) {
    while (path.size() > open_path_.size()) {
      spare_headings_.push_back(std::move(path.back()));
      path.pop_back();
    }
    for (std::size_t k = 0; k < path.size(); ++k) path[k] = open_path_[k];
    while (path.size() < open_path_.size()) {
      if (spare_headings_.empty()) {
        path.push_back(open_path_[path.size()]);
        continue;
      }
      path.push_back(std::move(spare_headings_.back()));
      spare_headings_.pop_back();
      path.back() = open_path_[path.size() - 1];
    }
  }

  struct SectionWords {
    bool known = false;
    bool plan = false;
    std::optional<int> year;
  };

  // A heading is read once for its year and plan words, not for every
  // figure under it.
  const SectionWords& section_words(std::size_t k) {
    if (section_words_.size() != seg_.document.sections.size()) {
      section_words_.assign(seg_.document.sections.size(), SectionWords{});
    }
    SectionWords& w = section_words_[k];
    if (!w.known) {
      const std::string& h = seg_.document.sections[k].heading;
      w.year = detail::find_year(h);
      w.plan = names_plan(h, lexicon_.plan_words);
      w.known = true;
    }
    return w;
  }

  /// What the open headings say, read again only when they change: the
  /// innermost year among them, and whether any is a plan's.
  void read_open_headings() {
    open_year_.reset();
    for (auto it = open_.rbegin(); it != open_.rend() && !open_year_; ++it) {
      open_year_ = section_words(*it).year;
    }
    open_plan_ = false;
    for (std::size_t k : open_) open_plan_ = open_plan_ || section_words(k).plan;
  }

  [[nodiscard]] std::optional<int> heading_year() const { return open_year_; }
  [[nodiscard]] bool under_plan_heading() const { return open_plan_; }

  std::string_view text_;
  const Segmentation& seg_;
  const ExtractOptions& options_;
  const UnitTable& units_;
  const Lexicon& lexicon_;
  Extraction out_;
  std::size_t live_ = 0;         // facts filled in the current group (all of them outside groups)
  std::size_t handed_ = 0;       // facts given to the group handler so far
  std::optional<Fact> carried_;  // the last fact handed over
  std::size_t excluded_ = 0;     // how many of seg_.excluded end before the last figure
  std::vector<std::size_t> open_;
  std::vector<std::string> open_path_;       // the headings of open_, marker included
  std::vector<std::string> spare_headings_;  // see copy_open_path
  std::optional<int> open_year_;             // see read_open_headings
  bool open_plan_ = false;
  std::size_t next_section_ = 0;
  std::size_t turn_offset_ = 0;   // the offset turn_at was last asked about
  std::size_t bodies_begun_ = 0;  // how many turn bodies begin at or before it
  std::optional<int> last_year_;
  std::size_t last_year_at_ = 0;
  ClauseWords clause_;
  ClauseSentenceBackScan back_scan_;
  ForwardScan<is_clause_delimiter> clause_forward_;
  ForwardScan<is_sentence_delimiter> sentence_forward_;
  std::vector<SectionWords> section_words_;
  std::size_t sentence_begin_ = std::string_view::npos;
  std::size_t sentence_end_ = 0;
  bool opening_target_ = false;
  std::size_t year_word_begin_ = std::string_view::npos;
  std::size_t year_word_end_ = 0;
  std::size_t year_word_at_ = std::string_view::npos;
};

}  // namespace

Extraction extract_facts(std::string_view normalized, const Segmentation& segmentation,
                         const ExtractOptions& options) {
  return Extractor(normalized, segmentation, options).run();
}

std::vector<Diagnostic> extract_facts_in_groups(std::string_view normalized,
                                                const Segmentation& segmentation,
                                                const ExtractOptions& options,
                                                const FactGroupHandler& on_group) {
  const std::size_t begin = first_fact_group(normalized, segmentation, options).begin;
  return Extractor(normalized, segmentation, options)
      .run_in_groups(on_group, begin, normalized.size(), 0);
}

struct FactGroupExtractor::State {
  Extractor extractor;
};

FactGroupExtractor::FactGroupExtractor(std::string_view normalized,
                                       const Segmentation& segmentation,
                                       const ExtractOptions& options)
    : state_(std::make_unique<State>(State{Extractor(normalized, segmentation, options)})) {}

FactGroupExtractor::~FactGroupExtractor() = default;

std::vector<Diagnostic> FactGroupExtractor::extract(FactGroupLines lines, std::size_t first_fact,
                                                    const FactGroupHandler& on_group) {
  return state_->extractor.run_in_groups(on_group, lines.begin, lines.end, first_fact);
}

FactGroupLines first_fact_group(std::string_view normalized, const Segmentation& segmentation,
                                const ExtractOptions& options) {
  const std::size_t begin = std::min(segmentation.body_begin, normalized.size());
  return next_fact_group(normalized, {begin, begin}, options);
}

namespace {

/// Whether a group may end at the line break at `at`. A number's unit may
/// wrap onto the next line (8710\n人), so a line that ends in a numeral does
/// not end a group: the recognizer must see both lines at once.
bool ends_group(std::string_view text, std::size_t at) {
  if (at == 0) return true;
  std::size_t pos = at;
  const char32_t c = detail::prev_code_point(text, pos);
  if (c < 0x80) {
    const bool alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    return !(alnum || c == '.' || c == '%');
  }
  return detail::numeral_char(c).type == detail::NumChar::none;
}

}  // namespace

// A group ends just after the first line break group_bytes on that does not
// follow a numeral; 64 KB further on, after any line break, so that a group
// stays small whatever the text. Numbers span a line break only after a
// numeral, so the groups find the numbers one pass over the whole body would.
FactGroupLines next_fact_group(std::string_view normalized, FactGroupLines group,
                               const ExtractOptions& options) {
  constexpr std::size_t kLongestSearch = 1 << 16;
  const std::size_t begin = group.end;
  const std::size_t size = std::max<std::size_t>(options.group_bytes, 1);
  if (normalized.size() - begin <= size) return {begin, normalized.size()};
  const std::size_t any_break_from = normalized.size() - begin - size <= kLongestSearch
                                         ? normalized.size()
                                         : begin + size + kLongestSearch;
  for (std::size_t at = normalized.find('\n', begin + size); at != std::string_view::npos;
       at = normalized.find('\n', at + 1)) {
    if (at >= any_break_from || ends_group(normalized, at)) return {begin, at + 1};
  }
  return {begin, normalized.size()};
}

}  // namespace bulletin
