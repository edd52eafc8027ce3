// Matching the facts of a bulletin series across editions, and the change
// table built from the matches.
#include "bulletin/diff.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "detail/text.hpp"

namespace bulletin {

namespace {

using detail::ends_with;
using detail::starts_with;

// Longest first: the loop strips one filler per pass, and a short filler must
// not shadow the longer one it begins (共 / 共计).
constexpr std::array<std::string_view, 45> kLeadingFillers = {
    "截至目前", "截至年底", "今年以来", "全年共", "全年", "今年", "年内", "全区", "全市",
    "全县",     "全省",     "全国",     "累计",   "共计", "合计", "总计", "各类", "各项",
    "其中",     "目前",     "已经",     "完成",   "实现", "实施", "发生", "共",   "已",
    "为",       "另",       "一是",     "二是",   "三是", "四是", "五是", "六是", "七是",
    "八是",     "九是",     "十是",     "首先",   "其次", "再次", "最后", "此外", "另外"};

constexpr std::array<std::string_view, 14> kTrailingFillers = {
    "分别为", "分别达", "达到", "超过", "合计", "共计", "累计",
    "达",     "为",     "超",   "约",   "近",   "共",   "了"};

bool is_noise(char32_t c) {
  const auto type = static_cast<UCharCategory>(u_charType(static_cast<UChar32>(c)));
  switch (type) {
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
      return true;
    default:
      return false;
  }
}

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t pos = 0; pos < s.size();) out.push_back(detail::next_code_point(s, pos));
  return out;
}

// Dice coefficient of two sorted multisets.
template <typename T>
double dice(std::vector<T> a, std::vector<T> b) {
  if (a.empty() && b.empty()) return 1.0;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
}

std::vector<std::uint64_t> bigrams(const std::vector<char32_t>& cps) {
  std::vector<std::uint64_t> out;
  for (std::size_t i = 0; i + 1 < cps.size(); ++i) {
    out.push_back((static_cast<std::uint64_t>(cps[i]) << 32) | cps[i + 1]);
  }
  return out;
}

// Exact a − b, or nullopt when it does not fit.
std::optional<Decimal> subtract(const Decimal& a, const Decimal& b) {
  __extension__ using Wide = __int128;
  const std::int32_t e = std::min(a.exponent, b.exponent);
  const auto scale = [](Wide m, std::int32_t by) -> std::optional<Wide> {
    for (std::int32_t i = 0; i < by; ++i) {
      if (m > Wide{1} << 120 || m < -(Wide{1} << 120)) return std::nullopt;
      m *= 10;
    }
    return m;
  };
  const auto x = scale(a.mantissa, a.exponent - e);
  const auto y = scale(b.mantissa, b.exponent - e);
  if (!x || !y) return std::nullopt;
  Wide r = *x - *y;
  std::int32_t exponent = e;
  while (r != 0 && r % 10 == 0) {
    r /= 10;
    ++exponent;
  }
  if (r == 0) return Decimal{0, 0};
  if (r > std::numeric_limits<std::int64_t>::max() || r < std::numeric_limits<std::int64_t>::min())
    return std::nullopt;
  return Decimal{static_cast<std::int64_t>(r), exponent};
}

std::string fmt_percent(double p) {
  std::string s = std::to_string(p);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s + "%";
}

bool is_percent_unit(const std::string& unit) {
  return unit == "%" || unit == "‰" || unit == "百分点";
}

// Target flags are left out on purpose: the extractor sets them from cue words
// near the number (确保, 力争), which misfire often enough that keying on them
// would split one indicator into two.
std::string class_key(const Fact& f) { return f.dimension + '\x1f' + to_string(f.measure); }

// What a fact is compared by. Rows of the table carry the key of their
// latest fact, so a rewording is followed from edition to edition.
struct Keyed {
  const Fact* fact = nullptr;
  std::string normalized;
  std::string canonical;
  std::string klass;
  std::vector<char32_t> chars;
  std::string context;  // innermost section and clause, without digits
};

