// The built-in unit table as static data (private; never installed).
//
// The build generates its definition from data/units.yaml with the same
// reader as UnitTable::from_yaml (lib/tools/units_codegen.cpp), so a program
// that only uses the built-in table parses no YAML. Strings are offsets into
// one pool rather than pointers: the table then needs no relocation when the
// program is loaded, and stays in read-only pages until it is first used.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace bulletin::detail {

struct PooledString {
  std::uint32_t offset = 0;
  std::uint32_t size = 0;
};

struct UnitRecord {
  PooledString name;
  PooledString base;
  std::int64_t factor_mantissa = 1;
  std::int32_t factor_exponent = 0;
  PooledString dimension;
};

struct BuiltinUnits {
  std::string_view pool;
  /// The entries of data/units.yaml in file order.
  std::span<const UnitRecord> units;
  /// The minor units of units[i] are minors[minor_begin[i], minor_begin[i + 1]),
  /// longest name first, with factors relative to the entry's base.
  std::span<const std::uint32_t> minor_begin;
  std::span<const UnitRecord> minors;

  [[nodiscard]] std::string_view text(PooledString s) const {
    return pool.substr(s.offset, s.size);
  }
};

extern const BuiltinUnits kBuiltinUnits;

}  // namespace bulletin::detail
