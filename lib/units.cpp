// UnitTable: units and measure words, looked up by longest prefix. The
// built-in table is static data generated from data/units.yaml at build time;
// other unit files are read as YAML.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "bulletin/numbers.hpp"
#include "detail/numbers_utf8.hpp"
#include "detail/units_builtin.hpp"
#include "detail/units_yaml.hpp"

namespace bulletin {

struct UnitTable::Impl : detail::UnitEntries {
  // Unit indices grouped by the first code point of the name, longest name
  // first within a group (file order among equals), and where each group lies
  // in `by_first`. One flat list plus a map of ranges, rather than a map of
  // growing lists, because every process builds the built-in table's index.
  struct Group {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };
  std::vector<std::uint32_t> by_first;
  std::unordered_map<char32_t, Group> groups;

  void index() {
    struct Named {
      char32_t first;
      std::uint32_t unit;
    };
    std::vector<Named> named;
    named.reserve(units.size());
    for (std::uint32_t i = 0; i < units.size(); ++i) {
      const std::string& name = units[i].name;
      if (!name.empty()) named.push_back({detail::numbers_decode(name, 0).cp, i});
    }
    std::stable_sort(named.begin(), named.end(), [this](const Named& a, const Named& b) {
      if (a.first != b.first) return a.first < b.first;
      return units[a.unit].name.size() > units[b.unit].name.size();
    });
    by_first.clear();
    by_first.reserve(named.size());
    groups.clear();
    groups.reserve(named.size());
    for (std::uint32_t k = 0; k < named.size(); ++k) {
      by_first.push_back(named[k].unit);
      Group& group = groups.try_emplace(named[k].first, Group{k, k}).first->second;
      group.end = k + 1;
    }
  }
};

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

namespace {

UnitInfo unit_info(const detail::BuiltinUnits& data, const detail::UnitRecord& record) {
  return UnitInfo{std::string(data.text(record.name)), std::string(data.text(record.base)),
                  Decimal{record.factor_mantissa, record.factor_exponent},
                  std::string(data.text(record.dimension))};
}

}  // namespace

const UnitTable& UnitTable::builtin() {
  // Never destroyed: it lives as long as the process, and freeing its
  // hundreds of strings at exit would only lengthen every run.
  static const UnitTable* const table = [] {
    const detail::BuiltinUnits& data = detail::kBuiltinUnits;
    auto impl = std::make_shared<Impl>();
    impl->units.reserve(data.units.size());
    impl->minors.resize(data.units.size());
    for (std::size_t i = 0; i < data.units.size(); ++i) {
      impl->units.push_back(unit_info(data, data.units[i]));
      const auto minors =
          data.minors.subspan(data.minor_begin[i], data.minor_begin[i + 1] - data.minor_begin[i]);
      impl->minors[i].reserve(minors.size());
      for (const detail::UnitRecord& minor : minors) {
        impl->minors[i].push_back(unit_info(data, minor));
      }
    }
    impl->index();
    auto* built = new UnitTable();
    built->impl_ = std::move(impl);
    return built;
  }();
  return *table;
}

Result<UnitTable> UnitTable::from_yaml(std::string_view yaml, std::string_view origin) {
  auto entries = detail::read_unit_yaml(yaml, origin);
  if (!entries) return entries.error();
  auto impl = std::make_shared<Impl>();
  static_cast<detail::UnitEntries&>(*impl) = std::move(entries).value();
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
  const auto group = impl_->groups.find(detail::numbers_decode(text, 0).cp);
  if (group == impl_->groups.end()) return nullptr;
  for (std::uint32_t k = group->second.begin; k < group->second.end; ++k) {
    const UnitInfo& unit = impl_->units[impl_->by_first[k]];
    const std::size_t size = unit.name.size();
    // Names in a group share their first character; their last byte tells
    // most of them apart before the whole name is compared.
    if (size <= text.size() && text[size - 1] == unit.name.back() &&
        std::char_traits<char>::compare(text.data(), unit.name.data(), size) == 0) {
      return &unit;
    }
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