Keyed make_keyed(const Fact& f, const AliasTable* aliases) {
  Keyed k;
  k.fact = &f;
  k.normalized = normalize_subject(f.subject);
  k.canonical = aliases ? std::string(aliases->resolve(k.normalized)) : k.normalized;
  k.klass = class_key(f);
  k.chars = code_points(k.normalized);
  std::string ctx = f.section.empty() ? std::string() : f.section.back();
  ctx += f.clause;
  for (char32_t c : code_points(ctx)) {
    if (!(c >= U'0' && c <= U'9') && c != U'.' && !is_noise(c)) detail::append_utf8(k.context, c);
  }
  return k;
}

struct Row {
  Indicator indicator;
  Keyed latest;
};

class Matcher {
 public:
  Matcher(const std::vector<Document>& editions, const DiffOptions& options)
      : editions_(editions), options_(options) {}

  Diff run() {
    Diff diff;
    for (const auto& doc : editions_) {
      diff.editions.push_back({doc.source.path, doc.year, doc.title, doc.facts.size()});
    }
    for (std::size_t e = 0; e < editions_.size(); ++e) add_edition(e, diff);
    for (auto& row : rows_) {
      finish(row.indicator);
      diff.indicators.push_back(std::move(row.indicator));
    }
    structure(diff);
    return diff;
  }

 private:
  void add_edition(std::size_t e, Diff& diff) {
    adding_ = e;
    std::vector<Keyed> incoming;
    for (const auto& f : editions_[e].facts) {
      Keyed k = make_keyed(f, options_.aliases);
      // A measure word the unit table does not know (96110咨询) is most often a
      // misread identifier, not a quantity.
      if (k.normalized.empty() || (!f.unit.empty() && !f.unit_known)) {
        ++diff.skipped;
        continue;
      }
      incoming.push_back(std::move(k));
    }
    const std::size_t open_rows = rows_.size();  // rows that may take a fact of edition e
    std::vector<std::optional<std::size_t>> row_of(incoming.size());
    std::vector<bool> row_taken(open_rows, false);
    std::vector<bool> blocked_fact(incoming.size(), false);
    std::vector<bool> blocked_row(open_rows, false);

    // Exact and alias keys: both sides grouped by (class, canonical subject).
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> old_groups;
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> new_groups;
    for (std::size_t r = 0; r < open_rows; ++r) {
      old_groups[{rows_[r].latest.klass, rows_[r].latest.canonical}].push_back(r);
    }
    for (std::size_t n = 0; n < incoming.size(); ++n) {
      new_groups[{incoming[n].klass, incoming[n].canonical}].push_back(n);
    }
    for (const auto& [key, news] : new_groups) {
      auto it = old_groups.find(key);
      if (it == old_groups.end()) continue;
      const auto& olds = it->second;
      if (olds.size() == 1 && news.size() == 1) {
        link(olds[0], news[0], incoming, row_of, row_taken, std::nullopt);
        continue;
      }
      resolve_group(e, olds, news, incoming, row_of, row_taken, blocked_fact, blocked_row, diff);
    }

    similar(e, open_rows, incoming, row_of, row_taken, blocked_fact, blocked_row, diff);

    for (std::size_t n = 0; n < incoming.size(); ++n) {
      if (row_of[n]) continue;
      Row row;
      row.indicator.values.resize(editions_.size());
      row.indicator.links.resize(editions_.size());
      row.indicator.steps.resize(editions_.size());
      row.indicator.values[e] = *incoming[n].fact;
      row.latest = incoming[n];
      rows_.push_back(std::move(row));
    }
  }

  void link(std::size_t r, std::size_t n, std::vector<Keyed>& incoming,
            std::vector<std::optional<std::size_t>>& row_of, std::vector<bool>& row_taken,
            std::optional<double> similarity) {
    Row& row = rows_[r];
    const std::size_t e = adding_;
    MatchLink l;
    l.previous_subject = row.latest.fact->subject;
    if (similarity) {
      l.kind = MatchKind::similar;
      l.similarity = *similarity;
    } else if (row.latest.normalized == incoming[n].normalized) {
      l.kind = MatchKind::exact;
    } else {
      l.kind = MatchKind::alias;
      l.similarity = subject_similarity(row.latest.normalized, incoming[n].normalized);
    }
    row.indicator.values[e] = *incoming[n].fact;
    row.indicator.links[e] = l;
    row.latest = incoming[n];
    row_of[n] = r;
    row_taken[r] = true;
  }

