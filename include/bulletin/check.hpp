// Consistency checks computed from a document's own facts: parts that sum to
// a stated whole (总造价676万元,其中财政补助292万元,社会出资384万元) and
// rates that must equal part/whole (排查13099条,化解13073起,化解率99.8%).
#pragma once

#include <optional>
#include <vector>

#include "bulletin/document.hpp"

namespace bulletin {

struct CheckOptions {
  /// Tolerance for sums, relative (0.001 = 0.1%); nullopt: from the printed precision.
  std::optional<double> sum_tolerance;
  /// Tolerance for rates in percentage points; nullopt: half the printed precision (99.8 → 0.05).
  std::optional<double> rate_tolerance;
};

/// Every sum and rate relation found among the facts, with its status.
/// Spans and fact indexes refer to `doc` as given (after parse() mapped them).
[[nodiscard]] std::vector<Check> check_consistency(const Document& doc,
                                                   const CheckOptions& options = {});

}  // namespace bulletin
