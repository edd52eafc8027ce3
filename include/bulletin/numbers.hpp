// Number recognition: every number, quantity and percentage in a UTF-8 text.
//
// The recognizer is the foundation of fact extraction, and is usable alone:
//
//   for (const auto& m : bulletin::find_numbers("破获刑事案件531起，总投资额超3.1亿元"))
//     std::cout << m.surface << " = " << m.value->to_string() << ' ' << m.unit << '\n';
//   // 531起 = 531 起
//   // 超3.1亿元 = 310000000 元
//
// It reads Arabic digits (ASCII or full-width, with `,` separators), Chinese
// numerals (simplified, traditional and financial forms), 万/亿 scaling,
// percentages, fractions, ranges and ordinals, and attaches the unit or measure
// word that follows and a qualifier (余, 多, 超, 约, 以上 …) written before or
// after. Words that merely contain numeral characters (一切, 统一, 万一) and list
// markers (一、 (三) 1.) are not numbers; dates, clock times and identifiers are
// returned with their own kinds so callers can set them aside.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bulletin/result.hpp"

namespace bulletin {

/// An exact decimal: mantissa × 10^exponent. Keeps the digits as printed, so
/// output never shows float drift (99.8 stays 99.8; 3.1亿 is 31e7).
struct Decimal {
  std::int64_t mantissa = 0;
  std::int32_t exponent = 0;

  /// Plain decimal notation without exponent or trailing zeros after the
  /// point: "310000000", "99.8", "-0.5", "0".
  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] double to_double() const;
  /// True when the value is a whole number that fits in int64.
  [[nodiscard]] bool is_integer() const;
  /// Parses plain decimal notation ("-12.50"); nullopt when malformed or too
  /// many significant digits to hold exactly.
  [[nodiscard]] static std::optional<Decimal> parse(std::string_view text);

  friend bool operator==(const Decimal& a, const Decimal& b);
  friend bool operator!=(const Decimal& a, const Decimal& b) { return !(a == b); }
};

enum class NumberKind {
  cardinal,    // 531, 三千二百万, 3.1亿 (whole numbers)
  decimal,     // 99.8, 三点五
  percent,     // 99.8%, 百分之九十, 三成, 0.3个百分点
  permille,    // 5‰, 千分之五
  fraction,    // 三分之一
  ordinal,     // 第三
  range,       // 3至5万, 60-70, 八到九百亿
  multiple,    // 2倍, 翻一番
  date,        // 2022年, 12月23日, 2022-12-23, 3·28: not a quantity
  time,        // 11:00:00, 9时30分: not a quantity
  identifier,  // phone numbers, hotlines, document numbers: not a quantity
};

enum class Bound { exact, lower, upper, approx };

[[nodiscard]] const char* to_string(NumberKind kind) noexcept;
[[nodiscard]] const char* to_string(Bound bound) noexcept;

/// One unit or measure word of the unit table.
struct UnitInfo {
  std::string name;       // as written: 亿元, 平方公里, 人次
  std::string base;       // the unit values are expressed in: 元, 平方米, 人次
  Decimal factor{1, 0};   // name = factor × base (亿元 = 1e8 元)
  std::string dimension;  // money, area, length, mass, energy, count, time, ...
};

/// Units and measure words, looked up by longest match at a position.
/// Immutable after construction and safe to share between threads.
class UnitTable {
 public:
  UnitTable();
  ~UnitTable();
  UnitTable(const UnitTable&);
  UnitTable& operator=(const UnitTable&);
  UnitTable(UnitTable&&) noexcept;
  UnitTable& operator=(UnitTable&&) noexcept;

  /// The table shipped with the library (data/units.yaml, compiled in);
  /// built once, on first use (from data generated at build time).
  [[nodiscard]] static const UnitTable& builtin();

  /// Reads a unit file in the format of data/units.yaml. `origin` names the
  /// file in error messages, which carry its line and column.
  [[nodiscard]] static Result<UnitTable> from_yaml(std::string_view yaml, std::string_view origin);

  /// A copy of this table with `more` added; entries of `more` win on a clash.
  [[nodiscard]] UnitTable merged(const UnitTable& more) const;

  /// The longest unit that `text` starts with, or nullptr.
  [[nodiscard]] const UnitInfo* match_prefix(std::string_view text) const;

  /// The longest smaller unit of the same currency as `major` (a unit of this
  /// table) that `text` starts with: 角 or 分 after 元, 美分 after 美元; its
  /// factor is relative to major's base. nullptr when none.
  [[nodiscard]] const UnitInfo* match_minor(const UnitInfo& major, std::string_view text) const;

  [[nodiscard]] std::size_t size() const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

/// One recognized number. Offsets are byte offsets into the text given to
/// find_numbers; `surface` is exactly text.substr(begin, end - begin).
struct NumberMatch {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string surface;
  NumberKind kind = NumberKind::cardinal;

  /// The value in the base unit (3.1亿元 → 310000000, unit 元; 60% → 60,
  /// unit %). nullopt for ranges without a stated point, and when the digits
  /// do not fit (a 10,000-digit run): then `overflow` is set.
  std::optional<Decimal> value;
  std::optional<Decimal> low;   // ranges: lower end, in the base unit
  std::optional<Decimal> high;  // ranges: upper end, in the base unit
  /// Whether `low` / `high` belong to the interval: 至少3, 3以上, 3至5 include
  /// their ends; 超过3, 3余, 不到5 do not.
  bool low_inclusive = true;
  bool high_inclusive = true;
  bool overflow = false;

  /// Base unit (元, 平方米, 人次, %, ‰, 百分点, 倍), empty when no unit follows.
  std::string unit;
  std::string unit_surface;  // the unit as written: 亿元, 平米
  std::string dimension;     // from the unit table; empty when unknown
  bool unit_known = false;   // false when no unit, or a measure word not in the table

  /// Qualifier as written (余, 多, 超, 超过, 逾, 近, 约, 左右, 以上, 以下, 不到 …),
  /// empty when none; `bound` is its meaning.
  std::string qualifier;
  Bound bound = Bound::exact;

  /// The place value of the last printed digit, in the base unit
  /// (99.8% → 0.1; 3.1亿元 → 10000000). Tolerances derive from it.
  Decimal precision{1, 0};
};

struct RecognizerOptions {
  /// Attach units and measure words that follow a number.
  bool attach_units = true;
};

/// Every number in `text` (UTF-8), in order of position, non-overlapping.
/// Never fails: text that is not a number is skipped.
[[nodiscard]] std::vector<NumberMatch> find_numbers(std::string_view text,
                                                    const UnitTable& units = UnitTable::builtin(),
                                                    const RecognizerOptions& options = {});

}  // namespace bulletin