  // Several facts share one key: the section and clause they stand in decide
  // when one candidate is clearly closest, both ways; otherwise it is reported.
  void resolve_group(std::size_t e, const std::vector<std::size_t>& olds,
                     const std::vector<std::size_t>& news, std::vector<Keyed>& incoming,
                     std::vector<std::optional<std::size_t>>& row_of, std::vector<bool>& row_taken,
                     std::vector<bool>& blocked_fact, std::vector<bool>& blocked_row, Diff& diff) {
    constexpr double kMargin = 0.05;
    auto score = [&](std::size_t r, std::size_t n) {
      return subject_similarity(rows_[r].latest.context, incoming[n].context);
    };
    auto best_of = [&](const std::vector<double>& scores) {
      std::size_t best = 0;
      for (std::size_t i = 1; i < scores.size(); ++i) {
        if (scores[i] > scores[best]) best = i;
      }
      bool clear = true;
      for (std::size_t i = 0; i < scores.size(); ++i) {
        if (i != best && scores[i] > scores[best] - kMargin) clear = false;
      }
      return std::make_pair(best, clear);
    };
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t ni = 0; ni < news.size(); ++ni) {
      std::vector<double> by_old;
      for (std::size_t r : olds) by_old.push_back(score(r, news[ni]));
      const auto [oi, clear] = best_of(by_old);
      if (!clear) continue;
      std::vector<double> by_new;
      for (std::size_t n : news) by_new.push_back(score(olds[oi], n));
      const auto [back, back_clear] = best_of(by_new);
      if (back_clear && back == ni) pairs.emplace_back(olds[oi], news[ni]);
    }
    for (const auto& [r, n] : pairs) link(r, n, incoming, row_of, row_taken, std::nullopt);
    // Whatever is left on both sides could not be told apart.
    std::vector<std::string> candidates;
    for (std::size_t r : olds) {
      if (!row_taken[r]) candidates.push_back(rows_[r].latest.fact->subject);
    }
    if (candidates.empty()) return;
    for (std::size_t n : news) {
      if (row_of[n]) continue;
      diff.ambiguities.push_back({e, incoming[n].fact->subject, candidates, 1.0});
      blocked_fact[n] = true;
    }
    for (std::size_t r : olds) {
      if (!row_taken[r]) blocked_row[r] = true;
    }
  }

  void similar(std::size_t e, std::size_t open_rows, std::vector<Keyed>& incoming,
               std::vector<std::optional<std::size_t>>& row_of, std::vector<bool>& row_taken,
               std::vector<bool>& blocked_fact, std::vector<bool>& blocked_row, Diff& diff) {
    // Candidates share class, unit and at least one character; postings are
    // scanned up to a bound, so a common character cannot make this quadratic.
    constexpr std::size_t kMaxPostings = 1024;
    std::unordered_map<std::string, std::unordered_map<char32_t, std::vector<std::size_t>>> index;
    for (std::size_t r = 0; r < open_rows; ++r) {
      if (row_taken[r] || blocked_row[r]) continue;
      const Keyed& k = rows_[r].latest;
      std::set<char32_t> seen(k.chars.begin(), k.chars.end());
      for (char32_t c : seen) index[k.klass + '\x1f' + k.fact->unit][c].push_back(r);
    }
    struct Pair {
      double score;
      std::size_t row;
      std::size_t fact;
    };
    std::vector<Pair> pairs;
    for (std::size_t n = 0; n < incoming.size(); ++n) {
      if (row_of[n] || blocked_fact[n]) continue;
      const Keyed& k = incoming[n];
      auto bucket = index.find(k.klass + '\x1f' + k.fact->unit);
      if (bucket == index.end()) continue;
      std::unordered_map<std::size_t, std::size_t> shared;
      // Rarest characters first: they say most about which row is meant, and
      // the bound on postings then cuts only the common ones.
      std::vector<const std::vector<std::size_t>*> lists;
      for (char32_t c : std::set<char32_t>(k.chars.begin(), k.chars.end())) {
        auto postings = bucket->second.find(c);
        if (postings != bucket->second.end()) lists.push_back(&postings->second);
      }
      std::sort(lists.begin(), lists.end(),
                [](const auto* a, const auto* b) { return a->size() < b->size(); });
      std::size_t scanned = 0;
      for (const auto* list : lists) {
        for (std::size_t r : *list) {
          if (++scanned > kMaxPostings) break;
          ++shared[r];
        }
      }
      std::vector<std::pair<std::size_t, std::size_t>> ranked(shared.begin(), shared.end());
      const std::size_t keep = std::min(ranked.size(), options_.max_candidates);
      std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(keep),
                        ranked.end(), [](const auto& a, const auto& b) {
                          return a.second != b.second ? a.second > b.second : a.first < b.first;
                        });
      ranked.resize(keep);
      for (const auto& [r, count] : ranked) {
        const double s = subject_similarity(rows_[r].latest.normalized, k.normalized);
        if (s >= options_.min_similarity) pairs.push_back({s, r, n});
      }
    }
    std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
      return std::tie(b.score, a.fact, a.row) < std::tie(a.score, b.fact, b.row);
    });
    // Pairs of equal score are a tie group (contiguous after sorting); within
    // one, a fact or row with two free partners is ambiguous. Indexing the
    // group by fact and by row keeps this linear in the number of pairs.
    constexpr double kTie = 1e-9;
    for (std::size_t lo = 0; lo < pairs.size();) {
      std::size_t hi = lo + 1;
      while (hi < pairs.size() && pairs[lo].score - pairs[hi].score <= kTie) ++hi;
      std::unordered_map<std::size_t, std::vector<std::size_t>> by_fact;
      std::unordered_map<std::size_t, std::vector<std::size_t>> by_row;
      for (std::size_t i = lo; i < hi; ++i) {
        by_fact[pairs[i].fact].push_back(pairs[i].row);
        by_row[pairs[i].row].push_back(pairs[i].fact);
      }
      for (std::size_t i = lo; i < hi; ++i) {
        const Pair& p = pairs[i];
        if (row_taken[p.row] || row_of[p.fact] || blocked_fact[p.fact] || blocked_row[p.row])
          continue;
        std::vector<std::size_t> rivals_rows;
        for (std::size_t r : by_fact[p.fact]) {
          if (r != p.row && !row_taken[r] && !blocked_row[r]) rivals_rows.push_back(r);
        }
        const auto& facts = by_row[p.row];
        const bool rival_fact = std::any_of(facts.begin(), facts.end(), [&](std::size_t n) {
          return n != p.fact && !row_of[n] && !blocked_fact[n];
        });
        if (rivals_rows.empty() && !rival_fact) {
          link(p.row, p.fact, incoming, row_of, row_taken, p.score);
          continue;
        }
        Ambiguity amb{
            e, incoming[p.fact].fact->subject, {rows_[p.row].latest.fact->subject}, p.score};
        for (std::size_t r : rivals_rows) {
          amb.candidates.push_back(rows_[r].latest.fact->subject);
          blocked_row[r] = true;
        }
        blocked_row[p.row] = true;
        blocked_fact[p.fact] = true;
        diff.ambiguities.push_back(std::move(amb));
      }
      lo = hi;
    }
  }

  Change compare(const Fact& a, const Fact& b) const {
    Change c;
    c.points = is_percent_unit(b.unit);
    if (a.value && b.value) {
      c.absolute = subtract(*b.value, *a.value);
      const double old_value = a.value->to_double();
      if (old_value != 0.0) {
        c.relative = (b.value->to_double() - old_value) / std::abs(old_value) * 100.0;
      }
    }
    return c;
  }

  bool same(const Fact& a, const Fact& b, const Change& c) const {
    if (!a.value || !b.value) return a.value == b.value && a.low == b.low && a.high == b.high;
    if (*a.value == *b.value) return true;
    // The exact difference, so that 98.7 − 98.6 is 0.1 and not 0.10000000000000853.
    const double delta = c.absolute ? std::abs(c.absolute->to_double())
                                    : std::abs(b.value->to_double() - a.value->to_double());
    if (delta <= options_.abs_tol) return true;
    return c.relative && std::abs(*c.relative) <= options_.rel_tol;
  }

  void finish(Indicator& ind) const {
    const Fact* first = nullptr;
    const Fact* previous = nullptr;
    bool changed = false;
    bool unit_changed = false;
    for (std::size_t e = 0; e < ind.values.size(); ++e) {
      if (!ind.values[e]) continue;
      const Fact& f = *ind.values[e];
      ind.subject = f.subject;
      ind.dimension = f.dimension;
      ind.measure = f.measure;
      ind.target = f.target;
      if (previous) {
        if (previous->unit != f.unit) {
          unit_changed = true;
        } else {
          Change c = compare(*previous, f);
          if (!same(*previous, f, c)) changed = true;
          ind.steps[e] = c;
        }
      } else {
        first = &f;
      }
      previous = &f;
    }
    if (first && previous && first != previous && first->unit == previous->unit) {
      ind.change = compare(*first, *previous);
    }
    if (!ind.values.back()) {
      ind.status = DiffStatus::removed;
    } else if (!ind.values.front()) {
      ind.status = DiffStatus::added;
    } else if (unit_changed) {
      ind.status = DiffStatus::unit_changed;
    } else {
      ind.status = changed ? DiffStatus::changed : DiffStatus::unchanged;
    }
  }

  static std::vector<std::string> speakers_of(const Document& doc) {
    std::vector<std::string> names;
    auto add = [&](const std::string& name) {
      if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end())
        names.push_back(name);
    };
    for (const auto& s : doc.speakers) add(s.name);
    for (const auto& t : doc.turns) {
      if (t.role == Role::official) add(t.speaker);
    }
    return names;
  }

  static std::vector<std::string> sections_of(const Document& doc) {
    std::vector<std::string> headings;
    for (const auto& s : doc.sections) {
      if (std::find(headings.begin(), headings.end(), s.heading) == headings.end())
        headings.push_back(s.heading);
    }
    return headings;
  }

  // A heading that differs only in its figures (家庭医生签约9.8万人 →
  // 家庭医生签约12.3万人) is the same section.
  static std::string heading_key(const std::string& heading) {
    std::string key;
    for (char32_t c : code_points(heading)) {
      if ((c >= U'0' && c <= U'9') || c == U'.' || c == U'%' || is_noise(c)) continue;
      detail::append_utf8(key, c);
    }
    return key;
  }

  static void compare_lists(std::size_t e, const std::vector<std::string>& before,
                            const std::vector<std::string>& after,
                            std::vector<StructuralChange>& out, bool by_heading) {
    auto key = [&](const std::string& s) { return by_heading ? heading_key(s) : s; };
    auto contains = [&](const std::vector<std::string>& list, const std::string& name) {
      const std::string k = key(name);
      return std::any_of(list.begin(), list.end(),
                         [&](const std::string& x) { return key(x) == k; });
    };
    for (const auto& name : before) {
      if (!contains(after, name)) out.push_back({e, false, name});
    }
    for (const auto& name : after) {
      if (!contains(before, name)) out.push_back({e, true, name});
    }
  }

  void structure(Diff& diff) const {
    for (std::size_t e = 1; e < editions_.size(); ++e) {
      compare_lists(e, speakers_of(editions_[e - 1]), speakers_of(editions_[e]), diff.speakers,
                    false);
      compare_lists(e, sections_of(editions_[e - 1]), sections_of(editions_[e]), diff.sections,
                    true);
    }
  }

  const std::vector<Document>& editions_;
  const DiffOptions& options_;
  std::vector<Row> rows_;
  std::size_t adding_ = 0;  // the edition whose facts are being matched
};

}  // namespace

