// The parsed form of a schema, shared by the loader (schema.cpp) and the
// validator (schema_validate.cpp).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "bulletin/schema.hpp"
#include "detail/schema_regex.hpp"

namespace bulletin {

struct Schema::Impl {
  struct Rule {
    Location at;  // the schema node that states the rule
    Severity severity = Severity::error;
  };
  struct MetadataRule : Rule {
    std::string key;
    bool required = true;
    bool date = false;
    detail::Pattern pattern;
  };
  struct TitleRule : Rule {
    detail::Pattern pattern;
  };
  struct YearRule : Rule {
    std::optional<long long> min;
    std::optional<long long> max;
  };
  struct RoleRule : Rule {
    Role role = Role::unknown;
    std::size_t min = 1;
    std::optional<std::size_t> max;
  };
  struct FactRule : Rule {
    detail::Pattern subject;
    std::string unit;
    std::string dimension;
    std::optional<double> min;
    std::optional<double> max;
    std::optional<bool> target;
    std::size_t count = 1;
  };
  struct UnitsRule : Rule {
    bool has_allowed = false;
    std::vector<std::string> allowed;
    Location allowed_at;
    std::optional<double> max_unknown_share;
    Location share_at;
  };
  struct PercentRule : Rule {
    detail::Pattern subject;
    std::optional<Measure> measure = Measure::share;
    std::optional<double> min;
    std::optional<double> max;
  };
  struct CheckRule : Rule {
    bool enabled = false;
  };

  std::string name;
  std::string origin;
  Severity severity = Severity::error;
  std::vector<MetadataRule> metadata;
  std::optional<TitleRule> title;
  std::optional<YearRule> year;
  std::vector<RoleRule> roles;
  std::optional<Rule> questions_answered;
  std::vector<FactRule> facts;
  std::optional<UnitsRule> units;
  std::vector<PercentRule> percent;
  CheckRule sum;
  CheckRule rate;
  CheckOptions check_options;
};

}  // namespace bulletin
