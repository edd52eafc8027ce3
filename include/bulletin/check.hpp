// Consistency checks computed from a document's own facts: parts that sum to
// a stated whole (总造价676万元,其中财政补助292万元,社会出资384万元) and
// rates that must equal part/whole (排查13099条,化解13073起,化解率99.8%).
//
//   for (const auto& c : bulletin::check_consistency(doc))
//     std::cout << c.rule << ' ' << to_string(c.status) << ' ' << c.message << '\n';
//   // sum ok 总造价 676万元 = 292万元 + 384万元
//   // rate mismatch 规范管理率 91.6% ≠ 638/698 = 91.40% (tolerance ±0.05)
//
// The relations are found by the shape of the text, never by its words:
// - sum: a figure, then 其中 and two or more figures of the same unit before the
//   end of the sentence. The whole is the last figure of that unit before 其中
//   in the same sentence; when 其中 opens a sentence, the whole must carry a
//   total word (总, 共, 合计, 累计) in the sentence before, since a new sentence
//   often lists only a few of the parts.
// - rate: a percentage (or ‰) whose subject ends in 率, 占比, 比重 or 比例,
//   preceded in its clause group (up to 。;!?) by two figures of one dimension,
//   the numerator sharing a character with the last two of the rate's stem
//   (化解 … 化解率, 在管 … 规范管理率).
//
// Check::facts lists, for a sum, the whole then the parts; for a rate, the
// denominator, the numerator, then the rate.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "bulletin/document.hpp"

namespace bulletin {

struct CheckOptions {
  /// Tolerance for sums, relative (0.001 = 0.1%); nullopt: from the printed precision.
  std::optional<double> sum_tolerance;
  /// Tolerance for rates in percentage points; nullopt: half the printed precision (99.8 → 0.05).
  std::optional<double> rate_tolerance;
  bool sums = true;
  bool rates = true;
  /// The text that the facts' span offsets index (parse() may pass its
  /// normalized text before it maps spans to the input). When empty, sentence
  /// structure is read from each turn's text, so facts outside turns take part
  /// in no relation.
  std::string_view text;
};

/// Every sum and rate relation found among the facts, with its status.
/// Spans and fact indexes refer to `doc` as given (after parse() mapped them).
[[nodiscard]] std::vector<Check> check_consistency(const Document& doc,
                                                   const CheckOptions& options = {});

/// check_consistency() with `options.text` for facts that arrive a group of
/// whole lines at a time, as extract_facts_in_groups() hands them over: the same
/// checks, holding only the end of the previous group besides the group at
/// hand. Facts' spans must still index `text`.
class GroupChecker {
 public:
  GroupChecker(std::string_view text, CheckOptions options);
  /// The next group: its facts, the index of the first among all facts, and
  /// where the group's lines end in `text` (the next group starts there).
  /// Returns the checks it found, which the caller may change until finish()
  /// (map their spans, say): they are ordered by the spans they had here.
  std::span<Check> add(const std::vector<Fact>& facts, std::size_t first, std::size_t end);
  /// All checks, in the order check_consistency() gives them.
  [[nodiscard]] std::vector<Check> finish();

 private:
  /// Orders the checks from index `from` on, the last group's, as finish() does.
  void order_group(std::size_t from);

  std::string_view text_;
  CheckOptions options_;
  std::vector<Fact> context_;  // the previous group's facts a sum may still need
  std::size_t context_first_ = 0;
  std::size_t cues_from_ = 0;
  std::vector<Check> checks_;        // as found, group by group
  std::vector<std::size_t> starts_;  // per check: where its span started when found
  std::vector<bool> rates_;          // per check: a rate (found after a group's sums)
};

/// Evaluates again the relations already listed in `doc.checks` (say, read
/// back from bulletin-parse JSON) with the tolerances of `options`. Checks whose
/// rule is disabled, or whose fact indexes do not fit the relation, are dropped.
[[nodiscard]] std::vector<Check> recheck(const Document& doc, const CheckOptions& options);

}  // namespace bulletin