std::string_view AliasTable::resolve(std::string_view normalized) const {
  auto it = canonical_of.find(normalized);
  return it == canonical_of.end() ? normalized : std::string_view(it->second);
}

std::string normalize_subject(std::string_view subject) {
  std::string s;
  for (char32_t c : code_points(subject)) {
    if (is_noise(c)) continue;
    if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    detail::append_utf8(s, c);
  }
  std::string_view v = s;
  for (bool changed = true; changed;) {
    changed = false;
    for (auto f : kLeadingFillers) {
      if (starts_with(v, f) && v.size() > f.size()) {
        v.remove_prefix(f.size());
        changed = true;
        break;
      }
    }
    for (auto f : kTrailingFillers) {
      if (ends_with(v, f) && v.size() > f.size()) {
        v.remove_suffix(f.size());
        changed = true;
        break;
      }
    }
  }
  return std::string(v);
}

double subject_similarity(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  const auto x = code_points(a);
  const auto y = code_points(b);
  if (x.empty() || y.empty()) return 0.0;
  const double chars = dice(x, y);
  const auto bx = bigrams(x);
  const auto by = bigrams(y);
  const double pairs = bx.empty() || by.empty() ? chars : dice(bx, by);
  // Distinct strings stay below 1 even when they are anagrams.
  return std::min((chars + pairs) / 2.0, 0.999);
}

