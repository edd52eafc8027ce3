// Extracting facts: every numeric fact with its subject, speaker, section,
// measure, year and target flag, on top of find_numbers().
//
// Dates, clock times, identifiers and ordinals that the recognizer returns are
// set aside; so are numerals inside short quoted names and slogans (“两个维护”,
// “1+6”) and Chinese numerals with no unit (党的二十大).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "bulletin/document.hpp"
#include "bulletin/numbers.hpp"
#include "bulletin/segment.hpp"

namespace bulletin {

struct ExtractOptions {
  const UnitTable* units = nullptr;  // nullptr: UnitTable::builtin()
  std::size_t max_facts = 1000000;   // more are dropped with a diagnostic
  /// extract_facts_in_groups(): a group ends at the first line break this
  /// many bytes after its start that does not follow a numeral (see
  /// next_fact_group). The facts do not depend on it.
  std::size_t group_bytes = 1 << 12;
};

struct Extraction {
  std::vector<Fact> facts;  // spans: byte offsets into the normalized text
  std::vector<Diagnostic> diagnostics;
};

[[nodiscard]] Extraction extract_facts(std::string_view normalized,
                                       const Segmentation& segmentation,
                                       const ExtractOptions& options = {});

/// The facts found in one group of whole lines, [begin, end) of the normalized
/// text. `first` is the index of facts[0] among all the document's facts.
struct FactGroup {
  std::vector<Fact>& facts;  // the handler may move from them; they are refilled after it
  std::size_t first = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
};
using FactGroupHandler = std::function<void(FactGroup&)>;

/// extract_facts(), handing the facts to `on_group` a group of lines
/// (options.group_bytes) at a time instead of holding them all, so that a large document's
/// facts can be written as they are found. The same facts in the same order;
/// the groups cover the text from the first to the last fact without gaps.
/// Returns the diagnostics.
[[nodiscard]] std::vector<Diagnostic> extract_facts_in_groups(std::string_view normalized,
                                                              const Segmentation& segmentation,
                                                              const ExtractOptions& options,
                                                              const FactGroupHandler& on_group);

/// The groups' lines, in order: the first starts where the body does, each
/// ends where the next starts, the last at the end of the text.
struct FactGroupLines {
  std::size_t begin = 0;
  std::size_t end = 0;
};
[[nodiscard]] FactGroupLines first_fact_group(std::string_view normalized,
                                              const Segmentation& segmentation,
                                              const ExtractOptions& options);
/// The group after `group`; its begin is the text's size after the last one.
[[nodiscard]] FactGroupLines next_fact_group(std::string_view normalized, FactGroupLines group,
                                             const ExtractOptions& options);

/// extract_facts_in_groups() over parts of the text, each a run of whole
/// groups, taken in text order but not necessarily one after the other: the
/// parts of a document can be extracted on separate threads, one extractor
/// each. Nothing a fact holds reaches over the line break between two groups,
/// so a part gives the facts the whole pass gives there.
class FactGroupExtractor {
 public:
  FactGroupExtractor(std::string_view normalized, const Segmentation& segmentation,
                     const ExtractOptions& options);
  ~FactGroupExtractor();
  FactGroupExtractor(const FactGroupExtractor&) = delete;
  FactGroupExtractor& operator=(const FactGroupExtractor&) = delete;

  /// The facts of the groups in `lines`, which starts where a group does
  /// (or the text ends) after the end of any part given before, and ends
  /// where a group does. They are numbered from `first_fact`, the number
  /// of facts before them, and options.max_facts counts from there too.
  /// Returns the diagnostics.
  [[nodiscard]] std::vector<Diagnostic> extract(FactGroupLines lines, std::size_t first_fact,
                                                const FactGroupHandler& on_group);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace bulletin
