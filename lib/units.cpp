// UnitTable: units and measure words, looked up by longest prefix. The
// built-in table is static data generated from data/units.yaml at build time;
// other unit files are read as YAML.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bulletin/numbers.hpp"
#include "detail/numbers_utf8.hpp"
#include "detail/units_builtin.hpp"
#include "detail/units_yaml.hpp"

namespace bulletin {

namespace {

// The first `size` (at most eight) bytes at `p`, as the little end of a word.
std::uint64_t load_head(const char* p, std::size_t size) {
  std::uint64_t head = 0;
  for (std::size_t i = 0; i < size; ++i) {
    head |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  }
  return head;
}

std::uint64_t head_mask(std::size_t size) {
  return size >= sizeof(std::uint64_t) ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * size)) - 1;
}

// A map from keys to small values by open addressing, for the lookups of
// match_prefix, which runs at the end of nearly every number: one multiply,
// one shift and most often one compare, where an unordered_map divides and
// follows a node.
template <typename Key, typename Value>
class FlatIndex {
 public:
  // Room for `count` keys at most half full.
  void reset(std::size_t count) {
    std::size_t size = 16;
    shift_ = 60;
    while (size < 2 * count) {
      size *= 2;
      --shift_;
    }
    slots_.assign(size, Slot{});
  }

  // The value of `key`, added as `initial` when it has none.
  Value& try_emplace(Key key, const Value& initial) {
    for (std::size_t i = slot_of(key);; i = (i + 1) & (slots_.size() - 1)) {
      Slot& slot = slots_[i];
      if (slot.key == key) return slot.value;
      if (slot.key == kEmpty) {
        slot.key = key;
        slot.value = initial;
        return slot.value;
      }
    }
  }

  [[nodiscard]] const Value* find(Key key) const {
    if (slots_.empty()) return nullptr;
    for (std::size_t i = slot_of(key);; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& slot = slots_[i];
      if (slot.key == key) return &slot.value;
      if (slot.key == kEmpty) return nullptr;
    }
  }

 private:
  // No code point, nor a code point with a probe byte, is all ones.
  static constexpr Key kEmpty = static_cast<Key>(~Key{0});
  struct Slot {
    Key key = kEmpty;
    Value value{};
  };

  [[nodiscard]] std::size_t slot_of(Key key) const {
    return static_cast<std::size_t>((std::uint64_t{key} * 0x9E3779B97F4A7C15ULL) >> shift_);
  }

  std::vector<Slot> slots_;
  unsigned shift_ = 60;
};

}  // namespace

struct UnitTable::Impl : detail::UnitEntries {
  // Units grouped by the first code point of the name, longest name first
  // within a group (file order among equals). Names longer than kProbe bytes
  // are grouped further by their byte at kProbe (for Chinese names, the last
  // byte of the second character): a lookup compares only the names that
  // share it (万元 is one of 36 names starting with 万), then the short names.
  // Every long name is longer than every short one, so longest first still
  // holds. One flat list plus maps of ranges, rather than maps of growing
  // lists, because every process builds the built-in table's index.
  static constexpr std::size_t kProbe = 5;
  struct Group {
    std::uint32_t begin = 0;  // the short names
    std::uint32_t end = 0;
    bool has_long = false;
  };
  struct Range {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
  };
  // A unit as match_prefix compares it: its first eight bytes (or fewer)
  // as one word, so that most names are told apart, and most matched, with
  // one comparison rather than a call.
  struct Candidate {
    std::uint64_t head = 0;
    std::uint64_t head_mask = 0;
    std::uint32_t unit = 0;
    std::uint32_t size = 0;
  };
  std::vector<Candidate> candidates;
  FlatIndex<char32_t, Group> groups;
  FlatIndex<std::uint64_t, Range> long_groups;

  static std::uint64_t long_key(char32_t first, unsigned char probe) {
    return std::uint64_t{first} << 8 | probe;
  }

  void index() {
    struct Named {
      char32_t first;
      bool is_long;
      unsigned char probe;
      std::uint32_t unit;
    };
    std::vector<Named> named;
    named.reserve(units.size());
    for (std::uint32_t i = 0; i < units.size(); ++i) {
      const std::string& name = units[i].name;
      if (name.empty()) continue;
      const bool is_long = name.size() > kProbe;
      named.push_back({detail::numbers_decode(name, 0).cp, is_long,
                       is_long ? static_cast<unsigned char>(name[kProbe]) : std::uint8_t{0}, i});
    }
    std::stable_sort(named.begin(), named.end(), [this](const Named& a, const Named& b) {
      if (a.first != b.first) return a.first < b.first;
      if (a.is_long != b.is_long) return a.is_long;
      if (a.probe != b.probe) return a.probe < b.probe;
      return units[a.unit].name.size() > units[b.unit].name.size();
    });
    candidates.clear();
    candidates.reserve(named.size());
    groups.reset(named.size());
    long_groups.reset(named.size());
    for (std::uint32_t k = 0; k < named.size(); ++k) {
      const Named& n = named[k];
      const std::string& name = units[n.unit].name;
      const std::size_t head_size = std::min<std::size_t>(name.size(), sizeof(std::uint64_t));
      candidates.push_back({load_head(name.data(), head_size), head_mask(head_size), n.unit,
                            static_cast<std::uint32_t>(name.size())});
      Group& group = groups.try_emplace(n.first, Group{k, k, false});
      if (n.is_long) {
        group.has_long = true;
        group.begin = group.end = k + 1;  // the short names follow the long ones
        Range& range = long_groups.try_emplace(long_key(n.first, n.probe), Range{k, k});
        range.end = k + 1;
      } else {
        group.end = k + 1;
      }
    }
  }

  // The first name in candidates[begin, end) that `text` starts with, given
  // the text's first eight bytes as `head`.
  [[nodiscard]] const UnitInfo* first_match(std::uint32_t begin, std::uint32_t end,
                                            std::string_view text, std::uint64_t head) const {
    for (std::uint32_t k = begin; k < end; ++k) {
      const Candidate& candidate = candidates[k];
      if (candidate.size > text.size() || (head & candidate.head_mask) != candidate.head) continue;
      const UnitInfo& unit = units[candidate.unit];
      if (candidate.size <= sizeof head ||
          std::char_traits<char>::compare(text.data() + sizeof head, unit.name.data() + sizeof head,
                                          candidate.size - sizeof head) == 0) {
        return &unit;
      }
    }
    return nullptr;
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
  const char32_t first = detail::numbers_decode(text, 0).cp;
  const Impl::Group* group = impl_->groups.find(first);
  if (group == nullptr) return nullptr;
  std::uint64_t head = 0;
  if (std::endian::native == std::endian::little && text.size() >= sizeof head) {
    std::memcpy(&head, text.data(), sizeof head);
  } else {
    head = load_head(text.data(), std::min(text.size(), sizeof head));
  }
  if (group->has_long && text.size() > Impl::kProbe) {
    const Impl::Range* range = impl_->long_groups.find(
        Impl::long_key(first, static_cast<unsigned char>(text[Impl::kProbe])));
    if (range != nullptr) {
      if (const UnitInfo* unit = impl_->first_match(range->begin, range->end, text, head)) {
        return unit;
      }
    }
  }
  return impl_->first_match(group->begin, group->end, text, head);
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
