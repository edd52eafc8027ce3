// Reads unit files: the YAML format of data/units.yaml, checked entry by
// entry, with errors located as FILE:LINE:COL.
#include "detail/units_yaml.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "detail/numbers_utf8.hpp"

namespace bulletin::detail {

namespace {

// Exact product of two decimals, or nullopt when it does not fit.
std::optional<Decimal> multiply(const Decimal& a, const Decimal& b) {
  std::int64_t m = 0;
  if (__builtin_mul_overflow(a.mantissa, b.mantissa, &m)) return std::nullopt;
  std::int32_t e = 0;
  if (__builtin_add_overflow(a.exponent, b.exponent, &e)) return std::nullopt;
  return Decimal{m, e};
}

// Builds "origin:LINE:COL: message" from a yaml-cpp mark. yaml-cpp counts
// lines and columns from 0 and `pos` in bytes; our columns count code points.
Error schema_error(std::string_view yaml, std::string_view origin, const YAML::Mark& mark,
                   const std::string& message) {
  Error error;
  error.code = Errc::invalid_schema;
  if (mark.is_null() || mark.pos < 0) {
    error.message = std::string(origin) + ": " + message;
    return error;
  }
  const auto offset = std::min(static_cast<std::size_t>(mark.pos), yaml.size());
  const std::size_t line_start = yaml.rfind('\n', offset == 0 ? 0 : offset - 1);
  std::size_t begin = (line_start == std::string_view::npos || offset == 0) ? 0 : line_start + 1;
  if (offset > 0 && yaml[offset - 1] == '\n') begin = offset;
  std::size_t column = 1;
  for (std::size_t i = begin; i < offset;) {
    i += numbers_decode(yaml, i).len;
    ++column;
  }
  Location where;
  where.offset = offset;
  where.line = static_cast<std::size_t>(mark.line) + 1;
  where.column = column;
  error.where = where;
  error.message = std::string(origin) + ":" + std::to_string(where.line) + ":" +
                  std::to_string(where.column) + ": " + message;
  return error;
}

class Reader {
 public:
  Reader(std::string_view yaml, std::string_view origin) : yaml_(yaml), origin_(origin) {}

  Result<UnitEntries> read() {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(yaml_));
    } catch (const YAML::Exception& e) {
      return schema_error(yaml_, origin_, e.mark, e.msg);
    }
    try {
      return read_root(root);
    } catch (const YAML::Exception& e) {
      return schema_error(yaml_, origin_, e.mark, e.msg);
    } catch (const std::exception& e) {
      return schema_error(yaml_, origin_, YAML::Mark::null_mark(), e.what());
    }
  }

 private:
  Error fail(const YAML::Node& node, const std::string& message) const {
    return schema_error(yaml_, origin_, node.Mark(), message);
  }

  Result<UnitEntries> read_root(const YAML::Node& root) const {
    if (!root.IsMap()) return fail(root, "expected a mapping with the key 'units'");
    YAML::Node units;
    for (const auto& item : root) {
      const std::string key = item.first.IsScalar() ? item.first.Scalar() : std::string();
      if (key != "units") return fail(item.first, "unknown key '" + key + "' (expected 'units')");
      units = item.second;
    }
    if (!units.IsDefined()) return fail(root, "missing key 'units'");
    if (!units.IsSequence()) return fail(units, "'units' must be a list of unit entries");
    UnitEntries entries;
    std::unordered_map<std::string, std::size_t> seen;
    for (const auto& entry : units) {
      auto one = read_entry(entry);
      if (!one) return one.error();
      auto& [info, minors] = one.value();
      if (!seen.emplace(info.name, entries.units.size()).second) {
        return fail(entry, "duplicate unit '" + info.name + "'");
      }
      entries.units.push_back(std::move(info));
      entries.minors.push_back(std::move(minors));
    }
    return entries;
  }

  Result<std::string> scalar(const YAML::Node& map, const char* key) const {
    const YAML::Node node = map[key];
    if (!node.IsDefined() || node.IsNull())
      return fail(map, std::string("missing key '") + key + "'");
    if (!node.IsScalar()) return fail(node, std::string("'") + key + "' must be a string");
    if (node.Scalar().empty()) return fail(node, std::string("'") + key + "' must not be empty");
    return node.Scalar();
  }

  Result<Decimal> decimal(const YAML::Node& node, const std::string& what) const {
    if (!node.IsScalar()) return fail(node, what + " must be a decimal string such as \"0.001\"");
    const auto value = Decimal::parse(node.Scalar());
    if (!value || value->mantissa <= 0) {
      return fail(node,
                  what + " must be a positive plain decimal such as \"10000\" or \"0.5\", got '" +
                      node.Scalar() + "'");
    }
    return *value;
  }

  Result<std::pair<UnitInfo, std::vector<UnitInfo>>> read_entry(const YAML::Node& entry) const {
    if (!entry.IsMap())
      return fail(entry, "a unit entry must be a mapping (name, base, factor, dimension)");
    for (const auto& item : entry) {
      const std::string key = item.first.IsScalar() ? item.first.Scalar() : std::string();
      if (key != "name" && key != "base" && key != "factor" && key != "dimension" &&
          key != "minor") {
        return fail(item.first,
                    "unknown key '" + key + "' (expected name, base, factor, dimension, minor)");
      }
    }
    UnitInfo info;
    auto name = scalar(entry, "name");
    if (!name) return name.error();
    auto base = scalar(entry, "base");
    if (!base) return base.error();
    auto dimension = scalar(entry, "dimension");
    if (!dimension) return dimension.error();
    if (!entry["factor"].IsDefined()) return fail(entry, "missing key 'factor'");
    auto factor = decimal(entry["factor"], "'factor'");
    if (!factor) return factor.error();
    info.name = std::move(name.value());
    info.base = std::move(base.value());
    info.dimension = std::move(dimension.value());
    info.factor = factor.value();

    std::vector<UnitInfo> minors;
    const YAML::Node minor = entry["minor"];
    if (minor.IsDefined() && !minor.IsNull()) {
      if (!minor.IsMap()) return fail(minor, "'minor' must be a mapping such as {角: \"0.1\"}");
      for (const auto& item : minor) {
        if (!item.first.IsScalar() || item.first.Scalar().empty()) {
          return fail(item.first, "a minor unit name must be a non-empty string");
        }
        auto f = decimal(item.second, "the factor of minor unit '" + item.first.Scalar() + "'");
        if (!f) return f.error();
        const auto relative = multiply(f.value(), info.factor);
        if (!relative) return fail(item.second, "factor out of range");
        minors.push_back(UnitInfo{item.first.Scalar(), info.base, *relative, info.dimension});
      }
      std::stable_sort(minors.begin(), minors.end(), [](const UnitInfo& a, const UnitInfo& b) {
        return a.name.size() > b.name.size();
      });
    }
    return std::make_pair(std::move(info), std::move(minors));
  }

  std::string_view yaml_;
  std::string_view origin_;
};

}  // namespace

Result<UnitEntries> read_unit_yaml(std::string_view yaml, std::string_view origin) {
  return Reader(yaml, origin).read();
}

}  // namespace bulletin::detail
