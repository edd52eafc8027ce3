#include "bulletin/check.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <string>
#include <string_view>
#include <tuple>

#include "detail/fixed_format.hpp"
#include "detail/text.hpp"
#include "detail/word_set.hpp"

namespace bulletin {
namespace {

using detail::ends_with;
using detail::next_code_point;
using detail::prev_code_point;

// Sentence scans stop this far away, so a text without punctuation stays linear.
constexpr std::size_t kMaxSentenceBytes = 2000;
// How many occurrences of a fact's surface are tried when placing it in its turn.
constexpr int kMaxPlacementTries = 16;

constexpr std::string_view kBreakdownWord = "其中";
constexpr std::array<std::string_view, 9> kTotalWords = {"总",   "總",   "共",   "合计", "合計",
                                                         "累计", "累計", "全部", "总计"};
constexpr std::array<std::string_view, 6> kRateSuffixes = {"率",   "占比", "佔比",
                                                           "比重", "比例", "比率"};

bool ends_sentence(char32_t c) {
  return c == U'。' || c == U'!' || c == U'?' || c == U'\n' || c == U'！' || c == U'？';
}
bool ends_clause_group(char32_t c) { return ends_sentence(c) || c == U';' || c == U'；'; }

struct Range {
  std::size_t begin = 0;
  std::size_t end = 0;
};

/// Whether the bytes form a character from U+4000 to U+CFFF or U+E000 to
/// U+EFFF: most Chinese text, and no stop of bounds() (those are ASCII, 。
/// and the full-width ！？； led by EF). The decoders step over such a
/// character whole, so it is passed over on its bytes.
bool is_plain_cjk(char lead, char mid, char last) {
  const auto l = static_cast<unsigned char>(lead);
  return static_cast<unsigned char>(l - 0xE4) <= 0x0A && l != 0xED &&
         ((static_cast<unsigned char>(mid) ^ 0x80) | (static_cast<unsigned char>(last) ^ 0x80)) <
             0x40;
}

/// The stretch around `pos` delimited by `stop` characters (excluded).
// The test is a template parameter so that it is inlined into the loops.
template <bool (*Stop)(char32_t)>
Range bounds(std::string_view text, std::size_t pos) {
  Range r{pos, pos};
  const std::size_t floor = pos > kMaxSentenceBytes ? pos - kMaxSentenceBytes : 0;
  while (r.begin > floor) {
    if (r.begin >= 3 && is_plain_cjk(text[r.begin - 3], text[r.begin - 2], text[r.begin - 1])) {
      r.begin -= 3;
      continue;
    }
    std::size_t p = r.begin;
    if (Stop(prev_code_point(text, p))) break;
    r.begin = p;
  }
  const std::size_t ceiling = std::min(text.size(), pos + kMaxSentenceBytes);
  while (r.end < ceiling) {
    if (r.end + 3 <= text.size() && is_plain_cjk(text[r.end], text[r.end + 1], text[r.end + 2])) {
      r.end += 3;
      continue;
    }
    std::size_t p = r.end;
    if (Stop(next_code_point(text, p))) break;
    r.end = p;
  }
  return r;
}

/// The facts the rules look at, by their index in the document: all of them,
/// or a group of them with the end of the group before it (`head`).
class FactView {
 public:
  explicit FactView(const std::vector<Fact>& all) : tail_(all) {}
  FactView(const std::vector<Fact>& head, std::size_t head_first, const std::vector<Fact>& tail,
           std::size_t tail_first)
      : head_(&head), head_first_(head_first), tail_(tail), tail_first_(tail_first) {}

  [[nodiscard]] const Fact& operator[](std::size_t i) const {
    return i < tail_first_ ? (*head_)[i - head_first_] : tail_[i - tail_first_];
  }
  [[nodiscard]] bool contains(std::size_t i) const {
    return i < tail_first_ + tail_.size() &&
           (i >= tail_first_ || (head_ != nullptr && i >= head_first_));
  }
  [[nodiscard]] std::size_t begin() const { return head_ != nullptr ? head_first_ : tail_first_; }
  [[nodiscard]] std::size_t end() const { return tail_first_ + tail_.size(); }
  /// The first index that is not in the head.
  [[nodiscard]] std::size_t own() const { return tail_first_; }

