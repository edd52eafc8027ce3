// Comparing editions of one bulletin series, indicator by indicator.
//
// The facts of each edition are lined up with those of the editions before it
// by what they measure, never by where they stand: first by normalized subject
// (plus an optional alias table), then by subject similarity. A level is never
// matched with a change, nor a count with money.
//
//   std::vector<bulletin::Document> docs = …;            // 2021, 2022, 2023
//   auto ordered = bulletin::order_editions(std::move(docs));
//   auto diff = bulletin::diff_editions(*ordered, {.min_similarity = 0.6});
//   std::cout << bulletin::render_diff(*diff, {.format = bulletin::DiffFormat::text});
//
// Everything here is pure: no I/O, no exceptions across the API.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bulletin/document.hpp"
#include "bulletin/numbers.hpp"
#include "bulletin/result.hpp"

namespace bulletin {

/// Subjects that mean the same indicator although no similarity score would
/// say so: canonical subject → variants, read from YAML
///
///   新冠疫苗接种: [接种新冠疫苗, 新冠病毒疫苗接种]
///   破获刑事案件:
///     - 侦破刑事案件
///
/// Keys and variants are stored normalized (normalize_subject).
struct AliasTable {
  std::map<std::string, std::string, std::less<>> canonical_of;  // variant → canonical

  /// The canonical subject of a normalized subject; the subject itself when
  /// it has no alias.
  [[nodiscard]] std::string_view resolve(std::string_view normalized) const;
};

/// Limits on untrusted alias files.
inline constexpr std::size_t kMaxAliasBytes = 1u << 20;
inline constexpr std::size_t kMaxAliasNodes = 20000;

/// Reads an alias file. Errors:
/// Errc::invalid_schema with the line and column of the offending node (YAML
/// syntax, a non-mapping top level, non-string variants, nesting deeper than a
/// list, a variant listed under two canonical subjects, too many nodes or bytes).
[[nodiscard]] Result<AliasTable> parse_aliases(std::string_view yaml);

/// The subject reduced to what it names: punctuation and spaces removed,
/// leading fillers (共, 累计, 全年, 各类, 今年, 全区 …) and trailing verbs
/// (达, 为, 超 …) stripped. "共破获各类刑事案件" → "破获各类刑事案件".
[[nodiscard]] std::string normalize_subject(std::string_view subject);

/// Similarity of two normalized subjects in [0, 1]: the mean of the Dice
/// coefficients over their characters and over their character bigrams, so
/// reordered words (接种新冠疫苗 ~ 新冠疫苗接种) and inserted words
/// (破获刑事案件 ~ 破获各类刑事案件) both score high. 1 only for equal strings.
[[nodiscard]] double subject_similarity(std::string_view a, std::string_view b);

/// The editions in order of their document year. Errors (Errc::invalid_argument):
/// an edition without a year, or two with the same year.
[[nodiscard]] Result<std::vector<Document>> order_editions(std::vector<Document> editions);

enum class MatchKind { exact, alias, similar };
enum class DiffStatus { unchanged, changed, added, removed, unit_changed };

[[nodiscard]] const char* to_string(MatchKind kind) noexcept;
[[nodiscard]] const char* to_string(DiffStatus status) noexcept;
/// The status named as to_string() names it; nullopt for other words.
[[nodiscard]] std::optional<DiffStatus> status_from_string(std::string_view name);

struct DiffOptions {
  double min_similarity = 0.6;          // below it, reworded subjects stay unmatched
  const AliasTable* aliases = nullptr;  // nullptr: none
  double abs_tol = 0.0;                 // |new − old| ≤ abs_tol counts as unchanged
  double rel_tol = 0.0;                 // percent of |old|; likewise
  std::size_t max_candidates = 16;      // similarity is scored against at most this many facts
};

/// How an edition's fact joined the indicator's row (the first one has none).
struct MatchLink {
  MatchKind kind = MatchKind::exact;
  double similarity = 1.0;
  std::string previous_subject;  // the subject it was matched with
};

/// A movement between two values. For percentages (shares, rates, growth
/// rates) `absolute` is in percentage points and `points` is set.
struct Change {
  std::optional<Decimal> absolute;  // new − old, exact; nullopt for ranges
  std::optional<double> relative;   // percent of |old|; nullopt when old is 0 or unknown
  bool points = false;
};

struct Indicator {
  std::string subject;  // as written in the latest edition that has it
  std::string dimension;
  Measure measure = Measure::level;
  bool target = false;
  std::vector<std::optional<Fact>> values;      // one slot per edition
  std::vector<std::optional<MatchLink>> links;  // one slot per edition
  std::vector<std::optional<Change>> steps;     // per edition: from the previous value present
  std::optional<Change> change;                 // first value present → last value present
  DiffStatus status = DiffStatus::unchanged;
};

struct Edition {
  std::string path;
  std::optional<int> year;
  std::string title;
  std::size_t facts = 0;
};

/// A speaker or section that appears in (`added`) or leaves (`!added`) an
/// edition compared with the edition before it.
struct StructuralChange {
  std::size_t edition = 0;
  bool added = true;
  std::string name;
};

/// Facts that could have been matched with more than one candidate equally
/// well; none of them was matched.
struct Ambiguity {
  std::size_t edition = 0;  // the edition of `subject`
  std::string subject;
  std::vector<std::string> candidates;  // subjects in the previous editions
  double similarity = 1.0;
};

struct Diff {
  std::vector<Edition> editions;
  std::vector<Indicator> indicators;
  std::vector<StructuralChange> speakers;
  std::vector<StructuralChange> sections;
  std::vector<Ambiguity> ambiguities;
  /// Facts left out: no subject, or a measure word the unit table does not know.
  std::size_t skipped = 0;
};

/// Lines up the facts of the editions (already in order). Errors
/// (Errc::invalid_argument): fewer than two editions, a negative tolerance, a
/// similarity threshold outside [0, 1].
[[nodiscard]] Result<Diff> diff_editions(const std::vector<Document>& editions,
                                         const DiffOptions& options = {});

enum class DiffFormat { text, json, csv, markdown };

/// "text", "json", "csv", "markdown"; nullopt for other words.
[[nodiscard]] std::optional<DiffFormat> format_from_string(std::string_view name);

struct RenderOptions {
  DiffFormat format = DiffFormat::text;
  bool color = false;               // ANSI colours in the text view
  std::vector<DiffStatus> only;     // empty: every status
  std::optional<double> threshold;  // hide changes smaller than this percent
};

/// Whether the indicator is shown under `options` (--only, --threshold).
[[nodiscard]] bool is_shown(const Indicator& indicator, const RenderOptions& options);

/// The diff as text (aligned table), JSON Lines (one record per line, each
/// with a "type"), CSV (one indicator per row, with header) or Markdown.
[[nodiscard]] std::string render_diff(const Diff& diff, const RenderOptions& options);

/// Terminal columns of a UTF-8 string: East Asian wide and fullwidth
/// characters count two, combining marks zero.
[[nodiscard]] std::size_t display_width(std::string_view utf8);

/// When a CI run fails.
struct FailPolicy {
  bool on_added = false;
  bool on_removed = false;
  bool on_changed = false;             // changed or unit-changed
  std::optional<double> drop_percent;  // any step falling by more than this percent
};

/// One line per condition that holds ("2 indicators removed: …"); empty
/// when none does.
[[nodiscard]] std::vector<std::string> failed_conditions(const Diff& diff,
                                                         const FailPolicy& policy);

}  // namespace bulletin