Result<std::vector<Document>> order_editions(std::vector<Document> editions) {
  for (const auto& d : editions) {
    if (!d.year) {
      return Error{Errc::invalid_argument,
                   "the edition has no year (no 成文日期 or date found); use --order args",
                   {}};
    }
  }
  std::stable_sort(editions.begin(), editions.end(),
                   [](const Document& a, const Document& b) { return *a.year < *b.year; });
  for (std::size_t i = 1; i < editions.size(); ++i) {
    if (*editions[i].year == *editions[i - 1].year) {
      return Error{Errc::invalid_argument,
                   "two editions have the year " + std::to_string(*editions[i].year) + " (" +
                       editions[i - 1].source.path + ", " + editions[i].source.path +
                       "); use --order args",
                   {}};
    }
  }
  return editions;
}

const char* to_string(MatchKind kind) noexcept {
  switch (kind) {
    case MatchKind::exact:
      return "exact";
    case MatchKind::alias:
      return "alias";
    case MatchKind::similar:
      return "similar";
  }
  return "exact";
}

const char* to_string(DiffStatus status) noexcept {
  switch (status) {
    case DiffStatus::unchanged:
      return "unchanged";
    case DiffStatus::changed:
      return "changed";
    case DiffStatus::added:
      return "added";
    case DiffStatus::removed:
      return "removed";
    case DiffStatus::unit_changed:
      return "unit-changed";
  }
  return "unchanged";
}

