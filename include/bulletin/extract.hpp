// Extracting facts: every numeric fact with its subject, speaker, section,
// measure, year and target flag, on top of find_numbers().
//
// Dates, clock times, identifiers and ordinals that the recognizer returns are
// set aside; so are numerals inside short quoted names and slogans (“两个维护”,
// “1+6”) and Chinese numerals with no unit (党的二十大).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "bulletin/document.hpp"
#include "bulletin/numbers.hpp"
#include "bulletin/segment.hpp"

namespace bulletin {

struct ExtractOptions {
  const UnitTable* units = nullptr;  // nullptr: UnitTable::builtin()
  std::size_t max_facts = 1000000;   // more are dropped with a diagnostic
};

struct Extraction {
  std::vector<Fact> facts;  // spans: byte offsets into the normalized text
  std::vector<Diagnostic> diagnostics;
};

[[nodiscard]] Extraction extract_facts(std::string_view normalized,
                                       const Segmentation& segmentation,
                                       const ExtractOptions& options = {});

}  // namespace bulletin