 private:
  const std::vector<Fact>* head_ = nullptr;
  std::size_t head_first_ = 0;
  const std::vector<Fact>& tail_;
  std::size_t tail_first_ = 0;
};

/// A fact placed in a stretch of text whose sentence structure is known.
struct Placed {
  std::size_t fact = 0;
  std::size_t pos = 0;
};

struct Passage {
  std::string_view text;
  std::vector<Placed> facts;  // by position
  // Where the cues of sums are looked for; a group of lines looks only in its
  // own lines, though a whole may stand in the line before them.
  std::size_t cue_begin = 0;
  std::size_t cue_end = std::string_view::npos;

  /// The first placed fact at or after `pos`: rules look only at the facts
  /// near a cue, so a long document stays linear.
  [[nodiscard]] std::vector<Placed>::const_iterator from(std::size_t pos) const {
    return std::lower_bound(facts.begin(), facts.end(), pos,
                            [](const Placed& p, std::size_t value) { return p.pos < value; });
  }
};

/// Finds each fact of a turn in the turn's text, in order, where its clause
/// surrounds its surface; facts that cannot be placed are left out.
void place_in_turn(const Document& doc, const Turn& turn, std::vector<std::size_t> mine,
                   Passage& passage) {
  std::stable_sort(mine.begin(), mine.end(), [&](std::size_t a, std::size_t b) {
    return doc.facts[a].span.start < doc.facts[b].span.start;
  });
  const std::string_view text = turn.text;
  std::size_t cursor = 0;
  for (std::size_t i : mine) {
    const Fact& f = doc.facts[i];
    const std::size_t in_clause = f.clause.find(f.text);
    std::size_t at = text.find(f.text, cursor);
    for (int tries = 0; at != std::string_view::npos && tries < kMaxPlacementTries; ++tries) {
      const bool clause_fits = in_clause == std::string::npos ||
                               (at >= in_clause && text.substr(at - in_clause, f.clause.size()) ==
                                                       std::string_view(f.clause));
      if (clause_fits) break;
      at = text.find(f.text, at + 1);
    }
    if (at == std::string_view::npos) continue;
    passage.facts.push_back({i, at});
    cursor = at + f.text.size();
  }
}

/// The facts of `facts` whose surface stands at their span in `text`, by position.
Passage placed_in_text(const FactView& facts, std::string_view text) {
  Passage p{text, {}};
  for (std::size_t i = facts.begin(); i < facts.end(); ++i) {
    const Fact& f = facts[i];
    if (f.text.empty() || f.span.start > text.size()) continue;
    if (text.substr(f.span.start, f.text.size()) != std::string_view(f.text)) continue;
    p.facts.push_back({i, f.span.start});
  }
  // Facts come in text order, so the sort is rarely needed.
  const auto by_position = [](const Placed& a, const Placed& b) { return a.pos < b.pos; };
  if (!std::is_sorted(p.facts.begin(), p.facts.end(), by_position)) {
    std::stable_sort(p.facts.begin(), p.facts.end(), by_position);
  }
  return p;
}

std::vector<Passage> turn_passages(const Document& doc) {
  std::vector<Passage> out;
  std::vector<std::vector<std::size_t>> by_turn(doc.turns.size());
  for (std::size_t i = 0; i < doc.facts.size(); ++i) {
    const auto& turn = doc.facts[i].turn;
    if (turn && *turn >= 1 && static_cast<std::size_t>(*turn) <= doc.turns.size() &&
        !doc.facts[i].text.empty()) {
      by_turn[static_cast<std::size_t>(*turn - 1)].push_back(i);
    }
  }
  for (std::size_t t = 0; t < doc.turns.size(); ++t) {
    const Turn& turn = doc.turns[t];
    if (turn.index != static_cast<int>(t + 1)) continue;  // turns are numbered 1… in order
    Passage p{turn.text, {}};
    place_in_turn(doc, turn, std::move(by_turn[t]), p);
    if (!p.facts.empty()) out.push_back(std::move(p));
  }
  return out;
}

// Units are compared as views: against a literal, std::string measures the
// literal and compares bytes before it looks at the sizes.
bool is_ratio_unit(std::string_view unit) {
  return unit == "%" || unit == "‰" || unit == "百分点" || unit == "倍";
}

bool is_percent_or_permille(std::string_view unit) { return unit == "%" || unit == "‰"; }

/// A figure that can be a whole, a part, a numerator or a denominator: an
/// exact, positive stock or count with a unit.
bool is_quantity(const Fact& f) {
  return f.value && f.bound == Bound::exact && !f.unit.empty() && !is_ratio_unit(f.unit) &&
         (f.measure == Measure::level || f.measure == Measure::count) && f.value->mantissa > 0;
}

bool is_share(const Fact& f) {
  return f.value && is_percent_or_permille(f.unit) && f.measure == Measure::share;
}

std::string_view rate_stem(std::string_view subject) {
  for (auto s : kRateSuffixes) {
    if (ends_with(subject, s) && subject.size() > s.size()) {
      return subject.substr(0, subject.size() - s.size());
    }
  }
  return {};
}

/// The clause up to the figure: where 总/共/累计 stand, which the subject drops.
std::string_view lead_of(const Fact& f) {
  const std::string_view clause = f.clause;
  const std::size_t at = clause.find(f.text);
  return at == std::string_view::npos ? std::string_view(f.subject) : clause.substr(0, at);
}

bool has_total_word(const Fact& f) {
  // One pass over the lead for all the words, not one find() per word.
  static const detail::WordSet total_words(kTotalWords);
  bool found = false;
  total_words.scan(lead_of(f), [&](std::size_t, std::size_t) {
    found = true;
    return false;
  });
  return found;
}

bool only_punctuation(std::string_view s) {
  for (std::size_t p = 0; p < s.size();) {
    const char32_t c = next_code_point(s, p);
    if (c == U' ' || c == U'\t' || c == U',' || c == U'，' || c == U'、' || c == U':' ||
        c == U'：' || c == U'\u3000') {
      continue;
    }
    return false;
  }
  return true;
}

struct Relation {
  std::string rule;
  std::vector<std::size_t> facts;
};

void find_sums(const FactView& facts, const Passage& passage, std::vector<Relation>& out) {
  const std::string_view text = passage.text;
  for (std::size_t q = detail::find_word(text, kBreakdownWord, passage.cue_begin), next;
       q != std::string_view::npos && q < passage.cue_end; q = next) {
    const Range sentence = bounds<ends_sentence>(text, q);
    // The next 其中 ends this one's parts and is the next cue; one that starts
    // past both the sentence and the cues is neither, and is not looked for.
    const std::size_t reach =
        std::max(sentence.end, std::min(passage.cue_end, text.size())) + kBreakdownWord.size() - 1;
    next = detail::find_word(text.substr(0, reach), kBreakdownWord, q + kBreakdownWord.size());
    const std::size_t region_end = std::min(next, sentence.end);
    // Parts by unit, in order: 项目9个,投资36.2亿元;项目41个… interleaves two sums.
    std::vector<std::pair<std::string, std::vector<std::size_t>>> groups;
    for (auto it = passage.from(q); it != passage.facts.end() && it->pos < region_end; ++it) {
      const Placed& p = *it;
      // 星级民宿总数达到148家 after a ';' opens a whole of its own: the list is over.
      if (has_total_word(facts[p.fact])) break;
      if (!is_quantity(facts[p.fact])) continue;
      const std::string& unit = facts[p.fact].unit;
      auto g = std::find_if(groups.begin(), groups.end(),
                            [&](const auto& e) { return e.first == unit; });
      if (g == groups.end()) {
        groups.push_back({unit, {}});
        g = groups.end() - 1;
      }
      g->second.push_back(p.fact);
    }
    const bool opens_sentence = only_punctuation(text.substr(sentence.begin, q - sentence.begin));
    Range whole_range{sentence.begin, q};
    if (opens_sentence) {
      if (sentence.begin == 0) continue;
      std::size_t before = sentence.begin;
      prev_code_point(text, before);  // the full stop
      whole_range = bounds<ends_sentence>(text, before);
    }
    for (const auto& [unit, parts] : groups) {
      if (parts.size() < 2) continue;
      std::optional<std::size_t> whole;
      for (auto it = passage.from(whole_range.begin);
           it != passage.facts.end() && it->pos < whole_range.end; ++it) {
        const Placed& p = *it;
        const Fact& f = facts[p.fact];
        if (!is_quantity(f) || f.unit != unit) continue;
        if (opens_sentence && !has_total_word(f)) continue;
        whole = p.fact;
      }
      if (!whole) continue;
      Relation r{"sum", {*whole}};
      r.facts.insert(r.facts.end(), parts.begin(), parts.end());
      out.push_back(std::move(r));
    }
  }
}

bool shares_stem_character(std::string_view stem, std::string_view subject) {
  // The last two characters of the stem name the act being rated (化解, 管理).
  std::size_t p = stem.size();
  for (int k = 0; k < 2 && p > 0; ++k) {
    const std::size_t end = p;
    prev_code_point(stem, p);
    if (subject.find(stem.substr(p, end - p)) != std::string_view::npos) return true;
  }
  return false;
}

void find_rates(const FactView& facts, const Passage& passage, std::vector<Relation>& out) {
  for (std::size_t k = 0; k < passage.facts.size(); ++k) {
    if (passage.facts[k].fact < facts.own()) continue;  // the previous group's
    const Fact& rate = facts[passage.facts[k].fact];
    if (!is_share(rate) || rate.target) continue;
    const std::string_view stem = rate_stem(rate.subject);
    if (stem.empty()) continue;
    const Range group = bounds<ends_clause_group>(passage.text, passage.facts[k].pos);
    std::vector<std::size_t> before;
    std::vector<std::size_t> positions;
    for (auto j = static_cast<std::size_t>(passage.from(group.begin) - passage.facts.begin());
         j < k; ++j) {
      const auto& p = passage.facts[j];
      const Fact& f = facts[p.fact];
      if (is_percent_or_permille(f.unit)) {  // belongs to an earlier rate
        before.clear();
        positions.clear();
      }
      if (is_quantity(f)) {
        before.push_back(p.fact);
        positions.push_back(p.pos);
      }
    }
    if (before.size() < 2) continue;
    const std::size_t a = before[before.size() - 2];
    const std::size_t b = before.back();
    // Figures listed side by side (建议86件、提案124件) are siblings, not a
    // part and its whole: a rate's two figures stand in separate clauses.
    const std::string_view between = passage.text.substr(
        positions[positions.size() - 2], positions.back() - positions[positions.size() - 2]);
    if (between.find("、") != std::string_view::npos &&
        between.find(',') == std::string_view::npos &&
        between.find(';') == std::string_view::npos) {
      continue;
    }
    const Fact& fa = facts[a];
    const Fact& fb = facts[b];
    if (fa.unit != fb.unit && (fa.dimension.empty() || fa.dimension != fb.dimension)) continue;
    std::size_t num = b;
    std::size_t den = a;
    if (!shares_stem_character(stem, fb.subject)) {
      if (!shares_stem_character(stem, fa.subject)) continue;
      std::swap(num, den);
    }
    const double scale = rate.unit == "%" ? 100.0 : 1000.0;
    if (rate.value->to_double() <= scale &&
        facts[num].value->to_double() > facts[den].value->to_double()) {
      continue;  // a share of at most 100% cannot have the larger figure on top
    }
    out.push_back({"rate", {den, num, passage.facts[k].fact}});
  }
}

/// The scale a figure was printed in: 676万元 → 万 (1e4).
std::pair<double, std::string_view> display_scale(const Fact& f) {
  if (f.text.find("亿") != std::string::npos || f.text.find("億") != std::string::npos) {
    return {1e8, "亿"};
  }
  if (f.text.find("万") != std::string::npos || f.text.find("萬") != std::string::npos) {
    return {1e4, "万"};
  }
  return {1.0, ""};
}

int decimals_for(double precision) {
  if (precision <= 0 || precision >= 1) return 0;
  return std::min(6, static_cast<int>(std::lround(std::ceil(-std::log10(precision) - 1e-9))));
}

std::string show(double value, double scale, std::string_view prefix, const std::string& unit,
                 int decimals) {
  std::string shown;
  detail::append_fixed(shown, value / scale, decimals);
  shown.append(prefix).append(unit);
  return shown;
}

/// Half the printed precision of a figure, in its base unit; none for a whole
/// number of its base unit, which a count states exactly.
double rounding_of(const Fact& f) {
  const double p = f.precision.to_double();
  return p == 1.0 ? 0.0 : p / 2.0;
}

Check evaluate_sum(const FactView& facts, const std::vector<std::size_t>& ids,
                   const CheckOptions& options) {
  const Fact& whole = facts[ids.front()];
  long double sum = 0;
  double tolerance = rounding_of(whole);
  double finest = whole.precision.to_double();
  std::string parts;
  for (std::size_t k = 1; k < ids.size(); ++k) {
    const Fact& p = facts[ids[k]];
    sum += static_cast<long double>(p.value->to_double());
    tolerance += rounding_of(p);
    finest = std::min(finest, p.precision.to_double());
    if (k > 1) parts += " + ";
    parts += p.text;
  }
  const double stated = whole.value->to_double();
  if (options.sum_tolerance) tolerance = *options.sum_tolerance * std::fabs(stated);
  const double diff = static_cast<double>(sum - static_cast<long double>(stated));
  // Exact decimals sum without error in long double at these magnitudes; the
  // slack only absorbs the binary representation of fractions.
  const bool ok = std::fabs(diff) <= tolerance + 1e-9 * std::max(1.0, std::fabs(stated));
  Check c;
  c.rule = "sum";
  c.status = ok ? CheckStatus::ok : CheckStatus::mismatch;
  c.facts = ids;
  c.span = whole.span;
  if (ok) {
    // Most checks hold, and their message is text joined: no format string
    // to read.
    if (!whole.subject.empty()) c.message.append(whole.subject).append(" ");
    c.message.append(whole.text).append(" = ").append(parts);
  } else {
    const auto [scale, prefix] = display_scale(whole);
    const int decimals = decimals_for(finest / scale);
    if (!whole.subject.empty()) c.message.append(whole.subject).append(" ");
    c.message.append(whole.text).append(" ≠ ").append(parts).append(" = ");
    c.message.append(show(static_cast<double>(sum), scale, prefix, whole.unit, decimals));
    c.message.append(" (off by ")
        .append(show(std::fabs(diff), scale, prefix, whole.unit, decimals));
    c.message.append(", tolerance ")
        .append(show(tolerance, scale, prefix, whole.unit, decimals_for(tolerance / scale)))
        .append(")");
  }
  return c;
}

Check evaluate_rate(const FactView& facts, const std::vector<std::size_t>& ids,
                    const CheckOptions& options) {
  const Fact& den = facts[ids[0]];
  const Fact& num = facts[ids[1]];
  const Fact& rate = facts[ids[2]];
  const double scale = rate.unit == "‰" ? 1000.0 : 100.0;
  const double computed = num.value->to_double() / den.value->to_double() * scale;
  const double stated = rate.value->to_double();
  const double tolerance = options.rate_tolerance.value_or(rate.precision.to_double() / 2.0);
  const double slack = 1e-9;
  bool ok = false;
  switch (rate.bound) {
    case Bound::lower:
      ok = computed >= stated - tolerance - slack;
      break;
    case Bound::upper:
      ok = computed <= stated + tolerance + slack;
      break;
    case Bound::exact:
    case Bound::approx:
      ok = std::fabs(computed - stated) <= tolerance + slack;
      break;
  }
  Check c;
  c.rule = "rate";
  c.status = ok ? CheckStatus::ok : CheckStatus::mismatch;
  c.facts = ids;
  c.span = rate.span;
  const int decimals = std::max(2, decimals_for(rate.precision.to_double()) + 1);
  std::string ratio = num.value->to_string();
  ratio.append("/").append(den.value->to_string()).append(" = ");
  detail::append_fixed(ratio, computed, decimals);
  ratio.append(rate.unit);
  if (ok) {
    c.message.append(rate.subject).append(" ").append(rate.text).append(" = ").append(ratio);
  } else {
    c.message.append(rate.subject).append(" ").append(rate.text).append(" ≠ ").append(ratio);
    c.message.append(" (tolerance ±");
    detail::append_fixed(c.message, tolerance, decimals_for(tolerance));
    c.message.append(")");
  }
  return c;
}

bool fits(const FactView& facts, const std::string& rule, const std::vector<std::size_t>& ids) {
  for (std::size_t i : ids) {
    if (!facts.contains(i) || !facts[i].value) return false;
  }
  if (rule == "sum") return ids.size() >= 3;
  if (rule == "rate") {
    return ids.size() == 3 && facts[ids[0]].value->mantissa != 0 &&
           is_percent_or_permille(facts[ids[2]].unit);
  }
  return false;
}

bool enabled(const std::string& rule, const CheckOptions& options) {
  return (rule == "sum" && options.sums) || (rule == "rate" && options.rates);
}

Check evaluate(const FactView& facts, const std::string& rule, const std::vector<std::size_t>& ids,
               const CheckOptions& options) {
  return rule == "sum" ? evaluate_sum(facts, ids, options) : evaluate_rate(facts, ids, options);
}

}  // namespace

GroupChecker::GroupChecker(std::string_view text, CheckOptions options)
    : text_(text), options_(std::move(options)) {}

std::span<Check> GroupChecker::add(const std::vector<Fact>& facts, std::size_t first,
                                   std::size_t end) {
  const std::size_t group_first = checks_.size();
  const FactView view(context_, context_first_, facts, first);
  Passage passage = placed_in_text(view, text_);
  passage.cue_begin = cues_from_;
  passage.cue_end = end;
  std::vector<Relation> relations;
  if (options_.sums) find_sums(view, passage, relations);
  for (const auto& r : relations) {
    if (fits(view, r.rule, r.facts)) {
      checks_.push_back(evaluate(view, r.rule, r.facts, options_));
      starts_.push_back(checks_.back().span.start);
      rates_.push_back(false);
    }
  }
  relations.clear();
  if (options_.rates) find_rates(view, passage, relations);
  for (const auto& r : relations) {
    if (fits(view, r.rule, r.facts)) {
      checks_.push_back(evaluate(view, r.rule, r.facts, options_));
      starts_.push_back(checks_.back().span.start);
      rates_.push_back(true);
    }
  }
  cues_from_ = end;
  order_group(group_first);

  // A sum whose cue opens the next group's first line takes its whole from the
  // last line here, at most one sentence scan back.
  std::size_t line_start = end > 1 ? text_.rfind('\n', end - 2) : std::string_view::npos;
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  const std::size_t reach = std::max(
      line_start, end > kMaxSentenceBytes + 1 ? end - kMaxSentenceBytes - 1 : std::size_t{0});
  std::size_t kept = facts.size();
  while (kept > 0 && facts[kept - 1].span.start >= reach) --kept;
  context_.assign(facts.begin() + static_cast<std::ptrdiff_t>(kept), facts.end());
  context_first_ = first + kept;
  return {checks_.data() + group_first, checks_.size() - group_first};
}

void GroupChecker::order_group(std::size_t from) {
  // A group's sums come before its rates; ordered by position here, a group
  // at a time, the checks are most often in order at the end, where nothing
  // else runs beside the sort. Stable, this leaves checks in the order of
  // finish()'s sort: equal keys keep the order they were found in.
  if (checks_.size() - from < 2) return;
  const auto before = [&](std::size_t a, std::size_t b) {
    return std::pair(starts_[a], rates_[a]) < std::pair(starts_[b], rates_[b]);
  };
  bool sorted = true;
  for (std::size_t k = from + 1; k < checks_.size() && sorted; ++k) sorted = !before(k, k - 1);
  if (sorted) return;
  std::vector<std::size_t> order(checks_.size() - from);
  std::iota(order.begin(), order.end(), from);
  std::stable_sort(order.begin(), order.end(), before);
  std::vector<Check> moved;
  std::vector<std::size_t> starts;
  std::vector<bool> rates;
  moved.reserve(order.size());
  for (const std::size_t k : order) {
    moved.push_back(std::move(checks_[k]));
    starts.push_back(starts_[k]);
    rates.push_back(rates_[k]);
  }
  for (std::size_t k = 0; k < order.size(); ++k) {
    checks_[from + k] = std::move(moved[k]);
    starts_[from + k] = starts[k];
    rates_[from + k] = rates[k];
  }
}

std::vector<Check> GroupChecker::finish() {
  // The order one pass over the whole text gives: sums, then rates, each in
  // text order, then stably by position. The order is found on indexes and
  // applied in place, as a dense text's checks are many and copying them
  // while sorting would double them at the end of the document.
  const auto key = [&](std::size_t k) { return std::pair(starts_[k], rates_[k]); };
  bool sorted = true;
  for (std::size_t k = 1; k < checks_.size() && sorted; ++k) sorted = !(key(k) < key(k - 1));
  if (sorted) {
    starts_.clear();
    rates_.clear();
    return std::move(checks_);
  }
  std::vector<std::size_t> order(checks_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::tuple(starts_[a], rates_[a], a) < std::tuple(starts_[b], rates_[b], b);
  });
  // checks_[k] takes the check at order[k], following each cycle once.
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (order[k] == k) continue;
    Check held = std::move(checks_[k]);
    std::size_t j = k;
    for (;;) {
      const std::size_t from = order[j];
      order[j] = j;
      if (from == k) {
        checks_[j] = std::move(held);
        break;
      }
      checks_[j] = std::move(checks_[from]);
      j = from;
    }
  }
  starts_.clear();
  rates_.clear();
  return std::move(checks_);
}

std::vector<Check> check_consistency(const Document& doc, const CheckOptions& options) {
  if (!options.text.empty()) {
    GroupChecker checker(options.text, options);
    checker.add(doc.facts, 0, options.text.size());
    return checker.finish();
  }
  const FactView facts(doc.facts);
  std::vector<Relation> relations;
  for (const auto& passage : turn_passages(doc)) {
    if (options.sums) find_sums(facts, passage, relations);
    if (options.rates) find_rates(facts, passage, relations);
  }
  std::vector<Check> checks;
  for (const auto& r : relations) {
    if (fits(facts, r.rule, r.facts)) checks.push_back(evaluate(facts, r.rule, r.facts, options));
  }
  std::stable_sort(checks.begin(), checks.end(),
                   [](const Check& a, const Check& b) { return a.span.start < b.span.start; });
  return checks;
}

std::vector<Check> recheck(const Document& doc, const CheckOptions& options) {
  const FactView facts(doc.facts);
  std::vector<Check> checks;
  for (const auto& c : doc.checks) {
    if (enabled(c.rule, options) && fits(facts, c.rule, c.facts)) {
      checks.push_back(evaluate(facts, c.rule, c.facts, options));
    }
  }
  return checks;
}

}  // namespace bulletin
