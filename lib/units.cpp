// UnitTable: units and measure words, read from YAML (data/units.yaml is
// compiled in), looked up by longest prefix.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bulletin/numbers.hpp"
#include "detail/numbers_utf8.hpp"

namespace bulletin::detail {
extern const std::string_view kBuiltinUnitsYaml;
}  // namespace bulletin::detail

namespace bulletin {

namespace {

// What a unit file holds: the entries, and for each the smaller units that may
// follow an amount in it (元 → 角, 分), with factors relative to its base.
struct Parsed {
  std::vector<UnitInfo> units;
  std::vector<std::vector<UnitInfo>> minors;
};

}  // namespace

struct UnitTable::Impl : Parsed {
  // First code point of a name → indices into `units`, longest name first.
  std::unordered_map<char32_t, std::vector<std::uint32_t>> by_first;

  void index() {
    by_first.clear();
    for (std::uint32_t i = 0; i < units.size(); ++i) {
      const std::string& name = units[i].name;
      if (name.empty()) continue;
      by_first[detail::numbers_decode(name, 0).cp].push_back(i);
    }
    for (auto& [cp, list] : by_first) {
      std::stable_sort(list.begin(), list.end(), [this](std::uint32_t a, std::uint32_t b) {
        return units[a].name.size() > units[b].name.size();
      });
    }
  }
};

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
    i += detail::numbers_decode(yaml, i).len;
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

  Result<Parsed> read() {
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

  Result<Parsed> read_root(const YAML::Node& root) const {
    if (!root.IsMap()) return fail(root, "expected a mapping with the key 'units'");
    YAML::Node units;
    for (const auto& item : root) {
      const std::string key = item.first.IsScalar() ? item.first.Scalar() : std::string();
      if (key != "units") return fail(item.first, "unknown key '" + key + "' (expected 'units')");
      units = item.second;
    }
    if (!units.IsDefined()) return fail(root, "missing key 'units'");
    if (!units.IsSequence()) return fail(units, "'units' must be a list of unit entries");
    Parsed impl;
    std::unordered_map<std::string, std::size_t> seen;
    for (const auto& entry : units) {
      auto one = read_entry(entry);
      if (!one) return one.error();
      auto& [info, minors] = one.value();
      if (!seen.emplace(info.name, impl.units.size()).second) {
        return fail(entry, "duplicate unit '" + info.name + "'");
      }
      impl.units.push_back(std::move(info));
      impl.minors.push_back(std::move(minors));
    }
    return impl;
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

UnitTable::UnitTable() {
  static const std::shared_ptr<const Impl> empty = std::make_shared<const Impl>();
  impl_ = empty;
}
UnitTable::~UnitTable() = default;
UnitTable::UnitTable(const UnitTable&) = default;
UnitTable& UnitTable::operator=(const UnitTable&) = default;
UnitTable::UnitTable(UnitTable&& other) noexcept : impl_(std::move(other.impl_)) {
  other.impl_ = UnitTable().impl_;
}
UnitTable& UnitTable::operator=(UnitTable&& other) noexcept {
  if (this != &other) {
    impl_ = std::move(other.impl_);
    other.impl_ = UnitTable().impl_;
  }
  return *this;
}

const UnitTable& UnitTable::builtin() {
  static const UnitTable table = [] {
    auto parsed = from_yaml(detail::kBuiltinUnitsYaml, "data/units.yaml");
    // The compiled-in file is checked by the unit tests; an empty table is the
    // only safe fallback for a library that must not throw or abort.
    return parsed ? std::move(parsed).value() : UnitTable();
  }();
  return table;
}

Result<UnitTable> UnitTable::from_yaml(std::string_view yaml, std::string_view origin) {
  auto parsed = Reader(yaml, origin).read();
  if (!parsed) return parsed.error();
  auto impl = std::make_shared<Impl>();
  static_cast<Parsed&>(*impl) = std::move(parsed).value();
  impl->index();
  UnitTable table;
  table.impl_ = std::move(impl);
  return table;
}

UnitTable UnitTable::merged(const UnitTable& more) const {
  auto impl = std::make_shared<Impl>(*impl_);
  for (std::size_t i = 0; i < more.impl_->units.size(); ++i) {
    const UnitInfo& info = more.impl_->units[i];
    const auto it = std::find_if(impl->units.begin(), impl->units.end(),
                                 [&](const UnitInfo& u) { return u.name == info.name; });
    if (it != impl->units.end()) {
      const auto at = static_cast<std::size_t>(it - impl->units.begin());
      impl->units[at] = info;
      impl->minors[at] = more.impl_->minors[i];
    } else {
      impl->units.push_back(info);
      impl->minors.push_back(more.impl_->minors[i]);
    }
  }
  impl->index();
  UnitTable table;
  table.impl_ = std::move(impl);
  return table;
}

const UnitInfo* UnitTable::match_prefix(std::string_view text) const {
  if (text.empty()) return nullptr;
  const auto it = impl_->by_first.find(detail::numbers_decode(text, 0).cp);
  if (it == impl_->by_first.end()) return nullptr;
  for (const std::uint32_t i : it->second) {
    const std::string& name = impl_->units[i].name;
    if (text.substr(0, name.size()) == name) return &impl_->units[i];
  }
  return nullptr;
}

const UnitInfo* UnitTable::match_minor(const UnitInfo& major, std::string_view text) const {
  const auto& units = impl_->units;
  if (units.empty() || &major < units.data() || &major >= units.data() + units.size())
    return nullptr;
  const auto index = static_cast<std::size_t>(&major - units.data());
  for (const UnitInfo& minor : impl_->minors[index]) {
    if (text.substr(0, minor.name.size()) == minor.name) return &minor;
  }
  return nullptr;
}

std::size_t UnitTable::size() const { return impl_->units.size(); }

}  // namespace bulletin
