// Reading unit files (data/units.yaml and --units FILE); private, never installed.
//
// Shared by UnitTable::from_yaml and by the build-time generator of the
// built-in table, so both read a unit file with the same rules.
#pragma once

#include <string_view>
#include <vector>

#include "bulletin/numbers.hpp"
#include "bulletin/result.hpp"

namespace bulletin::detail {

/// What a unit file holds: the entries in file order, and for each the smaller
/// units that may follow an amount in it (元 → 角, 分), longest name first,
/// with factors relative to the entry's base.
struct UnitEntries {
  std::vector<UnitInfo> units;
  std::vector<std::vector<UnitInfo>> minors;
};

/// Parses and checks a unit file. Errors are Errc::invalid_schema with
/// "origin:LINE:COL: message".
[[nodiscard]] Result<UnitEntries> read_unit_yaml(std::string_view yaml, std::string_view origin);

}  // namespace bulletin::detail