std::optional<DiffStatus> status_from_string(std::string_view name) {
  for (DiffStatus s : {DiffStatus::unchanged, DiffStatus::changed, DiffStatus::added,
                       DiffStatus::removed, DiffStatus::unit_changed}) {
    if (name == to_string(s)) return s;
  }
  return std::nullopt;
}

Result<Diff> diff_editions(const std::vector<Document>& editions, const DiffOptions& options) {
  if (editions.size() < 2) {
    return Error{Errc::invalid_argument, "at least two editions are needed to compare", {}};
  }
  if (!(options.min_similarity >= 0.0 && options.min_similarity <= 1.0)) {
    return Error{Errc::invalid_argument, "the similarity threshold must lie in [0, 1]", {}};
  }
  if (!(options.abs_tol >= 0.0) || !(options.rel_tol >= 0.0)) {
    return Error{Errc::invalid_argument, "tolerances must not be negative", {}};
  }
  return Matcher(editions, options).run();
}

std::vector<std::string> failed_conditions(const Diff& diff, const FailPolicy& policy) {
  std::vector<std::string> out;
  auto report = [&](const char* what, auto&& pick) {
    std::vector<std::string> names;
    for (const auto& ind : diff.indicators) {
      if (pick(ind)) names.push_back(ind.subject);
    }
    if (names.empty()) return;
    std::string line = std::to_string(names.size()) + " indicator(s) " + what + ": ";
    constexpr std::size_t kListed = 5;
    for (std::size_t i = 0; i < names.size() && i < kListed; ++i)
      line += (i ? ", " : "") + names[i];
    if (names.size() > kListed) line += ", …";
    out.push_back(std::move(line));
  };
  if (policy.on_added)
    report("added", [](const Indicator& i) { return i.status == DiffStatus::added; });
  if (policy.on_removed) {
    report("removed", [](const Indicator& i) { return i.status == DiffStatus::removed; });
  }
  if (policy.on_changed) {
    report("changed", [](const Indicator& i) {
      return i.status == DiffStatus::changed || i.status == DiffStatus::unit_changed;
    });
  }
  if (policy.drop_percent) {
    const double limit = *policy.drop_percent;
    const std::string what = "fell by more than " + fmt_percent(limit);
    report(what.c_str(), [&](const Indicator& i) {
      return std::any_of(i.steps.begin(), i.steps.end(), [&](const std::optional<Change>& c) {
        return c && c->relative && *c->relative < -limit;
      });
    });
  }
  return out;
}

}  // namespace bulletin
